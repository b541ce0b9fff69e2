"""The one query object for "the filtered events": `Events`, in memory or scanned from Parquet.

`Events.filter(state)` gives an `InMemory` or a `Scanned` view with one interface; `open_events` applies the
curations of a file the pipeline did not build; `locate_events` picks the events file to show. The Arrow
scanning itself (`scan`, `scan_light`, `Scanned`, `facets`, ...) is in `scanning`; its names stay importable
from here (issue 16).
"""
from __future__ import annotations

from pathlib import Path

import threading
from collections import OrderedDict

import numpy as np
import pandas as pd

from ..config import PROJECT_ROOT
from ..errors import PipelineError
from ..frame.arrow import arrow_to_frame  # noqa: F401  (re-exported: listed in __all__)
from ..frame.curation import active_curations, apply_curations, default_db_path
from ..frame.io import damaged, read_build_record, read_events
from ..timex.display import with_date_display
from .filters import (
    FilterState,
    ListIndex,
    matching_rows,
    data_range,
    options,
    with_search_text,
)
from . import views
from .scanning import (  # noqa: F401  (re-exported)
    KEPT_COLUMNS, LIGHT_COLUMNS, ROW, SOURCE_COLUMNS, _FILLED, _TEXT_FILTER_COLUMNS, Scanned, _arrow_mask, _Members,
    _pushdown, _scalar_mask, cluster_rows, count, event_counts, facets, is_parquet, scan, scan_light, sources,
)
from .views import sources_table, with_rep_rank


def date_order(frame: pd.DataFrame) -> pd.DataFrame:
    """The frame sorted by start date (undated last), then cluster and article: the order tables show."""
    return frame.sort_values(["date_start", "cluster_id", "doc_id", "char_start"], na_position="last",
                             kind="stable").reset_index(drop=True)


def prepare(frame: pd.DataFrame) -> pd.DataFrame:
    """A frame ready to be filtered many times: in date order, with the search and representative-rank columns."""

    return with_rep_rank(with_search_text(date_order(with_date_display(frame))))


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
