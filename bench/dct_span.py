"""Corpus-span dating of year-less wires (issue 21, `pipeline/stages/dct_span.py`) on crawled T17 pages: each topic
is one corpus (text only, front matter removed, read in place); the per-article stages run on every page, then the
corpus step (`stages.borrow_years`). Reports, per topic, the undated pages with a year-less dateline and a weekday,
how many of them the corpus's span dated (right day / wrong year against the dataset's `published`) and how many
it left undated, with each page's note.

    PYTHONPATH=$PWD .venv/bin/python bench/dct_span.py [TOPIC[:N] ...]   (all six topics by default; ~2 min CPU)
    PYTHONPATH=$PWD .venv/bin/python bench/dct_span.py --world [--near]  (leave-one-out on the world corpus;
                                                                         --near: then dct_near's similar articles)

`--world`: every world-corpus article with a year-less dateline and a weekday, whatever dated it, is taken as
undated and dated from the span of the other 63 (right / wrong year / none against its gold): the step's check
on more wires than the five it was written for.
"""
from __future__ import annotations

import re
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from _paths import BENCHMARKS  # noqa: E402
from pipeline.schema import Document  # noqa: E402
from pipeline.stages import borrow_years, process_document  # noqa: E402
from pipeline.stages.dct_span import year_less_dateline  # noqa: E402

TOPICS = ("bpoil", "egyptianprotest", "h1n1", "haiti", "iraqwar", "mj")


def evaluate(topic: str, limit: int | None = None, out=print) -> dict:
    """Build one T17 topic as a corpus and score the pages the corpus's span may date."""
    t0 = time.process_time()
    docs, gold = [], {}
    for path in sorted((BENCHMARKS / "t17" / topic / "docs").glob("*.md"))[:limit]:
        raw = path.read_text(encoding="utf-8")
        m = re.match(r"---\n(.*?)\n---\n", raw, re.S)
        g = re.search(r"published:\s*(\S+)", m.group(1)) if m else None
        if not g:
            continue
        gold[path.stem] = g.group(1)
        docs.append(process_document(Document(doc_id=path.stem, text=raw[m.end():])))
    candidates = [d for d in docs if not d.published and year_less_dateline(d.text, d.language)]
    before = {d.doc_id for d in docs if d.published}
    borrow_years(docs)
    dated = [d for d in candidates if d.published and d.published_basis == "corpus"]
    # issue 22: every page the corpus step dated (any kind: dct_near's too), right year / wrong year
    newly = [d for d in docs if d.published and d.doc_id not in before]
    out(f"|   all pages the corpus step dated: {len(newly)}, wrong year "
        f"{sum(d.published[:4] != gold[d.doc_id][:4] for d in newly)}, right day "
        f"{sum(d.published[:10] == gold[d.doc_id][:10] for d in newly)}, right month "
        f"{sum(d.published[:7] == gold[d.doc_id][:7] for d in newly)} | | | | | | | |")
    if "-v" in sys.argv:
        for d in newly:
            out(f"|   {d.doc_id} | {d.published} | gold {gold[d.doc_id][:10]} | {(d.dct_note or '')[-140:]} | | | | |")
    r = {"pages": len(docs), "candidates": len(candidates), "dated": len(dated),
         "right_day": sum(d.published[:10] == gold[d.doc_id][:10] for d in dated),
         "wrong_year": sum(d.published[:4] != gold[d.doc_id][:4] for d in dated),
         "undated": sum(not d.published for d in candidates), "cpu": time.process_time() - t0}
    out(f"| {topic} | {r['pages']} | {r['candidates']} | {r['dated']} | {r['right_day']} | {r['wrong_year']} | "
        f"{r['undated']} | {r['cpu']:.0f} s |")
    for d in candidates:
        out(f"|   {d.doc_id} | {d.published} | gold {gold[d.doc_id][:10]} | {(d.dct_note or '')[-120:]} | | | | |")
    return r


def world_leave_one_out(out=print) -> dict:
    """Each world-corpus article with a year-less dateline and a weekday, dated from the others' span alone."""
    import json

    from pipeline.build import build
    from pipeline.stages.dct_near import date_from_neighbours
    from pipeline.stages.dct_span import date_from_span

    world = Path(__file__).resolve().parent / "data" / "world"
    docs = build([world / "articles"], {"cache": False}).documents
    gold = {p.name.split(".")[0]: json.loads(p.read_text(encoding="utf-8"))["published"]
            for p in (world / "gold").glob("*.expected.json")}
    r = {"candidates": 0, "right": 0, "wrong year": 0, "wrong": 0, "none": 0}
    for d in docs:
        if not year_less_dateline(d.text, d.language):
            continue
        # (its mentions as the actors stage found them: dct_near's registry keys, issue 22 round 7)
        alone = Document(doc_id=d.doc_id, text=d.text, language=d.language, mentions=d.mentions)
        others = [o for o in docs if o is not d]
        date_from_span([alone] + others)
        if not alone.published and "--near" in sys.argv:  # issue 22: then the stated articles most like it
            date_from_neighbours([alone] + others)
        g = gold[d.doc_id]
        verdict = ("right" if alone.published == g else "none" if not alone.published
                   else "wrong year" if alone.published[:4] != g[:4] else "wrong")
        r["candidates"] += 1
        r[verdict] += 1
        out(f"  {d.doc_id:28s} {alone.published} (gold {g}) {verdict}: {(alone.dct_note or '')[-100:]}")
    out(f"world corpus, leave one out: {r}")
    return r


if __name__ == "__main__":
    if "--world" in sys.argv:
        world_leave_one_out()
        sys.exit(0)
    print("| topic | pages | year-less dateline + weekday, undated | dated by the span | right day | wrong year | "
          "left undated | CPU |\n|---|---|---|---|---|---|---|---|")
    for arg in [a for a in sys.argv[1:] if not a.startswith("-")] or TOPICS:
        name, _, n = arg.partition(":")
        evaluate(name, int(n) if n else None)
