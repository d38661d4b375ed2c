"""Where the shared research data sets live, and a skip when they are absent.

CI places ``shared/data`` beside the checkout; a worktree nested deeper finds
it by walking up from the repository root, and ``ACCORD_SHARED_DATA`` points
anywhere else. A test whose file is absent (e.g. in an sdist) is skipped with
the path it looked at, never passed silently.
"""

import os
from pathlib import Path

import pytest

_ROOT = Path(__file__).resolve().parents[1]
DATA = Path(
    os.environ.get("ACCORD_SHARED_DATA")
    or next(
        (p / "shared" / "data" for p in _ROOT.parents if (p / "shared" / "data").is_dir()),
        _ROOT.parent / "shared" / "data",
    )
)
UNGA_VOTES = DATA / "unga" / "votes.csv.gz"


def data_file(*parts: str) -> Path:
    """The path of a shared data file; skips the test when it is absent."""
    path = DATA.joinpath(*parts)
    if not path.is_file():
        pytest.skip(f"shared data file {path} is absent (set ACCORD_SHARED_DATA to its directory)")
    return path


def unga_votes() -> Path:
    """The UN General Assembly votes file, or skip the test saying where it was looked for."""
    return data_file("unga", "votes.csv.gz")
