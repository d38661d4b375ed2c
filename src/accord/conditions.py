"""The condition tree: when a position holds or a commitment activates.

Conditions are immutable data. Build them from text with
:func:`accord.parse_condition`, or in Python from the node classes and the
operators ``&`` (and), ``|`` (or) and ``~`` (not)::

    >>> from accord import Fact, Compare
    >>> c = Fact("settlement_signed") & (Fact("un_mandate") | Compare("legal_basis", "==", "bilateral"))
    >>> str(c)
    'settlement_signed and (un_mandate or legal_basis == "bilateral")'

``str(condition)`` is the canonical text: parsing it gives an equal condition.
Nested ``AllOf`` / ``AnyOf`` nodes are flattened on construction, and trees
deeper than :data:`MAX_DEPTH` are refused, so every tree can be compared,
printed, serialised and evaluated without exhausting the stack.
"""

import datetime as dt
from collections.abc import Iterable, Iterator
from decimal import Decimal
from typing import Any, Literal, TypeAlias, get_args

import attrs

from accord._ids import FACT_NAME_SCHEMA, ID_SCHEMA, KEYWORDS, check_fact_name, check_id
from accord._validation import (
    INT64_MIN,
    JSON_SCHEMA,
    UINT64_MAX,
    check_date,
    check_sequence,
    check_text,
    is_finite,
    native,
    show,
    to_date,
    to_tuple,
)
from accord.errors import ValidationError

__all__ = [
    "KEYWORDS",
    "MAX_DEPTH",
    "MAX_DIGITS",
    "OPERATORS",
    "After",
    "AllOf",
    "AnyOf",
    "AtLeast",
    "Before",
    "Compare",
    "Condition",
    "Fact",
    "InForce",
    "Not",
    "Operator",
    "Value",
    "facts_of",
    "format_value",
    "parse_condition",
    "references_of",
    "walk",
]

#: The deepest condition tree accepted (a leaf has depth 1).
MAX_DEPTH = 100

#: The most digits a number in a condition has before, and after, the decimal point.
MAX_DIGITS = 300
_INT_LIMIT = 10**MAX_DIGITS


#: A comparison operator.
Operator = Literal["==", "!=", "<", "<=", ">", ">=", "in", "not in"]
OPERATORS: tuple[str, ...] = get_args(Operator)
_BOOLEAN_ORDER = "true and false have no order; compare them with == or !="

#: A literal a fact is compared with.
Value: TypeAlias = bool | int | Decimal | str | dt.date


def _check_name(what: str, name: object) -> None:
    problem = check_fact_name(name, what)
    if problem:
        raise ValidationError(problem)


def _number_problem(value: object) -> str | None:
    """Why a (normalised) number is too long for a condition, if it is.

    Ints have at most :data:`MAX_DIGITS` digits; Decimals at most
    :data:`MAX_DIGITS` digits before and after the point. Longer numbers
    could not be printed or serialised (Python refuses to turn ints of more
    than 4300 digits into text) and no arrangement needs them.
    """
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        if -_INT_LIMIT < value < _INT_LIMIT:
            return None
        return f"{show(value, 40)} has more than {MAX_DIGITS} digits"
    if isinstance(value, Decimal) and value.is_finite():
        exponent = value.as_tuple().exponent
        if value.adjusted() < MAX_DIGITS and exponent >= -MAX_DIGITS:  # type: ignore[operator]
            return None
        return f"{show(value, 40)} has more than {MAX_DIGITS} digits before or after the decimal point"
    return None


def _normalise_value(value: object) -> Value:
    """One spelling per number: equal literals get equal text.

    A Decimal with an integral value becomes an int (``Decimal("2.0")`` →
    ``2``) and trailing zeros of a fraction go (``1.50`` → ``1.5``). Exact:
    no rounding, no decimal context. Numbers too long for a condition are
    left alone for :func:`_check_value` to refuse. Idempotent.
    """
    if not isinstance(value, Decimal) or not value.is_finite():
        return value  # type: ignore[return-value]
    if value.is_zero():
        return 0
    if value.adjusted() >= MAX_DIGITS:
        return value  # too large: refused, and never turned into a huge int
    sign, digits, exponent = value.as_tuple()
    assert isinstance(exponent, int)  # finite
    if exponent >= 0:
        return int(value)
    zeros, last = 0, len(digits) - 1
    while zeros < -exponent and digits[last - zeros] == 0:
        zeros += 1
    if zeros == -exponent:
        return int(value)
    return Decimal((sign, digits[: len(digits) - zeros], exponent + zeros)) if zeros else value


