"""The msgspec fast path for reading (installed with the ``fast`` extra).

For every model class a msgspec ``Struct`` *mirror* is generated once from the
converter's plans (which come from the attrs fields): the same keys, unknown
fields forbidden, the ``kind`` tags of the unions, range validators as
``msgspec.Meta`` constraints. msgspec checks the JSON against the mirrors in C;
generated builders then make the frozen attrs objects, skipping ``__init__``
exactly as the canonical loaders do (the checks msgspec cannot do — id syntax,
non-empty text, exact decimals, durations — are done in the builders, and
every attrs validator or converter that no check covers is called, as is
``__attrs_post_init__``). Framework integrity is checked by ``Framework``
itself.

The fast path may be stricter than the canonical one but never more lenient:
whenever it rejects a document (a problem, an older format version, an aware
datetime, …), :mod:`accord.serialisation` reads the document again on the
canonical path, which loads it or reports every problem. Users therefore get
identical objects and identical errors either way.
"""

import datetime as dt
import enum
import itertools
from collections.abc import Callable
from decimal import Decimal
from typing import Annotated, Any, Literal, Union

import attrs
import msgspec

from accord import _codecs as k
from accord import _plans as pl
from accord._ids import MAX_ID_LENGTH
from accord._migrations import FORMAT_VERSION, VERSION_KEY
from accord._validation import INT64_MIN, UINT64_MAX, to_date
from accord.conditions import OPERATORS, After, Before, Compare, Fact, InForce, _flatten_all, _flatten_any
from accord.dates import Period

__all__ = ["decoder", "encode"]

_UNSET = msgspec.UNSET
_Unset = msgspec.UnsetType
_Raw = dict[str, str]
_Scalar = bool | int | str | _Raw

_MIRRORS: dict[type, Any] = {}
_BUILDERS: dict[Any, Callable[[Any], Any]] = {}
_DECODERS: dict[Any, msgspec.json.Decoder[Any]] = {}

_LEAF_TYPES: dict[int, Any] = {
    id(k.ID): Annotated[str, msgspec.Meta(min_length=1, max_length=MAX_ID_LENGTH)],
    id(k.OPT_ID): Annotated[str, msgspec.Meta(min_length=1, max_length=MAX_ID_LENGTH)] | None,
    id(k.STR): str,
    id(k.TEXT): Annotated[str, msgspec.Meta(min_length=1)],
    id(k.OPT_STR): str | None,
    id(k.OPT_TEXT): Annotated[str, msgspec.Meta(min_length=1)] | None,
    id(k.DATE): dt.date,
    id(k.OPT_DATE): dt.date | None,
    id(k.INT): int,
    id(k.UNIT_FLOAT): Annotated[float, msgspec.Meta(ge=0.0, le=1.0)],
    id(k.AMOUNT): Annotated[str, msgspec.Meta(pattern=k.AMOUNT_TEXT)],
    id(k.NUMBER): int | float | _Raw,
    id(k.STANCE_CODEC): Annotated[str, msgspec.Meta(min_length=1)] | int | float | _Raw,
    id(k.COMPARE_VALUE): _Scalar | list[_Scalar],
    id(k.OPERATOR): Literal[OPERATORS],
    id(k.OPT_DURATION): str | None,
    id(k.STR_TUPLE): tuple[str, ...],
    id(k.STR_MAP): dict[str, str],
}

#: Leaves whose builder step converts or checks beyond what the mirror type guarantees.
_LEAF_STEPS: dict[int, Callable[[Any], Any]] = {
    id(k.AMOUNT): k.load_amount,
    id(k.NUMBER): k.load_number,
    id(k.STANCE_CODEC): k.load_stance,
    id(k.COMPARE_VALUE): k.load_compare_value,
    id(k.OPT_DURATION): k.load_opt_duration,
}


def _leaf_type(codec: k.Codec) -> Any:
    found = _LEAF_TYPES.get(id(codec))
    if found is not None:
        return found
    by_value = getattr(codec.load, "by_value", None)
    if by_value is not None:
        kind = type(next(iter(by_value.values())))
        return kind | None if None in getattr(codec.load, "accepts", ()) else kind
    raise TypeError(f"no mirror type for {codec}")  # pragma: no cover - every leaf is listed


def _mirror_type(codec: k.Codec) -> Any:
    if codec.shape == "leaf":
        return _leaf_type(codec)
    if codec.shape == "class":
        return _mirror(codec.types[0])
    if codec.shape == "union":
        return Union[tuple(_mirror(t) for t in codec.types)]  # noqa: UP007
    assert codec.item is not None
    inner = _mirror_type(codec.item)
    if codec.shape == "optional":
        return inner | None
    return tuple[inner, ...]  # type: ignore[valid-type]


