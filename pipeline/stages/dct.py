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
from collections import Counter
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache

from ..config import DATA_DIR, load_yaml
from ..schema import Document, InputProblem
from ..timex import find_timexes, tense_at, text_language
from ..timex.foreign import load_foreign
from ..timex.rules import load_grammar

NEEDS: tuple[str, ...] = ('text', 'blocks', 'language')
SETS: tuple[str, ...] = ('published', 'published_inferred', 'published_basis', 'dct_text', 'dct_note')


DATA = DATA_DIR
HEAD_LINES = 20  # header and dateline evidence is looked for in the first lines only
HEADER_LINE_CHARS = 100  # a date line or byline is short; longer lines are paragraphs
DATELINE_DATE_WITHIN = 15  # a dateline's date follows the place at once ("PARIS, Dec 3 (Reuters)")
_DAY = re.compile(r"^(\d{4})-(\d{2})-(\d{2})")


@dataclass(frozen=True)
class DctGuess:
    """A creation time (TIMEX3 value), whether it was inferred rather than stated, and the evidence words."""

    value: str
    inferred: bool
    evidence: str
    basis: str = ""  # one of BASES: what fixed the value
    note: str = ""  # weak or conflicting evidence, said in words ("two weekdays fit", "updated 2020-12-30")


# How a publication date was fixed (the `published_basis` column), strongest first.
BASES = ("metadata", "header", "dateline", "weekday", "latest date", "corpus")


@lru_cache(maxsize=None)
def _dct_data() -> dict[str, dict]:
    """Every language's pipeline/data/<lang>/timex/dct.yaml, read once: language -> its data."""
    return {path.parent.parent.name: load_yaml(path.read_text(encoding="utf-8")) or {}
            for path in sorted(DATA.glob("*/timex/dct.yaml"))}


def _alt(words) -> str:
    """A regex alternation of literal words, longest first, any run of spaces where a word has one."""
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in sorted(words, key=len, reverse=True)) or r"(?!x)x"


@lru_cache(maxsize=None)
def _shapes() -> tuple[re.Pattern, re.Pattern]:
    """The dateline and byline patterns (pipeline/data/en/timex/dct.yaml)."""
    data = _dct_data()["en"]
    return re.compile(data["dateline"]), re.compile(data["byline"])


@lru_cache(maxsize=None)
def _label_regex() -> tuple[re.Pattern, tuple[str, ...]]:
    """One regex for every header label of every language that has a dct.yaml, and those languages."""
    labels = _labels() | _update_labels()
    languages = list(_dct_data())
    regex = re.compile(rf"^\W{{0,3}}(?P<label>{_alt(labels)})\s*(?:[:|\-–—]\s*|\s)(?P<rest>.+)$", re.IGNORECASE)
    return regex, tuple(languages)


def _labels() -> set[str]:
    return {str(x) for data in _dct_data().values() for x in data.get("labels", ())}


@lru_cache(maxsize=None)
def _update_labels() -> frozenset[str]:
    """Labels of a later revision ("Updated", "Mis à jour"), lower-cased: a header keeps the first publication."""
    return frozenset(str(x).lower() for data in _dct_data().values() for x in data.get("update_labels", ()))


@lru_cache(maxsize=None)
def _inline_label_regex() -> re.Pattern:
    """A labelled date inside brackets or after a semicolon anywhere in the text
    ("(Source: Xinhua; issued November 18, 2020)")."""
    labels = _labels() | _update_labels()
    return re.compile(rf"[(\[;]\s*(?P<label>{_alt(labels)})\s*:?\s*(?:on\s+|le\s+|el\s+|am\s+)?(?P<rest>[^()\[\];\n]{{4,60}})",
                      re.IGNORECASE)


ISSUE_WITHIN = 30  # an issue number opens its header line ("No: 247, ...", "Газета «Коммерсантъ» №176 от ...")
FOOT_LINES = 8  # a formal document's signature line ("Done at Abuja, this 10th day of August 2023") is near its end
_DAY_OF = re.compile(r"\b(\d{1,2})(?:st|nd|rd|th)?\s+day\s+of\s+", re.I)


