"""Agreement, similarity and cohesion measures from the international-relations literature.

Pure functions over aligned sequences of numbers (or level labels). ``None``
marks a missing value; a pair with a missing side is dropped ("pairwise
deletion"), and every result reports how many pairs were used in ``n``. When a
measure is undefined for the data (nothing to compare, a zero denominator) the
value is ``nan`` and ``reason`` says why; ``nan`` is never returned silently.

Bad arguments (sequences of different lengths, a non-positive ``delta``, an
unknown ``weighting``, a value outside the declared ``levels``) raise
:class:`~accord.ValidationError` naming the option and the bad value.

References:
    Signorino, C. S. & Ritter, J. M. (1999). Tau-b or not tau-b: measuring the
    similarity of foreign policy positions. *International Studies Quarterly*
    43(1), 115-144.
    Voeten, E. (2000). Clashes in the Assembly. *International Organization*
    54(2), 185-215.
    Häge, F. M. (2011). Choice or circumstance? Adjusting measures of foreign
    policy similarity for chance agreement. *Political Analysis* 19(3), 287-305.
    Cohen, J. (1960, 1968); Scott, W. A. (1955); Rice, S. A. (1925); Hix, S.,
    Noury, A. & Roland, G. (2005). Power to the parties. *British Journal of
    Political Science* 35(2), 209-234; Lin, J. (1991). Divergence measures
    based on the Shannon entropy. *IEEE Trans. Inf. Theory* 37(1), 145-151;
    Bueno de Mesquita, B. (1994); Achen, C. H. (2006) in *The European Union
    Decides*.
"""

import math
from collections.abc import Hashable, Mapping, Sequence, Set
from typing import Literal, TypeVar

import attrs

from accord._validation import MAX_MAGNITUDE, as_integer, as_real, check_flag, finite_float, nan_equal, show
from accord.errors import ValidationError

__all__ = [
    "MAX_MAGNITUDE",
    "MeasureResult",
    "Weighting",
    "agreement",
    "cohen_kappa",
    "earth_movers_distance",
    "hnr_agreement_index",
    "jensen_shannon",
    "rice_index",
    "s_score",
    "scott_pi",
    "total_variation",
    "weighted_mean",
    "weighted_median",
]

#: How much a disagreement between levels *i* and *j* (of *k*) counts in κ and π:
#: ``nominal`` 1 for any i ≠ j, ``linear`` ``|i − j| / (k − 1)``, ``quadratic`` (i − j)² / (k − 1)².
Weighting = Literal["nominal", "linear", "quadratic"]

_L = TypeVar("_L", bound=Hashable)
_NAN = math.nan


@attrs.frozen(kw_only=True)
class MeasureResult:
    """The value of a measure and how much data it rests on.

    Attributes:
        value: the measure; ``nan`` when undefined for the data.
        n: number of pairs (or items) used after dropping missing values.
        reason: why ``value`` is ``nan``; None when it is defined.
    """

    value: float = attrs.field(eq=nan_equal)
    n: int
    reason: str | None = None

    @property
    def defined(self) -> bool:
        """Whether ``value`` is a number (not ``nan``)."""
        return not math.isnan(self.value)


def _undefined(n: int, reason: str) -> MeasureResult:
    return MeasureResult(value=_NAN, n=n, reason=reason)


def _number(where: str, value: object) -> float:
    number = as_real(value)
    if number is None:
        raise ValidationError(f"{where}: {show(value)} is not a number")
    x = finite_float(number)
    if x is None:
        raise ValidationError(f"{where}: {show(value)} is not a finite number within ±{MAX_MAGNITUDE:g}")
    return x


def _within(pairs: list[tuple[float, float]], scale: float) -> None:
    for i, (x, y) in enumerate(pairs):
        if abs(x - y) > scale * (1 + 1e-12):
            raise ValidationError(
                f"pair {i}: {x:g} and {y:g} are further apart than delta={scale:g}, the range of the scale"
            )


