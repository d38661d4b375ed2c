"""Codecs: how each kind of field value travels in accord's wire format (format version 1).

A *leaf* codec pairs a load function (wire value → Python value, raising
:class:`BadValueError` with a message naming the bad value) with a dump
function and the JSON Schema of the wire value. Both the canonical loaders
(:mod:`accord._converter`) and the fast path (:mod:`accord._fast`) use these
functions, so a value means the same thing on either path.
"""

import datetime as dt
import enum
import re
from collections.abc import Callable, Mapping
from decimal import Decimal, InvalidOperation
from typing import Any, Literal

import attrs

from accord._ids import ID_SCHEMA, MAX_ID_LENGTH, PATTERN_END
from accord._validation import (
    INT64_MIN,
    MAX_DECIMAL_EXPONENT,
    MAX_MAGNITUDE,
    NOT_BLANK,
    OUT_OF_RANGE,
    UINT64_MAX,
    has_utc_date,
    lone_surrogate,
    number_problem,
    show,
)
from accord.conditions import OPERATORS
from accord.dates import Duration, _from_iso

__all__ = [
    "AMOUNT",
    "AMOUNT_TEXT",
    "COMPARE_VALUE",
    "DATE",
    "ID",
    "INT",
    "KEY_WIDTH",
    "MAX_DECIMAL_EXPONENT",
    "NUMBER",
    "OPERATOR",
    "OPT_DATE",
    "OPT_DURATION",
    "OPT_ID",
    "OPT_STR",
    "OPT_TEXT",
    "STANCE_CODEC",
    "STR",
    "STR_MAP",
    "STR_TUPLE",
    "TEXT",
    "UNIT_FLOAT",
    "BadValueError",
    "Codec",
    "dump_compare_value",
    "dump_date",
    "dump_float",
    "dump_int",
    "dump_number",
    "dump_scalar_value",
    "dump_stance",
    "enum_codec",
    "enum_value",
    "fromiso",
    "key_segment",
    "known_ids",
    "load_amount",
    "load_compare_value",
    "load_date",
    "load_duration",
    "load_id",
    "load_int",
    "load_number",
    "load_operator",
    "load_opt_date",
    "load_opt_duration",
    "load_opt_id",
    "load_opt_str",
    "load_opt_text",
    "load_stance",
    "load_str",
    "load_str_map",
    "load_str_tuple",
    "load_text",
    "load_unit_float",
    "lone_surrogate",
    "number_writer",
    "plain_date",
    "remember_id",
    "show",
    "wire_type",
]


class BadValueError(Exception):
    """A wire value is not acceptable (messages without the value's path).

    Each problem is the path of the part of the value it is about, below the value (``""`` for
    the value itself, ``"[2]"`` for an array's third item, ``".name"`` for an object's key), and
    its message. :meth:`parts` makes one for the parts of an array or object at once.
    """

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.problems: tuple[tuple[str, str], ...] = (("", message),)

    @classmethod
    def parts(cls, problems: list[tuple[str, str]]) -> "BadValueError":
        """An error about several parts of a value: (path below the value, message) each."""
        error = cls(f"{problems[0][0]}: {problems[0][1]}")
        error.problems = tuple(problems)
        return error


def key_segment(key: object) -> str:
    """The path segment of a mapping's *key*: ``.key`` for a short name, else ``['key']``.

    A key that is not a name (``""``, ``"a.b[0]"``, ``"x y"``, ``"1"``) is quoted in brackets as
    its repr, cut short when long, so that the path reads unambiguously.
    """
    if isinstance(key, str) and len(key) <= KEY_WIDTH and key.isidentifier():
        return f".{key}"
    return f"[{show(key, KEY_WIDTH)}]"


#: Keys longer than this are shown cut short, as their repr.
KEY_WIDTH = 60


# --- leaf codecs: wire value → Python value, raising BadValueError ------------------------

_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.:-]*\Z").match
_DECIMAL_TEXT = re.compile(r"-?[0-9]+(?:\.[0-9]+)?(?:[eE][-+]?[0-9]+)?\Z").match
fromiso = dt.date.fromisoformat
plain_date = dt.date


