"""Dates, durations and periods.

accord uses :class:`datetime.date` everywhere. On the wire dates are strict
ISO 8601 (``2025-03-01``); for human input :func:`parse_date` is lenient
("March 2025", "1 Mar 2025"). Durations are calendar durations (years,
months, days) written as ISO 8601 durations (``P10Y``, ``P1Y6M``) and applied
with :class:`dateutil.relativedelta.relativedelta`.
"""

import datetime as dt
import re
import unicodedata
import warnings
from collections.abc import Mapping
from typing import TYPE_CHECKING

import attrs
from dateutil import parser as _dateparser
from dateutil.relativedelta import relativedelta

from accord._ids import FACT_NAME_SCHEMA, check_fact_name
from accord._validation import JSON_SCHEMA, OUT_OF_RANGE, as_date, as_integer, date_field, native, show
from accord.errors import ValidationError

if TYPE_CHECKING:
    from accord.evaluation import Facts

__all__ = ["Duration", "Period", "parse_date"]

_ISO_DURATION = re.compile(r"P(?:([0-9]+)Y)?(?:([0-9]+)M)?(?:([0-9]+)W)?(?:([0-9]+)D)?\Z")
_HUMAN_DURATION = re.compile(
    r"([0-9]+)\s*(years?|yrs?|y|months?|mos?|m|weeks?|wks?|w|days?|d)\b", re.IGNORECASE
)
#: Upper bounds on a duration's parts: a thousand years, in any spelling.
MAX_YEARS, MAX_MONTHS, MAX_DAYS = 1000, 12_000, 366_000


def parse_date(text: str | dt.date, *, default_day: int = 1) -> dt.date:
    """Read a date from strict or human text.

    ISO dates (``2025-03-01``) take the fast path; anything else goes through
    ``dateutil``, with a missing day taken as *default_day* and a missing
    month as January ("March 2025" → 2025-03-01, "2025" → 2025-01-01). The
    year must be given: the result never depends on today's date. Numeric
    dates that read differently day first and month first ("01/02/2025":
    1 February in London, January 2 in Washington) are refused rather than
    guessed; "13/02/2025" and "2025/02/01" are not ambiguous, and the year
    must be written in full ("25/03/01" is refused). Dates pass
    through; datetimes, and text with a time of day, must be aware and are
    converted to their UTC date ("2025-03-01T23:30-05:00" → 2025-03-02). An
    offset after UTC or GMT reads as written ("1 March 2025 23:30 UTC-5" is
    five hours behind UTC: 2025-03-02); one after another zone name ("EST-5")
    is refused, as POSIX reads its sign the other way.

    *default_day* is a day of the month, 1 to 31; past the month's end it is
    its last day ("February 2025" with 31 → 2025-02-28).

    Raises:
        ValidationError: the text is not a date, gives no year or only two of
            its digits, is ambiguous, has a time of day without a UTC offset,
            or a zone name other than UTC or GMT with an offset; or
            *default_day* is not a whole number from 1 to 31.
    """
    day = as_integer(default_day)
    if day is None or not 1 <= day <= 31:
        raise ValidationError(f"default_day: {show(default_day)} is not a day of the month (1 to 31)")
    default_day = day
    if isinstance(text, dt.datetime):
        shown = repr(text.isoformat())
        return _utc_day(text, shown, f"naive datetime {shown}; give a date or an aware datetime")
    if isinstance(text, dt.date):
        return text
    if not isinstance(text, str):
        raise ValidationError(f"{text!r:.60} is not a date")
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        pass
    shown = f"{text!r:.60}"  # messages show the text as given; it is read in its NFKC form
    if not text.isascii():  # full-width digits ("２０２５"), compatibility spaces
        text = unicodedata.normalize("NFKC", text)
    zoned = _ISO_DATE_ZONE.match(text)
    if zoned:  # a date with a UTC offset but no time (as XML Schema writes it): the day as written
        try:
            return dt.date.fromisoformat(zoned[1])
        except ValueError:
            raise ValidationError(f"{shown} is not a date") from None
    if ISO_DATE_TIME.match(text):  # an ISO date and time of day
        try:
            return _utc_day(dt.datetime.fromisoformat(text), shown, _no_offset(text))
        except ValueError:
            pass
    written = _offset_as_written(text)
    try:
        # Parsing against two different default years (and times) tells whether the text gave
        # one, and reading it day first whether "01/02/2025" could be either day. A zone name
        # dateutil does not know (PST) leaves the time without an offset: refused below.
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", _dateparser.UnknownTimezoneWarning)
            first = _dateparser.parse(written, default=dt.datetime(2000, 1, default_day))
            second = _dateparser.parse(written, default=dt.datetime(2001, 1, default_day, *_NO_TIME))
            day_first = _dateparser.parse(written, default=dt.datetime(2000, 1, default_day), dayfirst=True)
    except (ValueError, OverflowError):
        raise ValidationError(f"{shown} is not a date") from None
    if first.date() != second.date():
        raise ValidationError(f"{shown} gives no year; write e.g. {_with_a_year(text)}")
    if str(first.year) not in text:  # "25/03/01": 2001? 2025? dateutil would pick a century
        raise ValidationError(f"{shown} abbreviates the year; write it in full (e.g. 2025)")
    if day_first.date() != first.date() and not _YEAR_FIRST.match(text):
        raise ValidationError(
            f"{shown} is ambiguous: {first.date().isoformat()} (month first) or "
            f"{day_first.date().isoformat()} (day first); write the ISO date or the month's name"
        )
    named = _WEEKDAY.search(text)
    weekday = None if named is None else _WEEKDAYS[named[1][:3].lower()]
    if weekday is not None and weekday != first.weekday():
        raise ValidationError(
            f"{shown} names a {_DAY_NAMES[weekday]}, but "
            f"{first.date().isoformat()} is a {_DAY_NAMES[first.weekday()]}"
        )
    if first.time() == dt.time() and second.time() == dt.time(*_NO_TIME):
        return first.date()  # no time of day given (both kept their default's): the day as written
    return _utc_day(first, shown, _no_offset(text))


