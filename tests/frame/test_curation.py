"""Curation: verify, hide, correct, merge, split, add; audit trail and undo; survives rebuilds (issue 6)."""
import json
import sqlite3
from datetime import datetime, timezone

import pytest

from pipeline.build import build
from pipeline.frame.curation import CurationError, add_event, add_person, apply_curations, correct, default_db_path, hide, history, merge_clusters, split_events, undo, verify
from pipeline.frame.io import read_events, write_events
from pipeline.schema import COLUMNS

ARTICLE = """Harbour talks end in agreement

The ministers of Freedonia and Sylvania signed the harbour agreement in Port Ellis on 1 April 2021, officials said.

The agreement takes effect on 1 May 2021, the trade ministry said.

Fishing crews will share the northern banks from 15 May 2021 under new quotas.
"""
OTHER = """Monitors reach the valley

Joint monitors reached the disputed valley on 15 March 2021, a day later than planned.
"""
WHEN = datetime(2021, 6, 1, 12, 0, tzinfo=timezone.utc)


@pytest.fixture
def corpus(tmp_path):
    folder = tmp_path / "corpus"
    folder.mkdir()
    (folder / "harbour.txt").write_text(ARTICLE, encoding="utf-8")
    (folder / "valley.txt").write_text(OTHER, encoding="utf-8")
    return folder


@pytest.fixture
def settings(tmp_path):
    return {"out": str(tmp_path / "out" / "events.parquet")}


@pytest.fixture
def db(settings):
    return default_db_path(settings)


def _row(frame, needle):
    hits = frame[frame["quote"].str.contains(needle, regex=False)]
    assert len(hits) == 1, (needle, len(hits))
    return hits.iloc[0]


def test_db_defaults_next_to_the_events_file_and_is_configurable(tmp_path):
    assert default_db_path({"out": str(tmp_path / "e.parquet")}) == tmp_path / "curations.sqlite"
    assert default_db_path({"out": "x", "db": str(tmp_path / "my.db")}) == tmp_path / "my.db"


def test_verified_column_comes_after_the_contract_columns(corpus, settings):
    frame = build([corpus], settings).frame
    assert list(frame.columns[: len(COLUMNS)]) == list(COLUMNS)
    assert list(frame.columns[len(COLUMNS):]) == ["verified"]
    assert not frame["verified"].any()


def test_verify_hide_and_correct_are_applied(corpus, settings, db):
    frame = build([corpus], settings).frame
    signed, effect, crews = (_row(frame, s) for s in ("signed the harbour", "takes effect", "Fishing crews"))
    verify(db, signed.event_id, "ana", frame)
    hide(db, crews.event_id, "ana", frame)
    correct(db, effect.event_id, {"date_value": "2021-05-02", "actors": "Trade ministry;Freedonia",
                                  "event_type": "AGREE", "headline": "Agreement in force"}, "ben", frame)
    out = apply_curations(frame, db)
    assert bool(_row(out, "signed the harbour").verified) is True
    assert not out["quote"].str.contains("Fishing crews").any()
    fixed = _row(out, "takes effect")
    assert (fixed.date_value, fixed.date_start, fixed.date_end, fixed.granularity) == \
        ("2021-05-02", "2021-05-02", "2021-05-02", "day")
    assert fixed.actors == ["Trade ministry", "Freedonia"] and fixed.event_type == "AGREE"
    assert fixed.headline == "Agreement in force" and not fixed.verified
    assert len(out) == len(frame) - 1


def test_applying_twice_gives_the_same_frame(corpus, settings, db):
    frame = build([corpus], settings).frame
    verify(db, frame.event_id[0], "ana", frame)
    correct(db, frame.event_id[1], {"headline": "New"}, "ana", frame)
    once = apply_curations(frame, db)
    twice = apply_curations(once, db)
    assert once.equals(twice)


