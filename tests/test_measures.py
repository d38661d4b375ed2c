import csv
import gzip
import math
import statistics
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st
from shared_data import unga_votes

from accord import ValidationError
from accord.measures import (
    MeasureResult,
    agreement,
    cohen_kappa,
    earth_movers_distance,
    hnr_agreement_index,
    jensen_shannon,
    rice_index,
    s_score,
    scott_pi,
    total_variation,
    weighted_mean,
    weighted_median,
)

VOTE = {"no": 0, "abstain": 1, "yes": 2}
LEVELS = ("no", "abstain", "yes")


@pytest.fixture(scope="module")
def usa_mexico_1946() -> tuple[list[str], list[str]]:
    votes: dict[str, dict[str, str]] = {}
    with gzip.open(unga_votes(), "rt", newline="") as f:
        for row in csv.DictReader(f):
            if row["session_year"] == "1946" and row["country"] in ("USA", "MEX"):
                votes.setdefault(row["resid"], {})[row["country"]] = row["vote"]
    common = [v for v in votes.values() if len(v) == 2]
    return [v["USA"] for v in common], [v["MEX"] for v in common]


# --- published values --------------------------------------------------------


def test_published_kappa_usa_mexico_1946(usa_mexico_1946: tuple[list[str], list[str]]) -> None:
    usa, mex = usa_mexico_1946
    result = cohen_kappa(usa, mex, levels=LEVELS, weighting="quadratic")
    assert result.n == 38
    assert result.value == pytest.approx(-0.01222707, abs=5e-9)


def test_published_scott_pi_usa_mexico_1946(usa_mexico_1946: tuple[list[str], list[str]]) -> None:
    usa, mex = usa_mexico_1946
    result = scott_pi(usa, mex, levels=LEVELS, weighting="nominal")
    assert result.n == 38
    assert result.value == pytest.approx(-0.02775801, abs=5e-9)


def test_kappa_works_on_numeric_codes_too(usa_mexico_1946: tuple[list[str], list[str]]) -> None:
    usa, mex = usa_mexico_1946
    result = cohen_kappa([VOTE[v] for v in usa], [VOTE[v] for v in mex], levels=(0, 1, 2))
    assert result.value == pytest.approx(-0.01222707, abs=5e-9)


# --- hand-computed cases -----------------------------------------------------


def test_agreement_voeten_scoring() -> None:
    # same vote 1, one abstains 0.5, yes against no 0 -> mean 0.5
    assert agreement([2, 2, 2], [2, 1, 0], delta=2) == MeasureResult(value=0.5, n=3)


def test_s_score_hand_computed() -> None:
    # distances 0, 1, 2 on range 2: S = 1 - 2 * 3 / (3 * 2) = 0
    assert s_score([2, 2, 2], [2, 1, 0], delta=2).value == 0.0
    # squared: 1 - 2 * (0 + 1 + 4) / (3 * 4) = 1/6
    assert s_score([2, 2, 2], [2, 1, 0], delta=2, squared=True).value == pytest.approx(1 / 6)
    # weighted: weights 1, 0, 3 -> 1 - 2 * (0 + 0 + 6) / (4 * 2) = -0.5
    assert s_score([2, 2, 2], [2, 1, 0], delta=2, weights=[1, 0, 3]).value == -0.5


def test_s_score_uses_the_declared_range_not_the_observed_one() -> None:
    # observed range 1, declared 4
    assert s_score([0, 1], [1, 0], delta=4).value == pytest.approx(1 - 2 * 2 / (2 * 4))


def test_missing_values_are_dropped_pairwise() -> None:
    result = agreement([2, None, 0, 1], [2, 1, None, 1], delta=2)
    assert result == MeasureResult(value=1.0, n=2)
    assert s_score([None, 1, 2], [0, 1, 2], delta=2, weights=[1, 1, None]).n == 1


def test_kappa_hand_computed_nominal() -> None:
    # 2x2 table: a=[0,0,1,1], b=[0,1,1,1]: po = 3/4, p=(1/2,1/2), q=(1/4,3/4)
    # pe = 1/2*1/4 + 1/2*3/4 = 1/2 -> kappa = (3/4 - 1/2)/(1 - 1/2) = 1/2
    result = cohen_kappa([0, 0, 1, 1], [0, 1, 1, 1], levels=(0, 1), weighting="nominal")
    assert result.value == pytest.approx(0.5)
    # pooled m = (3/8, 5/8): pe = 9/64 + 25/64 = 34/64 -> pi = (3/4 - 34/64)/(1 - 34/64) = 14/30
    assert scott_pi([0, 0, 1, 1], [0, 1, 1, 1], levels=(0, 1), weighting="nominal").value == pytest.approx(
        14 / 30
    )


