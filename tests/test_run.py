"""`make run` serves the page: its build step writes the events, and `streamlit run dashboard.py` answers."""
from __future__ import annotations

import shutil
import subprocess
import sys
import urllib.request

import pytest

from _streamlit_server import ROOT, streamlit_server
from pipeline.export import read_events
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


def test_streamlit_serves_an_events_file(tmp_path):
    events = ROOT / "tests" / "data" / "events_fixture.json"
    with streamlit_server(events=events) as url:
        with urllib.request.urlopen(f"{url}/_stcore/health", timeout=10) as resp:
            assert resp.status == 200
