"""Actors, countries and places: registry look-up, title patterns and later mentions.

World knowledge is data: `pipeline/data/registry/*.yaml` (people with roles and spellings,
organisations, places, country demonyms and metonyms; a user file appended to by `add_to_registry`)
plus pycountry's ISO 3166-1 names; `pipeline/data/lexicon/roles.yaml` for titles and later mentions.

Matching is a dictionary look-up of accent-folded word n-grams (no statistical model), so spellings
that differ only by diacritics resolve to one actor (Müller / Muller, Đorđević / Djordjevic) and the cost is linear in
the text. People not in the registry are found from title patterns ("French Prime Minister Anne
Marlow": person, role, country from the demonym); pronouns and definite descriptions ("he",
"the minister", "the top Russian diplomat") point back to the last fitting person named before them.
"""
from __future__ import annotations

import bisect
import re
from functools import lru_cache
from pathlib import Path


from ..config import DATA_DIR
LEXICON_DIR = DATA_DIR / "lexicon"
from ..registry import _TOKEN, Entry, Registry, _load_yaml, _prefixes, fold, key_of, load_registry, on_change
from ..schema import Document, Mention
from ..tries import trie_regex
from .bare_surnames import bare_surname_mentions
from .sections import block_at


NEEDS: tuple[str, ...] = ("text", "sentences", "blocks")
SETS: tuple[str, ...] = ("mentions",)

PREPOSITIONS_OF_PLACE = frozenset("in to at from near into toward towards à en au aux dans vers près de".split())
ANTECEDENT_WINDOW = 6  # sentences back a later mention may reach


@lru_cache(maxsize=4)
def load_roles(path: str | None = None) -> dict:
    return _load_yaml(Path(path) if path else LEXICON_DIR / "roles.yaml")


def _alt(words) -> str:
    return "|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True))


def _opening(words) -> str:
    """A look-ahead for the first letters of `words` (any case): the regex engine skips places no word starts."""
    return "(?=(?i:[" + re.escape("".join(sorted({w[0] for w in words if w}))) + "]))"


def _titles(roles: dict, *keys: str) -> list[str]:
    """The titles of the given roles.yaml lists, together (a list may be absent from a user's file)."""
    return [t for k in keys for t in roles.get(k) or ()]


@lru_cache(maxsize=4)
def _title_patterns(directory: str | None = None) -> tuple[re.Pattern, re.Pattern]:
    """Regexes for "<demonym|country>['s] <Title> <Name>" (English, German) and "le <titre> <démonyme>, <Nom>"
    (French, Spanish "el presidente ecuatoriano Guillermo Lasso").

    The demonym slot is a generic one-or-two-word pattern, checked against the registry afterwards
    (a regex alternation of every demonym would be slow to scan).
    """
    roles = load_roles()
    before_name, after_article = _titles(roles, "titles_en", "titles_de"), _titles(roles, "titles_fr", "titles_es")
    name = r"(?P<name>[^\W\d_][\w'’.\-]*(?:[ \t]+[^\W\d_][\w'’.\-]*){0,4})"
    pre = r"(?P<pre>[^\W\d_][\w.\-]*)"
    en = re.compile(rf"(?<![\w-]){pre}(?:['’]s)?[ \t]+{_opening(before_name)}(?P<title>(?i:{_alt(before_name)}))[ \t]+{name}")
    fr = re.compile(
        rf"(?<!\w)(?i:le|la|l['’]|el)[ \t]*(?P<title>(?i:{_alt(after_article)}))[ \t]+(?P<pre>[^\W\d_][\w\-]*)"
        rf"(?:[ \t]+(?i:des affaires étrangères|de la défense|de l'intérieur))?,?[ \t]+{name}"
    )
    return en, fr


@lru_cache(maxsize=1)
def _one_word_titles() -> frozenset:
    """roles.yaml's one-word titles, lower case ("general", "colonel"): never a person's first name in a title's capture."""
    return frozenset(t.lower().rstrip(".") for t in _titles(load_roles(), "titles_en", "titles_de") if " " not in t)


@lru_cache(maxsize=4)
def _title_starts(directory: str | None = None) -> re.Pattern:
    """The space or tab before a place where an English title may begin (the title pattern's `[ \\t]+<title>`)."""
    titles = _titles(load_roles(), "titles_en", "titles_de")
    # the titles as a trie: only whether one begins there counts (the title pattern then picks which)
    return re.compile(rf"[ \t](?={_opening(titles)}(?i:{trie_regex(set(titles), space=re.escape(' '))}))")


