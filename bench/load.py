"""Many analysts at once: N concurrent sessions against a local `streamlit run dashboard.py`.

    .venv/bin/python bench/load.py                      # 20 sessions x 10 filter changes, 2,000 articles
    .venv/bin/python bench/load.py --sessions 20 --reruns 10 --events data/events.parquet
    .venv/bin/python bench/load.py --during-build 1000     # while an analyst rebuilds 1,000 articles (issue 17)

Starts the dashboard on a free loopback port (127.0.0.1 only) with TIMELINE_EVENTS pointing at an events
file (by default built from a generated corpus, see bench/throughput.py), then opens N websocket sessions
speaking Streamlit's own protocol (the `websockets` client Streamlit itself depends on, protobuf messages
from `streamlit.proto`): the first run of each session renders the page; then each session, after
a think time (--think; 0 for back-to-back reruns), changes one sidebar filter (multiselects, date ranges,
selectboxes, radios, checkboxes, sliders, found by type in the page, so the bench follows the dashboard
as it changes) and times the rerun until the script finished. Counts as errors: an exception shown on the page, a run that did not finish, a dropped
connection, a run over --rerun-timeout. Reports p50/p95 rerun time and the server's RSS. Bounded: at most
--sessions sessions, --reruns reruns each, --timeout seconds overall; the server is stopped at the end.
Target (issue 7): 20 sessions, zero errors, p95 rerun < 1 s on a 2-core machine.
"""
from __future__ import annotations

import argparse
import asyncio
import os
import random
import re
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

FILTER_TYPES = ("multiselect", "date_input", "selectbox", "radio", "checkbox", "slider")


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def rss_mb(pid: int) -> tuple[float, float]:
    """(current RSS, peak RSS) of a process in MB, from /proc."""
    cur = peak = 0.0
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                cur = int(line.split()[1]) / 1024
            elif line.startswith("VmHWM:"):
                peak = int(line.split()[1]) / 1024
    except OSError:
        pass
    return cur, peak


