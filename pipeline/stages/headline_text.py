"""The sentence's text as a headline reads it (issue 18): its dates blanked, a dateline or speaker tag at its start
blanked (offsets kept), and where the line's verb starts (the verb whose object the trigger is, or the mode verb
before "to"). Split from headlines.py (the module cap); the words are data (headlines.yaml, clauses.yaml, plover.yaml).
"""
from __future__ import annotations

import re

from ..schema import Document, Sentence
from . import clauses
from .headline_cues import load_headline_cues
from .triggers import load_lexicon, within

_WORD_BEFORE_DATE = re.compile(r"[\w'’]+")
_LOWER_WORD_NEXT = re.compile(r" [a-z]")
_POSSESSIVE = re.compile(r"[’']s\b")
_DANGLING_PREPOSITION = re.compile(r"\b(on|in|at|since|le|en|du|the|am|im|el)\s{2,}", re.I)
_DANGLING_RANGE = re.compile(r"\b(?:between|from)\s{2,}(?:and|to|until|-|–)\s{2,}", re.I)
_EMPTY_BRACKETS = re.compile(r"\(\s*\)")


def _blank_dates(doc: Document, s: Sentence) -> str:
    """The sentence with its date words (and a preposition or possessive left dangling) blanked, offsets kept.

    A date inside a noun phrase ("the 1902 treaty") stays: blanking it would break the phrase.
    """
    local = doc.text[s.start : s.end]
    det = load_lexicon().determiner
    for t in within(doc.timexes, s.start, s.end):  # the date is on the chart's axis already: leave it out of the line
        a, b = t.start - s.start, t.end - s.start
        prev = _WORD_BEFORE_DATE.findall(local[max(0, a - 20) : a])
        nxt = local[b : b + 2]
        if prev and det.match(prev[-1]) and prev[-1].lower() != "of" and _LOWER_WORD_NEXT.match(nxt):
            continue
        if t.type in ("DURATION", "SET") or (prev and prev[-1].lower() == "of" and _LOWER_WORD_NEXT.match(nxt)):
            continue  # a length ("after nine months of blockade") or a date inside a phrase ("the deadline of 6 August given to ...") is part of it
        poss = _POSSESSIVE.match(local[b:])
        b += poss.end() if poss else 0
        local = local[:a] + " " * (b - a) + local[b:]
    if "  " in local:  # (only a blanked date, or a doubled space, leaves a preposition dangling: skipped otherwise, speed)
        local = _DANGLING_RANGE.sub(lambda m: " " * len(m.group()), local)  # "between 1992 and 1994" blanked: no "between and"
        local = _DANGLING_PREPOSITION.sub(lambda m: " " * len(m.group()), local)
    if "(" in local:
        local = _EMPTY_BRACKETS.sub(lambda m: " " * len(m.group()), local)
    return _blank_lead(local)


def _blank_lead(local: str) -> str:
    """local with a dateline, numbering, transcript speaker tag or timestamp at its start blanked (offsets kept)."""
    lead = load_headline_cues().lead
    for _ in range(3):
        m = lead.match(local)
        if not m or not m.group().strip() or not local[m.end():].strip():
            break
        local = " " * m.end() + local[m.end():]
    return local


_WORD_BEFORE = re.compile(r"(?<![\w'’-])([a-z][\w'’-]*)\s+$")


def _verb_before(local: str, rel: int) -> int:
    """Where the line's verb starts: at the trigger, or at the verb whose object the trigger is ("had taken
    [control] of", "staged a [rally]": the verb leads, the subject before it is then found as written)."""
    ccues = clauses.load_clause_cues()
    verbs = load_headline_cues().object_verbs
    to = _WORD_BEFORE.search(local, max(0, rel - 60), rel)
    if to and to.group(1).lower() == "to":  # "decided (on Friday) to [set up]", "refused to [sign]": the mode's verb leads
        m = _WORD_BEFORE.search(local, max(0, to.start(1) - 60), to.start(1))
        before = _WORD_BEFORE.search(local, max(0, m.start(1) - 60), m.start(1)) if m else None
        if (m and m.group(1).lower() in load_headline_cues().call_verbs
                and not (before and load_lexicon().trailing.fullmatch(before.group(1).lower()))):  # not "in order to"
            return m.start(1)
    at = rel
    for _ in range(2):
        m = _WORD_BEFORE.search(local, max(0, at - 60), at)
        if not m:
            return rel
        w = m.group(1).lower()
        if at < rel or not load_lexicon().determiner.fullmatch(w):
            break
        at = m.start(1)  # "staged a rally": over the article
    if w in ccues.light_verbs or w in ccues.irregular_past or w in verbs:
        return m.start(1)
    if w.endswith("ed") and len(w) > 4:  # "have ignored [protests]", "officials resisted [calling]"; not an adjective
        p = _WORD_BEFORE.search(local + " ", max(0, m.start(1) - 25), m.start(1))  # after an article or a preposition ("with limited shelter")
        lex = load_lexicon()
        if not (p and (lex.determiner.fullmatch(p.group(1).lower()) or lex.trailing.fullmatch(p.group(1).lower()))):
            return m.start(1)
    return rel
