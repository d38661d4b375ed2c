import datetime as dt
import json
import pickle
import typing
import weakref
from decimal import Decimal

import attrs
import pytest
from _sample import sample_framework
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

import accord
from accord import _converter, _plans, serialisation
from accord import testing as at
from accord._converter import CONDITION_TYPES, MODEL_TYPES

SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])

STRATEGIES = {
    accord.Source: at.sources(),
    accord.Actor: at.actors(),
    accord.Membership: at.memberships(),
    accord.Issue: at.issues(),
    accord.Position: at.positions(commitment_ids=("c1", "c2")),
    accord.Quantity: at.quantities(),
    accord.Period: at.periods(),
    accord.StatusChange: at.status_changes(),
    accord.Commitment: at.commitments(commitment_ids=("c1",)),
    accord.Component: at.components(),
    accord.Framework: at.frameworks(),
}


def roundtrip_both(obj, cls, *, fast_accepts=True):
    """dumps/loads through every JSON backend and both load paths; all must agree exactly."""
    texts = {serialisation._dumps_stdlib(obj)}
    # the fast writers themselves, not their fallback to the canonical writer
    if serialisation._orjson is not None:
        texts.add(serialisation._write_orjson(obj))
    if serialisation._msgspec is not None:
        texts.add(serialisation._fast.encode(obj).decode())
    assert len(texts) == 1, texts
    (text,) = texts
    assert serialisation.dumps(obj) == text
    back = serialisation._load_canonical(text, cls)
    assert back == obj
    assert serialisation._dumps_stdlib(back) == text
    if serialisation._fast is not None and fast_accepts:
        # the fast path accepts every valid document by itself, and builds an equal object
        fast = serialisation._fast.decoder(cls)(text)
        assert fast == obj
        assert serialisation._dumps_stdlib(fast) == text
        assert serialisation._fast.decoder(cls)(text.encode()) == obj
    assert accord.loads(text, cls) == obj
    assert accord.from_dict(accord.to_dict(obj), cls) == obj
    # the generated canonical loader accepts valid data by itself, and agrees with the constructors
    body = accord.to_dict(obj)
    del body["accord_format_version"]
    assert _converter.loader(cls)(body) == obj
    problems = _converter.Problems()
    assert _converter.explain(body, cls, problems) == obj
    assert problems == []
    return text


@pytest.mark.parametrize("cls", list(STRATEGIES), ids=lambda c: c.__name__)
def test_roundtrip_every_public_type(cls):
    @SETTINGS
    @given(STRATEGIES[cls])
    def check(obj):
        roundtrip_both(obj, cls)

    check()


@SETTINGS
@given(at.conditions(commitment_ids=("c1", "x.2")))
def test_roundtrip_conditions(condition):
    text = roundtrip_both(condition, accord.Condition)
    assert accord.loads(text, type(condition)) == condition


@SETTINGS
@given(at.scales())
def test_roundtrip_scales(scale):
    roundtrip_both(scale, accord.Scale)


@SETTINGS
@given(
    st.floats(allow_nan=False, allow_infinity=False)
    | st.integers()
    | st.decimals(allow_nan=False, allow_infinity=False)
)
def test_interval_stances_any_number_lossless(number):
    low = min(number, 0) - 1
    high = max(number, 0) + 1
    # huge floats and Decimals beyond the context's precision swallow the +-1
    assume(low < number < high)
    scale = accord.IntervalScale(low=low, high=high)
    issue = accord.Issue(id="i", title="t", scale=scale)
    fw = accord.Framework(
        id="f",
        title="t",
        actors=(accord.Actor(id="A", name="a"),),
        issues=(issue,),
        positions=(accord.Position(actor="A", issue="i", stance=number),),
    )
    text = roundtrip_both(fw, accord.Framework)
    back = accord.loads(text, accord.Framework)
    assert type(back.positions[0].stance) is type(number)
    assert type(back.issues[0].scale.low) is type(low)


