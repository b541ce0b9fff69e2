"""Tense cues around a weekday (data/en/timex/tense.yaml): "ahead of" right before a date points ahead, "so-called"
is no past tense. Found by bench/tls_recall.py (issue 23): a hearing announced "ahead of Thursday's testimony"
was counted on the Thursday before the article. Sentences written for these tests; DCT Tuesday 6 March 2012."""
import pytest

from pipeline.timex import find_timexes

DCT = "2012-03-06"  # a Tuesday


def tagged(text):
    return [(t.text, t.value) for t in find_timexes(text, DCT, "en")]


@pytest.mark.parametrize("text,expected", [
    # the date right after "ahead of" is what is coming, whatever the verb before
    ("Ministers met ahead of Thursday's vote.", [("Thursday", "2012-03-08")]),
    ("Traders were cautious ahead of Friday's jobs report.", [("Friday", "2012-03-09")]),
    # "ahead of" after the date, or with words between it and the date: the verb decides
    ("Crowds gathered on Friday ahead of the speech.", [("Friday", "2012-03-02")]),
    ("Shares were flat ahead of the launch on Monday.", [("Monday", "2012-03-05")]),
    # "so-called" is an adjective: the future of "will" decides
    ("The engineers will attempt a so-called static kill on Wednesday.", [("Wednesday", "2012-03-07")]),
    # and a real past participle still does
    ("The so-called summit ended on Monday.", [("Monday", "2012-03-05")]),
    # no cue at all: a bare weekday in news lies before the article, as before
    ("Protesters marched on Saturday.", [("Saturday", "2012-03-03")]),
])
def test_tense_cues_around_a_weekday(text, expected):
    assert tagged(text) == expected


@pytest.mark.parametrize("text,expected", [
    # a weekday that ends a sentence is not the weekday of the date that opens the next one (rules.yaml: the dot
    # after a weekday is an abbreviation's, "Fri. 16 May", never a full name's)
    ("Officials said so on Friday.\n\n16 May: engineers inserted a tube.", [("Friday", "2012-03-02"), ("16 May", "2012-05-16")]),
    ("He left on Friday. 2 March was quiet.", [("Friday", "2012-03-02"), ("2 March", "2012-03-02")]),
    ("The vote is due Fri. 9 March.", [("Fri. 9 March", "2012-03-09")]),
    ("They met on Friday, 2 March.", [("Friday, 2 March", "2012-03-02")]),
])
def test_a_weekday_ending_a_sentence_keeps_to_itself(text, expected):
    assert tagged(text) == expected
