"""The mentions clustering compares, as arrays, and the pairs of them worth comparing (blocking).

`table` turns the events (a frame, or batches of its NEEDS columns) into a `Table`: one row per mention in
event-id order, dates as ordinals, sets (countries, actors, places, the quote's words) as CSR arrays, a few
hundred bytes a mention. `pair_chunks` yields the pairs `cluster.linked` may accept, a chunk at a time and
most precise first, without comparing all date-compatible pairs (which grow with the square of the corpus):
pairs that cannot link are dropped on bit masks in numpy (`Masks`; shared actors, few a mention, are counted
exactly), and a very coarse mention (a year, a decade) is compared only with mentions whose quotes use one of
its RARE_WORDS "rarest" words (`word_rank`: longest first, then a fixed hash; never corpus counts, so that
whether two mentions are compared, like whether they link, depends on those two only: issue 23).
"""
from __future__ import annotations

from datetime import date

import numpy as np

from ..arrays import expand, unique
from .salience import rules
# The mentions as arrays and the array helpers live in their own modules (issue 16); their names stay
# importable from here, where callers and tests have always found them.
from .mention_table import (  # noqa: F401  (re-exported)
    COARSE_DAYS, COMMON_WORDS_FILE, DCT_SLACK_DAYS, FINE_GRANULARITIES, NEEDS, NO_DAY, ROWS_AT_ONCE, ClusterMention,
    Table, _frame_batches, _iso, _words, common_words, mentions, name_words, table, table_of_batches, word_rank,
)
from .sets import (  # noqa: F401  (re-exported)
    ENTRY_CHUNK, MASK_BITS, TAKE_ROWS, Masks, Sets, SetsBuilder, Vocabulary, _country_overlap, _id_type, _owners,
    text, utf8,
)

RARE_WORDS = rules()["link"]["rare_words"]  # a very coarse mention is compared with mentions using one of its 5 rarest words
PAIR_CHUNK = 250_000  # date-compatible pairs filtered at a time (small arrays stay in the CPU cache)


def pair_chunks(t: Table, min_countries: float, shared_words: int, shared_actors: int, skip=None,
                stats: dict | None = None):
    """Index pairs (i, j) of mentions that `cluster.linked` may accept, a chunk at a time, in the order
    clustering links them: by the span of the longer mention (the day, then DCT-anchored days, weeks, months;
    the very coarse last), then by the smaller and the larger row (event id); each pair once. Found without
    comparing all date-compatible pairs, which grow with the square of the corpus:

    - mentions no longer than COARSE_DAYS whose dates meet (sweeps over start dates);
    - values without a year (XXXX-11-10) with the dated mentions containing that day in some year, and with
      each other on the same day;
    - a very coarse mention (a year, a decade: it meets most mentions of its time) with the dated mentions
      whose quotes use one of its RARE_WORDS "rarest" words (`word_rank`: from the word alone, never from the
      corpus, so which pairs are compared depends on the two mentions only; an inverted index). A link to it
      needs near-identical wording, which keeps the rare words; other pairs are not compared.

    `skip(i, j)`, if given, drops pairs first (clustering drops pairs already in one cluster, before they cost
    anything). Pairs failing a necessary condition of a link are dropped on bit masks (`Masks`): the same day
    or a Jaccard country overlap of `min_countries`; beyond that `shared_words` shared words (for any wording
    similarity), or, on the same day, the country overlap, or, one side DCT-anchored, `shared_actors` shared
    people/organisations (an exact test on their few items, `Sets.share`). `stats`, if given, counts pairs
    considered and kept by source.
    """
    stats = {} if stats is None else stats
    words = Masks(t.words)
    overlap = _country_overlap(t.countries, min_countries)

    def keep(i: np.ndarray, j: np.ndarray, same_day: np.ndarray, source: str):
        if skip is not None and len(i):
            go = ~skip(i, j)
            i, j, same_day = i[go], j[go], same_day[go]
        country = overlap(i, j)
        maybe = country | same_day  # the cheap test first; the costlier ones on what is left
        i, j, same_day, country = i[maybe], j[maybe], same_day[maybe], country[maybe]
        ok = words.shares(i, j, shared_words) | (country & same_day)
        rest = country & ~ok & (t.anchored[i] | t.anchored[j])
        ok[rest] = t.actors.share(i[rest], j[rest], shared_actors)
        stats[source] = stats.get(source, 0) + len(maybe)
        stats[source + " kept"] = stats.get(source + " kept", 0) + int(ok.sum())
        return i[ok], j[ok]

    yield from _sweep_pairs(t, keep)
    yield from _very_coarse_pairs(t, words, keep, stats)


