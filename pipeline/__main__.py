"""Command line: `python -m pipeline build|timex ...`. Parses options, calls the core, prints results."""
from __future__ import annotations

import argparse
import json
import sys
import traceback
from pathlib import Path

from .config import DEFAULTS, ENGINES
from .errors import PipelineError


def _cmd_build(args) -> int:
    from .run.memory import build
    from .run.lock import build_lock
    from .run.stream import build_to_file
    from .frame.io import write_events

    settings = {"out": args.out, "cache": not args.no_cache}
    if args.db:
        settings["db"] = args.db
    bars: list = []  # the tqdm bar, made at the first report, when the number of articles is known

    def progress(i, n, name):
        if args.quiet or not sys.stderr.isatty():
            return
        if not bars:
            from tqdm import tqdm

            bars.append(tqdm(total=n, unit="article", file=sys.stderr, leave=False, dynamic_ncols=True))
        bars[0].set_postfix_str(name[:40], refresh=False)
        bars[0].update(i - bars[0].n)

    settings.update({"workers": args.workers, "engine": args.engine, "scheduler": args.scheduler or "",
                     "article_seconds": args.article_seconds, "article_events": args.article_events})
    if args.stream or args.engine == "dask":
        # Streams events through Parquet in batches, so a corpus of any size builds in bounded memory.
        try:
            summary = build_to_file(args.inputs or None, args.out, settings, progress=progress)
        finally:
            for bar in bars:
                bar.close()
        for problem in summary.problems:
            print(f"{'skipped' if problem.fatal else 'warning'}: {problem}", file=sys.stderr)
        print(f"{summary.events} events from {summary.documents} articles -> {summary.path}")
        return 0 if summary.documents or not summary.problems else 1

    with build_lock(args.out):  # one build at a time per events file (issue 17)
        try:
            result = build(args.inputs or None, settings=settings, progress=progress)
        finally:
            for bar in bars:
                bar.close()
        for problem in result.problems:
            print(f"{'skipped' if problem.fatal else 'warning'}: {problem}", file=sys.stderr)
        out = write_events(result.frame, args.out)
    stats = result.stats
    reused = f" ({stats.get('reused', 0)} unchanged, reused from the cache)" if stats.get("reused") else ""
    verified = int(result.frame["verified"].sum()) if "verified" in result.frame else 0
    orphans = result.frame.attrs.get("curation_orphans") or []
    print(f"{len(result.frame)} events ({verified} verified) from {len(result.documents)} articles{reused} -> {out}")
    for o in orphans:
        print(f"warning: curation #{o['id']} ({o['action']} {o['target']}): its event is no longer in the articles",
              file=sys.stderr)
    return 0 if result.documents or not result.problems else 1


