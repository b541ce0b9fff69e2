"""Event triggers: the PLOVER lexicon's words found in a text, and the small readings of a sentence the event
stage's parts share (a trigger used as a noun, quoted speech, coordinated actors, whose event a place names).

Split from `events` (issue 18) so the predicate reader (`predicates`) and the events stage share them.
"""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from functools import lru_cache

from ..config import DATA_DIR, load_yaml
from ..schema import Document, Mention, Sentence
from ..tries import trie_regex


@dataclass(frozen=True)
class Lexicon:
    """Compiled PLOVER triggers: (type, pattern) pairs, the reporting verbs and the fallback type.

    `opens` is where any trigger may begin (for the fast scan in `find_triggers`); `firsts` holds, per
    pattern (the types', then report's), the letters all its matches begin with, or None when not known;
    `heads` likewise a pattern of the letters its words' matches begin with (`_head`), or None.
    """

    types: tuple[tuple[str, re.Pattern], ...]
    report: re.Pattern
    fallback: str
    determiner: re.Pattern = re.compile(r"(?!x)x")
    clause_stop: re.Pattern = re.compile(r"(?!x)x")
    connective: re.Pattern = re.compile(r"(?!x)x")
    trailing: re.Pattern = re.compile(r"(?!x)x")
    opens: re.Pattern | None = None
    firsts: tuple[re.Pattern | None, ...] = ()
    # first character -> (index, name, pattern) of the patterns a match may begin with it, filled as met
    starting: dict = field(default_factory=dict, compare=False, repr=False)
    heads: tuple[re.Pattern | None, ...] = ()
    # the text's OPENING_LETTERS characters at a position -> the same as `starting`, narrowed by `heads`
    starting_with: dict = field(default_factory=dict, compare=False, repr=False)
    words: tuple[tuple[str, ...], ...] = ()  # each pattern's word regexes, in its alternation's order
    # (pattern index, lower-case ASCII letter) -> the pattern of only its words a match beginning with it may be of
    narrow: dict = field(default_factory=dict, compare=False, repr=False)

    def kinds_at(self, chars: str) -> list[tuple[int, str, re.Pattern]]:
        """The patterns a match beginning with `chars` (OPENING_LETTERS characters of the text, fewer at its
        end) may belong to: `kinds_starting`, less those none of whose words' heads begin `chars`; each
        narrowed to the words a match beginning with `chars[0]` may be of (`narrowed`)."""
        kinds = self.starting_with.get(chars)
        if kinds is None:
            heads = self.heads if len(self.heads) == len(self.firsts) else ()
            kinds = [(k[0], k[1], self.narrowed(k[0], k[2], chars[:1])) for k in self.kinds_starting(chars[:1])
                     if not heads or heads[k[0]] is None or heads[k[0]].match(chars)]
            if len(self.starting_with) >= 100_000:  # (bounded: a key is a few characters of some text)
                self.starting_with.clear()
            self.starting_with[chars] = kinds
        return kinds

    def narrowed(self, i: int, pat: re.Pattern, ch: str) -> re.Pattern:
        """Pattern i less the words no match beginning with the character `ch` can be of (their first letter
        is another one, case aside): the alternation tries a handful of words at a place instead of all of
        them, in the same order, so it finds the same match (build cost). The whole pattern when `ch` is not
        an ASCII letter (re's case folding of others is wider) or the words are not known."""
        if len(self.words) != len(self.firsts) or not (ch.isascii() and ch.isalpha()):
            return pat
        key = (i, ch.lower())
        got = self.narrow.get(key)
        if got is None:
            words = self.words[i]
            # a word stays unless every alternative of it surely begins with another ASCII letter
            # (each word's first letters read once per pattern, not once per letter: build cost, issue 18)
            starts = self.narrow.get((i, None))
            if starts is None:
                starts = self.narrow[(i, None)] = [_word_starts(w) for w in words]
            keep = [w for w, firsts in zip(words, starts) if firsts is None or key[1] in firsts]
            got = self.narrow[key] = pat if len(keep) == len(words) else _alternation(keep) if keep else re.compile(r"(?!x)x")
        return got

    def kinds_starting(self, ch: str) -> list[tuple[int, str, re.Pattern]]:
        """The patterns (types', then report's) a match beginning with character `ch` may belong to."""
        kinds = self.starting.get(ch)
        if kinds is None:
            every = [*self.types, ("REPORT", self.report)]
            kinds = self.starting[ch] = [(i, name, pat) for i, (name, pat) in enumerate(every)
                                         if self.firsts[i] is None or self.firsts[i].match(ch)]
        return kinds


