"""Where a view opens (issue 19): the corpus file, the densest span, the move after an upload, empty exports."""
from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from conftest import ROOT
from pipeline.explore.filters import FilterState, filter_events, from_query_params, to_query_params
from pipeline.explore.window import (
    NothingToExport,
    View,
    check_exportable,
    corpus_places,
    default_view,
    densest_span,
    span_of_documents,
)
from pipeline.ingest.corpus_file import BadCorpusFile, CorpusFile, find_corpus_file, read_corpus_file

OTHER = ROOT / "tests" / "data" / "other_corpus"


def _frame(rows) -> pd.DataFrame:
    """Events from (cluster, start, end, granularity[, section[, doc]]) tuples."""
    out = []
    for r in rows:
        cid, start, end, gran, section, doc = (*r, "body", "d")[:4] + ((*r, "body", "d")[4:6] if len(r) == 4 else
                                                                      (*r[4:], "d")[:2])
        out.append({"cluster_id": cid, "date_start": start, "date_end": end, "granularity": gran,
                    "section": section, "doc_id": doc})
    return pd.DataFrame(out, columns=["cluster_id", "date_start", "date_end", "granularity", "section", "doc_id"])


# --- the corpus file ----------------------------------------------------------------------------------

def test_seeds_corpus_file_keeps_their_window():
    corpus = find_corpus_file([ROOT / "seeds"])
    assert corpus is not None and corpus.focus == ("2020-11-10", "2020-12-29")
    assert corpus.lanes == "countries" and corpus.title


def test_corpus_file_all_keys(tmp_path):
    (tmp_path / "corpus.yaml").write_text("title: Sahel coups\nfocus:\n  start: 2023-07-26\n  end: '2023-09-30'\n"
                                          "lanes: actors\n")
    corpus = read_corpus_file(tmp_path / "corpus.yaml")
    assert corpus == CorpusFile(str(tmp_path / "corpus.yaml"), "Sahel coups", "2023-07-26", "2023-09-30", "actors")
    # a file given as a place: its folder is searched; a folder without a corpus file is skipped
    (tmp_path / "a.txt").write_text("x")
    empty = tmp_path / "empty"
    empty.mkdir()
    assert find_corpus_file([empty, tmp_path / "a.txt"]) == corpus
    assert find_corpus_file([empty]) is None


def test_empty_corpus_file_is_no_window(tmp_path):
    (tmp_path / "corpus.yaml").write_text("# nothing yet\n")
    assert read_corpus_file(tmp_path / "corpus.yaml").focus is None


@pytest.mark.parametrize("text, words", [
    ("focus: {start: 2023-13-01, end: 2023-12-01}\n", ["focus start", "'2023-13-01'", "YYYY-MM-DD"]),
    ("focus: {start: 2023-07-01}\n", ["both start and end"]),
    ("focus: {start: 2023-09-01, end: 2023-07-01}\n", ["after its end"]),
    ("window: {start: 2023-07-01, end: 2023-09-01}\n", ["unknown key window", "title, focus, lanes"]),
    ("lanes: places\n", ["lanes must be one of countries, actors"]),
    ("- a\n- b\n", ["got a list"]),
    ("title: [unclosed\n", ["not valid YAML"]),
])
def test_bad_corpus_file_is_named(tmp_path, text, words):
    path = tmp_path / "corpus.yaml"
    path.write_text(text)
    with pytest.raises(BadCorpusFile) as err:
        read_corpus_file(path)
    message = str(err.value)
    assert message.startswith(f"{path}: ") and "\n" not in message
    for w in words:
        assert w in message


def test_corpus_places_follow_the_events_file():
    settings = {"events": "/data/sudan/events.parquet", "inputs": ["/x/seeds"], "corpus": "/x/corpus"}
    assert corpus_places(settings) == [Path("/data/sudan")]  # never the seeds' file for another corpus
    assert corpus_places({**settings, "events": ""}) == [Path("/x/seeds"), Path("/x/corpus")]


# --- the densest span --------------------------------------------------------------------------------

def test_densest_span_is_the_busiest_run():
    frame = _frame([
        ("old", "1994-01-01", "1994-12-31", "year"),  # background: a year, not a day
        ("a", "2023-04-15", "2023-04-15", "day"), ("b", "2023-04-20", "2023-04-20", "day"),
        ("c", "2023-05-30", "2023-05-30", "day"), ("d", "2023-06-02", "2023-06-08", "week"),
        ("lone", "2022-01-10", "2022-01-10", "day"),  # a lone earlier date, far from the run
        ("future", "2024-03-01", "2024-03-31", "month"),
    ])
    assert densest_span(frame) == ("2023-04-15", "2023-06-08")


