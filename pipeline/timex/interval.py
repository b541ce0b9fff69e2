"""The interval a TIMEX3 value stands for (first and last day, granularity), and how a part mod narrows it.

Split from `resolve` (which re-exports these names): resolving fills a value in, this reads a value out.
"""
from __future__ import annotations

import calendar
import re
from datetime import date, timedelta
from functools import lru_cache

from ..errors import PipelineError

_SEASON_SPAN = {"SP": ((3, 1), (5, 31)), "SU": ((6, 1), (8, 31)), "FA": ((9, 1), (11, 30)), "WI": ((12, 1), (2, None))}


class BadTimexValue(PipelineError, ValueError):
    """A TIMEX3 value that cannot be read (e.g. month 13)."""


def _ymd(y: int, m: int, d: int) -> str:
    return date(y, m, d).isoformat()


def _month_end(y: int, m: int) -> int:
    return calendar.monthrange(y, m)[1]


@lru_cache(maxsize=4096)  # a corpus repeats its values (every stage that reads dates asks again)
def value_interval(value: str | None) -> tuple[str | None, str | None, str]:
    """Return (start, end, granularity) for a TIMEX3 value; underspecified or non-date values give Nones
    (with the granularity the value's shape states, e.g. XXXX-11 -> month, P6W -> unknown).

    Handles days (with or without a time), months, ISO weeks and weekends, seasons, quarters, halves,
    years, decades (`198X` or TimeML's `198`) and centuries (`19`). Raises BadTimexValue for a value of a
    date shape with impossible numbers (month 13).
    """
    if not value:
        return None, None, "unknown"
    v = value.strip()
    try:
        m = re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})(T.*)?", v)
        if m:
            day = _ymd(int(m[1]), int(m[2]), int(m[3]))
            return day, day, "time" if m[4] else "day"
        m = re.fullmatch(r"(\d{4})-(\d{2})", v)
        if m:
            y, mo = int(m[1]), int(m[2])
            return _ymd(y, mo, 1), _ymd(y, mo, _month_end(y, mo)), "month"
        m = re.fullmatch(r"(\d{4})-W(\d{2})(-WE)?", v)
        if m:
            y, w = int(m[1]), int(m[2])
            monday = date.fromisocalendar(y, w, 1)
            if m[3]:
                return (monday + timedelta(days=5)).isoformat(), (monday + timedelta(days=6)).isoformat(), "week"
            return monday.isoformat(), (monday + timedelta(days=6)).isoformat(), "week"
        m = re.fullmatch(r"(\d{4})-(SP|SU|FA|WI)", v)
        if m:
            y = int(m[1])
            (m1, d1), (m2, d2) = _SEASON_SPAN[m[2]]
            y2 = y + 1 if m[2] == "WI" else y
            return _ymd(y, m1, d1), _ymd(y2, m2, d2 or _month_end(y2, m2)), "season"
        m = re.fullmatch(r"(\d{4})-Q([1-4])", v)
        if m:
            y, q = int(m[1]), int(m[2])
            return _ymd(y, 3 * q - 2, 1), _ymd(y, 3 * q, _month_end(y, 3 * q)), "quarter"
        m = re.fullmatch(r"(\d{4})-H([12])", v)
        if m:
            y, h = int(m[1]), int(m[2])
            return _ymd(y, 6 * h - 5, 1), _ymd(y, 6 * h, 30 if h == 1 else 31), "half"
        m = re.fullmatch(r"(\d{4})", v)
        if m:
            y = int(m[1])
            return _ymd(y, 1, 1), _ymd(y, 12, 31), "year"
        m = re.fullmatch(r"(\d{3})X?", v)
        if m:
            y = int(m[1]) * 10
            return _ymd(max(y, 1), 1, 1), _ymd(y + 9, 12, 31), "decade"
        m = re.fullmatch(r"(\d{2})(?:XX)?", v)
        if m:
            y = int(m[1]) * 100
            return _ymd(max(y, 1), 1, 1), _ymd(y + 99, 12, 31), "century"
    except ValueError as exc:
        raise BadTimexValue(f"{value!r} is not a valid TIMEX3 date value: {exc}") from None
    return None, None, granularity_of(v)  # underspecified (XXXX-11 -> month) or not a date (P6W -> unknown)


PART_MODS = {"START": 0, "EARLY": 0, "MID": 1, "END": 2, "LATE": 2}  # TIMEX3 mods naming a third of a period


def narrow_interval(start: str | None, end: str | None, mod: str | None) -> tuple[str | None, str | None]:
    """The part of [start, end] a TIMEX3 mod names: START/EARLY the first third, MID the middle one,
    END/LATE the last ("the end of 2020" -> 2020-09-01 .. 2020-12-31); other mods leave it whole.
    A third is counted in days, so it does not depend on the period's unit."""
    part = PART_MODS.get(mod or "")
    if part is None or not start or not end:
        return start, end
    d0, d1 = date.fromisoformat(start), date.fromisoformat(end)
    days = (d1 - d0).days + 1
    if days < 3:
        return start, end
    third = days // 3
    lo = d0 + timedelta(days=third * part)
    hi = d1 if part == 2 else lo + timedelta(days=third - 1)
    if part == 2:
        lo = d1 - timedelta(days=third - 1)
    return lo.isoformat(), hi.isoformat()


_SHAPES = (
    (re.compile(r"[\dX]{4}-[\dX]{2}-[\dX]{2}T.*"), "time"),
    (re.compile(r"[\dX]{4}-[\dX]{2}-[\dX]{2}"), "day"),
    (re.compile(r"[\dX]{4}-W[\dX]{2}(-WE)?"), "week"),
    (re.compile(r"[\dX]{4}-W[\dX]{2}-\d(T.*)?"), "day"),
    (re.compile(r"[\dX]{4}-(SP|SU|FA|WI)"), "season"),
    (re.compile(r"[\dX]{4}-Q[\dX]"), "quarter"),
    (re.compile(r"[\dX]{4}-H[\dX]"), "half"),
    (re.compile(r"[\dX]{4}-[\dX]{2}"), "month"),
    (re.compile(r"\d{4}|XXXX"), "year"),
    (re.compile(r"\d{3}X?"), "decade"),
    (re.compile(r"\d{2}(XX)?"), "century"),
)


def granularity_of(value: str | None) -> str:
    """The granularity a value's shape states, even when it is underspecified (XXXX-11 -> month)."""
    for regex, gran in _SHAPES:
        if value and regex.fullmatch(value):
            return gran
    return "unknown"
