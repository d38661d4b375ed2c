"""Validation of the individual model classes."""

import copy
import datetime as dt
import inspect
import pickle
import warnings
from decimal import Decimal

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from accord import (
    STANCE,
    AccordError,
    Actor,
    ActorKind,
    After,
    Before,
    Commitment,
    CommitmentKind,
    CommitmentStatus,
    Component,
    ComponentStatus,
    Duration,
    Facts,
    Framework,
    IntervalScale,
    Issue,
    Membership,
    NominalScale,
    OrdinalScale,
    Period,
    Position,
    Quantity,
    Source,
    StatusChange,
    ValidationError,
    parse_date,
)
from accord import testing as strategies
from accord.examples import postwar_ukraine

D = dt.date


def commitment(**kw: object) -> Commitment:
    base: dict[str, object] = {
        "id": "c1",
        "actor": "GBR",
        "kind": CommitmentKind.TRAINING,
        "status": CommitmentStatus.SIGNALLED,
    }
    base.update(kw)
    return Commitment(**base)  # type: ignore[arg-type]


class TestIds:
    @pytest.mark.parametrize("good", ["GBR", "NATO", "a", "x" * 64, "c-1.2:3_4", "9lives"])
    def test_valid(self, good: str) -> None:
        assert Actor(id=good, name="n").id == good

    @pytest.mark.parametrize(
        ("bad", "fragment"),
        [
            ("", "empty"),
            ("x" * 65, "65 characters"),
            ("-GBR", "not a valid id"),
            ("G B R", "not a valid id"),
            ("GBR\n", "not a valid id"),
            ("Ünited", "not a valid id"),
        ],
    )
    def test_invalid_names_field_and_value(self, bad: str, fragment: str) -> None:
        with pytest.raises(ValidationError, match="Actor.id") as info:
            Actor(id=bad, name="n")
        assert fragment in str(info.value)

    def test_not_a_string(self) -> None:
        with pytest.raises(ValidationError, match=r"Actor.id: 3 is not a string"):
            Actor(id=3, name="n")  # type: ignore[arg-type]


class TestErrors:
    def test_validation_error_is_value_error_and_accord_error(self) -> None:
        with pytest.raises(ValueError, match="salience"):
            Position(actor="GBR", issue="i", stance="willing", salience=2)
        with pytest.raises(AccordError):
            Position(actor="GBR", issue="i", stance="willing", salience=2)


class TestActor:
    def test_defaults_and_enum_from_value(self) -> None:
        a = Actor(id="NATO", name="NATO", kind="alliance")  # type: ignore[arg-type]
        assert a.kind is ActorKind.ALLIANCE
        assert Actor(id="GBR", name="UK").kind is ActorKind.STATE

    def test_unknown_kind_lists_allowed(self) -> None:
        with pytest.raises(ValidationError, match=r"Actor.kind: 'empire' is not one of state, organisation"):
            Actor(id="X", name="x", kind="empire")  # type: ignore[arg-type]

    def test_aliases_refuse_a_bare_string(self) -> None:
        with pytest.raises(ValidationError, match="expected a sequence"):
            Actor(id="GBR", name="UK", aliases="Britain")  # type: ignore[arg-type]

    def test_identifiers_are_read_only_and_sorted(self) -> None:
        source = {"wikidata": "Q145", "cow": "200"}
        a = Actor(id="GBR", name="UK", identifiers=source)
        source["cow"] = "999"
        assert a.identifiers == {"cow": "200", "wikidata": "Q145"}
        assert list(a.identifiers) == ["cow", "wikidata"]
        with pytest.raises(TypeError):
            a.identifiers["cow"] = "1"  # type: ignore[index]
        assert hash(a) == hash(Actor(id="GBR", name="UK", identifiers={"cow": "200", "wikidata": "Q145"}))

    def test_frozen(self) -> None:
        a = Actor(id="GBR", name="UK")
        with pytest.raises(attrs.exceptions.FrozenInstanceError):
            a.name = "x"  # type: ignore[misc]

    def test_keyword_only(self) -> None:
        with pytest.raises(TypeError):
            Actor("GBR", "UK")  # type: ignore[misc]

    def test_evolve_revalidates(self) -> None:
        a = Actor(id="GBR", name="UK")
        with pytest.raises(ValidationError, match="Actor.id"):
            attrs.evolve(a, id="not valid")


class TestMembership:
    def test_period_order(self) -> None:
        with pytest.raises(ValidationError, match="start 2020-01-02 is after end 2020-01-01"):
            Membership(member="GBR", group="NATO", start=D(2020, 1, 2), end=D(2020, 1, 1))

    def test_not_member_of_itself(self) -> None:
        with pytest.raises(ValidationError, match="cannot be a member of itself"):
            Membership(member="NATO", group="NATO")

    def test_active_on(self) -> None:
        m = Membership(member="FRA", group="NATO", start=D(1949, 8, 24))
        assert m.active_on(D(2000, 1, 1))
        assert not m.active_on(D(1949, 1, 1))

    def test_active_on_takes_what_the_constructors_take_and_refuses_the_rest(self) -> None:
        m = Membership(member="GBR", group="NATO", start=D(1949, 4, 4), end=D(2020, 1, 31))
        late = dt.datetime(2020, 1, 31, 23, tzinfo=dt.timezone(dt.timedelta(hours=-5)))
        assert not m.active_on(late)  # 1 February in UTC
        assert m.active_on(dt.datetime(2020, 1, 31, 23, tzinfo=dt.UTC))
        for bad in (None, "2020-01-01", dt.datetime(2020, 1, 1)):
            with pytest.raises(ValidationError, match="^day: "):
                m.active_on(bad)  # type: ignore[arg-type]


