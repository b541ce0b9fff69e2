"""Temporal expressions in the languages beside English, from sentences written for these tests (not from any
benchmark): Spanish has a full grammar (pipeline/data/es/timex/rules.yaml), French, German, Russian and Turkish
their basics. Each case was checked by hand against a calendar."""
import pytest

from pipeline.timex import find_timexes

# DCT Monday 11 October 2010.
ES_DCT = "2010-10-11"
SPANISH = [
    ("El presidente anunció el martes que la cumbre se celebrará el próximo 15 de noviembre en Lima.",
     [("el martes", "2010-10-05"), ("el próximo 15 de noviembre", "2010-11-15")]),
    ("El juicio se celebrará el miércoles en la Audiencia Nacional.", [("el miércoles", "2010-10-13")]),
    ("Según informó la agencia el pasado domingo, el acuerdo alcanzado en 1991 sigue vigente.",
     [("el pasado domingo", "2010-10-10"), ("1991", "1991")]),
    ("El terremoto ocurrió a las 16:53 hora local (21:53 UTC).",
     [("las 16:53 hora local", "2010-10-11T16:53"), ("21:53 UTC", "2010-10-11T21:53Z")]),
    ("Durante los últimos tres años la economía creció; en la década de 1990 cayó.",
     [("los últimos tres años", "P3Y"), ("la década de 1990", "199")]),
    ("La obra comenzará a principios de 2011 y terminará a mediados de octubre.",
     [("principios de 2011", "2011"), ("mediados de octubre", "2010-10")]),
    ("El lunes 11 de octubre de 2010 se inauguró el puente.", [("El lunes 11 de octubre de 2010", "2010-10-11")]),
    ("Los ministros se reunirán este fin de semana y la próxima semana en Bruselas.",
     [("este fin de semana", "2010-W41-WE"), ("la próxima semana", "2010-W42")]),
    ("Hoy, las autoridades informaron que ayer por la noche hubo dos muertos; mañana habrá un funeral.",
     [("Hoy", "2010-10-11"), ("ayer por la noche", "2010-10-10TNI"), ("mañana", "2010-10-12")]),
    ("Anoche se reunieron; esta mañana firmaron.", [("Anoche", "2010-10-10TNI"), ("esta mañana", "2010-10-11TMO")]),
    ("La semana pasada llovió; el próximo mes habrá elecciones.", [("La semana pasada", "2010-W40"), ("el próximo mes", "2010-11")]),
    ("El festival se celebra cada año desde hace 20 años.", [("cada año", "P1Y"), ("hace 20 años", "1990")]),
    ("El plazo vence a finales de este mes, dijo el ministro el 3 de octubre.",
     [("finales de este mes", "2010-10"), ("el 3 de octubre", "2010-10-03")]),
    ("El evento tuvo lugar en la noche del 10 de octubre y duró dos horas y media.",
     [("la noche del 10 de octubre", "2010-10-10TNI"), ("dos horas y media", "PT2H30M")]),
    ("Ahora el país vive su peor momento; este invierno será duro.", [("Ahora", "PRESENT_REF"), ("este invierno", "2010-WI")]),
]


@pytest.mark.parametrize("text,expected", SPANISH, ids=[c[0][:40] for c in SPANISH])
def test_spanish(text, expected):
    assert [(t.text, t.value) for t in find_timexes(text, ES_DCT, "es")] == expected


def test_spanish_modifiers_and_types():
    found = {t.text: t for t in find_timexes("A principios de 2011 y durante más de un año, dos veces al año.", ES_DCT, "es")}
    assert (found["principios de 2011"].mod, found["principios de 2011"].type) == ("START", "DATE")
    assert (found["más de un año"].value, found["más de un año"].mod, found["más de un año"].type) == ("P1Y", "MORE_THAN", "DURATION")
    assert (found["al año"].value, found["al año"].type) == ("P1Y", "SET")


@pytest.mark.parametrize("text", [
    "Plácido Domingo cantó en la Plaza de Mayo.",   # names, not a Sunday or a month
    "Lo informó el diario mexicano La Jornada.",     # the newspaper, not a daily set
    "Un segundo debate se celebró en Lima.",         # an ordinal, not one second
    "La inflación bajó al 3,5% y el paro al 12,3%.",  # percentages, not days of the month
])
def test_spanish_lookalikes(text):
    assert find_timexes(text, ES_DCT, "es") == []
