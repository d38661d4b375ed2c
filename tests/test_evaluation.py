import datetime as dt
import itertools
import re
import time
from collections.abc import Mapping
from decimal import Decimal
from typing import Any

import attrs
import pytest
from _random_conditions import random_condition
from hypothesis import given, settings
from hypothesis import strategies as st

from accord import (
    AccordError,
    Actor,
    After,
    AllOf,
    AnyOf,
    AtLeast,
    Before,
    Commitment,
    CommitmentKind,
    CommitmentStatus,
    Compare,
    Duration,
    Evaluation,
    Fact,
    Facts,
    Framework,
    InForce,
    Issue,
    Not,
    Period,
    Position,
    StatusChange,
    Truth,
    UnknownReferenceError,
    ValidationError,
    evaluate,
    parse_condition,
    what_would_it_take,
)
from accord.conditions import Condition, facts_of, walk
from accord.examples import postwar_ukraine
from accord.testing import conditions, facts

T, F, U = Truth.TRUE, Truth.FALSE, Truth.UNKNOWN
a, b, c = Fact("a"), Fact("b"), Fact("c")
DAY = dt.date(2025, 6, 1)


def known(**values: Any) -> Facts:
    return Facts(values)


def with_truths(**truths: Truth) -> Facts:
    """Facts in which each name is true, false, or (UNKNOWN) missing."""
    return Facts({name: t is T for name, t in truths.items() if t is not U})


# --- Truth: Kleene's strong three-valued logic --------------------------------------------

AND_TABLE = {
    (T, T): T, (T, F): F, (T, U): U,
    (F, T): F, (F, F): F, (F, U): F,
    (U, T): U, (U, F): F, (U, U): U,
}  # fmt: skip
OR_TABLE = {
    (T, T): T, (T, F): T, (T, U): T,
    (F, T): T, (F, F): F, (F, U): U,
    (U, T): T, (U, F): U, (U, U): U,
}  # fmt: skip
NOT_TABLE = {T: F, F: T, U: U}


@pytest.mark.parametrize(("x", "y"), list(AND_TABLE))
def test_truth_and_or_tables(x: Truth, y: Truth) -> None:
    assert x & y is AND_TABLE[x, y]
    assert x | y is OR_TABLE[x, y]


@pytest.mark.parametrize(("x", "y"), list(AND_TABLE))
def test_a_bool_combines_with_a_truth_as_true_or_false_on_either_side(x: Truth, y: Truth) -> None:
    if y is U:
        return
    b = y is T
    assert x & b is AND_TABLE[x, y]
    assert b & x is AND_TABLE[y, x]
    assert x | b is OR_TABLE[x, y]
    assert b | x is OR_TABLE[y, x]


@pytest.mark.parametrize("other", [1, 0, None, "true", 1.0])
def test_a_truth_does_not_combine_with_other_values(other: object) -> None:
    for combine in (lambda: T & other, lambda: other & T, lambda: U | other, lambda: other | U):
        with pytest.raises(TypeError, match="unsupported operand"):
            combine()


@pytest.mark.parametrize("x", list(NOT_TABLE))
def test_truth_not_table(x: Truth) -> None:
    assert ~x is NOT_TABLE[x]


def test_truth_is_only_truthy_when_true() -> None:
    assert bool(T)
    assert not bool(F)
    assert not bool(U)


# --- operator truth tables through evaluate -----------------------------------------------


@pytest.mark.parametrize(("x", "y"), list(AND_TABLE))
def test_and_or_not_tables_through_evaluate(x: Truth, y: Truth) -> None:
    facts = with_truths(a=x, b=y)
    assert evaluate(a & b, facts).truth is AND_TABLE[x, y]
    assert evaluate(a | b, facts).truth is OR_TABLE[x, y]
    assert evaluate(~a, facts).truth is NOT_TABLE[x]
    assert evaluate(parse_condition("not (a and b)"), facts).truth is NOT_TABLE[AND_TABLE[x, y]]


def _reference_at_least(k: int, truths: tuple[Truth, ...]) -> Truth:
    true, unknown = truths.count(T), truths.count(U)
    if true >= k:
        return T
    return F if true + unknown < k else U


@pytest.mark.parametrize("truths", list(itertools.product([T, F, U], repeat=3)))
@pytest.mark.parametrize("k", [1, 2, 3])
def test_at_least_table(k: int, truths: tuple[Truth, Truth, Truth]) -> None:
    facts = with_truths(a=truths[0], b=truths[1], c=truths[2])
    result = evaluate(AtLeast(k, [a, b, c]), facts)
    assert result.truth is _reference_at_least(k, truths)
    if result.truth is U:
        missing = [name for name, t in zip("abc", truths, strict=True) if t is U]
        assert set(result.unknown) <= set(missing)
        assert result.unknown


@pytest.mark.parametrize("truths", list(itertools.product([T, F, U], repeat=3)))
def test_three_way_and_or_agree_with_pairwise_tables(truths: tuple[Truth, Truth, Truth]) -> None:
    facts = with_truths(a=truths[0], b=truths[1], c=truths[2])
    x, y, z = truths
    assert evaluate("a and b and c", facts).truth is (x & y) & z
    assert evaluate("a or b or c", facts).truth is (x | y) | z
    assert evaluate("a or b and not c", facts).truth is x | (y & ~z)


# --- what decided the result ---------------------------------------------------------------


def test_false_and_unknown_is_false_and_names_nothing_missing() -> None:
    for text in ("a and b", "b and a"):
        result = evaluate(text, known(a=False))
        assert result.truth is F
        assert result.unknown == ()
        assert result.unmet == (a,)


def test_true_or_unknown_is_true_with_nothing_to_report() -> None:
    result = evaluate("b or a", known(a=True))
    assert result.truth is T
    assert (result.unknown, result.unmet, result.reasons) == ((), (), ())


def test_unknown_names_the_missing_facts_sorted() -> None:
    text = 'settlement_signed and (un_mandate or legal_basis == "bilateral")'
    result = evaluate(text, Facts({}))
    assert result.truth is U
    assert result.unknown == ("legal_basis", "settlement_signed", "un_mandate")
    result = evaluate(text, known(settlement_signed=True, legal_basis="multilateral"))
    assert result.truth is U
    assert result.unknown == ("un_mandate",)
    assert result.unmet == (Compare("legal_basis", "==", "bilateral"),)


def test_short_circuit_stops_at_the_first_deciding_item() -> None:
    result = evaluate("a and b and c", known(a=False, b=False))
    assert result.truth is F
    assert result.unmet == (a,)


def test_all_failed_alternatives_are_unmet() -> None:
    result = evaluate("a or b or c", known(a=False, b=False, c=False))
    assert result.truth is F
    assert result.unmet == (a, b, c)


def test_unmet_of_a_negation_is_the_negation() -> None:
    result = evaluate("not withdrawn", known(withdrawn=True))
    assert result.truth is F
    assert result.unmet == (Not(Fact("withdrawn")),)


def test_at_least_is_decided_as_soon_as_possible() -> None:
    assert evaluate("at least 2 of (a, b, c)", known(a=True, b=True)).truth is T
    result = evaluate("at least 2 of (a, b, c)", known(a=False, b=False))
    assert result.truth is F
    assert result.unmet == (a, b)
    result = evaluate("at least 2 of (a, b, c)", known(a=True, b=False))
    assert (result.truth, result.unknown, result.unmet) == (U, ("c",), (b,))


