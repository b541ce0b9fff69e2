"""The briefing pack (issue 20): one content, three renderings: PDF (fpdf2), DOCX (python-docx) and Markdown.

`briefing_content(frame, ...)` decides what the pack says: an editable title and subtitle, a summary paragraph
(span, counts, outlets, verified vs machine-extracted), the key events, the chronology with honest dates and
numbered citations, the sources with their links (http(s) only) and the caveat. The renderers only lay it
out. No filter dump, no empty "()", no doubled quote marks. `generated` (the date printed) is passed in:
nothing here reads the clock.
"""
from __future__ import annotations

import io
import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import pandas as pd

from ..wording import counts_phrase, inferred_note, plural
from .formats import MONTHS, Citation, EventItem, _day, event_items, format_day

CAVEAT = ("Machine-extracted: the events, dates, actors and places in this pack were found automatically in the "
          "articles cited, and have not been checked by an analyst unless marked “verified”. Each date is shown "
          "only as precisely as the article gives it; check the cited article before relying on an item.")
KEY_EVENTS = 5  # how many key events open the pack (the most widely reported)
MAX_EVENTS = 300  # the chronology's length; the rest is counted and left to the CSV export
_QUOTE_MARKS = "\"'“”‘’«»„‟‹›"


# The narrowest the chart is printed (mm): exports lays its text out to be >= 8 pt at this width (issue 19).
CHART_PRINT_MM = 170


@dataclass
class Source:
    """A numbered source of the pack: one article."""

    n: int
    outlet: str | None
    title: str | None
    published: str | None
    published_inferred: bool
    url: str | None
    doc_id: str
    published_basis: str | None = None  # how an inferred date was fixed (issue 22)

    def label(self) -> str:
        """`Reuters, “Title”, 29 December 2020` (parts that are unknown are left out, never "()"); an inferred
        date says how: `29 December 2020 (inferred from the dateline)`."""
        parts = [self.outlet] if self.outlet else []
        if self.title:
            parts.append(f"“{strip_quotes(self.title)}”")
        elif not self.outlet:
            parts.append(self.doc_id)
        when = published_words(self.published)
        if when:
            note = inferred_note(self.published_inferred, self.published_basis)
            parts.append(f"{when} ({note})" if note else when)
        return ", ".join(parts)


@dataclass
class Entry:
    """One event of the chronology: its date in words, type, headline, quote and source numbers."""

    when: str
    event_type: str
    headline: str
    quote: str
    date_words: str
    verified: bool
    refs: list[int]
    n_sources: int

    def heading(self) -> str:
        """`10 November 2020 · AGREE · verified`."""
        return " · ".join([self.when, self.event_type] + (["verified"] if self.verified else []))


@dataclass
class Briefing:
    title: str
    subtitle: str
    generated: str
    summary: str
    key: list[Entry] = field(default_factory=list)
    entries: list[Entry] = field(default_factory=list)
    more: int = 0  # events left out of the chronology
    sources: list[Source] = field(default_factory=list)
    caveat: str = CAVEAT


def strip_quotes(text: str) -> str:
    """The text without the quote marks around it (the pack adds its own: no doubled “"...”")."""
    text = re.sub(r"\s+", " ", str(text or "")).strip()
    while len(text) >= 2 and text[0] in _QUOTE_MARKS and text[-1] in _QUOTE_MARKS:
        text = text[1:-1].strip()
    if text[:1] in _QUOTE_MARKS and not any(q in text[1:] for q in _QUOTE_MARKS):  # an unmatched opening mark
        text = text[1:].strip()
    return text


_INNER = str.maketrans({"“": "‘", "”": "’", "„": "‚", "\"": "'"})


def quoted(text: str) -> str:
    """The text in double quote marks, its own double marks made single (a quotation within a quotation:
    “‘We have agreed …,’ the minister said”), so two double marks never stand side by side."""
    return f"“{text.translate(_INNER)}”" if text else ""


def published_words(value: str | None) -> str:
    """A publication date (2020-12-29, 2020-12 or 2020) in words, as precise as it is."""
    value = str(value or "").strip()
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", value) and _day(value):
        return format_day(_day(value))
    if re.fullmatch(r"\d{4}-\d{2}", value):
        return f"{MONTHS[int(value[5:]) - 1]} {value[:4]}"
    return value


