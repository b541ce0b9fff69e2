"""Issue 17: every label plotly draws from the data (lanes, legend, node and place names, hover values) is
escaped, so a tag in a file (<a href>, <b>) shows as text, in the dashboard and in the HTML export alike.
The real-browser check is tests/app/test_browser_beacon.py; this pins the spec the browser receives."""
from __future__ import annotations

import json

import pytest

from conftest import ROOT
from pipeline.explore import charts
from pipeline.frame.io import read_events

TAG = '<a href="http://127.0.0.1:9/x">x</a>'


@pytest.fixture
def hostile():
    frame = read_events(ROOT / "tests" / "data" / "events_fixture.json")
    for col in ("headline", "date_text", "event_type", "source", "title"):
        frame[col] = frame[col].astype(object) + " " + TAG
    frame["actors"] = [[f"Actor {i % 3} {TAG}", "Vladimir Putin"] for i in range(len(frame))]
    frame["countries"] = [[*c, f"X{TAG}"] for c in frame["countries"]]
    frame["locations"] = [[f"Moscow {TAG}", "Moscow"] for _ in range(len(frame))]
    return frame


def drawn(spec: dict) -> str:
    """Everything of the traces plotly renders as text, bar the hover templates (the code's own markup) and the
    legend groups (ids, never drawn)."""
    traces = [{k: v for k, v in t.items() if k not in ("hovertemplate", "legendgroup")} for t in spec["data"]]
    return json.dumps([traces, spec["layout"].get("title")], ensure_ascii=False)


@pytest.mark.parametrize("lane", ["countries", "actors"])
def test_timeline_labels_are_text(hostile, lane):
    spec = charts.timeline_spec(hostile, lane=lane)
    text = drawn(spec)
    assert "<a " not in text and "&lt;a href=" in text
    assert "&lt;a href=" in charts.timeline_spec(hostile, lane=lane, max_markers=1)["data"][0]["y"][0] + \
        drawn(charts.timeline_spec(hostile, lane=lane, max_markers=1))  # the weekly bubbles of a big file too


def test_weekly_network_and_map_labels_are_text(hostile):
    coordinates = {"moscow <a href=\"http://127.0.0.1:9/x\">x</a>": (55.75, 37.62), "moscow": (55.75, 37.62)}
    for spec in (charts.weekly_spec(hostile), charts.weekly_spec(hostile, by="actors"), charts.network_spec(hostile),
                 charts.map_spec(hostile, coordinates)):
        assert "<a " not in drawn(spec)
    assert "&lt;a href=" in drawn(charts.network_spec(hostile)) and "&lt;a href=" in drawn(charts.weekly_spec(hostile))


def test_band_labels_sit_above_their_marks_and_are_written_once_per_place():
    frame = read_events(ROOT / "tests" / "data" / "events_fixture.json")
    twin = frame[frame["granularity"].isin(["month", "season", "week"])].copy()
    assert len(twin)  # the fixture has vague events
    twin["event_id"] = twin["event_id"] + "-twin"
    twin["cluster_id"] = twin["cluster_id"].astype(str) + "-twin"
    twin["event_type"] = "REQUEST"  # another trace, the same lane and date: the label must not be drawn twice
    import pandas as pd
    spec = charts.timeline_spec(pd.concat([frame, twin], ignore_index=True), lane="countries")
    marks = [t for t in spec["data"] if t.get("mode") == "markers+text"]
    written, bands = [], 0
    for t in marks:
        for x, y, text, pos, symbol in zip(t["x"], t["y"], t["text"], t["textposition"], t["marker"]["symbol"]):
            if symbol == "diamond-open":
                bands += 1
                assert pos in ("top right", "bottom right")
            else:
                assert pos == "middle right"
            if text and symbol == "diamond-open":
                written.append((y, x, text, pos))
    assert bands >= 2 * len(twin)
    assert len({w[:3] for w in written}) == len(written)  # a label once per place
    assert len({(y, x, pos) for y, x, _t, pos in written}) == len(written)  # two labels at a place: one above, one below


def test_place():
    seen = {}
    assert charts._place(seen, "Russia", "2020-11-19", "autumn 2020", True) == ("autumn 2020", "top right")
    assert charts._place(seen, "Russia", "2020-11-19", "autumn 2020", True) == ("", "top right")
    assert charts._place(seen, "Russia", "2020-11-19", "Nov 2020", True) == ("Nov 2020", "bottom right")
    assert charts._place(seen, "Russia", "2020-11-19", "2020", True) == ("", "top right")
    assert charts._place(seen, "Armenia", "2020-11-19", "Nov 2020", True) == ("Nov 2020", "top right")
    assert charts._place(seen, "Russia", "2020-11-19", "3", False) == ("3", "middle right")
