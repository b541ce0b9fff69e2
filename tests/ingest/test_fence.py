"""Issue 17: every article is read and processed inside a fence. A hostile value (a YAML alias bomb, an
impossible date, a 5,000-digit number, an oversized CSV field or title) is named with its file in one line,
and the other articles build, the same way in memory, streamed (`--stream`) and on two workers."""
import csv
import json
import threading
import time

import pytest

from pipeline.ingest.corpus import read_file, read_documents
from pipeline.schema import Document

GOOD = "Troops crossed the border on 3 March 2020, officials in Geneva said.\n"

ALIAS_BOMB = "---\n" + "a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n" + "".join(
    f"{b}: &{b} [{','.join(['*' + a] * 9)}]\n" for a, b in zip("abcdefg", "bcdefgh")) + "title: *h\n---\n" + GOOD


def _problems(path):
    docs, problems = read_file(path)
    return docs, [str(p) for p in problems]


def _one_line(problems):
    assert problems and all("\n" not in p and len(p) < 400 for p in problems), problems


def test_a_yaml_alias_bomb_is_named_not_expanded(tmp_path):
    (tmp_path / "bomb.md").write_text(ALIAS_BOMB)
    docs, problems = _problems(tmp_path / "bomb.md")
    assert [d.text for d in docs] == [GOOD] and docs[0].title != "lol"
    _one_line(problems)
    assert "YAML alias (*a at line 3)" in problems[0] and "bomb.md" in problems[0]


@pytest.mark.parametrize("value, said", [("2020-02-30", "is no such day"), ("0000-01-01", "is no such day"),
                                         ("2020-13-01", "is no such day"), ("not yet", "is not a date")])
def test_impossible_dates_in_front_matter_are_named(tmp_path, value, said):
    (tmp_path / "a.md").write_text(f"---\npublished: {value}\n---\n{GOOD}")
    docs, problems = _problems(tmp_path / "a.md")
    assert docs[0].published is None or docs[0].published_inferred  # not taken from the bad value
    assert problems == [f"{tmp_path / 'a.md'}: front matter: published '{value}' {said} (use YYYY-MM-DD); "
                        "the date is worked out from the text"]


@pytest.mark.parametrize("value, said", [("9999-12-31", "is in the future"), ("3000-01-01", "is in the future"),
                                         ("'-0001-01-01'", "is before 1600"), ("1066-10-14", "is before 1600")])
def test_publication_dates_no_article_can_have_are_named(tmp_path, value, said):
    (tmp_path / "a.md").write_text(f"---\npublished: {value}\n---\n{GOOD}")
    docs, problems = _problems(tmp_path / "a.md")
    assert docs[0].published is None or docs[0].published_inferred
    assert problems == [f"{tmp_path / 'a.md'}: front matter: published '{value.strip(chr(39))}' {said}; "
                        "the date is worked out from the text"]


def test_published_problem_lets_tomorrow_through():
    from datetime import date

    from pipeline.ingest.readers import published_problem
    today = date(2026, 12, 7)
    assert published_problem("2026-12-08", today) is None  # a time zone ahead
    assert published_problem("2026-12-09", today) == "is in the future"
    assert published_problem("2027", today) == "is in the future"
    assert published_problem("2026-12", today) is None
    assert published_problem("1605-01", today) is None


def test_digits_of_other_scripts_give_an_ascii_date(tmp_path):
    (tmp_path / "a.md").write_text(f"---\npublished: '٢٠٢٠-٠٣-٠١'\n---\n{GOOD}")
    docs, problems = _problems(tmp_path / "a.md")
    assert (docs[0].published, problems) == ("2020-03-01", [])


def test_good_front_matter_dates_still_read(tmp_path):
    (tmp_path / "a.md").write_text(f"---\ntitle: 1984\npublished: 2020-03-01T10:00:00Z\n---\n{GOOD}")
    docs, problems = _problems(tmp_path / "a.md")
    assert (docs[0].published, docs[0].title, problems) == ("2020-03-01", "1984", [])


@pytest.mark.parametrize("suffix", ["json", "md"])
def test_a_5000_digit_number_is_named(tmp_path, suffix):
    digits = "9" * 5000
    path = tmp_path / f"big.{suffix}"
    path.write_text(json.dumps({"text": GOOD})[:-1] + f', "published": {digits}}}' if suffix == "json"
                    else f"---\npublished: !!int {digits}\n---\n{GOOD}")
    docs, problems = _problems(path)
    assert [d.text for d in docs] == [GOOD]
    _one_line(problems)
    assert ("5,000-digit number" if suffix == "json" else "ValueError") in problems[0]


@pytest.mark.parametrize("meta, said", [("title: [a, b]", "title is list"), ("title: {x: 1}", "title is dict"),
                                        ("title: " + "x" * 5000, "title is 5,000 characters long, over the 1,000 limit"),
                                        ("source: true", "source is bool")])
