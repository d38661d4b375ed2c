"""Questions an analyst asks of a whole framework.

- :func:`contested_issues`: which issues divide the actors most?
- :func:`consensus`: where do the actors stand on one issue, and who dissents?
- :func:`blocs`: which actors form like-minded groups?
- :func:`divergence_series`: are two actors converging or drifting apart?
"""

import datetime as dt
import heapq
import math
from collections import Counter
from collections.abc import Callable, Collection, Iterable

import attrs

from accord._stances import (
    Holds,
    check_as_of,
    check_choice,
    checked_facts,
    code,
    encoder,
    holds_under,
    issue_ids,
)
from accord._validation import as_date, as_integer, as_real, exact, nan_equal
from accord.divergence import SUBJECTS, Divergence, Subject, checked_pair, compare
from accord.errors import ValidationError
from accord.framework import Framework, check_framework
from accord.issues import Issue, Position
from accord.matrix import DivergenceMatrix, check_matrix
from accord.scales import NominalScale, OrdinalScale, Stance

__all__ = [
    "Consensus",
    "ContestedIssue",
    "blocs",
    "consensus",
    "contested_issues",
    "divergence_series",
]


@attrs.frozen(kw_only=True)
class ContestedIssue:
    """How divided the actors are on one issue.

    Attributes:
        issue: the issue id.
        spread: mean distance between the stances of every two actors, each
            distance ``|x − y| / range`` (0/1 on nominal scales): 0 when all
            agree, at most about 0.5 + 1/(2(n−1)) with the actors split between
            the two ends of the scale.
        n: how many actors have a position.
        distribution: ``(stance, count)`` in scale order (interval: by value).
    """

    issue: str
    spread: float
    n: int
    distribution: tuple[tuple[Stance, int], ...]


@attrs.frozen(kw_only=True)
class Consensus:
    """Where the actors stand on one issue.

    Attributes:
        issue: the issue id.
        modal: the most common stance(s); more than one when tied, none when
            nobody has a position.
        share: the share of actors holding each modal stance (``nan`` when n is 0).
        n: how many actors have a position.
        dissenters: the actors holding no modal stance, in framework order.
        distribution: ``(stance, count)`` in scale order (interval: by value).
    """

    issue: str
    modal: tuple[Stance, ...]
    share: float = attrs.field(eq=nan_equal)
    n: int
    dissenters: tuple[str, ...]
    distribution: tuple[tuple[Stance, int], ...]

    @property
    def unanimous(self) -> bool:
        """Whether every actor with a position holds the same stance (and there is one)."""
        return self.n > 0 and not self.dissenters and len(self.modal) == 1


def _stances_on(
    framework: Framework, issue: Issue, as_of: dt.date | None, holds: Holds | None
) -> list[Position]:
    found = []
    for actor in framework.actors:
        p = framework.position(actor.id, issue.id, as_of=as_of)
        if p is None:
            continue
        if holds is not None and not holds(p.conditions):
            continue
        found.append(p)
    return found


def _distribution(issue: Issue, positions: list[Position]) -> tuple[tuple[Stance, int], ...]:
    """Each stance taken and how many positions take it, in the scale's order.

    Numbers are counted as the numbers they spell (:func:`_stance_key`): ``0.1``,
    ``Decimal("0.1")`` and ``Decimal("0.10")`` are one stance, shown as first written.
    """
    scale = issue.scale
    if isinstance(scale, OrdinalScale | NominalScale):
        counts = Counter(p.stance for p in positions)
        order = scale.levels if isinstance(scale, OrdinalScale) else scale.options
        return tuple((stance, counts[stance]) for stance in order if counts[stance])
    key = _stance_key(positions)
    counted = Counter(map(key, (p.stance for p in positions)))
    shown: dict[Stance, Stance] = {}
    for p in positions:
        shown.setdefault(key(p.stance), p.stance)
    return tuple((shown[k], counted[k]) for k in sorted(counted))


def _same(stance: Stance) -> Stance:
    return stance


def _stance_key(positions: list[Position]) -> Callable[[Stance], Stance]:
    """How to tell the positions' stances apart: as they are, or as the numbers they spell.

    When floats meet other numbers they are told apart as :func:`~accord._validation.exact`
    gives them (to Python, ``0.1`` is not ``Decimal("0.1")``). Numbers of one kind, and ints
    with Decimals, compare as they are.
    """
    kinds = {p.stance.__class__ for p in positions}
    return exact if float in kinds and len(kinds) > 1 else _same


