"""An undated article's date from the dated articles most like it (issue 22, after the held-out world2 measure).

Run by `dct_corpus.borrow_from_corpus` after the year lending and `dct_span.date_from_span`, on the articles still
undated. The *stated* articles (header, dateline with its year, metadata: never an inferred date) most similar to
it (shared distinctive words, each weighted by how few articles carry it; at least MIN_SIMILARITY) stand for
the time of its story. They only choose among the values the article's own text allows:

- a year-less dateline with weekdays that fit several years of the corpus's span (`dct_span.weekday_years`):
  the year whose day is nearest the similar articles' dates, when all NEAR_ARTICLES of them agree; the year
  nearest after the latest full date the text states (a wire reports recent news: within NEWS_DAYS) must agree
  when it exists, and alone it fixes nothing unless no similar article is found and it is that recent; the
  article's own stated years (`dct_relations.text_choice`: "next year's election in 2024", the only fitting year
  within two of the latest one it states) weigh in too, and any two of these disagreeing give no value;
- a year-less dateline with no weekday, whose text states only history years: the same choice among the span's
  years (on or after the text's floor), or the year a relation fixes ("announced last year, in July 2023"); the
  dateline gives month and day, so the value is that day;
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
and a note. Both builds run it: the streamed build feeds `Neighbours` its spilled articles a batch at a time.
"""
from __future__ import annotations

import math
import re
import zlib
from array import array
from datetime import date, timedelta
from functools import lru_cache

from ..config import load_yaml
from ..config import DATA_DIR
from ..registry import fold, load_registry
from ..schema import Document
from ..timex import find_timexes, tense_at, text_language
from ..timex.rules import load_grammar
from .dct_header import DATA, _DAY, _dateline, _dct_data, _foreign_pairs, _label_regex, _mixed_dateline, _weekday_pairs
from .dct_span import (_opening_day, _span, _stated_months, _stated_years, _told_weekdays, join_note, weekday_years,
                       year_less_dateline)
from .dct_relations import related_years, text_choice
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


_KEYED = ("person", "organisation", "location")  # mention kinds keyed by their registry name (countries by code)


def _keys(doc: Document, words: frozenset[str] | None = None) -> frozenset[str]:
    """The registry keys of the article's mentions (the actors stage's: "Бангладеш", "Bangladés" and "Bangladesh"
    are all BGD): the country code of each, and the folded canonical name of a person, organisation or place.
    They are what articles in different languages share ("Асад" and "Assad" are no shared word)."""
    out = set()
    for m in doc.mentions:
        if m.country:
            out.add("@" + m.country)
        if m.kind in _KEYED and m.name:
            out.add(f"@{m.kind}:{fold(m.name).lower()}")
    return frozenset(out | {"@" + c for w in (_words(doc) if words is None else words) if (c := _inflected_country(w))})


@lru_cache(maxsize=None)
def _endings() -> tuple[tuple[str, str], ...]:
    """(inflected ending, nominative ending) of every language's name_endings.yaml (Russian: "ии" -> "ия")."""
    out = []
    for path in sorted(DATA_DIR.glob("*/name_endings.yaml")):
        out += [(str(a), str(b)) for a, b in (load_yaml(path.read_text(encoding="utf-8")) or {}).get("endings", ())]
    return tuple(out)


@lru_cache(maxsize=1 << 16)
def _inflected_country(word: str) -> str | None:
    """The ISO code of the country an inflected name stands for ("сирии" -> SYR), the actors stage finding only
    the form the registry holds; None when no ending gives a registry country's name."""
    index, folded = load_registry().index, fold(word)
    for ending, nominative in _endings():
        if folded.endswith(ending) and len(folded) > len(ending) + 2:
            hit = index.get((folded[:-len(ending)] + nominative,))
            if hit and hit[0].kind in ("country", "government") and hit[0].country:
                return hit[0].country
    return None


def _names(doc: Document) -> frozenset[str]:
    """The article's names (`_words`) and its mentions' registry keys (`_keys`)."""
    words = _words(doc)
    return words | _keys(doc, words)


