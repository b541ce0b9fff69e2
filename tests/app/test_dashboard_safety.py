"""AppTest of issue 17 on the "Corpus & curation" page: a file made elsewhere is never replaced, a damaged one is
named with the way out, and a read-only viewer cannot change anything."""
import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from conftest import ROOT
from pipeline.frame.curation import history
from pipeline.frame.io import read_events


@pytest.fixture
def foreign(tmp_path, monkeypatch):
    """TIMELINE_EVENTS names a 20,000-event file made elsewhere (no build record)."""
    seeds = read_events(ROOT / "tests" / "data" / "events_fixture.json")
    frame = pd.concat([seeds] * -(-20_000 // len(seeds)), ignore_index=True).iloc[:20_000].copy()
    frame["event_id"] = frame["event_id"] + "-" + pd.Series(frame.index).astype(str)
    frame["headline"] = frame["headline"] + " #" + pd.Series(frame.index).astype(str)  # AppTest picks by label
    out = tmp_path / "events.parquet"
    frame.to_parquet(out, index=False)
    env = {"TIMELINE_EVENTS": str(out), "TIMELINE_CORPUS": str(tmp_path / "corpus"),
           "TIMELINE_DB": str(tmp_path / "curations.sqlite"), "TIMELINE_REGISTRY": str(tmp_path / "actors.user.yaml"),
           "TIMELINE_CURATION_AUTO_MAX": "100000"}
    for k, v in env.items():
        monkeypatch.setenv(k, v)
    return out, env


def _curation_page():
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=180).run()
    assert not at.exception
    at.switch_page("app/curation.py").run()
    assert not at.exception
    return at


def test_curating_a_file_made_elsewhere_never_rewrites_it(foreign):
    out, env = foreign
    before = out.read_bytes()
    at = _curation_page()
    assert not [b for b in at.button if b.key == "ingest_rebuild"]  # only "replace, keeping a backup"
    assert any("not built by this pipeline" in w.value for w in at.warning)
    event_id = at.selectbox(key="curate_event").value
    at.text_input(key="curate_who").input("ana")
    at.button(key="curate_verify").click().run()
    assert not at.exception
    assert out.read_bytes() == before  # the 20,000 events are still there, untouched
    log = history(env["TIMELINE_DB"])
    assert list(log["action"]) == ["verify"] and list(log["target"]) == [event_id]
    assert any("the file is unchanged" in s.value for s in at.success)
    assert any(c.value.startswith("Verified") for c in at.caption)  # applied as the file is shown
    at.button(key="curate_hide").click().run()
    assert out.read_bytes() == before and event_id not in at.selectbox(key="curate_event").options


def test_replacing_a_file_made_elsewhere_keeps_a_backup(foreign):
    out, _env = foreign
    before = out.read_bytes()
    at = _curation_page()
    at.button(key="ingest_replace").click().run()
    assert not at.exception
    assert out.with_name("events.parquet.bak").read_bytes() == before
    assert any("kept as" in i.value for i in at.info)


def test_a_truncated_events_file_names_itself_and_keeps_rebuild_reachable(foreign):
    out, _env = foreign
    out.write_bytes(out.read_bytes()[:1000])
    at = _curation_page()
    errors = [e.value for e in at.error]
    assert any("damaged events file" in e and "python \\-m pipeline build" in e for e in errors), errors
    assert [b for b in at.button if b.key == "ingest_replace"]


def test_a_damaged_curation_database_is_one_line_not_a_traceback(foreign):
    out, env = foreign
    from pathlib import Path

    Path(env["TIMELINE_DB"]).write_bytes(b"not a database " * 100)
    at = _curation_page()
    errors = [e.value for e in at.error]
    assert any("damaged curation database" in e and "recover" in e for e in errors), errors
    at.button(key="ingest_replace").click().run()  # a build would lose the curations: it stops, named
    assert not at.exception
    assert any("damaged curation database" in e.value for e in at.error) and not out.with_name("events.parquet.bak").exists()


def test_read_only_viewers_cannot_upload_rebuild_curate_or_edit_the_registry(foreign, monkeypatch):
    out, env = foreign
    from pipeline.frame.curation import verify

    frame = read_events(out)
    verify(env["TIMELINE_DB"], frame.event_id[0], "ana", frame)
    monkeypatch.setenv("TIMELINE_READ_ONLY", "1")
    before = out.read_bytes()
    at = _curation_page()
    assert any("Read-only server" in i.value for i in at.info)
    widgets = [w.key for kind in ("button", "text_input", "selectbox", "toggle", "number_input")
               for w in at.get(kind) if w.key]
    assert not at.get("file_uploader") and not at.get("form")
    assert not [k for k in widgets if k.startswith(("ingest_", "curate_", "add_", "curation_"))], widgets
    assert len(at.dataframe) == 1  # the audit trail stays visible
    at.switch_page("app/registry.py").run()
    assert not at.exception and any("Read-only server" in i.value for i in at.info)
    assert not [t for t in at.text_input if t.key.startswith("registry_")] and not at.get("form")
    assert out.read_bytes() == before
    at.switch_page("app/explore.py").run()  # viewing works as before
    assert not at.exception


def test_read_only_setting_from_the_environment():
    from pipeline.config import SettingsError, settings_from_environment

    assert settings_from_environment({"TIMELINE_READ_ONLY": "1"})["read_only"] is True
    assert settings_from_environment({"TIMELINE_READ_ONLY": "no"})["read_only"] is False
    assert settings_from_environment({})["read_only"] is False
    with pytest.raises(SettingsError, match="TIMELINE_READ_ONLY='maybe' must be 1 or 0"):
        settings_from_environment({"TIMELINE_READ_ONLY": "maybe"})