def _span(items: list[EventItem]) -> str:
    """The dates the items run over, each end at its real precision: "5 March 2020 to 2021", never a vague
    item's first or last day ("1 September 2020" for "the end of 2020")."""
    dated = [i for i in items if _day(i.date_start)]
    if not dated:
        return ""
    first = min(dated, key=lambda i: (_day(i.date_start), _day(i.date_end) or _day(i.date_start)))
    last = max(dated, key=lambda i: (_day(i.date_end) or _day(i.date_start), _day(i.date_start)))

    def words(item: EventItem, day: date) -> str:
        return format_day(day) if item.granularity in ("time", "day") or not item.date_display else item.date_display

    start = words(first, _day(first.date_start))
    end = words(last, _day(last.date_end) or _day(last.date_start))
    return start if start == end else f"{start} to {end}"


def summary_text(items: list[EventItem], n_mentions: int, n_articles: int, outlets: list[str],
                 unnamed: int = 0) -> str:
    """The opening paragraph: how many events, from what, over which span, and how many a person checked.
    `outlets` in the order they are first cited; `unnamed` articles name no outlet."""
    named = ", ".join(outlets[:6]) + (f" and {len(outlets) - 6} more" if len(outlets) > 6 else "")
    span = _span(items)
    when = f", dated from {span}," if " to " in span else (f", dated {span}," if span else "")
    by = f" by {plural(len(outlets), 'outlet')} ({named})" if outlets else ""
    text = f"This pack lists {counts_phrase(len(items), n_mentions)}{when} reported in {plural(n_articles, 'article')}{by}."
    if unnamed and outlets:
        text += f" {plural(unnamed, 'article')} {'names' if unnamed == 1 else 'name'} no outlet."
    undated = sum(1 for i in items if not i.date_start)
    if undated:
        text += f" {plural(undated, 'event')} {'has' if undated == 1 else 'have'} no date."
    verified = sum(1 for i in items if i.verified)
    machine = len(items) - verified
    if not items:
        return text
    if not verified:
        text += " None has been verified by an analyst: all are machine-extracted and not yet checked."
    elif not machine:
        text += " All have been verified by an analyst."
    else:
        text += (f" {plural(verified, 'event')} {'has' if verified == 1 else 'have'} been verified by an analyst; "
                 f"{machine:,} {'is' if machine == 1 else 'are'} machine-extracted and not yet checked.")
    return text


def briefing_content(frame: pd.DataFrame, title: str, subtitle: str = "", generated: str = "",
                     max_events: int = MAX_EVENTS, key_events: int = KEY_EVENTS) -> Briefing:
    """What the pack says about the filtered events `frame` (one row per mention)."""
    items = event_items(frame)
    numbers: dict[str, int] = {}
    sources: list[Source] = []

    def cite(c: Citation) -> int:
        if c.doc_id not in numbers:
            numbers[c.doc_id] = len(numbers) + 1
            sources.append(Source(numbers[c.doc_id], c.outlet, c.title, c.published, c.published_inferred,
                                  c.url, c.doc_id, c.published_basis))
        return numbers[c.doc_id]

    def entry(item: EventItem) -> Entry:
        quote = strip_quotes(item.quote)
        headline = strip_quotes(item.headline) or quote[:100]
        words = strip_quotes(item.date_text)
        return Entry(item.date_display, item.event_type, headline, quote if quote != headline else "",
                     words if words and words.lower() != item.date_display.lower() else "", item.verified,
                     sorted({cite(c) for c in item.citations}), len({c.doc_id for c in item.citations}))

    shown = items[:max_events]
    entries = [entry(i) for i in shown]  # numbers the sources in chronological order
    # every outlet of the selection, those cited first in citation order, then those of events not shown
    outlets = list(dict.fromkeys([c.outlet for i in shown + items[max_events:] for c in i.citations if c.outlet]))
    key: list[Entry] = []
    if len(entries) > key_events:  # the most salient events (issue 23) first, in date order among themselves
        salience = (frame.groupby("cluster_id")["salience"].max().to_dict()
                    if "salience" in frame.columns and len(frame) else {})
        ranked = sorted(range(len(entries)), key=lambda k: (-float(salience.get(shown[k].cluster_id, 0.0) or 0.0),
                                                            -entries[k].n_sources, -shown[k].n_mentions, k))
        key = [entries[k] for k in sorted(ranked[:key_events]) if entries[k].n_sources > 1 or shown[k].n_mentions > 1]
    n_articles = int(frame["doc_id"].nunique()) if len(frame) else 0
    named_docs = frame["doc_id"][frame["source"].fillna("").astype(str).str.strip() != ""].nunique() if len(frame) else 0
    summary = summary_text(items, len(frame), n_articles, outlets, n_articles - int(named_docs))
    return Briefing(title=title.strip() or "Timeline briefing", subtitle=subtitle.strip(), generated=generated,
                    summary=summary, key=key, entries=entries, more=max(0, len(items) - max_events),
                    sources=sources)


