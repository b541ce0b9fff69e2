"""Tests for pipeline.stages.dct_span: a year-less dateline's year from its weekdays within the corpus's span of
stated years, and the corpus's dates of the text's own days (issues 21, 22). Small corpora written here with
made-up places (Norland, Sudvia, Ostburg, Westmark); weekdays checked against the real calendar."""
from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.schema import Document
from pipeline.stages import borrow_years, process_document
from pipeline.stages.dct_span import (MARGIN_YEARS, SpanIndex, date_from_span, stated_span, wanted_days, weekday_years,
                                        year_less_dateline)


def _build(*texts: str) -> dict[str, Document]:
    """Each text an article (ids a, b, c ...), run through the per-article stages, then the corpus step."""
    docs = [process_document(Document(doc_id=chr(97 + i), text=t)) for i, t in enumerate(texts)]
    borrow_years(docs)
    return {d.doc_id: d for d in docs}


STATED_2023 = "Published: 2 March 2023\n\nNorland's parliament passed the budget, the speaker said."
STATED_2022 = "Published: 3 February 2022\n\nWestmark opened a new railway line to the coast."
# 14 March 2023 was a Tuesday; 14 March 2022 a Monday, 2024 a Thursday
WIRE_MARCH_14 = "OSTBURG, March 14 (Nortag) - Sudvia reopened the border crossing on Tuesday, the ministry said."
# 8 March 2022 was a Tuesday, 8 March 2023 a Wednesday: "said Tuesday" fits both (the same day, or the day before)
WIRE_MARCH_8 = ("OSTBURG, March 8 (Nortag) - Sudvia will freeze the assets of 32 more officials, the government "
                "said Tuesday. The move follows its decision on Feb. 26 to close the port.")


def test_a_wire_with_only_a_day_and_a_weekday_takes_the_year_the_corpus_allows():
    docs = _build(STATED_2023, WIRE_MARCH_14)
    wire = docs["b"]
    assert (wire.published, wire.published_inferred, wire.published_basis) == ("2023-03-14", True, "corpus")
    assert "2023" in wire.dct_note and wire.dct_text == "OSTBURG, March 14"
    # its relative words are resolved against the new date, and its event carries it
    assert any(t.text == "Tuesday" and t.value == "2023-03-14" for t in wire.timexes)
    assert any(e.date_start == "2023-03-14" for e in wire.events)
    assert docs["a"].published == "2023-03-02"  # the stated date never moves


def test_two_fitting_years_and_nothing_in_the_corpus_to_choose_leave_no_date():
    docs = _build(STATED_2022, STATED_2023, WIRE_MARCH_8)
    wire = docs["c"]
    assert wire.published is None and "2022, 2023" in wire.dct_note
    assert all(e.date_start is None for e in wire.events if e.date_text == "Tuesday")


def test_two_fitting_years_the_corpus_dates_two_of_the_texts_days_in_one():
    """The 2022 article reports 26 February and 8 March of 2022; nothing dates them in 2023. It shares no words
    with the wire around those days (as an article in another language would not), so only the days count."""
    lender = "Published: 10 March 2022\n\nThe harbour of Eastmark shut on 26 February 2022. Westmark protested on 8 March 2022."
    wire = _build(lender, STATED_2023, WIRE_MARCH_8)["c"]
    assert (wire.published, wire.published_basis) == ("2022-03-08", "corpus")
    assert "03-08, 02-26 in 2022" in wire.dct_note
    assert any(t.text == "Feb. 26" and t.value == "2022-02-26" for t in wire.timexes)


def test_one_backed_day_is_not_enough_to_choose_between_years():
    lender = "Published: 10 March 2022\n\nThe harbour of Eastmark shut on 26 February 2022."
    wire = _build(lender, STATED_2023, WIRE_MARCH_8)["c"]
    assert wire.published is None and "2022, 2023" in wire.dct_note


def test_the_only_fitting_year_is_refused_when_the_corpus_dates_the_texts_days_in_another():
    """The weekday fits 2023 alone, but the only articles reporting 14 March and 1 March date them in 2024."""
    other = "Published: 20 March 2024\n\nEastmark's harbour reopened on 14 March 2024; its dockers had struck from 1 March 2024."
    wire = _build(STATED_2023, other, WIRE_MARCH_14 + " Talks had begun on March 1.")["c"]
    assert wire.published is None and "conflicting evidence" in wire.dct_note and "2024" in wire.dct_note


def test_no_stated_article_no_span_no_date():
    docs = _build(WIRE_MARCH_14)
    assert docs["a"].published is None


