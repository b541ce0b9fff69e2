"""Sentence splitting with character offsets (pysbd), inside each block so sections carry over."""
from __future__ import annotations

import re
from functools import lru_cache

from ..schema import Document, Sentence
from ..timex import text_language

NEEDS: tuple[str, ...] = ('text', 'blocks', 'language')
SETS: tuple[str, ...] = ('sentences',)


# Besides a language's sentence punctuation, pysbd only splits at line breaks and list markers.
_ALSO_SPLITS = set(".)•⁃\r\n\u2028\u2029\x0b\x0c\x1c\x1d\x1e\x85")
_QUOTES = frozenset("\"'“”‘’«»„‚‹›()[]{}")


_PATTERNS: dict[str, re.Pattern] = {}


def _apply_compiled(text, *rules):
    """pysbd's `Text.apply` (each rule's `re.sub` in turn) with each pattern compiled once: `re.sub` looks the
    pattern up in re's cache at every call, ~500 calls an article."""
    for rule in rules:
        pattern = _PATTERNS.get(rule.pattern)
        if pattern is None:
            pattern = _PATTERNS[rule.pattern] = re.compile(rule.pattern)
        text = pattern.sub(rule.replacement, text)
    return text


@lru_cache(maxsize=4)
def _segmenter(language: str):
    import pysbd
    import pysbd.utils

    pysbd.utils.Text.apply = _apply_compiled  # same results (tests/test_sentences.py), fewer look-ups
    try:
        segmenter = pysbd.Segmenter(language=language, clean=False, char_span=True)
    except (ValueError, KeyError):
        segmenter = pysbd.Segmenter(language="en", clean=False, char_span=True)
    segmenter.language_module = _with_fast_processor(_with_fast_abbreviations(segmenter.language_module))
    return segmenter


def _abbreviation_finder(abbreviations: list[str]):
    """A function giving, in list order, the abbreviations pysbd must try on a line (from its case-folded text).

    A plain abbreviation (letters) only matters where "abbr." occurs, so those are found by looking up the
    words ending before each period; the others (with dots or spaces inside) are always tried.
    """
    plain: dict[str, list[int]] = {}
    always: list[int] = []
    for i, abbr in enumerate(abbreviations):
        stripped = abbr.strip()
        if stripped and re.escape(stripped) == stripped:
            plain.setdefault(stripped, []).append(i)
        else:
            always.append(i)
    longest = max(map(len, plain), default=0)

    def to_try(folded: str) -> list[str]:
        found = set(always)
        dot = folded.find(".")
        while dot >= 0:
            for n in range(1, min(longest, dot) + 1):
                found.update(plain.get(folded[dot - n : dot], ()))
            dot = folded.find(".", dot + 1)
        return [abbreviations[i] for i in sorted(found)]

    return to_try


def _with_fast_abbreviations(lang):
    """The pysbd language `lang` with an abbreviation pass that skips abbreviations it would leave alone.

    pysbd runs two regexes per abbreviation found anywhere in a line ("al" in "also"), then a `re.sub`
    per occurrence, though each sub only rewrites the abbreviation followed by a period. An abbreviation
    (plain letters) never followed by a period in the line changes nothing, so it is skipped: same text,
    same sentences, much less time (half of pysbd's). Languages with their own pass keep it.
    """
    from pysbd.abbreviation_replacer import AbbreviationReplacer as Base

    replacer = getattr(lang, "AbbreviationReplacer", Base)
    if replacer.search_for_abbreviations_in_string is not Base.search_for_abbreviations_in_string:
        return lang
    to_try = _abbreviation_finder(list(lang.Abbreviation.ABBREVIATIONS))

    class FastAbbreviationReplacer(replacer):
        def search_for_abbreviations_in_string(self, text):
            # pysbd 0.3.4's loop (MIT licence) over the abbreviations `to_try` keeps (marked below).
            lowered = text.lower()
            # Every case-insensitive variant of a plain abbreviation folds back to it here (the regexes use
            # re.IGNORECASE, which also matches the Kelvin sign, long s and dotted/dotless i).
            folded = text.casefold().replace("\u0307", "").replace("ı", "i")
            for abbr in to_try(folded):  # changed: no "abbr." in the line, so no replacement below can apply
                stripped = abbr.strip()
                if stripped not in lowered:
                    continue
                abbrev_match = re.findall(r"(?:^|\s|\r|\n){}".format(stripped), text, flags=re.IGNORECASE)
                if not abbrev_match:
                    continue
                next_word_start = r"(?<={" + str(re.escape(stripped)) + "} ).{1}"
                char_array = re.findall(next_word_start, text)
                for ind, match in enumerate(abbrev_match):
                    text = self.scan_for_replacements(text, match, ind, char_array)
            return text

        def replace_abbreviation_as_sentence_boundary(self):
            if "∯" not in self.text:  # its regex (built afresh on every call) needs an abbreviation's "∯"
                return self.text
            return super().replace_abbreviation_as_sentence_boundary()

    return type(lang.__name__, (lang,), {"AbbreviationReplacer": FastAbbreviationReplacer})


