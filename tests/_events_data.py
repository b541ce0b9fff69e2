"""Shared by the stage tests: the events of one hand-written article."""
from pipeline.schema import Document
from pipeline.stages import process_document


def first_event(text: str, published: str = "2021-05-04"):
    """The first event the stages find in `text` (published on `published`); fails naming the text when none."""
    events = process_document(Document(doc_id="t", text=text, published=published)).events
    assert events, text
    return events[0]


PLOVER_ERA = "1995-05-04"  # a day of the PLOVER gold records' years: their sentences' relative dates resolve there


def plover_event(text: str, published: str = PLOVER_ERA):
    """`first_event` on a sentence written in the PLOVER gold's style, published in its era by default."""
    return first_event(text, published)
