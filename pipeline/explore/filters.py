"""Pure filters over the events frame, shared by the dashboard, the CLI exports and the benchmark.

A `FilterState` is the whole view state an analyst can set; it round-trips through URL query
parameters (`to_query_params` / `from_query_params`) so a shared link reproduces the view.
"""
from __future__ import annotations

import re
from dataclasses import asdict, dataclass, fields, replace
from datetime import date

import numpy as np
import pandas as pd

from ..errors import PipelineError
from ..schema import SECTIONS
from .names import codes_for

# Captions, teasers of other articles, reader comments and boilerplate are off until asked for.
DEFAULT_SECTIONS: tuple[str, ...] = ("body",)
LANES = ("countries", "actors")


class BadFilter(PipelineError, ValueError):
    """A filter value that cannot be used (e.g. a malformed date in a shared link)."""


@dataclass(frozen=True)
class FilterState:
    """Everything that decides which events are shown and how the timeline is laid out."""

    # None: open. A view's default dates are its corpus's (`explore.window.default_view`), not written here.
    start: str | None = None
    end: str | None = None
    context: bool = False  # True: ignore the date range, show context events around it
    actors: tuple[str, ...] = ()
    countries: tuple[str, ...] = ()
    event_types: tuple[str, ...] = ()
    sources: tuple[str, ...] = ()
    sections: tuple[str, ...] = DEFAULT_SECTIONS
    text: str = ""
    lane: str = "countries"

    def describe(self) -> list[tuple[str, str]]:
        """Human-readable (label, value) pairs for briefings and captions."""
        window = f"{self.start or '…'} to {self.end or '…'}"
        if self.context:
            dates = f"all dates ({window} highlighted)" if self.start or self.end else "all dates"
        else:
            dates = window
        return [
            ("Dates", dates),
            ("Actors", ", ".join(self.actors) or "any"),
            ("Countries", ", ".join(self.countries) or "any"),
            ("Event types", ", ".join(self.event_types) or "any"),
            ("Sources", ", ".join(self.sources) or "any"),
            ("Sections", ", ".join(self.sections) or "none"),
            ("Search", self.text or "—"),
            ("Lanes", self.lane),
        ]

    def lanes_chosen(self) -> tuple[str, ...]:
        """The lanes the analyst narrowed to: chosen countries (actors) when lanes are by country (actor)."""
        return self.countries if self.lane == "countries" else self.actors

    def key(self) -> tuple:
        """A hashable key (for caches)."""
        return tuple(asdict(self).values())


_LIST_FIELDS = ("actors", "countries", "event_types", "sources", "sections")
# URL parameter names: short, stable, documented in docs/dashboard.md.
_PARAM = {
    "start": "start", "end": "end", "context": "context", "actors": "actor", "countries": "country",
    "event_types": "type", "sources": "source", "sections": "section", "text": "q", "lane": "lane",
}


def to_query_params(state: FilterState, default: FilterState | None = None) -> dict[str, str | list[str]]:
    """The URL parameters for `state`: only values that differ from `default` (the view the corpus opens on;
    FilterState() when None), lists as repeats."""
    default = default or FilterState()
    out: dict[str, str | list[str]] = {}
    for f in fields(FilterState):
        value = getattr(state, f.name)
        if value == getattr(default, f.name):
            continue
        name = _PARAM[f.name]
        if f.name in _LIST_FIELDS:
            # An explicitly empty list (e.g. no sections) must survive the round trip too.
            out[name] = list(value) if value else ["-"]
        elif isinstance(value, bool):
            out[name] = "1" if value else "0"
        else:
            out[name] = "" if value is None else str(value)
    return out


