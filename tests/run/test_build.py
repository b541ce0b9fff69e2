from pipeline.build import build
from pipeline.schema import COLUMNS

from conftest import ROOT


def test_build_seeds_gives_events_in_contract_columns():
    result = build([ROOT / "seeds"])
    assert list(result.frame.columns)[: len(COLUMNS)] == list(COLUMNS)
    assert len(result.documents) == 5
    assert len(result.frame) > 0


def test_progress_names_the_clustering_step_after_the_last_article(tmp_path):
    """Clustering runs after every article is done and has no count of its own: the progress reports say so
    rather than sitting on the last article's name."""
    from pipeline.build import CLUSTERING
    from pipeline.build import build_to_file

    for run in (lambda p: build([ROOT / "seeds"], {"cache": False}, progress=p),
                lambda p: build_to_file([ROOT / "seeds"], tmp_path / "e.parquet", {"cache": False}, progress=p)):
        calls = []
        run(lambda i, n, name: calls.append((i, n, name)))
        assert calls[-1] == (5, 5, CLUSTERING)
        assert [name for _, _, name in calls].count(CLUSTERING) == 1 and len(calls) > 1
