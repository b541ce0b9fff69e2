"""One colour per event type across the dashboard and every export (issue 19)."""
from __future__ import annotations

import yaml

from pipeline.explore import charts
from pipeline.frame.io import read_events

from conftest import ROOT


def plover_types() -> list[str]:
    data = yaml.safe_load((ROOT / "pipeline" / "data" / "lexicon" / "plover.yaml").read_text(encoding="utf-8"))
    return [*data["types"], data.get("fallback", "OTHER")]


def test_a_type_keeps_its_colour_whatever_else_is_shown():
    """AGREE was blue in one export and orange in the next: its colour depended on the other types shown."""
    alone = charts.type_colours(["AGREE"])["AGREE"]
    assert charts.type_colours(["ACCUSE", "AGREE", "ASSAULT"])["AGREE"] == alone
    assert charts.type_colours(plover_types())["AGREE"] == alone


def test_every_plover_type_has_its_own_colour():
    colours = charts.type_colours(plover_types())
    assert len(set(colours.values())) == len(colours) >= 16


def test_an_unlisted_type_gets_a_stable_spare_colour():
    a = charts.type_colour("NEGOTIATE")
    assert a == charts.type_colour("NEGOTIATE") and a.startswith("#")


def test_the_timeline_uses_the_fixed_colours():
    frame = read_events(ROOT / "tests" / "data" / "events_fixture.json")
    fig = charts.timeline_spec(frame, context=True)
    colours = charts.type_colours(frame["event_type"])
    drawn = {t["name"]: t["marker"]["color"] for t in fig["data"] if t.get("customdata")}
    assert drawn and drawn == {t: colours[t] for t in drawn}
    assert drawn["AGREE"] == charts.type_colour("AGREE") == "#0072B2"
    assert len(set(drawn.values())) == len(drawn)  # unlisted types (FIGHT, STATEMENT...) do not share one


def test_colour_file_has_provenance():
    head = (ROOT / "pipeline" / "data" / "lexicon" / "event_colours.yaml").read_text(encoding="utf-8").splitlines()[:10]
    for key in ("# source:", "# date:", "# licence:", "# known gaps:"):
        assert any(line.startswith(key) for line in head), key
