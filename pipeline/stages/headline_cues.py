"""The headline builder's cues (issue 18): pipeline/data/lexicon/headlines.yaml, and plover.yaml's one-word function
words as sets (read per word of every subject: sets, not regular expressions, for speed)."""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from ..config import DATA_DIR, load_yaml
from .triggers import Lexicon


@dataclass(frozen=True)
class HeadlineCues:
    pronouns: frozenset
    subject_max_words: int
    lead_max_words: int
    lead: re.Pattern  # a dateline, numbering, speaker tag or timestamp opening the sentence
    report_stops: frozenset  # the clause words that end what was said
    quantity_leads: tuple  # a subject may open with these lower-case words ("at least 12 donor countries")
    trailing_more: frozenset  # prepositions a line never ends on, besides the lexicon's "trailing"
    modals: frozenset  # a finite verb: a comma pair holding one is a clause, not an appositive
    relatives: frozenset  # pronouns opening a relative clause after a subject's noun
    source_lead: re.Pattern  # "According to X, ...": X is the source of what follows
    call_verbs: frozenset  # verbs whose to-clause is what they call for ("called on both sides to exercise restraint")
    antecedent_pronouns: frozenset = frozenset()  # a line opening with one names its antecedent instead (headline_pronouns)
    speaker_pronouns: frozenset = frozenset()  # a quoted line opening with one gets its speaker before it
    not_names: frozenset = frozenset()  # capitalised words opening a sentence that never begin a name
    object_verbs: frozenset = frozenset()  # participles whose object a trigger may be ("had taken control")
    complement_adjectives: frozenset = frozenset()  # "able to ...": the to-clause stays in the line
    organisation_pronouns: frozenset = frozenset()  # "It said ...": the organisation named in the sentence before
    dummy_it_verbs: frozenset = frozenset()  # "It is hard to ...": no antecedent
    participle_past: dict = None  # "saying" -> "said": a participle clause's verb made finite (irregular ones)
    inverted_report_verbs: frozenset = frozenset()  # '"...," said X': the name after one of these is the speaker (not "told X")
    to_phrases: frozenset = frozenset()  # "is going to", "according to": "to" after these is no purpose clause's
    to_complements: frozenset = frozenset()  # "came forward to say that ...": a to-clause of these verbs is the point
    as_complements: frozenset = frozenset()  # "named as a suspect": "as" after these completes the verb, no clause of its own
    own_participle_leads: frozenset = frozenset()  # "Born in 1950, X ...": a lead participle clause that is an event of its own
    stamp_only: re.Pattern = re.compile("(?!)")  # "(Update 12:31 a.m. Tuesday in Cairo, ...)": a live blog's stamp, the whole sentence
    stamp_lead: re.Pattern = re.compile("(?!)")  # "Page last updated at 11:14 GMT, ... (an error occurred ...)": page furniture opening a sentence
    wire: re.Pattern = re.compile("(?!)")  # a wire dateline ("LONDON (Reuters) -") near the start: what is before it is header
    title_nouns: frozenset = frozenset()  # "military spokesman Yahya Saree said": a title before a name, the name the subject
    focus_aside: re.Pattern = re.compile("(?!)")  # ", particularly on children,": an aside no line needs
    result_prepositions: frozenset = frozenset()  # "exploded into open fighting": the verb before it leads a noun trigger's line


