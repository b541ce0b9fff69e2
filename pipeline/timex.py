"""Temporal tagger (stub): finds a few explicit date forms and resolves them against the DCT.

Issue 3 replaces this with the full grammar. Interface kept stable:
`find_timexes(text, dct, language) -> list[Timex]` and `annotate(doc) -> doc`.
"""
from __future__ import annotations

import calendar
import re
from datetime import date

from .documents import Document, Timex

_MONTHS = {m.lower(): i for i, m in enumerate(calendar.month_name) if m}
_MONTHS.update({m.lower(): i for i, m in enumerate(calendar.month_abbr) if m})
_MON = r"(?P<mon>January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\.?"
_PATTERNS = [
    re.compile(r"\b(?P<day>\d{1,2})\s+" + _MON + r",?\s+(?P<year>\d{4})\b"),
    re.compile(r"\b" + _MON + r"\s+(?P<day>\d{1,2}),?\s+(?P<year>\d{4})\b"),
    re.compile(r"\b(?P<day>\d{1,2})\s+" + _MON + r"(?!\w)"),
    re.compile(r"\b" + _MON + r"\s+(?P<day>\d{1,2})\b"),
]


def value_interval(value: str) -> tuple[str | None, str | None, str]:
    """Return (start, end, granularity) of a TIMEX3 date value; unresolved values give Nones."""
    m = re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})", value)
    if m:
        return value, value, "day"
    m = re.fullmatch(r"(\d{4})-(\d{2})", value)
    if m:
        y, mo = int(m[1]), int(m[2])
        return f"{value}-01", f"{value}-{calendar.monthrange(y, mo)[1]:02d}", "month"
    m = re.fullmatch(r"\d{4}", value)
    if m:
        return f"{value}-01-01", f"{value}-12-31", "year"
    return None, None, "unknown"


def find_timexes(text: str, dct: str | None = None, language: str = "en") -> list[Timex]:
    """Find explicit dates; year-less ones take the DCT's year when it is known."""
    dct_year = int(dct[:4]) if dct and dct[:4].isdigit() else None
    found: list[Timex] = []
    taken: list[tuple[int, int]] = []
    for pattern in _PATTERNS:
        for m in pattern.finditer(text):
            if any(a < m.end() and m.start() < b for a, b in taken):
                continue
            month = _MONTHS[m["mon"].lower().rstrip(".")[:3]]
            day = int(m["day"])
            year = int(m.groupdict().get("year") or 0) or dct_year
            try:
                date(year or 2000, month, day)
            except ValueError:
                continue
            value = f"{year:04d}-{month:02d}-{day:02d}" if year else f"XXXX-{month:02d}-{day:02d}"
            start, end, gran = value_interval(value)
            found.append(Timex(m.start(), m.end(), m.group(), "DATE", value, None, start, end, "day" if year else "day", "stub"))
            taken.append((m.start(), m.end()))
    return sorted(found, key=lambda t: t.start)


def annotate(doc: Document) -> Document:
    doc.timexes = find_timexes(doc.text, doc.published, doc.language)
    return doc
