"""Pronouns in headlines (issue 18): a line never opens with "He" or "I" when the article names who it is.

A third-person subject ("He declined to put an estimate ...") is replaced by its nearest named antecedent
in the sentences before it (same section, up to ANTECEDENT_WINDOW sentences): a person the actors stage
found, a speaker named beside a reporting verb ("Ferguson said", "said Cyrus Paye") or after "according to", or a
name of two or more capitalised words opening a sentence before its verb or its appositive ("Robin Cook went to
school ...", "Phylicia Barnes, a 17-year-old student, ..."), also after an opening clause ("Unloading his catch ...,
Richard Collier, a fisherman,") and without the organisation of its title ("WHO Director-General Margaret Chan"). A first person
inside a quote is its speaker when the sentence names one after or before the quote ('"I am upset ...,"
said Muna al-Mahdi' -> "Muna al-Mahdi: I am upset ..."). Nothing is resolved when no such name is found.
Words are read from pipeline/data/lexicon/headlines.yaml (`antecedent_pronouns`, `speaker_pronouns`,
`not_names`) and plover.yaml's reporting verbs.
"""
from __future__ import annotations

import bisect
import re
from functools import lru_cache

from ..schema import Document, Mention, Sentence
from . import clauses
from .headline_cues import load_headline_cues
from .sections import block_at
from .triggers import load_lexicon, overlaps_any

ANTECEDENT_WINDOW = 6  # sentences back (as the actors stage's resolver)
_PARTICLE = r"(?:(?:al|el)-[\w'’-]+|(?:bin|ibn|de|van|von|du|da|der|la|le)(?=\s))"  # "Muna al-Mahdi", "Julio de Pena"
_NAME = r"(?:[A-Z][\w'’-]*\.?|[A-Z]\.)(?:\s+(?:[A-Z][\w'’-]*\.?|[A-Z]\.|" + _PARTICLE + r"))*"
_OPENING_NAME = re.compile(r"\s*[“\"‘]?(" + _NAME + r")(?<![’']s)(?:\s+[a-z]|,\s+(?:a|an|the|who|whose|[a-z]+'s)\s)")  # ("X, a 17-year-old student,")
_LEAD_NAME = re.compile(r"[^,;:“”\"]{3,120}?,\s+(" + _NAME + r")(?<![’']s)(?:\s+[a-z]|,\s+(?:a|an|the|who|whose)\s"
                        r"|,\s+(?:[a-z]+ly\s+)?(?:[a-z]{3,}ed|said|says|told|tells)\s)")  # ("The ... official in Sudan, X Y, condemned")  # "Unloading his catch ..., Richard Collier, a"
_SOURCE_NAME = re.compile(r"(?<![\w'’-])(?i:according\s+to)\s+(?P<name>" + _NAME + r")(?=\s*[,.;:]|\s*$)")  # "..., according to Sir Liam."
_INNER_NAME = re.compile(r"(?<=[\w,;:] )([A-Z][\w'’-]*\s+" + _NAME + r")")  # two or more capitalised words inside a sentence
_PARTICLE_WORD = re.compile(_PARTICLE + "$")
_SUBJECT_THEN_VERB = re.compile(_NAME + r"\s+(?:(?:has|had|was|also|then)\s+)?(?:said|says|told|tells|added|announced|declared|warned|met|urged|called)\b")


@lru_cache(maxsize=2)
def _speaker_patterns() -> tuple[re.Pattern, re.Pattern]:
    """A name right before a reporting verb ("Ferguson said"), and right after one ("said Cyrus Paye,")."""
    report = load_lexicon().report.pattern
    inverted = "|".join(re.escape(w) for w in sorted(load_headline_cues().inverted_report_verbs, key=len, reverse=True)) or "(?!)"
    before = re.compile(r"(?<![\w'’-])(?P<name>" + _NAME + r")\s+(?:has\s+|had\s+|also\s+)?(?:" + report + r")\b")
    after = re.compile(r"(?<![\w'’-])(?i:" + inverted + r")\s+(?P<name>" + _NAME + r")(?=\s*[,.;:]|\s*$|\s+(?:of|from|at)\s)")
    return before, after


