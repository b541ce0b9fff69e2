"""Split an article into line blocks and label each with its section.

Sections: body (the outlet's reporting), caption (photo captions and credits), teaser (headlines and
summaries of other articles), comment (reader comments), boilerplate (site furniture, date lines).
Nothing is dropped: every block keeps its text and offsets, only its label changes, so events found in
a caption or a comment stay in the frame with their section and a comment is never the outlet's word.

Cue phrases are data (`pipeline/data/lexicon/sections.yaml`); the structural rules are here:
a furniture heading takes the paragraph after it, a teaser heading takes the lines after it until the
next cue, a comments heading (or an "X said:" line) takes the rest of the page except furniture, a
line repeated word for word is a caption or furniture, a date-only line is furniture, and a
headline-like line in the middle of the body followed by a paragraph (or a paragraph ending in "…")
is a teaser of another article.
"""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from functools import lru_cache

from ..config import DATA_DIR, load_yaml
from ..schema import Block, Document
from .comment_threads import signoff_start, unsigned_start
from .cue_gates import matches, needs_first, needy
from .page_shape import caption_end, restates, shape_furniture
from .page_tail import author_notes, empty_headings
from .threads import expand_parts, opener_thread, reaction_thread, tail_thread

NEEDS: tuple[str, ...] = ("text",)
SETS: tuple[str, ...] = ("blocks",)

_LINE = re.compile(r"[^\n]+")
_WORD = re.compile(r"[^\W\d_]+")
_SENTENCE_END = re.compile(r"[.!?…:;\"”’)]\s*$")
_ELLIPSIS_END = re.compile(r"(…|\.\.\.)\s*$")
TEASER_HEADLINE_MIN_WORDS = 5
TEASER_HEADLINE_MAX_WORDS = 20
LONG_PARAGRAPH_WORDS = 25
MAX_TEASER_LINES = 6


@dataclass(frozen=True)
class Cues:
    """Compiled cue patterns of the sections lexicon."""

    furniture: tuple[re.Pattern, ...]
    furniture_heading: tuple[re.Pattern, ...]
    teaser_heading: tuple[re.Pattern, ...]
    comments_heading: tuple[re.Pattern, ...]
    teaser_line: tuple[re.Pattern, ...]
    comment_opener: tuple[re.Pattern, ...]
    caption: tuple[re.Pattern, ...]
    date_line_words: frozenset[str]
    furniture_more: tuple[re.Pattern, ...] = ()  # issue 22: widgets, newsletter boxes, credits of real pages
    comment_signature: tuple[re.Pattern, ...] = ()  # issue 22: found anywhere in a line, cut out by find_blocks
    signature_needs: tuple[str, ...] = ()  # a line holds a signature only if it holds one of these (lower case)
    signature_gates: tuple[tuple[str, ...], ...] = ()  # round 3: per signature pattern, the strings its line needs
    caption_credit: tuple[re.Pattern, ...] = ()
    comment_invitation: tuple[re.Pattern, ...] = ()
    reporting_line: tuple[re.Pattern, ...] = ()
    comment_voice: tuple[re.Pattern, ...] = ()
    comment_closer: tuple[re.Pattern, ...] = ()  # round 2: a comment policy or "discussion closed" beside a thread
    closer_needs: tuple[str, ...] = ()  # a line holds a closer only if it holds one of these (lower case)
    invitation_cut: tuple[re.Pattern, ...] = ()  # an invitation opening a line, cut off from what follows
    thread_opener: tuple[re.Pattern, ...] = ()  # round 3: where a page turns into a thread (stages/threads.py)
    comment_reaction: tuple[re.Pattern, ...] = ()  # round 3: a reader reacting to the piece
    reaction_needs: tuple[str, ...] = ()  # a line may hold a reaction only if it holds one of these (lower case)
    comment_verdict: tuple[re.Pattern, ...] = ()  # round 3: a short line that is a verdict on the piece
    article_dateline: tuple[re.Pattern, ...] = ()  # round 3: a new article after a thread ends it
    transcript_speaker: tuple[re.Pattern, ...] = ()  # round 3: a broadcast transcript's speaker label
    comment_header: tuple[re.Pattern, ...] = ()  # round 3: a signature heading its comment (no walk back above it)
    thread_start_voice: tuple[re.Pattern, ...] = ()  # round 4: a line speaking as one reader (threads.tail_thread)
    comment_opinion: tuple[re.Pattern, ...] = ()  # round 5: an unattributed opinion, a reader's in the walk back above a footer
    comment_stamp: tuple[re.Pattern, ...] = ()  # round 5: "2 days ago" alone: a comment's in a thread, else furniture
    author_note: tuple[re.Pattern, ...] = ()  # round 5: an op-ed author's bio, furniture among the last body lines
    furniture_needs: tuple = ()  # round 5: (the needs, the patterns needing them), cue_gates.needs_first
    article_signoff: tuple[re.Pattern, ...] = ()  # round 6: the article's sign-off (comment_threads.signoff_start)
    signoff_cut: tuple[re.Pattern, ...] = ()  # round 6: those of them cut off what follows (a byline's stamp)
    dateline_alone: tuple[re.Pattern, ...] = ()  # round 7: an agency dateline alone on its line (page_shape.py)
    caption_tail: tuple[re.Pattern, ...] = ()  # round 7: a picture's credit ending its caption, matched with case
    caption_dated: tuple[re.Pattern, ...] = ()  # round 7: a picture with its place and day-first date (page_shape)


