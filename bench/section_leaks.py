"""Comment, caption and widget leaks into body events on crawled pages (Timeline17, ../shared/benchmarks/t17).

Builds the events of a sample of each topic's pages (the first N files in name order) and counts the body events
whose sentence lies in reader comments, photo captions or social widgets, as found by the cue detector below:
written apart from pipeline/stages/sections.py and its lexicon (comment zone = from the first comment signature
"<date> at <time> | Reply" / "Posted by: ... | Report abuse" to the end of the page; captions and widgets =
lines with a credit, a handout/file photo, a date closing a picture's description, a tweet signature, retweet
counts, short links). It is an estimate: comments before the first signature are not found by it either.

Run (after; and before, with an older pipeline first on the path):
  PYTHONPATH=$PWD .venv/bin/python bench/section_leaks.py egyptianprotest bpoil/washingtonpost:150 bpoil/guardian:100
"""
from __future__ import annotations

import re
import sys
import time
from pathlib import Path

from pipeline.ingest.corpus import read_documents
from pipeline.stages import process_document
from _paths import BENCHMARKS  # noqa: E402

T17 = (BENCHMARKS / "t17")
MONTH = r"(?:January|February|March|April|May|June|July|August|September|October|November|December)"
SIGNATURE = re.compile(rf"{MONTH}\s+\d{{1,2}},\s+\d{{4}}\s+at\s+\d{{1,2}}:\d{{2}}\s*[ap]m\s*\|\s*(?:Report abuse|Reply)"
                       r"|Posted by:[^|\n]{1,60}\|[^|\n]{4,40}\|\s*Report abuse", re.I)
CREDIT = re.compile(r"^Photograph:\s*[^/\n]{2,40}(?:\\?/\s*[\w.-]+)+(?: Images)?", re.M)  # a credit line-opening: the rest of the line is the article
CAPTION = re.compile(rf"\bhandout\b.*\b(?:photo|photograph|picture)|\bin this (?:\S+ ){{0,5}}(?:photo|photograph|picture|image)\b"
                     rf"|\bREUTERS/|\(Photo\b|Getty Images|Picture credit|, (?:\w+day, )?{MONTH} \d{{1,2}}, \d{{4}}\.?$", re.I)
WIDGET = re.compile(rf"\(@\w{{1,15}}\)\s+{MONTH} \d{{1,2}}, \d{{4}}|\bRETWEET\b|#CNN\b|\bretweets?\b\s*$|^\d[\d,]* retweets|\b(?:bit\.ly|t\.co)/"
                    r"|^Follow (?:us|@)|^YES \| NO|\| Posted " + MONTH, re.I)


def leaks(text: str) -> list[tuple[int, int, str]]:
    """(start, end, kind) of the comment zone, caption lines and widget lines of a page."""
    out = []
    first = SIGNATURE.search(text)
    if first:  # the thread starts at latest at its first signature and runs to the end of the page
        out.append((first.start(), len(text), "comment"))
    out += [(m.start(), m.end(), "caption") for m in CREDIT.finditer(text)]
    for m in re.finditer(r"[^\n]+", text):
        line = m.group()
        if CREDIT.match(line):  # the credit is the caption; the sentence after it is the article's
            continue
        if CAPTION.search(line):
            out.append((m.start(), m.end(), "caption"))
        elif WIDGET.search(line):
            out.append((m.start(), m.end(), "widget"))
    return out


def measure(topic: str, limit: int) -> dict:
    topic, _, outlet = topic.partition("/")  # "bpoil/washingtonpost": that outlet's pages only
    files = sorted((T17 / topic / "docs").glob(f"{outlet or ''}*.md"), key=lambda p: p.name)[:limit]
    docs, _ = read_documents(files)
    counts = {"pages": len(docs), "body": 0, "comment": 0, "caption": 0, "widget": 0, "all": 0}
    t0 = time.perf_counter()
    docs = [process_document(doc) for doc in docs]
    try:  # the corpus-level step of build() (issue 22), where the pipeline has it
        from pipeline.stages.sections import mark_repeated
        mark_repeated(docs)
    except ImportError:
        pass
    for doc in docs:
        zones = leaks(doc.text)
        for e in doc.events:
            counts["all"] += 1
            if e.section != "body":
                continue
            counts["body"] += 1
            kind = next((k for a, b, k in zones if a <= e.char_start < b), None)
            if kind:
                counts[kind] += 1
    counts["seconds"] = round(time.perf_counter() - t0, 1)
    return counts


if __name__ == "__main__":
    import pipeline
    print(f"pipeline: {Path(pipeline.__file__).parent}")
    for arg in sys.argv[1:] or ["egyptianprotest:120"]:
        topic, _, n = arg.partition(":")
        c = measure(topic, int(n or 10**6))
        body = c["body"] or 1
        print(f"{topic} ({c['pages']} pages, {c['seconds']} s): {c['all']} events, {c['body']} body; of the body events "
              f"comment {c['comment']} ({100 * c['comment'] / body:.1f}%), caption {c['caption']} "
              f"({100 * c['caption'] / body:.1f}%), widget {c['widget']} ({100 * c['widget'] / body:.1f}%)")
