"""Score the pipeline on the world corpus, per outlet style, language, crisis and date basis.

    .venv/bin/python bench/world_eval.py                      # tables by style, language, crisis, basis
    .venv/bin/python bench/world_eval.py --by outlet          # one table (style|outlet|language|crisis|basis)
    .venv/bin/python bench/world_eval.py --details            # plus every wrong date, miss and false positive
    .venv/bin/python bench/world_eval.py --json out.json      # all figures, per article too
    .venv/bin/python bench/world_eval.py --dir bench/data/world2   # the held-out world2 corpus (docs/world2.md)

The corpus (`bench/data/world/`, see docs/world_corpus.md): 64 articles written in 56 outlet styles on
8 crises in 6 languages, gold annotated by hand before the pipeline ran on them (`bench/world_gold.py`).

Figures, per group of articles:
- publication date: `right` (the golden value, or one it also accepts), `coarse` (a truncation of it:
  2023-04 or 2023 for 2023-04-16; not wrong, not right), `wrong year` (a year other than the golden one:
  the failure that moves every event of the article), `wrong` (right year, wrong month or day), `none`;
- events, matched to the gold as `bench/events_eval.py` does (same sentence, same date words preferred):
  recall of required events; date accuracy among the matched ones and end to end (right date / required);
  dated precision (a predicted event with date words matching no golden event is a false positive);
  event-type accuracy among matched events whose gold has a type (optional ones too, as events_eval);
- sections: accuracy of the section of the golden lines (caption, comment, teaser, boilerplate, body)
  and comment leaks (events quoting a reader comment not labelled comment; must be 0).
"""
from __future__ import annotations

import argparse
import json
import sys
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from events_eval import date_ok, match  # noqa: E402
from pipeline.build import build  # noqa: E402

WORLD = ROOT / "bench" / "data" / "world"
ARTICLES = WORLD / "articles"
GOLD = WORLD / "gold"
GROUPS = ("style", "language", "crisis", "basis", "outlet")


def load_gold(gold_dir: Path = GOLD) -> dict[str, dict]:
    """The golden records of the world corpus, by doc_id."""
    return {p.name.split(".")[0]: json.loads(p.read_text(encoding="utf-8")) for p in sorted(gold_dir.glob("*.expected.json"))}


def published_verdict(gold: dict, predicted: str | None) -> str:
    """right / coarse / wrong year / wrong / none for a predicted publication date."""
    accepted = [gold["published"], *gold.get("published_also", [])]
    if not predicted:
        return "none"
    pred = str(predicted)[:10]
    if pred in accepted:
        return "right"
    if any(a.startswith(pred) for a in accepted):
        return "coarse"
    if pred[:4] not in {a[:4] for a in accepted}:
        return "wrong year"
    return "wrong"


def score_article(gold: dict, doc, preds: list[dict]) -> dict:
    """Counts of one article: publication date verdict and event figures."""
    pairs = match(gold, preds)
    req = [(g, p) for g, p in pairs if not g.get("optional")]
    hit = [(g, p) for g, p in req if p is not None]
    matched = {id(p) for _, p in pairs if p is not None}
    dated = [p for p in preds if p["date_text"]]
    fp = [p for p in dated if id(p) not in matched]
    typed = [(g, p) for g, p in pairs if p is not None and g.get("event_type")]  # as bench/events_eval.py
    lines_ok = lines = 0
    for s in gold.get("sections", []):
        pos = doc.text.find(s["text"]) if doc else -1
        block = next((b for b in doc.blocks if pos >= 0 and b.start <= pos < b.end), None) if doc else None
        lines += 1
        lines_ok += bool(block and block.section == s["section"])
    leaks = [p for p in preds if p["section"] != "comment" and any(c in p["quote"] for c in gold.get("comment_texts", []))]
    return {
        "doc_id": gold["doc_id"],
        "published_gold": gold["published"],
        "published": doc.published if doc else None,
        "published_inferred": bool(doc and doc.published_inferred),
        "published_basis_predicted": getattr(doc, "published_basis", None) if doc else None,
        "dct_text": doc.dct_text if doc else None,
        "verdict": published_verdict(gold, doc.published if doc else None),
        "required": len(req), "hit": len(hit), "date_ok": sum(date_ok(g, p) for g, p in hit),
        "dated": len(dated), "fp_dated": len(fp),
        "typed": len(typed), "type_ok": sum(g["event_type"] == p["event_type"] for g, p in typed),
        "lines": lines, "lines_ok": lines_ok, "comment_leaks": len(leaks),
        "_misses": [g for g, p in req if p is None],
        "_wrong_dates": [(g, p) for g, p in hit if not date_ok(g, p)],
        "_wrong_types": [(g, p) for g, p in typed if g["event_type"] != p["event_type"]],
        "_fp": fp,
    }


def summarise(rows: list[dict]) -> dict:
    """Figures of a group of scored articles."""
    n = len(rows)
    t = defaultdict(int)
    for r in rows:
        for k in ("required", "hit", "date_ok", "dated", "fp_dated", "typed", "type_ok", "lines", "lines_ok", "comment_leaks"):
            t[k] += r[k]
        t[r["verdict"]] += 1
    return {
        "articles": n,
        "published_right": t["right"], "published_coarse": t["coarse"], "published_wrong_year": t["wrong year"],
        "published_wrong": t["wrong"], "published_none": t["none"],
        "published_accuracy": t["right"] / n if n else 0.0,
        "required_events": t["required"],
        "recall": t["hit"] / t["required"] if t["required"] else 0.0,
        "date_accuracy": t["date_ok"] / t["hit"] if t["hit"] else 0.0,
        "date_right_of_required": t["date_ok"] / t["required"] if t["required"] else 0.0,
        "dated_precision": (t["dated"] - t["fp_dated"]) / t["dated"] if t["dated"] else 0.0,
        "typed_events": t["typed"],
        "type_accuracy": t["type_ok"] / t["typed"] if t["typed"] else 0.0,
        "section_lines": t["lines"],
        "line_section_accuracy": t["lines_ok"] / t["lines"] if t["lines"] else 0.0,
        "comment_leaks": t["comment_leaks"],
    }


