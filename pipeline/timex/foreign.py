"""Explicit dates and weekdays in languages without a full grammar of ours (French, Spanish, German, Russian,
Turkish ...), and a guess at an article's language from its function words.

We recognise the spans ourselves: day + month word [+ year], month word + year, numeric and ISO dates, and
weekdays with the phrases around them ("dimanche dernier", "este jueves", "в среду", "çarşamba günü").
Words come from `pipeline/data/<lang>/timex/calendar.yaml` (generated from dateparser's locale data by
`scripts/timex_calendar.py`) and `foreign.yaml` (hand-written phrases and tense cues); dateparser never
decides what is a date. A language without those files gets dateparser's locale month words (no weekdays),
one it does not know gets numeric and ISO dates only. Values are resolved against the DCT by `timex_resolve`,
like English. Nothing here raises on odd text.
"""
from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache
from pathlib import Path

from ..schema import Timex
from .context import Episodes
from .resolve import Anchor, Unresolved, nearest_cue, pick_year_for, resolve, value_interval
from ..config import DATA_DIR, load_yaml

__all__ = ["find_foreign_timexes", "guess_language", "month_words", "foreign_tense", "load_foreign"]

DATA = DATA_DIR
_MONTH_KEYS = ("january", "february", "march", "april", "may", "june", "july", "august", "september",
               "october", "november", "december")
_YEAR = r"(?P<y>1\d{3}|20\d{2})"


@lru_cache(maxsize=None)
def _dateparser_months(language: str) -> dict[str, int]:
    """Month words of a language without calendar.yaml, from dateparser's locale data ({} if unknown)."""
    try:
        from dateparser.languages.loader import default_loader

        info = default_loader.get_locale(language).info
    except Exception:  # unknown locale: no month words, numeric dates still work
        return {}
    words: dict[str, int] = {}
    for i, key in enumerate(_MONTH_KEYS, 1):
        for w in info.get(key, ()):
            w = str(w).lower().rstrip(".")
            if len(w) >= 3 and not any(c.isdigit() for c in w):
                words[w] = i
    return words


def _read(path: Path) -> dict:
    return (load_yaml(path.read_text(encoding="utf-8")) or {}) if path.exists() else {}


def _words(*tables) -> dict[str, int]:
    out: dict[str, int] = {}
    for table in tables:
        for n, words in (table or {}).items():
            for w in words or ():
                out[str(w).lower()] = int(n)
    return out


def _alt(words) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True)) or r"(?!x)x"


def _cues(words) -> re.Pattern | None:
    return re.compile(rf"(?<!\w)(?:{'|'.join(words)})(?!\w)", re.IGNORECASE) if words else None


@dataclass(frozen=True)
class ForeignGrammar:
    """A language's month and weekday words, its compiled date patterns (rule id, regex) and tense cues."""

    language: str
    months: dict
    weekdays: dict
    rules: tuple
    future: re.Pattern | None
    past: re.Pattern | None
    day_offsets: dict | None = None  # "hier" -> -1
    day_times: dict | None = None  # "hier soir" -> "-1:EV"
    numbers: dict | None = None  # "trois" -> "3"
    units: dict | None = None  # "ans" -> "Y", "heures" -> "TH"
    bound: re.Pattern | None = None  # what may stand between a tense cue and its date for the cue to be bound
    bound_verbs: re.Pattern | None = None  # the cues that can be bound (verbs)
    numbered: re.Pattern | None = None  # a noun whose number is no year ("résolution 1701"), ending where the number starts
    day_parts: dict | None = None  # "утром" -> "MO"


