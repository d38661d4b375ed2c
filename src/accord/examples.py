"""Embedded example scenarios.

:func:`postwar_ukraine` encodes accord's founding report sentence by
sentence; every claim carries a :class:`~accord.Source` quoting the sentence
it rests on. It is pure data, rebuilt on each call and identical every time.
"""

import datetime as dt

from accord.actors import Actor, Membership
from accord.commitments import Commitment
from accord.conditions import AllOf, AnyOf, Condition, Fact, InForce
from accord.framework import Component, Framework
from accord.issues import Issue, Position
from accord.sources import Source
from accord.vocabulary import ActorKind, CommitmentKind, CommitmentStatus, ComponentStatus

__all__ = ["REPORT_DATE", "REPORT_SENTENCES", "postwar_ukraine"]

#: The date the founding report is taken to describe. The report itself is
#: undated; early March 2025, when London and Paris first floated a
#: post-settlement force, is an assumption stated in every source.
REPORT_DATE = dt.date(2025, 3, 2)

#: The founding report, one sentence per entry, in order.
REPORT_SENTENCES: tuple[str, ...] = (
    "The United Kingdom and France signal willingness to deploy troops in post-war Ukraine "
    "— for training, reassurance and helping Ukraine rebuild its security institutions, "
    "framed as stabilisation, not combat — but only under a negotiated settlement, with clear "
    "legal frameworks and international backing.",
    "London and Paris argue that credible on-the-ground commitments are essential to deter "
    "renewed aggression.",
    "The United States is reluctant to put its own forces in Ukraine after the war (escalation "
    "risk, avoiding direct confrontation with Russia); it prefers continued military aid, "
    'intelligence sharing and diplomatic guarantees, wants security assurances "robust but '
    'flexible", and sees European allies as well placed to lead regional deployments.',
    "The allies stay united on Ukraine's long-term stability and diverge on how responsibility is shared.",
    "The framework — troop deployments, funding commitments, enforcement mechanisms — is still "
    "under negotiation among NATO partners and other supporters of Ukraine.",
)

_TROOPS, _ARGUMENT, _US, _UNITED, _FRAMEWORK = range(5)


def _source(sentence: int) -> tuple[Source, ...]:
    return (
        Source(
            title=f"Founding report, sentence {sentence + 1}",
            publisher="accord design brief (secondary summary of public reporting)",
            published=REPORT_DATE,
            quote=REPORT_SENTENCES[sentence],
        ),
    )


#: "only under a negotiated settlement, with clear legal frameworks and
#: international backing". A UN Security Council mandate is read as providing
#: both the legal framework and the international backing.
_DEPLOYMENT_CONDITIONS: Condition = AllOf(
    (
        Fact("settlement_signed"),
        AnyOf((Fact("un_mandate"), AllOf((Fact("legal_framework_clear"), Fact("international_backing"))))),
    )
)


def _actors() -> tuple[Actor, ...]:
    return (
        Actor(
            id="GBR",
            name="United Kingdom",
            aliases=("UK", "Britain", "London"),
            identifiers={"iso3166": "GBR", "cow": "200", "wikidata": "Q145"},
        ),
        Actor(
            id="FRA",
            name="France",
            aliases=("Paris",),
            identifiers={"iso3166": "FRA", "cow": "220", "wikidata": "Q142"},
        ),
        Actor(
            id="USA",
            name="United States",
            aliases=("US", "United States of America", "Washington"),
            identifiers={"iso3166": "USA", "cow": "2", "wikidata": "Q30"},
        ),
        Actor(
            id="UKR",
            name="Ukraine",
            aliases=("Kyiv",),
            identifiers={"iso3166": "UKR", "cow": "369", "wikidata": "Q212"},
        ),
        Actor(
            id="RUS",
            name="Russia",
            aliases=("Russian Federation", "Moscow"),
            identifiers={"iso3166": "RUS", "cow": "365", "wikidata": "Q159"},
        ),
        Actor(
            id="NATO",
            name="North Atlantic Treaty Organization",
            kind=ActorKind.ALLIANCE,
            aliases=("the Alliance",),
            identifiers={"wikidata": "Q7184"},
        ),
        Actor(
            id="EUR-ALLIES",
            name="European allies",
            kind=ActorKind.COALITION,
            aliases=("European allies of Ukraine",),
        ),
        Actor(
            id="UKR-SUPPORTERS",
            name="Supporters of Ukraine",
            kind=ActorKind.COALITION,
            aliases=("NATO partners and other supporters of Ukraine",),
        ),
    )


