"""Spanish numbers that share a unit, ages, described years, and times of day that take a nearby day
(Spanish and English wire style). Sentences written for these tests, not taken from any benchmark; each value
was checked by hand against a calendar."""
import pytest

from pipeline.timex import find_timexes
from pipeline.timex.display import date_display

ES_DCT = "2010-10-11"  # a Monday


def tagged(text, dct, language):
    return [(t.text, t.value) for t in find_timexes(text, dct, language)]


@pytest.mark.parametrize("text,expected", [
    # the first number of "de dos a tres años" / "tres o cuatro semanas" is a duration in the unit of the second
    ("La ayuda se amplía a los niños de dos a tres años.", [("dos", "P2Y"), ("tres años", "P3Y")]),
    ("Los turistas suelen quedarse tres o cuatro semanas.", [("tres", "P3W"), ("cuatro semanas", "P4W")]),
    ("El contrato podrá durar de 8 a 12 meses.", [("8", "P8M"), ("12 meses", "P12M")]),
    ("El escritor tiene treinta y cinco años.", [("treinta y cinco años", "P35Y")]),  # one number, not two
    # ages are durations, "de edad" or not
    ("El ciclista, de 29 años de edad, ganó la etapa.", [("29 años", "P29Y")]),
    # "en un año marcado por ...": the year the text is about (the DCT's, or the one just named)
    ("En un año marcado por la crisis, la empresa ganó más que nunca.", [("un año", "2010")]),
    ("En 2008, en un año tan difícil para todos, cerró la fábrica.", [("2008", "2008"), ("un año", "2008")]),
    ("En un año se construirá el nuevo puente.", [("un año", "P1Y")]),  # "within a year": a duration
    # coordination: each day of "el 5 y 6 de noviembre"
    ("La cumbre se celebrará el 5 y 6 de noviembre en Lima.", [("el 5", "2010-11-05"), ("6 de noviembre", "2010-11-06")]),
    # a clock time after the day it happened on, in the same sentence
    ("El avión despegó el martes de Bogotá y aterrizó a las 14.30 horas en Madrid.",
     [("el martes", "2010-10-05"), ("las 14.30 horas", "2010-10-05T14:30")]),
])
def test_spanish(text, expected):
    assert tagged(text, ES_DCT, "es") == expected


def test_first_days_of_a_month_are_its_start():
    t = find_timexes("Las obras empezaron en los primeros días de agosto.", ES_DCT, "es")
    assert [(x.text, x.value, x.mod) for x in t] == [("los primeros días de agosto", "2010-08", "START")]
    assert (t[0].date_start, t[0].date_end) == ("2010-08-01", "2010-08-10")


@pytest.mark.parametrize("text,dct,expected", [
    # the zone in parentheses stays out of the span, the final dot of "p.m." stays in; "on Tuesday" gives the day
    ("BEIJING, Dec 16 (Xinhua) -- The quake struck at 6:40 p.m. (GMT +8) on Tuesday, the center said.", "2009-12-16",
     [("Dec 16", "2009-12-16"), ("6:40 p.m.", "2009-12-15T18:40"), ("Tuesday", "2009-12-15")]),
    ("The quake struck on Tuesday at 6:40 p.m. (GMT+8), the center said.", "2009-12-16",
     [("Tuesday", "2009-12-15"), ("6:40 p.m.", "2009-12-15T18:40")]),
    # the time lands on the Tuesday named before it in the sentence, past or future
    ("The 787 made its first flight Tuesday from Paine Field, landing at 18:00 UTC after three hours.", "2009-12-16",
     [("Tuesday", "2009-12-15"), ("18:00 UTC", "2009-12-15T18:00"), ("three hours", "PT3H")]),
    ("Boeing said the first flight will take place Tuesday, with take-off set for 18:00 UTC.", "2009-12-16",
     [("Tuesday", "2009-12-22"), ("18:00 UTC", "2009-12-22T18:00")]),
    # but not in the next sentence (tests/test_timex_issue21.py has another), and not a time naming its own day
    ("The flight took place Tuesday. It landed at 18:00 UTC.", "2009-12-16",
     [("Tuesday", "2009-12-15"), ("18:00 UTC", "2009-12-16T18:00")]),
    ("Talks stalled on Monday and broke off at noon Thursday, police said.", "1998-02-13",
     [("Monday", "1998-02-09"), ("noon Thursday", "1998-02-12T12:00")]),
    # a zone with its offset written without parentheses belongs to the time, and so does the weekday after it
    ("Flights resume at 14:00 GMT+8 on Monday, the airline said.", "2009-12-16", [("14:00 GMT+8 on Monday", "2009-12-21T14:00")]),
    ("Markets open at 9 a.m. EST -2 hours earlier than usual.", "2009-12-16", [("9 a.m. EST", "2009-12-16T09:00"), ("2 hours", "PT2H")]),
    ("Trading ends at 4 p.m. today, the exchange said on Monday.", "2009-12-16",
     [("4 p.m.", "2009-12-16T16:00"), ("today", "2009-12-16"), ("Monday", "2009-12-14")]),
])
def test_english_wire_times(text, dct, expected):
    assert tagged(text, dct, "en") == expected


