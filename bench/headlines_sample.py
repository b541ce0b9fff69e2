"""Draw English body events at random for reading their headlines by hand (issue 18; docs/events.md).

    .venv/bin/python bench/headlines_sample.py --corpus other --seed 18 > /tmp/sample.jsonl
    .venv/bin/python bench/headlines_sample.py --corpus world --seed 2026 --exclude-seed 50

`other`: Timeline17 articles (`../shared/benchmarks/t17/<topic>/docs`, ARTICLES_PER_TOPIC per topic drawn with
`random.Random(pick)`) plus tests/data/other_corpus: sources the headline code was not developed on. `world`:
the English world-corpus articles (bench/data/world/articles/*_en*), as docs/events.md's samples A and B.
`dev`: bench/data/headlines_dev/articles (agency-style development articles); `dir`: the *_en* files of --dir.
Events are drawn with `random.Random(seed)` from the body events, leaving out those `--exclude-seed` (same size)
drew and their sentences; with --avoid FILE, also the events and sentences of FILE (a judged sample). One JSON line per event: event_id,
doc_id, headline, quote, event_type, actor1. The verdicts are kept in bench/data/headlines_judged.jsonl.
"""
from __future__ import annotations

import argparse
import json
import random
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from _paths import BENCHMARKS  # noqa: E402
from pipeline.ingest.corpus import read_documents  # noqa: E402
from pipeline.stages import borrow_years, process_document, share_defined_names  # noqa: E402

ARTICLES_PER_TOPIC = 8
TOPICS = ("bpoil", "egyptianprotest", "h1n1", "haiti", "iraqwar", "mj")


def inputs(corpus: str, pick: int, folder: str | None = None) -> list[Path]:
    """The article files of a corpus (`pick` seeds the Timeline17 draw; `folder` for `--corpus dir`)."""
    if corpus == "world":
        return sorted((ROOT / "bench" / "data" / "world" / "articles").glob("*_en*"))
    if corpus == "dev":
        return sorted((ROOT / "bench" / "data" / "headlines_dev" / "articles").glob("*_en*"))
    if corpus == "dir":
        return sorted(Path(folder or ".").glob("*_en*"))
    rng = random.Random(pick)
    files = []
    for topic in TOPICS:
        docs = sorted((BENCHMARKS / "t17" / topic / "docs").glob("*.md"))
        files += rng.sample(docs, ARTICLES_PER_TOPIC)
    return files + sorted(p for p in (ROOT / "tests" / "data" / "other_corpus").iterdir() if p.name != "sources.csv")


def body_events(files: list[Path]) -> list:
    """English body events of the files, in file and text order (the build's stages but clustering)."""
    docs, _ = read_documents([str(p) for p in files])
    docs = [process_document(doc) for doc in docs]
    borrow_years(docs)
    share_defined_names(docs)
    return [e for doc in docs if doc.language == "en" for e in doc.events if e.section == "body"]


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--corpus", choices=("other", "world", "dev", "dir"), default="other")
    ap.add_argument("--dir", help="with --corpus dir: a folder whose *_en* files are drawn from (e.g. a held-out corpus)")
    ap.add_argument("--seed", type=int, required=True)
    ap.add_argument("--exclude-seed", type=int, action="append", default=[])
    ap.add_argument("--avoid", action="append", default=[], help="a JSONL file whose event_ids are left out")
    ap.add_argument("--pick", type=int, default=18, help="seed of the Timeline17 article draw")
    ap.add_argument("--n", type=int, default=50)
    args = ap.parse_args()
    events = body_events(inputs(args.corpus, args.pick, args.dir))
    ids = list(range(len(events)))
    used: set[int] = set()
    for s in args.exclude_seed:
        used |= set(random.Random(s).sample(ids, args.n))
    avoid = {json.loads(line)[key] for f in args.avoid for line in open(f) if line.strip() for key in ("event_id", "quote")}
    avoid |= {events[i].quote for i in used}  # a sentence read once is not read again (its other dates' events too)
    pool = [i for i in ids if i not in used and events[i].event_id not in avoid and events[i].quote not in avoid]
    for i in random.Random(args.seed).sample(pool, min(args.n, len(pool))):
        e = events[i]
        print(json.dumps({"event_id": e.event_id, "doc_id": e.doc_id, "headline": e.headline, "quote": e.quote,
                          "event_type": e.event_type, "actor1": e.actor1}, ensure_ascii=False))


if __name__ == "__main__":
    main()
