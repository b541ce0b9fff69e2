import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

# Properties assert behaviour, not speed (speed lives in bench/): no per-example deadline, which a loaded CI
# machine would trip at random.
from hypothesis import settings as _hypothesis_settings

# `make test` and CI run the same examples each time (derandomize): a property that a new random example breaks
# is found by a developer's run (`HYPOTHESIS_PROFILE=explore .venv/bin/python -m pytest`), not by a landing at
# random. A found counter-example then becomes an @example.
import os as _os

_hypothesis_settings.register_profile("project", deadline=None, derandomize=True)
_hypothesis_settings.register_profile("explore", deadline=None)
_hypothesis_settings.load_profile(_os.environ.get("HYPOTHESIS_PROFILE", "project"))

import pytest as _pytest


@_pytest.fixture(autouse=True)
def _keep_main_module():
    """Streamlit's AppTest installs the dashboard script as `sys.modules["__main__"]` and leaves it there; a later
    test starting processes with the "spawn" method then re-ran dashboard.py in every child (four builds of the
    seeds racing on one cache). Each test gets back the `__main__` it started with."""
    main = sys.modules.get("__main__")
    yield
    if main is not None:
        sys.modules["__main__"] = main