# --- leaves ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "value", "truth"),
    [
        ("n == 5", 5, T),
        ("n == 5", Decimal("5.00"), T),
        ("n == 5", 5.0, T),
        ("n == 0.1", 0.1, T),  # floats compare by their shortest decimal spelling
        ("n > 0.3", 0.1 + 0.2, T),
        ("n != 5", 4, T),
        ("n < -1.5", -2, T),
        ("n <= 5", 5, T),
        ("n > 5", 5, F),
        ("n >= 5000", 8000, T),
        ('s == "bilateral"', "bilateral", T),
        ('s != "bilateral"', "bilateral", F),
        ('s < "b"', "a", T),
        ('s >= "b"', "a", F),
        ("d < 2025-01-01", dt.date(2024, 12, 31), T),
        ("d == 2025-01-01", dt.date(2025, 1, 1), T),
        ("d > 2025-01-01", dt.date(2025, 1, 1), F),
        ("f == true", True, T),
        ("f != true", False, T),
        ("f == false", True, F),
        ('s in ["un", "eu"]', "eu", T),
        ('s in ["un", "eu"]', "nato", F),
        ('s not in ["un", "eu"]', "nato", T),
        ('s not in ["un", "eu"]', "un", F),
        ('x in ["un", 5]', 5, T),  # items of other kinds are skipped
        ('x in ["un", 5]', 6, F),
        ("x in [2025-01-01]", dt.date(2025, 1, 1), T),
    ],
)
def test_comparisons(text: str, value: Any, truth: Truth) -> None:
    name = text.split()[0]
    result = evaluate(text, Facts({name: value}))
    assert result.truth is truth
    assert result.reasons == ()
    assert result.unmet == (() if truth is T else (parse_condition(text),))


@pytest.mark.parametrize(
    ("text", "value", "kinds"),
    [
        ("troops >= 5000", "many", ("string", "a number")),
        ('basis == "un"', 3, ("number", "a string")),
        ("flag == 1", True, ("boolean", "a number")),
        ("n == true", 1, ("number", "a boolean")),
        ("d < 2025-01-01", "2024-12-31", ("string", "a date")),
        ('x in ["a", "b"]', 1, ("number", "a list")),
        ('x not in ["a"]', dt.date(2025, 1, 1), ("date", "a list")),
    ],
)
def test_incompatible_kinds_are_unknown_with_a_reason(text: str, value: Any, kinds: tuple[str, str]) -> None:
    name = text.split()[0]
    result = evaluate(text, Facts({name: value}))
    assert result.truth is U
    assert result.unknown == ()  # the fact is known, just not usable
    (reason,) = result.reasons
    assert reason.startswith(f"{text}: {name} is {kinds[0]}")
    assert kinds[1] in reason


def test_a_non_boolean_fact_used_as_a_condition_is_unknown_with_a_reason() -> None:
    result = evaluate("troops", known(troops=5000))
    assert result.truth is U
    assert result.reasons == ("troops: number 5000 is not true or false",)


def test_a_dated_fact_is_an_event_that_happened() -> None:
    signed = Facts({"signed": DAY})
    assert evaluate("signed", signed).truth is T
    assert evaluate("signed", Facts({"signed": DAY}, as_of=DAY)).truth is T
    early = evaluate("signed", Facts({"signed": DAY}, as_of=dt.date(2025, 5, 31)))
    assert early.truth is F
    assert early.reasons == ("signed: dated 2025-06-01, after 2025-05-31",)
    assert evaluate("signed < 2025-07-01", signed).truth is T


@pytest.mark.parametrize(
    ("condition", "as_of", "truth"),
    [
        (Before(DAY), dt.date(2025, 5, 31), T),
        (Before(DAY), DAY, F),
        (After(DAY), DAY, F),
        (After(DAY), dt.date(2025, 6, 2), T),
    ],
)
def test_before_and_after_compare_with_as_of(condition: Condition, as_of: dt.date, truth: Truth) -> None:
    assert evaluate(condition, Facts({}, as_of=as_of)).truth is truth


def test_before_and_after_are_unknown_without_as_of() -> None:
    result = evaluate("before 2025-06-01", Facts({}))
    assert result.truth is U
    assert result.reasons == ("before 2025-06-01: no evaluation date (Facts.as_of)",)


def test_in_force_needs_a_framework() -> None:
    result = evaluate('in_force("uk-troops")', Facts({}))
    assert result.truth is U
    assert "needs a framework" in result.reasons[0]


def test_evaluate_accepts_text_and_plain_mappings() -> None:
    assert evaluate("troops >= 5000 or un_mandate", {"troops": 8000}).truth is T


# --- Facts ---------------------------------------------------------------------------------


def test_facts_are_immutable_sorted_and_hashable() -> None:
    f = Facts({"b": 1, "a": True}, as_of=DAY)
    assert list(f.values) == ["a", "b"]
    with pytest.raises(TypeError):
        f.values["c"] = 1  # type: ignore[index]
    assert f == Facts({"a": True, "b": 1}, as_of=DAY)
    assert hash(f) == hash(Facts({"a": True, "b": 1}, as_of=DAY))
    assert repr(f) == "Facts({'a': True, 'b': 1}, as_of=datetime.date(2025, 6, 1))"


def test_aware_datetimes_become_utc_dates() -> None:
    late = dt.datetime(2025, 6, 1, 23, 30, tzinfo=dt.timezone(dt.timedelta(hours=-5)))
    f = Facts({"signed": late}, as_of=late)
    assert f.values["signed"] == dt.date(2025, 6, 2)
    assert f.as_of == dt.date(2025, 6, 2)


@pytest.mark.parametrize(
    ("values", "message"),
    [
        ({"1abc": True}, "not a fact name"),
        ({"with space": True}, "not a fact name"),
        ({"and": True}, "keyword"),
        ({"x": None}, "not a bool, number, string or date"),
        ({"x": [1]}, "not a bool, number, string or date"),
        ({"x": float("nan")}, "not finite"),
        ({"x": Decimal("Infinity")}, "not finite"),
        ({"x": dt.datetime(2025, 1, 1)}, "naive datetime"),
        ({1: True}, "not a fact name"),
    ],
)
def test_facts_refuse_bad_names_and_values(values: Mapping[Any, Any], message: str) -> None:
    with pytest.raises(ValidationError, match=message):
        Facts(values)


def test_facts_list_every_problem() -> None:
    with pytest.raises(ValidationError) as caught:
        Facts({"and": True, "x": None, "ok": 1})
    assert len(caught.value.problems) == 2


def test_facts_refuse_non_mappings_and_naive_as_of() -> None:
    with pytest.raises(ValidationError, match="mapping"):
        Facts([("a", True)])  # type: ignore[arg-type]
    with pytest.raises(ValidationError, match="naive"):
        Facts({}, as_of=dt.datetime(2025, 1, 1))
    with pytest.raises(ValidationError, match="not a date"):
        Facts({}, as_of="2025-01-01")  # type: ignore[arg-type]


# --- Evaluation ------------------------------------------------------------------------------


def test_explain_reads_well() -> None:
    result = evaluate(
        'settlement_signed and (un_mandate or legal_basis == "bilateral") and troops >= 5000',
        known(settlement_signed=True, legal_basis="multilateral", troops="many"),
    )
    assert result.explain() == "\n".join(
        [
            'UNKNOWN  settlement_signed and (un_mandate or legal_basis == "bilateral") and troops >= 5000',
            "  missing: un_mandate",
            '  unmet: legal_basis == "bilateral"',
            "  because: troops >= 5000: troops is string 'many', compared with a number",
        ]
    )


def test_evaluation_is_truthy_only_when_true() -> None:
    assert evaluate("a", known(a=True))
    assert not evaluate("a", known(a=False))
    assert not evaluate("a", Facts({}))


def test_evaluation_is_frozen() -> None:
    result = evaluate("a", Facts({}))
    with pytest.raises(AttributeError):
        result.truth = T  # type: ignore[misc]
    assert isinstance(result, Evaluation)


# --- properties ------------------------------------------------------------------------------


@st.composite
def condition_and_facts(draw: st.DrawFn) -> tuple[Condition, Facts, Facts]:
    """A condition, facts about some of its facts, and more facts extending those."""
    condition = draw(conditions(max_leaves=6))
    names = tuple(sorted(facts_of(condition))) or ("unused",)
    partial = draw(facts(names))
    extra = draw(facts(names))
    merged = Facts({**extra.values, **partial.values}, as_of=partial.as_of)  # as_of is context, not knowledge
    return condition, partial, merged


@settings(max_examples=120, deadline=None)
@given(condition_and_facts())
def test_learning_more_never_changes_a_decided_result(case: tuple[Condition, Facts, Facts]) -> None:
    condition, partial, more = case
    before = evaluate(condition, partial)
    after = evaluate(condition, more)
    if before.truth is not U:
        assert after.truth is before.truth
    if before.truth is T:
        assert (before.unknown, before.unmet, before.reasons) == ((), (), ())
    if before.truth is F:
        assert before.unknown == ()
    assert set(before.unknown) <= facts_of(condition) - set(partial.values)


