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
the framework. A reference between two commitments of one cycle is
``UNKNOWN`` with the reason ``reference cycle a → b → a``; everything outside
the cycle still resolves normally. Nothing recurses across references, so
long chains cannot exhaust the stack.
"""

from collections import deque
from collections.abc import Mapping
from types import MappingProxyType
from typing import TYPE_CHECKING

from accord.commitments import Commitment
from accord.conditions import Condition, references_of
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
        self.results: dict[str, Evaluation] = {}
        for component in self.order:
            for member in sorted(component):
                self.results[member] = self._evaluate(self.by_id[member])

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

    def _evaluate(self, commitment: Commitment) -> Evaluation:
        period = commitment.period
        starts = period.start_date(self.facts.values) if period else None
        ends = period.end_date(self.facts.values) if period else None
        problem = self.status_problem(commitment)
        if problem is not None:
            failed = _Result(Truth.FALSE, (), (), (problem,))
            return _to_evaluation(failed, commitment.conditions, starts, ends)
        parts = [self.period_result(commitment)]
        if commitment.conditions is not None:
            evaluator = _Evaluator(self.facts.values, self.facts.as_of, self.resolver(commitment.id))
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
        current = [""]

        def expand(target: str) -> list[LeafSet] | None:
            return None if self.in_cycle(current[0], target) else families[target]

        for component in self.order:
            for member in sorted(component):
                if member not in needed:
                    continue
                current[0] = member
                evaluator = _Evaluator(self.facts.values, self.facts.as_of, self.resolver(member))
                solver = _Requirements(evaluator, limit, expand, order)
                families[member] = self._family(self.by_id[member], solver)
                if member == commitment_id:
                    return solver.finish(families[member])
        raise AssertionError("unreachable: every commitment is in a component")  # pragma: no cover

    def _family(self, commitment: Commitment, solver: _Requirements) -> list[LeafSet]:
        if self.status_problem(commitment) is not None:
            return []
        if self.period_result(commitment).truth is Truth.FALSE:
            return []
        if commitment.conditions is None:
            return [frozenset()]
        return solver.sets(commitment.conditions)


class _Resolve:
    """Resolves ``in_force`` for one commitment: results so far, or a cycle."""

    __slots__ = ("activation", "source")

    def __init__(self, activation: Activation, source: str) -> None:
        self.activation = activation
        self.source = source

    def __call__(self, target: str) -> Evaluation:
        activation = self.activation
        if self.source and activation.in_cycle(self.source, target):
            cycle = " → ".join(activation.cycle(self.source, target))
            return Evaluation(truth=Truth.UNKNOWN, reasons=(f"reference cycle {cycle}",))
        return activation.results[target]


def evaluate_framework(
    framework: "Framework", facts: Facts | Mapping[str, FactValue] | None, min_status: CommitmentStatus
) -> Mapping[str, Evaluation]:
    """Every commitment's evaluation, in framework order."""
    activation = Activation(framework, facts, min_status)
    return MappingProxyType({c.id: activation.results[c.id] for c in framework.commitments})
