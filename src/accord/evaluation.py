"""Three-valued evaluation of conditions against what is known.

In real negotiations most facts are unknown. :func:`evaluate` therefore uses
Kleene's three-valued logic: a condition is :attr:`Truth.TRUE`,
:attr:`Truth.FALSE` or :attr:`Truth.UNKNOWN`, and the :class:`Evaluation`
names the facts that were needed and missing (``unknown``), the leaves that
failed (``unmet``) and anything else that kept the answer open (``reasons``)::

    >>> from accord import Facts, evaluate, parse_condition
    >>> c = parse_condition('settlement_signed and (un_mandate or legal_basis == "bilateral")')
    >>> result = evaluate(c, Facts({"settlement_signed": True}))
    >>> result.truth
    <Truth.UNKNOWN: 'unknown'>
    >>> result.unknown
    ('legal_basis', 'un_mandate')

:meth:`accord.Framework.evaluate` evaluates every commitment of a framework,
resolving ``in_force`` references. :func:`accord.what_would_it_take` (in
``accord._requirements``) lists the smallest sets of leaves that would make
a condition true.

Rules, in short:

- ``a and b`` is false as soon as one item is false, ``a or b`` true as soon
  as one is true, ``at least k of (…)`` true once k items are true and false
  once k can no longer be reached; items are evaluated left to right and
  evaluation stops as soon as the result is decided. ``unknown``, ``unmet``
  and ``reasons`` only list what decided the result (nothing when it is true).
- A fact whose value is a date is an event that happened on that date: as a
  bare fact it is true (false if the date is after ``Facts.as_of``: it has
  not happened yet). Compared with a date, it is unknown when its date is
  after ``Facts.as_of``: on that day, when it will happen is not known (so
  ``signed < 2025-04-01`` is not true before the signing, and ``not (signed
  < d)`` stays the same as ``signed >= d``).
- Comparisons work between two numbers (int, float, ``Decimal``; floats are
  compared by their shortest decimal spelling, so ``0.1 == 0.1``), two
  strings (``==``/``!=``, and code-point order for ``<`` …), two dates, or two
  booleans (``==``/``!=`` only). Any other pairing — a string fact against a
  number, ``true`` against ``1`` — is **unknown**, with a reason naming both
  kinds; it is not an error, because facts often come from noisy pipelines.
- ``before``/``after`` compare ``Facts.as_of`` with the date (strictly) and
  are unknown without it.
- ``in_force("id")`` is unknown here (with a reason); frameworks resolve it.
"""

import datetime as dt
import enum
from collections.abc import Callable, Iterable, Mapping
from decimal import Decimal
from types import MappingProxyType
from typing import Any, TypeAlias

import attrs

from accord._ids import check_fact_name
from accord._validation import (
    OUT_OF_RANGE,
    check_optional_date,
    enum_field,
    exact,
    getstate,
    has_utc_date,
    is_finite,
    lone_surrogate,
    native,
    setstate,
    show,
    to_date,
)
from accord.conditions import (
    _NODE_CLASSES,
    _NODE_TYPES,
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
    _normalise_value,
    _number_problem,
    parse_condition,
)
from accord.errors import ValidationError

__all__ = ["Evaluation", "FactValue", "Facts", "Truth", "evaluate"]

#: What a fact may hold. A date means "this event happened on that day".
FactValue: TypeAlias = bool | int | float | Decimal | str | dt.date


class Truth(enum.Enum):
    """A three-valued truth (Kleene): ``&``, ``|`` and ``~`` combine them.

    ``bool(truth)`` is True only for :attr:`TRUE` (as in SQL, unknown does not
    count as satisfied). A plain ``bool`` combines as :attr:`TRUE` or :attr:`FALSE`
    on either side (``Truth.UNKNOWN | True`` is :attr:`TRUE`); anything else is a
    ``TypeError``.
    """

    #: Known to hold.
    TRUE = "true"
    #: Known not to hold.
    FALSE = "false"
    #: Cannot be decided from what is known.
    UNKNOWN = "unknown"

    def __bool__(self) -> bool:
        return self is Truth.TRUE

    def __invert__(self) -> "Truth":
        if self is Truth.UNKNOWN:
            return self
        return Truth.FALSE if self is Truth.TRUE else Truth.TRUE

    def __and__(self, other: "Truth | bool") -> "Truth":
        if other is True or other is False:
            other = Truth.TRUE if other else Truth.FALSE
        elif other.__class__ is not Truth:
            return NotImplemented
        if self is Truth.FALSE or other is Truth.FALSE:
            return Truth.FALSE
        return Truth.TRUE if self is Truth.TRUE and other is Truth.TRUE else Truth.UNKNOWN

    def __or__(self, other: "Truth | bool") -> "Truth":
        if other is True or other is False:
            other = Truth.TRUE if other else Truth.FALSE
        elif other.__class__ is not Truth:
            return NotImplemented
        if self is Truth.TRUE or other is Truth.TRUE:
            return Truth.TRUE
        return Truth.FALSE if self is Truth.FALSE and other is Truth.FALSE else Truth.UNKNOWN

    __rand__ = __and__
    __ror__ = __or__


