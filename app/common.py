"""What every page shares: the settings, the events (cached per file and modification time, shared by every
session), and the filter state (sidebar widgets mirrored into the URL, so a shared link reproduces the view)."""
from __future__ import annotations

from datetime import date
from pathlib import Path

import streamlit as st

from pipeline.build import build
from pipeline.config import settings_from_environment
from pipeline.errors import PipelineError
from pipeline.explore import names, views, window
from pipeline.explore.filters import LANES, BadFilter, FilterState, from_query_params
from pipeline.frame.io import read_build_record
from pipeline.explore.query import Events, curations_on_read, locate_events, open_events

TABLE_PAGE = 200  # rows of the events table sent at a time (the table pages through all filtered mentions)


def settings() -> dict:
    """The settings, with the TIMELINE_* environment variables applied; a bad one stops the page with one line."""
    try:
        return settings_from_environment()
    except PipelineError as exc:
        st.error(views.escape_markdown(exc))
        st.stop()


def events_location() -> tuple[str | None, float]:
    """The events file to show (or None: build the inputs in memory) and its modification time."""
    try:
        return locate_events(settings())
    except PipelineError as exc:
        st.error(views.escape_markdown(exc))
        st.stop()


@st.cache_resource(show_spinner="Reading the events…", max_entries=4)
def load_events(path: str | None, mtime: float, in_memory_max: int, db: str | None = None,
                db_mtime: float = 0.0) -> Events:
    """The events of a file (with the curations of `db` applied on read, for a file the pipeline did not
    build), or of a build of the inputs when there is no fresh events file (read-only, shared)."""
    if path is None:
        return Events(frame=build().frame)
    return open_events(path, in_memory_max, db)


@st.cache_data(show_spinner=False, max_entries=8)
def _recorded(path: str, mtime: float) -> bool:
    """Whether the events file records what it was built from (read from its footer once per version)."""
    return read_build_record(path) is not None


def _on_read(path: str, mtime: float) -> str | None:
    db = curations_on_read(path, settings(), recorded=_recorded(path, mtime))
    return None if db is None else str(db)


def _located() -> tuple[str | None, float, tuple]:
    """The events file, its time, and the load_events keys: (in_memory_max, curation db, its time)."""
    path, mtime = events_location()
    try:
        db = _on_read(path, mtime) if path else None
    except PipelineError:  # a damaged file: reading it (load_events) names it
        db = None
    db_mtime = Path(db).stat().st_mtime if db and Path(db).exists() else 0.0
    return path, mtime, (settings()["in_memory_max"], db, db_mtime)


def current(stop: bool = True) -> tuple[Events | None, str | None, float]:
    """The events this run shows, with their file and its modification time (the cache keys of the views).
    A damaged events file or curation database shows one line naming it and the way out, then stops the page
    (or, with `stop=False`, gives None for the events: the curation page still offers Rebuild)."""
    path, mtime, keys = _located()
    try:
        events = load_events(path, mtime, *keys)
    except PipelineError as exc:
        st.error(views.escape_markdown(exc))
        if stop:
            st.stop()
        events = None
    return events, path, mtime + keys[2]  # a curation applied on read changes what the views show


def facets() -> dict:
    path, mtime, keys = _located()
    try:
        return load_facets(path, mtime, *keys)
    except PipelineError as exc:
        st.sidebar.error(views.escape_markdown(exc))
        return {"countries": [], "actors": [], "event_types": [], "sources": [], "sections": [], "range": [None, None]}


@st.cache_resource(max_entries=4)
def load_facets(path: str | None, mtime: float, in_memory_max: int, db: str | None = None,
                db_mtime: float = 0.0) -> dict:
    return load_events(path, mtime, in_memory_max, db, db_mtime).facets()


# --- the filter state: URL -> widgets (first run of a session), widgets -> FilterState ------------------------

def _to_date(value: str | None, fallback: str | None) -> date:
    return date.fromisoformat((value or fallback or date.today().isoformat())[:10])


