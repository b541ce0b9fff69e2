"""Arrow helpers for events files: records to Arrow tables, a batched Parquet writer, Arrow tables to the
events frame, and the column helpers the dashboard's scans share."""
from __future__ import annotations

from pathlib import Path
from typing import Iterable

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from ..schema import (
    BOOL_COLUMNS,
    FLOAT_COLUMNS,
    COLUMNS,
    EVENTS_SCHEMA,
    INT_COLUMNS,
    LIST_COLUMNS,
    NEVER_NULL,
    ORDER,
    STAGING_SCHEMA,
)

# Events per Parquet row group: big enough to compress well, small enough to hold in memory at once.
BATCH_ROWS = 20_000

def events_table(events: Iterable, order: list[int] | None = None) -> pa.Table:
    """An Arrow table in the events schema from Event records (or dicts with the same keys).

    With `order` (one int per event) the table has the staging schema's extra ORDER column.
    """
    events = list(events)
    if events and isinstance(events[0], dict):  # records from a frame may carry NaN for missing values
        columns = {name: [None if (v := e.get(name)) is None or v != v else v for e in events] for name in COLUMNS}
    else:
        columns = {name: [getattr(e, name) for e in events] for name in COLUMNS}
    for name in LIST_COLUMNS:
        columns[name] = [list(v) if v is not None else [] for v in columns[name]]
    if order is None:
        return pa.Table.from_pydict(columns, schema=EVENTS_SCHEMA)
    columns[ORDER] = list(order)
    return pa.Table.from_pydict(columns, schema=STAGING_SCHEMA)


class EventsWriter:
    """Append events to one Parquet file, a row group every `batch_rows` events (use as a context manager).

    `with_order=True` writes the staging schema: `write(events, order)` then takes each event's position.
    """

    def __init__(self, path: str | Path, batch_rows: int = BATCH_ROWS, with_order: bool = False):
        self.path = Path(path)
        self.batch_rows = batch_rows
        self.rows = 0
        self.with_order = with_order
        self._pending: list = []
        self._order: list[int] = []
        schema = STAGING_SCHEMA if with_order else EVENTS_SCHEMA
        self._writer = pq.ParquetWriter(str(self.path), schema, compression="zstd")

    def write(self, events: Iterable, order: Iterable[int] | None = None) -> None:
        self._pending.extend(events)
        if self.with_order:
            self._order.extend(order)
        while len(self._pending) >= self.batch_rows:
            n = self.batch_rows
            self._write(self._pending[:n], self._order[:n])
            self._pending, self._order = self._pending[n:], self._order[n:]

    def flush(self) -> None:
        """Write the events still waiting as a (short) row group."""
        if self._pending:
            self._write(self._pending, self._order)
            self._pending, self._order = [], []

    def _write(self, batch: list, order: list[int]) -> None:
        table = events_table(batch, order if self.with_order else None)
        self._writer.write_table(table, row_group_size=self.batch_rows)
        self.rows += len(batch)

    def close(self) -> None:
        self.flush()
        self._writer.close()

    def __enter__(self) -> "EventsWriter":
        return self

    def __exit__(self, *exc) -> None:
        self.close()




def list_column(arr) -> list[list[str]]:
    """A list<string> Arrow column as Python lists (nulls as []), by slicing the flat values at the offsets."""
    import pyarrow as pa

    arr = arr.combine_chunks() if hasattr(arr, "combine_chunks") else arr
    if pa.types.is_null(arr.type):
        return [[] for _ in range(len(arr))]
    if arr.offset or arr.null_count:
        return [v if v is not None else [] for v in arr.to_pylist()]
    offsets = arr.offsets.to_numpy().tolist()
    flat = arr.values.to_pylist()
    return [flat[a:b] for a, b in zip(offsets[:-1], offsets[1:])]


def arrow_to_frame(table, columns: list[str] | tuple[str, ...] | None = None) -> pd.DataFrame:
    """An Arrow table in the events schema to the events frame, vectorised (no per-cell Python for scalars).

    `columns`: only these contract columns (missing ones filled as in the full frame), nothing else.
    """
    names = set(table.column_names)
    data: dict[str, object] = {}
    n = table.num_rows
    wanted = list(COLUMNS) if columns is None else [c for c in COLUMNS if c in columns]
    for col in wanted:
        if col not in names:
            data[col] = [[] for _ in range(n)] if col in LIST_COLUMNS else [0.0] * n if col in FLOAT_COLUMNS else [None] * n
            continue
        arr = table.column(col)
        if col in LIST_COLUMNS:
            data[col] = list_column(arr)
        elif col in INT_COLUMNS:
            data[col] = arr.to_pandas().fillna(0).astype("int64").to_numpy()
        elif col in BOOL_COLUMNS:
            data[col] = arr.to_pandas().fillna(False).astype(bool).to_numpy()
        elif col in FLOAT_COLUMNS:
            data[col] = pd.to_numeric(arr.to_pandas(), errors="coerce").fillna(0.0).astype("float64").to_numpy()
        else:
            series = arr.to_pandas().astype(object)
            data[col] = series.where(series.notna(), None).to_numpy()
    frame = pd.DataFrame(data, columns=wanted)
    for col in NEVER_NULL:
        if col in frame.columns:
            frame[col] = frame[col].where(frame[col].notna(), "")
    # Issue 6: columns after the contract ones (e.g. `verified` from curation) are kept, in file order.
    for col in (c for c in table.column_names if c not in COLUMNS and (columns is None or c in columns)):
        frame[col] = table.column(col).to_pandas().to_numpy()
    return frame


def string_column(table, col: str):
    """Column `col` of `table` as strings (null when the file lacks it or it is all null)."""
    import pyarrow as pa
    import pyarrow.compute as pc

    if col not in table.column_names or pa.types.is_null(table.column(col).type):
        return pa.nulls(table.num_rows, pa.string())
    arr = table.column(col)
    return arr if arr.type == pa.string() else pc.cast(arr, pa.string())


def encode(values):
    """Dictionary-encode an Arrow array or chunked array: (codes as int64, -1 for null; the values, as Arrow)."""
    import pyarrow as pa
    import pyarrow.compute as pc

    encoded = pc.dictionary_encode(values)
    if isinstance(encoded, pa.ChunkedArray):
        encoded = encoded.combine_chunks() if encoded.num_chunks else pa.array([], encoded.type)
    indices = pc.fill_null(encoded.indices, -1).to_numpy(zero_copy_only=False)
    return np.asarray(indices, dtype=np.int64), encoded.dictionary