def _check_value(what: str, value: object) -> None:
    cls = value.__class__
    if (cls is int and -_INT_LIMIT < value < _INT_LIMIT) or cls is bool:
        return  # the common literals, decided without the checks below
    if isinstance(value, dt.datetime):
        raise ValidationError(f"{what}: {value!r} is a datetime; compare dates")
    if isinstance(value, float):
        raise ValidationError(f"{what}: {value!r} is a float; use int or Decimal")
    if not isinstance(value, bool | int | Decimal | str | dt.date):
        raise ValidationError(f"{what}: {show(value)} is not a bool, number, string or date")
    if isinstance(value, Decimal) and not is_finite(value):
        raise ValidationError(f"{what}: {value!r} is not finite")
    if isinstance(value, str):
        check_text(what, value)
    problem = _number_problem(value)
    if problem:
        raise ValidationError(f"{what}: {problem}")


class _Node:
    """Operators shared by every condition node."""

    __slots__ = ()
    #: The node's tag in the serialised form (``"fact"``, ``"all_of"``, …): the same for every
    #: object of a class, and stored in each so that msgspec writes it (see :mod:`accord._fast`).
    kind: str
    _depth: int
    #: Whether msgspec writes the tree as it is in the canonical form (see :func:`_literal_is_plain`).
    _plain: bool

    @property
    def depth(self) -> int:
        """Height of the tree below and including this node (a leaf has depth 1)."""
        return self._depth

    def __and__(self, other: "Condition") -> "AllOf":
        return AllOf(items=(self, other))

    def __or__(self, other: "Condition") -> "AnyOf":
        return AnyOf(items=(self, other))

    def __invert__(self) -> "Not":
        return Not(self)  # type: ignore[arg-type]

    def __str__(self) -> str:
        return _render(self)  # type: ignore[arg-type]


def _tag(kind: str) -> Any:
    """The ``kind`` field of a node class: fixed, and out of ``__init__``, equality and repr."""
    return attrs.field(default=kind, init=False, eq=False, repr=False, hash=False)


def _private(default: object = attrs.NOTHING) -> Any:
    """A field the node computes itself (``_depth``, ``_plain``): out of ``__init__``, equality and repr.

    Without a default, ``__attrs_post_init__`` sets it (the compound nodes, from their children).
    """
    return attrs.field(default=default, init=False, eq=False, repr=False, hash=False)


@attrs.frozen(repr=False, weakref_slot=False)
class Fact(_Node):
    """A boolean fact: true when the fact is true.

    Attributes:
        name: the fact's name, e.g. ``settlement_signed``.
    """

    name: str = attrs.field(converter=native, metadata={JSON_SCHEMA: FACT_NAME_SCHEMA})
    kind: str = _tag("fact")
    _depth: int = _private(1)
    _plain: bool = _private(True)

    def __attrs_post_init__(self) -> None:
        _check_name("Fact.name", self.name)

    def __repr__(self) -> str:
        return f"Fact({self.name!r})"


def _sort_key(value: object) -> str:
    return show(value, width=1 << 62)


def _convert_compare_value(value: object) -> object:
    # an IntEnum or StrEnum member, a numpy scalar: the plain value it holds, as a literal would be
    cls = value.__class__
    if cls is str or cls is int or cls is bool:
        return value  # already plain and normal
    if isinstance(value, list | tuple | set | frozenset):
        items = tuple([_normalise_value(native(v)) for v in value])
        return tuple(sorted(items, key=_sort_key)) if isinstance(value, set | frozenset) else items
    return _normalise_value(native(value))


def _plain_literal(value: object) -> bool:
    cls = value.__class__
    return cls is str or cls is bool or (cls is int and INT64_MIN <= value <= UINT64_MAX)  # type: ignore[operator]