@st.cache_resource(show_spinner=False, max_entries=8)
def load_view(path: str | None, mtime: float, in_memory_max: int, corpus_key: tuple) -> window.View:
    """The view the events open on (their corpus file's window, or their densest span), per file and corpus file."""
    corpus = window.read_corpus_file(corpus_key[0]) if corpus_key else None
    return window.default_view(window.window_frame(load_events(path, mtime, in_memory_max)), corpus)


def view(warn: bool = False) -> window.View:
    """The view this corpus opens on (issue 19): `corpus.yaml` beside the articles, else the densest span.

    A corpus file that cannot be used is left out (the densest span is used); `warn`: say so (once a run)."""
    path, mtime = events_location()
    try:
        found = window.corpus_file_for(settings())
    except PipelineError as exc:
        if warn:
            st.warning(f"{views.escape_markdown(exc)}. Opening on the densest span of the events instead.")
        found = None
    key = (found.path, Path(found.path).stat().st_mtime) if found else ()
    try:
        return load_view(path, mtime, settings()["in_memory_max"], key)
    except PipelineError:  # a damaged events file: the page that reads it names it (current); all dates meanwhile
        return window.View(None, None, origin="all dates")


def default_state() -> FilterState:
    """The filter state of the default view (what "Reset filters" returns to, what a clean URL means)."""
    return view().state()


def _data_range() -> tuple[str | None, str | None]:
    lo, hi = facets()["range"]
    return lo, hi


FILTER_KEYS = ("dates", "context", "actors", "countries", "event_types", "sources", "sections", "q", "lane")


def widgets_from_state(state: FilterState) -> None:
    """Put a FilterState into the widgets' session state (before they are drawn); open dates: the data's range."""
    lo, hi = _data_range()
    st.session_state["dates"] = (_to_date(state.start, lo), _to_date(state.end, hi))
    st.session_state["context"] = state.context
    st.session_state["actors"] = list(state.actors)
    st.session_state["countries"] = list(state.countries)
    st.session_state["event_types"] = list(state.event_types)
    st.session_state["sources"] = list(state.sources)
    st.session_state["sections"] = list(state.sections)
    st.session_state["q"] = state.text
    st.session_state["lane"] = state.lane


def reset_filters() -> None:
    widgets_from_state(default_state())
    st.session_state["event"] = None


def _dates_chosen() -> None:
    """A range picked by hand is the range wanted: the axis follows it (context events off until asked for)."""
    st.session_state["context"] = False


def _with_chosen(values: list[str], key: str) -> list[str]:
    """Options plus whatever a shared link chose that this corpus lacks (so the link still applies)."""
    return values + [v for v in st.session_state.get(key, []) if v not in values]


