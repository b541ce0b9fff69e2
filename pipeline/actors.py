"""Actors, countries and places: registry look-up, title patterns and later mentions.

World knowledge is data: `pipeline/data/registry/*.yaml` (people with roles and spellings,
organisations, places, country demonyms and metonyms; a user file appended to by `add_to_registry`)
plus pycountry's ISO 3166-1 names; `pipeline/data/lexicon/roles.yaml` for titles and later mentions.

Matching is a dictionary look-up of accent-folded word n-grams (no statistical model), so spellings
that differ only by diacritics resolve to one actor (Müller / Muller, Đorđević / Djordjevic) and the cost is linear in
the text. People not in the registry are found from title patterns ("Armenian Prime Minister Nikol
Pashinyan": person, role, country from the demonym); pronouns and definite descriptions ("he",
"the minister", "the top Russian diplomat") point back to the last fitting person named before them.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import pycountry
import yaml

from .config import DATA_DIR
from .documents import Document, Mention
from .config import load_yaml

NEEDS: tuple[str, ...] = ("text", "sentences", "blocks")
SETS: tuple[str, ...] = ("mentions",)

REGISTRY_DIR = DATA_DIR / "registry"
USER_REGISTRY = REGISTRY_DIR / "user.yaml"
LEXICON_DIR = DATA_DIR / "lexicon"
ACTOR_KINDS = ("person", "organisation", "place")
PREPOSITIONS_OF_PLACE = frozenset("in to at from near into toward towards à en au aux dans vers près de".split())
ANTECEDENT_WINDOW = 6  # sentences back a later mention may reach
# Country names are also matched in these languages, from pycountry's ISO 3166 translations.
TRANSLATED_LANGUAGES = ("de", "es", "fr", "it", "nl", "pt", "ru", "tr", "uk")

_TOKEN = re.compile(r"[^\W_]+")
_FOLD_SPECIAL = {"ı": "i", "ø": "o", "ł": "l", "đ": "d", "ß": "s", "æ": "a", "œ": "o", "ð": "d", "þ": "t", "’": "'"}


class RegistryError(ValueError):
    """A registry entry that cannot be used: names the field and what is expected."""


@lru_cache(maxsize=8192)
def _fold_char(ch: str) -> str:
    if ch in _FOLD_SPECIAL:
        return _FOLD_SPECIAL[ch]
    base = unicodedata.normalize("NFKD", ch)[:1] or ch
    low = base.lower()
    return low[:1] if low else base


class _FoldTable(dict):
    """Code point -> folded character for str.translate, filled as characters are met."""

    def __missing__(self, code: int) -> str:
        folded = self[code] = _fold_char(chr(code))
        return folded


_FOLD_TABLE = _FoldTable()


def fold(text: str) -> str:
    """Lower-case and strip diacritics, one character for one, so offsets stay valid."""
    return text.translate(_FOLD_TABLE)


def key_of(alias: str) -> tuple[str, ...]:
    """The look-up key of a name: its folded word tokens."""
    return tuple(_TOKEN.findall(fold(alias)))


@dataclass(frozen=True)
class Entry:
    """One registry actor: canonical name, kind, country and (for people) dated roles."""

    name: str
    kind: str  # person, organisation, country, government, location
    country: str | None = None
    roles: tuple[tuple[str, str | None, str | None], ...] = ()
    lat: float | None = None
    lon: float | None = None

    def role_at(self, when: str | None) -> str | None:
        """The role held at an ISO date (or partial date); the first listed when unknown."""
        if not self.roles:
            return None
        if when:
            for role, start, end in self.roles:
                if (start is None or str(start) <= when) and (end is None or when[: len(str(end))] <= str(end)):
                    return role
        return self.roles[0][0]


@dataclass
class Registry:
    """Alias index (folded token tuples -> entry) plus the pattern pieces built from it."""

    index: dict[tuple[str, ...], tuple[Entry, str]] = field(default_factory=dict)  # entry, alias as written
    max_len: int = 1
    demonyms: dict[str, str] = field(default_factory=dict)  # demonym/country name as written -> ISO3
    country_names: dict[str, str] = field(default_factory=dict)  # ISO3 -> short name
    name_keys: set = field(default_factory=set)  # keys of country names (not demonyms): countries as actors
    prefixes: set = field(default_factory=set)  # every leading part of every key: where a look-up may go on

    def add(self, alias: str, entry: Entry) -> None:
        key = key_of(alias)
        if key and key not in self.index:
            self.index[key] = (entry, alias)
            self.max_len = max(self.max_len, len(key))
            self.prefixes.update(_prefixes([key]))


def _prefixes(keys) -> set:
    """All leading parts of the keys: ("nikol",) and ("nikol", "pashinyan") for ("nikol", "pashinyan")."""
    return {key[:n] for key in keys for n in range(1, len(key) + 1)}


def _load_yaml(path: Path):
    with open(path, encoding="utf-8") as fh:
        return load_yaml(fh)


def _country_code_ok(code: str | None) -> bool:
    """An ISO 3166-1 alpha-3 shape: three capitals (user-assigned and made-up test codes are allowed)."""
    return code is None or bool(re.fullmatch(r"[A-Z]{3}", str(code)))


def _roles(raw) -> tuple[tuple[str, str | None, str | None], ...]:
    out = []
    for r in raw or []:
        out.append((str(r["role"]), None if r.get("from") is None else str(r["from"]), None if r.get("to") is None else str(r["to"])))
    return tuple(out)


def _translation(lang: str):
    """pycountry's gettext catalogue of ISO 3166-1 names in one language (None when not shipped)."""
    import gettext

    try:
        return gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=[lang])
    except OSError:
        return None


