"""Forwarding records: where an old cluster id's mentions went when a rebuild split, merged or renamed it (issue 23).

A cluster id names the cluster's earliest mention (`id_of`), so a link to an id whose cluster merely merged
follows that mention (`forward_cluster_id`, no record needed). A split is different: the mentions of one old
cluster now sit in several clusters, and only one of them can hold the id's namesake. So every build that
replaces an events file compares the cluster of each mention before and after (by event id) and keeps, beside
the file, a record `{old id: [the clusters now holding its mentions, most of them first]}` for every cluster
that did not come through whole under its own id:

- a split: `c1 -> [c1, c7]` (c1 kept its namesake and 5 mentions, c7 took 2);
- a merge or a rename (an earlier mention joined): `c1 -> [c0]`;
- a cluster that grew, or lost mentions that are gone from the corpus, is not recorded.

Records compose across builds: an id forwarded to clusters that are themselves split or merged later forwards
to where those went (`updated`). `resolve` gives every current cluster an old id stands for (the analyst's
note or link on the old cluster then covers each part); `forward_cluster_id(..., record)` the first of them.
The record is advisory: a missing one is empty, a damaged one raises `DamagedForwardingRecord` (the build then
starts a new one, since the old events file is the only thing it could be rebuilt from).
"""
from __future__ import annotations

import json
from pathlib import Path

import pyarrow as pa
import pyarrow.compute as pc

from ..atomic import write_atomic
from ..errors import PipelineError

__all__ = ["DamagedForwardingRecord", "moves", "updated", "resolve", "forwarding_path", "load_forwarding",
           "save_forwarding"]


class DamagedForwardingRecord(PipelineError):
    """A forwarding record file that is not the JSON object of lists this module writes."""


def moves(old_events, old_clusters, new_events, new_clusters) -> dict[str, list[str]]:
    """{old cluster id: the new clusters holding its surviving mentions, most mentions first (ties: id order)}
    for every old cluster whose surviving mentions are not all in one cluster of its own id. The four arguments
    are columns (event id and cluster id per row) of the old and the new events: lists or arrow arrays. It runs
    in arrow (a hash lookup of the old event ids among the new ones), so a million rows take about half a second
    and no Python object per row."""
    old_c = _strings(old_clusters)
    new_c = pc.take(_strings(new_clusters), pc.index_in(_strings(old_events), value_set=_strings(new_events)))
    moved = pc.unique(pc.filter(old_c, pc.fill_null(pc.not_equal(old_c, new_c), False)))
    if not len(moved):
        return {}
    keep = pc.and_(pc.is_in(old_c, value_set=moved), pc.is_valid(new_c))
    counts = (pa.table({"old": pc.filter(old_c, keep), "new": pc.filter(new_c, keep)})
              .group_by(["old", "new"], use_threads=False).aggregate([([], "count_all")]).to_pandas())
    counts = counts.sort_values(["old", "count_all", "new"], ascending=[True, False, True], kind="stable")
    return {str(cid): [str(t) for t in targets] for cid, targets in counts.groupby("old", sort=True)["new"]}


def _strings(values) -> pa.Array:
    if isinstance(values, pa.ChunkedArray):
        values = values.combine_chunks()
    if not isinstance(values, pa.Array):
        values = pa.array(list(values), type=pa.string())
    if pa.types.is_dictionary(values.type):
        values = values.dictionary_decode()
    return values.cast(pa.string())


def updated(record: dict[str, list[str]], latest: dict[str, list[str]], current_ids) -> dict[str, list[str]]:
    """The record after one more build: older entries forwarded through `latest` (that build's `moves`),
    then `latest` itself; targets no longer among `current_ids` are dropped, and so are empty entries and
    entries that would only point an id at itself."""
    current = set(current_ids)
    out: dict[str, list[str]] = {}
    for old, targets in record.items():
        through = _unique(n for t in targets for n in latest.get(t, [t]))
        out[old] = through
    out.update(latest)
    kept = {}
    for old, targets in out.items():
        targets = [t for t in targets if t in current]
        if targets and targets != [old]:
            kept[old] = targets
    return dict(sorted(kept.items()))


def resolve(wanted: str | None, current_ids, record: dict[str, list[str]] | None) -> list[str]:
    """Every current cluster an id stands for: itself while it exists, then the clusters its record forwards it
    to (a split: all its parts). Empty when neither exists."""
    if not wanted:
        return []
    current = current_ids if isinstance(current_ids, (set, frozenset)) else set(current_ids)
    found = [wanted] if wanted in current else []
    return _unique([*found, *(t for t in (record or {}).get(wanted, []) if t in current)])


def _unique(items) -> list:
    seen: dict = {}
    for item in items:
        seen.setdefault(item, None)
    return list(seen)


def forwarding_path(events_path: str | Path) -> Path:
    """Where the forwarding record of an events file is kept: `.NAME.forwarding.json` beside it."""
    path = Path(events_path)
    return path.with_name(f".{path.name}.forwarding.json")


def load_forwarding(path: str | Path) -> dict[str, list[str]]:
    """The record in `path` ({} when there is none)."""
    path = Path(path)
    if not path.is_file():
        return {}
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise DamagedForwardingRecord(f"{path}: unreadable cluster forwarding record ({type(exc).__name__}); "
                                      f"delete it (the next build starts a new one)") from exc
    if not isinstance(data, dict) or not all(isinstance(v, list) and all(isinstance(t, str) for t in v)
                                             for v in data.values()):
        raise DamagedForwardingRecord(f"{path}: not a cluster forwarding record (an object of id lists); "
                                      f"delete it (the next build starts a new one)")
    return {str(k): list(v) for k, v in data.items()}


def save_forwarding(path: str | Path, record: dict[str, list[str]]) -> None:
    """Write the record atomically (sorted, so that equal records are equal files)."""
    write_atomic(path, json.dumps(dict(sorted(record.items())), indent=0, ensure_ascii=False).encode("utf-8"))
