"""Where the shared benchmark data lives: `../shared/benchmarks/` beside the checkout (read there, never copied),
else TIMELINE_BENCHMARKS. One place for every bench script."""
from __future__ import annotations

import os
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _find() -> Path:
    candidates = [os.environ.get("TIMELINE_BENCHMARKS"), ROOT.parent / "shared" / "benchmarks",
                  ROOT.parent.parent / "shared" / "benchmarks"]  # (a git worktree one level deeper)
    for c in candidates:
        if c and Path(c).is_dir():
            return Path(c)
    return ROOT.parent / "shared" / "benchmarks"


BENCHMARKS = _find()