def _spread(issue: Issue, positions: list[Position]) -> float:
    n = len(positions)
    group, codes = encoder(issue.scale)
    pairs = n * (n - 1) / 2
    if group[0] == "nominal":
        counts = Counter(p.stance for p in positions)
        differing = (n * n - sum(c * c for c in counts.values())) / 2
        return differing / pairs
    values = sorted(code(codes, p.stance) for p in positions)
    # Σ_{i<j} (x_j − x_i) over sorted values = Σ_k x_k (2k − n + 1)
    total = math.fsum(x * (2 * k - n + 1) for k, x in enumerate(values))
    return total / group[1] / pairs


def contested_issues(
    framework: Framework,
    *,
    issues: Collection[str] | None = None,
    as_of: dt.date | None = None,
    facts: object = None,
) -> tuple[ContestedIssue, ...]:
    """Issues ranked by how divided the actors are, most contested first.

    The spread of an issue is the mean normalised distance between the
    latest stances of every two actors with a position on it (Gini's mean
    difference divided by the scale's range); issues with fewer than two
    positions are left out. Ties keep framework order.

    Args:
        framework: the framework to read.
        issues: rank only these issue ids.
        as_of: use the stances as of this date.
        facts: leave out positions whose conditions are false under these facts.

    Raises:
        UnknownReferenceError: an issue id is unknown.
        ValidationError: *facts* holds a value other than true, false or a date
            for a fact the conditions read as yes or no.
    """
    check_framework(framework)
    as_of = check_as_of(as_of)
    holds = holds_under(framework, checked_facts(facts, framework), as_of)
    ranked = []
    for issue in issue_ids(framework, issues):
        positions = _stances_on(framework, issue, as_of, holds)
        if len(positions) < 2:
            continue
        ranked.append(
            ContestedIssue(
                issue=issue.id,
                spread=_spread(issue, positions),
                n=len(positions),
                distribution=_distribution(issue, positions),
            )
        )
    order = {c.issue: i for i, c in enumerate(ranked)}
    return tuple(sorted(ranked, key=lambda c: (-c.spread, order[c.issue])))


def consensus(
    framework: Framework, issue: str, *, as_of: dt.date | None = None, facts: object = None
) -> Consensus:
    """The modal stance on an issue, how widely it is shared, and who dissents.

    Args:
        framework: the framework to read.
        issue: the issue id.
        as_of: use the stances as of this date.
        facts: leave out positions whose conditions are false under these facts.

    Raises:
        UnknownReferenceError: the issue is unknown.
        ValidationError: *facts* holds a value other than true, false or a date
            for a fact the conditions read as yes or no.
    """
    check_framework(framework)
    as_of = check_as_of(as_of)
    found = framework.issue(issue)
    holds = holds_under(framework, checked_facts(facts, framework), as_of)
    positions = _stances_on(framework, found, as_of, holds)
    distribution = _distribution(found, positions)
    if not positions:
        return Consensus(issue=issue, modal=(), share=math.nan, n=0, dissenters=(), distribution=())
    top = max(count for _, count in distribution)
    modal = tuple(stance for stance, count in distribution if count == top)
    key = _stance_key(positions)
    taken = set(map(key, modal))
    return Consensus(
        issue=issue,
        modal=modal,
        share=top / len(positions),
        n=len(positions),
        dissenters=tuple(p.actor for p in positions if key(p.stance) not in taken),
        distribution=distribution,
    )


