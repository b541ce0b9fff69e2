"""Issue 23: the learned day ranker of bench/tls_learn.py (measured, not kept): its per-day features by hand, that
articles of another period change no existing day's features, and that the fit recovers a known ranking."""
import math
import sys
from datetime import date, timedelta
from pathlib import Path

import numpy as np
import pandas as pd
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.cluster.salience import day_salience
from pipeline.schema import events_frame

from _cluster_data import _ev

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "bench"))
import tls_learn  # noqa: E402

Q = "Ruritania and Freedonia signed a ceasefire in Sylvania."


def _frame(rows):
    """rows: (article, outlet, published, start, end, granularity, char_start)."""
    events = []
    for k, (doc, outlet, pub, start, end, gran, at) in enumerate(rows):
        e = _ev(f"e{k}", doc, start, start, end, gran, ["RUF"], Q)
        e.published, e.published_inferred, e.source, e.section = pub, False, outlet, "body"
        e.char_start, e.char_end = at, at + 40
        events.append(e)
    frame = events_frame(events)
    return frame.assign(cluster_id=frame["event_id"])


def test_features_of_a_day_by_hand():
    """The 10th is stated by A (published the 10th, in its first sentence), B (the 12th: looks back, at character
    900, twice) and C (the 8th: ahead, another outlet); D (published 20 December) mentions November 2020. Articles
    published within 3 days of the 10th: A, B, C, i.e. 3/7 a day."""
    frame = _frame([("A", "Wire", "2020-11-10", "2020-11-10", "2020-11-10", "day", 0),
                    ("B", "Wire", "2020-11-12", "2020-11-10", "2020-11-10", "day", 900),
                    ("B", "Wire", "2020-11-12", "2020-11-10", "2020-11-10", "day", 1200),
                    ("C", "Post", "2020-11-08", "2020-11-10", "2020-11-10", "day", 500),
                    ("D", "Post", "2020-12-20", "2020-11-01", "2020-11-30", "month", 0)])
    f = tls_learn.day_features(frame)
    assert f.index.tolist() == ["2020-11-08", "2020-11-10", "2020-11-12", "2020-12-20"]  # mentioned or published
    ten = f.loc["2020-11-10"]
    want = {"articles": 3, "look_back": 1, "same_day": 1, "ahead": 1, "published": 1, "outlets": 2, "lead": 1,
            "sentences": 4, "month": 1}
    for name, n in want.items():
        assert math.isclose(ten[name], math.log1p(n)), name
    assert math.isclose(ten["volume"], math.log1p(3 / 7))
    assert math.isclose(ten["burst"], math.log1p(3) - math.log1p(3 / 7))
    sal = day_salience(frame).set_index("date")["salience"]
    assert math.isclose(ten["salience"], math.log1p(sal["2020-11-10"]))
    assert f.loc["2020-11-12", "articles"] == 0 and math.isclose(f.loc["2020-11-12", "published"], math.log1p(1))
    assert f.loc["2020-12-20", "month"] == 0  # its own month is not mentioned


day_rows = st.lists(st.tuples(st.integers(0, 40), st.integers(0, 40), st.sampled_from(["Wire", "Post", ""]),
                              st.integers(0, 2000)), min_size=1, max_size=25)


@settings(max_examples=30, deadline=None)
@given(day_rows, day_rows)
def test_articles_of_another_period_change_no_existing_day(ours, theirs):
    """Articles of the window (days 0-40 of 2020) and of another year (same offsets in 2023): the 2020 days'
    features are the same with and without the 2023 articles (so a fitted ranker orders them the same)."""
    def rows(spec, year, prefix):
        base = date(year, 3, 1)
        return [(f"{prefix}{k}", outlet, (base + timedelta(days=p)).isoformat(), (base + timedelta(days=d)).isoformat(),
                 (base + timedelta(days=d)).isoformat(), "day", at) for k, (p, d, outlet, at) in enumerate(spec)]
    alone = tls_learn.day_features(_frame(rows(ours, 2020, "a")))
    both = tls_learn.day_features(_frame(rows(ours, 2020, "a") + rows(theirs, 2023, "b")))
    pd.testing.assert_frame_equal(both[both.index < "2021"], alone, check_exact=False, rtol=1e-9)


def _windows(rng, n, k=5, days=40):
    """Synthetic windows whose gold days are the top k by 2 x look_back + burst (the other features noise)."""
    out = []
    for w in range(n):
        x = rng.normal(size=(days, len(tls_learn.FEATURES)))
        idx = pd.Index([(date(2020, 1, 1) + timedelta(days=d)).isoformat() for d in range(days)])
        f = pd.DataFrame(x, index=idx, columns=list(tls_learn.FEATURES))
        truth = 2 * f["look_back"] + f["burst"]
        out.append((f"t{w % 3}", f, set(truth.sort_values(ascending=False).index[:k])))
    return out


def test_the_fit_recovers_a_known_ranking():
    rng = np.random.default_rng(3)
    train, test = _windows(rng, 12), _windows(rng, 6)
    for loss in ("pair", "point", "lambda"):
        model = tls_learn.fit(train, loss, 0.01)
        w = dict(zip(model["features"], model["weights"]))
        assert max(w, key=w.get) == "look_back" and sorted(w, key=w.get)[-2] == "burst", loss
        assert np.mean([tls_learn.date_f1(f, d, tls_learn.scores(model, f)) for _, f, d in test]) >= 0.85, loss  # chance: 0.125
    # pulled hard towards the hand salience, the residual ranker orders the days as the salience does
    model = tls_learn.fit(train, "pair", 1e6, resid=True)
    for _, f, _ in test:
        assert tls_learn.ranked(f, tls_learn.scores(model, f)) == tls_learn.ranked(f, f["salience"].to_numpy())
