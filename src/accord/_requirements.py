"""What would it take: the smallest sets of leaves that would make a condition true.

:func:`what_would_it_take` answers "what would have to become true for this
condition to hold?" with minimal sufficient sets of leaves: facts,
comparisons, ``before``/``after``, ``in_force`` or their negations. Leaves
already true given the facts are left out of the sets; leaves already false,
or on a known fact whose value does not compare, are never used.

:class:`_Requirements` computes the sets on the negation normal form: a
``not`` is pushed down to the leaves, where a comparison flips its operator
(``x < 3`` becomes ``x >= 3``) and any other leaf is wrapped in ``Not``. It
builds, bottom up, the family of sets that make each sub-condition true:

- a leaf: one empty set when it is true, no set when it is false (or no
  value could make it true), else the set of the leaf alone;
- ``and`` (a negated ``or``): the unions of one set of each item;
- ``or`` (a negated ``and``): the sets of all items together;
- ``at least k of (…)``: the unions of sets of k items, item by item (a
  negated one needs n - k + 1 items false), counting only what the items
  left can still lift to k; when every item is one leaf on its own fact,
  simply the first combinations of k of them.

Each family is minimised: unions that no values could make true together
are never formed, no set is kept beside a subset of it, and at most
``max(4 * limit, 64)`` sets are kept, fewest leaves first, then in the order
their leaves appear in the condition. Whether values exist is decided per
fact (and per ``Facts.as_of`` for ``before``/``after`` when it is not
given): :func:`_demands` says what each leaf asks of its fact's value, kind
by kind, and :func:`_possible` whether some value meets all of it, exactly
for numbers, dates, booleans and lists. Last, leaves the others in a set
imply are dropped (``x > 3`` beside ``x > 5``), then sets that a weaker set
covers (``x > 5`` beside ``x > 3``), and the first ``limit`` sets are kept.

Without ``Facts.as_of``, and when the conditions have ``before``/``after``
(:attr:`_Requirements.timing`), a fact dated *d* is true (as in evaluation)
but stays in its sets as a :class:`_Happened` mark asking ``as_of`` ≥ *d*,
and :func:`_in_time` drops the sets whose date demands leave no room for the
events their bare facts and comparisons of dates rely on (a comparison of an
event after the evaluation date is unknown); the marks are left out of answers.
A search whose bound left sets aside and found none runs once more, wider
(:func:`_widened`).

Frameworks (:mod:`accord._activation`) use :class:`_Requirements` with an
*expand* hook that replaces ``in_force`` references by what puts the
referenced commitment in force, or rules it out.
"""

import datetime as dt
import itertools
import math
import operator
from collections.abc import Callable, Iterable, Mapping
from typing import Any, Generic, TypeAlias, TypeVar

from accord._validation import as_integer, show
from accord.conditions import (
    _NODE_CLASSES,
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
    walk,
)
from accord.errors import ValidationError
from accord.evaluation import (
    _FALSE,
    _TRUE,
    Facts,
    FactValue,
    _compare,
    _condition,
    _Evaluator,
    _facts,
    _kind,
    _node_class,
)

__all__ = ["what_would_it_take"]


T = TypeVar("T")
_first = operator.itemgetter(0)

_FLIP = {"==": "!=", "!=": "==", "<": ">=", ">=": "<", ">": "<=", "<=": ">", "in": "not in", "not in": "in"}

#: A set of leaves that together would make a condition true.
LeafSet: TypeAlias = frozenset[Condition]
_NOTHING: LeafSet = frozenset()


class _Happened(Not):
    """A dated event true given the facts, kept in a set while ``Facts.as_of`` is unknown.

    ``_Happened(Before(d))`` asks what ``not before d`` asks: ``as_of`` on or
    after *d*, so that the event has happened by then. It is a distinct class,
    never equal to a ``Not`` from a condition, and answers leave it out.
    """

    __slots__ = ()


def _negated(leaf: Condition) -> Condition:
    if isinstance(leaf, Compare):
        return Compare(leaf.fact, _FLIP[leaf.op], leaf.value)  # type: ignore[arg-type]
    return Not(leaf)


#: What a leaf asks of its fact's value: kind of value → [(operator, literal)].
_Demands: TypeAlias = dict[str, list[tuple[str, Any]]]
_ORDERING = frozenset(("<", "<=", ">", ">="))
#: The key under which ``before``/``after`` leaves constrain ``Facts.as_of``.
_AS_OF = ""


