"""Small validators and converters shared by the model classes."""

import datetime as dt
import enum
import math
import numbers
import re
from collections.abc import Callable, Iterable, Mapping
from decimal import Decimal
from types import MappingProxyType
from typing import Any, TypeVar

import attrs

from accord._ids import ID_PATTERN, MAX_ID_LENGTH, check_id
from accord.errors import ValidationError

__all__ = [
    "INT64_MIN",
    "JSON_SCHEMA",
    "LONE_SURROGATE",
    "MAX_DECIMAL_EXPONENT",
    "MAX_MAGNITUDE",
    "MAX_PROBLEMS",
    "NOT_BLANK",
    "OUT_OF_RANGE",
    "UINT64_MAX",
    "as_date",
    "as_optional_date",
    "check_date",
    "check_optional_date",
    "check_sequence",
    "check_str_mapping",
    "check_text",
    "comparable",
    "date_field",
    "date_validator",
    "enum_field",
    "exact",
    "finite_float",
    "frozen_mapping",
    "has_utc_date",
    "id_field_validator",
    "is_finite",
    "is_number",
    "lone_surrogate",
    "number_problem",
    "one_line",
    "optional_id_validator",
    "optional_str_validator",
    "show",
    "str_validator",
    "to_date",
    "to_tuple",
    "tuple_of",
    "visible",
]

T = TypeVar("T")

#: The integers the fast JSON encoders (orjson, msgspec) write as Python's ``json`` does: those
#: of 64 bits, signed or not. The canonical writers spell the others themselves.
INT64_MIN = -(2**63)
UINT64_MAX = 2**64 - 1
_ID_MATCH = ID_PATTERN.match
_DATE = dt.date


def to_tuple(value: Iterable[Any]) -> tuple[Any, ...]:
    """attrs converter: any iterable except a string or mapping becomes a tuple.

    Anything else is left as it is for the field's validator to refuse with
    the field's name (see :func:`check_sequence`).
    """
    if value.__class__ is tuple or isinstance(value, tuple | str | bytes | Mapping):
        return value  # type: ignore[return-value]
    try:
        return tuple(value)
    except TypeError:
        return value  # type: ignore[return-value]


#: Problems one error lists at most: a huge broken document or framework (millions of dangling
#: references) would otherwise build millions of messages. The count stays exact.
MAX_PROBLEMS = 1000

#: The key of an attrs field's metadata holding JSON Schema keywords that the field's type alone
#: does not give (``{"minItems": 2}``): :func:`accord.json_schema` adds them to the field's schema,
#: next to the validator that checks the same thing.
JSON_SCHEMA = "accord.json_schema"


#: A JSON Schema pattern (ECMA-262) matching text with a character that is not whitespace, as
#: ``str.strip`` sees it: the characters ``str.isspace`` accepts, spelt out (``\\S`` differs in
#: JavaScript: it counts U+FEFF as whitespace, and U+001C–U+001F and U+0085 as not).
NOT_BLANK = (
    "[^\\t\\n\\u000b\\u000c\\r\\u001c-\\u001f \\u0085\\u00a0\\u1680\\u2000-\\u200a"
    "\\u2028\\u2029\\u202f\\u205f\\u3000]"
)


def check_sequence(what: str, value: object) -> None:
    """Raise unless *value* is a tuple (what :func:`to_tuple` makes of any sequence)."""
    if not isinstance(value, tuple):
        raise ValidationError(f"{what}: expected a sequence, got {type(value).__name__} {show(value)}")


def _name(instance: object, attribute: Any) -> str:
    return f"{type(instance).__name__}.{attribute.name}"


def id_field_validator(instance: object, attribute: Any, value: Any) -> None:
    """attrs validator: *value* is a valid identifier."""
    if type(value) is str and len(value) <= MAX_ID_LENGTH and _ID_MATCH(value) is not None:
        return
    problem = check_id(value, _name(instance, attribute))
    if problem:
        raise ValidationError(problem)


