"""Where a view opens: the corpus's own window, not a date written in the code.

The dashboard and the CLI exports open on the corpus file's focus window (`corpus.yaml` beside the articles,
`pipeline.ingest.corpus_file`), or, without one, on every event with the corpus's densest span (`densest_span`:
the run of dated events that holds most of them) shaded as the window. After an upload the view moves to the new articles' own span
(`span_of_documents`). An export that would hold no events is refused with the reason (`NothingToExport`).
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

import numpy as np
import pandas as pd

from ..errors import PipelineError
from ..frame.arrow import arrow_to_frame
from ..frame.io import read_events
from ..ingest.corpus_file import CorpusFile, find_corpus_file, read_corpus_file
from .filters import FilterState

# Events dated to a week or finer say when the story happened; coarser ones (a month, a year) are context.
PRECISE_GRANULARITIES = ("time", "day", "week")
GAP_DAYS = 45  # a quiet spell longer than this (six weeks) ends a run of events
MAX_DAYS = 183  # a run longer than this is narrowed to its busiest window of this many days
WINDOW_COLUMNS = ("cluster_id", "date_start", "date_end", "granularity", "section", "doc_id")


class NothingToExport(PipelineError):
    """An export whose filters leave no events: said with the reason instead of writing an empty file."""


@dataclass(frozen=True)
class View:
    """Where the view opens: dates (None: all dates), lanes, the corpus title, and why (for a caption)."""

    start: str | None
    end: str | None
    lane: str = "countries"
    title: str = ""
    origin: str = ""
    note: str = ""  # a warning for the analyst (e.g. a corpus file whose window holds no events)
    context: bool = False  # True: every event shown, the window (start, end) shaded among them

    def state(self, **changes) -> FilterState:
        """The FilterState of this view (other filters at their defaults unless given)."""
        return FilterState(start=self.start, end=self.end, lane=self.lane, context=self.context, **changes)


def _dated(frame: pd.DataFrame) -> pd.DataFrame:
    """The events a window is measured on: body events with a start date (every section when none is body)."""
    if frame is None or not len(frame) or "date_start" not in frame.columns:
        return pd.DataFrame(columns=list(WINDOW_COLUMNS))
    frame = frame[[c for c in WINDOW_COLUMNS if c in frame.columns]]  # (not the text and list columns)
    dated = frame[frame["date_start"].notna().to_numpy()]
    if "section" in dated.columns and (dated["section"] == "body").any():
        dated = dated[dated["section"] == "body"]
    return dated


def densest_span(frame: pd.DataFrame, gap_days: int = GAP_DAYS, max_days: int = MAX_DAYS) -> tuple[str, str] | None:
    """The corpus's densest span: where its dated events bunch together, as (first, last) ISO dates.

    Measured on body events (all sections when there is no body event) dated to a week or finer (all dated
    events when there is none), each event (cluster) once, at its start date. The dates sorted are cut where
    two are more than `gap_days` apart; the run holding most events wins (ties: the latest). A run longer than
    `max_days` is narrowed to its busiest `max_days` (ties: the latest). The span runs from the first start
    to the last end of the events in it. None when no event has a date.

    Events outside the span (an article's background years before, a forecast) stay one toggle away
    ("Show context events").
    """
    dated = _dated(frame)
    if not len(dated):
        return None
    if "granularity" in dated.columns:
        precise = dated[dated["granularity"].isin(PRECISE_GRANULARITIES)]
        if len(precise):
            dated = precise
    ends = dated["date_end"].where(dated["date_end"].notna(), dated["date_start"]) if "date_end" in dated.columns \
        else dated["date_start"]
    cluster = pd.factorize(dated["cluster_id"].to_numpy() if "cluster_id" in dated.columns
                           else np.arange(len(dated)))[0]
    start_days = _days(dated["date_start"])
    first = pd.Series(start_days).groupby(cluster).min()  # each event once, at its start
    last = pd.Series(np.maximum(_days(ends), start_days)).groupby(cluster).max()
    per = pd.DataFrame({"day": first.to_numpy(), "end": last.to_numpy()})
    per = per[per["day"] > _NO_DAY].sort_values(["day", "end"], kind="stable")
    if not len(per):
        return None
    day = per["day"].to_numpy()
    cuts = np.flatnonzero(np.diff(day) > gap_days) + 1
    runs = np.split(np.arange(len(day)), cuts)
    best = max(runs, key=lambda r: (len(r), day[r[-1]]))  # most events; ties: the latest run
    lo, hi = best[0], best[-1]
    if day[hi] - day[lo] > max_days:
        # the busiest window of max_days inside the run: for each first event, how many start within max_days
        d = day[best]
        stop = np.searchsorted(d, d + max_days, side="right")
        counts = stop - np.arange(len(d))
        first = int(np.flatnonzero(counts == counts.max())[-1])
        lo, hi = best[first], best[stop[first] - 1]
    chosen = per.iloc[lo: hi + 1]
    return _iso(chosen["day"].min()), _iso(max(chosen["end"].max(), chosen["day"].max()))


_NO_DAY = np.iinfo(np.int64).min  # a date that could not be read


def _days(values: pd.Series) -> np.ndarray:
    """ISO dates (text) as days since 1970, each distinct text parsed once; _NO_DAY where unreadable."""
    codes, distinct = pd.factorize(values.to_numpy(), use_na_sentinel=True)
    parsed = pd.to_datetime(pd.Series(distinct, dtype=object).astype(str).str[:10], errors="coerce",
                            format="%Y-%m-%d")
    days = np.where(parsed.isna(), _NO_DAY, parsed.to_numpy().astype("datetime64[D]").astype(np.int64))
    return np.where(codes >= 0, days[np.maximum(codes, 0)] if len(days) else _NO_DAY, _NO_DAY)


def _iso(day) -> str:
    return str(np.datetime64(int(day), "D"))


def span_of_documents(frame: pd.DataFrame, doc_ids) -> tuple[str, str] | None:
    """The densest span of the events of these articles (e.g. the ones just uploaded); None when they have none."""
    if frame is None or not len(frame):
        return None
    return densest_span(frame[frame["doc_id"].isin(set(doc_ids))])


def span_of_uploads(events_path, file_names) -> tuple[str, str] | None:
    """The densest span of the events that the just-uploaded files (their stored names) gave, read back from the
    rebuilt events file; None when they gave none. A file's articles have its name's stem as `doc_id`, or the
    stem and a record number for .json/.jsonl files ("wire-2")."""
    stems = {Path(name).stem for name in file_names}
    if not stems:
        return None
    frame = read_events(events_path)
    ids = frame["doc_id"].astype(str)
    mine = ids.isin(stems) | ids.str.replace(r"-\d+$", "", regex=True).isin(stems)
    return span_of_documents(frame, set(ids[mine]))


def _holds_events(frame: pd.DataFrame, start: str, end: str) -> bool:
    dated = _dated(frame)
    if not len(dated):
        return False
    ends = dated["date_end"].where(dated["date_end"].notna(), dated["date_start"]).astype(str)
    return bool(((ends >= start) & (dated["date_start"].astype(str) <= end)).any())


def default_view(frame: pd.DataFrame, corpus: CorpusFile | None = None) -> View:
    """The view a corpus opens on: its corpus file's focus window, else every event with its densest span
    shaded, else all dates.

    Without a focus window nobody has said which events matter, so none is hidden: the view shows every event
    (context on: the background an article recalls, a forecast) and the densest span is the shaded window, the
    range the date picker and a "Show context events" switch-off narrow to. A corpus file whose window holds
    none of the events is not followed (it was written for other articles): the same, and `note` says why.
    """
    title = corpus.title if corpus else ""
    lane = corpus.lanes if corpus else "countries"
    note = ""
    if corpus is not None and corpus.focus:
        start, end = corpus.focus
        if frame is None or not len(frame) or _holds_events(frame, start, end):
            return View(start, end, lane, title, f"focus window of {corpus.path}")
        note = (f"{corpus.path}: its focus window {start} to {end} holds none of these events; "
                "showing their densest span instead")
    span = densest_span(frame)
    if span is None:
        return View(None, None, lane, title, "all dates (no event has a date)", note)
    return View(span[0], span[1], lane, title, "every event, their densest span shaded", note, context=True)


def corpus_places(settings: dict) -> list[Path]:
    """Where the corpus file of the events the settings name is looked for.

    An events file named by `events` (TIMELINE_EVENTS): its own folder only (it may be any corpus).
    Otherwise the input folders (and files' folders), then the uploads folder (`corpus`).
    """
    if settings.get("events"):
        return [Path(settings["events"]).parent]
    return [Path(p) for p in settings.get("inputs") or []] + ([Path(settings["corpus"])] if settings.get("corpus") else [])


def corpus_file_for(settings: dict) -> CorpusFile | None:
    """The corpus file for the settings' events (see `corpus_places`), or None."""
    return find_corpus_file(corpus_places(settings))


def window_frame(events) -> pd.DataFrame:
    """The columns a window is measured on, of an `Events` (held in memory or scanned from Parquet) or a frame."""
    frame = events if isinstance(events, pd.DataFrame) else getattr(events, "frame", None)
    if frame is not None:
        return frame[[c for c in WINDOW_COLUMNS if c in frame.columns]]
    import pyarrow.dataset as ds

    dataset = ds.dataset(str(events.path), format="parquet")
    cols = [c for c in WINDOW_COLUMNS if c in dataset.schema.names]
    return arrow_to_frame(dataset.to_table(columns=cols), tuple(cols))


def padded(start: str, end: str, before: int = 2, after: int = 3) -> list[str]:
    """An axis range around a window, a few days wider so markers at its edges are not cut."""
    return [(date.fromisoformat(start[:10]) - timedelta(days=before)).isoformat(),
            (date.fromisoformat(end[:10]) + timedelta(days=after)).isoformat()]


def check_exportable(frame: pd.DataFrame, state: FilterState, source: str, whole: pd.DataFrame | None = None) -> None:
    """Raise NothingToExport, with the reason and the fix, when the filtered events are none."""
    if frame is not None and len(frame):
        return
    if whole is not None and not len(whole):
        raise NothingToExport(f"{source}: the events file holds no events; build it from articles first "
                              "(python -m pipeline build FOLDER --out FILE)")
    extent = ""
    if whole is not None and "date_start" in whole.columns and whole["date_start"].notna().any():
        extent = f" (its events run from {whole['date_start'].dropna().min()} to {whole['date_end'].dropna().max()})"
    dates = "all dates" if state.context else f"{state.start or '…'} to {state.end or '…'}"
    raise NothingToExport(f"{source}: no events match the filters ({dates}{extent}); widen --start/--end, use "
                          "--all-dates, or loosen --country/--actor/--event-type/--source/--section/--search")


__all__ = ["View", "NothingToExport", "densest_span", "span_of_documents", "default_view", "corpus_places",
           "corpus_file_for", "window_frame", "padded", "check_exportable", "PRECISE_GRANULARITIES", "GAP_DAYS",
           "MAX_DAYS"]
