"""Plans: which codec each field of each model class uses, derived from the attrs fields.

The plans drive everything generated from the model: the canonical loaders
and dumpers (:mod:`accord._converter`), the fast path's msgspec mirrors
(:mod:`accord._fast`) and the JSON Schema (:mod:`accord._schema`).
"""

import datetime as dt
import enum
import sysconfig
import types
from collections.abc import Callable, Mapping
from decimal import Decimal
from typing import Any, Literal, Union, get_args, get_origin

import attrs

from accord._codecs import (
    AMOUNT,
    COMPARE_VALUE,
    DATE,
    ID,
    INT,
    NUMBER,
    OPERATOR,
    OPT_DATE,
    OPT_DURATION,
    OPT_ID,
    OPT_STR,
    OPT_TEXT,
    STANCE_CODEC,
    STR,
    STR_MAP,
    STR_TUPLE,
    TEXT,
    UNIT_FLOAT,
    Codec,
    enum_codec,
)
from accord.actors import Actor, Membership
from accord.commitments import Commitment, Quantity, StatusChange
from accord.conditions import After, AllOf, AnyOf, AtLeast, Before, Compare, Condition, Fact, InForce, Not
from accord.dates import Duration, Period
from accord.framework import Component, Framework
from accord.issues import Issue, Position
from accord.scales import IntervalScale, NominalScale, OrdinalScale, Scale
from accord.sources import Source

