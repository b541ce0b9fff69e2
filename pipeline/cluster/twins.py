"""Twins: mentions of one article that are identical in everything linking reads (issue 17).

An article that repeats itself (a page whose text is pasted over and over, a 10 MB file of one story) gives the
same mention thousands of times; comparing every copy with every copy of every other mention of that day grew
with the square of the article's length (a 10 MB article: 40 s of clustering for 25,000 mentions). Twins link
with each other and with exactly the same mentions (`linked` reads only what makes them twins), so only the
first of each set is compared and the others join its cluster. Whether a mention is a twin depends on its own
article only, so other articles never change which mentions are folded (issue 23).
"""
from __future__ import annotations

import numpy as np

from .mention_table import Table
from .sets import Sets

_GOLDEN = np.uint64(0x9E3779B97F4A7C15)  # Fibonacci hashing: spreads small integers over 64 bits
_SHIFT = np.uint64(29)


def _mix(h: np.ndarray, values: np.ndarray) -> np.ndarray:
    with np.errstate(over="ignore"):
        h = (h ^ (values.astype(np.int64).view(np.uint64) * _GOLDEN)) * _GOLDEN
    return h ^ (h >> _SHIFT)


def _set_hash(s: Sets) -> np.ndarray:
    """A hash of each mention's set (order-free: a sum over its items), and its size."""
    n = len(s.offsets) - 1
    sizes = np.diff(s.offsets).astype(np.int64)
    with np.errstate(over="ignore"):
        items = (s.ids.astype(np.uint64) + np.uint64(1)) * _GOLDEN
        items ^= items >> _SHIFT
        items *= _GOLDEN
    sums = np.zeros(n, dtype=np.uint64)
    filled = sizes > 0
    if filled.any():
        starts = s.offsets[:-1][filled].astype(np.int64)
        sums[filled] = np.add.reduceat(items, starts) if len(items) else 0
    return _mix(sums, sizes)


def _same(t: Table, a: int, b: int) -> bool:
    """Whether rows a and b are identical in everything `linked` and the pairing read (the hash's check)."""
    scalars = (t.doc, t.lo, t.hi, t.md, t.fine, t.anchored, t.span)
    if any(col[a] != col[b] for col in scalars):
        return False
    return all(np.array_equal(s.ids[s.offsets[a]:s.offsets[a + 1]], s.ids[s.offsets[b]:s.offsets[b + 1]])
               for s in (t.countries, t.actors, t.locations, t.words))


def twins(t: Table) -> np.ndarray:
    """For each row, the first row (the smallest) of its article with identical content: itself when it has no
    earlier twin. Candidates come from a 64-bit hash of the content; each is then checked field by field."""
    n = t.n
    if not n:
        return np.zeros(0, dtype=np.int64)
    h = np.zeros(n, dtype=np.uint64)
    for col in (t.doc, t.lo, t.hi, t.md, t.fine, t.anchored, t.span):
        h = _mix(h, np.asarray(col))
    for s in (t.countries, t.actors, t.locations, t.words):
        h = _mix(h, _set_hash(s))
    _, first, inverse = np.unique(h, return_index=True, return_inverse=True)
    rep = first[inverse.ravel()].astype(np.int64)  # np.unique's index is the first occurrence: the smallest row
    for k in np.flatnonzero(rep != np.arange(n)).tolist():
        if not _same(t, k, int(rep[k])):  # a hash collision (never seen): the row stands alone
            rep[k] = k
    return rep


__all__ = ["twins"]
