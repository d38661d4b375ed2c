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

:meth:`Activation.requirements` expands references the same way: a cycle
member needs what some path through the cycle needs, never its own truth
(a set of leaves only counts when it decides the member without relying on
the cycle), so a cycle that only supports itself needs ``()``: nothing.
"""

from collections import deque
from collections.abc import Callable, Mapping
from types import MappingProxyType
from typing import TYPE_CHECKING

import attrs

from accord.commitments import Commitment
from accord.conditions import Condition, InForce, references_of
from accord.errors import ValidationError
from accord.evaluation import (
    _HOLDS,
    Evaluation,
    Facts,
    FactValue,
    LeafSet,
    Truth,
    _check_limit,
    _Evaluator,
    _facts,
    _gather,
    _Requirements,
    _Result,
    _to_evaluation,
)
from accord.vocabulary import CommitmentStatus

if TYPE_CHECKING:
    from accord.framework import Framework

__all__ = ["Activation", "evaluate_framework"]


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
        min_status: CommitmentStatus,
    ) -> None:
        facts = _facts(facts)
        if not isinstance(min_status, CommitmentStatus) or not min_status.is_active:
            raise ValidationError(f"min_status: {min_status!r} is not a standing CommitmentStatus")
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
            for m in part:
                waiting[m] = frozenset(found)
        for m in open_:
            self.results[m] = attrs.evolve(final[m], unknown=tuple(sorted(waiting[m])))

    def _cycle_reason(self, source: str, target: str) -> str:
        return f"{InForce(target)}: reference cycle {self.cycle_text(source, target)}"

    # --- cycles ----------------------------------------------------------------------

    def in_cycle(self, source: str, target: str) -> bool:
        """Whether ``source`` refers to ``target`` inside one reference cycle."""
        return source == target or self.component_of[source] == self.component_of[target]

    def cycle(self, source: str, target: str) -> list[str]:
        """A shortest cycle source → target → … → source (breadth first, ids in sorted order)."""
        if source == target:
            return [source, source]
        component = self.component_of[source]
        came_from: dict[str, str] = {target: target}
        queue = deque([target])
        while queue:
            node = queue.popleft()
            if node == source:
                break
            for nxt in self.graph[node]:
                if nxt not in came_from and self.component_of[nxt] == component:
                    came_from[nxt] = node
                    queue.append(nxt)
        path = [source]
        while path[-1] != target:
            path.append(came_from[path[-1]])
        return [source, *reversed(path)]

    def cycle_text(self, source: str, target: str) -> str:
        """``source → target → … → source``, computed once per pair."""
        key = (source, target)
        text = self._cycle_texts.get(key)
        if text is None:
            text = self._cycle_texts[key] = " → ".join(self.cycle(source, target))
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
        inside = period.contains(as_of, self.facts.values)
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
        return MappingProxyType(found)

    # --- what would it take ---------------------------------------------------------

    def requirements(self, commitment_id: str, limit: int) -> tuple[tuple[Condition, ...], ...]:
        """Smallest sets of leaves that would put the commitment in force."""
        needed = {commitment_id}
        queue = [commitment_id]
        while queue:
            for ref in self.graph[queue.pop()]:
                if ref not in needed:
                    needed.add(ref)
                    queue.append(ref)
        limit = _check_limit(limit)
        families: dict[str, list[LeafSet]] = {}
        order: dict[Condition, int] = {}

        def solve(member: str) -> _Requirements:
            evaluator = _Evaluator(self.facts.values, self.facts.as_of, self.resolver(member))
            return _Requirements(evaluator, limit, families.__getitem__, order)

        for component in self.order:
            members = sorted(component)
            if members[0] not in needed:  # a component is needed whole or not at all
                continue
            if self._is_cycle(members):
                self._cycle_families(members, families, solve)
            else:
                families[members[0]] = self._family(self.by_id[members[0]], solve(members[0]))
            if commitment_id in component:
                return solve(commitment_id).finish(families[commitment_id])
        raise AssertionError("unreachable: every commitment is in a component")  # pragma: no cover

    def _cycle_families(
        self,
        members: list[str],
        families: dict[str, list[LeafSet]],
        solve: Callable[[str], _Requirements],
    ) -> None:
        """Sets of leaves for the members of one cycle: a least fixpoint as in evaluation.

        Every member starts with no sets (the cycle alone makes nothing
        true) and rounds compute, in id order, the members whose referenced
        members' sets changed, until nothing changes. After round *k* every
        set reaching its member through at most *k* references is found, so
        ``len(members) + 1`` rounds are enough and the loop stops there. Each
        set decides its member without relying on the cycle; the cap on
        candidate sets per condition can make the answer smaller, never
        unsound.
        """
        referrers = self._referrers(members)
        for member in members:
            families[member] = []
        dirty = set(members)
        for _ in range(len(members) + 1):
            if not dirty:
                break
            for member in members:
                if member not in dirty:
                    continue
                dirty.discard(member)
                found = self._family(self.by_id[member], solve(member))
                if set(found) != set(families[member]):
                    families[member] = found
                    dirty.update(referrers[member])

    def _family(self, commitment: Commitment, solver: _Requirements) -> list[LeafSet]:
        if self.status_problem(commitment) is not None:
            return []
        if self.period_result(commitment).truth is Truth.FALSE:
            return []
        if commitment.conditions is None:
            return [frozenset()]
        return solver.sets(commitment.conditions)


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
    framework: "Framework", facts: Facts | Mapping[str, FactValue] | None, min_status: CommitmentStatus
) -> Mapping[str, Evaluation]:
    """Every commitment's evaluation, in framework order."""
    activation = Activation(framework, facts, min_status)
    return MappingProxyType({c.id: activation.results[c.id] for c in framework.commitments})
