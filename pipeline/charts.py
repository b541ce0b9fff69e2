"""Figures for the dashboard and exports: pure functions of the (filtered) events frame.

The timeline draws one marker per real-world event (cluster) and switches to weekly bubbles when there
would be more than `max_markers` markers, so 100,000 events stay responsive in the browser.
"""
from __future__ import annotations

import math
from datetime import date, timedelta

import pandas as pd
import plotly.graph_objects as go

from . import views

# Okabe–Ito: distinguishable with the common colour-vision deficiencies and in greyscale print.
PALETTE = ("#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#F0E442", "#000000")
MAX_MARKERS = 1000
TEMPLATES = {"light": "plotly_white", "dark": "plotly_dark"}


def type_colours(types) -> dict[str, str]:
    """A stable colour per event type (sorted, so the same type keeps its colour across filters)."""
    return {t: PALETTE[i % len(PALETTE)] for i, t in enumerate(sorted(set(types)))}


def _next_day(iso: str) -> str:
    return (date.fromisoformat(iso[:10]) + timedelta(days=1)).isoformat()


def _layout(fig: go.Figure, title: str, theme: str, height: int) -> go.Figure:
    fig.update_layout(
        template=TEMPLATES.get(theme, "plotly_white"), height=height, title=dict(text=title, x=0.01, font_size=16),
        margin=dict(l=10, r=10, t=60, b=10), font=dict(size=13),
        legend=dict(title_text="Event type", orientation="h", yanchor="bottom", y=1.0, xanchor="right", x=1),
    )
    return fig


def timeline_figure(frame: pd.DataFrame, lane: str = "countries", focus: tuple[str | None, str | None] = (None, None),
                    context: bool = False, max_markers: int = MAX_MARKERS, theme: str = "light",
                    title: str | None = None, only: tuple[str, ...] = (), all_types=None) -> go.Figure:
    """The timeline: date on x, one lane per country (or actor), one marker per event cluster.

    Colour = event type; a filled circle is an event dated to the day, an open diamond on a band is an
    event known only to a week, month, season…; size = number of sources. Hover shows the headline, the
    date as written and the sources. `focus` is shaded and, unless `context`, sets the initial x range.
    `only` limits the lanes to the countries (actors) the analyst filtered on; `all_types` (every event type
    of the corpus) keeps each type's colour when filters change.
    """
    colours = type_colours(all_types if all_types is not None else frame["event_type"].unique())
    lane_name = "Country" if lane == "countries" else "Actor"
    markers = views.cluster_markers(frame, lane, only) if _n_markers(frame, lane) <= max_markers else None
    fig = go.Figure()
    if markers is None:
        agg = views.aggregate_markers(frame, lane, only=only)
        _aggregate_traces(fig, agg, colours)
        n_lanes = agg["lane_label"].nunique()
        subtitle = f"{frame['cluster_id'].nunique():,} events in weekly bubbles (too many to draw one by one)"
    else:
        start, end = focus
        window = (start, end) if start and end and not context else ("0001-01-01", "9999-12-31")
        _marker_traces(fig, markers, colours, window)
        n_lanes = markers["lane_label"].nunique()
        subtitle = f"{markers['cluster_id'].nunique():,} events from {frame['doc_id'].nunique():,} articles"
    title = title or f"Timeline by {lane_name.lower()} — {subtitle}"
    height = int(min(1600, max(360, 44 * n_lanes + 200)))
    _layout(fig, title, theme, height)
    fig.update_yaxes(title_text=lane_name, type="category", categoryorder="category descending", automargin=True)
    fig.update_xaxes(title_text="Date", type="date", rangeslider=dict(visible=True, thickness=0.06), automargin=True)
    start, end = focus
    if start and end:
        fig.add_vrect(x0=start, x1=_next_day(end), fillcolor="#1f4e79", opacity=0.06, line_width=0, layer="below",
                      annotation_text="focus window", annotation_position="top left", annotation_font_size=11)
        if not context:
            fig.update_xaxes(range=[(date.fromisoformat(start) - timedelta(days=2)).isoformat(),
                                    (date.fromisoformat(end) + timedelta(days=3)).isoformat()])
    if frame.empty or (markers is not None and markers.empty):
        fig.add_annotation(text="No dated events match these filters", showarrow=False, xref="paper", yref="paper",
                           x=0.5, y=0.5, font_size=16)
    return fig


def _n_markers(frame: pd.DataFrame, lane: str) -> int:
    """An upper bound of the markers drawn: clusters times their lanes (cheap, no explode of text columns)."""
    if frame.empty:
        return 0
    sub = frame[["cluster_id", lane]]
    lanes = sub[lane].map(len).clip(lower=1)
    return int(lanes.groupby(sub["cluster_id"]).max().sum())