def _with_a_year(text: str) -> str:
    """An example of *text* with a year: itself followed by one, when that reads as a date ("March 3")."""
    example = f"{text} 2025"
    try:
        _dateparser.parse(example, default=dt.datetime(2000, 1, 1))
    except (ValueError, OverflowError):  # "25": no month either
        return "'2025-03-01'"
    return repr(example)


#: A weekday named in human text ("Tuesday 1 March 2025"): checked against the date.
_WEEKDAY = re.compile(
    r"\b(mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)(?:day|nesday|sday|urday)?\b", re.IGNORECASE
)
_WEEKDAYS = {name: i for i, name in enumerate(("mon", "tue", "wed", "thu", "fri", "sat", "sun"))}
_DAY_NAMES = (
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
)  # not the locale's


#: A time of day in human text: "23:30", "23:30:15.5", "11pm", "10:00 a.m.".
_TIME_OF_DAY = re.compile(
    r"[0-9]{1,2}(?:(?::[0-9]{2}){1,2}(?:\.[0-9]+)?(?:\s*[ap]\.?m\b\.?)?|\s*[ap]\.?m\b\.?)", re.IGNORECASE
)
#: Right after a time, a zone name and an offset: "UTC+1", "GMT-05:00", "GMT-0300", "EST-5".
_NAMED_OFFSET = re.compile(
    r"\s*([A-Za-z]{1,5})\s*([+-])(?:([0-9]{1,2}):([0-9]{2})|([0-9]{2})([0-9]{2})|([0-9]{1,2}))(?![0-9:])"
)
_UTC_NAMES = frozenset({"UTC", "GMT", "UT", "Z"})


