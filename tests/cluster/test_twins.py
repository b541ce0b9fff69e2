"""Twins (issue 17): an article repeating a mention is compared once; the clusters are those of comparing all."""
import dataclasses

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from _cluster_data import _ev, varied_events
from pipeline import cluster
from pipeline.cluster.pairs import table
from pipeline.cluster.twins import twins
from pipeline.schema import events_frame


def _repeat(events, copies, rng):
    """Each chosen mention copied within its own article under new ids (an article pasting itself again)."""
    out = list(events)
    for e in events:
        for c in range(copies(rng)):
            out.append(dataclasses.replace(e, event_id=f"{e.event_id}-copy{c}"))
    return out


def test_copies_within_an_article_are_twins_and_across_articles_are_not():
    a = _ev("a1", "A", "2020-11-10", "2020-11-10", "2020-11-10", "day", ["RUF", "FRE"], "Ruritania and Freedonia signed a truce.")
    frame = events_frame([a, dataclasses.replace(a, event_id="a2"),  # a copy in the same article
                          dataclasses.replace(a, event_id="b1", doc_id="B"),  # the same words in another article
                          dataclasses.replace(a, event_id="a3", countries=["RUF"]),  # one country fewer
                          dataclasses.replace(a, event_id="a4", quote="Ruritania and Freedonia signed a treaty.")])
    t = table(frame)
    ids = [cluster.pairs.text(e) for e in t.event_id]
    first = {ids[k]: ids[int(r)] for k, r in enumerate(twins(t))}
    assert first == {"a1": "a1", "a2": "a1", "b1": "b1", "a3": "a3", "a4": "a4"}


def _without_twins(monkeypatch, frame):
    monkeypatch.setattr(cluster, "twins", lambda t: np.arange(t.n))
    return cluster.cluster_summary(frame)


@settings(max_examples=20, deadline=None)
@given(st.integers(0, 10_000))
def test_folding_twins_changes_no_cluster_and_no_salience(seed):
    import random

    import pytest

    rng = random.Random(seed)
    events = _repeat(varied_events(seed, 60), lambda r: r.choice([0, 0, 1, 3]), rng)
    frame = events_frame(events)
    codes, names, sal = cluster.cluster_summary(frame)
    with pytest.MonkeyPatch.context() as mp:
        codes0, names0, sal0 = _without_twins(mp, frame)
    assert [names[c] for c in codes] == [names0[c] for c in codes0]
    assert np.allclose(sal, sal0)
