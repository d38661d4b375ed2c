"""The command line: exit codes, output, no tracebacks."""

import subprocess
import sys

import pytest

from accord.cli import main


def test_demo_summarises_the_scenario(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["demo"]) == 0
    out = capsys.readouterr().out
    assert "Security guarantees for post-war Ukraine" in out
    assert "Deploy own ground troops in post-war Ukraine" in out
    assert "willing*" in out
    assert "reluctant" in out
    assert "settlement_signed and (un_mandate or legal_framework_clear and international_backing)" in out
    assert "usa-intelligence" in out
    assert "under negotiation" in out


def test_usage_error_exits_2(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as info:
        main(["no-such-command"])
    assert info.value.code == 2


def test_python_dash_m() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "accord", "demo"], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr
    assert "Commitments (11)" in result.stdout
