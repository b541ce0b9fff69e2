"""The build, as the CLI, the dashboard and other tools call it: `build` (in memory, one events frame) and
`build_to_file` (streamed to an events file in bounded memory). The work is done in `pipeline.run`."""
from __future__ import annotations

from .run.memory import CLUSTERING, BuildResult, build
from .run.stream import BuildSummary, build_to_file
from .stages import STAGES, borrow_years, process_document

__all__ = ["build", "build_to_file", "BuildResult", "BuildSummary", "STAGES", "process_document", "borrow_years",
           "CLUSTERING"]
