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


@given(st.lists(st.lists(st.integers(-5, 5), max_size=700), max_size=6))
def test_growing_holds_every_batch_in_order_past_its_first_capacity(batches):
    from pipeline.arrays import Growing

    grown = Growing(np.int64)
    for batch in batches:
        grown.extend(np.array(batch, dtype=np.int64))
    assert grown.array().tolist() == [x for batch in batches for x in batch] and len(grown) == sum(map(len, batches))


def test_growing_byte_strings_widen_and_rows_keep_their_width():
    from pipeline.arrays import Growing

    names = Growing("S1")
    names.extend(np.array([b"ab"] * 1500))
    names.extend(np.array([b"a longer one", b""]))
    assert names.array()[[0, 1499, 1500, 1501]].tolist() == [b"ab", b"ab", b"a longer one", b""]
    rows = Growing(np.int64, width=3)
    rows.extend(np.arange(3 * 2000).reshape(-1, 3))
    assert rows.array().shape == (2000, 3) and rows.array()[-1].tolist() == [5997, 5998, 5999]


@given(st.lists(st.lists(st.integers(-5, 5), max_size=700), max_size=6), st.booleans())
def test_growing_take_gives_exactly_the_values_and_empties_it(batches, view_kept):
    """`take` shrinks the buffer in place, or copies it while a view of it is still around (never a view
    into memory given back)."""
    from pipeline.arrays import Growing

    grown = Growing(np.int32, width=2)
    for batch in batches:
        grown.extend(np.array([[v, -v] for v in batch], dtype=np.int32).reshape(-1, 2))
    view = grown.array() if view_kept else None
    taken = grown.take()
    expected = [[v, -v] for batch in batches for v in batch]
    assert taken.tolist() == expected and taken.shape == (len(expected), 2) and len(grown) == 0
    if view is not None:
        assert view.tolist() == expected  # still readable: the buffer was copied, not shrunk
    grown.extend(np.array([[7, 8]], dtype=np.int32))
    assert grown.take().tolist() == [[7, 8]] and taken.tolist() == expected
