"""Score `pipeline.timex` on TempEval-3 sets (English and Spanish) the way the official TE3 scorer does.

Reads the .tml files from ../shared/benchmarks/ (never copied into the repo), runs `find_timexes` on each
TEXT with the file's DCT, and prints strict/relaxed extent F1, value F1 and type F1 (relaxed F1 x attribute
accuracy) beside HeidelTime's and SUTime's published figures (for platinum).

Sets (see docs/tempeval.md for which were developed on):
    platinum  TempEval-3 platinum (English test set: report it, never read its errors)
    train     TempEval-3 train (English, developed on)
    es-dev    Spanish TimeBank train, every file but each 5th (developed on)
    es-held   Spanish TimeBank train, each 5th file (files 005, 010, ...: held out, report only)
    en-dev    TempEval-3 train, every file but each 5th in sorted order (develop on this part)
    en-held   TempEval-3 train, each 5th file in sorted order (report only; note the whole of train was
              developed on before this split existed, so it is held out only from later work)

    .venv/bin/python bench/tempeval.py                 # every set, tables only
    .venv/bin/python bench/tempeval.py --set train --errors 80   # plus the first 80 errors, with rule ids
    .venv/bin/python bench/tempeval.py --set es-dev --errors 80
    .venv/bin/python bench/tempeval.py --set es --by-type       # plus a row per TIMEX3 type
"""
from __future__ import annotations

import argparse
import html
import re
import sys
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from pipeline.timex import find_timexes  # noqa: E402
from _paths import BENCHMARKS  # noqa: E402

DEFAULT_DATA = BENCHMARKS / "tempeval3"
if not DEFAULT_DATA.exists():
    DEFAULT_DATA = (BENCHMARKS / "tempeval3")
DEFAULT_ES = DEFAULT_DATA.parent / "timebank-es"
HOLD_EVERY = 5  # es-held: the files whose number (timebank-es-train-NNN) is a multiple of this

# name -> (folder under its data root, language, which files: "all", "dev" or "held")
SETS = {
    "platinum": ("platinum", "en", "all"),
    "train": ("train", "en", "all"),
    "es-dev": ("train", "es", "dev"),
    "es-held": ("train", "es", "held"),
    "en-dev": ("train", "en", "dev"),
    "en-held": ("train", "en", "held"),
}

# Published Task A results on TE3 platinum (UzZaman et al. 2013, Table 3), as fractions.
PUBLISHED = {
    "HeidelTime-t": {"strict_f1": 0.8134, "relaxed_f1": 0.9030, "relaxed_p": 0.9308, "relaxed_r": 0.8768, "value_f1": 0.7761},
    "SUTime": {"strict_f1": 0.7957, "relaxed_f1": 0.9032, "relaxed_p": 0.8936, "relaxed_r": 0.9130, "value_f1": 0.6738},
}

_TAG = re.compile(r"<(/?)(\w+)([^>]*)>")
_ATTR = re.compile(r'(\w+)="([^"]*)"')


@dataclass
class Gold:
    start: int
    end: int
    text: str
    type: str
    value: str
    mod: str | None