def _signature_date(text: str, languages) -> DctGuess | None:
    """The date of a formal document's signature line in its last lines (`signature` of every dct.yaml):
    "Done at Abuja, this 10th day of August 2023", "Fait à Paris, le 14 juin 2019"."""
    cues = [str(x) for data in _dct_data().values() for x in data.get("signature") or ()]
    if not cues:
        return None
    regex = re.compile("|".join(f"(?:{c})" for c in cues), re.I)
    for line in [ln.strip() for ln in text.split("\n") if ln.strip()][-FOOT_LINES:]:
        m = regex.match(line)
        if m:
            found = _full_date(_DAY_OF.sub(r"\1 ", line[m.end():]), languages, within=3)
            if found:
                return DctGuess(found[0], False, line, "header")
    return None


@lru_cache(maxsize=None)
def _issue_regex() -> re.Pattern:
    """An issue or release number that a date follows (`issue_number` of every language's dct.yaml)."""
    cues = [str(x) for data in _dct_data().values() for x in data.get("issue_number") or ()]
    return re.compile("|".join(f"(?:{c})" for c in cues) or r"(?!x)x")


def _is_update(label: str) -> bool:
    return " ".join(label.lower().split()) in _update_labels()


def _full_date(text: str, languages=("en",), within: int | None = None) -> tuple[str, str] | None:
    """The first explicit calendar day in `text` (any of `languages`) as (YYYY-MM-DD, words),
    starting no later than `within` characters in when that is given."""
    for lang in dict.fromkeys(languages):
        for t in find_timexes(text, None, lang):
            if within is not None and t.start > within:
                break
            m = _DAY.match(t.value)
            if m:
                return m.group(0), t.text
    return None


def _head_lines(text: str) -> list[str]:
    return [ln for ln in text.split("\n")[: HEAD_LINES * 3] if ln.strip()][:HEAD_LINES]


def find_header_date(text: str, language: str = "en") -> DctGuess | None:
    """A date stated by a labelled header line (or a labelled date in brackets anywhere: "(Source: Xinhua;
    issued November 18, 2020)") or by a line that is only a date. Of several labelled dates the first
    publication is kept (the earliest publication label, else the earliest update), and an update is noted."""
    regex, label_langs = _label_regex()
    langs = ("en", language) + label_langs
    published: list[tuple[str, str]] = []
    updated: list[tuple[str, str]] = []
    plain: DctGuess | None = None
    for line in _head_lines(text):
        issue = _issue_regex().search(line)
        if issue and (issue.start() > ISSUE_WITHIN or len(line.strip()) > HEADER_LINE_CHARS + 20):
            issue = None  # "... Resolution No. 2334, 23 December 2016, demands ..." is a paragraph, not a header
        found = _full_date(line[issue.end():], langs, within=3) if issue else None
        if found:  # "No: 247, 18 Ekim 2023, ...", "№176 от 21.09.2023": an issue's number, then its date
            published.append((found[0], line.strip()))
            continue
        m = regex.match(line.strip())
        if m:
            found = _full_date(m.group("rest"), langs)
            if found:
                (updated if _is_update(m.group("label")) else published).append((found[0], line.strip()))
                # a second label on the same line ("Publicado el 14 ... | Actualizado el 15 ...") is an update
                continue
        if plain or len(line.strip()) > HEADER_LINE_CHARS or not any(c.isdigit() for c in line):
            continue  # a paragraph, or no year: not a date line
        found = _full_date(line, ("en", language))
        if found and len(line.strip()) <= 60 and len(found[1]) >= 0.6 * len(re.sub(r"[\W_]+", "", line)):
            plain = DctGuess(found[0], False, line.strip(), "header")
        elif found and _shapes()[1].search(line):  # "By Jane Doe | December 29, 2020"
            plain = DctGuess(found[0], False, line.strip(), "header")
        elif found and re.search(rf"\s[–—|•·-]\s*{re.escape(found[1])}$", line.strip()):
            plain = DctGuess(found[0], False, line.strip(), "header")  # a title ending "– March 12, 2024"
    if not published and not updated:
        for m in _inline_label_regex().finditer(text):
            found = _full_date(m.group("rest"), langs, within=3)
            if found:
                (updated if _is_update(m.group("label")) else published).append((found[0], m.group(0).lstrip("([; ")))
    if not published and not updated and not plain:
        signed = _signature_date(text, langs)
        if signed:
            return signed
    if published:
        value, words = min(published)
        later = sorted({v for v, _ in published + updated if v > value})
        return DctGuess(value, False, words, "header", f"updated {later[-1]}" if later else "")
    if plain:
        return plain
    if updated:
        value, words = min(updated)
        return DctGuess(value, False, words, "header", "only an update date is stated")
    return None


