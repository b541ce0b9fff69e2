"""The temporal grammar loaded from data: lexicons and rules of `pipeline/data/<lang>/timex/`, compiled once.

A rule is a regular expression (with %lexicon placeholders) plus a value template; `render` turns a match
into a raw TIMEX3 value whose DCT-dependent parts (`@...@` and the `KIND:...` forms) `timex_resolve` fills
in later. For speed, each rule also gets its anchors at load: strings one of which every match contains,
read off the parsed pattern (`required_literals`), so the tagger runs a rule only near them.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import yaml

from ..config import DATA_DIR, load_yaml
from ..errors import PipelineError
from ..tries import trie_regex

try:  # the parser behind `re` (Python 3.11+), to read each rule's anchors off its pattern
    from re import _constants as _sre
    from re import _parser as _sre_parse
except ImportError:  # pragma: no cover - older Pythons
    import sre_constants as _sre
    import sre_parse as _sre_parse

DATA = DATA_DIR

# TIMEX3 types, plus NONE for look-alike rules that claim a span so that no other rule tags it.
TYPES = ("DATE", "TIME", "DURATION", "SET", "NONE")

# Head classes a rule may declare it `needs` (regex templates over the lexicon alternations).
NEED_CLASSES = {
    "digit": r"\d",
    "month": r"(?<![\w]){month}",
    "weekday": r"(?<![\w]){weekday}",
    "season": r"(?i:(?<![\w])(?:{season}|season))",
    "unit": r"(?<![\w])(?:{unit}|{ref_unit}|weekend|quarter|half)",
}
_PLACEHOLDER = re.compile(r"%(\w+)")
_FIELD = re.compile(r"\{(\w+)(?::(\w+))?\}")


class GrammarError(PipelineError, ValueError):
    """A rules or lexicon file is malformed; the message names the file, the rule and the problem."""


@dataclass(frozen=True)
class Rule:
    id: str
    type: str
    pattern: str
    value: str
    mod: str
    examples: tuple
    regex: re.Pattern
    needs: str | None = None  # a head class every match contains (see NEED_CLASSES)
    before: re.Pattern | None = None  # words that must occur shortly before a match (context)
    anchors: frozenset | None = None  # strings one of which every match contains (None: not known)
    # a time of day that takes the day of the date named just before it: "sentence" (in its sentence) or
    # "paragraph" (in its paragraph: wire stories name the story's day once, "volcó ayer ... hasta las 11.45")
    attach: str | None = None
    # with attach: a time with no day named near it keeps no day in its TIMEX3 value ("T06:00", as the Spanish
    # TimeBank annotates); its interval stays the DCT's day, the pipeline's working guess
    undated: bool = False


def _key(text: str) -> str:
    """Normalise matched words for a lexicon look-up: lower case, no full stop, single spaces."""
    return " ".join(text.lower().replace(".", "").split())


@dataclass
class Grammar:
    language: str
    lexicons: dict[str, dict[str, str]]
    rules: tuple[Rule, ...]
    alternations: dict[str, str]  # lexicon name -> regex alternation of its words
    classes: dict[str, re.Pattern]  # head class -> regex, for rules' `needs`
    future: re.Pattern  # tense cues (tense.yaml)
    past: re.Pattern
    anchor_sets: tuple[frozenset, ...] = ()  # the distinct anchor sets of the rules
    rules_of_set: dict[int | None, tuple[int, ...]] | None = None  # anchor set index -> the rules (by index)
    # that have it; None -> the rules without anchors
    anchor_scan: re.Pattern | None = None  # finds, at every position, the longest anchor starting there
    anchor_hits: dict[str, tuple[tuple[int, int], ...]] | None = None  # that anchor -> (set, anchor length) it
    # stands for: every anchor set holding it or one of its prefixes (which occur at the same place)
    anchor_words: re.Pattern | None = None  # `anchor_scan`'s words, consuming (for `tries.longest_each`: faster)
    bound: re.Pattern | None = None  # the text a tense cue and its date may have between them to be bound (tense.yaml)
    bound_verbs: re.Pattern | None = None  # the cues that can be bound (verbs, not prepositions)

    def lookup(self, lexicon: str, text: str | None) -> str:
        if not text:
            return ""
        return self.lexicons[lexicon].get(_key(text), "")

    def convert(self, conv: str | None, text: str | None) -> str:
        """Apply a template converter (or lexicon look-up) to a matched group."""
        if text is None:
            return ""
        if conv is None:
            return text
        fn = _CONVERTERS.get(conv)
        if fn is not None:
            return fn(self, text)
        if conv not in self.lexicons:
            raise GrammarError(f"unknown converter or lexicon {conv!r}")
        return self.lookup(conv, text)

    def render(self, rule: Rule, match: re.Match) -> tuple[str, str | None]:
        """Fill a rule's value and mod templates from its match."""
        groups = match.groupdict()

        def fill(template: str) -> str:
            return _FIELD.sub(lambda f: self.convert(f.group(2), groups.get(f.group(1))), template)

        return fill(rule.value), (fill(rule.mod) or None) if rule.mod else None