_BOUNDARY_BEFORE, _BOUNDARY_AFTER = r"(?<![\w-])", r"(?![\w-])"


def _alternation(words) -> re.Pattern:
    """The trigger pattern of word regexes, in the order given (an alternation takes the first that matches)."""
    return re.compile(_BOUNDARY_BEFORE + "(?:" + "|".join(f"(?:{w})" for w in words) + ")" + _BOUNDARY_AFTER, re.IGNORECASE)


def _word_starts(word: str) -> frozenset[str] | None:
    """The lower-case ASCII letters every match of the trigger regex `word` begins with one of; None when some
    alternative of it may begin otherwise (`Lexicon.narrowed` keeps such a word for every letter)."""
    firsts = [_first_letter(x) for x in _alternatives(word)]
    if any(first is None or not first.isascii() for first in firsts):
        return None
    return frozenset(first.lower() for first in firsts)


def _first_letter(word: str) -> str | None:
    """The letter every match of the trigger regex `word` begins with, or None when that is not plain to see."""
    if not re.match(r"[^\W\d_](?![?*+{])", word):
        return None
    bare = re.sub(r"\[[^\]]*\]", "", re.sub(r"\\.", "", word))  # escapes, then character classes, removed
    depth = 0
    for ch in bare:
        if ch in "[]" or (ch == "|" and depth == 0):
            return None  # an odd class, or a top-level alternative that may start elsewhere
        depth += (ch == "(") - (ch == ")")
    return word[0]


OPENING_LETTERS = 5  # a trigger's opening: its first letters, when every match of it begins with them


def _opening(word: str) -> str:
    """The letters every match of the trigger regex `word` begins with (its first OPENING_LETTERS, or all of a
    shorter word of letters only), when that is plain to see; else the word itself. Where the word matches,
    its opening does: `opens` may then match a few places more, never fewer (the patterns decide there)."""
    head = re.match(r"[^\W\d_]{1,%d}" % OPENING_LETTERS, word)
    if head is None or _first_letter(word) is None:
        return word
    n = head.end()
    if n == len(word):
        return word  # letters only: the word is its own opening
    if n < OPENING_LETTERS or word[n] in "?*+{":
        return word  # (shorter, or its last letter may be left out or repeated: the word decides)
    return word[:n]


def _head(word: str) -> str | None:
    """The letters (at most OPENING_LETTERS) every match of the trigger regex `word` begins with, or None when
    that is not plain to see: letters each followed by a letter, or by something other than a quantifier."""
    head = re.match(r"[^\W\d_]{1,%d}" % OPENING_LETTERS, word)
    if head is None or _first_letter(word) is None:
        return None
    n = head.end()
    if n < len(word) and word[n] in "?*+{":
        n -= 1  # its last letter may be left out or repeated
    return word[:n] or None


def _top_level(word: str) -> list[str] | None:
    """The word cut at its top-level "|" (not inside a group, not escaped); None when it has a character class."""
    if "[" in word:
        return None
    parts, depth, last, i = [], 0, 0, 0
    while i < len(word):
        ch = word[i]
        if ch == "\\":
            i += 2
            continue
        depth += (ch == "(") - (ch == ")")
        if ch == "|" and depth == 0:
            parts.append(word[last:i])
            last = i + 1
        i += 1
    return parts + [word[last:]]