def optional_id_validator(instance: object, attribute: Any, value: Any) -> None:
    """attrs validator: *value* is None or a valid identifier."""
    if value is not None:
        id_field_validator(instance, attribute, value)


def check_date(what: str, value: object) -> None:
    """Raise unless *value* is a ``datetime.date`` (a datetime must be timezone-aware)."""
    if isinstance(value, dt.datetime):
        if value.tzinfo is None or value.utcoffset() is None:
            raise ValidationError(
                f"{what}: naive datetime {value.isoformat()!r}; give a date or an aware datetime"
            )
        if not has_utc_date(value):
            raise ValidationError(f"{what}: {value.isoformat()!r} {OUT_OF_RANGE}")
        return
    if not isinstance(value, dt.date):
        raise ValidationError(f"{what}: {value!r:.60} is not a date{_datetime64_hint(value)}")


def _datetime64_hint(value: object) -> str:
    """How to give a numpy datetime64 that is not in days (``datetime64[ns]``, as pandas holds)."""
    if value.__class__.__name__ == "datetime64" and value.__class__.__module__ == "numpy":
        if value != value:  # NaT: a missing date
            return "; a missing date is None (where the field may be empty)"
        return "; give numpy dates in days, as value.astype('datetime64[D]') does"
    return ""


def as_date(what: str, value: object) -> dt.date:
    """*value* as a plain date, as constructors take it: aware datetimes become their UTC date,
    numpy ``datetime64[D]`` and date subclasses the plain date; anything else is refused."""
    value = to_date(value)
    check_date(what, value)
    return value  # type: ignore[return-value]  # a date now: check_date refuses anything else


def as_optional_date(what: str, value: object) -> dt.date | None:
    """Like :func:`as_date`, with None passing through."""
    return None if value is None else as_date(what, value)


def check_optional_date(instance: object, attribute: Any, value: Any) -> None:
    """attrs validator: *value* is None or a date (never a naive datetime)."""
    if value is not None:
        check_date(_name(instance, attribute), value)


def to_date(value: Any) -> Any:
    """attrs converter: an aware datetime becomes its UTC date; anything else is left for the validator."""
    if value.__class__ is _DATE:
        return value
    value = native(value)  # numpy's datetime64 as the date (or naive datetime, refused) it holds
    if isinstance(value, dt.datetime) and value.tzinfo is not None and value.utcoffset() is not None:
        try:
            return value.astimezone(dt.UTC).date()
        except OverflowError:  # left for the validator to refuse, with the field's name
            return value
    return value


#: Why an aware datetime whose UTC date is not a ``datetime.date`` is refused.
OUT_OF_RANGE = f"is out of range: its UTC date is not between {dt.date.min} and {dt.date.max}"


def has_utc_date(value: dt.datetime) -> bool:
    """Whether an aware datetime has a date in UTC (``astimezone`` overflows near the calendar's ends)."""
    try:
        value.astimezone(dt.UTC)
    except OverflowError:
        return False
    return True


def date_field(*, optional: bool = True) -> Any:
    """An attrs date field: dates pass, aware datetimes become UTC dates, naive ones are refused."""
    if optional:
        return attrs.field(default=None, converter=to_date, validator=check_optional_date)
    return attrs.field(converter=to_date, validator=date_validator)


def id_field(*, optional: bool = False, **kwargs: Any) -> Any:
    """An attrs id field (None too when *optional*); numpy and ``str`` subclass text is stored as ``str``.

    Data frames hand their cells over as numpy scalars (see :func:`native`):
    accord stores, compares and writes the plain values, so that what
    :func:`~accord.to_dict` gives reads back with :func:`~accord.from_dict`.
    """
    if optional:
        return attrs.field(default=None, converter=native, validator=optional_id_validator, **kwargs)
    return attrs.field(converter=native, validator=id_field_validator, **kwargs)


