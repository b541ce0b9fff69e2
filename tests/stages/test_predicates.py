"""Issue 18: the sentence's predicate, its PLOVER type and mode, its roles and its headline.

Hand-annotated goldens (each sentence written for the case it tests, real countries from the registry),
a regenerate-and-compare check of the generated CAMEO lexicon, and properties of the clause reader.
"""
import subprocess
import sys

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from _events_data import first_event as _first
from conftest import ROOT
from pipeline.schema import COLUMNS, EVENTS_SCHEMA, Document
from pipeline.stages import clauses, process_document
from pipeline.stages.actors import find_defined_names, find_mentions
from pipeline.stages.headlines import HEADLINE_CHARS
from pipeline.stages.cameo import find_cameo_triggers


def _events(text: str, published: str = "2021-05-04"):
    return process_document(Document(doc_id="t", text=text, published=published)).events


# --------------------------------------------------------------------------- types from the main clause
@pytest.mark.parametrize("text, event_type, mode", [
    # a trigger in a relative clause does not type the sentence (issue 18's Montenegro example)
    ("Armenia lifted a night curfew in Yerevan where 28 people have been killed in riots this year.", "CONCEDE", "done"),
    # modes: an intended cooperative act is an AGREE, an intended blow a THREATEN, a refusal a REJECT
    ("Armenia said it would send aid to Azerbaijan.", "AGREE", "intend"),
    ("Azerbaijan said on Monday it would boycott all official contacts with Armenia.", "THREATEN", "intend"),
    ("Georgia says it will not accept any more refugees.", "REJECT", "negated"),
    ("The Armenian army prepared to resume shelling Azerbaijani positions.", "MOBILIZE", "prepare"),
    ("Turkey threatened to break relations with Armenia unless it withdrew its troops.", "THREATEN", "threaten"),
    # a demand: a modal of obligation in what was said
    ("The French foreign minister said Armenia and Azerbaijan must reach an agreement.", "REQUEST", "obligate"),
    # PLOVER categories the old lexicon lacked
    ("Georgia released 30 prisoners on Friday.", "RETREAT", "done"),
    ("Armenia has eased emergency measures in the border districts.", "CONCEDE", "done"),
    ("Azerbaijan has opened an investigation into the shelling of Ganja.", "ACCUSE", "done"),
    ("Peru has granted diplomatic asylum to five officers.", "AID", "done"),
])
def test_type_and_mode_of_the_main_predicate(text, event_type, mode):
    e = _first(text)
    assert (e.event_type, e.event_mode) == (event_type, mode)


def test_a_scheduled_meeting_is_a_plan_to_meet_and_a_conditional_one_an_offer():
    # PLOVER (CONSULT, potential ambiguities): a future meeting is coded AGREE; its mode says it is planned
    e = _first("Nikol Pashinyan and Ilham Aliyev will meet in Prague on 6 October 2022.", "2022-10-01")
    assert (e.event_type, e.event_mode) == ("AGREE", "plan")
    e = _first("Armenia said it would meet Azerbaijan's envoy if he dropped his conditions.")
    assert (e.event_type, e.event_mode) == ("AGREE", "intend")


def test_undated_deed_is_anchored_to_the_article_date_whatever_its_actors():
    """Countries only, no date words: still an event on the DCT (issue 18: 'Bosnia and Slovenia agreed ...')."""
    (e,) = _events("Bosnia and Herzegovina and Slovenia agreed to a ceasefire.", "1992-05-02")
    assert (e.date_text, e.date_value, e.event_type) == ("", "1992-05-02", "AGREE")
    assert (e.actor1_country, e.event_mode) == ("BIH", "done")


def test_present_tense_analysis_is_not_an_undated_event():
    assert _events("Turkey and Russia occupy contrary positions in a whole range of regions.") == []


# --------------------------------------------------------------------------- roles
def test_roles_of_an_active_sentence():
    e = _first("Armenian forces shelled the Azerbaijani town of Tartar on Sunday.", "2020-10-05")
    assert (e.actor1_country, e.actor2_country, e.event_type) == ("ARM", "AZE", "ASSAULT")


def test_passive_voice_puts_the_by_agent_first():
    e = _first("A refugee camp in Azerbaijan was attacked by Armenian militiamen.")
    assert (e.actor1, e.actor1_country, e.actor2_country) == ("Armenia", "ARM", "AZE")