@lru_cache(maxsize=4)
def load_cues(path: str | None = None) -> Cues:
    """Load and compile the section cue lexicon (default: the packaged sections.yaml)."""
    with open(path or DATA_DIR / "lexicon" / "sections.yaml", encoding="utf-8") as fh:
        data = load_yaml(fh)
    if path is None:  # issue 22: each language's own cues (pipeline/data/<lang>/sections.yaml) join the shared ones
        for extra in sorted(p for p in DATA_DIR.glob("*/sections.yaml") if p.parent.name != "lexicon"):
            with open(extra, encoding="utf-8") as fh:
                for key, patterns in (load_yaml(fh) or {}).items():
                    if isinstance(patterns, list):
                        data[key] = list(data.get(key) or []) + patterns

    parts = data.get("comment_stamp_parts") or {}  # round 3: <<DATE>>, <<TIME>>, <<AGO>> in the patterns

    def pats(key: str) -> list[str]:  # (furniture_wire's entries with needs are tried apart, on the lines holding them)
        return expand_parts([e["pattern"] if isinstance(e, dict) else e for e in data.get(key) or []
                             if key != "furniture_wire" or not isinstance(e, dict)], parts)

    base = tuple(str(x).lower() for x in data.get("comment_signature_needs") or ())
    entries = [e if isinstance(e, dict) else {} for e in data.get("comment_signature") or []]
    needs = tuple(tuple(str(n).lower() for n in e.get("needs") or ()) or base for e in entries)  # round 3: own or base
    gates = needs

    def comp(*keys: str) -> tuple[re.Pattern, ...]:
        # one alternation per cue family: a line is scanned once, not once per pattern (the lists grow per language)
        patterns = [p for key in keys for p in pats(key)]
        return (re.compile("|".join(f"(?:{p})" for p in patterns), re.IGNORECASE),) if patterns else ()

    def comp_case(key: str) -> tuple[re.Pattern, ...]:  # where case tells ("I" vs "i", "us" vs "U.S.")
        return tuple(re.compile(p) for p in pats(key))

    gated = [e for e in (data.get("furniture_wire") or []) + (data.get("furniture_page") or []) if isinstance(e, dict)]  # round 7: all gated
    return Cues(
        furniture=comp("furniture", "furniture_wire", "comment_stamp", "furniture_exact"),  # furniture_wire's entries with needs apart:
        furniture_needs=needs_first(expand_parts([e["pattern"] for e in gated], parts), [n for e in gated for n in e["needs"]],
                                    int(data.get("furniture_needs_max_chars") or 10**9)),
        furniture_heading=comp("furniture_heading", "furniture_heading_page"),
        teaser_heading=comp("teaser_heading", "teaser_heading_more", "teaser_heading_page"),
        comments_heading=comp("comments_heading"),
        teaser_line=comp("teaser_line") + comp("teaser_more"),
        comment_opener=comp("comment_opener"),
        caption=comp("caption") + comp("caption_more", "caption_page", "caption_alone"),
        date_line_words=frozenset(str(data.get("date_line_words", "")).lower().split()),
        furniture_more=comp("widget"),
        comment_signature=tuple(re.compile(p, re.IGNORECASE) for p in pats("comment_signature")),  # spans each
        signature_needs=tuple(dict.fromkeys(n for g in needs for n in g)) or base,  # any pattern's needs
        signature_gates=gates,
        caption_credit=comp("caption_credit"),
        article_signoff=comp("article_signoff_cut", "article_signoff"),
        signoff_cut=comp("article_signoff_cut"),
        comment_invitation=comp("comment_invitation"),
        reporting_line=comp_case("reporting_line"),
        comment_voice=comp_case("comment_voice"),
        comment_opinion=comp("comment_opinion"),
        comment_closer=comp("comment_closer"),
        invitation_cut=comp("comment_invitation_cut"),
        closer_needs=tuple(str(x).lower() for x in data.get("comment_closer_needs") or ()),
        thread_opener=comp("thread_opener"),
        comment_header=comp("comment_header"),
        thread_start_voice=(re.compile("|".join(f"(?:{p})" for p in pats("thread_start_voice"))),) if pats("thread_start_voice") else (),
        transcript_speaker=(re.compile("|".join(f"(?:{p})" for p in pats("transcript_speaker"))),) if pats("transcript_speaker") else (),
        comment_reaction=comp("comment_reaction"),
        reaction_needs=tuple(str(n).lower() for n in data.get("comment_reaction_needs") or ()),
        comment_verdict=comp("comment_verdict"),
        comment_stamp=comp("comment_stamp"),
        author_note=(re.compile("|".join(f"(?:{p})" for p in pats("author_note"))),) if pats("author_note") else (),
        article_dateline=(re.compile("|".join(f"(?:{p})" for p in pats("article_dateline"))),) if pats("article_dateline") else (),
        dateline_alone=_case_joined(pats("dateline_alone")), caption_tail=_case_joined(pats("caption_tail")),
        caption_dated=_case_joined(pats("caption_dated")),
    )


