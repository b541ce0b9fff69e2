"""Cluster event mentions across articles into real-world events (`cluster_id`).

Two mentions are linked when their dates are compatible (overlapping intervals; a value without a year
such as XXXX-11-10 fits any year's 10 November; a mention anchored to its article's date may have
happened up to DCT_SLACK_DAYS before it) and they share enough of what they are about: countries and
actors (Jaccard overlap) and wording (rapidfuzz token-set similarity of the quotes). Linked mentions
form clusters by union-find; a cluster's id derives from its earliest member's event_id, so it is
stable across rebuilds of the same texts.

Not every pair is compared (`_linkable_pairs`): pairs that cannot link are dropped on bit masks in numpy,
and a very coarse mention (a year, a decade) is compared only with mentions whose quotes use one of its
RARE_WORDS rarest words. Pairs already in one cluster are skipped before the costly `linked`.
"""
from __future__ import annotations

import hashlib
import re
from collections import namedtuple
from dataclasses import dataclass
from datetime import date, timedelta

import numpy as np
import pandas as pd
from rapidfuzz import fuzz

from .arrays import unique

NEEDS: tuple[str, ...] = ("event_id", "doc_id", "date_value", "date_start", "date_end", "granularity", "date_text",
                          "countries", "actors", "locations", "quote")
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


def _mention(i: int, row, words: list[str], common: frozenset, country_names: frozenset) -> _Mention:
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
        " ".join(w for w in words if w not in common), span, frozenset(row.locations or []),
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
    """Every pair whose dates may be compatible, one at a time (the plain sweep over start dates; slow, kept
    as the reference that `_linkable_pairs` is tested against)."""
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


MASK_BITS = 251  # a prime: item id i = 251 q + r sets bit (r + k q) % 251 of mask k (see _Masks)
RARE_WORDS = 5  # a very coarse mention is compared with mentions using one of its 5 rarest words
PAIR_CHUNK = 250_000  # date-compatible pairs filtered at a time (small arrays stay in the CPU cache)
SKIP_BATCH = 50_000  # pairs between two looks at which pairs are already in one cluster