class TestScales:
    def test_stance_levels(self) -> None:
        assert STANCE.levels == ("oppose", "reluctant", "neutral", "willing", "support")
        assert STANCE.distance("oppose", "support") == 1.0
        assert STANCE.distance("reluctant", "willing") == 0.5

    def test_a_stance_off_the_scale_is_refused_with_the_reason(self) -> None:
        # pledge-tracker trial: a raw KeyError (ordinal), a silent 1.0 (nominal), a distance of 19
        # on a scale of 0 to 10 (interval)
        with pytest.raises(ValidationError, match="^b: 'wiling' is not one of oppose, reluctant"):
            STANCE.distance("willing", "wiling")
        with pytest.raises(ValidationError, match="^stance: 'maybe' is not one of oppose"):
            STANCE.value("maybe")
        with pytest.raises(ValidationError, match=r"^stance: 1 is not one of oppose"):
            STANCE.value(1)  # type: ignore[arg-type]
        with pytest.raises(ValidationError, match="^b: 'banana' is not one of yes, no$"):
            NominalScale(options=("yes", "no")).distance("yes", "banana")
        with pytest.raises(ValidationError, match=r"^a: 'x' is not a number"):
            IntervalScale(low=0, high=10).distance("x", 3)
        with pytest.raises(ValidationError, match=r"^b: 20 is outside \[0, 10\]"):
            IntervalScale(low=0, high=10).distance(1, 20)
        assert IntervalScale(low=0, high=10).distance(1, 10) == 0.9

    def test_labels_in_two_unicode_forms_are_refused_and_a_stance_so_written_is_explained(self) -> None:
        # pipeline trial: "café" composed and decomposed were two options, and a decomposed stance
        # was refused as "'café' is not one of café, thé"
        composed, decomposed = "caf\u00e9", "cafe\u0301"
        with pytest.raises(ValidationError, match="are the same text in two Unicode forms"):
            NominalScale(options=(composed, decomposed))
        with pytest.raises(ValidationError, match="are the same text in two Unicode forms"):
            OrdinalScale(levels=(decomposed, "b", composed))
        scale = NominalScale(options=(composed, "th\u00e9"))
        assert scale.check(decomposed) == (
            f"{decomposed!r} is not one of {composed}, th\u00e9 (it is {composed!r} in another Unicode form: "
            "normalise text to NFC)"
        )
        assert scale.check("tea") == "'tea' is not one of caf\u00e9, th\u00e9"

    def test_ordinal_needs_unique_labels(self) -> None:
        with pytest.raises(ValidationError, match="'a' appears twice"):
            OrdinalScale(levels=("a", "b", "a"))
        with pytest.raises(ValidationError, match="at least two"):
            OrdinalScale(levels=("a",))

    def test_nominal(self) -> None:
        s = NominalScale(options=("eu", "un", "nato"))
        assert s.distance("eu", "un") == 1.0
        assert s.distance("eu", "eu") == 0.0
        assert s.check("osce") == "'osce' is not one of eu, un, nato"

    def test_interval(self) -> None:
        s = IntervalScale(low=0, high=5, unit="percent of GDP")
        assert s.distance(1, 3.5) == 0.5
        assert s.check(6) == "6 is outside [0, 5]"
        assert s.check(True) is not None
        with pytest.raises(ValidationError, match="low 5 must be less than high 5"):
            IntervalScale(low=5, high=5)
        with pytest.raises(ValidationError, match="not a finite number"):
            IntervalScale(low=0, high=float("inf"))