def _case_joined(patterns: list[str]) -> tuple[re.Pattern, ...]:
    return (re.compile("|".join(f"(?:{p})" for p in patterns)),) if patterns else ()


_JOINED: dict = {}  # id(patterns) -> (patterns, one pattern of their alternatives, or None)


def _joined(patterns: tuple[re.Pattern, ...]) -> re.Pattern | None:
    """The patterns as one alternation (one `match` call per line instead of one per pattern), when they
    share their flags and use no group references; else None."""
    got = _JOINED.get(id(patterns))
    if got is None or got[0] is not patterns:
        joined = None
        if patterns and len({p.flags for p in patterns}) == 1 and not any(re.search(r"\\\d|\(\?P[<=]|\(\?[aiLmsux]+\)", p.pattern) for p in patterns):
            try:
                joined = re.compile("|".join(f"(?:{p.pattern})" for p in patterns), patterns[0].flags)
            except re.error:
                joined = None
        if len(_JOINED) >= 64:
            _JOINED.clear()
        got = _JOINED[id(patterns)] = (patterns, joined)
    return got[1]


def _any(patterns: tuple[re.Pattern, ...], line: str) -> bool:
    # each pattern an alternation (load_cues joins a family): the costly alternatives are tried only when the
    # line holds a string they need (cue_gates: the same answer as the whole pattern; issue 18, build cost)
    return any(matches(p, line) for p in patterns)


