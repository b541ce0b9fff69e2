"""Geopolitical timeline pipeline: articles in, a frame of dated events out."""
from .run.memory import BuildResult, build
from .schema import COLUMNS, Event, events_frame

__all__ = ["build", "BuildResult", "Event", "COLUMNS", "events_frame"]
