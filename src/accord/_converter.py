"""The one converter that owns accord's wire format (format version 1).

Everything here is private; :mod:`accord.serialisation` is the public face.

The format is described by *codecs*, one per field, chosen from each attrs
field's type and validator (:mod:`accord._plans`). From the codecs this module
generates, once per class:

* a **loader** (wire dict → object) that checks exact wire types, builds
  the frozen object without calling ``__init__`` and runs
  ``__attrs_post_init__``. Every attrs validator and converter a codec does
  not provably enforce is called, so no invariant is bypassed. It stops at the
  first problem.
* a **dumper** (object → wire dict) that omits fields holding their default.

When a loader rejects input, :func:`explain` walks the same input with
the same leaf codecs, builds objects through their real constructors and
collects *every* problem with its path. Errors therefore have one source.

The hooks are registered on one private :class:`cattrs.Converter` (never the
global one), which dispatches top-level calls, including the ``Condition`` and
``Scale`` unions.
"""

import enum
import re
from collections.abc import Callable, Iterable
from decimal import Decimal
from typing import Any

import attrs
import cattrs

from accord._codecs import (
    DATE,
    ID,
    KEY_WIDTH,
    OPT_DATE,
    OPT_ID,
    OPT_STR,
    STR,
    TEXT,
    BadValueError,
    Codec,
    dump_date,
    dump_float,
    dump_scalar_value,
    dump_stance,
    enum_value,
    fromiso,
    key_segment,
    known_ids,
    load_date,
    lone_surrogate,
    remember_id,
    show,
    wire_type,
)
from accord._ids import did_you_mean
from accord._plans import (
    CONDITION_TYPES,
    MODEL_TYPES,
    SCALE_TYPES,
    ByClass,
    ClassPlan,
    FieldPlan,
    construct,
    members,
    plan,
    tag_of,
)
from accord._validation import MAX_PROBLEMS
from accord.actors import Actor
from accord.commitments import Commitment
from accord.conditions import (
    MAX_DEPTH,
    Condition,
)
from accord.errors import ValidationError
from accord.framework import Component, Framework
from accord.scales import Scale
from accord.vocabulary import CommitmentKind, CommitmentStatus

__all__ = [
    "CONDITION_TYPES",
    "MODEL_TYPES",
    "PLAIN_DUMPERS",
    "SCALE_TYPES",
    "ClassPlan",
    "Condition",
    "FieldPlan",
    "Problems",
    "Scale",
    "converter",
    "dumper",
    "dumpers_with",
    "explain",
    "key_path",
    "loader",
    "plan",
]


# --- code generation -------------------------------------------------------------------

_MISSING = object()
_LOADERS: dict[type, Callable[[Any, int], Any]] = {}
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
        # the class first: a str subclass equal to a known id (numpy's str_) is not a str
        return [
            f"if {src}.__class__ is not str or {src} not in known_ids:",
            f"    remember_id({src})",
            f"{dst} = {src}",
        ]
    if codec is OPT_ID:
        return [
            f"if {src} is not None and ({src}.__class__ is not str or {src} not in known_ids):",
            f"    remember_id({src})",
            f"{dst} = {src}",
        ]
    # text fields: no lone surrogates (JSON text is checked whole before; dicts are checked here)
    text_ok = f"({src}.isascii() or not _lone({src}))"
    if codec is STR:
        return [f"if {src}.__class__ is not str or not {text_ok}:", "    _fail()", f"{dst} = {src}"]
    if codec is TEXT:
        return [
            f"if {src}.__class__ is not str or not {src}.strip() or not {text_ok}:",
            "    _fail()",
            f"{dst} = {src}",
        ]
    if codec is OPT_STR:
        return [
            f"if {src} is not None and ({src}.__class__ is not str or not {text_ok}):",
            "    _fail()",
            f"{dst} = {src}",
        ]
    if codec is DATE or codec is OPT_DATE:
        iso = f"{src}.__class__ is str and len({src}) == 10 and {src}[4] == '-' and {src}[7] == '-'"
        lines = [f"if {iso}:", f"    {dst} = fromiso({src})", "else:", f"    {dst} = _load_date({src})"]
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
        ns[name] = _LOADERS[t]
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
        ns[name] = _LOADERS[item.types[0]]
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
        "_keys": p.keys,
        "_M": _MISSING,
        "_fail": _fail,
        "known_ids": known_ids,
        "remember_id": remember_id,
        "fromiso": fromiso,
        "_load_date": load_date,
        "_lone": lone_surrogate,
    }
    lines = [
        "def load(d, depth):",
        "    if d.__class__ is not dict or not _keys.issuperset(d):",
        "        _fail()",
    ]
    if p.tag is not None:  # loaded as this class directly, a tag must be this class's
        lines += [f"    if d.get('kind', {p.tag!r}) != {p.tag!r}:", "        _fail()"]
    for i, f in enumerate(p.fields):
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
    lines += construct(cls, p, ns)
    source = "\n".join(lines)
    exec(compile(source, f"<accord loader {cls.__name__}>", "exec"), ns)
    loader: Callable[[Any, int], Any] = ns["load"]
    loader.__doc__ = source
    return loader


