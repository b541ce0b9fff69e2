"""The curation database: an append-only SQLite log of the analysts' curations, read back and recovered.

One row per curation (`SCHEMA`); `active_curations` reads the rows not undone (checking the whole file first:
a damaged database stops a build rather than lose curations), `history` is the audit trail, `recover` saves
what a damaged file still holds. Writing the log (the actions, undo) is in `curation`, re-applying it to a
frame in `reapply`. Split from curation.py (issue 16), which re-exports these names.
"""
from __future__ import annotations

import json
import shutil
import sqlite3
import tempfile
from contextlib import closing
from pathlib import Path

import pandas as pd

from ..errors import PipelineError

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

