"""The briefing pack (issue 20): the same content as PDF (read back with pypdf), DOCX (python-docx reopens it)
and Markdown; title and subtitle as given, a summary in words, honest dates, numbered citations, http(s)
links only, page numbers, the machine-extracted caveat; no filter dump, no empty "()", no doubled quotes."""
from __future__ import annotations

import io
import re
from pathlib import Path

import pandas as pd
import pytest

from pipeline.explore.briefing import CAVEAT, briefing_content, quoted, strip_quotes, to_docx, to_markdown, to_pdf
from pipeline.frame.io import read_events
from conftest import ROOT

FIXTURE = ROOT / "tests" / "data" / "events_fixture.json"


@pytest.fixture(scope="module")
def frame():
    events = read_events(FIXTURE)
    # one verified event, one article with a javascript: link that must never become a link
    events = events.assign(verified=events["cluster_id"] == "k_sochi")
    events.loc[events["doc_id"] == "blog_c", "url"] = "javascript:alert(1)"
    return events


@pytest.fixture(scope="module")
def pack(frame):
    return briefing_content(frame, "Caucasus desk", "For the Minister's office", "2026-01-02")


def test_summary_counts_span_outlets_and_verification(pack):
    assert pack.summary == (
        "This pack lists 11 events (14 mentions), dated from 5 March 2020 to 2021, reported in "
        "5 articles by 4 outlets (Northern Wire, Gazette East, Daily Ledger, Steppe Blog). 1 event has no date. "
        "1 event has been verified by an analyst; 10 are machine-extracted and not yet checked.")


def test_summary_span_keeps_each_end_at_its_precision(frame):
    # "the end of 2020" (Sep–Dec, kept as a year-level band) must not read as "1 September 2020"
    vague = frame[frame["cluster_id"] == "k_truce"].assign(
        date_start="2020-09-01", date_end="2020-12-31", granularity="year", date_display="end of 2020")
    day = frame[frame["cluster_id"] == "k_sochi"]
    summary = briefing_content(pd.concat([vague, day]), "T").summary
    assert ", dated end of 2020, reported" in summary  # 29 Dec lies inside the end of 2020
    later = day.assign(date_start="2021-01-05", date_end="2021-01-05")
    summary = briefing_content(pd.concat([vague, later]), "T").summary
    assert "dated from end of 2020 to 5 January 2021," in summary and "September" not in summary


def test_summary_counts_articles_without_an_outlet(frame):
    unnamed = frame.assign(source=frame["source"].where(frame["doc_id"] != "blog_c", None))
    summary = briefing_content(unnamed, "T").summary
    assert "by 3 outlets (Northern Wire, Gazette East, Daily Ledger). 1 article names no outlet." in summary
    assert briefing_content(frame.iloc[0:1], "T").summary.startswith(
        "This pack lists 1 event (1 mention), dated 10 November 2020, reported in 1 article by 1 outlet")


def test_chronology_dates_refs_and_key_events(pack):
    by_headline = {e.headline: e for e in pack.entries}
    truce = by_headline["Leaders sign a ceasefire"]
    # sources are numbered in chronological order: Idlib (March, [1]) and the fall fighting ([2]) come first
    assert (truce.when, truce.refs, truce.date_words) == ("10 November 2020", [3, 4, 5], "Tuesday")
    assert by_headline["Turkey to send monitors"].when == "1–10 December 2020"
    assert [e.when for e in pack.entries][-1] == "undated"
    assert pack.sources[0].label() == "Northern Wire, “Ministers meet in Sochi”, 29 December 2020"
    # key events: those more than one article (or mention) reported, in date order
    assert [e.headline for e in pack.key] == ["Leaders sign a ceasefire", "Foreign ministers meet in Sochi"]
    assert all(s.url is None or s.url.startswith("https://") for s in pack.sources)


@pytest.mark.parametrize("text, expected", [
    ('"Of course," he said.', "“'Of course,' he said.”"),
    ("“We have confirmed it,” Lavrov said", "“‘We have confirmed it,’ Lavrov said”"),
    ("as “a new page.”", "“as ‘a new page.’”"),
    ("plain", "“plain”"),
])
def test_quotes_never_doubled(text, expected):
    assert quoted(strip_quotes(text)) == expected
    assert not re.search(r"[“”\"]{2}", quoted(strip_quotes(text)))


def test_markdown(pack):
    md = to_markdown(pack).decode("utf-8")
    assert md.startswith("# Caucasus desk\n\n*For the Minister's office*\n\nPrepared 2 January 2026\n")
    assert "## Chronology" in md and "## Sources" in md and CAVEAT in md.replace("\\", "")
    assert "<https://example.org/wire-a>" in md and "javascript" not in md
    assert "()" not in md and "Filters" not in md
    assert "**10 November 2020 · AGREE**" in md and "[\\[2\\]](#source-2)" in md


