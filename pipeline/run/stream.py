"""Building a large corpus straight to a file: events stream to Parquet in batches, never one big list.

`build_to_file` reads the corpus as `build()` does (sidecars, unique ids, duplicates merged) without holding
its texts: worker processes read the files and send back each article less its text, with what duplicate
detection needs (`documents.survey_documents`). It then runs the per-article stages a chunk at a time (in
this process, a local pool or on Dask); a worker reads its chunk's files again and writes the chunk's
events to a staging Parquet part of its own (one process appends them to one part), and dated articles are
spilled to disk for the corpus-level year borrowing. At the end it clusters across articles on the columns
clustering reads (`cluster.NEEDS`), read back a row group at a time into clustering's arrays, then writes
the events file (Parquet, CSV or JSON) by streaming the staged events again, a batch at a time in input
order, with their cluster ids and the curation columns. Memory holds each article's metadata (not its
text) until it is processed, the undated articles (and the inferred ones the corpus may still overrule,
`dct.held_for_corpus`), the rows waiting for the next row group, and finally
clustering's arrays (a few hundred bytes an event) and its pairs a chunk at a time, not every processed
Document of the corpus nor the whole events frame. Only when curations are active is the whole frame built,
as `build()` does: they re-find their events across all rows.
"""
from __future__ import annotations

import shutil
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterator

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from .. import cluster
from ..cluster.salience import salience_of_frame
from ..arrays import Growing
from ..atomic import clean_leftovers, replacing, staging_dir
from ..config import validate_settings
from ..frame.arrow import BATCH_ROWS, EventsWriter
from ..frame.curation import (
    DamagedCurations,
    apply_curations,
    check_curations,
    curations_or_problem,
    default_db_path,
)
from ..frame.io import _WRITERS, _format, build_record, store_record, write_events
from ..ingest.corpus import read_documents, survey_documents
from ..schema import (
    COLUMNS,
    EVENTS_SCHEMA,
    ORDER,
    STAGING_SCHEMA,
    InputProblem,
    normalise_columns,
    normalise_frame,
)
from ..stages import borrow_years
from ..stages.dct import SpanIndex, add_lenders, inferred_days, inferred_summary, wanted_days, year_less_days
from ..stages.dct_near import Neighbours, wanted_names
from .collector import fewer_collections
from .forwarding import keeping_forwarding
from .lock import build_lock
from .memory import CLUSTERING
from .workers import (
    check_engine,
    dask_write_parts,
    forget_reads,
    lender_batches,
    map_chunks,
    pool_write_parts,
    process_for_file,
    survey_all,
    tasks_for,
)


@dataclass
class BuildSummary:
    """What `build_to_file` wrote: the file, how many events and articles, and the problems met."""

    path: Path
    events: int = 0
    documents: int = 0
    problems: list[InputProblem] = field(default_factory=list)
    inferred_dates: str = ""  # issue 22: the articles dated from their text (`dct.inferred_summary`)


def build_to_file(
    inputs, out: str | Path, settings: dict | None = None, progress: Callable[[int, int, str], None] | None = None
) -> BuildSummary:
    """Build the events of `inputs` into the events file `out`, streaming events through Parquet.

    Same rows, order and cluster ids as `build(inputs, settings).frame`, at a fraction of the memory. Without
    active curations (an unreadable curation database counts as none, and is named in the problems) every
    format is written a batch at a time: Parquet row groups, CSV rows after one header, JSON records of one
    list, with the bytes `export.write_events` would write for CSV and JSON. With active curations the
    whole frame is built and written by `export.write_events` (`_write_curated`). Writes are atomic.
    """

    started = time.time()
    settings = validate_settings({**(settings or {}), "out": str(out)})
    _release_arrow_memory()
    engine, workers = settings["engine"], settings["workers"]
    check_engine(engine, workers)
    out = Path(out)
    _format(out)  # an unknown suffix fails before any work
    check_curations(default_db_path(settings))  # so does a damaged curation database
    with build_lock(out), fewer_collections():  # one build at a time per events file (issue 17); see run.collector
        return _build_to_file(inputs, out, settings, progress, engine, workers, started)


