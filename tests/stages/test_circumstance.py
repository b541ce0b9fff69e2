"""A name that only sets the scene of an event ("ties under U.S. sanctions") is no party to it (issue 18)."""
import pytest

from pipeline.stages.clauses import in_circumstance, load_clause_cues
from tests._events_data import first_event


@pytest.mark.parametrize("text, gone, kept", [
    # hand-written; the country after the opener qualifies the circumstance only
    ("Ukraine's foreign minister Dmytro Kuleba discussed trade with his Polish counterpart on Monday under U.S. sanctions "
     "against Russia.", "USA", "UKR"),
    ("Iran and Iraq signed a gas deal on Tuesday despite American sanctions.", "USA", "IRN"),
    ("Serbia held talks with Kosovo on Friday amid strong European Union pressure.", None, "SRB"),
    ("Venezuela sold oil to India on Monday under Washington's sanctions.", "USA", "VEN"),
])
def test_scene_setting_names_leave_the_lists(text, gone, kept):
    event = first_event(text)
    assert kept in event.countries
    if gone:
        assert gone not in event.countries, event.countries
        assert not any(a in ("United States", "Washington") for a in event.actors), event.actors


@pytest.mark.parametrize("text, country", [
    # the same words where the country does act or is the target: it stays
    ("The United States imposed sanctions on Iran on Monday.", "USA"),
    ("Iran rejected U.S. demands on Tuesday.", "USA"),
    ("Under the deal signed on Monday, Russia will supply gas to Turkey.", "RUS"),
    ("Turkey protested on Monday against Russian sanctions under the trade accord.", "RUS"),
])
def test_parties_stay(text, country):
    assert country in first_event(text).countries


def test_the_rule_reads_only_its_window():
    cues = load_clause_cues()
    text = "They met under the new U.S. sanctions regime."
    start = text.index("U.S.")
    assert in_circumstance(text, start, start + 4, 0, cues)
    # the opener belongs to the previous sentence: not read
    assert not in_circumstance(text, start, start + 4, start, cues)
    # a capitalised word between opener and name is another name, not a determiner
    text2 = "They met under Obama U.S. sanctions."
    start2 = text2.index("U.S.")
    assert not in_circumstance(text2, start2, start2 + 4, 0, cues)