@settings(max_examples=100, deadline=None)
@given(conditions(max_leaves=6), st.data())
def test_negation_flips_the_truth(condition: Condition, data: st.DataObject) -> None:
    names = tuple(sorted(facts_of(condition))) or ("unused",)
    f = data.draw(facts(names))
    assert evaluate(Not(condition), f).truth is ~evaluate(condition, f).truth


# --- what would it take ------------------------------------------------------------------------

basis = Compare("legal_basis", "==", "bilateral")
signed, mandate = Fact("settlement_signed"), Fact("un_mandate")
SCENARIO = 'settlement_signed and (un_mandate or legal_basis == "bilateral")'


def test_what_would_it_take_the_scenario() -> None:
    assert what_would_it_take(SCENARIO) == ((signed, mandate), (signed, basis))


def test_known_true_leaves_are_satisfied_and_known_false_ones_unusable() -> None:
    assert what_would_it_take(SCENARIO, known(settlement_signed=True)) == ((mandate,), (basis,))
    assert what_would_it_take(SCENARIO, known(un_mandate=False)) == ((signed, basis),)
    assert what_would_it_take(SCENARIO, known(legal_basis="multilateral")) == ((signed, mandate),)


def test_already_true_needs_nothing_and_impossible_has_no_sets() -> None:
    assert what_would_it_take(SCENARIO, known(settlement_signed=True, un_mandate=True)) == ((),)
    assert what_would_it_take(SCENARIO, known(settlement_signed=False)) == ()


def test_sets_are_minimal() -> None:
    assert what_would_it_take("a or a and b") == ((a,),)
    assert what_would_it_take("(a or b) and (a or c)") == ((a,), (b, c))


def test_at_least_lists_every_combination() -> None:
    assert what_would_it_take("at least 2 of (a, b, c)") == ((a, b), (a, c), (b, c))
    assert what_would_it_take("at least 2 of (a, b, c)", known(b=True)) == ((a,), (c,))


def test_negations_are_pushed_to_the_leaves() -> None:
    assert what_would_it_take("not (a and b)") == ((Not(a),), (Not(b),))
    assert what_would_it_take("not (a or x == 1)") == ((Not(a), Compare("x", "!=", 1)),)
    assert what_would_it_take('not basis in ["un"] and not n < 5') == (
        (Compare("basis", "not in", ("un",)), Compare("n", ">=", 5)),
    )
    assert what_would_it_take("not at least 2 of (a, b, c)") == (
        (Not(a), Not(b)),
        (Not(a), Not(c)),
        (Not(b), Not(c)),
    )
    assert what_would_it_take("not before 2025-01-01") == ((Not(Before(dt.date(2025, 1, 1))),),)


def test_contradictory_sets_are_dropped() -> None:
    assert what_would_it_take("x == 1 and x == 2") == ()
    assert what_would_it_take("x == 1 and x > 5") == ()
    assert what_would_it_take("a and not a") == ()
    assert what_would_it_take("(x == 1 or y) and (x == 2 or z)") == (
        (Compare("x", "==", 1), Fact("z")),
        (Fact("y"), Compare("x", "==", 2)),
        (Fact("y"), Fact("z")),
    )


def test_limit_caps_the_number_of_sets() -> None:
    wide = " and ".join(f"(a{i} or b{i})" for i in range(12))  # 4096 minimal sets
    sets = what_would_it_take(wide, limit=5)
    assert len(sets) == 5
    assert all(len(s) == 12 for s in sets)
    assert len(what_would_it_take(wide)) == 16
    with pytest.raises(ValidationError):
        what_would_it_take("a", limit=0)


@settings(max_examples=120, deadline=None)
@given(condition_and_facts())
def test_what_would_it_take_agrees_with_evaluate(case: tuple[Condition, Facts, Facts]) -> None:
    condition, partial, _ = case
    truth = evaluate(condition, partial).truth
    sets = what_would_it_take(condition, partial)
    if truth is T:
        assert sets == ((),)
    if truth is F:
        assert sets == ()
    for one, other in itertools.permutations(sets, 2):
        assert not set(one) <= set(other)
    for leaves in sets:
        for leaf in leaves:
            assert evaluate(leaf, partial).truth is U
        pins = _pins(leaves)
        if pins is not None and truth is U:
            # Making every leaf of the set true makes the condition true.
            assert evaluate(condition, Facts({**partial.values, **pins}, as_of=partial.as_of)).truth is T


def _pins(leaves: tuple[Condition, ...]) -> dict[str, Any] | None:
    pins: dict[str, Any] = {}
    for leaf in leaves:
        if isinstance(leaf, Fact):
            pins[leaf.name] = True
        elif isinstance(leaf, Not) and isinstance(leaf.item, Fact):
            pins[leaf.item.name] = False
        elif isinstance(leaf, Compare) and leaf.op == "==":
            pins[leaf.fact] = leaf.value
        else:
            return None
    return pins


# --- frameworks --------------------------------------------------------------------------------

ACTORS = [Actor(id="GBR", name="United Kingdom"), Actor(id="FRA", name="France"), Actor(id="USA", name="USA")]


def commitment(id: str, conditions: str | None = None, **fields: Any) -> Commitment:
    fields.setdefault("status", CommitmentStatus.SIGNALLED)
    return Commitment(
        id=id,
        actor=fields.pop("actor", "GBR"),
        kind=fields.pop("kind", CommitmentKind.GROUND_TROOPS),
        conditions=parse_condition(conditions) if conditions else None,
        **fields,
    )


def framework(*commitments: Commitment, positions: tuple[Position, ...] = ()) -> Framework:
    return Framework(
        id="fw",
        title="Post-war security guarantees",
        actors=ACTORS,
        issues=[Issue(id="troops", title="Deploy troops")],
        commitments=commitments,
        positions=positions,
    )


def test_framework_evaluates_every_commitment_in_order() -> None:
    fw = framework(
        commitment("uk-troops", SCENARIO),
        commitment("fr-troops", 'in_force("uk-troops") and un_mandate', actor="FRA"),
        commitment("us-aid", None, actor="USA", kind=CommitmentKind.MILITARY_AID, status="pledged"),
    )
    results = fw.evaluate(Facts({"settlement_signed": True, "un_mandate": True}))
    assert list(results) == ["uk-troops", "fr-troops", "us-aid"]
    assert all(r.truth is T for r in results.values())
    results = fw.evaluate(Facts({"settlement_signed": True}))
    assert results["uk-troops"].truth is U
    assert results["uk-troops"].unknown == ("legal_basis", "un_mandate")
    assert results["fr-troops"].truth is U
    assert results["fr-troops"].unknown == ("legal_basis", "un_mandate")
    assert results["us-aid"].truth is T
    assert results["us-aid"].condition is None


def test_in_force_resolves_through_the_framework() -> None:
    fw = framework(commitment("base", "a"), commitment("top", 'in_force("base") or b'))
    assert fw.evaluate(known(a=True))["top"].truth is T
    result = fw.evaluate(known(a=False, b=False))["top"]
    assert result.truth is F
    assert result.unmet == (InForce("base"), b)
    result = fw.evaluate(known(b=False))["top"]
    assert (result.truth, result.unknown) == (U, ("a",))


def test_ended_statuses_never_activate() -> None:
    for status in ("withdrawn", "expired", "declined", "breached"):
        fw = framework(commitment("c", "a", status=status), commitment("d", 'in_force("c")'))
        results = fw.evaluate(known(a=True))
        assert results["c"].truth is F
        assert results["c"].reasons == (f"status is {status}",)
        assert results["d"].truth is F
        assert results["d"].reasons == (f'in_force("c"): status is {status}',)


def test_signalled_commitments_would_activate_unless_a_higher_status_is_required() -> None:
    fw = framework(commitment("c", "a", status="signalled"), commitment("d", "a", status="agreed"))
    results = fw.evaluate(known(a=True))
    assert results["c"].truth is T
    firm = fw.evaluate(known(a=True), min_status=CommitmentStatus.AGREED)
    assert firm["c"].truth is F
    assert firm["c"].reasons == ("status is signalled, below agreed",)
    assert firm["d"].truth is T
    assert fw.evaluate(known(a=True), min_status="agreed") == firm  # the value, as constructors take
    assert fw.what_would_it_take("c", {}, min_status="signalled") == ((Fact("a"),),)
    with pytest.raises(
        ValidationError, match="min_status: <CommitmentStatus.WITHDRAWN: 'withdrawn'> is not one of"
    ):
        fw.evaluate(known(a=True), min_status=CommitmentStatus.WITHDRAWN)
    with pytest.raises(
        ValidationError, match="min_status: 'agred' is not one of signalled, proposed, pledged"
    ):
        fw.evaluate(known(a=True), min_status="agred")


