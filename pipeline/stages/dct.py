"""Document creation time (DCT): stated in a header or dateline, else inferred from the dates in the text.

Evidence, strongest first: a labelled header line ("Date: 29 December 2020", "Published: 2020-12-29 14:03",
"Publié le ...") or a line that is only a date; a wire dateline ("MOSCOW, 30 December, 2020, (TON):",
"PARIS, Dec 3 (Reuters) -"; a place in mixed case only when an agency or a dash follows the date:
"Khartoum, 15 mars 2021 (AFP) -", "Caracas, 27 ene (EFE).-"), whose year-less date is read in the
article's language and gets its year from a weekday written with it or from the other dates stated;
weekday-plus-date pairs ("Wednesday (25 November)") that fix the year together
with the years the text states; and failing those the latest unambiguous date mentioned (a whole year told
in the past tense, "signed at the end of 2020", puts the article in a later year). Inferred values
are never finer than the evidence (a latest day gives its month). No evidence -> no DCT.
`borrow_from_corpus` lets an undated article take the year of the same dated happenings from other articles.
"""
from __future__ import annotations

import re
from datetime import date, timedelta
from functools import lru_cache

from ..schema import Document
from ..timex import text_language
from ..timex.foreign import load_foreign
from ..timex.rules import load_grammar
from .dct_header import (  # noqa: F401 (re-exported)
    BASES, DATA, DATELINE_ALONE, DATELINE_DATE_WITHIN, DatelineCues, DctGuess, FOOT_LINES, HEADER_LINE_CHARS,
    HEAD_LINES, ISSUE_WITHIN, _DAY, _DAY_OF, _alt, _dateline, _dateline_cues, _dateline_date, _dateline_paragraph,
    _dct_data, _explicit, _foreign_pairs, _full_date, _head_lines, _inline_label_regex, _is_update, _is_weekday,
    _issue_regex, _label_regex, _labels, _mixed_dateline, _shapes, _signature_date, _update_labels, _weekday_of,
    _weekday_pairs, find_header_date,
)
from .dct_years import (  # noqa: F401 (re-exported)
    Evidence, LEAD_CHARS, NEAR_DAYS, NEWS_DAY_LAG, WINDOW_PAIRS, WINDOW_YEARS, YEAR_OVER_MODS, _historical,
    _history_cues, _lead_weekdays, _month_of, _pairs_hold, _planned_cue, _relative_pairs, _relative_regex,
    _weekday_years, _weigh, _year_for, _year_from_pairs, _year_is_over,
)
from .dct_stamp import STAMP_CHARS, find_stamp  # noqa: F401 (re-exported)
from .dct_bounds import named_day, pairs_fit_elsewhere, unbacked
from .dct_span import SpanIndex, _tagged_weekdays, _told_weekdays, date_from_span, wanted_days  # noqa: F401
from .dct_corpus import (  # noqa: F401 (re-exported)
    CONTEXT_CHARS, INFERRED_BORROWERS, INFERRED_NAMED, LENDERS_NAMED, MIN_SHARED_WORDS, _WORD,
    _check_inferred_years, _context_words, _days_of, _join_note, _lent, _stopwords, _weekday_checked,
    _with_dateline_day, _year_less_mentions, add_lenders, borrow_from_corpus, conflict_problems, held_for_corpus,
    inferred_days, inferred_summary,
    year_less_days,
)


NEEDS: tuple[str, ...] = ('text', 'blocks', 'language')
SETS: tuple[str, ...] = ('published', 'published_inferred', 'published_basis', 'dct_text', 'dct_note')


WEAK_BASES = ("weekday", "latest date")  # a year inferred from these is a lower bound: checked by `unbacked`


def find_dct(text: str, language: str = "en") -> DctGuess | None:
    """The article's creation time from its own text (see `find_dct_noted`), None when nothing backs a year."""
    return find_dct_noted(text, language)[0]


def find_dct_noted(text: str, language: str = "en") -> tuple[DctGuess | None, str]:
    """`_find_dct`, and why no date was given when a year inferred from a weak basis (the latest date stated, a
    weekday, a relative day) cannot be backed: the text looks back, the page shows a later year, or the
    weekdays fit several years (issue 22: a coarser or no value rather than a wrong year)."""
    guess = _find_dct(text, language)
    if guess is None:
        return None, ""
    if not guess.value:  # withheld inside: the note says why
        return None, guess.note
    if guess.basis in WEAK_BASES:
        why = unbacked(text, int(guess.value[:4]), text_language(text, language), guess.basis == "latest date")
        if why:
            return None, why
    return guess, ""


