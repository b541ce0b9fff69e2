"""A year-less date takes the year stated right after it (issue 23, salience23d).

A date written without its year ("April 16") is read against the article's date. When the same phrase states the
year once, at its end, that year is the date's: "between April 16 and May 28 2004" (April 16 2004, not of the
article's year), "Between April 10 and 12 2003", "on Valentine's Day last year", "both at Christmas in 2003".
The cues are data (`data/<lang>/timex/year_sharing.yaml`: which rules give year-less dates, the words joining two
dates of a range or coordination, the words linking a date to its year); a language without the file is left
as it is. Only a year written after the date is shared, never one before it (that may date another event).
"""
from __future__ import annotations

import dataclasses
import re
from datetime import date
from functools import lru_cache

from ..config import DATA_DIR, load_yaml
from ..schema import Timex
from .context import is_full_day
from .interval import BadTimexValue, narrow_interval, value_interval
from .rules import load_grammar

__all__ = ["share_years"]

_DAY = re.compile(r"\d{4}-\d\d-\d\d")
_STATED_YEAR = re.compile(r"(?<!\d)(?:1\d{3}|20\d\d)(?!\d)")
_POSSESSIVE = re.compile(r"['’]s\b")  # "On 5 May, last year's winner": the year is the winner's, not the date's


@lru_cache(maxsize=None)
def _cues(language: str):
    path = DATA_DIR / language / "timex" / "year_sharing.yaml"
    if not path.exists():
        return None
    raw = load_yaml(path.read_text(encoding="utf-8"))
    grammar = load_grammar(language)
    weekdays = dict(grammar.lexicons.get("weekday", {})) if grammar is not None else {}
    return (frozenset(raw["yearless_rules"]), re.compile(raw["joiner"]), re.compile(raw["year_link"]),
            re.compile(raw["deictic_opening"]), weekdays)


def weekday_fits(text: str, value: str, language: str) -> bool:
    """Whether the weekday a date's words name (if any) is the weekday of `value` (YYYY-MM-DD...) in `language`."""
    cues = _cues(language)
    return cues is None or not is_full_day(value) or _weekday_fits(text, value, cues[4])


def _weekday_fits(text: str, value: str, weekdays: dict) -> bool:
    """Whether a weekday the date names ("Friday 5 March") is that date's weekday in the year given (`value`)."""
    named = {weekdays[w.lower()] for w in re.findall(r"[^\W\d_]+", text) if w.lower() in weekdays}
    return not named or named == {str(date.fromisoformat(value[:10]).isoweekday())}


def _with_year(t: Timex, year: int) -> Timex | None:
    value = f"{year:04d}{t.value[4:]}"
    try:
        start, end, granularity = value_interval(value)
    except BadTimexValue:  # 29 February of a year without one
        return None
    start, end = narrow_interval(start, end, t.mod)
    return dataclasses.replace(t, value=value, date_start=start, date_end=end, granularity=granularity)


def share_years(text: str, timexes: list[Timex], language: str = "en") -> list[Timex]:
    """`timexes` (in text order) with each year-less date followed at once by its year, or by a date of the same
    range or coordination that states one, dated in that year. A range's year runs back over the turn of a year:
    "20 December to 5 January 2004" starts on 20 December 2003."""
    cues = _cues(language)
    if cues is None or len(timexes) < 2:
        return timexes
    yearless_rules, joiner, year_link, deictic, weekdays = cues
    out = list(timexes)
    stated = [t.type == "DATE" and bool(t.date_start) and bool(_STATED_YEAR.search(t.text)) for t in out]
    for k in range(len(out) - 2, -1, -1):  # right to left: "April 10 and 12 2003" passes 2003 on twice
        t, nxt = out[k], out[k + 1]
        if (t.rule not in yearless_rules or not _DAY.fullmatch(t.value or "") or _STATED_YEAR.search(t.text)
                or deictic.search(t.text) or not nxt.date_start or nxt.type != "DATE"):
            continue
        gap = text[t.end:nxt.start]
        if nxt.granularity == "year" and year_link.fullmatch(gap) and not _POSSESSIVE.match(text, nxt.end):  # "12 2003", "Christmas in 2003", "... last year"
            year = int(nxt.date_start[:4])
        elif stated[k + 1] and _DAY.match(nxt.value or "") and joiner.fullmatch(gap):
            year = int(nxt.value[:4]) - (t.value[5:10] > nxt.value[5:10])  # a range over New Year
        else:
            continue
        if year == int(t.value[:4]):
            stated[k] = True
            continue
        shared = _with_year(t, year)
        if shared is not None and _weekday_fits(t.text, shared.value, weekdays):
            out[k], stated[k] = shared, True
    return out
