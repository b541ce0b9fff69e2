"""Tests for pipeline.dct: made-up articles with hand-annotated creation times (tests/data/dct/*.txt with
*.expected.json), the seed articles' expected DCTs, and the corpus-level borrowing of a year."""
import json
import re
from pathlib import Path

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from pipeline.stages import dct
from pipeline import timex
from pipeline.build import build
from pipeline.schema import Document
from pipeline.ingest.corpus import read_documents
from conftest import ROOT

DATA = ROOT / "tests" / "data" / "dct"
CASES = sorted(DATA.glob("*.txt"))
LANGUAGE = {"header_french": "fr", "header_russian": "ru", "header_turkish": "tr",
            "dateline_french_full": "fr", "dateline_french_yearless_weekday": "fr",
            "dateline_spanish_yearless_next_year": "es", "dateline_russian_yearless": "ru",
            "dateline_turkish_yearless": "tr"}


@pytest.mark.parametrize("path", CASES, ids=[p.stem for p in CASES])
def test_made_up_articles(path):
    expected = json.loads(path.with_name(path.stem + ".expected.json").read_text(encoding="utf-8"))
    doc = Document(doc_id=path.stem, text=path.read_text(encoding="utf-8"), language=expected.get("language", LANGUAGE.get(path.stem, "en")) if expected else LANGUAGE.get(path.stem, "en"))
    doc = dct.annotate(doc)
    if expected is None or expected["published"] is None:
        assert doc.published is None and doc.dct_text is None
    else:
        assert (doc.published, doc.published_inferred) == (expected["published"], expected["inferred"])
        assert doc.dct_text and doc.dct_text in doc.text or ";" in doc.dct_text or "," in doc.dct_text


def test_fixtures_cover_every_form():
    assert len(CASES) >= 30


@pytest.mark.parametrize("stem", sorted(k for k in LANGUAGE if k.startswith("dateline_")))
def test_foreign_datelines_without_language_metadata(stem):
    """A .txt article names no language: its dateline is still read, in the language its words show."""
    path = DATA / f"{stem}.txt"
    expected = json.loads(path.with_name(stem + ".expected.json").read_text(encoding="utf-8"))
    guess = dct.find_dct(path.read_text(encoding="utf-8"), "en")
    assert (guess.value, guess.inferred) == (expected["published"], expected["inferred"])


@pytest.mark.parametrize("line, value", [
    ("Khartoum, 15 March 2021 (AFP) - Sudan said.", "2021-03-15"),
    ("Rio de Janeiro, 15 March 2021 (Reuters) - Brazil said.", "2021-03-15"),
    ("Ostburg, 15 March 2021 (NNA): Norland said.", "2021-03-15"),     # an unlisted agency acronym
    ("Ostburg, 15 March 2021 — Norland said.", "2021-03-15"),          # a dash alone
    ("Paris, le 15 mars 2021 (AFP) – La France a dit.", "2021-03-15"),
    ("Berlin, 15. März 2021 (dpa) - Deutschland sagte.", "2021-03-15"),
    ("Baku, 15 March 2021, AZERTAC. Azerbaijan said.", "2021-03-15"),  # issue 22: an agency in capitals, full stop
    ("Moscow, 15 March 2021 /TASS/. Russia said.", "2021-03-15"),      # issue 22: TASS's slashes
])
def test_mixed_case_datelines(line, value):
    guess = dct.find_dct(f"Title\n\n{line}")
    assert guess is not None and (guess.value, guess.inferred) == (value, False)
    assert guess.evidence.startswith(line.split(",")[0] + ",")


@pytest.mark.parametrize("line", [
    "Paris, 15 March 2021 was a cold day in France.",                   # running text: no agency, no dash
    "Paris, 15 March 2021 and Berlin, 16 March 2021 saw protests.",
    "Paris, he said, is calm (Reuters) - 15 March 2021.",                # the date does not follow the place
    "Thursday, 15 March 2021 (AFP) - the talks between Norland and Sudvia went on for a third day.",  # a weekday is no place
])
def test_running_text_is_not_a_dateline(line):
    guess = dct.find_dct(f"Title\n\n{line}")
    assert guess is None or guess.inferred


