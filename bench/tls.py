"""Date selection against journalists' timelines (Timeline17 development topics): Date-F1 of day rankings.

    .venv/bin/python bench/tls.py                    # every development timeline, both rankings, the means
    .venv/bin/python bench/tls.py --topics mj,haiti  # some topics only
    .venv/bin/python bench/tls.py --rebuild          # rebuild the cached events frames
    .venv/bin/python bench/tls.py --loto             # plus a leave-one-topic-out check of the salience weights
    .venv/bin/python bench/tls.py --learned          # plus the learned day rankers left one topic out (tls_learn.py)
    .venv/bin/python bench/tls.py --fit /tmp/r.yaml  # fit the learned ranker on every timeline, write its weights

Besides the mean over all timelines it prints the means of two fixed halves of the topics (HALVES): develop on
one, report the other, so that a figure is not only one tuned to the topics it is measured on.

Data: `../shared/benchmarks/t17/<topic>/` (see its SOURCE.md): `docs/*.md` articles with a `published` date,
`gold.json` the reference timelines' entries `{date, text, timeline}`.

Date-F1 as SOURCE.md defines it (Martschat & Markert 2018; news-tls): for each reference timeline, take the
articles published inside its first..last date, rank candidate days, keep the top k (k = the number of its
reference dates) and score the kept days against the reference dates by F1. Reported per timeline and as the
mean over timelines.

Rankings compared, both on the same built events and the same articles:

- `count`: the article-count baseline, days ranked by how many distinct articles have an event mention
  dated on that day at day precision (ties: earlier day first);
- `salience`: the project's own ranking, `pipeline.explore.key_days` (the day's salience; see
  docs/clusters.md);
- `pubday`: days ranked by how many articles were published on them (the published baseline, 0.481 over
  the 19 T17 timelines), for reference.

Building a topic's events takes minutes, so the events frame of each topic (the per-article stages and the
clustering of the whole topic) is cached in `--cache` (default /tmp/tls-cache), keyed by the topic and a digest of the pipeline's code and
data files (a change of the code builds again; not of clustering, salience and key days, which it reruns); a
timeline's frame is the topic frame restricted to its date range, then clustered again (clusters and
salience depend only on the mentions involved, so this is what a build of those articles alone gives).
"""
from __future__ import annotations

import argparse
import json
import re
import sys
import time
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import pandas as pd  # noqa: E402
from _paths import BENCHMARKS  # noqa: E402

T17 = BENCHMARKS / "t17"
if not T17.is_dir():
    T17 = (BENCHMARKS / "t17")
TOPICS = ("bpoil", "egyptianprotest", "h1n1", "haiti", "iraqwar", "mj")
# A fixed split of the topics into two halves of 6 timelines each (chosen before measuring, by timeline count):
# ideas are developed on HALVES["develop"] and reported on HALVES["report"], so the report half is not tuned to.
HALVES = {"develop": ("h1n1", "haiti", "iraqwar", "mj"), "report": ("bpoil", "egyptianprotest")}


def f1(predicted, gold) -> float:
    """F1 of a set of predicted days against the reference days."""
    hit = len(set(predicted) & set(gold))
    if not hit:
        return 0.0
    p, r = hit / len(set(predicted)), hit / len(set(gold))
    return 2 * p * r / (p + r)


def published(path: Path) -> str:
    m = re.search(r"^published:\s*(\S+)", path.read_text(encoding="utf-8")[:2000], re.M)
    return m[1][:10] if m else ""


# Parts of the pipeline this benchmark runs again on every window (clustering, salience, key days), so a change
# there must not rebuild the cached frames: their per-article columns do not depend on them.
RERUN = ("cluster", "explore", "data/cluster")


def pipeline_digest() -> str:
    """A short digest of the pipeline's code and data files: the cache key's version part (a frame cached by an
    older pipeline gave stale figures: half the events of the current code). RERUN's files are left out."""
    import hashlib

    root = Path(__file__).resolve().parent.parent / "pipeline"
    h = hashlib.sha1()
    for f in sorted(p for p in root.rglob("*") if p.suffix in (".py", ".yaml", ".yml", ".tsv", ".json", ".csv") and p.is_file()
                    and not any(p.relative_to(root).as_posix().startswith(part + "/") for part in RERUN)):
        h.update(str(f.relative_to(root)).encode())
        h.update(f.read_bytes())
    return h.hexdigest()[:10]


