"""Publication-date accuracy on the hand-annotated world-style articles (tests/data/dct/world_*.txt).

An article is right when the DCT found from its own text equals its gold value (None when nothing in the text
fixes a year); a wrong year is counted apart: the error an analyst cannot see.
Run: PYTHONPATH=$PWD .venv/bin/python bench/dct_eval.py [-v]
"""
from __future__ import annotations

import json
import sys
from pathlib import Path

from pipeline.schema import Document
from pipeline.stages import dct

DATA = Path(__file__).resolve().parent.parent / "tests" / "data" / "dct"


def evaluate(pattern: str = "world_*.txt", verbose: bool = False) -> dict:
    right = wrong_year = total = 0
    for path in sorted(DATA.glob(pattern)):
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


if __name__ == "__main__":
    r = evaluate(verbose="-v" in sys.argv)
    print(f"DCT right {r['right']}/{r['articles']}, wrong year {r['wrong_year']}")
