"""The sentence's predicate (issue 18): the main clause's event, its PLOVER type and mode, and who acted on whom.

`find_predicate` reads a sentence with `clauses` (background clauses masked, modes, passive voice), types it
with the hand-made lexicon (`triggers`) or, when that has no verb in the main clause, the lexicon generated
from CAMEO (`cameo`), and gives the agent and target mentions the events stage writes as `actor1`/`actor2`.
"""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from ..registry import key_of, load_registry
from ..schema import Document, Mention, Sentence, Timex
from . import clauses, noun_modifiers
from .cameo import find_cameo_triggers
from .typos import misspelt_country
from .triggers import _QUOTED, overlaps_any, _group_at, _is_nominal, _outside_quotes, _owner, _PHRASE_WORD, _unique, load_lexicon, within


def load_determiners():
    """The lexicon's determiner pattern ("the", "a", "its" ...)."""
    return load_lexicon().determiner

ACTING_KINDS = ("person", "organisation", "government", "country")

@dataclass(frozen=True)
class Predicate:
    """The main clause's event: its trigger, PLOVER type and mode, and who acted on whom."""

    trigger: tuple | None  # (start, end, type); a modal "must" stands for the trigger of a bare demand
    event_type: str
    mode: str
    verbal: bool  # a clear predicate: a verb (or a light verb's object), not a noun in passing
    agent: tuple = ()  # Mentions
    target: tuple = ()
    agent_text: str = ""  # the subject's own words when no actor is named in it
    masks: tuple = ()  # the sentence's background spans (clauses.masked_spans)
    passive: bool = False
    speaker_report: tuple | None = None  # the reporting verb, when the speaker is the agent ("X said Y must ...")
    context_country: str = ""
    subject_words: str = ""  # the main clause's subject as written, when it names no actor (at most four words)  # where an agent of no known country most likely acts: the target's, else the sentence's
    deed: bool = False  # a clear predicate that reads as done (or said to be intended) by someone: undated, it is anchored to the DCT


_CAPITALISED_RUN = re.compile(r"(?:\b[A-Z][\w'’.-]*(?:\s+|$)){1,5}")


def _in_name(doc: Document, s: Sentence, pos: int) -> bool:
    """Whether an English trigger is a capitalised word inside the sentence, next to another: part of a name
    nobody listed ("Amnesty International", "Rapid Support Forces"), not a verb."""
    if doc.language != "en" or pos == s.start or not doc.text[pos : pos + 1].isupper():
        return False
    prev = _PHRASE_WORD.findall(doc.text[max(s.start, pos - 40) : pos])
    space = doc.text.find(" ", pos)  # the trigger's first word ends there (a slice to the text's end was quadratic)
    nxt = _PHRASE_WORD.match(doc.text, (space if space >= 0 else len(doc.text)) + 1)
    before_start = bool(prev) and doc.text[s.start : pos].strip() != "" and prev[-1][:1].isupper() and doc.text[s.start : pos].rstrip().endswith(prev[-1])
    return before_start or bool(nxt and nxt.group()[:1].isupper())


def _demonym_before(doc: Document, mentions: list[Mention], pos: int) -> bool:
    """Whether a demonym ("American", "Indian") stands right before pos: the trigger is a noun it qualifies.
    A plural demonym before a past form is the verb's subject ("Israelis demonstrated"), not an adjective."""
    names = load_registry().name_keys  # country names; a country mention not among them is a demonym
    before = [m for m in mentions if m.end <= pos and m.kind == "country" and not doc.text[m.end : pos].strip()
              and key_of(m.text) not in names]  # (the name's key last: most mentions are not right before pos)
    if not before:
        return False
    word = doc.text[pos : pos + 30].split()[0].lower() if doc.text[pos : pos + 30].split() else ""
    past = (word.endswith("ed") and len(word) > 4) or word in clauses.load_clause_cues().irregular_past
    return not (past and before[-1].text.endswith("s"))


def _verbal(doc: Document, tr: tuple, mentions: list[Mention], cues) -> bool:
    """Whether a trigger is used as a verb. A past form is a verb unless a determiner stands right before it
    ("The government lifted ..." is a verb, "the signed agreement" is not); other forms are nouns after a
    determiner among the two words before them (`triggers._is_nominal`) or after a demonym ("American aid")."""
    text = doc.text
    if _demonym_before(doc, mentions, tr[0]):
        return False
    prev = _PHRASE_WORD.findall(text[max(0, tr[0] - 30) : tr[0]])
    if prev and prev[-1].lower() != "to" and load_lexicon().trailing.match(prev[-1]) and not load_determiners().match(prev[-1]):
        return False  # after a preposition: "for talks", "during fighting" (not "to": "vowed to attack")
    if (len(prev) >= 2 and prev[-2].lower() != "to" and load_lexicon().trailing.match(prev[-2]) and prev[-1][:1].isupper()
            and not _past_form(text, tr, cues)):
        return False  # a name's noun after a preposition: "prisoners at Evin jail", "talks in Geneva summit"
    if not _is_nominal(text, tr[0]):
        return True
    word = text[tr[0] : tr[1]].split()[0].lower()
    if (word.endswith("ed") and len(word) > 4) or word in cues.irregular_past:
        return not (prev and (load_determiners().match(prev[-1].strip("'’")) or prev[-1].endswith(("'s", "’s"))))
    return False  # (round 4: nor after a possessive: "Algeria's banned Islamic Salvation Front")


