"""Tests for issue 22 round 6: what an article's own stated years say of its year (pipeline.stages.dct_relations,
used by dct_near), and the other fixes of the round in dct_header (a numeric header date read either way),
dct_years (an everyday preposition opening no span; a bare planned year), dct (a named happening of the
article's own week) and dct_span (one other story's day is no conflict). Texts written here with made-up places
(Norland, Sudvia, Ostburg, Westmark); weekdays checked against the real calendar."""
from datetime import date

from pipeline.schema import Document
from pipeline.stages import borrow_years, process_document
from pipeline.stages.dct import find_dct, find_dct_noted
from pipeline.stages.dct_header import find_header_date
from pipeline.stages.dct_relations import RECENT_YEARS, related_years, text_choice


def _build(*texts: str) -> dict[str, Document]:
    docs = [process_document(Document(doc_id=chr(97 + i), text=t)) for i, t in enumerate(texts)]
    borrow_years(docs)
    return {d.doc_id: d for d in docs}


STATED_2022 = "Published: 3 February 2022\n\nWestmark opened a new railway line to the coast."
STATED_2023 = "Published: 2 March 2023\n\nWestmark's parliament passed the budget, the speaker said."
# 8 March 2022 was a Tuesday, 8 March 2023 a Wednesday: "said Tuesday" fits both (the same day, or the day after)
WIRE_MARCH_8 = "OSTBURG, March 8 (Nortag) - Sudvia will freeze the assets of 32 officials, the government said Tuesday."


def test_next_years_election_in_a_stated_year_chooses_between_two_fitting_years():
    wire = _build(STATED_2022, STATED_2023,
                  WIRE_MARCH_8 + " The move could bar the opposition from next year's election in 2024.")["c"]
    assert (wire.published, wire.published_basis, wire.published_inferred) == ("2023-03-08", "corpus", True)
    assert "next year" in wire.dct_note and "2023" in wire.dct_note


def test_last_year_beside_a_year_of_no_fitting_year_is_conflicting_evidence_and_no_date():
    """'last year ... in 2015' relates to 2016, which the weekdays do not fit: no date, never 2022 or 2023."""
    wire = _build(STATED_2022, STATED_2023,
                  WIRE_MARCH_8 + " Seizures hit a record last year, up from 300 in 2015.")["c"]
    assert wire.published is None and "conflicting evidence" in wire.dct_note and "2016" in wire.dct_note


def test_the_only_fitting_year_within_a_couple_of_years_of_the_latest_stated_one_is_taken():
    wire = _build(STATED_2022, STATED_2023, WIRE_MARCH_8 + " President Vel, who won the 2020 election, agreed.")["c"]
    assert wire.published == "2022-03-08" and "2020" in wire.dct_note


def test_two_fitting_years_within_a_couple_of_years_of_the_latest_stated_one_leave_no_date():
    wire = _build(STATED_2022, STATED_2023, WIRE_MARCH_8 + " President Vel, who won the 2021 election, agreed.")["c"]
    assert wire.published is None and "2022, 2023" in wire.dct_note


def _days(*years: int) -> dict:
    return {y: date(y, 3, 8) for y in years}


def test_text_choice_directly():
    text = "Norland's vote, set for next year in 2025, was moved."
    assert text_choice(_days(2023, 2024), text, "en")[0] == 2024
    assert text_choice(_days(2024), text, "en") == (None, "")  # one fitting year needs no choice
    later = "President Vel won the 2019 election. Talks resumed."
    assert text_choice(_days(2020, 2025), later, "en")[0] == 2020
    # the corpus has no stated article within six months of 8 March 2020: the latest-year rule takes nothing
    assert text_choice(_days(2020, 2025), later, "en", stated_months={"2019-01", "2024-05"})[0] is None
    assert text_choice(_days(2020, 2025), later, "en", stated_months={"2019-01", "2020-08"})[0] == 2020
    assert text_choice(_days(2023, 2024), later, "en")[0] is None  # none within RECENT_YEARS
    assert RECENT_YEARS == 2


def test_related_years_in_other_languages():
    assert related_years("Le pays a voté en 2020. L'an dernier, les prix ont doublé.", "fr") == {}  # another sentence
    assert 2024 in related_years("Niamey a fêté le premier anniversaire du coup d'Etat du 26 juillet 2023.", "fr")
    assert 2022 in related_years("Asumió el cargo en julio del año pasado tras la segunda vuelta de junio de 2021.", "es")
    assert 2024 in related_years("Sudvia hat im vergangenen Jahr, im Juli 2023, gewählt.", "de")


