"""Figures for the dashboard and exports: pure functions of the (filtered) events frame.

Each chart is built as a plain plotly figure dict (`*_spec`): that is what the browser gets, and building it
costs a few milliseconds where graph objects (validated property by property, deep-copied on the way out)
cost most of a dashboard rerun. `*_figure` wraps a spec in a validated `go.Figure` for the exports, the CLI
and the tests, so a spec plotly would reject fails there. `ready_figure` hands a spec to `st.plotly_chart`
without that validation.

The timeline draws one marker per real-world event (cluster) and switches to weekly bubbles when there
would be more than `max_markers` markers, so 100,000 events stay responsive in the browser.
"""
from __future__ import annotations

import hashlib
import math
from datetime import date, timedelta
from functools import lru_cache

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from ..config import DATA_DIR, load_yaml
from . import views
from .markup import plotly_text
from .query import events_of
from .window import padded

# Okabe–Ito: distinguishable with the common colour-vision deficiencies and in greyscale print.
PALETTE = ("#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#F0E442", "#000000")
MAX_MARKERS = 1000
EVENT_COLOURS = DATA_DIR / "lexicon" / "event_colours.yaml"
# issue 19: the world outline ships with the pipeline (data/geo/world_110m.json, Natural Earth 1:110m via the
# npm package world-atlas), which has the `land` and `countries` layers only: the maps draw just those, so
# plotly.js needs no other layer (coastlines, lakes, rivers) from its CDN.
GEO_DIR = DATA_DIR / "geo"
OFFLINE_GEO = {"resolution": 110, "scope": "world", "showland": True, "landcolor": "#ececec", "showcountries": True,
               "countrycolor": "#9aa3ad", "showcoastlines": False, "showocean": False, "showlakes": False,
               "showrivers": False, "showsubunits": False}
TEMPLATES = {"light": "plotly_white", "dark": "plotly_dark"}


class ReadyFigure(go.Figure):
    """A finished figure dict in the shape `st.plotly_chart` takes without re-validating it.

    `st.plotly_chart` validates a plain dict by rebuilding it as graph objects (as slow as building the
    figure that way), but takes a `go.Figure` as already valid and only asks for its `to_dict()`: this one
    answers with the spec it was given. Only for specs made by this module (their validity is tested
    through `*_figure`). Read-only: the spec may be shared by many sessions through a cache.
    """

    def __init__(self, spec: dict):
        super().__init__()
        self._spec = spec

    def to_dict(self) -> dict:
        return self._spec

    def to_plotly_json(self) -> dict:
        return self._spec


def ready_figure(spec: dict) -> go.Figure:
    return ReadyFigure(spec)


def _figure(spec: dict) -> go.Figure:
    """A validated graph-object figure of a spec (exports, CLI, tests)."""
    return go.Figure(spec)


@lru_cache(maxsize=None)
def _template(theme: str) -> dict:
    """The plotly template of a theme as plotly sends it (what `template="plotly_white"` expands to)."""
    import plotly.io as pio

    return pio.templates[TEMPLATES.get(theme, "plotly_white")].to_plotly_json()


def _annotation_note(text: str) -> dict:
    return {"text": text, "showarrow": False, "xref": "paper", "yref": "paper", "x": 0.5, "y": 0.5,
            "font": {"size": 16}}


def _list(values) -> list:
    """Plain Python values for JSON (numpy scalars and arrays become ints, floats, lists)."""
    return values.tolist() if hasattr(values, "tolist") else list(values)


@lru_cache(maxsize=1)
def _event_colours() -> tuple[dict, tuple]:
    data = load_yaml(EVENT_COLOURS.read_text(encoding="utf-8")) or {}
    return dict(data.get("colours") or {}), tuple(data.get("spare") or PALETTE)


def type_colour(event_type: str) -> str:
    """The one colour of an event type, in the dashboard and every export (data/lexicon/event_colours.yaml);
    a type not listed there gets a spare colour chosen by its name, so it too keeps it across runs and filters."""
    fixed, spare = _event_colours()
    if event_type in fixed:
        return fixed[event_type]
    return spare[int(hashlib.sha1(str(event_type).encode("utf-8")).hexdigest(), 16) % len(spare)]


