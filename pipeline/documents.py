"""Articles as `Document`s: reading files into text plus metadata, and the annotations stages add.

Reading never stops the corpus: a file that cannot be read becomes an `InputProblem` naming the file
and the problem, and the other files still build.
"""
from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path

ARTICLE_SUFFIXES = (".txt",)
MAX_BYTES = 20_000_000


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

    @property
    def content_hash(self) -> str:
        return hashlib.sha1(self.text.encode("utf-8")).hexdigest()


@dataclass
class InputProblem:
    """A file that could not be used (or only partly), with a message for the analyst."""

    path: str
    problem: str
    fatal: bool = True

    def __str__(self) -> str:
        return f"{self.path}: {self.problem}"


class BadInput(Exception):
    """Raised by a reader for a file it cannot turn into a Document."""


def iter_article_paths(inputs: list[str | Path]) -> tuple[list[Path], list[InputProblem]]:
    """Expand files and folders into article files, in a stable (sorted) order."""
    paths: list[Path] = []
    problems: list[InputProblem] = []
    for raw in inputs:
        p = Path(raw)
        if p.is_dir():
            paths.extend(sorted(c for c in p.rglob("*") if c.is_file() and c.suffix.lower() in ARTICLE_SUFFIXES))
        elif p.is_file():
            paths.append(p)
        else:
            problems.append(InputProblem(str(p), "no such file or folder"))
    return paths, problems


def decode(data: bytes, path: str) -> str:
    """Decode article bytes: UTF-8 (with or without BOM), else a clear BadInput."""
    if not data.strip():
        raise BadInput("the file is empty")
    if b"\x00" in data[:4096]:
        raise BadInput("the file looks binary (NUL bytes), not an article")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise BadInput(f"not valid UTF-8 (byte {exc.start}); save it as UTF-8") from None


def read_document(path: str | Path) -> Document:
    """Read one article file into a Document (text normalised to \\n newlines)."""
    path = Path(path)
    size = path.stat().st_size
    if size > MAX_BYTES:
        raise BadInput(f"the file is {size:,} bytes, over the {MAX_BYTES:,} byte limit")
    text = decode(path.read_bytes(), str(path)).replace("\r\n", "\n").replace("\r", "\n")
    title = next((line.strip() for line in text.splitlines() if line.strip()), None)
    return Document(doc_id=path.stem, text=text, path=str(path), title=title)


def read_documents(inputs: list[str | Path]) -> tuple[list[Document], list[InputProblem]]:
    """Read every article under `inputs`; unreadable files become problems, never exceptions."""
    paths, problems = iter_article_paths(inputs)
    docs: list[Document] = []
    for p in paths:
        try:
            docs.append(read_document(p))
        except (BadInput, OSError) as exc:
            problems.append(InputProblem(str(p), str(exc)))
    return docs, problems