def test_densest_span_counts_each_event_once_and_body_first():
    frame = _frame([
        ("a", "2021-01-05", "2021-01-05", "day"), ("a", "2021-01-05", "2021-01-05", "day"),
        ("a", "2021-01-05", "2021-01-05", "day"),  # three mentions of one event
        ("b", "2021-06-01", "2021-06-01", "day"), ("c", "2021-06-03", "2021-06-03", "day"),
        ("t", "2019-01-01", "2019-01-01", "day", "teaser"), ("u", "2019-01-02", "2019-01-02", "day", "teaser"),
        ("v", "2019-01-03", "2019-01-03", "day", "teaser"),
    ])
    assert densest_span(frame) == ("2021-06-01", "2021-06-03")


def test_densest_span_ties_go_to_the_latest_run():
    frame = _frame([("a", "2020-01-01", "2020-01-01", "day"), ("b", "2020-06-01", "2020-06-01", "day")])
    assert densest_span(frame) == ("2020-06-01", "2020-06-01")


def test_a_long_run_is_narrowed_to_its_busiest_window():
    days = pd.date_range("2020-01-01", "2021-12-31", freq="20D").strftime("%Y-%m-%d").tolist()
    busy = pd.date_range("2021-03-01", "2021-04-30", freq="D").strftime("%Y-%m-%d").tolist()
    frame = _frame([(f"e{i}", d, d, "day") for i, d in enumerate(days + busy)])
    start, end = densest_span(frame, max_days=90)
    assert "2020-12-01" <= start <= "2021-03-01" and "2021-04-30" <= end <= "2021-06-01"
    assert (pd.Timestamp(end) - pd.Timestamp(start)).days <= 90


def test_densest_span_of_vague_only_and_of_nothing():
    assert densest_span(_frame([("y", "2020-01-01", "2020-12-31", "year")])) == ("2020-01-01", "2020-12-31")
    assert densest_span(_frame([])) is None
    assert densest_span(pd.DataFrame({"cluster_id": ["u"], "date_start": [None], "date_end": [None],
                                      "granularity": ["unknown"], "section": ["body"], "doc_id": ["d"]})) is None


# --- the default view ----------------------------------------------------------------------------------

def test_default_view_prefers_the_corpus_file():
    frame = _frame([("a", "2020-11-10", "2020-11-10", "day"), ("b", "2020-12-29", "2020-12-29", "day")])
    corpus = CorpusFile("x/corpus.yaml", "T", "2020-11-01", "2020-11-30", "actors")
    view = default_view(frame, corpus)
    assert (view.start, view.end, view.lane, view.title) == ("2020-11-01", "2020-11-30", "actors", "T")
    assert view.state() == FilterState(start="2020-11-01", end="2020-11-30", lane="actors") and not view.note


def test_a_corpus_file_for_other_events_is_not_followed():
    frame = _frame([("a", "2023-04-15", "2023-04-15", "day"), ("b", "2023-04-20", "2023-04-20", "day")])
    view = default_view(frame, CorpusFile("seeds/corpus.yaml", "", "2020-11-10", "2020-12-29"))
    assert (view.start, view.end) == ("2023-04-15", "2023-04-20")
    assert "seeds/corpus.yaml" in view.note and "holds none of these events" in view.note
    assert view.context  # and every event shown, as without a corpus file


def test_without_a_focus_window_every_event_shows_and_the_densest_span_is_shaded():
    # a background year and a forecast beside a dense fortnight: nobody said they don't matter
    frame = _frame([("old", "2019-04-11", "2019-04-11", "day"), ("a", "2023-04-15", "2023-04-15", "day"),
                    ("b", "2023-04-16", "2023-04-16", "day"), ("c", "2023-04-20", "2023-04-20", "day"),
                    ("vague", "2024-01-01", "2024-12-31", "year")])
    view = default_view(frame)
    assert (view.start, view.end, view.context) == ("2023-04-15", "2023-04-20", True)
    shown = filter_events(frame, view.state())
    assert set(shown["cluster_id"]) == {"old", "a", "b", "c", "vague"}
    assert ("Dates", "all dates (2023-04-15 to 2023-04-20 highlighted)") in view.state().describe()
    # switching context off narrows to the shaded span
    narrowed = filter_events(frame, FilterState(start=view.start, end=view.end))
    assert set(narrowed["cluster_id"]) == {"a", "b", "c"}


def test_default_view_without_dates_is_all_dates():
    view = default_view(_frame([]))
    assert (view.start, view.end) == (None, None) and view.state() == FilterState()


def test_span_of_uploaded_documents():
    frame = _frame([("a", "2020-11-10", "2020-11-10", "day", "body", "seed"),
                    ("b", "2023-07-26", "2023-07-26", "day", "body", "new1"),
                    ("c", "2023-08-10", "2023-08-10", "day", "body", "new2")])
    assert span_of_documents(frame, ["new1", "new2"]) == ("2023-07-26", "2023-08-10")
    assert span_of_documents(frame, ["missing"]) is None


