"""The build: read articles, run the per-document stages in order, assemble and cluster the frame."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable

import pandas as pd

from . import actors, cluster, dct, events, sections, sentences, timex
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


def build(inputs=None, settings: dict | None = None, progress: Callable[[int, int, str], None] | None = None) -> BuildResult:
    """Build the events frame from article files and folders (default: the settings' inputs)."""
    settings = validate_settings(settings)
    docs, problems = read_documents(list(inputs or settings["inputs"]))
    done: list[Document] = []
    for i, doc in enumerate(docs):
        try:
            done.append(process_document(doc))
        except Exception as exc:  # a bug on one article must not stop the corpus
            problems.append(InputProblem(doc.path or doc.doc_id, f"could not be processed: {type(exc).__name__}: {exc}"))
        if progress:
            progress(i + 1, len(docs), doc.doc_id)
    # Corpus-level DCT (issue 3): undated articles may take the year of the same happenings from dated ones;
    # the stages that read the DCT run again for the articles that changed.
    for doc in dct.borrow_from_corpus(done):
        timex.annotate(doc)
        events.annotate(doc)
    frame = events_frame([e for d in done for e in d.events])
    frame = cluster.assign_clusters(frame)
    return BuildResult(frame=frame, documents=done, problems=problems)
