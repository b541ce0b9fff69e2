"""A damaged curation database stops a build with one line naming it and the way out; never a half-curated
events file (issue 17, "no silent loss"). `curate recover` saves what can still be read."""
import sqlite3
from contextlib import closing
import subprocess
import sys

import pytest

from conftest import ROOT
from pipeline.build import build, build_to_file
from pipeline.frame import curation
from pipeline.frame.curation import DamagedCurations, history, recover
from pipeline.frame.io import build_record, write_events

ARTICLE = "Sylvania and Freedonia signed a harbour agreement in Port Ellis on 1 April 2021.\n"


def _damage(db, how):
    data = bytearray(db.read_bytes())
    if how == "truncated":
        data = data[: len(data) // 2]
    elif how == "zeroed page":
        data[len(data) // 2: len(data) // 2 + 4096] = bytes(4096)
    else:
        data = b"not a database at all " * 100
    db.write_bytes(bytes(data))


@pytest.fixture
def built(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "harbour.txt").write_text(ARTICLE, encoding="utf-8")
    out = tmp_path / "events.parquet"
    result = build([corpus], {"out": str(out)})
    write_events(result.frame, out, build_record([corpus]))
    db = tmp_path / "curations.sqlite"
    curation.hide(db, result.frame.event_id[0], "ana", result.frame)
    with closing(curation.connect(db)) as conn, conn:  # several pages, so a damaged page is not the whole file
        conn.executemany("INSERT INTO curations(action, target, who, at, note) VALUES ('verify', ?, 'ana', ?, ?)",
                         [(f"e{i}", "2021-06-01T12:00:00+00:00", "x" * 100) for i in range(2000)])
    return corpus, out, db


@pytest.mark.parametrize("how", ["truncated", "zeroed page", "garbage"])
def test_a_damaged_database_stops_every_build_before_it_writes(built, how):
    corpus, out, db = built
    _damage(db, how)
    before = out.read_bytes()
    for run in (lambda: build([corpus], {"out": str(out), "db": str(db)}),
                lambda: build_to_file([corpus], out, {"db": str(db)})):
        with pytest.raises(DamagedCurations) as err:
            run()
        message = str(err.value)
        assert message.startswith(f"{db}: damaged curation database") and "\n" not in message
        assert f"python -m pipeline curate --db {db} recover" in message
    proc = subprocess.run([sys.executable, "-m", "pipeline", "build", str(corpus), "--out", str(out), "--db", str(db)],
                          cwd=ROOT, capture_output=True, text=True)
    assert proc.returncode == 2 and proc.stderr.count("\n") == 1 and "damaged curation database" in proc.stderr
    assert out.read_bytes() == before  # the hidden event stays hidden: no half-curated file replaced it


def test_writing_to_a_damaged_database_is_one_line(built):
    _corpus, _out, db = built
    _damage(db, "garbage")
    with pytest.raises(DamagedCurations, match="damaged curation database .file is not a database"):
        curation.verify(db, "e1", "ana")
    with pytest.raises(DamagedCurations):
        history(db)


@pytest.mark.parametrize("how, at_least", [("truncated", 500), ("zeroed page", 1900)])
def test_recover_saves_what_can_still_be_read(built, tmp_path, how, at_least):
    _corpus, _out, db = built
    original = {r["id"]: r for r in history(db).to_dict("records")}
    _damage(db, how)
    copied, lost = recover(db, tmp_path / "recovered.sqlite")
    assert copied >= at_least and copied + lost == len(original)
    saved = history(tmp_path / "recovered.sqlite").to_dict("records")
    assert all(original[r["id"]] == r for r in saved)  # what was read is copied exactly, ids kept
    with sqlite3.connect(tmp_path / "recovered.sqlite") as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    with pytest.raises(curation.CurationError, match="exists"):
        recover(db, tmp_path / "recovered.sqlite")
