"""Cluster event mentions across articles into real-world events (`cluster_id`).

Two mentions are linked when their dates are compatible (overlapping intervals; a value without a year
such as XXXX-11-10 fits any year's 10 November; a mention anchored to its article's date may have
happened up to DCT_SLACK_DAYS before it) and they share enough of what they are about: countries and
actors (Jaccard overlap) and wording (rapidfuzz token-set similarity of the quotes). Linked mentions
form clusters by union-find, except that a cluster's day-precision mentions must agree on one day (`_clash`).
A cluster's id derives from its earliest member's event_id. Whether two mentions link depends on those two only
(no corpus statistic), so articles that link to none of a cluster's mentions never change it (issue 23; the rule
in one paragraph, with its thresholds as data, in docs/clusters.md and data/cluster/rules.yaml). Each cluster's
`salience` comes from `salience`.

Not every pair is compared: `pairs` holds the mentions as arrays and yields, a chunk at a time, only
the pairs these rules may accept. Pairs already in one cluster, or in clusters naming two different days,
are dropped before the costly `linked`, and so are the copies of a mention an article repeats (`twins`).
"""
from __future__ import annotations

import hashlib
from array import array
from datetime import date

import numpy as np
import pandas as pd
from rapidfuzz import fuzz

from .forwarding import resolve as _resolve
from .salience import NONE, cluster_salience, rules, time_weights
from .twins import twins
from .pairs import COARSE_DAYS, DCT_SLACK_DAYS, NEEDS, NO_DAY, ClusterMention, Table, pair_chunks, table, table_of_batches, text

__all__ = ["NEEDS", "SETS", "DCT_SLACK_DAYS", "assign_clusters", "cluster_codes", "cluster_ids", "cluster_summary",
           "forward_cluster_id", "id_of", "linked"]

SETS: tuple[str, ...] = ("cluster_id", "salience")

# Link thresholds (data/cluster/rules.yaml, `link`): (minimum country overlap, minimum wording similarity) by how
# precisely the dates agree. Same day: countries overlap and (a shared person/organisation/place, or both name
# several countries, or some similar wording); or very similar wording alone.
_LINK = rules()["link"]
SAME_DAY = tuple(_LINK["same_day"])
SAME_DAY_WORDING = _LINK["same_day_wording"]
MIN_SHARED_WORDS = _LINK["min_shared_words"]  # wording similarity counts only when the quotes share this many content words
ANCHORED = tuple(_LINK["anchored"])  # one side dated only by its article's date
SHARED_ACTORS_FOR_ANCHORED = _LINK["shared_actors_for_anchored"]  # ... or that many shared people/organisations
COARSE = tuple(_LINK["coarse"])  # week, month or season
VERY_COARSE = tuple(_LINK["very_coarse"])  # longer than COARSE_DAYS
RECENT_MENTIONS = 20_000  # mentions kept as objects for `linked` while linking


def _time(a: ClusterMention, b: ClusterMention) -> str | None:
    """'day' when both name the same day, 'overlap' when intervals meet, None when incompatible."""
    if a.month_day or b.month_day:
        other = b if a.month_day else a
        md = a.month_day or b.month_day
        if other.month_day:
            return "day" if other.month_day == md else None
        if other.start is None:
            return None
        for year in range(other.start.year, other.end.year + 1):
            try:
                d = date(year, *md)
            except ValueError:  # 29 February in a common year
                continue
            if other.start <= d <= other.end:
                return "day" if other.fine else "overlap"
        return None
    if a.start is None or b.start is None or a.end is None or b.end is None:
        return None
    if a.start <= b.end and b.start <= a.end:
        return "day" if a.fine and b.fine and a.start == b.start else "overlap"
    return None


def _jaccard(a: frozenset, b: frozenset) -> float:
    return len(a & b) / len(a | b) if a and b else 0.0