def _struct_options(cls: type) -> dict[str, Any]:
    p = pl.plan(cls)
    options: dict[str, Any] = {"forbid_unknown_fields": True, "kw_only": True, "gc": False}
    if p.tag is not None:
        options.update(tag_field="kind", tag=p.tag)
    return options


_OPTIONAL_LEAVES = (k.OPT_ID, k.OPT_STR, k.OPT_TEXT, k.OPT_DATE, k.OPT_DURATION)


def _mirror_default(cls: type, f: pl.FieldPlan) -> Any:
    """The model's default as the mirror's, when the builder's steps leave it as it is; else UNSET.

    Then a missing key gives the mirror the model's default and the builder needs no branch for
    it: None where the field's steps accept null (and return it), an empty array (built as
    ``()``), or a plain value of a field without steps.
    """
    if f.required or f.factory is not None or (cls in _ROOTS and f.codec.shape == "tuple"):
        return _UNSET
    codec, default = f.codec, f.default
    if default is None:
        accepts_null = (
            codec.shape == "optional"
            or codec in _OPTIONAL_LEAVES
            or None in getattr(codec.load, "accepts", ())
        )
        return None if accepts_null else _UNSET
    if default == () and codec.shape == "tuple":
        return ()
    if (
        codec.shape == "leaf"
        and isinstance(default, bool | int | float | enum.Enum)
        and _build_block(codec, {}, "v", "w") == ["w = v"]
    ):
        return default
    return _UNSET


def _mirror(cls: type) -> Any:
    found = _MIRRORS.get(cls)
    if found is not None:
        return found
    p = pl.plan(cls)
    if cls in pl.CONDITION_TYPES:
        # the union is recursive: make the name resolvable before the fields refer to it
        _MIRRORS[cls] = f"Mirror{cls.__name__}"
    fields: list[tuple[str, Any] | tuple[str, Any, Any]] = []
    for f in p.fields:
        kind = _mirror_type(f.codec)
        if cls in _ROOTS and f.codec.shape == "tuple":
            kind = list[_mirror_type(f.codec.item)]  # type: ignore[misc,arg-type]  # emptied while building
        if f.required:
            fields.append((f.name, kind))
        elif _mirror_default(cls, f) is not _UNSET:
            fields.append((f.name, kind, _mirror_default(cls, f)))
        else:
            fields.append((f.name, Union[kind, _Unset], _UNSET))  # noqa: UP007
    name = f"Mirror{cls.__name__}"
    mirror = msgspec.defstruct(name, fields, module=__name__, **_struct_options(cls))
    # msgspec resolves the recursive condition mirrors' forward references in this module
    globals()[name] = mirror
    _MIRRORS[cls] = mirror
    return mirror


def _build_block(codec: k.Codec, ns: dict[str, Any], src: str, dst: str) -> list[str]:
    """Statements turning the mirror value in *src* into the model value in *dst*."""
    if codec.shape == "leaf":
        if codec is k.ID:
            return [f"if {src} not in known_ids:", f"    remember_id({src})", f"{dst} = {src}"]
        if codec is k.OPT_ID:
            return [
                f"if {src} is not None and {src} not in known_ids:",
                f"    remember_id({src})",
                f"{dst} = {src}",
            ]
        if codec is k.TEXT:
            return [f"if not {src}.strip():", "    _fail()", f"{dst} = {src}"]
        if codec is k.AMOUNT:  # the mirror checked the text (digits, no sign): only the bound is left
            ns["_Decimal"] = Decimal
            ns["_MAX_EXPONENT"] = k.MAX_DECIMAL_EXPONENT
            return [
                f"{dst} = _Decimal({src})",
                f"if {dst} and ({dst}.adjusted() > _MAX_EXPONENT or {dst}.adjusted() < -_MAX_EXPONENT):",
                "    _fail()",
            ]
        if codec is k.OPT_TEXT:
            return [f"if {src} is not None and not {src}.strip():", "    _fail()", f"{dst} = {src}"]
        step = _LEAF_STEPS.get(id(codec))
        if step is not None:
            name = f"_step_{step.__name__}"
            ns[name] = step
            if codec is k.STANCE_CODEC:  # a level name: the mirror checked it is a non-empty str
                return [f"{dst} = {src} if {src}.__class__ is str else {name}({src})"]
            if codec is k.COMPARE_VALUE:  # strings, booleans and ints in bounds are read as they are
                ns["_int_bound"] = 1 << k.MAX_INT_BITS
                simple = (
                    f"(_c := {src}.__class__) is str or _c is bool"
                    f" or _c is int and -_int_bound < {src} < _int_bound"
                )
                return [f"{dst} = {src} if {simple} else {name}({src})"]
            if codec is k.OPT_DURATION:
                return [f"{dst} = None if {src} is None else {name}({src})"]
            return [f"{dst} = {name}({src})"]
        return [f"{dst} = {src}"]
    if codec.shape == "class":
        name = f"_build_{codec.types[0].__name__}"
        ns[name] = _BUILDERS[codec.types[0]]
        return [f"{dst} = {name}({src})"]
    if codec.shape == "union":
        return [f"{dst} = _builders[{src}.__class__]({src})"]
    assert codec.item is not None
    if codec.shape == "optional":
        inner = _build_block(codec.item, ns, src, dst)
        return [f"if {src} is None:", f"    {dst} = None", "else:", *("    " + line for line in inner)]
    item = codec.item
    if item.shape == "class":
        name = f"_build_{item.types[0].__name__}"
        ns[name] = _BUILDERS[item.types[0]]
        return [f"{dst} = tuple(map({name}, {src})) if {src} else ()"]
    return [f"{dst} = tuple([_builders[_x.__class__](_x) for _x in {src}]) if {src} else ()"]


