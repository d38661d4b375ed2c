"""numpy scalars, as data frames hand them over, are taken wherever the plain values are."""

import datetime as dt
from decimal import Decimal

import pytest

import accord
from accord import ValidationError, examples, reports

numpy = pytest.importorskip("numpy")

FW = examples.postwar_ukraine()
ISSUE = FW.issues[0].id
DAY = dt.date(2025, 3, 2)


def _calls_with_a_date(day: object) -> list[object]:
    return [
        accord.divergence(FW, "GBR", "USA", as_of=day),
        accord.divergence_matrix(FW, as_of=day),
        accord.consensus(FW, ISSUE, as_of=day),
        accord.contested_issues(FW, as_of=day),
        accord.divergence_series(FW, "GBR", "USA", [day]),
        FW.position("GBR", ISSUE, as_of=day),
        FW.positions_of("GBR", as_of=day),
        FW.members("NATO", on=day),
        FW.groups_of("GBR", on=day),
        FW.at(day),
        accord.Position(actor="a", issue="i", stance="willing", as_of=day),
    ]


def test_function_arguments_take_numpy_days_as_constructors_do() -> None:
    assert _calls_with_a_date(numpy.datetime64("2025-03-02")) == _calls_with_a_date(DAY)


@pytest.mark.parametrize(
    "value",
    [
        numpy.datetime64("2025-03-02T00:00", "ns"),
        numpy.datetime64("2025-03-02T10:00"),
        numpy.datetime64("2025-03"),
    ],
)
def test_numpy_datetimes_not_in_days_are_refused_with_the_way_to_give_them(value: object) -> None:
    hint = r"is not a date; give numpy dates in days, as value.astype\('datetime64\[D\]'\) does"
    with pytest.raises(ValidationError, match=f"^as_of: .*{hint}$"):
        accord.divergence(FW, "GBR", "USA", as_of=value)
    with pytest.raises(ValidationError, match=f"^Position.as_of: .*{hint}$"):
        accord.Position(actor="a", issue="i", stance="willing", as_of=value)


@pytest.mark.parametrize("unit", ["D", "ns"])
def test_a_missing_numpy_date_is_refused_not_read_as_none(unit: str) -> None:
    # pipeline trial: NaT became None, so a missing end read as "the membership still lasts"
    nat = numpy.datetime64("NaT", unit)
    missing = r"is not a date; a missing date is None \(where the field may be empty\)$"
    with pytest.raises(ValidationError, match=f"^Membership.end: .*{missing}"):
        accord.Membership(member="A", group="B", end=nat)
    with pytest.raises(ValidationError, match=f"^StatusChange.date: np.datetime64\\('NaT'.*{missing}"):
        accord.StatusChange(date=nat, status="pledged")
    with pytest.raises(ValidationError, match="^Facts.values"):
        accord.Facts({"signed": nat})


def test_numpy_durations_are_not_numbers() -> None:
    # a generic timedelta64 held an int (5), which a stance took as the number 5
    with pytest.raises(ValidationError, match="^Position.stance: "):
        accord.Position(actor="a", issue="i", stance=numpy.timedelta64(5))


def test_limits_take_numpy_integers() -> None:
    assert accord.what_would_it_take("a and b or c", limit=numpy.int64(1)) == accord.what_would_it_take(
        "a and b or c", limit=1
    )
    ground = "gbr-ground-presence"
    assert FW.what_would_it_take(ground, limit=numpy.int32(1)) == FW.what_would_it_take(ground, limit=1)
    assert reports.gap_report(FW, "GBR", "USA", limit=numpy.int64(1)) == reports.gap_report(
        FW, "GBR", "USA", limit=1
    )
    for bad in (0, True, 1.0, numpy.float64(2), "2"):
        with pytest.raises(ValidationError, match=r"^limit: .* is not a whole number ≥ 1"):
            accord.what_would_it_take("a", limit=bad)  # type: ignore[arg-type]
        with pytest.raises(ValidationError, match=r"^limit: .* is not a whole number ≥ 1 \(or None"):
            reports.gap_report(FW, "GBR", "USA", limit=bad)  # type: ignore[arg-type]


def test_a_blocs_threshold_may_be_a_decimal() -> None:
    m = accord.divergence_matrix(FW)
    assert accord.blocs(m, Decimal("0.5")) == accord.blocs(m, 0.5)
    with pytest.raises(ValidationError, match=r"threshold: Decimal\('1.5'\) is not a number in \[0, 1\]"):
        accord.blocs(m, Decimal("1.5"))


def test_an_interval_scale_checks_numpy_stances_beside_decimal_bounds() -> None:
    scale = accord.IntervalScale(low=Decimal("0"), high=Decimal("1"))
    assert scale.check(numpy.float64(0.5)) is None
    assert scale.check(numpy.float64(1.5)) == "1.5 is outside [0, 1]"
    assert scale.check(numpy.int64(1)) is None