def _is_name(doc: Document, name: str, start: int, others: list[Mention]) -> bool:
    """Whether capitalised words at doc.text[start:] name someone: not a function word opening a sentence, not a
    country, place or organisation the actors stage found there, not a one-word common noun capitalised only
    because it opens the sentence (the article writes it in lower case elsewhere)."""
    words = name.split()
    cues = load_headline_cues()
    if not words or any(w.lower().strip("“\"‘") in cues.not_names for w in words):
        return False
    end = start + len(name)
    if any(m.start < end and start < m.end for m in others) or overlaps_any(doc.timexes, start, end):
        return False
    if len(words) == 1:
        if re.search(r"(?<![\w'’-])" + re.escape(words[0].lower()) + r"(?![\w'’-])", doc.text):
            return False
        prev = doc.text[max(0, start - 4) : start].strip()
        closing = prev[-1:] in ("”", '"') and prev[-2:-1] in (",", ".", "!", "?")  # '"...," Brenner said': a speaker tag
        if prev[-1:] in ("", ".", "!", "?", "“", '"') and not closing:  # opening a sentence ("Officials said"): a name only when
            # the article also writes it inside a sentence or after a first name ("Neil Ferguson")
            return bool(re.search(r"(?:[a-z,]|[A-Z][\w'’-]*)\s+" + re.escape(words[0]) + r"(?![\w'’-])", doc.text))
    return True


def _untitled(doc: Document, name: str, start: int, others: list[Mention]) -> tuple[int, str]:
    """A subject's name after the organisation or country opening its title ("WHO Director-General Margaret Chan" ->
    "Director-General Margaret Chan"): its words after the last mention of another kind inside it."""
    cut = max([m.end for m in others if start <= m.start and m.end < start + len(name)], default=start)
    rest = doc.text[cut : start + len(name)]
    return cut + len(rest) - len(rest.lstrip()), rest.strip()


def _clean(name: str) -> str:
    """A name as a subject: no possessive, no full stop ("Adam Buxton's" -> "Adam Buxton")."""
    return re.sub(r"[’']s$", "", name.rstrip("."))


def _capitalised(name: str) -> bool:
    """Whether every word of a name is capitalised or a particle (not "Nine days")."""
    return all(w[:1].isupper() or _PARTICLE_WORD.match(w + " ") for w in name.split())


def _leads(local: str, s: Sentence, at: int) -> bool:
    """Whether the pronoun at `at` is its sentence's subject: nothing before it but connectives or an opening
    adverbial ending in a comma ("In 2000, he opened"); a pronoun further in ("they maintained that he had")
    may point to anyone of its own sentence."""
    before = local[: at - s.start].strip(" “\"‘")  # (its dates blanked: "But on Tuesday he warned")
    if not before or before.endswith(","):
        return True
    words = before.lower().split()
    return len(words) <= 3 and all(w in load_headline_cues().not_names for w in words)


def antecedent(doc: Document, s: Sentence, at: int, local: str | None = None, lead: bool | None = None,
               unquoted: bool = False) -> str | None:
    """The nearest person named before position `at` (a third-person pronoun's): in s, or, when the pronoun is
    s's subject, in the sentences before it in the same section; else None. `local`: s's text, dates blanked."""
    sentences = doc.sentences
    i = bisect.bisect_right([x.start for x in sentences], s.start) - 1
    lead = _leads(local if local is not None else doc.text[s.start : s.end], s, at) if lead is None else lead
    window = [x for x in sentences[max(0, i - ANTECEDENT_WINDOW) : i + 1] if x.section == s.section] if lead else [s]
    if not window:
        return None
    lo = window[0].start
    cues = load_headline_cues()
    found: list[tuple[int, str]] = [(m.start, m.name) for m in doc.mentions if lo <= m.start < at and m.kind == "person"
                                    and doc.text[m.start : m.end].lower() not in cues.antecedent_pronouns and _capitalised(m.name)]
    others = [m for m in doc.mentions if lo <= m.start < at and m.kind != "person"]
    before, after = _speaker_patterns()
    for x in window:
        end = min(x.end, at)
        if end <= x.start:
            continue
        for pattern in (before, after, _SOURCE_NAME):
            for m in pattern.finditer(doc.text, x.start, end):
                if _is_name(doc, m.group("name"), m.start("name"), others):
                    found.append((m.start("name"), _clean(m.group("name"))))
        for pattern in (_OPENING_NAME, _LEAD_NAME):  # a sentence's subject, also after an opening clause
            m = pattern.match(doc.text, x.start, end)
            name = _untitled(doc, m.group(1), m.start(1), others) if m else None
            if name and len(name[1].split()) >= 2 and _is_name(doc, name[1], name[0], others):
                found.append((name[0], _clean(name[1])))
    for m in _INNER_NAME.finditer(doc.text, s.start, at):  # "his physician Dr Conrad Murray, but he has not been named"
        if _is_name(doc, m.group(1), m.start(1), others):
            found.append((m.start(1), _clean(m.group(1))))
    if unquoted:  # (for a quote's speaker: a name inside a quote is what was said, not who said it)
        found = [(p, n) for p, n in found if not _quoted(doc, p)]
    if not found:
        return None
    last = max(found)[0]
    before = [x for x in window if x.start < s.start]
    prev = before[-1] if before else None
    if lead and prev is not None and prev.start <= last < s.start:  # the sentence right before's subject, not a name inside
        first = min((p, n) for p, n in found if prev.start <= p)  # what it tells ("X told reporters that Y was ... . He declined": X)
        if _SUBJECT_THEN_VERB.match(doc.text[first[0] : prev.end]) and first[0] - prev.start < 60:
            words = max((n for _, n in found if first[1] in n), key=len).split()  # (the longest form: "Demeke Mekonnen")
            while len(words) > 2 and words[0].lower() in cues.title_nouns:
                words = words[1:]  # ("Spokesman Dmitry Peskov": the name)
            return " ".join(words)
    return max(found)[1]


