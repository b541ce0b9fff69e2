"""A hostile corpus, built (issue 17): every bad file named in one line, the good articles' events intact,
peak memory under 1 GB and no article over 60 s.

    PYTHONPATH=$PWD .venv/bin/python bench/hostile.py                    # every case alone, then the whole corpus
    PYTHONPATH=$PWD .venv/bin/python bench/hostile.py --cases alias_bomb,huge_10mb --no-corpus
    PYTHONPATH=$PWD .venv/bin/python bench/hostile.py --repo /tmp/base   # another checkout of the project (before)

Each case writes its file(s) into a folder of its own (`--keep DIR` keeps them). Each build runs in a child
process (this script, `--child`) under an address-space cap (`--cap-gb`, default 6: a regression cannot take
the machine down) and a timeout (`--timeout`); the child reports its time, the problems the build named, the
events per article, and its peak memory (`ru_maxrss` of itself and of its worker processes). A case passes when
what it expects happens: `named` (a problem names its file, each problem one line), `built` (its articles give
events, none skipped), or both. The whole corpus (every case plus the seed articles) is then built three ways
(in memory, `--stream`, `--stream --workers 2`): every case must be named as alone, and the seed articles'
events must be those of a build of the seeds alone.
"""
from __future__ import annotations

import argparse
import codecs
import csv
import hashlib
import json
import os
import random
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from article_length import seed_text  # the seed articles one after another (bench/ is on the path)

ROOT = Path(__file__).resolve().parent.parent

# --- the cases ----------------------------------------------------------------------------------------

ARTICLE = "Troops crossed the border near {place} on 3 March 2020, officials said.\n"
PLACES = iter(f"Town{i}" for i in range(1000))


def article(place: str | None = None) -> str:
    """A one-sentence article that gives one event (each case its own place, so no two cases are duplicates)."""
    return ARTICLE.format(place=place or next(PLACES))


def _bomb(levels: int = 8) -> str:
    lines = ['a0: &a0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    lines += [f"a{i}: &a{i} [{','.join([f'*a{i - 1}'] * 9)}]" for i in range(1, levels)]
    return "---\n" + "\n".join(lines) + f"\ntitle: *a{levels - 1}\n---\n"


def _paragraph_page(n: int) -> str:
    rng = random.Random(1)
    words = "the minister said talks would continue next week after troops crossed the border".split()
    paras = "\n".join(f"<p>{' '.join(rng.choice(words) for _ in range(15))} on {1 + i % 28} March 2020.</p>"
                      for i in range(n))
    return f"<html><head><title>A long page</title></head><body><article>{paras}</article></body></html>"


def _pdf_bomb() -> bytes:
    """A one-page PDF whose content stream, 2.7 MB packed, unpacks to 1.4 GB."""
    import zlib

    z = zlib.compressobj(9)
    packed = b"".join(z.compress(b"0 0 Td (A) Tj " * 100_000) for _ in range(1000)) + z.flush()
    objs = [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R >>",
            b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(packed) + packed + b"\nendstream"]
    out, offsets = b"%PDF-1.4\n", []
    for i, o in enumerate(objs, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % i + o + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objs) + 1) + b"".join(b"%010d 00000 n \n" % o for o in offsets)
    return out + b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objs) + 1, xref)


def _docx_bomb() -> bytes:
    """A .docx (a ZIP) whose document part, a few hundred KB packed, unpacks to 1 GB."""
    import io
    import zipfile

    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        with z.open("word/document.xml", "w", force_zip64=True) as fh:
            for _ in range(1000):
                fh.write(b"\0" * 1_000_000)
    return buf.getvalue()


def _write(folder: Path, name: str, content) -> None:
    path = folder / name
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")


def _sidecar(folder: Path, rows: list[list[str]]) -> None:
    """A sources.csv with every metadata column (rows give file, source, published; the others stay empty)."""
    with open(folder / "sources.csv", "w", newline="", encoding="utf-8") as fh:
        csv.writer(fh).writerows([["file", "source", "published", "title", "url", "language"],
                                  *[[*row, "", "", ""] for row in rows]])


