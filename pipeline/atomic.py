"""All-or-nothing file writes: a temp file in the same folder, fsync, then a rename.

A crash or kill mid-write leaves the previous file intact (events files, uploads, cache entries).
The file written gets the mode an ordinary `open()` would give it (0666 less the umask, usually 0644), not
mkstemp's private 0600: an events file built by one user is readable by another user's dashboard (issue 20).
"""
from __future__ import annotations

import os
import tempfile
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator


def current_umask() -> int:
    """The process's umask, read without changing it where the system tells it (Linux /proc), else set and
    restored at once (os.umask only reads by writing)."""
    try:
        with open("/proc/self/status", encoding="ascii") as fh:
            for line in fh:
                if line.startswith("Umask:"):
                    return int(line.split()[1], 8)
    except (OSError, ValueError):
        pass
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


@contextmanager
def replacing(path: str | Path, durable: bool = True) -> Iterator[Path]:
    """A temp file beside `path` to write (by name, in any number of steps); when the block ends without an
    error it is fsynced and renamed onto `path`, else removed: readers see old or new, never half.

    `durable=False` skips the fsync (for caches, which treat a damaged entry as a miss): a build writing one
    entry per article spent most of that time waiting for the disk."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix="." + path.name + ".", suffix=".tmp", dir=path.parent)
    try:
        os.fchmod(fd, 0o666 & ~current_umask())
    finally:
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
