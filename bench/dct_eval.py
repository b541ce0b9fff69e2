"""Publication-date accuracy on the hand-annotated world-style articles (tests/data/dct/world_*.txt).

An article is right when the DCT found from its own text equals its gold value (None when nothing in the text
fixes a year); a wrong year is counted apart: the error an analyst cannot see.
Run: PYTHONPATH=$PWD .venv/bin/python bench/dct_eval.py [-v] [TOPIC:N ...]  (T17 topics, front matter removed)
"""
from __future__ import annotations

import json
import sys
from pathlib import Path

from pipeline.schema import Document
from pipeline.stages import dct
from _paths import BENCHMARKS  # noqa: E402

DATA = Path(__file__).resolve().parent.parent / "tests" / "data" / "dct"


BLIND = DATA.parent / "dct_blind"  # written after the rules, run once, never tuned on


def evaluate(pattern: str = "world_*.txt", verbose: bool = False, folder: Path = DATA) -> dict:
    right = wrong_year = total = 0
    for path in sorted(folder.glob(pattern)):
        gold = json.loads(path.with_name(path.stem + ".expected.json").read_text(encoding="utf-8"))
        doc = dct.annotate(Document(doc_id=path.stem, text=path.read_text(encoding="utf-8"),
                                    language=gold.get("language", "en")))
        total += 1
        ok = doc.published == gold["published"]
        right += ok
        bad_year = bool(doc.published and (not gold["published"] or doc.published[:4] != gold["published"][:4]))
        wrong_year += bad_year
        if verbose and not ok:
            print(f"  {path.stem}: got {doc.published} ({getattr(doc, 'published_basis', '?')}), gold {gold['published']}"
                  f"{'  WRONG YEAR' if bad_year else ''}")
    return {"articles": total, "right": right, "wrong_year": wrong_year}




def evaluate_t17(topic: str, limit: int, verbose: bool = False) -> dict:
    """The date found from the text alone of crawled T17 pages (front matter removed) against the dataset's
    `published`: right day, right month, right year only, wrong year, none. Crawled pages often state no date."""
    import re as _re
    root = (BENCHMARKS / "t17") / topic / "docs"
    out = {"pages": 0, "day": 0, "month": 0, "year": 0, "wrong_year": 0, "none": 0}
    for path in sorted(root.glob("*.md"))[:limit]:
        raw = path.read_text(encoding="utf-8")
        m = _re.match(r"---\n(.*?)\n---\n", raw, _re.S)
        gold = _re.search(r"published:\s*(\S+)", m.group(1)).group(1) if m else None
        if not gold:
            continue
        guess = dct.find_dct(raw[m.end():])
        out["pages"] += 1
        if guess is None:
            out["none"] += 1
        elif guess.value[:4] != gold[:4]:
            out["wrong_year"] += 1
            if verbose:
                print(f"  {path.name}: {guess.value} ({getattr(guess, 'basis', '')}: {guess.evidence[:60]!r}), gold {gold}")
        elif guess.value == gold[:len(guess.value)] and len(guess.value) == 10:
            out["day"] += 1
        elif guess.value[:7] == gold[:7]:
            out["month"] += 1
        else:
            out["year"] += 1
    return out


if __name__ == "__main__":
    verbose = "-v" in sys.argv
    r = evaluate(verbose=verbose)
    print(f"world-style articles: DCT right {r['right']}/{r['articles']}, wrong year {r['wrong_year']}")
    r = evaluate("*.txt", verbose, BLIND)
    print(f"blind-check articles: DCT right {r['right']}/{r['articles']}, wrong year {r['wrong_year']}")
    for arg in [a for a in sys.argv[1:] if a != "-v"]:  # T17 topics: "haiti:100"
        topic, _, n = arg.partition(":")
        print(f"t17 {topic}: {evaluate_t17(topic, int(n or 10**6), verbose)}")
