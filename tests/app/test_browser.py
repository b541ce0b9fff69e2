"""A real browser against `streamlit run`: Debian's Chromium driven by Playwright (no browser download).

Opens the page, filters by one country through the sidebar, checks the timeline shows only that country's
lane and events, clicks a marker to open its sources; then saves docs/screenshot.png (the seeds' default
view) for the README.
"""
from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

import pytest

from _streamlit_server import CHROMIUM, CHROMIUM_ARGS, MARKER_BOX, ROOT, streamlit_server

FIXTURE = ROOT / "tests" / "data" / "events_fixture.json"
SCREENSHOT = ROOT / "docs" / "screenshot.png"

pytestmark = pytest.mark.skipif(
    not Path(CHROMIUM).is_file(),
    reason="Chromium is missing: install it with `sudo apt-get install chromium` (or run `make test` as root)")

# The traces of the timeline as plotly holds them in the page (the lanes are the y values).
TIMELINE_TRACES = """() => {
  const plots = [...document.querySelectorAll('.js-plotly-plot')].filter(p => p.offsetParent !== null);
  const fig = plots.find(p => (p.layout?.title?.text || '').includes('Timeline by'));
  if (!fig) return null;
  return fig.data.filter(t => t.mode && t.mode.includes('markers') && (t.customdata || []).length)
                 .map(t => ({name: t.name, y: Array.from(t.y || []), ids: (t.customdata || []).map(c => c[0])}));
}"""


@pytest.fixture(scope="module")
def page():
    from playwright.sync_api import sync_playwright

    profile = tempfile.mkdtemp(prefix="timeline-chromium-")
    with streamlit_server(events=FIXTURE) as url, sync_playwright() as pw:
        context = pw.chromium.launch_persistent_context(
            profile, executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True, viewport={"width": 1400, "height": 1000},
            device_scale_factor=1)
        pg = context.new_page()
        pg.goto(url, wait_until="domcontentloaded")
        pg.get_by_role("heading", name="Geopolitical timeline").wait_for(timeout=60_000)
        yield pg
        context.close()
    shutil.rmtree(profile, ignore_errors=True)


def _traces(pg):
    pg.wait_for_function(f"({TIMELINE_TRACES})() !== null", timeout=60_000)
    return pg.evaluate(TIMELINE_TRACES)


def _wait_idle(pg):
    """Streamlit shows a 'running' status while a rerun is in flight; wait for it to clear."""
    pg.wait_for_timeout(500)
    pg.wait_for_function("() => !document.querySelector('[data-testid=\"stStatusWidget\"]')", timeout=60_000)
    pg.wait_for_timeout(500)


def test_default_view_shows_several_countries(page):
    lanes = {y for t in _traces(page) for y in t["y"]}
    assert {"Russia", "Türkiye", "Azerbaijan"} <= lanes  # short names (issue 19)


def test_filter_by_one_country_shows_only_its_events(page):
    box = page.locator(".st-key-countries input")
    box.click()
    box.fill("Türk")
    page.get_by_role("option", name="Türkiye").click()
    page.keyboard.press("Escape")
    _wait_idle(page)
    page.wait_for_function(f"() => {{ const t = ({TIMELINE_TRACES})(); "
                           "return t && t.every(x => x.y.every(y => y === 'Türkiye')); }", timeout=60_000)
    traces = _traces(page)
    assert {y for t in traces for y in t["y"]} == {"Türkiye"}
    # Only Turkey's events in the focus window: the monitors (a band) and the Sochi meeting.
    assert {i for t in traces for i in t["ids"]} == {"k_monitors", "k_sochi"}
    assert "country=TUR" in page.url


def test_click_a_marker_opens_its_sources(page):
    page.locator(".st-key-timeline").scroll_into_view_if_needed()
    box = page.evaluate(MARKER_BOX, "k_sochi")
    assert box, "the Sochi meeting is drawn"
    page.mouse.click(box["x"], box["y"])
    _wait_idle(page)
    detail = page.locator(".st-key-detail")
    detail.wait_for(timeout=30_000)
    text = detail.inner_text()
    assert "Northern Wire" in text and "Gazette East" in text
    assert "29 December" in text
    assert "event=k_sochi" in page.url


def test_screenshot_of_the_seeds_for_readme(page):
    """The README's picture: the default view of the seed articles, as `make run` shows it."""
    with streamlit_server() as url:
        pg = page.context.new_page()
        pg.goto(url, wait_until="domcontentloaded")
        pg.get_by_role("heading", name="Geopolitical timeline").wait_for(timeout=120_000)
        assert _traces(pg), "the seeds give a timeline"
        _wait_idle(pg)
        SCREENSHOT.parent.mkdir(exist_ok=True)
        pg.screenshot(path=str(SCREENSHOT), full_page=False)
        pg.close()
    assert SCREENSHOT.stat().st_size > 20_000