_PRE_WORD_CHARS = frozenset(".-'’_")


def _search_titled(pattern: re.Pattern, starts: re.Pattern, text: str, pos: int) -> re.Match | None:
    """`pattern.search(text, pos)` for the English title pattern, tried only at the word before each title.

    A match is "<word>['s] <title> <name>": it starts inside the run of word characters, dots, hyphens and
    apostrophes (then spaces) that ends where its title begins, so for each place a title may begin (in
    order) only the starts in that run are tried; none can lie before it.
    """
    while (t := starts.search(text, pos)) is not None:
        title = t.end()
        first = title - 1
        while first > 0 and text[first - 1] in " \t":
            first -= 1
        while first > 0 and (text[first - 1].isalnum() or text[first - 1] in _PRE_WORD_CHARS):
            first -= 1
        for start in range(max(pos, first), title):
            m = pattern.match(text, start)
            if m:
                return m
        pos = title
    return None


def _demonym_code(reg: Registry, pre: str) -> str | None:
    """ISO3 of a demonym or country name as written (or its last word: "the Russian")."""
    for cand in (pre, pre.split()[-1]):
        code = reg.demonyms.get(cand)
        if code is None and cand[:1].islower():
            code = reg.demonyms.get(cand)  # French demonyms are lower case in the data too
        if code:
            return code
    return None


_BARE_PARTICLE = re.compile(r"(al|el|bin|ibn|de|van|von|da|di|du|del|la|le|ben|abu)", re.I)
_PARTICLE = re.compile(r"^(al|el|bin|ibn|de|van|von|da|di|du|del|la|le|ben|abu)([-'’]|$)", re.I)


def _clean_name(raw: str) -> str | None:
    """Keep the leading capitalised tokens of a captured name (particles like al- allowed inside)."""
    kept = []
    for tok in raw.split():
        if tok[:1].isupper() or (kept and _PARTICLE.match(tok) and len(tok) > 3):
            kept.append(tok)
        else:
            break
    while kept and _BARE_PARTICLE.fullmatch(kept[-1]):
        kept.pop()
    if not kept:
        return None
    last = kept[-1]
    if last.endswith(".") and len(last) > 2:
        kept[-1] = last.rstrip(".")
    kept = [k.rstrip("'’,") for k in kept]
    if len(kept) == 1 and len(kept[0]) < 3:
        return None
    return " ".join(kept)


@lru_cache(maxsize=8192)
def _case_ok(alias: str, original: str) -> bool:
    """A capitalised alias only matches capitalised text; an acronym only matches capitals."""
    letters = [c for c in alias if c.isalpha()]
    if letters and all(c.isupper() for c in letters) and len(letters) <= 6:
        return original == original.upper()
    words = [w for w in _TOKEN.findall(original)]
    alias_words = _TOKEN.findall(alias)
    if not words or not alias_words:
        return True
    if alias_words[-1][:1].isupper():
        return words[-1][:1].isupper()
    return True


_GAP_OK = re.compile(r"[ \t\-'’.]*")


LOOKUP_CHUNK = 1 << 20  # characters looked up at a time (issue 17: a token list of a 16 MB article took 500 MB)
_CHUNK_CUT = re.compile(r"[^\w \t\-'’.]")  # no token and no n-gram gap (_GAP_OK) holds one of these


def _lookup(text: str, folded: str, index, max_len: int, prefixes: set | None = None, local: dict | None = None,
            local_prefixes: set | None = None) -> list[tuple[int, int, Entry, str]]:
    """`_lookup_span` over the text a chunk of about LOOKUP_CHUNK characters at a time, each cut after a
    character that no alias n-gram spans: the same matches, with memory bounded by the chunk."""
    if len(folded) <= LOOKUP_CHUNK:
        return _lookup_span(text, folded, index, max_len, prefixes, local, local_prefixes)
    found, lo = [], 0
    while lo < len(folded):
        cut = _CHUNK_CUT.search(folded, lo + LOOKUP_CHUNK)
        hi = cut.end() if cut else len(folded)
        found += [(a + lo, b + lo, entry, surface)
                  for a, b, entry, surface in _lookup_span(text[lo:hi], folded[lo:hi], index, max_len, prefixes, local, local_prefixes)]
        lo = hi
    return found