def _is_date_line(line: str, cues: Cues) -> bool:
    """A short line made only of digits, punctuation and date words ("Saturday, 12/04/2021")."""
    if len(line) > 60 or not re.search(r"\d", line):
        return False
    return all(w.lower() in cues.date_line_words for w in _WORD.findall(line))


def _is_headline_like(line: str) -> bool:
    """A title-like line: a handful of words, no sentence punctuation at the end, not all capitals."""
    words = line.split()
    if not TEASER_HEADLINE_MIN_WORDS <= len(words) <= TEASER_HEADLINE_MAX_WORDS:
        return False
    if line.upper() == line:  # an all-capitals line is the outlet's own subhead
        return False
    return not re.search(r"[.!:;…,]\s*$", line)


def _is_short_title(line: str) -> bool:
    return 0 < len(line.split()) <= TEASER_HEADLINE_MAX_WORDS and not re.search(r"[.!;…,]\s*$", line)


def classify_lines(lines: list[str], cues: Cues | None = None, joined: frozenset[int] = frozenset(),
                   glued: frozenset[int] = frozenset()) -> list[str]:
    """Return a section label for each (non-empty, stripped) line of an article, in order. From find_blocks:
    `joined`, the lines cut from the same page line as the line after them; `glued`, the lines cut from the end
    of the line before them (round 7)."""
    cues = cues or load_cues()
    n = len(lines)
    labels = ["body"] * n
    counts: dict[str, int] = {}
    for line in lines:
        counts[line] = counts.get(line, 0) + 1

    # Header zone: lines before the first long paragraph (title, site name, date line).
    first_long = next((i for i, l in enumerate(lines) if len(l.split()) >= LONG_PARAGRAPH_WORDS), n)

    # A thread with no heading starts at its first comment signature, or right after the last invitation to
    # comment before that signature (its first comment carries no signature above it).
    low_page = "\n".join(lines).lower()
    page = _mask(cues, low_page)  # the signature needs the page holds: lines test only those
    signed = [i > 0 and _signed(l, cues, page) for i, l in enumerate(lines)]  # once per line: the costly part
    thread = next((i for i, s in enumerate(signed) if s), None)
    if thread is not None:
        first_sig = thread
        invited = [i for i in range(first_long, thread) if _any(cues.comment_invitation, lines[i])]
        if invited:
            thread = invited[-1] + 1
        elif not (cues.comment_header and cues.comment_header[0].search(lines[thread])):
            stamped = (thread - 1) in joined and any(c.isdigit() for c in lines[thread])  # a footer's stamp, not a form's
            thread = unsigned_start(lines, thread, first_long, cues, stamped)
        earlier = reaction_thread(lines[:thread], first_long, set(), cues, low_page)  # round 4: "@name, ..." above
        thread = earlier if earlier is not None else thread  # the first signature, the stretch to it voiced
        signoff = max((i for i in range(first_long, first_sig) if _any(cues.furniture, lines[i])), default=first_long - 1)
        tail = tail_thread(lines, list(range(max(first_long, signoff + 1), first_sig)), cues, True)  # round 5: where the
        thread = tail if tail is not None and tail < thread else thread  # article ends in its voice, above the footer
        ended = signoff_start(lines, first_long, first_sig, cues)  # round 6: after the article's sign-off
        thread = ended if ended is not None and ended < thread else thread
    closing = {i for i, l in enumerate(lines) if _closing(l, cues)}  # comment closers (round 2)
    if thread is None:  # round 6: readers after the article's sign-off, their footers lost (to the first closer)
        thread = signoff_start(lines, first_long, n, cues, closing)
    opened = opener_thread(lines, first_long, closing, cues)  # round 3: an opener, then a reader's voice
    reacted = reaction_thread(lines, first_long, closing, cues, low_page) if thread is None and opened is None else None
    if reacted is not None:
        thread = reacted
    mode = "body"  # body | teaser | comment
    teaser_lines, headings = 0, []
    take_next_as: str | None = None
    for i, line in enumerate(lines):
        label = None
        if mode == "comment" and cues.article_dateline and _any(cues.article_dateline, line):
            mode = "body"  # a new article after the thread (its agency dateline)
        if i == opened:
            mode, label = "comment", "boilerplate"
        elif _any(cues.comments_heading, line):
            mode, label = "comment", "comment"
            headings.append(i)
        elif i == thread or signed[i]:  # a thread, headed or not
            mode, label = "comment", "comment"
        elif mode == "comment" and (_any(cues.comment_stamp, line) or _is_date_line(line, cues)):
            label = "comment"  # a comment's stamp on its own line ("il y a 2 jours"): the comment's, not the site's
        elif i in closing or _any(cues.furniture_more, line):
            label = "boilerplate"
        elif mode != "comment" and _any(cues.comment_opener, line) and i > first_long:
            mode, label = "comment", "comment"
        elif _any(cues.teaser_line, line):
            label = "teaser"
        elif _any(cues.teaser_heading, line):
            label, mode = "boilerplate", ("comment" if mode == "comment" else "teaser")
            teaser_lines = 0
        elif _any(cues.furniture_heading, line):
            label, take_next_as = "boilerplate", "boilerplate"
        elif _any(cues.furniture, line) or _is_date_line(line, cues) or needy(cues.furniture_needs, line):
            label = "boilerplate"
            if mode == "teaser":
                mode = "body"
        elif _any(cues.caption, line) or caption_end(line, cues):
            label = "caption"
        elif counts[line] > 1 and len(line.split()) < LONG_PARAGRAPH_WORDS:
            label = "caption" if re.search(r"photo|image|picture", line, re.I) else "boilerplate"
        if label is not None:
            labels[i] = label
            if not _any(cues.furniture_heading, line):
                take_next_as = None  # the heading's paragraph was itself a cue line
            continue
        if take_next_as:
            labels[i], take_next_as = take_next_as, None
            continue
        if labels[i] == "teaser":  # the summary under a teaser headline, set one line earlier
            continue
        long_line = len(line.split()) >= LONG_PARAGRAPH_WORDS
        if mode == "teaser" and (teaser_lines >= MAX_TEASER_LINES or len(line.split()) >= LONG_PARAGRAPH_WORDS * 3
                                 or (long_line and i > 0 and labels[i - 1] == "teaser" and len(lines[i - 1].split()) >= LONG_PARAGRAPH_WORDS)):
            mode = "body"  # a teaser is a headline and one summary: a second long paragraph is the article again
        if mode == "teaser" and teaser_lines >= 2 and _SENTENCE_END.search(line) and len(line.split()) >= 8 and all(
                _is_short_title(lines[k]) for k in range(i - 2, i)):
            mode = "body"  # round 7: a list of bare titles, then a sentence: the article again, no summary
        if mode in ("comment", "teaser"):
            labels[i] = mode
            teaser_lines += mode == "teaser"
            continue
        # A headline-like line in the middle of the body followed by a paragraph: another article's teaser.
        if i > first_long and _is_headline_like(line) and i + 1 < n:
            nxt = lines[i + 1]
            if len(nxt.split()) >= 8 and not _any(cues.caption, nxt) and not _any(cues.furniture, nxt) and restates(line, nxt):
                labels[i] = labels[i + 1] = "teaser"
                continue
        # A summary ending in an ellipsis under a short title line: a teaser too.
        if i > first_long and _ELLIPSIS_END.search(line) and labels[i - 1] == "body" and _is_short_title(lines[i - 1]):
            labels[i] = labels[i - 1] = "teaser"
    if closing:
        _thread_above_closer(lines, labels, first_long, sorted(closing), cues)
    empty_headings(labels, headings)  # round 5: a counter with no comment under it; an op-ed author's closing note
    author_notes(lines, labels, cues)
    shape_furniture(lines, labels, cues, glued)  # round 7: furniture told by its shape and place
    return labels


