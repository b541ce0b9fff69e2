"""A date as the analyst reads it, at the precision it is known: "29 Dec 2020", "week of 16 Nov 2020",
"Nov 2020", "autumn 2020", "2020", "end of 2020" (issue 19).

`date_display` writes one date from what the pipeline keeps of it (the TIMEX3 value, the interval, the
granularity and, when the tagger gives one, the TIMEX3 modifier); `with_date_display` fills the events
frame's `date_display` column where it is empty (events files written before the column existed). The
words and formats are data: `pipeline/data/en/display/dates.yaml`.
"""
from __future__ import annotations

import re
from datetime import date
from functools import lru_cache

import pandas as pd

from ..config import DATA_DIR, load_yaml
from ..schema import normalise_columns

DISPLAY_FILE = DATA_DIR / "en" / "display" / "dates.yaml"
# Columns that may carry a TIMEX3 modifier of the event's date (the tagger's `mod`), first found wins.
MOD_COLUMNS = ("date_mod", "timex_mod", "mod")


@lru_cache(maxsize=1)
def _words() -> dict:
    return load_yaml(DISPLAY_FILE.read_text(encoding="utf-8"))


def _day(iso: str | None) -> date | None:
    if not iso or not isinstance(iso, str):
        return None
    try:
        return date.fromisoformat(iso[:10])
    except ValueError:
        return None


def _parts(d: date) -> dict:
    words = _words()
    return {"day": d.day, "month": words["months"][d.month - 1], "year": d.year}


@lru_cache(maxsize=65536)
def date_display(value: str | None, granularity: str | None, start: str | None = None, end: str | None = None,
                 mod: str | None = None) -> str:
    """The date at its real precision, e.g. "29 Dec 2020", "Nov 2020", "autumn 2020", "end of 2020".

    `start`/`end`: the ISO interval (inclusive); `granularity`: one of schema.GRANULARITIES; `value`: the TIMEX3
    value (names the season, quarter, half); `mod`: a TIMEX3 modifier (START, MID, END, APPROX...), if any.
    A date the pipeline could not place shows as "undated". Never shows a day for a coarser date.
    """
    words = _words()
    formats = words["formats"]
    first, last = _day(start), _day(end) or _day(start)
    gran = granularity if granularity in formats else "unknown"
    value = value if isinstance(value, str) else ""
    if first is None:
        return words["undated"]
    if gran in ("time", "day"):
        when = formats[gran].format(**_parts(first))
    elif gran == "week":
        when = formats["week"].format(**_parts(first))
    elif gran == "month":
        when = formats["month"].format(**_parts(first))
    elif gran == "season":
        m = re.search(r"-(SP|SU|FA|WI)\b", value)
        code = m[1] if m else words["season_of_month"][first.month - 1]
        year = int(value[:4]) if m and value[:4].isdigit() else first.year
        when = formats["season"].format(season=words["seasons"][code], year=year)
    elif gran == "quarter":
        when = formats["quarter"].format(quarter=(first.month - 1) // 3 + 1, year=first.year)
    elif gran == "half":
        when = formats["half"].format(half=1 if first.month <= 6 else 2, year=first.year)
    elif gran == "year":
        when = formats["year"].format(year=first.year)
    elif gran == "decade":
        when = formats["decade"].format(decade=first.year - first.year % 10)
    elif gran == "century":
        when = formats["century"].format(century=first.year - first.year % 100)
    elif last is None or last == first:
        when = formats["day"].format(**_parts(first))
    else:
        when = formats["span"].format(start=formats["day"].format(**_parts(first)),
                                      end=formats["day"].format(**_parts(last)))
    mods = words["mods"]
    if isinstance(mod, str) and mod.upper() in mods:
        when = mods[mod.upper()].format(when=when)
    return when


def with_date_display(frame: pd.DataFrame) -> pd.DataFrame:
    """The frame with `date_display` filled where it is missing or empty (computed from the date columns)."""
    if not len(frame) or not {"date_start", "granularity"} <= set(frame.columns):
        return frame if "date_display" in frame.columns else frame.assign(date_display=pd.Series(dtype=object))
    current = frame["date_display"] if "date_display" in frame.columns else pd.Series("", index=frame.index)
    todo = current.isna() | (current.astype(str) == "")
    if not todo.any():
        return frame
    mod_col = next((c for c in MOD_COLUMNS if c in frame.columns), None)
    part = frame.loc[todo]
    blank = pd.Series("", index=part.index, dtype=object)
    keys = pd.DataFrame({"v": part["date_value"] if "date_value" in part.columns else blank,
                         "g": part["granularity"], "s": part["date_start"],
                         "e": part["date_end"] if "date_end" in part.columns else part["date_start"],
                         "m": part[mod_col] if mod_col else blank}).astype(object).where(lambda f: f.notna(), "")
    # each distinct date once (a big file repeats a few thousand dates over its rows)
    codes, distinct = pd.MultiIndex.from_frame(keys).factorize()
    shown = [date_display(_text(v), _text(g), _text(s), _text(e), _text(m)) for v, g, s, e, m in distinct]
    filled = [shown[c] for c in codes.tolist()]
    out = frame.copy()
    out["date_display"] = current.astype(object).where(~todo, pd.Series(filled, index=part.index, dtype=object))
    coerced = normalise_columns(out[["date_display"]])["date_display"]  # the schema's dtype, as a read file has it
    coerced.index = out.index
    out["date_display"] = coerced
    return out


def _text(value) -> str | None:
    return value if isinstance(value, str) and value else None


__all__ = ["date_display", "with_date_display", "DISPLAY_FILE", "MOD_COLUMNS"]