def _check_lengths(**sequences: Sequence[object]) -> None:
    for name, seq in sequences.items():
        if isinstance(seq, str | bytes) or not hasattr(seq, "__len__") or not hasattr(seq, "__iter__"):
            raise ValidationError(f"{name}: {seq!r:.60} is not a sequence (pass a list or tuple)")
        if isinstance(seq, Set | Mapping):  # no order to align on (a dict's would be its keys)
            raise ValidationError(f"{name}: {seq!r:.60} is unordered; pass a list or tuple in a fixed order")
    lengths = {name: len(seq) for name, seq in sequences.items()}
    if len(set(lengths.values())) > 1:
        described = ", ".join(f"{name} has {size}" for name, size in lengths.items())
        raise ValidationError(f"sequences must be aligned (same length): {described}")


def _delta(delta: object) -> float:
    value = _number("delta", delta)
    if value <= 0:
        raise ValidationError(f"delta: {delta!r} must be positive (the range of the scale)")
    return value


def _pairs(a: Sequence[object], b: Sequence[object]) -> list[tuple[float, float]]:
    _check_lengths(a=a, b=b)
    return [
        (_number(f"a[{i}]", x), _number(f"b[{i}]", y))
        for i, (x, y) in enumerate(zip(a, b, strict=True))
        if x is not None and y is not None
    ]


def agreement(a: Sequence[float | None], b: Sequence[float | None], *, delta: float) -> MeasureResult:
    """Voeten's agreement index: one minus the mean distance as a share of the scale's range.

    ``A = 1 − Σ|aᵢ − bᵢ| / (n · Δ)``. On UN votes coded yes = 2, abstain = 1,
    no = 0 (``delta=2``) a pair scores 1 for the same vote, 0.5 when one
    abstains and 0 for yes against no, as in Voeten (2000) and Bailey,
    Strezhnev & Voeten (2017). ``A = (1 + S) / 2`` for the unweighted absolute
    :func:`s_score` with the same ``delta``.

    Args:
        a: one actor's values; None where missing.
        b: the other actor's values, aligned with *a*.
        delta: the range of the scale (max − min of the possible values,
            not of the observed ones).

    Returns:
        Value in [0, 1] (1: identical); ``nan`` when no pair is complete.
    """
    scale = _delta(delta)
    pairs = _pairs(a, b)
    if not pairs:
        return _undefined(0, "no pair with both values present")
    _within(pairs, scale)
    total = math.fsum(abs(x - y) for x, y in pairs)
    return MeasureResult(value=1.0 - total / (len(pairs) * scale), n=len(pairs))


def s_score(
    a: Sequence[float | None],
    b: Sequence[float | None],
    *,
    delta: float,
    weights: Sequence[float | None] | None = None,
    squared: bool = False,
) -> MeasureResult:
    """Signorino and Ritter's S: similarity of two foreign-policy profiles.

    ``S = 1 − 2 · Σ wᵢ dᵢ / (Σ wᵢ · d_max)`` with ``dᵢ = |aᵢ − bᵢ|`` and
    ``d_max = Δ`` (absolute), or ``dᵢ = (aᵢ − bᵢ)²`` and ``d_max = Δ²``
    (``squared=True``). Δ is the range of the scale, never the observed range
    (Signorino & Ritter 1999, eq. 4-5; Häge 2011 on why). Unweighted when
    *weights* is None.

    Args:
        a: one actor's values; None where missing.
        b: the other actor's values, aligned with *a*.
        delta: the range of the scale.
        weights: non-negative weight per item (e.g. salience, capability);
            an item whose weight is None is dropped.
        squared: use squared instead of absolute distances.

    Returns:
        Value in [−1, 1] (1: identical); ``nan`` when nothing is complete or
        every weight is zero.
    """
    scale = _delta(delta)
    squared = check_flag("squared", squared)
    if weights is None:
        pairs = _pairs(a, b)
        w = [1.0] * len(pairs)
    else:
        _check_lengths(a=a, b=b, weights=weights)
        pairs, w = [], []
        for i, (x, y, wi) in enumerate(zip(a, b, weights, strict=True)):
            if x is None or y is None or wi is None:
                continue
            weight = _number(f"weights[{i}]", wi)
            if weight < 0:
                raise ValidationError(f"weights[{i}]: {wi!r} is negative")
            pairs.append((_number(f"a[{i}]", x), _number(f"b[{i}]", y)))
            w.append(weight)
    if not pairs:
        return _undefined(0, "no pair with both values present")
    _within(pairs, scale)
    total_weight = math.fsum(w)
    if total_weight == 0:
        return _undefined(len(pairs), "every weight is zero")
    power = 2 if squared else 1
    d = math.fsum(wi * abs(x - y) ** power for wi, (x, y) in zip(w, pairs, strict=True))
    return MeasureResult(value=1.0 - 2.0 * d / (total_weight * scale**power), n=len(pairs))


