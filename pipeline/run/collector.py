"""Fewer garbage collections while a build runs (a speed measure only: what is built is the same).

CPython's cyclic collector runs its youngest generation every 700 net allocations of container objects by
default. A build allocates millions (tokens, spans, mentions, events) that reference counting frees on its
own, and the collector cost about 7 % of the build's CPU time (1.1 s of 16 s on 1,000 generated articles,
measured with `gc.callbacks`). With the youngest generation collected every 10,000 allocations it cost
0.23-0.34 s, every 30,000 0.14 s (9 collections, none of the older generations). Cycles are still
collected, only in larger batches: memory stays bounded.
"""
from __future__ import annotations

import gc
import threading
from contextlib import contextmanager

YOUNG = 30_000  # allocations between collections of the youngest generation (CPython's default: 700)

_lock = threading.Lock()
_depth = 0
_saved: tuple[int, int, int] | None = None


@contextmanager
def fewer_collections():
    """Collect the youngest generation every YOUNG allocations inside the block; the thresholds in force
    before are restored when the outermost such block ends (builds may nest or run in threads)."""
    global _depth, _saved
    with _lock:
        if _depth == 0:
            _saved = gc.get_threshold()
            if _saved[0] and _saved[0] < YOUNG:  # (0: collection was switched off, leave it so)
                gc.set_threshold(YOUNG, *_saved[1:])
        _depth += 1
    try:
        yield
    finally:
        with _lock:
            _depth -= 1
            if _depth == 0 and _saved is not None:
                gc.set_threshold(*_saved)
                _saved = None


__all__ = ["fewer_collections", "YOUNG"]
