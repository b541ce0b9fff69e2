"""Curation: an analyst's corrections, kept in an embedded SQLite database and re-applied after every build.

Every curation is one row of an append-only log (`curations`): the action (verify, hide, correct, merge,
split, add), its target (an event_id or cluster_id), who did it and when, the values before and after,
and an anchor (article, sentence, date words) that re-finds the event if its id ever changes. Undo marks
a row undone (who, when); nothing is deleted, so the log is the audit trail. `apply_curations(frame, db)`
replays the active rows in order on a freshly built frame: a pure function of the frame and the log, so
the same curations come back after every rebuild. Writes are SQLite transactions; builds only read.
"""
from __future__ import annotations

import hashlib
import json
import re
import shutil
import sqlite3
import tempfile
from contextlib import closing
from datetime import date, datetime, timezone
from pathlib import Path

import pandas as pd

from ..timex.display import with_date_display
from ..errors import PipelineError
from ..registry import add_to_registry
from ..schema import COLUMNS, LIST_COLUMNS, Event, normalise_frame
from ..stages.events import load_lexicon
from ..timex import value_interval

DB_NAME = "curations.sqlite"
ACTIONS = ("verify", "hide", "correct", "merge", "split", "add")
CORRECTABLE = ("date_text", "date_value", "date_start", "date_end", "granularity", "actors", "countries",
               "locations", "event_type", "headline")
ANCHOR_FIELDS = ("doc_id", "quote", "date_text")
FUZZY_QUOTE_SCORE = 90  # rapidfuzz ratio above which an edited sentence still anchors its curation

SCHEMA = """
CREATE TABLE IF NOT EXISTS curations (
    id        INTEGER PRIMARY KEY AUTOINCREMENT,
    action    TEXT NOT NULL,
    target    TEXT NOT NULL,
    anchor    TEXT,
    payload   TEXT NOT NULL DEFAULT '{}',
    before    TEXT,
    who       TEXT NOT NULL,
    at        TEXT NOT NULL,
    note      TEXT,
    undone_at TEXT,
    undone_by TEXT
);
CREATE INDEX IF NOT EXISTS curations_target ON curations(target);
"""


class CurationError(PipelineError, ValueError):
    """A curation that cannot be recorded: unknown event, bad field or value, nothing to undo."""


class DamagedCurations(CurationError):
    """A curation database SQLite cannot read whole: builds stop rather than lose its curations."""


def damaged_db(db, why) -> DamagedCurations:
    """The one-line error for a damaged curation database, with the way out."""
    why = " ".join(str(why).split())[:200]
    return DamagedCurations(
        f"{db}: damaged curation database ({why}); nothing was built or written, so no curation is lost. Save "
        f"what can be read with `python -m pipeline curate --db {db} recover {db}.recovered`, then move the "
        f"damaged file aside (mv {db} {db}.damaged) and the recovered one in its place (or restore a backup)")


# --- the database -----------------------------------------------------------------------------------

def default_db_path(settings: dict) -> Path:
    """The curation database: `settings['db']` when given, else `curations.sqlite` next to the events file."""
    if settings.get("db"):
        return Path(settings["db"])
    return Path(settings["out"]).with_name(DB_NAME)


