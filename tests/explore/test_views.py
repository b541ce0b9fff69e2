"""Views: shaping the events for the dashboard's panels; the one Markdown escape every rendered value goes through."""
from __future__ import annotations

import html
import re

from hypothesis import given
from hypothesis import strategies as st

from pipeline.explore.views import escape_markdown

PAYLOAD = "![x](http://evil.example/t.png) <script>alert(1)</script> **bold** [a](b)"


def test_messages_quoting_uploaded_names_are_inert_markdown():
    shown = escape_markdown(PAYLOAD)
    assert re.search(r"(?<!\\)[<>\[\]()!*:]", shown) is None  # every Markdown/HTML character is escaped
    assert html.unescape(shown.replace("\\", "")).replace("\u2060", "") == PAYLOAD


@given(st.text())
def test_escape_keeps_the_text(text):
    """Escaping hides nothing: unescaped, it is the text again (so analysts read what the file says)."""
    unescaped = html.unescape(escape_markdown(text).replace("\\", "")).replace("\u2060", "")  # see test_markup
    assert unescaped == text.replace("\\", "").replace("\u2060", "")


def test_escape_takes_any_value():
    assert escape_markdown(None) == ""
    assert escape_markdown(3) == "3"


def test_curation_row_reads_verified_from_bools_and_csv_text():
    import pandas as pd

    from pipeline.explore.views import curation_row

    frame = pd.DataFrame({"event_id": ["a", "b", "c"], "quote": ["Q1", "Q2", "Q3"], "doc_id": ["d"] * 3,
                          "cluster_id": ["k1", "k2", "k3"], "verified": [True, "False", "true"]})
    assert [curation_row(frame, e)["verified"] for e in "abc"] == [True, False, True]
    assert curation_row(frame, "b") == {"event_id": "b", "quote": "Q2", "doc_id": "d", "cluster_id": "k2",
                                        "verified": False, "status": "Not verified · d · cluster k2"}
    assert curation_row(frame.drop(columns="verified"), "a")["verified"] is False


def test_detail_markdown_links_only_http_and_escapes_every_value():
    import pandas as pd

    from pipeline.explore.views import detail_markdown

    detail = pd.DataFrame({
        "headline": ["*Talks* [x](javascript:alert(1))", "h2"], "date_start": ["2020-11-10"] * 2,
        "date_end": ["2020-11-10"] * 2, "granularity": ["day"] * 2, "event_type": ["AGREE"] * 2,
        "doc_id": ["a", "b"], "source": ["<b>Wire</b>", None], "title": ["T1", "T2"],
        "url": ["javascript:alert(1)", "https://example.org/a"], "published_inferred": [False, True],
        "published": ["2020-11-10", None], "section": ["body", "body"], "quote": ["Q one", "Q two"],
        "date_text": ["", ""]})
    shown = detail_markdown(detail)
    assert "](javascript" not in shown["title"] and "\\*Talks\\*" in shown["title"]
    assert shown["caption"] == "2 source\\(s\\) · 2020\\-11\\-10 · AGREE"
    assert detail_markdown(detail.assign(date_display="10 Nov 2020"))["caption"] == "2 source\\(s\\) · 10 Nov 2020 · AGREE"
    first, second = shown["sources"]
    assert first["line"] == "**&lt;b&gt;Wire&lt;/b&gt;** — T1 · published 10 Nov 2020 · body"
    assert "[T2](https://example.org/a)" in second["line"] and "(inferred from the text)" in second["line"]
    assert "unknown outlet" in second["line"] and second["quote"] == "> Q two"


def test_detail_markdown_says_how_an_inferred_publication_date_was_fixed():
    """Issue 19: the dashboard marks an inferred date with its basis (`published_basis`, issue 22)."""
    import pandas as pd

    from pipeline.explore.views import detail_markdown, published_display

    detail = pd.DataFrame({
        "headline": ["h"] * 4, "date_start": ["2020-12-29"] * 4, "date_end": ["2020-12-29"] * 4,
        "granularity": ["day"] * 4, "event_type": ["MEET"] * 4, "doc_id": ["a", "b", "c", "d"],
        "source": ["Wire"] * 4, "title": ["T1", "T2", "T3", "T4"], "url": [None] * 4,
        "published_inferred": [True, True, False, True], "published_basis": ["dateline", "weekday", "metadata", None],
        "published": ["2020-12-29", "2020-11", "2020-12-30", "2020"], "section": ["body"] * 4,
        "quote": ["q"] * 4, "date_text": [""] * 4})
    lines = [s["line"] for s in detail_markdown(detail)["sources"]]
    assert lines[0] == "**Wire** — T1 · published 29 Dec 2020 (inferred from the dateline) · body"
    assert lines[1] == "**Wire** — T2 · published Nov 2020 (inferred from a weekday in the text) · body"
    assert lines[2] == "**Wire** — T3 · published 30 Dec 2020 · body"  # from the metadata: no mark
    assert lines[3] == "**Wire** — T4 · published 2020 (inferred from the text) · body"  # basis unknown
    # a file without the column (written before issue 22) still marks inferred dates
    assert "(inferred from the text)" in detail_markdown(detail.drop(columns="published_basis"))["sources"][0]["line"]
    assert published_display(None) == "date unknown" and published_display("2020-13-45") == "2020-13-45"


def test_curation_start_is_the_first_listed_event_of_the_cluster_being_read():
    """Issue 20: the curation panel opens on the event the analyst is reading, not the file's first."""
    import pandas as pd

    from pipeline.explore.views import curation_start

    frame = pd.DataFrame({"event_id": ["a", "b", "c", "d"], "cluster_id": ["k1", "k2", "k2", "k3"]})
    assert curation_start(frame, "k2", ["a", "b", "c", "d"]) == "b"
    assert curation_start(frame, "k2", ["a", "c"]) == "c"  # only events the picker offers
    assert curation_start(frame, "k3", ["a"]) is None and curation_start(frame, None, ["a"]) is None
