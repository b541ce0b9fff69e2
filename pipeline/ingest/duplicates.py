"""Near-duplicate articles: MinHash signatures of word runs, candidates by band, checked exactly."""
from __future__ import annotations

import hashlib
import re
import unicodedata
import zlib
from dataclasses import dataclass
from typing import Callable, NamedTuple

import numpy as np

from ..arrays import expand, unique
from ..schema import Document, InputProblem

SHINGLE_WORDS = 5  # duplicates are compared on runs of this many words
MIN_SHINGLES = 12  # shorter articles count as duplicates only when their whole text is the same
DUPLICATE_SHARE = 0.8  # share of the smaller article's word runs found in the other one
FREQUENT_RUN = 50  # a band value found in more articles than this is boilerplate (a footer), not a lead
# An article is kept as a MinHash signature of its word runs (MINHASH_SIZE values, 512 bytes whatever its
# length), cut into bands of BAND_ROWS values; articles agreeing on a whole band are candidates, checked
# exactly. Chance to be a candidate at Jaccard J: 1 - (1 - J**2)**64: 0.93 at J = 0.2 (80% of a text's runs
# found in one three times longer), 0.998 at 0.3, 1.0 at 2/3 (80% shared by two equal-length texts).
MINHASH_SIZE = 128
BAND_ROWS = 2
ESTIMATE_FLOOR = 0.55  # candidates whose estimated share of runs is below this are not checked

_RNG = np.random.default_rng(7)  # fixed: signatures must agree across processes and runs
_MUL = _RNG.integers(0, 2**63, MINHASH_SIZE, dtype=np.uint64) * np.uint64(2) + np.uint64(1)  # odd
_ADD = _RNG.integers(0, 2**63, MINHASH_SIZE, dtype=np.uint64)
_BAND_MUL = _RNG.integers(0, 2**63, BAND_ROWS, dtype=np.uint64) * np.uint64(2) + np.uint64(1)


def _normalise_for_compare(text: str) -> str:
    text = unicodedata.normalize("NFKC", text).casefold()
    return " ".join(re.findall(r"\w+", text))


def shingles(text: str, normalised: str | None = None) -> set[int]:
    """Hashes of the article's runs of SHINGLE_WORDS words (case, punctuation and spacing ignored): the crc32
    of each run's UTF-8 words joined by single spaces (crc32, not hash(): the same on every process and
    machine, fingerprints travel from workers).

    The normalised text is its words joined by single spaces already, so each run is a slice of its bytes,
    from a word's start to the end of the word SHINGLE_WORDS - 1 further (no join and encode per run)."""
    data = (normalised if normalised is not None else _normalise_for_compare(text)).encode("utf-8")
    if not data:
        return set()
    spaces = np.flatnonzero(np.frombuffer(data, dtype=np.uint8) == 32)
    starts, ends = [0, *(spaces + 1).tolist()], [*spaces.tolist(), len(data)]
    crc = zlib.crc32
    return {crc(data[a:b]) for a, b in zip(starts, ends[SHINGLE_WORDS - 1:])}


def minhash(hashes: set[int]) -> np.ndarray:
    """The MinHash signature of a set of 32-bit hashes: for each of MINHASH_SIZE functions
    h(x) = ((a x + b) mod 2**64) >> 32 (multiply-shift, a universal family), the least h over the set. Two
    signatures agree in a position with probability the sets' Jaccard similarity."""
    out = np.full(MINHASH_SIZE, 2**32 - 1, dtype=np.uint64)
    values = np.fromiter(hashes, dtype=np.uint64, count=len(hashes))
    for k in range(0, len(values), 4096):  # bounded temporaries for very long articles
        hashed = _MUL[:, None] * values[None, k:k + 4096]
        hashed += _ADD[:, None]
        # the least h is the least (a x + b) shifted: the shift keeps order, so it is done on 128 values only
        np.minimum(out, hashed.min(axis=1) >> np.uint64(32), out=out)
    return out.astype(np.uint32)


