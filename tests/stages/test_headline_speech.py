"""Speech frames and transcript turns in headlines (issue 18): an event inside what someone says is the speaker's
line. Hand-annotated, names invented, in the shape of the failures read in bench/data/headlines_judged.jsonl
(sample FRESH6: items 11, 20, 29, 31, 42, 46)."""
from __future__ import annotations

import pytest

from pipeline.schema import Document
from pipeline.stages import process_document


def _headlines(text, published="2010-01-20"):
    doc = process_document(Document(doc_id="t_en", text=text + "\n", published=published))
    return [e.headline for e in doc.events]


@pytest.mark.parametrize("text, line", [
    # a closing frame: the speaker after the quote, then the quote's opening clause (was "May be distantly related")
    ('"One of our working hypotheses is that older adults may have some protection due to exposure to some virus that '
     'may be distantly related," Brenner said on Monday.',
     "Brenner: One of our working hypotheses is that older adults may have some protection"),
    # an opening frame with a speech verb that types no event ("tell"): the speaker stays (was "A lack of ...")
    ("Building experts tell the BBC poor housing and a lack of building regulations have contributed to the "
     "devastation in Strelsau on Tuesday.",
     "Building experts tell the BBC poor housing and a lack of building regulations have contributed"),
    # the event in the second clause of what the speaker says: the speaker, never a place, is the subject
    ("Ruritanian President Rudolf Elphberg said on Tuesday the scale of the devastation in Strelsau is extraordinary, "
     "and it will take time to establish distribution points.",
     "Ruritanian President Rudolf Elphberg said the scale of the devastation in Strelsau is extraordinary"),
    # the said clause holding the event: after "and that" (was "... talks would continue in Nairobi and that Kenya…")
    ("The source said on Monday talks would continue in Nairobi and that Kenya expected eventually to reach a "
     "compromise with Ethiopia.", "The source said Kenya expected eventually to reach a compromise with Ethiopia"),
    # the speaker in an appositive after the quote; the quote ends at its mark, the speaker is not repeated after it
    ('"It was the perfect shot," the battalion commander, Lt Col Rupert Hentzau, said of one incident on Monday.',
     "Lt Col Rupert Hentzau: It was the perfect shot"),
    # a title before the speaker's name gives the name ("foreign policy chief Anton Roe")
    ('"The envoy was assaulted in his residence, and we will never accept it," Freedonian foreign policy chief Anton Roe '
     'told reporters on Monday.',
     "Anton Roe: The envoy was assaulted in his residence"),
])
def test_an_event_inside_what_a_speaker_says_is_the_speakers_line(text, line):
    heads = _headlines(text)
    assert heads and all(h.startswith(line) for h in heads), heads


def test_an_adjective_after_an_article_is_no_speaker():
    heads = _headlines("An estimated 1.5 million people were left homeless by the quake on Tuesday.")
    assert heads == ["An estimated 1.5 million people were left homeless by the quake"]


def test_a_first_person_in_a_transcript_is_the_turns_speaker():
    text = ("KURTZ: Welcome back to the programme on Sunday.\n\n"
            "LT. COL. RUPERT HENTZAU, STRELSAU NEWS CONTRIBUTOR: Elphberg has conned us.\n\n"
            "We've helped him stay in power for years, since the 1981 election.\n\n"
            "GARY ROE, TVSTRELSAU.COM: I thought it was odd that he chose that note to launch the venture in 2009.")
    heads = _headlines(text)
    assert any(h.startswith("Lt. Col. Rupert Hentzau: We've helped him stay in power") for h in heads), heads
    assert any(h.startswith("Gary Roe: I thought it was odd") for h in heads), heads


def test_a_reported_fact_keeps_its_agent_before_a_trailing_source():
    """Not quoted, not in the first person: the source after it is no subject (issue 18: "never ... a source")."""
    text = ("The Freedonian envoy to Ruritania, Karl Brenner, was assaulted in his residence on Monday, Freedonian "
            "foreign policy chief Anton Roe said.")
    heads = _headlines(text)
    assert heads and all(not h.startswith("Anton Roe") and "was assaulted" in h for h in heads), heads


def test_a_pronoun_subject_is_its_nearest_named_speaker():
    """'Increasingly ... is treated like smoking, he said.' after Taunton spoke: Taunton's, not the president's."""
    text = ("President Rudolf Elphberg visited Strelsau on Monday. The visit was welcome, pastor Karl Brenner said.\n\n"
            "He said on Tuesday that churches had been closed in the capital.")
    heads = _headlines(text)
    assert any(h.startswith("Karl Brenner said") and "churches had been closed" in h for h in heads), heads


def test_a_quote_before_a_long_speaker_tag_ends_at_its_mark():
    text = ('"Fuel is the key issue," Anna Roe, a spokeswoman for the Freedonian Office for the Co-ordination of '
            'Humanitarian Affairs, told the BBC on Monday.')
    assert _headlines(text) == ["Anna Roe: Fuel is the key issue"]