def connect(path: str | Path) -> sqlite3.Connection:
    """Open (creating if needed) a curation database for writing."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    conn = sqlite3.connect(path, timeout=30)
    conn.row_factory = sqlite3.Row
    conn.execute("PRAGMA synchronous=FULL")
    with conn:
        conn.executescript(SCHEMA)
    return conn


def _reader(db) -> sqlite3.Connection | None:
    """A read-only connection (builds never write the log), or None when there is no database yet."""
    if isinstance(db, sqlite3.Connection):
        return db
    if db is None or not Path(db).exists():
        return None
    conn = sqlite3.connect(f"{Path(db).resolve().as_uri()}?mode=ro", uri=True, timeout=30)
    conn.row_factory = sqlite3.Row
    return conn


def _with_conn(db, fn):
    if isinstance(db, sqlite3.Connection):
        return fn(db)
    try:
        with closing(connect(db)) as conn:
            return fn(conn)
    except sqlite3.OperationalError as exc:
        if "unable to open" in str(exc) or "readonly" in str(exc):
            raise CurationError(f"{db}: cannot write the curation database ({exc}); check its folder exists and "
                                "is writable, or give another one (--db, TIMELINE_DB)") from None
        if "locked" in str(exc) or "busy" in str(exc):
            raise CurationError(f"{db}: the curation database is busy (another write took over 30 s); try again") from None
        raise damaged_db(db, exc) from None
    except sqlite3.DatabaseError as exc:  # not a database, malformed pages
        raise damaged_db(db, exc) from None


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


def history(db, target: str | None = None) -> pd.DataFrame:
    """The audit trail: every curation (undone ones too), oldest first, optionally for one target id."""
    cols = ["id", "action", "target", "who", "at", "before", "payload", "note", "undone_at", "undone_by"]
    conn = _reader(db)
    if conn is None:
        return pd.DataFrame(columns=cols)
    try:
        sql = f"SELECT {', '.join(cols)} FROM curations" + (" WHERE target = ?" if target else "") + " ORDER BY id"
        rows = [dict(r) for r in conn.execute(sql, (target,) if target else ())]
    except sqlite3.OperationalError as exc:
        if "no such table" not in str(exc):
            raise damaged_db(db, exc) from None
        rows = []
    except sqlite3.DatabaseError as exc:
        raise damaged_db(db, exc) from None
    finally:
        if conn is not db:
            conn.close()
    return pd.DataFrame(rows, columns=cols)


def active_curations(db) -> list[dict]:
    """The curations not undone, oldest first, with JSON fields decoded."""
    conn = _reader(db)
    if conn is None:
        return []
    try:
        # the whole file is checked, not only the pages this query reads (issue 17: a damaged index or page
        # would otherwise drop curations without a word)
        check = [r[0] for r in conn.execute("PRAGMA quick_check")]
        if check != ["ok"]:
            raise damaged_db(db, "; ".join(map(str, check[:3])))
        rows = [dict(r) for r in conn.execute("SELECT * FROM curations WHERE undone_at IS NULL ORDER BY id")]
        for r in rows:
            for k in ("anchor", "payload", "before"):
                r[k] = json.loads(r[k]) if r.get(k) else None
    except sqlite3.OperationalError as exc:
        if "no such table" not in str(exc):  # a database without our table: nothing curated yet
            raise damaged_db(db, exc) from None
        rows = []
    except (sqlite3.DatabaseError, ValueError) as exc:  # not a database, malformed pages, a mangled JSON field
        if isinstance(exc, CurationError):
            raise
        raise damaged_db(db, exc) from None
    finally:
        if conn is not db:
            conn.close()
    return rows


def recover(db, into) -> tuple[int, int]:
    """Copy every curation row SQLite can still read from a damaged database `db` into a new database `into`
    (ids kept); returns (rows copied, rows skipped as unreadable, as far as the ids show). `db` is not changed.

    Rows are read in id order; where a damaged page stops the read, it starts again after the last id read
    (one id further each time, up to 10,000 misses in a row), so one bad page costs only its own rows.
    """
    into = Path(into)
    if into.exists():
        raise CurationError(f"recover: {into} exists; give a new file name")
    if not Path(db).is_file():
        raise CurationError(f"recover: no file {db}")
    rows: list[dict] = []
    last, misses = 0, 0
    with tempfile.TemporaryDirectory(dir=into.parent if into.parent.is_dir() else None) as tmp:
        # A copy, padded to the length its header gives: SQLite refuses a truncated file outright, but reads
        # the pages that are left once the missing ones are zeros.
        copy = Path(tmp) / "copy.sqlite"
        shutil.copyfile(db, copy)
        head = copy.read_bytes()[:100]
        if len(head) == 100 and head.startswith(b"SQLite format 3\x00"):
            page = int.from_bytes(head[16:18], "big")
            page = 65536 if page == 1 else page
            want = page * int.from_bytes(head[28:32], "big")
            if copy.stat().st_size < want:
                with open(copy, "ab") as fh:
                    fh.truncate(want)
        src = sqlite3.connect(f"{copy.resolve().as_uri()}?mode=ro", uri=True)
        src.row_factory = sqlite3.Row
        try:
            while misses < 10_000:
                try:
                    for r in src.execute("SELECT * FROM curations WHERE id > ? ORDER BY id", (last,)):
                        rows.append(dict(r))
                        last, misses = int(r["id"]), 0
                    break
                except sqlite3.DatabaseError as exc:
                    if "no such table" in str(exc) or "not a database" in str(exc):
                        break
                    last, misses = last + 1, misses + 1
            try:  # the highest id ever handed out, when its page survived: rows lost at the end count too
                top = int(src.execute("SELECT seq FROM sqlite_sequence WHERE name = 'curations'").fetchone()[0])
            except (sqlite3.DatabaseError, TypeError):
                top = 0
        finally:
            src.close()
    if not rows:
        raise CurationError(f"recover: nothing readable in {db}; restore a backup, or move it aside to start afresh")
    gaps = max(top, int(rows[-1]["id"])) - len(rows)  # ids are handed out in order and rows never deleted
    cols = [c for c in ("id", "action", "target", "anchor", "payload", "before", "who", "at", "note", "undone_at",
                        "undone_by") if rows and c in rows[0]]

    def write(conn):
        with conn:
            for r in rows:
                conn.execute(f"INSERT OR IGNORE INTO curations({', '.join(cols)}) VALUES ({', '.join('?' * len(cols))})",
                             [r[c] for c in cols])

    _with_conn(into, write)
    return len(rows), gaps


def check_curations(db) -> None:
    """Raise DamagedCurations when the curation database exists but cannot be read whole (see active_curations)."""
    active_curations(db)


def curations_or_problem(db) -> tuple[list[dict], str | None]:
    """(the active curations, None); or ([], why) when the database is unreadable: a build must not stop on
    it, so the problem is named (an InputProblem of kind "curation") and nothing is applied."""
    try:
        return active_curations(db), None
    except CurationError as exc:
        return [], str(exc)


# --- re-applying ------------------------------------------------------------------------------------

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