def _literal_is_plain(node: "Compare") -> bool:
    """Whether msgspec writes the comparison's literal as the canonical form does.

    So it does for a string, a bool, an int of 64 bits, or a tuple of them; the canonical form
    spells Decimals and dates as ``{"decimal": …}`` / ``{"date": …}``, and larger ints itself.
    """
    value = node.value
    if value.__class__ is tuple:
        return all(map(_plain_literal, value))
    return _plain_literal(value)


def _value_key(value: object) -> object:
    # bool == 1 and hash(True) == hash(1) in Python; in conditions `x == true`
    # and `x == 1` are different, so equality and hashing see the kind too.
    if isinstance(value, tuple):
        return tuple(_value_key(v) for v in value)
    return (isinstance(value, bool), value)


@attrs.frozen(repr=False, weakref_slot=False)
class Compare(_Node):
    """A comparison of a fact with a literal: ``troops >= 5000``, ``basis in ["un", "eu"]``.

    Attributes:
        fact: the fact's name.
        op: one of ``== != < <= > >= in``, ``not in``.
        value: the literal; a non-empty tuple of literals for ``in`` / ``not in``.
    """

    fact: str = attrs.field(converter=native, metadata={JSON_SCHEMA: FACT_NAME_SCHEMA})
    op: Operator
    value: Value | tuple[Value, ...] = attrs.field(converter=_convert_compare_value, eq=_value_key)
    kind: str = _tag("compare")
    _depth: int = _private(1)
    _plain: bool = _private(attrs.Factory(_literal_is_plain, takes_self=True))

    def __attrs_post_init__(self) -> None:
        _check_name("Compare.fact", self.fact)
        if self.op not in OPERATORS:
            raise ValidationError(f"Compare.op: {self.op!r} is not one of {', '.join(OPERATORS)}")
        if self.op in ("in", "not in"):
            if not isinstance(self.value, tuple) or not self.value:
                raise ValidationError(
                    f"Compare.value: {self.op!r} needs a non-empty list, got {show(self.value)}"
                )
            for i, v in enumerate(self.value):
                _check_value(f"Compare.value[{i}]", v)
        else:
            if isinstance(self.value, tuple):  # a list read or given with an operator of one value
                hint = "in" if self.op == "==" else "not in" if self.op == "!=" else None
                use = f"; to compare with a list use {hint!r}" if hint else ""
                got = f"{self.op!r} compares with one value, got a list {show(list(self.value))}"
                raise ValidationError(f"Compare.value: {got}{use}")
            _check_value("Compare.value", self.value)
            if self.value.__class__ is bool and self.op not in ("==", "!="):
                raise ValidationError(f"Compare.op: {self.op!r} with {self.value!r}: {_BOOLEAN_ORDER}")

    def __repr__(self) -> str:
        return f"Compare({self.fact!r}, {self.op!r}, {self.value!r})"


def _flatten(kind: str, items: Iterable[Any]) -> tuple[Any, ...]:
    items = to_tuple(items)
    if not isinstance(items, tuple):
        return items  # refused by the post-init, with the field's name
    for item in items:
        if isinstance(item, _Node) and item.kind == kind:
            break
    else:  # nothing to flatten (the common case): the tuple as it is
        return items
    out: list[Any] = []
    for item in items:
        if isinstance(item, _Node) and item.kind == kind:
            out.extend(item.items)  # type: ignore[attr-defined]
        else:
            out.append(item)
    return tuple(out)


def _flatten_all(items: Iterable[Any]) -> tuple[Any, ...]:
    return _flatten("all_of", items)


def _flatten_any(items: Iterable[Any]) -> tuple[Any, ...]:
    return _flatten("any_of", items)


def _flattened_items(kind: str) -> dict[str, Any]:
    """JSON Schema of the items of an ``and`` / ``or``: two or more, once nested ones are flattened.

    A single item is enough when items of the same kind bring the others
    (``all_of`` of one ``all_of`` of two facts is read as ``a and b``).
    """
    same_kind = {"properties": {"kind": {"const": kind}}}
    return {"anyOf": [{"minItems": 2}, {"minItems": 1, "items": same_kind}]}