# What pysbd's list-item pass looks for: a ")" (numbered or lettered items in brackets), one or two digits
# or a lone lower-case letter before a period, or its own markers. A text without any is left as it is.
_LIST_HINT = re.compile(r"[)♨☝]|(?:^|[\s\-⁃])\d{1,2}\.|(?:^|\s)[a-z]\.")
# Between-punctuation rules all start at one of these (or "--"); a segment without any is left as it is.
_BETWEEN_OPENERS = frozenset("'‘\"[(«“")


def _with_fast_processor(lang):
    """The pysbd language `lang` with a processor that skips the list-item and between-punctuation passes
    on texts where they cannot match (most paragraphs). Languages with their own processor keep it."""
    from pysbd.lists_item_replacer import ListItemReplacer
    from pysbd.processor import Processor
    from pysbd.utils import Text

    if hasattr(lang, "Processor"):
        return lang
    own_between = hasattr(lang, "BetweenPunctuation")

    class FastProcessor(Processor):
        def process(self):
            # pysbd 0.3.4's Processor.process (MIT licence), with the list pass behind `_LIST_HINT`.
            if not self.text:
                return self.text
            self.text = self.text.replace("\n", "\r")
            if _LIST_HINT.search(self.text):
                self.text = ListItemReplacer(self.text).add_line_break()
            self.replace_abbreviations()
            self.replace_numbers()
            self.replace_continuous_punctuation()
            self.replace_periods_before_numeric_references()
            self.text = Text(self.text).apply(
                self.lang.Abbreviation.WithMultiplePeriodsAndEmailRule, self.lang.GeoLocationRule, self.lang.FileFormatRule)
            return self.split_into_segments()

        def between_punctuation(self, txt):
            if not own_between and _BETWEEN_OPENERS.isdisjoint(txt) and "--" not in txt:
                return txt
            return super().between_punctuation(txt)

    return type(lang.__name__, (lang,), {"Processor": FastProcessor})


@lru_cache(maxsize=4)
def _split_chars(language: str) -> frozenset:
    """Characters at which pysbd may end a sentence in `language` (a text without any is one sentence)."""
    return frozenset(_ALSO_SPLITS | set(getattr(_segmenter(language).language_module, "Punctuations", ())))


@lru_cache(maxsize=4)
def _placeholders(language: str) -> frozenset:
    """The symbols pysbd writes into a text while it works and turns back into punctuation at the end
    ("∯" for a period that ends no sentence, "ƪƪƪ" for an ellipsis ...): a text holding one is left to pysbd."""
    lang = _segmenter(language).language_module
    rules = [*lang.SubSymbolsRules.All, *lang.ReinsertEllipsisRules.All, lang.SubSingleQuoteRule]
    return frozenset(c for rule in rules for c in rule.pattern if not c.isascii()) | frozenset("♨☝∯")


def _one_sentence(chunk: str, language: str) -> bool:
    """True when pysbd could only return `chunk` whole: no split character, or one final stop alone."""
    if not _placeholders(language).isdisjoint(chunk):
        return False
    split = _split_chars(language)
    if split.isdisjoint(chunk):
        return True
    end = chunk.rstrip()
    if not end or end[-1] not in _stops(language) or not _QUOTES.isdisjoint(chunk):
        return False  # pysbd also splits around quotes and brackets: leave those to it
    return sum(chunk.count(c) for c in split if c in chunk) == 1


@lru_cache(maxsize=4)
def _stops(language: str) -> frozenset:
    return frozenset(getattr(_segmenter(language).language_module, "Punctuations", ()))


