import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

# Properties assert behaviour, not speed (speed lives in bench/): no per-example deadline, which a loaded CI
# machine would trip at random.
from hypothesis import settings as _hypothesis_settings

_hypothesis_settings.register_profile("project", deadline=None)
_hypothesis_settings.load_profile("project")