def test_yearless_dateline_year_ignores_future_dates():
    """The year of 'Dec 3' follows the latest date the text states as past or present, not a planned one."""
    text = "T\n\nOstburg, Dec 3 (Reuters) - Sudvia adopted a rule in March 2020 and will review it on 1 March 2021."
    guess = dct.find_dct(text)
    assert (guess.value, guess.inferred) == ("2020-12-03", True)


def test_yearless_dateline_weekday_beats_latest_date():
    """'Friday, Dec 3' after a March 2020 date is 3 December 2021 (a Friday), not 2020 (a Thursday)."""
    text = "T\n\nOstburg, Friday, Dec 3 (Reuters) - Sudvia reversed a rule it adopted in March 2020."
    assert dct.find_dct(text).value == "2021-12-03"


ARTICLES = ROOT / "tests" / "data" / "articles"
GOLDEN = ROOT / "tests" / "data" / "golden"


@pytest.mark.parametrize("stem", [p.stem for p in sorted(ARTICLES.glob("*.txt"))])
def test_team_articles_dct(stem):
    """The DCT of each team test article, from its own text, is the one its golden file gives."""
    golden = json.loads((GOLDEN / f"{stem}.expected.json").read_text(encoding="utf-8"))
    if "published" not in golden:
        pytest.skip("golden gives no DCT")
    guess = dct.find_dct((ARTICLES / f"{stem}.txt").read_text(encoding="utf-8"))
    assert guess is not None and guess.value == golden["published"]


def test_metadata_wins():
    doc = Document(doc_id="x", text="Date: 29 December 2020\n\nText.", published="2021-01-02")
    assert dct.annotate(doc).published == "2021-01-02"


def test_no_dct_leaves_relative_dates_unresolved():
    doc = Document(doc_id="x", text=(DATA / "no_evidence.txt").read_text(encoding="utf-8"))
    doc = timex.annotate(dct.annotate(doc))
    assert doc.published is None
    assert doc.timexes and all(t.date_start is None for t in doc.timexes)


def test_weekday_date_pair_gives_the_day():
    """Issue 22: "said on Wednesday (25 November)" fixes 25 November 2020 (the year from the stated 2020),
    so the article's other weekdays resolve against that day."""
    doc = Document(doc_id="x", text=(DATA / "weekday_pairs.txt").read_text(encoding="utf-8"))
    doc = timex.annotate(dct.annotate(doc))
    found = {t.text: t for t in doc.timexes}
    assert (doc.published, doc.published_basis) == ("2020-11-25", "weekday")
    assert found["Wednesday (25 November)"].value == "2020-11-25"
    assert found["Tuesday (10 November)"].value == "2020-11-10"


# ------------------------------------------------------------------ the seeds (never special-cased in code)
SEEDS = {d.doc_id[:3]: d for d in read_documents([ROOT / "seeds"])[0]}
EXPECTED_SEEDS = {
    "000": ("2020-12-29", False),
    "001": ("2020-12-30", False),
    "002": (None, False),          # nothing in its own text fixes a year
    "003": ("2021", True),         # "signed at the end of 2020": a later year
    "004": ("2020-11-25", True),   # "said on Wednesday (25 November)", the year from the caption's "5 March 2020"
}


@pytest.mark.parametrize("seed", sorted(EXPECTED_SEEDS))
def test_seed_dct_from_own_text(seed):
    doc = SEEDS[seed]
    guess = dct.find_dct(doc.text)
    value, inferred = EXPECTED_SEEDS[seed]
    got = (guess.value, guess.inferred) if guess else (None, False)
    assert got == (value, inferred)


def test_seed_002_borrows_year_from_the_corpus():
    result = build([ROOT / "seeds"])
    by_id = {d.doc_id[:3]: d for d in result.documents}
    doc = by_id["002"]
    assert (doc.published, doc.published_inferred) == ("2020-11", True)
    assert "Nov. 10" in doc.dct_text
    # its year-less date is now resolved against the borrowed DCT
    assert any(t.text == "Nov. 10" and t.value == "2020-11-10" for t in doc.timexes)
    # dated articles keep their own DCT
    assert by_id["000"].published == "2020-12-29" and by_id["001"].published == "2020-12-30"


