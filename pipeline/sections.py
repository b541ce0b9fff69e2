"""Split an article into blocks (paragraphs/lines) and label each with its section.

Stub: every block is body. Issue 4 replaces this with caption/teaser/comment/boilerplate detection.
"""
from __future__ import annotations

import re

from .documents import Block, Document

_BLOCK = re.compile(r"[^\n]+")


def find_blocks(text: str) -> list[Block]:
    return [Block(m.start(), m.end(), "body") for m in _BLOCK.finditer(text) if m.group().strip()]


def annotate(doc: Document) -> Document:
    doc.blocks = find_blocks(doc.text)
    return doc
