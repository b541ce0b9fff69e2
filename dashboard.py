"""Streamlit dashboard: layout only. Everything shown comes from pipeline/ functions.

Three blocks: cached loaders keyed on path and file time; the filter state (sidebar widgets mirrored
into the URL so a shared link reproduces the view); then the layout.
"""
from __future__ import annotations

import os
from datetime import date
from pathlib import Path

import streamlit as st

from pipeline import charts, store, views
from pipeline.build import build
from pipeline.config import DEFAULTS, PROJECT_ROOT
from pipeline.export import CHROMIUM_HINT, MIME, export_bytes, find_chromium
from pipeline.filters import (LANES, BadFilter, FilterState, ListIndex, from_query_params, matching_rows,
                              options, data_range, to_query_params)

# Files up to this many events are held in memory once (shared by all sessions) and filtered in pandas;
# bigger Parquet files are scanned with the filters pushed down to the reader, reading only the columns the
# counts and the timeline need (text is read back for the rows shown: store.Scanned).
# $TIMELINE_IN_MEMORY_MAX overrides it (the tests take the scanned path with a small file).
IN_MEMORY_MAX = int(os.environ.get("TIMELINE_IN_MEMORY_MAX") or 300_000)
TABLE_PAGE = 200  # rows of the events table sent at a time (the table pages through all filtered mentions)

st.set_page_config(page_title="Geopolitical timeline", page_icon="🗓️", layout="wide")


# --- 1. Loaders (cached on path and modification time; shared across sessions) -------------------------

def events_location() -> tuple[str | None, float]:
    """The events file to show ($TIMELINE_EVENTS, else a fresh default build) and its modification time."""
    env = os.environ.get("TIMELINE_EVENTS")
    if env:
        path = Path(env)
        if not path.is_file():
            st.error(f"TIMELINE_EVENTS={env}: no such file. Point it at a .parquet, .csv or .json events file, "
                     f"or unset it to use the default build of {', '.join(DEFAULTS['inputs'])}.")
            st.stop()
        return str(path), path.stat().st_mtime
    fresh = store.fresh_default(DEFAULTS["out"], DEFAULTS["inputs"], PROJECT_ROOT / "pipeline")
    if fresh:
        return str(fresh), fresh.stat().st_mtime
    newest = max((p.stat().st_mtime for d in DEFAULTS["inputs"] for p in Path(d).rglob("*") if p.is_file()),
                 default=0.0)
    return None, newest


@st.cache_resource(show_spinner="Building the timeline from the articles…", max_entries=4)
def load_built(mtime: float):
    """The default build of the seed articles, in memory (no events file yet), in date order."""
    return store.prepare(build().frame)


@st.cache_resource(show_spinner="Reading the events…", max_entries=4)
def load_frame(path: str, mtime: float):
    """A whole events file, read once and shared by every session (treated as read-only), in date order."""
    return store.prepare(store.scan(path))


@st.cache_resource(max_entries=4)
def load_facets(path: str | None, mtime: float) -> dict:
    if path is None:
        frame = load_built(mtime)
        return {**options(frame), "range": list(data_range(frame))}
    return store.facets(path)


@st.cache_resource(max_entries=4)
def load_sources(path: str | None, mtime: float):
    """The sources panel: every article of the corpus with its counts and date coverage."""
    return views.sources_table(load_built(mtime)) if path is None else store.sources(path)


@st.cache_resource(max_entries=4)
def load_count(path: str, mtime: float) -> int:
    return store.count(path)


@st.cache_resource(show_spinner="Filtering…", max_entries=16)
def load_scan(path: str, mtime: float, key: tuple, _state: FilterState):
    """Rows of a big Parquet file matching the filters (pushed down to the reader); cached per filter state.

    A store.Scanned: the light columns of the matching rows in date order, their text read on demand.
    """
    return store.scan_light(path, _state)


# Per filter state, shared by every session (many analysts look at the same views): which rows match,
# the chart of each view, the table and its event picker. Read-only, like the frames they come from.
@st.cache_resource(show_spinner=False, max_entries=4)
def load_index(path: str | None, mtime: float) -> ListIndex:
    """Which rows of the shared frame name each actor and country (for the actor and country filters)."""
    return ListIndex(load_built(mtime) if path is None else load_frame(path, mtime))


