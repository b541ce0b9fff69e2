"""Words per second of `find_timexes` against `dateparser.search_dates` on the seed articles, repeated.

    .venv/bin/python bench/timex_speed.py            # seeds x 20 for ours, x 2 for dateparser
    .venv/bin/python bench/timex_speed.py --repeat 50 --dateparser-repeat 5

The build must run at least 2x faster than dateparser.search_dates over the same text (issue 7), so the
tagger itself should be far faster than that. The first call (grammar compilation) is timed separately.
"""
from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=20, help="times the seeds are tagged by find_timexes")
    parser.add_argument("--dateparser-repeat", type=int, default=2, help="times for dateparser.search_dates (slow)")
    args = parser.parse_args(argv)

    texts = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "seeds").glob("*.txt"))]
    words = sum(len(t.split()) for t in texts)

    t0 = time.perf_counter()
    from pipeline.timex import find_timexes
    from pipeline.timex_rules import load_grammar

    load_grammar("en")
    find_timexes("warm up on 10 November 2020", "2020-12-30")
    warm = time.perf_counter() - t0

    t0 = time.perf_counter()
    n = 0
    for _ in range(args.repeat):
        for text in texts:
            n += len(find_timexes(text, "2020-12-30"))
    ours = time.perf_counter() - t0

    from dateparser.search import search_dates

    search_dates("warm up on 10 November 2020", languages=["en"])
    t0 = time.perf_counter()
    for _ in range(args.dateparser_repeat):
        for text in texts:
            search_dates(text, languages=["en"], settings={"RELATIVE_BASE": __import__("datetime").datetime(2020, 12, 30)})
    theirs = time.perf_counter() - t0

    from pipeline.build import build

    build([ROOT / "seeds"])  # warm
    t0 = time.perf_counter()
    for _ in range(args.dateparser_repeat):
        build([ROOT / "seeds"])
    whole = time.perf_counter() - t0
    from pipeline.dct import find_dct

    t0 = time.perf_counter()
    for _ in range(args.dateparser_repeat):
        for text in texts:
            find_dct(text)
    dct_time = time.perf_counter() - t0

    ours_wps = words * args.repeat / ours
    theirs_wps = words * args.dateparser_repeat / theirs
    print(f"seed words: {words} ({len(texts)} articles); grammar load + first call {warm * 1000:.0f} ms")
    print(f"| tagger | words/s | seconds | words |\n|---|---|---|---|")
    print(f"| pipeline.timex.find_timexes | {ours_wps:,.0f} | {ours:.2f} | {words * args.repeat:,} |")
    print(f"| dateparser.search_dates (en) | {theirs_wps:,.0f} | {theirs:.2f} | {words * args.dateparser_repeat:,} |")
    print(f"| pipeline.dct.find_dct (no metadata) | {words * args.dateparser_repeat / dct_time:,.0f} | {dct_time:.2f} | {words * args.dateparser_repeat:,} |")
    print(f"| whole build (pipeline.build.build, all stages) | {words * args.dateparser_repeat / whole:,.0f} | {whole:.2f} | {words * args.dateparser_repeat:,} |")
    print(f"find_timexes is {ours_wps / theirs_wps:.1f}x the speed of dateparser.search_dates; "
          f"the whole build {words * args.dateparser_repeat / whole / theirs_wps:.1f}x")
    return 0


if __name__ == "__main__":
    sys.exit(main())
