import copy
import json
import re
import sys
from decimal import Decimal

import pytest
from _sample import sample_framework
from hypothesis import HealthCheck, given, settings

import accord
from accord import testing as at
from accord._converter import MODEL_TYPES
from accord._validation import NOT_BLANK

jsonschema = pytest.importorskip("jsonschema")

TYPES = [*MODEL_TYPES, accord.Condition, accord.Scale]


def validator(cls):
    schema = accord.json_schema(cls)
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema)


@pytest.mark.parametrize("cls", TYPES, ids=lambda c: getattr(c, "__name__", str(c)))
def test_schema_is_valid_2020_12(cls):
    schema = accord.json_schema(cls)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    jsonschema.Draft202012Validator.check_schema(schema)
    documents = schema.get("oneOf", [schema])
    assert all("accord_format_version" in member["required"] for member in documents)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(at.frameworks())
def test_schema_accepts_what_dumps_writes(fw):
    validator(accord.Framework).validate(json.loads(accord.dumps(fw)))


@settings(max_examples=40, deadline=None)
@given(at.conditions(commitment_ids=("c1",)))
def test_schema_accepts_conditions(condition):
    validator(accord.Condition).validate(json.loads(accord.dumps(condition)))


BASE = accord.to_dict(sample_framework())


def _with(path, value=None, delete=False):
    data = copy.deepcopy(BASE)
    target = data
    for key in path[:-1]:
        target = target[key]
    if delete:
        del target[path[-1]]
    else:
        target[path[-1]] = value
    return data


REJECTED = [
    _with(["commitments", 1, "status"], "pledgd"),
    _with(["staus"], "x"),
    _with(["commitments", 0, "benficiary"], "UKR"),
    _with(["commitments", 2, "actor"], delete=True),
    _with(["actors"], "GBR"),
    _with(["commitments", 1, "conditions", "count"], True),
    _with(["positions", 0, "salience"], 1.5),
    _with(["commitments", 0, "conditions", "items", 1, "kind"], "maybe"),
    _with(["commitments", 1, "quantity", "amount"], 2.5),
    _with(["actors", 1, "id"], "F R A"),
    _with(["accord_format_version"], 2),
    _with(["accord_format_version"], delete=True),
    _with(["as_of"], "March 2025"),
    _with(["commitments", 0, "period", "duration"], "10 years"),
    # what the model's validators check and the field's schema states too
    _with(["commitments", 0, "conditions"], {"kind": "all_of", "items": [{"kind": "fact", "name": "a"}]}),
    _with(["commitments", 0, "conditions"], {"kind": "any_of", "items": []}),
    _with(
        ["commitments", 0, "conditions"],
        {"kind": "at_least", "count": 0, "items": [{"kind": "fact", "name": "a"}]},
    ),
    _with(["commitments", 0, "conditions"], {"kind": "at_least", "count": 1, "items": []}),
    _with(["commitments", 0, "conditions"], {"kind": "fact", "name": "and"}),
    _with(["commitments", 0, "conditions"], {"kind": "fact", "name": "1st"}),
    _with(["commitments", 0, "conditions"], {"kind": "compare", "fact": "in_force", "op": "==", "value": 1}),
    _with(["issues", 0, "scale"], {"kind": "ordinal", "levels": ["only"]}),
    _with(["issues", 0, "scale"], {"kind": "ordinal", "levels": ["low", "low"]}),
    _with(["issues", 0, "scale"], {"kind": "nominal", "options": ["a", " "]}),
    _with(["actors", 0, "aliases"], [""]),
    # dashboard trial: checks the schema did not state
    _with(["commitments", 0, "period"], {"after": "not a fact"}),
    _with(["commitments", 0, "period"], {"after": "and"}),
    _with(["commitments", 0, "period"], {"after": "x", "start": "2025-01-01"}),
    _with(["commitments", 0, "period"], {"delay": "P1Y"}),
    _with(["commitments", 0, "period"], {"delay": "P1Y", "after": None}),
    _with(["commitments", 0, "period"], {"end": "2025-01-01", "duration": "P1Y"}),
    _with(["commitments", 0, "conditions"], {"kind": "in_force", "commitment": "not an id!"}),
    _with(["commitments", 0, "conditions"], {"kind": "in_force", "commitment": ""}),
    _with(["commitments", 0, "conditions"], {"kind": "compare", "fact": "x", "op": "in", "value": "a"}),
    _with(["commitments", 0, "conditions"], {"kind": "compare", "fact": "x", "op": "in", "value": []}),
    _with(["commitments", 0, "conditions"], {"kind": "compare", "fact": "x", "op": "==", "value": [1]}),
    _with(["commitments", 0, "conditions"], {"kind": "compare", "fact": "x", "op": "<", "value": True}),
    _with(["as_of"], "2025-13-01T10:00Z"),
    _with(["as_of"], "2025-01-01T25:00Z"),
    _with(["as_of"], "2025-03-01T10:30+25:00"),
    _with(["as_of"], "2025-03-01T23:59:60Z"),
    # forms fromisoformat reads but documents do not hold (review): refused by both
    *(
        _with(["as_of"], text)
        for text in (
            "2020-01-01T00:00:00+0100",
            "2020-01-01T00:00+01",
            "2020-01-01T0000Z",
            "2020-01-01T00:00:00,5Z",
            "2020-01-01T00:00:00.Z",
            "2020-01-01T00:00+01:00:30",
            "20200101T000000Z",
            "2020-W01-1T00:00Z",
        )
    ),
    _with(["positions", 0, "stance"], 1e101),
    _with(["positions", 0, "stance"], -(10**101)),
    _with(["positions", 0, "stance"], 10**100 + 2 * 10**83),  # rounds to 1e100 as a float: compared exactly
    # a final line end, which `$` alone lets through in Python's re (what jsonschema uses)
    _with(["actors", 1, "id"], "FRA\n"),
    _with(["commitments", 0, "conditions"], {"kind": "fact", "name": "signed\n"}),
    _with(["commitments", 1, "quantity", "amount"], "5\n"),
    _with(["commitments", 0, "period", "duration"], "P5Y\n"),
    _with(["as_of"], "2025-03-01\n"),
    _with(["as_of"], "2025-03-01T10:30Z\n"),
    _with(["positions", 0, "stance"], {"decimal": "0.5\n"}),
]