@st.cache_resource(show_spinner=False, max_entries=64)
def load_rows(path: str | None, mtime: float, key: tuple, _state: FilterState):
    """Positions of the matching rows in the shared frame (not a filtered copy per state: memory stays flat)."""
    return matching_rows(load_built(mtime) if path is None else load_frame(path, mtime), _state,
                         load_index(path, mtime))


def scanned(path: str | None, mtime: float) -> bool:
    return path is not None and store.is_parquet(path) and load_count(path, mtime) > IN_MEMORY_MAX


_taken: dict = {}  # this run's filtered frames (the script runs anew each rerun: nothing outlives the run)


def filtered(path: str | None, mtime: float, state: FilterState):
    """The events matching `state` (taken from the shared frame when needed: cached views do not need it).

    A pandas frame, or for a big Parquet file a store.Scanned (see store.materialise, store.table_page).
    """
    if scanned(path, mtime):
        return load_scan(path, mtime, state.key(), state)
    key = (path, mtime, state.key())
    if key not in _taken:  # the chart and the table missing their caches in one run take the rows once
        frame = load_built(mtime) if path is None else load_frame(path, mtime)
        _taken[key] = frame.iloc[load_rows(path, mtime, state.key(), state)]
    return _taken[key]


def n_filtered(path: str | None, mtime: float, state: FilterState) -> int:
    if scanned(path, mtime):
        return len(load_scan(path, mtime, state.key(), state))
    return len(load_rows(path, mtime, state.key(), state))


@st.cache_resource(show_spinner=False, max_entries=64)
def load_chart(path: str | None, mtime: float, name: str, theme: str, key: tuple, _state: FilterState) -> dict:
    """The figure (a plain plotly dict) of one view for one filter state and theme."""
    return chart_spec(name, filtered(path, mtime, _state), _state, theme)


@st.cache_resource(show_spinner=False, max_entries=64)
def load_page(path: str | None, mtime: float, key: tuple, page: int, _state: FilterState) -> dict:
    """One page of the table, its event picker and the counts for one filter state (see views.table_page)."""
    return store.table_page(filtered(path, mtime, _state), TABLE_PAGE, page)


path, mtime = events_location()
facets = load_facets(path, mtime)


# --- 2. Filter state: URL -> widgets (first run of a session), widgets -> FilterState -> URL -------------

def _to_date(value: str | None, fallback: str) -> date:
    return date.fromisoformat((value or fallback)[:10])


def widgets_from_state(state: FilterState) -> None:
    """Put a FilterState into the widgets' session state (before they are drawn)."""
    st.session_state["dates"] = (_to_date(state.start, DEFAULTS["focus_start"]), _to_date(state.end, DEFAULTS["focus_end"]))
    st.session_state["context"] = state.context
    st.session_state["actors"] = list(state.actors)
    st.session_state["countries"] = list(state.countries)
    st.session_state["event_types"] = list(state.event_types)
    st.session_state["sources"] = list(state.sources)
    st.session_state["sections"] = list(state.sections)
    st.session_state["q"] = state.text
    st.session_state["lane"] = state.lane


def reset_filters() -> None:
    widgets_from_state(FilterState())
    st.session_state["event"] = None


if "_filters_ready" not in st.session_state:
    try:
        initial = from_query_params(st.query_params)
    except BadFilter as exc:
        st.warning(f"{exc}. Showing the default view instead.")
        initial = FilterState()
    widgets_from_state(initial)
    st.session_state["event"] = st.query_params.get("event")
    st.session_state["view"] = st.query_params.get("view") if st.query_params.get("view") in (
        "timeline", "weekly", "network", "map", "sources") else "timeline"
    st.session_state["_filters_ready"] = True

# The date picker spans the data, the focus window and whatever a shared link asked for.
lo, hi = facets["range"]
bound_lo = min([_to_date(lo, DEFAULTS["focus_start"]), _to_date(None, DEFAULTS["focus_start"]), *st.session_state["dates"]])
bound_hi = max([_to_date(hi, DEFAULTS["focus_end"]), _to_date(None, DEFAULTS["focus_end"]), *st.session_state["dates"]])


def _with_chosen(values: list[str], key: str) -> list[str]:
    """Options plus whatever a shared link chose that this corpus lacks (so the link still applies)."""
    return values + [v for v in st.session_state.get(key, []) if v not in values]


