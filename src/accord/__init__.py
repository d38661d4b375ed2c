"""accord: who stands where, who promised what, and on which conditions.

Typed, immutable models of multi-actor security arrangements — actors,
issues, positions, commitments, conditions and frameworks — with strict
validation and fast lookups.
"""

# Public modules reached as attributes after `import accord` (`accord.examples.postwar_ukraine()`,
# as the README writes it). `plot`, `datasets` and `testing` need optional extras: imported by name.
from accord import examples as examples
from accord import measures as measures
from accord import reports as reports
from accord._requirements import what_would_it_take
from accord.actors import Actor, Membership
from accord.analysis import Consensus, ContestedIssue, blocs, consensus, contested_issues, divergence_series
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
    parse_condition,
)
from accord.dates import Duration, Period, parse_date
from accord.diff import FrameworkDiff, diff
from accord.divergence import Divergence, IssueDivergence, divergence
from accord.errors import (
    AccordError,
    ConditionSyntaxError,
    LoadError,
    UnknownReferenceError,
    ValidationError,
)
from accord.evaluation import Evaluation, Facts, Truth, evaluate
from accord.framework import Component, Framework
from accord.issues import Issue, Position
from accord.matrix import DivergenceMatrix, divergence_matrix
from accord.records import to_records
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
    "Consensus",
    "ContestedIssue",
    "Divergence",
    "DivergenceMatrix",
    "Duration",
    "Evaluation",
    "Fact",
    "Facts",
    "Framework",
    "FrameworkDiff",
    "InForce",
    "IntervalScale",
    "Issue",
    "IssueDivergence",
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
    "Truth",
    "UnknownReferenceError",
    "ValidationError",
    "blocs",
    "consensus",
    "contested_issues",
    "diff",
    "divergence",
    "divergence_matrix",
    "divergence_series",
    "dump",
    "dumps",
    "evaluate",
    "from_dict",
    "json_schema",
    "load",
    "loads",
    "parse_condition",
    "parse_date",
    "to_dict",
    "to_records",
    "what_would_it_take",
]

__version__ = "0.1.0.dev0"