def _keys_of(names: frozenset[str]) -> frozenset[str]:
    """The registry keys among `_names` (they all begin with "@"; a name is letters only)."""
    return frozenset(w for w in names if w[:1] == "@")


def distinct_mentions(mentions: list) -> list:
    """One mention of each (kind, name, country): all `_keys` reads, kept in the streamed build's spill."""
    return list({(m.kind, m.name, m.country): m for m in mentions}.values())


def _lang(doc: Document) -> str:
    return text_language(doc.text, doc.language)


def _stated(doc: Document) -> bool:
    return bool(doc.published) and not doc.published_inferred and _DAY.match(str(doc.published)) is not None


BUCKETS = 1 << 20  # names' document frequencies are counted in this many hashed slots (4 MB, whatever the corpus)


def _slot(name: str) -> int:
    return zlib.crc32(name.encode("utf-8")) & (BUCKETS - 1)


def wanted_names(docs: list[Document]) -> set[str]:
    """The names of the articles of `docs` to date (undated, or an inferred year the corpus may overrule,
    `overrulable`): the only ones `Neighbours` keeps postings for."""
    return {w for d in docs if not d.published or overrulable(d) for w in _names(d)}


class Neighbours:
    """The stated articles of a corpus, indexed by the names they use, to find the ones most similar to an
    article (cosine of idf-weighted name sets). Built in two passes, so that the streamed build can feed it its
    spilled articles a batch at a time with bounded memory: `count` every article of the corpus once (document
    frequencies in BUCKETS hashed slots), then `index` the stated ones, keeping postings only for the `wanted`
    names (those of the articles to date) that at most COMMON_SHARE of the articles carry, and each such
    article's norm and date. `build()` uses the same two passes over its documents, so both builds give the
    same neighbours (issue 22 round 6)."""

    def __init__(self, wanted: set[str]):
        self.wanted = wanted
        self.df = array("I", bytes(4 * BUCKETS))
        self.n = 0
        self.postings: dict[str, list[str]] = {}
        self.norm: dict[str, float] = {}
        self.key_norm: dict[str, float] = {}  # over the registry keys only (an article in another language)
        self.lang: dict[str, str] = {}
        self.day: dict[str, date] = {}

    def count(self, docs: list[Document]) -> "Neighbours":
        for d in docs:
            self.n += 1
            for w in _names(d):
                self.df[_slot(w)] += 1
        return self

    def _idf(self, w: str) -> float:
        c = self.df[_slot(w)]
        return math.log(max(self.n, 1) / c) if c else 0.0

    def _norm(self, words) -> float:
        return math.sqrt(sum(self._idf(w) ** 2 for w in sorted(words))) or 1.0

    def index(self, docs: list[Document]) -> "Neighbours":
        limit = max(COMMON_MIN, COMMON_SHARE * self.n)
        for d in docs:
            if not _stated(d):
                continue
            words = _names(d)
            kept = [w for w in sorted(words & self.wanted) if self.df[_slot(w)] <= limit]
            for w in kept:
                self.postings.setdefault(w, []).append(d.doc_id)
            if kept:
                self.norm[d.doc_id] = self._norm(words)
                self.key_norm[d.doc_id] = self._norm(_keys_of(words))
                self.lang[d.doc_id] = _lang(d)
                self.day[d.doc_id] = date.fromisoformat(str(d.published)[:10])
        return self

    def of(self, doc: Document) -> list[tuple[float, date]]:
        """(similarity, published day) of the NEAR_ARTICLES stated articles most like `doc` (at least MIN_SIMILARITY):
        the cosine of their names and keys; for an article in another language, failing that, the cosine of their
        registry keys alone (its words are of another language, so they would only dilute the keys), when the
        articles chosen lie within NEWS_DAYS of each other."""
        words = _names(doc)
        keys, lang = _keys_of(words), _lang(doc)
        scores: dict[str, float] = {}
        key_scores: dict[str, float] = {}
        for w in sorted(words):
            for key in self.postings.get(w, ()):
                if key != doc.doc_id:
                    scores[key] = scores.get(key, 0.0) + self._idf(w) ** 2
                    if w in keys:
                        key_scores[key] = key_scores.get(key, 0.0) + self._idf(w) ** 2
        own, own_keys = self._norm(words), self._norm(keys)
        out, by_keys = [], []
        for key, score in scores.items():
            sim = score / (own * self.norm[key])
            if sim >= MIN_SIMILARITY:
                out.append((sim, self.day[key]))
            elif self.lang[key] != lang and key_scores.get(key):
                sim = key_scores[key] / (own_keys * self.key_norm[key])
                if sim >= MIN_SIMILARITY:
                    by_keys.append((sim, self.day[key]))
        near = sorted(out + by_keys, reverse=True)[:NEAR_ARTICLES]
        days = [d for _, d in near]
        if set(near) & set(by_keys) and (max(days) - min(days)).days > NEWS_DAYS:
            # a few shared keys ("Россия" / "Russia") are a weak likeness: the articles found by them alone
            # count only when they are of the same weeks, one happening (world corpus: a TASS wire of 2022 was
            # near three 2023 articles that shared only RUS)
            near = sorted(out, reverse=True)[:NEAR_ARTICLES]
        return near


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


