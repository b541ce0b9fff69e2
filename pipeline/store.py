"""Reading events files for the dashboard at scale: Parquet lazily, with the scalar filters pushed down.

`scan` reads only the rows whose date, section, event type and source can match (pyarrow dataset filters,
so row groups that cannot match are skipped), then `filters.filter_events` applies the list and text
filters in pandas. `facets` reads only the columns the sidebar needs. CSV and JSON files are small by
nature and are read whole (`export.read_events`).
"""
from __future__ import annotations

from pathlib import Path

import pandas as pd

from .export import read_events
from .filters import FilterState, filter_events
from .schema import BOOL_COLUMNS, COLUMNS, INT_COLUMNS, LIST_COLUMNS


def is_parquet(path: str | Path) -> bool:
    return Path(path).suffix.lower() == ".parquet"


def _pushdown(state: FilterState):
    """The part of `state` pyarrow can evaluate while reading (scalar columns only), or None."""
    import pyarrow.compute as pc
    import pyarrow.dataset as ds

    parts = []
    if not state.context:
        if state.start:
            parts.append(pc.coalesce(ds.field("date_end"), pc.scalar("0000")) >= pc.scalar(state.start))
        if state.end:
            parts.append(pc.coalesce(ds.field("date_start"), pc.scalar("9999")) <= pc.scalar(state.end))
    if state.sections:
        parts.append(ds.field("section").isin(list(state.sections)))
    if state.event_types:
        parts.append(ds.field("event_type").isin(list(state.event_types)))
    if state.sources:
        parts.append(ds.field("source").isin(list(state.sources)))
    if not parts:
        return None
    expr = parts[0]
    for p in parts[1:]:
        expr = expr & p
    return expr


def arrow_to_frame(table) -> pd.DataFrame:
    """An Arrow table in the events schema to the events frame, vectorised (no per-cell Python for scalars)."""
    names = set(table.column_names)
    data: dict[str, object] = {}
    n = table.num_rows
    for col in COLUMNS:
        if col not in names:
            data[col] = [[] for _ in range(n)] if col in LIST_COLUMNS else [None] * n
            continue
        arr = table.column(col)
        if col in LIST_COLUMNS:
            data[col] = [v if v is not None else [] for v in arr.to_pylist()]
        elif col in INT_COLUMNS:
            data[col] = arr.to_pandas().fillna(0).astype("int64").to_numpy()
        elif col in BOOL_COLUMNS:
            data[col] = arr.to_pandas().fillna(False).astype(bool).to_numpy()
        else:
            series = arr.to_pandas().astype(object)
            data[col] = series.where(series.notna(), None).to_numpy()
    frame = pd.DataFrame(data, columns=list(COLUMNS))
    for col in ("date_text", "headline", "quote", "cluster_id", "event_type", "section", "granularity"):
        frame[col] = frame[col].where(frame[col].notna(), "")
    # Issue 6: columns after the contract ones (e.g. `verified` from curation) are kept, in file order.
    for col in (c for c in table.column_names if c not in COLUMNS):
        frame[col] = table.column(col).to_pandas().to_numpy()
    return frame


def date_order(frame: pd.DataFrame) -> pd.DataFrame:
    """The frame sorted by start date (undated last), then cluster and article: the order tables show."""
    return frame.sort_values(["date_start", "cluster_id", "doc_id", "char_start"], na_position="last",
                             kind="stable").reset_index(drop=True)


def prepare(frame: pd.DataFrame) -> pd.DataFrame:
    """A frame ready to be filtered many times: in date order, with the search column."""
    from .filters import with_search_text

    return with_search_text(date_order(frame))


def scan(path: str | Path, state: FilterState | None = None) -> pd.DataFrame:
    """The events of `path` that match `state` (all events when `state` is None)."""
    path = Path(path)
    if not is_parquet(path):
        frame = read_events(path)
        return frame if state is None else filter_events(frame, state)
    import pyarrow.dataset as ds

    dataset = ds.dataset(str(path), format="parquet")
    table = dataset.to_table(filter=_pushdown(state) if state is not None else None)
    frame = arrow_to_frame(table)
    return frame if state is None else filter_events(frame, state)


SOURCE_COLUMNS = ("doc_id", "source", "title", "url", "published", "published_inferred", "date_start", "date_end",
                  "cluster_id", "event_id")


def sources(path: str | Path) -> pd.DataFrame:
    """The sources panel of a whole events file (see views.sources_table), reading only the columns it needs."""
    from .views import sources_table

    path = Path(path)
    if not is_parquet(path):
        return sources_table(read_events(path))
    import pyarrow.dataset as ds

    dataset = ds.dataset(str(path), format="parquet")
    table = dataset.to_table(columns=[c for c in SOURCE_COLUMNS if c in dataset.schema.names])
    return sources_table(arrow_to_frame(table))


def facets(path: str | Path) -> dict[str, list[str]]:
    """The values the sidebar offers (actors, countries, event types, sources) and the date extent."""
    path = Path(path)
    if not is_parquet(path):
        from .filters import data_range, options

        frame = read_events(path)
        out = options(frame)
        out["range"] = list(data_range(frame))
        return out
    import pyarrow.compute as pc
    import pyarrow.dataset as ds

    dataset = ds.dataset(str(path), format="parquet")
    cols = [c for c in ("actors", "countries", "event_type", "source", "date_start", "date_end")
            if c in dataset.schema.names]
    table = dataset.to_table(columns=cols)

    def uniq(col, flatten=False):
        if col not in table.column_names:
            return []
        arr = table.column(col)
        if flatten:
            arr = pc.list_flatten(arr)
        return sorted(str(v) for v in pc.unique(arr).to_pylist() if v)

    def extreme(col, fn):
        if col not in table.column_names:
            return None
        value = fn(table.column(col)).as_py()
        return str(value) if value else None

    return {"actors": uniq("actors", True), "countries": uniq("countries", True),
            "event_types": uniq("event_type"), "sources": uniq("source"),
            "sections": ["body", "caption", "teaser", "comment", "boilerplate"],
            "range": [extreme("date_start", pc.min), extreme("date_end", pc.max)]}


def count(path: str | Path) -> int:
    """Number of events in the file (Parquet: from the metadata, without reading rows)."""
    if is_parquet(path):
        import pyarrow.parquet as pq

        return pq.ParquetFile(str(path)).metadata.num_rows
    return len(read_events(path))


def fresh_default(out: str | Path, inputs: list[str], code_dir: str | Path) -> Path | None:
    """`out` when it exists and is newer than every input article and pipeline file, else None."""
    out = Path(out)
    if not out.is_file():
        return None
    built = out.stat().st_mtime
    watched: list[Path] = []
    for item in [*inputs, code_dir]:
        p = Path(item)
        watched += [f for f in p.rglob("*") if f.is_file() and "__pycache__" not in f.parts] if p.is_dir() else [p]
    newest = max((f.stat().st_mtime for f in watched if f.exists()), default=0.0)
    return out if built >= newest else None


__all__ = ["prepare", "date_order", "scan", "facets", "sources", "count", "arrow_to_frame", "is_parquet", "fresh_default"]
