"""One build at a time per events file (issue 17): a second build is refused with who holds the file and
since when; the lock goes with its process, however that process ends."""
import os
import signal
import subprocess
import sys
import time

import pytest

from conftest import ROOT
from pipeline.run.lock import BuildRunning, build_lock, lock_path

HOLD = ("import sys, time\nsys.path.insert(0, sys.argv[2])\nfrom pipeline.run.lock import build_lock\n"
        "with build_lock(sys.argv[1]):\n    print('locked', flush=True)\n    time.sleep(60)\n")


def test_a_second_build_of_one_events_file_is_refused_with_who_and_since_when(tmp_path):
    out = tmp_path / "events.parquet"
    with build_lock(out):
        with pytest.raises(BuildRunning) as err:
            with build_lock(out):
                pass
        assert str(err.value).startswith(f"{out}: a build is already running since ")
        assert f"by pid {os.getpid()} on " in str(err.value) and "\n" not in str(err.value)
        with build_lock(tmp_path / "other.parquet"):  # another events file builds meanwhile
            pass
    with build_lock(out):  # free again once the first build is done
        pass
    assert lock_path(out).read_text() == ""


def test_a_killed_build_leaves_no_lock_behind(tmp_path):
    out = tmp_path / "events.parquet"
    proc = subprocess.Popen([sys.executable, "-c", HOLD, str(out), str(ROOT)], stdout=subprocess.PIPE, text=True)
    try:
        assert proc.stdout.readline().strip() == "locked"
        with pytest.raises(BuildRunning, match=f"by pid {proc.pid} "):
            with build_lock(out):
                pass
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=30)
        with build_lock(out):  # the kernel released it with the process
            pass
    finally:
        proc.kill()


def test_the_streamed_build_and_the_rebuild_take_the_lock(tmp_path):
    from pipeline.build import build_to_file
    from pipeline.run.memory import rebuild

    out = tmp_path / "events.parquet"
    (tmp_path / "a.txt").write_text("Troops crossed the border on 3 March 2020, officials said.\n")
    with build_lock(out):
        with pytest.raises(BuildRunning):
            build_to_file([tmp_path / "a.txt"], out, {"cache": False})
        with pytest.raises(BuildRunning):
            rebuild({"events": str(out), "inputs": [str(tmp_path / "a.txt")], "corpus": str(tmp_path / "none")})
    assert not out.exists()
    assert build_to_file([tmp_path / "a.txt"], out, {"cache": False}).events == 1


def test_the_next_build_clears_what_killed_builds_left_and_nothing_else(tmp_path):
    out = tmp_path / "events.parquet"
    (tmp_path / "events.parquet.parts-abc123").mkdir()
    (tmp_path / "events.parquet.parts-abc123" / "part-000000.parquet").write_bytes(b"x" * 100)
    (tmp_path / ".events.parquet.k2j3.tmp").write_bytes(b"half")
    keep = [tmp_path / "other.parquet.parts-1", tmp_path / ".other.parquet.x.tmp", tmp_path / "events.parquet"]
    keep[0].mkdir()
    keep[1].write_bytes(b"")
    keep[2].write_bytes(b"old events")
    proc = subprocess.Popen([sys.executable, "-c", HOLD, str(out), str(ROOT)], stdout=subprocess.PIPE, text=True)
    try:
        assert proc.stdout.readline().strip() == "locked"  # (it cleared them: a build holding the lock owns them)
        (tmp_path / ".events.parquet.live.tmp").write_bytes(b"being written")
        with pytest.raises(BuildRunning):
            with build_lock(out):
                pass
        assert (tmp_path / ".events.parquet.live.tmp").exists()  # a running build's files are never touched
    finally:
        proc.kill()
        proc.wait(timeout=30)
    # a file being replaced by a live writer this moment (a curation's `replacing`, its pid in the name) stays
    writing = tmp_path / f".events.parquet.{os.getpid()}-abcd1234.tmp"
    writing.write_bytes(b"curation being written")
    keep.append(writing)
    with build_lock(out):
        pass
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted([".events.parquet.lock", *(p.name for p in keep)])
