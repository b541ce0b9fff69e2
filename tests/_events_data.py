"""Shared by the stage tests: the events of one hand-written article."""
from pipeline.schema import Document
from pipeline.stages import process_document


def first_event(text: str, published: str = "2021-05-04"):
    """The first event the stages find in `text` (published on `published`); fails naming the text when none."""
    events = process_document(Document(doc_id="t", text=text, published=published)).events
    assert events, text
    return events[0]
