"""A small framework touching every field of the format, built in Python."""

import datetime as dt
from decimal import Decimal

import accord
from accord import (
    Actor,
    ActorKind,
    Commitment,
    CommitmentKind,
    CommitmentStatus,
    Compare,
    Component,
    ComponentStatus,
    Fact,
    Framework,
    Issue,
    Membership,
    Position,
    Quantity,
    Source,
    StatusChange,
)

REUTERS = Source(
    title="Reuters, 6 Jan 2026",
    url="https://example.org/reuters",
    publisher="Reuters",
    published=dt.date(2026, 1, 6),
    quote="London and Paris signal willingness to deploy troops.",
)


def sample_framework() -> Framework:
    settlement = Fact("settlement_signed")
    return Framework(
        id="ukraine-postwar",
        title="Post-war security guarantees for Ukraine",
        status=ComponentStatus.UNDER_NEGOTIATION,
        as_of=dt.date(2026, 1, 6),
        description="Troop deployments, funding and enforcement under negotiation.",
        actors=(
            Actor(id="GBR", name="United Kingdom", aliases=("UK", "Britain"), identifiers={"cow": "200"}),
            Actor(id="FRA", name="France"),
            Actor(id="USA", name="United States", aliases=("US",)),
            Actor(id="UKR", name="Ukraine"),
            Actor(id="NATO", name="North Atlantic Treaty Organization", kind=ActorKind.ALLIANCE),
        ),
        memberships=(
            Membership(member="GBR", group="NATO", start=dt.date(1949, 8, 24)),
            Membership(member="USA", group="NATO", start=dt.date(1949, 8, 24), sources=(REUTERS,)),
        ),
        issues=(
            Issue(id="troops", title="Deploy own ground troops", component="deployments"),
            Issue(
                id="share",
                title="Share of GDP for aid",
                scale=accord.IntervalScale(low=0, high=Decimal("2.5"), unit="percent of GDP"),
            ),
            Issue(id="lead", title="Who leads", scale=accord.NominalScale(options=("europe", "us", "un"))),
        ),
        positions=(
            Position(
                actor="GBR",
                issue="troops",
                stance="willing",
                salience=0.9,
                conditions=settlement & Fact("legal_framework"),
                as_of=dt.date(2026, 1, 6),
                sources=(REUTERS,),
            ),
            Position(actor="USA", issue="troops", stance="reluctant", salience=0.75),
            Position(actor="USA", issue="share", stance=Decimal("0.25")),
            Position(actor="FRA", issue="share", stance=0.5),
            Position(actor="GBR", issue="share", stance=1, note="roughly"),
            Position(actor="USA", issue="lead", stance="europe"),
        ),
        commitments=(
            Commitment(
                id="gbr-troops",
                actor="GBR",
                kind=CommitmentKind.GROUND_TROOPS,
                status=CommitmentStatus.SIGNALLED,
                beneficiary="UKR",
                description="Troops for training and reassurance, not combat",
                quantity=Quantity(amount=Decimal("10000"), unit="troops"),
                period=accord.Period(after="settlement_signed", duration="P10Y"),
                conditions=accord.AllOf(
                    (
                        settlement,
                        accord.AnyOf((Fact("un_mandate"), Compare("legal_basis", "in", ("un", "eu")))),
                        accord.Not(Fact("ceasefire_broken")),
                    )
                ),
                component="deployments",
                as_of=dt.date(2026, 1, 6),
                sources=(REUTERS,),
            ),
            Commitment(
                id="usa-aid",
                actor="USA",
                kind=CommitmentKind.MILITARY_AID,
                status=CommitmentStatus.PLEDGED,
                beneficiary="UKR",
                quantity=Quantity(amount=Decimal("2500000000.00"), unit="USD"),
                period=accord.Period(start=dt.date(2026, 1, 1), end=dt.date(2026, 12, 31)),
                conditions=accord.AtLeast(
                    2,
                    (
                        accord.InForce("gbr-troops"),
                        accord.Before(dt.date(2027, 1, 1)),
                        accord.After(dt.date(2025, 1, 1)),
                        Compare("aid_tranche", ">=", Decimal("1.5")),
                    ),
                ),
                component="funding",
                history=(
                    StatusChange(date=dt.date(2025, 12, 1), status=CommitmentStatus.PROPOSED),
                    StatusChange(
                        date=dt.date(2026, 1, 5),
                        status=CommitmentStatus.PLEDGED,
                        quantity=Quantity(amount=Decimal("2500000000.00"), unit="USD"),
                        source=REUTERS,
                        note="announced",
                    ),
                ),
            ),
            Commitment(
                id="usa-intel",
                actor="USA",
                kind=CommitmentKind.INTELLIGENCE_SHARING,
                status=CommitmentStatus.IN_FORCE,
                beneficiary="UKR",
                conditions=Compare("signed_on", "<", dt.date(2026, 6, 1)),
            ),
        ),
        components=(
            Component(id="deployments", title="Troop deployments"),
            Component(id="funding", title="Funding", status=ComponentStatus.AGREED, sources=(REUTERS,)),
            Component(id="enforcement", title="Enforcement mechanisms", status=ComponentStatus.UNRESOLVED),
        ),
        sources=(REUTERS,),
    )
