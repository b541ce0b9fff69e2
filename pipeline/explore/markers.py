"""The aggregated views: one marker per event on the timeline, weekly bubbles and counts, vague spans, the
actor co-occurrence network and map points. Frames in, frames out; a `query.Scanned` table is grouped in
Arrow without reading the text. Split from views.py (issue 16), which re-exports these names.
"""
from __future__ import annotations

import html
from collections.abc import Mapping

import numpy as np
import pandas as pd

from ..arrays import unique
from ..frame.arrow import arrow_to_frame, encode, string_column
from ..timex.display import with_date_display
from .places import Gazetteer, as_gazetteer, gazetteer
from .represent import NONE_LANE, POINT_GRANULARITIES, REP_RANK, cluster_sources, lane_label, representatives


def _explode(frame: pd.DataFrame, col: str) -> pd.DataFrame:
    """`frame.explode(col)` for a column of lists, in plain Python (pandas' explode is slow on these frames).

    One row per list item, the other columns and the index repeated; an empty list gives one row with None.
    """
    cells = frame[col].tolist()
    flat: list = []
    counts = np.empty(len(cells), dtype=np.int64)
    for i, v in enumerate(cells):
        if isinstance(v, (list, tuple, np.ndarray)) and len(v):
            flat.extend(v)
            counts[i] = len(v)
        else:
            flat.append(None if isinstance(v, (list, tuple, np.ndarray)) else v)
            counts[i] = 1
    out = frame.iloc[np.repeat(np.arange(len(cells)), counts)].copy()
    out[col] = pd.Series(flat, index=out.index, dtype=object)
    return out


# What the timeline's markers need of a mention (not the quote nor the search text: cheaper to select).
MARKER_COLUMNS = _MARKER_COLUMNS = ["cluster_id", "date_start", "date_end", "granularity", "date_display", "event_type", "headline", "date_text",
                   "doc_id", "event_id", "source", "title", "section", "published_inferred", "published", "char_start"]


def cluster_markers(frame: pd.DataFrame, lane: str = "countries", only: tuple[str, ...] = ()) -> pd.DataFrame:
    """One marker per (cluster, lane value): dates, band or point, type, headline, source count and sources.

    A cluster sits in every lane any of its mentions names; events naming none go to the "(none)" lane.
    `only`: when the analyst filtered on some countries (actors), just their lanes are drawn.
    """
    cols = ["cluster_id", "lane", "lane_label", "date_start", "date_end", "granularity", "band", "event_type",
            "headline", "date_text", "n_sources", "n_mentions", "sources", "date_display"]
    keep = [c for c in [*_MARKER_COLUMNS, lane, REP_RANK] if c in frame.columns]
    dated = frame.loc[frame["date_start"].notna().to_numpy(), list(dict.fromkeys(keep))]
    if dated.empty:
        return pd.DataFrame(columns=cols)
    reps = representatives(dated)
    lanes = _explode(dated[["cluster_id", lane]], lane)
    lanes[lane] = lanes[lane].fillna(NONE_LANE)
    lanes = lanes.drop_duplicates().rename(columns={lane: "lane"})
    # A cluster that names a lane in one mention should not also sit in "(none)" because of another.
    named = set(lanes.loc[lanes["lane"] != NONE_LANE, "cluster_id"])
    lanes = lanes[(lanes["lane"] != NONE_LANE) | ~lanes["cluster_id"].isin(named)]
    if only:
        lanes = lanes[lanes["lane"].isin(only)]
    out = lanes.merge(reps, on="cluster_id", how="left")
    out["lane_label"] = _labels(out["lane"], lane)
    out = with_date_display(out)  # (a file written before the column: computed here)
    out["date_end"] = out["date_end"].fillna(out["date_start"])
    out["band"] = ~out["granularity"].isin(POINT_GRANULARITIES) & (out["date_end"] > out["date_start"])
    srcs = cluster_sources(dated[dated["cluster_id"].isin(set(out["cluster_id"]))])
    out["sources"] = out["cluster_id"].map(srcs).fillna("")
    return out[cols].sort_values(["lane_label", "date_start", "cluster_id"], kind="stable").reset_index(drop=True)