def test_kappa_linear_and_quadratic_hand_computed() -> None:
    a, b = [0, 1, 2], [0, 2, 2]
    # observed disagreement: one pair (1, 2). p=(1/3,1/3,1/3), q=(1/3,0,2/3)
    # linear: Do = (1/3)(1/2) = 1/6; De = sum |i-j|/2 p_i q_j
    p, q = [1 / 3, 1 / 3, 1 / 3], [1 / 3, 0, 2 / 3]
    de_lin = sum(abs(i - j) / 2 * p[i] * q[j] for i in range(3) for j in range(3))
    de_quad = sum((i - j) ** 2 / 4 * p[i] * q[j] for i in range(3) for j in range(3))
    assert cohen_kappa(a, b, levels=(0, 1, 2), weighting="linear").value == pytest.approx(
        1 - (1 / 6) / de_lin
    )
    assert cohen_kappa(a, b, levels=(0, 1, 2)).value == pytest.approx(1 - (1 / 12) / de_quad)


def test_kappa_constant_actors() -> None:
    # one constant actor: chance explains everything -> exactly 0
    assert cohen_kappa([1, 1, 1], [1, 0, 1], levels=(0, 1), weighting="nominal").value == 0.0
    # both constant at the same level: undefined, with a reason
    result = scott_pi([1, 1, 1], [1, 1, 1], levels=(0, 1))
    assert math.isnan(result.value)
    assert result.n == 3
    assert result.reason is not None
    assert "expected disagreement is zero" in result.reason
    assert not result.defined


def test_undefined_results_carry_a_reason() -> None:
    for result in (
        agreement([None], [1], delta=2),
        s_score([1, 2], [1, 2], delta=2, weights=[0, 0]),
        cohen_kappa([], [], levels=(0, 1)),
        rice_index(0, 0),
        hnr_agreement_index(0, 0, 0),
        total_variation([0, 0], [1, 1]),
        jensen_shannon([None], [1]),
        weighted_mean([1, 2], [0, 0]),
        weighted_median([None], [1]),
    ):
        assert math.isnan(result.value)
        assert result.reason


def test_cohesion_indices_hand_computed() -> None:
    assert rice_index(30, 10) == MeasureResult(value=0.5, n=40)
    assert hnr_agreement_index(30, 10, 0).value == pytest.approx(0.625)  # (30 - 10/2) / 40
    # HNR, Table 1 style: 50/25/25 -> (50 - 25)/100
    assert hnr_agreement_index(50, 25, 25).value == pytest.approx(0.25)
    assert hnr_agreement_index(10, 10, 10).value == 0.0
    assert hnr_agreement_index(0, 0, 7).value == 1.0
    # counts too large for a float: (3 × 10**400 − (10**400 + 2)) / (2 (10**400 + 2)), just under 1
    assert hnr_agreement_index(10**400, 1, 1).value == 1.0
    assert rice_index(10**400, 1).value == 1.0


def test_distribution_distances_hand_computed() -> None:
    assert total_variation([1, 0, 0], [0, 0, 1]).value == 1.0
    assert total_variation([2, 2], [1, 3]).value == pytest.approx(0.25)  # counts are normalised
    assert jensen_shannon([1, 0], [0, 1]).value == 1.0
    assert jensen_shannon([1, 1], [1, 1]).value == 0.0
    # p = (1/2, 1/2), q = (1, 0): m = (3/4, 1/4)
    expected = 0.5 * (0.5 * math.log2(0.5 / 0.75) + 0.5 * math.log2(0.5 / 0.25)) + 0.5 * math.log2(1 / 0.75)
    assert jensen_shannon([1, 1], [1, 0]).value == pytest.approx(expected)
    assert earth_movers_distance([1, 0, 0], [0, 0, 1]).value == 1.0
    assert earth_movers_distance([1, 0, 0], [0, 0, 1], normalise=False).value == 2.0
    assert earth_movers_distance([1, 0, 0], [0, 1, 0]).value == 0.5


