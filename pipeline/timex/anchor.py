"""The DCT as far as it is known (`Anchor`) and reference-date arithmetic: calendar helpers, the year a
year-less day falls in, `@...@` expressions filled from the anchor, holiday dates. Split from resolve.py
(issue 16).
"""
from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache

from .interval import BadTimexValue


SEASONS = ("SP", "SU", "FA", "WI")  # in year order; WI is the winter that starts in December
_SEASON_OF_MONTH = {12: "WI", 1: "WI", 2: "WI", 3: "SP", 4: "SP", 5: "SP", 6: "SU", 7: "SU", 8: "SU",
                    9: "FA", 10: "FA", 11: "FA"}


@dataclass(frozen=True)
class Anchor:
    """The DCT as far as it is known: year, and month and day when the DCT is that precise."""

    year: int
    month: int | None = None
    day: int | None = None

    @classmethod
    @lru_cache(maxsize=256)  # one DCT per article, asked for by every tagging of it
    def parse(cls, dct: str | None) -> "Anchor | None":
        if not dct:
            return None
        m = re.match(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?", dct.strip())
        if not m:
            return None
        y, mo, d = int(m[1]), int(m[2]) if m[2] else None, int(m[3]) if m[3] else None
        try:
            date(y, mo or 1, d or 1)
        except ValueError:
            return None
        return cls(y, mo, d)

    @property
    def date(self) -> date | None:
        return date(self.year, self.month, self.day) if self.day else None

    @property
    def value(self) -> str:
        return f"{self.year:04d}" + (f"-{self.month:02d}" if self.month else "") + (f"-{self.day:02d}" if self.day else "")


class Unresolved(Exception):
    """The DCT is missing or too coarse for this part of the value."""


# ------------------------------------------------------------------ small calendar helpers
def _iso_day(d: date) -> str:
    return d.isoformat()


def _week(d: date) -> str:
    y, w, _ = d.isocalendar()
    return f"{y:04d}-W{w:02d}"


def _add_months(y: int, m: int, k: int) -> tuple[int, int]:
    n = y * 12 + (m - 1) + k
    return n // 12, n % 12 + 1


def _need_day(a: Anchor | None) -> date:
    if a is None or a.day is None:
        raise Unresolved
    return a.date


def _need_month(a: Anchor | None) -> tuple[int, int]:
    if a is None or a.month is None:
        raise Unresolved
    return a.year, a.month


def _need_year(a: Anchor | None) -> int:
    if a is None:
        raise Unresolved
    return a.year


_INT = re.compile(r"[+-]?\d+")
_UNIT_OFFSET = re.compile(r"(Y|M|D|W|Q|H|DE|CE|WE|SE)([+-]\d+)")  # "@Y-1@", "@D+0@" (compiled once: asked per date)


def _offset(text: str) -> int:
    text = (text or "0").strip()
    return int(text) if _INT.fullmatch(text) else 0


def _season_year(y: int, m: int) -> tuple[int, str]:
    """The season a month falls in, with the year that season is named by (Jan/Feb winter -> last year)."""
    s = _SEASON_OF_MONTH[m]
    return (y - 1 if m in (1, 2) else y), s


# ------------------------------------------------------------------ @...@ expressions
# About a quarter of a year either side of the DCT: news mostly reports the recent past and the near
# future (chosen on TempEval-3 train, where 100 days/2-3 months did best).
NEAR_DAYS = 100
NEAR_MONTHS = 3


def _nearest_leaning_past(cands: dict[int, int], default: int) -> int:
    """Of candidate years (year -> signed distance from the DCT), the last one before the DCT, unless the next
    one after it is less than half as far: news tells of the past more than of the future."""
    past = [(-d, c) for c, d in cands.items() if d <= 0]
    future = [(d, c) for c, d in cands.items() if d > 0]
    if not past:
        return min(future)[1] if future else default
    if future and 2 * min(future)[0] < min(past)[0]:
        return min(future)[1]
    return min(past)[1]


def _bound_past(tense) -> bool:
    """A past cue bound to the date ("signed on January 1"; `context.Tense`): the date is not ahead of the DCT."""
    return tense == "past" and getattr(tense, "bound", False)


def pick_year_for(month: int, day: int | None, a: Anchor | None, tense: str | None) -> int:
    """The year of a year-less month (and day) that fits the DCT and the tense around it.

    A date close to the DCT (within NEAR_DAYS days, or NEAR_MONTHS months for a month) is taken as the
    nearest occurrence whatever the tense, except that a past verb bound to the date ("signed on January 1")
    never gives a future one (issue 22); farther ones follow the tense (past -> the last such date,
    future -> the next one), and without a tense cue the last one unless the next is less than half as far. A DCT known only to the year cannot
    place a past or future one (Unresolved).
    """
    y = _need_year(a)
    if a.month is None and tense in ("past", "future"):
        # only the year is known: a past 10 November may be this year's or last year's
        raise Unresolved("a year-less date told in the past or future needs at least the DCT's month")
    if a.month is None or month == a.month:
        return y
    if a.day is None or day is None:
        # month precision: months as numbers, the DCT's month counts as "now"
        now = a.year * 12 + a.month - 1
        cands = {c: c * 12 + month - 1 - now for c in (y - 1, y, y + 1)}
        near = min(cands, key=lambda c: abs(cands[c]))
        if abs(cands[near]) <= NEAR_MONTHS and not (cands[near] > 0 and _bound_past(tense)):
            return near
        if tense == "past":
            return max(c for c, d in cands.items() if d < 0)
        if tense == "future":
            return min(c for c, d in cands.items() if d > 0)
        return _nearest_leaning_past(cands, y)
    ref = a.date
    cands = {}
    for c in (y - 1, y, y + 1):
        try:
            cands[c] = (date(c, month, day) - ref).days
        except ValueError:
            continue
    if not cands:
        raise Unresolved
    near = min(cands, key=lambda c: abs(cands[c]))
    if abs(cands[near]) <= NEAR_DAYS and not (cands[near] > 0 and _bound_past(tense)):
        return near
    if tense == "past":
        return max((c for c, d in cands.items() if d <= 0), default=y)
    if tense == "future":
        return min((c for c, d in cands.items() if d >= 0), default=y)
    return _nearest_leaning_past(cands, y)  # no cue: "11 de septiembre" in January is last September's


def _weekday(n: int, a: Anchor | None, tense: str | None, strict: str | None = None) -> str:
    d = _need_day(a)
    diff = (n - d.isoweekday()) % 7  # days forward to the next such weekday (0 = the DCT itself)
    if strict == "last" or (strict is None and tense != "future"):
        back = (d.isoweekday() - n) % 7
        if strict == "last" and back == 0:
            back = 7
        return _iso_day(d - timedelta(days=back))
    if strict == "next" and diff == 0:
        diff = 7
    return _iso_day(d + timedelta(days=diff))


def _at(expr: str, a: Anchor | None, tense: str | None) -> str:
    m = _UNIT_OFFSET.fullmatch(expr)
    if m:
        unit, k = m[1], int(m[2])
        if unit == "Y":
            return f"{_need_year(a) + k:04d}"
        if unit == "M":
            return "%04d-%02d" % _add_months(*_need_month(a), k)
        if unit == "D":
            return _iso_day(_need_day(a) + timedelta(days=k))
        if unit == "W":
            return _week(_need_day(a) + timedelta(weeks=k))
        if unit == "WE":
            return _week(_need_day(a) + timedelta(weeks=k)) + "-WE"
        if unit == "Q":
            y, mo = _need_month(a)
            q = y * 4 + (mo - 1) // 3 + k
            return f"{q // 4:04d}-Q{q % 4 + 1}"
        if unit == "H":
            y, mo = _need_month(a)
            h = y * 2 + (mo - 1) // 6 + k
            return f"{h // 2:04d}-H{h % 2 + 1}"
        if unit == "DE":
            return f"{_need_year(a) // 10 + k:03d}X"
        if unit == "CE":
            return f"{_need_year(a) // 100 + k:02d}"
        if unit == "SE":
            sy, s = _season_year(*_need_month(a))
            i = sy * 4 + SEASONS.index(s) + k
            return f"{i // 4:04d}-{SEASONS[i % 4]}"
    kind, _, arg = expr.partition(":")
    if kind == "WD":
        return _weekday(int(arg), a, tense)
    if kind == "LASTWD":
        return _weekday(int(arg), a, tense, "last")
    if kind == "NEXTWD":
        return _weekday(int(arg), a, tense, "next")
    if kind == "FWD":  # a weekday reached going forward ("continued into Thursday"): that day or the next one
        return _weekday(int(arg), a, "future")
    if kind == "YM":
        mo = int(arg)
        return f"{pick_year_for(mo, None, a, tense):04d}-{mo:02d}"
    if kind == "YMD":
        mo, d = (int(x) for x in arg.split("-"))
        return f"{pick_year_for(mo, d, a, tense):04d}-{mo:02d}-{d:02d}"
    if kind == "YS":
        return f"{_need_year(a):04d}-{arg}"
    if kind == "DOM":  # a day of the month without its month ("el día 8"): this month, or the next/last by tense
        ref = _need_day(a)
        day = int(arg)
        y, mo = ref.year, ref.month
        if tense == "future" and day < ref.day:
            y, mo = _add_months(y, mo, 1)
        elif tense == "past" and day > ref.day:
            y, mo = _add_months(y, mo, -1)
        return date(y, mo, day).isoformat()
    if kind == "WKND":  # "the weekend": the one before the DCT in past tense, else the coming one
        sat = date.fromisoformat(_weekday(6, a, tense))
        return _week(sat) + "-WE"
    if kind in ("LAST", "NEXT"):
        y, cur = _need_month(a)
        mo = int(arg)
        if kind == "LAST":
            return f"{y if mo < cur else y - 1:04d}-{mo:02d}"
        return f"{y if mo > cur else y + 1:04d}-{mo:02d}"
    raise BadTimexValue(f"unknown resolver expression @{expr}@")


_UNRESOLVED_AT = {"WKND": "XXXX-WXX-WE", "Y": "XXXX", "M": "XXXX-XX", "D": "XXXX-XX-XX", "W": "XXXX-WXX", "WE": "XXXX-WXX-WE",
                  "Q": "XXXX-QX", "H": "XXXX-HX", "DE": "XXXX", "CE": "XX", "SE": "XXXX-XX"}


def _unresolved_at(expr: str) -> str:
    m = _UNIT_OFFSET.fullmatch(expr)
    if m:
        return _UNRESOLVED_AT[m[1]]
    if expr in _UNRESOLVED_AT:
        return _UNRESOLVED_AT[expr]
    kind, _, arg = expr.partition(":")
    if kind in ("WD", "LASTWD", "NEXTWD", "FWD"):
        return f"XXXX-WXX-{arg}"
    if kind == "DOM":
        return f"XXXX-XX-{int(arg):02d}"
    if kind in ("YM", "LAST", "NEXT"):
        return f"XXXX-{int(arg):02d}"
    if kind == "YMD":
        return f"XXXX-{arg}"
    if kind == "YS":
        return f"XXXX-{arg}"
    return "XXXX"


_AT = re.compile(r"@([^@]+)@")


def _fill_at(value: str, a: Anchor | None, tense: str | None) -> str:
    def one(m: re.Match) -> str:
        try:
            return _at(m[1], a, tense)
        except BadTimexValue:  # a grammar bug: say so
            raise
        except (Unresolved, OverflowError, ValueError):  # no DCT, too coarse, or off the calendar
            return _unresolved_at(m[1])

    return _AT.sub(one, value)


def holiday_date(rule: str, year: int) -> date:
    """The date of a holiday rule ("12-25", "11:4:4" = 4th Thursday of November, "11:2:1+" = the Tuesday
    after the first Monday, "05:1:-1" = last Monday of May) in a year."""
    if "-" in rule and ":" not in rule:
        mo, d = (int(x) for x in rule.split("-"))
        return date(year, mo, d)
    mo, wd, n = rule.split(":")
    mo, wd = int(mo), int(wd)
    if n.endswith("+"):  # the weekday after the first Monday (US Election Day)
        first_monday = date(year, mo, 1) + timedelta(days=(1 - date(year, mo, 1).isoweekday()) % 7)
        return first_monday + timedelta(days=(wd - 1) % 7 or 7)
    n = int(n)
    if n > 0:
        first = date(year, mo, 1)
        return first + timedelta(days=(wd - first.isoweekday()) % 7 + 7 * (n - 1))
    last = date(year, mo, calendar.monthrange(year, mo)[1])
    return last - timedelta(days=(last.isoweekday() - wd) % 7)