def _quoted(doc: Document, pos: int) -> bool:
    """Whether pos is inside quotation marks within its paragraph line (curly or straight)."""
    line = doc.text[doc.text.rfind("\n", 0, pos) + 1 : pos]
    return line.count("“") > line.count("”") or line.count('"') % 2 == 1


def organisation_antecedent(doc: Document, s: Sentence, at: int, local: str) -> str | None:
    """The organisation or government an opening "It" points back to: the last one named in the sentence before
    (same section), when the pronoun leads its sentence and is no dummy subject ("It is", "It's hard to ...")."""
    if not _leads(local, s, at) or re.search(r"[“\"‘]", doc.text[s.start : at]):
        return None  # (inside a quote "It" is the speaker's, not the article's)
    nxt = re.match(r"\s*(?:it|its)\s+(\w+)", doc.text[at : at + 40], re.I)
    if not nxt or nxt.group(1).lower() in load_headline_cues().dummy_it_verbs or doc.text[at : at + 4].lower().startswith(("it'", "it’")):
        return None
    verb = nxt.group(1).lower()
    ccues = clauses.load_clause_cues()
    if not (load_lexicon().report.fullmatch(verb) or verb in ccues.irregular_past or verb in ccues.light_verbs or verb.endswith("ed")):
        return None  # only a deed or a statement of the organisation ("It said", "It accused"), not "It does not mean"
    sentences = doc.sentences
    i = bisect.bisect_right([x.start for x in sentences], s.start) - 1
    prev = sentences[i - 1] if i > 0 and sentences[i - 1].section == s.section else None
    if prev is None:
        return None
    found = [m for m in doc.mentions if prev.start <= m.start < prev.end and m.kind in ("organisation", "government")]
    return found[-1].name if found else None


_CLOSING = re.compile(r"”|(?<=[,.!?])\"")
_PRONOUN_SAYS = re.compile(r"(?i:he|she)\s+(?:also\s+)?(?=\w)")


def quote_speaker(doc: Document, s: Sentence) -> str | None:
    """The speaker a sentence names for its quote: after it ('", said X,', '," he said' with "he" resolved) or
    before it ('X said: "'), else None."""
    text = doc.text[s.start : s.end]
    others = [m for m in doc.mentions if s.start <= m.start < s.end and m.kind != "person"]
    before, after = _speaker_patterns()
    report = load_lexicon().report
    for close in _CLOSING.finditer(text):
        tail = re.match(r"\s*,?\s*", text[close.end() :])
        at = s.start + close.end() + (tail.end() if tail else 0)
        for pattern in (after, before):  # ('," said X', '," chief executive X told'): within a few words of the quote
            m = pattern.search(doc.text, at, min(s.end, at + 60))
            if m and len(doc.text[at : m.start()].split()) <= 3 and _is_name(doc, m.group("name"), m.start("name"), others):
                return _clean(m.group("name"))
        m = _PRONOUN_SAYS.match(doc.text, at, s.end)
        if m and report.match(doc.text, m.end(), s.end):  # '"I was gung-ho for this test," he said': he is named before
            return antecedent(doc, s, at, None, lead=True, unquoted=True)
    opening = min([p for p in (text.find("“"), text.find('"')) if p >= 0], default=-1)
    if opening > 0:
        m = before.search(doc.text, s.start, s.start + opening)
        if m and _is_name(doc, m.group("name"), m.start("name"), others):
            return _clean(m.group("name"))
    return None