def filter_sidebar() -> FilterState:
    """The sidebar's filters (seeded from the URL on a session's first run) as a FilterState."""
    if "_filters_ready" in st.session_state and any(k not in st.session_state for k in FILTER_KEYS):
        # Streamlit drops a widget's state when a run ended before drawing it (a rerun that interrupted the last
        # one): read the filters again from the URL, which the last complete run wrote (bench/load.py found it)
        del st.session_state["_filters_ready"]
    if "_filters_ready" not in st.session_state:
        try:
            initial = from_query_params(st.query_params, default=default_state())
        except BadFilter as exc:
            st.warning(f"{views.escape_markdown(exc)}. Showing the default view instead.")
            initial = default_state()
        widgets_from_state(initial)
        st.session_state["event"] = st.query_params.get("event")
        st.session_state["view"] = st.query_params.get("view") if st.query_params.get("view") in (
            "timeline", "weekly", "network", "map") else "timeline"
        st.session_state["_filters_ready"] = True
    opening = view(warn=True)
    moved = st.session_state.pop("_move_view_to", None)  # after an upload: the new articles' span (issue 19)
    if moved:
        st.session_state["dates"] = (_to_date(moved[0], None), _to_date(moved[1], None))
        st.session_state["context"] = False
    # The date picker spans the data, the default view and whatever a shared link asked for.
    found = facets()
    lo, hi = found["range"]
    bound_lo = min([_to_date(lo, opening.start), _to_date(opening.start, lo), *st.session_state["dates"]])
    bound_hi = max([_to_date(hi, opening.end), _to_date(opening.end, hi), *st.session_state["dates"]])
    default_dates = (f"{opening.start} to {opening.end} ({opening.origin})" if opening.start else opening.origin)
    with st.sidebar:
        st.header("Filters")
        if opening.note:
            st.caption(views.escape_markdown(opening.note))
        dates = st.date_input("Date range", key="dates", min_value=bound_lo, max_value=bound_hi, format="YYYY-MM-DD",
                              help=f"Opens on {default_dates}.", on_change=_dates_chosen)
        st.toggle("Show context events outside the date range", key="context",
                  help="Events before and after the window, e.g. background an article recalls.")
        # Options show the names analysts type ("Türkiye (Turkey, TUR, Turkish)"), matched as substrings: the
        # default fuzzy matching offered "Russian Federation" for "USA" (u-s-a in order; issue 19).
        st.multiselect("Country", _with_chosen(found["countries"], "countries"), key="countries",
                       format_func=names.country_option, filter_mode="contains", placeholder="Any country")
        st.multiselect("Actor", _with_chosen(found["actors"], "actors"), key="actors", placeholder="Any actor")
        st.multiselect("Event type", _with_chosen(found["event_types"], "event_types"), key="event_types",
                       placeholder="Any type")
        st.multiselect("Source", _with_chosen(found["sources"], "sources"), key="sources", placeholder="Any outlet")
        st.multiselect("Sections", found["sections"], key="sections", placeholder="Every section",
                       help="Captions, teasers of other articles and reader comments are off by default.")
        st.text_input("Search", key="q", placeholder="words in headline, quote, actor, place",
                      help="Case-insensitive search in the headline, the quote, the date words, the outlet, the "
                           "actors and places. A country's name, former name, ISO code or demonym (Turkey, "
                           "Türkiye, TUR, Turkish) also finds its events.")
        st.radio("Lanes", LANES, key="lane", horizontal=True,
                 format_func=lambda v: "by country" if v == "countries" else "by actor")
        st.button("Reset filters", key="reset", on_click=reset_filters, width="stretch")
    picked = list(dates) if isinstance(dates, (tuple, list)) else [dates]  # mid-selection: one date only
    start = picked[0] if picked else None
    end = picked[1] if len(picked) > 1 else None
    return FilterState(
        start=start.isoformat() if start else None, end=end.isoformat() if end else None,
        context=bool(st.session_state["context"]), actors=tuple(st.session_state["actors"]),
        countries=tuple(st.session_state["countries"]), event_types=tuple(st.session_state["event_types"]),
        sources=tuple(st.session_state["sources"]), sections=tuple(st.session_state["sections"]),
        text=st.session_state["q"] or "", lane=st.session_state["lane"],
    )


@st.cache_resource(show_spinner=False, max_entries=64)
def load_page(path: str | None, mtime: float, key: tuple, page: int, _state: FilterState) -> dict:
    """One page of the table, its event picker and the counts for one filter state (see views.table_page)."""
    return current()[0].filter(_state).page(TABLE_PAGE, page)


def table_page_number(state: FilterState, n_shown: int) -> int:
    """The table's page: back to the first when the filters change, within range otherwise (set before its widget)."""
    if st.session_state.get("_table_for") != state.key():
        st.session_state["_table_for"] = state.key()
        st.session_state["table_page"] = 1
    n_pages = max(1, -(-n_shown // TABLE_PAGE))
    if not 1 <= st.session_state.get("table_page", 1) <= n_pages:
        st.session_state["table_page"] = min(max(1, int(st.session_state.get("table_page") or 1)), n_pages)
    return st.session_state.get("table_page", 1)


def state() -> FilterState:
    """This run's filter state (drawn by `dashboard.py` in the sidebar of every page)."""
    return st.session_state["_filter_state"]
