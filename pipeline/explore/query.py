"""Reading events files for the dashboard at scale: Parquet lazily, with the scalar filters pushed down.

`scan` reads only the rows whose date, section, event type and source can match (pyarrow dataset filters,
so row groups that cannot match are skipped), then `filters.filter_events` applies the list and text
filters in pandas. `facets` reads only the columns the sidebar needs. CSV and JSON files are small by
nature and are read whole (`export.read_events`).
"""
from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import threading
from collections import OrderedDict

import numpy as np
import pandas as pd

from ..arrays import unique
from ..config import PROJECT_ROOT
from ..errors import PipelineError
from ..frame.arrow import arrow_to_frame, encode, string_column
from ..frame.curation import active_curations, apply_curations, default_db_path
from ..frame.io import damaged, read_build_record, read_events
from ..timex.display import with_date_display
from .filters import (
    FilterState,
    ListIndex,
    matching_rows,
    _mask,
    data_range,
    filter_events,
    options,
    with_search_text,
)
from . import views
from .names import codes_for
from .views import n_distinct, sources_table, with_rep_rank


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






def date_order(frame: pd.DataFrame) -> pd.DataFrame:
    """The frame sorted by start date (undated last), then cluster and article: the order tables show."""
    return frame.sort_values(["date_start", "cluster_id", "doc_id", "char_start"], na_position="last",
                             kind="stable").reset_index(drop=True)


def prepare(frame: pd.DataFrame) -> pd.DataFrame:
    """A frame ready to be filtered many times: in date order, with the search and representative-rank columns."""

    return with_rep_rank(with_search_text(date_order(with_date_display(frame))))


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
    import pyarrow as pa
    import pyarrow.compute as pc
    import pyarrow.dataset as ds

    try:
        dataset = ds.dataset(str(path), format="parquet")
        table = dataset.to_table(filter=_pushdown(state, dataset.schema) if state is not None else None)
    except FileNotFoundError:
        raise
    except (pa.ArrowException, OSError) as exc:  # truncated, not Parquet (issue 17: one line, not a traceback)
        raise damaged(path, exc) from None
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
    import numpy as np
    import pyarrow as pa
    import pyarrow.compute as pc

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
        named = codes_for(state.text)  # a query naming a country finds its events too (issue 19)
        if named and "countries" in table.column_names and not pa.types.is_null(table.column("countries").type):
            found = pc.or_(found, any_of("countries", tuple(sorted(named))))
        mask = pc.and_(mask, found)
    return mask


ROW = "_row"  # a row's position in the file: how the text of a few rows is read back
# What filtering, sorting, counting and the aggregated timeline need: ids, dates, lanes, type; no text.
LIGHT_COLUMNS = ("doc_id", "cluster_id", "date_start", "date_end", "event_type", "section", "source",
                 "actors", "countries", "granularity", "date_display")
# after filtering (date_end and granularity: the weekly chart's row of vague events, issue 19)
KEPT_COLUMNS = ("cluster_id", "date_start", "date_end", "granularity", "date_display", "event_type", "actors",
                "countries", ROW, "_doc")
_TEXT_FILTER_COLUMNS = ("headline", "quote", "date_text", "locations")  # besides source and actors (light)
_FILLED = ("cluster_id", "event_type")  # "" for null, as in arrow_to_frame


