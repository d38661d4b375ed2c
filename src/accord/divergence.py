"""How far apart two actors are, and on what.

:func:`divergence` compares two actors' latest positions on the issues both
take a position on (or their commitment portfolios) and returns a
:class:`Divergence`: one score in [0, 1] and the per-issue breakdown behind it.

The score is a weighted mean of per-issue distances. The distance on an issue
is ``|x − y| / range`` on its scale (ordinal levels sit at 0 … k−1, so
``range = k − 1``; interval scales use ``high − low``), and 0 or 1 on a
nominal scale. An issue's weight is the mean of the two actors' saliences.
With all saliences equal this is the Signorino-Ritter S score rescaled,
``score = (1 − S) / 2`` (S computed with each issue's own range, i.e. on the
normalised distances with Δ = 1), and on UN votes coded no < abstain < yes
``1 − score`` is Voeten's agreement index (see :mod:`accord.measures`).
"""

import datetime as dt
import math
from collections.abc import Collection
from typing import Literal

import attrs

from accord._stances import (
    GroupKey,
    Holds,
    check_as_of,
    check_choice,
    check_ids,
    checked_facts,
    code,
    encoder,
    holds_under,
    issue_ids,
    latest,
    optional_ids,
    unit_distance,
)
from accord._validation import nan_equal
from accord.commitments import Commitment
from accord.evaluation import Facts
from accord.framework import Framework, check_framework
from accord.scales import Stance

__all__ = ["Divergence", "IssueDivergence", "Subject", "divergence"]

#: What :func:`divergence` compares: stated positions, or commitment portfolios.
Subject = Literal["positions", "commitments"]
#: What can be compared (``on=``).
SUBJECTS: tuple[Subject, ...] = ("positions", "commitments")

#: Commitment levels run from 0 (none, or ended) to 6 (fulfilled).
COMMITMENT_RANGE = 6.0
_NONE = (0, "none")


@attrs.frozen(kw_only=True)
class IssueDivergence:
    """How far apart two actors are on one issue.

    Attributes:
        issue: the issue id; for ``on="commitments"``, ``"component/kind"``
            (or just ``"kind"`` for commitments outside any component).
        stance_a: the first actor's stance (for commitments: the status of
            its most advanced commitment of that kind, or ``"none"``).
        stance_b: the second actor's stance.
        distance: ``|x − y| / range`` in [0, 1].
        weight: mean of the two saliences (1 for commitments).
        contribution: ``weight × distance / Σ weight``; the contributions add
            up to the overall score.
    """

    issue: str
    stance_a: Stance
    stance_b: Stance
    distance: float
    weight: float
    contribution: float = attrs.field(eq=nan_equal)


@attrs.frozen(kw_only=True)
class Divergence:
    """How far apart two actors are, overall and issue by issue.

    Attributes:
        a: the first actor's id.
        b: the second actor's id.
        score: weighted mean distance in [0, 1]: 0 same stance on every shared
            issue, 1 opposite ends of every scale. ``nan`` when there is
            nothing to compare (``n == 0``) or every weight is zero —
            "no evidence", which is not the same as 0.0.
        n: how many issues were compared (both actors have a position).
        by_issue: the per-issue breakdown, largest contribution first.
        only_a: issues only *a* has a position on (not compared).
        only_b: issues only *b* has a position on.
        on: ``"positions"`` or ``"commitments"``.
        as_of: the date the comparison describes; None for the latest stances.
    """

    a: str
    b: str
    score: float = attrs.field(eq=nan_equal)
    n: int
    by_issue: tuple[IssueDivergence, ...] = ()
    only_a: tuple[str, ...] = ()
    only_b: tuple[str, ...] = ()
    on: Subject = "positions"
    as_of: dt.date | None = None

    @property
    def agreement(self) -> float:
        """``1 − score``: Voeten's agreement index on yes/abstain/no votes."""
        return 1.0 - self.score

    @property
    def s_score(self) -> float:
        """``1 − 2 · score``: the Signorino-Ritter S on range-normalised distances."""
        return 1.0 - 2.0 * self.score


# A compared item: (issue label, group, stance a, stance b, value a, value b, weight)
_Item = tuple[str, GroupKey, Stance, Stance, float, float, float]


