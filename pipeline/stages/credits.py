"""The outlet of an article whose metadata names none, from its own text (issue 20): a wire dateline
("CITY (Agency) —", "CITY, date. /Agency/."), a republication or copyright line, a comment-policy notice or a
"SOURCE:" line. The rules, their order and examples are data: `pipeline/data/lexicon/credits.yaml`.

An outlet given by the metadata (sidecar, front matter, HTML site name) is never replaced.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import yaml

from ..schema import Document

NEEDS: tuple[str, ...] = ("text", "blocks")
SETS: tuple[str, ...] = ("source",)
RULES_FILE = Path(__file__).resolve().parent.parent / "data" / "lexicon" / "credits.yaml"
HEAD_BLOCKS = 4  # datelines open the copy: the first body paragraphs


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
        match = rule.pattern.search(head if rule.where == "head" else text)
        if match:
            outlet = re.sub(r"\s+", " ", match.group("outlet")).strip(" .,;:-–—")
            if len(outlet) >= 2:
                return outlet, rule.id
    return None


def annotate(doc: Document) -> Document:
    """Set doc.source from a credit line when the metadata gave none."""
    if not (doc.source or "").strip():
        found = find_outlet(doc.text, doc.blocks)
        if found:
            doc.source = found[0]
    return doc


__all__ = ["NEEDS", "SETS", "find_outlet", "load_rules", "annotate", "CreditRule"]
