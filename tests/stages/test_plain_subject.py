"""predicates._plain_subject: a subject written as plain words becomes actor1 only when it is a noun phrase.

Hand-written sentences; the refused ones are the shapes the seed quotes gave as actor1 ("will not", "That's what I",
"arguments elements and", "Most importantly")."""
import pytest

from pipeline.schema import Document
from pipeline.stages import process_document


def actor1_of(sentence: str) -> list[str]:
    doc = process_document(Document("t", f"Date: 2021-01-13\n\n{sentence}\n"))
    return [e.actor1 for e in doc.events if sentence[:20] in e.quote]


@pytest.mark.parametrize("sentence", [
    "I will not talk about the sanctions imposed on Ankara last week.",
    "That's what I would like to call the agreement signed on Monday.",
    "That’s what I would like to call the agreement signed on Monday.",
    "Most importantly, troops will be sent to the border district by 20 November.",
    "Arguments, elements and reasons were rejected by the court on Monday.",
])
def test_no_pronoun_modal_or_cut_phrase_becomes_the_actor(sentence):
    found = actor1_of(sentence)
    assert found, "the sentence gives an event"
    bad = {"will not", "I will not", "That's what I", "That’s what I", "what I", "Most importantly", "importantly",
           "Arguments elements and", "elements and"}
    assert not set(found) & bad


@pytest.mark.parametrize("sentence, subject", [
    ("Opposition supporters marched through the capital on Monday.", "Opposition supporters"),
    ("Gunmen attacked a convoy near the border on Monday.", "Gunmen"),
])
def test_a_plain_noun_phrase_still_acts(sentence, subject):
    assert subject in actor1_of(sentence)
