"""Streamlit dashboard: layout only. Everything shown comes from pipeline/ functions."""
from __future__ import annotations

import os
from datetime import date
from pathlib import Path

import streamlit as st

from pipeline.build import build
from pipeline.charts import timeline_figure
from pipeline.config import DEFAULTS
from pipeline.export import read_events
from pipeline.filters import filter_events


@st.cache_data(show_spinner="Building the timeline…")
def load_events(path: str | None, mtime: float | None):
    if path:
        return read_events(path)
    return build().frame


st.set_page_config(page_title="Geopolitical timeline", layout="wide")
events_path = os.environ.get("TIMELINE_EVENTS")
frame = load_events(events_path, Path(events_path).stat().st_mtime if events_path else None)

st.title("Geopolitical timeline")
with st.sidebar:
    st.header("Filters")
    dates = st.date_input("Date range", (date.fromisoformat(DEFAULTS["focus_start"]), date.fromisoformat(DEFAULTS["focus_end"])), key="dates")
    actors = st.multiselect("Actor", sorted({a for v in frame["actors"] for a in v}), key="actors")
    countries = st.multiselect("Country", sorted({c for v in frame["countries"] for c in v}), key="countries")

start, end = (dates if isinstance(dates, (tuple, list)) and len(dates) == 2 else (None, None))
shown = filter_events(frame, start, end, actors, countries)
st.plotly_chart(timeline_figure(shown), key="timeline")
st.dataframe(shown[["date_start", "date_text", "headline", "quote", "source", "title", "published", "url"]], key="table")
