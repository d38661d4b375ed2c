"""Commitments: what an actor pledges or signals, and how that changes over time."""

import datetime as dt
import itertools
from decimal import Decimal
from typing import Any

import attrs

from accord._validation import (
    MAX_DECIMAL_EXPONENT,
    as_date,
    date_field,
    enum_field,
    id_field,
    is_finite,
    native,
    show,
    text_field,
    to_tuple,
    tuple_of,
)
from accord.conditions import Condition
from accord.dates import Period
from accord.errors import ValidationError
from accord.issues import check_condition
from accord.sources import Source
from accord.vocabulary import CommitmentKind, CommitmentStatus

__all__ = ["Commitment", "Quantity", "StatusChange"]


def _convert_amount(value: object) -> object:
    value = native(value)
    if isinstance(value, int) and not isinstance(value, bool):
        return Decimal(value)
    if isinstance(value, str) and value.isascii():
        try:
            value = Decimal(value)
        except ArithmeticError:
            return value
    if isinstance(value, Decimal) and value.is_zero() and value.is_signed():
        return value.copy_abs()  # an amount has no sign: -0 is written (and schema-checked) as 0
    return value


def _check_amount(instance: object, attribute: Any, value: Any) -> None:
    if isinstance(value, float):
        raise ValidationError(
            f"Quantity.amount: {value!r} is a float; use Decimal (or a string) so money stays exact"
        )
    if not isinstance(value, Decimal):
        raise ValidationError(f"Quantity.amount: {value!r:.60} is not a number")
    if not is_finite(value):
        raise ValidationError(f"Quantity.amount: {value!r} is not finite")
    if value < 0:
        raise ValidationError(f"Quantity.amount: {value!r} is negative")
    if value and abs(value.adjusted()) > MAX_DECIMAL_EXPONENT:
        raise ValidationError(f"Quantity.amount: {show(value)} is beyond 1e±{MAX_DECIMAL_EXPONENT}")


@attrs.frozen(kw_only=True, weakref_slot=False)
class Quantity:
    """An amount with its unit: ``Quantity(amount=Decimal("2.5e9"), unit="EUR")``.

    Amounts with different units are never added together.

    Attributes:
        amount: a non-negative, finite ``Decimal`` (ints and numeric strings
            are converted; floats are refused so money stays exact).
        unit: ISO 4217 currency code ("EUR", "USD") or a count ("troops").
    """

    amount: Decimal = attrs.field(converter=_convert_amount, validator=_check_amount)
    unit: str = text_field()

    def __str__(self) -> str:
        return f"{self.amount:,f} {self.unit}"  # every digit, never an exponent: 1E+3 is 1,000


def _check_quantity(instance: object, attribute: Any, value: Any) -> None:
    if value is not None and not isinstance(value, Quantity):
        raise ValidationError(f"{type(instance).__name__}.{attribute.name}: {value!r:.60} is not a Quantity")


def _check_source(instance: object, attribute: Any, value: Any) -> None:
    if value is not None and not isinstance(value, Source):
        raise ValidationError(f"StatusChange.source: {value!r:.60} is not a Source")


@attrs.frozen(kw_only=True, weakref_slot=False)
class StatusChange:
    """One dated step in a commitment's history.

    Attributes:
        date: when the status changed.
        status: the new status.
        quantity: the amount from this date on, if it changed.
        source: where the change is reported.
        note: free text.
    """

    date: dt.date = date_field(optional=False)
    status: CommitmentStatus = enum_field(CommitmentStatus)
    quantity: Quantity | None = attrs.field(default=None, validator=_check_quantity)
    source: Source | None = attrs.field(default=None, validator=_check_source)
    note: str | None = text_field(optional=True)


def _check_period(instance: object, attribute: Any, value: Any) -> None:
    if value is not None and not isinstance(value, Period):
        raise ValidationError(f"Commitment.period: {value!r:.60} is not a Period")


