"""Turn the hand annotations of the world corpus into golden files, and check them against the articles.

    .venv/bin/python bench/world_gold.py           # write bench/data/world/gold/<doc_id>.expected.json
    .venv/bin/python bench/world_gold.py --check   # only check (exit 1 on a problem)
    .venv/bin/python bench/world_gold.py --dir bench/data/world2   # another corpus of the same layout

The annotations (`bench/data/world/annotations/gold_<crisis>.txt`) are written by hand in a compact,
line-per-item form so that 64 articles could be annotated before the pipeline ever ran on them:

    D doc_id | outlet | style | crisis | language | published[,also accepted] | basis | note
    E type or - | sentence substring | date words | value[,alt...] or start..end | countries | section | cluster [| opt]
    S section | a line of the article and the section it belongs to
    C text of a reader comment (must never be shown as the outlet's)

This script only changes the notation into the golden format of `tests/data/golden/` (plus outlet, style,
crisis, language and the basis of the publication date); it reads no pipeline code. `--check` verifies that
every quoted sentence, date word, section line and comment is in its article, so a typo cannot silently
turn a gold event into a miss.
"""
from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
WORLD = ROOT / "bench" / "data" / "world"
ARTICLES = WORLD / "articles"
GOLD = WORLD / "gold"
ANNOTATIONS = WORLD / "annotations"
DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def _norm(text: str) -> str:
    return " ".join(text.split())


def parse(path: Path, world: Path = WORLD) -> list[dict]:
    """The golden records of one annotation file, in file order (articles under `world`/articles)."""
    articles = (world / "articles").resolve()
    rel = articles.relative_to(ROOT).as_posix() if articles.is_relative_to(ROOT) else articles.as_posix()
    docs: list[dict] = []
    for n, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        line = raw.rstrip()
        if not line or line.startswith("#"):
            continue
        kind, _, rest = line.partition(" ")
        parts = [p.strip() for p in rest.split("|", 7 if kind == "D" else -1)]
        where = f"{path.name}:{n}"
        if kind == "D":
            if len(parts) != 8:
                raise SystemExit(f"{where}: a D line has 8 fields, got {len(parts)}")
            doc_id, outlet, style, crisis, language, published, basis, note = parts
            pub = [p.strip() for p in published.split(",")]
            docs.append({
                "doc_id": doc_id,
                "article": f"{rel}/{doc_id}.txt",
                "outlet": outlet, "style": style, "crisis": crisis, "language": language,
                "annotator_note": "Written and annotated by hand before running the pipeline. " + note,
                "published": pub[0], "published_also": pub[1:], "published_basis": basis,
                "events": [], "sections": [], "comment_texts": [],
            })
            continue
        if not docs:
            raise SystemExit(f"{where}: item before the first D line")
        doc = docs[-1]
        if kind == "E":
            if len(parts) not in (7, 8):
                raise SystemExit(f"{where}: an E line has 7 or 8 fields, got {len(parts)}")
            etype, sentence, date_text, values, countries, section, cluster = parts[:7]
            event = {"description": sentence[:60], "sentence": sentence, "date_text": date_text}
            if etype != "-":
                event = {"event_type": etype, **event}
            if ".." in values:
                start, end = values.split(",")[0].split("..")
                event.update(values=[], start=start, end=end)
            else:
                vals = [v.strip() for v in values.split(",") if v.strip()]
                event["values"] = vals
                if vals and DAY.match(vals[0]):
                    event.update(start=vals[0], end=vals[0])
            event.update(countries=[c for c in countries.split(",") if c.strip()], section=section, cluster=cluster)
            if len(parts) == 8:
                if parts[7] != "opt":
                    raise SystemExit(f"{where}: the 8th field of an E line can only be 'opt'")
                event["optional"] = True
            doc["events"].append(event)
        elif kind == "S":
            section, _, text = rest.partition(" | ")
            doc["sections"].append({"text": text.strip(), "section": section.strip()})
        elif kind == "C":
            doc["comment_texts"].append(rest.strip())
        else:
            raise SystemExit(f"{where}: unknown line kind {kind!r}")
    return docs


