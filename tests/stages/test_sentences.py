"""Sentence offsets: the fast paths in pipeline/sentences.py give exactly pysbd's own char spans."""
import functools

import pytest

from hypothesis import given, settings, strategies as st

from conftest import ROOT
from pipeline.stages import sentences
from pipeline.schema import Document


@functools.lru_cache(maxsize=4)
def plain_pysbd(language: str):
    import pysbd

    return pysbd.Segmenter(language=language, clean=False, char_span=True)


def pysbd_reference(text: str, language: str = "en") -> list[tuple[int, int]]:
    """What unmodified pysbd's `segment` with char_span=True gives, whitespace trimmed as find_sentences does."""
    spans = []
    for s in plain_pysbd(language).segment(text):
        a, b = s.start, s.end
        while a < b and text[a].isspace():
            a += 1
        while b > a and text[b - 1].isspace():
            b -= 1
        if b > a:
            spans.append((a, b))
    return spans


# Words, abbreviations, numbers, list markers and every character pysbd treats specially.
_PIECES = st.sampled_from([
    "Mr.", "U.S.", "Dr", "Nov.", "10", "1.", "a)", "(iv)", "•", "⁃", "-", "...", "…", "?", "!", "。", ".", ")",
    "(", '"', "'", "“", "”", "\n", "\r", "  ", " ", "\t", "The", "talks", "ended", "e.g.", "i.e.", "No.", "St.",
    "Ankara", "on", "Tuesday", ",", ":", ";", "2020", "p.m.", "a.m.", "x", "I", "Jan.", "vs.", "Inc.",
    "al.", "also", "AL.", "Gen.", "gen", "Col.", "No. 5", "pp. 3", "ſt.", "\u212a.", "İ.", "ı", "Art.", "art",
    "Lt.", "Sen.", "Calif.", "Co.", "co", "Ave.", "Fig.", "fig", "Mt.", "Sgt.", "etc.", "approx.", "Corp.",
    # list items, brackets, quotes and pysbd's own markers (its list and between-punctuation passes)
    "2.", "3.", "-1.", "⁃2.", "a.", "b.", "c.", "ii.", "iii.", "v.", "1)", "2)", "b)", "(a)", "(b)", "(ii)", "--",
    "‘", "’", "«", "»", "[", "]", "'s", "dans", "S.A.", "z.B.", "Abs.", "Sr.", "av.",
])


@settings(max_examples=400, deadline=None)
@given(st.lists(_PIECES, min_size=1, max_size=30).map(" ".join))
def test_find_sentences_equals_pysbd_char_spans(text):
    assert sentences.find_sentences(text, 0, len(text)) == pysbd_reference(text)


@settings(max_examples=200, deadline=None)
@given(st.text(min_size=1, max_size=120))
def test_find_sentences_equals_pysbd_on_any_text(text):
    assert sentences.find_sentences(text, 0, len(text)) == pysbd_reference(text)


@pytest.mark.parametrize("text", ["∮", "♨", "Foo ƪƪƪ bar. Baz.", "The ☏☏ talks ended. Both left.", "ȸ", "A ∯ b"])
def test_pysbd_placeholder_symbols_are_left_to_pysbd(text):
    assert sentences.find_sentences(text, 0, len(text)) == pysbd_reference(text)