@dataclass(frozen=True)
class DatelineCues:
    """Mixed-case dateline pattern, the tail that must follow its date (agency and/or dash), lead words."""

    mixed: re.Pattern
    tail: re.Pattern
    lead: re.Pattern


@lru_cache(maxsize=None)
def _dateline_cues() -> DatelineCues:
    """Dateline cue words of every language's dct.yaml (agencies, dashes, words before the date), pooled:
    an English article may carry an AFP dateline and a Spanish one a Reuters dateline."""
    agencies: set[str] = set()
    dashes: set[str] = set()
    lead: set[str] = set()
    for data in _dct_data().values():
        agencies.update(str(x) for x in data.get("agencies") or ())
        dashes.update(str(x) for x in data.get("dateline_dashes") or ())
        lead.update(str(x) for x in data.get("date_lead") or ())
    en = _dct_data()["en"]
    names = rf"(?:{_alt(agencies)}|[A-ZА-ЯЁİ]{{2,6}})"
    # "(Reuters)", "/TASS/", and an agency in capitals closing the dateline with a full stop (", AZERTAC.")
    agency = rf"(?:\(\s*{names}\s*\)|/\s*{names}\s*/)"
    dash = rf"(?:{_alt(dashes)})(?=\s|$)"
    # ", AZERTAC." / ", AZERTAC" at the end of its line / ". INTERFAX.RU -" (an agency in capitals, maybe a domain)
    tail = re.compile(rf"^(?:,\s*[A-ZА-ЯЁİ]{{4,12}}(?:\.(?=\s)|\s*$)|\.\s+[A-ZА-ЯЁİ]{{2,12}}(?:\.[A-ZА-ЯЁ]{{2,3}})?\s*(?:{dash})|[\s,]*(?:{agency}[\s.:]*(?:{dash})?|{dash}))", re.UNICODE)
    return DatelineCues(re.compile(en["dateline_mixed"]), tail, re.compile(rf"^\s*(?:(?:{_alt(lead)})\s+)?$", re.I))


def _dateline_date(rest: str, languages, strict: bool):
    """The explicit day (value YYYY-MM-DD or year-less XXXX-MM-DD) a dateline states right after its place,
    as (timex, language). `strict` (mixed-case place): the date must come first (after a lead word such as
    'le') and be followed by an agency in parentheses and/or a dateline dash."""
    cues = _dateline_cues()
    for lang in dict.fromkeys(languages):
        for t in find_timexes(rest[:60], None, lang):
            if t.start > DATELINE_DATE_WITHIN:
                break
            if not re.fullmatch(r"(?:\d{4}|XXXX)-\d\d-\d\d", t.value or ""):
                continue
            if strict and not (cues.lead.match(rest[:t.start]) and cues.tail.match(rest[t.end:])):
                continue
            return t, lang
    return None


def _mixed_dateline(text: str, languages) -> tuple[str, str, object, str] | None:
    """(place, rest, date timex, its language) of a dateline whose place is not in capitals
    ("Khartoum, 15 mars 2021 (AFP) -"): read only when an agency or a dash follows the date."""
    cues = _dateline_cues()
    for line in _head_lines(text):
        m = cues.mixed.match(line)
        # every dateline date carries a day number near the comma: skip "However, the ..." cheaply
        if not m or not re.search(r"\d", m.group("rest")[:DATELINE_DATE_WITHIN + 3]):
            continue
        if _is_weekday(m.group("place"), languages):
            continue
        found = _dateline_date(m.group("rest"), languages, strict=True)
        if found:
            return m.group("place").strip(), m.group("rest"), found[0], found[1]
    return None


def _is_weekday(place: str, languages) -> bool:
    """True when a would-be place is a weekday ("Thursday, Dec 3 (AP) -" is no dateline). Month words are
    not checked: short foreign month forms are also place names (Spanish 'mayo', County Mayo)."""
    words = {w.lower() for w in re.findall(r"[^\W\d_]+", place)}
    g = load_grammar("en")
    if any(re.fullmatch(g.alternations["weekday"], w, re.I) for w in words):
        return True
    return any(words & set(load_foreign(lang).weekdays) for lang in languages if lang != "en")