def _num(grammar: Grammar, text: str) -> str:
    digits = text.strip().replace(",", "")
    if re.fullmatch(r"\d+(?:\.\d+)?", digits):
        return str(int(digits)) if "." not in digits else digits
    t = _key(text)
    if " y " in t:  # Spanish compounds: "treinta y cinco"
        parts = [_num(grammar, p) for p in t.split(" y ")]
        if all(p.isdigit() for p in parts):
            return str(sum(int(p) for p in parts))
    if "-" in t or " " in t:  # "twenty-four", "twenty four"
        parts = [grammar.lexicons["number"].get(p, "") for p in re.split(r"[\s-]+", t)]
        if all(p.isdigit() for p in parts):
            return str(sum(int(p) for p in parts))
    return grammar.lexicons["number"].get(t, "")


def _spelledyear(grammar: Grammar, text: str) -> str:
    """'nineteen ninety-six' -> 1996, 'two thousand' -> 2000, 'two thousand and one' -> 2001."""
    words = _key(text).split()
    if words[:2] == ["two", "thousand"]:
        rest = _num(grammar, words[-1]) if len(words) > 2 else "0"
        return str(2000 + int(rest or 0))
    hundreds = int(_num(grammar, words[0]) or 0)
    rest = words[1]
    return str(hundreds * 100 + (0 if rest == "hundred" else int(_num(grammar, rest) or 0)))


def _year2(_g: Grammar, text: str) -> str:
    y = int(text)
    return str(1900 + y if y >= 30 else 2000 + y)


def _decade3(_g: Grammar, text: str) -> str:
    """A decade as TimeML's three digits (Spanish TimeBank): '1990' -> 199, '80' -> 198."""
    return ("19" + text[0]) if len(text) == 2 else text[:3]


def _decade(_g: Grammar, text: str) -> str:
    if len(text) == 2:  # '90s
        return ("19" if int(text) >= 30 else "20") + text[0] + "X"
    return text[:3] + "X"


def _century(_g: Grammar, text: str) -> str:
    return f"{int(text) - 1:02d}"


def _ord(grammar: Grammar, text: str) -> str:
    if _key(text) == "latter":
        return "2"
    return grammar.lookup("ordinal", text)


def _dayn(grammar: Grammar, text: str) -> str:
    return grammar.lookup("weekday", text.rstrip("s"))


_CONVERTERS = {
    "num": _num,
    "cent2": lambda _g, t: t[:2],
    "spelledyear": _spelledyear,
    "year2": _year2,
    "pad2": lambda g, t: f"{int(t if t.isdigit() else _num(g, t) or 0):02d}",  # "primero de mayo" -> 01
    "decade": _decade,
    "decade3": _decade3,
    "century": _century,
    "ord": _ord,
    "dayn": _dayn,
}


def _forms(words, cased: bool) -> set[str]:
    """The written forms a lexicon's words match: as listed, UPPER, and (unless cased) Capitalised."""
    forms: set[str] = set()
    for w in words:
        forms.update((w, w.upper()) if cased else (w, w[:1].upper() + w[1:], w.upper()))
    return forms


