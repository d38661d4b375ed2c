"""Which positions a comparison uses, and stances as numbers.

Shared by :mod:`accord.divergence`, :mod:`accord.matrix` and :mod:`accord.analysis`.
An issue's stances are encoded per *group* of issues that measure distance the
same way: ``(kind, range)``. Within a group the distance between two stances
is ``|x − y|`` (ordinal levels 0 … k−1, interval values) or ``x ≠ y``
(nominal options), in units of the group; divided by ``range`` it is in [0, 1].
"""

import datetime as dt
from collections.abc import Collection, Iterable

from accord._activation import Activation
from accord._validation import as_optional_date, show
from accord.conditions import Condition, references_of
from accord.errors import ValidationError
from accord.evaluation import Facts, Truth, _facts, evaluate
from accord.framework import Framework, latest_entry, position_table
from accord.issues import Issue, Position
from accord.scales import IntervalScale, NominalScale, OrdinalScale, Scale, Stance
from accord.vocabulary import CommitmentStatus

__all__ = [
    "GroupKey",
    "check_choice",
    "encoder",
    "few",
    "issue_ids",
    "latest",
    "unit_distance",
]

#: ("ordinal" | "interval" | "nominal", range of the scale)
GroupKey = tuple[str, float]


def check_choice(option: str, value: object, allowed: Iterable[str]) -> None:
    """Raise a ValidationError naming *option* unless *value* is one of *allowed*."""
    allowed = tuple(allowed)
    if not isinstance(value, str) or value not in allowed:
        raise ValidationError(f"{option}: {value!r:.60} is not one of {', '.join(map(repr, allowed))}")


def check_as_of(as_of: object) -> dt.date | None:
    """*as_of* as a plain date (None passes); a ValidationError for anything else."""
    return as_optional_date("as_of", as_of)


def encoder(scale: Scale) -> tuple[GroupKey, dict[str, float] | None]:
    """The group of a scale and, for labelled scales, the number of each label."""
    if isinstance(scale, OrdinalScale):
        return ("ordinal", scale.range), {level: float(i) for i, level in enumerate(scale.levels)}
    if isinstance(scale, NominalScale):
        return ("nominal", 1.0), {option: float(i) for i, option in enumerate(scale.options)}
    assert isinstance(scale, IntervalScale)
    return ("interval", scale.range), None


def code(codes: dict[str, float] | None, stance: Stance) -> float:
    """A stance as a number within its group."""
    return codes[stance] if codes is not None else float(stance)  # type: ignore[index]


def unit_distance(kind: str, x: float, y: float) -> float:
    """Distance in the group's units: ``|x − y|``, or 0/1 for nominal options."""
    if kind == "nominal":
        return 0.0 if x == y else 1.0
    return abs(x - y)


def check_ids(what: str, ids: object) -> list[str]:
    """*ids* as a list of strings; a ValidationError for a string, a non-collection or non-string items."""
    if isinstance(ids, str) or not isinstance(ids, Iterable):
        raise ValidationError(f"{what}: {ids!r:.60} is not a collection of ids")
    items = list(ids)
    for i, item in enumerate(items):
        if not isinstance(item, str):
            raise ValidationError(f"{what}[{i}]: {item!r:.60} is not an id")
    return items


def optional_ids(what: str, ids: object) -> tuple[str, ...] | None:
    """*ids* read once, as a tuple of strings (None stays None), so that no later pass finds it used up."""
    return None if ids is None else tuple(check_ids(what, ids))


def issue_ids(framework: Framework, issues: Collection[str] | None) -> tuple[Issue, ...]:
    """The issues to compare, in framework order; unknown ids raise UnknownReferenceError."""
    if issues is None:
        return framework.issues
    wanted = set(check_ids("issues", issues))
    for issue_id in sorted(wanted, key=str):
        framework.issue(issue_id)
    return tuple(i for i in framework.issues if i.id in wanted)


class Holds:
    """Whether a condition is not false under some facts: unknown counts as stated.

    Facts without a date are taken as of the comparison's date, *as_of*
    (when there is one). ``in_force`` references resolve in the framework
    on that date, as :meth:`~accord.Framework.evaluate_positions` resolves
    them; its commitments are evaluated (once) only when a condition refers
    to one.
    """

    def __init__(self, framework: Framework, facts: Facts, as_of: dt.date | None) -> None:
        self._framework = framework
        self._facts = facts if facts.as_of is not None or as_of is None else Facts(facts.values, as_of=as_of)
        self._activation: Activation | None = None

    def __call__(self, condition: Condition | None) -> bool:
        if condition is None:
            return True
        if not references_of(condition):
            return evaluate(condition, self._facts).truth is not Truth.FALSE
        if self._activation is None:
            self._activation = Activation(self._framework, self._facts, CommitmentStatus.SIGNALLED)
        return self._activation.truth_of(condition) is not Truth.FALSE


def checked_facts(facts: object, framework: Framework) -> Facts | None:
    """*facts* (a Facts or a mapping of fact names to values) as Facts; None stays None.

    A fact *framework*'s conditions read only as yes or no takes true, false
    or the date it happened: any other value could only leave them unknown,
    and the comparison would silently ignore it (see ``Framework._yes_no_facts``).
    """
    if facts is None:
        return None
    known = _facts(facts)  # type: ignore[arg-type]  # refused there, by name
    yes_no = framework._yes_no_facts()
    for name, value in known.values.items():
        if name in yes_no and not isinstance(value, bool | dt.date):
            raise ValidationError(
                f"facts[{name!r}]: {show(value)}: the framework's conditions read {name} as yes or "
                "no; give True, False or the date it happened (any other value leaves them unknown)"
            )
    return known


def holds_under(framework: Framework, facts: Facts | None, as_of: dt.date | None) -> Holds | None:
    """The test of conditions under checked *facts* as of *as_of* (see :class:`Holds`); None without facts."""
    return None if facts is None else Holds(framework, facts, as_of)


def few(chosen: Collection[object], every: Collection[object]) -> bool:
    """Whether *chosen* are few enough of *every* that looking each up beats going through all."""
    return 5 * len(chosen) < len(every)


def latest(
    framework: Framework,
    actor: str,
    issues: Collection[str] | None,
    *,
    as_of: dt.date | None,
    holds: Holds | None = None,
) -> dict[str, Position]:
    """The actor's latest position on each issue (as of *as_of*), keyed by issue id.

    Positions whose conditions *holds* finds false are left out; without it,
    conditional positions count as stated.
    """
    found: dict[str, Position] = {}
    if issues is not None and few(issues, framework.issues):  # look each one up
        row = position_table(framework).get(actor, {})
        for issue in issues:
            entry = row.get(issue)
            p = None if entry is None else latest_entry(entry, as_of)
            if p is not None and (holds is None or holds(p.conditions)):
                found[issue] = p
        return found
    for p in framework.positions_of(actor, as_of=as_of):
        if issues is not None and p.issue not in issues:
            continue
        if holds is not None and not holds(p.conditions):
            continue
        found[p.issue] = p
    return found
