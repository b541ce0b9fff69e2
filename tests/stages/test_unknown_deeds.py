"""Issue 18 (round 6): an undated deed no lexicon types, relayed by a trailing source, is an OTHER event with its
subject's dyad (it gave no event). Hand-annotated goldens written for the case (not from a benchmark or an own set)."""
import pytest

from _events_data import PLOVER_ERA
from pipeline.schema import Document
from pipeline.stages import process_document


def _events(text: str):
    return process_document(Document(doc_id="t", text=text, published=PLOVER_ERA)).events


@pytest.mark.parametrize("text, country", [
    ("The Zambian government devalued the kwacha by 30 percent, officials said.", "ZMB"),
    ("The Nigerian junta dissolved all elected councils, state radio reported.", "NGA"),
    ("The Tanzanian parliament has amended the constitution, state radio reported.", "TZA"),
])
def test_a_relayed_deed_of_no_known_verb_is_an_event(text, country):
    (e,) = _events(text)
    assert (e.event_type, e.actor1_country, e.date_value) == ("OTHER", country, PLOVER_ERA)


@pytest.mark.parametrize("text", [
    "The Zambian kwacha was weak against the dollar, traders said.",  # no past form after the subject: a state
    "Prices in the capital, officials said.",  # no subject name, no verb
    "The Zambian delegation, officials said.",
])
def test_no_event_without_a_named_subject_and_its_past_verb(text):
    assert _events(text) == []


@pytest.mark.parametrize("text", [
    "That's what I would like to call it and nothing else.",
    "They have learned their lesson and know how to manage their differences.",
    "We will not talk about the fact that some are trying to impose restrictions.",
])
def test_an_undated_deed_of_nobody_named_gives_no_event(text):
    """Nothing to brief: no actor, no country, no date (a quoted remark in an interview)."""
    assert _events(text) == []


@pytest.mark.parametrize("text", [
    "Azerbaijani troops shelled the town of Fizuli.",
    "Norway expelled two Russian diplomats.",
])
def test_an_undated_deed_of_a_named_party_still_gives_its_event(text):
    (e,) = _events(text)
    assert e.date_value == PLOVER_ERA and (e.actor1 or e.countries)


def test_a_document_that_is_one_title_like_line_reports_its_event():
    (e,) = _events("Norway expels two Russian diplomats")
    assert e.actor1_country == "NOR" and e.date_value == PLOVER_ERA


def test_a_title_above_its_article_gives_no_event_of_its_own():
    events = _events("Norway expels two Russian diplomats\n\nNorway expelled two Russian diplomats on Monday, the foreign "
                     "ministry said.")
    assert [e.date_text for e in events] == ["Monday"]