def test_jensen_shannon_matches_scipy_distance_squared() -> None:
    scipy_distance = pytest.importorskip("scipy.spatial.distance")
    p, q = [0.1, 0.6, 0.3], [0.5, 0.2, 0.3]
    assert jensen_shannon(p, q).value == pytest.approx(scipy_distance.jensenshannon(p, q, base=2) ** 2)


def test_weighted_positions_hand_computed() -> None:
    assert weighted_mean([0, 100], [3, 1]).value == 25.0
    assert weighted_median([0, 40, 100], [0.3, 0.3, 0.4]).value == 40
    assert weighted_median([0, 100], [1, 1]).value == 50  # exactly half: midpoint
    assert weighted_median([10, 20, 30], [None, 1, 5]) == MeasureResult(value=30.0, n=2)


# --- bad arguments -----------------------------------------------------------


@pytest.mark.parametrize(
    ("call", "needle"),
    [
        (lambda: agreement([1], [1, 2], delta=2), "a has 1, b has 2"),
        (lambda: agreement([1], [1], delta=0), "delta: 0"),
        (lambda: agreement(["x"], [1], delta=1), "a[0]: 'x'"),
        (lambda: s_score([1], [1], delta=1, weights=[-1]), "weights[0]: -1"),
        (lambda: s_score([1], [1], delta=1, squared="yes"), "squared: 'yes'"),  # type: ignore[arg-type]
        (lambda: cohen_kappa([1], [1], levels=(0, 1), weighting="cubic"), "weighting: 'cubic'"),  # type: ignore[arg-type]
        (lambda: scott_pi([5], [1], levels=(0, 1)), "a[0]: 5"),
        (lambda: cohen_kappa([1], [1], levels=(1,)), "levels"),
        (lambda: cohen_kappa([1], [1], levels=(1, 1)), "appears twice"),
        (lambda: rice_index(-1, 2), "yes: -1"),
        (lambda: total_variation([1, -1], [1, 1]), "p[1]: -1"),
        (lambda: earth_movers_distance([1, None], [1, 1]), "cannot be missing"),  # type: ignore[list-item]
        (lambda: earth_movers_distance([1, 0], [0, 1], normalise="no"), "normalise: 'no'"),  # type: ignore[arg-type]
        (lambda: s_score([1], [1], delta=1, squared=1), "squared: 1 is not True or False"),  # type: ignore[arg-type]
        (lambda: weighted_mean([1, math.inf], [1, 1]), "positions[1]"),
    ],
)
def test_bad_arguments_name_the_option_and_value(call: object, needle: str) -> None:
    with pytest.raises(ValidationError) as info:
        call()  # type: ignore[operator]
    assert needle in str(info.value)


# --- properties --------------------------------------------------------------

votes = st.lists(st.tuples(st.sampled_from([0, 1, 2, None]), st.sampled_from([0, 1, 2, None])), max_size=40)
masses = st.lists(
    st.tuples(st.floats(0, 100, allow_nan=False), st.floats(0, 100, allow_nan=False)), min_size=2, max_size=8
)
weightings = st.sampled_from(["nominal", "linear", "quadratic"])


@given(votes, weightings)
def test_pairwise_measures_are_symmetric_and_bounded(
    pairs: list[tuple[int | None, int | None]], w: str
) -> None:
    a, b = [x for x, _ in pairs], [y for _, y in pairs]
    for measure, low, high in ((agreement, 0.0, 1.0), (s_score, -1.0, 1.0)):
        ab, ba = measure(a, b, delta=2), measure(b, a, delta=2)
        assert ab.n == ba.n == sum(x is not None and y is not None for x, y in pairs)
        if ab.n:
            assert ab.value == pytest.approx(ba.value)
            assert low <= ab.value <= high
    s, agree = s_score(a, b, delta=2), agreement(a, b, delta=2)
    if s.n:
        assert agree.value == pytest.approx((1 + s.value) / 2)  # Voeten A = (1 + S) / 2
    for measure2 in (cohen_kappa, scott_pi):
        ab, ba = measure2(a, b, levels=(0, 1, 2), weighting=w), measure2(b, a, levels=(0, 1, 2), weighting=w)  # type: ignore[operator]
        assert ab.n == ba.n
        if ab.defined:
            assert ab.value == pytest.approx(ba.value)
            assert -1.0 - 1e-9 <= ab.value <= 1.0 + 1e-9
        else:
            assert math.isnan(ba.value)


