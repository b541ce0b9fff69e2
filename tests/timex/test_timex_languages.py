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
     [("las 16:53 hora local", "T16:53"), ("21:53 UTC", "T21:53Z")]),  # no day named (Spanish TimeBank)
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
    # Spanish TimeBank writes halves as decimals ("dos semanas y media" P2.5W, "la última media hora" PT0.5H)
    ("El evento tuvo lugar en la noche del 10 de octubre y duró dos horas y media.",
     [("la noche del 10 de octubre", "2010-10-10TNI"), ("dos horas y media", "PT2.5H")]),
    ("Ahora el país vive su peor momento; este invierno será duro.", [("Ahora", "PRESENT_REF"), ("este invierno", "2010-WI")]),
    ("La NASA lanzó el cohete a las 11:20 (hora local) del viernes.", [("las 11:20 (hora local) del viernes", "2010-10-08T11:20")]),
    ("Los hechos ocurrieron la noche del pasado viernes.", [("la noche del pasado viernes", "2010-10-08TNI")]),
    ("El lunes por la noche hubo otro sismo.", [("El lunes", "2010-10-11"), ("la noche", "2010-10-11TNI")]),
    ("Durante la década de los ochenta y principios de los noventa hubo crisis.",
     [("la década de los ochenta", "198"), ("principios de los noventa", "199")]),
    ("Respecto al mismo periodo del año anterior, creció; el próximo día 15 habrá asamblea.",
     [("del año anterior", "2009"), ("el próximo día 15", "2010-10-15")]),
    ("Las elecciones serán el domingo 27 de marzo, según informó este sábado la comisión.",
     [("el domingo 27 de marzo", "2011-03-27"), ("este sábado", "2010-10-09")]),
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


# DCT Wednesday 30 December 2020 (2021-01-04 is a Monday, ISO week 2020-W53 holds the DCT).
DCT = "2020-12-30"
BASICS = {
    "fr": [
        ("Hier, le ministre a annoncé des élections pour la semaine prochaine.",
         [("Hier", "2020-12-29"), ("la semaine prochaine", "2021-W01")]),
        ("Aujourd'hui les combats ont repris; ils avaient cessé le mois dernier.",
         [("Aujourd'hui", "2020-12-30"), ("le mois dernier", "2020-11")]),
        ("Les ministres se rencontreront demain et l'année prochaine.", [("demain", "2020-12-31"), ("l'année prochaine", "2021")]),
        ("Le traité a été signé en 1991 et révisé en juin.", [("1991", "1991"), ("juin", "2020-06")]),
        ("Les élections auront lieu en juin.", [("juin", "2021-06")]),
        ("Ils se rencontreront mardi.", [("mardi", "2021-01-05")]),
        ("Ils se sont rencontrés mardi, cette semaine.", [("mardi", "2020-12-29"), ("cette semaine", "2020-W53")]),
    ],
    "de": [
        ("Gestern sagte der Minister, die Wahl finde nächste Woche statt.", [("Gestern", "2020-12-29"), ("nächste Woche", "2021-W01")]),
        ("Heute Morgen begannen die Kämpfe erneut, die letzten Monat aufgehört hatten.",
         [("Heute Morgen", "2020-12-30TMO"), ("letzten Monat", "2020-11")]),
        ("Die Minister treffen sich morgen und nächstes Jahr.", [("morgen", "2020-12-31"), ("nächstes Jahr", "2021")]),
        ("Der Vertrag wurde im Jahr 1991 unterzeichnet und im Juni geändert.", [("1991", "1991"), ("Juni", "2020-06")]),
        ("Die Wahl wird im Juni stattfinden.", [("Juni", "2021-06")]),
        ("Am Morgen wurde gekämpft.", []),  # the morning, not tomorrow
    ],
    "ru": [
        ("Вчера министр заявил, что выборы пройдут на следующей неделе.",
         [("Вчера", "2020-12-29"), ("на следующей неделе", "2021-W01")]),
        ("Сегодня бои возобновились, они прекратились в прошлом месяце.",
         [("Сегодня", "2020-12-30"), ("в прошлом месяце", "2020-11")]),
        ("Министры встретятся завтра и в следующем году.", [("завтра", "2020-12-31"), ("в следующем году", "2021")]),
        ("Договор был подписан в 1991 году и изменён в июне.", [("1991", "1991"), ("июне", "2020-06")]),
        ("Выборы будут проходить в июне.", [("июне", "2021-06")]),
    ],
    "tr": [
        ("Dün bakan seçimlerin gelecek hafta yapılacağını açıkladı.", [("Dün", "2020-12-29"), ("gelecek hafta", "2021-W01")]),
        ("Bugün çatışmalar yeniden başladı, geçen ay durmuştu.", [("Bugün", "2020-12-30"), ("geçen ay", "2020-11")]),
        ("Bakanlar yarın ve gelecek yıl görüşecek.", [("yarın", "2020-12-31"), ("gelecek yıl", "2021")]),
        ("Anlaşma 1991'de imzalandı ve Haziran ayında değiştirildi.", [("1991", "1991"), ("Haziran", "2020-06")]),
        ("Seçimler Haziran ayında yapılacak.", [("Haziran", "2021-06")]),
    ],
}
BASICS["fr"].append(("Hier soir, après trois ans de guerre, la paix a été signée; l'hiver dernier fut dur.",
                     [("Hier soir", "2020-12-29TEV"), ("trois ans", "P3Y"), ("l'hiver dernier", "2019-WI")]))
BASICS["de"].append(("Gestern Abend endete nach drei Jahren Krieg der Konflikt; letzten Winter war es hart.",
                     [("Gestern Abend", "2020-12-29TEV"), ("drei Jahren", "P3Y"), ("letzten Winter", "2019-WI")]))
BASICS["ru"].append(("Вчера вечером был подписан мир; прошлой зимой бои шли пять дней.",
                     [("Вчера вечером", "2020-12-29TEV"), ("прошлой зимой", "2019-WI"), ("пять дней", "P5D")]))
BASICS["tr"].append(("Dün akşam üç yıl süren savaş sona erdi; geçen kış zordu.",
                     [("Dün akşam", "2020-12-29TEV"), ("üç yıl", "P3Y"), ("geçen kış", "2019-WI")]))
BASIC_CASES = [(lang, *case) for lang, cases in BASICS.items() for case in cases]


@pytest.mark.parametrize("language", ["fr", "de", "ru", "tr"])
def test_types_of_the_basics(language):
    """Parts of days are TIME, durations DURATION, the rest DATE."""
    case = BASICS[language][-1]
    kinds = [t.type for t in find_timexes(case[0], DCT, language)]
    assert kinds == ["TIME", "DURATION", "DATE"] if language != "ru" else kinds == ["TIME", "DATE", "DURATION"]


@pytest.mark.parametrize("language,text,expected", BASIC_CASES, ids=[f"{c[0]}-{c[1][:30]}" for c in BASIC_CASES])
def test_basics_of_other_languages(language, text, expected):
    assert [(t.text, t.value) for t in find_timexes(text, DCT, language)] == expected
