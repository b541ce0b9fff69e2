"""Score the pipeline's events against the hand-annotated golden files, per article set.

    .venv/bin/python bench/events_eval.py            # seeds and tests/data/articles
    .venv/bin/python bench/events_eval.py --details  # plus every missed event and false positive
    .venv/bin/python bench/events_eval.py --world    # the world corpus (bench/data/world) instead of the sets

Per outlet style, language, crisis and publication-date basis on the world corpus: bench/world_eval.py.

Golden files (`tests/data/golden/<doc_id>.expected.json`) list each article's events: a distinctive
substring of the sentence, the date words, accepted date values (or start/end), countries, section
and a cluster label shared by the same real event across articles. Events marked "optional" are
defensible either way: they count neither for recall nor as false positives.

Figures: recall of required events; precision of dated events (an event with date words that matches
no golden event is a false positive) and of all events; date accuracy among matched required events;
country accuracy (expected countries all present); section accuracy of the listed lines; comment text
shown as the outlet's (must be 0); per cluster label, the most sources sharing one cluster_id;
event-type accuracy among matched events whose golden entry has an `event_type` (PLOVER, annotated by
hand from the sentence where the type is clear).
"""
from __future__ import annotations

import argparse
import json
import sys
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from pipeline import cluster  # noqa: E402
from pipeline.stages import STAGES
from pipeline.build import build  # noqa: E402
from pipeline.schema import Timex
from pipeline.ingest.corpus import read_documents  # noqa: E402
from pipeline.timex import value_interval  # noqa: E402
from pipeline.schema import events_frame  # noqa: E402

GOLDEN_DIR = ROOT / "tests" / "data" / "golden"
SETS = {
    "seeds": ROOT / "seeds",
    "articles": ROOT / "tests" / "data" / "articles",
}


def _norm(text: str) -> str:
    return " ".join(str(text).split())


# The world corpus (docs/world_corpus.md): not a test set, so not in SETS (tests iterate SETS).
WORLD = (ROOT / "bench" / "data" / "world" / "articles", ROOT / "bench" / "data" / "world" / "gold")


def load_goldens(article_dir: Path, gold_dir: Path = GOLDEN_DIR) -> dict[str, dict]:
    """Golden annotations of every article in a folder, by doc_id."""
    out = {}
    for path in sorted(article_dir.glob("*.txt")):
        gpath = gold_dir / f"{path.stem}.expected.json"
        if gpath.exists():
            out[path.stem] = json.loads(gpath.read_text(encoding="utf-8"))
    return out


def oracle_timexes(text: str, golden: dict) -> list[Timex]:
    """Timexes taken from the golden annotation (the dates a perfect tagger would give)."""
    out = []
    for g in golden["events"]:
        dt = g.get("date_text")
        if not dt:
            continue
        at = text.find(g["sentence"])
        if at < 0:
            continue
        pos = text.find(dt, at)
        if pos < 0:
            pos = text.rfind(dt, 0, at + len(g["sentence"]))
        if pos < 0:
            continue
        value = (g.get("values") or ["XXXX-XX-XX"])[0] if not g.get("unresolved") else "XXXX-WXX-X"
        start, end, gran = value_interval(value)
        if g.get("start"):
            start, end = g["start"], g.get("end", g["start"])
        if gran == "unknown":
            gran = {"FA": "season", "SU": "season", "WI": "season", "SP": "season"}.get(value[-2:], "unknown")
            if "-W" in value:
                gran = "week"
        out.append(Timex(pos, pos + len(dt), dt, "DATE", value, None, start, end, gran, "oracle"))
    return out


def build_set(article_dir: Path, goldens: dict[str, dict], oracle: bool = False):
    """Build an article set; with oracle=True the golden dates and DCT replace the tagger's."""
    if not oracle:
        r = build([article_dir])
        return r.frame, r.documents, r.problems
    docs, problems = read_documents([article_dir])
    done = []
    for doc in docs:
        golden = goldens.get(doc.doc_id)
        for name, stage in STAGES:
            try:
                doc = stage(doc)
            except Exception as exc:  # the tagger's stages are replaced by the golden dates anyway
                if not golden or name not in ("dct", "timex"):
                    raise
                problems.append(f"{doc.path}: {name} failed ({type(exc).__name__}: {exc}); golden dates used")
            if name == "timex" and golden:
                gold = oracle_timexes(doc.text, golden)
                keep = [t for t in doc.timexes if not any(t.start < o.end and o.start < t.end for o in gold)]
                doc.timexes = sorted(keep + gold, key=lambda t: t.start)
                doc.published = golden.get("published") or doc.published
        done.append(doc)
    frame = cluster.assign_clusters(events_frame([e for d in done for e in d.events]))
    return frame, done, problems