def wire_type(value: object) -> str:
    return {
        dict: "an object",
        list: "an array",
        str: "a string",
        bool: "a boolean",
        int: "an integer",
        float: "a number",
        type(None): "null",
    }.get(type(value), type(value).__name__)


def load_id(v: Any) -> str:
    if v.__class__ is str and len(v) <= MAX_ID_LENGTH and _ID(v):
        return v
    if v.__class__ is not str:
        raise BadValueError(f"{show(v)} is not a string")
    if not v:
        raise BadValueError("the id is empty")
    if len(v) > MAX_ID_LENGTH:
        raise BadValueError(f"{show(v)} is {len(v)} characters long (at most {MAX_ID_LENGTH})")
    raise BadValueError(
        f"{show(v)} is not a valid id (letters, digits and _ . : -, starting with a letter or digit)"
    )


# Ids seen valid recently. Documents repeat the same few hundred ids (actors, issues) thousands
# of times; a dict lookup is cheaper than the pattern. A pure cache: it changes no result.
known_ids: dict[str, None] = {}
_KNOWN_IDS_LIMIT = 1 << 16


def remember_id(v: Any) -> None:
    """Raise unless *v* is a valid id; remember it when it is."""
    if v.__class__ is not str or len(v) > MAX_ID_LENGTH or _ID(v) is None:
        raise BadValueError("invalid id")
    if len(known_ids) >= _KNOWN_IDS_LIMIT:
        known_ids.clear()
    known_ids[v] = None


def load_opt_id(v: Any) -> str | None:
    return None if v is None else load_id(v)


def _refuse_surrogate(v: str) -> str:
    if lone_surrogate(v):
        raise BadValueError(f"{show(v)} contains a lone UTF-16 surrogate")
    return v


def load_str(v: Any) -> str:
    if v.__class__ is str:
        return _refuse_surrogate(v)
    raise BadValueError(f"{show(v)} is not a string")


def load_opt_str(v: Any) -> str | None:
    if v is None:
        return v
    return load_str(v)


def load_text(v: Any) -> str:
    if v.__class__ is str and v.strip():
        return _refuse_surrogate(v)
    if v.__class__ is str:
        raise BadValueError("must not be empty")
    raise BadValueError(f"{show(v)} is not a string")


def load_opt_text(v: Any) -> str | None:
    return None if v is None else load_text(v)


#: The one datetime form documents hold (ISO 8601 extended, as the JSON Schema states it);
#: ``fromisoformat`` reads more (``+0100``, ``20200101T0000``, week dates), which is refused.
_DATETIME_FORM = re.compile(
    r"[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}(:[0-9]{2}(\.[0-9]+)?)?(Z|[+-][0-9]{2}:[0-9]{2})?\Z"
)


def _load_datetime(v: str) -> dt.datetime:
    if _DATETIME_FORM.match(v) is None:
        raise BadValueError(f"{show(v)} is not a date (YYYY-MM-DD)")
    try:
        value = dt.datetime.fromisoformat(v)
    except ValueError:
        raise BadValueError(f"{show(v)} is not a date (YYYY-MM-DD)") from None
    if value.tzinfo is None or value.utcoffset() is None:
        raise BadValueError(f"naive datetime {show(v)} refused; give a date or a datetime with a UTC offset")
    if not has_utc_date(value):
        raise BadValueError(f"{show(v)} {OUT_OF_RANGE}")
    return value


def load_date(v: Any) -> dt.date:
    if v.__class__ is str:
        if len(v) == 10 and v[4] == "-" and v[7] == "-":
            try:
                return fromiso(v)
            except ValueError:
                raise BadValueError(f"{show(v)} is not a valid date") from None
        if len(v) > 10:
            return _load_datetime(v)
    if isinstance(v, dt.date):  # from_dict on data a YAML or TOML reader made
        raise BadValueError(f"{show(v)} is a Python date object; documents write dates as text (YYYY-MM-DD)")
    raise BadValueError(f"{show(v)} is not a date (YYYY-MM-DD)")