def _fail() -> Any:
    raise k.BadValueError("invalid")


#: Converters that return their value itself for every document the writers produce: the items
#: of ``all_of`` / ``any_of``, flattened only when an item is of the same kind. A document that
#: nests them is read by the canonical path, which also bounds its nesting (flattening would hide
#: how deep the document itself is), so both paths give the same object or the same error.
_UNCHANGED_WHEN_CANONICAL = frozenset({_flatten_all, _flatten_any})

#: Date codecs whose mirror type decodes plain ``datetime.date`` objects (or None) only, which
#: the model's ``to_date`` converter returns unchanged (an aware datetime, which it would turn
#: into a date, is not accepted by the mirror: the canonical path reads such documents).
_EXACT_DATES = (k.DATE, k.OPT_DATE)

#: Classes whose ``__attrs_post_init__`` only checks the values of the fields (it sets nothing
#: and depends on nothing else). Once it has passed for some field values it passes for equal
#: values of the same types, so the builders remember the values it passed for and skip it for
#: those; any other value is checked by it. Condition leaves repeat a small vocabulary of facts
#: and references thousands of times. The caches are bounded like :data:`_codecs.known_ids`.
_CHECK_ONLY: tuple[type, ...] = (Fact, Compare, Before, After, InForce, Period)
_CHECKED: dict[type, dict[Any, None]] = {cls: {} for cls in _CHECK_ONLY}
_CHECKED_LIMIT = 1 << 16
#: Keys holding more text than this (in characters) are not remembered: the caches outlive the
#: documents, and must not keep their long strings alive (numbers have at most 300 digits).
_CHECKED_KEY_SIZE = 256
#: Classes a key may hold a document value of, so equal keys mean equal values of the same
#: types (``True == 1`` in Python): any other value is checked by the post-init each time.
_KEY_CLASSES = (str, int, bool, type(None))


def _key_size(key: tuple[Any, ...]) -> int:
    """The characters of a key's strings, nested tuples included."""
    size = 0
    for part in key:
        cls = part.__class__
        if cls is str:
            size += len(part)
        elif cls is tuple:
            size += _key_size(part)
    return size


def _remember_checked(seen: dict[Any, None], key: Any) -> None:
    if _key_size(key) > _CHECKED_KEY_SIZE:
        return
    if len(seen) >= _CHECKED_LIMIT:
        seen.clear()
    seen[key] = None


#: Leaf codecs whose mirror decodes exactly one hashable class (or null) and whose field value
#: is a function of it: equal document values give equal field values, so the value itself can
#: key a cache (enums too).
_PLAIN_KEYS = (
    k.ID, k.OPT_ID, k.STR, k.TEXT, k.OPT_STR, k.OPT_TEXT, k.DATE, k.OPT_DATE, k.INT,
    k.OPERATOR, k.STR_TUPLE, k.AMOUNT, k.OPT_DURATION,
)  # fmt: skip
#: Leaf codecs of several classes: keyed with the class, and only when it is one of
#: :data:`_KEY_CLASSES` (``True == 1``). Floats are never keys (``0.0 == -0.0``).
_GUARDED_KEYS = (k.NUMBER, k.STANCE_CODEC)