def _alternatives(word: str) -> list[str]:
    """Regexes every match of the trigger regex `word` is a match of one of (for reading first letters only,
    never compiled): its top-level alternatives, and a leading group of alternatives spelt out
    ("(air|drone) ?strikes?" -> "air ?strikes?", "drone ?strikes?"); else the word itself."""
    parts = _top_level(word)
    if parts is None:
        return [word]
    if len(parts) > 1:
        return [x for part in parts for x in _alternatives(part)]
    if word.startswith("(") and not word.startswith("(?"):
        depth, i = 0, 0
        while i < len(word):  # the leading group's closing bracket
            if word[i] == "\\":
                i += 2
                continue
            depth += (word[i] == "(") - (word[i] == ")")
            if depth == 0:
                break
            i += 1
        if i < len(word) and (i + 1 == len(word) or word[i + 1] not in "?*+{"):  # (the group is not optional)
            return [x for alt in _top_level(word[1:i]) or [] for x in _alternatives(alt + word[i + 1 :])] or [word]
    return [word]


def _heads(word_lists) -> tuple[re.Pattern | None, ...]:
    """Per list, a pattern matching the head (`_head`) of each of its words (of each of their `_alternatives`),
    IGNORECASE as the triggers (a text character matches one pattern character, never two); None when a
    word's head is not known."""
    out = []
    for words in word_lists:
        heads = [_head(x) for w in words for x in _alternatives(w)]
        known = bool(heads) and all(heads)
        out.append(re.compile("|".join(re.escape(h) for h in sorted(set(heads), key=len)), re.IGNORECASE) if known else None)
    return tuple(out)


_LETTERS = re.compile(r"[^\W\d_]+")
HEAD_MIN = 3  # letters: a shorter head ("se" of "se(n|t)d") would open too many places; its word stands for itself


def _openings(word_lists) -> tuple[re.Pattern, tuple[re.Pattern | None, ...]]:
    """One pattern matching (empty) wherever a trigger of any list may begin, and each list's first letters.

    The words are grouped by first letter behind a one-character look-ahead, so the regex engine tries
    a handful of words at each word start instead of all of them; and each word stands for its opening
    letters (`_opening`): "agreed", "agreement", "agrees" are the one "agree" here, or for the heads of its
    alternatives when all are known (`_head`: "meet(s|ing)?" is "meet", "(air|drone) ?strikes?" "air" and
    "drone"); the letters-only ones in a trie (`tries.trie_regex`).
    """
    groups: dict[str, list[str]] = {}
    firsts = []
    for words in word_lists:
        for w in words:
            heads = [_head(x) for x in _alternatives(w)]
            if not _LETTERS.fullmatch(_opening(w)) and heads and all(h and len(h) >= HEAD_MIN for h in heads):
                # every match of w begins with one of them: they stand for it
                for h in heads:
                    groups.setdefault(h[0].lower(), []).append(h)
            else:
                c = _first_letter(w)
                groups.setdefault(c.lower() if c else "", []).append(_opening(w))
        letters = [_first_letter(x) for w in words for x in _alternatives(w)]  # ("occupy|seized": o, s)
        known = all(letters) and letters
        firsts.append(re.compile("[" + re.escape("".join(sorted(set(letters)))) + "]", re.I) if known else None)
    alternatives, guarded = [], []
    for key, words in groups.items():
        guard = "[" + re.escape("".join(sorted({w[0] for w in words}))) + "]" if key else ""
        words = list(dict.fromkeys(words))  # (order kept: only whether one matches counts)
        plain = [w for w in words if _LETTERS.fullmatch(w)]
        # the openings of letters only as a trie: the engine follows one branch instead of trying each word
        body = "|".join(([trie_regex(plain, prefixes=True)] if plain else []) + [f"(?:{w})" for w in words if w not in plain])
        alternatives.append(f"(?={guard})(?:{body})" if guard else f"(?:{body})")
        # (a group of no one first letter: its words' alternatives' first letters, when all are known)
        known = guard or (lambda f: "[" + re.escape("".join(sorted(f))) + "]" if f and None not in f else "")(
            {_first_letter(x) for w in words for x in _alternatives(w)})
        guarded.append((known, body))
    if not alternatives:
        return re.compile(r"(?!x)x"), tuple(firsts)
    return _fast_opens(guarded) or re.compile(_BOUNDARY_BEFORE + "(?=" + "|".join(alternatives) + ")", re.IGNORECASE), tuple(firsts)