def aggregate(items: list[_Item]) -> tuple[float, list[tuple[float, float]]]:
    """The score and each item's (distance, weight), grouping sums by scale range.

    Per group the weighted distances are summed in the group's units and
    divided by its range once; groups are added in sorted order. The numpy
    path of :func:`accord.divergence_matrix` computes the same sums, so both
    give identical scores whenever the sums are exact (e.g. equal saliences).
    """
    sums: dict[GroupKey, float] = {}
    total_weight = 0.0
    details = []
    for _, group, _, _, x, y, w in items:
        d = unit_distance(group[0], x, y)
        sums[group] = sums.get(group, 0.0) + w * d
        total_weight += w
        details.append((d / group[1], w))
    numerator = 0.0
    for group in sorted(sums):
        numerator = numerator + sums[group] / group[1]
    # (weighted sums of unequal saliences can round past 1: kept in [0, 1], as the numpy path keeps them)
    score = min(1.0, numerator / total_weight) if items and total_weight > 0 else math.nan
    return score, details


def _result(
    a: str,
    b: str,
    items: list[_Item],
    only_a: tuple[str, ...],
    only_b: tuple[str, ...],
    on: Subject,
    as_of: dt.date | None,
) -> Divergence:
    score, details = aggregate(items)
    total = sum(w for _, w in details)
    rows = [
        IssueDivergence(
            issue=label,
            stance_a=sa,
            stance_b=sb,
            distance=d,
            weight=w,
            contribution=w * d / total if total > 0 else math.nan,
        )
        for (label, _, sa, sb, _, _, _), (d, w) in zip(items, details, strict=True)
    ]
    order = {row.issue: i for i, row in enumerate(rows)}
    rows.sort(key=lambda r: (-(r.contribution if r.contribution == r.contribution else 0.0), order[r.issue]))
    return Divergence(
        a=a,
        b=b,
        score=score,
        n=len(items),
        by_issue=tuple(rows),
        only_a=only_a,
        only_b=only_b,
        on=on,
        as_of=as_of,
    )


def divergence(
    framework: Framework,
    a: str,
    b: str,
    *,
    issues: Collection[str] | None = None,
    as_of: dt.date | None = None,
    on: Subject = "positions",
    facts: object = None,
) -> Divergence:
    """How far apart actors *a* and *b* are, and on which issues.

    Each actor's latest position on each issue (as of *as_of*) is used;
    issues only one of them has a position on are listed in ``only_a`` /
    ``only_b`` and not compared. Conditional positions count as stated; given
    *facts* (an :class:`accord.Facts`), positions — and, for commitments,
    commitments — whose conditions evaluate to false are left out, with
    ``in_force`` references resolved in the framework as
    :meth:`~accord.Framework.evaluate_positions` resolves them; facts
    without a date are taken as of *as_of*. Facts dated another day keep
    their date: the positions of *as_of* are then judged by what held on
    that day (a March position conditional on a pledge withdrawn by July
    drops out under July's facts).

    With ``on="commitments"`` the actors' commitment portfolios are compared:
    for each (component, kind) either actor offers something in, the level
    each offers — 0 none (or ended: withdrawn, expired, declined, breached),
    1 signalled, 2 proposed, 3 pledged, 4 agreed, 5 in force, 6 fulfilled,
    the highest of its commitments of that kind — and the distance
    ``|level_a − level_b| / 6``, every item weighing 1. Items where neither
    offers anything (no commitment, or only ended ones) are not compared: the
    score describes the portfolios as they stand, whatever ended before.
    Here *issues* restricts the comparison to those component ids, and
    only_a / only_b list the items only one actor offers something in (they
    are compared, the other actor at level 0).

    Args:
        framework: the framework holding both actors.
        a: the first actor's id.
        b: the second actor's id.
        issues: compare only these issue ids (component ids for commitments).
        as_of: use the stances (statuses) as of this date.
        on: ``"positions"`` or ``"commitments"``.
        facts: leave out what is conditional on something false under these facts.
            A fact the conditions read as yes or no (a bare name) takes True,
            False or the date it happened: any other value could only leave
            them unknown, so it is refused.

    Returns:
        The score, ``n``, the per-issue breakdown and the coverage.

    Raises:
        UnknownReferenceError: an actor, issue or component id is unknown.
        ValidationError: *on*, *as_of* or *facts* is not valid.

    Example:
        >>> d = divergence(fw, "USA", "GBR")  # doctest: +SKIP
        >>> d.score, [row.issue for row in d.by_issue[:2]]  # doctest: +SKIP
    """
    check_framework(framework)
    check_choice("on", on, SUBJECTS)
    as_of = check_as_of(as_of)
    issues, known = checked_pair(framework, a, b, issues, facts)
    return compare(framework, a, b, issues, as_of, on, holds_under(framework, known, as_of))


