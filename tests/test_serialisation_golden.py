"""Golden documents of every format version: loaded by the suite forever."""

import datetime as dt
import json
from pathlib import Path

import pytest
from _sample import sample_framework

import accord

GOLDEN = Path(__file__).parent / "golden"


def test_every_golden_file_loads():
    files = sorted(GOLDEN.glob("format-v*/*.json"))
    assert len(files) >= 3
    for path in files:
        data = json.loads(path.read_text(encoding="utf-8"))
        assert isinstance(data["accord_format_version"], int)
        cls = _type_of(path.stem)
        assert accord.load(path, cls) is not None


def _type_of(stem: str):
    name = stem.split("-")[0]
    return {"framework": accord.Framework, "condition": accord.Condition, "position": accord.Position}[name]


def test_v1_framework_equals_the_python_built_one_and_is_canonical():
    path = GOLDEN / "format-v1" / "framework.json"
    loaded = accord.load(path, accord.Framework)
    assert loaded == sample_framework()
    assert accord.dumps(loaded) + "\n" == path.read_text(encoding="utf-8")
    assert loaded.commitment("usa-aid").quantity.amount.as_tuple().exponent == -2
    assert loaded.actor("GBR").identifiers == {"cow": "200"}


def test_v1_condition():
    condition = accord.load(GOLDEN / "format-v1" / "condition.json", accord.Condition)
    assert str(condition) == "troops >= 5000 and not ceasefire_broken"


def test_v1_explicit_defaults_and_whitespace():
    position = accord.load(GOLDEN / "format-v1" / "position-explicit-defaults.json", accord.Position)
    assert position == accord.Position(actor="GBR", issue="troops", stance="willing")
    assert isinstance(position.salience, float)
    assert accord.dumps(position) == (
        '{"accord_format_version":1,"actor":"GBR","issue":"troops","stance":"willing"}'
    )


def test_dates_on_the_wire():
    fw = accord.load(GOLDEN / "format-v1" / "framework.json", accord.Framework)
    assert fw.as_of == dt.date(2026, 1, 6)


@pytest.mark.parametrize("cls", [accord.Framework, accord.Condition, accord.Position])
def test_fixtures_match_the_schema(cls):
    jsonschema = pytest.importorskip("jsonschema")
    schema = accord.json_schema(cls)
    for path in sorted(GOLDEN.glob("format-v*/*.json")):
        if _type_of(path.stem) == cls:
            jsonschema.Draft202012Validator(schema).validate(json.loads(path.read_text(encoding="utf-8")))