class TestIssueAndPosition:
    def test_issue_defaults(self) -> None:
        issue = Issue(id="troops", title="Deploy troops")
        assert issue.scale == STANCE
        assert issue.component is None

    def test_issue_scale_type(self) -> None:
        with pytest.raises(ValidationError, match="Issue.scale"):
            Issue(id="i", title="t", scale=("a", "b"))  # type: ignore[arg-type]

    @pytest.mark.parametrize("bad", [-0.1, 1.5, float("nan"), "high", True])
    def test_salience_range(self, bad: object) -> None:
        with pytest.raises(ValidationError, match="Position.salience"):
            Position(actor="GBR", issue="i", stance="willing", salience=bad)  # type: ignore[arg-type]

    def test_salience_int_and_decimal_become_float(self) -> None:
        assert Position(actor="GBR", issue="i", stance="willing", salience=1).salience == 1.0
        assert Position(actor="GBR", issue="i", stance="willing", salience=Decimal("0.5")).salience == 0.5

    def test_stance_type(self) -> None:
        with pytest.raises(ValidationError, match="Position.stance"):
            Position(actor="GBR", issue="i", stance=None)  # type: ignore[arg-type]
        with pytest.raises(ValidationError, match="Position.stance"):
            Position(actor="GBR", issue="i", stance=float("nan"))

    def test_naive_datetime_refused(self) -> None:
        with pytest.raises(ValidationError, match="naive datetime"):
            Position(actor="GBR", issue="i", stance="willing", as_of=dt.datetime(2025, 1, 1))

    def test_aware_datetime_becomes_its_utc_date(self) -> None:
        when = dt.datetime(2025, 1, 1, 23, tzinfo=dt.timezone(dt.timedelta(hours=-5)))
        as_of = Position(actor="GBR", issue="i", stance="willing", as_of=when).as_of
        assert type(as_of) is dt.date
        assert as_of == D(2025, 1, 2)

    def test_conditions_type(self) -> None:
        with pytest.raises(ValidationError, match="Position.conditions"):
            Position(actor="GBR", issue="i", stance="willing", conditions="settlement")  # type: ignore[arg-type]


class TestQuantity:
    def test_decimal_int_and_string(self) -> None:
        assert Quantity(amount=Decimal("2.5"), unit="EUR").amount == Decimal("2.5")
        assert Quantity(amount=5000, unit="troops").amount == Decimal(5000)  # type: ignore[arg-type]
        assert Quantity(amount="1e9", unit="USD").amount == Decimal("1e9")  # type: ignore[arg-type]

    @pytest.mark.parametrize(
        ("amount", "fragment"),
        [
            (1.5, "is a float"),
            (Decimal("-1"), "negative"),
            (Decimal("NaN"), "not finite"),
            (Decimal("Infinity"), "not finite"),
            ("lots", "not a number"),
            (True, "not a number"),
        ],
    )
    def test_refused(self, amount: object, fragment: str) -> None:
        with pytest.raises(ValidationError, match="Quantity.amount") as info:
            Quantity(amount=amount, unit="EUR")  # type: ignore[arg-type]
        assert fragment in str(info.value)

    @pytest.mark.parametrize(
        ("amount", "text"),
        [
            ("2500000000.00", "2,500,000,000.00 EUR"),
            ("1E+3", "1,000 EUR"),  # as written in the file, never as an exponent
            ("1e9", "1,000,000,000 EUR"),
            ("2.5E-7", "0.00000025 EUR"),
            ("0", "0 EUR"),
        ],
    )
    def test_str_spells_every_digit(self, amount: str, text: str) -> None:
        assert str(Quantity(amount=Decimal(amount), unit="EUR")) == text

    def test_unit_required(self) -> None:
        with pytest.raises(ValidationError, match="Quantity.unit"):
            Quantity(amount=Decimal(1), unit=" ")