def cpu_s(pid: int) -> float:
    """CPU seconds (user + system, all threads) the process has used so far, from /proc."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    except (OSError, IndexError, ValueError):
        return float("nan")


def make_events(articles: int, folder: Path, seed: int) -> Path:
    """Build an events file from a generated corpus of `articles` articles (bench/throughput.py's)."""
    sys.path.insert(0, str(ROOT / "bench"))
    from throughput import make_corpus

    from pipeline.build import build_to_file

    corpus = make_corpus(folder / f"corpus_{articles}", articles, seed)
    out = folder / "events.parquet"
    build_to_file([corpus], out, {"workers": min(2, os.cpu_count() or 1)})
    return out


def start_server(port: int, events: Path, log: Path) -> subprocess.Popen:
    env = dict(os.environ, TIMELINE_EVENTS=str(events))
    cmd = [sys.executable, "-m", "streamlit", "run", str(ROOT / "dashboard.py"), "--server.port", str(port),
           "--server.address", "127.0.0.1", "--server.headless", "true", "--browser.gatherUsageStats", "false",
           "--server.fileWatcherType", "none", "--server.runOnSave", "false"]
    return subprocess.Popen(cmd, cwd=ROOT, env=env, stdout=log.open("wb"), stderr=subprocess.STDOUT,
                            start_new_session=True)


def wait_healthy(port: int, proc: subprocess.Popen, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"streamlit exited with code {proc.returncode}")
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/_stcore/health", timeout=2) as r:
                if r.status == 200:
                    return
        except OSError:
            pass
        time.sleep(0.3)
    raise RuntimeError(f"streamlit not healthy on port {port} after {timeout:.0f} s")


# --- one session ------------------------------------------------------------------------------------

def _iso(text: str) -> date | None:
    m = re.match(r"(\d{4})\D(\d{1,2})\D(\d{1,2})", text or "")
    return date(int(m[1]), int(m[2]), int(m[3])) if m else None


class Session:
    """One browser tab, as far as the server can tell: a websocket, widget states, rerun requests."""

    def __init__(self, url: str, origin: str, rng: random.Random, rerun_timeout: float):
        self.url, self.origin, self.rng, self.rerun_timeout = url, origin, rng, rerun_timeout
        self.widgets: dict[str, tuple[str, object]] = {}  # id -> (type, element proto)
        self.states: dict[str, tuple[str, object]] = {}  # id -> (value field, value)
        self.page_hash = ""
        self.ws = None

    async def connect(self) -> None:
        import websockets

        self.ws = await websockets.connect(self.url, subprotocols=["streamlit"], origin=self.origin,
                                           max_size=None, open_timeout=30)

    async def run(self) -> tuple[float, list[str]]:
        """Ask for a rerun with the current widget states; return (seconds until finished, errors)."""
        from streamlit.proto.BackMsg_pb2 import BackMsg
        from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

        msg = BackMsg()
        msg.rerun_script.query_string = ""
        msg.rerun_script.page_script_hash = self.page_hash
        for wid, (field, value) in self.states.items():
            w = msg.rerun_script.widget_states.widgets.add()
            w.id = wid
            if field.endswith("array_value"):
                getattr(w, field).data.extend(value)
            else:
                setattr(w, field, value)
        errors: list[str] = []
        t0 = time.perf_counter()
        await self.ws.send(msg.SerializeToString())
        while True:
            raw = await asyncio.wait_for(self.ws.recv(), timeout=self.rerun_timeout)
            fwd = ForwardMsg()
            fwd.ParseFromString(raw)
            kind = fwd.WhichOneof("type")
            if kind == "new_session":
                self.page_hash = fwd.new_session.page_script_hash or fwd.new_session.main_script_hash
            elif kind == "delta" and fwd.delta.WhichOneof("type") == "new_element":
                el = fwd.delta.new_element
                etype = el.WhichOneof("type")
                if etype == "exception":
                    errors.append(f"exception on the page: {el.exception.type}: {el.exception.message[:120]}")
                elif etype in FILTER_TYPES:
                    self.widgets[getattr(el, etype).id] = (etype, getattr(el, etype))
            elif kind == "script_finished":
                status = fwd.script_finished
                if status == ForwardMsg.FINISHED_EARLY_FOR_RERUN:
                    continue
                if status == ForwardMsg.FINISHED_WITH_COMPILE_ERROR:
                    errors.append("script failed to compile")
                return time.perf_counter() - t0, errors

    def change_a_filter(self) -> str | None:
        """Give one filter widget a new value (as a user would); return its id, or None if there is none."""
        ids = sorted(self.widgets)
        self.rng.shuffle(ids)
        for wid in ids:
            etype, el = self.widgets[wid]
            state = self._new_value(etype, el)
            if state is not None:
                self.states[wid] = state
                return wid
        return None

    def _new_value(self, etype: str, el):
        rng = self.rng
        if etype == "multiselect" and el.options:
            k = rng.randint(0, min(3, len(el.options)))
            return "string_array_value", rng.sample(list(el.options), k)
        if etype in ("selectbox", "radio") and el.options:
            return "string_value", rng.choice(list(el.options))
        if etype == "checkbox":
            old = self.states.get(el.id, ("bool_value", el.default))[1]
            return "bool_value", not old
        if etype == "date_input":
            lo = _iso(el.min) or date(2015, 1, 1)
            hi = _iso(el.max) or date(2025, 12, 31)
            span = max(1, (hi - lo).days)
            a = lo + timedelta(days=rng.randrange(span))
            b = min(hi, a + timedelta(days=rng.randint(7, 900)))
            return "string_array_value", [a.isoformat(), b.isoformat()] if el.is_range else [a.isoformat()]
        if etype == "slider" and el.max > el.min:
            a, b = sorted(rng.uniform(el.min, el.max) for _ in range(2))
            step = el.step or 1
            a, b = el.min + round((a - el.min) / step) * step, el.min + round((b - el.min) / step) * step
            return "double_array_value", [a, b] if len(el.default) == 2 else [a]
        return None


async def session_life(n: int, url: str, origin: str, reruns: int, rerun_timeout: float, seed: int, out: dict,
                       think: float = 0.0):
    s = Session(url, origin, random.Random(seed * 1000 + n), rerun_timeout)
    try:
        await s.connect()
        first, errors = await s.run()
        out["first"].append(first)
        out["errors"] += [f"session {n} first run: {e}" for e in errors]
        for i in range(reruns):
            if think:  # an analyst reads the page before the next change: uniform in [think/2, 3*think/2]
                await asyncio.sleep(s.rng.uniform(think / 2, 3 * think / 2))
            wid = s.change_a_filter()
            if wid is None:
                out["errors"].append(f"session {n}: no filter widget found on the page")
                break
            out["changed"][s.widgets[wid][0]] = out["changed"].get(s.widgets[wid][0], 0) + 1
            seconds, errors = await s.run()
            out["reruns"].append(seconds)
            out["errors"] += [f"session {n} rerun {i + 1}: {e}" for e in errors]
    except asyncio.TimeoutError:
        out["errors"].append(f"session {n}: a run did not finish within {rerun_timeout:.0f} s")
    except Exception as exc:  # a dropped connection is an error to report, not a crash of the bench
        out["errors"].append(f"session {n}: {type(exc).__name__}: {exc}")
    finally:
        if s.ws is not None:
            await s.ws.close()


async def load(port: int, pid: int, sessions: int, reruns: int, rerun_timeout: float, seed: int,
               think: float = 0.0) -> dict:
    url, origin = f"ws://127.0.0.1:{port}/_stcore/stream", f"http://127.0.0.1:{port}"
    out: dict = {"first": [], "reruns": [], "errors": [], "rss": [], "changed": {}}

    async def sample_rss():
        while True:
            out["rss"].append(rss_mb(pid)[0])
            await asyncio.sleep(0.2)

    sampler = asyncio.create_task(sample_rss())
    t0 = time.perf_counter()
    await asyncio.gather(*(session_life(n, url, origin, reruns, rerun_timeout, seed, out, think) for n in range(sessions)))
    out["wall"] = time.perf_counter() - t0
    sampler.cancel()
    return out


def pct(values: list[float], p: float) -> float:
    if not values:
        return float("nan")
    values = sorted(values)
    return values[min(len(values) - 1, int(round(p / 100 * (len(values) - 1))))]


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sessions", type=int, default=20)
    ap.add_argument("--reruns", type=int, default=10, help="filter changes per session (default: %(default)s)")
    ap.add_argument("--events", help="events file for TIMELINE_EVENTS (default: built from a generated corpus)")
    ap.add_argument("--articles", type=int, default=2000, help="size of that generated corpus (default: %(default)s)")
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--think", type=float, default=2.0,
                    help="mean seconds an analyst looks at the page between filter changes; 0: back to back "
                         "(default: %(default)s)")
    ap.add_argument("--rerun-timeout", type=float, default=60)
    ap.add_argument("--timeout", type=float, default=420, help="seconds for the whole load phase")
    ap.add_argument("--during-build", type=int, default=0, metavar="N",
                    help="while the sessions run, an analyst rebuilds an N-article corpus: the dashboard's Rebuild "
                         "command (run.background.build_command, a child process) on a generated corpus, started "
                         "with the load phase (default: none)")
    args = ap.parse_args(argv)
    if not 1 <= args.sessions <= 100 or not 0 <= args.reruns <= 200:
        sys.exit("--sessions must be 1..100 and --reruns 0..200 (the bench is bounded on purpose)")

    tmp = Path(tempfile.mkdtemp(prefix="timeline-load-"))
    events = Path(args.events) if args.events else make_events(args.articles, tmp, args.seed)
    rebuild_corpus = None
    if args.during_build:
        sys.path.insert(0, str(ROOT / "bench"))
        from throughput import make_corpus

        rebuild_corpus = make_corpus(tmp / f"rebuild_{args.during_build}", args.during_build, args.seed + 2)
    build_proc, build_log, build_times = None, tmp / "rebuild.log", {}
    port = free_port()
    log = tmp / "streamlit.log"
    proc = start_server(port, events, log)
    try:
        wait_healthy(port, proc, 60)
        base_rss = rss_mb(proc.pid)[0]
        # One session first, alone: it loads the events into the shared cache (the cold start).
        warm = asyncio.run(asyncio.wait_for(load(port, proc.pid, 1, 0, args.rerun_timeout, args.seed + 1), 120))
        warm_rss = rss_mb(proc.pid)[0]
        cpu0 = cpu_s(proc.pid)
        if rebuild_corpus is not None:  # the dashboard's Rebuild: the same command, in a child process
            from pipeline.run.background import build_command

            build_times["start"] = time.perf_counter()
            build_proc = subprocess.Popen(build_command([str(rebuild_corpus)], tmp / "rebuilt.parquet",
                                                        tmp / "rebuilt.sqlite"), cwd=ROOT, stdout=subprocess.DEVNULL,
                                          stderr=build_log.open("wb"), start_new_session=True)
        out = asyncio.run(asyncio.wait_for(
            load(port, proc.pid, args.sessions, args.reruns, args.rerun_timeout, args.seed, args.think), args.timeout))
        server_cpu = cpu_s(proc.pid) - cpu0
        if build_proc is not None:
            build_times["running_at_end"] = build_proc.poll() is None
            build_proc.wait(args.timeout)
            build_times["seconds"] = time.perf_counter() - build_times["start"]
            build_times["code"] = build_proc.returncode
        end_rss, peak_rss = rss_mb(proc.pid)
    except asyncio.TimeoutError:
        print(f"load phase over {args.timeout:.0f} s: stopped", file=sys.stderr)
        return 1
    finally:
        if build_proc is not None and build_proc.poll() is None:
            os.killpg(build_proc.pid, signal.SIGTERM)
        os.killpg(proc.pid, signal.SIGTERM)
        try:
            proc.wait(10)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
    import pandas as pd

    n_events = len(pd.read_parquet(events, columns=["event_id"])) if events.suffix == ".parquet" else None
    reruns = out["reruns"]
    errors = warm["errors"] + out["errors"]
    print(f"# bench/load.py  cores={os.cpu_count()}  events={n_events if n_events is not None else events}  "
          f"sessions={args.sessions}  reruns/session={args.reruns}  think={args.think:g} s")
    print(f"cold first render (loads the events): {warm['first'][0] if warm['first'] else float('nan'):.2f} s")
    print(f"first render under load: p50 {pct(out['first'], 50):.2f} s, p95 {pct(out['first'], 95):.2f} s")
    print(f"filter reruns: {len(reruns)}, p50 {pct(reruns, 50):.3f} s, p95 {pct(reruns, 95):.3f} s, "
          f"max {max(reruns, default=float('nan')):.3f} s, wall {out['wall']:.1f} s")
    runs = len(out["first"]) + len(reruns)
    print(f"server CPU under load: {server_cpu:.1f} s for {runs} runs (first renders + reruns), "
          f"{1000 * server_cpu / max(1, runs):.0f} ms per run; wall {out['wall']:.1f} s on {os.cpu_count()} cores")
    print("filters changed: " + ", ".join(f"{k} x {v}" for k, v in sorted(out["changed"].items())))
    if build_times:
        print(f"during a rebuild of {args.during_build:,} articles in a child process: it took "
              f"{build_times['seconds']:.0f} s (exit {build_times['code']}), "
              f"{'still running when the sessions ended (every rerun above ran beside it)' if build_times['running_at_end'] else 'finished before the sessions ended'}")
        if build_times["code"]:
            errors.append("the rebuild failed: " + " | ".join(build_log.read_text(errors="replace").splitlines()[-3:]))
    print(f"errors: {len(errors)}")
    for e in errors[:10]:
        print(f"  {e}")
    print(f"server RSS: {base_rss:.0f} MB idle, {warm_rss:.0f} MB after first load, "
          f"{max(out['rss'], default=end_rss):.0f} MB max under load, {end_rss:.0f} MB after, peak {peak_rss:.0f} MB; "
          f"per extra session {(end_rss - warm_rss) / max(1, args.sessions):.1f} MB")
    ok = not errors and pct(reruns, 95) < 1.0
    print(f"target (zero errors, p95 < 1 s): {'met' if ok else 'NOT met'}")
    if errors and log.exists():
        print("server log tail:\n" + "\n".join(log.read_text(errors="replace").splitlines()[-15:]))
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
