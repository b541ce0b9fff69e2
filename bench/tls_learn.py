"""A learned day ranker for bench/tls.py (`--learned`, `--fit PATH`): logistic regression over per-day features, as
DATEWISE (Gholipour Ghalandari & Ifrim 2020) ranks dates with a supervised classifier. Measured and NOT kept
(docs/salience.md, "A learned day ranker"): left one topic out it stays below the hand-weighted day salience.

Per candidate day (a day stated by a day-precise mention outside reader comments, or a stated publication day:
the days `day_salience` ranks) `day_features` counts, log-scaled: the articles mentioning it, of them those
looking back / on the day / ahead, the articles published that day, the outlets, the articles mentioning it in
their first LEAD_CHARS characters (headline, first sentences), the mentions, the news volume around it
(`burst_days`) and the burst against it, the articles mentioning its month, and the hand-weighted salience itself.
Each feature of a day depends only on the articles mentioning it, those published within `burst_days` of it and
those mentioning its month, so articles of another period change no existing day's features; the features are
standardised by the training days' mean and deviation (stored with the weights), not per corpus, for the same
reason.

Label: the day is in the journalist timeline. Two losses, both L2-regularised logistic regression solved by
Newton's method (numpy only): `point` (each day; positives and negatives of each timeline weigh 1/2 each) and
`pair` (gold day minus non-gold day of the same timeline, RankNet-like; each timeline weighs 1) and `lambda`
(LambdaRank-like: `pair` refitted LAMBDA_ROUNDS times, each pair weighted by whether swapping it moves Date-F1 at
the cut k under the previous scores, the hand salience's at first, + LAMBDA_EPS). The `resid`
ranker starts from the hand salience (its weight fitted alone) and learns a correction pulled towards it by L2;
its strength is chosen inside each fold by leaving each training topic out in turn.
"""
from __future__ import annotations

import datetime as dt
from typing import Iterable

import numpy as np
import pandas as pd

from pipeline.cluster.salience import DAY_GRANULARITIES, NONE, _stated, _volume_around, day_salience, ordinals, rules

LEAD_CHARS = 400  # a mention starting in an article's first 400 characters: its headline or first sentences
FEATURES = ("articles", "look_back", "same_day", "ahead", "published", "outlets", "lead", "sentences", "volume",
            "burst", "month", "salience")
LAMBDAS = (0.01, 0.1, 1.0, 10.0, 100.0)
LAMBDA_ROUNDS, LAMBDA_EPS = 6, 0.05


def day_features(frame: pd.DataFrame) -> pd.DataFrame:
    """One row per candidate day (index: ISO day, sorted), one float column per FEATURES name."""
    if frame.empty:
        return pd.DataFrame(columns=list(FEATURES), dtype=np.float64)
    w = rules()["salience"]
    sal = day_salience(frame).set_index("date")["salience"]
    days = pd.Index(sorted(sal.index), name="date")
    day = frame[frame["granularity"].isin(DAY_GRANULARITIES) & frame["date_start"].notna()
                & (frame["date_start"] == frame["date_end"])]
    if "section" in day.columns:
        day = day[~day["section"].isin(w["day_ignored_sections"])]
    pub = ordinals(day["published"].tolist())
    if "published_inferred" in day.columns:
        pub = np.where(day["published_inferred"].fillna(False).astype(bool).to_numpy(), NONE, pub)
    kind = np.where(pub == NONE, 0, np.sign(pub - ordinals(day["date_start"].tolist())))
    source = day["source"].where(day["source"].notna() & (day["source"] != ""), "doc:" + day["doc_id"].astype(str))
    m = pd.DataFrame({"date": day["date_start"].to_numpy(), "doc": day["doc_id"].to_numpy(), "kind": kind,
                      "source": source.to_numpy(), "lead": day["char_start"].to_numpy() < LEAD_CHARS})
    per_doc = m.groupby(["date", "doc"], sort=False).agg(kind=("kind", "first"), lead=("lead", "max"))
    by_day = per_doc.groupby(level=0)
    out = pd.DataFrame(index=days)
    out["articles"] = by_day.size()
    out["look_back"] = by_day["kind"].apply(lambda k: (k > 0).sum())
    out["same_day"] = by_day["kind"].apply(lambda k: (k == 0).sum())
    out["ahead"] = by_day["kind"].apply(lambda k: (k < 0).sum())
    docs = _stated(frame.drop_duplicates("doc_id"))
    out["published"] = docs["published"].astype(str).str[:10].value_counts()
    out["outlets"] = m.groupby("date")["source"].nunique()
    out["lead"] = by_day["lead"].sum()
    out["sentences"] = m.groupby("date").size()
    out = np.log1p(out.reindex(days).fillna(0.0).astype(np.float64))
    out["volume"] = np.log1p(_volume_around(frame, days, w["burst_days"]))
    out["burst"] = out["articles"] - out["volume"]
    months = frame[(frame["granularity"] == "month") & frame["date_start"].notna()]
    per_month = months.drop_duplicates(["doc_id", "date_start"])["date_start"].astype(str).str[:7].value_counts()
    out["month"] = np.log1p(pd.Series(days.str[:7], index=days).map(per_month).fillna(0.0).to_numpy(np.float64))
    out["salience"] = np.log1p(sal.reindex(days).to_numpy(np.float64))
    return out[list(FEATURES)]