# ------------------------------------------------------------------ anchors: what every match must contain
MAX_STRINGS = 256  # a set of possible strings larger than this is given up (it stops yielding anchors)
MAX_CLASS = 10  # a character class of at most this many characters is a set of one-character strings


def _rarest(sets):
    """The set whose strings are least likely in text (fewest, longest, fewest lower-case letters)."""
    def frequency(strings):
        total = 0.0
        for s in strings:
            f = 1.0
            for c in s:
                f *= 0.15 if c == " " else 0.05 if "a" <= c <= "z" else 0.01
            total += f
        return total

    return min(sets, key=frequency)


def _minimal(strings) -> frozenset:
    """Drop strings that contain a shorter one of the set: wherever they occur, it does."""
    out: set[str] = set()
    for s in sorted(strings, key=len):
        if not any(t in s for t in out):
            out.add(s)
    return frozenset(out)


def _need(info) -> frozenset | None:
    """Strings one of which a node's every match contains: its possible strings when it cannot be empty."""
    exact, req = info
    if exact is not None and "" not in exact:
        return _minimal(exact)
    return req


def _sequence(items, flags, known):
    """(possible strings or None, required strings or None) of a sequence of parsed regex items.

    Consecutive items with few possible strings multiply into longer required strings ("Dec" + "." ...);
    any item that can only match one of some strings makes those required; the rarest choice is kept.
    """
    choices = []
    run: set[str] | None = {""}
    whole: set[str] | None = {""}
    for op, av in items:
        exact, req = _item(op, av, flags, known)
        if req is not None:
            choices.append(req)
        if whole is not None:
            whole = {a + b for a in whole for b in exact} if exact is not None and len(whole) * len(exact) <= MAX_STRINGS else None
        if exact is not None and len(run) * len(exact) <= MAX_STRINGS:
            run = {a + b for a in run for b in exact}
            continue
        if "" not in run:
            choices.append(_minimal(run))
        run = set(exact) if exact is not None else {""}
    if "" not in run:
        choices.append(_minimal(run))
    return (frozenset(whole) if whole is not None else None), (_rarest(choices) if choices else None)


def _item(op, av, flags, known):
    """(possible strings or None, required strings or None) of one parsed regex item; None = anything."""
    if op is _sre.LITERAL:
        ch = chr(av)
        if ch in known:  # a character standing for a lexicon's alternation
            return (None, None) if flags & _sre.SRE_FLAG_IGNORECASE else known[ch]
        if flags & _sre.SRE_FLAG_IGNORECASE and ch.lower() != ch.upper():
            return None, None
        return frozenset({ch}), None
    if op is _sre.IN:  # a character class: only small sets of plain characters are used
        chars: set[str] = set()
        for iop, iav in av:
            if iop is _sre.LITERAL:
                chars.add(chr(iav))
            elif iop is _sre.RANGE and iav[1] - iav[0] < MAX_CLASS:
                chars.update(chr(c) for c in range(iav[0], iav[1] + 1))
            else:  # negation, \d, \w ...
                return None, None
        if len(chars) > MAX_CLASS or (flags & _sre.SRE_FLAG_IGNORECASE and any(c.lower() != c.upper() for c in chars)):
            return None, None
        return frozenset(chars), None
    if op is _sre.SUBPATTERN:
        _group, add, remove, sub = av
        return _sequence(sub.data, (flags | add) & ~remove, known)
    if op is _sre.BRANCH:
        infos = [_sequence(sub.data, flags, known) for sub in av[1]]
        exact = None
        if all(e is not None for e, _ in infos):
            union = frozenset().union(*(e for e, _ in infos))
            exact = union if len(union) <= MAX_STRINGS else None
        needs = [_need(info) for info in infos]
        return exact, (_minimal(frozenset().union(*needs)) if all(n is not None for n in needs) else None)
    if op in (_sre.MAX_REPEAT, _sre.MIN_REPEAT, getattr(_sre, "POSSESSIVE_REPEAT", None)):
        low, high, sub = av
        inner = _sequence(sub.data, flags, known)
        if low == 0:  # optional: only "x?" keeps its possible strings (with the empty one)
            return (inner[0] | {""}, None) if high == 1 and inner[0] is not None else (None, None)
        return inner if low == high == 1 else (None, _need(inner))
    if op in (_sre.AT, _sre.ASSERT, _sre.ASSERT_NOT):
        return frozenset({""}), None  # zero width: consumes nothing
    if op is getattr(_sre, "ATOMIC_GROUP", None):
        return _sequence(av.data, flags, known)
    return None, None  # any character, back-references, ...: could be anything


