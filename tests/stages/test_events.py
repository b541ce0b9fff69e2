"""Events: one per (sentence, date), DCT anchors, sections kept; scored against hand-made goldens."""
import re
import subprocess
import sys

import pycountry
import pytest

from conftest import ROOT
from pipeline.stages import actors, events, sections, sentences
from pipeline.schema import Document, Timex

sys.path.insert(0, str(ROOT / "bench"))
import events_eval  # noqa: E402


def _doc(text, timexes, published="2021-03-15"):
    doc = Document(doc_id="d", text=text, published=published)
    doc = sentences.annotate(sections.annotate(doc))
    doc.timexes = timexes
    return events.annotate(actors.annotate(doc))


def _tx(text, words, value, start=None, end=None, gran="day", kind="DATE", nth=0):
    pos = [m.start() for m in re.finditer(re.escape(words), text)][nth]
    if start is None and re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        start = value
    return Timex(pos, pos + len(words), words, kind, value, None, start, end or start, gran, "test")


TWO_DATES = "Ruritania and Freedonia signed the truce on 9 November 2020 and it took effect on 10 November 2020.\n"


def test_two_dates_in_a_sentence_give_two_events():
    doc = _doc(TWO_DATES, [_tx(TWO_DATES, "9 November 2020", "2020-11-09"), _tx(TWO_DATES, "10 November 2020", "2020-11-10")])
    assert [(e.date_text, e.date_value) for e in doc.events] == [("9 November 2020", "2020-11-09"), ("10 November 2020", "2020-11-10")]
    assert all(e.quote == TWO_DATES.strip() and TWO_DATES[e.char_start : e.char_end] == e.quote for e in doc.events)
    assert doc.events[0].event_id != doc.events[1].event_id


def test_adjacent_date_words_give_one_event():
    text = "Turkish President Recep Tayyip Erdogan said on Wednesday (25 November) he had talked to Putin.\n"
    doc = _doc(text, [_tx(text, "Wednesday", "XXXX-WXX-3", None, None, "day"), _tx(text, "25 November", "2020-11-25")], "2020-11-26")
    assert [(e.date_text, e.date_value) for e in doc.events] == [("25 November", "2020-11-25")]
    assert doc.events[0].countries[:2] == ["TUR", "RUS"] and doc.events[0].actors[:1] == ["Recep Tayyip Erdoğan"]


def test_dateline_duration_and_reference_words_are_not_event_dates():
    text = "KHARTOUM, March 15 (Reuters) - Sudan's army clashed with Ethiopian troops for three days and is now calm.\n"
    doc = _doc(text, [
        _tx(text, "March 15", "2021-03-15"),
        _tx(text, "three days", "P3D", kind="DURATION"),
        _tx(text, "now", "PRESENT_REF", None, None, "unknown"),
    ])
    # issue 18: a clear deed with no date words ("clashed") is anchored to the article's date whoever its
    # actors are; the dateline, the duration and "now" still date nothing
    assert [(e.date_text, e.date_value, e.event_type) for e in doc.events] == [("", doc.published, "ASSAULT")]
    text2 = "KHARTOUM, March 15 (Reuters) - Sudan's foreign ministry said its army clashed with Ethiopian troops.\n"
    doc2 = _doc(text2, [_tx(text2, "March 15", "2021-03-15")])
    assert [(e.date_text, e.date_value, e.granularity) for e in doc2.events] == [("", "2021-03-15", "day")]


def test_undated_statement_anchors_to_the_dct_with_its_granularity():
    text = "Ruritania news digest\n\nThe Kremlin said it would send more troops to the border.\n"
    doc = _doc(text, [], published="2020-11")
    (e,) = doc.events
    assert (e.date_text, e.date_value, e.date_start, e.date_end, e.granularity) == ("", "2020-11", "2020-11-01", "2020-11-30", "month")
    assert e.event_type == "MOBILIZE" and e.countries == ["RUS"]
    assert _doc(text, [], published=None).events == []  # no DCT, nothing to anchor to


