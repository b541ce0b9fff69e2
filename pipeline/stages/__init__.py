"""Annotate each article: the per-article stages, each a function `Document -> Document`, in the order run.

`sections` (body, captions, teasers, comments, site furniture) -> `credits` (the outlet, when the metadata
names none) -> `dct` (the article's own date) ->
`sentences` (with offsets) -> `timex` (temporal expressions, resolved against the article's date) ->
`actors` (people, organisations, countries, places) -> `events` (one per sentence and date). Each stage
module declares the Document fields it needs and sets (NEEDS, SETS); a test checks every need is set upstream.
"""
from __future__ import annotations

from typing import Callable

from .. import timex
from ..schema import Document
from . import actors, credits, dct, events, sections, sentences

# The order of the per-document stages, written once. Each takes a Document and returns it annotated.
STAGES: tuple[tuple[str, Callable[[Document], Document]], ...] = (
    ("sections", sections.annotate),
    ("credits", credits.annotate),  # issue 20: the outlet from a dateline or credit line when metadata has none
    ("dct", dct.annotate),
    ("sentences", sentences.annotate),
    ("timex", timex.annotate),
    ("actors", actors.annotate),
    ("events", events.annotate),
)


def process_document(doc: Document, before: Callable[[str], None] | None = None) -> Document:
    """Run every per-document stage on one article; `before(name)`, if given, is called before each stage
    (the build's per-article time budget stops an article there)."""
    for name, stage in STAGES:
        if before is not None:
            before(name)
        doc = stage(doc)
    return doc


def borrow_years(docs: list[Document], lenders: dict | None = None, stated=None, near=None,
                 inferred_index=None) -> list[Document]:
    """Corpus-level DCT (issues 3, 22): undated articles may take the year of the same happenings from dated ones
    (those of `docs`, or the `lenders` index of `dct.add_lenders`), and, over `docs`, articles whose year was
    inferred from their text take the year articles with a stated date give the same year-less days (a
    conflict is noted in `dct_note` and the weekday-checked value kept), and undated ones whose year-less
    dateline names a weekday may take the one year of the corpus's span it fits (issue 21; `stated`, a
    `dct.SpanIndex`, stands for the stated articles beside `lenders`), and those still undated may take a value
    the stated articles most like them choose (issue 22; `near`, a callable giving a `dct_near.Neighbours`,
    stands for them in the streamed build, as `inferred_index` does for the stated articles' mentions); the
    stages that read the DCT run again
    for the articles that changed. Returns those articles."""
    changed = dct.borrow_from_corpus(docs, lenders, stated, near, inferred_index)
    for doc in changed:
        timex.annotate(doc)
        events.annotate(doc)
    return changed


def share_defined_names(docs: list[Document]) -> list[Document]:
    """Corpus-level actors (issue 18): a name one article defines ("Rapid Support Forces (RSF)", "..., known
    as Hemedti") is an actor in every article of the corpus; the articles that gain mentions get their events
    again. Returns those articles."""
    table: dict = {}
    for doc in docs:
        for alias, entry in actors.defined_names(doc.text, doc.mentions)[1].items():
            table.setdefault(alias, entry)
    changed = []
    for doc in docs if table else ():
        extra = actors.alias_mentions(doc.text, table, doc.mentions)
        if extra:
            doc.mentions = sorted(doc.mentions + extra, key=lambda m: (m.start, -m.end))
            events.annotate(doc)
            changed.append(doc)
    return changed


__all__ = ["STAGES", "process_document", "borrow_years", "share_defined_names"]
