"""The sentence's text as a headline reads it (issue 18): its dates blanked, a dateline or speaker tag at its start
blanked (offsets kept), and where the line's verb starts (the verb whose object the trigger is, or the mode verb
before "to"). Split from headlines.py (the module cap); the words are data (headlines.yaml, clauses.yaml, plover.yaml).
"""
from __future__ import annotations

import re

from ..schema import Document, Sentence
from . import clauses
from .headline_cues import _grammar_words, load_headline_cues
from .triggers import Lexicon, _is_nominal, load_lexicon, within

_WORD_BEFORE_DATE = re.compile(r"[\w'’]+")
_LOWER_WORD_NEXT = re.compile(r" [a-z]")
_POSSESSIVE = re.compile(r"[’']s\b")
_DANGLING_PREPOSITION = re.compile(r"\b(on|in|at|since|until|till|through|from|during|by|right|just|le|en|du|the|am|im|el)\s{2,}", re.I)
_DANGLING_ADVERB = re.compile(r"\b(?:shortly|soon|just|right|late|early)(?:\s+(?:after|before))?\s{2,}", re.I)  # "shortly after [2am]"
_DANGLING_RANGE = re.compile(r"\b(?:between|from)\s{2,}(?:and|to|until|-|–)\s{2,}", re.I)
_EMPTY_BRACKETS = re.compile(r"\(\s*\)")
_DATE_NOUN_NEXT = re.compile(r" (?:and|or|to|at|in|on|of|by|for|from|with|as|when|after|before|until|that|which|who)\b")  # a clause goes on: no noun


_BLANKED: dict = {}  # (sentence start, end) -> its blanked text, for the text of "text" and the timexes of "timexes"


def _blank_dates(doc: Document, s: Sentence) -> str:
    """The sentence with its date words (and a preposition or possessive left dangling) blanked, offsets kept.

    A date inside a noun phrase ("the 1902 treaty") stays: blanking it would break the phrase.
    Read once per sentence (make_headline, written_line and the clause lines ask again; build cost, issue 18).
    """
    if _BLANKED.get("text") is not doc.text or _BLANKED.get("timexes") is not doc.timexes or _BLANKED.get("n") != len(doc.timexes):
        _BLANKED.clear()
        _BLANKED.update(text=doc.text, timexes=doc.timexes, n=len(doc.timexes))
    got = _BLANKED.get((s.start, s.end))
    if got is None:
        got = _BLANKED[(s.start, s.end)] = _blank_dates_of(doc, s)
    return got


def _blank_dates_of(doc: Document, s: Sentence) -> str:
    """_blank_dates' work."""
    local = doc.text[s.start : s.end]
    det = load_lexicon().determiner
    for t in within(doc.timexes, s.start, s.end):  # the date is on the chart's axis already: leave it out of the line
        a, b = t.start - s.start, t.end - s.start
        prev = _WORD_BEFORE_DATE.findall(local[max(0, a - 20) : a])
        nxt = local[b : b + 2]
        if prev and det.match(prev[-1]) and prev[-1].lower() != "of" and _LOWER_WORD_NEXT.match(nxt):
            continue
        if re.match(r"(?i)the\s", t.text) and _LOWER_WORD_NEXT.match(nxt) and not _DATE_NOUN_NEXT.match(local, b):
            continue  # "since the 22 April explosion": the date names the noun after it
        if t.type in ("DURATION", "SET") or (prev and prev[-1].lower() == "of" and _LOWER_WORD_NEXT.match(nxt)):
            continue  # a length ("after nine months of blockade") or a date inside a phrase ("the deadline of 6 August given to ...") is part of it
        poss = _POSSESSIVE.match(local[b:])
        b += poss.end() if poss else 0
        local = local[:a] + " " * (b - a) + local[b:]
    if "  " in local:  # (only a blanked date, or a doubled space, leaves a preposition dangling: skipped otherwise, speed)
        local = _DANGLING_RANGE.sub(lambda m: " " * len(m.group()), local)  # "between 1992 and 1994" blanked: no "between and"
        local = _blank_prepositions(local)
        if "  " in local:  # ("shortly after [2am]": the preposition, then the adverb before it)
            local = _DANGLING_ADVERB.sub(lambda m: " " * len(m.group()), local)
    if "(" in local:
        local = _EMPTY_BRACKETS.sub(lambda m: " " * len(m.group()), local)
    return _blank_lead(local)