def _demands(leaf: Condition, as_of: dt.date | None, *, by_as_of: bool = True) -> tuple[str, _Demands] | None:
    """The fact a leaf reads and what it asks of its value, per kind; None if it reads none.

    A value of any kind not listed makes the leaf unknown, never true. A
    bare fact is true when its value is ``True`` or a date on or before
    ``as_of`` (any date without one); its negation when the value is
    ``False`` or a date after ``as_of``. A comparison with dates, and its
    negation, can only be true for a date on or before ``as_of`` (an event
    that has not happened yet compares as unknown); without *by_as_of*, that
    demand is left out. ``before``/``after`` constrain ``as_of`` itself
    (under the key ``""``).
    """
    negated = isinstance(leaf, Not)
    atom = leaf.item if isinstance(leaf, Not) else leaf
    if isinstance(atom, Fact):
        if not negated:
            return atom.name, {"boolean": [("==", True)], "date": [] if as_of is None else [("<=", as_of)]}
        return atom.name, {"boolean": [("==", False)], **({} if as_of is None else {"date": [(">", as_of)]})}
    if isinstance(atom, Compare):
        op, literal = _FLIP[atom.op] if negated else atom.op, atom.value
        if isinstance(literal, tuple):
            by_kind: dict[str, list[Any]] = {}
            for item in literal:
                by_kind.setdefault(_kind(item), []).append(item)
            found: _Demands = {kind: [(op, tuple(items))] for kind, items in by_kind.items()}
        else:
            kind = _kind(literal)
            found = {} if kind == "boolean" and op in _ORDERING else {kind: [(op, literal)]}
        if by_as_of and as_of is not None and "date" in found:  # an event after as_of compares as unknown
            found["date"].append(("<=", as_of))
        return atom.fact, found
    if isinstance(atom, Before | After):
        op = "<" if isinstance(atom, Before) else ">"
        return _AS_OF, {"date": [(_FLIP[op] if negated else op, atom.date)]}
    return None


def _possible(kind: str, demands: list[tuple[str, Any]]) -> bool:
    """Whether some value of *kind* meets every demand (exact: False only when none can)."""
    candidates: set[Any] | None = {True, False} if kind == "boolean" else None
    if kind == "string" and any(op == "<=" and v == "" for op, v in demands):
        candidates = {""}  # nothing comes before the empty string
    for op, literal in demands:
        if op == "==" or op == "in":
            values = set(literal) if op == "in" else {literal}
            candidates = values if candidates is None else candidates & values
    if candidates is not None:
        return any(all(_compare(c, op, literal) for op, literal in demands) for c in candidates)
    # No finite list of candidates: an interval (dense for numbers and strings,
    # whole days for dates) less finitely many excluded values.
    low = high = None
    low_open = high_open = False
    excluded: set[Any] = set()
    for op, literal in demands:
        if op == "!=":
            excluded.add(literal)
        elif op == "not in":
            excluded.update(literal)
        elif op == ">" or op == ">=":
            if low is None or literal > low or (literal == low and op == ">"):
                low, low_open = literal, op == ">"
        elif op == "<" and kind == "string" and literal == "":
            return False
        elif high is None or literal < high or (literal == high and op == "<"):
            high, high_open = literal, op == "<"
    if kind == "date":
        first: int = 1 if low is None else low.toordinal() + low_open
        last: int = dt.date.max.toordinal() if high is None else high.toordinal() - high_open
        return bool(last - first + 1 > sum(first <= day.toordinal() <= last for day in excluded))
    if low is None or high is None or low < high:
        return True
    return bool(low == high and not low_open and not high_open and low not in excluded)


def _implied(
    leaf: Condition, others: Iterable[Condition], as_of: dt.date | None, *, by_as_of: bool = True
) -> bool:
    """Whether every value making all *others* true makes *leaf* true (both read one fact).

    Without *by_as_of*, comparisons are taken without their demand that the event happened
    by ``as_of`` (see :func:`_demands`). That is sound: every leaf that asks for a date is
    bounded by ``as_of`` alike (a bare fact too), and a smaller demand on the others only
    finds fewer implications. Within a set, it keeps the leaves that repeat the bound in
    words a reader needs: the end of a window of dates (``signed >= 2024-06-02`` and
    ``signed <= 2025-06-01`` on 2025-06-01), a bare fact beside a comparison of its date.
    """
    found = _demands(leaf, as_of, by_as_of=by_as_of)
    if found is None:
        return False
    name, wanted = found
    demands = [
        d[1]
        for other in others
        if (d := _demands(other, as_of, by_as_of=by_as_of)) is not None and d[0] == name
    ]
    if not demands or (name == _AS_OF and as_of is not None):
        return False
    for kind in set(demands[0]).intersection(*demands[1:]):
        region = [d for one in demands for d in one[kind]]
        if kind not in wanted:
            if _possible(kind, region):
                return False  # a value of this kind meets the others, and leaves *leaf* unknown
        else:
            for op, literal in wanted[kind]:
                if _possible(kind, [*region, (_FLIP[op], literal)]):
                    return False  # a value meets the others but not this demand of *leaf*
    return True