def _compare_value_key(v: Any) -> Any:
    """A key of a comparison's document value: a scalar of :data:`_KEY_CLASSES` with its class, or
    a list of such scalars (``basis in ["un", "eu"]``, repeated across a document); else None."""
    cls = v.__class__
    if cls in _KEY_CLASSES:
        return cls, v
    if cls is list:
        classes = tuple(map(type, v))
        if _KEY_CLASS_SET.issuperset(classes):
            return tuple(zip(classes, v, strict=True))
    return None


_KEY_CLASS_SET = frozenset(_KEY_CLASSES)


def _value_key(p: pl.ClassPlan) -> tuple[str, list[str]] | None:
    """The expression of a key of a mirror's document values, and the guards it needs.

    Objects of the class built from equal keys are equal. None when a field cannot be keyed.
    """
    parts = []
    guards = []
    for f in p.fields:
        codec = f.codec
        if codec in _PLAIN_KEYS or getattr(codec.load, "by_value", None) is not None:
            parts.append(f"m.{f.name}")
        elif codec in _GUARDED_KEYS:
            parts.append(f"m.{f.name}.__class__, m.{f.name}")
            guards.append(f"m.{f.name}.__class__ in _key_classes")
        elif codec is k.COMPARE_VALUE:
            parts.append(f"_k{f.name}")
            guards.append(f"(_k{f.name} := _compare_value_key(m.{f.name})) is not None")
        else:  # an object with a mirror of its own, a float, a mapping
            return None
    key = "(" + ", ".join(parts) + ",)"
    return key, guards


def _checked_once(cls: type, ns: dict[str, Any], lines: list[str], guarded: bool) -> list[str]:
    """Replace the post-init call of a check-only class by a lookup of the values it passed for.

    The document values' key ``_k`` (None when *guarded* and a value has no key) is computed
    before the lines run; see :func:`_value_key`.
    """
    call = "    o.__attrs_post_init__()"
    if cls not in _CHECK_ONLY or call not in lines:
        return lines
    ns["_seen"] = _CHECKED[cls]
    ns["_remember"] = _remember_checked
    # The key holds the values as read from the document: the builder's steps and the model's
    # converters are functions of them, so equal keys give equal field values. (Keying on the
    # text of a duration also spares hashing a Duration.)
    at = lines.index(call)
    if guarded:
        check = [
            "    if _k is None or _k not in _seen:",
            "        o.__attrs_post_init__()",
            "        if _k is not None:",
            "            _remember(_seen, _k)",
        ]
    else:
        check = ["    if _k not in _seen:", "    " + call, "        _remember(_seen, _k)"]
    return [*lines[:at], *check, *lines[at + 1 :]]


#: Objects built from one document, by class and key of their document values (see
#: :func:`_value_key`): equal objects of a class whose fields are all keyed leaves — sources,
#: quantities, condition leaves, periods, scales — are built once per document and shared
#: (they are immutable, so sharing is invisible but for ``is``). Emptied once a document is built,
#: so nothing is kept alive; about :data:`_SHARED_LIMIT` objects of a class at most (the check and
#: the store are two steps). One memory for the process: documents loaded at the same moment on
#: several threads may share objects too, and keep them until the last of those loads ends.
_SHARED: dict[type, dict[Any, Any]] = {}
_SHARED_LIMIT = 1 << 16


def _shared(cls: type, p: pl.ClassPlan, ns: dict[str, Any], lines: list[str]) -> list[str]:
    """The builder's *lines* (after the ``def``) sharing equal objects of *cls* within a document."""
    found = _value_key(p)
    if found is None:
        return lines
    key, guards = found
    memo = _SHARED.setdefault(cls, {})
    ns.update(_shared_get=memo.get, _shared=memo, _SHARED_LIMIT=_SHARED_LIMIT, _key_classes=_KEY_CLASSES)
    ns["_compare_value_key"] = _compare_value_key
    if guards:
        head = [
            f"    _k = {key} if {' and '.join(guards)} else None",
            "    if _k is not None and (o := _shared_get(_k)) is not None:",
            "        return o",
        ]
        keep = ["    if _k is not None and len(_shared) < _SHARED_LIMIT:", "        _shared[_k] = o"]
    else:
        head = [f"    _k = {key}", "    if (o := _shared_get(_k)) is not None:", "        return o"]
        keep = ["    if len(_shared) < _SHARED_LIMIT:", "        _shared[_k] = o"]
    body = _checked_once(cls, ns, lines, bool(guards))
    assert body[-1] == "    return o"
    return [*head, *body[:-1], *keep, body[-1]]


def _referenced(codec: k.Codec) -> set[type]:
    found = set(codec.types)
    if codec.item is not None:
        found |= _referenced(codec.item)
    return found


