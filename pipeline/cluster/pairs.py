"""The mentions clustering compares, as arrays, and the pairs of them worth comparing (blocking).

`table` turns the events (a frame, or batches of its NEEDS columns) into a `Table`: one row per mention in
event-id order, dates as ordinals, sets (countries, actors, places, the quote's words) as CSR arrays, a few
hundred bytes a mention. `pair_chunks` yields the pairs `cluster.linked` may accept, a chunk at a time and
most precise first, without comparing all date-compatible pairs (which grow with the square of the corpus):
pairs that cannot link are dropped on bit masks in numpy (`Masks`; shared actors, few a mention, are counted
exactly), and a very coarse mention (a year, a decade) is compared only with mentions whose quotes use one of
its RARE_WORDS rarest words.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

import numpy as np
import pandas as pd

from ..arrays import Growing, expand, unique
from ..registry import load_registry

NEEDS: tuple[str, ...] = ("event_id", "doc_id", "date_value", "date_start", "date_end", "granularity", "date_text",
                          "countries", "actors", "locations", "quote")

DCT_SLACK_DAYS = 2  # an undated statement reported on day D happened on D or shortly before
FINE_GRANULARITIES = ("day", "time")
COARSE_DAYS = 92  # an interval longer than this (a year, a decade) says little about which event it is
COMMON_WORD_SHARE = 0.2  # words in more than this share of the quotes (and at least 3) carry no signal


@dataclass
class ClusterMention:
    """One mention as `cluster.linked` compares it."""

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


MASK_BITS = 251  # a prime: item id i = 251 q + r sets bit (r + k q) % 251 of mask k (see Masks)
RARE_WORDS = 5  # a very coarse mention is compared with mentions using one of its 5 rarest words
PAIR_CHUNK = 250_000  # date-compatible pairs filtered at a time (small arrays stay in the CPU cache)
ENTRY_CHUNK = 250_000  # word entries indexed at a time (bounded temporaries: tens of bytes an entry)


class Masks:
    """Bit masks of a set-valued field (words; countries when they are too varied for a table), for necessary
    tests on millions of pairs at numpy speed: never False for a pair that passes the exact test, often False
    for one that fails.

    Item id i = 251 q + r sets bit (r + k q) mod 251 in mask k (k = 0, 1, 2). Two distinct ids below 251**2
    differ in at least two of the three bits (any two of them determine q and r), so two sets sharing two
    items share two bits in at least two masks. With a larger vocabulary the masks are the base-251 digits
    (distinct ids differ in one at least). With at most 251 items, mask 0 is the set itself.
    """

    def __init__(self, sets):
        if isinstance(sets, Sets):
            n, size, ids, self._offsets = sets.n, len(sets.vocab), sets.ids, sets.offsets
        else:
            vocab = {x: k for k, x in enumerate(sorted({x for s in sets for x in s}))}
            n, size = len(sets), len(vocab)
            self._offsets = np.r_[0, np.cumsum([len(s) for s in sets], dtype=np.int64)]
            ids = np.fromiter((vocab[x] for s in sets for x in s), dtype=np.int64, count=int(self._offsets[-1]))
        self.exact = size <= MASK_BITS
        self.spread = size <= MASK_BITS ** 2
        self.ids = ids  # the item id of every item of every set, set after set
        digits, top = 1, int(ids.max()) if len(ids) else 0
        while top >= MASK_BITS:
            digits, top = digits + 1, top // MASK_BITS
        # Per mask, its four 64-bit words as separate columns (fast to gather); set a chunk of items at a time.
        # With at most 251 items the three masks would be the same (q = 0): one is kept, and is exact.
        self.masks = [np.zeros((4, n), dtype=np.uint64) for _ in range(1 if self.exact else 3 if self.spread else digits)]
        for a in range(0, len(ids), ENTRY_CHUNK):
            part, at = ids[a:a + ENTRY_CHUNK].astype(np.int64), self.rows(a, a + ENTRY_CHUNK)
            if self.spread:
                bits = [(part % MASK_BITS + k * (part // MASK_BITS)) % MASK_BITS for k in range(len(self.masks))]
            else:
                bits = [part // MASK_BITS ** k % MASK_BITS for k in range(digits)]
            for mask, bit in zip(self.masks, bits):
                np.bitwise_or.at(mask, (bit >> 6, at), np.left_shift(np.uint64(1), (bit & 63).astype(np.uint64)))

    def rows(self, a: int = 0, b: int | None = None) -> np.ndarray:
        """The set of each of the items a to b (int32; all items by default), worked out from the sets' offsets."""
        return _owners(self._offsets, a, len(self.ids) if b is None else b)

    @staticmethod
    def _count(mask: np.ndarray, i: np.ndarray, j: np.ndarray, op=np.bitwise_and) -> np.ndarray:
        return sum(np.bitwise_count(op(word[i], word[j])) for word in mask)

    def shares(self, i: np.ndarray, j: np.ndarray, at_least: int) -> np.ndarray:
        """Whether the sets of rows i and j may share `at_least` (1 or 2) items."""
        if at_least == 1 or self.exact:
            return self._count(self.masks[0], i, j) >= at_least
        twos = sum((self._count(m, i, j) >= 2).astype(np.int8) for m in self.masks)
        return twos >= (2 if self.spread else 1)

    def jaccard_at_least(self, i: np.ndarray, j: np.ndarray, share: float) -> np.ndarray:
        """Whether the sets of rows i and j may have a Jaccard overlap of `share` (both non-empty)."""
        if not self.exact:
            return self.shares(i, j, 1)
        both = self._count(self.masks[0], i, j)
        either = self._count(self.masks[0], i, j, np.bitwise_or)
        return (both > 0) & (both >= share * either)


