"""Running the per-article stages on many cores: a local process pool (`--workers N`) or Dask (`--engine dask`).

Articles are independent until clustering, so only the per-document stages are spread out; the caller
clusters across articles afterwards, on the frame. Every runner returns results in input order, so
`--workers 2` and `--engine dask` give exactly the frame of one process. Dask is imported only on its path:
the pipeline itself imports without it.
"""
from __future__ import annotations

import os
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Callable, Iterable, Iterator, Sequence

from .config import ENGINES
from .documents import Document, InputProblem, read_documents

# Articles per task: large enough that pickling and scheduling cost little next to the stages.
DEFAULT_CHUNK = 64


class EngineError(ValueError):
    """An engine, worker count or scheduler address that cannot be used."""


def process_safely(doc: Document) -> tuple[Document | None, InputProblem | None]:
    """Run the stages on one article; a bug on it becomes an InputProblem, never an exception."""
    from .build import process_document

    try:
        return process_document(doc), None
    except Exception as exc:  # one bad article must not stop the corpus
        return None, InputProblem(doc.path or doc.doc_id, f"could not be processed: {type(exc).__name__}: {exc}")


def process_chunk(docs: Sequence[Document]) -> list[tuple[Document | None, InputProblem | None]]:
    """`process_safely` over a list of articles (the unit of work sent to a process or a Dask worker)."""
    return [process_safely(d) for d in docs]


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
) -> list[tuple[Document | None, InputProblem | None]]:
    """Run the per-document stages over `docs` with the chosen engine; results are in input order."""
    check_engine(engine, workers)
    total = len(docs)
    if engine == "dask":
        results = _map_dask(docs, workers, scheduler, chunk, progress)
    elif workers <= 1 or total <= 1:
        results = []
        for doc in docs:
            results.append(process_safely(doc))
            if progress:
                progress(len(results), total, doc.doc_id)
    else:
        results = []
        for part in map_chunks(process_chunk, chunked(docs, chunk), workers):
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


def _map_dask(docs, workers, scheduler, chunk, progress):
    from distributed import as_completed

    client, cluster = dask_client(workers, scheduler)
    try:
        parts = chunked(docs, chunk)
        futures = client.map(process_chunk, parts, pure=False)
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


def read_and_process(paths: Sequence[str]) -> tuple[list, list[InputProblem], int]:
    """Read and process a chunk of article files: (events, problems, number of articles built).

    Reading happens where the work runs, so only file names travel to a worker and only events come back.
    """
    docs, problems = read_documents([Path(p) for p in paths])
    events: list = []
    n = 0
    for doc, problem in process_chunk(docs):
        if problem is not None:
            problems.append(problem)
        else:
            events.extend(doc.events)
            n += 1
    return events, problems, n


def write_part(paths: Sequence[str], part_path: str) -> tuple[int, int, list[InputProblem]]:
    """Read, process and write one partition of events to `part_path` (a Parquet file) on the worker.

    Returns (events written, articles built, problems). The part has no cluster ids yet.
    """
    from .stream import EventsWriter

    events, problems, n = read_and_process(paths)
    with EventsWriter(part_path) as writer:
        writer.write(events)
    return len(events), n, problems


def dask_write_parts(
    paths: Sequence[str],
    parts_dir: str | Path,
    workers: int = 1,
    scheduler: str | None = None,
    chunk: int = DEFAULT_CHUNK * 8,
    progress: Callable[[int, int, str], None] | None = None,
) -> tuple[list[Path], int, int, list[InputProblem]]:
    """Run the per-article stages on Dask, each task writing `parts_dir/part-NNNNNN.parquet`.

    With a remote scheduler, the article paths and `parts_dir` must be visible to the workers (a shared
    file system). Returns (part files in input order, events, articles built, problems).
    """
    from distributed import as_completed

    parts_dir = Path(parts_dir)
    parts_dir.mkdir(parents=True, exist_ok=True)
    chunks = chunked([str(p) for p in paths], chunk)
    targets = [str(parts_dir / f"part-{i:06d}.parquet") for i in range(len(chunks))]
    client, cluster = dask_client(workers, scheduler)
    n_events = n_docs = 0
    problems: list[InputProblem] = []
    try:
        futures = client.map(write_part, chunks, targets, pure=False)
        index = {f.key: i for i, f in enumerate(futures)}
        done = 0
        for fut in as_completed(futures):
            ev, nd, probs = fut.result()
            n_events += ev
            n_docs += nd
            problems.extend(probs)
            done += len(chunks[index[fut.key]])
            if progress:
                progress(done, len(paths), Path(chunks[index[fut.key]][-1]).stem)
    finally:
        client.close()
        if cluster is not None:
            cluster.close()
    problems.sort(key=lambda p: p.path)
    return [Path(t) for t in targets], n_events, n_docs, problems


def default_workers() -> int:
    """The number of cores this process may use."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # pragma: no cover - not Linux
        return max(1, os.cpu_count() or 1)
