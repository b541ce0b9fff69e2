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
COARSE_DAYS = 92  # an interval longer than this (a year, a decade) says little about which event it is
COMMON_WORD_SHARE = 0.2  # words in more than this share of the quotes (and at least 3) carry no signal
# Link thresholds: (minimum country overlap, minimum wording similarity) by how precisely the dates agree.
# Same day: countries overlap and (a shared person/organisation/place, or both name several countries,
# or some similar wording); or very similar wording alone.
SAME_DAY = (0.5, 0.3)
SAME_DAY_WORDING = 0.6
MIN_SHARED_WORDS = 2  # wording similarity counts only when the quotes share this many content words
ANCHORED = (0.5, 0.5)  # one side dated only by its article's date
SHARED_ACTORS_FOR_ANCHORED = 2  # ... or that many shared people/organisations
COARSE = (0.5, 0.6)  # week, month or season
VERY_COARSE = (0.5, 0.8)  # longer than COARSE_DAYS


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
    span_days: int
    locations: frozenset = frozenset()


def _iso(value) -> date | None:
    if value is None or (isinstance(value, float) and pd.isna(value)):
        return None
    try:
        return date.fromisoformat(str(value)[:10])
    except ValueError:
        return None


def _words(quote: str) -> list[str]:
    return re.findall(r"[^\W\d_]{4,}", str(quote).lower())


def _mention(i: int, row, common: frozenset, country_names: frozenset) -> _Mention:
    start, end = _iso(row.date_start), _iso(row.date_end)
    value = str(row.date_value or "")
    md = re.fullmatch(r"X{4}-(\d{2})-(\d{2})", value)
    anchored = not str(row.date_text or "")
    if anchored and start is not None:
        start = start - timedelta(days=DCT_SLACK_DAYS)
    fine = (str(row.granularity) in FINE_GRANULARITIES and start is not None) or md is not None
    span = (end - start).days if start and end else (0 if md else 10_000)
    return _Mention(
        i, str(row.event_id), str(row.doc_id), start, end,
        (int(md[1]), int(md[2])) if md else None, fine and not anchored, anchored,
        frozenset(row.countries or []), frozenset(a for a in (row.actors or []) if a not in country_names),
        " ".join(w for w in _words(row.quote) if w not in common), span, frozenset(row.locations or []),
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


def linked(a: _Mention, b: _Mention) -> bool:
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


def candidate_pairs(mentions: list[_Mention]):
    """Pairs whose dates may be compatible, without comparing every pair (a sweep over start dates)."""
    dated = sorted((m for m in mentions if m.start is not None and not m.month_day), key=lambda m: (m.start, m.end))
    for i, a in enumerate(dated):
        for b in dated[i + 1 :]:
            if b.start > a.end:
                break
            yield a, b
    year_less = [m for m in mentions if m.month_day]
    by_md: dict[tuple[int, int], list[_Mention]] = {}
    for m in year_less:
        by_md.setdefault(m.month_day, []).append(m)
    for group in by_md.values():
        for i, a in enumerate(group):
            for b in group[i + 1 :]:
                yield a, b
    if year_less:
        for b in dated:
            for a in year_less:
                yield a, b


def _day_key(m: _Mention):
    """The day a precisely dated mention names (month-day for values without a year)."""
    if not m.fine:
        return None
    return ("md",) + m.month_day if m.month_day else ("d", m.start)


def _days_compatible(x: set, y: set) -> bool:
    """Two groups may merge when they do not name two different days."""
    days = x | y
    full = {d[1] for d in days if d[0] == "d"}
    mds = {d[1:] for d in days if d[0] == "md"}
    if len(full) > 1 or len(mds) > 1:
        return False
    return not (full and mds) or all((f.month, f.day) in mds for f in full)


def assign_clusters(frame: pd.DataFrame) -> pd.DataFrame:
    """Return a copy of the events frame with `cluster_id` set (same real-world event, same id)."""
    frame = frame.copy()
    if frame.empty:
        frame["cluster_id"] = pd.Series(dtype=object)
        return frame
    from .actors import load_registry

    rows = list(frame.itertuples(index=False))
    df: dict[str, int] = {}
    for row in rows:
        for w in set(_words(row.quote)):
            df[w] = df.get(w, 0) + 1
    common = frozenset(w for w, n in df.items() if n >= 3 and n > COMMON_WORD_SHARE * len(rows))
    country_names = frozenset(load_registry().country_names.values())
    mentions = [_mention(i, row, common, country_names) for i, row in enumerate(rows)]
    parent = list(range(len(mentions)))
    days = [({_day_key(m)} - {None}) for m in mentions]

    def find(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    # Most precise pairs first, so a vague mention joins the cluster its best match is already in.
    pairs = []
    for a, b in candidate_pairs(mentions):
        if linked(a, b):
            pairs.append((max(a.span_days, b.span_days), min(a.event_id, b.event_id), max(a.event_id, b.event_id), a.idx, b.idx))
    for *_, x, y in sorted(pairs):  # by event ids, not row order: the same ids whatever the input order
        rx, ry = find(x), find(y)
        if rx != ry and _days_compatible(days[rx], days[ry]):
            parent[ry] = rx
            days[rx] |= days[ry]
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
