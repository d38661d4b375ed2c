"""accord: who stands where, who promised what, and on which conditions.

Typed, immutable models of multi-actor security arrangements — actors,
issues, positions, commitments, conditions and frameworks — with strict
validation and fast lookups.
"""

from accord.actors import Actor, Membership
from accord.commitments import Commitment, Quantity, StatusChange
from accord.conditions import (
    After,
    AllOf,
    AnyOf,
    AtLeast,
    Before,
    Compare,
    Condition,
    Fact,
    InForce,
    Not,
)
from accord.dates import Duration, Period, parse_date
from accord.errors import (
    AccordError,
    ConditionSyntaxError,
    LoadError,
    UnknownReferenceError,
    ValidationError,
)
from accord.framework import Component, Framework
from accord.issues import Issue, Position
from accord.scales import STANCE, IntervalScale, NominalScale, OrdinalScale, Scale, Stance
from accord.serialisation import FORMAT_VERSION, dump, dumps, from_dict, json_schema, load, loads, to_dict
from accord.sources import Source
from accord.vocabulary import ActorKind, CommitmentKind, CommitmentStatus, ComponentStatus

__all__ = [
    "FORMAT_VERSION",
    "STANCE",
    "AccordError",
    "Actor",
    "ActorKind",
    "After",
    "AllOf",
    "AnyOf",
    "AtLeast",
    "Before",
    "Commitment",
    "CommitmentKind",
    "CommitmentStatus",
    "Compare",
    "Component",
    "ComponentStatus",
    "Condition",
    "ConditionSyntaxError",
    "Duration",
    "Fact",
    "Framework",
    "InForce",
    "IntervalScale",
    "Issue",
    "LoadError",
    "Membership",
    "NominalScale",
    "Not",
    "OrdinalScale",
    "Period",
    "Position",
    "Quantity",
    "Scale",
    "Source",
    "Stance",
    "StatusChange",
    "UnknownReferenceError",
    "ValidationError",
    "dump",
    "dumps",
    "from_dict",
    "json_schema",
    "load",
    "loads",
    "parse_date",
    "to_dict",
]

__version__ = "0.1.0.dev0"