def _lexicon_info(forms, alternation: str):
    """(possible strings or None, required strings or None) of a lexicon's alternation: its forms when none
    has a space (a space matches any run of spaces, so such forms are analysed as the pattern they make)."""
    if any(" " in f for f in forms):
        return _pattern_info(alternation)
    return (frozenset(forms), None) if len(forms) <= MAX_STRINGS else (None, _minimal(forms))


def _pattern_info(pattern: str, flags: int = 0, known=None):
    """(possible strings or None, required strings or None) of a whole pattern; (None, None) on surprises."""
    try:
        parsed = _sre_parse.parse(pattern, flags)
        return _sequence(parsed.data, parsed.state.flags, known or {})
    except Exception:  # an unexpected parse tree: nothing is known (the rule then runs over the whole text)
        return None, None


def required_literals(pattern: str, flags: int = 0, known=None) -> frozenset | None:
    """Strings (case as written) one of which every match of `pattern` contains, or None when none are
    certain. Read off the parsed pattern: literal text, small character classes, alternations.
    `known` maps a character standing for a sub-pattern (a lexicon) to `_pattern_info` of that sub-pattern,
    so that shared lexicons are analysed once and the rules are parsed before their expansion."""
    found = _need(_pattern_info(pattern, flags, known))
    return found if found and "" not in found else None


def _bounded(source: str) -> str:
    """A rule's pattern as compiled: whole words only."""
    return r"(?<![\w])(?:" + source + r")(?![\w])"


def _rule_anchors(pattern: str, marker: dict[str, str], known: dict[str, tuple]) -> frozenset | None:
    """The anchors of a rule's pattern (before expansion: each %lexicon as its marker character)."""
    if any(ch in pattern for ch in known):  # a marker character written in the rule itself: play safe
        return None
    return required_literals(_bounded(_PLACEHOLDER.sub(lambda m: marker[m.group(1)], pattern)), 0, known)


def _anchor_index(rules) -> tuple:
    """(distinct anchor sets, the rules of each set, the scanner, what each scanned anchor stands for)."""
    sets: list[frozenset] = []
    rules_of: dict[int | None, list[int]] = {None: []}
    for i, rule in enumerate(rules):
        k = None
        if rule.anchors is not None:
            if rule.anchors not in sets:
                sets.append(rule.anchors)
            k = sets.index(rule.anchors)
        rules_of.setdefault(k, []).append(i)
    sets_of_string: dict[str, list[int]] = {}
    for k, strings in enumerate(sets):
        for a in strings:
            sets_of_string.setdefault(a, []).append(k)
    hits = {}
    for a in sets_of_string:
        best: dict[int, int] = {}  # set -> length of its longest string that starts the anchor
        for n in range(1, len(a) + 1):
            for k in sets_of_string.get(a[:n], ()):
                best[k] = n
        hits[a] = tuple(sorted(best.items()))
    words = f"({trie_regex(sets_of_string, space=' ')})"
    scan, consuming = (re.compile(f"(?={words})"), re.compile(words)) if sets else (None, None)
    return tuple(sets), {k: tuple(v) for k, v in rules_of.items()}, scan, hits, consuming


def _read_yaml(path: Path) -> dict:
    try:
        return load_yaml(path.read_text(encoding="utf-8")) or {}
    except (OSError, yaml.YAMLError) as exc:
        raise GrammarError(f"{path}: cannot read the grammar file: {exc}") from None


