"""A participle that qualifies the noun before it, not the clause (issue 18, round 6).

"Vietnamese forces occupying Cambodia were attacked by Khmer Rouge guerrillas": "occupying" is no predicate, so the
clause's verb ("were attacked") types the sentence and its "by" agent acts (the subject was taken for the occupier,
which made the target actor1). "Iraqi troops backed by tanks attacked ...": "backed by" is no SUPPORT. The caller
asks only when the clause has a later verb; words in `data/lexicon/noun_modifiers.yaml`.
"""
from __future__ import annotations

import re
from functools import lru_cache

from ..config import DATA_DIR, load_yaml

_WORD = re.compile(r"[A-Za-z][A-Za-z'-]*")


@lru_cache(maxsize=1)
def _cues() -> tuple[frozenset, ...]:
    with open(DATA_DIR / "lexicon" / "noun_modifiers.yaml", encoding="utf-8") as fh:
        data = load_yaml(fh)
    low = lambda k: frozenset(str(x).lower() for x in data.get(k) or ())  # noqa: E731
    return (low("participle_preps"), low("gerund_takers"), low("gerund_preps"), low("event_object_preps"),
            low("event_agent_preps"))


def noun_modifier(text: str, tr: tuple, cues) -> bool:
    """Whether the trigger `tr` (start, end, type) opens with a participle right after a noun: an "-ing" form after a
    lower-case noun ("forces occupying", "police using"), or a past form followed by "by"/"with" after a noun, a comma
    between them allowed ("troops backed by tanks", "troops, backed by warplanes,"). `cues` are the clause cues
    (auxiliaries, the irregular pasts, words that are no names)."""
    preps, takers = _cues()[:2]
    words = text[tr[0] : tr[1]].split()
    if not words:
        return False
    word = words[0].lower()
    before = text[max(0, tr[0] - 40) : tr[0]]
    prev = _WORD.findall(before)
    if not prev:
        return False
    w = prev[-1]
    gap = before[before.rfind(w) + len(w) :]
    lw = w.lower()
    if lw in cues.passive_be or lw in cues.perfect_aux or lw in takers or lw in cues.subordinators or lw.endswith("ly"):
        return False
    if word.endswith("ing") and len(word) >= 5:
        return gap == " " and w.islower() and not _past(lw, cues)
    if _past(word, cues):
        nxt = _WORD.match(text, tr[1] + 1) if len(words) == 1 else _WORD.match(text, tr[0] + len(words[0]) + 1)
        return gap in (" ", ", ") and nxt is not None and nxt.group().lower() in preps and not _past(lw, cues)
    return False


def gerund_adjunct(text: str, tr: tuple) -> bool:
    """Whether the trigger `tr` opens with an "-ing" right after a preposition of `gerund_preps` ("without agreeing on
    disengagement", "after meeting the envoy"): an adjunct of the clause, never its predicate."""
    words = text[tr[0] : tr[1]].split()
    if not words or not words[0].lower().endswith("ing"):
        return False
    prev = _WORD.findall(text[max(0, tr[0] - 20) : tr[0]])
    return bool(prev) and text[: tr[0]].endswith(prev[-1] + " ") and prev[-1].lower() in _cues()[2]


_EVENT_OBJECT = re.compile(r"[ \t]+(?:[A-Za-z'-]+[ \t]+){0,2}?(?P<prep>[a-z]+)[ \t]+(?:(?:the|a|an)[ \t]+)?$")


def event_object(text: str, triggers: list, m) -> bool:
    """Whether mention `m` of a clause's subject names what an event noun there struck, not who acted (issue 18 round
    7): it follows a preposition of `event_object_preps` right after a typed trigger, at most two words between them
    ("A suicide truck bombing at the U.S. Marine barracks in Beirut killed ...", "Bomb blasts at the U.S. embassies
    ...": the United States is the target; the scene then places the unnamed bombers). `triggers` are the sentence's
    (start, end, type) spans."""
    objects = _cues()[3]
    for tr in triggers:
        if tr[2] != "REPORT" and tr[1] <= m.start <= tr[1] + 40:
            hit = _EVENT_OBJECT.match(text[tr[1] : m.start])
            return bool(hit) and hit.group("prep") in objects
    return False


_AGENT_PREP = re.compile(r"[ \t]+(?P<prep>[a-z]+)[ \t]+(?:(?:the|a|an)[ \t]+)?")


def nominal_agents(text: str, clause_start: int, chosen: tuple, after: list, cues) -> list:
    """The mentions that act in an event noun opening its clause with no subject before it (issue 18 round 7): those
    right after it behind a preposition of `event_agent_preps` ("Fighting between Armenian and Azerbaijani forces
    erupted", "Emergency aid from Japan arrived", "sharp criticism from Moscow"), or behind "of" when forces follow the
    name ("The withdrawal of Russian troops", not "the arrest of a British employee"). `after` are the clause's
    mentions after the noun, in order; [] when none acts."""
    if not after or len(text[clause_start : chosen[0]].split()) > 3:
        return []  # a long noun phrase before the noun (the caller asks only when no name stands there)
    hit = _AGENT_PREP.match(text, chosen[1])
    first = after[0]
    if hit is None or first.start > hit.end() + 30 or not _WORD.fullmatch(text[hit.end() : first.start].strip() or "x"):
        return []
    prep = hit.group("prep")
    if prep in _cues()[4]:
        group = [first]
        for m in after[1:]:  # "between Armenian and Azerbaijani forces": the coordinated names too
            if text[group[-1].end : m.start].strip().lower() not in ("and", ",", ", and"):
                break
            group.append(m)
        return group
    tail = text[first.end : first.end + 30].lower().split()
    if prep == "of" and any(w.strip(",.") in cues.own_forces_words for w in tail[:2]):
        return [first]
    by = _BY.search(text, first.end, first.end + 40) if prep == "of" else None  # "The detention of X by the junta"
    return [m for m in after[1:2] if by is not None and by.end() <= m.start <= by.end() + 25]


_BY = re.compile(r"[ \t]by[ \t]+(?:the[ \t]+)?")


def _past(word: str, cues) -> bool:
    return (word.endswith("ed") and len(word) > 4) or word in cues.irregular_past
