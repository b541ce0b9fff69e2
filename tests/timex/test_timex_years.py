"""A year-less date takes the year stated right after it (pipeline/timex/years.py; issue 23, salience23d).

Hand-annotated: each case is the kind of sentence that put a mention in the wrong year in the error analysis
of docs/salience.md (the article's year had been used); the expected values are read off the sentence."""
from __future__ import annotations

import pytest

from pipeline.timex import find_timexes


def _values(text: str, dct: str) -> dict[str, str]:
    return {t.text: t.value for t in find_timexes(text, dct)}


@pytest.mark.parametrize("text, dct, expected", [
    # a range or coordination writes its year once, at its end
    ("He is accused of sending the document between April 16 and May 28 2004.", "2005-11-23",
     {"April 16": "2004-04-16", "May 28 2004": "2004-05-28"}),
    ("It was sent some time between 16 April and 28 May 2004, the charge says.", "2005-11-27",
     {"16 April": "2004-04-16", "28 May 2004": "2004-05-28"}),
    # a day range: the tail takes the year after it, the head takes it from the tail
    ("Between April 10 and 12 2003, when most of the thefts took place, the museum was a redoubt.", "2005-11-21",
     {"April 10": "2003-04-10", "12": "2003-04-12"}),
    # a range over New Year starts in the year before
    ("The museum was shut from December 20 to January 5 2004.", "2005-06-01",
     {"December 20": "2003-12-20", "January 5 2004": "2004-01-05"}),
    # a holiday and its year: "in 2003", "last year"
    ("His two attempts, both at Christmas in 2003, were cries for help.", "2005-02-04", {"Christmas": "2003-12-25"}),
    ("Her husband was killed on Valentine's Day last year in Baquba.", "2005-10-26", {"Valentine's Day": "2004-02-14"}),
    # a day before the month and a relative year (its day had been lost: "September last year", a month)
    ("He was arrested on 1 September last year and charged ten days ago.", "2005-11-27",
     {"1 September last year": "2004-09-01"}),
])
def test_a_yearless_date_takes_the_year_stated_after_it(text, dct, expected):
    values = _values(text, dct)
    for phrase, value in expected.items():
        assert values.get(phrase) == value, (phrase, values)


@pytest.mark.parametrize("text, dct, phrase, value", [
    # a year BEFORE the date is another event's: the date keeps the article's year
    ("The war began in 2003. On March 7 the minister published his advice.", "2005-04-28", "March 7", "2005-03-07"),
    # "last year's" belongs to the noun after it
    ("On Christmas Day last year's winner sang again.", "2005-12-28", "Christmas Day", "2005-12-25"),
    # words between the two dates that join no range: each keeps its own year
    ("Prices rose on March 7 and then fell back by June 2 2004.", "2005-04-28", "March 7", "2005-03-07"),
    # a holiday with its own deictic word is not year-less
    ("He spent last Christmas and the summer of 2003 abroad.", "2005-06-01", "last Christmas", "2004-12-25"),
])
def test_a_year_not_stated_for_the_date_is_not_shared(text, dct, phrase, value):
    assert _values(text, dct).get(phrase) == value


def test_a_language_without_cues_is_left_as_it_is():
    from pipeline.timex.years import share_years

    timexes = find_timexes("entre el 16 de abril y el 28 de mayo de 2004", "2005-11-23", "es")
    assert share_years("entre el 16 de abril y el 28 de mayo de 2004", timexes, "xx") == timexes


@pytest.mark.parametrize("text, dct, phrase, value", [
    # a postponement, not a range: the first date keeps its own year
    ("It would postpone a cut set for December 1 until January 1, 2012.", "2010-11-18", "December 1", "2010-12-01"),
    # a capitalised "In" after a listing's date opens a new sentence whose full stop the page lost
    ("Monday 1 to Friday 5 March In 1967, a chance meeting led to a romance.", "2010-02-27", "Friday 5 March",
     "2010-03-05"),
])
def test_a_year_of_another_clause_is_not_shared(text, dct, phrase, value):
    assert _values(text, dct).get(phrase) == value


def test_a_named_weekday_must_fit_the_shared_year():
    # 5 March 1999 was a Friday, 5 March 1998 a Thursday
    assert _values("on Friday 5 March and 9 April 1999", "2005-06-01")["Friday 5 March"] == "1999-03-05"
    assert _values("on Friday 5 March and 9 April 1998", "2005-06-01")["Friday 5 March"] != "1998-03-05"
