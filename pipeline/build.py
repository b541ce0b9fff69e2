"""The build: read articles, run the per-document stages in order, assemble and cluster the frame."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable

import pandas as pd

from . import actors, cluster, dct, events, parallel, sections, sentences, timex
from .config import validate_settings
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


def process_document(doc: Document) -> Document:
    """Run every per-document stage on one article."""
    for _name, stage in STAGES:
        doc = stage(doc)
    return doc


def borrow_years(docs: list[Document]) -> list[Document]:
    """Corpus-level DCT (issue 3): undated articles may take the year of the same happenings from dated ones;
    the stages that read the DCT run again for the articles that changed. Returns those articles."""
    changed = dct.borrow_from_corpus(docs)
    for doc in changed:
        timex.annotate(doc)
        events.annotate(doc)
    return changed


def build(inputs=None, settings: dict | None = None, progress: Callable[[int, int, str], None] | None = None) -> BuildResult:
    """Build the events frame from article files and folders (default: the settings' inputs)."""
    settings = validate_settings(settings)
    docs, problems = read_documents(list(inputs or settings["inputs"]))
    # Per-article stages: in this process, a local pool (settings "workers") or Dask (settings "engine").
    done: list[Document] = []
    for doc, problem in parallel.map_documents(docs, settings["workers"], settings["engine"],
                                               settings["scheduler"] or None, settings["chunk"], progress):
        if problem is not None:  # a bug on one article must not stop the corpus
            problems.append(problem)
        else:
            done.append(doc)
    borrow_years(done)
    frame = events_frame([e for d in done for e in d.events])
    frame = cluster.assign_clusters(frame)
    return BuildResult(frame=frame, documents=done, problems=problems)


def build_to_file(inputs, out, settings: dict | None = None, progress: Callable[[int, int, str], None] | None = None):
    """Build straight to the events file `out`, streaming events through Parquet (see pipeline/stream.py)."""
    from .stream import build_to_file as _build_to_file

    return _build_to_file(inputs, out, settings, progress)