def _fast_opens(guarded: list[tuple[str, str]]) -> re.Pattern | None:
    """`opens` written so that `re` skips in C the characters no trigger begins with, and tries each group's
    words only after its first letter (build cost): a match is then that first character (where the empty
    look-ahead matched before: the same places). Each group's guard, a case-insensitive class, becomes the
    case-sensitive class of every character it matches (BMP: no other character folds to a letter). None
    when a group has no guard (its words may begin anywhere)."""
    if not guarded or any(not guard for guard, _body in guarded):
        return None
    letters = re.compile("[" + "".join(guard[1:-1] for guard, _body in guarded) + "]", re.IGNORECASE)
    folding = [chr(c) for c in range(0x10000) if letters.match(chr(c))]  # every character some guard matches
    branches, every = [], set()
    for guard, body in guarded:
        own = re.compile(guard, re.IGNORECASE)
        chars = "".join(c for c in folding if own.match(c))
        every.update(chars)
        # the group's first character consumed (a case-sensitive class: a fast test in the branch), its words
        # then read from that character on, looking back one
        branches.append("(?-i:[" + re.escape(chars) + "])(?<=(?=(?:" + body + "))(?s:.))")
    first = "(?-i:[" + re.escape("".join(sorted(every))) + "])"
    return re.compile(first + "(?<=" + _BOUNDARY_BEFORE + "(?=" + "|".join(branches) + ")(?s:.))", re.IGNORECASE)


@lru_cache(maxsize=4)
def load_lexicon(path: str | None = None) -> Lexicon:
    """Load the event-verb lexicon (default: the packaged plover.yaml)."""
    with open(path or DATA_DIR / "lexicon" / "plover.yaml", encoding="utf-8") as fh:
        data = load_yaml(fh)

    def ordered(words) -> tuple[str, ...]:
        # longer patterns first: an alternation takes the first that matches, and "deal was struck" must beat "deals?"
        return tuple(sorted(words, key=len, reverse=True))

    def comp(words) -> re.Pattern:
        return _alternation(ordered(words))

    def words(key) -> re.Pattern:
        items = sorted((str(w) for w in grammar.get(key, [])), key=len, reverse=True)
        return re.compile(r"^(?:" + "|".join(re.escape(w) for w in items) + r")$", re.IGNORECASE) if items else re.compile(r"(?!x)x")

    types = tuple((name, comp(words)) for name, words in data["types"].items())
    grammar = data.get("grammar") or {}
    word_lists = [[str(w) for w in ws] for ws in [*data["types"].values(), data["report"]]]
    opens, firsts = _openings(word_lists)
    return Lexicon(types, comp(data["report"]), str(data.get("fallback", "OTHER")),
                   words("determiners"), words("clause_stops"), words("connectives"), words("trailing"), opens, firsts,
                   heads=_heads(word_lists), words=tuple(ordered(w) for w in [*data["types"].values(), data["report"]]))


def _scan_triggers(text: str, start: int, end: int, lex: Lexicon) -> list[tuple[int, int, str]]:
    """Every pattern's matches in text[start:end] as (start, end, type), one `finditer` per pattern."""
    found = [(m.start(), m.end(), name) for name, pat in lex.types for m in pat.finditer(text, start, end)]
    return found + [(m.start(), m.end(), "REPORT") for m in lex.report.finditer(text, start, end)]


