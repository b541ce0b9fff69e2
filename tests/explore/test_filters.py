"""Filters over the events frame and the URL round trip of the filter state (hand-made fixture)."""
from __future__ import annotations

from pathlib import Path

from dataclasses import replace

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pipeline.frame.io import read_events
from pipeline.explore.filters import BadFilter, FilterState, data_range, filter_events, from_query_params, options, to_query_params
from conftest import ROOT

FIXTURE = ROOT / "tests" / "data" / "events_fixture.json"


@pytest.fixture(scope="module")
def frame():
    return read_events(FIXTURE)


SEEDS_WINDOW = FilterState(start="2020-11-10", end="2020-12-29")  # as seeds/corpus.yaml has it


def clusters(frame) -> set[str]:
    return set(frame["cluster_id"])


def test_default_state_is_all_dates_body_only(frame):
    # issue 19: no window is written in the code; a view's dates come from its corpus (explore.window)
    shown = filter_events(frame, FilterState())
    assert clusters(shown) == clusters(frame[frame["section"] == "body"])


def test_the_seeds_window_is_body_only(frame):
    shown = filter_events(frame, SEEDS_WINDOW)
    # Context (March, next year), captions, teasers, comments and the undated event are all out.
    assert clusters(shown) == {"k_truce", "k_monitors", "k_sochi", "k_fall", "k_address"}
    assert set(shown["section"]) == {"body"}


def test_context_ignores_the_date_range(frame):
    shown = filter_events(frame, FilterState(context=True))
    assert {"k_idlib", "k_next", "k_undated"} <= clusters(shown)


def test_date_range_keeps_overlapping_bands(frame):
    shown = filter_events(frame, FilterState(start="2020-12-05", end="2020-12-15"))
    # "early December" (1-10) and "this fall" (to 20 December) overlap; the day events do not.
    assert clusters(shown) == {"k_monitors", "k_fall"}


@pytest.mark.parametrize("state, expected", [
    (FilterState(countries=("TUR",)), {"k_monitors", "k_sochi"}),
    (FilterState(countries=("ARM", "AZE")), {"k_truce", "k_fall", "k_address"}),
    (FilterState(actors=("Sergey Lavrov",)), {"k_sochi"}),
    (FilterState(event_types=("AGREE",)), {"k_truce"}),
    (FilterState(sources=("Gazette East",)), {"k_sochi", "k_fall"}),
    (FilterState(sections=("caption",)), {"k_protest"}),
    (FilterState(sections=("body", "teaser", "comment")), {"k_truce", "k_monitors", "k_sochi", "k_fall", "k_address",
                                                           "k_teaser", "k_comment"}),
    (FilterState(text="SOCHI"), {"k_sochi"}),
    (FilterState(text="aliyev"), {"k_truce", "k_fall", "k_address"}),
    (FilterState(text="baku"), {"k_address"}),
    (FilterState(text="<script>"), {"k_truce"}),
    (FilterState(countries=("XXX",)), set()),
])
def test_each_filter_narrows(frame, state, expected):
    state = replace(state, start=SEEDS_WINDOW.start, end=SEEDS_WINDOW.end)
    assert clusters(filter_events(frame, state)) == expected


def test_no_sections_chosen_means_every_section(frame):
    shown = filter_events(frame, FilterState(sections=()))
    assert set(shown["section"]) == {"body", "caption", "teaser", "comment"}
    assert to_query_params(FilterState(sections=()))["section"] == ["-"]


def test_options_and_range(frame):
    opts = options(frame)
    assert opts["countries"] == ["ARM", "AZE", "FRA", "RUS", "TUR"]
    assert "Gazette East" in opts["sources"] and "MEET" in opts["event_types"]
    assert data_range(frame) == ("2020-03-05", "2021-12-31")


def test_default_state_has_no_query_params():
    assert to_query_params(FilterState()) == {}


def test_query_params_round_trip_example():
    state = FilterState(start="2020-11-01", end=None, context=True, actors=("A B",), countries=("RUS", "TUR"),
                        event_types=("MEET",), sources=("X; Y",), sections=("body", "caption"), text="a&b=c",
                        lane="actors")
    params = to_query_params(state, SEEDS_WINDOW)  # against a view that opens on a window
    assert params["country"] == ["RUS", "TUR"] and params["lane"] == "actors" and params["end"] == ""
    assert from_query_params(params, SEEDS_WINDOW) == state


def test_bad_date_in_link_is_named():
    with pytest.raises(BadFilter, match="start='2020-13-45'"):
        from_query_params({"start": "2020-13-45"})


names = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), min_size=1, max_size=12).filter(lambda s: s != "-")
dates = st.one_of(st.none(), st.dates().map(lambda d: d.isoformat()))


@given(start=dates, end=dates, context=st.booleans(), actors=st.lists(names, max_size=3, unique=True),
       countries=st.lists(names, max_size=3, unique=True), sections=st.lists(st.sampled_from(
           ["body", "caption", "teaser", "comment", "boilerplate"]), max_size=5, unique=True),
       text=st.text(max_size=20), lane=st.sampled_from(["countries", "actors"]))
