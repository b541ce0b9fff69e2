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
import os
import stat
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path
from typing import Callable, Iterable, Iterator, NamedTuple


from ..errors import one_line
from ..schema import Document, InputProblem
from .decode import BadInput, decode
from .duplicates import TextPrint, fingerprint, merge_duplicates, record_duplicates, shingles, signature_matrix, text_print
from .readers import ARTICLE_SUFFIXES, METADATA_FIELDS, READERS, _apply_metadata, read_text

MAX_BYTES = 20_000_000
SIDECAR_NAME = "sources.csv"



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
    try:
        columns = tuple((c or "").strip().lower() for c in (reader.fieldnames or ()))
    except csv.Error as exc:
        problems.append(InputProblem(str(path), f"sidecar header not read ({_csv_problem(exc)}); ignored", True, "sidecar"))
        return None
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
    for line, row in _csv_rows(reader, path, problems):
        row = {(k or "").strip().lower(): (v or "").strip() for k, v in row.items() if isinstance(v, str)}
        name = row.get(key, "")
        if not name:
            problems.append(InputProblem(str(path), f"line {line}: no file name; row ignored", False, "sidecar"))
            continue
        rows[Path(name).name] = (line, row)
    return Sidecar(path=path, rows=rows, columns=columns)


def _csv_problem(exc: csv.Error) -> str:
    text = str(exc)
    if "field larger than field limit" in text:
        return f"a field is over the {csv.field_size_limit():,}-character limit of a CSV field"
    return one_line(text, 120)


def _csv_rows(reader: csv.DictReader, path: Path, problems: list[InputProblem]) -> Iterator[tuple[int, dict]]:
    """(line, row) of each sidecar row; a row the csv module cannot read (a field over its size limit, a
    NUL byte) is named, and the rows after it are not read (the parser cannot resume inside a field)."""
    line = 1
    while True:
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            problems.append(InputProblem(str(path), f"line {line + 1}: {_csv_problem(exc)}; this row and the "
                                                    "rows after it were ignored", True, "sidecar"))
            return
        line += 1
        yield line, row


def _apply_sidecar(doc: Document, file_name: str, sidecar: Sidecar, problems: list[InputProblem]) -> None:
    line, row = sidecar.rows[file_name]
    notes: list = []
    for f in ("source", "published"):
        if f in sidecar.columns and not row.get(f):
            why = "the date is worked out from the text" if f == "published" else "the outlet stays unknown"
            notes.append(("sidecar", f"{sidecar.path.name} line {line} has no {f}; {why}"))
    own = {f: getattr(doc, f) for f in ("published", "source")}
    _apply_metadata(doc, {k: row.get(k) for k in METADATA_FIELDS}, f"{sidecar.path.name} line {line}", notes)
    for f, value in own.items():  # issue 17: the file and its sidecar row disagree: say which one is used
        if value and getattr(doc, f) and getattr(doc, f) != value:
            notes.append(("conflict", f"{sidecar.path.name} line {line} gives {f} {one_line(getattr(doc, f), 60)!r}, "
                                      f"the file itself {one_line(value, 60)!r}; the sidecar's is used"))
    problems.extend(InputProblem(doc.path or doc.doc_id, msg, False, kind) for kind, msg in notes)


def printable_name(name: str) -> str:
    """`name` (from a file name) as text every later step can write: bytes that were not UTF-8, which Python
    keeps as lone surrogates (`os.fsdecode`), become U+FFFD. The file itself is still opened by its real path."""
    try:
        name.encode("utf-8")
        return name
    except UnicodeEncodeError:
        return name.encode("utf-8", "surrogateescape").decode("utf-8", "replace")


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


COMPANIONS = (SIDECAR_NAME, "corpus.yaml")  # files beside the articles that are read, not as articles


def _not_read(folder: Path, files: list[Path]) -> InputProblem:
    """One line for the files of a folder that are of no kind the build reads (a PDF, a Word file, an image):
    how many of each kind, the first few names, and the kinds that are read."""
    kinds: dict[str, int] = {}
    for f in files:
        kinds[f.suffix.lower() or "no suffix"] = kinds.get(f.suffix.lower() or "no suffix", 0) + 1
    shown = ", ".join(str(f.relative_to(folder)) for f in files[:3]) + (f" and {len(files) - 3:,} more" if len(files) > 3 else "")
    counted = ", ".join(f"{k} {n:,}" for k, n in sorted(kinds.items(), key=lambda kv: (-kv[1], kv[0])))
    return InputProblem(str(folder), f"{len(files):,} file(s) not read, of a kind that is not an article ({counted}): "
                                     f"{shown}; articles are {' '.join(ARTICLE_SUFFIXES)}", False, "not_read")


def _not_regular(path: Path) -> str:
    """What a path that is neither a regular file nor a folder is, in words."""
    try:
        mode = path.stat().st_mode
    except OSError:  # a link to nothing, or a loop of links
        return "a link that leads to no file"
    for test, words in ((stat.S_ISFIFO, "a named pipe"), (stat.S_ISCHR, "a device"), (stat.S_ISBLK, "a device"),
                        (stat.S_ISSOCK, "a socket")):
        if test(mode):
            return words
    return "not a regular file"


def iter_article_paths(inputs: list[str | Path]) -> tuple[list[Path], list[InputProblem]]:
    """Expand files and folders into article files, in a stable (sorted) order; sidecars are not articles."""
    paths: list[Path] = []
    problems: list[InputProblem] = []
    for raw in inputs:
        p = Path(raw)
        if p.is_dir():
            files = _files_under(p)
            other = sorted(c for c in files if c.suffix.lower() not in ARTICLE_SUFFIXES and c.name.lower() not in COMPANIONS)
            if other:
                problems.append(_not_read(p, other))
            for c in sorted(c for c in files if c.suffix.lower() in ARTICLE_SUFFIXES):
                if c.is_file():
                    paths.append(c)
                else:  # a named pipe would block the build, a link to /dev/zero would never end
                    problems.append(InputProblem(str(c), f"is {_not_regular(c)}, not an article file", True, "unreadable"))
        elif p.is_file():
            if p.name.lower() == SIDECAR_NAME:
                continue
            paths.append(p)
        elif p.exists() or p.is_symlink():
            problems.append(InputProblem(str(p), f"is {_not_regular(p)}, not an article file or folder", True, "unreadable"))
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
        with open(path, "rb") as fh:  # no more than the limit, should the file grow or lie about its size
            data = fh.read(max_bytes + 1)
        if len(data) > max_bytes:
            raise BadInput(f"the file is over the {max_bytes:,} byte limit (split it, or raise max_article_bytes)", "too_large")
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
    except Exception as exc:  # the fence (issue 17): a reader's failure on one file is that file's problem only
        return [], [InputProblem(str(path), f"could not be read ({type(exc).__name__}: {one_line(exc, 200)}); "
                                            "skipped", True, "unreadable")], digest
    problems = [InputProblem(str(path), msg, False, kind) for kind, msg in notes]
    for doc in docs:  # a file name that is not UTF-8 (bytes kept by os as surrogates) still names its article
        doc.doc_id = printable_name(doc.doc_id)
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
