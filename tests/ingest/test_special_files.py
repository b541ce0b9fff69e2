"""Issue 17: files that are not regular files, and file names that are not UTF-8. A named pipe would block the
build, a link to /dev/zero would never end: each is named in one line and the rest of the folder builds. An
article whose file name has bytes that are not UTF-8 builds, under a name with U+FFFD in their place."""
import os
import sys

import pytest

from pipeline.ingest.corpus import iter_article_paths, printable_name, read_file
from pipeline.run.memory import build

GOOD = "Troops crossed the border on 3 March 2020, officials in Geneva said.\n"

posix_only = pytest.mark.skipif(sys.platform == "win32", reason="named pipes and /dev are POSIX")


@posix_only
def test_pipes_devices_and_dead_links_are_named_and_the_rest_builds(tmp_path):
    (tmp_path / "good.txt").write_text(GOOD)
    os.mkfifo(tmp_path / "pipe.txt")
    (tmp_path / "zero.txt").symlink_to("/dev/zero")
    (tmp_path / "gone.md").symlink_to(tmp_path / "nothing-here.md")
    (tmp_path / "loop.txt").symlink_to(tmp_path / "loop.txt")
    paths, problems = iter_article_paths([tmp_path])
    assert [p.name for p in paths] == ["good.txt"]
    said = {os.path.basename(p.path): p.problem for p in problems}
    assert said == {"gone.md": "is a link that leads to no file, not an article file",
                    "loop.txt": "is a link that leads to no file, not an article file",
                    "pipe.txt": "is a named pipe, not an article file",
                    "zero.txt": "is a device, not an article file"}
    assert all(p.fatal for p in problems)
    result = build([str(tmp_path)], {"cache": False})  # returns: the pipe is never opened
    assert set(result.frame.doc_id) == {"good"}


@posix_only
def test_a_pipe_given_by_name_is_named_not_opened(tmp_path):
    os.mkfifo(tmp_path / "pipe.txt")
    paths, problems = iter_article_paths([tmp_path / "pipe.txt", tmp_path / "absent.txt"])
    assert paths == []
    assert [p.problem for p in problems] == ["is a named pipe, not an article file or folder", "no such file or folder"]


@pytest.mark.skipif(sys.platform != "linux", reason="Linux file names are bytes")
def test_a_file_name_that_is_not_utf8_still_builds(tmp_path):
    name = os.fsdecode(b"bad\xffname.txt")
    (tmp_path / name).write_text(GOOD)
    result = build([str(tmp_path)], {"cache": False})
    assert list(result.frame.doc_id) == ["bad\ufffdname"]
    assert not [p for p in result.problems if p.fatal]


def test_printable_name():
    assert printable_name("Agence France-Presse ü") == "Agence France-Presse ü"
    assert printable_name(os.fsdecode(b"a\xff\xfeb")) == "a\ufffd\ufffdb"


def test_a_file_is_read_no_further_than_the_limit(tmp_path):
    (tmp_path / "big.txt").write_text(GOOD * 100)
    docs, problems = read_file(tmp_path / "big.txt", max_bytes=len(GOOD) * 10)
    assert docs == [] and problems[0].kind == "too_large"


def test_files_of_other_kinds_are_named_in_one_line(tmp_path):
    (tmp_path / "good.txt").write_text(GOOD)
    (tmp_path / "sources.csv").write_text("file,source\ngood.txt,Reuters\n")
    (tmp_path / "corpus.yaml").write_text("title: A corpus\n")
    (tmp_path / "sub").mkdir()
    for name in ("report.odt", "memo.xlsx", "sub/photo.jpg", "sub/photo2.jpg", "README"):
        (tmp_path / name).write_bytes(b"x")
    paths, problems = iter_article_paths([tmp_path])
    assert [p.name for p in paths] == ["good.txt"]
    assert len(problems) == 1 and not problems[0].fatal and problems[0].path == str(tmp_path)
    assert problems[0].problem.startswith("5 file(s) not read, of a kind that is not an article "
                                          "(.jpg 2, .odt 1, .xlsx 1, no suffix 1): README, memo.xlsx, report.odt and 2 more; "
                                          "articles are .txt ")
    assert "\n" not in problems[0].problem


def test_a_folder_of_articles_only_gives_no_line(tmp_path):
    (tmp_path / "good.txt").write_text(GOOD)
    (tmp_path / ".hidden.xlsx").write_bytes(b"x")
    assert iter_article_paths([tmp_path])[1] == []


def test_a_page_nested_deeper_than_libxml2_goes_still_gives_its_text(tmp_path):
    page = "<html><body>" + "<div>" * 100_000 + f"<p>{GOOD}</p><script>var x = 1;</script>" + "</div>" * 100_000 + "</body></html>"
    (tmp_path / "deep.html").write_text(page)
    docs, problems = read_file(tmp_path / "deep.html")
    assert [d.text for d in docs] == [GOOD]
    assert all(not p.fatal for p in problems)