def _weekday_of(words: str, language: str) -> int | None:
    """The weekday (1-7) named in the words of a date ("Thursday, Dec 3", "jeudi 3 décembre"), if any."""
    if language == "en":
        g = load_grammar("en")
        m = re.search(rf"(?<!\w)(?:{g.alternations['weekday']})(?!\w)", words, re.I)
        return int(g.lookup("weekday", m.group())) if m else None
    weekdays = load_foreign(language).weekdays
    for w in re.findall(r"[^\W\d_]+", words):
        if w.lower() in weekdays:
            return weekdays[w.lower()]
    return None


def _foreign_pairs(text: str, language: str) -> list[tuple[int, int, int, str]]:
    """(weekday, month, day, words) for a weekday written with a year-less date in a language other than
    English ("jeudi 3 décembre", "3 Aralık Perşembe")."""
    if language == "en":
        return []
    out = []
    weekdays = load_foreign(language).weekdays
    for t in find_timexes(text, None, language):
        if re.fullmatch(r"XXXX-\d\d-\d\d", t.value or ""):
            wd = _weekday_of(t.text, language)
            before = re.search(r"([^\W\d_]+)\s*\(\s*$", text[max(0, t.start - 25):t.start])
            if not wd and before and before.group(1).lower() in weekdays:  # "am Sonntag (27. Februar)"
                wd = weekdays[before.group(1).lower()]
            if wd:
                out.append((wd, int(t.value[5:7]), int(t.value[8:10]), t.text))
    return out


def _dateline(text: str) -> tuple[str, str] | None:
    """(place and rest of line, the rest) of a wire dateline opening a paragraph in the first lines."""
    dateline = _shapes()[0]
    for line in _head_lines(text):
        m = dateline.match(line)
        if m and sum(c.isupper() for c in m.group("place")) >= 3 and not re.search(r"[a-z]", m.group("place").split(",")[0]):
            return m.group("place").strip(), m.group("rest")
    return None


def _explicit(text: str, language: str):
    """Timexes whose value the text states outright (resolved with no DCT), DATE only."""
    return [t for t in find_timexes(text, None, language)
            if t.type == "DATE" and t.date_start and t.granularity in ("day", "month", "year", "season", "quarter")]


def _weekday_pairs(text: str) -> list[tuple[int, int, int, str]]:
    """(weekday 1-7, month, day, words) for a weekday written with a year-less date."""
    g = load_grammar("en")
    wd, mon = g.alternations["weekday"], g.alternations["month"]
    regex = re.compile(
        rf"(?P<w>{wd})\.?\s*[,(]?\s*(?:the\s+)?(?:(?P<d1>[0-3]?\d)(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<m1>{mon})\.?"
        rf"|(?P<m2>{mon})\.?\s+(?P<d2>[0-3]?\d)(?:st|nd|rd|th)?)(?![\d])(?!,?\s*\d{{4}})\)?")
    out = []
    for m in regex.finditer(text):
        month = int(g.lookup("month", m["m1"] or m["m2"]))
        out.append((int(g.lookup("weekday", m["w"])), month, int(m["d1"] or m["d2"]), m.group()))
    return out


WINDOW_YEARS = 5  # a weekday fixes a year-less day's year within this many years after the latest precise date


@dataclass(frozen=True)
class Evidence:
    """The dates an article states outright, weighed: `past` (told as past or present), `current` (those of
    them that may date the article: not historical), `anchors` (current, to the month or day: they fix the
    window where a weekday picks a year), `planned` (told as future) and `floor` (the latest past day stated,
    historical ones included: the article is not older)."""

    past: list
    current: list
    anchors: list
    planned: list
    floor: str | None


@lru_cache(maxsize=None)
def _history_cues(languages: tuple[str, ...]) -> tuple[re.Pattern, re.Pattern, re.Pattern, re.Pattern]:
    """(before a bare year, after a bare year, a span opened before, a span closed after) of `languages`."""
    data = [_dct_data().get(lang, {}) for lang in dict.fromkeys(("en", *languages))]
    before = "|".join(f"(?:{x})" for d in data for x in d.get("historical_before") or ()) or r"(?!x)x"
    after = "|".join(f"(?:{x})" for d in data for x in d.get("historical_after") or ()) or r"(?!x)x"
    opens = _alt({str(x) for d in data for x in d.get("span_open") or ()})
    closes = _alt({str(x) for d in data for x in d.get("span_close") or ()})
    return (re.compile(f"(?:{before})", re.I), re.compile(f"(?:{after})", re.I),
            re.compile(rf"(?<!\w)(?:{opens})\s+(?:\S+\s+){{0,3}}$|(?<!\w)(?:{opens})\s+.{{0,40}}?(?:{closes})\s*$", re.I),
            re.compile(rf"^\s*(?:{closes})\s*(?:\S+\s+){{0,2}}?\S*\d{{4}}", re.I))


