"""references_of finds every in_force reference, and the framework checks them all."""

import random

import pytest
from hypothesis import given, settings

import accord
from accord import testing as at
from accord.conditions import InForce, references_of, walk


@settings(max_examples=200, deadline=None)
@given(at.conditions(commitment_ids=("c1", "c2", "c3"), max_leaves=12))
def test_references_match_a_walk_of_the_tree(condition):
    assert references_of(condition) == {n.commitment for n in walk(condition) if isinstance(n, InForce)}


def test_dangling_references_in_positions_and_nested_commitment_conditions():
    actors = (accord.Actor(id="A", name="a"),)
    issue = accord.Issue(id="i", title="t")
    nested = accord.Not(accord.AnyOf((accord.Fact("x"), accord.InForce("missing"))))
    with pytest.raises(accord.ValidationError) as caught:
        accord.Framework(
            id="f",
            title="t",
            actors=actors,
            issues=(issue,),
            positions=(
                accord.Position(actor="A", issue="i", stance="willing", conditions=accord.InForce("gone")),
            ),
            commitments=(
                accord.Commitment(id="c1", actor="A", kind="funding", status="pledged", conditions=nested),
            ),
        )
    problems = caught.value.problems
    assert "positions[0].conditions: in_force: 'gone': unknown commitment" in problems
    assert "commitments[0] (c1).conditions: in_force: 'missing': unknown commitment" in problems


def test_references_and_checks_see_through_subclassed_nodes():
    """The exact-class shortcuts keep subclasses of the node classes on the general route."""

    class Grouped(accord.AllOf):
        pass

    class Negated(accord.Not):
        pass

    class Pointer(InForce):
        pass

    inner = Grouped(items=(accord.Fact("x"), Negated(Pointer("c2"))))
    condition = accord.AnyOf((inner, accord.InForce("c1"), accord.Fact("y")))
    assert references_of(condition) == {"c1", "c2"}
    assert references_of(Negated(Pointer("c3"))) == {"c3"}
    # a subclass of AllOf is an AllOf: flattened into its parent like any other
    assert accord.AllOf((inner, accord.Fact("z"))).items == (*inner.items, accord.Fact("z"))
    assert accord.AllOf((accord.AllOf((accord.Fact("a"), accord.Fact("b"))), accord.Fact("c"))).items == (
        accord.Fact("a"),
        accord.Fact("b"),
        accord.Fact("c"),
    )
    assert condition.depth == 4


def test_subclasses_of_the_compound_nodes_print_and_explain_as_their_node():
    class Rule(accord.AllOf):
        pass

    class Either(accord.AnyOf):
        pass

    class Neg(accord.Not):
        pass

    tree = Rule([accord.Fact("a"), Either([accord.Fact("b"), Neg(accord.Fact("c"))])])
    assert str(tree) == "a and (b or not c)"
    assert accord.parse_condition(str(tree)) == accord.parse_condition("a and (b or not c)")
    explained = accord.evaluate(Neg(accord.Fact("a")), {"a": True}).explain()
    assert "not a" in explained


def test_a_bad_item_is_named_by_its_position():
    with pytest.raises(accord.ValidationError, match=r"AllOf\.items\[2\]: 5 is not a condition"):
        accord.AllOf((accord.Fact("a"), accord.Fact("b"), 5, "x"))
    with pytest.raises(accord.ValidationError, match=r"AtLeast\.items\[1\]: 'x' is not a condition"):
        accord.AtLeast(1, (accord.Fact("a"), "x"))
    with pytest.raises(accord.ValidationError, match=r"^Not\.item: 'a' is not a condition$"):
        accord.Not("a")  # type: ignore[arg-type]  # one item, not a list: no index


@pytest.mark.parametrize(
    ("build", "message"),
    [
        (lambda: accord.AllOf(5), r"^AllOf\.items: expected a sequence, got int 5$"),
        (lambda: accord.AnyOf(None), r"^AnyOf\.items: expected a sequence, got NoneType None$"),
        (lambda: accord.AtLeast(1, 5), r"^AtLeast\.items: expected a sequence, got int 5$"),
        (lambda: accord.AllOf("ab"), r"^AllOf\.items: expected a sequence, got str 'ab'$"),  # not 'a', 'b'
        (lambda: accord.AnyOf({"a": accord.Fact("a")}), r"^AnyOf\.items: expected a sequence, got dict"),
        (lambda: accord.AtLeast(1, "ab"), r"^AtLeast\.items: expected a sequence, got str 'ab'$"),
    ],
)
def test_items_that_are_not_a_sequence_are_refused_by_name(build, message):
    with pytest.raises(accord.ValidationError, match=message):
        build()


@pytest.fixture
def searches(monkeypatch):
    """The references the framework's integrity check searches close matches for, in order."""
    from accord import framework

    found = []
    real = framework.did_you_mean

    def search(ref, known):
        found.append(ref)
        return real(ref, known)

    monkeypatch.setattr(framework, "did_you_mean", search)
    return found


def test_close_match_hints_are_searched_once_per_reference_within_a_budget(searches, monkeypatch):
    from accord import framework

    monkeypatch.setattr(framework, "_HINT_BUDGET", 30)  # pairs of characters: 3 × 9 per search
    actors = [accord.Actor(id=i, name=i) for i in ("GBR", "FRA", "USA")]
    commitments = [
        accord.Commitment(id=f"c{i}", actor=actor, kind="training", status="pledged")
        for i, actor in enumerate(("GBX", "GBX", "FRX"))
    ]
    with pytest.raises(accord.ValidationError) as caught:
        accord.Framework(id="fw", title="t", actors=actors, commitments=commitments)
    assert list(caught.value.problems) == [
        "commitments[0] (c0).actor: 'GBX': unknown actor; did you mean 'GBR'?",
        "commitments[1] (c1).actor: 'GBX': unknown actor; did you mean 'GBR'?",  # remembered
        "commitments[2] (c2).actor: 'FRX': unknown actor",  # the budget is spent: no search
    ]
    assert searches == ["GBX"]


def test_the_hint_budget_counts_the_characters_compared_not_the_comparisons(searches):
    # fuzzing: 200 dangling references among 200 actors, all ids 64 letters of "a" and "b", took
    # 30-40 s to refuse: each comparison of two such ids costs difflib a third of a millisecond
    from accord import framework

    rng = random.Random(0)
    ids = ["".join(rng.choice("ab") for _ in range(64)) for _ in range(200)]
    refs = ["".join(rng.choice("ab") for _ in range(64)) for _ in range(200)]
    actors = [accord.Actor(id=i, name=f"n{n}") for n, i in enumerate(ids)]
    commitments = [
        accord.Commitment(id=f"c{n}", actor=ref, kind="funding", status="pledged")
        for n, ref in enumerate(refs)
    ]
    with pytest.raises(accord.ValidationError) as caught:
        accord.Framework(id="f", title="t", actors=actors, commitments=commitments)
    assert caught.value.count == 200
    per_search = 64 * 64 * 200  # the reference's characters × the ids' characters
    assert len(searches) == framework._HINT_BUDGET // per_search == 12
    assert sum("did you mean" in problem for problem in caught.value.problems) <= 12