#: Classes no other class holds (Framework): documents whose arrays can be large.
_ROOTS = frozenset(pl.MODEL_TYPES) - {
    t for c in pl.MODEL_TYPES for f in pl.plan(c).fields for t in _referenced(f.codec)
}


def _release_block(codec: k.Codec, ns: dict[str, Any], src: str, dst: str) -> list[str]:
    """Build a document's large array (a list) item by item, freeing each mirror once built.

    The objects built next then reuse the mirror's memory, still in the CPU's cache.
    """
    assert codec.item is not None
    ns["_repeat"] = itertools.repeat
    item = codec.item
    if item.shape == "class":
        name = f"_build_{item.types[0].__name__}"
        ns[name] = _BUILDERS[item.types[0]]
        each = f"{name}(_pop())"
    else:
        each = "_builders[(_y := _pop()).__class__](_y)"
    return [f"{src}.reverse()", f"{dst} = tuple([{each} for _pop in _repeat({src}.pop, len({src}))])"]


def _generate_builder(cls: type) -> Callable[[Any], Any]:
    p = pl.plan(cls)
    ns: dict[str, Any] = {
        "_UNSET": _UNSET,
        "_fail": _fail,
        "known_ids": k.known_ids,
        "remember_id": k.remember_id,
        "_builders": _BUILDERS,
    }
    lines = []
    for i, f in enumerate(p.fields):
        block = _build_block(f.codec, ns, "v", f"v{i}")
        lines.append(f"    v = m.{f.name}")
        if f.required or _mirror_default(cls, f) is not _UNSET:
            lines.extend("    " + line for line in block)
        else:
            if f.factory is not None:
                ns[f"_factory{i}"] = f.factory
                default = f"_factory{i}()"
            else:
                ns[f"_default{i}"] = f.default
                default = f"_default{i}"
            if f.codec.shape == "tuple" and cls in _ROOTS:
                block = _release_block(f.codec, ns, "v", f"v{i}")
            lines += ["    if v is _UNSET:", f"        v{i} = {default}", "    else:"]
            lines.extend("        " + line for line in block)
        if f.converter in _UNCHANGED_WHEN_CANONICAL:
            ns[f"_convert{i}"] = f.converter
            lines += [f"    if _convert{i}(v{i}) is not v{i}:", "        _fail()"]
        elif f.converter is not None and not (f.converter is to_date and f.codec in _EXACT_DATES):
            ns[f"_convert{i}"] = f.converter
            lines.append(f"    v{i} = _convert{i}(v{i})")
    lines += pl.construct(cls, p, ns)
    source = "\n".join(["def build(m):", *_shared(cls, p, ns, lines)])
    exec(compile(source, f"<accord builder {cls.__name__}>", "exec"), ns)
    builder: Callable[[Any], Any] = ns["build"]
    builder.__doc__ = source
    return builder


def _top_level(cls: type) -> Any:
    """The mirror of a top-level document: the class's mirror plus the version key."""
    base = _mirror(cls)
    top = msgspec.defstruct(
        f"Document{cls.__name__}",
        [(VERSION_KEY, Literal[FORMAT_VERSION])],
        bases=(base,),
        module=__name__,
        **_struct_options(cls),
    )
    _BUILDERS[top] = _BUILDERS[cls]
    return top


def decoder(cls: Any) -> Callable[[str | bytes], Any]:
    """A function decoding a whole document of type *cls* (a model class or union) on the fast path."""
    found = _DECODERS.get(cls)
    if found is None:
        tops = tuple(_top_level(m) for m in pl.members(cls))
        found = msgspec.json.Decoder(Union[tops] if len(tops) > 1 else tops[0])  # noqa: UP007
        _DECODERS[cls] = found
    decode = found.decode
    builders = _BUILDERS

    memos = tuple(_SHARED.values())

    def load(text: str | bytes) -> Any:
        document = decode(text)
        try:
            return builders[document.__class__](document)
        finally:
            for memo in memos:
                memo.clear()

    return load


# --- writing -----------------------------------------------------------------------------
#
# Writing mirrors: one Struct per class with the model's defaults and ``omit_defaults``, so
# msgspec leaves out exactly the fields the canonical dumpers leave out. The mirror's fields are
# the wire keys in sorted order (the ``kind`` tag and, for documents, the version key included as
# plain fields), so msgspec writes them in that order without sorting at every call. Generated
# converters copy an attrs object into its mirror (positionally, in C). Values whose spelling
# msgspec cannot produce itself (tagged Decimals and dates, exponent floats, huge ints) are
# converted by the same hooks as the orjson writer; the tests check byte identity with the
# standard library's ``json``.

