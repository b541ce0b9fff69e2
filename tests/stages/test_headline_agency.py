"""Headlines of agency copy (issue 18, seventh round: failures read in the seed 6767 and 3131 draws, docs/events.md).
Expected lines written by hand for made-up articles; six of the ten failed on the round's starting code (9b616fb)."""
import pytest

from pipeline.schema import Document
from pipeline.stages import process_document
from pipeline.stages.headline_text import _blank_lead


def _lines(text):
    doc = process_document(Document(doc_id="t_en", text="Title line\n\n" + text + "\n", published="2024-03-04"))
    return {e.date_text: e.headline for e in doc.events}


@pytest.mark.parametrize("text, line", [
    # a dateline whose date was blanked ("KYIV, March 4 (Reuters) -" read "Russia: KYIV, Reuters - ...")
    ("ZENDA, March 4 (Reuters) - Ruritanian drones struck port infrastructure in the Zenda region on Monday.",
     "Ruritanian drones struck port infrastructure in the Zenda region"),
    ("STRELSAU, June 17 (Xinhua) -- The Ruritanian Coast Guard on Monday took control measures against fishing boats.",
     "Ruritanian Coast Guard took control measures against fishing boats"),
    # a mixed-case place, no dash after the agency (PTI)
    ("Zenda, Nov 17 (PTI) Two people were killed as fresh violence broke out in the district on Saturday, officials said.",
     "Two people were killed"),
])
def test_a_wire_dateline_is_no_part_of_the_line(text, line):
    assert list(_lines(text).values())[0] == line


def test_a_place_in_brackets_before_the_agency_is_header_too():
    local = "Zenda (Ruritania) (AFP) – Rebels pushed into the outskirts of Zenda on Sunday."
    assert _blank_lead(local).strip() == "Rebels pushed into the outskirts of Zenda on Sunday."


def test_a_participle_after_and_hangs_on_the_main_verb():
    lines = _lines("Ruritanian drones struck port infrastructure overnight, damaging two grain silos and wounding three dock "
                   "workers, regional governor Karl Heller said on Tuesday.")
    assert lines["Tuesday"] == "Ruritanian drones wounded three dock workers"  # was "Ruritanian drones wounding three dock workers"


@pytest.mark.parametrize("text, line", [
    ("The junta on Friday also ordered the ambassadors of Ruritania, the United States and Freedonia to leave.",
     "The junta also ordered the ambassadors of Ruritania, the United States and Freedonia to leave"),
    ("On Monday the talks in Zenda, which Ruritania hosted, and Strelsau failed.", "The talks in Zenda and Strelsau failed"),
])
def test_a_list_of_names_is_one_phrase(text, line):
    assert list(_lines(text).values())[0] == line  # (was cut at the list's first comma: "... the ambassadors of Ruritania")


def test_an_adjunct_between_the_reporting_verb_and_that_gives_way_to_what_was_said():
    lines = _lines('Rebel military spokesman Karl Heller said in a televised address on Thursday that the group had fired a '
                   '"number of missiles and drones" at the vessel because its owner had violated a ban.')
    assert lines["Thursday"] == "Rebel military spokesman Karl Heller said the group had fired a number of missiles and drones"


def test_a_long_title_gives_way_when_the_line_would_be_cut():
    lines = _lines("Coast Guard Petty Officer Karl Heller in Zenda said Friday morning that an 87-foot Coast Guard cutter "
                   "patrolling the area has not reported any signs of leaks.")
    assert lines["Friday morning"] == "Karl Heller said an 87-foot Coast Guard cutter patrolling the area has not reported any signs of leaks"


def test_an_opening_participle_adjective_is_no_predicate():
    lines = _lines("Retired Coast Guard admiral Karl Heller said the last bit of pipe needed for the process would be put "
                   "in place on Tuesday.")
    # (was the trigger "Retired" and its clause: "Retired Coast Guard admiral Karl Heller said the last bit of pipe needed…")
    assert lines["Tuesday"] == "Retired Coast Guard admiral Karl Heller said the last bit of pipe needed for the process would be put in place"


def test_a_focus_aside_is_no_part_of_what_was_said():
    lines = _lines('"The daily toll on civilians in Zenda, particularly on children, is far too high," Karl Heller told '
                   'reporters on Tuesday.')
    assert lines["Tuesday"] == "Karl Heller: The daily toll on civilians in Zenda is far too high"


def test_a_she_speaker_after_a_quote_is_the_name_in_an_appositive_before():
    lines = _lines("The top humanitarian official in Ruritania, Maria Weiss-Amani, condemned the attack. "
                   '"Camps are not battlefields," she said in a statement on Saturday.')
    assert lines["Saturday"] == "Maria Weiss-Amani: Camps are not battlefields"  # was "Camps are not battlefields, she said in a statement"