def _offset_as_written(text: str) -> str:
    """*text* with "UTC+1" after a time of day written as the offset "+01:00", which it means.

    dateutil reads a zone name followed by an offset the POSIX way, with the sign
    reversed ("UTC-05:00" five hours *ahead*), where people (and ISO 8601) mean
    the offset as written. After UTC or GMT the offset is taken as written; after
    another name ("EST-5") it could be meant either way, and is refused. Only a
    name right after the time counts ("10:00 AM -05:00" has none).
    """
    time = _TIME_OF_DAY.search(text)
    named = None if time is None else _NAMED_OFFSET.match(text, time.end())
    if named is None:
        return text
    name, sign = named[1], named[2]
    hours, minutes = next(
        (int(h), int(m or 0)) for h, m in (named.group(3, 4), named.group(5, 6), (named[7], None)) if h
    )
    if name.upper() not in _UTC_NAMES:
        raise ValidationError(
            f"{text!r:.60} gives a zone name with an offset ({named[0].strip()!r}), which is read "
            "with either sign; give the offset alone (-05:00) or after UTC (UTC-05:00)"
        )
    if hours > 23 or minutes > 59:
        raise ValidationError(f"{text!r:.60} is not a date: {named[0].strip()!r} is not a UTC offset")
    return f"{text[: named.start()]} {sign}{hours:02d}:{minutes:02d}{text[named.end() :]}"


def _utc_day(moment: dt.datetime, shown: str, naive: str) -> dt.date:
    """The UTC date of *moment*; the ValidationError *naive* when it has no UTC offset.

    *shown* names the value in the message for a date past the calendar's ends.
    """
    try:
        offset = None if moment.tzinfo is None else moment.utcoffset()
    except ValueError:  # dateutil reads "+25:00", an offset Python refuses to apply
        raise ValidationError(f"{shown} has a UTC offset of a day or more") from None
    if offset is None:
        raise ValidationError(naive)
    try:
        return moment.astimezone(dt.UTC).date()
    except OverflowError:
        raise ValidationError(f"{shown} {OUT_OF_RANGE}") from None


def _no_offset(text: str) -> str:
    return (
        f"{text!r:.60} has a time of day but no UTC offset (Z, +01:00, -0500), so its date "
        "depends on a timezone; give the date alone or add an offset (2025-03-01T23:30+01:00)"
    )


_ISO_DATE_ZONE = re.compile(r"([0-9]{4}-[0-9]{2}-[0-9]{2})(Z|[+-][0-9]{2}:[0-9]{2})\Z")
#: An ISO date, "T" (or "t" or a space), a time of day: the standard library reads the rest.
ISO_DATE_TIME = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}[Tt ][0-9]{2}:[0-9]{2}")
#: A default time of day no text gives alongside midnight: it shows whether the text gave one.
_NO_TIME = (12, 34, 56, 789)
_YEAR_FIRST = re.compile(r"\s*[0-9]{4}[-/.][0-9]")  # 2025/02/01: year, month, day by every convention


def _count(digits: str, text: str) -> int:
    """A number of years, months, weeks or days written in *text*; refused when absurdly long.

    Python refuses to read ints of more than 4,300 digits (with a message about an interpreter
    setting): such a number is refused here, by the text it is in. Shorter ones are read, and
    refused by :class:`Duration` with the bound they pass.
    """
    if len(digits.lstrip("0")) > 4000:
        raise ValidationError(f"{show(text, 40)} is not a duration: {digits[:12]}… is too large a number")
    return int(digits)


def _from_iso(text: str) -> "Duration | None":
    """The duration ISO 8601 *text* spells (``P10Y``, ``P1Y6M``, ``P2W``), or None if it spells none."""
    match = _ISO_DURATION.match(text)
    if match is None or text == "P":
        return None
    y, m, w, d = (_count(g, text) if g else 0 for g in match.groups())
    return Duration(years=y, months=m, days=d + 7 * w)


