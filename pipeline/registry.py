"""The actors and places registry: people with dated roles, organisations, places, countries (ISO 3166-1).

World knowledge is data: `pipeline/data/registry/*.yaml` (people with roles and spellings,
organisations, places, country demonyms and metonyms; a user file appended to by `add_to_registry`)
plus pycountry's ISO 3166-1 names and CLDR short names. Names are matched on accent-folded word tokens
(`fold`, `key_of`). The actors stage (`pipeline.stages.actors`) finds them in text.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import pycountry
import yaml

from .config import DATA_DIR, load_yaml
from .errors import PipelineError

REGISTRY_DIR = DATA_DIR / "registry"
USER_REGISTRY = REGISTRY_DIR / "user.yaml"
ENTRY_KINDS = ("person", "organisation", "place")
TRANSLATED_LANGUAGES = ("de", "es", "fr", "it", "nl", "pt", "ru", "tr", "uk")

_TOKEN = re.compile(r"[^\W_]+")
_FOLD_SPECIAL = {"ı": "i", "ø": "o", "ł": "l", "đ": "d", "ß": "s", "æ": "a", "œ": "o", "ð": "d", "þ": "t", "’": "'"}


class RegistryError(PipelineError, ValueError):
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


_NON_ASCII = re.compile(r"[^\x00-\x7f]+")
_ASCII_LOWERS = all(_fold_char(chr(c)) == chr(c).lower() for c in range(128))  # (true unless _FOLD_SPECIAL says otherwise)


def fold(text: str) -> str:
    """Lower-case and strip diacritics, one character for one, so offsets stay valid."""
    # An ASCII character folds to its lower case (`_fold_char`): only the runs of other characters go through the
    # table, one look-up per character (str.translate over a whole article was ~40 ns a character).
    if not _ASCII_LOWERS:
        return text.translate(_FOLD_TABLE)
    if text.isascii():
        return text.lower()
    parts, last = [], 0
    for m in _NON_ASCII.finditer(text):
        parts.append(text[last : m.start()].lower())
        parts.append(m.group().translate(_FOLD_TABLE))
        last = m.end()
    parts.append(text[last:].lower())
    return "".join(parts)


@lru_cache(maxsize=1 << 15)  # the stages ask again for the same mention texts (a pure function of the text)
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
    surnames: dict = field(default_factory=dict)  # issue 18 round 7: a listed person's last name -> entry ("President Bush")

    def add(self, alias: str, entry: Entry) -> None:
        key = key_of(alias)
        if key and key not in self.index:
            self.index[key] = (entry, alias)
            self.max_len = max(self.max_len, len(key))
            self.prefixes.update(_prefixes([key]))


def _prefixes(keys) -> set:
    """All leading parts of the keys: ("nikol",) and ("nikol", "pashinyan") for ("nikol", "pashinyan")."""
    return {key[:n] for key in keys for n in range(1, len(key) + 1)}


def _surnames(people: list) -> dict:
    """Last name (a one-word key) -> Entry of the listed people it may stand for after a title ("President Bush",
    "Chancellor Kohl"; issue 18 round 7): the person when one has it, else an entry of that name for the country
    they all share; a last name people of two countries share, or of three letters or fewer, is left out."""
    found: dict[tuple[str, ...], list] = {}
    for p in people:
        for alias in [p["name"], *(p.get("aliases") or [])]:
            key = key_of(alias)
            if len(key) >= 2 and len(key[-1]) >= 4 and p.get("country"):
                same = found.setdefault(key[-1:], [])
                if all(q["name"] != p["name"] for q in same):
                    same.append(p)
    out = {}
    for key, same in found.items():
        if len({q["country"] for q in same}) == 1:
            one = same[0]
            last = one["name"].split()[-1]
            out[key] = (Entry(one["name"], "person", one["country"], _roles(one.get("roles"))) if len(same) == 1
                        else Entry(last, "person", one["country"]))
    return out


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
    reg.surnames = _surnames(people)
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
    # issue 18: former names of states (ISO 3166-3) under their successor's code: only add forms
    former = (_load_yaml(root / "former_names.yaml") or {}) if (root / "former_names.yaml").exists() else {}
    for code, info in former.items():
        entry = Entry(reg.country_names.get(code, code), "country", code)
        for alias in [*(info.get("names") or []), *(info.get("demonyms") or [])]:
            reg.add(alias, entry)
            reg.demonyms.setdefault(alias, code)
            if alias in (info.get("names") or []):
                reg.name_keys.add(key_of(alias))
        for alias in info.get("metonyms") or []:
            reg.add(alias, Entry(entry.name, "government", code))
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
    # issue 18: large cities (scripts/registry_cities.py, from GeoNames), read last: a city only adds a name
    cities = root / "cities.generated.yaml"
    for pl in (_load_yaml(cities) or []) if cities.exists() else []:
        reg.add(pl["name"], Entry(pl["name"], "location", pl.get("country"), (), pl.get("lat"), pl.get("lon")))
    return reg



# Callables to run when the registry changes (e.g. the actors stage's compiled title patterns).
_ON_CHANGE: list = []


def on_change(func):
    """Register `func` to be called after `add_to_registry` writes (a decorator)."""
    _ON_CHANGE.append(func)
    return func


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
    if kind not in ENTRY_KINDS:
        raise RegistryError(f"kind {kind!r} is not one of {', '.join(ENTRY_KINDS)}")
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
    for func in _ON_CHANGE:
        func()
    return target
