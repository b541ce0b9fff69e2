"""Figures and the view helpers behind them, on the hand-made fixture."""
from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from pipeline.explore import charts, views
from pipeline.frame.io import read_events
from pipeline.explore.filters import FilterState, filter_events
from conftest import ROOT

FIXTURE = ROOT / "tests" / "data" / "events_fixture.json"


@pytest.fixture(scope="module")
def frame():
    return read_events(FIXTURE)


@pytest.fixture(scope="module")
def shown(frame):
    return filter_events(frame, FilterState(start="2020-11-10", end="2020-12-29"))  # the seeds' window


def marker_points(fig):
    """(lane, cluster_id, symbol, size) of every marker drawn on the timeline."""
    out = []
    for t in fig.data:
        if t.mode and "markers" in t.mode and t.customdata is not None:
            symbols = t.marker.symbol if isinstance(t.marker.symbol, (list, tuple)) else [t.marker.symbol] * len(t.y)
            out += [(y, c[0], s, z) for y, c, s, z in zip(t.y, t.customdata, symbols, t.marker.size)]
    return out


def test_one_marker_per_cluster_and_lane(shown):
    points = marker_points(charts.timeline_figure(shown))
    pairs = [(lane, cid) for lane, cid, _, _ in points]
    assert len(pairs) == len(set(pairs))
    # The truce: 3 articles, in the lanes of every country they name.
    assert {lane for lane, cid in pairs if cid == "k_truce"} == {"Armenia", "Azerbaijan", "Russia"}


def test_size_grows_with_sources(shown):
    points = {cid: size for _, cid, _, size in marker_points(charts.timeline_figure(shown))}
    assert points["k_truce"] > points["k_sochi"] > points["k_address"]


def test_bands_for_vague_dates_points_for_days(shown):
    fig = charts.timeline_figure(shown)
    symbols = {cid: s for _, cid, s, _ in marker_points(fig)}
    assert symbols["k_monitors"] == "diamond-open" and symbols["k_fall"] == "diamond-open"
    assert symbols["k_sochi"] == "circle"
    band_x = [x for t in fig.data if t.mode == "lines" for x in t.x if x]
    assert "2020-12-01" in band_x and "2020-12-11" in band_x  # early December, end inclusive


def test_hover_carries_headline_date_words_and_sources(shown):
    fig = charts.timeline_figure(shown)
    row = next(c for t in fig.data if t.customdata is not None for c in t.customdata if c[0] == "k_sochi")
    assert "Foreign ministers meet in Sochi" in row[1] and row[2] in ("29 December", "on Tuesday")
    assert "Northern Wire" in row[5] and "Gazette East" in row[5]


def test_lanes_by_actor_and_only(shown):
    fig = charts.timeline_figure(shown, lane="actors", only=("Sergey Lavrov",))
    assert {lane for lane, *_ in marker_points(fig)} == {"Sergey Lavrov"}


def test_colour_by_event_type_is_stable(frame, shown):
    a = charts.type_colours(shown["event_type"])
    assert len(set(a.values())) == len(a)
    assert charts.type_colours(["MEET", "AGREE"])["AGREE"] == charts.PALETTE[0]


def test_aggregates_when_too_many_markers(shown):
    fig = charts.timeline_figure(shown, max_markers=3)
    assert fig.data and all(t.type == "scattergl" for t in fig.data)
    assert "weekly bubbles" in fig.layout.title.text
    total = sum(c[1] for t in fig.data for c in t.customdata)
    agg = views.aggregate_markers(shown)
    assert total == agg["events"].sum()


def test_focus_window_sets_range_unless_context(shown):
    fig = charts.timeline_figure(shown, focus=("2020-11-10", "2020-12-29"))
    assert fig.layout.xaxis.range[0] <= "2020-11-10" and fig.layout.xaxis.range[1] >= "2020-12-29"
    assert charts.timeline_figure(shown, focus=("2020-11-10", "2020-12-29"), context=True).layout.xaxis.range is None


def test_empty_state(frame):
    empty = frame.iloc[0:0]
    for fig in (charts.timeline_figure(empty), charts.weekly_figure(empty), charts.network_figure(empty),
                charts.map_figure(empty, {})):
        assert any("No " in a.text for a in fig.layout.annotations)


def test_weekly_counts_distinct_events(shown):
    counts = views.weekly_counts(shown)
    week = counts[(counts["week"] == pd.Timestamp("2020-11-09")) & (counts["lane"] == "AZE")]
    assert week["events"].tolist() == [2]  # the truce (once, though 2 mentions name AZE) and Aliyev's address
    fig = charts.weekly_figure(shown)
    assert fig.layout.barmode == "stack" and {t.name for t in fig.data} >= {"Azerbaijan", "Türkiye"}


def test_cooccurrence_counts_events_not_mentions(shown):
    nodes, edges = views.cooccurrence(shown)
    pair = edges[(edges["a"] == "Mevlut Cavusoglu") & (edges["b"] == "Sergey Lavrov")]
    assert pair["weight"].tolist() == [1]  # two articles, one meeting
    assert dict(zip(nodes["actor"], nodes["events"]))["Ilham Aliyev"] == 3


