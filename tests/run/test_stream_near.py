"""The streamed build dates an undated article from the stated articles most like it as build() does (issue 22
round 6): `dct_near.Neighbours` is fed the spilled articles a batch at a time (names' frequencies first, then
the stated articles' postings for the undated articles' names), and the build summary lists the articles whose
date was inferred, with their basis, in both builds. Articles written here with made-up places."""
import pandas as pd

from pipeline.build import build, build_to_file
from pipeline.frame.io import read_events

STATED_A = ("Troops in Lindhaven\n\nPublished: 7 January 2022\n\nPresident Valdor Quenmark of Ostravia ordered troops "
            "into Lindhaven after protests that began in Zorbeck. The Tarnow Pact sent soldiers.\n")
STATED_B = ("Lindhaven curfew\n\nPublished: 9 January 2022\n\nPresident Valdor Quenmark lifted the curfew in "
            "Lindhaven on 8 January 2022, and the Tarnow Pact soldiers guarded Zorbeck airport.\n")
OTHER = "Westmark budget\n\nPublished: 2 March 2023\n\nWestmark's parliament passed the budget, the speaker said.\n"
# no weekday, no year but history: only the stated articles most like it can give the year of its dateline
UNDATED = ("Soldiers reach Lindhaven\n\nLINDHAVEN, Jan 6 (Nortag) - Soldiers of the Tarnow Pact arrived in "
           "Lindhaven after President Valdor Quenmark appealed for help, as protests spread from Zorbeck. Quenmark "
           "has ruled Ostravia since independence in 1991.\n")


