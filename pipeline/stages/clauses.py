"""A light clause reading for the event stage (issue 18): which parts of a sentence are background, and
what a predicate's mode is (done, negated, intended, planned, prepared, threatened, demanded).

No parser: a sentence is cut at punctuation and at the words of `pipeline/data/lexicon/clauses.yaml`.
Relative and adverbial clauses ("..., where 28 people have been killed", "after talks in Moscow, ..."),
participle adjuncts (", killing 20") and the source of a report (", the White House announced Tuesday")
are *masked*: their verbs do not type the sentence's event and their names are not its actors. A
dependency parse (spaCy `en_core_web_sm` 3.8) was measured at 1.24 x `dateparser.search_dates` time on
the same articles, over the build's whole budget (see docs/events.md); these rules cost a scan per
sentence that has a trigger.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from ..config import DATA_DIR, load_yaml
from .attribution import tail_has_content

_TOKEN = re.compile(r"[^\W_](?:[\w'’.-]*[\w'’])?|[,;:()\[\]–—]")
_BOUNDARY = frozenset(",;:()[]–—")


@dataclass(frozen=True)
class ClauseCues:
    """The clause words of clauses.yaml, compiled (see that file for what each list means)."""

    subordinators: frozenset
    as_subjects: frozenset
    leading: frozenset
    leading_max_words: int
    participle_endings: tuple
    attribution_max_words: int
    light_verbs: frozenset
    passive_be: frozenset
    modes: tuple  # (mode, ((word, ...), ...)) strongest first
    mode_window: int
    quad_of: dict
    type_by_mode: dict
    irregular_past: frozenset = frozenset()
    perfect_aux: frozenset = frozenset()
    not_names: frozenset = frozenset()
    ethnic_qualifiers: frozenset = frozenset()
    scheduled_types: frozenset = frozenset()
    conditionals: tuple = ()
    allegation_types: frozenset = frozenset()
    dangling: frozenset = frozenset()
    collective_subjects: frozenset = frozenset()
    offer_words: frozenset = frozenset()
    media_words: frozenset = frozenset()
    qualifier_prefixes: tuple = ()  # issue 18: "pro-", "anti-" before a name: it qualifies, it does not act
    qualifier_suffixes: tuple = ()  # "-backed", "-funded" after a name
    own_forces_words: frozenset = frozenset()
    self_directed_types: frozenset = frozenset()
    subject_pronouns: frozenset = frozenset()
    passive_agent_clauses: frozenset = frozenset()
    crowd_words: frozenset = frozenset()  # issue 18 round 4: "students clashed with police": a protest
    crowd_verbs: frozenset = frozenset()
    allegation_verbs: frozenset = frozenset()  # issue 18 round 4: a trailing "..., X charged" alleges
    directive_reports: frozenset = frozenset()  # "told Y to ...": a demand
    receiver_verbs: frozenset = frozenset()  # "Iraq faces new U.S. sanctions": the subject is the target
    not_subject_words: frozenset = frozenset()  # a subject written as plain words holds none ("I will not")
    leading_participles: frozenset = frozenset()  # "Citing ..., X did": a leading adjunct
    leading_participle_preps: frozenset = frozenset()  # "Angered by ..., X did"
    circumstance_openers: tuple = ()  # "under U.S. sanctions": the country sets the scene, it takes no part
    circumstance_heads: frozenset = frozenset()
    date_words: frozenset = frozenset()  # issue 18 round 7: "vowed on Sunday to ...": a date between verb and complement
    date_lead_words: frozenset = frozenset()
    receiver_types: frozenset = frozenset()  # (round 7) event types a receiving verb far from its noun may receive
    to_agent_passives: frozenset = frozenset()  # (round 8) "was summoned to the Chinese foreign ministry": who summons


@lru_cache(maxsize=4)
def load_clause_cues(path: str | None = None) -> ClauseCues:
    """Load the clause cues (default: the packaged lexicon/clauses.yaml)."""
    with open(path or DATA_DIR / "lexicon" / "clauses.yaml", encoding="utf-8") as fh:
        data = load_yaml(fh)

    def low(key) -> frozenset:
        return frozenset(str(w).lower() for w in data.get(key) or ())

    modes = tuple((str(mode), tuple(tuple(str(c).lower().split()) for c in cues)) for mode, cues in (data.get("modes") or {}).items())
    quad_of = {t: quad for quad, types in (data.get("quads") or {}).items() for t in types}
    return ClauseCues(low("subordinators"), low("as_subjects"), low("leading"), int(data.get("leading_max_words", 12)),
                      tuple(data.get("participle_endings") or ()), int(data.get("attribution_max_words", 14)),
                      low("light_verbs"), low("passive_be"), modes, int(data.get("mode_window", 5)), quad_of,
                      {str(k): dict(v) for k, v in (data.get("type_by_mode") or {}).items()},
                      low("irregular_past"), low("perfect_aux"), low("not_names"),
                      low("ethnic_qualifiers"), frozenset(str(x) for x in data.get("scheduled_types") or ()),
                      tuple(tuple(str(c).lower().split()) for c in data.get("conditionals") or ()),
                      frozenset(str(x) for x in data.get("allegation_types") or ()), low("dangling"),
                      low("collective_subjects"), low("offer_words"), low("media_words"),
                      tuple(str(w).lower() for w in data.get("qualifier_prefixes") or ()),
                      tuple(str(w).lower() for w in data.get("qualifier_suffixes") or ()), low("own_forces_words"),
                      frozenset(str(x) for x in data.get("self_directed_types") or ()), low("subject_pronouns"),
                      low("passive_agent_clauses"), low("crowd_words"), low("crowd_verbs"),
                      low("allegation_verbs"), low("directive_reports"),
                      low("receiver_verbs"), low("not_subject_words"),
                      low("leading_participles"), low("leading_participle_preps"),
                      tuple(tuple(str(c).lower().split()) for c in data.get("circumstance_openers") or ()),
                      low("circumstance_heads"), low("date_words"), low("date_lead_words"),
                      frozenset(str(x) for x in data.get("receiver_types") or ()), low("to_agent_passives"))


CIRCUMSTANCE_GAP = 2  # words ("the", "new", "tough") that may stand between the opener and the name


def in_circumstance(text: str, start: int, end: int, sentence_start: int, cues: ClauseCues) -> bool:
    """Whether the name at text[start:end] only qualifies a circumstance of the event: an opener ("under",
    "amid", "despite") at most CIRCUMSTANCE_GAP words before it and a head ("sanctions", "pressure") right
    after it, possibly after a possessive ("under Washington's sanctions")."""
    if not cues.circumstance_openers or not cues.circumstance_heads:
        return False
    # only the first one or two words after the name matter: read them lazily, not all of the stretch (this
    # runs for every name of every dated sentence, and most names are followed by no head)
    after = _TOKEN.finditer(text, end, min(len(text), end + 40))
    first = next(after, None)
    if first is not None and first.group().lower() in ("'s", "’s", "s") and first.start() <= end + 1 and text[end] in "'’":
        first = next(after, None)
    if first is None or first.group().lower() not in cues.circumstance_heads:
        return False
    toks = tokens(text, max(sentence_start, start - 60), start)
    before = [w for _, _, w in toks]
    for opener in cues.circumstance_openers:
        n = len(opener)
        for gap in range(CIRCUMSTANCE_GAP + 1):
            cut = len(before) - gap
            if cut - n >= 0 and tuple(before[cut - n:cut]) == opener and all(
                    text[a:b].isalpha() and text[a:b].islower() for a, b, _ in toks[cut:]):
                return True
    return False


def may_be_circumstance(text: str, start: int, end: int, cues: ClauseCues) -> bool:
    """False only when no name inside text[start:end] can be `in_circumstance`: no head word is written in the
    stretch its look-ahead reads (a cheap gate run once per sentence; build cost, issue 18)."""
    low = text[start : end + 40].lower()
    return any(h in low for h in cues.circumstance_heads)


@lru_cache(maxsize=256)  # the same stretches are read by several cues (a str caches its own hash); small: entries hold texts
def tokens(text: str, start: int, end: int) -> tuple[tuple[int, int, str], ...]:
    """Words and clause punctuation of text[start:end] as (start, end, lower-cased word)."""
    return tuple([(m.start(), m.end(), m.group().lower()) for m in _TOKEN.finditer(text, start, end)])


def without_dates(toks, cues: ClauseCues) -> list:
    """`toks` (from `tokens`) less the words of a short date adjunct ("on Sunday", "today", "on March 3", "last
    week"), which wire copy puts between a verb and its complement ("vowed on Sunday to retaliate", "was hit on
    Friday by new U.S. sanctions", issue 18 round 7): the mode and light-verb windows read past it."""
    if not cues.date_words or not any(t[2] in cues.date_words for t in toks):
        return list(toks)
    keep = [True] * len(toks)
    for i, (_a, _b, w) in enumerate(toks):
        if w not in cues.date_words:
            continue
        keep[i] = False
        j = i - 1
        while j >= 0 and toks[j][2] in cues.date_lead_words:
            keep[j], j = False, j - 1
        if i + 1 < len(toks) and toks[i + 1][2].isdigit():  # "on March 3"
            keep[i + 1] = False
    return [t for t, k in zip(toks, keep) if k]


def _next_boundary(toks: list, i: int, end: int, cues: ClauseCues | None = None) -> int:
    """Where the clause opened at token i ends: the next clause punctuation, a coordinated clause of its own
    ("... where 28 people were killed | and the province was reported quiet"), else the sentence's end."""
    for k in range(i + 1, len(toks)):
        a, _b, w = toks[k]
        if w in _BOUNDARY:
            return a
        if cues is not None and w in ("and", "but") and k + 2 < len(toks) and toks[k + 1][2] in _CLAUSE_DETERMINERS:
            ahead = [t[2] for t in toks[k + 2 : k + 5]]
            if any(x in cues.passive_be or x in cues.perfect_aux for x in ahead[1:]):
                return a  # "and the province was ...": a subject and its verb open a new main clause
    return end


_CLAUSE_DETERMINERS = frozenset(("the", "its", "their", "his", "her", "this", "these", "those"))


_ATTRIBUTION_AFTER_VERB = 6  # tokens after the reporting verb of a trailing attribution ("said in a statement on Tuesday .")
_OPENER_WORDS = frozenset(("as", "according"))  # clause openers of masked_spans beside the subordinators


def masked_spans(text: str, start: int, end: int, reports: list[tuple[int, int]], cues: ClauseCues | None = None) -> list[tuple[int, int]]:
    """Spans of text[start:end] that are background: leading adverbials, subordinate and relative clauses,
    participle adjuncts and a trailing source of the report (`reports`: the reporting verbs' spans)."""
    cues = cues or load_clause_cues()
    toks = tokens(text, start, end)
    spans: list[tuple[int, int]] = []
    if not toks:
        return spans
    words = [w for _a, _b, w in toks]
    # a short leading adverbial up to its comma ("In an interview this weekend, ..."), or a leading participle's adjunct
    # ("Citing Iraq's failure to cooperate, ...", "Angered by the verdict, ...")
    if words[0] in cues.leading or words[0] in cues.leading_participles or (
            len(words) > 1 and words[0].endswith("ed") and words[1] in cues.leading_participle_preps):
        for j, w in enumerate(words[: cues.leading_max_words + 1]):
            if w == ",":
                spans.append((start, toks[j][1]))
                break
    subordinators = cues.subordinators
    # no clause opens at a word that is none of the cues below and follows no comma: those are skipped at once
    for i in [k for k in range(1, len(words)) if words[k - 1] == "," or words[k] in subordinators or words[k] in _OPENER_WORDS]:
        a, _b, w = toks[i]
        prev = words[i - 1]
        nxt = words[i + 1] if i + 1 < len(words) else ""
        opens = w in cues.subordinators and not (w == "following" and prev in ("the", "a"))
        opens = opens or (w == "as" and nxt in cues.as_subjects and prev == ",")
        opens = opens or (w == "according" and nxt == "to")
        opens = opens or (prev == "," and w[:1].isalpha() and w.endswith(cues.participle_endings) and text[a].islower())
        if opens:
            spans.append((a, _next_boundary(toks, i, end, cues)))
    # the source of the report after the last comma: ", the White House announced Tuesday"
    commas = [j for j, w in enumerate(words) if w == ","]
    if commas:
        last = commas[-1]
        tail_start = toks[last][1]
        # the reporting verb ends the tail ("..., the White House announced on Tuesday"); with its content after it
        # the tail is the sentence's main clause ("In a statement, the government said it was ready to ...")
        # (round 6) a tail opening with the reporting verb is the main clause after a clause closing at that comma or
        # with a content clause after the verb ("The U.S. secretary of state, who arrived on Monday, said Israel must
        # halt ...", "The United States, backed by Britain, said Iraq must ..."), not an inverted '"...," said X'
        verb = next((r for r in reports if last + 1 < len(toks) and r[0] == toks[last + 1][0]), None)
        main_verb = verb is not None and (any(b == toks[last][0] for _a, b in spans) or tail_has_content(text, verb[1], end))
        if not main_verb and len(words) - last - 1 <= cues.attribution_max_words and any(
                tail_start <= r0 < end and len(tokens(text, r1, end)) <= _ATTRIBUTION_AFTER_VERB for r0, r1 in reports):
            spans.append((tail_start, end))
    return sorted(spans)


def inside(spans: list[tuple[int, int]], pos: int) -> bool:
    """Whether pos lies in one of the spans."""
    return any(a <= pos < b for a, b in spans)


@lru_cache(maxsize=4)
def _mode_patterns(modes: tuple) -> tuple[tuple[str, re.Pattern], ...]:
    """One regex per mode over a space-joined word window ('*' is any one word), strongest mode first."""
    out = []
    for mode, patterns in modes:
        alts = [" ".join(r"\S+" if w == "*" else re.escape(w) for w in pat) for pat in patterns if pat]
        if alts:
            out.append((mode, re.compile(r"(?:^| )(?:" + "|".join(sorted(alts, key=len, reverse=True)) + r")(?= |$)")))
    return tuple(out)


_MODE_PATTERNS: dict = {}  # id(modes) -> (modes, their patterns): lru_cache would hash the nested tuple per call


def _patterns_of(modes: tuple) -> tuple[tuple[str, re.Pattern], ...]:
    got = _MODE_PATTERNS.get(id(modes))
    if got is None or got[0] is not modes:
        got = _MODE_PATTERNS[id(modes)] = (modes, _mode_patterns(modes))
    return got[1]


def mode_before(text: str, clause_start: int, trigger_start: int, trigger_text: str = "", cues: ClauseCues | None = None) -> str:
    """The PLOVER mode a predicate has from the words right before it (and itself): negated, obligate,
    threaten, prepare, plan, intend, else done. Words past clause punctuation do not count."""
    cues = cues or load_clause_cues()
    # only the last few words matter: tokenise a short stretch, not the whole clause
    before = [w for _a, _b, w in without_dates(tokens(text, max(clause_start, trigger_start - 16 * cues.mode_window), trigger_start), cues)]
    window: list[str] = []
    for w in reversed(before):
        if w in _BOUNDARY or len(window) >= cues.mode_window:
            break
        window.append(w)
    window.reverse()
    window += [w for _a, _b, w in tokens(trigger_text, 0, len(trigger_text))][:2]
    joined = " ".join(window)
    for mode, pattern in _patterns_of(cues.modes):
        if pattern.search(joined):
            return mode
    return "done"


def typed_by_mode(event_type: str, mode: str, cues: ClauseCues | None = None) -> str:
    """The PLOVER type of an action of `event_type` in `mode` ("will provide aid": AID, intend -> AGREE)."""
    cues = cues or load_clause_cues()
    by_mode = cues.type_by_mode.get(mode, {})
    return by_mode.get(event_type) or by_mode.get(cues.quad_of.get(event_type, ""), event_type)


def typed_by_crowd(event_type: str, verb: str, subject: str, cues: ClauseCues | None = None) -> str:
    """PROTEST for a clash or a storming whose subject is a crowd of civilians ("Students clashed with riot police",
    "Demonstrators stormed the embassy", "Students boycotted classes"; PLOVER PROTEST: demonstrations, riots and
    boycotts), else `event_type`."""
    cues = cues or load_clause_cues()
    if event_type not in ("ASSAULT", "COERCE", "SANCTION") or verb.split()[0].lower() not in cues.crowd_verbs:
        return event_type
    return "PROTEST" if any(w.strip(",").lower() in cues.crowd_words for w in subject.split()) else event_type


def conditional_after(text: str, pos: int, end: int, cues: ClauseCues | None = None) -> bool:
    """Whether a condition ("if", "unless", "provided") follows pos in the sentence."""
    cues = cues or load_clause_cues()
    words = [w for _a, _b, w in tokens(text, pos, end)]
    return any(tuple(words[k : k + len(c)]) == c for c in cues.conditionals for k in range(len(words)))


@lru_cache(maxsize=16)
def cue_pattern(mode: str) -> re.Pattern:
    """A regex for a mode's cues that have no wildcard ("must", "has to"), on word boundaries."""
    cues = load_clause_cues()
    words = [" ".join(c) for m, pats in cues.modes if m == mode for c in pats if "*" not in c]
    if not words:
        return re.compile(r"(?!x)x")
    alt = "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in sorted(words, key=len, reverse=True))
    return re.compile(r"(?<![\w-])(?:" + alt + r")(?![\w-])", re.I)


_PARTICIPLE = re.compile(r"(?:ed|en|wn)$|^(?:shot|hit|struck|held|met|fought|sent|seized|beat|built|brought|caught|cut|hurt|kept|left|led|lost|put|set|told|taken|bombed)$")


def is_passive(text: str, clause_start: int, trigger_start: int, trigger_end: int, cues: ClauseCues | None = None) -> bool:
    """Whether the predicate is in the passive voice: a form of "be" (an adverb may stand between) and a participle."""
    cues = cues or load_clause_cues()
    words = [w for _a, _b, w in tokens(text, max(clause_start, trigger_start - 60), trigger_start)][-3:]
    first = tokens(text, trigger_start, trigger_end)
    if not first or not _PARTICIPLE.search(first[0][2]):
        return False
    return any(w in cues.passive_be for w in words[-2:]) and not any(w in _BOUNDARY for w in words[-2:])


def is_deed(text: str, clause_start: int, trigger_start: int, trigger_end: int, cues: ClauseCues | None = None) -> bool:
    """Whether a predicate reads as something done: a past form, or a perfect or progressive ("has met",
    "is investigating"); present-tense analysis ("they occupy contrary positions") is not."""
    cues = cues or load_clause_cues()
    first = tokens(text, trigger_start, trigger_end)
    if not first:
        return False
    word = first[0][2]
    if (word.endswith("ed") and len(word) > 4) or word in cues.irregular_past:
        return True
    for (_a, _b, aux), (_c, _d, part) in zip(first[1:], first[2:]):  # a phrase holding its own passive: "the curfew was lifted"
        if aux in cues.passive_be and (part.endswith("ed") or part in cues.irregular_past):
            return True
    before = [w for _a, _b, w in tokens(text, max(clause_start, trigger_start - 60), trigger_start)][-3:]
    if before and before[-1] == "to":  # a purpose after a deed: "arrived in Kobe to help victims"
        # (round 5: the deed's verb up to ten words back: "dumped manure outside the ministry in Bonn to protest")
        lead = [w for _a, _b, w in tokens(text, max(clause_start, trigger_start - 120), trigger_start)][-11:-1]
        if any((w.endswith("ed") and len(w) > 4) or w in cues.irregular_past for w in lead):
            return True
    return word.endswith(("ing", "en", "wn")) and any(w in cues.perfect_aux for w in before)


def light_verb_before(text: str, clause_start: int, pos: int, cues: ClauseCues | None = None) -> tuple[int, int] | None:
    """The span of a light verb ("staged", "launched", "imposed") governing the noun at pos (at most 3 words
    back, same clause), else None."""
    cues = cues or load_clause_cues()
    for a, b, w in reversed(without_dates(tokens(text, max(clause_start, pos - 100), pos), cues)[-4:]):
        if w in _BOUNDARY:
            return None
        if w in cues.light_verbs:
            return (a, b)
    return None


RECEIVER_WINDOW = 9  # words back from an event noun to a receiving verb ("received 50,000 tons of American food aid")


def receiver_before(text: str, clause_start: int, pos: int, cues: ClauseCues | None = None) -> tuple[int, int] | None:
    """The span of a receiving verb (`receiver_verbs`: "received", "suffered", "lost", "the target of") up to
    RECEIVER_WINDOW words before the event noun at pos, in its clause (issue 18 round 7), else None: "Lebanon lost 20
    soldiers in Israeli air raids" (Lebanon is the target, the raids' demonym acts)."""
    cues = cues or load_clause_cues()
    for a, b, w in reversed(without_dates(tokens(text, max(clause_start, pos - 160), pos), cues)[-RECEIVER_WINDOW:]):
        if w == "," and text[a - 1 : a].isdigit() and text[b : b + 1].isdigit():
            continue  # "50,000 tons"
        if w in _BOUNDARY or w in cues.subordinators:
            return None
        if w in cues.receiver_verbs:
            return (a, b)
    return None


_NEXT_WORD = re.compile(r"\s+([\w'’]+)")


def with_next_word(text: str, trigger: tuple) -> str:
    """The trigger's words and the word after it ("threatened to"): a mode cue may be the trigger itself."""
    nxt = _NEXT_WORD.match(text[trigger[1] : trigger[1] + 30])
    return text[trigger[0] : trigger[1]] + (" " + nxt.group(1) if nxt else "")


def agent_after_by(text: str, trigger_end: int, stop: int) -> int | None:
    """Where the agent of a passive begins: just after "by" following the predicate in its clause, else None; after
    a verb of `to_agent_passives`, just after a "to" among the next three words (round 8: "The British ambassador was
    summoned to the Chinese foreign ministry": the ministry summons; "summoned on Monday to Beijing")."""
    last = re.search(r"([^\W\d_]+)\W*$", text[max(0, trigger_end - 30) : trigger_end])
    to_agent = last is not None and last.group(1).lower() in load_clause_cues().to_agent_passives
    for i, (a, b, w) in enumerate(tokens(text, trigger_end, stop)[:14]):  # (round 4: was 6; "was attacked on Sunday near the village of X by Y")
        if w in _BOUNDARY:
            return None
        if w == "by" or (to_agent and w == "to" and i < 3):
            return b
    return None


__all__ = ["ClauseCues", "load_clause_cues", "tokens", "masked_spans", "inside", "mode_before", "typed_by_mode",
           "is_passive", "is_deed", "light_verb_before", "agent_after_by", "cue_pattern", "without_dates",
           "receiver_before", "with_next_word"]
