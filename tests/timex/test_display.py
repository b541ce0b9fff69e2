"""Dates at their real precision (issue 19): `date_display`, goldens and properties; its use by the views."""
from __future__ import annotations

from datetime import date, datetime

import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from pipeline.schema import COLUMNS
from pipeline.timex import value_interval
from pipeline.timex.display import date_display, with_date_display


@pytest.mark.parametrize("value, mod, expected", [
    ("2020-12-29", None, "29 Dec 2020"),
    ("2020-12-29T14:03", None, "29 Dec 2020"),
    ("2020-W47", None, "week of 16 Nov 2020"),
    ("2020-11", None, "Nov 2020"),
    ("2020-11", "START", "early Nov 2020"),
    ("2020-FA", None, "autumn 2020"),
    ("2020-WI", None, "winter 2020"),
    ("2020-Q4", None, "Q4 2020"),
    ("2020-H1", None, "H1 2020"),
    ("2020", None, "2020"),
    ("2020", "END", "end of 2020"),
    ("2020", "APPROX", "about 2020"),
    ("198X", None, "1980s"),
    ("19", None, "1900s"),
])
def test_date_display_goldens(value, mod, expected):
    start, end, gran = value_interval(value)
    assert date_display(value, gran, start, end, mod) == expected


@pytest.mark.parametrize("value, gran, start, end, expected", [
    ("XXXX-11-10", "day", None, None, "undated"),  # a date the pipeline could not place is not shown as one
    (None, "unknown", None, None, "undated"),
    ("P6W", "unknown", "2020-11-01", "2020-12-12", "1 Nov 2020 – 12 Dec 2020"),
    ("2020-11-10", "unknown", "2020-11-10", "2020-11-10", "10 Nov 2020"),
    ("2020-FA", "season", "2020-09-01", "2020-11-30", "autumn 2020"),
    ("", "season", "2021-06-01", "2021-08-31", "summer 2021"),  # no season in the value: from the month
    ("2020", "year", "2020-01-01", "2020-12-31", "2020"),
    ("2020", "year", "2020-01-01", "2020-12-31", "2020"),
])
def test_date_display_from_the_interval(value, gran, start, end, expected):
    assert date_display(value, gran, start, end) == expected


def test_unknown_mod_is_left_out():
    assert date_display("2020", "year", "2020-01-01", "2020-12-31", "LESS_THAN") == "2020"


days = st.dates(min_value=date(1001, 1, 1), max_value=date(9998, 12, 1))  # (strptime reads 4-digit years)


@given(day=days)
def test_a_day_reads_back_as_that_day(day):
    text = date_display(day.isoformat(), "day", day.isoformat(), day.isoformat())
    assert datetime.strptime(text, "%d %b %Y").date() == day


@given(day=days, gran=st.sampled_from(["week", "month", "season", "quarter", "half", "year", "decade", "century"]),
       mod=st.sampled_from([None, "START", "MID", "END", "APPROX"]))
def test_a_vague_date_never_reads_as_a_day(day, gran, mod):
    """Whatever the precision coarser than a day, the display is never a bare day ("1 Jan 2020")."""
    values = {"week": f"{day.isocalendar()[0]:04d}-W{day.isocalendar()[1]:02d}", "month": day.strftime("%Y-%m"),
              "season": f"{day.year:04d}-FA", "quarter": f"{day.year:04d}-Q{(day.month - 1) // 3 + 1}",
              "half": f"{day.year:04d}-H{1 if day.month <= 6 else 2}", "year": f"{day.year:04d}",
              "decade": f"{day.year // 10:03d}X", "century": f"{day.year // 100:02d}"}
    value = values[gran]
    start, end, found = value_interval(value)
    assert found == gran
    text = date_display(value, gran, start, end, mod)
    with pytest.raises(ValueError):
        datetime.strptime(text, "%d %b %Y")
    plain = date_display(value, gran, start, end)
    assert plain in text  # a modifier only adds words
    if gran == "month":
        assert datetime.strptime(plain, "%b %Y").date() == date.fromisoformat(start)
    if gran == "week":
        assert plain.startswith("week of ") and \
            datetime.strptime(plain[len("week of "):], "%d %b %Y").date() == date.fromisoformat(start)
    if gran in ("season", "quarter", "half", "year"):
        assert plain.endswith(str(int(value[:4])))


