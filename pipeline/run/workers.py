"""Running the per-article stages on many cores: a local process pool (`--workers N`) or Dask (`--engine dask`).

Articles are independent until clustering, so only the per-document stages are spread out; the caller
clusters across articles afterwards, on the frame. Every runner returns results in input order, so
`--workers 2` and `--engine dask` give exactly the frame of one process. Dask is imported only on its path:
the pipeline itself imports without it.
"""
from __future__ import annotations

import os
import signal
import threading
import time
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import Callable, Iterable, Iterator, Sequence

from ..config import ENGINES
from ..errors import PipelineError, one_line
from ..frame.arrow import EventsWriter
from ..ingest.corpus import MAX_BYTES, Where, read_again, survey_file
from ..schema import Document, InputProblem
from ..stages import dct, process_document
from ..stages import events as events_stage
from ..stages.dct_near import distinct_mentions
from .collector import fewer_collections

# Articles per task: large enough that pickling and scheduling cost little next to the stages.
DEFAULT_CHUNK = 64


class EngineError(PipelineError, ValueError):
    """An engine, worker count or scheduler address that cannot be used."""


class _OutOfTime(BaseException):
    """An article's time budget ran out (a BaseException: no `except Exception` in a stage may swallow it)."""


@contextmanager
def _alarm(seconds: float):
    """Raise _OutOfTime after `seconds` of CPU time wherever the code is, in the main thread of a process that
    has SIGPROF (the CLI, the pool's processes); elsewhere (a Dask worker's or Streamlit's thread) do nothing:
    the budget is then checked between stages only.

    CPU time, not the clock: on a machine busy with other work (a rebuild while analysts browse, two builds)
    the clock ran twice as fast as the work, and good long articles were skipped (a 10 MB article, 50 s
    alone, went over 60 s at a load of 6 on 2 cores)."""
    if not (seconds > 0 and hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()):
        yield
        return

    def ring(_signum, _frame):
        raise _OutOfTime

    previous = signal.signal(signal.SIGPROF, ring)
    signal.setitimer(signal.ITIMER_PROF, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_PROF, 0)
        signal.signal(signal.SIGPROF, previous)


def process_safely(doc: Document, budget: float = 0, max_events: int = 0) -> tuple[Document | None, InputProblem | None]:
    """Run the stages on one article; a bug on it, or its stages taking over `budget` CPU seconds (0: no limit),
    becomes an InputProblem naming the article (and no Document), never an exception. An article giving
    more than `max_events` events (0: no limit) keeps the first ones, with a problem saying so (not fatal)."""
    started, where = time.thread_time(), ["in the sections stage"]  # CPU time of this thread (see _alarm)

    def before(name: str) -> None:  # (the alarm stops a stage where it is; this check, between two stages)
        if budget and time.thread_time() - started > budget:
            where[0] = where[0].replace("in the", "after the")
            raise _OutOfTime
        where[0] = f"in the {name} stage"

    limit = events_stage.EVENT_LIMIT.set(max_events)  # the events stage stops past the cap (not only this function)
    try:
        with _alarm(budget):
            doc = process_document(doc, before)
    except _OutOfTime:
        return None, InputProblem(doc.path or doc.doc_id, f"took over the {budget:g} s (CPU time) budget of an article "
                                  f"({len(doc.text):,} characters, stopped {where[0]}); skipped - split "
                                  "it, or raise the article_seconds setting", True, "too_slow")
    except (Exception, RecursionError) as exc:  # one bad article must not stop the corpus
        return None, InputProblem(doc.path or doc.doc_id,
                                  f"could not be processed: {type(exc).__name__}: {one_line(exc, 200)}")
    finally:
        events_stage.EVENT_LIMIT.reset(limit)
    if max_events and len(doc.events) > max_events:
        # One article of 60,000 dates gave 60,000 events, and clustering compares events of one day pairwise;
        # the events stage stopped at the first one over the cap (issue 17; a 1.2 MB run took over 60 s before).
        doc.events = doc.events[:max_events]
        return doc, InputProblem(doc.path or doc.doc_id, f"gave more than {max_events:,} events, the most an article "
                                 f"may give (the article_events setting); the first {max_events:,} were kept and "
                                 "the rest of it was not read", False, "too_many_events")
    return doc, None