class TestRecord:
    """Commitment.record: a pledge tracker's weekly update, keeping what earlier days read."""

    def test_a_new_amount_keeps_the_earlier_one_for_earlier_days(self) -> None:
        # pledge-tracker trial: evolving quantity and history by hand erased the earlier amount
        billion = Quantity(amount="1000000000", unit="EUR")
        more = Quantity(amount="1500000000", unit="EUR")
        c = Commitment(
            id="m", actor="DEU", kind="funding", status="pledged", quantity=billion,
            history=(StatusChange(date=D(2025, 3, 2), status="pledged"),),
        )  # fmt: skip
        later = c.record(D(2025, 3, 9), quantity=more, note="raised")
        assert later.quantity == more
        assert later.quantity_on(D(2025, 3, 5)) == billion
        assert later.quantity_on(D(2025, 3, 9)) == more
        assert later.history[-1] == StatusChange(
            date=D(2025, 3, 9), status=CommitmentStatus.PLEDGED, quantity=more, note="raised"
        )
        assert later.as_of == D(2025, 3, 9)

    def test_a_dated_commitment_keeps_its_state_from_its_date(self) -> None:
        c = Commitment(id="n", actor="GBR", kind="training", status="signalled", as_of=D(2025, 3, 1))
        later = c.record(D(2025, 3, 9), "pledged")
        assert [later.status_on(day) for day in (D(2025, 2, 28), D(2025, 3, 5), D(2025, 3, 9))] == [
            None, CommitmentStatus.SIGNALLED, CommitmentStatus.PLEDGED,
        ]  # fmt: skip
        assert later.status is CommitmentStatus.PLEDGED
        # on the day it was made: its state that day stays in the history, before the change
        same_day = c.record(D(2025, 3, 1), "pledged")
        assert [(h.date, h.status.value) for h in same_day.history] == [
            (D(2025, 3, 1), "signalled"), (D(2025, 3, 1), "pledged"),
        ]  # fmt: skip
        assert same_day.status_on(D(2025, 3, 1)) is CommitmentStatus.PLEDGED
        # confirmed as it stood: an entry, nothing else changes
        again = later.record(D(2025, 3, 16))
        assert again.status is CommitmentStatus.PLEDGED
        assert len(again.history) == len(later.history) + 1

    def test_refuses_a_day_before_the_last_change_and_bad_values(self) -> None:
        c = Commitment(
            id="n", actor="GBR", kind="training", status="pledged",
            history=(StatusChange(date=D(2025, 3, 9), status="pledged"),),
        )  # fmt: skip
        with pytest.raises(ValidationError, match="^day: 2025-03-01 comes before the last change recorded"):
            c.record(D(2025, 3, 1))
        # review: a day before the commitment's as_of overwrote what it said on that date
        dated = Commitment(id="d", actor="GBR", kind="funding", status="pledged", as_of=D(2025, 3, 10))
        with pytest.raises(
            ValidationError, match="^day: 2025-03-01 comes before the commitment's as_of, 2025-03-10"
        ):
            dated.record(D(2025, 3, 1), "withdrawn")
        # review: an undated commitment would disappear from every earlier day
        undated = Commitment(id="u", actor="GBR", kind="funding", status="pledged")
        with pytest.raises(ValidationError, match="^Commitment u: undated and without a history"):
            undated.record(D(2025, 3, 10), "withdrawn")
        with pytest.raises(ValidationError, match="^day: "):
            c.record("2025-04-01")  # type: ignore[arg-type]
        with pytest.raises(ValidationError, match="'pledgd' is not one of"):
            c.record(D(2025, 4, 1), "pledgd")
        assert c.record(D(2025, 3, 9), "agreed").status_on(D(2025, 3, 9)) is CommitmentStatus.AGREED

    @settings(max_examples=200)
    @given(
        strategies.commitments(),
        st.none() | strategies.quantities(),
        st.none() | st.sampled_from(CommitmentStatus),
        st.integers(min_value=0, max_value=400),
        st.booleans(),
        st.data(),
    )
    def test_earlier_days_read_as_before(
        self,
        c: Commitment,
        quantity: Quantity | None,
        status: CommitmentStatus | None,
        after: int,
        unrecorded: bool,
        data: st.DataObject,
    ) -> None:
        if unrecorded and c.history and all(h.quantity is None for h in c.history):
            c = attrs.evolve(c, quantity=data.draw(strategies.quantities()))  # the history records none
        if not c.history and c.as_of is None:
            with pytest.raises(ValidationError, match="undated and without a history"):
                c.record(dt.date(2025, 1, 1))
            return
        last = max(d for d in (c.as_of, c.history[-1].date if c.history else None) if d is not None)
        if last > dt.date.min:
            with pytest.raises(ValidationError, match="^day: .* comes before"):
                c.record(last - dt.timedelta(days=1))
        day = min(last + dt.timedelta(days=after), dt.date.max)
        later = c.record(day, status, quantity=quantity)
        assert later.status == (status or c.status)
        assert later.quantity == (quantity or c.quantity)
        assert later.status_on(day) == later.status
        assert later.quantity_on(day) == later.quantity
        probes = {day - dt.timedelta(days=1), last, *(h.date for h in c.history)}
        for probe in probes:
            if probe < day:
                assert later.status_on(probe) == c.status_on(probe), probe
                assert later.quantity_on(probe) == c.quantity_on(probe), probe