def _build_to_file(inputs, out: Path, settings: dict, progress, engine: str, workers: int,
                   started: float) -> BuildSummary:
    # The same corpus-level reading as build() (sidecars, unique doc ids, duplicates merged), mostly without texts.
    inputs = list(inputs or settings["inputs"])
    docs, where, problems = _read_corpus(inputs, settings)
    total = len(docs)
    out.parent.mkdir(parents=True, exist_ok=True)
    clean_leftovers(out.parent, started)  # issue 17: what killed builds left (dead pids, older than this build)
    staging = staging_dir(out)
    undated: list = []
    n_docs = 0
    try:
        tasks = tasks_for(docs, settings["chunk"], staging, where, settings["max_article_bytes"],
                          settings["article_seconds"], settings["article_events"])
        if engine == "dask":
            parts, n_events, results = dask_write_parts(tasks, staging, workers, settings["scheduler"] or None,
                                                        total, progress)
        elif workers > 1:  # each worker writes the events of its chunks to parts of its own
            parts, n_events, results = pool_write_parts(tasks, staging, workers, total, progress)
        else:  # one process: its events go to one part as they come
            parts = [staging / "part-000000.parquet"]
            results = []
            done = 0
            with EventsWriter(parts[0], with_order=True) as writer:
                for r in map_chunks(process_for_file, tasks, workers):
                    writer.write(r.events, r.order)
                    r.events, r.order = [], []
                    results.append(r)
                    done += r.count
                    if progress:
                        progress(done, total, r.last)
            n_events = writer.rows
        del docs
        inferred = []
        for r in results:
            inferred.extend(DatedFromText(*row) for row in r.inferred)
            problems.extend(r.problems)
            undated.extend(r.undated)
            n_docs += r.documents
        del results
        if undated:
            # Corpus-level year borrowing, as in build(): the dated articles come back from the spill folder.
            # Only the lenders' mentions that can match an undated article's are kept, a spill file at a time.
            waiting = [d for _, d in undated]  # undated, and inferred ones the corpus may overrule (held_for_corpus)
            days, lenders = year_less_days(waiting), {}
            add_lenders(lenders, [d for d in waiting if d.published], days)  # (build() lends from them too)
            held, stated_only = inferred_days(waiting), {}  # issue 22: what stated articles say of inferred years
            stated = SpanIndex(wanted_days(waiting))  # issue 21: the stated years and days
            near = Neighbours(wanted_names(waiting)).count(waiting)  # issue 22: names' frequencies, every article
            for batch in lender_batches(staging):
                add_lenders(lenders, batch, days)
                add_lenders(stated_only, [d for d in batch if not d.published_inferred], held)
                stated.add(batch)
                near.count(batch)
            # the stated articles most like those still undated: a second pass over the spill, only if needed
            borrow_years(waiting, lenders, stated, lambda: _index_spill(near, staging), stated_only)
            inferred.extend(d for _, d in undated if d.published and d.published_inferred)
            del lenders
            parts.append(staging / "part-undated.parquet")
            with EventsWriter(parts[-1], with_order=True) as writer:
                for pos, doc in undated:
                    writer.write(doc.events, [pos] * len(doc.events))
            n_events += writer.rows
            del undated
        # Curations (issue 6), as in build(): re-applied after every rebuild, keyed by stable ids.
        db = default_db_path(settings)
        curations, problem = curations_or_problem(db)
        if problem:  # issue 17: never an events file with hidden events back and verified marks gone
            raise DamagedCurations(problem)
        if progress:
            progress(total, total, CLUSTERING)
        record = build_record(inputs, db)  # issue 17: what this file was built from, so it may be rebuilt
        with keeping_forwarding(out):  # issue 23: where split or merged clusters went, beside the file
            if curations:
                _write_curated(parts, out, db, record)
            else:
                _write_streamed(parts, out, record)
    finally:
        forget_reads()  # what this process kept of the last file it read again (one process: it processed)
        shutil.rmtree(staging, ignore_errors=True)
    return BuildSummary(path=out, events=n_events, documents=n_docs, problems=problems,
                        inferred_dates=inferred_summary(inferred))