def process_chunk(docs: Sequence[Document], budget: float = 0, max_events: int = 0
                  ) -> list[tuple[Document | None, InputProblem | None]]:
    """`process_safely` over a list of articles (the unit of work sent to a process or a Dask worker)."""
    with fewer_collections():  # in a pool's process or a Dask worker too (see run.collector)
        return [process_safely(d, budget, max_events) for d in docs]


def chunked(items: Sequence, size: int) -> list[Sequence]:
    """Split `items` into consecutive slices of at most `size` (order kept)."""
    size = max(1, int(size))
    return [items[i : i + size] for i in range(0, len(items), size)]


def map_documents(
    docs: Sequence[Document],
    workers: int = 1,
    engine: str = "local",
    scheduler: str | None = None,
    chunk: int = DEFAULT_CHUNK,
    progress: Callable[[int, int, str], None] | None = None,
    budget: float = 0,
    max_events: int = 0,
) -> list[tuple[Document | None, InputProblem | None]]:
    """Run the per-document stages over `docs` with the chosen engine; results are in input order.
    `budget`: seconds an article may take, `max_events` events it may give (0: no limit), see `process_safely`."""
    check_engine(engine, workers)
    total = len(docs)
    if engine == "dask":
        results = _map_dask(docs, workers, scheduler, chunk, progress, budget, max_events)
    elif workers <= 1 or total <= 1:
        results = []
        for doc in docs:
            results.append(process_safely(doc, budget, max_events))
            if progress:
                progress(len(results), total, doc.doc_id)
    else:
        results = []
        for part in map_chunks(partial(process_chunk, budget=budget, max_events=max_events), chunked(docs, chunk), workers):
            results.extend(part)
            if progress:
                progress(len(results), total, docs[len(results) - 1].doc_id)
    return results


def check_engine(engine: str, workers: int) -> None:
    """Reject an unknown engine or a worker count below 1, naming the choices."""
    if engine not in ENGINES:
        raise EngineError(f"unknown engine {engine!r}; choose one of {', '.join(ENGINES)}")
    if not isinstance(workers, int) or workers < 1:
        raise EngineError(f"workers must be a whole number >= 1, got {workers!r}")


def map_chunks(func: Callable, chunks: Iterable, workers: int) -> Iterator:
    """Apply `func` to each chunk in a local process pool of `workers` processes, yielding in input order.

    At most 2 x workers chunks are in flight, so results never pile up in memory ahead of the consumer.
    """
    from collections import deque

    if workers <= 1:
        for c in chunks:
            yield func(c)
        return
    with ProcessPoolExecutor(max_workers=workers) as pool:
        pending: deque = deque()
        for c in chunks:
            pending.append(pool.submit(func, c))
            if len(pending) >= 2 * workers:
                yield pending.popleft().result()
        while pending:
            yield pending.popleft().result()


# --- Dask -------------------------------------------------------------------------------------------

def dask_client(workers: int = 1, scheduler: str | None = None):
    """A distributed Client: to `scheduler` (host:port) when given, else to a LocalCluster of `workers` processes.

    Returns (client, cluster); the cluster is None for a remote scheduler. Close both when done.
    """
    try:
        from distributed import Client, LocalCluster
    except ImportError as exc:  # pragma: no cover - pinned in requirements.txt
        raise EngineError(f"--engine dask needs dask and distributed ({exc}); run `make .venv/.installed`") from None
    if scheduler:
        try:
            return Client(scheduler, timeout="20s"), None
        except (OSError, TimeoutError) as exc:
            raise EngineError(f"cannot reach the Dask scheduler at {scheduler!r}: {exc}") from None
    cluster = LocalCluster(n_workers=max(1, workers), threads_per_worker=1, processes=True,
                           dashboard_address=None, host="127.0.0.1")
    return Client(cluster), cluster


def _map_dask(docs, workers, scheduler, chunk, progress, budget=0, max_events=0):
    from distributed import as_completed

    client, cluster = dask_client(workers, scheduler)
    try:
        parts = chunked(docs, chunk)
        futures = client.map(partial(process_chunk, budget=budget, max_events=max_events), parts, pure=False)
        index = {f.key: i for i, f in enumerate(futures)}
        results: list = [None] * len(parts)
        done = 0
        for fut in as_completed(futures):
            i = index[fut.key]
            results[i] = fut.result()
            done += len(parts[i])
            if progress:
                progress(done, len(docs), parts[i][-1].doc_id)
        return [r for part in results for r in part]
    finally:
        client.close()
        if cluster is not None:
            cluster.close()


