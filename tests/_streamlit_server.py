"""Start `streamlit run dashboard.py` on a free loopback port for the run and browser tests; the browser
tests' shared pieces (Debian's Chromium, its flags, the timeline marker finder)."""
from __future__ import annotations

import contextlib
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

# Debian's Chromium, driven by Playwright (no browser download), headless and quiet on the network.
CHROMIUM = os.environ.get("BROWSER_PATH") or shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]

# The centre of the timeline's marker of one event (JavaScript for `page.evaluate(MARKER_BOX, cluster_id)`).
MARKER_BOX = """(cluster) => {
  const plots = [...document.querySelectorAll('.js-plotly-plot')];
  const fig = plots.find(p => (p.layout?.title?.text || '').includes('Timeline by'));
  for (const trace of fig.querySelectorAll('.scatterlayer .trace')) {
    const data = trace.__data__ && trace.__data__[0] && trace.__data__[0].trace;
    if (!data || !data.customdata) continue;
    for (const point of trace.querySelectorAll('path.point')) {
      const i = point.__data__ && point.__data__.i;
      if (i !== undefined && data.customdata[i][0] === cluster) {
        const r = point.getBoundingClientRect();
        return {x: r.x + r.width / 2, y: r.y + r.height / 2};
      }
    }
  }
  return null;
}"""


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_healthy(url: str, proc: subprocess.Popen, timeout: float = 90.0) -> str:
    """GET `url` until it answers 200 (returns the body) or the server dies / time runs out (raises)."""
    deadline = time.monotonic() + timeout
    last = None
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"streamlit exited with {proc.returncode}: {proc.stdout.read() if proc.stdout else ''}")
        try:
            with urllib.request.urlopen(url, timeout=2) as resp:
                if resp.status == 200:
                    return resp.read().decode()
        except OSError as exc:
            last = exc
        time.sleep(0.3)
    raise TimeoutError(f"{url} did not answer within {timeout}s ({last})")


@contextlib.contextmanager
def streamlit_server(events: str | None = None, port: int | None = None):
    """Yield the base URL of a running dashboard; stop exactly that process afterwards."""
    port = port or free_port()
    env = dict(os.environ)
    if events:
        env["TIMELINE_EVENTS"] = str(events)
    proc = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", str(ROOT / "dashboard.py"), "--server.port", str(port),
         "--server.address", "127.0.0.1", "--server.headless", "true", "--browser.gatherUsageStats", "false",
         "--server.fileWatcherType", "none"],
        cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        wait_healthy(f"http://127.0.0.1:{port}/_stcore/health", proc)
        yield f"http://127.0.0.1:{port}"
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