def _labels(values: pd.Series, lane: str) -> list[str]:
    """lane_label of each value, computed once per distinct value."""
    values = values.tolist()
    names = {v: lane_label(v, lane) for v in set(values)}
    return [names[v] for v in values]


def _dated_by_lane(frame: pd.DataFrame, columns: list[str], lane: str, only: tuple[str, ...]) -> pd.DataFrame | None:
    """The dated rows' `columns` and `lane`, one row per lane value (events naming none in the "(none)" lane),
    kept to the lanes in `only` when given; None when no row is dated."""
    sub = frame.loc[frame["date_start"].notna().to_numpy(), [*columns, lane]]
    if sub.empty:
        return None
    sub = _explode(sub, lane)
    sub[lane] = sub[lane].fillna(NONE_LANE)
    return sub[sub[lane].isin(only)] if only else sub


def aggregate_markers(frame: pd.DataFrame, lane: str = "countries", freq: str = "W-SUN",
                      only: tuple[str, ...] = ()) -> pd.DataFrame:
    """Too many markers to draw: count clusters per lane and period (week by default), one bubble each."""
    cols = ["lane", "lane_label", "period_start", "period_end", "events", "mentions", "top_type"]
    if _is_arrow(frame):  # a `store.Scanned` table: only the weekly bubbles are aggregated in Arrow
        out = _aggregate_arrow(frame, lane, only) if freq == "W-SUN" else None
        if out is not None:
            return out

        frame = arrow_to_frame(frame, ("cluster_id", "date_start", "event_type", lane))
    sub = _dated_by_lane(frame, ["cluster_id", "date_start", "event_type"], lane, only)
    if sub is None:
        return pd.DataFrame(columns=cols)
    start = pd.to_datetime(sub["date_start"], errors="coerce", format="ISO8601")
    sub = sub.assign(period_start=start.dt.to_period(freq).dt.start_time).dropna(subset=["period_start"])
    keys = [lane, "period_start"]
    out = sub.groupby(keys, sort=True).agg(events=("cluster_id", "nunique"), mentions=("cluster_id", "size"))
    # The most frequent event type per bubble (ties: alphabetical), without a Python call per group.
    types = sub.groupby(keys + ["event_type"]).size().rename("n").reset_index()
    types = types.sort_values(keys + ["n", "event_type"], ascending=[True, True, False, True], kind="stable")
    top = types.drop_duplicates(keys).set_index(keys)["event_type"].rename("top_type")
    out = out.join(top).reset_index().rename(columns={lane: "lane"})
    out["period_end"] = out["period_start"] + pd.Timedelta(days=6)
    out["lane_label"] = _labels(out["lane"], lane)
    return out[cols]


def _is_arrow(frame) -> bool:
    return type(frame).__module__.startswith("pyarrow")




def _codes(table, col: str, code_col: str | None = None):
    """Integer codes of a string column of an Arrow table (0..k-1 over the values present; -1 for null), and k.

    `code_col`: a column of the table that already holds them (store.Scanned adds `_cluster`, `_doc`).
    """

    if code_col and code_col in table.column_names:
        codes = table.column(code_col).to_numpy(zero_copy_only=False)
    else:
        codes, _ = encode(string_column(table, col))
    codes = np.asarray(codes, dtype=np.int64)
    return codes, int(codes.max()) + 1 if len(codes) else 0


