"""Building a large corpus straight to a file: events stream to Parquet in batches, never one big list.

`build_to_file` reads the corpus as `build()` does (sidecars, unique ids, duplicates merged), then runs the
per-article stages a chunk at a time (in this process, a local pool or on Dask), appends each chunk's events
to a staging Parquet file and lets go of the chunk's articles; dated articles are spilled to disk for the
corpus-level year borrowing. At the end it clusters across articles on the frame read back, re-applies the
curations and writes the events file. Memory holds the articles not yet processed, the rows waiting for the
next row group, and finally the frame, not every processed Document of the corpus.
"""
from __future__ import annotations

import re
import shutil
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable

import pyarrow as pa
import pyarrow.parquet as pq

from .documents import InputProblem
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
# Staging files also carry each event's article position, to put late articles back in input order.
ORDER = "_order"
STAGING_SCHEMA = EVENTS_SCHEMA.append(pa.field(ORDER, pa.int64()))


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
    import pyarrow.compute as pc

    from . import cluster
    from .build import borrow_years
    from .config import validate_settings
    from .curation import apply_curations, default_db_path
    from .documents import read_documents
    from .export import _format, write_events
    from .parallel import check_engine, dask_write_parts, load_lenders, map_chunks, process_for_file, tasks_for
    from .schema import normalise_frame

    settings = validate_settings({**(settings or {}), "out": str(out)})
    engine, workers = settings["engine"], settings["workers"]
    check_engine(engine, workers)
    out = Path(out)
    _format(out)  # an unknown suffix fails before any work
    # The same corpus-level reading as build(): sidecars, unique doc ids, duplicates merged.
    docs, problems = read_documents(list(inputs or settings["inputs"]), max_bytes=settings["max_article_bytes"])
    total = len(docs)
    out.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=out.name + ".parts-", dir=out.parent))
    undated: list = []
    n_docs = 0
    try:
        if engine == "dask":
            parts, n_events, results = dask_write_parts(
                docs, staging, workers, settings["scheduler"] or None, settings["chunk"], progress)
        else:
            parts = [staging / "part-000000.parquet"]
            results = []
            done = 0
            with EventsWriter(parts[0], with_order=True) as writer:
                for r in map_chunks(process_for_file, tasks_for(docs, settings["chunk"], staging), workers):
                    writer.write(r.events, r.order)
                    r.events, r.order = [], []
                    results.append(r)
                    done += r.count
                    if progress:
                        progress(done, total, r.last)
            n_events = writer.rows
        del docs
        for r in results:
            problems.extend(r.problems)
            undated.extend(r.undated)
            n_docs += r.documents
        del results
        if undated:
            # Corpus-level year borrowing, as in build(): the dated articles come back from the spill folder.
            lenders = load_lenders(staging, _may_lend_to([d for _, d in undated]))
            borrow_years(lenders + [d for _, d in undated])
            del lenders
            parts.append(staging / "part-undated.parquet")
            with EventsWriter(parts[-1], with_order=True) as writer:
                for pos, doc in undated:
                    writer.write(doc.events, [pos] * len(doc.events))
            n_events += writer.rows
            del undated
        # Clustering needs every article's events at once: read them back as one frame, in input order.
        table = pa.concat_tables([pq.read_table(p, schema=STAGING_SCHEMA) for p in parts])
        if len(parts) > 1:
            table = table.take(pc.sort_indices(table, [(ORDER, "ascending")]))  # a stable sort
        table = table.drop_columns([ORDER])
        frame = normalise_frame(table.to_pandas())
        del table
        frame = cluster.assign_clusters(frame)
        # Curations (issue 6), as in build(): re-applied after every rebuild, keyed by stable ids.
        frame = apply_curations(frame, default_db_path(settings))
        if frame.attrs.get("curation_problem"):
            problems.append(InputProblem(str(default_db_path(settings)), frame.attrs["curation_problem"], False,
                                         "curation"))
        write_events(frame, out)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return BuildSummary(path=out, events=n_events, documents=n_docs, problems=problems)


_MONTH_DAY = re.compile(r"(?=(\d\d-\d\d))")  # every (overlapping) NN-NN inside a value


def _may_lend_to(undated: list) -> Callable:
    """A filter for dated articles: True for those with a date on a month-day that an undated article mentions.

    Only those can lend a year (dct.borrow_from_corpus matches year-less days such as "Nov. 10" to dated
    ones), so only they are loaded back: memory then follows the undated articles, not the corpus.
    Deliberately loose (any month-day inside any timex value), so it never drops a possible lender.
    """
    from .timex import find_timexes

    days: set[str] = set()
    for doc in undated:
        for t in list(doc.timexes) + find_timexes(doc.text, None, doc.language):
            days.update(_MONTH_DAY.findall(t.value or ""))

    def keep(doc) -> bool:
        return any(day in days for t in doc.timexes for day in _MONTH_DAY.findall(t.value or ""))

    return keep
