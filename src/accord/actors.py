"""Actors and their memberships of groups."""

import datetime as dt
from collections.abc import Mapping
from typing import Any

import attrs

from accord._validation import (
    JSON_SCHEMA,
    NOT_BLANK,
    as_date,
    check_sequence,
    check_str_mapping,
    check_text,
    date_field,
    enum_field,
    frozen_mapping,
    getstate,
    id_field,
    setstate,
    text_field,
    to_text_tuple,
    to_tuple,
    tuple_of,
)
from accord.errors import ValidationError
from accord.sources import Source
from accord.vocabulary import ActorKind

__all__ = ["Actor", "Membership"]


def _check_aliases(instance: "Actor", attribute: Any, value: Any) -> None:
    check_sequence("Actor.aliases", value)
    for i, alias in enumerate(value):
        if not isinstance(alias, str) or not alias.strip():
            raise ValidationError(f"Actor.aliases[{i}]: {alias!r:.60} is not a non-empty string")
        if not alias.isascii():
            check_text(f"Actor.aliases[{i}]", alias)


@attrs.frozen(kw_only=True, weakref_slot=False)
class Actor:
    """A state, organisation, alliance, coalition or other party.

    Attributes:
        id: short id; ISO 3166-1 alpha-3 for states (``GBR``), short codes for
            organisations (``NATO``).
        name: display name.
        kind: what sort of actor.
        aliases: other names analysts and news use ("UK", "Britain", "London").
        identifiers: codes in other schemes (``iso3166``, ``cow``, ``wikidata``).
    """

    id: str = id_field()
    name: str = text_field()
    kind: ActorKind = enum_field(ActorKind, ActorKind.STATE)
    aliases: tuple[str, ...] = attrs.field(
        default=(),
        converter=to_text_tuple,
        validator=_check_aliases,
        metadata={JSON_SCHEMA: {"items": {"pattern": NOT_BLANK}}},
    )
    identifiers: Mapping[str, str] = attrs.field(
        factory=dict, converter=frozen_mapping, validator=check_str_mapping, hash=False
    )

    __getstate__ = getstate  # pickle and deepcopy the read-only identifiers
    __setstate__ = setstate


@attrs.frozen(kw_only=True, weakref_slot=False)
class Membership:
    """An actor's membership of a group (alliance, organisation, coalition) over time.

    Attributes:
        member: the member's actor id.
        group: the group's actor id.
        start: first day of membership, if known.
        end: last day of membership; None while it lasts.
        sources: where the membership is reported.
    """

    member: str = id_field()
    group: str = id_field()
    start: dt.date | None = date_field()
    end: dt.date | None = date_field()
    sources: tuple[Source, ...] = attrs.field(
        default=(), converter=to_tuple, validator=tuple_of(Source, "a Source")
    )

    def __attrs_post_init__(self) -> None:
        if self.start is not None and self.end is not None and self.start > self.end:
            raise ValidationError(
                f"Membership {self.member} in {self.group}: start {self.start} is after end {self.end}"
            )
        if self.member == self.group:
            raise ValidationError(f"Membership: {self.member!r} cannot be a member of itself")

    def active_on(self, day: dt.date) -> bool:
        """Whether the membership holds on *day* (its start and end days included).

        *day* is taken as the constructors take dates: an aware datetime is its UTC date.

        Raises:
            ValidationError: *day* is not a date.
        """
        return self._holds_on(as_date("day", day))

    def _holds_on(self, day: dt.date) -> bool:
        return (self.start is None or self.start <= day) and (self.end is None or day <= self.end)
