"""Throughput and memory of the build, side by side with `dateparser.search_dates` over the same articles.

    .venv/bin/python bench/throughput.py --sizes 1000,10000 --workers 1,2
    .venv/bin/python bench/throughput.py --memory --sizes 2000,5000,10000 --workers 2   # streaming build
    .venv/bin/python bench/throughput.py --profile --sizes 1000      # pyinstrument report of one build

A corpus of N articles is generated (seeded) by recombining the paragraphs of `seeds/*.txt` and of the
test articles under `tests/data/articles/` (whole, or re-cut from their sentences with a few words
swapped) under random publication dates, written as date lines in varied formats (5 % undated), into a
temporary folder. Each measurement runs in its own child process, so its peak RSS
is its own: `search_dates` over the article texts, then the whole build (`python -m pipeline build`'s code
path: dates, actors, events, clusters, the events file written) for each worker count. Target (issue 7):
build time / search_dates time <= 0.5.
"""
from __future__ import annotations

import argparse
import json
import os
import random
import re
import resource
import subprocess
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

# Date lines in the shapes outlets use; {d} is a datetime.date. Varied on purpose: the DCT finder must work.
DATE_LINES = (
    lambda d: f"Date: {d.day} {d:%B %Y}",
    lambda d: f"Published {d:%B} {d.day}, {d:%Y}",
    lambda d: f"{d:%Y-%m-%d}",
    lambda d: f"{d:%d/%m/%Y}",
    lambda d: f"{d:%a, %d %b %Y} 10:32 GMT",
    lambda d: f"Updated: {d:%b}. {d.day}, {d:%Y}",
    lambda d: f"{d.day}.{d:%m.%Y}",
    lambda d: f"Posted on {d:%A}, {d.day} {d:%B} {d:%Y}",
)
DATELINE_PLACES = ("MOSCOW", "ANKARA", "BAKU", "YEREVAN", "BRUSSELS", "WASHINGTON", "GENEVA", "TBILISI")


def paragraph_pool() -> list[str]:
    """Paragraphs of the seeds and of the team's test articles (text files), longest-lived first."""
    files = sorted((ROOT / "seeds").glob("*.txt"))
    articles = ROOT / "tests" / "data" / "articles"
    if articles.is_dir():
        files += sorted(p for p in articles.rglob("*") if p.is_file() and p.suffix.lower() in (".txt", ".md"))
    pool = []
    for f in files:
        try:
            text = f.read_text(encoding="utf-8")
        except (UnicodeDecodeError, OSError):
            continue
        pool += [p.strip() for p in text.replace("\r\n", "\n").split("\n\n") if len(p.strip()) >= 40]
    if not pool:
        sys.exit("no paragraphs found under seeds/ or tests/data/articles/")
    return pool


def sentence_pool(pool: list[str]) -> list[str]:
    """The paragraphs cut at sentence ends (roughly: this only feeds the recombination)."""
    return [s for p in pool for s in re.split(r"(?<=[.!?])\s+(?=[A-Z“\"])", p) if len(s) >= 20]


def make_paragraph(rng: random.Random, pool: list[str], sentences: list[str], words: list[str]) -> str:
    """A paragraph kept whole (15 %: captions and boilerplate repeat in real outlets) or 2-5 sentences drawn
    from anywhere with about one lower-case word in seven swapped for another, so that articles do not share
    most of their word runs (real coverage doesn't) and no cache of whole paragraphs flatters the build.
    Capitalised words, numbers and date words are never swapped: names and dates stay as written."""
    if rng.random() < 0.15:
        return rng.choice(pool)
    out = []
    for sentence in (rng.choice(sentences) for _ in range(rng.randint(2, 5))):
        out.append(" ".join(rng.choice(words) if w in SWAPPABLE and rng.random() < 0.15 else w
                            for w in sentence.split(" ")))
    return " ".join(out)


# Lower-case words that are never part of a date or a name, filled from the paragraphs (see word_pool).
SWAPPABLE: set[str] = set()
DATE_WORDS = set("""january february march april may june july august september october november december
monday tuesday wednesday thursday friday saturday sunday today yesterday tomorrow week weeks month months
year years day days ago last next this early late mid since until before after ago earlier later spring summer
autumn fall winter season decade century quarter half night morning evening noon""".split())


