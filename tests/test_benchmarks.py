"""The benchmark scripts still run (at a tiny size: this checks that they work, not their speed)."""

import subprocess
import sys
from pathlib import Path

_BENCHMARKS = Path(__file__).resolve().parents[1] / "benchmarks"


def test_the_conditions_benchmark_runs_and_prints_its_measurements() -> None:
    tiny = ["--n", "30", "--leaves", "5", "--repeat", "1", "--references", "12", "--items", "16"]
    tiny += ["--width", "10"]
    done = subprocess.run(
        [sys.executable, str(_BENCHMARKS / "conditions.py"), *tiny],
        capture_output=True,
        text=True,
        timeout=300,
        check=True,
    )
    lines = done.stdout.splitlines()
    assert any(line.startswith("parse 30x5 leaves median=") for line in lines), done.stdout
    assert any(line.startswith("parse accord/packaging=") for line in lines), done.stdout
    assert any(line.startswith("evaluate 30x5 leaves") for line in lines), done.stdout
    assert any(line.startswith("what_would_it_take on a chain of 12") for line in lines), done.stdout
    assert any(line.startswith("what_would_it_take on at least 8 of 16 facts") for line in lines), done.stdout
    assert any(line.startswith("what_would_it_take on at least 2 of 4 (a or") for line in lines), done.stdout
    assert any(line.startswith("what_would_it_take on and of 10 (a or b)") for line in lines), done.stdout
    assert any(line.startswith("what_would_it_take on and of 80 facts") for line in lines), done.stdout
