"""The msgspec fast path: used when installed, switchable off, same objects, bytes and errors."""

import datetime as dt
import json
from decimal import Decimal

import pytest
from _sample import sample_framework
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import accord
from accord import serialisation
from accord import testing as at

pytestmark = pytest.mark.skipif(serialisation._fast is None, reason="the fast extra is not installed")


def test_loads_uses_the_fast_path_unless_switched_off(monkeypatch):
    fw = sample_framework()
    text = accord.dumps(fw)
    calls = []
    real = serialisation._fast.decoder

    def spy(cls):
        calls.append(cls)
        return real(cls)

    monkeypatch.setattr(serialisation._fast, "decoder", spy)
    monkeypatch.setenv("ACCORD_FAST", "1")
    assert accord.loads(text, accord.Framework) == fw
    assert calls == [accord.Framework]
    for off in ("0", "false", "off", "no"):
        monkeypatch.setenv("ACCORD_FAST", off)
        assert accord.loads(text, accord.Framework) == fw
    assert calls == [accord.Framework]


def test_dumps_uses_a_fast_writer_unless_switched_off(monkeypatch):
    fw = sample_framework()
    expected = serialisation._dumps_stdlib(fw)
    used = []
    for name in ("_dumps_orjson", "_dumps_msgspec", "_dumps_stdlib"):
        real = getattr(serialisation, name)
        monkeypatch.setattr(
            serialisation, name, lambda obj, _real=real, _name=name: used.append(_name) or _real(obj)
        )
    monkeypatch.setenv("ACCORD_FAST", "1")
    assert accord.dumps(fw) == expected
    monkeypatch.setenv("ACCORD_FAST", "0")
    assert accord.dumps(fw) == expected
    assert used[0] in ("_dumps_orjson", "_dumps_msgspec")
    assert used[1] == "_dumps_stdlib"


def test_fast_path_rejection_falls_back_to_the_canonical_path(monkeypatch):
    # an aware datetime is valid, but the fast path leaves it to the canonical one
    monkeypatch.setenv("ACCORD_FAST", "1")
    text = '{"accord_format_version":1,"published":"2025-03-01T10:30:00Z","title":"t"}'
    with pytest.raises(Exception):  # noqa: B017, PT011
        serialisation._fast.decoder(accord.Source)(text)
    assert accord.loads(text, accord.Source).published == dt.date(2025, 3, 1)  # its UTC date


