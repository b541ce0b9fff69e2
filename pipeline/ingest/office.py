"""Readers for the office files analysts are sent: Word documents (.docx, python-docx) and PDFs (.pdf, pypdf).

Both give the document's text, one paragraph per line with a blank line between (as plain-text articles), and
the title, date and language its own properties state (`readers.read_docx`/`read_pdf` make the Document of
them), and name what they could not read. A Word
file is a ZIP archive: one that would unpack to more than `UNPACKED_BYTES` is refused before it is opened (a ZIP
bomb of a few kilobytes unpacks to gigabytes). A PDF is read to `PDF_PAGES` pages at most.
"""
from __future__ import annotations

import io
import re
import zipfile

from .decode import BadInput

UNPACKED_BYTES = 100_000_000  # a .docx unpacking to more is refused (a long report is a few MB of XML)
PDF_PAGES = 500  # pages of a PDF read at most; the rest are named


def _paragraphs(lines) -> str:
    text = "\n\n".join(" ".join(line.split()) for line in lines if line and line.strip())
    return text + "\n" if text else ""


def docx_text(data: bytes) -> tuple[str, dict]:
    """A Word document's paragraphs (tables' cells too, after them) and its properties {title, published, language}."""
    import docx

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            unpacked = sum(i.file_size for i in z.infolist())
    except zipfile.BadZipFile:
        raise BadInput("is not a Word document (.docx), though named one", "docx") from None
    if unpacked > UNPACKED_BYTES:
        raise BadInput(f"unpacks to {unpacked:,} bytes, over {UNPACKED_BYTES:,} (a ZIP bomb?)", "docx")
    try:
        document = docx.Document(io.BytesIO(data))
    except Exception as exc:  # not a Word document inside (an .xlsx renamed, a damaged part)
        raise BadInput(f"is not a readable Word document ({type(exc).__name__})", "docx") from None
    lines = [p.text for p in document.paragraphs]
    lines += [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    text = _paragraphs(lines)
    if not text:
        raise BadInput("the Word document has no text", "docx")
    props = document.core_properties
    return text, {"title": props.title or None, "published": props.created, "language": props.language or None}


_PDF_DATE = re.compile(r"D?:?(\d{4})(\d{2})?(\d{2})?")


def pdf_text(data: bytes, notes: list) -> tuple[str, dict]:
    """A PDF's text (a text layer; a scanned page has none) and {title, published} from its information
    dictionary; a note when pages were left out."""
    import pypdf

    try:
        reader = pypdf.PdfReader(io.BytesIO(data))
        if reader.is_encrypted:
            raise BadInput("the PDF is encrypted; save an unlocked copy", "pdf")
        pages = reader.pages
        count = len(pages)
        lines: list[str] = []
        for page in list(pages)[:PDF_PAGES]:
            # a line break inside a paragraph is the page's layout: lines join, a blank line parts paragraphs
            for block in re.split(r"\n\s*\n|(?<=[.!?:])\n(?=[A-Z“\"])", page.extract_text() or ""):
                lines.append(block)
        info = reader.metadata or {}
        title, created = info.get("/Title"), info.get("/CreationDate")
    except BadInput:
        raise
    except Exception as exc:  # a damaged or hostile PDF is this file's problem only
        if type(exc).__name__ == "LimitReachedError":
            raise BadInput("a part of the PDF unpacks beyond pypdf's size limit (a decompression bomb?)", "pdf") from None
        raise BadInput(f"is not a readable PDF ({type(exc).__name__})", "pdf") from None
    if count > PDF_PAGES:
        notes.append(("pdf", f"{count:,} pages; the first {PDF_PAGES} were read"))
    text = _paragraphs(lines)
    if not text:
        raise BadInput("the PDF has no text layer (a scan?); run OCR on it first", "pdf")
    m = _PDF_DATE.match(str(created or ""))
    return text, {"title": str(title).strip() or None if title else None,
                  "published": "-".join(g for g in m.groups() if g) if m else None}