def load_registry(directory: str | None = None) -> Registry:
    """The alias index from the registry files, built once per folder (people first: they win a shared alias)."""
    return _load_registry(str(directory) if directory else None)


@lru_cache(maxsize=4)  # one key per folder: load_registry() and load_registry(None) share it
def _load_registry(directory: str | None) -> Registry:
    root = Path(directory) if directory else REGISTRY_DIR
    reg = Registry()
    user = _load_yaml(root / "user.yaml") if (root / "user.yaml").exists() else None
    people = (_load_yaml(root / "people.yaml") or []) + [e for e in (user or []) if e.get("kind", "person") == "person"]
    for p in people:
        entry = Entry(p["name"], "person", p.get("country"), _roles(p.get("roles")))
        for alias in [p["name"], *(p.get("aliases") or [])]:
            reg.add(alias, entry)
    orgs = (_load_yaml(root / "organisations.yaml") or []) + [e for e in (user or []) if e.get("kind") == "organisation"]
    for o in orgs:
        entry = Entry(o["name"], "organisation", o.get("country"))
        for alias in [o["name"], *(o.get("aliases") or [])]:
            reg.add(alias, entry)
    places = (_load_yaml(root / "places.yaml") or []) + [e for e in (user or []) if e.get("kind") == "place"]
    for pl in places:
        entry = Entry(pl["name"], "location", pl.get("country"), (), pl.get("lat"), pl.get("lon"))
        for alias in [pl["name"], *(pl.get("aliases") or [])]:
            reg.add(alias, entry)
    extra = _load_yaml(root / "countries.yaml") or {}
    # forms a country lists as ambiguous (common words, first names) never match as that country
    blocked = {(code, key_of(a)) for code, info in extra.items() for a in info.get("ambiguous") or []}
    for code, info in extra.items():
        names = info.get("names") or []
        short = names[0] if names else code
        reg.country_names[code] = short
        country = Entry(short, "country", code)
        for alias in names:
            if (code, key_of(alias)) in blocked:
                continue
            reg.add(alias, country)
            reg.demonyms.setdefault(alias, code)
            reg.name_keys.add(key_of(alias))
        for alias in info.get("demonyms") or []:
            reg.add(alias, Entry(short, "country", code))
            reg.demonyms.setdefault(alias, code)
        for alias in info.get("metonyms") or []:
            reg.add(alias, Entry(short, "government", code))
    translations = [_translation(lang) for lang in TRANSLATED_LANGUAGES]
    for c in pycountry.countries:
        short = getattr(c, "common_name", None) or c.name
        reg.country_names.setdefault(c.alpha_3, short)
        entry = Entry(reg.country_names[c.alpha_3], "country", c.alpha_3)
        english = {c.name, short, getattr(c, "official_name", c.name)}
        translated = {t.gettext(n) for t in translations if t for n in (c.name, short)} - english
        for alias in sorted(english) + sorted(translated):
            if "," not in alias and (c.alpha_3, key_of(alias)) not in blocked:
                reg.add(alias, entry)
                reg.name_keys.add(key_of(alias))
                if alias in english:  # title patterns ("Kosovo Prime Minister ...") use English names
                    reg.demonyms.setdefault(alias, c.alpha_3)
    # CLDR short names (scripts/registry_countries.py), read last so they only add spellings
    generated = root / "country_names.generated.yaml"
    for code, by_lang in ((_load_yaml(generated) or {}) if generated.exists() else {}).items():
        entry = Entry(reg.country_names.get(code, code), "country", code)
        for lang, aliases in by_lang.items():
            for alias in aliases:
                if key_of(alias) not in reg.index and (code, key_of(alias)) not in blocked:
                    reg.add(alias, entry)
                    reg.name_keys.add(key_of(alias))
                    if lang == "en":
                        reg.demonyms.setdefault(alias, code)
    return reg


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


