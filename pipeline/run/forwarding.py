"""Keep an events file's cluster forwarding record up to date when a build replaces the file (issue 23).

`keeping_forwarding(out)` wraps the write of a new events file: it notes each event's cluster in the file about
to be replaced, and afterwards adds to the record beside it (`cluster.forwarding`) where every split, merged or
renamed cluster's mentions went. A first build (no file yet), or a file that cannot be read, records nothing.
Memory: the event and cluster ids of the old file (arrow strings) while the new one is written; at a million
events about 60 MB and a second or two.
"""
from __future__ import annotations

from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from ..cluster.forwarding import (DamagedForwardingRecord, forwarding_path, load_forwarding, moves, save_forwarding,
                                  updated)
from ..errors import PipelineError
from ..frame.io import read_events

__all__ = ["membership", "keeping_forwarding", "record_forwarding"]


def membership(path: str | Path) -> pa.Table | None:
    """The `event_id` and `cluster_id` of every row of an events file (an arrow table), or None when there is
    no file or it cannot be read as one."""
    path = Path(path)
    if not path.is_file():
        return None
    try:
        if path.suffix.lower() == ".parquet":
            return pq.read_table(path, columns=["event_id", "cluster_id"])
        frame = read_events(path)[["event_id", "cluster_id"]].astype(object)
        return pa.table({c: pa.array(frame[c].where(frame[c].notna(), None).tolist(), pa.string()) for c in frame})
    except (PipelineError, OSError, KeyError, ValueError, pa.ArrowException):  # damaged or foreign: no record
        return None


def record_forwarding(out: str | Path, before: pa.Table | None) -> dict[str, list[str]] | None:
    """Add to `out`'s forwarding record where the clusters of `before` (its rows before this build) went; returns
    the record written (None when nothing was compared)."""
    after = membership(out) if before is not None else None
    if after is None:
        return None
    path = forwarding_path(out)
    try:
        record = load_forwarding(path)
    except DamagedForwardingRecord:  # advisory: the old events are gone, so start again from this build
        record = {}
    latest = moves(before["event_id"], before["cluster_id"], after["event_id"], after["cluster_id"])
    new = updated(record, latest, set(pc.unique(after["cluster_id"]).drop_null().to_pylist()))
    if new or path.exists():
        save_forwarding(path, new)
    return new


@contextmanager
def keeping_forwarding(out: str | Path) -> Iterator[None]:
    """Around the write that replaces the events file `out`: keep its forwarding record (see module)."""
    before = membership(out)
    yield
    record_forwarding(out, before)