def load_opt_date(v: Any) -> dt.date | None:
    return None if v is None else load_date(v)


def dump_date(v: dt.date) -> str:
    # Model date fields only ever hold plain dates: their converter turns an
    # aware datetime into its UTC date, and naive ones are refused.
    return v.isoformat()


def dump_int(v: int) -> int:
    return v


def dump_float(v: float) -> float:
    return v


def load_int(v: Any) -> int:
    if v.__class__ is int:
        return v
    raise BadValueError(f"{show(v)} is not an integer")


def load_unit_float(v: Any) -> float:
    """A float in [0, 1]; JSON integers 0 and 1 are read as floats."""
    t = v.__class__
    if t is float and 0.0 <= v <= 1.0:
        return v  # type: ignore[no-any-return]
    if t is int and 0 <= v <= 1:
        return float(v)
    if isinstance(v, Decimal):  # from_dict on data built in Python
        raise BadValueError(f"{show(v)} is a Python Decimal; documents write this as a plain number (0.5)")
    raise BadValueError(f"{show(v)} is not a number in [0, 1]")


def _load_decimal_text(v: Any) -> Decimal:
    if v.__class__ is str and _DECIMAL_TEXT(v):
        try:
            value = Decimal(v)
        except InvalidOperation:  # pragma: no cover - the pattern admits only valid text
            pass
        else:
            if abs(value.adjusted()) > MAX_DECIMAL_EXPONENT and value:
                raise BadValueError(f"{show(v)} is beyond 1e±{MAX_DECIMAL_EXPONENT}")
            return value
    raise BadValueError(f'{show(v)} is not a decimal number written as a string (e.g. "2500000.00")')


#: The text of a non-negative decimal amount (what :data:`AMOUNT` reads), for msgspec's pattern check.
AMOUNT_TEXT = r"\A[0-9]+(?:\.[0-9]+)?(?:[eE][-+]?[0-9]+)?\Z"


def load_amount(v: Any) -> Decimal:
    value = _load_decimal_text(v)
    if value < 0:
        raise BadValueError(f"{show(v)} is negative")
    return value.copy_abs() if value.is_signed() else value  # "-0" is zero, as Quantity makes it


def _load_tagged_decimal(v: dict[str, Any]) -> Decimal:
    if len(v) == 1 and "decimal" in v:
        return _load_decimal_text(v["decimal"])
    raise BadValueError(f'{show(v)} is not a number; write a Decimal as {{"decimal": "1.50"}}')


#: Integers longer than this cannot be written back as text (Python's int/str conversion limit).
MAX_INT_BITS = 14_000


def _check_int_size(v: int) -> int:
    if v.bit_length() > MAX_INT_BITS:
        raise BadValueError(f"an integer of {v.bit_length()} bits is too large")
    return v


def load_number(v: Any) -> int | float | Decimal:
    """An int, a finite float, or ``{"decimal": "…"}``: within ±1e100, as the model's numbers are."""
    t = v.__class__
    if t is float:
        if -MAX_MAGNITUDE <= v <= MAX_MAGNITUDE:
            return v  # type: ignore[no-any-return]
        if v - v != 0.0:
            raise BadValueError(f"{show(v)} is not a finite number")
        number: int | float | Decimal = v
    elif t is int:
        number = _check_int_size(v)
    elif t is dict:
        number = _load_tagged_decimal(v)
    elif isinstance(v, Decimal):  # from_dict on data built in Python
        raise BadValueError(f'{show(v)} is a Python Decimal; documents write one as {{"decimal": "1.50"}}')
    else:
        raise BadValueError(f"{show(v)} is not a number")
    problem = number_problem(number)
    if problem:  # (the constructors' check, which the loaders skip as this one makes it)
        raise BadValueError(problem)
    return number


def load_stance(v: Any) -> str | int | float | Decimal:
    if v.__class__ is str:
        if v:
            return _refuse_surrogate(v)
        raise BadValueError("must not be empty")
    return load_number(v)


def dump_number(v: int | float | Decimal) -> Any:
    if v.__class__ is Decimal:
        return {"decimal": str(v)}
    return v


