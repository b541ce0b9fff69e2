"""triggers: a type's pattern narrowed to the words a match beginning with a letter may be of finds, at every
place, what the whole pattern finds (the same first alternative in the same order), in either case; and the fast
openings scan begins where the plain look-ahead matched."""
import re

import pytest

from hypothesis import given, settings, strategies as st

from pipeline.stages import triggers

_LEX = triggers.load_lexicon()
# the words' own letters and spellings, cut and joined anyhow: matches, near-misses and longer words
_PIECES = sorted({w for words in _LEX.words for word in words for w in re.findall(r"[^\W\d_]+", word)})


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(_PIECES), min_size=1, max_size=6),
       st.lists(st.sampled_from(["", " ", "-", "ed ", "s ", ", ", "ing "]), min_size=6, max_size=6),
       st.booleans())
def test_narrowed_pattern_matches_as_the_whole(pieces, joints, upper):
    text = "".join(p + j for p, j in zip(pieces, joints))
    text = text.upper() if upper else text
    every = [*_LEX.types, ("REPORT", _LEX.report)]
    for pos, ch in enumerate(text):
        for i, (_name, pat) in enumerate(every):
            narrow = _LEX.narrowed(i, pat, ch)
            whole, got = pat.match(text, pos), narrow.match(text, pos)
            assert (whole and whole.span()) == (got and got.span()), (text, pos, _name)


def test_narrowed_keeps_the_order_and_leaves_other_characters_whole():
    i = next(k for k, words in enumerate(_LEX.words) if len({w[:1].lower() for w in words}) > 1)
    pat = _LEX.types[i][1] if i < len(_LEX.types) else _LEX.report
    letter = _LEX.words[i][0][0]
    narrow = _LEX.narrowed(i, pat, letter)
    assert narrow is not pat and len(narrow.pattern) < len(pat.pattern)
    at = [narrow.pattern.find(f"(?:{w})") for w in _LEX.words[i]]
    kept = [a for a in at if a >= 0]
    assert kept and kept == sorted(kept)  # the words kept, in the lexicon's order (longest first)
    assert _LEX.narrowed(i, pat, "é") is pat and _LEX.narrowed(i, pat, "1") is pat


_GROUPS = [("[Aa]", "agree|attack(?:ed)?"), ("[Ss]", "s(?:ign|eize)"), ("[iI]", "invade|impose"), ("[k]", "kill"),
           ("[fa]", "(?:(ferr(y|ies)|airdrop(s|ped)?) (aid|food))"), ("[é]", "évacu")]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_GROUPS), min_size=1, max_size=4, unique=True),
       st.text(alphabet="agreAGRE ttackedSIGNsign eizeinvadeimpose kill KILL\u212aſİı -’é.évacuferyairdropsd fo", max_size=60))
def test_fast_opens_begin_where_the_look_ahead_matches(groups, text):
    # the plain form: a guard look-ahead per group, all in one look-ahead after the word boundary (empty matches)
    plain = re.compile(triggers._BOUNDARY_BEFORE + "(?=" + "|".join(f"(?={g})(?:{b})" for g, b in groups) + ")", re.I)
    fast = triggers._fast_opens(groups)
    assert [m.start() for m in fast.finditer(text)] == [m.start() for m in plain.finditer(text)]
    assert [m.start() for m in fast.finditer(text, 2, 40)] == [m.start() for m in plain.finditer(text, 2, 40)]


def test_fast_opens_need_every_group_guarded():
    assert triggers._fast_opens([("[a]", "agree"), ("", "x|y")]) is None
    assert triggers.load_lexicon().opens.pattern.startswith("(?-i:[")  # the packaged lexicon's groups all are


@pytest.mark.parametrize("text", ["\u212aill them", "we ſeize it", "İnvade", "ıMPOSE", "KILL", "x-kill", "évacuer", "ferry aid"])
def test_fast_opens_at_characters_that_fold_to_a_letter(text):
    plain = re.compile(triggers._BOUNDARY_BEFORE + "(?=" + "|".join(f"(?={g})(?:{b})" for g, b in _GROUPS) + ")", re.I)
    assert [m.start() for m in triggers._fast_opens(_GROUPS).finditer(text)] == [m.start() for m in plain.finditer(text)]
