"""Whether a verb-first tail after the last comma is the main clause rather than an inverted attribution (issue 18,
round 6): '"We will never accept these terms," said the minister' names a source, but "The United States, backed by
Britain, said Iraq must withdraw" and "The U.S. secretary of state, who arrived on Monday, said Israel must halt ..."
carry their content after the verb. Words in `data/lexicon/attribution.yaml`.
"""
from __future__ import annotations

import re
from functools import lru_cache

from ..config import DATA_DIR, load_yaml

_WORD = re.compile(r"[A-Za-z']+")


@lru_cache(maxsize=1)
def _content_words() -> frozenset:
    with open(DATA_DIR / "lexicon" / "attribution.yaml", encoding="utf-8") as fh:
        data = load_yaml(fh)
    return frozenset(str(x).lower() for x in data.get("content_words") or ())


def tail_has_content(text: str, verb_end: int, end: int) -> bool:
    """Whether the words after a tail's reporting verb hold a clause of their own (a modal, an auxiliary or "that":
    "said Iraq must withdraw"), which no inverted attribution has ("said the minister on Tuesday")."""
    return any(w.lower() in _content_words() for w in _WORD.findall(text[verb_end:end]))