class TestCommitment:
    def test_minimal(self) -> None:
        c = commitment()
        assert c.history == ()
        assert c.status_on(D(1900, 1, 1)) is CommitmentStatus.SIGNALLED

    def test_enum_values_accepted_and_checked(self) -> None:
        assert commitment(kind="military_aid").kind is CommitmentKind.MILITARY_AID
        with pytest.raises(ValidationError, match=r"Commitment.status: 'pledgd' is not one of signalled"):
            commitment(status="pledgd")

    def test_history_must_agree_with_status(self) -> None:
        with pytest.raises(ValidationError, match="disagrees with the last history entry 'pledged'"):
            commitment(
                status=CommitmentStatus.AGREED,
                history=[StatusChange(date=D(2025, 1, 1), status=CommitmentStatus.PLEDGED)],
            )

    def test_history_sorted(self) -> None:
        with pytest.raises(ValidationError, match=r"history\[1\] dated 2024-01-01 comes before"):
            commitment(
                status=CommitmentStatus.PLEDGED,
                history=[
                    StatusChange(date=D(2025, 1, 1), status=CommitmentStatus.SIGNALLED),
                    StatusChange(date=D(2024, 1, 1), status=CommitmentStatus.PLEDGED),
                ],
            )

    def test_status_and_quantity_on(self) -> None:
        eur = lambda n: Quantity(amount=Decimal(n), unit="EUR")  # noqa: E731
        c = commitment(
            kind=CommitmentKind.FUNDING,
            status=CommitmentStatus.IN_FORCE,
            quantity=eur(3),
            history=[
                StatusChange(date=D(2025, 1, 1), status=CommitmentStatus.SIGNALLED),
                StatusChange(date=D(2025, 2, 1), status=CommitmentStatus.PLEDGED, quantity=eur(2)),
                StatusChange(date=D(2025, 6, 1), status=CommitmentStatus.IN_FORCE, quantity=eur(3)),
            ],
        )
        assert c.status_on(D(2024, 12, 31)) is None
        assert c.status_on(D(2025, 1, 1)) is CommitmentStatus.SIGNALLED
        assert c.status_on(D(2025, 3, 1)) is CommitmentStatus.PLEDGED
        assert c.status_on(D(2030, 1, 1)) is CommitmentStatus.IN_FORCE
        assert c.quantity_on(D(2025, 1, 15)) is None
        assert c.quantity_on(D(2025, 3, 1)) == eur(2)
        assert c.quantity_on(D(2025, 6, 1)) == eur(3)

    def test_quantity_must_agree_with_history(self) -> None:
        with pytest.raises(ValidationError, match="disagrees with the last quantity"):
            commitment(
                status=CommitmentStatus.PLEDGED,
                quantity=Quantity(amount=Decimal(1), unit="EUR"),
                history=[
                    StatusChange(
                        date=D(2025, 1, 1),
                        status=CommitmentStatus.PLEDGED,
                        quantity=Quantity(amount=Decimal(2), unit="EUR"),
                    )
                ],
            )

    def test_undated_without_history_exists_always(self) -> None:
        dated = commitment(as_of=D(2025, 3, 1))
        assert dated.status_on(D(2025, 2, 28)) is None
        assert dated.status_on(D(2025, 3, 1)) is CommitmentStatus.SIGNALLED

    def test_status_vocabulary(self) -> None:
        assert CommitmentStatus.SIGNALLED.level < CommitmentStatus.IN_FORCE.level
        assert not CommitmentStatus.BREACHED.is_active
        assert CommitmentStatus.AGREED.is_active
        names = {k.name for k in CommitmentKind}
        for needed in (
            "INTELLIGENCE_SHARING",
            "MILITARY_AID",
            "DIPLOMATIC_GUARANTEE",
            "DEFENCE",
            "OFFENCE",
            "NEUTRALITY",
            "NON_AGGRESSION",
            "CONSULTATION",
            "GROUND_TROOPS",
            "TRAINING",
            "REASSURANCE",
            "REBUILDING_SECURITY_INSTITUTIONS",
            "FUNDING",
            "OTHER",
        ):
            assert needed in names

    def test_component_status_default(self) -> None:
        assert Component(id="c", title="t").status is ComponentStatus.UNDER_NEGOTIATION


