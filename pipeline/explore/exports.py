"""Exports for briefings: charts as PNG/SVG/PDF/HTML (kaleido and the system Chromium), the filtered events,
and the briefing pack (fpdf2)."""
from __future__ import annotations

import os
from pathlib import Path

import pandas as pd

from ..config import DATA_DIR
from ..errors import PipelineError
from ..frame.io import UnknownFormat, events_to_bytes
from ..timex.display import with_date_display
from .views import representatives

# --- Charts and briefings -------------------------------------------------------------------------------
# Static images go through kaleido, which drives a Chrome/Chromium it finds (choreographer). We point it at
# the system Chromium and never let it download one; plotly/kaleido/fpdf2 are imported only when used, so
# `pipeline` itself imports without them.

CHART_FORMATS = ("png", "svg", "pdf", "html")
BRIEFING_FORMATS = ("briefing-pdf",)
MIME = {"png": "image/png", "svg": "image/svg+xml", "pdf": "application/pdf", "html": "text/html",
        "csv": "text/csv", "json": "application/json", "briefing-pdf": "application/pdf"}
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
    """The figure in the light template, as a PNG for documents (never the dark theme on paper)."""
    light = fig.to_dict()
    import plotly.graph_objects as go

    out = go.Figure(light)
    out.update_layout(template="plotly_white")
    return figure_to_bytes(out, "png", scale=2)


def _pdf_font(pdf) -> str:
    """A Unicode font when the system has DejaVu (article text is not Latin-1); else the core Helvetica."""
    for folder in ("/usr/share/fonts/truetype/dejavu", "/usr/share/fonts/dejavu"):
        regular, bold = Path(folder) / "DejaVuSans.ttf", Path(folder) / "DejaVuSans-Bold.ttf"
        if regular.is_file() and bold.is_file():
            pdf.add_font("DejaVu", "", str(regular))
            pdf.add_font("DejaVu", "B", str(bold))
            return "DejaVu"
    return "Helvetica"


def briefing_pdf(frame: pd.DataFrame, fig, filters: list[tuple[str, str]], title: str, generated: str,
                 max_events: int = 300) -> bytes:
    """A briefing pack: title and date, the filter state, the chart, a dated list of events with citations.

    `frame` is the filtered events; one line per event (cluster), citing every article that reported it.
    `generated` is the date printed on the pack (passed in: the pipeline never reads the clock).
    The chart is left out, with a note saying how to get it, when Chromium is missing.
    """
    from fpdf import FPDF
    from fpdf.enums import XPos, YPos


    pdf = FPDF(orientation="portrait", unit="mm", format="A4")
    pdf.set_auto_page_break(auto=True, margin=15)
    pdf.set_title(title)
    pdf.set_creator("geopolitical timeline")
    font = _pdf_font(pdf)
    latin = font == "Helvetica"

    def text(s) -> str:
        s = "" if s is None else str(s)
        return s.encode("latin-1", "replace").decode("latin-1") if latin else s

    def line(s, size=10, style="", h=5.0):
        pdf.set_font(font, style, size)
        pdf.multi_cell(0, h, text(s), new_x=XPos.LMARGIN, new_y=YPos.NEXT)

    pdf.add_page()
    line(title, 18, "B", 9)
    line(f"Prepared {generated} · {frame['cluster_id'].nunique()} events from {frame['doc_id'].nunique()} articles",
         10, "", 6)
    pdf.ln(2)
    line("Filters", 12, "B", 7)
    for label, value in filters:
        line(f"{label}: {value}", 9, "", 4.5)
    pdf.ln(3)
    try:
        png = chart_png_for_print(fig)
    except ChromiumMissing as exc:
        line(f"(Chart not included: {exc}.)", 9, "", 4.5)
    else:
        import io

        pdf.image(io.BytesIO(png), w=pdf.epw)
    pdf.add_page()
    line("Events", 12, "B", 7)
    dated = frame.sort_values(["date_start", "cluster_id"], na_position="last")
    reps = representatives(dated).sort_values(["date_start", "cluster_id"], na_position="last").head(max_events)
    docs = frame.drop_duplicates("doc_id").set_index("doc_id")
    cite: dict[str, int] = {}
    for rep in reps.itertuples():
        mentions = frame[frame["cluster_id"] == rep.cluster_id].drop_duplicates("doc_id")
        refs = []
        for doc_id in mentions["doc_id"]:
            cite.setdefault(doc_id, len(cite) + 1)
            refs.append(f"[{cite[doc_id]}]")
        verified = "verified" in mentions.columns and bool(frame.loc[frame["cluster_id"] == rep.cluster_id, "verified"].any())
        line(event_heading(rep.date_start, rep.date_end, rep.date_text, rep.event_type, verified,
                           getattr(rep, "date_display", None)), 9, "B", 4.5)
        line(f"{rep.headline}  {' '.join(refs)}", 9, "", 4.5)
        line(f"“{rep.quote}”", 8, "", 4)
        pdf.ln(1.5)
    if frame["cluster_id"].nunique() > max_events:
        line(f"… and {frame['cluster_id'].nunique() - max_events} more events (see the CSV export).", 9, "", 5)
    pdf.ln(3)
    line("Sources", 12, "B", 7)
    for doc_id, n in cite.items():
        d = docs.loc[doc_id]
        published = d["published"] or "date unknown"
        if d["published_inferred"]:
            published += " (inferred)"
        url = f" {d['url']}" if d["url"] else ""
        line(f"[{n}] {d['source'] or 'unknown outlet'}: {d['title'] or doc_id}, {published}.{url}", 8, "", 4)
    return bytes(pdf.output())


def event_heading(start, end, date_text, event_type, verified: bool = False, display: str | None = None) -> str:
    """The briefing's line above an event: its dates (at their precision, `display`, when known), the words they
    came from, its type, and whether a person verified it."""
    when = display if isinstance(display, str) and display else start if start == end or not end else f"{start} – {end}"
    mark = "  [verified]" if verified else ""
    return f"{when or 'undated'}  ({date_text})  {event_type}{mark}"


def export_bytes(frame: pd.DataFrame, fmt: str, fig=None, filters: list[tuple[str, str]] | None = None,
                 title: str = "Timeline briefing", generated: str = "") -> bytes:
    """One entry point for every export the dashboard and CLI offer: events (csv/json/parquet), chart, briefing."""
    fmt = fmt.lower().lstrip(".")
    frame = frame[[c for c in frame.columns if not str(c).startswith("_")]]  # helper columns stay in the app
    frame = with_date_display(frame)  # every export shows dates at their precision (issue 19)
    if fmt in ("csv", "json", "parquet"):
        return events_to_bytes(frame, fmt)
    if fmt in CHART_FORMATS:
        return figure_to_bytes(fig, fmt)
    if fmt == "briefing-pdf":
        return briefing_pdf(frame, fig, filters or [], title, generated)
    raise UnknownFormat(f"unknown export format {fmt!r}; use one of "
                        f"{', '.join(CHART_FORMATS + ('csv', 'json') + BRIEFING_FORMATS)}")
