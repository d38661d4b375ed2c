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
import operator
import os
import re
import zlib
from collections import deque
from collections.abc import Callable, Collection, Iterable, Iterator
from contextlib import contextmanager
from itertools import repeat
from pathlib import Path
from typing import IO, Any

import attrs

from accord._gc import collector_paused
from accord._ids import check_id
from accord._plans import filler
from accord._validation import as_integer, show
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
_VOTES_CR = {level + "\r": level for level in VOTE.levels}  # the last field of a CR LF line
_WHOLE = re.compile(r"-?[0-9]{1,6}")
_ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
_FIRST_SESSION_YEAR = 1945  # session n opened in 1945 + n

# Known coding errors in published versions of the data: (code, name) -> actor id.
# South Yemen (COW 680) appears under North Yemen's code YAR, voting beside it.
_CORRECTIONS = {("YAR", "Yemen People's Republic"): "YMD"}

# Countries that voted but have no ISO 3166-1 code, by name: the id the shared layout gives them
# (its ``COW`` + Correlates of War number). The unvotes layout leaves their alpha-2 code missing,
# which R writes as the text NA: Namibia's code.
_WITHOUT_ISO_CODE = {"Zanzibar": "COW511"}
#: An actor id: an ISO 3166 alpha-3 code (current or former: YMD, DDR), or COW and the
#: Correlates of War number of a country without one (as the shared layout writes Zanzibar).
_COUNTRY_ID = re.compile(r"[A-Z]{3}|COW([0-9]+)")


def _identifiers(actor_id: str) -> dict[str, str]:
    """An actor's codes: its ISO 3166 alpha-3 code, or its Correlates of War number when it has none."""
    match = _COUNTRY_ID.fullmatch(actor_id)
    return {"cow": match[1]} if match is not None and match[1] else {"iso3166": actor_id}


_MISSING_CODES = ("", "NA")


def _years(years: int | Collection[int] | None) -> frozenset[int] | None:
    if years is None:
        return None
    items = (years,) if as_integer(years) is not None else years
    if isinstance(items, str | bytes) or not isinstance(items, Iterable):
        raise ValidationError(f"years: {years!r:.60} is not a year or a collection of years")
    found = set()
    for year in items:
        number = as_integer(year)
        if number is None:
            raise ValidationError(f"years: {year!r:.60} is not a year (an int)")
        found.add(number)
    return frozenset(found)


def _is_gzip(file: Path) -> bool:
    with file.open("rb") as probe:
        return probe.read(2) == b"\x1f\x8b"


@contextmanager
def _open(path: str | os.PathLike[str]) -> Iterator[IO[str]]:
    file = Path(path)
    if _is_gzip(file):
        with gzip.open(file, "rt", encoding="utf-8-sig", newline="") as text:
            yield text
    else:
        with file.open("r", encoding="utf-8-sig", newline="") as text:
            yield text


def _undecodable_line(path: Path) -> int | None:
    """The number of the first line that is not UTF-8; None if the file cannot be read again.

    Text is decoded in blocks, so the csv reader's line count lags behind the decoder's error.
    """
    try:
        with gzip.open(path, "rb") if _is_gzip(path) else path.open("rb") as raw:
            for number, line in enumerate(raw, start=1):
                try:
                    line.decode("utf-8")
                except UnicodeDecodeError:
                    return number
    except (OSError, EOFError, zlib.error):
        return None
    return None


