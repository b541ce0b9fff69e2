"""Time of the per-article stages against article length (issue 17): the seed articles over and over to each
size, one article per size, each stage timed.

    PYTHONPATH=$PWD .venv/bin/python bench/article_length.py 0.25 1 2 10        # sizes in MB
    PYTHONPATH=/tmp/base .venv/bin/python bench/article_length.py 1 2          # another checkout (before)

Linear time means each stage's seconds grow in proportion to the size. The machine's load moves every figure:
run before and after in the same minute.
"""
from __future__ import annotations

import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def seed_text(size: int) -> str:
    """The seed articles, one after another, blank lines between, cut to `size` characters."""
    texts = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "seeds").glob("*.txt"))]
    out, n, i = [], 0, 0
    while n < size:
        out.append(texts[i % len(texts)])
        n, i = n + len(out[-1]) + 2, i + 1
    return "\n\n".join(out)[:size]


def main(argv: list[str]) -> int:
    from pipeline.schema import Document
    from pipeline.stages import STAGES, process_document

    process_document(Document(doc_id="warm", text="On 3 March 2020 troops met.\n"))  # grammar, registry, lexicon
    for mb in [float(a) for a in argv] or [0.25, 1, 2]:
        doc = Document(doc_id="long", text=seed_text(int(mb * 1_000_000)), published="2020-12-01")
        times, started = [], time.perf_counter()
        for name, stage in STAGES:
            t = time.perf_counter()
            doc = stage(doc)
            times.append(f"{name} {time.perf_counter() - t:.2f}")
        print(f"{mb:g} MB: {time.perf_counter() - started:.1f} s | {', '.join(times)} | {len(doc.events)} events", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
