"""Events from sentences: one per (sentence, date) that reports something happening.

A sentence gives one event per DATE timex in it (two dates, two events), except the article's own
date line, reference words ("now") and durations/sets. A sentence with no usable date but a clear event
(a trigger from the PLOVER lexicon and an actor) is anchored to the article's creation time, with
`date_text` empty and the DCT's own granularity. Site furniture gives no events; captions, teasers and
reader comments do, with their section, so the dashboard can tell them from the outlet's reporting.

The event type comes from `pipeline/data/lexicon/plover.yaml` (the trigger nearest the date wins);
actors and countries from the actors stage's mentions in the sentence.
"""
from __future__ import annotations

import bisect
import calendar
import hashlib
import re
from dataclasses import dataclass
from functools import lru_cache

import yaml

from .config import DATA_DIR
from .documents import Document, Mention, Sentence, Timex
from .schema import Event
from .sections import load_cues

NEEDS: tuple[str, ...] = ("sentences", "timexes", "mentions", "blocks", "published")
SETS: tuple[str, ...] = ("events",)

HEADLINE_CHARS = 90
HEADLINE_WORDS = 8
HEADLINE_LINE_WORDS = 20
MIN_WORDS_OUTSIDE_DATES = 3
DATELINE_PREFIX_CHARS = 40
ACTOR_KINDS = ("person", "organisation", "government", "country")
_WORD = re.compile(r"[^\W\d_]{2,}")
_CLAUSE_STOP = re.compile(r"^(which|that|while|when|as|because|after|before|but|and|who|where|amid|since|saying|adding|qui|que|lors|après|alors|pour)$", re.I)


def make_event_id(doc_id: str, quote: str, date_text: str, n: int = 0) -> str:
    """A stable id: the same sentence and date words in the same article give the same id."""
    key = f"{doc_id}\x1f{quote}\x1f{date_text}\x1f{n}"
    return hashlib.sha1(key.encode("utf-8")).hexdigest()[:16]


@dataclass(frozen=True)
class Lexicon:
    """Compiled PLOVER triggers: (type, pattern) pairs, the reporting verbs and the fallback type."""

    types: tuple[tuple[str, re.Pattern], ...]
    report: re.Pattern
    fallback: str


@lru_cache(maxsize=4)
def load_lexicon(path: str | None = None) -> Lexicon:
    """Load the event-verb lexicon (default: the packaged plover.yaml)."""
    with open(path or DATA_DIR / "lexicon" / "plover.yaml", encoding="utf-8") as fh:
        data = yaml.safe_load(fh)

    def comp(words) -> re.Pattern:
        return re.compile(r"(?<![\w-])(?:" + "|".join(f"(?:{w})" for w in words) + r")(?![\w-])", re.IGNORECASE)

    types = tuple((name, comp(words)) for name, words in data["types"].items())
    return Lexicon(types, comp(data["report"]), str(data.get("fallback", "OTHER")))


def find_triggers(text: str, start: int, end: int, lexicon: Lexicon | None = None) -> list[tuple[int, int, str]]:
    """Event-verb matches in text[start:end] as (start, end, type); reporting verbs have type REPORT."""
    lex = lexicon or load_lexicon()
    found = [(m.start(), m.end(), name) for name, pat in lex.types for m in pat.finditer(text, start, end)]
    found += [(m.start(), m.end(), "REPORT") for m in lex.report.finditer(text, start, end)]
    return sorted(found)


def value_interval(value: str | None) -> tuple[str | None, str | None, str]:
    """(start, end, granularity) of a plain ISO-like value: YYYY-MM-DD, YYYY-MM or YYYY."""
    if not value:
        return None, None, "unknown"
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        return value, value, "day"
    m = re.fullmatch(r"(\d{4})-(\d{2})", value)
    if m:
        last = calendar.monthrange(int(m[1]), int(m[2]))[1]
        return f"{value}-01", f"{value}-{last:02d}", "month"
    if re.fullmatch(r"\d{4}", value):
        return f"{value}-01-01", f"{value}-12-31", "year"
    return None, None, "unknown"


def _block_of(doc: Document, pos: int):
    return next((b for b in doc.blocks if b.start <= pos < b.end), None)


