"""The outlet from a dateline or credit line when the metadata names none (issue 20): every rule's own
examples (from pipeline/data/lexicon/credits.yaml), rule order, and metadata never overridden."""
import pytest

from pipeline.schema import Document
from pipeline.stages import credits
from pipeline.stages.sections import find_blocks

RULES = credits.load_rules()


@pytest.mark.parametrize("rule, text, outlet",
                         [(r, t, o) for r in RULES for t, o in r.examples],
                         ids=lambda v: v.id if isinstance(v, credits.CreditRule) else None)
def test_rule_examples(rule, text, outlet):
    assert credits.find_outlet(text, None, (rule,)) == (outlet, rule.id)
    assert credits.find_outlet(text) is not None  # and the whole rule set finds an outlet in it


def test_dateline_wins_over_footer_and_only_in_the_head():
    text = ("Ministers meet\n\nHARBOURTOWN (Global Wire)—Ministers met on Tuesday.\n\nMore text.\n\n"
            "Valley Times reserves the right to remove comments.")
    assert credits.find_outlet(text, find_blocks(text)) == ("Global Wire", "dateline_parenthesis")
    late = "\n\n".join(["Title"] + [f"Paragraph {i} of the story." for i in range(10)]
                       + ["NORTHPORT (Late Wire)—quoted deep in the text."])
    assert credits.find_outlet(late, find_blocks(late)) is None


def test_nothing_found_in_plain_text():
    assert credits.find_outlet("The minister said on Tuesday that talks would go on.") is None


def test_metadata_outlet_is_kept():
    text = "HARBOURTOWN (Global Wire)—Ministers met on Tuesday."
    doc = Document(doc_id="a", text=text, source="Daily Ledger")
    doc.blocks = find_blocks(text)
    assert credits.annotate(doc).source == "Daily Ledger"
    doc = Document(doc_id="b", text=text)
    doc.blocks = find_blocks(text)
    assert credits.annotate(doc).source == "Global Wire"


def _doc(text, title):
    doc = Document(doc_id="d", text=text, title=title)
    doc.blocks = find_blocks(text)
    return credits.annotate(doc)


def test_a_date_line_taken_as_title_gives_way_to_the_headline():
    """Issue 20: a source was titled "Date: 29 December 2020" (the reader takes the first line)."""
    text = ("Date: 3 March 2021\n\nValley monitors reach the border\n\n"
            "Joint monitors reached the valley on 3 March 2021, a day later than planned.\n")
    assert _doc(text, "Date: 3 March 2021").title == "Valley monitors reach the border"
    # a title from the metadata, or a first line that is the headline, is kept
    assert _doc(text, "Monitors arrive").title == "Monitors arrive"
    plain = "Valley monitors reach the border\n\nJoint monitors reached the valley on 3 March 2021.\n"
    assert _doc(plain, "Valley monitors reach the border").title == "Valley monitors reach the border"