def test_borrow_needs_shared_words():
    dated = Document(doc_id="a", text="Norland and Sudvia signed the truce on 10 November 2020 in Ostburg.", published="2020-12-01")
    other = Document(doc_id="b", text="A storm hit the coast of Westmark on Nov. 10, flooding farms.")
    same = Document(doc_id="c", text="The truce Norland and Sudvia signed on Nov. 10 holds.")
    docs = [timex.annotate(d) for d in (dated, other, same)]
    changed = dct.borrow_from_corpus(docs)
    assert [d.doc_id for d in changed] == ["c"]
    assert (same.published, same.published_inferred) == ("2020-11", True)
    assert other.published is None


def test_lenders_indexed_a_batch_at_a_time_for_the_named_days_lend_the_same_years():
    """A streamed build indexes the dated articles a spill file at a time, keeping only the days undated
    articles name: the same years, evidence and articles changed as borrowing over the whole corpus."""
    def corpus():
        dated = [Document(doc_id=f"d{k}", text=text, published="2020-12-01") for k, text in enumerate((
            "Norland and Sudvia signed the truce on 10 November 2020 in Ostburg.",
            "A storm hit the coast of Westmark on 3 March 2020, flooding farms.",
            "Norland and Sudvia leaders met again on 12 November 2020 to sign the truce annex.",
            "A football match in Westmark ended in a draw on 10 November 2020."))]
        undated = [Document(doc_id="u1", text="The truce Norland and Sudvia signed on Nov. 10 holds."),
                   Document(doc_id="u2", text="Norland and Sudvia signed the truce annex on Nov. 12.")]
        return [timex.annotate(d) for d in dated], [timex.annotate(d) for d in undated]

    dated, undated = corpus()
    whole = [(d.doc_id, d.published, d.dct_text) for d in dct.borrow_from_corpus(dated + undated)]
    dated, undated = corpus()
    days, index = dct.year_less_days(undated), {}
    for batch in (dated[:1], dated[1:]):
        dct.add_lenders(index, batch, days)
    assert set(days) == {"11-10", "11-12"} and set(index) == set(days)  # the March storm is never looked up
    # nor the football match: its 10 November shares no words with the undated article's
    assert [ids for _, ids in index["11-10"].values()] == [["d0"]]
    assert [(d.doc_id, d.published, d.dct_text) for d in dct.borrow_from_corpus(undated, index)] == whole
    assert [doc_id for doc_id, *_ in whole] == ["u1", "u2"]


def test_many_lenders_in_the_same_words_make_one_entry_and_the_evidence_names_three():
    """The index keeps, per undated mention, how many lenders give each year and the first LENDERS_NAMED of
    them (a large corpus does not keep a copy per lender); the borrowed DCT's evidence names those."""
    dated = [Document(doc_id=f"d{k}", text="Norland and Sudvia signed the truce on 10 November 2020 in Ostburg.",
                      published="2020-12-01") for k in range(5)]
    undated = Document(doc_id="u", text="The truce Norland and Sudvia signed on Nov. 10 holds.")
    docs = [timex.annotate(d) for d in (*dated, undated)]
    index = dct.add_lenders({}, docs, dct.year_less_days(docs))
    assert list(index["11-10"].values()) == [({"2020": 5}, ["d0", "d1", "d2"])]
    assert dct.borrow_from_corpus(docs, index) == [docs[-1]]
    assert docs[-1].published == "2020-11"
    assert docs[-1].dct_text == "Nov. 10 (as in d0); Nov. 10 (as in d1); Nov. 10 (as in d2); Nov. 10 (and 2 more)"


def test_borrow_refuses_conflicting_years():
    a = Document(doc_id="a", text="Norland and Sudvia signed the truce on 10 November 2019.", published="2019-12-01")
    b = Document(doc_id="b", text="Norland and Sudvia signed the truce on 10 November 2020.", published="2020-12-01")
    c = Document(doc_id="c", text="The truce Norland and Sudvia signed on Nov. 10 holds.")
    docs = [timex.annotate(d) for d in (a, b, c)]
    assert dct.borrow_from_corpus(docs) == []
    assert c.published is None


PIECES = ["Date: 29 December 2020", "PARIS, Dec 3 (Reuters) -", "Caracas, 27 ene (EFE).-", "Paris, le 3 décembre (AFP) –", "MOSCOW, 30 December, 2020, (TON):", "ANKARA (AP) -",
          "on Wednesday (25 November)", "in March 2020", "the end of 2020", "12/29/2020", "Published:", "By Jane Doe |",
          "Tuesday, Dec. 29", "talks", "said", "\n", "\n\n", "Nov. 10", "2019", "Publié le 29 décembre 2020", "Thursday"]


