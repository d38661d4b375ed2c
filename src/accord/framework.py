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
from collections.abc import Callable, Collection, Iterable, Iterator, Mapping
from typing import Any, TypeVar

import attrs

from accord._activation import Activation, evaluate_framework
from accord._ids import did_you_mean, fold, hint_cost, hint_pool
from accord._validation import (
    MAX_PROBLEMS,
    as_date,
    as_optional_date,
    date_field,
    enum_field,
    id_field,
    show,
    text_field,
    to_tuple,
    tuple_of,
)
from accord.actors import Actor, Membership
from accord.commitments import Commitment
from accord.conditions import (
    Compare,
    Condition,
    Fact,
    references_of,
    walk,
)
from accord.errors import UnknownReferenceError, ValidationError
from accord.evaluation import Evaluation, Facts, FactValue
from accord.issues import Issue, Position
from accord.scales import NominalScale, OrdinalScale
from accord.sources import Source
from accord.vocabulary import CommitmentStatus, ComponentStatus

__all__ = [
    "Component",
    "Entry",
    "Framework",
    "check_framework",
    "entry_history",
    "latest_entry",
    "position_table",
]


@attrs.frozen(kw_only=True, weakref_slot=False)
class Component:
    """A part of a framework negotiated on its own: troop deployments, funding, enforcement.

    Attributes:
        id: short id.
        title: what the part covers.
        status: where its negotiation stands.
        description: longer explanation.
        sources: where its state is reported.
    """

    id: str = id_field()
    title: str = text_field()
    status: ComponentStatus = enum_field(ComponentStatus, ComponentStatus.UNDER_NEGOTIATION)
    description: str | None = text_field(optional=True)
    sources: tuple[Source, ...] = attrs.field(
        default=(), converter=to_tuple, validator=tuple_of(Source, "a Source")
    )


_NO_DATE = dt.date.min
_T = TypeVar("_T")


def _dated(position: Position) -> dt.date:
    return position.as_of or _NO_DATE


def _same_dates(group: list[Position]) -> list[dt.date | None]:
    """Sort one actor's positions on one issue by date (stable); the dates two of them share."""
    group.sort(key=_dated)
    return [a.as_of for a, b in itertools.pairwise(group) if a.as_of == b.as_of]


class _Index:
    """Lookup tables built once per framework."""

    __slots__ = (
        "actors",
        "commitments",
        "commitments_by_actor",
        "components",
        "issues",
        "labels",
        "memberships_by_group",
        "memberships_by_member",
        "names",
        "positions",
        "shared_names",
        "yes_no",
    )

    def __init__(self) -> None:
        self.actors: dict[str, Actor] = {}
        self.issues: dict[str, Issue] = {}
        self.commitments: dict[str, Commitment] = {}
        self.components: dict[str, Component] = {}
        # folded id, name or alias (_ids.fold) -> the actor id it stands for; its spelling
        self.names: dict[str, str] = {}
        self.labels: dict[str, str] = {}
        # folded ids and names several actors share -> those actors' ids
        self.shared_names: dict[str, tuple[str, ...]] = {}
        self.memberships_by_group: dict[str, list[Membership]] = defaultdict(list)
        self.memberships_by_member: dict[str, list[Membership]] = defaultdict(list)
        self.commitments_by_actor: dict[str, list[Commitment]] = defaultdict(list)
        # actor -> issue -> the position, or several sorted by date; first-seen order.
        self.positions: dict[str, dict[str, Position | list[Position]]] = {}
        # the facts conditions read as yes or no (Framework._yes_no_facts), found when first asked
        self.yes_no: frozenset[str] | None = None

    def __getstate__(self) -> dict[str, Any]:  # every pickle protocol, not only 2 and later
        return {name: getattr(self, name) for name in self.__slots__}

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.yes_no = None  # absent from pickles made before it existed: found again when asked
        for name, value in state.items():
            setattr(self, name, value)


#: A close-match hint compares a reference with every id it could mean, in time up to the product
#: of their lengths (see :func:`~accord._ids.hint_cost`). One error stops looking for hints once
#: this many pairs of characters are spent (about a second at worst), so that a framework with
#: many dangling references is refused in seconds, however long and alike its ids; the messages
#: past that point have no hint.
_HINT_BUDGET = 10_000_000


