"""An undated article's date from the dated articles most like it (issue 22, after the held-out world2 measure).

Run by `dct_corpus.borrow_from_corpus` after the year lending and `dct_span.date_from_span`, on the articles still
undated. The *stated* articles (header, dateline with its year, metadata: never an inferred date) most similar to
it (shared distinctive words, each weighted by how few articles carry it; at least MIN_SIMILARITY) stand for
the time of its story. They only choose among the values the article's own text allows:

- a year-less dateline with weekdays that fit several years of the corpus's span (`dct_span.weekday_years`):
  the year whose day is nearest the similar articles' dates, when all NEAR_ARTICLES of them agree; the year
  nearest after the latest full date the text states (a wire reports recent news: within NEWS_DAYS) must agree
  when it exists, and alone it fixes nothing unless no similar article is found and it is that recent;
- a year-less dateline with no weekday, whose text states only history years: the same choice among the span's
  years (on or after the text's floor); the dateline gives month and day, so the value is that day;
- no dateline, weekday-date pairs ("dimanche 26 janvier"): the years of the span in which every pair holds;
  one, or the one the similar articles choose; the value is the latest pair's day, or later in its week, to the
  last day a bare weekday the text names (not told in the future) falls on ("ce lundi" after "dimanche 26"); an
  article the lending gave only a month gets that day too when its pairs hold in the lent year;
- nothing else but relative words (an op-ed's "last Sunday"): the month of the latest full date the text states
  when the most similar article follows it within LATEST_NEWS_DAYS (so the story is that month's news). No year
  from the similar articles alone: on the crawled T17 pages it gave 287 year-only values and 7 wrong years. On the 45 stated
  articles of the world corpus, each taken alone: the month rule gave 6 right months and 1 wrong month (a
  planned day misread as past), none a wrong year; the similar articles' month alone was right 5 times in 16,
  so it is not used.

Each value is inferred, basis "corpus", and `dct_note` says how it was fixed; conflicting evidence gives no value
and a note. Only the in-memory build runs it (the streamed build keeps only undated articles in memory).
"""
from __future__ import annotations

import math
import re
from collections import Counter
from datetime import date, timedelta
from functools import lru_cache

from ..config import load_yaml
from ..schema import Document
from ..timex import find_timexes, tense_at, text_language
from ..timex.rules import load_grammar
from .dct_header import DATA, _DAY, _dateline, _dct_data, _foreign_pairs, _label_regex, _mixed_dateline, _weekday_pairs
from .dct_span import (_opening_day, _span, _stated_years, _told_weekdays, join_note, weekday_years,
                       year_less_dateline)
from .dct_years import _weigh

COMMON_SHARE = 0.2  # a name in more than this share of the articles is not looked up (little weight, long postings)
COMMON_MIN = 50  # ... when it is in more than this many (a small corpus is scored exactly)
NEAR_ARTICLES = 3  # the most similar stated articles that must agree
MIN_SIMILARITY = 0.12  # cosine of idf-weighted word sets: below it an article is no neighbour
SURE_SIMILARITY = 0.2  # one similar article alone must be this similar to choose a year
MAX_GAP_DAYS = 183  # the chosen day is within this of the nearest similar article's date
NEWS_DAYS = 62  # a wire's latest full date is this recent at most
LATEST_NEWS_DAYS = 21  # the most similar article follows the latest full date within this many days
_WORD = re.compile(r"[^\W\d_]{4,}")


@lru_cache(maxsize=None)
def _stopwords() -> frozenset[str]:
    data = load_yaml((DATA / "en" / "timex" / "context_stopwords.yaml").read_text(encoding="utf-8")) or {}
    return frozenset(str(w).lower() for w in data.get("words", ()))


# (the capital first and the context after it, looked back on: `re` then skips in C to the next capital, instead
# of trying three look-behinds at every character; the same matches, 6 x faster over 20 MB of articles)
_NAME = re.compile(r"([A-ZÀ-ÞА-ЯЁİ](?:(?<=[^\W\d_]\s.)|(?<=[^\W\d_][,;:]\s.)|(?<=[)»”\"'’]\s.))[^\W\d_]{3,})")


