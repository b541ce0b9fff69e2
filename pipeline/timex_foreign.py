"""Explicit dates in languages without a grammar of ours (French, Russian, Turkish ...), via dateparser's locales.

We recognise the spans ourselves (day + month word [+ year], month word + year, numeric and ISO dates);
dateparser's locale data supplies the month words of the language, so we never ask it to find dates.
A language dateparser does not know gets numeric and ISO dates only. Nothing here raises on odd text.
"""
from __future__ import annotations

import re
from functools import lru_cache

from .documents import Timex
from .timex_resolve import Anchor, Unresolved, pick_year_for, value_interval

_MONTH_KEYS = ("january", "february", "march", "april", "may", "june", "july", "august", "september",
               "october", "november", "december")


@lru_cache(maxsize=None)
def month_words(language: str) -> dict[str, int]:
    """Month words of a language (lower case) -> month number, from dateparser's locale data."""
    try:
        from dateparser.languages.loader import default_loader

        info = default_loader.get_locale(language).info
    except Exception:  # unknown locale: no month words, numeric dates still work
        return {}
    words: dict[str, int] = {}
    for i, key in enumerate(_MONTH_KEYS, 1):
        for w in info.get(key, ()):
            w = str(w).lower().rstrip(".")
            if len(w) >= 3 and not w.isdigit():
                words[w] = i
    return words


@lru_cache(maxsize=None)
def _patterns(language: str) -> tuple[re.Pattern, ...]:
    words = month_words(language)
    alt = "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True)) or r"(?!x)x"
    month = rf"(?P<mon>{alt})(?:\.(?=\s*\d))?"
    year = r"(?P<y>1\d{3}|20\d{2})"
    return (
        re.compile(r"(?<!\d)(?P<iy>1\d{3}|20\d{2})-(?P<im>[01]\d)-(?P<id>[0-3]\d)(?!\d)"),
        re.compile(r"(?<![\d.])(?P<nd>[0-3]?\d)[./](?P<nm>[01]?\d)[./](?P<ny>1\d{3}|20\d{2})(?!\d)"),
        re.compile(rf"(?<![\w])(?P<d>[0-3]?\d)(?:-?(?:er|e|го|inci|ncı|nci|üncü|uncu))?\.?\s+(?:de\s+)?{month}(?:,?\s+(?:de\s+)?{year})?(?![\w])",
                   re.IGNORECASE),
        re.compile(rf"(?<![\w]){month}\s+{year}(?![\w])", re.IGNORECASE),
    )


def find_foreign_timexes(text: str, dct: str | None, language: str) -> list[Timex]:
    """Explicit dates in `text` written in `language`, normalised to TIMEX3 values (DATE only)."""
    anchor = Anchor.parse(dct)
    words = month_words(language)
    taken = bytearray(len(text) + 1)
    out: list[Timex] = []
    for rule_no, pattern in enumerate(_patterns(language)):
        for m in pattern.finditer(text):
            s, e = m.span()
            if any(taken[s:e]):
                continue
            g = m.groupdict()
            value = None
            if g.get("iy"):
                value = f"{g['iy']}-{g['im']}-{g['id']}"
            elif g.get("ny"):
                value = f"{g['ny']}-{int(g['nm']):02d}-{int(g['nd']):02d}"  # day-month order outside English
            elif g.get("mon"):
                mo = words.get(g["mon"].lower().rstrip("."))
                if not mo:
                    continue
                day = int(g["d"]) if g.get("d") else None
                if day is not None and not 1 <= day <= 31:
                    continue
                if g.get("y"):
                    value = f"{g['y']}-{mo:02d}" + (f"-{day:02d}" if day else "")
                elif day:
                    try:
                        value = f"{pick_year_for(mo, day, anchor, None):04d}-{mo:02d}-{day:02d}"
                    except Unresolved:
                        value = f"XXXX-{mo:02d}-{day:02d}"
            if not value:
                continue
            try:
                ds, de, gran = value_interval(value)
            except ValueError:
                continue
            if ds is None and not value.startswith("XXXX"):
                continue
            if value.startswith("XXXX"):
                gran = "day"
            taken[s:e] = b"\x01" * (e - s)
            out.append(Timex(s, e, m.group(), "DATE", value, None, ds, de, gran, f"foreign_{language}_{rule_no}"))
    out.sort(key=lambda t: t.start)
    return out
