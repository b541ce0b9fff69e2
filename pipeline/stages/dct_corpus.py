"""Corpus level DCT work: an undated article borrows the year of the same dated happenings from other
articles; inferred years checked across the corpus; the build summary's lines on conflicts and inferred
dates. Split from dct.py (issue 16).
"""
from __future__ import annotations

import re
from collections import Counter
from datetime import date, timedelta
from functools import lru_cache

from ..config import load_yaml
from ..schema import Document, InputProblem
from ..timex import find_timexes, text_language
from .dct_header import (DATA, _DAY, _dateline, _dateline_date, _dateline_paragraph, _label_regex, _mixed_dateline,
                         _weekday_of)
from .dct_span import SpanIndex, date_from_span, join_note as _join_note
from .dct_near import date_from_neighbours, overrulable
from .dct_years import LEAD_CHARS, NEWS_DAY_LAG, _lead_weekdays
from .dct_bounds import named_day


# ------------------------------------------------------------------ corpus level
_WORD = re.compile(r"[^\W\d_]{4,}")
CONTEXT_CHARS = 80
MIN_SHARED_WORDS = 2
LENDERS_NAMED = 3  # lending articles named in the DCT evidence, per year-less mention
LEND_DAYS = 100  # a lender's day at most this far from its own DCT is news; a farther one is history (issue 22)


@lru_cache(maxsize=None)
def _stopwords() -> frozenset[str]:
    data = load_yaml((DATA / "en" / "timex" / "context_stopwords.yaml").read_text(encoding="utf-8")) or {}
    return frozenset(str(w).lower() for w in data.get("words", ()))


def _context_words(text: str, start: int, end: int) -> set[str]:
    """Content words (4+ letters, not stop words) within CONTEXT_CHARS of a mention."""
    window = text[max(0, start - CONTEXT_CHARS):start] + " " + text[end:end + CONTEXT_CHARS]
    return {w.lower() for w in _WORD.findall(window)} - _stopwords()


def _year_less_mentions(doc: Document) -> list[tuple[str, str, frozenset[str]]]:
    """(text, MM-DD, content words around it) of each year-less day ("Nov. 10") an undated article mentions,
    except a day that names a past happening ("the Oct. 7 attack"): its year is history's, not the article's
    (issue 22: such a day borrowed from another article gave a confident wrong month)."""
    lang = text_language(doc.text, doc.language)
    return [(t.text, t.value[5:], frozenset(_context_words(doc.text, t.start, t.end)
                                            | ({NAMED} if named_day(doc.text, t, lang) else set())))
            for t in find_timexes(doc.text, None, doc.language) if re.fullmatch(r"XXXX-\d\d-\d\d", t.value)]


# A year-less day that names a happening ("the Nov. 10 ceasefire", "the Oct. 7 attack") borrows a year only from
# lenders published within NEWS_DAYS after it (the happening was their news: its month may be the article's);
# the marker stands among the mention's words, where no lender's context word can match it.
NAMED = "\0named"
VETO = "~"  # an index key "~2024": a lender's year-less day it resolved to 2024 itself (a conflict, no loan)
NEWS_DAYS = 62


_STATED_YEAR = re.compile(r"(?<!\d)(?:1\d{3}|20\d{2})(?!\d)")
_WORD_BEFORE = re.compile(r"([^\W\d_]+)[\s,(]*$")


def _year_stated(doc: Document, t) -> bool:
    """A lender's day whose year its text states: written with the year ("10 November 2020"), or with a weekday
    that holds in that year ("Tuesday (10 November)"), or a year-less day of the lender's recent news (within
    NEWS_DAYS before its own date, not naming a happening). Any other year-less day resolved against the lender's
    date is a guess (a history day, "the Oct. 7 attack", resolved to the lender's year gave a wrong month)."""
    if _STATED_YEAR.search(t.text):
        return True
    lang = text_language(doc.text, doc.language)
    if _is_news(doc.published, t.value[:10]) and len(str(doc.published)) >= 10 and not named_day(doc.text, t, lang):
        return True  # the week's news of a dated article ("signed ... on 10 November" in a story of the 25th)
    before = _WORD_BEFORE.search(doc.text[max(0, t.start - 15):t.start])
    words = f"{before.group(1) if before else ''} {t.text}"
    wd = _weekday_of(words, "en") or (_weekday_of(words, lang) if lang != "en" else None)
    try:
        return wd is not None and date.fromisoformat(t.value[:10]).isoweekday() == wd
    except ValueError:
        return False


