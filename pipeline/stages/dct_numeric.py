"""Which reading of an ambiguous numeric header date ("05/08/2024": 5 August or May 8?) an article means (issue 22).

A header's label or the article's language decides first: a label or article in a language that writes day first
("Publié le 10/01/2024", "Veröffentlicht am 05.08.2024") reads day first. An English header is ambiguous: US pages
write the month first, agencies and most of the world the day first. Then the article decides: an unambiguous
numeric date elsewhere in it ("25/11/2020") shows its order; else the dates it states in words do, since an article
is published soon after what it reports: the reading with more stated dates (days or months) in the weeks before it
wins, then the one with fewer after it (`numeric_reading`). Then `read_order` (issue 22 round 6) checks the result
against the days the text reports as past: the other reading is taken when only it falls soon after them, and the
guess's note says so. With no evidence the month-first reading stays.
"""
from __future__ import annotations

import re
from dataclasses import replace
from datetime import date

from ..timex import find_timexes, numeric_order, tense_at

_AMBIGUOUS = re.compile(r"^\W*(?P<a>[01]?\d)(?P<sep>[./-])(?P<b>[01]?\d)(?P=sep)(?P<y>\d{4})(?!\d)")
_DAY = re.compile(r"^(\d{4})-(\d{2})-(\d{2})")
RECENT_DAYS = 45  # an article reports mostly what happened in the weeks before it
_STATED = re.compile(r"^(?P<y>\d{4}|XXXX)-(?P<m>\d{2})(?:-(?P<d>\d{2}))?$")


def _pair(a: int, b: int, year: int) -> tuple[date, date] | None:
    """(month first, day first) of the numeric date a/b/year when it reads both ways, else None."""
    if a == b or not (1 <= a <= 12 and 1 <= b <= 12):
        return None
    return date(year, a, b), date(year, b, a)


def _readings(words: str) -> tuple[date, date] | None:
    """(month first, day first) of an ambiguous numeric date, or None when the words are no such date."""
    m = _AMBIGUOUS.match(words)
    return _pair(int(m["a"]), int(m["b"]), int(m["y"])) if m else None


def _stated(text: str, skip: str) -> list[tuple[int, int | None, int]]:
    """(month, day or None, year or 0) of the dates the article states in words, the header date left out."""
    out = []
    for t in find_timexes(text, None, "en"):
        m = _STATED.match(t.value)
        if m and t.text != skip and not _AMBIGUOUS.match(t.text):
            out.append((int(m["m"]), int(m["d"]) if m["d"] else None, 0 if m["y"] == "XXXX" else int(m["y"])))
    return out


def _score(reading: date, stated) -> tuple[int, int]:
    """(minus how many stated dates of its year fall in the RECENT_DAYS before `reading`, how many fall after it):
    lower is likelier. A future plan ("work will begin in June") falls after either reading, so the recent past
    counts first."""
    recent = after = 0
    for month, day, year in stated:
        if year not in (0, reading.year):
            continue
        if (month, day or 0) > (reading.month, reading.day if day else 0):
            after += 1
        elif (reading - date(reading.year, month, day or 1)).days <= RECENT_DAYS:
            recent += 1
    return -recent, after


def numeric_reading(value: str, words: str, text: str, language: str) -> str:
    """`value` (YYYY-MM-DD, as the date's words were first read) or the other reading of an ambiguous numeric date,
    by the rules above. `language` is the header label's language, else the article's."""
    readings = _readings(words)
    if readings is None:
        return value
    mdy, dmy = readings
    if language != "en":
        return dmy.isoformat()
    order = numeric_order(text)
    if order:
        return (mdy if order == "mdy" else dmy).isoformat()
    stated = _stated(text, words)
    if not stated:
        return value
    s_mdy, s_dmy = _score(mdy, stated), _score(dmy, stated)
    if s_mdy == s_dmy:
        return value
    return (mdy if s_mdy < s_dmy else dmy).isoformat()


_NUMERIC = re.compile(r"(?<!\d)([0-3]?\d)[/.]([0-3]?\d)[/.](\d{4})(?!\d)")
ORDER_NEAR_DAYS = 31  # the other reading of 07/01/2022 is taken when the text's latest reported day is this near it
ORDER_FAR_DAYS = 62  # ... and this far from the first reading


def read_order(guess, text: str, language: str):
    """`guess` (a dct_header.DctGuess or None), or a copy read the other way. A header date written with numbers
    that read either way (`Issued on: 07/01/2022`, read month first in an English page) is read the other way when
    the days the text reports as past fit only that reading: the latest of them (in its year, or the year before
    when later in the year) falls within ORDER_NEAR_DAYS before the other reading and more than ORDER_FAR_DAYS
    before the first ("since the unrest began on 2 January" in a page of 7 January, not 1 July). Issue 22 round 6."""
    m = _NUMERIC.search(guess.evidence) if guess and _DAY.match(guess.value) else None
    pair = _pair(int(m[1]), int(m[2]), int(m[3])) if m else None
    if pair is None:
        return guess
    value, readings = date.fromisoformat(guess.value[:10]), set(pair)
    if value not in readings:
        return guess
    other = (readings - {value}).pop()
    at = text.find(guess.evidence)
    days = []
    for t in find_timexes(text, None, language):
        found = re.fullmatch(r"(XXXX|\d{4})-(\d\d)-(\d\d)", t.value or "")
        if (found and not (at <= t.start < at + len(guess.evidence)) and found[1] in ("XXXX", m[3])
                and tense_at(text, t.start, t.end, language) != "future"):
            days.append((int(found[2]), int(found[3])))

    def gap(day: date) -> int | None:
        before = [(day - date(day.year - ((mo, d) > (day.month, day.day)), mo, d)).days for mo, d in days
                  if (mo, d) != (2, 29)]
        return min(before) if before else None

    near, far = gap(other), gap(value)
    if near is None or far is None or not (near <= ORDER_NEAR_DAYS and far > ORDER_FAR_DAYS):
        return guess
    note = f"{m.group()} read as {other.isoformat()}: the days the text reports fit only that reading"
    return replace(guess, value=other.isoformat(), note="; ".join(x for x in (guess.note, note) if x))