@SETTINGS
@given(st.floats(0.0, 1.0))
def test_salience_floats_byte_identical(salience):
    p = accord.Position(actor="A", issue="i", stance="willing", salience=salience)
    roundtrip_both(p, accord.Position)


def test_quantity_amount_is_an_exact_string():
    q = accord.Quantity(amount=Decimal("2500000000.00"), unit="EUR")
    data = accord.to_dict(q)
    assert data == {"accord_format_version": 1, "amount": "2500000000.00", "unit": "EUR"}
    assert accord.loads(accord.dumps(q), accord.Quantity).amount.as_tuple() == q.amount.as_tuple()


def test_compare_values_are_tagged_where_json_is_ambiguous():
    c = accord.Compare("d", "in", ("2025-03-01", dt.date(2025, 3, 1), Decimal("1.50"), 3, True))
    data = accord.to_dict(c)
    assert data["value"] == ["2025-03-01", {"date": "2025-03-01"}, {"decimal": "1.5"}, 3, True]
    assert accord.from_dict(data, accord.Condition) == c


def test_defaults_are_left_out_and_output_is_canonical():
    actor = accord.Actor(id="GBR", name="United Kingdom", identifiers={"wikidata": "Q145", "cow": "200"})
    text = accord.dumps(actor)
    assert text == (
        '{"accord_format_version":1,"id":"GBR","identifiers":{"cow":"200","wikidata":"Q145"},'
        '"name":"United Kingdom"}'
    )
    # explicit defaults are accepted and give the same object
    explicit = json.loads(text) | {"kind": "state", "aliases": []}
    assert accord.from_dict(explicit, accord.Actor) == actor


def test_unicode_is_written_as_utf8():
    s = accord.Source(title="Заявление — 声明 😀")
    assert "Заявление — 声明 😀" in accord.dumps(s)


def test_aware_datetimes_become_their_utc_date():
    when = dt.datetime(2025, 3, 1, 23, 30, tzinfo=dt.timezone(dt.timedelta(hours=-2)))
    s = accord.Source(title="t", published=when)
    text = roundtrip_both(s, accord.Source)
    assert '"published":"2025-03-02"' in text
    wire = '{"accord_format_version":1,"title":"t","published":"2025-03-01T23:30:00-02:00"}'
    assert accord.loads(wire, accord.Source).published == dt.date(2025, 3, 2)


def test_duration_is_iso_text():
    period = accord.Period(after="settlement_signed", delay="P3M", duration="P10Y")
    data = accord.to_dict(period)
    assert data["delay"] == "P3M"
    assert data["duration"] == "P10Y"
    roundtrip_both(period, accord.Period)


def test_file_helpers(tmp_path):
    fw = accord.Framework(id="f", title="t", actors=(accord.Actor(id="A", name="a"),))
    path = tmp_path / "fw.json"
    accord.dump(fw, path)
    assert path.read_text(encoding="utf-8") == accord.dumps(fw) + "\n"
    assert accord.load(path, accord.Framework) == fw
    assert accord.load(str(path), accord.Framework) == fw
    with open(path, "rb") as binary:
        assert accord.load(binary, accord.Framework) == fw
    with open(path, encoding="utf-8") as text:
        assert accord.load(text, accord.Framework) == fw
    with open(tmp_path / "b.json", "wb") as out:
        accord.dump(fw, out)
    assert (tmp_path / "b.json").read_text(encoding="utf-8") == accord.dumps(fw) + "\n"
    import io

    binary_buffer, text_buffer = io.BytesIO(), io.StringIO()
    accord.dump(fw, binary_buffer)
    accord.dump(fw, text_buffer)
    assert binary_buffer.getvalue().decode() == text_buffer.getvalue() == accord.dumps(fw) + "\n"
    assert accord.load(io.BytesIO(binary_buffer.getvalue()), accord.Framework) == fw
    assert accord.load(io.StringIO(text_buffer.getvalue()), accord.Framework) == fw


