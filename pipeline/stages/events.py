"""Events from sentences: one per (sentence, date) that reports something happening.

A sentence gives one event per DATE timex in it (two dates, two events), except the article's own
date line, reference words ("now") and durations/sets. A sentence with no usable date but a clear event
(a deed: its predicate in a past, perfect or progressive form, or a mode, whoever its actors are; or a
named person, organisation or government saying or doing something) is anchored to the article's creation
time, with `date_text` empty and the DCT's own granularity. Site furniture gives no events; captions, teasers
and reader comments do, with their section, so the dashboard can tell them from the outlet's reporting.

The event type, its PLOVER mode and the dyad (`actor1`/`actor2` with countries) come from the sentence's
main predicate (`predicates`, issue 18; docs/events.md); a second date's event from the trigger nearest to
it. Actors and countries lists from the actors stage's mentions in the sentence.
"""
from __future__ import annotations

import bisect
import hashlib
import re
from functools import lru_cache

from ..registry import key_of, load_registry
from ..schema import Document, Event, Mention, Sentence, Timex
from ..timex.display import date_display
from ..timex import (
    value_interval,  # the TIMEX3 interval, one definition for every stage
)
from . import clauses
from .predicates import (
    ACTING_KINDS,
    Predicate,
    _dyad,
    _find_predicate,
    _in_name,
    _main_anchor,
    find_predicate,
    headline_subject,
    predicate_at,
)
from .sections import block_at, load_cues
from .triggers import (  # noqa: F401  (load_lexicon, find_triggers and the scans are this stage's public face too)
    _PHRASE_BREAK,
    _PHRASE_WORD,
    Lexicon,
    _group_at,
    _is_nominal,
    _opening_triggers,
    _outside_quotes,
    _owner,
    _QUOTED,
    _scan_triggers,
    _unique,
    find_triggers,
    load_lexicon,
    within,
)

NEEDS: tuple[str, ...] = ("sentences", "timexes", "mentions", "blocks", "published")
SETS: tuple[str, ...] = ("events",)

HEADLINE_CHARS = 110
HEADLINE_WORDS = 12
HEADLINE_LINE_WORDS = 20
MIN_WORDS_OUTSIDE_DATES = 3
DATELINE_PREFIX_CHARS = 40
_WORD = re.compile(r"[^\W\d_]{2,}")


def make_event_id(doc_id: str, quote: str, date_text: str, n: int = 0) -> str:
    """A stable id: the same sentence and date words in the same article give the same id."""
    key = f"{doc_id}\x1f{quote}\x1f{date_text}\x1f{n}"
    return hashlib.sha1(key.encode("utf-8")).hexdigest()[:16]


def _block_of(doc: Document, pos: int):
    return block_at(doc.blocks, pos)


def is_dateline(doc: Document, t: Timex) -> bool:
    """Whether a timex is the article's own date line ("MOSCOW, 30 December, 2020, (TON): ...")."""
    block = _block_of(doc, t.start)
    if block is None:
        return False
    if block.section == "boilerplate":
        return True
    if t.start - block.start > DATELINE_PREFIX_CHARS:  # before slicing: a block may be megabytes long
        return False
    prefix = doc.text[block.start : t.start]
    date_words = load_cues().date_line_words
    if any(w not in date_words for w in re.findall(r"\b[a-zà-ÿ]{3,}\b", prefix)):
        return False
    after = doc.text[t.end : t.end + 30]
    m = re.search(r"\(|:|\s[-–—]\s|—|–", after)
    if not m:
        return False
    return not re.search(r"\b[a-zà-ÿ]{2,}\b", after[: m.start()])


def _usable(t: Timex) -> bool:
    """A DATE (or a TIME on a known day) whose value places it in time (not PRESENT_REF and the like)."""
    if not t.value or t.value.endswith("_REF") or not re.search(r"[\dX]", t.value):
        return False
    return t.type == "DATE" or (t.type == "TIME" and bool(re.match(r"(\d{4}|XXXX)-\d{2}-\d{2}", t.value)))


def _specificity(t: Timex) -> tuple[int, int]:
    order = ("day", "week", "month", "season", "quarter", "half", "year", "decade", "century")
    g = order.index(t.granularity) if t.granularity in order else len(order)
    return (0 if t.date_start else 1, g)


