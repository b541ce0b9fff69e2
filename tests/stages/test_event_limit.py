"""The build's cap on an article's events stops the events stage itself (issue 17's article_events setting): a run of
dates costs the cap's time, and what it keeps is the start of what an unlimited stage finds."""
from pipeline.schema import Document
from pipeline.stages import process_document
from pipeline.stages.events import EVENT_LIMIT, find_events

RUN = "Officials met " + " and ".join(f"on {1 + i % 28} March 2020" for i in range(40)) + ".\n"


def _doc(text: str) -> Document:
    return process_document(Document(doc_id="run", text=text, published="2021-05-04"))


def test_the_stage_stops_one_past_the_limit_and_keeps_the_start():
    doc = _doc(RUN)
    everything = find_events(doc)
    assert len(everything) == 40
    stopped = find_events(doc, limit=10)
    assert len(stopped) == 11
    assert [e.event_id for e in stopped] == [e.event_id for e in everything[:11]]


def test_the_limit_reaches_the_stage_through_the_build_setting():
    token = EVENT_LIMIT.set(5)
    try:
        assert len(_doc(RUN).events) == 6
    finally:
        EVENT_LIMIT.reset(token)
    assert len(_doc(RUN).events) == 40  # unset: no limit