def test_sections_carry_over_and_furniture_gives_no_event():
    text = (
        "Border news\n\nThe army of Ruritania moved two brigades to the border on 3 May 2021, the defence ministry said, "
        "in the largest deployment since the war ended in 1999 according to officials in the capital.\n\n"
        "Posted on 04/05/2021\n\nOne Comment;\n\nJo said:\nRuritania attacked us on 1 May 2021, everyone knows it.\n"
    )
    tx = [_tx(text, "3 May 2021", "2021-05-03"), _tx(text, "04/05/2021", "2021-05-04"), _tx(text, "1 May 2021", "2021-05-01")]
    doc = _doc(text, tx)
    assert [(e.date_text, e.section) for e in doc.events] == [("3 May 2021", "body"), ("1 May 2021", "comment")]


def test_headline_is_short_and_names_the_actor():
    text = "As informed on December 27, Turkey dispatched 35 soldiers to Azerbaijan to establish a joint centre.\n"
    (e,) = _doc(text, [_tx(text, "December 27", "2020-12-27")]).events
    assert e.headline == "Turkey dispatched 35 soldiers to Azerbaijan"
    assert e.event_type == "MOBILIZE"


def test_event_id_survives_an_edit_elsewhere_in_the_file():
    text = "Intro line.\n\nRuritania and Freedonia signed a truce on 9 November 2020.\n"
    edited = "A different, longer intro line was written here.\n\nRuritania and Freedonia signed a truce on 9 November 2020.\n"
    a = _doc(text, [_tx(text, "9 November 2020", "2020-11-09")]).events
    b = _doc(edited, [_tx(edited, "9 November 2020", "2020-11-09")]).events
    assert [e.event_id for e in a] == [e.event_id for e in b] and a[0].char_start != b[0].char_start


def test_no_seed_names_or_dates_in_code():
    out = subprocess.run(
        ["grep", "-riE", "lavrov|cavusoglu|shoygu|shoigu|sochi|agdam|karabakh|erdogan|putin", *map(str, sorted((ROOT / "pipeline").glob("*.py")))],
        capture_output=True, text=True,
    )
    assert out.stdout == ""


# ---------------------------------------------------------------- golden files
# With golden dates in place of the tagger's, the figures measure this stages (sections,
# actors, events, clustering) alone; end to end they also measure the temporal tagger (issue 3).

TARGETS = {
    "seeds": {"ceasefire-2020-11-10": 3, "sochi-2020-12-29": 2},
    "articles": {"eth-sdn-commission-2021-03-14": 3, "srb-kos-brussels-2021-12-03": 2},
}


@pytest.fixture(scope="module", params=sorted(events_eval.SETS))
def oracle_figures(request):
    name = request.param
    return name, events_eval.evaluate(name, events_eval.SETS[name], oracle=True)


def test_golden_events_with_golden_dates(oracle_figures):
    name, f = oracle_figures
    assert f["articles"] >= 5
    assert f["recall"] >= 0.95
    assert f["date_accuracy"] >= 0.95
    assert f["precision_all"] >= 0.8
    assert f["country_accuracy"] >= 0.9
    assert f["event_section_accuracy"] == 1.0
    assert f["comment_leaks"] == 0
    for label, sources in TARGETS[name].items():
        assert f["cluster_sources"].get(label, 0) >= sources, label
    assert f["cluster_impure_pairs"] <= 10


_E2E = {}


def _e2e(name):
    if name not in _E2E:
        _E2E[name] = events_eval.evaluate(name, events_eval.SETS[name])
    return _E2E[name]


@pytest.mark.parametrize("name", ["seeds", "articles"])
def test_end_to_end_dates(name):
    assert _e2e(name)["date_accuracy"] >= 0.95


@pytest.mark.parametrize("name", ["seeds", "articles"])
def test_end_to_end_clusters(name):
    f = _e2e(name)
    for label, sources in TARGETS[name].items():
        assert f["cluster_sources"].get(label, 0) >= sources, label