def _satisfiable(leaves: Iterable[Condition], as_of: dt.date | None) -> bool:
    """False only when no values of the facts (and of ``as_of``, when not given) make every leaf true."""
    by_fact: dict[str, list[_Demands]] = {}
    plain: set[Condition] = set()
    negated: set[Condition] = set()
    for leaf in leaves:
        if isinstance(leaf, Not):
            if leaf.item in plain:
                return False  # a leaf and its negation
            negated.add(leaf.item)
        elif leaf in negated:
            return False
        else:
            plain.add(leaf)
        found = _demands(leaf, as_of)
        if found is not None:
            by_fact.setdefault(found[0], []).append(found[1])
    for name, all_demands in by_fact.items():
        if name == _AS_OF and as_of is not None:
            continue  # before/after are decided when as_of is given
        kinds = set(all_demands[0]).intersection(*all_demands[1:])
        if not any(_possible(kind, [d for demands in all_demands for d in demands[kind]]) for kind in kinds):
            return False
    return True


def _earliest(demands: list[tuple[str, Any]]) -> dt.date | None:
    """The earliest date that meets every demand; None if none does."""
    listed = [set(literal) if op == "in" else {literal} for op, literal in demands if op in ("==", "in")]
    if listed:
        days: Iterable[dt.date] = sorted(set.intersection(*listed))
    else:
        first = 1
        for op, literal in demands:
            if op == ">=" or op == ">":
                first = max(first, literal.toordinal() + (op == ">"))
        excluded = {literal for op, literal in demands if op == "!="}
        excluded.update(day for op, literal in demands if op == "not in" for day in literal)
        # one of the first len(excluded) + 1 days from there is not excluded
        last = min(first + len(excluded), dt.date.max.toordinal())
        days = (dt.date.fromordinal(day) for day in range(first, last + 1))
    return next((day for day in days if all(_compare(day, op, literal) for op, literal in demands)), None)


def _in_time(leaves: LeafSet) -> bool:
    """Without ``Facts.as_of``: whether some ``as_of`` meets *leaves* with every event they count on.

    Evaluation without a date counts a dated event as having happened. A set
    that also asks something of the date (``before``/``after``, a
    :class:`_Happened` mark) must leave it on or after each event a bare fact
    or a comparison with dates relies on (a comparison of an event after the
    date is unknown): a fact the set lets be plain ``true``, or a value of
    another kind than a date, relies on none; another must be dated, at the
    earliest on the first day its leaves allow.
    """
    found = [d for leaf in leaves if (d := _demands(leaf, None)) is not None]
    timing = [demand for name, demands in found if name == _AS_OF for demand in demands["date"]]
    if not timing:
        return True
    by_name: dict[str, list[_Demands]] = {}
    for name, demands in found:
        by_name.setdefault(name, []).append(demands)
    events = {
        fact
        for leaf in leaves
        if not (isinstance(leaf, Not) and isinstance(leaf.item, Fact))  # `not x` relies on no event
        and (fact := _fact_of(leaf)) is not None
    }
    for event in events:
        asked = by_name[event]
        kinds = set(asked[0]).intersection(*asked[1:])
        if any(_possible(kind, [d for demands in asked for d in demands[kind]]) for kind in kinds - {"date"}):
            continue
        day = _earliest([d for demands in asked for d in demands["date"]]) if "date" in kinds else None
        if day is None:
            return False
        timing.append((">=", day))
    return _possible("date", timing)


def _timed(condition: Condition) -> bool:
    """Whether *condition* has a ``before`` or ``after`` leaf."""
    return any(isinstance(node, Before | After) for node in walk(condition))


def _fact_of(leaf: Condition) -> str | None:
    """The fact a fact or comparison leaf (possibly negated) reads."""
    if isinstance(leaf, Not):
        leaf = leaf.item
    if isinstance(leaf, Fact):
        return leaf.name
    if isinstance(leaf, Compare):
        return leaf.fact
    return None


