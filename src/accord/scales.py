"""How stances on an issue are measured.

A scale says which stances are valid on an :class:`~accord.Issue` and how far
apart two stances are: the distance between two stances divided by the
scale's range is the per-issue distance that :func:`accord.divergence` uses.
"""

import unicodedata
from decimal import Decimal
from typing import ClassVar

import attrs

from accord._validation import (
    JSON_SCHEMA,
    NOT_BLANK,
    check_sequence,
    check_text,
    comparable,
    finite_float,
    native,
    number_problem,
    show,
    str_validator,
    to_text_tuple,
)
from accord.errors import ValidationError

__all__ = ["STANCE", "IntervalScale", "NominalScale", "OrdinalScale", "Scale", "Stance"]

#: A stance: a level or option name, or a number on an interval scale.
Stance = str | int | float | Decimal


#: Levels and options: two or more distinct non-empty names (see :func:`_check_labels`).
_LABELS_SCHEMA = {"minItems": 2, "uniqueItems": True, "items": {"pattern": NOT_BLANK}}


def _check_labels(what: str, labels: tuple[str, ...]) -> None:
    check_sequence(what, labels)
    if len(labels) < 2:
        raise ValidationError(f"{what}: needs at least two, got {list(labels)!r}")
    for i, label in enumerate(labels):
        if not isinstance(label, str) or not label.strip():
            raise ValidationError(f"{what}[{i}]: {show(label)} is not a non-empty string")
        if not label.isascii():
            check_text(f"{what}[{i}]", label)
    seen: set[str] = set()
    for label in labels:
        if label in seen:
            raise ValidationError(f"{what}: {show(label)} appears twice")
        seen.add(label)
    if not all(label.isascii() for label in labels):  # the same letters encoded two ways look alike
        spelt: dict[str, str] = {}
        for label in labels:
            other = spelt.setdefault(unicodedata.normalize("NFC", label), label)
            if other != label:
                raise ValidationError(
                    f"{what}: {show(label)} and {show(other)} are the same text in two Unicode forms "
                    "(one with combining accents); keep one"
                )


def _off_scale(stance: object, labels: tuple[str, ...]) -> str:
    """Why *stance* is not one of the *labels*; a hint when it is one of them in another Unicode form."""
    found = f"{stance!r} is not one of {', '.join(labels)}"
    if isinstance(stance, str) and not stance.isascii():
        spelt = unicodedata.normalize("NFC", stance)
        same = [label for label in labels if unicodedata.normalize("NFC", label) == spelt]
        if same:
            found += f" (it is {same[0]!r} in another Unicode form: normalise text to NFC)"
    return found


@attrs.frozen(kw_only=True, weakref_slot=False)
class OrdinalScale:
    """Ordered stance levels, low to high; level *i* sits at position *i*.

    Attributes:
        levels: the level names in order, lowest first.
    """

    kind: ClassVar[str] = "ordinal"

    levels: tuple[str, ...] = attrs.field(converter=to_text_tuple, metadata={JSON_SCHEMA: _LABELS_SCHEMA})
    _index: dict[str, int] = attrs.field(init=False, repr=False, eq=False, hash=False, alias="_index")

    def __attrs_post_init__(self) -> None:
        _check_labels("OrdinalScale.levels", self.levels)
        object.__setattr__(self, "_index", {level: i for i, level in enumerate(self.levels)})

    @property
    def range(self) -> float:
        """Distance between the lowest and the highest level (``len(levels) - 1``)."""
        return float(len(self.levels) - 1)

    def check(self, stance: object) -> str | None:
        """Why *stance* is not valid on this scale, or None when it is."""
        if isinstance(stance, str) and stance in self._index:
            return None
        return _off_scale(stance, self.levels)

    def value(self, stance: Stance) -> float:
        """The numeric position of a level (0 … k−1).

        Raises:
            ValidationError: *stance* is not one of the levels.
        """
        _on_scale(self, "stance", stance)
        return float(self._index[stance])  # type: ignore[index]  # a level: checked

    def distance(self, a: Stance, b: Stance) -> float:
        """``|a − b| / range`` in [0, 1].

        Raises:
            ValidationError: *a* or *b* is not one of the levels.
        """
        _on_scale(self, "a", a)
        _on_scale(self, "b", b)
        return abs(self._index[a] - self._index[b]) / self.range  # type: ignore[index]


