"""Exports in the formats analysts already use (issue 20): TimelineJS, ACLED-style CSV, GeoJSON, iCalendar,
SQLite. Each takes the filtered events frame (one row per mention) and returns the file's bytes.

The event-level formats (TimelineJS, ACLED, GeoJSON, iCalendar) write one item per real-world event
(cluster), taken from its representative mention (`views.representatives`), citing every article that
reported it. Dates keep their real precision: a month stays a month (TimelineJS gets only year and month,
ACLED `time_precision` 3), never a made-up first day. Events with no date at all cannot be placed on a
timeline or calendar and are left out of TimelineJS, ACLED and iCalendar (SQLite keeps every row).
The libraries (icalendar) are imported only when their format is asked for.
"""
from __future__ import annotations

import csv
import html
import io
import json
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta, timezone

import pandas as pd

from .places import as_gazetteer
from .views import country_label, representatives, text_of

# The exports are written in English whatever the process locale (calendar.month_name follows LC_TIME).
MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December")
ACLED_COLUMNS = ("event_id_cnty", "event_date", "time_precision", "event_type", "actor1", "actor2", "country",
                 "iso", "location", "latitude", "longitude", "source", "notes")
PRODUCT = "geopolitical-timeline"  # names the producer in iCalendar PRODID and UIDs


@dataclass
class Citation:
    """One article that reported an event: outlet, title, date and link (http(s) only, else None)."""

    doc_id: str
    outlet: str | None
    title: str | None
    published: str | None
    published_inferred: bool
    url: str | None
    published_basis: str | None = None  # how an inferred date was fixed (dateline, weekday ...; issue 22)


@dataclass
class EventItem:
    """One real-world event as the exports show it: its representative mention plus its citations."""

    cluster_id: str
    date_start: str | None
    date_end: str | None
    granularity: str
    date_text: str
    date_display: str
    event_type: str
    headline: str
    quote: str
    actors: list[str]
    actor1: str | None
    actor2: str | None
    countries: list[str]
    locations: list[str]
    verified: bool
    n_mentions: int
    citations: list[Citation] = field(default_factory=list)


# --- dates as they are known -------------------------------------------------------------------------

def _day(iso: str | None) -> date | None:
    try:
        return date.fromisoformat(str(iso)[:10]) if iso else None
    except ValueError:
        return None


def format_day(d: date) -> str:
    """`10 November 2020` (no leading zero, English month)."""
    return f"{d.day} {MONTHS[d.month - 1]} {d.year}"


def precision(start: str | None, end: str | None, granularity: str) -> str:
    """How exactly an event's date is known: "day", "month", "year", "span" (start to end) or "none"."""
    first, last = _day(start), _day(end) or _day(start)
    if first is None:
        return "none"
    if first == last:  # (a "day" granularity whose interval is longer is shown as the interval it is)
        return "day"
    # from the interval, not the granularity's name: "early December" (1-10 December) is no whole month
    if first.day == 1 and (last + timedelta(days=1)).day == 1 and (first.year, first.month) == (last.year, last.month):
        return "month"
    if (first.month, first.day, last.month, last.day) == (1, 1, 12, 31) and first.year == last.year:
        return "year"
    return "span"


def display_date(start: str | None, end: str | None, granularity: str, date_text: str = "") -> str:
    """The date as honestly as it is known: "10 November 2020", "November 2020", "2020",
    "28 November – 4 December 2020", or "undated"."""
    first, last = _day(start), _day(end) or _day(start)
    kind = precision(start, end, granularity)
    if kind == "none":
        return "undated"
    if kind == "day":
        return format_day(first)
    if kind == "month":
        return f"{MONTHS[first.month - 1]} {first.year}"
    if kind == "year":
        return str(first.year)
    if (first.month, first.day, last.month, last.day) == (1, 1, 12, 31):  # whole years: a decade, "the 1990s"
        return f"{first.year}–{last.year}"
    if first.year != last.year:
        return f"{format_day(first)} – {format_day(last)}"
    if first.month != last.month:
        return f"{first.day} {MONTHS[first.month - 1]} – {format_day(last)}"
    return f"{first.day}–{format_day(last)}"