# A window: (topic, features of its candidate days inside the timeline's first..last date, the gold days).
Window = tuple[str, pd.DataFrame, set]


def newton(X: np.ndarray, y: np.ndarray, sw: np.ndarray, lam: float, w0: np.ndarray, iters: int = 50) -> np.ndarray:
    """argmin over w of sum sw * logloss(y, X w) + lam/2 |w - w0|^2 (Newton's method)."""
    w = w0.astype(np.float64).copy()
    for _ in range(iters):
        p = 1.0 / (1.0 + np.exp(-np.clip(X @ w, -30, 30)))
        g = X.T @ (sw * (p - y)) + lam * (w - w0)
        h = (X * (sw * p * (1 - p))[:, None]).T @ X + lam * np.eye(len(w))
        step = np.linalg.solve(h, g)
        w -= step
        if np.abs(step).max() < 1e-9:
            break
    return w


def _examples(train: Iterable[Window], mean, sd, loss: str, previous: np.ndarray | None = None):
    """Design matrix, labels and weights: days (`point`, with an intercept column) or gold-minus-other pairs
    (`lambda`: weighted by whether they straddle the cut k under the `previous` weights, None: the salience)."""
    xs, ys, ws = [], [], []
    for _, feats, days in train:
        x = (feats[list(FEATURES)].to_numpy(np.float64) - mean) / sd
        gold = feats.index.isin(list(days))
        if loss == "point":
            xs.append(np.hstack([x, np.ones((len(x), 1))]))
            ys.append(gold.astype(np.float64))
            ws.append(np.where(gold, 0.5 / max(gold.sum(), 1), 0.5 / max((~gold).sum(), 1)))
            continue
        diff = (x[gold][:, None, :] - x[~gold][None, :, :]).reshape(-1, x.shape[1])
        if not len(diff):  # a timeline whose every candidate is gold has no pair
            continue
        weight = np.ones(len(diff))
        if loss == "lambda":
            score = feats["salience"].to_numpy() if previous is None else x @ previous
            top = np.zeros(len(feats), dtype=bool)
            top[[feats.index.get_loc(d) for d in ranked(feats, score)[:len(days)]]] = True
            weight = (top[gold][:, None] != top[~gold][None, :]).reshape(-1) + LAMBDA_EPS
        weight = 0.5 * weight / weight.sum()
        xs.append(np.vstack([diff, -diff]))
        ys.append(np.r_[np.ones(len(diff)), np.zeros(len(diff))])
        ws.append(np.r_[weight, weight])
    return np.vstack(xs), np.concatenate(ys), np.concatenate(ws)


