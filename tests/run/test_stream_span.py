"""The streamed build dates a year-less wire from the corpus's span as build() does (issue 21): the stated
articles come back from the spill folder a chunk at a time (`dct.SpanIndex`). Articles written here."""
import pandas as pd

from pipeline.build import build, build_to_file
from pipeline.frame.io import read_events

STATED = ("Eastmark harbour shut\n\nPublished: 20 November 2020\n\nThe harbour of Eastmark shut on 10 November 2020. "
          "Westmark protested on 18 November 2020.\n")
OTHER = "Westmark budget\n\nPublished: 2 December 2020\n\nWestmark's parliament passed the budget, the speaker said.\n"
# 18 November 2020 was a Wednesday, 2021 a Thursday (the day after a Wednesday): the days the corpus dates choose
WIRE = ("Ruritania reopens a crossing\n\nSTRELSAU, Nov. 18 (Nortag) - Ruritania reopened the border crossing on "
        "Wednesday, the ministry said. It had closed it on Nov. 10.\n")


def test_streamed_build_dates_a_year_less_wire_as_build_does(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    for name, text in (("a_stated.txt", STATED), ("b_wire.txt", WIRE), ("c_other.txt", OTHER)):
        (folder / name).write_text(text, encoding="utf-8")
    whole = build([folder], {"chunk": 1})
    wire = next(d for d in whole.documents if d.doc_id.startswith("b_"))
    assert (wire.published, wire.published_basis) == ("2020-11-18", "corpus")
    out = tmp_path / "events.parquet"
    build_to_file([folder], out, {"chunk": 1})
    streamed = read_events(out)
    pd.testing.assert_frame_equal(streamed, whole.frame)
    assert set(streamed[streamed["doc_id"].str.startswith("b_")]["published"]) == {"2020-11-18"}
