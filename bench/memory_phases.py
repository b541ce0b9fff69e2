"""Where the streaming build's memory goes: RSS of the main process at each phase of `build_to_file`.

    .venv/bin/python bench/throughput.py --dir /tmp/corpora --sizes 10000 --memory --workers 2   # writes a corpus
    .venv/bin/python bench/memory_phases.py /tmp/corpora/corpus_10000 --workers 2

RSS is sampled every 20 ms by a thread; entering and leaving each wrapped stage prints it, and the peak
within each phase is listed at the end (`ru_maxrss` is the build's overall peak).
"""
from __future__ import annotations

import argparse
import functools
import importlib
import resource
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

PHASES = (  # (module, function, label), in the order the build reaches them
    ("pipeline.run.stream", "_read_corpus", "reading and duplicates"),
    ("pipeline.run.stream", "pool_write_parts", "processing (workers write parts)"),
    ("pipeline.run.stream", "add_lenders", "indexing year lenders"),
    ("pipeline.run.stream", "borrow_years", "year borrowing"),
    ("pipeline.cluster", "cluster_ids", "clustering"),
    ("pipeline.cluster", "table_of_batches", "clustering: mentions as arrays"),
    ("pipeline.run.stream", "_write_streamed", "final stage"),
)


def rss_mb() -> float:
    with open("/proc/self/statm") as fh:
        return int(fh.read().split()[1]) * resource.getpagesize() / 2**20


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("folder", help="a folder of articles")
    ap.add_argument("--workers", type=int, default=2)
    args = ap.parse_args(argv)
    state = {"phase": "start", "peaks": {}, "last": {}}

    def sample() -> None:
        while True:
            state["peaks"][state["phase"]] = max(state["peaks"].get(state["phase"], 0.0), rss_mb())
            time.sleep(0.02)

    def wrap(module, name: str, label: str) -> None:
        inner = getattr(module, name)

        calls = [0]

        @functools.wraps(inner)
        def outer(*a, **kw):  # (a stage called once per batch is reported on its first and last call)
            state["phase"] = label
            calls[0] += 1
            if calls[0] == 1:
                print(f"enter {label}: {rss_mb():.0f} MB", flush=True)
            result = inner(*a, **kw)
            state["last"][label] = f"leave {label} (call {calls[0]}): {rss_mb():.0f} MB"
            if calls[0] == 1:
                print(state["last"][label], flush=True)
            state["phase"] = f"after {label}"
            return result

        setattr(module, name, outer)

    threading.Thread(target=sample, daemon=True).start()
    for module, name, label in PHASES:
        wrap(importlib.import_module(module), name, label)
    from pipeline.build import build_to_file

    with tempfile.TemporaryDirectory() as folder:
        summary = build_to_file([args.folder], Path(folder) / "events.parquet", {"workers": args.workers, "cache": False})
    time.sleep(0.1)
    for line in state["last"].values():
        if " (call 1)" not in line:
            print(line)
    print(f"\n{summary.documents:,} articles, {summary.events:,} events; peak RSS within each phase:")
    for phase, peak in state["peaks"].items():
        print(f"  {phase:<40} {peak:6.0f} MB")
    print(f"overall peak (ru_maxrss): {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
