"""Spanish wire-news conventions (EFE / Europa Press / El País style) for issue 21: durations, clock times and
parts of the day. Every sentence was written for this file, not taken from any benchmark, and its expected
expressions were annotated by hand (against a calendar: DCT Wednesday 16 March 2011, ISO week 11) before the
tagger was run on it. Conventions follow the Spanish TimeBank as its development files (es-dev) annotate them:
"desde hace N años" is the DATE N years back (es-dev: "desde hace cinco años" -> 1996), a weekday followed by
"por la tarde" is two expressions (the DATE and a TIME of that day), halves are decimals (P2.5W), "un decenio"
is P10Y, the "hace" of "hace dos semanas" belongs to the DATE, and "después" / "más tarde" to a duration."""
import pytest

from pipeline.timex import find_timexes

DCT = "2011-03-16"  # a Wednesday


def tagged(text, dct=DCT):
    return [(t.text, t.type, t.value) for t in find_timexes(text, dct, "es")]


@pytest.mark.parametrize("text,expected", [
    ("Los combates se prolongaron durante tres semanas.", [("tres semanas", "DURATION", "P3W")]),
    ("En los últimos diez días han muerto 40 personas.", [("los últimos diez días", "DURATION", "P10D")]),
    ("La sonda transmitió datos a lo largo de 48 horas.", [("48 horas", "DURATION", "PT48H")]),
    ("El rehén pasó un mes y medio en cautiverio.", [("un mes y medio", "DURATION", "P1.5M")]),
    ("Cumplió cinco años y medio de condena.", [("cinco años y medio", "DURATION", "P5.5Y")]),
    ("El juicio se prolongó dos años y medio.", [("dos años y medio", "DURATION", "P2.5Y")]),
    ("La obra estuvo parada una semana y media.", [("una semana y media", "DURATION", "P1.5W")]),
    ("El conflicto dura ya medio siglo.", [("medio siglo", "DURATION", "P50Y")]),
    ("El dictador gobernó durante un cuarto de siglo.", [("un cuarto de siglo", "DURATION", "P25Y")]),
    ("Las negociaciones durarán varias semanas.", [("varias semanas", "DURATION", "PXW")]),
    ("La oposición tiene los próximos 15 días para presentar alegaciones.",
     [("los próximos 15 días", "DURATION", "P15D")]),
    ("Los acreedores disponen de un plazo de 30 días.", [("30 días", "DURATION", "P30D")]),
    ("La policía vigilará la zona durante las próximas 48 horas.", [("las próximas 48 horas", "DURATION", "PT48H")]),
    ("El acuerdo llegó tras 72 horas de negociaciones.", [("72 horas", "DURATION", "PT72H")]),
    ("El rehén fue liberado 48 horas después.", [("48 horas después", "DURATION", "PT48H")]),
    ("Horas después, el Gobierno decretó el estado de emergencia.", [("Horas después", "DURATION", "PTXH")]),
    ("La región lleva más de una década sin lluvias abundantes.", [("más de una década", "DURATION", "P10Y")]),
    ("El país sufre la violencia desde hace décadas.", [("hace décadas", "DURATION", "PXDE")]),
    ("El Gobierno decretó tres días de luto oficial.", [("tres días", "DURATION", "P3D")]),
    ("Durante la última década la economía creció un 3% anual.",
     [("la última década", "DURATION", "P10Y"), ("anual", "SET", "P1Y")]),
    ("El régimen duró más de medio siglo.", [("más de medio siglo", "DURATION", "P50Y")]),
    ("Tres décadas después, el caso sigue abierto.", [("Tres décadas después", "DURATION", "P30Y")]),
    ("El plan de inversiones cubre un quinquenio.", [("un quinquenio", "DURATION", "P5Y")]),
    ("El mandato dura un sexenio.", [("un sexenio", "DURATION", "P6Y")]),
])
def test_news_durations(text, expected):
    assert tagged(text) == expected


@pytest.mark.parametrize("text,expected", [
    # "hace N unidades" is a DATE counted back from the DCT, with or without "desde"
    ("El presidente visitó Lima hace dos semanas.", [("hace dos semanas", "DATE", "2011-W09")]),
    ("El sector está en crisis desde hace dos años.", [("hace dos años", "DATE", "2009")]),
    ("La empresa quebró hace una década.", [("hace una década", "DATE", "2001")]),
])
def test_news_ago(text, expected):
    assert tagged(text) == expected


