"""Temporal tagger: find temporal expressions with our own grammar, normalise them against the DCT.

`find_timexes` runs every rule of `pipeline/data/<lang>/timex/rules.yaml` (compiled once), keeps the
longest match at each place, reads the tense around each one, and resolves the rule's raw value against
the document creation time (DCT) in `timex_resolve`. Each Timex names the rule that found it. For speed
a rule runs only near its anchors, strings one of which every match of it contains (`rules`).
Languages without a grammar (all but English and Spanish) get their explicit dates and basics through `foreign`.
A rule marked `attach` (a time of day that names no day itself) takes the day of a date named right after it
("6:40 p.m. (GMT +8) on Tuesday"), else of the date named just before it in its sentence (`attach: paragraph`: in its paragraph).
"""
from __future__ import annotations

import dataclasses
import re
from functools import lru_cache

from ..schema import Document, Timex
from .resolve import Anchor, BadTimexValue, narrow_interval, nearest_cue, resolve, value_interval
from .context import Episodes, is_full_day, is_yearless_day
from .foreign import find_foreign_timexes, foreign_tense, guess_language
from .starts import match_starts
from .rules import load_grammar
from .years import share_years, weekday_fits
from ..tries import longest_each

NEEDS: tuple[str, ...] = ('text', 'published', 'language', 'sentences')
SETS: tuple[str, ...] = ('timexes',)


__all__ = ["find_timexes", "annotate", "value_interval", "BadTimexValue", "numeric_order"]

# raw kinds whose resolution reads the tense
_TENSE_KINDS = ("NUMERIC", "PARTM", "CLOCK", "NOON", "HOLIDAY", "DMREL", "MREL", "WDES", "QUARTER", "HALF", "DOM", "QHES")
_RIGHT_END = re.compile(r"[.!?;,\n]|\b(?:and|but|while|whereas)\b")


def _tense(grammar, text: str, start: int, end: int) -> str | None:
    """'past' or 'future' from the nearest tense cue (data: tense.yaml) in the clause around [start, end)."""
    # ", officials said" is attribution, not the tense of the date: the clause to the right stops at a comma
    return nearest_cue(text, start, end, ((grammar.future, "future"), (grammar.past, "past")), _RIGHT_END, prefer_left=True,
                       joiners=grammar.bound, verbs=grammar.bound_verbs)


def tense_at(text: str, start: int, end: int, language: str = "en") -> str | None:
    """'past', 'future' or None: the tense around text[start:end] (None for languages without cues)."""
    language = text_language(text, language)
    grammar = load_grammar(language)
    if grammar is None:
        return foreign_tense(text, start, end, language)
    return _tense(grammar, text, start, end)


def text_language(text: str, language: str | None = "en") -> str:
    """The language to tag `text` in: the one given, normalised ('fr-FR' -> 'fr'), except that English
    (the default when metadata says nothing) gives way to another language the text's own function words
    show clearly (`timex_foreign.guess_language`), so that untagged foreign articles get their dates."""
    code = re.split(r"[-_]", (language or "").strip().lower())[0] or "en"
    if code == "en":
        return guess_language(text) or "en"
    return code


def numeric_order(text: str) -> str | None:
    """'dmy' or 'mdy' when an unambiguous numeric date in the text (like 25/11/2020) shows the order."""
    votes = {"dmy": 0, "mdy": 0}
    for m in re.finditer(r"(?<!\d)([0-3]?\d)[/.]([0-3]?\d)[/.](\d{2}|\d{4})(?!\d)", text):
        a, b = int(m[1]), int(m[2])
        if a > 12 >= b:
            votes["dmy"] += 1
        elif b > 12 >= a:
            votes["mdy"] += 1
    if votes["dmy"] == votes["mdy"]:
        return None
    return max(votes, key=votes.get)


ATTACH_CHARS = 80  # a time of day belongs to a date at most this far before it (same sentence)
ATTACH_PARAGRAPH_CHARS = 300  # ... or this far, in the same paragraph, for rules marked `attach: paragraph`
_PARAGRAPH_END = re.compile(r"\n\s*\n")
_DAY = re.compile(r"\d{4}-\d\d-\d\d")
_NOT_YEARLESS = ("@D", "@WD", "@LASTWD", "@NEXTWD", "@FWD", "1", "2")  # raw days that never lack only their year
_SOME_DAY = re.compile(r"(?:\d{4}|XXXX)-\d\d-\d\d")  # a day, with or without its year
_DAY_TIME = re.compile(r"\d{4}-\d\d-\d\dT")
_SENTENCE_END = re.compile(r"[.!?](?<![ap]\.m\.)\s+[A-Z¿¡\"]|\n")
CONTEXT_BEFORE = 300  # how far back a rule's `before` context may be (about a paragraph)
WINDOW_BEFORE = 50  # an expression starts at most this many characters before its rule's anchor
WINDOW_AFTER = 70  # ... and ends (with the look-ahead of its rule) at most this many after it
_SPACE = re.compile(r"\s")


