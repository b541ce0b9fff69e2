"""What the words around a date say about it: the tense cue nearest to it (`nearest_cue`), whether that cue is
the verb the date modifies (`Tense.bound`: "signed on January 1", "1 Ocak'ta imzalanan"), and the explicit full
date of the same episode a year-less day takes its year from (`episode_value`). Split from resolve.py (issue 22).
"""
from __future__ import annotations

import re
from datetime import date

CLAUSE_END = re.compile(r"[.!?;\n]")


class Tense(str):
    """A tense label ('past', 'future') that equals its plain string, and knows whether its cue is bound to the
    date: the verb the date modifies, with at most a joining word between them (data: `bound_joiners` in a
    language's tense cues). A year-less date bound to a past verb lies before the DCT even when the next such day is
    nearer ("the accord signed on January 1", told on 11 December: last January, not the coming one)."""

    bound: bool

    def __new__(cls, label: str, bound: bool = False):
        obj = super().__new__(cls, label)
        obj.bound = bound
        return obj


def nearest_cue(text: str, start: int, end: int, cues, right_end=CLAUSE_END, prefer_left: bool = False,
                joiners: re.Pattern | None = None, verbs: re.Pattern | None = None) -> str | None:
    """The label of the cue pattern found nearest to text[start:end] in its clause (120 characters each side).

    `cues` is a sequence of (compiled pattern or None, label); `right_end` says where the clause to the right stops.
    At equal distance the first of `cues` wins, unless `prefer_left`: then the cue before the date does (verb-medial
    languages: the verb a date follows is the one it modifies, "said on Monday it would provide": said on Monday;
    a verb-final language's verb comes after its date).
    Used for the tense of a date ('past'/'future'), which decides how a year-less date or a weekday resolves.
    With `joiners` (a pattern the text between cue and date must match whole: "on", "in", "") the label is a
    `Tense` that says whether the cue is bound to the date; with `verbs`, only a cue it matches whole can be
    (a verb, not a preposition: "disolverá ... el 1 de enero tras la ofensiva" is not bound to "tras").
    """
    left = text[max(0, start - 120):start]
    left = left[max((m.end() for m in CLAUSE_END.finditer(left)), default=0):]
    right = text[end:end + 120]
    stop = right_end.search(right)
    right = right[: stop.start()] if stop else right
    best: tuple | None = None  # (distance, side, label, cue match, its side's text)
    right_side = 1 if prefer_left else 0
    for regex, label in cues:
        if regex is None:
            continue
        last = None
        for last in regex.finditer(left):
            pass
        if last is not None and (best is None or (len(left) - last.end(), 0) < best[:2]):
            best = (len(left) - last.end(), 0, label, last, None)
        m = regex.search(right)
        if m and (best is None or (m.start(), right_side) < best[:2]):
            best = (m.start(), right_side, label, m, right)
    if best is None:
        return None
    if joiners is None:
        return best[2]
    cue, right_text = best[3], best[4]
    between = left[cue.end():] if right_text is None else right_text[:cue.start()]
    return Tense(best[2], bool(joiners.fullmatch(between)) and (verbs is None or bool(verbs.fullmatch(cue.group()))))


# ------------------------------------------------------------------ the episode a year-less day belongs to
EPISODE_DAYS = 100  # a year-less day lies at most this far from the explicit full date of its episode
_FULL_DAY = re.compile(r"\d{4}-\d\d-\d\d")
_YEARLESS_DAY = re.compile(r"XXXX-\d\d-\d\d")


def _days(value: str, ref: date) -> int | None:
    try:
        return abs((date.fromisoformat(value[:10]) - ref).days)
    except ValueError:
        return None


def episode_value(dct_value: str, episode_candidate: str, full_day: str, dct_day: date | None) -> str:
    """The value of a year-less day ("the attack of October 7") that a full date of its sentence or paragraph
    ("October 8, 2023") may give its year, as HeidelTime takes the latest date mentioned as the reference of a
    narrative: `episode_candidate` (the day resolved against `full_day`) when it lies within EPISODE_DAYS of that
    date and less than half as far from it as `dct_value` (the day resolved against the DCT) lies from the DCT;
    else `dct_value`. A day near the DCT keeps the DCT's year ("signed on March 3, 2023, collapsed on November
    20" told on 26 November 2024: this November)."""
    if episode_candidate == dct_value or not _FULL_DAY.match(episode_candidate or "") or not _FULL_DAY.match(dct_value or ""):
        return dct_value
    to_episode = _days(episode_candidate, date.fromisoformat(full_day))
    if to_episode is None or to_episode > EPISODE_DAYS:
        return dct_value
    to_dct = _days(dct_value, dct_day) if dct_day is not None else None
    if to_dct is not None and 2 * to_episode >= to_dct:
        return dct_value
    return episode_candidate


