"""Resolve the DCT-dependent parts of raw rule values into TIMEX3 values (their intervals: `interval`).

Rules emit raw values with gaps (`@YMD:12-10@`, `REFU:week:-1`, `AGO:3:Y:ago` ...); `resolve` fills them
from the document creation time (DCT) and the tense around the expression. A DCT may itself be partial
(`2020-11`, `2020`): whatever needs a finer DCT than it has stays underspecified (X-filled), never guessed.
Nothing here reads today's date.
"""
from __future__ import annotations

import calendar
import re
from datetime import date, timedelta

from .interval import PART_MODS, BadTimexValue, granularity_of, narrow_interval, value_interval
from .context import CLAUSE_END, Tense, nearest_cue  # noqa: F401 (re-exported)
from .anchor import (  # noqa: F401 (re-exported)
    Anchor, NEAR_DAYS, NEAR_MONTHS, SEASONS, Unresolved, _AT, _SEASON_OF_MONTH, _UNRESOLVED_AT, _add_months, _at,
    _fill_at, _iso_day, _need_day, _need_month, _need_year, _offset, _season_year, _unresolved_at, _week, _weekday,
    holiday_date, pick_year_for,
)

__all__ = ["Anchor", "Unresolved", "resolve", "pick_year_for", "holiday_date", "nearest_cue", "BadTimexValue",
           "value_interval", "granularity_of", "narrow_interval", "PART_MODS"]  # the last five: from .interval


# ------------------------------------------------------------------ KIND:... raw values
_UNIT_AT = {"year": "Y", "month": "M", "week": "W", "day": "D", "quarter": "Q", "decade": "DE",
            "century": "CE", "weekend": "WE", "season": "SE"}
_DUR_UNIT = {"Y": ("", "Y"), "M": ("", "M"), "W": ("", "W"), "D": ("", "D"), "DE": ("", "DE"), "CE": ("", "CE"),
             "Q": ("", "Q"), "WE": ("", "WE"), "ML": ("", "ML"), "TH": ("T", "H"), "TM": ("T", "M"), "TS": ("T", "S")}


def _duration(n: str, unit: str) -> str:
    if not unit or not n:
        raise BadTimexValue("duration without number or unit")
    times = re.match(r"(\d+)(\D+)$", unit)  # a unit that is a multiple of another ("lustro": 5Y)
    if times:
        k, unit = int(times[1]), times[2]
        if n != "X":
            n = f"{float(n) * k:g}"
    t, u = _DUR_UNIT[unit]
    if n == "0.5" and unit in ("DE", "CE"):  # "medio siglo" -> P50Y
        return "P5Y" if unit == "DE" else "P50Y"
    if n == "0.5":  # "half a year" -> P6M, "half an hour" -> PT30M
        halves = {"Y": ("", "6", "M"), "D": ("T", "12", "H"), "TH": ("T", "30", "M"), "M": ("", "2", "W")}
        if unit in halves:
            t, n, u = halves[unit]
    if unit == "DE" and n != "X":
        return f"P{int(n) * 10}Y"
    return f"P{t}{n}{u}"


def _k_numeric(args, a, tense, ctx):
    x, y_, year, sep = int(args[0]), int(args[1]), args[2], args[3]
    yr = int(year) if len(year) == 4 else (1900 + int(year) if int(year) >= 30 else 2000 + int(year))
    if x > 12 and y_ <= 12:
        d, mo = x, y_
    elif y_ > 12 and x <= 12:
        mo, d = x, y_
    elif (ctx.get("numeric_order") or ("mdy" if sep == "/" and ctx.get("language", "en") == "en" else "dmy")) == "mdy":
        mo, d = x, y_
    else:
        d, mo = x, y_
    try:
        return date(yr, mo, d).isoformat()
    except ValueError:
        return None


