"""Headlines: a short line per event for the chart (issue 18; docs/events.md "Headlines read by hand").

The line is the main clause's agent, predicate and object in the article's words: the subject as written
when it is a short noun phrase naming who acted (never a dateline, a source or a country standing for its
army or envoy), the predicate's clause, and for a reporting verb what was said. It ends at a phrase's end,
within HEADLINE_WORDS words and HEADLINE_CHARS characters, never on a preposition or an article.
"""
from __future__ import annotations

import re
from functools import lru_cache

from ..registry import key_of
from ..schema import Document, Mention, Sentence
from . import clauses
from .headline_pronouns import antecedent, first_person_speaker, paragraph_speaker, resolve_lead
from .headline_clauses import _openers as _background_openers
from .headline_speech import speech_line
from .headline_words import (HEADLINE_CHARS, HEADLINE_CLAUSE_WORDS, HEADLINE_MIN_WORDS, HEADLINE_WORDS, _PUNCT,  # noqa: F401  (HEADLINE_CHARS: read by tests)
                             _clause_words, _clip, _drop_lead, _runs_on, _to_phrase_end)
from .headline_text import _RELATIVE_ASIDE, _blank_asides, _blank_dates, _blank_lead, _verb_before, finite, modifying_participle, noun_before_relative, participle_lead, participle_of, past_verb_before  # noqa: F401  (_blank_lead, _verb_before: read by tests)
from .headline_cues import HeadlineCues, _grammar_words, load_headline_cues  # noqa: F401  (HeadlineCues: public face)
from .predicates import ACTING_KINDS
from .triggers import Lexicon, _group_at, _is_nominal, _unique, find_triggers, load_lexicon


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


HEADLINE_RUN_ON = 14  # a line naming no one runs on this far, within its clause, to the sentence's next actor


def _coordinates_names(local: str, start: int, end: int) -> bool:
    """Whether the word at local[start:end] joins two capitalised names ("Ruritania and Freedonia")."""
    before = local[:start].rstrip().rsplit(" ", 1)[-1]
    return local[start:end].strip().lower() in ("and", "et", "und", "y") and before[:1].isupper() and local[end:].lstrip()[:1].isupper()


@lru_cache(maxsize=4)
def _report_aside(report: str) -> re.Pattern:
    """An aside with a reporting verb (", I would say,", ", he said,"): the lexicon's pattern, compiled once."""
    return re.compile(r",\s*(?:\w+\s+){1,3}?" + report + r"\s*,", re.I)


def _main_clause(local: str, lex: Lexicon, mention_starts: list[int]) -> tuple[list[str], int]:
    """The sentence's main clause: leading connectives and adverbials, asides ("I would say") dropped."""
    local = _report_aside(lex.report.pattern).sub(lambda m: " " * (len(m.group()) - 1) + ",", local)
    local = re.sub(r"\s*\((?:[^()\s]+\s?){1,3}\)", lambda m: " " * len(m.group()), local)  # "(R)", "(pictured)"
    local = _RELATIVE_ASIDE.sub(lambda m: " " * len(m.group()), local)  # "The talks, which started ..., were led by"
    start = _drop_lead(local, 0, lex, mention_starts)
    words, end = _clause_words(local, start, lex, HEADLINE_CLAUSE_WORDS, quotes_end=False)
    if len(words) < HEADLINE_MIN_WORDS:  # the main clause ended at once: take the sentence's words
        words = [(w.strip(_PUNCT) + (":" if w.endswith(":") else "")) or w for w in local[start:].split()][:HEADLINE_CLAUSE_WORDS]
        end = len(local)
    return words, end


def _said(local: str, trig_rel: int, lex: Lexicon) -> list[str]:
    """What a speaker said when the reporting verb ends the sentence: the words quoted before it."""
    before = local[:trig_rel]
    before = re.sub(r"[,;:]?\s*[”\"»]?\s*,?\s*[\w\s.'’-]{0,40}$", "", before) if re.search(r"[”\"»,]", before) else before
    words = [w for w in (x.strip("“”\"«»‘’()") for x in before.split()) if w.strip(_PUNCT)]
    return words if len(words) <= HEADLINE_WORDS - 3 else _to_phrase_end(words[: HEADLINE_WORDS - 3], lex)


