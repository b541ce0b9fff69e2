"""Counts worded the same everywhere (issue 20): "14 events (19 mentions)", "1 event", never "1 events"."""
from hypothesis import given
from hypothesis import strategies as st

from pipeline.wording import counts_phrase, plural


def test_counts_phrase_examples():
    assert counts_phrase(14, 19) == "14 events (19 mentions)"
    assert counts_phrase(1, 1) == "1 event (1 mention)"
    assert counts_phrase(0, 0) == "0 events (0 mentions)"
    assert counts_phrase(1, 2345) == "1 event (2,345 mentions)"
    assert plural(1, "article") == "1 article" and plural(3, "analysis", "analyses") == "3 analyses"


@given(st.integers(0, 10**7), st.integers(0, 10**7))
def test_singular_only_for_one(events, mentions):
    text = counts_phrase(events, mentions)
    assert (events == 1) == text.startswith("1 event (")
    assert text.startswith(f"{events:,} event") and text.endswith(" mention)" if mentions == 1 else " mentions)")
