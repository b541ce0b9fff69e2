"""Readers, one per file kind: `.txt`, `.md` (YAML front matter), `.html` (trafilatura), `.json`/`.jsonl` records."""
from __future__ import annotations

import json
import math
import re
import warnings
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Callable


from ..config import YAML_LOADER
from ..schema import Document
from .decode import BadInput, decode
from .office import docx_text, pdf_text

Reader = Callable[[Path, bytes, list], list[Document]]

METADATA_FIELDS = ("title", "source", "url", "published", "language")

# Field names accepted in .json/.jsonl article records, first match wins (trafilatura's own JSON included).
RECORD_FIELDS = {
    "text": ("text", "body", "content", "maintext", "raw_text"),
    "title": ("title", "headline"),
    "source": ("source", "outlet", "sitename", "publisher"),
    "url": ("url", "link", "source_url"),
    "published": ("published", "date", "published_at", "pubdate"),
    "language": ("language", "lang"),
    "id": ("id", "doc_id"),
}





# --- metadata fence (issue 17) -------------------------------------------------------------------------
# Metadata values are checked by type and size before use: one hostile value (a YAML alias bomb, a 5,000-digit
# number, a 200,000-character title, an impossible date) is named with its file, never expanded or parsed.

METADATA_CHARS = {"title": 1_000, "source": 300, "url": 2_048, "published": 100, "language": 35}
FRONT_MATTER_BYTES = 65_536  # front matter is a few lines of metadata
FRONT_MATTER_NODES = 2_000  # YAML events (keys, values, lists) in it
NUMBER_DIGITS = 30  # a metadata number longer than this is no year, id or date


class HugeNumber(str):
    """The digits of a JSON number too long to be metadata (kept as text: never converted to int)."""


def _bounded_int(digits: str):
    return int(digits) if len(digits.lstrip("-")) <= NUMBER_DIGITS else HugeNumber(digits)


def _show(value, limit: int = 60) -> str:
    """A value for a message: repr, one line, at most `limit` characters."""
    text = repr(value) if not isinstance(value, HugeNumber) else f"a {len(value.lstrip('-')):,}-digit number"
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def metadata_problem(key: str, value) -> str | None:
    """Why a metadata value cannot be used (wrong type, too large, not finite), or None when it can."""
    if isinstance(value, HugeNumber):
        return f"{key} is a {len(value.lstrip('-')):,}-digit number, not {'a date' if key == 'published' else 'text'}"
    if isinstance(value, bool) or not isinstance(value, (str, int, float, date, datetime)):
        return f"{key} is {type(value).__name__ if value is not None else 'empty'} ({_show(value)}), not text"
    if isinstance(value, float) and not math.isfinite(value):
        return f"{key} is {value}, not a number"
    if isinstance(value, int) and abs(value) >= 10**NUMBER_DIGITS:
        return f"{key} is a number of over {NUMBER_DIGITS} digits, not {'a date' if key == 'published' else 'text'}"
    limit = METADATA_CHARS.get(key)
    if limit and isinstance(value, str) and len(value) > limit:
        return f"{key} is {len(value):,} characters long, over the {limit:,} limit"
    return None


# --- metadata helpers -------------------------------------------------------------------------------