_WRITE_MIRRORS: dict[type, Any] = {}
_TOP_MIRRORS: dict[type, Any] = {}
_CONVERTERS: dict[type, Callable[[Any], Any]] = pl.ByClass()
_TOP_CONVERTERS: dict[type, Callable[[Any], Any]] = {}
_SIMPLE_DEFAULTS = (type(None), bool, int, float, str, tuple, enum.Enum)
#: The default of the mirror fields that are always written: no value is ever this object, so
#: ``omit_defaults`` never leaves them out (and every field can be given positionally).
_ALWAYS = type("_Always", (), {"__repr__": lambda self: "ALWAYS"})()


def _write_default(f: pl.FieldPlan) -> Any:
    """The mirror's default: the model's when msgspec can compare it, else None (the converter maps it)."""
    if f.factory is None and isinstance(f.default, _SIMPLE_DEFAULTS):
        return f.default
    return None


def _wire_order(p: pl.ClassPlan, top: bool) -> list[str]:
    """The wire keys of a class's objects (of its documents, when *top*), sorted."""
    names = [f.name for f in p.fields]
    if p.tag is not None:
        names.append("kind")
    if top:
        names.append(VERSION_KEY)
    return sorted(names)


def _write_mirror(cls: type) -> Any:
    p = pl.plan(cls)
    by_name = {f.name: f for f in p.fields}
    for top in (False, True):
        fields: list[tuple[str, Any, Any]] = []
        for name in _wire_order(p, top):
            f = by_name.get(name)
            default = _ALWAYS if f is None or f.required else _write_default(f)
            fields.append((name, Any, default))
        kind = "WriteDocument" if top else "Write"
        mirror = msgspec.defstruct(
            f"{kind}{cls.__name__}", fields, module=__name__, omit_defaults=True, gc=False
        )
        (_TOP_MIRRORS if top else _WRITE_MIRRORS)[cls] = mirror
    return _WRITE_MIRRORS[cls]


def _writes_natively(cls: type) -> bool:
    """Whether msgspec writes *cls*'s objects themselves exactly as the canonical dumpers do.

    msgspec writes every public slot of an attrs object, defaults included, in the order of the
    class's slot members (CPython sorts slot names, and the tests compare the bytes), and leaves
    out a slot that is unset. So every field must be required and public, and of a leaf type
    msgspec spells the canonical way (strings, and Decimal amounts as ``str()`` text); the
    fields are required in sorted order as well, not to depend on that order. Quantity is such
    a class.
    """
    p = pl.plan(cls)
    fields = attrs.fields(cls)
    names = [a.name for a in fields]
    return (
        p.tag is None
        and len(fields) == len(p.fields)
        and names == sorted(names)
        and all(f.required and not f.name.startswith("_") for f in p.fields)
        and all(f.codec in (k.STR, k.TEXT, k.ID, k.AMOUNT) for f in p.fields)
    )


_NATIVE = frozenset(cls for cls in pl.MODEL_TYPES if _writes_natively(cls))

#: Classes whose objects say whether msgspec writes them as they are, in the canonical form: the
#: condition nodes, through their ``_plain`` field (true when the tree below holds no literal the
#: canonical form spells itself, see :func:`accord.conditions._literal_is_plain`). Their tag is a
#: field too, so msgspec writes it; ``_depth`` and ``_plain`` are private, so it leaves them out.
#: msgspec writes the slots in the order of the class's slot members, which CPython sorts by
#: name: the canonical order (``kind`` before ``name``). It leaves out a slot that is unset, so
#: every way of building a node must set ``kind`` (the tests build trees every way and compare
#: the bytes with the canonical writer's).
_SAYS_IF_PLAIN = frozenset(cls for cls in pl.MODEL_TYPES if "_plain" in attrs.fields_dict(cls))


def _plain_or(types: tuple[type, ...], v: str, converted: str) -> str:
    """*v* itself when its object says msgspec writes it as it is, else the expression *converted*.

    Objects of subclasses are converted: msgspec would write their own fields too.
    """
    if not _SAYS_IF_PLAIN.intersection(types):
        return converted
    return f"({v} if {v}.__class__ in _says_if_plain and {v}._plain else {converted})"


