"""Articles as `Document`s: reading files into text plus metadata, and the annotations stages add.

Readers, one per file kind (`READERS`): `.txt`, `.md` (optional YAML front matter), `.html` (main text
and metadata through trafilatura), `.json` / `.jsonl` article records. A `sources.csv` sidecar in a
folder gives metadata per file. The same article read twice (two files, two outlets) is kept once and the
other copy's source is recorded on it.

Reading never stops the corpus: a file that cannot be read becomes an `InputProblem` naming the file and
the problem (`fatal=True`: the file was skipped), a file read with a caveat gives one with `fatal=False`,
and the other files still build.
"""
from __future__ import annotations

import csv
import hashlib
import io
import json
import os
import re
import unicodedata
import warnings
import zlib
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from functools import lru_cache
from pathlib import Path
from typing import Callable, Iterable, Iterator, NamedTuple

import numpy as np

from .arrays import expand, unique

MAX_BYTES = 20_000_000
SIDECAR_NAME = "sources.csv"
METADATA_FIELDS = ("title", "source", "url", "published", "language")

# Single-byte encodings tried, in charset-normalizer's order of likelihood, when a file is not UTF-8:
# the Western, Central/Eastern European, Cyrillic, Greek, Turkish, Arabic and Baltic code pages that
# older news sites and Windows exports still use. Anything else is decoded as latin-1 with a warning.
LEGACY_ENCODINGS = ("cp1252", "cp1251", "koi8_r", "cp1250", "cp1254", "latin_1", "iso8859_2", "iso8859_9",
                    "cp1253", "cp1256", "cp1257")

# File signatures of formats analysts sometimes drop in by mistake: named so the message can say what to do.
BINARY_SIGNATURES = (
    (b"%PDF", "a PDF"), (b"PK\x03\x04", "a ZIP archive (or .docx/.odt)"), (b"\x89PNG", "a PNG image"),
    (b"GIF8", "a GIF image"), (b"\xff\xd8\xff", "a JPEG image"), (b"\x1f\x8b", "a gzip archive"),
    (b"\xd0\xcf\x11\xe0", "an old Office document (.doc)"),
)

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


@dataclass
class Timex:
    """A temporal expression found in a text: its extent, TIMEX3 type/value and its interval."""

    start: int
    end: int
    text: str
    type: str  # DATE, TIME, DURATION, SET
    value: str  # TIMEX3 value, e.g. 2020-11-10, 2020-11, P6W, PRESENT_REF, XXXX-11-10
    mod: str | None = None  # START, END, MID, APPROX, LESS_THAN, MORE_THAN ...
    date_start: str | None = None  # ISO date, inclusive; None when unresolved
    date_end: str | None = None
    granularity: str = "unknown"
    rule: str = ""  # id of the grammar rule that found it

    def to_dict(self) -> dict:
        return {k: getattr(self, k) for k in self.__dataclass_fields__}


@dataclass
class Block:
    """A paragraph (or line) of the article with the section it belongs to."""

    start: int
    end: int
    section: str = "body"


@dataclass
class Sentence:
    start: int
    end: int
    section: str = "body"


@dataclass
class Mention:
    """An actor, country or place found in the text."""

    start: int
    end: int
    text: str
    kind: str  # person, organisation, country, location, government
    name: str  # canonical name
    country: str | None = None  # ISO 3166-1 alpha-3
    role: str | None = None


@dataclass
class Document:
    """One article: text and metadata, plus the annotations each pipeline stage adds."""

    doc_id: str
    text: str
    path: str | None = None
    title: str | None = None
    source: str | None = None
    url: str | None = None
    published: str | None = None  # TIMEX3 value of the creation time: 2020-12-29, 2020-11, 2020
    published_inferred: bool = False
    language: str = "en"
    dct_text: str | None = None  # the words that stated or implied the creation time
    blocks: list[Block] = field(default_factory=list)
    sentences: list[Sentence] = field(default_factory=list)
    timexes: list[Timex] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)
    events: list = field(default_factory=list)
    # Other copies of the same article (path, doc_id, source, url, title), counted once through this one.
    duplicates: list[dict] = field(default_factory=list)

    @property
    def content_hash(self) -> str:
        return hashlib.sha1(self.text.encode("utf-8")).hexdigest()


@dataclass
class InputProblem:
    """A file that could not be used (`fatal`: skipped) or only with a caveat, with a message for the analyst."""

    path: str
    problem: str
    fatal: bool = True
    kind: str = ""  # empty, binary, encoding, truncated, too_large, html, front_matter, json, sidecar, duplicate ...

    def __str__(self) -> str:
        return f"{self.path}: {self.problem}"


class BadInput(Exception):
    """Raised by a reader for a file it cannot turn into a Document; `kind` names the problem class."""

    def __init__(self, message: str, kind: str = "unreadable"):
        super().__init__(message)
        self.kind = kind


Reader = Callable[[Path, bytes, list], list[Document]]


