"""The page's own time stamp: a full date written with a clock time in the opening of a page (issue 22).

Crawled pages lose their markup but keep the stamp their header printed: "Page last updated at 10:39 GMT,
Wednesday, 28 September 2011", "26 August 2010 Last updated at 14:30 GMT", "LONDON | Wed Apr 29, 2009 12:20 am
BST", "Thursday 29 April 2010 17.33 BST", "Tuesday, June 29, 2010; 9:57 PM", "2009 06 13 00:11 JST". On the
crawled T17 pages (bench/dct_eval.py --t17) the first such stamp in the first STAMP_CHARS characters gave the
page's own day 785 times in 789 (the other four: a caption's time the day after, a blog's "last changed" the day
after, two lists of video teasers). Reader comments' stamps ("January 30, 2011 at 3:07 pm | Report abuse",
"At 10:14 am on 28 May 2010, pzero wrote:") and teaser lists ("updated: Sun Jul 29 2012 08:01:00" repeated down
a page) are not the page's. Cues are data: `stamp_clock`, `stamp_zones`, `stamp_not_page` in
pipeline/data/<lang>/timex/dct.yaml (pooled over languages).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from functools import lru_cache

from ..timex import find_timexes
from .dct_header import DctGuess, _alt, _dct_data, _labels, _update_labels


STAMP_CHARS = 600  # the page's own stamp is in its opening (a standfirst may come before it)
LIST_CHARS = 3000  # a stamp's label ("updated:") found again this far into the page: a list of teasers
_DAY_T = re.compile(r"^(\d{4}-\d\d-\d\d)(?:T|$)")


@dataclass(frozen=True)
class StampCues:
    clock: re.Pattern  # a clock time near a year, or a date-first dateline (a cheap test before any tagging)
    after: re.Pattern  # what may follow a date to make it a stamp: a label, "at", a clock time
    numeric: re.Pattern  # a year-first numeric stamp: "2009 06 13 00:11 JST"
    not_page: re.Pattern  # what makes a stamp a reader comment's: "| Reply", "wrote:", "At ... on"
    label: re.Pattern  # a label right before a stamp ("updated:"), looked for again down the page
    dateline: re.Pattern  # what follows a date opening its line to make it a dateline's: "(JEDDAH) –"


@lru_cache(maxsize=None)
def _stamp_cues() -> StampCues:
    data = list(_dct_data().values())
    clocks = [str(x) for d in data for x in d.get("stamp_clock") or ()] or [r"\d{1,2}:\d{2}"]
    zones = _alt({str(x) for d in data for x in d.get("stamp_zones") or ()})
    not_page = [str(x) for d in data for x in d.get("stamp_not_page") or ()] or [r"(?!x)x"]
    agencies = _alt({str(x).upper() for d in data for x in d.get("agencies") or ()})  # "(AFP) -" is an agency, not a place
    dateline = "|".join(f"(?-i:(?!\\s*\\(\\s*(?:{agencies})\\s*\\)){x})" for d in data for x in d.get("stamp_dateline") or ()) or r"(?!x)x"
    clock = "|".join(f"(?:{c})" for c in clocks)
    labels = _alt(_labels() | _update_labels())
    tail = rf"(?:(?:{clock})(?:\s*(?:{zones})(?!\w))?)"
    return StampCues(
        # a clock time with a year near it, or a date-first dateline: a cheap test before any tagging
        clock=re.compile(rf"(?<!\d)(?:19|20)\d\d(?!\d).{{0,45}}?(?:{clock})|(?:{clock}).{{0,45}}?(?<!\d)(?:19|20)\d\d(?!\d)|{dateline}", re.I),
        after=re.compile(rf"^[\s,;|·•–—-]{{0,3}}(?:(?:page\s+)?(?:{labels})\s*:?\s*)?(?:at\s+|à\s+|um\s+|a\s+las\s+)?{tail}", re.I),
        dateline=re.compile(dateline),
        numeric=re.compile(rf"(?<!\d)(\d{{4}})[ ./-](\d{{2}})[ ./-](\d{{2}})\s+{tail}", re.I),
        not_page=re.compile("|".join(f"(?:{c})" for c in not_page), re.I),
        label=re.compile(r"(?:^|\s)([^\W\d_]{3,20}\s*:)\s*(?:[^\W\d_]{2,9}\.?,?\s+)?$"),  # "updated: Sun "
    )


def _stamps(opening: str, language: str):
    """(start, end, YYYY-MM-DD) of every full date written with a clock time in `opening`."""
    cues = _stamp_cues()
    out = []
    for lang in dict.fromkeys(("en", language)):
        for t in find_timexes(opening, None, lang):
            m = _DAY_T.match(t.value or "")
            if not m or t.type not in ("TIME", "DATE"):
                continue
            rest = opening[t.end:t.end + 60]
            opens_line = not opening[:t.start].strip(" \t").rstrip("\n") or opening[:t.start].rstrip(" \t").endswith("\n")
            if t.type == "TIME" or cues.after.match(rest) or (opens_line and cues.dateline.match(rest)):
                out.append((t.start, t.end, m.group(1)))
        if out:
            break
    for m in cues.numeric.finditer(opening):
        try:
            out.append((m.start(), m.end(), date(int(m[1]), int(m[2]), int(m[3])).isoformat()))
        except ValueError:
            continue
    return sorted(out)


def find_stamp(text: str, language: str = "en") -> DctGuess | None:
    """The page's own time stamp: the first full date written with a clock time in the first STAMP_CHARS
    characters that is not a reader comment's stamp nor one of a list of teasers. Basis "header" (stated)."""
    opening = text[:STAMP_CHARS]
    cues = _stamp_cues()
    if not cues.clock.search(opening):  # no clock time near a year nor a date-first dateline: nothing to tag
        return None
    for start, end, day in _stamps(opening, language):
        around = text[max(0, start - 30):end + 60]
        if cues.not_page.search(around):
            continue  # a reader comment's stamp
        label = cues.label.search(text[max(0, start - 25):start])
        if label and text.find(label.group(1), end, LIST_CHARS) >= 0:
            return None  # "updated: ..." again further down: a list of teasers, none of them the page's
        words = text[start:end].strip()
        return DctGuess(day, False, words, "header", "the page's time stamp")
    return None