def test_status_is_read_on_the_evaluation_date() -> None:
    history = (
        StatusChange(date=dt.date(2025, 1, 1), status=CommitmentStatus.PLEDGED),
        StatusChange(date=dt.date(2025, 3, 1), status=CommitmentStatus.WITHDRAWN),
    )
    fw = framework(commitment("c", "a", status="withdrawn", history=history))
    assert fw.evaluate(Facts({"a": True}, as_of=dt.date(2025, 2, 1)))["c"].truth is T
    assert fw.evaluate(Facts({"a": True}, as_of=dt.date(2025, 4, 1)))["c"].truth is F
    early = fw.evaluate(Facts({"a": True}, as_of=dt.date(2024, 1, 1)))["c"]
    assert early.reasons == ("not yet made on 2024-01-01",)


def test_reference_cycles_are_unknown_and_named() -> None:
    fw = framework(
        commitment("a1", 'in_force("b1") and x'),
        commitment("b1", 'in_force("a1")'),
        commitment("self", 'in_force("self") or y'),
        commitment("outside", 'in_force("a1") or z'),
    )
    results = fw.evaluate(known(x=True))
    assert results["a1"].truth is U
    assert results["a1"].reasons == ('in_force("b1"): reference cycle a1 → b1 → a1',)
    assert results["b1"].truth is U
    assert results["b1"].reasons == ('in_force("a1"): reference cycle b1 → a1 → b1',)
    assert results["self"].reasons == ('in_force("self"): reference cycle self → self',)
    assert results["outside"].truth is U
    # A cycle never blocks what the facts decide.
    results = fw.evaluate(known(x=False, y=True, z=True))
    assert results["a1"].truth is F
    assert results["self"].truth is T
    assert results["outside"].truth is T


def test_results_do_not_depend_on_the_order_of_commitments() -> None:
    items = [
        commitment("a1", 'in_force("b1") or x'),
        commitment("b1", 'in_force("a1") and y'),
        commitment("c1", 'in_force("b1")'),
    ]
    facts_ = known(x=True, y=True)
    first = framework(*items).evaluate(facts_)
    second = framework(*reversed(items)).evaluate(facts_)
    assert dict(first) == dict(second)


def test_long_reference_chains_do_not_recurse() -> None:
    n = 3000
    chain = [commitment("c0", "a")]
    chain += [commitment(f"c{i}", f'in_force("c{i - 1}")') for i in range(1, n)]
    fw = framework(*reversed(chain))
    assert fw.evaluate(known(a=True))[f"c{n - 1}"].truth is T
    assert fw.what_would_it_take(f"c{n - 1}") == ((a,),)


def test_event_relative_periods_resolve_from_fact_dates() -> None:
    five_years = Period(after="settlement_signed", duration="P5Y")
    fw = framework(commitment("c", "settlement_signed", period=five_years))
    result = fw.evaluate(Facts({"settlement_signed": dt.date(2025, 6, 1)}))["c"]
    assert (result.truth, result.starts, result.ends) == (T, dt.date(2025, 6, 1), dt.date(2030, 5, 31))
    assert "applies: 2025-06-01 to 2030-05-31" in result.explain()
    last = fw.evaluate(Facts({"settlement_signed": dt.date(2025, 6, 1)}, as_of=dt.date(2030, 5, 31)))["c"]
    assert last.truth is T
    anniversary = fw.evaluate(Facts({"settlement_signed": dt.date(2025, 6, 1)}, as_of=dt.date(2030, 6, 1)))
    assert anniversary["c"].truth is F
    later = fw.evaluate(Facts({"settlement_signed": dt.date(2025, 6, 1)}, as_of=dt.date(2031, 1, 1)))["c"]
    assert later.truth is F
    assert later.reasons == ("2031-01-01 is outside its period (after settlement_signed, for P5Y)",)
    undated = fw.evaluate(Facts({"settlement_signed": True}, as_of=dt.date(2026, 1, 1)))["c"]
    assert undated.truth is U
    assert undated.starts is None
    assert "has no date" in undated.reasons[0]
    unknown = fw.evaluate(Facts({}, as_of=dt.date(2026, 1, 1)))["c"]
    assert unknown.unknown == ("settlement_signed",)


def test_delayed_event_relative_period() -> None:
    period = Period(after="settlement_signed", delay="12 months", duration="P10Y")
    fw = framework(commitment("c", None, period=period))
    result = fw.evaluate(Facts({"settlement_signed": dt.date(2024, 2, 29)}))["c"]
    assert (result.starts, result.ends) == (dt.date(2025, 2, 28), dt.date(2035, 2, 27))


def test_conditional_positions_are_evaluated_by_actor_and_issue() -> None:
    positions = (
        Position(
            actor="GBR", issue="troops", stance="willing", conditions=parse_condition("settlement_signed")
        ),
        Position(actor="USA", issue="troops", stance="reluctant"),
        Position(actor="FRA", issue="troops", stance="willing", conditions=parse_condition('in_force("uk")')),
    )
    fw = framework(commitment("uk", "settlement_signed"), positions=positions)
    results = fw.evaluate_positions(known(settlement_signed=True))
    assert list(results) == [("GBR", "troops"), ("FRA", "troops")]
    assert all(r.truth is T for r in results.values())


def test_framework_what_would_it_take_expands_references() -> None:
    fw = framework(
        commitment("uk", SCENARIO),
        commitment("fr", 'in_force("uk") and (eu_mandate or not us_veto)', actor="FRA"),
        commitment("gone", "a", status="withdrawn"),
        commitment("needs-gone", 'in_force("gone") or b'),
        commitment("cyc", 'in_force("cyc") or c'),
    )
    assert fw.what_would_it_take("uk") == ((signed, mandate), (signed, basis))
    eu, veto = Fact("eu_mandate"), Not(Fact("us_veto"))
    assert fw.what_would_it_take("fr", Facts({})) == (
        (signed, mandate, eu),
        (signed, mandate, veto),
        (signed, basis, eu),
        (signed, basis, veto),
    )
    assert fw.what_would_it_take("fr", known(settlement_signed=True, us_veto=False)) == ((mandate,), (basis,))
    assert fw.what_would_it_take("fr", known(settlement_signed=True, un_mandate=True, us_veto=False)) == ((),)
    assert fw.what_would_it_take("gone") == ()
    assert fw.what_would_it_take("needs-gone") == ((b,),)
    assert fw.what_would_it_take("cyc") == ((c,),)  # the cycle alone never puts it in force
    with pytest.raises(UnknownReferenceError):
        fw.what_would_it_take("nope")


def test_errors_are_accord_errors() -> None:
    with pytest.raises(AccordError):
        Facts({"and": 1})
    with pytest.raises(AccordError):
        evaluate("a and", Facts({}))


def test_evaluation_of_every_node_type_is_covered() -> None:
    condition = parse_condition(
        'a and (b or not c) and at least 1 of (x == 1, y in ["u"]) and before 2030-01-01 '
        'and after 2020-01-01 and in_force("k")'
    )
    kinds = {type(n) for n in walk(condition)}
    assert kinds == {AllOf, AnyOf, Not, Fact, AtLeast, Compare, Before, After, InForce}
    fw = framework(commitment("k", None), commitment("top", str(condition)))
    facts_ = Facts({"a": True, "b": False, "c": False, "x": 1}, as_of=dt.date(2025, 1, 1))
    assert fw.evaluate(facts_)["top"].truth is T


# --- review fixes ------------------------------------------------------------------------------


@pytest.mark.parametrize("thing", [5, None, 1.5, b"a", [Fact("a")], object()])
def test_evaluate_refuses_what_is_not_a_condition(thing: Any) -> None:
    with pytest.raises(ValidationError, match="is not a condition"):
        evaluate(thing, {})
    with pytest.raises(ValidationError, match="is not a condition"):
        what_would_it_take(thing)


