"""Hypothesis strategies for every accord model type.

For property tests in accord's own suite and in applications built on it::

    from hypothesis import given
    from accord.testing import frameworks

    @given(frameworks())
    def test_something(fw): ...

Requires ``hypothesis`` (installed with the ``test`` extra). Every strategy
produces only valid objects; :func:`frameworks` produces frameworks whose
references all resolve.
"""

import datetime as dt
import string
from decimal import Decimal
from typing import Any

import attrs
from hypothesis import strategies as st

from accord._ids import fold
from accord.actors import Actor, Membership
from accord.commitments import Commitment, Quantity, StatusChange
from accord.conditions import (
    KEYWORDS,
    After,
    AllOf,
    AnyOf,
    AtLeast,
    Before,
    Compare,
    Condition,
    Fact,
    InForce,
    Not,
    Value,
)
from accord.dates import Duration, Period
from accord.evaluation import Facts
from accord.framework import Component, Framework
from accord.issues import Issue, Position
from accord.scales import STANCE, IntervalScale, NominalScale, OrdinalScale, Scale
from accord.sources import Source
from accord.vocabulary import ActorKind, CommitmentKind, CommitmentStatus, ComponentStatus

__all__ = [
    "actors",
    "commitments",
    "components",
    "conditions",
    "dates",
    "durations",
    "fact_names",
    "facts",
    "frameworks",
    "identifiers",
    "issues",
    "memberships",
    "periods",
    "positions",
    "quantities",
    "scales",
    "sources",
    "stances",
    "status_changes",
    "texts",
    "values",
]

_ID_FIRST = string.ascii_letters + string.digits
_ID_REST = _ID_FIRST + "_.:-"


def identifiers() -> st.SearchStrategy[str]:
    """Valid ids: ``[A-Za-z0-9][A-Za-z0-9_.:-]*``, at most 64 characters."""
    return st.builds(
        lambda first, rest: first + rest,
        st.sampled_from(_ID_FIRST),
        st.text(_ID_REST, max_size=20),
    )


def texts(*, min_size: int = 1) -> st.SearchStrategy[str]:
    """Non-blank unicode text (surrogates excluded), as titles and notes."""
    return st.text(st.characters(exclude_categories=["Cs"]), min_size=min_size, max_size=40).filter(
        lambda s: bool(s.strip()) if min_size else True
    )


def dates() -> st.SearchStrategy[dt.date]:
    """Dates between 1900 and 2100."""
    return st.dates(dt.date(1900, 1, 1), dt.date(2100, 12, 31))


def fact_names() -> st.SearchStrategy[str]:
    """Valid fact names (never a keyword of the condition language)."""
    return st.from_regex(r"[A-Za-z_][A-Za-z0-9_]{0,15}", fullmatch=True).filter(lambda s: s not in KEYWORDS)


def sources() -> st.SearchStrategy[Source]:
    """Sources, with and without the optional fields."""
    return st.builds(
        Source,
        title=texts(),
        url=st.none() | st.just("https://example.org/report"),
        publisher=st.none() | texts(),
        published=st.none() | dates(),
        quote=st.none() | texts(),
    )


def actors(ids: st.SearchStrategy[str] | None = None) -> st.SearchStrategy[Actor]:
    """Actors of every kind, with aliases and identifiers."""
    return st.builds(
        Actor,
        id=ids if ids is not None else identifiers(),
        name=texts(),
        kind=st.sampled_from(ActorKind),
        aliases=st.lists(texts(), max_size=2, unique=True).map(tuple),
        identifiers=st.dictionaries(st.sampled_from(["cow", "iso3166", "wikidata"]), texts(), max_size=2),
    )


@st.composite
def memberships(draw: st.DrawFn, member: str | None = None, group: str | None = None) -> Membership:
    """A membership; pass ids to tie it into a framework."""
    member = member or draw(identifiers())
    group = group or draw(identifiers().filter(lambda g: g != member))
    start = draw(st.none() | dates())
    end = draw(st.none() | (dates().filter(lambda d: start is None or d >= start)))
    return Membership(member=member, group=group, start=start, end=end, sources=draw(_sources_tuple()))


