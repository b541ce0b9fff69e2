"""The one base class of the errors the pipeline raises on purpose: bad input, settings, files or requests.

Each wing defines its own subclasses next to the code that raises them (`SettingsError`, `BadInput`,
`RegistryError`, `CurationError`, `UnknownFormat`, ...), worded for the analyst: what is wrong, with what,
and how to fix it. The edges turn a `PipelineError` into one line (the CLI: exit 2; the dashboard:
`st.error`); anything else is a bug and keeps its traceback.
"""
from __future__ import annotations


class PipelineError(Exception):
    """A known problem with the analyst's input, settings or files: its message is shown as it is."""


def one_line(message: object, limit: int = 300) -> str:
    """`message` as one line of at most `limit` characters (an exception's text may be long or span lines)."""
    text = " ".join(str(message).split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


__all__ = ["PipelineError", "one_line"]
