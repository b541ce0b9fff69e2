"""Issue 17's injection probes in a real browser (Debian's Chromium, Playwright) with a beacon server on loopback.

An events file whose every text field (headline, quote, source, title, url, actors, countries, event type,
locations, date words) carries HTML, Markdown and `javascript:` payloads pointing at a tiny HTTP server on
127.0.0.1, plus hostile curations entered through `python -m pipeline curate`, is shown by the dashboard: every
page and view, an event's detail panel, the key events and events tables, plotly hover labels, a shared link
whose `?start=` is a Markdown payload, and the HTML export opened in the same browser. Passing means: the beacon
saw no request, the browser made none to it (nor to any host but loopback), no dialog opened, and no rendered
link (`<a>`, in the page or in plotly's SVG) points to the beacon or uses a `javascript:` URL, and the tables' Link
columns hold only http(s) URLs. It was checked to fail: a deliberate `st.markdown(headline)` in the detail panel
made the beacon record `GET /headline/md1`; before the fixes it found bare URLs linked in every Markdown value
(escape_markdown), `javascript:`/`data:` URLs in both tables' Link columns (markup.link_url), and quoted
`<a href="...">` live in plotly's lane labels, legend, node and place names and hover (markup.plotly_text).
"""
from __future__ import annotations

import http.server
import os
import shutil
import subprocess
import sys
import tempfile
import threading
from pathlib import Path
from urllib.parse import quote, urlsplit

import pytest

from _streamlit_server import CHROMIUM, CHROMIUM_ARGS, MARKER_BOX, ROOT, streamlit_server

FIXTURE = ROOT / "tests" / "data" / "events_fixture.json"

pytestmark = pytest.mark.skipif(
    not Path(CHROMIUM).is_file(),
    reason="Chromium is missing: install it with `sudo apt-get install chromium` (or run `make test` as root)")


# --- the beacon: records every request it receives ---------------------------------------------------------

class _Beacon(http.server.BaseHTTPRequestHandler):
    hits: list[str]

    def _record(self):
        self.hits.append(f"{self.command} {self.path}")
        self.send_response(200)
        self.send_header("Content-Type", "image/gif")
        self.send_header("Access-Control-Allow-Origin", "*")
        self.end_headers()

    do_GET = do_POST = do_HEAD = do_OPTIONS = _record

    def log_message(self, *args):  # quiet
        pass


@pytest.fixture(scope="module")
def beacon():
    hits: list[str] = []
    handler = type("Beacon", (_Beacon,), {"hits": hits})
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}", server.server_address[1], hits
    server.shutdown()
    server.server_close()


def payload(base: str, field: str) -> str:
    """Every HTML and Markdown route at once; each path names the field and the route, so a hit says which leaked."""
    b = f"{base}/{field}"
    return (f"<img src={b}/img1> ![x]({b}/md1) [Session expired]({b}/link1) "
            f"<script>fetch('{b}/script1')</script> <svg onload=fetch('{b}/svg1')> <a href={b}/a1>x</a> "
            f"<a href=\"{b}/aq1\">q</a> <a href='{b}/aq2'>r</a> <a href=\"javascript:fetch('{b}/ajs1')\">y</a> <img src=x onerror=fetch('{b}/onerror1')> {b}/bare1 "
            f"<details open ontoggle=alert('{field}')> <b>bold</b>")


def hostile_urls(base: str) -> list[str]:
    """Article URLs: no scheme but http(s) may become a link, and a URL may not break out of one."""
    return [f"javascript:fetch('{base}/url/js1')",
            f"https://ok.example/a)![t]({base}/url/break1)",
            f"https://ok.example/a)[Session expired]({base}/url/break2)",
            f" JaVaScRiPt:fetch('{base}/url/js2')",
            f"data:text/html,<script>fetch('{base}/url/data1')</script>",
            f"https://ok.example/a\"><img src={base}/url/quote1>",
            f"https://ok.example/a> <img src={base}/url/angle1>"]