def test_every_model_type_is_serialisable():
    assert set(STRATEGIES) | set(CONDITION_TYPES) | {
        accord.OrdinalScale,
        accord.NominalScale,
        accord.IntervalScale,
    } == set(MODEL_TYPES)


@pytest.mark.parametrize("cls", MODEL_TYPES, ids=lambda c: c.__name__)
def test_type_hints_resolve(cls):
    hints = typing.get_type_hints(cls)
    assert hints


def test_not_a_model_type():
    with pytest.raises(accord.ValidationError, match="cannot serialise dict"):
        accord.dumps({"a": 1})
    with pytest.raises(accord.ValidationError, match="cannot load 'dict'"):
        accord.loads("{}", dict)
    with pytest.raises(accord.ValidationError, match="expected JSON text"):
        accord.loads(None, accord.Framework)
    with pytest.raises(accord.ValidationError, match="cannot serialise int"):
        accord.to_dict(5)


def _commitment(quantity, conditions):
    return accord.Commitment(
        id="c", actor="GBR", kind="training", status="signalled", quantity=quantity, conditions=conditions
    )


@pytest.mark.parametrize("fast", ["1", "0"])
def test_objects_of_subclasses_without_fields_of_their_own_are_written_as_their_model_class(
    monkeypatch, fast
):
    # The constructors accept them anywhere a model object goes; inside a document they are
    # written as the model class they extend (in a union of classes as in a field of one class),
    # on every path. A document itself must be of a model class.
    import attrs

    @attrs.frozen(repr=False)
    class Shown(accord.Fact):
        def shout(self) -> str:
            return self.name.upper()

    @attrs.frozen(kw_only=True)
    class Money(accord.Quantity):
        pass

    monkeypatch.setenv("ACCORD_FAST", fast)
    amount = Decimal("1.5")
    commitment = _commitment(Money(amount=amount, unit="EUR"), accord.Fact("a") & ~Shown("b"))
    expected = _commitment(accord.Quantity(amount=amount, unit="EUR"), accord.Fact("a") & ~accord.Fact("b"))
    assert accord.dumps(commitment) == accord.dumps(expected) == serialisation._dumps_stdlib(expected)
    assert accord.to_dict(commitment) == accord.to_dict(expected)
    assert accord.dumps(~Shown("b")) == accord.dumps(~accord.Fact("b"))
    with pytest.raises(accord.ValidationError, match="cannot serialise Shown objects"):
        accord.dumps(Shown("b"))


@pytest.mark.parametrize("fast", ["1", "0"])
def test_objects_of_subclasses_with_fields_of_their_own_are_refused_with_their_path(
    monkeypatch, fast, tmp_path
):
    # Writing them as their model class would drop their fields: refused, naming where they are.
    import attrs

    @attrs.frozen(repr=False)
    class Flagged(accord.Fact):
        note: str = "only in Python"

    @attrs.frozen(kw_only=True)
    class Noted(accord.Quantity):
        remark: str = "only in Python"

    monkeypatch.setenv("ACCORD_FAST", fast)
    amount = Decimal("1.5")
    flagged = _commitment(None, accord.Fact("a") & ~Flagged("b"))
    noted = _commitment(Noted(amount=amount, unit="EUR"), None)
    framework = accord.Framework(
        id="fw",
        title="Subclasses",
        actors=(accord.Actor(id="GBR", name="United Kingdom"),),
        commitments=(_commitment(None, None), attrs.evolve(flagged, id="d")),
    )
    cases = [
        (
            flagged,
            r"^conditions\.items\[1\]\.item: accord cannot write Flagged objects: a subclass of Fact "
            r"with fields of its own \(note\), which the format has no place for$",
        ),
        (noted, r"^quantity: .*Noted objects: a subclass of Quantity with fields of its own \(remark\)"),
        (framework, r"^commitments\[1\]\.conditions\.items\[1\]\.item: .*Flagged"),
    ]
    for obj, message in cases:
        for write in (accord.dumps, accord.to_dict, lambda o: accord.dump(o, tmp_path / "out.json")):
            with pytest.raises(accord.ValidationError, match=message):
                write(obj)
    assert not (tmp_path / "out.json").exists()
    # objects of the model classes are written as ever while such subclasses exist
    plain = _commitment(accord.Quantity(amount=amount, unit="EUR"), accord.Fact("a") & ~accord.Fact("b"))
    assert accord.dumps(plain) == serialisation._dumps_stdlib(plain)