def dump_stance(v: Any) -> Any:
    if v.__class__ is Decimal:
        return {"decimal": str(v)}
    return v


def _load_scalar_value(v: Any) -> Any:
    t = v.__class__
    if t is str:
        return _refuse_surrogate(v)
    if t is bool:
        return v
    if t is int:
        return _check_int_size(v)
    if t is dict and len(v) == 1:
        if "decimal" in v:
            return _load_decimal_text(v["decimal"])
        if "date" in v:
            text = v["date"]
            if text.__class__ is str and len(text) == 10:
                return load_date(text)
            raise BadValueError(f"{show(text)} is not a date (YYYY-MM-DD)")
    raise BadValueError(
        f"{show(v)} is not a comparison value (a string, true/false, an integer, "
        '{"decimal": "…"}, {"date": "YYYY-MM-DD"}, or an array of those)'
    )


def load_compare_value(v: Any) -> Any:
    if v.__class__ is list:
        return tuple([_load_scalar_value(x) for x in v])
    return _load_scalar_value(v)


def dump_scalar_value(v: Any) -> Any:
    t = v.__class__
    if t is str or t is bool or t is int:
        return v
    if t is Decimal:
        return {"decimal": str(v)}
    if t is plain_date:
        return {"date": v.isoformat()}
    raise TypeError(f"cannot write comparison value {v!r}")  # pragma: no cover - the model refuses these


def dump_compare_value(v: Any) -> Any:
    if v.__class__ is tuple:
        return [dump_scalar_value(x) for x in v]
    return dump_scalar_value(v)


def load_operator(v: Any) -> str:
    if v.__class__ is str and v in OPERATORS:
        return v
    raise BadValueError(f"{show(v)} is not one of {', '.join(OPERATORS)}")


# Durations read recently, by their text. Documents repeat a few durations ("P10Y") thousands of
# times; Duration objects are frozen values, so one object serves every equal text (as Python
# shares small ints). A pure cache: it changes no result.
_DURATIONS: dict[str, Duration] = {}
_DURATIONS_LIMIT = 1 << 12


def load_duration(v: Any) -> Duration:
    if v.__class__ is str:
        found = _DURATIONS.get(v)
        if found is not None:
            return found
        value = _from_iso(v)
        if value is not None:
            if len(_DURATIONS) >= _DURATIONS_LIMIT:
                _DURATIONS.clear()
            _DURATIONS[v] = value
            return value
    raise BadValueError(f'{show(v)} is not an ISO 8601 duration (e.g. "P10Y", "P1Y6M", "P90D")')


def load_opt_duration(v: Any) -> Duration | None:
    return None if v is None else load_duration(v)


def _text_problem(value: object) -> str | None:
    """Why :func:`load_str` refuses *value* (not a string, a lone surrogate), or None."""
    try:
        load_str(value)
    except BadValueError as error:
        return error.problems[0][1]
    return None


def load_str_tuple(v: Any) -> tuple[str, ...]:
    if v.__class__ is list:
        for item in v:
            if item.__class__ is not str or lone_surrogate(item):
                bad = ((f"[{i}]", _text_problem(x)) for i, x in enumerate(v))
                raise BadValueError.parts([(at, problem) for at, problem in bad if problem is not None])
        return tuple(v)
    raise BadValueError(f"{show(v)} is not an array of strings")


def load_str_map(v: Any) -> dict[str, str]:
    if v.__class__ is dict:
        for key, item in v.items():
            if (
                item.__class__ is not str
                or key.__class__ is not str
                or lone_surrogate(key)
                or lone_surrogate(item)
            ):
                bad = ((key_segment(key), _text_problem(key) or _text_problem(x)) for key, x in v.items())
                raise BadValueError.parts([(at, problem) for at, problem in bad if problem is not None])
        return v
    raise BadValueError(f"{show(v)} is not an object mapping names to strings")