@lru_cache(maxsize=None)
def load_grammar(language: str = "en", data_dir: Path = DATA) -> Grammar | None:
    """Load and compile a language's grammar once; None when the language has no rules.

    Raises GrammarError naming the file, the rule and the problem when a data file is malformed.
    """
    folder = Path(data_dir) / language / "timex"
    if not (folder / "rules.yaml").exists():
        return None
    lex_raw = _read_yaml(folder / "lexicon.yaml")
    lexicons: dict[str, dict[str, str]] = {}
    alternations: dict[str, str] = {}
    marker: dict[str, str] = {}  # for the anchors, each lexicon stands as one private-use character in a rule
    known: dict[str, tuple] = {}  # ... whose strings are worked out once
    for name, spec in lex_raw.items():
        values = {str(k): str(v) for k, v in spec["values"].items()}
        lexicons[name] = {_key(k): v for k, v in values.items()}
        forms = _forms(values, bool(spec.get("cased")))
        alternations[name] = trie_regex(forms)
        marker[name] = chr(0xF0000 + len(marker))
        known[marker[name]] = _lexicon_info(forms, alternations[name])
    rules = []
    for raw in _read_yaml(folder / "rules.yaml")["rules"]:
        rid = raw.get("id", "?")

        def expand(m: re.Match) -> str:
            if m.group(1) not in alternations:
                raise GrammarError(f"{folder / 'rules.yaml'}: rule {rid}: unknown lexicon %{m.group(1)}")
            return alternations[m.group(1)]

        source = _PLACEHOLDER.sub(expand, raw["pattern"])
        try:
            regex = re.compile(_bounded(source))
        except re.error as exc:
            raise GrammarError(f"{folder / 'rules.yaml'}: rule {rid}: bad pattern: {exc}") from None
        needs = raw.get("needs")
        if needs is not None and needs not in NEED_CLASSES:
            raise GrammarError(f"{folder / 'rules.yaml'}: rule {rid}: needs {needs!r}, not one of {sorted(NEED_CLASSES)}")
        attach = {None: None, False: None, True: "sentence", "sentence": "sentence", "paragraph": "paragraph"}.get(
            raw.get("attach"), "bad")
        if attach == "bad":
            raise GrammarError(f"{folder / 'rules.yaml'}: rule {rid}: attach {raw.get('attach')!r}, not one of "
                               "true, sentence, paragraph")
        if raw.get("undated") not in (None, False, True) or (raw.get("undated") and not attach):
            raise GrammarError(f"{folder / 'rules.yaml'}: rule {rid}: undated {raw.get('undated')!r} needs attach and true/false")
        if raw.get("type") not in TYPES:
            raise GrammarError(f"{folder / 'rules.yaml'}: rule {rid}: type {raw.get('type')!r}, not one of {TYPES}")
        rules.append(Rule(rid, raw["type"], raw["pattern"], str(raw.get("value") or ""), str(raw.get("mod") or ""),
                          tuple(tuple(e) for e in raw.get("examples") or ()), regex, needs,
                          re.compile(raw["before"]) if raw.get("before") else None, _rule_anchors(raw["pattern"], marker, known),
                          attach, bool(raw.get("undated"))))
    classes = {name: re.compile(src.format(**alternations), re.IGNORECASE if name == "unit" else 0)
               for name, src in NEED_CLASSES.items()}
    tense = _read_yaml(folder / "tense.yaml")
    try:
        future, past = re.compile(tense["future"]), re.compile(tense["past"])
    except (KeyError, re.error) as exc:
        raise GrammarError(f"{folder / 'tense.yaml'}: needs 'future' and 'past' regular expressions: {exc}") from None
    try:
        bound = re.compile(tense["bound_joiners"]) if tense.get("bound_joiners") else None
        verbs = re.compile(tense["bound_verbs"]) if tense.get("bound_verbs") else None
    except re.error as exc:
        raise GrammarError(f"{folder / 'tense.yaml'}: bound_joiners or bound_verbs is not a regular expression: {exc}") from None
    return Grammar(language, lexicons, tuple(rules), alternations, classes, future, past, *_anchor_index(rules), bound=bound,
                   bound_verbs=verbs)