_LOCATIVE_BEFORE = re.compile(r"\b(?:in|at|near|inside|outside|across|throughout)\s+(?:the\s+)?(?:[a-z]+(?:ern|ern-most|-held|-controlled)\s+)?$", re.I)


def _at_scene(text: str, m: Mention) -> bool:
    """Whether a place or country mention says where the event happened: a locative preposition right before it
    ("in Kabul", "in southern Lebanon", "near the northern town of ..." is not: the town is the mention)."""
    return (m.kind in ("location", "country") and bool(_LOCATIVE_BEFORE.search(text, max(0, m.start - 30), m.start))
            and not _MODIFIES_NOUN.match(text, m.end))  # "outside the U.S. embassy in Seoul": Seoul is the scene


_MODIFIES_NOUN = re.compile(r"\.?\s+(?:embassy|embassies|consulate|mission|base|bases|border|frontier|office|offices|forces|troops)\b", re.I)


def _object_of(text: str, report: tuple, tr: tuple, cues) -> bool:
    """Whether a noun trigger is the direct object of a reporting verb that is also a light verb ("announced
    an amnesty", "declared a ceasefire"): at most three words between, none of them a clause word or a subject."""
    if text[report[0] : report[1]].lower() not in cues.light_verbs:
        return False
    between = _PHRASE_WORD.findall(text[report[1] : tr[0]])
    return (len(between) <= 3 and not re.search(r"[,;:\"“]", text[report[1] : tr[0]])
            and not any(w.lower() in ("that", "it", "they", "he", "she", "we") or w.lower() in cues.subordinators for w in between))


def _offered(text: str, clause_start: int, pos: int, cues) -> bool:
    """Whether a word of offer ("ready to", "willing to", "offered to") stands within the mode window before pos:
    an offer to meet is an AGREE, not a scheduled meeting."""
    words = [w for _a, _b, w in clauses.tokens(text, max(clause_start, pos - 80), pos)][-(cues.mode_window + 1):]
    return any(w in cues.offer_words for w in words)


def _reduced_relative(text: str, tr: tuple, cues) -> bool:
    """Whether a past form follows a lower-case noun directly ("leaders convicted", "citizens held"): a participle
    qualifying the noun when the clause already has a verb (the caller checks that)."""
    if not _past_form(text, tr, cues):
        return False
    prev = _PHRASE_WORD.findall(text[max(0, tr[0] - 30) : tr[0]])
    if not prev or not text[: tr[0]].endswith(prev[-1] + " "):
        return False  # punctuation between them: not a participle right after its noun
    w = prev[-1]
    return (w.isalpha() and w.islower() and not w.endswith("ly") and w not in cues.passive_be and w not in cues.perfect_aux
            and w not in cues.not_names and w not in cues.subordinators and w not in ("and", "or", "but", "to", "not", "then")
            and not load_determiners().match(w) and not load_lexicon().trailing.match(w))


def _past_form(text: str, tr: tuple, cues) -> bool:
    """Whether a trigger's first word is a past form ("-ed" or an irregular past)."""
    word = text[tr[0] : tr[1]].split()[0].lower()
    return (word.endswith("ed") and len(word) > 4) or word in cues.irregular_past


def _present_after_agent(text: str, subject: list[Mention], verb_at: tuple) -> bool:
    """A present-tense verb right after its named subject, in "-s" ("Russia accuses Kyiv") or (round 8) the base form
    after a plural noun ("Israeli troops open fire"; not after "X and Y": "Turkey and Russia occupy contrary positions")."""
    word, gap = text[verb_at[0] : verb_at[1]].split()[0].lower(), text[subject[-1].end : verb_at[0]].split() if subject else ["-"] * 3
    plural = gap[-1:] and gap[-1].endswith("s") and gap[-1].islower()
    return bool(subject) and len(gap) <= 2 and (word.endswith("s") or (bool(plural) and word.isalpha() and not word.endswith(("ed", "ing"))))


def _ethnic(doc: Document, m: Mention, cues) -> bool:
    """Whether a demonym names an ethnic group ("ethnic Albanians"), not a state's people."""
    before = _PHRASE_WORD.findall(doc.text[max(0, m.start - 20) : m.start])
    return m.kind == "country" and bool(before) and before[-1].lower() in cues.ethnic_qualifiers


def _without_ethnic_country(doc: Document, m: Mention, cues) -> Mention:
    return Mention(m.start, m.end, m.text, m.kind, m.name, None, m.role) if _ethnic(doc, m, cues) else m


