"""Incremental builds: each processed article is kept under the output folder, keyed by a content hash.

The key covers the article (doc_id, text, metadata) and a fingerprint of the pipeline's code and data
files, so a rebuild re-processes only new or changed articles, and everything after a code or lexicon
change. Entries are written atomically (temp file + rename); an unreadable entry is a miss, never an error.
The cache is a local, private folder: entries are pickles of `Document`s written by this pipeline.
"""
from __future__ import annotations

import hashlib
import pickle
from dataclasses import dataclass, field
from pathlib import Path

from ..atomic import clean_leftovers, write_atomic
from ..ingest.readers import METADATA_FIELDS
from ..schema import Document

CACHE_DIRNAME = ".cache"
PIPELINE_DIR = Path(__file__).resolve().parent.parent  # the whole pipeline package


def cache_dir_for(out_path: str | Path) -> Path:
    """The cache folder that belongs to an events file: `.cache/` beside it."""
    return Path(out_path).resolve().parent / CACHE_DIRNAME


def pipeline_fingerprint(root: Path = PIPELINE_DIR) -> str:
    """A hash of every pipeline source and data file: a change to any of them invalidates the cache."""
    h = hashlib.sha256()
    files = sorted(p for p in root.rglob("*") if p.is_file() and "__pycache__" not in p.parts
                   and p.suffix not in (".pyc", ".pyo"))
    for p in files:
        h.update(str(p.relative_to(root)).encode("utf-8") + b"\0")
        h.update(p.read_bytes() + b"\0")
    return h.hexdigest()


def document_key(doc: Document, fingerprint: str) -> str:
    """The content hash of an unprocessed article: same id, text and metadata under the same pipeline."""
    h = hashlib.sha256(fingerprint.encode("ascii"))
    for value in (doc.doc_id, doc.text, *(getattr(doc, f) for f in METADATA_FIELDS), doc.published_inferred):
        h.update(b"\x1f" + repr(value).encode("utf-8"))
    return h.hexdigest()


@dataclass
class DocumentCache:
    """Processed Documents on disk, one file per content key; counts hits and misses of this build."""

    folder: Path
    fingerprint: str
    hits: int = 0
    misses: int = 0
    used: set[str] = field(default_factory=set)

    @classmethod
    def open(cls, folder: str | Path, fingerprint: str | None = None) -> "DocumentCache":
        return cls(Path(folder), fingerprint or pipeline_fingerprint())

    def key(self, doc: Document) -> str:
        return document_key(doc, self.fingerprint)

    def _path(self, key: str) -> Path:
        return self.folder / "documents" / f"{key}.pickle"

    def get(self, key: str) -> Document | None:
        """The processed Document stored under `key`, or None (missing or unreadable entry)."""
        self.used.add(key)
        path = self._path(key)
        try:
            with open(path, "rb") as fh:
                doc = pickle.load(fh)
        except FileNotFoundError:
            doc = None
        except Exception:  # a damaged entry (e.g. a kill mid-write before rename cannot leave one) is a miss
            path.unlink(missing_ok=True)
            doc = None
        if isinstance(doc, Document):
            self.hits += 1
            return doc
        self.misses += 1
        return None

    def put(self, key: str, doc: Document) -> None:
        """Store a processed Document atomically: readers see the old entry or the new one, never half."""
        self.used.add(key)
        write_atomic(self._path(key), pickle.dumps(doc, protocol=pickle.HIGHEST_PROTOCOL), durable=False)

    def prune(self) -> int:
        """Remove entries this build did not use (articles removed or changed) and the temp files of killed builds.

        A temp file whose writer still runs is kept: two builds sharing a cache (a rebuild from the dashboard while
        the CLI builds) each write entries through temp files, and removing another build's made its rename fail."""
        folder = self.folder / "documents"
        if not folder.is_dir():
            return 0
        removed = 0
        for p in folder.iterdir():
            if p.suffix == ".pickle" and p.stem not in self.used:
                p.unlink(missing_ok=True)
                removed += 1
        return removed + len(clean_leftovers(folder))

    def stats(self) -> dict:
        return {"reused": self.hits, "processed": self.misses}
