"""accord answers the same whatever the caller's decimal context.

Money code often traps ``decimal.FloatOperation`` (so that a float never slips into a Decimal
computation unnoticed) and sets its own precision and rounding traps. accord mixes floats and
Decimals where a user does (a scale from 0 to ``Decimal("10")``, a stance of 2.5): its checks
must neither raise the caller's signals nor answer differently under them.
"""

import decimal
from collections.abc import Iterator
from decimal import Decimal

import pytest
from hypothesis import given, settings

import accord
import accord.testing as at
from accord import Actor, Framework, IntervalScale, Issue, Position, ValidationError


@pytest.fixture
def careful() -> Iterator[decimal.Context]:
    """A context trapping float mixing, rounding and inexact results, at three digits."""
    with decimal.localcontext() as context:
        context.prec = 3
        for signal in (decimal.FloatOperation, decimal.Inexact, decimal.Rounded):
            context.traps[signal] = True
        yield context


def _framework(scale: IntervalScale, *stances: object) -> Framework:
    names = "abcdefgh"[: len(stances)]
    return Framework(
        id="f",
        title="t",
        actors=tuple(Actor(id=n, name=n.upper()) for n in names),
        issues=(Issue(id="i", title="troops", scale=scale),),
        positions=tuple(Position(actor=n, issue="i", stance=s) for n, s in zip(names, stances, strict=True)),
    )


@pytest.mark.usefixtures("careful")
@pytest.mark.parametrize(
    ("low", "high"), [(Decimal("0"), 1.5), (0.5, Decimal("10")), (Decimal("0"), Decimal("1e100"))]
)
def test_interval_scales_with_decimal_bounds(low: object, high: object) -> None:
    scale = IntervalScale(low=low, high=high)
    assert (scale.low, scale.high) == (low, high)


@pytest.mark.usefixtures("careful")
def test_interval_scale_bounds_out_of_order_are_refused_by_message() -> None:
    with pytest.raises(ValidationError, match=r"low Decimal\('2'\) must be less than high 1.5"):
        IntervalScale(low=Decimal("2"), high=1.5)


@pytest.mark.usefixtures("careful")
def test_decimals_beyond_the_magnitude_bound_are_refused_by_message() -> None:
    with pytest.raises(ValidationError, match=r"IntervalScale.high: .* not a finite number within ±1e\+100"):
        IntervalScale(low=0, high=Decimal("1e101"))


@pytest.mark.usefixtures("careful")
def test_float_stances_on_a_decimal_scale_are_checked_exactly() -> None:
    scale = IntervalScale(low=Decimal("0"), high=Decimal("10"))
    fw = _framework(scale, 2.5, Decimal("10"), 0)
    assert fw.position("a", "i").stance == 2.5
    outside = r"positions\[0\]\.stance \(a on i\): 10\.5 is outside \[0, 10\]"
    with pytest.raises(ValidationError, match=outside):
        _framework(scale, 10.5)
    # a float is on a scale when the number it spells is, as in divergence and evaluation: 0.1
    # ends a scale ending at Decimal("0.1") (its binary value is a little more), and bounds 0.1
    # take Decimal("0.1"); or when its binary value is: Decimal.from_float(0.1) is the float's own value
    assert _framework(IntervalScale(low=Decimal("0"), high=Decimal("0.1")), 0.1, Decimal("0.1"))
    assert _framework(IntervalScale(low=Decimal.from_float(0.1), high=Decimal.from_float(0.3)), 0.1, 0.3)
    assert _framework(IntervalScale(low=0, high=0.1), Decimal.from_float(0.1))
    assert _framework(IntervalScale(low=0.1, high=Decimal("0.2")), Decimal("0.1"), 0.2, 0.1)
    with pytest.raises(ValidationError, match=r"0\.1 is outside \[0\.2, 1\]"):
        _framework(IntervalScale(low=Decimal("0.2"), high=1), 0.1)
    with pytest.raises(ValidationError, match=r"low Decimal\('0\.1'\) must be less than high 0\.1"):
        IntervalScale(low=Decimal("0.1"), high=0.1)


@pytest.mark.usefixtures("careful")
@pytest.mark.parametrize("fast", ["1", "0"])
def test_documents_with_mixed_numbers_round_trip(monkeypatch: pytest.MonkeyPatch, fast: str) -> None:
    monkeypatch.setenv("ACCORD_FAST", fast)
    fw = _framework(IntervalScale(low=Decimal("0"), high=12.5), 2.5, Decimal("7.25"), 12)
    text = accord.dumps(fw)
    assert accord.loads(text, Framework) == fw
    assert accord.from_dict(accord.to_dict(fw), Framework) == fw
    bad = text.replace('"stance":2.5', '"stance":13.5')
    with pytest.raises(accord.LoadError, match=r"13\.5 is outside \[0, 12\.5\]"):
        accord.loads(bad, Framework)


@pytest.mark.usefixtures("careful")
def test_divergence_of_decimal_and_float_stances() -> None:
    fw = _framework(IntervalScale(low=Decimal("0"), high=Decimal("10")), 2.5, Decimal("7.5"))
    assert accord.divergence(fw, "a", "b").score == pytest.approx(0.5)


@pytest.mark.usefixtures("careful")
def test_comparisons_of_decimal_literals_with_float_facts() -> None:
    condition = accord.parse_condition("share >= 1.5 and troops in [1, 2.5]")
    assert accord.evaluate(condition, {"share": 2.0, "troops": 2.5}).truth is accord.Truth.TRUE
    assert accord.evaluate(condition, {"share": 1.49, "troops": 2.5}).truth is accord.Truth.FALSE


@settings(max_examples=60, deadline=None)
@given(at.frameworks())
def test_generated_frameworks_round_trip_under_a_careful_context(fw: Framework) -> None:
    with decimal.localcontext() as context:
        context.traps[decimal.FloatOperation] = True
        assert accord.loads(accord.dumps(fw), Framework) == fw


def test_a_float_beside_a_large_int_is_on_a_scale_either_way_it_is_read() -> None:
    # 1e23 is 99999999999999991611392 in binary; written, it is 10**23, as evaluation reads it
    assert _framework(IntervalScale(low=0, high=10**23), 1e23)
    assert _framework(IntervalScale(low=0, high=10**23 - 1), 1e23)
    assert _framework(IntervalScale(low=99999999999999991611393, high=10**24), 1e23)
    with pytest.raises(ValidationError, match=r"1e\+23 is outside \[100000000000000000000001, "):
        _framework(IntervalScale(low=10**23 + 1, high=10**24), 1e23)
    assert accord.evaluate(accord.Compare("x", "==", 10**23), {"x": 1e23}).truth is accord.Truth.TRUE
    # ints a float holds exactly compare the same either way
    assert _framework(IntervalScale(low=0, high=2**53), 2.0**53, 0.5)
    with pytest.raises(ValidationError, match="is outside"):
        _framework(IntervalScale(low=0, high=2**53 - 1), 2.0**53)
