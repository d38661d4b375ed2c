import datetime as dt
from decimal import Decimal
from typing import Any

import attrs
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from accord import (
    Actor,
    Commitment,
    Component,
    Framework,
    FrameworkDiff,
    Issue,
    Position,
    Quantity,
    ValidationError,
    diff,
)
from accord import testing as strategies


@pytest.fixture
def old() -> Framework:
    return Framework(
        id="v1",
        title="Framework",
        actors=[Actor(id="USA", name="United States"), Actor(id="GBR", name="United Kingdom")],
        components=[Component(id="troops", title="Troop deployments")],
        issues=[Issue(id="deploy", title="Deploy troops", component="troops")],
        positions=[
            Position(actor="USA", issue="deploy", stance="reluctant"),
            Position(actor="GBR", issue="deploy", stance="willing"),
        ],
        commitments=[Commitment(id="gbr-troops", actor="GBR", kind="ground_troops", status="signalled")],
    )


def test_identical_frameworks_give_an_empty_falsy_diff(old: Framework) -> None:
    d = diff(old, attrs.evolve(old))
    assert not d
    assert str(d) == "No changes from 'v1' to 'v1'."


def test_changes_are_listed_and_logged(old: Framework) -> None:
    new = attrs.evolve(
        old,
        id="v2",
        as_of=dt.date(2025, 3, 1),
        actors=(*old.actors, Actor(id="FRA", name="France")),
        components=(attrs.evolve(old.components[0], status="agreed"),),
        positions=(
            Position(actor="USA", issue="deploy", stance="oppose"),
            Position(actor="GBR", issue="deploy", stance="willing", salience=0.5),
            Position(actor="FRA", issue="deploy", stance="support"),
        ),
        commitments=(Commitment(id="gbr-troops", actor="GBR", kind="ground_troops", status="pledged"),),
    )
    d = diff(old, new)
    assert d
    assert d.framework == ("id", "as_of")
    assert d.framework_values == (("v1", "v2"), (None, dt.date(2025, 3, 1)))
    assert [(c.id, c.kind) for c in d.actors] == [("FRA", "added")]
    assert [(c.actor, c.kind) for c in d.positions] == [
        ("USA", "shifted"),
        ("GBR", "changed"),
        ("FRA", "added"),
    ]
    (commitment,) = d.commitments
    assert (commitment.kind, commitment.fields) == ("changed", ("status",))
    assert commitment.before is not None
    assert commitment.after is not None
    assert (commitment.before.status.value, commitment.after.status.value) == ("signalled", "pledged")
    assert d.components[0].fields == ("status",)
    log = str(d)
    for line in (
        "Changes from 'v1' to 'v2':",
        "framework: id 'v1' → 'v2'; as_of none → 2025-03-01",
        "  + FRA (France)",
        "  ~ USA on deploy: reluctant → oppose",
        "  ~ GBR on deploy: salience 1.0 → 0.5",
        "  + FRA on deploy: support",
        "  ~ gbr-troops (GBR ground_troops, pledged): signalled → pledged",
        "  ~ troops (Troop deployments): under_negotiation → agreed",
    ):
        assert line in log.splitlines(), line


def test_the_log_shows_short_values_and_names_long_ones(old: Framework) -> None:
    troops = old.commitments[0]
    changed = attrs.evolve(
        troops,
        quantity=Quantity(amount=Decimal(5000), unit="troops"),
        as_of=dt.date(2025, 4, 1),
        description="Deploy a brigade-sized force for training and reassurance once a settlement is signed",
    )
    log = str(diff(old, attrs.evolve(old, commitments=(changed,)))).splitlines()
    assert log[-1] == (
        "  ~ gbr-troops (GBR ground_troops, signalled): description changed; "
        "quantity none → 5,000 troops; as_of none → 2025-04-01"
    )


def test_the_log_shows_recorded_changes_and_short_conditions(old: Framework) -> None:
    # pledge-tracker trial: a weekly update read "history changed" and "conditions changed"
    from accord import parse_condition

    troops = attrs.evolve(old.commitments[0], as_of=dt.date(2025, 3, 2))
    week = troops.record(dt.date(2025, 3, 2)).record(
        dt.date(2025, 3, 9), "pledged", quantity=Quantity(amount=Decimal(5000), unit="troops")
    )
    week = attrs.evolve(week, conditions=parse_condition("settlement_signed"))
    before = attrs.evolve(old, commitments=(troops.record(dt.date(2025, 3, 2)),))
    log = str(diff(before, attrs.evolve(old, commitments=(week,)))).splitlines()
    assert log[-1] == (
        "  ~ gbr-troops (GBR ground_troops, pledged): signalled → pledged; quantity none → 5,000 troops; "
        "conditions none → settlement_signed; as_of 2025-03-02 → 2025-03-09; "
        "history + 2025-03-09 pledged (5,000 troops)"
    )
    # a history rewritten, not grown, and a long condition, are named
    back = str(diff(attrs.evolve(old, commitments=(week,)), before)).splitlines()[-1]
    assert back.endswith("history changed")
    long = attrs.evolve(week, conditions=parse_condition(" and ".join(f"fact_{i}" for i in range(9))))
    assert "conditions changed" in str(
        diff(attrs.evolve(old, commitments=(week,)), attrs.evolve(old, commitments=(long,)))
    )


def test_a_diff_made_by_hand_names_fields_without_values() -> None:
    assert str(FrameworkDiff(old_id="a", new_id="b", framework=("title",))).splitlines()[1] == (
        "framework: title changed"
    )
    with pytest.raises(ValidationError, match="framework_values: 1 pair"):
        FrameworkDiff(old_id="a", new_id="b", framework=("title", "as_of"), framework_values=(("x", "y"),))


