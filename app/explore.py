"""Explore: the timeline (or another view) of the filtered events, the detail of one event with every source
that reported it, the events table, and the exports. Layout only."""
from __future__ import annotations

from datetime import date
from pathlib import Path

import streamlit as st

from app import common
from pipeline.explore import charts, views
from pipeline.explore.exports import CHART_FORMATS, CHROMIUM_HINT, MIME, SUFFIX, export_bytes, find_chromium
from pipeline.explore.filters import FilterState, to_query_params
from pipeline.explore.key import KEY_EVENTS_TOP, follow_cluster_link, key_events
from pipeline.wording import counts_phrase, plural

VIEWS = {"timeline": "Timeline", "weekly": "Events per week", "network": "Actor network", "map": "Map"}

events, path, mtime = common.current()
state = common.state()
shown = events.filter(state)
n_shown = len(shown)
page = common.load_page(path, mtime, state.key(), common.table_page_number(state, n_shown), state)
found = common.facets()
settings = common.settings()
opening = common.view()
focus = (state.start, state.end)  # issue 19: the charts' axes follow the sidebar's date range


@st.cache_resource(show_spinner=False, max_entries=64)
def load_chart(path: str | None, mtime: float, name: str, theme: str, key: tuple, _state: FilterState) -> dict:
    """The figure (a plain plotly dict) of one view for one filter state and theme."""
    return charts.chart_spec(name, common.current()[0].filter(_state), _state, theme, focus=(_state.start, _state.end),
                             all_types=found["event_types"], coordinates=views.known_coordinates())


def figure(name: str, theme: str):
    """The chart of one view, only when that view is shown (cached, not validated again: see charts.ReadyFigure)."""
    return charts.ready_figure(load_chart(path, mtime, name, theme, state.key(), state))


st.title("Geopolitical timeline")
if opening.title:
    st.subheader(views.escape_markdown(opening.title), anchor=False)
inputs = settings["inputs"]
origin = Path(path).name if path else f"build of {', '.join(Path(p).name + '/' for p in inputs)}"
st.caption(f"{counts_phrase(page['n_events'], page['n_mentions'])} from {plural(page['n_docs'], 'article')} · "
           f"data: {views.escape_markdown(origin)}")

if not n_shown:
    st.info("**No events match these filters.** Widen the date range, turn on context events, clear the search "
            "or the country/actor choices, or reset the filters.", icon=":material/search:")
    st.button("Reset filters", key="reset_empty", on_click=common.reset_filters)

fig_theme = "dark" if getattr(getattr(st.context, "theme", None), "type", "light") == "dark" else "light"

# Only the chosen view is computed (tabs would compute all of them on every rerun); it is in the URL too.
view = st.segmented_control("View", list(VIEWS), key="view", format_func=VIEWS.get, label_visibility="collapsed",
                            required=True) or "timeline"
if view == "timeline":
    picked = st.plotly_chart(figure("timeline", fig_theme), key="timeline", on_select="rerun", selection_mode="points",
                             theme="streamlit", width="stretch",
                             config={"displaylogo": False, "toImageButtonOptions": {"format": "png", "scale": 3}})
    st.caption("Filled circle: dated to the day · open diamond on a band, labelled with its precision (\"Nov "
               "2020\", \"autumn 2020\"): known only to a week, month or season (the band spans it; a dotted line "
               "for a year or more) · bigger marker and a number: reported by more sources. Click a marker for its "
               "sources.")
    points = (picked or {}).get("selection", {}).get("points", []) if picked else []
    chosen = next((p["customdata"][0] for p in points if p.get("customdata")), None)
    if chosen and chosen != st.session_state.get("_last_pick"):
        st.session_state["_last_pick"] = chosen
        st.session_state["event"] = chosen
else:
    if view == "map" and not views.known_coordinates():
        st.info("No coordinates are known for any place yet: the map shows places once the registry lists "
                "coordinates for them.", icon=":material/map:")
    # the map's world outline comes from this server (static/world_110m.json), never from a CDN (issue 19)
    st.plotly_chart(figure(view, fig_theme), key=view, theme="streamlit", width="stretch",
                    config={"displaylogo": False, "topojsonURL": "app/static/"})

# --- Source attribution: pick an event (chart click, table row or this list) to see who reported it -----
# The events of the table's page in date order; the list is shared: copied before adding to it.
choices, labels = page["choices"], page["labels"]
if st.session_state.get("event") and st.session_state["event"] not in labels:
    if st.session_state["event"] not in page["clusters"]:  # an old link: its namesake mention, or the record
        ids = shown.columns(["event_id", "cluster_id"])
        st.session_state["event"] = follow_cluster_link(ids["event_id"], ids["cluster_id"], st.session_state["event"],
                                                        path)
    if st.session_state["event"] in page["clusters"]:
        choices = [*choices, st.session_state["event"]]  # e.g. clicked on the chart beyond the table's rows
    else:
        st.session_state["event"] = None
st.selectbox("Event detail", choices, key="event", index=None, format_func=lambda c: labels.get(c, c),
             placeholder="Click an event on the chart, a row in the table, or pick one here")

event_id = st.session_state.get("event")
st.session_state["reading_cluster"] = event_id  # the curation page opens on the event being read (issue 20)
if event_id:
    detail = shown.detail(event_id)
    with st.container(border=True, key="detail"):
        shown_detail = views.detail_markdown(detail)
        st.subheader(shown_detail["title"], anchor=False)
        st.caption(shown_detail["caption"])
        for source in shown_detail["sources"]:
            st.markdown(source["line"])
            st.markdown(source["quote"])

