"""AppTest of where the dashboard opens (issue 19): the corpus file, the densest span of another corpus (2023),
the axis following the sidebar, and an upload moving the view to the new articles."""
from __future__ import annotations

import json
from datetime import date

import pytest
from streamlit.testing.v1 import AppTest

from conftest import ROOT
from pipeline.build import build
from pipeline.explore.window import densest_span
from pipeline.frame.io import build_record, write_events

APP = str(ROOT / "dashboard.py")
OTHER = ROOT / "tests" / "data" / "other_corpus"


def run(timeout: float = 180) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=timeout)
    at.run()
    assert not at.exception, [e.message for e in at.exception]
    return at


def spec(at: AppTest, n: int = 0) -> dict:
    return json.loads(at.get("plotly_chart")[n].proto.spec)


def chart_clusters(at: AppTest) -> set[str]:
    return {c[0] for t in spec(at)["data"] if t.get("customdata") and "markers" in t.get("mode", "")
            for c in t["customdata"]}


@pytest.fixture(scope="module")
def other_frame():
    return build([OTHER]).frame


@pytest.fixture
def other_events(tmp_path, monkeypatch, other_frame):
    """The 2023 corpus (Niger coup, five articles in agency styles) built to its own events file."""
    out = tmp_path / "sahel" / "events.parquet"
    write_events(other_frame, out)
    monkeypatch.setenv("TIMELINE_EVENTS", str(out))
    monkeypatch.setenv("TIMELINE_CORPUS", str(tmp_path / "corpus"))
    return out


def test_other_corpus_opens_on_all_its_events_with_no_2020_axis(other_events, other_frame):
    at = run()
    start, end = densest_span(other_frame)
    assert at.date_input(key="dates").value == (date.fromisoformat(start), date.fromisoformat(end))
    assert start.startswith("2023-07") and end.startswith("2023-09")
    body = other_frame[(other_frame["section"] == "body") & other_frame["date_start"].notna()]
    # no corpus file: every body event is in the chart and the table, the 1960/2021/2022 background too
    assert at.toggle(key="context").value
    assert set(body["cluster_id"]) == chart_clusters(at)
    assert set(body["cluster_id"]) <= set(at.dataframe(key="table").value["cluster_id"])
    layout = spec(at)["layout"]
    shaded = layout["shapes"][0]  # the densest span, shaded among them
    assert shaded["x0"] == start and shaded["x1"] > end and "range" not in layout["xaxis"]
    assert at.query_params == {}  # the default view keeps a clean URL
    # context off: the 2023 story only, and the axis follows the sidebar's range
    at.toggle(key="context").set_value(False).run()
    story = body[body["date_end"] >= start]
    assert set(story["cluster_id"]) == chart_clusters(at)
    axis = spec(at)["layout"]["xaxis"]["range"]
    assert axis[0].startswith("2023-07") and axis[1].startswith("2023-09") and "2020" not in json.dumps(axis)
    assert at.query_params["context"] == "0"  # a choice that differs from the default goes into the link


def test_the_axis_follows_the_sidebar_range(other_events):
    at = run()
    at.date_input(key="dates").set_value((date(2023, 8, 1), date(2023, 8, 12))).run()
    assert not at.exception
    axis = spec(at)["layout"]["xaxis"]["range"]
    assert axis[0] <= "2023-08-01" < axis[1] and "2023-08-12" < axis[1] <= "2023-08-20"
    at.segmented_control(key="view").set_value("weekly").run()
    weekly = spec(at)["layout"]["xaxis"]["range"]
    assert weekly[0] <= "2023-08-01" and weekly[1] >= "2023-08-12" and weekly[1] < "2023-09-01"


def test_corpus_file_beside_the_events_sets_window_title_and_lanes(other_events):
    (other_events.parent / "corpus.yaml").write_text(
        "title: Niger after the coup\nfocus:\n  start: 2023-08-01\n  end: 2023-08-20\nlanes: actors\n")
    at = run()
    assert at.date_input(key="dates").value == (date(2023, 8, 1), date(2023, 8, 20))
    assert at.radio(key="lane").value == "actors"
    assert any(s.value == "Niger after the coup" for s in at.subheader)
    assert at.query_params == {}
    # a changed range goes into the URL; "Reset filters" comes back to the corpus file's window
    at.date_input(key="dates").set_value((date(2023, 7, 26), date(2023, 7, 31))).run()
    assert at.query_params["start"] == "2023-07-26"
    at.button(key="reset").click().run()
    assert at.date_input(key="dates").value == (date(2023, 8, 1), date(2023, 8, 20))


def test_a_bad_corpus_file_is_named_and_the_densest_span_used(other_events, other_frame):
    (other_events.parent / "corpus.yaml").write_text("focus:\n  start: 2023-08-01\n  finish: 2023-08-20\n")
    at = run()
    warnings = [w.value for w in at.warning if "focus must have start and end dates" in w.value]
    assert len(warnings) == 1 and "corpus\\.yaml" in warnings[0]  # once, naming the file (Markdown-escaped)
    start, end = densest_span(other_frame)
    assert at.date_input(key="dates").value == (date.fromisoformat(start), date.fromisoformat(end))


def test_seeds_open_on_their_corpus_file(monkeypatch):
    monkeypatch.delenv("TIMELINE_EVENTS", raising=False)
    at = run()
    assert at.date_input(key="dates").value == (date(2020, 11, 10), date(2020, 12, 29))
    assert any("Nagorno" in s.value for s in at.subheader)  # the title of seeds/corpus.yaml
    axis = spec(at)["layout"]["xaxis"]["range"]
    assert axis[0].startswith("2020-11") and "2020-12-29" < axis[1] <= "2021-01-02"


def test_an_upload_moves_the_view_to_the_new_events(tmp_path, monkeypatch):
    out = tmp_path / "out" / "events.parquet"
    # built by the pipeline (a build record): the dashboard may rebuild it after the upload (issue 17)
    write_events(build([ROOT / "seeds"], {"out": str(out)}).frame, out, build_record([ROOT / "seeds"]))
    for k, v in {"TIMELINE_EVENTS": str(out), "TIMELINE_CORPUS": str(tmp_path / "corpus"),
                 "TIMELINE_DB": str(tmp_path / "out" / "curations.sqlite"),
                 "TIMELINE_REGISTRY": str(tmp_path / "actors.user.yaml")}.items():
        monkeypatch.setenv(k, v)
    at = run()
    assert at.date_input(key="dates").value[0].year == 2020
    at.switch_page("app/curation.py").run()
    files = [(p.name, p.read_bytes(), "text/plain") for p in sorted(OTHER.iterdir())]
    at.file_uploader(key="ingest_files").set_value(files)
    at.run()
    at.button(key="ingest_store").click().run()
    assert not at.exception
    lo, hi = at.date_input(key="dates").value
    assert (lo.year, hi.year) == (2023, 2023) and lo.month == 7
    at.switch_page("app/explore.py").run()
    assert not at.exception
    axis = spec(at)["layout"]["xaxis"]["range"]
    assert axis[0].startswith("2023-07")
    table = at.dataframe(key="table").value
    assert len(table) and (table["date_start"].dropna() >= "2023-01-01").all()  # no 2020 event in the new view