def test_a_numeric_header_date_is_read_the_way_the_reported_days_allow():
    text = ("Issued on: 07/01/2022 - 11:26\n\nNorland's president said on Friday that order was restored, "
            "after the strike that began on 2 January in Westmark.")
    guess = find_header_date(text)
    assert guess.value == "2022-01-07"  # (dct_numeric reads it so first: "2 January" is in the weeks before it)
    july = "Issued on: 07/01/2022 - 11:26\n\nNorland's president said on Friday the strike of June 28 was over."
    assert find_header_date(july).value == "2022-07-01"
    alone = "Issued on: 07/01/2022 - 11:26\n\nNorland's president said on Friday the strike was over."
    assert find_header_date(alone).value == "2022-07-01"  # nothing to read it by: the language's order


def test_an_everyday_preposition_before_a_date_opens_no_span():
    """'la segunda vuelta de junio de 2021' is the text's own recent past, not history: it anchors the weekday."""
    text = ("Ostburgo, 7 dic (EFE).- El Parlamento de Norlandia destituyó este miércoles al presidente, que ganó "
            "la segunda vuelta de junio de 2021.")
    assert find_dct(text, "es").value == "2022-12-07"  # 7 December 2022 was a Wednesday
    span = "Ostburgo, 7 dic (EFE).- El Parlamento recordó este miércoles la guerra de 1992 a 1994."
    assert find_dct(span, "es") is None  # "de 1992 a 1994" still closes a span: history fixes no year


def test_a_bare_year_told_as_planned_never_dates_a_year_less_dateline():
    text = ("OSTBURG, Jan 6 (Nortag) - Troops arrived in Sudvia, whose former leader ruled the country from "
            "independence in 1991 until 2019.")
    assert find_dct(text) is None  # 'until' reads as future: it had given 1990-01-06


def test_a_named_happening_of_the_articles_own_week_gives_its_month():
    """An op-ed with no date: 'Last Saturday' and 'the January 13, 2024 election' (a Saturday)."""
    oped = ("Last Saturday, Norland's voters returned the governing party. Sudvia had warned that the January 13, "
            "2024 election was a choice between war and peace. On Monday, Westmark recognised the result.")
    guess, _ = find_dct_noted(oped)
    assert (guess.value, guess.basis, guess.inferred) == ("2024-01", "weekday", True)
    other_day = oped.replace("Last Saturday", "Last Sunday")
    assert find_dct_noted(other_day)[0] is None  # the happening is not of the week the text speaks of
    year_end = ("Last Saturday, Norland's voters returned the governing party. Sudvia had warned that the "
                "December 30, 2023 election was a choice between war and peace.")  # a Saturday: the week runs into 2024
    assert find_dct_noted(year_end)[0] is None


def test_one_other_story_on_the_same_calendar_day_is_no_conflict():
    """The weekday fits 2023 alone (14 March 2023, a Tuesday); a 2024 article of another story names 14 March."""
    other = "Published: 20 March 2024\n\nWestmark's harbour reopened on 14 March 2024."
    wire = "OSTBURG, March 14 (Nortag) - Sudvia reopened the border crossing on Tuesday, the ministry said."
    assert _build(STATED_2023, other, wire)["c"].published == "2023-03-14"


def test_last_weekday_of_the_latest_full_date_anywhere_gives_its_month():
    """'Last Saturday' names the week before the article; the latest full date the text states, far past the
    lead, is that Saturday (13 January 2024): the article is of the week after it, so its month."""
    filler = "Sudvia's parties argued about the budget and the harbour for weeks. " * 10
    oped = ("Last Saturday, Norland's voters returned the governing party. " + filler +
            "The count that ended on January 13, 2024 in Ostburg was calm.")
    guess, _ = find_dct_noted(oped)
    assert (guess.value, guess.basis) == ("2024-01", "weekday")
    plain = oped.replace("Last Saturday", "On Saturday")  # a bare weekday may be any of the last seven days
    assert find_dct_noted(plain)[0] is None
    german = ("Am vergangenen Sonntag haben die Norländer gewählt. " + "Die Parteien stritten lange. " * 20 +
              "Die Wahl vom 15. Oktober 2023 verlief ruhig.")
    assert find_dct_noted(german, "de")[0].value == "2023-10"


def test_a_single_similar_article_nearer_another_year_vetoes_the_texts_own_year():
    """'the only fitting year within two of the latest year it states' (a history year, 2019) gave 2020 for a wire
    whose one similar article (too few to vote) was published three days before the same day of 2025."""
    from datetime import date

    from pipeline.stages.dct_near import _choose
    candidates = {2020: date(2020, 5, 10), 2025: date(2025, 5, 10)}
    why = "the only fitting year within 2 of the latest year it states (2019)"
    year, note = _choose(candidates, [(0.15, date(2025, 5, 7))], None, (2020, why))
    assert year is None and "conflicting evidence" in note
    assert _choose(candidates, [(0.15, date(2020, 4, 30))], None, (2020, why))[0] == 2020
    assert _choose(candidates, [], None, (2020, why))[0] == 2020