@lru_cache(maxsize=None)
def _planned_cue(languages: tuple[str, ...]) -> re.Pattern:
    """Words before a date that make it a date from which something will hold ("a partir del 1 de enero de
    2024", "with effect from"): planned, even in a sentence told in the past (`planned_before` in dct.yaml)."""
    cues = [str(x) for lang in dict.fromkeys(("en", *languages)) for x in _dct_data().get(lang, {}).get("planned_before") or ()]
    return re.compile("|".join(f"(?:{c})" for c in cues) or r"(?!x)x", re.I)


def _historical(text: str, t, language: str) -> bool:
    """A date that names history, not the article's time: a bare year with a historical cue ("since 1988",
    "the 1994 ceasefire"), or any date inside a closed span ("between 1992 and 1994", "... to May 1994")."""
    before_year, after_year, span_before, span_after = _history_cues((language,))
    left, right = text[max(0, t.start - 60):t.start], text[t.end:t.end + 30]
    if t.granularity == "year" and (before_year.search(left) or after_year.match(right)):
        return True
    return bool(span_before.search(left) or (span_after.match(right) and span_before.search(left + " x")))


def _weigh(text: str, language: str) -> Evidence:
    explicit = _explicit(text, language)
    planned_cue = _planned_cue((language,))
    past = [t for t in explicit if tense_at(text, t.start, t.end, language) != "future"
            and not planned_cue.search(text[max(0, t.start - 30):t.start])]
    planned = [t for t in explicit if t not in past]
    current = [t for t in past if not _historical(text, t, language)]
    # a date older than the history the text recounts is history too ("broke out in 1988 ... between 1992 and 1994")
    history = max((t.date_end or t.date_start for t in past if t not in current), default="")
    current = [t for t in current if (t.date_end or t.date_start) > history]
    anchors = [t for t in current if t.granularity in ("day", "month")]
    floor = max((t.date_start for t in past), default=None)
    return Evidence(past, current, anchors, planned, floor)


def _lead_weekdays(line: str, language: str) -> set[int]:
    """Weekdays named in a dateline's paragraph ("... for a second day on Sunday"): the days of the news."""
    g = load_grammar("en")
    found = {int(g.lookup("weekday", m.group())) for m in re.finditer(rf"(?<!\w)(?:{g.alternations['weekday']})(?!\w)", line, re.I)}
    if language != "en":
        weekdays = load_foreign(language).weekdays
        found |= {weekdays[w.lower()] for w in re.findall(r"[^\W\d_]+", line) if w.lower() in weekdays}
    return found


def _weekday_years(mo: int, d: int, weekdays: set[int], start: date, years: range, back: int = 0) -> list[int]:
    """The years of `years` whose mo-d falls `back` days after one of `weekdays`, on or after `start`."""
    out = []
    for y in years:
        try:
            day = date(y, mo, d)
        except ValueError:
            continue
        if day >= start and (day - timedelta(days=back)).isoweekday() in weekdays:
            out.append(y)
    return out


NEWS_DAY_LAG = (0, 1)  # a dateline's paragraph names the day of its dateline, or the day before ("on Sunday" in a Monday story)


WINDOW_PAIRS = 12  # with weekday-date pairs stated in the text as a second check, the window is this wide
NEAR_DAYS = 366  # a fitting year this close after the latest precise date stated beats a later one


def _pairs_hold(pairs, year: int, mo: int, d: int) -> bool:
    """Every (weekday, month, day) pair holds in `year` (in the year before when it falls after mo-d)."""
    for wd, pm, pd, _ in pairs:
        try:
            if date(year - ((pm, pd) > (mo, d)), pm, pd).isoweekday() != wd:
                return False
        except ValueError:
            return False
    return True


