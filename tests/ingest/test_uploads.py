"""Uploads: size limit, sanitised names, no path traversal, nothing overwritten (issue 6)."""
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.ingest.uploads import UploadRejected, check_upload, sanitise_filename, store_upload, store_uploads, target_path

TEXT = b"The talks opened in Marlow on 3 March 2021."


@pytest.mark.parametrize("name, safe", [
    ("report.txt", "report.txt"),
    ("../../etc/passwd.txt", "passwd.txt"),
    ("..\\..\\windows\\win.ini.md", "win.ini.md"),
    ("/abs/path/article.HTML", "article.html"),
    ("my article (final).md", "my_article__final_.md"),
    (".hidden.txt", "hidden.txt"),
    ("Статья о переговорах.txt", "Статья_о_переговорах.txt"),
    ("evil\x00name.txt", "evilname.txt"),
    ("con.txt", "_con.txt"),
    ("a" * 300 + ".txt", "a" * 116 + ".txt"),
])
def test_names_are_sanitised(name, safe):
    assert sanitise_filename(name) == safe


@pytest.mark.parametrize("name", ["", "..", "/", "..\\..\\", "._-"])
def test_names_with_nothing_usable_are_refused(name):
    with pytest.raises(UploadRejected, match="no usable file name"):
        sanitise_filename(name)


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=200))
def test_no_name_ever_escapes_the_corpus_folder(tmp_path_factory, name):
    root = tmp_path_factory.mktemp("corpus")
    try:
        path = target_path(root, sanitise_filename(name))
    except UploadRejected:
        return
    assert path.parent == root.resolve()
    assert not path.name.startswith(".")


def test_size_limit_and_kinds_are_checked():
    assert check_upload("a.md", TEXT) == "a.md"
    with pytest.raises(UploadRejected, match="44 bytes, over the 10 byte upload limit"):
        check_upload("a.txt", TEXT + b"\n", max_bytes=10)
    with pytest.raises(UploadRejected, match=r"\.exe is not an article kind"):
        check_upload("tool.exe", TEXT)
    with pytest.raises(UploadRejected, match="no suffix is not an article kind"):
        check_upload(".txt", TEXT)  # a hidden file's name, once made visible, has no suffix left
    with pytest.raises(UploadRejected, match="empty"):
        check_upload("a.txt", b"  \n")
    assert check_upload("SOURCES.CSV", b"file,source\n") == "sources.csv"


def test_store_writes_inside_the_corpus_and_never_overwrites(tmp_path):
    first = store_upload(tmp_path, "../a.txt", TEXT)
    assert first.path == (tmp_path / "a.txt").resolve() and first.path.read_bytes() == TEXT
    again = store_upload(tmp_path, "a.txt", TEXT)
    assert again.replaced and again.path == first.path
    other = store_upload(tmp_path, "a.txt", b"Another article entirely.")
    assert other.path.name == "a-2.txt" and first.path.read_bytes() == TEXT
    assert not list(tmp_path.glob(".*.tmp"))


def test_sidecar_upload_replaces_the_sidecar(tmp_path):
    store_upload(tmp_path, "sources.csv", b"file,source\na.txt,X\n")
    store_upload(tmp_path, "sources.csv", b"file,source\na.txt,Y\n")
    assert (tmp_path / "sources.csv").read_bytes() == b"file,source\na.txt,Y\n"


def test_several_uploads_store_the_good_and_name_the_bad(tmp_path):
    seen = []
    stored, problems = store_uploads(tmp_path, [("a.txt", TEXT), ("big.txt", TEXT * 10), ("x.exe", TEXT),
                                                ("b.md", TEXT + b" More.")], max_bytes=100,
                                     progress=lambda i, n, name: seen.append((i, n, name)))
    assert [s.path.name for s in stored] == ["a.txt", "b.md"]
    assert [(p.path, p.kind) for p in problems] == [("big.txt", "upload"), ("x.exe", "upload")]
    assert "over the 100 byte upload limit" in problems[0].problem
    assert seen == [(1, 4, "a.txt"), (2, 4, "big.txt"), (3, 4, "x.exe"), (4, 4, "b.md")]
