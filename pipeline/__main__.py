"""Command line: `python -m pipeline build|timex ...`. Parses options, calls the core, prints results."""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from .config import DEFAULTS, ENGINES


def _cmd_build(args) -> int:
    from .build import build_to_file

    def progress(i, n, name):
        if not args.quiet:
            print(f"\r[{i}/{n}] {name}"[:100].ljust(60), end="", file=sys.stderr, flush=True)

    # Streams events through Parquet in batches, so a corpus of any size builds in bounded memory.
    settings = {"workers": args.workers, "engine": args.engine, "scheduler": args.scheduler or ""}
    result = build_to_file(args.inputs or None, args.out, settings, progress=progress)
    if not args.quiet:
        print(file=sys.stderr)
    for problem in result.problems:
        print(f"warning: {problem}", file=sys.stderr)
    print(f"{result.events} events from {result.documents} articles -> {result.path}")
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


# --- export (dashboard exports for scripted briefings) ----------------------------------------------
def _cmd_export(args) -> int:
    from datetime import date

    from .export import export_bytes
    from .filters import FilterState, filter_events
    from .store import scan

    if args.format in ("csv", "json"):
        charts = None
    else:
        from . import charts
    state = FilterState(start=args.start or None, end=args.end or None, context=args.all_dates,
                        actors=tuple(args.actor), countries=tuple(args.country), event_types=tuple(args.event_type),
                        sources=tuple(args.source), sections=tuple(args.section or ("body",)), text=args.search,
                        lane=args.lane)
    frame = filter_events(scan(args.events), state)
    fig = None
    if charts is not None:
        builders = {"timeline": lambda: charts.timeline_figure(frame, lane=state.lane, focus=(state.start, state.end),
                                                               only=state.lanes_chosen()),
                    "weekly": lambda: charts.weekly_figure(frame, state.lane, only=state.lanes_chosen()),
                    "network": lambda: charts.network_figure(frame)}
        fig = builders[args.chart]()
    data = export_bytes(frame, args.format, fig=fig, filters=state.describe(), title=args.title,
                        generated=args.date or date.today().isoformat())
    out = Path(args.out)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_bytes(data)
    print(f"{frame['cluster_id'].nunique()} events ({len(frame)} mentions) -> {out} ({args.format}, {len(data):,} bytes)")
    return 0
# --- end export ------------------------------------------------------------------------------------


def make_parser() -> argparse.ArgumentParser:
    """The CLI's parser: one subcommand per pipeline entry point."""
    parser = argparse.ArgumentParser(prog="python -m pipeline", description="Geopolitical timeline pipeline.")
    sub = parser.add_subparsers(dest="command", required=True)

    p = sub.add_parser("build", help="extract events from articles and write the events file")
    p.add_argument("inputs", nargs="*", help="article files or folders (default: seeds/)")
    p.add_argument("--out", default=DEFAULTS["out"], help="events file: .parquet, .csv or .json (default: %(default)s)")
    p.add_argument("-q", "--quiet", action="store_true", help="no progress output")
    p.add_argument("--workers", type=int, default=DEFAULTS["workers"],
                   help="processes for the per-article stages (default: %(default)s)")
    p.add_argument("--engine", choices=ENGINES, default=DEFAULTS["engine"],
                   help="local processes, or Dask: a LocalCluster of --workers, or --scheduler (default: %(default)s)")
    p.add_argument("--scheduler", metavar="ADDRESS", help="Dask scheduler address (tcp://host:8786) for --engine dask")
    p.set_defaults(func=_cmd_build)

    p = sub.add_parser("timex", help="tag temporal expressions (JSON lines on stdin, or one FILE)")
    p.add_argument("file", nargs="?", help="a text file to tag (default: JSON lines on stdin)")
    p.add_argument("--dct", help="document creation time, YYYY-MM-DD")
    p.set_defaults(func=_cmd_timex)

    p = sub.add_parser("export", help="export a chart, the filtered events or a briefing pack, as the dashboard does")
    p.add_argument("--events", default=DEFAULTS["out"], help="events file: .parquet, .csv or .json (default: %(default)s)")
    p.add_argument("--format", required=True, choices=["png", "svg", "pdf", "html", "csv", "json", "briefing-pdf"],
                   help="png/svg/pdf need Chromium (sudo apt-get install chromium); html/csv/json/briefing-pdf do not")
    p.add_argument("--out", required=True, help="file to write")
    p.add_argument("--chart", default="timeline", choices=["timeline", "weekly", "network"], help="chart to draw")
    p.add_argument("--start", default=DEFAULTS["focus_start"], help="first date, YYYY-MM-DD (default: %(default)s)")
    p.add_argument("--end", default=DEFAULTS["focus_end"], help="last date, YYYY-MM-DD (default: %(default)s)")
    p.add_argument("--all-dates", action="store_true", help="ignore the date range (context events too)")
    p.add_argument("--country", action="append", default=[], help="ISO 3166-1 alpha-3 code; repeat for several")
    p.add_argument("--actor", action="append", default=[], help="actor name; repeat for several")
    p.add_argument("--event-type", action="append", default=[], help="event type; repeat for several")
    p.add_argument("--source", action="append", default=[], help="outlet; repeat for several")
    p.add_argument("--section", action="append", choices=["body", "caption", "teaser", "comment", "boilerplate"],
                   help="sections to include (default: body only); repeat for several")
    p.add_argument("--search", default="", help="free text to look for in headline, quote, actors, places")
    p.add_argument("--lane", default="countries", choices=["countries", "actors"], help="timeline lanes")
    p.add_argument("--title", default="Geopolitical timeline briefing", help="briefing title")
    p.add_argument("--date", help="date printed on the briefing (default: today)")
    p.set_defaults(func=_cmd_export)
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