def linked(a: ClusterMention, b: ClusterMention) -> bool:
    """Whether two mentions report the same real-world event."""
    when = _time(a, b)
    if when is None:
        return False
    countries = _jaccard(a.countries, b.countries)
    if countries < min(SAME_DAY[0], ANCHORED[0], COARSE[0], VERY_COARSE[0]) and when != "day":
        return False

    def wording() -> float:  # the costly part, computed only when the cheap tests pass
        shared_words = set(a.words.split()) & set(b.words.split())
        return fuzz.token_set_ratio(a.words, b.words) / 100.0 if len(shared_words) >= MIN_SHARED_WORDS else 0.0

    if when == "day":
        shared = (a.actors & b.actors) or (a.locations & b.locations)
        several = len(a.countries) >= 2 and len(b.countries) >= 2
        if countries >= SAME_DAY[0] and (shared or several):
            return True
        w = wording()
        return w >= SAME_DAY_WORDING or (countries >= SAME_DAY[0] and w >= SAME_DAY[1])
    if max(a.span_days, b.span_days) > COARSE_DAYS:
        return countries >= VERY_COARSE[0] and wording() >= VERY_COARSE[1]
    if a.anchored or b.anchored:
        shared = len(a.actors & b.actors)
        return countries >= ANCHORED[0] and (shared >= SHARED_ACTORS_FOR_ANCHORED or wording() >= ANCHORED[1])
    return countries >= COARSE[0] and wording() >= COARSE[1]


def _pair_chunks(t: Table, skip=None, stats: dict | None = None):
    """The candidate pairs under these link rules (`pairs.pair_chunks`), a chunk at a time, in linking order."""
    min_countries = min(SAME_DAY[0], ANCHORED[0], COARSE[0], VERY_COARSE[0])
    return pair_chunks(t, min_countries, MIN_SHARED_WORDS, SHARED_ACTORS_FOR_ANCHORED, skip, stats)


WIDE = 2**31 - 1  # a window that constrains nothing


def _days(t: Table) -> tuple[np.ndarray, ...]:
    """The day each precisely dated mention names, as arrays a cluster's root keeps up to date: the full day
    (an ordinal), the month-day of a value without a year (month * 32 + day) and the month-day of the full
    day; -1 where there is none. A cluster never holds two full days or two month-days (`_clash`).

    Then the window of days every day-precision mention of the cluster allows (issue 23): a stated day allows
    itself, a statement dated by its article the days up to DCT_SLACK_DAYS before it; other mentions anything.
    A cluster's window is the intersection of its mentions' windows and may never be empty, so a cluster's
    day-precision mentions always agree on one day (chains of article-dated statements cannot drift)."""
    full = np.where(t.fine & (t.md < 0), t.lo, -1).astype(np.int32)  # (ordinals fit in 32 bits)
    full_md = np.full(t.n, -1, dtype=np.int32)
    for k in np.flatnonzero(full >= 0).tolist():
        d = date.fromordinal(int(full[k]))
        full_md[k] = d.month * 32 + d.day
    day_like = ((t.fine & (t.md < 0)) | t.anchored) & (t.lo != NO_DAY) & (t.hi != NO_DAY)
    win_lo = np.where(day_like, t.lo, -WIDE).astype(np.int32)
    win_hi = np.where(day_like, t.hi, WIDE).astype(np.int32)
    return full, np.where(t.fine, t.md, -1).astype(np.int32), full_md, win_lo, win_hi