def test_query_params_round_trip(start, end, context, actors, countries, sections, text, lane):
    state = FilterState(start=start, end=end, context=context, actors=tuple(actors), countries=tuple(countries),
                        sections=tuple(sections), text=text, lane=lane)
    assert from_query_params(to_query_params(state)) == state


@pytest.mark.parametrize("text", ["sochi", "ALIYEV", "baku", "<script>", "10 November", "ledger", "x", "!!"])
def test_search_column_gives_the_same_matches(frame, text):
    from pipeline.explore.filters import with_search_text

    state = FilterState(text=text, context=True, sections=())
    assert clusters(filter_events(with_search_text(frame), state)) == clusters(filter_events(frame, state))


def pq_schema(path):
    import pyarrow.dataset as ds

    return ds.dataset(str(path), format="parquet").schema


@pytest.mark.parametrize("state", [
    FilterState(), FilterState(context=True, sections=()), FilterState(countries=("TUR",)),
    FilterState(actors=("Ilham Aliyev", "Sergey Lavrov"), context=True), FilterState(text="baku"),
    FilterState(text="SOCHI", sources=("Gazette East",)), FilterState(event_types=("MEET",), end="2020-12-31"),
    FilterState(start="2020-12-05", end="2020-12-15"), FilterState(countries=("XXX",)), FilterState(text="<script>"),
])
@pytest.mark.parametrize("null_source", [False, True])
def test_parquet_scan_matches_the_pandas_filter(frame, tmp_path, state, null_source):
    """Pushed-down and Arrow-side filters (big files) select exactly what filter_events selects."""
    from pipeline.frame.io import write_events
    from pipeline.explore.query import scan

    import pyarrow.dataset as ds

    from pipeline.explore import query as store

    if null_source:  # a corpus with no known outlet: the column is all null (Arrow type null)
        frame = frame.assign(source=None)
    path = write_events(frame, tmp_path / "events.parquet")
    expected = sorted(filter_events(frame, state)["event_id"])
    table = ds.dataset(str(path), format="parquet").to_table(filter=store._pushdown(state, pq_schema(path)))
    assert sorted(table.filter(store._arrow_mask(table, state)).column("event_id").to_pylist()) == expected
    scanned = scan(path, state, sort=True)
    assert sorted(scanned["event_id"]) == expected
    assert list(scanned["date_start"].dropna()) == sorted(scanned["date_start"].dropna())
    # The light scan (big files in the dashboard): the same rows in the same order, the same frame when read.
    import pandas as pd

    light = store.scan_light(path, state)
    assert light.frame(columns=["event_id"])["event_id"].tolist() == list(scanned["event_id"])
    pd.testing.assert_frame_equal(light.frame(), scanned.reset_index(drop=True))


@pytest.mark.parametrize("state", [FilterState(), FilterState(context=True), FilterState(countries=("TUR",)),
                                   FilterState(text="truce", sections=())])
def test_matching_rows_are_the_filtered_rows(state):
    """The dashboard keeps row positions per filter state; taking them gives exactly filter_events' frame."""
    from pipeline.frame.io import read_events
    from pipeline.explore.filters import matching_rows

    frame = read_events(ROOT / "tests" / "data" / "events_fixture.json")
    rows = matching_rows(frame, state)
    assert rows.dtype.kind == "i"
    import pandas as pd

    pd.testing.assert_frame_equal(frame.iloc[rows], filter_events(frame, state))


@pytest.mark.parametrize("state", [FilterState(countries=("TUR",)), FilterState(actors=("Ilham Aliyev", "Nobody")),
                                   FilterState(countries=("RUS", "AZE"), actors=("Sergey Lavrov",), context=True),
                                   FilterState(countries=("XXX",)), FilterState(actors=(), sections=())])
def test_list_index_gives_the_same_rows(state):
    """The dashboard's per-frame index of actors and countries matches what testing each row's list does."""
    import numpy as np

    from pipeline.explore.filters import ListIndex, matching_rows

    frame = read_events(ROOT / "tests" / "data" / "events_fixture.json")
    index = ListIndex(frame)
    assert np.array_equal(matching_rows(frame, state, index), matching_rows(frame, state))
    with pytest.raises(ValueError):
        matching_rows(frame.iloc[1:], state, index)


@pytest.mark.parametrize("state", [FilterState(), FilterState(context=True, sections=()), FilterState(text="baku"),
                                   FilterState(countries=("TUR",), context=True)])
def test_light_scan_of_a_file_in_date_order(frame, tmp_path, state):
    """A file written in date order skips the sort: the rows and their order are the same as scan's."""
    import pandas as pd

    from pipeline.explore import query as store
    from pipeline.frame.io import write_events

    ordered = frame.sort_values("date_start", na_position="last", kind="stable").reset_index(drop=True)
    path = write_events(ordered, tmp_path / "events.parquet")
    pd.testing.assert_frame_equal(store.scan_light(path, state).frame(), store.scan(path, state, sort=True))
