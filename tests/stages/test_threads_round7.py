"""Issue 22, round 7: the first comments under a first-person post, where the walk back from a thread's first
footer stops on purpose (an op-ed's last lines speak as a reader does). A reader's thanks for the writer's work
and the piece spoken of in the third person are a reader's reaction (cue comment_reaction in
pipeline/data/lexicon/sections.yaml, used by stages/threads.reaction_thread); a host's thanks, a thanks to anyone
else and a report's "the report said" are not. Hand-written pages about made-up places; no benchmark text."""
from __future__ import annotations

import pytest

from pipeline.stages.sections import classify_lines, load_cues

OP_ED = [
    "I spent last week on the ferries of the Strelsau lagoon, talking to skippers, deckhands and commuters, and I came back convinced that the harbour board has lost its way entirely.",
    "Here's the thing: nobody I met on the boats trusts the new timetable.",
    "We built these ferries for commuters, not for tourists.",
    "Why do we keep pretending otherwise?",
    "The board could have kept the night crossings.",
    "It chose not to, and the fishermen of Zenda pay for it every morning.",
    "I keep thinking of the skipper who told me he would sell his boat before the winter.",
]
FIRST_COMMENTS = [
    "Thanks for answering a bunch of the questions I had about the night crossings.",
    "This is the first I'm hearing about the timetable change.",
    "The fares went up in March.",  # two neutral lines: the walk back from the footer stops under them
    "Hard to get excited about a board that never listens.",
]
FOOTER = "Posted by: lagoonfan | June 7, 2010 12:24 PM | Report abuse My uncle runs the Zenda ferry and he agrees."
POLICY = ["We welcome comments that advance the story through relevant opinion, anecdotes, links and data.",
          "Views expressed in the comments do not represent those of the Ruritanian Courier."]


def test_a_readers_thanks_opens_the_thread_under_a_first_person_post():
    labels = classify_lines(OP_ED + FIRST_COMMENTS + [FOOTER, "I agree with the skipper."])
    assert labels[:len(OP_ED)] == ["body"] * len(OP_ED)  # the op-ed keeps its voiced last lines
    assert labels[len(OP_ED):] == ["comment"] * (len(FIRST_COMMENTS) + 2)


def test_without_the_thanks_the_walk_still_stops_under_the_op_ed():
    # the guard of round 6 stays: neutral lines under an op-ed end the walk back (the first comment stays body)
    comments = ["The board met in March.", "The fares went up in March.", "Hard to get excited about a board that never listens."]
    labels = classify_lines(OP_ED + comments + [FOOTER])
    assert labels[:len(OP_ED)] == ["body"] * len(OP_ED)
    assert labels[len(OP_ED)] == "body"


def test_the_piece_spoken_of_in_the_third_person_opens_the_thread_above_the_policy():
    readers = [
        "The skipper can not be a neutral witness, as the article implies, since he owns two of the boats.",
        "I have taken that ferry for years and it was never on time anyway.",
        "Why would anyone trust the board now?",
        "My sister lost her job at the ticket office!",
        "You should ask the board who signed the new timetable.",
        "I guess the night crossings are gone for good.",
    ]
    labels = classify_lines(OP_ED + readers + POLICY)
    assert labels[:len(OP_ED)] == ["body"] * len(OP_ED)
    assert labels[len(OP_ED):len(OP_ED) + len(readers)] == ["comment"] * len(readers)


@pytest.mark.parametrize("line, reader", [
    ("Thanks for answering a bunch of the questions I had.", True),
    ("Thank you for writing an article that says what I felt.", True),
    ("Thanks for publishing of these updates.", True),
    ("Many thanks for your insight, Anna.", True),
    ("Thanks for being with us this morning.", False),  # a host to a guest
    ("Thanks for having me.", False),
    ("Thank you for that.", False),
    ("Thanks to the internet, the news reached Zenda within minutes.", False),  # a thanks to anyone else
    ("The skipper can not be a neutral witness, as the article implies.", True),
    ("The author forgets that the ferries were built in 1990.", True),
    ("The report said the ferries were built in 1990.", False),  # reporting
    ("The article, published in the Courier on Monday, said the board would meet.", False),
])
def test_a_readers_reaction_is_told_from_a_hosts_thanks_and_from_reporting(line, reader):
    cues = load_cues()
    assert bool(cues.comment_reaction[0].search(line)) is reader


ARTICLE_END = "Even a strong argument for the new timetable practically invites the board to overreach."


def test_a_comments_last_words_glued_to_its_footer_are_the_comments():
    # the crawl joined a comment's last line (a quotation, which would stop the walk as reporting) to its footer
    page = OP_ED + [ARTICLE_END,
                    "Let me add the skipper's favourite words for the board.",
                    '"Go sink yourselves" Posted by: lagoonfan | June 14, 2010 12:48 PM | Report abuse From day one they ignored us.',
                    "Nobody on the board takes the ferry!"]
    from pipeline.stages.sections import find_blocks
    text = "\n\n".join(page)
    blocks = find_blocks(text)
    labels = {text[b.start:b.end]: b.section for b in blocks}
    assert labels[ARTICLE_END] == "body" and all(labels[x] == "body" for x in OP_ED)
    assert labels["Let me add the skipper's favourite words for the board."] == "comment"
    assert labels['"Go sink yourselves"'] == "comment"


def test_a_quote_glued_to_a_comment_form_stays_the_articles():
    # a form's notice glued to the article's last line is no comment footer (it carries no stamp)
    page = OP_ED + [ARTICLE_END + "' Anna Novak, Ruritanian Courier (required, but will not be displayed) We welcome a lively discussion.",
                    "Comments are not pre-screened before they post."]
    from pipeline.stages.sections import find_blocks
    text = "\n\n".join(page)
    blocks = find_blocks(text)
    assert all(b.section != "comment" for b in blocks if b.start < text.index("(required"))


@pytest.mark.parametrize("line, unedited", [
    ("If a President were not allow to rest until their are no crisis they would die.", True),
    ("They should of closed the well in April.", True),
    ("The goverment never listens to us.", True),
    ("THE PEOPLE OF ZENDA ARE WATCHING", True),
    ("It is where ever the President is... Even on the golf course.", True),
    ("The government said their ships were ready.", False),
    ("The IMF and the EU said on Monday the loan would go ahead.", False),
    ("(i) the ferries, (ii) the ports.", False),
])
def test_unedited_text_counts_as_a_readers_in_the_walk(line, unedited):
    cues = load_cues()
    assert bool(cues.comment_opinion[0].search(line)) is unedited