def _clash(days, x, y):
    """Whether clusters x and y (roots; index arrays, or single ints) name two different days, or have day
    windows that do not meet, and may not merge. A clash never goes away: merges only add days and narrow
    windows."""
    full, md, full_md, win_lo, win_hi = days
    fx, fy, mx, my = full[x], full[y], md[x], md[y]
    if isinstance(x, int):  # one pair, in the linking loop: plain Python (numpy on scalars costs microseconds)
        return ((fx >= 0 and fy >= 0 and fx != fy) or (mx >= 0 and my >= 0 and mx != my)
                or (fx >= 0 and my >= 0 and full_md[x] != my) or (fy >= 0 and mx >= 0 and full_md[y] != mx)
                or max(win_lo[x], win_lo[y]) > min(win_hi[x], win_hi[y]))
    return (((fx >= 0) & (fy >= 0) & (fx != fy)) | ((mx >= 0) & (my >= 0) & (mx != my))
            | ((fx >= 0) & (my >= 0) & (full_md[x] != my)) | ((fy >= 0) & (mx >= 0) & (full_md[y] != mx))
            | (np.maximum(win_lo[x], win_lo[y]) > np.minimum(win_hi[x], win_hi[y])))


def id_of(event_id: str) -> str:
    """The cluster id a cluster gets when this mention is its earliest member: "c" + 12 hex digits of SHA-1."""
    return "c" + hashlib.sha1(str(event_id).encode()).hexdigest()[:12]


def forward_cluster_id(event_ids, cluster_ids, wanted: str | None, record: dict | None = None) -> str | None:
    """Where an old cluster id (a shared link, a note) now points: itself while it exists; else the cluster now
    holding the mention it was named after (ids derive from their earliest member: a merge that took that
    mention elsewhere is followed without any stored record); else the first cluster the build's forwarding
    `record` (`forwarding`: a split whose parts all took new ids, a mention gone) sends it to; None when
    nothing does. `event_ids` and `cluster_ids` are the columns of the current events, row by row."""
    if not wanted:
        return None
    cluster_ids = list(cluster_ids)
    current = set(cluster_ids)
    if wanted in current:
        return wanted
    for eid, cid in zip(event_ids, cluster_ids):
        if id_of(eid) == wanted:
            return cid
    found = _resolve(wanted, current, record)
    return found[0] if found else None


def assign_clusters(frame: pd.DataFrame) -> pd.DataFrame:
    """Return a copy of the events frame with `cluster_id` set (same real-world event, same id) and each
    cluster's `salience` (`salience.cluster_salience`) on its rows."""
    frame = frame.copy()
    if frame.empty:
        frame["cluster_id"] = pd.Series(dtype=object)
        frame["salience"] = pd.Series(dtype="float64")
        return frame
    codes, names, sal = cluster_summary(frame)
    frame["cluster_id"] = [names[c] for c in codes.tolist()]
    frame["salience"] = sal[codes]
    return frame


def cluster_ids(frame) -> list[str]:
    """The cluster id of each row of an events frame (only the NEEDS columns are read), in row order."""
    codes, names = cluster_codes(frame)
    return [names[c] for c in codes.tolist()]


def cluster_codes(frame) -> tuple[np.ndarray, list[str]]:
    """The cluster of each row of an events frame, in row order, as a code into the list of cluster ids
    returned with it (see `cluster_summary`)."""
    codes, names, _ = cluster_summary(frame)
    return codes, names


