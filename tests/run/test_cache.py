"""Incremental builds: only new or changed articles are re-processed (issue 6)."""
import importlib
import shutil

import pandas as pd
import pytest

from conftest import ROOT
from pipeline.build import build
from pipeline.run.cache import DocumentCache, cache_dir_for, document_key, pipeline_fingerprint
from pipeline.schema import Document

workers = importlib.import_module("pipeline.run.workers")  # where the runner looks the stages up


@pytest.fixture
def corpus(tmp_path):
    folder = tmp_path / "corpus"
    shutil.copytree(ROOT / "seeds", folder)
    return folder


@pytest.fixture
def counted(monkeypatch):
    """Count the articles that really go through the stages."""
    seen = []
    real = workers.process_document

    def spy(doc, *args):
        seen.append(doc.doc_id)
        return real(doc, *args)

    monkeypatch.setattr(workers, "process_document", spy)
    return seen


def counts(result) -> dict:
    """The cache's counts among the build's stats (which also say how dates were inferred)."""
    return {k: result.stats[k] for k in ("articles", "reused", "processed")}


def _settings(tmp_path, **kw):
    return {"out": str(tmp_path / "out" / "events.parquet"), **kw}


def test_second_build_reuses_every_article_and_gives_the_same_frame(tmp_path, corpus, counted):
    first = build([corpus], _settings(tmp_path))
    assert counts(first) == {"articles": 5, "reused": 0, "processed": 5} and len(counted) == 5
    second = build([corpus], _settings(tmp_path))
    assert counts(second) == {"articles": 5, "reused": 5, "processed": 0} and len(counted) == 5
    pd.testing.assert_frame_equal(first.frame, second.frame)
    assert [d.doc_id for d in second.documents] == [d.doc_id for d in first.documents]


def test_only_the_changed_and_the_new_article_are_reprocessed(tmp_path, corpus, counted):
    build([corpus], _settings(tmp_path))
    counted.clear()
    changed = sorted(corpus.iterdir())[1]
    changed.write_text(changed.read_text(encoding="utf-8") + "\nTalks resumed on 3 March 2021.\n", encoding="utf-8")
    (corpus / "new.md").write_text("---\nsource: Marlow Wire\n---\nThe summit opened on 4 March 2021.\n", encoding="utf-8")
    result = build([corpus], _settings(tmp_path))
    assert sorted(counted) == sorted([changed.stem, "new"])
    assert result.stats["reused"] == 4 and result.stats["processed"] == 2
    assert "new" in set(result.frame["doc_id"])


def test_metadata_change_alone_reprocesses_the_article(tmp_path, corpus, counted):
    build([corpus], _settings(tmp_path))
    counted.clear()
    first = sorted(corpus.iterdir())[0]
    (corpus / "sources.csv").write_text(f"file,source\n{first.name},Marlow Wire\n", encoding="utf-8")
    result = build([corpus], _settings(tmp_path))
    assert counted == [first.stem]
    assert set(result.frame.loc[result.frame["doc_id"] == first.stem, "source"]) == {"Marlow Wire"}


def test_cache_lives_beside_the_events_file_and_forgets_removed_articles(tmp_path, corpus):
    build([corpus], _settings(tmp_path))
    folder = cache_dir_for(tmp_path / "out" / "events.parquet") / "documents"
    assert folder.parent == (tmp_path / "out" / ".cache").resolve()
    assert len(list(folder.glob("*.pickle"))) == 5
    sorted(corpus.iterdir())[0].unlink()
    build([corpus], _settings(tmp_path))
    assert len(list(folder.glob("*.pickle"))) == 4


def test_a_pipeline_change_invalidates_every_entry(tmp_path, corpus, counted, monkeypatch):
    build([corpus], _settings(tmp_path))
    counted.clear()
    monkeypatch.setattr("pipeline.run.cache.pipeline_fingerprint", lambda *a: "another pipeline version")
    build([corpus], _settings(tmp_path))
    assert len(counted) == 5


def test_fingerprint_follows_code_and_data_files(tmp_path):
    (tmp_path / "stage.py").write_text("X = 1\n")
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "lexicon.yaml").write_text("a: 1\n")
    before = pipeline_fingerprint(tmp_path)
    assert pipeline_fingerprint(tmp_path) == before
    (tmp_path / "data" / "lexicon.yaml").write_text("a: 2\n")
    assert pipeline_fingerprint(tmp_path) != before


