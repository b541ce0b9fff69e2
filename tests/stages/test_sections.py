"""Sections: captions, teasers, comments and furniture are told from the outlet's body."""
import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import ROOT
from pipeline.schema import SECTIONS
from pipeline.stages.sections import classify_lines, find_blocks

GOLDEN = sorted((ROOT / "tests" / "data" / "golden").glob("*.expected.json"))


def _line_cases():
    for path in GOLDEN:
        golden = json.loads(path.read_text(encoding="utf-8"))
        for case in golden.get("sections", []):
            yield pytest.param(golden["article"], case["text"], case["section"], id=f"{path.stem[:24]}:{case['text'][:30]}")


@pytest.mark.parametrize("article,line,expected", list(_line_cases()))
def test_golden_lines_get_their_section(article, line, expected):
    text = (ROOT / article).read_text(encoding="utf-8")
    pos = text.find(line)
    assert pos >= 0, f"golden line not in {article}: {line!r}"
    block = next(b for b in find_blocks(text) if b.start <= pos < b.end)
    assert block.section == expected, f"{line!r} is {block.section}, expected {expected}"


def test_comment_opener_without_heading_starts_comments():
    lines = [
        "Ruritania closes its border",
        "The government of Ruritania closed the northern border crossings on Monday after weeks of protests, officials said in a statement issued in the capital late on Monday night.",
        "John Smith said:",
        "This will end badly, mark my words.",
    ]
    assert classify_lines(lines) == ["body", "body", "comment", "comment"]


def test_repeated_credit_line_and_date_only_line():
    lines = [
        "Tuesday, 04/05/2021",
        "Soldiers at the border (Photo: Agency)",
        "Soldiers at the border (Photo: Agency)",
        "The army of Ruritania moved two brigades to the border on Monday, the defence ministry said, in the largest deployment since the war ended in 1999.",
    ]
    assert classify_lines(lines) == ["boilerplate", "caption", "caption", "body"]


def test_teaser_summary_ending_in_ellipsis_after_a_heading_line():
    lines = [
        "The army of Ruritania moved two brigades to the border on Monday, the defence ministry said, in the largest deployment since the war ended in 1999.",
        "Officials in the capital gave no reason for the move.",
        "Border talks collapse",
        "Talks between the two neighbours collapsed after only one day, with both sides blaming…",
    ]
    assert classify_lines(lines)[2:] == ["teaser", "teaser"]


@settings(max_examples=60, deadline=None)
@given(st.lists(st.sampled_from(list("ab .:\n…(") + ["Photo:", "Related", "said:", "Leave a Reply", "\n\n"]), max_size=80).map("".join))
def test_blocks_cover_each_nonblank_line_once_in_order(text):
    blocks = find_blocks(text)
    assert all(b.section in SECTIONS for b in blocks)
    assert all(a.end <= b.start for a, b in zip(blocks, blocks[1:]))
    covered = "".join(text[b.start : b.end] for b in blocks)
    assert covered == "".join(line.strip() for line in text.split("\n"))


LEAD = (
    "The army of Ruritania moved two brigades to the border on Monday, the defence ministry said, "
    "in the largest deployment since the war ended in 1999 according to officials in the capital."
)


def test_outlet_subhead_stays_body_but_a_restated_headline_is_a_teaser():
    subhead = [LEAD, "Why the border matters to both capitals", "Freedonia has long claimed the river valley, which holds most of the region's water and two key roads."]
    assert classify_lines(subhead)[1:] == ["body", "body"]
    teaser = [LEAD, "Freedonia recalls its ambassador from Ruritania", "Freedonia recalled its ambassador from Ruritania on Friday after a border incident, the foreign ministry said."]
    assert classify_lines(teaser)[1:] == ["teaser", "teaser"]


def test_one_line_links_and_bylines():
    lines = [LEAD, "Also Read | Freedonia, Ruritania to hold talks next week", "By Jane Doe | 4 May 2021", "By Friday, the brigades had reached the river."]
    assert classify_lines(lines)[1:] == ["teaser", "boilerplate", "body"]


@pytest.mark.parametrize("line, label", [
    ("Posted by staff writer on 03/05/2023 at 9:14 am", "boilerplate"),
    ("By Jane Doe on March 5, 2023", "boilerplate"),
    ("Von unserem Korrespondenten | Tiflis, 14.03.2022", "boilerplate"),
    ("Por Juan Pérez | Caracas, 3 de mayo de 2023", "boilerplate"),
    ("By Sunday at least 40 people had died in the clashes near the border.", "body"),
    ("By Anna Smith at the United Nations said the vote would take place on 3 June.", "body"),
])
def test_bylines_in_other_shapes_and_languages(line, label):
    assert classify_lines([LEAD, line])[1] == label


def test_teaser_block_ends_where_the_article_resumes():
    lines = [LEAD, "Related", "Freedonia closes border crossing", LEAD + " More.", LEAD + " Again.", "Officials gave no reason."]
    assert classify_lines(lines) == ["body", "boilerplate", "teaser", "teaser", "body", "body"]


# ---- issue 22: real pages (made-up text in the shapes of crawled pages)
def _sections(text):
    return [(text[b.start:b.end], b.section) for b in find_blocks(text)]


