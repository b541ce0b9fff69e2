"""dct_near across languages (issue 22 round 7): articles are similar by their mentions' registry keys as well as
by their words, so a Russian wire finds the English pages of its story; and the similar articles may overrule a
year inferred from a year-less dateline's lone weekday fit. Articles written here (a made-up county, Larvik)."""
from pipeline.schema import Document
from pipeline.stages import borrow_years, process_document
from pipeline.stages.actors import find_mentions
from pipeline.stages.dct_near import Neighbours, _inflected_country, _keys, overrulable, wanted_names

# 12 March was a Tuesday in 2019 and 2024; within five years after 3 May 2014 only 2019 fits ('во вторник')
RU = ("Кения ввела чрезвычайное положение\n\nМОСКВА, 12 марта. /ТАСС/. Правительство Кении во вторник ввело "
      "чрезвычайное положение в округе Ларвик после столкновений, сообщил представитель МВД страны. Первые "
      "столкновения в Ларвике произошли 3 мая 2014 года.\n")
EN1 = ("Kenya declares emergency in Larvik\n\nPublished: 12 March {y}\n\nKenya's government declared a state of "
       "emergency in Larvik county on Tuesday after clashes between herders, the interior ministry said.\n")
EN2 = ("Curfew in Larvik\n\nPublished: 13 March {y}\n\nKenya's police imposed a curfew in Larvik county a day after "
       "the government of Kenya declared a state of emergency there.\n")
OTHER = "Westmark budget\n\nPublished: 2 March 2023\n\nWestmark's parliament passed the budget, the speaker said.\n"
HARBOUR = "Harbour\n\nPublished: 5 June 2022\n\nThe Ostburg harbour reopened, the port authority said.\n"


def _corpus(year: int) -> list[Document]:
    texts = (("ru", RU), ("en1", EN1.format(y=year)), ("en2", EN2.format(y=year)), ("o1", OTHER), ("o2", HARBOUR))
    return [process_document(Document(doc_id=n, text=t)) for n, t in texts]


def test_country_names_of_other_languages_are_the_english_keys():
    for text in ("Syrian President Bashar al-Assad left Syria.", "Beşar Esad Suriye'den ayrıldı.",
                 "Bachar al-Assad a quitté la Syrie.", "Bashar al Asad dejó Siria.", "Асад покинул Сирия."):
        assert "SYR" in {m.country for m in find_mentions(text)}, text
    # Russian declension: the registry holds the nominative; an inflected form is found by its ending
    assert [_inflected_country(w) for w in ("сирии", "украины", "израиля", "китая", "турции")] == [
        "SYR", "UKR", "ISR", "CHN", "TUR"]
    assert _inflected_country("москве") is None and _inflected_country("армии") is None


def test_a_russian_wire_is_near_the_english_pages_of_its_story():
    docs = _corpus(2024)
    ru = docs[0]
    assert "@KEN" in _keys(ru) and "@KEN" in _keys(docs[1])
    near = Neighbours(wanted_names(docs)).count(docs).index(docs).of(ru)
    assert sorted(str(d) for _, d in near) == ["2024-03-12", "2024-03-13"]


def test_the_corpus_overrules_a_lone_weekday_fit_when_the_similar_articles_agree():
    docs = _corpus(2024)
    ru = docs[0]
    assert (ru.published, ru.published_basis) == ("2019-03-12", "dateline") and overrulable(ru)  # the wrong lone fit
    borrow_years(docs)
    assert (ru.published, ru.published_basis, ru.published_inferred) == ("2024-03-12", "corpus", True)
    assert "2019-03-12" in ru.dct_note and "near 2024" in ru.dct_note
    assert [d.published for d in docs[1:]] == ["2024-03-12", "2024-03-13", "2023-03-02", "2022-06-05"]


def test_a_right_lone_fit_stays():
    docs = _corpus(2019)  # the story is of 2019: the similar articles agree with the inferred year
    borrow_years(docs)
    assert (docs[0].published, docs[0].published_basis) == ("2019-03-12", "dateline")


def test_a_lone_fit_with_no_similar_article_stays():
    docs = [d for d in _corpus(2024) if d.doc_id not in ("en1", "en2")]
    borrow_years(docs)
    assert (docs[0].published, docs[0].published_basis) == ("2019-03-12", "dateline")


def test_articles_found_by_keys_alone_count_only_when_of_the_same_weeks():
    """Three English pages that share only 'Kenya' with the Russian wire, months apart: no neighbours, no year."""
    pages = [("Kenya budget\n\nPublished: {d}\n\nKenya's parliament in Nairobi passed the {w} budget, the speaker "
              "said.\n").format(d=d, w=w) for d, w in (("2 January 2023", "farm"), ("10 May 2023", "road"),
                                                      ("1 October 2023", "school"))]
    docs = [process_document(Document(doc_id=f"k{i}", text=t)) for i, t in enumerate(pages)] + _corpus(2024)[2:]
    ru = process_document(Document(doc_id="ru", text=RU))
    docs.insert(0, ru)
    near = Neighbours(wanted_names(docs)).count(docs).index(docs).of(ru)
    assert near == []
    borrow_years(docs)
    assert (ru.published, ru.published_basis) == ("2019-03-12", "dateline")
