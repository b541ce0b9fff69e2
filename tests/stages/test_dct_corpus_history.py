"""Issue 22: a lender's history date lends no year. Articles written for this test (Norland and Sudvia are not real)."""
from pipeline import timex
from pipeline.schema import Document
from pipeline.stages import dct


def _corpus():
    lender = Document(doc_id="a", published="2024-11-26", text=(
        "Sudvia militias shelled Norland border posts on October 8, 2023, one day after the attack of October 7 "
        "on the frontier villages, and the fighting has not stopped since."))
    undated = Document(doc_id="u", text="Norland still mourns the dead of the attack of October 7 on the frontier villages.")
    return [timex.annotate(d) for d in (lender, undated)]


def test_the_lenders_day_is_its_episodes_year():
    lender, _ = _corpus()
    assert [(t.text, t.value) for t in lender.timexes if t.text.startswith("October")] == [
        ("October 8, 2023", "2023-10-08"), ("October 7", "2023-10-07")]


def test_a_history_date_lends_no_year_to_an_undated_article():
    docs = _corpus()
    assert dct.borrow_from_corpus(docs) == []
    assert docs[1].published is None


def test_a_recent_date_still_lends_its_year():
    lender = Document(doc_id="a", published="2024-11-26", text="Sudvia militias shelled the frontier villages on 20 November 2024.")
    undated = Document(doc_id="u", text="After the Nov. 20 shelling of the frontier villages, Norland mourns.")
    docs = [timex.annotate(d) for d in (lender, undated)]
    assert dct.borrow_from_corpus(docs) == [docs[1]]
    assert docs[1].published == "2024-11"
