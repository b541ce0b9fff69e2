"""Reading events files at scale: Parquet lazily, with the scalar filters pushed down.

`scan` reads only the rows whose date, section, event type and source can match (pyarrow dataset filters,
so row groups that cannot match are skipped), then `filters.filter_events` applies the list and text
filters in pandas. `scan_light` gives a `Scanned`: the matching rows of a big file without their text, read
back for the rows shown. `facets`, `sources`, `count` read only the columns they need. CSV and JSON files are
small by nature and are read whole (`frame.io.read_events`). Split from query.py (issue 16), which re-exports it.
"""
from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import numpy as np
import pandas as pd

from ..arrays import unique
from ..frame.arrow import arrow_to_frame, encode, string_column
from ..frame.io import damaged, read_events
from .filters import (
    FilterState,
    _mask,
    data_range,
    filter_events,
    options,
)
from . import views
from .names import codes_for
from .views import n_distinct, sources_table


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