def _sources_tuple() -> st.SearchStrategy[tuple[Source, ...]]:
    return st.lists(sources(), max_size=2).map(tuple)


def _labels() -> st.SearchStrategy[tuple[str, ...]]:
    return st.lists(texts(), min_size=2, max_size=5, unique=True).map(tuple)


def scales() -> st.SearchStrategy[Scale]:
    """Ordinal, nominal and interval scales (STANCE among them)."""
    interval = st.tuples(st.integers(-1000, 1000), st.integers(1, 1000), st.none() | texts()).map(
        lambda t: IntervalScale(low=t[0], high=t[0] + t[1], unit=t[2])
    )
    return st.one_of(
        st.just(STANCE),
        _labels().map(lambda levels: OrdinalScale(levels=levels)),
        _labels().map(lambda options: NominalScale(options=options)),
        interval,
    )


def stances(scale: Scale) -> st.SearchStrategy[Any]:
    """Valid stances on *scale*."""
    if isinstance(scale, OrdinalScale):
        return st.sampled_from(scale.levels)
    if isinstance(scale, NominalScale):
        return st.sampled_from(scale.options)
    return st.integers(int(scale.low), int(scale.high))


def issues(
    ids: st.SearchStrategy[str] | None = None, component: str | None = None
) -> st.SearchStrategy[Issue]:
    """Issues on any scale."""
    return st.builds(
        Issue,
        id=ids if ids is not None else identifiers(),
        title=texts(),
        scale=scales(),
        component=st.just(component),
        description=st.none() | texts(),
    )


def _has_fraction(d: Decimal) -> bool:
    exponent = d.as_tuple().exponent
    return isinstance(exponent, int) and exponent < 0


def values() -> st.SearchStrategy[Value]:
    """Literals a condition compares facts with: bools, ints, Decimals, strings, dates."""
    decimals = st.decimals(
        allow_nan=False, allow_infinity=False, places=3, min_value=-(10**6), max_value=10**6
    )
    return st.one_of(
        st.booleans(),
        st.integers(-(10**9), 10**9),
        decimals.filter(_has_fraction),
        st.text(st.characters(exclude_categories=["Cs"]), max_size=12),
        st.text('"\\ \n\tﬁé,()[]', max_size=8),  # quotes, backslashes, syntax inside strings
        dates(),
    )


def facts(names: tuple[str, ...] | None = None) -> st.SearchStrategy[Facts]:
    """Facts of every kind (bools, numbers incl. floats, strings, dates) with or without ``as_of``.

    With *names*, the facts are a random subset of those names (so that some
    of a condition's facts are known and others are not).
    """
    floats = st.floats(allow_nan=False, allow_infinity=False, min_value=-(10**6), max_value=10**6)
    value = st.one_of(st.booleans(), values(), floats)
    keys = st.sampled_from(names) if names else fact_names()
    return st.builds(
        Facts,
        st.dictionaries(keys, value, max_size=len(names) if names else 6),
        as_of=st.none() | dates(),
    )


