"""Names analysts type (issue 19): short labels, and every common, former, official name, code and demonym
finding its country, in the country filter and in the search."""
from __future__ import annotations

import re

import pytest

from conftest import ROOT
from pipeline.explore.filters import FilterState, filter_events
from pipeline.explore.names import codes_for, country_aliases, country_label, country_option
from pipeline.frame.io import read_events

FIXTURE = ROOT / "tests" / "data" / "events_fixture.json"


@pytest.mark.parametrize("code, label", [("RUS", "Russia"), ("IRN", "Iran"), ("TUR", "Türkiye"),
                                         ("USA", "United States"), ("GBR", "United Kingdom"), ("XKX", "Kosovo"),
                                         ("QQQ", "QQQ")])
def test_labels_are_common_short_names(code, label):
    assert country_label(code) == label


@pytest.mark.parametrize("query, codes", [
    ("Turkey", {"TUR"}), ("turkiye", {"TUR"}), ("Türkiye", {"TUR"}), ("TUR", {"TUR"}), ("Turkish", {"TUR"}),
    ("Republic of Türkiye", {"TUR"}),
    ("US", {"USA"}), ("USA", {"USA"}), ("usa", {"USA"}), ("United States", {"USA"}), ("U.S.", {"USA"}),
    ("American", {"USA"}),
    ("KSA", {"SAU"}), ("Saudi", {"SAU"}), ("Burma", {"MMR"}), ("Zaire", {"COD"}), ("Russian Federation", {"RUS"}),
    ("Persia", {"IRN"}),
    # ISO codes only in capitals: common words stay words; a capital city is a place, not the country
    ("in", set()), ("and", set()), ("can", set()), ("tur", set()), ("Moscow", set()), ("", set()),
])
def test_codes_for_the_names_analysts_type(query, codes):
    assert set(codes_for(query)) == codes


def streamlit_fuzzy(query: str, label: str) -> bool:
    """Streamlit's default multiselect matching (its frontend `filterOptions`, FILTER_MODE_FUZZY): every
    character of the query, case-insensitive, found in order in the label."""
    at = 0
    label = label.lower()
    for ch in query.lower():
        at = label.find(ch, at) + 1
        if at == 0:
            return False
    return True


def streamlit_contains(query: str, label: str) -> bool:
    """Streamlit's `filter_mode="contains"`: a case-insensitive substring."""
    return query.lower() in label.lower()


def test_usa_matched_the_russian_federation_by_fuzzy_matching():
    """The bug: typing "USA" in the country filter offered "Russian Federation" (rUSsiAn: u-s-a in order)."""
    assert streamlit_fuzzy("USA", "Russian Federation")  # the old label, the old matching: the bug
    codes = ["RUS", "USA", "TUR", "BLR", "AUS", "SAU", "ARE", "GBR", "FRA", "IRN"]
    offered = {c for c in codes if streamlit_contains("USA", country_option(c))}
    assert offered == {"USA"}


@pytest.mark.parametrize("typed, code", [("Turkey", "TUR"), ("turkiye", "TUR"), ("TUR", "TUR"), ("Turkish", "TUR"),
                                         ("US", "USA"), ("USA", "USA"), ("United States", "USA"), ("KSA", "SAU"),
                                         ("Russian Federation", "RUS"), ("Russia", "RUS"), ("Iran", "IRN")])
def test_typing_a_name_finds_the_option(typed, code):
    assert streamlit_contains(typed, country_option(code))


def test_options_start_with_the_short_name():
    option = country_option("TUR")
    assert option.startswith("Türkiye (") and option.endswith(")")
    assert {"Turkey", "TUR", "Turkish"} <= set(re.split(r", ", option[len("Türkiye ("):-1]))
    assert "Türkiye" not in country_aliases("TUR")  # the label is not repeated


@pytest.fixture(scope="module")
def frame():
    return read_events(FIXTURE)


@pytest.mark.parametrize("query", ["Turkey", "Türkiye", "turkiye", "TUR", "Turkish"])
def test_search_by_any_name_finds_the_country(frame, query):
    """Searching "Türkiye" found nothing when the articles said "Turkey": a country's names all find its events."""
    window = dict(start="2020-11-10", end="2020-12-29")
    by_country = set(filter_events(frame, FilterState(countries=("TUR",), **window))["cluster_id"])
    assert by_country and by_country <= set(filter_events(frame, FilterState(text=query, **window))["cluster_id"])


def test_search_by_name_is_the_same_on_a_scanned_file(frame, tmp_path):
    from pipeline.explore.query import Events, scan
    from pipeline.frame.io import write_events

    path = tmp_path / "events.parquet"
    write_events(frame, path)
    state = FilterState(text="Turkish", start="2020-11-10", end="2020-12-29")
    memory = set(filter_events(frame, state)["cluster_id"])
    assert set(scan(path, state)["cluster_id"]) == memory
    scanned = Events(path, in_memory_max=0).filter(state)
    assert set(scanned.materialise()["cluster_id"]) == memory and memory


def test_search_data_file_has_provenance():
    from pipeline.explore.names import SEARCH_FILE

    head = SEARCH_FILE.read_text(encoding="utf-8").splitlines()[:12]
    for key in ("# source:", "# date:", "# licence:", "# known gaps:"):
        assert any(line.startswith(key) for line in head), key