def _k_mry(args, a, tense, ctx):
    mo, d, rel = args
    y = _need_year(a) + {"last": -1, "next": 1}.get(rel, _offset(rel))
    if d:
        try:
            return date(y, int(mo), int(d)).isoformat()
        except ValueError:
            return None
    return f"{y:04d}-{mo}"


def _k_partm(args, a, tense, ctx):
    mo, y = args
    return f"{y}-{mo}" if y else _fill_at(f"@YM:{mo}@", a, tense)


def _k_refu(args, a, tense, ctx):
    unit, k = args
    if k.startswith("A"):  # anaphoric: relative to the last date the text mentioned, not to the DCT
        anaphor = ctx.get("anaphor")
        if unit == "day" and (anaphor is None or anaphor.day is None):
            anaphor = ctx.get("anaphor_day") or anaphor  # a day: the last day named, past a later year or month
        a, k = anaphor, k[1:]
    elif k.startswith("B"):  # anaphoric, or the DCT when the text named no date before ("el año anterior")
        a, k = ctx.get("anaphor") or a, k[1:]
    if unit == "season":
        return _fill_at(f"@SE{_offset(k):+d}@", a, tense)
    return _fill_at(f"@{_UNIT_AT[unit]}{_offset(k):+d}@", a, tense)


def _k_lastdate(args, a, tense, ctx):
    """'esa fecha', 'dicha fecha': the last date the text named, as precise as it was named."""
    anaphor = ctx.get("anaphor")
    if anaphor is None:
        raise Unresolved("no date named before")
    return anaphor.value


def _k_season(args, a, tense, ctx):
    s, k = args[0], _offset(args[1])
    y, cur_m = _need_month(a)
    sy, cur = _season_year(y, cur_m)
    if k == 0:
        return f"{sy:04d}-{s}"
    if k < 0:
        return f"{sy if SEASONS.index(s) < SEASONS.index(cur) else sy - 1:04d}-{s}"
    return f"{sy if SEASONS.index(s) > SEASONS.index(cur) else sy + 1:04d}-{s}"


def _latest_year_of(part: int, per_year: int, a: Anchor | None, tense: str | None) -> int:
    """The year of a year-less quarter or half: the DCT's, unless that one has not begun yet at the DCT and
    the sentence is not about the future ("the fourth quarter" in a March 2007 report is 2006's)."""
    y, mo = _need_month(a)
    months = 12 // per_year
    if (part - 1) * months + 1 > mo and tense != "future":
        return y - 1
    return y


def _part_of_year(tag: str, part: int, per_year: int, y, rel, a: Anchor | None, tense: str | None) -> str:
    """A quarter or half ("2020-Q3", "1989-H2") in the year named, the year before or after the DCT's ("last
    year's"), or else the latest one begun by the DCT (`_latest_year_of`)."""
    if y:
        year = int(y)
    elif rel:
        year = _need_year(a) + {"last": -1, "next": 1}.get(rel.lower(), 0)
    else:
        year = _latest_year_of(part, per_year, a, tense)
    return f"{year:04d}-{tag}{part}"


def _k_quarter(args, a, tense, ctx):
    o, y, rel = args
    if o == "L" and not y and not rel:  # "the last quarter": the latest one before the DCT's
        return _fill_at("@Q-1@", a, tense)
    q = 4 if o == "L" else int(o or 0)
    if not 1 <= q <= 4:
        return None
    return _part_of_year("Q", q, 4, y, rel, a, tense)


def _k_qofy(args, a, tense, ctx):
    """'the 1988 quarter': the quarter being reported (the latest one before the DCT's), in the year named."""
    latest = _fill_at("@Q-1@", a, tense)
    return f"{int(args[0]):04d}{latest[4:]}" if re.fullmatch(r"\d{4}-Q\d", latest) else None


def _k_qrel(args, a, tense, ctx):
    k = {"this": 0, "current": 0, "next": 1, "last": -1, "latest": -1, "previous": -1, "past": -1,
         "year-earlier": -5, "year-ago": -5}.get(args[0].lower(), 0)
    return _fill_at(f"@Q{k:+d}@", a, tense)


