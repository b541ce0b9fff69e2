"""Furniture told by a line's shape and place, not its words (issue 22 item 3, round 7: furniture22g).

Helpers of `sections.classify_lines`, kept apart for the module cap. Outlet phrases do not carry over to pages
nobody here wrote; shapes do. Each function takes the lines, their labels and the compiled cues and changes
labels in place; only body lines change, and only to boilerplate or caption (no event of a report is in them:
a byline, a dateline alone, a tag list, a caption's text under its credit).

- The header zone (the lines above the first prose paragraph): a dateline alone ("ISTANBUL", "DERNA (Libye),
  12 sept 2023 (AFP)": cue `dateline_alone`, matched with case), a byline that is only a name ("María R.
  Sahuquillo", "Jane Doe, BBC News, Nairobi"), a place-and-clock stamp ("Tiflis - 14 may 2024 - 17:45 CEST").
- Under the last prose paragraph: a line of capitals of at most NAME_WORDS words (a statement's signature).
- Anywhere: a tag list (three or more short items separated by commas, no verb-like ending punctuation); a
  caption's text right under its credit line ("Bild: Name/AFP" then "Demonstranten fliehen ..."; not
  what a credit is glued to on its line: T17 h1n1 guardian-100, a roundup's next heading).
- The page's last body lines when two or more of them are titles with no prose after them: a related box with no
  heading, teasers.
- A short link-like line (at most SHORT_WORDS words, no sentence end) next to a boilerplate line, after the
  header: a share row's "Save", a tag list's items, a newsletter box's "S'inscrire" (spread both ways).
"""
from __future__ import annotations

import re

from ..registry import fold

PROSE_WORDS = 12  # a prose paragraph: this many words and a sentence end
HEADER_STAMP_WORDS = 14
NAME_WORDS = 4
SHORT_WORDS = 3
TAG_ITEMS = 3
TAG_ITEM_WORDS = 3
CAPTION_TEXT_WORDS = 20
TITLE_MIN_WORDS, TITLE_MAX_WORDS, TITLE_RUN = 4, 16, 2

_END = re.compile(r"[.!?…;\"”»)]\s*$")
_CLOCK = re.compile(r"\b\d{1,2}(?::|h)\d{2}\b|\b\d{1,2}\.\d{2}\s*(?:uhr|[ap]\.?m\b|gmt|utc)", re.I)  # not "20.09.2021"
_NAME = re.compile(r"^(?:[A-ZÀ-ÝĀ-Ž][\w'’-]+|[A-Z]\.)(?:\s+(?:[A-ZÀ-ÝĀ-Ž][\w'’-]+|[A-Z]\.|de|del|van|von|al|el|da|di|la|le)){1,3}"
                   r"(?:,\s+[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+){0,2}){0,2}(?:\s+in\s+[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+)?)?$")
_CREDIT_ONLY = re.compile(r"^(?:photo|foto|bild|image|picture|photograph|fotoğraf|фото)(?:\s+source)?\s*[:,]\s*\S.{0,80}$", re.I)


CAPTION_CHARS, CREDIT_CHARS = 300, 60
SHAPE_CHARS = 200  # a line longer than this is none of the shapes (tag list, byline, dateline, caption text)
_CREDIT_MARKS = ("/", ")", ":", "|")


def caption_end(line: str, cues) -> bool:
    """A caption told by its end (cues caption_tail and caption_dated, matched with case): a picture's credit after
    its description ("... 2023. VANO SHLAMOV / AFP"), or a place and a day-first date. Tried only on a line of at most
    CAPTION_CHARS characters whose last CREDIT_CHARS hold a credit's mark, or which ends in a year (build cost)."""
    if len(line) > CAPTION_CHARS:
        return False
    tail = line[-CREDIT_CHARS:]
    if cues.caption_tail and any(m in tail for m in _CREDIT_MARKS) and cues.caption_tail[0].search(line[-2 * CREDIT_CHARS:]):
        return True
    end = line.rstrip(". ")
    return bool(cues.caption_dated) and (end[-4:].isdigit() or end.endswith(("года", "г"))) and cues.caption_dated[0].match(line) is not None


def _prose(line: str) -> bool:
    return _END.search(line) is not None and len(line.split()) >= PROSE_WORDS