def normalise_published(value) -> str | None:
    """An ISO date (or year/month prefix) from a metadata value; None for what is not a date.

    Only absolute dates are accepted (a 4-digit year must be present), so nothing depends on today.
    """
    if value is None or value == "":
        return None
    if isinstance(value, (datetime, date)):
        return value.date().isoformat() if isinstance(value, datetime) else value.isoformat()
    s = str(value).strip()
    m = re.match(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?(?:$|[T ]\d)", s, re.ASCII)
    if m:
        parts = [p for p in m.groups() if p]
        try:
            date(int(parts[0]), int(parts[1]) if len(parts) > 1 else 1, int(parts[2]) if len(parts) > 2 else 1)
        except ValueError:
            return None
        return "-".join(parts)
    if not re.search(r"\b\d{4}\b", s):
        return None
    try:
        import dateparser

        parsed = dateparser.parse(s, settings={"RELATIVE_BASE": datetime(2000, 1, 1), "REQUIRE_PARTS": ["year"],
                                               "PREFER_DAY_OF_MONTH": "first"})
    except Exception:
        return None
    return parsed.date().isoformat() if parsed else None


def _no_such_day(value) -> bool:
    """Whether a value is written as an ISO date that the calendar does not have (2020-02-30, 0000-01-01)."""
    return isinstance(value, str) and bool(re.match(r"\s*\d{4}-\d{2}(?:-\d{2})?(?:$|[T ]\d)", value.strip(), re.ASCII))


FIRST_PUBLISHED_YEAR = 1600  # the first printed newspapers; an earlier "published" is a slip (0001, 0200)


def published_problem(iso: str, today: date | None = None) -> str | None:
    """Why a publication date that is a real day cannot be an article's: after today (a date a day ahead is let
    through for time zones), or before the first newspapers. None when it can be."""
    today = today or date.today()
    year = int(iso[:4])
    if year < FIRST_PUBLISHED_YEAR:
        return f"is before {FIRST_PUBLISHED_YEAR}"
    first = date(year, int(iso[5:7]) if len(iso) > 4 else 1, int(iso[8:10]) if len(iso) > 7 else 1)
    if first > today + timedelta(days=1):
        return "is in the future"
    return None


def _apply_metadata(doc: Document, meta: dict, origin: str, notes: list) -> None:
    """Copy known metadata fields onto the document; a bad value (wrong type, too large, not a date) is
    named, not used."""
    for key in METADATA_FIELDS:
        value = meta.get(key)
        if value is None or (isinstance(value, str) and not value.strip()):
            continue
        problem = metadata_problem(key, value)
        if problem:
            notes.append(("metadata", f"{origin}: {problem}; ignored"))
            continue
        if key == "published":
            iso = normalise_published(value)
            if iso is not None and (late := published_problem(iso)):
                notes.append(("metadata", f"{origin}: published {_show(value)} {late}; the date is worked out from the text"))
                continue
            if iso is None:
                what = "is no such day" if _no_such_day(value) else "is not a date"
                notes.append(("metadata", f"{origin}: published {_show(value)} {what} (use YYYY-MM-DD); "
                                          "the date is worked out from the text"))
                continue
            doc.published, doc.published_inferred = iso, False
        elif key == "language":
            doc.language = str(value).strip().lower()[:8]
        else:
            setattr(doc, key, " ".join(str(value).split()))


TITLE_CHARS = 300  # a title taken from the text (its first line, a heading) is cut at a word to this length


def _short_title(line: str | None) -> str | None:
    """`line` as a title: at most TITLE_CHARS, cut at a word with "…". Every event carries its article's
    title: a first "line" of a megabyte (a text without line breaks) gave each event a megabyte (issue 17)."""
    if line is None or len(line) <= TITLE_CHARS:
        return line
    cut = line.rfind(" ", TITLE_CHARS // 2, TITLE_CHARS)
    return line[: cut if cut > 0 else TITLE_CHARS - 1].rstrip() + "…"


def _first_line(text: str) -> str | None:
    """The first line with a letter or digit: the title of an article that states none (cut to TITLE_CHARS)."""
    for line in _LINES.finditer(text):
        if re.search(r"\w", line.group()):
            return _short_title(line.group().strip())
    return None


_LINES = re.compile(r"[^\n\r\v\f\x1c-\x1e\x85\u2028\u2029]+")  # the line breaks of str.splitlines


# --- readers ----------------------------------------------------------------------------------------

def read_text(path: Path, data: bytes, notes: list) -> list[Document]:
    """A plain-text article: the first non-empty line is its title."""
    text = decode(data, str(path), notes)
    return [Document(doc_id=path.stem, text=text, path=str(path), title=_first_line(text))]


_FRONT = re.compile(r"\A---[ \t]*\n(.*?)\n(?:---|\.\.\.)[ \t]*(?:\n|\Z)", re.S)
_MD_LINK = re.compile(r"!?\[([^\]\n]*)\]\([^)\n]*\)")
_MD_HEADING = re.compile(r"^#{1,6}[ \t]+", re.M)
_MD_STRONG = re.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1")


class _MetadataLoader(YAML_LOADER):
    """Safe YAML for front matter, every scalar but true/false/null kept as text: dates and numbers are
    checked by `_apply_metadata` (PyYAML's own date and int parsing raise on 2020-02-30, 0000-01-01 and
    5,000-digit numbers, outside YAMLError)."""


_MetadataLoader.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag.rsplit(":", 1)[-1] in ("bool", "null", "merge", "value")]
    for first, resolvers in YAML_LOADER.yaml_implicit_resolvers.items()
}