def test_a_time_on_a_known_day_dates_an_event_but_a_bare_timestamp_line_does_not():
    text = "14:10 GMT\nThe missile hit the village at 15:40 on 15 November 2022, police said.\n"
    tx = [_tx(text, "14:10 GMT", "2022-11-16T14:10", "2022-11-16", "2022-11-16", "time", kind="TIME"),
          _tx(text, "15:40 on 15 November 2022", "2022-11-15T15:40", "2022-11-15", "2022-11-15", "time", kind="TIME")]
    assert [(e.date_text, e.granularity) for e in _doc(text, tx).events] == [("15:40 on 15 November 2022", "time")]


# ---------------------------------------------------------------- headlines and event types

def test_headline_of_a_noun_trigger_is_the_main_clause_not_a_fragment():
    text = "Indeed, Freedonia bought the tanks on 3 May 2021, showing no signs of further cooperation since then.\n"
    (e,) = _doc(text, [_tx(text, "3 May 2021", "2021-05-03")]).events
    assert e.headline == "Freedonia bought the tanks"


def test_headline_of_a_closing_reporting_verb_gives_what_was_said():
    text = "“Our relations acquired strategic importance long ago,” the Ruritanian minister said on 3 May 2021.\n"
    (e,) = _doc(text, [_tx(text, "3 May 2021", "2021-05-03")]).events
    assert "relations acquired strategic importance" in e.headline and "Ruritania" in e.headline  # was "the minister said"


def test_headline_with_no_named_subject_keeps_the_clause_subject():
    text = "As a result, fighting stopped and conditions were created on 3 May 2021 for Ruritania and Freedonia to talk.\n"
    (e,) = _doc(text, [_tx(text, "3 May 2021", "2021-05-03")]).events
    assert e.headline.startswith("Conditions were created for Ruritania and Freedonia")


def test_headline_keeps_a_demonym_noun_phrase_and_never_ends_on_a_preposition():
    text = "Ruritanian peacekeeping troops deployed to the border on 3 May 2021 as part of a Freedonia-brokered ceasefire deal.\n"
    (e,) = _doc(text, [_tx(text, "3 May 2021", "2021-05-03")]).events
    assert e.headline == "Ruritanian peacekeeping troops deployed to the border"
    assert e.event_type == "MOBILIZE"  # "a ... ceasefire deal" is a noun phrase, not the main verb


@pytest.mark.parametrize("text, words, value, kind", [
    ("Ruritania und Freedonia unterzeichneten im Mai 2021 ein Abkommen.\n", "Mai 2021", "2021-05", "AGREE"),
    ("Die Armee von Ruritania griff im Mai 2021 die Grenzposten an.\n", "Mai 2021", "2021-05", "ASSAULT"),
    ("Ruritania y Freedonia se reunieron en la capital el 3 de mayo de 2021.\n", "3 de mayo de 2021", "2021-05-03", "CONSULT"),
    ("El gobierno de Ruritania acusó a Freedonia el 3 de mayo de 2021 de violar la frontera.\n", "3 de mayo de 2021", "2021-05-03", "ACCUSE"),
    ("Las delegaciones se reunirán de nuevo el 5 de septiembre de 2023 en la capital.\n", "5 de septiembre de 2023", "2023-09-05", "CONSULT"),
    ("El presidente había anunciado el 8 de agosto de 2023 el envío de tropas adicionales.\n", "8 de agosto de 2023", "2023-08-08", "MOBILIZE"),
])
def test_german_and_spanish_triggers_type_events(text, words, value, kind):
    start, end, gran = events.value_interval(value)
    (e,) = _doc(text, [_tx(text, words, value, start, end, gran)]).events
    assert e.event_type == kind
    assert e.headline.startswith(text.split()[0])  # the subject leads, not a mid-phrase fragment


def _names_an_actor(doc, e):
    h = e.headline.lower()
    ms = [m for m in doc.mentions if e.char_start <= m.start and m.end <= e.char_end and (m.name in e.actors or m.country in e.countries)]
    keys = {doc.text[m.start : m.end].lower() for m in ms} | {m.name.lower() for m in ms} | {a.lower() for a in e.actors}
    for code in e.countries:  # the country's own name counts ("India: ..." for a place in India)
        c = pycountry.countries.get(alpha_3=code)
        keys |= {(getattr(c, "common_name", None) or c.name).lower()} if c else set()
    return any(re.search(r"(?<!\w)" + re.escape(k) + r"(?!\w)", h) for k in keys if k)


