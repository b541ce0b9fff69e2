"""Do the seeds' clusters hold still when other articles arrive? (issue 23)

    .venv/bin/python bench/cluster_stability.py                       # seeds + each T17 topic, then all of them
    .venv/bin/python bench/cluster_stability.py --generated 1000      # also seeds + a generated corpus

The seeds are built alone, then clustered together with the events of unrelated corpora: the Timeline17 topics
(2009-2011 news on other stories, `../shared/benchmarks/t17`, frames cached by bench/tls.py in --cache), and,
with --generated N, N articles from `bench/throughput.make_corpus` (re-cut seed paragraphs under random dates:
NOT unrelated, so some seed clusters may rightly grow; reported for information). For each added corpus it
reports how many seed clusters changed: a seed cluster changed when its id differs or the set of seed mentions
in it differs (mentions of the added corpus joining it are counted apart, as `joined`). Also the time to
cluster each frame. Clustering is stable when `changed` is 0 for unrelated corpora.
"""
from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

import pandas as pd  # noqa: E402


def seed_clusters(frame: pd.DataFrame, seed_ids: set) -> dict[str, tuple[str, frozenset]]:
    """For each seed event: (its cluster id, the seed events in that cluster)."""
    members: dict[str, set] = {}
    for eid, cid in zip(frame["event_id"], frame["cluster_id"]):
        if eid in seed_ids:
            members.setdefault(cid, set()).add(eid)
    return {eid: (cid, frozenset(members[cid])) for eid, cid in zip(frame["event_id"], frame["cluster_id"])
            if eid in seed_ids}


def compare(alone: pd.DataFrame, together: pd.DataFrame) -> dict:
    """How many seed clusters changed id or seed membership, and how many took in added mentions."""
    seed_ids = set(alone["event_id"])
    before, after = seed_clusters(alone, seed_ids), seed_clusters(together, seed_ids)
    changed = {before[e][0] for e in seed_ids if before[e] != after[e]}
    seed_cluster_ids = {cid for cid, _ in after.values()}
    joined = together[together["cluster_id"].isin(seed_cluster_ids) & ~together["event_id"].isin(seed_ids)]
    return {"seed clusters": len({cid for cid, _ in before.values()}), "changed": len(changed),
            "joined": joined["cluster_id"].nunique(), "examples": sorted(changed)[:5]}


def clustered(frame: pd.DataFrame) -> tuple[pd.DataFrame, float]:
    from pipeline import cluster

    t0 = time.perf_counter()
    out = cluster.assign_clusters(frame.drop(columns=["cluster_id", "salience"], errors="ignore"))
    return out, time.perf_counter() - t0


def build_frame(folder: Path) -> pd.DataFrame:
    from pipeline.build import build

    with tempfile.TemporaryDirectory() as tmp:
        return build([str(folder)], {"out": str(Path(tmp) / "e.parquet"), "cache": False,
                                     "db": str(Path(tmp) / "c.sqlite")}).frame


def main(argv=None) -> int:
    import tls

    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--cache", default="/tmp/tls-cache", help="bench/tls.py's frame cache (default: %(default)s)")
    ap.add_argument("--topics", default=",".join(tls.TOPICS))
    ap.add_argument("--generated", type=int, default=0, help="also add a generated corpus of this many articles")
    args = ap.parse_args(argv)
    seeds = build_frame(ROOT / "seeds")
    alone, seconds = clustered(seeds)
    print(f"seeds alone: {len(alone)} mentions, {alone['cluster_id'].nunique()} clusters, clustered in {seconds:.2f} s")
    others = {t: tls.topic_frame(t, Path(args.cache)) for t in args.topics.split(",") if t}
    if len(others) > 1:
        others["all T17 topics"] = pd.concat(list(others.values()), ignore_index=True)
    if args.generated:
        from throughput import make_corpus

        with tempfile.TemporaryDirectory() as tmp:
            others[f"generated {args.generated} (related)"] = build_frame(make_corpus(Path(tmp), args.generated, 7))
    print(f"{'added':28} {'mentions':>9} {'seconds':>8} {'seed clusters':>13} {'changed':>8} {'joined':>7}")
    for name, extra in others.items():
        together, seconds = clustered(pd.concat([extra, alone], ignore_index=True))
        r = compare(alone, together)
        print(f"{name:28} {len(extra):9d} {seconds:8.2f} {r['seed clusters']:13d} {r['changed']:8d} {r['joined']:7d}"
              + (f"  e.g. {', '.join(r['examples'])}" if r["changed"] else ""), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