def _enum_loader(kind: type[enum.Enum], optional: bool) -> Callable[[Any], Any]:
    by_value: dict[Any, enum.Enum] = {m.value: m for m in kind}
    allowed = ", ".join(by_value)
    get = by_value.get

    def load(v: Any) -> Any:
        if v.__class__ is str:
            member = get(v)
            if member is not None:
                return member
        elif v is None and optional:
            return None
        raise BadValueError(f"{show(v)} is not one of {allowed}")

    load.__name__ = f"load_{kind.__name__}"
    load.by_value = by_value  # type: ignore[attr-defined]
    load.accepts = (None,) if optional else ()  # type: ignore[attr-defined]
    return load


# --- codecs -----------------------------------------------------------------------


@attrs.frozen
class Codec:
    """How one field travels: a leaf, a model class, a tagged union, an array, or optional."""

    shape: Literal["leaf", "class", "union", "tuple", "optional"]
    #: leaf: wire → value, raising BadValueError.
    load: Callable[[Any], Any] | None = None
    #: leaf: value → wire (None: the value is its own wire form).
    dump: Callable[[Any], Any] | None = None
    #: class: the model class; union: the member classes.
    types: tuple[type, ...] = ()
    #: tuple / optional: the item codec.
    item: "Codec | None" = None
    #: leaf: the JSON Schema of the wire value.
    schema: Mapping[str, Any] = attrs.field(factory=dict)
    #: attrs validators / converters that a successful load makes redundant.
    implies: frozenset[str] = frozenset()


def _leaf(
    load: Callable[[Any], Any],
    schema: Mapping[str, Any],
    *implies: str,
    dump: Callable[[Any], Any] | None = None,
) -> Codec:
    return Codec("leaf", load=load, dump=dump, schema=schema, implies=frozenset(implies))


_ID_SCHEMA = {"type": "string", **ID_SCHEMA}
_TEXT_SCHEMA = {"type": "string", "pattern": NOT_BLANK}
#: A date (``format`` asserts a real calendar day where a validator checks formats), or an aware
#: datetime, read as its UTC date.
_DAY_SCHEMA = {"type": "string", "format": "date", "pattern": r"^[0-9]{4}-[0-9]{2}-[0-9]{2}" + PATTERN_END}
_DATE_SCHEMA = {
    "anyOf": [
        _DAY_SCHEMA,
        {
            "type": "string",
            # months, days, hours, minutes, seconds and offsets in their ranges (a 30 February
            # still passes: the schema has no calendar for times, loads has)
            "pattern": (
                r"^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])"
                r"T([01][0-9]|2[0-3]):[0-5][0-9](:[0-5][0-9](\.[0-9]+)?)?"
                r"(Z|[+-]([01][0-9]|2[0-3]):[0-5][0-9])" + PATTERN_END
            ),
        },
    ]
}
_DECIMAL_TEXT_SCHEMA = {"type": "string", "pattern": r"^-?[0-9]+(\.[0-9]+)?([eE][-+]?[0-9]+)?" + PATTERN_END}
_TAGGED_DECIMAL_SCHEMA = {
    "type": "object",
    "properties": {"decimal": _DECIMAL_TEXT_SCHEMA},
    "required": ["decimal"],
    "additionalProperties": False,
}
#: Stances and scale bounds: within ±1e100 (decimals within 1e±300 are left to loads).
_NUMBER_SCHEMA = {
    "anyOf": [{"type": "number", "minimum": -MAX_MAGNITUDE, "maximum": MAX_MAGNITUDE}, _TAGGED_DECIMAL_SCHEMA]
}
_SCALAR_VALUE_SCHEMA = {
    "anyOf": [
        {"type": ["string", "boolean", "integer"]},
        _TAGGED_DECIMAL_SCHEMA,
        {
            "type": "object",
            "properties": {"date": _DAY_SCHEMA},
            "required": ["date"],
            "additionalProperties": False,
        },
    ]
}