def cluster_summary(frame) -> tuple[np.ndarray, list[str], np.ndarray]:
    """The cluster of each row of an events frame, in row order, as a code into the list of cluster ids
    returned with it (no Python string per row). `frame` may also be an iterable of batches (dicts of the
    NEEDS columns as lists), so a large build never holds its events as one frame.

    Pairs come most precise first (`pairs.pair_chunks`), so a vague mention joins the cluster its best match is
    already in; within a chunk by event ids, not row order: the same ids whatever the input order. Pairs
    already in one cluster, or in clusters naming two different days, are dropped before they cost anything.

    Returns (codes, cluster ids, the salience of each cluster: `salience.cluster_salience`).
    """
    t = table(frame) if isinstance(frame, pd.DataFrame) else table_of_batches(frame)
    if not t.n:
        return np.zeros(0, dtype=np.int32), [], np.zeros(0)
    # The union-find's parents as a Python array (an element read as a plain int, no numpy scalar each: `find`
    # runs for every pair) with a numpy view of the same memory for the vectorised `roots`.
    parents = array("i" if t.n < 2**31 else "q", range(t.n))
    parent = np.frombuffer(parents, dtype=np.int32 if t.n < 2**31 else np.int64)
    # The days as Python arrays (fast to read one at a time in the loop, no int object each), and numpy views of
    # the same memory for the vectorised `skip`: one copy, both always in step.
    day_values = [array("i", column.tobytes()) for column in _days(t)]
    days = [np.frombuffer(values, dtype=np.int32) for values in day_values]

    def roots(x: np.ndarray) -> np.ndarray:
        r = parent[x]
        while True:
            up = parent[r]
            if (up == r).all():
                return r
            r = up

    def find(x: int) -> int:
        root = x
        while (up := parents[root]) != root:
            root = up
        while (up := parents[x]) != root:
            parents[x], x = root, up
        return root

    recent: dict[int, ClusterMention] = {}  # pairs come by their first mention: most lookups repeat

    def mention(k: int) -> ClusterMention:
        if k not in recent:
            if len(recent) >= RECENT_MENTIONS:
                recent.clear()
            recent[k] = t.mention(k)
        return recent[k]

    # Twins (issue 17: an article repeating itself): only the first of each is compared; the others join it.
    twin = twins(t)
    folded = twin != np.arange(t.n)
    if folded.any():  # (a mention too bare to link even with its copy stays alone, as its copies do)
        links = np.ones(t.n, dtype=bool)
        for first in np.unique(twin[folded]).tolist():
            links[first] = linked(mention(first), mention(first))
        folded &= links[twin]

    def skip(i: np.ndarray, j: np.ndarray) -> np.ndarray:
        ri, rj = roots(i), roots(j)
        return (ri == rj) | _clash(days, ri, rj) | folded[i] | folded[j]

    for i, j in _pair_chunks(t, skip):  # each chunk in linking order already (smaller row first)
        for x, y in zip(i.tolist(), j.tolist()):
            rx, ry = find(x), find(y)
            if rx != ry and not _clash(day_values, rx, ry) and linked(mention(x), mention(y)):
                parents[ry] = rx
                for values in day_values[:3]:
                    if values[rx] < 0:
                        values[rx] = values[ry]
                lo, hi = day_values[3], day_values[4]
                lo[rx], hi[rx] = max(lo[rx], lo[ry]), min(hi[rx], hi[ry])
    for k in np.flatnonzero(folded).tolist():
        parents[k] = find(int(twin[k]))
    # A cluster's id derives from its earliest member (by start, article, event id): stable across rebuilds.
    root = roots(np.arange(t.n))
    start = np.where(t.lo == NO_DAY, date.max.toordinal(), t.lo)
    order = np.lexsort((np.arange(t.n), t.doc, start, root))  # by cluster, its earliest member first
    first = np.r_[True, root[order][1:] != root[order][:-1]]
    codes = np.empty(t.n, dtype=np.int32)
    codes[t.row[order]] = np.cumsum(first) - 1
    names = [id_of(text(t.event_id[k])) for k in order[first].tolist()]
    # Salience from the same arrays (the anchored start is moved back by the slack: weigh by the stated day).
    start = np.where(t.lo == NO_DAY, NONE, np.where(t.anchored, t.lo + DCT_SLACK_DAYS, t.lo)).astype(np.int64)
    end = np.where(t.hi == NO_DAY, NONE, t.hi).astype(np.int64)
    pub = np.where(t.published == NO_DAY, NONE, t.published).astype(np.int64)
    by_row = codes[t.row].astype(np.int64)
    sal = cluster_salience(by_row, t.doc.astype(np.int64), t.source.astype(np.int64), time_weights(pub, start, end), len(names))
    return codes, names, sal