def type_colours(types) -> dict[str, str]:
    """The colour of each event type (fixed per type: issue 19; AGREE is blue in every chart and export).

    Listed types never change colour; unlisted ones start at their own spare colour and move to the next free
    one when two of them would share it (in name order), so a chart never shows two types in one colour
    while spare colours remain.
    """
    fixed, spare = _event_colours()
    out = {t: fixed[t] for t in sorted(set(types)) if t in fixed}
    used: set[str] = set()
    for t in sorted(t for t in set(types) if t not in fixed):
        first = spare.index(type_colour(t))
        colour = next((spare[(first + k) % len(spare)] for k in range(len(spare))
                       if spare[(first + k) % len(spare)] not in used), spare[first])
        used.add(colour)
        out[t] = colour
    return dict(sorted(out.items()))


def _next_day(iso: str) -> str:
    return (date.fromisoformat(iso[:10]) + timedelta(days=1)).isoformat()


def _layout(title: str, theme: str, height: int) -> dict:
    return {
        # the title at the very top, the legend in its own band below it (they overlapped: issue 19)
        "template": _template(theme), "height": height + 30,
        "title": {"text": title, "x": 0.01, "y": 0.995, "yref": "container", "yanchor": "top", "font": {"size": 16}},
        "margin": {"l": 10, "r": 10, "t": 90, "b": 10}, "font": {"size": 13},
        "legend": {"title": {"text": "Event type"}, "orientation": "h", "yanchor": "bottom", "y": 1.0,
                   "xanchor": "right", "x": 1},
    }


def timeline_spec(frame: pd.DataFrame, lane: str = "countries", focus: tuple[str | None, str | None] = (None, None),
                  context: bool = False, max_markers: int = MAX_MARKERS, theme: str = "light",
                  title: str | None = None, only: tuple[str, ...] = (), all_types=None) -> dict:
    """The timeline: date on x, one lane per country (or actor), one marker per event cluster.

    Colour = event type; a filled circle is an event dated to the day, an open diamond on a band is an
    event known only to a week, month, season…; size = number of sources. Hover shows the headline, the
    date as written and the sources. `focus` is the chosen date range (the sidebar's): unless `context`, it
    is the x axis's range; with `context`, it is shaded and the axis spans every event.
    `only` limits the lanes to the countries (actors) the analyst filtered on; `all_types` (every event type
    of the corpus) keeps each type's colour when filters change.
    """

    events = events_of(frame)  # a big file's text is read only when the events are few enough to draw
    few = views.n_markers(events.light, lane) <= max_markers
    frame = events.columns([*views.MARKER_COLUMNS, lane]) if few else events.light
    colours = type_colours(all_types if all_types is not None else _distinct(frame, "event_type"))
    lane_name = "Country" if lane == "countries" else "Actor"
    markers = views.cluster_markers(frame, lane, only) if views.n_markers(frame, lane) <= max_markers else None
    start, end = focus
    if markers is None:
        agg = views.aggregate_markers(frame, lane, only=only)
        data = _aggregate_traces(agg, colours)
        n_lanes = agg["lane_label"].nunique()
        n_events = views.n_distinct(frame, "cluster_id")
        subtitle = f"{n_events:,} events in weekly bubbles (too many to draw one by one)"
    else:
        window = (start, end) if start and end and not context else ("0001-01-01", "9999-12-31")
        data = _marker_traces(markers, colours, window)
        if not markers.empty:
            data += _precision_legend(markers)
        n_lanes = markers["lane_label"].nunique()
        subtitle = f"{markers['cluster_id'].nunique():,} events from {frame['doc_id'].nunique():,} articles"
    title = plotly_text(title) if title else f"Timeline by {lane_name.lower()} — {subtitle}"
    layout = _layout(title, theme, int(min(1600, max(360, 44 * n_lanes + 200))))
    layout["margin"]["t"], layout["height"] = 140, layout["height"] + 50  # room for the types and precisions
    layout["yaxis"] = {"title": {"text": lane_name}, "type": "category", "categoryorder": "category descending",
                       "automargin": True}
    layout["xaxis"] = {"title": {"text": "Date"}, "type": "date", "rangeslider": {"visible": True, "thickness": 0.06},
                       "automargin": True}
    annotations = []
    if start and end:
        if context:  # the chosen range, shaded among the context events around it (the axis shows them all)
            layout["shapes"] = [{"type": "rect", "xref": "x", "yref": "y domain", "x0": start, "x1": _next_day(end),
                                 "y0": 0, "y1": 1, "fillcolor": "#1f4e79", "opacity": 0.06, "line": {"width": 0},
                                 "layer": "below"}]
        else:  # issue 19: the axis follows the chosen range (the sidebar's, or the export's)
            layout["xaxis"]["range"] = padded(start, end)
    if not len(frame) or (markers is not None and markers.empty):
        annotations.append(_annotation_note("No dated events match these filters"))
    if annotations:
        layout["annotations"] = annotations
    return {"data": data, "layout": layout}


