"""One build at a time per events file (issue 17): two builds into one file let the older, slower one finish
last and overwrite the newer one.

The lock is an advisory `flock` on a hidden file beside the events file (`.events.parquet.lock`), holding who
took it and when. The kernel releases it when its process ends, however it ends (kill -9 included), so a
crashed build never leaves a stale lock to clear. The file stays (emptied) after the build: removing it could
let two builds lock two different files under one name. Where `fcntl` is missing (Windows) builds run unlocked.

Holding the lock, a build also clears what killed builds of the same file left beside it (`clear_leftovers`):
their staging folders (`events.parquet.parts-*`, 13 MB each in the issue) and temporary files (`.events.parquet.*.tmp`).
No build of that file is running then, so none of them is in use.
"""
from __future__ import annotations

import os
import socket
import time
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

from ..atomic import clean_leftovers
from ..errors import PipelineError


class BuildRunning(PipelineError):
    """Another build is writing the same events file."""


def lock_path(out: str | Path) -> Path:
    out = Path(out)
    return out.with_name(f".{out.name}.lock")


def clear_leftovers(out: str | Path) -> list[Path]:
    """Remove the staging folders and temporary files killed builds of `out` left beside it; returns them.
    Call it only holding `build_lock(out)`. (`atomic.clean_leftovers`, the one cleaner: a file whose writer
    is alive is kept.)"""
    return clean_leftovers(Path(out).parent, owner_of=out)


@contextmanager
def build_lock(out: str | Path) -> Iterator[Path]:
    """Hold the build lock of the events file `out` for the `with` block; raise BuildRunning, naming who holds
    it and since when, when another build (any process, or another thread of this one) holds it. Once held,
    what killed builds of `out` left beside it is removed (`clear_leftovers`)."""
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
        clear_leftovers(out)
        try:
            yield path
        finally:
            os.ftruncate(fd, 0)
            fcntl.flock(fd, fcntl.LOCK_UN)
    finally:
        os.close(fd)
