"""The in-memory build: read the articles, run the per-article stages (here, on local processes or on Dask),
lend years across articles, cluster, re-apply curations; the result is one events frame."""
from __future__ import annotations

import shutil
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

import pandas as pd

from .. import cluster
from ..atomic import clean_leftovers
from ..cluster.salience import salience_of_frame
from ..config import validate_settings
from ..errors import PipelineError
from ..frame.curation import DamagedCurations, apply_curations, check_curations, default_db_path
from ..frame.io import DamagedEventsFile, build_record, read_build_record, write_events
from ..ingest.corpus import read_documents
from ..schema import Document, InputProblem, events_frame
from ..stages import borrow_years, dct, sections, share_defined_names
from .cache import DocumentCache, cache_dir_for
from .collector import fewer_collections
from .forwarding import keeping_forwarding
from .lock import build_lock
from .workers import map_documents


@dataclass
class BuildResult:
    frame: pd.DataFrame
    documents: list[Document] = field(default_factory=list)
    problems: list[InputProblem] = field(default_factory=list)
    stats: dict = field(default_factory=dict)  # e.g. {"reused": 4, "processed": 1} from the incremental cache


CLUSTERING = "clustering across articles…"  # the progress label of the last step


def build(inputs=None, settings: dict | None = None, progress: Callable[[int, int, str], None] | None = None) -> BuildResult:
    """Build the events frame from article files and folders (default: the settings' inputs).

    Articles unchanged since the last build come from the cache beside the events file; the curations
    in the curation database are re-applied to the clustered frame (issue 6).
    """
    with fewer_collections():  # a speed measure only (see run.collector)
        return _build(inputs, settings, progress)


def _build(inputs, settings: dict | None, progress: Callable[[int, int, str], None] | None) -> BuildResult:
    started = time.time()
    settings = validate_settings(settings)
    clean_leftovers(Path(settings["out"]).parent, started)  # issue 17: temp files of killed builds (dead pids)
    check_curations(default_db_path(settings))  # a damaged database stops the build before any work
    docs, problems = read_documents(list(inputs or settings["inputs"]), max_bytes=settings["max_article_bytes"])
    # --- incremental cache (issue 6): articles whose content key is cached are not processed again ---
    store = DocumentCache.open(cache_dir_for(settings["out"])) if settings["cache"] else None
    keys = [store.key(doc) for doc in docs] if store else [None] * len(docs)
    finished: dict[int, Document] = {}
    todo: list[int] = []
    for i, (doc, key) in enumerate(zip(docs, keys)):
        cached = store.get(key) if store else None
        if cached is None:
            todo.append(i)
            continue
        cached.path, cached.duplicates = doc.path, doc.duplicates  # not part of the content key
        finished[i] = cached
        if progress:
            progress(len(finished), len(docs), doc.doc_id)
    # --- per-article stages for the new or changed articles: in this process, a local pool
    # (settings "workers") or Dask (settings "engine"); results come back in input order ---
    base = len(finished)

    def step(n: int, _total: int, name: str) -> None:
        if progress:
            progress(base + n, len(docs), name)

    results = map_documents([docs[i] for i in todo], settings["workers"], settings["engine"],
                                     settings["scheduler"] or None, settings["chunk"], step, settings["article_seconds"],
                                     settings["article_events"])
    for i, (doc, problem) in zip(todo, results):
        if problem is not None:  # a bug on one article must not stop the corpus
            problems.append(problem)
        if doc is None:
            continue
        finished[i] = doc
        if store and problem is None:  # a cut article is processed again: the next build names it again
            store.put(keys[i], doc)
    done = [finished[i] for i in sorted(finished)]
    stats = {"articles": len(docs), "reused": len(docs) - len(todo), "processed": len(todo)}
    if store:
        store.prune()
    borrow_years(done)
    sections.mark_repeated(done)  # issue 22: a site's widgets repeated on many pages are furniture
    problems += dct.conflict_problems(done)  # issue 22: metadata and text disagree
    stats["inferred_dates"] = dct.inferred_summary(done)  # issue 22: the articles dated from their text
    share_defined_names(done)  # issue 18: names one article defines are actors in all
    frame = events_frame([e for d in done for e in d.events])
    if progress:  # the last, corpus-wide step has no per-article count: say what it is doing
        progress(len(docs), len(docs), CLUSTERING)
    frame = cluster.assign_clusters(frame)
    # --- curations (issue 6): re-applied after every rebuild, keyed by stable ids ---
    frame = apply_curations(frame, default_db_path(settings))
    if frame.attrs.get("curation_problem"):  # damaged during the build: no half-curated output either
        raise DamagedCurations(frame.attrs["curation_problem"])
    frame["salience"] = salience_of_frame(frame)  # (curations may have merged or split clusters)
    return BuildResult(frame=frame, documents=done, problems=problems, stats=stats)