def test_map_points_use_known_coordinates_only(shown):
    assert views.map_points(shown, None).empty
    points = views.map_points(shown, {"sochi": (43.6, 39.7), "Atlantis": (0, 0)})
    assert points[["location", "events"]].values.tolist() == [["Sochi", 1]]
    fig = charts.map_figure(shown, {"Sochi": (43.6, 39.7)})
    assert fig.data[0].lat[0] == 43.6


def test_sources_table(frame):
    table = views.sources_table(frame)
    blog = table[table["doc_id"] == "blog_c"].iloc[0]
    assert blog["published_inferred"] and blog["events"] == 2
    assert table[table["doc_id"] == "gazette_e"].iloc[0][["first_date", "last_date"]].tolist() == ["2020-09-22",
                                                                                                  "2021-12-31"]


def test_detail_lists_every_source(frame):
    detail = views.cluster_detail(frame, "k_truce")
    assert set(detail["source"]) == {"Northern Wire", "Daily Ledger", "Steppe Blog"}


def test_quote_markdown_escapes_and_highlights():
    md = views.quote_markdown("Truce of <b>10 Nov</b> [x](javascript:alert(1)) *now* on 10 Nov.", "10 nov")
    assert "<b>" not in md and "&lt;b&gt;" in md
    assert "](javascript" not in md and "\\]\\(javascript" in md
    assert md.count(":orange-background[**") == 2
    assert "\\*now\\*" in md
    assert views.quote_markdown("no date here", "") == "no date here"


def test_long_spans_are_thin_and_marked_inside_the_window(frame):
    everything = filter_events(frame, FilterState(context=True))
    fig = charts.timeline_figure(everything, focus=("2020-11-10", "2020-12-29"), context=True)
    widths = {t.line.width for t in fig.data if t.mode == "lines"}
    assert widths == {8, 2}  # weeks, months, a season: thick bands; "next year" (365 days): a thin line
    shown = filter_events(frame, FilterState(start="2020-11-10", end="2020-12-29"))
    fig = charts.timeline_figure(shown, focus=("2020-11-10", "2020-12-29"))
    marks = {c[0]: x for t in fig.data if t.customdata is not None for c, x in zip(t.customdata, t.x)}
    assert "2020-11-10" <= marks["k_fall"] <= "2020-12-20"  # middle of the visible part of the autumn band
    assert marks["k_monitors"] == "2020-12-05"  # early December is fully visible: its own middle


# --- specs: the plain dicts the dashboard sends (issue 7: cheap reruns) -------------------------------

def _plain(value):
    """A figure's JSON as plain data: typed arrays decoded, midnight timestamps as dates, floats rounded."""
    import base64

    import numpy as np

    if isinstance(value, dict):
        if "bdata" in value and "dtype" in value:
            arr = np.frombuffer(base64.b64decode(value["bdata"]), dtype=np.dtype(value["dtype"]))
            return _plain(arr.tolist())
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if isinstance(value, str) and len(value) >= 19 and value[10:].strip("T:0.") == "":
        return value[:10]
    if isinstance(value, float):
        return int(value) if value.is_integer() else round(value, 9)
    return value


@pytest.mark.parametrize("state", [FilterState(), FilterState(context=True), FilterState(lane="actors"),
                                   FilterState(countries=("AZE",), lane="countries")])
@pytest.mark.parametrize("theme", ["light", "dark"])
def test_specs_are_what_plotly_would_send(frame, state, theme):
    """A spec sent as is equals the validated figure plotly makes of it: nothing invalid, nothing missing."""
    import json

    import plotly.io as pio

    shown = filter_events(frame, state)
    specs = [charts.timeline_spec(shown, lane=state.lane, focus=("2020-11-10", "2020-12-29"), context=state.context,
                                  only=state.lanes_chosen(), theme=theme),
             charts.timeline_spec(shown, max_markers=2, theme=theme),
             charts.weekly_spec(shown, state.lane, theme=theme, only=state.lanes_chosen()),
             charts.network_spec(shown, theme=theme),
             charts.map_spec(shown, {"Sochi": (43.6, 39.7), "Moscow": (55.75, 37.62)}, theme=theme),
             charts.map_spec(shown, {}, theme=theme)]
    for spec in specs:
        sent = json.loads(pio.to_json(charts.ready_figure(spec).to_dict(), validate=False))
        validated = json.loads(pio.to_json(charts._figure(spec)))
        assert _plain(sent) == _plain(validated)
        assert sent["layout"]["template"]["layout"]["paper_bgcolor"] == ("white" if theme == "light" else "rgb(17,17,17)")


def test_ready_figure_goes_through_plotly_chart_unchanged(shown):
    """st.plotly_chart takes a go.Figure as valid and serialises its to_dict(): the spec, not an empty figure."""
    import json

    import plotly.io as pio
    import plotly.tools

    spec = charts.timeline_spec(shown)
    figure = plotly.tools.return_figure_from_figure_or_data(charts.ready_figure(spec), validate_figure=True)
    assert json.loads(pio.to_json(figure, validate=False)) == json.loads(json.dumps(spec))
    assert len(spec["data"]) >= 2


