"""The CLI contract: every command has help, build writes each format, timex speaks JSON lines."""
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT
from pipeline.__main__ import main
from pipeline.frame.io import read_events
from pipeline.schema import COLUMNS


def run_cli(*args, stdin=None):
    return subprocess.run([sys.executable, "-m", "pipeline", *args], cwd=ROOT, input=stdin,
                          capture_output=True, text=True, timeout=300)


def _subcommands():
    import argparse

    from pipeline.__main__ import make_parser

    sub = next(a for a in make_parser()._actions if isinstance(a, argparse._SubParsersAction))
    return sorted(sub.choices)


def test_every_command_has_help_and_is_documented():
    commands = _subcommands()
    assert {"build", "timex"} <= set(commands)
    readme = (ROOT / "README.md").read_text(encoding="utf-8") if (ROOT / "README.md").exists() else ""
    for name in commands:
        out = run_cli(name, "--help")
        assert out.returncode == 0, out.stderr
        assert "usage:" in out.stdout
        assert f"python -m pipeline {name}" in readme, f"README does not document `python -m pipeline {name}`"


def test_pipeline_imports_without_dashboard_libraries():
    code = (
        "import sys\n"
        "class Block:\n"
        "    def find_spec(self, name, path=None, target=None):\n"
        "        if name.split('.')[0] in ('streamlit', 'plotly', 'kaleido'):\n"
        "            raise ImportError('blocked ' + name)\n"
        "sys.meta_path.insert(0, Block())\n"
        "import pipeline, pipeline.build, pipeline.__main__\n"
        "print('ok')\n"
    )
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert out.stdout.strip() == "ok", out.stderr


@pytest.mark.parametrize("suffix", [".parquet", ".csv", ".json"])
def test_build_writes_each_format_with_contract_columns(tmp_path, suffix):
    out = tmp_path / f"events{suffix}"
    assert main(["build", str(ROOT / "seeds"), "--out", str(out), "-q"]) == 0
    frame = read_events(out)
    assert list(frame.columns)[: len(COLUMNS)] == list(COLUMNS)
    assert len(frame) > 0
    if suffix == ".json":
        records = json.loads(out.read_text(encoding="utf-8"))
        assert isinstance(records[0]["actors"], list)


def test_build_reports_missing_input_and_fails():
    out = run_cli("build", "no/such/folder", "--out", "/tmp/never.parquet", "-q")
    assert out.returncode != 0
    assert "no/such/folder" in out.stderr and "no such file" in out.stderr


def test_timex_json_lines_round_trip():
    line = json.dumps({"id": "a", "text": "The deal was signed on 10 November 2020.", "dct": "2020-11-12"})
    out = run_cli("timex", stdin=line + "\n")
    assert out.returncode == 0, out.stderr
    rec = json.loads(out.stdout.splitlines()[0])
    assert rec["id"] == "a"
    t = rec["timexes"][0]
    assert set(t) == {"start", "end", "text", "type", "value", "mod"}
    assert (t["text"], t["type"], t["value"], t["mod"]) == ("10 November 2020", "DATE", "2020-11-10", None)


def test_timex_json_keeps_the_mod():  # issue 21: "the end of 2020" is value 2020 with mod END
    line = json.dumps({"id": "a", "text": "It was signed at the end of 2020.", "dct": "2021-01-05"})
    t = json.loads(run_cli("timex", stdin=line + "\n").stdout.splitlines()[0])["timexes"][0]
    assert (t["text"], t["value"], t["mod"]) == ("the end of 2020", "2020", "END")


def test_timex_bad_stdin_line_names_the_line():
    out = run_cli("timex", stdin='{"id": 1}\nnot json\n')
    assert out.returncode == 2
    assert "line 1" in out.stderr


def test_known_errors_are_one_line_exit_2_and_bugs_show_their_traceback(monkeypatch, capsys, tmp_path):
    from pipeline import __main__ as cli

    assert cli.main(["build", "seeds", "--out", str(tmp_path / "e.parquet"), "-q", "--workers", "0"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "workers" in err and "Traceback" not in err

    def broken(args):
        raise ZeroDivisionError("a bug")

    parser = cli.make_parser()
    args = parser.parse_args(["build", str(tmp_path), "--out", str(tmp_path / "e.parquet"), "-q"])
    monkeypatch.setattr(args, "func", broken)
    monkeypatch.setattr(cli, "make_parser", lambda: type("P", (), {"parse_args": lambda self, argv: args})())
    assert cli.main([]) == 1
    err = capsys.readouterr().err
    assert "Traceback" in err and "ZeroDivisionError: a bug" in err and "please report it" in err


def test_timeline_command_works_from_another_folder(tmp_path):
    """`make test` installs the project editable: the `timeline` command runs anywhere, with --help for each."""
    import shutil

    exe = shutil.which("timeline", path=str(Path(sys.executable).parent))
    assert exe, "the timeline command is installed next to the venv's python"
    for sub in ([], ["build"], ["export"], ["curate"], ["timex"], ["serve"]):
        out = subprocess.run([exe, *sub, "--help"], cwd=tmp_path, capture_output=True, text=True, timeout=120)
        assert out.returncode == 0 and "usage:" in out.stdout, (sub, out.stderr)


def test_timeline_serve_answers_on_loopback_from_another_folder(tmp_path):
    import shutil
    import urllib.request

    from _streamlit_server import free_port, wait_healthy

    exe = shutil.which("timeline", path=str(Path(sys.executable).parent))
    port = free_port()
    proc = subprocess.Popen([exe, "serve", "--events", str(ROOT / "tests" / "data" / "events_fixture.json"),
                             "--port", str(port)], cwd=tmp_path, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                            text=True, start_new_session=True)
    try:
        assert wait_healthy(f"http://127.0.0.1:{port}/_stcore/health", proc).strip() == "ok"
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=10) as resp:
            assert resp.status == 200
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, 15)
        proc.wait(timeout=30)


def test_serve_listens_on_this_machine_only_by_default():
    from pipeline.__main__ import make_parser, serve_command

    args = make_parser().parse_args(["serve"])
    cmd, env = serve_command(args.events, args.port, args.address)
    assert cmd[cmd.index("--server.address") + 1] == "127.0.0.1" and cmd[-1] == "127.0.0.1"
    assert Path(cmd[4]).name == "dashboard.py" and Path(cmd[4]).is_file()
