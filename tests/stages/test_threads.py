"""Issue 22, round 4: a thread under a comment policy with no caption, no signature and no opener
(stages/threads.tail_thread, called by sections._thread_above_closer; cue thread_start_voice in
pipeline/data/lexicon/sections.yaml). Hand-written pages in the shape of a blog with a comment policy at its
foot, about made-up places; no benchmark text."""
from __future__ import annotations

from pipeline.stages.sections import classify_lines, load_cues
from pipeline.stages.threads import TAIL_MIN_VOICED, tail_thread

REPORT = [
    "The port authority of Ruritania reopened the northern terminal on Monday after a fire closed it for a week and left dozens of ships waiting at anchor, officials said in a statement.",
    "Ships queued for two days outside the harbour, the harbour master told reporters.",
    "The terminal handles a third of the country's grain exports, according to the trade ministry.",
    "Insurers estimated the damage at 40 million crowns, the ministry said.",
    "\"We will rebuild the cranes by spring,\" the port's director said on Tuesday.",
    "Two other terminals were inspected for the same faulty fire doors.",
]
READERS = [
    "I worked at that terminal for twenty years and the fire doors never closed properly.",
    "My brother is still waiting for his cargo, you would think someone would say sorry.",
    "You people never learn, this is the third fire since 2009!",
    "I agree, my uncle lost his job there.",
    "Your reporters should ask who signed off on those doors.",
    "Shame on the ministry!",
]
POLICY = ["We welcome comments that advance the story through relevant opinion, anecdotes, links and data.",
          "Views expressed in the comments do not represent those of the Ruritanian Courier."]
BIO = ["Anna Novak is the Courier's port correspondent in Strelsau."]


def test_readers_under_a_report_and_above_the_policy_are_a_thread():
    labels = classify_lines(REPORT + READERS + POLICY + BIO)
    n = len(REPORT)
    assert labels[:n] == ["body"] * n  # the article keeps every line
    assert labels[n:n + len(READERS)] == ["comment"] * len(READERS)
    assert labels[n + len(READERS):] == ["boilerplate"] * 3  # the policy, then the author's bio


def test_a_neutral_first_comment_stays_body_the_thread_starts_at_the_first_reader():
    neutral = "The cranes were old anyway and the whole port should be moved inland."
    labels = classify_lines(REPORT + [neutral] + READERS + POLICY)
    assert labels[len(REPORT)] == "body"
    assert labels[len(REPORT) + 1] == "comment"


def test_an_op_ed_ending_in_we_and_questions_is_not_a_thread():
    op_ed = REPORT[:3] + [
        "Big disasters can make us better at our jobs.",
        "What do we owe the workers of the northern terminal?",
        "We in the press must keep our heads and our readers informed.",
        "Our duty is to report the facts, not to stoke fear.",
        "Can we do that when every headline is a fire?",
        "It won't hurt us all to take a deep breath now.",
    ]
    assert classify_lines(op_ed + POLICY)[:len(op_ed)] == ["body"] * len(op_ed)


def test_a_first_person_post_keeps_its_body_under_the_policy():
    diary = [
        "Covering the port is a daily job for me, and however I get involved in a story it is not just work.",
        "On Monday I put on a mask and walked to the northern terminal at dawn.",
        "My editor told me to stay away from the smoke, but I could not help going closer.",
        "I saw the harbour master running between the cranes.",
        "I called my wife to tell her I was safe!",
        "I kept taking pictures with one hand while calling with the other.",
        "My camera still smells of smoke.",
    ]
    assert classify_lines(diary + POLICY)[:len(diary)] == ["body"] * len(diary)


def test_a_call_out_under_the_report_is_not_taken_for_readers():
    call_out = ["Do you live near the northern terminal?", "Were you affected by the fire?",
                "Are you a dock worker?", "Tell us your experiences using the form below."]
    closer = ["The Ruritanian Courier may edit your comments and not all emails will be published."]
    labels = classify_lines(REPORT + call_out + closer)
    assert "comment" not in labels[:len(REPORT) + len(call_out)]


