"""Page furniture in headlines (issue 18, fourth round's held-out failures "Update in Cairo", "Page last updated an
error occurred"). A sentence that is only a live blog's bracketed update stamp dates the paragraph after it: its
events read that paragraph's line. A page stamp opening a sentence, and a server's error message after it, are
blanked (headlines.yaml `update_stamps`, `page_debris`). Expected lines written by hand for made-up pages."""
from pipeline.schema import Document, Sentence
from pipeline.stages import process_document
from pipeline.stages.headline_text import _blank_lead


def _lines(text):
    doc = process_document(Document(doc_id="t_en", text=text + "\n", published="2023-04-20"))
    return [(e.date_text, e.headline) for e in doc.events]


def test_a_stamp_alone_dates_the_next_paragraph_and_reads_its_line():
    text = ("Live updates from Zenda.\n\n(Update 12:31 a.m. Tuesday in Zenda, 5:31 p.m. ET Monday) "
            "A Ruritanian trade envoy is missing in Zenda, the Strelsau Times reports.\n\nTalks resume later.\n")
    doc = process_document(Document(doc_id="t_en", text=text, published="2023-04-20"))
    stamp = [e for e in doc.events if e.quote.startswith("(Update")]
    assert stamp, "the stamp's dates are events (their section's business, not the line's)"
    assert {e.headline for e in stamp} == {"A Ruritanian trade envoy is missing in Zenda"}


def test_a_page_stamp_and_a_server_message_opening_a_sentence_are_no_part_of_the_line():
    lines = dict(_lines("Page last updated at 11:14 GMT, Thursday, 3 February 2011 (an error occurred while processing "
                        "this directive) The mother of the singer Otto Brandt said promoters ignored signs of stress."))
    assert lines["11:14 GMT, Thursday, 3 February 2011"] == \
        "The mother of the singer Otto Brandt said promoters ignored signs of stress"


def test_a_date_in_a_blanked_stamp_has_no_line_of_its_own_and_the_help_link_is_furniture():
    lines = _lines("6 January 2011 Last updated at 04:46 GMT Help A bodyguard to the singer Otto Brandt has testified in Strelsau.")
    assert [h for _, h in lines] == ["A bodyguard to the singer Otto Brandt has testified in Strelsau"] * 2


def test_a_stamp_word_opening_an_ordinary_sentence_stays():
    local = "Updated figures show that 40 people died in the valley."
    assert _blank_lead(local) == local
    local = "Published by the ministry, the report blames the army."
    assert _blank_lead(local) == local
