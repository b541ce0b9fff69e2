"""Pure helpers that shape the events frame for the dashboard's views and the exports.

One marker per real-world event (cluster), weekly counts, the actor co-occurrence network, map points,
the detail of one event and the sources panel. No Streamlit or plotly here: frames in, frames out.

The tables, panels and pickers live here; the building blocks are in `represent` (lane labels, the
representative mention), `markers` (timeline markers, weekly counts, network, map points) and `markup`
(safe Markdown); their names stay importable from here (issue 16).
"""
from __future__ import annotations

import re

import pandas as pd

from ..frame.arrow import arrow_to_frame  # noqa: F401  (charts reads it from here)
from ..timex.display import date_display, with_date_display
from ..wording import inferred_note
from .markers import (  # noqa: F401  (re-exported)
    MARKER_COLUMNS, WEEKLY_GRANULARITIES, _MARKER_COLUMNS, _aggregate_arrow, _arrow_lanes, _codes, _explode, _grouped,
    _is_arrow, _labels, _weeks, aggregate_markers, cluster_markers, cooccurrence, known_coordinates, map_points,
    n_distinct, n_markers, split_precision, vague_spans, weekly_counts,
)
from .markup import (  # noqa: F401  (re-exported)
    _MARKDOWN_SPECIAL, date_spans, escape_markdown, event_label, link_markdown, link_url, quote_markdown, text_of,
)
from .represent import (  # noqa: F401  (re-exported)
    NONE_LANE, POINT_GRANULARITIES, REP_RANK, _PRECISION, _REP_ORDER, _days_between, _rep_ordered, _source_name,
    cluster_sources, country_label, lane_label, representatives, with_rep_rank,
)

# issue 17: what a viewer of a read-only server (setting read_only, TIMELINE_READ_ONLY=1) sees instead of the forms
READ_ONLY_NOTE = ("Read-only server: uploads, rebuilds, curation and registry edits are off here "
                  "(TIMELINE_READ_ONLY); ask an analyst with write access.")



def sources_table(frame: pd.DataFrame) -> pd.DataFrame:
    """The corpus behind the frame: one row per article with outlet, title, date, link, counts and coverage."""
    cols = ["source", "title", "published", "published_inferred", "url", "events", "mentions", "first_date",
            "last_date", "doc_id"]
    if frame.empty:
        return pd.DataFrame(columns=cols)
    grouped = frame.groupby("doc_id", sort=True).agg(
        source=("source", "first"), title=("title", "first"), published=("published", "first"),
        published_inferred=("published_inferred", "first"), url=("url", "first"),
        events=("cluster_id", "nunique"), mentions=("event_id", "size"),
        first_date=("date_start", "min"), last_date=("date_end", "max"),
    ).reset_index()
    grouped["source"] = grouped["source"].fillna("unknown outlet")
    grouped["url"] = grouped["url"].map(link_url)  # the Link column: http(s) only (issue 17)
    return grouped[cols].sort_values(["source", "published", "doc_id"], na_position="last").reset_index(drop=True)


TABLE_COLUMNS = ["date_display", "date_start", "date_text", "headline", "countries", "actors", "event_type", "source", "title",
                 "published", "url", "quote", "section", "cluster_id"]