def _check_children(node: "_Node", what: str, items: tuple[object, ...], *, single: bool = False) -> None:
    """Check a node's children and set its ``_depth`` and ``_plain`` (*single*: ``Not``'s one child).

    The node is plain when every child is plain and of one of the node classes themselves (msgspec
    would write a subclass's own fields too).
    """
    depth = 0
    plain = True
    for item in items:
        if item.__class__ not in _NODE_CLASSES:
            plain = _other_child(what, items, item, single)
        elif not item._plain:  # type: ignore[attr-defined]
            plain = False
        d = item._depth  # type: ignore[attr-defined]
        if d > depth:
            depth = d
    if depth >= MAX_DEPTH:
        raise ValidationError(f"{what}: condition nested deeper than {MAX_DEPTH} levels")
    _setattr(node, "_depth", depth + 1)
    _setattr(node, "_plain", plain)


_setattr = object.__setattr__


def _other_child(what: str, items: tuple[object, ...], item: object, single: bool) -> bool:
    """False for a child of a subclass of the node classes (never plain); raise for a non-condition."""
    if isinstance(item, _NODE_TYPES):
        return False
    i = next(i for i, x in enumerate(items) if x is item)
    where = what if single else f"{what}[{i}]"
    raise ValidationError(f"{where}: {item!r:.60} is not a condition")


@attrs.frozen(repr=False, weakref_slot=False)
class AllOf(_Node):
    """True when every item is true (``a and b and …``).

    Attributes:
        items: at least two conditions; nested ``AllOf`` items are flattened.
    """

    items: tuple["Condition", ...] = attrs.field(
        converter=_flatten_all, metadata={JSON_SCHEMA: _flattened_items("all_of")}
    )
    kind: str = _tag("all_of")
    _depth: int = _private()
    _plain: bool = _private()

    def __attrs_post_init__(self) -> None:
        if self.items.__class__ is not tuple:
            check_sequence("AllOf.items", self.items)  # a string, a mapping, a number: refused
        if len(self.items) < 2:
            raise ValidationError(f"AllOf.items: needs at least two conditions, got {len(self.items)}")
        _check_children(self, "AllOf.items", self.items)

    def __repr__(self) -> str:
        return f"AllOf({list(self.items)!r})"


@attrs.frozen(repr=False, weakref_slot=False)
class AnyOf(_Node):
    """True when at least one item is true (``a or b or …``).

    Attributes:
        items: at least two conditions; nested ``AnyOf`` items are flattened.
    """

    items: tuple["Condition", ...] = attrs.field(
        converter=_flatten_any, metadata={JSON_SCHEMA: _flattened_items("any_of")}
    )
    kind: str = _tag("any_of")
    _depth: int = _private()
    _plain: bool = _private()

    def __attrs_post_init__(self) -> None:
        if self.items.__class__ is not tuple:
            check_sequence("AnyOf.items", self.items)  # a string, a mapping, a number: refused
        if len(self.items) < 2:
            raise ValidationError(f"AnyOf.items: needs at least two conditions, got {len(self.items)}")
        _check_children(self, "AnyOf.items", self.items)

    def __repr__(self) -> str:
        return f"AnyOf({list(self.items)!r})"


@attrs.frozen(repr=False, weakref_slot=False)
class Not(_Node):
    """True when the item is false (``not a``).

    Attributes:
        item: the negated condition.
    """

    item: "Condition"
    kind: str = _tag("not")
    _depth: int = _private()
    _plain: bool = _private()

    def __attrs_post_init__(self) -> None:
        _check_children(self, "Not.item", (self.item,), single=True)

    def __repr__(self) -> str:
        return f"Not({self.item!r})"