def _voiced(lines: list[str], cues: Cues) -> bool:
    """More lines in a reader's voice than lines of reporting (and at least one): a thread, not the article."""
    voice = sum(any(p.search(l) for p in cues.comment_voice) for l in lines)
    reporting = sum(any(p.search(l) for p in cues.reporting_line) for l in lines)
    return voice > reporting


def _closing(line: str, cues: Cues) -> bool:
    """The line opens with a comment closer."""
    return bool(cues.comment_closer) and _any(cues.comment_closer, line)


def _thread_above_closer(lines: list[str], labels: list[str], first_long: int, closers: list[int], cues: Cues) -> None:
    """A comment policy closing a thread ("Views expressed in the comments do not represent ..."): the thread
    is the body lines between the article's end and the closer (or the first comment found above it), when the
    article visibly ends: at its last photo caption or credit, the lines after it being in a reader's voice
    (Reuters blogs: caption, credit, comments, policy, bio). With no such end nothing is changed above the
    closer: a walk back over a reader's voice from it would eat the last paragraphs of a first-person post
    with no comment at all, and some sites put the policy above the thread. What follows the last closer (the
    author's bio, links) is furniture; between two closers apart (a policy above, "This discussion is now
    closed" below), a thread. Labels are changed in place."""
    closers = [i for i in closers if labels[i] == "boilerplate"]
    if not closers:
        return
    for i in range(closers[0] + 1, len(lines)):  # a thread under its policy, closed by "This discussion is now
        if labels[i] == "body":  # closed"; after the last closer, the author's bio and links
            labels[i] = "comment" if i < closers[-1] else "boilerplate"
    # a signed or headed thread above the closer: its unsigned first comments end where it starts
    end = next((i for i in range(closers[0]) if labels[i] == "comment"), closers[0])
    caption = next((j for j in range(end - 1, first_long - 1, -1) if labels[j] == "caption"), None)
    if caption is None or not _voiced([lines[i] for i in range(caption + 1, end) if labels[i] == "body"], cues):
        start = tail_thread(lines, [i for i in range(first_long, end) if labels[i] == "body"], cues) if end == closers[0] else None
        if start is None:  # round 4: no caption, no thread found, but the article's end in its voice (threads.py)
            return  # no end of the article in sight: a closer may also stand above its thread, or over none
        caption = start - 1
    for i in range(caption + 1, end):
        if labels[i] == "body":
            labels[i] = "comment"