@given(st.lists(st.sampled_from(PIECES), max_size=14), st.sampled_from(["en", "fr", "ru", "tr", "zz"]))
@settings(max_examples=150, deadline=None)
def test_find_dct_never_crashes_and_is_a_timex3_value(pieces, language):
    guess = dct.find_dct(" ".join(pieces), language)
    if guess is not None:
        assert re.fullmatch(r"\d{4}(-\d{2}(-\d{2})?)?", guess.value)
        assert guess.evidence


@given(st.lists(st.sampled_from(PIECES), min_size=1, max_size=8), st.lists(st.sampled_from(PIECES), min_size=1, max_size=8))
@example(['Date: 29 December 2020', 'PARIS, Dec 3 (Reuters) -'], ['PARIS, Dec 3 (Reuters) -', 'Date: 29 December 2020'])
@settings(max_examples=40, deadline=None)
def test_borrow_never_crashes_and_never_changes_a_stated_date(a, b):
    """Only undated articles and years inferred from the text (a dateline's, a weekday's) take a corpus year: a
    date the article states is never changed. ('PARIS, Dec 3 (Reuters) - ... 29 December 2020' infers 2021-12-03;
    beside a stated 2020 article with the same dateline it takes 2020, as docs/dct.md says.)"""
    docs = [timex.annotate(dct.annotate(Document(doc_id=str(i), text=" ".join(p)))) for i, p in enumerate((a, b))]
    before = [(d.published, d.published_inferred) for d in docs]
    changed = dct.borrow_from_corpus(docs)
    for d, (was, inferred) in zip(docs, before):
        if was is not None and not inferred:
            assert d.published == was and d not in changed
    for d in changed:
        assert d.published_inferred and re.fullmatch(r"\d{4}-\d{2}(-\d{2})?", d.published)  # a day: its dateline's


def test_yearless_dateline_before_a_planned_date():
    """Only a planned date stated: 'Dec 3' is the last 3 December before it."""
    text = "T\n\nOstburg, Dec 3 (Reuters) - Sudvia will review the rule on 1 March 2021, officials said."
    assert dct.find_dct(text).value == "2020-12-03"


@pytest.mark.parametrize("sentence, value", [
    ("The two sides signed a peace agreement at the end of 2020.", "2021"),   # a year told as past: it is over
    # issue 22: a bare year is too weak to date an article (on T17 pages it gave a wrong year 140 times in 147)
    ("Norland joined the bloc in 2019, officials said.", None),
    ("Sudvia began the reform in early 2020.", None),
    ("Elections are due in 2024.", None),                                     # future: no lower bound
    ("The deal was signed on 4 March 2020.", "2020-03"),                      # a day in the lead gives its month
    ("The referendum was held in May 2019.", None),                            # a month alone does not
])
def test_latest_stated_date_bounds_the_dct(sentence, value):
    guess = dct.find_dct(f"Title\n\n{sentence}")
    assert (guess.value if guess else None) == value
    assert guess is None or guess.inferred


# ------------------------------------------------------------------ issue 22: weighed evidence, and its basis
WORLD = sorted(DATA.glob("world_*.txt")) + sorted((DATA.parent / "dct_blind").glob("*.txt"))


@pytest.mark.parametrize("path", WORLD, ids=[p.stem for p in WORLD])
def test_world_articles_date_and_basis(path):
    """Agency-style articles (TASS, Xinhua, Reuters datelines, headers in six languages, historical years),
    gold written by hand before the code ran: the date and how it was fixed."""
    gold = json.loads(path.with_name(path.stem + ".expected.json").read_text(encoding="utf-8"))
    doc = dct.annotate(Document(doc_id=path.stem, text=path.read_text(encoding="utf-8"), language=gold["language"]))
    assert (doc.published, doc.published_basis) == (gold["published"], gold["basis"])
    assert doc.published is None or doc.published_inferred == gold["inferred"]


def test_world_fixtures_are_enough():
    assert len(WORLD) >= 20


@given(st.lists(st.sampled_from(["since {y}", "between {y} and {z}", "the {y} ceasefire", "from the late 1980s to May {y}"]),
                min_size=1, max_size=4), st.integers(1950, 2030))
@settings(max_examples=60, deadline=None)
def test_historical_years_never_date_an_article(phrases, year):
    text = "T\n\nThe conflict " + ", and ".join(p.format(y=year, z=year + 2) for p in phrases) + " shaped the region."
    assert dct.find_dct(text) is None


