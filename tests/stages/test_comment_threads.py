"""Issue 22, round 6: the article's sign-off ends it, and readers follow (stages/comment_threads.signoff_start, cue
article_signoff in pipeline/data/lexicon/sections.yaml). Hand-written pages about made-up places; no benchmark text.
The shape is the Washington Post blogs' of 2010: the post, its byline with a stamp ("By Name | June 16, 2010; 5:08
PM ET"), then readers, some of whose footers ("Posted by: name | date | Report abuse") the crawl lost."""
from __future__ import annotations

from pipeline.schema import Block
from pipeline.stages.comment_threads import UNSIGNED_NEUTRAL_LINES, UNSIGNED_NEUTRAL_LINES_REPORT, unsigned_start
from pipeline.stages.sections import classify_lines, find_blocks, load_cues

POST = [
    "The government of Ruritania will review its aid to the northern provinces after a week of protests over grain prices, officials said on Friday in the capital Strelsau.",
    "Officials met farmers' leaders twice this week, the agriculture ministry said.",
    "The protests closed three border crossings, according to the customs service.",
    "Two other crossings were inspected on Thursday, the customs service said.",
    "Grain prices rose 12 percent in March, according to the statistics office.",
    "Whatever the reason, the capital seems content to let the provinces wait.",
    "If you have a better plan, Governor, now might be the time.",  # the post's own last line, in the second person
]
BYLINE = "By Jana Novak | March 3, 2011; 5:08 PM ET"
READERS = [
    "Who cares?",
    "The governor is not in charge anymore.",  # neutral lines: the walk back from a footer stops at three of them
    "Nothing changed since the floods.",
    "The floods came in May.",
    "Is she talking solutions?",
    "No, she is talking about a man who left office years ago.",
    "I lived there for ten years and nothing ever changes.",
]
FOOTER = "Posted by: reader1 | March 3, 2011 11:05 PM | Report abuse"


def test_after_the_byline_the_readers_are_the_thread_though_their_footers_were_lost():
    lines = POST + [BYLINE] + READERS + [FOOTER, "You people never learn!"]
    labels = classify_lines(lines)
    n = len(POST)
    assert labels[:n] == ["body"] * n  # the post keeps every line, its second-person end too
    assert labels[n] == "boilerplate"
    assert labels[n + 1:n + 1 + len(READERS)] == ["comment"] * len(READERS)
    # the walk back from the footer stops at the three neutral lines: without the sign-off the first four were body
    assert unsigned_start(lines, len(lines) - 2, 0, load_cues()) == n + 5


def test_a_thread_with_no_footer_at_all_after_the_byline():
    labels = classify_lines(POST + [BYLINE] + READERS)
    assert labels[: len(POST)] == ["body"] * len(POST)
    assert labels[len(POST) + 1:] == ["comment"] * len(READERS)  # before round 6: all body


def test_the_bylines_stamp_glued_to_the_first_comment_is_cut_there():
    text = "\n".join(POST + [BYLINE + " Who cares?"] + READERS[1:] + [FOOTER])
    blocks = find_blocks(text)
    pieces = [(text[b.start:b.end], b.section) for b in blocks]
    assert (BYLINE, "boilerplate") in pieces
    assert ("Who cares?", "comment") in pieces  # before round 6: one boilerplate block with the byline
    assert all(isinstance(b, Block) for b in blocks)


def test_a_byline_heading_the_post_does_not_make_the_post_a_thread():
    post = ["Ruritania's provinces wait for aid, and I went to see why, travelling north for a week with my notebook and camera.",
            BYLINE, "I met the farmers in their fields.", "You would not believe what they told me.",
            "My guide said the aid never came.", "We drove on to the border."]
    labels = classify_lines(post)
    assert labels[0] == "body" and labels[2:] == ["body"] * 4  # the sign-off is not the article's end: nothing above


def test_a_second_story_under_the_first_ones_credit_stays_body():
    second = ["OSTBURG (Reuters) - Farmers in the south said on Friday they would join the protests.",
              "I will march with them, one farmer told reporters.", "You cannot live on these prices, he said."]
    lines = POST + ["(Reporting by Jana Novak; Editing by Ana Roe)"] + second
    labels = classify_lines(lines)
    assert labels[len(POST) + 1:] == ["body"] * len(second)


def test_one_voiced_promo_line_under_the_sign_off_is_not_a_thread():
    lines = POST + ["(Reporting by Jana Novak; Editing by Ana Roe)", "Our next generation trading platform is here."]
    assert classify_lines(lines)[-1] == "body"  # with no footer, one line in "our" voice is not readers


def test_reporting_after_the_sign_off_stays_body():
    after = ["The ministry said on Saturday it would double the aid.",
             "\"We will reach every village,\" the minister told reporters.",
             "I was there, one farmer said."]
    labels = classify_lines(POST + ["CNN's Jana Novak contributed to this report."] + after + [FOOTER])
    assert labels[len(POST) + 1:len(POST) + 1 + len(after)] == ["body"] * len(after)


# Round 6: above a thread's first footer (CNN "| Report abuse" under each comment), the walk back over the first
# comments crosses two neutral lines when the article above it is a report; under an op-ed it stops as before.
REPORT = POST[:5]
FIRST = ["I just hope this does not become another lost year.", "Nobody in the capital listens.",
         "The farmers are not behind the riots.", "You are trying to blame them for everything!"]
STAMP = "March 3, 2011 at 4:59 pm | Report abuse"


def test_two_neutral_lines_inside_the_first_comment_under_a_report():
    assert UNSIGNED_NEUTRAL_LINES == 2 and UNSIGNED_NEUTRAL_LINES_REPORT == 3
    labels = classify_lines(REPORT + FIRST + [STAMP])
    assert labels[: len(REPORT)] == ["body"] * len(REPORT)
    assert labels[len(REPORT):len(REPORT) + len(FIRST)] == ["comment"] * len(FIRST)  # before round 6: body x3


def test_under_an_op_ed_the_walk_stops_at_two_neutral_lines():
    oped = ["After the floods of last spring, the northern provinces of Ruritania waited for the capital to act, and the capital, as so often, waited for them to stop asking.",
            "Why did the governor have to wait 56 days for help that never came?",
            "Shouldn't the president have sent it himself -- and then, like us, asked why it was late?",
            "We were told the state would never again let its provinces down.",
            "Now we have a government that believes in itself more than in its people.",
            "Don't hold your breath waiting for that lesson."]  # the op-ed's last line speaks to its reader
    labels = classify_lines(oped + FIRST + [STAMP])
    assert labels[: len(oped)] == ["body"] * len(oped)  # with the walk over three neutral lines: the last was comment


def test_doubled_punctuation_is_a_readers_typing():
    first = ["Was that the best the capital could do????? Zzzzz."]
    labels = classify_lines(REPORT + first + [STAMP])
    assert labels[len(REPORT)] == "comment"  # before round 6: body (neither voice: no "I", no question at the end)
    assert labels[: len(REPORT)] == ["body"] * len(REPORT)