def _reads(leaf: Condition) -> object:
    """What a leaf (possibly negated) depends on: its fact's name, ``as_of``, or the leaf itself."""
    name = _fact_of(leaf)
    if name is not None:
        return name
    atom = leaf.item if isinstance(leaf, Not) else leaf
    return _AS_OF if isinstance(atom, Before | After) else atom


class _Search:
    """The bound of one search: how many candidate sets a sub-condition keeps; whether some were left."""

    __slots__ = ("cap", "truncated")

    def __init__(self, cap: int) -> None:
        self.cap = cap
        self.truncated = False


#: How much wider the search looks again when a bounded one found nothing but had left sets aside.
_WIDER = 4


def _widened(limit: int, run: Callable[[_Search], tuple[T, ...]], false: Callable[[], bool]) -> tuple[T, ...]:
    """``run`` with the usual bound, then, if that found nothing but left sets aside, once more wider.

    Sets left aside by the bound can be the only ones that survive a later
    join, and an empty answer claims that nothing can help. What evaluation
    already finds *false* needs no second look.
    """
    search = _Search(max(4 * limit, 64))
    found = run(search)
    if not found and search.truncated and not false():
        found = run(_Search(_WIDER * search.cap))
    return found


class _Recent(Generic[T]):
    """A cache of what was used lately, so that memory stays bounded on wide conditions.

    Holds the entries of the current generation and of the previous one;
    when the current one is full it becomes the previous one. An entry used
    again moves to the current generation. A miss only costs a recomputation:
    a cache of pure functions gives the same results whatever it forgot.
    """

    __slots__ = ("current", "previous", "size")

    def __init__(self, size: int) -> None:
        self.size = size
        self.current: dict[LeafSet, T] = {}
        self.previous: dict[LeafSet, T] = {}

    def recall(self, key: LeafSet) -> T | None:
        found = self.current.get(key)
        if found is None:
            found = self.previous.get(key)
            if found is not None:
                self.keep(key, found)
        return found

    def keep(self, key: LeafSet, value: T) -> T:
        if len(self.current) >= self.size:
            self.previous, self.current = self.current, {}
        self.current[key] = value
        return value