def _pysbd_spans(segmenter, text: str) -> list[tuple[int, int]]:
    """pysbd's sentences of `text` with the offsets `segment(char_span=True)` gives, found without regexes.

    pysbd locates each sentence with a fresh `re.finditer(escape(sentence) + r"\\s*")`, compiling one
    pattern per sentence (a fifth of its time); `str.find` from the same positions gives the same spans.
    """
    spans: list[tuple[int, int]] = []
    prior_end = 0
    n = len(text)
    for sent in segmenter.processor(text).process():
        if not sent:
            continue
        pos = 0
        while (i := text.find(sent, pos)) >= 0:
            e = i + len(sent)
            while e < n and text[e].isspace():
                e += 1
            if e > prior_end:
                spans.append((i, e))
                prior_end = e
                break
            pos = e
    return spans


# A plain English paragraph for `_plain_sentences`: letters, digits, single spaces, a few marks that no
# pysbd rule reads, apostrophes inside words, periods (checked one by one there), and double quotes and
# round brackets (paired and checked there).
_PLAIN_CHARS = re.compile(r"(?:[^\W_]|[,;:%/–—\-\"“”()]|(?<=\S) (?=\S)|(?<=[^\W\d_])['’](?=[^\W\d_])|\.)+")
# A word before a period: letters or digits, never an initial ("B.") or a lone list letter ("a."). A word of
# other letters than a-z needs one that no case-insensitive regex of pysbd's takes for an ASCII letter.
_PLAIN_WORD = re.compile(r"[A-Za-z]{2,}|[0-9]+|(?=[^\W\d_]*[^\x00-\x7fİıſK])[^\W\d_]{2,}")
_GROUP_MARKS = re.compile(r"[\"“”()]")
_DASHES = re.compile(r"[-–—]")
_OPENERS = {'"': '"', "“": "”", "(": ")"}
_CLOSERS = '"”)'


@lru_cache(maxsize=4)
def _abbreviations(language: str) -> frozenset:
    """pysbd's abbreviations for `language`, lower case (a word before a period that pysbd may not split at)."""
    abbr = _segmenter(language).language_module.Abbreviation
    words = [*abbr.ABBREVIATIONS, *abbr.PREPOSITIVE_ABBREVIATIONS, *abbr.NUMBER_ABBREVIATIONS]
    return frozenset(w.strip().lower() for w in words)


@lru_cache(maxsize=1)
def _pysbd_en_rules() -> dict:
    """The pysbd patterns (English) that a plain paragraph with quotes, brackets or short numbers may still meet;
    any match sends the paragraph to pysbd. Each is only searched where it can match (`_plain_sentences`).

    "marks": a bracket between quotes, a quote after end punctuation or a dash, a Roman numeral in brackets
    (all need a quote or bracket); "co": "Co. KG"; "start": a number opening the paragraph ("1. "); "reference":
    a period before a reference number ("attack.12 The", needs a period before a digit); "listed": a numbered
    list item ("3. ", "3.)": a digit before a period); "bracket_items", "bracket_letters": numbered or lettered
    list items in brackets (need ")"), `letters` the letters pysbd takes for list items.
    """
    from pysbd.lang.english import English
    from pysbd.lists_item_replacer import ListItemReplacer as L

    def one(*patterns):
        return re.compile("|".join(f"(?:{p})" for p in patterns))

    return {"marks": one(English.PARENS_BETWEEN_DOUBLE_QUOTES_REGEX, English.QUOTATION_AT_END_OF_SENTENCE_REGEX,
                         L.ROMAN_NUMERALS_IN_PARENTHESES),
            "co": one(English.KommanditgesellschaftRule.pattern),
            "start": one(English.Numbers.StartLineNumberPeriodRule.pattern,
                         English.Numbers.StartLineTwoDigitNumberPeriodRule.pattern),
            "reference": one(English.NUMBERED_REFERENCE_REGEX),
            "listed": re.compile(L.NUMBERED_LIST_REGEX_1), "bracket_items": re.compile(L.NUMBERED_LIST_PARENS_REGEX),
            "bracket_letters": re.compile(L.ALPHABETICAL_LIST_WITH_PARENS),
            "letters": frozenset(L.LATIN_NUMERALS) | frozenset(L.ROMAN_NUMERALS)}


def _a_list(numbers: list[str]) -> bool:
    """pysbd's `scan_lists` rewrites list items when two found in a row count on (3, 4) or wrap (9, 0 / 0, 9)."""
    items = [int(n) for n in numbers]
    return any(b == a + 1 or {a, b} == {0, 9} for a, b in zip(items, items[1:]))