def _opening_triggers(text: str, start: int, end: int, lex: Lexicon) -> list[tuple[int, int, str]] | None:
    """What `_scan_triggers` finds, found by matching each pattern only where `lex.opens` says a trigger may begin.

    Each pattern goes on after its last match, as `finditer` does. None when a pattern matched the empty
    string (which `finditer` steps over differently): then the caller scans.
    """
    if lex.opens is None or len(lex.firsts) != len(lex.types) + 1:
        return None
    resume = [0] * len(lex.firsts)  # where each pattern's next match may begin
    found = []
    known, kinds_at = lex.starting_with, lex.kinds_at
    for opening in lex.opens.finditer(text, start, end):
        pos = opening.start()
        chars = text[pos : pos + OPENING_LETTERS]
        kinds = known.get(chars)
        for i, name, pat in kinds if kinds is not None else kinds_at(chars):
            if pos < resume[i]:
                continue
            m = pat.match(text, pos, end)
            if m:
                if m.end() == pos:
                    return None
                found.append((pos, m.end(), name))
                resume[i] = m.end()
    return found


def find_triggers(text: str, start: int, end: int, lexicon: Lexicon | None = None) -> list[tuple[int, int, str]]:
    """Event-verb matches in text[start:end] as (start, end, type); reporting verbs have type REPORT."""
    lex = lexicon or load_lexicon()
    found = _opening_triggers(text, start, end, lex)
    if found is None:
        found = _scan_triggers(text, start, end, lex)
    # A match inside a longer one is part of it ("back" in "pulling back", "called" in "called for").
    found.sort(key=lambda tr: (tr[0], -tr[1]))
    kept: list[tuple[int, int, str]] = []
    for tr in found:
        if any(k[0] <= tr[0] and tr[1] <= k[1] and (k[1] - k[0]) > (tr[1] - tr[0]) for k in kept[-8:]):
            continue
        kept.append(tr)
    return sorted(kept)


_PHRASE_BREAK = re.compile(r"[,;:()“”\"«».!?]")
_PHRASE_WORD = re.compile(r"[\w'’-]+")
_COMPOUND_MODIFIER = re.compile(r"[A-Z][\w]*-[a-z]+")


@lru_cache(maxsize=8192)
def _is_trigger_word(word: str) -> bool:
    """Whether a whole word is an event trigger of some type ("ceasefire" in "a ceasefire deal")."""
    lex = load_lexicon()
    types = len(lex.types)
    if len(lex.firsts) != types + 1:
        return any(pat.fullmatch(word) for _, pat in lex.types)
    # only the types whose words may begin as this one does (`Lexicon.kinds_at`)
    return any(pat.fullmatch(word) for i, _name, pat in lex.kinds_at(word[:OPENING_LETTERS]) if i < types)


@lru_cache(maxsize=8192)  # asked again for the same trigger by find_events, choose_trigger and make_headline
def _is_nominal(text: str, start: int, depth: int = 0) -> bool:
    """A trigger used as a noun: a determiner among the two words before it, in its phrase, or a noun
    trigger right before it ("a ceasefire deal", "a Russia-brokered ceasefire deal")."""
    phrase = _PHRASE_BREAK.split(text[max(0, start - 50) : start])[-1]
    before = list(_PHRASE_WORD.finditer(phrase))[-2:]
    det = load_lexicon().determiner
    if any(det.match(w.group().strip("'’")) for w in before):
        return True
    if before and before[-1].group().endswith(("'s", "’s")) and before[-1].end() == len(phrase.rstrip()):
        return True  # issue 18 round 4: after a possessive, a noun or an adjective ("Algeria's banned Islamic Salvation Front")
    if before and depth < 2:
        prev = before[-1]
        pos = start - len(phrase) + prev.start()
        if _is_trigger_word(prev.group()):
            return _is_nominal(text, pos, depth + 1)
        if len(before) == 2 and _COMPOUND_MODIFIER.fullmatch(prev.group()):  # "a Russia-brokered deal"
            return bool(det.match(before[0].group().strip("'’")))
    return False


