"""Weighing the dates an article states, and fixing a year-less day's year from the weekdays and dates that
go with it; whether a year is told as over. Split from dct.py (issue 16).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache

from ..timex import find_timexes, tense_at
from ..timex.foreign import load_foreign
from ..timex.rules import load_grammar
from .dct_header import _alt, _dct_data, _explicit


WINDOW_YEARS = 5  # a weekday fixes a year-less day's year within this many years after the latest precise date


@dataclass(frozen=True)
class Evidence:
    """The dates an article states outright, weighed: `past` (told as past or present), `current` (those of
    them that may date the article: not historical), `anchors` (current, to the month or day: they fix the
    window where a weekday picks a year), `planned` (told as future) and `floor` (the latest past day stated,
    historical ones included: the article is not older)."""

    past: list
    current: list
    anchors: list
    planned: list
    floor: str | None


@lru_cache(maxsize=None)
def _history_cues(languages: tuple[str, ...]) -> tuple[re.Pattern, re.Pattern, re.Pattern, re.Pattern]:
    """(before a bare year, after a bare year, a span opened before, a span closed after) of `languages`."""
    data = [_dct_data().get(lang, {}) for lang in dict.fromkeys(("en", *languages))]
    before = "|".join(f"(?:{x})" for d in data for x in d.get("historical_before") or ()) or r"(?!x)x"
    after = "|".join(f"(?:{x})" for d in data for x in d.get("historical_after") or ()) or r"(?!x)x"
    every = {str(x) for d in data for x in d.get("span_open") or ()}
    # an opener that is also the language's everyday preposition ("la segunda vuelta de junio de 2021") opens a
    # span only with its closer ("de 1992 a 1994"), never alone (`span_open_needs_close`, issue 22 round 6)
    alone = _alt(every - {str(x) for d in data for x in d.get("span_open_needs_close") or ()})
    opens = _alt(every)
    closes = _alt({str(x) for d in data for x in d.get("span_close") or ()})
    return (re.compile(f"(?:{before})", re.I), re.compile(f"(?:{after})", re.I),
            re.compile(rf"(?<!\w)(?:{alone})\s+(?:\S+\s+){{0,3}}$|(?<!\w)(?:{opens})\s+.{{0,40}}?(?:{closes})\s*$", re.I),
            re.compile(rf"^\s*(?:{closes})\s*(?:\S+\s+){{0,2}}?\S*\d{{4}}", re.I))


@lru_cache(maxsize=None)
def _planned_cue(languages: tuple[str, ...]) -> re.Pattern:
    """Words before a date that make it a date from which something will hold ("a partir del 1 de enero de
    2024", "with effect from"): planned, even in a sentence told in the past (`planned_before` in dct.yaml)."""
    cues = [str(x) for lang in dict.fromkeys(("en", *languages)) for x in _dct_data().get(lang, {}).get("planned_before") or ()]
    return re.compile("|".join(f"(?:{c})" for c in cues) or r"(?!x)x", re.I)


def _historical(text: str, t, language: str) -> bool:
    """A date that names history, not the article's time: a bare year with a historical cue ("since 1988",
    "the 1994 ceasefire"), or any date inside a closed span ("between 1992 and 1994", "... to May 1994")."""
    before_year, after_year, span_before, span_after = _history_cues((language,))
    left, right = text[max(0, t.start - 60):t.start], text[t.end:t.end + 30]
    if t.granularity == "year" and (before_year.search(left) or after_year.match(right)):
        return True
    return bool(span_before.search(left) or (span_after.match(right) and span_before.search(left + " x")))


def _weigh(text: str, language: str) -> Evidence:
    explicit = _explicit(text, language)
    planned_cue = _planned_cue((language,))
    past = [t for t in explicit if tense_at(text, t.start, t.end, language) != "future"
            and not planned_cue.search(text[max(0, t.start - 30):t.start])]
    in_past = {id(t) for t in past}  # (by identity: `t in list` compared dataclasses pairwise, a 1 MB run of dates took minutes)
    planned = [t for t in explicit if id(t) not in in_past]
    current = [t for t in past if not _historical(text, t, language)]
    in_current = {id(t) for t in current}
    # a date older than the history the text recounts is history too ("broke out in 1988 ... between 1992 and 1994")
    history = max((t.date_end or t.date_start for t in past if id(t) not in in_current), default="")
    current = [t for t in current if (t.date_end or t.date_start) > history]
    anchors = [t for t in current if t.granularity in ("day", "month")]
    floor = max((t.date_start for t in past), default=None)
    return Evidence(past, current, anchors, planned, floor)


def _lead_weekdays(line: str, language: str) -> set[int]:
    """Weekdays named in a dateline's paragraph ("... for a second day on Sunday"): the days of the news."""
    g = load_grammar("en")
    found = {int(g.lookup("weekday", m.group())) for m in re.finditer(rf"(?<!\w)(?:{g.alternations['weekday']})(?!\w)", line, re.I)}
    if language != "en":
        weekdays = load_foreign(language).weekdays
        found |= {weekdays[w.lower()] for w in re.findall(r"[^\W\d_]+", line) if w.lower() in weekdays}
    return found


def _weekday_years(mo: int, d: int, weekdays: set[int], start: date, years: range, back: int = 0) -> list[int]:
    """The years of `years` whose mo-d falls `back` days after one of `weekdays`, on or after `start`."""
    out = []
    for y in years:
        try:
            day = date(y, mo, d)
        except ValueError:
            continue
        if day >= start and (day - timedelta(days=back)).isoweekday() in weekdays:
            out.append(y)
    return out


NEWS_DAY_LAG = (0, 1)  # a dateline's paragraph names the day of its dateline, or the day before ("on Sunday" in a Monday story)


WINDOW_PAIRS = 12  # with weekday-date pairs stated in the text as a second check, the window is this wide
NEAR_DAYS = 366  # a fitting year this close after the latest precise date stated beats a later one


def _pairs_hold(pairs, year: int, mo: int, d: int) -> bool:
    """Every (weekday, month, day) pair holds in `year` (in the year before when it falls after mo-d)."""
    for wd, pm, pd, _ in pairs:
        try:
            if date(year - ((pm, pd) > (mo, d)), pm, pd).isoweekday() != wd:
                return False
        except ValueError:
            return False
    return True


def _year_for(mo: int, d: int, weekdays: set[int], ev: Evidence, own: bool = False, pairs=()) -> tuple[int | None, str]:
    """The year of a year-less day (a dateline's, or one a relative word points at), and a note when none.

    With weekdays (its own, `own`, or those its paragraph names, which may be the day before): the one year
    within WINDOW_YEARS after the latest precise date the text states (not historical) whose mo-d falls on one
    of them (the same day first, then the day after); two such years, or none, or no precise date to start
    from, give no year. Without: the first occurrence on or after the latest date stated as past (a precise
    one must exist), else the last before the earliest date spoken of as planned."""
    floor = date.fromisoformat(ev.floor) if ev.floor else date.min
    md = f"{mo:02d}-{d:02d}"
    if weekdays:
        if ev.anchors:
            first = int(max(t.date_start for t in ev.anchors)[:4])
            years_range = range(first, first + WINDOW_YEARS + 1)
        else:  # only dates spoken of as planned (or misread as such): the years around the first of them
            planned = [t for t in ev.planned if t.granularity in ("day", "month")]
            if not planned:
                return None, "a weekday but no precise date to fix its year"
            first = int(min(t.date_start for t in planned)[:4])
            years_range = range(first - 1, first + 2)
        found: list[int] = []
        lags = (0,) if own else NEWS_DAY_LAG
        if pairs:  # the weekday-date pairs the text states must hold too; they allow a wider window
            wide = range(years_range.start, years_range.start + WINDOW_PAIRS + 1)
            for back in lags:
                found = [y for y in _weekday_years(mo, d, weekdays, floor, wide, back) if _pairs_hold(pairs, y, mo, d)]
                if found:
                    break
        if not found:
            for back in lags:
                found = _weekday_years(mo, d, weekdays, floor, years_range, back)
                if found:
                    break
        if len(found) == 1:
            return found[0], ""
        if len(found) > 1 and ev.anchors:  # the next fit within a year of the latest precise date stated wins
            latest = date.fromisoformat((max(t.date_start for t in ev.anchors) + "-01")[:10])
            if timedelta(0) <= date(found[0], mo, d) - latest <= timedelta(days=NEAR_DAYS):
                return found[0], f"the weekdays also fit {', '.join(map(str, found[1:]))}; the year nearest the latest date stated"
        return None, ("the weekdays fit no year near the dates stated" if not found else
                      f"the weekdays fit {', '.join(map(str, found))}")
    if ev.anchors:
        latest = max(t.date_start for t in ev.past)
        return int(latest[:4]) + (latest[5:] > md), ""
    planned = [t for t in ev.planned if t.granularity in ("day", "month")]  # a bare year planned is too weak
    if planned and not ev.past:  # ("ruled from 1991 until 2019": 'until' reads as future; it had dated 1990)
        first = min(t.date_start for t in planned)
        return int(first[:4]) - (first[5:] < md), ""
    return None, "no precise date to fix the year"


def _year_from_pairs(pairs, ev: Evidence) -> int | None:
    """The year in which every weekday-date pair holds: that of the latest current stated date or the next;
    with only dates spoken of as planned (or misread as such), that of the earliest of them or the one before."""
    planned = [t for t in ev.planned if t.granularity in ("day", "month")]  # a bare year is too weak
    if not pairs or not (ev.current or planned):
        return None
    if ev.current:
        latest = max(int(t.value[:4]) for t in ev.current)
        years = (latest, latest + 1)
    else:
        first = min(int(t.value[:4]) for t in planned)
        years = (first, first - 1)
    for year in years:
        try:
            if all(date(year, mo, d).isoweekday() == wd for wd, mo, d, _ in pairs):
                return year
        except ValueError:
            continue
    return None


@lru_cache(maxsize=None)
def _relative_regex(languages: tuple[str, ...]) -> tuple[re.Pattern, dict[str, int]]:
    """A relative day word with a date in brackets ("yesterday (November 17)"), and each word's offset."""
    offsets = {str(k).lower(): int(v) for lang in dict.fromkeys(("en", *languages))
               for k, v in (_dct_data().get(lang, {}).get("relative_days") or {}).items()}
    return re.compile(rf"(?<!\w)(?P<rel>{_alt(offsets)})\s*[(,]\s*(?P<inner>[^()\n]{{3,30}}?)\s*\)", re.I), offsets


def _relative_pairs(text: str, languages: tuple[str, ...]) -> list[tuple[int, int, int, str]]:
    """(days back to the article's day, month, day, words) for "yesterday (November 17)", "hier (17 novembre)"."""
    regex, offsets = _relative_regex(languages)
    out = []
    for m in regex.finditer(text):
        found = None
        for lang in dict.fromkeys(languages):
            found = next((t for t in find_timexes(m.group("inner"), None, lang)
                          if re.fullmatch(r"XXXX-\d\d-\d\d", t.value or "")), None)
            if found:
                break
        if found:
            out.append((offsets[" ".join(m.group("rel").lower().split())], int(found.value[5:7]), int(found.value[8:10]), m.group()))
    return out


def _month_of(day_value: str) -> str:
    return day_value[:7]


YEAR_OVER_MODS = ("END",)  # "the end of 2020", "late 2020" -- not "in 2020" nor "early 2020"
# The latest date reported dates an article (its month) only when it is a day told in the lead: on crawled
# Timeline17 pages a latest bare year gave the right year 7 times in 149, a month 4 in 57, a day outside the
# first LEAD_CHARS characters 20 in 76, a day inside them 46 in 56 (bench/dct_eval.py, issue 22).
LEAD_CHARS = 600


def _year_is_over(text: str, timex, language: str) -> bool:
    """The end of a year told in the past tense by its number ("signed at the end of 2020"): writers call the
    current year "this year", so the article is from a later year (the next one, as a lower bound)."""
    return (timex.granularity == "year" and re.fullmatch(r"\d{4}", timex.value or "") is not None
            and timex.mod in YEAR_OVER_MODS and tense_at(text, timex.start, timex.end, language) == "past")