class _Masks:
    """Bit masks of a set-valued field (words, countries, actors), for necessary tests on millions of pairs
    at numpy speed: never False for a pair that passes the exact test, often False for one that fails.

    Item id i = 251 q + r sets bit (r + k q) mod 251 in mask k (k = 0, 1, 2). Two distinct ids below 251**2
    differ in at least two of the three bits (any two of them determine q and r), so two sets sharing two
    items share two bits in at least two masks. With a larger vocabulary the masks are the base-251 digits
    (distinct ids differ in one at least). With at most 251 items, mask 0 is the set itself.
    """

    def __init__(self, sets: list):
        vocab = {x: k for k, x in enumerate(sorted({x for s in sets for x in s}))}
        self.exact = len(vocab) <= MASK_BITS
        self.spread = len(vocab) <= MASK_BITS ** 2
        rows = np.repeat(np.arange(len(sets)), [len(s) for s in sets])
        ids = np.fromiter((vocab[x] for s in sets for x in s), dtype=np.int64, count=len(rows))
        self.rows, self.ids = rows, ids  # (set, item id) for every item of every set
        if self.spread:
            bits = [(ids % MASK_BITS + k * (ids // MASK_BITS)) % MASK_BITS for k in range(3)]
        else:
            bits, rest = [], ids
            while len(bits) == 0 or rest.any():
                bits.append(rest % MASK_BITS)
                rest = rest // MASK_BITS
        self.masks = []  # per mask, its four 64-bit words as separate columns (fast to gather)
        for bit in bits:
            mask = np.zeros((4, len(sets)), dtype=np.uint64)
            np.bitwise_or.at(mask, (bit >> 6, rows), np.left_shift(np.uint64(1), (bit & 63).astype(np.uint64)))
            self.masks.append(mask)

    @staticmethod
    def _count(mask: np.ndarray, i: np.ndarray, j: np.ndarray, op=np.bitwise_and) -> np.ndarray:
        return sum(np.bitwise_count(op(word[i], word[j])) for word in mask)

    def shares(self, i: np.ndarray, j: np.ndarray, at_least: int) -> np.ndarray:
        """Whether the sets of rows i and j may share `at_least` (1 or 2) items."""
        if at_least == 1:
            return self._count(self.masks[0], i, j) >= 1
        twos = sum((self._count(m, i, j) >= 2).astype(np.int8) for m in self.masks)
        return twos >= (2 if self.spread else 1)

    def jaccard_at_least(self, i: np.ndarray, j: np.ndarray, share: float) -> np.ndarray:
        """Whether the sets of rows i and j may have a Jaccard overlap of `share` (both non-empty)."""
        if not self.exact:
            return self.shares(i, j, 1)
        both = self._count(self.masks[0], i, j)
        either = self._count(self.masks[0], i, j, np.bitwise_or)
        return (both > 0) & (both >= share * either)


def _country_overlap(sets: list[frozenset], share: float):
    """A test of `_jaccard(countries) >= share` for index arrays of pairs. Mentions name few distinct sets of
    countries, so the test is a table over those sets (exact with masks of at most 251 countries); with
    too many sets or countries, a necessary test on the masks (a shared country)."""
    distinct: dict[frozenset, int] = {}
    of = np.fromiter((distinct.setdefault(c, len(distinct)) for c in sets), dtype=np.int64, count=len(sets))
    masks = _Masks(list(distinct))
    if not masks.exact or len(distinct) > 4096:
        countries = _Masks(sets)
        return lambda i, j: countries.jaccard_at_least(i, j, share)
    table = np.zeros((len(distinct), len(distinct)), dtype=bool)
    every = np.arange(len(distinct))
    for row in every:
        table[row] = masks.jaccard_at_least(np.full(len(every), row), every, share)
    return lambda i, j: table[of[i], of[j]]


def _expand(count: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """For runs of `count[k]` items: the run k of each item and its position within the run."""
    run = np.repeat(np.arange(len(count)), count)
    return run, np.arange(len(run)) - np.repeat(np.cumsum(count) - count, count)


def _linkable_pairs(mentions: list[_Mention], stats: dict | None = None) -> tuple[np.ndarray, np.ndarray]:
    """Index pairs (i, j) of mentions that `linked` may accept, found without comparing all date-compatible
    pairs, which grow with the square of the corpus. Three sources:

    - mentions no longer than COARSE_DAYS whose dates meet (a sweep over start dates, by chunks);
    - a very coarse mention (a year, a decade: it meets most mentions of its time) with the dated mentions
      whose quotes use one of its RARE_WORDS rarest words (fewest quotes; an inverted index). A link to it
      needs near-identical wording (VERY_COARSE), which keeps the rare words; other pairs are not compared;
    - values without a year (XXXX-11-10) with the dated mentions containing that day in some year.

    Pairs failing a necessary condition of `linked` are dropped on bit masks (`_Masks`): a link needs the
    same day or a country overlap; beyond that two shared words (for any wording similarity), or, on the
    same day, the country overlap, or, one side DCT-anchored, two shared people/organisations. `stats`, if
    given, counts the pairs considered and kept by source (for benchmarks).
    """
    stats = {} if stats is None else stats
    n = len(mentions)
    words = _Masks([set(m.words.split()) for m in mentions])
    actors = _Masks([m.actors for m in mentions])
    anchored = np.fromiter((m.anchored for m in mentions), dtype=bool, count=n)
    fine = np.fromiter((m.fine for m in mentions), dtype=bool, count=n)
    min_countries = min(SAME_DAY[0], ANCHORED[0], COARSE[0], VERY_COARSE[0])
    found_i, found_j = [], []

    overlap = _country_overlap([m.countries for m in mentions], min_countries)

    def keep(i: np.ndarray, j: np.ndarray, same_day: np.ndarray, source: str) -> None:
        country = overlap(i, j)
        maybe = country | same_day  # the cheap test first; the costlier ones on what is left
        i, j, same_day, country = i[maybe], j[maybe], same_day[maybe], country[maybe]
        words2 = words.shares(i, j, 2)
        ok = words2 | (country & same_day)
        rest = country & ~ok & (anchored[i] | anchored[j])
        ok[rest] = actors.shares(i[rest], j[rest], 2)
        found_i.append(i[ok].astype(np.int32))  # half the memory: pairs are the largest arrays at scale
        found_j.append(j[ok].astype(np.int32))
        stats[source] = stats.get(source, 0) + len(maybe)
        stats[source + " kept"] = stats.get(source + " kept", 0) + int(ok.sum())

    dated = [m for m in mentions if m.start is not None and m.end is not None and not m.month_day]
    year_less = [m for m in mentions if m.month_day]
    lo = np.full(n, date.min.toordinal(), dtype=np.int64)  # mentions without dates never link: kept apart
    hi = np.full(n, date.min.toordinal() - 1, dtype=np.int64)
    for m in dated:
        lo[m.idx], hi[m.idx] = m.start.toordinal(), m.end.toordinal()
    for m in year_less:
        lo[m.idx], hi[m.idx] = date.min.toordinal(), date.max.toordinal()  # checked by `_time`

    local = sorted((m for m in dated if m.span_days <= COARSE_DAYS), key=lambda m: (m.start, m.end))
    idx = np.array([m.idx for m in local], dtype=np.int64)
    start, end = lo[idx], hi[idx]
    # The sweep: the mentions after k in start order that start before k ends, by chunks of pairs.
    count = np.maximum(np.searchsorted(start, end, side="right") - np.arange(len(local)) - 1, 0)
    row = 0
    while row < len(local):
        stop = min(len(local), row + max(1, int(np.searchsorted(np.cumsum(count[row:]), PAIR_CHUNK, side="right"))))
        run, pos = _expand(count[row:stop])
        a = row + run
        b = a + 1 + pos
        keep(idx[a], idx[b], fine[idx[a]] & fine[idx[b]] & (start[a] == start[b]), "sweep")
        row = stop

    # Very coarse mentions: their rarest words, then every dated mention whose quote has one of them.
    vague = np.zeros(n, dtype=bool)
    vague[[m.idx for m in dated if m.span_days > COARSE_DAYS]] = True
    if vague.any():
        freq = np.bincount(words.ids)
        sel = vague[words.rows]
        r, w = words.rows[sel], words.ids[sel]
        order = np.lexsort((w, freq[w], r))
        r, w = r[order], w[order]
        _, rank = _expand(np.bincount(r, minlength=n)[unique(r)])
        r, w = r[rank < RARE_WORDS], w[rank < RARE_WORDS]
        # The index: (word, year) -> mentions, a mention under each year it spans; year-less ones under
        # one more slot, which every very coarse mention looks up too.
        y_lo = np.full(n, -1, dtype=np.int64)
        y_hi = np.full(n, -2, dtype=np.int64)
        for m in dated:
            y_lo[m.idx], y_hi[m.idx] = m.start.year, m.end.year
        first_year = int(y_lo[y_lo >= 0].min())
        slots = int(y_hi.max()) - first_year + 2
        y_lo[y_lo >= 0] -= first_year
        y_hi[y_hi >= 0] -= first_year
        for m in year_less:
            y_lo[m.idx] = y_hi[m.idx] = slots - 1
        sel = y_lo[words.rows] >= 0
        item, year = _expand(np.maximum(y_hi - y_lo + 1, 0)[words.rows[sel]])
        p_row = words.rows[sel][item]
        p_key = words.ids[sel][item] * slots + y_lo[p_row] + year
        order = np.argsort(p_key, kind="stable")
        p_key, p_row = p_key[order], p_row[order]
        span = y_hi[r] - y_lo[r] + 1
        item, year = _expand(span + 1)  # the years a very coarse mention spans, then the year-less slot
        key = w[item] * slots + np.where(year == span[item], slots - 1, y_lo[r[item]] + year)
        first = np.searchsorted(p_key, key, side="left")
        hits = np.searchsorted(p_key, key, side="right") - first
        owner = r[item]
        codes = []
        stats["very coarse probes"] = int(hits.sum())
        # By chunks of probes: the postings of frequent words would otherwise be expanded all at once.
        cum = np.cumsum(hits)
        a = 0
        while a < len(hits):
            b = max(a + 1, int(np.searchsorted(cum, cum[a] - hits[a] + PAIR_CHUNK, side="right")))
            run, pos = _expand(hits[a:b])
            v, o = owner[a:b][run], p_row[first[a:b][run] + pos]
            meet = (v != o) & (lo[o] <= hi[v]) & (lo[v] <= hi[o])
            codes.append(unique(np.minimum(v, o)[meet] * n + np.maximum(v, o)[meet]))
            if sum(map(len, codes[1:])) > max(16 * PAIR_CHUNK, len(codes[0])):  # one pair comes from many words:
                codes = [unique(np.concatenate(codes))]  # merge as we go (amortised: the new part is the larger)
            a = b
        pair = unique(np.concatenate(codes)) if codes else np.zeros(0, dtype=np.int64)
        for c in range(0, len(pair), PAIR_CHUNK):
            part = pair[c:c + PAIR_CHUNK]
            keep(part // n, part % n, np.zeros(len(part), dtype=bool), "very coarse")

    # Values without a year: against the (not very coarse) dated mentions holding that day in some year.
    if len(local):
        years = range(date.fromordinal(int(start.min())).year, date.fromordinal(int(end.max())).year + 1)
        for m in year_less:
            days = []
            for year in years:
                try:
                    days.append(date(year, *m.month_day).toordinal())
                except ValueError:  # 29 February in a common year
                    continue
            days = np.array(days + [date.max.toordinal()], dtype=np.int64)  # the sentinel: no day after
            others = idx[days[np.searchsorted(days, start)] <= end]  # the first such day on or after the start
            keep(np.full(len(others), m.idx, dtype=np.int64), others, fine[others], "year-less")
    for k, a in enumerate(year_less):
        for b in year_less[k + 1 :]:
            if a.month_day == b.month_day:
                keep(np.array([a.idx]), np.array([b.idx]), np.array([True]), "year-less")
    if not found_i:
        return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64)
    return np.concatenate(found_i), np.concatenate(found_j)


def _days(mentions: list[_Mention]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The day each precisely dated mention names, as arrays a cluster's root keeps up to date: the full day
    (an ordinal), the month-day of a value without a year (month * 32 + day) and the month-day of the full
    day; -1 where there is none. A cluster never holds two full days or two month-days (`_clash`)."""
    n = len(mentions)
    full, md, full_md = (np.full(n, -1, dtype=np.int64) for _ in range(3))
    for m in mentions:
        if not m.fine:
            continue
        if m.month_day:
            md[m.idx] = m.month_day[0] * 32 + m.month_day[1]
        else:
            full[m.idx], full_md[m.idx] = m.start.toordinal(), m.start.month * 32 + m.start.day
    return full, md, full_md


def _clash(days: tuple[np.ndarray, np.ndarray, np.ndarray], x, y):
    """Whether clusters x and y (roots; arrays or single ints) name two different days and may not merge. A
    clash never goes away: merges only add days."""
    full, md, full_md = days
    fx, fy, mx, my = full[x], full[y], md[x], md[y]
    return (((fx >= 0) & (fy >= 0) & (fx != fy)) | ((mx >= 0) & (my >= 0) & (mx != my))
            | ((fx >= 0) & (my >= 0) & (full_md[x] != my)) | ((fy >= 0) & (mx >= 0) & (full_md[y] != mx)))


def _mentions(frame: pd.DataFrame) -> list[_Mention]:
    """The frame's rows as mentions, their quotes' words less those too common to carry a signal."""
    from .actors import load_registry

    # List columns as plain lists first: iterating pyarrow-backed cells one by one is slow.
    row_type = namedtuple("Row", list(frame.columns), rename=True)
    rows = [row_type(*cells) for cells in zip(*(frame[c].tolist() for c in frame.columns))]
    words = [_words(row.quote) for row in rows]
    df: dict[str, int] = {}
    for ws in words:
        for w in set(ws):
            df[w] = df.get(w, 0) + 1
    common = frozenset(w for w, n in df.items() if n >= 3 and n > COMMON_WORD_SHARE * len(rows))
    country_names = frozenset(load_registry().country_names.values())
    return [_mention(i, row, ws, common, country_names) for i, (row, ws) in enumerate(zip(rows, words))]


def assign_clusters(frame: pd.DataFrame) -> pd.DataFrame:
    """Return a copy of the events frame with `cluster_id` set (same real-world event, same id)."""
    frame = frame.copy()
    if frame.empty:
        frame["cluster_id"] = pd.Series(dtype=object)
        return frame
    mentions = _mentions(frame)
    parent = list(range(len(mentions)))
    days = _days(mentions)

    def find(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    # Most precise pairs first, so a vague mention joins the cluster its best match is already in; then by
    # event ids, not row order: the same ids whatever the input order. A pair already in one cluster is
    # skipped before the costly `linked` (merging it would change nothing), as is one whose days clash.
    i, j = _linkable_pairs(mentions)
    span = np.array([m.span_days for m in mentions], dtype=np.int32)
    rank = np.empty(len(mentions), dtype=np.int32)
    rank[sorted(range(len(mentions)), key=lambda k: mentions[k].event_id)] = np.arange(len(mentions), dtype=np.int32)
    order = np.lexsort((np.maximum(rank[i], rank[j]), np.minimum(rank[i], rank[j]), np.maximum(span[i], span[j])))
    i, j = i[order], j[order]
    for batch in range(0, len(i), SKIP_BATCH):
        # Pairs already in one cluster (most, where many articles repeat a story) or in clusters whose days
        # clash are dropped by the batch.
        root = np.array(parent)
        while True:
            up = root[root]
            if (up == root).all():
                break
            root = up
        x, y = i[batch:batch + SKIP_BATCH], j[batch:batch + SKIP_BATCH]
        rx, ry = root[x], root[y]
        apart = (rx != ry) & ~_clash(days, rx, ry)
        for x, y in zip(x[apart].tolist(), y[apart].tolist()):
            rx, ry = find(x), find(y)
            if rx != ry and not _clash(days, rx, ry) and linked(mentions[x], mentions[y]):
                parent[ry] = rx
                for column in days:
                    if column[rx] < 0:
                        column[rx] = column[ry]
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