@pytest.mark.parametrize("state", [FilterState(), FilterState(context=True), FilterState(sections=()),
                                   FilterState(start=None, end=None, sections=("body", "caption"))])
def test_representatives_with_rank_column_match(frame, state):
    """The precomputed rank (dashboard frames) picks the same mention per cluster as the five-key sort."""
    ranked = views.with_rep_rank(frame.iloc[::-1].reset_index(drop=True))
    plain = filter_events(ranked.drop(columns=[views.REP_RANK]), state)
    fast = filter_events(ranked, state)
    expected = views.representatives(plain)
    assert views.representatives(fast).equals(expected)
    assert list(expected.columns) == list(frame.columns) + ["n_sources", "n_mentions"]
    truce = expected.set_index("cluster_id").loc["k_truce"] if "k_truce" in set(expected["cluster_id"]) else None
    if truce is not None:
        assert truce["n_sources"] == 3


# --- issue 7: a big file's views from its light columns (store.Scanned) equal those of the whole frame -----

def _big_file(tmp_path, rows: int = 3000):
    """The fixture tiled over many weeks (new ids and clusters), written as Parquet in small row groups."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    from pipeline.frame.io import read_events

    seeds = read_events(ROOT / "tests" / "data" / "events_fixture.json")
    frame = pd.concat([seeds] * -(-rows // len(seeds)), ignore_index=True).iloc[:rows].copy()
    copy = pd.Series(frame.index // len(seeds))
    for col in ("event_id", "cluster_id"):
        frame[col] = frame[col] + "-" + copy.astype(str)
    shift = pd.to_timedelta((copy % 40) * 7, unit="D")
    for col in ("date_start", "date_end"):
        frame[col] = (pd.to_datetime(frame[col]) + shift).dt.strftime("%Y-%m-%d").where(frame[col].notna(), None)
    path = tmp_path / "big.parquet"
    pq.write_table(pa.Table.from_pandas(frame, preserve_index=False), path, row_group_size=500)
    return path


@pytest.mark.parametrize("state", ["default", "context", "context_country", "search", "few"])
@pytest.mark.parametrize("lane", ["countries", "actors"])
def test_scanned_views_equal_the_full_frame(tmp_path, state, lane):
    import json

    from pipeline.explore import query as store
    from pipeline.explore.filters import FilterState

    path = _big_file(tmp_path)
    state = {"default": FilterState(), "context": FilterState(context=True, sections=()),
             "context_country": FilterState(context=True, countries=("TUR",)), "search": FilterState(text="sochi"),
             "few": FilterState(start="2020-11-10", end="2020-11-12")}[state]
    light, full = store.scan_light(path, state), store.scan(path, state, sort=True)
    only = state.countries if lane == "countries" else ()

    def same(a, b):
        assert json.dumps(a, sort_keys=True, default=str) == json.dumps(b, sort_keys=True, default=str)

    for max_markers in (5, 1000):  # weekly bubbles (aggregated in Arrow) and one marker per event
        same(charts.timeline_spec(light, lane=lane, focus=("2020-11-10", "2020-12-29"), context=state.context,
                                  only=only, max_markers=max_markers),
             charts.timeline_spec(full, lane=lane, focus=("2020-11-10", "2020-12-29"), context=state.context,
                                  only=only, max_markers=max_markers))
    same(charts.weekly_spec(light, lane, only=only), charts.weekly_spec(full, lane, only=only))
    same(charts.network_spec(light), charts.network_spec(full))
    coords = {"Baku": (40.4, 49.9), "Moscow": (55.75, 37.6)}
    same(charts.map_spec(light, coords), charts.map_spec(full, coords))
    if len(full):
        agg = views.aggregate_markers(light.light, lane, only=only)
        pd.testing.assert_frame_equal(agg, views.aggregate_markers(full, lane, only=only))
        assert views.n_markers(light.light, lane) == views.n_markers(full, lane)
    for page in (1, 2, 99):
        a, b = light.page(200, page), views.table_page(full, 200, page)
        # The same cells (a column all empty on the page is of object type when only the page is read).
        pd.testing.assert_frame_equal(_cells(a.pop("table")), _cells(b.pop("table")))
        assert a.pop("arrow").to_pylist() == b.pop("arrow").to_pylist()
        members, clusters = a.pop("clusters"), b.pop("clusters")
        assert all(c in members for c in clusters) and "no such cluster" not in members
        assert a == b
    for cid in list(dict.fromkeys(full["cluster_id"]))[:: max(1, len(full) // 7)]:
        pd.testing.assert_frame_equal(_cells(light.detail(cid)),
                                      _cells(views.cluster_detail(full, cid)))
    pd.testing.assert_frame_equal(_cells(light.rows(10, 30)), _cells(full.iloc[10:30].reset_index(drop=True)))
    pd.testing.assert_frame_equal(light.materialise(), full.reset_index(drop=True))


def _cells(frame: pd.DataFrame) -> pd.DataFrame:
    frame = frame.astype(object)
    return frame.where(frame.notna(), None)
