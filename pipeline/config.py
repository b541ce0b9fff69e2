"""Settings: defaults in one dict, one validator shared by the CLI and the dashboard."""
from __future__ import annotations

import os
from pathlib import Path

import yaml

from .errors import PipelineError

PROJECT_ROOT = Path(__file__).resolve().parent.parent
DATA_DIR = Path(__file__).resolve().parent / "data"
# libyaml's parser when PyYAML has it: the same safe loading, several times faster (grammar, lexicon, registry).
YAML_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def load_yaml(source):
    """Parse YAML text or an open file safely (as yaml.safe_load does), with YAML_LOADER."""
    return yaml.load(source, Loader=YAML_LOADER)


DEFAULTS: dict = {
    "inputs": [str(PROJECT_ROOT / "seeds")],
    "out": str(PROJECT_ROOT / "data" / "events.parquet"),
    # issue 19: no focus window here. A view opens on its corpus's window: `corpus.yaml` beside the articles,
    # else every event, its densest span shaded (pipeline/explore/window.py, docs/window.md).
    "language": "en",
    # --- ingest & curation (issue 6) ---
    "cache": True,  # reuse processed articles from `.cache/` beside the events file when their hash is unchanged
    "db": "",  # curation database; "" = curations.sqlite next to the events file
    "corpus": str(PROJECT_ROOT / "corpus"),  # where uploads from the dashboard are stored
    "max_article_bytes": 20_000_000,  # larger files are reported, not read
    "max_upload_bytes": 20_000_000,
    "article_seconds": 60,  # issue 17: an article whose stages take longer (CPU time) is named and skipped (0: no limit)
    "article_events": 10_000,  # issue 17: an article giving more keeps the first ones, named (0: no limit; was 25,000: one
    # 1.2 MB run of 60,000 dates peaked at 777 MB with 25,000 kept, 466 MB with 5,000; news articles give tens)
    "user_registry": str(DATA_DIR / "registry" / "user.yaml"),  # people analysts add from the dashboard or CLI
    # Scale (issue 7): how the per-article stages run. engine "local" uses `workers` processes on this
    # machine; "dask" runs them on a Dask LocalCluster of `workers` processes, or on `scheduler` (host:port).
    "workers": 1,
    "engine": "local",
    "scheduler": "",
    "chunk": 64,  # articles per task sent to a worker
    # --- the dashboard ---
    "events": "",  # the events file the dashboard shows (and rebuilds); "" = `out`, built from `inputs` when stale
    "in_memory_max": 300_000,  # events files up to this size are held in memory; bigger Parquet files are scanned
    "curation_auto_max": 5_000,  # the curation page lists every event up to this many; above, the table's page
    # issue 17: a server for viewers: uploads, rebuilds, curation and registry edits are off
    "read_only": False,
}

# Environment variables the dashboard reads (for a deployment, or the tests), each naming one setting.
ENVIRONMENT = {
    "TIMELINE_EVENTS": "events",
    "TIMELINE_CORPUS": "corpus",
    "TIMELINE_DB": "db",
    "TIMELINE_REGISTRY": "user_registry",
    "TIMELINE_IN_MEMORY_MAX": "in_memory_max",
    "TIMELINE_CURATION_AUTO_MAX": "curation_auto_max",
    "TIMELINE_READ_ONLY": "read_only",  # 1/true/yes or 0/false/no
}
BOOLEAN_WORDS = {"1": True, "true": True, "yes": True, "on": True, "0": False, "false": False, "no": False, "off": False}

ENGINES = ("local", "dask")


class SettingsError(PipelineError, ValueError):
    """An unknown settings key or a value of the wrong type."""


def validate_settings(settings: dict | None = None) -> dict:
    """Return DEFAULTS updated with `settings`; reject unknown keys and wrong types, naming the choices."""
    merged = dict(DEFAULTS)
    for key, value in (settings or {}).items():
        if key not in DEFAULTS:
            raise SettingsError(f"unknown setting {key!r}; valid settings: {', '.join(sorted(DEFAULTS))}")
        expected = type(DEFAULTS[key])
        if value is not None and not isinstance(value, expected):
            raise SettingsError(f"setting {key!r} must be {expected.__name__}, got {type(value).__name__}")
        merged[key] = value
    if merged["engine"] not in ENGINES:
        raise SettingsError(f"setting 'engine' must be one of {', '.join(ENGINES)}, got {merged['engine']!r}")
    if merged["in_memory_max"] < 0:
        raise SettingsError(f"setting 'in_memory_max' must be >= 0, got {merged['in_memory_max']!r}")
    for key in ("article_seconds", "article_events"):
        if merged[key] < 0:
            raise SettingsError(f"setting {key!r} must be >= 0 (0: no limit), got {merged[key]!r}")
    for key in ("workers", "chunk", "curation_auto_max"):
        if merged[key] < 1:
            raise SettingsError(f"setting {key!r} must be >= 1, got {merged[key]!r}")
    return merged


def settings_from_environment(environ=None, settings: dict | None = None) -> dict:
    """`validate_settings` of `settings` updated from the TIMELINE_* environment variables (ENVIRONMENT).

    A variable holding a bad value is named in the SettingsError, with what it should hold.
    """
    environ = os.environ if environ is None else environ
    merged = dict(settings or {})
    for var, key in ENVIRONMENT.items():
        raw = environ.get(var)
        if not raw:
            continue
        if isinstance(DEFAULTS[key], bool):
            if raw.strip().lower() not in BOOLEAN_WORDS:
                raise SettingsError(f"{var}={raw!r} must be 1 or 0 (true/false, yes/no) (setting {key!r})")
            merged[key] = BOOLEAN_WORDS[raw.strip().lower()]
        elif isinstance(DEFAULTS[key], int):
            try:
                merged[key] = int(raw)
            except ValueError:
                raise SettingsError(f"{var}={raw!r} must be a whole number (setting {key!r})") from None
        else:
            merged[key] = raw
    try:
        return validate_settings(merged)
    except SettingsError as exc:
        names = {k: v for v, k in ENVIRONMENT.items()}
        raise SettingsError(f"{exc} (from the environment: {', '.join(v for k, v in names.items() if k in str(exc))})"
                            if any(k in str(exc) for k in names) else str(exc)) from None
