"""Provenance: where a claim comes from."""

import datetime as dt

import attrs

from accord._validation import date_field, text_field

__all__ = ["Source"]


@attrs.frozen(kw_only=True, weakref_slot=False)
class Source:
    """Where a claim comes from: a report, a statement, a dataset row.

    Attributes:
        title: what the source is ("Reuters, 6 Jan 2026", "ATOP 4.01").
        url: where to find it.
        publisher: who published it.
        published: when it was published.
        quote: the sentence the claim rests on, verbatim.
    """

    title: str = text_field()
    url: str | None = text_field(optional=True)
    publisher: str | None = text_field(optional=True)
    published: dt.date | None = date_field()
    quote: str | None = text_field(optional=True)