def hostile_events(base: str):
    from pipeline.frame.io import read_events

    frame = read_events(FIXTURE)
    urls = hostile_urls(base)
    for i in frame.index:
        date_words = f"on the {i}th <b>{i}</b> [day]({base}/date_text/link{i}) <a href=\"{base}/date_text/aq{i}\">d</a>"
        frame.at[i, "headline"] = f"Event {i} " + payload(base, "headline")
        frame.at[i, "quote"] = f"Said {date_words} that " + payload(base, "quote")
        frame.at[i, "date_text"] = date_words
        frame.at[i, "source"] = f"Outlet {i % 3} " + payload(base, "source")
        frame.at[i, "title"] = f"Article {i} " + payload(base, "title")
        frame.at[i, "url"] = urls[i % len(urls)]
        frame.at[i, "actors"] = [f"Actor {i % 4} " + payload(base, "actors"), "Vladimir Putin"]
        frame.at[i, "locations"] = [payload(base, "locations"), "Moscow"]
        frame.at[i, "event_type"] = payload(base, "event_type") if i % 2 else frame.at[i, "event_type"]
        if i % 3 == 0:
            frame.at[i, "countries"] = [*frame.at[i, "countries"], payload(base, "countries")]
        for col in ("actor1", "actor2"):
            frame.at[i, col] = payload(base, col)
    return frame


def _curate(events: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "pipeline", "curate", "--events", str(events), "--who", "mallory",
                           *args], cwd=ROOT, capture_output=True, text=True, timeout=120)


@pytest.fixture(scope="module")
def hostile(beacon, tmp_path_factory):
    """The hostile events file, its curations (entered through the CLI) and an HTML export of it."""
    from pipeline.frame.io import write_events

    base, _port, _hits = beacon
    folder = tmp_path_factory.mktemp("hostile")
    events = folder / "events.parquet"
    write_events(hostile_events(base), events)
    corrected = _curate(events, "correct", "e05", "--actors", f"{payload(base, 'cur_actors')};Recep Erdogan",
                        "--headline", payload(base, "cur_headline"), "--locations", payload(base, "cur_locations"),
                        "--date-text", payload(base, "cur_date_text"))
    assert corrected.returncode == 0, corrected.stderr
    added = _curate(events, "add", "--date", "2020-12-02", "--headline", payload(base, "add_headline"),
                    "--quote", payload(base, "add_quote"), "--source", payload(base, "add_source"),
                    "--title", payload(base, "add_title"), "--url", f"javascript:fetch('{base}/add_url/js1')",
                    "--actors", payload(base, "add_actors"), "--countries", "TUR", "--type", "ASSAULT",
                    "--locations", payload(base, "add_locations"), "--date-text", payload(base, "add_date_text"))
    assert added.returncode == 0, added.stderr
    # The event type is checked against PLOVER's list, so a hostile one only comes from a file (set above).
    typed = _curate(events, "correct", "e04", "--type", payload(base, "cur_type"))
    assert typed.returncode != 0 and "not a PLOVER type" in typed.stderr
    exports = []
    for chart in ("timeline", "network", "weekly"):
        out = folder / f"export-{chart}.html"
        done = subprocess.run([sys.executable, "-m", "pipeline", "export", "--events", str(events), "--format", "html",
                               "--chart", chart, "--all-dates", "--out", str(out)],
                              cwd=ROOT, capture_output=True, text=True, timeout=180)
        assert done.returncode == 0, done.stderr
        exports.append(out)
    env = {"TIMELINE_CORPUS": str(folder / "corpus"), "TIMELINE_REGISTRY": str(folder / "actors.user.yaml")}
    return events, exports, env


# --- what the browser did ----------------------------------------------------------------------------------