def _row_display(row) -> str:
    given = text_of(row.get("date_display"))  # a column another stage may add; honoured when present
    return given or display_date(text_of(row.get("date_start")) or None, text_of(row.get("date_end")) or None,
                                 text_of(row.get("granularity"), "unknown"), text_of(row.get("date_text")))


# --- one item per event ------------------------------------------------------------------------------

def safe_url(url) -> str | None:
    """The URL when it is an http(s) link, else None (no javascript:, file: or data: links in documents)."""
    url = text_of(url).strip()
    return url if url.lower().startswith(("http://", "https://")) and " " not in url else None


def _as_list(value) -> list[str]:
    if value is None or isinstance(value, float):
        return []
    if isinstance(value, str):
        return [value] if value else []
    return [str(v) for v in value]


def _true(value) -> bool:
    return str(value).strip().lower() in ("true", "1")


_ITEM_COLUMNS = ("cluster_id", "date_start", "date_end", "granularity", "date_text", "date_display", "event_type",
                 "headline", "quote", "actors", "actor1", "actor2", "countries", "locations", "n_mentions")


def _records(frame: pd.DataFrame) -> list[dict]:
    """The rows as dicts, column by column (`to_dict("records")` boxes every cell and is several times slower)."""
    columns = {c: frame[c].tolist() for c in frame.columns}
    return [dict(zip(columns, values)) for values in zip(*columns.values())] if columns else []


def event_items(frame: pd.DataFrame) -> list[EventItem]:
    """The events of `frame` (one per cluster), in date order (undated last), each with its citations."""
    if frame.empty:
        return []
    reps = representatives(frame).sort_values(["date_start", "date_end", "cluster_id"], na_position="last",
                                              kind="stable")
    cite_cols = [c for c in ("cluster_id", "doc_id", "source", "title", "published", "published_inferred", "url",
                             "published_basis")
                 if c in frame.columns]
    docs = frame[cite_cols].drop_duplicates(["cluster_id", "doc_id"])
    by_cluster: dict[str, list[Citation]] = {}
    for row in _records(docs):
        by_cluster.setdefault(row["cluster_id"], []).append(Citation(
            doc_id=str(row["doc_id"]), outlet=text_of(row.get("source")) or None,
            title=text_of(row.get("title")) or None, published=text_of(row.get("published")) or None,
            published_inferred=row.get("published_inferred") is True or _true(row.get("published_inferred")),
            url=safe_url(row.get("url")), published_basis=text_of(row.get("published_basis")) or None))
    verified = {}
    if "verified" in frame.columns:  # bool, or text from a CSV
        flags = frame["verified"].astype(str).str.strip().str.lower().isin(("true", "1"))
        verified = flags.groupby(frame["cluster_id"].to_numpy()).any().to_dict()
    keep = [c for c in reps.columns if c in _ITEM_COLUMNS]
    items = []
    for row in _records(reps[keep]):
        actors = _as_list(row.get("actors"))
        # actor1/actor2: who did what to whom (issue 18); a file built before roles existed (the columns empty
        # or absent) falls back to the first and second actor named
        if text_of(row.get("actor1")):
            actor1, actor2 = text_of(row.get("actor1")), text_of(row.get("actor2")) or None
        else:
            actor1, actor2 = (actors[0] if actors else None), (actors[1] if len(actors) > 1 else None)
        items.append(EventItem(
            cluster_id=str(row["cluster_id"]), date_start=text_of(row.get("date_start")) or None,
            date_end=text_of(row.get("date_end")) or None, granularity=text_of(row.get("granularity"), "unknown"),
            date_text=text_of(row.get("date_text")), date_display=_row_display(row),
            event_type=text_of(row.get("event_type"), "OTHER"), headline=text_of(row.get("headline")),
            quote=text_of(row.get("quote")), actors=actors, actor1=actor1, actor2=actor2,
            countries=_as_list(row.get("countries")), locations=_as_list(row.get("locations")),
            verified=bool(verified.get(row["cluster_id"], False)), n_mentions=int(row.get("n_mentions", 1)),
            citations=by_cluster.get(row["cluster_id"], [])))
    return items