@lru_cache(maxsize=None)
def load_foreign(language: str, data_dir: Path = DATA) -> ForeignGrammar:
    """Compile the patterns of a language from its data files (once per process)."""
    folder = Path(data_dir) / language / "timex" if re.fullmatch(r"[a-z]{2,3}", language or "") else None
    cal = _read(folder / "calendar.yaml") if folder else {}
    extra = _read(folder / "foreign.yaml") if folder else {}
    months = _words(cal.get("months"), extra.get("extra_months")) if cal else _dateparser_months(language or "")
    weekdays = _words(cal.get("weekdays"), extra.get("extra_weekdays"))
    mon = rf"(?P<mon>{_alt(months)})(?:\.(?=\s*\d))?"
    wd = _alt(weekdays)
    suffix = extra.get("day_suffix") or ""
    joiner = extra.get("joiner") or ""
    apos = r"(?:['’]\w+)?"  # Turkish case suffixes: "Kasım'da", "2020'de"
    day = rf"(?P<d>[0-3]?\d){suffix}\.?"
    lead = rf"(?:(?:{wd}),?\s+)?" if weekdays else ""  # "dimanche 14 mars": the weekday belongs to the date
    trail = (extra.get("date_trailer") or "").replace("{w}", f"(?:{wd})") if weekdays else ""  # "15 Mart Pazartesi"
    rules = [
        ("foreign_iso", r"(?<!\d)(?P<iy>1\d{3}|20\d{2})-(?P<im>[01]\d)-(?P<id>[0-3]\d)(?!\d)"),
        ("foreign_numeric_dmy", r"(?<![\d.])(?P<nd>[0-3]?\d)[./](?P<nm>[01]?\d)[./](?P<ny>1\d{3}|20\d{2})(?!\d)"),
        ("foreign_day_month_year", rf"(?<!\w){lead}{day}\s+(?:de\s+)?{mon},?\s+{joiner}{_YEAR}(?!\w){trail}{apos}"),
        ("foreign_day_month", rf"(?<!\w){lead}{day}\s+(?:de\s+)?{mon}(?!\w){trail}{apos}"),
        ("foreign_month_year", rf"(?<!\w){mon}\s+{joiner}{_YEAR}(?!\w){apos}"),
    ]
    # issue 21: the basics beside explicit dates: today/yesterday/tomorrow, last/next week (month, year), a year
    # or a month named after a cue word ("en 1991", "im März"); the extent is the group `t` when there is one
    offsets = {str(k).lower(): int(v) for k, v in (extra.get("day_offsets") or {}).items()}
    if offsets:
        guard = extra.get("day_offset_guard") or ""  # words before a day word that give it another sense
        rules.append(("foreign_day_offset", rf"(?<!\w){guard}(?P<off>{_alt(offsets)})(?!\w){apos}"))
    for i, (pat, unit, k) in enumerate(extra.get("relative") or ()):
        rules.append((f"foreign_relative_{unit}_{int(k):+d}_{i}", rf"(?<!\w)(?:{pat})(?!\w){apos}"))
    for i, pat in enumerate(extra.get("year_context") or ()):
        rules.append((f"foreign_year_{i}", rf"(?<!\w){pat.replace('{y}', '(?P<t>(?P<by>1[6-9][0-9]{2}|20[0-9]{2}))')}(?!\w){apos}"))
    for i, pat in enumerate(extra.get("month_context") or ()):
        rules.append((f"foreign_month_{i}", rf"(?<!\w){pat.replace('{m}', '(?P<t>(?P<bm>' + _alt(months) + '))')}(?!\w){apos}"))
    day_times = {str(k).lower(): str(v) for k, v in (extra.get("day_times") or {}).items()}
    # "hier soir" -> -1:EV; "la veille au soir" -> A-1:EV (the day before the last day named); and issue 22's
    # "утром" alone (day_parts): the morning of the day named with it, else of the DCT. One scan for both.
    day_parts = {str(k).lower(): str(v) for k, v in (extra.get("day_parts") or {}).items()}
    if day_times or day_parts:
        rules.append(("foreign_daytime", rf"(?<!\w)(?:(?P<dt>{_alt(day_times)})(?!\w){apos}|(?P<dp>{_alt(day_parts)})(?!\w))"))
    for i, (pat, season, k) in enumerate(extra.get("seasons") or ()):  # "l'hiver dernier" -> WI, -1
        rules.append((f"foreign_season_{season}_{int(k):+d}_{i}", rf"(?<!\w)(?:{pat})(?!\w){apos}"))
    numbers = {str(k).lower(): str(v) for k, v in (extra.get("numbers") or {}).items()}
    units = {str(k).lower(): str(v) for k, v in (extra.get("units") or {}).items()}
    if units:  # "trois ans" -> P3Y
        rules.append(("foreign_duration", rf"(?<![\w,.])(?P<dn>\d+|{_alt(numbers)})\s+(?P<du>{_alt(units)})(?!\w)"))
    if weekdays:
        w = rf"(?P<w>{wd})"
        for key in ("weekday_last", "weekday_next", "weekday_this", "weekday_forward"):
            for i, pat in enumerate(extra.get(key) or ()):
                rules.append((f"foreign_{key}_{i}", rf"(?<!\w){pat.replace('{w}', w)}(?!\w){apos}"))
        if extra.get("bare_weekdays"):
            rules.append(("foreign_weekday", rf"(?<!\w){w}(?!\w){apos}"))
    compiled = tuple((rid, re.compile(p, re.IGNORECASE)) for rid, p in rules)
    return ForeignGrammar(language, months, weekdays, compiled, _cues(extra.get("future")), _cues(extra.get("past")),
                          offsets, day_times, numbers, units,
                          *(re.compile(extra[k], re.IGNORECASE) if extra.get(k) else None for k in ("bound_joiners", "bound_verbs")),
                          re.compile(rf"(?<!\w)(?:{_alt(str(w) for w in extra['numbered_nouns'])})\.?\s*(?:n[°º]|№|no\.?|nr\.?)?\s*$",
                                     re.IGNORECASE) if extra.get("numbered_nouns") else None, day_parts)


