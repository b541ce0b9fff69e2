"""Is the build linear in an article's length? One article of N MB, built alone, CPU seconds per MB and per stage.

    PYTHONPATH=$PWD .venv/bin/python bench/long_article.py --mb 0.25,1,2,4 --dir /tmp/perf_corpus

The article is the paragraphs of the generated 1,000-article corpus of `bench/throughput.py` (made in
`--dir` when missing; its title and date lines left out), concatenated under one date line, the pool
repeated when it is shorter than asked. Each size is built with `pipeline.build.build` (no cache) in this
process after the lexicons are loaded; the stages are timed by wrapping `pipeline.stages.STAGES`.
Linear: seconds per MB stays about the same from 0.25 to 4 MB.
"""
from __future__ import annotations

import argparse
import collections
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--mb", default="0.25,1,2,4", help="article sizes in MB, comma-separated")
    ap.add_argument("--dir", default=None, help="where the 1,000-article corpus is (made there when missing)")
    args = ap.parse_args(argv)

    import throughput

    import pipeline.stages as S
    from pipeline.build import build
    from pipeline.registry import load_registry
    from pipeline.stages import cameo, clauses, triggers
    from pipeline.timex import rules

    base = Path(args.dir) if args.dir else Path(tempfile.mkdtemp(prefix="timeline-long-"))
    folder = throughput.make_corpus(base / "corpus_1000", 1000, 7, 0.05)
    paras = []
    for f in throughput.corpus_files(folder):
        paras += [p for p in f.read_text(encoding="utf-8").split("\n\n")[1:] if p.strip()]
    triggers.load_lexicon(), cameo.load_cameo(), clauses.load_clause_cues(), rules.load_grammar(), load_registry()
    stages = S.STAGES
    for mb in [float(x) for x in args.mb.split(",") if x]:
        out, size, k = [], 0, 0
        while size < mb * 1e6:
            out.append(paras[k % len(paras)])
            size += len(out[-1].encode("utf-8")) + 2
            k += 1
        text = "Date: 3 March 2021\n\nA long file\n\n" + "\n\n".join(out) + "\n"
        folder_one = Path(tempfile.mkdtemp(prefix="timeline-long-one-"))
        (folder_one / "long.txt").write_text(text, encoding="utf-8")
        spent: collections.Counter = collections.Counter()

        def timed(name, stage):
            def run(doc):
                t = time.process_time()
                try:
                    return stage(doc)
                finally:
                    spent[name] += time.process_time() - t
            return run

        S.STAGES = tuple((name, timed(name, stage)) for name, stage in stages)
        try:
            t0 = time.process_time()
            result = build([str(folder_one)], {"cache": False, "max_article_bytes": 50_000_000})
            cpu = time.process_time() - t0
        finally:
            S.STAGES = stages
        mbs = len(text.encode("utf-8")) / 1e6
        print(f"{mbs:.2f} MB: {cpu:.1f} s CPU, {cpu / mbs:.1f} s/MB, {len(result.frame):,} events | "
              + " ".join(f"{name} {v:.1f}" for name, v in spent.items()), flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
