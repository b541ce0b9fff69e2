"""How counts are worded, the same in the CLI, the dashboard and every export (issue 20).

An *event* is one real-world happening (a cluster); a *mention* is one sentence of one article reporting it.
"""
from __future__ import annotations

from functools import lru_cache

from .config import DATA_DIR, load_yaml

PUBLISHED_WORDS = DATA_DIR / "en" / "display" / "published.yaml"


def plural(n: int, word: str, many: str | None = None) -> str:
    """`n` and the word, singular for exactly one: "1 event", "14 events", "0 events"."""
    return f"{n:,} {word if n == 1 else (many or word + 's')}"


def counts_phrase(events: int, mentions: int) -> str:
    """Events and the mentions behind them: "14 events (19 mentions)", "1 event (1 mention)"."""
    return f"{plural(events, 'event')} ({plural(mentions, 'mention')})"


@lru_cache(maxsize=1)
def _inferred_words() -> dict[str, str]:
    return dict((load_yaml(PUBLISHED_WORDS.read_text(encoding="utf-8")) or {}).get("inferred") or {})


def _flag(value) -> bool:
    return value is True or str(value).strip().lower() in ("true", "1")


def inferred_note(inferred, basis: str | None = None) -> str:
    """How an inferred publication date is marked, from how it was fixed (`published_basis`):
    "inferred from the dateline"; "" when the date was not inferred (data/en/display/published.yaml)."""
    if not _flag(inferred):
        return ""
    words = _inferred_words()
    key = str(basis).strip() if isinstance(basis, str) else ""
    return words.get(key) or words.get("unknown", "inferred from the text")


__all__ = ["plural", "counts_phrase", "inferred_note"]
