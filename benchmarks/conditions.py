"""Condition language speed: parsing, rendering and three-valued evaluation.

    python benchmarks/conditions.py [--n 10000] [--leaves 20] [--repeat 5] [--references 300] [--items 192]
        [--width 500]

Prints one line per measurement, e.g. ``parse 10000x20 leaves median=0.42s``.
The conditions are random but reproducible (fixed seed): facts, comparisons
with strings, numbers, dates and in-lists, ``not``, parentheses, ``at least``.

What a user would otherwise pick to parse conditions is ``packaging.markers``
(environment markers: the closest model of the condition language). Markers
only compare strings, so both parse a second corpus of the same shapes, with
``and``, ``or``, parentheses and string comparisons only, and the line
``parse accord/packaging=…`` gives the ratio of the two medians (runs
interleaved).

The last lines time ``Framework.what_would_it_take`` where commitments refer
to each other: a ring, a ring of negated references, and a chain whose
commitments each need two others (or a fact of their own instead); then
``what_would_it_take`` on a wide ``at least k of (…)`` and on a wide ``and``.
"""

import argparse
import gc
import random
import statistics
import time
from collections.abc import Callable

from accord import (
    Actor,
    Commitment,
    Facts,
    Framework,
    _condition_parser,
    evaluate,
    parse_condition,
    what_would_it_take,
)

_FACTS = [f"fact_{i}" for i in range(40)]


def _leaf(rng: random.Random) -> str:
    name = rng.choice(_FACTS)
    roll = rng.random()
    if roll < 0.35:
        return name
    if roll < 0.55:
        return f'{name} == "{rng.choice(["bilateral", "un", "eu", "nato"])}"'
    if roll < 0.75:
        return f"{name} {rng.choice(['<', '<=', '>', '>=', '!='])} {rng.randint(-5000, 5000)}"
    if roll < 0.85:
        return f'{name} in ["a", "b", {rng.randint(0, 9)}]'
    if roll < 0.92:
        return f"{name} >= 2025-{rng.randint(1, 12):02d}-01"
    return f"{rng.choice(['before', 'after'])} 2026-0{rng.randint(1, 9)}-15"


def _condition(rng: random.Random, leaves: int) -> str:
    if leaves == 1:
        text = _leaf(rng)
        return f"not {text}" if rng.random() < 0.1 else text
    if leaves >= 3 and rng.random() < 0.1:
        parts = [_condition(rng, 1) for _ in range(leaves - 1)]
        parts.append(_condition(rng, 1))
        return f"at least {rng.randint(1, leaves)} of ({', '.join(parts)})"
    left = rng.randint(1, leaves - 1)
    op = rng.choice(["and", "or"])
    text = f"{_condition(rng, left)} {op} {_condition(rng, leaves - left)}"
    return f"({text})" if rng.random() < 0.5 else text


_MARKERS = ["os_name", "sys_platform", "platform_machine", "python_version", "implementation_name"]


def _same_shape(rng: random.Random, leaves: int, names: list[str]) -> str:
    """and/or/parentheses over string comparisons, the subset both languages share."""
    if leaves == 1:
        return f'{rng.choice(names)} {rng.choice(["==", "!=", ">=", "<"])} "{rng.randint(0, 99)}"'
    left = rng.randint(1, leaves - 1)
    first, second = _same_shape(rng, left, names), _same_shape(rng, leaves - left, names)
    text = f"{first} {rng.choice(['and', 'or'])} {second}"
    return f"({text})" if rng.random() < 0.5 else text


def _versus_packaging(n: int, leaves: int, repeat: int) -> None:
    try:
        from packaging.markers import Marker
    except ImportError:  # pragma: no cover - packaging comes with the bench extra
        print("parse accord/packaging: skipped (packaging is not installed)")
        return
    ours = [_same_shape(random.Random(i), leaves, _FACTS[:5]) for i in range(n)]
    theirs = [_same_shape(random.Random(i), leaves, _MARKERS) for i in range(n)]
    times: dict[str, list[float]] = {"accord": [], "packaging": []}
    for _ in range(repeat):
        for who, run in (
            ("accord", lambda: [parse_condition(t) for t in ours]),
            ("packaging", lambda: [Marker(t) for t in theirs]),
        ):
            _condition_parser._LEAVES.clear()
            gc.collect()
            start = time.perf_counter()
            result = run()
            times[who].append(time.perf_counter() - start)
            del result
    accord, packaging = (statistics.median(times[who]) for who in ("accord", "packaging"))
    print(
        f"parse accord/packaging={accord / packaging:.2f} "
        f"({n}x{leaves} string comparisons: accord {accord:.2f}s, packaging.markers {packaging:.2f}s)"
    )


def _referring(conditions: dict[str, str]) -> Framework:
    """A framework of pledged commitments, id → condition text."""
    commitments = [
        Commitment(id=id, actor="A", kind="funding", status="pledged", conditions=parse_condition(text))
        for id, text in conditions.items()
    ]
    return Framework(id="f", title="t", actors=(Actor(id="A", name="a"),), commitments=commitments)


