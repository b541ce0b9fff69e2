"""A date blanked out of a headline leaves no word that only qualified it ("right now", "just yesterday")."""
import pytest

from tests._events_data import first_event


@pytest.mark.parametrize("text, gone", [
    ("The biggest difference of opinion right now is the port Norland will build, a Norland source said on Monday.", " right "),
    ("Norland just yesterday signed a trade accord with Westmark.", " just "),
])
def test_no_dangling_qualifier(text, gone):
    line = first_event(text, "2021-05-04").headline
    assert gone not in f" {line} ", line


def test_right_as_a_noun_stays():
    line = first_event("Norland granted Westmark the right to fish in its waters on Monday.", "2021-05-04").headline
    assert "the right" in line, line  # the noun is no qualifier of a blanked date