def resolve_lead(doc: Document, s: Sentence, local: str, body: str) -> str:
    """body with an opening pronoun replaced by its antecedent (he, she) or prefixed with its speaker (I, we)."""
    first = body.split(" ", 1)
    cues = load_headline_cues()
    if len(first) > 1 and first[0].lower().endswith("ly") and first[1].split(" ", 1)[0].lower() in cues.antecedent_pronouns:
        return first[0] + " " + resolve_lead(doc, s, local, first[1])  # "Suddenly she was wounded": the adverb stays
    word = first[0].strip("“\"‘,").lower()
    if word in cues.antecedent_pronouns:
        m = re.search(r"(?<![\w'’-])" + re.escape(word) + r"(?![\w'’-])", local, re.I)
        name = antecedent(doc, s, s.start + m.start(), local) if m else None
        return f"{name} {first[1]}" if name and len(first) > 1 else body
    if word in cues.organisation_pronouns:
        m = re.search(r"(?<![\w'’-])" + re.escape(word) + r"(?![\w'’-])", local, re.I)
        name = organisation_antecedent(doc, s, s.start + m.start(), local) if m else None
        return f"{name} {first[1]}" if name and len(first) > 1 else body
    if word in cues.speaker_pronouns:
        speaker = quote_speaker(doc, s)
        return f"{speaker}: {body}" if speaker else body
    return body


_CAPS = r"[A-Z][A-Z.'’-]+(?:\s+[A-Z][A-Z.'’-]+)"
# a transcript's speaker tag ("BLITZER:", "LT. COL. RALPH PETERS, FOX NEWS CONTRIBUTOR:", "AARON BARNHART, TVBARN.COM:")
_TAG = re.compile(r"\s*(%s{0,4})(?:,\s*%s{0,4})?:\s" % (_CAPS, _CAPS))
_TAG_LINE = re.compile(r"(?m)^[ \t]*(%s{0,4})(?:,[ \t]*%s{0,4})?:\s" % (_CAPS.replace("\\s", "[ \\t]"), _CAPS.replace("\\s", "[ \\t]")))


def first_person_speaker(doc: Document, s: Sentence, words: list[str]) -> str | None:
    """Who says a line opening with "I" or "we": the speaker the sentence names for its quote, else the speaker
    tag opening its paragraph in a transcript ("BLITZER: I've studied ..." -> "Blitzer"); else None."""
    if not words or words[0].strip("“\"‘").lower().split("'")[0].split("’")[0] not in load_headline_cues().speaker_pronouns:
        return None
    speaker = quote_speaker(doc, s)
    if speaker:
        return speaker
    block = block_at(doc.blocks, s.start)
    speaker = paragraph_speaker(doc, s)
    if speaker:
        return speaker
    m = _TAG.match(doc.text, block.start if block is not None else s.start)
    if m and m.start(1) <= s.start + 1 and len(m.group(1)) > 2 or (m and block is not None):
        return m.group(1).title()
    return _turn_speaker(doc, s)


def paragraph_speaker(doc: Document, s: Sentence) -> str | None:
    """The speaker of a quote of several sentences: a sentence opening with a quotation mark gets the speaker its
    paragraph names for a quote in the nearest other sentence ('"..., " Türk said. "Once again, ..."'); else None."""
    block = block_at(doc.blocks, s.start)
    if block is None or not re.match(r"\s*[“\"]", doc.text[s.start : s.end]):
        return None
    near = [x for x in doc.sentences if block.start <= x.start < block.end and x is not s and abs(x.start - s.start) < 600]
    for x in sorted(near, key=lambda x: abs(x.start - s.start)):
        speaker = quote_speaker(doc, x)
        if speaker:
            return speaker
    return None


def _turn_speaker(doc: Document, s: Sentence) -> str | None:
    """In a transcript (two or more paragraphs open with a speaker tag), the speaker of the turn a sentence is in: the
    nearest tag before it in its section ("LT. COL. RALPH PETERS, FOX NEWS CONTRIBUTOR: Mubarak has conned us." ...
    "We've helped him stay in power." -> "Lt. Col. Ralph Peters"); else None."""
    tags = _tags(doc.text)
    if len(tags) < 2:
        return None
    section = next((x for x in doc.sentences if x.section == s.section), s)
    before = [name for at, name in tags if section.start <= at < s.start]
    return before[-1].title() if before else None


@lru_cache(maxsize=8)
def _tags(text: str) -> tuple[tuple[int, str], ...]:
    """A text's transcript speaker tags (position, name), read once per article."""
    return tuple((m.start(1), m.group(1)) for m in _TAG_LINE.finditer(text) if len(m.group(1)) > 2)