def _anchor_windows(grammar, text: str) -> dict[int, list[tuple[int, int]]]:
    """Per anchor set of the grammar (see `Rule.anchors`), the stretches of text around its anchors, merged;
    a rule runs only in those of its set. One scan finds the longest anchor at every position."""
    n = len(text)
    spans: dict[int, list[list[int]]] = {}
    last: dict[int, list[int]] = {}  # set -> its last window (the one a later anchor may extend)
    hits = grammar.anchor_hits
    found = (longest_each(grammar.anchor_words, text) if grammar.anchor_words is not None
             else ((m.start(), m.group(1)) for m in grammar.anchor_scan.finditer(text)))
    for p, anchor in found:
        lo = p - WINDOW_BEFORE if p > WINDOW_BEFORE else 0
        for k, length in hits[anchor]:
            hi = p + length + WINDOW_AFTER
            if hi > n:
                hi = n
            mine = last.get(k)
            if mine is None:
                last[k] = mine = [lo, hi]
                spans[k] = [mine]
            elif lo <= mine[1]:
                if hi > mine[1]:
                    mine[1] = hi
            else:
                last[k] = mine = [lo, hi]
                spans[k].append(mine)
    out = {}
    for k, mine in spans.items():
        windows = []
        for lo, hi in mine:
            # end on whitespace so look-aheads at the window's end see what they would in the whole text
            if hi < n and not text[hi].isspace():
                space = _SPACE.search(text, hi)
                hi = space.start() if space else n
            if windows and lo <= windows[-1][1]:
                windows[-1] = (windows[-1][0], max(windows[-1][1], hi))
            else:
                windows.append((lo, hi))
        out[k] = windows
    return out


@lru_cache(maxsize=4)  # small: articles can be long, and consecutive stages share one article
def _candidates_of(language: str, text: str) -> tuple:
    """The rule matches of a text, kept for the few texts seen last: the DCT stage, the tagger and the
    corpus step all tag the same article, and matching does not depend on the DCT."""
    return tuple(_candidates(load_grammar(language), text))


def _candidates(grammar, text: str, scan_all: bool = False):
    """Every rule match as (start, end, rule_index, match), longest first then earliest.

    Rules run only in windows around their anchors (a rule without anchors over the whole text);
    `scan_all` runs every rule over the whole text instead (the tests check both agree).
    """
    whole = [(0, len(text))]
    if scan_all or grammar.anchor_scan is None:
        todo = [(i, whole) for i in range(len(grammar.rules))]
    else:
        windows = _anchor_windows(grammar, text)
        todo = [(i, windows[k]) for k in windows for i in grammar.rules_of_set[k]]
        todo += [(i, whole) for i in grammar.rules_of_set[None]]
    found = []
    for i, spans in todo:
        regex = grammar.rules[i].regex
        narrow = "t" in regex.groupindex  # a group `t` gives the extent
        starts = match_starts(regex)  # where it matches, found at C speed (`timex.starts`); None: not known
        for lo, hi in spans:
            if starts is None:
                matches = regex.finditer(text, lo, hi)
            else:  # what finditer finds: the first match at or after the end of the last one, and so on
                matches, end = [], lo
                for at in starts.finditer(text, lo, hi):
                    if at.start() >= end:
                        m = regex.match(text, at.start(), hi)
                        end = m.end()
                        matches.append(m)
            for m in matches:
                s, e = m.span("t") if narrow and m.group("t") is not None else m.span()
                if e > s:
                    found.append((s, e, i, m))
    found.sort(key=lambda c: (-(c[1] - c[0]), c[0], c[2]))
    return found


def _make_timex(start, end, text, type_, value, mod, rule_id, anchor) -> Timex:
    if value in ("PRESENT_REF",) and anchor is not None:
        ds, de, gran = value_interval(anchor.value)
    elif type_ in ("DURATION", "SET"):
        ds, de, gran = None, None, "unknown"
    else:
        ds, de, gran = value_interval(value)
        ds, de = narrow_interval(ds, de, mod)  # "the end of 2020": value 2020, interval its last third
    return Timex(start, end, text, type_, value, mod, ds, de, gran, rule_id)


