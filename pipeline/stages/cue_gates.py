"""Cheaper `pattern.match(line)` for the long cue alternations of the sections lexicon (issue 18: build cost).

A cue family is one alternation, and many of its patterns start with `.*` or `^.{0,300}`: each of those is tried
along the whole line, so a long body paragraph costs tens of microseconds in the caption family alone, though
almost none of its alternatives could match it. Each such alternative's required strings (one of which every
match contains) are read off its parsed pattern (`timex.rules.required_literals`, the analysis that picks the
timex rules' anchors); one scan of the lower-cased line (a trie of all those strings) tells which of them it
holds, and the line is matched against the alternation of the alternatives left (compiled once per set). The
answer is the whole pattern's:

- an alternative is left out only when none of its required strings occurs in the line;
- the strings are read with case as written and compared lower-cased (`str.lower`), which is what
  case-insensitive matching does except for the characters `re` folds specially (`re._casefix`: ſ/s, ı/i,
  Greek and old Cyrillic forms, with their upper and lower cases) and İ (whose `lower()` is two characters):
  a line holding one of those is matched against the whole pattern, and an alternative whose required
  strings hold one is always tried;
- patterns with back-references, or whose alternatives cannot be split and compiled apart, are not gated.
"""
from __future__ import annotations

import re

from ..timex.rules import required_literals
from ..tries import trie_regex

_PLANS: dict = {}  # id(pattern) -> (pattern, plan or None)
_BACKREF = re.compile(r"\\\d|\(\?P=")
_SCANS = ("(?:.*", "(?:^.{", ".*", "^.{")  # alternatives tried along the whole line: the costly ones
MIN_GATED = 2  # a pattern is gated only when this many costly alternatives can be


def split_alternatives(source: str) -> list[str] | None:
    """The top-level alternatives of a regex source (None when it cannot be read with confidence)."""
    parts, depth, start, i, n = [], 0, 0, 0, len(source)
    while i < n:
        ch = source[i]
        if ch == "\\":
            i += 2
            continue
        if ch == "[":  # a class: '(', ')' and '|' inside are plain
            j = i + 1
            j += source[j:j + 1] == "^"
            j += source[j:j + 1] == "]"
            while j < n and source[j] != "]":
                j += 2 if source[j] == "\\" else 1
            if j >= n:
                return None
            i = j + 1
            continue
        if ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
        elif ch == "|" and depth == 0:
            parts.append(source[start:i])
            start = i + 1
        i += 1
    parts.append(source[start:])
    return parts if depth == 0 and "|".join(parts) == source else None


def _odd_chars() -> frozenset:
    try:
        from re._casefix import _EXTRA_CASES  # CPython 3.11+: the case-insensitive equivalences beyond lower()
    except ImportError:  # pragma: no cover - other Pythons: every non-ASCII line goes to the whole pattern
        return frozenset()
    chars = {chr(c) for k, v in _EXTRA_CASES.items() for c in (k, *v)}
    chars |= {f for c in chars for f in (c.upper(), c.lower()) if len(f) == 1}
    return frozenset(c for c in chars if not c.isascii()) | {"\u0130"}


_ODD = _odd_chars()
_ANY_NON_ASCII = len(_ODD) > 1  # the table was read: non-ASCII lines without its characters are gated too


def _gate(strings: frozenset | None) -> frozenset | None:
    """The lower-cased strings to look for in a lower-cased line (None: always try the alternative)."""
    if not strings or any((len(s) < 2 and s.isascii()) or not _ODD.isdisjoint(s) for s in strings):
        return None  # one ASCII character ("."): in every line, not worth a look-up
    return frozenset(s.lower() for s in strings)


def plain(line: str) -> bool:
    """Whether `str.lower()` containment is case-insensitive matching on this line (see the module)."""
    return line.isascii() or (_ANY_NON_ASCII and _ODD.isdisjoint(line))


def _make_plan(pattern: re.Pattern):
    """(alternatives, mask of those always tried, scanner of the gate strings, gate string -> mask, cache)."""
    if not isinstance(pattern.pattern, str) or _BACKREF.search(pattern.pattern):
        return None
    parts = split_alternatives(pattern.pattern)
    if parts is None or len(parts) < 2:
        return None
    try:
        for part in parts:
            re.compile(part, pattern.flags)
    except re.error:
        return None
    gates = [_gate(required_literals(p, pattern.flags & ~re.IGNORECASE)) if p.startswith(_SCANS) else None for p in parts]
    if sum(g is not None for g in gates) < MIN_GATED:
        return None
    always = sum(1 << k for k, g in enumerate(gates) if g is None)
    strings = {s for g in gates if g for s in g}
    # the scanner reports the longest string at each position: it holds those of them that start it too
    hits = {s: sum(1 << k for k, g in enumerate(gates) if g and any(s.startswith(t) for t in g)) for s in strings}
    scan = re.compile(f"(?=({trie_regex(strings, space=' ')}))")
    return parts, always, scan, hits, {}


def matches(pattern: re.Pattern, line: str) -> bool:
    """`pattern.match(line) is not None`, trying only the alternatives the line may match (see the module)."""
    got = _PLANS.get(id(pattern))
    if got is None or got[0] is not pattern:
        if len(_PLANS) >= 256:
            _PLANS.clear()
        got = _PLANS[id(pattern)] = (pattern, _make_plan(pattern))
    plan = got[1]
    if plan is None or not plain(line):
        return pattern.match(line) is not None
    parts, mask, scan, hits, compiled = plan
    for m in scan.finditer(line.lower()):
        mask |= hits[m.group(1)]
    if not mask:
        return False
    regex = compiled.get(mask)
    if regex is None:
        try:
            regex = re.compile("|".join(p for k, p in enumerate(parts) if mask >> k & 1), pattern.flags)
        except re.error:
            regex = pattern
        if len(compiled) >= 512:
            compiled.clear()
        compiled[mask] = regex
    return regex.match(line) is not None


def needs_first(patterns: list[str], needs: list, max_chars: int = 10**9) -> tuple:
    """Cue patterns with the strings one of which their line must hold (sections.yaml entries {pattern, needs}, round 5
    of issue 22: breadcrumbs, share rows, header lines) as (the needs, lower case; one alternation of the patterns,
    case-insensitive; the longest line they may match): `needy` tries the patterns only on a line of at most
    `max_chars` characters holding one of the needs."""
    if not patterns:
        return ()
    joined = "|".join(f"(?:{p})" for p in patterns)
    return tuple(sorted({str(n).lower() for n in needs})), re.compile(joined, re.IGNORECASE), max_chars


def needy(gated: tuple, line: str) -> bool:
    """The line holds one of the needs of `needs_first` and matches one of its patterns (substring tests on the
    lower-cased line first: far cheaper than a regex search for any of the needs)."""
    if not gated or len(line) > gated[2]:
        return False
    low = line.lower()
    return any(n in low for n in gated[0]) and gated[1].match(line) is not None
