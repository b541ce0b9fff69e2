"""run.collector: the youngest generation is collected less often inside a build, and the thresholds in force
before come back after it, nested or not, on an error too."""
import gc

import pytest

from pipeline.run.collector import YOUNG, fewer_collections


@pytest.fixture
def default_thresholds():
    before = gc.get_threshold()
    gc.set_threshold(700, 10, 10)
    yield
    gc.set_threshold(*before)


def test_raises_the_youngest_threshold_and_restores_it(default_thresholds):
    with fewer_collections():
        assert gc.get_threshold() == (YOUNG, 10, 10)
        with fewer_collections():
            assert gc.get_threshold() == (YOUNG, 10, 10)
        assert gc.get_threshold() == (YOUNG, 10, 10)  # the outer block still runs
    assert gc.get_threshold() == (700, 10, 10)


def test_restores_after_an_error(default_thresholds):
    with pytest.raises(ZeroDivisionError):
        with fewer_collections():
            1 / 0
    assert gc.get_threshold() == (700, 10, 10)


def test_leaves_a_higher_or_switched_off_threshold_alone(default_thresholds):
    for setting in ((YOUNG * 3, 5, 5), (0, 10, 10)):
        gc.set_threshold(*setting)
        with fewer_collections():
            assert gc.get_threshold() == setting
        assert gc.get_threshold() == setting


def test_cycles_are_still_collected_inside(default_thresholds):
    import weakref

    class Node:
        pass

    with fewer_collections():
        gc.collect()  # counts from zero: no collection falls between the cycle's making and the check below
        a, b = Node(), Node()
        a.other, b.other = b, a
        ref = weakref.ref(a)
        del a, b
        assert ref() is not None  # (reference counting alone cannot free a cycle)
        kept = [[] for _ in range(YOUNG * 3)]  # net allocations enough for the raised threshold
        assert ref() is None
        del kept
