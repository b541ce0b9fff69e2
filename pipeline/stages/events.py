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
import contextvars
import hashlib
import re
from datetime import date, timedelta

from ..registry import key_of, load_registry
from ..schema import Document, Event, Sentence, Timex
from ..timex.display import date_display
from ..timex import (
    value_interval,  # the TIMEX3 interval, one definition for every stage
)
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
from .clauses import in_circumstance, load_clause_cues, may_be_circumstance, typed_by_mode
from .headline_clauses import own_line
from .headline_cues import load_headline_cues
from .headline_written import prefer_written
from .roles_fallback import fallback_dyad, with_country
from .unknown_deeds import nominal_subject_deed, reported_unknown_deed
from .headlines import HEADLINE_CHARS, HEADLINE_WORDS, make_headline  # noqa: F401  (HEADLINE_* read by tests and bench)
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

HEADLINE_LINE_WORDS = 20
MIN_WORDS_OUTSIDE_DATES = 3
DATELINE_PREFIX_CHARS = 40
DATELINE_SLACK_DAYS = 2  # a dateline states the article's own date (a print edition's or a time zone's day apart)
_WORD = re.compile(r"[^\W\d_]{2,}")


def make_event_id(doc_id: str, quote: str, date_text: str, n: int = 0) -> str:
    """A stable id: the same sentence and date words in the same article give the same id."""
    key = f"{doc_id}\x1f{quote}\x1f{date_text}\x1f{n}"
    return hashlib.sha1(key.encode("utf-8")).hexdigest()[:16]


def _block_of(doc: Document, pos: int):
    return block_at(doc.blocks, pos)


def is_dateline(doc: Document, t: Timex) -> bool:
    """Whether a timex is the article's own date line ("MOSCOW, 30 December, 2020, (TON): ..."). A line that
    opens the same way with a day more than DATELINE_SLACK_DAYS from the article's date is an entry of a
    chronology ("16 May: A tube is inserted into the leaking pipe"): its date is the entry's (issue 23)."""
    block = _block_of(doc, t.start)
    if block is None:
        return False
    if block.section == "boilerplate":
        return True
    if t.start - block.start > DATELINE_PREFIX_CHARS:  # before slicing: a block may be megabytes long
        return False
    if _far_from_article_date(doc, t):
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


def _far_from_article_date(doc: Document, t: Timex) -> bool:
    """Whether a day-precise timex lies more than DATELINE_SLACK_DAYS outside the article's (known) date."""
    if t.granularity not in ("day", "time") or not t.date_start or not doc.published:
        return False
    start, end, _ = value_interval(doc.published)
    if not start or not end:
        return False
    slack = timedelta(days=DATELINE_SLACK_DAYS)
    day = date.fromisoformat(t.date_start[:10])
    return day < date.fromisoformat(start) - slack or day > date.fromisoformat(end) + slack


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
    """A one-line title (no sentence punctuation at the end) above other text: it names an event, it does not
    report one."""
    block = _block_of(doc, s.start)
    line = doc.text[block.start : block.end] if block else doc.text[s.start : s.end]
    if line.strip() == doc.text.strip():
        return False  # the document is this one line (an alert, a wire flash, a coded sentence): it reports
    return len(line.split()) <= HEADLINE_LINE_WORDS and not re.search(r"[.!?…]['\"”’]?\s*$", line)



# The build's cap on an article's events (the article_events setting, set by run.workers around one article):
# the stage stops once it has one more than the cap, so a run of 60,000 dates costs the cap's time, not the run's.
EVENT_LIMIT: contextvars.ContextVar[int] = contextvars.ContextVar("event_limit", default=0)


