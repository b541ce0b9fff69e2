"""The dashboard's rebuild in another process: `python -m pipeline build ... --json-progress`, its progress read
from its output, so the server process keeps answering other sessions while the articles are processed."""
from __future__ import annotations

import json
import logging
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from ..config import PROJECT_ROOT
from ..errors import PipelineError
from .memory import prepare_rebuild


class BuildFailed(PipelineError):
    """The build process stopped with an error (its last line is the message) or died."""


@dataclass
class RebuildReport:
    """What a build in another process wrote: counts, problems (fatal?, text), curations whose event is gone."""

    out: Path
    events: int = 0  # mentions (rows)
    clusters: int = 0  # real-world events
    articles: int = 0
    reused: int = 0
    problems: list[tuple[bool, str]] = field(default_factory=list)
    orphans: list[dict] = field(default_factory=list)
    backup: str | None = None


def build_command(inputs: list[str], out: Path, db: Path) -> list[str]:
    """The CLI build a rebuild runs: these inputs into `out` with the curations of `db`, progress as JSON lines."""
    return [sys.executable, "-m", "pipeline", "build", *inputs, "--out", str(out), "--db", str(db), "--json-progress"]


def rebuild_in_subprocess(settings: dict, progress: Callable[[int, int, str], None] | None = None,
                          replace: bool = False) -> RebuildReport:
    """`run.memory.rebuild`, with the same checks and backup made here, and the build itself in a child
    process (`build_command`); `progress` gets its per-article reports. A failed build raises BuildFailed with
    the child's one-line error; the events file is then unchanged (the child writes it atomically)."""
    plan, backup = prepare_rebuild(settings, replace)
    proc = subprocess.Popen(build_command(plan.inputs, plan.out, plan.db), cwd=PROJECT_ROOT, text=True,
                            encoding="utf-8", stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    done = None
    assert proc.stdout is not None and proc.stderr is not None
    for line in proc.stdout:
        try:
            message = json.loads(line)
        except ValueError:
            continue  # not ours (a library printing): ignored
        if "progress" in message and progress:
            i, n, name = message["progress"]
            progress(int(i), int(n), str(name))
        elif "done" in message:
            done = message["done"]
    errors = proc.stderr.read()
    code = proc.wait()
    if done is None:
        logging.getLogger(__name__).error("rebuild of %s failed (exit %s):\n%s", plan.out, code, errors)
        last = next((l for l in reversed(errors.splitlines()) if l.strip()), f"exit status {code}")
        raise BuildFailed(f"the rebuild of {plan.out} stopped: {last.removeprefix('error: ')}")
    return RebuildReport(out=plan.out, events=done["events"], clusters=done.get("clusters", 0), articles=done["articles"], reused=done["reused"],
                         problems=[(bool(f), str(t)) for f, t in done["problems"]], orphans=done["orphans"],
                         backup=str(backup) if backup else None)