@dataclass
class ChunkResult:
    """What one chunk of articles gives back to the build that streams to a file."""

    first: int  # input position of the chunk's first article
    count: int  # articles in the chunk
    last: str  # doc_id of its last article (for progress)
    events: list  # events of dated articles, in input order
    order: list[int]  # the input position of each event's article (to restore input order at the end)
    undated: list[tuple[int, Document]]  # undated articles, whole, by input position: the year borrowing may change them
    problems: list[InputProblem]
    documents: int  # articles built
    # issue 22: (doc_id, published, basis, note) of the dated articles whose date was inferred from their text
    inferred: list[tuple] = field(default_factory=list)


@dataclass
class Task:
    """A chunk of articles for `process_for_file`: whole Documents, or (with `where`) documents surveyed
    without their text (`documents.survey_documents`), which the worker reads again (`documents.read_again`)."""

    first: int  # input position of the first article
    docs: Sequence[Document]
    spill: str  # folder for the dated articles (year lenders)
    where: Sequence[Where] | None = None
    max_bytes: int = MAX_BYTES
    budget: float = 0  # seconds an article may take (0: no limit)
    max_events: int = 0  # events an article may give (0: no limit)


LENDERS = "lenders-{:09d}.pkl"
# The last file of several articles this process read again (`documents.read_file_digest`'s `reuse`): the
# records of a .jsonl come in many consecutive chunks, and its parse is kept for the next one. `forget_reads`
# empties it (the pool's processes end with the build; the build's own process does not).
_REREAD: dict = {}


def process_for_file(task: Task) -> ChunkResult:
    """Process a chunk of articles (reading them again first when the task has only where they are).

    Dated articles are final after their own stages; they are pickled (without their events) into the spill
    folder, as they may lend a year to undated ones later (`build.borrow_years`), which needs them all. An
    inferred year the corpus may still overrule (`dct.held_for_corpus`) comes back whole, with the undated.
    """
    with fewer_collections():  # in a pool's process or a Dask worker too (see run.collector)
        return _process_for_file(task)


def _process_for_file(task: Task) -> ChunkResult:
    import pickle

    docs = task.docs
    result = ChunkResult(task.first, len(docs), docs[-1].doc_id if docs else "", [], [], [], [], 0)
    lenders: list[Document] = []
    whole = (read_again(docs, task.where, task.max_bytes, _REREAD) if task.where is not None
             else ((d, None) for d in docs))
    for pos, (doc, problem) in enumerate(whole, start=task.first):
        if doc is not None:
            doc, problem = process_safely(doc, task.budget, task.max_events)
        if problem is not None:
            result.problems.append(problem)
        if doc is None:  # not processed, or its file changed since the survey
            continue
        result.documents += 1
        result.problems.extend(dct.conflict_problems([doc]))  # issue 22: metadata and text disagree
        if doc.published and not dct.held_for_corpus(doc):  # issue 22: the corpus may still change an inferred year
            if doc.published_inferred:
                result.inferred.append((doc.doc_id, doc.published, doc.published_basis, doc.dct_note))
            result.events.extend(doc.events)
            result.order.extend([pos] * len(doc.events))
            doc.events, doc.blocks, doc.sentences = [], [], []
            doc.mentions = distinct_mentions(doc.mentions)  # issue 22: their registry keys, for dct_near
            lenders.append(doc)
        else:
            result.undated.append((pos, doc))
    if lenders:
        with open(Path(task.spill) / LENDERS.format(task.first), "wb") as fh:
            pickle.dump(lenders, fh, protocol=pickle.HIGHEST_PROTOCOL)
    return result


def forget_reads() -> None:
    """Let go of the file `process_for_file` kept parsed in this process."""
    _REREAD.clear()


def lender_batches(spill: str | Path) -> Iterator[list[Document]]:
    """The dated articles spilled by `process_for_file`, a chunk's worth at a time, in input order."""
    import pickle

    for path in sorted(Path(spill).glob(LENDERS.format(0).replace("000000000", "*"))):
        with open(path, "rb") as fh:
            yield pickle.load(fh)


