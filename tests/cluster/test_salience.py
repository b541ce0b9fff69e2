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


def _discount(published_nearby: int) -> float:
    """The burst divisor of a day with `published_nearby` articles published within burst_days of it."""
    w = rules()["salience"]
    return (1 + published_nearby / (2 * w["burst_days"] + 1)) ** w["burst_power"]


def test_an_article_counts_on_its_publication_day_without_a_dated_mention_of_it():
    """Hand-worked: A and B state 10 November (A on the day, B looking back two days later); C, published on the
    12th, states no day at all; D (inferred publication date) neither. The 12th: C's publication day only."""
    w = rules()["salience"]
    frame = _frame([("a1", "A", "2020-11-10", False, "2020-11-10"), ("b1", "B", "2020-11-12", False, "2020-11-10"),
                    ("c1", "C", "2020-11-12", False, None), ("d1", "D", "2020-11-13", True, None)])
    days = day_salience(frame).set_index("date")
    # A, B and C are published within burst_days of both days (D's date is inferred: not counted)
    assert days.loc["2020-11-10", "salience"] == round((w["same_day"] + w["day_look_back"]) / _discount(3), 6)
    assert days.loc["2020-11-10", "articles"] == 2 and days.loc["2020-11-10", "clusters"] == 1
    # B's publication day holds no mention of the 12th either: B and C both count there
    assert days.loc["2020-11-12", "salience"] == round(2 * w["publication_day"] / _discount(3), 6)
    assert days.loc["2020-11-12", "articles"] == 2 and days.loc["2020-11-12", "clusters"] == 0
    assert "2020-11-13" not in days.index  # an inferred publication date is not evidence


def test_an_article_counts_once_per_day():
    """An article with a mention of its own publication day counts there once, by that mention's weight."""
    w = rules()["salience"]
    frame = _frame([("a1", "A", "2020-11-10", False, "2020-11-10"), ("a2", "A", "2020-11-10", False, None)])
    days = day_salience(frame)
    assert days["date"].tolist() == ["2020-11-10"]
    assert days["salience"].tolist() == [round(w["same_day"] / _discount(1), 6)] and days["articles"].tolist() == [1]


def test_a_day_amid_heavy_news_weighs_less_than_one_standing_out():
    """Two days each reported by two articles looking back at them; around the first, ten more articles were
    published (about other things, counted on their own day): the quiet day, though later, ranks above the busy one
    (without the discount they would tie, and ties go to the earlier day), and
    the counts stay the raw ones."""
    rows = [("a1", "A1", "2020-11-20", False, "2020-11-10"), ("a2", "A2", "2020-11-20", False, "2020-11-10"),
            ("b1", "B1", "2020-11-20", False, "2020-11-16"), ("b2", "B2", "2020-11-20", False, "2020-11-16")]
    rows += [(f"n{k}", f"N{k}", "2020-11-11", False, None) for k in range(10)]
    days = day_salience(_frame(rows))["date"].tolist()
    assert days.index("2020-11-16") < days.index("2020-11-10")
    ranked = day_salience(_frame(rows)).set_index("date")
    assert ranked.loc["2020-11-10", "articles"] == ranked.loc["2020-11-16", "articles"] == 2
    assert ranked.loc["2020-11-10", "salience"] < ranked.loc["2020-11-16", "salience"]