def checked_pair(
    framework: Framework, a: str, b: str, issues: object, facts: object
) -> tuple[tuple[str, ...] | None, Facts | None]:
    """Check the two actors, then read *issues* once and check *facts*, as :func:`divergence` does."""
    framework.actor(a)
    framework.actor(b)
    return optional_ids("issues", issues), checked_facts(facts, framework)


def compare(
    framework: Framework,
    a: str,
    b: str,
    issues: Collection[str] | None,
    as_of: dt.date | None,
    on: Subject,
    holds: Holds | None,
) -> Divergence:
    """:func:`divergence` of checked arguments, with the test of conditions already made."""
    if on == "commitments":
        return _commitment_divergence(framework, a, b, issues, as_of, holds)
    chosen = issue_ids(framework, issues)
    wanted = None if issues is None else {i.id for i in chosen}
    pa = latest(framework, a, wanted, as_of=as_of, holds=holds)
    pb = latest(framework, b, wanted, as_of=as_of, holds=holds)
    items: list[_Item] = []
    only_a, only_b = [], []
    for issue in chosen:
        x, y = pa.get(issue.id), pb.get(issue.id)
        if x is None or y is None:
            if x is not None:
                only_a.append(issue.id)
            elif y is not None:
                only_b.append(issue.id)
            continue
        group, codes = encoder(issue.scale)
        items.append(
            (
                issue.id,
                group,
                x.stance,
                y.stance,
                code(codes, x.stance),
                code(codes, y.stance),
                (x.salience + y.salience) / 2,
            )
        )
    return _result(a, b, items, tuple(only_a), tuple(only_b), "positions", as_of)


def portfolio(
    commitments: tuple[Commitment, ...],
    components: Collection[str] | None,
    as_of: dt.date | None,
    holds: Holds | None,
) -> dict[str, tuple[int, str]]:
    """(level, status) offered per ``component/kind`` label: the most advanced, level 0 once ended."""
    levels: dict[str, tuple[int, str]] = {}
    for c in commitments:
        if components is not None and c.component not in components:
            continue
        status = c.status if as_of is None else c.status_on(as_of)
        if status is None:
            continue
        if holds is not None and not holds(c.conditions):
            continue
        label = f"{c.component}/{c.kind.value}" if c.component else c.kind.value
        best = levels.get(label)
        if best is None or status.level > best[0]:
            levels[label] = (status.level, status.value)
    return levels


def _commitment_divergence(
    framework: Framework,
    a: str,
    b: str,
    components: Collection[str] | None,
    as_of: dt.date | None,
    holds: Holds | None,
) -> Divergence:
    check_components(framework, components)
    la = portfolio(framework.commitments_by(a), components, as_of, holds)
    lb = portfolio(framework.commitments_by(b), components, as_of, holds)
    items = portfolio_items(la, lb)
    only_a = tuple(label for label, _, _, sb, _, y, _ in items if y == 0.0)
    only_b = tuple(label for label, _, sa, _, x, _, _ in items if x == 0.0)
    return _result(a, b, items, only_a, only_b, "commitments", as_of)


_LEVELS: GroupKey = ("ordinal", COMMITMENT_RANGE)


def check_components(framework: Framework, components: Collection[str] | None) -> None:
    """Unknown component ids (given as ``issues`` for commitments) raise UnknownReferenceError."""
    if components is not None:
        for component in sorted(set(check_ids("issues", components))):
            framework.component(component)


def portfolio_items(la: dict[str, tuple[int, str]], lb: dict[str, tuple[int, str]]) -> list[_Item]:
    """The compared items of two portfolios: the labels where either offers something, sorted."""
    items: list[_Item] = []
    for label in sorted(la.keys() | lb.keys()):
        (x, sx), (y, sy) = la.get(label, _NONE), lb.get(label, _NONE)
        if x or y:
            items.append((label, _LEVELS, sx, sy, float(x), float(y), 1.0))
    return items