# Text and numbers read from JSON are plain str, int, float: the model's ``native`` converter
# (numpy scalars and subclasses as plain values) has nothing to do on them.
ID = _leaf(load_id, _ID_SCHEMA, "id_field_validator", "native")
OPT_ID = _leaf(load_opt_id, {"anyOf": [_ID_SCHEMA, {"type": "null"}]}, "optional_id_validator", "native")
STR = _leaf(load_str, {"type": "string"}, "native")
TEXT = _leaf(load_text, _TEXT_SCHEMA, "str_validator.<locals>.validate", "native")
OPT_STR = _leaf(load_opt_str, {"type": ["string", "null"]}, "optional_str_validator", "native")
OPT_TEXT = _leaf(
    load_opt_text,
    {"anyOf": [_TEXT_SCHEMA, {"type": "null"}]},
    "optional(str_validator.<locals>.validate)",
    "native",
)
DATE = _leaf(load_date, _DATE_SCHEMA, "date_validator", dump=dump_date)
OPT_DATE = _leaf(
    load_opt_date, {"anyOf": [_DATE_SCHEMA, {"type": "null"}]}, "check_optional_date", dump=dump_date
)
INT = _leaf(load_int, {"type": "integer"}, dump=dump_int)
UNIT_FLOAT = _leaf(
    load_unit_float,
    {"type": "number", "minimum": 0, "maximum": 1},
    "_check_salience",
    "_convert_salience",
    dump=dump_float,
)
AMOUNT = _leaf(
    load_amount,
    {"type": "string", "pattern": r"^[0-9]+(\.[0-9]+)?([eE][-+]?[0-9]+)?" + PATTERN_END},
    "_check_amount",
    "_convert_amount",
    dump=str,
)
NUMBER = _leaf(load_number, _NUMBER_SCHEMA, "native", dump=dump_number)
STANCE_CODEC = _leaf(
    load_stance,
    {"anyOf": [{"type": "string", "minLength": 1}, *_NUMBER_SCHEMA["anyOf"]]},
    "_check_stance",
    "native",
    dump=dump_stance,
)
COMPARE_VALUE = _leaf(
    load_compare_value,
    {"anyOf": [_SCALAR_VALUE_SCHEMA, {"type": "array", "items": _SCALAR_VALUE_SCHEMA}]},
    dump=dump_compare_value,
)
OPERATOR = _leaf(load_operator, {"enum": list(OPERATORS)})
_DURATION_SCHEMA = {
    "type": "string",
    "pattern": r"^P([0-9]+Y)?([0-9]+M)?([0-9]+W)?([0-9]+D)?" + PATTERN_END,
    "minLength": 3,
}
OPT_DURATION = _leaf(
    load_opt_duration,
    {"anyOf": [_DURATION_SCHEMA, {"type": "null"}]},
    "_delay",
    "_duration",
    dump=str,
)
STR_TUPLE = _leaf(
    load_str_tuple, {"type": "array", "items": {"type": "string"}}, "to_tuple", "to_text_tuple", dump=list
)
STR_MAP = _leaf(load_str_map, {"type": "object", "additionalProperties": {"type": "string"}}, dump=dict)


def enum_codec(kind: type[enum.Enum], optional: bool) -> Codec:
    values: list[Any] = [m.value for m in kind]
    schema: dict[str, Any] = {"enum": [*values, None] if optional else values}
    return Codec(
        "leaf",
        load=_enum_loader(kind, optional),
        dump=enum_value,
        schema=schema,
        implies=frozenset({"enum_field.<locals>.validate", "enum_field.<locals>.convert"}),
    )


def enum_value(v: enum.Enum) -> Any:
    return v.value


# --- JSON text ------------------------------------------------------------------------


def number_writer(raw: Callable[[str], Any]) -> Callable[[Any], Any]:
    """A hook handing over numbers the fast encoders spell unlike Python's ``json`` as raw JSON text.

    ``repr()`` (what ``json`` writes) switches to exponent notation outside
    [1e-4, 1e16) and orjson / msgspec spell those differently; orjson cannot
    write integers beyond 64 bits.
    """

    def number(v: Any) -> Any:
        if v.__class__ is float:
            if 0.0001 <= v < 1e16 or v == 0.0 or -1e16 < v <= -0.0001:
                return v
            return raw(repr(v))
        if INT64_MIN <= v <= UINT64_MAX:
            return v
        return raw(str(v))

    return number