def _k_half(args, a, tense, ctx):
    o, y, rel = args
    return _part_of_year("H", 2 if o in ("2", "L") else 1, 2, y, rel, a, tense)


def _k_dayoff(args, a, tense, ctx):
    return _fill_at(f"@D{_offset(args[0]):+d}@", a, tense)


def _k_dayofft(args, a, tense, ctx):
    return _fill_at(f"@D{_offset(args[0]):+d}@", a, tense) + "T" + ":".join(args[1:])  # "medianoche": T24:00


def _k_thisdp(args, a, tense, ctx):
    k = -1 if _offset(args[0]) < 0 else 0
    return _fill_at(f"@D{k:+d}@", a, tense) + "T" + ":".join(args[1:])


def _k_ago(args, a, tense, ctx):
    n, unit, direction = args
    sign = 1 if direction.split()[0] in ("later", "from", "hence") else -1
    times = re.match(r"(\d+)(\D+)$", unit)  # "hace un lustro" (5Y), "hace medio siglo" (0.5 CE)
    if times or (n == "0.5" and unit in ("DE", "CE")):
        years = float(n) * (int(times[1]) if times else 1) * {"Y": 1, "DE": 10, "CE": 100}.get(
            times[2] if times else unit, 0)
        if years and years == int(years):
            return _fill_at(f"@Y{sign * int(years):+d}@", a, tense)
    if n == "0.5" and unit in ("Y", "M"):  # "half a year ago": six months back
        return _fill_at(f"@M{sign * 6:+d}@" if unit == "Y" else f"@D{sign * 15:+d}@", a, tense)
    if n == "X" or not n.isdigit():
        return "FUTURE_REF" if sign > 0 else "PAST_REF"
    k = sign * int(n)
    at = {"Y": "Y", "M": "M", "W": "W", "D": "D", "DE": "Y", "CE": "Y", "Q": "Q", "WE": "WE"}.get(unit)
    if at is None:  # hours/minutes ago: the DCT's day
        return _fill_at("@D+0@", a, tense)
    if unit == "DE":
        k *= 10
    if unit == "CE":  # issue 22: "a century ago" is that century, no finer; "more than a century ago" is no date
        more = direction.split()[1:] in (["MORE_THAN"], ["EQUAL_OR_MORE"])
        return ("FUTURE_REF" if sign > 0 else "PAST_REF") if more else f"{(_need_year(a) + 100 * k) // 100:02d}"
    return _fill_at(f"@{at}{k:+d}@", a, tense)


def _k_clock(args, a, tense, ctx):
    h, mi, ap, *rest = args
    day, zone = (rest + ["", ""])[:2]  # weekday the time is on; "Z" for a time told in GMT/UTC
    day = [day] if day else []
    ap = ap.lower()
    hour = int(h)
    if ap == "p" and hour < 12:
        hour += 12
    if ap == "a" and hour == 12:
        hour = 0
    if hour > 24:
        return None
    anchor_day = f"@WD:{day[0]}@" if day and day[0] else "@D+0@"
    return _fill_at(anchor_day, a, tense) + f"T{hour:02d}:{int(mi or 0):02d}" + ("Z" if zone else "")


def _k_far(args, a, tense, ctx):
    """'far' when a year-less day lies more than NEAR_DAYS from the DCT ("the September 11 attacks" told
    years later names an event), else None (a recent date: "the August 7 bombings" two weeks on)."""
    mo, d = int(args[0]), int(args[1])
    ref = _need_day(a)
    y = pick_year_for(mo, d, a, None)
    try:
        return "far" if abs((date(y, mo, d) - ref).days) > NEAR_DAYS else None
    except ValueError:
        return None