def test_metadata_of_the_wrong_type_or_size_is_named_and_ignored(tmp_path, meta, said):
    (tmp_path / "a.md").write_text(f"---\n{meta}\n---\n{GOOD}")
    docs, problems = _problems(tmp_path / "a.md")
    assert docs[0].source is None and docs[0].title == GOOD.strip()
    _one_line(problems)
    assert said in problems[0] and problems[0].endswith("; ignored")


def test_a_sidecar_field_over_the_csv_limit_is_named(tmp_path):
    with open(tmp_path / "sources.csv", "w", newline="") as fh:
        w = csv.writer(fh)
        w.writerows([["file", "source", "published"], ["a.txt", "AP", "2020-03-03"], ["b.txt", "x" * 200_000, "2020-03-01"]])
    (tmp_path / "a.txt").write_text(GOOD)
    (tmp_path / "b.txt").write_text(GOOD.replace("Geneva", "Vienna"))
    docs, problems = read_documents([tmp_path])
    assert {d.doc_id: d.source for d in docs} == {"a": "AP", "b": None}
    named = [str(p) for p in problems if "limit" in p.problem]
    assert named == [f"{tmp_path / 'sources.csv'}: line 3: a field is over the 131,072-character limit of a CSV field; "
                     "this row and the rows after it were ignored"]


def test_a_long_sidecar_value_under_the_csv_limit_is_named(tmp_path):
    (tmp_path / "sources.csv").write_text(f"file,source,published\na.txt,{'y' * 100_000},2020-03-03\n")
    (tmp_path / "a.txt").write_text(GOOD)
    docs, problems = read_documents([tmp_path])
    assert docs[0].source is None and docs[0].published == "2020-03-03"
    assert any("source is 100,000 characters long" in p.problem for p in problems)


def test_deep_json_is_named(tmp_path):
    (tmp_path / "deep.json").write_text("[" * 200_000 + "]" * 200_000)
    docs, problems = _problems(tmp_path / "deep.json")
    assert docs == []
    _one_line(problems)


def _hostile_corpus(folder):
    folder.mkdir()
    (folder / "bomb.md").write_text(ALIAS_BOMB.replace("Geneva", "Bern"))
    (folder / "baddate.md").write_text("---\npublished: 2020-02-30\n---\n" + GOOD.replace("Geneva", "Oslo"))
    (folder / "big.json").write_text('{"text": "%s", "published": %s}' % (GOOD.replace("Geneva", "Rome").strip(), "9" * 5000))
    (folder / "good.txt").write_text("On 12 May 2021 the ministers met in Vienna, officials said.\n")
    (folder / "wire-a.txt").write_text("Report by A desk.\n\n" + GOOD)
    (folder / "wire-b.txt").write_text("Report by B desk.\n\n" + GOOD)
    (folder / "wire-c.txt").write_text("Report by C desk.\n\n" + GOOD)
    (folder / "old.txt").write_text("Troops crossed the border in 1999, officials in Geneva said.\n")
    return folder


@pytest.mark.parametrize("how", ["memory", "stream", "workers"])
def test_a_hostile_corpus_builds_with_every_bad_file_named(tmp_path, how):
    from pipeline.build import build, build_to_file
    from pipeline.frame.io import read_events

    corpus = _hostile_corpus(tmp_path / "corpus")
    settings = {"cache": False, "out": str(tmp_path / "events.parquet")}
    if how == "memory":
        result = build([corpus], settings)
        frame, problems = result.frame, result.problems
    else:
        summary = build_to_file([corpus], tmp_path / "events.parquet", {**settings, "workers": 2 if how == "workers" else 1})
        frame, problems = read_events(summary.path), summary.problems
    named = {p.path.rsplit("/", 1)[-1] for p in problems}
    assert {"bomb.md", "baddate.md", "big.json"} <= named
    assert all("\n" not in str(p) for p in problems)
    assert set(frame["doc_id"]) == {"bomb", "baddate", "big", "good", "wire-a", "wire-b", "wire-c", "old"}
    good = frame[frame["doc_id"] == "good"]
    assert good[["date_start", "locations"]].astype(str).values.tolist() == [["2021-05-12", "['Vienna']"]]


def test_an_article_over_its_time_budget_is_named_and_the_stages_stop(monkeypatch):
    from pipeline import stages
    from pipeline.run.workers import process_safely

    monkeypatch.setattr(stages, "STAGES", (("sections", stages.STAGES[0][1]), ("slow", lambda d: _burn(5) or d)))
    started = time.thread_time()
    doc, problem = process_safely(Document(doc_id="d", text=GOOD, path="corpus/d.txt"), budget=0.3)
    assert doc is None and time.thread_time() - started < 2  # the alarm stopped the working stage
    assert str(problem) == ("corpus/d.txt: took over the 0.3 s (CPU time) budget of an article (69 characters, stopped in "
                            "the slow stage); skipped - split it, or raise the article_seconds setting")
    assert problem.fatal and problem.kind == "too_slow"


def _burn(seconds: float) -> None:
    """Work (CPU time) for `seconds`."""
    start = time.thread_time()
    while time.thread_time() - start < seconds:
        sum(range(1000))


