"""timex.starts: the scan of where a rule may begin finds exactly the places its pattern matches, so the tagger's
candidates are the same as with `finditer` over each window (every rule of both grammars, texts built from the
rules' own examples cut and joined anyhow)."""
import re

import pytest
from hypothesis import given, settings, strategies as st

import pipeline.timex as timex
from pipeline.timex.starts import first_class, match_starts

_GRAMMARS = [timex.load_grammar("en"), timex.load_grammar("es")]
_PIECES = sorted({w for g in _GRAMMARS for r in g.rules for e in r.examples for w in re.split(r"(\W)", str(e[0])) if w})[:4000]


def _finditer_windows(g, text):
    """The candidates as before timex.starts: each rule's finditer over each of its windows."""
    windows = timex._anchor_windows(g, text)
    todo = [(i, windows[k]) for k in windows for i in g.rules_of_set[k]] + [(i, [(0, len(text))]) for i in g.rules_of_set[None]]
    found = []
    for i, spans in todo:
        regex = g.rules[i].regex
        narrow = "t" in regex.groupindex
        for lo, hi in spans:
            for m in regex.finditer(text, lo, hi):
                s, e = m.span("t") if narrow and m.group("t") is not None else m.span()
                if e > s:
                    found.append((s, e, i, m.span(), m.groups()))
    return sorted(found, key=lambda c: (-(c[1] - c[0]), c[0], c[2]))


@settings(max_examples=150, deadline=None)
@given(st.lists(st.sampled_from(_PIECES), min_size=1, max_size=40), st.sampled_from([0, 1]))
def test_candidates_as_with_finditer(pieces, which):
    g = _GRAMMARS[which]
    text = "".join(pieces)
    got = [(s, e, i, m.span(), m.groups()) for s, e, i, m in timex._candidates(g, text)]
    assert got == _finditer_windows(g, text)


@pytest.mark.parametrize("pattern, cls", [
    (r"(?<![\w])(?:May|[Jj]une)\s+\d", "[JMj]"),
    (r"(?:[0-3]?\d)/\d", r"[0-3\d]"),
    (r"(?:the\s+)?(?:last|next)\b", "[lnt]"),
    (r"x?", None),                 # may be empty
    (r".x", None),                 # any character
    (r"(?i:may)", None),           # case folding: not read
    (r"(?:(a)|b)\1", "[ab]"),
])
def test_first_class(pattern, cls):
    assert first_class(pattern) == cls


def test_rules_with_a_back_reference_keep_their_scan():
    assert match_starts(re.compile(r"(?<![\w])(?P<a>\d)(?P<s>[/.])\d(?P=s)")) is None  # (no back-reference in a look-behind)
    assert match_starts(re.compile(r"(?<![\w])\d+")).pattern.startswith(r"[\d](?<=")