_WEIGHTINGS = ("nominal", "linear", "quadratic")


def _disagreement_weights(k: int, weighting: str) -> list[list[float]]:
    if weighting not in _WEIGHTINGS:
        raise ValidationError(f"weighting: {weighting!r} is not one of {', '.join(_WEIGHTINGS)}")
    span = k - 1
    if weighting == "nominal":
        return [[0.0 if i == j else 1.0 for j in range(k)] for i in range(k)]
    if weighting == "linear":
        return [[abs(i - j) / span for j in range(k)] for i in range(k)]
    return [[(i - j) ** 2 / span**2 for j in range(k)] for i in range(k)]


def _chance_corrected(
    a: Sequence[_L | None],
    b: Sequence[_L | None],
    levels: Sequence[_L],
    weighting: str,
    *,
    pooled: bool,
) -> MeasureResult:
    _check_lengths(levels=levels)
    index: dict[_L, int] = {}
    for level in levels:
        try:
            hash(level)
        except TypeError:
            raise ValidationError(f"levels: {level!r:.60} cannot be a level (unhashable)") from None
        if level in index:
            raise ValidationError(f"levels: {level!r} appears twice")
        index[level] = len(index)
    k = len(index)
    if k < 2:
        raise ValidationError(f"levels: needs at least two levels, got {list(levels)!r}")
    w = _disagreement_weights(k, weighting)
    _check_lengths(a=a, b=b)
    observed = [[0] * k for _ in range(k)]
    n = 0
    for i, (x, y) in enumerate(zip(a, b, strict=True)):
        if x is None or y is None:
            continue
        for name, value in (("a", x), ("b", y)):
            try:
                # True == 1 in Python; a bool only matches a bool level.
                known = value in index and any(
                    k == value and isinstance(k, bool) == isinstance(value, bool) for k in index
                )
            except TypeError:  # unhashable
                known = False
            if not known:
                raise ValidationError(
                    f"{name}[{i}]: {value!r:.60} is not one of the levels {list(levels)!r:.80}"
                )
        observed[index[x]][index[y]] += 1
        n += 1
    if n == 0:
        return _undefined(0, "no pair with both values present")
    row = [sum(observed[i]) / n for i in range(k)]
    col = [sum(observed[i][j] for i in range(k)) / n for j in range(k)]
    if pooled:
        row = col = [(r + c) / 2 for r, c in zip(row, col, strict=True)]
    d_observed = math.fsum(w[i][j] * observed[i][j] / n for i in range(k) for j in range(k))
    d_expected = math.fsum(w[i][j] * row[i] * col[j] for i in range(k) for j in range(k))
    if d_expected == 0:
        return _undefined(n, "expected disagreement is zero: both actors always chose the same single level")
    return MeasureResult(value=1.0 - d_observed / d_expected, n=n)