# name -> (what it must give: "named", "built" or "named built", what it is, writer(folder))
CASES: dict = {
    "alias_bomb": ("named built", "a 452-byte YAML alias bomb in front matter",
                   lambda f: _write(f, "bomb.md", _bomb() + article())),
    "date_feb30": ("named built", "published: 2020-02-30", lambda f: _write(f, "feb30.md", "---\npublished: 2020-02-30\n---\n" + article())),
    "date_year0": ("named built", "published: 0000-01-01", lambda f: _write(f, "year0.md", "---\npublished: 0000-01-01\n---\n" + article())),
    "date_future": ("named built", "published: 9999-12-31, and -0001-01-01",
                    lambda f: (_write(f, "future.md", "---\npublished: 9999-12-31\n---\n" + article()),
                               _write(f, "minus.md", "---\npublished: '-0001-01-01'\n---\n" + article()))),
    "int_5000_json": ("named built", "a 5,000-digit integer in JSON",
                      lambda f: _write(f, "bigint.json", '{"text": "%s", "published": %s}' % (article().strip(), "9" * 5000))),
    "int_5000_yaml": ("named built", "a 5,000-digit !!int in front matter",
                      lambda f: _write(f, "bigint.md", f"---\npublished: !!int {'9' * 5000}\n---\n" + article())),
    "csv_field_200k": ("named built", "a 200,000-character field in sources.csv",
                       lambda f: (_sidecar(f, [["a.txt", "x" * 200_000, "2020-03-01"]]), _write(f, "a.txt", article()))),
    "title_200k": ("named built", "a 200,000-character title in front matter",
                   lambda f: _write(f, "longtitle.md", f"---\ntitle: {'t' * 200_000}\n---\n" + article())),
    "list_metadata": ("named built", "title a list, source an object, published NaN in JSON",
                      lambda f: _write(f, "lists.json", '{"text": "%s", "title": [1, 2], "source": {"a": 1}, '
                                                        '"published": NaN}' % article().strip())),
    "binary_txt": ("named", "random bytes named .txt", lambda f: _write(f, "random.txt", random.Random(2).randbytes(50_000))),
    "png_txt": ("named", "a PNG named .txt", lambda f: _write(f, "image.txt", b"\x89PNG\r\n\x1a\n" + bytes(2000))),
    "zip_txt": ("named", "a ZIP named .txt", lambda f: _write(f, "archive.txt", b"PK\x03\x04" + bytes(2000))),
    "cp1251": ("named built", "Russian text in cp1251",
               lambda f: _write(f, "ru.txt", ("Войска пересекли границу 3 марта 2020 года, заявили официальные лица "
                                              "в Москве.\n").encode("cp1251"))),
    "utf16_no_bom": ("named built", "UTF-16 without a byte-order mark",
                     lambda f: _write(f, "utf16.txt", article().encode("utf-16-le"))),
    "broken_utf8": ("named built", "UTF-8 with latin-1 bytes inside and a cut character at the end",
                    lambda f: _write(f, "broken.txt", article().encode() + "café ".encode("latin-1") + "é".encode()[:1])),
    "nul_bytes": ("named built", "stray NUL and control bytes in an article",
                  lambda f: _write(f, "nul.txt", "".join(article() for _ in range(40)).replace(" ", " \x00", 3).encode() + b"\x07")),
    "deep_json": ("named", "JSON nested 200,000 deep", lambda f: _write(f, "deep.json", "[" * 200_000 + "]" * 200_000)),
    "deep_yaml": ("named built", "front matter nested 5,000 deep",
                  lambda f: _write(f, "deep.md", f"---\ntitle: {'[' * 5000}{']' * 5000}\n---\n" + article())),
    "bad_yaml": ("named built", "front matter that is not YAML",
                 lambda f: _write(f, "badyaml.md", "---\ntitle: [unclosed\npublished: {\n---\n" + article())),
    "python_tag": ("named built", "a !!python/object tag in front matter",
                   lambda f: _write(f, "pytag.md", "---\ntitle: !!python/object/apply:os.system ['true']\n---\n" + article())),
    "entity_bomb": ("built", "XML entity expansion (billion laughs) in an .xhtml page",
                    lambda f: _write(f, "entities.xhtml", '<?xml version="1.0"?><!DOCTYPE html [<!ENTITY a "lollollol">'
                                     + "".join(f'<!ENTITY {b} "{("&" + a + ";") * 10}">' for a, b in zip("abcdefgh", "bcdefghi"))
                                     + f']><html><body><p>&i;</p><p>{article()}</p></body></html>')),
    "empty": ("named", "an empty file and a whitespace-only one",
              lambda f: (_write(f, "empty.txt", ""), _write(f, "blank.md", " \n\n\t\n"))),
    "truncated_jsonl": ("named built", "JSON lines, the last one cut",
                        lambda f: _write(f, "cut.jsonl", json.dumps({"text": article()}) + "\n" + json.dumps({"text": article()})[:30])),
    "conflict": ("named built", "sources.csv contradicts the file's own date and source",
                 lambda f: (_sidecar(f, [["a.md", "AP", "2021-01-01"]]),
                            _write(f, "a.md", "---\npublished: 2020-03-01\nsource: Reuters\n---\n" + article()))),
    "wire_1999": ("built", "three wire copies of one sentence plus an article 'in 1999'",
                  lambda f: ([_write(f, f"wire-{s}.txt", f"Report by {s} desk staff writers.\n\n"
                                     "Troops crossed the border on 3 March 2020, officials said.\n") for s in ("a", "b", "c")],
                             _write(f, "old.txt", "Troops crossed the border in 1999, officials said.\n"))),
    "over_max_bytes": ("named", "a 21 MB article (over max_article_bytes)",
                       lambda f: _write(f, "huge.txt", ("word " * 4_200_000) + "\n")),
    "huge_10mb": ("built", "a 10 MB article (the seed articles over and over)", lambda f: _write(f, "ten.txt", seed_text(10_000_000))),
    "one_sentence": ("built", "a 1.2 MB 'sentence': 60,000 dates joined by 'and'",
                     lambda f: _write(f, "run.txt", "Officials met " + " and ".join(f"on {1 + i % 28} March 2020"
                                                                                  for i in range(60_000)) + ".\n")),
    "fifo": ("named", "a named pipe called pipe.txt (reading it would block the build)", lambda f: os.mkfifo(f / "pipe.txt")),
    "dev_zero": ("named", "a link to /dev/zero called zero.txt (reading it would never end)",
                 lambda f: (f / "zero.txt").symlink_to("/dev/zero")),
    "dead_link": ("named", "a link to a file that is gone, and a link to itself",
                  lambda f: ((f / "gone.txt").symlink_to(f / "nothing.txt"), (f / "loop.md").symlink_to(f / "loop.md"))),
    "bad_name": ("built", "a file name with bytes that are not UTF-8",
                 lambda f: _write(f, os.fsdecode(b"bad\xffname.txt"), article())),
    "pdf_bomb": ("named", "a PDF whose content stream unpacks to 1.4 GB", lambda f: _write(f, "bomb.pdf", _pdf_bomb())),
    "docx_bomb": ("named", "a .docx whose document part unpacks to 1 GB", lambda f: _write(f, "bomb.docx", _docx_bomb())),
    "paragraphs_150k": ("named", "a 17 MB HTML page of 150,000 paragraphs, a date in each",
                        lambda f: _write(f, "paragraphs.html", _paragraph_page(150_000))),
}