def _said_before(local: str, rel: int, end: int, lex: Lexicon) -> list[str] | None:
    """What was said before its speaker when the reporting clause closes the sentence ("<content>, X told
    reporters." / "“<content>,” said X, its spokesman."): the content's words, else None."""
    own = re.split(r"[,;:]", local[rel:], maxsplit=1)[0]  # the reporting clause: "said", "told reporters", "said Cyrus Paye"
    if len(own.split()) > 5 or len(local[rel:].split()) > 16:
        return None
    head = local[:rel]
    starts = [m.start() for m in re.finditer(r"[,”\"»]\s", head)]
    first = next((p for p in starts if len(head[p:].split()) <= 14 and len(head[:p].split()) >= HEADLINE_MIN_WORDS), None)
    closing = re.search(r"[”\"]\s", head[1:]) if head.lstrip()[:1] in "“\"" else None
    first = closing.start() + 1 if closing and len(head[: closing.start()].split()) >= HEADLINE_MIN_WORDS else first  # a quote ends at its mark
    if first is None or not (local[rel:].split()[1:2] or head[first:].strip(" ,”\"»")):
        return None
    content = head[:first]
    if (_NAME_APPOSITIVE.fullmatch(head[first:]) and len(content.split()) <= 6
            and past_verb_before(content + " ", len(content)) is None and not any(w.lower() in load_headline_cues().modals for w in content.split())):
        return None  # "The minister of trade, Karl Heller, said ...": a title and its name, no content before a speaker
    lead = _drop_lead(content, 0, lex, [])
    words = [w for w in (x.strip("“”\"«»‘’()") for x in content[lead:].split()) if w.strip(_PUNCT)]
    if len(words) < HEADLINE_MIN_WORDS:
        return None
    return words if len(words) <= HEADLINE_WORDS - 3 else _to_phrase_end(words[: HEADLINE_WORDS - 3], lex)


_NAME_APPOSITIVE = re.compile(r",\s*[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*){0,3},\s*")  # ", Karl Heller, "


def _source_lead(doc: Document, s: Sentence, local: str, mentions: list[Mention]) -> tuple[str | None, str]:
    """The source a sentence opens with ("According to the Health Ministry, ...") and the sentence with it blanked:
    the source's actor name when it holds one actor, else its words; (None, local) when there is none."""
    if doc.language != "en":
        return None, local
    m = load_headline_cues().source_lead.match(local)
    if not m or len(local[m.end() :].split()) < HEADLINE_MIN_WORDS:
        return None, local
    inside = _unique(x.name for x in mentions if m.start(1) <= x.start - s.start and x.end - s.start <= m.end(1) and x.kind in ACTING_KINDS)
    words = [w.strip(_PUNCT) for w in m.group(1).split() if w.strip(_PUNCT)]
    while len(words) > 1 and words[0].lower() in ("the", "a", "an"):
        words.pop(0)
    return (inside[0] if len(inside) == 1 else " ".join(words)), " " * m.end() + local[m.end() :]


def _inverted_speaker(local: str, rel: int, words: list[str]) -> str:
    """The speaker after an inverted reporting verb ("..., said Cyrus Paye, MSF project coordinator"): its
    capitalised words up to a comma, else ""."""
    m = re.match(r"\s*\S+\s+((?:[A-Z][\w.'’-]*\s*){1,4})(?:,|\.?\s*$)", local[rel:])
    return m.group(1).strip() if m else ""


@lru_cache(maxsize=4096)
def _whole_words(words: str) -> re.Pattern:
    """A pattern finding `words` not inside a longer word."""
    return re.compile(r"(?<!\w)" + re.escape(words) + r"(?!\w)")