def test_curations_survive_a_rebuild_after_the_article_is_edited_elsewhere(corpus, settings, db):
    first = build([corpus], settings).frame
    signed, effect, crews = (_row(first, s) for s in ("signed the harbour", "takes effect", "Fishing crews"))
    verify(db, signed.event_id, "ana", first)
    correct(db, effect.event_id, {"headline": "Agreement in force"}, "ana", first)
    hide(db, crews.event_id, "ana", first)
    # Edit the article elsewhere: a new paragraph at the top shifts every offset, and a new event appears.
    path = corpus / "harbour.txt"
    path.write_text(ARTICLE.replace("Harbour talks end in agreement\n",
                                    "Harbour talks end in agreement\n\nUPDATED 2 April 2021: adds reaction.\n"),
                    encoding="utf-8")
    rebuilt = build([corpus], settings).frame
    assert _row(rebuilt, "signed the harbour").char_start != signed.char_start
    assert bool(_row(rebuilt, "signed the harbour").verified)
    assert _row(rebuilt, "takes effect").headline == "Agreement in force"
    assert not rebuilt["quote"].str.contains("Fishing crews").any()
    assert rebuilt.attrs["curation_orphans"] == []


def test_curation_follows_its_sentence_when_the_sentence_itself_is_lightly_edited(corpus, settings, db):
    first = build([corpus], settings).frame
    effect = _row(first, "takes effect")
    correct(db, effect.event_id, {"headline": "Agreement in force"}, "ana", first)
    path = corpus / "harbour.txt"
    path.write_text(ARTICLE.replace("the trade ministry said", "the trade ministry of Sylvania said"), encoding="utf-8")
    rebuilt = build([corpus], settings).frame
    moved = _row(rebuilt, "takes effect")
    assert moved.event_id != effect.event_id  # the sentence changed, so its id did
    assert moved.headline == "Agreement in force"


def test_a_curation_whose_event_is_gone_is_reported_not_applied_elsewhere(corpus, settings, db):
    first = build([corpus], settings).frame
    crews = _row(first, "Fishing crews")
    cid = verify(db, crews.event_id, "ana", first)
    (corpus / "harbour.txt").write_text(ARTICLE.replace(
        "Fishing crews will share the northern banks from 15 May 2021 under new quotas.\n", ""), encoding="utf-8")
    rebuilt = build([corpus], settings).frame
    assert not rebuilt["verified"].any()
    assert [o["id"] for o in rebuilt.attrs["curation_orphans"]] == [cid]


def test_merge_and_split_clusters(corpus, settings, db):
    frame = build([corpus], settings).frame
    valley, signed, effect = (_row(frame, s) for s in ("Joint monitors", "signed the harbour", "takes effect"))
    assert len({valley.cluster_id, signed.cluster_id, effect.cluster_id}) == 3
    merge_clusters(db, [valley.cluster_id, signed.cluster_id, effect.cluster_id], "ana", frame, into=signed.cluster_id)
    merged = apply_curations(frame, db)
    assert {_row(merged, s).cluster_id for s in ("Joint monitors", "signed the harbour", "takes effect")} == \
        {signed.cluster_id}
    split_events(db, [valley.event_id], "ben", frame)
    split = apply_curations(frame, db)
    assert _row(split, "Joint monitors").cluster_id.startswith("c-split-")
    assert _row(split, "takes effect").cluster_id == signed.cluster_id


def test_add_event_by_hand_with_its_source(corpus, settings, db):
    frame = build([corpus], settings).frame
    with pytest.raises(CurationError, match="source"):
        add_event(db, {"date_value": "2021-04-03", "headline": "Parliament debate"}, "ana")
    _cid, event_id = add_event(db, {"date_value": "2021-04", "headline": "Parliament debate on the harbour",
                                    "source": "Marlow Wire", "url": "https://wire.example/9",
                                    "countries": "FRD;SYL"}, "ana", when=WHEN)
    out = apply_curations(frame, db)
    added = out[out["event_id"] == event_id].iloc[0]
    assert (added.source, added.url, added.date_start, added.date_end, added.granularity) == \
        ("Marlow Wire", "https://wire.example/9", "2021-04-01", "2021-04-30", "month")
    assert added.countries == ["FRD", "SYL"] and bool(added.verified) and added.doc_id == "manual"
    assert len(apply_curations(out, db)) == len(out)  # not added twice


def test_audit_trail_has_who_when_before_and_after(corpus, settings, db):
    frame = build([corpus], settings).frame
    effect = _row(frame, "takes effect")
    correct(db, effect.event_id, {"headline": "Agreement in force"}, "ben", frame, when=WHEN, note="clearer")
    log = history(db, effect.event_id)
    assert len(log) == 1
    row = log.iloc[0]
    assert (row["action"], row["who"], row["at"], row["note"]) == ("correct", "ben", "2021-06-01T12:00:00+00:00", "clearer")
    assert json.loads(row.before) == {"headline": effect.headline}
    assert json.loads(row.payload) == {"headline": "Agreement in force"}


