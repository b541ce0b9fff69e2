"""Spanish expressions added in the third pass on issue 21: whole and ranked units as durations, "lo que va de
año", "esa fecha", "de mañana", deictic days of the month, quarters of the year before, halves as decimals, and a
clock time "de ayer". Sentences written for these tests, not taken from any benchmark; each value was checked by
hand against a calendar (DCT Monday 11 October 2010)."""
import pytest

from pipeline.timex import find_timexes

ES_DCT = "2010-10-11"  # a Monday


def tagged(text, dct=ES_DCT):
    return [(t.text, t.type, t.value) for t in find_timexes(text, dct, "es")]


@pytest.mark.parametrize("text,expected", [
    # the whole of a day or week is a duration; the whole year stays the year talked about
    ("La huelga durará toda la semana.", [("toda la semana", "DURATION", "P1W")]),
    ("Llovió todo el día en la capital.", [("todo el día", "DURATION", "P1D")]),
    ("Fue el peor dato de todo el año.", [("todo el año", "DATE", "2010")]),
    # a unit counted by its rank
    ("El club tiene opción a un segundo año de contrato.", [("un segundo año", "DURATION", "P1Y")]),
    ("Resistieron hasta el último minuto.", [("el último minuto", "DURATION", "PT1M")]),
    ("Hoy se cumple la tercera jornada de la huelga.", [("Hoy", "DATE", "2010-10-11"), ("la tercera jornada", "DURATION", "P1D")]),
    # ... but a league round is not a day, nor are "unas jornadas" (a conference)
    ("El equipo ganó en la quinta jornada de Liga.", []),
    ("El ministro intervino en unas jornadas sobre energía.", []),
    # halves as decimals, as the Spanish TimeBank writes them
    ("La película se estrenó dos semanas y media después del estreno en Francia.", [("dos semanas y media", "DURATION", "P2.5W")]),
    ("Esperó media hora.", [("media hora", "DURATION", "PT0.5H")]),
])
def test_spanish_durations(text, expected):
    assert tagged(text) == expected


@pytest.mark.parametrize("text,expected", [
    # "en lo que va de año": the unit word is the DCT's year (month)
    ("En lo que va de año, la bolsa ha ganado un 8%.", [("año", "DATE", "2010")]),
    ("En lo que va de mes no ha llovido.", [("mes", "DATE", "2010-10")]),
    # "esa fecha" / "dicha fecha": the last date named, as precise as it was named
    ("La empresa se fundó en 1997 y hasta esa fecha él era socio.", [("1997", "DATE", "1997"), ("esa fecha", "DATE", "1997")]),
    ("El 5 de mayo firmó el acuerdo y en dicha fecha dimitió.",
     [("El 5 de mayo", "DATE", "2010-05-05"), ("dicha fecha", "DATE", "2010-05-05")]),
    ("Nadie conoce la nueva fecha; hasta esa fecha, nada.", [("esa fecha", "DATE", "XXXX-XX-XX")]),
    # "ese mismo día" is the last day named, even when a bare year came after it
    ("Se firmó el pasado 5 de octubre, como en 1996, y ese mismo día dimitió.",
     [("el pasado 5 de octubre", "DATE", "2010-10-05"), ("1996", "DATE", "1996"), ("ese mismo día", "DATE", "2010-10-05")]),
    # "de mañana" is tomorrow ("de la mañana" is the morning)
    ("El partido de mañana será difícil.", [("mañana", "DATE", "2010-10-12")]),
    ("Las tiendas abrirán a partir de mañana.", [("mañana", "DATE", "2010-10-12")]),
    # no day named: TIMEX3 value without a day, as es-dev annotates ("desde las 06.00 horas" T06:00)
    ("Llegó a las diez de la mañana.", [("las diez de la mañana", "TIME", "T10:00")]),
    # a day of the month with "pasado"/"próximo" and no "día"
    ("Llegó el pasado 3 y se irá el próximo 20.", [("el pasado 3", "DATE", "2010-10-03"), ("el próximo 20", "DATE", "2010-10-20")]),
    # quarters of last year
    ("Las ventas cayeron en el segundo trimestre del año pasado.", [("el segundo trimestre del año pasado", "DATE", "2009-Q2")]),
    ("Este verano fue seco.", [("Este verano", "DATE", "2010-SU")]),
    # "y hoy hay ...": nowadays, set against a past time; "y hoy se reunirá" is the DCT's day
    ("En 1992 había 60 buques y hoy hay 300.", [("1992", "DATE", "1992"), ("hoy", "DATE", "PRESENT_REF")]),
    ("Ayer llegó y hoy se reunirá con el rey.", [("Ayer", "DATE", "2010-10-10"), ("hoy", "DATE", "2010-10-11")]),
    # a clock time "de ayer" is on yesterday
    ("El tren llegó a las 20.00 horas de ayer.", [("las 20.00 horas", "TIME", "2010-10-10T20:00"), ("ayer", "DATE", "2010-10-10")]),
])
def test_spanish_dates(text, expected):
    assert tagged(text) == expected