def outlets_line(citations: list[Citation]) -> str:
    """The outlets of an event's articles, each once, in citation order ("Reuters; TASS")."""
    return "; ".join(dict.fromkeys(c.outlet or c.title or c.doc_id for c in citations))


# --- TimelineJS ----------------------------------------------------------------------------------------

def _tl_date(d: date, kind: str) -> dict:
    """A TimelineJS date object with only the parts that are known."""
    out = {"year": d.year}
    if kind in ("day", "span", "month"):
        out["month"] = d.month
    if kind in ("day", "span"):
        out["day"] = d.day
    return out


def _lane(item: EventItem, lane: str) -> str:
    if lane == "actors":
        return item.actors[0] if item.actors else "(no actor)"
    if lane == "event_type":
        return item.event_type
    return country_label(item.countries[0]) if item.countries else "(no country)"


def _citation_html(n: int, c: Citation) -> str:
    label = html.escape(" · ".join(x for x in (c.outlet, c.title or c.doc_id, c.published) if x))
    link = f' <a href="{html.escape(c.url)}">{html.escape(c.url)}</a>' if c.url else ""
    return f"[{n}] {label}{link}"


def timelinejs(frame: pd.DataFrame, title: str = "Timeline", subtitle: str = "", lane: str = "countries") -> bytes:
    """TimelineJS3 JSON: a title slide and one event per dated cluster, with only the date parts known,
    `display_date` in words, `group` by lane (countries, actors or event_type)."""
    events = []
    for item in event_items(frame):
        kind = precision(item.date_start, item.date_end, item.granularity)
        if kind == "none":
            continue
        first, last = _day(item.date_start), _day(item.date_end) or _day(item.date_start)
        text = [f"<p>“{html.escape(item.quote)}”</p>"] if item.quote else []
        text.append("<p>" + "<br>".join(_citation_html(n, c) for n, c in enumerate(item.citations, 1)) + "</p>")
        if not item.verified:
            text.append("<p><i>Machine-extracted; not checked by an analyst.</i></p>")
        event = {"start_date": _tl_date(first, kind), "display_date": item.date_display,
                 "text": {"headline": html.escape(item.headline or item.quote[:80]), "text": "".join(text)},
                 "group": _lane(item, lane), "unique_id": item.cluster_id}
        if kind == "span":
            event["end_date"] = _tl_date(last, kind)
        events.append(event)
    doc = {"title": {"text": {"headline": html.escape(title), "text": html.escape(subtitle)}}, "events": events}
    return json.dumps(doc, ensure_ascii=False, indent=1).encode("utf-8")


# --- ACLED-style CSV -----------------------------------------------------------------------------------

def acled_precision(item: EventItem) -> int:
    """ACLED `time_precision`: 1 the day is known, 2 within a week or so, 3 only the month or coarser."""
    first, last = _day(item.date_start), _day(item.date_end) or _day(item.date_start)
    kind = precision(item.date_start, item.date_end, item.granularity)
    if kind == "day":
        return 1
    if kind == "span" and (last - first).days <= 7:
        return 2
    return 3


def _iso_numeric(code: str | None) -> str:
    """ISO 3166-1 numeric code (what ACLED's `iso` column holds) of an alpha-3 code, "" when unknown."""
    if not code:
        return ""
    import pycountry

    country = pycountry.countries.get(alpha_3=code)
    return str(int(country.numeric)) if country else ""


