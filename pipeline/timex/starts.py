"""Where a rule's matches may begin: a scan `re` runs at C speed (build cost, issue 18).

A rule's pattern opens with a look-behind (`(?<![\\w])`), so `re` has no first character to skip to and tries
the whole rule at every character of its windows. When the characters a match can begin with are plain to see
(read off the parsed pattern: literals, classes, alternatives, optional parts), `match_starts` gives a pattern
that consumes one such character and then asks, looking back one, whether the rule matches there: `re` skips
the other characters in C, and it matches exactly where the rule does. The tagger then runs the rule only there.
"""
from __future__ import annotations

import re

try:  # the parser behind `re` (Python 3.11+)
    from re import _constants as _sre
    from re import _parser as _sre_parse
except ImportError:  # pragma: no cover - older Pythons
    import sre_constants as _sre
    import sre_parse as _sre_parse

_CATEGORIES = {_sre.CATEGORY_DIGIT: r"\d", _sre.CATEGORY_WORD: r"\w", _sre.CATEGORY_SPACE: r"\s",
               _sre.CATEGORY_NOT_DIGIT: r"\D", _sre.CATEGORY_NOT_WORD: r"\W", _sre.CATEGORY_NOT_SPACE: r"\S"}
_REPEATS = tuple(op for op in (_sre.MAX_REPEAT, _sre.MIN_REPEAT, getattr(_sre, "POSSESSIVE_REPEAT", None)) if op is not None)
_ZERO_WIDTH = (_sre.AT, _sre.ASSERT, _sre.ASSERT_NOT)


class _Unknown(Exception):
    """A part whose first characters are not plain to see."""


def _class_items(av) -> list[str]:
    out = []
    for op, arg in av:
        if op is _sre.LITERAL:
            out.append(re.escape(chr(arg)))
        elif op is _sre.RANGE:
            out.append(re.escape(chr(arg[0])) + "-" + re.escape(chr(arg[1])))
        elif op is _sre.CATEGORY and arg in _CATEGORIES:
            out.append(_CATEGORIES[arg])
        else:  # a negated class and the like
            raise _Unknown
    return out


def _sequence(items, flags: int) -> tuple[list[str], bool]:
    """(class items every match of the sequence may begin with, whether it may match the empty string)."""
    firsts: list[str] = []
    for op, av in items:
        more, empty = _item(op, av, flags)
        firsts += more
        if not empty:
            return firsts, False
    return firsts, True


def _item(op, av, flags: int) -> tuple[list[str], bool]:
    if op in (_sre.LITERAL, _sre.IN) and flags & _sre.SRE_FLAG_IGNORECASE:
        raise _Unknown  # (case folding reaches characters of other scripts: not read here)
    if op is _sre.LITERAL:
        return [re.escape(chr(av))], False
    if op is _sre.IN:
        return _class_items(av), False
    if op is _sre.SUBPATTERN:
        _group, add, remove, sub = av
        return _sequence(sub.data, (flags | add) & ~remove)
    if op is _sre.BRANCH:
        out, empty = [], False
        for sub in av[1]:
            more, may = _sequence(sub.data, flags)
            out, empty = out + more, empty or may
        return out, empty
    if op in _REPEATS:
        low, _high, sub = av
        more, empty = _sequence(sub.data, flags)
        return more, empty or low == 0
    if op in _ZERO_WIDTH:
        return [], True
    if op is getattr(_sre, "ATOMIC_GROUP", None):
        return _sequence(av.data, flags)
    raise _Unknown  # any character, a back-reference ...


def first_class(pattern: str, flags: int = 0) -> str | None:
    """A character class holding every character a match of `pattern` can begin with; None when that is not
    plain to see or a match may be empty (the pattern compiled with `flags`, which must not ignore case)."""
    if flags & re.IGNORECASE:
        return None
    try:
        parsed = _sre_parse.parse(pattern, flags)
        items, empty = _sequence(parsed.data, parsed.state.flags)
    except (_Unknown, re.error, RecursionError):
        return None
    if empty or not items:
        return None
    return "[" + "".join(sorted(set(items))) + "]"


_KNOWN: dict[int, tuple[re.Pattern, re.Pattern | None]] = {}  # id(regex) -> (regex, its starts): a Pattern's own
# hash reads all its compiled code, too slow to look up once per rule and article


def match_starts(regex: re.Pattern) -> re.Pattern | None:
    """A pattern whose matches (one character each) begin exactly where `regex` matches (`finditer` with the
    same bounds finds every such place, overlapping ones too); None when not known (then scan with `regex`)."""
    got = _KNOWN.get(id(regex))
    if got is None or got[0] is not regex:
        if len(_KNOWN) >= 4096:  # (the grammars' rules: a few hundred patterns per process)
            _KNOWN.clear()
        got = _KNOWN[id(regex)] = (regex, _starts(regex))
    return got[1]


def _starts(regex: re.Pattern) -> re.Pattern | None:
    cls = first_class(regex.pattern, regex.flags)
    if cls is None:
        return None
    try:
        return re.compile(cls + "(?<=(?=" + regex.pattern + ")(?s:.))", regex.flags)
    except (re.error, RecursionError):  # (a back-reference cannot stand in a look-behind)
        return None


__all__ = ["first_class", "match_starts"]