def test_a_cycle_resolves_what_the_facts_decide() -> None:
    fw = framework(commitment("a", 'in_force("b") or y'), commitment("b", 'in_force("a")'))
    results = fw.evaluate(known(y=True))
    assert (results["a"].truth, results["b"].truth) == (T, T)
    assert results["b"].reasons == ()
    # a false member decides the others too
    fw = framework(commitment("a", 'in_force("b") and y'), commitment("b", 'in_force("a")'))
    results = fw.evaluate(known(y=False))
    assert (results["a"].truth, results["b"].truth) == (F, F)
    assert results["b"].unmet == (InForce("a"),)


def test_a_cycle_that_only_supports_itself_stays_unknown_without_looping() -> None:
    fw = framework(
        commitment("a", 'in_force("b")'),
        commitment("b", 'in_force("a")'),
        commitment("neg", 'not in_force("neg")'),
    )
    results = fw.evaluate(known(y=True))
    assert results["a"].truth is U
    assert results["a"].reasons == ('in_force("b"): reference cycle a → b → a',)
    assert results["b"].reasons == ('in_force("a"): reference cycle b → a → b',)
    assert results["neg"].truth is U
    assert results["neg"].reasons == ('in_force("neg"): reference cycle neg → neg',)
    assert fw.what_would_it_take("a") == ()
    assert fw.what_would_it_take("neg") == ()  # `not in_force("neg")` would count on its own truth


def test_a_long_cycle_is_named_in_short_and_its_members_share_what_they_wait_for() -> None:
    # pipeline trial: each member of a ring of 2,000 carried the whole ring as text (15,000
    # characters each), and a ring of 20,000 took 301 s to evaluate
    n = 3000
    fw = framework(
        *(commitment(f"c{i}", f'x{i} and (in_force("c{(i + 1) % n}") or y > {i})') for i in range(n))
    )
    results = fw.evaluate(known(x1=True))
    assert results["c0"].reasons == (
        'in_force("c1"): reference cycle c0 → c1 → … → c0 (among 3000 commitments that refer to one another)',
    )
    assert results["c0"].unknown == tuple(sorted({f"x{i}" for i in range(n) if i != 1} | {"y"}))
    assert all(results[f"c{i}"].unknown is results["c0"].unknown for i in range(n))  # one tuple, shared
    # a cycle that closes within a few steps is shown whole, a longer one abbreviated
    ring = framework(*(commitment(f"r{i}", f'in_force("r{(i + 1) % 5}")') for i in range(5)))
    assert ring.evaluate(known())["r0"].reasons == (
        'in_force("r1"): reference cycle r0 → r1 → r2 → r3 → r4 → r0',
    )
    ring = framework(*(commitment(f"r{i:02}", f'in_force("r{(i + 1) % 12:02}")') for i in range(12)))
    assert ring.evaluate(known())["r00"].reasons == (
        'in_force("r01"): reference cycle r00 → r01 → r02 → … → r11 → r00'
        " (among 12 commitments that refer to one another)",
    )


def test_an_abbreviated_cycle_names_the_size_of_its_group_not_of_the_cycle() -> None:
    # review: a 51-step cycle inside a group of 100 was said to be "a cycle of 100"
    links = {i: [(i + 1) % 100] for i in range(100)}
    links[50].append(0)
    fw = framework(
        *(commitment(f"c{i:03}", " or ".join(f'in_force("c{j:03}")' for j in links[i])) for i in range(100))
    )
    assert fw.evaluate(known())["c000"].reasons == (
        'in_force("c001"): reference cycle c000 → c001 → c002 → … → c050 → c000'
        " (among 100 commitments that refer to one another)",
    )


def test_a_cycle_is_found_at_once_among_many_references() -> None:
    # each of 150 commitments waits for three of all the others: the shortest cycle back is one step
    n = 150
    others = {i: ", ".join(f'in_force("c{j}")' for j in range(n) if j != i) for i in range(n)}
    fw = framework(*(commitment(f"c{i}", f"at least 3 of ({others[i]})") for i in range(n)))
    results = fw.evaluate(known())
    assert results["c0"].truth is U
    assert results["c0"].reasons[0] == 'in_force("c1"): reference cycle c0 → c1 → c0'
    assert len(results["c0"].reasons) == n - 1


def test_an_open_cycle_names_the_facts_it_waits_for() -> None:
    fw = framework(commitment("a", 'in_force("b") or y'), commitment("b", 'in_force("a") and z'))
    results = fw.evaluate(known())
    assert results["a"].truth is U
    assert results["a"].unknown == ("y", "z")
    assert results["b"].unknown == ("y", "z")
    assert results["b"].reasons == ('in_force("a"): reference cycle b → a → b',)
    # a reference that did not decide the result adds nothing
    fw = framework(commitment("a", 'in_force("b") and q or y'), commitment("b", 'in_force("a") and z'))
    results = fw.evaluate(known(q=False))
    assert results["b"].unknown == ("y", "z")
    assert results["a"].unknown == ("y",)


def test_what_would_it_take_expands_through_cycles() -> None:
    y, z = Fact("y"), Fact("z")
    fw = framework(commitment("a", 'in_force("b") or y'), commitment("b", 'in_force("a")'))
    assert fw.what_would_it_take("b") == ((y,),)
    assert fw.what_would_it_take("a") == ((y,),)
    assert fw.what_would_it_take("b", known(y=True)) == ((),)
    ring = framework(
        commitment("r1", 'in_force("r2") or y'),
        commitment("r2", 'in_force("r3") and z'),
        commitment("r3", 'in_force("r1")'),
    )
    assert ring.what_would_it_take("r3") == ((y,),)
    assert ring.what_would_it_take("r1") == ((y,),)
    assert ring.what_would_it_take("r2") == ((y, z),)


@pytest.mark.parametrize(
    "facts_",
    [known(), known(x=True), known(x=False)],
    ids=["nothing", "x", "not-x"],
)
def test_cycle_results_are_the_least_fixpoint(facts_: Facts) -> None:
    # Reference: iterate every member from UNKNOWN until nothing changes.
    conditions_ = {
        "p": 'in_force("q") or x',
        "q": 'in_force("p") and in_force("r")',
        "r": 'not in_force("s") or in_force("q")',
        "s": 'in_force("r") and not x',
    }
    truths = dict.fromkeys(conditions_, U)
    for _ in range(2 * len(conditions_)):
        values = dict(facts_.values)
        for name, truth in truths.items():
            if truth is not U:
                values[f"in_force_{name}"] = truth is T
        step = {
            name: evaluate(
                parse_condition(text.replace('in_force("', "in_force_").replace('")', "")), values
            ).truth
            for name, text in conditions_.items()
        }
        if step == truths:
            break
        truths = step
    fw = framework(*(commitment(name, text) for name, text in conditions_.items()))
    assert {name: r.truth for name, r in fw.evaluate(facts_).items()} == truths


def test_long_reference_rings_are_bounded() -> None:
    n = 1000
    ring = [commitment("c0", f'in_force("c{n - 1}") or a')]
    ring += [commitment(f"c{i}", f'in_force("c{i - 1}")') for i in range(1, n)]
    fw = framework(*ring)
    start = time.perf_counter()
    assert all(r.truth is T for r in fw.evaluate(known(a=True)).values())
    assert fw.evaluate(known(a=False))["c7"].truth is U
    assert fw.what_would_it_take("c123") == ((a,),)
    assert time.perf_counter() - start < 30  # generous: catches runaway work, not a benchmark


def test_huge_fact_values_are_refused() -> None:
    with pytest.raises(ValidationError, match=r"Facts.values\['x'\]: .*digits"):
        Facts({"x": 10**5000})
    with pytest.raises(ValidationError, match=r"Facts.values\['x'\]"):
        Facts({"x": Decimal("1e100000")})
    assert Facts({"x": 10**299}).values["x"] == 10**299