# --- decoding ---------------------------------------------------------------------------------------

def decode(data: bytes, path: str = "", notes: list | None = None) -> str:
    """Decode article bytes to text: UTF-8 (BOM or not), UTF-16/32 with BOM, else a guessed legacy encoding.

    A guess or a repair appends a `(kind, message)` note to `notes`; bytes that are no text raise BadInput.
    """
    notes = notes if notes is not None else []
    if not data.strip():
        raise BadInput("the file is empty", "empty")
    for magic, what in BINARY_SIGNATURES:
        if data.startswith(magic):
            raise BadInput(f"the file is {what}, not text; save the article as .txt, .md or .html", "binary")
    for bom, enc in ((b"\xef\xbb\xbf", "utf-8-sig"), (b"\xff\xfe\x00\x00", "utf-32"), (b"\x00\x00\xfe\xff", "utf-32"),
                     (b"\xff\xfe", "utf-16"), (b"\xfe\xff", "utf-16")):
        if data.startswith(bom):
            return _check_text(_decode_repairing(data, enc, notes), notes)
    if b"\x00" in data[:4096] and data.count(b"\x00") > len(data) // 100:
        # Many NULs: UTF-16 without a BOM, or not text at all. A stray few are stripped (_check_text).
        enc = _utf16_without_bom(data)
        if not enc:
            raise BadInput("the file looks binary (NUL bytes), not an article", "binary")
        notes.append(("encoding", f"no byte-order mark; decoded as {enc.upper()} (guessed from the NUL bytes)"))
        return _check_text(_decode_repairing(data, enc, notes), notes)
    try:
        return _check_text(data.decode("utf-8"), notes)
    except UnicodeDecodeError as exc:
        if exc.reason == "unexpected end of data" and exc.start >= len(data) - 3:
            notes.append(("truncated", "the file ends in the middle of a character (truncated?); the last bytes were dropped"))
            return _check_text(data[: exc.start].decode("utf-8"), notes)
        bad_at = exc.start
    enc, text = _guess_legacy(data)
    notes.append(("encoding", f"not valid UTF-8 (byte {bad_at}); decoded as {enc} (guessed) - "
                              "check the text and save the file as UTF-8"))
    return _check_text(text, notes)


def _decode_repairing(data: bytes, enc: str, notes: list) -> str:
    try:
        return data.decode(enc)
    except UnicodeDecodeError as exc:
        notes.append(("truncated", f"invalid {enc.upper()} at byte {exc.start} (truncated or damaged?); "
                                   "bad bytes replaced with \ufffd"))
        return data.decode(enc, errors="replace")


def _utf16_without_bom(data: bytes) -> str | None:
    """UTF-16 text without a BOM has NUL in every other byte for Latin script; say which order, if so."""
    head = data[:4096]
    even, odd = head[0::2], head[1::2]
    if not even or not odd:
        return None
    even_nul, odd_nul = even.count(0) / len(even), odd.count(0) / len(odd)
    if odd_nul > 0.3 and even_nul < 0.05:
        return "utf-16-le"
    if even_nul > 0.3 and odd_nul < 0.05:
        return "utf-16-be"
    return None


ENCODING_NAMES = {"cp1252": "cp1252 (Western European, a superset of latin-1)", "cp1251": "cp1251 (Cyrillic)",
                  "koi8_r": "KOI8-R (Cyrillic)", "cp1250": "cp1250 (Central European)", "latin_1": "latin-1",
                  "cp1254": "cp1254 (Turkish)", "cp1253": "cp1253 (Greek)", "cp1256": "cp1256 (Arabic)",
                  "cp1257": "cp1257 (Baltic)", "iso8859_2": "ISO-8859-2", "iso8859_9": "ISO-8859-9"}


def _guess_legacy(data: bytes) -> tuple[str, str]:
    """Guess a single-byte encoding with charset-normalizer.

    Short texts often decode equally well in several code pages (no "chaos", same coherence); among
    those ties the earlier entry of LEGACY_ENCODINGS wins, so a French latin-1 file is not read as cp1250.
    """
    try:
        from charset_normalizer import from_bytes

        results = list(from_bytes(data, cp_isolation=list(LEGACY_ENCODINGS)))
    except Exception:  # the guesser is an aid; latin-1 below always decodes
        results = []
    if results:
        least = min(r.chaos for r in results)
        calm = [r for r in results if r.chaos <= least + 0.01]
        most = max(r.coherence for r in calm)
        tied = [r for r in calm if r.coherence >= most - 0.01]
        possible = {enc for r in tied for enc in (r.could_be_from_charset or [r.encoding])}
        for enc in LEGACY_ENCODINGS:
            if enc in possible:
                try:
                    return ENCODING_NAMES.get(enc, enc), data.decode(enc)
                except UnicodeDecodeError:
                    continue
    return "latin-1", data.decode("latin-1")


_CONTROL = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x9f]")  # Unicode category Cc, less tab and line breaks