def loader(cls: Any) -> Callable[[Any], Any]:
    """A function loading a wire dict into *cls* (a model class or the Condition / Scale union)."""
    if cls == Condition:
        return lambda d: _load_condition(d, 0)
    if cls == Scale:
        return lambda d: _load_scale(d, 0)
    load = _LOADERS[cls]
    return lambda d: load(d, 0)


# --- dumping -------------------------------------------------------------------------


def _dump_expr(codec: Codec, ns: dict[str, Any], expr: str) -> str:
    if codec.shape == "leaf":
        if codec.dump is None:
            return expr
        if codec.dump is enum_value:
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
            return expr if ns.get("_dates_native") else f"{expr}.isoformat()"
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
    table: dict[type, Callable[[Any], dict[str, Any]]] = ByClass()
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
            return dump_scalar_value(v)

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


def key_path(path: str, key: object) -> str:
    """The path of a mapping's *key* under *path*: ``path.key`` for a short name, else ``path['key']``."""
    return _below(path, key_segment(key))


def _below(path: str, segment: str) -> str:
    """The path of a part of the value at *path*, *segment* (``""``, ``"[2]"``, ``".name"``) below it."""
    return path + segment if path else segment.removeprefix(".")


def _where(path: str) -> str:
    return path or "document"


def _got(value: Any) -> str:
    """What a document holds instead, for a message: ``null``, or its JSON type and value."""
    return "null" if value is None else f"{wire_type(value)} {show(value)}"


class _TooManyProblemsError(Exception):
    """Raised by :class:`Problems` when it is full."""


class Problems(list[str]):
    """The problems an explanation found.

    It stops the explanation when it holds :data:`MAX_PROBLEMS` and one more comes (then
    *stopped* is true); *unlisted* counts the problems a framework found but did not list.
    """

    stopped = False
    unlisted = 0

    def append(self, problem: str) -> None:
        if len(self) >= MAX_PROBLEMS:
            raise _TooManyProblemsError
        super().append(problem)

    def extend(self, problems: Iterable[str]) -> None:
        for problem in problems:
            self.append(problem)

    def extend_whole(self, error: ValidationError, path: str) -> None:
        """A constructor's own problems, kept whole (it bounds itself: a framework lists 1,000)."""
        if len(self) >= MAX_PROBLEMS:
            raise _TooManyProblemsError
        super().extend(f"{_where(path)}: {problem}" if path else problem for problem in error.problems)
        self.unlisted += error.count - len(error.problems)


def explain(data: Any, cls: Any, problems: Problems, path: str = "") -> Any:
    """Load *data* as *cls* through the real constructors, adding every problem to *problems*.

    After :data:`MAX_PROBLEMS` problems the explanation stops, and says so (``stopped``).
    """
    try:
        union = members(cls)
        if len(union) > 1:
            return _explain_union(data, union, path, problems, 0)
        return _explain_class(data, cls, path, problems, 0)
    except _TooManyProblemsError:
        problems.stopped = True
        return _FAILED


def _explain_union(data: Any, members: tuple[type, ...], path: str, problems: Problems, depth: int) -> Any:
    what = "condition" if members == CONDITION_TYPES else "scale"
    if not isinstance(data, dict):
        problems.append(f"{_where(path)}: expected a {what} object, got {_got(data)}")
        return _FAILED
    tags = {tag_of(t): t for t in members}
    tag = data.get("kind", _MISSING)
    if tag is _MISSING:
        problems.append(f"{_join(path, 'kind')}: required key missing; one of {', '.join(tags)}")
        return _FAILED
    member = tags.get(tag) if isinstance(tag, str) else None
    if member is None:
        problems.append(f"{_join(path, 'kind')}: {show(tag)} is not one of {', '.join(tags)}")
        return _FAILED
    if what == "condition":
        if depth >= MAX_DEPTH:
            problems.append(f"{_where(path)}: condition nested deeper than {MAX_DEPTH} levels")
            return _FAILED
        depth += 1
    return _explain_class(data, member, path, problems, depth)