def _year_for(mo: int, d: int, weekdays: set[int], ev: Evidence, own: bool = False, pairs=()) -> tuple[int | None, str]:
    """The year of a year-less day (a dateline's, or one a relative word points at), and a note when none.

    With weekdays (its own, `own`, or those its paragraph names, which may be the day before): the one year
    within WINDOW_YEARS after the latest precise date the text states (not historical) whose mo-d falls on one
    of them (the same day first, then the day after); two such years, or none, or no precise date to start
    from, give no year. Without: the first occurrence on or after the latest date stated as past (a precise
    one must exist), else the last before the earliest date spoken of as planned."""
    floor = date.fromisoformat(ev.floor) if ev.floor else date.min
    md = f"{mo:02d}-{d:02d}"
    if weekdays:
        if ev.anchors:
            first = int(max(t.date_start for t in ev.anchors)[:4])
            years_range = range(first, first + WINDOW_YEARS + 1)
        else:  # only dates spoken of as planned (or misread as such): the years around the first of them
            planned = [t for t in ev.planned if t.granularity in ("day", "month")]
            if not planned:
                return None, "a weekday but no precise date to fix its year"
            first = int(min(t.date_start for t in planned)[:4])
            years_range = range(first - 1, first + 2)
        found: list[int] = []
        lags = (0,) if own else NEWS_DAY_LAG
        if pairs:  # the weekday-date pairs the text states must hold too; they allow a wider window
            wide = range(years_range.start, years_range.start + WINDOW_PAIRS + 1)
            for back in lags:
                found = [y for y in _weekday_years(mo, d, weekdays, floor, wide, back) if _pairs_hold(pairs, y, mo, d)]
                if found:
                    break
        if not found:
            for back in lags:
                found = _weekday_years(mo, d, weekdays, floor, years_range, back)
                if found:
                    break
        if len(found) == 1:
            return found[0], ""
        if len(found) > 1 and ev.anchors:  # the next fit within a year of the latest precise date stated wins
            latest = date.fromisoformat((max(t.date_start for t in ev.anchors) + "-01")[:10])
            if timedelta(0) <= date(found[0], mo, d) - latest <= timedelta(days=NEAR_DAYS):
                return found[0], f"the weekdays also fit {', '.join(map(str, found[1:]))}; the year nearest the latest date stated"
        return None, ("the weekdays fit no year near the dates stated" if not found else
                      f"the weekdays fit {', '.join(map(str, found))}")
    if ev.anchors:
        latest = max(t.date_start for t in ev.past)
        return int(latest[:4]) + (latest[5:] > md), ""
    if ev.planned and not ev.past:
        first = min(t.date_start for t in ev.planned)
        return int(first[:4]) - (first[5:] < md), ""
    return None, "no precise date to fix the year"


def _year_from_pairs(pairs, ev: Evidence) -> int | None:
    """The year in which every weekday-date pair holds: that of the latest current stated date or the next;
    with only dates spoken of as planned (or misread as such), that of the earliest of them or the one before."""
    planned = [t for t in ev.planned if t.granularity in ("day", "month")]  # a bare year is too weak
    if not pairs or not (ev.current or planned):
        return None
    if ev.current:
        latest = max(int(t.value[:4]) for t in ev.current)
        years = (latest, latest + 1)
    else:
        first = min(int(t.value[:4]) for t in planned)
        years = (first, first - 1)
    for year in years:
        try:
            if all(date(year, mo, d).isoweekday() == wd for wd, mo, d, _ in pairs):
                return year
        except ValueError:
            continue
    return None


@lru_cache(maxsize=None)
def _relative_regex(languages: tuple[str, ...]) -> tuple[re.Pattern, dict[str, int]]:
    """A relative day word with a date in brackets ("yesterday (November 17)"), and each word's offset."""
    offsets = {str(k).lower(): int(v) for lang in dict.fromkeys(("en", *languages))
               for k, v in (_dct_data().get(lang, {}).get("relative_days") or {}).items()}
    return re.compile(rf"(?<!\w)(?P<rel>{_alt(offsets)})\s*[(,]\s*(?P<inner>[^()\n]{{3,30}}?)\s*\)", re.I), offsets


