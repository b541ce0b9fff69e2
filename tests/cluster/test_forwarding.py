"""Issue 23: forwarding records say where a split, merged or renamed cluster's mentions went (hand-worked)."""
import json

import pytest

from pipeline.cluster import forward_cluster_id
from pipeline.cluster.forwarding import (DamagedForwardingRecord, forwarding_path, load_forwarding, moves, resolve,
                                         save_forwarding, updated)

# before: c1 = {e1..e5}, c2 = {e6, e7}, c3 = {e8}, c4 = {e9}
OLD_E = ["e1", "e2", "e3", "e4", "e5", "e6", "e7", "e8", "e9"]
OLD_C = ["c1", "c1", "c1", "c1", "c1", "c2", "c2", "c3", "c4"]
# after: c1 split (e1-e3 stay, e4 e5 go to c7); c2 merged into c0 with a new earlier e0; c3 grew (e10);
# e9 is gone (its article removed)
NEW_E = ["e0", "e1", "e2", "e3", "e4", "e5", "e6", "e7", "e8", "e10"]
NEW_C = ["c0", "c1", "c1", "c1", "c7", "c7", "c0", "c0", "c3", "c3"]


def test_moves_record_splits_merges_and_renames_only():
    assert moves(OLD_E, OLD_C, NEW_E, NEW_C) == {"c1": ["c1", "c7"], "c2": ["c0"]}


def test_a_split_part_is_listed_by_how_many_mentions_it_took():
    assert moves(["a", "b", "c"], ["c1"] * 3, ["a", "b", "c"], ["c9", "c5", "c5"]) == {"c1": ["c5", "c9"]}
    assert moves(["a", "b"], ["c1"] * 2, ["a", "b"], ["c9", "c5"]) == {"c1": ["c5", "c9"]}  # ties: id order


def test_records_compose_across_builds():
    first = updated({}, moves(OLD_E, OLD_C, NEW_E, NEW_C), set(NEW_C))
    assert first == {"c1": ["c1", "c7"], "c2": ["c0"]}
    # next build: c7 merges into c8; c0 is gone entirely
    latest = {"c7": ["c8"]}
    current = {"c1", "c8", "c3"}
    assert updated(first, latest, current) == {"c1": ["c1", "c8"], "c7": ["c8"]}


def test_resolve_gives_every_part_and_forward_the_first():
    record = {"c1": ["c1", "c7"], "c2": ["c0"]}
    assert resolve("c1", set(NEW_C), record) == ["c1", "c7"]
    assert resolve("c2", set(NEW_C), record) == ["c0"]
    assert resolve("c4", set(NEW_C), record) == [] and resolve(None, set(NEW_C), record) == []
    # the namesake rule first (c2 is not named after a current mention here), then the record
    assert forward_cluster_id(NEW_E, NEW_C, "c2", record) == "c0"
    assert forward_cluster_id(NEW_E, NEW_C, "c2") is None
    assert forward_cluster_id(NEW_E, NEW_C, "c1", record) == "c1"


def test_the_record_file_round_trips_and_a_damaged_one_says_so(tmp_path):
    path = forwarding_path(tmp_path / "events.parquet")
    assert path.name == ".events.parquet.forwarding.json" and load_forwarding(path) == {}
    save_forwarding(path, {"c2": ["c0"], "c1": ["c1", "c7"]})
    assert load_forwarding(path) == {"c1": ["c1", "c7"], "c2": ["c0"]}
    assert list(json.loads(path.read_text())) == ["c1", "c2"]
    path.write_text('{"c1": "c7"}')
    with pytest.raises(DamagedForwardingRecord, match="forwarding.json: not a cluster forwarding record"):
        load_forwarding(path)
    path.write_text("{")
    with pytest.raises(DamagedForwardingRecord, match="unreadable"):
        load_forwarding(path)


def test_a_link_follows_the_record_kept_beside_the_events_file(tmp_path):
    from pipeline.explore.key import follow_cluster_link

    events = tmp_path / "events.parquet"
    assert follow_cluster_link(NEW_E, NEW_C, "c2", events) is None  # no record yet
    save_forwarding(forwarding_path(events), {"c2": ["c0"]})
    assert follow_cluster_link(NEW_E, NEW_C, "c2", events) == "c0"
    forwarding_path(events).write_text("[")
    assert follow_cluster_link(NEW_E, NEW_C, "c2", events) is None  # a damaged record counts as none
    assert follow_cluster_link(NEW_E, NEW_C, "c3", events) == "c3"