def timeline_figure(frame: pd.DataFrame, **kwargs) -> go.Figure:
    """`timeline_spec` as a validated `go.Figure` (same arguments)."""
    return _figure(timeline_spec(frame, **kwargs))


def _n_markers(frame: pd.DataFrame, lane: str) -> int:
    """An upper bound of the markers drawn: clusters times their lanes (cheap, no explode of text columns)."""
    return views.n_markers(frame, lane)


def _distinct(frame, col: str) -> list:
    """The distinct values of a column of a pandas frame or an Arrow table (first-seen order for pandas)."""
    if views._is_arrow(frame):
        import pyarrow.compute as pc

        return pc.unique(frame.column(col)).to_pylist() if col in frame.column_names else []
    return list(frame[col].unique())


LONG_SPAN_DAYS = 92  # longer than a quarter: drawn as a thin dotted line


def _marker_traces(markers: pd.DataFrame, colours: dict[str, str],
                   window: tuple[str, str] = ("0001-01-01", "9999-12-31")) -> list[dict]:
    """One marker trace per event type (and its span lines), built from plain lists (at most `max_markers`)."""
    col = {c: markers[c].tolist() for c in ("event_type", "date_start", "date_end", "band", "lane_label", "n_sources",
                                            "cluster_id", "headline", "date_text", "sources", "granularity",
                                            "date_display")}
    groups: dict[str, list[int]] = {}
    for i, etype in enumerate(col["event_type"]):
        if not pd.isna(etype):  # as a groupby would: a row without a type is not drawn
            groups.setdefault(etype, []).append(i)
    traces = []
    labelled: dict = {}  # (lane, x) -> band labels written there, across the type traces
    for etype in sorted(groups):
        rows = groups[etype]
        colour = colours.get(etype) or type_colour(etype)
        starts, ends, band = [col["date_start"][i] for i in rows], [col["date_end"][i] for i in rows], \
            [bool(col["band"][i]) for i in rows]
        lanes = [plotly_text(col["lane_label"][i]) for i in rows]  # every label plotly draws is escaped
        # Short spans (a week, a month, a season) are thick translucent bands; long ones (a year, a decade)
        # thin dotted lines, so they do not bury the lanes they cross.
        long_span = [b and (date.fromisoformat(e[:10]) - date.fromisoformat(s[:10])).days > LONG_SPAN_DAYS
                     for s, e, b in zip(starts, ends, band)]
        for is_long, width, dash, opacity in ((False, 8, "solid", 0.3), (True, 2, "dot", 0.6)):
            xs, ys = [], []
            for s, e, y, b, lng in zip(starts, ends, lanes, band, long_span):
                if b and lng == is_long:
                    xs += [s, _next_day(e), None]
                    ys += [y, y, None]
            if xs:
                traces.append({"type": "scatter", "x": xs, "y": ys, "mode": "lines",
                               "line": {"color": colour, "width": width, "dash": dash}, "opacity": opacity,
                               "hoverinfo": "skip", "showlegend": False, "legendgroup": etype,
                               "name": plotly_text(f"{etype} (span)")})
        # A band's marker sits in the middle of the part of its interval that is on screen.
        n_sources = [int(col["n_sources"][i]) for i in rows]
        mid = [_band_mark(s, e, window) if b else s for s, e, b in zip(starts, ends, band)]
        # the date as analysts read it, at its precision ("Nov 2020", "autumn 2020"; issue 19)
        interval = [col["date_display"][i] or (f"{s} – {e}" if b else s) for i, s, e, b in zip(rows, starts, ends, band)]
        customdata = [[col["cluster_id"][i], plotly_text(_short(col["headline"][i])), plotly_text(col["date_text"][i]),
                       plotly_text(iv), n, col["sources"][i], col["granularity"][i]]
                      for i, iv, n in zip(rows, interval, n_sources)]  # sources: escaped in cluster_sources
        placed = [_place(labelled, y, x, plotly_text(_mark_text(n, b, iv)), b)
                  for n, b, iv, y, x in zip(n_sources, band, interval, lanes, mid)]
        traces.append({
            "type": "scatter", "x": mid, "y": lanes, "mode": "markers+text", "name": plotly_text(etype),
            # a vague event is labelled with its precision ("Nov 2020", "autumn 2020", "2021") beside its mark,
            # so a band's marker is never read as a day (issue 19); a count when several sources reported it
            "legendgroup": etype, "text": [t for t, _ in placed],
            "textposition": [pos for _, pos in placed], "textfont": {"size": 11},
            "marker": {"color": colour, "size": [10 + 6 * math.sqrt(max(n, 1) - 1) for n in n_sources],
                       "symbol": ["diamond-open" if b else "circle" for b in band],
                       "line": {"width": 2 if any(band) else 1, "color": colour}},
            "customdata": customdata,
            "hovertemplate": ("<b>%{customdata[1]}</b><br>“%{customdata[2]}” → %{customdata[3]} (%{customdata[6]})"
                              "<br>%{customdata[4]} source(s):<br>%{customdata[5]}<extra>%{fullData.name}</extra>"),
        })
    return traces