_TRUE, _FALSE, _UNKNOWN = Truth.TRUE, Truth.FALSE, Truth.UNKNOWN


def _fact_value_problem(name: object, value: object) -> str | None:
    where = f"Facts.values[{name!r:.40}]"
    problem = check_fact_name(name, where)
    if problem:
        return problem
    if isinstance(value, dt.datetime):
        if value.utcoffset() is None:
            return f"{where}: naive datetime {value.isoformat()!r}"
        return None if has_utc_date(value) else f"{where}: {value.isoformat()!r} {OUT_OF_RANGE}"
    if not isinstance(value, bool | int | float | Decimal | str | dt.date):
        return f"{where}: {show(value)} is not a bool, number, string or date"
    if isinstance(value, float | Decimal) and not is_finite(value):
        return f"{where}: {value!r} is not finite"
    if isinstance(value, str) and lone_surrogate(value):  # as every constructor refuses them
        return f"{where}: {show(value)} contains a lone UTF-16 surrogate"
    problem = _number_problem(_normalise_value(value))
    return f"{where}: {problem}" if problem else None


def _convert_values(values: Mapping[str, FactValue]) -> Mapping[str, FactValue]:
    if not isinstance(values, Mapping):
        raise ValidationError(f"Facts.values: expected a mapping of fact names, got {values!r:.60}")
    values = {name: native(value) for name, value in values.items()}
    problems = [p for name, value in values.items() if (p := _fact_value_problem(name, value))]
    if problems:
        raise ValidationError(problems)
    clean = {
        name: value.astimezone(dt.UTC).date() if isinstance(value, dt.datetime) else value
        for name, value in values.items()
    }
    return MappingProxyType(dict(sorted(clean.items())))


def _values_key(values: Mapping[str, FactValue]) -> tuple[tuple[str, str, object], ...]:
    # `True == 1` in Python, but evaluation tells a boolean from a number: equal
    # Facts must evaluate alike, so each value is compared with its kind.
    # Numbers compare as evaluation compares them (exactly, floats by their
    # shortest spelling), so 1, 1.0 and Decimal("1") stay equal.
    return tuple((name, _kind(value), exact(value)) for name, value in values.items())


@attrs.frozen(repr=False)
class Facts:
    """What is known: fact values, and the date they describe.

    ``Facts({"settlement_signed": dt.date(2025, 6, 1), "un_mandate": True}, as_of=dt.date(2025, 7, 1))``.
    Facts that are not listed are unknown.

    Attributes:
        values: fact name → value: ``bool``, ``int``, ``float``, ``Decimal``,
            ``str`` or ``date`` (a date marks an event that happened on that
            day; timezone-aware datetimes become their UTC date, naive ones
            are refused). Stored read-only, sorted by name.
        as_of: the day the facts describe; ``before``/``after`` compare with
            it, and event-relative periods are checked against it.

    Two ``Facts`` are equal when they hold the same date and the same
    values, each of the same kind: ``True`` and ``1`` differ (they evaluate
    differently), while ``1``, ``1.0`` and ``Decimal("1")`` are one number.

    Raises:
        ValidationError: a name is not a fact name, or a value has the wrong
            type (or is an aware datetime with no UTC date, near the date
            limits); every problem is listed.
    """

    values: Mapping[str, FactValue] = attrs.field(converter=_convert_values, eq=_values_key, hash=False)
    as_of: dt.date | None = attrs.field(
        default=None, kw_only=True, converter=to_date, validator=check_optional_date
    )

    __getstate__ = getstate  # pickle and deepcopy the read-only values
    __setstate__ = setstate

    def __repr__(self) -> str:
        as_of = "" if self.as_of is None else f", as_of={self.as_of!r}"
        return f"Facts({dict(self.values)!r}{as_of})"


