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
# Issue 17: a Parquet events file the pipeline writes records what it was built from (inputs, curation
# database) under this key of its schema metadata; a file without it was made elsewhere and the dashboard
# never replaces it (see run.memory.rebuild).
BUILD_KEY = b"timeline.build"


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


def build_record(inputs, db=None) -> dict:
    """What an events file was built from, as `write_events(..., record=)` stores it: the inputs (absolute
    paths, in order) and the curation database applied."""
    return {"by": "pipeline", "inputs": [str(Path(i).resolve()) for i in inputs],
            "db": str(Path(db).resolve()) if db else None}


class DamagedEventsFile(PipelineError, ValueError):
    """An events file that cannot be read (truncated, not Parquet, bad JSON or CSV)."""


def damaged(path, exc: BaseException) -> DamagedEventsFile:
    """The one-line error for an unreadable events file, with the ways out."""
    why = " ".join(str(exc).split())[:200] or type(exc).__name__
    return DamagedEventsFile(
        f"{path}: damaged events file ({why}); move it aside (mv {path} {path}.damaged) and rebuild it with "
        f"`python -m pipeline build INPUTS --out {path}`, or point TIMELINE_EVENTS at another file")


def record_path(path: str | Path) -> Path:
    """Where a CSV or JSON events file keeps its build record (Parquet keeps it inside): `.NAME.build.json`."""
    path = Path(path)
    return path.with_name(f".{path.name}.build.json")


def store_record(path: str | Path, record: dict | None) -> None:
    """Keep the build record of a CSV or JSON events file just written, with the file's size and time: a file
    changed by anything else afterwards no longer matches it (and counts as made elsewhere)."""
    path = Path(path)
    if record is None or path.suffix.lower() == ".parquet":
        return
    stat = path.stat()
    write_atomic(record_path(path), json.dumps({**record, "size": stat.st_size, "mtime_ns": stat.st_mtime_ns}).encode())


def read_build_record(path: str | Path) -> dict | None:
    """The build record of an events file (see BUILD_KEY; `record_path` for CSV and JSON), or None: written
    elsewhere. Reads the Parquet footer only; a damaged Parquet file raises DamagedEventsFile."""
    path = Path(path)
    if not path.is_file():
        return None
    if path.suffix.lower() != ".parquet":
        try:
            record = json.loads(record_path(path).read_text(encoding="utf-8"))
            stat = path.stat()
            if record.get("size") != stat.st_size or record.get("mtime_ns") != stat.st_mtime_ns:
                return None
        except (OSError, ValueError, AttributeError):
            return None
        return record if isinstance(record.get("inputs"), list) else None
    try:
        meta = pq.read_schema(path).metadata or {}
    except (pa.ArrowException, OSError) as exc:
        raise damaged(path, exc) from None
    raw = meta.get(BUILD_KEY)
    try:
        record = json.loads(raw) if raw else None
    except ValueError:
        return None
    return record if isinstance(record, dict) and isinstance(record.get("inputs"), list) else None


def _with_record(schema: pa.Schema, record: dict | None) -> pa.Schema:
    if record is None:
        return schema
    return schema.with_metadata({**(schema.metadata or {}), BUILD_KEY: json.dumps(record).encode()})


def events_to_bytes(frame: pd.DataFrame, fmt: str, record: dict | None = None) -> bytes:
    """Serialise the events frame to bytes in one of FORMATS (used by files and downloads alike); a Parquet
    file keeps `record` (see build_record) in its metadata."""
    fmt = fmt if fmt.startswith(".") else "." + fmt
    if fmt == ".csv":
        return to_csv_frame(frame).to_csv(index=False).encode("utf-8")
    if fmt == ".json":
        records = json.loads(frame.to_json(orient="records", force_ascii=False))
        return json.dumps(records, ensure_ascii=False, indent=1).encode("utf-8")
    if fmt == ".parquet":
        import io

        buf = io.BytesIO()
        table = pa.Table.from_pandas(frame, preserve_index=False)
        pq.write_table(table.replace_schema_metadata(_with_record(table.schema, record).metadata), buf)
        return buf.getvalue()
    raise UnknownFormat(f"unknown events format {fmt}; use one of {', '.join(FORMATS)}")


def write_events(frame: pd.DataFrame, path: str | Path, record: dict | None = None) -> Path:
    """Write the frame atomically to `path` in the format its suffix names; a Parquet file keeps `record`
    (what it was built from, see build_record) so the dashboard may rebuild it."""
    path = Path(path)
    write_atomic(path, events_to_bytes(frame, _format(path), record))
    store_record(path, record)
    return path


def read_events(path: str | Path) -> pd.DataFrame:
    """Read an events file written by `write_events` (or by hand in the same shape)."""
    path = Path(path)
    fmt = _format(path)
    try:
        if fmt == ".parquet":
            frame = pd.read_parquet(path)
        elif fmt == ".csv":
            frame = pd.read_csv(path, dtype=str, keep_default_na=False, na_values=[""])
            # Plain objects with None for empty cells: pandas' string dtype keeps NaN through normalise_frame's maps.
            frame = frame.astype(object).where(frame.notna(), None)
            frame = frame.apply(lambda col: col.map(restore_cell))  # the text before `neutralise_cell`
        else:
            frame = pd.DataFrame(json.loads(path.read_text(encoding="utf-8")))
    except FileNotFoundError:
        raise
    except (pa.ArrowException, OSError, ValueError, pd.errors.ParserError) as exc:  # truncated, not this format
        raise damaged(path, exc) from None
    frame = normalise_frame(frame)
    # Text columns that are never null (pandas' string inference can turn an empty cell back into NaN).
    for col in NEVER_NULL:
        frame[col] = frame[col].where(frame[col].notna(), "")
    return frame



# --- writing the events file a batch at a time (the streamed build) ------------------------------------


# The events file: the contract columns, then the one apply_curations adds when none is active.
FILE_SCHEMA = EVENTS_SCHEMA.append(pa.field("verified", pa.bool_()))


def _write_parquet(frames: Iterable[pd.DataFrame], path: Path, record: dict | None = None) -> None:
    with pq.ParquetWriter(str(path), _with_record(FILE_SCHEMA, record)) as writer:
        for frame in frames:
            writer.write_table(pa.Table.from_pandas(frame, schema=FILE_SCHEMA, preserve_index=False))


def _write_csv(frames: Iterable[pd.DataFrame], path: Path, record: dict | None = None) -> None:
    """The bytes of export.events_to_bytes(frame, ".csv"), a batch at a time: one header, then the rows."""
    with open(path, "w", encoding="utf-8", newline="") as fh:
        for i, frame in enumerate(frames):
            to_csv_frame(frame).to_csv(fh, header=i == 0, index=False)


def _write_json(frames: Iterable[pd.DataFrame], path: Path, record: dict | None = None) -> None:
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