def fit(train: list[Window], loss: str = "pair", lam: float = 1.0, resid: bool = False) -> dict:
    """The fitted ranker: {features, mean, sd, weights} (a day's score: ((x - mean) / sd) . weights). `resid`:
    the L2 pull is towards the hand salience alone (its weight fitted first), not towards 0."""
    every = np.vstack([f[list(FEATURES)].to_numpy(np.float64) for _, f, _ in train])
    mean, sd = every.mean(0), every.std(0)
    sd[sd == 0] = 1.0
    x, y, sw = _examples(train, mean, sd, loss)
    w0 = np.zeros(x.shape[1])
    if resid:
        s = [FEATURES.index("salience")] + ([x.shape[1] - 1] if loss == "point" else [])
        w0[s] = newton(x[:, s], y, sw, 1e-6, np.zeros(len(s)))
    w = newton(x, y, sw, lam, w0)
    for _ in range(LAMBDA_ROUNDS - 1 if loss == "lambda" else 0):
        x, y, sw = _examples(train, mean, sd, loss, w)
        w = newton(x, y, sw, lam, w0)
    return {"features": list(FEATURES), "mean": mean.tolist(), "sd": sd.tolist(),
            "weights": w[:len(FEATURES)].tolist()}


def scores(model: dict, feats: pd.DataFrame) -> np.ndarray:
    x = (feats[model["features"]].to_numpy(np.float64) - np.asarray(model["mean"])) / np.asarray(model["sd"])
    return x @ np.asarray(model["weights"])


def ranked(feats: pd.DataFrame, score: np.ndarray) -> list[str]:
    """Days by score, ties: the earlier day first (as day_salience)."""
    order = sorted(range(len(feats)), key=lambda i: (-score[i], feats.index[i]))
    return [feats.index[i] for i in order]


def date_f1(feats: pd.DataFrame, days: set, score: np.ndarray) -> float:
    top = set(ranked(feats, score)[:len(days)])
    hit = len(top & days)
    return 0.0 if not hit else 2 * hit / (len(top) + len(days))


def nested_lambda(train: list[Window], loss: str) -> float:
    """The residual's L2 strength best when each training topic is left out in turn (ties: the stronger)."""
    topics = sorted({t for t, _, _ in train})
    def inner(lam):
        vals = []
        for t in topics:
            model = fit([w for w in train if w[0] != t], loss, lam, resid=True)
            vals += [date_f1(f, d, scores(model, f)) for tt, f, d in train if tt == t]
        return float(np.mean(vals))
    return max(LAMBDAS, key=lambda lam: (inner(lam), lam))


def loto(windows: dict[str, list[Window]]) -> dict[str, list[float]]:
    """Leave one topic out. `windows[topic]`: every timeline's window with the salience feature computed with the
    hand weights that fold chose (bench/tls.py --loto); the fold fits on the other topics' windows and scores its
    own. Returns Date-F1 per timeline (windows' order) for each ranker."""
    out: dict[str, list[float]] = {}
    for topic, fold in windows.items():
        train = [w for w in fold if w[0] != topic]
        test = [w for w in fold if w[0] == topic]
        models = {"hand": None}
        models["lambda lam 1"] = fit(train, "lambda", 1.0)
        for loss in ("point", "pair"):
            models[f"{loss} lam 1"] = fit(train, loss, 1.0)
            lam = nested_lambda(train, loss)
            models[f"{loss} resid"] = fit(train, loss, lam, resid=True)
            print(f"# learned, leave out {topic:16} {loss} resid: nested L2 {lam}", flush=True)
        for name, model in models.items():
            for _, f, d in test:
                score = f["salience"].to_numpy() if model is None else scores(model, f)
                out.setdefault(name, []).append(date_f1(f, d, score))
    return out


def provenance(topics: list[str], n: int, loss: str, lam: float) -> str:
    return (f"fitted {dt.date.today().isoformat()} by `bench/tls.py --fit PATH` ({loss} loss, L2 {lam}, features "
            f"standardised by the training days) on {n} journalist timelines of Timeline17 ({', '.join(topics)}; "
            "../shared/benchmarks/t17). Not used by the pipeline: left one topic out it ranks below the hand "
            "salience (docs/salience.md).")
