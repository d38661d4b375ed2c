"""Framework construction and lookups at scale, against a plain list scan.

Run: python benchmarks/framework.py [n_positions]

Prints medians of interleaved repeats and ratios, e.g.
``lookup accord/scan=0.0001`` (an indexed lookup against scanning the list).
"""

import datetime as dt
import gc
import statistics
import sys
import time
import tracemalloc

from accord import Actor, Framework, Issue, Position


def build_parts(n_positions: int) -> tuple[tuple[Actor, ...], tuple[Issue, ...], tuple[Position, ...]]:
    n_actors = 200
    n_issues = max(1, n_positions // n_actors)
    actors = tuple(Actor(id=f"A{i:03d}", name=f"Actor {i}") for i in range(n_actors))
    issues = tuple(Issue(id=f"I{j}", title=f"Issue {j}") for j in range(n_issues))
    levels = ("oppose", "reluctant", "neutral", "willing", "support")
    positions = tuple(
        Position(
            actor=f"A{i:03d}",
            issue=f"I{j}",
            stance=levels[(i * 7 + j) % 5],
            as_of=dt.date(2000, 1, 1) + dt.timedelta(days=j % 3000),
        )
        for j in range(n_issues)
        for i in range(n_actors)
    )
    return actors, issues, positions


def median_time(fn: object, repeats: int) -> float:
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        fn()  # type: ignore[operator]
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 1_000_000
    t0 = time.perf_counter()
    actors, issues, positions = build_parts(n)
    make_positions = time.perf_counter() - t0
    print(
        f"positions {len(positions):,} built in {make_positions:.2f}s "
        f"({make_positions / len(positions) * 1e6:.2f} us each)"
    )

    build_times, tuple_times = [], []
    fw = None
    for _ in range(3):
        gc.collect()
        start = time.perf_counter()
        fw = Framework(id="bench", title="Bench", actors=actors, issues=issues, positions=positions)
        build_times.append(time.perf_counter() - start)
        start = time.perf_counter()
        tuple(p for p in positions if p.stance)  # the floor: touching every position once
        tuple_times.append(time.perf_counter() - start)
    assert fw is not None
    build, floor = statistics.median(build_times), statistics.median(tuple_times)
    print(f"build  median={build:.2f}s  accord/one-pass={build / floor:.1f}")

    keys = [(f"A{(k * 37) % 200:03d}", f"I{(k * 11) % len(issues)}") for k in range(200)]

    def indexed() -> None:
        for a, i in keys:
            fw.position(a, i)

    def scan() -> None:
        for a, i in keys:
            max((p for p in positions if p.actor == a and p.issue == i), key=lambda p: p.as_of, default=None)

    t_index = median_time(indexed, 5)
    t_scan = median_time(scan, 1)
    print(
        f"lookup accord/scan={t_index / t_scan:.6f}  ({len(keys)} lookups: "
        f"{t_index / len(keys) * 1e6:.1f} us each vs {t_scan / len(keys) * 1e3:.1f} ms scanning)"
    )

    tracemalloc.start()
    again = Framework(id="bench", title="Bench", actors=actors, issues=issues, positions=positions)
    size, _ = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    print(f"memory index_MB={size / 2**20:.0f} (on top of the positions themselves)")
    del again


if __name__ == "__main__":
    main()