def text_field(*, optional: bool = False, **kwargs: Any) -> Any:
    """An attrs text field: non-blank text, or when *optional* None or any text; stored as ``str``.

    As for :func:`id_field`, numpy and ``str`` subclass text is stored as the plain ``str``.
    """
    if optional:
        return attrs.field(default=None, converter=native, validator=optional_str_validator, **kwargs)
    return attrs.field(converter=native, validator=str_validator(), **kwargs)


def to_text_tuple(value: Iterable[Any]) -> tuple[Any, ...]:
    """attrs converter: :func:`to_tuple`, with numpy and ``str`` subclass items as plain ``str``."""
    items = to_tuple(value)
    if items and items.__class__ is tuple and not all(item.__class__ is str for item in items):
        return tuple(map(native, items))
    return items


def date_validator(instance: object, attribute: Any, value: Any) -> None:
    """attrs validator: *value* is a date (never a naive datetime)."""
    check_date(_name(instance, attribute), value)


def str_validator(*, empty: bool = False) -> Callable[[Any, Any, Any], None]:
    """attrs validator factory: an exact ``str`` (non-empty unless *empty*)."""

    def validate(instance: object, attribute: Any, value: Any) -> None:
        if not isinstance(value, str):
            raise ValidationError(f"{_name(instance, attribute)}: {value!r:.60} is not a string")
        if not empty and not value.strip():
            raise ValidationError(f"{_name(instance, attribute)}: must not be empty")
        if not value.isascii():
            check_text(_name(instance, attribute), value)

    return validate


def optional_str_validator(instance: object, attribute: Any, value: Any) -> None:
    """attrs validator: None or an exact ``str``."""
    if value is None:
        return
    if not isinstance(value, str):
        raise ValidationError(f"{_name(instance, attribute)}: {value!r:.60} is not a string")
    if not value.isascii():
        check_text(_name(instance, attribute), value)


#: A lone UTF-16 surrogate: a str may hold one, but it is not a character and UTF-8 cannot hold it.
LONE_SURROGATE = re.compile("[\ud800-\udfff]")


def lone_surrogate(value: str) -> bool:
    """Whether *value* holds a lone UTF-16 surrogate (ASCII text is spared the search)."""
    return not value.isascii() and LONE_SURROGATE.search(value) is not None


def check_text(what: str, value: str) -> None:
    """Refuse lone UTF-16 surrogates: they are not characters and cannot be written as UTF-8."""
    if lone_surrogate(value):
        raise ValidationError(f"{what}: {show(value)} contains a lone UTF-16 surrogate")


def is_number(value: object) -> bool:
    """An int, float or Decimal that is not a bool."""
    return isinstance(value, int | float | Decimal) and not isinstance(value, bool)


def native(value: Any) -> Any:
    """A numpy scalar as the Python value it holds (``np.float64(1.5)`` → ``1.5``); else *value*.

    Also a float, int, str, Decimal or date subclass (an ``IntEnum`` or ``StrEnum`` member,
    ``np.str_``) as the plain value it holds; a datetime stays as it is. Data frames hand
    their cells over as numpy scalars; accord stores, compares and writes the plain values.
    """
    cls = value.__class__
    if cls is str or value is None or cls is float or cls is int or cls is bool:
        return value
    if cls.__module__ == "numpy" and getattr(value, "ndim", None) == 0 and hasattr(value, "item"):
        if cls.__name__ in ("datetime64", "timedelta64") and (
            str(value.dtype) != "datetime64[D]" or value != value
        ):
            # a month or year would become an invented day; a time, a naive datetime; a
            # nanosecond value, an int; NaT (not a time), None, which means something else
            # ("no end"): left as they are, to be refused
            return value
        return value.item()
    if isinstance(value, float):
        return float(value)
    if isinstance(value, int) and not isinstance(value, bool):
        return int(value)
    if isinstance(value, str):
        return str.__str__(value)  # the text itself, whatever the subclass's __str__ says
    if isinstance(value, Decimal) and cls is not Decimal:
        return Decimal(value)
    if isinstance(value, dt.date) and cls is not dt.date and not isinstance(value, dt.datetime):
        return dt.date(value.year, value.month, value.day)
    return value


