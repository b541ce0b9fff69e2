"""How much a cluster matters (`salience`), and how much a day does (`day_salience`), from who reported it when.

Timeline summarisation finds the dates journalists keep by counting the articles that report an event on a day,
and counts most those published later that look back at it (Tran et al. 2013, "date selection"; DATEWISE,
Gholipour Ghalandari & Ifrim 2020). Here:

- each article counts once per cluster, with the weight of its most telling mention there (`time_weights`):
  `look_back` when the article was published after the event's interval, `same_day` inside it, `ahead` before it;
- a cluster reported by at least `independent_sources` outlets counts each article (1 + `corroborated`) times.

A cluster's salience is the sum over its articles; a day's (`day_salience`) the sum over the articles with a
day-precise mention on that day (looking back weighs `day_look_back` there) (not in a reader comment), and those published that day without one
(`publication_day`), discounted by
the news volume around the day (`burst_days`, `burst_power`), with no corroboration boost (so that the day
ranking depends on the dated mentions and publication dates only, not on how they cluster). Weights are data: `data/cluster/rules.yaml`
(`salience`); how they were chosen: docs/salience.md. Cluster salience is numpy over per-mention arrays, so the
streamed build computes it from clustering's arrays as the in-memory one does.
"""
from __future__ import annotations

from datetime import date
from functools import lru_cache

import numpy as np
import pandas as pd

from ..config import DATA_DIR, load_yaml

__all__ = ["RULES", "rules", "time_weights", "cluster_salience", "salience_of_frame", "day_salience", "ordinals"]

RULES = DATA_DIR / "cluster" / "rules.yaml"
NONE = -1  # an ordinal for "no date"


@lru_cache(maxsize=1)
def rules() -> dict:
    """The linkage thresholds and salience weights (`data/cluster/rules.yaml`), read once."""
    return load_yaml(RULES.read_text(encoding="utf-8"))


def ordinals(values) -> np.ndarray:
    """ISO dates (or None) as day ordinals, NONE where there is no date (int64)."""
    out = np.full(len(values), NONE, dtype=np.int64)
    seen: dict = {}
    for k, v in enumerate(values):
        if v is None or (isinstance(v, float) and v != v):
            continue
        if v not in seen:
            try:
                seen[v] = date.fromisoformat(str(v)[:10]).toordinal()
            except ValueError:
                seen[v] = NONE
        out[k] = seen[v]
    return out


def time_weights(published: np.ndarray, start: np.ndarray, end: np.ndarray, look_back: str = "look_back") -> np.ndarray:
    """The weight of each mention by when its article was published against the interval it reports (ordinals,
    NONE where unknown): the `look_back` weight (the rules key: `look_back` for clusters, `day_look_back` for
    days) after the interval, `ahead` before it, `same_day` otherwise."""
    w = rules()["salience"]
    known = published != NONE
    after = known & (end != NONE) & (published > end)
    before = known & (start != NONE) & (published < start)
    return np.where(after, w[look_back], np.where(before, w["ahead"], w["same_day"])).astype(np.float64)


def _codes(values) -> np.ndarray:
    return pd.factorize(pd.Series(values, dtype=object), use_na_sentinel=True)[0].astype(np.int64)


