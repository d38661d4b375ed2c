"""Framework._from_grouped_positions: the private route for readers that group positions themselves.

It must build the very framework the constructor builds, check every field
other than the positions as the constructor does, and hand anything
inconsistent to the constructor, which reports every problem.
"""

import datetime as dt
from collections.abc import Callable

import pytest

from accord import Actor, Framework, Issue, Position, ValidationError
from accord.datasets.unga import VOTE


def outcome(build: Callable[[], Framework]) -> Framework | tuple[str, str]:
    try:
        return build()
    except ValidationError as error:
        return ("error", str(error))


def same_framework(a: Framework, b: Framework) -> None:
    assert a == b
    assert a.positions == b.positions
    for actor in a.actors:  # the index: positions by actor and issue, each history in date order
        for issue in a.issues:
            assert a.history(actor.id, issue.id) == b.history(actor.id, issue.id)
    assert a.latest_positions() == b.latest_positions()


def grouped_parts() -> tuple[tuple[Position, ...], dict[str, dict[str, Position | list[Position]]], dict]:
    actors = (Actor(id="A", name="a"), Actor(id="B", name="b"))
    issues = (Issue(id="i", title="i", scale=VOTE), Issue(id="j", title="j", scale=VOTE))
    day, later = dt.date(2000, 1, 1), dt.date(2000, 2, 1)
    positions = (
        Position(actor="A", issue="i", stance="yes", as_of=later),
        Position(actor="B", issue="i", stance="no", as_of=day),
        Position(actor="A", issue="j", stance="abstain", as_of=day),
        Position(actor="A", issue="i", stance="no", as_of=day),
    )
    by_actor: dict[str, dict[str, Position | list[Position]]] = {
        "A": {"i": [positions[0], positions[3]], "j": positions[2]},
        "B": {"i": positions[1]},
    }
    return positions, by_actor, {"id": "f", "title": "t", "actors": actors, "issues": issues}


def test_grouped_route_equals_the_constructor() -> None:
    positions, by_actor, fields = grouped_parts()
    fw = Framework._from_grouped_positions(positions, by_actor, [("A", "i")], **fields)
    same_framework(fw, Framework(**fields, positions=positions))
    assert fw.position("A", "i") == positions[0]  # the list was sorted by date
    assert fw.history("A", "i") == (positions[3], positions[0])


def test_grouped_route_checks_the_other_fields() -> None:
    positions, by_actor, fields = grouped_parts()
    with pytest.raises(ValidationError, match="duplicate id 'A'"):
        Framework._from_grouped_positions(
            positions, by_actor, [("A", "i")], **{**fields, "actors": fields["actors"] * 2}
        )
    with pytest.raises(ValidationError, match="title"):
        Framework._from_grouped_positions(positions, by_actor, [("A", "i")], **{**fields, "title": ""})


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ("unknown actor", "positions[4].actor: 'C': unknown actor"),
        ("unknown issue", "positions[4].issue: 'k': unknown issue"),
        ("same date", "positions: A has two positions on i as of 2000-01-01"),
        ("list not named", None),
        ("position missing", None),
    ],
)
def test_grouped_route_hands_inconsistent_input_to_the_constructor(change: str, message: str | None) -> None:
    positions, by_actor, fields = grouped_parts()
    several = [("A", "i")]
    if change == "unknown actor":
        extra = Position(actor="C", issue="i", stance="yes")
        by_actor["C"] = {"i": extra}
    elif change == "unknown issue":
        extra = Position(actor="B", issue="k", stance="yes")
        by_actor["B"]["k"] = extra
    elif change == "same date":
        extra = Position(actor="A", issue="i", stance="yes", as_of=dt.date(2000, 1, 1))
        by_actor["A"]["i"].append(extra)  # type: ignore[union-attr]
    elif change == "list not named":
        several = []
        extra = None
    else:
        extra = Position(actor="B", issue="j", stance="yes")  # in positions, not in by_actor
    positions = positions + ((extra,) if extra is not None else ())
    got = outcome(lambda: Framework._from_grouped_positions(positions, by_actor, several, **fields))
    expected = outcome(lambda: Framework(**fields, positions=positions))
    if message is None:
        assert isinstance(got, Framework)
        same_framework(got, expected)  # type: ignore[arg-type]
    else:
        assert got == expected
        assert message in got[1]  # type: ignore[index]