def _dedup(items: Iterable[Any]) -> tuple[Any, ...]:
    return tuple(dict.fromkeys(items))


@attrs.frozen(kw_only=True)
class Evaluation:
    """The outcome of evaluating a condition (or a commitment) against facts.

    ``bool(evaluation)`` is True only when the truth is :attr:`Truth.TRUE`.

    Attributes:
        truth: true, false or unknown.
        unknown: names of the facts that were needed and missing, sorted.
        unmet: the leaves (or negations) that evaluated false and decided
            the result, in the order they were met.
        reasons: other explanations: type mismatches, a missing evaluation
            date, reference cycles, a commitment's status or period.
        condition: what was evaluated (None for an unconditional commitment).
        starts: for a commitment with a period, its first day given the facts
            (event dates resolved), if known.
        ends: likewise its last day (the day before ``starts`` when the period
            is empty: a duration of ``P0D``).
    """

    truth: Truth = enum_field(Truth)
    unknown: tuple[str, ...] = attrs.field(default=(), converter=_dedup)
    unmet: tuple[Condition, ...] = attrs.field(default=(), converter=_dedup)
    reasons: tuple[str, ...] = attrs.field(default=(), converter=_dedup)
    condition: Condition | None = None
    starts: dt.date | None = attrs.field(default=None, validator=check_optional_date)
    ends: dt.date | None = attrs.field(default=None, validator=check_optional_date)

    def __bool__(self) -> bool:
        return self.truth is Truth.TRUE

    def explain(self) -> str:
        """A readable account: the truth and condition, then one line per explanation.

        Example:
            >>> print(evaluate("signed and un_mandate", {"signed": True}).explain())
            UNKNOWN  signed and un_mandate
              missing: un_mandate
        """
        lines = [f"{self.truth.name}  {self.condition if self.condition is not None else 'unconditional'}"]
        if self.unknown:
            lines.append(f"  missing: {', '.join(self.unknown)}")
        lines.extend(f"  unmet: {leaf}" for leaf in self.unmet)
        lines.extend(f"  because: {reason}" for reason in self.reasons)
        if self.starts is not None and self.ends is not None and self.ends < self.starts:
            lines.append(f"  applies: no day (an empty period from {self.starts.isoformat()})")
        elif self.starts is not None or self.ends is not None:
            start = self.starts.isoformat() if self.starts else "?"
            end = self.ends.isoformat() if self.ends else "open end"
            lines.append(f"  applies: {start} to {end}")
        return "\n".join(lines)


# --- the evaluator ------------------------------------------------------------------


class _Result:
    """A node's truth with what explains it (mutable, private, never shared once built)."""

    __slots__ = ("reasons", "truth", "unknown", "unmet")

    def __init__(
        self,
        truth: Truth,
        unknown: Iterable[str] = (),
        unmet: Iterable[Condition] = (),
        reasons: Iterable[str] = (),
    ) -> None:
        self.truth = truth
        self.unknown = unknown
        self.unmet = unmet
        self.reasons = reasons


_HOLDS = _Result(_TRUE)


def _gather(truth: Truth, parts: list[_Result]) -> _Result:
    if len(parts) == 1:
        only = parts[0]
        return only if only.truth is truth else _Result(truth, only.unknown, only.unmet, only.reasons)
    unknown: list[str] = []
    unmet: list[Condition] = []
    reasons: list[str] = []
    for part in parts:
        unknown.extend(part.unknown)
        unmet.extend(part.unmet)
        reasons.extend(part.reasons)
    return _Result(truth, unknown, unmet, reasons)


_KINDS: dict[type, str] = {
    bool: "boolean",
    int: "number",
    float: "number",
    Decimal: "number",
    str: "string",
    dt.date: "date",
}


def _kind(value: object) -> str:
    kind = _KINDS.get(type(value))
    if kind is not None:
        return kind
    for cls, name in _KINDS.items():  # subclasses (IntEnum, StrEnum …)
        if isinstance(value, cls):
            return name
    return type(value).__name__  # pragma: no cover - Facts and Compare only hold the kinds above


