"""triggers' fast scan: a word's alternatives spelt out give first letters and heads that every match begins with,
and the trie of openings matches exactly where one of its words begins (so `opens` never misses a trigger)."""
import re

import pytest
from hypothesis import given, settings, strategies as st

from pipeline.stages import triggers


@pytest.mark.parametrize("word, alternatives", [
    ("occupy|occupied", ["occupy", "occupied"]),
    ("(air|drone) ?strikes?", ["air ?strikes?", "drone ?strikes?"]),
    ("(deal|agreement) (was )?struck", ["deal (was )?struck", "agreement (was )?struck"]),
    ("(a|(b|c)d)e", ["ae", "bde", "cde"]),
    ("a\\|b|c", ["a\\|b", "c"]),              # an escaped bar is no alternative
    ("(a|b)?c", ["(a|b)?c"]),                 # an optional group: left alone
    ("(?:told)", ["(?:told)"]),               # a group with flags or no capture: left alone
    ("[ab]c|d", ["[ab]c|d"]),                 # a character class: left alone
    ("meet(s|ing)?", ["meet(s|ing)?"]),
])
def test_alternatives(word, alternatives):
    assert triggers._alternatives(word) == alternatives


_WORDS = ["occupy|occupied", "(air|drone) ?strikes?", "(deal|agreement) (was )?struck", "(a|(b|c)d)e", "a\\|b|c",
          "meet(s|ing)?", "sign(s|ed)? (\\w+ ){0,3}deal"]


@settings(max_examples=300, deadline=None)
@given(st.sampled_from(_WORDS), st.text(alphabet="abcdeimnorstuwyDAOS |\\gl", max_size=30))
def test_every_match_begins_with_a_head_of_an_alternative(word, text):
    m = re.compile(word, re.IGNORECASE).match(text)
    if m:
        heads = [triggers._head(x) for x in triggers._alternatives(word)]
        assert any(h is not None and text[: len(h)].lower() == h.lower() for h in heads)
        assert any(triggers._first_letter(x) and text[:1].lower() == triggers._first_letter(x).lower()
                   for x in triggers._alternatives(word))


def test_the_packaged_lexicon_knows_every_list_first_letters():
    # "occupy|occupied", "(air|missile|...) ?strikes?" and "(deal|agreement) (was )?struck" no longer hide them
    lex = triggers.load_lexicon()
    assert all(f is not None for f in lex.firsts) and all(h is not None for h in lex.heads)