LONG_SPAN_DAYS = 92  # longer than a quarter: drawn as a thin dotted line


def _marker_traces(fig: go.Figure, markers: pd.DataFrame, colours: dict[str, str],
                   window: tuple[str, str] = ("0001-01-01", "9999-12-31")) -> None:
    markers = markers.assign(long_span=[
        (date.fromisoformat(e[:10]) - date.fromisoformat(s[:10])).days > LONG_SPAN_DAYS if b else False
        for s, e, b in zip(markers["date_start"], markers["date_end"], markers["band"])])
    for etype, part in markers.groupby("event_type", sort=True):
        colour = colours.get(etype, "#7f8c9a")
        bands = part[part["band"]]
        # Short spans (a week, a month, a season) are thick translucent bands; long ones (a year, a decade)
        # thin dotted lines, so they do not bury the lanes they cross.
        for long_span, width, dash, opacity in ((False, 8, "solid", 0.3), (True, 2, "dot", 0.6)):
            chosen = bands[bands["long_span"] == long_span] if not bands.empty else bands
            if chosen.empty:
                continue
            xs, ys = [], []
            for r in chosen.itertuples():
                xs += [r.date_start, _next_day(r.date_end), None]
                ys += [r.lane_label, r.lane_label, None]
            fig.add_trace(go.Scatter(x=xs, y=ys, mode="lines", line=dict(color=colour, width=width, dash=dash),
                                     opacity=opacity, hoverinfo="skip", showlegend=False, legendgroup=etype,
                                     name=f"{etype} (span)"))
        # A band's marker sits in the middle of the part of its interval that is on screen.
        mid = [_band_mark(r.date_start, r.date_end, window) if r.band else r.date_start for r in part.itertuples()]
        sizes = [10 + 6 * math.sqrt(max(n, 1) - 1) for n in part["n_sources"]]
        interval = [f"{s} – {e}" if b else s for s, e, b in zip(part["date_start"], part["date_end"], part["band"])]
        fig.add_trace(go.Scatter(
            x=mid, y=part["lane_label"], mode="markers+text", name=etype, legendgroup=etype,
            text=[str(n) if n > 1 else "" for n in part["n_sources"]], textposition="middle right",
            textfont=dict(size=11),
            marker=dict(color=colour, size=sizes, symbol=["diamond-open" if b else "circle" for b in part["band"]],
                        line=dict(width=2 if part["band"].any() else 1, color=colour)),
            customdata=list(zip(part["cluster_id"], part["headline"].map(_short), part["date_text"], interval,
                                part["n_sources"], part["sources"], part["granularity"])),
            hovertemplate=("<b>%{customdata[1]}</b><br>“%{customdata[2]}” → %{customdata[3]} (%{customdata[6]})"
                           "<br>%{customdata[4]} source(s):<br>%{customdata[5]}<extra>%{fullData.name}</extra>"),
        ))


def _aggregate_traces(fig: go.Figure, agg: pd.DataFrame, colours: dict[str, str]) -> None:
    if agg.empty:
        return
    biggest = max(int(agg["events"].max()), 1)
    for etype, part in agg.groupby("top_type", sort=True):
        fig.add_trace(go.Scattergl(
            x=part["period_start"] + pd.Timedelta(days=3), y=part["lane_label"], mode="markers", name=str(etype),
            marker=dict(color=colours.get(etype, PALETTE[0]), opacity=0.75,
                        size=(8 + 32 * (part["events"] / biggest) ** 0.5).tolist()),
            customdata=list(zip(part["period_start"].dt.strftime("%Y-%m-%d"), part["events"], part["mentions"])),
            hovertemplate="Week of %{customdata[0]}<br>%{y}: %{customdata[1]:,} events (%{customdata[2]:,} mentions)"
                          "<br>mostly %{fullData.name}<extra></extra>",
        ))


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


def weekly_figure(frame: pd.DataFrame, by: str = "countries", theme: str = "light",
                  only: tuple[str, ...] = ()) -> go.Figure:
    """Events per week, stacked by country (or actor); `only` keeps just those countries (actors)."""
    counts = views.weekly_counts(frame, by, only)
    fig = go.Figure()
    for i, (label, part) in enumerate(counts.groupby("lane_label", sort=True)):
        fig.add_trace(go.Bar(x=part["week"], y=part["events"], name=str(label), marker_color=PALETTE[i % len(PALETTE)],
                             hovertemplate="Week of %{x|%d %b %Y}<br>%{y} events<extra>%{fullData.name}</extra>"))
    _layout(fig, f"Events per week by {'country' if by == 'countries' else 'actor'}", theme, 420)
    fig.update_layout(barmode="stack", legend_title_text="Country" if by == "countries" else "Actor")
    fig.update_xaxes(title_text="Week starting", type="date")
    fig.update_yaxes(title_text="Distinct events")
    if counts.empty:
        fig.add_annotation(text="No dated events match these filters", showarrow=False, xref="paper", yref="paper",
                           x=0.5, y=0.5, font_size=16)
    return fig


