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


def _pushdown(state: FilterState, schema=None):
    """The part of `state` pyarrow can evaluate while reading (scalar string columns only), or None.

    Columns that are all null in the file (Arrow type null, e.g. no outlet known) are left to pandas.
    """
    import pyarrow as pa
    import pyarrow.compute as pc
    import pyarrow.dataset as ds

    def usable(name: str) -> bool:
        return schema is None or (name in schema.names and schema.field(name).type in (pa.string(), pa.large_string()))

    parts = []
    if not state.context:
        if state.start and usable("date_end"):
            # Plain comparisons (no coalesce) so Parquet row-group statistics can skip whole groups;
            # undated rows compare as null and drop out, as they do in filter_events.
            parts.append(ds.field("date_end") >= pc.scalar(state.start))
        if state.end and usable("date_start"):
            parts.append(ds.field("date_start") <= pc.scalar(state.end))
    if state.sections and usable("section"):
        parts.append(ds.field("section").isin(list(state.sections)))
    if state.event_types and usable("event_type"):
        parts.append(ds.field("event_type").isin(list(state.event_types)))
    if state.sources and usable("source"):
        parts.append(ds.field("source").isin(list(state.sources)))
    if not parts:
        return None
    expr = parts[0]
    for p in parts[1:]:
        expr = expr & p
    return expr


def _lists(arr) -> list[list[str]]:
    """A list<string> Arrow column as Python lists (nulls as []), by slicing the flat values at the offsets."""
    import pyarrow as pa

    arr = arr.combine_chunks() if hasattr(arr, "combine_chunks") else arr
    if pa.types.is_null(arr.type):
        return [[] for _ in range(len(arr))]
    if arr.offset or arr.null_count:
        return [v if v is not None else [] for v in arr.to_pylist()]
    offsets = arr.offsets.to_numpy().tolist()
    flat = arr.values.to_pylist()
    return [flat[a:b] for a, b in zip(offsets[:-1], offsets[1:])]


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
            data[col] = _lists(arr)
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
    """A frame ready to be filtered many times: in date order, with the search and representative-rank columns."""
    from .filters import with_search_text
    from .views import with_rep_rank

    return with_rep_rank(with_search_text(date_order(frame)))


def scan(path: str | Path, state: FilterState | None = None, sort: bool = False) -> pd.DataFrame:
    """The events of `path` that match `state` (all events when `state` is None); `sort`: in date order.

    Parquet: scalar filters are pushed down to the reader, list and text filters run in Arrow, so only the
    matching rows are turned into Python objects. The pandas filter then runs once more on the result
    (cheap, and the one definition of what matches).
    """
    path = Path(path)
    if not is_parquet(path):
        frame = read_events(path)
        return frame if state is None else filter_events(frame, state)
    import pyarrow.compute as pc
    import pyarrow.dataset as ds

    dataset = ds.dataset(str(path), format="parquet")
    table = dataset.to_table(filter=_pushdown(state, dataset.schema) if state is not None else None)
    if state is not None:
        mask = _arrow_mask(table, state)
        if table.num_rows and not pc.all(mask).as_py():  # nothing to drop: skip copying every column
            table = table.filter(mask)
    if sort and "date_start" in table.column_names:
        table = table.sort_by([("date_start", "ascending", "at_end")])  # stable: file order within a day
    frame = arrow_to_frame(table)
    return frame if state is None else filter_events(frame, state)


def _arrow_mask(table, state: FilterState):
    """The list and text filters of `state` evaluated in Arrow, before any row becomes a Python object."""
    import pyarrow as pa
    import pyarrow.compute as pc

    import numpy as np

    if not (state.actors or state.countries or state.text.strip() or state.sources or state.event_types
            or state.sections):
        return pa.array(np.ones(table.num_rows, dtype=bool))
    mask = pa.array(np.ones(table.num_rows, dtype=bool))

    def any_of(col: str, chosen: tuple[str, ...]):
        arr = table.column(col).combine_chunks()
        flat = pc.cast(pc.list_flatten(arr), pa.string())
        hit = pc.is_in(flat, value_set=pa.array(list(chosen), pa.string()))
        rows = pc.list_parent_indices(arr)
        hits = pc.filter(rows, hit).to_numpy(zero_copy_only=False)
        out = np.zeros(table.num_rows, dtype=bool)
        out[hits] = True
        return pa.array(out)

    # A scalar filter on a column that is all null in the file (not pushed down): nothing can match.
    for chosen, col in ((state.sources, "source"), (state.event_types, "event_type"), (state.sections, "section")):
        if chosen and (col not in table.column_names or pa.types.is_null(table.column(col).type)):
            mask = pc.and_(mask, pa.array(np.zeros(table.num_rows, dtype=bool)))
    if state.actors and "actors" in table.column_names:
        mask = pc.and_(mask, any_of("actors", state.actors))
    if state.countries and "countries" in table.column_names:
        mask = pc.and_(mask, any_of("countries", state.countries))
    needle = state.text.strip().lower()
    if needle:
        found = pa.array(np.zeros(table.num_rows, dtype=bool))
        for col in ("headline", "quote", "date_text", "source"):
            if col in table.column_names:
                hit = pc.match_substring(pc.utf8_lower(pc.cast(table.column(col), pa.string())), needle)
                found = pc.or_(found, pc.fill_null(hit, False))
        for col in ("actors", "locations"):
            if col in table.column_names:
                arr = table.column(col).combine_chunks()
                hit = pc.match_substring(pc.utf8_lower(pc.cast(pc.list_flatten(arr), pa.string())), needle)
                rows = pc.filter(pc.list_parent_indices(arr), pc.fill_null(hit, False)).to_numpy(zero_copy_only=False)
                extra = np.zeros(table.num_rows, dtype=bool)
                extra[rows] = True
                found = pc.or_(found, pa.array(extra))
        mask = pc.and_(mask, found)
    return mask


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
