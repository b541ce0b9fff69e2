"""--workers N and --engine dask give exactly the events of one process (pipeline/parallel.py, stream.py)."""
import shutil

import pandas as pd
import pytest

from conftest import ROOT
from pipeline.build import build, build_to_file
from pipeline.config import SettingsError
from pipeline.export import read_events
from pipeline.parallel import EngineError, chunked, map_chunks
from pipeline.stream import EventsWriter, events_table
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
    assert main(["build", str(corpus), "--out", str(out2), "-q", "--workers", "0"]) == 1


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