def year_less_days(docs: list[Document]) -> dict[str, list[frozenset[str]]]:
    """The year-less days (MM-DD) the undated articles of `docs` mention, each with the content words around
    its mentions (each distinct set once): where they may borrow a year, and what a lender's mention must share."""
    return _days_of(_year_less_mentions(d) for d in docs if not d.published)


def _days_of(mentions) -> dict[str, list[frozenset[str]]]:
    """`year_less_days` of the `_year_less_mentions` of each undated article."""
    days: dict[str, dict[frozenset[str], None]] = {}
    for found in mentions:
        for _, day, words in found:
            days.setdefault(day, {})[words] = None
    return {day: list(words) for day, words in days.items()}


def add_lenders(index: dict, docs: list[Document], days: dict[str, list[frozenset[str]]]) -> dict:
    """Index what the dated articles of `docs` can lend to the undated mentions `days` (`year_less_days`) holds:
    `index[day][words]` is (how many lender mentions give each year, the doc ids of the first LENDERS_NAMED),
    from the dated mentions of that day that share MIN_SHARED_WORDS content words with `words`; a mention whose
    year the lender does not state (`_year_stated`), or a day naming a happening that was not the lender's news,
    counts as VETO + year: it lends nothing, and a year other than the lent one makes a conflict (issue 22). It grows with
    the undated mentions, not with the lenders, so a large corpus can be indexed a batch at a time. Returns
    `index`."""
    for d in docs:
        if not d.published or not re.match(r"\d{4}-\d{2}", d.published):
            continue  # a year-only DCT is too weak to lend a year to someone else
        for t in d.timexes:
            m = _DAY.match(t.value or "")
            if not m or t.type != "DATE" or t.value[5:10] not in days:
                continue
            words = _context_words(d.text, t.start, t.end)
            # a history day lends no year, nor does one the lender only inferred; both may still conflict
            stated = _year_stated(d, t) and not _history(t.value, d.published)
            news = _is_news(d.published, t.value[:10])
            for other in days[t.value[5:10]]:
                if len(words & other) >= MIN_SHARED_WORDS:
                    years, ids = index.setdefault(t.value[5:10], {}).setdefault(other, (Counter(), []))
                    if stated and (news or NAMED not in other):
                        years[t.value[:4]] += 1
                        if len(ids) < LENDERS_NAMED and d.doc_id not in ids:
                            ids.append(d.doc_id)
                    else:  # a year the lender only inferred (issue 22): it lends none, but a different one is a conflict
                        years[VETO + t.value[:4]] += 1
    return index


def _history(value: str, published: str) -> bool:
    """Whether a lender's day lies more than LEND_DAYS from the lender's DCT: a history date ("the attack of October
    7" of 2023, told in November 2024) says when the happening was, not when an undated article telling it was
    written, so it lends no year (issue 22: borrowed, it dated an article of January 2024 to October 2023)."""
    try:
        day = date.fromisoformat(value[:10])
        ref = date.fromisoformat(published[:10]) if len(published) >= 10 else date.fromisoformat(published[:7] + "-15")
    except ValueError:
        return False
    return abs((day - ref).days) > LEND_DAYS


def _is_news(published: str, day: str) -> bool:
    """The lender was published within NEWS_DAYS after the day it reports (to its month when that is all)."""
    try:
        gap = date.fromisoformat((str(published) + "-28")[:10] if len(str(published)) == 7 else str(published)[:10]) \
            - date.fromisoformat(day)
    except ValueError:
        return False
    return timedelta(0) <= gap <= timedelta(days=NEWS_DAYS + 27 * (len(str(published)) == 7))