def _precision_legend(markers: pd.DataFrame) -> list[dict]:
    """Legend entries for how precisely the drawn events are dated (issue 19): only the kinds on the chart."""
    grey = "#7f8c9a"
    kinds = []
    band = markers["band"].astype(bool)
    long_span = band & (pd.to_datetime(markers["date_end"]) - pd.to_datetime(markers["date_start"])).dt.days.gt(
        LONG_SPAN_DAYS)
    if (~band).any():
        kinds.append({"name": "date: the day", "mode": "markers", "marker": {"symbol": "circle", "color": grey,
                                                                              "size": 10}})
    if (band & ~long_span).any():
        kinds.append({"name": "date: a week, month or season", "mode": "lines+markers",
                      "marker": {"symbol": "diamond-open", "color": grey, "size": 10, "line": {"width": 2}},
                      "line": {"color": grey, "width": 8}, "opacity": 0.5})
    if long_span.any():
        kinds.append({"name": "date: a year or more", "mode": "lines", "line": {"color": grey, "width": 2,
                                                                                "dash": "dot"}})
    return [{"type": "scatter", "x": [None], "y": [None], "hoverinfo": "skip", "legendgroup": "precision",
             "showlegend": True, **kind} for kind in kinds]


def _place(seen: dict, lane: str, x: str, label: str, band: bool) -> tuple[str, str]:
    """(label, textposition) of a mark. A band's precision label goes above its mark, starting there (clear of
    the band and of the lane's marks); a second, different label at the same place goes below; the same label
    at the same place, or a third, is not written. A day's source count sits right of its mark."""
    if not band:
        return label, "middle right"
    there = seen.setdefault((lane, x), [])
    if not label or label in there or len(there) >= 2:
        return "", "top right"
    there.append(label)
    return label, "top right" if len(there) == 1 else "bottom right"


def _mark_text(n_sources: int, band: bool, display: str) -> str:
    count = str(n_sources) if n_sources > 1 else ""
    if not band:
        return count
    return f"{display} ({count})" if count else display