def _lookup_span(text: str, folded: str, index, max_len: int, prefixes: set | None = None, local: dict | None = None,
                 local_prefixes: set | None = None) -> list[tuple[int, int, Entry, str]]:
    """Longest-first n-gram look-up of registry aliases in the text (n-grams never cross punctuation).

    `prefixes` (the leading parts of the keys of `index`, see `_prefixes`) let the look-up skip words
    that begin no alias and stop as soon as the words from a token on begin none; without them every
    n-gram up to `max_len` is tried from every word. `local` (the article's own names) stands over `index`, and
    `local_prefixes` beside `prefixes`: the same as one merged index and prefix set, none built per article (build cost).
    """
    local, lp = local or {}, local_prefixes or frozenset()
    toks = list(_TOKEN.finditer(folded))
    words = [m.group() for m in toks]  # (the same as _TOKEN.findall: the pattern has no group; one scan, not two)
    if prefixes is None:
        starts = range(len(words))
    else:
        starts = [i for i, w in enumerate(words) if (w,) in prefixes or (lp and (w,) in lp)]  # most words begin no alias
    found = []
    free = 0  # the first token not inside an alias found already
    for i in starts:
        if i < free:
            continue
        # The n-grams from i that are aliases, shortest first: grow while the words joined only by spaces,
        # hyphens, apostrophes or dots still begin some alias.
        lengths = []
        for n in range(1, min(max_len, len(toks) - i) + 1):
            key = tuple(words[i : i + n])
            if prefixes is not None and key not in prefixes and key not in lp:
                break  # (tested before the gap: a set look-up is cheaper than the regex, and either stops the n-gram)
            if n > 1 and not _GAP_OK.fullmatch(text, toks[i + n - 2].end(), toks[i + n - 1].start()):
                break
            if key in index or key in local:
                lengths.append(n)
        for n in reversed(lengths):
            key = tuple(words[i : i + n])
            got = local[key] if key in local else index[key]
            a, b = toks[i].start(), toks[i + n - 1].end()
            if _case_ok(got[1], text[a:b]):
                found.append((a, b, got[0], text[a:b]))
                free = i + n
                break
    return found


def _is_dateline_place(text: str, start: int, end: int) -> bool:
    """A city opening a paragraph before a comma or bracket ("MOSCOW, 30 December", "ANKARA (Reuters)")."""
    line_start = text.rfind("\n", 0, start) + 1
    return not text[line_start:start].strip() and bool(re.match(r"\s*[,(]", text[end : end + 3]))


def _previous_word(text: str, start: int) -> str:
    m = re.search(r"([^\W\d_]+)[\s']*$", text[max(0, start - 20) : start])
    return m.group(1).lower() if m else ""  # not folded: French "à" is a preposition, English "a" is not