_GATES: dict = {}  # id(cues) -> (cues, the distinct needs, for each the indices of the patterns having them)
_GATED: dict = {}  # (id(cues), the needs met, as a bit mask) -> (cues, those patterns, one alternation of them)
_PRESENT: dict = {}  # (id(cues), the page's needs bit mask) -> [(bit, needs)] to test on its lines


def _gated(cues: Cues, low: str, within: int = -1) -> tuple[tuple[re.Pattern, ...], re.Pattern | None]:
    """The signature patterns worth trying on a line (lower-cased): those whose needs (own, or the base
    `comment_signature_needs`) it holds (round 3: substring tests, far cheaper than scanning with each pattern); and
    them joined in one alternation (None when they cannot be joined). `within`: a bit mask of the needs to test
    (those the whole page holds, from `_page_gates`), the others are not met."""
    got = _GATES.get(id(cues))
    if got is None or got[0] is not cues:
        gates = cues.signature_gates if len(cues.signature_gates) == len(cues.comment_signature) else ((),) * len(cues.comment_signature)
        distinct = list(dict.fromkeys(gates))
        got = _GATES[id(cues)] = (cues, distinct, [[k for k, g in enumerate(gates) if g == d] for d in distinct])
    if within == 0:
        return (), None
    present = _PRESENT.get((id(cues), within))
    if present is None or present[0] is not cues:  # the needs to test: those the page holds (all when not told)
        if len(_PRESENT) >= 256:
            _PRESENT.clear()
        present = _PRESENT[(id(cues), within)] = (cues, [(j, need) for j, need in enumerate(got[1]) if within >> j & 1])
    mask = 0
    for j, need in present[1]:
        if not need or any(n in low for n in need):
            mask |= 1 << j
    hit = _GATED.get((id(cues), mask))
    if hit is None or hit[0] is not cues:
        pats = tuple(cues.comment_signature[k] for j, ks in enumerate(got[2]) if mask >> j & 1 for k in ks)
        if len(_GATED) >= 256:
            _GATED.clear()
        hit = _GATED[(id(cues), mask)] = (cues, pats, _joined(pats) if len(pats) > 1 else (pats[0] if pats else None))
    return hit[1], hit[2]


