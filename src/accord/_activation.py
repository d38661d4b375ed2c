"""Which commitments of a framework would be in force, given the facts.

A commitment is in force (or would activate) when

1. its status on ``Facts.as_of`` (its current status when there is no date)
   stands (:attr:`~accord.CommitmentStatus.is_active`) and is at least
   ``min_status`` along the lifecycle — by default any standing status, so a
   *signalled* commitment whose conditions hold counts as "would activate";
2. its conditions are true, ``in_force("other")`` meaning that the other
   commitment is in force by this same rule; and
3. when ``Facts.as_of`` is given and the commitment has a period, that day
   falls in the period (an event-relative period whose event has no date yet
   leaves this unknown).

References are resolved in dependency order over the strongly connected
components of the ``in_force`` graph (Tarjan's algorithm, iterative), so each
commitment is evaluated once and the result does not depend on the order of
the framework. Inside a reference cycle the commitments get the *least
fixpoint* of their conditions in Kleene logic: every member starts unknown
and is evaluated again whenever a member it refers to is decided, until
nothing changes. A member is decided at most once, so this takes at most one
evaluation per member and reference. What the facts decide is decided
(``a: in_force("b") or y`` and ``b: in_force("a")`` are both true when ``y``
is); what only the cycle could decide (``a: in_force("b")`` and
``b: in_force("a")`` alone, or ``in_force("a")`` inside ``a`` negated) stays
``UNKNOWN``, with the reason ``reference cycle a → b → a`` and the facts the
rest of the cycle waits for. Nothing recurses across references, so long
chains cannot exhaust the stack.

:meth:`Activation.requirements` expands references the same way:
``in_force("x")`` into what puts x in force, ``not in_force("x")`` into what
rules it out (its status, its conditions false — the negation pushed down to
the leaves — or the day outside its period). A cycle member needs what some
path through the cycle needs, never its own truth (a set of leaves only
counts when it decides the member without relying on the cycle), so a cycle
that only supports itself needs ``()``: nothing; so does ``not in_force``
of the member itself. A period starting from an event with no date yet is
met by dating the event inside a window (``signed >= 2024-06-02`` and
``signed <= 2025-06-01``), never by a condition leaf alone.
"""

import datetime as dt
from collections import deque
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING

import attrs

from accord._requirements import LeafSet, _check_limit, _negated, _Requirements, _Search, _timed, _widened
from accord._validation import as_enum
from accord.commitments import Commitment
from accord.conditions import AllOf, AnyOf, AtLeast, Compare, Condition, Fact, InForce, Not, references_of
from accord.dates import Period
from accord.evaluation import (
    _HOLDS,
    Evaluation,
    Facts,
    FactValue,
    Truth,
    _Evaluator,
    _facts,
    _gather,
    _Result,
    _to_evaluation,
)
from accord.vocabulary import CommitmentStatus

if TYPE_CHECKING:
    from accord.framework import Framework

__all__ = ["Activation", "evaluate_framework"]


#: Commitments a search for a shortest reference cycle meets at most (see :meth:`Activation.cycle`).
_CYCLE_SEARCH = 64
#: Ids of a cycle shown in full in a reason; a longer cycle is abbreviated.
_CYCLE_SHOWN = 8


def _with_unknown(evaluation: Evaluation, names: tuple[str, ...]) -> Evaluation:
    """*evaluation* with *names* (sorted and distinct) as its unknown facts, shared, not copied.

    ``attrs.evolve`` would deduplicate them again: the members of a long cycle all wait for
    the same facts, and copying them once per member would take time and memory quadratic
    in the cycle's length.
    """
    result = attrs.evolve(evaluation, unknown=())
    object.__setattr__(result, "unknown", names)
    return result


