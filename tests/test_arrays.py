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