# Every link the page renders (HTML and SVG anchors, plotly's hover labels included) and every image source.
LINKS = """() => [...document.querySelectorAll('a, img, image, iframe, object, embed, svg [href]')].map(e =>
  [e.tagName.toLowerCase(),
   e.getAttribute('href') || e.getAttribute('xlink:href') || e.getAttribute('src') || e.getAttribute('data') || ''])
  .filter(([tag, url]) => url)"""


class Watch:
    """Requests, dialogs and links seen in the browser; `bad_*` hold what points at the beacon or leaves loopback."""

    def __init__(self, port: int):
        self.port = port
        self.requests: list[str] = []
        self.dialogs: list[str] = []
        self.links: list[tuple[str, str]] = []  # (where, href)
        self.errors: list[str] = []
        self.hover_texts: list[str] = []
        self.svg_texts: dict[str, str] = {}

    def on_request(self, request):
        self.requests.append(request.url)

    def on_dialog(self, dialog):
        self.dialogs.append(f"{dialog.type}: {dialog.message}")
        dialog.dismiss()

    def bad_requests(self) -> list[str]:
        out = []
        for url in self.requests:
            parts = urlsplit(url)
            if parts.scheme in ("data", "blob", "about", "file", "chrome-extension"):
                continue
            if parts.port == self.port or parts.hostname not in ("127.0.0.1", "localhost"):
                out.append(url)
        return out

    def look(self, page, where: str):
        self.svg_texts[where] = page.evaluate(
            "() => [...document.querySelectorAll('.js-plotly-plot svg')].map(s => s.textContent).join(' ')")
        for tag, href in page.evaluate(LINKS):
            self.links.append((where if tag == "a" else f"{where} <{tag}>", href))
        for error in page.locator('[data-testid="stException"]').all_inner_texts():
            self.errors.append(f"{where}: {error[:300]}")

    def bad_links(self) -> list[str]:
        def to_beacon(href: str) -> bool:
            try:
                return urlsplit(href.strip()).port == self.port
            except ValueError:  # no valid address: not a link to anywhere
                return False

        def bad(where: str, href: str) -> bool:
            if where.endswith(" table"):  # a table's link cell: http(s) or nothing
                return not href.startswith(("http://", "https://")) or to_beacon(href)
            cleaned = "".join(ch for ch in href if ord(ch) > 32).lower()
            schemes = ("javascript:", "vbscript:") if where.endswith(">") else ("javascript:", "vbscript:", "data:")
            return to_beacon(href) or cleaned.startswith(schemes)  # an image may be data:, a link may not
        return [f"{where}: {href}" for where, href in self.links if bad(where, href)]


def _wait_idle(pg):
    pg.wait_for_timeout(400)
    pg.wait_for_function("() => !document.querySelector('[data-testid=\"stStatusWidget\"]')", timeout=60_000)
    pg.wait_for_timeout(400)


def _open(pg, url: str, ready: str = "Geopolitical timeline"):
    pg.goto(url, wait_until="domcontentloaded")
    pg.get_by_role("heading", name=ready).first.wait_for(timeout=60_000)
    _wait_idle(pg)




# The centre of up to `n` points (markers, bars, nodes) of every visible plotly chart, for hovering.
POINTS = """(n) => {
  const out = [];
  for (const fig of document.querySelectorAll('.js-plotly-plot')) {
    if (fig.offsetParent === null) continue;
    const points = [...fig.querySelectorAll('.scatterlayer path.point, .barlayer path, .scatterlayer .point')];
    for (const p of points.slice(0, n)) {
      const r = p.getBoundingClientRect();
      if (r.width > 0 && r.height > 0) out.push({x: r.x + r.width / 2, y: r.y + r.height / 2});
    }
  }
  return out;
}"""


def _hover_all(pg, watch: Watch, where: str, n: int = 8) -> int:
    """Hover the first points of every chart, reading the links of each hover label; how many were hovered."""
    pg.locator(".js-plotly-plot").first.scroll_into_view_if_needed()
    points = pg.evaluate(POINTS, n)
    for p in points:
        pg.mouse.move(p["x"], p["y"])
        pg.wait_for_timeout(120)
        watch.look(pg, f"{where} hover")
        watch.hover_texts.append(_hover_labels(pg))
    return len(points)