@lru_cache(maxsize=2)
def load_headline_cues(path: str | None = None) -> HeadlineCues:
    """Load the headline cues (default: the packaged lexicon/headlines.yaml)."""
    with open(path or DATA_DIR / "lexicon" / "headlines.yaml", encoding="utf-8") as fh:
        data = load_yaml(fh)
    n = int(data.get("lead_max_words", 6))
    wire_agencies = "|".join(re.escape(str(w)) for w in data.get("wire_agencies") or ["(?!)"])
    zones = "|".join(re.escape(str(z)) for z in sorted(data.get("time_zones") or (), key=len, reverse=True)) or "(?!)"
    stamps = "|".join(r"\s+".join(map(re.escape, str(w).split())) for w in sorted(data.get("update_stamps") or (), key=len, reverse=True)) or "(?!)"
    debris = "|".join(re.escape(str(w)) for w in data.get("page_debris") or ()) or "(?!)"
    cap = r"[A-Z][\w.'’/-]*"  # a capitalised word of a place or an agency ("PORT-AU-PRINCE", "Geneva/Yerevan")
    t = r"\d{1,2}[:.]\d{2}"
    z = r"(?i:\s*(?:%s)\b)" % zones
    lead = re.compile(
        r"\s*(?:"
        r"(?:\d{1,2}\.|[•·▪*])\s+"  # "3. Japan once again ...", "• Since 26 January ..."
        r"|[,;:.–—-]+\s*(?=\S)"  # what a blanked date left ("At 21:39 7th May 2009, X wrote:")
        + r"|(?i:at)\s+%s%s?\s*,?\s*|[-–]\s*%s%s?\s+|%s%s\s*[-–,]?\s+" % (t, z, t, z, t, z)  # timestamps whose dates were blanked
        + r"|%s(?:[\s,]+(?:%s|\(%s\)|\d[\d/]*)){0,%d}[\s,]*(?:--|[–—])\s*(?=[A-Z“\"])" % (cap, cap, cap, n)  # "KYIV –", "KHARTOUM, (Xinhua) --"
        + r"|[A-Z][A-Z.'-]+(?:\s+[A-Z][A-Z.'-]+){0,4}(?:,\s*[A-Z][A-Z.'-]+(?:\s+[A-Z][A-Z.'-]+){0,4})?:\s+"  # a transcript's speaker tag ("PERALTA:", "AARON ROE, TVBARN.COM:")
        + r"|%s(?:\s+%s){0,%d},\s*:\s+" % (cap, cap, n)  # "Addis Ababa, 3 November 2022:" (its date blanked)
        + r"|(?:[01]\d|2[0-3])[0-5]\d\s+(?=[A-Z][a-z])"  # a live blog's 24-hour timestamp ("1323 The committee says")
        + r")")
    return HeadlineCues(frozenset(str(w).lower() for w in data.get("pronouns") or ()), int(data.get("subject_max_words", 8)), n, lead,
                        frozenset(str(w).lower() for w in data.get("report_stops") or ()),
                        tuple(str(w).lower() for w in data.get("quantity_leads") or ()),
                        frozenset(str(w).lower() for w in data.get("trailing_more") or ()),
                        frozenset(str(w).lower() for w in data.get("modals") or ()),
                        frozenset(str(w).lower() for w in data.get("relatives") or ()),
                        re.compile(r"\s*(?:%s)\s+([^,;:]{2,80}?),\s*" % "|".join(re.escape(str(w)) for w in data.get("source_leads") or ["(?!)"]),
                                   re.I),
                        frozenset(str(w).lower() for w in data.get("call_verbs") or ()),
                        frozenset(str(w).lower() for w in data.get("antecedent_pronouns") or ()),
                        frozenset(str(w).lower() for w in data.get("speaker_pronouns") or ()),
                        frozenset(str(w).lower() for w in data.get("pronouns") or ()) | frozenset(str(w).lower() for w in data.get("not_names") or ()),
                        frozenset(str(w).lower() for w in data.get("object_verbs") or ()),
                        frozenset(str(w).lower() for w in data.get("complement_adjectives") or ()),
                        frozenset(str(w).lower() for w in data.get("organisation_pronouns") or ()),
                        frozenset(str(w).lower() for w in data.get("dummy_it_verbs") or ()),
                        {str(k).lower(): str(v) for k, v in (data.get("participle_past") or {}).items()},
                        frozenset(str(w).lower() for w in data.get("inverted_report_verbs") or ()),
                        frozenset(str(w).lower() for w in data.get("to_phrases") or ()),
                        frozenset(str(w).lower() for w in data.get("to_complements") or ()),
                        frozenset(str(w).lower() for w in data.get("as_complements") or ()),
                        frozenset(str(w).lower() for w in data.get("own_participle_leads") or ()),
                        re.compile(r"\s*\(\s*(?:%s)\b[^()]*\)[\s.]*" % stamps),
                        re.compile(r"\s*(?:%s)\b(?P<rest>(?:\s*(?:[\d:.,/|-]+|(?i:at|on|%s|uk)\b))*\s*(?:(?:%s)\s*)*)" % (stamps, zones, debris)),
                        # "HONG KONG (Reuters) -", "OSTBURG, Freedonia (AP) —", "KYIV, [its date blanked] (Reuters) -", "Goma (DR
                        #   Congo) (AFP) –", "Imphal, Nov 17 (PTI) Two ...", "MOSCOW, March 9. /TASS/. Units ...": a place, what
                        #   is left of its date, an agency in brackets or slashes, a dash or the sentence's capital (the pattern
                        #   finds the agency and what follows; headline_text checks a capital before it: a search from each
                        #   position for the place would cost a scan per sentence)
                        re.compile(r"(?:\((?:%s)\)|/(?:%s)/\.?)\s*(?:(?:--|[-–—])\s+|(?=[A-Z“\"]))"
                                   % ((wire_agencies,) * 2)),
                        frozenset(str(w).lower() for w in data.get("title_nouns") or ()),
                        re.compile(r",\s*(?:%s)\b[^,;:()“”\"]{1,60},(?=\s)" % ("|".join(re.escape(str(w)) for w in data.get("focus_asides") or ()) or "(?!)")),
                        frozenset(str(w).lower() for w in data.get("result_prepositions") or ()))


@dataclass(frozen=True)
class GrammarWords:
    clause_stops: frozenset
    connectives: frozenset
    trailing: frozenset
    determiners: frozenset


@lru_cache(maxsize=2)
def _grammar_words(path: str | None = None) -> GrammarWords:
    """plover.yaml's one-word function words as sets: a word's membership is read per word of every subject (speed)."""
    with open(path or DATA_DIR / "lexicon" / "plover.yaml", encoding="utf-8") as fh:
        grammar = load_yaml(fh).get("grammar") or {}

    def one(key) -> frozenset:
        return frozenset(str(w).lower() for w in grammar.get(key) or () if " " not in str(w))
    return GrammarWords(one("clause_stops"), one("connectives"), one("trailing"), one("determiners"))


def _trailing(lex: Lexicon, word: str) -> bool:
    """Whether a line may not end on word (a preposition or an article)."""
    return bool(lex.trailing.match(word)) or word.lower() in load_headline_cues().trailing_more