def _relative_pairs(text: str, languages: tuple[str, ...]) -> list[tuple[int, int, int, str]]:
    """(days back to the article's day, month, day, words) for "yesterday (November 17)", "hier (17 novembre)"."""
    regex, offsets = _relative_regex(languages)
    out = []
    for m in regex.finditer(text):
        found = None
        for lang in dict.fromkeys(languages):
            found = next((t for t in find_timexes(m.group("inner"), None, lang)
                          if re.fullmatch(r"XXXX-\d\d-\d\d", t.value or "")), None)
            if found:
                break
        if found:
            out.append((offsets[" ".join(m.group("rel").lower().split())], int(found.value[5:7]), int(found.value[8:10]), m.group()))
    return out


def _month_of(day_value: str) -> str:
    return day_value[:7]


def find_dct(text: str, language: str = "en") -> DctGuess | None:
    """Work out the creation time of an article from its own text, weighing the evidence strongest first:
    a labelled header line, a dateline (its year-less day checked against the weekdays its paragraph names),
    a relative word or weekday written with a date ("yesterday (November 17)", "Wednesday (25 November)"),
    the latest date reported. Historical years never date it; weak or conflicting evidence gives the coarser
    value (or none) and a note. None when nothing fixes a year."""
    lang = text_language(text, language)  # untagged articles come as 'en': read a header in the text's language
    header = find_header_date(text, lang)
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
        weekdays = ({own} if own else _lead_weekdays(_dateline_paragraph(text, dateline[1]), lang)
                    or _lead_weekdays(text[:LEAD_CHARS], lang))
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
        days = sorted(date(year, mo, d).isoformat() for _, mo, d, _ in pairs)
        later = [t.date_start for t in ev.current if t.granularity == "day" and t.date_start > days[-1]]
        words = "; ".join(p[3] for p in pairs)
        if later:  # a day reported after the weekday's: the weekday is not the day of the news
            return DctGuess(_month_of(max(later)), True, words, "weekday", "a later day is reported: its month")
        return DctGuess(days[-1], True, words, "weekday")
    if ev.current:
        latest = max(ev.current, key=lambda t: (t.date_start, t.date_end))
        if _year_is_over(text, latest, language):
            return DctGuess(str(int(latest.value[:4]) + 1), True, latest.text, "latest date", "a later year than one told as over")
        if latest.granularity == "day" and latest.start < LEAD_CHARS:
            return DctGuess(latest.value[:7], True, latest.text, "latest date")
    return None


def _dateline_paragraph(text: str, rest: str) -> str:
    """The paragraph that opens with the dateline (whose rest of line is `rest`)."""
    start = text.find(rest[:40])
    end = text.find("\n", start)
    if end >= 0 and len(text[start:end].strip()) < DATELINE_ALONE:  # "Baku, September 21, AZERTAC" on its own line
        nxt = re.search(r"\S[^\n]*", text[end:])
        end = end + nxt.end() if nxt else -1
    return text[start:end if end >= 0 else len(text)]


DATELINE_ALONE = 40  # a dateline line this short stands alone: its paragraph is the next one


YEAR_OVER_MODS = ("END",)  # "the end of 2020", "late 2020" -- not "in 2020" nor "early 2020"
# The latest date reported dates an article (its month) only when it is a day told in the lead: on crawled
# Timeline17 pages a latest bare year gave the right year 7 times in 149, a month 4 in 57, a day outside the
# first LEAD_CHARS characters 20 in 76, a day inside them 46 in 56 (bench/dct_eval.py, issue 22).
LEAD_CHARS = 600


def _year_is_over(text: str, timex, language: str) -> bool:
    """The end of a year told in the past tense by its number ("signed at the end of 2020"): writers call the
    current year "this year", so the article is from a later year (the next one, as a lower bound)."""
    return (timex.granularity == "year" and re.fullmatch(r"\d{4}", timex.value or "") is not None
            and timex.mod in YEAR_OVER_MODS and tense_at(text, timex.start, timex.end, language) == "past")


def find_stated(text: str, language: str = "en") -> DctGuess | None:
    """Only the date an article states outright (a header line, or a dateline with its year): cheap, used to
    check metadata against the text."""
    language = text_language(text, language)
    header = find_header_date(text, language)
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
    guess = find_dct(doc.text, doc.language)
    if guess:
        doc.published, doc.published_inferred, doc.dct_text = guess.value, guess.inferred, guess.evidence
        doc.published_basis, doc.dct_note = guess.basis, guess.note or None
    return doc


