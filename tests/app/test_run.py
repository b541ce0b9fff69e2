"""`make run` serves the page: its build step writes the events, and `streamlit run dashboard.py` answers."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
import urllib.request

import pytest

from _streamlit_server import CHROMIUM, CHROMIUM_ARGS, ROOT, streamlit_server
from pipeline.explore.filters import filter_events
from pipeline.explore.window import default_view, window_frame
from pipeline.ingest.corpus_file import find_corpus_file
from pipeline.frame.io import read_events
from pipeline.schema import COLUMNS


@pytest.mark.skipif(shutil.which("make") is None, reason="make is not installed")
def test_make_run_build_step_writes_events(tmp_path):
    out = tmp_path / "events.parquet"
    proc = subprocess.run(["make", "-C", str(ROOT), "build", f"EVENTS={out}", f"PY={sys.executable}"],
                          capture_output=True, text=True, timeout=600)
    assert proc.returncode == 0, proc.stderr
    frame = read_events(out)
    assert list(frame.columns)[: len(COLUMNS)] == list(COLUMNS) and len(frame) >= 1
    assert set(frame["doc_id"]) <= {p.stem for p in (ROOT / "seeds").iterdir()}


def test_make_run_target_builds_then_serves():
    plan = subprocess.run(["make", "-C", str(ROOT), "-n", "run"], capture_output=True, text=True, timeout=60)
    assert plan.returncode == 0, plan.stderr
    assert "streamlit run dashboard.py" in plan.stdout


def test_streamlit_serves_health_and_page():
    with streamlit_server() as url:
        with urllib.request.urlopen(f"{url}/_stcore/health", timeout=10) as resp:
            assert resp.status == 200 and resp.read().decode().strip() == "ok"
        with urllib.request.urlopen(url, timeout=10) as resp:
            assert resp.status == 200 and "<title>" in resp.read().decode().lower()


def _rendered_text(url: str, tmp_path, until: str = r"articles · data:|no such file") -> str:
    """The page's text once it matches the regular expression `until` (the app's caption or an error by
    default), read in a real browser."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        try:
            page = browser.new_page()
            page.goto(url, wait_until="domcontentloaded")
            page.wait_for_function("(until) => new RegExp(until).test(document.body.innerText)", arg=until,
                                   timeout=90_000)
            return page.inner_text("body")
        finally:
            browser.close()


@pytest.mark.skipif(not os.path.isfile(CHROMIUM), reason="Chromium is missing: run `make test` as root")
def test_streamlit_serves_an_events_file(tmp_path):
    """The served page shows the events of the file it was pointed at (not merely a healthy server)."""
    events = ROOT / "tests" / "data" / "events_fixture.json"
    frame = read_events(events)
    with streamlit_server(events=events) as url:  # the chart's title is SVG text; the table is a canvas
        text = _rendered_text(url, tmp_path, until=r"articles · data:[\s\S]*Timeline by country")
    n_docs = frame["doc_id"].nunique()
    assert f"from {n_docs} articles · data: events_fixture.json" in text, text[:2000]
    # the view it opens on (issue 19): the corpus.yaml beside the events file
    shown = filter_events(frame, default_view(window_frame(frame), find_corpus_file([events.parent])).state())
    title = f"Timeline by country — {shown['cluster_id'].nunique()} events from {shown['doc_id'].nunique()} articles"
    assert title in text, text[:3000]


@pytest.mark.skipif(not os.path.isfile(CHROMIUM), reason="Chromium is missing: run `make test` as root")
def test_streamlit_names_a_missing_events_file(tmp_path):
    missing = tmp_path / "gone.parquet"
    with streamlit_server(events=missing) as url:
        text = _rendered_text(url, tmp_path)
    assert "no such file" in text and "gone.parquet" in text