def test_the_span_is_the_stated_years_widened_and_inferred_years_do_not_count():
    docs = [Document(doc_id="a", text="", published="2021-05-02"), Document(doc_id="b", text="", published="2023-01"),
            Document(doc_id="c", text="", published="2030-01-01", published_inferred=True),
            Document(doc_id="d", text="", published="2040")]
    assert stated_span(docs) == range(2021 - MARGIN_YEARS, 2023 + MARGIN_YEARS + 1)
    assert stated_span(docs[2:]) is None


def test_the_paragraph_weekday_may_be_the_day_before_the_dateline():
    """'в воскресенье' in a story datelined 15 марта: 15 March 2021 was a Monday, 2020 a Sunday."""
    line = year_less_dateline("Норландия и Судвия договорились\n\nОстбург, 15 марта (ТАСС) - Норландия и Судвия "
                              "договорились в воскресенье создать совместную комиссию.", "ru")
    assert (line.month, line.day, set(line.weekdays), line.own) == (3, 15, {7}, False)
    assert weekday_years(line, range(2020, 2022)) == {2020: 0, 2021: 1}


@pytest.mark.parametrize("text", [
    # a day after other words in the dateline: a correction's day, not the dateline's
    "OSTBURG, Norl. -- In a story Nov. 21, the agency reported that flood victims had until Monday to file claims.",
    # a photo credit with its day, not a dateline
    "Norland caps the well\n\nAP July 12: The new cap is lowered over the well.\n\nThe valves were shut Tuesday.",
    # the only weekday is told in the future: not the day of the news
    "OSTBURG, Nov. 21 (Reuters) - Flood victims in Norland have until Wednesday to file claims.",
])
def test_no_dateline_day_to_date_from_the_span(text):
    assert year_less_dateline(text) is None


# ---- properties

MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December"]


@given(st.dates(date(2005, 1, 2), date(2030, 12, 28)).filter(lambda d: 2 <= d.day <= 28),
       st.integers(2000, 2035), st.booleans())
@settings(max_examples=25, deadline=None)
def test_an_unrelated_article_of_another_year_never_changes_a_year_the_text_fixes(day, other_year, header):
    """Adding an article of another year (unrelated words, the same day-month) never changes the date of an
    article whose own text fixes its year (a header, or a dateline checked by its weekday and a stated day),
    and never gives a year-less wire dated by the corpus a different year (it may lose it: then ambiguous)."""
    if other_year == day.year:
        other_year += 1
    month, weekday = MONTHS[day.month - 1], day.strftime("%A")
    if header:
        own = (f"Published: {day.day} {month} {day.year}\n\nNorland and Sudvia reopened the border on {day.day} "
               f"{month} {day.year}, closed since 1 {month} {day.year}.")
    else:
        own = (f"OSTBURG, {month} {day.day} (Nortag) - Norland and Sudvia reopened the border on {weekday}, the "
               f"ministry said. Talks began on 1 {month} {day.year}.")
    wire = (f"WESTPORT, {month} {day.day} (Nortag) - Westmark lifted the curfew on {weekday}, the police said. "
            f"It had been imposed on {month} 1.")
    unrelated = (f"Published: {day.day} {month} {other_year}\n\nA storm hit the coast of Sudvia on {month} "
                 f"{day.day}, {other_year}, flooding the farms of the delta.")
    alone = _build(own, wire)
    fixed = process_document(Document(doc_id="x", text=own)).published  # what the text alone gives
    with_other = _build(own, wire, unrelated)
    if fixed:
        assert alone["a"].published == with_other["a"].published == fixed
    if alone["b"].published:
        assert with_other["b"].published in (alone["b"].published, None)
    if header:  # the header's two days back the wire's year among those its weekday fits
        assert alone["b"].published == day.isoformat()


def test_stated_articles_indexed_a_batch_at_a_time_give_the_same_dates():
    """The streamed build indexes the stated articles a spill file at a time (`SpanIndex.add`): the same dates
    and notes as over the whole corpus."""
    lender = "Published: 10 March 2022\n\nThe harbour of Eastmark shut on 26 February 2022. Westmark protested on 8 March 2022."

    def corpus():
        return [process_document(Document(doc_id=chr(97 + i), text=t))
                for i, t in enumerate((lender, STATED_2023, WIRE_MARCH_8, WIRE_MARCH_14))]

    whole = corpus()
    expected = [(d.doc_id, d.published, d.dct_note) for d in date_from_span(whole)]
    assert [e[:2] for e in expected] == [("c", "2022-03-08"), ("d", "2023-03-14")]
    docs = corpus()
    undated = [d for d in docs if not d.published]
    stated = SpanIndex(wanted_days(undated))
    for batch in (docs[:1], docs[1:2]):
        stated.add(batch)
    assert [(d.doc_id, d.published, d.dct_note) for d in date_from_span(undated, stated)] == expected