# ------------------------------------------------------------------ corpus level
_WORD = re.compile(r"[^\W\d_]{4,}")
CONTEXT_CHARS = 80
MIN_SHARED_WORDS = 2
LENDERS_NAMED = 3  # lending articles named in the DCT evidence, per year-less mention


@lru_cache(maxsize=None)
def _stopwords() -> frozenset[str]:
    data = load_yaml((DATA / "en" / "timex" / "context_stopwords.yaml").read_text(encoding="utf-8")) or {}
    return frozenset(str(w).lower() for w in data.get("words", ()))


def _context_words(text: str, start: int, end: int) -> set[str]:
    """Content words (4+ letters, not stop words) within CONTEXT_CHARS of a mention."""
    window = text[max(0, start - CONTEXT_CHARS):start] + " " + text[end:end + CONTEXT_CHARS]
    return {w.lower() for w in _WORD.findall(window)} - _stopwords()


def _year_less_mentions(doc: Document) -> list[tuple[str, str, frozenset[str]]]:
    """(text, MM-DD, content words around it) of each year-less day ("Nov. 10") an undated article mentions."""
    return [(t.text, t.value[5:], frozenset(_context_words(doc.text, t.start, t.end)))
            for t in find_timexes(doc.text, None, doc.language) if re.fullmatch(r"XXXX-\d\d-\d\d", t.value)]


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
    from the dated mentions of that day that share MIN_SHARED_WORDS content words with `words`. It grows with
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
            for other in days[t.value[5:10]]:
                if len(words & other) >= MIN_SHARED_WORDS:
                    years, ids = index.setdefault(t.value[5:10], {}).setdefault(other, (Counter(), []))
                    years[t.value[:4]] += 1
                    if len(ids) < LENDERS_NAMED and d.doc_id not in ids:
                        ids.append(d.doc_id)
    return index


def borrow_from_corpus(docs: list[Document], lenders: dict | None = None) -> list[Document]:
    """Give undated articles the year of the same dated happenings reported by dated articles.

    An article with no DCT whose text mentions a year-less day ("Nov. 10") near the same content words
    (at least MIN_SHARED_WORDS) as a dated article's mention of that day takes its year, if every such
    match agrees; its DCT becomes the month of its latest such day (month granularity at most), inferred.
    Only articles whose DCT is at least month-precise lend years. The evidence (`dct_text`) names the first
    LENDERS_NAMED lenders of each such mention and counts the others. `lenders` (`add_lenders`, for the
    `year_less_days` of these `docs`) stands for the dated articles when they were indexed beforehand, a batch
    at a time; else those of `docs` are. Returns the documents it changed, so the caller can re-run the
    stages that depend on the DCT.
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
    if lenders is None:  # the streamed build indexes lenders for undated articles only
        changed += _check_inferred_years(docs)
    return changed


# An article whose year was inferred on these bases yields to the year the corpus gives the same happenings,
# unless a weekday its text states checked that year (then a different corpus year is a conflict, noted).
INFERRED_BORROWERS = ("dateline", "weekday", "latest date")


def _lent(found_in_d, dated: dict) -> tuple[Counter, str | None, list[str]]:
    """The years lenders give the year-less mentions `found_in_d`, the latest such day (MM-DD), the evidence."""
    years: Counter = Counter()
    latest: str | None = None
    evidence: list[str] = []
    for said, day, words in found_in_d:
        found = dated.get(day, {}).get(words)
        if found:
            lent, ids = found
            years.update(lent)
            latest = max(latest or "", day)
            evidence += [f"{said} (as in {other_id})" for other_id in ids]
            more = sum(lent.values()) - len(ids)
            evidence += [f"{said} (and {more} more)"] if more else []
    return years, latest, evidence


def _check_inferred_years(docs: list[Document]) -> list[Document]:
    """Articles whose year was inferred from their own text (not only undated ones) take the year that articles
    with a stated date give the same year-less days near the same words; where the lenders disagree, or a
    weekday the text states checked its own year, the article keeps its value and `dct_note` says so.
    Returns the articles whose date changed."""
    inferred = [(d, _year_less_mentions(d)) for d in docs
                if d.published and d.published_inferred and d.published_basis in INFERRED_BORROWERS]
    if not inferred:
        return []
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


def _join_note(note: str | None, more: str) -> str:
    return f"{note}; {more}" if note else more


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