def _find_dct(text: str, language: str = "en") -> DctGuess | None:
    """Work out the creation time of an article from its own text, weighing the evidence strongest first:
    a labelled header line, a dateline (its year-less day checked against the weekdays its paragraph names),
    a relative word or weekday written with a date ("yesterday (November 17)", "Wednesday (25 November)"),
    the latest date reported. Historical years never date it; weak or conflicting evidence gives the coarser
    value (or none) and a note. None when nothing fixes a year."""
    lang = text_language(text, language)  # untagged articles come as 'en': read a header in the text's language
    header = find_header_date(text, lang) or find_stamp(text, lang)  # a labelled line, else the page's time stamp
    if header:
        return header
    languages = tuple(dict.fromkeys(("en", lang)))
    dateline = _dateline(text)
    date_t = None
    if dateline:
        found = _dateline_date(dateline[1][:60], languages, strict=False)
        if found:
            date_t, date_lang = found
    else:  # strict enough (agency or dash after the date) to try every language with dateline cues
        mixed = _mixed_dateline(text, languages + _label_regex()[1])
        if mixed:
            dateline, (date_t, date_lang) = mixed[:2], mixed[2:]
    if date_t is not None and _DAY.match(date_t.value):
        return DctGuess(date_t.value[:10], False, f"{dateline[0]}, {date_t.text}", "dateline")
    ev = _weigh(text, lang)
    if date_t is not None:  # a dateline with a year-less day: the year from weekdays or the dates stated
        mo, d = int(date_t.value[5:7]), int(date_t.value[8:10])
        own = _weekday_of(date_t.text, date_lang)
        # its own weekday, else those of its paragraph, else those of the lead ("este martes" two paragraphs on)
        # a weekday told in the future ("will meet on Wednesday") is no day of the news: it never fixes a year
        weekdays = ({own} if own else _past_weekdays(text, _dateline_paragraph(text, dateline[1]), lang)
                    or _past_weekdays(text, text[:LEAD_CHARS], lang))
        pairs = [p for p in _weekday_pairs(text) + _foreign_pairs(text, lang) if p[3] not in date_t.text]
        year, note = _year_for(mo, d, weekdays, ev, own=bool(own), pairs=pairs)
        if year is not None:
            try:
                return DctGuess(date(year, mo, d).isoformat(), True, f"{dateline[0]}, {date_t.text}", "dateline", note)
            except ValueError:
                pass
        return None  # a dateline states the day; a year picked elsewhere would be a guess (the corpus may lend one)
    relative = _relative_pairs(text, languages)
    if relative and ev.anchors:
        days = []
        for back, mo, d, words in relative:
            year, _ = _year_for(mo, d, set(), ev)
            try:
                days.append(((date(year, mo, d) + timedelta(days=back)).isoformat(), words))
            except (TypeError, ValueError):
                continue
        if days and len({v for v, _ in days}) == 1:
            return DctGuess(days[0][0], True, days[0][1], "weekday")
        if days:
            latest = max(days)
            return DctGuess(_month_of(latest[0]), True, "; ".join(w for _, w in days), "weekday",
                            "relative days disagree: the month of the latest")
    pairs = _weekday_pairs(text) + _foreign_pairs(text, lang)
    year = _year_from_pairs(pairs, ev)
    if year is not None:
        others = pairs_fit_elsewhere(pairs, range(year + 1, year + WINDOW_YEARS + 1))
        if others:  # "Friday 15 Jul" fits 2005 and 2011: the nearer one is a guess
            return DctGuess("", True, "; ".join(p[3] for p in pairs), "weekday",
                            f"the weekdays fit {year} and {', '.join(map(str, others))}: no year")
        days = sorted(date(year, mo, d).isoformat() for _, mo, d, _ in pairs)
        later = [t.date_start for t in ev.current if t.granularity == "day" and t.date_start > days[-1]]
        words = "; ".join(p[3] for p in pairs)
        if later:  # a day reported after the weekday's: the weekday is not the day of the news
            return DctGuess(_month_of(max(later)), True, words, "weekday", "a later day is reported: its month")
        return DctGuess(days[-1], True, words, "weekday")
    if ev.current:
        latest = max(ev.current, key=lambda t: (t.date_start, t.date_end))
        if latest.granularity in ("day", "month") and named_day(text, latest, lang):  # "the 11 September, 2001 attacks": history, not the article's time
            return _week_of(text, latest, lang) or _week_of(text, latest, lang, last=True) or DctGuess(
                "", True, latest.text, "latest date", "the latest date stated names a past happening: no year")
        if _year_is_over(text, latest, language):
            return DctGuess(str(int(latest.value[:4]) + 1), True, latest.text, "latest date", "a later year than one told as over")
        week = _week_of(text, latest, lang, last=True)  # "Last Sunday" the day of the latest full date stated
        if week:
            return week
        if latest.granularity == "day" and latest.start < LEAD_CHARS:
            return DctGuess(latest.value[:7], True, latest.text, "latest date")
    return None