def _write_expr(codec: k.Codec, ns: dict[str, Any], v: str) -> str:
    if codec.shape == "leaf":
        if codec.dump is k.enum_value:  # the value itself: msgspec looks an enum's up more slowly
            optional = None in codec.schema["enum"]
            return f"({v} if {v} is None else {v}._value_)" if optional else f"{v}._value_"
        if codec.dump in (None, k.dump_int, list):  # msgspec writes these itself
            return v
        if codec.dump is k.dump_date:  # plain dates only (see _codecs.dump_date); msgspec writes ISO
            return v
        if codec.dump is k.dump_float:
            plain = f"0.0001 <= {v} < 1e16 or {v} == 0.0 or -1e16 < {v} <= -0.0001"
            return f"({v} if {plain} else _number({v}))"
        if codec.dump is k.dump_stance:
            return f"({v} if {v}.__class__ is str else _stance({v}))"
        if codec.dump is str:  # amounts, durations
            return f"(None if {v} is None else str({v}))"
        if codec.dump is dict:  # identifiers
            return f"(dict(sorted({v}.items())) if {v} else None)"
        names: dict[Callable[[Any], Any], str] = {
            k.dump_number: "_number_value",
            k.dump_compare_value: "_compare_value",
        }
        if codec.dump is k.dump_compare_value:  # ints msgspec spells as json does are passed too
            ns["_int_min"], ns["_int_max"] = INT64_MIN, UINT64_MAX
            simple = f"(_c := {v}.__class__) is str or _c is bool"
            simple += f" or _c is int and _int_min <= {v} <= _int_max"
            return f"({v} if {simple} else _compare_value({v}))"
        name = names.get(codec.dump)
        if name is None:  # pragma: no cover - every leaf with a dump function is listed
            raise TypeError(f"no writer for {codec}")
        return f"{name}({v})"
    if codec.shape == "class":
        return _object_expr(codec.types[0], ns, v)
    if codec.shape == "union":
        ns["_says_if_plain"] = _SAYS_IF_PLAIN
        return _plain_or(codec.types, v, f"_converters[{v}.__class__]({v})")
    assert codec.item is not None
    if codec.shape == "optional":
        inner = _write_expr(codec.item, ns, v)
        return v if inner == v else f"(None if {v} is None else {inner})"
    item = codec.item
    if item.shape == "class":
        # Built in place (no converter call per item); most arrays in documents hold one item.
        x = f"_x{v.count('_x')}"  # a fresh name in nested arrays
        one = _object_expr(item.types[0], ns, f"{v}[0]")
        each = _object_expr(item.types[0], ns, x)
        return f"((({one},) if len({v}) == 1 else tuple([{each} for {x} in {v}])) if {v} else ())"
    ns["_says_if_plain"] = _SAYS_IF_PLAIN
    each = _plain_or(item.types, "_x", "_converters[_x.__class__](_x)")
    return f"(tuple([{each} for _x in {v}]) if {v} else ())"


def _object_expr(cls: type, ns: dict[str, Any], v: str) -> str:
    """The expression writing the object *v* of the class field type *cls*: its writing mirror.

    The mirror is built in place, without a call to the converter: *v* is a local name or a
    chain of attribute and index reads, cheap to repeat once per field. Objects of the class's
    own fields are built in place too; the recursion ends because no model class holds itself
    but through a union (conditions), and union members are written by their converters.
    """
    p = pl.plan(cls)
    mirror = f"_Write{cls.__name__}"
    ns[mirror] = _WRITE_MIRRORS[cls]
    args = {f.name: _field_expr(cls, f, ns, f"{v}.{f.name}") for f in p.fields}
    if p.tag is not None:
        args["kind"] = repr(p.tag)
    built = f"{mirror}({', '.join(args[name] for name in _wire_order(p, top=False))})"
    if cls in _NATIVE:  # a subclass could have more fields: it gets a mirror
        ns[f"_native_{cls.__name__}"] = cls
        return f"({v} if {v}.__class__ is _native_{cls.__name__} else {built})"
    return built


def _field_expr(cls: type, f: pl.FieldPlan, ns: dict[str, Any], v: str, chunked: bool = False) -> str:
    """The expression writing the value *v* of *cls*'s field *f*: its default when equal to it."""
    expr = _chunked_expr(f.codec, ns, v) if chunked else _write_expr(f.codec, ns, v)
    if f.required:
        return expr
    default = _write_default(f)
    name = f"_default_{cls.__name__}_{f.name}"
    if default is None and f.default is not None and f.factory is None:
        # a default msgspec cannot compare (the STANCE scale): write None for it
        ns[name] = f.default
        return f"(None if {v} is {name} or {v} == {name} else {expr})"
    if default is not None and default != ():
        # msgspec omits a default by identity: hand it the default object for any equal value
        ns[name] = default
        return f"({name} if {v} is {name} or {v} == {name} else {expr})"
    return expr