def _mask(cues: Cues, low: str) -> int:
    _gated(cues, "")  # builds the cues' distinct needs
    mask = 0
    for j, need in enumerate(_GATES[id(cues)][1]):
        if not need or any(n in low for n in need):
            mask |= 1 << j
    return mask


def _may_sign(line: str, cues: Cues, low: str | None = None) -> bool:
    """False when the line holds none of the strings any signature needs: not worth scanning."""
    return bool(_gated(cues, line.lower() if low is None else low)[0])


def _signed(line: str, cues: Cues, within: int = -1) -> bool:
    """The line opens with a comment signature."""
    pats, joined = _gated(cues, line.lower(), within)
    return joined.match(line) is not None if joined is not None else any(p.match(line) for p in pats)


def _cuts(line: str, cues: Cues, within: int = -1) -> list[int]:
    """Where a line is cut into blocks: around each comment signature ("February 5, 2011 at 2:40 am | Reply",
    ending one comment and opening the next on the same line) and after a photo credit opening it
    ("Photograph: Name/EPA The ...")."""
    cuts = set()
    low = line.lower()
    spans = sorted((m.start(), m.end()) for p in _gated(cues, low, within)[0] for m in p.finditer(line))
    merged: list[list[int]] = []
    for a, b in spans:  # overlapping signatures ("... at 5:32 pm | Report abuse |") make one block
        if merged and a <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], b)
        else:
            merged.append([a, b])
    for a, b in merged:
        cuts.update((a, b))
    if cues.comment_closer and (not cues.closer_needs or any(w in low for w in cues.closer_needs)):
        for p in cues.comment_closer:  # a policy glued to the line before it ("(Editing by ...) We welcome comments ...")
            for m in p.finditer(line):
                cuts.update((m.start(), m.end()))
    for p in cues.invitation_cut:  # "You can email the author at name@site.com" glued to the first comment
        m = p.match(line)
        if m and line[m.end():m.end() + 2].strip():
            cuts.add(m.end())
    for p in cues.caption_credit + cues.signoff_cut:  # round 6: a byline's stamp glued to the first comment
        m = p.match(line)
        if m and line[m.end():m.end() + 2].strip():
            cuts.add(m.end())
    return sorted(c for c in cuts if 0 < c < len(line))


def find_blocks(text: str, cues: Cues | None = None) -> list[Block]:
    """Return one Block per non-empty line of `text` (a line holding a comment signature or opening with a photo
    credit is cut there into several), labelled with its section."""
    cues = cues or load_cues()
    page = _mask(cues, text.lower())  # the signature needs the page holds (round 3)
    spans, joined, glued = [], set(), set()
    for m in _LINE.finditer(text):
        raw = m.group()
        stripped = raw.strip()
        if not stripped:
            continue
        start = m.start() + (len(raw) - len(raw.lstrip()))
        bounds = [0, *_cuts(stripped, cues, page), len(stripped)]
        here = len(spans)
        for a, b in zip(bounds, bounds[1:]):
            piece = stripped[a:b]
            lead = len(piece) - len(piece.lstrip())
            if piece.strip():
                if len(spans) > here:
                    joined.add(len(spans) - 1)  # round 7: the piece before it is glued to it on the page's line
                if a > 0:
                    glued.add(len(spans))  # round 7: cut from the end of the page's line before it
                spans.append((start + a + lead, start + a + lead + len(piece.strip()), piece.strip()))
    labels = classify_lines([s for _, _, s in spans], cues, frozenset(joined), frozenset(glued))
    return [Block(a, b, label) for (a, b, _), label in zip(spans, labels)]


