"""Exports for briefings: charts as PNG/SVG/PDF/HTML (kaleido and the system Chromium), the filtered events,
and the briefing pack (fpdf2)."""
from __future__ import annotations

import os
from pathlib import Path

import pandas as pd

from ..config import DATA_DIR
from ..errors import PipelineError
from ..frame.io import UnknownFormat, events_to_bytes
from .briefing import CHART_PRINT_MM, briefing_content, to_docx, to_markdown, to_pdf
from .formats import FORMATS, format_bytes
from .key import key_events_csv
from ..timex.display import with_date_display

# --- Charts and briefings -------------------------------------------------------------------------------
# Static images go through kaleido, which drives a Chrome/Chromium it finds (choreographer). We point it at
# the system Chromium and never let it download one; plotly/kaleido/fpdf2 are imported only when used, so
# `pipeline` itself imports without them.

CHART_FORMATS = ("png", "svg", "pdf", "html")
BRIEFING_FORMATS = ("briefing-pdf", "docx", "md")
# Every format `export_bytes` writes, in the order the CLI lists them.
EXPORT_FORMATS = CHART_FORMATS + ("csv", "json", "key-events") + BRIEFING_FORMATS + tuple(FORMATS)
MIME = {"key-events": "text/csv", "png": "image/png", "svg": "image/svg+xml", "pdf": "application/pdf", "html": "text/html",
        "csv": "text/csv", "json": "application/json", "briefing-pdf": "application/pdf",
        "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "md": "text/markdown", **{name: mime for name, (_f, mime, _s) in FORMATS.items()}}
# File name endings for downloads: briefing.pdf, timeline.json, acled.csv ...
SUFFIX = {"key-events": "key-events.csv", "briefing-pdf": "briefing.pdf", "docx": "briefing.docx", "md": "briefing.md",
          **{name: suffix for name, (_f, _m, suffix) in FORMATS.items()}}
CHROMIUM_HINT = ("static chart export (PNG/SVG/PDF) needs Chromium: install it with `sudo apt-get install chromium` "
                 "(or run `make test` as root, which installs it); HTML, CSV and JSON exports work without it")
# The world outline maps draw (issue 19): shipped with the pipeline, see data/geo/README.md.
WORLD_OUTLINE = DATA_DIR / "geo" / "world_110m.json"
# PNG at 3x the layout size: crisp on slides and in print (a 1200x600 layout gives 3600x1800 pixels).
PNG_SCALE = 3
# Exported charts are laid out this wide and must read at >= 8 pt when printed across an A4 page's text width
# (170 mm = 481.9 pt): 900 px -> 0.535 pt a pixel -> text at least 15 px (`min_font_px`; issue 19).
EXPORT_WIDTH = 900
PRINT_WIDTH_MM = CHART_PRINT_MM  # the briefing PDF never prints its chart narrower
MIN_PRINT_PT = 8


class ChromiumMissing(PipelineError, RuntimeError):
    """Static export was asked for but no Chrome/Chromium is installed."""


def find_chromium() -> str | None:
    """The browser kaleido should use: $BROWSER_PATH when set, else Debian's chromium (on PATH or /usr/bin)."""
    import shutil

    if os.environ.get("BROWSER_PATH"):
        candidates = [os.environ["BROWSER_PATH"]]
    else:
        candidates = [shutil.which("chromium"), shutil.which("chromium-browser"), "/usr/bin/chromium"]
    for path in candidates:
        if path and Path(path).is_file() and os.access(path, os.X_OK):
            return path
    return None


def figure_to_bytes(fig, fmt: str, width: int = 1200, height: int | None = None, scale: int | None = None) -> bytes:
    """Render a plotly figure as png/svg/pdf (via kaleido + system Chromium) or standalone interactive html.

    Raises ChromiumMissing with the install command when a static format is asked for without Chromium.
    """
    fmt = fmt.lower().lstrip(".")
    if fmt == "html":
        html = fig.to_html(include_plotlyjs=True, full_html=True, config={"displaylogo": False})
        return with_world_outline(html, fig).encode("utf-8")
    if fmt not in ("png", "svg", "pdf"):
        raise UnknownFormat(f"unknown chart format {fmt!r}; use one of {', '.join(CHART_FORMATS)}")
    browser = find_chromium()
    if browser is None:
        raise ChromiumMissing(CHROMIUM_HINT)
    os.environ["BROWSER_PATH"] = browser  # choreographer reads it; it then never looks for a download
    import plotly.graph_objects as go
    import plotly.io as pio

    pio.defaults.topojson = WORLD_OUTLINE.parent.as_uri() + "/"  # maps: the shipped outline, never the CDN

    fig = go.Figure(fig)  # a copy: paper has no range slider to drag
    if "rangeslider" in (fig.layout.xaxis.to_plotly_json() or {}):
        fig.update_xaxes(rangeslider_visible=False)
    height = height or int(fig.layout.height or 600)
    scale = scale if scale is not None else (PNG_SCALE if fmt == "png" else 1)
    return fig.to_image(format=fmt, width=width, height=height, scale=scale)


def _has_map(fig) -> bool:
    data = fig.to_dict().get("data", []) if hasattr(fig, "to_dict") else (fig or {}).get("data", [])
    return any(str(t.get("type", "")).endswith("geo") or t.get("geo") for t in data)


def with_world_outline(html: str, fig) -> str:
    """A standalone HTML chart with the world outline inside it when it draws a map (read offline, no CDN):
    plotly.js takes `window.PlotlyGeoAssets.topojson.world_110m` as loaded and fetches nothing."""
    if not _has_map(fig):
        return html
    outline = WORLD_OUTLINE.read_text(encoding="utf-8").replace("</", "<\\/")
    script = f"<script>window.PlotlyGeoAssets={{topojson:{{world_110m:{outline}}}}};</script>"
    at = html.find("<body>")
    return html[:at + 6] + script + html[at + 6:] if at >= 0 else script + html


def min_font_px(width_px: int, min_pt: float = MIN_PRINT_PT, print_mm: float = PRINT_WIDTH_MM) -> int:
    """The smallest font (layout px) that prints at `min_pt` points when `width_px` is scaled to `print_mm`."""
    import math

    pt_per_px = print_mm / 25.4 * 72 / width_px
    return math.ceil(min_pt / pt_per_px - 1e-9)


def source_line(frame: pd.DataFrame, generated: str = "") -> str:
    """What an exported chart says about where it comes from, e.g. "Source: 12 articles from 3 outlets · as of
    2026-12-07 · machine-extracted" (`generated`, else the latest publication date; "n verified" when analysts
    verified some events)."""
    n_docs = int(frame["doc_id"].nunique()) if "doc_id" in frame.columns else 0
    outlets = frame["source"].dropna() if "source" in frame.columns else pd.Series(dtype=object)
    n_outlets = int(outlets[outlets.astype(str).str.strip() != ""].nunique())
    line = (f"Source: {n_docs:,} article{'s' if n_docs != 1 else ''} from {n_outlets:,} "
            f"outlet{'s' if n_outlets != 1 else ''}")
    as_of = (generated or "")[:10]
    if not as_of and "published" in frame.columns:
        dates = frame["published"].dropna().astype(str)
        as_of = max(dates.str[:10], default="") if len(dates) else ""
    if as_of:
        line += f" · as of {as_of}"
    line += " · machine-extracted"
    if "verified" in frame.columns and "cluster_id" in frame.columns:
        flags = frame["verified"].astype(str).str.strip().str.lower().isin(("true", "1"))
        n_verified = int(frame.loc[flags, "cluster_id"].nunique())
        if n_verified:
            line += f", {n_verified:,} event{'s' if n_verified != 1 else ''} verified by an analyst"
    return line


def _raise_fonts(obj, floor: int, in_font: bool = False):
    """Every font size in a figure dict (layout and traces, not the template) raised to at least `floor`."""
    if isinstance(obj, dict):
        for key, value in obj.items():
            if key == "template":
                continue
            if in_font and key == "size":
                obj[key] = ([max(floor, v) if isinstance(v, (int, float)) else v for v in value]
                            if isinstance(value, (list, tuple)) else
                            max(floor, value) if isinstance(value, (int, float)) else value)
            else:
                _raise_fonts(value, floor, key.endswith("font"))
    elif isinstance(obj, list):
        for value in obj:
            _raise_fonts(value, floor)
    return obj


def print_ready(fig, width: int = EXPORT_WIDTH, note: str = ""):
    """A copy of the figure for paper and slides: every text at least `min_font_px(width)` (8 pt at A4 width)
    and, when given, `note` (the source and "as of" line) in a band below the plot."""
    import plotly.graph_objects as go

    spec = fig.to_dict() if hasattr(fig, "to_dict") else dict(fig)
    layout = spec.setdefault("layout", {})
    floor = min_font_px(width)
    layout.setdefault("font", {})
    layout["font"]["size"] = max(floor, int(layout["font"].get("size") or 12))
    _raise_fonts(spec, floor)
    if note:
        size = layout["font"]["size"]
        ticks = 0 if _has_map(spec) else round(size * 2.2)  # the x axis' labels (an empty chart keeps its axes)
        x_title = (layout.get("xaxis") or {}).get("title")
        if ticks and (x_title.get("text") if isinstance(x_title, dict) else x_title):
            ticks += round(size * 1.5)  # and its title
        margin = layout.setdefault("margin", {})
        margin["b"] = int(margin.get("b") or 10) + ticks + round(size * 1.8)
        layout["annotations"] = list(layout.get("annotations") or []) + [{
            "text": note, "showarrow": False, "xref": "paper", "yref": "paper", "x": 0, "y": 0,
            "xanchor": "left", "yanchor": "top", "yshift": -ticks, "align": "left",
            "font": {"size": size, "color": "#555555"}, "name": "source"}]
        layout["height"] = int(layout.get("height") or 600) + ticks + round(size * 1.8)
    return go.Figure(spec)


def chart_png_for_print(fig, note: str = "") -> bytes:
    """The figure in the light template, as a PNG for documents (never the dark theme on paper), laid out
    at 800 px wide with every text at least 14 px, which prints at >= 8 pt across 170 mm of an A4 page
    (`print_ready`), with `note` (the source and "as of" line) below it."""
    light = fig.to_dict()
    import plotly.graph_objects as go

    out = go.Figure(light)
    # no title (the document has its heading), the legend below the plot where it cannot cover it
    out.update_layout(template="plotly_white", font_size=13, title_text="", margin=dict(l=10, r=10, t=20, b=10),
                      legend=dict(orientation="h", yanchor="top", y=-0.18, xanchor="left", x=0))
    out.update_layout(height=min(int(out.layout.height or 600), 520))
    out = print_ready(out, 800, note)
    return figure_to_bytes(out, "png", width=800, height=int(out.layout.height), scale=3)


def briefing_pdf(frame: pd.DataFrame, fig, filters: list[tuple[str, str]] | None, title: str, generated: str,
                 subtitle: str = "", max_events: int = 300) -> bytes:
    """The briefing pack as PDF (`briefing.to_pdf`), with the chart when `fig` is given and Chromium is there.

    `filters` is accepted for callers of the old signature and not printed: the pack opens with a summary in
    words, not a dump of filter settings.
    """
    content = briefing_content(frame, title, subtitle, generated, max_events=max_events)
    png, note = None, ""
    if fig is not None:
        try:
            png = chart_png_for_print(fig, source_line(frame, generated))
        except ChromiumMissing as exc:
            note = f"The chart is not included: {exc}."
    return to_pdf(content, png, note)


def export_bytes(frame: pd.DataFrame, fmt: str, fig=None, filters: list[tuple[str, str]] | None = None,
                 title: str = "Timeline briefing", generated: str = "", subtitle: str = "",
                 lane: str = "countries") -> bytes:
    """One entry point for every export the dashboard and CLI offer: events (csv/json/parquet), chart, the
    briefing pack (briefing-pdf, docx, md) and the formats of other tools (`formats.FORMATS`)."""
    fmt = fmt.lower().lstrip(".")
    frame = frame[[c for c in frame.columns if not str(c).startswith("_")]]  # helper columns stay in the app
    frame = with_date_display(frame)  # every export shows dates at their precision (issue 19)
    if fmt in ("csv", "json", "parquet"):
        return events_to_bytes(frame, fmt)
    if fmt in CHART_FORMATS:  # 8 pt at A4 width, with its source and "as of" line (issue 19)
        return figure_to_bytes(print_ready(fig, EXPORT_WIDTH, source_line(frame, generated)), fmt, width=EXPORT_WIDTH)
    if fmt == "briefing-pdf":
        return briefing_pdf(frame, fig, filters, title, generated, subtitle)
    if fmt == "docx":
        return to_docx(briefing_content(frame, title, subtitle, generated))
    if fmt == "md":
        return to_markdown(briefing_content(frame, title, subtitle, generated))
    if fmt == "key-events":  # issue 23: the most salient clusters, one row each
        return key_events_csv(frame)
    if fmt in FORMATS:
        return format_bytes(frame, fmt, title=title, subtitle=subtitle, generated=generated, lane=lane)
    raise UnknownFormat(f"unknown export format {fmt!r}; use one of {', '.join(EXPORT_FORMATS)}")