def test_a_quote_remainder_opening_in_lower_case_does_not_start_a_thread():
    # a crawl's line cut inside a quote: "...", then its lower-case remainder in the customers' plural voice
    page = REPORT + ["the vast majority of our customers' payments are made successfully, you should know, the bank added",
                     "We asked our readers whether they had been blocked.", "Our survey found a third had.",
                     "We will report on it next week.", "You can write to us.", "Do you have a story?"] + POLICY
    labels = classify_lines(page)
    assert labels[len(REPORT)] == "body"


def test_tail_thread_needs_enough_readers_and_an_article_above():
    cues = load_cues()
    lines = REPORT + READERS
    body = list(range(len(lines)))
    assert tail_thread(lines, body, cues) == len(REPORT)
    few = REPORT + READERS[:TAIL_MIN_VOICED - 1]
    assert tail_thread(few, list(range(len(few))), cues) is None  # too few readers' lines
    assert tail_thread(READERS * 2, list(range(12)), cues) is None  # no article above: an all-comments page stays body


def test_a_columnist_turning_to_the_first_person_at_the_end_is_not_a_thread():
    # an editor's column: some reporting, some "we" and "our", then the writer's own "I" and "me" to the end
    column = REPORT[:4] + [
        "Big disasters raise the adrenalin of our editors and our reporters.",
        "They also give us the chance to serve our readers well.",
        "Our job is to keep a sense of proportion.",
        "The question for me is how to report the fire without feeding the fear.",
        "I have covered this port for ten years and I have never seen the terminal so quiet.",
        "My colleagues on the docks worked through the night!",
        "Call me old-fashioned, but I still trust the harbour master's figures.",
        "You can follow the updates on your phone.",
    ]
    assert classify_lines(column + POLICY)[:len(column)] == ["body"] * len(column)


def test_a_reply_to_another_reader_above_the_first_signature_starts_the_thread():
    # CNN-style footers sign each comment after it; the first comments have none above the first footer, and two
    # neutral lines stop the walk back from it: a reader answering another ("@name, ...") starts the thread there
    page = REPORT + [
        "@Omar, you are right about the cranes, I saw them myself.",
        "The cranes were old anyway.",
        "The port should be moved inland.",
        "I would not trust the ministry with a bicycle!",
        "March 21, 2011 at 12:56 pm | Reply",
        "Who pays for the new doors?",
    ]
    labels = classify_lines(page)
    assert labels[:len(REPORT)] == ["body"] * len(REPORT)
    assert labels[len(REPORT):] == ["comment"] * 6


def test_a_handle_in_the_report_above_a_thread_is_not_a_reply():
    # "@name" quoted inside the article's reporting, the rest of the article reporting: the thread starts at its own
    page = REPORT[:3] + ["@PortRuritania, the authority's account, posted a photograph of the fire, officials said.",
                         "The ministry said the terminal would reopen fully in March, according to a statement."] + [
        "I would not trust the ministry with a bicycle!", "March 21, 2011 at 12:56 pm | Reply"]
    labels = classify_lines(page)
    assert labels[:5] == ["body"] * 5


from hypothesis import given, settings, strategies as st  # noqa: E402

from pipeline.stages.threads import TAIL_ARTICLE_RATIO, TAIL_MIN_ARTICLE, TAIL_VOICE_RATIO  # noqa: E402

_POOL = REPORT + READERS + ["The cranes were old anyway.", "Do you live near the port?", "We must rebuild.",
                            "the rest of a quote, cut by the crawl", "Our readers asked us why."]


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(_POOL), min_size=0, max_size=30))
def test_tail_thread_splits_only_under_an_article_and_over_enough_readers(lines):
    cues = load_cues()
    at = tail_thread(lines, list(range(len(lines))), cues)
    if at is None:
        return
    voiced = lambda l: any(p.search(l) for p in cues.comment_voice)  # noqa: E731
    reporting = lambda l: any(p.search(l) for p in cues.reporting_line)  # noqa: E731
    above, below = lines[:at], lines[at:]
    assert at >= TAIL_MIN_ARTICLE
    av, ar = sum(map(voiced, above)), sum(map(reporting, above))
    bv, br = sum(map(voiced, below)), sum(map(reporting, below))
    assert ar > av and ar >= TAIL_ARTICLE_RATIO * av  # an article of reporting above
    assert bv >= TAIL_MIN_VOICED and bv >= TAIL_VOICE_RATIO * br  # readers below
    assert cues.thread_start_voice[0].search(lines[at]) and not reporting(lines[at])  # one reader opens it