@attrs.frozen(repr=False, weakref_slot=False)
class AtLeast(_Node):
    """True when at least ``count`` of the items are true (``at least 2 of (a, b, c)``).

    Attributes:
        count: how many must hold, 1 ≤ count ≤ number of items.
        items: the candidate conditions.
    """

    count: int = attrs.field(converter=native, metadata={JSON_SCHEMA: {"minimum": 1}})
    items: tuple["Condition", ...] = attrs.field(converter=to_tuple, metadata={JSON_SCHEMA: {"minItems": 1}})
    kind: str = _tag("at_least")
    _depth: int = _private()
    _plain: bool = _private()

    def __attrs_post_init__(self) -> None:
        if self.items.__class__ is not tuple:
            check_sequence("AtLeast.items", self.items)  # a string, a mapping, a number: refused
        if not isinstance(self.count, int) or isinstance(self.count, bool):
            raise ValidationError(f"AtLeast.count: {self.count!r} is not an integer")
        if not 1 <= self.count <= len(self.items):
            raise ValidationError(
                f"AtLeast.count: {self.count} is not between 1 and the {len(self.items)} items"
            )
        _check_children(self, "AtLeast.items", self.items)

    def __repr__(self) -> str:
        return f"AtLeast({self.count!r}, {list(self.items)!r})"


def _date_is_plain(node: "Before | After") -> bool:
    """Whether msgspec writes the node's date (it writes ``datetime.date`` itself, not subclasses)."""
    return node.date.__class__ is dt.date


def _check_time(what: str, value: object) -> None:
    check_date(what, value)  # an aware datetime was made its UTC date by the converter


@attrs.frozen(repr=False, weakref_slot=False)
class Before(_Node):
    """True when the evaluation date (``Facts.as_of``) is before ``date``.

    Attributes:
        date: the deadline.
    """

    date: dt.date = attrs.field(converter=to_date)
    kind: str = _tag("before")
    _depth: int = _private(1)
    _plain: bool = _private(attrs.Factory(_date_is_plain, takes_self=True))

    def __attrs_post_init__(self) -> None:
        _check_time("Before.date", self.date)

    def __repr__(self) -> str:
        return f"Before({self.date!r})"


@attrs.frozen(repr=False, weakref_slot=False)
class After(_Node):
    """True when the evaluation date (``Facts.as_of``) is after ``date``.

    Attributes:
        date: the start.
    """

    date: dt.date = attrs.field(converter=to_date)
    kind: str = _tag("after")
    _depth: int = _private(1)
    _plain: bool = _private(attrs.Factory(_date_is_plain, takes_self=True))

    def __attrs_post_init__(self) -> None:
        _check_time("After.date", self.date)

    def __repr__(self) -> str:
        return f"After({self.date!r})"


@attrs.frozen(repr=False, weakref_slot=False)
class InForce(_Node):
    """True when another commitment of the framework is in force.

    Attributes:
        commitment: the other commitment's id.
    """

    commitment: str = attrs.field(converter=native, metadata={JSON_SCHEMA: ID_SCHEMA})
    kind: str = _tag("in_force")
    _depth: int = _private(1)
    _plain: bool = _private(True)

    def __attrs_post_init__(self) -> None:
        problem = check_id(self.commitment, "InForce.commitment")
        if problem:
            raise ValidationError(problem)

    def __repr__(self) -> str:
        return f"InForce({self.commitment!r})"


#: Any condition node.
Condition: TypeAlias = Fact | Compare | AllOf | AnyOf | Not | AtLeast | Before | After | InForce
_NODE_TYPES = (Fact, Compare, AllOf, AnyOf, Not, AtLeast, Before, After, InForce)
_NODE_CLASSES = frozenset(_NODE_TYPES)  # exact classes: a set lookup is cheaper than isinstance