def acled_csv(frame: pd.DataFrame, coordinates: dict[str, tuple[float, float]] | None = None) -> bytes:
    """ACLED-style CSV, one row per dated event: `event_date` is the first day of what is known and
    `time_precision` (1-3) says how exactly; `event_type` holds the PLOVER type (not ACLED's own types);
    `location` the first place named whose coordinates are known (else the first named, else the country),
    with its coordinates (`places.Gazetteer`: registry places, then GeoNames' cities and capitals, a shared
    name placed in the event's country)."""
    places = as_gazetteer(coordinates)
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=ACLED_COLUMNS, lineterminator="\n")
    writer.writeheader()
    for item in event_items(frame):
        if item.date_start is None:
            continue
        found = next(((p, pt) for p in item.locations if (pt := places.locate(p, item.countries)) is not None), None)
        place = found[0] if found else (item.locations[0] if item.locations else "")
        lat, lon = found[1] if found else ("", "")
        country = item.countries[0] if item.countries else None
        notes = item.headline + (f" (on {item.date_display}, from “{item.date_text}”)" if item.date_text else
                                 f" (on {item.date_display})")
        if item.quote:
            notes += f": “{item.quote}”"
        writer.writerow({
            "event_id_cnty": item.cluster_id, "event_date": _day(item.date_start).isoformat(),
            "time_precision": acled_precision(item), "event_type": item.event_type,
            "actor1": item.actor1 or "", "actor2": item.actor2 or "",
            "country": country_label(country) if country else "", "iso": _iso_numeric(country),
            "location": place or (country_label(country) if country else ""), "latitude": lat, "longitude": lon,
            "source": outlets_line(item.citations), "notes": notes})
    return out.getvalue().encode("utf-8")


# --- GeoJSON -------------------------------------------------------------------------------------------

def geojson(frame: pd.DataFrame, coordinates: dict[str, tuple[float, float]] | None = None) -> bytes:
    """A GeoJSON FeatureCollection (RFC 7946: [longitude, latitude]) with one Point per event and place
    whose coordinates are known (`places.Gazetteer`); events with no such place are left out."""
    places = as_gazetteer(coordinates)
    features = []
    for item in event_items(frame):
        for place in dict.fromkeys(item.locations):
            point = places.locate(place, item.countries)
            if point is None:
                continue
            lat, lon = point
            features.append({"type": "Feature", "geometry": {"type": "Point", "coordinates": [lon, lat]},
                             "properties": {
                                 "event_id": item.cluster_id, "location": place, "date_start": item.date_start,
                                 "date_end": item.date_end, "date_display": item.date_display,
                                 "date_text": item.date_text, "event_type": item.event_type,
                                 "headline": item.headline, "actors": "; ".join(item.actors),
                                 "countries": "; ".join(item.countries), "sources": outlets_line(item.citations),
                                 "url": next((c.url for c in item.citations if c.url), None),
                                 "verified": item.verified, "mentions": item.n_mentions}})
    return json.dumps({"type": "FeatureCollection", "features": features}, ensure_ascii=False,
                      indent=1).encode("utf-8")


# --- iCalendar -----------------------------------------------------------------------------------------

def ics(frame: pd.DataFrame, title: str = "Timeline", generated: str = "") -> bytes:
    """An iCalendar file (RFC 5545) with one all-day event per dated event, spanning the days it may fall
    on (a month-level date covers the month). `generated` (ISO date) is the DTSTAMP: no clock is read."""
    from icalendar import Calendar, Event as VEvent

    stamp = _day(generated) or date(1970, 1, 1)
    cal = Calendar()
    cal.add("prodid", f"-//{PRODUCT}//exports//EN")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", title)
    for item in event_items(frame):
        first = _day(item.date_start)
        if first is None:
            continue
        last = _day(item.date_end) or first
        event = VEvent()
        event.add("uid", f"{item.cluster_id}@{PRODUCT}")
        event.add("dtstamp", datetime.combine(stamp, time(0), tzinfo=timezone.utc))
        event.add("dtstart", first)
        event.add("dtend", max(last, first) + timedelta(days=1))  # DTEND of an all-day event is exclusive
        event.add("summary", item.headline or item.quote[:80])
        lines = [f"When: {item.date_display}" + (f" (“{item.date_text}”)" if item.date_text else "")]
        if item.quote:
            lines.append(f"“{item.quote}”")
        lines += [f"[{n}] " + " · ".join(x for x in (c.outlet, c.title or c.doc_id, c.published, c.url) if x)
                  for n, c in enumerate(item.citations, 1)]
        if not item.verified:
            lines.append("Machine-extracted; not checked by an analyst.")
        event.add("description", "\n".join(lines))
        event.add("categories", [item.event_type])
        if item.locations:
            event.add("location", ", ".join(item.locations))
        url = next((c.url for c in item.citations if c.url), None)
        if url:
            event.add("url", url)
        cal.add_component(event)
    return cal.to_ical()


