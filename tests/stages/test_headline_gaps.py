"""headline_text._blank_prepositions blanks exactly what `sub` of the dangling-preposition pattern blanks (a
build-cost rewrite, issue 18): a property over texts of those words, spaces, line breaks, punctuation and
look-alike letters, and hand-made examples."""
from hypothesis import given, settings, strategies as st

from pipeline.stages.headline_text import _DANGLING_PREPOSITION, _blank_prepositions

_PIECES = ["on", "in", "On", "IN", "until", "till", "through", "the", "el", "by", "during", "just", "x", "bon", "untill",
           "l'", "_on", "9", "ſince", "-", ",", ".", "(", ")", "é", " ", "  ", "   ", "\n", "\t", " \n ", "          "]


@settings(max_examples=800, deadline=None)
@given(st.lists(st.sampled_from(_PIECES), max_size=40).map("".join))
def test_same_as_sub(text):
    assert _blank_prepositions(text) == _DANGLING_PREPOSITION.sub(lambda m: " " * len(m.group()), text)


def test_examples():
    assert _blank_prepositions("talks on   in Geneva") == "talks      in Geneva"
    assert _blank_prepositions("fled through    the  night") == "fled" + " " * 17 + "night"
    assert _blank_prepositions("bon  x") == "bon  x"  # a word ending in "on" is no "on"
    assert _blank_prepositions("until  ") == "       "
