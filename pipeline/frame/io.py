"""Reading and writing the events frame: the format follows the file suffix.

`.parquet`; `.csv` (lists joined with `;`; a text cell that a spreadsheet would run as a formula is
neutralised, see `neutralise_cell`); `.json` (a list of records, lists as JSON arrays).
Writes are atomic (temp file + rename): a crash leaves the previous file intact.
"""
from __future__ import annotations

import json
from pathlib import Path
from typing import Iterable

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from ..atomic import write_atomic
from ..errors import PipelineError
from ..schema import EVENTS_SCHEMA, LIST_COLUMNS, NEVER_NULL, normalise_frame

FORMATS = (".parquet", ".csv", ".json")


class UnknownFormat(PipelineError, ValueError):
    """An events file whose suffix is not one of FORMATS."""


def _format(path: Path) -> str:
    suffix = path.suffix.lower()
    if suffix not in FORMATS:
        raise UnknownFormat(f"{path}: unknown events format {suffix or '(none)'}; use one of {', '.join(FORMATS)}")
    return suffix


# Issue 17: a cell starting with one of these is a formula to Excel, LibreOffice and Google Sheets (OWASP "CSV
# injection"): a headline "=HYPERLINK(...)" from an article became a live link or a command in an analyst's sheet.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralise_cell(value):
    """A text cell as the CSV stores it: a leading "'" (which spreadsheets show as text, not run) before a
    formula start, and before a cell that already starts with "'" so that `restore_cell` gives it back exactly."""
    if isinstance(value, str) and value.startswith((*FORMULA_STARTS, "'")):
        return "'" + value
    return value


def restore_cell(value):
    """The text `neutralise_cell` was given (reading a CSV events file)."""
    return value[1:] if isinstance(value, str) and value.startswith("'") else value


def to_csv_frame(frame: pd.DataFrame) -> pd.DataFrame:
    out = frame.copy()
    for col in LIST_COLUMNS:
        if col in out.columns:
            out[col] = out[col].map(lambda v: ";".join(v))
    for col in out.columns:
        if pd.api.types.is_object_dtype(out[col]) or pd.api.types.is_string_dtype(out[col]):
            out[col] = out[col].map(neutralise_cell)
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
    return write_atomic(path, events_to_bytes(frame, _format(path)))


def read_events(path: str | Path) -> pd.DataFrame:
    """Read an events file written by `write_events` (or by hand in the same shape)."""
    path = Path(path)
    fmt = _format(path)
    if fmt == ".parquet":
        frame = pd.read_parquet(path)
    elif fmt == ".csv":
        frame = pd.read_csv(path, dtype=str, keep_default_na=False, na_values=[""])
        # Plain objects with None for empty cells: pandas' string dtype keeps NaN through normalise_frame's maps.
        frame = frame.astype(object).where(frame.notna(), None)
        frame = frame.apply(lambda col: col.map(restore_cell))  # the text before `neutralise_cell`
    else:
        frame = pd.DataFrame(json.loads(path.read_text(encoding="utf-8")))
    frame = normalise_frame(frame)
    # Text columns that are never null (pandas' string inference can turn an empty cell back into NaN).
    for col in NEVER_NULL:
        frame[col] = frame[col].where(frame[col].notna(), "")
    return frame



# --- writing the events file a batch at a time (the streamed build) ------------------------------------


# The events file: the contract columns, then the one apply_curations adds when none is active.
FILE_SCHEMA = EVENTS_SCHEMA.append(pa.field("verified", pa.bool_()))


def _write_parquet(frames: Iterable[pd.DataFrame], path: Path) -> None:
    with pq.ParquetWriter(str(path), FILE_SCHEMA) as writer:
        for frame in frames:
            writer.write_table(pa.Table.from_pandas(frame, schema=FILE_SCHEMA, preserve_index=False))


def _write_csv(frames: Iterable[pd.DataFrame], path: Path) -> None:
    """The bytes of export.events_to_bytes(frame, ".csv"), a batch at a time: one header, then the rows."""
    with open(path, "w", encoding="utf-8", newline="") as fh:
        for i, frame in enumerate(frames):
            to_csv_frame(frame).to_csv(fh, header=i == 0, index=False)


def _write_json(frames: Iterable[pd.DataFrame], path: Path) -> None:
    """The bytes of export.events_to_bytes(frame, ".json") (a list, indent 1), a record at a time."""
    import json

    with open(path, "w", encoding="utf-8", newline="") as fh:
        fh.write("[")
        sep = "\n "
        for frame in frames:
            for record in json.loads(frame.to_json(orient="records", force_ascii=False)):
                fh.write(sep + json.dumps(record, ensure_ascii=False, indent=1).replace("\n", "\n "))
                sep = ",\n "
        fh.write("]" if sep == "\n " else "\n]")


_WRITERS = {".parquet": _write_parquet, ".csv": _write_csv, ".json": _write_json}