def _what_would_it_take_on_references(n: int, repeat: int) -> None:
    """Framework.what_would_it_take where *n* commitments refer to each other (limit 16)."""
    ring = _referring({f"c{i}": f'in_force("c{(i + 1) % n}") or f{i}' for i in range(n)})
    negated = _referring({f"c{i}": f'not in_force("c{(i + 1) % n}") or f{i}' for i in range(n)})
    chain = {}
    for i in range(n):
        refs = [f'(in_force("c{j}") or g{i}_{j})' for j in (i + 1, i + 2) if j < n]
        chain[f"c{i}"] = " and ".join([*refs, f"f{i}"])
    for label, framework in (
        (f"a ring of {n} references", ring),
        (f"a ring of {n} negated references", negated),
        (f"a chain of {n} with two references each", _referring(chain)),
    ):
        seconds = _median(lambda f=framework: f.what_would_it_take("c0"), repeat)
        print(f"what_would_it_take on {label} median={seconds:.2f}s")


def _what_would_it_take_on_wide_at_least(n: int, repeat: int) -> None:
    """what_would_it_take on ``at least k of (…)`` over n items, k about half (limit 16).

    Single facts take the direct route (the first combinations); items of two
    facts each (``(a or b)``) take the general one, which combines the items'
    sets count by count.
    """
    facts = ", ".join(f"f{i}" for i in range(n))
    pairs = ", ".join(f"(a{i} or b{i})" for i in range(n // 4))
    for label, text in (
        (f"at least {n // 2} of {n} facts", f"at least {n // 2} of ({facts})"),
        (f"at least {n // 8} of {n // 4} (a or b) items", f"at least {n // 8} of ({pairs})"),
    ):
        seconds = _median(lambda text=text: what_would_it_take(text), repeat)
        print(f"what_would_it_take on {label} median={seconds:.2f}s")


def _what_would_it_take_on_wide_and(n: int, repeat: int) -> None:
    """what_would_it_take on an ``and`` of n ``(a or b)`` items, and of 8n facts (limit 16).

    Every join adds a leaf or two to each of up to 64 kept sets, so the work
    grows with the width times the size of the sets.
    """
    pairs = " and ".join(f"(a{i} or b{i})" for i in range(n))
    facts = " and ".join(f"f{i}" for i in range(8 * n))
    for label, text in ((f"and of {n} (a or b) items", pairs), (f"and of {8 * n} facts", facts)):
        condition = parse_condition(text)
        seconds = _median(lambda c=condition: what_would_it_take(c), repeat)
        print(f"what_would_it_take on {label} median={seconds:.2f}s")


def _median(run: Callable[[], object], repeat: int) -> float:
    """Median wall time; each run starts from a collected heap and its result is dropped.

    The parser's memory of leaves is emptied before each run, so a run only
    shares the leaves its own conditions repeat.
    """
    times = []
    for _ in range(repeat):
        _condition_parser._LEAVES.clear()
        gc.collect()
        start = time.perf_counter()
        result = run()
        times.append(time.perf_counter() - start)
        del result
    return statistics.median(times)


def _calibration() -> float:
    """Seconds for a fixed pure-Python loop, to compare machines."""
    return _median(lambda: sum(range(10**7)), 3)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--n", type=int, default=10_000)
    parser.add_argument("--leaves", type=int, default=20)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--references", type=int, default=300, help="commitments referring to each other")
    parser.add_argument("--items", type=int, default=192, help="items of the wide 'at least'")
    parser.add_argument("--width", type=int, default=500, help="items of the wide 'and'")
    args = parser.parse_args()

    rng = random.Random(20250301)
    texts = [_condition(rng, args.leaves) for _ in range(args.n)]
    chars = sum(map(len, texts))
    label = f"{args.n}x{args.leaves} leaves"
    print(f"calibration sum(range(10**7)) median={_calibration():.3f}s")

    seconds = _median(lambda: [parse_condition(t) for t in texts], args.repeat)
    print(f"parse {label} median={seconds:.2f}s ({chars / seconds / 1e6:.1f}M chars/s)")
    gc.disable()
    try:
        seconds = _median(lambda: [parse_condition(t) for t in texts], args.repeat)
    finally:
        gc.enable()
    print(f"parse {label} without the cyclic GC (as timeit measures) median={seconds:.2f}s")
    _versus_packaging(args.n, args.leaves, args.repeat)

    parsed = [parse_condition(t) for t in texts]
    seconds = _median(lambda: [str(c) for c in parsed], args.repeat)
    print(f"render {label} median={seconds:.2f}s")

    partial = Facts({name: rng.random() < 0.5 for name in _FACTS[::3]})
    seconds = _median(lambda: [evaluate(c, partial) for c in parsed], args.repeat)
    print(
        f"evaluate {label} (a third of the facts known) median={seconds:.2f}s "
        f"({args.n / seconds:,.0f} conditions/s)"
    )

    full = Facts({name: rng.randint(-5000, 5000) for name in _FACTS}, as_of=None)
    seconds = _median(lambda: [evaluate(c, full) for c in parsed], args.repeat)
    print(
        f"evaluate {label} (every fact known, many type mismatches) median={seconds:.2f}s "
        f"({args.n / seconds:,.0f} conditions/s)"
    )
    _what_would_it_take_on_references(args.references, args.repeat)
    _what_would_it_take_on_wide_at_least(args.items, args.repeat)
    _what_would_it_take_on_wide_and(args.width, args.repeat)


if __name__ == "__main__":
    main()