def test_speaker_of_a_demand_is_the_actor_and_the_addressee_the_target():
    e = _first("Turkey said Armenia must withdraw its troops from the region.")
    assert (e.event_type, e.actor1_country, e.actor2_country) == ("REQUEST", "TUR", "ARM")


def test_a_speaker_saying_another_actor_attacked_accuses_them():
    """Issue 18: 'Abdel Fattah al-Burhan attacked army positions' was his accusation of the RSF."""
    text = ("Sudan's army chief Abdel Fattah al-Burhan said on Sunday the Rapid Support Forces (RSF) had attacked "
            "army positions in Khartoum.")
    e = _first(text, "2023-04-16")
    assert (e.event_type, e.actor1, e.actor2) == ("ACCUSE", "Abdel Fattah al-Burhan", "Rapid Support Forces")
    assert e.headline.startswith("Abdel Fattah al-Burhan said") and "attacked" in e.headline


def test_a_trailing_source_is_not_the_actor():
    e = _first("Azerbaijani troops captured the town of Shusha on Sunday, the defence ministry in Baku said.", "2020-11-09")
    assert (e.actor1_country, e.event_type) == ("AZE", "ASSAULT")
    assert not e.headline.lower().startswith("the defence ministry")


def test_new_columns_close_the_contract():
    roles = ["event_mode", "actor1", "actor1_country", "actor2", "actor2_country"]
    start = COLUMNS.index("event_mode")  # added after the contract's columns, together and in this order
    assert list(COLUMNS[start:start + 5]) == roles and start > COLUMNS.index("cluster_id")
    assert EVENTS_SCHEMA.names[:len(COLUMNS)] == list(COLUMNS)


# --------------------------------------------------------------------------- headlines
def test_headline_names_the_agent_and_cuts_at_a_phrase_end_with_an_ellipsis():
    text = ("The Russian foreign minister Sergey Lavrov said the two Russian-Turkish energy projects had been completed "
            "ahead of schedule despite the pandemic and the sanctions imposed by the West on both countries.")
    for e in _events(text):
        assert e.headline.startswith("Sergey Lavrov said the two Russian-Turkish energy projects had been completed ahead of schedule")
        assert not e.headline.rstrip("…").split()[-1].lower() in {"had", "been", "and", "the", "of", "by"}, e.headline
        # cut before "and the sanctions imposed by the West ...": an ellipsis says the sentence goes on (issue 18)
        assert e.headline.endswith("…") and e.headline.count("…") == 1 and len(e.headline) <= HEADLINE_CHARS


def test_each_date_of_a_sentence_gets_its_own_verb():
    text = "Armenia and Azerbaijan signed the deal on 9 November 2020 and the ceasefire took effect on 10 November 2020."
    heads = {e.date_text: e.headline for e in _events(text, "2020-11-11")}
    assert set(heads) == {"9 November 2020", "10 November 2020"}


# --------------------------------------------------------------------------- actors nobody listed
def test_acronym_definitions_and_known_as_make_actors_of_the_article():
    text = ("The Rapid Support Forces (RSF) are led by Mohamed Hamdan Dagalo, known as Hemedti. "
            "The RSF said Hemedti was in Khartoum.")
    found = find_defined_names(text, find_mentions(text))
    got = {(m.text, m.kind, m.name) for m in found}
    assert ("Rapid Support Forces", "organisation", "Rapid Support Forces") in got
    assert ("RSF", "organisation", "Rapid Support Forces") in got
    assert ("Hemedti", "person", "Mohamed Hamdan Dagalo") in got
    assert sum(1 for m in found if m.text == "RSF") == 2


def test_an_acronym_that_does_not_spell_the_words_before_it_is_no_definition():
    text = "The talks (UN) were held in the Grand Hotel (GX) on Monday."
    assert [m for m in find_defined_names(text, []) if m.kind == "organisation"] == []


# --------------------------------------------------------------------------- clause reader and generated lexicon
@pytest.mark.parametrize("before, mode", [
    ("Syria says it is willing to ", "intend"), ("Syria says it will not ", "negated"), ("They must ", "obligate"),
    ("The army prepared to ", "prepare"), ("The party plans to ", "plan"), ("He threatened to ", "threaten"),
    ("The army ", "done"), ("If it is attacked, the army ", "done"),
])
def test_mode_before_a_predicate(before, mode):
    text = before + "withdraw"
    assert clauses.mode_before(text, 0, len(before), "withdraw") == mode


