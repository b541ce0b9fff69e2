"""The dashboard's rebuild never replaces an events file it did not build (issue 17, "no silent loss")."""
import subprocess
import sys

import pandas as pd
import pytest

from conftest import ROOT
from pipeline.build import build, build_to_file
from pipeline.explore.query import curations_on_read, open_events
from pipeline.frame import curation
from pipeline.frame.io import DamagedEventsFile, build_record, read_build_record, read_events, write_events
from pipeline.run.memory import InputGone, NotBuiltHere, rebuild, rebuild_plan

ARTICLE = ("Sylvania and Freedonia signed a harbour agreement in Port Ellis on 1 April 2021. "
           "Observers arrived on 3 April 2021.\n")


def _corpus(folder, name="harbour.txt", text=ARTICLE):
    folder.mkdir(parents=True, exist_ok=True)
    (folder / name).write_text(text, encoding="utf-8")
    return folder


@pytest.fixture
def foreign(tmp_path):
    """A 20,000-event file made elsewhere (no build record), as TIMELINE_EVENTS may name."""
    seeds = read_events(ROOT / "tests" / "data" / "events_fixture.json")
    copies = -(-20_000 // len(seeds))
    frame = pd.concat([seeds] * copies, ignore_index=True).iloc[:20_000].copy()
    frame["event_id"] = frame["event_id"] + "-" + pd.Series(frame.index).astype(str)
    out = tmp_path / "big" / "events.parquet"
    out.parent.mkdir()
    frame.to_parquet(out, index=False)  # written by another tool
    return out


def _settings(tmp_path, out, **kw):
    return {"events": str(out), "corpus": str(tmp_path / "corpus"), "db": str(tmp_path / "curations.sqlite"),
            "inputs": [str(_corpus(tmp_path / "seeds"))], **kw}


def test_rebuild_refuses_a_file_it_did_not_build(foreign, tmp_path):
    before = foreign.read_bytes()
    assert read_build_record(foreign) is None and not rebuild_plan(_settings(tmp_path, foreign)).rebuildable
    with pytest.raises(NotBuiltHere, match="not built by this pipeline") as err:
        rebuild(_settings(tmp_path, foreign))
    assert str(foreign) in str(err.value) and "\n" not in str(err.value)
    assert foreign.read_bytes() == before
    assert [p.name for p in foreign.parent.iterdir()] == ["events.parquet"]


def test_replacing_a_foreign_file_keeps_it_as_a_backup(foreign, tmp_path):
    before = foreign.read_bytes()
    result, written = rebuild(_settings(tmp_path, foreign), replace=True)
    backup = foreign.with_name("events.parquet.bak")
    assert result.stats["backup"] == str(backup) and backup.read_bytes() == before
    assert written == foreign and len(read_events(foreign)) == len(result.frame) < 20_000
    assert read_build_record(foreign)["inputs"] == [str((tmp_path / "seeds").resolve())]
    # a second replacement never overwrites the first backup
    foreign.write_bytes(before)
    rebuild(_settings(tmp_path, foreign), replace=True)
    assert backup.read_bytes() == before and foreign.with_name("events.parquet.2.bak").read_bytes() == before


def test_rebuild_uses_the_inputs_the_file_records(tmp_path):
    elsewhere = _corpus(tmp_path / "elsewhere", "treaty.txt", "Ruritania ratified the treaty on 5 May 2019.\n")
    out = tmp_path / "out" / "events.parquet"
    rc = subprocess.run([sys.executable, "-m", "pipeline", "build", str(elsewhere), "--out", str(out), "-q"],
                        cwd=ROOT, capture_output=True, text=True)
    assert rc.returncode == 0, rc.stderr
    assert read_build_record(out)["inputs"] == [str(elsewhere.resolve())]
    _corpus(tmp_path / "corpus", "upload.txt", "Freedonia closed the border on 2 June 2019.\n")
    settings = _settings(tmp_path, out)
    assert rebuild_plan(settings).rebuildable
    result, _ = rebuild(settings)
    assert set(result.frame["doc_id"]) == {"treaty", "upload"}  # not the settings' inputs (seeds/)
    assert read_build_record(out)["inputs"] == [str(elsewhere.resolve()), str((tmp_path / "corpus").resolve())]


def test_rebuild_stops_when_a_recorded_input_is_gone(tmp_path):
    gone = _corpus(tmp_path / "gone")
    out = tmp_path / "events.parquet"
    write_events(build([gone]).frame, out, build_record([gone]))
    before = out.read_bytes()
    (gone / "harbour.txt").unlink()
    gone.rmdir()
    with pytest.raises(InputGone, match="no longer exists"):
        rebuild(_settings(tmp_path, out))
    assert out.read_bytes() == before


def test_streamed_build_records_its_inputs(tmp_path):
    folder = _corpus(tmp_path / "in")
    out = tmp_path / "events.parquet"
    build_to_file([folder], out)
    assert read_build_record(out)["inputs"] == [str(folder.resolve())]


def test_curations_of_a_foreign_file_are_applied_on_read(foreign, tmp_path):
    settings = {**_settings(tmp_path, foreign), "in_memory_max": 300_000}
    from pipeline.config import validate_settings

    settings = validate_settings(settings)
    frame = read_events(foreign)
    db = tmp_path / "curations.sqlite"
    assert curations_on_read(foreign, settings) is None  # no database yet
    curation.hide(db, frame.event_id[0], "ana", frame)
    curation.verify(db, frame.event_id[1], "ana", frame)
    assert curations_on_read(foreign, settings) == db
    shown = open_events(foreign, 300_000, db).frame
    assert len(shown) == 19_999 and frame.event_id[0] not in set(shown.event_id)
    assert bool(shown.loc[shown.event_id == frame.event_id[1], "verified"].iloc[0])
    # a pipeline-built file already has its curations: none applied on read
    own = tmp_path / "own.parquet"
    write_events(frame.head(3), own, build_record([tmp_path]))
    assert curations_on_read(own, {**settings, "events": str(own)}) is None


def test_a_truncated_events_file_is_named_in_one_line(tmp_path):
    out = tmp_path / "events.parquet"
    write_events(build([_corpus(tmp_path / "in")]).frame, out, build_record([tmp_path / "in"]))
    out.write_bytes(out.read_bytes()[: out.stat().st_size // 2])
    for read in (read_events, read_build_record, open_events):
        with pytest.raises(DamagedEventsFile) as err:
            read(out)
        message = str(err.value)
        assert message.startswith(f"{out}: damaged events file") and "\n" not in message
        assert "python -m pipeline build" in message and "move it aside" in message
    plan = rebuild_plan(_settings(tmp_path, out))
    assert plan.damaged and not plan.rebuildable
    with pytest.raises(DamagedEventsFile):
        rebuild(_settings(tmp_path, out))
    rebuild(_settings(tmp_path, out), replace=True)  # asked: the damaged file is kept as a .bak
    assert len(read_events(out)) and out.with_name("events.parquet.bak").exists()


def test_rebuild_in_a_subprocess_writes_what_rebuild_writes(tmp_path, monkeypatch):
    """The dashboard's rebuild runs `python -m pipeline build` in a child process: same file, progress reported,
    nothing built in this process."""
    import pipeline.run.memory
    from pipeline.run.background import rebuild_in_subprocess

    settings = _settings(tmp_path, tmp_path / "out" / "events.parquet")
    _corpus(tmp_path / "corpus", "upload.txt", "Freedonia closed the border on 2 June 2019.\n")
    expected, _ = rebuild({**settings, "events": str(tmp_path / "expected.parquet")})

    def not_here(*_a, **_kw):
        raise AssertionError("built in the server process")

    monkeypatch.setattr(pipeline.run.memory, "build", not_here)
    reports = []
    report = rebuild_in_subprocess(settings, progress=lambda i, n, name: reports.append((i, n, name)))
    out = tmp_path / "out" / "events.parquet"
    assert (report.out, report.events, report.articles) == (out, len(expected.frame), 2)
    pd.testing.assert_frame_equal(read_events(out), expected.frame)
    assert read_build_record(out)["inputs"] == read_build_record(tmp_path / "expected.parquet")["inputs"]
    assert reports and reports[-1][:2] == (2, 2) and [i for i, _, _ in reports] == sorted(i for i, _, _ in reports)
    # the same refusals as rebuild(), before any process starts
    foreign_file = tmp_path / "foreign.parquet"
    expected.frame.to_parquet(foreign_file, index=False)
    with pytest.raises(NotBuiltHere):
        rebuild_in_subprocess({**settings, "events": str(foreign_file)})


def test_cli_names_a_damaged_events_file_in_one_line(tmp_path):
    out = tmp_path / "events.parquet"
    write_events(build([_corpus(tmp_path / "in")]).frame, out, build_record([tmp_path / "in"]))
    out.write_bytes(out.read_bytes()[:300])
    for args in (["export", "--events", str(out), "--format", "csv", "--out", str(tmp_path / "x.csv")],
                 ["curate", "--events", str(out), "--who", "ana", "verify", "e1"]):
        proc = subprocess.run([sys.executable, "-m", "pipeline", *args], cwd=ROOT, capture_output=True, text=True)
        assert proc.returncode == 2 and proc.stderr.count("\n") == 1, proc.stderr
        assert proc.stderr.startswith(f"error: {out}: damaged events file")


@pytest.mark.parametrize("suffix", [".csv", ".json"])
def test_csv_and_json_files_keep_their_record_beside_them(tmp_path, suffix):
    out = tmp_path / "out" / f"events{suffix}"
    settings = _settings(tmp_path, out)
    rebuild(settings)  # a new file: built by the dashboard, so rebuilt the next time too
    assert read_build_record(out)["inputs"] == [str((tmp_path / "seeds").resolve())]
    rebuild(settings)
    streamed = tmp_path / f"streamed{suffix}"
    build_to_file([tmp_path / "seeds"], streamed)
    assert read_build_record(streamed)["inputs"] == [str((tmp_path / "seeds").resolve())]
    out.write_text(out.read_text(encoding="utf-8") + "\n", encoding="utf-8")  # changed by another tool
    assert read_build_record(out) is None
    with pytest.raises(NotBuiltHere):
        rebuild(settings)
