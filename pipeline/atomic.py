"""All-or-nothing file writes: a temp file in the same folder, fsync, then a rename.

A crash or kill mid-write leaves the previous file intact (events files, uploads, cache entries).
"""
from __future__ import annotations

import os
import tempfile
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator


@contextmanager
def replacing(path: str | Path, durable: bool = True) -> Iterator[Path]:
    """A temp file beside `path` to write (by name, in any number of steps); when the block ends without an
    error it is fsynced and renamed onto `path`, else removed: readers see old or new, never half.

    `durable=False` skips the fsync (for caches, which treat a damaged entry as a miss): a build writing one
    entry per article spent most of that time waiting for the disk."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix="." + path.name + ".", suffix=".tmp", dir=path.parent)
    os.close(fd)
    try:
        yield Path(tmp)
        if durable:
            fd = os.open(tmp, os.O_RDONLY)
            try:
                os.fsync(fd)
            finally:
                os.close(fd)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def write_atomic(path: str | Path, data: bytes, durable: bool = True) -> Path:
    """Write bytes to `path` through a temp file in the same folder and a rename: readers see old or new, never half."""
    with replacing(path, durable) as tmp:
        tmp.write_bytes(data)
    return Path(path)
