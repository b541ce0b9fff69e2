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
