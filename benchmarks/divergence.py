"""Speed and memory of accord's comparison on the full UN General Assembly record.

Run from the project root (needs the ``fast`` extra, i.e. numpy)::

    python benchmarks/divergence.py [--repeats 3] [--data ../shared/data/unga/votes.csv.gz]

One run, the candidates interleaved in every repeat, medians reported. Lines:

- ``read_votes accord/csv=R``: ``accord.datasets.unga.read_votes`` on the whole
  file against a bare ``csv.reader`` pass over the same gzip file (target R <= 3).
- ``matrix accord/numpy=R``: ``divergence_matrix`` over all actors and roll
  calls against a hand-written numpy computation of the same matrix from the
  same votes in memory (a vote matrix with NaN for missing votes, then per
  actor ``nanmean(|v_i - V|) / 2``), building its matrix included (target R <= 1.5).
- ``matrix_pure 30x50 ms=T``: the pure-Python path on 30 actors x 50 issues.
- ``memory retained_MB=M``: Python memory held by the framework of 855,890 votes
  (tracemalloc, measured once, untimed; target <= 500).
"""

import argparse
import csv
import gc
import gzip
import math
import statistics
import sys
import time
import tracemalloc
import warnings
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np

from accord import STANCE, Actor, Framework, Issue, Position, divergence_matrix
from accord.datasets.unga import read_votes

ROOT = Path(__file__).resolve().parents[1]
DEFAULT = next(
    (
        p / "shared/data/unga/votes.csv.gz"
        for p in ROOT.parents
        if (p / "shared/data/unga/votes.csv.gz").exists()
    ),
    ROOT.parent / "shared/data/unga/votes.csv.gz",
)
CODES = {"no": 0.0, "abstain": 1.0, "yes": 2.0}


def timed(fn: Callable[[], Any]) -> tuple[float, Any]:
    gc.collect()
    start = time.perf_counter()
    result = fn()
    return time.perf_counter() - start, result


def bare_csv(path: Path) -> int:
    with gzip.open(path, "rt", encoding="utf-8", newline="") as f:
        return sum(1 for _ in csv.reader(f))


def load_rows(path: Path) -> list[tuple[str, str, str]]:
    with gzip.open(path, "rt", encoding="utf-8", newline="") as f:
        reader = csv.reader(f)
        next(reader)
        # same actor ids as read_votes, which separates South Yemen (coded YAR in the data)
        return [("YMD" if row[4] == "Yemen People's Republic" else row[3], row[0], row[5]) for row in reader]


def numpy_baseline(rows: list[tuple[str, str, str]]) -> np.ndarray:
    """What an analyst writes by hand: a vote matrix, then mean |difference| row by row."""
    actors = {a: i for i, a in enumerate(dict.fromkeys(r[0] for r in rows))}
    issues = {r: i for i, r in enumerate(dict.fromkeys(r[1] for r in rows))}
    votes = np.full((len(actors), len(issues)), np.nan)
    votes[[actors[r[0]] for r in rows], [issues[r[1]] for r in rows]] = [CODES[r[2]] for r in rows]
    out = np.empty((len(actors), len(actors)))
    for i in range(len(actors)):
        d = np.abs(votes[i] - votes)
        with np.errstate(invalid="ignore"), warnings.catch_warnings():
            warnings.simplefilter("ignore", RuntimeWarning)  # pairs with no common vote: NaN
            out[i] = np.nanmean(d, axis=1) / 2.0
    return out


def small_framework() -> Framework:
    issues = [Issue(id=f"i{k}", title=f"issue {k}") for k in range(50)]
    return Framework(
        id="small",
        title="30 actors x 50 issues",
        actors=[Actor(id=f"a{a}", name=f"actor {a}") for a in range(30)],
        issues=issues,
        positions=[
            Position(
                actor=f"a{a}",
                issue=i.id,
                stance=STANCE.levels[(a * 7 + k * 3) % 5],
                salience=0.5 + (a % 2) / 2,
            )
            for a in range(30)
            for k, i in enumerate(issues)
        ],
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--data", type=Path, default=DEFAULT)
    args = parser.parse_args()
    if not args.data.exists():
        print(f"UNGA votes not found at {args.data}", file=sys.stderr)
        return 1
    rows = load_rows(args.data)
    small = small_framework()
    times: dict[str, list[float]] = {k: [] for k in ("csv", "read", "numpy", "matrix", "pure")}
    fw = None
    for _ in range(args.repeats):
        times["csv"].append(timed(lambda: bare_csv(args.data))[0])
        fw = None
        gc.collect()
        elapsed, fw = timed(lambda: read_votes(args.data))
        times["read"].append(elapsed)
        elapsed, expected = timed(lambda: numpy_baseline(rows))
        times["numpy"].append(elapsed)
        elapsed, m = timed(lambda: divergence_matrix(fw))  # noqa: B023 - called at once
        times["matrix"].append(elapsed)
        times["pure"].append(timed(lambda: divergence_matrix(small, engine="python"))[0])
    # same answer as the baseline (actors in the same first-vote order)
    got = np.array(m.scores)
    same = np.allclose(got, expected, equal_nan=True, atol=1e-12)

    med = {k: statistics.median(v) for k, v in times.items()}
    read, bare = med["read"], med["csv"]
    print(f"read_votes accord/csv={read / bare:.2f}  (accord {read:.2f} s, csv {bare:.2f} s)")
    size = f"{len(m)} actors x {len(fw.issues)} roll calls"
    print(
        f"matrix accord/numpy={med['matrix'] / med['numpy']:.2f}  "
        f"(accord {med['matrix']:.2f} s, numpy {med['numpy']:.2f} s, {size}, same scores: {same})"
    )
    print(f"matrix_pure 30x50 ms={med['pure'] * 1000:.1f}")

    fw = m = None
    rows = []
    gc.collect()
    tracemalloc.start()
    fw = read_votes(args.data)
    gc.collect()
    retained = tracemalloc.get_traced_memory()[0]
    tracemalloc.stop()
    per_vote = retained / len(fw.positions)
    print(f"memory retained_MB={retained / 2**20:.0f}  ({per_vote:.0f} bytes per vote)")
    return 0 if same and not math.isnan(med["matrix"]) else 1


if __name__ == "__main__":
    sys.exit(main())
