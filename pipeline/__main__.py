"""Command line: `python -m pipeline build|timex ...`. Parses options, calls the core, prints results."""
from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import traceback
from pathlib import Path

from .config import DEFAULTS, ENGINES
from .explore.exports import EXPORT_FORMATS
from .errors import PipelineError
from .wording import counts_phrase, plural


def _cmd_build(args) -> int:
    from .run.memory import build
    from .run.forwarding import keeping_forwarding
    from .run.lock import build_lock
    from .run.stream import build_to_file
    from .frame.curation import default_db_path
    from .frame.io import build_record, write_events

    settings = {"out": args.out, "cache": not args.no_cache}
    if args.db:
        settings["db"] = args.db
    bars: list = []  # the tqdm bar, made at the first report, when the number of articles is known

    def progress(i, n, name):
        if args.json_progress:  # for a parent process (the dashboard's rebuild): one JSON line a report
            print(json.dumps({"progress": [i, n, name]}), flush=True)
            return
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
        if args.json_progress:
            from .explore.query import event_counts

            clusters, _mentions = event_counts(summary.path)
            print(json.dumps({"done": {"events": summary.events, "clusters": clusters, "articles": summary.documents,
                                       "reused": 0,
                                       "out": str(summary.path), "orphans": [],
                                       "problems": [[p.fatal, str(p)] for p in summary.problems]}}), flush=True)
            return 0
        for problem in summary.problems:
            print(f"{'skipped' if problem.fatal else 'warning'}: {problem}", file=sys.stderr)
        from .explore.query import event_counts

        events, mentions = event_counts(summary.path)
        print(f"{counts_phrase(events, mentions)} from {plural(summary.documents, 'article')} -> {summary.path}")
        if summary.inferred_dates:  # issue 22: say which dates were worked out, not stated
            print(summary.inferred_dates)
        return 0 if summary.documents or not summary.problems else 1

    with build_lock(args.out):  # one build at a time per events file (issue 17)
        try:
            result = build(args.inputs or None, settings=settings, progress=progress)
        finally:
            for bar in bars:
                bar.close()
        if not args.json_progress:
            for problem in result.problems:
                print(f"{'skipped' if problem.fatal else 'warning'}: {problem}", file=sys.stderr)
        # issue 17: the file records what it was built from, so the dashboard may rebuild it from the same inputs
        record = build_record(args.inputs or DEFAULTS["inputs"], default_db_path(settings))
        with keeping_forwarding(args.out):  # issue 23: where split or merged clusters went, beside the file
            out = write_events(result.frame, args.out, record)
    stats = result.stats
    reused = f" ({stats.get('reused', 0)} unchanged, reused from the cache)" if stats.get("reused") else ""
    frame = result.frame  # verified events (clusters), as the counts before it
    verified = int(frame.loc[frame["verified"].astype(bool), "cluster_id"].nunique()) if "verified" in frame else 0
    orphans = result.frame.attrs.get("curation_orphans") or []
    if args.json_progress:
        print(json.dumps({"done": {"events": len(result.frame), "clusters": int(result.frame["cluster_id"].nunique()),
                                   "articles": len(result.documents),
                                   "reused": stats.get("reused", 0), "out": str(out),
                                   "problems": [[p.fatal, str(p)] for p in result.problems],
                                   "orphans": orphans}}, default=str), flush=True)
        return 0
    counts = counts_phrase(result.frame["cluster_id"].nunique(), len(result.frame))
    print(f"{counts}, {verified} verified, from {plural(len(result.documents), 'article')}{reused} -> {out}")
    if stats.get("inferred_dates"):  # issue 22: say which dates were worked out, not stated
        print(stats["inferred_dates"])
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
    act = args.action
    if act == "list":  # the ids to curate: read the events file, print, never write
        from .explore.formats import event_listing

        lines = event_listing(read_events(args.events), args.search or "")
        for line in lines[: args.limit or None]:
            print(line)
        more = len(lines) - args.limit if args.limit and len(lines) > args.limit else 0
        print(f"{plural(len(lines), 'mention')} listed from {args.events}" + (f" ({more:,} not shown: --limit 0 "
              "shows all)" if more else ""), file=sys.stderr)
        return 0
    if act not in ("log", "recover"):
        curation.require_who(args.who)  # before any other check: every change names the analyst
    frame = (read_events(args.events) if Path(args.events).exists() and args.action not in ("log", "undo", "recover")
             else None)
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
        row = curation.undo(db, args.who, args.curation_id, anyone=args.anyone)
        print(f"undone: #{row['id']} {row['action']} {row['target']} (by {row['who']} at {row['at']})")
        return 0
    elif act == "recover":
        copied, lost = curation.recover(db, args.into)
        print(f"recovered {copied} curation(s) from {db} into {args.into}"
              + (f"; about {lost} unreadable row(s) skipped" if lost else "")
              + f". Check it (curate --db {args.into} log), then move {db} aside and {args.into} in its place")
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
            {"start": t.start, "end": t.end, "text": t.text, "type": t.type, "value": t.value, "mod": t.mod}
            for t in timexes]}
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

    from .explore.exports import CHART_FORMATS, export_bytes
    from .explore.filters import FilterState, filter_events
    from .explore.query import scan

    if args.format in CHART_FORMATS or args.format == "briefing-pdf":  # only these draw a chart
        from .explore import charts
    else:
        charts = None
    from .explore.window import check_exportable, default_view, window_frame
    from .ingest.corpus_file import find_corpus_file

    whole = scan(args.events)
    start, end, title = args.start or None, args.end or None, args.title
    # issue 19: the corpus's own window (its corpus.yaml beside the events file, else its densest span)
    view = default_view(window_frame(whole), find_corpus_file([args.events]))
    context = args.all_dates
    if not (start or end):  # the corpus's view: without a focus window, every event (its densest span shaded)
        start, end, context = view.start, view.end, context or view.context
    title = title or view.title or "Geopolitical timeline briefing"
    if args.all_dates:  # all means all: no range, context on, the axis spans every event
        start = end = None
    state = FilterState(start=start, end=end, context=context,
                        actors=tuple(args.actor), countries=tuple(args.country), event_types=tuple(args.event_type),
                        sources=tuple(args.source), sections=tuple(args.section or ("body",)), text=args.search,
                        lane=args.lane)
    frame = filter_events(whole, state)
    check_exportable(frame, state, args.events, whole)
    fig = None
    if charts is not None:  # the same chart registry as the dashboard's views
        from .explore.views import known_coordinates

        fig = charts.chart_figure(args.chart, frame, state, focus=(state.start, state.end),
                                  coordinates=known_coordinates() if args.chart == "map" else None)
    data = export_bytes(frame, args.format, fig=fig, filters=state.describe(), title=title, subtitle=args.subtitle,
                        lane=args.lane,
                        generated=args.date or date.today().isoformat())
    from .atomic import write_atomic

    out = write_atomic(args.out, data)  # all or nothing, and readable by others as the umask allows
    print(f"{counts_phrase(frame['cluster_id'].nunique(), len(frame))} -> {out} ({args.format}, {len(data):,} bytes)")
    return 0