def _memberships() -> tuple[Membership, ...]:
    founding = dt.date(1949, 8, 24)  # North Atlantic Treaty in force
    nato = tuple(Membership(member=state, group="NATO", start=founding) for state in ("GBR", "FRA", "USA"))
    european = tuple(
        Membership(member=state, group="EUR-ALLIES", sources=_source(_US)) for state in ("GBR", "FRA")
    )
    supporters = tuple(
        Membership(member=state, group="UKR-SUPPORTERS", sources=_source(_FRAMEWORK))
        for state in ("GBR", "FRA", "USA")
    )
    return nato + european + supporters


def _components() -> tuple[Component, ...]:
    return tuple(
        Component(id=cid, title=title, status=ComponentStatus.UNDER_NEGOTIATION, sources=_source(_FRAMEWORK))
        for cid, title in (
            ("troop-deployments", "Troop deployments"),
            ("funding", "Funding commitments"),
            ("enforcement", "Enforcement mechanisms"),
        )
    )


def _issues() -> tuple[Issue, ...]:
    return (
        Issue(
            id="own-ground-troops",
            title="Deploy own ground troops in post-war Ukraine",
            component="troop-deployments",
            description="Whether an actor is prepared to put its own forces on the ground after the war.",
        ),
        Issue(
            id="ground-presence-deters",
            title="Credible on-the-ground commitments are essential to deter renewed aggression",
            component="troop-deployments",
        ),
        Issue(
            id="european-lead",
            title="European allies should lead regional deployments",
            component="troop-deployments",
        ),
        Issue(
            id="aid-intel-guarantees",
            title="Support through military aid, intelligence sharing and diplomatic guarantees",
            component="enforcement",
        ),
        Issue(
            id="robust-flexible-assurances",
            title='Security assurances should be "robust but flexible"',
            component="enforcement",
        ),
        Issue(
            id="avoid-confrontation-russia",
            title="Avoid direct military confrontation with Russia",
        ),
        Issue(
            id="ukraine-long-term-stability",
            title="Ukraine's long-term stability",
        ),
    )


def _positions() -> tuple[Position, ...]:
    def pos(
        actor: str,
        issue: str,
        stance: str,
        sentence: int,
        *,
        conditions: Condition | None = None,
        note: str | None = None,
    ) -> Position:
        return Position(
            actor=actor,
            issue=issue,
            stance=stance,
            conditions=conditions,
            as_of=REPORT_DATE,
            sources=_source(sentence),
            note=note,
        )

    conditional = (
        "Only under a negotiated settlement, with clear legal frameworks and international backing; "
        "framed as stabilisation, not combat. A UN mandate is read as giving both."
    )
    return (
        pos(
            "GBR",
            "own-ground-troops",
            "willing",
            _TROOPS,
            conditions=_DEPLOYMENT_CONDITIONS,
            note=conditional,
        ),
        pos(
            "FRA",
            "own-ground-troops",
            "willing",
            _TROOPS,
            conditions=_DEPLOYMENT_CONDITIONS,
            note=conditional,
        ),
        pos(
            "USA",
            "own-ground-troops",
            "reluctant",
            _US,
            note="Escalation risk; avoiding direct confrontation with Russia.",
        ),
        pos("GBR", "ground-presence-deters", "support", _ARGUMENT),
        pos("FRA", "ground-presence-deters", "support", _ARGUMENT),
        pos("USA", "european-lead", "support", _US, note="Sees European allies as well placed to lead."),
        pos("USA", "aid-intel-guarantees", "support", _US, note="Prefers these to own forces on the ground."),
        pos("USA", "robust-flexible-assurances", "support", _US),
        pos("USA", "avoid-confrontation-russia", "support", _US),
        pos("GBR", "ukraine-long-term-stability", "support", _UNITED),
        pos("FRA", "ukraine-long-term-stability", "support", _UNITED),
        pos("USA", "ukraine-long-term-stability", "support", _UNITED),
    )


