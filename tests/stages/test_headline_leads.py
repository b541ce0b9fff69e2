"""Wire datelines and live-blog timestamps before a headline's sentence (issue 18): hand-annotated lines of the
shape read in bench/data/headlines_judged.jsonl (sample FRESH6), names invented."""
from __future__ import annotations

import pytest

from pipeline.stages.headline_text import _blank_lead


@pytest.mark.parametrize("line, rest", [
    # a wire story's header run into its first sentence: a title, the place and the agency before the dash
    ("After the floods, Ruritania wary of new storms STRELSAU |                              STRELSAU (Reuters) - Ruritania battled floods",
     "Ruritania battled floods"),
    ("STRELSAU |                              STRELSAU (Reuters) - Shares in Acme rose", "Shares in Acme rose"),
    ("OSTBURG, Freedonia (AP) — Freedonia expects to receive", "Freedonia expects to receive"),
    # a live blog's timestamp (24-hour clock, no colon) before the entry
    ("1323 The Relief Committee in the UK says it has raised", "The Relief Committee"),
    ("0957 Building experts tell the BBC", "Building experts tell"),
])
def test_a_wire_dateline_or_a_live_blog_timestamp_is_blanked(line, rest):
    blanked = _blank_lead(line)
    assert len(blanked) == len(line) and blanked.strip().startswith(rest)


@pytest.mark.parametrize("line", [
    "2500 people fled the city",  # a number of people, not a timestamp
    "1865 Bridge Street was damaged",  # a lower-case word or an address: kept
    "The NATO (North Atlantic) - summit",  # no capitalised place before the bracket at a dateline's place
    "Officials of the WHO (World Health Organization) - its experts - said",
])
def test_a_sentence_without_a_wire_lead_is_kept(line):
    assert _blank_lead(line) == line
