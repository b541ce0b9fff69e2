"""Bad input never stops the build: each kind gets a message naming the file and the problem (issue 6)."""
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import ROOT
from pipeline.build import build
from pipeline.ingest.corpus import read_documents, read_file

BAD = ROOT / "tests" / "data" / "ingest" / "bad"

# file -> (fatal: the file is skipped, kind, words the message must contain)
EXPECTED = {
    "empty.txt": (True, "empty", "the file is empty"),
    "blank.md": (True, "empty", "the file is empty"),
    "image.txt": (True, "binary", "is a PNG image, not text"),
    "nul.txt": (True, "binary", "looks binary"),
    "cp1251.txt": (False, "encoding", "not valid UTF-8 (byte 0); decoded as cp1251"),
    "latin1.txt": (False, "encoding", "decoded as cp1252"),
    "truncated-utf8.txt": (False, "truncated", "ends in the middle of a character (truncated?)"),
    "truncated.json": (True, "json", "invalid JSON at line 1, column 32"),
    "truncated.jsonl": (False, "json", "line 2: invalid JSON"),
    "broken.html": (False, "html", "malformed HTML (4 markup error(s), first at line 1: Unexpected end tag : span)"),
    "script-only.html": (True, "html", "no text found in the HTML"),
    "bad-front-matter.md": (False, "front_matter", "bad YAML front matter at line 2"),
    "unclosed-front-matter.md": (False, "front_matter", "never closed"),
    "bad-date.md": (False, "metadata", "published 'sometime next week' is not a date"),
}
READABLE = ["good.txt", "utf16.txt", "utf8-bom.txt"]


@pytest.fixture(scope="module")
def corpus():
    return read_documents([BAD])


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_each_bad_file_gets_one_clear_message(corpus, name):
    docs, problems = corpus
    fatal, kind, words = EXPECTED[name]
    mine = [p for p in problems if Path(p.path).name == name]
    assert len(mine) == 1, [str(p) for p in mine]
    assert (mine[0].fatal, mine[0].kind) == (fatal, kind)
    assert words in mine[0].problem
    assert str(mine[0]).startswith(str(BAD / name))  # the message names the file
    assert any(Path(d.path).name == name for d in docs) is not fatal


def test_readable_files_give_no_problem_and_decode_right(corpus):
    docs, problems = corpus
    by_name = {Path(d.path).name: d for d in docs}
    assert not [p for p in problems if Path(p.path).name in READABLE]
    assert by_name["utf16.txt"].title == "Talks resume in Marlow"
    assert by_name["utf8-bom.txt"].text.startswith("Border reopened")
    assert by_name["cp1251.txt"].title == "Переговоры в Марлоу"
    assert by_name["latin1.txt"].title == "Accord à Port Ellis"
    assert "6 February 2022" in by_name["broken.html"].text


def test_every_other_article_still_builds(tmp_path):
    result = build([BAD], settings={"out": str(tmp_path / "events.parquet")})
    built = {Path(d.path).name for d in result.documents}
    skipped = {n for n, (fatal, _, _) in EXPECTED.items() if fatal}
    assert built == {p.name for p in BAD.iterdir()} - skipped
    assert "good" in set(result.frame["doc_id"])


def test_enormous_file_is_refused_by_size(tmp_path):
    big = tmp_path / "huge.txt"
    big.write_bytes(b"The talks went on. " * 100)
    docs, problems = read_file(big, max_bytes=1000)
    assert docs == [] and problems[0].kind == "too_large"
    assert "1,900 bytes, over the 1,000 byte limit" in problems[0].problem


def test_enormous_file_limit_comes_from_settings(tmp_path):
    (tmp_path / "huge.txt").write_bytes(b"The talks opened on 3 March 2021. " * 100)
    (tmp_path / "small.txt").write_bytes(b"The talks opened on 3 March 2021.")
    result = build([tmp_path], settings={"out": str(tmp_path / "out" / "e.parquet"), "max_article_bytes": 500})
    assert [d.doc_id for d in result.documents] == ["small"]
    assert [p.kind for p in result.problems] == ["too_large"]


