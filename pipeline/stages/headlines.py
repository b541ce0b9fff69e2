"""Headlines: a short line per event for the chart (issue 18; docs/events.md "Headlines read by hand").

The line is the main clause's agent, predicate and object in the article's words: the subject as written
when it is a short noun phrase naming who acted (never a dateline, a source or a country standing for its
army or envoy), the predicate's clause, and for a reporting verb what was said. It ends at a phrase's end,
within HEADLINE_WORDS words and HEADLINE_CHARS characters, never on a preposition or an article.
"""
from __future__ import annotations

import re
from functools import lru_cache

from ..schema import Document, Mention, Sentence
from . import clauses
from .predicates import ACTING_KINDS
from .triggers import Lexicon, _group_at, _is_nominal, _owner, _QUOTED, _unique, find_triggers, load_lexicon, within

HEADLINE_CHARS = 110
HEADLINE_WORDS = 12

def _subject(doc: Document, mentions: list[Mention], trigger_start: int, triggers: list | None = None) -> str | None:
    """Who did it: the sentence's first actor group when it comes before the trigger, else the nearest."""
    actors = [m for m in mentions if m.kind in ACTING_KINDS]
    before = [i for i, m in enumerate(actors) if m.end <= trigger_start]
    if not before:
        return None
    group = [m for m in _group_at(doc, actors, 0) if m.end <= trigger_start]
    after_group = group[-1].end if group else trigger_start
    pool = triggers if triggers is not None else find_triggers(doc.text, after_group, trigger_start)
    reports = [tr for tr in pool if tr[2] == "REPORT" and after_group <= tr[0] and tr[1] <= trigger_start] if group else []
    if reports:  # "X said Y had discussed ...": Y did it, when Y is named after the reporting verb
        after = [i for i in before if actors[i].start >= reports[-1][1]]
        if after:
            group = _group_at(doc, actors, after[0])
    if not group:
        group = _group_at(doc, actors, before[-1])
    names = _unique(m.name for m in group)
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


HEADLINE_CLAUSE_WORDS = 12  # a fallback clause (no usable verb) may run a little longer than a verb's
HEADLINE_MIN_WORDS = 3
_PUNCT = "“”\"'’‘«»(),;:."
_WORD_BEFORE_DATE = re.compile(r"[\w'’]+")
_LOWER_WORD_NEXT = re.compile(r" [a-z]")
_POSSESSIVE = re.compile(r"[’']s\b")
_DANGLING_PREPOSITION = re.compile(r"\b(on|in|at|since|le|en|du|the|am|im|el)\s{2,}", re.I)
_EMPTY_BRACKETS = re.compile(r"\(\s*\)")
_NON_SPACE = re.compile(r"\S+")
_CLAUSE_PUNCT = re.compile(r"[;:–—]")
_ENDS_PHRASE = re.compile(r"[,;:“”\"()«»]$")
_ENDS_PHRASE_NOT_QUOTE = re.compile(r"[,;:)]$")


def _blank_dates(doc: Document, s: Sentence) -> str:
    """The sentence with its date words (and a preposition or possessive left dangling) blanked, offsets kept.

    A date inside a noun phrase ("the 1902 treaty") stays: blanking it would break the phrase.
    """
    local = doc.text[s.start : s.end]
    det = load_lexicon().determiner
    for t in within(doc.timexes, s.start, s.end):  # the date is on the chart's axis already: leave it out of the line
        a, b = t.start - s.start, t.end - s.start
        prev = _WORD_BEFORE_DATE.findall(local[max(0, a - 20) : a])
        nxt = local[b : b + 2]
        if prev and det.match(prev[-1]) and prev[-1].lower() != "of" and _LOWER_WORD_NEXT.match(nxt):
            continue
        if t.type in ("DURATION", "SET") or (prev and prev[-1].lower() == "of" and _LOWER_WORD_NEXT.match(nxt)):
            continue  # a length ("after nine months of blockade") or a date inside a phrase ("the deadline of 6 August given to ...") is part of it
        poss = _POSSESSIVE.match(local[b:])
        b += poss.end() if poss else 0
        local = local[:a] + " " * (b - a) + local[b:]
    local = _DANGLING_PREPOSITION.sub(lambda m: " " * len(m.group()), local)
    return _EMPTY_BRACKETS.sub(lambda m: " " * len(m.group()), local)