def find_events(doc: Document, limit: int = 0) -> list[Event]:
    """Events of a document, in text order: sentence, then its main predicate's event, then the other dates'.
    With `limit` (> 0), it stops once it has found limit + 1 of them (the caller keeps the first `limit`)."""

    lex = load_lexicon()
    names = load_registry().name_keys
    events: list[Event] = []
    seen: dict[tuple[str, str], int] = {}
    dct_start, dct_end, dct_gran = value_interval(doc.published)
    all_triggers = find_triggers(doc.text, 0, len(doc.text), lex)  # one pass per type over the text
    for s in doc.sentences:
        if limit and len(events) > limit:
            break
        if s.section == "boilerplate" or (doc.language == "en" and doc.text[s.start : s.end].rstrip().endswith("?")):
            continue  # (a question reports nothing: "How long has this war been going on?"; issue 18)
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
            clear = (pred is not None and pred.deed) or (pred is None and doc.language == "en" and reported_unknown_deed(
                doc.text, s.start, s.end, ments, triggers, load_clause_cues()))  # round 6: "X devalued ..., officials said"
            if not clear and pred is not None and not pred.verbal and nominal_subject_deed(doc.text, s.start, pred.trigger, s.end, load_clause_cues()):
                clear, pred = True, find_predicate(doc, s, triggers, ments)  # round 7: "The movement of Iraqi troops ... alarmed ..."
            if not (doc.published and (speaking or clear)) or _headline_like(doc, s):
                continue
            anchors: list[Timex | None] = [None]
        else:
            anchors = list(dates)
        quote = doc.text[s.start : s.end]
        # a name that only sets the scene ("ties under U.S. sanctions") is no party to the event
        cues = load_clause_cues()
        scene = ({id(m) for m in ments if in_circumstance(doc.text, m.start, m.end, s.start, cues)}
                 if may_be_circumstance(doc.text, s.start, s.end, cues) else set())
        actors = _unique(m.name for m in actor_ments if id(m) not in scene)
        countries = _unique(m.country for m in ments if id(m) not in scene)
        locations = _unique(m.name for m in ments if m.kind == "location")
        spoken = _outside_quotes(doc, s, actor_ments, lambda m: m.start)
        first_actor = spoken[0].start if spoken else None
        said_triggers = _outside_quotes(doc, s, triggers)
        said_ments = _outside_quotes(doc, s, ments, lambda m: m.start)
        lines: dict = {}  # line -> (its trigger, its date): a later date sharing it may have a clause of its own
        headlines: dict = {}  # trigger -> headline: two dates typed by one verb share the line
        main_anchor = _main_anchor(pred, anchors, triggers)
        if any(t is main_anchor for t in anchors):  # the sentence's main event first, then its background dates
            anchors = [main_anchor] + [t for t in anchors if t is not main_anchor]
        for t in anchors:
            if limit and len(events) > limit:
                break
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
            if mode == "plan" and event_type in cues.scheduled_types:  # a commitment to meet: PLOVER AGREE (round 6)
                event_type = typed_by_mode(event_type, "intend", cues)  # PLOVER AGREE ("Li Peng will visit Vietnam")
            dyad = with_country(doc, s, ments, _dyad(doc, own) if own is not None else fallback_dyad(doc, s, ments, triggers))  # issue 18 round 5
            line_trigger, agent = headline_subject(doc, own) if own is not None else (trigger, None)
            if (line_trigger, agent) not in headlines:
                through = own.trigger[1] if own is not None and own.speaker_report else None
                headlines[(line_trigger, agent)] = make_headline(doc, s, said_ments, line_trigger, triggers, agent, through,
                                                                 verbal=own is not None and own.verbal)
            headline = headlines[(line_trigger, agent)]
            if t is None and not (actors or countries or dyad[0] or dyad[2]) and _pronoun_led(headline):
                continue  # an undated remark of nobody named ("That's what I would like to call it"): nothing to brief
            shared = next((k for k in lines if k in headline), None) if t is not None and lines else None
            if shared is not None:
                # a background date's event reusing an earlier event's line: its own clause's line, when it has one
                line = own_line(doc, s, t, lines[shared][0], triggers, lines[shared][1])
                headline, shared = (line, line) if line and line != shared else (headline, None)
            lines.setdefault(headline, (line_trigger[0] if line_trigger else None, t))
            if shared is None:  # (a background date's own clause line stays as it is)
                headline = prefer_written(doc, s, headline)  # a rebuilt opening: the sentence's own line (eighth round)
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


_FIRST_WORD = re.compile(r"[^\W\d_]+")


def _pronoun_led(headline: str) -> bool:
    """Whether a line opens with a pronoun ("They have learned their lesson", "That's what I ..."): with nobody
    named in its sentence it tells of no one an analyst can place."""
    m = _FIRST_WORD.match(headline)
    return bool(m) and m.group(0).lower() in load_headline_cues().pronouns


def annotate(doc: Document) -> Document:
    """Set doc.events (schema.Event records) from the sentences, timexes and mentions."""
    doc.events = find_events(doc, EVENT_LIMIT.get())
    return doc
