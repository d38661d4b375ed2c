"""The plain-text reports: their arguments are checked, and they say why nothing helps."""

from typing import Any

import attrs
import pytest

from accord import CommitmentStatus, Facts, ValidationError, divergence_matrix, examples, reports

FW = examples.postwar_ukraine()
GROUND = "gbr-ground-presence"  # settlement_signed and (un_mandate or legal_framework_clear and …)


def test_an_activation_report_takes_facts_as_a_mapping_or_none() -> None:
    given = {"settlement_signed": True, "un_mandate": True}
    text = reports.activation_report(FW, given)
    assert text == reports.activation_report(FW, Facts(given))
    assert text.splitlines()[0] == "Given settlement_signed=true, un_mandate=true:"
    assert reports.activation_report(FW).splitlines()[0] == "Given nothing:"
    assert reports.activation_report(FW, None) == reports.activation_report(FW, Facts({}))


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda: reports.activation_report(None, {}), "framework: None is not a Framework"),
        (lambda: reports.activation_report(FW, {"x": object()}), r"facts\['x'\]: <object .* is not a bool"),
        (lambda: reports.requirements_report("fw", GROUND), "framework: 'fw' is not a Framework"),
        (lambda: reports.summary(None), "framework: None is not a Framework"),
        (lambda: reports.divergence_table(FW), "matrix: Framework.* is not a DivergenceMatrix"),
        (
            lambda: reports.format_table(["a", "b"], [[1, 2], [1]]),
            r"rows\[1\]: 1 cell\(s\) for 2 header\(s\)",
        ),
        (lambda: reports.format_table(["a"], [[1, 2]]), r"rows\[0\]: 2 cell\(s\) for 1 header\(s\)"),
        (lambda: reports.format_table(["a"], None), "rows: None is not a list of cells"),
        (lambda: reports.format_table("ab", []), "headers: 'ab' is not a list of cells"),
        (lambda: reports.format_table(["a"], ["x"]), r"rows\[0\]: 'x' is not a list of cells"),
    ],
)
def test_bad_arguments_are_named(call: Any, message: str) -> None:
    with pytest.raises(ValidationError, match=message):
        call()


def test_a_table_takes_cells_from_any_iterable() -> None:
    expected = reports.format_table(["a", "b"], [[1, 2], [3, 4]])
    assert reports.format_table({"a": 0, "b": 0}.keys(), ((x, x + 1) for x in (1, 3))) == expected
    numpy = pytest.importorskip("numpy")
    assert reports.format_table(numpy.array(["a", "b"]), numpy.array([[1, 2], [3, 4]])) == expected


def test_a_table_keeps_its_cells_aligned() -> None:
    assert reports.format_table(("id", "note"), [("a", None), ("bb", "x\ny")]).splitlines() == [
        "  id  note",
        "  --  ----",
        "  a",
        "  bb  x\\ny",
    ]
    assert reports.divergence_table(divergence_matrix(FW, ["GBR", "FRA"])).splitlines()[0].split() == [
        "GBR",
        "FRA",
    ]


def test_a_requirements_report_says_why_nothing_would_help() -> None:
    assert reports.requirements_report(FW, GROUND, {"settlement_signed": False}) == (
        f"Nothing would put {GROUND} in force: settlement_signed fails under the facts given."
    )
    assert reports.requirements_report(FW, GROUND, {"settlement_signed": "no"}) == (
        f"Nothing would put {GROUND} in force: settlement_signed: string 'no' is not true or false."
    )
    withdrawn = attrs.evolve(
        FW,
        commitments=[
            attrs.evolve(c, status=CommitmentStatus.WITHDRAWN) if c.id == GROUND else c
            for c in FW.commitments
        ],
    )
    assert reports.requirements_report(withdrawn, GROUND) == (
        f"Nothing would put {GROUND} in force: status is withdrawn."
    )
    assert reports.requirements_report(FW, GROUND).splitlines()[1:] == [
        "  - settlement_signed and un_mandate",
        "  - settlement_signed and legal_framework_clear and international_backing",
    ]
