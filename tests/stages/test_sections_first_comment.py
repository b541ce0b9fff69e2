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


# Round 5: unsigned first comments under a reporting article, above the first footer, found where the article ends
# (threads.tail_thread, as under a comment policy in round 4), with two guards: a quotation running over several
# paragraphs is the speaker's, and the article's sign-off (a byline) closes it.
REPORT = ARTICLE + [
    "Two other crossings were inspected on Thursday, the customs service said.",
    "Grain prices rose 12 percent in March, according to the statistics office.",
]
READERS = [
    "Wake up people, the capital lied to all of us!",
    "I lived there for ten years and nothing ever changes.",
    "My family pays twice what you pay in the city.",
    "The aid never reached the villages.",  # two lines in neither voice: the walk back from the footer stops here
    "Nothing changed since the floods.",
    "You can not feed a province with promises!",
    "I agree, my uncle lost his farm.",
    "Your reporters should ask where the aid went.",
]


def test_unsigned_comments_under_a_report_and_above_the_first_footer_are_the_thread():
    labels = classify_lines(REPORT + READERS + [STAMP + " Agreed."])
    n = len(REPORT)
    assert labels[:n] == ["body"] * n  # the article keeps every line
    assert labels[n:n + len(READERS)] == ["comment"] * len(READERS)  # before round 5: the first five were body


def test_a_quotation_over_several_paragraphs_is_the_speakers_not_a_thread():
    quote = ["The governor said: \"We met every demand of the farmers.", "I do not think the protests will last.",
             "You will see the crossings open by Monday.", "My government will not give in to threats.",
             "I am sure of it, and my ministers are too.", "Your correspondent can quote me.\""]
    lines = REPORT + quote + READERS[:1] + [STAMP]
    labels = classify_lines(lines)
    assert labels[: len(REPORT) + len(quote)] == ["body"] * (len(REPORT) + len(quote))


def test_the_articles_byline_closes_it_no_thread_starts_above_it():
    end = "If you have a better plan, Governor, now might be the time."
    voiced = READERS[:3] + READERS[5:]  # the walk back from the footer would go over them and the byline
    lines = REPORT + [end, "By Jana Novak | March 3, 2011; 5:08 PM ET", *voiced, STAMP]
    labels = classify_lines(lines)
    assert labels[len(REPORT)] == "body"  # the op-ed's last line, in the second person, stays the article's
    assert labels[len(REPORT) + 2:len(REPORT) + 2 + len(voiced)] == ["comment"] * len(voiced)


def test_a_readers_scare_quotes_do_not_stop_the_walk_back_a_quotation_does():
    readers = ["Shocking, the rantings of these idiots.",
               "Why should I expect anything else from a \"news\" site like this one?",
               "You people never learn!"]
    labels = classify_lines(ARTICLE + readers + [STAMP])
    assert labels[: len(ARTICLE)] == ["body"] * len(ARTICLE)  # '"...," said the spokesman.' still stops the walk
    assert labels[len(ARTICLE):len(ARTICLE) + 3] == ["comment"] * 3  # before round 5: the first two were body
