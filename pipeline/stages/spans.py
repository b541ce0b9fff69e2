"""Spans looked up by position: the per-sentence lookups of the stages without a scan of the whole article."""
from __future__ import annotations

import bisect


class Spans:
    """Items with `start` and `end` (timexes, mentions, blocks) looked up by position in time logarithmic in
    their number, so the work per sentence does not grow with the article (issue 17: a scan of every item
    per sentence made a long article quadratic). Lookups give what the plain scans gave, in list order."""

    def __init__(self, items: list):
        self.items = items
        self.order = sorted(range(len(items)), key=lambda i: items[i].start)
        self.starts = [items[i].start for i in self.order]

    def within(self, start: int, end: int) -> list:
        """The items with start <= item.start and item.end <= end, in list order."""
        lo, hi = bisect.bisect_left(self.starts, start), bisect.bisect_right(self.starts, end)
        return [self.items[i] for i in sorted(i for i in self.order[lo:hi] if self.items[i].end <= end)]

    def starting(self, start: int, end: int) -> list:
        """The items with start <= item.start < end, in list order."""
        lo, hi = bisect.bisect_left(self.starts, start), bisect.bisect_left(self.starts, end)
        return [self.items[i] for i in sorted(self.order[lo:hi])]

    def first_holding(self, pos: int):
        """The first item (in list order) with item.start <= pos < item.end, or None."""
        if self.overlapping:  # (blocks never overlap: the plain scan is only a fallback)
            return next((b for b in self.items if b.start <= pos < b.end), None)
        hi = bisect.bisect_right(self.starts, pos)
        item = self.items[self.order[hi - 1]] if hi else None
        return item if item is not None and pos < item.end else None

    @property
    def overlapping(self) -> bool:
        """Whether two items overlap or start together (then more than one may hold a position)."""
        if not hasattr(self, "_overlapping"):
            ends = [self.items[i].end for i in self.order]
            self._overlapping = any(s < e for e, s in zip(ends, self.starts[1:])) or len(set(self.starts)) < len(self.starts)
        return self._overlapping

    def holds(self, pos: int) -> bool:
        """Whether some item has item.start <= pos < item.end."""
        if not hasattr(self, "_reach"):
            self._reach, top = [], -1  # the largest end among the first k items by start
            for i in self.order:
                top = max(top, self.items[i].end)
                self._reach.append(top)
        hi = bisect.bisect_right(self.starts, pos)
        return bool(hi) and self._reach[hi - 1] > pos