class _Requirements:
    """Minimal sufficient sets of leaves, computed on the negation normal form.

    *expand*, when given, replaces an undecided ``in_force("x")`` leaf by the
    sets that put x in force (``expand("x", False)``) and ``not in_force("x")``
    by the sets that rule it out (``expand("x", True)``); frameworks supply it.
    *timed* says whether the conditions have ``before``/``after`` leaves: then,
    without ``Facts.as_of``, sets keep the evaluation date on or after the
    events they rely on (:attr:`timing`).
    """

    def __init__(
        self,
        evaluator: _Evaluator,
        limit: int,
        expand: Callable[[str, bool], list[LeafSet]] | None = None,
        order: dict[Condition, int] | None = None,
        *,
        timed: bool = False,
        search: _Search | None = None,
    ) -> None:
        self.evaluator = evaluator
        self.limit = limit
        self.search = _Search(max(4 * limit, 64)) if search is None else search
        self.expand = expand
        self.order: dict[Condition, int] = {} if order is None else order
        # per leaf set: whether some values satisfy it, its leaves by what they read, its rank;
        # the sets of a few joins at a time (a wide condition makes thousands of large sets)
        size = 8 * self.search.cap + 256
        self.satisfiable: _Recent[bool] = _Recent(size)
        self.groups: _Recent[dict[object, LeafSet]] = _Recent(size)
        self.ranks: _Recent[list[int]] = _Recent(size)
        self.parents: _Recent[tuple[LeafSet, LeafSet]] = _Recent(size)
        #: Whether sets must leave the unknown evaluation date after their events (marks, _in_time).
        self.timing = timed and evaluator.as_of is None

    def sets(self, node: Condition, negate: bool = False) -> list[LeafSet]:
        kind: type | None = type(node)
        if kind not in _NODE_CLASSES:
            kind = _node_class(node)  # a subclass of a node class
        if kind is Not:
            return self.sets(node.item, not negate)  # type: ignore[union-attr]
        if kind is AllOf or kind is AnyOf:
            families = [self.sets(item, negate) for item in node.items]  # type: ignore[union-attr]
            if (kind is AllOf) != negate:
                return self.all_of(families)
            return self.minimise(s for family in families for s in family)
        if kind is AtLeast:
            count, items = node.count, node.items  # type: ignore[union-attr]
            need = len(items) - count + 1 if negate else count
            return self.at_least(need, [self.sets(item, negate) for item in items])
        return self.literal(_negated(node) if negate else node)

    def literal(self, leaf: Condition) -> list[LeafSet]:
        truth = self.evaluator.leaf(leaf).truth
        if truth is _TRUE:
            if self.timing and self.expand is not None:
                # a reference decided true can still rely on events the evaluation date must follow
                if isinstance(leaf, InForce):
                    return self.expand(leaf.commitment, False)
                if isinstance(leaf, Not) and isinstance(leaf.item, InForce):
                    return self.expand(leaf.item.commitment, True)
            return [self.happened(leaf)]
        if truth is _FALSE or _fact_of(leaf) in self.evaluator.values:
            return []  # false, or unknown only because a known value does not compare: no fact helps
        if self.expand is not None:
            # in_force("x") needs what puts x in force; not in_force("x") what rules it out.
            if isinstance(leaf, InForce):
                return self.expand(leaf.commitment, False)
            if isinstance(leaf, Not) and isinstance(leaf.item, InForce):
                return self.expand(leaf.item.commitment, True)
        return self.alone(leaf)

    def alone(self, leaf: Condition) -> list[LeafSet]:
        """The set of *leaf* alone, unless no value makes it true (``x < ""``, ``d > 9999-12-31``)."""
        single = frozenset((leaf,))
        if not self.consistent(single):
            return []
        self.order.setdefault(leaf, len(self.order))
        return [single]

    def happened(self, leaf: Condition) -> LeafSet:
        """What a leaf true given the facts still asks: nothing, or that ``as_of`` follow its event.

        Without ``Facts.as_of`` a fact dated *d* is true, as in evaluation; a set
        that also needs ``before``/``after`` must leave ``as_of`` on or after *d*,
        so the fact stays in the set as a :class:`_Happened` mark.
        """
        if self.timing and not isinstance(leaf, Not | Before | After):  # a fact, a comparison
            name = _fact_of(leaf)
            day = None if name is None else self.evaluator.values.get(name)
            if isinstance(day, dt.date):
                return frozenset((_Happened(Before(day)),))
        return _NOTHING

    def all_of(self, families: list[list[LeafSet]]) -> list[LeafSet]:
        """The sets making every item true, given each item's family: joins of one set of each.

        The items with one set each (most of a wide condition's) are joined at
        once: their union, checked once. Joining them one by one would copy
        the growing set for each item, time growing with the square of the
        width. Every subset of a satisfiable set, and of a set in time for its
        events, is so too: one check of the union is the checks of every join.
        """
        singles = [family[0] for family in families if len(family) == 1]
        result: list[LeafSet] = [_NOTHING]
        if len(singles) > 1:
            union = frozenset().union(*singles)
            if not self.consistent(union) or (self.timing and not _in_time(union)):
                return []
            result = [union]
            families = [family for family in families if len(family) != 1]
        for family in families:
            result = self.both(result, family)
        return result

    def both(self, left: list[LeafSet], right: list[LeafSet], apart: bool = False) -> list[LeafSet]:
        """The smallest satisfiable unions of a set of *left* with a set of *right*.

        *apart*: no leaf of *left* reads what a leaf of *right* reads, so every union is satisfiable.
        """
        made: dict[LeafSet, tuple[LeafSet, LeafSet]] = {}  # each new union's parents
        unions = []
        grouped = [(b, None if apart else self.grouped(b)) for b in right]
        for a in left:
            groups_a = None if apart else self.grouped(a)
            for b, groups_b in grouped:
                if a <= b:  # the empty set included
                    unions.append(b)
                elif b <= a:
                    unions.append(a)
                elif apart or self.compatible(a, b, groups_a, groups_b):  # type: ignore[arg-type]
                    unions.append(self.union(a, b, made, apart))
        if self.timing:  # a set too late for its events stays so, whatever joins it
            unions = [union for union in unions if _in_time(union)]
        kept = self.minimise(unions)
        for union in kept:  # the kept unions' groups will be derived from their parents'
            parents = made.get(union)
            if parents is not None:
                self.parents.keep(union, parents)
        return kept

    def at_least(self, need: int, families: list[list[LeafSet]]) -> list[LeafSet]:
        """The sets making *need* of the items true, given each item's family."""
        families = [family for family in families if family]  # an item that cannot hold never helps
        if need > len(families):
            return []
        singles = [family[0] for family in families if len(family) == 1 and len(family[0]) <= 1]
        if len(singles) == len(families):
            leaves = [leaf for single in singles for leaf in single]  # the items already true add none
            more = need - (len(families) - len(leaves))
            if more <= 0:
                return [_NOTHING]
            if len({_reads(leaf) for leaf in leaves}) == len(leaves):
                # One leaf per item, no two reading the same thing: every union is satisfiable,
                # and the smallest sets are the first combinations in order.
                leaves.sort(key=lambda leaf: self.order.get(leaf, -1))
                if math.comb(len(leaves), more) > self.search.cap:
                    self.search.truncated = True
                chosen = itertools.islice(itertools.combinations(leaves, more), self.search.cap)
                return [frozenset(combination) for combination in chosen]
        # Items reading nothing in common (the usual "k of these guarantors"): every union of
        # sets of distinct items is satisfiable, and none needs checking.
        reads = [set().union(*(self.grouped(leaves) for leaves in family)) for family in families]
        apart = sum(map(len, reads)) == len(set().union(*reads))
        # The sets of every count stay alive through the items: the caches keep them all.
        self.room(4 * (need + 1) * self.search.cap)
        # reach[c]: sets making c of the items seen so far true; a count the items
        # left cannot lift to *need* is not kept.
        reach: list[list[LeafSet]] = [[_NOTHING], *([] for _ in range(need))]
        for seen, family in enumerate(families):
            left = len(families) - seen - 1
            for c in range(min(need, seen + 1), max(need - left, 1) - 1, -1):
                if reach[c - 1]:
                    reach[c] = self.minimise([*reach[c], *self.both(reach[c - 1], family, apart)])
        return reach[need]

    def room(self, size: int) -> None:
        """Let the caches hold at least *size* sets per generation."""
        for cache in (self.satisfiable, self.groups, self.ranks, self.parents):
            cache.size = max(cache.size, size)

    def union(
        self, a: LeafSet, b: LeafSet, made: dict[LeafSet, tuple[LeafSet, LeafSet]], apart: bool = False
    ) -> LeafSet:
        """``a | b``, its parents noted in *made*, its rank remembered when *a* and *b* are disjoint.

        Joins add a few leaves to large sets over and over: deriving a union's
        rank and groups (:meth:`grouped`) from its parents' spares going through
        every leaf of every union (hashing attrs leaves in Python). Ranks are
        needed for every candidate, groups only for the sets kept.
        """
        union = a | b
        made[union] = (a, b)
        if apart or a.isdisjoint(b):
            self.ranks.keep(union, sorted(self.numbers(a) + self.numbers(b)))
        return union

    def numbers(self, leaves: LeafSet) -> list[int]:
        """The order numbers of *leaves*, ascending: how sets of one size are ordered."""
        found = self.ranks.recall(leaves)
        if found is None:
            get = self.order.get
            found = self.ranks.keep(leaves, sorted([get(leaf, -1) for leaf in leaves]))
        return found

    def minimise(self, candidates: Iterable[LeafSet]) -> list[LeafSet]:
        """The smallest of *candidates* without their supersets, at most ``cap``.

        Fewest leaves first, then by :meth:`numbers`.
        """
        by_size: dict[int, list[LeafSet]] = {}
        for leaves in set(candidates):
            by_size.setdefault(len(leaves), []).append(leaves)
        kept: list[LeafSet] = []
        smaller: list[LeafSet] = []  # the kept sets of two leaves or more, smaller than this size
        singles: set[Condition] = set()  # the leaves of the kept one-leaf sets: one lookup for them all
        for size in sorted(by_size):  # the sizes past the cap are never sorted
            ranked = sorted([(self.numbers(leaves), leaves) for leaves in by_size[size]], key=_first)
            start = len(kept)
            for _, leaves in ranked:
                # distinct sets of one size never contain one another: only smaller ones are checked
                if not singles.isdisjoint(leaves) or any(small <= leaves for small in smaller):
                    continue
                kept.append(leaves)
                if len(kept) >= self.search.cap:
                    self.search.truncated = True  # perhaps: the rest may all be supersets
                    return kept
            if size == 1:
                singles.update(*kept[start:])
            else:
                smaller += kept[start:]
        return kept

    def consistent(self, leaves: LeafSet) -> bool:
        """False when no values could make every leaf true together (see :func:`_satisfiable`)."""
        found = self.satisfiable.recall(leaves)
        if found is None:
            found = self.satisfiable.keep(leaves, _satisfiable(leaves, self.evaluator.as_of))
        return found

    def grouped(self, leaves: LeafSet) -> dict[object, LeafSet]:
        """*leaves* by what they read (a fact, ``as_of`` or a reference), remembered."""
        found = self.groups.recall(leaves)
        if found is not None:
            return found
        parents = self.parents.recall(leaves)
        if parents is not None:  # a union: merged from its parents' groups, when they are known
            groups_a, groups_b = self.groups.recall(parents[0]), self.groups.recall(parents[1])
            if groups_a is not None and groups_b is not None:
                if len(groups_a) < len(groups_b):
                    groups_a, groups_b = groups_b, groups_a
                merged = dict(groups_a)
                for read, group in groups_b.items():
                    have = merged.get(read)
                    merged[read] = group if have is None else have | group
                return self.groups.keep(leaves, merged)
        by_read: dict[object, set[Condition]] = {}
        for leaf in leaves:
            by_read.setdefault(_reads(leaf), set()).add(leaf)
        return self.groups.keep(leaves, {read: frozenset(group) for read, group in by_read.items()})

    def compatible(
        self, a: LeafSet, b: LeafSet, groups_a: dict[object, LeafSet], groups_b: dict[object, LeafSet]
    ) -> bool:
        """Whether the union of two satisfiable sets is satisfiable too.

        Neither set contains the other (the join takes the larger then).
        Satisfiability splits by what leaves read (:func:`_satisfiable` checks
        each fact, ``as_of`` and reference on its own), so only the reads the
        two sets share are checked, and only where neither set's leaves on
        that read contain the other's (*groups_a*, *groups_b*: the sets'
        :meth:`grouped`). Every set the computation makes is satisfiable
        (single leaves are checked, unions come from here).
        """
        if len(groups_a) > len(groups_b):
            groups_a, groups_b = groups_b, groups_a
        for read, leaves_a in groups_a.items():
            leaves_b = groups_b.get(read)
            if leaves_b is None or leaves_a <= leaves_b or leaves_b <= leaves_a:
                continue
            if not self.consistent(leaves_a | leaves_b):
                return False
        return True

    def pruned(self, leaves: LeafSet) -> LeafSet:
        """*leaves* without those the others imply (``x > 3`` beside ``x > 5``), latest first.

        Only leaves reading the same thing can imply one another, so each group
        of them is pruned on its own.
        """
        if len(leaves) < 2:
            return leaves
        dropped: set[Condition] = set()
        groups = self.grouped(leaves)
        as_of = self.evaluator.as_of
        # Beside before/after, a bare fact says its event happened by the evaluation date: it goes
        # only if the others imply it on the earliest date the set allows.
        earliest = None
        if self.timing and _AS_OF in groups:
            found = [_demands(leaf, None) for leaf in groups[_AS_OF]]
            earliest = _earliest([d for one in found if one is not None for d in one[1]["date"]])
        for group in groups.values():
            if len(group) < 2:
                continue
            kept = set(group)
            for leaf in sorted(group, key=lambda leaf: self.order.get(leaf, -1), reverse=True):
                day = earliest if earliest is not None and type(leaf) is Fact else as_of
                if _implied(leaf, kept - {leaf}, day, by_as_of=False):  # readable (see _implied)
                    kept.discard(leaf)
            dropped |= group - kept
        return leaves - dropped if dropped else leaves

    def entails(self, strong: LeafSet, weak: LeafSet) -> bool:
        """Whether every value making all of *strong* true makes all of *weak* true."""
        as_of = self.evaluator.as_of
        return all(leaf in strong or _implied(leaf, strong, as_of) for leaf in weak)

    def weakest(self, family: list[LeafSet]) -> list[LeafSet]:
        """*family* without the sets another, weaker one covers (``x > 5`` beside ``x > 3``).

        Of sets that entail each other the first is kept.
        """
        reads = [frozenset(_fact_of(leaf) or leaf for leaf in leaves) for leaves in family]
        kept = []
        for i, leaves in enumerate(family):
            covered = False
            for j, other in enumerate(family):
                if j == i or not reads[j] <= reads[i] or not self.entails(leaves, other):
                    continue
                if j < i or not self.entails(other, leaves):
                    covered = True
                    break
            if not covered:
                kept.append(leaves)
        return kept

    def finish(self, family: list[LeafSet]) -> tuple[tuple[Condition, ...], ...]:
        if self.timing:  # the marks have done their work: every set left is in time for them
            family = [
                frozenset(leaf for leaf in leaves if type(leaf) is not _Happened)
                for leaves in family
                if _in_time(leaves)
            ]
        ordered = self.weakest(self.minimise(self.pruned(leaves) for leaves in family))[: self.limit]
        return tuple(tuple(sorted(leaves, key=lambda leaf: self.order.get(leaf, -1))) for leaves in ordered)