def _missing(v) -> bool:
    return v is None or (isinstance(v, float) and v != v)


def date_ok(g: dict, p: dict) -> bool:
    """Whether a predicted event's date agrees with the golden one."""
    if g.get("unresolved"):
        return _missing(p.get("date_start"))
    if p.get("date_value") in (g.get("values") or []):
        return True
    return bool(g.get("start")) and p.get("date_start") == g["start"] and p.get("date_end") == g.get("end", g["start"])


def _date_text_fits(g: dict, p: dict) -> bool:
    gt, pt = _norm(g.get("date_text", "")), _norm(p.get("date_text", ""))
    if not gt or not pt:
        return gt == pt
    return gt in pt or pt in gt


def match(golden: dict, preds: list[dict]) -> list[tuple[dict, dict | None]]:
    """Pair golden events with predictions (same sentence; same date words preferred), one to one."""
    used: set[int] = set()
    pairs = []
    order = sorted(golden["events"], key=lambda g: bool(g.get("optional")))
    for strict in (True, False):
        for g in order:
            if any(g is x for x, _ in pairs):
                continue
            cands = [i for i, p in enumerate(preds) if i not in used and _norm(g["sentence"]) in _norm(p["quote"])]
            if strict:
                cands = [i for i in cands if _date_text_fits(g, preds[i])]
            if cands:
                used.add(cands[0])
                pairs.append((g, preds[cands[0]]))
    pairs += [(g, None) for g in order if not any(g is x for x, _ in pairs)]
    return pairs


