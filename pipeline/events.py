"""Events from sentences: one per (sentence, date) (stub: no event typing, no actors yet)."""
from __future__ import annotations

import hashlib

from .documents import Document
from .schema import Event

HEADLINE_CHARS = 90


def make_event_id(doc_id: str, quote: str, date_text: str, n: int = 0) -> str:
    """A stable id: the same sentence and date words in the same article give the same id."""
    key = f"{doc_id}\x1f{quote}\x1f{date_text}\x1f{n}"
    return hashlib.sha1(key.encode("utf-8")).hexdigest()[:16]


def headline(quote: str) -> str:
    q = " ".join(quote.split())
    return q if len(q) <= HEADLINE_CHARS else q[: HEADLINE_CHARS - 1].rsplit(" ", 1)[0] + "…"


def find_events(doc: Document) -> list[Event]:
    events: list[Event] = []
    for s in doc.sentences:
        quote = doc.text[s.start : s.end]
        for n, t in enumerate(x for x in doc.timexes if s.start <= x.start and x.end <= s.end and x.type == "DATE"):
            events.append(
                Event(
                    event_id=make_event_id(doc.doc_id, quote, t.text, n),
                    doc_id=doc.doc_id, source=doc.source, title=doc.title, url=doc.url,
                    published=doc.published, published_inferred=doc.published_inferred,
                    date_text=t.text, date_value=t.value, date_start=t.date_start, date_end=t.date_end,
                    granularity=t.granularity, headline=headline(quote), quote=quote,
                    char_start=s.start, char_end=s.end, section=s.section,
                )
            )
    return events


def annotate(doc: Document) -> Document:
    doc.events = find_events(doc)
    return doc
