"""Issue 22, round 3: where a page turns into its readers' comments with no heading the old cues knew and no
signature of the old forms (stages/threads.py and the round-3 cues of pipeline/data/lexicon/sections.yaml).
Hand-written lines in the shapes of comment systems (BBC Have Your Say and blogs, WordPress, Disqus-like bars),
about made-up places; no benchmark text."""
from __future__ import annotations

import pytest

from pipeline.stages.sections import classify_lines, find_blocks, load_cues
from pipeline.stages.threads import expand_parts

ARTICLE = [
    "The port authority of Ruritania reopened the northern terminal on Monday after a fire closed it for a week and left dozens of ships waiting at anchor, officials said in a statement.",
    "Ships queued for two days outside the harbour, the harbour master told reporters.",
    "The terminal handles a third of the country's grain exports, according to the trade ministry.",
]
READERS = [
    "I worked at that terminal for twenty years and the fire doors never closed properly.",
    "Why did nobody check them before the summer?",
    "My brother is still waiting for his cargo, you would think someone would say sorry.",
]
POLICY = ["The Daily Ruritanian may edit your comments and not all emails will be published.",
          "Your comments may be published on any of our sites worldwide."]


def _labels(lines):
    return classify_lines(lines)


@pytest.mark.parametrize("opener", [
    "Add your comments on this story, using the form below.",
    "Below is a selection of your comments.",
    "Thanks for your comments. Please read a selection below.",
    "Showing 3 of 41 comments",
    "Sort by: Newest | Oldest | Most recommended",
    "Sign in to comment",
])
def test_an_opener_followed_by_a_readers_voice_opens_a_thread(opener):
    labels = _labels(ARTICLE + [opener] + READERS + POLICY)
    assert labels[:3] == ["body"] * 3
    assert labels[3] == "boilerplate"
    assert labels[4:7] == ["comment"] * 3
    assert labels[7:] == ["boilerplate"] * 2  # the moderation notices are furniture


def test_a_call_out_with_only_the_policy_after_it_changes_nothing_above():
    # a BBC-style call-out at an article's end with no comment published: the article keeps every line
    lines = ARTICLE + ["Have you been affected by the fire?", "Add your comments on this story, using the form below."] + POLICY
    labels = _labels(lines)
    assert labels[:4] == ["body"] * 4
    assert labels[-2:] == ["boilerplate"] * 2


def test_an_opener_followed_by_reporting_is_not_a_thread():
    # "Join the debate" in the middle of a report that goes on reporting
    lines = ARTICLE + ["Join the debate", '"We will rebuild the cranes by spring," the port director said on Tuesday.',
                       "Insurers estimated the damage at $40 million, according to a statement."]
    assert _labels(lines)[4:] == ["body", "body"]


def test_a_first_person_column_keeps_its_body_until_the_opener():
    column = ["I have lived in Ostburg all my life and I have never seen the harbour so quiet, though my neighbours say it was worse in 1990.",
              "We queued for bread on Monday and my children asked why the ships were not moving.",
              "I think the authority owes us an answer."]
    labels = _labels(column + ["Thanks for your comments."] + READERS)
    assert labels[:3] == ["body"] * 3
    assert labels[4:] == ["comment"] * 3


def test_an_invitation_to_answer_elsewhere_is_not_an_opener():
    # a blog page that goes on with its next post after a call-out to answer on a social network
    lines = ARTICLE + ["Share your thoughts by sending us a response on our Twitter page.",
                       "It appears you were right: the harbour reopened on Monday and I was there to see it.",
                       "We will have more on the terminal tomorrow."]
    assert _labels(lines)[4:] == ["body", "body"]


def test_a_broadcast_transcript_is_not_a_thread():
    # a host thanking a guest, then the programme goes on: talk, not a thread
    lines = ARTICLE + ["SMITH: We'll leave it there.", "Thank you for sharing your story with us.", "JONES: You're very welcome.",
                       "SMITH: The protesters planned the rally, but I think the police stopped it.", "We'll tell you where that stands."]
    assert "comment" not in _labels(lines)