class TestDates:
    def test_durations(self) -> None:
        assert str(Duration.parse("P10Y")) == "P10Y"
        assert Duration.parse("for 10 years") == Duration(years=10)
        assert Duration.parse("18 months") == Duration(months=18)
        assert Duration.parse("P2W") == Duration(days=14)
        assert str(Duration()) == "P0D"
        assert str(Duration(years=1, months=6, days=3)) == "P1Y6M3D"
        assert Duration(months=1).after(D(2025, 1, 31)) == D(2025, 2, 28)
        with pytest.raises(ValidationError, match="not a duration"):
            Duration.parse("soon")
        with pytest.raises(ValidationError, match="whole number"):
            Duration(years=-1)

    def test_relativedelta_is_a_copy(self) -> None:
        d = Duration(years=1)
        rd = d.to_relativedelta()
        rd.years = 5
        assert d.to_relativedelta().years == 1

    def test_period_rules(self) -> None:
        with pytest.raises(ValidationError, match="start 2025-02-01 is after end"):
            Period(start=D(2025, 2, 1), end=D(2025, 1, 1))
        with pytest.raises(ValidationError, match="not both"):
            Period(start=D(2025, 1, 1), end=D(2026, 1, 1), duration="P1Y")  # type: ignore[arg-type]
        with pytest.raises(ValidationError, match="not both"):
            Period(start=D(2025, 1, 1), after="settlement_signed")
        with pytest.raises(ValidationError, match="only meaningful with after"):
            Period(delay="P1Y")  # type: ignore[arg-type]

    def test_event_relative_period(self) -> None:
        p = Period(after="settlement_signed", delay="12 months", duration="P5Y")  # type: ignore[arg-type]
        assert p.start_date() is None
        assert p.contains(D(2030, 1, 1)) is None
        events = {"settlement_signed": D(2026, 1, 31)}
        assert p.start_date(events) == D(2027, 1, 31)
        assert p.end_date(events) == D(2032, 1, 30)  # the day before five years have elapsed
        assert p.contains(D(2030, 1, 1), events) is True
        assert p.contains(D(2026, 6, 1), events) is False

    def test_period_methods_take_facts_and_refuse_what_is_not_a_date(self) -> None:
        p = Period(after="settlement_signed", duration="P1Y")  # type: ignore[arg-type]
        facts = Facts({"settlement_signed": D(2025, 1, 1)})
        assert p.start_date(facts) == D(2025, 1, 1)
        assert p.end_date(facts) == D(2025, 12, 31)
        assert p.contains(D(2025, 6, 1), facts) is True
        assert p.start_date(Facts({"settlement_signed": True})) is None  # happened, no date known
        late = dt.datetime(2025, 1, 1, 23, tzinfo=dt.timezone(dt.timedelta(hours=-5)))
        assert p.start_date({"settlement_signed": late}) == D(2025, 1, 2)  # its UTC date
        with pytest.raises(ValidationError, match=r"events\['settlement_signed'\]: naive datetime"):
            p.start_date({"settlement_signed": dt.datetime(2025, 1, 1)})
        with pytest.raises(ValidationError, match=r"events: \['settlement_signed'\] is not a mapping"):
            p.end_date(["settlement_signed"])  # type: ignore[arg-type]
        fixed = Period(start=D(2025, 1, 1), duration="P1Y")  # type: ignore[arg-type]
        with pytest.raises(ValidationError, match="day: '2025-06-01' is not a date"):
            fixed.contains("2025-06-01")  # type: ignore[arg-type]
        with pytest.raises(ValidationError, match="day: naive datetime"):
            fixed.contains(dt.datetime(2025, 6, 1))
        assert fixed.contains(dt.datetime(2025, 12, 31, 23, tzinfo=dt.UTC)) is True

    def test_a_period_starting_past_the_calendar_never_starts(self) -> None:
        # its start is clamped to 9999-12-31 for display, but no day falls in it
        p = Period(after="signed", delay="P1Y", duration="P1Y")  # type: ignore[arg-type]
        assert p.contains(dt.date.max, {"signed": D(9999, 12, 30)}) is False
        one_day = Period(after="signed", delay="P1D")  # type: ignore[arg-type]
        assert one_day.contains(dt.date.max, {"signed": D(9999, 12, 30)}) is True
        assert one_day.contains(dt.date.max, {"signed": dt.date.max}) is False
        # an end past the calendar still means open-ended
        assert Period(after="signed", duration="P1Y").contains(dt.date.max, {"signed": D(9999, 6, 1)}) is True  # type: ignore[arg-type]

    def test_parse_date(self) -> None:
        assert parse_date("2025-03-01") == D(2025, 3, 1)
        assert parse_date("March 2025") == D(2025, 3, 1)
        assert parse_date("1 Mar 2025") == D(2025, 3, 1)
        assert parse_date(dt.datetime(2025, 3, 1, 23, tzinfo=dt.timezone(dt.timedelta(hours=-5)))) == D(
            2025, 3, 2
        )
        with pytest.raises(ValidationError, match="naive datetime"):
            parse_date(dt.datetime(2025, 3, 1))
        with pytest.raises(ValidationError, match="is not a date"):
            parse_date("not a date at all")

    @pytest.mark.parametrize(
        "text", ["2025-02-01T10:00+25:00", "2025-02-01T10:00-24:00", "1 March 2025 10:00 +99"]
    )
    def test_parse_date_refuses_an_offset_of_a_day_or_more(self, text: str) -> None:
        with pytest.raises(ValidationError, match=r"has a UTC offset of a day or more$"):
            parse_date(text)

    def test_parse_date_default_day(self) -> None:
        assert parse_date("March 2025", default_day=15) == D(2025, 3, 15)
        assert parse_date("February 2025", default_day=31) == D(2025, 2, 28)  # the month's last day
        assert parse_date("1 March 2025", default_day=15) == D(2025, 3, 1)  # a day given is kept
        numpy = pytest.importorskip("numpy")
        assert parse_date("March 2025", default_day=numpy.int64(15)) == D(2025, 3, 15)

    @pytest.mark.parametrize("default_day", [0, 32, -1, True, 1.0, None, "1"])
    def test_parse_date_refuses_a_default_day_that_is_no_day(self, default_day: object) -> None:
        # checked whether the text needs it or not (an ISO date does not)
        for text in ("March 2025", "2025-03-01"):
            with pytest.raises(
                ValidationError, match=r"^default_day: .* is not a day of the month \(1 to 31\)$"
            ):
                parse_date(text, default_day=default_day)  # type: ignore[arg-type]

    @pytest.mark.parametrize(
        ("text", "day"),
        [
            ("2025-03-01T23:30-05:00", D(2025, 3, 2)),  # as loads reads it: the UTC date
            ("2025-03-01T23:30:00Z", D(2025, 3, 1)),
            ("2025-03-01T00:30+01:00", D(2025, 2, 28)),
            ("March 1 2025 23:30 -0500", D(2025, 3, 2)),
            ("1 March 2025", D(2025, 3, 1)),
            ("2025-03-01t23:30Z", D(2025, 3, 1)),
            ("2025-03-01 23:30+01:00", D(2025, 3, 1)),
            # a date with an offset and no time (XML Schema): the day as written
            ("2025-03-01-05:00", D(2025, 3, 1)),
            ("2025-03-01+05:00", D(2025, 3, 1)),
            ("2025-03-01Z", D(2025, 3, 1)),
            # after UTC or GMT, the offset as written (dateutil alone reverses the sign)
            ("1 March 2025 23:30 UTC-05:00", D(2025, 3, 2)),
            ("1 March 2025 00:30 UTC+1", D(2025, 2, 28)),
            ("1 March 2025 00:30 gmt+1", D(2025, 2, 28)),
            ("1 March 2025 00:30 GMT-0300", D(2025, 3, 1)),
            ("1 March 2025 11 pm UTC-5", D(2025, 3, 2)),
            ("2025-03-01 00:30 UTC+01:00", D(2025, 2, 28)),
            ("Mar-01-2025 23:30 UTC", D(2025, 3, 1)),  # "Mar-01" is no offset
            ("1 March 2025 00:30 UTC+5:30", D(2025, 2, 28)),
            ("1 March 2025 23:30 UTC-0500", D(2025, 3, 2)),
            ("1 March 2025 23:00:15.5 UTC-11", D(2025, 3, 2)),
            ("1 March 2025 10 a.m. UTC-5", D(2025, 3, 1)),
            # a name must follow the time directly: am/pm, or a date after the time, are no zone
            ("March 1, 2025 11:30 PM -05:00", D(2025, 3, 2)),
            ("1 March 2025 10:00am-05:00", D(2025, 3, 1)),
            ("1 March 2025 10:00 PM +0100", D(2025, 3, 1)),
            ("10:00 UTC 01-Mar-2025", D(2025, 3, 1)),
            ("23:30 UTC, Mar-01-2025", D(2025, 3, 1)),
        ],
    )
    def test_parse_date_reads_text_with_a_time_as_its_utc_date(self, text: str, day: dt.date) -> None:
        assert parse_date(text) == day

    @pytest.mark.parametrize(
        "text",
        ["2025-03-01T10:30:00", "2025-03-01 00:00", "1 March 2025 10:30", "1 March 2025 10:00 EST"],
    )
    def test_parse_date_refuses_a_time_without_an_offset(self, text: str) -> None:
        with warnings.catch_warnings():
            warnings.simplefilter("error")  # nor does dateutil warn about a zone name it cannot read
            with pytest.raises(ValidationError, match="has a time of day but no UTC offset"):
                parse_date(text)

    @pytest.mark.parametrize("text", ["1 March 2025 10pm EST-5", "1 March 2025 23:30 CET+1"])
    def test_parse_date_refuses_a_zone_name_with_an_offset(self, text: str) -> None:
        # POSIX reads "EST-5" as five hours ahead of UTC, people as behind: never guessed
        with pytest.raises(ValidationError, match="a zone name with an offset .* read with either sign"):
            parse_date(text)
        with pytest.raises(ValidationError, match="'UTC\\+25' is not a UTC offset"):
            parse_date("1 March 2025 00:30 UTC+25")

    @pytest.mark.parametrize("text", ["2025-03-01x12:00Z", "2025-03-01\u00e912:00Z", "2025-02-30+01:00"])
    def test_parse_date_refuses_odd_separators_and_days(self, text: str) -> None:
        with pytest.raises(ValidationError, match="is not a date"):
            parse_date(text)

    @pytest.mark.parametrize("text", ["01/02/2025", "1.2.2025", "01-02-2025", "2025 01/02"])
    def test_parse_date_refuses_dates_that_read_two_ways(self, text: str) -> None:
        # 1 February in London, January 2 in Washington: never guessed
        with pytest.raises(ValidationError) as info:
            parse_date(text)
        assert str(info.value) == (
            f"{text!r} is ambiguous: 2025-01-02 (month first) or 2025-02-01 (day first); "
            "write the ISO date or the month's name"
        )

    @pytest.mark.parametrize(
        ("text", "day"),
        [
            ("13/02/2025", D(2025, 2, 13)),
            ("02/13/2025", D(2025, 2, 13)),
            ("1/1/2025", D(2025, 1, 1)),
            ("2025/02/01", D(2025, 2, 1)),
            ("2025.01.02", D(2025, 1, 2)),
            ("Feb 1 2025", D(2025, 2, 1)),
        ],
    )
    def test_parse_date_reads_numeric_dates_only_one_reading_fits(self, text: str, day: dt.date) -> None:
        assert parse_date(text) == day

    @pytest.mark.parametrize("text", ["25/03/01", "1 Mar 99", "March 25"])
    def test_parse_date_refuses_a_year_in_two_digits(self, text: str) -> None:
        with pytest.raises(ValidationError, match="abbreviates the year; write it in full|gives no year"):
            parse_date(text)

    def test_before_and_after_take_aware_datetimes_as_their_utc_date(self) -> None:
        late = dt.datetime(2025, 1, 1, 23, tzinfo=dt.timezone(dt.timedelta(hours=-5)))
        assert Before(late) == Before(D(2025, 1, 2))
        assert After(late).date == D(2025, 1, 2)
        with pytest.raises(ValidationError, match="After.date: naive datetime"):
            After(dt.datetime(2025, 1, 1))