_QUOTED = re.compile(r"“[^”]*”?|\"[^\"]*\"?|«[^»]*»?")


_QUOTE_SPANS: dict = {}  # (start, end) -> the quoted spans of text[start:end], for the text of "text"


def _outside_quotes(doc: Document, s: Sentence, items: list, pos=lambda x: x[0]) -> list:
    """Items (triggers, mentions) outside quoted speech, when any are; else all of them."""
    if _QUOTE_SPANS.get("text") is not doc.text:  # a sentence's quotes are asked for four times or more
        _QUOTE_SPANS.clear()
        _QUOTE_SPANS["text"] = doc.text
    spans = _QUOTE_SPANS.get((s.start, s.end))
    if spans is None:
        spans = _QUOTE_SPANS[(s.start, s.end)] = [m.span() for m in _QUOTED.finditer(doc.text, s.start, s.end)]
    if not spans:
        return list(items)  # (what the filter below gives with no quote: every item, in a new list)
    outside = [x for x in items if not any(a <= pos(x) < b for a, b in spans)]
    return outside or items


_COORDINATION_GAP = re.compile(r"\s*(?:(?:,|and|et|&)\s*)?(?:[A-Z][\w.-]*\s+){0,4}")


def _group_at(doc: Document, actors: list[Mention], i: int) -> list[Mention]:
    """The mention at index i with the ones coordinated with it ("Azerbaijan and Armenia")."""
    group = [actors[i]]
    for m in actors[i + 1 :]:
        if _COORDINATION_GAP.fullmatch(doc.text[group[-1].end : m.start]) or not doc.text[group[-1].end : m.start].strip():
            group.append(m)
        else:
            break
    if any(m.kind == "person" for m in group):  # "Turkish President X": the demonym only qualifies X
        group = [m for m in group if m.kind == "person"]
    return group


def _owner(m: Mention) -> str:
    """Whose event a place names: its country's short name (ISO 3166), else the place itself."""
    if m.kind == "location" and m.country:
        import pycountry

        c = pycountry.countries.get(alpha_3=m.country)
        if c is not None:
            return getattr(c, "common_name", None) or c.name
    return m.name


_SPAN_INDEX: dict = {}  # id(list) -> (the list, its length, starts in order, indices by start, running max of ends)


def _span_index(items: list) -> tuple:
    """A start-ordered index of a list of spans (mentions, timexes), kept while the list is unchanged: the
    per-sentence look-ups of a long article then cost a bisection, not a scan of the article's items."""
    idx = _SPAN_INDEX.get(id(items))
    if idx is None or idx[0] is not items or idx[1] != len(items):
        order = sorted(range(len(items)), key=lambda k: items[k].start)
        ends, top = [], -1
        for k in order:
            top = max(top, items[k].end)
            ends.append(top)
        if len(_SPAN_INDEX) >= 8:
            _SPAN_INDEX.clear()
        idx = _SPAN_INDEX[id(items)] = (items, len(items), [items[k].start for k in order], order, ends)
    return idx


def within(items: list, start: int, end: int) -> list:
    """The items lying inside [start, end] (start <= item.start, item.end <= end), in the list's order."""
    _items, _n, starts, order, _ends = _span_index(items)
    lo, hi = bisect.bisect_left(starts, start), bisect.bisect_right(starts, end)
    return [items[k] for k in sorted(order[lo:hi]) if items[k].end <= end]


def overlaps_any(items: list, start: int, end: int) -> bool:
    """Whether an item overlaps text[start:end] (item.start < end and start < item.end)."""
    _items, _n, starts, _order, ends = _span_index(items)
    hi = bisect.bisect_left(starts, end)
    return hi > 0 and ends[hi - 1] > start


def _unique(items):
    """The non-empty items, each once, in the order first met."""
    return list(dict.fromkeys(filter(None, items)))


__all__ = ["Lexicon", "load_lexicon", "find_triggers"]