def from_query_params(params, default: FilterState | None = None) -> FilterState:
    """Read a FilterState from URL parameters (a mapping; lists via `get_all` when available); what they do
    not say is taken from `default` (the view the corpus opens on; FilterState() when None).

    Unknown values are kept (the options may not exist in this corpus, the filter then matches nothing);
    malformed dates raise BadFilter naming the parameter.
    """
    def get_all(name: str) -> list[str]:
        if hasattr(params, "get_all"):
            return [str(v) for v in params.get_all(name)]
        value = params.get(name) if hasattr(params, "get") else None
        if value is None:
            return []
        return [str(v) for v in value] if isinstance(value, (list, tuple)) else [str(value)]

    values: dict = {}
    for f in fields(FilterState):
        raw = get_all(_PARAM[f.name])
        if not raw:
            continue
        if f.name in _LIST_FIELDS:
            values[f.name] = tuple(v for v in raw if v != "-")
        elif f.name == "context":
            values[f.name] = raw[-1].strip().lower() in ("1", "true", "yes", "on")
        elif f.name in ("start", "end"):
            values[f.name] = _iso_date(raw[-1], _PARAM[f.name])
        elif f.name == "lane":
            values[f.name] = raw[-1] if raw[-1] in LANES else "countries"
        else:
            values[f.name] = raw[-1]
    return replace(default or FilterState(), **values)


def _iso_date(value: str, name: str) -> str | None:
    if not value:
        return None
    try:
        return date.fromisoformat(value[:10]).isoformat()
    except ValueError:
        raise BadFilter(f"URL parameter {name}={value!r} is not a date; use YYYY-MM-DD") from None


SEARCH_COLUMN = "_search"
_SEARCHED = ("headline", "quote", "date_text", "source")


def with_search_text(frame: pd.DataFrame) -> pd.DataFrame:
    """Add a lower-cased text column (`_search`) that the free-text filter scans in one pass.

    Worth it for frames filtered many times (the dashboard's cached frame); same matches as without it.
    """
    parts = [frame[c].fillna("").astype(str) for c in _SEARCHED]
    parts += [frame[c].map(lambda v: "\x1f".join(v)) for c in ("actors", "locations")]
    blob = parts[0]
    for p in parts[1:]:
        blob = blob + "\x1f" + p
    return frame.assign(**{SEARCH_COLUMN: blob.str.lower()})


def _any_of(column: pd.Series, chosen: tuple[str, ...]) -> pd.Series:
    wanted = set(chosen)
    return column.map(lambda v: not wanted.isdisjoint(v)).astype(bool)


def filter_events(frame: pd.DataFrame, state: FilterState | None = None, **legacy) -> pd.DataFrame:
    """Keep the events that match `state` (date overlap, any chosen actor/country/type/source, section, text).

    Events without a resolved date are kept only when the date range is open or context is on.
    Old-style keyword arguments (start, end, actors, countries) are accepted too.
    """
    return frame[_mask(frame, state, **legacy)]


class ListIndex:
    """Which rows name each actor and country: built once for a frame filtered many times (the dashboard's).

    Per list column, every item as an integer code with the position of its row, so "any of these actors"
    is a lookup of the chosen codes instead of a Python test of every row's list.
    """

    def __init__(self, frame: pd.DataFrame, columns: tuple[str, ...] = ("actors", "countries")):
        self.rows = len(frame)
        self.columns: dict[str, tuple[np.ndarray, np.ndarray, dict]] = {}
        for col in columns:
            cells = frame[col].tolist()
            lengths = np.fromiter((len(v) for v in cells), dtype=np.int64, count=len(cells))
            flat = [x for v in cells for x in v]
            codes, uniques = pd.factorize(pd.Series(flat, dtype=object))
            self.columns[col] = (np.asarray(codes), np.repeat(np.arange(len(cells)), lengths),
                                 {v: i for i, v in enumerate(uniques)})

    def any_of(self, col: str, chosen: tuple[str, ...]) -> np.ndarray:
        codes, parents, lookup = self.columns[col]
        wanted = [lookup[v] for v in chosen if v in lookup]
        out = np.zeros(self.rows, dtype=bool)
        out[parents[np.isin(codes, wanted)]] = True
        return out


