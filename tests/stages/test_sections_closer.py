"""Issue 22, round 2: a comment policy under a thread closes it (Reuters blogs' comment threads carry no
signature); agency credits opening a line are cut off as captions. Hand-written lines modelled on the page
shapes of crawled blog pages (no benchmark text)."""
from pipeline.stages.sections import classify_lines, find_blocks

ARTICLE = [
    "The port authority of Ruritania reopened the northern terminal on Monday after a fire closed it for a week and left dozens of ships waiting at anchor, officials said in a statement.",
    "Ships queued for two days outside the harbour, the harbour master told reporters.",
]
CLOSER = [
    "We welcome comments that advance the story through relevant opinion, anecdotes, links and data.",
    "Views expressed in the comments do not represent those of the publisher.",
]
BIO = ["She has covered shipping for the agency since 2004."]


def test_thread_between_last_caption_and_closer_is_comment():
    lines = ARTICLE + [
        "Picture credit: A tug boat sits in the harbour of the capital, June 9, 2010.",
        "I think the authority waited far too long.",
        "Why did nobody check the fire doors?",
        "The terminal was rebuilt only last year.",
    ] + CLOSER + BIO
    labels = classify_lines(lines)
    assert labels[:2] == ["body", "body"]
    assert labels[2] == "caption"
    assert labels[3:6] == ["comment"] * 3  # the neutral third line too: the whole stretch is the thread
    assert labels[6:] == ["boilerplate"] * 3  # the policy and the author's bio after it


def test_closer_without_article_end_changes_nothing_above_it():
    # a first-person post with no comment: its last paragraphs are in a reader's voice but stay body
    lines = ARTICLE + ["I watched the ships come in from my window.", "We will go back next week."] + CLOSER
    assert classify_lines(lines) == ["body"] * 4 + ["boilerplate"] * 2


def test_reporting_after_a_mid_article_caption_stays_body():
    lines = ARTICLE + [
        "Photo shows firefighters at the northern terminal on Sunday.",
        '"We lost two cranes," the operator said on Tuesday.',
        "Insurers estimated the damage at $40 million, according to a statement.",
    ] + CLOSER
    labels = classify_lines(lines)
    assert labels[2] == "caption"
    assert labels[3:5] == ["body", "body"]


def test_signed_thread_takes_its_unsigned_first_comments_back_to_the_caption():
    lines = ARTICLE + [
        "Picture credit: A tug boat in the harbour, June 9, 2010.",
        "You guys should have seen this coming.",
        "My uncle worked there for thirty years.",
        "Posted by harbourfan | Report as abusive This is the second fire this year.",
    ] + CLOSER
    labels = classify_lines(lines)
    assert labels[3:5] == ["comment", "comment"]


def test_without_closer_a_voiced_tail_after_a_caption_stays_body():
    # without a closer nothing says a thread follows: an op-ed goes on after its photo in the first person
    lines = ARTICLE + ["Picture credit: A tug boat in the harbour, June 9, 2010.", "I think the authority waited far too long."]
    assert classify_lines(lines)[-1] == "body"


def test_agency_credit_opening_a_line_is_cut_off_as_caption():
    text = "REUTERS\\/Jane Doe An excellent summary of the fire.\n(Photo: Ships in the harbour/John Roe) It was not the first fire.\n"
    blocks = [(text[b.start:b.end], b.section) for b in find_blocks(text)]
    assert blocks[0] == ("REUTERS\\/Jane Doe", "caption")
    assert blocks[1][0] == "An excellent summary of the fire."
    assert blocks[2] == ("(Photo: Ships in the harbour/John Roe)", "caption")
    assert blocks[3] == ("It was not the first fire.", "body")


def test_photo_place_and_photo_shows_captions():
    lines = ARTICLE + ["Photos, Top: A copy of the report in the capital January 11, 2011.", "Photo shows a protester outside the ministry."]
    assert classify_lines(lines)[2:] == ["caption", "caption"]


def test_policy_glued_to_the_credits_line_is_cut_out_and_a_thread_under_it_is_comment():
    text = "\n".join(ARTICLE + [
        "(Reporting by Jane Doe; Editing by John Roe) We welcome comments that advance the story through relevant opinion, anecdotes, links and data.",
        "Views expressed in the comments do not represent those of the publisher.",
        "The authority should resign, all of them.",
        "This discussion is now closed.",
        "She has covered shipping for the agency since 2004.",
    ]) + "\n"
    blocks = [(text[b.start:b.end], b.section) for b in find_blocks(text)]
    assert blocks[2] == ("(Reporting by Jane Doe; Editing by John Roe)", "boilerplate")
    assert blocks[3][0].startswith("We welcome comments") and blocks[3][1] == "boilerplate"
    assert blocks[5] == ("The authority should resign, all of them.", "comment")  # between the policy and the closing notice
    assert blocks[7] == ("She has covered shipping for the agency since 2004.", "boilerplate")  # the bio after the last


def test_blog_signature_posted_by_name_on_date_time():
    lines = ARTICLE + [
        "You can email the author at editor@example.org",
        "Is this the same minister who promised a new terminal?",
        "Posted by harbourfan on April 2, 2005 11:01 PM.",
        "The fire brigade did its best.",
    ]
    assert classify_lines(lines)[3:] == ["comment"] * 3


def test_email_invitation_glued_to_the_first_comment_is_cut_off():
    text = "\n".join(ARTICLE + [
        "You can email the author at editor@example.org Is this the same minister who promised a new terminal?",
        "Posted by harbourfan on April 2, 2005 11:01 PM.",
    ]) + "\n"
    blocks = [(text[b.start:b.end], b.section) for b in find_blocks(text)]
    assert blocks[2][0] == "You can email the author at editor@example.org"
    assert blocks[3] == ("Is this the same minister who promised a new terminal?", "comment")


def test_agency_notices_and_stamped_bylines_are_furniture():
    # the standing notices an agency prints under every story, and a byline with its date stamps, are not events
    lines = ARTICLE + [
        "Jane Roe |12.03.2021 - Update : 13.03.2021",
        "This copy may not be in its final form and may be updated.",
        "The Northern Agency website contains only a portion of the news stories offered to subscribers, in summarized form.",
    ]
    assert classify_lines(lines) == ["body", "body", "boilerplate", "boilerplate", "boilerplate"]
    # a reporting line that merely mentions a website stays body
    assert classify_lines(ARTICLE + ["The ministry's website said the terminal would reopen on Monday."]) == ["body"] * 3
