"""Key events and key days: what an analyst should read first, by salience (issue 23; docs/clusters.md).

`key_events(frame, top)` gives the `top` clusters by their `salience` (one row each: the representative mention,
its sources), `key_days(frame, top)` the `top` days by day salience (`cluster.salience.day_salience`), each with
its most salient cluster's headline. Both take the (filtered) events frame and return a plain frame.
"""
from __future__ import annotations

import numpy as np
import pandas as pd

from ..cluster import forward_cluster_id  # (re-exported: old links to a cluster follow its mention)
from ..cluster.forwarding import DamagedForwardingRecord, forwarding_path, load_forwarding
from ..cluster.salience import day_salience, salience_of_frame
from .views import representatives

__all__ = ["key_events", "key_days", "key_events_csv", "key_event_lines", "forward_cluster_id", "follow_cluster_link",
           "KEY_EVENT_COLUMNS", "KEY_DAY_COLUMNS", "KEY_EVENTS_TOP"]

KEY_EVENTS_TOP = 20  # key events exported and shown by default

KEY_EVENT_COLUMNS = ["salience", "date_start", "date_end", "granularity", "date_text", "event_type", "headline",
                     "countries", "actors", "n_sources", "n_mentions", "source", "title", "quote", "cluster_id"]
KEY_DAY_COLUMNS = ["date", "salience", "articles", "clusters", "headline", "cluster_id"]


def _with_salience(frame: pd.DataFrame) -> pd.DataFrame:
    """The frame with a `salience` column (computed when an older events file lacks it or has none set)."""
    if "salience" in frame.columns and len(frame) and frame["salience"].fillna(0).gt(0).any():
        return frame
    return frame.assign(salience=salience_of_frame(frame) if len(frame) else np.zeros(0))


def key_events(frame: pd.DataFrame, top: int | None = 10) -> pd.DataFrame:
    """The `top` clusters by salience (all with None), most salient first (ties: the earlier date, then the
    cluster id): their representative mention and KEY_EVENT_COLUMNS."""
    if frame.empty:
        return pd.DataFrame(columns=KEY_EVENT_COLUMNS)
    frame = _with_salience(frame)
    reps = representatives(frame)
    reps = reps.sort_values(["salience", "date_start", "cluster_id"], ascending=[False, True, True],
                            na_position="last", kind="stable")
    if top is not None:
        reps = reps.head(top)
    return reps[[c for c in KEY_EVENT_COLUMNS if c in reps.columns]].reset_index(drop=True)


def key_days(frame: pd.DataFrame, top: int | None = None) -> pd.DataFrame:
    """The `top` days by day salience (all with None), most salient first: KEY_DAY_COLUMNS, the headline and
    cluster id being those of the day's most salient cluster."""
    days = day_salience(frame)
    if top is not None:
        days = days.head(top)
    if days.empty:
        return pd.DataFrame(columns=KEY_DAY_COLUMNS)
    frame = _with_salience(frame)
    on_day = frame[frame["date_start"].isin(days["date"]) & (frame["date_start"] == frame["date_end"])]
    best = representatives(on_day).sort_values(["salience", "cluster_id"], ascending=[False, True], kind="stable")
    best = best.drop_duplicates("date_start").set_index("date_start")
    return days.assign(headline=days["date"].map(best["headline"]).fillna(""),
                       cluster_id=days["date"].map(best["cluster_id"]).fillna(""))[KEY_DAY_COLUMNS]


def key_events_csv(frame: pd.DataFrame, top: int | None = KEY_EVENTS_TOP) -> bytes:
    """The key events as CSV (UTF-8, lists joined by ';'), most salient first."""
    table = key_events(frame, top)
    for col in ("countries", "actors"):
        if col in table.columns:
            table[col] = table[col].map(lambda v: ";".join(v) if isinstance(v, (list, tuple, np.ndarray)) else v)
    return table.to_csv(index=False).encode("utf-8")


BRIEFING_KEY_EVENTS = 10  # the key events a briefing pack opens with


def key_event_lines(frame: pd.DataFrame, top: int = BRIEFING_KEY_EVENTS) -> list[str]:
    """One line per key event for the briefing pack's opening: date (or interval), headline, how many articles."""
    lines = []
    for rep in key_events(frame, top).itertuples():
        start, end = rep.date_start or "undated", rep.date_end
        when = start if not end or end == start else f"{start} – {end}"
        n = int(rep.n_sources)
        lines.append(f"{when}  {rep.headline or rep.quote[:90]}  ({n} article{'s' if n != 1 else ''})")
    return lines


def follow_cluster_link(event_ids, cluster_ids, wanted: str | None, events_path=None) -> str | None:
    """Where an old `?event=` link points in the current events (`forward_cluster_id`), using the forwarding
    record kept beside the events file at `events_path` when there is one (a damaged record counts as none:
    links then follow their namesake mention only)."""
    record = None
    if events_path:
        try:
            record = load_forwarding(forwarding_path(events_path))
        except DamagedForwardingRecord:
            record = None
    return forward_cluster_id(event_ids, cluster_ids, wanted, record)