def find_mentions(text: str, published: str | None = None, directory: str | None = None) -> list[Mention]:
    """Find registry actors, title-introduced people and their doc-local short names, in text order."""
    reg = load_registry(directory)
    folded = fold(text)
    mentions: list[Mention] = []
    taken: list[tuple[int, int]] = []

    # People introduced by a title: "French Prime Minister Anne Marlow" (a name no registry lists).
    local: dict[tuple[str, ...], tuple[Entry, str]] = {}
    english, french = _title_patterns(directory)
    for pattern in (english, french):
        pos = 0
        search = (lambda p: _search_titled(english, _title_starts(directory), text, p)) if pattern is english else (lambda p: french.search(text, p))
        while (m := search(pos)) is not None:
            name = _clean_name(m.group("name"))
            # go on right after the kept name: the capture may have run into the next title
            pos = m.start("name") + (len(name) if name else 1)
            while name and len(name.split()) > 2 and name.split()[0].lower() in _one_word_titles():
                name = name.split(" ", 1)[1]  # "Colonel General Alexander Fomin": a second title is no part of the name (issue 18)
            if not name:
                continue
            key = key_of(name)
            known = reg.index.get(key) or next((reg.index[k] for k in (key[-1:], key[:1]) if k in reg.index and reg.index[k][0].kind == "person"), None)
            if known and known[0].kind == "person":
                continue  # the registry finds them
            if known and known[0].kind != "person":
                continue  # "Kosovo Prime Minister Albin Kurti" style hits on places are not people
            before = re.search(r"([^\W\d_][\w.\-]*)[ \t]+$", text[max(0, m.start() - 30) : m.start()])
            code = (before and reg.demonyms.get(f"{before.group(1)} {m.group('pre')}")) or _demonym_code(reg, m.group("pre"))
            if code is None:
                continue
            entry = Entry(name, "person", code, ((m.group("title").strip(), None, None),))
            local[key] = (entry, name)
            for part in (key[:1], key[-1:]):
                if part and len(part[0]) >= 4 and part not in reg.index:
                    local.setdefault(part, (entry, name.split()[0] if part == key[:1] else name.split()[-1]))

    max_len = max([reg.max_len] + [len(k) for k in local])
    for a, b, entry, surface in _lookup(text, folded, reg.index, max_len, reg.prefixes, local, _prefixes(local) if local else None):
        kind = entry.kind
        if kind == "government" and (_previous_word(text, a) in PREPOSITIONS_OF_PLACE or _is_dateline_place(text, a, b)):
            kind = "location"
        name = entry.name if kind != "location" or entry.kind == "location" else surface
        mentions.append(Mention(a, b, surface, kind, name, entry.country, entry.role_at(published)))
        taken.append((a, b))
    for m in _titled_surname(directory).finditer(text) if reg.surnames else ():  # issue 18 round 7: "President Bush said"
        a, b = m.span("name")
        entry = reg.surnames.get(key_of(m.group("name")))
        if entry is not None and not any(x < b and a < y for x, y in taken):
            mentions.append(Mention(a, b, m.group("name"), "person", entry.name, entry.country, entry.role_at(published)))
    mentions += bare_surname_mentions(text, reg, [(m.start, m.end) for m in mentions], published)  # (round 8) "Bush praised"
    return sorted(mentions, key=lambda m: (m.start, -m.end))


@lru_cache(maxsize=4)
def _titled_surname(directory: str | None = None) -> re.Pattern:
    """A title (roles.yaml, English) and one capitalised word with no other capitalised word after it: the last name
    of a listed person ("President Bush", "Chancellor Kohl", "Prime Minister Major"; `Registry.surnames`)."""
    titles = _titles(load_roles(), "titles_en")
    return re.compile(rf"(?<![\w-]){_opening(titles)}(?:{_alt(titles)})[ \t]+(?P<name>[A-Z][a-z][\w'’-]*)(?![\w'’-]|[ \t]+[A-Z][a-z])")


def _head_fits(head: str, role: str | None, head_roles: dict) -> bool:
    if not role:
        return False
    role_l = role.lower()
    wanted = head_roles.get(head)
    if wanted:
        return any(w in role_l for w in wanted)
    return all(w in role_l for w in head.split())


@lru_cache(maxsize=4)
def _anaphor_pattern(directory: str | None = None) -> re.Pattern:
    roles = load_roles()
    reg = load_registry(directory)
    heads = _alt(roles["heads"])
    pronouns = _alt(roles["pronouns"])
    # as a trie: the demonyms that begin at a place are prefixes of one another, tried longest first as in _alt
    demonyms = trie_regex({k for k in reg.demonyms if k[:1].isupper()}, space=re.escape(" "))
    return re.compile(
        rf"(?<![\w-]){_opening([*roles['pronouns'], 'the', 'le', 'la', 'l'])}(?:(?P<pron>(?i:{pronouns}))(?![\w-])|(?i:the|le|la|l['’])\s*(?:(?i:top)\s+)?(?:(?P<dem>{demonyms})\s+)?(?P<head>(?i:{heads}))(?![\w-]))"
    )