def test_metadata_conflict_is_noted_and_metadata_wins():
    doc = Document(doc_id="x", text="T\n\nMOSCOW, 30 December, 2020, (TON): Talks went on.", published="2019-12-30")
    doc = dct.annotate(doc)
    assert (doc.published, doc.published_basis) == ("2019-12-30", "metadata")
    assert "2019-12-30" in doc.dct_note and "2020-12-30" in doc.dct_note


def test_metadata_agreeing_with_the_text_is_no_conflict():
    doc = dct.annotate(Document(doc_id="x", text="T\n\nMOSCOW, 30 December, 2020, (TON): Talks.", published="2020-12-30"))
    assert doc.dct_note is None


def test_an_undated_dateline_borrows_the_corpus_year_and_keeps_its_day():
    """A TASS dateline with no year ("BAKU, December 12. /TASS/.") and only historical years: no date from its
    own text; the corpus dates the same ceasefire of 9 November in 2020, so the article is of 12 December 2020."""
    lender = Document(doc_id="a", text="Armenia and Azerbaijan signed the ceasefire statement on 9 November 2020 in Moscow.",
                      published="2020-11-20")
    text = (DATA / "world_tass_only_historical_years.txt").read_text(encoding="utf-8")
    undated = dct.annotate(Document(doc_id="b", text=text.replace("ceasefire of 9 November", "ceasefire statement signed on 9 November")))
    assert undated.published is None
    docs = [timex.annotate(d) for d in (lender, undated)]
    assert dct.borrow_from_corpus(docs) == [undated]
    assert (undated.published, undated.published_basis, undated.published_inferred) == ("2020-12-12", "corpus", True)


def test_build_summary_names_conflicts_and_inferred_dates(tmp_path):
    (tmp_path / "a.md").write_text("---\npublished: 2019-12-30\n---\nTalks\n\nMOSCOW, 30 December, 2020, (TON): Norland and Sudvia signed a truce on Tuesday, officials said.\n",
                                   encoding="utf-8")
    (tmp_path / "b.txt").write_text("Talks\n\nNorland said on Wednesday (25 November) that Sudvia, which it fought in March 2020, agreed to talks.\n",
                                    encoding="utf-8")
    result = build([tmp_path], settings={"cache": False, "out": str(tmp_path / "events.parquet")})
    conflicts = [p for p in result.problems if p.kind == "dct_conflict"]
    assert len(conflicts) == 1 and conflicts[0].path.endswith("a.md") and not conflicts[0].fatal
    assert "2019-12-30" in conflicts[0].problem and "2020-12-30" in conflicts[0].problem
    assert "1 article dates inferred from the text (1 weekday): b 2020-11-25 (weekday)" == result.stats["inferred_dates"]
    basis = dict(zip(result.frame["doc_id"], result.frame["published_basis"]))
    assert basis == {"a": "metadata", "b": "weekday"}


def test_streamed_build_summary_names_inferred_dates_too(tmp_path):
    from pipeline.build import build_to_file
    (tmp_path / "b.txt").write_text("Talks\n\nNorland said on Wednesday (25 November) that Sudvia, which it fought in March 2020, agreed to talks.\n",
                                    encoding="utf-8")
    summary = build_to_file([tmp_path], tmp_path / "events.parquet", settings={"cache": False})
    assert summary.inferred_dates == "1 article dates inferred from the text (1 weekday): b 2020-11-25 (weekday)"


def test_weekday_pair_with_only_a_date_read_as_planned():
    """'talks begun in November 2020 would go on' reads as future to the tense finder: the pair still takes
    its year from it (the year of the earliest planned date, or the one before)."""
    guess = dct.find_dct("T\n\nTurkey on Saturday (12 December) said talks begun in November 2020 would go on.")
    assert (guess.value, guess.basis) == ("2020-12-12", "weekday")


# ---- issue 22, round 2: general causes found on the world corpus (new cases written here, not its articles)