@lru_cache(maxsize=None)
def _calendar_words() -> re.Pattern:
    g = load_grammar("en")
    return re.compile(rf"(?:{g.alternations['month']}|{g.alternations['weekday']})", re.I)


def _words(doc: Document) -> frozenset[str]:
    """The names an article uses: capitalised words inside a sentence (not after a full stop, not month or
    weekday names). Names are shared across the six languages where function words are not."""
    cal = _calendar_words()
    return frozenset(w.lower() for w in _NAME.findall(doc.text) if not cal.fullmatch(w)) - _stopwords()


def _stated(doc: Document) -> bool:
    return bool(doc.published) and not doc.published_inferred and _DAY.match(str(doc.published)) is not None


class Neighbours:
    """The stated articles of a corpus, indexed by the names they use, to find the ones most similar to an
    article (cosine of idf-weighted name sets). Names carried by more than COMMON_SHARE of the articles weigh
    little and are not looked up, so a large corpus costs about the postings of its rarer names."""

    def __init__(self, docs: list[Document]):
        self.words = {id(d): _words(d) for d in docs}
        df = Counter(w for ws in self.words.values() for w in ws)
        n = max(len(docs), 1)
        self.idf = {w: math.log(n / c) for w, c in df.items()}
        self.norm = {id(d): math.sqrt(sum(self.idf[w] ** 2 for w in self.words[id(d)])) or 1.0 for d in docs}
        self.postings: dict[str, list[Document]] = {}
        for d in docs:
            if _stated(d):
                for w in self.words[id(d)]:
                    if df[w] <= max(COMMON_MIN, COMMON_SHARE * n):
                        self.postings.setdefault(w, []).append(d)

    def of(self, doc: Document) -> list[tuple[float, date]]:
        """(similarity, published day) of the NEAR_ARTICLES stated articles most like `doc` (at least MIN_SIMILARITY)."""
        scores: dict[int, float] = {}
        by_id: dict[int, Document] = {}
        for w in self.words[id(doc)]:
            for s in self.postings.get(w, ()):
                if s is not doc:
                    scores[id(s)] = scores.get(id(s), 0.0) + self.idf[w] ** 2
                    by_id[id(s)] = s
        out = []
        for key, score in scores.items():
            sim = score / (self.norm[id(doc)] * self.norm[key])
            if sim >= MIN_SIMILARITY:
                out.append((sim, date.fromisoformat(str(by_id[key].published)[:10])))
        return sorted(out, reverse=True)[:NEAR_ARTICLES]


def _vote(candidates: dict[int, date], near: list[tuple[float, date]]) -> int | None:
    """The candidate year whose day is nearest every similar article's date, when they all agree."""
    if not candidates or not near or (len(near) < 2 and near[0][0] < SURE_SIMILARITY):
        return None
    votes = {min(candidates, key=lambda y: abs((candidates[y] - d).days)) for _, d in near}
    if len(votes) != 1:
        return None
    year = votes.pop()
    return year if min(abs((candidates[year] - d).days) for _, d in near) <= MAX_GAP_DAYS else None


def _latest_full(doc: Document, lang: str) -> date | None:
    """The latest full date (a day with its year) the text states as past."""
    days = [t.date_start for t in _weigh(doc.text, lang).past if t.granularity == "day" and _DAY.match(t.date_start or "")]
    return date.fromisoformat(max(days)[:10]) if days else None


def _choose(candidates: dict[int, date], near, latest: date | None) -> tuple[int | None, str]:
    """A year among `candidates` ({year: the day in it}) from the similar articles and the latest full date."""
    by_near = _vote(candidates, near)
    after = sorted(y for y, d in candidates.items() if latest and d >= latest)
    by_latest = after[0] if after and candidates[after[0]] - latest <= timedelta(days=NEWS_DAYS) else None
    if by_near is not None and by_latest is not None and by_near != by_latest:
        return None, f"conflicting evidence: the articles most like it give {by_near}, its latest full date {by_latest}"
    if by_near is not None:
        return by_near, f"the articles most like it date near {by_near}"
    if by_latest is not None and not near:
        return by_latest, f"the nearest year after its latest full date ({latest.isoformat()})"
    return None, f"the years fit {', '.join(map(str, sorted(candidates)))} and nothing chooses"