def month_words(language: str) -> dict[str, int]:
    """Month words of a language (lower case) -> month number."""
    return dict(load_foreign(language).months)




def foreign_tense(text: str, start: int, end: int, language: str) -> str | None:
    """'future' or 'past' from the nearest cue word of foreign.yaml in the sentence around [start, end)."""
    g = load_foreign(language)
    return nearest_cue(text, start, end, ((g.future, "future"), (g.past, "past")), joiners=g.bound, verbs=g.bound_verbs)


def _value(rule_id: str, m: re.Match, g: ForeignGrammar, anchor, tense) -> str | None:
    """The TIMEX3 value of one match, or None when it is not a date after all (day 35, month 13)."""
    d = m.groupdict()
    if d.get("off"):
        return resolve(f"@D{g.day_offsets.get(d['off'].lower(), 0):+d}@", anchor, tense)
    if d.get("dt"):
        k, part = g.day_times.get(" ".join(d["dt"].lower().split()), "0:").split(":")
        return resolve(f"@D{int(k.lstrip('A')):+d}@", anchor, tense) + f"T{part}"
    if d.get("dp"):
        return resolve("@D+0@", anchor, tense) + f"T{g.day_parts.get(d['dp'].lower(), '')}"
    if rule_id.startswith("foreign_season_"):
        _, _, season, k, _ = rule_id.split("_")
        return resolve(f"SEASON:{season}:{k}", anchor, tense)
    if d.get("du"):
        n = d["dn"] if d["dn"].isdigit() else g.numbers.get(d["dn"].lower(), "")
        unit = g.units.get(d["du"].lower(), "")
        if not n or not unit:
            return None
        return f"PT{int(n)}{unit[1:]}" if unit.startswith("T") else f"P{int(n)}{unit}"
    if rule_id.startswith("foreign_relative_"):
        _, _, unit, k, _ = rule_id.split("_")
        return resolve(f"REFU:{unit}:{k}", anchor, tense)
    if d.get("by"):
        return d["by"]
    if d.get("bm"):
        mo = g.months.get(d["bm"].lower().rstrip("."))
        return resolve(f"@YM:{mo:02d}@", anchor, tense) if mo else None
    if d.get("iy"):
        return f"{d['iy']}-{d['im']}-{d['id']}"
    if d.get("ny"):
        return f"{d['ny']}-{int(d['nm']):02d}-{int(d['nd']):02d}"  # day-month order outside English
    if d.get("mon"):
        mo = g.months.get(d["mon"].lower().rstrip("."))
        if not mo:
            return None
        day = int(d["d"]) if d.get("d") else None
        if day is not None and not 1 <= day <= 31:
            return None
        if d.get("y"):
            return f"{d['y']}-{mo:02d}" + (f"-{day:02d}" if day else "")
        if day:
            try:
                return f"{pick_year_for(mo, day, anchor, tense):04d}-{mo:02d}-{day:02d}"
            except Unresolved:
                return f"XXXX-{mo:02d}-{day:02d}"
        return None
    if d.get("w"):
        n = g.weekdays.get(d["w"].lower())
        if not n:
            return None
        kind = "LASTWD" if "_last_" in rule_id else "NEXTWD" if "_next_" in rule_id else "FWD" if "_forward_" in rule_id else "WD"
        return resolve(f"@{kind}:{n}@", anchor, tense)
    return None


_FULL_DAY_RULES = ("foreign_iso", "foreign_numeric_dmy")