@attrs.frozen(kw_only=True, weakref_slot=False)
class Commitment:
    """What an actor pledges or signals: troops, money, aid, guarantees.

    Attributes:
        id: short id.
        actor: id of the actor committing.
        kind: what is committed.
        status: where it stands now; agrees with the last ``history`` entry.
        beneficiary: id of the actor it is for.
        description: what exactly, in words.
        quantity: how much (money as ``Decimal``).
        period: when it applies.
        conditions: what must hold for it to activate.
        component: id of the framework component it belongs to.
        as_of: when the information was current. Without a ``history`` it is
            also the day the commitment is taken to exist from
            (:meth:`status_on`, :meth:`Framework.at <accord.Framework.at>`), so
            moving it later hides the commitment from earlier days: to confirm
            a commitment unchanged, :meth:`record` the day instead.
        sources: where it is reported.
        history: dated status changes, oldest first (:meth:`record` appends one).
    """

    id: str = id_field()
    actor: str = id_field()
    kind: CommitmentKind = enum_field(CommitmentKind)
    status: CommitmentStatus = enum_field(CommitmentStatus)
    beneficiary: str | None = id_field(optional=True)
    description: str | None = text_field(optional=True)
    quantity: Quantity | None = attrs.field(default=None, validator=_check_quantity)
    period: Period | None = attrs.field(default=None, validator=_check_period)
    conditions: Condition | None = attrs.field(default=None, validator=check_condition)
    component: str | None = id_field(optional=True)
    as_of: dt.date | None = date_field()
    sources: tuple[Source, ...] = attrs.field(
        default=(), converter=to_tuple, validator=tuple_of(Source, "a Source")
    )
    history: tuple[StatusChange, ...] = attrs.field(
        default=(), converter=to_tuple, validator=tuple_of(StatusChange, "a StatusChange")
    )

    def __attrs_post_init__(self) -> None:
        if not self.history:
            return
        for i, (before, after) in enumerate(itertools.pairwise(self.history)):
            if after.date < before.date:
                raise ValidationError(
                    f"Commitment {self.id}: history[{i + 1}] dated {after.date} "
                    f"comes before history[{i}] dated {before.date}"
                )
        last = self.history[-1].status
        if last is not self.status:
            raise ValidationError(
                f"Commitment {self.id}: status {self.status.value!r} disagrees with the "
                f"last history entry {last.value!r}"
            )
        recorded = [c.quantity for c in self.history if c.quantity is not None]
        if recorded and recorded[-1] != self.quantity:
            raise ValidationError(
                f"Commitment {self.id}: quantity {self.quantity} disagrees with the last "
                f"quantity in the history, {recorded[-1]}"
            )

    def status_on(self, day: dt.date) -> CommitmentStatus | None:
        """The status on *day*, read from the history; None if the commitment did not exist yet.

        Without a history the current status applies from ``as_of`` (or always, when undated).
        """
        day = as_date("day", day)
        if not self.history:
            return self.status if self.as_of is None or self.as_of <= day else None
        current = None
        for change in self.history:
            if change.date > day:
                break
            current = change.status
        return current

    def quantity_on(self, day: dt.date) -> Quantity | None:
        """The quantity on *day*.

        When the history records quantities, the last one recorded by *day*
        (None before the first); otherwise ``quantity`` whenever the
        commitment exists.
        """
        day = as_date("day", day)
        if not any(change.quantity is not None for change in self.history):
            return self.quantity if self.status_on(day) is not None else None
        current = None
        for change in self.history:
            if change.date > day:
                break
            if change.quantity is not None:
                current = change.quantity
        return current

    def record(
        self,
        day: dt.date,
        status: CommitmentStatus | str | None = None,
        *,
        quantity: Quantity | None = None,
        note: str | None = None,
        source: Source | None = None,
    ) -> "Commitment":
        """The commitment with a change recorded on *day*: a pledge tracker's weekly update.

        Appends a :class:`StatusChange` to ``history`` and sets ``status``,
        ``quantity`` (when given; None keeps the current one) and ``as_of``
        (*day*). A change with neither a new status nor
        a new quantity records that the commitment was confirmed as it stood.

        What the commitment says about earlier days stays as it was
        (:meth:`status_on`, :meth:`quantity_on`, :meth:`Framework.at
        <accord.Framework.at>`): before its first change, a commitment
        without history gets an entry for its state on its ``as_of`` date, and
        a new quantity is recorded beside the one it replaces when the history
        held none (it applied from the first entry on). So *day* must not come
        before what the commitment already says (its last change, its
        ``as_of``), and a commitment with neither a history nor a date is
        refused: from when it held could not be kept. Corrections of the past
        are made by building the history with :func:`attrs.evolve`.

        Raises:
            ValidationError: *day* is not a date or comes before the last
                change recorded or the commitment's ``as_of``, the commitment
                has neither a history nor an ``as_of``, or a value is not valid
                for its field.
        """
        day = as_date("day", day)
        history = self.history
        if history and day < history[-1].date:
            raise ValidationError(f"day: {day} comes before the last change recorded, on {history[-1].date}")
        if self.as_of is not None and day < self.as_of:
            raise ValidationError(f"day: {day} comes before the commitment's as_of, {self.as_of}")
        if not history and self.as_of is None:
            raise ValidationError(
                f"Commitment {self.id}: undated and without a history, so from when it held is not "
                "known; give it an as_of (attrs.evolve) before recording a change"
            )
        change = StatusChange(
            date=day,
            status=self.status if status is None else status,  # type: ignore[arg-type]  # text: converted
            quantity=quantity if quantity is not None and quantity != self.quantity else None,
            note=note,
            source=source,
        )
        keeps_earlier = change.quantity is not None and self.quantity is not None
        if not history and self.as_of is not None:  # (as_of <= day: checked above)
            # the state so far, from the day the commitment was made (the same day too: both kept)
            history = (StatusChange(date=self.as_of, status=self.status, quantity=self.quantity),)
        elif keeps_earlier and history and all(h.quantity is None for h in history):
            history = (attrs.evolve(history[0], quantity=self.quantity), *history[1:])
        return attrs.evolve(
            self,
            status=change.status,
            quantity=self.quantity if quantity is None else quantity,
            as_of=day,  # never before as_of (checked above)
            history=(*history, change),
        )