# --- end export ------------------------------------------------------------------------------------


def _add_curate_parser(sub) -> None:
    p = sub.add_parser("curate", help="verify, hide, correct, merge, split or add events; undo; show the log")
    p.add_argument("--events", default=DEFAULTS["out"], help="events file the ids come from (default: %(default)s)")
    p.add_argument("--db", help="curation database (default: curations.sqlite next to --events)")
    p.add_argument("--who", help="your name for the audit trail (required for every change)")
    p.add_argument("--note", help="why, for the audit trail")
    # --who and --note may also follow the action (`curate hide ID --note why`).
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--who", default=argparse.SUPPRESS, help="your name for the audit trail")
    common.add_argument("--note", default=argparse.SUPPRESS, help="why, for the audit trail")
    acts = p.add_subparsers(dest="action", required=True)
    a = acts.add_parser("list", help="the events' ids, clusters, dates, types and headlines, in date order")
    a.add_argument("--search", help="only events whose headline, quote, actors or outlet contain this text")
    a.add_argument("--limit", type=int, default=200, help="lines to print, 0 for all (default: %(default)s)")
    a = acts.add_parser("verify", parents=[common], help="mark an event as checked")
    a.add_argument("event_id")
    a = acts.add_parser("hide", parents=[common], help="hide a wrong or irrelevant event")
    a.add_argument("event_id")
    a = acts.add_parser("correct", parents=[common], help="correct an event's date, actors, countries, type or headline")
    a.add_argument("event_id")
    for name in ("date", "date-text", "date-start", "date-end", "actors", "countries", "locations", "headline"):
        a.add_argument(f"--{name}", help="lists separated by ';'" if name in ("actors", "countries", "locations") else None)
    a.add_argument("--type", help="a PLOVER event type: AGREE, CONSULT, ASSAULT ... (the list: an unknown one names them)")
    a = acts.add_parser("merge", parents=[common], help="merge clusters into one real-world event")
    a.add_argument("cluster_ids", nargs="+")
    a.add_argument("--into", help="the cluster id to keep (default: the first in sort order)")
    a = acts.add_parser("split", parents=[common], help="take events out of their cluster into a new one")
    a.add_argument("event_ids", nargs="+")
    a = acts.add_parser("add", parents=[common], help="add an event by hand, with its source")
    for name in ("date", "date-text", "headline", "quote", "source", "url", "title", "actors", "countries",
                 "locations", "type"):
        a.add_argument(f"--{name}", required=name in ("date",))
    a = acts.add_parser("undo", parents=[common], help="undo your latest curation (--who), or the one with this id")
    a.add_argument("curation_id", nargs="?", type=int)
    a.add_argument("--anyone", action="store_true", help="undo the latest curation of anyone, not only yours")
    a = acts.add_parser("log", parents=[common], help="the audit trail: who changed what, when, before/after")
    a.add_argument("target", nargs="?", help="only this event or cluster id")
    a = acts.add_parser("recover", parents=[common], help="copy what a damaged curation database still holds into a new one")
    a.add_argument("into", help="the new database to write (must not exist)")
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
                   help="CPU seconds an article may take; a slower one is named and skipped, 0: no limit (default: %(default)s)")
    p.add_argument("--article-events", type=int, default=DEFAULTS["article_events"], metavar="N",
                   help="events an article may give; the first N are kept and the article named, 0: no limit "
                        "(default: %(default)s)")
    p.add_argument("--stream", action="store_true",
                   help="stream events through Parquet in batches (bounded memory for huge corpora; no incremental "
                        "cache); implied by --engine dask")
    p.add_argument("--json-progress", action="store_true",
                   help="progress and the final summary as JSON lines on stdout (for the dashboard's rebuild)")
    p.set_defaults(func=_cmd_build)

    _add_curate_parser(sub)

    p = sub.add_parser("timex", help="tag temporal expressions (JSON lines on stdin, or one FILE)")
    p.add_argument("file", nargs="?", help="a text file to tag (default: JSON lines on stdin)")
    p.add_argument("--dct", help="document creation time, YYYY-MM-DD")
    p.set_defaults(func=_cmd_timex)

    p = sub.add_parser("export", help="export a chart, the filtered events or a briefing pack, as the dashboard does")
    p.add_argument("--events", default=DEFAULTS["out"], help="events file: .parquet, .csv or .json (default: %(default)s)")
    p.add_argument("--format", required=True, choices=EXPORT_FORMATS,
                   help="charts: png/svg/pdf (need Chromium: sudo apt-get install chromium), html; events: csv, json; "
                        "key-events: the 20 most salient events as CSV (docs/clusters.md); "
                        "briefing pack: briefing-pdf, docx, md; other tools: timelinejs, acled-csv, geojson, ics, "
                        "sqlite (see docs/exports.md)")
    p.add_argument("--out", required=True, help="file to write")
    p.add_argument("--chart", default="timeline", choices=["timeline", "weekly", "network", "map"],
                   help="chart to draw (the map's world outline ships with the pipeline: no network needed)")
    p.add_argument("--start", help="first date, YYYY-MM-DD (default: the corpus's window: its corpus.yaml beside "
                                   "--events, else the densest span of its events)")
    p.add_argument("--end", help="last date, YYYY-MM-DD (default: the corpus's window, as --start)")
    p.add_argument("--all-dates", action="store_true", help="every date: no range, context events too")
    p.add_argument("--country", action="append", default=[], help="ISO 3166-1 alpha-3 code; repeat for several")
    p.add_argument("--actor", action="append", default=[], help="actor name; repeat for several")
    p.add_argument("--event-type", action="append", default=[], help="event type; repeat for several")
    p.add_argument("--source", action="append", default=[], help="outlet; repeat for several")
    p.add_argument("--section", action="append", choices=["body", "caption", "teaser", "comment", "boilerplate"],
                   help="sections to include (default: body only); repeat for several")
    p.add_argument("--search", default="", help="free text to look for in headline, quote, actors, places")
    p.add_argument("--lane", default="countries", choices=["countries", "actors"],
                   help="timeline lanes (and TimelineJS groups)")
    p.add_argument("--title", help="briefing (and calendar) title (default: the corpus.yaml title, else "
                                   "'Geopolitical timeline briefing')")
    p.add_argument("--subtitle", default="", help="briefing subtitle, e.g. the office and the question asked")
    p.add_argument("--date", help="date printed on the briefing (default: today)")
    p.set_defaults(func=_cmd_export)

    p = sub.add_parser("serve", help="open the dashboard on an events file (Streamlit, on this machine only)")
    p.add_argument("--events", help="events file to show (default: data/events.parquet, else a build of seeds/)")
    p.add_argument("--port", type=int, default=8501, help="port (default: %(default)s)")
    p.add_argument("--address", default="127.0.0.1",
                   help="address to listen on (default: %(default)s, this machine only; see docs/safety.md before "
                        "sharing it on a network)")
    p.set_defaults(func=_cmd_serve)
    return parser


def serve_command(events: str | None, port: int, address: str) -> tuple[list[str], dict]:
    """The command line and environment `timeline serve` runs: Streamlit on the project's dashboard.py."""
    dashboard = Path(__file__).resolve().parent.parent / "dashboard.py"
    if not dashboard.is_file():
        raise PipelineError(f"{dashboard}: the dashboard is not there; install the project from its checkout "
                            "(`make run`, or `pip install -e .`)")
    env = dict(os.environ)
    if events:
        env["TIMELINE_EVENTS"] = str(Path(events).resolve())
    cmd = [sys.executable, "-m", "streamlit", "run", str(dashboard), "--server.port", str(port),
           "--server.address", address]
    return cmd, env


def _cmd_serve(args) -> int:
    cmd, env = serve_command(args.events, args.port, args.address)
    return subprocess.call(cmd, env=env, cwd=str(Path(cmd[4]).parent))


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