def matching_rows(frame: pd.DataFrame, state: FilterState, index: ListIndex | None = None) -> np.ndarray:
    """The positions of the rows `filter_events` keeps, in frame order (`frame.iloc[rows]` is its result).

    Small enough to keep per filter state for a frame shared by many sessions, where the filtered copies
    themselves would add up. `index`: a ListIndex of this very frame, for the actor and country filters.
    """
    if index is not None and index.rows != len(frame):
        raise ValueError("the ListIndex was built for another frame")
    return np.flatnonzero(_mask(frame, state, _index=index).to_numpy())


def _mask(frame: pd.DataFrame, state: FilterState | None = None, _index: ListIndex | None = None,
          **legacy) -> pd.Series:
    if state is None:
        legacy = {k: (tuple(v) if isinstance(v, (list, tuple, set)) else v) for k, v in legacy.items()}
        for k in ("start", "end"):
            if legacy.get(k) is not None:
                legacy[k] = str(legacy[k])
        state = replace(FilterState(start=None, end=None, sections=()), **legacy)
    mask = pd.Series(True, index=frame.index)
    if not state.context:
        if state.start is not None:
            mask &= frame["date_end"].fillna("0000").astype(str) >= str(state.start)
        if state.end is not None:
            mask &= frame["date_start"].fillna("9999").astype(str) <= str(state.end)
    if state.sections:
        mask &= frame["section"].isin(state.sections)
    if state.event_types:
        mask &= frame["event_type"].isin(state.event_types)
    if state.sources:
        mask &= frame["source"].fillna("").isin(state.sources)
    if state.actors:
        mask &= _index.any_of("actors", state.actors) if _index else _any_of(frame["actors"], state.actors)
    if state.countries:
        mask &= (_index.any_of("countries", state.countries) if _index
                 else _any_of(frame["countries"], state.countries))
    # A query naming a country ("Turkey", "Türkiye", "TUR", "Turkish") also finds the events of that country,
    # whatever name their text uses (issue 19).
    named = codes_for(state.text) if state.text.strip() else frozenset()
    if state.text.strip() and SEARCH_COLUMN in frame.columns:
        found = frame[SEARCH_COLUMN].str.contains(state.text.strip().lower(), regex=False)
        if named:
            found |= (_index.any_of("countries", tuple(sorted(named))) if _index
                      else _any_of(frame["countries"], tuple(named)))
        mask &= found
    elif state.text.strip():
        needle = re.escape(state.text.strip())
        found = pd.Series(False, index=frame.index)
        for col in _SEARCHED:
            found |= frame[col].fillna("").astype(str).str.contains(needle, case=False, regex=True)
        pattern = re.compile(needle, re.I)
        for col in ("actors", "locations"):
            found |= frame[col].map(lambda v: any(pattern.search(a) for a in v)).astype(bool)
        if named and "countries" in frame.columns:
            found |= _any_of(frame["countries"], tuple(named))
        mask &= found
    return mask


def options(frame: pd.DataFrame) -> dict[str, list[str]]:
    """The values each list/choice filter can take in this frame, sorted (for the sidebar)."""
    def flat(col: str) -> list[str]:
        return sorted({x for v in frame[col] for x in v})

    def uniq(col: str) -> list[str]:
        return sorted({str(v) for v in frame[col].dropna().unique() if str(v)})

    return {
        "actors": flat("actors"), "countries": flat("countries"), "event_types": uniq("event_type"),
        "sources": uniq("source"), "sections": [s for s in SECTIONS],
    }


def data_range(frame: pd.DataFrame) -> tuple[str | None, str | None]:
    """The earliest start and latest end date in the frame (None when no event has a date)."""
    starts = frame["date_start"].dropna()
    ends = frame["date_end"].dropna()
    return (str(starts.min()) if len(starts) else None, str(ends.max()) if len(ends) else None)


__all__ = ["FilterState", "BadFilter", "DEFAULT_SECTIONS", "LANES", "filter_events", "matching_rows", "ListIndex", "to_query_params",
           "from_query_params", "options", "data_range", "with_search_text", "SEARCH_COLUMN"]

