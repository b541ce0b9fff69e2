import numpy as np
from hypothesis import given
from hypothesis import strategies as st

from pipeline.arrays import unique


@given(st.lists(st.integers(min_value=-(2**62), max_value=2**62), max_size=200))
def test_unique_matches_numpy(values):
    x = np.array(values, dtype=np.int64)
    expected, counts = np.unique(x, return_counts=True)
    assert unique(x).tolist() == expected.tolist()
    got, got_counts = unique(x, counts=True)
    assert got.tolist() == expected.tolist() and got_counts.tolist() == counts.tolist()


@given(st.lists(st.integers(min_value=0, max_value=5), max_size=30))
def test_expand_gives_each_item_its_run_and_position(counts):
    from pipeline.arrays import expand

    run, pos = expand(np.array(counts, dtype=np.int64))
    assert list(zip(run.tolist(), pos.tolist())) == [(k, p) for k, c in enumerate(counts) for p in range(c)]
