"""Subjects of headlines (issue 18): a second verb after "and" keeps the first one's subject and its own auxiliary,
and a place never labels a line as if it spoke. Hand-annotated, names invented (failures read on a development draw,
bench/headlines_sample.py --pick 6161 --seed 6161, not a judged sample)."""
from __future__ import annotations

import pytest

from pipeline.schema import Document
from pipeline.stages import process_document


def _headlines(text, published="2010-05-01"):
    return [e.headline for e in process_document(Document(doc_id="t_en", text=text + "\n", published=published)).events]


@pytest.mark.parametrize("text, line", [
    ("The company is evaluating a further 17,000 claims for payment and is seeking more information on 61,000 other "
     "claims on Monday.", "The company is seeking more information on 61,000 other claims"),
    ("The army has surrounded the town and is shelling it on Monday.", "The army is shelling it"),
])
def test_a_verb_after_and_keeps_the_first_verbs_subject_and_its_own_auxiliary(text, line):
    assert line in _headlines(text)


def test_a_place_does_not_label_a_line_naming_no_one():
    text = ("Starting in the upper left and moving like the hands of a clock you see people supporting the effort from "
            "Istanbul, Turkey, to Geneva, Switzerland, on Monday.")
    heads = _headlines(text)
    assert heads and not any(h.startswith(("Turkey:", "Switzerland:")) for h in heads), heads


@pytest.mark.parametrize("text, line", [
    # "as" completing the verb, "to" after a passive reporting verb: the line keeps them (were cut, the meaning changed)
    ("Karl Brenner died on 25 June. Dr Roe, who was with Brenner and tried to revive him before he died, has not been "
     "named as a suspect.", "Dr Roe has not been named as a suspect"),
    ("The crew member, who flew out to Strelsau on 20 April, is understood to have shown symptoms of fever before "
     "embarking.", "The crew member is understood to have shown symptoms of fever"),
])
def test_as_and_to_completing_the_verb_stay_in_the_line(text, line):
    assert line in _headlines(text)
