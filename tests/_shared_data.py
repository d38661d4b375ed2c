"""Where the shared research data sets live, and a skip when they are absent.

CI places ``shared/`` beside the checkout; ``ACCORD_SHARED_DATA`` points
elsewhere (for a worktree that is not beside it).
"""

import os
from pathlib import Path

import pytest

DATA = Path(
    os.environ.get("ACCORD_SHARED_DATA") or Path(__file__).resolve().parents[1].parent / "shared" / "data"
)


def data_file(*parts: str) -> Path:
    """The path of a shared data file; skips the test when it is absent (e.g. in an sdist)."""
    path = DATA.joinpath(*parts)
    if not path.is_file():
        pytest.skip(f"shared data file {path} is absent (set ACCORD_SHARED_DATA to its directory)")
    return path