def test_streamed_build_dates_an_undated_article_from_its_neighbours_as_build_does(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    for name, text in (("a_stated.txt", STATED_A), ("b_stated.txt", STATED_B), ("c_other.txt", OTHER),
                       ("d_undated.txt", UNDATED)):
        (folder / name).write_text(text, encoding="utf-8")
    whole = build([folder], {"chunk": 1, "cache": False})
    undated = next(d for d in whole.documents if d.doc_id.startswith("d_"))
    assert (undated.published, undated.published_basis, undated.published_inferred) == ("2022-01-06", "corpus", True)
    assert "d_undated" in whole.stats["inferred_dates"] and "corpus" in whole.stats["inferred_dates"]
    out = tmp_path / "events.parquet"
    summary = build_to_file([folder], out, {"chunk": 1, "cache": False})
    streamed = read_events(out)
    pd.testing.assert_frame_equal(streamed, whole.frame)
    assert set(streamed[streamed["doc_id"].str.startswith("d_")]["published"]) == {"2022-01-06"}
    assert summary.inferred_dates == whole.stats["inferred_dates"]


def test_streamed_and_whole_builds_give_the_same_published_dates(tmp_path):
    """Each article's own published date, both builds, on a corpus with undated articles of several kinds."""
    folder = tmp_path / "in"
    folder.mkdir()
    wire = ("Crossing reopens\n\nOSTBURG, March 8 (Nortag) - Sudvia will free 32 officials, the government said "
            "Tuesday, ahead of next year's election in 2024.\n")  # fits 2022 and 2023; 'next year ... 2024'
    none = "Talks\n\nEASTMARK, May 3 (Nortag) - Talks on the river went on, a spokesman said.\n"
    for name, text in (("a_stated.txt", STATED_A), ("b_stated.txt", STATED_B), ("c_other.txt", OTHER),
                       ("d_undated.txt", UNDATED), ("e_wire.txt", wire), ("f_none.txt", none)):
        (folder / name).write_text(text, encoding="utf-8")
    whole = build([folder], {"chunk": 2, "cache": False})
    out = tmp_path / "events.parquet"
    build_to_file([folder], out, {"chunk": 2, "cache": False})
    streamed = read_events(out)
    by_doc = streamed.groupby("doc_id")["published"].first().to_dict()
    for d in whole.documents:
        if d.doc_id in by_doc:
            assert by_doc[d.doc_id] == d.published, d.doc_id
    assert {d.doc_id[:1]: d.published for d in whole.documents}["e"] == "2023-03-08"
    assert {"d", "e"} <= {k[:1] for k in by_doc}


def test_streamed_build_warns_of_a_metadata_conflict_as_build_does(tmp_path):
    """Front matter says 2019, the dateline 2020: one warning naming the file and both values; metadata wins."""
    (tmp_path / "a.md").write_text("---\npublished: 2019-12-30\n---\nTalks\n\nMOSCOW, 30 December, 2020, (TON): "
                                   "Norland and Sudvia signed a truce, officials said.\n", encoding="utf-8")
    summary = build_to_file([tmp_path], tmp_path / "events.parquet", {"cache": False})
    whole = build([tmp_path], {"cache": False})
    for problems in (summary.problems, whole.problems):
        conflicts = [p for p in problems if p.kind == "dct_conflict"]
        assert len(conflicts) == 1 and conflicts[0].path.endswith("a.md") and not conflicts[0].fatal
        assert "2019-12-30" in conflicts[0].problem and "2020-12-30" in conflicts[0].problem
    assert set(read_events(tmp_path / "events.parquet")["published"]) == {"2019-12-30"}


def test_streamed_build_lets_the_corpus_overrule_an_inferred_year_as_build_does(tmp_path):
    """The weak article's own text gives 2019-10 (its latest date); the stated article dates the truce of 'Nov. 10'
    in 2020, so the corpus gives 2020-11 (`_check_inferred_years`). The streamed build keeps such an article
    back with the undated ones (`held_for_corpus`) instead of writing it at once."""
    folder = tmp_path / "in"
    folder.mkdir()
    lender = ("Truce signed\n\nPublished: 1 December 2020\n\nNorland and Sudvia signed the truce on 10 November 2020 "
              "in Ostburg.\n")
    weak = ("Truce holds\n\nTalks between Norland and Sudvia began on 2 October 2019. The truce Norland and Sudvia "
            "signed on Nov. 10 holds, monitors said.\n")
    for name, text in (("a_lender.txt", lender), ("b_weak.txt", weak), ("c_other.txt", OTHER)):
        (folder / name).write_text(text, encoding="utf-8")
    whole = build([folder], {"chunk": 1, "cache": False})
    doc = next(d for d in whole.documents if d.doc_id.startswith("b_"))
    assert (doc.published, doc.published_basis) == ("2020-11", "corpus") and "2019-10" in doc.dct_note
    out = tmp_path / "events.parquet"
    summary = build_to_file([folder], out, {"chunk": 1, "cache": False})
    streamed = read_events(out)
    pd.testing.assert_frame_equal(streamed, whole.frame)
    assert set(streamed[streamed["doc_id"].str.startswith("b_")]["published"]) == {"2020-11"}
    assert "b_weak 2020-11 (corpus" in summary.inferred_dates


def test_streamed_build_lets_similar_articles_in_another_language_overrule_a_lone_weekday_fit(tmp_path):
    """Round 7: a Russian TASS wire whose weekday fits only 2019 within five years after its one full date (2014)
    takes 2024 from the English pages of its story (similar by their registry keys: Кении / Kenya), in both
    builds: the streamed build holds it back (`held_for_corpus`) and its spill keeps the stated pages' mentions."""
    from tests.stages.test_dct_near_keys import EN1, EN2, HARBOUR, RU
    folder = tmp_path / "in"
    folder.mkdir()
    for name, text in (("a_ru.txt", RU), ("b_en.txt", EN1.format(y=2024)), ("c_en.txt", EN2.format(y=2024)),
                       ("d_other.txt", OTHER), ("e_harbour.txt", HARBOUR)):
        (folder / name).write_text(text, encoding="utf-8")
    whole = build([folder], {"chunk": 1, "cache": False})
    assert next(d for d in whole.documents if d.doc_id.startswith("a_")).published == "2024-03-12"
    out = tmp_path / "events.parquet"
    summary = build_to_file([folder], out, {"chunk": 1, "cache": False})
    streamed = read_events(out)
    pd.testing.assert_frame_equal(streamed, whole.frame)
    assert set(streamed[streamed["doc_id"].str.startswith("a_")]["published"]) == {"2024-03-12"}
    assert summary.inferred_dates == whole.stats["inferred_dates"]
