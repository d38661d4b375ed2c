"""UN General Assembly roll-call votes as a :class:`~accord.Framework`.

Reads Erik Voeten's *United Nations General Assembly Voting Data* (Bailey,
Strezhnev & Voeten 2017) in two common CSV layouts, plain or gzip-compressed:

- the shared layout ``resid, session_year, date, country, country_name, vote``
  (``country`` an ISO 3166-1 alpha-3 code);
- the ``unvotes`` layout ``rcid, country, country_code, vote`` (``country``
  the name, ``country_code`` ISO alpha-2, mapped to alpha-3), optionally with
  ``session`` (session number; the first opened in 1946) and ``date`` columns.

Every roll call becomes an :class:`~accord.Issue` on the ordinal scale
:data:`VOTE` (``no < abstain < yes``, so the normalised distance is Voeten's:
0 same vote, 0.5 when one abstains, 1 yes against no), every vote a
:class:`~accord.Position` dated with the vote's date, every country an
:class:`~accord.Actor` with its alpha-3 id and name. Absences are not votes
and are not in the data.
"""

import csv
import datetime as dt
import gzip
import os
import re
import zlib
from collections.abc import Callable, Collection, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Any

import attrs

from accord._gc import collector_paused
from accord._ids import check_id
from accord.actors import Actor
from accord.datasets._iso3166 import ALPHA2_TO_ALPHA3
from accord.errors import ValidationError
from accord.framework import Framework
from accord.issues import Issue, Position
from accord.scales import OrdinalScale

__all__ = ["VOTE", "read_votes"]

#: The scale of a UN vote, lowest first: no < abstain < yes.
VOTE = OrdinalScale(levels=("no", "abstain", "yes"))

_SHARED = ("resid", "session_year", "date", "country", "country_name", "vote")
_UNVOTES = ("rcid", "country", "country_code", "vote")
_VOTES = {level: level for level in VOTE.levels}
_WHOLE = re.compile(r"-?[0-9]{1,6}")
_ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
_FIRST_SESSION_YEAR = 1945  # session n opened in 1945 + n

# Known coding errors in published versions of the data: (code, name) -> actor id.
# South Yemen (COW 680) appears under North Yemen's code YAR, voting beside it.
_CORRECTIONS = {("YAR", "Yemen People's Republic"): "YMD"}


def _years(years: int | Collection[int] | None) -> frozenset[int] | None:
    if years is None:
        return None
    items = (years,) if isinstance(years, int) and not isinstance(years, bool) else years
    if isinstance(items, str | bytes) or not isinstance(items, Collection):
        raise ValidationError(f"years: {years!r:.60} is not a year or a collection of years")
    for year in items:
        if not isinstance(year, int) or isinstance(year, bool):
            raise ValidationError(f"years: {year!r:.60} is not a year (an int)")
    return frozenset(items)


@contextmanager
def _open(path: str | os.PathLike[str]) -> Iterator[IO[str]]:
    file = Path(path)
    with file.open("rb") as probe:
        compressed = probe.read(2) == b"\x1f\x8b"
    if compressed:
        with gzip.open(file, "rt", encoding="utf-8-sig", newline="") as text:
            yield text
    else:
        with file.open("r", encoding="utf-8-sig", newline="") as text:
            yield text