def _explain_codec(codec: Codec, value: Any, path: str, problems: Problems, depth: int) -> Any:
    if codec.shape == "leaf":
        try:
            return codec.load(value)  # type: ignore[misc]
        except BadValueError as bad:
            for segment, message in bad.problems:
                problems.append(f"{_where(_below(path, segment))}: {message}")
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
    items = _explain_items(codec, value, path, problems, depth)
    return _FAILED if items is _FAILED or any(item is _FAILED for item in items) else tuple(items)


def _explain_items(codec: Codec, value: Any, path: str, problems: Problems, depth: int) -> Any:
    """An array's items one by one (each an object, or _FAILED); _FAILED when it is not an array."""
    assert codec.item is not None
    if not isinstance(value, list):
        problems.append(f"{_where(path)}: expected an array, got {_got(value)}")
        return _FAILED
    return [_explain_codec(codec.item, item, f"{path}[{i}]", problems, depth) for i, item in enumerate(value)]


def _explain_class(data: Any, cls: type, path: str, problems: Problems, depth: int) -> Any:
    p = plan(cls)
    if not isinstance(data, dict):
        problems.append(f"{_where(path)}: expected an object ({cls.__name__}), got {_got(data)}")
        return _FAILED
    ok = True
    for key in data:
        if key not in p.keys:
            hint = did_you_mean(key, p.keys) if isinstance(key, str) and len(key) <= KEY_WIDTH else ""
            problems.append(
                f"{key_path(path, key)}: unknown key{hint} (allowed: {', '.join(sorted(p.keys))})"
            )
            ok = False
    tag = data.get("kind", p.tag)
    if p.tag is not None and tag != p.tag:
        problems.append(f"{_join(path, 'kind')}: {show(tag)} is not {p.tag!r}")
        ok = False
    kwargs: dict[str, Any] = {}
    arrays: dict[str, Any] = {}  # a framework's arrays item by item, failed items included
    for f in p.fields:
        value = data.get(f.name, _MISSING)
        if value is _MISSING:
            if f.required:
                problems.append(f"{_join(path, f.name)}: required key missing")
                ok = False
            continue
        if cls is Framework and f.codec.shape == "tuple":
            items = arrays[f.alias] = _explain_items(f.codec, value, _join(path, f.name), problems, depth)
            failed = items is _FAILED or any(item is _FAILED for item in items)
            loaded = _FAILED if failed else tuple(items)
        else:
            loaded = _explain_codec(f.codec, value, _join(path, f.name), problems, depth)
        if loaded is _FAILED:
            ok = False
        else:
            kwargs[f.alias] = loaded
    if not ok:
        if cls is Framework:
            _explain_integrity(data, kwargs, arrays, path, problems)
        return _FAILED
    try:
        return cls(**kwargs)
    except ValidationError as error:
        problems.extend_whole(error, path)  # with a framework's count of the problems it did not list
    except (ValueError, TypeError, ArithmeticError) as error:
        problems.append(f"{_where(path)}: {error}")
    return _FAILED


def _actor_stand_in(id: str, raw: dict[str, Any]) -> Any:
    """An actor with the id, and the name and aliases the document gives when they are valid."""
    name, aliases = raw.get("name"), raw.get("aliases")
    for fields in ({"name": name, "aliases": aliases}, {"name": name}, {}):
        try:
            return Actor(id=id, **{"name": id, **{k: v for k, v in fields.items() if v is not None}})
        except (ValidationError, TypeError):
            continue
    raise AssertionError("unreachable: a valid id makes an actor")  # pragma: no cover


#: Stand-ins for the framework items that others refer to by id, made in place of such an item
#: that did not load: what refers to it is then not reported as dangling, and an actor's name
#: and aliases still give their hints. A stand-in's own problems (a stand-in commitment's actor)
#: are not reported.
_STAND_INS: dict[str, Callable[[str, dict[str, Any]], Any]] = {
    "actors": _actor_stand_in,
    "commitments": lambda id, raw: Commitment(
        id=id, actor=id, kind=CommitmentKind.OTHER, status=CommitmentStatus.SIGNALLED
    ),
    "components": lambda id, raw: Component(id=id, title=id),
}
#: The id of the actor of stand-in commitments in a framework none of whose actors loaded.
_STAND_IN_ACTOR = "accord.stand-in"
#: The arrays whose items others refer to by id.
_REFERRED = ("actors", "issues", "commitments", "components")
#: A framework's problem about an item: the array and the item's index begin it.
_ITEM_PATH = re.compile(r"(actors|memberships|issues|positions|commitments|components|sources)\[([0-9]+)\]")