def test_removals(old: Framework) -> None:
    new = Framework(id="v1", title="Framework", actors=old.actors[:1])
    d = diff(old, new)
    assert [(c.id, c.kind) for c in d.actors] == [("GBR", "removed")]
    assert {c.kind for c in d.positions} == {"removed"}
    assert [c.kind for c in d.commitments] == ["removed"]
    assert "  - GBR on deploy: was willing" in str(d).splitlines()


def test_stance_shift_over_dated_positions(old: Framework) -> None:
    later = Position(actor="USA", issue="deploy", stance="neutral", as_of=dt.date(2025, 5, 1))
    d = diff(old, attrs.evolve(old, positions=(*old.positions, later)))
    (change,) = d.positions
    assert change.kind == "shifted"
    assert change.after == later


def test_arguments_must_be_frameworks(old: Framework) -> None:
    with pytest.raises(ValidationError, match="new: 'x'"):
        diff(old, "x")  # type: ignore[arg-type]


def test_memberships_sources_and_earlier_positions_count_as_changes() -> None:
    import datetime as _dt

    import attrs as _attrs

    from accord import Membership as _Membership
    from accord import Position as _Position
    from accord import diff as _diff
    from accord.examples import postwar_ukraine

    fw = postwar_ukraine()
    joined = _attrs.evolve(
        fw, memberships=(*fw.memberships, _Membership(member="UKR", group="NATO", start=_dt.date(2030, 1, 1)))
    )
    d = _diff(fw, joined)
    assert d
    assert [c.kind for c in d.memberships] == ["added"]
    assert "+ UKR in NATO since 2030-01-01" in str(d)

    assert _diff(fw, _attrs.evolve(fw, sources=())).framework == ("sources",)

    earlier = _Position(actor="USA", issue="own-ground-troops", stance="oppose", as_of=_dt.date(2020, 1, 1))
    d = _diff(fw, _attrs.evolve(fw, positions=(*fw.positions, earlier)))
    assert d.positions == ()
    assert d.history == (("USA", "own-ground-troops"),)
    assert "earlier positions changed: USA on own-ground-troops" in str(d)
    assert not _diff(fw, postwar_ukraine())
    # an earlier position removed is a change of history too
    with_earlier = _attrs.evolve(fw, positions=(*fw.positions, earlier))
    assert _diff(with_earlier, fw).history == (("USA", "own-ground-troops"),)


def test_memberships_sharing_member_group_and_start_are_all_compared() -> None:
    import datetime as dt

    from accord import Actor, Framework, Membership, diff

    actors = (Actor(id="a", name="A"), Actor(id="c", name="C"))
    ended = Membership(member="a", group="c", start=dt.date(2000, 1, 1), end=dt.date(2005, 1, 1))
    open_ = Membership(member="a", group="c", start=dt.date(2000, 1, 1))
    both = Framework(id="f", title="t", actors=actors, memberships=(ended, open_))
    one = Framework(id="f", title="t", actors=actors, memberships=(open_,))
    change = diff(both, one)
    assert change
    assert [(m.before, m.after) for m in change.memberships] == [(ended, None)]
    assert not diff(both, both)
    swapped = Framework(id="f", title="t", actors=actors, memberships=(open_, ended))
    assert not diff(both, swapped).memberships
    assert [(m.before, m.after) for m in diff(one, both).memberships] == [(None, ended)]


def _reference(old: Framework, new: Framework) -> tuple[list[tuple[object, ...]], list[tuple[str, str]]]:
    """Position changes and changed histories as the documentation states them, by plain dictionaries."""
    before = {(p.actor, p.issue): p for p in old.latest_positions()}
    after = {(p.actor, p.issue): p for p in new.latest_positions()}
    changes: list[tuple[object, ...]] = [
        (*pair, p, after.get(pair)) for pair, p in before.items() if after.get(pair) != p
    ]
    changes += [(*pair, None, q) for pair, q in after.items() if pair not in before]
    history = [
        pair
        for pair, q in after.items()
        if before.get(pair) == q and old.history(*pair) != new.history(*pair)
    ]
    return changes, history


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(strategies.frameworks(), st.randoms(use_true_random=False))
def test_position_changes_agree_with_plain_dictionaries(fw: Framework, rnd: Any) -> None:
    # diff looks each position up in the other framework's index instead of keying every position
    positions = list(fw.positions)
    rnd.shuffle(positions)
    for count in (len(positions), len(positions) // 2, 0):
        try:
            other = attrs.evolve(fw, positions=tuple(positions[:count]))
        except ValidationError:  # a position's condition refers to a commitment, say: keep them all
            continue
        for a, b in ((fw, other), (other, fw)):
            d = diff(a, b)
            changes, history = _reference(a, b)
            assert [(c.actor, c.issue, c.before, c.after) for c in d.positions] == changes
            assert list(d.history) == history


def test_the_change_log_keeps_each_change_on_its_line(old: Framework) -> None:
    # review: a line end in an actor's name split the change log's line in two
    new = attrs.evolve(
        old,
        actors=tuple(
            attrs.evolve(a, name="United\nKingdom\tplc") if a.id == "GBR" else a for a in old.actors
        ),
    )
    lines = str(diff(old, new)).splitlines()
    assert lines[-1] == "  ~ GBR (United\\nKingdom\\tplc): name 'United Kingdom' → 'United\\nKingdom\\tplc'"