def _aggregate_traces(agg: pd.DataFrame, colours: dict[str, str]) -> list[dict]:
    if agg.empty:
        return []
    biggest = max(int(agg["events"].max()), 1)
    # Dates as text once for all bubbles (per trace below, by position).
    day = agg["period_start"].to_numpy().astype("datetime64[D]")
    week = day.astype(str).tolist()
    middle = (day + np.timedelta64(3, "D")).astype(str).tolist()
    sizes = (8 + 32 * (agg["events"] / biggest) ** 0.5).tolist()
    lanes, events, mentions = [plotly_text(x) for x in agg["lane_label"]], _list(agg["events"]), _list(agg["mentions"])
    groups: dict[str, list[int]] = {}
    for i, etype in enumerate(agg["top_type"].tolist()):
        if not pd.isna(etype):  # as a groupby would
            groups.setdefault(etype, []).append(i)
    traces = []
    for etype in sorted(groups):
        rows = groups[etype]
        traces.append({
            "type": "scattergl", "x": [middle[i] for i in rows], "y": [lanes[i] for i in rows], "mode": "markers",
            "name": plotly_text(etype),
            "marker": {"color": colours.get(etype) or type_colour(etype), "opacity": 0.75, "size": [sizes[i] for i in rows]},
            "customdata": [[week[i], events[i], mentions[i]] for i in rows],
            "hovertemplate": "Week of %{customdata[0]}<br>%{y}: %{customdata[1]:,} events (%{customdata[2]:,} mentions)"
                             "<br>mostly %{fullData.name}<extra></extra>",
        })
    return traces


def _band_mark(start: str, end: str, window: tuple[str, str]) -> str:
    """Where a band's marker goes: the middle of its visible part (of the whole band when none is visible)."""
    lo, hi = max(start, window[0]), min(end, window[1])
    return _midpoint(lo, hi) if lo <= hi else _midpoint(start, end)


def _midpoint(start: str, end: str) -> str:
    a, b = date.fromisoformat(start[:10]), date.fromisoformat(end[:10])
    return (a + (b - a) / 2).isoformat()


def _short(text: str, width: int = 110) -> str:
    text = " ".join((text or "").split())
    return text if len(text) <= width else text[: width - 1] + "…"


def weekly_spec(frame: pd.DataFrame, by: str = "countries", theme: str = "light",
                only: tuple[str, ...] = (), window: tuple[str | None, str | None] = (None, None)) -> dict:
    """Events per week, stacked by country (or actor); `only` keeps just those countries (actors);
    `window`: the chosen date range, the x axis's range (None: every week with events)."""

    events = events_of(frame)
    frame = events.light
    precise, vague = views.split_precision(frame)
    counts = views.weekly_counts(precise, by, only)
    data = []
    for i, (label, part) in enumerate(counts.groupby("lane_label", sort=True)):
        data.append({"type": "bar", "x": part["week"].dt.strftime("%Y-%m-%d").tolist(), "y": _list(part["events"]),
                     "name": plotly_text(label), "marker": {"color": PALETTE[i % len(PALETTE)]},
                     "hovertemplate": "Week of %{x|%d %b %Y}<br>%{y} events<extra>%{fullData.name}</extra>"})
    # issue 19: events known only to a month, a season, a year are not counted in a week; they get a row of
    # their own below the bars, each a band over its whole interval (never a bar in its first week).
    spans = views.vague_spans(vague if vague is None or not only else _only_lanes(vague, by, only))
    for row in spans.itertuples():
        x0, x1 = row.date_start, _next_day(row.date_end)
        data.append({"type": "scatter", "x": [x0, x1, x1, x0, x0], "y": [0, 0, 1, 1, 0], "xaxis": "x",
                     "yaxis": "y2", "mode": "lines", "fill": "toself", "hoveron": "fills", "line": {"width": 0.5,
                     "color": "#7f8c9a"}, "fillcolor": "rgba(127,140,154,0.25)", "showlegend": False,
                     "name": plotly_text(f"{row.date_display}: {row.events} event(s)"),
                     "text": plotly_text(f"{row.date_display}: {row.events} event(s)"),
                     "hoverinfo": "text"})
    layout = _layout(f"Events per week by {'country' if by == 'countries' else 'actor'}", theme, 420)
    layout["barmode"] = "stack"
    layout["legend"]["title"] = {"text": "Country" if by == "countries" else "Actor"}
    layout["xaxis"] = {"title": {"text": "Week starting"}, "type": "date"}
    if window[0] and window[1]:
        layout["xaxis"]["range"] = padded(window[0], window[1], 7, 7)
    layout["yaxis"] = {"title": {"text": "Distinct events"}}
    if len(spans):
        layout["yaxis"]["domain"] = [0.26, 1]
        layout["xaxis"]["anchor"] = "y2"  # the dates under the vague row, the bottom of the chart
        layout["yaxis2"] = {"domain": [0, 0.18], "anchor": "x", "range": [0, 1], "showticklabels": False,
                            "showgrid": False, "zeroline": False, "fixedrange": True,
                            "title": {"text": "Month or vaguer", "font": {"size": 11}}}
    if counts.empty and not len(spans):
        layout["annotations"] = [_annotation_note("No dated events match these filters")]
    return {"data": data, "layout": layout}