@pytest.mark.parametrize("line", [
    "At 11:35 am on 18 Jan 2010, harbourfan wrote: I was there when it burned.",
    "At 18:40 23rd Mar 2010, jenny wrote: Did anyone see the smoke from the bridge?",
    "On March 3, 2011 at 10:14 pm, Ana said: The terminal should never have reopened.",
])
def test_a_comment_header_with_a_stamp_opens_a_thread_without_walking_back(line):
    lines = ARTICLE + ["The authority did not say when the southern terminal would reopen."] + [line, "It is a disgrace."]
    labels = _labels(lines)
    assert labels[:4] == ["body"] * 4  # a header opens its comment: the article's last line above it stays body
    assert labels[4:] == ["comment", "comment"]


@pytest.mark.parametrize("footer", [
    "12/03/2011 10:14 PM | Report abuse",
    "2 hours ago | Reply",
    "Reply | Report abuse | Like",
    "harbourfan · 3 days ago",
])
def test_comment_footers_and_action_bars_are_signatures(footer):
    text = "\n".join(ARTICLE + ["I worked there and the doors never closed.", footer, "Nobody checked them."])
    blocks = find_blocks(text)
    start, end = text.index(footer), text.index(footer) + len(footer)
    inside = [b.section for b in blocks if start <= b.start < end]
    assert inside and "body" not in inside and "comment" in inside  # a stamp cut off alone is a date line: furniture
    assert next(b.section for b in blocks if b.start <= text.index("Nobody") < b.end) == "comment"


@pytest.mark.parametrize("line", [
    "The meeting ends at 10:30 am. Report cards are handed out on Friday.",  # a clock time then "Report": no bar
    "Quake struck 3 days ago",  # a headline with an age: no handle and bar
    "Two years ago the terminal burned down, and I was there.",
])
def test_reporting_with_times_and_ages_is_not_a_signature(line):
    labels = _labels(ARTICLE + [line, "Exports resumed on Tuesday, the ministry said."])
    assert labels[3:] == ["body", "body"]


def test_a_readers_reaction_opens_an_unsigned_thread():
    lines = ARTICLE + ["An excellent summary by Professor Ostrova."] + READERS
    labels = _labels(lines)
    assert labels[:3] == ["body"] * 3
    assert labels[3:] == ["comment"] * 4


@pytest.mark.parametrize("line", [
    "As this piece is written, the fire is still burning in the northern terminal.",  # the author on the piece
    "He is the author of three books on the harbour and its trade.",
    "In other comments, the minister said the port would be privatised.",
    "A fascinating report released on Monday by the trade ministry shows grain exports fell by a third.",
])
def test_an_authors_words_about_the_piece_are_not_a_reaction(line):
    lines = ARTICLE + [line, "I think we all know who is to blame.", "My father worked there."]
    assert _labels(lines)[3] == "body"


def test_a_new_dateline_ends_a_thread():
    lines = ARTICLE + ["Below is a selection of your comments."] + READERS + [
        "OSTBURG (Reuters) - Ruritania's grain exporters asked for compensation on Wednesday after the fire at the port, the exporters' union said."]
    assert _labels(lines)[-1] == "body"


def test_stamp_parts_expand_in_order():
    parts = {"MONTH": "(?:jan|feb)", "DATE": r"\d{1,2} <<MONTH>> \d{4}"}
    assert expand_parts(["at <<DATE>>", "plain"], parts) == [r"at \d{1,2} (?:jan|feb) \d{4}", "plain"]


def test_every_round3_cue_family_loads():
    cues = load_cues()
    for name in ("thread_opener", "comment_reaction", "comment_verdict", "article_dateline", "transcript_speaker", "comment_header"):
        assert getattr(cues, name), name
    assert all("<<" not in p.pattern for p in cues.comment_signature)  # every stamp part expanded