def _arrow_lanes(table, lane: str, only: tuple[str, ...] = ()) -> dict | None:
    """The dated rows of an Arrow events table exploded by lane, as integer arrays (one item per row and lane).

    As `_explode` + the `(none)` lane + `only` + the week (Monday) of `date_start` do in pandas: `cluster`,
    `etype` and `lane` codes (with `types`, `lanes`: their values), `week` (days since 1970 of the Monday).
    None when a start date is not a plain ISO date (YYYY-MM-DD...), for the caller to take the pandas path.
    """
    import pyarrow as pa
    import pyarrow.compute as pc


    table = table.select([c for c in ("date_start", lane, "cluster_id", "_cluster", "event_type")
                          if c in table.column_names])  # filter only what is needed
    if string_column(table, "date_start").null_count:
        table = table.filter(pc.is_valid(string_column(table, "date_start")))
    starts = pc.utf8_slice_codeunits(string_column(table, "date_start"), 0, 10)
    parsed = pc.strptime(starts, format="%Y-%m-%d", unit="s", error_is_null=True)
    if parsed.null_count:
        return None
    days = pc.cast(parsed, pa.int64()).to_numpy(zero_copy_only=False) // 86_400
    monday = days - (days + 3) % 7  # 1970-01-01 was a Thursday
    if lane in table.column_names and not pa.types.is_null(table.column(lane).type):
        lists = table.column(lane).combine_chunks()
        lengths = pc.fill_null(pc.list_value_length(lists), 0).to_numpy(zero_copy_only=False)
        parents = pc.list_parent_indices(lists).to_numpy(zero_copy_only=False)
        values = pc.fill_null(pc.cast(pc.list_flatten(lists), pa.string()), NONE_LANE)
    else:
        lengths = np.zeros(table.num_rows, dtype=np.int64)
        parents, values = np.zeros(0, dtype=np.int64), pa.array([], pa.string())
    lane_codes, lanes = encode(values)
    lanes = lanes.to_pylist()
    empty = np.flatnonzero(lengths == 0)
    if len(empty) and NONE_LANE not in lanes:
        lanes.append(NONE_LANE)
    at = np.concatenate([parents, empty]).astype(np.int64)
    lane_codes = np.concatenate([lane_codes, np.full(len(empty), lanes.index(NONE_LANE) if len(empty) else 0)])
    cluster, _ = _codes(table, "cluster_id", "_cluster")
    etype, types = encode(string_column(table, "event_type"))
    types = types.to_pylist()
    out = {"cluster": cluster[at], "etype": etype[at], "lane": lane_codes, "week": monday[at], "lanes": lanes,
           "types": types}
    if only:
        keep = np.isin(out["lane"], [i for i, v in enumerate(lanes) if v in set(only)])
        out.update({k: out[k][keep] for k in ("cluster", "etype", "lane", "week")})
    return out


def _weeks(days) -> pd.Series:
    """Days since 1970 as the timestamps pandas' `to_period("W-SUN").start_time` gives."""
    start = pd.Series(pd.to_datetime(np.asarray(days, dtype="int64"), unit="D"))
    return start.dt.to_period("W-SUN").dt.start_time  # (same dtype; a no-op on Mondays)


def n_markers(frame, lane: str) -> int:
    """An upper bound of the timeline's markers: clusters times their lanes (pandas frame or Arrow table)."""
    if not len(frame):
        return 0
    if _is_arrow(frame):
        import pyarrow as pa
        import pyarrow.compute as pc

        if lane in frame.column_names and not pa.types.is_null(frame.column(lane).type):
            n = pc.fill_null(pc.list_value_length(frame.column(lane)), 0).to_numpy(zero_copy_only=False)
        else:
            n = np.zeros(frame.num_rows, dtype=np.int64)
        cluster, k = _codes(frame, "cluster_id", "_cluster")
        per = np.ones(k + 1, dtype=np.int64)  # the last slot: rows without a cluster (-1)
        np.maximum.at(per, cluster, np.maximum(np.asarray(n, dtype=np.int64), 1))
        return int(per[:k].sum() + (per[k] if (cluster == -1).any() else 0))
    sub = frame[["cluster_id", lane]]
    lanes = sub[lane].map(len).clip(lower=1)
    return int(lanes.groupby(sub["cluster_id"]).max().sum())


