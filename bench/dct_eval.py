"""Publication-date accuracy on the hand-annotated world-style articles (tests/data/dct/world_*.txt).

An article is right when the DCT found from its own text equals its gold value (None when nothing in the text
fixes a year); a wrong year is counted apart: the error an analyst cannot see.
Run: PYTHONPATH=$PWD .venv/bin/python bench/dct_eval.py [-v] [TOPIC:N ...]  (T17 topics, front matter removed)
     PYTHONPATH=$PWD .venv/bin/python bench/dct_eval.py --t17 [-v] [--dump=FILE] [TOPIC:N ...]  (tables per topic
     and per basis: right day / right month / year only / wrong year / none; all six topics by default)
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




def t17_verdict(guess, gold: str) -> str:
    """day / month / year / wrong_year / none of a date found on a crawled page against its gold day."""
    if guess is None:
        return "none"
    if guess.value[:4] != gold[:4]:
        return "wrong_year"
    if len(guess.value) == 10 and guess.value == gold[:10]:
        return "day"
    return "month" if guess.value[:7] == gold[:7] else "year"


VERDICTS = ("day", "month", "year", "wrong_year", "none")


def evaluate_t17(topic: str, limit: int, verbose: bool = False, by_basis: dict | None = None,
                 pages: list | None = None) -> dict:
    """The date found from the text alone of crawled T17 pages (front matter removed) against the dataset's
    `published`: right day, right month, right year only, wrong year, none. Crawled pages often state no date.
    `by_basis` (basis -> verdict counts) and `pages` ((page, verdict, value, basis)) are filled when given."""
    import re as _re
    root = (BENCHMARKS / "t17") / topic / "docs"
    out = {"pages": 0, **{v: 0 for v in VERDICTS}}
    for path in sorted(root.glob("*.md"))[:limit]:
        raw = path.read_text(encoding="utf-8")
        m = _re.match(r"---\n(.*?)\n---\n", raw, _re.S)
        gold = _re.search(r"published:\s*(\S+)", m.group(1)).group(1) if m else None
        if not gold:
            continue
        guess = dct.find_dct(raw[m.end():])
        out["pages"] += 1
        verdict = t17_verdict(guess, gold)
        out[verdict] += 1
        basis = getattr(guess, "basis", "") or "-"
        if by_basis is not None:
            row = by_basis.setdefault(basis, {v: 0 for v in VERDICTS})
            row[verdict] += 1
        if pages is not None:
            pages.append((f"{topic}/{path.name}", verdict, guess.value if guess else None, basis))
        if verbose and verdict == "wrong_year":
            print(f"  {path.name}: {guess.value} ({basis}: {guess.evidence[:60]!r}), gold {gold}")
    return out


TOPICS = ("bpoil", "egyptianprotest", "h1n1", "haiti", "iraqwar", "mj")


def t17_table(args: list[str], verbose: bool = False, dump: str | None = None) -> None:
    """Markdown tables per topic and per basis over T17 topics (all six when `args` is empty)."""
    by_basis: dict = {}
    pages: list = []
    total = {"pages": 0, **{v: 0 for v in VERDICTS}}
    print("| topic | pages | " + " | ".join(VERDICTS) + " |\n|---|---|" + "---|" * len(VERDICTS))
    for arg in args or TOPICS:
        topic, _, n = arg.partition(":")
        r = evaluate_t17(topic, int(n or 10**6), verbose, by_basis, pages)
        for k in total:
            total[k] += r[k]
        print(f"| {topic} | {r['pages']} | " + " | ".join(str(r[v]) for v in VERDICTS) + " |")
    print(f"| all | {total['pages']} | " + " | ".join(str(total[v]) for v in VERDICTS) + " |\n")
    print("| basis | " + " | ".join(VERDICTS) + " |\n|---|" + "---|" * len(VERDICTS))
    for basis, row in sorted(by_basis.items()):
        print(f"| {basis} | " + " | ".join(str(row[v]) for v in VERDICTS) + " |")
    if dump:
        Path(dump).write_text(json.dumps(pages, indent=0), encoding="utf-8")


if __name__ == "__main__":
    verbose = "-v" in sys.argv
    args = [a for a in sys.argv[1:] if not a.startswith("-")]
    dump = next((a.split("=", 1)[1] for a in sys.argv[1:] if a.startswith("--dump=")), None)
    if "--t17" in sys.argv:  # tables per topic and per basis, all six topics unless some are named
        t17_table(args, verbose, dump)
        sys.exit(0)
    r = evaluate(verbose=verbose)
    print(f"world-style articles: DCT right {r['right']}/{r['articles']}, wrong year {r['wrong_year']}")
    r = evaluate("*.txt", verbose, BLIND)
    print(f"blind-check articles: DCT right {r['right']}/{r['articles']}, wrong year {r['wrong_year']}")
    for arg in args:  # T17 topics: "haiti:100"
        topic, _, n = arg.partition(":")
        print(f"t17 {topic}: {evaluate_t17(topic, int(n or 10**6), verbose)}")
