"""Own lines for a sentence's background events (issue 18; docs/events.md "Headlines read by hand").

A sentence with two dates gives two events; when the second date sits in a clause of its own ("..., which had
ruled on 26 January that ...", "since the Feb. 1 coup", "a war that took place from the late 1980s") its
event is that clause's, and so is its line: the relative clause's antecedent as subject ("the High Court,
which had ruled ..." -> "High Court had ruled ..."), a clause's own subject and verb ("since fighting began"
-> "Fighting began"), a participle's noun ("the Minsk agreements signed in February 2015"), or an event noun
with what completes it ("the overthrow of Omar al-Bashir"). The words are the article's, cut at a phrase's
end. When the date shares its clause (and so its verb) with the main event ("Between 26 and 29 January, 665
Palestinians were killed"), or no decent line comes out, None: the caller keeps the shared line.
English only; it runs only for a sentence's second and later dates (cheap).
"""
from __future__ import annotations

import re
from functools import lru_cache

from ..config import DATA_DIR, load_yaml
from ..schema import Document, Sentence, Timex
from . import clauses
from .headline_cues import _grammar_words, _trailing, load_headline_cues
from .headline_text import _blank_dates, finite
from .headline_words import HEADLINE_MIN_WORDS, HEADLINE_WORDS, _clause_words, _clip, _to_phrase_end
from .triggers import _is_nominal, load_lexicon, within

NP_MAX_WORDS = 8  # a subject or an event's noun phrase longer than this is no noun phrase a line can open with
_TOKEN = re.compile(r"\S+")
_PUNCT = "“”\"'’‘«»(),;:.–—"
_PUNCT_NOT_DOT = _PUNCT.replace(".", "")
_ENDS_CLAUSE = re.compile(r"(?:[,;:()–—]|^[“\"«])[”\"’»]?$")  # (a closing quote alone ends no clause: '"genocide" since 2014')


@lru_cache(maxsize=2)
def _openers() -> frozenset:
    with open(DATA_DIR / "lexicon" / "headlines.yaml", encoding="utf-8") as fh:
        return frozenset(str(w).lower() for w in load_yaml(fh).get("background_openers") or ())


def _aux(w: str) -> bool:
    c = clauses.load_clause_cues()
    return w in c.perfect_aux or w in c.passive_be or w in load_headline_cues().modals


def _is_verb(doc: Document, s: Sentence, local: str, tok: tuple[int, int, str], verbs: set[int]) -> bool:
    """A token is a verb: a trigger used as a verb, or a past form after a word (not after an article)."""
    a, _, w = tok
    if s.start + a in verbs:
        return True
    bare = w.strip(_PUNCT)
    if not bare or not bare[:1].islower():
        return False
    c = clauses.load_clause_cues()
    if not (bare in c.irregular_past or (bare.endswith("ed") and len(bare) > 4)):
        return False
    prev = [w for w in local[:a].split()[-1:] if w.lower() not in load_headline_cues().relatives]  # ("a war that took place")
    return not (prev and (load_lexicon().determiner.fullmatch(prev[0].lower()) or load_lexicon().trailing.fullmatch(prev[0].lower())))


def _noun_phrase_before(toks: list, i: int, stop: int, is_verb, through_by: bool, dated: frozenset = frozenset(),
                        object_ok: bool = True) -> list[str]:
    """The noun phrase ending at toks[i-1], walking back to a clause word, a preposition (not "of" before the
    phrase has its determiner; "by" after a participle with `through_by`), punctuation or a verb. Without
    `object_ok`, a phrase right after a preposition is none: a subject follows none ("the backlash against
    [Muslim Britons] that claimed", "troops to [war] hit")."""
    g = _grammar_words()
    lex = load_lexicon()
    out: list[str] = []
    j = first_k = i - 1
    while j >= stop and len(out) < NP_MAX_WORDS + 2:
        w = toks[j][2]
        bare = w.strip(_PUNCT)
        low = bare.lower()
        if not bare or (_ENDS_CLAUSE.search(w) and out) or j in dated:
            break
        if low == "by" and through_by and j > stop and out and toks[j - 1][2].lower().endswith("ed"):
            out[:0] = [toks[j - 1][2].strip(_PUNCT), bare]
            first_k = j - 1
            j -= 2
            continue
        det_seen = any(lex.determiner.fullmatch(x.lower()) and x.lower() != "of" for x in out)
        if (low in g.clause_stops or low == "to" or (lex.trailing.fullmatch(low) and not lex.determiner.fullmatch(low))
                or (low == "of" and det_seen) or (low == "of" and not out)):
            if not object_ok and (low == "to" or (lex.trailing.fullmatch(low) and low != "of")):
                return []
            break
        if is_verb(toks[j]) and not (not out and low.endswith("ing")):
            break
        if lex.determiner.fullmatch(low) and low != "of" and out and out[0][:1].isupper() and low in ("the", "a", "an"):
            break  # "the High Court": the name reads without its article
        out.insert(0, bare)
        first_k = j
        if lex.determiner.fullmatch(low) and low != "of":
            break  # the phrase's determiner opens it ("breaking [a five-month truce]", "the death of [his father]")
        if _ENDS_CLAUSE.search(toks[j - 1][2] if j - 1 >= 0 else ","):
            break
        j -= 1
    prev = toks[first_k - 1][2] if first_k >= 1 else ""
    if not object_ok and out and re.fullmatch(r"[a-z]{3,}ing", prev) and not _trailing(lex, prev):  # ("following [a war]": a preposition)
        return []  # a verb's object ("covering [a demonstration] died"), no subject
    if out and out[0].lower() == "of" or all(lex.determiner.fullmatch(x.lower()) or _aux(x.lower()) for x in out):
        out = []  # (no noun in it)
    return out if 0 < len(out) <= NP_MAX_WORDS else []


