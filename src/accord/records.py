"""Flat records: one dict per object, for csv, pandas, polars and DuckDB.

:func:`to_records` turns one kind of object in a framework into rows whose
values are scalars only (``str``, ``int``, ``float``, ``bool`` or ``None``),
with the same keys in the same order in every row (:data:`COLUMNS`), so the
rows go straight into ``csv.DictWriter``, ``pandas.DataFrame`` or
``polars.DataFrame``.

Conventions for every kind:

- ``framework``: the framework's id, first in every row, so tables of several
  frameworks can be concatenated.
- dates: ISO 8601 strings (``2025-03-01``); durations: ISO 8601 (``P10Y``).
- enums: their value (``in_force``).
- ``Decimal``: its exact string in plain notation (``2500000000``), never a float.
- conditions: their canonical text (``settlement_signed and un_mandate``).
- sources: ``source_title`` and ``source_url`` of the first source, and
  ``source_count``, how many there are.
- lists: joined with ``"; "``; mappings as ``key=value`` pairs joined with ``"; "``.
  A name that holds ``;``, ``=`` or a double quote, or has spaces around it,
  is written in double quotes, as a JSON string, so a cell can be split back
  into its names (``UK; "Britain; GB"``): every ``"`` in a cell opens or
  closes such a name.

Columns per kind:

``frameworks``
    ``framework, title, status, as_of, description, actor_count,
    membership_count, issue_count, position_count, commitment_count,
    component_count, source_title, source_url, source_count`` — one row, the
    framework itself: concatenated over many frameworks (PA-X agreements,
    say), a table with one row each, those with no components too.
``actors``
    ``framework, id, name, kind, aliases, identifiers``
``memberships``
    ``framework, member, group, start, end, source_title, source_url, source_count``
``issues``
    ``framework, id, title, scale, scale_values, component, description`` —
    ``scale`` is ``ordinal``, ``nominal`` or ``interval``; ``scale_values`` the
    levels or options joined with ``"; "``, or ``low..high unit``.
``positions``
    ``framework, actor, issue, stance, stance_value, salience, conditions,
    as_of, note, source_title, source_url, source_count`` — ``stance`` is
    always text: the level name, or the number as written (a ``Decimal``
    exactly); ``stance_value`` is the number as a float on interval scales,
    else None. Each column thus holds one type, whatever the issues' scales.
``commitments``
    ``framework, id, actor, kind, status, beneficiary, description,
    quantity_amount, quantity_unit, period_start, period_end, period_after,
    period_delay, period_duration, conditions, component, as_of, history,
    source_title, source_url, source_count`` — ``history`` is ``"<date>
    <status>"`` per change, oldest first, joined with ``"; "``.
``status_changes``
    ``framework, commitment, actor, kind, date, status, quantity_amount,
    quantity_unit, note, source_title, source_url, source_count`` — one row
    per entry of each commitment's history, in framework order and oldest
    first: the table a dashboard of pledges over time draws from. The
    quantity is the one in effect from that entry on: the last the history
    records by then, or the commitment's own when the history records none
    (as :meth:`~accord.Commitment.quantity_on` reads it).
``components``
    ``framework, id, title, status, description, source_title, source_url, source_count``
"""

import datetime as dt
import enum
import json
import re
from collections.abc import Callable, Iterable, Mapping
from decimal import Decimal
from types import MappingProxyType
from typing import Any, Literal, TypeAlias

from accord.actors import Actor, Membership
from accord.commitments import Commitment, Quantity, StatusChange
from accord.conditions import Condition
from accord.errors import ValidationError
from accord.framework import Component, Framework, check_framework
from accord.issues import Issue, Position
from accord.scales import IntervalScale, NominalScale
from accord.sources import Source

__all__ = ["COLUMNS", "RecordKind", "Scalar", "to_records"]

#: A value in a record.
Scalar: TypeAlias = str | int | float | bool | None

