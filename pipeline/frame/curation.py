"""Curation: an analyst's corrections, kept in an embedded SQLite database and re-applied after every build.

Every curation is one row of an append-only log (`curations`): the action (verify, hide, correct, merge,
split, add), its target (an event_id or cluster_id), who did it and when, the values before and after,
and an anchor (article, sentence, date words) that re-finds the event if its id ever changes. Undo marks
a row undone (who, when); nothing is deleted, so the log is the audit trail. `apply_curations(frame, db)`
replays the active rows in order on a freshly built frame: a pure function of the frame and the log, so
the same curations come back after every rebuild. Writes are SQLite transactions; builds only read.

The log itself (database, audit trail, recovery) is in `curation_log`, the replay in `reapply`; this module
records the actions and undo, and keeps every name importable from here (issue 16).
"""
from __future__ import annotations

import hashlib
import json
import re
from datetime import date, datetime, timezone
from pathlib import Path

import pandas as pd

from ..registry import add_to_registry
from ..schema import COLUMNS, LIST_COLUMNS, Event
from ..stages.events import load_lexicon
from ..timex import value_interval
from .curation_log import (  # noqa: F401  (re-exported)
    ACTIONS, ANCHOR_FIELDS, CORRECTABLE, DB_NAME, FUZZY_QUOTE_SCORE, SCHEMA, CurationError, DamagedCurations,
    _reader, _with_conn, active_curations, check_curations, connect, curations_or_problem, damaged_db,
    default_db_path, history, recover,
)
from .reapply import DATE_KEYS, _Locator, _norm, apply_curations  # noqa: F401  (re-exported)


def require_who(who: str | None) -> str:
    """The analyst's name for the audit trail: required, never the server's login name (issue 20: an empty
    "Your name" recorded "root")."""
    if who and who.strip():
        return who.strip()
    raise CurationError("who is empty: give your name for the audit trail (--who NAME, or 'Your name' in the "
                        "dashboard)")


_who = require_who


def event_types() -> tuple[str, ...]:
    """The event types a curation may set: the PLOVER types of the event lexicon and its fallback (OTHER)."""
    lexicon = load_lexicon()
    return tuple(dict.fromkeys([name for name, _pattern in lexicon.types] + [lexicon.fallback]))


def _now(when: datetime | None) -> str:
    # The audit trail records when a person acted: wall-clock time belongs here, not in the extraction.
    return (when or datetime.now(timezone.utc)).astimezone(timezone.utc).isoformat(timespec="seconds")


def _row_of(frame: pd.DataFrame | None, event_id: str) -> dict | None:
    if frame is None or "event_id" not in frame.columns:
        return None
    hit = frame.loc[frame["event_id"] == event_id]
    return None if hit.empty else _jsonable(hit.iloc[0].to_dict())


def _jsonable(d: dict) -> dict:
    out = {}
    for k, v in d.items():
        if hasattr(v, "tolist"):
            v = v.tolist()
        elif isinstance(v, (datetime, date)):
            v = v.isoformat()
        try:
            if not isinstance(v, (list, tuple)) and pd.isna(v):
                v = None
        except (TypeError, ValueError):
            pass
        out[k] = v
    return out


def record(db, action: str, target: str, who: str | None = None, *, payload: dict | None = None,
           before: dict | None = None, anchor: dict | None = None, note: str | None = None,
           when: datetime | None = None) -> int:
    """Append one curation to the log in a transaction; returns its id."""
    if action not in ACTIONS:
        raise CurationError(f"unknown curation {action!r}; choose one of {', '.join(ACTIONS)}")
    if not target:
        raise CurationError(f"{action}: no event or cluster id given")

    def write(conn):
        with conn:
            cur = conn.execute(
                "INSERT INTO curations(action, target, anchor, payload, before, who, at, note) VALUES (?,?,?,?,?,?,?,?)",
                (action, target, json.dumps(anchor, ensure_ascii=False) if anchor else None,
                 json.dumps(payload or {}, ensure_ascii=False, default=str),
                 json.dumps(before, ensure_ascii=False, default=str) if before is not None else None,
                 _who(who), _now(when), note))
        return int(cur.lastrowid)

    return _with_conn(db, write)


def _event_target(frame, event_id: str, action: str) -> tuple[dict | None, dict | None]:
    row = _row_of(frame, event_id)
    if frame is not None and row is None:
        raise CurationError(f"{action}: no event {event_id!r} in the events frame")
    anchor = {k: row.get(k) for k in ANCHOR_FIELDS} if row else None
    return row, anchor


# --- the actions ------------------------------------------------------------------------------------

def verify(db, event_id: str, who: str | None = None, frame: pd.DataFrame | None = None, **kw) -> int:
    """Mark an event as checked by a person; exports carry `verified = True` for it."""
    row, anchor = _event_target(frame, event_id, "verify")
    was = str((row or {}).get("verified", False)).strip().lower() in ("true", "1")  # bool, or text from a CSV
    return record(db, "verify", event_id, who, anchor=anchor, before={"verified": was}, **kw)


