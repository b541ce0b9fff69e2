"""Candidate pairs for clustering: the mentions as arrays, bit masks, and the pairs worth comparing."""
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.schema import events_frame

from _cluster_data import varied_events


def candidate_pairs(mentions):
    """Every pair whose dates may be compatible, one at a time: the plain sweep over start dates, the slow
    reference the blocked pairs are compared with."""
    dated = sorted((m for m in mentions if m.start is not None and not m.month_day), key=lambda m: (m.start, m.end))
    for i, a in enumerate(dated):
        for b in dated[i + 1 :]:
            if b.start > a.end:
                break
            yield a, b
    year_less = [m for m in mentions if m.month_day]
    by_md: dict = {}
    for m in year_less:
        by_md.setdefault(m.month_day, []).append(m)
    for group in by_md.values():
        for i, a in enumerate(group):
            for b in group[i + 1 :]:
                yield a, b
    if year_less:
        for b in dated:
            for a in year_less:
                yield a, b


@settings(max_examples=6, deadline=None)
@given(st.integers(0, 10_000))
def test_the_blocked_pairs_hold_every_pair_that_links(seed):
    """Every pair `linked` accepts (brute force over all pairs) is among the blocked candidates, except pairs
    with a very coarse mention whose rarest words the other quote lacks (the documented blocking rule)."""
    from collections import Counter
    from itertools import combinations

    import numpy as np

    from pipeline import cluster
    from pipeline.cluster import pairs

    mentions = pairs.mentions(events_frame(varied_events(seed)))
    # issue 23: a very coarse mention's "rarest" words are ranked from the word alone (pairs.word_rank), never
    # from the corpus, so the pairs compared depend on the two mentions only
    rare = [set(sorted(set(m.words.split()), key=lambda w: pairs.word_rank(w.encode()))[:pairs.RARE_WORDS])
            for m in mentions]

    def compared(a, b):
        vague = [m for m in (a, b) if m.start is not None and m.span_days > pairs.COARSE_DAYS]
        return not vague or any(rare[v.idx] & set(o.words.split()) for v in vague for o in (a, b) if o is not v)

    links = {(a.idx, b.idx) for a, b in combinations(mentions, 2) if cluster.linked(a, b) and compared(a, b)}
    chunks = list(cluster._pair_chunks(pairs.table(events_frame(varied_events(seed)))))
    i, j = (np.concatenate(side) for side in zip(*chunks))
    blocked = {(min(x, y), max(x, y)) for x, y in zip(i.tolist(), j.tolist())}
    assert len(blocked) == len(i)  # each pair once
    assert links <= blocked and len(links) > 20
    assert len(blocked) < len(list(candidate_pairs(mentions)))  # the masks drop pairs


@settings(max_examples=6, deadline=None)
@given(st.integers(0, 10_000))
def test_pairs_come_most_precise_first_then_by_event_id(seed):
    """The order the clusters depend on: by the longer mention's span, then the smaller and the larger event id
    (rows of the table), whatever the chunk size."""
    import numpy as np
    import pytest

    from pipeline import cluster
    from pipeline.cluster import pairs

    table = pairs.table(events_frame(varied_events(seed)))
    whole = [(x, y) for i, j in cluster._pair_chunks(table) for x, y in zip(i.tolist(), j.tolist())]
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(pairs, "PAIR_CHUNK", 50)  # many chunks
        mp.setattr(pairs, "ENTRY_CHUNK", 7)  # and every chunked index, sweep and table step in small pieces
        mp.setattr(pairs, "TAKE_ROWS", 3)
        small = pairs.table(events_frame(varied_events(seed)))
        i, j = (np.concatenate(side) for side in zip(*cluster._pair_chunks(small)))
    keys = list(zip(np.maximum(table.span[i], table.span[j]).tolist(), np.minimum(i, j).tolist(), np.maximum(i, j).tolist()))
    assert keys == sorted(keys) and len(keys) > 30
    assert list(zip(i.tolist(), j.tolist())) == whole  # the same pairs in the same order, whatever the chunks
    assert [table.event_id[k] for k in range(table.n)] == sorted(table.event_id)