def _actor_group(doc: Document, ments: list[Mention]) -> tuple:
    """The subject's coordinated group of mentions ("Armenia and Azerbaijan"), people before their demonyms:
    the first group, unless only a later one names a person ("Sudan's army chief Abdel Fattah al-Burhan" ->
    al-Burhan; but "Pakistan, a key U.S. ally, refused" -> Pakistan)."""
    if not ments:
        return ()
    first = _group_at(doc, ments, 0)
    if not any(m.kind == "person" for m in first):
        people = [i for i, m in enumerate(ments) if m.kind == "person"]
        if people:
            return tuple(_group_at(doc, ments, people[0]))
    return tuple(first)


def _qualified(text: str, m: Mention, cues) -> bool:
    """Whether a name follows a qualifying prefix or precedes a qualifying suffix ("Pro-Iranian Hezbollah fighters",
    "Rwandan-backed rebels"): it qualifies, it does not act."""
    return ((bool(cues.qualifier_prefixes) and text[max(0, m.start - 5) : m.start].lower().endswith(cues.qualifier_prefixes))
            or (bool(cues.qualifier_suffixes) and text[m.end : m.end + 12].lower().startswith(cues.qualifier_suffixes)))


def _pronoun_subject(text: str, start: int, end: int, cues) -> bool:
    """Whether a clause's subject is only a pronoun of clauses.yaml's subject_pronouns ("It also", "They")."""
    words = [w.strip(",").lower() for w in text[start:end].split()]
    return bool(words) and words[0] in cues.subject_pronouns and all(w in _SUBJECT_TAIL or w.endswith("ly") for w in words[1:])


def _previous_actor(doc: Document, s: Sentence, cues, people: bool) -> tuple:
    """The first actor group of the sentence before s (its subject, most often): what "it"/"they" opening s
    points back to. No person for "it" (`people` False)."""
    sentences = doc.sentences or []
    i = bisect.bisect_left(sentences, s.start, key=lambda x: x.start)
    if not i:
        return ()
    prev = sentences[i - 1]
    kinds = ACTING_KINDS if people else ("organisation", "government", "country")
    cands = [m for m in within(doc.mentions, prev.start, prev.end) if m.kind in kinds and m.country is not None
             and not _qualified(doc.text, m, cues) and not _ethnic(doc, m, cues)]
    # only the subject of that sentence: its first actor within its first words ("The Russian army ..."), not
    # a name further on ("Protesters gathered outside the Russian embassy. They ..." points to no country)
    if not cands or len(doc.text[prev.start : cands[0].start].split()) > 3:
        return ()
    return tuple(_group_at(doc, cands, 0))


def _subject_words(text: str, start: int, end: int) -> str:
    """A subject named by no registry entry: its longest run of capitalised words ("Hezbollah guerrillas" -> Hezbollah)."""
    # a lone capitalised word opening the sentence is most likely just capitalised ("Most troops ...")
    runs = [m.group().strip() for m in _CAPITALISED_RUN.finditer(text, start, end)
            if not (m.start() == start and len(m.group().split()) == 1 and not m.group().strip().isupper()
                    and not any(c.isupper() for c in m.group().strip()[1:]))]  # "Al-Shabaab" is a name
    not_names = clauses.load_clause_cues().not_names
    runs = [" ".join(w for w in r.split() if w.lower().strip(",.") not in not_names) for r in runs]
    runs = [r for r in runs if r]
    return max(runs, key=len) if runs else ""


def find_predicate(doc: Document, s: Sentence, triggers: list, mentions: list[Mention], deed_only: bool = False) -> Predicate | None:
    """The sentence's main predicate (outside subordinate clauses, after a reporting verb when one leads to
    its content), typed by its trigger and mode, with its agent and target mentions.

    When the hand-made lexicon has no verb in the main clause, an English sentence's verbs are looked up in
    the broad lexicon generated from CAMEO (`cameo.find_cameo_triggers`).
    `deed_only`: the caller reads the predicate only when it is a deed (an undated sentence nobody named
    speaks in): a predicate that is not one may come back unfinished (its `verbal` kept, `deed` False)."""
    pred = _find_predicate(doc, s, triggers, mentions, deed_only=deed_only) if triggers else None
    if doc.language != "en" or (pred is not None and pred.verbal):
        return pred
    named = [m for m in mentions if m.kind in ("person", "organisation")]
    hand = [(a, b) for a, b, _ in triggers]
    # a CAMEO verb whose object holds a hand-made noun trigger is the more specific reading ("brokered a truce")
    extra = [tr for tr in find_cameo_triggers(doc.text, s.start, s.end)
             if not any(a < tr[1] and tr[0] < b and not (tr[0] < a and b <= tr[1]) for a, b in hand)
             and not any(m.start < tr[1] and tr[0] < m.end for m in mentions) and not _in_name(doc, s, tr[0])
             and not _is_nominal(doc.text, tr[0]) and not (named and any(m.start <= tr[0] < m.end for m in named))]
    if not extra:
        return pred
    wider = _find_predicate(doc, s, sorted(triggers + extra), mentions, deed_only=deed_only)
    return wider if wider is not None and wider.verbal else pred