def _k_dateclock(args, a, tense, ctx):
    """A date with its clock time ("April 22, 2011 at 9:22 am"): year, month, day, hour, minute, a/p, zone."""
    y, mo, d, h, mi, ap, zone = args
    hour = int(h)
    if ap.lower() == "p" and hour < 12:
        hour += 12
    if ap.lower() == "a" and hour == 12:
        hour = 0
    return date(int(y), int(mo), int(d)).isoformat() + f"T{hour:02d}:{int(mi or 0):02d}"


_MINUTES_WORD = {"media": 30, "cuarto": 15}  # "las once y media"


def _k_clockes(args, a, tense, ctx):
    """A clock hour told with a part of the day ("las seis de la mañana [de ayer]"): hour, minute word,
    a/p, day offset."""
    h, mi, ap, off = args
    if not h.isdigit():
        return None
    hour = int(h)
    if ap == "p" and hour < 12:
        hour += 12
    if hour > 24:
        return None
    return _fill_at(f"@D{_offset(off):+d}@", a, tense) + f"T{hour:02d}:{int(mi) if mi.isdigit() else _MINUTES_WORD.get(mi, 0):02d}"


def _k_dmrel(args, a, tense, ctx):
    """A day and month with an optional deictic ("el próximo 2 de mayo", "el 25 de abril pasado") or year:
    month, day, offset (+1 the next such day after the DCT, -1 the last one before it, else by tense), year."""
    mo, d, rel, *rest = args
    y, suffix = (rest + ["", ""])[0], ":".join(rest[1:])  # year, time of day ("T" + part of the day)
    mo, d = int(mo), int(d)
    if not (1 <= mo <= 12 and 1 <= d <= 31):
        return None
    if y:
        return date(int(y), mo, d).isoformat() + suffix
    k = _offset(rel) if not rel.startswith("A") else 0
    if k == 0:
        return _fill_at(f"@YMD:{mo:02d}-{d:02d}@", a, tense) + suffix
    ref = _need_day(a)
    for c in ((ref.year, ref.year + 1) if k > 0 else (ref.year, ref.year - 1)):
        try:
            day = date(c, mo, d)
        except ValueError:
            continue
        if (day >= ref) if k > 0 else (day <= ref):
            return day.isoformat() + suffix
    return None


def _k_mrel(args, a, tense, ctx):
    """A month with a deictic ("junio pasado", "el próximo marzo"): month, offset."""
    mo, rel = args
    k = _offset(rel) if not rel.startswith("A") else 0
    return _fill_at(f"@{'LAST' if k < 0 else 'NEXT' if k > 0 else 'YM'}:{mo}@", a, tense)


def _k_wdes(args, a, tense, ctx):
    """A weekday with an optional deictic and time of day: weekday, offset (-1 last, +1 next), suffix."""
    wd, rel, suffix = args[0], args[1], ":".join(args[2:])
    if rel.startswith("B"):  # "el viernes anterior", "the previous Friday": from the last day named, else the DCT
        anaphor = ctx.get("anaphor")
        a, rel = (anaphor if anaphor is not None and anaphor.day else a), rel[1:]
    k = _offset(rel) if not rel.startswith("A") else 0
    kind = "LASTWD" if k < 0 else "NEXTWD" if k > 0 else "WD"
    return _fill_at(f"@{kind}:{wd}@", a, tense) + suffix


def _k_qhes(args, a, tense, ctx):
    """A quarter or half ("el primer trimestre de 1998", "el segundo semestre"): unit word, ordinal, year, offset."""
    unit, o, y, rel = args
    half = unit.lower().startswith("sem")
    n = (2 if half else 4) if o == "L" else int(o or 0)
    if not 1 <= n <= (2 if half else 4):
        return None
    if rel.startswith("B"):  # "del año anterior": the year before the last date named (or the DCT's)
        a, rel = ctx.get("anaphor") or a, rel[1:]
    elif not y and not rel:  # as in English: "el último trimestre/semestre" is the latest one before the DCT's,
        # and one not begun at the DCT is last year's unless the sentence is about the future
        if o == "L" and half:
            yr, mo = _need_month(a)
            return f"{yr:04d}-H1" if mo > 6 else f"{yr - 1:04d}-H2"
        return _fill_at("@Q-1@", a, tense) if o == "L" else _part_of_year("H" if half else "Q", n, 2 if half else 4, "", "", a, tense)
    year = int(y) if y else _need_year(a) + (_offset(rel) if not rel.startswith("A") else 0)
    return f"{year:04d}-{'H' if half else 'Q'}{n}"