def cohen_kappa(
    a: Sequence[_L | None],
    b: Sequence[_L | None],
    *,
    levels: Sequence[_L],
    weighting: Weighting = "quadratic",
) -> MeasureResult:
    """Cohen's (weighted) κ: agreement corrected for chance, each actor's own marginals.

    ``κ = 1 − Σᵢⱼ wᵢⱼ oᵢⱼ / Σᵢⱼ wᵢⱼ pᵢ qⱼ`` where ``oᵢⱼ`` is the share of
    items on which *a* chose level *i* and *b* level *j*, ``pᵢ`` and ``qⱼ`` are
    the two actors' marginal shares and ``wᵢⱼ`` the disagreement weight (see
    :data:`Weighting`) over the declared *levels*, in their order. Häge (2011)
    recommends this (and :func:`scott_pi`) over S for UN votes and alliance
    portfolios because S rewards agreement that chance alone would produce.

    Range [−1, 1]: 1 perfect agreement, 0 no better than chance, below 0 worse.
    A constant actor paired with a varying one gives exactly 0 (its marginal
    explains every agreement); when both actors always chose the same single
    level the expected disagreement is zero and κ is undefined (``nan`` with
    that reason).

    Check value: USA and Mexico, UN General Assembly 1946 session, 38 common
    votes, levels no < abstain < yes, quadratic weights: κ = −0.01222707.

    Args:
        a: one actor's levels; None where missing.
        b: the other actor's levels, aligned with *a*.
        levels: every possible level, lowest first (the weights depend on the order).
        weighting: ``"nominal"``, ``"linear"`` or ``"quadratic"``.
    """
    return _chance_corrected(a, b, levels, weighting, pooled=False)


def scott_pi(
    a: Sequence[_L | None],
    b: Sequence[_L | None],
    *,
    levels: Sequence[_L],
    weighting: Weighting = "quadratic",
) -> MeasureResult:
    """Scott's (weighted) π: agreement corrected for chance, pooled marginals.

    As :func:`cohen_kappa`, but chance agreement uses the pooled marginal
    ``mᵢ = (pᵢ + qᵢ) / 2`` for both actors: ``π = 1 − Σ wᵢⱼ oᵢⱼ / Σ wᵢⱼ mᵢ mⱼ``
    (Scott 1955; Häge 2011, who prefers π because differences in the actors'
    marginals are themselves dissimilarity).

    Range [−1, 1]; ``nan`` (with the reason) when both actors always chose the
    same single level.

    Check value: USA and Mexico, UN General Assembly 1946 session, 38 common
    votes, nominal weights: π = −0.02775801.

    Args:
        a: one actor's levels; None where missing.
        b: the other actor's levels, aligned with *a*.
        levels: every possible level, lowest first.
        weighting: ``"nominal"``, ``"linear"`` or ``"quadratic"``.
    """
    return _chance_corrected(a, b, levels, weighting, pooled=True)


def _count(name: str, value: object) -> int:
    count = as_integer(value)
    if count is None or count < 0:
        raise ValidationError(f"{name}: {show(value)} is not a non-negative integer count")
    return count


def rice_index(yes: int, no: int) -> MeasureResult:
    """Rice's index of cohesion of a group on one vote.

    ``R = |Y − N| / (Y + N)`` (Rice 1925); abstentions are not counted.

    Args:
        yes: members voting yes.
        no: members voting no.

    Returns:
        Value in [0, 1] (1: unanimous, 0: evenly split), ``n = Y + N``;
        ``nan`` when nobody voted yes or no. Average over votes for a group's
        cohesion over a period.
    """
    y, n = _count("yes", yes), _count("no", no)
    if y + n == 0:
        return _undefined(0, "nobody voted yes or no")
    return MeasureResult(value=abs(y - n) / (y + n), n=y + n)


def hnr_agreement_index(yes: int, no: int, abstain: int = 0) -> MeasureResult:
    """Hix, Noury and Roland's agreement index of a group on one vote.

    ``AI = (max(Y, N, A) − ½ (Y + N + A − max(Y, N, A))) / (Y + N + A)``
    (Hix, Noury & Roland 2005, eq. 1): Rice's index extended to three options.

    Args:
        yes: members voting yes.
        no: members voting no.
        abstain: members abstaining.

    Returns:
        Value in [0, 1] (1: all voted alike, 0: split in three equal parts),
        ``n = Y + N + A``; ``nan`` when nobody voted.
    """
    counts = (_count("yes", yes), _count("no", no), _count("abstain", abstain))
    total = sum(counts)
    if total == 0:
        return _undefined(0, "nobody voted")
    top = max(counts)
    # (top − ½ (total − top)) / total, in integers until the one division: exact for any count
    return MeasureResult(value=(3 * top - total) / (2 * total), n=total)


