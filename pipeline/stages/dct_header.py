"""The header and dateline evidence of an article's date (DCT): labelled header lines, date-only lines, a
formal document's signature line, wire datelines and their year-less dates, weekday-date pairs; read with
each language's pipeline/data/<lang>/timex/dct.yaml. Split from dct.py (issue 16).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from functools import lru_cache

from ..config import DATA_DIR, load_yaml
from ..timex import find_timexes
from ..timex.foreign import load_foreign
from ..timex.rules import load_grammar
from .dct_numeric import numeric_reading, read_order


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


@lru_cache(maxsize=None)
def _label_language() -> dict[str, str]:
    """Each header label (lower-cased) -> the language whose dct.yaml lists it ("publié le" -> "fr")."""
    out: dict[str, str] = {}
    for lang, data in _dct_data().items():
        for x in list(data.get("labels", ())) + list(data.get("update_labels", ())):
            out.setdefault(_label_key(str(x)), lang)
    return out


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
def _wire_id_regex() -> re.Pattern:
    """A wire item id that carries its date (`wire_id` of every dct.yaml: "dpa:240228-99-150123/3")."""
    cues = [str(x) for data in _dct_data().values() for x in data.get("wire_id") or ()]
    return re.compile("|".join(f"(?:{c})" for c in cues) or r"(?!x)x")


def _wire_id_date(text: str) -> DctGuess | None:
    """The date a wire's item id states (the last such id: a footer), when it is a real calendar day."""
    found = None
    for m in _wire_id_regex().finditer(text):
        g = {k: v for k, v in m.groupdict().items() if v}
        year = g.get("yyyy") or ("20" + g["yy"] if "yy" in g else None)
        try:
            found = DctGuess(date(int(year), int(g["mm"]), int(g["dd"])).isoformat(), False, m.group(), "header",
                             "the wire's item id")
        except (TypeError, ValueError, KeyError):
            continue
    return found


@lru_cache(maxsize=None)
def _issue_regex() -> re.Pattern:
    """An issue or release number that a date follows (`issue_number` of every language's dct.yaml)."""
    cues = [str(x) for data in _dct_data().values() for x in data.get("issue_number") or ()]
    return re.compile("|".join(f"(?:{c})" for c in cues) or r"(?!x)x")


@lru_cache(maxsize=None)
def _comment_regex() -> re.Pattern:
    """A reader comment's signature near its stamp (`stamp_not_page` of every dct.yaml)."""
    cues = [str(x) for data in _dct_data().values() for x in data.get("stamp_not_page") or ()]
    return re.compile("|".join(f"(?:{c})" for c in cues) or r"(?!x)x", re.I)


def _label_key(label: str) -> str:
    return " ".join(label.lower().split())


def _is_update(label: str) -> bool:
    return _label_key(label) in _update_labels()


def _labelled_value(found: tuple[str, str], label: str, text: str, language: str) -> str:
    """The value of a date a header label gives, a numeric one read in the label's language ("Publié le 10/01/2024"
    is 10 January; `dct_numeric.numeric_reading`), else the article's."""
    return numeric_reading(found[0], found[1], text, _label_language().get(_label_key(label), language))


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
    """`_find_header_date`, its numeric date read in the order the text's reported days allow (`read_order`)."""
    return read_order(_find_header_date(text, language), text, language)


def _find_header_date(text: str, language: str = "en") -> DctGuess | None:
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
                value = _labelled_value(found, m.group("label"), text, language)
                (updated if _is_update(m.group("label")) else published).append((value, line.strip()))
                # a second label on the same line ("Publicado el 14 ... | Actualizado el 15 ...") is an update
                continue
        if plain or len(line.strip()) > HEADER_LINE_CHARS or not any(c.isdigit() for c in line):
            continue  # a paragraph, or no year: not a date line
        if _comment_regex().search(line):
            continue  # "January 3, 2011 at 3:07 pm | Report abuse | ...": a reader comment's stamp (issue 22)
        found = _full_date(line, ("en", language))
        if found:
            found = (numeric_reading(found[0], found[1], text, language), found[1])
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
                value = _labelled_value(found, m.group("label"), text, language)
                (updated if _is_update(m.group("label")) else published).append((value, m.group(0).lstrip("([; ")))
    if not published and not updated and not plain:
        signed = _signature_date(text, langs) or _wire_id_date(text)
        if signed:
            return signed
    if not published and len({v for v, _ in updated}) > 1:
        updated = []  # "updated: ..." lines of different days and no publication: a list of teasers (issue 22)
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
    # "(Reuters)", "/TASS/" (after a full stop too: "MOSCOW, December 9. /TASS/."), and an agency in capitals closing the dateline with a full stop (", AZERTAC.")
    agency = rf"(?:\(\s*{names}\s*\)|/\s*{names}\s*/)"
    dash = rf"(?:{_alt(dashes)})(?=\s|$)"
    # ", AZERTAC." / ", AZERTAC" at the end of its line / ". INTERFAX.RU -" (an agency in capitals, maybe a domain)
    tail = re.compile(rf"^(?:,\s*[A-ZА-ЯЁİ]{{4,12}}(?:\.(?=\s)|\s*$)|\.\s+[A-ZА-ЯЁİ]{{2,12}}(?:\.[A-ZА-ЯЁ]{{2,3}})?\s*(?:{dash})|[\s,]*(?:\.\s*(?=/))?(?:{agency}[\s.:]*(?:{dash})?|{dash}))", re.UNICODE)
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


def _dateline_paragraph(text: str, rest: str) -> str:
    """The paragraph that opens with the dateline (whose rest of line is `rest`)."""
    start = text.find(rest[:40])
    end = text.find("\n", start)
    if end >= 0 and len(text[start:end].strip()) < DATELINE_ALONE:  # "Baku, September 21, AZERTAC" on its own line
        nxt = re.search(r"\S[^\n]*", text[end:])
        end = end + nxt.end() if nxt else -1
    return text[start:end if end >= 0 else len(text)]


DATELINE_ALONE = 40  # a dateline line this short stands alone: its paragraph is the next one
