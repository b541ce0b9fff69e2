"""The words of a headline (issue 18): a clause's words up to its end, a lead to skip, a cut at a phrase boundary
with an ellipsis, a line joined and clipped. Split from headlines.py (the module cap); headline_speech.py and
headline_clauses.py use them too. The words are data (headlines.yaml, clauses.yaml, plover.yaml).
"""
from __future__ import annotations

import re

from . import clauses
from .headline_cues import _grammar_words, _trailing, load_headline_cues
from .headline_text import _joins_nouns
from .triggers import Lexicon, _QUOTED, load_lexicon

HEADLINE_CHARS = 120
HEADLINE_WORDS = 16  # room for a subject, its verb and what it did or said (12 cut a third of the lines read by hand)
HEADLINE_CLAUSE_WORDS = HEADLINE_WORDS  # a fallback clause (no usable verb)
ELLIPSIS = "…"  # ends a line cut before its clause's end (at a phrase boundary)
HEADLINE_MIN_WORDS = 3
_PUNCT = "“”\"'’‘«»(),;:."
_NON_SPACE = re.compile(r"\S+")
_CAPITAL_NEXT = re.compile(r" [A-Z]")
_NAME_BRACKET = re.compile(r"[A-Z][\w'’-]* \([A-Z][^()]{0,30}\)$")  # "Forces (Special Powers)" (not "12 mar (Prensa Latina)")
_NAME = r"(?:the\s+)?[A-Z][\w.'’-]*(?:\s+(?:of\s+)?[A-Z][\w.'’-]*){0,3}"
_NAME_LIST = re.compile(r"(?:\s+%s,)*\s+%s,?\s+(?:and|or)\s+%s(?=\s+[a-z]|[\s.;:]*$)" % (_NAME, _NAME, _NAME))  # ", Y and Z" after "X,"
_CLAUSE_PUNCT = re.compile(r"[;:–—]")
_ENDS_PHRASE = re.compile(r"[,;:“”\"()«»]$")
_ENDS_PHRASE_NOT_QUOTE = re.compile(r"[,;:)]$")
_LEAD_WORDS = [re.compile(r"\s*((?:[^\W\d_]+\s+){%d})" % n) for n in range(5)]  # n words (compiled once: speed)
_LEAD_COMMA = [re.compile(r"\s*((?:[^\W\d_]+\s+){%d}[^\W\d_]+),\s*" % (n - 1)) if n else None for n in range(5)]


def _clip(words: list[str], limit: int = HEADLINE_CHARS, keep_last: bool = False) -> str:
    """Join words into a line: no trailing preposition or article, a capital first, cut at a word. `keep_last`: the
    last word ends the sentence (a particle or an adverb there: "took over", "the day before")."""
    words = list(words)
    dangling = clauses.load_clause_cues().dangling
    while (len(words) > HEADLINE_MIN_WORDS and not (keep_last and _trailing(load_lexicon(), words[-1].strip(_PUNCT)))
           and (_trailing(load_lexicon(), words[-1].strip(_PUNCT)) or not words[-1].strip(_PUNCT + "–—-")
                or words[-1].strip(_PUNCT).lower() in dangling)):
        words.pop()
    head = " ".join(words).strip().rstrip(".,;:–—-").strip()
    if head.count("“") != head.count("”") or head.count('"') % 2:
        head = re.sub(r"[“”\"]", "", head)  # a quote cut off by the clause: drop its marks
    if head.count("(") != head.count(")"):
        head = re.sub(r"\s*[()]\s*", " ", head).strip()  # "(The briefing was concluded": a bracket cut off
    head = head[:1].upper() + head[1:]
    if len(head) <= limit:
        return head
    kept = head[: limit - 1].rsplit(" ", 1)[0].split()  # too long: cut at a word, then back to a phrase's end
    return " ".join(_to_phrase_end([w.rstrip(ELLIPSIS) for w in kept], load_lexicon()))