def test_headless_comment_thread_is_comment_from_its_first_signature():
    text = ("Ruritania closes its border\n\n"
            "The government of Ruritania closed the northern border crossings on Monday after weeks of protests, officials said in a statement issued in the capital late on Monday night.\n\n"
            "Officials said the crossings would stay shut until the end of the month.\n\n"
            "Great reporting as always.\n\n"
            "March 21, 2011 at 12:56 pm | Reply Why is nobody talking about the refugees?\n\n"
            "They crossed on March 3, 2011, thousands of them.\n\n"
            "March 21, 2011 at 1:04 pm | Report abuse | Reply Posted by: borderwatch | March 22, 2011 9:19 PM | Report abuse Agreed.\n")
    got = dict(_sections(text))
    assert got["Officials said the crossings would stay shut until the end of the month."] == "body"
    assert got["March 21, 2011 at 12:56 pm | Reply"] == "comment"  # the signature is its own block
    assert got["Why is nobody talking about the refugees?"] == "comment"
    assert got["They crossed on March 3, 2011, thousands of them."] == "comment"
    assert got["Agreed."] == "comment"


def test_photo_credit_opening_a_line_is_cut_off_and_the_sentence_stays_body():
    text = ("Oil reaches the coast\n\nPhotograph: Jane Roe/EPA Oil from the leaking well reached the coast of Ruritania on Friday, the coastguard said in a statement.\n")
    got = dict(_sections(text))
    assert got["Photograph: Jane Roe/EPA"] == "caption"
    assert got["Oil from the leaking well reached the coast of Ruritania on Friday, the coastguard said in a statement."] == "body"


@pytest.mark.parametrize("line, section", [
    ("Demonstrators march through the streets of Ostburg, Ruritania, July 17, 2011.", "caption"),
    ("Fire crews battle the blaze off the coast, in this handout photograph taken on April 21, 2010.", "caption"),
    ("Protesters shout slogans in the main square. REUTERS/Jane Roe", "caption"),
    ("The deal was signed on Thursday, June 3, 2010.", "body"),        # a sentence, not a picture's description
    ("Ruritania is burning — Jane Roe (@janeroe) March 21, 2011", "boilerplate"),  # a tweet embed
    ("1,204 retweets", "boilerplate"),
    ("Follow us on Twitter for the latest news", "boilerplate"),
    ("YES | NO By borderwatch | Posted March 19, 2011", "boilerplate"),
    ("Sign up for our daily newsletter", "boilerplate"),
    ("Most popular: Ruritania votes on new constitution", "teaser"),
])
def test_real_page_cues(line, section):
    body = "The government of Ruritania closed the northern border crossings on Monday after weeks of protests, officials said in a statement issued in the capital late on Monday night."
    text = f"Title\n\n{body}\n\n{line}\n\n{body} Again.\n"
    assert dict(_sections(text))[line] == section


def test_a_thread_starts_after_the_invitation_to_comment_before_its_first_signature():
    text = ("Ask our correspondent\n\n"
            "The government of Ruritania closed the northern border crossings on Monday after weeks of protests, officials said in a statement issued in the capital late on Monday night.\n\n"
            "Please leave all your questions on Ruritania below.\n\n"
            "Why did the border close on Monday?\n\n"
            "March 21, 2011 at 12:56 pm | Reply Will it reopen?\n")
    got = dict(_sections(text))
    assert got["Please leave all your questions on Ruritania below."] == "body"
    assert got["Why did the border close on Monday?"] == "comment"
    assert got["Will it reopen?"] == "comment"


def test_unsigned_first_comments_above_the_first_signature_are_comments_back_to_the_reporting():
    body = "The government of Ruritania closed the northern border crossings on Monday after weeks of protests, officials said in a statement issued in the capital late on Monday night."
    text = (f"Ruritania closes its border\n\n{body}\n\n"
            "\"We will not reopen until order returns,\" the minister said.\n\n"
            "Nearly 1,000 people have crossed since January.\n\n"
            "I think the minister is wrong.\n\n"
            "Why close it now?\n\n"
            "March 21, 2011 at 12:56 pm | Report abuse | Reply Agreed.\n")
    got = dict(_sections(text))
    assert got["\"We will not reopen until order returns,\" the minister said."] == "body"
    assert got["Nearly 1,000 people have crossed since January."] == "body"   # no reader's voice: the outlet's
    assert got["I think the minister is wrong."] == "comment"
    assert got["Why close it now?"] == "comment"
    assert got["March 21, 2011 at 12:56 pm | Report abuse | Reply"] == "comment"  # overlapping cues: one block


def test_a_line_repeated_on_many_pages_is_furniture_and_counts_once():
    from pipeline import timex
    from pipeline.schema import Document
    from pipeline.stages import process_document
    from pipeline.stages.sections import REPEATED_PAGES, WIDGET_PAGES, mark_repeated

    widget = "Ruritania votes again on 3 March 2021 after the border deal RETWEET"
    news = "Norland and Sudvia signed the border deal on 2 March 2021 in Ostburg."
    def page(k, extra):
        body = f"Page {k}: the government of Ruritania met the opposition on 1 March 2021 to discuss reforms, officials said."
        return process_document(Document(doc_id=f"p{k}", text=f"Title {k}\n\n{body}\n\n{extra}\n", published="2021-03-04"))
    few = [page(k, news) for k in range(REPEATED_PAGES)]
    many = [page(k + 100, widget) for k in range(WIDGET_PAGES)]
    assert all(any(e.quote == news for e in d.events) for d in few)
    changed = mark_repeated(few + many)
    assert len(changed) == REPEATED_PAGES - 1 + WIDGET_PAGES
    assert [any(e.quote == news for e in d.events) for d in few] == [True] + [False] * (REPEATED_PAGES - 1)
    assert not any(e.quote == widget for d in many for e in d.events)
    assert all(any(e.quote.startswith("Page") for e in d.events) for d in few + many)  # each page's own news stays
