"""Where a page turns into its readers' comments when no signature says so (issue 22, round 3).

Helpers of `sections.classify_lines`, kept apart for the module cap: a thread opener ("Below is a selection of
your comments", "Add your comments on this story, using the form below", "Sort by newest") or a reader's reaction
to the piece ("An excellent summary by ...", "Thanks for this post") starts a thread when the body after it is
more in a reader's voice than in reporting. Cues are data (`pipeline/data/lexicon/sections.yaml`: thread_opener,
comment_reaction, comment_stamp_parts); each function takes the compiled cues and the lines, nothing else.
"""
from __future__ import annotations

import re

MAX_OPENERS = 3  # opener candidates weighed per page (each weighs the page's rest once): time stays linear
MAX_REACTIONS = 3
VERDICT_CHARS = 90  # a verdict on the piece (comment_verdict) is a short line
TRANSCRIPT_SPEAKERS = 3  # speaker labels ("BLITZER:") that make a page a broadcast transcript


def is_transcript(lines: list[str], cues) -> bool:
    """A broadcast transcript: TRANSCRIPT_SPEAKERS lines or more open with a speaker's label in capitals."""
    if not cues.transcript_speaker:
        return False
    pat, seen = cues.transcript_speaker[0], 0
    for line in lines:
        if pat.match(line):
            seen += 1
            if seen >= TRANSCRIPT_SPEAKERS:
                return True
    return False


def expand_parts(patterns: list, parts: dict) -> list[str]:
    """The patterns with each <<NAME>> replaced by the part of that name (parts may use earlier parts)."""
    done: dict[str, str] = {}
    for name, part in (parts or {}).items():
        for k, v in done.items():
            part = part.replace(f"<<{k}>>", v)
        done[str(name)] = str(part)
    out = []
    for p in patterns or []:
        p = str(p)
        if "<<" in p:
            for k, v in done.items():
                p = p.replace(f"<<{k}>>", v)
        out.append(p)
    return out


def voiced(lines: list[str], voice: tuple[re.Pattern, ...], reporting: tuple[re.Pattern, ...]) -> bool:
    """More lines in a reader's voice than lines of reporting (and at least one)."""
    v = sum(any(p.search(l) for p in voice) for l in lines)
    r = sum(any(p.search(l) for p in reporting) for l in lines)
    return v > r


def _rest(lines: list[str], start: int, closing: set[int]) -> list[str]:
    """The lines from `start` to the first comment policy after it (or the page's end), policies aside."""
    end = next((k for k in sorted(closing) if k >= start), len(lines))
    return [lines[k] for k in range(start, end) if k not in closing]


def opener_thread(lines: list[str], first_long: int, closing: set[int], cues) -> int | None:
    """The index of the line where the page turns into a thread (a thread opener whose following lines are in a
    reader's voice), or None."""
    if not cues.thread_opener:
        return None
    pat = cues.thread_opener[0]
    tried = 0
    for i in range(max(first_long, 0) + 1, len(lines)):
        if pat.match(lines[i]) is None:
            continue
        if tried == 0 and is_transcript(lines, cues):
            return None
        rest = _rest(lines, i + 1, closing)
        if rest and voiced(rest, cues.comment_voice, cues.reporting_line):
            return i
        tried += 1
        if tried >= MAX_OPENERS:
            break
    return None


def reaction_thread(lines: list[str], first_long: int, closing: set[int], cues, low_page: str | None = None) -> int | None:
    """The index of the first line below the article's first long paragraph where a reader reacts to the piece
    and the rest (to the first comment policy or the end) is in a reader's voice, or None."""
    if not cues.comment_reaction and not cues.comment_verdict:
        return None
    pat = cues.comment_reaction[0] if cues.comment_reaction else None
    verdict = cues.comment_verdict[0] if cues.comment_verdict else None
    low_page = "\n".join(lines).lower() if low_page is None else low_page
    needs = [n for n in cues.reaction_needs if n in low_page]  # the page's: most pages hold none, lines test fewer
    if cues.reaction_needs and not needs:
        pat = None
    tried = 0
    for i in range(max(first_long, 0) + 1, len(lines)):
        line = lines[i]
        if not (verdict is not None and len(line) <= VERDICT_CHARS and verdict.match(line)):
            if pat is None or (needs and not any(n in line.lower() for n in needs)) or pat.search(line) is None:
                continue
        if tried == 0 and is_transcript(lines, cues):
            return None
        rest = _rest(lines, i, closing)
        if voiced(rest, cues.comment_voice, cues.reporting_line):
            return i
        tried += 1
        if tried >= MAX_REACTIONS:
            break
    return None