# --- Markdown ------------------------------------------------------------------------------------------

_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>|#])")


def md_escape(text: str) -> str:
    """Text shown literally in Markdown (no links, emphasis or HTML from article text)."""
    return _MD_SPECIAL.sub(r"\\\1", str(text))


def _md_entry(e: Entry) -> list[str]:
    refs = "".join(f"[\\[{n}\\]](#source-{n})" for n in e.refs)
    lines = [f"**{md_escape(e.heading())}**  ", f"{md_escape(e.headline)} {refs}".rstrip() + ("  " if e.quote else "")]
    if e.quote:
        lines.append(f"> {md_escape(quoted(e.quote))}")
    if e.date_words:
        lines.append(f"\n*Date as written: “{md_escape(e.date_words)}”*")
    return lines + [""]


def to_markdown(b: Briefing) -> bytes:
    """The pack as Markdown (CommonMark), for office templates (pandoc) and wikis."""
    out = [f"# {md_escape(b.title)}", ""]
    if b.subtitle:
        out += [f"*{md_escape(b.subtitle)}*", ""]
    if b.generated:
        out += [f"Prepared {md_escape(published_words(b.generated))}", ""]
    out += ["## Summary", "", md_escape(b.summary), "", f"> {md_escape(b.caveat)}", ""]
    if b.key:
        out += ["## Key events", ""]
        for e in b.key:
            out += _md_entry(e)
    out += ["## Chronology", ""]
    for e in b.entries:
        out += _md_entry(e)
    if b.more:
        out += [f"… and {plural(b.more, 'more event')} (see the CSV export).", ""]
    out += ["## Sources", ""]
    for s in b.sources:
        link = f" <{s.url}>" if s.url else ""
        out.append(f'<a id="source-{s.n}"></a>\\[{s.n}\\] {md_escape(s.label())}.{link}  ')
    return ("\n".join(out).rstrip() + "\n").encode("utf-8")


# --- DOCX (python-docx) ------------------------------------------------------------------------------

def _docx_hyperlink(paragraph, url: str, text: str) -> None:
    """A clickable link in a python-docx paragraph (python-docx has no API for it: the OOXML by hand)."""
    from docx.opc.constants import RELATIONSHIP_TYPE
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    rid = paragraph.part.relate_to(url, RELATIONSHIP_TYPE.HYPERLINK, is_external=True)
    link = OxmlElement("w:hyperlink")
    link.set(qn("r:id"), rid)
    run = OxmlElement("w:r")
    props = OxmlElement("w:rPr")
    style = OxmlElement("w:rStyle")
    style.set(qn("w:val"), "Hyperlink")
    props.append(style)
    colour = OxmlElement("w:color")
    colour.set(qn("w:val"), "0563C1")
    props.append(colour)
    underline = OxmlElement("w:u")
    underline.set(qn("w:val"), "single")
    props.append(underline)
    run.append(props)
    t = OxmlElement("w:t")
    t.text = text
    t.set(qn("xml:space"), "preserve")
    run.append(t)
    link.append(run)
    paragraph._p.append(link)