@lru_cache(maxsize=4)
def _title_starts(directory: str | None = None) -> re.Pattern:
    """The space or tab before a place where an English title may begin (the title pattern's `[ \\t]+<title>`)."""
    titles = _titles(load_roles(), "titles_en", "titles_de")
    return re.compile(rf"[ \t](?={_opening(titles)}(?i:{_alt(titles)}))")


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


def _lookup(text: str, folded: str, index, max_len: int, prefixes: set | None = None) -> list[tuple[int, int, Entry, str]]:
    """Longest-first n-gram look-up of registry aliases in the text (n-grams never cross punctuation).

    `prefixes` (the leading parts of the keys of `index`, see `_prefixes`) let the look-up skip words
    that begin no alias and stop as soon as the words from a token on begin none; without them every
    n-gram up to `max_len` is tried from every word.
    """
    toks = list(_TOKEN.finditer(folded))
    words = _TOKEN.findall(folded)
    if prefixes is None:
        starts = range(len(words))
    else:
        starts = [i for i, w in enumerate(words) if (w,) in prefixes]  # most words begin no alias
    found = []
    free = 0  # the first token not inside an alias found already
    for i in starts:
        if i < free:
            continue
        # The n-grams from i that are aliases, shortest first: grow while the words joined only by spaces,
        # hyphens, apostrophes or dots still begin some alias.
        lengths = []
        for n in range(1, min(max_len, len(toks) - i) + 1):
            if n > 1 and not _GAP_OK.fullmatch(text, toks[i + n - 2].end(), toks[i + n - 1].start()):
                break
            key = tuple(words[i : i + n])
            if prefixes is not None and key not in prefixes:
                break
            if key in index:
                lengths.append(n)
        for n in reversed(lengths):
            got = index[tuple(words[i : i + n])]
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

    # People introduced by a title: "Armenian Prime Minister Nikol Pashinyan".
    local: dict[tuple[str, ...], tuple[Entry, str]] = {}
    english, french = _title_patterns(directory)
    for pattern in (english, french):
        pos = 0
        search = (lambda p: _search_titled(english, _title_starts(directory), text, p)) if pattern is english else (lambda p: french.search(text, p))
        while (m := search(pos)) is not None:
            name = _clean_name(m.group("name"))
            # go on right after the kept name: the capture may have run into the next title
            pos = m.start("name") + (len(name) if name else 1)
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

    index = reg.index if not local else {**reg.index, **local}
    max_len = max([reg.max_len] + [len(k) for k in local])
    for a, b, entry, surface in _lookup(text, folded, index, max_len, reg.prefixes | _prefixes(local) if local else reg.prefixes):
        kind = entry.kind
        if kind == "government" and (_previous_word(text, a) in PREPOSITIONS_OF_PLACE or _is_dateline_place(text, a, b)):
            kind = "location"
        name = entry.name if kind != "location" or entry.kind == "location" else surface
        mentions.append(Mention(a, b, surface, kind, name, entry.country, entry.role_at(published)))
        taken.append((a, b))
    return sorted(mentions, key=lambda m: (m.start, -m.end))


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
    demonyms = _alt(k for k in reg.demonyms if k[:1].isupper())
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
    for si, s in enumerate(sentences):
        window_start = sentences[max(0, si - ANTECEDENT_WINDOW)].start
        for m in pattern.finditer(doc.text, s.start, s.end):
            if any(p.start <= m.start() < p.end for p in people):
                continue
            candidates = [p for p in people + out if window_start <= p.start < m.start() and _same_section(doc, p.start, m.start())]
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
    return out