@dataclass(frozen=True, slots=True)  # slots: one per article is held while duplicates are found
class Fingerprint:
    """What duplicate detection needs of an article, without its text, but its MinHash signature: those are
    kept together, one row an article (`signature_matrix`), not as one bytes object each."""

    doc_id: str
    path: str | None
    source: str | None
    url: str | None
    title: str | None
    published: str | None
    whole: str  # hash of the whole normalised text
    size: int  # number of distinct word runs

    @property
    def filled(self) -> int:
        return sum(1 for f in (self.source, self.url, self.published, self.title) if f)


class TextPrint(NamedTuple):
    """What duplicate detection needs of an article's text (see Fingerprint): computed where the text is read.
    (A tuple: one per article is held until duplicates are found.)"""

    whole: str  # hash of the whole normalised text
    size: int  # number of distinct word runs
    signature: bytes  # MinHash of the word runs, MINHASH_SIZE uint32 values


def text_print(text: str) -> TextPrint:
    normalised = _normalise_for_compare(text)
    runs = shingles(text, normalised)
    return TextPrint(hashlib.sha1(normalised.encode("utf-8")).hexdigest(), len(runs), minhash(runs).tobytes())


def fingerprint(doc: Document, whole: str, size: int) -> Fingerprint:
    """The document's Fingerprint, given its TextPrint's `whole` and `size` (its text may be gone by then)."""
    return Fingerprint(doc.doc_id, doc.path, doc.source, doc.url, doc.title, doc.published, whole, size)


def signature_matrix(signatures: bytes | bytearray) -> np.ndarray:
    """The MinHash signatures of articles, concatenated, as one row an article (a view, not a copy)."""
    return np.frombuffer(signatures, dtype=np.uint32).reshape(-1, MINHASH_SIZE)


