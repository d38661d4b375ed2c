"""What changed between two versions of a framework.

``diff(old, new)`` answers "what changed since last month?": actors that
joined or left, stance shifts, commitment status transitions, components
whose negotiation moved on. The result is falsy when nothing changed and its
``str()`` is a readable change log.
"""

import datetime as dt
import enum
from collections.abc import Callable, Iterable
from decimal import Decimal
from typing import Any, Generic, TypeVar

import attrs

from accord._gc import collector_paused
from accord._validation import one_line
from accord.actors import Actor, Membership
from accord.commitments import Commitment, Quantity, StatusChange
from accord.conditions import _NODE_TYPES
from accord.dates import Duration, Period
from accord.errors import ValidationError
from accord.framework import Component, Entry, Framework, entry_history, latest_entry, position_table
from accord.issues import Issue, Position

__all__ = ["Change", "FrameworkDiff", "PositionChange", "diff"]

T = TypeVar("T")

_FRAMEWORK_FIELDS = ("id", "title", "status", "as_of", "description", "sources")


@attrs.frozen(kw_only=True)
class Change(Generic[T]):
    """One object added, removed or changed.

    Attributes:
        id: the object's id.
        before: the old version; None when it was added.
        after: the new version; None when it was removed.
    """

    id: str
    before: T | None
    after: T | None

    @property
    def kind(self) -> str:
        """``"added"``, ``"removed"`` or ``"changed"``."""
        if self.before is None:
            return "added"
        return "removed" if self.after is None else "changed"

    @property
    def fields(self) -> tuple[str, ...]:
        """The names of the fields that differ (empty unless changed)."""
        if self.before is None or self.after is None:
            return ()
        return tuple(
            f.name
            for f in attrs.fields(type(self.before))  # type: ignore[arg-type]
            if getattr(self.before, f.name) != getattr(self.after, f.name)
        )


@attrs.frozen(kw_only=True)
class PositionChange:
    """A change in an actor's latest position on an issue.

    Attributes:
        actor: the actor's id.
        issue: the issue's id.
        before: the old latest position; None when there was none.
        after: the new latest position; None when there is none any more.
    """

    actor: str
    issue: str
    before: Position | None
    after: Position | None

    @property
    def kind(self) -> str:
        """``"added"``, ``"removed"``, ``"shifted"`` (stance changed) or ``"changed"`` (anything else)."""
        if self.before is None:
            return "added"
        if self.after is None:
            return "removed"
        return "shifted" if self.before.stance != self.after.stance else "changed"


def _same_length(instance: Any, attribute: Any, value: tuple[tuple[Any, Any], ...]) -> None:
    if value and len(value) != len(instance.framework):
        raise ValidationError(
            f"FrameworkDiff.framework_values: {len(value)} pair(s) for {len(instance.framework)} field(s)"
        )


@attrs.frozen(kw_only=True)
class FrameworkDiff:
    """Everything that differs between two frameworks; falsy when nothing does.

    Attributes:
        old_id: the old framework's id.
        new_id: the new framework's id.
        framework: names of the framework's own fields that changed
            (title, status, as_of, description).
        framework_values: ``(old, new)`` for each name in ``framework``, in
            the same order.
        actors: actors added, removed or changed (name, aliases, …).
        issues: issues added, removed or changed.
        memberships: memberships added, removed or changed (matched by member,
            group and start date; a change is usually a new end date).
        positions: changes in each actor's latest position per issue.
        history: (actor, issue) pairs whose earlier, superseded positions
            changed while the latest one did not.
        commitments: commitments added, removed or changed (status transitions, quantities, …).
        components: components added, removed or changed.
    """

    old_id: str
    new_id: str
    framework: tuple[str, ...] = ()
    framework_values: tuple[tuple[Any, Any], ...] = attrs.field(default=(), validator=_same_length)
    actors: tuple[Change[Actor], ...] = ()
    issues: tuple[Change[Issue], ...] = ()
    memberships: tuple[Change[Membership], ...] = ()
    positions: tuple[PositionChange, ...] = ()
    history: tuple[tuple[str, str], ...] = ()
    commitments: tuple[Change[Commitment], ...] = ()
    components: tuple[Change[Component], ...] = ()

    def __bool__(self) -> bool:
        return bool(
            self.framework
            or self.actors
            or self.issues
            or self.memberships
            or self.positions
            or self.history
            or self.commitments
            or self.components
        )

    def __str__(self) -> str:
        if not self:
            return f"No changes from {self.old_id!r} to {self.new_id!r}."
        lines = [f"Changes from {self.old_id!r} to {self.new_id!r}:"]
        if self.framework:
            if self.framework_values:
                pairs = zip(self.framework, self.framework_values, strict=True)
                parts = [_field_change(f, b, a) for f, (b, a) in pairs]
            else:  # made by hand without the values
                parts = [f"{f} changed" for f in self.framework]
            lines.append(f"framework: {'; '.join(parts)}")
        lines += _section("actors", self.actors, lambda a: a.name)
        lines += _section("issues", self.issues, lambda i: i.title)
        lines += _section("memberships", self.memberships, lambda m: f"{m.member} in {m.group}")
        if self.positions:
            lines.append("positions:")
            lines += [f"  {_position_line(c)}" for c in self.positions]
        if self.history:
            lines.append("earlier positions changed: " + ", ".join(f"{a} on {i}" for a, i in self.history))
        lines += _section("commitments", self.commitments, _commitment_label, _status_note)
        lines += _section(
            "components",
            self.components,
            lambda c: c.title,
            lambda b, a: _arrow(b.status.value, a.status.value),
        )
        return "\n".join(map(one_line, lines))  # a line end or tab in a name is shown as an escape