def test_unreadable_file_is_named(tmp_path):
    folder = tmp_path / "a.txt"
    folder.mkdir()  # a folder with an article's name: reading it fails like a permission error does
    docs, problems = read_file(folder)
    assert docs == [] and problems[0].kind == "unreadable" and "cannot be read" in problems[0].problem


def test_sidecar_problems_are_named_and_metadata_still_applied():
    docs, problems = read_documents([BAD.parent / "sidecar"])
    msgs = sorted((Path(p.path).name, p.problem) for p in problems)
    assert ("good.txt", "sources.csv line 2 has no source; the outlet stays unknown") in msgs
    assert ("sources.csv", "line 3: names missing.txt, which is not in the folder") in msgs
    assert ("sources.csv", "line 4: no file name; row ignored") in msgs
    assert any(name == "sources.csv" and "no url, language column(s)" in m for name, m in msgs)
    assert any(name == "unlisted.txt" and "not listed in" in m for name, m in msgs)
    good = next(d for d in docs if d.doc_id == "good")
    assert good.published == "2021-02-03" and good.title == "Ceasefire holds in the valley"


def test_sidecar_without_file_column_is_ignored_with_a_message():
    docs, problems = read_documents([BAD.parent / "sidecar-nofile"])
    assert [d.doc_id for d in docs] == ["good"] and docs[0].source is None
    assert problems[0].fatal and "no 'file' column" in problems[0].problem


def test_cli_prints_each_problem_and_still_writes_the_events(tmp_path):
    out = tmp_path / "events.csv"
    proc = subprocess.run([sys.executable, "-m", "pipeline", "build", str(BAD), "--out", str(out), "-q"],
                          cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr
    assert out.exists()
    assert f"skipped: {BAD / 'empty.txt'}: the file is empty" in proc.stderr
    assert f"warning: {BAD / 'cp1251.txt'}: not valid UTF-8" in proc.stderr
    assert "Traceback" not in proc.stderr


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.binary(max_size=3000), suffix=st.sampled_from([".txt", ".md", ".html", ".json", ".jsonl"]))
def test_arbitrary_bytes_as_an_article_never_crash_the_build(tmp_path_factory, data, suffix):
    folder = tmp_path_factory.mktemp("fuzz")
    (folder / f"fuzz{suffix}").write_bytes(data)
    (folder / "good.txt").write_bytes((BAD / "good.txt").read_bytes())
    result = build([folder], settings={"out": str(folder / "out" / "events.parquet"), "cache": False})
    assert "good" in {d.doc_id for d in result.documents}
    assert all(str(folder) in p.path and p.problem for p in result.problems)
    assert not [p for p in result.problems if "could not be processed" in p.problem]


@settings(max_examples=100, deadline=None)
@given(text=st.text(max_size=2000), encoding=st.sampled_from(["utf-8", "utf-16", "utf-8-sig", "cp1251", "latin-1"]))
def test_any_text_in_any_encoding_reads_or_is_named(text, encoding, tmp_path_factory):
    try:
        data = text.encode(encoding)
    except UnicodeEncodeError:
        return
    path = tmp_path_factory.mktemp("enc") / "a.txt"
    path.write_bytes(data)
    docs, problems = read_file(path)
    assert docs or problems
    for p in problems:
        assert p.path == str(path) and p.problem


def test_corrupt_curation_database_is_named_and_stops_the_build(tmp_path):
    """Issue 17: a build that went on wrote an events file with hidden events back and verified marks gone."""
    from pipeline.frame.curation import DamagedCurations

    out = tmp_path / "out" / "events.parquet"
    out.parent.mkdir()
    (out.parent / "curations.sqlite").write_bytes(b"this is not a database" * 100)
    with pytest.raises(DamagedCurations, match=r"curations\.sqlite: damaged curation database \(file is not a database\)"):
        build([BAD / "good.txt"], settings={"out": str(out)})


def test_a_few_stray_nul_bytes_are_removed_not_fatal(tmp_path):
    path = tmp_path / "a.txt"
    path.write_bytes(b"The talks opened in Marlow on 3 March 2021." * 10 + b"\x00")
    docs, problems = read_file(path)
    assert "\x00" not in docs[0].text
    assert [(p.kind, p.fatal) for p in problems] == [("binary", False)]
    assert "1 control characters removed" in problems[0].problem