# The cells of every table's "Link" column (st.column_config.LinkColumn): the tables are drawn on a canvas, but
# the grid keeps its visible cells in an accessible <table>; scroll right and down to see them all.
LINK_CELLS = """async () => {
  const pause = () => new Promise(r => setTimeout(r, 100));
  const cells = [];
  for (const frame of document.querySelectorAll('[data-testid="stDataFrame"]')) {
    const scroller = frame.querySelector('.dvn-scroller');
    if (!scroller) continue;
    frame.scrollIntoView();
    const header = () => [...frame.querySelectorAll('[role=columnheader]')].find(h => h.textContent.trim() === 'Link');
    for (let left = 0; left <= scroller.scrollWidth && !header(); left += 250) {
      scroller.scrollLeft = left;
      await pause();
    }
    if (!header()) continue;
    const col = header().getAttribute('aria-colindex');
    for (let top = 0; top <= scroller.scrollHeight; top += 150) {
      scroller.scrollTop = top;
      await pause();
      for (const c of frame.querySelectorAll(`[role=gridcell][aria-colindex="${col}"]`)) {
        cells.push([c.parentElement.getAttribute('aria-rowindex'), c.textContent]);
      }
    }
  }
  return cells;
}"""


def _link_cells(pg, watch: Watch, where: str) -> int:
    """Record the tables' link cells (as links, to be checked); how many cells were read."""
    cells = dict(pg.evaluate(LINK_CELLS))  # row -> text
    watch.links += [(f"{where} table", c) for c in cells.values() if c]
    return len(cells)


def _hover_labels(pg) -> str:
    return pg.evaluate("() => [...document.querySelectorAll('.hoverlayer')].map(h => h.textContent).join(' ')")