def test_end_of_2020_in_a_wire_sentence():
    t = find_timexes("The two governments signed the accord at the end of 2020, officials said on Tuesday.",
                     "2021-03-02")[0]
    assert (t.text, t.value, t.mod) == ("the end of 2020", "2020", "END")
    assert (t.date_start, t.date_end) == ("2020-09-01", "2020-12-31")  # the last third, never 1 January
    assert date_display(t.value, t.granularity, t.date_start, t.date_end, t.mod) == "end of 2020"


@pytest.mark.parametrize("text,expected", [
    ("El actual alcalde dimitió ayer.", [("actual", "PRESENT_REF"), ("ayer", "2010-10-10")]),
    ("La plantilla bajó de 900 a los actuales 700 empleados en la presente temporada.",
     [("actuales", "PRESENT_REF"), ("presente", "PRESENT_REF")]),
    ("Dimitió el ministro. Días después, el 2 de octubre, hubo elecciones.",
     [("Días después", "PXD"), ("el 2 de octubre", "2010-10-02")]),
    ("Meses antes de la boda, y después de años de espera, se mudaron.", [("Meses antes", "PXM"), ("años", "PXY")]),
    ("Habló de los días antes de la boda.", []),  # "los días antes": not a duration told alone
])
def test_spanish_references_and_vague_durations(text, expected):
    assert tagged(text, ES_DCT, "es") == expected


@pytest.mark.parametrize("text,expected", [
    ("El atentado del 11 de marzo del año pasado marcó la campaña.", [("del 11 de marzo del año pasado", "2009-03-11")]),
    ("Las lluvias de mayo del año pasado arrasaron la cosecha.", [("mayo del año pasado", "2009-05")]),
    ("La obra se terminará la próxima primavera.", [("la próxima primavera", "2011-SP")]),
    ("El puente se cerró la primavera pasada.", [("la primavera pasada", "2010-SP")]),
    ("El contrato venció a finales del pasado año.", [("finales del pasado año", "2009")]),
])
def test_spanish_deictic_years_and_seasons(text, expected):
    assert tagged(text, ES_DCT, "es") == expected


@pytest.mark.parametrize("text,dct,expected", [
    ("El consejo se reunirá el próximo lunes 7 de mayo.", "2001-05-03", [("el próximo lunes 7 de mayo", "2001-05-07")]),
    ("La ley se aprobó el pasado martes día 1, en pleno.", "2001-05-03", [("el pasado martes día 1", "2001-05-01")]),
    ("El juicio empezará el jueves 10 en Madrid.", "2001-05-03", [("el jueves 10", "2001-05-10")]),
    ("La huelga acabó el lunes 30, dijo el sindicato.", "2001-05-03", [("el lunes 30", "2001-04-30")]),
    ("El domingo 9 personas murieron.", "2001-05-03", []),  # no Sunday the 9th near the DCT: a count
    ("La ciudad creció a mediados del siglo XX.", "2001-05-03", [("mediados del siglo XX", "19")]),
    ("El festival se celebra cada verano en la costa.", "2001-05-03", [("cada verano", "XXXX-SU")]),
])
def test_spanish_weekday_days_centuries_and_seasons(text, dct, expected):
    assert tagged(text, dct, "es") == expected


