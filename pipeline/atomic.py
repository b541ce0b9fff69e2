"""All-or-nothing file writes: a temp file in the same folder, fsync, then a rename.

A crash or kill mid-write leaves the previous file intact (events files, uploads, cache entries).
"""
from __future__ import annotations

import os
import tempfile
from pathlib import Path


def write_atomic(path: str | Path, data: bytes, durable: bool = True) -> Path:
    """Write bytes to `path` through a temp file in the same folder and a rename: readers see old or new, never half.

    `durable=False` skips the fsync (for caches, which treat a damaged entry as a miss): a build writing one
    entry per article spent most of that time waiting for the disk."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix="." + path.name + ".", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            if durable:
                fh.flush()
                os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return path
