"""The fast path of pipeline/stages/sentences.py (`_plain_sentences`, no pysbd) gives exactly unmodified pysbd's
sentences wherever it answers: hypothesis paragraphs of news pieces (quotes, brackets, numbers, abbreviations,
lists) and every paragraph of the seeds, the test articles, the world bench corpus and three TimeLine17 topics."""
import functools
from pathlib import Path

import pytest

from hypothesis import given, settings, strategies as st

from conftest import ROOT
from pipeline.stages import sentences


@functools.lru_cache(maxsize=1)
def plain_pysbd():
    import pysbd

    return pysbd.Segmenter(language="en", clean=False, char_span=True)


def _trim(text, spans):
    return sentences.trimmed(text, spans)


def pysbd_reference(text):
    return _trim(text, [(s.start, s.end) for s in plain_pysbd().segment(text)])


def fast(text):
    spans = sentences._plain_sentences(text, "en")
    return None if spans is None else _trim(text, spans)


# Words and marks of news paragraphs, and everything near the fast path's edge: quotes and brackets (paired,
# lone, empty, nested), periods inside them, decimals and dates, abbreviations before numbers and capitals,
# initials, list numbers and letters, Roman numerals, reference numbers, words of non-ASCII letters.
_WORDS = st.sampled_from([
    "The", "talks", "ended", "in", "Ankara", "Erdoğan", "étrangères", "Çavuşoğlu", "ſt", "\u212a", "İ", "ı", "a", "A",
    "I", "Xi", "x", "ii", "iv", "no", "No", "Nov", "nov", "Gen", "St", "al", "Jan", "fig", "pp", "art", "Co", "KG",
    "Inc", "US", "U", "B", "1", "2", "3", "9", "0", "10", "12", "13", "2020", "1.5", "10.09.2020", "5%", "it's",
    "Russia’s", "Nagorno-Karabakh", "anti-Nov", "x-2", "–", "—", ",", ";", ":", "-", "said", "he", "We", "Putin",
    '"', '"', "“", "”", "(", ")", "(a)", "(b)", "(iv)", "(EFE)", "(10 November)", '"no"', "“yes,”", "(mix)",
    '"The', 'talks"', "“We", "fight.”", "left.)", "1)", "2)", "(1)", "(2)", "attack.12", "Nov.", "Co.",
])
_SENTENCE = st.tuples(st.lists(_WORDS, min_size=1, max_size=9).map(" ".join),
                      st.sampled_from([".", ".", ".", "", '."', ".”", ".)", '".', "”.", ").", ". .", ".5"]))
_PARAGRAPH = st.tuples(st.lists(_SENTENCE.map("".join), min_size=1, max_size=5),
                       st.sampled_from([" ", " ", " ", "  ", ""])).map(lambda p: p[1].join(p[0]))
# Mostly plain words with a few of the pieces above: paragraphs on the fast path's side of its edge.
_PLAIN = st.sampled_from(["The", "talks", "ended", "in", "Ankara", "Erdoğan", "on", "Tuesday", "2020", "said", "Putin"])
_NEAR_PLAIN = st.tuples(st.lists(st.one_of(*[_PLAIN] * 8, _WORDS), min_size=1, max_size=9).map(" ".join),
                        st.sampled_from([".", ".", ".", "", '."', ".”", ".)", '".', "”.", ").", ".5"]))
_NEAR_PLAIN_PARAGRAPH = st.lists(_NEAR_PLAIN.map("".join), min_size=1, max_size=5).map(" ".join)


@settings(max_examples=1000, deadline=None)
@given(st.one_of(_PARAGRAPH, _NEAR_PLAIN_PARAGRAPH))
def test_fast_path_gives_pysbd_sentences(text):
    got = fast(text)
    if got is not None:
        assert got == pysbd_reference(text)
    assert sentences.find_sentences(text, 0, len(text)) == pysbd_reference(text)


@pytest.mark.parametrize("text, expected", [
    ('Russia denied it and called the reports "a deliberate provocation". Both sides left.',
     ['Russia denied it and called the reports "a deliberate provocation".', "Both sides left."]),
    ("“We will not give up. Never,” Pashinyan said. Talks resumed (in Moscow) on Tuesday.",
     ["“We will not give up. Never,” Pashinyan said.", "Talks resumed (in Moscow) on Tuesday."]),
    ("Updated: Nov. 10, 2020 at 10.30 GMT. The ceasefire held.",
     ["Updated: Nov. 10, 2020 at 10.30 GMT.", "The ceasefire held."]),
    ("“It is over. The troops leave today", ["“It is over.", "The troops leave today"]),  # a quote going on below
    ("Sudan took it back. “Of course that (membership) is an obstacle.",  # the same before a bracket
     ["Sudan took it back.", "“Of course that (membership) is an obstacle."]),
    ("The fighting in Nagorno-Karabakh ended on September 14. Çavuşoğlu met Lavrov in Sochi.",
     ["The fighting in Nagorno-Karabakh ended on September 14.", "Çavuşoğlu met Lavrov in Sochi."]),
])
def test_news_paragraphs_take_the_fast_path(text, expected):
    assert [text[a:b] for a, b in fast(text)] == expected
    assert fast(text) == pysbd_reference(text)


@pytest.mark.parametrize("text", [
    '"No" The talks ended.',                      # a quote opening a sentence, then a capital: pysbd's own sentence
    'He said "stop." Then he left.',              # a quote after a stop, then a capital
    "It is over.” The talks ended.",              # the same with a quote begun in an earlier paragraph
    "The talks (see 13.) ended 14. Then.",        # numbered list items (13, 14) in pysbd's eyes
    "Options (a) talks and (b) a truce. Both.",   # list letters in brackets
    "He left on 12. Then 13. Then",               # numbered list
    "Tesfaye B. says so.",                        # an initial
    "Gen. Smith left. Then",                      # an abbreviation before a capital
    "It fell ... The end.",                       # ellipsis
    "Why? Nobody knows.",                         # question mark
])
def test_hard_paragraphs_are_left_to_pysbd(text):
    assert fast(text) is None
    assert sentences.find_sentences(text, 0, len(text)) == pysbd_reference(text)


def _paragraphs(files):
    for path in files:
        try:
            text = path.read_text(encoding="utf-8")
        except UnicodeDecodeError:  # the bad-input fixtures (cp1251, UTF-16 ...)
            continue
        yield from (p for p in text.replace("\r\n", "\n").split("\n") if p.strip())


T17 = Path("/work/shared/benchmarks/t17")


@pytest.mark.parametrize("corpus", ["repo", "t17/mj", "t17/haiti", "t17/egyptianprotest"])
def test_fast_path_equals_pysbd_on_every_corpus_paragraph(corpus):
    if corpus == "repo":
        files = [p for folder in ("seeds", "tests/data", "bench/data/world") for p in sorted((ROOT / folder).rglob("*"))
                 if p.is_file() and p.suffix in (".txt", ".md")]
    else:
        folder = T17 / corpus.split("/")[1] / "docs"
        if not folder.is_dir():
            pytest.skip(f"{folder} is not on this machine")
        files = sorted(folder.glob("*.md"))[:120]
    taken = total = 0
    for para in _paragraphs(files):
        total += 1
        got = fast(para)
        if got is not None:
            taken += 1
            assert got == pysbd_reference(para), para[:120]
    assert total > 500 and taken > total / 3  # the fast path is exercised, not skipped