def test_mode_types_follow_plover_quads():
    assert clauses.typed_by_mode("AID", "intend") == "AGREE"
    assert clauses.typed_by_mode("SANCTION", "intend") == "THREATEN"
    assert clauses.typed_by_mode("AGREE", "negated") == "REJECT"
    assert clauses.typed_by_mode("ASSAULT", "negated") == "ASSAULT"
    assert clauses.typed_by_mode("MOBILIZE", "intend") == "MOBILIZE"


def test_generated_cameo_lexicon_matches_its_generator():
    run = subprocess.run([sys.executable, str(ROOT / "scripts" / "plover_from_cameo.py"), "--check"], capture_output=True,
                         text=True, cwd=ROOT, timeout=300)
    assert run.returncode == 0, run.stderr


def test_cameo_triggers_read_the_object():
    text = "The government sent aid to the region and sent a delegation to Baku."
    kinds = [(text[a:b], k) for a, b, k in find_cameo_triggers(text, 0, len(text))]
    assert kinds == [("sent aid", "AID"), ("sent a delegation", "CONSULT")]  # CAMEO 070, 042


_WORDS = st.lists(st.sampled_from(["Armenia", "said", "it", "would", "not", "attack", ",", "which", "killed", "after",
                                   "talks", "(", ")", "must", "the", "army", "according", "to", "officials", ".", "x"]),
                  max_size=30).map(" ".join)


@settings(max_examples=200, deadline=None)
@given(_WORDS)
def test_masks_and_cameo_spans_stay_inside_the_text(text):
    spans = clauses.masked_spans(text, 0, len(text), [])
    assert all(0 <= a <= b <= len(text) for a, b in spans) and spans == sorted(spans)
    found = find_cameo_triggers(text, 0, len(text))
    assert all(0 <= a < b <= len(text) for a, b, _ in found) and found == sorted(found)


def _typed_sentences():
    path = ROOT / "tests" / "data" / "event_types_en.tsv"
    return [line.rstrip("\n").split("\t") for line in path.read_text(encoding="utf-8").splitlines() if line and not line.startswith("#")]


def test_hand_written_sentences_of_every_type():
    """50 sentences written from PLOVER's definitions (development data: a regression floor, measured 0.94 / 0.98)."""
    rows = _typed_sentences()
    assert {t for t, _ in rows} == {"AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
                                    "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT"}
    got = [(_events(text) or [None])[0] for _, text in rows]
    right = sum(e is not None and e.event_type == t for (t, _), e in zip(rows, got))
    assert right / len(rows) >= 0.9
    assert sum(e is not None for e in got) / len(rows) >= 0.95


def test_hand_written_sentences_with_their_actors_country():
    """30 sentences with the acting country (development data: a floor; measured 0.93 types, 1.00 countries)."""
    path = ROOT / "tests" / "data" / "event_roles_en.tsv"
    rows = [line.split("\t") for line in path.read_text(encoding="utf-8").splitlines() if line and not line.startswith("#")]
    got = [(_events(text) or [None])[0] for _, _, text in rows]
    assert sum(e is not None and e.event_type == t for (t, _, _), e in zip(rows, got)) / len(rows) >= 0.85
    assert sum(e is not None and e.actor1_country == c for (_, c, _), e in zip(rows, got)) / len(rows) >= 0.9


def test_a_name_one_article_defines_is_an_actor_in_another():
    """Issue 18: the corpus shares what its articles define ("RSF" in an article that never spells it out)."""
    from pipeline.stages import share_defined_names

    first = process_document(Document(doc_id="a", text="The Rapid Support Forces (RSF) attacked Khartoum on Monday.", published="2023-04-17"))
    second = process_document(Document(doc_id="b", text="The RSF seized the airport on Tuesday.", published="2023-04-18"))
    assert not any(m.name == "Rapid Support Forces" for m in second.mentions)
    assert share_defined_names([first, second]) == [second]
    assert [(e.actor1, e.event_type) for e in second.events] == [("Rapid Support Forces", "COERCE")]
