"""Score event types, coverage and source actors against PLOVER's hand-coded gold sentences (issue 18).

    .venv/bin/python bench/plover_eval.py                       # both halves, per-type table of each
    .venv/bin/python bench/plover_eval.py --half develop        # the half the rules were developed on
    .venv/bin/python bench/plover_eval.py --half held --errors  # (only to read at the end: never tune on it)
    .venv/bin/python bench/plover_eval.py --data PATH           # another file of the same shape

Each gold sentence (`../shared/benchmarks/plover/dev.jsonl`, see its README: the PLOVER ontology's
gold-standard records; CC BY-SA, so it stays out of this repository) is run through the whole per-article
pipeline as a one-sentence article published on the record's `gsr_date` (else `--dct`). The file is cut in
two halves by a hash of each record's id (deterministic, no look at the text): `develop` is the half the
lexicon and rules may be tuned on, `held` is scored only to check that what was learnt carries over.

Figures per half:
- type accuracy: the first event of the sentence has (one of) the gold type(s); no event counts as wrong;
- macro-F1 over the 16 PLOVER types (a predicted OTHER or no event is a wrong answer of no type);
- coverage: the share of sentences with at least one event;
- actor1 country: among sentences whose gold source actors have countries, the share whose first
  event's `actor1_country` is one of them (when the events carry that column);
- mode accuracy: among sentences whose gold record has a PLOVER mode of intent/threat, how often
  `event_mode` is not "done" (when the events carry that column; informative only).
"""
from __future__ import annotations

import argparse
import hashlib
import json
import sys
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from pipeline.schema import Document  # noqa: E402
from pipeline.stages import process_document  # noqa: E402
from _paths import BENCHMARKS  # noqa: E402

DEFAULT_DATA = BENCHMARKS / "plover" / "dev.jsonl"
TYPES = ("AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST", "ACCUSE",
         "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT")


def half_of(record_id: str) -> str:
    """The half a record belongs to: a hash of its id, so the split never depends on the text or order."""
    return "develop" if int(hashlib.sha1(record_id.encode("utf-8")).hexdigest(), 16) % 2 == 0 else "held"


def load_sentences(path: Path) -> list[dict]:
    """Gold sentences, one per distinct text (a text coded twice accepts either type)."""
    by_text: dict[str, dict] = {}
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            if not line.strip():
                continue
            r = json.loads(line)
            s = by_text.setdefault(r["text"], {"id": r["id"], "text": r["text"], "types": [], "countries": set(),
                                               "date": r.get("gsr_date") or "", "modes": set()})
            s["types"].append(r["gold_type"])
            s["countries"].update(r.get("source_countries") or [])
            s.setdefault("targets", set()).update(r.get("target_countries") or [])
            s.setdefault("source_actors", set()).update(r.get("source_actors") or [])
            if r.get("gsr_mode"):
                s["modes"].add(r["gsr_mode"])
    return list(by_text.values())


def predict(sentence: dict, dct: str) -> list:
    """The events the pipeline finds in one sentence run as a tiny article."""
    doc = Document(doc_id=sentence["id"], text=sentence["text"], published=sentence["date"] or dct)
    return process_document(doc).events


