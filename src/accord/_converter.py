"""The one converter that owns accord's wire format (format version 1).

Everything here is private; :mod:`accord.serialisation` is the public face.

The format is described by *codecs*, one per field, chosen from each attrs
field's type and validator (:func:`_codec_for`). From the codecs this module
generates, once per class:

* a **fast loader** (wire dict → object) that checks exact wire types, builds
  the frozen object without calling ``__init__`` and runs
  ``__attrs_post_init__``. Every attrs validator and converter a codec does
  not provably enforce is called, so no invariant is bypassed. It stops at the
  first problem.
* a **dumper** (object → wire dict) that omits fields holding their default.

When the fast loader rejects input, :func:`explain` walks the same input with
the same leaf codecs, builds objects through their real constructors and
collects *every* problem with its path. Errors therefore have one source.

The hooks are registered on one private :class:`cattrs.Converter` (never the
global one), which dispatches top-level calls, including the ``Condition`` and
``Scale`` unions.
"""

import datetime as dt
import enum
import re
import types
from collections.abc import Callable, Mapping
from decimal import Decimal, InvalidOperation
from typing import Any, Literal, Union, get_args, get_origin

import attrs
import cattrs

from accord._ids import MAX_ID_LENGTH, did_you_mean
from accord.actors import Actor, Membership
from accord.commitments import Commitment, Quantity, StatusChange
from accord.conditions import (
    MAX_DEPTH,
    OPERATORS,
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
)
from accord.dates import Duration, Period
from accord.errors import ValidationError
from accord.framework import Component, Framework
from accord.issues import Issue, Position
from accord.scales import IntervalScale, NominalScale, OrdinalScale, Scale
from accord.sources import Source

__all__ = [
    "CONDITION_TYPES",
    "MODEL_TYPES",
    "SCALE_TYPES",
    "BadValueError",
    "Codec",
    "Condition",
    "Scale",
    "dumper",
    "explain",
    "fast_loader",
    "plan",
]

#: Every serialisable class, in dependency order.
MODEL_TYPES: tuple[type, ...] = (
    Source,
    Actor,
    Membership,
    OrdinalScale,
    NominalScale,
    IntervalScale,
    Fact,
    Compare,
    AllOf,
    AnyOf,
    Not,
    AtLeast,
    Before,
    After,
    InForce,
    Issue,
    Position,
    Quantity,
    Period,
    StatusChange,
    Commitment,
    Component,
    Framework,
)
CONDITION_TYPES: tuple[type, ...] = (Fact, Compare, AllOf, AnyOf, Not, AtLeast, Before, After, InForce)
SCALE_TYPES: tuple[type, ...] = (OrdinalScale, NominalScale, IntervalScale)