class _Reader:
    """State while reading one file: caches of validated actors, issues and dates."""

    def __init__(self, name: str) -> None:
        self.name = name
        self.names: dict[str, list[str]] = {}  # actor id -> names, in order of first use
        self.ids: dict[tuple[str, str], str] = {}  # (code, name) -> actor id
        self.issues: dict[str, Issue] = {}
        self.dates: dict[str, dt.date] = {}
        self.years: dict[str, int] = {}
        self.positions: list[Position] = []
        self.make = _position_factory()

    def fail(self, line: int, problem: str) -> ValidationError:
        return ValidationError(f"{self.name}, line {line}: {problem}")

    def year(self, line: int, column: str, text: str, offset: int = 0) -> int:
        year = self.years.get(text)
        if year is None:
            if _WHOLE.fullmatch(text) is None:
                raise self.fail(line, f"{column}: {text!r:.40} is not a whole number")
            year = int(text) + offset
            self.years[text] = year
        return year

    def date(self, line: int, text: str) -> dt.date:
        day = self.dates.get(text)
        if day is None:
            try:
                if _ISO_DATE.fullmatch(text) is None:
                    raise ValueError(text)
                day = dt.date.fromisoformat(text)
            except ValueError:
                raise self.fail(line, f"date: {text!r:.40} is not an ISO date (YYYY-MM-DD)") from None
            self.dates[text] = day
        return day

    def actor(self, line: int, column: str, code: str, name: str) -> str:
        """The actor id for a (code, name) pair not seen before."""
        actor_id = _CORRECTIONS.get((code, name), code)
        names = self.names.get(actor_id)
        if names is None:
            problem = check_id(actor_id, column)
            if problem:
                raise self.fail(line, problem)
            names = self.names[actor_id] = []
        if not name.strip():
            raise self.fail(line, f"country name of {code!r}: must not be empty")
        if name not in names:
            names.append(name)
        self.ids[(code, name)] = actor_id
        return actor_id

    def actors(self) -> tuple[Actor, ...]:
        """One actor per id, named by its most recent name, earlier names as aliases."""
        taken: dict[str, str] = {}
        for actor_id, names in self.names.items():
            for label in (actor_id, names[-1]):
                taken.setdefault(label.casefold(), actor_id)
        found = []
        for actor_id, names in self.names.items():
            aliases = [n for n in names[:-1] if taken.setdefault(n.casefold(), actor_id) == actor_id]
            found.append(
                Actor(id=actor_id, name=names[-1], aliases=aliases, identifiers={"iso3166": actor_id})
            )
        return tuple(found)

    def issue(self, line: int, column: str, rid: str, day: dt.date | None, year: int | None) -> str:
        issue = self.issues.get(rid)
        if issue is None:
            problem = check_id(rid, column)
            if problem:
                raise self.fail(line, problem)
            parts = [
                f"session opened in {year}" if year is not None else "",
                f"first vote on {day}" if day else "",
            ]
            issue = self.issues[rid] = Issue(
                id=rid,
                title=f"UN General Assembly roll call {rid}",
                scale=VOTE,
                description="; ".join(p for p in parts if p) or None,
            )
        return issue.id

    def vote(self, line: int, text: str) -> str:
        vote = _VOTES.get(text)
        if vote is None:
            raise self.fail(line, f"vote: {text!r:.40} is not one of {', '.join(VOTE.levels)}")
        return vote


def _position_factory() -> Callable[[str, str, str, dt.date | None], Position]:
    """Build positions whose every field value was validated elsewhere, without re-validating.

    The reader validates each distinct actor id, issue id, vote and date once
    (through the :class:`Actor` and :class:`Issue` constructors, the scale and
    ``date.fromisoformat``); the :class:`Framework` then checks every position's
    references and stance. The first position goes through the full
    constructor; if ``Position`` ever gains a field this factory does not know,
    every position does.
    """
    expected = ("actor", "issue", "stance", "salience", "conditions", "as_of", "sources", "note")
    names = tuple(f.name for f in attrs.fields(Position))
    if names != expected:  # pragma: no cover - guards against model changes

        def checked(actor: str, issue: str, stance: str, as_of: dt.date | None) -> Position:
            return Position(actor=actor, issue=issue, stance=stance, as_of=as_of)

        return checked
    prototype = Position(actor="A", issue="I", stance="yes")
    setters: list[Any] = [getattr(Position, name).__set__ for name in names]
    set_actor, set_issue, set_stance, set_salience, set_conditions, set_as_of, set_sources, set_note = setters
    salience, conditions, sources, note = (
        prototype.salience,
        prototype.conditions,
        prototype.sources,
        prototype.note,
    )
    new = object.__new__

    def make(actor: str, issue: str, stance: str, as_of: dt.date | None) -> Position:
        p: Position = new(Position)
        set_actor(p, actor)
        set_issue(p, issue)
        set_stance(p, stance)
        set_salience(p, salience)
        set_conditions(p, conditions)
        set_as_of(p, as_of)
        set_sources(p, sources)
        set_note(p, note)
        return p

    return make


def _read_shared(reader: _Reader, rows: Any, years: frozenset[int] | None) -> None:
    positions, make = reader.positions, reader.make
    ids, issues, dates, votes = reader.ids, reader.issues, reader.dates, _VOTES
    year_of = reader.years
    for row in rows:
        if len(row) != 6:
            if not row:  # a blank line, e.g. at the end of the file
                continue
            raise reader.fail(rows.line_num, f"expected 6 fields ({', '.join(_SHARED)}), got {len(row)}")
        rid, year_text, day_text, code, name, vote_text = row
        year = year_of.get(year_text)
        if year is None:
            year = reader.year(rows.line_num, "session_year", year_text)
        if years is not None and year not in years:
            continue
        day = dates.get(day_text) or reader.date(rows.line_num, day_text)
        actor_id = ids.get((code, name)) or reader.actor(rows.line_num, "country", code, name)
        issue = issues.get(rid)
        issue_id = issue.id if issue is not None else reader.issue(rows.line_num, "resid", rid, day, year)
        vote = votes.get(vote_text) or reader.vote(rows.line_num, vote_text)
        positions.append(make(actor_id, issue_id, vote, day))