_GAP = re.compile(r"\s{2,}")
_LONGEST_DANGLING = 7  # characters of _DANGLING_PREPOSITION's longest word ("through")


def _blank_prepositions(local: str) -> str:
    """`_DANGLING_PREPOSITION.sub` blanking each match (offsets kept): a match ends on a gap of two or more spaces and
    begins at most _LONGEST_DANGLING characters before it, so it is looked for only there, in text order, as `sub`
    scans (build cost, issue 18)."""
    parts, last = [], 0
    for gap in _GAP.finditer(local):
        m = _DANGLING_PREPOSITION.search(local, max(last, gap.start() - _LONGEST_DANGLING), gap.end())
        if m:
            parts += [local[last : m.start()], " " * (m.end() - m.start())]
            last = m.end()
    return "".join(parts) + local[last:] if parts else local


WIRE_WITHIN = 250  # characters: a wire dateline further into a sentence is no header of it
WIRE_PLACE = 100  # characters before the agency where its dateline's place starts (a capital there)
_CAPITAL = re.compile(r"[A-Z]")


def _blank_lead(local: str) -> str:
    """local with a dateline, numbering, transcript speaker tag or timestamp at its start blanked (offsets kept)."""
    cues = load_headline_cues()
    lead = cues.lead
    wire = cues.wire.search(local, 0, WIRE_WITHIN) if ("(" in local[:WIRE_WITHIN] or "/" in local[:WIRE_WITHIN]) else None
    if wire and _CAPITAL.search(local, max(0, wire.start() - WIRE_PLACE), wire.start()) and local[wire.end():].strip():  # a wire header run into the sentence (a title, "PLACE | date PLACE (Reuters) -")
        local = " " * wire.end() + local[wire.end():]
    stamp = cues.stamp_lead.match(local)
    if stamp and re.search(r"\d|\s{2}|\(", stamp.group("rest")) and len(local[stamp.end():].split()) >= 3:
        local = " " * stamp.end() + local[stamp.end():]  # "Page last updated at 11:14 GMT, ... (an error occurred ...)": furniture
    for _ in range(3):
        m = lead.match(local)
        if not m or not m.group().strip() or not local[m.end():].strip():
            break
        local = " " * m.end() + local[m.end():]
    return local


_WORD_BEFORE = re.compile(r"(?<![\w'’-])([a-z][\w'’-]*)\s+$")
_NOUN_ENDINGS = ("ion", "ment", "ness", "ity", "ship", "ism", "s")  # "adopted a resolution [calling]": a noun, no adjective to skip


