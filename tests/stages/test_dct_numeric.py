"""Tests for pipeline.stages.dct_numeric: which reading of an ambiguous numeric header date an article means
(issue 22). Cases written by hand in the forms outlets use (a French "Publié le", a German "Stand:", an English
"Published on:" of an agency that writes the day first, a US "Posted"), places and events invented."""
from datetime import date

from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.stages import dct
from pipeline.stages.dct_numeric import numeric_reading


def _published(text, language="en"):
    guess = dct.find_dct(text, language)
    return guess and (guess.value, guess.basis)


def test_a_french_label_reads_the_day_first():
    text = ("Des manifestants dans les rues d'Ostburg\n\nPublié le 10/01/2024 à 06:12, mis à jour le 10/01/2024 à 08:40\n\n"
            "Le président a déclaré mardi l'état d'urgence.")
    assert _published(text, "fr") == ("2024-01-10", "header")


def test_a_german_article_reads_the_day_first():
    text = "Stand: 04.03.2022 17:05 Uhr\n\nDie Regierung in Ostburg hat am Donnerstag den Notstand ausgerufen."
    assert _published(text, "de") == ("2022-03-04", "header")


def test_an_english_header_follows_the_dates_its_article_reports():
    day_first = ("Flooding forces thousands from homes\n\nPublished on: 03/09/2023 - 11:20\n\n"
                 "Rising waters forced 20,000 people from their homes on Saturday after the river burst its banks on "
                 "September 1. Rains are forecast to ease by mid-September.")
    month_first = ("Council approves transit budget\n\nPosted 03/09/2023\n\nThe council on Tuesday approved the budget "
                   "after a debate that began on February 28. Work on the new line will begin in June.")
    assert _published(day_first) == ("2023-09-03", "header")
    assert _published(month_first) == ("2023-03-09", "header")


def test_an_unambiguous_numeric_date_shows_the_order():
    text = "Posted 04/06/2021\n\nThe ministry's statement of 25/05/2021 was withdrawn on Friday."
    assert _published(text) == ("2021-06-04", "header")


def test_without_evidence_an_english_header_keeps_month_first():
    assert _published("Posted 04/06/2021\n\nThe ministry withdrew its statement on Friday.") == ("2021-04-06", "header")


def test_a_date_that_is_not_ambiguous_is_kept():
    assert numeric_reading("2021-04-25", "04/25/2021", "It happened on May 20.", "en") == "2021-04-25"
    assert numeric_reading("2021-05-05", "05/05/2021", "Published in French.", "fr") == "2021-05-05"
    assert numeric_reading("2021-06-01", "June 1, 2021", "Text.", "fr") == "2021-06-01"


@settings(max_examples=60, deadline=None)
@given(st.dates(min_value=date(1990, 1, 1), max_value=date(2030, 12, 31)), st.sampled_from(["en", "fr", "de", "es"]))
def test_the_reading_is_always_one_of_the_two(day, language):
    words = f"{day.month:02d}/{day.day:02d}/{day.year}"
    got = numeric_reading(day.isoformat(), words, f"Posted {words}\n\nSomething happened on Monday.", language)
    swapped = date(day.year, day.day, day.month).isoformat() if day.day <= 12 else day.isoformat()
    assert got in {day.isoformat(), swapped}
    if language != "en":
        assert got == swapped