def evaluate(set_name: str, article_dir: Path, details: bool = False, out=print, oracle: bool = False,
             gold_dir: Path = GOLDEN_DIR) -> dict:
    """Build one article set and score it; returns the figures."""
    goldens = load_goldens(article_dir, gold_dir)
    frame, documents, problems = build_set(article_dir, goldens, oracle)
    preds_by_doc = defaultdict(list)
    for rec in frame.to_dict("records"):
        preds_by_doc[rec["doc_id"]].append(rec)
    docs = {d.doc_id: d for d in documents}
    tot = defaultdict(int)
    by_label = defaultdict(list)  # cluster label -> [(doc_id, cluster_id)]
    cluster_of_label_pairs = []
    rows = []
    for doc_id, golden in goldens.items():
        preds = preds_by_doc.get(doc_id, [])
        pairs = match(golden, preds)
        req = [(g, p) for g, p in pairs if not g.get("optional")]
        hit = [(g, p) for g, p in req if p is not None]
        matched_ids = {id(p) for _, p in pairs if p is not None}
        dated = [p for p in preds if p["date_text"]]
        fp_dated = [p for p in dated if id(p) not in matched_ids]
        fp_all = [p for p in preds if id(p) not in matched_ids]
        n_date_ok = sum(date_ok(g, p) for g, p in hit)
        n_country_ok = sum(set(g.get("countries") or []) <= set(p["countries"]) for g, p in hit)
        n_section_ok = sum(g.get("section", "body") == p["section"] for g, p in hit)
        typed = [(g, p) for g, p in pairs if p is not None and g.get("event_type")]
        n_type_ok = sum(g["event_type"] == p["event_type"] for g, p in typed)
        for g, p in pairs:
            if p is not None:
                by_label[g["cluster"]].append((doc_id, p["cluster_id"]))
                cluster_of_label_pairs.append((g["cluster"], p["cluster_id"]))
        # Sections of the listed lines.
        doc = docs.get(doc_id)
        sec_total = sec_ok = 0
        for s in golden.get("sections", []):
            if doc is None:
                continue
            pos = doc.text.find(s["text"])
            block = next((b for b in doc.blocks if pos >= 0 and b.start <= pos < b.end), None)
            sec_total += 1
            sec_ok += bool(block and block.section == s["section"])
            if details and not (block and block.section == s["section"]):
                out(f"    section miss {doc_id}: {s['text'][:50]!r} expected {s['section']}, got {block.section if block else None}")
        comment_leaks = [p for p in preds if p["section"] != "comment" and any(c in p["quote"] for c in golden.get("comment_texts", []))]
        for key, val in (("required", len(req)), ("hit", len(hit)), ("date_ok", n_date_ok), ("country_ok", n_country_ok),
                         ("section_ok", n_section_ok), ("dated", len(dated)), ("fp_dated", len(fp_dated)), ("preds", len(preds)),
                         ("fp_all", len(fp_all)), ("sec_total", sec_total), ("sec_ok", sec_ok), ("comment_leaks", len(comment_leaks)),
                         ("typed", len(typed)), ("type_ok", n_type_ok)):
            tot[key] += val
        rows.append((doc_id, len(req), len(hit), n_date_ok, len(dated), len(fp_dated)))
        if details:
            for g, p in req:
                if p is None:
                    out(f"    MISSED {doc_id}: {g['description']} [{g.get('date_text')}]")
                elif not date_ok(g, p):
                    out(f"    DATE   {doc_id}: {g['description']}: got {p['date_text']!r} {p['date_value']} {p['date_start']}..{p['date_end']}, want {g.get('values')} {g.get('start')}")
            for g, p in typed:
                if g["event_type"] != p["event_type"]:
                    out(f"    TYPE   {doc_id}: {g['description']}: got {p['event_type']}, want {g['event_type']} | {p['headline']!r}")
            for p in fp_dated:
                out(f"    FP     {doc_id}: {p['date_text']!r} {p['date_value']} [{p['section']}] {p['quote'][:70]!r}")
    sources = {label: max((sum(1 for _ in {d for d, c in pairs if c == cid}) for cid in {c for _, c in pairs}), default=0)
               for label, pairs in by_label.items()}
    impure = sum(1 for i, (la, ca) in enumerate(cluster_of_label_pairs) for lb, cb in cluster_of_label_pairs[i + 1 :] if ca == cb and la != lb)
    figures = {
        "set": set_name,
        "articles": len(goldens),
        "required_events": tot["required"],
        "recall": tot["hit"] / tot["required"] if tot["required"] else 1.0,
        "date_accuracy": tot["date_ok"] / tot["hit"] if tot["hit"] else 0.0,
        "dated_precision": (tot["dated"] - tot["fp_dated"]) / tot["dated"] if tot["dated"] else 0.0,
        "precision_all": (tot["preds"] - tot["fp_all"]) / tot["preds"] if tot["preds"] else 0.0,
        "country_accuracy": tot["country_ok"] / tot["hit"] if tot["hit"] else 0.0,
        "event_section_accuracy": tot["section_ok"] / tot["hit"] if tot["hit"] else 0.0,
        "line_section_accuracy": tot["sec_ok"] / tot["sec_total"] if tot["sec_total"] else 1.0,
        "comment_leaks": tot["comment_leaks"],
        "typed_events": tot["typed"],
        "event_type_accuracy": tot["type_ok"] / tot["typed"] if tot["typed"] else 0.0,
        "cluster_sources": sources,
        "cluster_impure_pairs": impure,
        "events": len(frame),
        "problems": [str(p) for p in problems],
    }
    out(f"== {set_name}{' (golden dates: isolates sections/actors/events/cluster from the tagger)' if oracle else ''}: {len(goldens)} articles, {tot['required']} required events, {len(frame)} events built")
    out(f"   recall {figures['recall']:.2f}  date accuracy {figures['date_accuracy']:.2f}  dated precision {figures['dated_precision']:.2f}"
        f"  precision (all) {figures['precision_all']:.2f}")
    out(f"   countries {figures['country_accuracy']:.2f}  event sections {figures['event_section_accuracy']:.2f}"
        f"  line sections {figures['line_section_accuracy']:.2f}  comment leaks {figures['comment_leaks']}"
        f"  impure cluster pairs {impure}")
    out(f"   event types {figures['event_type_accuracy']:.2f} of {tot['typed']} typed golden events")
    for doc_id, n_req, n_hit, n_ok, n_dated, n_fp in rows:
        out(f"   {doc_id:32s} required {n_req:2d} found {n_hit:2d} date ok {n_ok:2d} | dated events {n_dated:2d} false pos {n_fp:2d}")
    big = {k: v for k, v in sorted(sources.items(), key=lambda kv: -kv[1]) if v > 1 or sum(1 for _ in by_label[k]) > 1}
    out("   clusters (label: most sources in one cluster_id): " + ", ".join(f"{k}={v}" for k, v in big.items()))
    if figures["problems"]:
        out("   problems: " + "; ".join(figures["problems"]))
    return figures


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--details", action="store_true", help="list missed events, wrong dates and false positives")
    ap.add_argument("--oracle-dates", action="store_true", help="also score with the golden dates in place of the tagger's")
    ap.add_argument("--set", choices=sorted(SETS), action="append", help="article set(s) to score (default: all)")
    ap.add_argument("--world", action="store_true", help="score the world corpus (bench/data/world) instead of the sets")
    args = ap.parse_args(argv)
    runs = [("world", *WORLD)] if args.world else [(name, SETS[name], GOLDEN_DIR) for name in args.set or SETS]
    for name, article_dir, gold_dir in runs:
        evaluate(name, article_dir, details=args.details, gold_dir=gold_dir)
        if args.oracle_dates:
            evaluate(name, article_dir, details=args.details, oracle=True, gold_dir=gold_dir)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
