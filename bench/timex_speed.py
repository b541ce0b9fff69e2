"""Words per second of `find_timexes` against `dateparser.search_dates` on the seed articles.

    .venv/bin/python bench/timex_speed.py               # 20 rounds for ours, 5 for the slow ones
    .venv/bin/python bench/timex_speed.py --rounds 50 --slow-rounds 10

Each round tags all seed articles once; the figure is the best round (like `timeit`), because the
dev machine is shared and a loaded round says nothing about the code. The build must run at least 2x
faster than dateparser.search_dates over the same text (issue 7), so the tagger itself should be far
faster than that. Grammar compilation (once per process) is timed separately.
"""
from __future__ import annotations

import argparse
import datetime as dt
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def rounds(fn, n: int) -> list[float]:
    from pipeline.timex import _candidates_of

    out = []
    for _ in range(n):
        _candidates_of.cache_clear()  # no round may reuse the matches of an earlier one
        t0 = time.perf_counter()
        fn()
        out.append(time.perf_counter() - t0)
    return out


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=20, help="rounds for find_timexes and find_dct")
    parser.add_argument("--slow-rounds", type=int, default=5, help="rounds for dateparser and the whole build")
    args = parser.parse_args(argv)

    texts = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "seeds").glob("*.txt"))]
    words = sum(len(t.split()) for t in texts)

    t0 = time.perf_counter()
    from pipeline.stages.dct import find_dct
    from pipeline.timex import find_timexes
    from pipeline.timex.rules import load_grammar

    load_grammar("en")
    find_timexes("warm up on 10 November 2020", "2020-12-30")
    warm = time.perf_counter() - t0

    from dateparser.search import search_dates

    from pipeline.build import build

    base = {"RELATIVE_BASE": dt.datetime(2020, 12, 30)}
    search_dates("warm up on 10 November 2020", languages=["en"])
    search_dates("warm up on 10 November 2020")
    build([ROOT / "seeds"], {"cache": False})

    table = [
        ("pipeline.timex.find_timexes (DCT given)", rounds(lambda: [find_timexes(t, "2020-12-30") for t in texts], args.rounds)),
        ("pipeline.dct.find_dct (no metadata)", rounds(lambda: [find_dct(t) for t in texts], args.rounds)),
        ("dateparser.search_dates(languages=['en'])",
         rounds(lambda: [search_dates(t, languages=["en"], settings=base) for t in texts], args.slow_rounds)),
        ("dateparser.search_dates (language detection)", rounds(lambda: [search_dates(t, settings=base) for t in texts], args.slow_rounds)),
        ("whole build (pipeline.build.build, all stages)", rounds(lambda: build([ROOT / "seeds"], {"cache": False}), args.slow_rounds)),
    ]
    print(f"seed words: {words} ({len(texts)} articles); grammar load + first call {warm * 1000:.0f} ms")
    print("| what | words/s (best round) | words/s (median round) | rounds |\n|---|---|---|---|")
    best = {}
    for name, times in table:
        best[name] = words / min(times)
        print(f"| {name} | {best[name]:,.0f} | {words / statistics.median(times):,.0f} | {len(times)} |")
    ours, dp = best[table[0][0]], best[table[2][0]]
    print(f"\nfind_timexes: {ours / dp:.1f}x dateparser.search_dates(en), {ours / best[table[3][0]]:.1f}x with detection; "
          f"whole build: {best[table[4][0]] / dp:.1f}x dateparser(en)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