def make_headline(doc: Document, s: Sentence, mentions: list[Mention], trigger: tuple[int, int, str] | None, triggers: list | None = None,
                  agent: str | None = None, through: int | None = None, verbal: bool = False) -> str:
    """A short line for a chart: subject + verb + object, never a lone word or a mid-phrase fragment.

    With a verb trigger: the actor before it plus the trigger's clause (the subject's own words when no
    actor is named). A reporting verb that ends the sentence gives "X said: <the quoted words>". A noun
    trigger ("a truce"), no trigger, or too short a line falls back to the sentence's main clause.
    The line names an actor of the sentence when it has one: `agent` (the predicate's, issue 18) when given,
    so the subject is who acted, never a dateline, a source or a country standing in for someone else.
    `verbal`: the trigger is the predicate's verb (issue 18), whatever the words before it ("The army says").
    A clause cut at the word limit ends where a phrase ends, with an ellipsis.
    """
    lex = load_lexicon()
    if doc.language == "en" and load_headline_cues().stamp_only.fullmatch(doc.text, s.start, s.end):
        nxt = next((x for x in doc.sentences if x.start >= s.end), None)  # "(Update 12:31 a.m. Tuesday in Cairo, ...)": the stamp
        if nxt is not None and not load_headline_cues().stamp_only.fullmatch(doc.text, nxt.start, nxt.end):  # dates the next paragraph
            return make_headline(doc, nxt, [m for m in doc.mentions if nxt.start <= m.start < nxt.end], None,
                                 find_triggers(doc.text, nxt.start, nxt.end))
    local = _blank_dates(doc, s)
    if doc.language == "en" and "," in local:  # "The daily toll on civilians, particularly on children, is far too high"
        local = load_headline_cues().focus_aside.sub(lambda m: _focus_blank(local, m), local)
    lead_end = s.start + len(local) - len(local.lstrip())
    if lead_end > s.start:  # a dateline's or header's place ("LONDON (Reuters) -") is nobody's name in the line
        kept = [m for m in mentions if m.start >= lead_end]
        if agent and any(m.name == agent for m in mentions) and not any(m.name == agent for m in kept):
            agent = None  # the predicate's agent is the dateline's place
        mentions = kept
    name = agent or (_subject(doc, mentions, trigger[0], triggers) if trigger else None)
    source, local = _source_lead(doc, s, local, mentions)
    if doc.language == "en" and trigger is not None and "," in local:  # "Qatar, which mediated ..., announced": an aside is no part of the line
        local = _blank_asides(local, trigger[0] - s.start)
    if doc.language == "en" and trigger is not None and _OPENING_MODIFIER.match(local) and local.lstrip().startswith(doc.text[trigger[0] : trigger[1]]):
        verbal = False  # "Retired Coast Guard admiral X said ...": the trigger word is the subject's adjective, no verb
        trigger = (trigger[0], trigger[1], "")  # (its kind unread below; a reporting verb gives the line)
    if doc.language == "en" and (trigger is None or (not verbal and (_is_nominal(doc.text, trigger[0]) or not trigger[2]))):
        # a noun predicate ("the sanctions imposed ..."): a reporting verb of the sentence gives the line its speaker
        opens = s.start + len(local) - len(local.lstrip())
        rep = next((tr for tr in triggers or () if opens <= tr[0] < s.end and tr[2] == "REPORT" and not _is_nominal(doc.text, tr[0])), None)
        trigger, verbal = (rep, True) if rep else (trigger, verbal)  # "According to X, Y had failed ...": "X: Y had failed ..."
    if source and name == source:
        name = None
    lead = participle_lead(local, None) if doc.language == "en" else None
    if lead is not None:  # "Asked by reporters if ..., the spokesman said ...": the lead tells the main clause's circumstance
        local, mentions = " " * lead + local[lead:], [m for m in mentions if m.start >= s.start + lead]
        if trigger is None or trigger[0] < s.start + lead:  # its event reads the main clause, its agent the main subject
            trigger = next((tr for tr in triggers or () if s.start + lead <= tr[0] < s.end and not _is_nominal(doc.text, tr[0])), None)
            name, verbal = (_subject(doc, mentions, trigger[0], triggers) if trigger else None), trigger is not None
    spoken = speech_line(doc, s, local, trigger[0] - s.start, triggers, HEADLINE_WORDS) if trigger and trigger[2] != "REPORT" and not source else None
    if spoken:  # the event is inside what a named speaker says: the speaker's line (headline_speech)
        return _clip(resolve_lead(doc, s, local, spoken).split(), keep_last=True)
    if trigger is not None and doc.language == "en" and modifying_participle(doc, s, local, trigger[0] - s.start, triggers):
        trigger, name = None, None  # "..., the psychiatrist accused of ...": a noun's modifier, the main clause's line
    words: list[str] = []
    end = 0
    cut = False
    own_subject = False  # the line opens with its subject as written: no name put before it
    if trigger is not None and (verbal or not _is_nominal(doc.text, trigger[0])):  # ("The army says": a verb, the predicate found)
        rel = _verb_before(local, trigger[0] - s.start) if doc.language == "en" else trigger[0] - s.start
        report = trigger[2] == "REPORT"
        words, end = _clause_words(local, trigger[0] - s.start, lex, HEADLINE_WORDS, report)
        adjunct = _REPORT_ADJUNCT.match(local, trigger[0] - s.start) if report and doc.language == "en" else None
        if adjunct:  # "said in a televised address that the group had fired ...": what was said, not where
            more, more_end = _clause_words(local, adjunct.end(), lex, HEADLINE_WORDS - 1, True)
            if len(more) >= HEADLINE_MIN_WORDS:
                words, end = [adjunct.group(1)] + more, more_end
        if doc.language == "en" and words and local[end - 1 : end] == ":" and local[end:].lstrip()[:1] in "“\"‘'":
            # "X warned in a Commons statement: “This does remain ...”": what was said is the point
            said = [w for w in (x.strip("“”\"«»‘’()") for x in local[end:].split()) if w.strip(_PUNCT)]
            room = HEADLINE_WORDS + 1 - len(words)
            if len(said) >= HEADLINE_MIN_WORDS and room >= HEADLINE_MIN_WORDS:
                words = words + [":"] + (said if len(said) <= room else _to_phrase_end(said[:room], lex))
        if rel < trigger[0] - s.start:  # the verb whose object the trigger is leads ("had taken control of")
            words = local[rel : trigger[0] - s.start].split() + words
            trigger = (s.start + rel, trigger[1], trigger[2])
        if through is not None and end < through - s.start:
            # the speaker's line runs on to what was said ("X said Y must reach an agreement")
            words = [w for w in (x.strip("“”\"«»()") for x in local[rel : through - s.start].split()) if w]
            more, end = _clause_words(local, through - s.start, lex, HEADLINE_WORDS, True)
            words += more
            second = _AND_VERB.search(local, rel, through - s.start) if len(words) >= HEADLINE_WORDS and doc.language == "en" else None
            if second and not (second.group(1).lower() in load_headline_cues().call_verbs or lex.report.fullmatch(second.group(1).lower())):
                second = None  # ("said they had removed X, closed ... and suspended ...": what was said, not the speaker's verb)
            if second:  # "X told the officers that ... and urged them to uphold ...": too long for both, the event's own verb
                own_words, own_end = _clause_words(local, second.start(1), lex, HEADLINE_WORDS)
                if len(own_words) >= HEADLINE_MIN_WORDS:
                    words, end = own_words, own_end
        cut = len(words) >= HEADLINE_WORDS and _runs_on(local, end)
        own = _PRONOUN_SUBJECT.search(local[:rel]) if doc.language == "en" and name else None
        if own and own.group(1).lower() in load_headline_cues().antecedent_pronouns:  # "She called ...": its antecedent
            name = antecedent(doc, s, s.start + own.start(1), local) or name  # (headline_pronouns: a speaker, an opening name)
        written = _written_subject(doc, s, local, mentions, rel, lex, triggers) if doc.language == "en" else None
        main = participle_of(doc, s, local, rel, triggers) if doc.language == "en" and not report else None
        if main is not None:  # "..., the envoy told the Council, urging the generals to ...": the envoy urged
            subject = _written_subject(doc, s, local, mentions, main - s.start, lex, triggers)
            subject = subject or ([_subject(doc, mentions, main, triggers)] if _subject(doc, mentions, main, triggers) else None)
            if subject:  # (an adverb between the comma and the participle stays: "reportedly killed")
                adverbs = [w for w in local[:rel].rsplit(",", 1)[-1].split() if w.endswith("ly")]
                words = adverbs + [finite(words[0])] + words[1:]
                written = [w for w in subject if w.lower() not in _grammar_words().connectives]
        said = _said_before(local, rel, end, lex) if report else None
        if said is not None:  # "<what was said>, X told reporters." / "..., said X, its spokesman."
            speaker = (" ".join(written) if written else "") or name or _inverted_speaker(local, rel, words)
            pronoun = _PRONOUN_SUBJECT.search(local[:rel]) if not speaker and doc.language == "en" else None
            if pronoun:  # '"Camps are not battlefields," she said in a statement': she is named before
                speaker = antecedent(doc, s, s.start + pronoun.start(1), local, lead=True, unquoted=True) or ""
            words, cut, own_subject = ([speaker, ":"] + said, False, True) if speaker else ([], False, False)
        elif report and len(words) <= 1:
            said = _said(local, rel, lex)
            words = [w.strip(_PUNCT) for w in words] + [":"] + said if name and len(said) >= 2 else []
        elif written:
            short = _name_after_title(written) if len(" ".join(written + words)) > HEADLINE_CHARS or cut else None
            words = (short or written) + words  # (a long title gives way to what was said: "Yahya Saree said the group ...")
            own_subject = True
        elif name:
            words = _subject_gap(doc, s, local, mentions, name, trigger[0], lex) + words
        else:
            # No named subject: the clause's own subject ("conditions were", "I will not") leads.
            at = max([0] + [m.end() for m in re.finditer(r"[,;:–—]\s", local[:rel])]
                     + [m.end() for m in re.finditer(r"\S+\s+", local[:rel]) if lex.clause_stop.match(m.group().strip().strip(_PUNCT))
                        and not _coordinates_names(local, m.start(), m.end())])
            at = _drop_lead(local, at, lex, [m.start - s.start for m in mentions if m.kind in ACTING_KINDS]) if at == 0 else at
            lead = [w.strip(_PUNCT) for w in local[at:rel].split() if w.strip(_PUNCT)]
            ccues = clauses.load_clause_cues()
            if at and all(w.lower() in ccues.passive_be or w.lower() in ccues.perfect_aux or w.lower() in load_headline_cues().modals for w in lead):
                lead = noun_before_relative(local, at) + lead  # "there were several options that might have prevented ...": the options
            if at and lead and all(w.lower() in _grammar_words().connectives for w in lead):
                # "He was tutored by X, then went to Eton": the second verb's subject is the sentence's
                opening = local[_drop_lead(local, 0, lex, []) :].split()[:1]
                lead = [opening[0]] if opening and opening[0].lower() in load_headline_cues().antecedent_pronouns else lead
            before_and = local[:at].split()[-1:]
            if (lead and before_and and before_and[0].lower() in ("and", "or")
                    and past_verb_before(" x " + lead[0] + " ", len(lead[0]) + 4) is not None):  # (a verb, not "we're")
                # "A group of officers appeared on television and announced they had seized power": the first verb's subject
                subj = _written_subject(doc, s, local, mentions, at + len(local[at:]) - len(local[at:].lstrip()), lex, triggers)
                lead = subj + lead if subj else lead
            if report or len(lead) > HEADLINE_WORDS // 2:
                words = []  # "I would say" or a long subject: the main clause reads better
            else:
                words = lead + words
    if trigger is not None and name and doc.language == "en" and trigger[2] != "REPORT":
        # the event's verb inside a quote its speaker says ('"We will never accept these conditions," X told
        # reporters'): the line is the speaker's and the quote's words, never the verb pulled out of it
        inside = _quote_around(local, trigger[0] - s.start)
        outside = local[: inside[0]] + local[inside[1] :] if inside is not None else ""
        if inside is not None and any(w in outside for w in name.split() if len(w) > 3 and w[:1].isupper()):  # who speaks it
            quoted_words = [w for w in (x.strip("“”\"«»‘’()") for x in local[inside[0] : inside[1]].split()) if w.strip(_PUNCT)]
            if len(quoted_words) >= HEADLINE_MIN_WORDS:
                if len(quoted_words) > HEADLINE_WORDS - 3:
                    quoted_words = _to_phrase_end(quoted_words[: HEADLINE_WORDS - 3], lex)
                words, cut, own_subject = [name, ":"] + [w.rstrip(",;") for w in quoted_words], False, True
    fallback = len(words) < HEADLINE_MIN_WORDS
    if fallback and doc.language == "en" and trigger is not None and trigger[2] != "REPORT":
        # no line from the predicate ("... would be freed at 4pm"): a reporting verb of the sentence gives one
        opens = s.start + len(local) - len(local.lstrip())
        rep = next((tr for tr in triggers or () if opens <= tr[0] < s.end and tr[2] == "REPORT" and not _is_nominal(doc.text, tr[0])), None)
        if rep is not None:
            return make_headline(doc, s, mentions, rep, triggers, None, None, verbal=True)
    if fallback:
        words, end = _main_clause(local, lex, [m.start - s.start for m in mentions if m.kind in ACTING_KINDS])
        cut = doc.language == "en" and len(words) >= HEADLINE_CLAUSE_WORDS and (_runs_on(local, end) or end < len(local) - 1 and bool(local[end:].split()))
    names = _unique(m.name for m in mentions if m.kind in ACTING_KINDS)
    labels = _unique(m.name for m in mentions if m.kind in ("person", "organisation"))  # a place or its country speaks no line ("Turkey: Starting in ...")
    surfaces = [x for x in [doc.text[m.start : m.end].lower() for m in mentions] + [n.lower() for n in names] if x]

    def named(ws) -> bool:
        low = " ".join(ws).lower()
        return any(_whole_words(x).search(low) for x in surfaces + ([name.lower()] if name else []))

    quoted = bool(words) and words[0][:1] in "“\"«"
    speaker = first_person_speaker(doc, s, words) if doc.language == "en" and not source else None
    if speaker is None and doc.language == "en" and not source and words and _WHOLE_QUOTE.fullmatch(doc.text, s.start, s.end):
        speaker = paragraph_speaker(doc, s)  # '"Once again, Rohingya are being killed ..."' after '..., " Türk said.': Türk's
    if (fallback or not name) and not named(words) and not quoted and not own_subject and not speaker:
        # The line names no one: run on to the sentence's next mention when it is near ("... (against Turkey)").
        nxt = sorted(m.end - s.start for m in mentions if m.start - s.start >= end)
        name_on = re.match(r"(?: [A-Z][\w'’.-]*){1,5}", local[nxt[0] :]) if nxt else None
        nxt = [nxt[0] + name_on.end()] if name_on else nxt  # (to the name's end: "a day after Ukrainian Foreign Minister X Y")
        if nxt and len(local[end : nxt[0]].split()) <= HEADLINE_RUN_ON and not re.search(r"[,;:]\s", local[end : nxt[0]]):
            stop = local.find(")", nxt[0], nxt[0] + 2)
            extra = [w.strip("“”\"«»,;:") for w in local[end : (stop + 1 if stop >= 0 else nxt[0])].split()]
            if stop < 0 and not name_on and not re.match(r"\s*[,;:)(“”\"«».]", local[nxt[0] :]):
                tail, _ = _clause_words(local, nxt[0], lex, 2)  # finish the phrase: "to the X district"
                extra += [w for w in tail if w[:1].islower()][:1] if tail[:1] and tail[0][:1].islower() else []
            if len(" ".join(words + extra)) <= HEADLINE_CHARS:
                words = words + [w for w in extra if w]
    if cut and len(words) >= HEADLINE_WORDS and _runs_on(local, end):
        words = _to_phrase_end(words, lex, local[end:])
    body = " ".join(words).replace(" :", ":")
    if speaker:  # "We will earn back trust ...," chief executive X told ...: X's line, no place's label
        body = f"{speaker}: {body[:1].upper() + body[1:]}"
    elif source:
        body = f"{source}: {body[:1].upper() + body[1:]}"
    elif own_subject and not fallback:
        pass
    elif name and not named(words):
        body = f"{name} {body}" if not fallback else f"{name}: {body[:1].upper() + body[1:]}"
    elif (not named(words) and labels and not _BY_NAME.search(body)
          and not (words and lex.determiner.fullmatch(words[0].lower()))
          and not (words and re.split(r"['’]", words[0].lower())[0] in load_headline_cues().speaker_pronouns)):  # a witness's "My aunt ...": no place speaks  # "The war began": its own subject, no actor's label ("Hamas: The war began")  # say whose event it is: an actor, else a place's country
        body = f"{labels[0]}: {body[:1].upper() + body[1:]}"
    if doc.language == "en":
        body = resolve_lead(doc, s, local, body)  # "He declined ..." -> its antecedent's name
    ends = doc.text[s.start : s.end].rstrip(" .!?\"”’'").split()[-1:]  # the line reaches the sentence's end: a particle ("took over"), not a date's preposition
    return _clip(body.split(), keep_last=bool(ends) and [w.strip(_PUNCT) for w in body.split()[-1:]] == [w.strip(_PUNCT) for w in ends])