def resolve_later_mentions(doc: Document, mentions: list[Mention], directory: str | None = None) -> list[Mention]:
    """Mentions for pronouns and definite descriptions, pointing to the last fitting person named."""
    roles = load_roles()
    reg = load_registry(directory)
    head_roles = roles.get("head_roles") or {}
    people = [m for m in mentions if m.kind == "person"]
    pattern = _anaphor_pattern(directory)
    sentences = doc.sentences or []
    out: list[Mention] = []
    # the people by start (with the running maximum of their ends), so that each anaphor looks at the
    # people of its window by bisection: a scan of all of them per anaphor was quadratic in the article's length
    order = sorted(range(len(people)), key=lambda k: people[k].start)
    starts = [people[k].start for k in order]
    reach, top = [], -1
    for k in order:
        top = max(top, people[k].end)
        reach.append(top)
    out_starts: list[int] = []
    out_sorted = True  # out grows in text order (the sentences in order): then its window is a slice
    for si, s in enumerate(sentences):
        window_start = sentences[max(0, si - ANTECEDENT_WINDOW)].start
        for m in pattern.finditer(doc.text, s.start, s.end):
            at = m.start()
            inside = bisect.bisect_right(starts, at)
            if inside and reach[inside - 1] > at:
                continue  # inside a person's name
            lo, hi = bisect.bisect_left(starts, window_start), bisect.bisect_left(starts, at)
            earlier = [people[k] for k in sorted(order[lo:hi])]
            if out_sorted:
                earlier += out[bisect.bisect_left(out_starts, window_start) : bisect.bisect_left(out_starts, at)]
            else:
                earlier += [p for p in out if window_start <= p.start < at]
            candidates = [p for p in earlier if _same_section(doc, p.start, at)]
            if m.group("pron"):
                fits = candidates
            else:
                head = m.group("head").lower()
                dem = m.group("dem")
                code = reg.demonyms.get(dem) if dem else None
                fits = [p for p in candidates if _head_fits(head, p.role, head_roles) and (code is None or p.country == code)]
            if fits:
                ante = max(fits, key=lambda p: p.start)
                out.append(Mention(m.start(), m.end(), m.group(), "person", ante.name, ante.country, ante.role))
                out_sorted = out_sorted and (not out_starts or out_starts[-1] <= m.start())
                out_starts.append(m.start())
    return out


def _same_section(doc: Document, a: int, b: int) -> bool:
    def section(pos: int) -> str:
        blk = block_at(doc.blocks, pos)
        return blk.section if blk is not None else "body"

    return section(a) == section(b)


_CAP_WORD = r"[A-Z][\w'’.-]*"
_ALIAS_WORD = r"[A-Z][\w'’-]*"  # no full stop: a nickname ends its sentence ("known as Hemedti. The ...")


def _name_before(text: str, end: int, skip: frozenset, limit: int = 8) -> tuple[int, list[str]] | None:
    """The run of capitalised words (function words inside allowed) ending at `end`: (its start, its words)."""
    words = list(re.finditer(r"[\w'’.&-]+", text[max(0, end - 120) : end]))
    base = max(0, end - 120)
    kept: list[re.Match] = []
    for m in reversed(words):
        if text[base + m.end() : end if not kept else base + kept[-1].start()].strip():
            break  # punctuation between: the name ends there
        w = m.group()
        if w[:1].isupper() or (kept and w.lower() in skip):
            kept.append(m)
        else:
            break
        if len(kept) >= limit:
            break
    while kept and kept[-1].group().lower() in skip:
        kept.pop()
    if not kept:
        return None
    return base + kept[-1].start(), [m.group() for m in reversed(kept)]


def find_defined_names(text: str, mentions: list[Mention]) -> list[Mention]:
    """Actors the article defines itself (issue 18): "Rapid Support Forces (RSF)" gives an organisation for
    the name and for every later "RSF"; "Mohamed Hamdan Dagalo, known as Hemedti" gives a person, and the
    nickname's later uses point to them. Spans an existing mention already covers are left to it."""
    return defined_names(text, mentions)[0]


