"""Speech frames in headlines (issue 18): an event inside what someone says is the speaker's line.

PLOVER attributes a speech act to its speaker ("the minister said ..." is the minister's), and an analyst reads a claim with
its source. When the event's verb sits in the content of a reporting clause the predicate stage did not take
(the speaker is no actor it knows: "Schuchat", "Building experts", "He"), the line is the speaker's:

- an opening frame, "<speaker> says/tells the BBC [that] <content>": the sentence's own words from its start
  ("US President Barack Obama says the scale of the devastation in Haiti is extraordinary");
- a closing frame, '"<content>," <speaker> said.' / "<content>, he adds." / '..., said <speaker>.': the
  speaker, a colon and the content's first clause ("Schuchat: One of our working hypotheses is ...").

A "he"/"she" speaker is its nearest named antecedent outside quotes (headline_pronouns), else no frame.
The speech verbs are headlines.yaml's `speech_verbs` (more than plover.yaml's reporting verbs, which type events:
"adds", "tells", "writes" only attribute a line here). English only. A line cut at the word limit ends at a
phrase boundary with an ellipsis.
"""
from __future__ import annotations

import re
from functools import lru_cache

from ..config import DATA_DIR, load_yaml
from ..schema import Document, Sentence
from ..tries import trie_regex
from .headline_cues import _grammar_words, load_headline_cues
from .headline_pronouns import antecedent
from .headline_words import _clause_words, _drop_lead, _to_phrase_end
from .triggers import _is_nominal, load_lexicon

SPEAKER_MAX_WORDS = 8  # a speaker longer than this is no noun phrase ("Officials in the region who were ... said")
TAG_MAX_WORDS = 16  # a closing reporting clause ('," Indonesian President X said at the annual meeting of ...')
_PUNCT = "“”\"'’‘«»(),;:."


@lru_cache(maxsize=2)
def _frames() -> tuple[re.Pattern, re.Pattern, re.Pattern]:
    """The opening frame, a closing tag's "<speaker> <verb>" and its inverted "<verb> <speaker>" (speech_verbs)."""
    with open(DATA_DIR / "lexicon" / "headlines.yaml", encoding="utf-8") as fh:
        verbs = [str(w) for w in load_yaml(fh).get("speech_verbs") or ()]
    # a trie of the verbs: at a position it tries the verbs there longest first, as the longest-first alternation
    # did, and fails fast where none begins (speed: issue 18)
    alt = trie_regex(verbs, space=" ") if verbs else "(?!)"
    word = r"[^\s,;:“”\"()«»]+"
    told = (r"(?:\s+(?:the\s+)?(?:[A-Z][\w.'’&-]*(?:\s+[A-Z][\w.'’&-]*){0,3}|reporters|journalists|lawmakers|parliament))?"
            r"(?:\s+with\s+(?:deep\s+|great\s+|grave\s+)?(?:regret|concern|satisfaction|appreciation|alarm))?")  # "notes with regret that"
    opening = re.compile(r"(?P<subj>(?:%s\s+){0,%d}?%s)\s+(?:also\s+|has\s+|have\s+|had\s+)?(?P<verb>%s)\b(?P<obj>%s)(?:\s*,)?\s+(?:that\s+)?(?=\S)"
                         % (word, SPEAKER_MAX_WORDS - 1, word, alt, told))
    closing = re.compile(r"(?P<subj>(?:%s\s+){0,%d}?%s)\s+(?:also\s+|has\s+|had\s+)?(?P<verb>%s)\b" % (word, SPEAKER_MAX_WORDS - 1, word, alt))
    inverted = re.compile(r"(?P<verb>%s)\s+(?P<subj>(?:the\s+)?[A-Z][\w.'’-]*(?:\s+(?:[A-Z][\w.'’-]*|al-[\w'’-]+|de|bin))*)\s*(?:,|$)" % alt)
    return opening, closing, inverted


