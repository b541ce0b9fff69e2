"""All-or-nothing file writes: a temp file in the same folder, fsync, then a rename.

A crash or kill mid-write leaves the previous file intact (events files, uploads, cache entries).
The file written gets the mode an ordinary `open()` would give it (0666 less the umask, usually 0644), not
mkstemp's private 0600: an events file built by one user is readable by another user's dashboard (issue 20).
"""
from __future__ import annotations

import os
import re
import shutil
import tempfile
import time
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
    # the writer's pid in the name: a later run removes the file only once that process is gone (clean_leftovers)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.{os.getpid()}-", suffix=".tmp", dir=path.parent)
    try:
        os.fchmod(fd, 0o666 & ~current_umask())  # as an ordinary file would be (mkstemp makes it 0600)
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


# --- leftovers of killed builds (issue 17) -------------------------------------------------------------

# `replacing`'s temp files and the streamed build's staging folders (`staging_dir`), with the writer's pid;
# the forms without a pid are those written before issue 17.
_LEFTOVERS = (re.compile(r"^\..+\.(?P<pid>\d+)-[A-Za-z0-9_]{8}\.tmp$"),
              re.compile(r"^.+\.parts-(?P<pid>\d+)-[A-Za-z0-9_]{8}$"),
              re.compile(r"^\..+\.[A-Za-z0-9_]{8}\.tmp$"),
              re.compile(r"^.+\.parts-[A-Za-z0-9_]{8}$"))
_PID = re.compile(r"(?:^|\.|-)(?P<pid>\d+)-[A-Za-z0-9_]{8}(?:\.tmp)?$")  # the writer's pid in a leftover's name
PIDLESS_AGE = 3600.0  # a leftover that names no pid is removed only when untouched this long (seconds)


def staging_dir(path: str | Path) -> Path:
    """A new staging folder beside `path` for a build writing it, named with this process's pid."""
    path = Path(path)
    return Path(tempfile.mkdtemp(prefix=f"{path.name}.parts-{os.getpid()}-", dir=path.parent))


def pid_alive(pid: int) -> bool:
    """Whether a process with this id runs on this machine (a pid reused since counts as alive: kept)."""
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OverflowError):
        return True
    return True


def clean_leftovers(folder: str | Path, started: float | None = None, owner_of: str | Path | None = None) -> list[Path]:
    """Remove the temp files and staging folders killed builds left in `folder`; returns what was removed.

    Only those older than `started` (the running build's start, default now) whose writer's pid is no longer
    alive; one that names no pid (older versions) only when untouched for PIDLESS_AGE seconds.

    `owner_of`: an events file whose build lock the caller holds (`run.lock.build_lock`): only that file's
    leftovers (`NAME.parts-*`, `.NAME.*.tmp`), and those naming no pid go at once (no build of it runs); one whose
    writer is alive (e.g. a curation replacing the file this moment) is still kept.
    """
    folder = Path(owner_of).parent if owner_of is not None else Path(folder)
    started = time.time() if started is None else started
    removed: list[Path] = []
    if not folder.is_dir():
        return removed
    name = Path(owner_of).name if owner_of is not None else None
    for entry in folder.iterdir():
        if name is not None:
            if not (entry.name.startswith(f"{name}.parts-") or
                    (entry.name.startswith(f".{name}.") and entry.name.endswith(".tmp"))):
                continue
            match = _PID.search(entry.name[len(name) + 1:])
            pid = match["pid"] if match else None
            if pid is not None and pid_alive(int(pid)):
                continue
        else:
            match = next((m for rx in _LEFTOVERS if (m := rx.match(entry.name))), None)
            if match is None:
                continue
            try:
                mtime = entry.stat().st_mtime
            except FileNotFoundError:
                continue
            pid = match.groupdict().get("pid")
            if mtime >= started or (pid is not None and pid_alive(int(pid))):
                continue
            if pid is None and mtime > started - PIDLESS_AGE:
                continue
        if entry.is_dir() and not entry.is_symlink():
            shutil.rmtree(entry, ignore_errors=True)
        else:
            entry.unlink(missing_ok=True)
        removed.append(entry)
    return removed