def _check_text(text: str, notes: list) -> str:
    """Reject decoded text that is mostly control characters: bytes that only decoded by accident."""
    if not text.strip():
        raise BadInput("the file is empty", "empty")
    sample = text[:20000]
    control = len(_CONTROL.findall(sample))
    if control / len(sample) > 0.02:
        raise BadInput(f"the file looks binary ({control} control characters in its first {len(sample)}), "
                       "not an article", "binary")
    if control:
        notes.append(("binary", f"{control} control characters removed"))
        text = _CONTROL.sub("", text)
    return text.replace("\r\n", "\n").replace("\r", "\n").replace("\x00", "")


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
    m = re.match(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?(?:$|[T ]\d)", s)
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


def _apply_metadata(doc: Document, meta: dict, origin: str, notes: list) -> None:
    """Copy known metadata fields onto the document; a bad `published` is named, not used."""
    for key in METADATA_FIELDS:
        value = meta.get(key)
        if value is None or (isinstance(value, str) and not value.strip()):
            continue
        if key == "published":
            iso = normalise_published(value)
            if iso is None:
                notes.append(("metadata", f"{origin}: published {str(value)!r} is not a date (use YYYY-MM-DD); "
                                          "the date is worked out from the text"))
                continue
            doc.published, doc.published_inferred = iso, False
        elif key == "language":
            doc.language = str(value).strip().lower()[:8]
        else:
            setattr(doc, key, " ".join(str(value).split()))


def _first_line(text: str) -> str | None:
    """The first line with a letter or digit: the title of an article that states none."""
    return next((line.strip() for line in text.splitlines() if re.search(r"\w", line)), None)


# --- readers ----------------------------------------------------------------------------------------

def read_text(path: Path, data: bytes, notes: list) -> list[Document]:
    """A plain-text article: the first non-empty line is its title."""
    text = decode(data, str(path), notes)
    return [Document(doc_id=path.stem, text=text, path=str(path), title=_first_line(text))]


_FRONT = re.compile(r"\A---[ \t]*\n(.*?)\n(?:---|\.\.\.)[ \t]*(?:\n|\Z)", re.S)
_MD_LINK = re.compile(r"!?\[([^\]\n]*)\]\([^)\n]*\)")
_MD_HEADING = re.compile(r"^#{1,6}[ \t]+", re.M)
_MD_STRONG = re.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1")


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
        meta = yaml.safe_load(m.group(1))
    except yaml.YAMLError as exc:
        where = getattr(exc, "problem_mark", None)
        at = f" at line {where.line + 2}" if where is not None else ""
        reason = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        notes.append(("front_matter", f"bad YAML front matter{at} ({reason}); its metadata was ignored"))
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
                   title=_MD_HEADING.sub("", heading).strip() if heading else _first_line(text))
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
        return "\n".join(t.strip() for t in tree.itertext() if t.strip())
    except Exception:
        return ""


def read_html(path: Path, data: bytes, notes: list) -> list[Document]:
    """An HTML page: main text and metadata (title, site name, canonical url, date) through trafilatura."""
    import trafilatura

    html = decode(data, str(path), notes)
    if "<" not in html:
        notes.append(("html", "no HTML tags; read as plain text"))
        return [Document(doc_id=path.stem, text=html, path=str(path), title=_first_line(html))]
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
    doc = Document(doc_id=path.stem, text=text, path=str(path), title=found.get("title") or _first_line(text))
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


def read_json(path: Path, data: bytes, notes: list) -> list[Document]:
    """A JSON article record, or a list of them (fields: text, title, source, url, published, language, id)."""
    raw = decode(data, str(path), notes)
    try:
        obj = json.loads(raw)
    except json.JSONDecodeError as exc:
        hint = " (truncated?)" if exc.pos >= len(raw.rstrip()) - 1 else ""
        raise BadInput(f"invalid JSON at line {exc.lineno}, column {exc.colno}: {exc.msg}{hint}", "json") from None
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
            rec = json.loads(line)
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


READERS: dict[str, Reader] = {
    ".txt": read_text, ".text": read_text,
    ".md": read_markdown, ".markdown": read_markdown,
    ".html": read_html, ".htm": read_html, ".xhtml": read_html,
    ".json": read_json, ".jsonl": read_jsonl, ".ndjson": read_jsonl,
}
ARTICLE_SUFFIXES = tuple(READERS)


# --- the sidecar --------------------------------------------------------------------------------------

@dataclass
class Sidecar:
    """Metadata per file from a folder's `sources.csv` (column `file`, plus any of METADATA_FIELDS)."""

    path: Path
    rows: dict[str, tuple[int, dict]]  # file name -> (line number, metadata)
    columns: tuple[str, ...]


