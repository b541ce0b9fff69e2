"""Clustering: compatible dates + shared countries/actors + similar wording -> one cluster_id."""
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.cluster import assign_clusters
from pipeline.schema import Event, events_frame


def _ev(eid, doc, value, start, end, gran, countries, quote, date_text="x", actors=()):
    return Event(event_id=eid, doc_id=doc, date_text=date_text, date_value=value, date_start=start, date_end=end,
                 granularity=gran, countries=list(countries), actors=list(actors), quote=quote)


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


def _varied_events(seed: int, n: int = 160) -> list[Event]:
    """Many mentions crowded into a few months: days, DCT-anchored days, months, years, a decade, year-less
    days; few countries, actors and words, so that many pairs link and many almost do."""
    import calendar
    import random
    from datetime import date, timedelta

    rng = random.Random(seed)
    letters = "abcdefghijklmnopqrstuvwxyz"
    vocab = [f"word{a}{b}" for a in letters for b in letters]  # more than 251: every bit mask in use
    stories = [rng.sample(vocab, 7) for _ in range(15)]  # retold in near-identical words
    out = []
    for k in range(n):
        d = date(2020, 1, 1) + timedelta(days=rng.randrange(90))
        kind = rng.choice(["day", "day", "anchored", "month", "year", "decade", "year-less"])
        if kind in ("day", "anchored"):
            value, start, end, gran = d.isoformat(), d.isoformat(), d.isoformat(), "day"
        elif kind == "month":
            last = calendar.monthrange(d.year, d.month)[1]
            value, start, end, gran = f"{d:%Y-%m}", f"{d:%Y-%m}-01", f"{d:%Y-%m}-{last}", "month"
        elif kind == "year":
            value, start, end, gran = "2020", "2020-01-01", "2020-12-31", "year"
        elif kind == "decade":
            value, start, end, gran = "202X", "2020-01-01", "2029-12-31", "decade"
        else:
            value, start, end, gran = f"XXXX-{d:%m-%d}", None, None, "day"
        out.append(_ev(f"e{k:03d}", f"D{k % 40}", value, start, end, gran, rng.sample(["RUF", "FRE", "ARM", "XAN"], rng.randint(0, 3)),
                       " ".join(rng.sample(rng.choice(stories), rng.randint(2, 7)) + rng.sample(vocab, rng.randint(0, 3))),
                       date_text="" if kind == "anchored" else "x",
                       actors=rng.sample(["Rex Trent", "Ola Berg", "Ann Lee"], rng.randint(0, 2))))
    return out


@settings(max_examples=6, deadline=None)
@given(st.integers(0, 10_000))
def test_the_blocked_pairs_hold_every_pair_that_links(seed):
    """Every pair `linked` accepts (brute force over all pairs) is among the blocked candidates, except pairs
    with a very coarse mention whose rarest words the other quote lacks (the documented blocking rule)."""
    from collections import Counter
    from itertools import combinations

    import numpy as np

    from pipeline import cluster

    mentions = cluster._mentions(events_frame(_varied_events(seed)))
    freq = Counter(w for m in mentions for w in set(m.words.split()))
    rare = [set(sorted(set(m.words.split()), key=lambda w: (freq[w], w))[:cluster.RARE_WORDS]) for m in mentions]

    def compared(a, b):
        vague = [m for m in (a, b) if m.start is not None and m.span_days > cluster.COARSE_DAYS]
        return not vague or any(rare[v.idx] & set(o.words.split()) for v in vague for o in (a, b) if o is not v)

    links = {(a.idx, b.idx) for a, b in combinations(mentions, 2) if cluster.linked(a, b) and compared(a, b)}
    chunks = list(cluster._pair_chunks(cluster._table(events_frame(_varied_events(seed)))))
    i, j = (np.concatenate(side) for side in zip(*chunks))
    blocked = {(min(x, y), max(x, y)) for x, y in zip(i.tolist(), j.tolist())}
    assert len(blocked) == len(i)  # each pair once
    assert links <= blocked and len(links) > 20
    assert len(blocked) < len(list(cluster.candidate_pairs(mentions)))  # the masks drop pairs


@settings(max_examples=6, deadline=None)
@given(st.integers(0, 10_000))
def test_pairs_come_most_precise_first_then_by_event_id(seed):
    """The order the clusters depend on: by the longer mention's span, then the smaller and the larger event id
    (rows of the table), whatever the chunk size."""
    import numpy as np
    import pytest

    from pipeline import cluster

    table = cluster._table(events_frame(_varied_events(seed)))
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(cluster, "PAIR_CHUNK", 50)  # many chunks
        i, j = (np.concatenate(side) for side in zip(*cluster._pair_chunks(table)))
    keys = list(zip(np.maximum(table.span[i], table.span[j]).tolist(), np.minimum(i, j).tolist(), np.maximum(i, j).tolist()))
    assert keys == sorted(keys) and len(keys) > 30
    assert [table.event_id[k] for k in range(table.n)] == sorted(table.event_id)


@settings(max_examples=10, deadline=None)
@given(st.sampled_from([200, 5_000, 70_000]), st.integers(0, 10_000))
def test_bit_masks_never_miss_two_shared_items_and_give_exact_overlaps_for_few_items(vocab, seed):
    import random

    import numpy as np

    from pipeline.cluster import _jaccard, _Masks

    rng = random.Random(seed)
    pool = [rng.sample(range(vocab), 12) for _ in range(8)]
    sets = [frozenset(rng.sample(rng.choice(pool), rng.randint(1, 6)) + rng.sample(range(vocab), rng.randint(0, 4)))
            for _ in range(150)]
    masks = _Masks(sets)
    i, j = np.triu_indices(len(sets), 1)
    two = masks.shares(i, j, 2)
    half = masks.jaccard_at_least(i, j, 0.5)
    for x, y, t, h in zip(i.tolist(), j.tolist(), two.tolist(), half.tolist()):
        assert t or len(sets[x] & sets[y]) < 2
        assert h == (_jaccard(sets[x], sets[y]) >= 0.5) if len(set().union(*sets)) <= 251 else h or _jaccard(sets[x], sets[y]) < 0.5
    assert two.mean() < 0.9  # and it does drop pairs


def test_cluster_ids_from_batches_equal_those_from_the_frame():
    """A large build hands clustering its events a batch at a time (never one frame): same ids."""
    from pipeline import cluster

    frame = events_frame(_varied_events(3))
    batches = ({c: frame[c].iloc[k:k + 7].tolist() for c in cluster.NEEDS} for k in range(0, len(frame), 7))
    ids = cluster.cluster_ids(batches)
    assert ids == cluster.cluster_ids(frame) == assign_clusters(frame)["cluster_id"].tolist()
    assert len(set(ids)) < len(ids)  # some mentions do cluster