def _quote_around(local: str, rel: int) -> tuple[int, int] | None:
    """The span inside the quotation marks around `rel` (curly or straight), or None when `rel` is not quoted."""
    opening = local.rfind("“", 0, rel)
    if opening >= 0 and local.rfind("”", 0, rel) < opening:
        closing = local.find("”", rel)
        return (opening + 1, closing) if closing > 0 else None
    if local.count('"', 0, rel) % 2 == 1:
        closing = local.find('"', rel)
        return (local.rfind('"', 0, rel) + 1, closing) if closing > 0 else None
    return None


_PUNCT_NOT_DOT = _PUNCT.replace(".", "")
_AND_VERB = re.compile(r"\sand\s+(\S+)\s*$")  # the event's verb after "and" ending a reporting verb's span
_WHOLE_QUOTE = re.compile(r"\s*[“\"][^“”\"]{10,}[”\"]\s*")  # a sentence that is one quote and nothing else
_OPENING_MODIFIER = re.compile(r"\s*[A-Z][a-z]+ed\s+[A-Z]")  # "Retired Coast Guard admiral", "Armed Forces": no verb
_REPORT_ADJUNCT = re.compile(r"(\S+)\s+(?:in|on|at|during|after|before|via|through|from|to)\s+(?:[^\s,;:“”\"]+\s+){0,5}?that\s+")
_BY_NAME = re.compile(r"\bby (?:[A-Z][\w'’.-]*\s?){2,}")  # a passive's agent named in the line ("were led by Field Marshal X")
_AND = frozenset(("and", "et", "und", "y", "&"))
_PRONOUN_SUBJECT = re.compile(r"(?:^|[\s“\"‘])([Hh]e|[Ss]he)\s+(?:(?:has|had|was|is|also|then|later|would|will|could|did|had)\s+){0,2}$")
_AUX = re.compile(r"(?<=\w) (?:is|are|was|were|has|have|had|will|would) (?=[a-z])")
_POSSESSIVES = frozenset(("its", "their", "his", "her"))
_ABBREVIATION = re.compile(r"^(?:[A-Z]\.)+[A-Z]?\.?$")  # "U.S.", "U.N."
_APPOSITIVE = re.compile(r",[^,;:()“”\"«»]{1,90},\s*$")  # ", the former colonial power," right before the verb
_BRACKETS = re.compile(r"\s*\([^()]{1,40}\)")
_SUBJECT_BREAK = re.compile(r",(?!\d)(?!\s*[A-Z][\w.]*\s+(?:and|&)\s)|[;:–—“”\"«»]|\s-\s|--")  # not "1,000", "the US, UK and Japan"


