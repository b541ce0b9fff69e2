"""Exports in the formats analysts already use (issue 20), each opened by the format's own parser or schema:
TimelineJS (a JSON Schema of TimelineJS3's slide data), ACLED-style CSV (csv + the column contract), GeoJSON
(the `geojson` library's validator), iCalendar (`icalendar` parses it back), SQLite (sqlite3 reads it).
Expected values are hand-checked against tests/data/events_fixture.json."""
from __future__ import annotations

import csv
import io
import json
import sqlite3
from datetime import date
from pathlib import Path

import jsonschema
import pytest

from pipeline.__main__ import main
from pipeline.explore import formats
from pipeline.explore.exports import EXPORT_FORMATS, export_bytes
from pipeline.frame.io import read_events

FIXTURE = Path(__file__).parent / "data" / "events_fixture.json"
COORDS = {"Sochi": (43.60, 39.73), "Moscow": (55.76, 37.62), "Yerevan": (40.18, 44.51)}

# TimelineJS3's JSON format (timeline.knightlab.com/docs/json-format.html), the parts we write.
_DATE = {"type": "object", "required": ["year"], "additionalProperties": False,
         "properties": {"year": {"type": "integer"}, "month": {"type": "integer", "minimum": 1, "maximum": 12},
                        "day": {"type": "integer", "minimum": 1, "maximum": 31}},
         "dependentRequired": {"day": ["month"]}}
_TEXT = {"type": "object", "properties": {"headline": {"type": "string"}, "text": {"type": "string"}}}
TIMELINEJS_SCHEMA = {
    "type": "object", "required": ["events"],
    "properties": {
        "title": {"type": "object", "properties": {"text": _TEXT}},
        "events": {"type": "array", "items": {
            "type": "object", "required": ["start_date", "text"],
            "properties": {"start_date": _DATE, "end_date": _DATE, "display_date": {"type": "string"},
                           "group": {"type": "string"}, "unique_id": {"type": "string"}, "text": _TEXT}}}}}


@pytest.fixture(scope="module")
def frame():
    return read_events(FIXTURE)


def test_display_date_is_as_precise_as_known():
    assert formats.display_date("2020-11-10", "2020-11-10", "day") == "10 November 2020"
    assert formats.display_date("2020-11-01", "2020-11-30", "month") == "November 2020"
    assert formats.display_date("2020-12-01", "2020-12-10", "month") == "1–10 December 2020"  # "early December"
    assert formats.display_date("2020-09-22", "2020-12-20", "season") == "22 September – 20 December 2020"
    assert formats.display_date("2020-12-28", "2021-01-03", "week") == "28 December 2020 – 3 January 2021"
    assert formats.display_date("2021-01-01", "2021-12-31", "year") == "2021"
    assert formats.display_date("1980-01-01", "1989-12-31", "decade") == "1980–1989"
    assert formats.display_date(None, None, "unknown") == "undated"


def test_timelinejs_validates_and_keeps_partial_dates(frame):
    doc = json.loads(formats.timelinejs(frame, "Caucasus", "for the desk"))
    jsonschema.validate(doc, TIMELINEJS_SCHEMA)
    by_id = {e["unique_id"]: e for e in doc["events"]}
    assert "k_undated" not in by_id  # no date: not on a timeline
    assert by_id["k_truce"]["start_date"] == {"year": 2020, "month": 11, "day": 10}
    assert by_id["k_next"]["start_date"] == {"year": 2021} and "end_date" not in by_id["k_next"]
    assert by_id["k_fall"]["start_date"] == {"year": 2020, "month": 9, "day": 22}
    assert by_id["k_fall"]["end_date"] == {"year": 2020, "month": 12, "day": 20}
    assert by_id["k_next"]["display_date"] == "2021"
    assert by_id["k_truce"]["group"] == "Russia"  # the first country's name, as the dashboard lanes
    assert doc["title"]["text"] == {"headline": "Caucasus", "text": "for the desk"}
    assert 'href="https://example.org/wire-a"' in by_id["k_truce"]["text"]["text"]


def test_acled_csv_columns_precision_and_actor_fallback(frame):
    rows = list(csv.DictReader(io.StringIO(formats.acled_csv(frame, COORDS).decode("utf-8"))))
    assert tuple(rows[0]) == formats.ACLED_COLUMNS
    by_id = {r["event_id_cnty"]: r for r in rows}
    assert "k_undated" not in by_id
    truce = by_id["k_truce"]
    assert (truce["event_date"], truce["time_precision"]) == ("2020-11-10", "1")
    assert (truce["actor1"], truce["actor2"]) == ("Vladimir Putin", "Ilham Aliyev")  # no actor1 column: 1st, 2nd
    assert (truce["iso"], truce["location"], truce["latitude"]) == ("643", "Moscow", "55.76")
    assert truce["source"] == "Northern Wire; Daily Ledger; Steppe Blog"
    assert by_id["k_fall"]["time_precision"] == "3" and by_id["k_fall"]["event_date"] == "2020-09-22"
    assert by_id["k_next"]["time_precision"] == "3"
    assert by_id["k_fall"]["actor2"] == ""  # one actor: no second