def find_foreign_timexes(text: str, dct: str | None, language: str) -> list[Timex]:
    """Explicit dates, weekdays and the basics of foreign.yaml in `text` written in `language`, normalised to
    TIMEX3 values (DATE; TIME for parts of days, DURATION for "trois ans").

    Matches are taken longest first, then earliest; each Timex names its rule (`foreign_day_month` ...).
    """
    g = load_foreign(language)
    anchor = Anchor.parse(dct)
    found = []
    for order, (rule_id, regex) in enumerate(g.rules):
        for m in regex.finditer(text):
            if m.end() > m.start():
                found.append((m.start(), m.end(), order, rule_id, m))
    found.sort(key=lambda c: (-(c[1] - c[0]), c[0], c[2]))
    taken = bytearray(len(text) + 1)
    out: list[Timex] = []
    marks: dict[int, tuple] = {}  # start -> what the walk in text order (`_in_text_order`) is to do with it
    for s, e, _, rule_id, m in found:
        if any(taken[s:e]):
            continue
        if m.groupdict().get("t") is not None:  # context words matched, not tagged
            s, e = m.span("t")
            if any(taken[s:e]):
                continue
        if m.groupdict().get("by") and g.numbered is not None and g.numbered.search(text, max(0, s - 40), s):
            continue  # "résolution 1701": a document's number, not a year (issue 22)
        if m.groupdict().get("y") is None and not m.groupdict().get("iy") and not m.groupdict().get("ny"):
            tense = foreign_tense(text, s, e, language)
        else:
            tense = None
        value = _value(rule_id, m, g, anchor, tense)
        if not value:
            continue
        try:
            ds, de, gran = value_interval(value)
        except ValueError:
            continue
        type_ = "DURATION" if value.startswith("P") else "TIME" if "T" in value[4:] else "DATE"
        if ds is None and not value.startswith("XXXX") and type_ != "DURATION":
            continue
        if m.groupdict().get("t") is not None:
            taken[s:e] = b"\x01" * (e - s)
            out.append(Timex(s, e, text[s:e], type_, value, None, ds, de, gran, rule_id))
            continue
        # keep the words, not a trailing case suffix ("Kasım'da" -> "Kasım")
        e2 = s + len(re.sub(r"['’]\w+$", "", m.group())) if re.search(r"['’]\w+$", m.group()) else e
        if m.groupdict().get("off"):  # "aujourd'hui": the apostrophe is the word's own
            e2 = m.end("off")
        taken[s:e] = b"\x01" * (e - s)
        out.append(Timex(s, e2, text[s:e2], type_, value, None, ds, de, gran, rule_id))
        groups = m.groupdict()
        if groups.get("d") and groups.get("mon"):
            marks[s] = ("explicit",) if groups.get("y") else ("yearless", tense)
        elif groups.get("dt") and g.day_times.get(" ".join(groups["dt"].lower().split()), "").startswith("A"):
            k, part = g.day_times[" ".join(groups["dt"].lower().split())][1:].split(":")
            marks[s] = ("anaphoric", int(k), part)
        elif groups.get("dp"):
            marks[s] = ("daypart", g.day_parts.get(groups["dp"].lower(), ""))
    out.sort(key=lambda t: t.start)
    return _in_text_order(text, out, anchor, marks) if any(k[0] != "explicit" for k in marks.values()) else out


def _in_text_order(text: str, out: list[Timex], anchor, marks: dict) -> list[Timex]:
    """Walks the dates in text order (`context.Episodes`): a year-less day takes the year of its episode's full date;
    "la veille au soir" is the evening before the last day named in its paragraph (else before the DCT); a part of
    the day alone ("утром") is on the day named right after it or last in its sentence (else on the DCT)."""
    full = [(t.start, t.value) for t in out if t.rule in _FULL_DAY_RULES or marks.get(t.start, ("",))[0] == "explicit"]
    episodes = Episodes(text, anchor.date if anchor else None, full)
    for i, t in enumerate(out):
        mark = marks.get(t.start, ("",))
        value = t.value
        if mark[0] == "yearless":
            mo, d = int(t.value[5:7]), int(t.value[8:10])
            value = episodes.value(t.start, t.end, t.value, lambda day: _year_near(mo, d, day, mark[1]))
        else:
            if mark[0] == "anaphoric" and (day := episodes.recent(t.start, "paragraph")):
                value = (date.fromisoformat(day) + timedelta(days=mark[1])).isoformat() + f"T{mark[2]}"
            elif mark[0] == "daypart":
                after = out[i + 1] if i + 1 < len(out) else None
                if after is not None and _ADJACENT.fullmatch(text, t.end, after.start) and _DAY.match(after.value):
                    value = after.value[:10] + f"T{mark[1]}"
                elif day := episodes.recent(t.start, "sentence"):
                    value = day + f"T{mark[1]}"
            episodes.value(t.start, t.end, value, None)
        if value != t.value:
            out[i] = Timex(t.start, t.end, t.text, t.type, value, None, *value_interval(value), t.rule)
    return out


