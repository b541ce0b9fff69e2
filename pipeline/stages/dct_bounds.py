"""Whether a year inferred from the dates a page states can be backed (issue 22).

The latest date a text reports, a weekday written with a year-less day, a relative day ("yesterday (November
17)") give the article's year only as a lower bound: a retrospective written years later states the same dates
("When Michael Jackson died on 25 June 2009, ..." in a 2011 profile; "Robin Cook's resignation speech to the
House of Commons, 17 March 2003" reprinted in 2005). Such a year is withheld (no value, and `dct_note` says why)
when the page itself speaks against it:
- (the latest date stated only) the text says time has passed since what it reports (`elapsed` in pipeline/data/<lang>/timex/dct.yaml:
  "a year ago", "two years later", "anniversary", "last year");
- the page shows a later year: a copyright line ("Copyright 2011 ...", "© 2011") or the first reader comment's
  stamp ("January 30, 2011 at 3:07 pm | Report abuse"; the `stamp_not_page` cues), both upper bounds of the
  article's date, in a later year than the inferred one;
- a weekday-date pair that fixes the year holds in another year of the window too.
On the 2,921 crawled T17 pages the `latest date` basis gave a wrong year 14 times in 101 before these checks.
Only regex searches over the text (no tagging): cheap, and run only when the weak bases are reached.
"""
from __future__ import annotations

import re
from datetime import date
from functools import lru_cache

from .dct_header import _dct_data


BOUND_CHARS = 200_000  # the checks read at most this much of a text (time stays linear and small)
_YEAR = re.compile(r"(?<!\d)((?:19|20)\d\d)(?!\d)")


@lru_cache(maxsize=None)
def _elapsed(languages: tuple[str, ...]) -> tuple[re.Pattern, re.Pattern, re.Pattern]:
    """(time passed up to now, time passed between two happenings, the year before now) cues of `languages`."""
    def cue(key: str) -> re.Pattern:
        found = [str(x) for lang in dict.fromkeys(("en", *languages)) for x in _dct_data().get(lang, {}).get(key) or ()]
        return re.compile("|".join(f"(?:{c})" for c in found) or r"(?!x)x", re.I)
    return cue("elapsed"), cue("elapsed_between"), cue("elapsed_last_year")


_SENTENCE = re.compile(r"[.!?]\s|\n")
BETWEEN_CHARS = 100  # "two years after talks began in May 2017": a year this near, in the sentence, is what it counts from


def _looks_back(text: str, year: int, language: str) -> str | None:
    """The words by which the text says time has passed since what it reports, if they speak against `year`."""
    now, between, last_year = _elapsed((language,))
    head = text[:BOUND_CHARS]
    m = now.search(head)
    if m:
        return m.group()
    for m in last_year.finditer(head):  # "last year" is consistent when the text states the year before
        if str(year - 1) not in head:
            return m.group()
        break
    for m in between.finditer(head):  # "N years after <a dated happening>" counts between stated dates
        left = _SENTENCE.split(head[max(0, m.start() - BETWEEN_CHARS):m.start()])[-1]
        right = _SENTENCE.split(head[m.end():m.end() + BETWEEN_CHARS])[0]
        if not _YEAR.search(left + " " + right):
            return m.group()
    return None


@lru_cache(maxsize=None)
def _upper_cues() -> tuple[re.Pattern, re.Pattern]:
    """(a copyright line's year, a reader comment's signature) of every language's dct.yaml."""
    data = list(_dct_data().values())
    copyright_ = [str(x) for d in data for x in d.get("copyright") or ()] or [r"(?!x)x"]
    comment = [str(x) for d in data for x in d.get("stamp_not_page") or ()] or [r"(?!x)x"]
    return (re.compile("|".join(f"(?:{c})" for c in copyright_), re.I),
            re.compile("|".join(f"(?:{c})" for c in comment), re.I))


def later_years(text: str) -> list[tuple[int, str]]:
    """Upper bounds of an article's date that the page shows: (year, words) of its copyright lines and of its
    first reader comment's stamp."""
    head = text[:BOUND_CHARS]
    copyright_, comment = _upper_cues()
    out = [(int(m.group("year")), m.group().strip()) for m in copyright_.finditer(head) if m.group("year")]
    first = comment.search(head)
    if first:
        years = _YEAR.findall(head[max(0, first.start() - 60):first.end() + 20])
        if years:
            out.append((int(years[0]), head[max(0, first.start() - 60):first.end()].strip()))
    return out


def unbacked(text: str, year: int, language: str = "en", looks_back: bool = True) -> str | None:
    """Why a year inferred as a lower bound (from the latest date stated, a weekday or a relative day) cannot
    be given, or None when nothing on the page speaks against it. `looks_back`: whether words saying time has
    passed count (for the latest date stated; a weekday written with its day names the week of the news)."""
    words = _looks_back(text, year, language) if looks_back else None
    if words:
        return f"{year} is only a lower bound: the text looks back ('{words}')"
    later = [(y, w) for y, w in later_years(text) if y > year]
    if later:
        y, words = later[0]
        return f"{year} is only a lower bound: the page shows {y} ('{words[-60:]}')"
    return None


def pairs_fit_elsewhere(pairs, years: range) -> list[int]:
    """The years of `years` in which every (weekday, month, day, words) pair holds."""
    out = []
    for y in years:
        try:
            if all(date(y, mo, d).isoweekday() == wd for wd, mo, d, _ in pairs):
                out.append(y)
        except ValueError:
            continue
    return out


@lru_cache(maxsize=None)
def _named_day(languages: tuple[str, ...]) -> tuple[re.Pattern, re.Pattern]:
    data = [_dct_data().get(lang, {}) for lang in dict.fromkeys(("en", *languages))]
    before = "|".join(f"(?:{x})" for d in data for x in d.get("named_day_before") or ()) or r"(?!x)x"
    after = "|".join(f"(?:{x})" for d in data for x in d.get("named_day_after") or ()) or r"(?!x)x"
    return re.compile(f"(?:{before})", re.I), re.compile(f"(?:{after})", re.I)


def named_day(text: str, t, language: str = "en") -> bool:
    """A day or month that names a happening of the past ("the 11 September, 2001 attacks", "the July 2005
    bombings"): history, never the article's time (`named_day_before` / `named_day_after` in dct.yaml)."""
    before, after = _named_day((language,))
    lead = re.match(r"[^\W\d_]+\s+", t.text)  # a timex may open with its article: "the 11 September, 2001"
    left = text[max(0, t.start - 20):t.start] + (lead.group() if lead else "")
    return bool(before.search(left) and after.match(text[t.end:t.end + 40]))
