"""Tests for the DCT evidence added after the held-out world2 measure (issue 22): multi-city datelines, lenders
that state their years, a year-less wire's year among several fitting ones, weekday-date pairs and relative
weekdays with the corpus. Made-up places (Norland, Sudvia, Ostburg, Westmark, Portville); every weekday checked
against the real calendar (Python's datetime) when written."""
from datetime import date

from pipeline.schema import Document
from pipeline.stages import borrow_years, process_document
from pipeline.stages.dct import _dateline, find_dct


def _build(*texts: str) -> dict[str, Document]:
    """Each text an article (ids a, b, c ...), run through the per-article stages, then the corpus step."""
    docs = [process_document(Document(doc_id=chr(97 + i), text=t)) for i, t in enumerate(texts)]
    borrow_years(docs)
    return {d.doc_id: d for d in docs}


def test_a_multi_city_dateline_is_a_dateline():
    text = "OSTBURG/PORTVILLE, Jan 12 (Nortag) - Norland's navy stopped a freighter, the ministry said."
    assert _dateline(text) == ("OSTBURG/PORTVILLE", "Jan 12 (Nortag) - Norland's navy stopped a freighter, the ministry said.")
    # with a weekday and a stated day of the week before, the year follows as for a one-city dateline
    assert date(2021, 1, 12).isoweekday() == 2
    wire = text.replace("said.", "said on Tuesday. Talks had failed on 5 January 2021.")
    assert find_dct(wire).value == "2021-01-12"


def test_a_history_day_resolved_by_another_article_lends_no_year():
    """The lender (2024) names 'the Oct. 7 attack' without a year: its year there is the lender's own guess. The
    wire naming the same attack must not take that year's October (before: 2024-10 from the history day)."""
    lender = ("Published: 8 October 2024\n\nA year after the Oct. 7 attack on Norland, Westmark's president laid a "
              "wreath in Ostburg as Norland's navy patrolled the strait.")
    wire = ("OSTBURG/PORTVILLE, Jan 12 (Nortag) - Norland's navy patrolled the strait again, its first patrol since "
            "the Oct. 7 attack on Norland, officials said.")
    got = _build(lender, wire)["b"]
    assert got.published is None or not got.published.startswith(("2024-10", "2025"))


def test_a_day_the_lender_states_with_its_year_still_lends():
    lender = ("Published: 3 December 2023\n\nNorland's navy seized a tanker in the strait on 19 November 2023, "
              "the Westmark coast guard said.")
    undated = "Norland's navy seized the tanker in the strait on Nov. 19, the Westmark coast guard said, and it is still held."
    got = _build(lender, undated)["b"]
    assert (got.published, got.published_basis) == ("2023-11", "corpus")


# A small corpus over several years: the strait story (Norland, Sudvia, Portville, Admiral Kessa) and others.
STRAIT_2022 = ("Published: 20 December 2022\n\nNorland's navy escorted two freighters towards Portville as Sudvia "
               "closed the strait, Admiral Kessa said. The Portville harbour master counted eleven ships waiting.")
STRAIT_2022B = ("Published: 28 November 2022\n\nSudvia's coast guard stopped a Norland freighter near Portville; "
                "Admiral Kessa called the move piracy.")
STRAIT_2023 = ("Published: 20 December 2023\n\nNorland's navy escorted two freighters towards Portville as Sudvia "
               "closed the strait, Admiral Kessa said. The Portville harbour master counted eleven ships waiting.")
RAIL_2021 = "Published: 3 February 2021\n\nWestmark opened a new railway line to the coast at Ostburg."
BUDGET_2024 = "Published: 2 March 2024\n\nEastmark's parliament passed the budget, the speaker Olvan said."
# 25 December: a Saturday in 2021, a Sunday in 2022, a Monday in 2023: "on Saturday ... said Monday" fits all three
WIRE_DEC_25 = ("PORTVILLE, Dec 25 (Nortag) - A Norland freighter reached Portville on Saturday after Sudvia "
               "reopened the strait, and Admiral Kessa said Monday the escorts would go on.")


def test_several_fitting_years_the_most_similar_dated_articles_choose():
    docs = _build(RAIL_2021, STRAIT_2022, STRAIT_2022B, BUDGET_2024, WIRE_DEC_25)
    wire = docs["e"]
    assert (wire.published, wire.published_inferred, wire.published_basis) == ("2022-12-25", True, "corpus")
    assert "most like it" in wire.dct_note


def test_the_latest_full_date_and_the_similar_articles_disagree_no_date():
    wire = WIRE_DEC_25.replace("go on.", "go on. Sudvia had closed the strait on 20 November 2022.")
    docs = _build(RAIL_2021, STRAIT_2023, BUDGET_2024, STRAIT_2023.replace("two", "three"), wire)
    assert docs["e"].published is None and "conflicting evidence" in docs["e"].dct_note


def test_nothing_similar_leaves_several_years_undated():
    docs = _build(RAIL_2021, BUDGET_2024, STRAIT_2022.replace("Norland", "Farland").replace("Portville", "Dunholm")
                  .replace("Sudvia", "Lorna").replace("Kessa", "Brun"), WIRE_DEC_25)
    assert docs["d"].published is None