def test_source() -> None:
    s = Source(title="Reuters", published=D(2025, 3, 2), quote="…")
    assert s.url is None
    with pytest.raises(ValidationError, match="Source.title"):
        Source(title="")


def test_scale_labels_and_identifiers_refuse_lone_surrogates() -> None:
    with pytest.raises(ValidationError, match=r"OrdinalScale.levels\[1\]: .* lone UTF-16 surrogate"):
        OrdinalScale(levels=("a", "b\ud800"))
    with pytest.raises(ValidationError, match=r"NominalScale.options\[0\]: .* lone UTF-16 surrogate"):
        NominalScale(options=("\udc00", "b"))
    with pytest.raises(ValidationError, match=r"Actor.identifiers\['k'\]: .* lone UTF-16 surrogate"):
        Actor(id="a", name="A", identifiers={"k": "v\ud800"})
    with pytest.raises(ValidationError, match="lone UTF-16 surrogate"):
        Actor(id="a", name="A", identifiers={"k\ud800": "v"})
    assert OrdinalScale(levels=("ä", "\U0001f600")).levels == ("ä", "\U0001f600")


def test_text_stances_and_condition_values_refuse_lone_surrogates() -> None:
    from decimal import Decimal

    from accord import Compare, Position, ValidationError

    with pytest.raises(ValidationError, match=r"Position\.stance: .* contains a lone UTF-16 surrogate"):
        Position(actor="a", issue="i", stance="x\ud800")
    with pytest.raises(ValidationError, match=r"Compare\.value: .* contains a lone UTF-16 surrogate"):
        Compare("x", "==", "\udc00")
    with pytest.raises(ValidationError, match=r"Compare\.value\[1\]: .* lone UTF-16 surrogate"):
        Compare("x", "in", ("a", "\udc00"))
    with pytest.raises(ValidationError, match=r"Position\.stance: .*1E-400.* is beyond 1e±300"):
        Position(actor="a", issue="i", stance=Decimal("1e-400"))
    with pytest.raises(ValidationError, match=r"Position\.stance: True is not a level name or a number"):
        Position(actor="a", issue="i", stance=True)  # type: ignore[arg-type]