class Scanned:
    """The events of a big Parquet file that match a filter state, in date order, without their text.

    `light` is an Arrow table of KEPT_COLUMNS (ROW: each row's position in the file; `_doc`: doc codes) and
    `_cluster` (cluster codes 0..k-1): enough to count, page, aggregate the timeline and find a cluster. The
    other columns are read back only for the rows asked for (`frame`), from the row groups that hold them.
    Read-only (shared by sessions through a cache).
    """

    def __init__(self, path: str | Path, light, offsets):
        self.path = str(path)
        self.light = light
        self._offsets = offsets  # first file row of each row group, and the total at the end

    def __len__(self) -> int:
        return self.light.num_rows

    @property
    def empty(self) -> bool:
        return not len(self)

    def rows_table(self, positions=None, columns=None):
        """The file's rows at these positions of `light` (all when None), in that order, as an Arrow table."""
        import numpy as np
        import pyarrow as pa
        import pyarrow.parquet as pq

        rows = self.light.column(ROW).to_numpy() if positions is None else \
            self.light.column(ROW).take(pa.array(np.asarray(positions, dtype=np.int64))).to_numpy()
        pf = pq.ParquetFile(self.path, memory_map=True)
        names = pf.schema_arrow.names if columns is None else [c for c in pf.schema_arrow.names if c in columns]
        if not len(rows):
            return pf.schema_arrow.empty_table().select(names)
        order = np.argsort(rows, kind="stable")
        ordered = rows[order]
        groups = np.searchsorted(self._offsets, ordered, side="right") - 1
        wanted = unique(groups)
        if len(wanted) > 1 and 2 * len(ordered) > self._offsets[-1]:  # most of the file: one read
            table = pf.read(columns=names).take(pa.array(ordered))
        else:
            parts = []
            for g in wanted:
                local = ordered[groups == g] - self._offsets[g]
                parts.append(pf.read_row_group(int(g), columns=names).take(pa.array(local)))
            table = pa.concat_tables(parts)
        back = np.empty_like(order)
        back[order] = np.arange(len(order))
        return table.take(pa.array(back))

    def frame(self, positions=None, columns=None) -> pd.DataFrame:
        """The events frame of these rows (all when None) or of `columns` only: what `scan` gives for them."""
        return arrow_to_frame(self.rows_table(positions, columns), columns)

    def cluster(self, cluster_id: str) -> pd.DataFrame:
        """Every matching mention of one cluster, all columns."""
        import numpy as np
        import pyarrow.compute as pc

        hit = pc.equal(self.light.column("cluster_id"), cluster_id)
        return self.frame(np.flatnonzero(pc.fill_null(hit, False).to_numpy(zero_copy_only=False)))

    def count_distinct(self, col: str) -> int:
        """Distinct non-null values of `col` (cluster_id and doc_id: from their integer codes)."""
        import pyarrow.compute as pc


        if not len(self):
            return 0
        if col == "cluster_id":  # codes 0..k-1 of the rows kept
            return int(pc.max(self.light.column("_cluster")).as_py()) + 1
        return n_distinct(self.light, col)


    # --- the filtered-events interface, shared with InMemory -------------------------------------------
    scanned = True

    def columns(self, names) -> pd.DataFrame:
        """The events frame of these columns only (what a chart needs), every row."""
        return self.frame(columns=list(names))

    def materialise(self) -> pd.DataFrame:
        """Every row and column (e.g. for exports)."""
        return self.frame()

    def page(self, rows: int, page: int = 1) -> dict:
        """`views.table_page` of one page: only the page's rows are read with their text."""
        n = len(self)
        pages = max(1, -(-n // rows))
        page = min(max(1, int(page)), pages)
        out = views.table_page(self.frame(np.arange((page - 1) * rows, min(page * rows, n))), rows, 1)
        out.update(pages=pages, page=page, first=(page - 1) * rows + 1, clusters=_Members(self.light.column("cluster_id")),
                   n_events=self.count_distinct("cluster_id"), n_docs=self.count_distinct("doc_id"), n_mentions=n)
        return out

    def detail(self, cluster_id: str) -> pd.DataFrame:
        """`views.cluster_detail`: only that cluster's rows are read."""
        return views.cluster_detail(self.cluster(cluster_id), cluster_id)

    def rows(self, start: int, stop: int) -> pd.DataFrame:
        """Rows start..stop (positions, in date order), all columns."""
        return self.frame(np.arange(max(0, start), min(stop, len(self))))


class InMemory:
    """The events of a frame held in memory that match a filter: the rows of `base` at `positions` (all when
    None), taken once when first asked for. The same interface as `Scanned`, so callers never ask which."""

    scanned = False

    def __init__(self, base: pd.DataFrame, positions=None):
        self._base = base
        self._positions = positions
        self._data: pd.DataFrame | None = None

    @property
    def data(self) -> pd.DataFrame:
        if self._data is None:
            self._data = self._base if self._positions is None else self._base.iloc[self._positions]
        return self._data

    def __len__(self) -> int:
        return len(self._base) if self._positions is None else len(self._positions)

    @property
    def empty(self) -> bool:
        return not len(self)

    @property
    def light(self) -> pd.DataFrame:
        """What aggregated views read (for a frame in memory: the frame itself)."""
        return self.data

    def frame(self, positions=None, columns=None) -> pd.DataFrame:
        part = self.data if positions is None else self.data.iloc[positions]
        return part if columns is None else part[[c for c in part.columns if c in columns]]

    def columns(self, names) -> pd.DataFrame:
        return self.data

    def materialise(self) -> pd.DataFrame:
        return self.data

    def cluster(self, cluster_id: str) -> pd.DataFrame:
        return self.data[self.data["cluster_id"] == cluster_id]

    def count_distinct(self, col: str) -> int:
        return views.n_distinct(self.data, col)

    def page(self, rows: int, page: int = 1) -> dict:
        return views.table_page(self.data, rows, page)

    def detail(self, cluster_id: str) -> pd.DataFrame:
        return views.cluster_detail(self.data, cluster_id)

    def rows(self, start: int, stop: int) -> pd.DataFrame:
        return self.data.iloc[start:stop]


Filtered = InMemory | Scanned  # what `Events.filter` gives


def events_of(events) -> "InMemory | Scanned":
    """A filtered view from a plain events frame (as tests, scripts and the CLI hold them) or a view itself."""
    return events if isinstance(events, (InMemory, Scanned)) else InMemory(events)


class _Members:
    """`value in members` for a column of a `Scanned` (a set of a million Python strings costs more to build)."""

    def __init__(self, column):
        self._column = column

    def __contains__(self, value) -> bool:
        import pyarrow.compute as pc

        return isinstance(value, str) and bool(pc.any(pc.equal(self._column, value)).as_py())




def _scalar_mask(table, state: FilterState):
    """The date, section, type and source filters of `state`, exactly as `filters.filter_events` has them."""
    import numpy as np
    import pyarrow as pa
    import pyarrow.compute as pc

    mask = pa.array(np.ones(table.num_rows, dtype=bool))
    if not state.context:
        if state.start is not None:
            mask = pc.and_(mask, pc.greater_equal(pc.fill_null(string_column(table, "date_end"), "0000"), str(state.start)))
        if state.end is not None:
            mask = pc.and_(mask, pc.less_equal(pc.fill_null(string_column(table, "date_start"), "9999"), str(state.end)))
    for chosen, col, fill in ((state.sections, "section", None), (state.event_types, "event_type", None),
                              (state.sources, "source", "")):
        if chosen:
            values = string_column(table, col)
            values = pc.fill_null(values, fill) if fill is not None else values
            hit = pc.is_in(values, value_set=pa.array(list(chosen), pa.string()))
            mask = pc.and_(mask, pc.fill_null(hit, False))
    return mask


def scan_light(path: str | Path, state: FilterState | None = None) -> Scanned:
    """The events of a Parquet file matching `state`, in date order, as a `Scanned` (text read on demand).

    Same rows in the same order as `scan(path, state, sort=True)`. Row groups whose statistics rule them out
    are not read; of the others only the light columns (and, for a text search, the searched ones).
    """
    import numpy as np
    import pyarrow as pa
    import pyarrow.compute as pc
    import pyarrow.dataset as ds
    import pyarrow.parquet as pq


    pf = pq.ParquetFile(str(path), memory_map=True)
    sizes = [pf.metadata.row_group(i).num_rows for i in range(pf.metadata.num_row_groups)]
    offsets = np.concatenate([[0], np.cumsum(sizes, dtype=np.int64)])
    names = pf.schema_arrow.names
    text = state is not None and bool(state.text.strip())
    cols = [c for c in (*LIGHT_COLUMNS, *(_TEXT_FILTER_COLUMNS if text else ())) if c in names]
    expr = _pushdown(state, pf.schema_arrow) if state is not None else None
    if expr is None:
        groups = list(range(len(sizes)))
    else:  # row groups whose statistics may match
        fragment = next(iter(ds.dataset(str(path), format="parquet").get_fragments()))
        groups = [piece.row_groups[0].id for piece in fragment.split_by_row_group(filter=expr)]
    table = pf.read_row_groups(groups, columns=cols) if groups else pf.schema_arrow.empty_table().select(cols)
    rows = np.concatenate([np.arange(offsets[g], offsets[g + 1], dtype=np.int64) for g in groups]) if groups \
        else np.zeros(0, dtype=np.int64)
    table = table.append_column(ROW, pa.array(rows))
    keep = np.arange(table.num_rows)  # the rows kept, as positions: one copy of the columns at the end
    if state is not None:
        keep = np.flatnonzero(_scalar_mask(table, state).to_numpy(zero_copy_only=False))
        if state.actors or state.countries or text:  # the list and text filters, on the rows kept so far
            needed = [c for c in ("actors", "countries", *_TEXT_FILTER_COLUMNS, "source") if c in table.column_names]
            sub = table.select(needed).take(pa.array(keep))
            lists_and_text = replace(state, sources=(), event_types=(), sections=())  # those are done
            keep = keep[_arrow_mask(sub, lists_and_text).to_numpy(zero_copy_only=False)]
        if text and len(keep):  # the one definition of a text match: the pandas filter, on these rows only
            searched = arrow_to_frame(table.take(pa.array(keep)),
                                      ("headline", "quote", "date_text", "source", "actors", "locations", "countries"))
            keep = keep[_mask(searched, FilterState(start=None, end=None, sections=(), text=state.text)).to_numpy()]
    # What the views need of the kept rows (the other columns only served the filters); doc_id as codes.
    if "doc_id" in table.column_names:
        docs, _ = encode(string_column(table, "doc_id"))
        table = table.append_column("_doc", pa.array(docs.astype(np.int32)))
    table = table.select([c for c in table.column_names if c in KEPT_COLUMNS])
    if "date_start" in table.column_names and len(keep):  # date order (stable: file order within a day)
        dates = string_column(table, "date_start").take(pa.array(keep))
        ordered = not dates.null_count and not pc.any(pc.less(dates.slice(1), dates.slice(0, len(dates) - 1))).as_py()
        if not ordered:  # (a file written in date order, as the pipeline and the bench write it, skips this)
            keep = keep[pc.array_sort_indices(dates, order="ascending", null_placement="at_end").to_numpy()]
    table = table.take(pa.array(keep))
    for col in _FILLED:  # as arrow_to_frame has them, so counts and groups see the same values
        table = (table.set_column(table.column_names.index(col), col, pc.fill_null(string_column(table, col), ""))
                 if col in table.column_names else table.append_column(col, pc.fill_null(string_column(table, col), "")))
    table = table.combine_chunks()
    codes, _ = encode(string_column(table, "cluster_id"))  # integer ids: cheap to count and group
    table = table.append_column("_cluster", pa.array(codes.astype(np.int32)))
    return Scanned(path, table, offsets)


def cluster_rows(path: str | Path, clusters) -> pd.DataFrame:
    """Every row of the file (all columns, file order) whose cluster is one of `clusters`.

    What curating the events of a big file's table page needs (a merge records every member of both clusters),
    without reading the other rows: Parquet reads the cluster column, then only the matching rows.
    """
    clusters = list(clusters)
    path = Path(path)
    if not is_parquet(path):
        frame = read_events(path)
        return frame[frame["cluster_id"].isin(clusters)].reset_index(drop=True)
    import pyarrow.dataset as ds

    dataset = ds.dataset(str(path), format="parquet")
    if "cluster_id" not in dataset.schema.names or not clusters:
        return arrow_to_frame(dataset.schema.empty_table())
    import pyarrow as pa

    wanted = pa.array(clusters, pa.string()).cast(dataset.schema.field("cluster_id").type)  # e.g. large_string
    return arrow_to_frame(dataset.to_table(filter=ds.field("cluster_id").isin(wanted)))


SOURCE_COLUMNS = ("doc_id", "source", "title", "url", "published", "published_inferred", "date_start", "date_end",
                  "cluster_id", "event_id")


def sources(path: str | Path) -> pd.DataFrame:
    """The sources panel of a whole events file (see views.sources_table), reading only the columns it needs."""

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

        frame = read_events(path)
        out = options(frame)
        out["range"] = list(data_range(frame))
        return out
    import pyarrow as pa
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


def event_counts(path: str | Path) -> tuple[int, int]:
    """(events, mentions) in an events file: distinct clusters and rows (Parquet: one column read)."""
    if is_parquet(path):
        import pyarrow.compute as pc
        import pyarrow.parquet as pq

        column = pq.read_table(str(path), columns=["cluster_id"]).column("cluster_id")
        return int(pc.count_distinct(column).as_py()), len(column)
    frame = read_events(path)
    return int(frame["cluster_id"].nunique()), len(frame)


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


__all__ = ["Events", "InMemory", "Scanned", "events_of", "IN_MEMORY_MAX", "prepare", "date_order", "scan", "scan_light",
           "LIGHT_COLUMNS", "cluster_rows", "facets", "sources", "count", "arrow_to_frame", "is_parquet", "fresh_default"]


# --- the one query object --------------------------------------------------------------------------------

# Files up to this many events are held in memory once (shared by all sessions) and filtered in pandas;
# bigger Parquet files are scanned with the filters pushed down to the reader, reading only the columns the
# counts and the timeline need (text is read back for the rows shown: `Scanned`).
IN_MEMORY_MAX = 300_000


class Events:
    """The events the dashboard and the CLI exports show: an events file, or a frame built in memory.

    `filter(state)` gives the matching events as an `InMemory` or a `Scanned` view with one interface (count,
    page, detail, rows, columns, materialise); whether the rows are held in memory or scanned from Parquet is
    decided here, once, from the file's size (`in_memory_max` events). Read-only and thread-safe: one object
    serves every dashboard session.
    """

    note: str | None = None  # a line the dashboard shows about how these events were read (open_events)

    def __init__(self, path: str | Path | None = None, frame: pd.DataFrame | None = None,
                 in_memory_max: int = IN_MEMORY_MAX, remember: int = 64):
        if (path is None) == (frame is None):
            raise ValueError("Events needs an events file or a frame, not both")
        self.path = None if path is None else str(path)
        self.scanned = self.path is not None and is_parquet(self.path) and count(self.path) > in_memory_max
        self._frame = None if self.scanned else prepare(frame if frame is not None else scan(self.path))
        self._index: ListIndex | None = None
        self._remember = remember
        self._seen: OrderedDict = OrderedDict()  # filter state key -> row positions (or a Scanned)
        self._lock = threading.Lock()

    @property
    def frame(self) -> pd.DataFrame | None:
        """The whole events frame when held in memory (date order), else None."""
        return self._frame

    def __len__(self) -> int:
        return count(self.path) if self._frame is None else len(self._frame)

    def facets(self) -> dict:
        """The values the sidebar offers and the date extent."""
        if self._frame is None:
            return facets(self.path)
        return {**options(self._frame), "range": list(data_range(self._frame))}

    def sources(self) -> pd.DataFrame:
        """The sources panel: every article with its counts and date coverage."""
        return sources_table(self._frame) if self._frame is not None else sources(self.path)

    def filter(self, state: FilterState | None = None) -> "InMemory | Scanned":
        """The events matching `state` (all when None), in date order. Which rows match is remembered per
        state (the last `remember` states); a frame in memory is never copied per state."""
        key = None if state is None else state.key()
        with self._lock:
            hit = self._seen.get(key)
            if hit is not None:
                self._seen.move_to_end(key)
        if hit is None:
            if self._frame is None:
                hit = scan_light(self.path, state)
            elif state is None:
                hit = np.arange(len(self._frame))
            else:
                if self._index is None:
                    self._index = ListIndex(self._frame)
                hit = matching_rows(self._frame, state, self._index)
            with self._lock:
                self._seen[key] = hit
                while len(self._seen) > self._remember:
                    self._seen.popitem(last=False)
        return hit if self._frame is None else InMemory(self._frame, hit)

    def cluster_rows(self, clusters) -> pd.DataFrame:
        """Every row (all columns, file order) of these clusters."""
        if self._frame is None:
            return cluster_rows(self.path, clusters)
        return self._frame[self._frame["cluster_id"].isin(list(clusters))]


class EventsFileMissing(PipelineError):
    """The events file the settings name does not exist."""


def locate_events(settings: dict) -> tuple[str | None, float]:
    """The events file to show and its modification time: the settings' `events` file when named, else the
    default build (`out`) when it is newer than every input article and pipeline file, else (None, the
    newest input's time): the inputs are to be built in memory."""
    if settings["events"]:
        path = Path(settings["events"])
        if not path.is_file():
            raise EventsFileMissing(
                f"events file {path}: no such file. Point TIMELINE_EVENTS at a .parquet, .csv or .json events "
                f"file, or unset it to use the default build of {', '.join(settings['inputs'])}.")
        return str(path), path.stat().st_mtime
    fresh = fresh_default(settings["out"], settings["inputs"], PROJECT_ROOT / "pipeline")
    if fresh:
        return str(fresh), fresh.stat().st_mtime
    newest = max((p.stat().st_mtime for d in settings["inputs"] for p in Path(d).rglob("*") if p.is_file()),
                 default=0.0)
    return None, newest



# --- issue 17: files the pipeline did not build, damaged files ------------------------------------------

def curations_on_read(path: str | Path | None, settings: dict, recorded: bool | None = None) -> Path | None:
    """The curation database to apply as `path` is shown, or None.

    A file the pipeline built records it (`frame.io.read_build_record`) and gets its curations when rebuilt;
    a file made elsewhere is never rebuilt by the dashboard (`run.memory.rebuild`), so its curations are
    applied as it is read: the database is `db`, else curations.sqlite beside the shown file. `recorded`:
    whether the file has a build record, when the caller already knows (else it is read from the file).
    """
    if path is None:
        return None
    if recorded is None:
        recorded = read_build_record(path) is not None
    if recorded:
        return None
    shown = settings["events"] or settings["out"]
    db = Path(settings["db"] or default_db_path({"out": str(shown)}))
    return db if db.exists() else None


def open_events(path: str | Path, in_memory_max: int = IN_MEMORY_MAX, db: str | Path | None = None) -> Events:
    """`Events(path)`, with the active curations of `db` applied when given (see curations_on_read).

    A damaged events file or curation database raises a one-line PipelineError naming it and the way out, never
    a half-curated view. A file over `in_memory_max` events is not read whole for its curations: it is shown as
    it is, and `events.note` says so.
    """
    import pyarrow as pa

    try:
        if db is not None and active_curations(db):
            if is_parquet(path) and count(path) > in_memory_max:
                events = Events(path, in_memory_max=in_memory_max)
                events.note = (f"{path} has over {in_memory_max:,} events and no build record: the curations in {db} "
                               f"are not shown; build it with `python -m pipeline build INPUTS --out {path}`")
                return events
            return Events(frame=apply_curations(read_events(path), db), in_memory_max=in_memory_max)
        return Events(path, in_memory_max=in_memory_max)
    except (pa.ArrowException, OSError) as exc:
        if isinstance(exc, FileNotFoundError):
            raise
        raise damaged(path, exc) from None

__all__ += ["curations_on_read", "open_events"]
