"""Issues and the positions actors take on them."""

import datetime as dt
from decimal import Decimal
from typing import Any

import attrs

from accord._validation import (
    check_text,
    date_field,
    id_field,
    native,
    number_problem,
    show,
    text_field,
    to_tuple,
    tuple_of,
)
from accord.conditions import _NODE_TYPES, Condition
from accord.errors import ValidationError
from accord.scales import STANCE, IntervalScale, NominalScale, OrdinalScale, Scale, Stance
from accord.sources import Source

__all__ = ["Issue", "Position"]


def _check_scale(instance: object, attribute: Any, value: Any) -> None:
    if not isinstance(value, OrdinalScale | NominalScale | IntervalScale):
        raise ValidationError(f"Issue.scale: {value!r:.60} is not a scale")


@attrs.frozen(kw_only=True, weakref_slot=False)
class Issue:
    """A question actors take positions on ("deploy own ground troops in post-war Ukraine").

    Attributes:
        id: short id.
        title: the question in a few words.
        scale: how stances are measured; :data:`~accord.STANCE` by default.
        component: id of the framework component the issue belongs to.
        description: longer explanation.
    """

    id: str = id_field()
    title: str = text_field()
    scale: Scale = attrs.field(default=STANCE, validator=_check_scale)
    component: str | None = id_field(optional=True)
    description: str | None = text_field(optional=True)


def _convert_salience(value: object) -> object:
    value = native(value)
    if isinstance(value, int | Decimal) and not isinstance(value, bool):
        return float(value)
    return value


def _check_salience(instance: object, attribute: Any, value: Any) -> None:
    if not isinstance(value, float) or not 0.0 <= value <= 1.0:
        raise ValidationError(f"Position.salience: {value!r:.60} is not a number in [0, 1]")


def _check_stance(instance: object, attribute: Any, value: Any) -> None:
    if isinstance(value, str):
        if not value:
            raise ValidationError("Position.stance: must not be empty")
        check_text("Position.stance", value)
    elif isinstance(value, bool) or not isinstance(value, int | float | Decimal):
        raise ValidationError(f"Position.stance: {show(value)} is not a level name or a number")
    else:
        problem = number_problem(value)
        if problem:
            raise ValidationError(f"Position.stance: {problem}")


def check_condition(instance: object, attribute: Any, value: Any) -> None:
    """Attrs validator: None or a condition node."""
    if value is not None and not isinstance(value, _NODE_TYPES):
        raise ValidationError(f"{type(instance).__name__}.{attribute.name}: {value!r:.60} is not a condition")


@attrs.frozen(kw_only=True, weakref_slot=False)
class Position:
    """An actor's stance on an issue, as of a date, under optional conditions.

    Attributes:
        actor: the actor's id.
        issue: the issue's id.
        stance: a level of the issue's scale (``"willing"``) or a number on an
            interval scale. The framework checks it against the scale.
        salience: how much the issue matters to the actor, in [0, 1].
        conditions: when the stance holds ("willing, if a settlement is signed").
        as_of: when the stance was stated or observed.
        sources: where it was stated.
        note: free text.
    """

    actor: str = id_field()
    issue: str = id_field()
    stance: Stance = attrs.field(converter=native, validator=_check_stance)
    salience: float = attrs.field(default=1.0, converter=_convert_salience, validator=_check_salience)
    conditions: Condition | None = attrs.field(default=None, validator=check_condition)
    as_of: dt.date | None = date_field()
    sources: tuple[Source, ...] = attrs.field(
        default=(), converter=to_tuple, validator=tuple_of(Source, "a Source")
    )
    note: str | None = text_field(optional=True)