def _valid_id(value: object) -> str | None:
    """*value* when it is a valid id, else None."""
    try:
        return value if ID.load(value) is value else None  # type: ignore[misc]
    except BadValueError:
        return None


def _explain_integrity(
    data: dict[str, Any], kwargs: dict[str, Any], arrays: dict[str, Any], path: str, problems: Problems
) -> None:
    """The integrity problems of a framework some of whose items did not load, among those that did.

    The framework is made of the items that loaded, with stand-ins in place of the actors,
    commitments and components that did not (a missing id or title of the framework gets a
    stand-in value); positions on an issue that did not load are left out. Its problems get
    the items' indices in the document. Nothing is checked when what did not load is unknown
    — a whole array is malformed, or an item others may refer to has no valid id — as any
    reference might be to it.
    """
    failed: dict[str, dict[int, str]] = {}  # array -> index of a failed item -> its id
    for name, items in arrays.items():
        if items is _FAILED:
            return
        if name in _REFERRED:
            failed[name] = {}
            for i, item in enumerate(items):
                if item is _FAILED:
                    raw = data[name][i]
                    id = _valid_id(raw.get("id")) if isinstance(raw, dict) else None
                    if id is None:
                        return
                    failed[name][i] = id
    failed_issues = set(failed.get("issues", {}).values())
    fields = {**kwargs, "id": kwargs.get("id", "framework"), "title": kwargs.get("title", "framework")}
    places: dict[str, list[int]] = {}  # array -> the document index of each item given
    stand_ins: dict[str, set[int]] = {}  # array -> the indices (of items given) of stand-ins
    for name, items in arrays.items():
        given: list[Any] = []
        places[name], stand_ins[name] = [], set()
        for i, item in enumerate(items):
            if item is _FAILED and name in _STAND_INS:
                stand_ins[name].add(len(given))
                item = _STAND_INS[name](failed[name][i], data[name][i])
            elif item is _FAILED or (name == "positions" and item.issue in failed_issues):
                continue
            places[name].append(i)
            given.append(item)
        fields[name] = given
    # A stand-in commitment is by an actor that loaded, or a stand-in actor when none did: it
    # has no problems of its own, so the framework's count of the problems it does not list is
    # the count of real ones.
    if stand_ins.get("commitments"):
        actors = fields.setdefault("actors", [])
        if not actors:
            actors.append(Actor(id=_STAND_IN_ACTOR, name=_STAND_IN_ACTOR))
            stand_ins.setdefault("actors", set()).add(0)
            places.setdefault("actors", []).append(-1)
        commitments = fields["commitments"]
        for k in stand_ins["commitments"]:
            commitments[k] = attrs.evolve(commitments[k], actor=actors[0].id)
    try:
        Framework(**fields)
    except ValidationError as error:
        # The last step of the explanation, and the framework counted every problem: past the
        # cap they are counted, not listed, and the count stays exact.
        problems.unlisted += error.count - len(error.problems)
        for problem in error.problems:
            item = _ITEM_PATH.match(problem)
            if item is not None:
                name, index = item[1], int(item[2])
                if index in stand_ins[name]:
                    continue
                problem = f"{name}[{places[name][index]}]{problem[item.end() :]}"
            if len(problems) < MAX_PROBLEMS:
                list.append(problems, f"{_where(path)}: {problem}" if path else problem)
            else:
                problems.unlisted += 1


# --- the converter ---------------------------------------------------------------------

converter = cattrs.Converter(forbid_extra_keys=True)


def _hook(loader: Callable[[Any, int], Any]) -> Callable[[Any, Any], Any]:
    def structure(data: Any, _: Any) -> Any:
        return loader(data, 0)

    return structure


def _register() -> None:
    for cls in MODEL_TYPES:
        _LOADERS[cls] = _generate_loader(cls)
        loader = _LOADERS[cls]
        converter.register_structure_hook(cls, _hook(loader))
        converter.register_unstructure_hook(cls, PLAIN_DUMPERS[cls])
    for cls in CONDITION_TYPES:
        _CONDITION_LOADERS[tag_of(cls)] = _LOADERS[cls]
    for cls in SCALE_TYPES:
        _SCALE_LOADERS[tag_of(cls)] = _LOADERS[cls]
    converter.register_structure_hook_func(lambda t: t == Condition, lambda d, _: _load_condition(d, 0))
    converter.register_structure_hook_func(lambda t: t == Scale, lambda d, _: _load_scale(d, 0))


_register()