if st.checkbox("Key events: the most salient first", key="key_events",
               help="Clusters ranked by salience: articles that report them, later ones looking back counting "
                    "most, corroborated by independent outlets (docs/clusters.md)"):
    st.dataframe(key_events(shown.frame(), KEY_EVENTS_TOP), hide_index=True, width="stretch", key="key_events_table",
                 column_config={"quote": None, "cluster_id": None, "title": None})

table_view = page["table"]
rows = st.dataframe(
    page["arrow"], key="table", on_select="rerun", selection_mode="single-row", hide_index=True, width="stretch",
    height=320,
    column_config={"url": st.column_config.LinkColumn("Link"), "date_display": "Date", "date_start": None,
                   "date_text": "Date as written",
                   "headline": "Headline", "countries": "Countries", "actors": "Actors", "event_type": "Type",
                   "source": "Outlet", "title": "Article", "published": "Published", "section": "Section",
                   "quote": st.column_config.TextColumn("Quote", width="large"), "cluster_id": None})
if page["pages"] > 1:
    t1, t2 = st.columns([1, 4], vertical_alignment="bottom")
    t1.number_input("Table page", min_value=1, max_value=page["pages"], step=1, key="table_page")
    t2.caption(f"Mentions {page['first']:,}–{page['first'] + len(table_view) - 1:,} of {n_shown:,} "
               f"(page {page['page']:,} of {page['pages']:,}, {common.TABLE_PAGE} rows a page, in date order); the "
               f"CSV export has all of them.")
selected_rows = rows.selection.rows if rows is not None and hasattr(rows, "selection") else []
if selected_rows:
    row_cluster = views.cluster_of_row(table_view, selected_rows[0])
    if row_cluster != st.session_state.get("_last_row"):
        st.session_state["_last_row"] = row_cluster
        st.session_state["event"] = row_cluster
        st.rerun()

# --- Exports: the chart of the current view, the filtered events, a briefing pack -------------------------
st.subheader("Export", anchor=False)
st.caption(f"Chart: {VIEWS[view]} (switch the view above to export another chart) · events: the "
           f"{n_shown:,} filtered mentions · briefing pack: summary, chart, dated events with numbered citations.")
t1, t2 = st.columns(2)
brief_title = t1.text_input("Briefing title", "Geopolitical timeline briefing", key="brief_title")
brief_subtitle = t2.text_input("Briefing subtitle", "", key="brief_subtitle",
                               placeholder="e.g. for the Minister's office: the question asked")


def producer(fmt: str):
    def make() -> bytes:
        fig = charts.chart_figure(view, shown, state, "light", focus=focus, all_types=found["event_types"],
                                  coordinates=views.known_coordinates()) if fmt in CHART_FORMATS + ("briefing-pdf",) else None
        return export_bytes(shown.materialise(), fmt, fig=fig, title=brief_title, subtitle=brief_subtitle,
                            lane=state.lane, generated=date.today().isoformat())
    return make


stem = f"timeline-{state.start or 'start'}-{state.end or 'end'}"
has_chromium = find_chromium() is not None
ROWS = [[("png", "PNG (high DPI)", "png", True), ("svg", "SVG", "svg", True), ("pdf", "PDF", "pdf", True),
         ("html", "Interactive HTML", "html", False), ("csv", "Events CSV", "csv", False),
         ("json", "Events JSON", "json", False)],
        [("briefing-pdf", "Briefing (PDF)", SUFFIX["briefing-pdf"], False),
         ("docx", "Briefing (Word)", SUFFIX["docx"], False), ("md", "Briefing (Markdown)", SUFFIX["md"], False)],
        [("timelinejs", "TimelineJS", SUFFIX["timelinejs"], False), ("acled-csv", "ACLED-style CSV", SUFFIX["acled-csv"], False),
         ("geojson", "GeoJSON (QGIS, kepler.gl)", SUFFIX["geojson"], False), ("ics", "Calendar (.ics)", SUFFIX["ics"], False),
         ("sqlite", "SQLite (datasette)", SUFFIX["sqlite"], False)]]
for row in ROWS:
    for col, (fmt, label, suffix, static) in zip(st.columns(len(row)), row):
        with col:
            name = f"{view}-{stem}.{suffix}" if fmt in CHART_FORMATS else f"{stem}.{suffix}"
            st.download_button(label, data=producer(fmt), file_name=name, mime=MIME[fmt], key=f"dl_{fmt}",
                               disabled=static and not has_chromium, width="stretch",
                               help=CHROMIUM_HINT if static and not has_chromium else None)
if not has_chromium:
    st.caption(f"Static chart formats are off: {CHROMIUM_HINT}. The briefing pack then comes without the chart.")

# Mirror the view into the URL last, so a shared link reproduces exactly what is on screen.
params = to_query_params(state, default=common.default_state())
if view != "timeline":
    params["view"] = view
if st.session_state.get("event"):
    params["event"] = st.session_state["event"]
current = {k: st.query_params.get_all(k) if isinstance(params.get(k), list) else st.query_params.get(k)
           for k in st.query_params}
if params != current:
    st.query_params.from_dict(params)