def _country_overlap(sets: "Sets", share: float):
    """A test of `_jaccard(countries) >= share` for index arrays of pairs. Mentions name few distinct sets of
    countries, so the test is a table over those sets (exact with masks of at most 251 countries); with
    too many sets or countries, a necessary test on the masks (a shared country)."""
    distinct: dict[tuple, int] = {}
    of = np.fromiter((distinct.setdefault(tuple(sets.ids[a:b].tolist()), len(distinct))
                      for a, b in zip(sets.offsets[:-1].tolist(), sets.offsets[1:].tolist())), dtype=np.int64, count=sets.n)
    of = of.astype(np.int16 if len(distinct) <= 4096 else np.int64)  # (the table below is for at most 4096 sets)
    masks = Masks([frozenset(c) for c in distinct])
    if not masks.exact or len(distinct) > 4096:
        countries = Masks(sets)
        return lambda i, j: countries.jaccard_at_least(i, j, share)
    fits = np.zeros((len(distinct), len(distinct)), dtype=bool)
    every = np.arange(len(distinct))
    for row in every:
        fits[row] = masks.jaccard_at_least(np.full(len(every), row), every, share)
    return lambda i, j: fits[of[i], of[j]]


def utf8(strings) -> np.ndarray:
    """Strings as a numpy array of UTF-8 bytes: no Python object each, and they sort as the strings do. Numpy
    drops trailing NUL bytes, so bytes 0 and 1 are escaped as 1 1 and 1 2 (which keeps the order)."""
    if not len(strings):
        return np.zeros(0, "S1")
    return np.array([s.encode("utf-8").replace(b"\x01", b"\x01\x02").replace(b"\x00", b"\x01\x01") for s in strings],
                    dtype=bytes)


def text(value: bytes) -> str:
    """The string `utf8` stored as `value`."""
    return value.replace(b"\x01\x01", b"\x00").replace(b"\x01\x02", b"\x01").decode("utf-8")


class Vocabulary:
    """Strings met a batch at a time, numbered at the end in their sorted order. Between batches it holds one
    growing array of each batch's distinct strings (UTF-8 bytes), no Python strings (see `arrays.Growing`)."""

    def __init__(self):
        self.strings = Growing("S1")

    def codes(self, values: list) -> np.ndarray:
        """Codes of `values` (int32) that `numbering` maps to the final ids."""
        local, items = pd.factorize(pd.Series(values, dtype=object))
        first = len(self.strings)
        if first + len(items) >= 2**31:
            raise OverflowError("more than 2**31 distinct strings across batches")
        self.strings.extend(utf8(items))
        return (local + first).astype(np.int32)

    def numbering(self) -> tuple[np.ndarray, np.ndarray]:
        """The distinct strings, sorted (UTF-8 bytes), and the id of each code."""
        every = self.strings.array()
        order = np.argsort(every, kind="stable")
        ranked = every[order]
        new = np.r_[True, ranked[1:] != ranked[:-1]] if len(ranked) else np.zeros(0, dtype=bool)
        ids = np.empty(len(every), dtype=np.int32)
        ids[order] = np.cumsum(new) - 1
        return ranked[new], ids


TAKE_ROWS = 65_536  # mentions whose set items are gathered at a time (bounded temporaries)


def _owners(offsets: np.ndarray, a: int, b: int) -> np.ndarray:
    """The row owning each of the items a to b of CSR `offsets` (b clipped to the last item), as int32."""
    return (np.searchsorted(offsets, np.arange(a, min(b, int(offsets[-1]))), side="right") - 1).astype(np.int32)


def _id_type(size: int):
    """The smallest integer type for ids below `size`: a corpus naming fewer than 65,536 distinct words keeps
    half the bytes an item."""
    return np.uint8 if size <= 2**8 else np.uint16 if size <= 2**16 else np.int32


