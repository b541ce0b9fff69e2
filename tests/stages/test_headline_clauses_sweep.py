"""headline_clauses._overlapping: one sweep of a sentence's tokens against its dates gives the tokens a date
overlaps, as the pairwise test it replaced did (it ran once per dated event, quadratic on a run of dates)."""
from hypothesis import given, strategies as st

from pipeline.stages.headline_clauses import _overlapping


def _tokens(gaps_and_lengths):
    out, pos = [], 0
    for gap, length in gaps_and_lengths:
        pos += gap
        out.append((pos, pos + length, "w"))
        pos += length
    return out


@given(st.lists(st.tuples(st.integers(0, 3), st.integers(1, 8)), max_size=30),
       st.lists(st.tuples(st.integers(0, 150), st.integers(1, 25)), max_size=12))
def test_the_sweep_finds_the_pairwise_overlaps(words, dates):
    toks = _tokens(words)
    spans = sorted((a, a + n) for a, n in dates)
    pairwise = frozenset(k for k, t in enumerate(toks) if any(x0 < t[1] and t[0] < x1 for x0, x1 in spans))
    assert _overlapping(toks, spans) == pairwise


def test_a_token_inside_a_long_date_after_a_short_one():
    toks = [(0, 2, "on"), (3, 5, "12"), (6, 11, "March"), (12, 16, "2020"), (17, 20, "and")]
    assert _overlapping(toks, [(0, 16), (3, 5)]) == frozenset({0, 1, 2, 3})