def _k_dures(args, a, tense, ctx):
    """'hace meses' -> PXM; 'hace tiempo' -> PXM."""
    unit = args[0]
    return _duration("X", unit) if unit else "PXM"


_REF_WORD = {"pasado": "PAST_REF", "presente": "PRESENT_REF", "futuro": "FUTURE_REF"}


def _k_dom(args, a, tense, ctx):
    """A day of the month named alone ("el día 12"): in the month of the last date the text named, if that
    date has a month ("el 11 de septiembre ... El día 12"), else this month or the next/last by tense."""
    rel = args[1] if len(args) > 1 else ""
    if rel:  # "el pasado día 25", "el próximo día 2": the last or next such day, whatever the text named before
        tense = "past" if rel.startswith("-") else "future"
    anaphor = ctx.get("anaphor")
    if anaphor is not None and anaphor.month is not None and not rel:
        try:
            return date(anaphor.year, anaphor.month, int(args[0])).isoformat()
        except ValueError:
            return None
    return _fill_at(f"@DOM:{args[0]}@", a, tense)


def _k_wofw(args, a, tense, ctx):
    """A weekday of a week counted from the DCT's ("el martes de la semana pasada"): weekday, week offset."""
    ref = _need_day(a)
    monday = ref - timedelta(days=ref.isoweekday() - 1) + timedelta(weeks=_offset(args[1]))
    return (monday + timedelta(days=int(args[0]) - 1)).isoformat()


def _k_dmo(args, a, tense, ctx):
    """A day of this, the last or the next month ("el 25 del pasado mes"): day, month offset from the DCT's."""
    y, m = _need_month(a)
    y, m = divmod(y * 12 + m - 1 + _offset(args[1]), 12)
    try:
        return date(y, m + 1, int(args[0])).isoformat()
    except ValueError:
        return None


def _k_wdom(args, a, tense, ctx):
    """A weekday with a day of the month and no month ("el miércoles 2", "el próximo jueves día 10"): the
    day nearest the DCT (this month, the one before or after) that falls on that weekday; None if none does."""
    wd, d = int(args[0]), int(args[1])
    ref = _need_day(a)
    found = []
    for k in (-1, 0, 1):
        y, m = divmod(ref.year * 12 + ref.month - 1 + k, 12)
        try:
            day = date(y, m + 1, d)
        except ValueError:
            continue
        if day.isoweekday() == wd:
            found.append((abs((day - ref).days), day))
    return min(found)[1].isoformat() if found else None  # no such day near: the number counts something


def _k_refes(args, a, tense, ctx):
    """A reference word used as a noun ("del pasado", "el futuro", "hasta el momento"): PRESENT_REF unless
    the word says past or future."""
    return _REF_WORD.get(args[0].lower(), "PRESENT_REF")


def _k_setdp(args, a, tense, ctx):
    word = args[0].lower()
    if word.startswith("fines"):
        return "XXXX-WXX-WE"
    code = {"noche": "NI", "mañana": "MO", "tarde": "AF"}.get(word.rstrip("s"), "")
    return f"PT{code}" if code else None  # "cada noche" -> PTNI (Spanish TimeBank, HeidelTime)