# --- the child: one build, reported as JSON ------------------------------------------------------------

def child(mode: str, corpus: str, out: str) -> None:
    """Build `corpus` (in memory, --stream, or --stream --workers 2) and print what the parent reads."""
    from pipeline.build import build, build_to_file

    settings = {"out": out, "cache": False}
    started = time.perf_counter()
    if mode == "memory":
        result = build([corpus], settings)
        frame, problems = result.frame, result.problems
    else:
        import pandas as pd

        summary = build_to_file([corpus], out, {**settings, "workers": 2 if mode == "workers" else 1})
        frame, problems = pd.read_parquet(out), summary.problems
    seconds = time.perf_counter() - started
    events = {}
    for doc_id, ids in frame.groupby("doc_id")["event_id"]:
        events[str(doc_id)] = [len(ids), hashlib.sha1("".join(sorted(ids)).encode()).hexdigest()[:12]]
    peak = max(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
    print(json.dumps({"seconds": seconds, "peak_mb": peak / 1024, "events": events,
                      "problems": [[p.path, p.problem, bool(p.fatal)] for p in problems]}))


def run_child(repo: Path, mode: str, corpus: Path, out: Path, cap_gb: float, timeout: float) -> dict:
    """One build in a child process of `repo`, capped; {'error': ...} when it crashed, ran out or timed out."""
    def limit():
        cap = int(cap_gb * 2**30)
        resource.setrlimit(resource.RLIMIT_AS, (cap, cap))

    env = {**os.environ, "PYTHONPATH": str(repo)}
    cmd = [sys.executable, str(Path(__file__).resolve()), "--child", mode, str(corpus), str(out)]
    started = time.perf_counter()
    try:
        proc = subprocess.run(cmd, cwd=repo, env=env, capture_output=True, text=True, timeout=timeout, preexec_fn=limit)
    except subprocess.TimeoutExpired:
        return {"error": f"no result after {timeout:.0f} s (killed)", "wall": time.perf_counter() - started}
    wall = time.perf_counter() - started
    if proc.returncode != 0 or not proc.stdout.strip():
        lines = [ln for ln in proc.stderr.strip().splitlines() if ln.strip()]
        why = lines[-1] if lines else f"exit {proc.returncode}"
        return {"error": f"crashed: {why[:160]}", "wall": wall}
    return {**json.loads(proc.stdout.strip().splitlines()[-1]), "wall": wall}


# --- judging ---------------------------------------------------------------------------------------------

def printable_name(name: str) -> str:
    """A file name as the build names its article (bytes that are not UTF-8 become U+FFFD)."""
    return name.encode("utf-8", "surrogateescape").decode("utf-8", "replace")


PEAK_MB = 1024  # issue 17: peak memory under 1 GB (no article over 60 s: the build's own article_seconds budget)


def judge(expect: str, folder: Path, report: dict) -> tuple[bool, str, str]:
    """(passed, outcome, first problem naming a file of the case) for one case's report; over PEAK_MB of
    memory fails whatever was named."""
    if "error" in report:
        return False, report["error"], ""
    mine = [p for p in report["problems"] if Path(p[0]).parent.resolve().is_relative_to(folder.resolve())]
    one_line = all("\n" not in p[1] and len(p[1]) < 400 for p in mine)
    stems = {printable_name(p.stem) for p in folder.iterdir() if p.name != "sources.csv"}
    built = {d for d, (n, _h) in report["events"].items() if n and any(d == s or d.startswith(s + "-") for s in stems)}
    skipped = [p for p in mine if p[2] and Path(p[0]).name != "sources.csv"]
    ok = True
    if "named" in expect:
        ok &= bool(mine) and one_line
    if "built" in expect:
        ok &= bool(built) and not skipped
    ok &= report["peak_mb"] < PEAK_MB
    outcome = ("named" if mine else "") + (" + built" if built else "") + (" (skipped)" if skipped else "")
    outcome += f" (over {PEAK_MB} MB)" if report["peak_mb"] >= PEAK_MB else ""
    mine.sort(key=lambda p: (not p[2], "column(s)" in p[1]))  # the skipped first, the missing-column note last
    first = f"{Path(mine[0][0]).name}: {mine[0][1]}" if mine else ""
    return ok, outcome.strip(" +") or "nothing", first


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--child", nargs=3, metavar=("MODE", "CORPUS", "OUT"), help=argparse.SUPPRESS)
    ap.add_argument("--repo", default=str(ROOT), help="the checkout whose pipeline builds (default: this one)")
    ap.add_argument("--cases", help="comma-separated case names (default: all)")
    ap.add_argument("--no-corpus", action="store_true", help="only the cases alone, not the whole corpus")
    ap.add_argument("--modes", default="memory,stream,workers", help="whole-corpus builds (default: %(default)s)")
    ap.add_argument("--cap-gb", type=float, default=6.0, help="address-space cap of each build (default: %(default)s)")
    ap.add_argument("--timeout", type=float, default=300.0, help="seconds a build may take (default: %(default)s)")
    ap.add_argument("--keep", help="write the corpus here and keep it (default: a temporary folder)")
    ap.add_argument("--json", help="also write the results here")
    args = ap.parse_args(argv)
    if args.child:
        child(*args.child)
        return 0
    repo = Path(args.repo).resolve()
    names = args.cases.split(",") if args.cases else list(CASES)
    unknown = [n for n in names if n not in CASES]
    if unknown:
        ap.error(f"unknown case(s) {', '.join(unknown)}; choose from {', '.join(CASES)}")
    base = Path(args.keep) if args.keep else Path(tempfile.mkdtemp(prefix="hostile-"))
    corpus, outs = base / "corpus", base / "out"
    shutil.rmtree(corpus, ignore_errors=True)
    outs.mkdir(parents=True, exist_ok=True)
    for name in names:
        (corpus / name).mkdir(parents=True)
        CASES[name][2](corpus / name)
    results, failed = {"cases": {}, "corpus": {}}, 0
    print(f"{'case':<17} {'expect':<12} {'result':<15} {'s':>6} {'MB':>6}  first problem named")
    for name in names:
        expect, _what, _write_it = CASES[name]
        report = run_child(repo, "memory", corpus / name, outs / f"{name}.parquet", args.cap_gb, args.timeout)
        ok, outcome, first = judge(expect, corpus / name, report)
        failed += not ok
        secs = report.get("seconds", report["wall"])
        print(f"{name:<17} {expect:<12} {('ok ' if ok else 'FAIL ') + outcome:<15} {secs:6.1f} "
              f"{report.get('peak_mb', float('nan')):6.0f}  {first[:110]}", flush=True)
        results["cases"][name] = {"expect": expect, "ok": ok, "outcome": outcome, "seconds": secs,
                                  "peak_mb": report.get("peak_mb"), "first_problem": first}
    if not args.no_corpus:
        shutil.copytree(ROOT / "seeds", corpus / "good")
        alone = run_child(repo, "memory", corpus / "good", outs / "good.parquet", args.cap_gb, args.timeout)
        for mode in args.modes.split(","):
            report = run_child(repo, mode, corpus, outs / f"corpus-{mode}.parquet", args.cap_gb, args.timeout * 3)
            if "error" in report:
                ok, summary = False, report["error"]
            else:
                unnamed = [n for n in names if "named" in CASES[n][0] and not judge(CASES[n][0], corpus / n, report)[0]]
                intact = all(report["events"].get(d) == v for d, v in alone.get("events", {}).items())
                ok = not unnamed and intact and "error" not in alone and report["peak_mb"] < PEAK_MB
                summary = (f"{sum(n for n, _ in report['events'].values())} events, {len(report['problems'])} problems; "
                           f"seed articles' events {'intact' if intact else 'CHANGED'}"
                           + (f"; not named: {', '.join(unnamed)}" if unnamed else "")
                           + (f"; peak over {PEAK_MB} MB" if report["peak_mb"] >= PEAK_MB else ""))
            failed += not ok
            print(f"whole corpus {mode:<8} {'ok' if ok else 'FAIL':<4} {report.get('seconds', report['wall']):6.1f} s "
                  f"{report.get('peak_mb', float('nan')):6.0f} MB  {summary}", flush=True)
            results["corpus"][mode] = {"ok": ok, "seconds": report.get("seconds", report["wall"]),
                                       "peak_mb": report.get("peak_mb"), "summary": summary}
    if args.json:
        Path(args.json).write_text(json.dumps(results, indent=1))
    if not args.keep:
        shutil.rmtree(base, ignore_errors=True)
    print(f"{failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