def test_find_sentences_equals_pysbd_on_seed_paragraphs():
    for path in sorted((ROOT / "seeds").glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        for para in text.split("\n"):
            assert sentences.find_sentences(para, 0, len(para)) == pysbd_reference(para), para[:80]


def test_offsets_are_shifted_into_the_article():
    text = "Heading\nThe talks ended. Both sides left."
    assert sentences.find_sentences(text, 8, len(text)) == [(8, 24), (25, 41)]


_WORDS = st.sampled_from(["The", "talks", "ended", "in", "Ankara", "1", "12", "a", "I", "no", "St", "Mr", "Dr", "e",
                          "(", "“", "”", '"', "'", "-", ",", ":", "2020", "x", "é", "ß", "Ω"])


@settings(max_examples=400, deadline=None)
@given(st.lists(_WORDS, min_size=0, max_size=12).map(" ".join), st.sampled_from([".", "?", "!", "。", "？", "！", "．"]),
       st.sampled_from(["", " ", "  ", "\t"]), st.sampled_from(["", " ", "\u3000"]))
def test_one_final_stop_is_one_sentence_as_in_pysbd(body, stop, tail, head):
    text = head + body + stop + tail
    assert sentences.find_sentences(text, 0, len(text)) == pysbd_reference(text)


def test_find_sentences_equals_pysbd_on_test_articles():
    """Real articles of other outlets and languages, paragraph by paragraph."""
    files = sorted((ROOT / "tests" / "data").rglob("*.txt"))
    assert files
    for path in files:
        try:
            text = path.read_text(encoding="utf-8")
        except UnicodeDecodeError:  # the bad-input fixtures (cp1251, UTF-16 ...) are not sentence cases
            continue
        for para in text.split("\n"):
            for lang in ("en", "fr", "de"):
                assert sentences.find_sentences(para, 0, len(para), lang) == pysbd_reference(para, lang), para[:80]


@settings(max_examples=300, deadline=None)
@given(st.lists(_PIECES, min_size=1, max_size=30).map(" ".join), st.sampled_from(["en", "fr", "de", "es", "it", "ru"]))
def test_find_sentences_equals_pysbd_in_other_languages(text, language):
    assert sentences.find_sentences(text, 0, len(text), language) == pysbd_reference(text, language)


def _raw_spans(segmenter, text):
    return [(s.start, s.end) for s in segmenter.segment(text)]


# pysbd's own placeholder characters too: the faster passes must treat them as pysbd does.
_WITH_MARKERS = st.lists(st.one_of(_PIECES, st.sampled_from(["♨", "☝", "∯", "ȸ", "&ᓴ&", "1♨", "2☝"])), min_size=1, max_size=30)


@settings(max_examples=300, deadline=None)
@given(_WITH_MARKERS.map(" ".join), st.sampled_from(["en", "fr", "de", "es", "it", "ru"]))
def test_faster_pysbd_passes_give_pysbd_spans(text, language):
    """The patched segmenter (abbreviation, list and between-punctuation passes) against unmodified pysbd."""
    spans = sentences._pysbd_spans(sentences._segmenter(language), text)
    assert spans == _raw_spans(plain_pysbd(language), text)


@pytest.mark.parametrize("text", [
    "1. The talks ended. 2. Both sides left.", "The plan: 1. talks 2. a truce 3. elections", "Agenda -1. talks -2. truce",
    "a. first b. second c. third", "i. one ii. two", "We need 1) talks 2) a truce", "He left on 12. Then 13. Then",
    "Options (a) talks (b) a truce", "He said 'stop. now' and left. Then ‘go. on’ she said.", "A -- truce. -- ended. Yes.",
])
def test_faster_pysbd_passes_on_lists_and_quotes(text):
    for language in ("en", "fr", "de"):
        assert sentences._pysbd_spans(sentences._segmenter(language), text) == _raw_spans(plain_pysbd(language), text)


# Plain paragraphs (no quotes, brackets, lists, "!" or "?"): sentences found without pysbd must be pysbd's.
_PLAIN_WORDS = st.sampled_from([
    "The", "talks", "ended", "in", "Ankara", "Erdoğan", "a", "A", "I", "Xi", "ii", "iv", "no", "No", "Gen", "gen", "Mr",
    "St", "al", "est", "approx", "Jan", "fig", "vs", "pp", "p", "art", "nos", "Co", "Inc", "etc", "US", "U", "ſt", "\u212a",
    "ƪƪƪ", "ᓰ", "☏☏", "1", "2", "3", "12", "13", "123", "2020", "1,000", "5%", "it's", "Russia's", "Russia’s", "non-stop", "–", "—", ",", ";", ":", "-", "x",
    "am", "pm", "e", "ie", "eg", "Jr", "Sen", "Col", "Ft", "Mt", "Ave", "Ms", "Dr", "ed", "ft", "in", "hr", "lbs",
])
_PLAIN_SENTENCE = st.tuples(st.lists(_PLAIN_WORDS, min_size=1, max_size=8).map(" ".join),
                            st.sampled_from([".", ".", ".", "", ". .", "..", "!", " ."]))
_PLAIN_PARAGRAPH = st.tuples(st.lists(_PLAIN_SENTENCE.map("".join), min_size=1, max_size=5),
                             st.sampled_from([" ", " ", " ", "  ", ""])).map(lambda p: p[1].join(p[0]))


@settings(max_examples=600, deadline=None)
@given(_PLAIN_PARAGRAPH)
def test_plain_paragraphs_split_as_pysbd_does(text):
    assert sentences.find_sentences(text, 0, len(text)) == pysbd_reference(text)
    plain = sentences._plain_sentences(text, "en")
    if plain is not None:
        assert [(a, b) for a, b in plain] == pysbd_reference(text)


def test_plain_paragraphs_take_the_fast_path():
    text = "The talks ended in 2020. Both sides left Ankara, and Russia's envoy stayed. It was over"
    assert sentences._plain_sentences(text, "en") == [(0, 24), (25, 75), (76, 87)]
    assert sentences._plain_sentences("Gen. Smith left. Then", "en") is None  # an abbreviation: pysbd decides
    assert sentences._plain_sentences("The talks ended. Both left.", "fr") is None



def test_untagged_article_is_split_by_the_rules_of_its_own_language():
    """Metadata says nothing (English by default), the text is German: "am 2. April" is no sentence end."""
    text = ("Die Außenminister haben sich am Montag in Tiflis getroffen. Die Gespräche sollen am 2. April "
            "in Jerewan beginnen. Bereits im Oktober 2021 hatten beide Regierungen ein Abkommen unterzeichnet.")
    doc = sentences.annotate(Document(doc_id="de", text=text))
    got = [text[s.start:s.end] for s in doc.sentences]
    assert "Die Gespräche sollen am 2. April in Jerewan beginnen." in got
    assert len(got) == 3