TAIL_MIN_VOICED = 5  # round 4: reader's-voice lines a thread under the article needs (a BBC call-out has 3-4 questions)
TAIL_VOICE_RATIO = 3  # ... and at least this many of them per line of reporting in it
TAIL_MIN_ARTICLE = 5  # body lines the article above it needs, with TAIL_ARTICLE_RATIO reporting lines per voiced one
TAIL_ARTICLE_RATIO = 2  # (an op-ed's "we", "us" and "?" do not make its last paragraphs a thread)


_QUOTE_MARKS = re.compile(r'["“”]')


def quoted(lines: list[str], idx: list[int]) -> list[bool]:
    """Round 5: for each line of `idx` (in order), whether it lies inside a quotation opened on an earlier line and
    not yet closed (an odd count of double quotation marks opens or closes one): a quote running over several
    paragraphs ('Zakaria said: "Egypt is ...' / 'But I don't think it's going to work.' / '... ever seen."') is
    reporting, its "I" and "you" the speaker's, not a reader's."""
    out, inside = [], False
    for i in idx:
        out.append(inside)
        if len(_QUOTE_MARKS.findall(lines[i])) % 2:
            inside = not inside
    return out


_QUOTED = re.compile(r'"[^"\n]*"|“[^”\n]*”')


def scare_quoted(line: str, cues) -> bool:
    """Round 5: a reader's line holding a quotation of a word or two ('a "news" organization'), in a reader's voice
    outside its quotes (comment_voice) and with nothing of reporting there (reporting_line): the quotation marks
    alone do not make it reporting. A line that is all quotation, or whose quotes are not closed, or whose voice is
    inside them ('"We will rebuild," the director said.') is not one."""
    if not _QUOTED.search(line):
        return False
    outside = _QUOTED.sub(" ", line)
    if _QUOTE_MARKS.search(outside) or len(outside.split()) < 3:
        return False
    return (any(p.search(outside) for p in cues.comment_voice)
            and not any(p.search(outside) for p in cues.reporting_line))


def tail_thread(lines: list[str], body: list[int], cues, quotes: bool = False) -> int | None:
    """Round 4: where the article's body lines `body` (indices of `lines`, in order, above a comment policy that
    has no thread found above it) turn into readers' comments, or None: the split whose lines below are the most
    in a reader's voice (comment_voice minus reporting_line), at least TAIL_MIN_VOICED of them and TAIL_VOICE_RATIO
    for each reporting line, under at least TAIL_MIN_ARTICLE lines of reporting (reporting_line, TAIL_ARTICLE_RATIO
    per voiced line: the article visibly ends there; a first-person post or an op-ed has no such split), and whose
    first line speaks as one reader (thread_start_voice: "I", "my", "you", "@name", "!"; an op-ed's closing "us"
    or question is not one). The latest of the best splits: a neutral first comment stays body rather than a
    neutral last paragraph becoming a comment. One pass over the lines."""
    if len(body) <= TAIL_MIN_ARTICLE or not cues.thread_start_voice:
        return None
    v = [any(p.search(lines[i]) for p in cues.comment_voice) for i in body]
    r = [any(p.search(lines[i]) for p in cues.reporting_line) for i in body]
    if quotes:  # round 5 (above a first footer): the lines of a quotation running over several paragraphs report
        r = [a or b for a, b in zip(r, quoted(lines, body))]
    tv, tr = sum(v), sum(r)
    if tv < TAIL_MIN_VOICED:
        return None
    best, at, av, ar = 0, None, 0, 0
    for k in range(len(body)):
        if k:
            av, ar = av + v[k - 1], ar + r[k - 1]
        bv, br = tv - av, tr - ar
        if bv < TAIL_MIN_VOICED:
            break
        if (k >= TAIL_MIN_ARTICLE and ar > av and ar >= TAIL_ARTICLE_RATIO * av and bv >= TAIL_VOICE_RATIO * br
                and bv - br >= best and v[k] and not r[k] and cues.thread_start_voice[0].search(lines[body[k]])):
            best, at = bv - br, k
    return body[at] if at is not None else None