@dataclass
class Sets:
    """A set of strings per mention, as arrays: mention k holds `vocab[ids[offsets[k]:offsets[k + 1]]]`."""

    offsets: np.ndarray  # int64, one more than there are mentions
    ids: np.ndarray  # increasing within a mention; the smallest integer type for the vocabulary once taken
    vocab: np.ndarray  # the strings as UTF-8 bytes, sorted
    _strings: np.ndarray | None = field(default=None, repr=False)

    @property
    def n(self) -> int:
        return len(self.offsets) - 1

    def take(self, rows: np.ndarray, drop: np.ndarray | None = None) -> "Sets":
        """The sets of `rows`, in that order; without the items whose id is in `drop`, if given (the others
        renumbered in the same order), ids in the smallest type that holds them. Made a chunk of rows at a time,
        so only the new ids are held besides."""
        keep = np.ones(len(self.vocab), dtype=bool)
        if drop is not None:
            keep[drop] = False
        new_id = (np.cumsum(keep) - 1).astype(_id_type(int(keep.sum())))
        sizes = np.diff(self.offsets)
        kept = sizes if drop is None else np.zeros(self.n, dtype=np.int64)
        for a in range(0, self.n if drop is not None else 0, TAKE_ROWS):  # each set's items left, for the offsets
            b = min(a + TAKE_ROWS, self.n)
            kept[a:b] = np.bincount(expand(sizes[a:b])[0], weights=keep[self.ids[self.offsets[a]:self.offsets[b]]],
                                    minlength=b - a)
        offsets = np.zeros(len(rows) + 1, dtype=np.int64)
        np.cumsum(kept[rows], out=offsets[1:])
        ids = np.empty(int(offsets[-1]), dtype=new_id.dtype)
        for a in range(0, len(rows), TAKE_ROWS):
            b = min(a + TAKE_ROWS, len(rows))
            run, pos = expand(sizes[rows[a:b]])
            items = self.ids[self.offsets[rows[a:b]][run] + pos]
            ids[offsets[a]:offsets[b]] = new_id[items[keep[items]]]
        return Sets(offsets, ids, self.vocab[keep])

    def share(self, i: np.ndarray, j: np.ndarray, at_least: int) -> np.ndarray:
        """Whether the sets of rows i and j share `at_least` items (exact), a chunk of pairs at a time. Its cost
        grows with the items of the pairs' sets: for small sets (actors), where bit masks cost more memory."""
        out = np.zeros(len(i), dtype=bool)
        maybe = np.flatnonzero((self.offsets[i + 1] - self.offsets[i] >= at_least)
                               & (self.offsets[j + 1] - self.offsets[j] >= at_least))
        size = max(1, len(self.vocab))
        for a in range(0, len(maybe), TAKE_ROWS):
            pair = maybe[a:a + TAKE_ROWS]
            keys = []
            for rows in (i[pair], j[pair]):
                run, pos = expand(self.offsets[rows + 1] - self.offsets[rows])
                keys.append(run.astype(np.int64) * size + self.ids[self.offsets[rows][run] + pos])
            both, count = unique(np.concatenate(keys), counts=True)  # an item twice: in both sets of its pair
            out[pair] = np.bincount(both[count > 1] // size, minlength=len(pair)) >= at_least
        return out

    def get(self, k: int) -> list[str]:
        if self._strings is None:  # decoded once, when `linked` first needs the strings
            self._strings = np.array([text(x) for x in self.vocab.tolist()], dtype=object)
        return self._strings[self.ids[self.offsets[k]:self.offsets[k + 1]]].tolist()


class SetsBuilder:
    """Collects `Sets` a batch of mentions at a time (growing numpy arrays, no Python objects, between batches)."""

    def __init__(self):
        self.vocabulary = Vocabulary()
        self.counts = Growing(np.int32)
        self.codes = Growing(np.int32)

    def add(self, values: list) -> None:
        values = [v if v is not None else () for v in values]
        row = np.repeat(np.arange(len(values), dtype=np.int64), [len(v) for v in values])
        codes = self.vocabulary.codes([x for v in values for x in v]).astype(np.int64)
        first = int(codes.min()) if len(codes) else 0
        span = int(codes.max()) - first + 1 if len(codes) else 1
        pair = unique(row * span + codes - first)  # each item once per mention
        self.counts.extend(np.bincount(pair // span, minlength=len(values)))
        self.codes.extend(pair % span + first)

    def sets(self) -> Sets:
        """The sets, the vocabulary sorted, ids increasing within a mention. The builder is emptied: its buffer
        of codes becomes the ids, rewritten in place."""
        vocab, ids = self.vocabulary.numbering()
        self.vocabulary = Vocabulary()
        counts, flat = self.counts.take(), self.codes.take()
        offsets = np.zeros(len(counts) + 1, dtype=np.int64)
        np.cumsum(counts, out=offsets[1:])
        size = max(1, len(vocab))
        for a in range(0, len(counts), TAKE_ROWS):  # sorted within each mention, a bounded chunk at a time
            b = min(a + TAKE_ROWS, len(counts))
            key = np.repeat(np.arange(b - a, dtype=np.int64), counts[a:b]) * size + ids[flat[offsets[a]:offsets[b]]]
            flat[offsets[a]:offsets[b]] = np.sort(key) % size
        return Sets(offsets, flat, vocab)


NO_DAY = date.min.toordinal() - 1  # the start and end of a mention without a date: it meets nothing


@dataclass
class Table:
    """The mentions as arrays, a few hundred bytes each, in event_id order: row k is the k-th event id, so
    every order below depends on the content, not on the frame's row order. `mention(k)` gives one
    `ClusterMention` for `linked`."""

    row: np.ndarray  # the frame row of each mention
    event_id: np.ndarray  # UTF-8 bytes
    doc: np.ndarray  # the article, as its rank among the doc ids: doc_ids[doc[k]]
    doc_ids: np.ndarray  # sorted, UTF-8 bytes
    lo: np.ndarray  # start and end as ordinals (NO_DAY without a date); an anchored start is moved back
    hi: np.ndarray
    md: np.ndarray  # month * 32 + day of a value without a year, else -1
    fine: np.ndarray
    anchored: np.ndarray
    span: np.ndarray
    countries: Sets
    actors: Sets
    locations: Sets
    words: Sets  # the quote's words less those too common to carry a signal, ids in alphabetical order

    @property
    def n(self) -> int:
        return len(self.event_id)

    def mention(self, k: int) -> ClusterMention:
        md = int(self.md[k])
        lo, hi = int(self.lo[k]), int(self.hi[k])
        return ClusterMention(
            k, text(self.event_id[k]), text(self.doc_ids[self.doc[k]]), date.fromordinal(lo) if lo != NO_DAY else None,
            date.fromordinal(hi) if hi != NO_DAY else None, divmod(md, 32) if md >= 0 else None,
            bool(self.fine[k]), bool(self.anchored[k]), frozenset(self.countries.get(k)), frozenset(self.actors.get(k)),
            " ".join(self.words.get(k)), int(self.span[k]), frozenset(self.locations.get(k)),
        )


ROWS_AT_ONCE = 20_000  # frame rows turned into Python values at a time


def _frame_batches(frame: pd.DataFrame):
    """The frame's NEEDS columns as plain lists, ROWS_AT_ONCE rows at a time."""
    for first in range(0, len(frame), ROWS_AT_ONCE):
        part = frame.iloc[first:first + ROWS_AT_ONCE]
        yield {c: part[c].tolist() for c in NEEDS}


def table(frame: pd.DataFrame) -> Table:
    """The frame's rows as a `Table` (only the NEEDS columns are read)."""
    return table_of_batches(_frame_batches(frame))


def table_of_batches(batches) -> Table:
    """A `Table` of the events in `batches` (dicts of NEEDS columns as lists, in row order), read one batch at a
    time, so that the events need never be one frame. Nothing but numpy arrays is kept from one batch to the
    next (see `Vocabulary`)."""

    country_names = frozenset(load_registry().country_names.values())
    dates = Growing(np.int32, width=6)  # lo, hi, md, fine, anchored, span
    event_ids = Growing("S1")
    doc_ids, doc_codes = Vocabulary(), Growing(np.int32)
    countries, actors, locations, words = SetsBuilder(), SetsBuilder(), SetsBuilder(), SetsBuilder()

    def add(batch: dict) -> None:  # (a function: nothing of the last batch is left when the arrays are made)
        rows = []
        ordinals: dict = {}  # this batch's only: its keys are its strings

        def ordinal(value):
            if value not in ordinals:
                d = _iso(value)
                ordinals[value] = d.toordinal() if d else None
            return ordinals[value]

        for value, s, e, gran, said in zip(*(batch[c] for c in ("date_value", "date_start", "date_end", "granularity", "date_text"))):
            start, end = ordinal(s), ordinal(e)
            m = re.fullmatch(r"X{4}-(\d{2})-(\d{2})", str(value or ""))
            anchored = not str(said or "")
            if anchored and start is not None:
                start -= DCT_SLACK_DAYS
            fine = ((str(gran) in FINE_GRANULARITIES and start is not None) or m is not None) and not anchored
            span = (end - start) if start is not None and end is not None else (0 if m else 10_000)
            rows.append((NO_DAY if start is None else start, NO_DAY if end is None else end,
                         int(m[1]) * 32 + int(m[2]) if m else -1, fine, anchored, span))
        dates.extend(np.array(rows, dtype=np.int32).reshape(-1, 6))  # (ordinals of years 1-9999 fit in 32 bits)
        event_ids.extend(utf8([str(x) for x in batch["event_id"]]))
        doc_codes.extend(doc_ids.codes([str(x) for x in batch["doc_id"]]))
        countries.add(batch["countries"])
        actors.add([[a for a in v if a not in country_names] if v is not None else None for v in batch["actors"]])
        locations.add(batch["locations"])
        words.add([_words(q) for q in batch["quote"]])

    for batch in batches:
        add(batch)
    batch = None
    event_id = event_ids.take()
    n = len(event_id)
    order = np.argsort(event_id, kind="stable")
    event_id = event_id[order]
    by_event = dates.take()[order]
    lo, hi, md, fine, anchored, span = (np.ascontiguousarray(by_event[:, k]) for k in range(6))
    del by_event
    doc_names, doc_of = doc_ids.numbering()
    doc = doc_of[doc_codes.take()][order]
    all_words = words.sets()
    df = np.bincount(all_words.ids, minlength=len(all_words.vocab))
    common = np.flatnonzero((df >= 3) & (df > COMMON_WORD_SHARE * n))
    words = all_words.take(order, drop=common)
    del all_words
    return Table(order.astype(np.int32 if n < 2**31 else np.int64), event_id, doc, doc_names, lo, hi, md,
                 fine.astype(bool), anchored.astype(bool), span, countries.sets().take(order),
                 actors.sets().take(order), locations.sets().take(order), words)


def mentions(frame: pd.DataFrame) -> list[ClusterMention]:
    """The frame's mentions one by one (in event_id order; `idx` is the position in that order)."""
    t = table(frame)
    return [t.mention(k) for k in range(t.n)]


def pair_chunks(t: Table, min_countries: float, shared_words: int, shared_actors: int, skip=None,
                stats: dict | None = None):
    """Index pairs (i, j) of mentions that `cluster.linked` may accept, a chunk at a time, in the order
    clustering links them: by the span of the longer mention (the day, then DCT-anchored days, weeks, months;
    the very coarse last), then by the smaller and the larger row (event id); each pair once. Found without
    comparing all date-compatible pairs, which grow with the square of the corpus:

    - mentions no longer than COARSE_DAYS whose dates meet (sweeps over start dates);
    - values without a year (XXXX-11-10) with the dated mentions containing that day in some year, and with
      each other on the same day;
    - a very coarse mention (a year, a decade: it meets most mentions of its time) with the dated mentions
      whose quotes use one of its RARE_WORDS rarest words (fewest quotes; an inverted index). A link to it
      needs near-identical wording, which keeps the rare words; other pairs are not compared.

    `skip(i, j)`, if given, drops pairs first (clustering drops pairs already in one cluster, before they cost
    anything). Pairs failing a necessary condition of a link are dropped on bit masks (`Masks`): the same day
    or a Jaccard country overlap of `min_countries`; beyond that `shared_words` shared words (for any wording
    similarity), or, on the same day, the country overlap, or, one side DCT-anchored, `shared_actors` shared
    people/organisations (an exact test on their few items, `Sets.share`). `stats`, if given, counts pairs
    considered and kept by source.
    """
    stats = {} if stats is None else stats
    words = Masks(t.words)
    overlap = _country_overlap(t.countries, min_countries)

    def keep(i: np.ndarray, j: np.ndarray, same_day: np.ndarray, source: str):
        if skip is not None and len(i):
            go = ~skip(i, j)
            i, j, same_day = i[go], j[go], same_day[go]
        country = overlap(i, j)
        maybe = country | same_day  # the cheap test first; the costlier ones on what is left
        i, j, same_day, country = i[maybe], j[maybe], same_day[maybe], country[maybe]
        ok = words.shares(i, j, shared_words) | (country & same_day)
        rest = country & ~ok & (t.anchored[i] | t.anchored[j])
        ok[rest] = t.actors.share(i[rest], j[rest], shared_actors)
        stats[source] = stats.get(source, 0) + len(maybe)
        stats[source + " kept"] = stats.get(source + " kept", 0) + int(ok.sum())
        return i[ok], j[ok]

    yield from _sweep_pairs(t, keep)
    yield from _very_coarse_pairs(t, words, keep, stats)


def _sweep_pairs(t: Table, keep):
    """Mentions no longer than COARSE_DAYS whose dates meet, and values without a year with the mentions holding
    their day, in the order of `pair_chunks`, by chunks of rows. (A function of its own: its arrays are gone
    before the very coarse pairs are looked for.)"""
    local = np.flatnonzero(_dated(t) & (t.span <= COARSE_DAYS))  # in event-id order, as every row list here
    spans = np.unique(t.span[local]).tolist()
    year_less = np.flatnonzero(t.md >= 0)
    if len(year_less) and (not spans or spans[0] > 0):
        spans.insert(0, 0)  # two values without a year on the same day: a pair of span 0
    for s in spans:
        # Pairs whose longer mention spans s days, by the smaller event id, then the larger: for each shorter
        # span s2, the mentions starting between a's start less s2 and a's end (if a or they span s). Only the
        # sorted rows are held per class; where each x's partners begin and how many there are is worked out
        # for a chunk of xs when needed (once to count them, once to take them).
        longest, subs = local[t.span[local] == s], []
        year_count, year_pairs = _year_less_pairs(t, longest, year_less, first=s == spans[0])
        for s2 in [x for x in spans if x <= s]:
            ys = local[t.span[local] == s2]
            ys = ys[np.argsort(t.lo[ys], kind="stable")].astype(np.int32)  # by start, then event id
            if s2 < s:
                subs.append((longest, ys, t.lo[ys], s2, None))
            else:  # span s on both sides or on y's: those starting before x, on x's start after x, and later
                y_key = t.lo[ys].astype(np.int64) * t.n + ys  # (start, event id): later event ids on x's start
                subs.append((local[t.span[local] <= s], ys, t.lo[ys], s, y_key))

        def ranges(sub, a: int, b: int):
            """(x, first, count) for xs[a:b] of one sub-sweep: partners ys[first:first + count] of each x."""
            xs, _, y_lo, s2, y_key = sub
            x = xs[a:b]
            x_lo, x_hi = t.lo[x], t.hi[x]
            if y_key is None:
                first = np.searchsorted(y_lo, x_lo - s2, side="left")
                return [(x, first, np.searchsorted(y_lo, x_hi, side="right") - first)]
            before, after = np.searchsorted(y_lo, x_lo, side="left"), np.searchsorted(y_lo, x_lo, side="right")
            first = np.searchsorted(y_lo, x_lo - s2, side="left")
            on = np.searchsorted(y_key, x_lo.astype(np.int64) * t.n + x, side="right")
            return [(x, first, before - first), (x, on, after - on),
                    (x, after, np.searchsorted(y_lo, x_hi, side="right") - after)]

        per_row = year_count
        for sub in subs:
            for a in range(0, len(sub[0]), ENTRY_CHUNK):
                for x, _, count in ranges(sub, a, a + ENTRY_CHUNK):
                    per_row[x] += np.maximum(count, 0)  # (empty ranges: < 0)
        for lo_row, hi_row in _runs(per_row):
            xa, ya = [], []
            for sub in subs:
                a, b = np.searchsorted(sub[0], [lo_row, hi_row])
                for x, first, count in ranges(sub, a, b):
                    run, pos = expand(np.maximum(count, 0))
                    xa.append(x[run])
                    ya.append(sub[1][first[run] + pos])
            x, y = np.concatenate(xa), np.concatenate(ya)
            ok = (y > x) & (t.hi[y] >= t.lo[x])  # each pair once, from its smaller event id; dates meet
            x, y = x[ok], y[ok]
            same = t.fine[x] & t.fine[y] & (t.lo[x] == t.lo[y])
            x, y, same = (np.concatenate([v, w]) for v, w in zip((x, y, same), year_pairs(lo_row, hi_row)))
            order = np.argsort(x.astype(np.int64) * t.n + y)  # by x, then y (each pair once: no ties)
            yield keep(x[order], y[order], same[order], "sweep")


def _year_less_pairs(t: Table, xs: np.ndarray, year_less: np.ndarray, first: bool):
    """Values without a year (XXXX-11-10) with the mentions `xs` (of one span, in row order) holding that day in
    some year, and, if `first` (the shortest span), with each other on the same day. They grow with the square
    of a day's mentions, so they are made a chunk of rows at a time from an index of those mentions by
    month-day: returns (the number of pairs of each row as the smaller one, `pairs(a, b)`: the pairs whose
    smaller row is in [a, b) as (smaller row, larger row, same day))."""
    n = t.n
    year_md = t.md[year_less].astype(np.int64)
    named = np.zeros(13 * 32, dtype=bool)
    named[year_md] = True
    # The index: month-day * n + row of every mention of xs under each month-day of its interval some value
    # without a year names (an interval of at most COARSE_DAYS + 1 days holds a month-day once at most).
    keys = [np.zeros(0, dtype=np.int64)]
    if len(year_less) and len(xs):
        step = max(1, ENTRY_CHUNK // (int(t.span[xs[0]]) + 1))  # (every mention of xs spans as many days)
        for a in range(0, len(xs), step):
            part = xs[a:a + step]
            run, pos = expand(t.hi[part] - t.lo[part] + 1)
            md = _month_days(t.lo[part][run] + pos)
            held = named[md]
            keys.append(md[held] * n + part[run][held])
    index = np.sort(np.concatenate(keys))
    by_day = np.sort(year_md * n + year_less)  # the values without a year by (month-day, row)
    del keys

    def after(sorted_keys: np.ndarray, md: np.ndarray, rows: np.ndarray):
        """Where the entries of month-day md with a row after `rows` begin and end in `sorted_keys`."""
        return np.searchsorted(sorted_keys, md * n + rows + 1), np.searchsorted(sorted_keys, md * n + n)

    count = np.zeros(n, dtype=np.int64)
    begin, end = after(index, year_md, year_less)
    count[year_less] += end - begin
    entry_md, entry_row = np.divmod(index, n)
    begin, end = after(by_day, entry_md, entry_row)
    count += np.bincount(entry_row, weights=end - begin, minlength=n).astype(np.int64)
    del entry_md, entry_row
    if first:
        begin, end = after(by_day, year_md, year_less)
        count[year_less] += end - begin

    def pairs(a: int, b: int):
        found = []
        inside = (year_less >= a) & (year_less < b)
        m, md = year_less[inside], year_md[inside]
        for sorted_keys, same in ((index, None), (by_day, True)) if first else ((index, None),):
            begin, end = after(sorted_keys, md, m)  # m in [a, b) with the later rows of its day
            run, pos = expand(end - begin)
            other = sorted_keys[begin[run] + pos] % n
            found.append((m[run], other, t.fine[other] if same is None else np.ones(len(other), dtype=bool)))
        # the rows of xs in [a, b) with the later values without a year of their day
        begin = np.searchsorted(index, year_md * n + a)
        end = np.searchsorted(index, year_md * n + np.minimum(b, year_less))
        run, pos = expand(np.maximum(end - begin, 0))
        other = index[begin[run] + pos] % n
        found.append((other, year_less[run], t.fine[other]))
        return (np.concatenate(side) for side in zip(*found))

    return count, pairs


def _month_days(ordinals: np.ndarray) -> np.ndarray:
    """month * 32 + day of each date ordinal."""
    days = (ordinals - date(1970, 1, 1).toordinal()).astype("datetime64[D]")
    months = days.astype("datetime64[M]")
    return (months.astype(np.int64) % 12 + 1) * 32 + (days - months).astype(np.int64) + 1


def _years(ordinals: np.ndarray) -> np.ndarray:
    """The year of each date ordinal (numpy's calendar is the proleptic Gregorian one of `date`)."""
    days = (ordinals - date(1970, 1, 1).toordinal()).astype("datetime64[D]")
    return days.astype("datetime64[Y]").astype(np.int64) + 1970


def _dated(t: Table) -> np.ndarray:
    """Mentions with a start and an end (values without a year are matched apart)."""
    return (t.lo != NO_DAY) & (t.hi != NO_DAY) & (t.md < 0)


def _runs(count: np.ndarray):
    """Consecutive slices [a, b) of `count` holding about PAIR_CHUNK items each (at least one entry)."""
    cum = np.cumsum(count)
    a = 0
    while a < len(count):
        b = max(a + 1, int(np.searchsorted(cum, cum[a] - count[a] + PAIR_CHUNK, side="right")))
        yield a, b
        a = b


def _very_coarse_pairs(t: Table, words: Masks, keep, stats: dict):
    """Very coarse mentions with the dated and year-less mentions whose quotes use one of their RARE_WORDS
    rarest words, in the order of `pair_chunks` (by the longer span, then the smaller and larger event id),
    by chunks of rows."""
    dated = _dated(t)
    vague = dated & (t.span > COARSE_DAYS)
    if not vague.any() or not len(words.ids):  # no words left (all common: copies of one quote): nothing to look up
        stats["very coarse probes"] = 0
        return
    n = t.n
    freq = np.bincount(words.ids)
    r, w = [], []
    for a in range(0, len(words.ids), ENTRY_CHUNK):
        rows = words.rows(a, a + ENTRY_CHUNK)
        sel = vague[rows]
        r.append(rows[sel])
        w.append(words.ids[a:a + ENTRY_CHUNK][sel])
    r, w = np.concatenate(r), np.concatenate(w)
    order = np.lexsort((w, freq[w], r))
    r, w = r[order], w[order]
    _, rank = expand(np.bincount(r, minlength=n)[unique(r)])
    r, w = r[rank < RARE_WORDS], w[rank < RARE_WORDS]
    # The index: (word, year) -> mentions, a mention under each year it spans; year-less ones under one more
    # slot, which every very coarse mention looks up too. Only the words some very coarse mention looks up.
    y_lo = np.full(n, -1, dtype=np.int64)
    y_hi = np.full(n, -2, dtype=np.int64)
    y_lo[dated], y_hi[dated] = _years(t.lo[dated]), _years(t.hi[dated])
    first_year = int(y_lo[dated].min())
    slots = int(y_hi.max()) - first_year + 2
    y_lo[dated] -= first_year
    y_hi[dated] -= first_year
    y_lo[t.md >= 0] = y_hi[t.md >= 0] = slots - 1
    looked_up = np.zeros(len(freq), dtype=bool)
    looked_up[w] = True
    years = y_hi[r] - y_lo[r] + 1
    item, year = expand(years + 1)  # the years a very coarse mention spans, then the year-less slot
    o_row = r[item]
    o_key = w[item].astype(np.int64) * slots + np.where(year == years[item], slots - 1, y_lo[o_row] + year)
    keys = unique(o_key)
    if not len(keys):  # no very coarse mention has a word left to look up
        stats["very coarse probes"] = 0
        return
    o_at = np.searchsorted(keys, o_key).astype(np.int32)
    del o_key, item, year
    # The other side, every dated or year-less mention: one entry per word some very coarse mention looks up and
    # year it spans. It is the largest thing here, so it is kept twice and nothing more: in row order as the
    # key of each entry (`p_at`, 2 bytes an entry for fewer than 65,536 keys; rows by `p_offsets`), and by
    # (key, span class) as rows (4 bytes).
    spanned = np.maximum(y_hi - y_lo + 1, 0)
    at_type = np.uint16 if len(keys) <= 2**16 else np.int32
    p_ats, p_count = [], np.zeros(n, dtype=np.int64)
    for a in range(0, len(words.ids), ENTRY_CHUNK):
        rows, ids = words.rows(a, a + ENTRY_CHUNK), words.ids[a:a + ENTRY_CHUNK]
        sel = (y_lo[rows] >= 0) & looked_up[ids]
        rows, ids = rows[sel], ids[sel]
        item, year = expand(spanned[rows])
        row = rows[item]
        key = ids[item].astype(np.int64) * slots + y_lo[row] + year
        at = np.minimum(np.searchsorted(keys, key), len(keys) - 1)
        wanted = keys[at] == key
        p_ats.append(at[wanted].astype(at_type))
        p_count += np.bincount(row[wanted], minlength=n)
    p_at = np.concatenate(p_ats)
    del p_ats, rows, ids, item, year, row, key, at, wanted, y_lo, y_hi, spanned
    p_offsets = np.r_[0, np.cumsum(p_count)]
    # Span classes: 0 for every span up to COARSE_DAYS (only the very coarse classes are looked up one by one),
    # then one per very coarse span, in order.
    spans = unique(t.span[np.r_[np.flatnonzero(p_count), o_row]])
    del p_count
    spans = np.r_[COARSE_DAYS, spans[spans > COARSE_DAYS]]
    classes = len(spans) + 1
    cls = np.searchsorted(spans, t.span).astype(np.int16)

    # Each side by (key, span class), rows in order within one; `before[s][k, c]`: where side s's entries of key
    # k and class c begin (a table, not a binary search per class).
    def by_key(count_codes, chunks):
        counts = count_codes.reshape(len(keys), classes)
        before = (np.cumsum(counts) - counts.ravel()).reshape(len(keys), classes)
        cursor = before.ravel().copy()
        rows = np.empty(int(counts.sum()), dtype=np.int32)
        for row, code in chunks():  # entries in row order: a stable fill keeps rows in order within a code
            order = np.argsort(code, kind="stable")
            code, row = code[order], row[order]
            starts = np.flatnonzero(np.r_[True, code[1:] != code[:-1]])
            size = np.diff(np.r_[starts, len(code)])
            rank = np.arange(len(code)) - np.repeat(starts, size)
            rows[cursor[code] + rank] = row
            cursor[code[starts]] += size
        return rows, before

    def p_chunks():
        for a in range(0, len(p_at), ENTRY_CHUNK):
            row = _owners(p_offsets, a, a + ENTRY_CHUNK)
            yield row, p_at[a:a + ENTRY_CHUNK].astype(np.int64) * classes + cls[row]

    o_code = o_at.astype(np.int64) * classes + cls[o_row]
    o_sorted, o_before = by_key(np.bincount(o_code, minlength=len(keys) * classes), lambda: [(o_row, o_code)])
    p_codes = np.zeros(len(keys) * classes, dtype=np.int64)
    for _, code in p_chunks():
        p_codes += np.bincount(code, minlength=len(p_codes))
    p_sorted, p_before = by_key(p_codes, p_chunks)
    del o_code, p_codes

    def looks(row, at, other, c):
        """For entries (row, key) of one side: where the other side's entries they meet in class c begin, and
        how many. An entry of class c meets those of its key up to class c; a shorter one, of class c only (the
        pair then belongs to a class already done or to come)."""
        own = cls[row]
        first = np.where(own == c, other[at, 0], other[at, c])
        return first, np.where(own <= c, other[at, c + 1] - first, 0)

    # Meeting intervals: a year-less value meets any (`_time` checks the day), a mention without dates none.
    lo = np.where(dated, t.lo, date.min.toordinal())
    hi = np.where(dated, t.hi, np.where(t.md >= 0, date.max.toordinal(), date.min.toordinal() - 1))

    stats["very coarse probes"] = 0
    for c in np.flatnonzero(spans > COARSE_DAYS).tolist():
        per_row = np.bincount(o_row, weights=looks(o_row, o_at, p_before, c)[1], minlength=n)
        for a in range(0, len(p_at), ENTRY_CHUNK):
            row = _owners(p_offsets, a, a + ENTRY_CHUNK)
            per_row += np.bincount(row, weights=looks(row, p_at[a:a + ENTRY_CHUNK], o_before, c)[1], minlength=n)
        per_row = per_row.astype(np.int64)
        stats["very coarse probes"] += int(per_row.sum())
        for a, b in _runs(per_row + np.diff(p_offsets)):  # (bounded in entries looked at, as in pairs found)
            found = []
            k0, k1 = np.searchsorted(o_row, [a, b])
            e0, e1 = int(p_offsets[a]), int(p_offsets[b])
            for row, at, other, rows in ((o_row[k0:k1], o_at[k0:k1], p_before, p_sorted),
                                         (_owners(p_offsets, e0, e1), p_at[e0:e1], o_before, o_sorted)):
                first, count = looks(row, at, other, c)
                run, pos = expand(count)
                x, y = row[run], rows[first[run] + pos]
                ok = (y > x) & (lo[x] <= hi[y]) & (lo[y] <= hi[x])  # each pair from its smaller row
                found.append(x[ok].astype(np.int64) * n + y[ok])
            pair = unique(np.concatenate(found))
            yield keep(pair // n, pair % n, np.zeros(len(pair), dtype=bool), "very coarse")