class _Problems:
    """Collects integrity problems so all of them are reported together.

    All are counted; the messages of the first :data:`MAX_PROBLEMS` are kept
    (and only those are built: a close-match hint costs a search, so each
    reference is searched for once and the searches share a budget).
    """

    def __init__(self) -> None:
        self.items: list[str] = []
        self.count = 0
        self.hints: dict[tuple[str, int], str] = {}
        self.budget = _HINT_BUDGET

    def close_to(self, ref: str, known: Collection[str]) -> str:
        """:func:`did_you_mean` for *ref* among *known*, within the error's budget (:data:`_HINT_BUDGET`)."""
        key = (ref, id(known))
        hint = self.hints.get(key)
        if hint is None:
            hint = ""
            pool = hint_pool(ref, known)
            cost = hint_cost(ref, pool)
            if cost <= self.budget:
                self.budget -= cost
                hint = did_you_mean(ref, pool)
            self.hints[key] = hint
        return hint

    def room(self) -> bool:
        """Count one more problem; whether its message is still kept."""
        self.count += 1
        return len(self.items) < MAX_PROBLEMS

    def add(self, text: str) -> None:
        if self.room():
            self.items.append(text)

    def unknown(self, where: str, what: str, ref: str, known: Collection[str]) -> None:
        if self.room():
            self.items.append(f"{where}: {ref!r}: unknown {what}{self.close_to(ref, known)}")

    def unknown_actor(self, where: str, ref: str, index: _Index) -> None:
        if self.room():
            self.items.append(f"{where}: {ref!r}: unknown actor{_actor_hint(ref, index, self.close_to)}")

    def error(self, framework_id: str) -> ValidationError:
        """The framework's error: the messages kept, and how many problems there are in all."""
        return ValidationError(self.items, count=self.count, subject=f"Framework {framework_id!r}")


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
    Its first line counts them all; past 1,000 it lists the first 1,000 and says
    how many more there are.

    Attributes:
        id: short id.
        title: name of the arrangement.
        status: where the negotiation as a whole stands.
        as_of: the date the framework describes; ``members`` and ``groups_of``
            answer for it when given no day (other lookups read what is recorded,
            whatever its date; ``at(as_of)`` leaves out what is dated later).
        description: longer explanation.
        actors: everyone involved.
        memberships: who belongs to which group, when.
        issues: the questions actors take positions on.
        positions: actors' stances on issues, possibly several dated ones per pair.
        commitments: what actors pledge or signal.
        components: the parts negotiated separately.
        sources: where the framework as a whole is described.
    """

    id: str = id_field()
    title: str = text_field()
    status: ComponentStatus | None = enum_field(ComponentStatus, None, optional=True)
    as_of: dt.date | None = date_field()
    description: str | None = text_field(optional=True)
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
                problems.unknown_actor(f"memberships[{i}].member", m.member, index)
            if m.group not in actors:
                problems.unknown_actor(f"memberships[{i}].group", m.group, index)
            index.memberships_by_group[m.group].append(m)
            index.memberships_by_member[m.member].append(m)

        for i, issue in enumerate(self.issues):
            if issue.component is not None and issue.component not in components:
                problems.unknown(f"issues[{i}].component", "component", issue.component, components)

        self._index_positions(index, problems)

        by_actor = index.commitments_by_actor
        for i, c in enumerate(self.commitments):
            if c.actor not in actors:
                problems.unknown_actor(f"commitments[{i}] ({c.id}).actor", c.actor, index)
            if c.beneficiary is not None and c.beneficiary not in actors:
                problems.unknown_actor(f"commitments[{i}] ({c.id}).beneficiary", c.beneficiary, index)
            if c.component is not None and c.component not in components:
                problems.unknown(f"commitments[{i}] ({c.id}).component", "component", c.component, components)
            condition = c.conditions
            if condition is not None:
                self._check_references(problems, f"commitments[{i}] ({c.id}).conditions", condition, index)
            by_actor[c.actor].append(c)

        if problems.count:
            raise problems.error(self.id)
        object.__setattr__(self, "_index", index)

    @classmethod
    def _from_grouped_positions(
        cls,
        positions: tuple[Position, ...],
        by_actor: dict[str, dict[str, Position | list[Position]]],
        several: Iterable[tuple[str, str]],
        **fields: Any,
    ) -> "Framework":
        """A framework whose positions a reader has already checked and grouped (private).

        For a data reader that creates every actor and issue itself, builds
        every position from values it validated (a stance on the issue's
        scale, no conditions) and groups the positions as the constructor
        would: *by_actor* maps actor id → issue id → that actor's position on
        that issue, or the list of its positions when it has several, in
        *positions* order; both levels in order of first appearance in
        *positions*, which holds exactly those positions. *several* names
        each (actor id, issue id) pair that has a list.

        The other fields (*fields*, without positions) go through the
        constructor and all its checks. The lists are sorted by date here, as
        the constructor sorts them. Of the reader's promises, those cheap to
        verify are verified: every actor and issue in *by_actor* exists, the
        pairs with a list are the ones named, and the entries count exactly
        the positions. When one of them fails, or one actor has two positions
        on one issue with the same date, the constructor checks *positions*
        in full and reports every problem. Trusted unchecked: that the grouped
        objects are those of *positions*, and their stances and conditions.
        """
        framework = cls(**fields)
        index = framework._index
        issues = index.issues.keys()
        count = sum(map(len, by_actor.values()))
        consistent = (
            type(positions) is tuple
            and by_actor.keys() <= index.actors.keys()
            and all(row.keys() <= issues for row in by_actor.values())
        )
        for actor, issue in several if consistent else ():
            entry = by_actor[actor][issue]
            if type(entry) is not list or _same_dates(entry):
                consistent = False
                break
            count += len(entry) - 1
        if consistent and count == len(positions):
            object.__setattr__(framework, "positions", positions)
            index.positions = by_actor
            return framework
        return cls(**fields, positions=positions)

    def _index_names(self, index: _Index, problems: _Problems) -> None:
        # Labels are matched ignoring case and Unicode spelling (_ids.fold). An id
        # wins over names ("usa" is the actor whose id is USA). Names may coincide
        # (two actors called "Congo"):
        # such a name is kept as ambiguous and resolve refuses it. An alias is a
        # claim that a label means this actor, so an alias another actor's id,
        # name or alias already has is refused.
        by_id: dict[str, list[str]] = {}
        for actor in self.actors:
            by_id.setdefault(fold(actor.id), []).append(actor.id)
        by_name: dict[str, list[str]] = {}
        for actor in self.actors:
            key = fold(actor.name)
            if key not in by_id:
                owners = by_name.setdefault(key, [])
                if actor.id not in owners:
                    owners.append(actor.id)
        names, labels, shared = index.names, index.labels, index.shared_names
        for claims in (by_id, by_name):
            for key, owners in claims.items():
                names[key] = owners[0]
                if len(owners) > 1:
                    shared[key] = tuple(owners)
        for actor in self.actors:
            for label in (actor.id, actor.name):
                labels.setdefault(fold(label), label)
        for i, actor in enumerate(self.actors):
            for alias in actor.aliases:
                key = fold(alias)
                claimed = shared.get(key) or ((names[key],) if key in names else ())
                others = [o for o in claimed if o != actor.id]
                if others:
                    problems.add(
                        f"actors[{i}] ({actor.id}).aliases: {alias!r} already names "
                        + " and ".join(repr(o) for o in others)
                    )
                elif key not in names:
                    names[key] = actor.id
                    labels[key] = alias

    def _index_positions(self, index: _Index, problems: _Problems) -> None:
        # One cheap pass groups the positions by actor and issue (a single
        # position is stored as is, several in a list); references and stances
        # are then checked per distinct value. Only when something is wrong does
        # the detailed pass run, to name each bad position.
        table = index.positions
        conditional: list[Position] = []
        for p in self.positions:
            row = table.get(p.actor)
            if row is None:
                row = table[p.actor] = {}
            entry = row.get(p.issue)
            if entry is None:
                row[p.issue] = p
            elif type(entry) is list:
                entry.append(p)
            else:
                row[p.issue] = [entry, p]  # type: ignore[list-item]
            if p.conditions is not None:
                conditional.append(p)
        if not self._positions_valid(index, conditional):
            self._position_problems(index, problems)
        for actor, row in table.items():
            for issue, entry in row.items():
                if type(entry) is list:
                    for day in _same_dates(entry):
                        when = day.isoformat() if day else "undated"
                        problems.add(f"positions: {actor} has two positions on {issue} as of {when}")

    @staticmethod
    def _positions_valid(index: _Index, conditional: list[Position]) -> bool:
        """Whether every position's references and stance are valid (no messages)."""
        actors, issues = index.actors, index.issues
        if not index.positions.keys() <= actors.keys():
            return False
        labels: dict[str, frozenset[object] | None] = {}
        for issue_id, entry in _entries(index.positions):
            if issue_id not in labels:
                issue = issues.get(issue_id)
                if issue is None:
                    return False
                scale = issue.scale
                labels[issue_id] = (
                    frozenset(scale.levels)
                    if isinstance(scale, OrdinalScale)
                    else frozenset(scale.options)
                    if isinstance(scale, NominalScale)
                    else None
                )
            valid = labels[issue_id]
            group = entry if isinstance(entry, list) else None
            if group is None and valid is not None:
                if entry.stance not in valid:  # type: ignore[union-attr]
                    return False
                continue
            group = group or [entry]  # type: ignore[list-item]
            if valid is None:
                check = issues[issue_id].scale.check
                if any(check(p.stance) for p in group):
                    return False
            elif not all(p.stance in valid for p in group):
                return False
        commitments = index.commitments
        return all(
            references_of(p.conditions) <= commitments.keys()  # type: ignore[arg-type]
            for p in conditional
        )

    def _position_problems(self, index: _Index, problems: _Problems) -> None:
        """Name every position whose references or stance are invalid."""
        actors, issues = index.actors, index.issues
        checks = {issue_id: issue.scale.check for issue_id, issue in issues.items()}
        for i, p in enumerate(self.positions):
            check = checks.get(p.issue)
            if p.actor not in actors:
                problems.unknown_actor(f"positions[{i}].actor", p.actor, index)
            if check is None:
                problems.unknown(f"positions[{i}].issue", "issue", p.issue, issues)
            else:
                bad = check(p.stance)
                if bad:
                    problems.add(f"positions[{i}].stance ({p.actor} on {p.issue}): {bad}")
            if p.conditions is not None:
                self._check_references(problems, f"positions[{i}].conditions", p.conditions, index)

    @staticmethod
    def _check_references(
        problems: _Problems, where: str, condition: Condition | None, index: _Index
    ) -> None:
        if condition is None:
            return
        for ref in sorted(references_of(condition)):
            if ref not in index.commitments:
                problems.unknown(f"{where}: in_force", "commitment", ref, index.commitments)

    # --- lookups ---------------------------------------------------------------

    def actor(self, id: str) -> Actor:
        """The actor with this id (:meth:`resolve` also accepts names and aliases).

        Raises:
            UnknownReferenceError: no such actor (the message suggests close ids,
                or names the actor when *id* is one of its names or aliases).
        """
        actor = self._index.actors.get(id) if isinstance(id, str) else None
        if actor is None:
            hint = _actor_hint(id, self._index) if isinstance(id, str) else ""
            raise UnknownReferenceError(f"{id!r:.60}: unknown actor{hint}")
        return actor

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

        Accents typed composed or decomposed, and compatibility forms such as
        full-width letters, match too (Unicode NFKC, then case folded), and so
        do names with spaces around them or several within (" UK ", "United  Kingdom").

        Raises:
            UnknownReferenceError: nothing matches.
        """
        if not isinstance(name, str):
            raise UnknownReferenceError(f"{name!r:.60}: an actor is named by a string (id, name or alias)")
        index = self._index
        actor = index.actors.get(name)
        if actor is not None:
            return actor
        key = fold(name)
        shared = index.shared_names.get(key)
        if shared is not None:
            raise UnknownReferenceError(
                f"{show(name)}: names several actors ({', '.join(shared)}); use an id to say which"
            )
        owner = index.names.get(key)
        if owner is None:
            hint = did_you_mean(name, index.labels.values())
            raise UnknownReferenceError(f"{show(name)}: no actor has this id, name or alias{hint}")
        return index.actors[owner]

    def position(self, actor: str, issue: str, *, as_of: dt.date | None = None) -> Position | None:
        """The actor's latest position on the issue (as of *as_of*, if given); None if none.

        Undated positions count as older than any dated one.

        Raises:
            UnknownReferenceError: the actor or the issue is unknown.
        """
        self.actor(actor)
        self.issue(issue)
        as_of = as_optional_date("as_of", as_of)
        entry = self._index.positions.get(actor, {}).get(issue)
        return None if entry is None else latest_entry(entry, as_of)

    def positions_of(self, actor: str, *, as_of: dt.date | None = None) -> tuple[Position, ...]:
        """The actor's latest position on each issue it has one on (as of *as_of*)."""
        self.actor(actor)
        as_of = as_optional_date("as_of", as_of)
        row = self._index.positions.get(actor, {})
        found = (latest_entry(entry, as_of) for entry in row.values())
        return tuple(p for p in found if p is not None)

    def history(self, actor: str, issue: str) -> tuple[Position, ...]:
        """Every position of the actor on the issue, oldest first (undated ones first).

        Raises:
            UnknownReferenceError: the actor or the issue is unknown.
        """
        self.actor(actor)
        self.issue(issue)
        entry = self._index.positions.get(actor, {}).get(issue)
        return () if entry is None else entry_history(entry)

    def _yes_no_facts(self) -> frozenset[str]:
        """The facts the conditions of commitments and positions read only as yes or no (bare names).

        Given any value but true, false or the date it happened, such a fact
        can only leave its conditions unknown: the CLI and the comparisons
        refuse such values rather than hide the likely mistake (``"no"``). A
        fact also compared with a value somewhere (``ceasefire or ceasefire
        == "holding"``) may hold any value, and is not in the set.
        """
        found = self._index.yes_no
        if found is None:
            conditions = [c.conditions for c in self.commitments] + [p.conditions for p in self.positions]
            nodes = [node for condition in conditions if condition is not None for node in walk(condition)]
            compared = {node.fact for node in nodes if isinstance(node, Compare)}
            bare = {node.name for node in nodes if isinstance(node, Fact)}
            found = frozenset(bare - compared)
            self._index.yes_no = found
        return found

    def latest_positions(self, *, as_of: dt.date | None = None) -> tuple[Position, ...]:
        """Each actor's latest position on each issue (as of *as_of*), grouped by actor.

        When every actor has at most one position per issue and no date is
        given, this is ``positions`` itself.
        """
        table = self._index.positions
        as_of = as_optional_date("as_of", as_of)
        if as_of is None and sum(len(row) for row in table.values()) == len(self.positions):
            return self.positions
        found = (latest_entry(entry, as_of) for _, entry in _entries(table))
        return tuple(p for p in found if p is not None)

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
        holds = self._membership_rule(on)
        seen: dict[str, None] = {}
        for m in self._index.memberships_by_group.get(group, ()):
            if holds(m):
                seen[m.member] = None
        return tuple(self._index.actors[a] for a in seen)

    def groups_of(self, actor: str, *, on: dt.date | None = None) -> tuple[Actor, ...]:
        """The groups *actor* is a member of on *on*, by the rule of :meth:`members`."""
        self.actor(actor)
        holds = self._membership_rule(on)
        memberships = self._index.memberships_by_member.get(actor, ())
        seen = dict.fromkeys(m.group for m in memberships if holds(m))
        return tuple(self._index.actors[g] for g in seen)

    def _membership_rule(self, on: dt.date | None) -> Callable[[Membership], bool]:
        day = as_optional_date("on", on) or self.as_of
        if day is None:
            return lambda m: m.end is None
        return lambda m: m._holds_on(day)  # the day checked once, above

    # --- evaluation ---------------------------------------------------------------

    def evaluate(
        self,
        facts: Facts | Mapping[str, FactValue],
        *,
        min_status: CommitmentStatus | str = CommitmentStatus.SIGNALLED,
    ) -> Mapping[str, Evaluation]:
        """Which commitments would be in force given *facts*: commitment id → evaluation.

        A commitment is in force (or would activate) when its status on
        ``facts.as_of`` (its current status without a date) still stands and
        is at least *min_status* (a status or its value, ``"agreed"``) — by
        default any standing status, so a signalled commitment whose
        conditions hold would activate — its
        conditions are true, and, when ``facts.as_of`` is given, that day
        falls in its period. ``in_force("id")`` means the other commitment is
        in force by the same rule; a reference inside a cycle is unknown with
        the reason ``reference cycle a → b → a``. ``starts``/``ends`` give the
        period with event dates resolved from the facts.

        Raises:
            ValidationError: *facts* or *min_status* is invalid.
        """
        return evaluate_framework(self, facts, min_status)

    def evaluate_positions(
        self,
        facts: Facts | Mapping[str, FactValue],
        *,
        min_status: CommitmentStatus | str = CommitmentStatus.SIGNALLED,
    ) -> Mapping[tuple[str, str], Evaluation]:
        """Whether each conditional position holds: (actor, issue) → evaluation.

        Covers each actor's latest position per issue as of ``facts.as_of``
        (the latest overall without a date) that has conditions;
        ``in_force`` references resolve as in :meth:`evaluate`.
        """
        return Activation(self, facts, min_status).positions()

    def what_would_it_take(
        self,
        commitment: str,
        facts: Facts | Mapping[str, FactValue] | None = None,
        *,
        limit: int = 16,
        min_status: CommitmentStatus | str = CommitmentStatus.SIGNALLED,
    ) -> tuple[tuple[Condition, ...], ...]:
        """The smallest sets of leaves that would put a commitment in force.

        Like :func:`accord.what_would_it_take`, with ``in_force`` references
        expanded into what the referenced commitment needs, and
        ``not in_force(…)`` into what would rule it out (its conditions
        negated down to the leaves), also through reference cycles (a cycle
        never counts on its own truth, so one that only supports itself gives
        ``()``). A period that starts from an event not dated yet needs that
        event dated inside its window (``signed >= 2024-06-02`` and
        ``signed <= 2025-06-01`` for one year after ``signed``, evaluated on
        2025-06-01). ``()`` when nothing would: its status or period rules it
        out, or so do the facts given (a fact known false, a value that cannot
        decide; :meth:`evaluate` says which); ``((),)`` when it is already in
        force.

        Raises:
            UnknownReferenceError: no such commitment.
        """
        self.commitment(commitment)
        return Activation(self, facts, min_status).requirements(commitment, limit)

    def at(self, day: dt.date) -> "Framework":
        """The framework as it stood on *day*.

        Keeps the positions taken by that day (dated on or before it, and the
        undated ones: every earlier position too, so ``history`` still reads
        them), the commitments that existed then with their status, quantity
        and history as of that day (a later ``as_of`` becomes the date of the
        last change kept: what the snapshot knew then), and the memberships
        begun by then. A membership still running on that day loses its end
        when *day* is before the framework's own ``as_of`` (or it has none): an
        end recorded later may not have been known then, as a commitment's
        later history is cut. On or after the framework's own date, what it
        records was known, and ends stay. ``as_of`` is *day*; so
        ``at(fw.as_of)`` is *fw* when nothing in it is dated later.
        A commitment or position whose conditions refer (``in_force``) to a
        commitment not made by then cannot be part of the snapshot and is left
        out (with the earlier positions of its actor on its issue, when it is
        the latest: they had been replaced), so ``at(day).position(a, i)`` may
        be None where ``position(a, i, as_of=day)`` is not, in that one case.
        A snapshot's ``as_of`` is *day*: so a snapshot taken after the
        framework's own date, then again on an earlier day on or after that
        date, cuts membership ends the framework knew, and differs from the
        framework's snapshot on that earlier day in that one respect.

        Raises:
            ValidationError: *day* is not a date.
        """
        day = as_date("day", day)
        positions = [p for p in self.positions if p.as_of is None or p.as_of <= day]
        commitments = []
        for c in self.commitments:
            status = c.status_on(day)
            if status is None:
                continue
            if c.history:
                history = tuple(h for h in c.history if h.date <= day)  # in date order; one at least
                c = attrs.evolve(
                    c,
                    status=status,
                    quantity=c.quantity_on(day),
                    history=history,
                    as_of=c.as_of if c.as_of is None or c.as_of <= day else history[-1].date,
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
        left_out = {id(p) for p in positions if not _refs_kept(p.conditions, kept)}
        if left_out:  # a pair whose latest position is left out keeps none: the older one was replaced
            gone = {
                (p.actor, p.issue)
                for p in positions
                if id(p) in left_out and self.position(p.actor, p.issue, as_of=day) is p
            }
            positions = [p for p in positions if id(p) not in left_out and (p.actor, p.issue) not in gone]
        known = self.as_of is not None and day >= self.as_of  # what the framework records was known
        return attrs.evolve(
            self,
            as_of=day,
            positions=tuple(positions),
            commitments=tuple(commitments),
            memberships=tuple(
                attrs.evolve(m, end=None) if m.end is not None and m.end >= day and not known else m
                for m in self.memberships
                if m.start is None or m.start <= day
            ),
        )


#: One actor's positions on one issue in a framework's index: the position, or several, oldest first.
Entry = Position | list[Position]


def position_table(framework: Framework) -> Mapping[str, Mapping[str, Entry]]:
    """Actor id → issue id → its position (or several, oldest first), in first-seen order; read only.

    For accord's own modules that look positions up without checking ids again (``diff``, the
    comparisons on a few issues); :func:`latest_entry` and :func:`entry_history` read an entry.
    """
    return framework._index.positions


def entry_history(entry: Entry) -> tuple[Position, ...]:
    """Every position of one actor on one issue (an :data:`Entry`), oldest first."""
    return tuple(entry) if type(entry) is list else (entry,)  # type: ignore[return-value]


def _entries(
    table: dict[str, dict[str, Position | list[Position]]],
) -> Iterator[tuple[str, Position | list[Position]]]:
    for row in table.values():
        yield from row.items()


def latest_entry(entry: Entry, as_of: dt.date | None) -> Position | None:
    """The latest position of one actor on one issue (an :data:`Entry`), as of a date."""
    if type(entry) is not list:
        single: Position = entry  # type: ignore[assignment]
        return single if as_of is None or _dated(single) <= as_of else None
    if as_of is None:
        return entry[-1]
    at = bisect.bisect_right(entry, as_of, key=_dated)
    return entry[at - 1] if at else None


def _refs_kept(condition: Condition | None, kept: set[str]) -> bool:
    return condition is None or references_of(condition) <= kept


def _actor_hint(
    ref: str, index: _Index, close_to: Callable[[str, Collection[str]], str] = did_you_mean
) -> str:
    """Why *ref* is not an actor id: an id in another case, a name or alias, else close ids (*close_to*)."""
    key = fold(ref)
    owners = index.shared_names.get(key) or ((index.names[key],) if key in index.names else ())
    cased = [o for o in owners if o != ref and fold(o) == key]
    named = [o for o in owners if fold(o) != key]
    if cased:
        return f"; did you mean {' or '.join(map(repr, cased))}? (ids are case-sensitive)"
    if named:
        return f"; it is a name or alias of {' and '.join(map(repr, named))}, not an id"
    return close_to(ref, index.actors)


def _lookup(table: dict[str, _T], key: str, what: str) -> _T:
    try:
        return table[key]
    except (KeyError, TypeError):
        hint = did_you_mean(key, table) if isinstance(key, str) else ""
        raise UnknownReferenceError(f"{key!r}: unknown {what}{hint}") from None


def check_framework(value: object, what: str = "framework") -> None:
    """Raise a :class:`~accord.ValidationError` unless *value* is a :class:`Framework`."""
    if not isinstance(value, Framework):
        raise ValidationError(f"{what}: {show(value)} is not a Framework")
