"""Frameworks: an arrangement under negotiation, with everyone and everything in it.

A :class:`Framework` holds actors, memberships, issues, positions,
commitments and components, checks on construction that every reference
resolves and every id is unique (reporting all problems at once), and builds
indexes once so that lookups are O(1) or O(result).
"""

import bisect
import datetime as dt
import itertools
from collections import defaultdict
from collections.abc import Iterable
from typing import Any, TypeVar

import attrs

from accord._ids import did_you_mean
from accord._validation import (
    check_optional_date,
    enum_field,
    id_field_validator,
    optional_str_validator,
    str_validator,
    to_tuple,
    tuple_of,
)
from accord.actors import Actor, Membership
from accord.commitments import Commitment
from accord.conditions import (
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
    references_of,
)
from accord.errors import UnknownReferenceError, ValidationError
from accord.issues import Issue, Position
from accord.sources import Source
from accord.vocabulary import ComponentStatus

__all__ = ["Component", "Framework"]


@attrs.frozen(kw_only=True)
class Component:
    """A part of a framework negotiated on its own: troop deployments, funding, enforcement.

    Attributes:
        id: short id.
        title: what the part covers.
        status: where its negotiation stands.
        description: longer explanation.
        sources: where its state is reported.
    """

    id: str = attrs.field(validator=id_field_validator)
    title: str = attrs.field(validator=str_validator())
    status: ComponentStatus = enum_field(ComponentStatus, ComponentStatus.UNDER_NEGOTIATION)
    description: str | None = attrs.field(default=None, validator=optional_str_validator)
    sources: tuple[Source, ...] = attrs.field(
        default=(), converter=to_tuple, validator=tuple_of(Source, "a Source")
    )


_NO_DATE = dt.date.min
_T = TypeVar("_T")


def _dated(position: Position) -> dt.date:
    return position.as_of or _NO_DATE


class _Index:
    """Lookup tables built once per framework."""

    __slots__ = (
        "actors",
        "commitments",
        "commitments_by_actor",
        "components",
        "issues",
        "memberships_by_group",
        "names",
        "positions_by_actor",
        "positions_by_pair",
    )

    def __init__(self) -> None:
        self.actors: dict[str, Actor] = {}
        self.issues: dict[str, Issue] = {}
        self.commitments: dict[str, Commitment] = {}
        self.components: dict[str, Component] = {}
        self.names: dict[str, str] = {}
        self.memberships_by_group: dict[str, list[Membership]] = defaultdict(list)
        self.commitments_by_actor: dict[str, list[Commitment]] = defaultdict(list)
        # (actor, issue) -> positions sorted by date; actor -> issue ids in first-seen order.
        self.positions_by_pair: dict[tuple[str, str], list[Position]] = {}
        self.positions_by_actor: dict[str, dict[str, None]] = defaultdict(dict)


class _Problems:
    """Collects integrity problems so all of them are reported together."""

    def __init__(self) -> None:
        self.items: list[str] = []

    def add(self, text: str) -> None:
        self.items.append(text)

    def unknown(self, where: str, what: str, ref: str, known: Iterable[str]) -> None:
        self.items.append(f"{where}: {ref!r}: unknown {what}{did_you_mean(ref, known)}")


def _unique(problems: _Problems, field: str, items: tuple[Any, ...], into: dict[str, Any]) -> None:
    for i, item in enumerate(items):
        if item.id in into:
            problems.add(f"{field}[{i}]: duplicate id {item.id!r}")
        else:
            into[item.id] = item


