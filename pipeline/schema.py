"""The event record and the events frame: the one place that defines both.

Every other module, the CLI, the dashboard and the exports use these names. The column contract is
fixed (other tools read it): see README "Events frame".
"""
from __future__ import annotations

import hashlib
from functools import lru_cache
from dataclasses import asdict, dataclass, field, fields

import pandas as pd
import pyarrow as pa

# --- what the per-article stages annotate -------------------------------------------------------

@dataclass
class Timex:
    """A temporal expression found in a text: its extent, TIMEX3 type/value and its interval."""

    start: int
    end: int
    text: str
    type: str  # DATE, TIME, DURATION, SET
    value: str  # TIMEX3 value, e.g. 2020-11-10, 2020-11, P6W, PRESENT_REF, XXXX-11-10
    mod: str | None = None  # START, END, MID, APPROX, LESS_THAN, MORE_THAN ...
    date_start: str | None = None  # ISO date, inclusive; None when unresolved
    date_end: str | None = None
    granularity: str = "unknown"
    rule: str = ""  # id of the grammar rule that found it

    def to_dict(self) -> dict:
        return {k: getattr(self, k) for k in self.__dataclass_fields__}


@dataclass
class Block:
    """A paragraph (or line) of the article with the section it belongs to."""

    start: int
    end: int
    section: str = "body"


@dataclass
class Sentence:
    start: int
    end: int
    section: str = "body"


@dataclass
class Mention:
    """An actor, country or place found in the text."""

    start: int
    end: int
    text: str
    kind: str  # person, organisation, country, location, government
    name: str  # canonical name
    country: str | None = None  # ISO 3166-1 alpha-3
    role: str | None = None


@dataclass
class Document:
    """One article: text and metadata, plus the annotations each pipeline stage adds."""

    doc_id: str
    text: str
    path: str | None = None
    title: str | None = None
    source: str | None = None
    url: str | None = None
    published: str | None = None  # TIMEX3 value of the creation time: 2020-12-29, 2020-11, 2020
    published_inferred: bool = False
    language: str = "en"
    dct_text: str | None = None  # the words that stated or implied the creation time
    blocks: list[Block] = field(default_factory=list)
    sentences: list[Sentence] = field(default_factory=list)
    timexes: list[Timex] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)
    events: list = field(default_factory=list)
    # Other copies of the same article (path, doc_id, source, url, title), counted once through this one.
    duplicates: list[dict] = field(default_factory=list)
    # issue 22: how the date was fixed (one of stages.dct.BASES) and weak or conflicting evidence, in words
    published_basis: str | None = None
    dct_note: str | None = None

    @property
    def content_hash(self) -> str:
        return hashlib.sha1(self.text.encode("utf-8")).hexdigest()


@dataclass
class InputProblem:
    """A file that could not be used (`fatal`: skipped) or only with a caveat, with a message for the analyst."""

    path: str
    problem: str
    fatal: bool = True
    kind: str = ""  # empty, binary, encoding, truncated, too_large, html, front_matter, json, sidecar, duplicate ...

    def __str__(self) -> str:
        return f"{self.path}: {self.problem}"



# --- the event record and the events frame -----------------------------------------------------------

SECTIONS = ("body", "caption", "teaser", "comment", "boilerplate")
GRANULARITIES = ("time", "day", "week", "month", "season", "quarter", "half", "year", "decade", "century", "unknown")


@dataclass
class Event:
    """One event mention: a sentence of an article that reports something happening at a date."""

    event_id: str
    doc_id: str
    source: str | None = None
    title: str | None = None
    url: str | None = None
    published: str | None = None
    published_inferred: bool = False
    date_text: str = ""
    date_value: str | None = None
    date_start: str | None = None
    date_end: str | None = None
    granularity: str = "unknown"
    actors: list[str] = field(default_factory=list)
    countries: list[str] = field(default_factory=list)
    locations: list[str] = field(default_factory=list)
    event_type: str = "OTHER"
    headline: str = ""
    quote: str = ""
    char_start: int = 0
    char_end: int = 0
    section: str = "body"
    cluster_id: str = ""
    # issue 22: how the article's date was fixed: metadata, header, dateline, weekday, latest date, corpus
    published_basis: str | None = None
    # issue 18: the predicate's PLOVER mode and the ACLED-style dyad (who acted, on whom), "" when none
    event_mode: str = "done"  # done, negated, intend, plan, prepare, threaten, obligate
    actor1: str = ""
    actor1_country: str = ""  # ISO 3166-1 alpha-3
    actor2: str = ""
    actor2_country: str = ""
    # issue 23: how much the event (its cluster) matters: its articles, weighted by when they were published
    # against the event (later articles looking back count most) and by independent outlets (cluster.salience)
    salience: float = 0.0
    # issue 19: the date at its real precision, as analysts read it ("29 Dec 2020", "week of 16 Nov 2020",
    # "Nov 2020", "autumn 2020", "2020", "end of 2020"); written by pipeline.timex.display from the date columns
    date_display: str = ""

    def to_dict(self) -> dict:
        return asdict(self)


COLUMNS: tuple[str, ...] = tuple(f.name for f in fields(Event))
LIST_COLUMNS = ("actors", "countries", "locations")
DATE_COLUMNS = ("date_start", "date_end")
INT_COLUMNS = ("char_start", "char_end")
BOOL_COLUMNS = ("published_inferred",)
FLOAT_COLUMNS = ("salience",)
# Text columns that are never null: a missing value is "".
NEVER_NULL = ("date_text", "headline", "quote", "cluster_id", "event_type", "section", "granularity",
              "event_mode", "actor1", "actor1_country", "actor2", "actor2_country", "date_display")