def own_line(doc: Document, s: Sentence, date: Timex, main_start: int | None, triggers: list,
             main_date: Timex | None = None) -> str | None:
    """The line of the event of `date` from the clause the date sits in, or None (see the module's doc)."""
    if doc.language != "en":
        return None
    local = _blank_dates(doc, s)
    cues = load_headline_cues()
    if not local[: date.end - s.start].strip() and cues.stamp_lead.search(doc.text, s.start, date.start):
        return None  # a date in a page stamp blanked before the sentence ("Last updated at 04:46 GMT"): the sentence's line
    # the clause structure from the sentence as written (a date's "since" is blanked with it), the words from local
    toks = [(m.start(), m.end(), m.group()) for m in _TOKEN.finditer(doc.text[s.start : s.end])]
    verbs = {tr[0] for tr in triggers if s.start <= tr[0] < s.end and not _is_nominal(doc.text, tr[0])}

    def is_verb(tok) -> bool:
        return _is_verb(doc, s, local, tok, verbs)

    a = date.start - s.start
    # (the sentence's dates by bisection, and one sweep of tokens against them: this runs once per dated event,
    # and a scan of every date of the article per call made a 60,000-date run quadratic)
    spans = sorted((x.start - s.start, x.end - s.start) for x in within(doc.timexes, s.start, s.end + 200)
                   if s.start <= x.start < s.end and x.type in ("DATE", "TIME"))
    dated = _overlapping(toks, spans)
    at = next((k for k, t in enumerate(toks) if t[1] > a), len(toks))  # the date's first token
    # the clause the date sits in: back to a relative pronoun, a background opener or punctuation
    c0, kind = _clause_start(toks, at, at - 1, is_verb)
    end = next((k for k in range(at, len(toks)) if _ENDS_CLAUSE.search(toks[k][2]) or toks[k][2].lower() in cues.relatives), len(toks) - 1)
    if kind == "punct" and toks[min(c0, len(toks) - 1)][2][:1].isupper() and not any(is_verb(toks[k]) for k in range(c0, end + 1)):
        c0, kind = _clause_start(toks, at, c0 - 2, is_verb)  # "signed in Pretoria, South Africa on 2 November": the clause before the comma
    return _line(doc, s, local, toks, at, c0, kind, end, main_start, main_date, is_verb, verbs, triggers, dated)


def _overlapping(toks: list, spans: list[tuple[int, int]]) -> frozenset[int]:
    """The indexes of the tokens (start, end, word) overlapping one of `spans` (sorted (start, end) pairs)."""
    out, j, reach = [], 0, -1  # reach: the furthest end of the spans starting before the token's end
    for k, (t0, t1, _) in enumerate(toks):
        while j < len(spans) and spans[j][0] < t1:
            reach = max(reach, spans[j][1])
            j += 1
        if reach > t0:
            out.append(k)
    return frozenset(out)


def _clause_start(toks: list, at: int, first: int, is_verb) -> tuple[int, str]:
    """Where the clause of the date at toks[at] opens (scanning back from toks[first]) and how: after a relative
    pronoun ("rel"), a background opener ("sub"), "and" before a verb ("and"), punctuation ("punct") or the start."""
    cues = load_headline_cues()
    c0, kind = 0, "start"
    for k in range(first, -1, -1):
        w = toks[k][2]
        low = w.strip(_PUNCT).lower()
        if low in _openers() and k == at - 1:
            continue  # "since 1967": a preposition of the date itself, no clause
        if low in cues.relatives or low in _openers():
            c0, kind = k + 1, ("rel" if low in cues.relatives else "sub")
            break
        if low == "and" and k + 1 < at and is_verb(toks[k + 1]):
            c0, kind = k + 1, "and"  # "began at 10:04 and ended at 12:17": a verb of its own
            break
        if _ENDS_CLAUSE.search(w):
            c0, kind = k + 1, "punct"
            break
    return c0, kind