def word_pool(pool: list[str]) -> list[str]:
    """Lower-case alphabetic words of the paragraphs that are no date word (the swap candidates)."""
    words = sorted({w for p in pool for w in p.split() if w.isalpha() and w.islower() and w not in DATE_WORDS})
    SWAPPABLE.clear()
    SWAPPABLE.update(words)
    return words


def make_article(rng: random.Random, pool: list[str], sentences: list[str], undated: float = 0.0,
                 words: list[str] | None = None) -> str:
    """One article: a title, a date line in a random format, 3-9 random paragraphs (one maybe datelined).

    A share `undated` of articles states no date at all, as scraped pages often do (the build then
    borrows years across the corpus for them).
    """
    d = date(2010, 1, 1) + timedelta(days=rng.randrange(16 * 365))
    paras = [make_paragraph(rng, pool, sentences, words or word_pool(pool)) for _ in range(rng.randint(3, 9))]
    title = paras[0].split(". ")[0][:80]
    if rng.random() < undated:
        lines = [title, ""]
    elif rng.random() < 0.3:
        paras[0] = f"{rng.choice(DATELINE_PLACES)}, {d.day} {d:%B}, {d:%Y} — " + paras[0]
        lines = [title, ""]
    else:
        lines = [rng.choice(DATE_LINES)(d), "", title, ""] if rng.random() < 0.5 else [title, "", rng.choice(DATE_LINES)(d), ""]
    return "\n".join(lines) + "\n" + "\n\n".join(paras) + "\n"


def make_corpus(folder: Path, size: int, seed: int, undated: float = 0.05) -> Path:
    """Write `size` generated articles under `folder` (1,000 per subfolder); reuse them when already there."""
    stamp = folder / ".complete"
    if stamp.exists() and stamp.read_text() == f"{size} {seed} {undated} v2":
        return folder
    rng = random.Random(seed * 1_000_003 + size)
    pool = paragraph_pool()
    sentences = sentence_pool(pool)
    words = word_pool(pool)
    for i in range(size):
        sub = folder / f"d{i // 1000:04d}"
        if i % 1000 == 0:
            sub.mkdir(parents=True, exist_ok=True)
        (sub / f"a{i:07d}.txt").write_text(make_article(rng, pool, sentences, undated, words), encoding="utf-8")
    stamp.write_text(f"{size} {seed} {undated} v2")
    return folder


def corpus_files(folder: Path) -> list[Path]:
    return sorted(folder.rglob("*.txt"))


# --- child processes: one measurement each, printing one JSON line -----------------------------------

def peak_rss_mb() -> tuple[float, float]:
    """(peak RSS of this process, largest peak RSS among its finished children), in MB."""
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    kids = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return own, kids


def cpu_seconds() -> float:
    """CPU time of this process and its finished children (worker processes), user + system."""
    own, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + kids.ru_utime + kids.ru_stime