@attrs.frozen(weakref_slot=False)
class Duration:
    """A calendar duration: whole years, months and days (weeks count as 7 days).

    ``str(duration)`` is the ISO 8601 form (``P10Y``, ``P1Y6M``, ``P0D``).

    Attributes:
        years: whole years, ≥ 0.
        months: whole months, ≥ 0.
        days: whole days, ≥ 0.
    """

    years: int = 0
    months: int = 0
    days: int = 0

    def __attrs_post_init__(self) -> None:
        for name, most in (("years", MAX_YEARS), ("months", MAX_MONTHS), ("days", MAX_DAYS)):
            value = getattr(self, name)
            if not isinstance(value, int) or isinstance(value, bool) or value < 0:
                raise ValidationError(f"Duration.{name}: {value!r:.40} is not a whole number ≥ 0")
            if value > most:
                raise ValidationError(f"Duration.{name}: {value!r:.40} is more than {most}")

    @classmethod
    def parse(cls, text: str) -> "Duration":
        """Read ``P10Y``-style ISO 8601 text or human text ("10 years", "18 months", "2 weeks").

        Raises:
            ValidationError: the text is not a duration.
        """
        if not isinstance(text, str):
            raise ValidationError(f"{text!r:.60} is not a duration")
        found = _from_iso(text.strip())
        if found is not None:
            return found
        parts = _HUMAN_DURATION.findall(text)
        leftover = _HUMAN_DURATION.sub("", text)
        leftover = re.sub(r"\b(for|and|after|,)\b|,", " ", leftover, flags=re.IGNORECASE)
        if not parts or leftover.strip():
            raise ValidationError(f"{text!r:.60} is not a duration (try 'P10Y' or '10 years')")
        years = months = days = 0
        for amount, unit in parts:
            first = unit[0].lower()
            if first == "y":
                years += _count(amount, text)
            elif first == "m":
                months += _count(amount, text)
            elif first == "w":
                days += 7 * _count(amount, text)
            else:
                days += _count(amount, text)
        return cls(years=years, months=months, days=days)

    def __str__(self) -> str:
        text = "P"
        if self.years:
            text += f"{self.years}Y"
        if self.months:
            text += f"{self.months}M"
        if self.days or text == "P":
            text += f"{self.days}D"
        return text

    def __bool__(self) -> bool:
        """False for the empty duration (``P0D``), as for a zero ``timedelta``."""
        return bool(self.years or self.months or self.days)

    def to_relativedelta(self) -> relativedelta:
        """A fresh :class:`~dateutil.relativedelta.relativedelta` (it is mutable; this is a copy)."""
        return relativedelta(years=self.years, months=self.months, days=self.days)

    def after(self, day: dt.date) -> dt.date:
        """The date this duration after *day* (month ends clamp: Jan 31 + 1 month = Feb 28).

        A result past the last representable date (9999-12-31) is that date:
        the period is, in effect, open-ended. *day* is taken as the constructors
        take dates: an aware datetime is its UTC date.

        Raises:
            ValidationError: *day* is not a date.
        """
        return self._after(as_date("day", day))

    def _after(self, day: dt.date) -> dt.date:
        try:
            result: dt.date = day + self.to_relativedelta()
        except (OverflowError, ValueError):
            return dt.date.max
        return result


def _read_duration(name: str, value: object) -> object:
    """Text read as a :class:`Duration` for ``Period.<name>``, its problems named; else *value*."""
    if not isinstance(value, str):
        return value
    try:
        return Duration.parse(value)
    except ValidationError as error:
        raise ValidationError([f"Period.{name}: {problem}" for problem in error.problems]) from None


def _delay(value: object) -> object:
    """The attrs converter of ``Period.delay``."""
    return _read_duration("delay", value)


def _duration(value: object) -> object:
    """The attrs converter of ``Period.duration``."""
    return _read_duration("duration", value)


