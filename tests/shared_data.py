"""Where the shared research data lives: ``shared/data`` beside the checkout (as in CI).

Worktrees nested one level deeper find it by walking up from the repository root.
"""

from pathlib import Path

import pytest

_ROOT = Path(__file__).resolve().parents[1]
DATA = next(
    (p / "shared" / "data" for p in _ROOT.parents if (p / "shared" / "data").is_dir()),
    _ROOT.parent / "shared" / "data",
)
UNGA_VOTES = DATA / "unga" / "votes.csv.gz"


def unga_votes() -> Path:
    """The UNGA votes file, or skip the test saying where it was looked for."""
    if not UNGA_VOTES.exists():
        pytest.skip(f"UN General Assembly votes not found at {UNGA_VOTES} (shared data absent)")
    return UNGA_VOTES