class _Reader:
    """State while reading one file: caches of validated actors, issues and dates."""

    def __init__(self, name: str) -> None:
        self.name = name
        self.names: dict[str, list[str]] = {}  # actor id -> names, in order of first use
        self.ids: dict[tuple[str, str], str] = {}  # (code, name) -> actor id
        # roll call -> (its id, once: shared by its positions; session year; earliest vote date)
        self.issues: dict[str, tuple[str, int | None, dt.date | None]] = {}
        self.dates: dict[str, dt.date] = {}
        self.years: dict[str, int] = {}
        self.positions: list[Position] = []
        self.lines: list[int] = []  # each position's line (the reference passes only)
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
            if not _COUNTRY_ID.fullmatch(actor_id):  # "usa" would split the USA in two
                raise self.fail(
                    line,
                    f"{column}: {show(code)} is not a country code "
                    "(ISO 3166: three capital letters, or COW and a Correlates of War number)",
                )
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
                Actor(id=actor_id, name=names[-1], aliases=aliases, identifiers=_identifiers(actor_id))
            )
        return tuple(found)

    def issue(self, line: int, column: str, rid: str, day: dt.date | None, year: int | None) -> str:
        """The id of roll call *rid*, which has a vote on *day* (its first vote is the earliest)."""
        known = self.issues.get(rid)
        if known is None:
            problem = check_id(rid, column)
            if problem:
                raise self.fail(line, problem)
            known = self.issues[rid] = (rid, year, day)
        elif day is not None and (known[2] is None or day < known[2]):
            known = self.issues[rid] = (known[0], known[1], day)
        return known[0]

    def built_issues(self) -> tuple[Issue, ...]:
        """One issue per roll call, in order of first appearance, saying when its first vote was."""
        built = []
        for rid, year, day in self.issues.values():
            parts = [
                f"session opened in {year}" if year is not None else "",
                f"first vote on {day}" if day else "",
            ]
            built.append(
                Issue(
                    id=rid,
                    title=f"UN General Assembly roll call {rid}",
                    scale=VOTE,
                    description="; ".join(p for p in parts if p) or None,
                )
            )
        return tuple(built)

    def vote(self, line: int, text: str) -> str:
        vote = _VOTES.get(text)
        if vote is None:
            raise self.fail(line, f"vote: {text!r:.40} is not one of {', '.join(VOTE.levels)}")
        return vote


_POSITION_FIELDS = ("actor", "issue", "stance", "salience", "conditions", "as_of", "sources", "note")


def _position_slots() -> tuple[Any, ...] | None:
    """The slot setters of :class:`Position` and its four default values, or None if the model changed.

    Setting the slots of ``object.__new__(Position)`` directly builds a
    position without re-validating values validated elsewhere: the reader
    validates each distinct actor id, issue id, vote and date once (through
    the :class:`Actor` and :class:`Issue` constructors, the scale and
    ``date.fromisoformat``). The defaults are taken from a position built by
    the full constructor; if ``Position`` ever gains a field this does not
    know, None sends every position through the constructor.
    """
    names = tuple(f.name for f in attrs.fields(Position))
    if names != _POSITION_FIELDS:  # pragma: no cover - guards against model changes
        return None
    prototype = Position(actor="A", issue="I", stance="yes")
    setters = tuple(getattr(Position, name).__set__ for name in names)
    return (*setters, prototype.salience, prototype.conditions, prototype.sources, prototype.note)


def _position_factory() -> Callable[[str, str, str, dt.date | None], Position]:
    """Build positions whose every field value was validated elsewhere (see :func:`_position_slots`)."""
    slots = _position_slots()
    if slots is None:  # pragma: no cover - guards against model changes

        def checked(actor: str, issue: str, stance: str, as_of: dt.date | None) -> Position:
            return Position(actor=actor, issue=issue, stance=stance, as_of=as_of)

        return checked
    (
        set_actor,
        set_issue,
        set_stance,
        set_salience,
        set_conditions,
        set_as_of,
        set_sources,
        set_note,
        salience,
        conditions,
        sources,
        note,
    ) = slots
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
    positions, make, lines = reader.positions, reader.make, reader.lines
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
        if issue is None or day < issue[2]:  # type: ignore[operator]  # (the shared layout dates every vote)
            issue_id = reader.issue(rows.line_num, "resid", rid, day, year)
        else:
            issue_id = issue[0]
        vote = votes.get(vote_text) or reader.vote(rows.line_num, vote_text)
        positions.append(make(actor_id, issue_id, vote, day))
        lines.append(rows.line_num)


class _FallbackError(Exception):
    """The fast pass met something it leaves to the reference pass (:func:`_read_shared`)."""


_BLOCK = 1 << 20  # characters read at a time by the fast pass