def _model_objects(value: object) -> typing.Iterator[object]:
    """Every model object in *value*, itself included, depth first."""
    if attrs.has(type(value)):
        yield value
        for field in attrs.fields(type(value)):
            if field.init:
                yield from _model_objects(getattr(value, field.name))
    elif isinstance(value, tuple):
        for item in value:
            yield from _model_objects(item)


def _same_slots(a: object, b: object) -> bool:
    """Whether *a* and *b* are of one class and hold equal values in every field, private ones too.

    ``==`` leaves out the fields outside equality (a condition's ``kind``, ``_depth``, ``_plain``).
    """
    if type(a) is not type(b):
        return False
    if isinstance(a, tuple):
        return len(a) == len(b) and all(map(_same_slots, a, b))  # type: ignore[arg-type]
    if not attrs.has(type(a)):
        return bool(a == b)
    return all(
        field.name == "_index" or _same_slots(getattr(a, field.name), getattr(b, field.name))
        for field in attrs.fields(type(a))
    )


@pytest.mark.parametrize("fast", [True, False], ids=["fast", "canonical"])
def test_loaded_objects_are_of_the_model_classes_and_frozen(fast, monkeypatch):
    # The loaders fill each object as a private class with the layout of its class (plain slot
    # stores) and then give it its class: nothing of the filler may show.
    monkeypatch.setenv("ACCORD_FAST", "1" if fast else "0")
    fw = sample_framework()
    text = accord.dumps(fw)
    for back in (accord.loads(text, accord.Framework), accord.from_dict(json.loads(text), accord.Framework)):
        objects = list(_model_objects(back))
        assert {type(o) for o in objects} == {*MODEL_TYPES, accord.dates.Duration}
        for obj in objects:
            name = attrs.fields(type(obj))[0].name
            with pytest.raises(attrs.exceptions.FrozenInstanceError):
                setattr(obj, name, getattr(obj, name))
            with pytest.raises(attrs.exceptions.FrozenInstanceError):
                delattr(obj, name)
        assert _same_slots(back, fw)
        assert pickle.loads(pickle.dumps(back)) == back
        assert accord.dumps(back) == text
        assert weakref.ref(back)() is back  # a framework can be held weakly
        for obj in objects:  # the value objects cannot, as the concepts page says
            if type(obj) is not accord.Framework:
                with pytest.raises(TypeError):
                    weakref.ref(obj)
    # the fillers are no subclasses: tools that walk a model class's subclasses never meet them
    for cls in MODEL_TYPES:
        assert not [sub for sub in cls.__subclasses__() if sub.__name__.startswith("_Filling")], cls


def test_every_model_class_but_the_framework_is_filled():
    # A weak-reference slot (attrs' default) would make a class's objects be built slot by
    # slot through descriptors, a third slower: only Framework, built once per document, has one.
    unfilled = {cls for cls in MODEL_TYPES if _plans.filler(cls) is None}
    assert unfilled == ({accord.Framework} if _plans.FILL else set(MODEL_TYPES))