def read_sidecar(path: Path, problems: list[InputProblem]) -> Sidecar | None:
    """Read a `sources.csv`; every problem (no `file` column, empty name, unknown file) is named, not fatal."""
    notes: list = []
    try:
        text = decode(path.read_bytes(), str(path), notes)
    except (BadInput, OSError) as exc:
        problems.append(InputProblem(str(path), f"sidecar not read: {exc}", True, "sidecar"))
        return None
    problems.extend(InputProblem(str(path), msg, False, kind) for kind, msg in notes)
    try:  # spreadsheets export with ; or tabs in many locales
        dialect = csv.Sniffer().sniff(text[:4096], delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    reader = csv.DictReader(io.StringIO(text), dialect=dialect)
    columns = tuple((c or "").strip().lower() for c in (reader.fieldnames or ()))
    key = next((c for c in ("file", "filename", "path") if c in columns), None)
    if key is None:
        problems.append(InputProblem(str(path), "sidecar has no 'file' column naming each article; ignored "
                                                f"(columns: file, {', '.join(METADATA_FIELDS)})", True, "sidecar"))
        return None
    missing = [f for f in METADATA_FIELDS if f not in columns]
    if missing:
        problems.append(InputProblem(str(path), f"sidecar has no {', '.join(missing)} column(s); "
                                                "those fields come from the files themselves", False, "sidecar"))
    rows: dict[str, tuple[int, dict]] = {}
    for line, row in enumerate(reader, 2):
        row = {(k or "").strip().lower(): (v or "").strip() for k, v in row.items() if isinstance(v, str)}
        name = row.get(key, "")
        if not name:
            problems.append(InputProblem(str(path), f"line {line}: no file name; row ignored", False, "sidecar"))
            continue
        rows[Path(name).name] = (line, row)
    return Sidecar(path=path, rows=rows, columns=columns)


def _apply_sidecar(doc: Document, file_name: str, sidecar: Sidecar, problems: list[InputProblem]) -> None:
    line, row = sidecar.rows[file_name]
    notes: list = []
    for f in ("source", "published"):
        if f in sidecar.columns and not row.get(f):
            why = "the date is worked out from the text" if f == "published" else "the outlet stays unknown"
            notes.append(("sidecar", f"{sidecar.path.name} line {line} has no {f}; {why}"))
    _apply_metadata(doc, {k: row.get(k) for k in METADATA_FIELDS}, f"{sidecar.path.name} line {line}", notes)
    problems.extend(InputProblem(doc.path or doc.doc_id, msg, False, kind) for kind, msg in notes)


# --- the corpus ---------------------------------------------------------------------------------------

def _files_under(folder: Path) -> list[Path]:
    """The files under `folder`, hidden ones and those in hidden folders left out. Folders linked from inside
    are followed (an analyst may link a folder of articles into the corpus), each real folder once: a link
    back up the tree is not a loop."""
    found, seen = [], set()
    for root, dirs, files in os.walk(folder, followlinks=True):
        real = os.path.realpath(root)
        if real in seen:
            dirs[:] = []
            continue
        seen.add(real)
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        found.extend(Path(root) / f for f in files if not f.startswith("."))
    return found


def iter_article_paths(inputs: list[str | Path]) -> tuple[list[Path], list[InputProblem]]:
    """Expand files and folders into article files, in a stable (sorted) order; sidecars are not articles."""
    paths: list[Path] = []
    problems: list[InputProblem] = []
    for raw in inputs:
        p = Path(raw)
        if p.is_dir():
            paths.extend(sorted(c for c in _files_under(p) if c.is_file() and c.suffix.lower() in ARTICLE_SUFFIXES))
        elif p.is_file():
            if p.name.lower() == SIDECAR_NAME:
                continue
            paths.append(p)
        else:
            problems.append(InputProblem(str(p), "no such file or folder", True, "missing"))
    seen: set[Path] = set()
    unique = [p for p in paths if not (p.resolve() in seen or seen.add(p.resolve()))]
    return unique, problems


def read_file(path: str | Path, max_bytes: int = MAX_BYTES) -> tuple[list[Document], list[InputProblem]]:
    """Read one article file (any kind in READERS) into Documents, with the problems met on the way."""
    docs, problems, _digest = read_file_digest(path, max_bytes)
    return docs, problems


def read_file_digest(path: str | Path, max_bytes: int = MAX_BYTES, reuse: dict | None = None
                     ) -> tuple[list[Document], list[InputProblem], str | None]:
    """`read_file`, plus the SHA-1 of the bytes it read (None when it read none): a second read of the file
    can tell whether the file changed in between (`read_again`).

    `reuse` (a dict, kept by the caller) holds the result for the last file of several documents read with
    it: read again with the same bytes, that file is not parsed again. The caller must not change the
    documents. (A .jsonl of thousands of records is handed out in many chunks: each would parse it again.)
    """
    path = Path(path)
    reader = READERS.get(path.suffix.lower(), read_text)
    notes: list = []
    digest = None
    try:
        size = path.stat().st_size
        if size > max_bytes:
            raise BadInput(f"the file is {size:,} bytes, over the {max_bytes:,} byte limit "
                           "(split it, or raise max_article_bytes)", "too_large")
        data = path.read_bytes()
        digest = hashlib.sha1(data).hexdigest()
        if reuse and reuse["key"] == (str(path), digest):
            return reuse["docs"], reuse["problems"], digest
        docs = reader(path, data, notes)
    except BadInput as exc:
        return [], [InputProblem(str(path), str(exc), True, exc.kind)], digest
    except OSError as exc:
        return [], [InputProblem(str(path), f"cannot be read: {exc.strerror or exc}", True, "unreadable")], digest
    except RecursionError:
        return [], [InputProblem(str(path), "nested too deeply to read", True, "unreadable")], digest
    problems = [InputProblem(str(path), msg, False, kind) for kind, msg in notes]
    if reuse is not None:
        reuse.clear()
        if len(docs) > 1:
            reuse.update(key=(str(path), digest), docs=docs, problems=problems)
    return docs, problems, digest


def read_document(path: str | Path) -> Document:
    """Read a single-article file into one Document, raising BadInput when it cannot be used."""
    docs, problems = read_file(path)
    fatal = [p for p in problems if p.fatal]
    if not docs:
        raise BadInput(fatal[0].problem if fatal else "no article in the file", fatal[0].kind if fatal else "empty")
    return docs[0]


def read_documents(inputs: list[str | Path], max_bytes: int = MAX_BYTES) -> tuple[list[Document], list[InputProblem]]:
    """Read every article under `inputs` with sidecar metadata, duplicates merged; problems, never exceptions."""
    paths, problems = iter_article_paths(inputs)
    docs = collect_documents(paths, (read_file(p, max_bytes) for p in paths), problems)
    return merge_duplicates(docs, problems), problems


def collect_documents(paths: list[Path], reads: Iterable[tuple[list[Document], list[InputProblem]]],
                      problems: list[InputProblem]) -> list[Document]:
    """The corpus-level part of reading, shared by `read_documents` and `survey_documents`.

    `reads` gives each file's documents and problems, one pair per path of `paths` in order (read here, or
    on workers). Adds the folders' sidecar metadata, names unused sidecar rows, makes doc ids unique.
    Nothing here reads a document's text, so the documents may come without it. Problems are appended in
    the order of the files, as a file-by-file reading meets them.
    """
    sidecars: dict[Path, Sidecar | None] = {}
    used_rows: dict[Path, set[str]] = {}
    docs: list[Document] = []
    for p, (found, notes) in zip(paths, reads, strict=True):
        folder = p.parent.resolve()
        if folder not in sidecars:
            side = next((c for c in p.parent.iterdir() if c.name.lower() == SIDECAR_NAME and c.is_file()), None)
            sidecars[folder] = read_sidecar(side, problems) if side else None
        problems.extend(notes)
        sidecar = sidecars[folder]
        if sidecar is not None:
            if p.name in sidecar.rows:
                used_rows.setdefault(folder, set()).add(p.name)
                for doc in found:
                    _apply_sidecar(doc, p.name, sidecar, problems)
            elif any(d.source is None for d in found):
                problems.append(InputProblem(str(p), f"not listed in {sidecar.path} and names no source itself; "
                                                     "the outlet stays unknown", False, "sidecar"))
        docs.extend(found)
    for folder, sidecar in sidecars.items():
        if sidecar is None:
            continue
        for name, (line, _row) in sidecar.rows.items():
            if name not in used_rows.get(folder, set()) and not (folder / name).exists():
                problems.append(InputProblem(str(sidecar.path), f"line {line}: names {name}, which is not in the folder",
                                             False, "sidecar"))
    return _unique_ids(docs, problems)


def _unique_ids(docs: list[Document], problems: list[InputProblem]) -> list[Document]:
    """Two files with the same name stem (a.txt, a.html) get ids that differ: the later one keeps its suffix."""
    seen: set[str] = set()
    for doc in docs:
        if doc.doc_id in seen:
            base = Path(doc.path).name if doc.path else doc.doc_id
            new, n = base, 2
            while new in seen:
                new, n = f"{base}-{n}", n + 1
            problems.append(InputProblem(doc.path or doc.doc_id, f"doc_id {doc.doc_id!r} already used by another "
                                                                 f"file; this one is {new!r}", False, "duplicate_id"))
            doc.doc_id = new
        seen.add(doc.doc_id)
    return docs


# --- duplicates -------------------------------------------------------------------------------------

SHINGLE_WORDS = 5  # duplicates are compared on runs of this many words
MIN_SHINGLES = 12  # shorter articles count as duplicates only when their whole text is the same
DUPLICATE_SHARE = 0.8  # share of the smaller article's word runs found in the other one
FREQUENT_RUN = 50  # a band value found in more articles than this is boilerplate (a footer), not a lead
# An article is kept as a MinHash signature of its word runs (MINHASH_SIZE values, 512 bytes whatever its
# length), cut into bands of BAND_ROWS values; articles agreeing on a whole band are candidates, checked
# exactly. Chance to be a candidate at Jaccard J: 1 - (1 - J**2)**64: 0.93 at J = 0.2 (80% of a text's runs
# found in one three times longer), 0.998 at 0.3, 1.0 at 2/3 (80% shared by two equal-length texts).
MINHASH_SIZE = 128
BAND_ROWS = 2
ESTIMATE_FLOOR = 0.55  # candidates whose estimated share of runs is below this are not checked

_RNG = np.random.default_rng(7)  # fixed: signatures must agree across processes and runs
_MUL = _RNG.integers(0, 2**63, MINHASH_SIZE, dtype=np.uint64) * np.uint64(2) + np.uint64(1)  # odd
_ADD = _RNG.integers(0, 2**63, MINHASH_SIZE, dtype=np.uint64)
_BAND_MUL = _RNG.integers(0, 2**63, BAND_ROWS, dtype=np.uint64) * np.uint64(2) + np.uint64(1)


def _normalise_for_compare(text: str) -> str:
    text = unicodedata.normalize("NFKC", text).casefold()
    return " ".join(re.findall(r"\w+", text))


def shingles(text: str, normalised: str | None = None) -> set[int]:
    """Hashes of the article's runs of SHINGLE_WORDS words (case, punctuation and spacing ignored)."""
    words = (normalised if normalised is not None else _normalise_for_compare(text)).split()
    # crc32, not hash(): the same on every process and machine (fingerprints travel from workers)
    return {zlib.crc32(" ".join(words[i:i + SHINGLE_WORDS]).encode("utf-8"))
            for i in range(max(0, len(words) - SHINGLE_WORDS + 1))}


def minhash(hashes: set[int]) -> np.ndarray:
    """The MinHash signature of a set of 32-bit hashes: for each of MINHASH_SIZE functions
    h(x) = ((a x + b) mod 2**64) >> 32 (multiply-shift, a universal family), the least h over the set. Two
    signatures agree in a position with probability the sets' Jaccard similarity."""
    out = np.full(MINHASH_SIZE, 2**32 - 1, dtype=np.uint64)
    values = np.fromiter(hashes, dtype=np.uint64, count=len(hashes))
    for k in range(0, len(values), 4096):  # bounded temporaries for very long articles
        chunk = values[None, k:k + 4096]
        np.minimum(out, ((_MUL[:, None] * chunk + _ADD[:, None]) >> np.uint64(32)).min(axis=1), out=out)
    return out.astype(np.uint32)


@dataclass(frozen=True, slots=True)  # slots: one per article is held while duplicates are found
class Fingerprint:
    """What duplicate detection needs of an article, without its text, but its MinHash signature: those are
    kept together, one row an article (`signature_matrix`), not as one bytes object each."""

    doc_id: str
    path: str | None
    source: str | None
    url: str | None
    title: str | None
    published: str | None
    whole: str  # hash of the whole normalised text
    size: int  # number of distinct word runs

    @property
    def filled(self) -> int:
        return sum(1 for f in (self.source, self.url, self.published, self.title) if f)


class TextPrint(NamedTuple):
    """What duplicate detection needs of an article's text (see Fingerprint): computed where the text is read.
    (A tuple: one per article is held until duplicates are found.)"""

    whole: str  # hash of the whole normalised text
    size: int  # number of distinct word runs
    signature: bytes  # MinHash of the word runs, MINHASH_SIZE uint32 values


def text_print(text: str) -> TextPrint:
    normalised = _normalise_for_compare(text)
    runs = shingles(text, normalised)
    return TextPrint(hashlib.sha1(normalised.encode("utf-8")).hexdigest(), len(runs), minhash(runs).tobytes())


def fingerprint(doc: Document, whole: str, size: int) -> Fingerprint:
    """The document's Fingerprint, given its TextPrint's `whole` and `size` (its text may be gone by then)."""
    return Fingerprint(doc.doc_id, doc.path, doc.source, doc.url, doc.title, doc.published, whole, size)


def signature_matrix(signatures: bytes | bytearray) -> np.ndarray:
    """The MinHash signatures of articles, concatenated, as one row an article (a view, not a copy)."""
    return np.frombuffer(signatures, dtype=np.uint32).reshape(-1, MINHASH_SIZE)


def _band_candidates(prints: list[Fingerprint], signatures: np.ndarray) -> dict[int, list[int]]:
    """For each article, the earlier ones worth checking: those agreeing with it on a whole
    band of the signature (LSH; within a band value only the first FREQUENT_RUN + 1 articles pair up, past
    that it is boilerplate) whose estimated share of common runs is at least ESTIMATE_FLOOR.

    Each band's pairs are estimated as they are found and only those worth checking are kept: articles that
    share phrasing collide in bands by the hundred thousand (70 pairs an article in a generated corpus of
    10,000), and holding them all at once took more memory than the articles' signatures.
    """
    eligible = np.flatnonzero([fp.size >= MIN_SHINGLES for fp in prints])
    sizes = np.array([fp.size for fp in prints], dtype=np.float64)
    n = len(prints)
    worth = []
    for start in range(0, MINHASH_SIZE - BAND_ROWS + 1, BAND_ROWS):
        key = (signatures[eligible, start:start + BAND_ROWS].astype(np.uint64) * _BAND_MUL).sum(axis=1)
        order = np.lexsort((eligible, key))
        key, members = key[order], eligible[order]
        run_start = np.maximum.accumulate(np.where(np.r_[True, key[1:] != key[:-1]], np.arange(len(key)), 0))
        rank = np.arange(len(key)) - run_start
        rank[rank > FREQUENT_RUN] = 0  # a boilerplate value: its later articles pair with none
        run, pos = expand(rank)  # each later article, against the earlier ones of its run
        worth.append(_worth_checking(members[run].astype(np.int64) * n + members[run_start[run] + pos],
                                     signatures, sizes))
    pairs = unique(np.concatenate(worth)) if worth else np.zeros(0, dtype=np.int64)
    found: dict[int, list[int]] = {}
    for i, k in zip((pairs // n).tolist(), (pairs % n).tolist()):
        found.setdefault(i, []).append(k)
    return found


def _worth_checking(pairs: np.ndarray, signatures: np.ndarray, sizes: np.ndarray) -> np.ndarray:
    """The pairs (later * n + earlier) whose estimated share of common runs is at least ESTIMATE_FLOOR."""
    n = len(sizes)
    later, earlier = pairs // n, pairs % n
    agree = np.concatenate([(signatures[later[k:k + 2048]] == signatures[earlier[k:k + 2048]]).sum(axis=1)
                            for k in range(0, len(pairs), 2048)] or [np.zeros(0)]) / MINHASH_SIZE
    common = agree * (sizes[later] + sizes[earlier]) / (1 + agree)  # |A & B| = J (|A| + |B|) / (1 + J)
    return pairs[common >= ESTIMATE_FLOOR * np.minimum(sizes[later], sizes[earlier])]


def find_duplicates(prints: list[Fingerprint], signatures: np.ndarray,
                    runs_of: Callable[[int], set[int]]) -> list[tuple[int, int]]:
    """Pairs (copy, kept) of indices into `prints`: the same normalised text, or most runs of words shared.

    Two articles are one when 80% of the smaller one's 5-word runs appear in the other. Candidates come from
    the MinHash bands (`_band_candidates`) and are checked exactly, most runs in common first, on the word
    runs `runs_of(index)` recomputes for just those articles (no article's runs are kept). In each group the copy kept is the earliest stated
    publication (the original), then the one with most metadata, then the first in input order. `signatures`
    has the MinHash signature of prints[i] in row i (`signature_matrix`).
    """
    candidates = _band_candidates(prints, signatures)
    group_of: list[int] = []
    groups: list[list[int]] = []
    by_text: dict[str, int] = {}
    for i, fp in enumerate(prints):
        match = by_text.get(fp.whole)
        if match is None and i in candidates:
            own = runs_of(i)
            common = sorted((-len(own & runs_of(k)), k) for k in candidates[i])  # most runs in common first
            match = next((k for c, k in common if -c >= DUPLICATE_SHARE * min(fp.size, prints[k].size)), None)
        if match is None:
            group_of.append(len(groups))
            groups.append([i])
        else:
            group_of.append(group_of[match])
            groups[group_of[match]].append(i)
        by_text.setdefault(fp.whole, i)
    pairs = []
    for members in groups:
        kept = min(members, key=lambda i: (prints[i].published or "9999", -prints[i].filled, i))
        pairs.extend((i, kept) for i in members if i != kept)
    return sorted(pairs)


def duplicate_problem(copy: Fingerprint, kept: Fingerprint) -> InputProblem:
    where = f" (source {copy.source!r})" if copy.source else ""
    return InputProblem(copy.path or copy.doc_id, f"same article as {kept.path or kept.doc_id}{where}; counted once, "
                        "this copy is recorded as another source", False, "duplicate")


def merge_duplicates(docs: list[Document], problems: list[InputProblem]) -> list[Document]:
    """Keep one copy of each article (see `find_duplicates`); the copies' path, source and url are recorded
    in the kept document's `duplicates`, and a non-fatal problem names both files."""
    texts = [text_print(d.text) for d in docs]
    dropped = record_duplicates(docs, [fingerprint(d, t.whole, t.size) for d, t in zip(docs, texts)],
                                signature_matrix(b"".join(t.signature for t in texts)),
                                lambda i: shingles(docs[i].text), problems)
    return [d for i, d in enumerate(docs) if i not in dropped]


def record_duplicates(docs: list[Document], prints: list[Fingerprint], signatures: np.ndarray,
                      runs_of: Callable[[int], set[int]], problems: list[InputProblem]) -> set[int]:
    """`merge_duplicates` for documents that may come without their text: `prints` are their Fingerprints,
    `signatures` their MinHash signatures and `runs_of(i)` their word runs (`find_duplicates`). Records each
    copy on the kept document and names it in `problems`; returns the indices of the copies, which the
    caller drops."""
    dropped = set()
    for copy, kept in find_duplicates(prints, signatures, runs_of):
        c = prints[copy]
        docs[kept].duplicates.append({"path": c.path, "doc_id": c.doc_id, "source": c.source, "url": c.url,
                                      "title": c.title, "published": c.published})
        problems.append(duplicate_problem(c, prints[kept]))
        dropped.add(copy)
    return dropped


# --- reading a corpus without holding its texts ---------------------------------------------------------
# The streaming build (pipeline/stream.py) makes the corpus-level decisions above (sidecars, unique ids,
# duplicates) on documents without their text, read on worker processes (`survey_file`), and the workers
# read each file again when they process its documents (`read_again`). Memory of the main process then
# grows by its metadata and MinHash signature (about 2 KB an article), not by its text.

@dataclass
class FileSurvey:
    """One article file, read for the corpus-level decisions: its documents without their text (text ""),
    their TextPrints, the problems met and the digest of the bytes read (None when none were)."""

    docs: list[Document]
    prints: list[TextPrint]
    problems: list[InputProblem]
    digest: str | None


def survey_file(path: str | Path, max_bytes: int = MAX_BYTES) -> FileSurvey:
    """Read one file as `read_file` does, keeping of each document all but its text."""
    docs, problems, digest = read_file_digest(path, max_bytes)
    prints = [text_print(d.text) for d in docs]
    for d in docs:
        d.text = ""
    return FileSurvey(docs, prints, problems, digest)


class Where(NamedTuple):
    """Where a surveyed document is read again: its position among its file's documents (records of a
    .json/.jsonl file) and the digest of the file's bytes at the survey. (A tuple: one per article is kept.)"""

    index: int
    digest: str


def survey_documents(
    inputs: list[str | Path], max_bytes: int, survey_all: Callable[[list[Path]], Iterable[FileSurvey]]
) -> tuple[list[Document], list[Where], list[InputProblem]]:
    """`read_documents` without keeping any text: the same documents (text "") and problems, with where each
    is read again (`read_again`).

    `survey_all(paths)` gives the `survey_file` of each path in order (e.g. from worker processes). Only
    duplicate candidates are read again here, for their word runs, a few at a time.
    """
    paths, problems = iter_article_paths(inputs)
    texts: list[tuple[str, int]] = []  # each document's TextPrint less its signature: (whole, size)
    signatures = bytearray()  # and the signatures, one after the other
    where: list[Where] = []

    def reads():
        for survey in survey_all(paths):
            for t in survey.prints:
                texts.append((t.whole, t.size))
                signatures.extend(t.signature)
            where.extend(Where(i, survey.digest) for i in range(len(survey.docs)))
            yield survey.docs, survey.problems

    docs = collect_documents(paths, reads(), problems)

    @lru_cache(maxsize=64)  # find_duplicates asks again for the runs of an article close to many others
    def runs_of(i: int) -> set[int]:
        doc, _problem = next(read_again([docs[i]], [where[i]], max_bytes))
        return shingles(doc.text) if doc is not None else set()  # changed: read_again names it when processing

    prints = [fingerprint(d, whole, size) for d, (whole, size) in zip(docs, texts, strict=True)]
    del texts
    dropped = record_duplicates(docs, prints, signature_matrix(signatures), runs_of, problems)
    runs_of.cache_clear()
    keep = [i for i in range(len(docs)) if i not in dropped]
    return [docs[i] for i in keep], [where[i] for i in keep], problems


def read_again(docs: list[Document], where: list[Where], max_bytes: int = MAX_BYTES, reuse: dict | None = None
               ) -> Iterator[tuple[Document | None, InputProblem | None]]:
    """The surveyed `docs` whole again, in order: each one's text read from its file (once for consecutive
    documents of one file; with `reuse`, see `read_file_digest`, a file of several documents is parsed once
    while its bytes stay the same) into a copy of it, which keeps its corpus-level doc id, metadata and
    duplicates.

    A file whose bytes are not those surveyed (it changed, or went) gives (None, problem naming the file)
    for its first document here and (None, None) for its others: building what is there now would not match
    the corpus-level decisions (duplicates, ids) made on what was there.
    """
    path, found, digest = None, [], None
    for doc, w in zip(docs, where, strict=True):
        if doc.path != path:
            path, reported = doc.path, False
            found, _notes, digest = read_file_digest(path, max_bytes, reuse)  # notes: reported by the survey
        if digest != w.digest or w.index >= len(found):
            yield None, (None if reported else InputProblem(
                path, "the file changed while the build was reading it (after its articles were listed, before "
                      "they were processed); skipped - build again to include it", True, "changed"))
            reported = True
            continue
        yield replace(doc, text=found[w.index].text), None
