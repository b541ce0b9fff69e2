"""Leftovers of killed builds (temp files, staging folders) are cleaned on the next run, and only theirs
(issue 17, "no silent loss")."""
import os
import signal
import subprocess
import sys
import time

from conftest import ROOT
from pipeline.atomic import clean_leftovers, replacing, staging_dir
from pipeline.build import build_to_file


def _dead_pid() -> int:
    proc = subprocess.Popen([sys.executable, "-c", "pass"])
    proc.wait()
    return proc.pid


def _make(path, age):
    """A file (or, for a `.parts-` name, a folder holding a part) last touched `age` seconds ago."""
    if ".parts-" in path.name:
        path.mkdir()
        (path / "part-000000.parquet").write_bytes(b"x" * 1000)
    else:
        path.write_bytes(b"x")
    t = time.time() - age
    os.utime(path, (t, t))
    return path


def test_temp_and_staging_names_carry_the_writers_pid(tmp_path):
    with replacing(tmp_path / "events.parquet") as tmp:
        assert tmp.name.startswith(f".events.parquet.{os.getpid()}-") and tmp.name.endswith(".tmp")
        assert clean_leftovers(tmp_path, time.time() + 10) == []  # a live writer's file is never touched
        tmp.write_bytes(b"x")
    staging = staging_dir(tmp_path / "events.parquet")
    assert staging.name.startswith(f"events.parquet.parts-{os.getpid()}-")


def test_only_leftovers_of_dead_builds_older_than_this_one_are_removed(tmp_path):
    dead = _dead_pid()
    sleeper = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    try:
        gone = [_make(tmp_path / f".events.parquet.{dead}-abcd1234.tmp", 60),
                _make(tmp_path / f"events.parquet.parts-{dead}-abcd_123", 60),
                _make(tmp_path / ".events.parquet.abcd1234.tmp", 7200)]  # no pid (older versions), 2 hours old
        kept = [_make(tmp_path / f".events.parquet.{sleeper.pid}-abcd1234.tmp", 60),  # its writer still runs
                _make(tmp_path / f"events.parquet.parts-{sleeper.pid}-abcd1234", 60),
                _make(tmp_path / ".events.parquet.wxyz5678.tmp", 60),  # no pid, recent: may be a live old build
                _make(tmp_path / f".events.parquet.{dead}-efgh5678.tmp", -60),  # newer than the running build
                _make(tmp_path / "notes.tmp", 7200), _make(tmp_path / "events.parquet", 7200)]  # not ours
        started = time.time()
        assert sorted(clean_leftovers(tmp_path, started)) == sorted(gone)
        assert all(p.exists() for p in kept) and not any(p.exists() for p in gone)
    finally:
        sleeper.kill()
        sleeper.wait()


def test_a_killed_streamed_build_leaves_nothing_after_the_next_build(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for i in range(400):
        (corpus / f"a{i:03d}.txt").write_text(
            " ".join(f"Ministers of Ruritania met on {1 + (i + k) % 28} March 2021 about the {k} quota." for k in range(40)),
            encoding="utf-8")
    out = tmp_path / "out" / "events.parquet"
    proc = subprocess.Popen([sys.executable, "-m", "pipeline", "build", str(corpus), "--out", str(out), "--stream", "-q"],
                            cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 120
    try:
        while time.monotonic() < deadline and proc.poll() is None:
            if list(out.parent.glob("events.parquet.parts-*/*.parquet")):
                break
            time.sleep(0.05)
        assert proc.poll() is None, "the build finished before it could be killed"
        os.kill(proc.pid, signal.SIGKILL)
    finally:
        proc.wait()
    left = list(out.parent.glob("events.parquet.parts-*"))
    assert left, "the killed build left no staging folder"
    (corpus / "a000.txt").rename(tmp_path / "a000.txt")  # a small build this time
    for p in list(corpus.iterdir())[3:]:
        p.unlink()
    build_to_file([corpus], out)
    # only the events file and the (emptied) build lock, which stays by design (run/lock.py)
    assert sorted(p.name for p in out.parent.iterdir()) == [".events.parquet.lock", "events.parquet"]
