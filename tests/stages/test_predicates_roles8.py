"""Issue 18 (round 8): a leader's bare last name as an actor ("Yeltsin warned ..."), and a passive summons whose
summoning ministry acts ("The Dutch ambassador was summoned to the Indonesian foreign ministry").

Hand-annotated goldens: each sentence written for the case it tests (not from a benchmark or an own bench set; the
expected mentions, type and acting country written down before the code ran on them). The last-name rule is tested
on an invented registry (`Registry.surnames` of made-up people), the summons on generic countries.
"""
import pytest

from _events_data import plover_event as _first
from pipeline.registry import Entry, Registry
from pipeline.stages import clauses
from pipeline.stages.bare_surnames import bare_surname_mentions, load_cues


def _registry() -> Registry:
    reg = Registry()
    reg.surnames = {("vantorp",): Entry("Alma Vantorp", "person", "NLD"),
                    ("quellbrook",): Entry("Quellbrook", "person", "CAN"),  # two listed Quellbrooks, one country
                    ("major",): Entry("Ann Major", "person", "GBR")}         # a word: on the stoplist
    return reg


def _names(text: str, taken=()) -> list:
    return [(m.text, m.country) for m in bare_surname_mentions(text, _registry(), list(taken), "1995-01-01")]


@pytest.mark.parametrize("text, expected", [
    ("Vantorp warned the rebels on Tuesday.", [("Vantorp", "NLD")]),              # opens the sentence before a verb
    ("Vantorp praises the new cabinet.", [("Vantorp", "NLD")]),                   # headline present
    ("Vantorp's government fell.", [("Vantorp", "NLD")]),                          # a possessive
    ("Vantorp to visit Ottawa next week.", [("Vantorp", "NLD")]),                  # headline infinitive
    ("Talks with Vantorp and Quellbrook ended.", [("Vantorp", "NLD"), ("Quellbrook", "CAN")]),  # mid-sentence
    ("The Quellbrook government resigned.", [("Quellbrook", "CAN")]),              # after "The"
])
def test_a_bare_listed_last_name_is_the_person(text, expected):
    assert _names(text) == expected


@pytest.mark.parametrize("text", [
    "Vantorp bridge was closed.",              # opening, no verb after it
    "Mrs Eda Vantorp spoke on Monday.",        # another capitalised word before it
    "Vantorp Holdings reported a loss.",       # another capitalised word after it
    "Major said the talks would go on.",       # on the stoplist
    "He met (Vantorp) on Monday.",             # not after a word
    "a vantorp was found",                     # lower case
])
def test_a_last_name_not_in_subject_shape_is_no_mention(text):
    assert _names(text) == []


def test_a_taken_span_is_not_found_again():
    assert _names("Vantorp warned the rebels.", taken=[(0, 7)]) == []


def test_the_stoplist_holds_common_words():
    stop, verbs = load_cues()
    assert {"major", "rice", "brown"} <= stop and "said" in verbs


@pytest.mark.parametrize("text, event_type, country, target", [
    ("The Dutch ambassador was summoned to the Indonesian foreign ministry on Tuesday.", "ACCUSE", "IDN", "NLD"),
    ("Turkey's charge d'affaires was summoned on Monday to the Greek foreign ministry.", "ACCUSE", "GRC", "TUR"),
    ("France's envoy was summoned to the foreign ministry in Algiers over the remarks.", "ACCUSE", "DZA", "FRA"),
])
def test_a_passive_summons_is_done_by_the_summoning_ministry(text, event_type, country, target):
    e = _first(text)
    assert (e.event_type, e.actor1_country, e.actor2_country) == (event_type, country, target)


def test_to_is_an_agent_only_after_a_summoning_verb():
    text = "The envoy was summoned to the ministry"
    end = text.index("summoned") + len("summoned")
    assert clauses.agent_after_by(text, end, len(text)) == text.index(" the ministry")
    text = "Aid was sent to the ministry by Japan"
    end = text.index("sent") + len("sent")
    assert clauses.agent_after_by(text, end, len(text)) == text.index(" Japan")


def test_a_listed_bare_last_name_acts():
    e = _first("Bush praises the new government in Kuwait.")  # no alias "Bush" in people.yaml: Registry.surnames
    assert (e.event_type, e.actor1_country, e.actor2_country) == ("SUPPORT", "USA", "KWT")


@pytest.mark.parametrize("text, event_type, country", [
    ("Chinese officials reject the American proposal.", "REJECT", "CHN"),
    ("Israeli troops open fire on stone-throwers.", "ASSAULT", "ISR"),          # plural noun before the verb
])
def test_a_headline_present_after_a_plural_subject_is_a_deed(text, event_type, country):
    e = _first(text)
    assert (e.event_type, e.actor1_country) == (event_type, country)


def test_present_analysis_without_a_named_subject_is_no_event():
    from pipeline.schema import Document
    from pipeline.stages import process_document
    assert process_document(Document(doc_id="x", text="Analysts say the sanctions hurt trade.", published="1995-06-01")).events == []


@pytest.mark.parametrize("text, subject, country", [
    # a plural head with an "of" phrase (5-7 words), an adjectival participle after "the" is no verb
    ("Supporters of the ousted president clashed with police in Port-au-Prince.", "Supporters of the ousted president", "HTI"),
    ("Relatives of the missing fishermen protested outside the parliament in Colombo.", "Relatives of the missing fishermen", "LKA"),
])
def test_a_long_plain_subject_is_placed_by_the_scene(text, subject, country):
    e = _first(text)
    assert (e.actor1, e.actor1_country) == (subject, country)
