"""JSON Schema (draft 2020-12) of the wire format, generated from the same plans as the converter."""

import copy
from typing import Any

from accord import _codecs, _converter
from accord._migrations import FORMAT_VERSION, VERSION_KEY
from accord._validation import JSON_SCHEMA
from accord.conditions import MAX_DEPTH, Compare, Condition
from accord.dates import Period
from accord.errors import ValidationError
from accord.scales import Scale

__all__ = ["json_schema"]

_DIALECT = "https://json-schema.org/draft/2020-12/schema"


def _given(*fields: str) -> dict[str, Any]:
    """Matches an object where each of *fields* is present and not null."""
    return {"required": list(fields), "properties": {f: {"not": {"type": "null"}} for f in fields}}


#: Checks of a class's post-init that tie its fields together, as JSON Schema keywords.
_CLASS_RULES: dict[type, dict[str, Any]] = {
    Period: {
        "allOf": [
            {"not": _given("start", "after")},  # a fixed start or an event, not both
            {"not": _given("end", "duration")},  # an end or a duration, not both
            {"if": _given("delay"), "then": _given("after")},  # a delay after an event
        ]
    },
    Compare: {
        "allOf": [
            {
                "if": {"required": ["op"], "properties": {"op": {"enum": ["in", "not in"]}}},
                "then": {"properties": {"value": {"type": "array", "minItems": 1}}},
                "else": {"properties": {"value": {"not": {"type": "array"}}}},
            },
            {  # true and false have no order
                "if": {"required": ["op"], "properties": {"op": {"enum": ["<", "<=", ">", ">="]}}},
                "then": {"properties": {"value": {"not": {"type": "boolean"}}}},
            },
        ]
    },
}


def _ref(name: str) -> dict[str, Any]:
    return {"$ref": f"#/$defs/{name}"}


def _codec_schema(codec: _codecs.Codec, defs: dict[str, Any]) -> dict[str, Any]:
    if codec.shape == "leaf":
        return copy.deepcopy(dict(codec.schema))
    if codec.shape == "class":
        _define(codec.types[0], defs)
        return _ref(codec.types[0].__name__)
    if codec.shape == "union":
        name = "Condition" if codec.types == _converter.CONDITION_TYPES else "Scale"
        _define_union(name, codec.types, defs)
        return _ref(name)
    assert codec.item is not None
    inner = _codec_schema(codec.item, defs)
    if codec.shape == "optional":
        return {"anyOf": [inner, {"type": "null"}]}
    return {"type": "array", "items": inner}


def _define_union(name: str, members: tuple[type, ...], defs: dict[str, Any]) -> None:
    if name in defs:
        return
    defs[name] = {}  # placeholder against recursion
    for member in members:
        _define(member, defs)
    description = f"A {name.lower()}, tagged by its 'kind'."
    if name == "Condition":  # a bound JSON Schema has no keyword for
        description += f" accord reads condition trees at most {MAX_DEPTH} levels deep."
    defs[name] = {"description": description, "oneOf": [_ref(m.__name__) for m in members]}


def _refined(schema: dict[str, Any], extra: dict[str, Any] | None) -> dict[str, Any]:
    """*schema* with a field's own keywords (:data:`~accord._validation.JSON_SCHEMA` metadata) added.

    A keyword both give as an object (``items``) gets the keywords of both.
    """
    for key, value in (extra or {}).items():
        have = schema.get(key)
        schema[key] = {**have, **value} if isinstance(have, dict) and isinstance(value, dict) else value
    return schema


def _define(cls: type, defs: dict[str, Any]) -> None:
    if cls.__name__ in defs:
        return
    defs[cls.__name__] = {}
    p = _converter.plan(cls)
    properties: dict[str, Any] = {}
    required: list[str] = []
    if p.tag is not None:
        properties["kind"] = {"const": p.tag}
        required.append("kind")
    for f in p.fields:
        properties[f.name] = _refined(_codec_schema(f.codec, defs), f.attribute.metadata.get(JSON_SCHEMA))
        if f.required:
            required.append(f.name)
    schema: dict[str, Any] = {
        "type": "object",
        "title": cls.__name__,
        "properties": properties,
        "required": required,
        "additionalProperties": False,
    }
    schema.update(copy.deepcopy(_CLASS_RULES.get(cls, {})))
    doc = (cls.__doc__ or "").strip().splitlines()
    if doc:
        schema["description"] = doc[0]
    defs[cls.__name__] = schema


def json_schema(cls: Any) -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of a top-level document of type *cls*.

    Generated from the model classes, so it always matches what
    :func:`~accord.dumps` writes: types, enums, required keys, no unknown
    keys, the ``kind`` tags and the format version. Checks the schema cannot
    express (references resolving, dates in order, condition trees at most
    100 levels deep, which the ``Condition`` description states) are left to
    :func:`~accord.loads`.

    Args:
        cls: a model class, or the ``Condition`` / ``Scale`` union.

    A document of one condition or scale class (``json_schema(Fact)``) may
    leave its ``kind`` tag out, as :func:`~accord.loads` allows; inside
    unions and frameworks the tag is required.

    Raises:
        ValidationError: *cls* is not a model type.
    """
    defs: dict[str, Any] = {}
    if cls == Condition:
        name, members = "Condition", _converter.CONDITION_TYPES
        _define_union(name, members, defs)
    elif cls == Scale:
        name, members = "Scale", _converter.SCALE_TYPES
        _define_union(name, members, defs)
    elif cls in _converter.MODEL_TYPES:
        name, members = cls.__name__, (cls,)
        _define(cls, defs)
    else:
        raise ValidationError(
            f"no JSON Schema for {getattr(cls, '__name__', cls)!r}: not an accord model type"
        )
    documents = [_versioned(defs[m.__name__]) for m in members]
    if len(documents) == 1 and _converter.plan(members[0]).tag is not None:  # the tag is optional alone
        documents[0]["required"].remove("kind")
    top: dict[str, Any] = documents[0] if len(documents) == 1 else {"oneOf": documents}
    return {
        "$schema": _DIALECT,
        "$id": f"https://accord.invalid/schema/format-v{FORMAT_VERSION}/{name}.json",
        **top,
        "title": f"accord {name} (format version {FORMAT_VERSION})",
        "$defs": defs,
    }


def _versioned(definition: dict[str, Any]) -> dict[str, Any]:
    document = copy.deepcopy(definition)
    document["properties"] = {VERSION_KEY: {"const": FORMAT_VERSION}, **document["properties"]}
    document["required"] = [VERSION_KEY, *document["required"]]
    return document