def find_timexes(text: str, dct: str | None = None, language: str = "en") -> list[Timex]:
    """Find and normalise the temporal expressions of `text`, sorted by start.

    Args:
        text: the article (or any) text.
        dct: the document creation time as a TIMEX3 value (`2020-12-29`, `2020-11`, `2020`) or None;
            relative expressions need it and stay underspecified (date_start None) without it.
        language: ISO 639-1 code; English and Spanish have full grammars (rules.yaml), others get explicit
            dates, weekdays and the basics of foreign.yaml (today, last week, a year after a cue word).
            English (the default) gives way to the language the text clearly is written in.
    Returns:
        Non-overlapping Timex objects, each with its rule id.
    """
    language = text_language(text, language)
    grammar = load_grammar(language)
    if grammar is None:
        return find_foreign_timexes(text, dct, language)
    anchor = Anchor.parse(dct)
    ctx = {"language": language}  # + "numeric_order", read from the text only if a numeric date needs it
    taken = bytearray(len(text) + 1)
    chosen: list[tuple[int, int, object, str, str | None, bool]] = []
    for s, e, i, m in _candidates_of(language, text):
        if any(taken[s:e]):
            continue
        rule = grammar.rules[i]
        if rule.before is not None and not rule.before.search(text, max(0, s - CONTEXT_BEFORE), s):
            continue
        if rule.type == "NONE":  # a look-alike: claim the span, tag nothing
            if rule.value and not resolve(grammar.render(rule, m)[0], anchor, None, ctx):
                continue  # a conditional look-alike that does not hold here: other rules may tag it
            taken[s:e] = b"\x01" * (e - s)
            continue
        raw, mod = grammar.render(rule, m)
        if raw.startswith("NUMERIC:") and "numeric_order" not in ctx:
            ctx["numeric_order"] = numeric_order(text)
        needs_tense = "@" in raw or raw.startswith(_TENSE_KINDS)
        tense = _tense(grammar, text, s, e) if needs_tense else None
        if not resolve(raw, anchor, tense, ctx):  # not a date after all (31/31/2020, 25 p.m.)
            continue
        taken[s:e] = b"\x01" * (e - s)
        chosen.append((s, e, rule, raw, mod, tense))
    # In text order, so that "the following month" / "that year" can lean on the last date mentioned.
    chosen.sort(key=lambda c: c[0])
    out: list[Timex] = []
    last_day: tuple[int, str] | None = None  # (end, YYYY-MM-DD) of the last day-precise date
    bare = {"language": language}  # what a value is without a DCT: a year-less day, or one whose year the text writes

    def explicit() -> list[tuple[int, str]]:  # asked only when a year-less day looks for a full date after it
        return [(c[0], v) for c in chosen
                if c[2].type == "DATE" and not c[3].startswith("@") and is_full_day(v := resolve(c[3], None, c[5], bare))]

    episodes = Episodes(text, anchor.date if anchor else None, explicit)
    for k, (s, e, rule, raw, mod, tense) in enumerate(chosen):
        value = resolve(raw, anchor, tense, ctx)
        if rule.type == "DATE" and _SOME_DAY.fullmatch(value or "") and not raw.startswith(_NOT_YEARLESS) \
                and is_yearless_day(resolve(raw, None, tense, bare)):
            # "the attack of October 7" after "October 8, 2023": that October's
            def relocate(day: str, raw=raw, tense=tense, words=text[s:e]) -> str | None:
                moved = resolve(raw, Anchor.parse(day), tense, ctx)  # a weekday it names must hold in that year
                return moved if moved and weekday_fits(words, moved, language) else None
            value = episodes.value(s, e, value, relocate)
        else:
            value = episodes.value(s, e, value, None)
        undated = False
        if rule.attach and _DAY_TIME.match(value or "") and not _names_day(raw):
            day = _day_after(text, e, chosen[k + 1:k + 3], anchor, ctx) or _day_after_pair(text, chosen, k, anchor, ctx)
            if day is not None:  # "at 6:40 p.m. (GMT +8) on Tuesday": the day named right after it
                value = day + value[10:]
            elif last_day is not None and _attaches(rule.attach, text, last_day[0], s):
                # "mañana, domingo, a las 08.00": the time is on the day just named, not on the DCT's
                value = last_day[1] + value[10:]
            else:
                undated = rule.undated  # no day named: "desde las 06.00 horas" is T06:00 (interval: the DCT's day)
        try:
            timex = _make_timex(s, e, text[s:e], rule.type, value, mod, rule.id, anchor)
        except BadTimexValue:
            continue
        if undated:
            out.append(dataclasses.replace(timex, value=value[10:]))
            continue
        if timex.type == "DATE" and timex.date_start and re.match(r"\d{4}", value):
            ctx["anaphor"] = Anchor.parse(value)
            if _DAY.fullmatch(value):  # "ese mismo día" after "el 5 de octubre ... 1996": the day, not the year
                ctx["anaphor_day"] = ctx["anaphor"]
        if _DAY_TIME.match(value or "") or _DAY.fullmatch(value or ""):  # a day, or a time on a day
            last_day = (e, value[:10])
        out.append(timex)
    return share_years(text, out, language)  # "between April 16 and May 28 2004": April 16 2004