def blocs(matrix: DivergenceMatrix, threshold: float, *, min_size: int = 2) -> tuple[tuple[str, ...], ...]:
    """Groups of like-minded actors: complete-linkage clusters cut at *threshold*.

    Agglomerative clustering with complete linkage: starting from single
    actors, the two groups whose *farthest* members are closest are merged,
    as long as that distance is at most *threshold*. So within every bloc
    each pair of actors diverges by at most *threshold* (unlike connected
    components, which chain dissimilar actors through intermediaries). Pairs
    with no shared issue (``nan``) never join. Ties are broken by the order
    of the matrix's actors, so the result is deterministic.

    Args:
        matrix: pairwise divergence, from :func:`accord.divergence_matrix`.
        threshold: the largest divergence allowed within a bloc, in [0, 1].
        min_size: leave out groups smaller than this (1 keeps every actor).

    Returns:
        The blocs, largest first (ties: by their first actor's row), each
        listing its actors in matrix order.

    Raises:
        ValidationError: *threshold* is not a number in [0, 1] or *min_size* not a positive int.
    """
    check_matrix(matrix)
    limit = as_real(threshold)
    try:
        cut = math.nan if limit is None else float(limit)  # a Decimal too; the caller's context aside
    except OverflowError:  # an int too large for a float: out of range all the same
        cut = math.inf
    if not 0.0 <= cut <= 1.0:
        raise ValidationError(f"threshold: {threshold!r:.60} is not a number in [0, 1]")
    smallest = as_integer(min_size)
    if smallest is None or smallest < 1:
        raise ValidationError(f"min_size: {min_size!r:.60} is not a positive integer")
    threshold, min_size = cut, smallest
    size = len(matrix.actors)
    scores = matrix.scores
    members: dict[int, list[int]] = {i: [i] for i in range(size)}
    # cluster distances, kept only while within threshold (they can only grow)
    near: dict[int, dict[int, float]] = {i: {} for i in range(size)}
    heap: list[tuple[float, int, int]] = []
    for i in range(size):
        for j in range(i + 1, size):
            d = scores[i][j]
            if d <= threshold:  # nan compares false
                near[i][j] = near[j][i] = d
                heap.append((d, i, j))
    heapq.heapify(heap)
    next_id = size
    while heap:
        d, i, j = heapq.heappop(heap)
        if i not in members or j not in members or near[i].get(j) != d:
            continue
        merged = members.pop(i) + members.pop(j)
        new = next_id
        next_id += 1
        links: dict[int, float] = {}
        for k in members:
            di, dj = near[i].get(k), near[j].get(k)
            if di is not None and dj is not None:
                links[k] = max(di, dj)
        for k in (i, j):
            for other in near.pop(k):
                if other in near:
                    near[other].pop(k, None)
        near[new] = links
        for k, dk in links.items():
            near[k][new] = dk
            heapq.heappush(heap, (dk, min(k, new), max(k, new)))
        members[new] = sorted(merged)
    groups = [group for group in members.values() if len(group) >= min_size]
    groups.sort(key=lambda g: (-len(g), g[0]))
    return tuple(tuple(matrix.actors[k] for k in group) for group in groups)


def divergence_series(
    framework: Framework,
    a: str,
    b: str,
    dates: Iterable[dt.date],
    *,
    issues: Collection[str] | None = None,
    on: Subject = "positions",
    facts: object = None,
) -> tuple[Divergence, ...]:
    """How the divergence between two actors evolves: one :class:`Divergence` per date.

    Each entry compares the actors' latest stances as of that date
    (``divergence(framework, a, b, as_of=day)``), so the series shows
    convergence (falling scores) or drift. Stances persist until replaced:
    on roll-call data, where every vote is its own issue, the score as of a
    date covers every vote up to it; pass *issues* to compare a window.

    Args:
        framework: the framework holding both actors.
        a: the first actor's id.
        b: the second actor's id.
        dates: the dates to compare at, in the order wanted.
        issues: compare only these issue ids (component ids for commitments).
        on: ``"positions"`` or ``"commitments"``.
        facts: leave out what is conditional on something false under these facts.

    Raises:
        UnknownReferenceError: an actor or issue id is unknown.
        ValidationError: a date is not a date, *on* is not valid, or *facts*
            holds a value other than true, false or a date for a fact the
            conditions read as yes or no (checked even when there are no dates).
    """
    check_framework(framework)
    if isinstance(dates, str) or not isinstance(dates, Iterable):
        raise ValidationError(f"dates: {dates!r:.60} is not a collection of dates")
    days = [as_date(f"dates[{i}]", day) for i, day in enumerate(dates)]
    check_choice("on", on, SUBJECTS)
    chosen, known = checked_pair(framework, a, b, issues, facts)
    return tuple(
        compare(framework, a, b, chosen, day, on, holds_under(framework, known, day)) for day in days
    )