def test_the_budget_is_work_not_the_clock(monkeypatch):
    """A busy machine (other builds, analysts browsing) slows the clock, not the work: waiting is not counted."""
    from pipeline import stages
    from pipeline.run.workers import process_safely

    monkeypatch.setattr(stages, "STAGES", (("sections", stages.STAGES[0][1]), ("waits", lambda d: time.sleep(0.8) or d)))
    doc, problem = process_safely(Document(doc_id="d", text=GOOD, path="corpus/d.txt"), budget=0.3)
    assert doc is not None and problem is None


def test_off_the_main_thread_the_budget_is_checked_between_stages(monkeypatch):
    from pipeline import stages
    from pipeline.run.workers import process_safely

    ran = []
    monkeypatch.setattr(stages, "STAGES", (("first", lambda d: _burn(0.5) or d), ("second", lambda d: ran.append(1) or d)))
    out = []
    t = threading.Thread(target=lambda: out.append(process_safely(Document(doc_id="d", text=GOOD), budget=0.2)))
    t.start()
    t.join()
    doc, problem = out[0]
    assert doc is None and ran == [] and "stopped after the first stage" in problem.problem
    assert process_safely(Document(doc_id="d", text=GOOD), budget=0)[1] is None  # 0: no limit


def test_a_page_too_large_for_main_text_extraction_is_read_as_visible_text_and_named(tmp_path, monkeypatch):
    from pipeline.ingest import readers

    monkeypatch.setattr(readers, "HTML_EXTRACT_BYTES", 2_000)
    paragraphs = "".join(f"<p>Paragraph {i}: {GOOD.strip()}</p>\n" for i in range(40))
    (tmp_path / "long.html").write_text(f"<html lang='en'><head><title>Long page</title><script>var x = 1;</script>"
                                        f"</head><body>{paragraphs}</body></html>")
    docs, problems = _problems(tmp_path / "long.html")
    assert docs[0].title == "Long page" and docs[0].language == "en"
    assert docs[0].text.count("Troops crossed") == 40 and "var x" not in docs[0].text
    assert len(problems) == 1 and "over the 2,000 that main-text extraction reads" in problems[0]


def test_a_sidecar_that_contradicts_the_file_is_named(tmp_path):
    (tmp_path / "sources.csv").write_text("file,source,published\na.md,AP,2021-01-01\nb.md,AP,2020-03-01\n")
    (tmp_path / "a.md").write_text(f"---\npublished: 2020-03-01\nsource: Reuters\n---\n{GOOD}")
    (tmp_path / "b.md").write_text(f"---\npublished: 2020-03-01\n---\n{GOOD.replace('Geneva', 'Oslo')}")
    docs, problems = read_documents([tmp_path])
    assert {d.doc_id: (d.published, d.source) for d in docs} == {"a": ("2021-01-01", "AP"), "b": ("2020-03-01", "AP")}
    assert [str(p) for p in problems if p.kind == "conflict"] == [
        f"{tmp_path / 'a.md'}: sources.csv line 2 gives published '2021-01-01', the file itself '2020-03-01'; the sidecar's is used",
        f"{tmp_path / 'a.md'}: sources.csv line 2 gives source 'AP', the file itself 'Reuters'; the sidecar's is used"]


def test_a_title_taken_from_a_text_without_line_breaks_is_cut_at_a_word(tmp_path):
    from pipeline.ingest.readers import TITLE_CHARS

    (tmp_path / "run.txt").write_text("Officials met " + " and ".join(f"on {1 + i % 28} March 2020" for i in range(500)))
    docs, _ = _problems(tmp_path / "run.txt")
    title = docs[0].title
    assert len(title) <= TITLE_CHARS and title.endswith(" and…") and docs[0].text.startswith(title[:-1])


def test_an_article_giving_too_many_events_keeps_the_first_and_is_named(tmp_path):
    from pipeline.build import build, build_to_file
    from pipeline.frame.io import read_events

    (tmp_path / "c").mkdir()
    (tmp_path / "c" / "run.txt").write_text("Officials met " + " and ".join(f"on {1 + i % 28} March 2020" for i in range(40)) + ".\n")
    (tmp_path / "c" / "good.txt").write_text("On 12 May 2021 the ministers met in Vienna, officials said.\n")
    settings = {"cache": False, "out": str(tmp_path / "e.parquet"), "article_events": 10}
    result = build([tmp_path / "c"], settings)
    streamed = build_to_file([tmp_path / "c"], tmp_path / "s.parquet", settings)
    for frame, problems in ((result.frame, result.problems), (read_events(streamed.path), streamed.problems)):
        assert frame["doc_id"].value_counts().to_dict() == {"run": 10, "good": 1}
        assert [str(p) for p in problems if p.kind == "too_many_events"] == [
            f"{tmp_path / 'c' / 'run.txt'}: gave more than 10 events, the most an article may give (the article_events "
            "setting); the first 10 were kept and the rest of it was not read"]
