"""Undo is one transaction and undoes the analyst's own last change (issue 17, "no silent loss")."""
import multiprocessing
import threading

import pytest

from pipeline.frame import curation
from pipeline.frame.curation import CurationError, history, undo, verify


def _curate(db, who, n, start=0):
    return [verify(db, f"e{start + i}", who) for i in range(n)]


def test_undo_takes_back_my_own_latest_change_not_a_colleagues(tmp_path):
    db = tmp_path / "c.sqlite"
    mine = _curate(db, "ana", 2)
    theirs = _curate(db, "ben", 1, start=10)
    assert undo(db, "ana")["id"] == mine[-1]  # not ben's, which is newer
    assert undo(db, "ana")["id"] == mine[0]
    with pytest.raises(CurationError, match="nothing left to undo by ana .1 active curation.s. by others.*curate undo ID"):
        undo(db, "ana")
    assert undo(db, "ana", theirs[0])["who"] == "ben"  # told otherwise: by its id
    assert list(history(db)["undone_by"]) == ["ana", "ana", "ana"]


def test_four_simultaneous_undos_undo_four_different_changes(tmp_path, monkeypatch):
    """Every undo reads and writes after the same moment: before issue 17 all four read the same latest row,
    all four reported it, and `undone_by` was written four times."""
    db = tmp_path / "c.sqlite"
    ids = _curate(db, "ana", 6)
    barrier, now = threading.Barrier(4, timeout=20), curation._now

    def at_once(when):  # the four undos meet here, then race for the database
        barrier.wait()
        return now(when)

    monkeypatch.setattr(curation, "_now", at_once)
    results, errors = [], []

    def run(who):
        try:
            results.append((who, undo(db, "ana")["id"]))
        except CurationError as exc:
            errors.append(str(exc))

    threads = [threading.Thread(target=run, args=(f"t{i}",)) for i in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors and sorted(r[1] for r in results) == ids[2:]
    log = history(db)
    assert log["undone_at"].notna().sum() == 4


def _undo_in_process(db, barrier, queue):
    barrier.wait()
    try:
        queue.put(undo(db, "ana")["id"])
    except CurationError as exc:
        queue.put(str(exc))


def test_four_processes_undo_two_changes_or_say_nothing_is_left(tmp_path):
    db = tmp_path / "c.sqlite"
    ids = _curate(db, "ana", 2)
    _curate(db, "ben", 1, start=10)
    ctx = multiprocessing.get_context("spawn")
    barrier, queue = ctx.Barrier(4), ctx.Queue()
    procs = [ctx.Process(target=_undo_in_process, args=(str(db), barrier, queue)) for _ in range(4)]
    for p in procs:
        p.start()
    answers = [queue.get(timeout=240) for _ in procs]  # spawned processes import pandas and the pipeline: slow on a loaded machine
    for p in procs:
        p.join(timeout=60)
    undone = sorted(a for a in answers if isinstance(a, int))
    assert undone == ids  # each of ana's two changes once; ben's untouched
    refused = [a for a in answers if isinstance(a, str)]
    assert len(refused) == 2 and all(a.startswith("nothing left to undo by ana") for a in refused)
    log = history(db)
    assert list(log["undone_by"].fillna("-")) == ["ana", "ana", "-"]


def test_cli_undo_is_yours_unless_told_otherwise(tmp_path):
    import subprocess
    import sys

    from conftest import ROOT

    db = tmp_path / "c.sqlite"
    _curate(db, "ana", 1)

    def cli(*args):
        return subprocess.run([sys.executable, "-m", "pipeline", "curate", "--db", str(db), *args],
                              cwd=ROOT, capture_output=True, text=True)

    refused = cli("undo", "--who", "ben")
    assert refused.returncode == 2 and refused.stderr.count("\n") == 1
    assert "nothing left to undo by ben (1 active curation(s) by others" in refused.stderr
    done = cli("undo", "--who", "ben", "--anyone")
    assert done.returncode == 0 and done.stdout.startswith("undone: #1 verify e0 (by ana")
    assert list(history(db)["undone_by"]) == ["ben"]