_SIGN = {"added": "+", "removed": "-", "changed": "~"}


def _arrow(before: object, after: object) -> str:
    return f"{before} → {after}" if before != after else ""


def _section(
    title: str,
    changes: tuple[Change[Any], ...],
    label: Callable[[Any], str],
    note: Callable[[Any, Any], str] | None = None,
) -> list[str]:
    if not changes:
        return []
    lines = [f"{title}:"]
    for c in changes:
        text = f"  {_SIGN[c.kind]} {c.id} ({label(c.after if c.after is not None else c.before)})"
        if c.kind == "changed":
            extra = note(c.before, c.after) if note else ""
            others = [
                _field_change(f, getattr(c.before, f), getattr(c.after, f))
                for f in c.fields
                if not (extra and f == "status")
            ]
            text += ": " + "; ".join(part for part in (extra, *others) if part)
        lines.append(text)
    return lines


def _commitment_label(c: Commitment) -> str:
    return f"{c.actor} {c.kind.value}, {c.status.value}"


def _status_note(before: Commitment, after: Commitment) -> str:
    return _arrow(before.status.value, after.status.value)


def _position_line(c: PositionChange) -> str:
    where = f"{c.actor} on {c.issue}"
    if c.before is None:
        assert c.after is not None
        return f"+ {where}: {c.after.stance}"
    if c.after is None:
        return f"- {where}: was {c.before.stance}"
    if c.kind == "shifted":
        return f"~ {where}: {c.before.stance} → {c.after.stance}"
    changed = [
        _field_change(f.name, getattr(c.before, f.name), getattr(c.after, f.name))
        for f in attrs.fields(Position)
        if getattr(c.before, f.name) != getattr(c.after, f.name)
    ]
    return f"~ {where}: {'; '.join(changed)}"


def _field_change(name: str, before: object, after: object) -> str:
    """``as_of 2025-03-02 → 2025-04-01`` when both values are short, else ``description changed``.

    A history that only grew lists the entries added (``history + 2025-09-01 pledged``).
    """
    if (
        name == "history"
        and isinstance(before, tuple)
        and isinstance(after, tuple)
        and len(after) > len(before)
        and after[: len(before)] == before
    ):
        return "history + " + ", ".join(map(_entry, after[len(before) :]))
    old, new = _brief(before), _brief(after)
    if old is None or new is None:
        return f"{name} changed"
    return f"{name} {old} → {new}"


#: Values shown as their text when short: scalars, quantities, periods, durations, conditions.
_BRIEF_TYPES = (bool, int, float, Decimal, Quantity, Period, Duration, *_NODE_TYPES)


def _entry(change: StatusChange) -> str:
    """A history entry in brief: its date and status, and its quantity when it records one."""
    text = f"{change.date.isoformat()} {change.status.value}"
    return text if change.quantity is None else f"{text} ({change.quantity})"


def _brief(value: object) -> str | None:
    """A short rendering of a scalar value or a condition (None: too long, or a structure)."""
    if value is None:
        return "none"
    if isinstance(value, enum.Enum):
        return str(value.value)
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, _BRIEF_TYPES):
        text = str(value)  # a condition: its canonical text
    elif isinstance(value, str):
        text = repr(value)
    else:
        return None
    return text if len(text) <= 40 else None