def _week_of(text: str, latest, lang: str, last: bool = False) -> DctGuess | None:
    """A happening the lead names with its full date ("the January 13, 2024 election") is the news of the
    article's own week when the text names its weekday as past ("Last Saturday, Taiwan's voters ..."): the
    article is of the six days after it, so its month (none when that week runs into the next year). `last`: any
    latest full date, anywhere in the text, whose weekday the text names as of the week before ("Last Sunday",
    "am vergangenen Sonntag"; `last_weekday_before` / `_after` in dct.yaml). Issue 22 round 6: an op-ed with no
    date of its own."""
    if latest.granularity != "day" or (latest.start >= LEAD_CHARS and not last) or not _DAY.match(latest.value or ""):
        return None
    day = date.fromisoformat(latest.value[:10])
    named = _last_weekdays(text, lang) if last else _past_weekdays(text, text, lang)
    if day.isoweekday() not in named or (day + timedelta(days=6)).year != day.year:
        return None
    return DctGuess(day.isoformat()[:7], True, latest.text, "weekday",
                    f"the text names the weekday of {latest.text} as past: the article is of the week after it, its month")


@lru_cache(maxsize=None)
def _last_cues(lang: str) -> tuple[re.Pattern, re.Pattern]:
    data = [_dct_data().get(code, {}) for code in dict.fromkeys(("en", lang))]
    before = "|".join(f"(?:{x})" for d in data for x in d.get("last_weekday_before") or ()) or r"(?!x)x"
    after = "|".join(f"(?:{x})" for d in data for x in d.get("last_weekday_after") or ()) or r"(?!x)x"
    return re.compile(before, re.I), re.compile(after, re.I)


def _last_weekdays(text: str, lang: str) -> set[int]:
    """The weekdays (1-7) the text names as of the week before ("Last Saturday", "dimanche dernier")."""
    before, after = _last_cues(lang)
    g = load_grammar("en")
    found = set()
    for m in re.finditer(rf"(?<!\w)(?:{g.alternations['weekday']})(?!\w)", text, re.I):
        if before.search(text[max(0, m.start() - 20):m.start()]) or after.match(text[m.end():m.end() + 20]):
            found.add(int(g.lookup("weekday", m.group())))
    if lang != "en":
        weekdays = load_foreign(lang).weekdays
        for m in re.finditer(r"[^\W\d_]+", text):
            wd = weekdays.get(m.group().lower())
            if wd and (before.search(text[max(0, m.start() - 20):m.start()]) or after.match(text[m.end():m.end() + 20])):
                found.add(wd)
    return found


def _past_weekdays(text: str, part: str, lang: str) -> set[int]:
    """The weekdays `part` of `text` names (`_lead_weekdays`), less those only told in the future (issue 22: a
    narrative past "said Monday" is the news day or one of the six before it, never a later one)."""
    named = _lead_weekdays(part, lang)
    if not named:
        return named
    start = max(text.find(part), 0)
    return named - (_tagged_weekdays(text, start, start + len(part), lang) - _told_weekdays(text, start, start + len(part), lang))


def find_stated(text: str, language: str = "en") -> DctGuess | None:
    """Only the date an article states outright (a header line, or a dateline with its year): cheap, used to
    check metadata against the text."""
    language = text_language(text, language)
    header = find_header_date(text, language) or find_stamp(text, language)
    if header:
        return header
    dateline = _dateline(text)
    if dateline:
        found = _dateline_date(dateline[1][:60], ("en", language), strict=False)
        if found and _DAY.match(found[0].value):
            return DctGuess(found[0].value[:10], False, f"{dateline[0]}, {found[0].text}", "dateline")
    return None


def annotate(doc: Document) -> Document:
    """Stage: when no metadata gave `doc.published`, set it (and `published_inferred`, `published_basis`,
    `dct_text`, `dct_note`) from the text. With metadata, the basis is "metadata" and a date the text states in
    another year is noted as a conflict (`dct_note`); metadata wins."""
    if doc.published is not None:
        doc.published_basis = doc.published_basis or "metadata"
        if doc.published_basis == "metadata":
            stated = find_stated(doc.text, doc.language)
            if stated and stated.value[:4] != str(doc.published)[:4]:
                doc.dct_note = (f"conflict: metadata says {doc.published}, the text's {stated.basis} says "
                                f"{stated.value} ({stated.evidence[:60]}); metadata kept")
        return doc
    guess, why = find_dct_noted(doc.text, doc.language)
    if guess is None and why:
        doc.dct_note = why  # a weak year withheld: say so
    if guess:
        doc.published, doc.published_inferred, doc.dct_text = guess.value, guess.inferred, guess.evidence
        doc.published_basis, doc.dct_note = guess.basis, guess.note or None
    return doc
