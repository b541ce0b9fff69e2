"""Roles of an event no predicate reads (issue 18, round 5).

A dated sentence whose verb no lexicon knows ("President Museveni on Tuesday dissolved the cabinet") still gives an
event (type OTHER, or a second date's nearest trigger in another language), but had no `actor1`: the predicate
stage (`predicates`) gives roles only to the predicate it reads. Here the sentence's main clause stands in: its
subject's actor group (the first group of actors outside background clauses, a leading adverbial and a trailing
source; `clauses.masked_spans`) acts, the next actor outside that group is the target. The agent's country is its
own, else the first country named in the main clause (actors are coded where they act, as `predicates` does),
else the first of the whole sentence. When the main clause names no actor, the sentence's first actor acts
("..., a U.S. official said" is who spoke).

An agent the predicate names but cannot place (a person nobody listed, "rebel leaders") whose main clause names no
country takes the first country named anywhere in the sentence (`with_country`).

Needs: the sentence's mentions and triggers (the reporting verbs mark the trailing source). Sets nothing: the events
stage writes the tuple it returns.
"""
from __future__ import annotations

from ..schema import Document, Mention, Sentence
from . import clauses
from .predicates import ACTING_KINDS, _actor_group, _without_ethnic_country
from .triggers import _outside_quotes, _owner, _unique


def _side(group) -> tuple[str, str]:
    """A group of mentions as a name ("Armenia and Azerbaijan") and its first country ("" when none)."""
    names = _unique(_owner(m) if m.kind == "location" else m.name for m in group)
    name = names[0] if len(names) == 1 else (", ".join(names[:-1]) + " and " + names[-1] if names else "")
    return name, next((m.country for m in group if m.country), "") or ""


def fallback_dyad(doc: Document, s: Sentence, ments: list[Mention], triggers: list) -> tuple[str, str, str, str]:
    """actor1, actor1_country, actor2, actor2_country of sentence `s` read from its main clause's actors
    ("" when none); `ments` are the sentence's mentions, `triggers` its trigger spans (type REPORT: reporting verbs)."""
    cues = clauses.load_clause_cues()
    masks = []
    if doc.language == "en":
        reports = [(tr[0], tr[1]) for tr in triggers if tr[2] == "REPORT"]
        masks = clauses.masked_spans(doc.text, s.start, s.end, reports, cues)
    spoken = [_without_ethnic_country(doc, m, cues) for m in _outside_quotes(doc, s, ments, lambda m: m.start)]
    main = [m for m in spoken if not clauses.inside(masks, m.start)]
    acting = [m for m in main if m.kind in ACTING_KINDS] or [m for m in spoken if m.kind in ACTING_KINDS]
    if not acting:
        return "", "", "", ""
    group = _actor_group(doc, acting)
    a1, c1 = _side(group)
    if not c1:
        c1 = next((m.country for m in main if m.country), "") or next((m.country for m in spoken if m.country), "") or ""
    names = {m.name for m in group}
    rest = [m for m in acting if m.start > group[-1].start and m.name not in names]
    a2, c2 = _side([rest[0]]) if rest else ("", "")
    return a1, c1, a2, c2


def sentence_country(doc: Document, s: Sentence, ments: list[Mention]) -> str:
    """The first country named anywhere in sentence `s` outside quotes, background clauses included ("After talks in
    Moscow, rebel leaders agreed ..."), not an ethnic group's demonym: the last resort for an agent that the
    predicate and its main clause leave without a country (actors coded where they act). "" when none."""
    cues = clauses.load_clause_cues()
    spoken = [_without_ethnic_country(doc, m, cues) for m in _outside_quotes(doc, s, ments, lambda m: m.start)]
    return next((m.country for m in spoken if m.country), "") or ""


def with_country(doc: Document, s: Sentence, ments: list[Mention], dyad: tuple) -> tuple:
    """`dyad` (actor1, actor1_country, actor2, actor2_country) with the sentence's country for an actor1 that has
    none (`sentence_country`); unchanged otherwise."""
    if not dyad[0] or dyad[1]:
        return dyad
    return (dyad[0], sentence_country(doc, s, ments), dyad[2], dyad[3])


__all__ = ["fallback_dyad", "sentence_country", "with_country"]