#: Items of a document's large array converted and written at a time (see :func:`_chunked`).
_CHUNK = 256


def _chunked(items: tuple[Any, ...], convert: Callable[[Any], Any]) -> Any:
    """A large array of a document, written *_CHUNK* items at a time: its JSON text, as msgspec.Raw.

    Each chunk's writing mirrors are written and freed before the next chunk is converted, so
    they are written while still in the CPU's cache and the mirrors of the whole array never
    exist at once (the same locality as the builders' release of read mirrors). The chunks are
    joined in one buffer: each is written over the previous chunk's closing bracket, and its own
    opening bracket becomes the comma between them.
    """
    if len(items) <= _CHUNK:
        return tuple(map(convert, items))
    buffer = bytearray()
    encode_into = _ENCODER.encode_into
    for start in range(0, len(items), _CHUNK):
        joint = len(buffer) - 1
        encode_into(list(map(convert, items[start : start + _CHUNK])), buffer, max(joint, 0))
        if joint > 0:
            buffer[joint] = 0x2C  # ","
    return msgspec.Raw(buffer)


def _chunked_expr(codec: k.Codec, ns: dict[str, Any], v: str) -> str:
    """The expression writing a document's large array *v* chunk by chunk (arrays of one class)."""
    assert codec.item is not None
    if codec.item.shape != "class":  # no such array in the model: written whole
        return _write_expr(codec, ns, v)
    name = f"_convert_{codec.item.types[0].__name__}"
    ns[name] = _CONVERTERS[codec.item.types[0]]
    ns["_chunked"] = _chunked
    return f"(_chunked({v}, {name}) if {v} else ())"


def _generate_converters(cls: type, hooks: dict[str, Any]) -> None:
    p = pl.plan(cls)
    ns: dict[str, Any] = {
        **hooks,
        "_Mirror": _WRITE_MIRRORS[cls],
        "_Top": _TOP_MIRRORS[cls],
        "_converters": _CONVERTERS,
        "_tag": p.tag,
    }
    reads = []
    args: dict[str, str] = {"kind": "_tag", VERSION_KEY: str(FORMAT_VERSION)}
    for i, f in enumerate(p.fields):
        chunked = cls in _ROOTS and f.codec.shape == "tuple"
        expr = _field_expr(cls, f, ns, f"o.{f.name}", chunked)
        if expr != f"o.{f.name}":  # read once into a local
            reads.append(f"    a{i} = o.{f.name}\n")
            expr = _field_expr(cls, f, ns, f"a{i}", chunked)
        args[f.name] = expr
    body = "".join(reads)
    plain = ", ".join(args[name] for name in _wire_order(p, top=False))
    top = ", ".join(args[name] for name in _wire_order(p, top=True))
    source = (
        f"def convert(o):\n{body}    return _Mirror({plain})\n"
        f"def convert_top(o):\n{body}    return _Top({top})\n"
    )
    exec(compile(source, f"<accord writer {cls.__name__}>", "exec"), ns)
    _CONVERTERS[cls] = ns["convert"]
    _TOP_CONVERTERS[cls] = ns["convert_top"]
    ns["convert"].__doc__ = source


def _writer_hooks() -> dict[str, Any]:
    number = k.number_writer(msgspec.Raw)

    def stance(v: Any) -> Any:
        return {"decimal": str(v)} if v.__class__ is Decimal else number(v)

    def compare_scalar(v: Any) -> Any:
        return number(v) if v.__class__ is int else k.dump_scalar_value(v)

    def compare_value(v: Any) -> Any:
        if v.__class__ is tuple:
            return [compare_scalar(x) for x in v]
        return compare_scalar(v)

    return {"_number": number, "_stance": stance, "_number_value": stance, "_compare_value": compare_value}


#: The mirrors' fields are in wire order already (and the only dicts written, identifiers, are
#: sorted by the model): no sorting needed.
_ENCODER = msgspec.json.Encoder()


def encode(obj: object) -> bytes:
    """The canonical JSON of a model object, written by msgspec through the writing mirrors."""
    return _ENCODER.encode(_TOP_CONVERTERS[type(obj)](obj))


def _register() -> None:
    for cls in pl.MODEL_TYPES:
        _mirror(cls)
    for cls in pl.MODEL_TYPES:
        _BUILDERS[cls] = _generate_builder(cls)
        _BUILDERS[_MIRRORS[cls]] = _BUILDERS[cls]
    hooks = _writer_hooks()
    for cls in pl.MODEL_TYPES:
        _write_mirror(cls)
    for cls in pl.MODEL_TYPES:
        _generate_converters(cls, hooks)


_register()