_FROM_BY = re.compile(r"\b(?:from|by)\s+(?:the\s+)?$", re.I)
_TOLD_TO = re.compile(r"\s+(?:[\w.'’-]+\s+){1,5}to\s+(?:[\w'’-]+\s+)?")  # "told Iraq to", "told the Argentine forces to"; (round 7) "told Washington to stop arms sales"
_UNDER, _WITH = re.compile(r"c[ao]mes? under\b", re.I), re.compile(r"\swith\s", re.I)  # "came under fire"; (round 7) "hit X with"
_PASSIVE_PHRASE = re.compile(r"\s(?:was|were|been|is|are)\s", re.I)
_MASKS: dict = {}  # (sentence start, end, reporting verbs) -> its masked spans, for the text of "text" (and "cues")


def _masked_spans(text: str, s: Sentence, reports: list, cues) -> list:
    """`clauses.masked_spans` of the sentence, read once: find_predicate reads a sentence again with the CAMEO
    triggers and predicate_at with a second date's verb, with the same reporting verbs (a pure function of its
    arguments, kept for the current text only)."""
    if _MASKS.get("text") is not text or _MASKS.get("cues") is not cues:
        _MASKS.clear()
        _MASKS.update(text=text, cues=cues)
    key = (s.start, s.end, tuple(reports))
    got = _MASKS.get(key)
    if got is None:
        got = _MASKS[key] = clauses.masked_spans(text, s.start, s.end, reports, cues)
    return got