@pytest.mark.parametrize("text, value", [
    # an untagged German article (the build hands the stage 'en'): its header date is read in German
    ("Neue Gespräche in Ostburg\n\n14. Juni 2019, 10:05 Uhr\n\nOstburg (dpa) - Die Regierung und die Opposition "
     "haben am Freitag neue Gespräche begonnen, teilte das Außenministerium mit.", "2019-06-14"),
    # a byline and a numeric date with no space after the bar; the update is not the publication
    ("Talks resume in Ostburg\n\nJane Roe |14.06.2019 - Update : 15.06.2019\n\nOSTBURG\n\nTalks resumed on Friday.",
     "2019-06-14"),
    # the number of a statement, then its date (Turkish), and a newspaper issue number (Russian)
    ("Dışişleri Bakanlığı\n\nNo: 31, 14 Haziran 2019, Sudvia'daki gelişmeler hk.\n\nSudvia'daki saldırıyı kınıyoruz.",
     "2019-06-14"),
    ("Переговоры в Остбурге\n\nГазета «Вестник» №12 от 14.06.2019, стр. 2\n\nПереговоры возобновились в пятницу.",
     "2019-06-14"),
    # a title ending with its date after a dash
    ("Press Briefing – June 14, 2019\n\nMS ROE: Good afternoon. As you saw yesterday, the talks resumed.", "2019-06-14"),
])
def test_header_forms_of_the_world(text, value):
    guess = dct.find_dct(text)
    assert guess is not None and (guess.value, guess.basis, guess.inferred) == (value, "header", False)


def test_weekday_pairs_check_a_dateline_year_beyond_the_window():
    """'March 5' with 'on Wednesday' and a history date in 2016: within five years only 2020 fits, and only
    with the day before (4 March 2020 was a Wednesday); the stated pair 'Tuesday, March 4' holds in 2025, when
    5 March is a Wednesday."""
    text = ("T\n\nOSTBURG, March 5. /NORTAG/. The Sudvian president said on Wednesday that the accord signed in "
            "February 2016 had failed.\n\nThe talks opened on Tuesday, March 4, in the capital.")
    guess = dct.find_dct(text)
    assert guess is not None and guess.value == "2025-03-05"


def test_the_year_nearest_the_latest_date_wins_and_is_noted():
    """June 14 fell on a Friday in 2019 and 2024; a day stated on 13 June 2019 makes 2019 the year, noted."""
    text = ("T\n\nOSTBURG, June 14 (Reuters) - Fighting went on for a second day on Friday.\n\n"
            "Smoke rises over Ostburg, June 13, 2019. REUTERS/Jane Roe")
    guess = dct.find_dct(text)
    assert guess is not None and guess.value == "2019-06-14" and "2024" in guess.note


def test_an_effective_date_is_planned_even_in_a_past_sentence():
    """'a partir del 1 de enero de 2025' is when the decree holds, not a date the article is after:
    3 October fell on a Thursday in 2024 (and in 2030, five years after 2025)."""
    text = ("T\n\nOstburgo, 3 oct (EFE).- El presidente firmó este jueves un decreto que disuelve el parlamento "
            "a partir del 1 de enero de 2025.")
    guess = dct.find_dct(text, "es")
    assert guess is not None and guess.value == "2024-10-03"


def test_a_dateline_alone_on_its_line_takes_the_weekdays_of_the_next_paragraph():
    """Without the next paragraph's 'on Friday' the year would be the first June 14 after March 2016."""
    text = ("T\n\nOstburg, June 14, NORTAG\n\nThe talks ended on Friday, the ministry said. They had begun "
            "in March 2016.")
    guess = dct.find_dct(text)
    assert guess is not None and guess.value == "2019-06-14"


# ---- issue 22, round 2: a year inferred from the text yields to the corpus (articles written here)

def _corpus(*docs):
    return [timex.annotate(d) for d in docs]


LENDER_2020 = "Norland and Sudvia signed the truce on 10 November 2020 in Ostburg."


def test_an_inferred_year_takes_the_year_the_corpus_gives_the_same_happening():
    lender = Document(doc_id="a", text=LENDER_2020, published="2020-12-01")
    weak = Document(doc_id="w", text="The truce Norland and Sudvia signed on Nov. 10 holds.", published="2019-11",
                    published_inferred=True, published_basis="latest date")
    changed = dct.borrow_from_corpus(_corpus(lender, weak))
    assert changed == [weak]
    assert (weak.published, weak.published_basis, weak.published_inferred) == ("2020-11", "corpus", True)
    assert "2019-11" in weak.dct_note and "Nov. 10 (as in a)" in weak.dct_text
    assert lender.published == "2020-12-01"  # a stated date never moves