def _focus_blank(local: str, m: re.Match) -> str:
    """The blank for a focus aside: its closing comma kept when a verb stands before it in its clause ("as forces began
    protests, particularly against opera, tensions rose": two clauses), else all of it ("The toll, particularly on
    children, is too high": subject and verb joined)."""
    clause = local[max(local.rfind(",", 0, m.start()), local.rfind(";", 0, m.start())) + 1 : m.start()]
    joined = past_verb_before(clause + " ", len(clause)) is None and not _AUX.search(clause)
    return " " * len(m.group()) if joined else "," + " " * (len(m.group()) - 1)


def _written_subject(doc: Document, s: Sentence, local: str, mentions: list[Mention], rel: int, lex: Lexicon,
                     triggers: list | None, depth: int = 0) -> list[str] | None:
    """The verb's subject as the article writes it, when it is a short noun phrase right before the verb.

    "Sudan's army and the paramilitary Rapid Support Forces (RSF) fought" keeps "Sudan's army and the
    paramilitary Rapid Support Forces" (the country does not stand in for its army); "A UN mission, the first in
    some 30 years, visited" keeps "UN mission" (an appositive skipped). None when the subject is a pronoun, just
    one actor's name (the caller names it), a title before a person's name (the name alone reads better), or not
    a clean noun phrase (a verb, a clause word or punctuation in it, or longer than subject_max_words).
    """
    cues = load_headline_cues()
    g = _grammar_words()
    ccues = clauses.load_clause_cues()
    dangling = ccues.dangling
    head = local[:rel]
    if "(" in head:
        head = _BRACKETS.sub(lambda m: " " * len(m.group()), head)
    tail: list[str] = []  # auxiliaries and adverbs before the verb are the verb's ("have suspended", "also imposed")
    for _ in range(4):
        k = len(head.rstrip())
        j = head.rfind(" ", 0, k) + 1  # the last word: head[j:k] (string search, not a regex: this runs per headline)
        word = head[j:k]
        w = word.lower()
        if (w in _AND or w == "or") and depth == 0:  # "... has killed 427 people and wounded 3,700": the first verb's subject
            prev = [tr[0] - s.start for tr in triggers or () if s.start <= tr[0] < s.start + j and not _is_nominal(doc.text, tr[0])]
            prev = prev or [p for p in [past_verb_before(local, j)] if p is not None]  # ("appeared on television and announced")
            prev = prev or [m.start() + 1 for m in _AUX.finditer(local, 0, j)][:1]  # ("The company is evaluating ... and is seeking")
            first = _written_subject(doc, s, local, mentions, prev[-1], lex, triggers, 1) if prev else None
            return [w for w in first if w.lower() not in dangling and not w.lower().endswith("ly")] + tail if first else None
        if not w or not (w in g.connectives or w in dangling or w.endswith("ly")):
            break
        tail.insert(0, word)
        head = head[:j] + " " * (len(head) - j)
    if any(w.lower() == "to" for w in tail):
        return None  # an infinitive ("the first to be freed"): no subject here
    app = _APPOSITIVE.search(head) if "," in head else None  # ", the former colonial power," (no verb of its own: not "..., was meant to ...,")
    app_words = app.group().split() if app else []
    if app and head[: app.start()].strip() and not any((w.lower() in ccues.passive_be or w.lower() in ccues.perfect_aux or w.lower() in cues.modals)
                                                       and not (0 < i < len(app_words) - 1 and app_words[i - 1][:1].isupper() and app_words[i + 1][:1].isupper())
                                                       for i, w in enumerate(app_words)):  # (a title's "is": "the planned This is It series")
        head = head[: app.start()] + " " * (len(head) - app.start())
    elif head.rstrip().endswith(","):
        return None  # a participle after a comma ("..., urging the two generals"): the main clause's
    breaks = [m.end() for m in _SUBJECT_BREAK.finditer(head.rstrip())]
    start = breaks[-1] if breaks else 0
    base, relative = start, None
    for m in re.finditer(r"\S+", head[base:]):  # after the last clause word ("when forces loyal to ... attacked")
        w = m.group().strip(_PUNCT).lower()
        if w in g.clause_stops and w not in _AND:
            # (only a clause's first clause word: "said after the meeting that ..." is a complement, not a relative)
            said = any(lex.report.fullmatch(x.lower().strip(_PUNCT)) for x in head[base : base + m.start()].split())  # "tells reporters ... that": a complement
            relative = (start, base + m.start()) if w in cues.relatives and start == base and base + m.start() > start and not said else None
            start = base + m.end()
    if relative is not None:  # "Fighting that broke out in Sudan has killed": the noun before the relative clause
        start, end = relative
        head = head[:end] + " " * (len(head) - end)
    opening = head[start:].split()[:1]
    if opening and (opening[0].lower() in g.connectives or opening[0].lower() in g.trailing or opening[0].lower() in g.clause_stops):
        start = _drop_lead(head, start, lex, [])  # ("But Iranian authorities", "Earlier on Friday, the ministry"; else nothing to drop: skipped, speed)
    span = head[start:].split()
    if len(span) > cues.subject_max_words + 2:  # (an article and a bracket's leftovers aside): too long, and slow to read
        return None
    words = [w.strip(_PUNCT_NOT_DOT).rstrip(".") if not _ABBREVIATION.search(w) else w.strip(_PUNCT_NOT_DOT)
             for w in span if w.strip(_PUNCT)]
    while words and words[0].lower() in ("the", "a", "an") and len(words) > 1 and words[1][:1].isupper():
        words.pop(0)
    if not words or len(words) > cues.subject_max_words:
        return None
    low = [w.lower() for w in words]
    if len(words) == 1 and low[0] in cues.pronouns:
        return None
    joined = " ".join(low) + " "
    quantity = next((len(q.split()) for q in cues.quantity_leads if joined.startswith(q + " ")), 0) if low[0][:1].islower() else 0
    opener = head[:start].split()[-1:]  # "... when simmering tensions between X and Y exploded": a bare plural after a clause opener
    bare_plural = bool(opener) and opener[0].lower() in _background_openers() and len(low) >= 2 and low[1].endswith("s")
    if words[0][:1].islower() and low[0] not in g.determiners and not quantity and not bare_plural:
        return None  # a fragment ("loyal to the TPLF")
    named_to = {i for i in range(quantity, len(low) - 1) if low[i] == "to" and words[i + 1][:1].isupper()}  # "ambassador to Sudan"
    if (any((w in dangling or w in g.clause_stops) and w not in _AND and i not in named_to and not (w in _POSSESSIVES and 0 < i < len(low) - 1 and low[i - 1] in _AND)
            for i, w in enumerate(low) if i >= quantity)  # ("U.S. citizens and their family members": a possessive before its noun)
            or low[-1] in _AND or low[0] in _AND):
        return None
    first = re.search(r"\S", head[start:])
    a, b = s.start + start + (first.start() if first else 0), s.start + len(head.rstrip())  # (an appositive blanked: "Blinken, speaking in Japan, called")
    gerund = a if low[0].endswith("ing") else -1  # "Fighting ... has killed": a noun
    verbs = [tr for tr in triggers or () if a <= tr[0] < b and tr[0] != gerund and not _is_nominal(doc.text, tr[0])]
    if (len(verbs) == 1 and verbs[0][2] == "REPORT" and any(w.lower() in clauses.load_clause_cues().passive_be for w in tail)
            and len(words) <= cues.subject_max_words - 2):
        return words + tail  # "The UKMTO agency said the tanker had been hit by ...": a passive told by its source
    if verbs:
        return None  # a verb in it: not a noun phrase
    inside = [m for m in mentions if a <= m.start and m.end <= b and m.kind in ACTING_KINDS]
    text = " ".join(words).lower()
    if len(inside) == 1 and text in (doc.text[inside[0].start : inside[0].end].lower(), inside[0].name.lower()):
        surface = doc.text[inside[0].start : inside[0].end]
        plural = inside[0].kind == "country" and surface.endswith("s") and " " not in surface and key_of(surface) != key_of(inside[0].name)
        return [surface if plural else inside[0].name] + tail  # the actor's name as the registry names it ("Egyptians": the people)
    if inside and inside[-1].kind == "person" and head[inside[-1].end - s.start :].strip(" ,") == "":
        return [inside[-1].name] + tail  # "Haitian Prime Minister Ariel Henry" -> "Ariel Henry"
    return words + tail