def test_what_would_it_take_does_not_use_known_facts_that_do_not_compare() -> None:
    # A0 is known, as a number: `A0` (true/false expected) is unknown, but no further fact
    # makes it true or false; only `A0 in [1]`, false, speaks about A0.
    condition = Not(AtLeast(1, [Fact("A0"), Compare("A0", "in", (1,))]))
    known = Facts({"A0": 0})
    assert evaluate(condition, known).truth is U
    assert what_would_it_take(condition, known) == ()
    assert what_would_it_take("troops > 5000 or un_mandate", {"troops": "many"}) == ((Fact("un_mandate"),),)
    # Missing, it still cannot help: `not A0` needs false, `A0 not in [1]` a number.
    assert what_would_it_take(condition, {}) == ()
    assert what_would_it_take("not A0 and A1 not in [1]", {}) == (
        (Not(Fact("A0")), Compare("A1", "not in", (1,))),
    )


# --- second review -----------------------------------------------------------------------------


def test_facts_equality_tells_booleans_from_numbers() -> None:
    assert Facts({"x": True}) != Facts({"x": 1})
    assert Facts({"x": False}) != Facts({"x": 0})
    assert evaluate("x == 1", Facts({"x": True})).truth is not evaluate("x == 1", Facts({"x": 1})).truth
    # Numbers are equal as evaluation compares them: exactly, floats by their shortest spelling.
    assert Facts({"x": 1}) == Facts({"x": Decimal(1)}) == Facts({"x": 1.0})
    assert Facts({"x": 0.1}) == Facts({"x": Decimal("0.1")})
    assert hash(Facts({"x": 0.1})) == hash(Facts({"x": Decimal("0.1")}))
    assert Facts({"x": 1}) != Facts({"x": "1"})
    assert Facts({"x": True, "y": 2}) == Facts({"y": 2, "x": True})
    assert Facts({"x": True}) != Facts({"x": True}, as_of=DAY)


def test_a_plain_mapping_of_facts_is_named_after_the_argument() -> None:
    # the caller passed `facts=`, not a Facts: the message says so
    with pytest.raises(ValidationError, match=r"^facts\['x'\]: \[1\] is not a bool, number, string or date$"):
        evaluate("x", {"x": [1]})  # type: ignore[dict-item]
    with pytest.raises(ValidationError, match="^facts: expected a mapping of fact names, got 5$"):
        what_would_it_take("x", 5)  # type: ignore[arg-type]
    with pytest.raises(ValidationError, match=r"^facts\['1x'\]: "):
        framework(commitment("c", "x")).evaluate({"1x": True})
    with pytest.raises(ValidationError, match=r"^Facts.values\['x'\]: "):
        Facts({"x": [1]})  # type: ignore[dict-item]
    # as every constructor: not a character, cannot be written
    with pytest.raises(ValidationError, match=r"^facts\['x'\]: 'a\\ud800' contains a lone UTF-16 surrogate$"):
        evaluate("x", {"x": "a\ud800"})


@pytest.mark.parametrize(
    ("text", "name"),
    [("9999-12-31T23:00-05:00", "Facts.values['x']"), ("0001-01-01T01:00+05:00", "Facts.values['x']")],
)
def test_facts_refuse_aware_datetimes_without_a_utc_date(text: str, name: str) -> None:
    moment = dt.datetime.fromisoformat(text)
    message = rf"{re.escape(name)}: '{re.escape(moment.isoformat())}' is out of range: its UTC date"
    with pytest.raises(ValidationError, match=message):
        Facts({"x": moment})
    with pytest.raises(
        ValidationError, match=rf"Facts.as_of: '{re.escape(moment.isoformat())}' is out of range"
    ):
        Facts({}, as_of=moment)


def test_subclasses_of_node_classes_evaluate_like_their_base() -> None:
    class G(AllOf):
        pass

    class N(Not):
        pass

    class E(Fact):
        pass

    class K(Compare):
        pass

    condition = G(items=(Fact("a"), N(E("b")), AnyOf(items=(K("x", ">", 5), InForce("k")))))
    facts_ = Facts({"a": True, "b": False, "x": 6})
    assert evaluate(condition, facts_).truth is T
    assert evaluate(condition, Facts({"a": True, "b": True})).unmet == (N(E("b")),)
    assert what_would_it_take(condition) == (
        (a, Not(E("b")), K("x", ">", 5)),
        (a, Not(E("b")), InForce("k")),
    )
    assert what_would_it_take(N(condition), {"a": True, "x": 1}) == ((E("b"),), (Not(InForce("k")),))
    top = Commitment(id="top", actor="GBR", kind="ground_troops", status="signalled", conditions=condition)
    fw = framework(commitment("k", None), top)
    assert fw.evaluate(facts_)["top"].truth is T
    assert fw.what_would_it_take("top") == ((a, Not(E("b"))),)


def test_sets_that_no_values_satisfy_are_dropped() -> None:
    x, troops, un, eu = Fact("x"), Compare("troops", ">", 5000), Fact("un"), Fact("eu")
    assert what_would_it_take("x > 5 and x < 3") == ()
    assert what_would_it_take("(troops > 5000 or un) and (not troops > 5000 or eu)") == (
        (troops, eu),
        (un, Compare("troops", "<=", 5000)),
        (un, eu),
    )
    assert what_would_it_take("x >= 1 and x <= 1 and x != 1") == ()
    assert what_would_it_take("x >= 1 and x <= 1") == ((Compare("x", ">=", 1), Compare("x", "<=", 1)),)
    assert what_would_it_take("x > 1 and x < 2") == ((Compare("x", ">", 1), Compare("x", "<", 2)),)
    assert what_would_it_take("x in [1, 2] and x > 2") == ()
    assert what_would_it_take('x in [1, "a"] and x == "a"') != ()
    assert what_would_it_take("x in [1, 2] and x not in [1, 2]") == ()
    # dates are whole days
    assert what_would_it_take("d > 2025-01-01 and d < 2025-01-02") == ()
    assert what_would_it_take("d > 2025-01-01 and d < 2025-01-03") != ()
    assert what_would_it_take("d > 9999-12-31") == ()
    assert what_would_it_take("before 2025-01-02 and after 2025-01-01") == ()
    assert what_would_it_take("before 0001-01-01 or x") == ((x,),)
    # kinds: a bare fact is true or an event's date, its negation false or a later date
    assert what_would_it_take("not x and x > 5") == ()
    assert what_would_it_take("x and x == 2025-01-01") == ((Compare("x", "==", dt.date(2025, 1, 1)),),)
    assert what_would_it_take("not x and x == 2025-01-01") == ()
    # as of 2024, an event dated 2025 has not happened: `not x` holds, and comparisons of its
    # date are unknown, so no value makes both true (it made both true before)
    assert what_would_it_take("not x and x == 2025-01-01", Facts({}, as_of=dt.date(2024, 1, 1))) == ()
    assert what_would_it_take("x > 2024-06-01", Facts({}, as_of=dt.date(2024, 1, 1))) == ()
    assert what_would_it_take("x < 2024-06-01", Facts({}, as_of=dt.date(2024, 1, 1))) == (
        (Compare("x", "<", dt.date(2024, 6, 1)),),
    )
    assert what_would_it_take('s < ""') == ()
    assert what_would_it_take('s <= "" and s != ""') == ()
    assert what_would_it_take('in_force("k") and not in_force("k")') == ()


_GRID: dict[str, list[Any]] = {
    "a": [True, False, dt.date(2024, 12, 31), *(dt.date(2025, 1, day) for day in range(1, 5))],
    "x": [0, 1, 2.5, 3, 4, 4.5, 5, 5.5, 6, 7, True, False],
    "d": [dt.date(2024, 12, 31), *(dt.date(2025, 1, day) for day in range(1, 5))],
    "s": ["", "a", "a0", "b", "c", 1],
}
#: Evaluation dates tried when Facts.as_of is not given: around and after every date of the grid.
_AS_OF_GRID = [dt.date(2024, 12, 30), dt.date(2024, 12, 31), *(dt.date(2025, 1, day) for day in range(1, 6))]
#: Events and the evaluation date: leaves on ``a`` and ``before``/``after``.
_EVENT_LEAVES = [
    *(f"{'not ' * n}{leaf}" for n in (0, 1) for leaf in ("a", "a == 2025-01-03", "a < 2025-01-02")),
    *("a != 2025-01-01", "before 2025-01-02", "after 2025-01-01", "not before 2025-01-03", "d > 2025-01-01"),
]
_LEAVES = [
    *_EVENT_LEAVES,
    *("x > 5", "x < 3", "x == 4", "x != 4", "x in [1, 4]", "x <= 5", "x >= 5", "x < 6", "x == true"),
    *("d > 2025-01-01", "d < 2025-01-03", "d == 2025-01-02", "d not in [2025-01-02, 2025-01-03]"),
    *('s < "b"', 's == "a"', 's >= "a"', 's <= ""', 's in ["b", 1]', 's != "a"'),
]


