"""Issue 23: a build that replaces an events file keeps the record of where split or merged clusters went."""
from pipeline.cluster.forwarding import forwarding_path, load_forwarding
from pipeline.frame.io import read_events, write_events
from pipeline.run.forwarding import keeping_forwarding

from conftest import ROOT


def _events(ids, clusters):
    from pipeline.schema import events_frame, Event

    frame = events_frame([Event(event_id=e, doc_id="d", quote="q") for e in ids])
    return frame.assign(cluster_id=clusters)


def test_replacing_an_events_file_records_the_split(tmp_path):
    for name in ("e.parquet", "e.csv"):
        out = tmp_path / name
        write_events(_events(["e1", "e2", "e3"], ["c1", "c1", "c1"]), out)
        with keeping_forwarding(out):
            write_events(_events(["e1", "e2", "e3"], ["c1", "c9", "c9"]), out)
        assert load_forwarding(forwarding_path(out)) == {"c1": ["c9", "c1"]}
        with keeping_forwarding(out):  # c9 merges into c0 next time: the old id follows it
            write_events(_events(["e1", "e2", "e3"], ["c1", "c0", "c0"]), out)
        assert load_forwarding(forwarding_path(out)) == {"c1": ["c0", "c1"], "c9": ["c0"]}


def test_a_first_build_records_nothing(tmp_path):
    out = tmp_path / "e.parquet"
    with keeping_forwarding(out):
        write_events(_events(["e1"], ["c1"]), out)
    assert not forwarding_path(out).exists()


def test_the_streamed_build_keeps_the_record(tmp_path):
    """The seeds built twice into one file; before the second build the file is edited as if an earlier build
    had put two of its clusters into one (`cOLD`): the record then sends cOLD to both."""
    from pipeline.build import build_to_file

    out = tmp_path / "e.parquet"
    build_to_file([ROOT / "seeds"], out, {"cache": False})
    frame = read_events(out)
    sizes = frame["cluster_id"].value_counts()
    big, small = sizes.index[0], sizes.index[-1]
    old = frame.assign(cluster_id=frame["cluster_id"].replace({big: "cOLD", small: "cOLD"}))
    write_events(old, out)
    build_to_file([ROOT / "seeds"], out, {"cache": False})
    assert sizes[big] > sizes[small]
    assert load_forwarding(forwarding_path(out)) == {"cOLD": [big, small]}  # most mentions first
    assert read_events(out)["cluster_id"].isin([big, small]).sum() == sizes[big] + sizes[small]
