"""Each event of a sentence gets its own line (issue 18, "one headline reused for three events of one sentence").

A second date sitting in a background clause of its own (a relative clause, a clause after "since"/"after", a
participle, a noun phrase a relative clause tells of) gets that clause's line; two dates of one clause keep one
line. Expected lines are written by hand for made-up sentences (pipeline/stages/headline_clauses.py)."""
import pytest

from pipeline.schema import Document
from pipeline.stages import process_document


def _lines(text):
    doc = process_document(Document(doc_id="t_en", text=text + "\n", published="2023-04-20"))
    return {e.date_text: e.headline for e in doc.events}


@pytest.mark.parametrize("text, main, date, expected", [
    # a relative clause's antecedent is its subject
    ("On 3 May 2022, Ruritania and Freedonia signed a trade agreement that answered the objections raised by the "
     "Supreme Court, which had ruled on 14 February 2022 that the tariff was illegal.",
     "3 May 2022", "14 February 2022", "Supreme Court had ruled the tariff was illegal"),
    ("President Elphberg came to power in 2011 after the death of his uncle Rudolf Elphberg, who had governed the "
     "kingdom since 1990.", "2011", "1990", "His uncle Rudolf Elphberg had governed the kingdom"),
    # an event noun after "since" / "after": its noun phrase, with what a relative clause says it did
    ("Rebels shelled Strelsau on Sunday, the heaviest attack since the March 3 coup, as the army held a parade in the north.",
     "Sunday", "March 3", "The March 3 coup"),
    ("The minister resigned in 2015 after the collapse of the coalition in December 2014.",
     "2015", "December 2014", "The collapse of the coalition"),
    ("Freedonia's exports fell sharply in March after the port explosion on 12 February that destroyed the main terminal.",
     "March", "12 February", "The port explosion destroyed the main terminal"),
    # a date inside a noun phrase a relative clause tells of
    ("Officers announced on Tuesday they had seized power, annulling the results of Sunday's presidential election "
     "that returned President Elphberg for a fourth term.",
     "Tuesday", "Sunday", "Presidential election returned President Elphberg for a fourth term"),
    # a second verb after "and" takes the first one's subject; a gerund after "after" the sentence's
    ("The talks opened at 9:00 a.m. and ended at 4:30 p.m.", "9:00 a.m.", "4:30 p.m", "The talks ended"),
    ("The refugees reached the border on Friday after walking through the mountains over the weekend, the agency said.",
     "Friday", "the weekend", "The refugees walked through the mountains"),
])
def test_a_background_clause_gives_its_date_its_own_line(text, main, date, expected):
    lines = _lines(text)
    assert lines[date] == expected
    assert lines[main] != expected


def test_two_dates_of_a_background_clause_share_its_line_and_the_main_event_keeps_its_own():
    lines = _lines("Ruritania and Freedonia signed a ceasefire on 9 April that ended four weeks of clashes in the valley, "
                   "which was contested following a war that took place from 1998 to 2001.")
    assert lines["9 April"] == "Ruritania and Freedonia signed a ceasefire"
    assert lines["1998"] == lines["2001"] == "A war took place"


@pytest.mark.parametrize("text, dates", [
    # two dates of one event: one clause, one verb, one line
    ("Between 2 June and 5 June, according to the Ruritanian health ministry, at least 40 civilians were killed in the region.",
     ("2 June", "5 June")),
    ("Heavy shelling continued across the border region between 26 and 29 January, forcing thousands to flee.",
     ("26", "29 January")),
])
def test_two_dates_of_one_event_keep_one_line(text, dates):
    lines = _lines(text)
    assert lines[dates[0]] == lines[dates[1]]


def test_another_language_is_left_as_it_was():
    doc = process_document(Document(doc_id="t_fr", language="fr", published="2023-04-20",
                                    text="Le gouvernement a décrété dimanche l'état d'urgence, après l'attaque du poste de police samedi.\n"))
    heads = [e.headline for e in doc.events]
    assert len(heads) == 2 and heads[0] == heads[1]  # (no own line outside English yet: the shared line, as before)