def _only_lanes(frame, by: str, only: tuple[str, ...]):
    """The rows of a pandas frame (or Arrow table) naming one of `only` in their `by` list column."""
    if views._is_arrow(frame):
        frame = views.arrow_to_frame(frame)
    wanted = set(only)
    return frame[frame[by].map(lambda v: not wanted.isdisjoint(v if v is not None else ())).astype(bool)]


def weekly_figure(frame: pd.DataFrame, by: str = "countries", **kwargs) -> go.Figure:
    """`weekly_spec` as a validated `go.Figure` (same arguments)."""
    return _figure(weekly_spec(frame, by, **kwargs))


def network_spec(frame: pd.DataFrame, top: int = 40, theme: str = "light") -> dict:
    """Actors as nodes on a circle, linked when they appear in the same event; thicker = more often."""

    frame = events_of(frame).columns(["cluster_id", "actors"])  # a big file: only the columns the network needs
    nodes, edges = views.cooccurrence(frame, top)
    data = []
    n = len(nodes)
    pos = {a: (math.cos(2 * math.pi * i / max(n, 1)), math.sin(2 * math.pi * i / max(n, 1)))
           for i, a in enumerate(nodes["actor"])}
    if not edges.empty:
        heaviest = max(int(edges["weight"].max()), 1)
        for w, part in edges.groupby("weight"):
            xs, ys = [], []
            for a, b in zip(part["a"], part["b"]):
                xs += [pos[a][0], pos[b][0], None]
                ys += [pos[a][1], pos[b][1], None]
            data.append({"type": "scatter", "x": xs, "y": ys, "mode": "lines", "hoverinfo": "skip",
                         "showlegend": False, "line": {"width": 1 + 5 * int(w) / heaviest, "color": "#7f8c9a"},
                         "opacity": 0.6})
        pairs = list(zip(edges["a"], edges["b"], _list(edges["weight"])))
        data.append({"type": "scatter", "x": [(pos[a][0] + pos[b][0]) / 2 for a, b, _ in pairs],
                     "y": [(pos[a][1] + pos[b][1]) / 2 for a, b, _ in pairs], "mode": "markers",
                     "marker": {"size": 6, "opacity": 0}, "showlegend": False,
                     "customdata": [[plotly_text(a), plotly_text(b), n] for a, b, n in pairs],
                     "hovertemplate": "%{customdata[0]} – %{customdata[1]}: %{customdata[2]} events<extra></extra>"})
    layout = _layout("Actors appearing in the same events", theme, 560)
    if n:
        biggest = max(int(nodes["events"].max()), 1)
        data.append({
            "type": "scatter", "x": [pos[a][0] for a in nodes["actor"]], "y": [pos[a][1] for a in nodes["actor"]],
            "mode": "markers+text", "text": [plotly_text(a) for a in nodes["actor"]], "textposition": "top center",
            "showlegend": False,
            "marker": {"size": (12 + 24 * (nodes["events"] / biggest) ** 0.5).tolist(), "color": PALETTE[0]},
            "customdata": _list(nodes["events"]), "hovertemplate": "%{text}: %{customdata} events<extra></extra>"})
    else:
        layout["annotations"] = [_annotation_note("No actors in the filtered events")]
    layout["xaxis"] = {"visible": False, "range": [-1.4, 1.4]}
    layout["yaxis"] = {"visible": False, "range": [-1.25, 1.25], "scaleanchor": "x"}
    return {"data": data, "layout": layout}


