"""Which lines of every T17 page change section between two versions of the pipeline (issue 22, round 5).

    PYTHONPATH=$PWD .venv/bin/python bench/section_moves.py BASE_REV [--show] [--under bpoil]

Labels each page of `../shared/benchmarks/t17/*/docs/` (as `read_documents` reads them: pages with the same text
count once) with `sections.find_blocks` of the git revision BASE_REV (exported with `git archive` into a temporary
folder) and of the working tree, each in its own process, and prints the pages whose blocks change section, how
many blocks move from which section to which, and with --show each moved block's text: to read every page a rule
changes before keeping it (a rule for comments must move comments, never the article).
"""
from __future__ import annotations

import argparse
import bisect
import collections
import pickle
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))
from _paths import BENCHMARKS  # noqa: E402

T17 = BENCHMARKS / "t17"

DUMP = r"""
import glob, pickle, sys
root, out, pattern = sys.argv[1], sys.argv[2], sys.argv[3]
sys.path.insert(0, root)
import pipeline
assert pipeline.__file__.startswith(root), pipeline.__file__
from pipeline.ingest.corpus import read_documents
from pipeline.stages.sections import find_blocks
docs, _ = read_documents(sorted(glob.glob(pattern)))
pickle.dump({d.path: ([(b.start, b.end, b.section) for b in find_blocks(d.text)], d.text) for d in docs}, open(out, "wb"))
"""


def labels(root: Path, pattern: str, out: Path) -> dict:
    subprocess.run([sys.executable, "-c", DUMP, str(root), str(out), pattern], check=True, cwd=tempfile.gettempdir())
    with open(out, "rb") as fh:
        return pickle.load(fh)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("base", help="git revision to compare the working tree with")
    ap.add_argument("--show", action="store_true", help="print each moved block")
    ap.add_argument("--under", default="*", help="a T17 topic (default: all)")
    args = ap.parse_args(argv)
    pattern = str(T17 / args.under / "docs" / "*.md")
    with tempfile.TemporaryDirectory() as tmp:
        base = Path(tmp) / "base"
        base.mkdir()
        archive = Path(tmp) / "base.tar"
        subprocess.run(["git", "-C", str(ROOT), "archive", "-o", str(archive), args.base, "pipeline"], check=True)
        with tarfile.open(archive) as tar:
            tar.extractall(base)
        before = labels(base, pattern, Path(tmp) / "before.pkl")
        after = labels(ROOT, pattern, Path(tmp) / "after.pkl")
    moves: collections.Counter = collections.Counter()
    pages = 0
    for path, (la, text) in sorted(before.items()):
        lb = after[path][0]
        if [(a, b) for a, b, _ in la] != [(a, b) for a, b, _ in lb]:
            # round 6: a line cut differently (a new cut): compare each new block with the old block holding its
            # start, so a re-cut page still shows what moved (the new block's text)
            print(f"== {path.split('t17/')[-1]}: the blocks themselves differ ({len(la)} -> {len(lb)})")
            starts = [a for a, _, _ in la]
            changed = []
            for y in lb:
                k = bisect.bisect_right(starts, y[0]) - 1
                x = la[k] if k >= 0 else (y[0], y[1], "none")
                if x[2] != y[2]:
                    changed.append(((y[0], y[1], x[2]), y))
        else:
            changed = [(x, y) for x, y in zip(la, lb) if x[2] != y[2]]
        if not changed:
            continue
        pages += 1
        for x, y in changed:
            moves[(x[2], y[2])] += 1
        if args.show:
            print(f"== {path.split('t17/')[-1]}: {len(changed)} blocks")
            for x, y in changed:
                print(f"   {x[2]} -> {y[2]} | {text[x[0]:x[1]][:150]}")
    print(f"{len(before)} pages, {pages} change; blocks moved: " + (", ".join(f"{a} -> {b} {n}" for (a, b), n in sorted(moves.items())) or "none"))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