def events_frame(events: list[Event] | list[dict]) -> pd.DataFrame:
    """Build the events frame (columns in contract order, normalised dtypes) from records."""
    if events and all(isinstance(e, Event) for e in events):  # column by column: asdict's deep copies are slow
        frame = pd.DataFrame({name: [getattr(e, name) for e in events] for name in COLUMNS}, columns=list(COLUMNS))
    else:
        frame = pd.DataFrame([e.to_dict() if isinstance(e, Event) else e for e in events], columns=list(COLUMNS))
    return normalise_frame(frame)


def normalise_frame(frame: pd.DataFrame) -> pd.DataFrame:
    """Coerce a frame read from any format to the schema's dtypes (lists as lists, ints, bools)."""
    frame = frame.copy()
    for col in COLUMNS:
        if col not in frame.columns:
            frame[col] = [[] for _ in range(len(frame))] if col in LIST_COLUMNS else None
    frame = frame[list(COLUMNS) + [c for c in frame.columns if c not in COLUMNS]]
    for col in COLUMNS:
        frame[col] = _coerce(frame[col])
    return frame.reset_index(drop=True)


def normalise_columns(frame: pd.DataFrame) -> pd.DataFrame:
    """`normalise_frame` for a frame holding only some contract columns (e.g. cluster.NEEDS): the same dtypes
    and values for those, in the frame's own column order, and no other column added."""
    frame = frame.copy()
    for col in frame.columns:
        if col in COLUMNS:
            frame[col] = _coerce(frame[col])
    return frame.reset_index(drop=True)


def _coerce(values: pd.Series) -> pd.Series:
    """One contract column with the schema's dtype: lists as lists, ints, bools, text as str or None."""
    fast = _coerce_as_it_is(values)
    return fast if fast is not None else _coerce_any(values)


@lru_cache(maxsize=1)
def _text_dtype():
    """The dtype pandas gives a column of str made by `Series.map` (pandas 3: "str"; before: object)."""
    return pd.Series(["x"], dtype=object).map(str).dtype


def _coerce_as_it_is(values: pd.Series) -> pd.Series | None:
    """`_coerce_any(values)` for a column that already has the schema's dtype and no missing value (the text,
    list and bool columns of a built frame), without a Python call per value; None for any other column.
    The same values and dtype (tests/test_schema_coerce.py): a list of str is copied as `_as_list` copies it,
    str stays str, a NEVER_NULL text column gets the dtype `Series.map` infers, other text columns object."""
    col = values.name
    if col in INT_COLUMNS or col in FLOAT_COLUMNS:
        return None
    if col in BOOL_COLUMNS:
        return values.astype(bool) if values.dtype == bool else None
    if values.dtype == object:
        raw = values.to_numpy(dtype=object)
        if col in LIST_COLUMNS:
            if all(type(v) is list for v in raw) and all(type(x) is str for v in raw for x in v):
                return pd.Series([list(v) for v in raw], index=values.index, dtype=object)
            return None
        if len(raw) and all(type(v) is str for v in raw):  # (`map` infers no dtype for an empty column)
            return values.astype(_text_dtype() if col in NEVER_NULL else object)
        return None
    if col in NEVER_NULL and len(values) and values.dtype == _text_dtype() and not values.isna().any():
        return values.copy()
    return None


def _coerce_any(values: pd.Series) -> pd.Series:
    col = values.name
    if col in LIST_COLUMNS:
        return pd.Series([_as_list(v) for v in values], index=values.index, dtype=object)
    if col in INT_COLUMNS:
        return pd.to_numeric(values, errors="coerce").fillna(0).astype("int64")
    if col in BOOL_COLUMNS:
        return values.map(_as_bool).astype(bool)
    if col in FLOAT_COLUMNS:
        return pd.to_numeric(values, errors="coerce").fillna(0.0).astype("float64")
    values = values.map(_text_or_none).astype(object)
    if col in NEVER_NULL:
        values = values.map(lambda v: "" if v is None else v)
    return values


def _text_or_none(value):
    return value if type(value) is str else None if _is_missing(value) else str(value)  # (str first: the common case)


def _is_missing(value) -> bool:
    if value is None:
        return True
    try:
        return bool(pd.isna(value))
    except (TypeError, ValueError):
        return False


def _as_list(value) -> list[str]:
    if value is None:
        return []
    if isinstance(value, str):
        if value.startswith("["):
            import json

            try:
                return [str(v) for v in json.loads(value)]
            except ValueError:
                pass
        return [v for v in value.split(";") if v]
    if _is_missing(value) if not hasattr(value, "__len__") else False:
        return []
    return [str(v) for v in list(value)]


def _as_bool(value) -> bool:
    if isinstance(value, str):
        return value.strip().lower() in ("true", "1", "yes")
    if _is_missing(value):
        return False
    return bool(value)


# --- the Arrow schema of events files ------------------------------------------------------------------

def _arrow_type(name: str) -> pa.DataType:
    if name in LIST_COLUMNS:
        return pa.list_(pa.string())
    if name in INT_COLUMNS:
        return pa.int64()
    if name in BOOL_COLUMNS:
        return pa.bool_()
    if name in FLOAT_COLUMNS:
        return pa.float64()
    return pa.string()


EVENTS_SCHEMA = pa.schema([pa.field(name, _arrow_type(name)) for name in COLUMNS])
# Staging files also carry each event's article position, to put late articles back in input order.
ORDER = "_order"
STAGING_SCHEMA = EVENTS_SCHEMA.append(pa.field(ORDER, pa.int64()))
