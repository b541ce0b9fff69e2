"""CSV events files cannot be turned against the analyst who opens them in a spreadsheet (issue 17): a text
cell starting with = + - @ (or a tab, a carriage return) is stored behind a "'", and read back as it was."""
import csv
import io

import pandas as pd
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.frame.io import FORMULA_STARTS, events_to_bytes, read_events
from pipeline.schema import Event, events_frame

PAYLOADS = ['=HYPERLINK("http://127.0.0.1:9/x","click")', "+cmd|' /C calc'!A0", "-2+3+cmd|' /C calc'!A0",
            "@SUM(1+1)*cmd|' /C calc'!A0", "\t=1+1", "'=already quoted", "plain text"]


def _cells(data: bytes) -> list[list[str]]:
    return list(csv.reader(io.StringIO(data.decode("utf-8"))))


def test_formula_cells_are_stored_as_text_and_read_back_as_they_were(tmp_path):
    events = [Event(event_id=f"e{i}", doc_id="d", headline=p, quote=p, actors=[p, "Turkey"], source=p, title=p)
              for i, p in enumerate(PAYLOADS)]
    frame = events_frame(events)
    data = events_to_bytes(frame, "csv")
    for row in _cells(data)[1:]:
        for cell in row:
            assert not cell.startswith(FORMULA_STARTS), cell  # nothing a spreadsheet would run
    header = _cells(data)[0]
    headlines = [row[header.index("headline")] for row in _cells(data)[1:]]
    assert headlines == ["'" + p if p != "plain text" else p for p in PAYLOADS]
    (tmp_path / "e.csv").write_bytes(data)
    pd.testing.assert_frame_equal(read_events(tmp_path / "e.csv"), frame)


cell = st.text(alphabet=st.sampled_from(list("=+-@'\tab ")), max_size=6)


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(cell, cell, st.lists(cell.filter(bool), max_size=2)), min_size=1, max_size=4))
def test_csv_round_trip_of_cells_made_of_formula_characters(tmp_path_factory, rows):
    frame = events_frame([Event(event_id=f"e{i}", doc_id="d", headline=h, quote=q, actors=[a.replace(";", "") for a in acts])
                          for i, (h, q, acts) in enumerate(rows)])
    path = tmp_path_factory.mktemp("csv") / "e.csv"
    path.write_bytes(events_to_bytes(frame, "csv"))
    pd.testing.assert_frame_equal(read_events(path), frame)
