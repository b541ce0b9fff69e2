"""Storing uploaded article files under the corpus folder: size limit, sanitised names, no path traversal.

No Streamlit here: the dashboard hands over (name, bytes) pairs and shows what comes back. A rejected
file is an `InputProblem` naming it and the reason; the other files are still stored.
"""
from __future__ import annotations

import errno
import os
import re
import tempfile
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterable

from ..atomic import (
    write_atomic,  # noqa: F401 (also used by the dashboard through this module)
)
from ..errors import PipelineError
from ..schema import InputProblem
from .corpus import SIDECAR_NAME
from .readers import ARTICLE_SUFFIXES

MAX_UPLOAD_BYTES = 20_000_000
MAX_NAME_CHARS = 120
# Names Windows refuses for a file, whatever the suffix: an upload must be storable and copyable anywhere.
RESERVED_STEMS = {"con", "prn", "aux", "nul", *(f"com{i}" for i in range(1, 10)), *(f"lpt{i}" for i in range(1, 10))}


class UploadRejected(PipelineError, ValueError):
    """An uploaded file that is not stored: too large, empty, wrong kind or an unsafe name."""


@dataclass
class StoredUpload:
    name: str  # the name as uploaded
    path: Path  # where it was stored
    replaced: bool = False  # an identical file was already there


def sanitise_filename(name: str) -> str:
    """A safe file name from an uploaded one: last path part only, no control or shell-special characters.

    Keeps letters of any script, digits, `.`, `-`, `_`; spaces become `_`; no leading dot; at most
    MAX_NAME_CHARS characters with the suffix kept. Raises UploadRejected when nothing usable is left.
    """
    base = re.split(r"[\\/]", unicodedata.normalize("NFC", name or ""))[-1]
    base = "".join(ch for ch in base if unicodedata.category(ch)[0] != "C")
    base = re.sub(r"\s+", "_", base.strip())
    base = re.sub(r"[^\w.\-]", "_", base)
    base = re.sub(r"\.{2,}", ".", base).lstrip("._-")
    stem, dot, suffix = base.rpartition(".")
    if not dot:
        stem, suffix = base, ""
    if not stem or not stem.strip("_-."):
        raise UploadRejected(f"{name!r}: no usable file name")
    if stem.lower() in RESERVED_STEMS:
        stem = "_" + stem
    suffix = suffix.lower()[:12]
    stem = stem[: MAX_NAME_CHARS - len(suffix) - 1]
    return f"{stem}.{suffix}" if suffix else stem


def check_upload(name: str, data: bytes, max_bytes: int = MAX_UPLOAD_BYTES) -> str:
    """Validate one uploaded file; returns its sanitised name or raises UploadRejected naming the reason."""
    safe = sanitise_filename(name)
    if safe.lower() == SIDECAR_NAME:
        safe = SIDECAR_NAME  # one sidecar per folder, whatever case it was uploaded in
    suffix = Path(safe).suffix.lower()
    if safe.lower() != SIDECAR_NAME and suffix not in ARTICLE_SUFFIXES:
        raise UploadRejected(f"{name}: {suffix or 'no suffix'} is not an article kind; "
                             f"upload {', '.join(ARTICLE_SUFFIXES)} or {SIDECAR_NAME}")
    if len(data) > max_bytes:
        raise UploadRejected(f"{name}: {len(data):,} bytes, over the {max_bytes:,} byte upload limit")
    if not data.strip():
        raise UploadRejected(f"{name}: the file is empty")
    return safe


def target_path(corpus_dir: str | Path, safe_name: str) -> Path:
    """The path for a sanitised name inside the corpus folder; refuses anything that would land outside it."""
    root = Path(corpus_dir).resolve()
    path = (root / safe_name).resolve()
    if path.parent != root:
        raise UploadRejected(f"{safe_name}: would be stored outside the corpus folder")
    return path


def _same_bytes(path: Path, data: bytes) -> bool:
    try:
        return path.stat().st_size == len(data) and path.read_bytes() == data
    except OSError:
        return False


def _link_new(source: Path, path: Path) -> bool:
    """Give the complete file `source` the name `path` only if no file has it (True), atomically: a hard link
    fails when the name is taken, where a rename would replace what another upload stored a moment before."""
    try:
        os.link(source, path)
        return True
    except FileExistsError:
        return False
    except OSError as exc:
        if exc.errno not in (errno.EPERM, errno.EOPNOTSUPP, errno.ENOSYS, errno.EMLINK):
            raise
    try:  # a file system without hard links: claim the name exclusively, then fill it
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644)
    except FileExistsError:
        return False
    with os.fdopen(fd, "wb") as fh:
        fh.write(source.read_bytes())
    return True


def store_upload(corpus_dir: str | Path, name: str, data: bytes, max_bytes: int = MAX_UPLOAD_BYTES) -> StoredUpload:
    """Store one uploaded file in the corpus folder (atomically); an existing different file is not overwritten.

    The same bytes under the same name are left as they are; other bytes under a taken name get `-2`,
    `-3` ... before the suffix. Safe when analysts upload at once (issue 17): each name is claimed with an
    exclusive create (`_link_new`), so no upload replaces another and none reports a file it did not keep.
    A `sources.csv` replaces the folder's sidecar (it is metadata, not an article).
    """
    safe = check_upload(name, data, max_bytes)
    path = target_path(corpus_dir, safe)
    if _same_bytes(path, data):
        return StoredUpload(name, path, replaced=True)
    if safe.lower() == SIDECAR_NAME:
        write_atomic(path, data)
        return StoredUpload(name, path)
    # The bytes go to a hidden file beside the target first (hidden files are not articles), so a build never
    # reads half an upload; the file then takes the first free name.
    path.parent.mkdir(parents=True, exist_ok=True)  # the corpus folder is made by the first upload
    fd, tmp = tempfile.mkstemp(prefix=f".{path.stem[:40]}.", suffix=".upload", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        stem, suffix, n = path.stem, path.suffix, 2
        while not _link_new(Path(tmp), path):
            if _same_bytes(path, data):
                return StoredUpload(name, path, replaced=True)
            path = target_path(corpus_dir, f"{stem}-{n}{suffix}")
            n += 1
        return StoredUpload(name, path)
    finally:
        os.unlink(tmp)


def store_uploads(corpus_dir: str | Path, files: Iterable[tuple[str, bytes]], max_bytes: int = MAX_UPLOAD_BYTES,
                  progress: Callable[[int, int, str], None] | None = None) -> tuple[list[StoredUpload], list[InputProblem]]:
    """Store several uploads; returns what was stored and a problem for each file that was not."""
    files = list(files)
    stored: list[StoredUpload] = []
    problems: list[InputProblem] = []
    for i, (name, data) in enumerate(files, 1):
        try:
            stored.append(store_upload(corpus_dir, name, data, max_bytes))
        except UploadRejected as exc:
            problems.append(InputProblem(name, str(exc).removeprefix(f"{name}: "), True, "upload"))
        except OSError as exc:
            problems.append(InputProblem(name, f"could not be stored: {exc.strerror or exc}", True, "upload"))
        if progress:
            progress(i, len(files), name)
    return stored, problems