def check_flag(what: str, value: object) -> bool:
    """*value* when it is a bool (numpy's ``bool_`` too); else a ValidationError naming *what*.

    A flag given as ``"no"`` or ``0`` is a mistake, not a truth value to guess.
    """
    plain = native(value)
    if plain is True or plain is False:
        return plain
    raise ValidationError(f"{what}: {show(value)} is not True or False")


def as_integer(value: object) -> int | None:
    """*value* as an int when it is an integer of any kind (numpy's ``int64`` too), not a bool; else None."""
    if isinstance(value, numbers.Integral) and not isinstance(value, bool):
        return int(value)
    return None


def as_real(value: object) -> int | float | Decimal | None:
    """*value* when it is a number (:func:`is_number`), a numpy number as a float; else None (bools too)."""
    if is_number(value):
        return value  # type: ignore[return-value]
    if isinstance(value, numbers.Real) and not isinstance(value, bool):
        return float(value)  # numpy's float32, int64 …: measures work in floats
    return None


def show(value: object, width: int = 60) -> str:
    """``repr(value)`` cut to *width* characters; an int too long to print is described."""
    try:
        text = repr(value)
    except ValueError:  # more digits than int → str allows (sys.get_int_max_str_digits)
        digits = int(abs(value).bit_length() * 0.30103) + 1 if isinstance(value, int) else "many"
        return f"an integer of about {digits} digits"
    return text if len(text) <= width else text[: width - 1] + "…"


#: Every control character, line ends and tabs included (C0, DEL, C1).
_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f]")


def _escape(match: re.Match[str]) -> str:
    return repr(match.group())[1:-1]


def one_line(text: str) -> str:
    r"""*text* on one line: line ends, tabs and other control characters written as escapes (``\n``)."""
    return _CONTROL.sub(_escape, text)


#: Control characters but line ends and tabs: a text shown on a terminal could otherwise move the
#: cursor, recolour or retitle it.
_HIDDEN = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def visible(text: str) -> str:
    r"""*text* with control characters but line ends and tabs written as escapes (``\x1b``)."""
    return _HIDDEN.sub(_escape, text)


#: The largest magnitude accord accepts for numbers it computes with (stances,
#: scale bounds, measure inputs): far beyond any real scale, small enough that
#: sums and squares stay finite floats.
MAX_MAGNITUDE = 1e100
#: :data:`MAX_MAGNITUDE` as a Decimal (exactly the float's value), for comparing Decimals with it:
#: comparing a Decimal with a float raises when the caller's context traps ``FloatOperation``.
_MAX_DECIMAL_MAGNITUDE = Decimal.from_float(MAX_MAGNITUDE)

#: Decimals may not go beyond 1e±300 (their adjusted exponent): more digits than any
#: number needs, and a bound on what a short document can make accord allocate.
#: Documents refuse larger ones, so constructors refuse them too.
MAX_DECIMAL_EXPONENT = 300


def finite_float(value: object) -> float | None:
    """*value* as a float when it is a number (not a bool) within ±MAX_MAGNITUDE, else None.

    A Decimal's exponent must also be within ±:data:`MAX_DECIMAL_EXPONENT` (``Decimal("1e-400")``
    is refused: no document could hold it).
    """
    if not is_number(value):
        return None
    if value.__class__ is Decimal and value and abs(value.adjusted()) > MAX_DECIMAL_EXPONENT:
        return None
    # ints and decimals are compared exactly, not once rounded to a float
    if isinstance(value, int) and abs(value) > MAX_MAGNITUDE:
        return None
    if isinstance(value, Decimal) and value.is_finite() and value.copy_abs() > _MAX_DECIMAL_MAGNITUDE:
        return None
    try:
        x = float(value)  # type: ignore[arg-type]
    except (OverflowError, ValueError):
        return None
    return x if math.isfinite(x) and abs(x) <= MAX_MAGNITUDE else None


