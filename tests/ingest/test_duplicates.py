"""Word runs and MinHash signatures of pipeline/ingest/duplicates.py against their definitions."""
import zlib

from hypothesis import given, settings, strategies as st

from pipeline.ingest import duplicates as D

_TEXT = st.lists(st.sampled_from(["The", "talks", "ended", "Erdoğan", "ß", "ﬁ", "İ", "x", "1", "2020", ",", ".", " ", "  ",
                                  "\n", "“", "—", "_", "a_b", "\u00a0", "ǅ", "Ⅻ"]), max_size=40).map(" ".join)


def _runs(text):
    """The definition: crc32 of each run of SHINGLE_WORDS normalised words joined by one space."""
    words = D._normalise_for_compare(text).split()
    return {zlib.crc32(" ".join(words[i:i + D.SHINGLE_WORDS]).encode("utf-8"))
            for i in range(max(0, len(words) - D.SHINGLE_WORDS + 1))}


@settings(max_examples=300, deadline=None)
@given(st.one_of(_TEXT, st.text(max_size=80)))
def test_shingles_are_the_crc32_of_each_run_of_words(text):
    assert D.shingles(text) == _runs(text)


@settings(max_examples=100, deadline=None)
@given(st.sets(st.integers(0, 2**32 - 1), max_size=30))
def test_minhash_is_the_least_multiply_shift_hash(hashes):
    expected = [min((((int(a) * x + int(b)) % 2**64) >> 32 for x in hashes), default=2**32 - 1)
                for a, b in zip(D._MUL, D._ADD)]
    assert D.minhash(hashes).tolist() == expected