def n_distinct(frame, col: str) -> int:
    """Distinct non-null values of a column (pandas `nunique`), of a pandas frame or an Arrow table."""
    if not _is_arrow(frame):
        return int(frame[col].nunique())
    code = {"cluster_id": "_cluster", "doc_id": "_doc"}.get(col)  # (codes of store.Scanned, not always dense)
    codes, _ = _codes(frame, col, code)
    return len(unique(codes[codes >= 0]))


def _grouped(sub: dict) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Per (lane, week) present in `sub`: lane code, week, distinct clusters, mentions, and the keys' order."""
    week0 = int(sub["week"].min())
    n_weeks = int((sub["week"].max() - week0) // 7) + 1
    key = sub["lane"] * n_weeks + (sub["week"] - week0) // 7
    n_clusters = int(sub["cluster"].max()) + 2
    pairs = unique(key * n_clusters + (sub["cluster"] + 1))
    pairs = pairs[pairs % n_clusters != 0]  # no cluster (null): not an event, as nunique has it
    keys, mentions = unique(key, counts=True)
    events = np.bincount(np.searchsorted(keys, pairs // n_clusters), minlength=len(keys))
    return keys, keys // n_weeks, week0 + (keys % n_weeks) * 7, events, mentions


def _aggregate_arrow(table, lane: str, only: tuple[str, ...]) -> pd.DataFrame | None:
    """`aggregate_markers` by week on an Arrow table (integer codes and numpy; no Python object per row)."""
    sub = _arrow_lanes(table, lane, only)
    if sub is None:
        return None
    cols = ["lane", "lane_label", "period_start", "period_end", "events", "mentions", "top_type"]
    if not len(sub["lane"]):
        return pd.DataFrame(columns=cols)
    keys, lane_code, week, events, mentions = _grouped(sub)
    # The most frequent event type per bubble (ties: alphabetical): count (key, type) pairs, best first.
    week0 = int(sub["week"].min())
    n_weeks = int((sub["week"].max() - week0) // 7) + 1
    key = sub["lane"] * n_weeks + (sub["week"] - week0) // 7
    types = sub["types"]
    rank = np.argsort(np.argsort(np.array(types, dtype=object), kind="stable"), kind="stable")  # alphabetical
    n_types = len(types) + 1
    typed = sub["etype"] >= 0  # a mention without a type (null) counts for no type, as in a groupby
    pair, count = unique(key[typed] * n_types + rank[sub["etype"][typed]], counts=True)
    pair_key, pair_rank = pair // n_types, pair % n_types
    order = np.lexsort((pair_rank, -count, pair_key))
    first = order[np.r_[True, pair_key[order][1:] != pair_key[order][:-1]]] if len(order) else order
    by_rank = np.empty(len(types), dtype=object)
    by_rank[rank] = types
    top = np.full(len(keys), np.nan, dtype=object)
    top[np.searchsorted(keys, pair_key[first])] = by_rank[pair_rank[first]]
    lanes = np.array(sub["lanes"], dtype=object)
    out = pd.DataFrame({"lane": lanes[lane_code], "week": week, "events": events.astype("int64"),
                        "mentions": mentions.astype("int64"), "top_type": top})
    out = out.sort_values(["lane", "week"], kind="stable").reset_index(drop=True)
    out["period_start"] = _weeks(out["week"])
    out["period_end"] = out["period_start"] + pd.Timedelta(days=6)
    out["lane_label"] = _labels(out["lane"], lane)
    return out[cols]


def weekly_counts(frame: pd.DataFrame, by: str = "countries", only: tuple[str, ...] = ()) -> pd.DataFrame:
    """Distinct events (clusters) per week (starting Monday) and per country (or actor), for stacked bars."""
    cols = ["week", "lane", "lane_label", "events"]
    if _is_arrow(frame):  # a `store.Scanned` table: grouped in Arrow
        sub = _arrow_lanes(frame, by, only)
        if sub is not None:
            if not len(sub["lane"]):
                return pd.DataFrame(columns=cols)
            _, lane_code, week, events, _ = _grouped(sub)
            out = pd.DataFrame({"week": week, "lane": np.array(sub["lanes"], dtype=object)[lane_code],
                                "events": events.astype("int64")})
            out = out.sort_values(["week", "lane"], kind="stable").reset_index(drop=True)  # as pandas' groupby
            out["week"] = _weeks(out["week"])
            out["lane_label"] = _labels(out["lane"], by)
            return out[cols].sort_values(["week", "lane_label"]).reset_index(drop=True)

        frame = arrow_to_frame(frame, ("cluster_id", "date_start", by))
    sub = _dated_by_lane(frame, ["cluster_id", "date_start"], by, only)
    if sub is None:
        return pd.DataFrame(columns=cols)
    start = pd.to_datetime(sub["date_start"], errors="coerce", format="ISO8601")
    sub = sub.assign(week=start.dt.to_period("W-SUN").dt.start_time).dropna(subset=["week"])
    out = sub.groupby(["week", by]).agg(events=("cluster_id", "nunique")).reset_index().rename(columns={by: "lane"})
    out["lane_label"] = _labels(out["lane"], by)
    return out[cols].sort_values(["week", "lane_label"]).reset_index(drop=True)


# Dated to a week or finer: counted in its week. Coarser (a month, a season, a year): a row of its own.
WEEKLY_GRANULARITIES = ("time", "day", "week")


def split_precision(frame):
    """(events dated to a week or finer, the vaguer ones) of a pandas frame or an Arrow table.

    Without a `granularity` column every event counts as precise (and the second part is None).
    """
    if _is_arrow(frame):
        if "granularity" not in frame.column_names:
            return frame, None
        import pyarrow as pa
        import pyarrow.compute as pc

        fine = pc.fill_null(pc.is_in(string_column(frame, "granularity"),
                                     value_set=pa.array(list(WEEKLY_GRANULARITIES))), False)
        return frame.filter(fine), frame.filter(pc.invert(fine))
    if "granularity" not in frame.columns:
        return frame, None
    fine = frame["granularity"].isin(WEEKLY_GRANULARITIES).to_numpy()
    return frame[fine], frame[~fine]


def vague_spans(frame, limit: int = 200) -> pd.DataFrame:
    """The vague events (coarser than a week) of a frame as spans: one row per distinct interval and precision.

    Columns: granularity, date_start, date_end, date_display, events (distinct clusters).
    At most `limit` spans, the ones with most events first, then in date order.
    """
    cols = ["granularity", "date_start", "date_end", "date_display", "events"]
    if frame is None or not len(frame):
        return pd.DataFrame(columns=cols)
    if _is_arrow(frame):
        frame = arrow_to_frame(frame, tuple(c for c in ("cluster_id", "date_start", "date_end", "granularity",
                                                        "date_display")
                                           if c in frame.column_names))
    # (the stored date_display, else the interval's: not the raw value, which a scanned file's views lack)
    sub = frame.loc[frame["date_start"].notna(), [c for c in frame.columns if c != "date_value"]]
    if sub.empty:
        return pd.DataFrame(columns=cols)
    sub = with_date_display(sub.assign(date_end=sub["date_end"].fillna(sub["date_start"])) if "date_end" in sub
                            else sub.assign(date_end=sub["date_start"]))
    keys = ["granularity", "date_start", "date_end"]
    out = sub.groupby(keys, sort=True).agg(date_display=("date_display", "first"),
                                           events=("cluster_id", "nunique")).reset_index()
    out = out.sort_values(["events", "date_start"], ascending=[False, True], kind="stable").head(limit)
    return out.sort_values(keys, kind="stable").reset_index(drop=True)[cols]


def cooccurrence(frame: pd.DataFrame, top: int = 40) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Actor–actor co-occurrence: nodes (actor, events) and edges (a, b, weight) counted per event cluster.

    Only the `top` actors by number of events are kept so the network stays legible.
    """
    pairs_cols = ["a", "b", "weight"]
    sub = _explode(frame[["cluster_id", "actors"]], "actors").dropna(subset=["actors"]).drop_duplicates()
    if sub.empty:
        return pd.DataFrame({"actor": [], "events": []}), pd.DataFrame(columns=pairs_cols)
    counts = sub.groupby("actors").size()
    nodes = counts.reset_index(name="events").sort_values(["events", "actors"], ascending=[False, True]).head(top)
    kept = sub[sub["actors"].isin(set(nodes["actors"]))]
    pairs = kept.merge(kept, on="cluster_id", suffixes=("_a", "_b"))
    pairs = pairs[pairs["actors_a"] < pairs["actors_b"]]
    edges = pairs.groupby(["actors_a", "actors_b"]).size().reset_index(name="weight")
    edges.columns = pairs_cols
    node_frame = nodes.rename(columns={"actors": "actor"}).reset_index(drop=True)[["actor", "events"]]
    return node_frame, edges.sort_values(["a", "b"]).reset_index(drop=True)


def map_points(frame: pd.DataFrame, coordinates: Mapping[str, tuple[float, float]] | None) -> pd.DataFrame:
    """Locations with known coordinates and the number of events (clusters) at each.

    `coordinates`: a `places.Gazetteer` (registry places over GeoNames' cities and capitals; a name shared by
    several cities is placed in the event's own country when its `countries` column names it), or a plain
    {place name: (lat, lon)} meaning exactly those places; unknown places are left out.
    """
    cols = ["location", "lat", "lon", "events", "headlines"]
    if not coordinates or frame.empty:
        return pd.DataFrame(columns=cols)
    places = as_gazetteer(coordinates)
    has_countries = "countries" in frame.columns
    sub = frame[["cluster_id", "locations", "headline"] + (["countries"] if has_countries else [])]
    sub = sub.explode("locations").dropna(subset=["locations"])
    if sub.empty:
        return pd.DataFrame(columns=cols)
    # each name once; only a name several countries' cities share is looked up with each event's countries
    names = pd.unique(sub["locations"])
    known = {n: places.locate(n) for n in names}
    sub = sub[sub["locations"].isin([n for n, p in known.items() if p is not None])]
    shared = {n for n in names if known[n] is not None and has_countries and places.depends_on_country(n)}
    where = {n: p for n, p in known.items() if p is not None}
    if shared:
        from collections import Counter

        mask = sub["locations"].isin(shared)
        seen: dict = {}  # (name, countries) -> point: each combination looked up once
        votes: dict[str, Counter] = {}
        for k in zip(sub.loc[mask, "locations"], map(tuple, map(_list_of, sub.loc[mask, "countries"]))):
            point = seen[k] if k in seen else seen.setdefault(k, places.locate(k[0], k[1]))
            votes.setdefault(k[0], Counter())[point] += 1
        # one point per place name: where most of its mentions put it (the same name may sit in two countries)
        where.update({n: c.most_common(1)[0][0] for n, c in votes.items()})
    if sub.empty:
        return pd.DataFrame(columns=cols)
    grouped = sub.groupby("locations").agg(
        events=("cluster_id", "nunique"),
        headlines=("headline", lambda s: "<br>".join(html.escape(str(h)[:80]) for h in pd.unique(s)[:3])))
    grouped = grouped.reset_index().rename(columns={"locations": "location"})
    grouped["lat"] = [where[n][0] for n in grouped["location"]]
    grouped["lon"] = [where[n][1] for n in grouped["location"]]
    return grouped[cols]


def _list_of(value) -> list:
    return [] if value is None or isinstance(value, float) else list(value)


def known_coordinates() -> Gazetteer:
    """Where places are: the registry's places with coordinates (hand entries, they win) over GeoNames' cities
    and countries' capitals (`places.gazetteer`)."""

    return gazetteer()

