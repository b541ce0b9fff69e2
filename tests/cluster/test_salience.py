"""Issue 23: day salience counts every article that reports a day, by a dated mention or by its publication date."""
from pipeline.cluster import assign_clusters
from pipeline.cluster.salience import day_salience, rules
from pipeline.schema import events_frame

from _cluster_data import _ev

Q = "Ruritania and Freedonia signed a ceasefire in Sylvania."


def _frame(rows):
    """rows: (event id, article, published, inferred, day the mention states or None for a month mention)."""
    events = []
    for eid, doc, pub, inferred, day in rows:
        if day:
            e = _ev(eid, doc, day, day, day, "day", ["RUF", "FRE"], Q)
        else:
            e = _ev(eid, doc, "2020-11", "2020-11-01", "2020-11-30", "month", ["XAN"], "Xanadu held talks in November.")
        e.published, e.published_inferred, e.source = pub, inferred, "Wire"
        events.append(e)
    return assign_clusters(events_frame(events))


def test_an_article_counts_on_its_publication_day_without_a_dated_mention_of_it():
    """Hand-worked: A and B state 10 November (A on the day, B looking back two days later); C, published on the
    12th, states no day at all; D (inferred publication date) neither. The 12th: C's publication day only."""
    w = rules()["salience"]
    frame = _frame([("a1", "A", "2020-11-10", False, "2020-11-10"), ("b1", "B", "2020-11-12", False, "2020-11-10"),
                    ("c1", "C", "2020-11-12", False, None), ("d1", "D", "2020-11-13", True, None)])
    days = day_salience(frame).set_index("date")
    assert days.loc["2020-11-10", "salience"] == w["same_day"] + w["look_back"]  # one outlet: no corroboration
    assert days.loc["2020-11-10", "articles"] == 2 and days.loc["2020-11-10", "clusters"] == 1
    # B's publication day holds no mention of the 12th either: B and C both count there
    assert days.loc["2020-11-12", "salience"] == 2 * w["publication_day"]
    assert days.loc["2020-11-12", "articles"] == 2 and days.loc["2020-11-12", "clusters"] == 0
    assert "2020-11-13" not in days.index  # an inferred publication date is not evidence


def test_an_article_counts_once_per_day():
    """An article with a mention of its own publication day counts there once, by that mention's weight."""
    w = rules()["salience"]
    frame = _frame([("a1", "A", "2020-11-10", False, "2020-11-10"), ("a2", "A", "2020-11-10", False, None)])
    days = day_salience(frame)
    assert days["date"].tolist() == ["2020-11-10"]
    assert days["salience"].tolist() == [w["same_day"]] and days["articles"].tolist() == [1]
