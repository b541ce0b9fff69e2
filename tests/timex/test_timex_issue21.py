"""English beyond TempEval-3 (issue 21): modifiers narrow intervals, times take the date they follow, quarters
and halves relative to the DCT, decades, seasons, sets, and look-alikes. Sentences written for these tests."""
from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.timex import find_timexes
from pipeline.timex.resolve import PART_MODS, narrow_interval


def tagged(text, dct, language="en"):
    return [(t.text, t.value) for t in find_timexes(text, dct, language)]


@pytest.mark.parametrize("text,dct,expected", [
    ("Foreclosures rose in the fourth quarter, the group said.", "2007-03-13", [("the fourth quarter", "2006-Q4")]),
    ("The firm expects a rebound in the fourth quarter.", "2007-03-13", [("the fourth quarter", "2007-Q4")]),
    ("Profit in the last quarter, which ended December 30, 2006, rose.", "2007-01-18",
     [("the last quarter", "2006-Q4"), ("December 30, 2006", "2006-12-30")]),
    ("Sales fell in the second half.", "2007-03-13", [("the second half", "2006-H2")]),
    ("the boxy cars of the 70s and 80s", "2009-12-16", [("the 70s", "197X"), ("80s", "198X")]),
    ("The index fell 4% over the past five trading days.", "2009-12-16", [("the past five trading days", "P5D")]),
    ("The clinic sees 15 a year.", "2009-12-16", [("a year", "P1Y")]),
    ("Posted April 22, 2011 at 9:22 am by the editor.", "2011-04-23", [("April 22, 2011 at 9:22 am", "2011-04-22T09:22")]),
    ("The first test flight was Tuesday; it took off at 18:00 UTC.", "2009-12-16",
     [("Tuesday", "2009-12-15"), ("18:00 UTC", "2009-12-15T18:00")]),
    ("The flight is Tuesday. Lunch is at 1 p.m. in the hall.", "2009-12-16", [("Tuesday", "2009-12-15"), ("1 p.m.", "2009-12-16T13:00")]),
    ("The air campaign continued into Thursday for a sixth day.", "2011-03-23", [("Thursday", "2011-03-24")]),
    ("Apple shipped iLife '11 and the Russell 2000 Index rose.", "2010-10-20", []),
    ("A 'Black Monday' anniversary passed.", "2010-10-20", []),
    ("Since the September 11th attacks, security has grown.", "2004-03-01", []),
    ("the probe into the August 7 bombings", "1998-08-21", [("August 7", "1998-08-07")]),
])
def test_english_beyond_te3(text, dct, expected):
    assert tagged(text, dct) == expected


def test_end_of_2020_keeps_its_value_and_narrows_its_interval():
    t = find_timexes("The deal was signed at the end of 2020.", "2021-03-01")[0]
    assert (t.text, t.value, t.mod, t.granularity) == ("the end of 2020", "2020", "END", "year")
    assert (t.date_start, t.date_end) == ("2020-09-01", "2020-12-31")


@given(start=st.dates(date(1900, 1, 1), date(2100, 1, 1)), days=st.integers(0, 4000),
       mod=st.sampled_from([*PART_MODS, "APPROX", None]))
@settings(max_examples=200, deadline=None)
def test_narrowed_interval_lies_within_the_period(start, days, mod):
    end = start + timedelta(days=days)
    lo, hi = narrow_interval(start.isoformat(), end.isoformat(), mod)
    assert start.isoformat() <= lo <= hi <= end.isoformat()
    if mod in ("END", "LATE"):
        assert hi == end.isoformat()
    if mod in ("START", "EARLY") or mod not in PART_MODS:
        assert lo == start.isoformat()
    if mod not in PART_MODS:
        assert (lo, hi) == (start.isoformat(), end.isoformat())