def _clip(words: list[str], limit: int = HEADLINE_CHARS) -> str:
    """Join words into a line: no trailing preposition or article, a capital first, cut at a word."""
    trailing = load_lexicon().trailing
    words = list(words)
    dangling = clauses.load_clause_cues().dangling
    while len(words) > HEADLINE_MIN_WORDS and (trailing.match(words[-1].strip(_PUNCT)) or not words[-1].strip(_PUNCT + "–—-")
                                               or words[-1].strip(_PUNCT).lower() in dangling):
        words.pop()
    head = " ".join(words).strip().rstrip(".,;:–—-").strip()
    if head.count("“") != head.count("”") or head.count('"') % 2:
        head = re.sub(r"[“”\"]", "", head)  # a quote cut off by the clause: drop its marks
    head = head[:1].upper() + head[1:]
    if len(head) <= limit:
        return head
    kept = head[: limit - 1].rsplit(" ", 1)[0].split()  # too long: cut at a word, then back to a phrase's end
    return " ".join(_to_phrase_end([w.rstrip("…") for w in kept], load_lexicon()))


def _clause_words(local: str, start: int, lex: Lexicon, limit: int, report: bool = False, quotes_end: bool = True) -> tuple[list[str], int]:
    """Words of local from start to the end of their clause (a clause stop, a closing comma, the limit), and that end."""
    words: list[str] = []
    end = start
    for m in _NON_SPACE.finditer(local[start:]):
        w = m.group()
        bare = w.strip(_PUNCT)
        if not bare:
            if words and (_CLAUSE_PUNCT.search(w) or (w == "," and len(words) >= HEADLINE_MIN_WORDS)):
                break
            continue
        if words and lex.clause_stop.match(bare):
            if len(words) == 1 and bare.lower() in ("that", "que", "dass"):
                continue  # "said that ...", "demanded that ...": what was said or asked is the point
            nxt = local[start + m.end() :].lstrip()[:1]
            if not (bare.lower() in ("and", "et", "und", "y") and words[-1][:1].isupper() and nxt.isupper()):
                break  # "Armenia and Azerbaijan" is one phrase, "..., and the army" a new clause
        if words and bare.lower() == "to":
            nxt = local[start + m.end() :].lstrip()[:1]
            if nxt.islower() and len(words) >= 4:
                break
        ends = bool((_ENDS_PHRASE if quotes_end else _ENDS_PHRASE_NOT_QUOTE).search(w))
        words.append(bare if ends else w.rstrip("“”\"»"))
        end = start + m.end()
        if ends or len(words) >= limit:
            break
    return words, end


def _coordinates_names(local: str, start: int, end: int) -> bool:
    """Whether the word at local[start:end] joins two capitalised names ("Ruritania and Freedonia")."""
    before = local[:start].rstrip().rsplit(" ", 1)[-1]
    return local[start:end].strip().lower() in ("and", "et", "und", "y") and before[:1].isupper() and local[end:].lstrip()[:1].isupper()


def _drop_lead(local: str, pos: int, lex: Lexicon, mention_starts: list[int]) -> int:
    """Skip connectives ("But", "Indeed,") and a short leading adverbial ("As informed on ..., ") at pos."""
    for _ in range(3):
        moved = False
        for n in range(4, 0, -1):  # the longest connective first ("as a result")
            mm = re.match(r"\s*((?:[^\W\d_]+\s+){%d})" % n, local[pos:] + " ")
            if mm and lex.connective.match(" ".join(mm.group(1).split()).strip(",")):
                pos += mm.end()
                moved = True
                break
            mm = re.match(r"\s*((?:[^\W\d_]+\s+){%d}[^\W\d_]+),\s*" % (n - 1), local[pos:])
            if mm and lex.connective.match(" ".join(mm.group(1).split())):
                pos += mm.end()
                moved = True
                break
        if moved:
            continue
        comma = local.find(",", pos)
        rest = local[comma + 1 :] if comma >= 0 else ""
        lead = local[pos:comma] if comma >= 0 else ""
        first = lead.split()[0] if lead.split() else ""
        adverbial = bool((lex.trailing.match(first) and not lex.determiner.match(first)) or lex.clause_stop.match(first) or lex.connective.match(first))
        if (comma >= 0 and adverbial and len(lead.split()) <= 10 and len(rest.split()) >= HEADLINE_MIN_WORDS and not _QUOTED.search(lead)
                and not any(pos <= p < comma for p in mention_starts)):
            pos = comma + 1
            continue
        break
    return pos


