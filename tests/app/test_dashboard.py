"""The Streamlit app driven by AppTest: default view, filters, URL round trip, detail panel, downloads."""
from __future__ import annotations

import io
import json
import re
import shutil
import xml.etree.ElementTree as ET
from datetime import date
from pathlib import Path

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest
from streamlit.testing.v1 import app_test as app_test_module

from pipeline.explore.exports import find_chromium
from pipeline.frame.io import read_events
from conftest import ROOT

APP = str(ROOT / "dashboard.py")
FIXTURE = ROOT / "tests" / "data" / "events_fixture.json"
DEFAULT_CLUSTERS = {"k_truce", "k_monitors", "k_sochi", "k_fall", "k_address"}


def run(params: dict | None = None, timeout: float = 180) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=timeout)
    for k, v in (params or {}).items():
        at.query_params[k] = v
    at.run()
    assert not at.exception, [e.message for e in at.exception]
    return at


def chart_clusters(at: AppTest) -> set[str]:
    """Cluster ids drawn on the timeline (the first plotly chart)."""
    spec = json.loads(at.get("plotly_chart")[0].proto.spec)
    return {c[0] for t in spec["data"] if t.get("customdata") and "markers" in t.get("mode", "") for c in t["customdata"]}


def chart_lanes(at: AppTest) -> set[str]:
    spec = json.loads(at.get("plotly_chart")[0].proto.spec)
    return {y for t in spec["data"] if t.get("customdata") and "markers" in t.get("mode", "") for y in t["y"]}


def sources_frame(at: AppTest) -> pd.DataFrame:
    """The sources panel (AppTest keys only selectable dataframes, so find it by its columns)."""
    return next(d.value for d in at.dataframe if "first_date" in d.value.columns)


def table_clusters(at: AppTest) -> set[str]:
    return set(at.dataframe(key="table").value["cluster_id"]) if at.dataframe else set()


@pytest.fixture(params=["memory", "scanned"])
def fixture_events(request, monkeypatch, tmp_path):
    """The fixture as a small file held in memory, and as Parquet read the way a big file is (store.Scanned)."""
    if request.param == "memory":
        monkeypatch.setenv("TIMELINE_EVENTS", str(FIXTURE))
        return
    from pipeline.frame.io import write_events

    out = tmp_path / "fixture.parquet"
    write_events(read_events(FIXTURE), out)
    shutil.copy(FIXTURE.parent / "corpus.yaml", tmp_path)  # its window, beside it (issue 19)
    monkeypatch.setenv("TIMELINE_EVENTS", str(out))
    monkeypatch.setenv("TIMELINE_IN_MEMORY_MAX", "0")


# --- the seeds, through the default build (generic: passes with stub and real stages) -----------------

def test_default_view_on_the_seeds(monkeypatch):
    monkeypatch.delenv("TIMELINE_EVENTS", raising=False)
    at = run()
    assert at.title[0].value == "Geopolitical timeline"
    assert at.date_input(key="dates").value == (date(2020, 11, 10), date(2020, 12, 29))
    assert at.multiselect(key="sections").value == ["body"]
    assert at.get("plotly_chart"), "the timeline is drawn"
    table = at.dataframe(key="table").value
    assert len(table) >= 1, "the seeds have events in the focus window"
    assert (table["date_start"].dropna() <= "2020-12-29").all()
    assert at.query_params == {}  # the default view has a clean URL
    at.switch_page("app/sources.py").run()
    sources = sources_frame(at)
    seed_stems = {p.stem for p in (ROOT / "seeds").iterdir()}
    assert set(sources["doc_id"]) <= seed_stems and len(sources) >= 1


# --- filters, each narrowing the table and the chart ------------------------------------------------

def test_fixture_default_view(fixture_events):
    at = run()
    assert table_clusters(at) == DEFAULT_CLUSTERS
    assert chart_clusters(at) == DEFAULT_CLUSTERS
    assert "5 events (8 mentions) from 5 articles" in at.caption[0].value