def _days_in(years, month: int, day: int, floor: str | None) -> dict[int, date]:
    out = {}
    for y in years:
        try:
            d = date(y, month, day)
        except ValueError:
            continue
        if not floor or d.isoformat() >= floor[:10]:
            out[y] = d
    return out


def _pair_day(doc: Document, lang: str, pairs, year: int) -> date | None:
    """The article's day around its weekday-date pairs in `year`: the latest pair's day, or later in the week
    after it, to the last day that a weekday of the report's own week falls on ("dimanche 30 juillet ... Ce
    lundi": Monday 31 July; `this_week_before` in dct.yaml). A bare weekday ("samedi") may name a day before the
    pair as well as after it, so it does not move the day."""
    try:
        latest = max(date(year, mo, d) for _, mo, d, _ in pairs)
    except ValueError:
        return None
    named = _this_week(doc.text, lang)
    return max([latest] + [latest + timedelta(days=k) for k in range(1, 7)
                           if (latest + timedelta(days=k)).isoweekday() in named])


@lru_cache(maxsize=None)
def _this_week_cue(lang: str) -> re.Pattern:
    data = _dct_data()
    cues = [str(x) for code in dict.fromkeys(("en", lang)) for x in data.get(code, {}).get("this_week_before") or ()]
    return re.compile("|".join(f"(?:{c})" for c in cues) or r"(?!x)x", re.I)


def _this_week(text: str, lang: str) -> set[int]:
    """The weekdays (1-7) the text names with a this-week word before them, not told in the future."""
    cue = _this_week_cue(lang)
    out = set()
    for t in find_timexes(text, None, lang):
        m = re.fullmatch(r"XXXX-WXX-(\d)", t.value or "")
        if m and tense_at(text, t.start, t.end, lang) != "future":
            head = re.match(r"\s*(?:[^\W\d_]+\s+)?", t.text)  # the timex may hold the word ("ce lundi")
            if cue.search(text[max(0, t.start - 20):t.start] + " ") or cue.search(t.text[:head.end()] if head else ""):
                out.add(int(m.group(1)))
    return out


def _pairs(d: Document, lang: str):
    """The weekday-date pairs the text states, not told in the future."""
    out = []
    for p in _weekday_pairs(d.text) + _foreign_pairs(d.text, lang):
        at = max(d.text.find(p[3]), 0)
        if tense_at(d.text, at, at + len(p[3]), lang) != "future":
            out.append(p)
    return out


def refine_lent_months(docs: list[Document]) -> list[Document]:
    """An article the corpus lent only a month (basis corpus, a YYYY-MM value) whose weekday-date pairs all hold
    in that year takes the day they fix (`_pair_day`), when it falls in or after that month: the pairs check the
    lent year and are finer. Returns the articles changed."""
    changed = []
    for d in docs:
        if not (d.published and d.published_inferred and d.published_basis == "corpus" and len(str(d.published)) == 7):
            continue
        lang = text_language(d.text, d.language)
        pairs = _pairs(d, lang)
        year = int(str(d.published)[:4])
        if not pairs or not all(_holds(year, wd, mo, dd) for wd, mo, dd, _ in pairs):
            continue
        day = _pair_day(d, lang, pairs, year)
        if day and day.isoformat()[:7] >= str(d.published):
            d.dct_note = join_note(d.dct_note, f"the corpus lent {d.published}; its weekday-date pairs hold in {year}: "
                                   f"{'; '.join(p[3] for p in pairs)}")
            d.published = day.isoformat()
            changed.append(d)
    return changed


def _relative(doc: Document, lang: str) -> bool:
    """The text names weekdays or relative days ("last Sunday", "yesterday")."""
    return any(re.fullmatch(r"XXXX-WXX-\d|XXXX-XX-XX", t.value or "") for t in find_timexes(doc.text, None, lang))


