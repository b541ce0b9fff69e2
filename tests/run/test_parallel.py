"""--workers N and --engine dask give exactly the events of one process (pipeline/parallel.py, stream.py)."""
import shutil
from pathlib import Path

import pandas as pd
import pytest

from conftest import ROOT
from pipeline.build import build
from pipeline.build import build_to_file
from pipeline.config import SettingsError
from pipeline.frame.io import read_events
from pipeline.run.workers import EngineError, chunked, map_chunks
from pipeline.frame.arrow import EventsWriter, events_table
from pipeline.schema import COLUMNS


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    """The seeds plus a broken file and another article under an existing name (ids must not collide)."""
    folder = tmp_path_factory.mktemp("corpus")
    seeds = sorted((ROOT / "seeds").glob("*.txt"))
    for p in seeds:
        shutil.copy(p, folder / p.name)
    (folder / "zz").mkdir()
    (folder / "zz" / seeds[0].name).write_text(
        "Date: 3 March 2021\n\nRuritania and Elbonia sign a border accord\n\n"
        "The foreign ministers of Ruritania and Elbonia signed a border accord in Strelsau on Tuesday, "
        "ending a dispute that began in the late 1990s. Talks will resume next week.\n", encoding="utf-8")
    (folder / "empty.txt").write_text("", encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def single(corpus):
    return build([corpus], {"chunk": 2})


def test_corpus_gives_events_and_names_the_bad_file(single):
    assert len(single.documents) == 6
    assert len(single.frame) > 0
    assert [p.path.endswith("empty.txt") for p in single.problems if p.fatal] == [True]
    assert [p.kind for p in single.problems if not p.fatal] == ["duplicate_id"]


def test_two_workers_equal_one(corpus, single):
    two = build([corpus], {"workers": 2, "chunk": 2})
    pd.testing.assert_frame_equal(two.frame, single.frame)
    assert [d.doc_id for d in two.documents] == [d.doc_id for d in single.documents]
    assert [str(p) for p in two.problems] == [str(p) for p in single.problems]


def test_build_to_file_equals_build(corpus, single, tmp_path):
    for workers in (1, 2):
        out = tmp_path / f"events{workers}.parquet"
        summary = build_to_file([corpus], out, {"workers": workers, "chunk": 2})
        assert (summary.events, summary.documents) == (len(single.frame), 6)
        assert [str(p) for p in summary.problems] == [str(p) for p in single.problems]
        pd.testing.assert_frame_equal(read_events(out), single.frame)
        assert not list(tmp_path.glob("*.parts-*")), "staging parts left behind"


def test_dask_local_cluster_equals_single_process(corpus, single, tmp_path):
    """The Dask path on a small LocalCluster: in memory, and writing partitioned Parquet then clustering."""
    pytest.importorskip("distributed")
    frame = build([corpus], {"engine": "dask", "workers": 2, "chunk": 2}).frame
    pd.testing.assert_frame_equal(frame, single.frame)
    out = tmp_path / "events.parquet"
    summary = build_to_file([corpus], out, {"engine": "dask", "workers": 2, "chunk": 2})
    assert summary.documents == 6
    assert [str(p) for p in summary.problems] == [str(p) for p in single.problems]
    pd.testing.assert_frame_equal(read_events(out), single.frame)


def test_cli_workers_and_engine_options(corpus, tmp_path):
    from pipeline.__main__ import main

    out1, out2 = tmp_path / "one.csv", tmp_path / "two.csv"
    assert main(["build", str(corpus), "--out", str(out1), "-q"]) == 0
    assert main(["build", str(corpus), "--out", str(out2), "-q", "--workers", "2"]) == 0
    pd.testing.assert_frame_equal(read_events(out1), read_events(out2))
    assert main(["build", str(corpus), "--out", str(out2), "-q", "--workers", "0"]) == 2  # a settings error: one line, exit 2


def test_bad_engine_settings_are_named():
    with pytest.raises(SettingsError, match="engine.*local, dask"):
        build([ROOT / "seeds"], {"engine": "spark"})
    with pytest.raises(SettingsError, match="workers"):
        build([ROOT / "seeds"], {"workers": 0})


def test_unreachable_scheduler_is_a_clear_error(tmp_path):
    pytest.importorskip("distributed")
    with pytest.raises(EngineError, match="127.0.0.1:9"):
        build_to_file([ROOT / "seeds"], tmp_path / "e.parquet",
                      {"engine": "dask", "scheduler": "tcp://127.0.0.1:9"})


def test_map_chunks_keeps_order_across_processes():
    chunks = chunked(list(range(23)), 4)
    assert [x for part in map_chunks(_double_all, chunks, 2) for x in part] == [2 * i for i in range(23)]


def _double_all(xs):
    return [2 * x for x in xs]


def test_events_writer_round_trips_in_row_groups(tmp_path, single):
    import pyarrow.parquet as pq

    records = single.frame.to_dict("records")
    path = tmp_path / "e.parquet"
    with EventsWriter(path, batch_rows=5) as writer:
        for part in chunked(records, 3):
            writer.write(part)
    assert writer.rows == len(records)
    assert pq.ParquetFile(path).metadata.num_row_groups == -(-len(records) // 5)
    # the writer keeps the contract's columns (curation columns such as `verified` come after clustering)
    pd.testing.assert_frame_equal(read_events(path)[list(COLUMNS)], single.frame[list(COLUMNS)])
    assert events_table([]).column_names == list(COLUMNS)


# --- the final stage of build_to_file: clustering on cluster.NEEDS, then the file written a batch at a time ---

UNDATED = ("Ruritania and Elbonia resume border talks\n\n"
           "The foreign ministers of Ruritania and Elbonia met in Strelsau on 10 November 2020 to resume talks on "
           "the border accord.\n\nThey agreed on 12 November 2020 to open two crossings, and a ceasefire monitoring "
           "mission will start on 1 March 2021.\n\nLavrov said on 30 December that Russia welcomed the talks.\n")


@pytest.fixture(scope="module")
def undated_corpus(tmp_path_factory):
    """The seeds (one of which states no date) and an undated article among them: the events of articles with
    no date of their own are staged in a second part, as they may borrow a year from the others."""
    folder = tmp_path_factory.mktemp("undated")
    for p in sorted((ROOT / "seeds").glob("*.txt")):
        shutil.copy(p, folder / p.name)
    (folder / "001b_undated.txt").write_text(UNDATED, encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def undated_single(undated_corpus):
    result = build([undated_corpus], {"chunk": 2})
    doc_ids = list(dict.fromkeys(result.frame["doc_id"]))
    # the undated articles' events belong between dated ones: concatenating the parts would get this wrong
    # (that they are staged in a part of their own: test_streamed_final_stage_never_holds_the_whole_table)
    assert "001b_undated" in doc_ids[:-1]
    return result


@pytest.fixture
def small_batches(monkeypatch):
    """Final batches of 3 rows: runs of one part cross batches and staged row groups are read piecemeal."""
    import pipeline.run.stream

    monkeypatch.setattr(pipeline.run.stream, "BATCH_ROWS", 3)


@pytest.mark.parametrize("settings", [{"chunk": 2}, {"workers": 2, "chunk": 3}, {"engine": "dask", "workers": 2, "chunk": 2}],
                         ids=["one-part-and-undated", "pool", "dask-parts"])
def test_build_to_file_puts_undated_and_parted_events_in_input_order(undated_corpus, undated_single, small_batches,
                                                                     tmp_path, settings):
    if settings.get("engine") == "dask":
        pytest.importorskip("distributed")
    out = tmp_path / "events.parquet"
    summary = build_to_file([undated_corpus], out, settings)
    assert summary.events == len(undated_single.frame)
    pd.testing.assert_frame_equal(read_events(out), undated_single.frame)


@pytest.mark.parametrize("suffix", [".csv", ".json", ".parquet"])
def test_streamed_events_file_has_the_bytes_of_the_frame_export(undated_corpus, undated_single, small_batches,
                                                                tmp_path, suffix):
    from pipeline.frame.io import events_to_bytes

    out = tmp_path / f"events{suffix}"
    build_to_file([undated_corpus], out, {"chunk": 2})
    if suffix == ".parquet":  # same content (the writer's types are fixed, pandas' are inferred per column)
        pd.testing.assert_frame_equal(read_events(out), undated_single.frame)
    else:
        assert out.read_bytes() == events_to_bytes(undated_single.frame, suffix)
    # issue 17: CSV and JSON keep their build record beside them, and the (emptied) build lock stays (run/lock.py)
    left = sorted(p.name for p in tmp_path.iterdir())
    expected = [out.name, f".{out.name}.lock"] + ([f".{out.name}.build.json"] if suffix != ".parquet" else [])
    assert left == sorted(expected), "temp or staging files left behind"


def test_streamed_final_stage_never_holds_the_whole_table(undated_corpus, undated_single, small_batches, tmp_path,
                                                          monkeypatch):
    """Staged events are read back a batch at a time, for clustering only cluster.NEEDS; no whole table, no
    whole frame: the events file is written from batches of BATCH_ROWS."""
    import pyarrow.parquet as pq

    import pipeline.cluster
    import pipeline.run.stream
    from pipeline.schema import ORDER

    read_columns, clustered, batches = [], [], []
    iter_batches, cluster_summary, apply_curations = (pq.ParquetFile.iter_batches, pipeline.cluster.cluster_summary,
                                                    pipeline.run.stream.apply_curations)

    def spy_iter_batches(self, *args, **kw):
        read_columns.append(kw.get("columns"))
        return iter_batches(self, *args, **kw)

    def spy_cluster_summary(parts):
        assert not isinstance(parts, pd.DataFrame)  # clustering too takes the events a batch at a time
        return cluster_summary(clustered.append(list(part)) or part for part in parts)

    def spy_apply_curations(frame, db, **kw):
        batches.append(len(frame))
        return apply_curations(frame, db, **kw)

    def whole(*_a, **_kw):
        raise AssertionError("the streaming build read or wrote the events as one table or frame")

    monkeypatch.setattr(pq.ParquetFile, "iter_batches", spy_iter_batches)
    monkeypatch.setattr(pipeline.cluster, "cluster_summary", spy_cluster_summary)
    monkeypatch.setattr(pipeline.cluster, "assign_clusters", whole)
    monkeypatch.setattr(pipeline.run.stream, "apply_curations", spy_apply_curations)
    monkeypatch.setattr(pq, "read_table", whole)
    monkeypatch.setattr(pipeline.run.stream, "write_events", whole)
    out = tmp_path / "events.parquet"
    build_to_file([undated_corpus], out, {"chunk": 2})
    # the main part and the undated articles' part: first the clustering columns, then every column
    assert read_columns == [[*pipeline.cluster.NEEDS, ORDER]] * 2 + [list(COLUMNS)] * 2
    assert clustered and all(keys == list(pipeline.cluster.NEEDS) for keys in clustered)
    assert max(batches) == 3 and sum(batches) == len(undated_single.frame)
    monkeypatch.undo()
    pd.testing.assert_frame_equal(read_events(out), undated_single.frame)


def test_empty_corpus_streams_an_empty_events_file(tmp_path):
    from pipeline.frame.io import events_to_bytes, write_events

    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "empty.txt").write_text("", encoding="utf-8")
    expected = build([tmp_path / "in"]).frame
    for suffix in (".parquet", ".csv", ".json"):
        out = tmp_path / f"events{suffix}"
        assert build_to_file([tmp_path / "in"], out).events == 0
        pd.testing.assert_frame_equal(read_events(out), read_events(write_events(expected, tmp_path / f"x{suffix}")))
        if suffix != ".parquet":
            assert out.read_bytes() == events_to_bytes(expected, suffix)


def test_active_curations_take_the_whole_frame_path(undated_corpus, undated_single, tmp_path):
    from pipeline.frame import curation

    db = tmp_path / "curations.sqlite"
    frame = undated_single.frame
    curation.verify(db, frame["event_id"].iloc[0], "tester", frame=frame)
    curation.hide(db, frame["event_id"].iloc[-1], "tester", frame=frame)
    expected = build([undated_corpus], {"chunk": 2, "db": str(db)}).frame
    assert expected["verified"].iloc[0] and len(expected) == len(frame) - 1
    out = tmp_path / "events.parquet"
    build_to_file([undated_corpus], out, {"chunk": 2, "db": str(db)})
    pd.testing.assert_frame_equal(read_events(out), expected)


def test_unreadable_curation_database_stops_the_streamed_build(corpus, tmp_path):
    """Issue 17: it used to be a warning, and the events file came back with hidden events and no verified marks."""
    from pipeline.frame.curation import DamagedCurations

    db = tmp_path / "curations.sqlite"
    db.write_bytes(b"not a database" * 100)
    out = tmp_path / "events.parquet"
    with pytest.raises(DamagedCurations, match="damaged curation database"):
        build_to_file([corpus], out, {"chunk": 2, "db": str(db)})
    assert not out.exists() and [p.name for p in tmp_path.iterdir()] == ["curations.sqlite"]


def test_final_merge_takes_rows_across_parts_in_order(tmp_path, small_batches):
    """Three hand-made parts whose input positions interleave, in row groups of 2 (a batch is 3 rows)."""
    import numpy as np

    from pipeline.run.stream import _ordered_tables

    positions = [[0, 1, 1, 2, 7, 8, 8, 8, 9], [3, 3, 10], [4, 5, 6, 6, 11]]
    parts = []
    for i, order in enumerate(positions):
        events = [{"event_id": f"p{i}-{n}", "doc_id": f"d{pos}"} for n, pos in enumerate(order)]
        parts.append(tmp_path / f"part-{i}.parquet")
        with EventsWriter(parts[-1], batch_rows=2, with_order=True) as writer:
            writer.write(events, order)
    flat = sorted((pos, i, n) for i, order in enumerate(positions) for n, pos in enumerate(order))
    tables = list(_ordered_tables(parts, np.array([i for _, i, _ in flat])))
    assert [t.num_rows for t in tables] == [3, 3, 3, 3, 3, 2]
    assert [e for t in tables for e in t["event_id"].to_pylist()] == [f"p{i}-{n}" for _, i, n in flat]


# --- reading: the main process lists the articles without their texts, the workers read them again ---

INGEST = ROOT / "tests" / "data" / "ingest"
MAX_BYTES = 2000  # huge.txt is over it, every other article under


@pytest.fixture(scope="module")
def mixed(tmp_path_factory):
    """Every reading case the streaming build must decide as build() does, spread over several chunks:
    sidecar metadata (and its problems), bad files of every kind, a file over max_article_bytes, a .jsonl of
    several records (one bad line, one record whose id another file has), doc-id collisions, and copies of an
    article far from it in input order (whole text equal, and a near copy found through its word runs)."""
    folder = tmp_path_factory.mktemp("mixed")
    for name in ("corpus", "bad", "sidecar"):
        shutil.copytree(INGEST / name, folder / name)
    valley = (INGEST / "corpus" / "valley.txt").read_text(encoding="utf-8")
    (folder / "zz").mkdir()
    (folder / "zz" / "valley-copy.txt").write_text(valley, encoding="utf-8")
    (folder / "zz" / "valley-edited.txt").write_text(valley.replace("a day later", "one day later"), encoding="utf-8")
    (folder / "zz" / "huge.txt").write_text("The talks opened on 3 March 2021. " * 100, encoding="utf-8")
    (folder / "zz" / "wire.jsonl").write_text(
        '{"id": "talks", "text": "Harbour talks\\n\\nThe harbour talks opened in Marlow on 3 March 2021.", '
        '"source": "Marlow Wire"}\n{broken\n'
        '{"text": "Accord signed\\n\\nFreedonia and Sylvania signed the harbour accord on 4 March 2021."}\n'
        '{"text": "Monitors arrive\\n\\nMonitors reached the valley on 6 March 2021.", "published": "2021-03-07"}\n',
        encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def mixed_single(mixed, tmp_path_factory):
    result = build([mixed], {"chunk": 2, "cache": False, "max_article_bytes": MAX_BYTES,
                             "out": str(tmp_path_factory.mktemp("out") / "events.parquet")})
    kinds = [p.kind for p in result.problems]
    # the corpus has each case (or the comparisons below would prove less than they say)
    assert kinds.count("duplicate") >= 4 and kinds.count("duplicate_id") >= 2 and "too_large" in kinds
    assert {"sidecar", "json", "binary", "empty", "encoding"} <= set(kinds)
    assert {"wire-3", "wire-4", "wire.jsonl"} <= {d.doc_id for d in result.documents}
    assert any(d.duplicates for d in result.documents) and len(result.frame)
    return result


@pytest.mark.parametrize("settings", [{"chunk": 2}, {"workers": 2, "chunk": 2}, {"workers": 2, "chunk": 1},
                                      {"engine": "dask", "workers": 2, "chunk": 3}],
                         ids=["one-process", "pool", "pool-chunk-1", "dask"])
def test_build_to_file_reads_a_mixed_corpus_as_build_does(mixed, mixed_single, tmp_path, settings):
    if settings.get("engine") == "dask":
        pytest.importorskip("distributed")
    out = tmp_path / "events.parquet"
    summary = build_to_file([mixed], out, {**settings, "max_article_bytes": MAX_BYTES})
    assert [str(p) for p in summary.problems] == [str(p) for p in mixed_single.problems]
    assert summary.documents == len(mixed_single.documents)
    pd.testing.assert_frame_equal(read_events(out), mixed_single.frame)


def test_with_workers_the_main_process_reads_only_duplicate_candidates(mixed, mixed_single, tmp_path, monkeypatch):
    """The texts are read on the workers; this process reads again only the files whose word runs decide a
    duplicate, processes no article and gets back no text and no event from the workers (spies set here are
    not the ones the worker processes call)."""
    import pipeline.ingest.corpus
    import pipeline.run.stream
    import pipeline.run.workers
    from pipeline.ingest.corpus import FileSurvey, iter_article_paths
    from pipeline.run.workers import ChunkResult

    stages = pipeline.run.workers  # where the runner looks the stages up
    read, processed, received = [], [], []
    map_chunks = pipeline.run.workers.map_chunks

    def spy_map_chunks(*args):
        for r in map_chunks(*args):  # what the events of a chunk result were on arrival (the build clears them)
            chunk = r[1] if isinstance(r, tuple) else r
            received.append((r, len(chunk.events) if isinstance(chunk, ChunkResult) else None))
            yield r

    monkeypatch.setattr(pipeline.run.workers, "map_chunks", spy_map_chunks)  # the survey
    monkeypatch.setattr(pipeline.run.stream, "map_chunks", spy_map_chunks)  # the processing
    read_file_digest, process_document = pipeline.ingest.corpus.read_file_digest, stages.process_document
    monkeypatch.setattr(pipeline.ingest.corpus, "read_file_digest",
                        lambda path, *a: read.append(Path(path).name) or read_file_digest(path, *a))
    monkeypatch.setattr(stages, "process_document", lambda doc, *a: processed.append(doc) or process_document(doc, *a))
    summary = build_to_file([mixed], tmp_path / "events.parquet", {"workers": 2, "chunk": 2,
                                                                   "max_article_bytes": MAX_BYTES})
    assert summary.documents == len(mixed_single.documents) and not processed
    assert read and set(read) <= {"valley.txt", "valley-reprint.txt", "valley-copy.txt", "valley-edited.txt"}
    surveys = [s for r, _ in received if isinstance(r, list) for s in r]
    assert all(isinstance(s, FileSurvey) for s in surveys) and len(surveys) == len(iter_article_paths([mixed])[0])
    assert all(d.text == "" for s in surveys for d in s.docs)
    events = [n for r, n in received if not isinstance(r, list)]
    assert len(events) > 1 and events == [0] * len(events)


@pytest.mark.parametrize("workers", [1, 2])
def test_a_file_changed_while_the_build_reads_is_named_not_built(tmp_path, monkeypatch, workers):
    """Between the survey (ids, duplicates decided) and the processing, one article and a two-record .jsonl
    change: each file is named once, its articles are left out, the others build."""
    import pipeline.run.stream

    folder = tmp_path / "in"
    shutil.copytree(ROOT / "seeds", folder)
    (folder / "wire.jsonl").write_text('{"text": "Talks opened in Marlow on 3 March 2021."}\n'
                                       '{"text": "Monitors arrived on 6 March 2021."}\n', encoding="utf-8")
    victim = sorted(folder.glob("*.txt"))[1]
    read_corpus = pipeline.run.stream._read_corpus

    def then_edit(inputs, settings):
        listed = read_corpus(inputs, settings)
        victim.write_text(victim.read_text(encoding="utf-8") + "\nA late correction.\n", encoding="utf-8")
        (folder / "wire.jsonl").write_text('{"text": "Talks opened in Marlow on 3 March 2021."}\n', encoding="utf-8")
        return listed

    monkeypatch.setattr(pipeline.run.stream, "_read_corpus", then_edit)
    out = tmp_path / "events.parquet"
    summary = build_to_file([folder], out, {"workers": workers, "chunk": 4})
    assert [(Path(p.path).name, p.kind, p.fatal) for p in summary.problems] == \
        [(victim.name, "changed", True), ("wire.jsonl", "changed", True)]
    assert summary.documents == 4
    assert not {victim.stem, "wire-1", "wire-2"} & set(read_events(out)["doc_id"])


def test_a_remote_dask_scheduler_is_sent_whole_documents(mixed, mixed_single, tmp_path):
    """Workers of a scheduler given by address may not see the input files: they get the documents whole, as
    before, and build the same events (a LocalCluster started here stands for the remote one)."""
    distributed = pytest.importorskip("distributed")
    import pipeline.run.stream

    sent = []
    with distributed.LocalCluster(n_workers=1, threads_per_worker=1, processes=True, dashboard_address=None,
                                  host="127.0.0.1") as cluster:
        tasks_for = pipeline.run.stream.tasks_for
        with pytest.MonkeyPatch.context() as mp:
            mp.setattr(pipeline.run.stream, "tasks_for", lambda *a: (sent.append(t) or t for t in tasks_for(*a)))
            summary = build_to_file([mixed], tmp_path / "events.parquet",
                                    {"engine": "dask", "scheduler": cluster.scheduler_address, "chunk": 3,
                                     "max_article_bytes": MAX_BYTES})
    assert sent and all(t.where is None and all(d.text for d in t.docs) for t in sent)
    assert [str(p) for p in summary.problems] == [str(p) for p in mixed_single.problems]
    pd.testing.assert_frame_equal(read_events(tmp_path / "events.parquet"), mixed_single.frame)


def test_a_jsonl_handed_out_in_several_chunks_is_parsed_again_once(tmp_path, monkeypatch):
    """Its records are read again chunk after chunk: the process keeps the last such file parsed while its
    bytes stay the same (once to survey it, once to process it), and lets go of it after the build."""
    import json

    import pipeline.ingest.readers
    import pipeline.run.workers

    folder = tmp_path / "in"
    folder.mkdir()
    events = ["signed an accord", "opened a border crossing", "recalled its ambassador", "held talks",
              "agreed a ceasefire"]
    (folder / "wire.jsonl").write_text("".join(
        json.dumps({"text": f"Report {n}\n\nRuritania {what} with Elbonia in Strelsau on {n + 3} March 2021.",
                    "published": f"2021-03-{n + 4:02d}"}) + "\n" for n, what in enumerate(events)), encoding="utf-8")
    expected = build([folder], {"cache": False, "out": str(tmp_path / "a" / "events.parquet")})
    parsed = []
    read_jsonl = pipeline.ingest.readers.READERS[".jsonl"]
    monkeypatch.setitem(pipeline.ingest.readers.READERS, ".jsonl", lambda *a: parsed.append(a[0]) or read_jsonl(*a))
    out = tmp_path / "events.parquet"
    summary = build_to_file([folder], out, {"chunk": 2})
    assert summary.documents == 5 and len(parsed) == 2 and len(expected.frame)
    assert not pipeline.run.workers._REREAD
    pd.testing.assert_frame_equal(read_events(out), expected.frame)
