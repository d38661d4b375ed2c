"""Framework.what_would_it_take against Framework.evaluate: periods, negated references, brute force."""

import datetime as dt
import itertools
import random
from typing import Any

import pytest
from _random_conditions import random_condition

from accord import (
    Actor,
    Commitment,
    Compare,
    Fact,
    Facts,
    Framework,
    InForce,
    Not,
    Period,
    Truth,
    evaluate,
    parse_condition,
)
from accord.conditions import Condition

T, F, U = Truth.TRUE, Truth.FALSE, Truth.UNKNOWN
AS_OF = dt.date(2025, 6, 1)
x = Fact("x")


def commitment(id: str, conditions: str | None = None, **fields: Any) -> Commitment:
    return Commitment(
        id=id,
        actor="A",
        kind="funding",
        status=fields.pop("status", "pledged"),
        conditions=parse_condition(conditions) if conditions else None,
        **fields,
    )


def fw(*commitments: Commitment, **conditions: str) -> Framework:
    """A framework of *commitments*, and of commitments id → condition text (status pledged)."""
    made = [*commitments, *(commitment(id, text) for id, text in conditions.items())]
    return Framework(id="f", title="t", actors=(Actor(id="A", name="a"),), commitments=made)


# --- 1. periods that start from an undated event ---------------------------------------------

ONE_YEAR = Period(after="signed", duration="P1Y")


DAY = dt.timedelta(days=1)


def _window(f: Framework, id: str, leaves: tuple[Condition, ...]) -> tuple[dt.date, dt.date]:
    """The event window `signed >= low`, `signed <= high` closing *leaves*, checked against evaluate."""
    *_, since, until = leaves
    assert isinstance(since, Compare)
    assert isinstance(until, Compare)
    assert (since.fact, since.op, until.fact, until.op) == ("signed", ">=", "signed", "<=")
    low, high = since.value, until.value
    assert isinstance(low, dt.date)
    assert isinstance(high, dt.date)
    # exactly the event dates from low to high put the period around AS_OF
    for day, inside in [(low - DAY, False), (low, True), (high, True), (high + DAY, False)]:
        period = f.commitment(id).period
        assert period is not None
        assert period.contains(AS_OF, {"signed": day}) is inside, (day, inside)
    return low, high


def test_a_period_waiting_for_its_event_needs_the_event_dated_inside_its_window() -> None:
    f = fw(commitment("c", period=ONE_YEAR))
    facts = Facts({}, as_of=AS_OF)
    assert f.evaluate(facts)["c"].truth is U
    ((*leaves,),) = f.what_would_it_take("c", facts)
    low, high = _window(f, "c", tuple(leaves))
    assert len(leaves) == 2
    assert high == AS_OF
    assert low == dt.date(2024, 6, 2)  # signed on 2024-06-01, its year ended on 2025-05-31
    for day, truth in [(low, T), (high, T), (low - DAY, F), (high + DAY, F)]:
        assert f.evaluate(Facts({"signed": day}, as_of=AS_OF))["c"].truth is truth
    # no evaluation date: the period is not checked
    assert f.what_would_it_take("c") == ((),)
    # known as true, without a date: the same window dates it (evaluation says unknown)
    happened = Facts({"signed": True}, as_of=AS_OF)
    assert f.evaluate(happened)["c"].truth is U
    window = (Compare("signed", ">=", low), Compare("signed", "<=", high))
    assert f.what_would_it_take("c", happened) == (window,)
    # known as anything else that is not a date: nothing further dates it
    assert f.what_would_it_take("c", Facts({"signed": "yes"}, as_of=AS_OF)) == ()
    assert f.what_would_it_take("c", Facts({"signed": False}, as_of=AS_OF)) == ()


def test_a_period_over_for_any_date_is_ruled_out_by_dating_its_event() -> None:
    # no date of the event puts AS_OF in the period; one known to have happened needs a date by AS_OF
    f = fw(
        commitment("c", period=Period(after="signed", end=dt.date(2020, 1, 1))),
        commitment("e", 'not in_force("c")'),
    )
    happened = Facts({"signed": True}, as_of=AS_OF)
    assert f.evaluate(happened)["e"].truth is U
    assert f.what_would_it_take("e", happened) == ((Compare("signed", "<=", AS_OF),),)
    assert f.evaluate(Facts({"signed": AS_OF}, as_of=AS_OF))["e"].truth is T