def parse_condition(text: str) -> Condition:
    r"""Read a condition from its text.

    The grammar (precedence ``not`` > ``and`` > ``or``; keywords lower case)::

        expr        := or
        or          := and ("or" and)*
        and         := not ("and" not)*
        not         := "not" not | atom
        atom        := "(" expr ")" | at_least | time | in_force | comparison | NAME
        at_least    := "at least" INT "of" "(" expr ("," expr)* ")"
        time        := ("before" | "after") DATE
        in_force    := "in_force" "(" STRING ")"
        comparison  := NAME OP value | NAME ("in" | "not in") "[" value ("," value)* "]"
        OP          := "==" | "!=" | "<" | "<=" | ">" | ">="
        value       := STRING | NUMBER | "true" | "false" | DATE

    A bare ``NAME`` is a boolean fact. Strings are in double quotes with ``\"``
    and ``\\`` escapes; numbers are ``-?[0-9]+(.[0-9]+)?`` (an int, or a
    ``Decimal`` when there is a non-zero fraction: ``2.0`` is ``2`` and
    ``1.50`` is ``1.5``; at most :data:`MAX_DIGITS` digits before and after
    the point); dates are ``YYYY-MM-DD``.
    ``parse_condition(str(c)) == c`` for every condition ``c``. Work is linear
    in the length of the text.

    Example:
        >>> parse_condition('signed and (un_mandate or basis == "bilateral")')
        AllOf([Fact('signed'), AnyOf([Fact('un_mandate'), Compare('basis', '==', 'bilateral')])])

    Raises:
        ConditionSyntaxError: the text does not follow the grammar, or nests
            deeper than :data:`MAX_DEPTH` levels; ``.column`` (1-based) says
            where and ``.expected`` what was expected there.
        ValidationError: *text* is not a string.
    """
    from accord._condition_parser import parse  # the parser imports this module

    return parse(text)


def walk(condition: Condition) -> Iterator[Condition]:
    """Every node of *condition*, depth first, parents before children."""
    stack: list[Condition] = [condition]
    while stack:
        node = stack.pop()
        yield node
        if isinstance(node, AllOf | AnyOf | AtLeast):
            stack.extend(reversed(node.items))
        elif isinstance(node, Not):
            stack.append(node.item)


def facts_of(condition: Condition) -> frozenset[str]:
    """Names of the facts a condition reads."""
    return frozenset(
        n.name if isinstance(n, Fact) else n.fact for n in walk(condition) if isinstance(n, Fact | Compare)
    )


_LEAF_TYPES = frozenset({Fact, Compare, Before, After})
_NO_REFERENCES: frozenset[str] = frozenset()


def references_of(condition: Condition) -> frozenset[str]:
    """Ids of the commitments a condition refers to through ``in_force``."""
    # A plain loop on exact classes rather than walk(): frameworks call this for
    # every commitment. Subclasses of the node classes take the isinstance route.
    if condition.__class__ in _LEAF_TYPES:
        return _NO_REFERENCES
    refs: list[str] = []
    stack: list[Condition] = [condition]
    while stack:
        node = stack.pop()
        cls = node.__class__
        if cls is AllOf or cls is AnyOf or cls is AtLeast:
            stack += [item for item in node.items if item.__class__ not in _LEAF_TYPES]  # type: ignore[union-attr]
        elif cls is Not:
            stack.append(node.item)  # type: ignore[union-attr]
        elif isinstance(node, InForce):
            refs.append(node.commitment)
        elif isinstance(node, AllOf | AnyOf | AtLeast):
            stack.extend(node.items)
        elif isinstance(node, Not):
            stack.append(node.item)
    return frozenset(refs) if refs else _NO_REFERENCES


# --- canonical text ---------------------------------------------------------


def format_value(value: Value | float) -> str:
    """A literal in the condition language's canonical spelling (a fact's float as ``str()`` gives it)."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'
    if isinstance(value, Decimal):
        return format(value, "f")
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


def _render(node: Condition, parent: int = 0) -> str:
    if isinstance(node, Fact):
        return node.name
    if isinstance(node, Compare):
        if isinstance(node.value, tuple):
            return f"{node.fact} {node.op} [{', '.join(format_value(v) for v in node.value)}]"
        return f"{node.fact} {node.op} {format_value(node.value)}"
    if isinstance(node, Before | After):
        return f"{node.kind} {node.date.isoformat()}"
    if isinstance(node, InForce):
        return f'in_force("{node.commitment}")'
    if isinstance(node, AtLeast):
        inner = ", ".join(_render(item) for item in node.items)
        return f"at least {node.count} of ({inner})"
    own = 3 if isinstance(node, Not) else 2 if isinstance(node, AllOf) else 1  # subclasses too
    if isinstance(node, Not):
        text = "not " + _render(node.item, own)
    else:
        joiner = " and " if isinstance(node, AllOf) else " or "
        text = joiner.join(_render(item, own) for item in node.items)
    return f"({text})" if own < parent else text
