"""Document creation time (DCT): stated in metadata or a date line, else inferred from the text.

Stub: a `Date:` header or a dateline with day, month and year. Issue 3 deepens it.
"""
from __future__ import annotations

import re

from .documents import Document
from .timex import find_timexes


def find_dct(text: str) -> tuple[str | None, bool, str | None]:
    """Return (value, inferred, evidence text) for the article's creation time."""
    head = text[:600]
    for t in find_timexes(head, None):
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}", t.value):
            return t.value, False, t.text
    return None, False, None


def annotate(doc: Document) -> Document:
    if doc.published is None:
        doc.published, doc.published_inferred, doc.dct_text = find_dct(doc.text)
    return doc