def _check_limit(limit: object) -> int:
    """*limit* as an int (numpy's integers too) when it is a whole number ≥ 1."""
    found = as_integer(limit)
    if found is None or found < 1:
        raise ValidationError(f"limit: {show(limit)} is not a whole number ≥ 1")
    return found


def what_would_it_take(
    condition: Condition | str,
    facts: Facts | Mapping[str, FactValue] | None = None,
    *,
    limit: int = 16,
) -> tuple[tuple[Condition, ...], ...]:
    """The smallest sets of leaves that, if they held, would make *condition* true.

    Each set is a tuple of leaves (facts, comparisons, ``before``/``after``,
    ``in_force``, or their negations such as ``Not(Fact("withdrawn"))`` or
    ``legal_basis != "bilateral"``). Leaves already true given *facts* are
    left out of the sets; leaves already false are never used, nor are leaves
    on a known fact whose value does not compare (``troops`` known as
    ``"many"`` in ``troops > 5000``): only a correction, not a further fact,
    could make them true. Sets that no values could make true together are
    dropped, and so are leaves no value makes true (``x < ""``): two values
    for one fact (``x == 1`` with ``x == 2``), ranges that do not meet
    (``x > 5`` with ``x < 3``, dates a day apart included), a value outside a
    list, kinds that cannot agree (``not a`` with ``a > 5``), ``before``/``after``
    that exclude each other, or a leaf with its negation. The check is exact
    for numbers, dates, booleans and lists, and keeps a set whenever it cannot
    prove it impossible (two strings with nothing between them, say).

    No set is a superset of another, nor entails another (``x > 5`` is not
    listed beside ``x > 3``), and no leaf in a set follows from the others
    (``x > 3`` beside ``x > 5``), but for one that says again that an event
    happened by ``facts.as_of``, which a comparison of its date also needs:
    the end of a window of dates (``signed >= 2024-06-02 and signed <=
    2025-06-01`` on 2025-06-01), a bare fact beside such a comparison. Sets come fewest leaves first, then in
    the order their leaves appear in the condition. ``((),)`` — one empty
    set — means the condition is already true; ``()`` means nothing can make
    it true any more.

    Without ``Facts.as_of`` a dated event counts as having happened, as in
    :func:`~accord.evaluate`: when the condition has ``before``/``after``, a
    set leaves the evaluation date on or after the events it relies on, known
    or dated by the set (``settlement_signed and before 2026-01-01`` has no
    set when the settlement is dated 2026-03-01). Sets take the facts as
    given and do not repeat that the date follows a known event; a bare fact
    the set dates stays in it (``a``, ``a == 2025-01-03``, ``before …``).

    The search is bounded: every sub-condition keeps at most
    ``max(4 * limit, 64)`` candidate sets (the smallest), so for very wide
    conditions the answer is the smallest sets found rather than an
    exhaustive list, and memory stays bounded; time grows with the width
    times the size of the sets (an ``and`` of 500 ``(a or b)`` items: about
    1.1 s), except for the items of an ``and`` that one set makes true,
    which are joined at once (an ``and`` of 100,000 facts: about 2 s). When that finds
    nothing but had to leave sets aside, and evaluation does not find the
    condition false, the search is run once more keeping four times as many,
    before answering ``()``.

    Args:
        condition: a condition tree or its text.
        facts: what is known (nothing, by default).
        limit: at most this many sets are returned.

    Example:
        >>> c = 'settlement_signed and (un_mandate or legal_basis == "bilateral")'
        >>> for leaves in what_would_it_take(c):
        ...     print(" and ".join(map(str, leaves)))
        settlement_signed and un_mandate
        settlement_signed and legal_basis == "bilateral"
    """
    node = _condition(condition)
    known = _facts(facts)
    limit = _check_limit(limit)
    timed = _timed(node)

    evaluator = _Evaluator(known.values, known.as_of, None)

    def run(search: _Search) -> tuple[tuple[Condition, ...], ...]:
        requirements = _Requirements(evaluator, limit, timed=timed, search=search)
        return requirements.finish(requirements.sets(node))

    return _widened(limit, run, lambda: evaluator.run(node).truth is _FALSE)