def _front_matter_problem(block: str) -> str | None:
    """Why a front matter block is not read at all: too large, aliases (a "billion laughs" bomb expands a few
    hundred bytes into gigabytes), or too many nodes. Checked on the parse events, before anything is built."""
    import yaml

    size = len(block.encode("utf-8", "replace"))
    if size > FRONT_MATTER_BYTES:
        return f"front matter is {size:,} bytes, over the {FRONT_MATTER_BYTES:,} byte limit"
    for n, event in enumerate(yaml.parse(block, Loader=YAML_LOADER), 1):
        if isinstance(event, yaml.AliasEvent):
            mark = event.start_mark
            return (f"front matter uses a YAML alias (*{_show(event.anchor, 30).strip(chr(39))}"
                    f"{f' at line {mark.line + 2}' if mark else ''}), which may expand without bound")
        if n > FRONT_MATTER_NODES:
            return f"front matter has over {FRONT_MATTER_NODES:,} YAML nodes"
    return None


def split_front_matter(text: str, notes: list) -> tuple[dict, str]:
    """Split YAML front matter (between `---` lines) from the body; bad front matter is named and skipped."""
    if not text.startswith("---"):
        return {}, text
    m = _FRONT.match(text)
    if not m:
        notes.append(("front_matter", "front matter opened with '---' but never closed; read the whole file as text"))
        return {}, text
    body = text[m.end():]
    import yaml

    if not re.match(r"\s*[A-Za-z_][\w-]*\s*:", m.group(1)):
        return {}, text  # a horizontal rule, not front matter: no `key:` line in the block
    try:
        problem = _front_matter_problem(m.group(1))
        if problem:
            notes.append(("front_matter", f"{problem}; its metadata was ignored"))
            return {}, body
        meta = yaml.load(m.group(1), Loader=_MetadataLoader)
    except yaml.YAMLError as exc:
        where = getattr(exc, "problem_mark", None)
        at = f" at line {where.line + 2}" if where is not None else ""
        reason = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        notes.append(("front_matter", f"bad YAML front matter{at} ({_show(reason, 120).strip(chr(39))}); "
                                      "its metadata was ignored"))
        return {}, body
    except (ValueError, RecursionError) as exc:  # a value the constructor cannot build
        notes.append(("front_matter", f"YAML front matter not read ({type(exc).__name__}: {_show(str(exc), 120)}); "
                                      "its metadata was ignored"))
        return {}, body
    if meta is None:
        return {}, body
    if not isinstance(meta, dict):
        notes.append(("front_matter", f"front matter is a {type(meta).__name__}, not 'key: value' lines; ignored"))
        return {}, body
    return {str(k).lower(): v for k, v in meta.items()}, body


def markdown_to_text(body: str) -> str:
    """Plain text from light Markdown: heading marks, link/image syntax and bold marks removed."""
    body = _MD_HEADING.sub("", body)
    body = _MD_LINK.sub(r"\1", body)
    return _MD_STRONG.sub(r"\2", body)


def read_markdown(path: Path, data: bytes, notes: list) -> list[Document]:
    """A Markdown article with optional front matter (title, source, url, published, language)."""
    raw = decode(data, str(path), notes)
    meta, body = split_front_matter(raw, notes)
    if "date" in meta and "published" not in meta:
        meta["published"] = meta["date"]
    heading = next((m.group(0) for m in re.finditer(r"^#{1,6}[ \t]+.+$", body, re.M)), None)
    text = markdown_to_text(body).strip("\n")
    if not text.strip():
        raise BadInput("the file has front matter but no article text", "empty")
    doc = Document(doc_id=path.stem, text=text + "\n", path=str(path),
                   title=_short_title(_MD_HEADING.sub("", heading).strip()) if heading else _first_line(text))
    _apply_metadata(doc, meta, "front matter", notes)
    return [doc]


_HTML_LANG = re.compile(r"<html\b[^>]*?\blang\s*=\s*[\"']?([A-Za-z]{2,3})", re.I)


def _markup_errors(data: bytes) -> list[tuple[int, str]]:
    """(line, message) of each tag libxml2 had to repair; unknown (HTML5) tag names are not errors."""
    try:
        import lxml.etree

        parser = lxml.etree.HTMLParser(recover=True)
        lxml.etree.fromstring(data, parser)
    except Exception:
        return []
    return [(e.line, e.message.strip()) for e in parser.error_log
            if "invalid" not in e.message and "htmlParseEntityRef" not in e.message]


def _visible_text(html: str) -> str:
    """All text a browser would show (scripts and styles removed): the fallback for pages trafilatura skips."""
    import trafilatura

    text = trafilatura.html2txt(html) or ""
    if text.strip():
        return text
    try:
        import lxml.html

        tree = lxml.html.fromstring(html)
        for bad in tree.xpath("//script|//style|//noscript|//template"):
            bad.drop_tree()
        text = "\n".join(t.strip() for t in tree.itertext() if t.strip())
    except Exception:
        text = ""
    return text if text.strip() else _streamed_text(html)


