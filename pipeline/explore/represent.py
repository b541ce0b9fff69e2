"""Lane labels and the representative mention of each event: what every view of the events builds on.

`representatives` picks, per cluster, the mention that best stands for it (issue 23's order, `with_rep_rank`
caches it for a frame filtered many times); `lane_label` and `country_label` name the timeline's lanes.
Split from views.py (issue 16), which re-exports these names.
"""
from __future__ import annotations

import html

import numpy as np
import pandas as pd

from ..arrays import unique
from . import names

# Granularities drawn as a point; anything coarser ("early November", "this fall") is a band.
POINT_GRANULARITIES = ("time", "day")
NONE_LANE = "(none)"


def country_label(code: str) -> str:
    """The common short name of an ISO 3166-1 alpha-3 code ("Russia", "Iran"; the code itself when unknown)."""
    return names.country_label(code)


def lane_label(value: str, lane: str) -> str:
    """The label of one lane: country names for codes, actor names as they are."""
    if value == NONE_LANE:  # events that name no country (actor): said in words, not "(none)" (issue 19)
        return "(no country named)" if lane == "countries" else "(no actor named)"
    return country_label(value) if lane == "countries" else value


def _source_name(row) -> str:
    return row.get("source") or "unknown outlet"


REP_RANK = "_rep_rank"
_REP_ORDER = ["_rank_section", "_rank_precision", "_rank_inferred", "_rank_distance", "published", "doc_id",
              "char_start"]
_PRECISION = {g: k for k, g in enumerate(("day", "time", "week", "month", "season", "quarter", "half", "year", "decade",
                                           "century"))}


def _days_between(a: pd.Series, b: pd.Series) -> pd.Series:
    """|a - b| in days for ISO date strings (a large number where either is missing)."""
    d = (pd.to_datetime(a.str[:10], errors="coerce") - pd.to_datetime(b.str[:10], errors="coerce")).dt.days.abs()
    return d.fillna(1_000_000)


def _rep_ordered(frame: pd.DataFrame) -> pd.DataFrame:
    """The frame in representative order (issue 23): body text first; the most precisely dated; stated
    publication dates first; the most direct source (published closest to the event); then by publication
    date, article and position. (Only columns every view reads: MARKER_COLUMNS.)"""
    if REP_RANK in frame.columns:
        return frame.sort_values(REP_RANK, kind="stable")
    ordered = frame.assign(
        _rank_section=(frame["section"] != "body").astype(int),
        _rank_precision=frame["granularity"].map(_PRECISION).fillna(len(_PRECISION)).astype(int),
        _rank_inferred=frame["published_inferred"].astype(int),
        _rank_distance=_days_between(frame["published"].astype("string"), frame["date_start"].astype("string")),
    ).sort_values(_REP_ORDER, na_position="last", kind="stable")
    return ordered.drop(columns=[c for c in _REP_ORDER if c.startswith("_rank")])


def with_rep_rank(frame: pd.DataFrame) -> pd.DataFrame:
    """Add `_rep_rank`, each row's place in representative order, for a frame filtered many times.

    A filtered frame keeps its rows in the same relative order, so sorting it by this one integer column
    gives what sorting it by the five keys would (a stable sort either way), at a fraction of the cost.
    """
    rank = pd.Series(0, index=frame.index, dtype="int64")
    rank.loc[_rep_ordered(frame.drop(columns=[REP_RANK], errors="ignore")).index] = range(len(frame))
    return frame.assign(**{REP_RANK: rank})


def representatives(frame: pd.DataFrame) -> pd.DataFrame:
    """One row per cluster: the mention that best stands for it (body text first, stated dates first)."""
    if frame.empty:
        return frame.drop(columns=[REP_RANK], errors="ignore").assign(
            n_sources=pd.Series(dtype="int64"), n_mentions=pd.Series(dtype="int64"))
    if REP_RANK in frame.columns:  # sort one integer column, then take only the chosen rows
        order = np.argsort(frame[REP_RANK].to_numpy(), kind="stable")
    else:
        positions = frame.assign(_pos=np.arange(len(frame)))
        order = _rep_ordered(positions)["_pos"].to_numpy()
    codes, _ = pd.factorize(frame["cluster_id"].to_numpy()[order])
    _, first = np.unique(codes, return_index=True)  # codes number clusters by first appearance: kept in order
    reps = frame.iloc[order[first]].drop(columns=[REP_RANK], errors="ignore").reset_index(drop=True)
    # Sources (distinct articles) and mentions per cluster, on integer codes.
    cluster, clusters = pd.factorize(frame["cluster_id"].to_numpy())
    doc, _ = pd.factorize(frame["doc_id"].to_numpy())
    pairs = unique(cluster.astype(np.int64) * (doc.max() + 2) + (doc + 1))
    n_sources = np.bincount(pairs // (doc.max() + 2), minlength=len(clusters))
    n_mentions = np.bincount(cluster, minlength=len(clusters))
    at = pd.Index(clusters).get_indexer(reps["cluster_id"])
    return reps.assign(n_sources=n_sources[at].astype("int64"), n_mentions=n_mentions[at].astype("int64"))


def cluster_sources(frame: pd.DataFrame, limit: int = 4) -> dict[str, str]:
    """For each cluster, the outlets and titles that reported it, as one short line each (for hovers)."""
    docs = frame[["cluster_id", "doc_id", "source", "title"]].drop_duplicates(["cluster_id", "doc_id"])
    titles = docs["title"].where(docs["title"].notna() & (docs["title"] != ""), docs["doc_id"]).astype(str).str[:60]
    lines = docs["source"].fillna("unknown outlet").astype(str) + ": " + titles
    grouped: dict[str, list[str]] = {}
    for cid, line in zip(docs["cluster_id"], lines):
        grouped.setdefault(cid, []).append(line)
    out: dict[str, str] = {}
    for cid, items in grouped.items():
        if len(items) > limit:
            items = items[:limit] + [f"+{len(items) - limit} more"]
        out[cid] = "<br>".join(html.escape(x) for x in items)
    return out