def _main_clause(local: str, lex: Lexicon, mention_starts: list[int]) -> tuple[list[str], int]:
    """The sentence's main clause: leading connectives and adverbials, asides ("I would say") dropped."""
    local = re.sub(r",\s*(?:\w+\s+){1,3}?" + lex.report.pattern + r"\s*,",
                   lambda m: " " * (len(m.group()) - 1) + ",", local, flags=re.I)
    local = re.sub(r"\s*\((?:[^()\s]+\s?){1,3}\)", lambda m: " " * len(m.group()), local)  # "(R)", "(pictured)"
    start = _drop_lead(local, 0, lex, mention_starts)
    words, end = _clause_words(local, start, lex, HEADLINE_CLAUSE_WORDS, quotes_end=False)
    if len(words) < HEADLINE_MIN_WORDS:  # the main clause ended at once: take the sentence's words
        words = [w.strip(_PUNCT) or w for w in local[start:].split()][:HEADLINE_CLAUSE_WORDS]
        end = len(local)
    return words, end


def _said(local: str, trig_rel: int, lex: Lexicon) -> list[str]:
    """What a speaker said when the reporting verb ends the sentence: the words quoted before it."""
    before = local[:trig_rel]
    before = re.sub(r"[,;:]?\s*[”\"»]?\s*,?\s*[\w\s.'’-]{0,40}$", "", before) if re.search(r"[”\"»,]", before) else before
    words = [w for w in (x.strip("“”\"«»‘’()") for x in before.split()) if w.strip(_PUNCT)]
    out = words[:HEADLINE_WORDS]
    if out and len(words) > HEADLINE_WORDS:
        out[-1] += "…"
    return out


@lru_cache(maxsize=4096)
def _whole_words(words: str) -> re.Pattern:
    """A pattern finding `words` not inside a longer word."""
    return re.compile(r"(?<!\w)" + re.escape(words) + r"(?!\w)")


def make_headline(doc: Document, s: Sentence, mentions: list[Mention], trigger: tuple[int, int, str] | None, triggers: list | None = None,
                  agent: str | None = None, through: int | None = None) -> str:
    """A short line for a chart: subject + verb + object, never a lone word or a mid-phrase fragment.

    With a verb trigger: the actor before it plus the trigger's clause (the subject's own words when no
    actor is named). A reporting verb that ends the sentence gives "X said: <the quoted words>". A noun
    trigger ("a truce"), no trigger, or too short a line falls back to the sentence's main clause.
    The line names an actor of the sentence when it has one: `agent` (the predicate's, issue 18) when given,
    so the subject is who acted, never a dateline, a source or a country standing in for someone else.
    A clause cut at the word limit ends at a phrase boundary with an ellipsis.
    """
    lex = load_lexicon()
    local = _blank_dates(doc, s)
    actor_starts = [m.start - s.start for m in mentions if m.kind in ACTING_KINDS]
    name = agent or (_subject(doc, mentions, trigger[0], triggers) if trigger else None)
    words: list[str] = []
    end = 0
    cut = False
    if trigger is not None and not _is_nominal(doc.text, trigger[0]):
        rel = trigger[0] - s.start
        report = trigger[2] == "REPORT"
        words, end = _clause_words(local, rel, lex, HEADLINE_WORDS, report)
        if through is not None and end < through - s.start:
            # the speaker's line runs on to what was said ("X said Y must reach an agreement")
            words = [w for w in (x.strip("“”\"«»()") for x in local[rel : through - s.start].split()) if w]
            more, end = _clause_words(local, through - s.start, lex, 4)
            words += more
        cut = len(words) >= HEADLINE_WORDS and _runs_on(local, end)
        if report and len(words) <= 1:
            said = _said(local, rel, lex)
            words = [w.strip(_PUNCT) for w in words] + [":"] + said if name and len(said) >= 2 else []
        elif name:
            words = _subject_gap(doc, s, local, mentions, name, trigger[0], lex) + words
        else:
            # No named subject: the clause's own subject ("conditions were", "I will not") leads.
            cut = max([0] + [m.end() for m in re.finditer(r"[,;:–—]\s", local[:rel])]
                      + [m.end() for m in re.finditer(r"\S+\s+", local[:rel]) if lex.clause_stop.match(m.group().strip().strip(_PUNCT))
                         and not _coordinates_names(local, m.start(), m.end())])
            cut = _drop_lead(local, cut, lex, actor_starts) if cut == 0 else cut
            lead = [w.strip(_PUNCT) for w in local[cut:rel].split() if w.strip(_PUNCT)]
            if report or len(lead) > HEADLINE_WORDS // 2:
                words = []  # "I would say" or a long subject: the main clause reads better
            else:
                words = lead + words
    fallback = len(words) < HEADLINE_MIN_WORDS
    if fallback:
        words, end = _main_clause(local, lex, actor_starts)
    names = _unique(m.name for m in mentions if m.kind in ACTING_KINDS)
    surfaces = [x for x in [doc.text[m.start : m.end].lower() for m in mentions] + [n.lower() for n in names] if x]

    def named(ws) -> bool:
        low = " ".join(ws).lower()
        return any(_whole_words(x).search(low) for x in surfaces + ([name.lower()] if name else []))

    quoted = bool(words) and words[0][:1] in "“\"«"
    if (fallback or not name) and not named(words) and not quoted:
        # The line names no one: run on to the sentence's next mention when it is near ("... (against Turkey)").
        nxt = sorted(m.end - s.start for m in mentions if m.start - s.start >= end)
        if nxt and len(local[end : nxt[0]].split()) <= HEADLINE_WORDS + 2:
            stop = local.find(")", nxt[0], nxt[0] + 2)
            extra = [w.strip("“”\"«»,;:") for w in local[end : (stop + 1 if stop >= 0 else nxt[0])].split()]
            if stop < 0 and not re.match(r"\s*[,;:)(“”\"«».]", local[nxt[0] :]):
                tail, _ = _clause_words(local, nxt[0], lex, 2)  # finish the phrase: "to the X district"
                extra += [w for w in tail if w[:1].islower()][:1] if tail[:1] and tail[0][:1].islower() else []
            if len(" ".join(words + extra)) <= HEADLINE_CHARS:
                words = words + [w for w in extra if w]
    if cut and len(words) >= HEADLINE_WORDS and _runs_on(local, end):
        words = _to_phrase_end(words, lex)
    body = " ".join(words).replace(" :", ":")
    if name and not named(words):
        body = f"{name} {body}" if not fallback else f"{name}: {body[:1].upper() + body[1:]}"
    elif not named(words) and (names or mentions):  # say whose event it is: an actor, else a place's country
        body = f"{names[0] if names else _owner(mentions[0])}: {body[:1].upper() + body[1:]}"
    return _clip(body.split())