def parse_tml(path: Path) -> tuple[str, str, list[Gold]]:
    """Return (TEXT content, DCT date YYYY-MM-DD, gold body timexes with offsets into the TEXT)."""
    raw = path.read_text(encoding="utf-8")
    dct = re.search(r'functionInDocument="CREATION_TIME"[^>]*>|<TIMEX3[^>]*functionInDocument="CREATION_TIME"', raw)
    dct_tag = re.search(r"<DCT>\s*(<TIMEX3[^>]*>)", raw)
    dct_value = dict(_ATTR.findall(dct_tag.group(1)))["value"][:10] if dct_tag else None
    assert dct is not None, path
    body = raw[raw.index("<TEXT>") + len("<TEXT>"): raw.index("</TEXT>")]
    out: list[str] = []
    pos = 0
    length = 0
    open_timex: tuple[int, dict] | None = None
    golds: list[Gold] = []
    for m in _TAG.finditer(body):
        piece = html.unescape(body[pos:m.start()])
        out.append(piece)
        length += len(piece)
        pos = m.end()
        closing, name, attrs = m.group(1), m.group(2), m.group(3)
        if name != "TIMEX3":
            continue
        if not closing:
            open_timex = (length, dict(_ATTR.findall(attrs)))
        elif open_timex:
            start, a = open_timex
            golds.append(Gold(start, length, "", a.get("type", ""), a.get("value", ""), a.get("mod")))
            open_timex = None
    out.append(html.unescape(body[pos:]))
    text = "".join(out)
    for g in golds:
        g.text = text[g.start:g.end]
    return text, dct_value, golds


def _around(text: str, start: int, end: int) -> str:
    return " ".join((text[max(0, start - 60):start] + "[" + text[start:end] + "]" + text[end:end + 40]).split())


def score(pairs):
    """pairs: list of (golds, systems) per document -> dict of scores and the error list."""
    n_gold = n_sys = strict = relaxed_g = relaxed_s = value_ok = type_ok = 0
    errors = []
    for doc, golds, systems, *rest in pairs:
        ctx = rest[0] if rest else ("", "")
        text, dct = ctx
        n_gold += len(golds)
        n_sys += len(systems)
        used: set[int] = set()
        for g in golds:
            match = None
            for i, s in enumerate(systems):
                if i not in used and s.start < g.end and g.start < s.end:
                    match = i
                    break
            if match is None:
                errors.append(("MISS", doc, g.text, g.value, g.type, "", "", dct, _around(text, g.start, g.end)))
                continue
            used.add(match)
            s = systems[match]
            relaxed_g += 1
            strict += (s.start, s.end) == (g.start, g.end)
            value_ok += s.value == g.value
            type_ok += s.type == g.type
            if s.value != g.value or (s.start, s.end) != (g.start, g.end) or s.type != g.type:
                errors.append(("DIFF", doc, f"{g.text!r} vs {s.text!r}", g.value, g.type, s.value + "/" + s.type, s.rule,
                               dct, _around(text, g.start, g.end)))
        relaxed_s += len(used)
        for i, s in enumerate(systems):
            if i not in used:
                errors.append(("FALSE", doc, s.text, "", "", s.value + "/" + s.type, s.rule, dct, _around(text, s.start, s.end)))

    def f1(p, r):
        return 2 * p * r / (p + r) if p + r else 0.0

    rp = relaxed_s / n_sys if n_sys else 0.0
    rr = relaxed_g / n_gold if n_gold else 0.0
    sp = strict / n_sys if n_sys else 0.0
    sr = strict / n_gold if n_gold else 0.0
    rf = f1(rp, rr)
    return {
        "gold": n_gold, "system": n_sys,
        "strict_p": sp, "strict_r": sr, "strict_f1": f1(sp, sr),
        "relaxed_p": rp, "relaxed_r": rr, "relaxed_f1": rf,
        "value_acc": value_ok / relaxed_g if relaxed_g else 0.0,
        "type_acc": type_ok / relaxed_g if relaxed_g else 0.0,
        "value_f1": rf * (value_ok / relaxed_g if relaxed_g else 0.0),
        "type_f1": rf * (type_ok / relaxed_g if relaxed_g else 0.0),
    }, errors


def by_type(pairs) -> dict[str, dict]:
    """Scores per TIMEX3 type: gold timexes of the type against our timexes given that type."""
    types = sorted({g.type for _, golds, *_ in pairs for g in golds} | {s.type for _, _, systems, *_ in pairs for s in systems})
    out = {}
    for t in types:
        sub = [(doc, [g for g in golds if g.type == t], [s for s in systems if s.type == t], *rest)
               for doc, golds, systems, *rest in pairs]
        out[t] = score(sub)[0]
    return out


