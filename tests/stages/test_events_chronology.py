"""A chronology's entries ("16 May: A tube is inserted ...") are dated by their own dates, not taken for the
article's dateline (issue 23: bench/tls_recall.py found 126 such entries of the T17 articles dated by their
article's publication day). Articles written for these tests."""
from datetime import date, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.schema import Document
from pipeline.stages import process_document

CHRONOLOGY = """How the leak was fought

The well has leaked since the rig sank, officials said on Friday.

16 May: Engineers insert a tube into the leaking pipe to carry oil to a ship.

29 May: The company announces that the attempt to plug the well has failed.

The company said it would try again next week."""


def dated(text: str, published: str | None) -> list[tuple[str, str | None]]:
    doc = process_document(Document(doc_id="t", text=text, published=published))
    return [(e.quote.split(":")[0] if ":" in e.quote[:12] else e.quote[:20], e.date_text, e.date_start)
            for e in doc.events]


def test_chronology_entries_take_their_own_dates():
    events = dated(CHRONOLOGY, "2010-06-20")
    assert ("16 May", "16 May", "2010-05-16") in events
    assert ("29 May", "29 May", "2010-05-29") in events
    assert not [e for e in events if e[0] in ("16 May", "29 May") and e[1] == ""]  # none dated by the article


def test_the_articles_own_dateline_still_dates_nothing():
    text = "MOSCOW, 30 December, 2020, (TON): Russia and Turkey agreed to open a joint monitoring centre."
    assert dated(text, "2020-12-30") == [("MOSCOW, 30 December,", "", "2020-12-30")]


def test_a_dateline_that_gives_the_article_its_date_is_still_a_dateline():
    text = "MOSCOW, 30 December, 2020, (TON): Russia and Turkey agreed to open a joint monitoring centre."
    doc = process_document(Document(doc_id="t", text=text, published=None))
    assert (doc.published, doc.published_basis) == ("2020-12-30", "dateline")  # the article's date, from its dateline
    assert [(e.date_text, e.date_start) for e in doc.events] == [("", "2020-12-30")]


@given(offset=st.integers(-40, 40))
@settings(max_examples=30, deadline=None)
def test_a_block_opening_date_is_an_entry_only_days_away_from_the_article(offset):
    published = date(2020, 12, 30)
    day = published + timedelta(days=offset)
    text = f"Talks\n\n{day.day} {day:%B} {day.year}: Russia and Turkey agreed to open a joint monitoring centre."
    (event,) = [e for e in dated(text, published.isoformat())]
    if abs(offset) <= 2:  # the article's own date line (a time zone's or a print edition's day apart)
        assert event[1:] == ("", published.isoformat())
    else:  # an entry of a chronology: its own day
        assert event[2] == day.isoformat() and event[1] != ""
