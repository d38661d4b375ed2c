"""Provenance: where a claim comes from."""

import datetime as dt

import attrs

from accord._validation import date_field, optional_str_validator, str_validator

__all__ = ["Source"]


@attrs.frozen(kw_only=True)
class Source:
    """Where a claim comes from: a report, a statement, a dataset row.

    Attributes:
        title: what the source is ("Reuters, 6 Jan 2026", "ATOP 4.01").
        url: where to find it.
        publisher: who published it.
        published: when it was published.
        quote: the sentence the claim rests on, verbatim.
    """

    title: str = attrs.field(validator=str_validator())
    url: str | None = attrs.field(default=None, validator=optional_str_validator)
    publisher: str | None = attrs.field(default=None, validator=optional_str_validator)
    published: dt.date | None = date_field()
    quote: str | None = attrs.field(default=None, validator=optional_str_validator)