def _verb_before(local: str, rel: int) -> int:
    """Where the line's verb starts: at the trigger, or at the verb whose object the trigger is ("had taken
    [control] of", "staged a [rally]": the verb leads, the subject before it is then found as written)."""
    ccues = clauses.load_clause_cues()
    verbs = load_headline_cues().object_verbs
    to = _WORD_BEFORE.search(local, max(0, rel - 60), rel)
    if to and to.group(1).lower() == "to":  # "decided (on Friday) to [set up]", "refused to [sign]": the mode's verb leads
        m = _WORD_BEFORE.search(local, max(0, to.start(1) - 60), to.start(1))
        before = _WORD_BEFORE.search(local, max(0, m.start(1) - 60), m.start(1)) if m else None
        if (m and m.group(1).lower() in load_headline_cues().call_verbs
                and not (before and load_lexicon().trailing.fullmatch(before.group(1).lower()))):  # not "in order to"
            return m.start(1)
        purpose = _purpose_verb(local, to.start(1))
        if purpose is not None:  # "France has kept troops in Niger to [fight] militants": the clause's verb leads
            return purpose
    lex = load_lexicon()
    m = _WORD_BEFORE.search(local, max(0, rel - 60), rel)
    if not m:
        return rel
    w = m.group(1).lower()
    if not (lex.determiner.fullmatch(w) or lex.trailing.fullmatch(w) or lex.clause_stop.match(w) or w.endswith(_NOUN_ENDINGS)):
        d = _WORD_BEFORE.search(local, max(0, m.start(1) - 60), m.start(1))  # "hold an emergency [meeting]": over one adjective
        if d and ((lex.determiner.fullmatch(d.group(1).lower()) and d.group(1).lower() != "of")
                  or d.group(1).lower() in load_headline_cues().result_prepositions):  # ("into open [fighting]")
            m, w = d, d.group(1).lower()
    if lex.determiner.fullmatch(w):  # "staged a rally": over the article
        m = _WORD_BEFORE.search(local, max(0, m.start(1) - 60), m.start(1))
        if not m:
            return rel
        w = m.group(1).lower()
    if w in load_headline_cues().result_prepositions:  # "exploded into open [fighting]": the verb before "into" leads
        v = _WORD_BEFORE.search(local, max(0, m.start(1) - 30), m.start(1))
        lv = v.group(1).lower() if v else ""
        return v.start(1) if v and (lv in ccues.irregular_past or (lv.endswith("ed") and len(lv) > 4)) else rel
    if w in ccues.light_verbs or w in ccues.irregular_past or w in verbs:
        p = _WORD_BEFORE.search(local, max(0, m.start(1) - 25), m.start(1))
        if p and p.group(1).lower() != "to" and lex.trailing.fullmatch(p.group(1).lower()) and not lex.determiner.fullmatch(p.group(1).lower()):
            return rel  # "into open [fighting]": an adjective after a preposition, no verb
        return _over_to_phrase(local, m.start(1))
    if w.endswith("ed") and len(w) > 4:  # "have ignored [protests]", "officials resisted [calling]"; not an adjective
        p = _WORD_BEFORE.search(local + " ", max(0, m.start(1) - 25), m.start(1))  # after an article or a preposition ("with limited shelter")
        if not (p and (lex.determiner.fullmatch(p.group(1).lower()) or lex.trailing.fullmatch(p.group(1).lower()))):
            return m.start(1)
    return rel


def _over_to_phrase(local: str, at: int) -> int:
    """Where a verb at local[at] starts with the phrase whose "to" it follows ("is due to [hold]", "are set to [sign]":
    headlines.yaml `to_phrases` and `complement_adjectives`, with the auxiliaries before them), else at."""
    to = _WORD_BEFORE.search(local, max(0, at - 8), at)
    if not to or to.group(1).lower() != "to":
        return at
    cues = load_headline_cues()
    c = clauses.load_clause_cues()
    m = _WORD_BEFORE.search(local, max(0, to.start(1) - 30), to.start(1))
    if not m or m.group(1).lower() not in (cues.complement_adjectives | (cues.to_phrases - {"according", "is", "are", "was", "were", "be", "been", "has", "have", "had"})):
        return at
    start = m.start(1)
    for _ in range(2):  # its auxiliaries: "is", "has been"
        a = _WORD_BEFORE.search(local, max(0, start - 12), start)
        if not a or a.group(1).lower() not in (c.passive_be | c.perfect_aux):
            break
        start = a.start(1)
    return start


PURPOSE_WINDOW = 8  # words back from a purpose clause's "to" to the finite verb of its clause


def _purpose_verb(local: str, to: int) -> int | None:
    """Where the finite verb a purpose clause ("to [fight]" at local[to]) hangs on starts, with its auxiliaries ("has
    kept troops in Niger to fight"), when it is within PURPOSE_WINDOW words of the same clause (no punctuation or
    clause word between) and not the sentence's first word; else None."""
    toks = [(m.start(), m.group()) for m in re.finditer(r"\S+", local[: to])][-PURPOSE_WINDOW:]
    stops = _grammar_words().clause_stops
    cut = max([i + 1 for i, (_, w) in enumerate(toks) if w.endswith((",", ";", ":")) or w.lower() in stops or w in ("-", "–", "—")], default=0)
    toks = toks[cut:]
    if any(w.lower() in ("too", "enough") for _, w in toks):
        return None  # "too cowed to challenge": a degree, no purpose
    c = clauses.load_clause_cues()
    aux = c.perfect_aux | c.passive_be | load_headline_cues().modals
    det = load_lexicon().determiner
    trailing = load_lexicon().trailing
    for i, (pos, w) in enumerate(toks[1:-1], start=1):  # a verb after its subject, not right before "to"
        if not (w in c.irregular_past or w in c.light_verbs or (w.endswith("ed") and len(w) > 4)):
            continue
        prev = toks[i - 1][1].lower()
        if det.fullmatch(prev) or trailing.fullmatch(prev):
            continue  # ("the armed forces", "with limited means": an adjective)
        while i > 0 and toks[i - 1][1].lower() in aux:
            i -= 1
        return toks[i][0] if i > 0 else None
    return None


