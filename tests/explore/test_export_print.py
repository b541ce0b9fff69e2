"""Exported charts on paper (issue 19): text >= 8 pt when the chart is printed 170 mm wide (an A4 page's text
width), and a source / "as of" line on every chart, checked in the figure's layout, not by eye."""
from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pipeline.explore import charts, exports, views
from pipeline.explore.exports import export_bytes, find_chromium, min_font_px, print_ready, source_line
from pipeline.explore.filters import FilterState, filter_events
from pipeline.frame.io import read_events
from conftest import ROOT

FIXTURE = ROOT / "tests" / "data" / "events_fixture.json"
A4_TEXT_PT = 170 / 25.4 * 72  # 481.9 pt
needs_chromium = pytest.mark.skipif(find_chromium() is None, reason="Chromium is missing")


@pytest.fixture(scope="module")
def frame():
    return read_events(FIXTURE)


def test_min_font_px_by_hand():
    # 900 px across 481.9 pt: 0.5354 pt a pixel; 8 pt = 14.94 px -> 15. 800 px: 0.6024 -> 13.28 -> 14.
    assert min_font_px(900) == 15
    assert min_font_px(800) == 14
    assert min_font_px(1200) == 20


@given(st.integers(min_value=200, max_value=4000))
def test_min_font_px_is_the_smallest_that_prints_at_8pt(width):
    px = min_font_px(width)
    assert px * A4_TEXT_PT / width >= 8 - 1e-9
    assert (px - 1) * A4_TEXT_PT / width < 8


def test_source_line(frame):
    line = source_line(frame, "2026-12-07")
    assert line == "Source: 5 articles from 4 outlets · as of 2026-12-07 · machine-extracted"
    one = frame[frame["doc_id"] == frame["doc_id"].iloc[0]]
    latest = max(one["published"].dropna().astype(str).str[:10])
    assert source_line(one) == f"Source: 1 article from 1 outlet · as of {latest} · machine-extracted"  # no date given
    checked = frame.assign(verified=frame["cluster_id"] == frame["cluster_id"].iloc[0])
    assert source_line(checked, "2026-12-07").endswith("machine-extracted, 1 event verified by an analyst")


def _font_sizes(obj, in_font=False, path=""):
    """(path, size) of every font size in a figure dict, the template left out (it sets no sizes)."""
    if isinstance(obj, dict):
        for key, value in obj.items():
            if key == "template":
                continue
            if in_font and key == "size":
                for v in (value if isinstance(value, (list, tuple)) else [value]):
                    yield f"{path}.size", v
            else:
                yield from _font_sizes(value, key.endswith("font"), f"{path}.{key}")
    elif isinstance(obj, (list, tuple)):
        for i, value in enumerate(obj):
            yield from _font_sizes(value, False, f"{path}[{i}]")


CHARTS = {
    "timeline": lambda f: charts.timeline_figure(f, focus=("2020-11-10", "2020-12-29")),
    "weekly": lambda f: charts.weekly_figure(f),
    "network": lambda f: charts.network_figure(f),
    "map": lambda f: charts.map_figure(f, views.known_coordinates()),
    "empty": lambda f: charts.timeline_figure(f.iloc[:0]),
}


@pytest.mark.parametrize("name", sorted(CHARTS))
@pytest.mark.parametrize("width", [900, 800])
def test_every_text_prints_at_8pt_and_the_source_line_is_there(frame, name, width):
    fig = CHARTS[name](filter_events(frame, FilterState()))
    before = dict(_font_sizes(fig.to_dict()))
    assert any(v < min_font_px(width) for v in before.values()), "the charts had smaller text: the test would not fail"
    out = print_ready(fig, width, source_line(frame, "2026-12-07")).to_dict()
    layout = out["layout"]
    floor = min_font_px(width)
    assert layout["font"]["size"] >= floor  # what every text without its own size inherits
    small = {p: v for p, v in _font_sizes(out) if v < floor}
    assert not small, small
    (note,) = [a for a in layout["annotations"] if a.get("name") == "source"]
    assert note["text"] == "Source: 5 articles from 4 outlets · as of 2026-12-07 · machine-extracted"
    assert note["yref"] == "paper" and note["y"] == 0 and note["yanchor"] == "top"  # below the plot
    assert layout["margin"]["b"] >= layout["font"]["size"] * 1.8  # with a band of its own
    assert layout["height"] > (fig.layout.height or 600)
    assert len(layout["annotations"]) == len(fig.layout.annotations or ()) + 1  # the chart's own notes kept


def test_the_figure_itself_is_left_alone(frame):
    fig = CHARTS["timeline"](frame)
    size = fig.layout.font.size
    print_ready(fig, 900, "Source: x")
    assert fig.layout.font.size == size and not [a for a in fig.layout.annotations if a.name == "source"]


def test_html_export_carries_the_source_line(frame):
    fig = CHARTS["timeline"](frame)
    html = export_bytes(frame, "html", fig=fig, generated="2026-12-07").decode("utf-8")
    assert "Source: 5 articles from 4 outlets" in html and "as of 2026-12-07" in html  # "·" is escaped in JSON
    sizes = [int(s) for s in re.findall(r'font":\s*\{[^{}]*?"size":\s*(\d+)', html.split("Plotly.newPlot", 1)[1])]
    assert len(sizes) > 5 and min(sizes) >= 15  # every font of the figure in the page, template included


@needs_chromium
def test_png_and_svg_exports_are_laid_out_at_the_print_width(frame):
    fig = CHARTS["map"](frame)
    png = export_bytes(frame, "png", fig=fig, generated="2026-12-07")
    assert int.from_bytes(png[16:20], "big") == exports.EXPORT_WIDTH * exports.PNG_SCALE
    svg = export_bytes(frame, "svg", fig=fig, generated="2026-12-07").decode("utf-8")
    assert "as of 2026-12-07" in svg and "Source: 5 articles from 4 outlets" in svg
