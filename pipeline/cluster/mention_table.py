"""The mentions clustering compares, as arrays: `table` turns the events into a `Table`.

One row per mention in event-id order, dates as ordinals, sets (countries, actors, places, the quote's words)
as CSR arrays (`sets.Sets`), a few hundred bytes a mention; `Table.mention(k)` gives one `ClusterMention`
for `cluster.linked`. The quote's words drop a fixed list of common words and the registry's names
(`common_words`, `name_words`); `word_rank` orders a mention's words rarest first from the word alone
(split from pairs.py, issue 16).
"""
from __future__ import annotations

import re
import zlib
from dataclasses import dataclass
from datetime import date
from functools import lru_cache

import numpy as np
import pandas as pd

from ..arrays import Growing
from ..config import DATA_DIR, load_yaml
from ..registry import load_registry
from .salience import rules
from .sets import Sets, SetsBuilder, Vocabulary, text, utf8

NEEDS: tuple[str, ...] = ("event_id", "doc_id", "date_value", "date_start", "date_end", "granularity", "date_text",
                          "countries", "actors", "locations", "quote", "published", "source")

DCT_SLACK_DAYS = rules()["link"]["dct_slack_days"]  # an undated statement reported on day D happened on D or shortly before
FINE_GRANULARITIES = ("day", "time")
COARSE_DAYS = rules()["link"]["coarse_days"]  # an interval longer than this (a year, a decade) says little about which event it is
COMMON_WORDS_FILE = "cluster/common_words.yaml"  # words too common in news to carry a signal (a fixed list)


@dataclass
class ClusterMention:
    """One mention as `cluster.linked` compares it."""

    idx: int
    event_id: str
    doc_id: str
    start: date | None
    end: date | None
    month_day: tuple[int, int] | None  # for XXXX-MM-DD values
    fine: bool
    anchored: bool
    countries: frozenset
    actors: frozenset
    words: str
    span_days: int
    locations: frozenset = frozenset()


def _iso(value) -> date | None:
    if value is None or (isinstance(value, float) and pd.isna(value)):
        return None
    try:
        return date.fromisoformat(str(value)[:10])
    except ValueError:
        return None


@lru_cache(maxsize=1)
def common_words() -> frozenset[str]:
    """The words dropped from quotes before comparing them (`data/cluster/common_words.yaml`): a fixed list, so
    that whether two mentions link never depends on the rest of the corpus."""
    data = load_yaml((DATA_DIR / COMMON_WORDS_FILE).read_text(encoding="utf-8")) or {}
    return frozenset(w for w in (str(x).lower() for x in data.get("words", [])) if len(w) >= 4)


@lru_cache(maxsize=1)
def name_words() -> frozenset[str]:
    """The words of the names the registry knows (countries, demonyms, people, organisations, places): dropped
    from quotes before comparing their wording, since the countries, actors and places are compared apart
    (a demonym and a region's name in two quotes say nothing about whether they report one event)."""
    reg = load_registry()
    words = {w for key in reg.index for part in key for w in re.findall(r"[^\W\d_]{4,}", str(part).lower())}
    words |= {w for name in [*reg.demonyms, *reg.country_names.values()] for w in _words(name)}
    return frozenset(words)


def word_rank(word: bytes) -> tuple[int, int]:
    """The order in which a very coarse mention's words are looked up, rarest first, from the word alone (never
    from the corpus, so the pairs compared depend on the two mentions only): longer words first (in news copy
    longer words are rarer), then a fixed hash."""
    return (-len(word), zlib.crc32(word))


_WORD = re.compile(r"[^\W\d_]{4,}")  # compiled once: `re.findall` looks its pattern up at every call
_MONTH_DAY = re.compile(r"X{4}-(\d{2})-(\d{2})")


def _words(quote: str) -> list[str]:
    return _WORD.findall(str(quote).lower())

NO_DAY = date.min.toordinal() - 1  # the start and end of a mention without a date: it meets nothing


@dataclass
class Table:
    """The mentions as arrays, a few hundred bytes each, in event_id order: row k is the k-th event id, so
    every order below depends on the content, not on the frame's row order. `mention(k)` gives one
    `ClusterMention` for `linked`."""

    row: np.ndarray  # the frame row of each mention
    event_id: np.ndarray  # UTF-8 bytes
    doc: np.ndarray  # the article, as its rank among the doc ids: doc_ids[doc[k]]
    doc_ids: np.ndarray  # sorted, UTF-8 bytes
    lo: np.ndarray  # start and end as ordinals (NO_DAY without a date); an anchored start is moved back
    hi: np.ndarray
    md: np.ndarray  # month * 32 + day of a value without a year, else -1
    fine: np.ndarray
    anchored: np.ndarray
    span: np.ndarray
    countries: Sets
    actors: Sets
    locations: Sets
    words: Sets  # the quote's words less those too common to carry a signal, ids in alphabetical order
    published: np.ndarray | None = None  # the article's publication day (ordinal; NO_DAY unknown), for salience
    source: np.ndarray | None = None  # the outlet, as a code (-1 unknown), for salience

    @property
    def n(self) -> int:
        return len(self.event_id)

    def mention(self, k: int) -> ClusterMention:
        md = int(self.md[k])
        lo, hi = int(self.lo[k]), int(self.hi[k])
        return ClusterMention(
            k, text(self.event_id[k]), text(self.doc_ids[self.doc[k]]), date.fromordinal(lo) if lo != NO_DAY else None,
            date.fromordinal(hi) if hi != NO_DAY else None, divmod(md, 32) if md >= 0 else None,
            bool(self.fine[k]), bool(self.anchored[k]), frozenset(self.countries.get(k)), frozenset(self.actors.get(k)),
            " ".join(self.words.get(k)), int(self.span[k]), frozenset(self.locations.get(k)),
        )


