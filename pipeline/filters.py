"""Pure filters over the events frame, shared by the dashboard and the CLI exports."""
from __future__ import annotations

import pandas as pd


def filter_events(frame: pd.DataFrame, start=None, end=None, actors=(), countries=()) -> pd.DataFrame:
    """Keep events whose interval overlaps [start, end] and that name any chosen actor / country."""
    mask = pd.Series(True, index=frame.index)
    if start is not None:
        mask &= frame["date_end"].fillna("9999") >= str(start)
    if end is not None:
        mask &= frame["date_start"].fillna("0000") <= str(end)
    if actors:
        chosen = set(actors)
        mask &= frame["actors"].map(lambda v: bool(chosen.intersection(v)))
    if countries:
        chosen = set(countries)
        mask &= frame["countries"].map(lambda v: bool(chosen.intersection(v)))
    return frame[mask]