def is_dateline(doc: Document, t: Timex) -> bool:
    """Whether a timex is the article's own date line ("MOSCOW, 30 December, 2020, (TON): ...")."""
    block = _block_of(doc, t.start)
    if block is None:
        return False
    if block.section == "boilerplate":
        return True
    prefix = doc.text[block.start : t.start]
    date_words = load_cues().date_line_words
    if len(prefix) > DATELINE_PREFIX_CHARS or any(w not in date_words for w in re.findall(r"\b[a-zà-ÿ]{3,}\b", prefix)):
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


def event_dates(doc: Document, s: Sentence) -> list[Timex]:
    """The DATE timexes of a sentence that date an event; adjacent ones ("Wednesday (25 November)") merge."""
    found = sorted((t for t in doc.timexes if s.start <= t.start and t.end <= s.end and _usable(t)), key=lambda t: t.start)
    found = [t for t in found if not is_dateline(doc, t)]
    merged: list[Timex] = []
    for t in found:
        if merged and re.fullmatch(r"[\s(),/–—-]*", doc.text[merged[-1].end : t.start]):
            if _specificity(t) < _specificity(merged[-1]):
                merged[-1] = t
            continue
        merged.append(t)
    return merged


def _words_outside(doc: Document, s: Sentence, dates: list[Timex]) -> int:
    text = doc.text[s.start : s.end]
    for t in sorted((t for t in doc.timexes if s.start <= t.start and t.end <= s.end), key=lambda t: -t.start):
        text = text[: t.start - s.start] + " " + text[t.end - s.start :]
    return len(_WORD.findall(text))


_RELATIVE = re.compile(r",\s*(?:which|who|whose|where|qui|dont|lequel|laquelle)\b[^,;]*(?:,|$)", re.I)
_DETERMINER = re.compile(r"^(a|an|the|its|their|his|her|this|that|these|those|of|un|une|le|la|les|l|du|des|de|son|sa|ses|leur)$", re.I)
AFTER_DATE_PENALTY = 40  # chars: the verb of "signed ... on 10 November" usually comes before the date
NOMINAL_PENALTY = 60  # chars: a noun trigger ("a ceasefire") loses to a verb a little farther away


def _is_nominal(text: str, start: int) -> bool:
    """A trigger used as a noun: a determiner among the two words before it."""
    before = re.findall(r"[\w'’-]+", text[max(0, start - 40) : start])[-2:]
    return any(_DETERMINER.match(w.strip("'’")) for w in before)


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


_QUOTED = re.compile(r"“[^”]*”?|\"[^\"]*\"?|«[^»]*»?")


def _outside_quotes(doc: Document, s: Sentence, items: list, pos=lambda x: x[0]) -> list:
    """Items (triggers, mentions) outside quoted speech, when any are; else all of them."""
    spans = [m.span() for m in _QUOTED.finditer(doc.text, s.start, s.end)]
    outside = [x for x in items if not any(a <= pos(x) < b for a, b in spans)]
    return outside or items


def _headline_like(doc: Document, s: Sentence) -> bool:
    """A one-line title (no sentence punctuation at the end): it names an event, it does not report one."""
    block = _block_of(doc, s.start)
    line = doc.text[block.start : block.end] if block else doc.text[s.start : s.end]
    return len(line.split()) <= HEADLINE_LINE_WORDS and not re.search(r"[.!?…]['\"”’]?\s*$", line)


def _group_at(doc: Document, actors: list[Mention], i: int) -> list[Mention]:
    """The mention at index i with the ones coordinated with it ("Azerbaijan and Armenia")."""
    gap = re.compile(r"\s*(?:(?:,|and|et|&)\s*)?(?:[A-Z][\w.-]*\s+){0,4}")
    group = [actors[i]]
    for m in actors[i + 1 :]:
        if gap.fullmatch(doc.text[group[-1].end : m.start]) or not doc.text[group[-1].end : m.start].strip():
            group.append(m)
        else:
            break
    if any(m.kind == "person" for m in group):  # "Turkish President X": the demonym only qualifies X
        group = [m for m in group if m.kind == "person"]
    return group


def _subject(doc: Document, mentions: list[Mention], trigger_start: int, triggers: list | None = None) -> str | None:
    """Who did it: the sentence's first actor group when it comes before the trigger, else the nearest."""
    actors = [m for m in mentions if m.kind in ACTOR_KINDS]
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


