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


# ------------------------------------------------------------------ cameo: a verb with no object opener in reach
def test_cameo_skips_objects_only_where_none_can_begin():
    from pipeline.stages import cameo

    lex = cameo.CameoLexicon({"send": "MOBILIZE"}, {"send": (((frozenset({"aid", "food aid"}),), "AID"),)}, 1)
    openers = cameo._object_openers(lex)
    assert openers == {"send": frozenset({"aid", "food aid"})}
    words = lambda text: [(m.start(), m.end(), m.group().lower()) for m in cameo._WORD.finditer(text)]
    assert cameo.find_cameo_triggers("they send more food aid", 0, 23, lex) == [(5, 23, "AID")]
    assert cameo.find_cameo_triggers("they send many more new food aid", 0, 32, lex) == [(5, 32, "AID")]  # 4th word on
    assert cameo.find_cameo_triggers("they send many more new big food aid", 0, 36, lex) == [(5, 9, "MOBILIZE")]  # 5th: out of reach
    assert cameo._may_have_object(words("send two aid"), 0, openers["send"])
    assert not cameo._may_have_object(words("send two three four five aid"), 0, openers["send"])
    assert cameo._may_have_object(words("send x"), 0, None)  # an empty object: always tried


@pytest.mark.parametrize("word, head", [
    ("agreement", "agree"), ("deals?", "deal"), ("met", "met"), ("se(n|t)d", "se"), ("x\\w*", "x"),
    ("a?", None), ("occupy|occupied", None), ("(air|drone) ?strikes?", None), ("[ab]c", None),
])
def test_head(word, head):
    assert triggers._head(word) == head


@pytest.mark.parametrize("word", ["agreement", "deals?", "met", "se(n|t)d", "x\\w*"])
@pytest.mark.parametrize("text", ["AGREEMENT", "deal", "deals", "MET", "sent", "SEND", "xylophone", "ſend", "agreeable"])
def test_a_head_matches_wherever_its_word_does(word, text):
    if re.match(word, text, re.IGNORECASE):
        assert re.compile(re.escape(triggers._head(word)), re.IGNORECASE).match(text[: triggers.OPENING_LETTERS])
