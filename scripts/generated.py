"""What the generator scripts share: write the data files they generate, or, with --check, name those that
differ from what would be written (exit 1)."""
from __future__ import annotations

import argparse
import sys
from pathlib import Path


def write_or_check(outputs: dict[Path, str], description: str, script: str, argv: list[str] | None = None) -> int:
    """The main of a generator script: `outputs` maps each file to the text it should hold."""
    ap = argparse.ArgumentParser(description=description)
    ap.add_argument("--check", action="store_true", help="exit 1 if a stored file differs from what would be written")
    if ap.parse_args(argv).check:
        stale = [p for p, text in outputs.items() if not p.exists() or p.read_text(encoding="utf-8") != text]
        for p in stale:
            print(f"{p}: out of date; rerun {script}", file=sys.stderr)
        return 1 if stale else 0
    for p, text in outputs.items():
        p.write_text(text, encoding="utf-8")
        print(f"wrote {p}")
    return 0