def _streamed_text(html: str) -> str:
    """The visible text by the standard library's event parser, which builds no tree: the last resort for a
    page nested deeper than libxml2 goes (100,000 <div>s gave no text at all)."""
    from html.parser import HTMLParser

    hidden = {"script", "style", "noscript", "template", "head"}

    class Text(HTMLParser):
        def __init__(self):
            super().__init__(convert_charrefs=True)
            self.parts, self.skip = [], 0

        def handle_starttag(self, tag, attrs):
            self.skip += tag in hidden

        def handle_endtag(self, tag):
            self.skip -= tag in hidden and self.skip > 0

        def handle_data(self, data):
            if not self.skip and data.strip():
                self.parts.append(data.strip())

    parser = Text()
    try:
        parser.feed(html)
        parser.close()
    except Exception:
        return ""
    return "\n".join(parser.parts)


# Main-text extraction (trafilatura) takes about 5 s a megabyte of markup and more on long pages (a 17 MB page
# of 150,000 paragraphs: 194 s); a larger page is read as all its visible text (lxml: about 1 s for that page).
HTML_EXTRACT_BYTES = 3_000_000


def _large_page(path: Path, html: str, size: int, notes: list) -> list[Document]:
    """A page too large for main-text extraction: its visible text and <title>, named as such."""
    import lxml.html

    notes.append(("html", f"the page is {size:,} bytes of HTML, over the {HTML_EXTRACT_BYTES:,} that main-text "
                          "extraction reads in reasonable time; all its visible text was used (menus included)"))
    try:
        tree = lxml.html.fromstring(html)
    except Exception:  # lxml refuses some documents (no element at all)
        raise BadInput("no text found in the HTML (broken or empty page)", "html") from None
    title = _short_title(" ".join((tree.findtext(".//title") or "").split())) or None
    for bad in tree.xpath("//script|//style|//noscript|//template"):
        bad.drop_tree()
    text = "\n\n".join(t.strip() for t in tree.itertext() if t.strip())
    if not text.strip():
        raise BadInput("no text found in the HTML (broken, empty or script-only page)", "html")
    doc = Document(doc_id=path.stem, text=text + "\n", path=str(path), title=title or _first_line(text))
    lang = _HTML_LANG.search(html[:5000])
    _apply_metadata(doc, {"language": lang.group(1) if lang else None}, "HTML metadata", notes)
    return [doc]


def read_html(path: Path, data: bytes, notes: list) -> list[Document]:
    """An HTML page: main text and metadata (title, site name, canonical url, date) through trafilatura."""
    import trafilatura

    html = decode(data, str(path), notes)
    if "<" not in html:
        notes.append(("html", "no HTML tags; read as plain text"))
        return [Document(doc_id=path.stem, text=html, path=str(path), title=_first_line(html))]
    if len(data) > HTML_EXTRACT_BYTES:
        return _large_page(path, html, len(data), notes)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            found = trafilatura.bare_extraction(
                html, with_metadata=True, include_comments=False, include_tables=False,
                date_extraction_params={"extensive_search": False, "original_date": True},
            )
            found = found.as_dict() if hasattr(found, "as_dict") else (found or {})
        except Exception as exc:  # a parser crash on a broken page is a problem for this file only
            found = {}
            notes.append(("html", f"the HTML could not be parsed ({type(exc).__name__}); used its visible text"))
        text = found.get("text") or ""
        if not text.strip():
            text = _visible_text(html)
            if text.strip():
                notes.append(("html", "no main article text found (broken or unusual page); used all its visible text"))
    markup = _markup_errors(data)
    if markup:
        notes.append(("html", f"malformed HTML ({len(markup)} markup error(s), first at line {markup[0][0]}: "
                              f"{markup[0][1]}); the text was recovered - check it"))
    if not text.strip():
        raise BadInput("no text found in the HTML (broken, empty or script-only page)", "html")
    # One paragraph per line from trafilatura; a blank line between them, as in plain-text articles.
    text = "\n\n".join(line.strip() for line in text.splitlines() if line.strip()) + "\n"
    doc = Document(doc_id=path.stem, text=text, path=str(path), title=_short_title(found.get("title")) or _first_line(text))
    lang = _HTML_LANG.search(html[:5000])
    meta = {"source": found.get("sitename") or found.get("hostname"), "url": found.get("url"),
            "published": found.get("date"), "language": lang.group(1) if lang else None}
    _apply_metadata(doc, meta, "HTML metadata", notes)
    return [doc]


