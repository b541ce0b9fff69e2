"""Reading articles of every kind into Documents: metadata, sidecar, duplicates, decoding (issue 6)."""
import json
from pathlib import Path

import pytest

from conftest import ROOT
from pipeline.ingest.readers import ARTICLE_SUFFIXES, markdown_to_text, normalise_published, split_front_matter
from pipeline.ingest.decode import BadInput, decode
from pipeline.ingest.corpus import iter_article_paths, read_document, read_documents, read_file

DATA = ROOT / "tests" / "data" / "ingest"
EXPECTED = json.loads((DATA / "corpus.expected.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def corpus():
    return read_documents([DATA / "corpus"])


def test_corpus_metadata_matches_the_hand_checked_expectations(corpus):
    docs, _problems = corpus
    got = {d.doc_id: d for d in docs}
    assert sorted(got) == sorted(EXPECTED["documents"])
    for doc_id, want in EXPECTED["documents"].items():
        doc = got[doc_id]
        for key in ("title", "source", "url", "published", "language"):
            assert getattr(doc, key) == want[key], (doc_id, key)
        assert Path(doc.path).name == want["path"]
        assert doc.published_inferred is False


def test_text_is_clean_of_markup_and_page_furniture(corpus):
    got = {d.doc_id: d for d in corpus[0]}
    for doc_id, needles in EXPECTED["text_contains"].items():
        for needle in needles:
            assert needle in got[doc_id].text
    for doc_id, needles in EXPECTED["text_lacks"].items():
        for needle in needles:
            assert needle not in got[doc_id].text, (doc_id, needle)


def test_reprinted_article_is_counted_once_and_its_source_recorded(corpus):
    docs, problems = corpus
    got = {d.doc_id: d for d in docs}
    assert "valley-reprint" not in got
    for doc_id, dups in EXPECTED["duplicates"].items():
        assert [(Path(d["path"]).name, d["source"]) for d in got[doc_id].duplicates] == \
            [(d["path"], d["source"]) for d in dups]
    msg = [p for p in problems if p.kind == "duplicate"]
    assert len(msg) == 1 and not msg[0].fatal
    assert "valley-reprint.txt" in msg[0].path and "valley.txt" in msg[0].problem and "counted once" in msg[0].problem


def test_the_original_is_kept_whatever_the_file_order(tmp_path):
    text = (DATA / "corpus" / "valley.txt").read_text(encoding="utf-8")
    (tmp_path / "a-copy.md").write_text("---\nsource: Copycat\npublished: 2021-03-20\n---\n" + text, encoding="utf-8")
    (tmp_path / "z-first.md").write_text("---\nsource: First Outlet\npublished: 2021-03-16\n---\n" + text, encoding="utf-8")
    docs, problems = read_documents([tmp_path])
    assert [d.doc_id for d in docs] == ["z-first"]
    assert docs[0].duplicates[0]["source"] == "Copycat"


def test_different_articles_on_the_same_story_are_not_duplicates(corpus):
    # talks.md and valley.txt share names and places, not text.
    got = {d.doc_id for d in corpus[0]}
    assert {"talks", "valley", "harbour"} <= got


def test_no_problem_is_reported_for_the_clean_corpus_except_the_duplicate(corpus):
    assert [p.kind for p in corpus[1]] == ["duplicate"]


def test_seeds_read_without_problems():
    docs, problems = read_documents([ROOT / "seeds"])
    assert len(docs) == 5 and problems == []


@pytest.mark.parametrize("suffix", [".txt", ".md", ".html", ".json", ".jsonl"])
def test_every_article_kind_is_collected_from_a_folder(tmp_path, suffix):
    assert suffix in ARTICLE_SUFFIXES
    (tmp_path / f"a{suffix}").write_text("x", encoding="utf-8")
    (tmp_path / "sources.csv").write_text("file\n", encoding="utf-8")
    (tmp_path / ".hidden").mkdir()
    (tmp_path / ".hidden" / "b.txt").write_text("x", encoding="utf-8")
    (tmp_path / "notes.xlsx").write_bytes(b"PK\x03\x04")
    paths, problems = iter_article_paths([tmp_path])
    assert [p.name for p in paths] == [f"a{suffix}"]
    assert [(p.kind, p.fatal, "notes.xlsx" in p.problem) for p in problems] == [("not_read", False, True)]  # named, not lost


def test_missing_input_is_a_problem_not_an_exception(tmp_path):
    docs, problems = read_documents([tmp_path / "nowhere"])
    assert docs == [] and problems[0].kind == "missing" and "no such file or folder" in problems[0].problem


def test_front_matter_is_split_from_the_body():
    notes = []
    meta, body = split_front_matter("---\ntitle: A\npublished: 2021-01-02\n---\nBody text.\n", notes)
    assert meta["title"] == "A" and str(meta["published"]) == "2021-01-02"
    assert body == "Body text.\n" and notes == []


def test_markdown_markup_is_removed():
    assert markdown_to_text("## Talks\nSee [the report](http://x.example) and **this**.") == "Talks\nSee the report and this."


def test_json_list_of_records_gets_one_document_each(tmp_path):
    path = tmp_path / "batch.json"
    path.write_text(json.dumps([{"text": "First article text."}, {"text": "Second article text.", "id": "b/2"}]),
                    encoding="utf-8")
    docs, problems = read_file(path)
    assert [d.doc_id for d in docs] == ["batch-1", "b_2"] and problems == []


def test_record_without_text_is_named_and_the_others_are_read(tmp_path):
    path = tmp_path / "wire.jsonl"
    path.write_text('{"text": "An article."}\n{"title": "no text here"}\n', encoding="utf-8")
    docs, problems = read_file(path)
    assert [d.doc_id for d in docs] == ["wire-1"]
    assert problems[0].kind == "json" and "line 2: no article text" in problems[0].problem and not problems[0].fatal


def test_same_stem_in_two_kinds_gets_distinct_ids(tmp_path):
    (tmp_path / "story.txt").write_text("A plain text article about the harbour.", encoding="utf-8")
    (tmp_path / "story.md").write_text("A markdown article about the valley.", encoding="utf-8")
    docs, problems = read_documents([tmp_path])
    assert sorted(d.doc_id for d in docs) == ["story", "story.txt"]
    assert problems[0].kind == "duplicate_id" and "story" in problems[0].problem


@pytest.mark.parametrize("value, expected", [
    ("2021-03-04", "2021-03-04"), ("2021-03-04T09:30:00+00:00", "2021-03-04"), ("2021-03", "2021-03"),
    ("2021", "2021"), ("12 June 2021", "2021-06-12"), ("June 12, 2021", "2021-06-12"),
    ("next week", None), ("2021-13-40", None), ("", None), (None, None), ("Friday", None),
])
def test_published_metadata_is_normalised_to_iso(value, expected):
    assert normalise_published(value) == expected


@pytest.mark.parametrize("encoding", ["utf-8-sig", "utf-16", "utf-16-le", "utf-16-be", "utf-32"])
def test_unicode_encodings_decode_exactly(encoding):
    text = "Переговоры в Марлоу 3 March 2021 – déjà vu, ünïcödé.\n"
    notes = []
    data = text.encode(encoding)
    assert decode(data, "x", notes) == text
    # BOM-less UTF-16 is a guess and says so; the others are certain.
    assert [k for k, _ in notes] == (["encoding"] if encoding in ("utf-16-le", "utf-16-be") else [])


def test_crlf_newlines_are_normalised():
    assert decode(b"a\r\nb\rc", "x") == "a\nb\nc"


def test_read_document_raises_badinput_for_an_unusable_file(tmp_path):
    (tmp_path / "e.txt").write_bytes(b"")
    with pytest.raises(BadInput, match="empty"):
        read_document(tmp_path / "e.txt")


def test_a_leading_horizontal_rule_is_not_front_matter(tmp_path):
    path = tmp_path / "rule.md"
    path.write_text("---\nThe talks opened in Marlow.\n---\nThey closed a day later.\n", encoding="utf-8")
    docs, problems = read_file(path)
    assert "The talks opened in Marlow." in docs[0].text and problems == []


def test_sidecar_from_a_spreadsheet_with_semicolons_and_bom(tmp_path):
    (tmp_path / "a.txt").write_text("The talks opened in Marlow on 3 March 2021.", encoding="utf-8")
    (tmp_path / "sources.csv").write_bytes("file;source;published\r\na.txt;Marlow Wire;2021-03-04\r\n"
                                           .encode("utf-8-sig"))
    docs, problems = read_documents([tmp_path])
    assert (docs[0].source, docs[0].published) == ("Marlow Wire", "2021-03-04")
    assert [p.problem for p in problems] == ["sidecar has no title, url, language column(s); "
                                             "those fields come from the files themselves"]


def test_duplicates_in_different_chunks_of_a_streamed_build_are_counted_once(tmp_path):
    """The streaming build reads a chunk at a time (on workers); fingerprints find copies across chunks."""
    import shutil

    from pipeline.build import build
    from pipeline.build import build_to_file
    from pipeline.frame.io import read_events

    corpus = tmp_path / "corpus"
    shutil.copytree(DATA / "corpus", corpus)
    whole = build([corpus], {"out": str(tmp_path / "a" / "events.parquet"), "cache": False})
    summary = build_to_file([corpus], tmp_path / "b" / "events.parquet", {"chunk": 1})
    assert summary.documents == len(whole.documents) == 6
    dup = [p for p in summary.problems if p.kind == "duplicate"]
    assert [(Path(p.path).name, p.problem) for p in dup] == \
        [(Path(p.path).name, p.problem) for p in whole.problems if p.kind == "duplicate"]
    streamed = read_events(tmp_path / "b" / "events.parquet")
    assert "valley-reprint" not in set(streamed["doc_id"]) and summary.events == len(streamed)


def test_duplicates_found_among_many_articles_sharing_a_footer():
    """A footer shared by more articles than FREQUENT_RUN is not a lead, yet a real copy is still found exactly."""
    import random

    from pipeline.ingest.duplicates import FREQUENT_RUN, merge_duplicates
    from pipeline.schema import Document, InputProblem

    rng = random.Random(7)
    vocab = [f"word{i}" for i in range(3000)]
    footer = " ".join(f"footer{i}" for i in range(60))
    texts = [" ".join(rng.choice(vocab) for _ in range(120)) + "\n\n" + footer for _ in range(FREQUENT_RUN + 20)]
    docs = [Document(doc_id=f"a{i:03d}", text=t, path=f"a{i:03d}.txt") for i, t in enumerate(texts)]
    docs.append(Document(doc_id="copy", text="Reprinted.\n" + texts[30], path="copy.txt"))
    problems: list[InputProblem] = []
    kept = merge_duplicates(docs, problems)
    assert len(kept) == FREQUENT_RUN + 20
    assert [(p.path, p.kind) for p in problems] == [("copy.txt", "duplicate")]
    assert "a030.txt" in problems[0].problem


def test_minhash_agreement_estimates_the_jaccard_similarity():
    from pipeline.ingest.duplicates import minhash

    a, b = set(range(0, 3000)), set(range(1000, 4000))  # Jaccard 2000 / 4000 = 0.5
    agree = (minhash(a) == minhash(b)).mean()
    assert abs(agree - 0.5) < 0.15 and (minhash(a) == minhash(set(a))).all()


def test_a_short_article_found_inside_one_three_times_longer_is_a_duplicate():
    """80% of the smaller article's runs is the rule, whatever the sizes (MinHash estimates Jaccard: 0.27 here)."""
    import random

    from pipeline.schema import Document, InputProblem
    from pipeline.ingest.duplicates import merge_duplicates

    rng = random.Random(3)
    vocab = [f"w{i}" for i in range(5000)]
    short = " ".join(rng.choice(vocab) for _ in range(150))
    others = [" ".join(rng.choice(vocab) for _ in range(150)) for _ in range(30)]
    longer = others[0] + "\n\n" + short + "\n\n" + others[1]
    docs = [Document(doc_id=f"o{i}", text=t, path=f"o{i}.txt") for i, t in enumerate(others[2:])]
    docs += [Document(doc_id="long", text=longer, path="long.txt"), Document(doc_id="short", text=short, path="short.txt")]
    problems: list[InputProblem] = []
    merge_duplicates(docs, problems)
    assert [(p.path, p.kind) for p in problems] == [("short.txt", "duplicate")] and "long.txt" in problems[0].problem


# --- the streaming build's reading: surveyed on workers without texts, read again to process ---

def _survey(folders, max_bytes=20_000_000):
    from pipeline.ingest.corpus import survey_documents, survey_file

    return survey_documents(folders, max_bytes, lambda paths: (survey_file(p, max_bytes) for p in paths))


@pytest.mark.parametrize("folders", [["corpus"], ["bad"], ["sidecar"], ["sidecar-nofile"], ["corpus", "bad", "sidecar"]])
def test_a_survey_lists_the_documents_and_problems_of_read_documents(folders):
    """Same documents (doc ids, metadata, duplicates) less their text, same problems in the same order; read
    again, each document is exactly the one read_documents gives."""
    from pipeline.ingest.corpus import read_again

    folders = [DATA / f for f in folders]
    docs, problems = read_documents(folders)
    listed, where, surveyed = _survey(folders)
    assert [str(p) for p in surveyed] == [str(p) for p in problems]
    assert len(listed) == len(where) == len(docs) and all(d.text == "" for d in listed)
    assert [d for d, _problem in read_again(listed, where)] == docs


def test_records_of_one_file_are_read_again_by_their_position(tmp_path):
    """A .jsonl file of several records (one bad line, one record whose id is another file's): each document
    comes back as the record it was, with the id it was given."""
    from pipeline.ingest.corpus import read_again

    (tmp_path / "talks.txt").write_text("Talks opened in Marlow on 3 March 2021.", encoding="utf-8")
    (tmp_path / "wire.jsonl").write_text(
        '{"text": "First record: the accord was signed on 4 March 2021."}\n{broken\n'
        '{"id": "talks", "text": "Second record: the talks closed on 5 March 2021."}\n'
        '{"text": "Third record: monitors arrived on 6 March 2021.", "source": "Wire"}\n', encoding="utf-8")
    docs, problems = read_documents([tmp_path])
    listed, where, surveyed = _survey([tmp_path])
    assert [d.doc_id for d in docs] == ["talks", "wire-1", "wire.jsonl", "wire-4"]
    assert [w.index for w in where] == [0, 0, 1, 2] and [str(p) for p in surveyed] == [str(p) for p in problems]
    assert [d for d, _ in read_again(listed, where)] == docs


def test_a_file_changed_or_gone_since_the_survey_is_named_once_and_not_built(tmp_path):
    from pipeline.ingest.corpus import read_again

    (tmp_path / "a.txt").write_text("Talks opened in Marlow on 3 March 2021.", encoding="utf-8")
    (tmp_path / "b.jsonl").write_text('{"text": "One record."}\n{"text": "Another record."}\n', encoding="utf-8")
    (tmp_path / "c.txt").write_text("Monitors arrived on 6 March 2021.", encoding="utf-8")
    listed, where, _ = _survey([tmp_path])
    (tmp_path / "b.jsonl").write_text('{"text": "One record."}\n{"text": "Another record, edited."}\n', encoding="utf-8")
    (tmp_path / "c.txt").unlink()
    got = list(read_again(listed, where))
    assert [d.doc_id if d else None for d, _ in got] == ["a", None, None, None]
    named = [(Path(p.path).name, p.kind, p.fatal) for _, p in got if p]
    assert named == [("b.jsonl", "changed", True), ("c.txt", "changed", True)]
    assert "changed while the build was reading it" in got[1][1].problem


def test_a_folder_linked_into_the_corpus_is_read_and_a_link_back_up_is_not_a_loop(tmp_path):
    corpus, elsewhere = tmp_path / "corpus", tmp_path / "elsewhere"
    (corpus / "sub").mkdir(parents=True)
    elsewhere.mkdir()
    (corpus / "a.txt").write_text("x", encoding="utf-8")
    (corpus / "sub" / "b.txt").write_text("x", encoding="utf-8")
    (elsewhere / "c.txt").write_text("x", encoding="utf-8")
    (elsewhere / ".d.txt").write_text("x", encoding="utf-8")
    (corpus / "linked").symlink_to(elsewhere, target_is_directory=True)
    (corpus / "sub" / "up").symlink_to(corpus, target_is_directory=True)  # a loop
    paths, problems = iter_article_paths([corpus])
    assert sorted(p.name for p in paths) == ["a.txt", "b.txt", "c.txt"] and problems == []