_BLOCK_INDEX: list = [None]  # (the blocks list, its length, block starts, in order without overlaps) of the last one asked


def block_at(blocks: list[Block], pos: int) -> Block | None:
    """The first of `blocks` holding pos; by bisection when they are in order without overlaps (as find_blocks
    makes them): the later stages ask this per sentence and mention, and a scan would be quadratic."""
    idx = _BLOCK_INDEX[0]
    if idx is None or idx[0] is not blocks or idx[1] != len(blocks):
        ordered = all(b.start <= b.end for b in blocks) and all(blocks[k].end <= blocks[k + 1].start for k in range(len(blocks) - 1))
        idx = _BLOCK_INDEX[0] = (blocks, len(blocks), [b.start for b in blocks], ordered)
    if not idx[3]:
        return next((b for b in blocks if b.start <= pos < b.end), None)
    k = bisect.bisect_right(idx[2], pos) - 1
    return blocks[k] if k >= 0 and pos < blocks[k].end else None


def annotate(doc: Document) -> Document:
    """Set doc.blocks: the article's lines with their section labels."""
    doc.blocks = find_blocks(doc.text)
    return doc


# ------------------------------------------------------------------ corpus level (issue 22)
REPEATED_PAGES = 5  # a line on this many pages is the site's, not news: its first page keeps it, the others not
WIDGET_PAGES = 20  # a line on this many pages (a Twitter widget, a disclaimer) is furniture on every page
MIN_REPEAT_WORDS = 4  # shorter lines ("All right.", "Share") repeat by chance


def _line_key(text: str) -> str:
    return " ".join(text.split())


def mark_repeated(docs: list[Document]) -> list[Document]:
    """Relabel as boilerplate the lines repeated word for word across many articles of the corpus: a widget
    carried by every page of a site ("ly/U6vgfT 6:30 pm ET February 11, 2013 RETWEET ...") would otherwise
    be one event on each page and one cluster of them all. A line on REPEATED_PAGES pages or more counts once
    (the first page in input order keeps it); on WIDGET_PAGES or more, not at all. Their sentences become
    boilerplate and their events go, as for any furniture. Returns the documents changed."""
    from collections import Counter

    counts: Counter = Counter()
    per_doc: list[dict[str, list[int]]] = []
    for d in docs:
        keys: dict[str, list[int]] = {}
        for k, b in enumerate(d.blocks):
            line = _line_key(d.text[b.start:b.end])
            if len(line.split()) >= MIN_REPEAT_WORDS:
                keys.setdefault(line, []).append(k)
        per_doc.append(keys)
        counts.update(keys.keys())
    kept: set[str] = set()
    changed: list[Document] = []
    for d, keys in zip(docs, per_doc):
        spans = []
        for line, blocks in keys.items():
            n = counts[line]
            if n < REPEATED_PAGES:
                continue
            if n < WIDGET_PAGES and line not in kept:
                kept.add(line)
                continue
            for k in blocks:
                if d.blocks[k].section != "boilerplate":
                    d.blocks[k].section = "boilerplate"
                    spans.append((d.blocks[k].start, d.blocks[k].end))
        if not spans:
            continue
        inside = lambda a: any(s <= a < e for s, e in spans)  # noqa: E731
        for s in d.sentences:
            if inside(s.start):
                s.section = "boilerplate"
        d.events = [e for e in d.events if not inside(e.char_start)]
        changed.append(d)
    return changed
