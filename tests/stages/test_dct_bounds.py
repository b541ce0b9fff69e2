"""Tests for pipeline.stages.dct_bounds: a year inferred from a weak basis (the latest date stated, a weekday)
is a lower bound, withheld when the page speaks against it (issue 22). Made-up articles written by hand."""
from pipeline.schema import Document
from pipeline.stages import dct
from pipeline.stages.dct_bounds import later_years, pairs_fit_elsewhere

LEAD = "Norland port\n\nOn 3 March 2010, the Ostburg port closed after the spill, officials said."


def test_the_latest_date_gives_its_month_when_nothing_speaks_against_it():
    guess = dct.find_dct(LEAD)
    assert (guess.value, guess.basis) == ("2010-03", "latest date")


def test_a_retrospective_withholds_the_year_and_says_why():
    doc = dct.annotate(Document(doc_id="x", text=LEAD + " A year ago the port was full.", language="en"))
    assert doc.published is None and "lower bound" in doc.dct_note and "a year ago" in doc.dct_note.lower()
    assert dct.find_dct(LEAD + "\n\nOn the anniversary, fishermen gathered.") is None


def test_last_year_speaks_against_the_year_only_without_a_date_in_the_year_before():
    assert dct.find_dct(LEAD + " Trade fell last year.") is None
    guess = dct.find_dct(LEAD + " Trade fell last year, after a record in May 2009.")
    assert guess is not None and guess.value == "2010-03"


def test_time_counted_between_stated_dates_does_not_withhold():
    text = "Norland signs deal\n\nNorland signed a trade deal with Sudvia on 14 February 2019, two years after talks began in May 2017."
    assert dct.find_dct(text).value == "2019-02"
    assert dct.find_dct(LEAD + "\n\nMonths later, the harbour master resigned.") is None


def test_a_later_copyright_year_or_comment_stamp_withholds():
    assert dct.find_dct(LEAD + "\n\nCopyright 2011 Norland News Network.") is None
    assert dct.find_dct(LEAD + "\n\nCopyright 2010 Norland News Network.").value == "2010-03"
    assert dct.find_dct(LEAD + "\n\nJanuary 3, 2011 at 3:07 pm | Report abuse | Shameful.") is None
    assert later_years("x\n\n© 2005-2011 Norland News") == [(2011, "© 2005-2011")]


def test_a_named_past_happening_never_dates_an_article():
    text = "Fund chief\n\nFeinberg oversaw compensation for victims of the 11 September, 2001 attacks. Claims rose."
    doc = dct.annotate(Document(doc_id="x", text=text, language="en"))
    assert doc.published is None and "past happening" in doc.dct_note


def test_weekday_pairs_fitting_two_years_of_the_window_give_no_year():
    # 1 March fell on a Sunday in 2015 and again in 2020
    assert pairs_fit_elsewhere([(7, 3, 1, "Sunday, 1 March")], range(2016, 2021)) == [2020]
    text = "Talks\n\nThe talks began in January 2015. They resume on Sunday, 1 March, officials said."
    doc = dct.annotate(Document(doc_id="x", text=text, language="en"))
    assert doc.published is None and "2020" in doc.dct_note
    # 3 March 2015 (a Tuesday) falls on a Tuesday again only in 2020 as well: a pair that fits one year keeps it
    text = "Talks\n\nThe talks began in January 2015. They resume on Monday, 2 February, officials said."
    assert dct.find_dct(text).value == "2015-02-02"
