"""The benchmark scripts still run (at a tiny size: this checks that they work, not their speed)."""

import gzip
import itertools
import subprocess
import sys
from pathlib import Path

import pytest
from shared_data import unga_votes

_BENCHMARKS = Path(__file__).resolve().parents[1] / "benchmarks"


def _run(script: str, *args: str) -> list[str]:
    done = subprocess.run(
        [sys.executable, str(_BENCHMARKS / script), *args],
        capture_output=True,
        text=True,
        timeout=300,
        check=True,
    )
    return done.stdout.splitlines()


def _ratio(lines: list[str], prefix: str, name: str) -> float:
    """The ratio *name*=R printed on the line beginning with *prefix* (the form the docs quote)."""
    line = next((line for line in lines if line.split()[:1] == [prefix]), None)
    assert line is not None, f"no {prefix!r} line in {lines}"
    value = next(part.partition("=")[2] for part in line.split() if part.startswith(f"{name}="))
    ratio = float(value)
    assert ratio > 0, line
    return ratio


def test_the_conditions_benchmark_runs_and_prints_its_measurements() -> None:
    tiny = ["--n", "30", "--leaves", "5", "--repeat", "1", "--references", "12", "--items", "16"]
    tiny += ["--width", "10"]
    lines = _run("conditions.py", *tiny)
    assert any(line.startswith("parse 30x5 leaves median=") for line in lines), lines
    assert any(line.startswith("parse accord/packaging=") for line in lines), lines
    assert any(line.startswith("evaluate 30x5 leaves") for line in lines), lines
    assert any(line.startswith("what_would_it_take on a chain of 12") for line in lines), lines
    assert any(line.startswith("what_would_it_take on at least 8 of 16 facts") for line in lines), lines
    assert any(line.startswith("what_would_it_take on at least 2 of 4 (a or") for line in lines), lines
    assert any(line.startswith("what_would_it_take on and of 10 (a or b)") for line in lines), lines
    assert any(line.startswith("what_would_it_take on and of 80 facts") for line in lines), lines


def test_the_serialisation_benchmark_prints_every_ratio_the_issue_asks_for() -> None:
    pytest.importorskip("pydantic")
    lines = _run("serialisation.py", "--rounds", "5", "--scale", "0.01")
    for op in ("load", "dump"):
        for line in (op, f"{op}-canonical", f"{op}-gc-off", f"{op}-canonical-gc-off"):
            _ratio(lines, line, "accord/pydantic")
            _ratio(lines, line, "accord/msgspec")
    _ratio(lines, "memory", "accord/pydantic")


def test_the_framework_benchmark_compares_with_a_hand_written_index() -> None:
    lines = _run("framework.py", "--n", "2000", "--repeats", "1")
    _ratio(lines, "build", "accord/dict-index")
    _ratio(lines, "lookup", "accord/dict-index")
    _ratio(lines, "lookup", "accord/scan")
    assert any(line.endswith("same answers: True)") for line in lines), lines
    assert any(line.startswith("memory index_MB=") for line in lines), lines


def test_the_divergence_benchmark_runs_on_a_slice_of_the_un_votes(tmp_path: Path) -> None:
    pytest.importorskip("numpy")
    with gzip.open(unga_votes(), "rt", encoding="utf-8") as source:
        head = list(itertools.islice(source, 3000))
    tiny = tmp_path / "votes.csv.gz"
    with gzip.open(tiny, "wt", encoding="utf-8") as out:
        out.writelines(head)
    lines = _run("divergence.py", "--repeats", "1", "--data", str(tiny))
    _ratio(lines, "read_votes", "accord/csv")
    assert "same scores: True" in next(line for line in lines if line.startswith("matrix ")), lines
    _ratio(lines, "matrix", "accord/numpy")
