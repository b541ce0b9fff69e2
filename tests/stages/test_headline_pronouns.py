"""Pronouns in headlines (issue 18): a line never opens with "He" or "I" when the article names who it is
(pipeline/stages/headline_pronouns.py). Made-up names; expected lines written by hand, in the style of the
failures read in bench/data/headlines_judged.jsonl (seed 7171)."""
import pytest

from pipeline.schema import Document
from pipeline.stages import process_document
from pipeline.stages.headline_pronouns import _leads, antecedent


def _doc(text, published="2023-04-20"):
    return process_document(Document(doc_id="t_en", text=text + "\n", published=published))


def _line(text, quote_part):
    doc = _doc(text)
    lines = [e.headline for e in doc.events if quote_part in e.quote]
    assert lines, [e.quote for e in doc.events]
    return lines[0]


@pytest.mark.parametrize("text, quote_part, expected", [
    # a speaker named beside a reporting verb in the sentence before
    ('"The virus is spreading fast in the north," Brenner said on Monday.\n\nHe declined on Tuesday to put an estimate '
     "on the number of deaths.", "He declined", "Brenner declined to put an estimate on the number of deaths"),
    # a connective and an opening adverbial before the pronoun: it is still the sentence's subject
    ("Karl Brenner told reporters on Monday that the border would stay shut.\n\nBut on Tuesday he warned the "
     "governors of the northern provinces.", "he warned", "Karl Brenner warned the governors of the northern provinces"),
    # a name of two capitalised words opening a sentence
    ("Anna Varga was born in Strelsau in 1940.\n\nIn 1961, she opened her own clinic in Zenda.", "she opened",
     "Anna Varga opened her own clinic in Zenda"),
])
def test_a_third_person_subject_is_named_by_its_nearest_antecedent(text, quote_part, expected):
    assert _line(text, quote_part) == expected


def test_a_second_verb_after_a_comma_keeps_the_sentences_pronoun_subject_and_names_it():
    text = "Anna Varga was born in Strelsau in 1940.\n\nShe was tutored privately at home, then went to Zenda University in 1958."
    assert _line(text, "then went") == "Anna Varga was tutored privately at home, then went to Zenda University"  # eighth round: the extractor's line is rebuilt here, so the sentence's own line (docs/events.md)


def test_a_quoted_first_person_gets_the_speaker_named_after_the_quote():
    text = '"I am upset with the decision of the council," said Jane Roe, a shopkeeper, on Monday.'
    assert _line(text, "I am upset") == "Jane Roe: I am upset with the decision of the council"


def test_no_name_no_change_and_a_pronoun_inside_a_clause_looks_only_in_its_own_sentence():
    doc = _doc("Karl Brenner said on Monday that the talks had failed.\n\nThe lawyers maintained on Tuesday that he had "
               "signed the letter.\n\nHe resigned on Wednesday.")
    s = next(x for x in doc.sentences if "maintained" in doc.text[x.start : x.end])
    at = doc.text.index(" he had") + 1
    assert not _leads(doc.text[s.start : s.end], s, at) and antecedent(doc, s, at) is None  # "a woman ... when she": not a name further back
    last = next(x for x in doc.sentences if doc.text[x.start : x.end].startswith("He resigned"))
    assert antecedent(doc, last, last.start) == "Karl Brenner"
    alone = _doc("He resigned on Wednesday after the vote.")
    assert [e.headline for e in alone.events] == ["He resigned after the vote"]


def test_a_date_or_a_common_word_opening_a_sentence_is_not_a_name():
    doc = _doc("Officials said on Monday that the road was closed.\n\nOn Thursday Health Minister said the clinics were full."
               "\n\nHe resigned on Friday.")
    last = next(x for x in doc.sentences if doc.text[x.start : x.end].startswith("He resigned"))
    assert antecedent(doc, last, last.start) is None
    named = _doc("Officials said on Monday that the road was closed.\n\nNeil Ferguson, an epidemiologist, spoke on Tuesday.\n\n"
                 "Ferguson said the clinics were full.\n\nHe resigned on Friday.")
    last = next(x for x in named.sentences if named.text[x.start : x.end].startswith("He resigned"))
    assert antecedent(named, last, last.start) == "Neil Ferguson"  # (the longest form of the sentence before's speaker, since round 7)


def test_an_opening_it_names_the_organisation_of_the_sentence_before_unless_a_dummy_or_quoted():
    text = "Amnesty International published a report on Monday. It said the prisoners were beaten in March."
    assert "Amnesty International said the prisoners were beaten" in [e.headline for e in _doc(text).events]
    text = "Amnesty International published a report on Monday. It is hard to say whether the prisoners were beaten in March."
    assert not any(e.headline.startswith("Amnesty International is") for e in _doc(text).events)
    text = 'Amnesty International published a report on Monday. "It will cast doubt on the trial in March," Brenner said.'
    assert not any(e.headline.startswith("Amnesty International will") for e in _doc(text).events)


def test_a_quotes_speaker_given_as_he_is_named_and_told_x_is_no_speaker():
    text = ('Energy Secretary Karl Brenner visited the rig on Monday.\n\n"I was gung-ho for this test and I remain gung-ho '
            'for this test," he said on Wednesday.')
    # (the quote's second clause kept since the seventh round: a he/she speaker of a closing tag is resolved there)
    assert "Energy Secretary Karl Brenner: I was gung-ho for this test and I remain gung-ho for this test" in [e.headline for e in _doc(text).events]
    text = '"We remain concerned about the long-term impacts on the marshes," Anna Varga told Strelsau Radio on Monday.'
    assert [e.headline for e in _doc(text).events][0].startswith("Anna Varga: We remain concerned")


def test_a_pronoun_after_an_opening_adverb_is_named_too():
    text = ("Specialist Anna Varga testified on Monday that she was reading a book in the building.\n\n"
            "Suddenly, she said, she was wounded in the head on Thursday.")
    assert "Suddenly Specialist Anna Varga was wounded in the head" in [e.headline for e in _doc(text).events]


def test_it_names_an_organisation_only_before_a_deed_or_a_statement():
    text = "The World Health Organization met on Monday. But just because flu is not in the news, it does not mean it has gone away."
    assert not any(e.headline.startswith("World Health Organization does") for e in _doc(text).events)