def _compare(value: Any, op: str, literal: Any) -> bool | None:
    """Whether ``value op literal`` holds; None when the kinds do not compare."""
    kind = _kind(value)
    value = exact(value)
    if op == "in" or op == "not in":
        same = [item for item in literal if _kind(item) == kind]
        if not same:
            return None
        found = any(value == item for item in same)
        return found if op == "in" else not found
    if _kind(literal) != kind:
        return None
    if op == "==":
        return bool(value == literal)
    if op == "!=":
        return bool(value != literal)
    if kind == "boolean":
        return None
    if op == "<":
        return bool(value < literal)
    if op == "<=":
        return bool(value <= literal)
    if op == ">":
        return bool(value > literal)
    return bool(value >= literal)


def _describe(value: object) -> str:
    shown = value.isoformat() if isinstance(value, dt.date) else repr(value)
    return f"{_kind(value)} {shown:.40}"


_MISSING: Any = object()
_DATE = dt.date


def _node_class(node: object) -> type | None:
    """The node class *node* is an instance of (its own, or the one it subclasses); None if none."""
    kind = type(node)
    if kind in _NODE_CLASSES:
        return kind
    return next((cls for cls in _NODE_TYPES if isinstance(node, cls)), None)


#: Resolves an ``in_force`` reference to the referenced commitment's evaluation.
Resolver: TypeAlias = Callable[[str], Evaluation]


class _Evaluator:
    __slots__ = ("as_of", "resolve", "values")

    def __init__(self, values: Mapping[str, Any], as_of: dt.date | None, resolve: Resolver | None) -> None:
        self.values = values
        self.as_of = as_of
        self.resolve = resolve

    def run(self, node: Condition, kind: type | None = None) -> _Result:
        """Evaluate *node*; *kind* is its node class when it is a subclass of one."""
        if kind is None:
            kind = type(node)
        if kind is AllOf:
            pending: list[_Result] = []
            for item in node.items:  # type: ignore[union-attr]
                result = self.run(item)
                if result.truth is _FALSE:
                    return _gather(_FALSE, [result])
                if result.truth is _UNKNOWN:
                    pending.append(result)
            return _gather(_UNKNOWN, pending) if pending else _HOLDS
        if kind is AnyOf:
            pending = []
            for item in node.items:  # type: ignore[union-attr]
                result = self.run(item)
                if result.truth is _TRUE:
                    return _HOLDS
                pending.append(result)
            open_ = any(p.truth is _UNKNOWN for p in pending)
            return _gather(_UNKNOWN if open_ else _FALSE, pending)
        if kind is Not:
            result = self.run(node.item)  # type: ignore[union-attr]
            if result.truth is _TRUE:
                return _Result(_FALSE, unmet=(node,))
            if result.truth is _FALSE:
                return _HOLDS
            return _Result(_UNKNOWN, result.unknown, (), result.reasons)
        if kind is AtLeast:
            return self._at_least(node)  # type: ignore[arg-type]
        return self.leaf(node, kind)

    def _at_least(self, node: AtLeast) -> _Result:
        need, spare = node.count, len(node.items) - node.count
        true = false = 0
        others: list[_Result] = []
        failed: list[_Result] = []
        for item in node.items:
            result = self.run(item)
            if result.truth is _TRUE:
                true += 1
                if true >= need:
                    return _HOLDS
                continue
            others.append(result)
            if result.truth is _FALSE:
                false += 1
                failed.append(result)
                if false > spare:
                    return _gather(_FALSE, failed)
        return _gather(_UNKNOWN, others)

    def leaf(self, node: Condition, kind: type | None = None) -> _Result:
        if kind is None:
            kind = type(node)
        if kind is Fact:
            return self._fact(node)  # type: ignore[arg-type]
        if kind is Compare:
            name = node.fact  # type: ignore[union-attr]
            value = self.values.get(name, _MISSING)
            if value is _MISSING:
                return _Result(_UNKNOWN, (name,))
            if (
                value.__class__ is _DATE and self.as_of is not None and value > self.as_of
            ):  # (Facts: plain dates)
                # an event that has not happened by the evaluation date: when it happens is not
                # known then (unknown, not false, so that `not (x < d)` stays `x >= d`)
                reason = f"{node}: {name} is dated {value.isoformat()}, after {self.as_of.isoformat()}"
                return _Result(_UNKNOWN, reasons=(reason,))
            holds = _compare(value, node.op, node.value)  # type: ignore[union-attr]
            if holds is None:
                literal = node.value  # type: ignore[union-attr]
                against = "a list without one" if isinstance(literal, tuple) else f"a {_kind(literal)}"
                return _Result(
                    _UNKNOWN, reasons=(f"{node}: {name} is {_describe(value)}, compared with {against}",)
                )
            return _HOLDS if holds else _Result(_FALSE, unmet=(node,))
        if kind is Before or kind is After:
            if self.as_of is None:
                return _Result(_UNKNOWN, reasons=(f"{node}: no evaluation date (Facts.as_of)",))
            day = node.date  # type: ignore[union-attr]
            holds = self.as_of < day if kind is Before else self.as_of > day
            return _HOLDS if holds else _Result(_FALSE, unmet=(node,))
        if kind is InForce:
            return self._in_force(node)  # type: ignore[arg-type]
        if kind is AllOf or kind is AnyOf or kind is Not or kind is AtLeast:
            return self.run(node, kind)  # a negated leaf from _requirements
        base = _node_class(node)  # the slow path: an instance of a subclass of a node class
        if base is None or base is kind:
            raise ValidationError(f"condition: {show(node)} is not a condition")
        return self.run(node, base)

    def _fact(self, node: Fact) -> _Result:
        value = self.values.get(node.name, _MISSING)
        if value is True:
            return _HOLDS
        if value is False:
            return _Result(_FALSE, unmet=(node,))
        if value is _MISSING:
            return _Result(_UNKNOWN, (node.name,))
        if isinstance(value, dt.date):
            if self.as_of is None or value <= self.as_of:
                return _HOLDS
            reason = f"{node.name}: dated {value.isoformat()}, after {self.as_of.isoformat()}"
            return _Result(_FALSE, unmet=(node,), reasons=(reason,))
        return _Result(_UNKNOWN, reasons=(f"{node.name}: {_describe(value)} is not true or false",))

    def _in_force(self, node: InForce) -> _Result:
        if self.resolve is None:
            return _Result(_UNKNOWN, reasons=(f"{node}: needs a framework (use Framework.evaluate)",))
        other = self.resolve(node.commitment)
        if other.truth is _TRUE:
            return _HOLDS
        reasons = [f"{node}: {reason}" for reason in other.reasons]
        if other.truth is _FALSE:
            return _Result(_FALSE, unmet=(node,), reasons=reasons)
        return _Result(_UNKNOWN, other.unknown, (), reasons)


