"""The broad verb lexicon generated from PETRARCH2's CAMEO dictionary (issue 18), for English sentences whose
main clause has no verb of the hand-made lexicon (`plover.yaml`).

`pipeline/data/lexicon/plover_cameo.generated.yaml` (made by `scripts/plover_from_cameo.py`) maps about 3,900
verb forms to PLOVER types and 3,200 of them, with an object, to a more exact type ("send" + "aid" -> AID,
"send" + "troops" -> MOBILIZE). Matching is a dictionary look-up per word, so the cost is linear in the text.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from ..config import DATA_DIR, load_yaml

OBJECT_REACH = 4  # words: an object may begin this far after its verb ("sent two more aid convoys")
_WORD = re.compile(r"[A-Za-z][A-Za-z'-]*")


@dataclass(frozen=True)
class CameoLexicon:
    words: dict  # verb form (one or two words) -> type
    phrases: dict  # verb form -> ((object alternatives per position, ...), type) tuples
    longest_object: int


@lru_cache(maxsize=2)
def load_cameo(path: str | None = None) -> CameoLexicon:
    """Load the generated CAMEO lexicon (default: the packaged plover_cameo.generated.yaml)."""
    with open(path or DATA_DIR / "lexicon" / "plover_cameo.generated.yaml", encoding="utf-8") as fh:
        data = load_yaml(fh)
    sets = {name: frozenset(str(w) for w in members) for name, members in (data.get("sets") or {}).items()}
    phrases: dict[str, tuple] = {}
    longest = 1
    for verb, objects in (data.get("phrases") or {}).items():
        entries = []
        for obj, kind in objects.items():
            parts = tuple(sets.get(w, frozenset((w,))) for w in str(obj).split())
            longest = max(longest, len(parts))
            entries.append((parts, str(kind)))
        phrases[str(verb)] = tuple(sorted(entries, key=lambda e: -len(e[0])))
    return CameoLexicon({str(k): str(v) for k, v in (data.get("words") or {}).items()}, phrases, longest)


def _object_end(words: list, i: int, parts: tuple) -> int | None:
    """Where an object matching `parts` ends when it begins within OBJECT_REACH words after word i."""
    for j in range(i + 1, min(len(words), i + 1 + OBJECT_REACH)):
        k = j
        for alternatives in parts:
            if k >= len(words):
                break
            one = words[k][2]
            two = f"{one} {words[k + 1][2]}" if k + 1 < len(words) else ""
            if one in alternatives:
                k += 1
            elif two and two in alternatives:
                k += 2
            else:
                break
        else:
            return words[k - 1][1]
    return None


_ENTRIES: dict = {}  # id(lexicon) -> (lexicon, the verb forms it has an entry for)


def _entries(lex: CameoLexicon) -> frozenset:
    """The verb forms of the lexicon, with or without an object (a word not among them begins no trigger)."""
    return _entries_and_starters(lex)[0]


def _entries_and_starters(lex: CameoLexicon) -> tuple[frozenset, frozenset]:
    """`_entries`, and the words an entry may begin with: the one-word forms and the first words of the others
    (a word not among them is no entry and begins no two-word one: no need to build the pair to know)."""
    got = _ENTRIES.get(id(lex))
    if got is None or got[0] is not lex:
        known = frozenset(lex.words) | frozenset(lex.phrases)
        got = _ENTRIES[id(lex)] = (lex, known, known | frozenset(form.split()[0] for form in known if " " in form))
    return got[1], got[2]


_OPENERS: dict = {}  # id(lexicon) -> (lexicon, verb form -> the words any of its objects may begin with)


def _object_openers(lex: CameoLexicon) -> dict:
    """Per verb form with objects, the one- or two-word strings all its objects' first parts hold (None for
    a form with an empty object): a verb with none of them within reach has no object (`_object_end`)."""
    got = _OPENERS.get(id(lex))
    if got is None or got[0] is not lex:
        openers = {form: (frozenset().union(*(parts[0] for parts, _kind in entries))
                          if all(parts for parts, _kind in entries) else None)
                   for form, entries in lex.phrases.items()}
        got = _OPENERS[id(lex)] = (lex, openers)
    return got[1]


def _may_have_object(words: list, i: int, openers: frozenset | None) -> bool:
    """Whether a word (or two) within OBJECT_REACH after word i is among `openers` (None: always)."""
    if openers is None:
        return True
    for j in range(i + 1, min(len(words), i + 1 + OBJECT_REACH)):
        one = words[j][2]
        if one in openers or (j + 1 < len(words) and f"{one} {words[j + 1][2]}" in openers):
            return True
    return False


def find_cameo_triggers(text: str, start: int, end: int, lexicon: CameoLexicon | None = None) -> list[tuple[int, int, str]]:
    """Verb triggers of the generated lexicon in text[start:end] as (start, end, type), in text order;
    a verb with a known object spans both and takes the object's type."""
    lex = lexicon or load_cameo()
    words = [(m.start(), m.end(), m.group().lower()) for m in _WORD.finditer(text, start, end)]
    known, starters = _entries_and_starters(lex)
    openers = _object_openers(lex)
    found = []
    i = 0
    while i < len(words):
        a, b, w = words[i]
        if w not in starters:
            i += 1  # most words begin no entry (the cheap test first: no pair string built)
            continue
        pair = f"{w} {words[i + 1][2]}" if i + 1 < len(words) else ""
        if w not in known and pair not in known:
            i += 1  # most words begin no entry: nothing to try
            continue
        hit = None
        for form, last in ((pair, i + 1), (w, i)):
            if not form:
                continue
            entries = lex.phrases.get(form, ())
            for parts, kind in entries if entries and _may_have_object(words, last, openers[form]) else ():
                obj_end = _object_end(words, last, parts)
                if obj_end is not None:
                    hit = (a, obj_end, kind)
                    break
            if hit is None and form in lex.words:
                hit = (a, words[last][1], lex.words[form])
            if hit is not None:
                i = last
                break
        if hit is not None:
            found.append(hit)
            while i + 1 < len(words) and words[i + 1][0] < hit[1]:
                i += 1  # go on after the object
        i += 1
    return found


__all__ = ["CameoLexicon", "load_cameo", "find_cameo_triggers", "OBJECT_REACH"]
