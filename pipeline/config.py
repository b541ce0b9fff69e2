"""Settings: defaults in one dict, one validator shared by the CLI and the dashboard."""
from __future__ import annotations

from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
DATA_DIR = Path(__file__).resolve().parent / "data"

DEFAULTS: dict = {
    "inputs": [str(PROJECT_ROOT / "seeds")],
    "out": str(PROJECT_ROOT / "data" / "events.parquet"),
    # The dashboard opens on this window; events outside it are context, one click away.
    "focus_start": "2020-11-10",
    "focus_end": "2020-12-29",
    "language": "en",
    # --- ingest & curation (issue 6) ---
    "cache": True,  # reuse processed articles from `.cache/` beside the events file when their hash is unchanged
    "db": "",  # curation database; "" = curations.sqlite next to the events file
    "corpus": str(PROJECT_ROOT / "corpus"),  # where uploads from the dashboard are stored
    "max_article_bytes": 20_000_000,  # larger files are reported, not read
    "max_upload_bytes": 20_000_000,
    "user_registry": str(DATA_DIR / "registry" / "user.yaml"),  # people analysts add from the dashboard or CLI
}


class SettingsError(ValueError):
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
    return merged
