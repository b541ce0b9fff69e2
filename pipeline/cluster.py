"""Cluster event mentions across articles into real-world events (`cluster_id`).

Two mentions are linked when their dates are compatible (overlapping intervals; a value without a year
such as XXXX-11-10 fits any year's 10 November; a mention anchored to its article's date may have
happened up to DCT_SLACK_DAYS before it) and they share enough of what they are about: countries and
actors (Jaccard overlap) and wording (rapidfuzz token-set similarity of the quotes). Linked mentions
form clusters by union-find; a cluster's id derives from its earliest member's event_id, so it is
stable across rebuilds of the same texts.
"""
from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from datetime import date, timedelta

import pandas as pd
from rapidfuzz import fuzz

NEEDS: tuple[str, ...] = ("event_id", "date_value", "date_start", "date_end", "granularity", "date_text", "countries", "actors", "quote")
SETS: tuple[str, ...] = ("cluster_id",)

DCT_SLACK_DAYS = 2  # an undated statement reported on day D happened on D or shortly before
FINE_GRANULARITIES = ("day", "time")
# Link thresholds: (minimum country overlap, minimum wording similarity) by how precisely the dates agree.
SAME_DAY = (0.34, 0.0)
SAME_DAY_WORDING = 0.45  # same day and similar wording even with few shared countries
ANCHORED = (0.5, 0.45)  # one side dated only by its article's date
COARSE = (0.34, 0.55)  # month, season or year against anything
SHARED_ACTORS_FOR_ANCHORED = 2  # ... or that many shared named actors


@dataclass
class _Mention:
    idx: int
    event_id: str
    doc_id: str
    start: date | None
    end: date | None
    month_day: tuple[int, int] | None  # for XXXX-MM-DD values
    fine: bool
    anchored: bool
    countries: frozenset
    actors: frozenset
    words: str


def _iso(value) -> date | None:
    if value is None or (isinstance(value, float) and pd.isna(value)):
        return None
    try:
        return date.fromisoformat(str(value)[:10])
    except ValueError:
        return None


def _content_words(quote: str) -> str:
    return " ".join(w for w in re.findall(r"[^\W\d_]{4,}", str(quote).lower()))


def _mention(i: int, row) -> _Mention:
    start, end = _iso(row.date_start), _iso(row.date_end)
    value = str(row.date_value or "")
    md = re.fullmatch(r"X{4}-(\d{2})-(\d{2})", value)
    anchored = not str(row.date_text or "")
    if anchored and start is not None:
        start = start - timedelta(days=DCT_SLACK_DAYS)
    fine = (str(row.granularity) in FINE_GRANULARITIES and start is not None) or md is not None
    return _Mention(
        i, str(row.event_id), str(row.doc_id), start, end,
        (int(md[1]), int(md[2])) if md else None, fine and not anchored, anchored,
        frozenset(row.countries or []), frozenset(row.actors or []), _content_words(row.quote),
    )


def _time(a: _Mention, b: _Mention) -> str | None:
    """'day' when both name the same day, 'overlap' when intervals meet, None when incompatible."""
    if a.month_day or b.month_day:
        other = b if a.month_day else a
        md = a.month_day or b.month_day
        if other.month_day:
            return "day" if other.month_day == md else None
        if other.start is None:
            return None
        d = other.start
        while d <= other.end:
            if (d.month, d.day) == md:
                return "day" if other.fine else "overlap"
            d += timedelta(days=1)
            if (d - other.start).days > 400:
                break
        return None
    if a.start is None or b.start is None or a.end is None or b.end is None:
        return None
    if a.start <= b.end and b.start <= a.end:
        return "day" if a.fine and b.fine and a.start == b.start else "overlap"
    return None


def _jaccard(a: frozenset, b: frozenset) -> float:
    return len(a & b) / len(a | b) if a and b else 0.0


def linked(a: _Mention, b: _Mention) -> bool:
    """Whether two mentions report the same real-world event."""
    when = _time(a, b)
    if when is None:
        return False
    countries = _jaccard(a.countries, b.countries)
    wording = fuzz.token_set_ratio(a.words, b.words) / 100.0 if a.words and b.words else 0.0
    if when == "day":
        return (countries >= SAME_DAY[0] and wording >= SAME_DAY[1]) or wording >= SAME_DAY_WORDING
    if a.anchored or b.anchored:
        shared = len(a.actors & b.actors)
        return countries >= ANCHORED[0] and (wording >= ANCHORED[1] or shared >= SHARED_ACTORS_FOR_ANCHORED)
    return countries >= COARSE[0] and wording >= COARSE[1]


def assign_clusters(frame: pd.DataFrame) -> pd.DataFrame:
    """Return a copy of the events frame with `cluster_id` set (same real-world event, same id)."""
    frame = frame.copy()
    if frame.empty:
        frame["cluster_id"] = pd.Series(dtype=object)
        return frame
    mentions = [_mention(i, row) for i, row in enumerate(frame.itertuples(index=False))]
    parent = list(range(len(mentions)))

    def find(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for i, a in enumerate(mentions):
        for b in mentions[i + 1 :]:
            if find(a.idx) != find(b.idx) and linked(a, b):
                parent[find(b.idx)] = find(a.idx)
    groups: dict[int, list[_Mention]] = {}
    for m in mentions:
        groups.setdefault(find(m.idx), []).append(m)
    ids = [""] * len(mentions)
    for members in groups.values():
        first = min(members, key=lambda m: (m.start or date.max, m.doc_id, m.event_id))
        cid = "c" + hashlib.sha1(first.event_id.encode()).hexdigest()[:12]
        for m in members:
            ids[m.idx] = cid
    frame["cluster_id"] = ids
    return frame
