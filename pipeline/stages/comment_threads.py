"""Where a thread signed under each comment starts: its first comments carry no footer above them (issue 22).

Helpers of `sections.classify_lines`, kept apart for the module cap. A footer (CNN "March 3, 2011 at 4:59 pm |
Reply", Washington Post "Posted by: name | June 16, 2010 11:05 PM | Report abuse") closes its comment, so the lines
between the article and the thread's first footer are the first comment(s), and where the article ends there must
be found from the lines themselves:

- `unsigned_start` (round 5, moved here from sections.py in round 6): back from the first footer over the lines in
  a reader's voice, until a line of reporting, a sign-off or two neutral lines;
- `signoff_start` (round 6): the article's own sign-off (cue `article_signoff`: a blog's byline with its stamp "By
  Name | June 16, 2010; 5:08 PM ET", a contributor line "CNN's Name contributed to this report.", an agency's
  "(Reporting by ...; Editing by ...)") between the article and the first footer ends the article: the body lines
  after it, up to the footer, are comments, whatever their voice (several first comments whose footers the crawl
  lost, a neutral first comment). Only when the article stands above the sign-off (SIGNOFF_MIN_ARTICLE lines below
  the first long paragraph) and the lines after it are not reporting (no more reporting lines than lines in a
  reader's voice, and no new article's dateline): a byline heading a post, or a second story under a first one's
  credit, are not an article's end.

Cues are data (`pipeline/data/lexicon/sections.yaml`); each function takes the lines and the compiled cues.
"""
from __future__ import annotations

from .cue_gates import matches
from .threads import scare_quoted

UNSIGNED_NEUTRAL_LINES = 2  # lines in neither voice that end the walk back over a thread's unsigned comments
UNSIGNED_NEUTRAL_LINES_REPORT = 3  # round 6: ... under a report (REPORT_RATIO reporting lines per voiced one)
REPORT_RATIO = 2
SIGNOFF_MIN_ARTICLE = 5  # lines of the article (from its first long paragraph) above a sign-off that ends it
SIGNOFF_MIN_VOICED = 2  # lines in a reader's voice after it that make a thread with no signature under it


def _hit(patterns, line: str) -> bool:
    return any(p.search(line) for p in patterns)


def _walk(lines: list[str], thread: int, first_long: int, cues, neutral_stop: int) -> int:
    start, neutral, j = thread, 0, thread - 1
    while j > first_long:
        line = lines[j]
        if (_hit(cues.reporting_line, line) and not scare_quoted(line, cues)) or any(matches(p, line) for p in cues.furniture):
            break  # round 5: a sign-off stops it too; a reader's 'a "news" organization' does not
        if _hit(cues.comment_voice + cues.comment_opinion, line):  # round 5: opinion
            start, neutral = j, 0
        else:
            neutral += 1
            if neutral >= neutral_stop:
                break
        j -= 1
    return start


def unsigned_start(lines: list[str], thread: int, first_long: int, cues, glued: bool = False) -> int:
    """Where a thread whose first signature is at `thread` starts: back over the lines in a reader's voice
    (first or second person, a question, a handle, a lower-case start) until a line of reporting or
    UNSIGNED_NEUTRAL_LINES lines in neither voice. Round 5: an unattributed opinion (comment_opinion: "Presidents
    need to pay attention to ...", "... a puppet dictator ...") is a reader's too, here only: a line of reporting
    already stopped the walk, so the opinion is nobody's quoted in the article. Round 6: the walk goes on over
    UNSIGNED_NEUTRAL_LINES_REPORT neutral lines when the article left above it is a report (REPORT_RATIO lines of
    reporting per line in a voice: the first comments of a CNN thread hold two neutral lines; an op-ed, whose last
    line speaks to its reader as a comment does, is not walked into that far). Round 7: a line `glued` to the
    footer on the page's own line (the crawl joined the comment's last words to its footer: '"Go F... Yourself"
    Posted by: name | ... | Report abuse') is that comment's, whatever it holds (a reader's quotation is no
    reporting there): the walk starts above it."""
    if glued and thread - 1 > first_long:
        thread -= 1
    start = _walk(lines, thread, first_long, cues, UNSIGNED_NEUTRAL_LINES)
    further = _walk(lines, thread, first_long, cues, UNSIGNED_NEUTRAL_LINES_REPORT)
    if further < start:
        article = lines[max(first_long, 0):further]
        voice = sum(_hit(cues.comment_voice, line) for line in article)
        reporting = sum(_hit(cues.reporting_line, line) for line in article)
        if reporting >= REPORT_RATIO * max(voice, 1):
            return further
    return start


def signoff_start(lines: list[str], first_long: int, first_sig: int, cues, closing: set[int] = frozenset()) -> int | None:
    """Round 6: the first line after the article's last sign-off (article_signoff) above the thread's first
    signature at `first_sig` (or the page's end, for a thread whose footers the crawl lost), when the article
    stands above it and the lines from it to the signature (or to the first comment policy in `closing`) are not
    reporting (and, with no signature under them, hold a reader's voice); else None."""
    if not cues.article_signoff:
        return None
    pat = cues.article_signoff[0]
    at = next((j for j in range(first_sig - 1, first_long - 1, -1) if matches(pat, lines[j])), None)  # (gated: speed)
    if at is None or at - first_long < SIGNOFF_MIN_ARTICLE:
        return None
    end = min([k for k in closing if k > at] + [first_sig])
    stretch = lines[at + 1:end]
    if not stretch or (cues.article_dateline and any(_hit(cues.article_dateline, line) for line in stretch)):
        return None  # nothing under it, or a new story under the first one's credit
    voice = sum(_hit(cues.comment_voice + cues.comment_opinion, line) for line in stretch)
    reporting = sum(_hit(cues.reporting_line, line) and not scare_quoted(line, cues) for line in stretch)
    footer = first_sig < len(lines)  # a footer under the stretch signs it; with none, readers' voices must (a
    return at + 1 if reporting <= voice and (footer or voice >= SIGNOFF_MIN_VOICED) else None  # promo's "Our" is one)
