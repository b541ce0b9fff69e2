"""Command line: `python -m pipeline build|timex ...`. Parses options, calls the core, prints results."""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from .config import DEFAULTS


def _cmd_build(args) -> int:
    from .build import build
    from .export import write_events

    def progress(i, n, name):
        if not args.quiet:
            print(f"\r[{i}/{n}] {name}"[:100].ljust(60), end="", file=sys.stderr, flush=True)

    result = build(args.inputs or None, progress=progress)
    if not args.quiet:
        print(file=sys.stderr)
    for problem in result.problems:
        print(f"warning: {problem}", file=sys.stderr)
    out = write_events(result.frame, args.out)
    print(f"{len(result.frame)} events from {len(result.documents)} articles -> {out}")
    return 0 if result.documents or not result.problems else 1


def _cmd_timex(args) -> int:
    from .timex import find_timexes

    def emit(doc_id, text, dct):
        timexes = find_timexes(text, dct)
        rec = {"id": doc_id, "timexes": [
            {"start": t.start, "end": t.end, "text": t.text, "type": t.type, "value": t.value} for t in timexes]}
        print(json.dumps(rec, ensure_ascii=False))

    from .timex_resolve import Anchor

    if args.dct is not None and Anchor.parse(args.dct) is None:
        print(f"error: --dct {args.dct!r} is not a date; give YYYY-MM-DD (or YYYY-MM, YYYY)", file=sys.stderr)
        return 2
    if args.file:
        text = Path(args.file).read_text(encoding="utf-8")
        emit(Path(args.file).stem, text, args.dct)
        return 0
    for n, line in enumerate(sys.stdin, 1):
        if not line.strip():
            continue
        try:
            rec = json.loads(line)
            emit(rec.get("id"), rec["text"], rec.get("dct"))
        except (ValueError, KeyError) as exc:
            print(f"error: stdin line {n}: {exc}; expected JSON with 'id', 'text', 'dct'", file=sys.stderr)
            return 2
    return 0


def make_parser() -> argparse.ArgumentParser:
    """The CLI's parser: one subcommand per pipeline entry point."""
    parser = argparse.ArgumentParser(prog="python -m pipeline", description="Geopolitical timeline pipeline.")
    sub = parser.add_subparsers(dest="command", required=True)

    p = sub.add_parser("build", help="extract events from articles and write the events file")
    p.add_argument("inputs", nargs="*", help="article files or folders (default: seeds/)")
    p.add_argument("--out", default=DEFAULTS["out"], help="events file: .parquet, .csv or .json (default: %(default)s)")
    p.add_argument("-q", "--quiet", action="store_true", help="no progress output")
    p.set_defaults(func=_cmd_build)

    p = sub.add_parser("timex", help="tag temporal expressions (JSON lines on stdin, or one FILE)")
    p.add_argument("file", nargs="?", help="a text file to tag (default: JSON lines on stdin)")
    p.add_argument("--dct", help="document creation time, YYYY-MM-DD")
    p.set_defaults(func=_cmd_timex)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = make_parser().parse_args(argv)
    try:
        return args.func(args)
    except Exception as exc:  # one line, named, non-zero: no tracebacks for analysts
        print(f"error: {type(exc).__name__}: {exc}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