def test_no_probe_reaches_the_beacon(beacon, hostile):
    from playwright.sync_api import sync_playwright

    base, port, hits = beacon
    events, exports, env = hostile
    watch = Watch(port)
    profile = tempfile.mkdtemp(prefix="timeline-beacon-")
    saved = {k: os.environ.get(k) for k in env}
    os.environ.update(env)
    try:
        with streamlit_server(events=str(events)) as url, sync_playwright() as pw:
            context = pw.chromium.launch_persistent_context(
                profile, executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True,
                viewport={"width": 1400, "height": 1000}, device_scale_factor=1)
            context.on("request", watch.on_request)
            context.on("dialog", watch.on_dialog)
            pg = context.new_page()
            pg.on("dialog", watch.on_dialog)

            # The timeline with the detail panel of an event whose every field is hostile (and a curated one).
            _open(pg, f"{url}/?event=k_sochi&context=1")
            detail = pg.locator(".st-key-detail")
            detail.wait_for(timeout=30_000)
            shown = detail.inner_text()
            assert "<img src=" in shown and "Session expired" in shown  # the payloads are shown, as text
            watch.look(pg, "detail k_sochi")
            hovered = _hover_all(pg, watch, "timeline")
            assert hovered
            pg.get_by_text("Key events: the most salient first").click()
            _wait_idle(pg)
            watch.look(pg, "key events")
            assert _link_cells(pg, watch, "events") >= 8  # the events table's Link column, every row read
            # A click on a marker opens its event (as an analyst does), then other events by link.
            pg.locator(".st-key-timeline").scroll_into_view_if_needed()
            box = pg.evaluate(MARKER_BOX, "k_truce")
            assert box, "the truce is drawn"
            pg.mouse.click(box["x"], box["y"])
            _wait_idle(pg)
            # the hostile labels crowd the chart: the click may pick a neighbour; any event but k_sochi will do
            pg.wait_for_function("() => /event=(?!k_sochi)/.test(location.search)", timeout=30_000)
            watch.look(pg, "detail (clicked)")
            for cluster in ("k_monitors", "k_idlib"):
                _open(pg, f"{url}/?event={cluster}&context=1")
                watch.look(pg, f"detail {cluster}")
            # Lanes by actor (the actors' names on the axis), then the other views.
            _open(pg, f"{url}/?lane=actors&context=1")
            watch.look(pg, "timeline by actor")
            _hover_all(pg, watch, "timeline by actor")
            for view in ("weekly", "network", "map"):
                _open(pg, f"{url}/?view={view}&context=1")
                watch.look(pg, view)
                _hover_all(pg, watch, view)
            # A shared link whose parameters are payloads (the bad date is named in a warning).
            bad = {"start": f"![x]({base}/qs/start1) [Session expired]({base}/qs/start2) <img src={base}/qs/start3>",
                   "end": f"<a href={base}/qs/end1>x</a> {base}/qs/bare1",
                   "q": f"<img src={base}/qs/q1>", "actor": f"[a]({base}/qs/actor1)",
                   "country": f"<svg onload=fetch('{base}/qs/country1')>",
                   "event": f"<a href=\"{base}/qs/event1\">e</a> ![x]({base}/qs/event2)", "view": f"{base}/qs/view1"}
            _open(pg, f"{url}/?" + "&".join(f"{k}={quote(v, safe='')}" for k, v in bad.items()))
            assert "is not a date" in pg.locator('[data-testid="stAlert"]').first.inner_text()
            watch.look(pg, "shared link")
            # The other pages.
            _open(pg, f"{url}/sources", ready="Sources")
            watch.look(pg, "sources")
            assert _link_cells(pg, watch, "sources") == 6  # 5 articles and the one added by hand
            _open(pg, f"{url}/curation?event=k_sochi", ready="Corpus & curation")
            watch.look(pg, "curation")
            pg.get_by_role("tab", name="Curate").click()
            _wait_idle(pg)
            watch.look(pg, "curation: curate tab")
            _open(pg, f"{url}/registry", ready="Registry")
            watch.look(pg, "registry")
            pg.locator(".st-key-registry_name input").fill(payload(base, "registry_name"))
            pg.locator(".st-key-registry_who input").fill(f"<img src={base}/registry_who/img1>")
            pg.get_by_role("button", name="Add person to registry").click()
            _wait_idle(pg)
            assert pg.locator('[data-testid="stAlert"]').count()  # added, or refused: either is a message
            watch.look(pg, "registry: added")
            # The HTML exports, opened in the same browser, hovered.
            for export in exports:
                pg.goto(export.as_uri(), wait_until="load")
                pg.wait_for_function("() => document.querySelector('.js-plotly-plot .main-svg')", timeout=30_000)
                watch.look(pg, export.name)
                assert _hover_all(pg, watch, export.name)
            pg.wait_for_timeout(1000)  # anything a payload scheduled has had time to fire
            context.close()
    finally:
        for k, v in saved.items():
            if v is None:
                os.environ.pop(k, None)
            else:
                os.environ[k] = v
        shutil.rmtree(profile, ignore_errors=True)

    # The probes were shown (as text): in hover labels, lane and node labels, in the app and the exports.
    assert sum("<img src=" in h for h in watch.hover_texts) >= 5, watch.hover_texts
    for where in ("timeline hover", "timeline by actor hover", "network", "weekly", "map hover",
                  "export-timeline.html hover", "export-network.html", "export-weekly.html"):
        assert "<a href=" in watch.svg_texts[where] or "<img src=" in watch.svg_texts[where], where
    assert not watch.errors, watch.errors
    assert not hits, f"the beacon was reached: {hits}"
    assert not watch.bad_requests(), f"requests beyond loopback or to the beacon: {watch.bad_requests()}"
    assert not watch.dialogs, watch.dialogs
    assert not watch.bad_links(), f"live links to the beacon or to javascript: {sorted(set(watch.bad_links()))}"