_NAME_WORD = re.compile(r"[A-Z][\w'’.-]*$")


def _name_after_title(words: list[str]) -> list[str] | None:
    """The name a subject ends in after a title of three words or more ending in a title noun ("Houthi military spokesman
    Yahya Saree", "Coast Guard Petty Officer Steve Lehmann in New Orleans": headlines.yaml `title_nouns`): two to four capitalised words, a place after them
    ("in New Orleans") left with the title; None when the subject has no such title and name."""
    titles = load_headline_cues().title_nouns
    low = [w.lower() for w in words]
    for i in range(len(words) - 3, 1, -1):  # (a title of three words or more: "Opposition leader Karl Brenner" stays)
        if low[i] not in titles:
            continue
        j = i + 1
        while j < len(words) and _NAME_WORD.match(words[j]) and low[j] not in titles:
            j += 1
        rest = low[j:]
        if 2 <= j - i - 1 <= 4 and (not rest or (rest[0] == "in" and len(rest) <= 4 and all(_NAME_WORD.match(w) for w in words[j + 1 :]))):
            return words[i + 1 : j]
        return None
    return None


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
    if (not local[last.end - s.start : trigger_start - s.start].strip() and last.kind == "country" and surface.endswith("s")
            and surface[:1].isupper() and " " not in surface and key_of(surface) != key_of(last.name)):
        return [surface]  # "Egyptians (on Saturday) cleared": the people, not their state (a demonym as a plural noun)
    if re.match(r"[’']s\s", gap) and len(gap_words) <= 4 and not re.search(r"[,;:()“”\"«»–—]", gap):
        return [surface + gap_words[0]] + gap_words[1:]  # "Turkey’s NATO membership makes ..."
    if len(gap_words) > 4 or re.search(r"[,;:()“”\"«»–—'’]", gap) or any(lex.clause_stop.match(w) for w in gap_words):
        return [name]
    if gap.startswith("-") and len(before) == 1:
        return [surface + gap_words[0]] + gap_words[1:]  # "A US-brokered truce was agreed"
    if len(before) == 1 and surface != last.name and gap_words and gap_words[0][:1].islower() and last.kind in ("country", "government"):
        return [surface] + gap_words  # a demonym qualifies the noun after it

    return [name] + gap_words