def test_builders_set_each_slot_through_its_descriptor_where_objects_are_not_filled(monkeypatch):
    # Free-threaded CPython may stop every thread to assign __class__, and a class with a
    # weak-reference slot cannot take the assignment: there the generated builders make
    # objects of the model class and set each slot through its descriptor.
    monkeypatch.setattr(_plans, "_FILLERS", {})
    seen = {}
    for obj in _model_objects(sample_framework()):
        seen.setdefault(type(obj), obj)
    for cls, obj in seen.items():
        if cls not in MODEL_TYPES:
            continue
        body = accord.to_dict(obj)
        del body["accord_format_version"]
        loader = _converter._generate_loader(cls)
        assert "_filler" not in loader.__doc__
        assert "_set_" in loader.__doc__
        assert _same_slots(loader(body, 0), obj)
        if serialisation._fast is not None:
            fast = serialisation._fast
            builder = fast._generate_builder(cls)
            assert "_filler" not in builder.__doc__
            mirror = fast.msgspec.json.decode(json.dumps(body), type=fast._MIRRORS[cls])
            try:
                assert _same_slots(builder(mirror), obj)
            finally:  # called directly, not through a decoder: empty what it shared
                for memo in fast._SHARED.values():
                    memo.clear()
    assert set(seen) >= set(MODEL_TYPES)


def test_public_names():
    for name in ("to_dict", "from_dict", "dumps", "loads", "dump", "load", "json_schema", "FORMAT_VERSION"):
        assert name in accord.__all__
        assert getattr(accord, name) is getattr(serialisation, name)
    assert "LoadError" in accord.__all__
    assert issubclass(accord.LoadError, accord.ValidationError)
    assert accord.FORMAT_VERSION == 1


def test_garbage_collector_state_is_restored():
    import gc

    fw = accord.Framework(id="f", title="t")
    text = accord.dumps(fw)
    assert gc.isenabled()
    accord.loads(text, accord.Framework)
    assert gc.isenabled()
    with pytest.raises(accord.LoadError):
        accord.loads('{"accord_format_version":1,"id":"f"}', accord.Framework)
    assert gc.isenabled()
    gc.disable()
    try:
        accord.loads(text, accord.Framework)
        accord.dumps(fw)
        assert not gc.isenabled()
    finally:
        gc.enable()


@pytest.mark.parametrize("fast", ["0", "1"])
def test_large_documents_skip_the_young_collections(monkeypatch, fast):
    import gc
    import weakref

    monkeypatch.setenv("ACCORD_FAST", fast)
    monkeypatch.setattr(serialisation, "_SETTLE_FROM", 0)  # every document counts as large
    text = accord.dumps(sample_framework())
    collections = []

    def count(phase, info):
        if phase == "start":
            collections.append(info["generation"])

    class Node:
        pass

    gc.collect()
    if gc.get_freeze_count():
        pytest.skip("objects are frozen (CPython 3.12 keeps immortal objects so): reads do not settle")
    cycle = Node()
    cycle.self = cycle  # young cyclic garbage from before the load
    gone = []
    weakref.finalize(cycle, gone.append, True)
    del cycle
    gc.callbacks.append(count)
    try:
        fw = accord.loads(text, accord.Framework)
        assert gc.get_count()[0] < 50  # what was built is in the oldest generation already
    finally:
        gc.callbacks.remove(count)
    assert collections == [1]  # only the young generations before reading, not what was built
    assert gone == [True]  # collected then, not moved to the oldest generation
    assert fw == sample_framework()
    assert gc.isenabled()


def test_small_documents_and_a_paused_collector_are_left_alone(monkeypatch):
    import gc

    text = accord.dumps(sample_framework())
    assert len(text) < serialisation._SETTLE_FROM
    calls = []
    monkeypatch.setattr(gc, "freeze", lambda: calls.append("freeze"))
    accord.loads(text, accord.Framework)
    monkeypatch.setattr(serialisation, "_SETTLE_FROM", 0)
    gc.disable()
    try:
        accord.loads(text, accord.Framework)
    finally:
        gc.enable()
    assert calls == []


