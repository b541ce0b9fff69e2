"""Actors, countries and places (stub: finds nothing). Issue 4 adds the registry and matcher."""
from __future__ import annotations

from .documents import Document, Mention


def find_mentions(text: str) -> list[Mention]:
    return []


def annotate(doc: Document) -> Document:
    doc.mentions = find_mentions(doc.text)
    return doc
