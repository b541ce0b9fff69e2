"""Numpy helpers the stages share."""
from __future__ import annotations

import numpy as np


def unique(values: np.ndarray, counts: bool = False):
    """np.unique of integers, by sorting: numpy 2's hash path is tens of times slower on millions of keys."""
    ordered = np.sort(values)  # (order among equal integers does not matter)
    starts = np.flatnonzero(np.r_[True, ordered[1:] != ordered[:-1]]) if len(ordered) else np.zeros(0, np.int64)
    if not counts:
        return ordered[starts]
    return ordered[starts], np.diff(np.r_[starts, len(ordered)])


def expand(count: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """For runs of `count[k]` items: the run k of each item and its position within the run."""
    run = np.repeat(np.arange(len(count)), count)
    return run, np.arange(len(run)) - np.repeat(np.cumsum(count) - count, count)


class Growing:
    """An array appended to a batch at a time, its capacity doubled when full (byte strings widen as needed).

    A build that reads its input in batches keeps only this one buffer between them: objects kept per batch,
    even the header of a small array, would each pin the memory of that batch's transient objects, since
    Python's allocator returns an arena to the system only when all of it is free.
    """

    def __init__(self, dtype, width: int | None = None):
        self._data = np.zeros((1024,) if width is None else (1024, width), dtype=dtype)
        self._size = 0

    def __len__(self) -> int:
        return self._size

    def extend(self, values) -> None:
        values = np.asarray(values)
        if values.dtype.kind == "S" and values.dtype.itemsize > self._data.dtype.itemsize:
            self._data = self._data.astype(values.dtype)
        end = self._size + len(values)
        if end > len(self._data):
            grown = np.zeros((max(end, 2 * len(self._data)),) + self._data.shape[1:], dtype=self._data.dtype)
            grown[:self._size] = self._data[:self._size]
            self._data = grown
        self._data[self._size:end] = values
        self._size = end

    def array(self) -> np.ndarray:
        """The values appended so far (a view: copy it to keep it past further appends)."""
        return self._data[:self._size]

    def take(self) -> np.ndarray:
        """The values appended so far as an array of their own, the spare capacity given back (the buffer is
        shrunk in place where nothing else refers to it, else copied); the Growing is empty afterwards."""
        data, size = self._data, self._size
        self._data, self._size = np.zeros((0,) + data.shape[1:], dtype=data.dtype), 0
        try:
            data.resize((size,) + data.shape[1:])  # (numpy refuses if a view of it is still around)
        except ValueError:
            data = data[:size].copy()
        return data