def _k_holiday(args, a, tense, ctx):
    rule, y, deic = ":".join(args[:-2]), args[-2], args[-1].lower()
    if y:
        return holiday_date(rule, int(y)).isoformat()
    ref = _need_day(a)
    cands = [holiday_date(rule, c) for c in (ref.year - 1, ref.year, ref.year + 1)]
    if deic == "last":
        return max(c for c in cands if c < ref).isoformat()
    if deic == "next":
        return min(c for c in cands if c > ref).isoformat()
    near = min(cands, key=lambda c: abs((c - ref).days))
    if abs((near - ref).days) <= 45 or tense is None:
        return near.isoformat()
    if tense == "past":
        return max(c for c in cands if c <= ref).isoformat()
    return min(c for c in cands if c >= ref).isoformat()


def _k_weekof(args, a, tense, ctx):
    """"the first week of December" -> the ISO week holding the 4th (the 11th, ...) of the month;
    "the last week" -> the week holding the month's last day but three."""
    o, mo, y = args
    mo = int(mo)
    year = int(y) if y else pick_year_for(mo, None, a, tense)
    if o == "L":
        day = date(year, mo, calendar.monthrange(year, mo)[1]) - timedelta(days=3)
    elif o.isdigit() and 1 <= int(o) <= 4:
        day = date(year, mo, 4 + 7 * (int(o) - 1))
    else:
        return None
    return _week(day)


def _k_long(args, a, tense, ctx):
    plural, one = args
    return _duration("X", plural) if plural else _duration("1", one)


def _k_noon(args, a, tense, ctx):
    clock, wd = ":".join(args[:-1]), args[-1]
    day = f"@WD:{wd}@" if wd else "@D+0@"
    return _fill_at(day, a, tense) + "T" + clock


_HALF_OF = {"Y": "6M", "M": "15D", "W": "3DT12H", "D": "T12H", "TH": "30M", "TM": "30S"}


# Languages whose TIMEX3 guidelines write a half as a decimal ("dos semanas y media" P2.5W, "media hora" PT0.5H in
# the Spanish TimeBank) rather than in the next smaller unit (English TimeBank: "half an hour" PT30M).
_DECIMAL_HALVES = ("es",)


def _k_dur(args, a, tense, ctx):
    n, unit, n2, unit2, *half = args
    has_half = bool(half and half[0].strip())
    if ctx.get("language") in _DECIMAL_HALVES and unit in _DUR_UNIT and unit not in ("DE", "CE") and not n2 \
            and (n == "0.5" or has_half and n.isdigit()):
        t, u = _DUR_UNIT[unit]
        return f"P{t}{n if n == '0.5' else n + '.5'}{u}"
    first = _duration(n, unit)
    if half and half[0].strip() and n.isdigit():  # "2 1/2 years", "a minute and a half"
        if unit == "DE":
            return f"P{int(n) * 10 + 5}Y"
        if unit == "CE":
            return f"P{int(n) * 100 + 50}Y"
        if unit in _HALF_OF:
            return first + _HALF_OF[unit]
    if n2 and unit2:
        second = _duration(n2, unit2)
        if "X" in first + second or ("T" in first and "T" not in second) or not n.isdigit() and n != "1":
            return first  # keep the simple form when the units do not combine cleanly
        # P2Y + P3M -> P2Y3M, PT2H + PT30M -> PT2H30M, P1D + PT6H -> P1DT6H
        return first + second[2:] if "T" in first else first + second[1:]
    return first


def _k_setu(args, a, tense, ctx):
    return _duration("1", args[0])


def _k_setn(args, a, tense, ctx):
    return _duration(args[0], args[1])


def _k_sets(args, a, tense, ctx):
    word = args[0].lower()
    return "P3M" if word == "season" else "XXXX-" + {"spring": "SP", "summer": "SU", "autumn": "FA", "fall": "FA", "winter": "WI"}.get(word, "XX")


def _k_decs(args, a, tense, ctx):
    return "PXCE" if args[0].lower().startswith("cent") else "PXDE"