def hide(db, event_id: str, who: str | None = None, frame: pd.DataFrame | None = None, **kw) -> int:
    """Hide a wrong or irrelevant event from the timeline and the exports (undo brings it back)."""
    row, anchor = _event_target(frame, event_id, "hide")
    return record(db, "hide", event_id, who, anchor=anchor, before={"hidden": False}, **kw)


def check_changes(changes: dict) -> dict:
    """Validate corrections: known fields only, lists as lists, dates as ISO; fill a date's interval."""
    unknown = sorted(set(changes) - set(CORRECTABLE))
    if unknown:
        raise CurationError(f"cannot correct {', '.join(unknown)}; correctable fields: {', '.join(CORRECTABLE)}")
    out = {}
    for key, value in changes.items():
        if key in LIST_COLUMNS:
            value = [v.strip() for v in (value.split(";") if isinstance(value, str) else value) if str(v).strip()]
        elif value is not None:
            value = str(value).strip()
        if key == "event_type" and value not in event_types():
            raise CurationError(f"event type {value!r} is not a PLOVER type; use one of {', '.join(event_types())}")
        if key in ("date_start", "date_end") and value:
            try:
                date.fromisoformat(value)
            except ValueError:
                raise CurationError(f"{key} {value!r} is not an ISO date (YYYY-MM-DD)") from None
        out[key] = value
    if out.get("date_value") and not (out.get("date_start") and out.get("date_end")):

        start, end, gran = value_interval(out["date_value"])
        if start is None:
            raise CurationError(f"date {out['date_value']!r} has no interval the pipeline knows; "
                                "give date_start and date_end (YYYY-MM-DD) too")
        out.setdefault("date_start", start)
        out.setdefault("date_end", end)
        out.setdefault("granularity", gran)
    if out.get("headline") == "":
        raise CurationError("headline cannot be empty")
    return out


def correct(db, event_id: str, changes: dict, who: str | None = None, frame: pd.DataFrame | None = None, **kw) -> int:
    """Correct an event's date, actors, countries, locations, type or headline."""
    changes = check_changes(changes)
    if not changes:
        raise CurationError("correct: nothing to change")
    row, anchor = _event_target(frame, event_id, "correct")
    before = {k: row.get(k) for k in changes} if row else None
    return record(db, "correct", event_id, who, payload=changes, before=before, anchor=anchor, **kw)


def merge_clusters(db, cluster_ids: list[str], who: str | None = None, frame: pd.DataFrame | None = None,
                   into: str | None = None, **kw) -> int:
    """Put every event of the given clusters into one cluster (`into`, default the first id in sort order)."""
    ids = sorted({c for c in cluster_ids if c})
    if len(ids) < 2:
        raise CurationError("merge: give at least two cluster ids")
    into = into or ids[0]
    members = []
    if frame is not None:
        missing = [c for c in ids if c not in set(frame["cluster_id"])]
        if missing:
            raise CurationError(f"merge: no cluster {', '.join(missing)} in the events frame")
        members = [_row_of(frame, e) for e in frame.loc[frame["cluster_id"].isin(ids), "event_id"]]
    payload = {"clusters": ids, "into": into,
               "members": [{"event_id": m["event_id"], **{k: m.get(k) for k in ANCHOR_FIELDS}} for m in members]}
    return record(db, "merge", into, who, payload=payload, before={"clusters": ids}, **kw)


def split_events(db, event_ids: list[str], who: str | None = None, frame: pd.DataFrame | None = None, **kw) -> int:
    """Take events out of their cluster into a new cluster of their own."""
    ids = sorted({e for e in event_ids if e})
    if not ids:
        raise CurationError("split: give at least one event id")
    members = []
    for e in ids:
        row, anchor = _event_target(frame, e, "split")
        members.append({"event_id": e, "cluster_id": row.get("cluster_id") if row else None, **(anchor or {})})
    new = "c-split-" + hashlib.sha1("\x1f".join(ids).encode()).hexdigest()[:10]
    before = {"clusters": sorted({m["cluster_id"] for m in members if m.get("cluster_id")})}
    return record(db, "split", new, who, payload={"members": members, "cluster": new}, before=before, **kw)


def add_event(db, fields: dict, who: str | None = None, when: datetime | None = None, **kw) -> tuple[int, str]:
    """Add an event the machine missed, by hand, with its source (outlet or url) and date; returns (id, event_id)."""
    fields = dict(fields)
    if not (fields.get("source") or fields.get("url")):
        raise CurationError("add: give the event's source (outlet) or url")
    if not (fields.get("headline") or fields.get("quote")):
        raise CurationError("add: give a headline or the quote it comes from")
    if not fields.get("date_value") and not fields.get("date_start"):
        raise CurationError("add: give the event's date (date_value, e.g. 2020-11-10)")
    unknown = sorted(set(fields) - set(COLUMNS))
    if unknown:
        raise CurationError(f"add: unknown field(s) {', '.join(unknown)}; fields: {', '.join(COLUMNS)}")
    dated = check_changes({k: fields[k] for k in CORRECTABLE if k in fields})
    fields.update(dated)
    at = _now(when)
    event_id = fields.get("event_id") or "manual-" + hashlib.sha1(
        json.dumps(fields, sort_keys=True, default=str).encode() + at.encode()).hexdigest()[:12]
    fields["event_id"] = event_id
    fields.setdefault("doc_id", "manual")
    fields.setdefault("headline", " ".join(str(fields.get("quote", "")).split())[:90])
    fields.setdefault("date_text", fields.get("date_value") or fields.get("date_start"))
    fields.setdefault("cluster_id", "c-" + event_id)
    record_ = Event(**fields).to_dict()
    cid = record(db, "add", event_id, who, payload=record_, when=when, **kw)
    return cid, event_id