HEADER = ("| {:<28} | {:>3} | {:>9} | {:>6} | {:>5} | {:>5} | {:>3} | {:>6} | {:>5} | {:>8} | {:>9} | {:>5} | {:>5} | {:>5} |"
          .format("group", "n", "pub right", "coarse", "wr.yr", "wrong", "req", "recall", "date", "date/req",
                  "dated pr.", "type", "lines", "leaks"))


def table_rows(title: str, groups: dict[str, dict]) -> list[str]:
    """A markdown table of group figures."""
    out = [f"**by {title}**", "", HEADER, "|" + "|".join("-" * (len(c)) for c in HEADER.split("|")[1:-1]) + "|"]
    for name, f in groups.items():
        lines = f"{f['line_section_accuracy']:.2f}" if f["section_lines"] else "-"
        out.append("| {:<28} | {:>3} | {:>9} | {:>6} | {:>5} | {:>5} | {:>3} | {:>6.2f} | {:>5.2f} | {:>8.2f} | {:>9.2f} | {:>5.2f} | {:>5} | {:>5} |".format(
            name[:28], f["articles"], f"{f['published_right']} ({f['published_accuracy']:.2f})", f["published_coarse"],
            f["published_wrong_year"], f["published_wrong"], f["required_events"], f["recall"], f["date_accuracy"],
            f["date_right_of_required"], f["dated_precision"], f["type_accuracy"], lines, f["comment_leaks"]))
    return out


def evaluate(article_dir: Path = ARTICLES, gold_dir: Path = GOLD, by=GROUPS, details: bool = False, out=print) -> dict:
    """Build the world corpus and score it; prints tables and returns every figure."""
    golds = load_gold(gold_dir)
    result = build([article_dir], {"cache": False})  # measure the code as it is, never a cached article
    docs = {d.doc_id: d for d in result.documents}
    preds = defaultdict(list)
    for rec in result.frame.to_dict("records"):
        preds[rec["doc_id"]].append(rec)
    rows = []
    for doc_id, gold in golds.items():
        row = score_article(gold, docs.get(doc_id), preds.get(doc_id, []))
        row.update(outlet=gold["outlet"], style=gold["style"], language=gold["language"], crisis=gold["crisis"],
                   basis=gold["published_basis"])
        rows.append(row)
    figures = {"all": summarise(rows), "by": {}, "articles": []}
    out("")
    out("\n".join(table_rows("corpus", {"all": figures["all"]})))
    for key in by:
        groups = defaultdict(list)
        for r in rows:
            groups[r[key]].append(r)
        figures["by"][key] = {k: summarise(v) for k, v in sorted(groups.items())}
        out("")
        out("\n".join(table_rows(key, figures["by"][key])))
    wrong = [r for r in rows if r["verdict"] != "right"]
    out("")
    out(f"publication dates not right ({len(wrong)} of {len(rows)}):")
    if not details and article_dir.parent.resolve() != WORLD.resolve():
        out("   (a held-out corpus: which articles, only with --details, which you must not read to develop)")
        wrong = []
    for r in wrong:
        out(f"   {r['doc_id']:32s} {r['verdict']:10s} got {r['published']!s:12s} want {r['published_gold']}"
            f"  [{r['basis']}] from {r['dct_text']!r}")
    if result.problems:
        out("problems: " + "; ".join(str(p) for p in result.problems))
    if details:
        for r in rows:
            for g in r["_misses"]:
                out(f"    MISSED {r['doc_id']}: {g['sentence'][:60]!r} [{g.get('date_text')}]")
            for g, p in r["_wrong_dates"]:
                out(f"    DATE   {r['doc_id']}: {g['sentence'][:50]!r}: got {p['date_text']!r} {p['date_value']}, want {g.get('values') or [g.get('start'), g.get('end')]}")
            for g, p in r["_wrong_types"]:
                out(f"    TYPE   {r['doc_id']}: {g['sentence'][:50]!r}: got {p['event_type']}, want {g['event_type']}")
            for p in r["_fp"]:
                out(f"    FP     {r['doc_id']}: {p['date_text']!r} {p['date_value']} [{p['section']}] {p['quote'][:70]!r}")
    figures["articles"] = [{k: v for k, v in r.items() if not k.startswith("_")} for r in rows]
    return figures


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--by", choices=GROUPS, action="append", help="group(s) to tabulate (default: style, language, crisis, basis)")
    ap.add_argument("--details", action="store_true", help="list wrong dates, misses, wrong types and false positives")
    ap.add_argument("--json", type=Path, help="write all figures (and per-article rows) to this file")
    ap.add_argument("--dir", type=Path, default=WORLD,
                    help="corpus directory with articles/ and gold/ (default bench/data/world)")
    args = ap.parse_args(argv)
    world = args.dir if args.dir.is_absolute() else (Path.cwd() / args.dir)
    figures = evaluate(world / "articles", world / "gold", by=args.by or GROUPS[:4], details=args.details)
    if args.json:
        args.json.write_text(json.dumps(figures, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