def make_headline(doc: Document, s: Sentence, mentions: list[Mention], trigger: tuple[int, int, str] | None, triggers: list | None = None) -> str:
    """A short line for a chart: the actor nearest before the trigger plus the trigger's clause."""
    quote = " ".join(doc.text[s.start : s.end].split())
    if trigger is None:
        return quote if len(quote) <= HEADLINE_CHARS else quote[: HEADLINE_CHARS - 1].rsplit(" ", 1)[0] + "…"
    local = doc.text[trigger[0] : s.end]
    for t in doc.timexes:  # the date is on the chart's axis already: leave it out of the line
        if trigger[0] <= t.start and t.end <= s.end:
            a, b = t.start - trigger[0], t.end - trigger[0]
            local = local[:a] + " " * (b - a) + local[b:]
    local = re.sub(r"\b(on|in|at|le|en|du|the)\s{2,}", lambda m: " " * len(m.group()), local)
    local = re.sub(r"\(\s*\)", lambda m: " " * len(m.group()), local)
    words = []
    for m in re.finditer(r"\S+", local):
        w = m.group()
        bare = w.strip("“”\"'’‘(),;:.")
        if words and _CLAUSE_STOP.match(bare):
            if trigger[2] == "REPORT" and len(words) == 1 and bare.lower() in ("that", "que"):
                continue  # "said that ...": what was said is the point
            break
        if words and bare.lower() == "to":
            nxt = local[m.end() :].lstrip()[:1]
            if nxt.islower() and len(words) >= 4:
                break
        words.append(bare if re.search(r"[,;:“”\"()]$", w) else w.rstrip("“”\""))
        if re.search(r"[,;:“”\"()]$", w) or len(words) >= HEADLINE_WORDS:
            break
    clause = " ".join(words).strip().rstrip(".,;:")
    name = _subject(doc, mentions, trigger[0], triggers)
    head = clause
    if name and name.lower() not in clause.lower():
        head = f"{name} {clause}"
    head = head[:1].upper() + head[1:]
    return head if len(head) <= HEADLINE_CHARS else head[: HEADLINE_CHARS - 1].rsplit(" ", 1)[0] + "…"


def _unique(items):
    seen, out = set(), []
    for x in items:
        if x and x not in seen:
            seen.add(x)
            out.append(x)
    return out


def find_events(doc: Document) -> list[Event]:
    """Events of a document, in text order (sentence, then date position)."""
    from .actors import key_of, load_registry

    lex = load_lexicon()
    names = load_registry().name_keys
    events: list[Event] = []
    seen: dict[tuple[str, str], int] = {}
    dct_start, dct_end, dct_gran = value_interval(doc.published)
    all_triggers = find_triggers(doc.text, 0, len(doc.text), lex)  # one pass per type over the text
    for s in doc.sentences:
        if s.section == "boilerplate":
            continue
        dates = event_dates(doc, s)
        if _words_outside(doc, s, dates) < MIN_WORDS_OUTSIDE_DATES:
            continue
        ments = [m for m in doc.mentions if s.start <= m.start and m.end <= s.end]
        lo, hi = bisect.bisect_left(all_triggers, (s.start,)), bisect.bisect_left(all_triggers, (s.end,))
        triggers = [tr for tr in all_triggers[lo:hi] if tr[1] <= s.end]
        actor_ments = [m for m in ments if m.kind in ("person", "organisation", "government") or (m.kind == "country" and key_of(m.text) in names)]
        if not dates:
            # Anchored to the DCT only when someone named says or does something: a reporting verb
            # (or an action verb) with a person, organisation or government in the sentence.
            speakers = [m for m in actor_ments if m.kind in ("person", "organisation", "government")]
            verbal = [tr for tr in triggers if tr[2] == "REPORT" or not _is_nominal(doc.text, tr[0])]
            if not (doc.published and speakers and verbal) or _headline_like(doc, s):
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
        for t in anchors:
            trigger = choose_trigger(doc.text, _outside_quotes(doc, s, triggers), t.start if t else None, first_actor, len(anchors))
            event_type = trigger[2] if trigger and trigger[2] != "REPORT" else lex.fallback
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
                    headline=make_headline(doc, s, _outside_quotes(doc, s, ments, lambda m: m.start), trigger, triggers), quote=quote,
                    char_start=s.start, char_end=s.end, section=s.section,
                )
            )
    return events


def annotate(doc: Document) -> Document:
    """Set doc.events (schema.Event records) from the sentences, timexes and mentions."""
    doc.events = find_events(doc)
    return doc
