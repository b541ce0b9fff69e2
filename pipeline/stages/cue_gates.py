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
    """(alternatives, mask of those always tried, their gates, found string -> mask (filled as met), cache)."""
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
    _UNION.clear()  # a new plan's strings join the one scan of a line (`_found`)
    _LINE[0] = None
    return parts, always, gates, {}, {}


_UNION: dict = {}  # "scan": one scanner of every plan's gate strings (rebuilt when a plan is made)
_LINE: list = [None, "", ()]  # the line last scanned, lower-cased, and the strings found in it


def _found(line: str) -> tuple[str, tuple[str, ...]]:
    """The line lower-cased and the longest gate string (of any plan) at each position where one begins: one
    scan of a line for all the cue families, which ask about the same line one after the other."""
    if _LINE[0] is line:
        return _LINE[1], _LINE[2]
    scan = _UNION.get("scan")
    if scan is None:
        every = {s for got in _PLANS.values() if got[1] is not None for g in got[1][2] if g for s in g}
        scan = _UNION["scan"] = re.compile(f"(?=({trie_regex(every, space=' ')}))")
    low = line.lower()
    _LINE[:] = [line, low, tuple(m.group(1) for m in scan.finditer(low))]
    return low, _LINE[2]


def _mask_of(plan, found: tuple[str, ...]) -> int:
    """The plan's alternatives to try: those always tried, and those one of whose gate strings begins where
    a found string begins (it is then a prefix of that string, the longest there)."""
    _parts, mask, gates, starting, _compiled = plan
    for s in found:
        bits = starting.get(s)
        if bits is None:
            if len(starting) >= 4096:  # (bounded: the strings found are the plans' own, a few hundred)
                starting.clear()
            bits = starting[s] = sum(1 << k for k, g in enumerate(gates) if g and any(s.startswith(t) for t in g))
        mask |= bits
    return mask


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
    parts, compiled = plan[0], plan[4]
    mask = _mask_of(plan, _found(line)[1])
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


_REQUIRED: dict = {}  # id(pattern) -> (pattern, the strings one of which every match contains, or None)


def may_search(pattern: re.Pattern, text: str) -> bool:
    """False only when `pattern.search(text)` finds nothing for sure: the text holds none of the strings one of
    which every match contains (`required_literals`, case as written; a case-insensitive pattern or one whose
    strings are not known is always searched). For whole-text patterns that open with no literal (`re` then
    tries them at every character), such as a credit line's '(?:©|\\([cC]\\)|\\bCopyright)...'."""
    got = _REQUIRED.get(id(pattern))
    if got is None or got[0] is not pattern:
        strings = None
        if isinstance(pattern.pattern, str) and not pattern.flags & re.IGNORECASE and not _BACKREF.search(pattern.pattern):
            strings = required_literals(pattern.pattern, pattern.flags)
        if len(_REQUIRED) >= 256:
            _REQUIRED.clear()
        got = _REQUIRED[id(pattern)] = (pattern, strings)
    return got[1] is None or any(s in text for s in got[1])


def needs_first(patterns: list[str], needs: list, max_chars: int = 10**9) -> tuple:
    """Cue patterns with the strings one of which their line must hold (sections.yaml entries {pattern, needs}, round 5
    of issue 22: breadcrumbs, share rows, header lines) as (the needs, lower case; one alternation of the patterns,
    case-insensitive; the longest line they may match): `needy` tries the patterns only on a line of at most
    `max_chars` characters holding one of the needs."""
    if not patterns:
        return ()
    joined = "|".join(f"(?:{p})" for p in patterns)
    words = tuple(sorted({str(n).lower() for n in needs}))
    # round 7 (furniture22g): one scan for any of the needs (a trie of them), not one substring test per need
    return words, re.compile(joined, re.IGNORECASE), max_chars, re.compile(trie_regex(words, space=" ", prefixes=True))


def needy(gated: tuple, line: str) -> bool:
    """The line holds one of the needs of `needs_first` and matches one of its patterns (one scan of the lower-cased
    line for the needs first: far cheaper than the patterns)."""
    if not gated or len(line) > gated[2]:
        return False
    return gated[3].search(line.lower()) is not None and gated[1].match(line) is not None