def _find_predicate(doc: Document, s: Sentence, triggers: list, mentions: list[Mention], fixed: tuple | None = None,
                    deed_only: bool = False) -> Predicate | None:
    """find_predicate's work; `fixed` forces the trigger (other languages: the clause cues are English);
    `deed_only` (find_predicate's) stops as soon as the predicate is known not to be a deed."""
    text = doc.text
    cues = clauses.load_clause_cues()
    english = doc.language == "en"
    reports = [(tr[0], tr[1]) for tr in triggers if tr[2] == "REPORT"]
    masks = _masked_spans(text, s, reports, cues) if english else []
    main = [tr for tr in _outside_quotes(doc, s, triggers) if not clauses.inside(masks, tr[0])]
    main_start = max([b for a, b in masks if a <= s.start + 1] + [s.start])
    typed = [tr for tr in main if tr[2] != "REPORT"]
    quoted = None  # issue 18 (round 3): a quote holding the only event words, its speaker outside it
    if english and fixed is None and not typed and reports:
        spans = [m.span() for m in _QUOTED.finditer(text, s.start, s.end)]
        inner = [tr for tr in triggers if tr[2] != "REPORT" and any(a <= tr[0] < b for a, b in spans)]
        if inner and any(not any(a <= r[0] < b for a, b in spans) for r in reports):
            quoted = next((a, b) for a, b in spans if a <= inner[0][0] < b)
            typed = [tr for tr in inner if quoted[0] <= tr[0] < quoted[1]]
            main = sorted(main + typed)
    # a reporting verb with content after it: the content's predicate is the event, the speaker may act
    report = next((tr for tr in main if tr[2] == "REPORT" and any(t[0] >= tr[1] for t in typed)
                   and not any(t[0] < tr[0] and not _is_nominal(text, t[0]) and not noun_modifiers.noun_modifier(text, t, cues) for t in typed)), None)
    content_start = report[1] if report else main_start
    candidates = [tr for tr in typed if tr[0] >= content_start]
    # a verb, or a phrase holding its own verb ("the deal was struck")
    # a noun opening its clause is its subject ("Protesters demanded ..."), unless it is a past form
    opening = {tr for tr in candidates if not text[content_start : tr[0]].strip(" ,(\"“")
               and not clauses.is_deed(text, tr[0], tr[0], tr[1], cues)}
    if len(candidates) > 1 and not opening and not text[content_start : candidates[0][0]].strip(" ,(\"“") \
            and re.compile(r"[ \t]+\w").match(text, candidates[0][1]):  # (in place: no slice to the text's end)
        opening = {candidates[0]}  # "Jailed Iranian activist X began a hunger strike": a participle before its noun
    verbal = [tr for tr in candidates if tr not in opening and (_verbal(doc, tr, mentions, cues) or _PASSIVE_PHRASE.search(text, tr[0], tr[1]))]
    # a participle after its noun, with a later verb, qualifies the noun ("forces occupying X were attacked", round 6); so does a
    # past participle after a common noun once the clause has had its verb ("leaders convicted over ...", "citizens held in
    # ..."; after a reporting verb only when the content already has an event noun: not "said Iraqi planes bombed ...")
    verbal = [tr for i, tr in enumerate(verbal) if not ((i + 1 < len(verbal) and noun_modifiers.noun_modifier(text, tr, cues)) or noun_modifiers.gerund_adjunct(text, tr))]
    verbal = [tr for i, tr in enumerate(verbal)
              if not ((i > 0 or (report is not None and any(report[1] <= c[0] < tr[0] for c in candidates)))
                      and _reduced_relative(text, tr, cues))]
    chosen = verbal[0] if verbal else None
    light_at = None  # the light verb's span, when its object noun is the predicate
    for tr in candidates:  # a light verb's object before the first verb: "staged a rally", "launched a mediation effort"
        if chosen is not None and tr[0] >= chosen[0]:
            break
        light = clauses.light_verb_before(text, content_start, tr[0], cues) if _is_nominal(text, tr[0]) else None
        if light is None and report is not None and _object_of(text, report, tr, cues):  # (round 5: no determiner needed)
            light = (report[0], report[1])  # "announced an amnesty", "declared martial law": the reporting verb's object
        if light is not None:
            chosen, light_at = tr, light
            break
    is_verbal = chosen is not None
    must = next((m for m in clauses.cue_pattern("obligate").finditer(text, content_start, s.end) if not clauses.inside(masks, m.start())
                 and (chosen is None or m.start() < chosen[0])), None)
    if chosen is None and must is not None:
        chosen, is_verbal = (must.start(), must.end(), "REQUEST"), True
    if chosen is None:
        chosen = candidates[0] if candidates else (typed[0] if typed else None)
    if fixed is not None:
        chosen, is_verbal, light_at = fixed, not _is_nominal(text, fixed[0]), None
        content_start = report[1] if report and report[1] <= fixed[0] else main_start
    if chosen is None:
        return None
    if deed_only and not is_verbal:
        return Predicate(chosen, chosen[2], "done", False)  # no deed (see `deed` below): the rest is not read
    clause_start = max([content_start] + [b for a, b in masks if b <= chosen[0]])
    mode = clauses.mode_before(text, clause_start, chosen[0], clauses.with_next_word(text, chosen), cues) if english else "done"
    if report is not None and must is not None and mode == "done" and chosen[0] > must.start() >= content_start:
        mode = "obligate"  # "X said Y must ensure security to allow supplies ...": what was said is a demand
    if (report is not None and mode == "done" and text[report[0] : report[1]].lower() in cues.directive_reports
            and _TOLD_TO.fullmatch(text, report[1], chosen[0])):
        mode = "obligate"  # "Baker told Iraq to withdraw from Kuwait": a demand
    event_type = clauses.typed_by_crowd(clauses.typed_by_mode(chosen[2], mode, cues), text[chosen[0] : chosen[1]],
                                        text[clause_start : chosen[0]] if english else "", cues)
    if (chosen[2] in cues.scheduled_types and mode in ("intend", "plan") and not clauses.conditional_after(text, chosen[1], s.end, cues)
            and not _offered(text, clause_start, chosen[0], cues)):
        event_type, mode = chosen[2], "plan"  # a scheduled meeting, not an offer to meet (undated: AGREE, events.py)
    # roles: in the main clause; for a verb in a background clause (a second date's), in that clause
    own = next(((a, b) for a, b in masks if a <= chosen[0] < b), None) if fixed is not None else None
    if own is not None:
        def in_scope(m: Mention) -> bool:
            return own[0] <= m.start < own[1]
        content_start = own[0]
    else:
        def in_scope(m: Mention) -> bool:
            return not clauses.inside(masks, m.start)
    acting = [m for m in mentions if m.kind in ACTING_KINDS and in_scope(m) and not _qualified(text, m, cues)]
    places = [m for m in mentions if m.kind == "location" and in_scope(m)]
    subject = [m for m in acting if content_start <= m.start and m.end <= chosen[0] and not noun_modifiers.event_object(text, typed, m)]  # (round 7) not "A bombing at the U.S. barracks"
    subject_places = [m for m in places if content_start <= m.start and m.end <= chosen[0]]
    speaker = [m for m in acting if main_start <= m.start and m.end <= report[0]] if report else []
    after = [m for m in acting + places if m.start >= chosen[1]]
    after.sort(key=lambda m: m.start)
    agent, target = _actor_group(doc, subject or noun_modifiers.nominal_agents(text, content_start, chosen, after, cues)), ()  # (round 7) "aid from Japan arrived"
    agent_text = ""
    passive = clauses.is_passive(text, clause_start, chosen[0], chosen[1], cues)
    if not passive and _PASSIVE_PHRASE.search(text, chosen[0], chosen[1]) and clauses.agent_after_by(text, chosen[1], s.end) is not None:
        passive = True  # a phrase holding its own passive, with its agent: "Sanctions were imposed on Libya by the United States"
    passive = (passive or bool(_UNDER.match(text, chosen[0]))) and not (report and mode == "obligate" and speaker)  # "A U.S. convoy came under fire": the subject is the target; (round 6) "Britain said Argentina should be prevented by ...": Britain demands
    # the source a trailing attribution names (", Turkey's foreign ministry said"): masked, but it places the agent
    tail = next(((a, b) for a, b in masks if a > main_start and b >= s.end - 1 and any(a <= r[0] < b for r in reports)), None)
    tail_report = next((r for r in reports if tail is not None and tail[0] <= r[0] < tail[1]), None)
    sources = [m for m in mentions if tail_report is not None and m.kind in ACTING_KINDS and tail[0] <= m.start
               and m.end <= tail[1] and not _qualified(text, m, cues)]  # before or after the verb (", said the minister")
    speaking = False
    # a news medium that reports a deed relays it, it does not allege it ("Israeli army radio said Syria had moved troops")
    media = bool(report) and any(w.lower().strip(",.") in cues.media_words for w in text[main_start : report[0]].split())
    if passive:
        by = clauses.agent_after_by(text, chosen[1], s.end)
        target = patient = agent
        agent = _actor_group(doc, [m for m in after if by is not None and m.start >= by])
        after = [m for m in after if m not in agent]
        if (not agent and by is None and patient and event_type in cues.self_directed_types
                and any(w.lower().strip(",") in cues.own_forces_words for w in text[patient[-1].end : chosen[0]].split())):
            agent, target = patient, ()  # "Thai troops were put on alert": a country moves its own forces
        if not agent and by is None:  # "... were killed when Israeli troops opened fire": that clause's actor
            nxt = next(((a, b) for a, b in masks if a >= chosen[1] and len(text[chosen[1] : a].split()) <= 4), None)
            if nxt is not None and text[nxt[0] : nxt[1]].split()[0].lower() in cues.passive_agent_clauses:
                agent = _actor_group(doc, [m for m in mentions if m.kind in ACTING_KINDS and nxt[0] <= m.start < nxt[1]
                                           and not _qualified(text, m, cues) and not _ethnic(doc, m, cues)])
        if not agent and by is None and (chosen[2] in cues.self_directed_types or mode != "done") and (speaker or sources):
            # "Iraq said troops would be pulled back", "Troops will be withdrawn ..., Iraq said": the speaker's own act
            agent, speaking = _actor_group(doc, speaker or sources), bool(speaker)
    elif report and (mode == "obligate" or not subject or (event_type == "THREATEN" and mode != "done")) and speaker:
        target = agent  # "X said Y must ...": X demands of Y; "X said it will ...": X's own intent
        agent = _actor_group(doc, speaker)
        speaking = True
    elif (report and subject and speaker and mode == "done" and event_type in cues.allegation_types and not media
          and not {m.name for m in speaker} & {m.name for m in subject}):
        event_type = "ACCUSE"  # "Zelensky says Russian missiles hit Poland": the speaker alleges it of the subject
        target, agent = agent, _actor_group(doc, speaker)
        speaking = True
    elif (report and not speaker and mode == "done" and event_type in cues.allegation_types and not media
          and text[content_start : chosen[0]].strip() and _plain_subject(doc, main_start, report[0], cues)):
        event_type = "ACCUSE"  # "The rights group said the army had tortured detainees": a speaker nobody listed
        target, agent = agent, ()
        speaking = True
    if quoted is not None and not passive and not speaking and sources:
        # '"We will never accept these conditions," the Iranian foreign minister said': the speaker's own act;
        # '"NATO is preparing for war," the Russian defence minister said': the speaker alleges it
        first_person = any(w.lower().strip("\"“,") in ("we", "i", "our", "my") for w in text[content_start : chosen[0]].split())
        if not subject or first_person:
            target, agent, speaking = agent, _actor_group(doc, sources), True
        elif mode == "done" and event_type in cues.allegation_types and not {m.name for m in sources} & {m.name for m in subject}:
            event_type, target, agent, speaking = "ACCUSE", agent, _actor_group(doc, sources), True
    if tail_report is not None and sources and agent and not (passive or speaking) and not {m.name for m in sources} & {m.name for m in agent}:
        # "Iraq must withdraw, President Bush said": Bush demands of Iraq; "..., Iranian officials charged": they allege it
        alleging = text[tail_report[0] : tail_report[1]].lower() in cues.allegation_verbs and event_type in cues.allegation_types
        if mode == "obligate" or alleging:
            event_type, target, agent = "ACCUSE" if alleging else event_type, agent, _actor_group(doc, sources)
    if (not agent and not subject and not passive and not speaking
            and _pronoun_subject(text, content_start, chosen[0], cues)):
        # "It also called on Greece ..., Turkey's foreign ministry said"; "... . They then attacked ..."
        people = text[content_start : chosen[0]].split()[0].lower() != "it"
        agent = _actor_group(doc, sources) if sources else _previous_actor(doc, s, cues, people)
    if not agent and not subject and subject_places:
        agent = _actor_group(doc, subject_places)  # "Security forces in Guinea"
    if not agent:
        speaking = bool(report) and (mode == "obligate" or not subject) and not (media and text[content_start : chosen[0]].strip())
        agent_text = (_subject_words(text, main_start, report[0]) if speaking
                      else "" if passive and chosen[2] not in cues.self_directed_types  # a passive's subject is its target,
                      else _subject_words(text, content_start, chosen[0]))  # unless it moves itself ("were demobilized")
    if not target:
        names = {m.name for m in agent}
        rest = [m for m in after if m.name not in names]
        target = _actor_group(doc, rest)
    if light_at is None and chosen[2] != "REPORT":
        light_at = clauses.light_verb_before(text, clause_start, chosen[0], cues)  # "launched joint patrols"
    receiving = light_at if light_at is not None and text[light_at[0] : light_at[1]].lower() in cues.receiver_verbs else None
    wide = clauses.receiver_before(text, clause_start, chosen[0], cues) if receiving is None and chosen[2] in cues.receiver_types and (_is_nominal(text, chosen[0]) or any(not text[m.end : chosen[0]].strip(" .") for m in acting if m.end <= chosen[0])) else None
    if (receiving or wide) is not None and agent and not passive and not _WITH.search(text, (receiving or wide)[1], chosen[0]):  # (round 7) not "hit Iraq with sanctions"
        # "Iraq faces new U.S. sanctions", "Bangladesh received aid from Japan": the subject is the target; (round 7) further
        # back, only with a giver: "Somalia received 50,000 tons of American food aid", "Lebanon lost 20 soldiers in Israeli raids"
        giver = [m for m in acting if (receiving or wide)[1] <= m.start < chosen[0] or (m.start >= chosen[1] and _FROM_BY.search(text, 0, m.start))]
        if receiving is not None or giver:
            target, agent = agent, _actor_group(doc, giver)
    verb_at = light_at if light_at is not None else chosen
    has_subject = bool(agent or agent_text or text[content_start : verb_at[0]].strip(" ,"))
    deed = is_verbal and (clauses.is_deed(text, clause_start, verb_at[0], verb_at[1], cues)
                          or (mode != "done" and has_subject) or (bool(agent) and _present_after_agent(text, subject or list(agent), verb_at)))
    if deed_only and not deed:
        return Predicate(chosen, event_type, mode, is_verbal)  # not read further: no context, no subject words
    # an agent of no known country (a person nobody listed, an ethnic group) most likely acts at home: the
    # target's country, else the first country the sentence's main clause names
    agent = tuple(_without_ethnic_country(doc, m, cues) for m in agent)
    target = tuple(_without_ethnic_country(doc, m, cues) for m in target)
    unmasked = [m for m in mentions if not clauses.inside(masks, m.start)]
    # where it happened first ("held in Kabul", "in southern Lebanon"), then whom it targets, then any country
    scene = [m for m in unmasked if _at_scene(text, m)]  # the main clause's scene (not ", who fled to Lagos")
    # (issue 18 round 3: a trailing source's country before the target's: ", Indian officials said")
    context = next((m.country for m in [*scene, *sources, *target, *unmasked] if m.country and not _ethnic(doc, m, cues)
                    and not _qualified(text, m, cues)), "")
    if english and not any(m.country for m in agent):  # a misspelt country in the subject first ("Ethopia has agreed")
        lo, hi = (main_start, report[0]) if speaking and report else (content_start, chosen[0])
        typo = misspelt_country(text, lo, hi, [(m.start, m.end) for m in mentions])
        context = typo or context
        if typo and not agent and not agent_text:
            agent_text = load_registry().country_names.get(typo, typo)  # the subject is that country
    subject_words = (_plain_subject(doc, main_start, report[0], cues) if speaking and report
                     else _plain_subject(doc, content_start, chosen[0], cues)) if not passive else ""
    return Predicate(chosen, event_type, mode, is_verbal, agent, target, agent_text, tuple(masks), passive,
                     report if speaking else None, context or "", subject_words, deed)