#: The kinds of object :func:`to_records` flattens.
RecordKind = Literal[
    "frameworks",
    "actors",
    "memberships",
    "issues",
    "positions",
    "commitments",
    "status_changes",
    "components",
]

_SOURCE_COLUMNS = ("source_title", "source_url", "source_count")

#: Record kind → its columns, in order.
COLUMNS: Mapping[str, tuple[str, ...]] = MappingProxyType({
    "frameworks": (
        "framework", "title", "status", "as_of", "description", "actor_count", "membership_count",
        "issue_count", "position_count", "commitment_count", "component_count", *_SOURCE_COLUMNS,
    ),
    "actors": ("framework", "id", "name", "kind", "aliases", "identifiers"),
    "memberships": ("framework", "member", "group", "start", "end", *_SOURCE_COLUMNS),
    "issues": ("framework", "id", "title", "scale", "scale_values", "component", "description"),
    "positions": (
        "framework", "actor", "issue", "stance", "stance_value", "salience", "conditions", "as_of", "note",
        *_SOURCE_COLUMNS,
    ),
    "commitments": (
        "framework", "id", "actor", "kind", "status", "beneficiary", "description",
        "quantity_amount", "quantity_unit", "period_start", "period_end", "period_after",
        "period_delay", "period_duration", "conditions", "component", "as_of", "history",
        *_SOURCE_COLUMNS,
    ),
    "status_changes": (
        "framework", "commitment", "actor", "kind", "date", "status", "quantity_amount", "quantity_unit",
        "note", *_SOURCE_COLUMNS,
    ),
    "components": ("framework", "id", "title", "status", "description", *_SOURCE_COLUMNS),
})  # fmt: skip


def _scalar(value: object) -> Scalar:
    """One value in its record form."""
    if value is None or isinstance(value, str | bool | int | float):
        return value
    if isinstance(value, enum.Enum):
        return _scalar(value.value)
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return format(value, "f")
    return str(value)  # conditions, durations: their canonical text


def _joined(items: Iterable[str]) -> str | None:
    text = "; ".join(items)
    return text or None


#: What makes a name ambiguous in a joined cell: the separators, a double quote, spaces around it.
_AMBIGUOUS = re.compile(r'[;="]|\A\s|\s\Z')


def _item(text: str) -> str:
    """*text* as an item of a joined cell: as it is, or in double quotes (JSON-style) if ambiguous."""
    return json.dumps(text, ensure_ascii=False) if _AMBIGUOUS.search(text) else text


def _sources(sources: tuple[Source, ...]) -> tuple[Scalar, ...]:
    first = sources[0] if sources else None
    return (first.title if first else None, first.url if first else None, len(sources))


def _condition(condition: Condition | None) -> str | None:
    return None if condition is None else str(condition)


def _framework(f: Framework) -> tuple[Any, ...]:
    counts = (f.actors, f.memberships, f.issues, f.positions, f.commitments, f.components)
    return (f.title, f.status, f.as_of, f.description, *map(len, counts), *_sources(f.sources))


def _actor(a: Actor) -> tuple[Any, ...]:
    identifiers = _joined(f"{_item(k)}={_item(v)}" for k, v in a.identifiers.items())
    return (a.id, a.name, a.kind, _joined(map(_item, a.aliases)), identifiers)


def _membership(m: Membership) -> tuple[Any, ...]:
    return (m.member, m.group, m.start, m.end, *_sources(m.sources))


def _issue(i: Issue) -> tuple[Any, ...]:
    scale = i.scale
    if isinstance(scale, IntervalScale):
        values = f"{_scalar(scale.low)}..{_scalar(scale.high)}" + (f" {scale.unit}" if scale.unit else "")
    elif isinstance(scale, NominalScale):
        values = "; ".join(map(_item, scale.options))
    else:
        values = "; ".join(map(_item, scale.levels))
    return (i.id, i.title, scale.kind, values, i.component, i.description)


