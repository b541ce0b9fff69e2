"""Spans looked up by position (issue 17): the same items, in the same order, as the plain scans they replace."""
from dataclasses import dataclass

from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.stages.spans import Spans


@dataclass
class Item:
    start: int
    end: int


items = st.lists(st.tuples(st.integers(0, 60), st.integers(0, 12)).map(lambda t: Item(t[0], t[0] + t[1])), max_size=30)
blocks = st.lists(st.integers(1, 15), max_size=12).map(
    lambda sizes: [Item(sum(sizes[:i]), sum(sizes[: i + 1])) for i in range(len(sizes))])


@settings(max_examples=200, deadline=None)
@given(items, st.integers(-2, 80), st.integers(-2, 80))
def test_within_starting_and_holds_match_the_plain_scans(found, a, b):
    spans = Spans(found)
    assert spans.within(a, b) == [x for x in found if a <= x.start and x.end <= b]
    assert spans.starting(a, b) == [x for x in found if a <= x.start < b]
    assert spans.holds(a) == any(x.start <= a < x.end for x in found)
    assert spans.first_holding(a) is next((x for x in found if x.start <= a < x.end), None)


@settings(max_examples=100, deadline=None)
@given(blocks, st.integers(-2, 200))
def test_first_holding_bisects_blocks_that_do_not_overlap(found, pos):
    spans = Spans(list(reversed(found)))
    assert not spans.overlapping
    assert spans.first_holding(pos) is next((x for x in found if x.start <= pos < x.end), None)