def _cmd_curate(args) -> int:
    from .frame import curation
    from .config import validate_settings
    from .frame.io import read_events

    settings = validate_settings({"out": args.events, **({"db": args.db} if args.db else {})})
    db = curation.default_db_path(settings)
    frame = read_events(args.events) if Path(args.events).exists() and args.action not in ("log", "undo") else None
    act = args.action
    if act == "verify":
        cid = curation.verify(db, args.event_id, args.who, frame, note=args.note)
    elif act == "hide":
        cid = curation.hide(db, args.event_id, args.who, frame, note=args.note)
    elif act == "correct":
        changes = {k: v for k, v in {
            "date_value": args.date, "date_text": args.date_text, "date_start": args.date_start,
            "date_end": args.date_end, "actors": args.actors, "countries": args.countries,
            "locations": args.locations, "event_type": args.type, "headline": args.headline}.items() if v is not None}
        cid = curation.correct(db, args.event_id, changes, args.who, frame, note=args.note)
    elif act == "merge":
        cid = curation.merge_clusters(db, args.cluster_ids, args.who, frame, into=args.into, note=args.note)
    elif act == "split":
        cid = curation.split_events(db, args.event_ids, args.who, frame, note=args.note)
    elif act == "add":
        fields = {k: v for k, v in {
            "date_value": args.date, "date_text": args.date_text, "headline": args.headline, "quote": args.quote,
            "source": args.source, "url": args.url, "title": args.title, "actors": args.actors,
            "countries": args.countries, "locations": args.locations, "event_type": args.type}.items() if v is not None}
        cid, event_id = curation.add_event(db, fields, args.who, note=args.note)
        print(f"added event {event_id}")
    elif act == "undo":
        row = curation.undo(db, args.who, args.curation_id)
        print(f"undone: #{row['id']} {row['action']} {row['target']} (by {row['who']} at {row['at']})")
        return 0
    elif act == "log":
        log = curation.history(db, args.target)
        if not len(log):
            print(f"no curations in {db}")
        for r in log.itertuples():
            undone = f"  [undone by {r.undone_by} at {r.undone_at}]" if isinstance(r.undone_at, str) else ""
            change = f"  before {r.before} after {r.payload}" if r.action == "correct" else ""
            print(f"#{r.id} {r.at} {r.who}: {r.action} {r.target}{change}{undone}")
        return 0
    else:  # add-person
        entry = curation.add_person(args.registry or settings["user_registry"], args.name, args.who,
                                    country=args.country, role=args.role, since=args.since, until=args.until,
                                    aliases=(args.aliases or "").split(";"))
        print(f"added {entry['name']} to {args.registry or settings['user_registry']}")
        return 0
    print(f"curation #{cid} saved in {db}; rebuild to apply it to {args.events}")
    return 0


def _cmd_timex(args) -> int:
    from .timex import find_timexes

    def emit(doc_id, text, dct):
        timexes = find_timexes(text, dct)
        rec = {"id": doc_id, "timexes": [
            {"start": t.start, "end": t.end, "text": t.text, "type": t.type, "value": t.value} for t in timexes]}
        print(json.dumps(rec, ensure_ascii=False))

    from .timex.resolve import Anchor

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

    from .explore.exports import export_bytes
    from .explore.filters import FilterState, filter_events
    from .explore.query import scan

    if args.format in ("csv", "json"):
        charts = None
    else:
        from .explore import charts
    state = FilterState(start=args.start or None, end=args.end or None, context=args.all_dates,
                        actors=tuple(args.actor), countries=tuple(args.country), event_types=tuple(args.event_type),
                        sources=tuple(args.source), sections=tuple(args.section or ("body",)), text=args.search,
                        lane=args.lane)
    frame = filter_events(scan(args.events), state)
    fig = None
    if charts is not None:  # the same chart registry as the dashboard's views
        fig = charts.chart_figure(args.chart, frame, state, focus=(state.start, state.end))
    data = export_bytes(frame, args.format, fig=fig, filters=state.describe(), title=args.title,
                        generated=args.date or date.today().isoformat())
    out = Path(args.out)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_bytes(data)
    print(f"{frame['cluster_id'].nunique()} events ({len(frame)} mentions) -> {out} ({args.format}, {len(data):,} bytes)")
    return 0
# --- end export ------------------------------------------------------------------------------------


