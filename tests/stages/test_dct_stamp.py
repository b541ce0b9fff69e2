"""Tests for pipeline.stages.dct_stamp: the page's own time stamp in its opening (issue 22). Cases written by
hand in the forms crawled pages keep (BBC, Guardian, Reuters, Washington Post headers), not copied from pages."""
from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.stages import dct
from pipeline.stages.dct_stamp import STAMP_CHARS, find_stamp


@pytest.mark.parametrize("text, value", [
    ("Page last updated at 10:39 GMT, Wednesday, 28 September 2011 11:39 UK The trial of the doctor has begun.", "2011-09-28"),
    ("Norland port reopens 26 August 2010 Last updated at 14:30 GMT Help The port of Ostburg reopened.", "2010-08-26"),
    ("OSTBURG | Wed Apr 29, 2009 12:20 am BST OSTBURG (Reuters) - Norland advised against travel.", "2009-04-29"),
    ("Ministers brace for the cost of the clean-up Thursday 29 April 2010 17.33 BST The rig burned for days.", "2010-04-29"),
    ("Tuesday, June 29, 2010; 9:57 PM For two decades the companies lobbied the agency.", "2010-06-29"),
    ("2009 06 13 00:11 JST OSTBURG (Reuters) - The agency declared a pandemic on Thursday.", "2009-06-13"),
    ("Norland and Sudvia sign a declaration\n\nMay 12, 2023 (OSTBURG) – The two sides signed late on Thursday.", "2023-05-12"),
])
def test_a_page_stamp_gives_the_day(text, value):
    guess = dct.find_dct(text)
    assert guess is not None and (guess.value, guess.inferred, guess.basis) == (value, False, "header")


def test_a_reader_comment_stamp_is_not_the_page_stamp():
    text = "Great piece.\n\nJanuary 30, 2011 at 3:07 pm | Report abuse | I agree with the minister."
    assert find_stamp(text) is None
    text = "Thanks.\n\nAt 10:14 am on 28 May 2010, reader42 wrote: The response was slow."
    assert find_stamp(text) is None


def test_a_list_of_teasers_has_no_page_stamp():
    teaser = "updated: Sun Jul 29 2012 08:01:00 A player rose 300 places in the rankings.\n\n"
    text = teaser + "Other news of the week in a long paragraph. " * 10 + "\n\nupdated: Fri Nov 19 2010 03:22:00 Another teaser."
    assert find_stamp(text) is None


def test_several_updated_lines_without_publication_are_no_header():
    text = ("updated: Fri Nov 19 2010 03:22:00\n\nA teaser.\n\nupdated: Thu Sep 09 2010 08:11:00\n\nAnother teaser.\n\n"
            "The protest went on.")
    assert dct.find_header_date(text) is None


def test_a_stamp_beyond_the_opening_is_not_read():
    text = "The minister spoke. " * (STAMP_CHARS // 20 + 5) + "Thursday 29 April 2010 17.33 BST"
    assert find_stamp(text) is None


def test_a_date_without_a_clock_is_no_stamp():
    assert find_stamp("The 12:30 meeting was cancelled. The treaty was signed on 5 March 2020 in Ostburg.") is None
    assert find_stamp("Title\n\nOn March 3, 2021 (Wednesday) - Norland said.") is None  # a weekday, not a place


def test_a_comment_line_in_the_first_lines_is_no_header():
    text = "Norland port\n\nJanuary 3, 2011 at 3:07 pm | Report abuse | Shameful.\n\nThe port closed."
    assert dct.find_header_date(text) is None


@settings(max_examples=60, deadline=None)
@given(st.dates(min_value=date(1995, 1, 1), max_value=date(2035, 12, 31)), st.integers(0, 23), st.integers(0, 59),
       st.sampled_from(["{w} {d} {M} {y} {h:02d}.{m:02d} BST", "Page last updated at {h:02d}:{m:02d} GMT, {w}, {d} {M} {y}",
                        "{w}, {M} {d}, {y}; {h12}:{m:02d} PM"]))
def test_every_stamp_form_gives_its_own_day(day, hour, minute, form):
    stamp = form.format(w=day.strftime("%A"), d=day.day, M=day.strftime("%B"), y=day.year, h=hour, m=minute,
                        h12=hour % 12 or 12)
    guess = find_stamp(f"Norland and Sudvia talk again {stamp} The talks in Ostburg went on.")
    assert guess is not None and guess.value == day.isoformat()
