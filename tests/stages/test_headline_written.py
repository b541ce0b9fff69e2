"""The sentence's own line and the hybrid choice (issue 18, eighth round; docs/events.md "Eighth round").
Expected lines written by hand for made-up sentences."""
import pytest

from pipeline.schema import Document
from pipeline.stages import process_document
from pipeline.stages.headline_written import opens_as_written, prefer_written, written_line


def _doc(text):
    return process_document(Document(doc_id="t_en", text="Title line\n\n" + text + "\n", published="2024-03-04"))


def _sentence(doc, needle):
    return next(s for s in doc.sentences if needle in doc.text[s.start : s.end])


@pytest.mark.parametrize("text, line", [
    # an opening adverbial up to its comma goes, the dateline too
    ("ZENDA, March 4 (Reuters) - On Tuesday, the Ruritanian embassy lodged a protest with the Borovian side.",
     "The Ruritanian embassy lodged a protest with the Borovian side"),
    # a source lead labels the line
    ("According to Karl Heller, the rebels had failed on Monday to withdraw from the valley.",
     "Karl Heller: The rebels had failed to withdraw from the valley"),
    # a closing attribution goes when the clause before it is complete
    ("Heavy gunfire and explosions were heard near the Zenda airport late Sunday, a reporter said.",
     "Heavy gunfire and explosions were heard near the Zenda airport"),
    # a participle lead is the main clause's circumstance; the place of "said" gives way to what was said
    ("Speaking at a news conference in Zenda, Heller said on Monday that Ruritania had sent a letter to the council.",
     "Heller said that Ruritania had sent a letter to the council"),
    # too long: cut at a phrase boundary, with an ellipsis
    ("The Office has also documented that the Ruritanian military had forcibly recruited young Zendan men and boys "
     "to fight on its side on 3 March.",
     "The Office has also documented that the Ruritanian military had forcibly recruited young Zendan men…"),
])
def test_the_written_line(text, line):
    doc = _doc(text)
    assert written_line(doc, _sentence(doc, text.split()[-2])) == line


def test_an_opening_pronoun_names_its_antecedent():
    doc = _doc("UN spokesperson Karl Heller said on Monday that the boats had been turned back. "
               "He urged Borovia and other States to protect those seeking it on Tuesday.")
    assert written_line(doc, _sentence(doc, "He urged")) == "Karl Heller urged Borovia and other States to protect those seeking it"


@pytest.mark.parametrize("line, sentence, expected", [
    ("Ruritania fight on its side", "The Ruritanian military had recruited young men to fight on its side.", False),  # a name and a verb glued
    ("Borovia allied militias", "Borovian troops and allied militias were resisting on several fronts.", False),  # no verb
    ("Ruritanian drones struck port infrastructure", "KYIV (Reuters) - Ruritanian drones struck port infrastructure.", True),
    ("Karl Heller: The rebels had failed", "According to Karl Heller, the rebels had failed to withdraw.", True),  # the label is no part of it
    ("Ruritania", "Ruritania said nothing.", False),  # one word: nothing to check, the written line decides
])
def test_opens_as_written(line, sentence, expected):
    assert opens_as_written(line, sentence) is expected


def test_prefer_written_keeps_a_line_that_opens_as_written_and_replaces_a_rebuilt_one():
    text = "The Ruritanian embassy in Zenda on Tuesday lodged a protest with the Borovian side over groundless accusations."
    doc = _doc(text)
    s = _sentence(doc, "embassy")
    assert prefer_written(doc, s, "Ruritanian embassy in Zenda lodged a protest") == "Ruritanian embassy in Zenda lodged a protest"
    assert prefer_written(doc, s, "Ruritania called groundless accusations") == (
        "The Ruritanian embassy in Zenda lodged a protest with the Borovian side over groundless accusations")


def test_prefer_written_keeps_the_extractor_line_when_the_written_one_is_cut_inside_an_aside():
    text = ("Karl Heller, on his fourth trip to the region since the war began, met Prime Minister Rudolf Rassendyll "
            "and members of the war cabinet in Zenda on Tuesday.")
    doc = _doc(text)
    s = _sentence(doc, "fourth trip")
    assert written_line(doc, s).endswith("…") and "met" not in written_line(doc, s)
    assert prefer_written(doc, s, "Heller met Prime Minister Rudolf Rassendyll") == "Heller met Prime Minister Rudolf Rassendyll"


def test_the_pipeline_line_of_a_pronoun_sentence_names_the_speaker():
    doc = _doc("UN spokesperson Karl Heller said on Monday that the boats had been turned back. "
               "He urged Borovia and other States to protect those seeking it on Tuesday.")
    assert {e.date_text: e.headline for e in doc.events}["Tuesday"] == "Karl Heller urged Borovia and other States to protect those seeking it"


def test_an_untagged_foreign_article_keeps_the_extractor_line():
    text = ("El presidente de Ruritania, Karl Heller, despidió a los agentes en Zenda el lunes y aseguró que la misión "
            "restaurará la esperanza de la población, según dijo el gobierno de la república en un comunicado oficial.")
    doc = _doc(text)
    s = _sentence(doc, "despidió")
    assert prefer_written(doc, s, "Ruritania aseguró la misión") == "Ruritania aseguró la misión"