def test_undo_restores_and_stays_in_the_audit_trail(corpus, settings, db):
    frame = build([corpus], settings).frame
    crews = _row(frame, "Fishing crews")
    first = hide(db, crews.event_id, "ana", frame)
    verify(db, frame.event_id[0], "ana", frame)
    undone = undo(db, "ben", first, when=WHEN)
    assert undone["id"] == first
    out = apply_curations(frame, db)
    assert out["quote"].str.contains("Fishing crews").any() and out["verified"].sum() == 1
    with pytest.raises(CurationError, match="nothing left to undo by ben .1 active curation.s. by others"):
        undo(db, "ben")  # issue 17: by default only ben's own changes
    undo(db, "ben", anyone=True)  # the latest active one of anyone: ana's verify
    assert apply_curations(frame, db)["verified"].sum() == 0
    log = history(db)
    assert list(log["undone_by"]) == ["ben", "ben"] and log.iloc[0].undone_at == "2021-06-01T12:00:00+00:00"
    with pytest.raises(CurationError, match="nothing left to undo$"):
        undo(db, "ben", anyone=True)
    with pytest.raises(CurationError, match="already undone"):
        undo(db, "ben", first)


@pytest.mark.parametrize("changes, message", [
    ({"quote": "x"}, "cannot correct quote"),
    ({"date_value": "soon"}, "has no interval"),
    ({"date_start": "1 May"}, "not an ISO date"),
    ({"headline": ""}, "headline cannot be empty"),
])
def test_bad_corrections_are_refused_with_a_reason(corpus, settings, db, changes, message):
    frame = build([corpus], settings).frame
    with pytest.raises(CurationError, match=message):
        correct(db, frame.event_id[0], changes, "ana", frame)


def test_a_curation_needs_the_analysts_name(corpus, settings, db):
    """Issue 20: an empty name recorded the server's login ("root"); now it is refused, and nothing is saved."""
    frame = build([corpus], settings).frame
    for who in (None, "", "   "):
        with pytest.raises(CurationError, match="give your name"):
            verify(db, frame.event_id[0], who, frame)
    assert not len(history(db))


@pytest.mark.parametrize("kind", ["COMPLETE", "agree", "Protest "])
def test_event_type_must_be_a_plover_type(corpus, settings, db, kind):
    frame = build([corpus], settings).frame
    with pytest.raises(CurationError, match=f"event type {kind.strip()!r} is not a PLOVER type; use one of AGREE"):
        correct(db, frame.event_id[0], {"event_type": kind}, "ana", frame)
    with pytest.raises(CurationError, match="is not a PLOVER type"):
        add_event(db, {"date_value": "2021-04-03", "headline": "x", "source": "Wire", "event_type": kind}, "ana")
    correct(db, frame.event_id[0], {"event_type": "PROTEST"}, "ana", frame)  # a PLOVER type is accepted