def _choose(candidates: dict[int, date], near, latest: date | None, text=(None, "")) -> tuple[int | None, str]:
    """A year among `candidates` ({year: the day in it}) from the similar articles, the latest full date and
    `text` (the year the article's own stated years choose and why, `dct_relations.text_choice`); any two of
    them disagreeing is a conflict."""
    by_near = _vote(candidates, near)
    after = sorted(y for y, d in candidates.items() if latest and d >= latest)
    by_latest = after[0] if after and candidates[after[0]] - latest <= timedelta(days=NEWS_DAYS) else None
    by_text, text_why = text
    if by_text is not None and by_near is None and near and all(
            min(candidates, key=lambda y: abs((candidates[y] - d).days)) != by_text for _, d in near):
        # too few similar articles to vote, but each is nearer another year than the one its own years give
        return None, (f"conflicting evidence: its own years give {by_text} ({text_why}), the articles most like it "
                      f"date {', '.join(sorted({d.isoformat() for _, d in near}))}")
    given = {"the articles most like it": by_near, "its latest full date": by_latest, "its own years": by_text}
    given = {k: v for k, v in given.items() if v is not None}
    if len(set(given.values())) > 1:
        return None, "conflicting evidence: " + ", ".join(f"{k} give {v}" for k, v in given.items())
    if by_near is not None:
        return by_near, f"the articles most like it date near {by_near}" + (f" ({text_why})" if by_text else "")
    if by_text is not None:
        return by_text, text_why
    if by_latest is not None and not near:
        return by_latest, f"the nearest year after its latest full date ({latest.isoformat()})"
    return None, f"the years fit {', '.join(map(str, sorted(candidates)))} and nothing chooses" + (f"; {text_why}" if text_why else "")


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


def date_from_neighbours(docs: list[Document], neighbours=None, stated=None) -> list[Document]:
    """Date the articles of `docs` still undated from the stated articles most like them (see the module's
    docstring). The streamed build passes `neighbours` (a callable giving the `Neighbours` of the whole corpus,
    built from its spill folder only when needed) and `stated` (a `dct_span.SpanIndex`: the stated articles'
    years and months); else those of `docs` are used. Returns the articles dated."""
    changed = refine_lent_months(docs)
    todo = [d for d in docs if not d.published or overrulable(d)]
    years = _stated_years(docs) if stated is None else stated.years
    months = _stated_months(docs) if stated is None else stated.months
    if not todo or not years:
        return changed
    span = _span(years)
    neighbours = neighbours() if neighbours is not None else Neighbours(wanted_names(docs)).count(docs).index(docs)
    for d in todo:
        lang = text_language(d.text, d.language)
        near = neighbours.of(d)
        if d.published:  # an inferred dateline year: overruled only when the similar articles choose another
            if _overrule(d, lang, span, near, months):
                changed.append(d)
            continue
        value, note = _value(d, lang, span, near, months)
        if value is None:
            if note:
                d.dct_note = join_note(d.dct_note, note)
            continue
        d.published, d.published_inferred, d.published_basis = value, True, "corpus"
        d.dct_text = d.dct_text or "; ".join(f"a stated article of {day.isoformat()}" for _, day in near) or None
        d.dct_note = join_note(d.dct_note, note)
        changed.append(d)
    return changed


