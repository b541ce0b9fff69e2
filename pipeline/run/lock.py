"""One build at a time per events file (issue 17): two builds into one file let the older, slower one finish
last and overwrite the newer one.

The lock is an advisory `flock` on a hidden file beside the events file (`.events.parquet.lock`), holding who
took it and when. The kernel releases it when its process ends, however it ends (kill -9 included), so a
crashed build never leaves a stale lock to clear. The file stays (emptied) after the build: removing it could
let two builds lock two different files under one name. Where `fcntl` is missing (Windows) builds run unlocked.
"""
from __future__ import annotations

import os
import socket
import time
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

from ..errors import PipelineError


class BuildRunning(PipelineError):
    """Another build is writing the same events file."""


def lock_path(out: str | Path) -> Path:
    out = Path(out)
    return out.with_name(f".{out.name}.lock")


@contextmanager
def build_lock(out: str | Path) -> Iterator[Path]:
    """Hold the build lock of the events file `out` for the `with` block; raise BuildRunning, naming who holds
    it and since when, when another build (any process, or another thread of this one) holds it."""
    try:
        import fcntl
    except ImportError:  # pragma: no cover - not Unix
        yield lock_path(out)
        return
    path = lock_path(out)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            holder = os.pread(fd, 512, 0).decode("utf-8", "replace").strip() or "another build (starting)"
            raise BuildRunning(f"{out}: a build is already running since {holder}; wait for it to finish, or stop "
                               "it (the lock goes with its process)") from None
        since = time.strftime("%Y-%m-%d %H:%M:%S UTC", time.gmtime())
        os.ftruncate(fd, 0)
        os.pwrite(fd, f"{since} by pid {os.getpid()} on {socket.gethostname()}".encode(), 0)
        try:
            yield path
        finally:
            os.ftruncate(fd, 0)
            fcntl.flock(fd, fcntl.LOCK_UN)
    finally:
        os.close(fd)
