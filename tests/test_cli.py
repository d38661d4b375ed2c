"""The command line: every command, its formats, exit codes, and no tracebacks."""

import csv
import io
import json
import os
import subprocess
import sys
from pathlib import Path

import attrs
import pytest

import accord
from accord import (
    Commitment,
    Duration,
    Framework,
    Period,
    Position,
    dump,
    dumps,
    from_dict,
    loads,
    parse_condition,
)
from accord.cli import main
from accord.examples import postwar_ukraine


@pytest.fixture
def scenario(tmp_path: Path) -> Path:
    path = tmp_path / "scenario.json"
    dump(postwar_ukraine(), path)
    return path


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_demo_answers_the_analysts_questions(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "demo")
    assert code == 0
    assert err == ""
    assert "Security guarantees for post-war Ukraine" in out
    assert "willing*" in out
    assert "settlement_signed and (un_mandate or legal_framework_clear and international_backing)" in out
    # how far apart, and on what
    assert "USA vs GBR: divergence 0.25 over 2 shared issue(s)" in out
    assert "Deploy own ground troops in post-war Ukraine  reluctant  willing  0.50" in out
    # what would activate, and what is still unknown
    assert "If a settlement were signed tomorrow with a UN mandate" in out
    activation = out.split("If a settlement were signed tomorrow with a UN mandate")[1]
    first = activation.split("With a settlement but nothing known")[0]
    assert "gbr-ground-presence                   GBR    true" in first
    unknown = activation.split("With a settlement but nothing known")[1]
    assert "international_backing, legal_framework_clear, un_mandate" in unknown
    assert "- settlement_signed and un_mandate" in out


def test_python_dash_m() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "accord", "demo"], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr
    assert "Commitments (11)" in result.stdout