@settings(max_examples=10, deadline=None)
@given(st.sampled_from([200, 5_000, 70_000]), st.integers(0, 10_000))
def test_bit_masks_never_miss_two_shared_items_and_give_exact_overlaps_for_few_items(vocab, seed):
    import random

    import numpy as np

    from pipeline.cluster import _jaccard
    from pipeline.cluster.pairs import Masks as _Masks

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


@given(st.lists(st.lists(st.sampled_from("abcdefg"), max_size=5), min_size=1, max_size=12), st.integers(1, 3),
       st.randoms(use_true_random=False))
def test_sets_share_counts_the_items_two_sets_have_in_common(mentions, at_least, rng):
    """`Sets.share` (the exact test on actors) against set intersection, for random pairs, repeats included."""
    import numpy as np

    from pipeline.cluster.pairs import SetsBuilder

    builder = SetsBuilder()
    builder.add(mentions)
    sets = builder.sets()
    i = np.array([rng.randrange(len(mentions)) for _ in range(40)])
    j = np.array([rng.randrange(len(mentions)) for _ in range(40)])
    expected = [len(set(mentions[x]) & set(mentions[y])) >= at_least for x, y in zip(i.tolist(), j.tolist())]
    assert sets.share(i, j, at_least).tolist() == expected


@given(st.lists(st.lists(st.lists(st.text(min_size=0, max_size=4), max_size=4), max_size=5), max_size=4))
def test_sets_built_batch_by_batch_hold_each_mentions_strings_with_a_sorted_vocabulary(batches):
    """Batches of mentions (each a list of strings, repeats and non-ASCII included) give each mention its set,
    the vocabulary in Python's string order (UTF-8 bytes sort as code points do), ids increasing."""
    from pipeline.cluster.pairs import SetsBuilder, text

    builder = SetsBuilder()
    for batch in batches:
        builder.add(batch)
    sets = builder.sets()
    mentions = [m for batch in batches for m in batch]
    assert [text(x) for x in sets.vocab.tolist()] == sorted({x for m in mentions for x in m})
    assert [sorted(sets.get(k)) for k in range(sets.n)] == [sorted(set(m)) for m in mentions]
    assert all((sets.ids[a:b][1:] > sets.ids[a:b][:-1]).all() for a, b in zip(sets.offsets[:-1], sets.offsets[1:]))


def test_strings_ending_in_nul_or_holding_low_bytes_stay_distinct_and_in_order():
    from pipeline.cluster.pairs import SetsBuilder, text

    strings = ["a", "a\x00", "a\x01", "a\x00\x01", "a\x01\x00", "\x00", "", "\x01\x01", "b"]
    builder = SetsBuilder()
    builder.add([[x] for x in strings])
    sets = builder.sets()
    assert [text(x) for x in sets.vocab.tolist()] == sorted(strings)
    assert [sets.get(k) for k in range(sets.n)] == [[x] for x in strings]


def test_issue_17_copies_of_one_quote_and_a_very_coarse_mention_cluster_without_error():
    """Issue 17: three wire copies of one sentence plus an article "in 1999" with the same words left no word
    to look up (all common) and `_very_coarse_pairs` died on an empty concatenate. Now the year has nothing
    to link to, and the copies cluster as they do without it."""
    from pipeline import cluster
    from pipeline.schema import Document
    from pipeline.stages import process_document

    docs = [process_document(Document(doc_id=f"wire-{s}", text=f"Report by {s} desk staff writers.\n\n"
                                      "Troops crossed the border on 3 March 2020, officials said.\n"))
            for s in ("a", "b", "c")]
    docs.append(process_document(Document(doc_id="old", text="Troops crossed the border in 1999, officials said.\n")))
    frame = cluster.assign_clusters(events_frame([e for d in docs for e in d.events]))
    by_doc = dict(zip(frame["doc_id"], frame["cluster_id"]))
    assert set(by_doc) == {"wire-a", "wire-b", "wire-c", "old"}
    assert list(by_doc.values()).count(by_doc["old"]) == 1
    alone = cluster.assign_clusters(events_frame([e for d in docs[:3] for e in d.events]))
    grouping = lambda ids: sorted(sorted(k for k, v in ids.items() if v == c) for c in set(ids.values()))
    assert grouping({k: v for k, v in by_doc.items() if k != "old"}) == grouping(
        dict(zip(alone["doc_id"], alone["cluster_id"])))
