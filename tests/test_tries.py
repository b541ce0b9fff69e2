"""pipeline.tries: one trie builder for the timex grammar, the actors' titles and the triggers' openings."""
import re

from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.tries import longest_each, trie_regex

WORDS = st.lists(st.text(alphabet="abcAB", min_size=1, max_size=4), min_size=1, max_size=8)


@settings(max_examples=300, deadline=None)
@given(WORDS, st.text(alphabet="abcAB ", max_size=8))
def test_the_prefix_trie_matches_where_a_word_begins(words, text):
    trie = re.compile(trie_regex(words, prefixes=True), re.IGNORECASE)
    plain = re.compile("|".join(f"(?:{w})" for w in words), re.IGNORECASE)
    for pos in range(len(text) + 1):
        assert bool(trie.match(text, pos)) == bool(plain.match(text, pos))


@settings(max_examples=300, deadline=None)
@given(WORDS, st.text(alphabet="abcAB ", max_size=8))
def test_the_trie_matches_the_longest_word_at_a_position(words, text):
    trie = re.compile(trie_regex(words))
    for pos in range(len(text) + 1):
        m = trie.match(text, pos)
        longest = max((w for w in words if text.startswith(w, pos)), key=len, default=None)
        assert (m.group() if m else None) == longest


def test_a_space_in_a_word_matches_the_given_space_and_specials_are_escaped():
    pattern = re.compile(trie_regex(["New York", "a.m.", "New"]))
    assert pattern.match("New   York").group() == "New   York"
    assert pattern.match("New-York").group() == "New"
    assert pattern.match("a.m.").group() == "a.m." and not pattern.match("axmx")
    assert re.compile(trie_regex(["New York"], space=" ")).match("New  York") is None


# `longest_each`: the anchors' scan of the timex tagger (issue 18, build cost) must find what `(?=(trie))` finds
_WORDS = st.lists(st.text(alphabet="ab c.", min_size=1, max_size=4), min_size=1, max_size=8)


@settings(max_examples=300, deadline=None)
@given(_WORDS, st.text(alphabet="ab c.-x\n", max_size=60))
def test_longest_each_is_the_lookahead_scan(words, text):
    body = trie_regex(set(words), space=" ")
    look = [(m.start(), m.group(1)) for m in re.finditer(f"(?=({body}))", text)]
    assert list(longest_each(re.compile(f"({body})"), text)) == look


def test_longest_each_reports_overlapping_words_at_each_start():
    words = re.compile("(" + trie_regex({"the", "them", "he", "me"}, space=" ") + ")")
    assert list(longest_each(words, "them then")) == [(0, "them"), (1, "he"), (5, "the"), (6, "he")]