def header_end(lines: list[str]) -> int:
    """The index of the first prose paragraph (PROSE_WORDS words or more ending a sentence), or len(lines)."""
    return next((i for i, l in enumerate(lines) if _prose(l)), len(lines))


def shape_furniture(lines: list[str], labels: list[str], cues, glued: frozenset = frozenset()) -> None:
    """Relabel body lines that are furniture or captions by their shape and place (see the module). `glued`: lines
    cut from the end of the line before them (a credit glued to what follows it: that is no caption's text)."""
    head = header_end(lines)
    last = next((i for i in range(len(lines) - 1, -1, -1) if _prose(lines[i])), len(lines))
    for i, line in enumerate(lines):
        if labels[i] != "body" or len(line) > SHAPE_CHARS:  # every shape here is a short line
            continue
        words = line.split()
        if cues.dateline_alone and cues.dateline_alone[0].match(line) and (i < head or re.search(r"\d|\(", line)):
            labels[i] = "boilerplate"
        elif 0 < i < head and (_NAME.match(line) or (len(words) <= HEADER_STAMP_WORDS and _CLOCK.search(line) and not _END.search(line))):
            labels[i] = "boilerplate"
        elif i > last and len(words) <= NAME_WORDS and line.upper() == line and re.search(r"[^\W\d_]", line):
            labels[i] = "boilerplate"  # a signature under the last paragraph ("JANE ROE", "PRESS OFFICE")
        elif i > head and _tag_list(line):
            labels[i] = "boilerplate"
        elif (i > 0 and i not in glued and labels[i - 1] == "caption" and _CREDIT_ONLY.match(lines[i - 1])
              and len(words) <= CAPTION_TEXT_WORDS and not _END.search(line) and line[-1] not in ",:"):
            labels[i] = "caption"
    _spread(lines, labels)
    _title_run(lines, labels, head)


def _title_like(line: str) -> bool:
    words = line.split()
    return (TITLE_MIN_WORDS <= len(words) <= TITLE_MAX_WORDS and line[:1].isupper() and line.upper() != line
            and not re.search(r"[.!?…;:,\"”»)]\s*$", line))


def _title_run(lines: list[str], labels: list[str], head: int) -> None:
    """The page's last body lines, when TITLE_RUN or more of them are titles (no prose after them, only other
    sections between them): a list of other articles' headlines with no heading above it, teasers."""
    run = []
    for i in range(len(lines) - 1, head, -1):
        if labels[i] != "body":
            continue
        if not _title_like(lines[i]):
            break
        run.append(i)
    if len(run) >= TITLE_RUN:
        for i in run:
            labels[i] = "teaser"


def _tag_list(line: str) -> bool:
    items = [p.strip() for p in line.split(",")]
    return (len(items) >= TAG_ITEMS and not _END.search(line)
            and all(0 < len(p.split()) <= TAG_ITEM_WORDS and p[:1].isupper() for p in items))


def _short(line: str) -> bool:
    return len(line.split()) <= SHORT_WORDS and not _END.search(line) and not line.endswith(",")


def _spread(lines: list[str], labels: list[str]) -> None:
    """Short link-like body lines next to boilerplate become boilerplate, both ways (the headline, line 0, stays):
    one pass forward, one back, so a run of them is taken from either end."""
    n = len(lines)
    short = [labels[i] == "body" and len(lines[i]) <= SHAPE_CHARS and _short(lines[i]) for i in range(n)]
    for order in (range(1, n), range(n - 1, 0, -1)):
        for i in order:
            if short[i] and labels[i] == "body" and (labels[i - 1] == "boilerplate" or (i + 1 < n and labels[i + 1] == "boilerplate")):
                labels[i] = "boilerplate"


TEASER_OVERLAP = 0.5
STEM_CHARS = 5


def _stems(text: str) -> set[str]:
    return {w[:STEM_CHARS] for w in re.findall(r"[^\W\d_]+", fold(text)) if len(w) >= 4}


def restates(headline: str, summary: str) -> bool:
    """A teaser's summary restates its headline; an outlet's own subhead introduces something new (sections)."""
    head = _stems(headline)
    return bool(head) and len(head & _stems(summary)) / len(head) >= TEASER_OVERLAP