@settings(max_examples=50, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(at.frameworks(max_actors=8, max_items=10))
def test_both_paths_build_equal_frameworks(fw):
    text = accord.dumps(fw)
    fast = serialisation._fast.decoder(accord.Framework)(text)
    canonical = serialisation._load_canonical(text, accord.Framework)
    assert fast == canonical == fw
    # the derived indexes agree too
    for actor in fw.actors:
        assert fast.commitments_by(actor.id) == canonical.commitments_by(actor.id)
        assert fast.positions_of(actor.id) == canonical.positions_of(actor.id)


def test_mirrors_forbid_unknown_fields_and_check_ranges():
    decode = serialisation._fast.decoder(accord.Position)
    base = '{"accord_format_version":1,"actor":"A","issue":"i","stance":"willing"'
    assert decode(base + "}") == accord.Position(actor="A", issue="i", stance="willing")
    for bad in (
        ',"x":1}',
        ',"salience":1.5}',
        ',"salience":true}',
        ',"as_of":"2025-13-01"}',
        ',"stance":""}',
    ):
        with pytest.raises(Exception):  # noqa: B017, PT011
            decode(base + bad)


def test_check_only_post_inits_run_for_every_new_value(monkeypatch):
    decode = serialisation._fast.decoder(accord.Condition)
    one, true = accord.Compare("troops", "==", 1), accord.Compare("troops", "==", True)
    calls = []
    real = accord.Compare.__attrs_post_init__
    monkeypatch.setattr(accord.Compare, "__attrs_post_init__", lambda self: calls.append(self) or real(self))
    serialisation._fast._CHECKED[accord.Compare].clear()  # a pure cache: clearing changes no result

    def compare(value, op="=="):
        head = '{"accord_format_version":1,"kind":"compare","fact":"troops"'
        return head + ',"op":"' + op + '","value":' + value + "}"

    assert decode(compare("1")) == one
    assert decode(compare("1")) == one
    assert len(calls) == 1  # checked once for these values
    assert decode(compare("true")) == true
    assert len(calls) == 2  # True == 1, but a bool is checked on its own
    decode(compare("1", "<"))
    with pytest.raises(Exception):  # noqa: B017, PT011 - '<' with true was never seen: checked, refused
        decode(compare("true", "<"))
    calls.clear()
    decode(compare('{"decimal":"1.5"}'))
    decode(compare('{"decimal":"1.5"}'))
    assert len(calls) == 2  # Decimals are not remembered: checked every time
    with pytest.raises(Exception):  # noqa: B017, PT011 - a value never seen is checked
        decode(compare("1" + "0" * 300))
    # lists of strings, bools and ints are remembered item by item, with the items' classes
    listed = accord.Compare("troops", "in", ("un", 1))
    calls.clear()
    assert decode(compare('["un",1]', "in")) == listed
    assert decode(compare('["un",1]', "in")) == listed
    assert len(calls) == 1
    assert decode(compare('["un",true]', "in")).value == ("un", True)
    assert decode(compare('["un",1]', "not in")).op == "not in"
    assert len(calls) == 3  # another item class, another operator: checked
    for _ in range(2):
        decode(compare('["un",{"decimal":"1.5"}]', "in"))
    assert len(calls) == 5  # lists holding other values are checked every time
    with pytest.raises(Exception):  # noqa: B017, PT011 - checked, refused: a list for '=='
        decode(compare('["un",1]'))


def test_check_only_cache_never_admits_a_bad_value(monkeypatch):
    decode = serialisation._fast.decoder(accord.Condition)
    monkeypatch.setattr(serialisation._fast, "_CHECKED_LIMIT", 2)
    for name in ("signed", "mandate", "ceasefire", "signed"):
        assert decode('{"accord_format_version":1,"kind":"fact","name":"' + name + '"}') == accord.Fact(name)
    assert len(serialisation._fast._CHECKED[accord.Fact]) <= 2
    for bad in ("and", "1x", "in_force"):
        with pytest.raises(Exception):  # noqa: B017, PT011
            decode('{"accord_format_version":1,"kind":"fact","name":"' + bad + '"}')
        with pytest.raises(accord.LoadError):
            accord.loads('{"accord_format_version":1,"kind":"fact","name":"' + bad + '"}', accord.Condition)


def test_the_check_cache_keeps_no_long_text_alive():
    # The cache outlives the documents: a comparison with a megabyte of text kept it alive (100 MB
    # for 100 of them) after the framework was gone. Long keys are checked each time instead.
    checked = serialisation._fast._CHECKED
    long_text, long_name = "x" * 1_000_000, "f" * 300
    for condition in (
        accord.Compare("basis", "==", long_text),
        accord.Compare("basis", "in", ["un", long_text]),
        accord.Fact(long_name),
        accord.Compare("basis", "==", "un"),
    ):
        assert accord.loads(accord.dumps(condition), accord.Condition) == condition
    kept = [key for memo in checked.values() for key in memo]
    assert ("basis", "==", (str, "un")) in kept
    assert not [key for key in kept if serialisation._fast._key_size(key) > 256]


def test_period_checks_every_new_combination():
    decode = serialisation._fast.decoder(accord.Period)

    def period(fields):
        return '{"accord_format_version":1,' + fields + "}"

    assert decode(period('"after":"signed","duration":"P10Y"')) == accord.Period(
        after="signed", duration="P10Y"
    )
    # each part valid and seen before, the combination is not
    for bad in (
        '"start":"2025-01-01","after":"signed"',
        '"end":"2025-01-01","duration":"P10Y"',
        '"delay":"P1Y","duration":"P10Y"',
        '"start":"2025-02-01","end":"2025-01-01"',
        '"after":"and"',
        '"duration":"P1001Y"',
    ):
        with pytest.raises(Exception):  # noqa: B017, PT011
            decode(period(bad))
        with pytest.raises(accord.LoadError):
            accord.loads(period(bad), accord.Period)


def test_durations_read_from_equal_text_are_equal_values():
    decode = serialisation._fast.decoder(accord.Period)
    text = '{"accord_format_version":1,"duration":"P1Y6M"}'
    first, second = decode(text), decode(text)
    assert first == second == accord.Period(duration=accord.Duration(years=1, months=6))
    assert first.duration == accord.Duration.parse("P1Y6M")
    assert serialisation._load_canonical(text, accord.Period) == first


def test_amount_text_is_checked_by_the_mirror_and_bounded_by_the_builder():
    decode = serialisation._fast.decoder(accord.Quantity)

    def quantity(amount):
        return '{"accord_format_version":1,"amount":"' + amount + '","unit":"EUR"}'

    def outcome(load):
        try:
            return load(quantity(bad), accord.Quantity)
        except accord.LoadError as error:
            return str(error)

    assert decode(quantity("2500000.00")).amount == Decimal("2500000.00")
    assert decode(quantity("1e300")).amount == Decimal("1e300")
    assert decode(quantity("0e999")).amount == 0  # zero has no magnitude to bound
    bad_amounts = ("-1", "-0", "1e301", "1e-301", "\u0661", "1_000", " 1", "1 ", "NaN", "Infinity", "1.")
    for bad in (*bad_amounts, ".5", ""):
        with pytest.raises(Exception):  # noqa: B017, PT011
            decode(quantity(bad))
        # whatever the canonical path makes of it, loads does too (the fast path may be stricter: "-0")
        assert outcome(accord.loads) == outcome(serialisation._load_canonical)


def test_classes_msgspec_writes_natively_give_the_canonical_bytes():
    assert accord.Quantity in serialisation._fast._NATIVE
    assert accord.Source not in serialisation._fast._NATIVE  # defaults would be written
    # condition nodes say for themselves whether msgspec writes them (see the tests below)
    assert not serialisation._fast._NATIVE & set(serialisation._converter.CONDITION_TYPES)
    for amount in ("0", "1.50", "1E+3", "2.5e-7", "123456789012345678901234567890.000001", "0E-10"):
        change = accord.StatusChange(
            date=dt.date(2025, 1, 1),
            status=accord.CommitmentStatus.PLEDGED,
            quantity=accord.Quantity(amount=Decimal(amount), unit="EUR"),
        )
        assert _fast_text(change) == serialisation._dumps_stdlib(change)


def test_a_subclass_of_a_natively_written_class_is_written_through_its_mirror():
    import attrs

    @attrs.frozen(kw_only=True)
    class Noted(accord.Quantity):
        remark: str = "extra"

    change = accord.StatusChange(
        date=dt.date(2025, 1, 1),
        status=accord.CommitmentStatus.PLEDGED,
        quantity=Noted(amount=Decimal("1.5"), unit="EUR"),
    )
    assert _fast_text(change) == serialisation._dumps_stdlib(change)
    assert "remark" not in _fast_text(change)


@pytest.mark.parametrize("count", [0, 1, 255, 256, 257, 512, 513, 1000])
def test_large_arrays_written_in_chunks_give_the_canonical_bytes(count):
    chunk = serialisation._fast._CHUNK
    assert chunk == 256  # the counts above straddle its multiples
    actors = tuple(accord.Actor(id=f"A{i:04d}", name=f"Actor {i}") for i in range(max(count, 2)))
    issue = accord.Issue(id="troops", title="Troops")
    positions = tuple(
        accord.Position(actor=a.id, issue="troops", stance="support" if i % 3 else "oppose", salience=0.5)
        for i, a in enumerate(actors[:count])
    )
    fw = accord.Framework(id="fw", title="Chunks", actors=actors, issues=(issue,), positions=positions)
    text = _fast_text(fw)
    assert text == serialisation._dumps_stdlib(fw)
    assert accord.loads(text, accord.Framework) == fw


def _repetitive_framework() -> accord.Framework:
    """Equal sources, facts, periods and quantities made separately, and values equal in Python only."""

    def source():
        return accord.Source(
            title="Joint statement", url="https://example.org/s", published=dt.date(2025, 3, 1)
        )

    def period():
        return accord.Period(after="settlement_signed", duration="P10Y")

    actors = tuple(accord.Actor(id=a, name=a) for a in ("GBR", "FRA", "USA"))
    positions = tuple(
        accord.Position(actor=a.id, issue="troops", stance="willing", sources=(source(),)) for a in actors
    )
    amounts = (Decimal("1.0"), Decimal("1.00"), Decimal("1.0"))
    values = (1, True, 1)  # True == 1 in Python, not on the wire
    lists = (("un", 1), ("un", True), ("un", 1))
    commitments = tuple(
        accord.Commitment(
            id=f"c{i}",
            actor=a.id,
            kind=accord.CommitmentKind.GROUND_TROOPS,
            status=accord.CommitmentStatus.SIGNALLED,
            quantity=accord.Quantity(amount=amount, unit="brigades"),
            period=period(),
            conditions=accord.AllOf(
                (
                    accord.Fact("signed"),
                    accord.Compare("mandate", "==", value),
                    accord.Compare("basis", "in", listed),
                )
            ),
            sources=(source(),),
        )
        for i, (a, amount, value, listed) in enumerate(zip(actors, amounts, values, lists, strict=True))
    )
    return accord.Framework(
        id="fw",
        title="Guarantees",
        actors=actors,
        issues=(
            accord.Issue(id="troops", title="Troops"),
            accord.Issue(id="cost", title="Cost", scale=accord.IntervalScale(low=0.0, high=1.0)),
            accord.Issue(id="risk", title="Risk", scale=accord.IntervalScale(low=-0.0, high=1.0)),
        ),
        positions=positions,
        commitments=commitments,
    )


def test_equal_values_in_one_document_are_built_once_and_shared():
    text = accord.dumps(_repetitive_framework())
    fw = serialisation._fast.decoder(accord.Framework)(text)
    first, second, third = fw.commitments
    source = fw.positions[0].sources[0]
    assert all(p.sources[0] is source for p in fw.positions)
    assert all(c.sources[0] is source for c in fw.commitments)
    assert first.period is second.period is third.period
    assert first.conditions.items[0] is second.conditions.items[0] is third.conditions.items[0]
    assert first.quantity is third.quantity  # "1.0" twice
    assert second.quantity is not first.quantity
    assert str(second.quantity.amount) == "1.00"
    assert first.conditions.items[1] is third.conditions.items[1]  # 1 twice
    assert second.conditions.items[1].value is True  # not the equal 1
    assert first.conditions.items[2] is third.conditions.items[2]  # ["un", 1] twice
    assert second.conditions.items[2].value[1] is True  # not the equal ["un", 1]
    assert '"low":-0.0' in text
    assert _fast_text(fw) == text  # nothing conflated
    assert fw == serialisation._load_canonical(text, accord.Framework)


def test_shared_objects_are_forgotten_after_every_document():
    text = accord.dumps(_repetitive_framework())
    decode = serialisation._fast.decoder(accord.Framework)
    one, two = decode(text), decode(text)
    assert one == two
    assert one.positions[0].sources[0] is not two.positions[0].sources[0]
    assert not any(serialisation._fast._SHARED.values())
    head, tail = text.rsplit('"title":"Joint statement"', 1)
    blank = head + '"title":" "' + tail  # the last source: built after the others
    with pytest.raises(Exception):  # noqa: B017, PT011 - refused after the first sources were built
        decode(blank)
    assert not any(serialisation._fast._SHARED.values())
    with pytest.raises(accord.LoadError, match="title"):
        accord.loads(blank, accord.Framework)


def test_at_most_the_limit_of_objects_of_a_class_is_shared(monkeypatch):
    build = serialisation._fast._BUILDERS[accord.Fact]
    monkeypatch.setitem(build.__globals__, "_SHARED_LIMIT", 2)
    decode = serialisation._fast.decoder(accord.Condition)
    fact = '{"kind":"fact","name":"%s"}'
    items = ",".join(fact % name for name in ("ceasefire", "signed", "signed", "mandate", "mandate"))
    loaded = decode('{"accord_format_version":1,"kind":"all_of","items":[' + items + "]}").items
    assert loaded[1] is loaded[2]
    assert loaded[3] == loaded[4]
    assert loaded[3] is not loaded[4]


# --- condition trees msgspec writes as they are ------------------------------------------------


def _literals_plain(node):
    """The reference: every node of an exact node class, every literal one msgspec spells canonically."""
    plain_types = (str, bool, int)

    def plain(value):
        if type(value) is tuple:
            return all(plain(v) for v in value)
        return type(value) in plain_types and (type(value) is not int or -(2**63) <= value < 2**64)

    for n in accord.conditions.walk(node):
        if type(n) not in serialisation._fast._SAYS_IF_PLAIN:
            return False
        if isinstance(n, accord.Compare) and not plain(n.value):
            return False
        if isinstance(n, accord.Before | accord.After) and type(n.date) is not dt.date:
            return False
    return True


def _fast_text(obj) -> str:
    """What the fast writer writes (``dumps`` would fall back to the canonical writer on an error)."""
    return serialisation._fast.encode(obj).decode()


def _as_is(node) -> str:
    """The node as msgspec writes the object itself, with the version key a document has."""
    import msgspec

    return '{"accord_format_version":1,' + msgspec.json.encode(node).decode()[1:]


def _routes(tree):
    """The tree built every way accord builds trees."""
    import copy
    import pickle

    text = serialisation._dumps_stdlib(tree)
    yield "parsed", accord.parse_condition(str(tree))
    yield "loaded", accord.loads(text, accord.Condition)
    yield "loaded canonically", serialisation._load_canonical(text, accord.Condition)
    yield "from_dict", accord.from_dict(accord.to_dict(tree), accord.Condition)
    yield "pickled", pickle.loads(pickle.dumps(tree))
    yield "copied", copy.deepcopy(tree)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(at.conditions(commitment_ids=("c1", "c2")))
def test_a_tree_says_truly_whether_msgspec_writes_it_as_it_is(tree):
    expected = _literals_plain(tree)
    assert tree._plain is expected
    canonical = serialisation._dumps_stdlib(tree)
    if expected:
        assert _as_is(tree) == canonical
    assert _fast_text(tree) == canonical  # the fast writer itself, not its fallback
    for route, built in _routes(tree):
        assert built == tree, route
        fields = [(n.kind, n.depth, n._plain) for n in accord.conditions.walk(built)]
        assert fields == [(n.kind, n.depth, n._plain) for n in accord.conditions.walk(tree)], route
        if expected:
            assert _as_is(built) == canonical, route


def test_literals_msgspec_spells_otherwise_make_the_tree_converted():
    import attrs

    class Day(dt.date):
        pass

    @attrs.frozen
    class Flag(accord.Fact):
        note: str = "extra"

    a = accord.Fact("a")
    plain = [accord.Compare("x", "==", 2**64 - 1), accord.Compare("x", "in", ("a", True, -(2**63)))]
    converted = [
        accord.Compare("x", "==", Decimal("1.5")),
        accord.Compare("x", "<", dt.date(2025, 1, 1)),
        accord.Compare("x", "==", 2**64),
        accord.Compare("x", "==", -(2**63) - 1),
        accord.Compare("x", "in", ("a", Decimal("0.5"))),
    ]
    # a date subclass is stored as the plain date it holds, which msgspec writes as it is
    for leaf in (accord.Before(Day(2025, 1, 1)), accord.After(Day(2025, 1, 1))):
        assert type(leaf.date) is dt.date
        assert (a & leaf)._plain
        assert _fast_text(a & leaf) == serialisation._dumps_stdlib(a & leaf)
    for leaf in plain:
        assert leaf._plain
        assert _as_is(leaf) == _fast_text(leaf) == serialisation._dumps_stdlib(leaf)
        assert (a & leaf)._plain
        assert (~leaf)._plain
        assert accord.AtLeast(1, [a, leaf])._plain
    for leaf in converted:
        assert not (a & leaf)._plain
        assert not (a | leaf)._plain
        assert not (~leaf)._plain
        assert not accord.AtLeast(1, [a, leaf])._plain
        for tree in (leaf, a & ~leaf, accord.AtLeast(1, [a, a | leaf])):
            assert _fast_text(tree) == serialisation._dumps_stdlib(tree)
            commitment = accord.Commitment(
                id="c", actor="GBR", kind="training", status="signalled", conditions=tree
            )
            assert _fast_text(commitment) == serialisation._dumps_stdlib(commitment)
    # msgspec would write a subclass's own fields too
    assert Flag("b")._plain
    assert not (a & Flag("b"))._plain
    assert not (~Flag("b"))._plain


def test_the_tag_is_a_field_of_every_node_yet_not_part_of_equality_or_repr():
    import attrs

    node = accord.Compare("troops", ">=", 5000)
    assert node.kind == "compare"
    assert accord.Fact("a").kind == "fact"
    assert attrs.evolve(node, value=1).kind == "compare"
    assert repr(node) == "Compare('troops', '>=', 5000)"
    assert accord.AllOf([node, accord.Fact("a")]).depth == 2
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        node.kind = "fact"  # type: ignore[misc]
    expected = {"accord_format_version": 1, "fact": "troops", "kind": "compare", "op": ">=", "value": 5000}
    assert accord.to_dict(node) == expected


def test_documents_nesting_groups_of_one_kind_are_read_by_the_canonical_path():
    # Such groups are flattened into one; the canonical path reads the document as written and
    # bounds its nesting, which the flattened tree would hide: both paths agree on both.
    import json

    def nested(levels):
        node = {"kind": "fact", "name": "x0"}
        for i in range(levels):
            node = {"kind": "all_of", "items": [{"kind": "fact", "name": f"x{i + 1}"}, node]}
        return json.dumps({"accord_format_version": 1, **node})

    shallow, deep = nested(3), nested(101)
    decode = serialisation._fast.decoder(accord.Condition)
    with pytest.raises(Exception):  # noqa: B017, PT011 - not in the writers' form: the fast path steps aside
        decode(shallow)
    expected = accord.AllOf([accord.Fact(f"x{i}") for i in (3, 2, 1, 0)])
    assert accord.loads(shallow, accord.Condition) == expected
    assert serialisation._load_canonical(shallow, accord.Condition) == expected
    errors = []
    for load in (accord.loads, serialisation._load_canonical):
        with pytest.raises(
            accord.LoadError, match=f"nested deeper than {accord.conditions.MAX_DEPTH}"
        ) as caught:
            load(deep, accord.Condition)
        errors.append(str(caught.value))
    assert errors[0] == errors[1]


# --- the two paths against each other on damaged documents ---------------------------------

_JSON_SCALARS = (
    st.none()
    | st.booleans()
    | st.integers(min_value=-(2**70), max_value=2**70)
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(max_size=8)
    | st.sampled_from(["", " ", "GBR", "2025-03-01", "P1Y", "1.5", "all_of", "fact", "willing"])
)
_JSON_VALUES = st.recursive(
    _JSON_SCALARS,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=6), inner, max_size=3),
    max_leaves=6,
)


