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
