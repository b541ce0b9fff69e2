"""Issue 23: reader comments are not evidence for a day (`day_ignored_sections`), and a day's place among the
other days does not move when articles of another period are added."""
from datetime import date, timedelta

import pandas as pd
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.cluster.salience import day_salience, rules
from pipeline.schema import events_frame

from _cluster_data import _ev

Q = "Ruritania and Freedonia signed a ceasefire in Sylvania."


def _frame(rows):
    """rows: (event id, article, published, the day the mention states, section). Each mention its own cluster
    (the day ranking does not depend on clustering: test_day_salience.py)."""
    events = []
    for eid, doc, pub, day, section in rows:
        e = _ev(eid, doc, day, day, day, "day", ["RUF", "FRE"], Q)
        e.published, e.published_inferred, e.source, e.section = pub, False, "Wire", section
        events.append(e)
    frame = events_frame(events)
    return frame.assign(cluster_id=frame["event_id"])


def test_reader_comments_are_not_evidence_for_a_day():
    """Three articles published on the 20th..22nd carry reader comments dated the 14th ("Posted by ... on 14
    November"): looking back, they would weigh 3 x 1 = 3 (day_look_back 1) and rank the 14th first. Two articles
    published on the 23rd and 24th state the 12th in their body: 2 x 1 = 2. No article is published within 3 days
    of the 12th or the 14th (no burst discount); each publication day weighs 0.5. The comments leave the 14th out
    entirely, and the 12th ranks first."""
    w = rules()["salience"]
    assert "comment" in w["day_ignored_sections"] and w["day_look_back"] == 1.0
    rows = [(f"c{k}", f"C{k}", f"2020-11-{20 + k}", "2020-11-14", "comment") for k in range(3)]
    rows += [(f"b{k}", f"B{k}", f"2020-11-{23 + k}", "2020-11-12", "body") for k in range(2)]
    days = day_salience(_frame(rows))
    assert "2020-11-14" not in days["date"].tolist()
    assert days["date"].tolist()[0] == "2020-11-12" and days["salience"].tolist()[0] == 2.0
    assert days.set_index("date").loc["2020-11-12", "articles"] == 2
    # the same mentions in the body: the 14th is back, above the 12th
    body = day_salience(_frame([(e, d, p, s, "body") for e, d, p, s, _ in rows]))
    assert body["date"].tolist()[:2] == ["2020-11-14", "2020-11-12"]


def test_an_article_whose_only_mention_of_its_day_is_a_comment_counts_by_its_publication_date():
    """A, published on the 10th, states the 10th only in a reader comment: it counts there as an article published
    that day with no mention of it (publication_day), not as a same-day report (same_day)."""
    w = rules()["salience"]
    assert w["publication_day"] != w["same_day"]
    in_comment = day_salience(_frame([("a1", "A", "2020-11-10", "2020-11-10", "comment")])).set_index("date")
    in_body = day_salience(_frame([("a1", "A", "2020-11-10", "2020-11-10", "body")])).set_index("date")
    ratio = in_comment.loc["2020-11-10", "salience"] / in_body.loc["2020-11-10", "salience"]
    assert abs(ratio - w["publication_day"] / w["same_day"]) < 1e-5
    assert in_comment.loc["2020-11-10", "articles"] == 1 and in_comment.loc["2020-11-10", "clusters"] == 0


START = date(2020, 3, 1)
article = st.tuples(st.integers(0, 40),  # published: days after START
                    st.lists(st.tuples(st.integers(-15, 15), st.sampled_from(["body", "body", "comment"])),
                             min_size=1, max_size=3))  # stated days: offsets from the publication day


def _corpus(articles, tag: str, shift: int):
    rows = []
    for a, (pub, stated) in enumerate(articles):
        published = (START + timedelta(days=pub + shift)).isoformat()
        for m, (offset, section) in enumerate(stated):
            day = (START + timedelta(days=pub + shift + offset)).isoformat()
            rows.append((f"{tag}{a}-{m}", f"{tag}{a}", published, day, section))
    return rows


@settings(max_examples=60)
@given(st.lists(article, min_size=1, max_size=12), st.lists(article, min_size=1, max_size=12))
def test_articles_of_another_period_do_not_move_the_existing_days(existing, unrelated):
    """A corpus, then the same with articles of a period a year later added (their publication and stated days
    beyond burst_days of every existing day): the existing days keep their order, salience and counts."""
    assert rules()["salience"]["burst_days"] < 250  # existing days: START-15..START+55; added: a year later
    alone = day_salience(_frame(_corpus(existing, "e", 0)))
    both = day_salience(_frame(_corpus(existing, "e", 0) + _corpus(unrelated, "u", 365)))
    kept = both[both["date"].isin(alone["date"])].reset_index(drop=True)
    pd.testing.assert_frame_equal(alone.reset_index(drop=True), kept)
