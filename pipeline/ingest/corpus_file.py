"""The corpus file: `corpus.yaml` beside the articles says what the corpus is about and where the view opens.

    # corpus.yaml
    title: Border talks, autumn briefing          # shown above the timeline and on exports
    focus:                                        # the date range the dashboard and exports open on
      start: 2023-09-01
      end: 2023-11-30
    lanes: countries                              # timeline lanes by default: countries or actors

Every key is optional. Without a file (or without `focus`), the view opens on every event with the corpus's own
densest span shaded (`pipeline.explore.window.densest_span`). The file is read, never written, by the pipeline; a file that cannot
be used raises `BadCorpusFile` naming the file and the key.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Iterable

import yaml

from ..errors import PipelineError

CORPUS_FILE = "corpus.yaml"
KEYS = ("title", "focus", "lanes")
LANE_CHOICES = ("countries", "actors")


class BadCorpusFile(PipelineError, ValueError):
    """A corpus.yaml that cannot be used: not YAML, an unknown key, a date that is not a date."""


@dataclass(frozen=True)
class CorpusFile:
    """What a corpus.yaml says: a title, a focus window (ISO dates, or None), the default lanes."""

    path: str
    title: str = ""
    focus_start: str | None = None
    focus_end: str | None = None
    lanes: str = "countries"

    @property
    def focus(self) -> tuple[str, str] | None:
        """The focus window as (start, end) ISO dates, or None when the file gives none."""
        return (self.focus_start, self.focus_end) if self.focus_start and self.focus_end else None


def _iso(value, path: Path, key: str) -> str:
    try:
        return date.fromisoformat(str(value).strip()).isoformat()
    except ValueError:
        raise BadCorpusFile(f"{path}: focus {key} {value!r} is not a date; write it as YYYY-MM-DD") from None


def read_corpus_file(path: str | Path) -> CorpusFile:
    """Read one corpus.yaml. Raises BadCorpusFile (file and key named) when it cannot be used."""
    path = Path(path)
    try:
        # every value as text (no YAML dates, numbers or nulls): dates are checked here, named when wrong
        raw = yaml.load(path.read_text(encoding="utf-8"), Loader=getattr(yaml, "CBaseLoader", yaml.BaseLoader))
    except (OSError, UnicodeDecodeError) as exc:
        raise BadCorpusFile(f"{path}: cannot be read ({exc})") from None
    except yaml.YAMLError as exc:
        raise BadCorpusFile(f"{path}: not valid YAML ({str(exc).splitlines()[0]})") from None
    if raw is None:
        return CorpusFile(path=str(path))
    if isinstance(raw, str) and not raw.strip():
        return CorpusFile(path=str(path))
    if not isinstance(raw, dict):
        raise BadCorpusFile(f"{path}: expected keys {', '.join(KEYS)}, got a {type(raw).__name__}")
    unknown = sorted(str(k) for k in raw if k not in KEYS)
    if unknown:
        raise BadCorpusFile(f"{path}: unknown key {', '.join(unknown)}; valid keys: {', '.join(KEYS)}")
    focus = raw.get("focus") or {}
    if not isinstance(focus, dict) or set(focus) - {"start", "end"}:
        raise BadCorpusFile(f"{path}: focus must have start and end dates (YYYY-MM-DD), got {focus!r}")
    start = _iso(focus["start"], path, "start") if focus.get("start") else None
    end = _iso(focus["end"], path, "end") if focus.get("end") else None
    if (start is None) != (end is None):
        raise BadCorpusFile(f"{path}: focus needs both start and end (YYYY-MM-DD)")
    if start and end and start > end:
        raise BadCorpusFile(f"{path}: focus start {start} is after its end {end}")
    lanes = raw.get("lanes") or "countries"
    if lanes not in LANE_CHOICES:
        raise BadCorpusFile(f"{path}: lanes must be one of {', '.join(LANE_CHOICES)}, got {lanes!r}")
    title = raw.get("title")
    return CorpusFile(path=str(path), title="" if title is None else str(title).strip(), focus_start=start,
                      focus_end=end, lanes=lanes)


def find_corpus_file(places: Iterable[str | Path]) -> CorpusFile | None:
    """The first corpus.yaml found in `places` (folders; for a file, its folder), read; None when there is none."""
    for place in places:
        p = Path(place)
        folder = p if p.is_dir() else p.parent
        candidate = folder / CORPUS_FILE
        if candidate.is_file():
            return read_corpus_file(candidate)
    return None


__all__ = ["CORPUS_FILE", "CorpusFile", "BadCorpusFile", "read_corpus_file", "find_corpus_file"]
