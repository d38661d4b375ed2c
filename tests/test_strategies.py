"""The hypothesis strategies produce valid objects, and valid objects are stable."""

import datetime as dt
import typing

import attrs
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import accord
from accord import testing as strategies


@settings(max_examples=60, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.one_of(
        strategies.actors(),
        strategies.sources(),
        strategies.memberships(),
        strategies.issues(),
        strategies.positions(),
        strategies.commitments(),
        strategies.components(),
        strategies.quantities(),
        strategies.periods(),
        strategies.status_changes(),
    )
)
def test_valid_objects_survive_evolve_unchanged(obj: object) -> None:
    again = attrs.evolve(obj)  # type: ignore[misc]
    assert again == obj
    assert hash(again) == hash(obj)


@settings(max_examples=40, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(strategies.frameworks())
def test_frameworks_are_consistent(fw: accord.Framework) -> None:
    assert attrs.evolve(fw) == fw
    for p in fw.positions:
        assert fw.position(p.actor, p.issue, as_of=p.as_of or dt.date.min) == p
    for c in fw.commitments:
        assert fw.commitment(c.id) is c
        assert c in fw.commitments_by(c.actor)
    if fw.as_of is not None:
        snap = fw.at(fw.as_of)
        assert snap.at(fw.as_of) == snap
        day = fw.as_of
        if (
            all(p.as_of is None or p.as_of <= day for p in fw.positions)
            and all(c.as_of is None or c.as_of <= day for c in fw.commitments)
            and all(h.date <= day for c in fw.commitments for h in c.history)
            and all(m.start is None or m.start <= day for m in fw.memberships)
        ):
            assert snap == fw  # nothing dated later: the snapshot on its own date is the framework
        earlier = day - dt.timedelta(days=30)
        assert snap.at(earlier) == fw.at(earlier)


def test_every_public_class_has_resolvable_type_hints() -> None:
    for name in accord.__all__:
        obj = getattr(accord, name)
        if isinstance(obj, type) and attrs.has(obj):
            typing.get_type_hints(obj)