def number_problem(value: object) -> str | None:
    """Why *value* is not a number :func:`finite_float` accepts (starting with its value), or None."""
    if finite_float(value) is not None:
        return None
    if isinstance(value, Decimal) and value.is_finite() and abs(value.adjusted()) > MAX_DECIMAL_EXPONENT:
        return f"{show(value)} is beyond 1e±{MAX_DECIMAL_EXPONENT}"
    if not is_number(value):  # a string, a date, None: the kind is what is wrong
        return f"{show(value)} is not a number"
    return f"{show(value)} is not a finite number within ±{MAX_MAGNITUDE:g}"


def exact(value: Any) -> Any:
    """A float as the Decimal it spells (``repr``: ``0.1`` is ``Decimal("0.1")``); anything else as is.

    accord reads a float as the number it is written as, wherever it meets an int or a Decimal:
    a stance of ``0.1`` is on a scale ending at ``Decimal("0.1")``, equal to a stance of
    ``Decimal("0.1")``, and a fact of ``0.1`` equals the literal ``0.1`` of a condition. Distinct
    floats spell distinct numbers in the same order, so floats among themselves compare as
    before. The conversion goes through text, so it never raises ``decimal.FloatOperation``.
    """
    return Decimal(float.__repr__(value)) if isinstance(value, float) else value  # numpy's repr differs


def comparable(*numbers: Any) -> tuple[Any, ...]:
    """Finite plain *numbers* to compare, the floats as :func:`exact` gives them when that matters.

    Python would compare a float with a Decimal by its binary value (``0.1`` is a little more
    than ``Decimal("0.1")``), and raises ``decimal.FloatOperation`` instead when the caller's
    decimal context traps that signal (as careful money code does); these never do. Beside ints
    within ±2**53 a float compares the same either way (no other int lies between a float and
    its spelling), so floats are converted only beside a Decimal or a larger int.
    """
    kinds = set(map(type, numbers))  # plain numbers (see native): a float subclass is no float here
    if float not in kinds or len(kinds) == 1:  # no float, or floats only
        return numbers
    if kinds <= {int, float} and max(map(abs, numbers)) <= _EXACT_INT:
        return numbers
    return tuple(map(exact, numbers))


#: The ints every float compares with as with its spelling (see :func:`comparable`).
_EXACT_INT = 2**53


def is_finite(value: int | float | Decimal) -> bool:
    """Whether a number is finite (ints always are)."""
    if isinstance(value, int):
        return True
    if isinstance(value, Decimal):
        return value.is_finite()
    return math.isfinite(value)


def tuple_of(kind: type | tuple[type, ...], what: str) -> Callable[[Any, Any, Any], None]:
    """attrs validator factory: every item of a tuple is an instance of *kind*."""

    def validate(instance: object, attribute: Any, value: Any) -> None:
        check_sequence(_name(instance, attribute), value)
        for i, item in enumerate(value):
            if not isinstance(item, kind):
                raise ValidationError(f"{_name(instance, attribute)}[{i}]: {item!r:.60} is not {what}")

    return validate


E = TypeVar("E", bound=enum.Enum)


_REQUIRED: Any = attrs.NOTHING


def as_enum(kind: type[E], what: str, value: object, allowed: Iterable[E] | None = None) -> E:
    """*value* (a member of *kind* or its value string) as a member; a ValidationError naming *what*.

    *allowed* narrows the members accepted (all of *kind* by default).
    """
    members = tuple(kind) if allowed is None else tuple(allowed)
    for member in members:
        if value is member or (isinstance(value, str) and value == member.value):
            return member
    names = ", ".join(str(m.value) for m in members)
    raise ValidationError(f"{what}: {show(value)} is not one of {names}")