@attrs.frozen(kw_only=True, weakref_slot=False)
class Period:
    """When a commitment applies: fixed dates, or relative to an event.

    Either a fixed ``start`` or an event ``after`` (a fact name whose date
    starts the period, optionally ``delay`` later) — not both. The end is a
    fixed ``end`` or a ``duration`` from the start — not both. All fields are
    optional: ``Period(duration="P5Y", after="settlement_signed")`` reads
    "for five years after the settlement is signed".

    Attributes:
        start: first day, if fixed.
        end: last day, if fixed.
        after: name of the fact whose date starts the period.
        delay: time between that event and the start.
        duration: length of the period.
    """

    start: dt.date | None = date_field()
    end: dt.date | None = date_field()
    after: str | None = attrs.field(default=None, converter=native, metadata={JSON_SCHEMA: FACT_NAME_SCHEMA})
    delay: Duration | None = attrs.field(default=None, converter=_delay)
    duration: Duration | None = attrs.field(default=None, converter=_duration)

    def __attrs_post_init__(self) -> None:
        if self.start is not None and self.end is not None and self.start > self.end:
            raise ValidationError(f"Period: start {self.start} is after end {self.end}")
        if self.after is not None:
            problem = check_fact_name(self.after, "Period.after")
            if problem:
                raise ValidationError(problem)
            if self.start is not None:
                raise ValidationError("Period: give a fixed start or an event (after), not both")
        if self.delay is not None and self.after is None:
            raise ValidationError("Period.delay: only meaningful with after")
        if self.end is not None and self.duration is not None:
            raise ValidationError("Period: give an end or a duration, not both")
        for name in ("delay", "duration"):
            value = getattr(self, name)
            if value is not None and not isinstance(value, Duration):
                raise ValidationError(f"Period.{name}: {value!r:.60} is not a duration")

    def start_date(self, events: "Mapping[str, object] | Facts | None" = None) -> dt.date | None:
        """The first day, resolving ``after`` through *events*.

        *events* maps fact names to values, as :class:`~accord.Facts` does (a
        ``Facts`` may be given itself): the event's value is the date it
        happened on (an aware datetime counts as its UTC date). Returns None
        when the start is open or its event has no date yet (it is missing,
        or holds another kind of value, such as ``True``).

        Raises:
            ValidationError: *events* is not a mapping, or the event's value
                is a naive datetime.
        """
        if self.after is None:
            return self.start
        happened = self._event_day(events)
        if happened is None:
            return None
        return self.delay._after(happened) if self.delay else happened

    def _event_day(self, events: "Mapping[str, object] | Facts | None") -> dt.date | None:
        """The date of the event the period starts after, read from *events*; None if it has none."""
        assert self.after is not None
        if events is None:
            return None
        values = events if isinstance(events, Mapping) else getattr(events, "values", None)
        if not isinstance(values, Mapping):
            raise ValidationError(f"events: {events!r:.60} is not a mapping of fact names to dates, or Facts")
        happened = values.get(self.after)
        if isinstance(happened, dt.datetime):
            return as_date(f"events[{self.after!r}]", happened)
        return happened if isinstance(happened, dt.date) else None

    def end_date(self, events: "Mapping[str, object] | Facts | None" = None) -> dt.date | None:
        """The last day, if fixed or computable from a resolved start and the duration.

        A duration counts whole days from the start, so its last day is the
        day before the duration has elapsed: five years from 2025-09-01 run
        to 2030-08-31, ``P1D`` is the first day alone and ``P0D`` is empty
        (its last day falls before its first).
        """
        if self.end is not None or self.duration is None:
            return self.end
        start = self.start_date(events)
        if start is None:
            return None
        elapsed = self.duration._after(start)
        if elapsed == dt.date.max or elapsed == dt.date.min:  # beyond the calendar: open-ended
            return elapsed
        return elapsed - dt.timedelta(days=1)

    def contains(self, day: dt.date, events: "Mapping[str, object] | Facts | None" = None) -> bool | None:
        """Whether *day* falls in the period; None when an event date is still unknown.

        A period whose ``delay`` puts its start past the calendar's last day
        (9999-12-31) never starts: no day falls in it.

        Raises:
            ValidationError: *day* is not a date (a naive datetime, text, …),
                or *events* is not valid (see :meth:`start_date`).
        """
        day = as_date("day", day)
        if self.after is not None:
            start = self.start_date(events)
            if start is None:
                return None
            if start == dt.date.max and self._delay_overflows(events):
                return False
        start, end = self.start_date(events), self.end_date(events)
        return (start is None or start <= day) and (end is None or day <= end)

    def _delay_overflows(self, events: "Mapping[str, object] | Facts | None") -> bool:
        """Whether the delay after the (dated) event runs past the calendar's last day."""
        if self.delay is None or self.after is None:
            return False
        happened = self._event_day(events)
        assert happened is not None  # start_date read it
        try:
            happened + self.delay.to_relativedelta()
        except (OverflowError, ValueError):
            return True
        return False

    def __str__(self) -> str:
        parts = []
        if self.start:
            parts.append(f"from {self.start.isoformat()}")
        if self.after:
            parts.append(
                f"{self.delay} after {self.after}" if self.delay is not None else f"after {self.after}"
            )
        if self.end:
            parts.append(f"until {self.end.isoformat()}")
        if self.duration is not None:
            parts.append(f"for {self.duration}")
        return ", ".join(parts) or "open-ended"
