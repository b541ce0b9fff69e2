"""Temporal tagger: find temporal expressions with our own grammar, normalise them against the DCT.

`find_timexes` runs every rule of `pipeline/data/<lang>/timex/rules.yaml` (compiled once), keeps the
longest match at each place, reads the tense around each one, and resolves the rule's raw value against
the document creation time (DCT) in `timex_resolve`. Each Timex names the rule that found it.
Languages without a grammar get their explicit dates through `timex_foreign` (dateparser's locales).
"""
from __future__ import annotations

import re

from .documents import Document, Timex
from .timex_resolve import Anchor, BadTimexValue, granularity_of, resolve, value_interval
from .timex_rules import load_grammar

__all__ = ["find_timexes", "annotate", "value_interval", "BadTimexValue"]

# Tense cues near an expression decide which way year-less dates and weekdays resolve.
_FUTURE = re.compile(r"\b(?:will|won't|'ll|shall|going\s+to|plans?\s+to|scheduled|expected\s+to|"
                     r"is\s+to|are\s+to|due\s+to|upcoming|until|next|would|could|should|intends?\s+to|aims?\s+to|"
                     r"set\s+to|hopes?\s+to|promised\s+to|to\s+be\s+held|deadline|starting|begins?|opens?)\b", re.I)
_PAST = re.compile(r"\b(?:was|were|had|did|said|says|told|ago|last|earlier|since|already|been|"
                   r"[a-z]{2,}ed)\b", re.I)
_CLAUSE_END = re.compile(r"[.!?;\n]")


def _tense(text: str, start: int, end: int) -> str | None:
    """'past' or 'future' from the nearest cue in the clause around [start, end), else None."""
    lo = max(0, start - 120)
    left = text[lo:start]
    cut = max((m.end() for m in _CLAUSE_END.finditer(left)), default=0)
    left = left[cut:]
    right = text[end:end + 120]
    stop = _CLAUSE_END.search(right)
    right = right[: stop.start()] if stop else right
    best: tuple[int, str] | None = None
    for regex, label in ((_FUTURE, "future"), (_PAST, "past")):
        for m in regex.finditer(left):
            d = len(left) - m.end()
            if best is None or d < best[0]:
                best = (d, label)
        m = regex.search(right)
        if m and (best is None or m.start() < best[0]):
            best = (m.start(), label)
    return best[1] if best else None


def _numeric_order(text: str) -> str | None:
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


def _candidates(grammar, text: str):
    """Every rule match as (start, end, rule_index, match), longest first then earliest."""
    found = []
    for i, rule in enumerate(grammar.rules):
        for m in rule.regex.finditer(text):
            if "t" in rule.regex.groupindex and m.group("t") is not None:
                s, e = m.span("t")
            else:
                s, e = m.span()
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
        if ds is None:
            gran = granularity_of(value)
    return Timex(start, end, text, type_, value, mod, ds, de, gran, rule_id)


def find_timexes(text: str, dct: str | None = None, language: str = "en") -> list[Timex]:
    """Find and normalise the temporal expressions of `text`, sorted by start.

    Args:
        text: the article (or any) text.
        dct: the document creation time as a TIMEX3 value (`2020-12-29`, `2020-11`, `2020`) or None;
            relative expressions need it and stay underspecified (date_start None) without it.
        language: ISO 639-1 code; English has the full grammar, others get explicit dates only.
    Returns:
        Non-overlapping Timex objects, each with its rule id.
    """
    grammar = load_grammar(language)
    if grammar is None:
        from .timex_foreign import find_foreign_timexes

        return find_foreign_timexes(text, dct, language)
    anchor = Anchor.parse(dct)
    ctx = {"numeric_order": _numeric_order(text), "language": language}
    taken = bytearray(len(text) + 1)
    out: list[Timex] = []
    for s, e, i, m in _candidates(grammar, text):
        if any(taken[s:e]):
            continue
        rule = grammar.rules[i]
        raw, mod = grammar.render(rule, m)
        needs_tense = "@" in raw or raw.startswith(("NUMERIC", "PARTM"))
        value = resolve(raw, anchor, _tense(text, s, e) if needs_tense else None, ctx)
        if not value:
            continue
        try:
            timex = _make_timex(s, e, text[s:e], rule.type, value, mod, rule.id, anchor)
        except BadTimexValue:
            continue
        taken[s:e] = b"\x01" * (e - s)
        out.append(timex)
    out.sort(key=lambda t: t.start)
    return out


def annotate(doc: Document) -> Document:
    """Stage: set `doc.timexes` from the text, using `doc.published` as DCT and `doc.language`."""
    doc.timexes = find_timexes(doc.text, doc.published, doc.language)
    return doc
