"""Exports: events round trips, charts through kaleido + system Chromium, HTML, the briefing pack, the CLI."""
from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.explore import charts
from pipeline.explore import exports
from pipeline.frame import io as export
from pipeline.__main__ import main
from pipeline.explore.exports import ChromiumMissing, export_bytes, figure_to_bytes, find_chromium
from pipeline.frame.io import events_to_bytes, read_events, write_events
from pipeline.explore.filters import FilterState, filter_events
from pipeline.schema import COLUMNS, Event, events_frame, normalise_frame
from conftest import ROOT

FIXTURE = ROOT / "tests" / "data" / "events_fixture.json"
needs_chromium = pytest.mark.skipif(
    find_chromium() is None,
    reason="Chromium is missing: install it with `sudo apt-get install chromium` (or run `make test` as root)")


@pytest.fixture(scope="module")
def frame():
    return read_events(FIXTURE)


WINDOW = FilterState(start="2020-11-10", end="2020-12-29")  # the seeds' window (seeds/corpus.yaml)


@pytest.fixture(scope="module")
def fig(frame):
    return charts.timeline_figure(filter_events(frame, WINDOW), focus=("2020-11-10", "2020-12-29"))


@pytest.mark.parametrize("suffix", [".csv", ".json", ".parquet"])
def test_events_round_trip_files(frame, tmp_path, suffix):
    path = write_events(frame, tmp_path / f"events{suffix}")
    pd.testing.assert_frame_equal(read_events(path), frame)


@pytest.mark.parametrize("fmt", ["csv", "json"])
def test_download_bytes_round_trip(frame, tmp_path, fmt):
    (tmp_path / f"x.{fmt}").write_bytes(export_bytes(frame, fmt))
    back = read_events(tmp_path / f"x.{fmt}")
    from pipeline.timex.display import with_date_display

    # the fixture predates date_display: exports write it (issue 19), the rest comes back as it was
    pd.testing.assert_frame_equal(back, with_date_display(frame))
    assert list(back.columns) == list(COLUMNS) and (back["date_display"] != "").all()


text = st.text(alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters=";\r"), max_size=15)
names = st.text(alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters=";\r"), min_size=1, max_size=10)


@settings(max_examples=40, deadline=None)
@given(st.lists(st.builds(
    Event, event_id=names, doc_id=names, source=st.one_of(st.none(), names), title=st.one_of(st.none(), names),
    published_inferred=st.booleans(), date_text=text, headline=text, quote=text,
    actors=st.lists(names, max_size=3), countries=st.lists(names, max_size=2), char_start=st.integers(0, 10**6),
    cluster_id=names), max_size=5), st.sampled_from(["csv", "json"]))
def test_round_trip_property(tmp_path_factory, events, fmt):
    frame = events_frame(events)
    path = tmp_path_factory.mktemp("rt") / f"e.{fmt}"
    path.write_bytes(events_to_bytes(frame, fmt))
    pd.testing.assert_frame_equal(read_events(path), frame)


def test_html_is_standalone_and_interactive(fig):
    html = figure_to_bytes(fig, "html").decode("utf-8")
    assert html.lstrip().lower().startswith(("<html", "<!doctype html")) and "Plotly.newPlot" in html
    assert "<script src=" not in html and len(html) > 1_000_000  # plotly.js embedded: opens offline


@needs_chromium
def test_png_is_high_dpi(fig):
    data = figure_to_bytes(fig, "png")
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    width = int.from_bytes(data[16:20], "big")
    assert width == 1200 * exports.PNG_SCALE


@needs_chromium
def test_svg_parses_and_pdf_magic(fig):
    root = ET.fromstring(figure_to_bytes(fig, "svg"))
    assert root.tag.endswith("svg")
    assert figure_to_bytes(fig, "pdf")[:5] == b"%PDF-"


