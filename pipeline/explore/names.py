"""Country names as analysts type and read them (issue 19): short labels ("Russia", "Iran", "Türkiye"), and
every common, former and official name, ISO code and demonym that should find a country ("Turkey", "turkiye",
"TUR", "Turkish"; "US", "USA", "United States"; "KSA").

All names come from data, none from this code: country_converter's table (short and official names, ISO
codes; the package's `country_data.tsv`), pycountry (ISO 3166-1), the actor registry
(`data/registry/countries.yaml` names and demonyms, `country_names.generated.yaml`) and the search-only
`data/registry/country_search.yaml` (former names, briefing abbreviations).
"""
from __future__ import annotations

import re
from functools import lru_cache

from ..config import DATA_DIR, load_yaml
from ..registry import REGISTRY_DIR, fold, key_of, load_registry

SEARCH_FILE = DATA_DIR / "registry" / "country_search.yaml"
MAX_LABEL_ALIASES = 6  # aliases shown after a country's name in the country filter's options


@lru_cache(maxsize=1)
def _coco() -> dict[str, dict]:
    """country_converter's table by ISO3: name_short, name_official, ISO2 (read as text: "NA" is Namibia)."""
    try:
        from importlib.resources import files

        import pandas as pd

        table = pd.read_csv(files("country_converter") / "country_data.tsv", sep="\t", dtype=str,
                            keep_default_na=False, usecols=["name_short", "name_official", "ISO2", "ISO3"])
    except (ImportError, FileNotFoundError, ModuleNotFoundError):
        return {}
    return {r["ISO3"]: r for r in table.to_dict("records") if r["ISO3"]}


@lru_cache(maxsize=1)
def _search_extras() -> dict[str, list[str]]:
    return {str(k): [str(a) for a in v or []] for k, v in (load_yaml(SEARCH_FILE.read_text(encoding="utf-8"))
                                                          or {}).items()}


@lru_cache(maxsize=1)
def _registry_names() -> tuple[dict[str, list[str]], dict[str, list[str]], set[str]]:
    """countries.yaml: names and demonyms per code; and every name given in another language (CLDR lists)."""
    extra = load_yaml((REGISTRY_DIR / "countries.yaml").read_text(encoding="utf-8")) or {}
    generated_path = REGISTRY_DIR / "country_names.generated.yaml"
    generated = load_yaml(generated_path.read_text(encoding="utf-8")) if generated_path.exists() else {}
    foreign = {fold(n) for by_lang in (generated or {}).values() for lang, names in by_lang.items() if lang != "en"
               for n in names}
    names = {code: list(info.get("names") or []) for code, info in extra.items()}
    demonyms = {code: list(info.get("demonyms") or []) for code, info in extra.items()}
    return names, demonyms, foreign


def _english(name: str, foreign: set[str]) -> bool:
    """A name an English-reading analyst would recognise: Latin letters, capitalised, not another language's."""
    return bool(name) and name[0].isupper() and fold(name) not in foreign and \
        all(ord(c) < 0x250 for c in name)


@lru_cache(maxsize=4096)
def country_label(code: str) -> str:
    """The common short name of an ISO 3166-1 alpha-3 code ("Russia", "Iran", "Türkiye"); the code when unknown."""
    row = _coco().get(code)
    if row and row["name_short"]:
        return row["name_short"]
    try:
        import pycountry

        country = pycountry.countries.get(alpha_3=code)
    except (ImportError, LookupError, KeyError):
        country = None
    if country is not None:
        return getattr(country, "common_name", None) or country.name
    return load_registry().country_names.get(code, code)


def _is_code(name: str) -> bool:
    return len(name) <= 3 and name.isupper()


@lru_cache(maxsize=4096)
def _alias_groups(code: str) -> tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...]]:
    """(names, codes, demonyms) of a country besides its label, most common first, each once."""
    names, demonyms, foreign = _registry_names()
    row = _coco().get(code) or {}
    found: list[str] = [*_search_extras().get(code, []), *[n for n in names.get(code, []) if _english(n, foreign)],
                        row.get("name_short", ""), row.get("name_official", "")]
    try:
        import pycountry

        c = pycountry.countries.get(alpha_3=code)
    except (ImportError, LookupError, KeyError):
        c = None
    if c is not None:
        found += [getattr(c, "common_name", ""), c.name, getattr(c, "official_name", ""), c.alpha_3, c.alpha_2]
    elif len(code) == 3:
        found.append(code)
    people = [d for d in demonyms.get(code, []) if _english(d, foreign) and " " not in d][:2]
    seen = {country_label(code)}
    groups: tuple[list[str], list[str], list[str]] = ([], [], [])
    for name in [*found, *people]:
        if name and "," not in name and name not in seen:
            seen.add(name)
            groups[2 if name in people else 1 if _is_code(name) else 0].append(name)
    return tuple(groups[0]), tuple(groups[1]), tuple(groups[2])


def country_aliases(code: str) -> tuple[str, ...]:
    """Other names analysts use for a country, most common first: English names, ISO codes, demonyms.

    Without the label itself; forms differing only by accents are all kept ("Türkiye", "Turkiye"): typing
    either should find it.
    """
    names, codes, people = _alias_groups(code)
    return names + codes + people


def country_option(code: str) -> str:
    """A country filter option: its short name, then the names typing should find it by.

    "Türkiye (Turkey, Turkiye, Republic of Türkiye, TUR, TR, Turkish)". With the filter's substring matching,
    typing any of them finds the country, and "USA" finds only the United States (Streamlit's default fuzzy
    matching also offered "Russian Federation": u-s-a in that order).
    """
    names, codes, people = _alias_groups(code)
    shown = [*names[:MAX_LABEL_ALIASES - 3], *codes[:2], *people[:1]]
    return f"{country_label(code)} ({', '.join(shown)})" if shown else country_label(code)


@lru_cache(maxsize=1)
def _index() -> dict[tuple[str, ...], frozenset[str]]:
    """Folded name -> ISO3 codes: every name, former name, official name, code and demonym of each country."""
    out: dict[tuple[str, ...], set[str]] = {}

    def add(name: str, code: str) -> None:
        key = key_of(name)
        if key:
            out.setdefault(key, set()).add(code)

    reg = load_registry()
    for key, (entry, _alias) in reg.index.items():
        if entry.kind == "country" and entry.country:
            out.setdefault(key, set()).add(entry.country)
    for code, row in _coco().items():
        add(row["name_short"], code)
        add(row["name_official"], code)
    for code, names in _search_extras().items():
        for name in names:
            add(name, code)
    return {k: frozenset(v) for k, v in out.items()}


@lru_cache(maxsize=1)
def _codes() -> dict[str, str]:
    """ISO alpha-3 and alpha-2 codes (upper case) -> ISO3."""
    out = {}
    for code, row in _coco().items():
        out[code] = code
        if row["ISO2"]:
            out[row["ISO2"]] = code
    return out


def codes_for(text: str) -> frozenset[str]:
    """The countries a whole query names ("Turkey", "türkiye", "Turkish", "USA", "KSA"; "TUR" or "US" in capitals).

    ISO codes count only typed in capitals, so "in", "and", "can" stay words (India, Andorra, Canada are found
    by name). Empty when the query names no country.
    """
    text = (text or "").strip()
    if not text:
        return frozenset()
    found = set(_index().get(key_of(text), ()))
    if re.fullmatch(r"[A-Z]{2,3}", text) and text in _codes():
        found.add(_codes()[text])
    return frozenset(found)


__all__ = ["country_label", "country_aliases", "country_option", "codes_for", "SEARCH_FILE"]
