"""Atomic writes: a build killed midway leaves the last good events file and every curation intact (issue 6)."""
import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from conftest import ROOT
from pipeline.frame import io as export
from pipeline.build import build
from pipeline.frame.curation import connect, correct, default_db_path, history, verify
from pipeline.frame.io import read_events, write_events

WORDS = ("harbour treaty minister valley monitors talks border quota commission parliament delegation "
         "agreement ceasefire statement observers").split()
MONTHS = ("January February March April May June July August September October November December").split()


def _write_articles(folder: Path, n: int, seed: int) -> None:
    """Made-up articles, each distinct (so none is merged as a duplicate) and each with dated sentences."""
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    for i in range(n):
        paras = [f"The {' '.join(rng.choice(WORDS) for _ in range(20))} on {rng.randint(1, 28)} "
                 f"{rng.choice(MONTHS)} 2021, officials said." for _ in range(10)]
        (folder / f"s{seed}-{i:04d}.txt").write_text(f"Article {seed}-{i}\n\n" + "\n\n".join(paras) + "\n",
                                                      encoding="utf-8")


def _snapshot(db: Path):
    with sqlite3.connect(db) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    return history(db).to_dict("records")


def test_build_killed_midway_keeps_the_previous_events_and_curations(tmp_path):
    corpus, out = tmp_path / "corpus", tmp_path / "out" / "events.parquet"
    _write_articles(corpus, 5, seed=1)
    first = build([corpus], {"out": str(out)})
    write_events(first.frame, out)
    db = default_db_path({"out": str(out)})
    verify(db, first.frame.event_id[0], "ana", first.frame)
    correct(db, first.frame.event_id[1], {"headline": "Checked by hand"}, "ana", first.frame)
    events_before, curations_before = out.read_bytes(), _snapshot(db)

    _write_articles(corpus, 600, seed=2)  # enough work to be caught in the middle
    proc = subprocess.Popen([sys.executable, "-m", "pipeline", "build", str(corpus), "--out", str(out), "-q"],
                            cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    cache = out.parent / ".cache" / "documents"
    deadline = time.monotonic() + 120
    try:
        # Wait until the build has started writing (new cache entries), then kill it without warning.
        while time.monotonic() < deadline and proc.poll() is None:
            if cache.is_dir() and len(list(cache.glob("*.pickle"))) >= 15:
                break
            time.sleep(0.01)
        assert proc.poll() is None, "the build ended before it could be killed; give it more articles"
        os.kill(proc.pid, signal.SIGKILL)
    finally:
        proc.wait(timeout=60)
    assert proc.returncode == -signal.SIGKILL

    assert out.read_bytes() == events_before
    assert _snapshot(db) == curations_before
    assert not [p for p in out.parent.iterdir() if p.name.startswith("events.parquet") and p != out
                and not p.name.endswith(".tmp")]

    # The next build picks up where the killed one stopped, and re-applies every curation.
    result = build([corpus], {"out": str(out)})
    assert result.stats["reused"] >= 15
    again = result.frame
    assert bool(again.loc[again.event_id == first.frame.event_id[0], "verified"].iloc[0])
    assert again.loc[again.event_id == first.frame.event_id[1], "headline"].iloc[0] == "Checked by hand"


def test_failed_write_leaves_the_previous_events_file(tmp_path, monkeypatch):
    corpus, out = tmp_path / "corpus", tmp_path / "events.json"
    _write_articles(corpus, 3, seed=3)
    frame = build([corpus], {"out": str(out)}).frame
    write_events(frame, out)
    before = out.read_bytes()

    def crash(*_args):
        raise OSError("disk full")

    monkeypatch.setattr(os, "replace", crash)
    with pytest.raises(OSError, match="disk full"):
        write_events(frame.iloc[:1], out)
    assert out.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir() if p.is_file()] == ["events.json"]
    assert len(read_events(out)) == len(frame)


CURATE_FOREVER = """
import sys
from pipeline.frame.curation import connect, record
conn = connect(sys.argv[1])
n = 0
while True:
    n += 1
    record(conn, "verify", f"e{n}", "bot")
    if n == 50:
        print("ready", flush=True)
"""


def test_curation_writer_killed_midway_leaves_a_sound_database(tmp_path):
    db = tmp_path / "curations.sqlite"
    connect(db).close()
    proc = subprocess.Popen([sys.executable, "-c", CURATE_FOREVER, str(db)], cwd=ROOT, stdout=subprocess.PIPE)
    try:
        assert proc.stdout.readline().strip() == b"ready"
        time.sleep(0.2)
        os.kill(proc.pid, signal.SIGKILL)
    finally:
        proc.wait(timeout=60)
    rows = _snapshot(db)
    assert len(rows) >= 50
    assert [r["target"] for r in rows] == [f"e{n}" for n in range(1, len(rows) + 1)]  # no gap, no half row


@pytest.mark.parametrize("mask, mode", [(0o022, 0o644), (0o077, 0o600), (0o002, 0o664)])
def test_written_files_honour_the_umask(tmp_path, mask, mode):
    """Issue 20: mkstemp's 0600 made an events file built by one user unreadable by another's dashboard."""
    from pipeline.atomic import current_umask, write_atomic

    old = os.umask(mask)
    try:
        assert current_umask() == mask
        path = write_atomic(tmp_path / "events.json", b"[]")
        events = write_events(read_events(path), tmp_path / "sub" / "events.parquet")
    finally:
        os.umask(old)
    assert (path.stat().st_mode & 0o777, events.stat().st_mode & 0o777) == (mode, mode)
