"""The temporal grammar loaded from data: lexicons and rules of `pipeline/data/<lang>/timex/`, compiled once.

A rule is a regular expression (with %lexicon placeholders) plus a value template; `Grammar.matches`
returns every rule's matches as candidates, and `render` turns a match into a raw TIMEX3 value whose
DCT-dependent parts (`@...@` and the `KIND:...` forms) `timex_resolve` fills in later.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import yaml

DATA = Path(__file__).resolve().parent / "data"

# Lexicons whose words can head a temporal expression (with digits): the tagger scans only near them.
HEAD_LEXICONS = ("month", "weekday", "season", "unit", "ref_unit", "daypart", "ref", "day_offset", "frequency", "heads",
                 "holiday")
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


class GrammarError(ValueError):
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


def _key(text: str) -> str:
    """Normalise matched words for a lexicon look-up: lower case, no full stop, single spaces."""
    return " ".join(text.lower().replace(".", "").split())


@dataclass
class Grammar:
    language: str
    lexicons: dict[str, dict[str, str]]
    rules: tuple[Rule, ...]
    alternations: dict[str, str]  # lexicon name -> regex alternation of its words
    heads: frozenset  # lower-case words one of which (or a digit) every expression contains (lexicon.yaml `heads`)
    classes: dict[str, re.Pattern]  # head class -> regex, for rules' `needs`
    future: re.Pattern  # tense cues (tense.yaml)
    past: re.Pattern

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
    if "-" in t:
        parts = [grammar.lexicons["number"].get(p, "") for p in t.split("-")]
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
    "pad2": lambda _g, t: f"{int(t):02d}",
    "decade": _decade,
    "century": _century,
    "ord": _ord,
    "dayn": _dayn,
}


def _trie_regex(words) -> str:
    """A regex matching exactly `words`, factored by common prefixes so a failing position fails fast."""
    trie: dict = {}
    for w in words:
        node = trie
        for ch in w:
            node = node.setdefault(ch, {})
        node[""] = {}

    def build(node: dict) -> str:
        end = "" in node
        branches = []
        for ch in sorted(k for k in node if k):
            piece = r"\s+" if ch == " " else re.escape(ch)
            branches.append(piece + build(node[ch]))
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        if end:
            return "(?:" + body + ")?"
        return body

    # longest match first is kept: every branch is tried before the optional end
    return "(?:" + build(trie) + ")"


def _alternation(words, cased: bool) -> str:
    forms: set[str] = set()
    for w in words:
        forms.update((w, w.upper()) if cased else (w, w[:1].upper() + w[1:], w.upper()))
    return _trie_regex(forms)


def _read_yaml(path: Path) -> dict:
    try:
        return yaml.safe_load(path.read_text(encoding="utf-8")) or {}
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
    for name, spec in lex_raw.items():
        values = {str(k): str(v) for k, v in spec["values"].items()}
        lexicons[name] = {_key(k): v for k, v in values.items()}
        alternations[name] = _alternation(values, bool(spec.get("cased")))
    rules = []
    for raw in _read_yaml(folder / "rules.yaml")["rules"]:
        rid = raw.get("id", "?")

        def expand(m: re.Match) -> str:
            if m.group(1) not in alternations:
                raise GrammarError(f"{folder / 'rules.yaml'}: rule {rid}: unknown lexicon %{m.group(1)}")
            return alternations[m.group(1)]

        source = _PLACEHOLDER.sub(expand, raw["pattern"])
        try:
            regex = re.compile(r"(?<![\w])(?:" + source + r")(?![\w])")
        except re.error as exc:
            raise GrammarError(f"{folder / 'rules.yaml'}: rule {rid}: bad pattern: {exc}") from None
        needs = raw.get("needs")
        if needs is not None and needs not in NEED_CLASSES:
            raise GrammarError(f"{folder / 'rules.yaml'}: rule {rid}: needs {needs!r}, not one of {sorted(NEED_CLASSES)}")
        if raw.get("type") not in TYPES:
            raise GrammarError(f"{folder / 'rules.yaml'}: rule {rid}: type {raw.get('type')!r}, not one of {TYPES}")
        rules.append(Rule(rid, raw["type"], raw["pattern"], str(raw.get("value") or ""), str(raw.get("mod") or ""),
                          tuple(tuple(e) for e in raw.get("examples") or ()), regex, needs,
                          re.compile(raw["before"]) if raw.get("before") else None))
    heads = frozenset(w for n in HEAD_LEXICONS if n in lexicons for key in lexicons[n] for w in key.split())
    classes = {name: re.compile(src.format(**alternations), re.IGNORECASE if name == "unit" else 0)
               for name, src in NEED_CLASSES.items()}
    tense = _read_yaml(folder / "tense.yaml")
    try:
        future, past = re.compile(tense["future"]), re.compile(tense["past"])
    except (KeyError, re.error) as exc:
        raise GrammarError(f"{folder / 'tense.yaml'}: needs 'future' and 'past' regular expressions: {exc}") from None
    return Grammar(language, lexicons, tuple(rules), alternations, heads, classes, future, past)
