"""Reading and writing the events frame: the format follows the file suffix.

`.parquet`; `.csv` (lists joined with `;`); `.json` (a list of records, lists as JSON arrays).
Writes are atomic (temp file + rename): a crash leaves the previous file intact.
"""
from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path

import pandas as pd

from .schema import LIST_COLUMNS, normalise_frame

FORMATS = (".parquet", ".csv", ".json")


class UnknownFormat(ValueError):
    """An events file whose suffix is not one of FORMATS."""


def _format(path: Path) -> str:
    suffix = path.suffix.lower()
    if suffix not in FORMATS:
        raise UnknownFormat(f"{path}: unknown events format {suffix or '(none)'}; use one of {', '.join(FORMATS)}")
    return suffix


def to_csv_frame(frame: pd.DataFrame) -> pd.DataFrame:
    out = frame.copy()
    for col in LIST_COLUMNS:
        if col in out.columns:
            out[col] = out[col].map(lambda v: ";".join(v))
    return out


def events_to_bytes(frame: pd.DataFrame, fmt: str) -> bytes:
    """Serialise the events frame to bytes in one of FORMATS (used by files and downloads alike)."""
    fmt = fmt if fmt.startswith(".") else "." + fmt
    if fmt == ".csv":
        return to_csv_frame(frame).to_csv(index=False).encode("utf-8")
    if fmt == ".json":
        records = json.loads(frame.to_json(orient="records", force_ascii=False))
        return json.dumps(records, ensure_ascii=False, indent=1).encode("utf-8")
    if fmt == ".parquet":
        import io

        buf = io.BytesIO()
        frame.to_parquet(buf, index=False)
        return buf.getvalue()
    raise UnknownFormat(f"unknown events format {fmt}; use one of {', '.join(FORMATS)}")


def write_events(frame: pd.DataFrame, path: str | Path) -> Path:
    """Write the frame atomically to `path` in the format its suffix names."""
    path = Path(path)
    data = events_to_bytes(frame, _format(path))
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=path.name + ".", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return path


def read_events(path: str | Path) -> pd.DataFrame:
    """Read an events file written by `write_events` (or by hand in the same shape)."""
    path = Path(path)
    fmt = _format(path)
    if fmt == ".parquet":
        frame = pd.read_parquet(path)
    elif fmt == ".csv":
        frame = pd.read_csv(path, dtype=str, keep_default_na=False, na_values=[""])
    else:
        frame = pd.DataFrame(json.loads(path.read_text(encoding="utf-8")))
    return normalise_frame(frame)