def modifying_participle(doc: Document, s: Sentence, local: str, rel: int, triggers: list | None) -> bool:
    """Whether the trigger at local[rel] is a past participle modifying a noun after a comma ("..., the psychiatrist
    [accused] of ...", "Taiwan, a self-ruled island [claimed] by China", "Anwar Sadat, [aided] by a decree") while the
    sentence's main clause, before that comma, has a verb of its own: then the event's line is the main clause's.
    A past form with an auxiliary before it, or an object after it, is finite ("troops attacked the city")."""
    word = local[rel:].split(" ", 1)[0].lower()
    c = clauses.load_clause_cues()
    if not (word.endswith("ed") or word in c.irregular_past) or (rel and local[rel - 1].isalpha()):
        return False
    before = local[:rel].split()
    nxt = local[rel + len(word) :].split()[:1]
    lex = load_lexicon()
    aux = c.perfect_aux | c.passive_be | load_headline_cues().modals
    if not before or before[-1].lower() in aux or not nxt or not (lex.trailing.fullmatch(nxt[0].lower()) and not lex.determiner.fullmatch(nxt[0].lower())):
        return False
    comma = local.rfind(",", 0, rel)
    if comma >= 0 and not local[comma + 1 : rel].strip():
        comma = local.rfind(",", 0, comma)  # "his predecessor, Anwar Sadat, aided by": the appositive before the comma
    if comma < 0 or len(local[comma:rel].split()) > 8 or re.search(r"[;:“”\"]", local[comma:rel]):
        return False
    noun = local[comma + 1 : rel].replace(",", " ").split()  # the noun phrase modified: "the U.S. Army psychiatrist", "Anwar Sadat"
    g = _grammar_words()
    if not noun or not (noun[0][:1].isupper() or noun[0].lower() in g.determiners) or noun[0].lower() in g.connectives \
            or any(w.lower() in aux or w.lower() in ("not", "there") or w.lower() in g.clause_stops for w in noun):
        return False  # ("..., then went to Eton", "..., there might not be anything left for them": a clause of its own)
    main = local[:comma]
    verbs = [tr for tr in triggers or () if s.start <= tr[0] < s.start + comma and not _is_nominal(doc.text, tr[0])]
    return bool(verbs) or past_verb_before(main + " ", len(main)) is not None or any(w.lower() in aux for w in main.split()[1:])


_ING = re.compile(r"[a-z]{2,}ing$")


def participle_of(doc: Document, s: Sentence, local: str, rel: int, triggers: list | None) -> int | None:
    """Where the finite verb a participle clause hangs on starts ("..., the envoy told the Council, urging ..."), when
    the trigger at local[rel:] is a present participle after a comma (adverbs in "-ly" between: ", reportedly
    killing"); else None. The participle's subject is that verb's."""
    word = local[rel:].split(" ", 1)[0]
    if not _ING.match(word) or (rel and local[rel - 1].isalpha()):
        return None
    before = local[:rel].rstrip()
    while before and before.rsplit(" ", 1)[-1].endswith("ly"):
        before = before[: -len(before.rsplit(" ", 1)[-1])].rstrip()
    if before.endswith((" and", " or")):  # "..., damaging two silos and wounding three workers": the first participle's verb
        comma = before.rfind(",")
        first = before[comma + 1 :].split()[:1] if comma >= 0 else []
        if not (first and _ING.match(first[0]) and not re.search(r"[;:“”\"]", before[comma:])):
            return None
        before = before[: comma + 1]
    if not before.endswith(","):
        return None
    comma = s.start + len(before) - 1
    verbs = [tr for tr in triggers or () if s.start <= tr[0] < comma and not _is_nominal(doc.text, tr[0])]
    if verbs:
        return verbs[-1][0]
    first = past_verb_before(local, len(before) - 1, last=False)  # no trigger there: "an Israeli strike hit ..."
    return s.start + first if first is not None else None