def _attaches(scope: str, text: str, day_end: int, start: int) -> bool:
    """Whether a time of day starting at `start` takes the day of a date ending at `day_end` before it: in the
    same sentence (ATTACH_CHARS), or for `attach: paragraph` rules in the same paragraph (ATTACH_PARAGRAPH_CHARS),
    as in a wire story that names its day once: "volcó ayer ... La circulación quedó cortada hasta las 11.45"."""
    if scope == "paragraph":
        return start - day_end <= ATTACH_PARAGRAPH_CHARS and not _PARAGRAPH_END.search(text, day_end, start)
    return start - day_end <= ATTACH_CHARS and not _SENTENCE_END.search(text, day_end, start)


def _names_day(raw: str) -> bool:
    """Whether a time's raw value names its own day ("noon Thursday", "14:30 GMT on Friday")."""
    kind, *args = raw.split(":")
    if kind == "CLOCK":
        return len(args) > 3 and bool(args[3])
    if kind == "CLOCKES":  # "las seis de la mañana de ayer"
        return len(args) > 3 and bool(args[3])
    return kind == "NOON" and bool(args and args[-1])


_ON_DAY = re.compile(r"\)?\s*(?:\([^()\n]{1,15}\)\s*)?(?:,\s*)?(?:on\s+|el\s+|del\s+|de\s+)?$")


def _day_after(text: str, end: int, following: list, anchor, ctx) -> str | None:
    """The day of a date that follows a time of day at once ("6:40 p.m. (GMT +8) on Tuesday"), or None. A time
    restating it in parentheses is passed over ("a las 03:34 hora local (06:34 UTC) del sábado 27 de febrero"),
    and such a restatement takes the day after its closing parenthesis too."""
    if not following:
        return None
    s, _e, rule, raw, _mod, tense = following[0]
    if rule.type == "TIME" and len(following) > 1 and text[end:s].strip() == "(" and text[_e:_e + 1] == ")":
        end = _e
        s, _e, rule, raw, _mod, tense = following[1]
    if s - end > 25 or rule.type not in ("DATE", "TIME") or not _ON_DAY.match(text, end, s):
        return None
    value = resolve(raw, anchor, tense, ctx)
    if rule.type == "TIME":  # "pasadas las 22.00 horas de anoche": the day of a part of a day named after it
        return value[:10] if value and _DAY_TIME.match(value) and text[end:s].strip() in ("de", "del") else None
    return value[:10] if value and _DAY.fullmatch(value) else None


_JOINED = re.compile(r"[\s()]*(?:y|a|al|hasta|-|–)\s+$")


def _day_after_pair(text: str, chosen: list, k: int, anchor, ctx) -> str | None:
    """The day named right after the second of two joined times ("entre las 06.00 hora local (10.00 GMT) y las
    18.00 hora local (22.00 GMT) de hoy": both are today's), or None."""
    for j in range(k + 1, min(k + 4, len(chosen) - 1)):
        s, e = chosen[j][0], chosen[j][1]
        if chosen[j][2].type != "TIME" or s - chosen[j - 1][1] > 12:
            return None
        if _JOINED.match(text, chosen[j - 1][1], s):
            return _day_after(text, e, chosen[j + 1:j + 3], anchor, ctx)
    return None


def annotate(doc: Document) -> Document:
    """Stage: set `doc.timexes` from the text, using `doc.published` as DCT and `doc.language`."""
    doc.timexes = find_timexes(doc.text, doc.published, doc.language)
    return doc
