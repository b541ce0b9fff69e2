"""The map works air-gapped (issue 19): the world outline ships with the pipeline and every map uses it.

Unit checks always; a static export through kaleido and a real browser with every request off this machine
blocked when Chromium is installed.
"""
from __future__ import annotations

import io
import json
import os
import shutil
import tempfile

import pytest

from conftest import ROOT
from pipeline.explore import charts
from pipeline.explore.exports import WORLD_OUTLINE, figure_to_bytes, find_chromium
from pipeline.frame.io import read_events

FIXTURE = ROOT / "tests" / "data" / "events_fixture.json"
COORDS = {"Baku": (40.41, 49.87), "Moscow": (55.76, 37.62), "Sochi": (43.6, 39.73)}
needs_chromium = pytest.mark.skipif(find_chromium() is None, reason="Chromium is missing: sudo apt-get install chromium")


def test_the_outline_is_shipped_and_served_as_the_same_bytes():
    assert WORLD_OUTLINE.read_bytes() == (ROOT / "static" / "world_110m.json").read_bytes()
    topo = json.loads(WORLD_OUTLINE.read_text(encoding="utf-8"))
    assert topo["type"] == "Topology" and {"land", "countries"} <= set(topo["objects"])
    assert len(topo["objects"]["countries"]["geometries"]) >= 170
    assert "enableStaticServing = true" in (ROOT / ".streamlit" / "config.toml").read_text(encoding="utf-8")


def test_the_map_draws_only_layers_the_outline_has():
    spec = charts.map_spec(read_events(FIXTURE), COORDS)
    geo = spec["layout"]["geo"]
    assert geo["resolution"] == 110 and geo["scope"] == "world"
    topo = json.loads(WORLD_OUTLINE.read_text(encoding="utf-8"))
    shown = {layer for layer in ("land", "countries", "coastlines", "ocean", "lakes", "rivers", "subunits")
             if geo.get(f"show{layer}")}
    assert shown and shown <= set(topo["objects"])  # nothing plotly.js would have to fetch


def test_html_export_of_a_map_carries_the_outline():
    fig = charts.map_figure(read_events(FIXTURE), COORDS)
    html = figure_to_bytes(fig, "html").decode("utf-8")
    assert "window.PlotlyGeoAssets={topojson:{world_110m:" in html
    assert html.index("PlotlyGeoAssets={topojson") < html.index("Plotly.newPlot")
    timeline = figure_to_bytes(charts.timeline_figure(read_events(FIXTURE)), "html").decode("utf-8")
    assert "world_110m" not in timeline  # only maps carry it


@needs_chromium
def test_static_map_export_draws_the_outline():
    from PIL import Image

    fig = charts.map_figure(read_events(FIXTURE), COORDS)
    png = figure_to_bytes(fig, "png", width=600, height=400, scale=1)
    image = Image.open(io.BytesIO(png)).convert("RGB")
    land = sum(1 for px in image.get_flattened_data() if tuple(px) == (0xEC, 0xEC, 0xEC))  # the land colour of charts.OFFLINE_GEO
    assert land > 0.1 * image.width * image.height, "the world outline is drawn"


@needs_chromium
def test_map_in_the_browser_with_the_network_blocked():
    pytest.importorskip("playwright")
    from playwright.sync_api import sync_playwright

    from _streamlit_server import streamlit_server

    chromium = os.environ.get("BROWSER_PATH") or find_chromium()
    profile = tempfile.mkdtemp(prefix="timeline-offline-")
    outside: list[str] = []

    def only_this_machine(route):
        host = route.request.url.split("/")[2].split(":")[0] if "://" in route.request.url else ""
        if route.request.url.startswith(("data:", "blob:")) or host in ("127.0.0.1", "localhost"):
            route.continue_()
        else:
            outside.append(route.request.url)
            route.abort()

    with streamlit_server(events=FIXTURE) as url, sync_playwright() as pw:
        context = pw.chromium.launch_persistent_context(
            profile, executable_path=chromium, headless=True, viewport={"width": 1400, "height": 1000},
            args=["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
                  "--disable-component-update", "--disable-sync"])
        try:
            context.route("**/*", only_this_machine)
            page = context.new_page()
            page.goto(f"{url}/?view=map&context=1", wait_until="domcontentloaded")
            page.wait_for_function("""() => {
                const geo = document.querySelector('.js-plotly-plot g.geo');
                const land = geo && geo.querySelector('path.land, .layer.land path, path.countries, .countries path');
                return !!(land && (land.getAttribute('d') || '').length > 100);
            }""", timeout=90_000)
        finally:
            context.close()
            shutil.rmtree(profile, ignore_errors=True)
    assert not [u for u in outside if "world_110m" in u or "cdn.plot.ly" in u], outside



def test_cli_exports_the_map_as_html(tmp_path):
    from pipeline.__main__ import main

    out = tmp_path / "map.html"
    assert main(["export", "--events", str(FIXTURE), "--format", "html", "--chart", "map", "--all-dates",
                 "--out", str(out)]) == 0
    html = out.read_text(encoding="utf-8")
    assert "scattergeo" in html and "window.PlotlyGeoAssets={topojson:{world_110m:" in html