def _membership_key(m: Membership) -> str:
    since = f" since {m.start.isoformat()}" if m.start else ""
    return f"{m.member} in {m.group}{since}"


def _changes(old: Iterable[T], new: Iterable[T], key: Callable[[T], str]) -> tuple[Change[T], ...]:
    """Objects matched by *key*; where several share a key (memberships can), equal ones pair first."""
    before: dict[str, list[T]] = {}
    after: dict[str, list[T]] = {}
    for x in old:
        before.setdefault(key(x), []).append(x)
    for y in new:
        after.setdefault(key(y), []).append(y)
    found = []
    for k, xs in before.items():
        ys = after.get(k, [])
        if len(xs) > 1 or len(ys) > 1:  # take out what is in both, then pair the rest in order
            unmatched = list(ys)
            rest = []
            for x in xs:
                if x in unmatched:
                    unmatched.remove(x)
                else:
                    rest.append(x)
            xs, ys = rest, unmatched
        for x, y in zip(xs, ys, strict=False):
            if x != y:
                found.append(Change(id=k, before=x, after=y))
        found += [Change(id=k, before=x, after=None) for x in xs[len(ys) :]]
        if k in after:
            after[k] = ys[len(xs) :]
    found += [Change(id=k, before=None, after=y) for k, ys in after.items() for y in ys]
    return tuple(found)


_NO_ROW: dict[str, Entry] = {}


def _position_changes(old: Framework, new: Framework) -> tuple[list[PositionChange], list[tuple[str, str]]]:
    """The changed latest positions (old's order, then added ones in new's) and changed histories.

    Each position is looked up in the other framework's index by actor and issue: no key is
    built per position.
    """
    before, after = position_table(old), position_table(new)
    changes = []
    for p in old.latest_positions():
        found = after.get(p.actor, _NO_ROW).get(p.issue)
        q = None if found is None else latest_entry(found, None)
        if q is not p and q != p:
            changes.append(PositionChange(actor=p.actor, issue=p.issue, before=p, after=q))
    history = []
    for q in new.latest_positions():
        found = before.get(q.actor, _NO_ROW).get(q.issue)
        if found is None:
            changes.append(PositionChange(actor=q.actor, issue=q.issue, before=None, after=q))
            continue
        # earlier positions can only differ where a framework has several for the pair
        entry = after[q.actor][q.issue]
        several = type(entry) is list or type(found) is list
        if several and latest_entry(found, None) == q and entry_history(found) != entry_history(entry):
            history.append((q.actor, q.issue))
    return changes, history


def diff(old: Framework, new: Framework) -> FrameworkDiff:
    """What changed from *old* to *new*.

    Objects are matched by id (positions by actor and issue, comparing each
    actor's latest position on each issue). Removed and changed objects are
    listed in *old*'s order, then added ones in *new*'s order.

    Args:
        old: the earlier version.
        new: the later version.

    Returns:
        The differences; falsy when there are none. ``str()`` gives a change log.

    Raises:
        ValidationError: either argument is not a Framework.
    """
    for name, value in (("old", old), ("new", new)):
        if not isinstance(value, Framework):
            raise ValidationError(f"{name}: {value!r:.60} is not a Framework")
    # Matching builds a key per position and creates no cycles: without the pause, Python's
    # collector would traverse both frameworks again and again (4 of 9 s for the UN votes).
    with collector_paused():
        return _diff(old, new)


def _diff(old: Framework, new: Framework) -> FrameworkDiff:
    def ident(x: Any) -> str:
        return str(x.id)

    changed = [f for f in _FRAMEWORK_FIELDS if getattr(old, f) != getattr(new, f)]
    positions, history = _position_changes(old, new)
    return FrameworkDiff(
        old_id=old.id,
        new_id=new.id,
        framework=tuple(changed),
        framework_values=tuple((getattr(old, f), getattr(new, f)) for f in changed),
        actors=_changes(old.actors, new.actors, ident),
        issues=_changes(old.issues, new.issues, ident),
        memberships=_changes(old.memberships, new.memberships, _membership_key),
        positions=tuple(positions),
        history=tuple(history),
        commitments=_changes(old.commitments, new.commitments, ident),
        components=_changes(old.components, new.components, ident),
    )
