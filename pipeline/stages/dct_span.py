"""A year-less dateline's year from its weekdays and the corpus (issues 21, 22): `TOKYO, March 8 Kyodo - ...
said Tuesday` states no year at all, so the article alone gives no date. Across the corpus it may get one:

- the candidate years are those of the corpus's span (the years of the articles whose date is *stated*, not
  inferred, widened by MARGIN_YEARS each side), on or after the latest day the text reports (its floor), in
  which the dateline's day falls on a weekday the dateline or its paragraph names, or the day after one (a
  paragraph may name the day before: "agreed on Sunday" in a Monday story), and every weekday-date pair the
  text states holds;
- one candidate: its year, unless other articles date at least MIN_DAYS_BACKED of the text's own year-less days
  in another year of the span and none in it (then none: conflicting evidence);
- several: the one in which articles with a stated date mention at least MIN_DAYS_BACKED of the text's own
  year-less days (the dateline's, "9 ноября", "30 сентября"; any language, no shared words needed), when no
  other candidate has any such day; else none, and `dct_note` names the years that fit.

Only articles the rest of the build left undated are read here, once each (a dateline and the weekdays of its
paragraph, as `dct._find_dct` does); the stated articles are read through their resolved day timexes only.
The result never leaves the years the corpus states, and a year the article's own text fixes is never changed.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import lru_cache

from ..schema import Document
from ..timex import find_timexes, tense_at, text_language
from .dct_header import (_DAY, _dateline, _dateline_cues, _dateline_date, _dateline_paragraph, _dct_data,
                         _foreign_pairs, _label_regex, _mixed_dateline, _weekday_of, _weekday_pairs)
from .dct_years import LEAD_CHARS, NEWS_DAY_LAG, _pairs_hold, _weigh

MARGIN_YEARS = 1  # the corpus's span of stated years, widened by this many years each side
MIN_DAYS_BACKED = 2  # distinct year-less days of the text the corpus must date in a year to pick it among several


@dataclass(frozen=True)
class YearLessDateline:
    """What the text says of its year-less dateline day: the words, month and day, the weekdays named with it
    (`own`: in the dateline itself, so no lag), the weekday-date pairs stated, the latest past day reported."""

    words: str
    month: int
    day: int
    weekdays: frozenset[int]
    own: bool
    pairs: tuple
    floor: str | None


def year_less_dateline(text: str, language: str = "en") -> YearLessDateline | None:
    """The article's year-less dateline day with the weekdays that go with it, None if it has none or no
    weekday is named (its dateline's own, else its paragraph's, else the lead's). Stricter than the article's
    own reading, since the corpus's span gives a year to the day found: the day must open the dateline and be
    followed by an agency or a dash (not "OCEAN SPRINGS, Miss. -- In a story Nov. 21"), the place must not be an
    agency (a photo credit "AP July 12:"), and a weekday told in the future ("have until Wednesday") is not the
    day of the news."""
    lang = text_language(text, language)
    languages = tuple(dict.fromkeys(("en", lang)))
    dateline = _dateline(text)
    found = _opening_day(dateline[1][:60], languages) if dateline else None
    if not dateline:
        mixed = _mixed_dateline(text, languages + _label_regex()[1])
        dateline, found = (mixed[:2], mixed[2:]) if mixed else (None, None)
    if not found or not re.fullmatch(r"XXXX-\d\d-\d\d", found[0].value or "") or dateline[0] in _agencies():
        return None
    date_t, date_lang = found
    own = _weekday_of(date_t.text, date_lang)
    paragraph = _dateline_paragraph(text, dateline[1])
    start = max(text.find(paragraph), 0)
    weekdays = ({own} if own else _told_weekdays(text, start, start + len(paragraph), lang)
                or _told_weekdays(text, 0, LEAD_CHARS, lang))
    if not weekdays:
        return None
    pairs = tuple(p for p in _weekday_pairs(text) + _foreign_pairs(text, lang) if p[3] not in date_t.text)
    return YearLessDateline(f"{dateline[0]}, {date_t.text}", int(date_t.value[5:7]), int(date_t.value[8:10]),
                            frozenset(weekdays), bool(own), pairs, _weigh(text, lang).floor)


@lru_cache(maxsize=None)
def _agencies() -> frozenset[str]:
    """The agency names of every language's dateline cues (`agencies` in dct.yaml)."""
    return frozenset(str(x) for data in _dct_data().values() for x in data.get("agencies") or ())


def _opening_day(rest: str, languages):
    """The day opening a capitals dateline's rest, followed by an agency (in brackets or not) or a dash."""
    found = _dateline_date(rest, languages, strict=True)
    if found:
        return found
    found = _dateline_date(rest, languages, strict=False)
    if found and _dateline_cues().lead.match(rest[:found[0].start]):  # "TOKYO, March 8 Kyodo -", "(Nortag)"
        after = rest[found[0].end:]
        word = re.match(r"\s*([^\W\d_]+)", after)
        if (word and word.group(1) in _agencies()) or re.match(r"\s*\(\s*[^\W\d_][^()\n]{1,25}\)", after):
            return found
    return None


def _told_weekdays(text: str, start: int, end: int, language: str) -> set[int]:
    """The weekdays (1-7) named in text[start:end] and not told in the future."""
    out = set()
    for t in find_timexes(text[start:end], None, language):
        m = re.match(r"XXXX-WXX-(\d)", t.value or "")
        if m and tense_at(text, start + t.start, start + t.end, language) != "future":
            out.add(int(m.group(1)))
    return out


def _tagged_weekdays(text: str, start: int, end: int, language: str) -> set[int]:
    """The weekdays (1-7) named in text[start:end], whatever their tense."""
    return {int(m.group(1)) for t in find_timexes(text[start:end], None, language)
            for m in [re.match(r"XXXX-WXX-(\d)", t.value or "")] if m}


def stated_span(docs: list[Document]) -> range | None:
    """The years of the articles whose date is stated (not inferred, at least to the month), widened by
    MARGIN_YEARS each side; None when no article states its date."""
    return _span(_stated_years(docs))


def _stated_years(docs) -> set[int]:
    return {int(str(d.published)[:4]) for d in docs
            if d.published and not d.published_inferred and re.match(r"\d{4}-\d{2}", str(d.published))}


def _stated_months(docs) -> set[str]:
    """The months (YYYY-MM) of the articles whose date is stated, to the month at least."""
    return {str(d.published)[:7] for d in docs
            if d.published and not d.published_inferred and re.match(r"\d{4}-\d{2}", str(d.published))}


def _span(years) -> range | None:
    return range(min(years) - MARGIN_YEARS, max(years) + MARGIN_YEARS + 1) if years else None


@dataclass
class SpanIndex:
    """What the stated articles tell `date_from_span`, gathered a batch at a time (the streamed build reads its
    dated articles back from the spill folder): their years, and the years in which they mention each of
    the `wanted` days (`wanted_days` of the undated articles)."""

    wanted: set[str]
    years: set[int] = field(default_factory=set)
    days: dict[str, set[int]] = field(default_factory=dict)
    months: set[str] = field(default_factory=set)  # issue 22 round 6: when the stated articles were published

    def add(self, docs: list[Document]) -> "SpanIndex":
        """Index the stated articles of `docs`; returns the index."""
        self.years |= _stated_years(docs)
        self.months |= _stated_months(docs)
        for md, years in stated_day_years(docs, self.wanted).items():
            self.days.setdefault(md, set()).update(years)
        return self


def wanted_days(docs: list[Document]) -> set[str]:
    """The year-less days (MM-DD) of the undated articles of `docs` that `date_from_span` may date."""
    return {md for d in docs if not d.published
            for line in [year_less_dateline(d.text, d.language)] if line is not None for md, _ in own_days(d, line)}


def weekday_years(line: YearLessDateline, years: range) -> dict[int, int]:
    """The years of `years` in which the dateline's day falls on one of its weekdays, or the day after one
    (not for a weekday in the dateline itself), on or after the text's floor, with every weekday-date pair
    holding: {year: days after the weekday}."""
    floor = date.fromisoformat(line.floor) if line.floor else date.min
    out: dict[int, int] = {}
    for y in years:
        try:
            day = date(y, line.month, line.day)
        except ValueError:  # 29 February
            continue
        if day < floor or not _pairs_hold(line.pairs, y, line.month, line.day):
            continue
        for back in ((0,) if line.own else NEWS_DAY_LAG):
            if (day - timedelta(days=back)).isoweekday() in line.weekdays:
                out.setdefault(y, back)
    return out


def own_days(doc: Document, line: YearLessDateline) -> list[tuple[str, int]]:
    """The dateline's day and the text's other year-less days (MM-DD) not told in the future, each with how
    many years before the dateline's year it falls (1 when later in the year than the dateline's day: reported
    from the year before)."""
    md = f"{line.month:02d}-{line.day:02d}"
    out = {md: 0}  # the dateline's own day, whatever the tense of its sentence ("Norland will freeze ...")
    lang = text_language(doc.text, doc.language)  # untagged articles come as 'en'
    for t in find_timexes(doc.text, None, lang):
        if re.fullmatch(r"XXXX-\d\d-\d\d", t.value or "") and tense_at(doc.text, t.start, t.end, lang) != "future":
            out.setdefault(t.value[5:], int(t.value[5:] > md))
    return list(out.items())


def stated_day_years(docs: list[Document], days: set[str]) -> dict[str, set[int]]:
    """{MM-DD: the years in which articles with a stated date mention that day}, for the days in `days`."""
    index: dict[str, set[int]] = {}
    for d in docs:
        if not d.published or d.published_inferred:
            continue
        for t in d.timexes:
            m = _DAY.match(t.value or "")
            if m and t.type == "DATE" and t.value[5:10] in days:
                index.setdefault(t.value[5:10], set()).add(int(m.group(1)))
    return index


def _backing(days: list[tuple[str, int]], index: dict[str, set[int]], year: int) -> list[str]:
    """The text's days that the corpus dates in the dateline year `year`."""
    return [md for md, before in days if year - before in index.get(md, ())]


def date_from_span(docs: list[Document], stated: SpanIndex | None = None) -> list[Document]:
    """Date the articles left undated whose year-less dateline names a weekday (see the module's docstring):
    the dateline's day in the one year the corpus's span, the weekdays and the corpus's dates of the text's
    own days allow; basis "corpus", inferred. `stated` (a `SpanIndex`) stands for the stated articles when
    they were indexed beforehand, a batch at a time; else those of `docs` are. Returns the articles dated."""
    todo = [(d, line) for d in docs if not d.published
            for line in [year_less_dateline(d.text, d.language)] if line is not None]
    if not todo:
        return []
    found = [(d, line, own_days(d, line)) for d, line in todo]
    if stated is None:
        stated = SpanIndex({md for _, _, days in found for md, _ in days}).add(docs)
    span, index = _span(stated.years), stated.days
    if not span:
        return []
    changed = []
    for d, line, days in found:
        fits = weekday_years(line, span)
        backed = {y: _backing(days, index, y) for y in span}
        year, why = _choose(fits, backed)
        if year is None:
            d.dct_note = join_note(d.dct_note, f"{line.words}: {why}; no year")
            continue
        lag = fits[year]
        d.published = date(year, line.month, line.day).isoformat()
        d.published_inferred, d.published_basis, d.dct_text = True, "corpus", line.words
        d.dct_note = join_note(d.dct_note, (
            f"no year in the text: the weekday fits {year}{' (the day after)' if lag else ''} "
            f"of the corpus's years {span.start}-{span.stop - 1}"
            + (f", other years too ({', '.join(map(str, sorted(set(fits) - {year})))}): the corpus dates "
               f"{', '.join(backed[year])} in {year}" if len(fits) > 1 else "")))
        changed.append(d)
    return changed


def _choose(fits: dict[int, int], backed: dict[int, list[str]]) -> tuple[int | None, str]:
    """The one fitting year, or the one fitting year whose days the corpus dates (see the module's docstring)."""
    if not fits:
        return None, "the weekdays fit no year of the corpus's span"
    if len(fits) == 1:
        year = next(iter(fits))
        # one stated article of another story that mentions the same calendar day is no evidence: a conflict
        # needs MIN_DAYS_BACKED of the text's days dated in another year (issue 22 round 6)
        elsewhere = sorted(y for y, days in backed.items() if len(days) >= MIN_DAYS_BACKED and y != year)
        if not backed[year] and elsewhere:
            return None, (f"conflicting evidence: the weekdays fit {year}, other articles date its days in "
                          f"{', '.join(map(str, elsewhere))}")
        return year, ""
    with_days = [y for y in fits if backed[y]]
    if len(with_days) == 1 and len(backed[with_days[0]]) >= MIN_DAYS_BACKED:
        return with_days[0], ""
    return None, f"the weekdays fit {', '.join(map(str, sorted(fits)))}"


def join_note(note: str | None, more: str) -> str:
    """A `dct_note` with one more reason after the ones it has."""
    return f"{note}; {more}" if note else more