def child_search_dates(folder: str, sample: int, language: str) -> dict:
    """Time dateparser.search_dates over (a sample of) the corpus' article texts."""
    from dateparser.search import search_dates

    files = corpus_files(Path(folder))
    step = max(1, len(files) // sample) if sample else 1
    chosen = files[::step][: sample or None]
    texts = [p.read_text(encoding="utf-8") for p in chosen]
    search_dates("Warm-up on 10 November 2020.", languages=[language])  # loads the language data once
    found = 0
    t0, c0 = time.perf_counter(), cpu_seconds()
    for text in texts:
        found += len(search_dates(text, languages=[language]) or [])
    seconds, cpu = time.perf_counter() - t0, cpu_seconds() - c0
    own, _ = peak_rss_mb()
    scale = len(files) / max(1, len(texts))
    return {"docs": len(files), "measured_docs": len(texts), "seconds_measured": seconds,
            "seconds": seconds * scale, "cpu": cpu * scale, "dates": found, "peak_rss_mb": own}


def child_build(folder: str, workers: int, engine: str, stream: bool) -> dict:
    """Time `python -m pipeline build`'s code path over the corpus, writing a Parquet file.

    build() then write_events (the default), or build_to_file (`--stream`, the path for huge corpora).
    The incremental cache is off: every article is processed.
    """
    from pipeline.build import build
    from pipeline.build import build_to_file
    from pipeline.stages import process_document
    from pipeline.schema import Document
    from pipeline.frame.io import write_events

    process_document(Document("warm-up", "Date: 10 November 2020\n\nA warm-up sentence on 9 November 2020.\n"))
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "events.parquet"
        settings = {"workers": workers, "engine": engine, "cache": False, "out": str(out)}
        t0, c0 = time.perf_counter(), cpu_seconds()
        if stream:
            summary = build_to_file([folder], out, settings)
            docs, events, problems = summary.documents, summary.events, summary.problems
        else:
            result = build([folder], settings)
            write_events(result.frame, out)
            docs, events, problems = len(result.documents), len(result.frame), result.problems
        seconds, cpu = time.perf_counter() - t0, cpu_seconds() - c0
    own, kids = peak_rss_mb()
    failed = [str(p) for p in problems if "could not be processed" in str(p)]  # a stage raised on an article
    return {"docs": docs, "events": events, "problems": len(problems), "failed": failed[:3], "failed_count": len(failed),
            "seconds": seconds, "cpu": cpu, "peak_rss_mb": own, "peak_rss_worker_mb": kids}


def child_profile(folder: str, out: str) -> dict:
    """Profile one single-process build of the corpus with pyinstrument; write the text report to `out`."""
    from pyinstrument import Profiler

    from pipeline.build import build

    profiler = Profiler(interval=0.001, async_mode="disabled")
    profiler.start()
    result = build([folder])
    profiler.stop()
    Path(out).write_text(profiler.output_text(unicode=False, color=False, show_all=False), encoding="utf-8")
    return {"docs": len(result.documents), "events": len(result.frame), "report": out}


def run_child(args: list[str], timeout: float) -> dict:
    cmd = [sys.executable, str(Path(__file__).resolve()), "--child", *args]
    try:
        out = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout, cwd=ROOT)
    except subprocess.TimeoutExpired:
        return {"error": f"timed out after {timeout:.0f} s"}
    if out.returncode != 0:
        return {"error": (out.stderr.strip().splitlines() or ["failed"])[-1]}
    return json.loads(out.stdout.strip().splitlines()[-1])


# --- the report ---------------------------------------------------------------------------------------