ACCEPTED = [  # beside what the rules above refuse: what loads accepts, the schema must too
    _with(["commitments", 0, "period"], {"after": "x", "start": None, "delay": "P1M"}),
    _with(["commitments", 0, "period"], {"end": "2026-01-01", "duration": None, "start": "2025-01-01"}),
    _with(["commitments", 0, "period"], {"delay": None}),
    _with(
        ["commitments", 0, "conditions"], {"kind": "compare", "fact": "x", "op": "not in", "value": [True]}
    ),
    _with(["commitments", 0, "conditions"], {"kind": "compare", "fact": "x", "op": "!=", "value": False}),
    _with(["commitments", 0, "conditions"], {"kind": "in_force", "commitment": "usa-intel"}),
    _with(["as_of"], "2025-03-01T23:59:59.5-05:00"),
]


@pytest.mark.parametrize("document", REJECTED)
def test_schema_rejects_what_loads_rejects(document):
    assert not validator(accord.Framework).is_valid(document)
    with pytest.raises(accord.LoadError):
        accord.from_dict(document, accord.Framework)


@pytest.mark.parametrize("document", ACCEPTED)
def test_schema_accepts_what_loads_accepts(document):
    validator(accord.Framework).validate(document)
    accord.from_dict(document, accord.Framework)


@pytest.mark.parametrize(
    ("cls", "document"), [(accord.Fact, {"name": "x"}), (accord.OrdinalScale, {"levels": ["a", "b"]})]
)
def test_a_document_of_one_tagged_class_may_leave_its_tag_out_as_loads_allows(cls, document):
    document = {"accord_format_version": 1, **document}
    validator(cls).validate(document)
    accord.from_dict(document, cls)
    assert not validator(accord.Condition).is_valid(document)  # a union needs the tag