def tasks_for(docs: list, chunk: int, spill: str | Path, where: list | None = None,
              max_bytes: int = MAX_BYTES, budget: float = 0, max_events: int = 0) -> Iterator[Task]:
    """The Tasks of `docs` (and of their `where`, for surveyed documents), `chunk` articles each, made lazily.

    Each chunk's slots in `docs` (and `where`) are cleared once handed out, so the corpus leaves memory as
    it is processed.
    """
    chunk = max(1, int(chunk))
    for i in range(0, len(docs), chunk):
        part = docs[i : i + chunk]
        docs[i : i + chunk] = [None] * len(part)
        places = None
        if where is not None:
            places = where[i : i + chunk]
            where[i : i + chunk] = [None] * len(places)
        yield Task(i, part, str(spill), places, max_bytes, budget, max_events)


PART = "part-{:06d}.parquet"


def write_part(task: Task, part_path: str) -> tuple[int, ChunkResult]:
    """Process one partition of articles and write its events to `part_path` (a Parquet file) on the worker.

    Returns (events written, the chunk's result without its events). The part has no cluster ids yet.
    """

    result = process_for_file(task)
    with EventsWriter(part_path, with_order=True) as writer:
        writer.write(result.events, result.order)
    n = len(result.events)
    result.events, result.order = [], []
    return n, result


def _write_part(job: tuple[Task, str]) -> tuple[int, ChunkResult]:
    return write_part(*job)


def pool_write_parts(
    tasks: Iterable[Task],
    parts_dir: str | Path,
    workers: int,
    total: int,
    progress: Callable[[int, int, str], None] | None = None,
) -> tuple[list[Path], int, list[ChunkResult]]:
    """`dask_write_parts` on the local process pool: each worker writes the events of its tasks to a part
    file of its own, so they never travel back to (nor are unpickled by) this process.

    Returns (part files in input order, events written, chunk results in input order).
    """
    parts_dir = Path(parts_dir)
    parts: list[Path] = []

    def jobs():
        for task in tasks:
            parts.append(parts_dir / PART.format(len(parts)))
            yield task, str(parts[-1])

    n_events, done, results = 0, 0, []
    for n, r in map_chunks(_write_part, jobs(), workers):
        n_events += n
        results.append(r)
        done += r.count
        if progress:
            progress(done, total, r.last)
    return parts, n_events, results


def dask_write_parts(
    tasks: Iterable[Task],
    parts_dir: str | Path,
    workers: int = 1,
    scheduler: str | None = None,
    total: int = 0,
    progress: Callable[[int, int, str], None] | None = None,
) -> tuple[list[Path], int, list[ChunkResult]]:
    """Run the per-article stages on Dask, each task writing `parts_dir/part-NNNNNN.parquet`.

    With a remote scheduler, `parts_dir` must be visible to the workers (a shared file system), and so must
    the article files when the tasks carry only where the articles are (`Task.where`).
    Returns (part files in input order, events written, chunk results in input order).
    """
    from distributed import as_completed

    parts_dir = Path(parts_dir)
    parts_dir.mkdir(parents=True, exist_ok=True)
    client, cluster = dask_client(workers, scheduler)
    n_events = 0
    results: list[ChunkResult] = []
    targets: list[str] = []
    try:
        futures = []
        for i, task in enumerate(tasks):
            targets.append(str(parts_dir / PART.format(i)))
            futures.append(client.submit(write_part, task, targets[-1], pure=False))
        done = 0
        for fut in as_completed(futures):
            n, r = fut.result()
            n_events += n
            results.append(r)
            done += r.count
            if progress:
                progress(done, total, r.last)
    finally:
        client.close()
        if cluster is not None:
            cluster.close()
    results.sort(key=lambda r: r.first)
    return [Path(t) for t in targets], n_events, results


def survey_all(paths: Sequence[Path], max_bytes: int, workers: int, chunk: int) -> Iterator:
    """`documents.survey_file` of each path, in order, on a local pool of `workers` processes."""
    for surveys in map_chunks(_survey_chunk, ((part, max_bytes) for part in chunked(paths, chunk)), workers):
        yield from surveys


def _survey_chunk(job: tuple[Sequence[Path], int]) -> list:

    paths, max_bytes = job
    return [survey_file(p, max_bytes) for p in paths]


def default_workers() -> int:
    """The number of cores this process may use."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # pragma: no cover - not Linux
        return max(1, os.cpu_count() or 1)