def _distributions(
    p: Sequence[float | None], q: Sequence[float | None], *, allow_missing: bool = True
) -> tuple[list[float], list[float]] | str:
    _check_lengths(p=p, q=q)
    ps, qs = [], []
    for i, (x, y) in enumerate(zip(p, q, strict=True)):
        if x is None or y is None:
            if not allow_missing:
                raise ValidationError(
                    f"p[{i}], q[{i}]: categories of an ordinal distribution cannot be missing"
                )
            continue
        xv, yv = _number(f"p[{i}]", x), _number(f"q[{i}]", y)
        for name, value, raw in (("p", xv, x), ("q", yv, y)):
            if value < 0:
                raise ValidationError(f"{name}[{i}]: {raw!r} is negative")
        ps.append(xv)
        qs.append(yv)
    if not ps:
        return "no category with both masses present"
    sp, sq = math.fsum(ps), math.fsum(qs)
    if sp == 0 or sq == 0:
        return f"{'p' if sp == 0 else 'q'} has no mass"
    return [x / sp for x in ps], [y / sq for y in qs]


def total_variation(p: Sequence[float | None], q: Sequence[float | None]) -> MeasureResult:
    """Total variation distance between two distributions over the same categories.

    ``TV = ½ Σ |pᵢ − qᵢ|`` after normalising each to sum 1 (counts are fine).
    The largest difference in probability the two give any set of categories.

    Args:
        p: non-negative mass per category; None where missing (dropped pairwise).
        q: the other distribution, aligned with *p*.

    Returns:
        Value in [0, 1] (0: identical), ``n`` categories; ``nan`` when either has no mass.
    """
    found = _distributions(p, q)
    if isinstance(found, str):
        return _undefined(0, found)
    ps, qs = found
    return MeasureResult(value=0.5 * math.fsum(abs(x - y) for x, y in zip(ps, qs, strict=True)), n=len(ps))


def _kl2_to_mean(p: list[float], sums: list[float]) -> float:
    """``KL(p ‖ m)`` in bits with ``m = sums / 2``, written ``x·log2(2x / sum)``.

    Halving first would let a subnormal mass underflow to a zero mean (5e-324 / 2 == 0).
    """
    return math.fsum(x * math.log2(2 * x / s) for x, s in zip(p, sums, strict=True) if x > 0)


def jensen_shannon(p: Sequence[float | None], q: Sequence[float | None]) -> MeasureResult:
    """Jensen-Shannon divergence in bits between two distributions.

    ``JSD = ½ KL(p ‖ m) + ½ KL(q ‖ m)`` with ``m = (p + q) / 2`` and base-2
    logarithms (Lin 1991), after normalising each to sum 1. Symmetric and
    bounded, unlike KL. SciPy's ``scipy.spatial.distance.jensenshannon(p, q,
    base=2)`` returns the Jensen-Shannon *distance*, the square root of this
    value (a metric); SciPy's default base is *e*, which scales the divergence
    by ln 2.

    Args:
        p: non-negative mass per category; None where missing (dropped pairwise).
        q: the other distribution, aligned with *p*.

    Returns:
        Value in [0, 1] (0: identical, 1: disjoint support), ``n`` categories;
        ``nan`` when either has no mass.
    """
    found = _distributions(p, q)
    if isinstance(found, str):
        return _undefined(0, found)
    ps, qs = found
    sums = [x + y for x, y in zip(ps, qs, strict=True)]
    value = 0.5 * _kl2_to_mean(ps, sums) + 0.5 * _kl2_to_mean(qs, sums)
    return MeasureResult(value=min(1.0, max(0.0, value)), n=len(ps))