def _runs_on(local: str, end: int) -> bool:
    """Whether the sentence's clause goes on after local[:end] (no clause punctuation or sentence end there)."""
    rest = local[end:].lstrip()
    return bool(rest) and rest[0] not in ".,;:!?)”\"»–—"


def _to_phrase_end(words: list[str], lex: Lexicon) -> list[str]:
    """A clause cut at the word limit, shortened to end on a content word, with an ellipsis ("had been" dropped)."""
    dangling = clauses.load_clause_cues().dangling
    out = list(words)
    while len(out) > HEADLINE_MIN_WORDS and (out[-1].strip(_PUNCT).lower() in dangling or lex.trailing.match(out[-1].strip(_PUNCT))
                                             or lex.determiner.match(out[-1].strip(_PUNCT))):
        out.pop()
    return out[:-1] + [out[-1].rstrip(",;:") + "…"] if out else out


def _subject_gap(doc: Document, s: Sentence, local: str, mentions: list[Mention], name: str, trigger_start: int, lex: Lexicon) -> list[str]:
    """The subject before a verb: its name, plus the words between it and the verb when they are its own.

    "Turkey has backed" keeps "has"; "Russian peacekeeping troops deployed" keeps the demonym's noun
    phrase rather than "Russia deployed"; a gap with punctuation or a clause word is dropped.
    """
    before = [m for m in mentions if m.end <= trigger_start and m.kind in ACTING_KINDS and m.name in name]
    if not before:
        return [name]
    last = before[-1]
    gap = local[last.end - s.start : trigger_start - s.start]
    gap_words = gap.split()
    surface = doc.text[last.start : last.end]
    if re.match(r"[’']s\s", gap) and len(gap_words) <= 4 and not re.search(r"[,;:()“”\"«»–—]", gap):
        return [surface + gap_words[0]] + gap_words[1:]  # "Turkey’s NATO membership makes ..."
    if len(gap_words) > 4 or re.search(r"[,;:()“”\"«»–—'’]", gap) or any(lex.clause_stop.match(w) for w in gap_words):
        return [name]
    if gap.startswith("-") and len(before) == 1:
        return [surface + gap_words[0]] + gap_words[1:]  # "A US-brokered truce was agreed"
    if len(before) == 1 and surface != last.name and gap_words and gap_words[0][:1].islower() and last.kind in ("country", "government"):
        return [surface] + gap_words  # a demonym qualifies the noun after it
    return [name] + gap_words