def test_ruling_out_a_period_whose_event_happened_dates_it_by_as_of() -> None:
    delayed = Period(after="signed", delay="P1M", duration="P1M")
    f = fw(commitment("c", period=delayed), commitment("e", 'not in_force("c")'))
    happened = Facts({"signed": True}, as_of=AS_OF)
    assert f.evaluate(happened)["e"].truth is U
    (early,), (late, by_now) = f.what_would_it_take("e", happened)
    assert isinstance(early, Compare)
    assert isinstance(late, Compare)
    assert (early.op, late.op, by_now) == ("<", ">", Compare("signed", "<=", AS_OF))
    cases = [(early.value, F), (early.value - DAY, T), (late.value, F), (late.value + DAY, T), (AS_OF, T)]
    for day, truth in cases:
        assert f.evaluate(Facts({"signed": day}, as_of=AS_OF))["e"].truth is truth, day


def test_an_event_period_combines_with_conditions_and_references() -> None:
    delayed = Period(after="signed", delay="P1M", duration="P1M")
    f = fw(
        commitment("c", "signed and x", period=delayed),
        commitment("d", 'in_force("c") or y'),
        commitment("e", 'not in_force("c")'),
        commitment("ended", period=Period(after="signed", end=dt.date(2025, 1, 1))),
    )
    facts = Facts({}, as_of=AS_OF)
    ((first, *window),) = f.what_would_it_take("c", facts)
    # `signed` (it happened) is implied by its date in the window
    assert first == x
    assert len(window) == 2
    low, high = _window(f, "c", tuple(window))
    assert high == dt.date(2025, 5, 1)
    assert f.what_would_it_take("d", facts) == ((Fact("y"),), (x, *window))
    assert f.what_would_it_take("e", facts) == (
        (Not(Fact("signed")),),
        (Not(x),),
        (Compare("signed", "<", low),),
        (Compare("signed", ">", high),),
    )
    assert f.evaluate(facts)["ended"].truth is U
    assert f.what_would_it_take("ended", facts) == ()


# --- 2. negated references ----------------------------------------------------------------------


def test_negated_references_are_expanded() -> None:
    assert fw(c1='not in_force("c1")').what_would_it_take("c1") == ()
    assert fw(c1='x or not in_force("c2")', c2='in_force("c1")').what_would_it_take("c1") == ((x,),)
    assert fw(c1='not in_force("c2")', c2="a").what_would_it_take("c1") == ((Not(Fact("a")),),)
    f = fw(commitment("gone", "a", status="withdrawn"), c1='not in_force("gone") and b')
    assert f.what_would_it_take("c1") == ((Fact("b"),),)
    f = fw(c1='not in_force("c2")', c2="a and (b or z > 3)")
    assert f.what_would_it_take("c1") == ((Not(Fact("a")),), (Not(Fact("b")), Compare("z", "<=", 3)))
    # both polarities of one reference
    f = fw(c1='in_force("c2") or not in_force("c2") and q', c2="a")
    assert f.what_would_it_take("c1") == ((Fact("a"),), (Not(Fact("a")), Fact("q")))
    # an unconditional commitment in force can only be ruled out by its status
    assert fw(c1='not in_force("c2")', c2="").what_would_it_take("c1") == ()


# --- 3. the order of the answer, and long reference chains ------------------------------------


def test_leaves_are_listed_as_they_appear_with_references_read_in_place() -> None:
    f0, f1, a, b, z, y = map(Fact, ("f0", "f1", "a", "b", "z", "y"))
    assert fw(c0='f0 or in_force("c1")', c1="f1").what_would_it_take("c0") == ((f0,), (f1,))
    assert fw(c0='in_force("c1") or f0', c1="f1").what_would_it_take("c0") == ((f1,), (f0,))
    f = fw(c0='(a or b) and in_force("c1")', c1="z or y")
    assert f.what_would_it_take("c0") == ((a, z), (a, y), (b, z), (b, y))


def test_sets_joined_across_references_are_checked_on_the_facts_they_share() -> None:
    f = fw(c0='(x > 5 or a) and in_force("c1")', c1="x < 3 or b")
    gt, lt, a, b = Compare("x", ">", 5), Compare("x", "<", 3), Fact("a"), Fact("b")
    assert f.what_would_it_take("c0") == ((gt, b), (a, lt), (a, b))
    f = fw(c0='(x > 5 or a) and in_force("c1")', c1="x > 5 or b")
    assert f.what_would_it_take("c0") == ((gt,), (a, b))


def test_a_long_ring_of_references_is_solved_in_a_few_rounds() -> None:
    # c0 holds if c1 does or f0, ..., c399 if c0 does or f399: any one fact will do. Each
    # round of the fixpoint carries the sets along the whole ring (it took one round per
    # member, minutes for this ring, before).
    n = 400
    f = fw(**{f"c{i}": f'in_force("c{(i + 1) % n}") or f{i}' for i in range(n)})
    assert f.what_would_it_take("c0", limit=3) == ((Fact("f399"),), (Fact("f398"),), (Fact("f397"),))
    negated = fw(**{f"c{i}": f'not in_force("c{(i + 1) % n}") or f{i}' for i in range(n)})
    # c0 is f0, or (f2 or ...) and not f1: leaves in that order
    assert negated.what_would_it_take("c0", limit=2) == ((Fact("f0"),), (Fact("f2"), Not(Fact("f1"))))


