"""Exports for briefings: charts as PNG/SVG/PDF/HTML (kaleido and the system Chromium), the filtered events,
and the briefing pack (fpdf2)."""
from __future__ import annotations

import os
from pathlib import Path

import pandas as pd

from ..config import DATA_DIR
from ..errors import PipelineError
from ..frame.io import UnknownFormat, events_to_bytes
from .briefing import briefing_content, to_docx, to_markdown, to_pdf
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


def chart_png_for_print(fig) -> bytes:
    """The figure in the light template, as a PNG for documents (never the dark theme on paper), laid out
    at 800 px wide so that its 12-14 px text prints at about 8 pt across the width of an A4 page."""
    light = fig.to_dict()
    import plotly.graph_objects as go

    out = go.Figure(light)
    # no title (the document has its heading), the legend below the plot where it cannot cover it
    out.update_layout(template="plotly_white", font_size=13, title_text="", margin=dict(l=10, r=10, t=20, b=10),
                      legend=dict(orientation="h", yanchor="top", y=-0.18, xanchor="left", x=0))
    height = min(int(out.layout.height or 600), 520)
    return figure_to_bytes(out, "png", width=800, height=height, scale=3)


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
            png = chart_png_for_print(fig)
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
    if fmt in CHART_FORMATS:
        return figure_to_bytes(fig, fmt)
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