def _index_spill(near: Neighbours, staging: Path) -> Neighbours:
    """`near` with the stated articles of the spill folder indexed, a batch at a time (`dct_near.Neighbours`)."""
    for batch in lender_batches(staging):
        near.index(batch)
    return near


@dataclass
class DatedFromText:
    """What the build summary says of an article dated from its text (the article itself is gone by then)."""

    doc_id: str
    published: str
    published_basis: str | None
    dct_note: str | None
    published_inferred: bool = True


def _release_arrow_memory() -> None:
    """Use arrow's jemalloc pool where the wheel has it: it returns freed memory to the system, where the
    default (mimalloc) keeps what batch after batch of Parquet reading used (about 60 MB at 10,000 articles).
    The pool is process-wide; its buffers are allocated afresh, so the switch is safe at any time."""
    try:
        pa.set_memory_pool(pa.jemalloc_memory_pool())
    except (NotImplementedError, AttributeError):  # a pyarrow built without jemalloc: keep the default
        pass


def _read_corpus(inputs: list, settings: dict) -> tuple[list, list | None, list[InputProblem]]:
    """The corpus for `build_to_file`: (documents, where each is read again, problems), as `read_documents`
    reads them (same documents, same problems in the same order).

    The files are surveyed on a local pool of `workers` processes, whatever the engine
    (`documents.survey_documents`): this process keeps each document without its text, and the workers read
    the files again to process them. For a remote Dask scheduler, whose workers may not see these files, the
    documents are read whole here and sent (where is None), as before.
    """

    max_bytes = settings["max_article_bytes"]
    if settings["engine"] == "dask" and settings["scheduler"]:
        docs, problems = read_documents(inputs, max_bytes=max_bytes)
        return docs, None, problems
    return survey_documents(inputs, max_bytes,
                            lambda paths: survey_all(paths, max_bytes, settings["workers"], settings["chunk"]))


def _write_curated(parts: list[Path], out: Path, db: Path, record: dict | None = None) -> None:
    """The whole-frame path, taken only when curations are active: re-finding their events (fuzzy anchors),
    merges and added events need every row at once. Memory then holds the whole events frame."""
    import pyarrow.compute as pc


    table = pa.concat_tables([pq.read_table(p, schema=STAGING_SCHEMA) for p in parts])
    if len(parts) > 1:
        table = table.take(pc.sort_indices(table, [(ORDER, "ascending")]))  # a stable sort
    frame = normalise_frame(table.drop_columns([ORDER]).to_pandas())
    del table
    frame = apply_curations(cluster.assign_clusters(frame), db)
    frame["salience"] = salience_of_frame(frame)  # (curations may have merged or split clusters)
    write_events(frame, out, record)


def _write_streamed(parts: list[Path], out: Path, record: dict | None = None) -> None:
    """Cluster on the columns clustering reads, then write the events file a batch at a time (atomically)."""

    part_of_row, cluster_ids, salience = _cluster_ids(parts)
    with replacing(out) as tmp:
        _WRITERS[_format(out)](_final_frames(parts, part_of_row, cluster_ids, salience), tmp, record)
    store_record(out, record)  # CSV and JSON keep it beside the file


