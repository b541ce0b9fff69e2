"""schema._coerce's fast path for columns already in their dtype gives what the general conversion gives."""
import math

import numpy as np
import pandas as pd
import pytest

from hypothesis import given, settings, strategies as st

from pipeline import schema
from pipeline.schema import BOOL_COLUMNS, LIST_COLUMNS, NEVER_NULL

TEXT_NULLABLE = next(c for c in schema.COLUMNS if c not in NEVER_NULL and c not in LIST_COLUMNS
                     and c not in schema.INT_COLUMNS + BOOL_COLUMNS + schema.FLOAT_COLUMNS)


def _same(a: pd.Series, b: pd.Series):
    assert a.dtype == b.dtype and str(a.dtype) == str(b.dtype)
    assert list(a.index) == list(b.index)
    for x, y in zip(a.tolist(), b.tolist()):
        assert type(x) is type(y)
        if isinstance(x, float) and math.isnan(x):
            assert math.isnan(y)
        else:
            assert x == y
            if isinstance(x, list):
                assert [type(e) for e in x] == [type(e) for e in y] and x is not y  # a copy, as before


_VALUE = st.one_of(st.text(max_size=5), st.none(), st.just(np.nan), st.integers(), st.booleans(),
                   st.lists(st.text(max_size=3), max_size=3), st.just(np.str_("np")), st.just(["a", 1]))


@settings(max_examples=300, deadline=None)
@given(st.sampled_from([*NEVER_NULL[:2], TEXT_NULLABLE, *LIST_COLUMNS, *BOOL_COLUMNS]),
       st.lists(_VALUE, max_size=6), st.booleans(), st.booleans())
def test_fast_coercion_equals_the_general_one(col, values, as_text_dtype, twice):
    if col in LIST_COLUMNS:  # (an int there is an error either way)
        values = [v for v in values if not isinstance(v, (int, float)) or v is np.nan]
    series = pd.Series(values, dtype=object, name=col, index=[i * 2 for i in range(len(values))])
    if as_text_dtype and col in NEVER_NULL and all(type(v) is str for v in values):
        series = series.astype(schema._text_dtype())
    if twice:  # a built frame normalised again (apply_curations): already in the schema's dtypes
        series = schema._coerce_any(series).rename(col)
    _same(schema._coerce(series), schema._coerce_any(series))


@pytest.mark.parametrize("col, values", [
    ("headline", ["a", "b"]), ("quote", ["x"]), (TEXT_NULLABLE, ["a", "b"]), ("actors", [["A", "B"], []]),
    ("published_inferred", [True, False]),
])
def test_built_columns_take_the_fast_path(col, values):
    series = pd.Series(values, dtype=bool if col in BOOL_COLUMNS else object, name=col)
    assert schema._coerce_as_it_is(series) is not None
    _same(schema._coerce(series), schema._coerce_any(series))