def topic_frame(topic: str, cache: Path, rebuild: bool = False) -> pd.DataFrame:
    """The events frame of every article of a topic, built once and cached (Parquet)."""
    from pipeline.build import build
    from pipeline.frame.io import read_events, write_events

    cache.mkdir(parents=True, exist_ok=True)
    out = cache / f"{topic}-{pipeline_digest()}.parquet"  # a frame built by another version of the code is not used
    if out.exists() and not rebuild:
        return read_events(out)
    t0 = time.perf_counter()
    result = build([str(T17 / topic / "docs")], {"out": str(cache / f"{topic}-build.parquet"), "cache": False,
                                                  "db": str(cache / f"{topic}-curations.sqlite")})
    write_events(result.frame, out)
    print(f"# built {topic}: {len(result.frame)} events in {time.perf_counter() - t0:.0f} s", file=sys.stderr)
    return result.frame


def count_ranking(frame: pd.DataFrame) -> list[str]:
    """Days ranked by the number of distinct articles with a mention dated on that day (day precision)."""
    day = frame[frame["granularity"].isin(["day", "time"]) & frame["date_start"].notna()]
    day = day[day["date_start"] == day["date_end"]]
    counts = day.groupby("date_start")["doc_id"].nunique()
    return [d for d, _ in sorted(counts.items(), key=lambda x: (-x[1], x[0]))]


def pubday_ranking(pubs: list[str]) -> list[str]:
    return [d for d, _ in sorted(Counter(pubs).items(), key=lambda x: (-x[1], x[0]))]


def clustered(frame: pd.DataFrame) -> pd.DataFrame:
    """The frame clustered again on its own (as a build of these articles alone would)."""
    from pipeline import cluster

    return cluster.assign_clusters(frame.drop(columns=["cluster_id", "salience"], errors="ignore"))


def salience_ranking(frame: pd.DataFrame) -> list[str]:
    """Days ranked by the project's day salience (`pipeline.explore.key.key_days`) on a clustered frame."""
    from pipeline.explore.key import key_days

    return key_days(frame)["date"].tolist()


RANKINGS = {"count": count_ranking, "salience": salience_ranking}
GRID = {"day_look_back": (1.0, 2.0, 3.0), "publication_day": (0.5, 1.0), "burst_power": (0.0, 0.25, 0.5)}  # for --loto


def loto(windows: list[tuple[str, pd.DataFrame, set]]) -> dict[str, dict]:
    """Leave one topic out: for each topic, choose the salience weights (GRID) best on the other topics' mean
    Date-F1, then score the left-out topic's timelines with them; print the mean over all timelines. Returns the
    setting each left-out topic chose."""
    import itertools

    from pipeline.cluster.salience import rules

    weights = rules()["salience"]
    saved = dict(weights)
    settings = [dict(zip(GRID, v)) for v in itertools.product(*GRID.values())]
    score = {}  # (setting index, timeline index) -> F1
    for s, setting in enumerate(settings):
        weights.update(setting)
        for w, (_, frame, days) in enumerate(windows):
            ranked = [d for d in salience_ranking(frame) if min(days) <= d <= max(days)][:len(days)]
            score[s, w] = f1(ranked, days)
    weights.clear()
    weights.update(saved)
    topics = sorted({t for t, _, _ in windows})
    held, chosen = [], {}
    for topic in topics:
        train = [w for w, (t, _, _) in enumerate(windows) if t != topic]
        test = [w for w, (t, _, _) in enumerate(windows) if t == topic]
        best = max(range(len(settings)), key=lambda s: (sum(score[s, w] for w in train), -s))
        held += [score[best, w] for w in test]
        chosen[topic] = settings[best]
        print(f"# leave out {topic:16} chosen {settings[best]}  held-out {sum(score[best, w] for w in test) / len(test):.3f}")
    print(f"# leave-one-topic-out mean Date-F1: {sum(held) / len(held):.3f} ({len(held)} timelines)")
    return chosen


def learned_windows(windows, setting: dict | None = None) -> list:
    """The windows as (topic, day features inside the timeline's dates, gold days) for bench/tls_learn.py, with the
    salience weights of `setting` (None: those of rules.yaml)."""
    from tls_learn import day_features

    from pipeline.cluster.salience import rules

    weights = rules()["salience"]
    saved = dict(weights)
    weights.update(setting or {})
    try:
        out = []
        for topic, frame, days in windows:
            feats = day_features(frame)
            out.append((topic, feats[(feats.index >= min(days)) & (feats.index <= max(days))], days))
        return out
    finally:
        weights.clear()
        weights.update(saved)