def _commitments() -> tuple[Commitment, ...]:
    found: list[Commitment] = []
    for state, prefix in (("GBR", "gbr"), ("FRA", "fra")):
        presence = f"{prefix}-ground-presence"
        found.append(
            Commitment(
                id=presence,
                actor=state,
                kind=CommitmentKind.GROUND_TROOPS,
                status=CommitmentStatus.SIGNALLED,
                beneficiary="UKR",
                description="Troops in post-war Ukraine, framed as stabilisation, not combat.",
                conditions=_DEPLOYMENT_CONDITIONS,
                component="troop-deployments",
                as_of=REPORT_DATE,
                sources=_source(_TROOPS),
            )
        )
        for kind, what in (
            (CommitmentKind.TRAINING, "Training Ukraine's forces"),
            (CommitmentKind.REASSURANCE, "Reassurance presence"),
            (
                CommitmentKind.REBUILDING_SECURITY_INSTITUTIONS,
                "Helping Ukraine rebuild its security institutions",
            ),
        ):
            found.append(
                Commitment(
                    id=f"{prefix}-{kind.value.replace('_', '-')}",
                    actor=state,
                    kind=kind,
                    status=CommitmentStatus.SIGNALLED,
                    beneficiary="UKR",
                    description=f"{what}, by the troops deployed in post-war Ukraine.",
                    conditions=InForce(presence),
                    component="troop-deployments",
                    as_of=REPORT_DATE,
                    sources=_source(_TROOPS),
                )
            )
    for kind, cid, what, component in (
        (CommitmentKind.MILITARY_AID, "usa-military-aid", "Continued military aid.", "funding"),
        (CommitmentKind.INTELLIGENCE_SHARING, "usa-intelligence", "Intelligence sharing.", None),
        (
            CommitmentKind.DIPLOMATIC_GUARANTEE,
            "usa-diplomatic-guarantees",
            'Diplomatic guarantees; security assurances "robust but flexible".',
            "enforcement",
        ),
    ):
        found.append(
            Commitment(
                id=cid,
                actor="USA",
                kind=kind,
                status=CommitmentStatus.SIGNALLED,
                beneficiary="UKR",
                description=what,
                component=component,
                as_of=REPORT_DATE,
                sources=_source(_US),
            )
        )
    return tuple(found)


def postwar_ukraine() -> Framework:
    """The founding scenario: security guarantees for post-war Ukraine, as of :data:`REPORT_DATE`.

    UK and French willingness to deploy troops under conditions, US reluctance
    and its preference for aid, intelligence and diplomatic guarantees, shared
    support for Ukraine's long-term stability, and a framework whose three
    components are all under negotiation.

    Returns:
        A new, fully validated :class:`~accord.Framework`; equal on every call.
    """
    return Framework(
        id="postwar-ukraine",
        title="Security guarantees for post-war Ukraine",
        status=ComponentStatus.UNDER_NEGOTIATION,
        as_of=REPORT_DATE,
        description=(
            "Who would put troops on the ground after a settlement, who prefers aid, intelligence "
            "and diplomatic guarantees, and the still-open framework of deployments, funding and "
            "enforcement."
        ),
        actors=_actors(),
        memberships=_memberships(),
        issues=_issues(),
        positions=_positions(),
        commitments=_commitments(),
        components=_components(),
        sources=tuple(s for i in range(len(REPORT_SENTENCES)) for s in _source(i)),
    )