def check(doc: dict) -> list[str]:
    """Problems of one golden record against its article (quotes not found, bad values)."""
    path = ROOT / doc["article"]
    if not path.exists():
        return [f"{doc['doc_id']}: no article {doc['article']}"]
    text = _norm(path.read_text(encoding="utf-8"))
    out = []
    for e in doc["events"]:
        s = _norm(e["sentence"])
        at = text.find(s)
        if at < 0:
            out.append(f"{doc['doc_id']}: sentence not in article: {e['sentence']!r}")
            continue
        dt = _norm(e["date_text"])
        # the date words are in or near the quoted sentence
        window = text[max(0, at - 300): at + len(s) + 300]
        if dt and dt not in window:
            out.append(f"{doc['doc_id']}: date words {e['date_text']!r} not near {e['sentence']!r}")
        for v in e["values"] + [e.get("start", ""), e.get("end", "")]:
            if v and not re.match(r"^(\d{3,4}|\d{4}-(\d{2}|W\d{2}|FA|SU|WI|SP)(-\d{2}|-WE)?(T\w+|T\d{2}:\d{2})?)$", v):
                out.append(f"{doc['doc_id']}: odd value {v!r}")
    for s in doc["sections"]:
        if _norm(s["text"]) not in text:
            out.append(f"{doc['doc_id']}: section line not in article: {s['text']!r}")
    for c in doc["comment_texts"]:
        if _norm(c) not in text:
            out.append(f"{doc['doc_id']}: comment text not in article: {c!r}")
    return out


def dumps(doc: dict) -> str:
    """A golden record as JSON with one event, section line or comment per line (readable diffs)."""
    head = {k: v for k, v in doc.items() if k not in ("events", "sections", "comment_texts")}
    lines = ["{"] + [f"  {json.dumps(k)}: {json.dumps(v, ensure_ascii=False)}," for k, v in head.items()]
    for key in ("events", "sections", "comment_texts"):
        items = [f"    {json.dumps(x, ensure_ascii=False)}" for x in doc[key]]
        lines.append(f"  {json.dumps(key)}: [" + ("\n" + ",\n".join(items) + "\n  ]" if items else "]")
                     + ("," if key != "comment_texts" else ""))
    return "\n".join(lines) + "\n}\n"


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--check", action="store_true", help="only check the annotations against the articles")
    ap.add_argument("--dir", type=Path, default=WORLD,
                    help="corpus directory with articles/, annotations/ and gold/ (default bench/data/world)")
    args = ap.parse_args(argv)
    world = args.dir if args.dir.is_absolute() else (Path.cwd() / args.dir)
    articles, gold_dir = world / "articles", world / "gold"
    docs = [d for p in sorted((world / "annotations").glob("gold_*.txt")) for d in parse(p, world)]
    problems = [p for d in docs for p in check(d)]
    ids = [d["doc_id"] for d in docs]
    dupes = {i for i in ids if ids.count(i) > 1}
    problems += [f"{i}: annotated twice" for i in sorted(dupes)]
    missing = sorted({p.stem for p in articles.glob("*.txt")} - set(ids))
    problems += [f"{m}: article without annotation" for m in missing]
    for p in problems:
        print(p)
    if args.check or problems:
        print(f"{len(docs)} annotated articles, {len(problems)} problems")
        return 1 if problems else 0
    gold_dir.mkdir(parents=True, exist_ok=True)
    for old in gold_dir.glob("*.expected.json"):
        old.unlink()
    for d in docs:
        (gold_dir / f"{d['doc_id']}.expected.json").write_text(dumps(d), encoding="utf-8")
    print(f"wrote {len(docs)} golden files to {gold_dir}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
