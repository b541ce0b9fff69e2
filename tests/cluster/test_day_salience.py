"""Issue 23: the day ranking's features, hand-computed, and that it hangs on dated mentions and publication dates
only (not on how the mentions cluster, nor on how many outlets a cluster has)."""
import pandas as pd

from pipeline.cluster import assign_clusters
from pipeline.cluster.salience import day_salience, rules
from pipeline.schema import events_frame

from _cluster_data import _ev

Q = "Ruritania and Freedonia signed a ceasefire in Sylvania."


def _frame(rows):
    """rows: (event id, article, outlet, published, the day the mention states)."""
    events = []
    for eid, doc, outlet, pub, day in rows:
        e = _ev(eid, doc, day, day, day, "day", ["RUF", "FRE"], Q)
        e.published, e.published_inferred, e.source = pub, False, outlet
        events.append(e)
    return assign_clusters(events_frame(events))


def test_look_back_same_day_and_ahead_weights_by_hand():
    """Hand-worked (weights of data/cluster/rules.yaml: for days, look back 1 (`day_look_back`; clusters keep
    `look_back` 2), same day 1, ahead 1, burst power 0.25 over 3 days). The 10th is stated by A (published the
    10th: same day, 1), B (the 12th: looking back, 1) and C (the 8th: ahead, 1): 3. Articles published within 3
    days of the 10th (the 7th..13th): A, B, C, i.e. 3 / 7 a day; so 3 / (1 + 3/7)^0.25 = 2.744. The 12th and the
    8th are B's and C's publication days, neither stated by any mention: 0.5 each (publication_day), each with two
    articles published within 3 days of it (the 9th..15th: A, B; the 5th..11th: C, A): 0.5 / (1 + 2/7)^0.25 =
    0.470."""
    w = rules()["salience"]
    assert (w["look_back"], w["day_look_back"], w["same_day"], w["ahead"], w["publication_day"]) == (2.0, 1.0, 1.0, 1.0, 0.5)
    assert (w["burst_days"], w["burst_power"]) == (3, 0.25)
    frame = _frame([("a1", "A", "Wire", "2020-11-10", "2020-11-10"), ("b1", "B", "Wire", "2020-11-12", "2020-11-10"),
                    ("c1", "C", "Wire", "2020-11-08", "2020-11-10")])
    days = day_salience(frame).set_index("date")
    discount = (1 + 3 / 7) ** 0.25
    assert days.loc["2020-11-10", "salience"] == round(3 / discount, 6)  # 2.744...
    assert days.loc["2020-11-12", "salience"] == days.loc["2020-11-08", "salience"] == round(0.5 / (1 + 2 / 7) ** 0.25, 6)
    assert days["articles"].tolist() == [3, 1, 1]
    assert days.index.tolist() == ["2020-11-10", "2020-11-08", "2020-11-12"]  # ties: the earlier day first


def test_an_article_counts_by_its_most_telling_mention_only():
    """B states the 10th twice: it counts once, with weight 1 (it looks back: day_look_back); D, of the same
    outlet, counts again (articles are counted, not outlets)."""
    frame = _frame([("b1", "B", "Wire", "2020-11-12", "2020-11-10"), ("b2", "B", "Wire", "2020-11-12", "2020-11-10"),
                    ("d1", "D", "Wire", "2020-11-13", "2020-11-10")])
    days = day_salience(frame).set_index("date")
    # published within 3 days of the 10th (7th..13th): B and D -> 2/7 a day
    assert days.loc["2020-11-10", "salience"] == round((1 + 1) / (1 + 2 / 7) ** 0.25, 6)
    assert days.loc["2020-11-10", "articles"] == 2


def test_outlets_and_clustering_do_not_change_a_day():
    """The same three articles stating the 10th, all from one outlet or from three: the day's salience is the
    same (clusters may gain a corroboration boost for key events, days do not); and a frame whose cluster ids
    are scrambled ranks its days the same."""
    rows = [("a1", "A", "Wire", "2020-11-10", "2020-11-10"), ("b1", "B", "Wire", "2020-11-12", "2020-11-10"),
            ("c1", "C", "Wire", "2020-11-13", "2020-11-12")]
    one_outlet = day_salience(_frame(rows))
    three_outlets = day_salience(_frame([(e, d, f"Outlet {d}", p, s) for e, d, _, p, s in rows]))
    pd.testing.assert_frame_equal(one_outlet[["date", "salience", "articles"]],
                                  three_outlets[["date", "salience", "articles"]])
    scrambled = _frame(rows).assign(cluster_id=["x", "y", "z"])
    pd.testing.assert_frame_equal(one_outlet[["date", "salience", "articles"]],
                                  day_salience(scrambled)[["date", "salience", "articles"]])