def past_verb_before(local: str, end: int, last: bool = True) -> int | None:
    """Where the last (or first) past form before local[end] starts ("... appeared on national television early
    Wednesday and announced"): an irregular past, a light verb or an -ed word after a word, not after an article
    or a preposition; else None."""
    ccues = clauses.load_clause_cues()
    lex = load_lexicon()
    found = None
    for m in re.finditer(r"(?<=([\w,]) )([a-z]+)(?= )", local[:end]):
        w = m.group(2)
        if not (w in ccues.irregular_past or w in ccues.light_verbs or (w.endswith("ed") and len(w) > 4)):
            continue
        prev = local[: m.start(2)].split()[-1:]
        if prev and (lex.determiner.fullmatch(prev[0].lower()) or lex.trailing.fullmatch(prev[0].lower())):
            continue
        found = m.start(2)
        if not last:
            break
    return found


def finite(participle: str) -> str:
    """The past form of a present participle ("urging" -> "urged", "saying" -> "said"): headlines.yaml's irregular
    ones, else the stem with -ed (-d after an e)."""
    low = participle.lower()
    past = load_headline_cues().participle_past.get(low)
    if past or not low.endswith("ing"):
        return past or participle
    stem = participle[:-3]
    return stem + ("d" if stem.endswith("e") else "ed")


_RELATIVE_ASIDE = re.compile(r",\s*(?:which|who|whose|where)\b[^,;:“”\"]{1,120},(?=\s+[a-z])")


def _blank_asides(local: str, at: int) -> str:
    """local with its relative asides (", which mediated the deal ..., announced") blanked, offsets kept: one with a
    verb of its own, followed by the main clause's verb, not holding position `at` (the trigger). Its opening comma
    stays when an appositive is open before it ("Gordon Brown, the Chancellor, who had known ..., said")."""
    ccues = clauses.load_clause_cues()
    cues = load_headline_cues()
    lex = load_lexicon()

    def verb(w: str) -> bool:
        return (w in ccues.passive_be or w in ccues.perfect_aux or w in cues.modals or w in ccues.irregular_past or w in ccues.light_verbs
                or (len(w) > 4 and w.endswith("ed")) or bool(lex.report.fullmatch(w)))

    def blank(m: re.Match) -> str:
        if m.start() <= at < m.end():
            return m.group()
        nxt = [w for w in local[m.end() :].split()[:3] if not (w.endswith("ly") or w in ("also", "still", "then", "now"))][:1]
        if not nxt or not (verb(nxt[0]) or (nxt[0].endswith("s") and not nxt[0].endswith("ss"))):
            return m.group()  # ("..., which is providing food, hygiene items and ...": a list, not the aside's end)
        if not any(verb(w) or w.endswith("s") for w in m.group().split()[1:]):
            return m.group()  # no verb of its own: ", where some children, parted from ..." is no relative clause
        app = _OPEN_APPOSITIVE.search(local[: m.start()])
        named = [w for w in local[: m.start()][: app.start()].split() if w.strip(",").lower() not in _grammar_words().connectives] if app else []
        keep = "," if named and lex.determiner.fullmatch((app.group()[1:].split() or [""])[0].lower()) else " "  # ", the Chancellor" (not "However, the season")
        return keep + " " * (len(m.group()) - 1)
    return _RELATIVE_ASIDE.sub(blank, local)


_OPEN_APPOSITIVE = re.compile(r",[^,;:()“”\"«»]{1,90}$")


_PUNCT_WORD = "“”\"'’‘«»(),;:."


def _joins_nouns(before: str, rest: str, lex: Lexicon) -> bool:
    """Whether "and"/"or" between `before` and the start of `rest` joins two words of one noun phrase ("the
    financial and economic crisis", "incubators and baby food", "trauma or foul play"), not two clauses: both in
    lower case, the next no article, pronoun, clause word or verb form (a past, an auxiliary, a reporting verb)."""
    nxt = rest.split()[:1]
    if not nxt or not before[:1].islower() or not nxt[0][:1].islower() or before.endswith((",", ";", ":")):
        return False
    w = nxt[0].strip(_PUNCT_WORD).lower()
    ccues = clauses.load_clause_cues()
    g = _grammar_words()
    return not (lex.determiner.fullmatch(w) or w in load_headline_cues().pronouns or w in g.clause_stops or w in g.connectives
                or w in ccues.passive_be or w in ccues.perfect_aux or w in load_headline_cues().modals or w in ccues.irregular_past
                or w in ccues.light_verbs or (w.endswith("ed") and len(w) > 4) or w.endswith("ing") or bool(lex.report.fullmatch(w))
                or "'" in w or "’" in w)