ROWS_AT_ONCE = 20_000  # frame rows turned into Python values at a time


def _frame_batches(frame: pd.DataFrame):
    """The frame's NEEDS columns as plain lists, ROWS_AT_ONCE rows at a time."""
    for first in range(0, len(frame), ROWS_AT_ONCE):
        part = frame.iloc[first:first + ROWS_AT_ONCE]
        yield {c: part[c].tolist() for c in NEEDS}


def table(frame: pd.DataFrame) -> Table:
    """The frame's rows as a `Table` (only the NEEDS columns are read)."""
    return table_of_batches(_frame_batches(frame))


def table_of_batches(batches) -> Table:
    """A `Table` of the events in `batches` (dicts of NEEDS columns as lists, in row order), read one batch at a
    time, so that the events need never be one frame. Nothing but numpy arrays is kept from one batch to the
    next (see `Vocabulary`)."""

    country_names = frozenset(load_registry().country_names.values())
    dates = Growing(np.int32, width=6)  # lo, hi, md, fine, anchored, span
    event_ids = Growing("S1")
    doc_ids, doc_codes = Vocabulary(), Growing(np.int32)
    pub_days, source_names, source_codes = Growing(np.int32), Vocabulary(), Growing(np.int32)
    countries, actors, locations, words = SetsBuilder(), SetsBuilder(), SetsBuilder(), SetsBuilder()

    def add(batch: dict) -> None:  # (a function: nothing of the last batch is left when the arrays are made)
        rows = []
        ordinals: dict = {}  # this batch's only: its keys are its strings

        def ordinal(value):
            if value not in ordinals:
                d = _iso(value)
                ordinals[value] = d.toordinal() if d else None
            return ordinals[value]

        for value, s, e, gran, said in zip(*(batch[c] for c in ("date_value", "date_start", "date_end", "granularity", "date_text"))):
            start, end = ordinal(s), ordinal(e)
            m = _MONTH_DAY.fullmatch(str(value or ""))
            anchored = not str(said or "")
            if anchored and start is not None:
                start -= DCT_SLACK_DAYS
            fine = ((str(gran) in FINE_GRANULARITIES and start is not None) or m is not None) and not anchored
            span = (end - start) if start is not None and end is not None else (0 if m else 10_000)
            rows.append((NO_DAY if start is None else start, NO_DAY if end is None else end,
                         int(m[1]) * 32 + int(m[2]) if m else -1, fine, anchored, span))
        dates.extend(np.array(rows, dtype=np.int32).reshape(-1, 6))  # (ordinals of years 1-9999 fit in 32 bits)
        event_ids.extend(utf8([str(x) for x in batch["event_id"]]))
        doc_codes.extend(doc_ids.codes([str(x) for x in batch["doc_id"]]))
        pub_days.extend(np.array([NO_DAY if (o := ordinal(v)) is None else o for v in batch.get("published") or [None] * len(batch["doc_id"])],
                                 dtype=np.int32))
        source_codes.extend(source_names.codes([x if isinstance(x, str) else "" for x in batch.get("source") or [None] * len(batch["doc_id"])]))
        countries.add(batch["countries"])
        actors.add([[a for a in v if a not in country_names] if v is not None else None for v in batch["actors"]])
        locations.add(batch["locations"])
        # the quote's words less those of the names it mentions (compared apart as actors and places); a name's
        # words and a quote's (the events of one sentence share it) read once per batch
        seen: dict = {}

        def said(x) -> list[str]:
            got = seen.get(x)
            if got is None:
                got = seen[x] = _words(x)
            return got

        words.add([[w for w in said(q) if w not in named] if (named := {x for v in (a, p) if v is not None for n in v
                                                                        for x in said(n)}) else said(q)
                   for q, a, p in zip(batch["quote"], batch["actors"], batch["locations"])])

    for batch in batches:
        add(batch)
    batch = None
    event_id = event_ids.take()
    n = len(event_id)
    order = np.argsort(event_id, kind="stable")
    event_id = event_id[order]
    by_event = dates.take()[order]
    lo, hi, md, fine, anchored, span = (np.ascontiguousarray(by_event[:, k]) for k in range(6))
    del by_event
    doc_names, doc_of = doc_ids.numbering()
    doc = doc_of[doc_codes.take()][order]
    outlet_names, outlet_of = source_names.numbering()
    source = outlet_of[source_codes.take()][order].astype(np.int32)
    if len(outlet_names) and outlet_names[0] == b"":  # (sorted: the empty name, unknown, is first)
        source -= 1
    all_words = words.sets()
    common = np.flatnonzero(np.isin(all_words.vocab, utf8(sorted(common_words() | name_words()))))
    words = all_words.take(order, drop=common)
    del all_words
    return Table(order.astype(np.int32 if n < 2**31 else np.int64), event_id, doc, doc_names, lo, hi, md,
                 fine.astype(bool), anchored.astype(bool), span, countries.sets().take(order),
                 actors.sets().take(order), locations.sets().take(order), words, pub_days.take()[order], source)


def mentions(frame: pd.DataFrame) -> list[ClusterMention]:
    """The frame's mentions one by one (in event_id order; `idx` is the position in that order)."""
    t = table(frame)
    return [t.mention(k) for k in range(t.n)]

