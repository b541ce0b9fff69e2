"""Figures for the dashboard and exports: pure functions of the events frame."""
from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go


def timeline_figure(frame: pd.DataFrame, lane: str = "countries") -> go.Figure:
    """A timeline: date on x, one lane per country (or actor), hover with headline, date words and source."""
    rows = frame[frame["date_start"].notna()].copy()
    rows = rows.explode(lane)
    rows[lane] = rows[lane].fillna("(none)")
    fig = go.Figure()
    for name, part in rows.groupby(lane, sort=True):
        fig.add_trace(go.Scatter(
            x=pd.to_datetime(part["date_start"]), y=[name] * len(part), mode="markers", name=str(name),
            customdata=part[["headline", "date_text", "source", "title"]].fillna("").values,
            hovertemplate="<b>%{customdata[0]}</b><br>%{customdata[1]}<br>%{customdata[2]} %{customdata[3]}<extra></extra>",
        ))
    fig.update_layout(template="plotly_white", height=480, margin=dict(l=10, r=10, t=30, b=10), showlegend=False)
    return fig