def _docx_page_numbers(section) -> None:
    """"Page N of M" in the footer, as Word fields (updated by Word when the document opens)."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    p = section.footer.paragraphs[0]
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    for i, piece in enumerate(("Page ", "PAGE", " of ", "NUMPAGES")):
        if i % 2 == 0:
            p.add_run(piece)
            continue
        field_ = OxmlElement("w:fldSimple")
        field_.set(qn("w:instr"), piece)
        run = OxmlElement("w:r")
        t = OxmlElement("w:t")
        t.text = "1"
        run.append(t)
        field_.append(run)
        p._p.append(field_)


def to_docx(b: Briefing) -> bytes:
    """The pack as a Word document (python-docx): headings, numbered citations, clickable links, page numbers."""
    from docx import Document as Docx
    from docx.shared import Pt

    doc = Docx()
    doc.core_properties.title = b.title
    doc.core_properties.subject = b.subtitle
    doc.add_heading(b.title, 0)
    if b.subtitle:
        doc.add_paragraph(b.subtitle, style="Subtitle")
    if b.generated:
        doc.add_paragraph(f"Prepared {published_words(b.generated)}")
    doc.add_heading("Summary", 1)
    doc.add_paragraph(b.summary)
    caveat = doc.add_paragraph()
    caveat.add_run(b.caveat).italic = True

    def add_entry(e: Entry) -> None:
        head = doc.add_paragraph()
        head.add_run(e.heading()).bold = True
        head.paragraph_format.space_after = Pt(0)
        body = doc.add_paragraph(e.headline + (" " if e.refs else ""))
        body.add_run("".join(f"[{n}]" for n in e.refs))
        body.paragraph_format.space_after = Pt(0) if e.quote or e.date_words else Pt(8)
        if e.quote:
            quote = doc.add_paragraph(style="Quote")
            quote.add_run(quoted(e.quote))
        if e.date_words:
            words = doc.add_paragraph()
            words.add_run(f"Date as written: “{e.date_words}”").italic = True

    if b.key:
        doc.add_heading("Key events", 1)
        for e in b.key:
            add_entry(e)
    doc.add_heading("Chronology", 1)
    for e in b.entries:
        add_entry(e)
    if b.more:
        doc.add_paragraph(f"… and {plural(b.more, 'more event')} (see the CSV export).")
    doc.add_heading("Sources", 1)
    for s in b.sources:
        p = doc.add_paragraph(f"[{s.n}] {s.label()}." + (" " if s.url else ""))
        if s.url:
            _docx_hyperlink(p, s.url, s.url)
    _docx_page_numbers(doc.sections[0])
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


# --- PDF (fpdf2) ---------------------------------------------------------------------------------------

def _fonts(pdf) -> str:
    """DejaVu when the system has it (article text is not Latin-1), else the core Helvetica."""
    for folder in ("/usr/share/fonts/truetype/dejavu", "/usr/share/fonts/dejavu"):
        paths = {style: Path(folder) / f"DejaVuSans{suffix}.ttf"
                 for style, suffix in (("", ""), ("B", "-Bold"), ("I", "-Oblique"))}
        if all(p.is_file() for p in paths.values()):
            for style, path in paths.items():
                pdf.add_font("DejaVu", style, str(path))
            return "DejaVu"
    return "Helvetica"


def to_pdf(b: Briefing, chart_png: bytes | None = None, chart_note: str = "") -> bytes:
    """The pack as an A4 PDF: title page content flows into the chronology; page numbers in the footer;
    the chart (a PNG, when one is given) after the summary, on a page of its own width."""
    from fpdf import FPDF
    from fpdf.enums import XPos, YPos

    class Pack(FPDF):
        def footer(self):  # noqa: D401 - fpdf2 hook
            self.set_y(-12)
            self.set_font(font, "", 8)
            self.set_text_color(110)
            self.cell(0, 6, text(f"{b.title} · page {self.page_no()} of {{nb}}"), align="C")
            self.set_text_color(0)

    pdf = Pack(orientation="portrait", unit="mm", format="A4")
    pdf.set_auto_page_break(auto=True, margin=18)
    pdf.set_title(b.title)
    pdf.set_subject(b.subtitle)
    pdf.set_creator("geopolitical timeline")
    font = _fonts(pdf)
    latin = font == "Helvetica"

    def text(s) -> str:
        s = "" if s is None else str(s)
        if latin:
            s = s.translate(str.maketrans({"“": '"', "”": '"', "‘": "'", "’": "'", "–": "-", "·": "-", "…": "..."}))
            return s.encode("latin-1", "replace").decode("latin-1")
        return s

    def para(s, size=10, style="", h=5.0, after=0.0, colour=0):
        pdf.set_font(font, style, size)
        pdf.set_text_color(colour)
        pdf.multi_cell(0, h, text(s), align="L", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        pdf.set_text_color(0)
        if after:
            pdf.ln(after)

    def heading(s):
        if pdf.get_y() > pdf.h - 45:  # never a heading alone at the foot of a page
            pdf.add_page()
        pdf.ln(2)
        para(s, 13, "B", 7, 1)

    def entry(e: Entry):
        if pdf.get_y() > pdf.h - 38:
            pdf.add_page()
        para(e.heading(), 9.5, "B", 5)
        para(e.headline + ("  " + "".join(f"[{n}]" for n in e.refs) if e.refs else ""), 10, "", 5)
        if e.quote:
            pdf.set_x(pdf.l_margin + 5)
            pdf.set_font(font, "I" if not latin else "", 9)
            pdf.set_text_color(60)
            pdf.multi_cell(pdf.epw - 5, 4.5, text(quoted(e.quote)), align="L", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
            pdf.set_text_color(0)
        if e.date_words:
            para(f"Date as written: “{e.date_words}”", 8, "", 4, colour=90)
        pdf.ln(2.5)

    pdf.add_page()
    para(b.title, 20, "B", 10)
    if b.subtitle:
        para(b.subtitle, 13, "", 7)
    if b.generated:
        para(f"Prepared {published_words(b.generated)}", 9, "", 5, colour=90)
    pdf.ln(3)
    heading("Summary")
    para(b.summary, 10.5, "", 5.5, 2)
    pdf.set_fill_color(245, 238, 220)
    pdf.set_font(font, "", 9)
    pdf.multi_cell(0, 4.6, text(b.caveat), fill=True, padding=2, align="L", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    if chart_png:
        from PIL import Image

        with Image.open(io.BytesIO(chart_png)) as img:
            ratio = img.height / img.width
        room = pdf.h - pdf.b_margin - pdf.get_y() - 12  # below the heading
        height = pdf.epw * ratio
        # never narrower than CHART_PRINT_MM (its text is sized to be >= 8 pt there: exports.print_ready);
        # too little room for that: a page of its own
        if room < min(height, CHART_PRINT_MM * ratio):
            pdf.add_page()
            room = pdf.h - pdf.b_margin - pdf.get_y() - 12
        heading("Timeline chart")
        height = min(height, room)  # shrunk to the room left rather than leaving half a page blank
        pdf.image(io.BytesIO(chart_png), h=height, w=height / ratio, x=pdf.l_margin + (pdf.epw - height / ratio) / 2)
        pdf.ln(2)
    elif chart_note:
        para(chart_note, 8, "", 4, 2, colour=90)
    if b.key:
        heading("Key events")
        for e in b.key:
            entry(e)
    heading("Chronology")
    for e in b.entries:
        entry(e)
    if b.more:
        para(f"… and {plural(b.more, 'more event')} (see the CSV export).", 9, "", 5)
    heading("Sources")
    for s in b.sources:
        pdf.set_font(font, "", 8.5)
        pdf.write(4.5, text(f"[{s.n}] {s.label()}."))
        if s.url:
            pdf.write(4.5, " ")
            pdf.set_text_color(5, 99, 193)
            pdf.set_font(font, "", 8.5)
            pdf.write(4.5, text(s.url), link=s.url)
            pdf.set_text_color(0)
        pdf.ln(5.5)
    return bytes(pdf.output())


__all__ = ["Briefing", "Entry", "Source", "briefing_content", "to_markdown", "to_docx", "to_pdf", "strip_quotes",
           "published_words", "summary_text", "md_escape", "CAVEAT"]
