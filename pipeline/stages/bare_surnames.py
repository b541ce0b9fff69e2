"""Bare last names as actors (issue 18, round 8): "Yeltsin warned ...", "Bush praises ...", "talks with Kohl".

A capitalised word that is a listed person's last name (`Registry.surnames`: everyone listed with it shares one
country) is a mention of that person when no other capitalised word stands next to it ("Laura Bush", "Major
General" are not), it is not on the stoplist of `registry/bare_surnames.yaml` (words and widely shared names), and
either it is mid-sentence after a lower-case word, or it opens the sentence before a verb or a possessive.
"""

from __future__ import annotations

import re
from functools import lru_cache

from ..config import DATA_DIR, load_yaml
from ..registry import Registry, key_of
from ..schema import Mention

_WORD = re.compile(r"(?<![\w'’.-])(?P<name>[A-Z][a-z][\w'’-]*?)(?P<poss>['’]s)?(?![\w'’-])")
_PREVIOUS = re.compile(r"(\S+)\s+$")
_NEXT = re.compile(r"\s*(\S+)")


@lru_cache(maxsize=1)
def load_cues() -> tuple[frozenset, frozenset]:
    """(stoplist, verbs) of `registry/bare_surnames.yaml`, lower-cased."""
    with open(DATA_DIR / "registry" / "bare_surnames.yaml", encoding="utf-8") as fh:
        data = load_yaml(fh) or {}
    return (frozenset(str(w).lower() for w in data.get("stop") or ()),
            frozenset(str(w).lower() for w in data.get("verbs") or ()))


def _verb_like(word: str, verbs: frozenset) -> bool:
    w = word.strip(",;:").lower()
    return w.isalpha() and word[:1].islower() and (w in verbs or (len(w) > 3 and (w.endswith("ed") or w.endswith("s"))))


def bare_surname_mentions(text: str, reg: Registry, taken: list[tuple[int, int]], published: str | None = None) -> list[Mention]:
    """Mentions of listed people by their last name alone, outside the spans already `taken`."""
    if not reg.surnames:
        return []
    stop, verbs = load_cues()
    out: list[Mention] = []
    for m in _WORD.finditer(text):
        name = m.group("name")
        key = key_of(name)
        entry = reg.surnames.get(key)
        if entry is None or key in reg.index or name.lower() in stop:
            continue
        a, b = m.span("name")
        if any(x < b and a < y for x, y in taken):
            continue
        prev = _PREVIOUS.search(text, max(0, a - 40), a)
        nxt = _NEXT.match(text, m.end())
        after = nxt.group(1) if nxt else ""
        if after[:1].isupper():
            continue  # "Bush Jr", "Major General": part of a longer name
        before = prev.group(1) if prev else ""
        opens = not before or before[-1:] in ".!?\"“”:"
        if opens:
            if not (m.group("poss") or _verb_like(after, verbs)):
                continue  # "Rice prices rose": a sentence-opening word must be a subject before its verb
        elif (before[:1].isupper() and before.lower() != "the") or not (before[-1:].isalpha() or before[-1:] in ",;"):
            continue  # "Laura Bush", "(Bush)"; not "The Bush administration"
        out.append(Mention(a, b, name, "person", entry.name, entry.country, entry.role_at(published)))
    return out


__all__ = ["bare_surname_mentions", "load_cues"]
