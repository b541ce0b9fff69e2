"""The end of a page (issue 22, round 5): what follows the article's last paragraph there and is not the article's.

Helpers of `sections.classify_lines`, kept apart for the module cap. Cues are data
(`pipeline/data/lexicon/sections.yaml` and `pipeline/data/<lang>/sections.yaml`: author_note); each function takes
the lines, their labels and the compiled cues, and changes labels in place.
"""
from __future__ import annotations

AUTHOR_NOTE_LINES = 2  # the last body lines of a page that may be an op-ed author's note
NAME_WORDS = 3  # words of a note's leading name looked for in the body above it
PROSE_WORDS = 12


def author_notes(lines: list[str], labels: list[str], cues) -> None:
    """An author's note closing an opinion piece ("Jane Doe is a professor of ... at the University of ..."): among
    the page's last AUTHOR_NOTE_LINES body lines (only other sections after them), those matching `author_note`
    become furniture, walking back from the end until a body line that is not one. The same words in the middle
    of a piece (a source introduced) stay body, and so does a closing line about someone the body above already
    names (a company profile's "Mr. Chun is currently a director of ...": its subject, not its author)."""
    if not cues.author_note:
        return
    seen = 0
    for i in range(len(lines) - 1, -1, -1):
        if labels[i] != "body":
            continue
        if seen >= AUTHOR_NOTE_LINES or not cues.author_note[0].match(lines[i]) or _named_above(lines, labels, i):
            return
        labels[i], seen = "boilerplate", seen + 1


def _named_above(lines: list[str], labels: list[str], i: int) -> bool:
    """The line's leading name (its first capitalised words, two or three) is in a body paragraph above it (of
    PROSE_WORDS words or more: a byline naming the author is shorter)."""
    name = []
    for word in lines[i].split()[:NAME_WORDS]:
        if not word[:1].isupper():
            break
        name.append(word.rstrip(",—–"))
    if len(name) < 2:
        return False
    name_text = " ".join(name)
    return any(labels[j] == "body" and name_text in lines[j] and len(lines[j].split()) >= PROSE_WORDS for j in range(i))


def empty_headings(labels: list[str], headings: list[int]) -> None:
    """A comments heading or counter ("12 comments", "Comentarios (3)") with no comment under it is furniture (an
    op-ed's counter); over a thread it stays the thread's, labelled comment as the project's golds have it."""
    if not headings:
        return
    last = max((i for i, label in enumerate(labels) if label == "comment"), default=-1)  # once: a page may hold many
    for h in headings:
        if h >= last:
            labels[h] = "boilerplate"
