"""Hand-made event mentions shared by the clustering and candidate-pair tests."""
from pipeline.schema import Event


def _ev(eid, doc, value, start, end, gran, countries, quote, date_text="x", actors=()):
    return Event(event_id=eid, doc_id=doc, date_text=date_text, date_value=value, date_start=start, date_end=end,
                 granularity=gran, countries=list(countries), actors=list(actors), quote=quote)


def varied_events(seed: int, n: int = 160) -> list[Event]:
    """Many mentions crowded into a few months: days, DCT-anchored days, months, years, a decade, year-less
    days; few countries, actors and words, so that many pairs link and many almost do."""
    import calendar
    import random
    from datetime import date, timedelta

    rng = random.Random(seed)
    letters = "abcdefghijklmnopqrstuvwxyz"
    vocab = [f"word{a}{b}" for a in letters for b in letters]  # more than 251: every bit mask in use
    stories = [rng.sample(vocab, 7) for _ in range(15)]  # retold in near-identical words
    out = []
    for k in range(n):
        d = date(2020, 1, 1) + timedelta(days=rng.randrange(90))
        kind = rng.choice(["day", "day", "anchored", "month", "year", "decade", "year-less"])
        if kind in ("day", "anchored"):
            value, start, end, gran = d.isoformat(), d.isoformat(), d.isoformat(), "day"
        elif kind == "month":
            last = calendar.monthrange(d.year, d.month)[1]
            value, start, end, gran = f"{d:%Y-%m}", f"{d:%Y-%m}-01", f"{d:%Y-%m}-{last}", "month"
        elif kind == "year":
            value, start, end, gran = "2020", "2020-01-01", "2020-12-31", "year"
        elif kind == "decade":
            value, start, end, gran = "202X", "2020-01-01", "2029-12-31", "decade"
        else:
            value, start, end, gran = f"XXXX-{d:%m-%d}", None, None, "day"
        out.append(_ev(f"e{k:03d}", f"D{k % 40}", value, start, end, gran, rng.sample(["RUF", "FRE", "ARM", "XAN"], rng.randint(0, 3)),
                       " ".join(rng.sample(rng.choice(stories), rng.randint(2, 7)) + rng.sample(vocab, rng.randint(0, 3))),
                       date_text="" if kind == "anchored" else "x",
                       actors=rng.sample(["Rex Trent", "Ola Berg", "Ann Lee"], rng.randint(0, 2))))
    return out