def _paired_marks(chunk: str, marks: list[int]) -> list[int]:
    """`marks` (offsets of quotes and brackets) less those no pysbd pattern can pair: a "“" or "(" with no
    closing mark after it, a "”" or ")" with no opening mark before it, the last '"' of an odd number (pysbd
    pairs straight quotes in order)."""
    lone = set()
    for opening, closing in (("“", "”"), ("(", ")")):
        last_close, first_open = chunk.rfind(closing), chunk.find(opening)
        lone.update(p for p in marks if chunk[p] == opening and p > last_close
                    or chunk[p] == closing and (first_open < 0 or p < first_open))
    if chunk.count('"') % 2:
        lone.add(chunk.rfind('"'))
    return [p for p in marks if p not in lone] if lone else marks


def _plain_sentences(chunk: str, language: str) -> list[tuple[int, int]] | None:
    """pysbd's sentences of a plain English paragraph, found without it; None when the paragraph is not plain.

    Plain: no single quote, square bracket, list marker, "!", "?", "--", ellipsis or double space; double quotes
    and round brackets paired (but for `_paired_marks`' lone ones), never nested, with something inside; every
    period before a digit is a decimal or date point (pysbd's `PeriodBeforeNumberRule`); every other period
    ends a word or a number that is not an
    abbreviation and is followed by the end, " " and a word or an opening quote/bracket, or (inside quotes or
    brackets) the closing mark; a quote or bracket opening a sentence is not followed by " " and a capital
    (pysbd's sentence of its own); none of pysbd's list, reference, quote-after-stop or bracket-between-quotes
    patterns (`_pysbd_en_rules`). pysbd splits such a paragraph after each period outside quotes and brackets
    (those inside it turns into "∯") and nowhere else: its other rules need what is excluded.
    """
    if language != "en" or "--" in chunk or not _PLAIN_CHARS.fullmatch(chunk) \
            or not _placeholders(language).isdisjoint(chunk):
        return None
    marks = [m.start() for m in _GROUP_MARKS.finditer(chunk)]
    quoted = bool(marks)  # (lone marks too: pysbd's quote-after-stop rule reads them)
    if marks:  # a quote or bracket begun in an earlier paragraph or ended in a later one: no pysbd pattern pairs it
        marks = _paired_marks(chunk, marks)
    if len(marks) % 2:
        return None
    groups = list(zip(marks[::2], marks[1::2]))
    for o, c in groups:
        if _OPENERS.get(chunk[o]) != chunk[c] or c == o + 1 or chunk[c + 1 : c + 2] in _OPENERS:
            return None
    rules = _pysbd_en_rules()
    if quoted and rules["marks"].search(chunk) or "Co." in chunk and rules["co"].search(chunk) \
            or chunk[0].isdecimal() and rules["start"].search(chunk):
        return None
    if ")" in chunk and (_a_list(rules["bracket_items"].findall(chunk))
                         or not rules["letters"].isdisjoint(rules["bracket_letters"].findall(chunk))):
        return None
    decimal = listed = False  # a period before a digit, after a digit
    starts = [0]  # where sentences begin
    spans = []
    start = 0
    abbreviations = _abbreviations(language)
    n = len(chunk)
    group = 0
    period = chunk.find(".")
    while period >= 0:
        after = period + 1
        if after < n and chunk[after].isdecimal():  # "1.5", "10.09.2020": pysbd's "∯", no sentence end
            decimal = True
            period = chunk.find(".", after)
            continue
        listed = listed or period > 0 and chunk[period - 1].isdecimal()
        raw = chunk[chunk.rfind(" ", 0, period) + 1 : period]
        token = raw.rstrip(_CLOSERS)
        word = _DASHES.split(token)[-1]
        if word.lower() in abbreviations and raw == word and chunk[after : after + 1] == " " \
                and chunk[after + 1].isdecimal():  # "Nov. 10": every pysbd abbreviation rule keeps it ("∯")
            period = chunk.find(".", after)
            continue
        if not _PLAIN_WORD.fullmatch(word) or word.lower() in abbreviations or token.lower() in abbreviations:
            return None
        while group < len(groups) and groups[group][1] < period:
            group += 1
        if group < len(groups) and groups[group][0] < period:  # inside quotes or brackets: no sentence end
            if not (chunk[after] == " " and chunk[after + 1].isalnum() or after == groups[group][1]):
                return None
            period = chunk.find(".", after)
            continue
        if after < n:
            if chunk[after] != " " or not (chunk[after + 1].isalnum() or chunk[after + 1] in _OPENERS):
                return None
            starts.append(after + 1)
        spans.append((start, after))
        start = after + 1
        period = chunk.find(".", start)
    if start < n:
        spans.append((start, n))
    if decimal and rules["reference"].search(chunk) or listed and _a_list(rules["listed"].findall(chunk)):
        return None
    for o, c in groups:
        if o in starts and chunk[c + 1 : c + 2] == " " and "A" <= chunk[c + 2 : c + 3] <= "Z" \
                and (chunk[o] == "(" or chunk[c - 1] != ","):
            return None  # pysbd's sentence boundary regex makes the quote or bracket a sentence of its own
    return spans


