"""Why a journalist's day is missed, and why a wrong day is kept: the input of the day ranking, per timeline.

    .venv/bin/python bench/tls_recall.py                    # every development timeline (cached frames of tls.py)
    .venv/bin/python bench/tls_recall.py --topics mj -v     # one topic, with examples of each class
    .venv/bin/python bench/tls_recall.py --cache DIR        # the frames of bench/tls.py --cache DIR

Recall: each reference day of a timeline (k = its number of days) is

- `top k`: kept by the salience ranking (`pipeline.explore.key_days`) — a hit;
- `ranked below k`: a candidate day (some article gives it weight), ranked too low;
- not a candidate at day precision, and then (first that applies):
  - `comment only`: its only day-precise mentions are in reader comments (not counted);
  - `tagged, no event`: the tagger resolves an expression of an article to the day, but no event mention
    carries it (the events stage kept no event in that sentence);
  - `written, tagged elsewhere`: the day is written in an article ("June 25", "25th of June") and the tagger
    reads the expression as another day (wrong year, wrong month) or coarser;
  - `written, not tagged`: the day is written and no time expression covers it;
  - `coarse only`: mentions cover it only at week or month precision ("last month", "mid March");
  - `outside the window`: only articles published outside the timeline's first..last day write it;
  - `no evidence`: no article writes it (relative phrases aside) and none was published that day.

Precision: each wrong day of the top k, by the kind of mention that gives its articles their weight (the best
mention of each article there, as the ranking counts it): undated sentence (the article's publication day),
relative ("Tuesday", "yesterday"), explicit without a year, explicit with a year, then its section, and whether
it is a near miss (a reference day within one day of it), history (looked back at from more than a year later),
a future day (the article was published before it), or the article's own publication day, and whether it is a
page's date stamp ("8 November 2011 Last updated at 14:07 GMT"). Also counted: the reference days ranked below k
while a wrong day next to them (+-1) is in the top k (the journalist's day and the news's day differ by one).

Oracle bounds (they use the reference days, so they are bounds, never a ranking): the mean Date-F1 if every
candidate reference day were ranked first (what a perfect ranking of this input reaches), and if no wrong day
next to a reference day were ranked (what removing the "echo" days would give).
"""
from __future__ import annotations

import argparse
import json
import re
import sys
from collections import Counter, defaultdict
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import tls  # noqa: E402

MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December")
RELATIVE = re.compile(r"\b(?:yesterday|today|tonight|tomorrow|last|this|next|ago|earlier|later|monday|tuesday|"
                      r"wednesday|thursday|friday|saturday|sunday|morning|evening|night|weekend)\b", re.I)
RECALL_CLASSES = ("top k", "ranked below k", "comment only", "tagged, no event", "written, tagged elsewhere",
                  "written, not tagged", "coarse only", "outside the window", "no evidence")


def surface(day: str) -> re.Pattern:
    """The ways an article writes `day` as a calendar date (its year, if written right after, must be its own)."""
    d = date.fromisoformat(day)
    month = MONTHS[d.month - 1]
    mon = f"(?:{month}|{month[:3]}\\.?)" if len(month) > 3 else month
    num = f"{d.day}(?:st|nd|rd|th)?"
    year = r"(?:,?\s+(\d{4}))?"
    return re.compile(rf"\b(?:{mon}\s+{num}\b{year}|{num}\s+(?:of\s+)?{mon}\b{year}|{d.isoformat()})")


def written(text: str, day: str) -> list[tuple[int, int]]:
    """Spans of `text` writing `day` (a different year written with it excludes the span)."""
    y = day[:4]
    return [(m.start(), m.end()) for m in surface(day).finditer(text)
            if all(g in (None, y) for g in m.groups())]


def tag(path: Path):
    """The article through the stages up to the tagger (sections, credits, dct, sentences, timex)."""
    from pipeline.ingest.corpus import read_document
    from pipeline.stages import STAGES

    doc = read_document(path)
    for name, stage in STAGES:
        doc = stage(doc)
        if name == "timex":
            return doc
    return doc


STAMP = re.compile(r"(?:last\s+)?updated(?:\s+at)?[\s:,]*$|^\s*(?:last\s+updated|\d\d?:\d\d)", re.I)


def is_stamp(quote: str, date_text: str) -> bool:
    """A page's own date stamp ("8 November 2011 Last updated at 14:07 GMT", "Page last updated at 07:48 GMT,
    Tuesday, 8 November 2011"): the date text with "last updated" or a clock time right beside it."""
    at = quote.find(date_text) if date_text else -1
    if at < 0:
        return False
    return bool(STAMP.search(quote[max(0, at - 30):at]) or STAMP.match(quote[at + len(date_text):at + len(date_text) + 20]))