@pytest.mark.parametrize("month,day,dct,expected", [
    (9, 11, "2002-01-03", 2001),  # "el 11 de septiembre" in January: last September (4 months back, 8 ahead)
    (5, None, "1999-12-01", 1999),  # May in December: 7 months back against 5 ahead -> the past one
    (8, 1, "2001-05-03", 2001),  # 1 August in May: 3 months ahead is less than half of 9 back -> the coming one
    (12, None, "1999-04-10", 1998),  # December in April: 4 months back, 8 ahead
])
def test_year_of_a_date_without_tense_cue_leans_to_the_past(month, day, dct, expected):
    from pipeline.timex.anchor import Anchor, pick_year_for

    assert pick_year_for(month, day, Anchor.parse(dct), None) == expected
    # a tense cue still decides
    assert pick_year_for(month, day, Anchor.parse(dct), "future") >= int(dct[:4])


@pytest.mark.parametrize("text,expected", [
    # a wire story names its day once: later times of day in the paragraph are on that day
    ("Un camión volcó a las seis de la mañana de ayer. La circulación quedó interrumpida hasta las 11.45 horas.",
     [("las seis de la mañana de ayer", "2010-10-10T06:00"), ("las 11.45 horas", "2010-10-10T11:45")]),
    ("Los montañeros quedaron atrapados ayer en el Pirineo. Se vieron sorprendidos, pasada la una de la tarde, "
     "por un alud.", [("ayer", "2010-10-10"), ("pasada la una de la tarde", "2010-10-10T13:00")]),
    # ... but not across a paragraph break (no day named there: no day in the value)
    ("Un camión volcó ayer en la autopista.\n\nEl tren saldrá a las 11.45 horas.",
     [("ayer", "2010-10-10"), ("las 11.45 horas", "T11:45")]),
])
def test_spanish_times_take_the_story_day(text, expected):
    assert [(t.text, t.value) for t in find_timexes(text, ES_DCT, "es")] == expected


def test_attach_scope_is_checked(tmp_path):
    from pipeline.errors import PipelineError
    from pipeline.timex.rules import load_grammar

    (tmp_path / "xx").mkdir()
    src = (load_grammar.__wrapped__ if hasattr(load_grammar, "__wrapped__") else load_grammar)
    import shutil
    from pipeline.timex.rules import DATA
    shutil.copytree(DATA / "es" / "timex", tmp_path / "xx" / "timex")
    rules = tmp_path / "xx" / "timex" / "rules.yaml"
    rules.write_text(rules.read_text(encoding="utf-8").replace("attach: paragraph", "attach: page", 1), encoding="utf-8")
    with pytest.raises(PipelineError, match="attach 'page'"):
        src("xx", tmp_path)
