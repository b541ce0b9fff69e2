"""triggers: the openings `opens` scans for stand for every match of their words (a word's first letters only
when all its matches begin with them), so the fast scan finds what each pattern finds (see also the
hypothesis tests in test_events.py)."""
import re

import pytest

from pipeline.stages import triggers


@pytest.mark.parametrize("word, opening", [
    ("agreement", "agree"),          # letters: its first OPENING_LETTERS
    ("agreed to", "agree"),
    ("deals?", "deals?"),             # the fifth letter may be left out: the word itself
    ("signe+d", "signe+d"),
    ("met", "met"),                   # letters only, short: itself
    ("se(n|t)d", "se(n|t)d"),         # fewer plain letters than OPENING_LETTERS
    ("occupy|occupied", "occupy|occupied"),  # a top-level alternative: itself
    ("(air|drone) ?strikes?", "(air|drone) ?strikes?"),
    ("x\\w*", "x\\w*"),
])
def test_opening(word, opening):
    assert triggers.OPENING_LETTERS == 5
    assert triggers._opening(word) == opening


@pytest.mark.parametrize("word", ["agreement", "agreed to", "deals?", "signe+d", "met", "se(n|t)d", "occupy|occupied"])
@pytest.mark.parametrize("text", ["AGREEMENT", "Agreed to", "deal", "deals", "signeed", "MET", "sent", "occupied",
                                  "agreeable", "ſigned"])
def test_an_opening_matches_wherever_its_word_does(word, text):
    if re.match(word, text, re.IGNORECASE):
        assert re.match(triggers._opening(word), text, re.IGNORECASE)
