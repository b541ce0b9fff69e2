"""How much a dashboard Rebuild slows the server's other work: in the server process vs in a child (issue 17).

    .venv/bin/python bench/rebuild_latency.py --articles 300

A "rerun" stand-in (pure-Python work of ~50 ms, as a Streamlit script run holds the GIL) is timed over and over
in this process while a rebuild of a generated corpus (bench/throughput.py) runs, first in a thread of this
process (`run.memory.rebuild`, what the dashboard did) and then in a child process
(`run.background.rebuild_in_subprocess`, what it does now); then with no rebuild at all. Reports p50/p95/max
of the stand-in per case. The machine's other load shows in the no-rebuild row.
"""
from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))


def stand_in() -> float:
    """~50 ms of pure-Python work (it holds the GIL as a script run does); returns its wall time."""
    t = time.perf_counter()
    total = 0
    for i in range(600_000):
        total += i % 7
    return time.perf_counter() - t


def timed_while(work) -> list[float]:
    """Run the stand-in back to back (with 5 ms pauses, as sessions think) while `work()` runs in a thread."""
    done = threading.Event()
    thread = threading.Thread(target=lambda: (work(), done.set()))
    thread.start()
    times = []
    while not done.is_set():
        times.append(stand_in())
        time.sleep(0.005)
    thread.join()
    return times


def row(name: str, times: list[float]) -> str:
    times = sorted(times)
    p95 = times[int(0.95 * (len(times) - 1))]
    return (f"{name:34s} n={len(times):5d}  p50 {statistics.median(times) * 1000:6.1f} ms  "
            f"p95 {p95 * 1000:6.1f} ms  max {times[-1] * 1000:6.1f} ms")


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=300)
    args = parser.parse_args(argv)
    from throughput import make_corpus

    from pipeline.run.background import rebuild_in_subprocess
    from pipeline.run.memory import rebuild

    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        corpus = make_corpus(tmp / "corpus", args.articles, seed=17)
        settings = {"inputs": [str(corpus)], "corpus": str(tmp / "uploads")}

        def in_server():
            rebuild({**settings, "events": str(tmp / "a" / "events.parquet")})

        def in_child():
            rebuild_in_subprocess({**settings, "events": str(tmp / "b" / "events.parquet")})

        t = time.perf_counter()
        print(row("rebuild in the server process", timed_while(in_server)), f"({time.perf_counter() - t:.0f} s)")
        t = time.perf_counter()
        print(row("rebuild in a child process", timed_while(in_child)), f"({time.perf_counter() - t:.0f} s)")
        print(row("no rebuild", timed_while(lambda: time.sleep(10))))
    return 0


if __name__ == "__main__":
    sys.exit(main())