@lru_cache(maxsize=2)
def _any_verb() -> re.Pattern:
    """A cheap gate: the first word of some speech verb, anywhere. Every frame of `_frames` holds a verb (a comma
    only ever becomes a space between its words), so a line with none of these has no frame (speed: issue 18)."""
    with open(DATA_DIR / "lexicon" / "headlines.yaml", encoding="utf-8") as fh:
        firsts = {str(w).split()[0] for w in load_yaml(fh).get("speech_verbs") or () if str(w).split()}
    return re.compile(trie_regex(sorted(firsts)) if firsts else "(?!)")  # (a trie: thrice as fast as the plain alternation)


def _speaker(doc: Document, s: Sentence, words: list[str], at: int) -> str | None:
    """The speaker named by `words` (a reporting clause's subject): he/she as its antecedent, a noun phrase as
    written (no leading article before a name); None for any other pronoun, a clause word or a verb in it."""
    cues = load_headline_cues()
    g = _grammar_words()
    span = len(" ".join(words))
    low = [re.split(r"['’]", w.lower().strip(_PUNCT))[0] for w in words]  # ("we've" is "we")
    if not low or not all(low) or low[-1] in g.determiners:
        return None  # ("An estimated 1.5 million people": an adjective after an article, no speaker)
    if len(low) == 1 and low[0] in cues.antecedent_pronouns:
        return antecedent(doc, s, at, None, lead=True, unquoted=True)
    if low[0] in cues.pronouns or low[0] in g.connectives or low[0] in cues.not_names - {"the", "a", "an"}:
        return None
    if any(w in g.clause_stops or w in cues.pronouns or w in cues.modals for w in low):
        return None
    if not words[0][:1].isupper() and low[0] not in g.determiners and not (len(low) <= 3 and low[-1].endswith("s")):
        return None  # a fragment, not a subject ("... in the region are to fight" ); "residents", "local reporters" are
    while len(words) > 1 and low[0] in ("the", "a", "an") and words[1][:1].isupper():
        words, low = words[1:], low[1:]
    person = [m for m in doc.mentions if m.kind == "person" and at <= m.start and doc.text[m.end : m.end + 1] in (" ", ",", "")
              and doc.text[m.start : m.end].split()[-1:] == [w.strip(_PUNCT) for w in words[-1:]] and m.end <= at + span + 2]
    if person:
        return person[0].name  # "<Country> Foreign Minister <Name>" -> the person the actors stage found
    lower = [i for i, w in enumerate(words) if w[:1].islower()]
    if lower and len(words) - lower[-1] - 1 >= 2:
        words = words[lower[-1] + 1 :]  # "EU foreign policy chief Josep Borrell" -> "Josep Borrell" (the person, not the title)
    return " ".join(w.strip(_PUNCT) for w in words)


_BRACKETED = re.compile(r"\s*\([^()]{1,40}\)")  # "# 2m ($3.3 m)"
_APPOSITIVE_NAME = re.compile(r",\s*[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*){0,3},(?=\s+[a-z])")  # "the ambassador, Aidan O'Hara, was"


def _content(local: str, start: int, stop: int, limit: int) -> tuple[list[str], bool]:
    """What was said, local[start:stop], as a line's words: its first clause when it goes on over a comma, cut at the
    word limit at a phrase boundary (with an ellipsis); and whether it was cut."""
    lex = load_lexicon()
    text = _APPOSITIVE_NAME.sub(lambda m: " " * len(m.group()), _BRACKETED.sub(lambda m: " " * len(m.group()), local[:stop]))
    words, end = _clause_words(text, start, lex, limit, report=True)
    words = [w.strip("“”\"«»‘’") for w in words if w.strip("“”\"«»‘’")]
    cut = len(words) >= limit and bool(text[end:].strip(" .,;:!?“”\"»’"))
    if cut:
        words = _to_phrase_end(words, lex, text[end:])
    elif text[end:].strip(" .,;:!?“”\"»’") and words and not words[-1].endswith("…"):
        words[-1] = words[-1].rstrip(",;:") + "…"  # what was said goes on past its first clause
    return words, cut