def _lines(text: IO[str]) -> Iterator[tuple[str, list[str]]]:
    """The rest of *text* in blocks of lines: (line end, lines), the lines cut at LF only.

    For text in which the csv module's records are exactly the lines split at
    commas: no quotes, no NUL characters, and either every line ending in LF
    with no CR anywhere, or every line ending in CR LF with no other CR (the
    first line decides; a last line without a line end is given one). In the
    second case each line keeps its CR and the line end yielded is a CR, else
    the empty string: a blank line is the line end alone, and every other
    line ends with it too. Raises :class:`_FallbackError` on the first block
    that is not so. The caller refuses any line that does not end with the
    line end, so counting the CRs is enough to know that no line holds
    another one. A line longer than the csv module's field size limit (or
    than its default, 128 KiB) is left to it too (it refuses a field past
    its limit).
    """
    end = None  # decided by the first line
    rest = ""
    # Longer lines are left to the csv module, which refuses a field past its limit (and reads a
    # long line at once, where joining blocks here would be quadratic): at most its default limit.
    longest = min(csv.field_size_limit(), 1 << 17)
    returns = lines_seen = 0  # CRs read, complete lines yielded
    while chunk := text.read(_BLOCK):
        if '"' in chunk or "\0" in chunk:
            raise _FallbackError
        returns += chunk.count("\r")
        lines = chunk.split("\n")
        lines[0] = rest + lines[0]
        rest = lines.pop()
        if len(rest) > longest:  # a line already too long, however it ends: never grow it block by block
            raise _FallbackError
        if not lines:
            continue
        if end is None:
            end = "\r" if lines[0].endswith("\r") else ""
        if max(map(len, lines)) > longest:
            raise _FallbackError
        lines_seen += len(lines)
        if returns - rest.count("\r") != (lines_seen if end else 0):
            raise _FallbackError
        yield end, lines
    if rest:  # the last line, without a line end
        end = end or ""
        if end and not rest.endswith(end):
            rest += end
        if rest.count("\r") != len(end) or len(rest) > longest:
            raise _FallbackError
        yield end, [rest]


_Prefix = tuple[str, dt.date] | tuple[()]  # (issue id, date) of a row, or () for a session not selected


def _read_shared_fast(
    reader: _Reader, text: IO[str], years: frozenset[int] | None
) -> tuple[dict[str, dict[str, Position | list[Position]]], list[tuple[str, str]]]:
    """Read the rows of the shared layout after the header, fast; :class:`_FallbackError` on anything unusual.

    Does what :func:`_read_shared` does, with the same validation of every
    distinct value (through the same :class:`_Reader` methods), for files in
    plain "lines of comma-separated fields" form (see :func:`_lines`). Each
    line is cut into ``resid,session_year,date`` (looked up once per
    distinct text: validated, selected by year, turned into an issue id and
    a date) and ``country,country_name,vote`` (looked up once per distinct
    text: validated, turned into an actor id and a stance). Consecutive lines
    of one roll call and date (a run) begin with the same text, so within a
    run the first part is only compared, not cut out and looked up. The votes
    of a block of lines are collected column by column and made positions
    together (:func:`_block_builder`); positions are collected per actor,
    then grouped by issue as the :class:`Framework` would group them
    (:func:`_by_issue`), and returned that way.

    Anything else — a problem in a row, a line with another number of fields,
    quotes — raises :class:`_FallbackError`, and the caller reads the file again
    with :func:`_read_shared`, which reports problems with their line
    numbers. Several votes of one country on one roll call are grouped in a
    list, and named in the second value returned, for the framework to sort
    by date and check (two on one date are refused).
    """
    build = _block_builder()
    if build is None:  # pragma: no cover - guards against model changes
        raise _FallbackError
    prefixes: dict[str, _Prefix] = {}
    suffixes: dict[str, tuple[str, str]] = {}  # "code,name,vote" -> (actor id, stance)
    pairs: dict[tuple[str, str], str] = {}  # (code, name) -> actor id
    by_actor: dict[str, list[Position]] = {}  # actor id -> its positions, in order
    group_of = by_actor.__getitem__
    extend = reader.positions.extend

    def prefix_of(text: str) -> _Prefix:
        fields = text.split(",")
        if len(fields) != 3:
            raise _FallbackError
        rid, year_text, day_text = fields
        year = reader.year(0, "session_year", year_text)
        if years is not None and year not in years:
            return ()
        day = reader.date(0, day_text)
        return (reader.issue(0, "resid", rid, day, year), day)

    def suffix_of(text: str, votes: dict[str, str]) -> tuple[str, str]:
        fields = text.split(",")
        if len(fields) != 3:
            raise _FallbackError
        code, name, vote_text = fields
        stance = votes.get(vote_text)
        if stance is None:
            raise _FallbackError
        actor_id = pairs.get((code, name))
        if actor_id is None:
            actor_id = pairs[(code, name)] = reader.actor(0, "country", code, name)
            by_actor.setdefault(actor_id, [])
        return (actor_id, stance)

    run = "\n"  # the start of the lines of the current run: "resid,session_year,date," (no line has LF)
    cut = 0
    issue: _Prefix = ()
    try:
        for end, lines in _lines(text):
            votes = _VOTES_CR if end else _VOTES
            # the block's votes, column by column
            actors: list[str] = []
            issues: list[str] = []
            stances: list[str] = []
            days: list[dt.date] = []
            for line in lines:
                if not line.startswith(run):  # another roll call or date: a new run of lines
                    prefix = line.rsplit(",", 3)[0]
                    if prefix == line:
                        if line != end:
                            raise _FallbackError
                        continue  # a blank line
                    found = prefixes.get(prefix)
                    if found is None:
                        found = prefixes[prefix] = prefix_of(prefix)
                    issue = found
                    run = prefix + ","
                    cut = len(run)
                if not issue:  # a session not selected: the line needs six fields (and its end)
                    if line.count(",", cut) != 2 or not line.endswith(end):
                        raise _FallbackError  # (see _lines: every line must end so)
                    continue
                suffix = line[cut:]
                vote = suffixes.get(suffix)
                if vote is None:
                    vote = suffixes[suffix] = suffix_of(suffix, votes)
                actors.append(vote[0])  # (a method call: specialised by the interpreter)
                issues.append(issue[0])
                stances.append(vote[1])
                days.append(issue[1])
            block = build(actors, issues, stances, days)
            _consume(map(list.append, map(group_of, actors), block))
            extend(block)
    except ValidationError:
        raise _FallbackError from None
    return _by_issue(by_actor)