def test_static_export_without_chromium_says_how(monkeypatch, fig):
    monkeypatch.setattr(exports, "find_chromium", lambda: None)
    with pytest.raises(ChromiumMissing, match="apt-get install chromium"):
        figure_to_bytes(fig, "png")
    assert figure_to_bytes(fig, "html")  # the rest still works


def test_briefing_without_chromium_still_builds(monkeypatch, frame, fig):
    monkeypatch.setattr(exports, "find_chromium", lambda: None)
    pdf = export_bytes(frame, "briefing-pdf", fig=fig, filters=FilterState().describe(), title="T", generated="2026-01-02")
    assert pdf[:5] == b"%PDF-"


@needs_chromium
def test_briefing_pdf(frame, fig):
    shown = filter_events(frame, WINDOW)
    pdf = export_bytes(shown, "briefing-pdf", fig=fig, filters=WINDOW.describe(), title="Caucasus briefing",
                       generated="2026-01-02")
    assert pdf[:5] == b"%PDF-" and pdf.rstrip().endswith(b"%%EOF")
    assert b"/Subtype /Image" in pdf  # the chart is in it
    assert b"Caucasus briefing" in pdf  # the document title (metadata)


def test_unknown_format_is_named(frame):
    with pytest.raises(export.UnknownFormat, match="'xlsx'"):
        export_bytes(frame, "xlsx")


def test_cli_export_csv_filters(tmp_path):
    out = tmp_path / "tur.csv"
    assert main(["export", "--events", str(FIXTURE), "--format", "csv", "--country", "TUR", "--out", str(out)]) == 0
    back = read_events(out)
    assert set(back["cluster_id"]) == {"k_monitors", "k_sochi"}


def test_cli_export_json_all_dates_and_sections(tmp_path):
    out = tmp_path / "all.json"
    assert main(["export", "--events", str(FIXTURE), "--format", "json", "--all-dates", "--section", "body",
                 "--section", "caption", "--out", str(out)]) == 0
    records = json.loads(out.read_text())
    assert {r["cluster_id"] for r in records} >= {"k_idlib", "k_protest", "k_undated"}


@needs_chromium
@pytest.mark.parametrize("fmt, magic", [("svg", b"<svg"), ("briefing-pdf", b"%PDF-"), ("html", b"<!doctype html")])
def test_cli_export_charts(tmp_path, fmt, magic):
    out = tmp_path / f"x.{fmt}"
    assert main(["export", "--events", str(FIXTURE), "--format", fmt, "--chart", "weekly", "--out", str(out),
                 "--date", "2026-01-02"]) == 0
    assert magic in out.read_bytes()[:200]


def test_cli_export_missing_file_is_one_line(tmp_path, capsys):
    assert main(["export", "--events", str(tmp_path / "nope.json"), "--format", "csv", "--out", str(tmp_path / "o.csv")]) == 2  # a known problem: one line, exit 2
    assert "nope.json" in capsys.readouterr().err


def test_normalise_keeps_extra_columns(frame):
    assert list(normalise_frame(frame.assign(extra=1)).columns)[-1] == "extra"


def test_briefing_marks_verified_events():
    """Exports say which items a person verified (issue 6): the briefing's event heading carries the mark,
    and its date in words as precise as it is known (issue 20)."""
    from pipeline.explore.briefing import Entry

    assert Entry("10 November 2020", "AGREE", "h", "", "", True, [1], 1).heading() == \
        "10 November 2020 · AGREE · verified"
    assert Entry("November 2020", "AGREE", "h", "", "", False, [1], 1).heading() == "November 2020 · AGREE"


def test_briefing_builds_with_a_verified_column(frame, fig):
    shown = frame.assign(verified=[i == 0 for i in range(len(frame))])
    pdf = export_bytes(shown, "briefing-pdf", fig=fig, filters=FilterState().describe(), title="T", generated="2026-01-02")
    assert pdf.startswith(b"%PDF-")