def test_objects_frozen_by_the_caller_stay_frozen(monkeypatch):
    import gc

    monkeypatch.setattr(serialisation, "_SETTLE_FROM", 0)
    text = accord.dumps(sample_framework())
    gc.freeze()
    try:
        frozen = gc.get_freeze_count()
        assert frozen > 0
        accord.loads(text, accord.Framework)
        assert gc.get_freeze_count() == frozen  # not unfrozen (nor the new objects frozen)
    finally:
        gc.unfreeze()


class _Text(str):
    """A str subclass, as some libraries hand text over."""


def _frame_cells() -> list[tuple[str, typing.Callable[[], object]]]:
    np = pytest.importorskip("numpy")
    s = np.str_
    return [
        (
            "actor",
            lambda: accord.Actor(
                id=s("GBR"), name=_Text("UK"), aliases=[s("Britain")], identifiers={s("cow"): s("200")}
            ),
        ),
        (
            "membership",
            lambda: accord.Membership(member=s("GBR"), group=s("NATO"), start=np.datetime64("1949-08-24")),
        ),
        (
            "issue",
            lambda: accord.Issue(id=s("troops"), title=s("Troops"), component=s("c"), description=_Text("d")),
        ),
        (
            "position level",
            lambda: accord.Position(actor=s("GBR"), issue=s("t"), stance=s("willing"), note=s("n")),
        ),
        (
            "position number",
            lambda: accord.Position(actor="GBR", issue="t", stance=np.float64(0.5), salience=np.float64(0.8)),
        ),
        (
            "position int",
            lambda: accord.Position(actor="GBR", issue="t", stance=np.int64(3), salience=np.int64(1)),
        ),
        ("quantity", lambda: accord.Quantity(amount=np.int64(5000), unit=s("troops"))),
        ("source", lambda: accord.Source(title=s("t"), url=s("u"), publisher=s("p"), quote=s("q"))),
        (
            "commitment",
            lambda: accord.Commitment(
                id=s("c"),
                actor=s("GBR"),
                kind="training",
                status="pledged",
                beneficiary=s("UKR"),
                description=s("d"),
            ),
        ),
        ("framework", lambda: accord.Framework(id=s("f"), title=s("t"), description=s("d"))),
        ("fact", lambda: accord.Fact(s("a"))),
        ("compare", lambda: accord.Compare(s("a"), "==", s("x"))),
        ("in force", lambda: accord.InForce(s("c1"))),
        ("period", lambda: accord.Period(after=s("settlement"), duration="P1Y")),
        ("ordinal", lambda: accord.OrdinalScale(levels=[s("low"), _Text("high")])),
        ("nominal", lambda: accord.NominalScale(options=[s("a"), s("b")])),
        ("interval", lambda: accord.IntervalScale(low=np.float64(0), high=np.int64(10), unit=s("km"))),
    ]


def _plain(value: object) -> bool:
    """Whether a field value holds only plain Python values (no numpy scalar, no str subclass)."""
    if isinstance(value, tuple):
        return all(map(_plain, value))
    if isinstance(value, typing.Mapping):
        return all(_plain(k) and _plain(v) for k, v in value.items())
    return type(value).__module__ != "numpy" and not (isinstance(value, str) and type(value) is not str)


@pytest.mark.parametrize("fast", [True, False], ids=["fast", "canonical"])
def test_data_frame_cells_are_stored_as_plain_values_and_read_back(fast, monkeypatch):
    # Data frames hand their cells over as numpy scalars; the constructors kept them, so to_dict
    # gave values from_dict refused ("np.float64(0.8) is not a number in [0, 1]").
    monkeypatch.setenv("ACCORD_FAST", "1" if fast else "0")
    for label, make in _frame_cells():
        obj = make()
        cls = type(obj)
        for field in attrs.fields(cls):
            if field.init:
                assert _plain(getattr(obj, field.name)), (label, field.name, getattr(obj, field.name))
        wire = accord.to_dict(obj)
        assert accord.from_dict(wire, cls) == obj, label
        assert accord.loads(accord.dumps(obj), cls) == obj, label
        assert json.loads(accord.dumps(obj)) == wire, label