def event_dates(doc: Document, s: Sentence, timexes: list[Timex] | None = None) -> list[Timex]:
    """The DATE timexes of a sentence that date an event; adjacent ones ("Wednesday (25 November)") merge.
    `timexes`: the sentence's own timexes when the caller has them (else they are picked from the article's)."""
    inside = timexes if timexes is not None else [t for t in doc.timexes if s.start <= t.start and t.end <= s.end]
    found = sorted((t for t in inside if _usable(t)), key=lambda t: t.start)
    found = [t for t in found if not is_dateline(doc, t)]
    merged: list[Timex] = []
    for t in found:
        if merged and re.fullmatch(r"[\s(),/–—-]*", doc.text[merged[-1].end : t.start]):
            if _specificity(t) < _specificity(merged[-1]):
                merged[-1] = t
            continue
        merged.append(t)
    return merged


def _words_outside(doc: Document, s: Sentence, dates: list[Timex], timexes: list[Timex] | None = None) -> int:
    text = doc.text[s.start : s.end]
    inside = timexes if timexes is not None else [t for t in doc.timexes if s.start <= t.start and t.end <= s.end]
    for t in sorted(inside, key=lambda t: -t.start):
        text = text[: t.start - s.start] + " " + text[t.end - s.start :]
    return len(_WORD.findall(text))


_RELATIVE = re.compile(r",\s*(?:which|who|whose|where|qui|dont|lequel|laquelle)\b[^,;]*(?:,|$)", re.I)
AFTER_DATE_PENALTY = 40  # chars: the verb of "signed ... on 10 November" usually comes before the date
NOMINAL_PENALTY = 60  # chars: a noun trigger ("a ceasefire") loses to a verb a little farther away


def choose_trigger(text: str, triggers: list[tuple[int, int, str]], date_pos: int | None, subject_pos: int | None = None, n_dates: int = 1):
    """The trigger that types the event.

    With one date in the sentence: the first verb after the first actor (the main clause's verb).
    With several dates, or no verb after an actor: the verb nearest the date (nouns and reporting
    verbs last), so "signed on 9 November ... took effect on 10 November" types each date apart.
    """
    typed = [tr for tr in triggers if tr[2] != "REPORT"]
    if not typed:
        return triggers[0] if triggers else None
    if n_dates <= 1 and subject_pos is not None:
        relative = [m.span() for m in _RELATIVE.finditer(text, subject_pos, typed[-1][1] + 1)]
        main = [tr for tr in typed if tr[0] > subject_pos and not _is_nominal(text, tr[0]) and not any(a <= tr[0] < b for a, b in relative)]
        if main:
            return main[0]
    anchor = date_pos if date_pos is not None else typed[0][0]
    return min(
        typed,
        key=lambda tr: abs(tr[0] - anchor) + (NOMINAL_PENALTY if _is_nominal(text, tr[0]) else 0) + (AFTER_DATE_PENALTY if tr[0] > anchor else 0),
    )


def _headline_like(doc: Document, s: Sentence) -> bool:
    """A one-line title (no sentence punctuation at the end): it names an event, it does not report one."""
    block = _block_of(doc, s.start)
    line = doc.text[block.start : block.end] if block else doc.text[s.start : s.end]
    return len(line.split()) <= HEADLINE_LINE_WORDS and not re.search(r"[.!?…]['\"”’]?\s*$", line)


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