def conditions(*, commitment_ids: tuple[str, ...] = (), max_leaves: int = 8) -> st.SearchStrategy[Condition]:
    """Condition trees of every node type; ``InForce`` only refers to *commitment_ids*."""
    ops = ["==", "!=", "<", "<=", ">", ">="]
    leaves: list[st.SearchStrategy[Condition]] = [
        st.builds(Fact, fact_names()),
        st.tuples(fact_names(), st.sampled_from(ops), values())
        .filter(lambda t: t[2].__class__ is not bool or t[1] in ("==", "!="))  # booleans have no order
        .map(lambda t: Compare(t[0], t[1], t[2])),  # type: ignore[arg-type]
        st.builds(
            Compare,
            fact_names(),
            st.sampled_from(["in", "not in"]),
            st.lists(values(), min_size=1, max_size=3).map(tuple),
        ),
        st.builds(Before, dates()),
        st.builds(After, dates()),
    ]
    if commitment_ids:
        leaves.append(st.builds(InForce, st.sampled_from(commitment_ids)))

    def extend(children: st.SearchStrategy[Condition]) -> st.SearchStrategy[Condition]:
        many = st.lists(children, min_size=2, max_size=4)
        at_least = st.lists(children, min_size=1, max_size=4).flatmap(
            lambda items: st.integers(1, len(items)).map(lambda k: AtLeast(k, tuple(items)))
        )
        return st.one_of(
            many.map(lambda items: AllOf(tuple(items))),
            many.map(lambda items: AnyOf(tuple(items))),
            children.map(Not),
            at_least,
        )

    return st.recursive(st.one_of(leaves), extend, max_leaves=max_leaves)


def quantities() -> st.SearchStrategy[Quantity]:
    """Non-negative exact amounts with a unit."""
    return st.builds(
        Quantity,
        amount=st.decimals(min_value=0, max_value=10**12, allow_nan=False, allow_infinity=False, places=2),
        unit=st.sampled_from(["EUR", "USD", "GBP", "troops"]),
    )


def durations() -> st.SearchStrategy[Duration]:
    """Calendar durations."""
    return st.builds(Duration, years=st.integers(0, 50), months=st.integers(0, 24), days=st.integers(0, 400))


@st.composite
def periods(draw: st.DrawFn) -> Period:
    """Fixed and event-relative periods."""
    if draw(st.booleans()):
        return Period(
            after=draw(fact_names()),
            delay=draw(st.none() | durations()),
            duration=draw(st.none() | durations()),
        )
    start = draw(st.none() | dates())
    if draw(st.booleans()):
        return Period(start=start, duration=draw(durations()))
    end = draw(st.none() | dates().filter(lambda d: start is None or d >= start))
    return Period(start=start, end=end)


@st.composite
def status_changes(draw: st.DrawFn, status: CommitmentStatus | None = None) -> StatusChange:
    """One history entry."""
    return StatusChange(
        date=draw(dates()),
        status=status or draw(st.sampled_from(CommitmentStatus)),
        quantity=draw(st.none() | quantities()),
        source=draw(st.none() | sources()),
        note=draw(st.none() | texts()),
    )


@st.composite
def commitments(
    draw: st.DrawFn,
    *,
    id: str | None = None,
    actor: str | None = None,
    beneficiary: str | None = None,
    component: str | None = None,
    commitment_ids: tuple[str, ...] = (),
) -> Commitment:
    """A commitment whose history (if any) is sorted and agrees with its status and quantity."""
    changes = sorted(draw(st.lists(status_changes(), max_size=3)), key=lambda c: c.date)
    if changes:
        status = changes[-1].status
        recorded = [c.quantity for c in changes if c.quantity is not None]
        quantity = recorded[-1] if recorded else draw(st.none() | quantities())
        if not recorded and quantity is not None:
            quantity = None
    else:
        status = draw(st.sampled_from(CommitmentStatus))
        quantity = draw(st.none() | quantities())
    return Commitment(
        id=id or draw(identifiers()),
        actor=actor or draw(identifiers()),
        kind=draw(st.sampled_from(CommitmentKind)),
        status=status,
        beneficiary=beneficiary,
        description=draw(st.none() | texts()),
        quantity=quantity,
        period=draw(st.none() | periods()),
        conditions=draw(st.none() | conditions(commitment_ids=commitment_ids)),
        component=component,
        as_of=draw(st.none() | dates()),
        sources=draw(_sources_tuple()),
        history=tuple(changes),
    )


def components(ids: st.SearchStrategy[str] | None = None) -> st.SearchStrategy[Component]:
    """Framework components in every status."""
    return st.builds(
        Component,
        id=ids if ids is not None else identifiers(),
        title=texts(),
        status=st.sampled_from(ComponentStatus),
        description=st.none() | texts(),
        sources=_sources_tuple(),
    )