@attrs.frozen(kw_only=True, weakref_slot=False)
class NominalScale:
    """Unordered options: two stances are either the same (distance 0) or not (1).

    Attributes:
        options: the option names.
    """

    kind: ClassVar[str] = "nominal"

    options: tuple[str, ...] = attrs.field(converter=to_text_tuple, metadata={JSON_SCHEMA: _LABELS_SCHEMA})

    def __attrs_post_init__(self) -> None:
        _check_labels("NominalScale.options", self.options)

    @property
    def range(self) -> float:
        """Always 1: options are either equal or not."""
        return 1.0

    def check(self, stance: object) -> str | None:
        """Why *stance* is not valid on this scale, or None when it is."""
        if isinstance(stance, str) and stance in self.options:
            return None
        return _off_scale(stance, self.options)

    def distance(self, a: Stance, b: Stance) -> float:
        """0 when the options are equal, else 1.

        Raises:
            ValidationError: *a* or *b* is not one of the options.
        """
        _on_scale(self, "a", a)
        _on_scale(self, "b", b)
        return 0.0 if a == b else 1.0


def _check_bound(what: str, value: object) -> None:
    problem = number_problem(value)
    if problem is not None:
        raise ValidationError(f"{what}: {problem}")


@attrs.frozen(kw_only=True, weakref_slot=False)
class IntervalScale:
    """Numeric stances between ``low`` and ``high`` (e.g. a spending share, troop numbers).

    Attributes:
        low: the lowest valid value.
        high: the highest valid value (greater than ``low``).
        unit: what the numbers count ("percent of GDP", "troops"), if anything.
    """

    kind: ClassVar[str] = "interval"

    low: int | float | Decimal = attrs.field(converter=native)
    high: int | float | Decimal = attrs.field(converter=native)
    unit: str | None = attrs.field(
        default=None,
        converter=native,
        validator=attrs.validators.optional(str_validator()),
    )

    def __attrs_post_init__(self) -> None:
        _check_bound("IntervalScale.low", self.low)
        _check_bound("IntervalScale.high", self.high)
        low, high = comparable(self.low, self.high)
        if not low < high or not float(self.high) - float(self.low) > 0:
            raise ValidationError(
                f"IntervalScale: low {show(self.low)} must be less than high {show(self.high)}"
                " (and distinct as floating-point numbers)"
            )

    @property
    def range(self) -> float:
        """``high − low``."""
        return float(self.high) - float(self.low)

    def check(self, stance: object) -> str | None:
        """Why *stance* is not valid on this scale, or None when it is.

        A float is within the bounds when its binary value is (``0.1`` on a scale ending at
        ``Decimal(0.1)``, the Decimal made from that float), or the number it is written as is
        (``0.1`` on a scale ending at ``Decimal("0.1")``), whatever the caller's decimal context.
        """
        if stance.__class__ is not float and stance.__class__ is not int:
            stance = native(stance)  # numpy's numbers as plain ones
        if finite_float(stance) is None:
            return number_problem(stance)
        low, high = self.low, self.high
        if low.__class__ is not Decimal and high.__class__ is not Decimal and stance.__class__ is not Decimal:
            if low <= stance <= high:  # type: ignore[operator]  # ints and floats: compared exactly
                return None
        else:  # by binary value, without Python's mixed comparison, which may signal
            binary = [Decimal.from_float(n) if isinstance(n, float) else n for n in (low, stance, high)]
            if binary[0] <= binary[1] <= binary[2]:  # type: ignore[operator]
                return None
        low, value, high = comparable(self.low, stance, self.high)
        if low <= value <= high:
            return None
        return f"{_number(stance)} is outside [{_number(self.low)}, {_number(self.high)}]"

    def value(self, stance: Stance) -> float:
        """The stance as a float.

        Raises:
            ValidationError: *stance* is not a number within the bounds.
        """
        _on_scale(self, "stance", stance)
        return float(stance)

    def distance(self, a: Stance, b: Stance) -> float:
        """``|a − b| / (high − low)`` in [0, 1].

        Raises:
            ValidationError: *a* or *b* is not a number within the bounds.
        """
        _on_scale(self, "a", a)
        _on_scale(self, "b", b)
        return abs(float(a) - float(b)) / self.range


def _number(value: object) -> str:
    """A number as written (``0``, ``12.5``, ``1E+30``), cut short past 60 characters."""
    text = str(value)
    return text if len(text) <= 60 else text[:59] + "…"


def _on_scale(scale: "Scale", what: str, stance: object) -> None:
    """Refuse a *stance* that is not on *scale*, with :meth:`check`'s reason."""
    problem = scale.check(stance)
    if problem is not None:
        raise ValidationError(f"{what}: {problem}")


#: Any of the three scale types.
Scale = OrdinalScale | NominalScale | IntervalScale

#: The default ordinal scale of willingness.
STANCE = OrdinalScale(levels=("oppose", "reluctant", "neutral", "willing", "support"))
