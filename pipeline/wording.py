"""How counts are worded, the same in the CLI, the dashboard and every export (issue 20).

An *event* is one real-world happening (a cluster); a *mention* is one sentence of one article reporting it.
"""
from __future__ import annotations


def plural(n: int, word: str, many: str | None = None) -> str:
    """`n` and the word, singular for exactly one: "1 event", "14 events", "0 events"."""
    return f"{n:,} {word if n == 1 else (many or word + 's')}"


def counts_phrase(events: int, mentions: int) -> str:
    """Events and the mentions behind them: "14 events (19 mentions)", "1 event (1 mention)"."""
    return f"{plural(events, 'event')} ({plural(mentions, 'mention')})"


__all__ = ["plural", "counts_phrase"]