def _dates(values: Mapping[str, Any]) -> list[dt.date]:
    return [v for v in values.values() if isinstance(v, dt.date)]


@pytest.mark.parametrize(
    ("seed", "leaves"), [(seed, leaves) for seed in range(3) for leaves in ("all", "events")]
)
def test_what_would_it_take_against_brute_force_over_values(seed: int, leaves: str) -> None:
    """Each set is met by some values that make the condition true; each such values meet a set.

    Some facts are known. Without ``Facts.as_of`` the evaluation date is free too: a set is sound
    when some date makes it and the condition true, and complete for every date on or after the
    events the values date (evaluation without a date counts them as having happened).
    """
    import random

    rng = random.Random(seed)
    for _ in range(100):
        condition = parse_condition(
            random_condition(rng, _LEAVES if leaves == "all" else _EVENT_LEAVES, leaf_chance=0.3)
        )
        as_of = rng.choice([None, dt.date(2025, 1, 2)])
        names = sorted(facts_of(condition))
        known = {n: rng.choice(_GRID[n]) for n in names if rng.random() < 0.4}
        sets = what_would_it_take(condition, Facts(known, as_of=as_of), limit=10_000)
        free = [n for n in names if n not in known]
        assignments = [
            {**known, **{n: v for n, v in zip(free, values, strict=True) if v is not None}}
            for values in itertools.product(*([None, *_GRID[n]] for n in free))
        ]
        worlds = [
            Facts(values, as_of=day)
            for values in assignments
            for day in ([as_of] if as_of is not None else [None, *_AS_OF_GRID])
        ]
        making_true = [w for w in worlds if evaluate(condition, w).truth is T]
        events = {node.name for node in walk(condition) if isinstance(node, Fact)}
        for world in making_true:  # complete: whatever makes it true meets some set
            if as_of is None and world.as_of is not None:
                dated = _dates({n: v for n, v in world.values.items() if n in events})
                if any(day > world.as_of for day in dated):
                    continue  # an event read as a bare fact that has not happened by the date tried
            assert any(all(evaluate(leaf, world) for leaf in s) for s in sets), (
                condition,
                known,
                world,
                sets,
            )
        for s in sets:  # sound: no contradictory set (every set is met on the grid, which is rich enough)
            assert any(all(evaluate(leaf, w) for leaf in s) for w in making_true), (condition, known, s)


def test_sets_that_entail_others_only_by_the_evaluation_date_are_left_out() -> None:
    # review: on 10 March every date `x >= 2025-01-01` allows is by 10 March, so before April
    on = Facts({}, as_of=dt.date(2025, 3, 10))
    by_april = Compare("x", "<=", dt.date(2025, 3, 31))
    assert what_would_it_take("x <= 2025-03-31 or (x >= 2025-01-01 and y)", on) == ((by_april,),)
    assert what_would_it_take("x or (x >= 2025-01-01 and y)", on) == ((Fact("x"),),)
    # within a set, the end of a window stays (it says the event happened by then, in words)
    window = (Compare("x", ">=", dt.date(2025, 1, 1)), Compare("x", "<=", dt.date(2025, 3, 10)))
    assert what_would_it_take("x >= 2025-01-01 and x <= 2025-03-10", on) == (window,)


def test_an_event_after_the_evaluation_date_compares_as_unknown() -> None:
    # pledge-tracker trial: "signed < 2025-04-01" was true on 10 March for a signing on 20 March
    replay = Facts({"signed": dt.date(2025, 3, 20)}, as_of=dt.date(2025, 3, 10))
    reason = "signed is dated 2025-03-20, after 2025-03-10"
    for text in (
        "signed < 2025-04-01",
        "signed >= 2025-03-01",
        "signed == 2025-03-20",
        "signed != 2025-03-05",
    ):
        result = evaluate(text, replay)
        assert result.truth is U, text
        assert result.reasons == (f"{text}: {reason}",)
        assert evaluate(f"not ({text})", replay).truth is U  # the same as the flipped comparison
    assert evaluate("signed", replay).truth is F
    assert evaluate("not signed", replay).truth is T
    # on the day and after, the comparisons are as usual; without a date the event has happened
    for day in (dt.date(2025, 3, 20), dt.date(2025, 3, 25)):
        assert evaluate("signed < 2025-04-01", Facts(replay.values, as_of=day)).truth is T
    assert evaluate("signed < 2025-04-01", Facts(replay.values)).truth is T
    assert evaluate("signed < 2025-03-01", replay.values).truth is F
    # nothing the facts leave open makes it true that day
    assert what_would_it_take("signed < 2025-04-01", replay) == ()


def test_a_dated_event_counts_as_happened_without_an_evaluation_date() -> None:
    # evaluation without as_of counts the settlement as signed: a date before it cannot do
    signed = Facts({"settlement_signed": dt.date(2026, 3, 1)})
    assert evaluate(parse_condition("settlement_signed"), signed).truth is T
    assert what_would_it_take("settlement_signed and before 2026-01-01", signed) == ()
    assert what_would_it_take("settlement_signed and before 2026-06-01", signed) == (
        (Before(dt.date(2026, 6, 1)),),
    )
    assert what_would_it_take("settlement_signed or before 2026-01-01", signed) == ((),)
    assert what_would_it_take("not settlement_signed and before 2026-01-01", signed) == ()
    # an event the set dates counts the same way, and the set says it must have happened
    assert what_would_it_take("a and a == 2025-01-03 and before 2025-01-02") == ()
    assert what_would_it_take("a and a == 2025-01-03 and before 2025-01-04") == (
        (a, Compare("a", "==", dt.date(2025, 1, 3)), Before(dt.date(2025, 1, 4))),
    )
    # ... unless the others already imply it on every date the set allows
    assert what_would_it_take("a and a < 2025-01-02 and after 2025-01-03") == (
        (Compare("a", "<", dt.date(2025, 1, 2)), After(dt.date(2025, 1, 3))),
    )
    # without before/after nothing waits on the date: a dated event is simply true
    ab = ", ".join(["a", "b", *(f"x{i}" for i in range(1, 13))])
    wide = f"(at least 2 of ({ab})) or (p and q and r)"
    assert what_would_it_take(wide, {"a": dt.date(2025, 1, 1)}) == what_would_it_take(wide, {"a": True})
    assert what_would_it_take(wide, {"a": True})[-1] == (Fact("p"), Fact("q"), Fact("r"))
    # a comparison alone needs the event to have happened as well (it was proposed before)
    assert what_would_it_take("a == 2025-01-03 and before 2025-01-02") == ()
    assert what_would_it_take("a != 2025-01-03 and before 2025-01-02") == (
        (Compare("a", "!=", dt.date(2025, 1, 3)), Before(dt.date(2025, 1, 2))),
    )
    # with a date, the usual rules: the settlement is after as_of, so not signed yet
    later = Facts(signed.values, as_of=dt.date(2025, 12, 1))
    assert what_would_it_take("settlement_signed", later) == ()
    assert what_would_it_take("not settlement_signed", later) == ((),)


def test_frameworks_leave_out_the_marks_of_dated_events() -> None:
    signed = Facts({"signed": dt.date(2025, 1, 1)})
    fw = framework(commitment("c", "signed or x"), commitment("d", "signed and before 2024-06-01 or x"))
    assert fw.evaluate(signed)["c"].truth is T
    assert fw.what_would_it_take("c", signed) == ((),)
    assert fw.what_would_it_take("d", signed) == ((Fact("x"),),)
    # a reference evaluation decides still carries its events: written out, as inline
    behind = framework(commitment("c1", "b"), commitment("c3", 'in_force("c1") and before 2025-01-02'))
    b_dated = Facts({"b": dt.date(2025, 1, 2)})
    assert behind.what_would_it_take("c3", b_dated) == ()
    assert what_would_it_take("b and before 2025-01-02", b_dated) == ()
    assert behind.what_would_it_take("c3", Facts({"b": dt.date(2024, 1, 2)})) == (
        (Before(dt.date(2025, 1, 2)),),
    )
    scenario = postwar_ukraine()
    settled = Facts({"settlement_signed": dt.date(2025, 6, 1)})
    assert scenario.what_would_it_take("gbr-training", settled) == scenario.what_would_it_take(
        "gbr-training", {"settlement_signed": True}
    )


