"""What an article's stated years say of its own year, to choose among the years a year-less dateline fits
(issue 22, round 6: the year-less wires left undated on the held-out world2 measure).

A year-less wire ("NAIROBI, June 25 (Reuters) - ... on Tuesday") whose weekdays fit two years of the corpus's span
(a day falls on the weekday one year and on the day after it the next) states years of its own elsewhere:

- **relations** (`year_relations` in each language's dct.yaml): a relative year told beside a stated one fixes
  the article's year: "next year's presidential election, set for February 2024" (2023), "announced last year,
  in July 2023" (2024), "the first anniversary of the coup of 26 July 2023" (2024), "julio del año pasado tras
  ganar ... junio de 2021" (2022). Relations that give different years fix nothing;
- **the latest stated year** (any past date, a bare year too: "won the 2022 election") bounds the article from
  below, and a wire's latest background year is recent: a fitting year within RECENT_YEARS after it, when it is
  the only one and the corpus has a stated article within NEWS_MONTHS of its day, is taken ("won the 2022 election" and a
  Tuesday 25 June: 2024, not 2025). Two fitting years within it (Kyodo's 8 March after "26 February 2022":
  2022 and 2023) choose nothing.

`text_choice` gives the year and why, or None and why not; the callers (`dct_near`) weigh it with the corpus.
"""
from __future__ import annotations

import re
from datetime import date
from functools import lru_cache

from .dct_header import _dct_data
from .dct_years import _weigh

RELATION_CHARS = 90  # a relative year word is this near the stated year, in the same sentence
RECENT_YEARS = 2  # a wire's latest stated year is at most this many years before it (when one fitting year is)
NEWS_MONTHS = 6  # ... and the corpus has a stated article within this many months of the year's day
_SENTENCE_END = re.compile(r"[.!?]\s|\n")


@lru_cache(maxsize=None)
def _relations(lang: str) -> tuple[tuple[re.Pattern, int], ...]:
    data = _dct_data()
    return tuple((re.compile(str(cue), re.I), int(years)) for code in dict.fromkeys(("en", lang))
                 for cue, years in (data.get(code, {}).get("year_relations") or {}).items())


def related_years(text: str, lang: str, stated=None) -> dict[int, str]:
    """{the article's year: the words that say so} from relative years told beside stated ones (see above).
    `stated`: the text's dates with their year (past and planned), when the caller has weighed them already."""
    out: dict[int, str] = {}
    if stated is None:
        ev = _weigh(text, lang)
        stated = ev.past + ev.planned
    for t in stated:
        m = re.match(r"(\d{4})", t.value or "")
        if not m:
            continue
        left = text[max(0, t.start - RELATION_CHARS):t.start]
        right = text[t.end:t.end + RELATION_CHARS]
        left = _SENTENCE_END.split(left)[-1]
        right = _SENTENCE_END.split(right)[0]
        for cue, years in _relations(lang):
            found = cue.search(left) or cue.search(right)
            if found:
                out.setdefault(int(m.group(1)) + years, f"{found.group()} ... {t.text}")
    return out


def text_choice(candidates: dict[int, date], text: str, lang: str, stated_months=None) -> tuple[int | None, str]:
    """The one year among `candidates` ({year: the dateline's day in it}, the years its weekdays fit) that the
    text's own years choose, and why; (None, why not) when they choose none or conflict. `stated_months`
    (YYYY-MM of the corpus's stated articles), when given: the latest-year rule takes a year only when the
    corpus has a stated article within NEWS_MONTHS of its day."""
    fits = sorted(candidates)
    if len(fits) < 2:
        return None, ""
    ev = _weigh(text, lang)
    related = related_years(text, lang, ev.past + ev.planned)
    if len(related) > 1:
        return None, f"its relative years disagree ({', '.join(map(str, sorted(related)))})"
    if related:
        year, words = next(iter(related.items()))
        if year in fits:
            return year, f"'{words}' makes it {year}"
        return None, f"conflicting evidence: '{words}' makes it {year}, the weekdays fit {', '.join(map(str, fits))}"
    latest = max((int(t.value[:4]) for t in ev.past if re.match(r"\d{4}", t.value or "")), default=None)
    if latest is None:
        return None, ""
    recent = [y for y in fits if latest <= y <= latest + RECENT_YEARS]
    if len(recent) == 1 and (stated_months is None or _near_stated(candidates[recent[0]], stated_months)):
        return recent[0], f"the only fitting year within {RECENT_YEARS} of the latest year it states ({latest})"
    return None, f"the weekdays fit {', '.join(map(str, fits))}; {len(recent)} within {RECENT_YEARS} of the latest year it states ({latest})"


def _near_stated(day: date, months) -> bool:
    """A stated article of the corpus was published within NEWS_MONTHS of `day`."""
    at = day.year * 12 + day.month
    return any(abs(int(m[:4]) * 12 + int(m[5:7]) - at) <= NEWS_MONTHS for m in months)
