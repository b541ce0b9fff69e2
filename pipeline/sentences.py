"""Sentence splitting with character offsets (pysbd), inside each block so sections carry over."""
from __future__ import annotations

from functools import lru_cache

from .documents import Document, Sentence


@lru_cache(maxsize=4)
def _segmenter(language: str):
    import pysbd

    try:
        return pysbd.Segmenter(language=language, clean=False, char_span=True)
    except (ValueError, KeyError):
        return pysbd.Segmenter(language="en", clean=False, char_span=True)


def find_sentences(text: str, start: int, end: int, language: str = "en") -> list[tuple[int, int]]:
    """Return (start, end) offsets of the sentences in text[start:end], whitespace trimmed."""
    chunk = text[start:end]
    spans = []
    for s in _segmenter(language).segment(chunk):
        a, b = s.start, s.end
        while a < b and chunk[a].isspace():
            a += 1
        while b > a and chunk[b - 1].isspace():
            b -= 1
        if b > a:
            spans.append((start + a, start + b))
    return spans


def annotate(doc: Document) -> Document:
    """Set doc.sentences from doc.blocks (or the whole text when there are no blocks)."""
    blocks = doc.blocks or []
    sentences: list[Sentence] = []
    if not blocks:
        sentences = [Sentence(a, b) for a, b in find_sentences(doc.text, 0, len(doc.text), doc.language)]
    for block in blocks:
        for a, b in find_sentences(doc.text, block.start, block.end, doc.language):
            sentences.append(Sentence(a, b, block.section))
    doc.sentences = sentences
    return doc
