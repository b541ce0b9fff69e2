"""Issue 18 (round 5): an event whose verb no lexicon knows still has a dyad, read from its main clause
(pipeline/stages/roles_fallback.py). Hand-annotated: each sentence written for the case, its actor1 country and
target written down before the code ran on it."""
import pytest

from _events_data import PLOVER_ERA, plover_event
from pipeline.schema import Document, Sentence
from pipeline.stages.actors import find_mentions
from pipeline.stages.roles_fallback import fallback_dyad


@pytest.mark.parametrize("text, country, target_country", [
    # a leader by surname and title, a verb of no lexicon: the subject acts
    ("President Museveni on Tuesday dissolved the cabinet.", "UGA", ""),
    # a leading adverbial and a trailing source are not the subject
    ("On Monday, Kenyan authorities reshuffled the cabinet, the state radio said.", "KEN", ""),
    # a speaker whose words no lexicon types speaks; a capital after "from" is a place here, no target
    ("A senior Japanese official said on Friday that Tokyo was reviewing the proposal from Seoul.", "JPN", ""),
])
def test_event_with_no_predicate_has_the_main_clause_dyad(text, country, target_country):
    ev = plover_event(text)
    assert ev.event_type == "OTHER", ev.event_type  # the case: no predicate was read
    assert (ev.actor1_country, ev.actor2_country) == (country, target_country), (text, ev.actor1, ev.actor2)


def _dyad(text: str):
    doc = Document(doc_id="t", text=text, published=PLOVER_ERA)
    doc.mentions = find_mentions(text)
    return fallback_dyad(doc, Sentence(0, len(text)), doc.mentions, [])


def test_fallback_dyad_groups_and_places():
    # a coordinated subject acts together; the next actor is the target
    assert _dyad("Armenia and Georgia on Sunday reopened the railway to Turkey.") == (
        "Armenia and Georgia", "ARM", "Turkey", "TUR")
    # an agent of no country of its own acts where the main clause places it
    assert _dyad("The Red Cross on Sunday reorganised its offices in Kigali.")[1] == "RWA"
    # the subject of the main clause, not a name in a leading adverbial
    assert _dyad("In talks with Iran, Iraq on Sunday reopened the border crossing.")[:2] == ("Iraq", "IRQ")
    # no actor at all: no dyad
    assert _dyad("Heavy rain fell on Sunday.") == ("", "", "", "")


@pytest.mark.parametrize("text, country", [
    # an agent nobody can place whose main clause names no country: the country named in its leading adverbial
    ("After two days of talks in Tashkent, the rebel leaders agreed to a ceasefire.", "UZB"),
    # ... or in a relative clause about it
    ("The guerrilla leaders, who met Burundian officials in Arusha last week, rejected the plan.", "BDI"),
])
def test_agent_of_no_country_takes_the_sentences_country(text, country):
    ev = plover_event(text)
    assert ev.actor1 and ev.actor1_country == country, (text, ev.actor1, ev.actor1_country)


def test_with_country_keeps_a_placed_agent_and_an_empty_one():
    text = "Kenya and Burundi agreed on Monday."
    doc = Document(doc_id="t", text=text, published=PLOVER_ERA)
    ments = find_mentions(text)
    s = Sentence(0, len(text))
    from pipeline.stages.roles_fallback import with_country
    assert with_country(doc, s, ments, ("Kenya", "KEN", "", "")) == ("Kenya", "KEN", "", "")
    assert with_country(doc, s, ments, ("", "", "", "")) == ("", "", "", "")
    assert with_country(doc, s, ments, ("the rebels", "", "", "")) == ("the rebels", "KEN", "", "")