@pytest.mark.parametrize("key, value, expected", [
    ("countries", ["TUR"], {"k_monitors", "k_sochi"}),
    ("actors", ["Ilham Aliyev"], {"k_truce", "k_fall", "k_address"}),
    ("event_types", ["MEET"], {"k_sochi"}),
    ("sources", ["Daily Ledger"], {"k_truce", "k_monitors"}),
    ("sections", ["body", "caption"], DEFAULT_CLUSTERS | {"k_protest"}),
    ("q", "ceasefire", {"k_truce"}),
    ("dates", (date(2020, 12, 1), date(2020, 12, 31)), {"k_monitors", "k_sochi", "k_fall"}),
    ("context", True, DEFAULT_CLUSTERS | {"k_idlib", "k_next"}),
])
def test_each_filter_narrows_table_and_chart(fixture_events, key, value, expected):
    at = run()
    widget = {"countries": at.multiselect, "actors": at.multiselect, "event_types": at.multiselect,
              "sources": at.multiselect, "sections": at.multiselect, "q": at.text_input, "dates": at.date_input,
              "context": at.toggle}[key](key=key)
    widget.set_value(value).run()
    assert not at.exception
    dated = {c for c in expected if c != "k_undated"}
    assert table_clusters(at) - {"k_undated"} == dated
    assert chart_clusters(at) == dated


def test_country_filter_keeps_only_that_lane(fixture_events):
    at = run()
    at.multiselect(key="countries").set_value(["TUR"]).run()
    assert chart_lanes(at) == {"Türkiye"}
    at.radio(key="lane").set_value("actors").run()
    assert chart_lanes(at) == {"Recep Tayyip Erdogan", "Sergey Lavrov", "Mevlut Cavusoglu"}


def test_empty_state_is_clear(fixture_events):
    at = run()
    at.text_input(key="q").set_value("no such words anywhere").run()
    assert any("No events match these filters" in i.value for i in at.info)
    assert chart_clusters(at) == set()
    at.button(key="reset_empty").click().run()
    assert at.text_input(key="q").value == ""
    assert table_clusters(at) == DEFAULT_CLUSTERS


# --- the URL ----------------------------------------------------------------------------------------

def test_url_round_trip(fixture_events):
    params = {"start": "2020-11-01", "end": "2020-12-31", "country": ["RUS", "TUR"], "type": "MEET",
              "section": ["body", "teaser"], "q": "Sochi", "lane": "actors", "context": "1", "source": "Gazette East",
              "actor": "Sergey Lavrov"}
    at = run(params)
    assert at.date_input(key="dates").value == (date(2020, 11, 1), date(2020, 12, 31))
    assert at.multiselect(key="countries").value == ["RUS", "TUR"]
    assert at.multiselect(key="event_types").value == ["MEET"]
    assert at.multiselect(key="sections").value == ["body", "teaser"]
    assert at.multiselect(key="sources").value == ["Gazette East"]
    assert at.multiselect(key="actors").value == ["Sergey Lavrov"]
    assert at.text_input(key="q").value == "Sochi" and at.radio(key="lane").value == "actors"
    assert at.toggle(key="context").value is True
    assert at.query_params == params
    assert table_clusters(at) == {"k_sochi"}


def test_filters_lost_by_an_interrupted_run_come_back_from_the_url(fixture_events):
    # Streamlit drops a widget's state when a run ended before drawing it; the next run must not fail on a
    # missing key (bench/load.py met `KeyError: "dates"`) but read the filters again from the URL
    at = AppTest.from_file(APP, default_timeout=180)
    at.session_state["_filters_ready"] = True  # an earlier run seeded the filters; their widgets' state is gone
    at.query_params["country"] = "ARM"  # what the last complete run wrote
    at.run()
    assert not at.exception, [e.message for e in at.exception]
    assert at.multiselect(key="countries").value == ["ARM"] and table_clusters(at) == {"k_truce"}
    assert at.date_input(key="dates").value == (date(2020, 11, 9), date(2020, 12, 29))


def test_widgets_write_the_url(fixture_events):
    at = run()
    at.multiselect(key="countries").set_value(["ARM"]).run()
    at.text_input(key="q").set_value("truce").run()
    assert at.query_params == {"country": "ARM", "q": "truce"}
    again = run(at.query_params)  # a shared link reproduces the view
    assert table_clusters(again) == table_clusters(at) == {"k_truce"}


def shown(markdown: str) -> str:
    """What a reader sees of a message: every value is Markdown-escaped where it is rendered."""
    return re.sub(r"\\(.)", r"\1", markdown)


def test_bad_date_in_link_warns_and_falls_back(fixture_events):
    at = run({"start": "not-a-date"})
    assert any("start='not-a-date'" in shown(w.value) for w in at.warning)
    assert table_clusters(at) == DEFAULT_CLUSTERS