def _consume(calls: Iterator[object]) -> None:
    """Run an iterator of calls (``map``) to its end in C, keeping nothing."""
    deque(calls, maxlen=0)


_Columns = Callable[[list[str], list[str], list[str], list[dt.date]], list[Position]]


def _block_builder() -> _Columns | None:
    """A function making the positions of a block of votes from its columns, or None if the model changed.

    Takes the actor ids, issue ids, stances and dates (validated elsewhere,
    see :func:`_position_slots`). Each position is filled as the loaders
    fill objects (see :func:`accord._plans.filler`): plain slot stores, then
    its class, half the time of setting slots through their descriptors.
    Where Position has no filler, each slot of all the block's positions is
    set in one ``map`` run in C.
    """
    slots = _position_slots()
    if slots is None:  # pragma: no cover - guards against model changes
        return None
    set_actor, set_issue, set_stance, set_salience, set_conditions, set_as_of, set_sources, set_note = slots[
        :8
    ]
    salience, conditions, sources, note = slots[8:]
    new: Any = object.__new__
    fill = filler(Position)
    if fill is not None:

        def filled(
            actors: list[str], issues: list[str], stances: list[str], days: list[dt.date]
        ) -> list[Position]:
            block: list[Position] = []
            append = block.append
            for actor, issue, stance, day in zip(actors, issues, stances, days, strict=True):
                p = new(fill)
                p.actor = actor
                p.issue = issue
                p.stance = stance
                p.salience = salience
                p.conditions = conditions
                p.as_of = day
                p.sources = sources
                p.note = note
                p.__class__ = Position
                append(p)
            return block

        return filled

    def build(
        actors: list[str], issues: list[str], stances: list[str], days: list[dt.date]
    ) -> list[Position]:
        n = len(actors)
        block: list[Position] = list(map(new, repeat(Position, n)))
        _consume(map(set_actor, block, actors))
        _consume(map(set_issue, block, issues))
        _consume(map(set_stance, block, stances))
        _consume(map(set_salience, block, repeat(salience, n)))
        _consume(map(set_conditions, block, repeat(conditions, n)))
        _consume(map(set_as_of, block, days))
        _consume(map(set_sources, block, repeat(sources, n)))
        _consume(map(set_note, block, repeat(note, n)))
        return block

    return build