def earth_movers_distance(p: Sequence[float], q: Sequence[float], *, normalise: bool = True) -> MeasureResult:
    """Earth mover's (Wasserstein-1) distance between two distributions on an ordinal scale.

    With categories at positions 0 … k−1 (in order) and unit distance between
    neighbours: ``EMD = Σᵢ |Pᵢ − Qᵢ|`` over the cumulative shares ``Pᵢ``,
    ``Qᵢ`` of the first i+1 categories (Rubner, Tomasi & Guibas 2000; on
    ordinal scales, e.g. the distance between two groups' vote distributions).
    The minimum share of mass times steps needed to turn *p* into *q*.

    Args:
        p: non-negative mass per category, lowest first (counts are fine).
            No category may be missing: dropping one would change the
            distances between the others.
        q: the other distribution, aligned with *p*.
        normalise: divide by k − 1 so the value is in [0, 1].

    Returns:
        Value in [0, 1] when normalised (1: all mass at opposite ends), else in
        [0, k − 1]; ``n`` categories; ``nan`` when either has no mass.
    """
    normalise = check_flag("normalise", normalise)
    found = _distributions(p, q, allow_missing=False)
    if isinstance(found, str):
        return _undefined(0, found)
    ps, qs = found
    if len(ps) < 2:
        raise ValidationError(f"p, q: an ordinal scale needs at least two categories, got {len(ps)}")
    cp = cq = 0.0
    total = 0.0
    for x, y in zip(ps[:-1], qs[:-1], strict=True):
        cp += x
        cq += y
        total += abs(cp - cq)
    value = total / (len(ps) - 1) if normalise else total
    return MeasureResult(value=value, n=len(ps))


def _weighted(
    positions: Sequence[float | None], weights: Sequence[float | None]
) -> list[tuple[float, float]] | str:
    _check_lengths(positions=positions, weights=weights)
    items = []
    for i, (x, w) in enumerate(zip(positions, weights, strict=True)):
        if x is None or w is None:
            continue
        weight = _number(f"weights[{i}]", w)
        if weight < 0:
            raise ValidationError(f"weights[{i}]: {w!r} is negative")
        items.append((_number(f"positions[{i}]", x), weight))
    if not items:
        return "no position with a weight"
    if math.fsum(w for _, w in items) == 0:
        return "every weight is zero"
    return items


def weighted_mean(positions: Sequence[float | None], weights: Sequence[float | None]) -> MeasureResult:
    """The weighted mean position: the expected outcome of a collective decision.

    ``x̄ = Σ wᵢ xᵢ / Σ wᵢ`` with ``wᵢ`` typically capability × salience — the
    "compromise model" forecast (Achen 2006; van den Bos 1991), the
    reference point in Bueno de Mesquita's expected-utility model.

    Args:
        positions: each actor's position on one numeric scale; None where missing.
        weights: non-negative weight per actor, aligned with *positions*.

    Returns:
        A position between the smallest and the largest; ``n`` actors used;
        ``nan`` when no actor has weight.
    """
    items = _weighted(positions, weights)
    if isinstance(items, str):
        return _undefined(0, items)
    total = math.fsum(w for _, w in items)
    value = math.fsum(w * x for x, w in items) / total
    low, high = min(x for x, _ in items), max(x for x, _ in items)
    return MeasureResult(value=min(high, max(low, value)), n=len(items))


def weighted_median(positions: Sequence[float | None], weights: Sequence[float | None]) -> MeasureResult:
    """The weighted median position: the one no weighted majority prefers to move from.

    The position ``xₖ`` (in increasing order) at which the cumulative weight
    first exceeds half the total; when it reaches exactly half at ``xₖ``, the
    midpoint of ``xₖ`` and the next position (so equal weights give the
    ordinary median). Under majority rule with single-peaked preferences it
    is the winning position (Black 1948; Bueno de Mesquita 1994, "median
    voter" forecast).

    Args:
        positions: each actor's position on one numeric scale; None where missing.
        weights: non-negative weight per actor, aligned with *positions*.

    Returns:
        A position between the smallest and the largest; ``n`` actors used;
        ``nan`` when no actor has weight.
    """
    items = _weighted(positions, weights)
    if isinstance(items, str):
        return _undefined(0, items)
    n = len(items)
    ordered = sorted((x, w) for x, w in items if w > 0)
    half = math.fsum(w for _, w in ordered) / 2
    cumulative = 0.0
    for k, (x, w) in enumerate(ordered):
        cumulative += w
        if math.isclose(cumulative, half, rel_tol=1e-12, abs_tol=0.0) and k + 1 < len(ordered):
            return MeasureResult(value=(x + ordered[k + 1][0]) / 2, n=n)
        if cumulative > half:
            return MeasureResult(value=x, n=n)
    return MeasureResult(value=ordered[-1][0], n=n)