def borrow_from_corpus(docs: list[Document], lenders: dict | None = None, stated: SpanIndex | None = None,
                       near=None, inferred_index: dict | None = None) -> list[Document]:
    """Give undated articles the year of the same dated happenings reported by dated articles.

    An article with no DCT whose text mentions a year-less day ("Nov. 10") near the same content words
    (at least MIN_SHARED_WORDS) as a dated article's mention of that day takes its year, if every such
    match agrees; its DCT becomes the month of its latest such day (month granularity at most), inferred.
    Only articles whose DCT is at least month-precise lend years. The evidence (`dct_text`) names the first
    LENDERS_NAMED lenders of each such mention and counts the others. `lenders` (`add_lenders`, for the
    `year_less_days` of these `docs`) stands for the dated articles when they were indexed beforehand, a batch
    at a time; else those of `docs` are. Then (issue 21) those still undated whose year-less dateline names a
    weekday may take a year from the corpus's span (`dct_span.date_from_span`; `stated`, a `SpanIndex`, stands
    for the stated articles when `lenders` does), and those still undated may take a value the stated articles
    most like them choose (`dct_near`; `near`, a callable giving its `Neighbours` index, stands for them in the
    streamed build; `inferred_index`, `add_lenders` over the stated articles for the `inferred_days` of the
    articles it kept back, for `_check_inferred_years`). Returns the documents it changed, so the caller can re-run the stages that depend on the DCT.
    """
    undated = [(d, _year_less_mentions(d)) for d in docs if not d.published]  # (found once, used twice)
    dated = lenders if lenders is not None else add_lenders({}, docs, _days_of(found for _, found in undated))
    changed: list[Document] = []
    for d, found_in_d in undated:
        years, latest, evidence = _lent(found_in_d, dated)
        if len(years) == 1 and latest:
            year = next(iter(years))
            d.published, d.published_inferred = _with_dateline_day(d, int(year), latest), True
            d.published_basis = "corpus"
            d.dct_text = "; ".join(dict.fromkeys(evidence))
            changed.append(d)
    if lenders is None or inferred_index is not None:  # the streamed build: the stated articles' index, given
        changed += _check_inferred_years(docs, inferred_index)
    if lenders is None or stated is not None:  # issue 21: a year-less dateline's weekdays, the corpus's years
        changed += date_from_span(docs, stated)
    if lenders is None:  # issue 22: the stated articles most like one still undated choose among its own values
        changed += date_from_neighbours(docs)
    elif near is not None and stated is not None:  # the streamed build: the same, from its spilled articles
        changed += date_from_neighbours(docs, near, stated)
    return changed


# An article whose year was inferred on these bases yields to the year the corpus gives the same happenings,
# unless a weekday its text states checked that year (then a different corpus year is a conflict, noted).
INFERRED_BORROWERS = ("dateline", "weekday", "latest date")


def _lent(found_in_d, dated: dict) -> tuple[Counter, str | None, list[str]]:
    """The years lenders give the year-less mentions `found_in_d`, the latest such day (MM-DD), the evidence."""
    years: Counter = Counter()
    vetoes: set[str] = set()
    latest: str | None = None
    evidence: list[str] = []
    for said, day, words in found_in_d:
        found = dated.get(day, {}).get(words)
        if found:
            lent, ids = found
            vetoes.update(y.lstrip(VETO) for y in lent if y.startswith(VETO))
            lent = Counter({y: n for y, n in lent.items() if not y.startswith(VETO)})
            if not lent:
                continue
            years.update(lent)
            latest = max(latest or "", day)
            evidence += [f"{said} (as in {other_id})" for other_id in ids]
            more = sum(lent.values()) - len(ids)
            evidence += [f"{said} (and {more} more)"] if more else []
    if years:  # another year given by a lender's inference is a conflict: the years disagree
        years.update({y: 0 for y in vetoes if y not in years})
    return years, latest, evidence


def held_for_corpus(doc: Document) -> bool:
    """An article whose year was inferred from its text on a basis the corpus may overrule
    (INFERRED_BORROWERS) and that mentions year-less days, or whose year-less dateline's year the similar
    articles may overrule (`dct_near.overrulable`): the streamed build keeps it in memory with the
    undated ones rather than writing it at once, so that `_check_inferred_years` may still change it."""
    return bool(doc.published and doc.published_inferred and doc.published_basis in INFERRED_BORROWERS
                and _year_less_mentions(doc)) or overrulable(doc)  # (round 7: dct_near may choose another year)


def inferred_days(docs: list[Document]) -> dict[str, list[frozenset[str]]]:
    """The year-less days the inferred articles of `docs` mention (`held_for_corpus`), for `add_lenders` over the
    stated articles only (what `_check_inferred_years` indexes)."""
    return _days_of(_year_less_mentions(d) for d in docs if held_for_corpus(d))