def headline_subject(doc: Document, pred: Predicate | None) -> tuple[tuple | None, str | None]:
    """The trigger and subject a predicate's headline is built on: the reporting verb and the speaker when the
    speaker is the agent ("Red Cross said US forces must ..."), else the predicate and its agent; no subject
    for a passive (its own words read right: "A camp was attacked by ...")."""
    if pred is None:
        return None, None
    # a named actor (not a place: "Security forces in Guinea" read better in their own words)
    name = _dyad(doc, pred)[0] if any(m.kind != "location" for m in pred.agent) else None
    if pred.speaker_report is not None:
        return (*pred.speaker_report, "REPORT"), name
    return pred.trigger, (None if pred.passive else name)


_SUBJECT_TAIL = frozenset(("will", "would", "could", "should", "must", "may", "might", "can", "did", "does", "do",
                           "also", "then", "now", "reportedly", "later", "again", "still", "already", "had", "has", "have"))


def _plain_subject(doc: Document, start: int, end: int, cues) -> str:
    """The main clause's subject as written ("Opposition supporters", "Gunmen"), when a short noun phrase: 1-4 words
    (1 only when a plural or collective noun), no digits, date, clause word, pronoun or modal, not ending on a
    function word; a leading determiner and an opening adverb ("Most importantly, troops") dropped. Else ""."""
    if doc.language != "en" or overlaps_any(doc.timexes, start, end):
        return ""
    raw = doc.text[start:end].split()
    words = [w.strip(",;:") for w in raw[max((i + 1 for i, w in enumerate(raw) if w.islower() and w.endswith("ly,")), default=0):]]
    while words and (load_determiners().match(words[0]) or words[0].lower() in cues.not_names):
        words.pop(0)
    counted = [i for i, w in enumerate(words) if not w.isalpha() and any(c.isdigit() for c in w)]  # (a word of letters has no digit)
    if counted and counted[-1] < len(words) - 1:  # "More than 10,000 people" -> "people"
        words = words[counted[-1] + 1 :]
        words = words[1:] if words and words[0].lower() == "of" else words
    verb = next((i for i, w in enumerate(words) if i and w.islower() and ((w.endswith("ed") and not load_determiners().match(words[i - 1])) or w in cues.light_verbs
                 or w in cues.passive_be or w in cues.perfect_aux or w in _SUBJECT_TAIL)), None)
    words = words[:verb] if verb is not None else words  # "The commission began (investigating)", "rebels vowed to (fight)"
    full, words = words, (words[: [w.lower() for w in words].index("of", 1)] if len(words) in (5, 6, 7) and "of" in [w.lower() for w in words[1:3]] else words)
    if not 1 <= len(words) <= 4 or any(not w.isalpha() and any(c.isdigit() for c in w) for w in words):
        return ""
    low = [w.lower().replace("’", "'") for w in words]  # no pronoun, modal, clause word; not cut at "and"
    if (len(words) == 1 and not (low[0].endswith(("s", "men", "people")) or low[0] in cues.collective_subjects)) or low[-1] in cues.not_names \
            or any(w in cues.subordinators or w in cues.passive_be or w in cues.perfect_aux or w in cues.not_subject_words for w in low):
        return ""  # "I will not (talk)", "That's what I (would like)", "arguments, elements and (reasons)"
    return " ".join(full)  # (round 8) "Supporters of the ousted president": the head's rules, the words as written


