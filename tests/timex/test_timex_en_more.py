"""English expressions of the third pass on issue 21: dated quarters and halves ("the 1988 second quarter", "the
last half of 1989"), "the past" and "the near term" as references, and extents that leave out a possessive or
article before an adjectival duration ("its [one-year] term"). Sentences written for these tests; values checked
by hand (DCT Thursday 2 November 1989)."""
import pytest

from pipeline.timex import find_timexes

DCT = "1989-11-02"


@pytest.mark.parametrize("text,expected", [
    ("The results included a charge in the 1988 second quarter.", [("the 1988 second quarter", "1988-Q2")]),
    ("Earnings for the last half of 1989 will be lower.", [("the last half of 1989", "1989-H2")]),
    ("Sales in the 1989 first half rose.", [("the 1989 first half", "1989-H1")]),
    ("In the past, the company has often sold units.", [("the past", "PAST_REF")]),
    ("They report more crimes than they have in the past.", [("the past", "PAST_REF")]),
    ("Shares fell in the past two weeks.", [("the past two weeks", "P2W")]),
    ("We don't minimize the challenges of the near term.", [("the near term", "FUTURE_REF")]),
    ("The government called the 14-day waiting period a concession.", [("14-day", "P14D")]),
    ("The loan may be converted during its one-year term.", [("one-year", "P1Y")]),
    ("The company reported its fourth quarter results.", [("fourth quarter", "1989-Q4")]),
    ("It was the best in the fourth quarter.", [("the fourth quarter", "1989-Q4")]),
])
def test_english(text, expected):
    assert [(t.text, t.value) for t in find_timexes(text, DCT, "en")] == expected


@pytest.mark.parametrize("text,dct,expected", [
    # fiscal years as their calendar year, as TempEval-3's annotators write them
    ("In fiscal 1989, Elco earned $7.8 million.", DCT, [("fiscal 1989", "1989")]),
    ("Sales grew during the 2008-2009 fiscal year.", "2009-12-16", [("2008", "2008"), ("2009 fiscal year", "2009")]),
    # a 24-hour time with "local time" and the day after it
    ("The polls opened at 07:00 local time on Sunday.", "2009-12-16", [("07:00 local time on Sunday", "2009-12-13T07:00")]),
])
def test_english_fiscal_years_and_local_times(text, dct, expected):
    assert [(t.text, t.value) for t in find_timexes(text, dct, "en")] == expected