def defined_names(text: str, mentions: list[Mention]) -> tuple[list[Mention], dict]:
    """`find_defined_names`'s mentions and its table: alias or defined name -> (canonical name, kind, country)."""
    roles = load_roles()
    skip = frozenset(str(w).lower() for w in roles.get("acronym_skip_words") or ())
    org_words = frozenset(str(w) for w in roles.get("organisation_words") or ())
    taken = [(m.start, m.end) for m in mentions if m.kind != "country" or m.text[:1].isupper()]
    found: list[Mention] = []

    def free(a: int, b: int) -> bool:
        return not any(x < b and a < y for x, y in taken + [(m.start, m.end) for m in found])

    def kind_of(words: list[str]) -> str:
        return "organisation" if any(w in org_words for w in words) else "person"

    def country_inside(a: int, b: int) -> str | None:
        return next((m.country for m in mentions if a <= m.start and m.end <= b and m.country), None)

    aliases: dict[str, tuple[str, str, str | None]] = {}  # alias -> (canonical name, kind, country)
    for m in re.finditer(r"\(([A-Z][A-Z0-9&.-]{1,7})\)", text):
        acro = m.group(1).replace(".", "")
        got = _name_before(text, m.start(), skip)
        if got is None:
            continue
        start, words = got
        initials = "".join(w[0] for w in words if w.lower() not in skip).upper()
        if not initials.endswith(acro) or len(acro) < 2:
            continue
        keep = [w for w in words]
        # the name is the words whose initials make the acronym (a title or adjective before them is not)
        while "".join(w[0] for w in keep if w.lower() not in skip).upper() != acro and keep:
            keep.pop(0)
        while keep and keep[0].lower() in skip:
            keep.pop(0)  # "the Rapid Support Forces": the article is not part of the name
        if not keep:
            continue
        a = text.index(keep[0], start)
        name = " ".join(keep)
        kind = "organisation"
        aliases[acro] = (name, kind, country_inside(a, m.start()))
        if free(a, a + len(name)):
            found.append(Mention(a, a + len(name), name, kind, name, aliases[acro][2]))
    known_as = sorted((str(c) for c in roles.get("known_as") or ()), key=len, reverse=True)
    cues = "|".join(re.escape(c) for c in known_as)
    # every match holds a cue as written (the pattern is case-sensitive): a text holding none is not scanned
    # (the pattern's optional ",\s*(" lead is tried at every character; build cost, issue 18)
    if cues and any(c in text for c in known_as):
        for m in re.finditer(rf",?\s*\(?(?:{cues})\s+[\"“]?(?P<alias>{_ALIAS_WORD}(?:[ \t]+{_ALIAS_WORD}){{0,2}})", text):
            got = _name_before(text, m.start(), skip, limit=5)
            if got is None:
                continue
            start, words = got
            name = " ".join(words)
            if len(words) < 2 and not any(x.start == start for x in mentions):
                continue  # a lone capitalised word before "known as" is too weak a name
            known = next((x for x in mentions if x.start <= start < x.end), None)
            canonical, kind, country = (known.name, known.kind, known.country) if known else (name, kind_of(words), None)
            aliases[m.group("alias").rstrip(".")] = (canonical, kind, country)
            if known is None and free(start, start + len(name)):
                found.append(Mention(start, start + len(name), name, kind, canonical, country))
    # later uses of the acronyms and nicknames (a mention already there keeps its place)
    found += alias_mentions(text, aliases, mentions + found)
    table = {**aliases, **{canonical: (canonical, kind, country) for canonical, kind, country in aliases.values()}}
    return found, table


def alias_mentions(text: str, table: dict, mentions: list[Mention]) -> list[Mention]:
    """Mentions of the table's names and aliases in text where no mention is yet (alias -> (name, kind, country))."""
    if not table:
        return []
    taken = [(m.start, m.end) for m in mentions]
    pattern = re.compile(r"(?<![\w-])(?:" + "|".join(re.escape(a) for a in sorted(table, key=len, reverse=True)) + r")(?![\w-])")
    out: list[Mention] = []
    for m in pattern.finditer(text):
        if not any(a < m.end() and m.start() < b for a, b in taken):
            canonical, kind, country = table[m.group()]
            out.append(Mention(m.start(), m.end(), m.group(), kind, canonical, country))
            taken.append(m.span())
    return out


def annotate(doc: Document) -> Document:
    """Set doc.mentions: registry actors, people from titles, names the article defines, and resolved later mentions."""
    mentions = find_mentions(doc.text, doc.published)
    mentions += find_defined_names(doc.text, mentions)
    mentions += resolve_later_mentions(doc, mentions)
    doc.mentions = sorted(mentions, key=lambda m: (m.start, -m.end))
    return doc




@on_change
def _forget_patterns() -> None:
    """The title and anaphor patterns are built from the registry: rebuilt after it changes."""
    _title_patterns.cache_clear()
    _title_starts.cache_clear()
    _anaphor_pattern.cache_clear()
    _one_word_titles.cache_clear()
    _titled_surname.cache_clear()