def network_figure(frame: pd.DataFrame, top: int = 40, theme: str = "light") -> go.Figure:
    """Actors as nodes on a circle, linked when they appear in the same event; thicker = more often."""
    nodes, edges = views.cooccurrence(frame, top)
    fig = go.Figure()
    n = len(nodes)
    pos = {a: (math.cos(2 * math.pi * i / max(n, 1)), math.sin(2 * math.pi * i / max(n, 1)))
           for i, a in enumerate(nodes["actor"])}
    if not edges.empty:
        heaviest = max(int(edges["weight"].max()), 1)
        for w, part in edges.groupby("weight"):
            xs, ys = [], []
            for r in part.itertuples():
                xs += [pos[r.a][0], pos[r.b][0], None]
                ys += [pos[r.a][1], pos[r.b][1], None]
            fig.add_trace(go.Scatter(x=xs, y=ys, mode="lines", hoverinfo="skip", showlegend=False,
                                     line=dict(width=1 + 5 * w / heaviest, color="#7f8c9a"), opacity=0.6))
        mids = edges.assign(x=[(pos[a][0] + pos[b][0]) / 2 for a, b in zip(edges["a"], edges["b"])],
                            y=[(pos[a][1] + pos[b][1]) / 2 for a, b in zip(edges["a"], edges["b"])])
        fig.add_trace(go.Scatter(x=mids["x"], y=mids["y"], mode="markers", marker=dict(size=6, opacity=0),
                                 customdata=list(zip(mids["a"], mids["b"], mids["weight"])), showlegend=False,
                                 hovertemplate="%{customdata[0]} – %{customdata[1]}: %{customdata[2]} events<extra></extra>"))
    if n:
        biggest = max(int(nodes["events"].max()), 1)
        fig.add_trace(go.Scatter(
            x=[pos[a][0] for a in nodes["actor"]], y=[pos[a][1] for a in nodes["actor"]], mode="markers+text",
            text=nodes["actor"], textposition="top center", showlegend=False,
            marker=dict(size=(12 + 24 * (nodes["events"] / biggest) ** 0.5).tolist(), color=PALETTE[0]),
            customdata=nodes["events"], hovertemplate="%{text}: %{customdata} events<extra></extra>"))
    else:
        fig.add_annotation(text="No actors in the filtered events", showarrow=False, xref="paper", yref="paper",
                           x=0.5, y=0.5, font_size=16)
    _layout(fig, "Actors appearing in the same events", theme, 560)
    fig.update_xaxes(visible=False, range=[-1.4, 1.4])
    fig.update_yaxes(visible=False, range=[-1.25, 1.25], scaleanchor="x")
    return fig


def map_figure(frame: pd.DataFrame, coordinates: dict | None, theme: str = "light") -> go.Figure:
    """Places with known coordinates, bubble size = number of events (drawn offline, no map tiles)."""
    points = views.map_points(frame, coordinates)
    fig = go.Figure()
    if not points.empty:
        biggest = max(int(points["events"].max()), 1)
        fig.add_trace(go.Scattergeo(
            lat=points["lat"].tolist(), lon=points["lon"].tolist(), text=points["location"].tolist(), mode="markers+text",
            textposition="top center", marker=dict(size=(8 + 24 * (points["events"] / biggest) ** 0.5).tolist(),
                                                   color=PALETTE[1], opacity=0.8),
            customdata=list(zip(points["events"], points["headlines"])),
            hovertemplate="<b>%{text}</b>: %{customdata[0]} events<br>%{customdata[1]}<extra></extra>"))
        fig.update_geos(fitbounds="locations", showcountries=True, projection_type="natural earth")
    else:
        fig.add_annotation(text="No event location has known coordinates", showarrow=False, xref="paper",
                           yref="paper", x=0.5, y=0.5, font_size=16)
    _layout(fig, "Where the events happened", theme, 480)
    return fig


FIGURES = {"timeline": timeline_figure, "weekly": weekly_figure, "network": network_figure}

__all__ = ["timeline_figure", "weekly_figure", "network_figure", "map_figure", "type_colours", "MAX_MARKERS",
           "FIGURES", "PALETTE"]