@st.composite
def positions(
    draw: st.DrawFn,
    *,
    actor: str | None = None,
    issue: Issue | None = None,
    commitment_ids: tuple[str, ...] = (),
) -> Position:
    """A position with a stance valid on the issue's scale (STANCE when no issue is given)."""
    scale = issue.scale if issue is not None else STANCE
    return Position(
        actor=actor or draw(identifiers()),
        issue=issue.id if issue is not None else draw(identifiers()),
        stance=draw(stances(scale)),
        salience=draw(st.floats(0.0, 1.0)),
        conditions=draw(st.none() | conditions(commitment_ids=commitment_ids, max_leaves=4)),
        as_of=draw(st.none() | dates()),
        sources=draw(_sources_tuple()),
        note=draw(st.none() | texts()),
    )


@st.composite
def frameworks(draw: st.DrawFn, *, max_actors: int = 5, max_items: int = 6) -> Framework:
    """Frameworks whose ids are unique and whose references all resolve."""
    actor_ids = draw(st.lists(identifiers(), min_size=1, max_size=max_actors, unique=True))
    drawn = [draw(actors(st.just(actor_id))) for actor_id in actor_ids]
    # Ids and names may coincide (resolve refuses them); an alias must be the
    # only claim on its label, so aliases another actor's label has are dropped.
    claims: dict[str, set[str]] = {}
    for actor in drawn:
        for label in (actor.id, actor.name):
            claims.setdefault(fold(label), set()).add(actor.id)
    all_actors = []
    for actor in drawn:
        aliases = tuple(a for a in actor.aliases if claims.setdefault(fold(a), {actor.id}) == {actor.id})
        all_actors.append(attrs.evolve(actor, aliases=aliases))
    component_ids = draw(st.lists(identifiers(), max_size=3, unique=True))
    comps = [draw(components(st.just(c))) for c in component_ids]
    maybe_component = st.none() | st.sampled_from(component_ids) if component_ids else st.none()
    issue_ids = draw(st.lists(identifiers(), max_size=max_items, unique=True))
    all_issues = [draw(issues(st.just(i), draw(maybe_component))) for i in issue_ids]
    commitment_ids = tuple(draw(st.lists(identifiers(), max_size=max_items, unique=True)))
    all_commitments = [
        draw(
            commitments(
                id=cid,
                actor=draw(st.sampled_from(actor_ids)),
                beneficiary=draw(st.none() | st.sampled_from(actor_ids)),
                component=draw(maybe_component),
                commitment_ids=commitment_ids,
            )
        )
        for cid in commitment_ids
    ]
    all_positions = []
    seen: set[tuple[str, str, dt.date | None]] = set()
    if all_issues:
        for _ in range(draw(st.integers(0, max_items))):
            actor_id = draw(st.sampled_from(actor_ids))
            issue = draw(st.sampled_from(all_issues))
            p = draw(positions(actor=actor_id, issue=issue, commitment_ids=commitment_ids))
            if (p.actor, p.issue, p.as_of) not in seen:
                seen.add((p.actor, p.issue, p.as_of))
                all_positions.append(p)
    all_memberships = []
    if len(actor_ids) > 1:
        for _ in range(draw(st.integers(0, 3))):
            member, group = draw(st.permutations(actor_ids))[:2]
            all_memberships.append(draw(memberships(member, group)))
    return Framework(
        id=draw(identifiers()),
        title=draw(texts()),
        status=draw(st.none() | st.sampled_from(ComponentStatus)),
        as_of=draw(st.none() | dates()),
        description=draw(st.none() | texts()),
        actors=tuple(all_actors),
        memberships=tuple(all_memberships),
        issues=tuple(all_issues),
        positions=tuple(all_positions),
        commitments=tuple(all_commitments),
        components=tuple(comps),
        sources=draw(_sources_tuple()),
    )