def split_files(folder: Path, part: str = "all") -> list[Path]:
    """The .tml files of a set, sorted; `part` "dev"/"held" splits by document: each HOLD_EVERY-th file
    (by the number in its name, else by its place in the sorted list) is held out."""
    files = sorted(folder.rglob("*.tml"))
    if part == "all":
        return files
    out = []
    for i, path in enumerate(files, 1):
        m = re.search(r"-(\d{3})_", path.name)
        n = int(m[1]) if m else i
        if (n % HOLD_EVERY == 0) == (part == "held"):
            out.append(path)
    return out


def run(folder: Path, language: str = "en", part: str = "all"):
    pairs = []
    words = 0
    t0 = time.perf_counter()
    for path in split_files(folder, part):
        text, dct, golds = parse_tml(path)
        words += len(text.split())
        pairs.append((path.stem, golds, find_timexes(text, dct, language), (text, dct)))
    elapsed = time.perf_counter() - t0
    scores, errors = score(pairs)
    scores["by_type"] = by_type(pairs)
    scores["seconds"] = elapsed
    scores["words"] = words
    return scores, errors


def table(name: str, scores: dict) -> str:
    cols = ("strict_f1", "relaxed_f1", "relaxed_p", "relaxed_r", "value_f1", "type_f1")
    head = "| system | strict F1 | relaxed F1 | relaxed P | relaxed R | value F1 | type F1 |\n|---|---|---|---|---|---|---|\n"
    rows = [f"| **ours** ({name}) | " + " | ".join(f"{scores[c]:.3f}" for c in cols) + " |"]
    if name == "platinum":
        for system, pub in PUBLISHED.items():
            rows.append(f"| {system} (published) | " + " | ".join(f"{pub[c]:.3f}" if c in pub else "–" for c in cols) + " |")
    return head + "\n".join(rows)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA, help="folder with platinum/ and train/")
    parser.add_argument("--es-data", type=Path, default=DEFAULT_ES, help="folder with the Spanish TimeBank's train/")
    parser.add_argument("--set", choices=(*SETS, "both", "es", "en", "all"), default="all",
                        help="one set, both English sets, es (es-dev and es-held) or all")
    parser.add_argument("--errors", type=int, default=0, help="print this many errors (with rule ids)")
    parser.add_argument("--by-type", action="store_true", help="also a row per TIMEX3 type (gold of the type "
                        "against ours given that type)")
    args = parser.parse_args(argv)
    groups = {"both": ("platinum", "train"), "es": ("es-dev", "es-held"), "en": ("en-dev", "en-held"),
              "all": ("platinum", "train", "es-dev", "es-held")}
    for name in groups.get(args.set, (args.set,)):
        folder, language, part = SETS[name]
        root = args.es_data if language == "es" else args.data
        if not (root / folder).exists():
            print(f"error: no data for {name} at {root / folder}; pass --data or --es-data", file=sys.stderr)
            return 2
        scores, errors = run(root / folder, language, part)
        print(f"\n## {name}: {scores['gold']} gold, {scores['system']} found, "
              f"{scores['words']} words in {scores['seconds']:.2f}s\n")
        print(table(name, scores))
        print(f"\nvalue accuracy {scores['value_acc']:.3f}, type accuracy {scores['type_acc']:.3f}")
        if args.by_type:
            print("\n| type | gold | found | strict F1 | relaxed F1 | value F1 |\n|---|---|---|---|---|---|")
            for t, s in scores["by_type"].items():
                print(f"| {t} | {s['gold']} | {s['system']} | {s['strict_f1']:.3f} | {s['relaxed_f1']:.3f} | {s['value_f1']:.3f} |")
        for e in errors[: args.errors]:
            print("\t".join(str(x) for x in e))
    return 0


if __name__ == "__main__":
    sys.exit(main())
