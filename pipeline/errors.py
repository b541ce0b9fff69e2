"""The one base class of the errors the pipeline raises on purpose: bad input, settings, files or requests.

Each wing defines its own subclasses next to the code that raises them (`SettingsError`, `BadInput`,
`RegistryError`, `CurationError`, `UnknownFormat`, ...), worded for the analyst: what is wrong, with what,
and how to fix it. The edges turn a `PipelineError` into one line (the CLI: exit 2; the dashboard:
`st.error`); anything else is a bug and keeps its traceback.
"""
from __future__ import annotations


class PipelineError(Exception):
    """A known problem with the analyst's input, settings or files: its message is shown as it is."""


__all__ = ["PipelineError"]