with st.sidebar:
    st.header("Filters")
    dates = st.date_input("Date range", key="dates", min_value=bound_lo, max_value=bound_hi, format="YYYY-MM-DD",
                          help=f"Focus window by default: {DEFAULTS['focus_start']} to {DEFAULTS['focus_end']}.")
    st.toggle("Show context events outside the date range", key="context",
              help="Events before and after the window, e.g. background an article recalls.")
    st.multiselect("Country", _with_chosen(facets["countries"], "countries"), key="countries",
                   format_func=views.country_label, placeholder="Any country")
    st.multiselect("Actor", _with_chosen(facets["actors"], "actors"), key="actors", placeholder="Any actor")
    st.multiselect("Event type", _with_chosen(facets["event_types"], "event_types"), key="event_types",
                   placeholder="Any type")
    st.multiselect("Source", _with_chosen(facets["sources"], "sources"), key="sources", placeholder="Any outlet")
    st.multiselect("Sections", facets["sections"], key="sections", placeholder="Every section",
                   help="Captions, teasers of other articles and reader comments are off by default.")
    st.text_input("Search", key="q", placeholder="words in headline, quote, actor, place",
                  help="Case-insensitive search in the headline, the quote, the date words, the outlet, the actors and places.")
    st.radio("Lanes", LANES, key="lane", horizontal=True, format_func=lambda v: "by country" if v == "countries" else "by actor")
    st.button("Reset filters", key="reset", on_click=reset_filters, width="stretch")

picked_dates = list(dates) if isinstance(dates, (tuple, list)) else [dates]  # mid-selection: one date only
start = picked_dates[0] if picked_dates else None
end = picked_dates[1] if len(picked_dates) > 1 else None
state = FilterState(
    start=start.isoformat() if start else None, end=end.isoformat() if end else None,
    context=bool(st.session_state["context"]), actors=tuple(st.session_state["actors"]),
    countries=tuple(st.session_state["countries"]), event_types=tuple(st.session_state["event_types"]),
    sources=tuple(st.session_state["sources"]), sections=tuple(st.session_state["sections"]),
    text=st.session_state["q"] or "", lane=st.session_state["lane"],
)
n_shown = n_filtered(path, mtime, state)
# The table's page: back to the first when the filters change, within range otherwise (set before its widget).
if st.session_state.get("_table_for") != state.key():
    st.session_state["_table_for"] = state.key()
    st.session_state["table_page"] = 1