def table_page(frame: pd.DataFrame, rows: int, page: int = 1) -> dict:
    """Everything the dashboard shows about a filtered frame besides the charts, computed once per filter state.

    `table`: page `page` (from 1) of `rows` mentions (the frame is in date order) in the table's columns,
    `arrow`: the same as a pyarrow Table;
    `choices`: the events of those rows in date order, `labels`: their picker labels; `clusters`: every event
    shown; `pages`: how many pages; `first`: the number of the page's first row (from 1);
    `n_events`, `n_docs`, `n_mentions`: the counts in the caption.
    """
    pages = max(1, -(-len(frame) // rows))
    page = min(max(1, int(page)), pages)
    table = frame.iloc[(page - 1) * rows: page * rows]
    firsts = representatives(table).sort_values(["date_start", "cluster_id"], na_position="last")
    shown = firsts["date_display"] if "date_display" in firsts.columns else firsts["date_start"]
    labels = {cid: event_label({"date_start": d, "date_display": s, "headline": h, "quote": q}) for cid, d, s, h, q in
              zip(firsts["cluster_id"], firsts["date_start"], shown, firsts["headline"], firsts["quote"])}
    clusters = frozenset(frame["cluster_id"])
    table = table[[c for c in TABLE_COLUMNS if c in table.columns]].reset_index(drop=True)
    if "url" in table.columns:
        table["url"] = table["url"].map(link_url)  # the Link column: http(s) only (issue 17)
    import pyarrow as pa

    # The rows as Arrow too (what st.dataframe sends; converted once per page instead of on every rerun).
    return {"table": table, "arrow": pa.Table.from_pandas(table), "choices": list(labels), "labels": labels,
            "clusters": clusters, "pages": pages, "page": page, "first": (page - 1) * rows + 1,
            "n_events": len(clusters), "n_docs": int(frame["doc_id"].nunique()), "n_mentions": len(frame)}


def curation_options(frame: pd.DataFrame, limit: int | None = None) -> dict:
    """The curation panel's pickers for the events of `frame` (its first `limit` rows when given).

    `labels`: event_id -> "date · headline · outlet"; `clusters`: every cluster, sorted; `heads`: cluster ->
    its first two headlines (for the "same real-world event as" picker).
    """
    part = with_date_display(frame if limit is None else frame.head(limit))
    dates = part["date_display"]
    labels = {e: f"{d or '?'} · {h[:80]} · {s or doc}" for e, d, h, s, doc in
              zip(part["event_id"], dates, part["headline"], part["source"], part["doc_id"])}
    heads: dict[str, list[str]] = {}
    for cid, head in zip(part["cluster_id"], part["headline"]):
        seen = heads.setdefault(cid, [])
        if len(seen) < 2:
            seen.append(head)
    return {"labels": labels, "clusters": sorted(heads), "heads": {c: " / ".join(h) for c, h in heads.items()}}


def published_display(value) -> str:
    """A publication date as the table shows dates: "29 Dec 2020", "Nov 2020", "2020"; "date unknown"."""
    text = text_of(value)[:10]
    granularity = {10: "day", 7: "month", 4: "year"}.get(len(text))
    if not granularity or not re.fullmatch(r"\d{4}(-\d{2}){0,2}", text):
        return text or "date unknown"
    start = text + {"day": "", "month": "-01", "year": "-01-01"}[granularity]
    shown = date_display(text, granularity, start=start)
    return shown if shown and shown != date_display(None, None) else text  # not a real day: as written


def detail_markdown(detail: pd.DataFrame) -> dict:
    """The detail panel of one event (its mentions, as `Events.detail` gives them), as safe Markdown:
    `title`, `caption` and, per source, its `line` (outlet, linked title, publication) and its `quote`."""
    first = detail.iloc[0]
    span = text_of(first.get("date_display"))  # the date at its real precision (issue 19)
    if not span:
        span = text_of(first["date_start"], "undated")
        if text_of(first["date_end"]) and first["date_end"] != first["date_start"]:
            span += f" – {first['date_end']}"
    sources = []
    for m in detail.to_dict("records"):
        outlet = escape_markdown(text_of(m["source"], "unknown outlet"))
        title = link_markdown(escape_markdown(text_of(m["title"], m["doc_id"])), m["url"])
        note = inferred_note(m["published_inferred"], m.get("published_basis"))  # "inferred from the dateline"
        flag = f" ({note})" if note else ""
        sources.append({"line": f"**{outlet}** — {title} · published "
                                f"{escape_markdown(published_display(m['published']))}{flag} · "
                                f"{escape_markdown(m['section'])}",
                        "quote": "> " + quote_markdown(" ".join(m["quote"].split()), m["date_text"])})
    return {"title": escape_markdown(text_of(first["headline"], "Event")),
            "caption": escape_markdown(f"{detail['doc_id'].nunique()} source(s) · {span} · {first['event_type']}"),
            "sources": sources}


def cluster_of_row(table: pd.DataFrame, position: int) -> str:
    """The cluster of the table's row at `position` (what a click on a table row selects)."""
    return table.iloc[position]["cluster_id"]


def curation_row(frame: pd.DataFrame, event_id: str) -> dict:
    """What the curation panel shows of one event: its fields, `verified` as a bool (it is text when the
    events came from a CSV) and a one-line `status`."""
    row = frame.loc[frame["event_id"] == event_id].iloc[0]
    verified = str(row.get("verified", False)).strip().lower() in ("true", "1")
    status = f"{'Verified' if verified else 'Not verified'} · {row['doc_id']} · cluster {row['cluster_id']}"
    return {**row.to_dict(), "verified": verified, "status": status}


def curation_start(frame: pd.DataFrame, cluster_id: str | None, choices) -> str | None:
    """The event the curation panel opens on: the first of `choices` (event ids) in the cluster being read
    on the timeline page (issue 20), or None when there is none."""
    if not cluster_id or frame is None or "cluster_id" not in frame.columns:
        return None
    allowed = set(choices)
    return next((e for e in frame["event_id"][frame["cluster_id"] == cluster_id] if e in allowed), None)


def cluster_detail(frame: pd.DataFrame, cluster_id: str) -> pd.DataFrame:
    """Every mention of one event (cluster): its representative first (the mention the picker, the table's labels
    and the exports name it by, `representatives`), then the others, earliest publication first."""
    part = frame[frame["cluster_id"] == cluster_id]
    if part.empty:
        return part.reset_index(drop=True)
    rep = _rep_ordered(part.drop(columns=[REP_RANK], errors="ignore")).index[0]
    rest = part.drop(index=rep).sort_values(["published", "doc_id", "char_start"], na_position="last")
    return pd.concat([part.loc[[rep]], rest]).reset_index(drop=True)



__all__ = ["POINT_GRANULARITIES", "country_label", "lane_label", "representatives", "with_rep_rank", "REP_RANK", "cluster_sources",
           "cluster_markers", "aggregate_markers", "weekly_counts", "cooccurrence", "map_points",
           "sources_table", "table_page", "TABLE_COLUMNS", "curation_options", "curation_start", "cluster_detail", "escape_markdown", "date_spans", "quote_markdown", "event_label", "text_of"]