@pytest.mark.parametrize("text,expected", [
    # a time with no day named near it: no day in the value (the Spanish TimeBank's convention, seen in es-dev
    # after these sentences were first annotated with the DCT's day: "desde las 06.00 horas" T06:00)
    ("La reunión comenzó a las 10.30 horas.", [("las 10.30 horas", "TIME", "T10:30")]),
    ("El avión despegó ayer a las 22.00 GMT.",
     [("ayer", "DATE", "2011-03-15"), ("las 22.00 GMT", "TIME", "2011-03-15T22:00Z")]),
    ("El sismo se produjo a las 14.46 hora local (05.46 GMT).",
     [("las 14.46 hora local", "TIME", "T14:46"), ("05.46 GMT", "TIME", "T05:46Z")]),
    ("El sismo ocurrió ayer a las 10 hora local (15 GMT).",
     [("ayer", "DATE", "2011-03-15"), ("las 10 hora local", "TIME", "2011-03-15T10:00"), ("15 GMT", "TIME", "2011-03-15T15:00Z")]),
    ("La jornada laboral será de 8 horas.", [("8 horas", "DURATION", "PT8H")]),
    ("El tráfico se reanudó a las 7 de la mañana.", [("las 7 de la mañana", "TIME", "T07:00")]),
    ("Los ministros comparecerán a mediodía.", [("mediodía", "TIME", "2011-03-16TMI")]),
    ("El terremoto se registró esta madrugada.", [("esta madrugada", "TIME", "2011-03-16TMO")]),
    ("La policía detuvo a dos sospechosos la pasada noche.", [("la pasada noche", "TIME", "2011-03-15TNI")]),
    ("El consejo se reunirá el lunes por la tarde.",
     [("el lunes", "DATE", "2011-03-21"), ("la tarde", "TIME", "2011-03-21TAF")]),
    ("El lunes por la noche se produjo una explosión.",
     [("El lunes", "DATE", "2011-03-14"), ("la noche", "TIME", "2011-03-14TNI")]),
    ("El rey recibirá esta tarde al primer ministro.", [("esta tarde", "TIME", "2011-03-16TAF")]),
    ("El alto el fuego entró en vigor a medianoche.", [("medianoche", "TIME", "2011-03-16T24:00")]),
    ("La tregua expiró a medianoche de ayer.", [("medianoche de ayer", "TIME", "2011-03-15T24:00")]),
])
def test_news_times(text, expected):
    assert tagged(text) == expected


@pytest.mark.parametrize("text,expected", [
    # a football or theatre season is a year (es-dev: "después de [una temporada] en blanco" P1Y)
    ("Después de una temporada en blanco, el club vuelve a ganar.", [("una temporada", "DURATION", "P1Y")]),
    ("El delantero lleva tres temporadas en el club.", [("tres temporadas", "DURATION", "P3Y")]),
    # bare plural units before "después"/"antes", as "Días después" and "Meses antes" in es-dev
    ("Minutos después, la policía cargó contra los manifestantes.", [("Minutos después", "DURATION", "PTXM")]),
    ("Media hora después llegaron los bomberos.", [("Media hora después", "DURATION", "PT0.5H")]),
    ("El rescate se produjo al cabo de tres meses.", [("tres meses", "DURATION", "P3M")]),
    ("Las primeras 24 horas son decisivas.", [("Las primeras 24 horas", "DURATION", "PT24H")]),
    ("Los precios han subido en las últimas semanas.", [("las últimas semanas", "DURATION", "PXW")]),
    ("El volcán seguirá activo los próximos días.", [("los próximos días", "DURATION", "PXD")]),
    ("El periodista estuvo secuestrado cerca de dos décadas.", [("cerca de dos décadas", "DURATION", "P20Y")]),
    ("La ciudad estuvo sitiada durante semanas.", [("semanas", "DURATION", "PXW")]),
    ("El pacto llegó tras meses de negociaciones.", [("meses", "DURATION", "PXM")]),
    ("Los mineros llevan días atrapados.", [("días", "DURATION", "PXD")]),
    ("El acuerdo llegó tras horas de tensión.", [("horas", "DURATION", "PTXH")]),
    ("La presa cedió hace días.", [("hace días", "DURATION", "PXD")]),
    ("Cobran por horas trabajadas.", []),
    ("Es el balance de los 100 primeros días de Gobierno.", [("los 100 primeros días", "DURATION", "P100D")]),
    ("Deberá responder en un plazo máximo de 15 días.", [("15 días", "DURATION", "P15D")]),
])
def test_news_durations_more(text, expected):
    assert tagged(text) == expected