_LEAD_PARTICIPLE = re.compile(r"\s*([A-Z][a-z]{2,}(?:ing|ed))\s")
_PLACE_AFTER_COMMA = re.compile(r"\s*[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*)*,\s")
_SUBJECT_OPENS = re.compile(r"\s*(?:[A-Z“\"]|the\b|a\b|an\b|its\b|his\b|her\b|their\b)")


def participle_lead(local: str, rel: int | None) -> int | None:
    """Where the main clause starts when the sentence opens with a participle clause holding local[rel] ("Asked by
    reporters on Tuesday if ..., the spokesman said ...", "Speaking in X on Sunday, the premier announced ..."): the
    lead tells the main clause's circumstance, so its event reads the main clause. None when there is no such lead, the
    trigger is not in it, or the participle opens an event of its own (headlines.yaml `own_participle_leads`: "Born in
    1950, X ..."; a preposition such as "Following", "According" is plover.yaml's `trailing`). rel None: no trigger,
    the line is the main clause's whatever the lead holds."""
    m = _LEAD_PARTICIPLE.match(local)
    if not m or local[: m.start(1)].strip():
        return None
    word = m.group(1).lower()
    if word in load_headline_cues().own_participle_leads or word in _grammar_words().trailing or load_lexicon().trailing.fullmatch(word):
        return None
    comma = local.find(", ", m.end())
    place = _PLACE_AFTER_COMMA.match(local, comma + 1) if comma >= 0 else None
    comma = local.find(", ", place.end() - 2) if place else comma  # "Hailing from Wandsworth, South London, the trio": the place's apposition
    if comma < 0 or not (rel is None or m.start(1) <= rel < comma) or len(local[m.start(1) : comma].split()) > 20 or re.search(r"[;:“”\"()]", local[:comma]):
        return None
    rest = local[comma + 1 :]
    if len(rest.split()) < 3 or not _SUBJECT_OPENS.match(rest):
        return None
    own = re.split(r"\b(?:if|whether|why|how|what|where|who)\b", local[m.end() : comma], maxsplit=1)[0]  # the lead's own words
    c = clauses.load_clause_cues()
    aux = c.perfect_aux | c.passive_be | load_headline_cues().modals
    if own.split()[:1] and own.split()[0].lower() in load_headline_cues().relatives or any(w.lower() in aux for w in own.split()) \
            or past_verb_before(" x " + own + " ", len(own) + 4) is not None:
        return None  # a gerund subject with its verb ("Fighting that broke out ... has killed 427 people, X told ...")
    return comma + 1


def noun_before_relative(local: str, at: int) -> list[str]:
    """The noun phrase before the relative pronoun ending at local[:at] ("there were several options [that] might have
    prevented ..." -> ["several", "options"]): up to four words back to punctuation, a verb form, a preposition or a
    clause word; [] when none (or the pronoun follows no noun)."""
    words = local[:at].split()
    if not words or words[-1].strip(_PUNCT_WORD).lower() not in load_headline_cues().relatives:
        return []
    c = clauses.load_clause_cues()
    lex = load_lexicon()
    cues = load_headline_cues()
    out: list[str] = []
    for w in reversed(words[:-1]):
        low = w.strip(_PUNCT_WORD).lower()
        if (not low or w.endswith((",", ";", ":")) or low in c.passive_be or low in c.perfect_aux or low in cues.modals
                or low in c.irregular_past or (lex.trailing.fullmatch(low) and not lex.determiner.fullmatch(low)) or lex.clause_stop.match(low)
                or len(out) >= 4):
            break
        out.insert(0, w.strip(_PUNCT_WORD))
    return out if out and not lex.determiner.fullmatch(out[-1].lower()) else []