def test_date_display_is_the_last_event_column():
    # added after the contract's columns (never reordering them)
    assert COLUMNS.index("date_display") > COLUMNS.index("cluster_id")


def test_with_date_display_fills_only_what_is_missing():
    frame = pd.DataFrame({
        "date_value": ["2020-11", "2020", "2020-12-29"], "date_start": ["2020-11-01", "2020-01-01", "2020-12-29"],
        "date_end": ["2020-11-30", "2020-12-31", "2020-12-29"], "granularity": ["month", "year", "day"],
        "date_display": ["", None, "kept as written"], "date_mod": [None, "END", None]})
    out = with_date_display(frame)
    assert out["date_display"].tolist() == ["Nov 2020", "end of 2020", "kept as written"]
    assert "date_display" in with_date_display(frame.drop(columns=["date_display"])).columns


def test_the_pipeline_writes_date_display():
    from pipeline.schema import Document
    from pipeline.stages import process_document

    doc = process_document(Document(doc_id="t", text="The truce came in early November. They met on 29 December 2020. "
                                               "Turkey will build it this fall.", published="2020-12-30"))
    shown = {e.date_text: e.date_display for e in doc.events}
    assert shown.get("early November") == "early Nov 2020"
    assert shown.get("29 December 2020") == "29 Dec 2020"
    assert shown.get("this fall") == "autumn 2020"


def test_views_show_the_precision(tmp_path):
    from pipeline.explore import views
    from pipeline.frame.io import events_to_bytes, read_events

    from conftest import ROOT

    frame = with_date_display(read_events(ROOT / "tests" / "data" / "events_fixture.json"))
    page = views.table_page(frame, 200)
    assert page["table"].columns[0] == "date_display"
    labels = page["labels"]
    assert labels["k_next"].startswith("2021 · ") and labels["k_fall"].startswith("autumn 2020 · ")
    assert not any(label.startswith("2021-01-01") for label in labels.values())
    csv = events_to_bytes(frame, "csv").decode()
    assert "date_display" in csv.splitlines()[0] and ",autumn 2020" in csv
    spans = views.vague_spans(views.split_precision(frame)[1])
    assert set(spans["date_display"]) >= {"autumn 2020", "2021"}
    assert "2021-01-01" not in set(views.split_precision(frame)[0]["date_start"])  # never in a week's bar


def test_a_band_on_the_timeline_is_labelled_with_its_precision():
    """A year-level marker sat mid-chart like a day: vague events carry their precision beside the mark."""
    from pipeline.explore import charts
    from pipeline.frame.io import read_events

    from conftest import ROOT

    frame = with_date_display(read_events(ROOT / "tests" / "data" / "events_fixture.json"))
    spec = charts.timeline_spec(frame, context=True)
    text = {c[0]: t for tr in spec["data"] if tr.get("customdata") for c, t in zip(tr["customdata"], tr["text"])}
    assert text["k_next"] == "2021" and text["k_fall"] == "autumn 2020"
    assert text["k_sochi"] in ("", "2")  # a day: no date words, only the number of sources


def test_the_timeline_has_a_precision_legend():
    from pipeline.explore import charts
    from pipeline.frame.io import read_events

    from conftest import ROOT

    frame = read_events(ROOT / "tests" / "data" / "events_fixture.json")
    names = {t["name"] for t in charts.timeline_spec(frame, context=True)["data"] if t.get("legendgroup") == "precision"}
    assert names == {"date: the day", "date: a week, month or season", "date: a year or more"}
    days_only = frame[frame["granularity"] == "day"]
    names = {t["name"] for t in charts.timeline_spec(days_only, context=True)["data"]
             if t.get("legendgroup") == "precision"}
    assert names == {"date: the day"}  # only the kinds drawn
    charts.timeline_figure(frame, context=True)  # plotly accepts it
