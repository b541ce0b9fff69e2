"""Misspelt country names (issue 18): "Ethopia has agreed ..." is Ethiopia's agreement.

A capitalised word that no registry entry matches, one edit (Damerau-Levenshtein, by symmetric deletion as in
SymSpell) from exactly one country's English name or demonym, names that country. The words and the threshold
are data: `pipeline/data/registry/country_typos.yaml`. Only the predicates stage calls it, on the subject of a
sentence that has an event and an agent of no country (cost: a few set look-ups per capitalised word).
"""
from __future__ import annotations

import re
from functools import lru_cache

from ..config import DATA_DIR, load_yaml
from ..registry import load_registry

_CAPITALISED = re.compile(r"\b[A-Z][a-z]+(?:'s|’s)?\b")


def _deletions(word: str) -> set[str]:
    """The word and every form of it with one letter left out."""
    return {word} | {word[:i] + word[i + 1 :] for i in range(len(word))}


@lru_cache(maxsize=2)
def _index(directory: str | None = None) -> tuple[dict, int, frozenset]:
    """deletion form -> the ISO3 codes of the names and demonyms it comes from; the minimum length; the real words."""
    with open(DATA_DIR / "registry" / "country_typos.yaml", encoding="utf-8") as fh:
        conf = load_yaml(fh) or {}
    min_length = int(conf.get("min_length", 6))
    words = frozenset(str(w).lower() for w in conf.get("not_typos") or ())
    index: dict[str, set[str]] = {}
    for form, code in load_registry(directory).demonyms.items():
        if form[:1].isupper() and form.isalpha() and len(form) >= min_length - 1:
            for d in _deletions(form.lower()):
                index.setdefault(d, set()).add(code)
    return index, min_length, words


def misspelt_country(text: str, start: int, end: int, taken: list[tuple[int, int]]) -> str:
    """The ISO3 code a misspelt country name in text[start:end] stands for ("Ethopia", "Quatar's"), else "".
    `taken`: spans already read as registry mentions (never re-read)."""
    index, min_length, real = _index()
    names = load_registry().index
    for m in _CAPITALISED.finditer(text, start, end):
        word = m.group().removesuffix("'s").removesuffix("’s").lower()
        if len(word) < min_length or word in real or (word,) in names or any(a < m.end() and m.start() < b for a, b in taken):
            continue
        codes = set().union(*(index.get(d, set()) for d in _deletions(word)))
        if len(codes) == 1:
            return next(iter(codes))
    return ""


__all__ = ["misspelt_country"]
