"""The sentence's own line (issue 18, eighth headline round; docs/events.md "Eighth round").

The event's sentence as written, with what is no part of its clause removed: the dateline and lead furniture
(headline_text._blank_dates), an opening adverbial up to its comma ("On Monday, ..."), a source lead ("According
to X, ..." -> "X: ..."), a closing attribution ("..., officials said.") when the clause before it is complete. Cut at
HEADLINE_WORDS words at a phrase boundary with an ellipsis (headline_words._to_phrase_end); an opening he/she names
its antecedent (headline_pronouns.resolve_lead). No words are rebuilt: the line is a span of the sentence.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from ..config import DATA_DIR, load_yaml
from ..schema import Document, Sentence
from ..timex import text_language
from .headline_cues import load_headline_cues
from .headline_pronouns import resolve_lead
from .headline_text import _blank_dates, participle_lead
from .headline_words import HEADLINE_CHARS, HEADLINE_MIN_WORDS, HEADLINE_WORDS, _clip, _to_phrase_end
from .triggers import load_lexicon


@dataclass(frozen=True)
class WrittenCues:
    openers: frozenset
    opener_max_words: int
    source_lead: re.Pattern
    attribution_min_words: int
    attribution: re.Pattern  # ", <speaker> said[ <adjunct>]." closing the sentence


@lru_cache(maxsize=2)
def load_written_cues(path: str | None = None) -> WrittenCues:
    """Load pipeline/data/lexicon/headline_written.yaml (and headlines.yaml's speech verbs)."""
    with open(path or DATA_DIR / "lexicon" / "headline_written.yaml", encoding="utf-8") as fh:
        data = load_yaml(fh)
    with open(DATA_DIR / "lexicon" / "headlines.yaml", encoding="utf-8") as fh:
        verbs = [str(w) for w in load_yaml(fh).get("speech_verbs") or ()]
    leads = "|".join(r"\s+".join(map(re.escape, str(w).split())) for w in data.get("source_leads") or ()) or "(?!)"
    n = int(data.get("attribution_max_words", 8))
    said = "|".join(map(re.escape, verbs)) or "(?!)"
    return WrittenCues(
        frozenset(str(w).lower() for w in data.get("opener_words") or ()), int(data.get("opener_max_words", 8)),
        re.compile(r"(?i:%s)\s+([^,;:]{2,80}?),\s+" % leads), int(data.get("attribution_min_words", 5)),
        re.compile(r",[”\"]?\s+((?:[\w'’.-]+\s+){0,%d}?)(?:%s)(?:\s+[^,;:“”\"]{0,40})?[.!]?[”\"]?\s*$" % (n, said)))


_SPACE_PUNCT = re.compile(r" ([,.;:])")
_THAT_COMMA = re.compile(r"\bthat, ")  # "said that [on Monday], one ship ..."
# "said on his Telegram channel that ...", "told reporters at a briefing that ...": what was said, not where
_REPORT_ADJUNCT = re.compile(r"\b((?:said|says|told|tells|announced|added|stated)(?: reporters)?)\s+(?:on|at|in|during|via|through|after)\s+[^,;:“”\"]{1,60}?\s+(?=that\s)")


def _strip_openers(text: str, cues: WrittenCues) -> str:
    """text without opening adverbials up to their comma ("On Monday, Late on Tuesday, X ..." -> "X ...")."""
    for _ in range(3):
        first = text.split(" ", 1)[0].strip(",").lower()
        comma = text.find(", ")
        if first not in cues.openers or comma < 0 or len(text[:comma].split()) > cues.opener_max_words:
            break
        text = text[comma + 2 :].lstrip()
    return text


def written_line(doc: Document, s: Sentence) -> str:
    """The sentence's clause as written, cut at a phrase boundary with an ellipsis ("" when nothing is left)."""
    cues = load_written_cues()
    local = _blank_dates(doc, s)
    lead = participle_lead(local, None) if doc.language == "en" else None
    local = local[lead:] if lead else local  # "Speaking in X, the premier announced ...": the main clause
    text = _SPACE_PUNCT.sub(r"\1", " ".join(local.split()))  # (a blanked date leaves "seized power , detaining")
    text = _THAT_COMMA.sub("that ", _REPORT_ADJUNCT.sub(r"\1 ", text))
    text = _strip_openers(text, cues)
    source = cues.source_lead.match(text)
    label = ""
    if source:
        label, text = source.group(1), _strip_openers(text[source.end() :], cues)
    tail = cues.attribution.search(text)
    if tail and len(text[: tail.start()].split()) >= cues.attribution_min_words:
        speaker = tail.group(1).strip()
        quoted = text[:1] in "“\""
        text = text[: tail.start()]
        if quoted and speaker and speaker[:1].isupper() and speaker.split()[0].lower() not in ("he", "she", "they", "it"):
            label = speaker  # '"We will not retreat," Jane Roe said.' -> "Jane Roe: We will not retreat"
    text = text.strip().strip("“”\"").strip()
    words = text.split()
    if not words:
        return ""
    if label:
        words = [label + ":"] + [words[0][:1].upper() + words[0][1:]] + words[1:]
    if len(words) > HEADLINE_WORDS or len(" ".join(words)) > HEADLINE_CHARS:
        kept = words[:HEADLINE_WORDS]
        while len(" ".join(kept)) > HEADLINE_CHARS - 1 and len(kept) > HEADLINE_MIN_WORDS:
            kept = kept[:-1]
        body = " ".join(_to_phrase_end(kept, load_lexicon(), " ".join(words[len(kept) :])))
    else:
        body = _clip(words, keep_last=True)
    body = body[:1].upper() + body[1:]
    return resolve_lead(doc, s, doc.text[s.start : s.end], body) if doc.language == "en" else body


_TOKEN_PUNCT = "“”\"'‘’(),;:.…"


def _tokens(text: str) -> list[str]:
    return [w for w in (x.strip(_TOKEN_PUNCT) for x in text.lower().split()) if w]


def opens_as_written(line: str, sentence: str) -> bool:
    """Whether the line's first two words (after a "Speaker: " label) stand together in the sentence: its subject and
    verb as written, not rebuilt ("Myanmar fight on its side" for "the Myanmar military had forcibly recruited ...")."""
    body = line.split(": ", 1)[1] if ": " in line[:60] else line
    words = _tokens(" ".join(body.split()[:6]))
    words = words if len(words) >= 2 else _tokens(body)
    if len(words) < 2:
        return False
    low, pair = sentence.lower(), f"{words[0]} {words[1]}"
    at = low.find(pair)
    while at >= 0:  # (fast path: the pair as two whole tokens, edge punctuation allowed; the same answer as below)
        before, after = at - 1, at + len(pair)
        while before >= 0 and low[before] in _TOKEN_PUNCT:
            before -= 1
        while after < len(low) and low[after] in _TOKEN_PUNCT:
            after += 1
        if (before < 0 or low[before].isspace()) and (after == len(low) or low[after].isspace()):
            return True
        at = low.find(pair, at + 1)
    return f" {pair} " in f" {' '.join(_tokens(sentence))} "


def _open_aside(line: str) -> bool:
    """A written line cut inside the aside after its subject ("Blinken, on his fourth trip to the region …")."""
    return line.endswith("…") and line.count(", ") == 1 and ", " in " ".join(line.split()[:6])


def prefer_written(doc: Document, s: Sentence, line: str) -> str:
    """The extractor's line when it opens as the sentence does; else the sentence's own line (written_line), unless
    that is cut inside an aside (issue 18, eighth round: chosen by measurement on judged draws, docs/events.md)."""
    if doc.language != "en" or opens_as_written(line, doc.text[s.start : s.end]):
        return line
    if text_language(doc.text, doc.language) != "en":
        return line  # an untagged foreign article (its cues are English words)
    if load_headline_cues().stamp_only.fullmatch(doc.text, s.start, s.end):
        return line  # "(Update 12:31 a.m. ...)": the extractor's line is the next paragraph's
    written = written_line(doc, s)
    pronouns = load_headline_cues().antecedent_pronouns | load_headline_cues().organisation_pronouns
    if any(w.strip(_TOKEN_PUNCT).lower() in pronouns for w in written.split()[:3]):
        return line  # "But he warned ...", "Suddenly, she said, she was wounded": the extractor named who
    return line if not written or _open_aside(written) else written