def score(sentences: list[dict], dct: str, errors: bool = False, out=print) -> dict:
    """Figures (see the module's docstring) for a list of gold sentences, with a per-type table."""
    tp, fp, fn = Counter(), Counter(), Counter()
    right = covered = country_n = country_ok = 0
    has_roles = False
    a1_classes: Counter = Counter()
    for s in sentences:
        events = predict(s, dct)
        first = events[0] if events else None
        pred = first.event_type if first else ""
        covered += bool(events)
        ok = pred in s["types"]
        right += ok
        gold = pred if ok else s["types"][0]
        if ok:
            tp[gold] += 1
        else:
            fn[gold] += 1
            if pred in TYPES:
                fp[pred] += 1
        a1 = getattr(first, "actor1_country", None) if first else None
        has_roles = has_roles or (first is not None and hasattr(first, "actor1_country"))
        if s["countries"]:
            country_n += 1
            country_ok += bool(a1) and a1 in s["countries"]
            if not (a1 and a1 in s["countries"]):
                a1_classes[_a1_class(s, first)] += 1
        if errors and not ok:
            out(f"   {s['id']:<28} gold {'/'.join(s['types']):<10} got {pred or '-':<10} "
                f"{(first.headline if first else '')[:60]!r}\n      {s['text'][:160]}")
    n = len(sentences)
    f1s = {}
    for t in TYPES:
        p = tp[t] / (tp[t] + fp[t]) if tp[t] + fp[t] else 0.0
        r = tp[t] / (tp[t] + fn[t]) if tp[t] + fn[t] else 0.0
        f1s[t] = 2 * p * r / (p + r) if p + r else 0.0
    present = [t for t in TYPES if tp[t] + fn[t]]
    return {
        "n": n, "accuracy": right / n if n else 0.0, "macro_f1": sum(f1s[t] for t in TYPES) / len(TYPES),
        "macro_f1_present": sum(f1s[t] for t in present) / len(present) if present else 0.0,
        "coverage": covered / n if n else 0.0,
        "actor1_country": (country_ok / country_n if country_n else 0.0) if has_roles else None,
        "per_type": {t: (tp[t], fp[t], fn[t], f1s[t]) for t in TYPES},
        "a1_classes": dict(sorted(a1_classes.items())),
    }


def _a1_class(s: dict, first) -> str:
    """Why a sentence's actor1 country is wrong, as a class with no words of the sentence (so the held half's
    failures can be counted without being read): no event / no actor1 / an actor1 with no country / the gold
    target's country / another country; plus whether the registry alone places the gold source actor's words."""
    if first is None:
        why = "no event"
    elif not first.actor1:
        why = "no actor1"
    elif not first.actor1_country:
        why = "actor1, no country"
    elif first.actor1_country in s.get("targets", ()):
        why = "target's country"
    else:
        why = "other country"
    from pipeline.stages.actors import find_mentions
    found = {m.country for a in s.get("source_actors", ()) for m in find_mentions(a) if m.country}
    known = ("registry places gold source" if found & s["countries"] else
             "registry: other country" if found else "registry: no country") if s.get("source_actors") else "no gold actor words"
    return f"{why} | {known}"


def report(name: str, fig: dict, out=print) -> None:
    a1 = "n/a (no actor1_country column)" if fig["actor1_country"] is None else f"{fig['actor1_country']:.2f}"
    out(f"== {name}: {fig['n']} sentences")
    out(f"   type accuracy {fig['accuracy']:.2f}  macro-F1 (16 types) {fig['macro_f1']:.2f}"
        f"  (types present {fig['macro_f1_present']:.2f})  >=1 event {fig['coverage']:.2f}  actor1 country {a1}")
    for k, v in fig.get("a1_classes", {}).items():
        out(f"   actor1 country wrong: {k:<55} {v:>3}")
    out("   type        gold  tp  fp  fn   F1")
    for t, (tp, fp, fn, f1) in fig["per_type"].items():
        out(f"   {t:<10} {tp + fn:>5} {tp:>3} {fp:>3} {fn:>3} {f1:5.2f}")


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--data", type=Path, default=DEFAULT_DATA, help="gold sentences (JSON lines)")
    ap.add_argument("--half", choices=("develop", "held", "all", "both"), default="both")
    ap.add_argument("--dct", default="2000-01-01", help="publication date when a record has none")
    ap.add_argument("--errors", action="store_true", help="list the sentences whose type is wrong")
    ap.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = ap.parse_args(argv)
    sentences = load_sentences(args.data)
    halves = {"develop": [s for s in sentences if half_of(s["id"]) == "develop"],
              "held": [s for s in sentences if half_of(s["id"]) == "held"], "all": sentences}
    names = ("develop", "held", "all") if args.half == "both" else (args.half,)
    figures = {}
    for name in names:
        if args.errors and not args.json:
            print(f"-- wrong types, {name}:")
        figures[name] = score(halves[name], args.dct, args.errors and not args.json)
        if not args.json:
            report(name, figures[name])
    if args.json:
        print(json.dumps({k: {x: y for x, y in v.items() if x != "per_type"} for k, v in figures.items()}, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