def test_a_duration_ends_the_day_before_it_has_elapsed() -> None:
    from accord import Period

    start = D(2025, 1, 1)
    year = Period(start=start, duration="P1Y")  # type: ignore[arg-type]
    assert year.end_date() == D(2025, 12, 31)
    assert year.contains(D(2025, 12, 31))
    assert not year.contains(D(2026, 1, 1))
    day = Period(start=start, duration="P1D")  # type: ignore[arg-type]
    assert day.contains(start)
    assert not day.contains(D(2025, 1, 2))
    assert not Period(start=start, duration="P0D").contains(start)  # type: ignore[arg-type]
    assert str(Period(start=start, duration="P0D")) == "from 2025-01-01, for P0D"  # type: ignore[arg-type]
    assert str(Period(after="signed", delay="P0D")) == "P0D after signed"  # type: ignore[arg-type]
    assert not Duration()
    assert all(Duration(**{part: 1}) for part in ("years", "months", "days"))
    after = Period(after="signed", duration="P5Y")  # type: ignore[arg-type]
    assert after.end_date({"signed": D(2025, 9, 1)}) == D(2030, 8, 31)
    endless = Period(start=D(9500, 1, 1), duration="P1000Y")  # type: ignore[arg-type]
    assert endless.end_date() == D(9999, 12, 31)


@settings(max_examples=60, deadline=None)
@given(
    st.one_of(
        strategies.frameworks(),
        strategies.actors(),
        strategies.facts(),
        strategies.commitments(),
        strategies.conditions(),
        strategies.positions(),
    )
)
def test_every_public_object_pickles_and_deep_copies(value: object) -> None:
    # multiprocessing, caches and notebooks pickle; read-only mappings must not stop them
    for copied in (pickle.loads(pickle.dumps(value)), copy.deepcopy(value)):
        assert copied == value
        assert hash(copied) == hash(value)
        assert type(copied) is type(value)
    if isinstance(value, Framework):
        for actor in value.actors:
            assert pickle.loads(pickle.dumps(value)).resolve(actor.id) == actor


def test_constructor_signatures_name_the_enums_they_take() -> None:
    # help() and IDEs show what a field takes: the enum or its value (or None where optional)
    assert str(inspect.signature(Actor).parameters["kind"]).startswith(
        "kind: accord.vocabulary.ActorKind | str = "
    )
    assert str(inspect.signature(Framework).parameters["status"]) == (
        "status: accord.vocabulary.ComponentStatus | str | None = None"
    )


def test_evaluation_results_pickle_and_deep_copy() -> None:
    # a process pool's worker hands them back pickled (a mapping proxy could not be)
    fw = postwar_ukraine()
    facts = {"settlement_signed": True}
    for results in (fw.evaluate(facts), fw.evaluate_positions(facts)):
        assert results
        for copied in (pickle.loads(pickle.dumps(results)), copy.deepcopy(results)):
            assert copied == results


@pytest.mark.parametrize("protocol", range(pickle.HIGHEST_PROTOCOL + 1))
def test_a_framework_pickles_with_every_protocol(protocol: int) -> None:
    fw = postwar_ukraine()
    copied = pickle.loads(pickle.dumps(fw, protocol=protocol))
    assert copied == fw
    assert copied.resolve("UK").id == "GBR"