def test_cli_curate_list_and_one_line_errors(corpus, settings, tmp_path, capsys):
    from pipeline.__main__ import main

    out = tmp_path / "events.json"
    write_events(build([corpus], settings).frame, out)
    assert main(["curate", "--events", str(out), "list"]) == 0
    lines = capsys.readouterr().out.splitlines()
    frame = read_events(out)
    assert len(lines) == len(frame) and {line.split()[0] for line in lines} == set(frame["event_id"])
    signed = _row(frame, "signed the harbour")
    assert f"{signed.event_id}  {signed.cluster_id}  1 Apr 2021  " in "\n".join(lines)
    assert main(["curate", "--events", str(out), "list", "--search", "FISHING"]) == 0
    assert len(capsys.readouterr().out.splitlines()) == 1
    assert main(["curate", "--events", str(out), "verify", signed.event_id]) == 2
    assert capsys.readouterr().err.strip().count("\n") == 0  # one line
    assert main(["curate", "--events", str(out), "--who", "ana", "correct", signed.event_id, "--type", "COMPLETE"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("error: event type 'COMPLETE' is not a PLOVER type") and err.count("\n") == 1


def test_unknown_event_is_refused(corpus, settings, db):
    frame = build([corpus], settings).frame
    with pytest.raises(CurationError, match="no event 'nope'"):
        verify(db, "nope", "ana", frame)


def test_exports_say_which_items_were_verified(corpus, settings, db, tmp_path):
    frame = build([corpus], settings).frame
    verify(db, frame.event_id[0], "ana", frame)
    out = build([corpus], settings).frame
    for suffix in (".csv", ".json", ".parquet"):
        path = write_events(out, tmp_path / f"events{suffix}")
        back = read_events(path)
        assert list(back.columns[: len(COLUMNS)]) == list(COLUMNS)
        assert list(apply_curations(back, None)["verified"]) == [True] + [False] * (len(out) - 1)


def test_writes_are_transactions_in_a_plain_sqlite_file(corpus, settings, db):
    frame = build([corpus], settings).frame
    verify(db, frame.event_id[0], "ana", frame)
    with sqlite3.connect(db) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert conn.execute("SELECT action, who FROM curations").fetchall() == [("verify", "ana")]


def test_add_person_to_the_user_registry(tmp_path):
    import yaml

    path = tmp_path / "user.yaml"
    add_person(path, "Ana Marlow", "ana", country="frd", role="Foreign Minister", since="2021-01-01",
               aliases=["A. Marlow"], when=WHEN)
    text = path.read_text(encoding="utf-8")
    assert text.startswith("# User registry") and "# added by ana at 2021-06-01T12:00:00+00:00" in text
    entry = yaml.safe_load(text)[0]
    assert (entry["kind"], entry["name"], entry["country"], entry["aliases"]) == \
        ("person", "Ana Marlow", "FRD", ["A. Marlow"])
    assert entry["roles"] == [{"role": "Foreign Minister", "from": "2021-01-01", "to": None}]
    with pytest.raises(CurationError, match="already in"):
        add_person(path, "ana marlow", "ben")
    with pytest.raises(CurationError, match="alpha-3"):
        add_person(path, "Ben", "ben", country="Freedonia")
    with pytest.raises(CurationError, match="not an ISO date"):
        add_person(path, "Ben", "ben", role="Envoy", since="last year")


def test_cli_curate_then_rebuild(corpus, tmp_path):
    import subprocess
    import sys

    from conftest import ROOT

    out = tmp_path / "cli" / "events.csv"

    def cli(*args):
        proc = subprocess.run([sys.executable, "-m", "pipeline", *args], cwd=ROOT, capture_output=True, text=True,
                              timeout=300)
        assert proc.returncode == 0, proc.stderr
        return proc.stdout

    cli("build", str(corpus), "--out", str(out), "-q")
    event_id = _row(read_events(out), "signed the harbour").event_id
    assert "curation #1 saved" in cli("curate", "--events", str(out), "--who", "ana", "verify", event_id)
    cli("curate", "--events", str(out), "correct", event_id, "--headline", "Harbour deal signed", "--who", "ben")
    assert "ana: verify " + event_id in cli("curate", "--events", str(out), "log")
    assert ", 1 verified, " in cli("build", str(corpus), "--out", str(out), "-q")
    row = _row(read_events(out), "signed the harbour")
    assert bool(row.verified) and row.headline == "Harbour deal signed"


def test_every_command_in_the_workflow_doc_parses():
    import shlex

    from conftest import ROOT
    from pipeline.__main__ import make_parser

    doc = (ROOT / "docs" / "workflow.md").read_text(encoding="utf-8")
    lines = [line.strip() for line in doc.splitlines() if line.strip().startswith("python -m pipeline ")]
    assert len(lines) >= 10
    for line in lines:
        args = shlex.split(line, comments=True)[3:]
        make_parser().parse_args(args)  # exits (SystemExit) on a documented command that does not exist


def test_dashboard_exports_keep_the_verified_column(corpus, settings, db, tmp_path):
    from pipeline.explore import query as store
    from pipeline.explore.exports import export_bytes

    frame = build([corpus], settings).frame
    verify(db, frame.event_id[0], "ana", frame)
    path = write_events(build([corpus], settings).frame, tmp_path / "events.parquet")
    scanned = store.scan(path)
    assert list(scanned.columns[len(COLUMNS):]) == ["verified"] and scanned["verified"].sum() == 1
    csv = export_bytes(scanned, "csv").decode("utf-8").splitlines()
    assert csv[0].endswith(",verified") and sum(line.endswith(",True") for line in csv[1:]) == 1
