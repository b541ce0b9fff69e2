"""What an article's own text says of where it comes from (issue 20), for what its metadata leaves out:

- the **outlet**, from a wire dateline ("CITY (Agency) —", "CITY, date. /Agency/."), a republication or
  copyright line, a comment-policy notice or a "SOURCE:" line. The rules, their order and examples are data:
  `pipeline/data/lexicon/credits.yaml`;
- the **title**, when the reader took the first line and that line is site furniture (a "Date: ..." line,
  which the sections stage marks as boilerplate): the first short body line after it.

An outlet or title given by the metadata (sidecar, front matter, HTML) is never replaced.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import yaml

from ..schema import Document
from .cue_gates import may_search

NEEDS: tuple[str, ...] = ("text", "blocks")
SETS: tuple[str, ...] = ("source", "title")
RULES_FILE = Path(__file__).resolve().parent.parent / "data" / "lexicon" / "credits.yaml"
HEAD_BLOCKS = 4  # datelines open the copy: the first body paragraphs
TITLE_MAX = 200  # characters: a body line longer than this is a paragraph, not a headline


@dataclass(frozen=True)
class CreditRule:
    id: str
    where: str  # "head" (first body paragraphs) or "anywhere"
    pattern: re.Pattern
    examples: tuple[tuple[str, str], ...]


@lru_cache(maxsize=2)
def load_rules(path: str | None = None) -> tuple[CreditRule, ...]:
    """The credit-line rules, in the order they are tried."""
    with open(path or RULES_FILE, encoding="utf-8") as fh:
        data = yaml.safe_load(fh)
    return tuple(CreditRule(r["id"], r.get("where", "anywhere"), re.compile(r["pattern"], re.MULTILINE),
                            tuple((e["text"], e["outlet"]) for e in r.get("examples") or ())) for r in data["rules"])


def find_outlet(text: str, blocks=None, rules: tuple[CreditRule, ...] | None = None) -> tuple[str, str] | None:
    """(outlet, rule id) of the first rule that matches, or None. `blocks` (the sections stage's) limits the
    dateline rules to the first body paragraphs; without blocks the first lines of the text are used."""
    body = [b for b in blocks or () if b.section == "body"][:HEAD_BLOCKS]
    head = "\n".join(text[b.start:b.end] for b in body) if body else "\n".join(text.splitlines()[:8])
    for rule in rules or load_rules():
        where = head if rule.where == "head" else text
        match = rule.pattern.search(where) if may_search(rule.pattern, where) else None  # (cue_gates: build cost)
        if match:
            outlet = re.sub(r"\s+", " ", match.group("outlet")).strip(" .,;:-–—")
            if len(outlet) >= 2:
                return outlet, rule.id
    return None


def find_title(text: str, blocks, title: str | None) -> str | None:
    """A title in place of `title` when `title` is the text's first line and the sections stage marked that
    line as furniture: the first short one-line body block after it; None to keep `title`."""
    lines = [b for b in blocks or () if re.search(r"\w", text[b.start:b.end])]
    if not lines or title is None or text[lines[0].start:lines[0].end].strip() != title.strip():
        return None
    if lines[0].section != "boilerplate":
        return None
    for block in lines[1:HEAD_BLOCKS + 1]:
        candidate = text[block.start:block.end].strip()
        if block.section == "body" and "\n" not in candidate and len(candidate) <= TITLE_MAX:
            return candidate
    return None


def annotate(doc: Document) -> Document:
    """Set doc.source from a credit line when the metadata gave none; replace a furniture line taken as title."""
    if not (doc.source or "").strip():
        found = find_outlet(doc.text, doc.blocks)
        if found:
            doc.source = found[0]
    title = find_title(doc.text, doc.blocks, doc.title)
    if title:
        doc.title = title
    return doc


__all__ = ["NEEDS", "SETS", "find_outlet", "find_title", "load_rules", "annotate", "CreditRule"]