def test_missing_events_file_is_named(monkeypatch, tmp_path):
    monkeypatch.setenv("TIMELINE_EVENTS", str(tmp_path / "gone.parquet"))
    at = AppTest.from_file(APP, default_timeout=60).run()
    assert any("gone.parquet" in shown(e.value) and "no such file" in shown(e.value) for e in at.error)


# --- source attribution --------------------------------------------------------------------------

def detail_text(at: AppTest) -> str:
    return "\n".join(m.value for m in at.markdown)


def test_detail_panel_for_a_selected_event(fixture_events):
    at = run()
    at.selectbox(key="event").set_value("k_truce").run()
    text = detail_text(at)
    for outlet in ("Northern Wire", "Daily Ledger", "Steppe Blog"):
        assert f"**{outlet}**" in text
    assert "[Truce signed in the south](https://example.org/wire-a)" in text
    assert "published Nov 2020 (inferred from the text)" in text  # the fixture names no basis
    assert ":orange-background[**10 November 2020**]" in text  # the date words, highlighted
    assert "<script>" not in text and "&lt;script&gt;" in text  # article text is text, never HTML
    assert at.query_params["event"] == "k_truce"


def test_event_in_link_opens_detail(fixture_events):
    at = run({"event": "k_sochi"})
    assert at.selectbox(key="event").value == "k_sochi"
    assert "**Gazette East**" in detail_text(at) and "**Northern Wire**" in detail_text(at)


def test_sources_panel_lists_corpus(fixture_events):
    at = run()
    at.switch_page("app/sources.py").run()
    sources = sources_frame(at)
    assert set(sources["doc_id"]) == {"wire_a", "daily_b", "blog_c", "wire_d", "gazette_e"}
    gazette = sources[sources["doc_id"] == "gazette_e"].iloc[0]
    assert (gazette["events"], gazette["first_date"], gazette["last_date"]) == (4, "2020-09-22", "2021-12-31")
    assert {"events", "first_date", "last_date", "published_inferred"} <= set(sources.columns)


# --- other views -----------------------------------------------------------------------------------

def chart_spec(at: AppTest) -> dict:
    return json.loads(at.get("plotly_chart")[0].proto.spec)


def test_weekly_view(fixture_events):
    at = run({"view": "weekly"})
    spec = chart_spec(at)
    assert spec["layout"]["barmode"] == "stack"
    bars = {t["name"] for t in spec["data"] if t["type"] == "bar"}
    assert bars == {"Armenia", "Azerbaijan", "Russia", "Türkiye"}  # short names (issue 19)
    # known only to a season or a month: a row of their own, never a bar in their first week (issue 19)
    assert {t["name"] for t in spec["data"] if t.get("yaxis") == "y2"} == {"autumn 2020: 1 event(s)",
                                                                           "Dec 2020: 1 event(s)"}
    at.multiselect(key="countries").set_value(["TUR"]).run()
    assert {t["name"] for t in chart_spec(at)["data"] if t["type"] == "bar"} == {"Türkiye"}


def test_network_view(fixture_events):
    at = run({"view": "network"})
    nodes = next(t for t in chart_spec(at)["data"] if "text" in t.get("mode", ""))
    assert "Sergey Lavrov" in nodes["text"] and "Ilham Aliyev" in nodes["text"]


def test_map_view_plots_registry_places(fixture_events):
    """Places of the shown events are points on the map: registry places at their hand-entered coordinates,
    other names (capitals, cities) where GeoNames puts them (issue 19)."""
    from pipeline.explore.places import gazetteer
    from pipeline.registry import place_coordinates

    at = run({"view": "map"})
    coords, places = place_coordinates(), gazetteer()
    points = [t for t in chart_spec(at)["data"] if "lat" in t]
    assert points, "the map has no points"
    names = [n for trace in points for n in trace["text"]]
    assert any(n in coords for n in names) and any(n not in coords for n in names)  # both sources drawn
    for trace in points:
        for name, lat, lon in zip(trace["text"], trace["lat"], trace["lon"]):
            if name in coords:
                assert (lat, lon) == coords[name]
            elif not places.depends_on_country(name):
                assert (lat, lon) == places.locate(name)


def test_map_view_without_coordinates_says_so(fixture_events, monkeypatch):
    monkeypatch.setattr("pipeline.explore.views.known_coordinates", lambda: {})
    at = run({"view": "map"})
    assert any("No coordinates" in i.value for i in at.info)