class BadValueError(Exception):
    """A wire value is not acceptable (message without the path)."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


# --- leaf codecs: wire value → Python value, raising BadValueError ------------------------

_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.:-]*\Z").match
_DECIMAL_TEXT = re.compile(r"-?\d+(?:\.\d+)?(?:[eE][-+]?\d+)?\Z").match
_ISO_DURATION = re.compile(r"P(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)W)?(?:(\d+)D)?\Z").match
_fromiso = dt.date.fromisoformat
_date = dt.date


def _show(value: object) -> str:
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


def _wire_type(value: object) -> str:
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
        raise BadValueError(f"{_show(v)} is not a string")
    if not v:
        raise BadValueError("the id is empty")
    if len(v) > MAX_ID_LENGTH:
        raise BadValueError(f"{_show(v)} is {len(v)} characters long (at most {MAX_ID_LENGTH})")
    raise BadValueError(
        f"{_show(v)} is not a valid id (letters, digits and _ . : -, starting with a letter or digit)"
    )


# Ids seen valid recently. Documents repeat the same few hundred ids (actors, issues) thousands
# of times; a dict lookup is cheaper than the pattern. A pure cache: it changes no result.
_known_ids: dict[str, None] = {}
_KNOWN_IDS_LIMIT = 1 << 16


def _check_id(v: Any) -> None:
    """Raise unless *v* is a valid id; remember it when it is."""
    if v.__class__ is not str or len(v) > MAX_ID_LENGTH or _ID(v) is None:
        raise BadValueError("invalid id")
    if len(_known_ids) >= _KNOWN_IDS_LIMIT:
        _known_ids.clear()
    _known_ids[v] = None


def load_opt_id(v: Any) -> str | None:
    return None if v is None else load_id(v)


def load_str(v: Any) -> str:
    if v.__class__ is str:
        return v
    raise BadValueError(f"{_show(v)} is not a string")


def load_opt_str(v: Any) -> str | None:
    if v is None or v.__class__ is str:
        return v
    raise BadValueError(f"{_show(v)} is not a string")


def load_text(v: Any) -> str:
    if v.__class__ is str and v.strip():
        return v
    if v.__class__ is str:
        raise BadValueError("must not be empty")
    raise BadValueError(f"{_show(v)} is not a string")


def load_opt_text(v: Any) -> str | None:
    return None if v is None else load_text(v)


def _load_datetime(v: str) -> dt.datetime:
    try:
        value = dt.datetime.fromisoformat(v)
    except ValueError:
        raise BadValueError(f"{_show(v)} is not a date (YYYY-MM-DD)") from None
    if "T" not in v or len(v) < 16:
        raise BadValueError(f"{_show(v)} is not a date (YYYY-MM-DD)")
    if value.tzinfo is None or value.utcoffset() is None:
        raise BadValueError(f"naive datetime {_show(v)} refused; give a date or a datetime with a UTC offset")
    return value


def load_date(v: Any) -> dt.date:
    if v.__class__ is str:
        if len(v) == 10 and v[4] == "-" and v[7] == "-":
            try:
                return _fromiso(v)
            except ValueError:
                raise BadValueError(f"{_show(v)} is not a valid date") from None
        if len(v) > 10:
            return _load_datetime(v)
    raise BadValueError(f"{_show(v)} is not a date (YYYY-MM-DD)")


def load_opt_date(v: Any) -> dt.date | None:
    return None if v is None else load_date(v)


def dump_date(v: dt.date) -> str:
    if v.__class__ is _date:
        return v.isoformat()
    assert isinstance(v, dt.datetime)
    return v.astimezone(dt.UTC).isoformat().replace("+00:00", "Z")


def dump_int(v: int) -> int:
    return v


def dump_float(v: float) -> float:
    return v


def load_int(v: Any) -> int:
    if v.__class__ is int:
        return v
    raise BadValueError(f"{_show(v)} is not an integer")


def load_unit_float(v: Any) -> float:
    """A float in [0, 1]; JSON integers 0 and 1 are read as floats."""
    t = v.__class__
    if t is float and 0.0 <= v <= 1.0:
        return v  # type: ignore[no-any-return]
    if t is int and 0 <= v <= 1:
        return float(v)
    raise BadValueError(f"{_show(v)} is not a number in [0, 1]")


def _load_decimal_text(v: Any) -> Decimal:
    if v.__class__ is str and _DECIMAL_TEXT(v):
        try:
            return Decimal(v)
        except InvalidOperation:  # pragma: no cover - the pattern admits only valid text
            pass
    raise BadValueError(f'{_show(v)} is not a decimal number written as a string (e.g. "2500000.00")')


def load_amount(v: Any) -> Decimal:
    value = _load_decimal_text(v)
    if value < 0:
        raise BadValueError(f"{_show(v)} is negative")
    return value


def _load_tagged_decimal(v: dict[str, Any]) -> Decimal:
    if len(v) == 1 and "decimal" in v:
        return _load_decimal_text(v["decimal"])
    raise BadValueError(f'{_show(v)} is not a number; write a Decimal as {{"decimal": "1.50"}}')


#: Integers longer than this cannot be written back as text (Python's int/str conversion limit).
_MAX_INT_BITS = 14_000


def _check_int_size(v: int) -> int:
    if v.bit_length() > _MAX_INT_BITS:
        raise BadValueError(f"an integer of {v.bit_length()} bits is too large")
    return v


def load_number(v: Any) -> int | float | Decimal:
    """An int, a finite float, or ``{"decimal": "…"}``."""
    t = v.__class__
    if t is int:
        return _check_int_size(v)
    if t is float:
        if v - v == 0.0:
            return v  # type: ignore[no-any-return]
        raise BadValueError(f"{_show(v)} is not a finite number")
    if t is dict:
        return _load_tagged_decimal(v)
    raise BadValueError(f"{_show(v)} is not a number")


def load_stance(v: Any) -> str | int | float | Decimal:
    if v.__class__ is str:
        if v:
            return v
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
    if t is str or t is bool:
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
            raise BadValueError(f"{_show(text)} is not a date (YYYY-MM-DD)")
    raise BadValueError(
        f"{_show(v)} is not a comparison value (a string, true/false, an integer, "
        '{"decimal": "…"}, {"date": "YYYY-MM-DD"}, or an array of those)'
    )


def load_compare_value(v: Any) -> Any:
    if v.__class__ is list:
        return tuple([_load_scalar_value(x) for x in v])
    return _load_scalar_value(v)


def _dump_scalar_value(v: Any) -> Any:
    t = v.__class__
    if t is str or t is bool or t is int:
        return v
    if t is Decimal:
        return {"decimal": str(v)}
    if t is _date:
        return {"date": v.isoformat()}
    raise TypeError(f"cannot write comparison value {v!r}")  # pragma: no cover - the model refuses these


def dump_compare_value(v: Any) -> Any:
    if v.__class__ is tuple:
        return [_dump_scalar_value(x) for x in v]
    return _dump_scalar_value(v)


def load_operator(v: Any) -> str:
    if v.__class__ is str and v in OPERATORS:
        return v
    raise BadValueError(f"{_show(v)} is not one of {', '.join(OPERATORS)}")


def load_duration(v: Any) -> Duration:
    if v.__class__ is str and v != "P":
        match = _ISO_DURATION(v)
        if match:
            y, m, w, d = (int(g) if g else 0 for g in match.groups())
            return Duration(years=y, months=m, days=d + 7 * w)
    raise BadValueError(f'{_show(v)} is not an ISO 8601 duration (e.g. "P10Y", "P1Y6M", "P90D")')


def load_opt_duration(v: Any) -> Duration | None:
    return None if v is None else load_duration(v)


def load_str_tuple(v: Any) -> tuple[str, ...]:
    if v.__class__ is list:
        for i, item in enumerate(v):
            if item.__class__ is not str:
                raise BadValueError(f"item {i}: {_show(item)} is not a string")
        return tuple(v)
    raise BadValueError(f"{_show(v)} is not an array of strings")


def load_str_map(v: Any) -> dict[str, str]:
    if v.__class__ is dict:
        for key, item in v.items():
            if item.__class__ is not str:
                raise BadValueError(f"{key!r}: {_show(item)} is not a string")
        return v
    raise BadValueError(f"{_show(v)} is not an object mapping names to strings")


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
        raise BadValueError(f"{_show(v)} is not one of {allowed}")

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


_ID_SCHEMA = {"type": "string", "pattern": r"^[A-Za-z0-9][A-Za-z0-9_.:-]*$", "maxLength": MAX_ID_LENGTH}
_TEXT_SCHEMA = {"type": "string", "pattern": r"\S"}
_DATE_SCHEMA = {
    "type": "string",
    "pattern": r"^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2}))?$",
}
_DECIMAL_TEXT_SCHEMA = {"type": "string", "pattern": r"^-?\d+(\.\d+)?([eE][-+]?\d+)?$"}
_TAGGED_DECIMAL_SCHEMA = {
    "type": "object",
    "properties": {"decimal": _DECIMAL_TEXT_SCHEMA},
    "required": ["decimal"],
    "additionalProperties": False,
}
_NUMBER_SCHEMA = {"anyOf": [{"type": "number"}, _TAGGED_DECIMAL_SCHEMA]}
_SCALAR_VALUE_SCHEMA = {
    "anyOf": [
        {"type": ["string", "boolean", "integer"]},
        _TAGGED_DECIMAL_SCHEMA,
        {
            "type": "object",
            "properties": {"date": {"type": "string", "pattern": r"^\d{4}-\d{2}-\d{2}$"}},
            "required": ["date"],
            "additionalProperties": False,
        },
    ]
}

ID = _leaf(load_id, _ID_SCHEMA, "id_field_validator")
OPT_ID = _leaf(load_opt_id, {"anyOf": [_ID_SCHEMA, {"type": "null"}]}, "optional_id_validator")
STR = _leaf(load_str, {"type": "string"})
TEXT = _leaf(load_text, _TEXT_SCHEMA, "str_validator.<locals>.validate")
OPT_STR = _leaf(load_opt_str, {"type": ["string", "null"]}, "optional_str_validator")
OPT_TEXT = _leaf(
    load_opt_text, {"anyOf": [_TEXT_SCHEMA, {"type": "null"}]}, "optional(str_validator.<locals>.validate)"
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
    {"type": "string", "pattern": r"^\d+(\.\d+)?([eE][-+]?\d+)?$"},
    "_check_amount",
    "_convert_amount",
    dump=str,
)
NUMBER = _leaf(load_number, _NUMBER_SCHEMA, dump=dump_number)
STANCE_CODEC = _leaf(
    load_stance,
    {"anyOf": [{"type": "string", "minLength": 1}, *_NUMBER_SCHEMA["anyOf"]]},
    "_check_stance",
    dump=dump_stance,
)
COMPARE_VALUE = _leaf(
    load_compare_value,
    {"anyOf": [_SCALAR_VALUE_SCHEMA, {"type": "array", "items": _SCALAR_VALUE_SCHEMA}]},
    dump=dump_compare_value,
)
OPERATOR = _leaf(load_operator, {"enum": list(OPERATORS)})
_DURATION_SCHEMA = {"type": "string", "pattern": r"^P(\d+Y)?(\d+M)?(\d+W)?(\d+D)?$", "minLength": 3}
OPT_DURATION = _leaf(
    load_opt_duration,
    {"anyOf": [_DURATION_SCHEMA, {"type": "null"}]},
    "_optional_duration",
    dump=str,
)
STR_TUPLE = _leaf(load_str_tuple, {"type": "array", "items": {"type": "string"}}, "to_tuple", dump=list)
STR_MAP = _leaf(load_str_map, {"type": "object", "additionalProperties": {"type": "string"}}, dump=dict)


def _enum_codec(kind: type[enum.Enum], optional: bool) -> Codec:
    values: list[Any] = [m.value for m in kind]
    schema: dict[str, Any] = {"enum": [*values, None] if optional else values}
    return Codec(
        "leaf",
        load=_enum_loader(kind, optional),
        dump=_enum_value,
        schema=schema,
        implies=frozenset({"enum_field.<locals>.validate", "enum_field.<locals>.convert"}),
    )


def _enum_value(v: enum.Enum) -> Any:
    return v.value


def _is_attrs(t: object) -> bool:
    return isinstance(t, type) and attrs.has(t)


def _union_args(t: object) -> tuple[Any, ...]:
    if get_origin(t) in (Union, types.UnionType):
        return get_args(t)
    return ()


_CONDITION_SET = frozenset(CONDITION_TYPES)
_SCALE_SET = frozenset(SCALE_TYPES)
_STANCE_TYPES = frozenset({str, int, float, Decimal})
_NUMBER_TYPES = frozenset({int, float, Decimal})


def _codec_for(cls: type, field: "attrs.Attribute[Any]", t: Any) -> Codec:
    """The codec of one field, from its resolved type and its validator."""
    validator = _validator_key(field.validator)
    args = _union_args(t)
    members = frozenset(args) - {type(None)}
    optional = type(None) in args
    if t is str:
        if validator == "id_field_validator":
            return ID
        if validator == "str_validator.<locals>.validate":
            return TEXT
        return STR
    if optional and members == {str}:
        if validator == "optional_id_validator":
            return OPT_ID
        if validator == "optional(str_validator.<locals>.validate)":
            return OPT_TEXT
        return OPT_STR
    if t is dt.date:
        return DATE
    if optional and members == {dt.date}:
        return OPT_DATE
    if t is int:
        return INT
    if t is float:
        return UNIT_FLOAT
    if t is Decimal:
        return AMOUNT
    if isinstance(t, type) and issubclass(t, enum.Enum):
        return _enum_codec(t, optional=False)
    if optional and len(members) == 1 and isinstance(next(iter(members)), type):
        (member,) = members
        if issubclass(member, enum.Enum):
            return _enum_codec(member, optional=True)
        if member is Duration:
            return OPT_DURATION
        if _is_attrs(member):
            return Codec("optional", item=Codec("class", types=(member,)))
    if members == _STANCE_TYPES and not optional:
        return STANCE_CODEC
    if members == _NUMBER_TYPES and not optional:
        return NUMBER
    if members == _CONDITION_SET:
        union = Codec("union", types=CONDITION_TYPES)
        return Codec("optional", item=union) if optional else union
    if members == _SCALE_SET and not optional:
        return Codec("union", types=SCALE_TYPES)
    if get_origin(t) is Literal:
        return OPERATOR
    if field.name == "value" and cls is Compare:
        return COMPARE_VALUE
    if get_origin(t) is tuple:
        item_type = get_args(t)[0]
        if item_type is str:
            return STR_TUPLE
        if _is_attrs(item_type):
            return Codec("tuple", item=Codec("class", types=(item_type,)))
        if frozenset(_union_args(item_type)) == _CONDITION_SET:
            return Codec("tuple", item=Codec("union", types=CONDITION_TYPES))
    if get_origin(t) is Mapping and get_args(t) == (str, str):
        return STR_MAP
    raise TypeError(f"accord serialisation: no codec for {cls.__name__}.{field.name}: {t!r}")


def _validator_key(v: object) -> str | None:
    if v is None:
        return None
    inner = getattr(v, "validator", None)
    if type(v).__name__ == "_OptionalValidator" and inner is not None:
        return f"optional({_validator_key(inner)})"
    if type(v).__name__ == "_InstanceOfValidator":
        return f"instance_of({getattr(v, 'type', None)!r})"
    if type(v).__name__ == "_AndValidator":
        return "and(" + ",".join(str(_validator_key(x)) for x in getattr(v, "_validators", ())) + ")"
    return getattr(v, "__qualname__", repr(v))


def _class_implies(codec: Codec) -> frozenset[str]:
    """Validators made redundant by loading a (possibly optional) tuple / class value."""
    if codec.shape == "optional":
        assert codec.item is not None
        inner = codec.item
        if inner.shape == "class":
            (t,) = inner.types
            return frozenset(
                {
                    f"optional(instance_of({t!r}))",
                    "_check_quantity",
                    "_check_period",
                }
            )
        if inner.shape == "union":
            return frozenset({"check_condition"})
    if codec.shape == "tuple":
        return frozenset({"to_tuple", "tuple_of.<locals>.validate"})
    if codec.shape == "union":
        return frozenset({"_check_scale", "check_condition"})
    return codec.implies


# --- per-class plans ----------------------------------------------------------------


@attrs.frozen
class FieldPlan:
    """One serialised field of a class."""

    name: str
    alias: str
    codec: Codec
    required: bool
    #: the default value (NOTHING when required or a factory).
    default: Any
    factory: Callable[[], Any] | None
    #: the attrs validator / converter to call after a fast load (None when implied).
    validator: Callable[..., Any] | None
    converter: Callable[[Any], Any] | None
    attribute: Any


@attrs.frozen
class ClassPlan:
    """How one class travels."""

    cls: type
    tag: str | None
    fields: tuple[FieldPlan, ...]
    #: init=False fields with a default, set before ``__attrs_post_init__`` runs.
    fixed: tuple[tuple[str, Any], ...]
    keys: frozenset[str]


_PLANS: dict[type, ClassPlan] = {}


def plan(cls: type) -> ClassPlan:
    """The (cached) plan of a model class."""
    found = _PLANS.get(cls)
    if found is not None:
        return found
    hints = attrs.resolve_types(cls)
    del hints
    fields = []
    fixed = []
    for field in attrs.fields(cls):
        if not field.init:
            if field.default is not attrs.NOTHING and not isinstance(field.default, attrs.Factory):  # type: ignore[arg-type]
                fixed.append((field.name, field.default))
            continue
        codec = _codec_for(cls, field, field.type)
        implied = _class_implies(codec) | codec.implies
        validator = field.validator if _validator_key(field.validator) not in implied | {None} else None
        converter = field.converter
        converter_key = getattr(converter, "__qualname__", None)
        if converter is not None and converter_key in implied:
            converter = None
        default = field.default
        factory = None
        if isinstance(default, attrs.Factory):  # type: ignore[arg-type]
            factory = default.factory
            default = attrs.NOTHING
        fields.append(
            FieldPlan(
                name=field.name,
                alias=field.alias or field.name,
                codec=codec,
                required=field.default is attrs.NOTHING,
                default=default,
                factory=factory,
                validator=validator,
                converter=converter,
                attribute=field,
            )
        )
    tag = getattr(cls, "kind", None) if cls in _CONDITION_SET or cls in _SCALE_SET else None
    result = ClassPlan(
        cls=cls,
        tag=tag,
        fields=tuple(fields),
        fixed=tuple(fixed),
        keys=frozenset(f.name for f in fields) | ({"kind"} if tag else set()),
    )
    _PLANS[cls] = result
    return result


# --- code generation -------------------------------------------------------------------

_MISSING = object()
_FAST: dict[type, Callable[[Any, int], Any]] = {}
_CONDITION_LOADERS: dict[Any, Callable[[Any, int], Any]] = {}
_SCALE_LOADERS: dict[Any, Callable[[Any, int], Any]] = {}


def _load_condition(v: Any, depth: int) -> Any:
    if v.__class__ is dict and depth < MAX_DEPTH:
        return _CONDITION_LOADERS[v["kind"]](v, depth + 1)
    raise BadValueError("condition")


def _load_scale(v: Any, depth: int) -> Any:
    if v.__class__ is dict:
        return _SCALE_LOADERS[v["kind"]](v, depth)
    raise BadValueError("scale")


def _inline_leaf(codec: Codec, src: str, dst: str) -> list[str] | None:
    """Statements checking the commonest leaves in place (the same checks as their load functions)."""
    if codec is ID:
        return [f"if {src} not in _known_ids:", f"    _check_id({src})", f"{dst} = {src}"]
    if codec is OPT_ID:
        return [
            f"if {src} is not None and {src} not in _known_ids:",
            f"    _check_id({src})",
            f"{dst} = {src}",
        ]
    if codec is STR:
        return [f"if {src}.__class__ is not str:", "    _fail()", f"{dst} = {src}"]
    if codec is TEXT:
        return [f"if {src}.__class__ is not str or not {src}.strip():", "    _fail()", f"{dst} = {src}"]
    if codec is OPT_STR:
        return [f"if {src} is not None and {src}.__class__ is not str:", "    _fail()", f"{dst} = {src}"]
    if codec is DATE or codec is OPT_DATE:
        iso = f"{src}.__class__ is str and len({src}) == 10 and {src}[4] == '-' and {src}[7] == '-'"
        lines = [f"if {iso}:", f"    {dst} = _fromiso({src})", "else:", f"    {dst} = _load_date({src})"]
        if codec is OPT_DATE:
            return [f"if {src} is None:", f"    {dst} = None", "el" + lines[0], *lines[1:]]
        return lines
    return None


def _load_block(codec: Codec, ns: dict[str, Any], src: str, dst: str) -> list[str]:
    """Statements loading the wire value in *src* into the variable *dst*."""
    if codec.shape == "leaf":
        inline = _inline_leaf(codec, src, dst)
        if inline is not None:
            return [line for line in inline if line.strip()]
        by_value = getattr(codec.load, "by_value", None)
        if by_value is not None:
            name = f"_enum_{id(by_value)}"
            ns[name] = by_value.get
            if None in getattr(codec.load, "accepts", ()):
                return [
                    f"if {src} is None:",
                    f"    {dst} = None",
                    "else:",
                    f"    {dst} = {name}({src})",
                    f"    if {dst} is None:",
                    "        _fail()",
                ]
            return [f"{dst} = {name}({src})", f"if {dst} is None:", "    _fail()"]
        name = f"_leaf_{codec.load.__name__}"  # type: ignore[union-attr]
        ns[name] = codec.load
        return [f"{dst} = {name}({src})"]
    if codec.shape == "class":
        (t,) = codec.types
        name = f"_load_{t.__name__}"
        ns[name] = _FAST[t]
        return [f"{dst} = {name}({src}, depth)"]
    if codec.shape == "union":
        name = "_load_condition" if codec.types == CONDITION_TYPES else "_load_scale"
        ns[name] = _load_condition if codec.types == CONDITION_TYPES else _load_scale
        return [f"{dst} = {name}({src}, depth)"]
    assert codec.item is not None
    if codec.shape == "optional":
        inner = _load_block(codec.item, ns, src, dst)
        return [f"if {src} is None:", f"    {dst} = None", "else:", *("    " + line for line in inner)]
    item = codec.item
    if item.shape == "class":
        name = f"_load_{item.types[0].__name__}"
        ns[name] = _FAST[item.types[0]]
        each = f"{name}(_x, depth)"
    elif item.shape == "union":
        ns["_load_condition"] = _load_condition
        each = "_load_condition(_x, depth)"
    else:  # pragma: no cover - no such field in the model
        raise TypeError(f"no loader for arrays of {item}")
    return [f"if {src}.__class__ is not list:", "    _fail()", f"{dst} = tuple([{each} for _x in {src}])"]


def _fail() -> Any:
    raise BadValueError("invalid")


def _generate_loader(cls: type) -> Callable[[Any, int], Any]:
    p = plan(cls)
    ns: dict[str, Any] = {
        "_cls": cls,
        "_new": object.__new__,
        "_keys": p.keys,
        "_M": _MISSING,
        "_fail": _fail,
        "_known_ids": _known_ids,
        "_check_id": _check_id,
        "_fromiso": _fromiso,
        "_load_date": load_date,
    }
    lines = [
        "def load(d, depth):",
        "    if d.__class__ is not dict or not _keys.issuperset(d):",
        "        _fail()",
    ]
    for i, f in enumerate(p.fields):
        ns[f"_set{i}"] = getattr(cls, f.name).__set__
        block = _load_block(f.codec, ns, "v", f"v{i}")
        if f.required:
            lines.append(f"    v = d[{f.name!r}]")
            lines.extend("    " + line for line in block)
        else:
            if f.factory is not None:
                ns[f"_factory{i}"] = f.factory
                default = f"_factory{i}()"
            else:
                ns[f"_default{i}"] = f.default
                default = f"_default{i}"
            lines.append(f"    v = d.get({f.name!r}, _M)")
            lines.append("    if v is _M:")
            lines.append(f"        v{i} = {default}")
            lines.append("    else:")
            lines.extend("        " + line for line in block)
        if f.converter is not None:
            ns[f"_convert{i}"] = f.converter
            lines.append(f"    v{i} = _convert{i}(v{i})")
    lines.append("    o = _new(_cls)")
    for i, _ in enumerate(p.fields):
        lines.append(f"    _set{i}(o, v{i})")
    for j, (name, value) in enumerate(p.fixed):
        ns[f"_fixset{j}"] = getattr(cls, name).__set__
        ns[f"_fixed{j}"] = value
        lines.append(f"    _fixset{j}(o, _fixed{j})")
    for i, f in enumerate(p.fields):
        if f.validator is not None:
            ns[f"_validate{i}"] = f.validator
            ns[f"_attribute{i}"] = f.attribute
            lines.append(f"    _validate{i}(o, _attribute{i}, v{i})")
    if hasattr(cls, "__attrs_post_init__"):
        lines.append("    o.__attrs_post_init__()")
    lines.append("    return o")
    source = "\n".join(lines)
    exec(compile(source, f"<accord loader {cls.__name__}>", "exec"), ns)
    loader: Callable[[Any, int], Any] = ns["load"]
    loader.__doc__ = source
    return loader


def fast_loader(cls: Any) -> Callable[[Any], Any]:
    """A function loading a wire dict into *cls* (a model class or the Condition / Scale union)."""
    if cls == Condition:
        return lambda d: _load_condition(d, 0)
    if cls == Scale:
        return lambda d: _load_scale(d, 0)
    loader = _FAST[cls]
    return lambda d: loader(d, 0)


# --- dumping -------------------------------------------------------------------------


def _dump_expr(codec: Codec, ns: dict[str, Any], expr: str) -> str:
    if codec.shape == "leaf":
        if codec.dump is None:
            return expr
        if codec.dump is _enum_value:
            return expr if ns.get("_dates_native") else f"{expr}._value_"
        if codec.dump is dump_stance:
            ns.setdefault("_dump_dump_stance", dump_stance)
            return f"({expr} if {expr}.__class__ is str else _dump_dump_stance({expr}))"
        if codec.dump is dump_float and "_dump_dump_float" in ns:
            plain = f"0.0001 <= {expr} < 1e16 or {expr} == 0.0 or -1e16 < {expr} <= -0.0001"
            return f"({expr} if {plain} else _dump_dump_float({expr}))"
        if codec.dump is dump_float:
            return expr
        if codec.dump is dump_date:
            if ns.get("_dates_native"):
                return f"({expr} if {expr}.__class__ is _date else _dump_dump_date({expr}))"
            return f"({expr}.isoformat() if {expr}.__class__ is _date else _dump_dump_date({expr}))"
        name = f"_dump_{codec.dump.__name__}"
        if name not in ns:
            ns[name] = codec.dump
        return f"{name}({expr})"
    if codec.shape == "class" and codec.types[0] in ns["_dumpers"]:
        name = f"_dump_class_{codec.types[0].__name__}"
        ns[name] = ns["_dumpers"][codec.types[0]]
        return f"{name}({expr})"
    if codec.shape in ("class", "union"):
        return f"_dumpers[{expr}.__class__]({expr})"
    assert codec.item is not None
    if codec.shape == "optional":
        return _dump_expr(codec.item, ns, expr)
    item = codec.item
    if item.shape == "class" and item.types[0] in ns["_dumpers"]:
        return f"list(map({_dump_expr(item, ns, '_x').split('(')[0]}, {expr}))"
    return f"[{_dump_expr(item, ns, '_x')} for _x in {expr}]"


def _generate_dumper(cls: type, ns_base: dict[str, Any]) -> Callable[[Any], dict[str, Any]]:
    p = plan(cls)
    ns = dict(ns_base)
    ns["_date"] = _date
    ns["_dump_dump_date"] = dump_date
    first = [f"'kind': {p.tag!r}"] if p.tag else []
    lines = ["def dump(o):"]
    required = [f for f in p.fields if f.required]
    for f in required:
        lines.append(f"    v_{f.name} = o.{f.name}")
    items = first + [f"{f.name!r}: {_dump_expr(f.codec, ns, 'v_' + f.name)}" for f in required]
    lines.append("    d = {" + ", ".join(items) + "}")
    for i, f in enumerate(p.fields):
        if f.required:
            continue
        lines.append(f"    v = o.{f.name}")
        if f.factory is not None:
            condition = "v"
        elif f.default is None:
            condition = "v is not None"
        elif f.default == ():
            condition = "v"
        elif isinstance(f.default, enum.Enum):
            ns[f"_default{i}"] = f.default
            condition = f"v is not _default{i}"
        elif isinstance(f.default, float):
            condition = f"v != {f.default!r}"
        else:
            ns[f"_default{i}"] = f.default
            condition = f"v is not _default{i} and v != _default{i}"
        lines.append(f"    if {condition}:")
        lines.append(f"        d[{f.name!r}] = {_dump_expr(f.codec, ns, 'v')}")
    lines.append("    return d")
    source = "\n".join(lines)
    exec(compile(source, f"<accord dumper {cls.__name__}>", "exec"), ns)
    dumper_fn: Callable[[Any], dict[str, Any]] = ns["dump"]
    dumper_fn.__doc__ = source
    return dumper_fn


def _make_dumpers(
    number: Callable[[Any], Any] | None, *, dates_native: bool = False
) -> dict[type, Callable[[Any], dict[str, Any]]]:
    """Generate every dumper.

    Args:
        number: if given, rewrites each int and float on the way out.
        dates_native: leave ``datetime.date`` objects in place, for encoders that
            write them as ``YYYY-MM-DD`` themselves (orjson, msgspec).
    """
    table: dict[type, Callable[[Any], dict[str, Any]]] = {}
    ns: dict[str, Any] = {"_dumpers": table, "_dates_native": dates_native}
    if number is not None:
        num = number

        def dump_number(v: Any) -> Any:
            return {"decimal": str(v)} if v.__class__ is Decimal else num(v)

        def dump_stance(v: Any) -> Any:
            t = v.__class__
            if t is str:
                return v
            return {"decimal": str(v)} if t is Decimal else num(v)

        def dump_scalar(v: Any) -> Any:
            t = v.__class__
            if t is int:
                return num(v)
            return _dump_scalar_value(v)

        def dump_compare_value(v: Any) -> Any:
            if v.__class__ is tuple:
                return [dump_scalar(x) for x in v]
            return dump_scalar(v)

        ns.update(
            {
                "_dump_dump_number": dump_number,
                "_dump_dump_stance": dump_stance,
                "_dump_dump_compare_value": dump_compare_value,
                "_dump_dump_int": num,
                "_dump_dump_float": num,
            }
        )
    for cls in MODEL_TYPES:
        table[cls] = _generate_dumper(cls, ns)
    return table


#: Dumpers producing plain JSON-compatible values (``to_dict``, stdlib ``json``).
PLAIN_DUMPERS = _make_dumpers(None)


def dumpers_with(
    number: Callable[[Any], Any], *, dates_native: bool = False
) -> dict[type, Callable[[Any], dict[str, Any]]]:
    """Dumpers for an encoder other than ``json``; see :func:`_make_dumpers`."""
    return _make_dumpers(number, dates_native=dates_native)


def dumper(cls: type) -> Callable[[Any], dict[str, Any]]:
    """The plain dumper of a model class."""
    return PLAIN_DUMPERS[cls]


# --- explaining: every problem, with its path --------------------------------------------


class _Failed:
    pass


_FAILED = _Failed()


def _join(path: str, name: str) -> str:
    return f"{path}.{name}" if path else name


def _where(path: str) -> str:
    return path or "document"


def explain(data: Any, cls: Any, path: str, problems: list[str]) -> Any:
    """Load *data* as *cls* through the real constructors, appending every problem to *problems*."""
    if cls == Condition:
        return _explain_union(data, CONDITION_TYPES, path, problems, 0)
    if cls == Scale:
        return _explain_union(data, SCALE_TYPES, path, problems, 0)
    return _explain_class(data, cls, path, problems, 0)


def _explain_union(data: Any, members: tuple[type, ...], path: str, problems: list[str], depth: int) -> Any:
    what = "condition" if members == CONDITION_TYPES else "scale"
    if not isinstance(data, dict):
        problems.append(f"{_where(path)}: expected a {what} object, got {_wire_type(data)} {_show(data)}")
        return _FAILED
    tags = {getattr(t, "kind"): t for t in members}  # noqa: B009
    tag = data.get("kind", _MISSING)
    if tag is _MISSING:
        problems.append(f"{_join(path, 'kind')}: required key missing; one of {', '.join(tags)}")
        return _FAILED
    member = tags.get(tag) if isinstance(tag, str) else None
    if member is None:
        problems.append(f"{_join(path, 'kind')}: {_show(tag)} is not one of {', '.join(tags)}")
        return _FAILED
    if what == "condition":
        if depth >= MAX_DEPTH:
            problems.append(f"{_where(path)}: condition nested deeper than {MAX_DEPTH} levels")
            return _FAILED
        depth += 1
    return _explain_class(data, member, path, problems, depth)


def _explain_codec(codec: Codec, value: Any, path: str, problems: list[str], depth: int) -> Any:
    if codec.shape == "leaf":
        try:
            return codec.load(value)  # type: ignore[misc]
        except BadValueError as bad:
            problems.append(f"{_where(path)}: {bad.message}")
        except (ValidationError, ValueError, TypeError, ArithmeticError) as error:
            problems.append(f"{_where(path)}: {error}")
        return _FAILED
    if codec.shape == "optional":
        assert codec.item is not None
        return None if value is None else _explain_codec(codec.item, value, path, problems, depth)
    if codec.shape == "class":
        return _explain_class(value, codec.types[0], path, problems, depth)
    if codec.shape == "union":
        return _explain_union(value, codec.types, path, problems, depth)
    assert codec.item is not None
    if not isinstance(value, list):
        problems.append(f"{_where(path)}: expected an array, got {_wire_type(value)} {_show(value)}")
        return _FAILED
    items = [
        _explain_codec(codec.item, item, f"{path}[{i}]", problems, depth) for i, item in enumerate(value)
    ]
    return _FAILED if any(item is _FAILED for item in items) else tuple(items)


def _explain_class(data: Any, cls: type, path: str, problems: list[str], depth: int) -> Any:
    p = plan(cls)
    if not isinstance(data, dict):
        problems.append(
            f"{_where(path)}: expected an object ({cls.__name__}), got {_wire_type(data)} {_show(data)}"
        )
        return _FAILED
    ok = True
    for key in data:
        if key not in p.keys:
            hint = did_you_mean(key, p.keys) if isinstance(key, str) else ""
            problems.append(
                f"{_join(path, str(key))}: unknown key{hint} (allowed: {', '.join(sorted(p.keys))})"
            )
            ok = False
    kwargs: dict[str, Any] = {}
    for f in p.fields:
        value = data.get(f.name, _MISSING)
        if value is _MISSING:
            if f.required:
                problems.append(f"{_join(path, f.name)}: required key missing")
                ok = False
            continue
        loaded = _explain_codec(f.codec, value, _join(path, f.name), problems, depth)
        if loaded is _FAILED:
            ok = False
        else:
            kwargs[f.alias] = loaded
    if not ok:
        return _FAILED
    try:
        return cls(**kwargs)
    except ValidationError as error:
        problems.extend(f"{_where(path)}: {problem}" if path else problem for problem in error.problems)
    except (ValueError, TypeError, ArithmeticError) as error:
        problems.append(f"{_where(path)}: {error}")
    return _FAILED


# --- the converter ---------------------------------------------------------------------

converter = cattrs.Converter(forbid_extra_keys=True)


def _hook(loader: Callable[[Any, int], Any]) -> Callable[[Any, Any], Any]:
    def structure(data: Any, _: Any) -> Any:
        return loader(data, 0)

    return structure


def _register() -> None:
    for cls in MODEL_TYPES:
        _FAST[cls] = _generate_loader(cls)
        loader = _FAST[cls]
        converter.register_structure_hook(cls, _hook(loader))
        converter.register_unstructure_hook(cls, PLAIN_DUMPERS[cls])
    for cls in CONDITION_TYPES:
        _CONDITION_LOADERS[getattr(cls, "kind")] = _FAST[cls]  # noqa: B009
    for cls in SCALE_TYPES:
        _SCALE_LOADERS[getattr(cls, "kind")] = _FAST[cls]  # noqa: B009
    converter.register_structure_hook_func(lambda t: t == Condition, lambda d, _: _load_condition(d, 0))
    converter.register_structure_hook_func(lambda t: t == Scale, lambda d, _: _load_scale(d, 0))


_register()
