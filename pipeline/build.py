"""The build: read articles, run the per-document stages in order, assemble and cluster the frame."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable

import pandas as pd

from . import actors, cluster, dct, events, parallel, sections, sentences, timex
from .cache import DocumentCache, cache_dir_for
from .config import validate_settings
from .curation import apply_curations, default_db_path
from .documents import Document, InputProblem, read_documents
from .schema import events_frame

# The order of the per-document stages, written once. Each takes a Document and returns it annotated.
STAGES: tuple[tuple[str, Callable[[Document], Document]], ...] = (
    ("sections", sections.annotate),
    ("dct", dct.annotate),
    ("sentences", sentences.annotate),
    ("timex", timex.annotate),
    ("actors", actors.annotate),
    ("events", events.annotate),
)


@dataclass
class BuildResult:
    frame: pd.DataFrame
    documents: list[Document] = field(default_factory=list)
    problems: list[InputProblem] = field(default_factory=list)
    stats: dict = field(default_factory=dict)  # e.g. {"reused": 4, "processed": 1} from the incremental cache


CLUSTERING = "clustering across articles…"  # the progress label of the last step


def process_document(doc: Document) -> Document:
    """Run every per-document stage on one article."""
    for _name, stage in STAGES:
        doc = stage(doc)
    return doc


def borrow_years(docs: list[Document], lenders: dict | None = None) -> list[Document]:
    """Corpus-level DCT (issue 3): undated articles may take the year of the same happenings from dated ones
    (those of `docs`, or the `lenders` index of `dct.add_lenders`); the stages that read the DCT run again
    for the articles that changed. Returns those articles."""
    changed = dct.borrow_from_corpus(docs, lenders)
    for doc in changed:
        timex.annotate(doc)
        events.annotate(doc)
    return changed


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

    results = parallel.map_documents([docs[i] for i in todo], settings["workers"], settings["engine"],
                                     settings["scheduler"] or None, settings["chunk"], step)
    for i, (doc, problem) in zip(todo, results):
        if problem is not None:  # a bug on one article must not stop the corpus
            problems.append(problem)
            continue
        finished[i] = doc
        if store:
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


def build_to_file(inputs, out, settings: dict | None = None, progress: Callable[[int, int, str], None] | None = None):
    """Build straight to the events file `out`, streaming events through Parquet (see pipeline/stream.py)."""
    from .stream import build_to_file as _build_to_file

    return _build_to_file(inputs, out, settings, progress)