def _cluster_ids(parts: list[Path]) -> tuple[np.ndarray, pa.Array, np.ndarray]:
    """The cluster id of every staged event in input (ORDER) order, the part holding each of those rows, and
    the salience of each row's cluster.

    Only cluster.NEEDS (and ORDER) are read back, a row group at a time, normalised as in the events frame.
    """

    orders, owners = Growing(np.int64), Growing(np.int32)  # (nothing kept per batch: see arrays.Growing)

    def batches():  # the NEEDS columns as plain lists, a row group at a time: never one frame of them
        for i, path in enumerate(parts):
            # One thread, no pre-buffering: clustering runs on one core anyway, and arrow's reader threads keep
            # buffers that grow with the file (about 45 MB at 300,000 events).
            part = pq.ParquetFile(path, pre_buffer=False)
            for batch in part.iter_batches(batch_size=BATCH_ROWS, columns=[*cluster.NEEDS, ORDER], use_threads=False):
                orders.extend(batch.column(ORDER).to_numpy())
                owners.extend(np.full(batch.num_rows, i, dtype=np.int32))
                frame = normalise_columns(batch.select(list(cluster.NEEDS)).to_pandas())
                yield {c: frame[c].tolist() for c in cluster.NEEDS}

    codes, names, salience = cluster.cluster_summary(batches())  # in the parts' order; ids do not depend on it
    if not len(orders):  # no events at all
        return np.empty(0, np.int64), pa.array([], pa.string()), np.zeros(0)
    order, part_of_row = orders.array(), owners.array()
    if ((np.diff(order) < 0) & (np.diff(part_of_row) == 0)).any():  # _ordered_tables reads parts front to back
        raise RuntimeError(f"staged events are not in input order within {parts[0].parent}")
    ids = pa.DictionaryArray.from_arrays(pa.array(codes), pa.array(names, pa.string()))  # a string per cluster
    row_salience = salience[codes]
    if len(parts) > 1:
        by_order = np.argsort(order, kind="stable")
        ids, part_of_row, row_salience = ids.take(pa.array(by_order)), part_of_row[by_order], row_salience[by_order]
    return part_of_row, ids, row_salience


def _final_frames(parts: list[Path], part_of_row: np.ndarray, cluster_ids: pa.Array,
                  salience: np.ndarray) -> Iterator[pd.DataFrame]:
    """The events frame `build()` gives when no curation is active, BATCH_ROWS rows at a time."""

    start = 0
    for table in _ordered_tables(parts, part_of_row):
        frame = table.to_pandas()
        frame["cluster_id"] = cluster_ids.slice(start, table.num_rows).to_pylist()
        frame["salience"] = salience[start:start + table.num_rows]
        start += table.num_rows
        yield apply_curations(frame, None)  # no database: adds the curation columns (verified False)


def _ordered_tables(parts: list[Path], part_of_row: np.ndarray) -> Iterator[pa.Table]:
    """The staged events (contract columns) in input order, BATCH_ROWS at a time (at least one table).

    `part_of_row[i]` names the part holding the i-th event in input order. Each part is sorted by ORDER,
    so this is a merge: every run of consecutive events from one part is taken off the front of that part,
    read a row group at a time. A part is opened when first needed and closed when used up.
    """
    readers: dict[int, _PartRows] = {}
    left = np.bincount(part_of_row, minlength=len(parts))
    pending: list[pa.Table] = []
    rows = 0
    for part, n in _runs(part_of_row):
        while n:
            reader = readers.get(part) or readers.setdefault(part, _PartRows(parts[part]))
            take = min(n, BATCH_ROWS - rows)
            pending.append(reader.take(take))
            rows, n, left[part] = rows + take, n - take, left[part] - take
            if not left[part]:
                readers.pop(part).close()
            if rows == BATCH_ROWS:
                yield pa.concat_tables(pending)
                pending, rows = [], 0
    if pending or not len(part_of_row):  # an empty corpus gives one empty table (a CSV header, "[]")
        yield pa.concat_tables(pending) if pending else EVENTS_SCHEMA.empty_table()


def _runs(part_of_row: np.ndarray) -> list[tuple[int, int]]:
    """(part, length) of each run of consecutive equal values."""
    bounds = [0, *(np.flatnonzero(np.diff(part_of_row)) + 1).tolist(), len(part_of_row)]
    return [(int(part_of_row[a]), b - a) for a, b in zip(bounds, bounds[1:]) if b > a]


class _PartRows:
    """The events of one staging part (contract columns) in file order, handed out `n` at a time."""

    def __init__(self, path: Path):
        self._file = pq.ParquetFile(path, pre_buffer=False)  # (one thread, as in _cluster_ids)
        self._batches = self._file.iter_batches(batch_size=BATCH_ROWS, columns=list(COLUMNS), use_threads=False)
        self._rows = EVENTS_SCHEMA.empty_table()

    def take(self, n: int) -> pa.Table:
        while self._rows.num_rows < n:
            self._rows = pa.concat_tables([self._rows, pa.Table.from_batches([next(self._batches)])])
        head, self._rows = self._rows.slice(0, n), self._rows.slice(n)
        return head

    def close(self) -> None:
        self._file.close()