def test_a_weekday_checked_year_is_kept_against_the_corpus_and_the_conflict_said():
    """12 November 2020 was a Thursday, the day the dateline's paragraph names: a lender's 2019 is a conflict."""
    lender = Document(doc_id="a", text=LENDER_2020.replace("2020", "2019"), published="2019-12-01")
    checked = Document(doc_id="c", text="T\n\nOSTBURG, Nov. 12 (Reuters) - The truce Norland and Sudvia signed on "
                       "Nov. 10 held on Thursday.", published="2020-11-12", published_inferred=True,
                       published_basis="dateline")
    assert dct.borrow_from_corpus(_corpus(lender, checked)) == []
    assert checked.published == "2020-11-12" and "conflicting evidence" in checked.dct_note and "2019" in checked.dct_note


def test_lenders_that_disagree_leave_the_inferred_year_and_say_so():
    a = Document(doc_id="a", text=LENDER_2020, published="2020-12-01")
    b = Document(doc_id="b", text=LENDER_2020.replace("2020", "2019"), published="2019-12-01")
    weak = Document(doc_id="w", text="The truce Norland and Sudvia signed on Nov. 10 holds.", published="2021-11",
                    published_inferred=True, published_basis="latest date")
    assert dct.borrow_from_corpus(_corpus(a, b, weak)) == []
    assert weak.published == "2021-11" and "2019, 2020" in weak.dct_note


def test_a_borrowed_year_puts_an_earlier_dateline_day_in_the_next_year():
    """'Feb 1' after the lent 'Nov. 8' of 2020 is 1 February 2021 (a Monday, as the paragraph says)."""
    lender = Document(doc_id="a", text="Sudvia held the election the Norland League won on 8 November 2020.",
                      published="2020-11-20")
    undated = Document(doc_id="u", text="T\n\nNew Ostburg, Feb 1 (Reuters) - Sudvia's army seized power on Monday, "
                       "annulling the Nov. 8 election the Norland League won.")
    assert dct.borrow_from_corpus(_corpus(lender, undated)) == [undated]
    assert undated.published == "2021-02-01"


def test_a_russian_dateline_with_full_stops_and_a_domain_agency():
    """'Остбург. 14 июня. INTERFAX.RU -': 14 June fell on a Friday ('в пятницу') in 2019, within five years
    after March 2016."""
    text = ("Т\n\nОстбург. 14 июня. INTERFAX.RU - Переговоры завершились в пятницу, сообщил МИД. "
            "Соглашение было подписано в марте 2016 года.")
    guess = dct.find_dct(text)
    assert guess is not None and (guess.value, guess.basis) == ("2019-06-14", "dateline")


@pytest.mark.parametrize("text, lang", [
    ("COMMUNIQUE\n\n1. The Council met in Ostburg to review the situation in Sudvia since the events of March 2019.\n\n"
     "2. The Council calls for calm.\n\nDone at Ostburg, this 14th day of June 2019.\n\nTHE COUNCIL", "en"),
    ("COMMUNIQUÉ\n\n1. Le Conseil s'est réuni à Ostburg pour examiner la situation au Sudvia depuis mars 2019.\n\n"
     "Fait à Ostburg, le 14 juin 2019.\n\nLE CONSEIL", "fr"),
])
def test_a_formal_documents_signature_line_dates_it(text, lang):
    guess = dct.find_dct(text, lang)
    assert guess is not None and (guess.value, guess.basis, guess.inferred) == ("2019-06-14", "header", False)


def test_a_signature_phrase_in_the_body_is_not_read_at_the_top():
    """Only the last lines are read: a 'signed in' phrase high in a long article does not date it."""
    body = "\n\n".join(f"Paragraph {k} of the report on the talks between Norland and Sudvia." for k in range(12))
    text = f"T\n\nSigned in Ostburg, on 14 June 2019, the accord was hailed.\n\n{body}"
    guess = dct.find_dct(text)
    assert guess is None or guess.basis != "header"


def test_a_numbered_resolution_in_a_paragraph_is_no_issue_header():
    text = ("T\n\nThe council recalled that its earlier decision, adopted as Resolution No. 2334, 23 December 2016, "
            "demands that Norland and Sudvia stop all settlement activity in the border districts at once.")
    guess = dct.find_dct(text)
    assert guess is None or guess.basis != "header"