n_pages = max(1, -(-n_shown // TABLE_PAGE))
if not 1 <= st.session_state.get("table_page", 1) <= n_pages:
    st.session_state["table_page"] = min(max(1, int(st.session_state.get("table_page") or 1)), n_pages)
page = load_page(path, mtime, state.key(), st.session_state.get("table_page", 1), state)


# --- 3. Layout ----------------------------------------------------------------------------------------

st.title("Geopolitical timeline")
origin = Path(path).name if path else f"build of {', '.join(Path(p).name + '/' for p in DEFAULTS['inputs'])}"
st.caption(f"{page['n_events']:,} events ({page['n_mentions']:,} mentions) from {page['n_docs']:,} articles · "
           f"data: {origin}")

if not n_shown:
    st.info("**No events match these filters.** Widen the date range, turn on context events, clear the search "
            "or the country/actor choices, or reset the filters.", icon="🔎")
    st.button("Reset filters", key="reset_empty", on_click=reset_filters)

fig_theme = "dark" if getattr(getattr(st.context, "theme", None), "type", "light") == "dark" else "light"
focus = (DEFAULTS["focus_start"], DEFAULTS["focus_end"])


def chart_spec(name: str, frame, state: FilterState, theme: str) -> dict:
    """The chart of one view as a plain plotly dict, built from the filtered events."""
    if name == "weekly":
        return charts.weekly_spec(frame, state.lane, theme=theme, only=state.lanes_chosen())
    if name == "network":
        return charts.network_spec(frame, theme=theme)
    if name == "map":
        return charts.map_spec(frame, views.known_coordinates(), theme=theme)
    return charts.timeline_spec(frame, lane=state.lane, focus=focus, context=state.context, theme=theme,
                                only=state.lanes_chosen(), all_types=facets["event_types"])


def figure(name: str, theme: str):
    """The chart of one view, only when that view is shown (cached, not validated again: see charts.ReadyFigure)."""
    return charts.ready_figure(load_chart(path, mtime, name, theme, state.key(), state))


# Only the chosen view is computed (tabs would compute all of them on every rerun); it is in the URL too.
VIEWS = {"timeline": "Timeline", "weekly": "Events per week", "network": "Actor network", "map": "Map",
         "sources": "Sources"}
view = st.segmented_control("View", list(VIEWS), key="view", format_func=VIEWS.get, label_visibility="collapsed",
                            required=True) or "timeline"

if view == "timeline":
    picked = st.plotly_chart(figure("timeline", fig_theme), key="timeline", on_select="rerun", selection_mode="points",
                             theme="streamlit", width="stretch",
                             config={"displaylogo": False, "toImageButtonOptions": {"format": "png", "scale": 3}})
    st.caption("Filled circle: dated to the day · open diamond on a band: known only to a week, month or season "
               "(the band spans it; a dotted line for a year or more) · bigger marker and a number: reported by "
               "more sources. Click a marker for its sources.")
    points = (picked or {}).get("selection", {}).get("points", []) if picked else []
    chosen = next((p["customdata"][0] for p in points if p.get("customdata")), None)
    if chosen and chosen != st.session_state.get("_last_pick"):
        st.session_state["_last_pick"] = chosen
        st.session_state["event"] = chosen
elif view == "weekly":
    st.plotly_chart(figure("weekly", fig_theme), key="weekly", theme="streamlit", width="stretch")
elif view == "network":
    st.plotly_chart(figure("network", fig_theme), key="network", theme="streamlit", width="stretch")
elif view == "map":
    if not views.known_coordinates():
        st.info("No coordinates are known for any place yet: the map shows places once the registry lists "
                "coordinates for them.", icon="🗺️")
    st.plotly_chart(figure("map", fig_theme), key="map", theme="streamlit", width="stretch")
else:
    st.caption("Every article in the corpus, with its events (all sections, all dates) and their date coverage.")
    st.dataframe(load_sources(path, mtime), key="sources_table", hide_index=True, width="stretch",
                 column_config={"url": st.column_config.LinkColumn("Link"), "published_inferred": "Date inferred",
                                "source": "Outlet", "title": "Article", "published": "Published", "doc_id": "File",
                                "events": "Events", "mentions": "Mentions", "first_date": "From", "last_date": "To"})

# --- Source attribution: pick an event (chart click, table row or this list) to see who reported it -----
# The events of the table's page in date order; the list is shared: copied before adding to it.
choices, labels = page["choices"], page["labels"]
if st.session_state.get("event") and st.session_state["event"] not in labels:
    if st.session_state["event"] in page["clusters"]:
        choices = [*choices, st.session_state["event"]]  # e.g. clicked on the chart beyond the table's rows
    else:
        st.session_state["event"] = None
st.selectbox("Event detail", choices, key="event", index=None, format_func=lambda c: labels.get(c, c),
             placeholder="Click an event on the chart, a row in the table, or pick one here")

event_id = st.session_state.get("event")
if event_id:
    detail = store.cluster_detail(filtered(path, mtime, state), event_id)
    with st.container(border=True, key="detail"):
        first = detail.iloc[0]
        st.subheader(views.escape_markdown(views.text_of(first["headline"], "Event")), anchor=False)
        span = views.text_of(first["date_start"], "undated")
        if views.text_of(first["date_end"]) and first["date_end"] != first["date_start"]:
            span += f" – {first['date_end']}"
        st.caption(f"{detail['doc_id'].nunique()} source(s) · {span} · {first['granularity']} · {first['event_type']}")
        for m in detail.to_dict("records"):
            outlet = views.escape_markdown(views.text_of(m["source"], "unknown outlet"))
            title = views.escape_markdown(views.text_of(m["title"], m["doc_id"]))
            link = f"[{title}]({m['url']})" if str(m["url"] or "").startswith(("http://", "https://")) else title
            flag = " (inferred from the text)" if m["published_inferred"] else ""
            st.markdown(f"**{outlet}** — {link} · published {views.escape_markdown(views.text_of(m['published'], 'date unknown'))}"
                        f"{flag} · {views.escape_markdown(m['section'])}")
            st.markdown("> " + views.quote_markdown(" ".join(m["quote"].split()), m["date_text"]))

table_view = page["table"]
rows = st.dataframe(
    page["arrow"], key="table", on_select="rerun", selection_mode="single-row", hide_index=True, width="stretch",
    height=320,
    column_config={"url": st.column_config.LinkColumn("Link"), "date_start": "Date", "date_text": "Date as written",
                   "headline": "Headline", "countries": "Countries", "actors": "Actors", "event_type": "Type",
                   "source": "Outlet", "title": "Article", "published": "Published", "section": "Section",
                   "quote": st.column_config.TextColumn("Quote", width="large"), "cluster_id": None})
if page["pages"] > 1:
    t1, t2 = st.columns([1, 4], vertical_alignment="bottom")
    t1.number_input("Table page", min_value=1, max_value=page["pages"], step=1, key="table_page")
    t2.caption(f"Mentions {page['first']:,}–{page['first'] + len(table_view) - 1:,} of {n_shown:,} "
               f"(page {page['page']:,} of {page['pages']:,}, {TABLE_PAGE} rows a page, in date order); the CSV "
               f"export has all of them.")
selected_rows = rows.selection.rows if rows is not None and hasattr(rows, "selection") else []
if selected_rows:
    row_cluster = table_view.iloc[selected_rows[0]]["cluster_id"]
    if row_cluster != st.session_state.get("_last_row"):
        st.session_state["_last_row"] = row_cluster
        st.session_state["event"] = row_cluster
        st.rerun()


# --- Exports: the chart of the current view, the filtered events, a briefing pack -------------------------

chart_name = view if view in ("weekly", "network", "map") else "timeline"
st.subheader("Export", anchor=False)
st.caption(f"Chart: {VIEWS[chart_name]} (switch the view above to export another chart) · events: the "
           f"{n_shown:,} filtered mentions · briefing: chart, dated events with citations, filters.")


def go_figure(name: str):
    """A validated graph-object figure of a view in the light theme, for the chart exports (on click only)."""
    from plotly import graph_objects as go

    return go.Figure(chart_spec(name, filtered(path, mtime, state), state, "light"))


def producer(fmt: str):
    def make() -> bytes:
        fig = go_figure(chart_name) if fmt not in ("csv", "json") else None
        return export_bytes(store.materialise(filtered(path, mtime, state)), fmt, fig=fig, filters=state.describe(), title="Geopolitical timeline briefing",
                            generated=date.today().isoformat())
    return make


stem = f"timeline-{state.start or 'start'}-{state.end or 'end'}"
has_chromium = find_chromium() is not None
cols = st.columns(7)
for col, (fmt, label, suffix, static) in zip(cols, [
        ("png", "PNG (high DPI)", "png", True), ("svg", "SVG", "svg", True), ("pdf", "PDF", "pdf", True),
        ("html", "Interactive HTML", "html", False), ("csv", "Events CSV", "csv", False),
        ("json", "Events JSON", "json", False), ("briefing-pdf", "Briefing pack (PDF)", "briefing.pdf", False)]):
    with col:
        name = f"{stem}.{suffix}" if fmt in ("csv", "json", "briefing-pdf") else f"{chart_name}-{stem}.{suffix}"
        st.download_button(label, data=producer(fmt), file_name=name, mime=MIME[fmt], key=f"dl_{fmt}",
                           disabled=static and not has_chromium, width="stretch",
                           help=CHROMIUM_HINT if static and not has_chromium else None)
if not has_chromium:
    st.caption(f"Static chart formats are off: {CHROMIUM_HINT}. The briefing pack then comes without the chart.")

# Mirror the view into the URL last, so a shared link reproduces exactly what is on screen.
params = to_query_params(state)
if view != "timeline":
    params["view"] = view
if st.session_state.get("event"):
    params["event"] = st.session_state["event"]
current = {k: st.query_params.get_all(k) if isinstance(params.get(k), list) else st.query_params.get(k)
           for k in st.query_params}
if params != current:
    st.query_params.from_dict(params)


# ======================================================================================================
# Corpus & curation (issue 6) — a self-contained block: add articles, rebuild, curate, extend the registry.
# Its logic lives in pipeline/uploads.py, pipeline/build.py and pipeline/curation.py; this only lays it out.
# Paths: $TIMELINE_CORPUS (uploads; default settings "corpus"), $TIMELINE_EVENTS (default settings "out"),
# $TIMELINE_DB (default: curations.sqlite next to the events file).
# ======================================================================================================

def escape_markdown(text) -> str:
    from pipeline.uploads import escape_markdown as escape

    return escape(text)


def _ingest_paths() -> dict:
    from pipeline.config import validate_settings
    from pipeline.curation import default_db_path

    settings = validate_settings(None)
    out = os.environ.get("TIMELINE_EVENTS") or settings["out"]
    return {"settings": settings, "corpus": Path(os.environ.get("TIMELINE_CORPUS") or settings["corpus"]),
            "out": Path(out), "db": Path(os.environ.get("TIMELINE_DB") or default_db_path({"out": out})),
            "registry": Path(os.environ.get("TIMELINE_REGISTRY") or settings["user_registry"])}


def _ingest_rebuild(paths: dict, flash: str | None = None) -> None:
    """Rebuild from the default inputs plus the corpus folder, write the events file, keep the report, rerun."""
    from pipeline.build import build
    from pipeline.export import write_events

    inputs = [i for i in [*paths["settings"]["inputs"], str(paths["corpus"])] if Path(i).exists()]
    bar = st.progress(0.0, text="Rebuilding…")
    result = build(inputs, {"out": str(paths["out"]), "db": str(paths["db"])},
                   progress=lambda i, n, name: bar.progress(i / max(n, 1), text=f"{i}/{n} {name}"))
    write_events(result.frame, paths["out"])
    st.cache_data.clear()
    st.cache_resource.clear()
    orphans = result.frame.attrs.get("curation_orphans") or []
    st.session_state["ingest_report"] = {
        "summary": escape_markdown(f"{len(result.frame)} events from {len(result.documents)} articles "
                                   f"({result.stats.get('reused', 0)} unchanged, reused) → {paths['out']}"),
        # messages quote file names and metadata from uploaded files: shown inert, never as Markdown/HTML
        "problems": [("error" if p.fatal else "warning", escape_markdown(p)) for p in result.problems]
        + [("warning", escape_markdown(f"curation #{o['id']} ({o['action']} {o['target']}): "
                                       "its event is no longer in the articles")) for o in orphans],
    }
    st.session_state["ingest_flash"] = escape_markdown(flash) if flash else None
    st.rerun()  # the timeline above reloads the rewritten events file


@st.cache_data(show_spinner=False, max_entries=2)
def _ingest_events(path: str, mtime: float):
    from pipeline.export import read_events

    return read_events(path)


@st.cache_resource(show_spinner=False, max_entries=4)
def _curation_options(source: str, mtime: float, _frame) -> dict:
    return views.curation_options(_frame)


def curation_options(frame) -> dict:
    """The pickers' options for a whole events frame, cached on the events file it was read from."""
    out = _ingest_paths()["out"]
    mtime = out.stat().st_mtime if out.exists() else 0.0
    return _curation_options(f"{out}:{len(frame)}", mtime, frame)


def corpus_and_curation_panel(frame=None, pick=None, n_file: int | None = None) -> None:
    """Upload articles, rebuild with progress, list problems, curate one event, add a person to the registry.

    `pick`: on a large events file, a function giving the pickers' options for the events on the table's page
    (a list of every event of a large file is too long to choose from, and to send on every rerun).
    `n_file`: the number of events in the file when `frame` holds only some of them.
    """
    from pipeline import curation
    from pipeline.uploads import store_uploads

    paths = _ingest_paths()
    if frame is None and paths["out"].exists():
        frame = _ingest_events(str(paths["out"]), paths["out"].stat().st_mtime)
    st.caption(f"Corpus folder: `{paths['corpus']}` · events: `{paths['out']}` · curations: `{paths['db']}`")
    report = st.session_state.get("ingest_report")
    flash = st.session_state.pop("ingest_flash", None)
    if flash:
        st.success(flash)
    add_tab, curate_tab, registry_tab = st.tabs(["Add articles", "Curate", "Registry"])

    with add_tab:
        files = st.file_uploader("Articles: .txt .md .html .json .jsonl, and a sources.csv for metadata",
                                 accept_multiple_files=True, key="ingest_files")
        if st.button("Store and rebuild", key="ingest_store", disabled=not files):
            bar = st.progress(0.0, text="Storing…")
            stored, problems = store_uploads(
                paths["corpus"], [(f.name, f.getvalue()) for f in files], paths["settings"]["max_upload_bytes"],
                progress=lambda i, n, name: bar.progress(i / n, text=f"Stored {i}/{n}: {name}"))
            st.session_state["ingest_uploaded"] = [s.path.name for s in stored]
            st.session_state["ingest_rejected"] = [escape_markdown(p) for p in problems]
            _ingest_rebuild(paths)
        if st.button("Rebuild", key="ingest_rebuild"):
            _ingest_rebuild(paths)
        if st.session_state.get("ingest_uploaded"):
            st.success(escape_markdown(f"Stored in the corpus: {', '.join(st.session_state['ingest_uploaded'])}"))
        for msg in st.session_state.get("ingest_rejected", []):
            st.warning(f"Not stored: {msg}")
        if report:
            st.info(report["summary"])
            for level, msg in report["problems"]:
                (st.error if level == "error" else st.warning)(msg)

    with curate_tab:
        if frame is None or not len(frame):
            st.info("No events yet: add articles and rebuild.")
        else:
            who = st.text_input("Your name (for the audit trail)", key="curate_who")
            # The pickers' options are computed once per events file (or filter state) and shared by sessions.
            opts = curation_options(frame) if pick is None else pick()
            labels = opts["labels"]
            if pick is not None:
                st.caption(f"Events to curate: the {len(labels):,} on the table's page shown above ({n_file or len(frame):,} "
                           f"in the file). Filter or page the table to reach others.")
            if not labels:
                st.info("No event matches the filters above: widen them to pick one to curate.")
            event_id = st.selectbox("Event", list(labels), format_func=labels.get, key="curate_event") if labels else None
            if event_id is not None:
                row = frame.loc[frame["event_id"] == event_id].iloc[0]
                st.text(row["quote"])  # article text is shown as text, never as HTML
                verified = str(row.get("verified", False)).strip().lower() in ("true", "1")  # bool, or text from a CSV
                st.caption(escape_markdown(f"{'Verified' if verified else 'Not verified'} · {row['doc_id']} · "
                                           f"cluster {row['cluster_id']}"))
                c1, c2, c3 = st.columns(3)
                try:
                    if c1.button("Verify", key="curate_verify"):
                        cid = curation.verify(paths["db"], event_id, who, frame)
                        _ingest_rebuild(paths, f"Curation #{cid}: verified {event_id}")
                    if c2.button("Hide", key="curate_hide"):
                        cid = curation.hide(paths["db"], event_id, who, frame)
                        _ingest_rebuild(paths, f"Curation #{cid}: hid {event_id} (undo brings it back)")
                    if c3.button("Undo last change", key="curate_undo"):
                        undone = curation.undo(paths["db"], who)
                        _ingest_rebuild(paths, f"Undone: #{undone['id']} {undone['action']} {undone['target']}")
                    with st.form("curate_correct"):
                        date_value = st.text_input("Date (TIMEX3 value, e.g. 2020-11-10 or 2020-11)",
                                                   row["date_value"] or "", key="curate_date")
                        actors = st.text_input("Actors (separated by ;)", ";".join(row["actors"]), key="curate_actors")
                        event_type = st.text_input("Event type", row["event_type"], key="curate_type")
                        headline = st.text_input("Headline", row["headline"], key="curate_headline")
                        if st.form_submit_button("Save correction"):
                            changes = {k: v for k, v, old in (
                                ("date_value", date_value, row["date_value"] or ""),
                                ("actors", actors, ";".join(row["actors"])),
                                ("event_type", event_type, row["event_type"]),
                                ("headline", headline, row["headline"])) if v != old}
                            if changes:
                                cid = curation.correct(paths["db"], event_id, changes, who, frame)
                                _ingest_rebuild(paths, f"Curation #{cid}: corrected {', '.join(changes)} of {event_id}")
                    others = [c for c in opts["clusters"] if c != row["cluster_id"]]
                    m1, m2 = st.columns([3, 1])
                    heads = opts["heads"]
                    into = m1.selectbox("Same real-world event as cluster", others, key="curate_merge_into",
                                        format_func=lambda c: f"{c} · {heads.get(c, '')[:100]}")
                    if m2.button("Merge", key="curate_merge", disabled=not others):
                        cid = curation.merge_clusters(paths["db"], [row["cluster_id"], into], who, frame, into=into)
                        _ingest_rebuild(paths, f"Curation #{cid}: merged {row['cluster_id']} into {into}")
                    if st.button("Split this event out of its cluster", key="curate_split"):
                        cid = curation.split_events(paths["db"], [event_id], who, frame)
                        _ingest_rebuild(paths, f"Curation #{cid}: {event_id} has a cluster of its own")
                except curation.CurationError as exc:
                    st.error(escape_markdown(exc))
            with st.form("curate_add"):
                st.markdown("**Add an event by hand**")
                a1, a2 = st.columns(2)
                add_date = a1.text_input("Date (e.g. 2020-11-10)", key="add_date")
                add_source = a2.text_input("Source (outlet)", key="add_source")
                add_headline = st.text_input("Headline", key="add_headline")
                add_url = st.text_input("Link (optional)", key="add_url")
                add_actors = st.text_input("Actors (separated by ;)", key="add_actors")
                if st.form_submit_button("Add event"):
                    fields = {"date_value": add_date, "source": add_source, "headline": add_headline,
                              "url": add_url, "actors": add_actors}
                    try:
                        cid, new_id = curation.add_event(paths["db"], {k: v for k, v in fields.items() if v}, who)
                        _ingest_rebuild(paths, f"Curation #{cid}: added event {new_id}")
                    except curation.CurationError as exc:
                        st.error(escape_markdown(exc))
            log = curation.history(paths["db"])
            if len(log):
                st.dataframe(log.tail(20), key="curate_log", hide_index=True)

    with registry_tab:
        with st.form("registry_add"):
            name = st.text_input("Name", key="registry_name")
            country = st.text_input("Country (ISO 3166-1 alpha-3, e.g. FRA)", key="registry_country")
            role = st.text_input("Role", key="registry_role")
            since = st.text_input("Role since (YYYY-MM-DD)", key="registry_since")
            if st.form_submit_button("Add person to registry"):
                try:
                    entry = curation.add_person(paths["registry"], name, st.session_state.get("curate_who"),
                                                country=country or None, role=role or None, since=since or None)
                    st.success(escape_markdown(f"Added {entry['name']} to {paths['registry']}; rebuild to use it."))
                except curation.CurationError as exc:
                    st.error(escape_markdown(exc))


# The curation panel runs on every rerun; on a large events file it opens on request only, and it reuses the
# frame the timeline already holds in memory instead of reading the file again.
CURATION_AUTO_MAX = int(os.environ.get("TIMELINE_CURATION_AUTO_MAX") or 5_000)  # (override: for the tests)


@st.cache_resource(show_spinner=False, max_entries=16)
def load_curation_rows(path: str, mtime: float, key: tuple, page: int, _state: FilterState):
    """A big file's rows the curation panel acts on: every mention (all dates, sections) of the page's events."""
    rows = store.page_rows(filtered(path, mtime, _state), (page - 1) * TABLE_PAGE, page * TABLE_PAGE)
    return store.cluster_rows(path, sorted(set(rows["cluster_id"])))


@st.cache_resource(show_spinner=False, max_entries=16)
def load_curation_pick(path: str | None, mtime: float, key: tuple, page: int, _state: FilterState) -> dict:
    """A large file's curation pickers: the events of the table's page (the filtered mentions, in date order)."""
    return views.curation_options(store.page_rows(filtered(path, mtime, _state), (page - 1) * TABLE_PAGE,
                                                  page * TABLE_PAGE))

with st.expander("Corpus & curation", expanded=False):
    _n_events = len(load_built(mtime)) if path is None else load_count(path, mtime)
    if _n_events <= CURATION_AUTO_MAX or st.toggle(f"Open curation for {_n_events:,} events", key="curation_open"):
        _same_file = path is not None and Path(path).resolve() == _ingest_paths()["out"].resolve()
        _big = _same_file and scanned(path, mtime) and _n_events > CURATION_AUTO_MAX  # not read whole: its page's
        corpus_and_curation_panel(load_frame(path, mtime) if _same_file and _n_events <= IN_MEMORY_MAX
                                  else load_curation_rows(path, mtime, state.key(), page["page"], state) if _big
                                  else None,
                                  pick=(lambda: load_curation_pick(path, mtime, state.key(), page["page"], state))
                                  if _n_events > CURATION_AUTO_MAX else None, n_file=_n_events if _big else None)

_taken.clear()  # the run is over: sessions keep no filtered frame between reruns