def test_acled_prefers_actor_columns_when_present(frame):
    roles = frame.assign(actor1="Armenia", actor2="")
    row = next(r for r in csv.DictReader(io.StringIO(formats.acled_csv(roles, COORDS).decode()))
               if r["event_id_cnty"] == "k_truce")
    assert (row["actor1"], row["actor2"]) == ("Armenia", "")


def test_geojson_is_valid_and_lon_lat(frame):
    import geojson

    data = formats.geojson(frame, COORDS)
    collection = geojson.loads(data.decode("utf-8"))
    assert collection.is_valid, collection.errors()
    points = {(f["properties"]["event_id"], f["properties"]["location"]): f["geometry"]["coordinates"]
              for f in collection["features"]}
    assert points[("k_sochi", "Sochi")] == [39.73, 43.60]  # [longitude, latitude] (RFC 7946)
    assert ("k_truce", "Moscow") in points and ("k_fall", None) not in points
    assert all(loc in COORDS for _e, loc in points)


def test_ics_parses_with_all_day_events(frame):
    from icalendar import Calendar

    cal = Calendar.from_ical(formats.ics(frame, "Caucasus", generated="2026-01-02"))
    events = {str(e["uid"]): e for e in cal.walk("VEVENT")}
    assert "k_undated@geopolitical-timeline" not in events
    truce = events["k_truce@geopolitical-timeline"]
    assert truce.decoded("dtstart") == date(2020, 11, 10) and truce.decoded("dtend") == date(2020, 11, 11)
    fall = events["k_fall@geopolitical-timeline"]
    assert (fall.decoded("dtstart"), fall.decoded("dtend")) == (date(2020, 9, 22), date(2020, 12, 21))
    assert str(truce["summary"]) == "Leaders sign a ceasefire"
    assert truce.decoded("dtstamp").date() == date(2026, 1, 2)
    assert "10 November 2020" in str(truce["description"])


def test_sqlite_has_every_mention_with_lists_as_json(frame, tmp_path):
    path = tmp_path / "events.sqlite"
    path.write_bytes(formats.sqlite_bytes(frame.assign(verified=[i == 0 for i in range(len(frame))])))
    conn = sqlite3.connect(path)
    try:
        assert conn.execute("SELECT count(*) FROM events").fetchone()[0] == len(frame)
        actors, verified = conn.execute("SELECT actors, verified FROM events WHERE event_id = 'e01'").fetchone()
        assert json.loads(actors) == ["Vladimir Putin", "Ilham Aliyev"] and verified == 1
        assert conn.execute("SELECT date_start FROM events WHERE event_id = 'e13'").fetchone() == (None,)
        indexes = {r[1] for r in conn.execute("PRAGMA index_list(events)")}
        assert indexes == {"events_cluster_id", "events_date_start"}
    finally:
        conn.close()


@pytest.mark.parametrize("fmt", ["timelinejs", "acled-csv", "geojson", "ics", "sqlite", "docx", "md"])
def test_cli_writes_every_format(tmp_path, fmt, capsys):
    out = tmp_path / f"x.{fmt}"
    assert main(["export", "--events", str(FIXTURE), "--all-dates", "--format", fmt, "--out", str(out),
                 "--date", "2026-01-02", "--title", "Desk"]) == 0
    assert out.stat().st_size > 0 and "events (" in capsys.readouterr().out
    assert fmt in EXPORT_FORMATS


def test_empty_selection_gives_empty_but_valid_files(frame):
    empty = frame.iloc[0:0]
    assert json.loads(export_bytes(empty, "timelinejs"))["events"] == []
    assert json.loads(export_bytes(empty, "geojson")) == {"type": "FeatureCollection", "features": []}
    assert export_bytes(empty, "acled-csv").decode().strip() == ",".join(formats.ACLED_COLUMNS)


def test_every_format_is_documented():
    from conftest import ROOT

    doc = (ROOT / "docs" / "exports.md").read_text(encoding="utf-8")
    missing = [fmt for fmt in EXPORT_FORMATS if f"`{fmt}`" not in doc]
    assert missing == []


from hypothesis import given, settings
from hypothesis import strategies as st


@settings(max_examples=200, deadline=None)
@given(st.dates(min_value=date(1900, 1, 1), max_value=date(2100, 12, 31)), st.integers(0, 800),
       st.sampled_from(["day", "week", "month", "season", "year", "unknown"]))
def test_partial_dates_never_claim_more_than_is_known(first, days, granularity):
    """TimelineJS gets a day only when the day (or a span's ends) is known; ACLED precision 1 only for one day;
    the words name the first and last year."""
    from datetime import timedelta

    last = first + timedelta(days=days)
    start, end = first.isoformat(), last.isoformat()
    kind = formats.precision(start, end, granularity if days else "day")
    text = formats.display_date(start, end, granularity)
    assert str(first.year) in text and str(last.year) in text
    tl = formats._tl_date(first, kind)
    assert ("day" in tl) == (kind in ("day", "span")) and tl["year"] == first.year
    item = formats.EventItem("k", start, end, granularity, "", text, "AGREE", "h", "", [], None, None, [], [], False, 1)
    assert (formats.acled_precision(item) == 1) == (kind == "day")
    if kind == "month":
        assert (first.day, (last + timedelta(days=1)).day) == (1, 1) and text.split()[-1] == str(first.year)