@attrs.frozen(kw_only=True)
class Framework:
    """An arrangement under negotiation: who is in it, where they stand, what they promise.

    Construction checks integrity and raises one :class:`~accord.ValidationError`
    listing every problem: duplicate ids, references (actor, issue, component,
    membership, beneficiary, ``in_force``) that do not resolve, stances outside
    their issue's scale, two positions of one actor on one issue with the same date.

    Attributes:
        id: short id.
        title: name of the arrangement.
        status: where the negotiation as a whole stands.
        as_of: the date the framework describes.
        description: longer explanation.
        actors: everyone involved.
        memberships: who belongs to which group, when.
        issues: the questions actors take positions on.
        positions: actors' stances on issues, possibly several dated ones per pair.
        commitments: what actors pledge or signal.
        components: the parts negotiated separately.
        sources: where the framework as a whole is described.
    """

    id: str = attrs.field(validator=id_field_validator)
    title: str = attrs.field(validator=str_validator())
    status: ComponentStatus | None = enum_field(ComponentStatus, None, optional=True)
    as_of: dt.date | None = attrs.field(default=None, validator=check_optional_date)
    description: str | None = attrs.field(default=None, validator=optional_str_validator)
    actors: tuple[Actor, ...] = attrs.field(
        default=(), converter=to_tuple, validator=tuple_of(Actor, "an Actor")
    )
    memberships: tuple[Membership, ...] = attrs.field(
        default=(), converter=to_tuple, validator=tuple_of(Membership, "a Membership")
    )
    issues: tuple[Issue, ...] = attrs.field(
        default=(), converter=to_tuple, validator=tuple_of(Issue, "an Issue")
    )
    positions: tuple[Position, ...] = attrs.field(
        default=(), converter=to_tuple, validator=tuple_of(Position, "a Position")
    )
    commitments: tuple[Commitment, ...] = attrs.field(
        default=(), converter=to_tuple, validator=tuple_of(Commitment, "a Commitment")
    )
    components: tuple[Component, ...] = attrs.field(
        default=(), converter=to_tuple, validator=tuple_of(Component, "a Component")
    )
    sources: tuple[Source, ...] = attrs.field(
        default=(), converter=to_tuple, validator=tuple_of(Source, "a Source")
    )
    _index: _Index = attrs.field(init=False, repr=False, eq=False, hash=False, alias="_index")

    def __attrs_post_init__(self) -> None:
        index = _Index()
        problems = _Problems()
        _unique(problems, "actors", self.actors, index.actors)
        _unique(problems, "issues", self.issues, index.issues)
        _unique(problems, "commitments", self.commitments, index.commitments)
        _unique(problems, "components", self.components, index.components)
        self._index_names(index, problems)
        actors, components = index.actors, index.components

        for i, m in enumerate(self.memberships):
            if m.member not in actors:
                problems.unknown(f"memberships[{i}].member", "actor", m.member, actors)
            if m.group not in actors:
                problems.unknown(f"memberships[{i}].group", "actor", m.group, actors)
            index.memberships_by_group[m.group].append(m)

        for i, issue in enumerate(self.issues):
            if issue.component is not None and issue.component not in components:
                problems.unknown(f"issues[{i}].component", "component", issue.component, components)

        self._index_positions(index, problems)

        by_actor = index.commitments_by_actor
        for i, c in enumerate(self.commitments):
            if c.actor not in actors:
                problems.unknown(f"commitments[{i}] ({c.id}).actor", "actor", c.actor, actors)
            if c.beneficiary is not None and c.beneficiary not in actors:
                problems.unknown(f"commitments[{i}] ({c.id}).beneficiary", "actor", c.beneficiary, actors)
            if c.component is not None and c.component not in components:
                problems.unknown(f"commitments[{i}] ({c.id}).component", "component", c.component, components)
            condition = c.conditions
            if condition is not None and type(condition) not in _PLAIN_LEAF_TYPES:
                self._check_references(problems, f"commitments[{i}] ({c.id}).conditions", condition, index)
            by_actor[c.actor].append(c)

        if problems.items:
            raise ValidationError(
                [f"Framework {self.id!r}: {len(problems.items)} problem(s)", *problems.items]
            )
        object.__setattr__(self, "_index", index)

    def _index_names(self, index: _Index, problems: _Problems) -> None:
        names = index.names
        for actor in self.actors:
            names.setdefault(actor.id.casefold(), actor.id)
        for i, actor in enumerate(self.actors):
            for name in (actor.name, *actor.aliases):
                key = name.casefold()
                owner = names.setdefault(key, actor.id)
                if owner != actor.id and name in actor.aliases:
                    problems.add(f"actors[{i}] ({actor.id}).aliases: {name!r} already names {owner!r}")

    def _index_positions(self, index: _Index, problems: _Problems) -> None:
        actors, issues = index.actors, index.issues
        checks = {issue_id: issue.scale.check for issue_id, issue in issues.items()}
        by_actor = index.positions_by_actor
        by_pair: dict[tuple[str, str], list[Position]] = {}
        for i, p in enumerate(self.positions):
            check = checks.get(p.issue)
            if p.actor not in actors:
                problems.unknown(f"positions[{i}].actor", "actor", p.actor, actors)
            if check is None:
                problems.unknown(f"positions[{i}].issue", "issue", p.issue, issues)
            else:
                bad = check(p.stance)
                if bad:
                    problems.add(f"positions[{i}].stance ({p.actor} on {p.issue}): {bad}")
            if p.conditions is not None and type(p.conditions) not in _PLAIN_LEAF_TYPES:
                self._check_references(problems, f"positions[{i}].conditions", p.conditions, index)
            pair = (p.actor, p.issue)
            group = by_pair.get(pair)
            if group is None:
                by_pair[pair] = [p]
                by_actor[p.actor][p.issue] = None
            else:
                group.append(p)
        for pair, group in by_pair.items():
            if len(group) > 1:
                group.sort(key=_dated)
                for a, b in itertools.pairwise(group):
                    if a.as_of == b.as_of:
                        when = a.as_of.isoformat() if a.as_of else "undated"
                        problems.add(f"positions: {pair[0]} has two positions on {pair[1]} as of {when}")
        index.positions_by_pair = by_pair

    @staticmethod
    def _check_references(
        problems: _Problems, where: str, condition: Condition | None, index: _Index
    ) -> None:
        if condition is None:
            return
        for ref in sorted(_references(condition)):
            if ref not in index.commitments:
                problems.unknown(f"{where}: in_force", "commitment", ref, index.commitments)

    # --- lookups ---------------------------------------------------------------

    def actor(self, id: str) -> Actor:
        """The actor with this id.

        Raises:
            UnknownReferenceError: no such actor (the message suggests close ids).
        """
        return _lookup(self._index.actors, id, "actor")

    def issue(self, id: str) -> Issue:
        """The issue with this id; :class:`~accord.UnknownReferenceError` if there is none."""
        return _lookup(self._index.issues, id, "issue")

    def commitment(self, id: str) -> Commitment:
        """The commitment with this id; :class:`~accord.UnknownReferenceError` if there is none."""
        return _lookup(self._index.commitments, id, "commitment")

    def component(self, id: str) -> Component:
        """The component with this id; :class:`~accord.UnknownReferenceError` if there is none."""
        return _lookup(self._index.components, id, "component")

    def resolve(self, name: str) -> Actor:
        """The actor an id, name or alias refers to, ignoring case ("UK", "Britain" → GBR).

        Raises:
            UnknownReferenceError: nothing matches.
        """
        actor = self._index.actors.get(name)
        if actor is not None:
            return actor
        owner = self._index.names.get(name.casefold()) if isinstance(name, str) else None
        if owner is None:
            hint = did_you_mean(name, self._index.names) if isinstance(name, str) else ""
            raise UnknownReferenceError(f"{name!r}: no actor has this id, name or alias{hint}")
        return self._index.actors[owner]

    def position(self, actor: str, issue: str, *, as_of: dt.date | None = None) -> Position | None:
        """The actor's latest position on the issue (as of *as_of*, if given); None if none.

        Undated positions count as older than any dated one.

        Raises:
            UnknownReferenceError: the actor or the issue is unknown.
        """
        self.actor(actor)
        self.issue(issue)
        group = self._index.positions_by_pair.get((actor, issue))
        if not group:
            return None
        if as_of is None:
            return group[-1]
        at = bisect.bisect_right(group, as_of, key=_dated)
        return group[at - 1] if at else None

    def positions_of(self, actor: str, *, as_of: dt.date | None = None) -> tuple[Position, ...]:
        """The actor's latest position on each issue it has one on (as of *as_of*)."""
        self.actor(actor)
        found = []
        for issue in self._index.positions_by_actor.get(actor, ()):
            p = self.position(actor, issue, as_of=as_of)
            if p is not None:
                found.append(p)
        return tuple(found)

    def commitments_by(self, actor: str) -> tuple[Commitment, ...]:
        """Every commitment the actor made, in framework order."""
        self.actor(actor)
        return tuple(self._index.commitments_by_actor.get(actor, ()))

    def members(self, group: str, *, on: dt.date | None = None) -> tuple[Actor, ...]:
        """The group's members on *on*.

        Without *on*, the framework's ``as_of`` date is used; when that is not
        set either, the members whose membership has not ended.
        """
        self.actor(group)
        day = on or self.as_of
        seen: dict[str, None] = {}
        for m in self._index.memberships_by_group.get(group, ()):
            if m.active_on(day) if day is not None else m.end is None:
                seen[m.member] = None
        return tuple(self._index.actors[a] for a in seen)

    def at(self, day: dt.date) -> "Framework":
        """The framework as it stood on *day*.

        Keeps each actor's latest position per issue as of that day, the
        commitments that existed then with their status, quantity and history
        as of that day, and the memberships begun by then; ``as_of`` is *day*.
        """
        positions = []
        for group in self._index.positions_by_pair.values():
            at = bisect.bisect_right(group, day, key=_dated)
            if at:
                positions.append(group[at - 1])
        order = {id(p): i for i, p in enumerate(self.positions)}
        positions.sort(key=lambda p: order[id(p)])
        commitments = []
        for c in self.commitments:
            status = c.status_on(day)
            if status is None:
                continue
            if c.history:
                c = attrs.evolve(
                    c,
                    status=status,
                    quantity=c.quantity_on(day),
                    history=tuple(h for h in c.history if h.date <= day),
                )
            commitments.append(c)
        # A commitment whose in_force reference did not exist yet cannot be in the
        # snapshot; dropping it may orphan others, so repeat until nothing changes.
        while True:
            kept = {c.id for c in commitments}
            still = [c for c in commitments if _refs_kept(c.conditions, kept)]
            if len(still) == len(commitments):
                break
            commitments = still
        positions = [p for p in positions if _refs_kept(p.conditions, kept)]
        return attrs.evolve(
            self,
            as_of=day,
            positions=tuple(positions),
            commitments=tuple(commitments),
            memberships=tuple(m for m in self.memberships if m.start is None or m.start <= day),
        )


#: Leaves that refer to no commitment.
_PLAIN_LEAF_TYPES = frozenset({Fact, Compare, Before, After})
_BRANCH_TYPES = (AllOf, AnyOf, AtLeast)


def _references(condition: Condition) -> set[str]:
    """The ids ``in_force`` nodes refer to: :func:`~accord.conditions.references_of` without a generator."""
    refs: set[str] = set()
    stack: list[Condition] = [condition]
    while stack:
        node = stack.pop()
        kind = type(node)
        if kind in _PLAIN_LEAF_TYPES:
            continue
        if isinstance(node, InForce):
            refs.add(node.commitment)
        elif isinstance(node, _BRANCH_TYPES):
            stack.extend(node.items)
        elif isinstance(node, Not):
            stack.append(node.item)
    return refs


def _refs_kept(condition: Condition | None, kept: set[str]) -> bool:
    return condition is None or references_of(condition) <= kept


def _lookup(table: dict[str, _T], key: str, what: str) -> _T:
    try:
        return table[key]
    except (KeyError, TypeError):
        hint = did_you_mean(key, table) if isinstance(key, str) else ""
        raise UnknownReferenceError(f"{key!r}: unknown {what}{hint}") from None