def test_a_yearless_dateline_without_weekday_takes_the_year_of_its_similar_articles():
    """Only a history year ('since 1999') in the text: the day of the dateline in the year its story's dated
    articles are from (21 November 2022, between their 28 November and 20 December)."""
    wire = ("PORTVILLE, Nov 21 (Nortag) - Sudvia's coast guard boarded a Norland freighter off Portville, the first "
            "boarding since 1999, and Admiral Kessa protested.")
    docs = _build(RAIL_2021, STRAIT_2022, STRAIT_2022B, BUDGET_2024, wire)
    assert (docs["e"].published, docs["e"].published_basis) == ("2022-11-21", "corpus")


def test_a_weekday_date_pair_fixes_the_year_within_the_corpus_span():
    """26 January was a Sunday in 2020 and 2025 only; the corpus spans 2024-2025 (2023-2026 with its margin):
    2025. The lead's 'ce lundi' is the day after: the article's day."""
    assert date(2025, 1, 26).isoweekday() == 7 and date(2025, 1, 27).isoweekday() == 1
    text = ("Portville reste sous tension\n\nLes habitants de Portville ont voté dimanche 26 janvier pour l'accord "
            "avec Sudvia. Ce lundi, le maire a salué une participation record.")
    stated = ["Publié le 10/12/2024\n\nLe port d'Ostburg a rouvert après la tempête.",
              "Publié le 14/03/2025\n\nLe parlement de Westmark a voté le budget."]
    docs = _build(*stated, text)
    assert (docs["c"].published, docs["c"].published_basis) == ("2025-01-27", "corpus")


def test_an_op_ed_with_only_relative_weekdays_takes_the_month_of_its_latest_date():
    oped = ("Opinion | The strait needs a referee\n\nLast Sunday, Norland's navy and Sudvia's coast guard came "
            "within metres of each other off Portville. On Friday, Admiral Kessa called for talks. "
            + "Neither side wants a war, and neither will say so first. " * 10
            + "The boarding of 12 December 2022 was warning enough.")  # beyond the lead: the text alone gives no month
    docs = _build(RAIL_2021, STRAIT_2022, BUDGET_2024, oped)
    assert (docs["d"].published, docs["d"].published_basis) == ("2022-12", "corpus")
    assert "latest full date" in docs["d"].dct_note


def test_a_weekday_told_in_the_future_does_not_fix_a_datelines_year():
    """8 March was a Wednesday in 2023: 'will fly ... on Wednesday' is after the news day, so it says nothing of
    the dateline's year (before: 2023-03-08); the day follows the latest date stated, in 2022."""
    wire = ("OSTBURG, March 8 (Nortag) - Sudvia closed the port after talks failed on 2 February 2022, and its "
            "envoy will fly to Norland on Wednesday.")
    assert find_dct(wire).value == "2022-03-08"
    said = wire.replace("will fly to Norland on Wednesday", "flew to Norland on Tuesday")  # 8 March 2022: a Tuesday
    assert find_dct(said).value == "2022-03-08"


def test_a_year_a_lender_only_inferred_lends_nothing_but_still_conflicts():
    """B (March 2025) resolves its year-less "Nov. 19" to 2024 itself, months back: no loan from it, yet against
    A's stated 2023 it makes the loan a conflict (the undated article stays undated rather than take either)."""
    a = ("Published: 3 December 2023\n\nNorland's navy seized a tanker in the strait on 19 November 2023, "
         "the Westmark coast guard said.")
    b = ("Published: 1 March 2025\n\nNorland's navy seized a tanker in the strait on Nov. 19, "
         "the Westmark coast guard said, a year of patrols later.")
    undated = "Norland's navy seized the tanker in the strait on Nov. 19, the Westmark coast guard said."
    assert _build(b, undated)["b"].published is None  # B alone lends nothing
    assert _build(a, b, undated)["c"].published is None


def test_a_lent_month_is_refined_by_weekday_date_pairs_that_hold_in_its_year():
    """The lending gives 2023-07 (the coup of 26 July, dated by the lender); 'dimanche 30 juillet' holds in 2023
    and the bare 'lundi' is the day after: 31 July 2023 (before: the month only)."""
    assert date(2023, 7, 30).isoweekday() == 7
    lender = ("Publié le 02/08/2023\n\nLe coup d'Etat du 26 juillet 2023 à Portville a renversé le président "
              "Olvan, a confirmé la garde présidentielle.")
    text = ("Portville sous pression\n\nLa garde qui a renversé le président Olvan le 26 juillet à Portville a été "
            "sommée dimanche 30 juillet de rendre le pouvoir. Des partisans de la junte ont manifesté dimanche. "
            "Ce lundi, la junte a refusé.")
    docs = _build(lender, text)
    assert (docs["b"].published, docs["b"].published_basis) == ("2023-07-31", "corpus")


def test_a_bare_weekday_does_not_move_the_day_past_a_weekday_date_pair():
    """'on Saturday' may be the day before Sunday 26 January as well as six days after: the pair's day stays."""
    assert date(2025, 1, 26).isoweekday() == 7
    text = ("Portville votes on the accord\n\nVoters in Portville backed the accord with Sudvia on Sunday, January 26, "
            "after a last rally on Saturday.")
    stated = ["Published: 10 December 2024\n\nOstburg's harbour reopened after the storm.",
              "Published: 14 March 2025\n\nWestmark's parliament passed the budget."]
    docs = _build(*stated, text)
    assert (docs["c"].published, docs["c"].published_basis) == ("2025-01-26", "corpus")