def test_usage_error_exits_2(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as info:
        main(["no-such-command"])
    assert info.value.code == 2
    with pytest.raises(SystemExit) as info:
        main(["divergence"])
    assert info.value.code == 2


def test_validate(capsys: pytest.CaptureFixture[str], scenario: Path, tmp_path: Path) -> None:
    code, out, _ = run(capsys, "validate", str(scenario))
    assert code == 0
    assert "ok — 8 actors, 7 issues, 12 positions, 11 commitments" in out

    bad = tmp_path / "bad.json"
    bad.write_text(scenario.read_text().replace('"status":"signalled"', '"status":"pledgd"', 1))
    code, out, err = run(capsys, "validate", str(scenario), str(bad))
    assert code == 1
    assert "Traceback" not in err
    assert len(err.strip().splitlines()) == 1
    assert "1 of 2 file(s) invalid" in err
    assert "commitments[0].status" in err
    assert "'pledgd'" in err

    # several invalid files: one line for each, then the count
    empty = tmp_path / "empty.json"
    empty.write_text("{}")
    code, out, err = run(capsys, "validate", str(bad), str(scenario), str(empty))
    assert code == 1
    assert out.count("ok —") == 1
    assert err.splitlines() == [
        f"accord: error: {bad}: commitments[0].status: 'pledgd' is not one of signalled, proposed, "
        "pledged, agreed, in_force, fulfilled, withdrawn, expired, declined, breached",
        f"accord: error: {empty}: accord_format_version: required key missing (is this an accord document?)",
        "accord: error: 2 of 3 file(s) invalid",
    ]


def test_validate_counts_the_problems_of_a_huge_document(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    huge = tmp_path / "huge.json"
    positions = ",".join(["{}"] * 1500)
    huge.write_text('{"accord_format_version":1,"id":"fw","title":"t","positions":[' + positions + "]}")
    code, _, err = run(capsys, "validate", str(huge))
    assert code == 1
    assert err.splitlines()[0] == (
        f"accord: error: 1 of 1 file(s) invalid: {huge}: positions[0].actor: required key missing "
        "(and 999 more problem(s); stopped after the first 1000)"
    )


def test_validate_writes_ok_lines_before_the_errors(scenario: Path, tmp_path: Path) -> None:
    empty = tmp_path / "empty.json"
    empty.write_text("{}")
    env = {k: v for k, v in os.environ.items() if k != "PYTHONUNBUFFERED"}
    result = subprocess.run(
        [sys.executable, "-m", "accord", "validate", str(scenario), str(empty), str(empty)],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        check=False,
        env=env,
    )
    lines = result.stdout.splitlines()
    assert lines[0].startswith(f"{scenario}: ok")
    assert lines[-1] == "accord: error: 2 of 3 file(s) invalid"


def test_standard_input_is_named_in_messages(scenario: Path) -> None:
    command = [sys.executable, "-m", "accord", "validate", "-"]
    good = subprocess.run(command, input=scenario.read_text(), capture_output=True, text=True, check=False)
    assert good.stdout.startswith("<stdin>: ok — 8 actors")
    bad = subprocess.run(command, input="{}", capture_output=True, text=True, check=False)
    assert bad.returncode == 1
    assert "<stdin>: accord_format_version: required key missing" in bad.stderr


@pytest.mark.parametrize(
    ("content", "fragment"),
    [
        ("{", "JSON"),
        ("", "empty"),
        ('{"accord_format_version": 99, "id": "f", "title": "t"}', "newer"),
        ("[" * 200_000, ""),
    ],
)
def test_bad_files_give_one_line(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, content: str, fragment: str
) -> None:
    path = tmp_path / "f.json"
    path.write_text(content)
    code, out, err = run(capsys, "show", str(path))
    assert code == 1
    assert out == ""
    assert err.startswith("accord: error: ")
    assert len(err.strip().splitlines()) == 1
    assert fragment.lower() in err.lower()


def test_missing_file(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    code, _, err = run(capsys, "show", str(tmp_path / "nope.json"))
    assert code == 1
    assert "no such file" in err


def test_dangling_reference(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    data = json.loads(dumps(postwar_ukraine()))
    data["positions"][0]["actor"] = "GRB"
    path = tmp_path / "f.json"
    path.write_text(json.dumps(data))
    code, _, err = run(capsys, "validate", str(path))
    assert code == 1
    assert "'GRB': unknown actor; did you mean 'GBR'?" in err


def test_show(capsys: pytest.CaptureFixture[str], scenario: Path) -> None:
    code, out, _ = run(capsys, "show", str(scenario))
    assert code == 0
    assert "Where each stands" in out


def test_show_as_of_a_date_shows_the_framework_as_it_stood(
    capsys: pytest.CaptureFixture[str], scenario: Path, tmp_path: Path
) -> None:
    # pledge-tracker trial: "the state on D" from the command line needed a file of fw.at(D)
    import datetime as dt

    from accord.reports import summary

    fw = postwar_ukraine()
    training = fw.commitment("gbr-training").record(dt.date(2025, 9, 1), "pledged")
    later = attrs.evolve(fw, commitments=[training if c.id == training.id else c for c in fw.commitments])
    path = tmp_path / "later.json"
    dump(later, path)
    code, out, _ = run(capsys, "show", str(path), "--as-of", "2025-06-01")
    assert code == 0
    assert out == summary(later.at(dt.date(2025, 6, 1))) + "\n"
    assert out != summary(later) + "\n"
    code, _, err = run(capsys, "show", str(path), "--as-of", "June")
    assert code == 2
    assert "--as-of" in err


def test_divergence_formats(capsys: pytest.CaptureFixture[str], scenario: Path) -> None:
    code, out, _ = run(capsys, "divergence", str(scenario), "--actors", "UK", "Washington")
    assert code == 0
    assert "GBR  0.00  0.25" in out
    assert "USA vs GBR" in out or "GBR vs USA" in out

    _, out, _ = run(capsys, "divergence", str(scenario), "--actors", "GBR", "FRA", "USA", "--format", "json")
    data = json.loads(out)
    assert data["actors"] == ["GBR", "FRA", "USA"]
    assert data["scores"][0][2] == 0.25
    assert data["counts"][0][2] == 2

    _, out, _ = run(capsys, "divergence", str(scenario), "--actors", "GBR", "USA", "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(out)))
    assert rows[0] == {"actor": "GBR", "GBR": "0.0", "USA": "0.25"}

    _, out, _ = run(capsys, "divergence", str(scenario), "--actors", "GBR", "USA", "--format", "markdown")
    assert out.splitlines()[0] == "|  | GBR | USA |"

    code, _, err = run(capsys, "divergence", str(scenario), "--actors", "Atlantis")
    assert code == 2  # a usage error
    assert "'Atlantis': no actor has this id, name or alias" in err


def test_divergence_without_common_ground(
    capsys: pytest.CaptureFixture[str], scenario: Path, tmp_path: Path
) -> None:
    _, out, _ = run(capsys, "divergence", str(scenario), "--actors", "GBR", "UKR", "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(out)))
    assert rows[0]["UKR"] == ""  # nothing in common: an empty cell, as json writes null
    empty = tmp_path / "empty.json"
    dump(Framework(id="e", title="Empty"), empty)
    for form in ("text", "markdown"):
        code, out, _ = run(capsys, "divergence", str(empty), "--format", form)
        assert (code, out.strip()) == (0, "No actors to compare.")


def test_divergence_on_commitments_and_as_of(capsys: pytest.CaptureFixture[str], scenario: Path) -> None:
    code, out, _ = run(capsys, "divergence", str(scenario), "--on", "commitments", "--format", "json")
    assert code == 0
    assert json.loads(out)["on"] == "commitments"
    code, out, _ = run(capsys, "divergence", str(scenario), "--as-of", "January 2020", "--format", "json")
    assert code == 0
    assert all(n == 0 for row in json.loads(out)["counts"] for n in row)


def test_evaluate_warns_about_facts_the_framework_does_not_read(
    capsys: pytest.CaptureFixture[str], scenario: Path
) -> None:
    code, out, err = run(
        capsys, "evaluate", str(scenario), "--fact", "settlment_signed=true", "--fact", "zzz=3"
    )
    assert code == 0  # still evaluated: an unread fact changes nothing
    assert "Given settlment_signed=true, zzz=3" in out
    assert err.splitlines() == [
        "accord: warning: --fact settlment_signed: no commitment's conditions or period read it; "
        "did you mean 'settlement_signed'?",
        "accord: warning: --fact zzz: no commitment's conditions or period read it",
    ]
    _, _, err = run(capsys, "evaluate", str(scenario), "--fact", "settlement_signed=2025-09-01")
    assert err == ""


def test_facts_read_by_comparisons_and_periods_are_not_warned_about(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    fw = postwar_ukraine()
    first = attrs.evolve(
        fw.commitments[0],
        conditions=parse_condition("troops_pledged >= 5000"),
        period=Period(duration=Duration.parse("P5Y"), after="ceasefire"),
    )
    path = tmp_path / "changed.json"
    dump(attrs.evolve(fw, commitments=(first, *fw.commitments[1:])), path)
    code, _, err = run(
        capsys, "evaluate", str(path), "--fact", "troops_pledged=6000", "--fact", "ceasefire=2025-09-01"
    )
    assert code == 0
    assert err == ""


def test_a_fact_only_positions_read_is_warned_about(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    # evaluate reports commitments: a fact only a position's conditions read changes nothing there
    fw = postwar_ukraine()
    position = attrs.evolve(fw.positions[0], conditions=parse_condition("nato_article5"))
    path = tmp_path / "changed.json"
    dump(attrs.evolve(fw, positions=(position, *fw.positions[1:])), path)
    _, _, err = run(capsys, "evaluate", str(path), "--fact", "nato_article5=true")
    assert err == "accord: warning: --fact nato_article5: no commitment's conditions or period read it\n"


def test_two_actor_breakdown_follows_as_of_and_on(capsys: pytest.CaptureFixture[str], scenario: Path) -> None:
    # the breakdown under the matrix compares what the matrix compares
    _, out, _ = run(capsys, "divergence", str(scenario), "--actors", "USA", "GBR", "--as-of", "2020-01-01")
    assert "USA vs GBR as of 2020-01-01: divergence n/a over 0 shared issue(s)" in out
    assert "reluctant" not in out
    assert "no difference" not in out  # nothing was compared, so nothing is "the same"

    _, out, _ = run(capsys, "divergence", str(scenario), "--actors", "USA", "GBR", "--on", "commitments")
    assert "USA vs GBR: divergence 0.17 over 7 commitment item(s)" in out
    assert "troop-deployments/training" in out
    assert "only USA has a position on" not in out


def test_evaluate(capsys: pytest.CaptureFixture[str], scenario: Path) -> None:
    code, out, _ = run(
        capsys, "evaluate", str(scenario), "--fact", "settlement_signed=true", "--fact", "un_mandate=true"
    )
    assert code == 0
    assert "gbr-ground-presence                   GBR    true" in out

    _, out, _ = run(capsys, "evaluate", str(scenario), "--fact", "settlement_signed=true", "--format", "json")
    result = json.loads(out)
    assert result["fra-training"]["truth"] == "unknown"
    assert result["fra-training"]["unknown"] == [
        "international_backing",
        "legal_framework_clear",
        "un_mandate",
    ]
    assert result["usa-intelligence"]["truth"] == "true"

    _, out, _ = run(
        capsys, "evaluate", str(scenario), "--fact", "settlement_signed=false", "--format", "json"
    )
    assert json.loads(out)["gbr-ground-presence"]["truth"] == "false"
    assert json.loads(out)["gbr-ground-presence"]["unmet"] == ["settlement_signed"]

    code, _, err = run(capsys, "evaluate", str(scenario), "--fact", "no-equals-sign")
    assert code == 2  # a usage error
    assert "expected NAME=VALUE" in err


@pytest.mark.parametrize(
    ("text", "value"),
    [("x=true", True), ("x=false", False), ("x=5000", 5000), ("x=2.5", "2.5"), ("x=2026-01-31", "2026-01-31"),
     ('x="bilateral"', "bilateral"), ("x=bilateral", "bilateral")],
)  # fmt: skip
def test_fact_values(text: str, value: object) -> None:
    import datetime as dt
    from decimal import Decimal

    from accord.cli import _fact

    name, parsed = _fact(text)
    assert name == "x"
    if value == "2.5":
        assert parsed == Decimal("2.5")
    elif value == "2026-01-31":
        assert parsed == dt.date(2026, 1, 31)
    else:
        assert parsed == value
        assert type(parsed) is type(value)


def test_diff(capsys: pytest.CaptureFixture[str], scenario: Path, tmp_path: Path) -> None:
    import datetime as dt

    fw = postwar_ukraine()
    later = attrs.evolve(
        fw,
        positions=(
            *fw.positions,
            Position(actor="USA", issue="own-ground-troops", stance="neutral", as_of=dt.date(2025, 4, 1)),
        ),
    )
    new = tmp_path / "new.json"
    dump(later, new)
    code, out, _ = run(capsys, "diff", str(scenario), str(new))
    assert code == 0
    assert "USA" in out
    assert "reluctant" in out
    assert "neutral" in out
    code, out, _ = run(capsys, "diff", str(scenario), str(scenario))
    assert code == 0
    assert out.startswith("No changes")


def test_diff_as_json_holds_each_change_with_both_versions(
    capsys: pytest.CaptureFixture[str], scenario: Path, tmp_path: Path
) -> None:
    # pledge-tracker trial: nothing a weekly comparison produced could be saved for a pipeline
    import datetime as dt

    fw = postwar_ukraine()
    week = dt.date(2025, 3, 9)
    training = fw.commitment("gbr-training").record(week, "pledged", note="announced")
    later = attrs.evolve(
        fw,
        as_of=week,
        commitments=[training if c.id == training.id else c for c in fw.commitments],
        positions=(
            *fw.positions,
            Position(actor="USA", issue="own-ground-troops", stance="neutral", as_of=week),
        ),
    )
    new = tmp_path / "new.json"
    dump(later, new)
    code, out, _ = run(capsys, "diff", str(scenario), str(new), "--format", "json")
    assert code == 0
    changes = json.loads(out)
    assert changes["framework"] == {"as_of": ["2025-03-02", "2025-03-09"]}
    (commitment,) = changes["commitments"]
    assert (commitment["id"], commitment["change"]) == ("gbr-training", "changed")
    assert commitment["fields"] == ["status", "as_of", "history"]
    assert commitment["before"]["status"] == "signalled"
    announced = {"date": "2025-03-09", "note": "announced", "status": "pledged"}
    assert commitment["after"]["history"][-1] == announced
    assert from_dict({**commitment["after"], "accord_format_version": 1}, Commitment) == training
    (position,) = changes["positions"]
    assert (position["actor"], position["change"]) == ("USA", "shifted")
    assert (position["before"]["stance"], position["after"]["stance"]) == ("reluctant", "neutral")
    assert changes["actors"] == changes["issues"] == changes["earlier_positions"] == []
    code, out, _ = run(capsys, "diff", str(scenario), str(scenario), "--format", "json")
    assert json.loads(out)["commitments"] == []


def test_schema(capsys: pytest.CaptureFixture[str], scenario: Path) -> None:
    import jsonschema

    code, out, _ = run(capsys, "schema")
    assert code == 0
    schema = json.loads(out)
    jsonschema.validate(json.loads(scenario.read_text()), schema)
    assert loads(scenario.read_text(), Framework) == postwar_ukraine()


def test_stdin(scenario: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "accord", "show", "-"],
        input=scenario.read_text(),
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert "Where each stands" in result.stdout


@pytest.mark.parametrize("argv", [["diff", "-", "-"], ["validate", "-", "-"], ["validate", "a", "-", "-"]])
def test_standard_input_named_twice_is_a_usage_error(
    capsys: pytest.CaptureFixture[str], argv: list[str]
) -> None:
    # analyst trial: the second read found nothing and said "empty input"
    code, out, err = run(capsys, *argv)
    assert (code, out) == (2, "")
    assert err == "accord: error: standard input (-) can be read only once; give it for one file at most\n"


def test_output_into_a_closed_pipe_is_not_an_error() -> None:
    command = f"{sys.executable} -m accord demo | head -1"
    result = subprocess.run(
        ["bash", "-o", "pipefail", "-c", command], capture_output=True, text=True, check=False
    )
    assert result.stdout.startswith("Security guarantees")
    assert "Traceback" not in result.stderr
    assert result.returncode == 0


# --- review fixes: facts, stdin, directories, output encodings -----------------------------------


@pytest.mark.parametrize(("yes", "no"), [("True", "False"), ("TRUE", "FALSE"), ("true", "false")])
def test_true_and_false_in_any_case(
    capsys: pytest.CaptureFixture[str], scenario: Path, yes: str, no: str
) -> None:
    code, out, _ = run(
        capsys, "evaluate", str(scenario), "--fact", f"settlement_signed={yes}", "--fact", f"un_mandate={no}",
        "--format", "json",
    )  # fmt: skip
    assert code == 0
    result = json.loads(out)
    assert result["gbr-ground-presence"]["truth"] == "unknown"
    assert "settlement_signed" not in result["gbr-ground-presence"]["unknown"]
    assert result["gbr-ground-presence"]["unknown"] == ["international_backing", "legal_framework_clear"]


@pytest.mark.parametrize("typo", ["no", "0", "1", "yes", '"true"', '"2026-01-01"'])
def test_a_yes_no_fact_refuses_other_values(
    capsys: pytest.CaptureFixture[str], scenario: Path, typo: str
) -> None:
    code, out, err = run(capsys, "evaluate", str(scenario), "--fact", f"settlement_signed={typo}")
    assert (code, out) == (2, "")  # a usage error
    assert "the framework reads settlement_signed as yes or no" in err
    assert "settlement_signed=true, settlement_signed=false or the date it happened" in err
    assert len(err.splitlines()) == 1


def test_a_fact_given_twice_is_refused(capsys: pytest.CaptureFixture[str], scenario: Path) -> None:
    code, _, err = run(capsys, "evaluate", str(scenario), "--fact", "x=1", "--fact", "x=2")
    assert code == 2  # a usage error
    assert "--fact x: given twice (1 and 2)" in err


def test_an_empty_as_of_is_refused_not_ignored(capsys: pytest.CaptureFixture[str], scenario: Path) -> None:
    for command in (["evaluate", str(scenario)], ["divergence", str(scenario)]):
        code, out, err = run(capsys, *command, "--as-of", "")
        assert (code, out) == (2, "")  # a usage error
        assert err.startswith("accord: error:")


def test_numbers_with_exponents_are_numbers() -> None:
    from decimal import Decimal

    from accord.cli import _fact

    assert _fact("troops=5e3") == ("troops", Decimal("5e3"))
    assert _fact("x=-2.5E-1") == ("x", Decimal("-0.25"))
    assert _fact("x=12") == ("x", 12)


def test_text_values_are_quoted_and_reasons_shown(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    from accord import Actor, Commitment, parse_condition

    fw = Framework(
        id="f", title="t", actors=(Actor(id="A", name="a"),),
        commitments=(Commitment(id="c", actor="A", kind="funding", status="pledged",
                                conditions=parse_condition('troops >= 5000 or troops == "all"')),),
    )  # fmt: skip
    path = tmp_path / "f.json"
    dump(fw, path)
    # quoted, text is taken as given (troops is compared with text too)
    code, out, _ = run(capsys, "evaluate", str(path), "--fact", "troops='many'")
    assert code == 0
    assert 'Given troops="many":' in out
    assert "troops >= 5000: troops is string 'many', compared with a number" in out
    _, out, _ = run(capsys, "evaluate", str(path), "--fact", "troops='many'", "--format", "json")
    assert json.loads(out)["c"]["reasons"] == [
        "troops >= 5000: troops is string 'many', compared with a number"
    ]


def test_a_directory_is_named_as_such(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    code, _, err = run(capsys, "validate", str(tmp_path))
    assert code == 1
    assert "is a directory, not a framework file" in err


def test_stdin_is_read_as_utf8_bytes(scenario: Path) -> None:
    command = [sys.executable, "-m", "accord", "validate", "-"]
    strict = {"PYTHONIOENCODING": "utf-8:strict"}
    bad = subprocess.run(command, input=b'{"title":"T\xe9"}', capture_output=True, check=False, env=strict)
    assert bad.returncode == 1
    assert b"not valid UTF-8 at byte 11" in bad.stderr
    assert b"please report" not in bad.stderr
    latin = {"PYTHONIOENCODING": "latin-1"}
    good = subprocess.run(command, input=scenario.read_bytes(), capture_output=True, check=False, env=latin)
    assert good.returncode == 0, good.stderr


def test_output_the_terminal_cannot_encode_is_escaped() -> None:
    env = {"PYTHONIOENCODING": "ascii"}
    result = subprocess.run(
        [sys.executable, "-m", "accord", "demo"], capture_output=True, check=False, env=env
    )
    assert result.returncode == 0, result.stderr
    assert b"Traceback" not in result.stderr
    assert b"\\xb7" in result.stdout  # the tables' middle dot, escaped


def test_a_yes_no_fact_takes_the_date_it_happened(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    from accord import Actor, Commitment, Period, parse_condition

    fw = Framework(
        id="f", title="t", actors=(Actor(id="A", name="a"),),
        commitments=(Commitment(id="c", actor="A", kind="funding", status="pledged",
                                conditions=parse_condition("signed"),
                                period=Period(after="signed", duration="P1Y")),),  # type: ignore[arg-type]
    )  # fmt: skip
    path = tmp_path / "ev.json"
    dump(fw, path)
    code, out, _ = run(capsys, "evaluate", str(path), "--fact", "signed=2025-03-01", "--as-of", "2025-06-01")
    assert code == 0
    assert "c           A      true" in out
    _, out, _ = run(capsys, "evaluate", str(path), "--fact", "signed=2025-03-01", "--as-of", "2025-06-01",
                    "--format", "json")  # fmt: skip
    assert json.loads(out)["c"]["truth"] == "true"


def test_a_double_quoted_fact_value_is_read_as_the_condition_language_reads_strings(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    fw = postwar_ukraine()
    first = attrs.evolve(fw.commitments[0], conditions=parse_condition(r'basis == "say \"no\""'))
    path = tmp_path / "escaped.json"
    dump(attrs.evolve(fw, commitments=(first, *fw.commitments[1:])), path)
    for given in (r'basis="say \"no\""', 'basis=say "no"'):
        _, out, _ = run(capsys, "evaluate", str(path), "--fact", given, "--format", "json")
        assert json.loads(out)[first.id]["truth"] == "true", given
    code, _, err = run(capsys, "evaluate", str(path), "--fact", r'basis="bad \q"')
    assert code == 2  # a usage error
    assert err == 'accord: error: --fact basis: "bad \\q" is not a string literal (unknown escape \\q)\n'


def test_help_says_what_file_and_fact_take(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["evaluate", "--help"])
    out = " ".join(capsys.readouterr().out.split())  # argparse wraps to the terminal's width
    assert "- for standard input" in out
    assert "repeat for each" in out


def test_files_that_are_not_regular_files_are_read(scenario: Path, tmp_path: Path) -> None:
    # `accord validate <(…)`, /dev/stdin, a FIFO: read like any file
    command = [sys.executable, "-m", "accord", "validate", "/dev/stdin"]
    piped = subprocess.run(command, input=scenario.read_text(), capture_output=True, text=True, check=False)
    assert piped.returncode == 0, piped.stderr
    assert piped.stdout.startswith("/dev/stdin: ok — 8 actors")


def test_validate_names_an_unreadable_file_and_goes_on(
    capsys: pytest.CaptureFixture[str], scenario: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import accord.cli as cli

    locked, bad = tmp_path / "locked.json", tmp_path / "bad.json"
    locked.write_text("{}")
    bad.write_text("{bad")

    def load(path: object, cls: type) -> object:
        if str(path) == str(locked):
            raise PermissionError(13, "Permission denied", str(path))
        return dump_load(path, cls)

    dump_load = cli.load
    monkeypatch.setattr(cli, "load", load)
    code, out, err = run(capsys, "validate", str(scenario), str(locked), str(bad), "")
    assert code == 1
    assert out.startswith(f"{scenario}: ok")
    assert f"accord: error: {locked}: cannot be read (Permission denied)" in err
    assert f"accord: error: {bad}: document: invalid JSON" in err
    assert "accord: error: '': an empty file name" in err
    assert err.splitlines()[-1] == "accord: error: 3 of 4 file(s) invalid"


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full")
def test_output_that_cannot_be_written_is_one_error_line() -> None:
    with open("/dev/full", "w") as full:
        result = subprocess.run(
            [sys.executable, "-m", "accord", "demo"],
            stdout=full,
            stderr=subprocess.PIPE,
            text=True,
            check=False,
        )
    assert result.returncode == 1
    assert result.stderr == "accord: error: cannot write the output: No space left on device\n"


def test_a_bad_fact_name_is_one_error(capsys: pytest.CaptureFixture[str], scenario: Path) -> None:
    code, out, err = run(capsys, "evaluate", str(scenario), "--fact", "1bad=true")
    assert (code, out) == (2, "")  # a usage error
    assert err.splitlines() == [
        "accord: error: --fact: '1bad' is not a fact name (letters, digits and _, "
        + "not starting with a digit)"
    ]


def test_control_characters_from_a_file_are_shown_as_escapes(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    # a title must not recolour, move the cursor of or retitle the terminal it is shown in
    import attrs

    path = tmp_path / "escapes.json"
    dump(attrs.evolve(postwar_ukraine(), title="Guarantees\x1b[2J\x1b]0;owned\x07"), path)
    code, out, _ = run(capsys, "show", str(path))
    assert code == 0
    assert "Guarantees\\x1b[2J\\x1b]0;owned\\x07" in out
    assert "\x1b" not in out
    assert "\x07" not in out


def _one_commitment(
    path: Path,
    conditions: accord.Condition,
    *,
    title: str = "t",
    actor: accord.Actor | None = None,
    period: Period | None = None,
) -> Path:
    """A framework file of one actor ("A") and one commitment ("c") under *conditions*."""
    fw = accord.Framework(
        id="f",
        title=title,
        actors=(actor or accord.Actor(id="A", name="a"),),
        commitments=(
            accord.Commitment(
                id="c", actor="A", kind="training", status="pledged", conditions=conditions, period=period
            ),
        ),
    )
    dump(fw, path)
    return path


def test_line_ends_in_values_do_not_break_the_tables(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    # pipeline trial: a name or a condition's text with a line end split its row in two
    path = _one_commitment(
        tmp_path / "lines.json",
        accord.Compare("x", "==", "a\nb"),
        title="Two\nlines",
        actor=accord.Actor(id="A", name="first\nsecond\ttab"),
    )
    code, out, _ = run(capsys, "show", str(path))
    assert code == 0
    lines = out.splitlines()
    assert lines[0] == "Two\\nlines"
    assert any(line.split() == ["A", "first\\nsecond\\ttab", "state"] for line in lines), out
    assert any(
        line.split()[:4] == ["c", "A", "training", "pledged"] and line.endswith('x == "a\\nb"')
        for line in lines
    )
    code, out, _ = run(capsys, "evaluate", str(path), "--fact", "x=a\nb")
    assert code == 0
    assert out.splitlines()[0] == 'Given x="a\\nb":'
    assert out.splitlines()[3].split()[:3] == ["c", "A", "true"]


def test_json_output_stays_json_whatever_the_values_hold(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    # DEL and C1 controls, which json leaves raw, were shown as \x9b on the way out: invalid JSON
    value = "a\x7fb\x9bc\x1bd\ne"
    path = _one_commitment(tmp_path / "controls.json", accord.Compare("x", "==", value))
    code, out, _ = run(capsys, "evaluate", str(path), "--format", "json", "--fact", "x=other")
    assert code == 0
    assert json.loads(out)["c"]["unmet"] == [str(accord.Compare("x", "==", value))]
    assert not any(0x7F <= ord(c) <= 0x9F or ord(c) < 0x20 for c in out.rstrip("\n"))


@pytest.mark.parametrize("encoding", ["ascii", "latin-1", "cp1252", "utf-8"])
def test_json_output_stays_json_on_a_terminal_of_any_encoding(tmp_path: Path, encoding: str) -> None:
    # dashboard trial: non-ASCII text was escaped as Python escapes (\xe9) on an ASCII stdout
    period = Period(after="signed", delay="P1M", duration="P5Y")  # type: ignore[arg-type]
    path = _one_commitment(
        tmp_path / "unicode.json", accord.Compare("basis", "==", "café\x7f 😀"), period=period
    )
    argv = ["evaluate", str(path), "--format", "json", "--fact", "basis=x", "--fact", "signed=2025-06-01"]
    result = subprocess.run(
        [sys.executable, "-m", "accord", *argv, "--as-of", "2025-08-01"],
        capture_output=True,
        env={**os.environ, "PYTHONIOENCODING": encoding},
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.isascii() or encoding == "utf-8"  # JSON is UTF-8: anything else gets ASCII
    found = json.loads(result.stdout)
    assert found["c"]["unmet"] == ['basis == "café\x7f 😀"']
    assert (found["c"]["starts"], found["c"]["ends"]) == ("2025-07-01", "2030-06-30")  # the resolved period


@pytest.mark.parametrize("command", ["divergence", "evaluate"])
@pytest.mark.parametrize("as_of", ["2025-13-01", "1/2/2025", "2025-03-01T10:30"])
def test_a_bad_as_of_is_a_usage_error(
    capsys: pytest.CaptureFixture[str], scenario: Path, command: str, as_of: str
) -> None:
    code, out, err = run(capsys, command, str(scenario), "--as-of", as_of)
    assert (code, out) == (2, "")
    assert err.startswith(f"accord: error: --as-of: {as_of!r}")
    assert len(err.splitlines()) == 1


def test_file_names_are_shown_on_one_line_with_control_characters_escaped(
    capsys: pytest.CaptureFixture[str], scenario: Path, tmp_path: Path
) -> None:
    odd = tmp_path / "ok\x1b[31m\nsecond.json"
    odd.write_bytes(scenario.read_bytes())
    missing = str(tmp_path / "no\x1b[2Jsuch\tfile.json")
    code, out, err = run(capsys, "validate", str(odd), missing)
    assert code == 1
    shown = str(odd).replace("\x1b", "\\x1b").replace("\n", "\\n")
    assert out.splitlines()[0].startswith(f"{shown}: ok — 8 actors")
    assert err.splitlines() == [
        "accord: error: 1 of 2 file(s) invalid: "
        + missing.replace("\x1b", "\\x1b").replace("\t", "\\t")
        + ": no such file"
    ]
    assert "\x1b" not in out + err


def test_the_headline_counts_every_problem_a_framework_found(
    capsys: pytest.CaptureFixture[str], scenario: Path, tmp_path: Path
) -> None:
    document = json.loads(scenario.read_text())
    issue = document["issues"][0]["id"]
    document["positions"] = [{"actor": f"NOPE{i}", "issue": issue, "stance": "support"} for i in range(1500)]
    many = tmp_path / "many.json"
    many.write_text(json.dumps(document))
    code, _, err = run(capsys, "validate", str(many))
    assert code == 1
    assert err.strip().endswith("positions[0].actor: 'NOPE0': unknown actor (and 1499 more problem(s))"), err


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["evaluate", "--fact", "x=1e999"], "--fact x: Decimal('1E+999') has more than 300 digits"),
        (["evaluate", "--fact", "settlement_signed=1e999"], "--fact settlement_signed=1000000"),
        (["divergence", "--actors", "GBR", "UK"], "--actors: GBR named twice"),
    ],
)
def test_values_no_command_can_use_are_usage_errors(
    capsys: pytest.CaptureFixture[str], scenario: Path, argv: list[str], message: str
) -> None:
    code, out, err = run(capsys, argv[0], str(scenario), *argv[1:])
    assert (code, out) == (2, "")
    error = [line for line in err.splitlines() if line.startswith("accord: error:")]
    assert len(error) == 1, err
    assert error[0].startswith(f"accord: error: {message}"), err
    assert len(error[0]) < 300  # a number of 1,000 digits is cut short


def test_a_fact_value_takes_the_kind_the_conditions_compare_it_with(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    # pipeline trial: un_resolution=2719 was the number 2719, compared with "2719": unknown
    from accord import Actor, Commitment

    def commitment(id: str, text: str) -> Commitment:
        return Commitment(
            id=id, actor="A", kind="funding", status="pledged", conditions=parse_condition(text)
        )

    fw = Framework(
        id="f",
        title="t",
        actors=(Actor(id="A", name="a"),),
        commitments=(
            commitment("text", 'un_resolution == "2719"'),
            commitment("number", "troops >= 5000"),
            commitment("mixed", 'code == "7" or code == 7'),
        ),
    )
    path = tmp_path / "typed.json"
    dump(fw, path)

    def truths(*facts: str) -> dict[str, str]:
        code, out, err = run(
            capsys, "evaluate", str(path), *[f"--fact={f}" for f in facts], "--format", "json"
        )
        assert code == 0, err
        return {key: result["truth"] for key, result in json.loads(out).items()}

    assert truths("un_resolution=2719", "troops=5,000", "code=7")["text"] == "true"
    assert truths("un_resolution=2719", "troops=5,000")["number"] == "true"
    assert truths("troops=12_000")["number"] == "true"
    assert truths("un_resolution='2720'")["text"] == "false"
    assert truths("code=7")["mixed"] == "true"  # compared with both: read as typed
    # compared only with text: any value unquoted is the text as typed
    assert truths("un_resolution=true")["text"] == "false"
    assert truths("un_resolution=2025-01-01")["text"] == "false"
    assert truths("un_resolution=2719.0")["text"] == "false"
    assert truths("un_resolution=2025-13-01")["text"] == "false"  # no date, but text all the same
    assert truths("un_resolution=2025-02-01T10:00")["text"] == "false"
    # compared only with numbers: anything else is a usage error, as for yes-or-no facts
    for given in (
        "troops=5,00",
        "troops=0,6",
        "troops=NaN",
        "troops=true",
        "troops=2025-01-01",
        "troops=many",
    ):
        code, _, err = run(capsys, "evaluate", str(path), "--fact", given)
        assert code == 2, given
        name, value = given.split("=")
        assert err == (
            f"accord: error: --fact {name}={value}: the framework compares troops only with numbers;"
            " give a number (troops=0.6, troops=5000)\n"
        ), given
    # quoted, a value is the text given: refused where only numbers are compared (always unknown)
    code, _, err = run(capsys, "evaluate", str(path), "--fact", "troops='5000'")
    assert code == 2
    assert err == (
        "accord: error: --fact troops='5000': a quoted value is text, and the framework compares"
        " troops only with numbers; give it without quotes\n"
    )
    code, out, _ = run(capsys, "evaluate", str(path), "--fact", "code='7'", "--format", "json")
    assert code == 0  # compared with text too: the text given
    assert json.loads(out)["mixed"]["truth"] == "true"


def test_divergence_of_two_actors_lists_the_top_items(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    from accord import Actor, Issue, Position

    issues = tuple(Issue(id=f"i{n}", title=f"Vote {n}") for n in range(30))
    positions = tuple(
        Position(actor=a, issue=f"i{n}", stance=s)
        for n in range(30)
        for a, s in (("A", "support"), ("B", "oppose"))
    )
    fw = Framework(
        id="f",
        title="t",
        actors=(Actor(id="A", name="a"), Actor(id="B", name="b")),
        issues=issues,
        positions=positions,
    )
    path = tmp_path / "many.json"
    dump(fw, path)
    _, out, _ = run(capsys, "divergence", str(path))
    assert out.rstrip("\n").splitlines()[-1] == "  … and 10 more issues with a difference"
    _, out, _ = run(capsys, "divergence", str(path), "--top", "3")
    assert out.rstrip("\n").splitlines()[-1] == "  … and 27 more issues with a difference"
    _, out, _ = run(capsys, "divergence", str(path), "--top", "0")
    assert "more issues" not in out
    assert "Vote 29" in out
    _, out, _ = run(capsys, "divergence", str(path), "--top", "1000000000000000000000")  # every one
    assert "more issues" not in out
    _, out, _ = run(capsys, "divergence", str(path), "--top", " +3")
    assert out.rstrip("\n").splitlines()[-1] == "  … and 27 more issues with a difference"
    for bad in ("-1", "x", "1e3", "\u0663"):
        with pytest.raises(SystemExit) as info:
            main(["divergence", str(path), "--top", bad])
        assert info.value.code == 2
        assert f"argument --top: {bad!r} is not a whole number ≥ 0" in capsys.readouterr().err


@pytest.mark.parametrize(
    ("given", "day"),
    [
        ("2025-01-01T10:00Z", "2025-01-01"),
        ("2025-01-01T23:30-05:00", "2025-01-02"),
        ("2025-01-01", "2025-01-01"),
    ],
)
def test_a_fact_given_a_moment_with_its_offset_takes_its_utc_date(
    capsys: pytest.CaptureFixture[str], scenario: Path, given: str, day: str
) -> None:
    code, out, err = run(capsys, "evaluate", str(scenario), "--fact", f"settlement_signed={given}")
    assert (code, err) == (0, "")
    assert out.splitlines()[0] == f"Given settlement_signed={day}:"


def test_a_fact_given_a_moment_without_an_offset_is_a_usage_error(
    capsys: pytest.CaptureFixture[str], scenario: Path
) -> None:
    code, _, err = run(capsys, "evaluate", str(scenario), "--fact", "settlement_signed=2025-01-01T10:00")
    assert code == 2
    assert err.startswith(
        "accord: error: --fact settlement_signed: '2025-01-01T10:00' has a time of day but no UTC"
    )
