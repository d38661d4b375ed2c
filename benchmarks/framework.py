"""Framework construction and position lookups at scale, against what a user would write instead.

Run from the project root::

    python benchmarks/framework.py [--n 1000000] [--repeats 5]

Data: 200 actors, ``n / 200`` issues, one dated position per actor and issue.
One run, the candidates interleaved in every repeat, medians reported. Lines:

- ``build accord/dict-index=R``: ``Framework(...)`` (which checks every
  reference, stance and date, and indexes the positions) against the index a
  user would build by hand: a dict from (actor, issue) to that pair's
  positions in date order, with no checks at all.
- ``lookup accord/dict-index=R``: ``Framework.position(actor, issue)`` (which
  checks both ids and returns the latest position) against a lookup in that
  dict; ``accord/scan=R`` against scanning the tuple of positions, as code
  without any index does.
- ``memory index_MB=M``: what the framework's index holds on top of the
  positions themselves (tracemalloc, measured once, untimed).
"""

import argparse
import datetime as dt
import gc
import statistics
import sys
import time
import tracemalloc
from collections.abc import Callable
from typing import Any

from accord import Actor, Framework, Issue, Position

_LEVELS = ("oppose", "reluctant", "neutral", "willing", "support")


def build_parts(n_positions: int) -> tuple[tuple[Actor, ...], tuple[Issue, ...], tuple[Position, ...]]:
    n_actors = 200
    n_issues = max(1, n_positions // n_actors)
    actors = tuple(Actor(id=f"A{i:03d}", name=f"Actor {i}") for i in range(n_actors))
    issues = tuple(Issue(id=f"I{j}", title=f"Issue {j}") for j in range(n_issues))
    positions = tuple(
        Position(
            actor=f"A{i:03d}",
            issue=f"I{j}",
            stance=_LEVELS[(i * 7 + j) % 5],
            as_of=dt.date(2000, 1, 1) + dt.timedelta(days=j % 3000),
        )
        for j in range(n_issues)
        for i in range(n_actors)
    )
    return actors, issues, positions


def _date(p: Position) -> dt.date:
    return p.as_of or dt.date.min


def dict_index(positions: tuple[Position, ...]) -> dict[tuple[str, str], list[Position]]:
    """The hand-written alternative: positions by (actor, issue), each list in date order."""
    index: dict[tuple[str, str], list[Position]] = {}
    for p in positions:
        index.setdefault((p.actor, p.issue), []).append(p)
    for entries in index.values():
        if len(entries) > 1:
            entries.sort(key=_date)
    return index


def timed(fn: Callable[[], Any]) -> tuple[float, Any]:
    start = time.perf_counter()
    result = fn()
    return time.perf_counter() - start, result


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=1_000_000, help="positions (200 actors, n/200 issues)")
    parser.add_argument("--repeats", type=int, default=5, help="interleaved repeats (median reported)")
    args = parser.parse_args()
    if args.n < 200 or args.repeats < 1:
        parser.error("--n must be at least 200 and --repeats at least 1")

    actors, issues, positions = build_parts(args.n)
    keys = [(f"A{(k * 37) % 200:03d}", f"I{(k * 11) % len(issues)}") for k in range(200)]
    lookups = keys * 25  # 5,000 lookups a round
    times: dict[str, list[float]] = {k: [] for k in ("build", "dict", "lookup", "dict_lookup", "scan")}
    fw: Framework | None = None
    index: dict[tuple[str, str], list[Position]] = {}
    for _ in range(args.repeats):
        fw = index = None  # type: ignore[assignment]  # free the previous round's first
        gc.collect()
        elapsed, fw = timed(
            lambda: Framework(id="bench", title="Bench", actors=actors, issues=issues, positions=positions)
        )
        times["build"].append(elapsed)
        gc.collect()
        elapsed, index = timed(lambda: dict_index(positions))
        times["dict"].append(elapsed)
        assert fw is not None
        position = fw.position
        times["lookup"].append(timed(lambda: [position(a, i) for a, i in lookups])[0])  # noqa: B023
        times["dict_lookup"].append(timed(lambda: [index[a, i][-1] for a, i in lookups])[0])  # noqa: B023
    assert fw is not None

    def scan(a: str, i: str) -> Position | None:
        return max((p for p in positions if p.actor == a and p.issue == i), key=_date, default=None)

    # no index at all: scan the tuple for each lookup (slow: timed once, on a tenth of the keys)
    few = keys[:20]
    times["scan"].append(timed(lambda: [scan(a, i) for a, i in few])[0] / len(few))
    same = [fw.position(a, i) for a, i in keys] == [index[a, i][-1] for a, i in keys]

    med = {k: statistics.median(v) for k, v in times.items()}
    print(f"data  actors={len(actors)} issues={len(issues)} positions={len(positions):,}")
    print(
        f"build  accord/dict-index={med['build'] / med['dict']:.2f}  "
        f"(accord {med['build']:.3f} s, dict index {med['dict']:.3f} s)"
    )
    lookup, dict_lookup = med["lookup"] / len(lookups), med["dict_lookup"] / len(lookups)
    print(
        f"lookup  accord/dict-index={lookup / dict_lookup:.2f}  accord/scan={lookup / med['scan']:.6f}  "
        f"({lookup * 1e6:.2f} us, dict {dict_lookup * 1e6:.2f} us, scan {med['scan'] * 1e3:.2f} ms"
        f" per lookup; same answers: {same})"
    )

    fw = index = None  # type: ignore[assignment]
    gc.collect()
    tracemalloc.start()
    again = Framework(id="bench", title="Bench", actors=actors, issues=issues, positions=positions)
    size, _ = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    print(f"memory index_MB={size / 2**20:.1f}  (on top of the positions themselves)")
    del again
    return 0 if same else 1


if __name__ == "__main__":
    sys.exit(main())