__all__ = [
    "CONDITION_TYPES",
    "FILL",
    "MODEL_TYPES",
    "SCALE_TYPES",
    "ByClass",
    "ClassPlan",
    "FieldPlan",
    "construct",
    "filler",
    "model_class_of",
    "plan",
    "subclasses_with_fields",
    "tag_of",
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


def members(cls: Any) -> tuple[type, ...]:
    """The model classes a document of *cls* may be: a union's members, else *cls* itself."""
    if cls == Condition:
        return CONDITION_TYPES
    if cls == Scale:
        return SCALE_TYPES
    return (cls,)


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
        return enum_codec(t, optional=False)
    if optional and len(members) == 1 and isinstance(next(iter(members)), type):
        (member,) = members
        if issubclass(member, enum.Enum):
            return enum_codec(member, optional=True)
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
                    "_check_source",
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
    #: init=False fields with a default factory (given the object when it takes self), set after
    #: the other fields and before ``__attrs_post_init__``, as ``__init__`` sets them.
    derived: tuple[tuple[str, Any, bool], ...]
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
    derived = []
    for field in attrs.fields(cls):
        if not field.init:
            if isinstance(field.default, attrs.Factory):  # type: ignore[arg-type]
                derived.append((field.name, field.default.factory, field.default.takes_self))
            elif field.default is not attrs.NOTHING:
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
    tag = tag_of(cls) if cls in _CONDITION_SET or cls in _SCALE_SET else None
    result = ClassPlan(
        cls=cls,
        tag=tag,
        fields=tuple(fields),
        fixed=tuple(fixed),
        derived=tuple(derived),
        keys=frozenset(f.name for f in fields) | ({"kind"} if tag else set()),
    )
    _PLANS[cls] = result
    return result


class ByClass(dict[type, Any]):
    """Functions by model class, serving the object of a subclass with its model class's function.

    Writers look up a union member's function by ``value.__class__``. The constructors accept
    objects of subclasses of the model classes; one whose class only adds behaviour is written
    as the model class it extends, as fields of one class write it. (Documents holding objects
    of subclasses that add fields are refused before anything is written: see
    :func:`subclasses_with_fields`.) Found by the subclass's MRO at each lookup, never stored:
    membership (``in``) stays the model classes'.
    """

    __slots__ = ()

    def __missing__(self, cls: type) -> Any:
        base = model_class_of(cls)
        if base is None or not dict.__contains__(self, base):
            raise KeyError(cls)
        return dict.__getitem__(self, base)


_MODEL_SET = frozenset(MODEL_TYPES)


def model_class_of(cls: type) -> type | None:
    """The model class *cls* is or extends (the first one in its MRO); None if it extends none."""
    return next((base for base in cls.__mro__ if base in _MODEL_SET), None)


def tag_of(cls: type) -> str:
    """A tagged class's tag: its ``kind`` (a class attribute, or the default of a ``kind`` field)."""
    kind = attrs.fields_dict(cls).get("kind")
    tag = getattr(cls, "kind") if kind is None else kind.default  # noqa: B009
    assert isinstance(tag, str)
    return tag


#: Whether the generated builders may fill objects as fillers (see :func:`filler`). Not on the
#: free-threaded builds of CPython, where assigning ``__class__`` may stop every thread.
FILL = not sysconfig.get_config_var("Py_GIL_DISABLED")


def _make_filler(cls: type) -> type | None:
    """A private class with the layout of the frozen attrs class *cls*, whose objects take plain stores.

    A frozen class refuses attribute assignment, so an object built without ``__init__`` would
    have each slot set through its descriptor's ``__set__``: a call per field. The filler has
    the same bases and the same slots as *cls* but ``object``'s ``__setattr__`` and
    ``__delattr__``, so a store to a slot is the interpreter's plain slot store (about a third
    of the time); a filled object becomes a *cls* object when its ``__class__`` is assigned.
    The filler is no subclass of *cls*: tools that walk ``cls.__subclasses__()`` never see it.

    None when CPython would refuse the assignment: a class with a ``__weakref__`` or
    ``__dict__`` slot after its own slots does not count as having the layout of another
    class (only Framework keeps a weak-reference slot, and is built once per document).
    """
    namespace = {
        "__slots__": cls.__dict__.get("__slots__", ()),
        "__setattr__": object.__setattr__,
        "__delattr__": object.__delattr__,
    }
    filler = type(f"_Filling{cls.__name__}", cls.__bases__, namespace)
    probe: Any = object.__new__(filler)
    try:
        probe.__class__ = cls
    except TypeError:
        return None
    return filler


#: The filler of each model class that has one (see :func:`filler`).
_FILLERS: dict[type, type] = {
    cls: found for cls in MODEL_TYPES if FILL and (found := _make_filler(cls)) is not None
}


def filler(cls: type) -> type | None:
    """The filler of the model class *cls*, or None: objects are filled as it, then made *cls* objects.

    Objects are built this way only from checked values, and made *cls* objects
    (``o.__class__ = cls``) before any validator or post-init sees them, so nothing of the
    filler shows: see :func:`construct`.
    """
    return _FILLERS.get(cls)


def subclasses_with_fields() -> dict[type, tuple[type, tuple[str, ...]]]:
    """The subclasses of the model classes that add attrs fields of their own, at any depth.

    Each maps to the model class it extends and the names of the fields it adds, which the format
    has no place for. Found afresh at each call (a subclass may be defined at any time); with no
    subclass at all, that is one ``__subclasses__()`` call per model class.
    """
    found: dict[type, tuple[type, tuple[str, ...]]] = {}
    for base in MODEL_TYPES:
        stack: list[type] = base.__subclasses__()
        if not stack:
            continue
        own = {f.name for f in attrs.fields(base)}
        while stack:
            sub = stack.pop()
            stack.extend(sub.__subclasses__())
            if attrs.has(sub):
                extra = tuple(f.name for f in attrs.fields(sub) if f.name not in own)
                if extra:
                    found[sub] = (base, extra)
    return found


def construct(cls: type, p: ClassPlan, ns: dict[str, Any]) -> list[str]:
    """Generated lines that build ``cls`` from the checked values ``v0 … vN`` and return it.

    The object is filled as the class's :func:`filler`, with its init=False fields of fixed
    value, and made a ``cls`` object (for a class without a filler, it is made a ``cls`` object
    and each slot set through its descriptor); then the derived fields are set, every validator
    the codecs do not already imply runs, and ``__attrs_post_init__``, so no invariant of the
    model is skipped. Names the lines use go into *ns*.
    """
    ns["_new"] = object.__new__
    ns["_cls"] = cls
    stores = [(f.name, f"v{i}") for i, f in enumerate(p.fields)]
    for j, (name, value) in enumerate(p.fixed):
        ns[f"_fixed{j}"] = value
        stores.append((name, f"_fixed{j}"))
    fill = filler(cls)
    if fill is not None:
        ns["_filler"] = fill
        lines = ["    o = _new(_filler)", *(f"    o.{name} = {value}" for name, value in stores)]
        lines.append("    o.__class__ = _cls")
    else:
        lines = ["    o = _new(_cls)"]
        for name, value in stores:
            ns[f"_set_{name}"] = getattr(cls, name).__set__
            lines.append(f"    _set_{name}(o, {value})")
    for j, (name, factory, takes_self) in enumerate(p.derived):
        ns[f"_deriveset{j}"] = getattr(cls, name).__set__
        ns[f"_derive{j}"] = factory
        lines.append(f"    _deriveset{j}(o, _derive{j}({'o' if takes_self else ''}))")
    for i, f in enumerate(p.fields):
        if f.validator is not None:
            ns[f"_validate{i}"] = f.validator
            ns[f"_attribute{i}"] = f.attribute
            lines.append(f"    _validate{i}(o, _attribute{i}, v{i})")
    if hasattr(cls, "__attrs_post_init__"):
        lines.append("    o.__attrs_post_init__()")
    lines.append("    return o")
    return lines
