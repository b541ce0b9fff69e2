"""Clustering: compatible dates + shared countries/actors + similar wording -> one cluster_id."""
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.cluster import assign_clusters
from pipeline.schema import events_frame

from _cluster_data import _ev, varied_events


CEASEFIRE = [
    _ev("a1", "A", "2020-11-10", "2020-11-10", "2020-11-10", "day", ["RUF", "FRE", "ARM"], "Ruritania and Freedonia signed a ceasefire on 10 November."),
    _ev("b1", "B", "XXXX-11-10", None, None, "day", ["FRE", "RUF"], "The Nov. 10 truce between Freedonia and Ruritania held."),
    _ev("c1", "C", "2020-11-10", "2020-11-10", "2020-11-10", "day", ["RUF", "FRE"], "A truce took effect on November 10 after six weeks of war."),
]
OTHER = [
    _ev("a2", "A", "2020-11-12", "2020-11-12", "2020-11-12", "day", ["RUF", "FRE"], "Ruritania and Freedonia exchanged prisoners on 12 November."),
    _ev("b2", "B", "2020-11", "2020-11-01", "2020-11-30", "month", ["RUF", "FRE"], "Freedonia and Ruritania fought and signed and exchanged in November."),
    _ev("c2", "C", "2020-11-10", "2020-11-10", "2020-11-10", "day", ["XAN"], "Xanadu elected a parliament on 10 November."),
]


def _clusters(events):
    frame = assign_clusters(events_frame(events))
    return dict(zip(frame["event_id"], frame["cluster_id"]))


def test_same_day_same_countries_cluster_and_year_less_values_fit():
    c = _clusters(CEASEFIRE + OTHER)
    assert c["a1"] == c["b1"] == c["c1"]
    assert c["c2"] != c["a1"]  # same day, other countries
    assert c["a2"] != c["a1"]  # same countries, other day


def test_a_vague_mention_never_bridges_two_different_days():
    c = _clusters(CEASEFIRE + OTHER)
    assert not (c["b2"] == c["a1"] and c["b2"] == c["a2"])


def test_a_day_without_a_year_never_bridges_two_years():
    quote = "Ruritania and Freedonia signed a truce on November 10 in Sylvania."
    years = [_ev(f"y{y}", f"D{y}", f"{y}-11-10", f"{y}-11-10", f"{y}-11-10", "day", ["RUF", "FRE"], quote) for y in (2020, 2021)]
    year_less = _ev("y0", "D0", "XXXX-11-10", None, None, "day", ["RUF", "FRE"], quote)
    for order in ([year_less] + years, years + [year_less]):
        c = _clusters(order)
        assert c["y2020"] != c["y2021"] and c["y0"] in (c["y2020"], c["y2021"])


def test_dct_anchored_statement_joins_the_meeting_it_reports():
    meeting = _ev("m1", "A", "2020-12-29", "2020-12-29", "2020-12-29", "day", ["RUF", "FRE"], "Minister Rex Trent met Minister Ola Berg in Sylvania on Tuesday.", actors=["Rex Trent", "Ola Berg"])
    said = _ev("m2", "B", "2020-12-30", "2020-12-30", "2020-12-30", "day", ["FRE", "RUF"], "“Ties are good,” Rex Trent said at the meeting with Ola Berg.", date_text="", actors=["Rex Trent", "Ola Berg"])
    later = _ev("m3", "B", "2021-01-05", "2021-01-05", "2021-01-05", "day", ["FRE", "RUF"], "Rex Trent met Ola Berg again.", date_text="", actors=["Rex Trent", "Ola Berg"])
    c = _clusters([meeting, said, later])
    assert c["m1"] == c["m2"] and c["m3"] != c["m1"]


def test_empty_frame():
    assert assign_clusters(events_frame([])).empty


@settings(max_examples=25, deadline=None)
@given(st.permutations(CEASEFIRE + OTHER))
def test_cluster_ids_do_not_depend_on_row_order(events):
    assert _clusters(events) == _clusters(CEASEFIRE + OTHER)


def test_cluster_ids_from_batches_equal_those_from_the_frame():
    """A large build hands clustering its events a batch at a time (never one frame): same ids."""
    from pipeline import cluster
    from pipeline.cluster import pairs

    frame = events_frame(varied_events(3))
    batches = ({c: frame[c].iloc[k:k + 7].tolist() for c in cluster.NEEDS} for k in range(0, len(frame), 7))
    ids = cluster.cluster_ids(batches)
    assert ids == cluster.cluster_ids(frame) == assign_clusters(frame)["cluster_id"].tolist()
    assert len(set(ids)) < len(ids)  # some mentions do cluster