def test_docx_reopens_with_links_and_page_numbers(pack):
    import docx

    data = to_docx(pack)
    doc = docx.Document(io.BytesIO(data))
    texts = [p.text for p in doc.paragraphs]
    assert texts[0] == "Caucasus desk" and texts[1] == "For the Minister's office"
    assert doc.paragraphs[1].style.name == "Subtitle" and doc.core_properties.title == "Caucasus desk"
    assert CAVEAT in texts and "29 December 2020 · MEET · verified" in texts
    assert sum(t.endswith("· verified") for t in texts) == 2  # the verified event, in key events and chronology
    links = [r.target_ref for r in doc.part.rels.values() if r.reltype.endswith("/hyperlink")]
    assert "https://example.org/wire-a" in links and not any(l.startswith("javascript") for l in links)
    footer = doc.sections[0].footer._element.xml
    assert 'w:instr="PAGE"' in footer and 'w:instr="NUMPAGES"' in footer
    assert not any("()" in t or re.search(r"[“”]{2}", t) for t in texts)


def test_pdf_pages_numbered_links_clickable(pack):
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(to_pdf(pack)))
    pages = [p.extract_text() for p in reader.pages]
    text = "\n".join(pages)
    assert reader.metadata.title == "Caucasus desk"
    for n, page in enumerate(pages, 1):
        assert f"page {n} of {len(pages)}" in page
    assert "For the Minister's office" in text and "Machine-extracted" in text and "Filters" not in text
    assert "()" not in text and not re.search(r"[“”]{2}", text)
    uris = [a.get_object()["/A"]["/URI"] for p in reader.pages for a in p.get("/Annots", [])
            if a.get_object().get("/A", {}).get("/URI")]
    assert "https://example.org/wire-a" in uris and not any(u.startswith("javascript") for u in uris)


def test_cli_briefing_title_and_subtitle(tmp_path):
    from pipeline.__main__ import main

    out = tmp_path / "pack.md"
    assert main(["export", "--events", str(FIXTURE), "--all-dates", "--format", "md", "--out", str(out),
                 "--title", "Weekly note", "--subtitle", "Eastern desk", "--date", "2026-01-02"]) == 0
    assert out.read_text(encoding="utf-8").startswith("# Weekly note\n\n*Eastern desk*\n")


def test_pdf_without_dejavu_falls_back_to_latin_1(pack, monkeypatch):
    """Without a Unicode font the core Helvetica is used: typographic quotes become plain ones, other
    characters a '?', and the pack still builds with its page numbers."""
    from pypdf import PdfReader

    from pipeline.explore import briefing

    monkeypatch.setattr(briefing, "_fonts", lambda pdf: "Helvetica")
    cyrillic = briefing.Briefing(**{**pack.__dict__, "subtitle": "Министры встретились"})
    text = "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(to_pdf(cyrillic))).pages)
    assert "page 1 of" in text and '"Tuesday"' in text and "?????????" in text


def test_sources_say_how_an_inferred_date_was_fixed(frame):
    """Issue 19: an inferred publication date is marked with its basis (`published_basis`) in the source list
    of every briefing format; a date from the metadata is not marked."""
    based = frame.assign(published_basis=frame["doc_id"].map({"blog_c": "dateline"}))
    based.loc[based["doc_id"] == "wire_d", ["published_inferred", "published_basis"]] = [True, "weekday"]
    pack = briefing_content(based, "Caucasus desk", generated="2026-01-02")
    labels = {s.doc_id: s.label() for s in pack.sources}
    assert labels["blog_c"] == "Steppe Blog, “" + strip_quotes(frame.loc[frame["doc_id"] == "blog_c", "title"].iloc[0]) \
        + "”, November 2020 (inferred from the dateline)"
    assert labels["wire_d"].endswith("29 December 2020 (inferred from a weekday in the text)")
    assert labels["wire_a"].endswith("10 November 2020")  # from the metadata
    assert "November 2020 (inferred from the dateline)" in to_markdown(pack).decode("utf-8")
    # without a basis (files written before issue 22) the mark still says the date was inferred
    plain = {s.doc_id: s.label() for s in briefing_content(frame, "x").sources}
    assert plain["blog_c"].endswith("November 2020 (inferred from the text)")


@pytest.mark.parametrize("ratio", [0.5, 1.25])
def test_pdf_chart_is_never_printed_narrower_than_170mm(pack, ratio):
    """Issue 19: the chart's text is sized for >= 8 pt at 170 mm; a tall chart that no longer fits below the
    summary goes to a page of its own instead of being shrunk narrower than that."""
    from PIL import Image
    from pypdf import PdfReader

    from pipeline.explore.briefing import CHART_PRINT_MM

    buf = io.BytesIO()
    Image.new("RGB", (800, int(800 * ratio)), "white").save(buf, format="PNG")
    reader = PdfReader(io.BytesIO(to_pdf(pack, buf.getvalue())))
    placed = [m for p in reader.pages
              for m in re.finditer(rb"([\d.]+) 0 0 ([\d.]+) [\d.]+ [\d.]+ cm\s*/I", p.get_contents().get_data())]
    assert len(placed) == 1
    width_mm = float(placed[0].group(1)) / 72 * 25.4
    assert CHART_PRINT_MM <= width_mm <= 210
    assert abs(float(placed[0].group(2)) / float(placed[0].group(1)) - ratio) < 0.01
