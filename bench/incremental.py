"""Time the incremental build: a cold build, a rebuild with nothing changed, and one with one article edited.

Writes N made-up articles (distinct, dated sentences; nothing from the seeds) to a temporary folder and
times `build()` three ways, plus reading alone (decoding + duplicate detection):

    .venv/bin/python bench/incremental.py              # 500 articles
    .venv/bin/python bench/incremental.py --articles 2000
"""
from __future__ import annotations

import argparse
import random
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from pipeline.build import build  # noqa: E402
from pipeline.ingest.corpus import read_documents  # noqa: E402

WORDS = ("harbour treaty minister valley monitors talks border quota commission parliament delegation "
         "agreement ceasefire statement observers envoy summit council").split()
MONTHS = "January February March April May June July August September October November December".split()


def write_corpus(folder: Path, n: int, seed: int = 1) -> None:
    rng = random.Random(seed)
    for i in range(n):
        paras = [f"The {' '.join(rng.choice(WORDS) for _ in range(25))} on {rng.randint(1, 28)} "
                 f"{rng.choice(MONTHS)} 2021, officials said." for _ in range(12)]
        (folder / f"a{i:05d}.txt").write_text(f"Article {i}\n\n" + "\n\n".join(paras) + "\n", encoding="utf-8")


def timed(label: str, fn):
    t = time.perf_counter()
    result = fn()
    print(f"{label:<34} {time.perf_counter() - t:7.2f} s")
    return result


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=500)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        corpus, out = Path(tmp) / "corpus", Path(tmp) / "out" / "events.parquet"
        corpus.mkdir()
        write_corpus(corpus, args.articles)
        settings = {"out": str(out)}
        print(f"{args.articles} articles, {sum(p.stat().st_size for p in corpus.iterdir()) / 1e6:.1f} MB")
        timed("read only (decode + duplicates)", lambda: read_documents([corpus]))
        cold = timed("cold build (empty cache)", lambda: build([corpus], settings))
        warm = timed("rebuild, nothing changed", lambda: build([corpus], settings))
        edited = sorted(corpus.iterdir())[0]
        edited.write_text(edited.read_text(encoding="utf-8") + "\nTalks resumed on 3 March 2021.\n", encoding="utf-8")
        one = timed("rebuild, one article edited", lambda: build([corpus], settings))
        print(f"events: {len(cold.frame)}; reused: warm {warm.stats['reused']}, one-edited {one.stats['reused']}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