class NotBuiltHere(PipelineError):
    """An events file with no build record (made elsewhere, or by a version before issue 17): the dashboard
    never replaces it unless asked to, and then keeps it as a backup."""


class InputGone(PipelineError):
    """An input an events file was built from no longer exists: rebuilding would silently drop its events."""


@dataclass
class RebuildPlan:
    """What `rebuild` would do: the events file, the inputs, and whether the file is the pipeline's own."""

    out: Path
    inputs: list[str]
    db: Path
    recorded: bool  # the file exists and records what it was built from
    exists: bool
    damaged: str | None = None  # why the file cannot be read (then it is not the pipeline's own either)

    @property
    def rebuildable(self) -> bool:
        """True when a rebuild replaces nothing it did not build."""
        return self.recorded or not self.exists


def rebuild_plan(settings: dict) -> RebuildPlan:
    """How the dashboard rebuilds its events file (`events`, else `out`).

    The rule (issue 17): a file the pipeline wrote records its inputs (`frame.io.build_record`), and is
    rebuilt from those inputs plus the corpus folder (where uploads go); a file with no record is never
    overwritten (see `rebuild(replace=True)`); a file that does not exist yet is built from the settings'
    inputs plus the corpus folder. A damaged file counts as one with no record (`damaged` says why).
    """
    settings = validate_settings(settings)
    out = Path(settings["events"] or settings["out"])
    db = Path(settings["db"] or default_db_path({"out": str(out)}))
    corpus = str(Path(settings["corpus"]).resolve())
    record, broken = None, None
    try:
        record = read_build_record(out) if out.exists() else None
    except DamagedEventsFile as exc:
        broken = str(exc)
    if record is not None:
        inputs = [str(i) for i in record["inputs"]]
        if corpus not in inputs and Path(corpus).exists():
            inputs.append(corpus)
    else:
        inputs = [str(Path(i).resolve()) for i in [*settings["inputs"], corpus] if Path(i).exists()]
    return RebuildPlan(out=out, inputs=inputs, db=db, recorded=record is not None, exists=out.exists(),
                       damaged=broken)


def backup_path(path: Path) -> Path:
    """A free name beside `path` for its backup: `events.parquet.bak`, else `events.parquet.2.bak`, ..."""
    candidate, n = path.with_name(path.name + ".bak"), 1
    while candidate.exists():
        n += 1
        candidate = path.with_name(f"{path.name}.{n}.bak")
    return candidate


def prepare_rebuild(settings: dict, replace: bool = False) -> tuple[RebuildPlan, Path | None]:
    """The checks a rebuild makes before any work, and the backup copy when replacing a file made elsewhere:
    (the plan, the backup or None). Raises NotBuiltHere, DamagedEventsFile, InputGone or DamagedCurations."""
    plan = rebuild_plan(settings)
    out = plan.out
    if plan.damaged and not replace:
        raise DamagedEventsFile(plan.damaged + " (or replace it here: it is kept as a .bak)")
    if not plan.rebuildable and not replace:
        raise NotBuiltHere(
            f"{out}: not built by this pipeline (no build record), so Rebuild will not replace it; curations are "
            f"saved in {plan.db} and applied when it is shown. To rebuild it, run `python -m pipeline build INPUTS "
            f"--out {out}`, or replace it here (it is kept as {backup_path(out).name})")
    missing = [i for i in plan.inputs if not Path(i).exists()]
    if missing:
        raise InputGone(f"{out}: built from {', '.join(missing)}, which no longer exists; restore it, or rebuild "
                        f"with `python -m pipeline build INPUTS --out {out}`")
    check_curations(plan.db)  # before anything is copied or built
    backup = None
    if plan.exists and not plan.rebuildable:
        backup = backup_path(out)
        shutil.copy2(out, backup)
    return plan, backup


def rebuild(settings: dict, progress: Callable[[int, int, str], None] | None = None,
            replace: bool = False) -> tuple[BuildResult, Path]:
    """Rebuild the events file the dashboard shows, as `rebuild_plan` says, and write it with its build record;
    curations come from `db` (else the events file's own database). Returns the result and the file written.

    A file with no build record raises NotBuiltHere, unless `replace`: it is then copied to `backup_path` first
    (the result's stats name the copy under "backup"). An input the file was built from that no longer exists
    raises InputGone. (`run.background.rebuild_in_subprocess` does the same in another process.)
    """
    plan, backup = prepare_rebuild(settings, replace)
    with build_lock(plan.out):  # one build at a time per events file (issue 17)
        result = build(plan.inputs, {"out": str(plan.out), "db": str(plan.db)}, progress=progress)
        with keeping_forwarding(plan.out):  # issue 23: where split or merged clusters went
            write_events(result.frame, plan.out, build_record(plan.inputs, plan.db))
    if backup is not None:
        result.stats["backup"] = str(backup)
    return result, plan.out
