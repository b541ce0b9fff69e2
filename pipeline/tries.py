"""Regexes matching a set of words, factored by their common prefixes so a failing position fails fast.

One builder for the timex grammar's alternations, the actors' titles and demonyms and the event triggers'
openings: "agree", "agreement", "aid" become `a(?:gree(?:ment)?|id)` instead of three alternatives the
engine tries one by one at every position.
"""
from __future__ import annotations

import re


def trie_regex(words, space: str = r"\s+", prefixes: bool = False) -> str:
    """A regex (a non-capturing group) matching exactly `words`, a space in them matching `space`; at a
    position it matches the longest word there.

    `prefixes=True`: it matches wherever one of `words` begins (a word's longer continuations are left out,
    the shorter one matches already), for look-aheads that only ask whether some word starts here."""
    trie: dict = {}
    for w in words:
        node = trie
        for ch in w:
            node = node.setdefault(ch, {})
        node[""] = {}

    def build(node: dict) -> str:
        end = "" in node
        if end and prefixes:
            return ""
        branches = [(space if ch == " " else re.escape(ch)) + build(node[ch]) for ch in sorted(k for k in node if k)]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        # longest match first: every branch is tried before the optional end
        return "(?:" + body + ")?" if end else body

    return "(?:" + build(trie) + ")"


def longest_each(words: re.Pattern, text: str):
    """(position, word) for every position of `text` where one of the words compiled in `words` (a capturing
    group of a `trie_regex`, never matching the empty string) begins, with the longest word there: what
    `(?=(trie))` finds with `finditer`, faster. The pattern consumes, so `re` skips in C the characters no
    word begins with; each search resumes one character after the last word's start (words may overlap)."""
    pos, search = 0, words.search
    while (m := search(text, pos)) is not None:
        start = m.start()
        yield start, m.group(1)
        pos = start + 1