def _record_field(record: dict, name: str):
    return next((record[k] for k in RECORD_FIELDS[name] if record.get(k) not in (None, "")), None)


def _record_document(path: Path, record, label: str, doc_id: str, notes: list) -> Document | None:
    if not isinstance(record, dict):
        notes.append(("json", f"{label}: not an object with a 'text' field; skipped"))
        return None
    text = _record_field(record, "text")
    if not isinstance(text, str) or not text.strip():
        notes.append(("json", f"{label}: no article text (expected one of {', '.join(RECORD_FIELDS['text'])}); skipped"))
        return None
    rid = _record_field(record, "id")
    if rid is not None:
        doc_id = re.sub(r"[^\w.-]+", "_", str(rid)).strip("_") or doc_id
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    doc = Document(doc_id=doc_id, text=text, path=str(path), title=_first_line(text))
    meta = {k: _record_field(record, k) for k in METADATA_FIELDS}
    _apply_metadata(doc, meta, label, notes)
    return doc


def _json_loads(raw: str):
    """json.loads with numbers too long to be metadata kept as text (`HugeNumber`): Python refuses to convert
    integers of over 4,300 digits, and a huge one is no year nor id anyway."""
    return json.loads(raw, parse_int=_bounded_int)


def read_json(path: Path, data: bytes, notes: list) -> list[Document]:
    """A JSON article record, or a list of them (fields: text, title, source, url, published, language, id)."""
    raw = decode(data, str(path), notes)
    try:
        obj = _json_loads(raw)
    except json.JSONDecodeError as exc:
        hint = " (truncated?)" if exc.pos >= len(raw.rstrip()) - 1 else ""
        raise BadInput(f"invalid JSON at line {exc.lineno}, column {exc.colno}: {exc.msg}{hint}", "json") from None
    except RecursionError:
        raise BadInput("JSON nested too deep to be an article record", "json") from None
    records = obj if isinstance(obj, list) else [obj]
    docs = []
    for n, rec in enumerate(records, 1):
        label = f"record {n}" if isinstance(obj, list) else "the record"
        doc = _record_document(path, rec, label, path.stem if len(records) == 1 else f"{path.stem}-{n}", notes)
        if doc:
            docs.append(doc)
    if not docs:
        raise BadInput("no usable article records in the file", "json")
    return docs


def read_jsonl(path: Path, data: bytes, notes: list) -> list[Document]:
    """JSON lines, one article record per line; a bad line is named and the others are read."""
    raw = decode(data, str(path), notes)
    docs = []
    lines = raw.split("\n")
    for n, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            rec = _json_loads(line)
        except RecursionError:
            notes.append(("json", f"line {n}: JSON nested too deep to be an article record; skipped"))
            continue
        except json.JSONDecodeError as exc:
            last = all(not rest.strip() for rest in lines[n:])
            notes.append(("json", f"line {n}: invalid JSON ({exc.msg}, column {exc.colno})"
                                  f"{'; the file looks truncated' if last else ''}; skipped"))
            continue
        doc = _record_document(path, rec, f"line {n}", f"{path.stem}-{n}", notes)
        if doc:
            docs.append(doc)
    if not docs:
        raise BadInput("no usable article records in the file", "json")
    return docs


def read_docx(path: Path, data: bytes, notes: list) -> list[Document]:
    """A Word document (`office.docx_text`): its paragraphs, title and date from its properties."""
    return [_office_document(path, *docx_text(data), "document properties", notes)]


def read_pdf(path: Path, data: bytes, notes: list) -> list[Document]:
    """A PDF (`office.pdf_text`): its text layer, title and date from its information dictionary."""
    return [_office_document(path, *pdf_text(data, notes), "PDF properties", notes)]


def _office_document(path: Path, text: str, props: dict, origin: str, notes: list) -> Document:
    doc = Document(doc_id=path.stem, text=text, path=str(path), title=_short_title(props.pop("title", None)) or _first_line(text))
    _apply_metadata(doc, props, origin, notes)
    return doc


READERS: dict[str, Reader] = {
    ".txt": read_text, ".text": read_text,
    ".md": read_markdown, ".markdown": read_markdown,
    ".html": read_html, ".htm": read_html, ".xhtml": read_html,
    ".json": read_json, ".jsonl": read_jsonl, ".ndjson": read_jsonl,
    ".docx": read_docx, ".pdf": read_pdf,
}
ARTICLE_SUFFIXES = tuple(READERS)