def _line(doc, s, local, toks, at, c0, kind, end, main_start, main_date, is_verb, verbs, triggers, dated) -> str | None:
    """The line of the clause toks[c0:end+1] holding the date at toks[at] (own_line's body)."""
    lex = load_lexicon()
    cues = load_headline_cues()
    nouns = {tr[0] for tr in triggers if s.start <= tr[0] < s.end} - verbs
    lo, hi = s.start + toks[min(c0, len(toks) - 1)][0], s.start + toks[end][1]
    inside = [k for k in range(c0, end + 1) if toks[k][2].strip(_PUNCT)]
    verb_ks = [k for k in inside if is_verb(toks[k])]
    before = [k for k in verb_ks if k < at]
    v = before[-1] if before else (verb_ks[0] if verb_ks else None)
    if main_date is not None and lo <= main_date.start < hi and (v is None or main_date.start > s.start + toks[v][0]
                                                                 or not _participle(toks, v, at, lex)):
        # the main event's date in the same clause, no verb of its own between: one event, two dates ("continued
        # ... between 26 and 29 January"); a verb after the main date is the date's own ("... a declaration on
        # the implementation of the Agreement signed in Pretoria on 2 November")
        return None
    after_v = v is None or v < at
    if (after_v and toks[end][2].lower() in cues.relatives and end + 1 < len(toks) and is_verb(toks[end + 1])
            and not any(is_verb(toks[k]) for k in range(at, end))):
        # the date inside a noun phrase a relative clause tells of ("Saturday's general election that returned X",
        # "after the fuel depot blast on 25 September that killed 170 people"): the phrase did what the clause says
        first = max(c0, v + 1) if v is not None else c0
        dets = [k for k in range(first, at) if lex.determiner.fullmatch(toks[k][2].lower()) and toks[k][2].lower() != "of"]
        first = at if re.search(r"[’']s$", toks[at][2]) else (dets[-1] if dets else first)  # "[Saturday's] general election"
        subject = [w.strip(_PUNCT) for w in local[toks[first][0] : toks[end][0]].split() if w.strip(_PUNCT)]
        while subject and lex.trailing.fullmatch(subject[-1].lower()) and not lex.determiner.fullmatch(subject[-1].lower()):
            subject.pop()
        if 0 < len(subject) <= NP_MAX_WORDS:
            words, _ = _clause_words(local, toks[end + 1][0], lex, HEADLINE_WORDS)
            return _finish(subject + words, lex)
    if v is None and kind == "sub" and re.fullmatch(r"[a-z]{3,}ing", toks[c0][2]) and toks[c0 - 1][2].lower() in _openers() - {"while", "when", "as"}:
        # "after traveling by road from Khartoum over the weekend": the sentence's subject travelled
        subject = _first_subject(toks, is_verb, dated)
        if subject:
            words, _ = _clause_words(local[: toks[end][1]], toks[c0][0], lex, HEADLINE_WORDS)
            return _finish(subject + [finite(words[0])] + words[1:], lex) if words else None
    if v is not None:
        if main_start is not None and s.start + toks[v][0] == main_start:
            return None  # the main event's own verb: one event, two dates
        vs = v
        while vs - 1 >= c0 and _aux(toks[vs - 1][2].strip(_PUNCT).lower()):
            vs -= 1  # "had ruled", "was killed"
        span = [toks[k][2] for k in range(c0, vs)]
        gerund = len(span) > 1 and re.fullmatch(r"[a-z]{3,}ing", span[0])  # "while covering a demonstration died": no subject
        if kind in ("rel", "sub") and not gerund and 0 < len(span) <= NP_MAX_WORDS + 4 and not (lex.trailing.fullmatch(span[0].lower()) and (span[0].lower() == "of" or not lex.determiner.fullmatch(span[0].lower()))) and not any(_ENDS_CLAUSE.search(w) or k in dated for k, w in zip(range(c0, vs), span)):
            subject = [w.strip(_PUNCT) for w in span]  # "that a convoy of 15 trucks carrying food and medical supplies arrived"
        else:
            participle = vs == v and _participle(toks, v, at, lex)
            subject = _noun_phrase_before(toks, vs, c0, is_verb, through_by=False, dated=dated,
                                          object_ok=participle)  # ("breaking [a five-month truce] agreed in March")
        if not subject and vs == c0 and kind == "rel":
            comma = toks[c0 - 2][2].endswith(",") if c0 >= 2 else False
            subject = _noun_phrase_before(toks, c0 - 1, 0, is_verb, through_by=not comma, dated=dated, object_ok=comma)
        if not subject and vs == c0 and kind == "punct" and c0 >= 1:
            subject = _noun_phrase_before(toks, c0, 0, is_verb, through_by=False, dated=dated, object_ok=False)  # "Crimea, seized in 2014"
        if not subject and vs > 0 and toks[vs - 1][2].lower() == "and":
            # "which began in 1988 and grew into a full-scale war": the first verb's subject
            p0, pkind = _clause_start(toks, vs - 1, vs - 2, is_verb)
            if pkind == "rel" and p0 >= 2:
                subject = _noun_phrase_before(toks, p0 - 1, 0, is_verb, through_by=not toks[p0 - 2][2].endswith(","), dated=dated)
            else:
                subject = _first_subject(toks, is_verb, dated)
        if not subject:
            return None
        words, stop = _clause_words(local[: toks[end][1]], toks[vs][0], lex, HEADLINE_WORDS)  # within its clause
        rest = local[stop:].lstrip()
        if len(words) <= 3 and re.match(r"that\s", rest):  # "had ruled that the deployment was ...": what was ruled
            more, _ = _clause_words(local, stop + len(local[stop:]) - len(rest) + 5, lex, HEADLINE_WORDS - len(words))
            words += more
    else:
        noun = next((k for k in inside if s.start + toks[k][0] in nouns), None)
        if (main_start is not None and noun is not None and s.start + toks[noun][0] == main_start) or kind != "sub":
            return None  # an event noun heads a line only in its own clause ("since the Feb. 1 coup")
        if not (inside and lex.determiner.fullmatch(toks[inside[0]][2].lower()) and toks[inside[0]][2].lower() != "of"):
            return None  # a noun phrase opened by its determiner ("after the overthrow of X"), not "while covering a ..."
        words = [w.strip(_PUNCT_NOT_DOT) for w in local[toks[c0][0] : toks[end][1]].split() if w.strip(_PUNCT)]  # ("Feb. 1")
        subject = []
        if toks[end][2].lower() in cues.relatives and end + 1 < len(toks):  # "the fuel depot blast ... that killed": its deed
            more, _ = _clause_words(local, toks[end + 1][0], lex, HEADLINE_WORDS)
            subject, words = [w for w in words if w.lower() != toks[end][2].lower()], more
            while subject and lex.trailing.fullmatch(subject[-1].lower()):
                subject.pop()
        if len(words) > NP_MAX_WORDS + 4:
            return None
    return _finish(subject + words, lex)