def network_figure(frame: pd.DataFrame, top: int = 40, **kwargs) -> go.Figure:
    """`network_spec` as a validated `go.Figure` (same arguments)."""
    return _figure(network_spec(frame, top, **kwargs))


def map_spec(frame: pd.DataFrame, coordinates: dict | None, theme: str = "light") -> dict:
    """Places with known coordinates, bubble size = number of events (drawn offline, no map tiles)."""

    events = events_of(frame)  # a big file: only the columns the map needs
    frame = events.columns(["cluster_id", "locations", "headline", "countries"]) if coordinates else events.light
    points = views.map_points(frame, coordinates)
    data = []
    layout = _layout("Where the events happened", theme, 480)
    if not points.empty:
        biggest = max(int(points["events"].max()), 1)
        data.append({
            "type": "scattergeo", "lat": _list(points["lat"]), "lon": _list(points["lon"]),
            "text": [plotly_text(x) for x in points["location"]], "mode": "markers+text", "textposition": "top center",
            "marker": {"size": (8 + 24 * (points["events"] / biggest) ** 0.5).tolist(), "color": PALETTE[1],
                       "opacity": 0.8},
            "customdata": [list(p) for p in zip(_list(points["events"]), points["headlines"].tolist())],
            "hovertemplate": "<b>%{text}</b>: %{customdata[0]} events<br>%{customdata[1]}<extra></extra>"})
        layout["geo"] = {"fitbounds": "locations", "projection": {"type": "natural earth"}, **OFFLINE_GEO}
    else:
        layout["annotations"] = [_annotation_note("No event location has known coordinates")]
    return {"data": data, "layout": layout}


def map_figure(frame: pd.DataFrame, coordinates: dict | None, **kwargs) -> go.Figure:
    """`map_spec` as a validated `go.Figure` (same arguments)."""
    return _figure(map_spec(frame, coordinates, **kwargs))


# The charts by name, one registry for the dashboard's views and the CLI's `export --chart`. Each entry turns
# (events, filter state, theme, context) into a plain plotly dict; `context` carries what the view adds:
# the chosen date range (`focus`; the state's own by default), the corpus's event types (stable colours) and place coordinates (the map).
SPECS = {
    "timeline": lambda events, state, theme, ctx: timeline_spec(
        events, lane=state.lane, focus=ctx.get("focus") or (state.start, state.end), context=state.context, theme=theme,
        only=state.lanes_chosen(), all_types=ctx.get("all_types")),
    "weekly": lambda events, state, theme, ctx: weekly_spec(
        events, state.lane, theme=theme, only=state.lanes_chosen(),
        window=(None, None) if state.context else ctx.get("focus") or (state.start, state.end)),
    "network": lambda events, state, theme, ctx: network_spec(events, theme=theme),
    "map": lambda events, state, theme, ctx: map_spec(events, ctx.get("coordinates"), theme=theme),
}
CHARTS = tuple(SPECS)


def chart_spec(name: str, events, state, theme: str = "light", **context) -> dict:
    """The chart `name` (one of CHARTS) of the filtered events as a plain plotly dict."""
    if name not in SPECS:
        raise ValueError(f"unknown chart {name!r}; choose one of {', '.join(CHARTS)}")
    return SPECS[name](events, state, theme, context)


def chart_figure(name: str, events, state, theme: str = "light", **context) -> go.Figure:
    """`chart_spec` as a validated `go.Figure` (for the static exports)."""
    return _figure(chart_spec(name, events, state, theme, **context))

__all__ = ["GEO_DIR", "OFFLINE_GEO", "timeline_figure", "weekly_figure", "network_figure", "map_figure", "timeline_spec", "weekly_spec",
           "network_spec", "map_spec", "ready_figure", "ReadyFigure", "type_colours", "MAX_MARKERS", "SPECS",
           "CHARTS", "chart_spec", "chart_figure", "PALETTE"]