@given(st.lists(st.sampled_from([0, 1, 2]), min_size=1, max_size=30), weightings)
def test_identity_gives_perfect_scores(a: list[int], w: str) -> None:
    assert agreement(a, a, delta=2).value == 1.0
    assert s_score(a, a, delta=2, squared=True).value == 1.0
    for measure in (cohen_kappa, scott_pi):
        result = measure(a, a, levels=(0, 1, 2), weighting=w)  # type: ignore[operator]
        assert result.value == 1.0 if len(set(a)) > 1 else math.isnan(result.value)


@given(masses)
def test_distribution_distances_are_symmetric_bounded_and_zero_on_identity(
    pq: list[tuple[float, float]],
) -> None:
    p, q = [x for x, _ in pq], [y for _, y in pq]
    for measure in (total_variation, jensen_shannon, earth_movers_distance):
        ab, ba = measure(p, q), measure(q, p)
        if sum(p) == 0 or sum(q) == 0:
            assert math.isnan(ab.value)
            continue
        assert ab.value == pytest.approx(ba.value, abs=1e-12)
        assert -1e-12 <= ab.value <= 1.0 + 1e-12
        assert measure(p, p).value == pytest.approx(0.0, abs=1e-12)
    if sum(p) and sum(q):
        # JSD <= TV (Lin 1991) and TV <= EMD*(k-1)
        assert jensen_shannon(p, q).value <= total_variation(p, q).value + 1e-9
        assert total_variation(p, q).value <= earth_movers_distance(p, q, normalise=False).value + 1e-9


@given(st.lists(st.floats(-1e6, 1e6, allow_nan=False), min_size=1, max_size=25))
def test_equal_weights_give_the_ordinary_mean_and_median(xs: list[float]) -> None:
    ones = [1.0] * len(xs)
    assert weighted_mean(xs, ones).value == pytest.approx(statistics.fmean(xs), abs=1e-6)
    assert weighted_median(xs, ones).value == pytest.approx(statistics.median(xs), abs=1e-6)


@given(
    st.lists(
        st.tuples(st.floats(-100, 100, allow_nan=False), st.floats(0, 10, allow_nan=False)),
        min_size=1,
        max_size=20,
    )
)
def test_weighted_positions_lie_within_the_range(items: list[tuple[float, float]]) -> None:
    xs, ws = [x for x, _ in items], [w for _, w in items]
    for measure in (weighted_mean, weighted_median):
        result = measure(xs, ws)
        if sum(ws) == 0:
            assert math.isnan(result.value)
        else:
            assert min(xs) <= result.value <= max(xs)


def test_jensen_shannon_with_a_subnormal_mass() -> None:
    # 5e-324 / 2 underflows to 0: the mean must not be halved before dividing
    assert jensen_shannon([1.0, 5e-324], [1.0, 0.0]).value == pytest.approx(0.0, abs=1e-12)
    assert jensen_shannon([5e-324, 0.0], [0.0, 1.0]).value == 1.0


def test_numpy_numbers_are_numbers() -> None:
    # a notebook's counts and codes are numpy integers; they are numbers, not errors
    numpy = pytest.importorskip("numpy")
    assert agreement(numpy.array([1, 2]), numpy.array([1, 0]), delta=2) == agreement([1, 2], [1, 0], delta=2)
    assert rice_index(numpy.int64(3), numpy.int64(1)) == rice_index(3, 1)
    assert agreement([numpy.float32(0.5)], [0.5], delta=1).value == 1.0
    with pytest.raises(ValidationError, match=r"a\[0\]: np.True_ is not a number"):
        agreement([numpy.True_], [1], delta=2)


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda: agreement({101: 2, 102: 0}, {101: 0, 102: 2}, delta=2), "a: {101: 2, 102: 0} is unordered"),
        (lambda: cohen_kappa(["a"], ["a"], levels={"a"}), "levels: {'a'} is unordered"),
    ],
)
def test_unordered_inputs_are_refused(call: Any, message: str) -> None:
    # a set's order changes between runs, a dict's iterates its keys: neither aligns
    with pytest.raises(ValidationError) as info:
        call()
    assert str(info.value).startswith(message)


def test_flags_take_numpy_booleans() -> None:
    numpy = pytest.importorskip("numpy")
    assert earth_movers_distance([1, 0], [0, 1], normalise=numpy.False_).value == 1.0
    squared = s_score([2, 0], [0, 2], delta=2, squared=True)
    assert s_score([2, 0], [0, 2], delta=2, squared=numpy.True_) == squared