def _sweep_pairs(t: Table, keep):
    """Mentions no longer than COARSE_DAYS whose dates meet, and values without a year with the mentions holding
    their day, in the order of `pair_chunks`, by chunks of rows. (A function of its own: its arrays are gone
    before the very coarse pairs are looked for.)"""
    local = np.flatnonzero(_dated(t) & (t.span <= COARSE_DAYS))  # in event-id order, as every row list here
    spans = np.unique(t.span[local]).tolist()
    year_less = np.flatnonzero(t.md >= 0)
    if len(year_less) and (not spans or spans[0] > 0):
        spans.insert(0, 0)  # two values without a year on the same day: a pair of span 0
    for s in spans:
        # Pairs whose longer mention spans s days, by the smaller event id, then the larger: for each shorter
        # span s2, the mentions starting between a's start less s2 and a's end (if a or they span s). Only the
        # sorted rows are held per class; where each x's partners begin and how many there are is worked out
        # for a chunk of xs when needed (once to count them, once to take them).
        longest, subs = local[t.span[local] == s], []
        year_count, year_pairs = _year_less_pairs(t, longest, year_less, first=s == spans[0])
        for s2 in [x for x in spans if x <= s]:
            ys = local[t.span[local] == s2]
            ys = ys[np.argsort(t.lo[ys], kind="stable")].astype(np.int32)  # by start, then event id
            if s2 < s:
                subs.append((longest, ys, t.lo[ys], s2, None))
            else:  # span s on both sides or on y's: those starting before x, on x's start after x, and later
                y_key = t.lo[ys].astype(np.int64) * t.n + ys  # (start, event id): later event ids on x's start
                subs.append((local[t.span[local] <= s], ys, t.lo[ys], s, y_key))

        def ranges(sub, a: int, b: int):
            """(x, first, count) for xs[a:b] of one sub-sweep: partners ys[first:first + count] of each x."""
            xs, _, y_lo, s2, y_key = sub
            x = xs[a:b]
            x_lo, x_hi = t.lo[x], t.hi[x]
            if y_key is None:
                first = np.searchsorted(y_lo, x_lo - s2, side="left")
                return [(x, first, np.searchsorted(y_lo, x_hi, side="right") - first)]
            before, after = np.searchsorted(y_lo, x_lo, side="left"), np.searchsorted(y_lo, x_lo, side="right")
            first = np.searchsorted(y_lo, x_lo - s2, side="left")
            on = np.searchsorted(y_key, x_lo.astype(np.int64) * t.n + x, side="right")
            return [(x, first, before - first), (x, on, after - on),
                    (x, after, np.searchsorted(y_lo, x_hi, side="right") - after)]

        per_row = year_count
        for sub in subs:
            for a in range(0, len(sub[0]), ENTRY_CHUNK):
                for x, _, count in ranges(sub, a, a + ENTRY_CHUNK):
                    per_row[x] += np.maximum(count, 0)  # (empty ranges: < 0)
        for lo_row, hi_row in _runs(per_row):
            xa, ya = [], []
            for sub in subs:
                a, b = np.searchsorted(sub[0], [lo_row, hi_row])
                for x, first, count in ranges(sub, a, b):
                    run, pos = expand(np.maximum(count, 0))
                    xa.append(x[run])
                    ya.append(sub[1][first[run] + pos])
            x, y = np.concatenate(xa), np.concatenate(ya)
            ok = (y > x) & (t.hi[y] >= t.lo[x])  # each pair once, from its smaller event id; dates meet
            x, y = x[ok], y[ok]
            same = t.fine[x] & t.fine[y] & (t.lo[x] == t.lo[y])
            x, y, same = (np.concatenate([v, w]) for v, w in zip((x, y, same), year_pairs(lo_row, hi_row)))
            order = np.argsort(x.astype(np.int64) * t.n + y)  # by x, then y (each pair once: no ties)
            yield keep(x[order], y[order], same[order], "sweep")


