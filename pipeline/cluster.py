"""Cluster event mentions across articles into real-world events (stub: one cluster per date value)."""
from __future__ import annotations

import hashlib

import pandas as pd


def assign_clusters(frame: pd.DataFrame) -> pd.DataFrame:
    frame = frame.copy()
    frame["cluster_id"] = [
        "c" + hashlib.sha1(str(v or e).encode()).hexdigest()[:10] for v, e in zip(frame["date_value"], frame["event_id"])
    ]
    return frame
