"""cue_gates.matches must answer exactly as the whole cue pattern (issue 18: a speed-up that changes nothing)."""
import re
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import ROOT
from pipeline.stages import cue_gates
from pipeline.stages.cue_gates import matches, split_alternatives
from pipeline.stages.sections import load_cues

CUES = load_cues()
FAMILIES = [p for name in ("caption", "furniture", "furniture_more", "comment_invitation", "teaser_line",
                           "comments_heading", "comment_opener", "furniture_heading", "teaser_heading")
            for p in getattr(CUES, name)]
GATED = [p for p in FAMILIES if cue_gates._make_plan(p) is not None]


def test_the_costly_families_are_gated():
    # the caption family's `.*` alternatives are what made it slow; a gate that never applies would be a no-op
    assert any(p in CUES.caption for p in GATED)


def test_split_alternatives_reads_top_level_bars_only():
    assert split_alternatives(r"(?:a|b)|[|(]x|\|y") == ["(?:a|b)", "[|(]x", r"\|y"]
    assert split_alternatives(r"(?:a|b") is None


# Pieces of real cue lines and of what the gates compare: case, Unicode letters `re` folds specially, credits.
PIECES = ["Photo: ", "PHOTO CREDIT", "(AP Photo/Name)", "Reuters/", "REUTERS/John Doe", "[EPA]", "© AFP", "crédit photo",
          "Crédit Photo : X", "in this file photo", "Getty Images", " — ", ", Nov. 3, 2020", ", Monday, March 4, 2019.",
          "ſ", "ı", "İ", "K", "Σ", "REUTERſ/John Doe", "(AP PHOTO/Name)", "Getty Imageſ", "İn thİs fİle photo", "фото", "Фото: ", "bit.ly/x1", "Follow us on Twitter", "1.2k retweets",
          "Leave your comments below", "Share your views", ". Foto: Archivo", "word ", "the ", ". ", "(", ")", "\u00e9"]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(PIECES) | st.text(max_size=6), max_size=10))
def test_matches_equals_the_whole_pattern(parts):
    line = "".join(parts)
    for p in FAMILIES:
        assert matches(p, line) == (p.match(line) is not None), (p.pattern[:80], line)


def test_matches_equals_the_whole_pattern_on_real_lines():
    files = [f for d in ("seeds", "tests/data/articles", "tests/data/dct", "bench/data/world/articles")
             for f in sorted((Path(ROOT) / d).rglob("*.txt"))]
    lines = [l.strip() for f in files for l in f.read_text(encoding="utf-8", errors="replace").splitlines() if l.strip()]
    assert len(lines) > 500
    hits = 0
    for line in lines:
        for p in GATED:
            want = p.match(line) is not None
            hits += want
            assert matches(p, line) == want, (p.pattern[:80], line[:120])
    assert hits > 0  # some real lines are captions or furniture: the comparison covers matches too


def test_a_pattern_with_a_back_reference_is_left_whole():
    p = re.compile(r"(?:.*(ab)\1)|(?:.*cd)|(?:.*ef)", re.IGNORECASE)
    assert cue_gates._make_plan(p) is None
    assert matches(p, "xx abab") and not matches(p, "xx ab")


# may_search: a whole-text pattern is skipped only where it cannot match (issue 18, build cost)
_CREDIT_PIECES = ["©", "(c)", "(C)", "Copyright", "copyright", "COPYRIGHT", " 2020 ", "by ", "the ", "Reuters", "ſ", "\n",
                  "All rights reserved", " reserves the right", "Source: ", "SOURCE", "published by ", "x"]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(_CREDIT_PIECES) | st.text(max_size=5), max_size=12))
def test_may_search_never_skips_a_match(parts):
    from pipeline.stages.credits import load_rules
    text = "".join(parts)
    for rule in load_rules():
        if rule.pattern.search(text):
            assert cue_gates.may_search(rule.pattern, text), (rule.id, text)


def test_may_search_skips_a_text_without_the_pattern_strings():
    copyright = re.compile(r"(?:©|\([cC]\)|\bCopyright)\s*(?P<outlet>[A-Z]\w+)")
    assert not cue_gates.may_search(copyright, "A long article that names no rights holder at all.")
    assert cue_gates.may_search(copyright, "Copyright Reuters")
    assert cue_gates.may_search(re.compile(r"(?i)copyright"), "no strings known: always searched")