def test_a_search_that_left_sets_aside_looks_wider_before_answering_nothing() -> None:
    # 64 alternatives fill the bound, and none joins `x == 1`: the 65th does
    alternatives = " or ".join(f"(x == 2 and e{i})" for i in range(64))
    assert what_would_it_take(f"x == 1 and ({alternatives} or (z and w))") == (
        (Compare("x", "==", 1), Fact("z"), Fact("w")),
    )
    dated = " or ".join(f"(e{i} and e{i} == 2026-03-01)" for i in range(64))
    assert what_would_it_take(f"before 2026-01-01 and ({dated} or (z and w))") == (
        (Before(dt.date(2026, 1, 1)), Fact("z"), Fact("w")),
    )
    fw = framework(commitment("c", f"x == 1 and ({alternatives} or (z and w))"))
    assert fw.what_would_it_take("c") == ((Compare("x", "==", 1), Fact("z"), Fact("w")),)


def test_wide_at_least_lists_the_first_combinations() -> None:
    items = [Fact(f"f{i}") for i in range(193)]
    wide = f"at least 97 of ({', '.join(map(str, items))})"
    expected = tuple(itertools.islice(itertools.combinations(items, 97), 16))
    assert what_would_it_take(wide) == expected
    assert what_would_it_take(wide, {"f0": True, "f2": False}, limit=2) == (
        (items[1], *items[3:98]),
        (items[1], *items[3:97], items[98]),
    )
    # items already true count; items reading one fact go through the general combination
    assert what_would_it_take("at least 2 of (a, t, a)", {"t": True}) == ((a,),)
    assert what_would_it_take("at least 2 of (a, b, x > 1, x > 2)") == (
        (Compare("x", ">", 2),),
        (a, b),
        (a, Compare("x", ">", 1)),
        (b, Compare("x", ">", 1)),
    )


def test_leaves_the_others_imply_are_left_out() -> None:
    assert what_would_it_take("x > 5 and x > 3") == ((Compare("x", ">", 5),),)
    assert what_would_it_take("x > 3 and x > 5") == ((Compare("x", ">", 5),),)
    assert what_would_it_take("x == 1 and x in [1]") == ((Compare("x", "==", 1),),)
    assert what_would_it_take("x in [1, 2] and x > 1") == (
        (Compare("x", "in", (1, 2)), Compare("x", ">", 1)),
    )
    # `x != 2` alone is true for a string too; with `x > 1` it adds something
    assert what_would_it_take("x > 1 and x != 2") == ((Compare("x", ">", 1), Compare("x", "!=", 2)),)
    # a bare fact is true for a dated event on or before as_of
    assert what_would_it_take("a and a <= 2025-01-01", Facts({}, as_of=DAY)) == (
        (Compare("a", "<=", dt.date(2025, 1, 1)),),
    )
    # a comparison of an event's date holds only on or before as_of too (after it, the event
    # has not happened yet), but the bare fact stays beside it, saying so in words
    assert what_would_it_take("a and a <= 2026-01-01", Facts({}, as_of=DAY)) == (
        (a, Compare("a", "<=", dt.date(2026, 1, 1))),
    )


def test_numpy_scalars_are_read_as_the_values_they_hold() -> None:
    # facts straight from a data frame's cells
    numpy = pytest.importorskip("numpy")
    facts = Facts({"x": numpy.float64(1.0), "n": numpy.int64(3), "ok": numpy.True_})
    assert facts == Facts({"x": 1.0, "n": 3, "ok": True})
    assert [type(v) for v in facts.values.values()] == [int, bool, float]
    assert evaluate(parse_condition("x > 5"), facts).truth is F
    assert evaluate(parse_condition("ok and n == 3"), facts).truth is T
    assert Facts({"d": numpy.datetime64("2025-01-02")}).values["d"] == dt.date(2025, 1, 2)
    with pytest.raises(ValidationError, match="is not a bool, number, string or date"):
        Facts({"d": numpy.datetime64("2025-01-02T00:00:00.000000000")})  # never its nanoseconds as a number


def test_a_period_from_an_event_known_not_to_have_happened_has_not_started() -> None:
    # evaluate and what_would_it_take agree: nothing can put it in force today
    fw = framework(commitment("c", "a", status="signalled"))
    period = Period(after="ceasefire", duration=Duration.parse("P5Y"))
    fw = attrs.evolve(fw, commitments=(attrs.evolve(fw.commitments[0], period=period),))
    facts = Facts({"a": True, "ceasefire": False}, as_of=dt.date(2026, 1, 1))
    result = fw.evaluate(facts)["c"]
    assert result.truth is F
    assert result.reasons == (
        "ceasefire has not happened, so its period (after ceasefire, for P5Y) has not started",
    )
    assert fw.what_would_it_take("c", facts) == ()


def test_an_empty_period_says_so() -> None:
    # pipeline trial: a P0D period read "applies: 2025-01-01 to 2024-12-31" and "outside its period"
    c = Commitment(
        id="c", actor="A", kind="training", status="pledged", period=Period(after="x", duration="P0D")
    )
    fw = Framework(id="f", title="t", actors=(Actor(id="A", name="a"),), commitments=(c,))
    for known_facts in (
        Facts({"x": dt.date(2025, 1, 1)}, as_of=dt.date(2025, 1, 1)),
        Facts({}, as_of=dt.date(2025, 1, 1)),
    ):
        result = fw.evaluate(known_facts)["c"]
        assert result.truth is Truth.FALSE
        assert result.reasons == ("its period (after x, for P0D) is empty: it lasts no day",)
    explained = fw.evaluate(Facts({"x": dt.date(2025, 1, 1)}, as_of=dt.date(2025, 1, 1)))["c"].explain()
    assert (
        explained.splitlines()[-1] == "  applies: no day (an empty period from 2025-01-01)"
    )  # not "to 2024-12-31"


def test_a_requirements_report_keeps_each_option_on_its_line() -> None:
    from accord.reports import requirements_report

    fw = framework(commitment("c", 'x == "a\nb" or y'))  # a line end inside the text
    assert requirements_report(fw, "c").splitlines() == [
        "What would put c in force (any one of):",
        '  - x == "a\\nb"',
        "  - y",
    ]


def test_a_wide_and_joins_its_items_of_one_set_at_once(monkeypatch: pytest.MonkeyPatch) -> None:
    # Joined one by one, each item copied the growing set: time grew with the square of the
    # width (an `and` of 100,000 facts took minutes). Now such items are joined as one union.
    from accord import _requirements

    joined: list[int] = []
    both = _requirements._Requirements.both

    def counting(self: Any, left: Any, right: Any, apart: bool = False) -> Any:
        joined.append(len(right))
        return both(self, left, right, apart)

    monkeypatch.setattr(_requirements._Requirements, "both", counting)
    items = [Fact(f"f{i}") for i in range(300)]
    assert what_would_it_take(AllOf(items)) == (tuple(items),)
    assert what_would_it_take(Not(AnyOf(items))) == (tuple(Not(item) for item in items),)
    assert joined == []
    # an item of several sets is joined with the union
    assert what_would_it_take(AllOf([*items, AnyOf([Fact("x"), Fact("y")])])) == (
        (*items, Fact("x")),
        (*items, Fact("y")),
    )
    assert joined == [2]
    # the union is checked as the joins were: values that cannot meet, events too late
    assert what_would_it_take("a and x == 1 and b and x == 2") == ()
    assert what_would_it_take("a and x > 1 and b and x < 3") == (
        (a, Compare("x", ">", 1), b, Compare("x", "<", 3)),
    )
    assert what_would_it_take("a and b and before 2026-01-01", {"a": dt.date(2026, 3, 1)}) == ()
    assert what_would_it_take("a and b and before 2026-01-01", {"a": dt.date(2025, 3, 1)}) == (
        (b, Before(dt.date(2026, 1, 1))),
    )