def _clause_words(local: str, start: int, lex: Lexicon, limit: int, report: bool = False, quotes_end: bool = True) -> tuple[list[str], int]:
    """Words of local from start to the end of their clause (a clause stop, a closing comma, the limit), and that end.

    With `report`, what was said runs on over "and", "that", "to" (only report_stops of headlines.yaml end it)."""
    cues = load_headline_cues()
    g = _grammar_words()
    words: list[str] = []
    end = start
    for m in _NON_SPACE.finditer(local[start:]):
        w = m.group()
        bare = w.strip(_PUNCT)
        if not bare:
            if words and (_CLAUSE_PUNCT.search(w) or (w.startswith(",") and len(words) >= HEADLINE_MIN_WORDS)):  # (',"' after a blanked date too)
                break
            continue
        if words and (len(words) == 1 or words[-1].lower() in cues.to_complements) and bare.lower() in ("that", "que", "dass"):
            continue  # "said that ...", "demanded that ...": what was said or asked is the point
        if words and bare.lower() in g.clause_stops and not (report and bare.lower() not in cues.report_stops):
            nxt = local[start + m.end() :].lstrip()[:1]
            between = bare.lower() == "and" and "between" in (x.lower() for x in words[-4:-1])  # "clashes between the army and the RSF"
            named_as = bare.lower() == "as" and words[-1].strip(_PUNCT).lower() in cues.as_complements  # "has not been named as a suspect"
            if not (bare.lower() in ("and", "et", "und", "y") and words[-1][:1].isupper() and nxt.isupper()) and not between and not named_as \
                    and not (bare.lower() in ("and", "or") and _joins_nouns(words[-1], local[start + m.end() :], lex)):
                break  # "Armenia and Azerbaijan" is one phrase, "..., and the army" a new clause
        if words and bare.lower() == "to" and not report:
            nxt = local[start + m.end() :].lstrip()
            nxt_word = nxt.split()[0].strip(_PUNCT) if nxt.split() else ""
            calls = any(x.lower() in cues.call_verbs or x.lower() in cues.complement_adjectives for x in words)  # "called on both sides to exercise restraint": what is called for
            held = words[-1].strip(_PUNCT).lower() in cues.to_phrases or nxt_word.lower() in cues.to_complements  # "is going to", "according to", "to say"
            if nxt[:1].islower() and len(words) >= 4 and not calls and not held and not lex.determiner.match(nxt_word):
                break  # "went to Moscow to discuss ...": the purpose is a clause of its own ("an end to the violence" is not)
        ends = bool((_ENDS_PHRASE if quotes_end else _ENDS_PHRASE_NOT_QUOTE).search(w))
        if ends and w.endswith(")") and _NAME_BRACKET.search(local, max(0, start + m.start() - 40), start + m.end()) and _CAPITAL_NEXT.match(local, start + m.end()):
            ends = False  # "the Armed Forces (Special Powers) Act": a bracket inside a name
            bare = w
        if ends and w.endswith(",") and bare[:1].isupper() and _NAME_LIST.match(local, start + m.end()):
            ends = False  # "the ambassadors of Germany, the United States and Nigeria to leave": a list of names, one phrase
            bare = w
        words.append(bare if ends else w.rstrip("“”\"»"))
        end = start + m.end()
        if ends or len(words) >= limit:
            if not ends and w[:1].isupper() and len(words) < limit + 3 and local[start + m.end() :].lstrip()[:1].isupper():
                continue  # a name is not cut in two ("General Abdulsalami [Abubakar]")
            break
    return words, end


def _drop_lead(local: str, pos: int, lex: Lexicon, mention_starts: list[int]) -> int:
    """Skip connectives ("But", "Indeed,") and a short leading adverbial ("As informed on ..., ") at pos."""
    for _ in range(3):
        moved = False
        for n in range(4, 0, -1):  # the longest connective first ("as a result")
            mm = _LEAD_WORDS[n].match(local + " ", pos)
            if mm and lex.connective.match(" ".join(mm.group(1).split()).strip(",")):
                pos = min(mm.end(), len(local))
                moved = True
                break
            mm = _LEAD_COMMA[n].match(local, pos)
            if mm and lex.connective.match(" ".join(mm.group(1).split())):
                pos = mm.end()
                moved = True
                break
        if moved:
            continue
        comma = local.find(",", pos)
        rest = local[comma + 1 :] if comma >= 0 else ""
        lead = local[pos:comma] if comma >= 0 else ""
        first = lead.split()[0] if lead.split() else ""
        lw = lead.split()
        adverbial = bool((lex.trailing.match(first) and not lex.determiner.match(first)) or lex.clause_stop.match(first) or lex.connective.match(first)
                         # what a blanked date left of an adverbial: "shortly after (noon),", "late (on Tuesday),"
                         or (lw and len(lw) <= 3 and all(w[:1].islower() for w in lw) and (first.endswith("ly") or _trailing(lex, lw[-1]))))
        if (comma >= 0 and adverbial and len(lead.split()) <= 10 and len(rest.split()) >= HEADLINE_MIN_WORDS and not _QUOTED.search(lead)
                and not any(pos <= p < comma for p in mention_starts)):
            pos = comma + 1
            continue
        break
    return pos


def _runs_on(local: str, end: int) -> bool:
    """Whether the sentence's clause goes on after local[:end] (no clause punctuation or sentence end there)."""
    rest = local[end:].lstrip()
    return bool(rest) and rest[0] not in ".,;:!?)”\"»–—"


def _to_phrase_end(words: list[str], lex: Lexicon, rest: str = "") -> list[str]:
    """A clause cut at the word limit, shortened to end where a phrase ends: before its last preposition (not an
    article: the verb keeps its object), clause word or comma when that leaves a line, then no preposition, article or auxiliary at its end ("had been"
    dropped), and an ellipsis: the reader sees that the sentence goes on (issue 18: "cut only at a phrase boundary with an ellipsis")."""
    dangling = clauses.load_clause_cues().dangling
    out = list(words)
    nxt = rest.split()[:1]  # `rest`: the text after the words; a preposition, a clause word or punctuation there: a phrase ends here
    at_end = bool(nxt) and (not nxt[0][:1].isalnum() or (_trailing(lex, nxt[0]) and not lex.determiner.match(nxt[0])) or bool(lex.clause_stop.match(nxt[0])))
    for i in range(len(out) - 1, HEADLINE_MIN_WORDS if not at_end else len(out), -1):
        w = out[i].strip(_PUNCT)
        if (_trailing(lex, w) and not lex.determiner.match(w)) or lex.clause_stop.match(w) or out[i - 1].endswith((",", ";", ":")):
            out = out[:i]
            break
    while len(out) > HEADLINE_MIN_WORDS and (out[-1].strip(_PUNCT).lower() in dangling or _trailing(lex, out[-1].strip(_PUNCT))
                                             or lex.determiner.match(out[-1].strip(_PUNCT))):
        out.pop()
    return out[:-1] + [out[-1].rstrip(",;:") + ELLIPSIS] if out else out