def enum_field(kind: type[E], default: E | None = _REQUIRED, *, optional: bool = False) -> Any:
    """An attrs field holding a member of *kind* (or None when *optional*).

    The member's value string is accepted too; anything else is refused with
    the field's name and the allowed values.
    """
    by_value = {member.value: member for member in kind}

    def convert(value: E | str) -> E:
        if isinstance(value, str) and not isinstance(value, kind):
            return by_value.get(value, value)  # type: ignore[return-value]
        return value

    # the constructor's signature shows what it takes: ActorKind | str, not Union[~E, str]
    accepted = kind | str | None if optional else kind | str
    convert.__annotations__ = {"value": accepted, "return": kind | None if optional else kind}

    def validate(instance: object, attribute: Any, value: Any) -> None:
        if not isinstance(value, kind) and not (optional and value is None):
            allowed = ", ".join(by_value)
            raise ValidationError(f"{_name(instance, attribute)}: {value!r:.60} is not one of {allowed}")

    return attrs.field(default=default, converter=convert, validator=validate)


def frozen_mapping(value: Mapping[str, str]) -> Mapping[str, str]:
    """attrs converter: a read-only, key-sorted copy of a str → str mapping.

    Anything else is left for :func:`check_str_mapping` to refuse with the field's name.
    """
    if not isinstance(value, Mapping) or not all(isinstance(k, str) for k in value):
        return value
    items: Iterable[tuple[Any, Any]] = value.items()
    if value and not all(k.__class__ is str and v.__class__ is str for k, v in items):  # numpy, subclasses
        items = [(native(k), native(v)) for k, v in value.items()]
    return MappingProxyType(dict(sorted(items)))


def getstate(self: Any) -> dict[str, Any]:
    """``__getstate__`` for frozen classes with read-only mapping fields.

    A ``mappingproxy`` cannot be pickled (nor deep-copied); it is stored as
    the plain dict it wraps. The classes using this hold no dict fields, so
    :func:`setstate` can tell the two apart.
    """
    state = {}
    for a in attrs.fields(type(self)):
        value = getattr(self, a.name)
        state[a.name] = dict(value) if value.__class__ is MappingProxyType else value
    return state


def setstate(self: Any, state: dict[str, Any]) -> None:
    """``__setstate__`` matching :func:`getstate`: dicts become read-only again."""
    for name, value in state.items():
        object.__setattr__(self, name, MappingProxyType(value) if value.__class__ is dict else value)


def check_str_mapping(instance: object, attribute: Any, value: Any) -> None:
    """attrs validator: a mapping of strings to strings."""
    what = _name(instance, attribute)
    if not isinstance(value, Mapping):
        raise ValidationError(f"{what}: expected a mapping, got {type(value).__name__} {show(value)}")
    for key, item in value.items():
        if not isinstance(key, str) or not isinstance(item, str):
            raise ValidationError(f"{what}[{show(key)}]: {show(item)}: keys and values must be strings")
        if not key.isascii():
            check_text(f"{what}[{show(key)}]", key)
        if not item.isascii():
            check_text(f"{what}[{show(key)}]", item)


class _NanKey:
    """Stands for every float nan in equality keys: one value, equal to itself."""

    __slots__ = ()

    def __repr__(self) -> str:
        return "nan"


_NAN_KEY = _NanKey()


def nan_equal(value: Any) -> Any:
    """An attrs ``eq`` key under which nan equals nan, in floats and nested tuples.

    Results such as a divergence score are ``nan`` when nothing was compared;
    two equal results must compare (and hash) equal although ``nan != nan``.
    """
    if isinstance(value, float):  # numpy's float64 too
        return _NAN_KEY if value != value else value
    if value.__class__ is tuple:
        return tuple(nan_equal(v) for v in value)
    return value