def _year_less_pairs(t: Table, xs: np.ndarray, year_less: np.ndarray, first: bool):
    """Values without a year (XXXX-11-10) with the mentions `xs` (of one span, in row order) holding that day in
    some year, and, if `first` (the shortest span), with each other on the same day. They grow with the square
    of a day's mentions, so they are made a chunk of rows at a time from an index of those mentions by
    month-day: returns (the number of pairs of each row as the smaller one, `pairs(a, b)`: the pairs whose
    smaller row is in [a, b) as (smaller row, larger row, same day))."""
    n = t.n
    year_md = t.md[year_less].astype(np.int64)
    named = np.zeros(13 * 32, dtype=bool)
    named[year_md] = True
    # The index: month-day * n + row of every mention of xs under each month-day of its interval some value
    # without a year names (an interval of at most COARSE_DAYS + 1 days holds a month-day once at most).
    keys = [np.zeros(0, dtype=np.int64)]
    if len(year_less) and len(xs):
        step = max(1, ENTRY_CHUNK // (int(t.span[xs[0]]) + 1))  # (every mention of xs spans as many days)
        for a in range(0, len(xs), step):
            part = xs[a:a + step]
            run, pos = expand(t.hi[part] - t.lo[part] + 1)
            md = _month_days(t.lo[part][run] + pos)
            held = named[md]
            keys.append(md[held] * n + part[run][held])
    index = np.sort(np.concatenate(keys))
    by_day = np.sort(year_md * n + year_less)  # the values without a year by (month-day, row)
    del keys

    def after(sorted_keys: np.ndarray, md: np.ndarray, rows: np.ndarray):
        """Where the entries of month-day md with a row after `rows` begin and end in `sorted_keys`."""
        return np.searchsorted(sorted_keys, md * n + rows + 1), np.searchsorted(sorted_keys, md * n + n)

    count = np.zeros(n, dtype=np.int64)
    begin, end = after(index, year_md, year_less)
    count[year_less] += end - begin
    entry_md, entry_row = np.divmod(index, n)
    begin, end = after(by_day, entry_md, entry_row)
    count += np.bincount(entry_row, weights=end - begin, minlength=n).astype(np.int64)
    del entry_md, entry_row
    if first:
        begin, end = after(by_day, year_md, year_less)
        count[year_less] += end - begin

    def pairs(a: int, b: int):
        found = []
        inside = (year_less >= a) & (year_less < b)
        m, md = year_less[inside], year_md[inside]
        for sorted_keys, same in ((index, None), (by_day, True)) if first else ((index, None),):
            begin, end = after(sorted_keys, md, m)  # m in [a, b) with the later rows of its day
            run, pos = expand(end - begin)
            other = sorted_keys[begin[run] + pos] % n
            found.append((m[run], other, t.fine[other] if same is None else np.ones(len(other), dtype=bool)))
        # the rows of xs in [a, b) with the later values without a year of their day
        begin = np.searchsorted(index, year_md * n + a)
        end = np.searchsorted(index, year_md * n + np.minimum(b, year_less))
        run, pos = expand(np.maximum(end - begin, 0))
        other = index[begin[run] + pos] % n
        found.append((other, year_less[run], t.fine[other]))
        return (np.concatenate(side) for side in zip(*found))

    return count, pairs


def _month_days(ordinals: np.ndarray) -> np.ndarray:
    """month * 32 + day of each date ordinal."""
    days = (ordinals - date(1970, 1, 1).toordinal()).astype("datetime64[D]")
    months = days.astype("datetime64[M]")
    return (months.astype(np.int64) % 12 + 1) * 32 + (days - months).astype(np.int64) + 1


def _years(ordinals: np.ndarray) -> np.ndarray:
    """The year of each date ordinal (numpy's calendar is the proleptic Gregorian one of `date`)."""
    days = (ordinals - date(1970, 1, 1).toordinal()).astype("datetime64[D]")
    return days.astype("datetime64[Y]").astype(np.int64) + 1970


def _dated(t: Table) -> np.ndarray:
    """Mentions with a start and an end (values without a year are matched apart)."""
    return (t.lo != NO_DAY) & (t.hi != NO_DAY) & (t.md < 0)


def _runs(count: np.ndarray):
    """Consecutive slices [a, b) of `count` holding about PAIR_CHUNK items each (at least one entry)."""
    cum = np.cumsum(count)
    a = 0
    while a < len(count):
        b = max(a + 1, int(np.searchsorted(cum, cum[a] - count[a] + PAIR_CHUNK, side="right")))
        yield a, b
        a = b


def _very_coarse_pairs(t: Table, words: Masks, keep, stats: dict):
    """Very coarse mentions with the dated and year-less mentions whose quotes use one of their RARE_WORDS
    rarest words, in the order of `pair_chunks` (by the longer span, then the smaller and larger event id),
    by chunks of rows."""
    dated = _dated(t)
    vague = dated & (t.span > COARSE_DAYS)
    if not vague.any() or not len(words.ids):  # no words left (all common: copies of one quote): nothing to look up
        stats["very coarse probes"] = 0
        return
    n = t.n
    vocab = t.words.vocab.tolist()
    rarity = np.empty(len(vocab), dtype=np.int64)  # each word's place in `word_rank` order
    rarity[np.array(sorted(range(len(vocab)), key=lambda k: word_rank(vocab[k])), dtype=np.int64)] = np.arange(len(vocab))
    r, w = [], []
    for a in range(0, len(words.ids), ENTRY_CHUNK):
        rows = words.rows(a, a + ENTRY_CHUNK)
        sel = vague[rows]
        r.append(rows[sel])
        w.append(words.ids[a:a + ENTRY_CHUNK][sel])
    r, w = np.concatenate(r), np.concatenate(w)
    order = np.lexsort((w, rarity[w], r))
    r, w = r[order], w[order]
    _, rank = expand(np.bincount(r, minlength=n)[unique(r)])
    r, w = r[rank < RARE_WORDS], w[rank < RARE_WORDS]
    # The index: (word, year) -> mentions, a mention under each year it spans; year-less ones under one more
    # slot, which every very coarse mention looks up too. Only the words some very coarse mention looks up.
    y_lo = np.full(n, -1, dtype=np.int64)
    y_hi = np.full(n, -2, dtype=np.int64)
    y_lo[dated], y_hi[dated] = _years(t.lo[dated]), _years(t.hi[dated])
    first_year = int(y_lo[dated].min())
    slots = int(y_hi.max()) - first_year + 2
    y_lo[dated] -= first_year
    y_hi[dated] -= first_year
    y_lo[t.md >= 0] = y_hi[t.md >= 0] = slots - 1
    looked_up = np.zeros(len(vocab), dtype=bool)
    looked_up[w] = True
    years = y_hi[r] - y_lo[r] + 1
    item, year = expand(years + 1)  # the years a very coarse mention spans, then the year-less slot
    o_row = r[item]
    o_key = w[item].astype(np.int64) * slots + np.where(year == years[item], slots - 1, y_lo[o_row] + year)
    keys = unique(o_key)
    if not len(keys):  # no very coarse mention has a word left to look up
        stats["very coarse probes"] = 0
        return
    o_at = np.searchsorted(keys, o_key).astype(np.int32)
    del o_key, item, year
    # The other side, every dated or year-less mention: one entry per word some very coarse mention looks up and
    # year it spans. It is the largest thing here, so it is kept twice and nothing more: in row order as the
    # key of each entry (`p_at`, 2 bytes an entry for fewer than 65,536 keys; rows by `p_offsets`), and by
    # (key, span class) as rows (4 bytes).
    spanned = np.maximum(y_hi - y_lo + 1, 0)
    at_type = np.uint16 if len(keys) <= 2**16 else np.int32
    p_ats, p_count = [], np.zeros(n, dtype=np.int64)
    for a in range(0, len(words.ids), ENTRY_CHUNK):
        rows, ids = words.rows(a, a + ENTRY_CHUNK), words.ids[a:a + ENTRY_CHUNK]
        sel = (y_lo[rows] >= 0) & looked_up[ids]
        rows, ids = rows[sel], ids[sel]
        item, year = expand(spanned[rows])
        row = rows[item]
        key = ids[item].astype(np.int64) * slots + y_lo[row] + year
        at = np.minimum(np.searchsorted(keys, key), len(keys) - 1)
        wanted = keys[at] == key
        p_ats.append(at[wanted].astype(at_type))
        p_count += np.bincount(row[wanted], minlength=n)
    p_at = np.concatenate(p_ats)
    del p_ats, rows, ids, item, year, row, key, at, wanted, y_lo, y_hi, spanned
    p_offsets = np.r_[0, np.cumsum(p_count)]
    # Span classes: 0 for every span up to COARSE_DAYS (only the very coarse classes are looked up one by one),
    # then one per very coarse span, in order.
    spans = unique(t.span[np.r_[np.flatnonzero(p_count), o_row]])
    del p_count
    spans = np.r_[COARSE_DAYS, spans[spans > COARSE_DAYS]]
    classes = len(spans) + 1
    cls = np.searchsorted(spans, t.span).astype(np.int16)

    # Each side by (key, span class), rows in order within one; `before[s][k, c]`: where side s's entries of key
    # k and class c begin (a table, not a binary search per class).
    def by_key(count_codes, chunks):
        counts = count_codes.reshape(len(keys), classes)
        before = (np.cumsum(counts) - counts.ravel()).reshape(len(keys), classes)
        cursor = before.ravel().copy()
        rows = np.empty(int(counts.sum()), dtype=np.int32)
        for row, code in chunks():  # entries in row order: a stable fill keeps rows in order within a code
            order = np.argsort(code, kind="stable")
            code, row = code[order], row[order]
            starts = np.flatnonzero(np.r_[True, code[1:] != code[:-1]])
            size = np.diff(np.r_[starts, len(code)])
            rank = np.arange(len(code)) - np.repeat(starts, size)
            rows[cursor[code] + rank] = row
            cursor[code[starts]] += size
        return rows, before

    def p_chunks():
        for a in range(0, len(p_at), ENTRY_CHUNK):
            row = _owners(p_offsets, a, a + ENTRY_CHUNK)
            yield row, p_at[a:a + ENTRY_CHUNK].astype(np.int64) * classes + cls[row]

    o_code = o_at.astype(np.int64) * classes + cls[o_row]
    o_sorted, o_before = by_key(np.bincount(o_code, minlength=len(keys) * classes), lambda: [(o_row, o_code)])
    p_codes = np.zeros(len(keys) * classes, dtype=np.int64)
    for _, code in p_chunks():
        p_codes += np.bincount(code, minlength=len(p_codes))
    p_sorted, p_before = by_key(p_codes, p_chunks)
    del o_code, p_codes

    def looks(row, at, other, c):
        """For entries (row, key) of one side: where the other side's entries they meet in class c begin, and
        how many. An entry of class c meets those of its key up to class c; a shorter one, of class c only (the
        pair then belongs to a class already done or to come)."""
        own = cls[row]
        first = np.where(own == c, other[at, 0], other[at, c])
        return first, np.where(own <= c, other[at, c + 1] - first, 0)

    # Meeting intervals: a year-less value meets any (`_time` checks the day), a mention without dates none.
    lo = np.where(dated, t.lo, date.min.toordinal())
    hi = np.where(dated, t.hi, np.where(t.md >= 0, date.max.toordinal(), date.min.toordinal() - 1))

    stats["very coarse probes"] = 0
    for c in np.flatnonzero(spans > COARSE_DAYS).tolist():
        per_row = np.bincount(o_row, weights=looks(o_row, o_at, p_before, c)[1], minlength=n)
        for a in range(0, len(p_at), ENTRY_CHUNK):
            row = _owners(p_offsets, a, a + ENTRY_CHUNK)
            per_row += np.bincount(row, weights=looks(row, p_at[a:a + ENTRY_CHUNK], o_before, c)[1], minlength=n)
        per_row = per_row.astype(np.int64)
        stats["very coarse probes"] += int(per_row.sum())
        for a, b in _runs(per_row + np.diff(p_offsets)):  # (bounded in entries looked at, as in pairs found)
            found = []
            k0, k1 = np.searchsorted(o_row, [a, b])
            e0, e1 = int(p_offsets[a]), int(p_offsets[b])
            for row, at, other, rows in ((o_row[k0:k1], o_at[k0:k1], p_before, p_sorted),
                                         (_owners(p_offsets, e0, e1), p_at[e0:e1], o_before, o_sorted)):
                first, count = looks(row, at, other, c)
                run, pos = expand(count)
                x, y = row[run], rows[first[run] + pos]
                ok = (y > x) & (lo[x] <= hi[y]) & (lo[y] <= hi[x])  # each pair from its smaller row
                found.append(x[ok].astype(np.int64) * n + y[ok])
            pair = unique(np.concatenate(found))
            yield keep(pair // n, pair % n, np.zeros(len(pair), dtype=bool), "very coarse")
