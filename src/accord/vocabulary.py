"""Controlled vocabularies: kinds of actors and commitments, lifecycle states.

Each member's value is its wire spelling (lower case, underscores).
"""

import enum

__all__ = ["ActorKind", "CommitmentKind", "CommitmentStatus", "ComponentStatus"]


class ActorKind(enum.Enum):
    """What sort of actor an :class:`~accord.Actor` is."""

    #: A sovereign state, identified by its ISO 3166-1 alpha-3 code (``GBR``).
    STATE = "state"
    #: An international organisation (``UN``, ``EU``, ``OSCE``).
    ORGANISATION = "organisation"
    #: A treaty alliance with mutual obligations (``NATO``).
    ALLIANCE = "alliance"
    #: An informal group of actors acting together (a "coalition of the willing").
    COALITION = "coalition"
    #: A government, ministry or leader speaking for a state.
    GOVERNMENT = "government"
    #: A non-state armed group or movement.
    NON_STATE = "non_state"
    #: Anything else.
    OTHER = "other"


class CommitmentKind(enum.Enum):
    """What is pledged or signalled in a :class:`~accord.Commitment`."""

    #: Own ground troops or a military presence on the beneficiary's territory.
    GROUND_TROOPS = "ground_troops"
    #: Training of the beneficiary's forces.
    TRAINING = "training"
    #: Reassurance: deterrent presence, air policing, patrols, tripwire forces.
    REASSURANCE = "reassurance"
    #: Helping rebuild the beneficiary's security institutions.
    REBUILDING_SECURITY_INSTITUTIONS = "rebuilding_security_institutions"
    #: Weapons, equipment and ammunition.
    MILITARY_AID = "military_aid"
    #: Sharing intelligence with the beneficiary.
    INTELLIGENCE_SHARING = "intelligence_sharing"
    #: Money: budget support, reconstruction funds, loans.
    FUNDING = "funding"
    #: A diplomatic or political guarantee short of a defence obligation.
    DIPLOMATIC_GUARANTEE = "diplomatic_guarantee"
    #: Monitoring or enforcing compliance (observers, verification, sanctions snap-back).
    ENFORCEMENT = "enforcement"
    #: ATOP: active military support if the partner is attacked.
    DEFENCE = "defence"
    #: ATOP: active military support in a conflict the partner starts.
    OFFENCE = "offence"
    #: ATOP: staying out of a conflict involving the partner.
    NEUTRALITY = "neutrality"
    #: ATOP: refraining from military conflict with the partner.
    NON_AGGRESSION = "non_aggression"
    #: ATOP: consulting the partner in a crisis.
    CONSULTATION = "consultation"
    #: Anything else; say what in the description.
    OTHER = "other"


class CommitmentStatus(enum.Enum):
    """Where a commitment stands in its lifecycle.

    The forward path is signalled → proposed → pledged → agreed → in force →
    fulfilled; withdrawn, expired, declined and breached end it.
    """

    #: Willingness indicated publicly, nothing offered formally.
    SIGNALLED = "signalled"
    #: Offered formally in negotiations.
    PROPOSED = "proposed"
    #: Promised unilaterally and publicly.
    PLEDGED = "pledged"
    #: Agreed with the other parties, not yet in effect.
    AGREED = "agreed"
    #: In effect now.
    IN_FORCE = "in_force"
    #: Carried out completely.
    FULFILLED = "fulfilled"
    #: Taken back by the actor.
    WITHDRAWN = "withdrawn"
    #: Lapsed at the end of its period.
    EXPIRED = "expired"
    #: Refused by the actor or turned down by the beneficiary.
    DECLINED = "declined"
    #: A party failed to honour it.
    BREACHED = "breached"

    @property
    def level(self) -> int:
        """How far along the forward path: 1 (signalled) … 6 (fulfilled); 0 once ended."""
        return _LEVELS[self]

    @property
    def is_active(self) -> bool:
        """Whether the commitment still stands (not withdrawn, expired, declined or breached)."""
        return _LEVELS[self] > 0


_LEVELS = {
    CommitmentStatus.SIGNALLED: 1,
    CommitmentStatus.PROPOSED: 2,
    CommitmentStatus.PLEDGED: 3,
    CommitmentStatus.AGREED: 4,
    CommitmentStatus.IN_FORCE: 5,
    CommitmentStatus.FULFILLED: 6,
    CommitmentStatus.WITHDRAWN: 0,
    CommitmentStatus.EXPIRED: 0,
    CommitmentStatus.DECLINED: 0,
    CommitmentStatus.BREACHED: 0,
}


class ComponentStatus(enum.Enum):
    """Where a part of a framework stands in the negotiation."""

    #: Put on the table, not yet discussed.
    PROPOSED = "proposed"
    #: Being negotiated.
    UNDER_NEGOTIATION = "under_negotiation"
    #: Settled among the parties.
    AGREED = "agreed"
    #: Discussed without agreement; parked or deadlocked.
    UNRESOLVED = "unresolved"
    #: Taken off the table.
    REJECTED = "rejected"