def test_url_round_trip_against_the_default_view():
    default = View("2023-07-26", "2023-09-25").state()
    assert to_query_params(default, default) == {}  # the default view has a clean URL
    assert from_query_params({}, default) == default
    moved = FilterState(start="2023-08-01", end="2023-08-31")
    assert from_query_params(to_query_params(moved, default), default) == moved
    opened = FilterState(start=None, end=None)  # all dates, chosen on purpose, survives too
    assert from_query_params(to_query_params(opened, default), default) == opened


# --- the seeds and another corpus, built -----------------------------------------------------------------

@pytest.fixture(scope="module")
def seeds_frame():
    from pipeline.build import build

    return build([ROOT / "seeds"]).frame


@pytest.fixture(scope="module")
def other_frame():
    from pipeline.build import build

    return build([OTHER]).frame


def test_seeds_open_on_their_corpus_file(seeds_frame):
    view = default_view(seeds_frame, find_corpus_file([ROOT / "seeds"]))
    assert (view.start, view.end) == ("2020-11-10", "2020-12-29")


def test_seeds_densest_span_without_the_file(seeds_frame):
    # from the ceasefire (10 Nov) to the last day-dated body event; the March and 1990s background is context
    assert densest_span(seeds_frame) == ("2020-11-10", "2020-12-30")


def test_other_corpus_opens_on_its_own_2023_span(other_frame):
    view = default_view(other_frame, find_corpus_file([OTHER]))
    assert view.start.startswith("2023-07") and view.end.startswith("2023-09")
    shown = filter_events(other_frame, view.state())
    body = other_frame[other_frame["section"] == "body"]
    assert set(body["cluster_id"]) <= set(shown["cluster_id"])  # every body event, background years too
    assert not shown["date_start"].astype(str).str.startswith("2020").any()


# --- an export with nothing in it ------------------------------------------------------------------------

def test_check_exportable_names_the_reason(seeds_frame):
    state = FilterState(start="2023-04-01", end="2023-06-30")
    with pytest.raises(NothingToExport) as err:
        check_exportable(filter_events(seeds_frame, state), state, "events.parquet", seeds_frame)
    message = str(err.value)
    assert message.startswith("events.parquet: no events match the filters (2023-04-01 to 2023-06-30")
    assert "--all-dates" in message and "its events run from" in message
    with pytest.raises(NothingToExport, match="holds no events"):
        check_exportable(seeds_frame.iloc[:0], FilterState(), "e.csv", seeds_frame.iloc[:0])
    check_exportable(seeds_frame, state, "events.parquet", seeds_frame)  # events: no error


def test_cli_export_other_corpus_defaults_to_its_span_and_refuses_empty(other_frame, tmp_path, capsys):
    from pipeline.__main__ import main
    from pipeline.frame.io import write_events

    events = tmp_path / "sahel.parquet"
    write_events(other_frame, events)
    out = tmp_path / "out.csv"
    assert main(["export", "--events", str(events), "--format", "csv", "--out", str(out)]) == 0
    exported = pd.read_csv(out)
    # without a corpus file: every body event, the 1960 background too, and nothing of 2020
    body = other_frame[other_frame["section"] == "body"]
    assert set(exported["cluster_id"]) == set(body["cluster_id"])
    assert exported["date_start"].min() < "2000" and not exported["date_start"].dropna().str.startswith("2020").any()
    assert main(["export", "--events", str(events), "--format", "csv", "--out", str(out), "--start", "2023-07-01",
                 "--end", "2023-09-30"]) == 0
    assert pd.read_csv(out)["date_start"].dropna().str.startswith("2023").all()  # a range given: that range
    capsys.readouterr()
    empty = tmp_path / "empty.html"
    code = main(["export", "--events", str(events), "--format", "html", "--out", str(empty),
                 "--start", "2020-11-10", "--end", "2020-12-29"])
    err = capsys.readouterr().err
    assert code == 2 and not empty.exists()
    assert err.startswith("error: ") and "no events match the filters (2020-11-10 to 2020-12-29" in err


def test_cli_export_reads_the_corpus_file_beside_the_events(other_frame, tmp_path):
    from pipeline.__main__ import main
    from pipeline.frame.io import write_events

    events = tmp_path / "sahel.parquet"
    write_events(other_frame, events)
    (tmp_path / "corpus.yaml").write_text("title: Niger coup\nfocus: {start: 2023-08-01, end: 2023-08-12}\n")
    out = tmp_path / "out.json"
    assert main(["export", "--events", str(events), "--format", "json", "--out", str(out)]) == 0
    exported = pd.read_json(out)
    assert len(exported) and (exported["date_end"].astype(str) >= "2023-08-01").all()
    assert (exported["date_start"].astype(str) <= "2023-08-12").all()


def test_other_corpus_is_kept_beside_the_tests():
    names = sorted(p.name for p in OTHER.iterdir())
    assert {".txt", ".md", ".html", ".jsonl"} <= {Path(n).suffix for n in names}
    assert not (OTHER / "corpus.yaml").exists()  # it opens on its densest span