def _dyad(doc: Document, pred: Predicate | None) -> tuple[str, str, str, str]:
    """actor1, actor1_country, actor2, actor2_country of a predicate ("" when none)."""
    if pred is None:
        return "", "", "", ""

    def side(group) -> tuple[str, str]:
        names = _unique(_owner(m) if m.kind == "location" else m.name for m in group)
        country = next((m.country for m in group if m.country), "")
        name = names[0] if len(names) == 1 else (", ".join(names[:-1]) + " and " + names[-1] if names else "")
        return name, country or ""

    a1, c1 = side(pred.agent)
    a2, c2 = side(pred.target)
    a1 = a1 or pred.agent_text
    if not a1 and pred.verbal and pred.subject_words:
        a1 = pred.subject_words  # "Opposition supporters": the subject's own words, placed by the context
    # an agentless passive names nobody, but it happened somewhere: the country is where (actors coded where they act)
    return a1, c1 or (pred.context_country if a1 or pred.passive else ""), a2, c2


def _background(pred: Predicate, t: Timex, triggers: list) -> bool:
    """Whether a date sits in a background clause (masked) that has a trigger of its own."""
    span = next(((a, b) for a, b in pred.masks if a <= t.start < b), None)
    return span is not None and any(span[0] <= tr[0] < span[1] and tr[2] != "REPORT" for tr in triggers)


def _main_anchor(pred: Predicate | None, anchors: list, triggers: list):
    """The anchor (a date, or None for the DCT) the main predicate is dated by: the only one, else the first
    date outside background clauses (none when every date is in one)."""
    if pred is None:
        return object()
    if len(anchors) == 1 or anchors[0] is None:
        return anchors[0]
    # every date in a background clause: each dates its own clause's event
    return next((t for t in anchors if not _background(pred, t, triggers)), object())


def predicate_at(doc: Document, s: Sentence, trigger, triggers: list, mentions: list[Mention], pred: Predicate | None) -> Predicate | None:
    """The predicate of another trigger than the main one (a second date's verb), with its own clause's roles:
    ", forcing Armenia to accept a peace deal" is Armenia's acceptance, not the sentence subject's."""
    if trigger is None or trigger[2] == "REPORT":
        return pred
    return _find_predicate(doc, s, triggers, mentions, fixed=trigger) or pred


__all__ = ["Predicate", "find_predicate", "predicate_at", "headline_subject", "ACTING_KINDS"]