def _paths_in(value: object, here: tuple[object, ...] = ()) -> list[tuple[object, ...]]:
    """Every path to a value inside a JSON document (the document itself included)."""
    found = [here]
    if isinstance(value, dict):
        for key, item in value.items():
            found += _paths_in(item, (*here, key))
    elif isinstance(value, list):
        for i, item in enumerate(value):
            found += _paths_in(item, (*here, i))
    return found


def _damaged(document: dict, path: tuple[object, ...], how: str, value: object) -> object:
    """A copy of *document* with the value at *path* replaced, removed, or given an extra key."""
    copy = json.loads(json.dumps(document))
    if not path:
        return value if how == "replace" else copy
    parent = copy
    for step in path[:-1]:
        parent = parent[step]
    last = path[-1]
    if how == "replace":
        parent[last] = value
    elif how == "remove":
        del parent[last]
    elif isinstance(parent[last], dict):  # an unknown key
        parent[last]["unknown"] = value
    else:  # a list of one more item, or the value in a list
        parent[last] = [*parent[last], value] if isinstance(parent[last], list) else [parent[last]]
    return copy


def _outcome(text: str, fast: bool, monkeypatch: pytest.MonkeyPatch) -> tuple[str, str]:
    monkeypatch.setenv("ACCORD_FAST", "1" if fast else "0")
    try:
        return "loaded", accord.dumps(accord.loads(text, accord.Framework))
    except accord.AccordError as error:
        return type(error).__name__, str(error)


@settings(
    max_examples=300,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(
    fw=at.frameworks(max_actors=4, max_items=4),
    data=st.data(),
    how=st.sampled_from(["replace", "remove", "extend"]),
    value=_JSON_VALUES,
)
def test_both_paths_agree_on_damaged_documents(fw, data, how, value, monkeypatch):
    # Whatever a document holds, both paths load the same framework (written back to the same
    # bytes) or refuse it with the same error, and from_dict agrees with them.
    document = accord.to_dict(fw)
    path = data.draw(st.sampled_from(_paths_in(document)[1:]), label="path")  # (not the document)
    damaged = _damaged(document, path, how, value)
    text = json.dumps(damaged)
    outcomes = {_outcome(text, fast, monkeypatch) for fast in (False, True)}
    assert len(outcomes) == 1, outcomes
    try:
        back = accord.from_dict(damaged, accord.Framework)  # type: ignore[arg-type]
        from_dict = "loaded", accord.dumps(back)
    except accord.AccordError as error:
        from_dict = type(error).__name__, str(error)
    assert outcomes == {from_dict}
