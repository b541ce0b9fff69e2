"""Re-applying the curations: `apply_curations(frame, db)` replays the active rows of the log, in order, on a
freshly built frame; a pure function of the frame and the log, so the same curations come back after every
rebuild. An event whose id changed is found again by its anchor (article, sentence, date words).
Split from curation.py (issue 16), which re-exports these names.
"""
from __future__ import annotations

import pandas as pd

from ..timex.display import with_date_display
from ..schema import LIST_COLUMNS, normalise_frame
from .curation_log import FUZZY_QUOTE_SCORE, curations_or_problem


def _norm(text) -> str:
    return " ".join(str(text or "").split()).casefold()


class _Locator:
    """Finds an event in a rebuilt frame: by id, else by its anchor (article, sentence, date words)."""

    def __init__(self, frame: pd.DataFrame):
        self.frame = frame
        self.index = {e: i for i, e in enumerate(frame["event_id"])}
        self.by_anchor: dict[tuple, int] = {}
        self.by_quote: dict[tuple, int] = {}
        for i, (d, q, t) in enumerate(zip(frame["doc_id"], frame["quote"], frame["date_text"])):
            self.by_anchor.setdefault((d, _norm(q), _norm(t)), i)
            self.by_quote.setdefault((_norm(q), _norm(t)), i)

    def find(self, event_id: str | None, anchor: dict | None) -> int | None:
        if event_id in self.index:
            return self.index[event_id]
        if not anchor:
            return None
        quote, when = _norm(anchor.get("quote")), _norm(anchor.get("date_text"))
        hit = self.by_anchor.get((anchor.get("doc_id"), quote, when))
        if hit is None:
            hit = self.by_quote.get((quote, when))  # the article was renamed, or kept as another copy
        if hit is None and quote:
            from rapidfuzz import fuzz

            best, best_score = None, FUZZY_QUOTE_SCORE
            for i, (d, q, t) in enumerate(zip(self.frame["doc_id"], self.frame["quote"], self.frame["date_text"])):
                if d != anchor.get("doc_id") or _norm(t) != when:
                    continue
                score = fuzz.ratio(quote, _norm(q))
                if score >= best_score:
                    best, best_score = i, score
            hit = best
        return hit


DATE_KEYS = {"date_value", "date_start", "date_end", "granularity"}


def apply_curations(frame: pd.DataFrame, db, include_hidden: bool = False) -> pd.DataFrame:
    """Replay the active curations on a built events frame; returns a new frame.

    Adds a `verified` column after the contract columns (and `hidden` when `include_hidden`; hidden events
    are dropped otherwise). Curations whose event is gone are listed in `frame.attrs["curation_orphans"]`;
    an unreadable database is named in `frame.attrs["curation_problem"]` and nothing is applied.
    Applying twice gives the same frame.
    """
    frame = normalise_frame(frame)
    verified = frame["verified"].map(lambda v: str(v).strip().lower() in ("true", "1")) if "verified" in frame else None
    frame["verified"] = (verified if verified is not None else pd.Series(False, index=frame.index)).astype(bool)
    frame["hidden"] = False
    orphans: list[dict] = []
    curations, problem = curations_or_problem(db)
    loc = None
    for cur in curations:
        action, payload = cur["action"], cur["payload"] or {}
        if action == "add":
            row = {**payload, "verified": True, "hidden": False}
            frame = frame.loc[frame["event_id"] != row["event_id"]]
            frame = pd.concat([frame, pd.DataFrame([row])], ignore_index=True)
            frame = normalise_frame(frame)
            loc = None  # rows changed: index again
            continue
        loc = loc or _Locator(frame)
        if action in ("verify", "hide", "correct"):
            i = loc.find(cur["target"], cur["anchor"])
            if i is None:
                orphans.append({"id": cur["id"], "action": action, "target": cur["target"], "anchor": cur["anchor"]})
                continue
            idx = frame.index[i]
            if action == "verify":
                frame.at[idx, "verified"] = True
            elif action == "hide":
                frame.at[idx, "hidden"] = True
            else:
                for key, value in payload.items():
                    frame.at[idx, key] = list(value) if key in LIST_COLUMNS else value
                if DATE_KEYS & set(payload):  # a corrected date is written again at its precision
                    frame.at[idx, "date_display"] = ""
        elif action == "merge":
            rows = {loc.find(m.get("event_id"), m) for m in payload.get("members", [])} - {None}
            mask = frame["cluster_id"].isin(payload.get("clusters", []))
            mask.iloc[sorted(rows)] = True
            frame.loc[mask, "cluster_id"] = payload["into"]
        elif action == "split":
            for m in payload.get("members", []):
                i = loc.find(m.get("event_id"), m)
                if i is None:
                    orphans.append({"id": cur["id"], "action": action, "target": m.get("event_id"), "anchor": m})
                    continue
                frame.at[frame.index[i], "cluster_id"] = payload["cluster"]
    frame = with_date_display(frame)  # corrected and added events (issue 19)
    if not include_hidden:
        frame = frame.loc[~frame["hidden"].astype(bool)].drop(columns=["hidden"])
    frame = frame.reset_index(drop=True)
    frame["verified"] = frame["verified"].astype(bool)
    frame.attrs["curation_orphans"] = orphans
    frame.attrs["curation_problem"] = problem
    return frame