def overrulable(doc: Document) -> bool:
    """An article whose day and year were inferred from its year-less dateline and the weekdays it names
    (`dct_years._year_for`: the one fitting year within WINDOW_YEARS after the latest full date it states): the
    stated articles most like it may choose another year those weekdays fit (issue 22 round 7)."""
    return bool(doc.published and doc.published_inferred and doc.published_basis == "dateline"
                and _DAY.match(str(doc.published)) and year_less_dateline(doc.text, doc.language) is not None)


def _overrule(d: Document, lang: str, span: range, near, months=frozenset()) -> bool:
    """Give `d` (`overrulable`) the year the similar articles agree on (`_vote`: NEAR_ARTICLES of them, or one at
    SURE_SIMILARITY) among the years of the corpus's span its dateline's weekdays fit, when it is not the
    inferred one, each of them dates within NEWS_DAYS of its day in that year, and nothing else the text says (its latest full date, its own years: `_choose`) disagrees.
    A lone weekday fit after a background date years back ("returned to power on 6 January 2009": 2013) then
    yields to the year of the same story in the corpus (2024), in whatever language it is told. True if changed."""
    line = year_less_dateline(d.text, d.language)
    old = date.fromisoformat(str(d.published)[:10])
    if line is None or (line.month, line.day) != (old.month, old.day):
        return False
    candidates = {y: date(y, line.month, line.day) for y in weekday_years(line, span)}
    by_near = _vote(candidates, near)
    if by_near is None or by_near == old.year or any(abs((candidates[by_near] - d).days) > NEWS_DAYS for _, d in near):
        return False  # (a year the text fixed yields only to articles of the same weeks: the same happenings)
    year, why = _choose(candidates, near, _latest_full(d, lang), text_choice(candidates, d.text, lang, months))
    if year != by_near:
        d.dct_note = join_note(d.dct_note, f"{line.words}: the articles most like it date near {by_near}, "
                               f"not the inferred {old.year}, but {why}; the inferred year kept")
        return False
    d.dct_note = join_note(d.dct_note, f"{line.words}: its weekdays gave {old.isoformat()} (the only fitting year "
                           f"after the dates it states); they fit {', '.join(map(str, sorted(candidates)))}, and {why}")
    d.published, d.published_basis = candidates[year].isoformat(), "corpus"
    d.dct_text = "; ".join(f"a stated article of {day.isoformat()}" for _, day in near)
    return True


def _value(d: Document, lang: str, span: range, near, months=frozenset()) -> tuple[str | None, str]:
    line = year_less_dateline(d.text, d.language)
    if line is not None:  # a year-less dateline with weekdays: the years they fit
        fits = weekday_years(line, span)
        if len(fits) < 2:
            return None, ""  # none fits, or one did and `date_from_span` said why it was refused
        candidates = {y: date(y, line.month, line.day) for y in fits}
        year, why = _choose(candidates, near, _latest_full(d, lang), text_choice(candidates, d.text, lang, months))
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
        year, related = _vote(candidates, near), related_years(d.text, lang)
        told = next(iter(related.items())) if len(related) == 1 and next(iter(related)) in candidates else None
        if year is not None and told and told[0] != year:
            return None, f"{dateline[0]}, {found[0].text}: conflicting evidence: the articles most like it give {year}, '{told[1]}' {told[0]}"
        if year is None and told:  # "announced last year, in July 2023": its own words fix the year
            return candidates[told[0]].isoformat(), f"{dateline[0]}, {found[0].text}: '{told[1]}' makes it {told[0]}"
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