def _participle(toks: list, v: int, at: int, lex) -> bool:
    """Whether the verb at toks[v] reads as a past participle after its noun: a past form with no auxiliary before
    it, the date or a preposition right after it ("the Agreement signed in Pretoria", "a truce agreed in March")."""
    w = toks[v][2].strip(_PUNCT).lower()
    nxt = toks[v + 1][2].strip(_PUNCT).lower() if v + 1 < len(toks) else ""
    past = w.endswith("ed") or w in clauses.load_clause_cues().irregular_past
    return (past and not (v >= 1 and _aux(toks[v - 1][2].strip(_PUNCT).lower()))
            and (v + 1 == at or bool(lex.trailing.fullmatch(nxt) and not lex.determiner.fullmatch(nxt))))


def _first_subject(toks: list, is_verb, dated: frozenset) -> list[str]:
    """The sentence's subject: the noun phrase before its first verb or auxiliary ("The meeting [began]")."""
    first = next((k for k, t in enumerate(toks) if is_verb(t) or _aux(t[2].lower())), None)
    return _noun_phrase_before(toks, first, 0, is_verb, through_by=False, dated=dated) if first else []


def _finish(line: list[str], lex) -> str | None:
    """The words as a line: no article before a name, cut at a phrase's end; None when too short or too long, or
    when it opens with no subject (a relative pronoun, an auxiliary: "Will be almost identical") or a pronoun."""
    while line and not line[0].strip(_PUNCT + "-|"):
        line = line[1:]  # a dateline's dash or bar left before the clause ("HONG KONG (Reuters) - Asia battled ...")
    first = line[0].lower() if line else ""
    cues = load_headline_cues()
    if not first or first in cues.relatives or first in ("whom", "whose") or _aux(first) or first in cues.pronouns:
        return None  # ("he had not stuck to ...": the shared line names someone, this one no one)
    while len(line) > 2 and line[0].lower() in ("the", "a", "an") and line[1][:1].isupper() and not line[2][:1].isdigit():
        line.pop(0)
    if len(line) < 2 or len(line) > HEADLINE_WORDS + NP_MAX_WORDS:
        return None
    if len(line) > HEADLINE_WORDS:
        line = _to_phrase_end(line[:HEADLINE_WORDS], lex)
    out = _clip(line) if len(line) >= HEADLINE_MIN_WORDS else " ".join(line)[:1].upper() + " ".join(line)[1:]
    return out if len(out.split()) >= 2 else None