def test_export_follows_the_view(fixture_events):
    at = run({"view": "weekly"})
    assert any("Chart: Events per week" in c.value for c in at.caption)
    assert at.download_button(key="dl_png").proto.id  # present


# --- downloads -----------------------------------------------------------------------------------

class RecordingMediaFileManager(app_test_module.MediaFileManager):
    last = None

    def __init__(self, *a, **kw):
        super().__init__(*a, **kw)
        RecordingMediaFileManager.last = self


def download(at: AppTest, key: str) -> bytes:
    """Run the deferred producer of a download button, as a click would, and return the file's bytes."""
    mgr = RecordingMediaFileManager.last
    proto = at.download_button(key=key).proto
    url = mgr.execute_deferred(proto.deferred_file_id) if proto.deferred_file_id else proto.url
    file_id = url.rsplit("/", 1)[-1].split(".")[0]
    return mgr._storage.get_file(file_id).content


@pytest.fixture
def downloads(fixture_events, monkeypatch):
    monkeypatch.setattr(app_test_module, "MediaFileManager", RecordingMediaFileManager)
    at = run()
    at.multiselect(key="countries").set_value(["RUS"]).run()
    return at


@pytest.mark.parametrize("fmt", ["csv", "json"])
def test_events_downloads_round_trip(downloads, tmp_path, fmt):
    data = download(downloads, f"dl_{fmt}")
    (tmp_path / f"e.{fmt}").write_bytes(data)
    back = read_events(tmp_path / f"e.{fmt}")
    assert set(back["cluster_id"]) == {"k_truce", "k_sochi"}
    from pipeline.timex.display import with_date_display

    expected = with_date_display(read_events(FIXTURE))  # (the fixture predates date_display: issue 19)
    expected = expected[expected["event_id"].isin(back["event_id"])].reset_index(drop=True)
    pd.testing.assert_frame_equal(back.sort_values("event_id").reset_index(drop=True),
                                  expected.sort_values("event_id").reset_index(drop=True))


def test_html_download(downloads):
    html = download(downloads, "dl_html").decode("utf-8")
    assert "Plotly.newPlot" in html and "Russia" in html


def test_briefing_title_fields_and_other_tools_downloads(downloads):
    """Issue 20: the briefing's title and subtitle are typed in the page; every other tool's format downloads."""
    downloads.text_input(key="brief_title").input("Desk note").run()
    downloads.text_input(key="brief_subtitle").input("Eastern desk").run()
    md = download(downloads, "dl_md").decode("utf-8")
    assert md.startswith("# Desk note\n\n*Eastern desk*\n")
    timeline = json.loads(download(downloads, "dl_timelinejs"))
    assert {e["unique_id"] for e in timeline["events"]} == {"k_truce", "k_sochi"}
    assert download(downloads, "dl_docx")[:2] == b"PK" and download(downloads, "dl_ics").startswith(b"BEGIN:VCALENDAR")
    assert download(downloads, "dl_sqlite")[:16] == b"SQLite format 3\x00"


@pytest.mark.skipif(find_chromium() is None, reason="Chromium is missing: `sudo apt-get install chromium` "
                                                    "(or run `make test` as root)")
def test_static_and_briefing_downloads(downloads):
    assert download(downloads, "dl_png")[:8] == b"\x89PNG\r\n\x1a\n"
    assert ET.parse(io.BytesIO(download(downloads, "dl_svg"))).getroot().tag.endswith("svg")
    assert download(downloads, "dl_pdf")[:5] == b"%PDF-"
    brief = download(downloads, "dl_briefing-pdf")
    assert brief[:5] == b"%PDF-" and b"/Subtype /Image" in brief


def test_without_chromium_static_buttons_say_how(fixture_events, monkeypatch):
    monkeypatch.setenv("BROWSER_PATH", "/nonexistent/chromium")
    monkeypatch.setenv("PATH", "/nonexistent")
    at = run()
    assert at.download_button(key="dl_png").proto.disabled
    assert not at.download_button(key="dl_csv").proto.disabled
    assert any("apt-get install chromium" in c.value for c in at.caption)


# --- issue 7: many analysts at once (a rerun must stay cheap) -----------------------------------------