def _by_issue(
    by_actor: dict[str, list[Position]],
) -> tuple[dict[str, dict[str, Position | list[Position]]], list[tuple[str, str]]]:
    """Each actor's positions by issue, as the framework indexes them, and the pairs with several.

    A single position is stored as is, several of one actor on one issue in a
    list (in file order; the framework sorts them by date and refuses two on
    one date).
    """
    table: dict[str, dict[str, Position | list[Position]]] = {}
    several: list[tuple[str, str]] = []
    issue_of = operator.attrgetter("issue")
    for actor_id, group in by_actor.items():
        row: dict[str, Position | list[Position]] = dict(zip(map(issue_of, group), group, strict=True))
        if len(row) != len(group):  # several votes on one roll call (rare): group them one by one
            row = {}
            for p in group:
                entry = row.setdefault(p.issue, p)
                if entry is p:
                    continue
                if type(entry) is list:
                    entry.append(p)
                else:
                    row[p.issue] = [entry, p]  # type: ignore[list-item]
                    several.append((actor_id, p.issue))
        table[actor_id] = row
    return table, several


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
        alpha3: str | None
        if code in _MISSING_CODES:
            alpha3 = _missing_code(reader, line, code, row[name_at])
        else:
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
        reader.lines.append(line)


def _missing_code(reader: "_Reader", line: int, code: str, name: str) -> str:
    """The id of a country whose ``country_code`` is empty or NA (Namibia's, or R's missing value)."""
    if name in _WITHOUT_ISO_CODE:
        return _WITHOUT_ISO_CODE[name]
    if code == "NA" and name.casefold().startswith("namibia"):
        return ALPHA2_TO_ALPHA3[code]
    if code == "NA":
        raise reader.fail(
            line,
            f"country_code: 'NA' for {name!r:.40}: Namibia's code, or a missing code as R writes it? "
            "(write the country's alpha-2 or alpha-3 code)",
        )
    raise reader.fail(line, f"country_code: empty for {name!r:.40}; expected an ISO alpha-2 or alpha-3 code")


def read_votes(path: str | os.PathLike[str], *, years: int | Collection[int] | None = None) -> Framework:
    """Read UN General Assembly roll-call votes into a framework.

    The file is streamed (plain or gzip-compressed CSV, detected from its
    content); every distinct id, date and vote is validated once, and the
    framework checks that ids are unique and that no country voted twice on
    one roll call on one date. A file in the shared layout made of plain
    lines (no quotes, one kind of line end) is read by a fast pass; any
    other file, and any file with a problem, is read row by row with the
    csv module, which names the line of the first problem.

    Args:
        path: the CSV file, in the shared or the ``unvotes`` layout.
        years: keep only the sessions that opened in these years (the
            ``session_year`` column; the 2019 session runs into January 2020),
            as the literature counts them. A single year is accepted. Years
            all outside the file's sessions are refused (a typo such as 2202);
            a year within them without roll calls (1964) selects none.

    Returns:
        A framework with one issue per roll call (in file order), one
        position per vote and one actor per country (in order of first vote).

    Raises:
        ValidationError: a malformed row (the message names the file, the line
            and the bad value), an unknown layout, or a bad *years* (not
            years, or all outside the file's sessions).
        OSError: the file cannot be read.
    """
    wanted = _years(years)
    if not isinstance(path, str | os.PathLike):
        raise ValidationError(f"path: {path!r:.60} is not a file path")
    with collector_paused(settle=True):
        return _read(Path(path), wanted)


def _sessions_text(years: frozenset[int]) -> str:
    """The selected sessions for a title: ``sessions 1946–1950, 2019``, runs of years joined.

    At most four runs are spelt out; more end in ``…`` and the last year, with the count.
    """
    if not years:
        return "no sessions"
    runs: list[list[int]] = []
    for year in sorted(years):
        if runs and year == runs[-1][1] + 1:
            runs[-1][1] = year
        else:
            runs.append([year, year])
    spelt = [str(first) if first == last else f"{first}–{last}" for first, last in runs]
    if len(spelt) > 4:
        spelt = [*spelt[:3], f"… {runs[-1][1]} ({len(years)} years)"]
    return ("session " if len(years) == 1 else "sessions ") + ", ".join(spelt)