def mention_kind(date_text: str) -> str:
    text = (date_text or "").strip()
    if not text:
        return "undated sentence"
    if re.search(r"\b\d{4}\b", text):
        return "explicit, year"
    if re.search("|".join(m[:3] for m in MONTHS), text, re.I) or re.search(r"\d+/\d+", text):
        return "explicit, no year"
    if RELATIVE.search(text):
        return "relative"
    return "other"


def recall_of_day(day: str, lo: str, hi: str, frame, texts: dict, pubs: dict, docs_dir: Path, ignored,
                  tagged: dict) -> tuple[str, str]:
    """The class of a reference day that is not a candidate, and an example."""
    exact = frame[(frame["date_start"] == day) & (frame["date_end"] == day)
                  & frame["granularity"].isin(["day", "time"])]
    if len(exact) and exact["section"].isin(ignored).all():
        return "comment only", exact.iloc[0]["quote"][:100]
    cover = frame[(frame["date_start"] <= day) & (frame["date_end"] >= day)
                  & frame["granularity"].isin(["week", "month"])]
    inside = {d for d, p in pubs.items() if lo <= p <= hi}
    hits = {d: written(texts[d], day) for d in inside}
    hits = {d: s for d, s in hits.items() if s}
    for doc_id, spans in sorted(hits.items()):
        if doc_id not in tagged:
            tagged[doc_id] = tag(docs_dir / f"{doc_id}.md")
        doc = tagged[doc_id]
        for start, end in written(doc.text, day):  # offsets in the article's text (front matter removed)
            over = [t for t in doc.timexes if t.start < end and t.end > start]
            if any(t.date_start == day and t.date_end == day for t in over):
                return "tagged, no event", f"{doc_id}: {doc.text[max(0, start - 60):end + 40]!r}"
    for doc_id, spans in sorted(hits.items()):
        doc = tagged[doc_id]
        for start, end in written(doc.text, day):
            over = [t for t in doc.timexes if t.start < end and t.end > start]
            if over:
                t = over[0]
                return "written, tagged elsewhere", f"{doc_id} ({pubs[doc_id]}): {t.text!r} -> {t.value}"
    if hits:
        doc_id, spans = sorted(hits.items())[0]
        start, end = spans[0]
        return "written, not tagged", f"{doc_id}: {texts[doc_id][max(0, start - 60):end + 40]!r}"
    if len(cover):
        row = cover.iloc[0]
        return "coarse only", f"{row['granularity']} {row['date_text']!r}: {row['quote'][:80]}"
    outside = sorted(d for d, p in pubs.items() if d not in inside and written(texts[d], day))
    if outside:
        return "outside the window", f"{len(outside)} articles, e.g. {outside[0]} ({pubs[outside[0]]})"
    return "no evidence", ""