# Issue 17: a "sentence" of a megabyte (dates joined by "and", no period) made one event per date, each
# quoting the whole megabyte, and per-sentence work grow with its square. No reported sentence is this long
# (the longest in the seeds and TimeBank are under 700 characters): longer runs are cut into pieces.
MAX_SENTENCE_CHARS = 2_000
_PIECE_BREAK = re.compile(r"[,;:]\s|\s")


def _pieces(text: str, a: int, b: int, limit: int = MAX_SENTENCE_CHARS) -> list[tuple[int, int]]:
    """text[a:b] as spans of at most `limit` characters, cut after the last clause mark (else space) in the
    second half of each piece, whitespace trimmed; the span itself when it is short enough."""
    spans = []
    while b - a > limit:
        window = list(_PIECE_BREAK.finditer(text, a + limit // 2, a + limit))
        marks = [m for m in window if m.group()[0] in ",;:"]
        cut = marks[-1].end() if marks else window[-1].start() if window else a + limit
        end = cut
        while end > a and text[end - 1].isspace():
            end -= 1
        spans.append((a, end))
        a = cut
        while a < b and text[a].isspace():
            a += 1
    if b > a:
        spans.append((a, b))
    return spans


def find_sentences(text: str, start: int, end: int, language: str = "en") -> list[tuple[int, int]]:
    """Return (start, end) offsets of the sentences in text[start:end], whitespace trimmed; a run longer than
    MAX_SENTENCE_CHARS is cut into pieces (`_pieces`)."""
    chunk = text[start:end]
    if not chunk:
        return []
    spans = [(start + a, start + b) for a, b in _chunk_sentences(chunk, language)]
    if any(b - a > MAX_SENTENCE_CHARS for a, b in spans):
        spans = [p for a, b in spans for p in _pieces(text, a, b)]
    return spans


@lru_cache(maxsize=4096)  # captions, furniture and wire paragraphs recur across articles: split each once
def _chunk_sentences(chunk: str, language: str) -> tuple[tuple[int, int], ...]:
    """The sentences of one paragraph as offsets into it, whitespace trimmed."""
    if _one_sentence(chunk, language):  # a heading, byline or one-sentence paragraph: pysbd keeps it whole
        raw = [(0, len(chunk))]
    else:
        raw = _plain_sentences(chunk, language) or _pysbd_spans(_segmenter(language), chunk)
    return tuple(trimmed(chunk, raw))


def trimmed(text: str, spans) -> list[tuple[int, int]]:
    """`spans` of `text` with the whitespace at their ends left out; spans of whitespace only dropped."""
    out = []
    for a, b in spans:
        while a < b and text[a].isspace():
            a += 1
        while b > a and text[b - 1].isspace():
            b -= 1
        if b > a:
            out.append((a, b))
    return out


def annotate(doc: Document) -> Document:
    """Set doc.sentences from doc.blocks (or the whole text when there are no blocks), split by the rules of
    the language the text is written in (an untagged German article keeps "am 2. April" in one sentence)."""
    language = text_language(doc.text, doc.language)
    blocks = doc.blocks or []
    sentences: list[Sentence] = []
    if not blocks:
        sentences = [Sentence(a, b) for a, b in find_sentences(doc.text, 0, len(doc.text), language)]
    for block in blocks:
        for a, b in find_sentences(doc.text, block.start, block.end, language):
            sentences.append(Sentence(a, b, block.section))
    doc.sentences = sentences
    return doc