def _check_years_in_file(name: str, wanted: frozenset[int] | None, found: set[int]) -> None:
    """Refuse a selection of years all outside the file's sessions (``years=2032``, a typo).

    A year within them that has no roll call (1964, when the Assembly took no recorded votes)
    selects nothing, as does ``years=[]``: that empty framework is the answer. A selection that
    reaches past the file (``range(2000, 2030)``) keeps the years the file has.
    """
    if not wanted or not found:
        return
    first, last = min(found), max(found)
    if all(year < first or year > last for year in wanted):
        opened = str(first) if first == last else f"{first}–{last}"
        raise ValidationError(
            f"years: {name} has no {_sessions_text(wanted)}: its sessions opened in {opened}"
        )


def _read(path: Path, wanted: frozenset[int] | None, *, fast: bool = True) -> Framework:
    """Read the file: the shared layout first with the fast pass, then, if it gives up, the reference pass."""
    name = path.name
    reader = _Reader(name)
    grouped = None
    several: list[tuple[str, str]] = []
    retry = False
    with _open(path) as text:
        rows = csv.reader(text)
        try:
            header = next(rows, None)
            if header is None:
                raise ValidationError(f"{name}: the file is empty")
            header = [column.strip() for column in header]
            if tuple(header) == _SHARED:
                if fast:
                    try:
                        grouped, several = _read_shared_fast(reader, text, wanted)
                    except (_FallbackError, UnicodeDecodeError, EOFError, gzip.BadGzipFile, zlib.error):
                        retry = True  # read again below, naming the line of any problem
                else:
                    _read_shared(reader, rows, wanted)
            elif set(_UNVOTES) <= set(header):
                _read_unvotes(reader, rows, header, wanted)
            else:
                raise ValidationError(
                    f"{name}, line 1: columns {header!r:.120} are neither "
                    f"{', '.join(_SHARED)} nor {', '.join(_UNVOTES)}"
                )
        except UnicodeDecodeError as error:
            line = _undecodable_line(path) or rows.line_num
            raise ValidationError(f"{name}, line {line}: cannot be read: {error}") from None
        except csv.Error as error:
            raise ValidationError(f"{name}, line {rows.line_num}: cannot be read: {error}") from None
        except (EOFError, gzip.BadGzipFile, zlib.error) as error:  # the compressed stream is broken
            after = f" after line {rows.line_num}" if rows.line_num else ""
            raise ValidationError(f"{name}: cannot be read{after}: {error}") from None
    if retry:
        return _read(path, wanted, fast=False)
    _check_years_in_file(name, wanted, set(reader.years.values()))
    selected = "" if wanted is None else f", {_sessions_text(wanted)}"
    fields: dict[str, Any] = {
        "id": "unga",
        "title": f"UN General Assembly roll-call votes{selected}",
        "description": (
            "Voeten, United Nations General Assembly Voting Data (Bailey, Strezhnev & Voeten 2017)."
        ),
        "actors": reader.actors(),
        "issues": reader.built_issues(),
    }
    positions = tuple(reader.positions)
    try:
        if grouped is not None:
            return Framework._from_grouped_positions(positions, grouped, several, **fields)
        return Framework(**fields, positions=positions)
    except ValidationError as error:  # a country voting twice on one roll call on one day
        if grouped is not None:  # the fast pass keeps no lines: read again to name them
            return _read(path, wanted, fast=False)
        twice = _votes_twice(reader)
        if twice:
            raise ValidationError(
                [f"{name}, {problem}" for problem in twice], subject=error.subject
            ) from None
        raise ValidationError(  # pragma: no cover - the reader makes every other reference valid
            [f"{name}: {problem}" for problem in error.problems], count=error.count, subject=error.subject
        ) from None


def _votes_twice(reader: _Reader) -> list[str]:
    """Each country's second vote on a roll call on one day, with the lines of both."""
    first: dict[tuple[str, str, dt.date | None], int] = {}
    problems = []
    for p, line in zip(reader.positions, reader.lines, strict=True):
        key = (p.actor, p.issue, p.as_of)
        before = first.setdefault(key, line)
        if before != line:
            day = "undated" if p.as_of is None else f"on {p.as_of.isoformat()}"
            problems.append(f"lines {before} and {line}: {p.actor} voted twice on roll call {p.issue} {day}")
    return problems