def _check_inferred_years(docs: list[Document], index: dict | None = None) -> list[Document]:
    """Articles whose year was inferred from their own text (not only undated ones) take the year that articles
    with a stated date give the same year-less days near the same words; where the lenders disagree, or a
    weekday the text states checked its own year, the article keeps its value and `dct_note` says so.
    Returns the articles whose date changed."""
    inferred = [(d, _year_less_mentions(d)) for d in docs
                if d.published and d.published_inferred and d.published_basis in INFERRED_BORROWERS]
    if not inferred:
        return []
    if index is None:  # (the streamed build indexed its spilled stated articles a batch at a time)
        stated = [d for d in docs if d.published and not d.published_inferred]
        index = add_lenders({}, stated, _days_of(found for _, found in inferred))
    changed = []
    for d, found_in_d in inferred:
        years, latest, evidence = _lent(found_in_d, index)
        old = str(d.published)
        if not latest:
            continue
        if len(years) > 1:
            if old[:4] not in years:
                d.dct_note = _join_note(d.dct_note, f"conflicting evidence: other articles date these days in "
                                        f"{', '.join(sorted(years))}; the text's {d.published_basis} value kept")
            continue
        new = _with_dateline_day(d, int(next(iter(years))), latest)
        if new[:4] == old[:4]:
            continue
        if _weekday_checked(d):
            d.dct_note = _join_note(d.dct_note, f"conflicting evidence: other articles give {new[:4]} "
                                    f"({'; '.join(dict.fromkeys(evidence))[:80]}); the weekday-checked {old} kept")
            continue
        d.dct_note = _join_note(d.dct_note, f"the text's {d.published_basis} gave {old}; the corpus gives {new[:4]}")
        d.published, d.published_basis = new, "corpus"
        d.dct_text = "; ".join(dict.fromkeys(evidence))
        changed.append(d)
    return changed


def _weekday_checked(doc: Document) -> bool:
    """The article's inferred day falls on a weekday its text states for it (its dateline paragraph's, or the
    day after: NEWS_DAY_LAG), or it was fixed by weekday-date pairs."""
    if doc.published_basis == "weekday":
        return True
    if doc.published_basis != "dateline" or not _DAY.match(str(doc.published)):
        return False
    dateline = _dateline(doc.text) or _mixed_dateline(doc.text, ("en", text_language(doc.text, doc.language)))
    if not dateline:
        return False
    lang = text_language(doc.text, doc.language)
    weekdays = _lead_weekdays(_dateline_paragraph(doc.text, dateline[1]), lang) or _lead_weekdays(doc.text[:LEAD_CHARS], lang)
    day = date.fromisoformat(str(doc.published)[:10])
    return any((day - timedelta(days=b)).isoweekday() in weekdays for b in NEWS_DAY_LAG)


def _with_dateline_day(doc: Document, year: int, latest: str) -> str:
    """The borrowed date: the dateline's year-less day on or after the latest borrowed day (in the borrowed
    year, or the next when it falls earlier in the year) when the article has one and it falls on a weekday its
    paragraph names (if it names any), else the month of that latest day."""
    month = f"{year}-{latest[:2]}"
    lang = text_language(doc.text, doc.language)
    languages = tuple(dict.fromkeys(("en", lang)))
    dateline = _dateline(doc.text)
    found = _dateline_date(dateline[1][:60], languages, strict=False) if dateline else None
    if not dateline:  # a place in mixed case ("New Delhi, Feb 1 (PTI)")
        mixed = _mixed_dateline(doc.text, languages + _label_regex()[1])
        dateline, found = (mixed[:2], mixed[2:]) if mixed else (None, None)
    if not found or not re.fullmatch(r"XXXX-\d\d-\d\d", found[0].value):
        return month
    md = found[0].value[5:]
    try:  # a dateline day before the latest borrowed one in the year falls in the next year ("Feb 1" after "November 8")
        day = date(year + (md < latest), int(md[:2]), int(md[3:]))
    except ValueError:
        return month
    weekdays = _lead_weekdays(_dateline_paragraph(doc.text, dateline[1]), lang)
    if (weekdays and not any((day - timedelta(days=b)).isoweekday() in weekdays for b in NEWS_DAY_LAG)):
        return month
    return day.isoformat()


INFERRED_NAMED = 10  # articles named in the build summary's line on inferred dates


def conflict_problems(docs) -> list[InputProblem]:
    """One warning per article whose metadata date and the date its text states fall in different years
    (metadata kept), naming the file and both values."""
    return [InputProblem(d.path or d.doc_id, d.dct_note, False, "dct_conflict")
            for d in docs if d.dct_note and d.dct_note.startswith("conflict:")]


def inferred_summary(docs) -> str:
    """One line for the build summary: how many articles have a date inferred from their text, by basis, and
    the first INFERRED_NAMED of them with their value (and the note when the evidence was weak); "" if none."""
    inferred = [d for d in docs if d.published and d.published_inferred]
    if not inferred:
        return ""
    bases = Counter(d.published_basis or "?" for d in inferred)
    named = ", ".join(f"{d.doc_id} {d.published} ({d.published_basis}{'; ' + d.dct_note if d.dct_note else ''})"
                      for d in inferred[:INFERRED_NAMED])
    more = f" and {len(inferred) - INFERRED_NAMED} more" if len(inferred) > INFERRED_NAMED else ""
    by = ", ".join(f"{n} {b}" for b, n in bases.most_common())
    return f"{len(inferred)} article dates inferred from the text ({by}): {named}{more}"
