"""Dashboard at scale: first render and filter reruns of the app (server-side, via AppTest) at 1k..1M events.

The events are the seed events tiled: copy i gets new ids and clusters and its dates shifted by i weeks
(wrapping over five years), so the focus window holds a realistic fraction of a large archive. When the
current stages find no countries/actors in the seeds, copies get lanes from a small pool so the lanes and
the country filter have something to do. Each size runs in its own process (cold caches, own peak RSS).

    .venv/bin/python bench/dashboard.py                # 1k, 10k, 100k, 1M
    .venv/bin/python bench/dashboard.py --sizes 1000 100000
    .venv/bin/python bench/dashboard.py --dir /tmp/bench-events   # keep the generated files, reuse them next time
"""
from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

POOL_COUNTRIES = ["RUS", "TUR", "ARM", "AZE", "IRN", "GEO", "UKR", "FRA"]
POOL_ACTORS = ["Actor A", "Actor B", "Actor C", "Actor D", "Actor E", "Actor F"]


def tiled_events(n: int, out: Path) -> Path:
    """Write `n` events made by tiling the seed events to a Parquet file sorted by date (row groups of 64k)."""
    import pandas as pd
    import pyarrow as pa
    import pyarrow.parquet as pq

    from pipeline.build import build

    seeds = build().frame
    seeds = seeds[seeds["date_start"].notna()].reset_index(drop=True)
    reps = -(-n // len(seeds))
    frame = pd.concat([seeds] * reps, ignore_index=True).iloc[:n].copy()
    copy = (frame.index // len(seeds)).to_numpy()
    frame["event_id"] = frame["event_id"] + "-" + pd.Series(copy).astype(str)
    frame["doc_id"] = frame["doc_id"] + "-" + pd.Series(copy // 10).astype(str)  # ~10 tiles per "article"
    frame["cluster_id"] = frame["cluster_id"] + "-" + pd.Series(copy).astype(str)
    shift = pd.to_timedelta((copy % 260) * 7 - 130 * 7, unit="D")
    for col in ("date_start", "date_end"):
        frame[col] = (pd.to_datetime(frame[col]) + shift).dt.strftime("%Y-%m-%d")
    if not any(len(v) for v in seeds["countries"]):
        frame["countries"] = [[POOL_COUNTRIES[i % len(POOL_COUNTRIES)], POOL_COUNTRIES[(i // 3) % len(POOL_COUNTRIES)]]
                              for i in range(n)]
    if not any(len(v) for v in seeds["actors"]):
        frame["actors"] = [[POOL_ACTORS[i % len(POOL_ACTORS)]] for i in range(n)]
    frame = frame.sort_values("date_start", kind="stable").reset_index(drop=True)
    pq.write_table(pa.Table.from_pandas(frame, preserve_index=False), out, row_group_size=65_536)
    return out


def measure(path: Path, repeat: int) -> dict:
    """Run in a fresh process: first render, then reruns after filter changes, timed around AppTest.run().

    Each change is timed `repeat` times (undone in between, untimed) and the best time is kept: this machine
    is shared, and the minimum is the least disturbed measurement of the same work. The dashboard caches its
    work per filter state (shared by sessions), so a repeat finds it done: the first time of each change is
    kept too (`*_cold`), the cost of a filter state nobody has looked at yet.
    """
    from streamlit.testing.v1 import AppTest

    os.environ["TIMELINE_EVENTS"] = str(path)
    out = {}
    t = time.perf_counter()
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=900).run()
    out["first_render_s"] = time.perf_counter() - t
    assert not at.exception, [e.message for e in at.exception]
    out["shown_default"] = len(at.dataframe(key="table").value)
    country = at.multiselect(key="countries").options[0]

    def countries(v):
        return lambda: at.multiselect(key="countries").set_value(v)

    def search(v):
        return lambda: at.text_input(key="q").set_value(v)

    def context(v):
        return lambda: at.toggle(key="context").set_value(v)

    steps = [  # name, change, undo (the state after each step is the next step's starting point)
        ("rerun_country_s", countries([country]), countries([])),
        ("rerun_search_s", search("turkey"), search("")),
        ("rerun_clear_s", lambda: (countries([])(), search("")()), lambda: (countries([country])(), search("turkey")())),
        ("rerun_all_dates_s", context(True), context(False)),
        ("rerun_all_dates_country_s", countries([country]), countries([])),
    ]
    for name, change, undo in steps:
        best = float("inf")
        for i in range(repeat):
            if i:
                undo()
                at.run()
            change()
            t = time.perf_counter()
            at.run()
            took = time.perf_counter() - t
            best = min(best, took)
            if not i:
                out[f"{name}_cold"] = took
            assert not at.exception, [e.message for e in at.exception]
        out[name] = best
    out["peak_rss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="*", default=[1_000, 10_000, 100_000, 1_000_000])
    parser.add_argument("--repeat", type=int, default=3, help="time each rerun N times, keep the best (1 at 1M+)")
    parser.add_argument("--dir", help="keep the generated event files in DIR and reuse them on later runs")
    parser.add_argument("--measure", help=argparse.SUPPRESS)  # internal: measure one file in this process
    args = parser.parse_args()
    if args.measure:
        print(json.dumps(measure(Path(args.measure), args.repeat)))
        return 0
    print(f"load average before: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores; reruns: best of "
          f"{args.repeat} (1 at 1M and above)")
    print("filter reruns: the first time for that filter state (nothing cached yet) / best of the repeats")
    print(f"{'events':>10} {'file MB':>8} {'first render':>13} {'country':>15} {'search':>15} {'clear':>15} "
          f"{'all dates':>15} {'all+country':>15} {'peak RSS MB':>12}")
    with tempfile.TemporaryDirectory(prefix="bench-dashboard-") as tmp:
        keep = Path(args.dir) if args.dir else None
        if keep:
            keep.mkdir(parents=True, exist_ok=True)
        for n in args.sizes:
            path = (keep or Path(tmp)) / f"events-{n}.parquet"
            if not (keep and path.is_file()):
                path = tiled_events(n, path)
            # The dashboard opens on the corpus's window (issue 19): the seeds' own, as before, so figures compare.
            (path.parent / "corpus.yaml").write_text((ROOT / "seeds" / "corpus.yaml").read_text(encoding="utf-8"),
                                                     encoding="utf-8")
            repeat = args.repeat if n < 1_000_000 else 1
            proc = subprocess.run([sys.executable, __file__, "--measure", str(path), "--repeat", str(repeat)],
                                  capture_output=True, text=True, timeout=3600)
            if proc.returncode != 0:
                print(f"{n:>10}  failed: {proc.stderr.strip().splitlines()[-1:]}")
                continue
            r = json.loads(proc.stdout.strip().splitlines()[-1])
            steps = ("rerun_country_s", "rerun_search_s", "rerun_clear_s", "rerun_all_dates_s", "rerun_all_dates_country_s")
            cells = " ".join(f"{r[k + '_cold']:>7.3f}s/{r[k]:.3f}s" for k in steps)
            print(f"{n:>10,} {path.stat().st_size / 1e6:>8.1f} {r['first_render_s']:>12.2f}s {cells} "
                  f"{r['peak_rss_mb']:>12.0f}", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