def _position(p: Position) -> tuple[Any, ...]:
    conditions = _condition(p.conditions)
    stance = p.stance
    # one type per column, whatever the issue's scale: text, and the number as a float
    text, value = (stance, None) if isinstance(stance, str) else (str(_scalar(stance)), float(stance))
    return (p.actor, p.issue, text, value, p.salience, conditions, p.as_of, p.note, *_sources(p.sources))


def _commitment(c: Commitment) -> tuple[Any, ...]:
    q, period = c.quantity, c.period
    history = _joined(f"{h.date.isoformat()} {h.status.value}" for h in c.history)
    return (
        c.id, c.actor, c.kind, c.status, c.beneficiary, c.description,
        q.amount if q else None, q.unit if q else None,
        period.start if period else None, period.end if period else None,
        period.after if period else None, period.delay if period else None,
        period.duration if period else None,
        _condition(c.conditions), c.component, c.as_of, history, *_sources(c.sources),
    )  # fmt: skip


def _history(fw: Framework) -> Iterable[tuple[Commitment, StatusChange, Quantity | None]]:
    """Each history entry of *fw*'s commitments with the quantity in effect from it on."""
    for c in fw.commitments:
        recorded = any(h.quantity is not None for h in c.history)
        current = None if recorded else c.quantity
        for h in c.history:
            if h.quantity is not None:
                current = h.quantity
            yield c, h, current


def _status_change(entry: tuple[Commitment, StatusChange, Quantity | None]) -> tuple[Any, ...]:
    c, h, q = entry
    sources = (h.source,) if h.source is not None else ()
    return (
        c.id, c.actor, c.kind, h.date, h.status, q.amount if q else None, q.unit if q else None, h.note,
        *_sources(sources),
    )  # fmt: skip


def _component(c: Component) -> tuple[Any, ...]:
    return (c.id, c.title, c.status, c.description, *_sources(c.sources))


_ROWS: dict[str, tuple[Callable[[Framework], Iterable[Any]], Callable[[Any], tuple[Any, ...]]]] = {
    "frameworks": (lambda fw: (fw,), _framework),
    "actors": (lambda fw: fw.actors, _actor),
    "memberships": (lambda fw: fw.memberships, _membership),
    "issues": (lambda fw: fw.issues, _issue),
    "positions": (lambda fw: fw.positions, _position),
    "commitments": (lambda fw: fw.commitments, _commitment),
    "status_changes": (_history, _status_change),
    "components": (lambda fw: fw.components, _component),
}


def to_records(framework: Framework, kind: RecordKind) -> list[dict[str, Scalar]]:
    """Flatten one kind of object in *framework* into rows of scalars.

    Every row has the keys of ``COLUMNS[kind]`` in that order; the module
    documentation lists them and how values are written.

    >>> from accord.examples import postwar_ukraine
    >>> rows = to_records(postwar_ukraine(), "components")
    >>> list(rows[0])
    ['framework', 'id', 'title', 'status', 'description', 'source_title', 'source_url', 'source_count']

    Args:
        framework: the framework to flatten.
        kind: ``"frameworks"`` (one row: the framework itself), ``"actors"``,
            ``"memberships"``, ``"issues"``, ``"positions"``, ``"commitments"``,
            ``"status_changes"`` (one row per history entry) or ``"components"``.

    Returns:
        One dict per object, in framework order.

    Raises:
        ValidationError: *kind* is not one of the kinds above.
    """
    check_framework(framework)
    entry = _ROWS.get(kind) if isinstance(kind, str) else None
    if entry is None:
        raise ValidationError(
            f"to_records: {kind!r} is not a record kind; choose one of {', '.join(COLUMNS)}"
        )
    items, flatten = entry
    columns = COLUMNS[kind]
    return [
        dict(zip(columns, (framework.id, *(_scalar(v) for v in flatten(item))), strict=True))
        for item in items(framework)
    ]