@pytest.mark.parametrize("name", sorted(events_eval.SETS))
def test_headlines_of_dated_body_events_are_lines_that_name_the_actor(name):
    _, docs, _ = events_eval.build_set(events_eval.SETS[name], events_eval.load_goldens(events_eval.SETS[name]))
    dated = [(d, e) for d in docs for e in d.events if e.date_text and e.section == "body"]
    assert len(dated) >= 20
    for doc, e in dated:
        assert len(e.headline.split()) >= 3, e.headline
        assert len(e.headline) <= events.HEADLINE_CHARS, e.headline
        if e.actors or e.countries:  # or the subject as the sentence writes it ("The two armies began", issue 18)
            # (a background clause's line joins its antecedent to its verb: "a war that took place" -> "A war took place")
            quote = re.sub(r",?\s+(?:that|which|who)\s+", " ", e.quote.lower())
            written = " ".join(e.headline.split()[:3]).lower() in quote
            assert _names_an_actor(doc, e) or written, (e.headline, e.actors, e.countries)


EVENT_TYPE_FLOOR = {"seeds": 0.75, "articles": 0.9}  # measured 0.79 and 0.93 (bench/events_eval.py --oracle-dates)


def test_event_types_against_hand_annotated_goldens(oracle_figures):
    name, f = oracle_figures
    assert f["typed_events"] >= 25
    assert f["event_type_accuracy"] >= EVENT_TYPE_FLOOR[name]


# ------------------------------------------------------------------ fast trigger scan agrees with the plain one
from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

_PIECES = ["agreed", "Signed", "SIGNATURE", "resigned", "design", "met", "helmet", "sent troops", "sent some troops",
           "rief", "auf", "riefen die Leute auf", "called for", "pulling back", "s'est entretenu", "recognised",
           "does not recognize", "Waffenruhe", "acordó", "alto el fuego", "said", "told", "talks", "ceasefire-deal",
           "anti-truce", "ſigned", "ſaid", "\u212aill", "İ", "ı", "said:", "(met)", "«accord»", "x", "cd", "zd", "abc", "bc",
           " ", " ", "  ", "\n", ",", ".", "-", "'", "’", "1", "_"]
_texts = st.lists(st.sampled_from(_PIECES), max_size=40).map("".join)


def _agree(text: str, lex) -> None:
    for start, end in [(0, len(text)), (len(text) // 3, len(text)), (1, max(1, len(text) - 2))]:
        fast = events._opening_triggers(text, start, end, lex)
        if fast is not None:
            assert sorted(fast) == sorted(events._scan_triggers(text, start, end, lex))


@settings(max_examples=300, deadline=None)
@given(_texts)
def test_trigger_openings_find_what_each_pattern_finds(text):
    _agree(text, events.load_lexicon())


ODD_LEXICON = """
fallback: OTHER
types:
  A: ['ab|zd', '[ab]c', 'se(n|t)d', 'x\\w*', 'met']
  B: ['abc?', 'c(d)?']
report: ['sa(id)?', '(?:told)']
"""


@settings(max_examples=200, deadline=None)
@given(_texts)
def test_trigger_openings_with_odd_trigger_regexes(tmp_path_factory, text):
    path = tmp_path_factory.getbasetemp() / "odd_plover.yaml"
    path.write_text(ODD_LEXICON, encoding="utf-8")
    lex = events.load_lexicon(str(path))
    assert [f is not None for f in lex.firsts] == [False, True, False]
    _agree(text, lex)


def test_a_trigger_matching_nothing_leaves_the_plain_scan_to_decide(tmp_path):
    path = tmp_path / "plover.yaml"
    path.write_text("types:\n  A: ['x?']\n  B: ['met']\nreport: ['said']\n", encoding="utf-8")
    lex = events.load_lexicon(str(path))
    assert events._opening_triggers("we met  x", 0, 9, lex) is None
    assert events.find_triggers("we met  x", 0, 9, lex) == sorted(events._scan_triggers("we met  x", 0, 9, lex))
