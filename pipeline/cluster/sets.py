"""Sets of strings per mention as numpy arrays, and bit masks over them: the array helpers of `pairs`.

`Sets` holds one set of strings per mention (countries, actors, places, a quote's words) as CSR arrays;
`SetsBuilder` collects them a batch at a time through a `Vocabulary` of UTF-8 bytes (`utf8`, `text`), with
no Python object kept between batches. `Masks` are bit masks of a set-valued field, for necessary tests on
millions of pairs at numpy speed (split from pairs.py, issue 16).
"""
from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from ..arrays import Growing, expand, unique

MASK_BITS = 251  # a prime: item id i = 251 q + r sets bit (r + k q) % 251 of mask k (see Masks)
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