def _same_section(doc: Document, a: int, b: int) -> bool:
    def section(pos: int) -> str:
        for blk in doc.blocks:
            if blk.start <= pos < blk.end:
                return blk.section
        return "body"

    return section(a) == section(b)


def annotate(doc: Document) -> Document:
    """Set doc.mentions: registry actors, people from titles, and resolved later mentions."""
    mentions = find_mentions(doc.text, doc.published)
    mentions += resolve_later_mentions(doc, mentions)
    doc.mentions = sorted(mentions, key=lambda m: (m.start, -m.end))
    return doc


def place_coordinates(directory: str | None = None) -> dict[str, tuple[float, float]]:
    """Canonical place name -> (lat, lon) for the registry places that carry coordinates (for the map)."""
    return {entry.name: (float(entry.lat), float(entry.lon))
            for entry, _alias in load_registry(directory).index.values()
            if entry.kind == "location" and entry.lat is not None and entry.lon is not None}


def add_to_registry(entry: dict, path: str | Path | None = None) -> Path:
    """Append a person, organisation or place to a user registry file (default registry/user.yaml).

    entry: {"kind": "person"|"organisation"|"place", "name": ..., "country": ISO3 or None,
    "aliases": [...], "roles": [{"role", "from", "to"}] for people, "lat"/"lon" for places}.
    Returns the file written. Raises RegistryError naming the bad field.
    """
    kind = entry.get("kind", "person")
    if kind not in ACTOR_KINDS:
        raise RegistryError(f"kind {kind!r} is not one of {', '.join(ACTOR_KINDS)}")
    name = str(entry.get("name") or "").strip()
    if not name:
        raise RegistryError("name is empty; give the actor's full name")
    country = entry.get("country") or None
    country = country.strip().upper() if isinstance(country, str) else country
    if not _country_code_ok(country):
        raise RegistryError(f"country {country!r} is not an ISO 3166-1 alpha-3 code (three letters, e.g. TUR, RUS, XKX)")
    record: dict = {"kind": kind, "name": name, "country": country, "aliases": [str(a) for a in entry.get("aliases") or []]}
    if kind == "person":
        roles = []
        for r in entry.get("roles") or []:
            for k in ("from", "to"):
                v = r.get(k)
                if v is not None and not re.fullmatch(r"\d{4}(-\d{2}(-\d{2})?)?", str(v)):
                    raise RegistryError(f"role {k!r} date {v!r} is not an ISO date (YYYY-MM-DD)")
            roles.append({"role": str(r.get("role", "")), "from": r.get("from"), "to": r.get("to")})
        record["roles"] = roles
    if kind == "place":
        record["lat"], record["lon"] = entry.get("lat"), entry.get("lon")
    target = Path(path) if path else USER_REGISTRY
    if not target.exists():
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(
            "# User registry: actors added from the dashboard or by hand (same fields as people.yaml,\n"
            "#   organisations.yaml and places.yaml, plus kind).\n"
            "# source: the analysts using this tool\n# date: created by pipeline.actors.add_to_registry\n"
            "# licence: as the analysts' organisation decides\n# known gaps: unchecked entries\n",
            encoding="utf-8",
        )
    with open(target, "a", encoding="utf-8") as fh:
        fh.write(yaml.safe_dump([record], allow_unicode=True, sort_keys=False, default_flow_style=None))
    _load_registry.cache_clear()
    _title_patterns.cache_clear()
    _title_starts.cache_clear()
    _anaphor_pattern.cache_clear()
    return target