def _add_curate_parser(sub) -> None:
    p = sub.add_parser("curate", help="verify, hide, correct, merge, split or add events; undo; show the log")
    p.add_argument("--events", default=DEFAULTS["out"], help="events file the ids come from (default: %(default)s)")
    p.add_argument("--db", help="curation database (default: curations.sqlite next to --events)")
    p.add_argument("--who", help="your name for the audit trail (default: the login name)")
    p.add_argument("--note", help="why, for the audit trail")
    # --who and --note may also follow the action (`curate hide ID --note why`).
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--who", default=argparse.SUPPRESS, help="your name for the audit trail")
    common.add_argument("--note", default=argparse.SUPPRESS, help="why, for the audit trail")
    acts = p.add_subparsers(dest="action", required=True)
    a = acts.add_parser("verify", parents=[common], help="mark an event as checked")
    a.add_argument("event_id")
    a = acts.add_parser("hide", parents=[common], help="hide a wrong or irrelevant event")
    a.add_argument("event_id")
    a = acts.add_parser("correct", parents=[common], help="correct an event's date, actors, countries, type or headline")
    a.add_argument("event_id")
    for name in ("date", "date-text", "date-start", "date-end", "actors", "countries", "locations", "type", "headline"):
        a.add_argument(f"--{name}", help="lists separated by ';'" if name in ("actors", "countries", "locations") else None)
    a = acts.add_parser("merge", parents=[common], help="merge clusters into one real-world event")
    a.add_argument("cluster_ids", nargs="+")
    a.add_argument("--into", help="the cluster id to keep (default: the first in sort order)")
    a = acts.add_parser("split", parents=[common], help="take events out of their cluster into a new one")
    a.add_argument("event_ids", nargs="+")
    a = acts.add_parser("add", parents=[common], help="add an event by hand, with its source")
    for name in ("date", "date-text", "headline", "quote", "source", "url", "title", "actors", "countries",
                 "locations", "type"):
        a.add_argument(f"--{name}", required=name in ("date",))
    a = acts.add_parser("undo", parents=[common], help="undo the latest curation, or the one with this id")
    a.add_argument("curation_id", nargs="?", type=int)
    a = acts.add_parser("log", parents=[common], help="the audit trail: who changed what, when, before/after")
    a.add_argument("target", nargs="?", help="only this event or cluster id")
    a = acts.add_parser("add-person", parents=[common], help="add a person to the user registry of actors")
    a.add_argument("name")
    for name in ("country", "role", "since", "until", "aliases", "registry"):
        a.add_argument(f"--{name}")
    p.set_defaults(func=_cmd_curate)


def make_parser() -> argparse.ArgumentParser:
    """The CLI's parser: one subcommand per pipeline entry point."""
    parser = argparse.ArgumentParser(prog="python -m pipeline", description="Geopolitical timeline pipeline.")
    sub = parser.add_subparsers(dest="command", required=True)

    p = sub.add_parser("build", help="extract events from articles and write the events file")
    p.add_argument("inputs", nargs="*", help="article files or folders: .txt .md .html .json .jsonl, "
                                             "sources.csv for metadata (default: seeds/)")
    p.add_argument("--out", default=DEFAULTS["out"], help="events file: .parquet, .csv or .json (default: %(default)s)")
    p.add_argument("--db", help="curation database to apply (default: curations.sqlite next to --out)")
    p.add_argument("--no-cache", action="store_true", help="re-process every article (default: only new or changed)")
    p.add_argument("-q", "--quiet", action="store_true", help="no progress output")
    p.add_argument("--workers", type=int, default=DEFAULTS["workers"],
                   help="processes for the per-article stages (default: %(default)s)")
    p.add_argument("--engine", choices=ENGINES, default=DEFAULTS["engine"],
                   help="local processes, or Dask: a LocalCluster of --workers, or --scheduler (default: %(default)s)")
    p.add_argument("--scheduler", metavar="ADDRESS", help="Dask scheduler address (tcp://host:8786) for --engine dask")
    p.add_argument("--article-seconds", type=int, default=DEFAULTS["article_seconds"], metavar="S",
                   help="seconds an article may take; a slower one is named and skipped, 0: no limit (default: %(default)s)")
    p.add_argument("--article-events", type=int, default=DEFAULTS["article_events"], metavar="N",
                   help="events an article may give; the first N are kept and the article named, 0: no limit "
                        "(default: %(default)s)")
    p.add_argument("--stream", action="store_true",
                   help="stream events through Parquet in batches (bounded memory for huge corpora; no incremental "
                        "cache); implied by --engine dask")
    p.set_defaults(func=_cmd_build)

    _add_curate_parser(sub)

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
    except (PipelineError, OSError) as exc:  # a known problem with input, settings or files: one line, exit 2
        print(f"error: {exc}", file=sys.stderr)
        return 2
    except Exception:  # anything else is a bug: keep its traceback, and say where to report it
        traceback.print_exc()
        print("error: this is a bug in the pipeline, not in your input; please report it with the command you ran "
              "and the traceback above", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