# --- brute force ---------------------------------------------------------------------------------

_VALUES: dict[str, list[Any]] = {
    "a": [True, False],
    "b": [True, False],
    "signed": [
        True,
        dt.date(2024, 1, 1),
        dt.date(2024, 6, 1),
        dt.date(2025, 1, 1),
        AS_OF,
        dt.date(2025, 7, 1),
    ],
}
_IDS = ("c1", "c2", "c3")
_LEAVES = ["a", "b", "not a", "not b", "signed", *(f'in_force("{i}")' for i in _IDS)]
_LEAVES += [f'not in_force("{i}")' for i in _IDS]


def _condition(rng: random.Random) -> str:
    return random_condition(rng, _LEAVES, leaf_chance=0.35)


def _framework(rng: random.Random) -> Framework:
    made = []
    for id in _IDS:
        fields: dict[str, Any] = {"status": rng.choice(["pledged"] * 5 + ["withdrawn"])}
        if rng.random() < 0.3:
            fields["period"] = ONE_YEAR
        made.append(commitment(id, None if rng.random() < 0.1 else _condition(rng), **fields))
    return fw(*made)


def _truth(leaf: Condition, values: dict[str, Any]) -> Truth:
    return evaluate(leaf, Facts(values, as_of=AS_OF)).truth


def _assignments(names: list[str], base: dict[str, Any]) -> list[dict[str, Any]]:
    """Every way of extending *base* over *names* (each unknown or a value of the grid)."""
    free = [n for n in names if n not in base]
    return [
        {**base, **{n: v for n, v in zip(free, values, strict=True) if v is not None}}
        for values in itertools.product(*([None, *_VALUES[n]] for n in free))
    ]


def _pinnings(leaves: tuple[Condition, ...], base: dict[str, Any]) -> list[dict[str, Any]]:
    """The ways of pinning the facts *leaves* read (others as in *base*) that make every leaf true."""
    names = sorted({n for leaf in leaves for n in _names(leaf)})
    pinned = [
        {**base, **dict(zip(names, values, strict=True))}
        for values in itertools.product(*(_VALUES[n] for n in names))
    ]
    return [v for v in pinned if all(_truth(leaf, v) is T for leaf in leaves)]


def _names(leaf: Condition) -> set[str]:
    atom = leaf.item if isinstance(leaf, Not) else leaf
    assert not isinstance(atom, InForce), "references are always expanded"
    if isinstance(atom, Fact):
        return {atom.name}
    assert isinstance(atom, Compare)
    return {atom.fact}


@pytest.mark.parametrize("seed", range(6))
def test_framework_what_would_it_take_against_brute_force(seed: int) -> None:
    """Each set, made true, puts the commitment in force; each of its leaves is needed; whatever
    puts it in force meets a set; and sets are nested in none other."""
    rng = random.Random(seed)
    for _ in range(40):
        f = _framework(rng)
        base = {n: rng.choice(_VALUES[n]) for n in _VALUES if rng.random() < 0.25}
        extensions = _assignments(sorted(_VALUES), base)
        results = [(v, f.evaluate(Facts(v, as_of=AS_OF))) for v in extensions]
        known = f.evaluate(Facts(base, as_of=AS_OF))
        for id in _IDS:
            sets = f.what_would_it_take(id, Facts(base, as_of=AS_OF), limit=1000)
            context = (f.commitments, base, id, sets)
            if known[id].truth is T:
                assert sets == ((),), context
            if known[id].truth is F:
                assert sets == (), context
            for one, other in itertools.permutations(sets, 2):
                assert not set(one) <= set(other), context
            for leaves in sets:
                pinnings = _pinnings(leaves, base)
                assert pinnings, context  # no contradictory set
                for values in pinnings:
                    assert f.evaluate(Facts(values, as_of=AS_OF))[id].truth is T, (context, leaves, values)
                for i in range(len(leaves)):
                    # Each leaf is needed: without it, some values leave the commitment not in
                    # force, unless the smaller set only merges cases the sets list one by one
                    # (signed < lo, or b false with signed in [lo, hi]: b false with signed <= hi).
                    fewer = _pinnings(leaves[:i] + leaves[i + 1 :], base)
                    assert any(f.evaluate(Facts(v, as_of=AS_OF))[id].truth is not T for v in fewer) or all(
                        any(all(_truth(leaf, v) is T for leaf in s) for s in sets) for v in fewer
                    ), (context, leaves, i)
            for values, result in results:
                if result[id].truth is T:
                    assert any(all(_truth(leaf, values) is T for leaf in s) for s in sets), (context, values)