def _to_evaluation(
    result: _Result,
    condition: Condition | None,
    starts: dt.date | None = None,
    ends: dt.date | None = None,
) -> Evaluation:
    return Evaluation(
        truth=result.truth,
        unknown=tuple(sorted(set(result.unknown))),
        unmet=tuple(result.unmet),
        reasons=tuple(result.reasons),
        condition=condition,
        starts=starts,
        ends=ends,
    )


def _facts(facts: "Facts | Mapping[str, FactValue] | None") -> Facts:
    """*facts* as :class:`Facts`; the problems of a plain mapping are named after the ``facts`` argument."""
    if facts is None:
        return Facts({})
    if isinstance(facts, Facts):
        return facts
    try:
        return Facts(facts)
    except ValidationError as error:
        raise ValidationError(
            "facts" + problem.removeprefix("Facts.values") if problem.startswith("Facts.values") else problem
            for problem in error.problems
        ) from None


def _condition(condition: Condition | str) -> Condition:
    if isinstance(condition, str):
        return parse_condition(condition)
    if not isinstance(condition, _NODE_TYPES):
        raise ValidationError(
            f"condition: {show(condition)} is not a condition (a Fact, Compare, AllOf, … node or its text)"
        )
    return condition


def evaluate(condition: Condition | str, facts: Facts | Mapping[str, FactValue]) -> Evaluation:
    """Evaluate a condition against what is known, in three-valued logic.

    Args:
        condition: a condition tree, or its text (parsed with
            :func:`~accord.parse_condition`).
        facts: a :class:`Facts`, or a plain mapping of fact values (no
            evaluation date).

    Returns:
        The truth with what decided it; see the module documentation for the
        rules. ``in_force`` references are unknown here: use
        :meth:`accord.Framework.evaluate` to resolve them.

    Example:
        >>> evaluate("troops >= 5000 or un_mandate", {"troops": 8000}).truth
        <Truth.TRUE: 'true'>
    """
    node = _condition(condition)
    known = _facts(facts)
    return _to_evaluation(_Evaluator(known.values, known.as_of, None).run(node), node)