def precision_of_day(day: str, frame, gold: set, kept: set, ignored, publication_weight: float) -> Counter:
    """The weight of a (wrong) day split by the kind of its articles' best mentions, as `day_salience` counts."""
    from pipeline.cluster.salience import ordinals, time_weights

    out: Counter = Counter()
    rows = frame[(frame["date_start"] == day) & (frame["date_end"] == day)
                 & frame["granularity"].isin(["day", "time"]) & ~frame["section"].isin(ignored)]
    w = time_weights(ordinals(rows["published"].tolist()), ordinals(rows["date_start"].tolist()),
                     ordinals(rows["date_end"].tolist()), "day_look_back")
    rows = rows.assign(_w=w).sort_values("_w", ascending=False, kind="stable").drop_duplicates("doc_id")
    for _, r in rows.iterrows():
        out["kind: " + ("page date stamp" if is_stamp(r["quote"], r["date_text"]) else mention_kind(r["date_text"]))] += r["_w"]
        out["section: " + r["section"]] += r["_w"]
        pub = str(r["published"])[:10]
        if pub > day:
            gap = (date.fromisoformat(pub) - date.fromisoformat(day)).days
            out["looked back " + ("> 1 year" if gap > 365 else "> 30 days" if gap > 30 else "<= 30 days")] += r["_w"]
        elif pub < day:
            out["ahead (future day)"] += r["_w"]
        else:
            out["on its publication day"] += r["_w"]
    pub_only = frame[(frame["published"].astype(str).str[:10] == day) & ~frame["doc_id"].isin(rows["doc_id"])]
    out["kind: publication day only"] += publication_weight * pub_only["doc_id"].nunique()
    d = date.fromisoformat(day)
    near = {str(d + timedelta(days=k)) for k in (-1, 1)} & gold
    if near:
        out["near miss: a reference day +-1, " + ("kept too" if near & kept else "missed")] += 1
    out["days"] += 1
    return out


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--topics", default=",".join(tls.TOPICS))
    ap.add_argument("--cache", default="/tmp/tls-cache")
    ap.add_argument("-v", "--verbose", action="store_true", help="print an example per missed day")
    args = ap.parse_args(argv)
    from pipeline.cluster.salience import rules

    weights = rules()["salience"]
    ignored = weights["day_ignored_sections"]
    totals: Counter = Counter()
    wrong: Counter = Counter()
    swaps: Counter = Counter()
    bounds: dict[str, list[float]] = defaultdict(list)
    print(f"{'timeline':32} {'k':>4} " + " ".join(f"{c[:10]:>10}" for c in RECALL_CLASSES))
    for topic in args.topics.split(","):
        docs_dir = tls.T17 / topic / "docs"
        paths = sorted(docs_dir.glob("*.md"))
        texts = {p.stem: p.read_text(encoding="utf-8") for p in paths}
        pubs = {p.stem: tls.published(p) for p in paths}
        frame = tls.topic_frame(topic, Path(args.cache))
        doc_pub = frame["doc_id"].map(lambda d: pubs.get(d, ""))
        gold = defaultdict(set)
        for entry in json.loads((tls.T17 / topic / "gold.json").read_text(encoding="utf-8")):
            gold[entry["timeline"]].add(entry["date"][:10])
        tagged: dict = {}
        for name, days in sorted(gold.items()):
            lo, hi = min(days), max(days)
            inside = tls.clustered(frame[(doc_pub >= lo) & (doc_pub <= hi)].reset_index(drop=True))
            ranked = [d for d in tls.salience_ranking(inside) if lo <= d <= hi]
            k = len(days)
            top, rank = set(ranked[:k]), {d: i for i, d in enumerate(ranked)}
            counts: Counter = Counter()
            for day in sorted(days):
                if day in top:
                    counts["top k"] += 1
                    continue
                if day in rank:
                    counts["ranked below k"] += 1
                    d = date.fromisoformat(day)
                    if {str(d + timedelta(days=j)) for j in (-1, 1)} & (top - days):
                        swaps["below k, a wrong neighbour +-1 in the top k"] += 1
                    if args.verbose:
                        print(f"#   {day} ranked {rank[day] + 1} of {len(ranked)}")
                    continue
                cls, example = recall_of_day(day, lo, hi, inside, texts, pubs, docs_dir, ignored, tagged)
                counts[cls] += 1
                if args.verbose:
                    print(f"#   {day} {cls}: {example}")
            cands = [d for d in ranked if d in days]
            near = {str(date.fromisoformat(g) + timedelta(days=j)) for g in days for j in (-1, 1)} - days
            bounds["kept ranking"].append(tls.f1(ranked[:k], days))
            bounds["candidate ceiling (every candidate reference day first)"].append(tls.f1(cands[:k], days))
            bounds["no wrong day next to a reference day (+-1)"].append(
                tls.f1([d for d in ranked if d not in near][:k], days))
            for day in ranked[:k]:
                if day not in days:
                    wrong += precision_of_day(day, inside, days, top, ignored, weights["publication_day"])
            totals += counts
            print(f"{topic[:8] + ' ' + name:32.32} {k:4d} " + " ".join(f"{counts[c]:10d}" for c in RECALL_CLASSES),
                  flush=True)
    print(f"{'all':32} {sum(totals.values()):4d} " + " ".join(f"{totals[c]:10d}" for c in RECALL_CLASSES))
    print("\n# oracle bounds (use the reference days: how far a perfect fix of each class could go), mean Date-F1")
    for c, v in bounds.items():
        print(f"  {c:60} {sum(v) / len(v):.3f}")
    for c, v in swaps.items():
        print(f"# reference days ranked {c}: {v}")
    n = wrong.pop("days", 0)
    print(f"\n# wrong days in the top k: {n}; their weight by the kind of mention (share of the summed weight)")
    total = sum(v for c, v in wrong.items() if c.startswith("kind: "))
    for c, v in sorted(wrong.items(), key=lambda x: (x[0].split(":")[0], -x[1])):
        share = f"{v / total:6.3f}" if not c.startswith("near miss") else f"{int(v):6d} days"
        print(f"  {c:40} {share}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