def _band_candidates(prints: list[Fingerprint], signatures: np.ndarray) -> dict[int, list[int]]:
    """For each article, the earlier ones worth checking: those agreeing with it on a whole
    band of the signature (LSH; within a band value only the first FREQUENT_RUN + 1 articles pair up, past
    that it is boilerplate) whose estimated share of common runs is at least ESTIMATE_FLOOR.

    Each band's pairs are estimated as they are found and only those worth checking are kept: articles that
    share phrasing collide in bands by the hundred thousand (70 pairs an article in a generated corpus of
    10,000), and holding them all at once took more memory than the articles' signatures.
    """
    eligible = np.flatnonzero([fp.size >= MIN_SHINGLES for fp in prints])
    sizes = np.array([fp.size for fp in prints], dtype=np.float64)
    n = len(prints)
    worth = []
    for start in range(0, MINHASH_SIZE - BAND_ROWS + 1, BAND_ROWS):
        key = (signatures[eligible, start:start + BAND_ROWS].astype(np.uint64) * _BAND_MUL).sum(axis=1)
        order = np.lexsort((eligible, key))
        key, members = key[order], eligible[order]
        run_start = np.maximum.accumulate(np.where(np.r_[True, key[1:] != key[:-1]], np.arange(len(key)), 0))
        rank = np.arange(len(key)) - run_start
        rank[rank > FREQUENT_RUN] = 0  # a boilerplate value: its later articles pair with none
        run, pos = expand(rank)  # each later article, against the earlier ones of its run
        worth.append(_worth_checking(members[run].astype(np.int64) * n + members[run_start[run] + pos],
                                     signatures, sizes))
    pairs = unique(np.concatenate(worth)) if worth else np.zeros(0, dtype=np.int64)
    found: dict[int, list[int]] = {}
    for i, k in zip((pairs // n).tolist(), (pairs % n).tolist()):
        found.setdefault(i, []).append(k)
    return found


def _worth_checking(pairs: np.ndarray, signatures: np.ndarray, sizes: np.ndarray) -> np.ndarray:
    """The pairs (later * n + earlier) whose estimated share of common runs is at least ESTIMATE_FLOOR."""
    n = len(sizes)
    later, earlier = pairs // n, pairs % n
    agree = np.concatenate([(signatures[later[k:k + 2048]] == signatures[earlier[k:k + 2048]]).sum(axis=1)
                            for k in range(0, len(pairs), 2048)] or [np.zeros(0)]) / MINHASH_SIZE
    common = agree * (sizes[later] + sizes[earlier]) / (1 + agree)  # |A & B| = J (|A| + |B|) / (1 + J)
    return pairs[common >= ESTIMATE_FLOOR * np.minimum(sizes[later], sizes[earlier])]


def find_duplicates(prints: list[Fingerprint], signatures: np.ndarray,
                    runs_of: Callable[[int], set[int]]) -> list[tuple[int, int]]:
    """Pairs (copy, kept) of indices into `prints`: the same normalised text, or most runs of words shared.

    Two articles are one when 80% of the smaller one's 5-word runs appear in the other. Candidates come from
    the MinHash bands (`_band_candidates`) and are checked exactly, most runs in common first, on the word
    runs `runs_of(index)` recomputes for just those articles (no article's runs are kept). In each group the copy kept is the earliest stated
    publication (the original), then the one with most metadata, then the first in input order. `signatures`
    has the MinHash signature of prints[i] in row i (`signature_matrix`).
    """
    candidates = _band_candidates(prints, signatures)
    group_of: list[int] = []
    groups: list[list[int]] = []
    by_text: dict[str, int] = {}
    for i, fp in enumerate(prints):
        match = by_text.get(fp.whole)
        if match is None and i in candidates:
            own = runs_of(i)
            common = sorted((-len(own & runs_of(k)), k) for k in candidates[i])  # most runs in common first
            match = next((k for c, k in common if -c >= DUPLICATE_SHARE * min(fp.size, prints[k].size)), None)
        if match is None:
            group_of.append(len(groups))
            groups.append([i])
        else:
            group_of.append(group_of[match])
            groups[group_of[match]].append(i)
        by_text.setdefault(fp.whole, i)
    pairs = []
    for members in groups:
        kept = min(members, key=lambda i: (prints[i].published or "9999", -prints[i].filled, i))
        pairs.extend((i, kept) for i in members if i != kept)
    return sorted(pairs)


def duplicate_problem(copy: Fingerprint, kept: Fingerprint) -> InputProblem:
    where = f" (source {copy.source!r})" if copy.source else ""
    return InputProblem(copy.path or copy.doc_id, f"same article as {kept.path or kept.doc_id}{where}; counted once, "
                        "this copy is recorded as another source", False, "duplicate")


def merge_duplicates(docs: list[Document], problems: list[InputProblem]) -> list[Document]:
    """Keep one copy of each article (see `find_duplicates`); the copies' path, source and url are recorded
    in the kept document's `duplicates`, and a non-fatal problem names both files."""
    texts = [text_print(d.text) for d in docs]
    dropped = record_duplicates(docs, [fingerprint(d, t.whole, t.size) for d, t in zip(docs, texts)],
                                signature_matrix(b"".join(t.signature for t in texts)),
                                lambda i: shingles(docs[i].text), problems)
    return [d for i, d in enumerate(docs) if i not in dropped]


def record_duplicates(docs: list[Document], prints: list[Fingerprint], signatures: np.ndarray,
                      runs_of: Callable[[int], set[int]], problems: list[InputProblem]) -> set[int]:
    """`merge_duplicates` for documents that may come without their text: `prints` are their Fingerprints,
    `signatures` their MinHash signatures and `runs_of(i)` their word runs (`find_duplicates`). Records each
    copy on the kept document and names it in `problems`; returns the indices of the copies, which the
    caller drops."""
    dropped = set()
    for copy, kept in find_duplicates(prints, signatures, runs_of):
        c = prints[copy]
        docs[kept].duplicates.append({"path": c.path, "doc_id": c.doc_id, "source": c.source, "url": c.url,
                                      "title": c.title, "published": c.published})
        problems.append(duplicate_problem(c, prints[kept]))
        dropped.add(copy)
    return dropped


# --- reading a corpus without holding its texts ---------------------------------------------------------
# The streaming build (pipeline/stream.py) makes the corpus-level decisions above (sidecars, unique ids,
# duplicates) on documents without their text, read on worker processes (`survey_file`), and the workers
# read each file again when they process its documents (`read_again`). Memory of the main process then
# grows by its metadata and MinHash signature (about 2 KB an article), not by its text.