def _read_unvotes(reader: _Reader, rows: Any, header: list[str], years: frozenset[int] | None) -> None:
    at = {column: i for i, column in enumerate(header)}
    session_at, date_at = at.get("session"), at.get("date")
    if years is not None and session_at is None:
        raise ValidationError(f"years: {reader.name} has no session column to select years by")
    width = len(header)
    rcid_at, name_at, code_at, vote_at = (at[c] for c in _UNVOTES)
    for row in rows:
        line = rows.line_num
        if len(row) != width:
            if not row:
                continue
            raise reader.fail(line, f"expected {width} fields ({', '.join(header)}), got {len(row)}")
        year = None
        if session_at is not None:
            year = reader.year(line, "session", row[session_at], _FIRST_SESSION_YEAR)
            if years is not None and year not in years:
                continue
        day = reader.date(line, row[date_at]) if date_at is not None else None
        code = row[code_at]
        alpha3 = ALPHA2_TO_ALPHA3.get(code, code if len(code) == 3 and code.isalpha() else None)
        if alpha3 is None:
            raise reader.fail(
                line, f"country_code: {code!r:.40} is not an ISO 3166-1 alpha-2 or alpha-3 code"
            )
        actor_id = reader.ids.get((alpha3, row[name_at])) or reader.actor(
            line, "country_code", alpha3, row[name_at]
        )
        issue_id = reader.issue(line, "rcid", row[rcid_at], day, year)
        reader.positions.append(reader.make(actor_id, issue_id, reader.vote(line, row[vote_at]), day))


def read_votes(path: str | os.PathLike[str], *, years: int | Collection[int] | None = None) -> Framework:
    """Read UN General Assembly roll-call votes into a framework.

    The file is streamed (plain or gzip-compressed CSV, detected from its
    content); every distinct id, date and vote is validated once, and the
    framework checks every position's references and stance.

    Args:
        path: the CSV file, in the shared or the ``unvotes`` layout.
        years: keep only the sessions that opened in these years (the
            ``session_year`` column; the 2019 session runs into January 2020),
            as the literature counts them. A single year is accepted.

    Returns:
        A framework with one issue per roll call (in file order), one
        position per vote and one actor per country (in order of first vote).

    Raises:
        ValidationError: a malformed row (the message names the file, the line
            and the bad value), an unknown layout, or a bad *years*.
        OSError: the file cannot be read.
    """
    wanted = _years(years)
    if not isinstance(path, str | os.PathLike):
        raise ValidationError(f"path: {path!r:.60} is not a file path")
    with collector_paused():
        return _read(Path(path), wanted)


def _read(path: Path, wanted: frozenset[int] | None) -> Framework:
    name = path.name
    reader = _Reader(name)
    with _open(path) as text:
        rows = csv.reader(text)
        try:
            header = next(rows, None)
            if header is None:
                raise ValidationError(f"{name}: the file is empty")
            header = [column.strip() for column in header]
            if tuple(header) == _SHARED:
                _read_shared(reader, rows, wanted)
            elif set(_UNVOTES) <= set(header):
                _read_unvotes(reader, rows, header, wanted)
            else:
                raise ValidationError(
                    f"{name}, line 1: columns {header!r:.120} are neither "
                    f"{', '.join(_SHARED)} nor {', '.join(_UNVOTES)}"
                )
        except (csv.Error, UnicodeDecodeError, EOFError, gzip.BadGzipFile, zlib.error) as error:
            raise ValidationError(f"{name}, line {rows.line_num}: cannot be read: {error}") from None
    selected = (
        "" if wanted is None else f", sessions {min(wanted)}–{max(wanted)}" if wanted else ", no sessions"
    )
    try:
        return Framework(
            id="unga",
            title=f"UN General Assembly roll-call votes{selected}",
            description=(
                "Voeten, United Nations General Assembly Voting Data (Bailey, Strezhnev & Voeten 2017)."
            ),
            actors=reader.actors(),
            issues=tuple(reader.issues.values()),
            positions=tuple(reader.positions),
        )
    except ValidationError as error:  # e.g. a country voting twice on one roll call
        raise ValidationError([f"{name}: {problem}" for problem in error.problems]) from None