@pytest.fixture(params=["memory", "scanned"])
def tiled_events(request, tmp_path, monkeypatch):
    """The fixture tiled to 520 mentions in the focus window (new ids, distinct headlines): over two table pages.

    Held in memory, or read the way a big Parquet file is (store.Scanned: text read for the page only).
    """
    if request.param == "scanned":
        monkeypatch.setenv("TIMELINE_IN_MEMORY_MAX", "0")
    from pipeline.frame.io import write_events

    seeds = read_events(FIXTURE)
    seeds = seeds[(seeds["section"] == "body") & seeds["date_start"].between("2020-11-10", "2020-12-29")]
    frame = pd.concat([seeds] * -(-520 // len(seeds)), ignore_index=True).iloc[:520].copy()
    copy = pd.Series(frame.index // len(seeds)).astype(str)
    for col in ("event_id", "cluster_id"):
        frame[col] = frame[col] + "-" + copy
    frame["headline"] = frame["headline"] + " #" + copy
    out = tmp_path / "tiled.parquet"
    write_events(frame, out)
    monkeypatch.setenv("TIMELINE_EVENTS", str(out))
    return frame


def test_table_pages_through_every_filtered_mention(tiled_events):
    at = run()
    first = at.dataframe(key="table").value
    assert len(first) == 200
    assert at.number_input(key="table_page").value == 1 and at.number_input(key="table_page").max == 3
    assert any("Mentions 1–200 of 520 (page 1 of 3" in c.value for c in at.caption)
    labels_page_1 = set(at.selectbox(key="event").options)
    at.number_input(key="table_page").set_value(3).run()
    assert not at.exception
    last = at.dataframe(key="table").value
    assert len(last) == 120 and not set(last["cluster_id"]) & set(first["cluster_id"])
    assert (last["date_start"].min() >= first["date_start"].max())  # date order goes on across pages
    assert any("Mentions 401–520 of 520 (page 3 of 3" in c.value for c in at.caption)
    # the event picker lists the events of the page shown
    labels_page_3 = set(at.selectbox(key="event").options)
    assert labels_page_3 and not labels_page_3 & labels_page_1
    # a new filter goes back to page 1; one page only: no page widget
    at.multiselect(key="countries").set_value(["TUR"]).run()
    assert not at.exception
    pages = [n for n in at.number_input if n.key == "table_page"]
    n_turkish = int(tiled_events["countries"].map(lambda v: "TUR" in v).sum())
    assert len(at.dataframe(key="table").value) == min(200, n_turkish)
    assert (pages[0].value == 1) if pages else n_turkish <= 200


def test_rerun_with_the_same_filters_reuses_the_chart(fixture_events):
    """Chart specs are cached per filter state and shared: picking an event does not rebuild the chart."""
    import streamlit as st

    from pipeline.explore import charts

    st.cache_resource.clear()  # other tests of this process may have drawn these views already
    calls = []
    original = charts.timeline_spec

    def counting(*args, **kwargs):
        calls.append(1)
        return original(*args, **kwargs)

    charts.timeline_spec = counting
    try:
        at = run()
        at.selectbox(key="event").set_value("k_truce").run()
        at.selectbox(key="event").set_value("k_sochi").run()
        assert not at.exception and at.get("plotly_chart")
        before = len(calls)
        at2 = run()  # another session, same filters
        assert not at2.exception and at2.get("plotly_chart") and len(calls) == before
        at2.multiselect(key="countries").set_value(["TUR"]).run()
        assert len(calls) == before + 1
    finally:
        charts.timeline_spec = original


def test_no_full_garbage_collection_after_each_run():
    """Streamlit's default gc.collect(2) after every run walked the whole shared frame: ~50 ms per rerun."""
    import tomllib

    config = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text(encoding="utf-8"))
    assert config["runner"]["postScriptGC"] is False


@pytest.mark.parametrize("tiled_events", ["scanned"], indirect=True)
def test_big_file_views_never_read_every_column(tiled_events, monkeypatch):
    """A big Parquet file: default view, all dates, a country, the detail panel, another table page and the
    weekly view read only the light columns and the rows shown; the events export still has every row."""
    from pipeline.explore import query as store

    monkeypatch.setattr(app_test_module, "MediaFileManager", RecordingMediaFileManager)

    def whole_file(*args, **kwargs):
        raise AssertionError("the whole file was read")

    monkeypatch.setattr(store, "scan", whole_file)
    monkeypatch.setattr(store.Scanned, "frame", _only_some_rows(store.Scanned.frame))
    at = run()
    at.toggle(key="context").set_value(True).run()
    assert not at.exception, [e.message for e in at.exception]
    assert len(at.dataframe(key="table").value) == 200
    assert any("of 520 (page 1 of 3" in c.value for c in at.caption)
    at.multiselect(key="countries").set_value(["TUR"]).run()
    assert not at.exception and chart_lanes(at) <= {"Türkiye", "Turkey"}
    cid = at.dataframe(key="table").value["cluster_id"].iloc[0]
    at.selectbox(key="event").set_value(cid).run()
    assert not at.exception and at.get("subheader")
    if [n for n in at.number_input if n.key == "table_page"]:
        at.number_input(key="table_page").set_value(2).run()
        assert not at.exception
    at.segmented_control(key="view").set_value("weekly").run()
    assert not at.exception and at.get("plotly_chart")
    monkeypatch.setattr(store.Scanned, "frame", _all_rows)  # the export: every filtered row, every column
    back = pd.read_csv(io.BytesIO(download(at, "dl_csv")))
    turkish = tiled_events[tiled_events["countries"].map(lambda v: "TUR" in v)]
    assert sorted(back["event_id"]) == sorted(turkish["event_id"])
    assert set(back.columns) >= set(tiled_events.columns) and back["quote"].notna().all()


_FRAME = None


def _only_some_rows(original):
    global _FRAME
    _FRAME = original

    def frame(self, positions=None, columns=None):
        assert positions is not None or columns is not None, "every row of every column was read"
        return original(self, positions, columns)
    return frame


def _all_rows(self, positions=None, columns=None):
    return _FRAME(self, positions, columns)


@pytest.mark.parametrize("tiled_events", ["scanned"], indirect=True)
def test_big_file_curation_reads_only_the_page_clusters(tiled_events, monkeypatch):
    """Curation on a big file offers the table page's events and reads only their clusters' rows, not the file."""
    from pipeline.frame import io as export
    from pipeline.explore import query as store

    def whole_file(*args, **kwargs):
        raise AssertionError("the whole file was read")

    monkeypatch.setenv("TIMELINE_CURATION_AUTO_MAX", "100")
    monkeypatch.setattr(store, "scan", whole_file)
    monkeypatch.setattr(export, "read_events", whole_file)
    at = run()
    at.switch_page("app/curation.py").run()
    at.toggle(key="curation_open").set_value(True).run()
    assert not at.exception, [e.message for e in at.exception]
    assert any("the 200 on page 1 of the filtered events (520 in the file)" in c.value for c in at.caption)
    picker = at.selectbox(key="curate_event")
    assert len(picker.options) == 200 and picker.value in set(tiled_events["event_id"])
    # a merge target is another event of the page; the picked event's text is shown
    assert at.selectbox(key="curate_merge_into").options
    assert at.text_input(key="curate_headline").value in set(tiled_events["headline"])
    at.text_input(key="q").set_value("no such words anywhere").run()  # no event on the page: nothing to curate
    assert not at.exception, [e.message for e in at.exception]


def test_cluster_rows_are_every_mention_of_those_clusters(tmp_path):
    from pipeline.explore import query as store
    from pipeline.frame.io import write_events

    frame = read_events(FIXTURE)
    path = write_events(frame, tmp_path / "events.parquet")
    chosen = ["k_truce", "k_undated", "nope"]
    got = store.cluster_rows(path, chosen)
    expected = store.scan(path)
    expected = expected[expected["cluster_id"].isin(chosen)].reset_index(drop=True)
    pd.testing.assert_frame_equal(got, expected)
    assert set(got["cluster_id"]) == {"k_truce", "k_undated"}
    assert store.cluster_rows(path, []).empty and list(store.cluster_rows(path, []).columns) == list(got.columns)
    pd.testing.assert_frame_equal(store.cluster_rows(FIXTURE, chosen).reset_index(drop=True),
                                  frame[frame["cluster_id"].isin(chosen)].reset_index(drop=True))


def test_missing_text_cells_never_show_as_nan():
    """A pandas string column holds NaN for a missing value: the detail panel and pickers must not print 'nan'."""
    from pipeline.explore import views

    cells = pd.Series(["2020-11-10", None], dtype="str")
    assert views.text_of(cells[0], "undated") == "2020-11-10"
    assert views.text_of(cells[1], "undated") == "undated"
    assert views.text_of("", "unknown outlet") == "unknown outlet"
    assert views.event_label({"date_start": cells[1], "headline": float("nan"), "quote": "Talks began."}) == "undated · Talks began."