def _components(graph: Mapping[str, tuple[str, ...]]) -> list[list[str]]:
    """Strongly connected components, each after every component it refers to."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []
    for root in graph:
        if root in index:
            continue
        index[root] = low[root] = len(index)
        stack.append(root)
        on_stack.add(root)
        work = [(root, iter(graph[root]))]
        while work:
            node, successors = work[-1]
            for nxt in successors:
                if nxt not in index:
                    index[nxt] = low[nxt] = len(index)
                    stack.append(nxt)
                    on_stack.add(nxt)
                    work.append((nxt, iter(graph[nxt])))
                    break
                if nxt in on_stack:
                    low[node] = min(low[node], index[nxt])
            else:
                work.pop()
                if work:
                    parent = work[-1][0]
                    low[parent] = min(low[parent], low[node])
                if low[node] == index[node]:
                    component = []
                    while True:
                        member = stack.pop()
                        on_stack.discard(member)
                        component.append(member)
                        if member == node:
                            break
                    found.append(component)
    return found


class Activation:
    """Evaluates every commitment of a framework against one set of facts."""

    def __init__(
        self,
        framework: "Framework",
        facts: Facts | Mapping[str, FactValue] | None,
        min_status: CommitmentStatus | str,
    ) -> None:
        facts = _facts(facts)
        standing = (s for s in CommitmentStatus if s.is_active)
        min_status = as_enum(CommitmentStatus, "min_status", min_status, standing)
        self.framework = framework
        self.facts = facts
        self.min_status = min_status
        self.by_id = {c.id: c for c in framework.commitments}
        self.graph = {
            c.id: tuple(sorted(references_of(c.conditions))) if c.conditions is not None else ()
            for c in framework.commitments
        }
        self.component_of: dict[str, int] = {}
        self.order = _components(self.graph)
        for number, component in enumerate(self.order):
            for member in component:
                self.component_of[member] = number
        self._cycle_texts: dict[tuple[str, str], str] = {}
        self._sign_cache: dict[str, frozenset[tuple[str, bool]]] = {}
        self.results: dict[str, Evaluation] = {}
        for component in self.order:
            self._evaluate_component(sorted(component))

    def _is_cycle(self, members: list[str]) -> bool:
        return len(members) > 1 or members[0] in self.graph[members[0]]

    def _referrers(self, members: list[str]) -> dict[str, list[str]]:
        """Member → the members of its component that refer to it, sorted."""
        inside = set(members)
        referrers: dict[str, list[str]] = {m: [] for m in members}
        for member in members:
            for target in self.graph[member]:
                if target in inside:
                    referrers[target].append(member)
        return referrers

    def _evaluate_component(self, members: list[str]) -> None:
        if not self._is_cycle(members):
            self.results[members[0]] = self._evaluate(self.by_id[members[0]], self.resolver(members[0]))
            return
        # 1. The least fixpoint: a worklist over the members still open. A
        #    member is decided at most once, and queued again only when a
        #    member it refers to is decided, so this ends after at most one
        #    evaluation per member and reference.
        referrers = self._referrers(members)
        undecided = set(members)
        queue = deque(members)
        queued = set(members)
        while queue:
            member = queue.popleft()
            queued.discard(member)
            result = self._evaluate(self.by_id[member], _Resolve(self, member, explain=False))
            if result.truth is Truth.UNKNOWN:
                continue
            self.results[member] = result
            undecided.discard(member)
            for referrer in referrers[member]:
                if referrer not in self.results and referrer not in queued:
                    queue.append(referrer)
                    queued.add(referrer)
        if not undecided:
            return
        # 2. What stays open stays open because of the cycle: evaluate it once
        #    more, naming the cycle, and add the facts the open members it
        #    relies on are waiting for.
        open_ = sorted(undecided)
        final = {m: self._evaluate(self.by_id[m], _Resolve(self, m, explain=True)) for m in open_}
        relied_on = {
            m: tuple(t for t in self.graph[m] if t in final and self._cycle_reason(m, t) in final[m].reasons)
            for m in open_
        }
        waiting: dict[str, frozenset[str]] = {}
        for part in _components(relied_on):
            found = set().union(*(final[m].unknown for m in part))
            for m in part:
                found.update(*(waiting.get(t, ()) for t in relied_on[m]))
            shared = frozenset(found)  # one set (and below one sorted tuple) for the whole part:
            for m in part:  # a long cycle's members all wait for the same facts
                waiting[m] = shared
        unknown: dict[int, tuple[str, ...]] = {}
        for m in open_:
            names = unknown.get(id(waiting[m]))
            if names is None:
                names = unknown[id(waiting[m])] = tuple(sorted(waiting[m]))
            self.results[m] = _with_unknown(final[m], names)

    def _cycle_reason(self, source: str, target: str) -> str:
        return f"{InForce(target)}: reference cycle {self.cycle_text(source, target)}"

    # --- cycles ----------------------------------------------------------------------

    def in_cycle(self, source: str, target: str) -> bool:
        """Whether ``source`` refers to ``target`` inside one reference cycle."""
        return source == target or self.component_of[source] == self.component_of[target]

    def cycle(self, source: str, target: str) -> list[str] | None:
        """A shortest cycle source → target → … → source (breadth first, ids in sorted order).

        None when it is not among the first :data:`_CYCLE_SEARCH` commitments the search
        meets: each member of a long cycle would otherwise search the whole cycle.
        """
        if source == target:
            return [source, source]
        component = self.component_of[source]
        came_from: dict[str, str] = {target: target}
        queue = deque([target])
        while queue and source not in came_from:
            node = queue.popleft()
            for nxt in self.graph[node]:
                if nxt not in came_from and self.component_of[nxt] == component:
                    came_from[nxt] = node
                    if nxt == source:
                        break
                    queue.append(nxt)
            if len(came_from) > _CYCLE_SEARCH:
                break
        if source not in came_from:
            return None
        path = [source]
        while path[-1] != target:
            path.append(came_from[path[-1]])
        return [source, *reversed(path)]

    def cycle_text(self, source: str, target: str) -> str:
        """``source → target → … → source``, computed once per pair; long cycles abbreviated."""
        key = (source, target)
        text = self._cycle_texts.get(key)
        if text is None:
            path = self.cycle(source, target)
            if path is None or len(path) > _CYCLE_SHOWN:
                size = len(self.order[self.component_of[source]])
                shown = [source, target, "…", source] if path is None else [*path[:3], "…", *path[-2:]]
                text = f"{' → '.join(shown)} (among {size} commitments that refer to one another)"
            else:
                text = " → ".join(path)
            self._cycle_texts[key] = text
        return text

    def resolver(self, source: str) -> "_Resolve":
        return _Resolve(self, source)

    # --- one commitment -----------------------------------------------------------

    def status_problem(self, commitment: Commitment) -> str | None:
        as_of = self.facts.as_of
        status = commitment.status if as_of is None else commitment.status_on(as_of)
        if status is None:
            return f"not yet made on {as_of}"
        if not status.is_active:
            return f"status is {status.value}"
        if status.level < self.min_status.level:
            return f"status is {status.value}, below {self.min_status.value}"
        return None

    def period_result(self, commitment: Commitment) -> _Result:
        period, as_of = commitment.period, self.facts.as_of
        if period is None or as_of is None:
            return _HOLDS
        if period.duration is not None and not period.duration:  # P0D: no day falls in it
            return _Result(Truth.FALSE, (), (), (f"its period ({period}) is empty: it lasts no day",))
        inside = period.contains(as_of, self.facts.values)
        if inside is None and period.after and self.facts.values.get(period.after) is False:
            reason = f"{period.after} has not happened, so its period ({period}) has not started"
            return _Result(Truth.FALSE, (), (), (reason,))
        if inside is None:
            return _Result(
                Truth.UNKNOWN,
                (period.after,) if period.after and period.after not in self.facts.values else (),
                (),
                (f"its period ({period}) starts from {period.after}, which has no date",),
            )
        if inside:
            return _HOLDS
        return _Result(Truth.FALSE, (), (), (f"{as_of.isoformat()} is outside its period ({period})",))

    def _evaluate(self, commitment: Commitment, resolver: "_Resolve") -> Evaluation:
        period = commitment.period
        starts = period.start_date(self.facts.values) if period else None
        ends = period.end_date(self.facts.values) if period else None
        problem = self.status_problem(commitment)
        if problem is not None:
            failed = _Result(Truth.FALSE, (), (), (problem,))
            return _to_evaluation(failed, commitment.conditions, starts, ends)
        parts = [self.period_result(commitment)]
        if commitment.conditions is not None:
            evaluator = _Evaluator(self.facts.values, self.facts.as_of, resolver)
            parts.insert(0, evaluator.run(commitment.conditions))
        falses = [p for p in parts if p.truth is Truth.FALSE]
        if falses:
            result = _gather(Truth.FALSE, falses)
        else:
            pending = [p for p in parts if p.truth is Truth.UNKNOWN]
            result = _gather(Truth.UNKNOWN, pending) if pending else _HOLDS
        return _to_evaluation(result, commitment.conditions, starts, ends)

    # --- positions ------------------------------------------------------------------

    def truth_of(self, condition: Condition) -> Truth:
        """The truth of *condition* under the facts, ``in_force`` resolved in the framework."""
        return _Evaluator(self.facts.values, self.facts.as_of, self.resolver("")).run(condition).truth

    def positions(self) -> Mapping[tuple[str, str], Evaluation]:
        """Each conditional current position, keyed by (actor, issue)."""
        found: dict[tuple[str, str], Evaluation] = {}
        for p in self.framework.positions:
            pair = (p.actor, p.issue)
            if pair in found:
                continue
            current = self.framework.position(p.actor, p.issue, as_of=self.facts.as_of)
            if current is None or current.conditions is None:
                continue
            evaluator = _Evaluator(self.facts.values, self.facts.as_of, self.resolver(""))
            found[pair] = _to_evaluation(evaluator.run(current.conditions), current.conditions)
        return found  # a fresh dict of the caller's (a mapping proxy could not be pickled)

    # --- what would it take ---------------------------------------------------------

    def requirements(self, commitment_id: str, limit: int) -> tuple[tuple[Condition, ...], ...]:
        """Smallest sets of leaves that would put the commitment in force.

        Works on *requirements*: a commitment id with a polarity, ``False``
        for "in force" and ``True`` for "ruled out" (what ``not in_force``
        needs). Only the requirements the commitment reaches through its
        references are computed, in dependency order.
        """
        limit = _check_limit(limit)
        needed = {(commitment_id, False)}
        queue = [(commitment_id, False)]
        while queue:
            member, negated = queue.pop()
            for ref, sign in self._signs(member):
                requirement = (ref, negated != sign)
                if requirement not in needed:
                    needed.add(requirement)
                    queue.append(requirement)
        reached = (self.by_id[member].conditions for member, _ in needed)
        timed = any(_timed(conditions) for conditions in reached if conditions is not None)
        return _widened(
            limit,
            lambda search: self._search(commitment_id, needed, limit, timed, search),
            lambda: self.results[commitment_id].truth is Truth.FALSE,
        )

    def _search(
        self, commitment_id: str, needed: set[tuple[str, bool]], limit: int, timed: bool, search: _Search
    ) -> tuple[tuple[Condition, ...], ...]:
        """The sets for :meth:`requirements`, within the bound of *search*."""
        families: dict[tuple[str, bool], list[LeafSet]] = {}
        order = self._appearance(commitment_id)

        def expand(ref: str, negated: bool) -> list[LeafSet]:
            return families[ref, negated]

        def solve(member: str) -> _Requirements:
            evaluator = _Evaluator(self.facts.values, self.facts.as_of, self.resolver(member))
            return _Requirements(evaluator, limit, expand, order, timed=timed, search=search)

        for component in self.order:
            # In the order the component was found: members after most of those they refer to,
            # so one round of the cycle's fixpoint carries sets along a whole chain of references.
            wanted = [(m, n) for m in component for n in (False, True) if (m, n) in needed]
            if not wanted:
                continue
            if self._is_cycle(sorted(component)):
                self._cycle_families(wanted, families, solve)
            else:
                for member, negated in wanted:
                    families[member, negated] = self._family(self.by_id[member], solve(member), negated)
            if commitment_id in component:
                return solve(commitment_id).finish(families[commitment_id, False])
        raise AssertionError("unreachable: every commitment is in a component")  # pragma: no cover

    def _appearance(self, commitment_id: str) -> dict[Condition, int]:
        """Leaves numbered as they appear in the commitment's conditions, references read in place.

        ``a or in_force("x")`` numbers ``a``, then x's leaves, then what
        follows; each leaf's negation takes the number after it. Answers list
        their leaves, and order sets of one size, by these numbers.
        """
        order: dict[Condition, int] = {}
        seen = {commitment_id}
        first = self.by_id[commitment_id].conditions
        stack: list[Condition] = [] if first is None else [first]
        while stack:
            node = stack.pop()
            if isinstance(node, InForce):
                if node.commitment not in seen:
                    seen.add(node.commitment)
                    referenced = self.by_id[node.commitment].conditions
                    if referenced is not None:
                        stack.append(referenced)
            elif isinstance(node, Not):
                stack.append(node.item)
            elif isinstance(node, AllOf | AnyOf | AtLeast):
                stack.extend(reversed(node.items))
            else:
                order.setdefault(node, len(order))
                order.setdefault(_negated(node), len(order))
        return order

    def _signs(self, member: str) -> frozenset[tuple[str, bool]]:
        """The commitments *member*'s conditions refer to, each with True where it is negated.

        ``in_force("x") or not in_force("y")`` gives ``{("x", False), ("y", True)}``;
        a reference under both polarities appears twice.
        """
        found = self._sign_cache.get(member)
        if found is not None:
            return found
        signs: set[tuple[str, bool]] = set()
        conditions = self.by_id[member].conditions
        stack: list[tuple[Condition, bool]] = [] if conditions is None else [(conditions, False)]
        while stack:
            node, negated = stack.pop()
            if isinstance(node, InForce):
                signs.add((node.commitment, negated))
            elif isinstance(node, Not):
                stack.append((node.item, not negated))
            elif isinstance(node, AllOf | AnyOf | AtLeast):
                stack.extend((item, negated) for item in node.items)
        found = self._sign_cache[member] = frozenset(signs)
        return found

    def _cycle_families(
        self,
        wanted: list[tuple[str, bool]],
        families: dict[tuple[str, bool], list[LeafSet]],
        solve: Callable[[str], _Requirements],
    ) -> None:
        """Sets of leaves for the requirements of one cycle: a least fixpoint as in evaluation.

        Every requirement (a member in force, or ruled out) starts with no
        sets (the cycle alone decides nothing) and rounds compute, in order,
        the requirements whose referenced members' sets changed, until
        nothing changes. After round *k* every set reaching its requirement
        through at most *k* references is found, so ``len(wanted) + 1``
        rounds are enough and the loop stops there. Each set decides its
        member without relying on the cycle — so ``not in_force`` of a member
        never counts on that member's own truth either; the cap on candidate
        sets per condition can make the answer smaller, never unsound.
        """
        members = sorted({member for member, _ in wanted})
        referrers = self._referrers(members)
        for requirement in wanted:
            families[requirement] = []
        dirty = set(wanted)
        for _ in range(len(wanted) + 1):
            if not dirty:
                break
            for requirement in wanted:
                if requirement not in dirty:
                    continue
                dirty.discard(requirement)
                member, negated = requirement
                found = self._family(self.by_id[member], solve(member), negated)
                if set(found) != set(families[requirement]):
                    families[requirement] = found
                    dirty.update(r for referrer in referrers[member] for r in wanted if r[0] == referrer)

    def _family(self, commitment: Commitment, solver: _Requirements, negated: bool = False) -> list[LeafSet]:
        """Sets of leaves putting *commitment* in force, or (*negated*) ruling it out.

        In force: its status stands, its conditions hold and ``as_of`` falls in
        its period. Ruled out: its status does not stand, or its conditions
        are false, or ``as_of`` falls outside its period.
        """
        if self.status_problem(commitment) is not None:
            return [frozenset()] if negated else []
        conditions = commitment.conditions
        inside, outside = self._period_families(commitment, solver)  # first: it often decides alone
        if negated:
            if frozenset() in outside:
                return [frozenset()]
            by_conditions = [] if conditions is None else solver.sets(conditions, negate=True)
            return solver.minimise([*by_conditions, *outside])
        if not inside:
            return []
        by_conditions = [frozenset()] if conditions is None else solver.sets(conditions)
        if not by_conditions:
            return []
        return solver.both(by_conditions, inside)

    def _period_families(
        self, commitment: Commitment, solver: _Requirements
    ) -> tuple[list[LeafSet], list[LeafSet]]:
        """Sets of leaves putting ``as_of`` inside the commitment's period, and outside it.

        A period that starts from an event with no date yet is decided by
        that date: ``Period(after="signed", duration="P1Y")`` holds on
        2025-06-01 when ``signed >= 2024-06-02`` and ``signed <= 2025-06-01``,
        and is over when the event is dated before or after that window, or
        has not started when the event has not happened by ``as_of`` (``not
        signed``: false, or dated after ``as_of``, which a comparison of its
        date cannot say, as it is unknown then). No other leaf can decide it
        (``signed`` true, without a date, leaves the period unknown). An event
        known as true is dated the same way, though not after ``as_of`` (it
        has happened); one known with any other value that is not a date
        leaves nothing to do.
        """
        truth = self.period_result(commitment).truth
        if truth is Truth.TRUE:
            return [frozenset()], []
        if truth is Truth.FALSE:
            return [], [frozenset()]
        period, as_of = commitment.period, self.facts.as_of
        if period is None or period.after is None or as_of is None:  # pragma: no cover
            raise AssertionError("unreachable: only a period whose event has no date is unknown")
        event = period.after
        window = _event_window(period, as_of)
        # An event known as true can still be dated (compared with a date it is only
        # unknown), though not after as_of: it has happened. No period starts before
        # its event, so `high` is never after as_of.
        refine = self.facts.values.get(event) is True
        leaf = solver.alone if refine else solver.literal
        # An event not known yet may also not happen by as_of (false, or dated after as_of, when its
        # date compares as unknown): the period has not started then.
        not_yet = [] if refine else solver.literal(Not(Fact(event)))
        if window is None:  # no date of the event puts as_of in the period: any date rules it out
            if refine:
                return [], leaf(Compare(event, "<=", as_of))
            return [], solver.minimise([*leaf(Compare(event, ">=", dt.date.min)), *not_yet])
        low, high = window
        since = leaf(Compare(event, ">=", low)) if low is not None else [frozenset()]
        inside = solver.both(since, leaf(Compare(event, "<=", high)))
        outside = leaf(Compare(event, "<", low)) if low is not None else []
        if high < (as_of if refine else dt.date.max):
            later = leaf(Compare(event, ">", high))
            outside += solver.both(later, leaf(Compare(event, "<=", as_of))) if refine else later
        return inside, solver.minimise([*outside, *not_yet])


def _first(days: int, test: Callable[[dt.date], bool]) -> int:
    """The first ordinal in [1, days] whose date passes *test* (false, then true); days + 1 if none."""
    low, high = 1, days + 1
    while low < high:
        middle = (low + high) // 2
        if test(dt.date.fromordinal(middle)):
            high = middle
        else:
            low = middle + 1
    return low


def _event_window(period: Period, as_of: dt.date) -> tuple[dt.date | None, dt.date] | None:
    """The dates of *period*'s event that put *as_of* inside it: (earliest or None, latest); None if none.

    The period's first and last days (:meth:`~accord.Period.start_date`,
    :meth:`~accord.Period.end_date`) never move back as the event moves later
    (calendar arithmetic only clamps month ends), so the dates that work form
    one interval, found by binary search.
    """
    event = period.after
    if event is None:  # pragma: no cover - only event periods wait for a date
        return None

    def starts_later(day: dt.date) -> bool:
        start = period.start_date({event: day})
        return start is None or start > as_of

    def ends_in_time(day: dt.date) -> bool:
        end = period.end_date({event: day})
        return end is None or end >= as_of

    after_last = _first(dt.date.max.toordinal(), starts_later)
    if after_last == 1:
        return None
    high = dt.date.fromordinal(after_last - 1)
    first = _first(high.toordinal(), ends_in_time)
    if first > high.toordinal() or not period.contains(as_of, {event: high}):
        return None
    return (dt.date.fromordinal(first) if first > 1 else None), high


_OPEN = Evaluation(truth=Truth.UNKNOWN)


class _Resolve:
    """Resolves ``in_force`` for one commitment: results so far, or an open cycle."""

    __slots__ = ("activation", "explain", "source")

    def __init__(self, activation: Activation, source: str, *, explain: bool = True) -> None:
        self.activation = activation
        self.source = source
        self.explain = explain

    def __call__(self, target: str) -> Evaluation:
        activation = self.activation
        found = activation.results.get(target)
        if found is not None:
            return found
        # Not decided (yet): a member of the source's own cycle.
        if not self.explain:
            return _OPEN
        return Evaluation(
            truth=Truth.UNKNOWN, reasons=(f"reference cycle {activation.cycle_text(self.source, target)}",)
        )


def evaluate_framework(
    framework: "Framework", facts: Facts | Mapping[str, FactValue] | None, min_status: CommitmentStatus | str
) -> Mapping[str, Evaluation]:
    """Every commitment's evaluation, in framework order."""
    activation = Activation(framework, facts, min_status)
    # a fresh dict of the caller's: picklable, so it can come back from a process pool
    return {c.id: activation.results[c.id] for c in framework.commitments}
