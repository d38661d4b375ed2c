import copy
import json

import pytest
from _sample import sample_framework
from hypothesis import HealthCheck, given, settings

import accord
from accord import testing as at
from accord._converter import MODEL_TYPES

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
]


@pytest.mark.parametrize("document", REJECTED)
def test_schema_rejects_what_loads_rejects(document):
    assert not validator(accord.Framework).is_valid(document)
    with pytest.raises(accord.LoadError):
        accord.from_dict(document, accord.Framework)


def test_schema_for_unknown_type():
    with pytest.raises(accord.ValidationError, match="no JSON Schema for 'dict'"):
        accord.json_schema(dict)