# --- SQLite --------------------------------------------------------------------------------------------

def sqlite_bytes(frame: pd.DataFrame) -> bytes:
    """An SQLite database (for datasette, sqlite-utils): table `events`, one row per mention with every
    column of the frame, lists as JSON text, booleans as 0/1; indexed on cluster_id and date_start."""
    import sqlite3

    cols = [c for c in frame.columns if not str(c).startswith("_")]

    def cell(value):
        if isinstance(value, (list, tuple)) or hasattr(value, "tolist") and not isinstance(value, str):
            return json.dumps([str(v) for v in list(value)], ensure_ascii=False)
        if value is None or (isinstance(value, float) and pd.isna(value)):
            return None
        if isinstance(value, bool) or type(value).__name__ == "bool_":
            return int(value)
        if hasattr(value, "item"):  # numpy scalars
            return value.item()
        return value

    conn = sqlite3.connect(":memory:")
    try:
        quoted = ", ".join(f'"{c}"' for c in cols)
        types = {c: "INTEGER" if c in ("char_start", "char_end", "published_inferred", "verified", "hidden")
                 else "TEXT" for c in cols}
        conn.execute(f"CREATE TABLE events ({', '.join(f'{chr(34)}{c}{chr(34)} {types[c]}' for c in cols)})")
        conn.executemany(f"INSERT INTO events ({quoted}) VALUES ({', '.join('?' * len(cols))})",
                         ([cell(v) for v in row] for row in frame[cols].itertuples(index=False, name=None)))
        for col in ("cluster_id", "date_start"):
            if col in cols:
                conn.execute(f'CREATE INDEX "events_{col}" ON events("{col}")')
        conn.commit()
        return conn.serialize()
    finally:
        conn.close()


# --- a listing for the command line (`curate list`) ------------------------------------------------------

def event_listing(frame: pd.DataFrame, search: str = "") -> list[str]:
    """One line per mention, in date order: event id, cluster id, date in words, type, headline and whether
    it is verified; only those whose headline, quote, actors or outlet contain `search` (any case)."""
    rows = frame.sort_values(["date_start", "cluster_id", "event_id"], na_position="last", kind="stable")
    needle = search.strip().lower()
    lines = []
    for row in rows.to_dict("records"):
        headline = text_of(row.get("headline")) or text_of(row.get("quote"))[:90]
        hay = " ".join([headline, text_of(row.get("quote")), text_of(row.get("source")),
                        *_as_list(row.get("actors"))]).lower()
        if needle and needle not in hay:
            continue
        mark = "  [verified]" if _true(row.get("verified")) else ""
        lines.append(f"{row['event_id']}  {row['cluster_id']}  {_row_display(row)}  "
                     f"{text_of(row.get('event_type'), 'OTHER')}  {headline}{mark}")
    return lines


# One table of the formats above: name -> (function of (frame, options), MIME type, file suffix).
FORMATS = {
    "timelinejs": (lambda f, o: timelinejs(f, o.get("title", "Timeline"), o.get("subtitle", ""),
                                           o.get("lane", "countries")), "application/json", "timeline.json"),
    "acled-csv": (lambda f, o: acled_csv(f), "text/csv", "acled.csv"),
    "geojson": (lambda f, o: geojson(f), "application/geo+json", "geojson"),
    "ics": (lambda f, o: ics(f, o.get("title", "Timeline"), o.get("generated", "")), "text/calendar", "ics"),
    "sqlite": (lambda f, o: sqlite_bytes(f), "application/vnd.sqlite3", "sqlite"),
}


def format_bytes(frame: pd.DataFrame, fmt: str, **options) -> bytes:
    """The bytes of `frame` in one of FORMATS (options: title, subtitle, lane, generated)."""
    return FORMATS[fmt][0](frame, options)


__all__ = ["FORMATS", "format_bytes", "event_items", "EventItem", "Citation", "display_date", "precision",
           "format_day", "safe_url", "outlets_line", "timelinejs", "acled_csv", "geojson", "ics", "sqlite_bytes",
           "acled_precision", "event_listing"]