def test_a_quote_sentence_gets_its_paragraphs_speaker():
    lines = _lines('"Tens of thousands of civilians have been forced to flee," Karl Heller said on Friday. "Once again, '
                   'villagers are being killed on 2 May, and their property destroyed."')
    assert lines["2 May"] == "Karl Heller: Villagers are being killed"  # was "Villagers are being killed": a fact, no speaker


def test_a_noun_trigger_after_an_adjective_starts_at_its_verb_and_the_phrase_before_to():
    lines = _lines("The Ruritanian Security Council is due to hold an emergency meeting on Monday at the request of Freedonia.")
    # was "Ruritania meeting at the request of Freedonia"
    assert lines["Monday"] == "Ruritanian Security Council is due to hold an emergency meeting at the request of Freedonia"


def test_what_a_past_verb_turned_into_and_a_bare_plural_after_a_clause_opener():
    lines = _lines("Ruritania plunged into chaos in April 2023 when simmering tensions between the army and the Zenda Guard "
                   "exploded into open fighting in the capital.")
    # was "Ruritania open fighting in the capital" ("open" read as a verb)
    assert lines["April 2023"] == "Simmering tensions between the army and the Zenda Guard exploded into open fighting in the capital"


def test_a_second_verb_after_and_gets_the_line_when_both_do_not_fit():
    lines = _lines('On Monday the President told the officers that they were embarking on "a mission of humanity" and urged '
                   "them to uphold the highest standards of discipline.")
    # was "President told the officers that they were embarking on a mission of humanity and urged them…"; the seventh
    # round's line "President urged them to uphold ..." is rebuilt ("President urged" does not stand in the sentence), so
    # since the eighth round the sentence's own line is the headline (both read right in seed 6767, docs/events.md)
    assert lines["Monday"] == 'The President told the officers that they were embarking on "a mission of humanity"…'


def test_a_focus_aside_after_a_clause_with_its_verb_keeps_the_clause_boundary():
    lines = _lines("However, as reactionary forces began more organised protests, particularly against opera and theater, "
                   "tensions around artistic freedom became heightened in 1905.")
    assert "tensions" not in lines["1905"].split()[:6]  # (not "... organised protests tensions around ...")


def test_a_second_verb_inside_what_was_said_is_no_speakers_verb():
    lines = _lines("Prosecutors said on Monday that the care of the star had been bizarre and left the star's children fatherless.")
    assert lines["Monday"].startswith("Prosecutors said")  # (not "Prosecutors left the star's children fatherless")


def test_a_title_with_is_in_an_appositive_leaves_the_subject():
    lines = _lines("Karl Heller, director of the planned This is It series of concerts, was also named as a defendant on Monday.")
    assert lines["Monday"] == "Karl Heller was also named as a defendant"  # was "Was also named as a defendant"


def test_a_relative_clauses_verb_gets_the_noun_before_it():
    lines = _lines("Once the crew recognized the influx on 20 April, there were several options that might have prevented "
                   "or delayed the explosion.")
    assert lines["20 April"] == "Several options might have prevented or delayed the explosion"  # was "Might have prevented ..."


def test_a_passive_told_by_its_source_keeps_the_source():
    lines = _lines("The Zenda Maritime Trade Operations (ZMTO) agency said on Monday the tanker had been hit by three "
                   "projectiles off the port of Strelsau.")
    # was "Ruritania hit by three projectiles ..." (a country of the source's name as the agent)
    assert lines["Monday"] == "Zenda Maritime Trade Operations agency said the tanker had been hit by three projectiles off the port of Strelsau"


def test_an_adverb_left_by_a_blanked_time_and_a_bracket_inside_a_name():
    assert list(_lines("Explosions were heard in and around Zenda shortly after 2am local time.").values()) == \
        ["Explosions were heard in and around Zenda"]  # was "... Zenda shortly"
    assert list(_lines("The Centre on Thursday reimposed the Armed Forces (Special Powers) Act in six districts.").values()) == \
        ["The Centre reimposed the Armed Forces (Special Powers) Act in six districts"]  # was "... Special Powers"; eighth round: as written


def test_he_is_the_sentence_befores_speaker_not_a_name_in_what_was_told():
    lines = _lines("Palace spokesman Karl Heller told reporters on Monday that President Rudolf Rassendyll was receiving "
                   "regular reports. He declined to comment on the timing on Tuesday.")
    assert lines["Tuesday"] == "Karl Heller declined to comment on the timing"  # was "Rudolf Rassendyll declined ..."