def speech_line(doc: Document, s: Sentence, local: str, rel: int, triggers: list | None, limit: int) -> str | None:
    """The line of an event whose verb (at local[rel]) is inside what a named speaker says, else None."""
    if doc.language != "en" or not _any_verb().search(local):
        return None
    opening, closing, inverted = _frames()
    first = _drop_lead(local, len(local) - len(local.lstrip(" “\"‘")), load_lexicon(), [])  # ("However, the ambassador said")
    first += len(local[first:]) - len(local[first:].lstrip(" “\"‘"))
    m = opening.match(local, first)
    if m and m.end() <= rel and not re.search(r"[“\"]", local[first : m.start("verb")]):
        subj = m.group("subj").split()
        spoken = [tr for tr in triggers or () if s.start + first <= tr[0] < s.start + m.start("verb") and not _is_nominal(doc.text, tr[0])]
        name = None if spoken else _speaker(doc, s, subj, s.start + first)
        if name:
            frame = name.split() + [m.group("verb")] + m.group("obj").split()
            words, _ = _content(local, _content_start(local, m.end(), rel), len(local), max(limit - len(frame), 4))
            if len(words) >= 2:
                return " ".join(frame + words)
    return _closing_line(doc, s, local, rel, first, limit)


def _content_start(local: str, start: int, rel: int) -> int:
    """Where the said clause holding the event (at local[rel]) starts: after "and that" before it ("said talks would
    continue and that Turkey expected ...") or after the "that" of an opening adverbial ("said after talks with X
    that ..."), else at `start`."""
    joined = [m.end() for m in re.finditer(r"\b(?:and|but) that\s+", local[start:rel])]
    if joined:
        return start + joined[-1]
    lex = load_lexicon()
    first = local[start:].split()[:1]
    if first and lex.trailing.fullmatch(first[0].lower()) and not lex.determiner.fullmatch(first[0].lower()):
        that = re.search(r"\bthat\s+", local[start:rel])
        if that and len(local[start : start + that.start()].split()) <= 12 and not re.search(r"[,;:]", local[start : start + that.start()]):
            return start + that.end()
    return start


_FIRST_PERSON = frozenset(("i", "we", "our", "my", "us", "me"))
_TAG_START = re.compile(r"(?:[,!?]\s*[”\"]|[”\"]\s*,|,)\s+")


def _closing_line(doc, s, local, rel, first, limit) -> str | None:
    """'"<content>," <speaker> said.': "<speaker>: <content's first clause>", when the content is quoted or in the first
    person ("We are mobilising ...," he adds); a reported fact with its source after it ("Troops captured X, the
    ministry said") keeps its own agent (the source is no subject: issue 18)."""
    _, closing, inverted = _frames()
    body = local.rstrip(" .!?”\"’")
    close = re.compile(r"[,!?]?\s*[”\"]").search(local, rel) if re.search(r"[“\"]", local[:first]) else None  # a quote's end
    person = any(re.split(r"['’]", w.strip(_PUNCT).lower())[0] in _FIRST_PERSON for w in local[first:rel].split()[:5])
    for m in reversed(list(_TAG_START.finditer(body, rel))):
        at_mark = bool(re.match(r"[,!?]?\s*[”\"]", body[m.start() :]))  # '...,"' (its opening maybe a sentence before)
        quoted = at_mark or (close is not None and close.start() <= m.start() + 1)
        if not quoted and not person:
            continue
        tag = body[m.end():]
        if len(tag.split()) > TAG_MAX_WORDS or not tag.strip() or re.search(r"[:“”\"]", tag):
            continue  # (a tag opening a quote of its own, 'X said: "We sure hope so', is no closing frame)
        c = closing.match(tag) or closing.match(re.sub(r",\s*", " ", tag))  # ("the commander, Lt Col X, said")
        if c and len(c.group("subj").split()) <= SPEAKER_MAX_WORDS:
            name = _speaker(doc, s, c.group("subj").split(), s.start + m.end())
        else:
            v = inverted.match(tag)
            name = _speaker(doc, s, v.group("subj").split(), s.start + m.end()) if v else None
        if not name:
            continue
        stop = close.start() + 1 if quoted and not at_mark else m.start() + 1
        words, _ = _content(local, first, stop, max(limit - len(name.split()), 12))
        return f"{name}: " + words[0][:1].upper() + " ".join(words)[1:] if len(words) >= 3 else None
    return None