def learned(windows, chosen: dict[str, dict]) -> None:
    """The learned day rankers left one topic out, each fold's salience feature with the weights it chose."""
    import tls_learn

    by_setting = {}
    for setting in chosen.values():
        key = tuple(sorted(setting.items()))
        if key not in by_setting:
            by_setting[key] = learned_windows(windows, setting)
    folds = {topic: by_setting[tuple(sorted(setting.items()))] for topic, setting in chosen.items()}
    result = tls_learn.loto(folds)
    order = [t for t in chosen]
    topic_of = [topic for topic in order for t, _, _ in windows if t == topic]
    print(f"# learned, left one topic out {'':10} " + " ".join(f"{t[:9]:>9}" for t in order) + "  develop / report / all")
    for name, f1s in result.items():
        per = [sum(v for v, t in zip(f1s, topic_of) if t == topic) / topic_of.count(topic) for topic in order]
        halves = [[v for v, t in zip(f1s, topic_of) if t in HALVES[h]] for h in ("develop", "report")]
        print(f"# {name:38} " + " ".join(f"{v:9.3f}" for v in per)
              + "  " + " / ".join(f"{sum(h) / len(h):.3f}" for h in halves) + f" / {sum(f1s) / len(f1s):.3f}")


def fit_learned(windows, path: Path, loss: str = "pair", lam: float = 1.0) -> None:
    """Fit the learned ranker on every window (the salience weights of rules.yaml) and write it to `path` (YAML)."""
    import yaml

    import tls_learn

    model = tls_learn.fit(learned_windows(windows), loss, lam)
    topics = sorted({t for t, _, _ in windows})
    model = {"provenance": tls_learn.provenance(topics, len(windows), loss, lam), **model}
    path.write_text(yaml.safe_dump(model, sort_keys=False, allow_unicode=True), encoding="utf-8")
    print(f"# learned ranker written to {path}: " + ", ".join(f"{f} {w:+.3f}" for f, w in
                                                              zip(model["features"], model["weights"])))


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--topics", default=",".join(TOPICS))
    ap.add_argument("--cache", default="/tmp/tls-cache", help="where built frames are kept (default: %(default)s)")
    ap.add_argument("--rebuild", action="store_true", help="rebuild the cached frames")
    ap.add_argument("--rankings", default="count,salience,pubday")
    ap.add_argument("--loto", action="store_true", help="also a leave-one-topic-out check of the salience weights")
    ap.add_argument("--learned", action="store_true", help="also the learned day rankers left one topic out "
                    "(implies --loto: each fold's salience feature uses the weights it chose)")
    ap.add_argument("--fit", metavar="PATH", help="fit the learned ranker on every timeline, write it to PATH")
    args = ap.parse_args(argv)
    rankings = args.rankings.split(",")
    scores: dict[str, list[float]] = defaultdict(list)
    windows = []
    print(f"{'topic':16} {'timeline':40} {'k':>4} " + " ".join(f"{r:>9}" for r in rankings))
    for topic in args.topics.split(","):
        docs = sorted((T17 / topic / "docs").glob("*.md"))
        pub = {p.stem: published(p) for p in docs}
        frame = topic_frame(topic, Path(args.cache), args.rebuild)
        doc_pub = frame["doc_id"].map(lambda d: pub.get(d, ""))
        gold = defaultdict(set)
        for entry in json.loads((T17 / topic / "gold.json").read_text(encoding="utf-8")):
            gold[entry["timeline"]].add(entry["date"][:10])
        for name, days in sorted(gold.items()):
            lo, hi = min(days), max(days)
            inside = clustered(frame[(doc_pub >= lo) & (doc_pub <= hi)].reset_index(drop=True))
            windows.append((topic, inside, days))
            k = len(days)
            row = []
            for r in rankings:
                if r == "pubday":
                    ranked = pubday_ranking([p for p in pub.values() if lo <= p <= hi])
                else:
                    ranked = RANKINGS[r](inside)
                ranked = [d for d in ranked if lo <= d <= hi][:k]
                scores[r].append(f1(ranked, days))
                row.append(scores[r][-1])
            print(f"{topic:16} {name:40} {k:4d} " + " ".join(f"{s:9.3f}" for s in row), flush=True)
    n = len(next(iter(scores.values()), []))
    print(f"{'mean':16} {f'({n} timelines)':40} {'':4} " + " ".join(f"{sum(scores[r]) / max(1, n):9.3f}" for r in rankings))
    for half, members in HALVES.items():
        idx = [i for i, (t, _, _) in enumerate(windows) if t in members]
        if idx:
            print(f"{'mean ' + half:16} {f'({len(idx)} timelines: ' + ','.join(members) + ')':40} {'':4} "
                  + " ".join(f"{sum(scores[r][i] for i in idx) / len(idx):9.3f}" for r in rankings))
    if args.loto or args.learned:
        chosen = loto(windows)
        if args.learned:
            learned(windows, chosen)
    if args.fit:
        fit_learned(windows, Path(args.fit))
    return 0


if __name__ == "__main__":
    sys.exit(main())