@pytest.mark.parametrize("text,expected", [
    ("El pleno se celebrará el jueves a las 10.00 horas.",
     [("el jueves", "DATE", "2011-03-17"), ("las 10.00 horas", "TIME", "2011-03-17T10:00")]),
    ("El incendio se declaró el martes a las 18.00 horas.",
     [("el martes", "DATE", "2011-03-15"), ("las 18.00 horas", "TIME", "2011-03-15T18:00")]),
    ("El ataque se produjo la madrugada del sábado.", [("la madrugada del sábado", "TIME", "2011-03-12TMO")]),
    ("El tiroteo se produjo a las 4.30 de la madrugada.", [("las 4.30 de la madrugada", "TIME", "T04:30")]),
    ("Ayer a primera hora de la mañana se produjo un tiroteo.",
     [("Ayer a primera hora de la mañana", "TIME", "2011-03-15TMO")]),
    ("Pasadas las 22.00 horas de anoche sonó la alarma.",
     [("las 22.00 horas", "TIME", "2011-03-15T22:00"), ("anoche", "TIME", "2011-03-15TNI")]),
    ("El pasado martes, a las 9.00 horas, estalló una bomba.",
     [("El pasado martes", "DATE", "2011-03-15"), ("las 9.00 horas", "TIME", "2011-03-15T09:00")]),
    ("El Consejo se reunirá a las 13.00 horas de hoy.",
     [("las 13.00 horas", "TIME", "2011-03-16T13:00"), ("hoy", "DATE", "2011-03-16")]),
])
def test_news_times_with_days(text, expected):
    assert tagged(text) == expected


@pytest.mark.parametrize("text,expected", [
    # two joined times take the day named after the second ("... y las 18.00 hora local (22.00 GMT) de hoy")
    ("Los colegios abrirán entre las 08.00 hora local (12.00 GMT) y las 18.00 hora local (22.00 GMT) de mañana.",
     [("las 08.00 hora local", "2011-03-17T08:00"), ("12.00 GMT", "2011-03-17T12:00Z"),
      ("las 18.00 hora local", "2011-03-17T18:00"), ("22.00 GMT", "2011-03-17T22:00Z"), ("mañana", "2011-03-17")]),
    # a day named earlier in the paragraph still gives its day
    ("El Gobierno se reunió ayer en Quito. El consejo terminó a las 15.00 horas.",
     [("ayer", "2011-03-15"), ("las 15.00 horas", "2011-03-15T15:00")]),
])
def test_joined_times_and_story_day(text, expected):
    assert [(t.text, t.value) for t in find_timexes(text, DCT, "es")] == expected


def test_undated_time_keeps_the_dct_day_as_its_interval():
    [t] = find_timexes("La reunión comenzó a las 10.30 horas.", DCT, "es")
    assert (t.value, t.date_start, t.date_end) == ("T10:30", "2011-03-16", "2011-03-16")


def test_undated_needs_attach(tmp_path):
    import shutil

    from pipeline.errors import PipelineError
    from pipeline.timex.rules import DATA, load_grammar

    shutil.copytree(DATA / "es" / "timex", tmp_path / "xx" / "timex")
    rules = tmp_path / "xx" / "timex" / "rules.yaml"
    text = rules.read_text(encoding="utf-8")
    assert "  attach: paragraph\n  undated: true\n" in text
    rules.write_text(text.replace("  attach: paragraph\n  undated: true\n", "  undated: true\n", 1), encoding="utf-8")
    with pytest.raises(PipelineError, match="undated True needs attach"):
        load_grammar.__wrapped__("xx", tmp_path)