@pytest.mark.parametrize("text,expected", [
    ("La presa se construyó hace medio siglo y se reformó hace un lustro.", [("hace medio siglo", "1960"), ("hace un lustro", "2005")]),
    ("Gobernó durante dos lustros y la dictadura duró medio siglo.", [("dos lustros", "P10Y"), ("medio siglo", "P50Y")]),  # lustros raised KeyError
    ("El acusado llegó el pasado día 25 y se irá el próximo día 2.", [("el pasado día 25", "2010-09-25"), ("el próximo día 2", "2010-11-02")]),
    ("La sesión del 25 del pasado mes y la del 14 de este mes.", [("del 25 del pasado mes", "2010-09-25"), ("del 14 de este mes", "2010-10-14")]),
    ("Ocurrió hace apenas unos días.", [("hace apenas unos días", "PXD")]),
])
def test_spanish_multiples_and_days_of_near_months(text, expected):
    assert tagged(text, ES_DCT, "es") == expected


@pytest.mark.parametrize("text,expected", [
    ("The dam was built half a century ago and has stood for half a century.",
     [("half a century ago", "1959"), ("half a century", "P50Y")]),
    ("Rescuers arrived half an hour later.", [("half an hour", "PT30M")]),
    ("The plant closed half a year ago.", [("half a year ago", "2009-06")]),
])
def test_english_halves(text, expected):
    assert tagged(text, "2009-12-16", "en") == expected


@pytest.mark.parametrize("text,expected", [
    ("Durante el fin de semana hubo tres muertos en las carreteras.", [("el fin de semana", "2010-W40-WE")]),
    ("Los reyes viajarán a Roma el fin de semana.", [("el fin de semana", "2010-W41-WE")]),
    ("El fin de semana pasado llovió.", [("El fin de semana pasado", "2010-W40-WE")]),  # was the end of a week
    ("Los pagos se hacen a fin de mes.", [("fin de mes", "2010-10")]),
])
def test_spanish_weekends(text, expected):
    assert tagged(text, ES_DCT, "es") == expected


@pytest.mark.parametrize("text,expected", [
    ("El martes de la semana pasada se reunió el consejo.", [("El martes de la semana pasada", "2010-10-05")]),
    ("La votación será el jueves de la semana que viene.", [("el jueves de la semana que viene", "2010-10-21")]),
])
def test_spanish_weekday_of_a_week(text, expected):
    assert tagged(text, ES_DCT, "es") == expected


@pytest.mark.parametrize("text,expected", [
    ("Tres coches ardieron durante la pasada noche.", [("la pasada noche", "2010-10-10TNI")]),
    ("El sismo se sintió la pasada madrugada.", [("la pasada madrugada", "2010-10-11TMO")]),
    ("El pleno se reanudará a mediodía.", [("mediodía", "2010-10-11TMI")]),
    ("La burbuja estalló a finales de los años 90.", [("finales de los años 90", "199")]),
    ("Las obras acabarán en la segunda quincena de noviembre.", [("la segunda quincena de noviembre", "2010-11")]),
    ("La última semana de septiembre llovió.", [("La última semana de septiembre", "2010-09")]),
])
def test_spanish_parts_of_days_months_and_decades(text, expected):
    assert tagged(text, ES_DCT, "es") == expected


@pytest.mark.parametrize("text,expected", [
    ("Según la patronal, 2009 ha sido un año de grandes pérdidas.", [("2009", "2009"), ("un año", "2009")]),
    ("La obra durará un año.", [("un año", "P1Y")]),
])
def test_spanish_a_year_named_before(text, expected):
    assert tagged(text, ES_DCT, "es") == expected