def find_events(doc: Document) -> list[Event]:
    """Events of a document, in text order: sentence, then its main predicate's event, then the other dates'."""

    lex = load_lexicon()
    names = load_registry().name_keys
    events: list[Event] = []
    seen: dict[tuple[str, str], int] = {}
    dct_start, dct_end, dct_gran = value_interval(doc.published)
    all_triggers = find_triggers(doc.text, 0, len(doc.text), lex)  # one pass per type over the text
    for s in doc.sentences:
        if s.section == "boilerplate":
            continue
        own_timexes = within(doc.timexes, s.start, s.end)  # by bisection: a scan per sentence is quadratic
        dates = event_dates(doc, s, own_timexes)
        if _words_outside(doc, s, dates, own_timexes) < MIN_WORDS_OUTSIDE_DATES:
            continue
        ments = within(doc.mentions, s.start, s.end)
        lo, hi = bisect.bisect_left(all_triggers, (s.start,)), bisect.bisect_left(all_triggers, (s.end,))
        named = [m for m in ments if m.kind in ("person", "organisation")]
        # a trigger inside a name is part of the name ("Rapid Support Forces", "Amnesty International")
        triggers = [tr for tr in all_triggers[lo:hi] if tr[1] <= s.end and not any(m.start <= tr[0] < m.end for m in named)
                    and not _in_name(doc, s, tr[0])]
        actor_ments = [m for m in ments if m.kind in ("person", "organisation", "government") or (m.kind == "country" and key_of(m.text) in names)]
        if not dates and (not doc.published or _headline_like(doc, s)):
            continue  # no anchor for it, whatever its predicate (the test below, without reading the predicate)
        speaking = None
        if not dates:
            # Anchored to the DCT when the sentence has a clear predicate (whoever its actors are), or
            # when someone named says or does something (a reporting or action verb with a person,
            # organisation or government in the sentence).
            # a country named before a reporting verb speaks too ("China said Japan's remarks were a provocation")
            first_report = next((tr[0] for tr in triggers if tr[2] == "REPORT"), None)
            speakers = [m for m in actor_ments if m.kind in ("person", "organisation", "government")
                        or (first_report is not None and m.end <= first_report)]
            verbal = [tr for tr in triggers if tr[2] == "REPORT" or not _is_nominal(doc.text, tr[0])]
            speaking = bool(speakers and verbal)
        # (nobody named speaking in an undated sentence: only a deed gives an event, the predicate need go no further)
        pred = find_predicate(doc, s, triggers, ments, deed_only=speaking is False) if doc.language == "en" else None
        if not dates:
            clear = pred is not None and pred.deed
            if not (doc.published and (speaking or clear)) or _headline_like(doc, s):
                continue
            anchors: list[Timex | None] = [None]
        else:
            anchors = list(dates)
        quote = doc.text[s.start : s.end]
        actors = _unique(m.name for m in actor_ments)
        countries = _unique(m.country for m in ments)
        locations = _unique(m.name for m in ments if m.kind == "location")
        spoken = _outside_quotes(doc, s, actor_ments, lambda m: m.start)
        first_actor = spoken[0].start if spoken else None
        said_triggers = _outside_quotes(doc, s, triggers)
        said_ments = _outside_quotes(doc, s, ments, lambda m: m.start)
        headlines: dict = {}  # trigger -> headline: two dates typed by one verb share the line
        main_anchor = _main_anchor(pred, anchors, triggers)
        if any(t is main_anchor for t in anchors):  # the sentence's main event first, then its background dates
            anchors = [main_anchor] + [t for t in anchors if t is not main_anchor]
        for t in anchors:
            if pred is not None and t is main_anchor:
                own = pred
            else:
                # a second date's own verb (nearest to it), with its own clause's roles; another language:
                # the trigger chosen as before issue 18
                trigger = choose_trigger(doc.text, said_triggers, t.start if t else None, first_actor, max(2, len(anchors)) if pred else len(anchors))
                own = predicate_at(doc, s, trigger, triggers, ments, pred)
            trigger = own.trigger if own is not None else trigger
            event_type = own.event_type if own is not None else (trigger[2] if trigger else "REPORT")
            mode = own.mode if own is not None else "done"
            dyad = _dyad(doc, own)
            line_trigger, agent = headline_subject(doc, own) if own is not None else (trigger, None)
            if (line_trigger, agent) not in headlines:
                through = own.trigger[1] if own is not None and own.speaker_report else None
                headlines[(line_trigger, agent)] = make_headline(doc, s, said_ments, line_trigger, triggers, agent, through)
            headline = headlines[(line_trigger, agent)]
            event_type = event_type if trigger and event_type != "REPORT" else lex.fallback
            date_text = t.text if t else ""
            n = seen.get((quote, date_text), 0)
            seen[(quote, date_text)] = n + 1
            if t:
                value, start, end, gran = t.value, t.date_start, t.date_end, t.granularity
            else:
                value, start, end, gran = doc.published, dct_start, dct_end, dct_gran
            events.append(
                Event(
                    event_id=make_event_id(doc.doc_id, quote, date_text, n),
                    doc_id=doc.doc_id, source=doc.source, title=doc.title, url=doc.url,
                    published=doc.published, published_inferred=doc.published_inferred,
                    date_text=date_text, date_value=value, date_start=start, date_end=end, granularity=gran,
                    actors=actors, countries=countries, locations=locations, event_type=event_type,
                    headline=headline, quote=quote,
                    char_start=s.start, char_end=s.end, section=s.section,
                    published_basis=doc.published_basis,
                    event_mode=mode, actor1=dyad[0], actor1_country=dyad[1], actor2=dyad[2], actor2_country=dyad[3],
                    date_display=date_display(value, gran, start, end, t.mod if t else None),
                )
            )
    return events


def annotate(doc: Document) -> Document:
    """Set doc.events (schema.Event records) from the sentences, timexes and mentions."""
    doc.events = find_events(doc)
    return doc