_SENTENCE_END = re.compile(r"[.!?](?<![ap]\.m\.)\s+[A-Z¿¡\"]|\n")
_PARAGRAPH_END = re.compile(r"\n\s*\n")
EPISODE_CHARS = 600  # the date of the episode is at most this far before (in its paragraph)


class Episodes:
    """Walks an article's dates in text order and gives a year-less day the year of its episode (`episode_value`):
    the last day named before it in its paragraph, or else an explicit full date later in its sentence.

    `explicit`: (start, YYYY-MM-DD) of the dates whose year the text writes, in text order, or a function giving
    them (called once, when first needed)."""

    def __init__(self, text: str, dct_day: date | None, explicit):
        self.text, self.dct_day, self._explicit = text, dct_day, explicit
        self.last: tuple[int, str] | None = None  # (end, YYYY-MM-DD) of the last day named

    def _reference(self, start: int, end: int) -> str | None:
        """The day named last before [start, end) in its sentence, else an explicit one after it in its sentence,
        else the day named last before it in its paragraph (at most EPISODE_CHARS back)."""
        last = self.last
        if last is not None and not _SENTENCE_END.search(self.text, last[0], start):
            return last[1]
        stop = _SENTENCE_END.search(self.text, end)
        limit = stop.start() if stop else len(self.text)
        if callable(self._explicit):
            self._explicit = self._explicit()
        after = next((v for s, v in self._explicit if end <= s < limit), None)
        if after is not None:
            return after
        if last is not None and start - last[0] <= EPISODE_CHARS and not _PARAGRAPH_END.search(self.text, last[0], start):
            return last[1]
        return None

    def recent(self, start: int, scope: str) -> str | None:
        """The last day named before `start` in its sentence (at most 80 characters back) or, for scope
        "paragraph", in its paragraph (at most EPISODE_CHARS back); None if there is none."""
        last = self.last
        if last is None:
            return None
        if scope == "sentence":
            near = start - last[0] <= 80 and not _SENTENCE_END.search(self.text, last[0], start)
        else:
            near = start - last[0] <= EPISODE_CHARS and not _PARAGRAPH_END.search(self.text, last[0], start)
        return last[1] if near else None

    def value(self, start: int, end: int, value: str | None, relocate) -> str | None:
        """The value of the date at [start, end) resolved against the DCT as `value`; `relocate(YYYY-MM-DD)` gives
        it resolved against another day when it is a year-less day (else None). Then remembers the day it names."""
        if relocate is not None:
            ref = self._reference(start, end)
            if ref is not None and (self.dct_day is None or ref != self.dct_day.isoformat()):  # the DCT's day: as is
                candidate = relocate(ref)
                if candidate and not _FULL_DAY.match(value or ""):  # no DCT: the episode's year, if it is close
                    to_ref = _days(candidate, date.fromisoformat(ref)) if _FULL_DAY.match(candidate) else None
                    value = candidate if to_ref is not None and to_ref <= EPISODE_DAYS else value
                elif candidate:
                    value = episode_value(value, candidate, ref, self.dct_day)
        if value and _FULL_DAY.match(value) and (len(value) == 10 or value[10] == "T"):
            self.last = (end, value[:10])
        return value


def is_yearless_day(value: str | None) -> bool:
    """Whether a value resolved without a DCT is a day with no year (`XXXX-10-07`)."""
    return bool(value) and bool(_YEARLESS_DAY.fullmatch(value))


def is_full_day(value: str | None) -> bool:
    """Whether a value resolved without a DCT is a whole day (the text wrote its year)."""
    return bool(value) and bool(_FULL_DAY.fullmatch(value[:10])) and (len(value) == 10 or value[10] == "T")