def undo(db, who: str | None = None, curation_id: int | None = None, when: datetime | None = None,
         anyone: bool = False) -> dict:
    """Undo one curation: by default the latest active one `who` made (another analyst's work is undone only
    when asked: `curation_id`, or `anyone=True` for the latest of anyone). It stays in the log, marked undone.

    One SQLite transaction taken for writing before anything is read (BEGIN IMMEDIATE): simultaneous undos
    undo different curations, or say there is nothing left to undo; `undone_by` is never overwritten.
    Returns the curation undone (as it was before).
    """
    me, at = _who(who), _now(when)

    def pick(conn):
        if curation_id is not None:
            row = conn.execute("SELECT * FROM curations WHERE id = ?", (curation_id,)).fetchone()
            if row is None:
                raise CurationError(f"no curation #{curation_id}")
            if row["undone_at"]:
                raise CurationError(f"curation #{curation_id} was already undone by {row['undone_by']} at {row['undone_at']}")
            return row
        mine = "" if anyone else " AND who = ?"
        row = conn.execute(f"SELECT * FROM curations WHERE undone_at IS NULL{mine} ORDER BY id DESC LIMIT 1",
                           () if anyone else (me,)).fetchone()
        if row is None:
            others = 0 if anyone else conn.execute(
                "SELECT COUNT(*) FROM curations WHERE undone_at IS NULL AND who != ?", (me,)).fetchone()[0]
            raise CurationError("nothing left to undo" + ("" if anyone else f" by {me}") + (
                f" ({others} active curation(s) by others: undo one by its id, e.g. `python -m pipeline curate "
                f"undo ID`, or the latest of anyone with --anyone)" if others else ""))
        return row

    def run(conn):
        conn.execute("BEGIN IMMEDIATE")  # the write lock first: no other undo reads the same row meanwhile
        try:
            row = pick(conn)
            done = conn.execute("UPDATE curations SET undone_at = ?, undone_by = ? WHERE id = ? AND undone_at IS NULL",
                                (at, me, row["id"]))
            if done.rowcount != 1:  # cannot happen under the lock; never overwrite who undid it
                raise CurationError(f"curation #{row['id']} was already undone")
            conn.commit()
        except BaseException:
            conn.rollback()
            raise
        return dict(row)

    return _with_conn(db, run)


# --- the actor registry ---------------------------------------------------------------------------



def add_person(path: str | Path | None, name: str, who: str | None = None, *, country: str | None = None,
               role: str | None = None, aliases: list[str] | None = None, since: str | None = None,
               until: str | None = None, when: datetime | None = None) -> dict:
    """Add a person to the user registry the actors stage reads; returns the entry written.

    Written by `registry.add_to_registry` (one file format, one validator); a comment line after the entry
    records who and when.
    """
    import yaml


    name = " ".join((name or "").split())
    if not name:
        raise CurationError("add person: the name is empty")
    country = country.strip().upper() if country and country.strip() else None
    if country and not re.fullmatch(r"[A-Z]{3}", country):
        raise CurationError(f"add person: country {country!r} is not an ISO 3166-1 alpha-3 code (e.g. FRA)")
    for label, value in (("since", since), ("until", until)):
        if value:
            try:
                date.fromisoformat(value)
            except ValueError:
                raise CurationError(f"add person: {label} {value!r} is not an ISO date (YYYY-MM-DD)") from None
    entry = {"kind": "person", "name": name, "country": country,
             "aliases": [a.strip() for a in aliases or [] if a and a.strip()],
             "roles": [{"role": role, "from": since or None, "to": until or None}] if role else []}
    path = Path(path) if path else None
    existing = yaml.safe_load(path.read_text(encoding="utf-8")) if path and path.exists() else None
    if any(isinstance(e, dict) and str(e.get("name", "")).casefold() == name.casefold() for e in existing or []):
        raise CurationError(f"add person: {name!r} is already in {path}")
    stamp = f"# added by {_who(who)} at {_now(when)}\n"
    try:
        target = Path(add_to_registry(entry, path))
    except ValueError as exc:  # the registry's own validator names the bad field
        raise CurationError(f"add person: {exc}") from None
    with open(target, "a", encoding="utf-8") as fh:
        fh.write(stamp)
    return entry