def date_from_neighbours(docs: list[Document]) -> list[Document]:
    """Date the articles of `docs` still undated from the stated articles most like them (see the module's
    docstring). Returns the articles dated."""
    changed = refine_lent_months(docs)
    todo = [d for d in docs if not d.published]
    years = _stated_years(docs)
    if not todo or not years:
        return changed
    span = _span(years)
    neighbours = Neighbours(docs)
    for d in todo:
        lang = text_language(d.text, d.language)
        near = neighbours.of(d)
        value, note = _value(d, lang, span, near)
        if value is None:
            if note:
                d.dct_note = join_note(d.dct_note, note)
            continue
        d.published, d.published_inferred, d.published_basis = value, True, "corpus"
        d.dct_text = d.dct_text or "; ".join(f"a stated article of {day.isoformat()}" for _, day in near) or None
        d.dct_note = join_note(d.dct_note, note)
        changed.append(d)
    return changed


def _value(d: Document, lang: str, span: range, near) -> tuple[str | None, str]:
    line = year_less_dateline(d.text, d.language)
    if line is not None:  # a year-less dateline with weekdays: the years they fit
        fits = weekday_years(line, span)
        if len(fits) < 2:
            return None, ""  # none fits, or one did and `date_from_span` said why it was refused
        candidates = {y: date(y, line.month, line.day) for y in fits}
        year, why = _choose(candidates, near, _latest_full(d, lang))
        return (candidates[year].isoformat() if year else None), f"{line.words}: {why}"
    languages = tuple(dict.fromkeys(("en", lang)))
    dateline = _dateline(d.text)
    found = _opening_day(dateline[1][:60], languages) if dateline else None
    if not dateline:
        mixed = _mixed_dateline(d.text, languages + _label_regex()[1])
        dateline, found = (mixed[:2], mixed[2:]) if mixed else (None, None)
    if found and re.fullmatch(r"XXXX-\d\d-\d\d", found[0].value or ""):
        mo, day = int(found[0].value[5:7]), int(found[0].value[8:10])
        candidates = _days_in(span, mo, day, _weigh(d.text, lang).floor)
        year = _vote(candidates, near)
        if year is None:
            return None, f"{dateline[0]}, {found[0].text}: no year the articles most like it agree on"
        return candidates[year].isoformat(), f"{dateline[0]}, {found[0].text}: the articles most like it date near {year}"
    pairs = _pairs(d, lang)
    if pairs:
        floor = _weigh(d.text, lang).floor
        holds = {y: date(y, pairs[0][1], pairs[0][2]) for y in span
                 if all(_holds(y, wd, mo, dd) for wd, mo, dd, _ in pairs)}
        holds = {y: v for y, v in holds.items() if not floor or v.isoformat() >= floor[:10]}
        if len(holds) == 1:
            year, why = next(iter(holds)), "the only year of the corpus's span in which its weekday-date pairs hold"
        else:
            year = _vote(holds, near)
            why = f"its weekday-date pairs hold in {', '.join(map(str, sorted(holds)))}; the articles most like it date near {year}"
        day = _pair_day(d, lang, pairs, year) if year else None
        return (day.isoformat() if day else None), ("; ".join(p[3] for p in pairs) + ": " + why) if day else ""
    if near and _relative(d, lang):  # an op-ed's "last Sunday": the month of its latest full date
        current = [t.date_start for t in _weigh(d.text, lang).current if t.granularity == "day" and _DAY.match(t.date_start or "")]
        latest = date.fromisoformat(max(current)[:10]) if current else None
        if latest and timedelta(0) <= near[0][1] - latest <= timedelta(days=LATEST_NEWS_DAYS):
            return latest.isoformat()[:7], (f"only relative days: the month of its latest full date, which the "
                                            f"article most like it ({near[0][1].isoformat()}) follows")
    return None, ""


def _holds(year: int, wd: int, mo: int, d: int) -> bool:
    try:
        return date(year, mo, d).isoweekday() == wd
    except ValueError:
        return False