def test_only_numpy_scalars_and_days_are_taken_as_plain_values(monkeypatch):
    # arrays of one item were taken for their item, larger ones raised a bare ValueError, and a
    # month's datetime64 became its first day
    np = pytest.importorskip("numpy")
    for make, message in (
        (lambda: accord.Actor(id=np.array(["GBR"]), name="x"), "Actor.id: array"),
        (lambda: accord.Actor(id=np.array(["a", "b"]), name="x"), "Actor.id: array"),
        (lambda: accord.Actor(id="A", name=np.array([])), "Actor.name: array"),
        (lambda: accord.Position(actor="A", issue="i", stance=np.array([3])), "Position.stance: array"),
        (lambda: accord.Membership(member="A", group="G", start=np.datetime64("2025-03")), "is not a date"),
        (lambda: accord.Membership(member="A", group="G", start=np.datetime64("2025")), "is not a date"),
    ):
        with pytest.raises(accord.ValidationError, match=message):
            make()
    assert accord.Membership(member="A", group="G", start=np.datetime64("2025-03-01")).start == dt.date(
        2025, 3, 1
    )


@pytest.mark.parametrize("fast", ["1", "0"])
def test_from_dict_refuses_a_numpy_id_equal_to_one_read_before(fast, monkeypatch):
    # the canonical loader's cache of valid ids let np.str_("GBR") through once "GBR" was read
    np = pytest.importorskip("numpy")
    monkeypatch.setenv("ACCORD_FAST", fast)
    version = {"accord_format_version": 1}
    accord.from_dict({**version, "id": "GBR", "name": "x"}, accord.Actor)
    for document in (
        {**version, "id": np.str_("GBR"), "name": "y"},
        {
            **version,
            "id": "c",
            "actor": "GBR",
            "kind": "training",
            "status": "pledged",
            "beneficiary": np.str_("GBR"),
        },
    ):
        with pytest.raises(accord.LoadError, match=r"np\.str_\('GBR'\) is not a string"):
            accord.from_dict(document, accord.Actor if "name" in document else accord.Commitment)


class _Day(dt.date):
    pass


class _Exact(Decimal):
    pass


@pytest.mark.parametrize("fast", [True, False], ids=["fast", "canonical"])
def test_date_and_decimal_subclasses_are_stored_as_plain_values(fast, monkeypatch):
    # Accepted by the constructors and kept as given, they could not be written: dumps raised a
    # raw TypeError ("cannot write comparison value _Day(2026, 6, 1)").
    monkeypatch.setenv("ACCORD_FAST", "1" if fast else "0")
    objects = [
        (accord.Compare("signed_on", "<", _Day(2026, 6, 1)), "value", dt.date(2026, 6, 1)),
        (accord.Compare("troops", ">=", _Exact("1.5")), "value", Decimal("1.5")),
        (
            accord.Compare("basis", "in", [_Exact("2.5"), _Day(2026, 1, 1)]),
            "value",
            (Decimal("2.5"), dt.date(2026, 1, 1)),
        ),
        (accord.Position(actor="A", issue="i", stance=_Exact("1.5")), "stance", Decimal("1.5")),
        (accord.IntervalScale(low=_Exact("0"), high=_Exact("1.5")), "high", Decimal("1.5")),
    ]
    for obj, field, plain in objects:
        value = getattr(obj, field)
        assert value == plain
        assert {type(v) for v in (value if isinstance(value, tuple) else (value,))} <= {Decimal, dt.date}
        assert accord.loads(accord.dumps(obj), type(obj)) == obj
        assert accord.from_dict(accord.to_dict(obj), type(obj)) == obj
    # a datetime (a date subclass) is still no date
    with pytest.raises(accord.ValidationError, match="datetime"):
        accord.Compare("signed_on", "<", dt.datetime(2026, 6, 1))
