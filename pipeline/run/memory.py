"""The in-memory build: read the articles, run the per-article stages (here, on local processes or on Dask),
lend years across articles, cluster, re-apply curations; the result is one events frame."""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

import pandas as pd

from .. import cluster
from ..config import validate_settings
from ..frame.curation import apply_curations, default_db_path
from ..frame.io import write_events
from ..ingest.corpus import read_documents
from ..schema import Document, InputProblem, events_frame
from ..stages import borrow_years
from .cache import DocumentCache, cache_dir_for
from .lock import build_lock
from .workers import map_documents


@dataclass
class BuildResult:
    frame: pd.DataFrame
    documents: list[Document] = field(default_factory=list)
    problems: list[InputProblem] = field(default_factory=list)
    stats: dict = field(default_factory=dict)  # e.g. {"reused": 4, "processed": 1} from the incremental cache


CLUSTERING = "clustering across articles…"  # the progress label of the last step


def build(inputs=None, settings: dict | None = None, progress: Callable[[int, int, str], None] | None = None) -> BuildResult:
    """Build the events frame from article files and folders (default: the settings' inputs).

    Articles unchanged since the last build come from the cache beside the events file; the curations
    in the curation database are re-applied to the clustered frame (issue 6).
    """
    settings = validate_settings(settings)
    docs, problems = read_documents(list(inputs or settings["inputs"]), max_bytes=settings["max_article_bytes"])
    # --- incremental cache (issue 6): articles whose content key is cached are not processed again ---
    store = DocumentCache.open(cache_dir_for(settings["out"])) if settings["cache"] else None
    keys = [store.key(doc) for doc in docs] if store else [None] * len(docs)
    finished: dict[int, Document] = {}
    todo: list[int] = []
    for i, (doc, key) in enumerate(zip(docs, keys)):
        cached = store.get(key) if store else None
        if cached is None:
            todo.append(i)
            continue
        cached.path, cached.duplicates = doc.path, doc.duplicates  # not part of the content key
        finished[i] = cached
        if progress:
            progress(len(finished), len(docs), doc.doc_id)
    # --- per-article stages for the new or changed articles: in this process, a local pool
    # (settings "workers") or Dask (settings "engine"); results come back in input order ---
    base = len(finished)

    def step(n: int, _total: int, name: str) -> None:
        if progress:
            progress(base + n, len(docs), name)

    results = map_documents([docs[i] for i in todo], settings["workers"], settings["engine"],
                                     settings["scheduler"] or None, settings["chunk"], step, settings["article_seconds"],
                                     settings["article_events"])
    for i, (doc, problem) in zip(todo, results):
        if problem is not None:  # a bug on one article must not stop the corpus
            problems.append(problem)
        if doc is None:
            continue
        finished[i] = doc
        if store and problem is None:  # a cut article is processed again: the next build names it again
            store.put(keys[i], doc)
    done = [finished[i] for i in sorted(finished)]
    stats = {"articles": len(docs), "reused": len(docs) - len(todo), "processed": len(todo)}
    if store:
        store.prune()
    borrow_years(done)
    frame = events_frame([e for d in done for e in d.events])
    if progress:  # the last, corpus-wide step has no per-article count: say what it is doing
        progress(len(docs), len(docs), CLUSTERING)
    frame = cluster.assign_clusters(frame)
    # --- curations (issue 6): re-applied after every rebuild, keyed by stable ids ---
    frame = apply_curations(frame, default_db_path(settings))
    if frame.attrs.get("curation_problem"):
        problems.append(InputProblem(str(default_db_path(settings)), frame.attrs["curation_problem"], False, "curation"))
    return BuildResult(frame=frame, documents=done, problems=problems, stats=stats)


def rebuild(settings: dict, progress: Callable[[int, int, str], None] | None = None) -> tuple[BuildResult, Path]:
    """Build the settings' inputs plus the corpus folder (where uploads go) and write the events file the
    dashboard shows (`events`, else `out`); curations come from `db` (else the events file's own database).
    Returns the result and the file written."""
    settings = validate_settings(settings)
    out = Path(settings["events"] or settings["out"])
    inputs = [i for i in [*settings["inputs"], settings["corpus"]] if Path(i).exists()]
    with build_lock(out):  # one build at a time per events file (issue 17)
        result = build(inputs, {"out": str(out), "db": settings["db"] or str(default_db_path({"out": str(out)}))},
                       progress=progress)
        write_events(result.frame, out)
    return result, out

