"""An undated deed no lexicon types, relayed by a trailing source (issue 18, round 6).

"The Zambian government devalued the kwacha by 30 percent, officials said": no trigger but the reporting verb, and the
subject is a demonym and a noun (no name the registry lists as an actor), so the sentence gave no event at all although
it reports a deed. When the sentence's only triggers are reporting verbs in a short trailing source, and its main
clause opens with an actor mention and a past form within a few lower-case words ("has dissolved", "towed"), the
events stage anchors an OTHER event to the article's date, with the main clause's dyad (`roles_fallback`).
"""
from __future__ import annotations

import re

from ..schema import Mention

_WORD = re.compile(r"[A-Za-z][A-Za-z'-]*|[^\sA-Za-z]")
_TAIL_WORDS = 8  # words of a trailing source (", the official news agency IRNA reported")
_GAP_WORDS = 3  # lower-case words between the subject's name and its verb ("government", "military junta")
_SUBJECT_KINDS = ("country", "person", "organisation", "government")


def reported_unknown_deed(text: str, start: int, end: int, ments: list[Mention], triggers: list, cues) -> bool:
    """Whether sentence text[start:end] is "<name> [nouns] [has] <past form> ..., <source> <reporting verb>" with no
    trigger but the source's reporting verbs (`triggers`: (start, end, type), type REPORT for reporting verbs;
    `cues`: the clause cues, for irregular pasts and auxiliaries)."""
    if not triggers or any(tr[2] != "REPORT" for tr in triggers):
        return False
    comma = text.rfind(",", start, end)
    if comma < 0 or not all(comma < tr[0] for tr in triggers) or len(text[comma:end].split()) > _TAIL_WORDS + 1:
        return False
    subject = next((m for m in ments if m.kind in _SUBJECT_KINDS and start <= m.start < comma), None)
    if subject is None or len(text[start : subject.start].split()) > 2:
        return False  # the name opens the clause ("The Zambian government", "Nigeria's military rulers")
    words = _WORD.findall(text[subject.end : comma])
    if words[:1] == ["'"] and words[1:2] == ["s"] or words[:1] == ["'s"]:
        words = words[2:] if words[:1] == ["'"] else words[1:]
    for i, w in enumerate(words[: _GAP_WORDS + 2]):
        lw = w.lower()
        if (lw.endswith("ed") and len(lw) > 4) or lw in cues.irregular_past:
            return i == 0 or all(x.isalpha() and x.islower() and x not in cues.passive_be for x in words[:i])
        if not (w.isalpha() and w.islower()) or lw in cues.passive_be:
            return False
    return False


_NEGATORS = frozenset({"no", "not", "neither", "nor", "never"})
_NOUN_GAP_WORDS = 3  # words of the subject before its event noun ("Palestinian", "The", "Fresh Israeli")
_VERB_WINDOW = 14  # words after the event noun in which its clause's verb stands ("... against the occupation spread")


def nominal_subject_deed(text: str, clause_start: int, trigger: tuple, end: int, cues) -> bool:
    """Whether an event noun opening its clause is the subject of a past form (issue 18 round 7): "Palestinian
    demonstrations against the Israeli occupation spread to East Jerusalem", "The movement of Iraqi troops toward the
    border alarmed Washington", "The detention of X was extended": the noun's event happened, so an undated sentence
    has a deed although no verb of it is a trigger. `trigger` is the predicate's (start, end, type), `end` the
    sentence's end; `cues` the clause cues (irregular pasts, auxiliaries). A comma, a semicolon or a bracket before
    the past form ends the search (an apposition's verb is not the clause's)."""
    before = text[clause_start : trigger[0]].split()
    if len(before) > _NOUN_GAP_WORDS or any(w.lower() in cues.subordinators or w.lower() in _NEGATORS for w in before):
        return False  # "No deal was announced": nothing happened
    words = _WORD.findall(text[trigger[1] : end])[:_VERB_WINDOW]
    for i, w in enumerate(words):
        lw = w.lower()
        if not w.isalpha():
            return False
        if lw in cues.subordinators:
            return False  # "... that was signed": a relative clause's verb
        if ((lw.endswith("ed") and len(lw) > 4) or lw in cues.irregular_past) and i > 0:
            return words[i - 1].lower() not in ("the", "a", "an", "of", "by", "and")  # not "the armed forces", "by armed men"
    return False
