"""Building a large corpus straight to a file: events stream to Parquet in batches, never one big list.

`build_to_file` reads articles a chunk at a time, runs the per-article stages (in this process, a local
pool or on Dask), appends each chunk's events to a staging Parquet file, then clusters across articles on
the frame read back and writes the events file. Memory holds one chunk of articles, the rows waiting for
the next row group, and finally the frame itself (Arrow-backed), not every Document of the corpus.
"""
from __future__ import annotations

import shutil
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable

import pyarrow as pa
import pyarrow.parquet as pq

from .documents import InputProblem, iter_article_paths
from .schema import BOOL_COLUMNS, COLUMNS, INT_COLUMNS, LIST_COLUMNS

# Events per Parquet row group: big enough to compress well, small enough to hold in memory at once.
BATCH_ROWS = 20_000


def _arrow_type(name: str) -> pa.DataType:
    if name in LIST_COLUMNS:
        return pa.list_(pa.string())
    if name in INT_COLUMNS:
        return pa.int64()
    if name in BOOL_COLUMNS:
        return pa.bool_()
    return pa.string()


EVENTS_SCHEMA = pa.schema([pa.field(name, _arrow_type(name)) for name in COLUMNS])


def events_table(events: Iterable) -> pa.Table:
    """An Arrow table in the events schema from Event records (or dicts with the same keys)."""
    events = list(events)
    if events and isinstance(events[0], dict):  # records from a frame may carry NaN for missing values
        columns = {name: [None if (v := e.get(name)) is None or v != v else v for e in events] for name in COLUMNS}
    else:
        columns = {name: [getattr(e, name) for e in events] for name in COLUMNS}
    for name in LIST_COLUMNS:
        columns[name] = [list(v) if v is not None else [] for v in columns[name]]
    return pa.Table.from_pydict(columns, schema=EVENTS_SCHEMA)


class EventsWriter:
    """Append events to one Parquet file, a row group every `batch_rows` events (use as a context manager)."""

    def __init__(self, path: str | Path, batch_rows: int = BATCH_ROWS):
        self.path = Path(path)
        self.batch_rows = batch_rows
        self.rows = 0
        self._pending: list = []
        self._writer = pq.ParquetWriter(str(self.path), EVENTS_SCHEMA, compression="zstd")

    def write(self, events: Iterable) -> None:
        self._pending.extend(events)
        while len(self._pending) >= self.batch_rows:
            batch, self._pending = self._pending[: self.batch_rows], self._pending[self.batch_rows :]
            self._write(batch)

    def flush(self) -> None:
        """Write the events still waiting as a (short) row group."""
        if self._pending:
            batch, self._pending = self._pending, []
            self._write(batch)

    def _write(self, batch: list) -> None:
        self._writer.write_table(events_table(batch), row_group_size=self.batch_rows)
        self.rows += len(batch)

    def close(self) -> None:
        self.flush()
        self._writer.close()

    def __enter__(self) -> "EventsWriter":
        return self

    def __exit__(self, *exc) -> None:
        self.close()


@dataclass
class BuildSummary:
    """What `build_to_file` wrote: the file, how many events and articles, and the problems met."""

    path: Path
    events: int = 0
    documents: int = 0
    problems: list[InputProblem] = field(default_factory=list)


def build_to_file(
    inputs, out: str | Path, settings: dict | None = None, progress: Callable[[int, int, str], None] | None = None
) -> BuildSummary:
    """Build the events of `inputs` into the events file `out`, streaming events through Parquet.

    Same rows, order and cluster ids as `build(inputs, settings).frame`, at a fraction of the memory.
    """
    from . import cluster
    from .config import validate_settings
    from .curation import apply_curations, default_db_path
    from .export import _format, write_events
    from .parallel import chunked, check_engine, dask_write_parts, map_chunks, read_and_process
    from .schema import normalise_frame

    settings = validate_settings(settings)
    engine, workers = settings["engine"], settings["workers"]
    check_engine(engine, workers)
    out = Path(out)
    _format(out)  # an unknown suffix fails before any work
    paths, problems = iter_article_paths(list(inputs or settings["inputs"]))
    out.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=out.name + ".parts-", dir=out.parent))
    try:
        if engine == "dask":
            parts, n_events, n_docs, more = dask_write_parts(
                paths, staging, workers, settings["scheduler"] or None, settings["chunk"], progress)
            problems.extend(more)
        else:
            parts = [staging / "part-000000.parquet"]
            n_docs = done = 0
            with EventsWriter(parts[0]) as writer:
                chunks = chunked([str(p) for p in paths], settings["chunk"])
                for chunk, (events, more, n) in zip(chunks, map_chunks(read_and_process, chunks, workers)):
                    writer.write(events)
                    problems.extend(more)
                    n_docs += n
                    done += len(chunk)
                    if progress:
                        progress(done, len(paths), Path(chunk[-1]).stem)
            n_events = writer.rows
        # Clustering needs every article's events at once: read them back as one frame, in input order.
        table = pa.concat_tables([pq.read_table(p, schema=EVENTS_SCHEMA) for p in parts]) if parts else EVENTS_SCHEMA.empty_table()
        frame = normalise_frame(table.to_pandas())
        del table
        frame = cluster.assign_clusters(frame)
        frame = apply_curations(frame, default_db_path(settings))  # as in build(): curations survive every rebuild
        write_events(frame, out)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return BuildSummary(path=out, events=n_events, documents=n_docs, problems=problems)
