"""Spans looked up by position (issue 17): the same items, in the same order, as the plain scans they replace."""
from dataclasses import dataclass

from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.stages.spans import Spans


@dataclass
class Item:
    start: int
    end: int


items = st.lists(st.tuples(st.integers(0, 60), st.integers(0, 12)).map(lambda t: Item(t[0], t[0] + t[1])), max_size=30)
blocks = st.lists(st.integers(1, 15), max_size=12).map(
    lambda sizes: [Item(sum(sizes[:i]), sum(sizes[: i + 1])) for i in range(len(sizes))])


@settings(max_examples=200, deadline=None)
@given(items, st.integers(-2, 80), st.integers(-2, 80))
def test_within_starting_and_holds_match_the_plain_scans(found, a, b):
    spans = Spans(found)
    assert spans.within(a, b) == [x for x in found if a <= x.start and x.end <= b]
    assert spans.starting(a, b) == [x for x in found if a <= x.start < b]
    assert spans.holds(a) == any(x.start <= a < x.end for x in found)
    assert spans.first_holding(a) is next((x for x in found if x.start <= a < x.end), None)


@settings(max_examples=100, deadline=None)
@given(blocks, st.integers(-2, 200))
def test_first_holding_bisects_blocks_that_do_not_overlap(found, pos):
    spans = Spans(list(reversed(found)))
    assert not spans.overlapping
    assert spans.first_holding(pos) is next((x for x in found if x.start <= pos < x.end), None)


# --- overlong sentences are cut into pieces (issue 17) ------------------------------------------------------

@settings(max_examples=200, deadline=None)
@given(st.text(alphabet="ab ,;:\n", max_size=400), st.integers(4, 60))
def test_pieces_cover_every_character_of_a_run_in_order_none_longer_than_the_limit(text, limit):
    from pipeline.stages.sentences import _pieces

    text = text.strip()
    spans = _pieces(text, 0, len(text), limit)
    assert all(b - a <= limit and text[a:b] == text[a:b].strip() and b > a for a, b in spans)
    assert all(b1 <= a2 for (_, b1), (a2, _) in zip(spans, spans[1:]))
    kept = "".join(text[a:b] for a, b in spans)
    assert kept.replace(" ", "").replace("\n", "") == text.replace(" ", "").replace("\n", "")


def test_a_megabyte_run_without_a_period_becomes_sentences_of_bounded_length():
    from pipeline.schema import Document
    from pipeline.stages import process_document
    from pipeline.stages.sentences import MAX_SENTENCE_CHARS

    text = "Officials met " + " and ".join(f"on {1 + i % 28} March 2020" for i in range(6_000)) + ".\n"
    doc = process_document(Document(doc_id="run", text=text, published="2020-12-01"))
    assert max(s.end - s.start for s in doc.sentences) <= MAX_SENTENCE_CHARS
    assert max(len(e.quote) for e in doc.events) <= MAX_SENTENCE_CHARS
    assert len(doc.events) > 5_000  # nearly every date still gives its event (a cut may split a few)


def test_registry_lookup_chunk_by_chunk_finds_what_the_whole_text_gives(monkeypatch):
    """Issue 17: aliases are looked up a chunk of the text at a time (bounded memory); the cuts fall where no
    alias can span, so the mentions are the same."""
    from pipeline.stages import actors

    text = ("Turkish President Recep Tayyip Erdogan met Vladimir Putin in Moscow; the United Nations and "
            "Azerbaijan's foreign minister spoke in Baku, then in Geneva. ") * 40
    whole = actors.find_mentions(text, "2020-12-01")
    monkeypatch.setattr(actors, "LOOKUP_CHUNK", 50)
    assert actors.find_mentions(text, "2020-12-01") == whole and len(whole) > 200