_KINDS = {
    "NUMERIC": _k_numeric, "MRY": _k_mry, "PARTM": _k_partm, "REFU": _k_refu, "REFP": _k_refu,
    "SEASON": _k_season, "QUARTER": _k_quarter, "QREL": _k_qrel, "HALF": _k_half, "DAYOFF": _k_dayoff,
    "DAYOFFT": _k_dayofft, "THISDP": _k_thisdp, "AGO": _k_ago, "CLOCK": _k_clock, "NOON": _k_noon, "WEEKOF": _k_weekof, "LONG": _k_long, "HOLIDAY": _k_holiday, "DUR": _k_dur, "LASTDATE": _k_lastdate, "QOFY": _k_qofy,
    "SETU": _k_setu, "SETN": _k_setn, "SETS": _k_sets, "DECS": _k_decs,
    "CLOCKES": _k_clockes, "DMREL": _k_dmrel, "MREL": _k_mrel, "WDES": _k_wdes, "QHES": _k_qhes,
    "DURES": _k_dures, "SETDP": _k_setdp, "REFES": _k_refes, "DATECLOCK": _k_dateclock, "FAR": _k_far, "DOM": _k_dom, "WDOM": _k_wdom, "DMO": _k_dmo, "WOFW": _k_wofw,
}
_UNRESOLVED_KIND = {  # kind -> the underspecified value when its DCT-dependent part cannot be filled
    "MRY": lambda a: f"XXXX-{a[0]}" + (f"-{int(a[1]):02d}" if a[1] else ""),
    "SEASON": lambda a: f"XXXX-{a[0]}", "MREL": lambda a: f"XXXX-{a[0]}",
    "QUARTER": lambda a: f"XXXX-Q{a[0] if a[0].isdigit() else 'X'}",
    "HALF": lambda a: f"XXXX-H{a[0] if a[0].isdigit() else 'X'}",
    "QREL": lambda a: "XXXX-QX", "WEEKOF": lambda a: "XXXX-WXX", "LASTDATE": lambda a: "XXXX-XX-XX",
    "DMREL": lambda a: f"XXXX-{a[0]}-{a[1]}", "WDES": lambda a: f"XXXX-WXX-{a[0]}", "WOFW": lambda a: f"XXXX-WXX-{a[0]}",
    "DOM": lambda a: f"XXXX-XX-{int(a[0]):02d}", "DMO": lambda a: f"XXXX-XX-{int(a[0]):02d}",
    "WDOM": lambda a: f"XXXX-XX-{int(a[1]):02d}", "QOFY": lambda a: f"{int(a[0]):04d}-QX",
    "HOLIDAY": lambda a: (lambda rule: f"XXXX-{rule}" if "-" in rule and ":" not in rule else "XXXX-XX-XX")(":".join(a[:-2])),
    "AGO": lambda a: "FUTURE_REF" if a[2].split()[0] == "later" else "PAST_REF",
    "REFU": lambda a: _UNRESOLVED_AT.get(_UNIT_AT.get(a[0], "Y"), "XXXX"),
    "REFP": lambda a: _UNRESOLVED_AT.get(_UNIT_AT.get(a[0], "Y"), "XXXX"),
}


def _unresolved_kind(kind: str, args: list[str]) -> str:
    """The underspecified value of a raw value whose DCT-dependent part could not be filled."""
    fn = _UNRESOLVED_KIND.get(kind)
    return fn(args) if fn else "XXXX"


def resolve(raw: str, dct: str | Anchor | None, tense: str | None = None, ctx: dict | None = None) -> str | None:
    """Turn a rule's raw value into a TIMEX3 value against the DCT; None when the match is not a date."""
    a = dct if isinstance(dct, Anchor) or dct is None else Anchor.parse(dct)
    kind, sep, rest = raw.partition(":")
    fn = _KINDS.get(kind) if sep else None
    if fn is None:
        return _fill_at(raw, a, tense)
    try:
        return fn(rest.split(":"), a, tense, ctx or {})
    except (Unresolved, OverflowError):
        return _unresolved_kind(kind, rest.split(":"))