def test_damaged_entry_is_a_miss_not_an_error(tmp_path, corpus, counted):
    build([corpus], _settings(tmp_path))
    counted.clear()
    victim = sorted((tmp_path / "out" / ".cache" / "documents").glob("*.pickle"))[0]
    victim.write_bytes(b"\x80\x05 not a pickle")
    result = build([corpus], _settings(tmp_path))
    assert len(counted) == 1 and result.stats["reused"] == 4 and not result.problems


def test_no_cache_setting_processes_everything_and_writes_nothing(tmp_path, corpus, counted):
    build([corpus], _settings(tmp_path, cache=False))
    build([corpus], _settings(tmp_path, cache=False))
    assert len(counted) == 10
    assert not (tmp_path / "out" / ".cache").exists()


def test_key_depends_on_id_text_and_metadata():
    base = Document(doc_id="a", text="Talks opened.", source="X")
    key = document_key(base, "fp")
    assert document_key(Document(doc_id="a", text="Talks opened.", source="X"), "fp") == key
    for other in (Document(doc_id="b", text="Talks opened.", source="X"),
                  Document(doc_id="a", text="Talks closed.", source="X"),
                  Document(doc_id="a", text="Talks opened.", source="Y"),
                  Document(doc_id="a", text="Talks opened.", source="X", published="2021-01-01")):
        assert document_key(other, "fp") != key
    assert document_key(base, "fp2") != key


def test_put_then_get_round_trips_and_counts(tmp_path):
    store = DocumentCache.open(tmp_path, "fp")
    doc = Document(doc_id="a", text="Talks opened.")
    key = store.key(doc)
    assert store.get(key) is None
    store.put(key, doc)
    assert store.get(key) == doc
    assert store.stats() == {"reused": 1, "processed": 1}
    assert not list(tmp_path.rglob("*.tmp"))


def test_cli_shows_progress_on_a_terminal_and_reports_reuse(tmp_path, corpus):
    """Run `python -m pipeline build` on a pseudo-terminal (with a size, as a real one has) twice."""
    import fcntl
    import os
    import pty
    import struct
    import sys
    import termios

    def run_on_terminal(*args) -> str:
        pid, fd = pty.fork()
        if pid == 0:  # the child: a terminal of 40 x 120 characters
            fcntl.ioctl(0, termios.TIOCSWINSZ, struct.pack("HHHH", 40, 120, 0, 0))
            os.chdir(ROOT)
            os.execv(sys.executable, [sys.executable, "-m", "pipeline", *args])
        out = b""
        while True:
            try:
                chunk = os.read(fd, 4096)
            except OSError:
                break
            if not chunk:
                break
            out += chunk
        os.waitpid(pid, 0)
        return out.decode("utf-8", "replace")

    out = tmp_path / "cli" / "events.parquet"
    first = run_on_terminal("build", str(corpus), "--out", str(out))
    assert "article/s" in first or "5/5" in first  # the tqdm bar
    second = run_on_terminal("build", str(corpus), "--out", str(out))
    assert "from 5 articles (5 unchanged, reused from the cache)" in second


def test_prune_keeps_a_running_builds_temp_file_and_removes_a_killed_builds(tmp_path):
    """Two builds sharing a cache: one's prune removed the other's temp file mid-write, and its rename failed
    (FileNotFoundError in the dashboard's build). Only the temp files of builds no longer running go."""
    import os
    import subprocess
    import sys
    import time

    cache = DocumentCache.open(tmp_path / "cache", "fp")
    folder = tmp_path / "cache" / "documents"
    folder.mkdir(parents=True, exist_ok=True)
    gone = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True)
    dead_pid = int(gone.stdout)
    live = folder / f".{'a' * 64}.pickle.{os.getpid()}-abcd1234.tmp"
    dead = folder / f".{'b' * 64}.pickle.{dead_pid}-abcd1234.tmp"
    unused = folder / f"{'c' * 64}.pickle"
    for p in (live, dead, unused):
        p.write_bytes(b"x")
        os.utime(p, (time.time() - 60, time.time() - 60))
    assert cache.prune() == 2
    assert live.exists() and not dead.exists() and not unused.exists()
