"""Issue 22, round 5: where a thread signed under each comment (CNN-style footers "March 3, 2011 at 4:59 pm |
Reply") starts when its first comment is in no reader's voice but gives an opinion nobody is quoted for
(sections._unsigned_start, cue comment_opinion in pipeline/data/lexicon/sections.yaml). Hand-written pages about
made-up places; no benchmark text."""
from __future__ import annotations

from pipeline.stages.sections import classify_lines

ARTICLE = [
    "The government of Ruritania will review its aid to the northern provinces after a week of protests over grain prices, a spokesman said on Friday in the capital Strelsau.",
    "Officials met farmers' leaders twice this week, the agriculture ministry said.",
    "The protests closed three border crossings, according to the customs service.",
    "\"The situation should be addressed through concrete reforms,\" said the spokesman.",
]
STAMP = "March 3, 2011 at 4:59 pm | Reply"


def test_a_neutral_first_comment_with_an_obligation_is_the_threads_first_comment():
    first = ["Governors need to pay attention to what farmers say.", "That does not mean they ignore the cities."]
    lines = ARTICLE + first + [STAMP + " Agreed."]
    labels = classify_lines(lines)
    assert labels[: len(ARTICLE)] == ["body"] * len(ARTICLE)  # the article keeps every line
    assert labels[len(ARTICLE):len(ARTICLE) + 2] == ["comment", "comment"]  # before round 5: body, body


def test_a_verdict_in_the_readers_words_starts_the_thread():
    first = "Another year, another puppet governor and the capital is left to clean up the mess."
    lines = ARTICLE + [first, STAMP + " Agreed."]
    labels = classify_lines(lines)
    assert labels[len(ARTICLE)] == "comment"  # before round 5: body
    assert labels[: len(ARTICLE)] == ["body"] * len(ARTICLE)


def test_a_neutral_article_end_under_the_reporting_stays_body():
    # no opinion, no reader's voice: the article's last line, as before (the walk stops at two neutral lines)
    end = ["Nearly 1,000 people have crossed since January.", "The border reopens on Monday."]
    lines = ARTICLE + end + ["You people never learn!", STAMP]
    labels = classify_lines(lines)
    n = len(ARTICLE) + len(end)
    assert labels[:n] == ["body"] * n
    assert labels[n] == "comment"


def test_an_opinion_quoted_in_the_article_is_reporting_and_stops_the_walk():
    # "should" inside an attributed line is the spokesman's: the walk stops there, the article keeps it
    lines = ARTICLE + ["Farmers must be heard, their union said.", "Stupid decision!", STAMP]
    labels = classify_lines(lines)
    assert labels[len(ARTICLE)] == "body"
    assert labels[len(ARTICLE) + 1] == "comment"