def _year_near(mo: int, d: int, day: str, tense) -> str | None:
    """Day `d` of month `mo` in the year that fits `day` (YYYY-MM-DD) and the tense; None if none does (29 February)."""
    try:
        return f"{pick_year_for(mo, d, Anchor.parse(day), tense):04d}-{mo:02d}-{d:02d}"
    except Unresolved:
        return None


_ADJACENT = re.compile(r"[\s,]{0,3}")
_DAY = re.compile(r"\d{4}-\d\d-\d\d")


@lru_cache(maxsize=None)
def _function_words(data_dir: Path = DATA) -> dict[str, frozenset]:
    out = {}
    for path in sorted(Path(data_dir).glob("*/timex/language.yaml")):
        out[path.parent.parent.name] = frozenset(str(w).lower() for w in _read(path).get("function_words") or ())
    return out


@lru_cache(maxsize=None)
def _min_shares(data_dir: Path = DATA) -> dict[str, float]:
    """Language -> the share of an opening's words its function words must reach (`min_share` in its
    language.yaml, default MIN_SHARE): agglutinative languages write most function words as suffixes."""
    return {path.parent.parent.name: float(_read(path).get("min_share") or MIN_SHARE)
            for path in sorted(Path(data_dir).glob("*/timex/language.yaml"))}


@lru_cache(maxsize=None)
def _languages_of_word() -> dict[str, tuple[str, ...]]:
    """Function word -> the languages it belongs to: one look-up per word of a text, not one per language."""
    out: dict[str, tuple[str, ...]] = {}
    for lang, words in _function_words().items():
        for w in words:
            out[w] = out.get(w, ()) + (lang,)
    return out


_WORD = re.compile(r"[^\W\d_]+")
DETECT_CHARS = 3000  # the opening of an article is enough to tell its language
DETECT_MIN_WORDS = 15  # fewer words than this (a header line, a dateline) are not judged
MIN_SHARE = 0.1  # the leading language's function words are at least this share of the words (see _min_shares)


def guess_language(text: str) -> str | None:
    """The language (ISO 639-1) whose function words (data: `<lang>/timex/language.yaml`) are most
    frequent in the opening of `text`; None for a short text or when no language stands out."""
    if len(text) < 4 * DETECT_MIN_WORDS:  # header lines and datelines: not judged, and not cached
        return None
    opening = text[:DETECT_CHARS]  # (only the opening is read)
    key = hashlib.blake2b(opening.encode("utf-8", "surrogatepass"), digest_size=16).digest()
    got = _GUESSES.get(key, _UNKNOWN)
    if got is _UNKNOWN:
        if len(_GUESSES) >= GUESSES_KEPT:
            _GUESSES.clear()
        got = _GUESSES[key] = _guess_language(opening)
    return got


# The DCT stage and the tagger ask about the same article many times, and the corpus step about every lender
# again, articles interleaved (an lru_cache of 8 whole texts missed 2,904 of 7,051 questions on 1,000 articles).
# Keyed by a 128-bit BLAKE2 digest of the opening (its UTF-8 bytes, one-to-one): ~100 bytes an entry, no text held.
GUESSES_KEPT = 4096
_GUESSES: dict[bytes, str | None] = {}
_UNKNOWN = object()


def _guess_language(opening: str) -> str | None:
    words = [w.lower() for w in _WORD.findall(opening)]
    if len(words) < DETECT_MIN_WORDS:
        return None
    counts = dict.fromkeys(_function_words(), 0)
    languages_of = _languages_of_word()
    for w in words:
        for lang in languages_of.get(w, ()):
            counts[lang] += 1
    if not counts:
        return None
    ranked = sorted(counts, key=lambda k: (-counts[k], k))
    best = ranked[0]
    second = counts[ranked[1]] if len(ranked) > 1 else 0
    # clearly ahead: at least its share of the words (a tenth for most), and half again as many as the runner-up
    if counts[best] < _min_shares().get(best, MIN_SHARE) * len(words) or counts[best] < 1.5 * second:
        return None
    return best