def cluster_salience(cluster: np.ndarray, doc: np.ndarray, source: np.ndarray, weight: np.ndarray,
                     n_clusters: int) -> np.ndarray:
    """The salience of each of `n_clusters` clusters from its mentions: `cluster`, `doc` and `source` as integer
    codes per mention (source < 0: unknown, the article is its own outlet), `weight` from `time_weights`."""
    if not len(cluster):
        return np.zeros(n_clusters)
    w = rules()["salience"]
    n_docs = int(doc.max()) + 1
    # one weight per (cluster, article): the largest of its mentions there
    key = cluster.astype(np.int64) * n_docs + doc
    order = np.lexsort((-weight, key))
    first = np.r_[True, key[order][1:] != key[order][:-1]]
    kept = order[first]
    per_cluster = np.bincount(cluster[kept], weights=weight[kept], minlength=n_clusters)
    outlet = np.where(source >= 0, source, int(source.max(initial=0)) + 1 + doc)  # unknown: its own outlet
    pair = np.unique(cluster.astype(np.int64) * (int(outlet.max()) + 1) + outlet)
    outlets = np.bincount(pair // (int(outlet.max()) + 1), minlength=n_clusters)
    boost = np.where(outlets >= w["independent_sources"], 1.0 + w["corroborated"], 1.0)
    return np.round(per_cluster * boost, 6)


def salience_of_frame(frame: pd.DataFrame) -> np.ndarray:
    """The salience of each row's cluster (rows of one cluster share it), from an events frame with cluster_id."""
    if frame.empty:
        return np.zeros(0)
    cluster, names = pd.factorize(frame["cluster_id"])
    weight = time_weights(ordinals(frame["published"].tolist()), ordinals(frame["date_start"].tolist()),
                          ordinals(frame["date_end"].tolist()))
    per_cluster = cluster_salience(cluster.astype(np.int64), _codes(frame["doc_id"].tolist()),
                                   _codes(frame["source"].tolist()), weight, len(names))
    return per_cluster[cluster]


DAY_GRANULARITIES = ("day", "time")


def day_salience(frame: pd.DataFrame) -> pd.DataFrame:
    """The days the events report, most salient first: `date`, `salience`, `articles`, `clusters`. Ties: the
    earlier day first.

    A day's salience sums, over the articles that report it, each article's weight there (once per article and
    day): the largest of its day-precise mentions of that day outside the `day_ignored_sections` (reader
    comments) (`time_weights`, with `day_look_back`; no corroboration boost: it hangs on how the day's mentions cluster, and measured
    it lowers the ranking, docs/salience.md), or, for
    an article published that day with no such mention, `publication_day` (its undated sentences report that
    day's news; the publication date must be stated, not inferred). The sum is then divided by
    (1 + the articles published per day within `burst_days` of it)^`burst_power`: a day reported more than the
    days around it stands out (burstiness, as in Chieu & Lee 2004), and the small power keeps this a correction
    among comparable days, never a reversal of a large count. `articles` counts both kinds of article, `clusters`
    the clusters of the day-precise mentions."""
    cols = ["date", "salience", "articles", "clusters"]
    if frame.empty:
        return pd.DataFrame(columns=cols)
    w = rules()["salience"]
    day = frame[frame["granularity"].isin(DAY_GRANULARITIES) & frame["date_start"].notna()
                & (frame["date_start"] == frame["date_end"])]
    if "section" in day.columns:  # reader comments date readers' posts, not the news
        day = day[~day["section"].isin(w["day_ignored_sections"])]
    weight = time_weights(ordinals(day["published"].tolist()), ordinals(day["date_start"].tolist()),
                          ordinals(day["date_end"].tolist()), "day_look_back")
    per_article = day.assign(_w=weight).groupby(["date_start", "doc_id"], sort=False)["_w"].max()
    per_article = pd.concat([per_article, _publication_days(frame, per_article.index, w["publication_day"])])
    if per_article.empty:
        return pd.DataFrame(columns=cols)
    per = per_article.groupby(level=0).agg(["sum", "size"])
    per["sum"] = per["sum"] / (1.0 + _volume_around(frame, per.index, w["burst_days"])) ** w["burst_power"]
    clusters = day.groupby("date_start")["cluster_id"].nunique()
    out = pd.DataFrame({"date": per.index, "salience": per["sum"].round(6).to_numpy(),
                        "articles": per["size"].to_numpy(),
                        "clusters": clusters.reindex(per.index).fillna(0).astype(int).to_numpy()})
    return out.sort_values(["salience", "date"], ascending=[False, True], kind="stable").reset_index(drop=True)


def _volume_around(frame: pd.DataFrame, days: pd.Index, radius: int) -> np.ndarray:
    """For each ISO day of `days`: the mean number of articles (stated publication dates) published per day
    within `radius` days of it."""
    docs = _stated(frame.drop_duplicates("doc_id"))
    published = ordinals(docs["published"].astype(str).str[:10].tolist())
    published = np.sort(published[published != NONE])
    wanted = ordinals([str(d) for d in days])
    inside = (np.searchsorted(published, wanted + radius, side="right")
              - np.searchsorted(published, wanted - radius, side="left"))
    return np.where(wanted != NONE, inside / (2 * radius + 1), 0.0)


def _stated(docs: pd.DataFrame) -> pd.DataFrame:
    """The articles (one row each) with a stated publication day: not inferred, at least day precision."""
    stated = docs["published"].notna() & (docs["published"].astype(str).str.len() >= 10)
    if "published_inferred" in docs.columns:
        stated &= ~docs["published_inferred"].fillna(False).astype(bool)
    return docs[stated]


def _publication_days(frame: pd.DataFrame, mentioned: pd.Index, weight: float) -> pd.Series:
    """`weight` per (publication day, article) for the articles with a stated publication date and no
    day-precise mention of that day (`mentioned`: the (day, article) pairs that have one)."""
    docs = _stated(frame.drop_duplicates("doc_id"))
    pairs = pd.MultiIndex.from_arrays([docs["published"].astype(str).str[:10], docs["doc_id"]],
                                      names=["date_start", "doc_id"])
    pairs = pairs.difference(mentioned) if len(mentioned) else pairs
    return pd.Series(float(weight), index=pairs, dtype=np.float64)