@pytest.mark.parametrize("day", ["2025-02-30", "2025-13-01"])
def test_schema_with_format_checks_refuses_days_that_do_not_exist(day):
    document = _with(["as_of"], day)
    checked = jsonschema.Draft202012Validator(
        accord.json_schema(accord.Framework), format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER
    )
    assert not checked.is_valid(document)
    assert checked.is_valid(_with(["as_of"], "2025-02-28"))
    assert checked.is_valid(_with(["as_of"], "2025-02-28T23:30-05:00"))
    with pytest.raises(accord.LoadError):
        accord.from_dict(document, accord.Framework)


def test_schema_accepts_a_single_item_that_flattens_into_two():
    pair = [{"kind": "fact", "name": "a"}, {"kind": "fact", "name": "b"}]
    for kind in ("all_of", "any_of"):
        document = {"accord_format_version": 1, "kind": kind, "items": [{"kind": kind, "items": pair}]}
        assert validator(accord.Condition).is_valid(document)
        accord.from_dict(document, accord.Condition)  # read as a and b / a or b
        other = "any_of" if kind == "all_of" else "all_of"
        document["items"][0]["kind"] = other
        assert not validator(accord.Condition).is_valid(document)
        with pytest.raises(accord.LoadError):
            accord.from_dict(document, accord.Condition)


def test_the_not_blank_pattern_is_what_strip_leaves():
    # JSON Schema patterns are ECMA-262, whose \S differs from Python's idea of whitespace
    pattern = re.compile(NOT_BLANK)
    every = map(chr, range(sys.maxunicode + 1))
    assert [c for c in every if (pattern.search(c) is None) != c.isspace()] == []
    title = "\ufeff"  # not whitespace to str.strip, whitespace to JavaScript's \s
    fw = accord.Framework(id="fw", title=title, actors=(accord.Actor(id="A", name="A", aliases=(title,)),))
    assert validator(accord.Framework).is_valid(json.loads(accord.dumps(fw)))
    assert "\\S" not in json.dumps(accord.json_schema(accord.Framework))


def test_schema_for_unknown_type():
    with pytest.raises(accord.ValidationError, match="no JSON Schema for 'dict'"):
        accord.json_schema(dict)


@pytest.mark.parametrize("amount", [Decimal("-0"), "-0.00", Decimal("-0E+3")])
def test_a_negative_zero_amount_is_zero_and_written_as_the_schema_allows(amount):
    quantity = accord.Quantity(amount=amount, unit="EUR")
    assert not quantity.amount.is_signed()
    assert quantity.amount == 0
    validator(accord.Quantity).validate(json.loads(accord.dumps(quantity)))


@pytest.mark.parametrize("fast", ["0", "1"])
def test_a_negative_zero_amount_read_from_a_document_is_zero(fast, monkeypatch):
    monkeypatch.setenv("ACCORD_FAST", fast)
    loaded = accord.loads('{"accord_format_version":1,"amount":"-0.0","unit":"EUR"}', accord.Quantity)
    assert str(loaded.amount) == "0.0"  # the written precision kept, the sign gone
    validator(accord.Quantity).validate(json.loads(accord.dumps(loaded)))


def test_the_depth_bound_the_schema_cannot_express_is_stated() -> None:
    # JSON Schema has no keyword bounding recursion: the schema accepts a 101-level tree that
    # loads refuses, and says so where a reader of the schema looks
    defs = accord.json_schema(accord.Condition)["$defs"]
    assert "at most 100 levels deep" in defs["Condition"]["description"]
    assert "100 levels deep" in (accord.json_schema.__doc__ or "")
    tree: dict[str, object] = {"kind": "fact", "name": "a"}
    for _ in range(100):
        tree = {"kind": "not", "item": tree}
    validator(accord.Condition).validate({"accord_format_version": 1, **tree})
    with pytest.raises(accord.LoadError, match="deep"):
        accord.from_dict({"accord_format_version": 1, **tree}, accord.Condition)