def fmt(v, spec=",.0f"):
    return "n/a" if v is None else format(v, spec)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sizes", default="1000,10000", help="corpus sizes, comma-separated (default: %(default)s)")
    ap.add_argument("--workers", default="1,2", help="worker counts for the build (default: %(default)s)")
    ap.add_argument("--engine", default="local", choices=("local", "dask"))
    ap.add_argument("--sample", type=int, default=1000,
                    help="search_dates is timed on at most this many articles and extrapolated (0: all)")
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--undated", type=float, default=0.05, help="share of articles with no date (default: %(default)s)")
    ap.add_argument("--language", default="en", help="language passed to search_dates, as the build knows it")
    ap.add_argument("--stream", action="store_true", help="time build_to_file (`build --stream`) instead of build()")
    ap.add_argument("--memory", action="store_true",
                    help="memory mode: peak RSS of the streaming build per size, no search_dates")
    ap.add_argument("--profile", action="store_true", help="write a pyinstrument profile of one build per size")
    ap.add_argument("--dir", help="where to write corpora (default: a temporary folder, removed after)")
    ap.add_argument("--timeout", type=float, default=9000,
                    help="seconds allowed for each measurement (100,000 articles take 25-80 min, see docs/performance.md)")
    ap.add_argument("--child", nargs="+", help=argparse.SUPPRESS)
    args = ap.parse_args(argv)

    if args.child:
        kind, *rest = args.child
        if kind == "search_dates":
            result = child_search_dates(rest[0], int(rest[1]), rest[2])
        elif kind == "build":
            result = child_build(rest[0], int(rest[1]), rest[2], rest[3] == "stream")
        else:
            result = child_profile(rest[0], rest[1])
        print(json.dumps(result))
        return 0

    sizes = [int(s) for s in args.sizes.split(",") if s]
    workers = [int(w) for w in args.workers.split(",") if w]
    base = Path(args.dir) if args.dir else Path(tempfile.mkdtemp(prefix="timeline-bench-"))
    print(f"# bench/throughput.py  cores={os.cpu_count()}  python={sys.version.split()[0]}  corpus in {base}  "
          f"load average {os.getloadavg()[0]:.1f}")
    rows = []
    try:
        for size in sizes:
            t0 = time.perf_counter()
            folder = make_corpus(base / f"corpus_{size}", size, args.seed, args.undated)
            print(f"corpus of {size:,} articles ready in {time.perf_counter() - t0:.1f} s", flush=True)
            if args.profile:
                report = base / f"profile_{size}.txt"
                r = run_child(["profile", str(folder), str(report)], args.timeout)
                print(r.get("error") or report.read_text(encoding="utf-8"))
                continue
            sd = None
            if not args.memory:
                sd = run_child(["search_dates", str(folder), str(args.sample), args.language], args.timeout)
                if "error" in sd:
                    print(f"search_dates: {sd['error']}")
                    sd = None
                else:
                    note = "" if sd["measured_docs"] == sd["docs"] else f" (timed on {sd['measured_docs']:,}, extrapolated)"
                    print(f"search_dates: {sd['seconds']:.1f} s ({sd['cpu']:.1f} s CPU) for {size:,} articles{note}, "
                          f"{sd['docs'] / sd['seconds']:,.0f} docs/s, peak RSS {sd['peak_rss_mb']:.0f} MB", flush=True)
            for w in workers:
                path = "stream" if args.stream or args.memory else "build"
                r = run_child(["build", str(folder), str(w), args.engine, path], args.timeout)
                if "error" in r:
                    print(f"build {size:,} x {w} workers: {r['error']}", flush=True)
                    continue
                r.update(size=size, workers=w, ratio=(r["seconds"] / sd["seconds"]) if sd else None,
                         cpu_ratio=(r["cpu"] / sd["cpu"]) if sd else None, sd=sd)
                rows.append(r)
                print(f"build {size:,} articles, {w} worker(s): {r['seconds']:.1f} s wall, {r['cpu']:.1f} s CPU, "
                      f"{r['events']:,} events, peak RSS {r['peak_rss_mb']:.0f} MB (largest worker "
                      f"{r['peak_rss_worker_mb']:.0f} MB), ratio {fmt(r['ratio'], '.2f')} (CPU {fmt(r['cpu_ratio'], '.2f')}), "
                      f"{r['problems']} input problems, {r.get('failed_count', 0)} articles failed", flush=True)
                for line in r.get("failed", ()):
                    print(f"    {line}", flush=True)
    finally:
        if not args.dir:
            import shutil

            shutil.rmtree(base, ignore_errors=True)
    if not rows:
        return 0 if args.profile else 1
    print()
    print(f"\nload average now {os.getloadavg()[0]:.1f} (above {os.cpu_count()}: other work shared the cores; "
          f"the CPU-time ratio is then the steadier figure)\n")
    print(f"path: {'build_to_file (--stream)' if args.stream or args.memory else 'build() + write_events'}")
    print("| articles | workers | engine | build s | build CPU s | docs/s | events | events/s "
          "| peak RSS MB (main / worker) | search_dates s (CPU s) | build / search_dates | same, CPU time |")
    print("|---:|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    for r in rows:
        worker_rss = f" / {r['peak_rss_worker_mb']:.0f}" if r["workers"] > 1 else ""
        sd = r["sd"]
        sd_text = f"{sd['seconds']:.1f} ({sd['cpu']:.1f})" + ("*" if sd["measured_docs"] < sd["docs"] else "") if sd else "n/a"
        print(f"| {r['size']:,} | {r['workers']} | {args.engine} | {r['seconds']:.1f} | {r['cpu']:.1f} "
              f"| {r['docs'] / r['seconds']:,.0f} | {r['events']:,} | {r['events'] / r['seconds']:,.0f} "
              f"| {r['peak_rss_mb']:.0f}{worker_rss} | {sd_text} | {fmt(r['ratio'], '.2f')} | {fmt(r['cpu_ratio'], '.2f')} |")
    if any(r["sd"] and r["sd"]["measured_docs"] < r["sd"]["docs"] for r in rows):
        print(f"\n* search_dates timed on {args.sample:,} articles spread over the corpus, extrapolated")
    if args.memory and len(rows) > 1:
        first, last = rows[0], rows[-1]
        slope = (last["peak_rss_mb"] - first["peak_rss_mb"]) / max(1, last["size"] - first["size"]) * 1000
        print(f"\npeak RSS grows {slope:.2f} MB per 1,000 articles between {first['size']:,} and {last['size']:,}; "
              f"target: under 1,024 MB at 100,000")
    elif any(r["ratio"] is not None for r in rows):
        print("\ntarget: build / search_dates <= 0.50")
    return 0


if __name__ == "__main__":
    sys.exit(main())
