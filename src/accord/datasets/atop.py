"""Alliance Treaty Obligations and Provisions (ATOP) 4.01 as one framework.

:func:`read_alliances` reads ATOP's alliance-level and member-level CSV files
(Leeds, Ritter, Mitchell & Long 2002) into a single :class:`~accord.Framework`
whose ``as_of`` is the end of ATOP 4.01's coverage, 2018-12-31.

How ATOP maps onto accord:

==============================  ====================================================
ATOP                            accord
==============================  ====================================================
alliance ``atopid``             a :class:`~accord.Component` ``atop-<atopid>``
                                (status ``AGREED``: ATOP codes signed treaties only)
                                and an ``ALLIANCE`` :class:`~accord.Actor` with the
                                same id, the group of its members
member row (COW ``member``)     a ``STATE`` actor (id from the COW code, see below)
                                and a :class:`~accord.Membership` of the alliance
                                from entry to exit
``defense`` = 1                 a ``DEFENCE`` :class:`~accord.Commitment`
``offense`` = 1                 an ``OFFENCE`` commitment
``neutral`` = 1                 a ``NEUTRALITY`` commitment
``nonagg`` = 1                  a ``NON_AGGRESSION`` commitment
``consul`` = 1                  a ``CONSULTATION`` commitment
``milaid`` 1–4                  a ``MILITARY_AID`` commitment (level in the
                                description; an empty ``milaid`` means not coded)
==============================  ====================================================

Every commitment's ``actor`` is the member, its ``beneficiary`` and
``component`` the alliance. Its id is ``atop-<atopid>-<actor>-p<phase>-<kind>``
(``atop-3180-USA-p2-defence``); when a member has two rows for one phase (it
left and rejoined) the second id also carries the entry year
(``atop-3205-EGY-p0-1989-defence``: Egypt rejoined the Arab League's defence
pact). Two rows of one member entering one phase of an alliance on the same
day are refused: the row is there twice.

Dates and status. Entry ``yrent/moent/dayent`` starts the period and the
history (``IN_FORCE`` from that day); an unknown day is the 1st of the month.
Exit ``yrexit/moexit/dayexit`` (year 0: still in effect when ATOP's coding
ended) is the day the obligation ended: the history marks ``EXPIRED`` from that
day and the period and membership end the day before; an unknown exit day is the
last day of the month. ``status`` is the last history entry, so ``IN_FORCE``
for the 1,062 member rows in effect and ``EXPIRED`` for the others.

Conditions. ATOP marks an obligation as conditional (``defcon``, ``offcon``,
``neucon``, ``concon``) and, in the member file, says on what. Each such code
becomes a :class:`~accord.Fact`; several are joined with ``and`` (each narrows
when the obligation applies). Nonaggression obligations carry no condition codes.

=========  ========================================  ===========================================
suffix     ATOP meaning                              fact
=========  ========================================  ===========================================
``adv``    only against a specific adversary         ``conflict_with_specified_adversary``
``loc``    only in a specific location               ``conflict_in_specified_location``
``con``    only in a specific conflict               ``in_specified_conflict``
``num``    only against a number of adversaries      ``specified_number_of_adversaries``
``dem``    only if a demand is not complied with     ``demand_not_complied_with``
``npr``    only if the ally did not provoke          ``ally_did_not_provoke``
``req``    consultation only if requested            ``consultation_requested``
``att``    neutrality only if the ally is attacked   ``ally_attacked``
=========  ========================================  ===========================================

A conditional flag without any kind coded (absent in ATOP 4.01) becomes
``unspecified_condition``. The columns read are ``defcoadv`` … ``defconpr``,
``offcoadv`` … ``offcodem``, ``neucoadv`` … ``neucoatt`` and ``concoadv`` …
``concoreq``.

Actor ids. COW codes map to ISO 3166 alpha-3 codes following COW's idea of
state continuity (365 Russia/USSR → ``RUS``, 255 Prussia/Germany → ``DEU``);
dissolved states keep their former ISO code (``CSK``, ``DDR``, ``YMD``), 345
is ``YUG`` and 678 (the Yemen Arab Republic, North Yemen until 1990) ``YAR``,
as in accord's UN voting data, so that the two join. The German Federal
Republic (260) shares ``DEU`` with Germany (255): ISO kept one code for both.
States that never had an ISO code (Bavaria, Austria-Hungary, …) and codes
missing from the table keep ``COW<n>``. Every state actor has
``identifiers["cow"]``; a merged actor also has ``identifiers["cow_also"]``,
and the other state's name as an alias (``DEU``: "German Federal Republic").
Each commitment's description names the COW code of its row.

Malformed input raises :class:`~accord.ValidationError` listing (up to 20)
problems, each naming the file, line, column and bad value.
"""

import calendar
import datetime as dt
from collections.abc import Iterable, Mapping
from types import MappingProxyType

from accord import _cow
from accord.actors import Actor, Membership
from accord.commitments import Commitment, StatusChange
from accord.conditions import AllOf, Condition, Fact
from accord.datasets._csv import PathLike, Problems, Row, RowError, check_path, read_rows
from accord.dates import Period
from accord.framework import Component, Framework
from accord.sources import Source
from accord.vocabulary import ActorKind, CommitmentKind, CommitmentStatus, ComponentStatus

__all__ = ["ATOP_SOURCE", "CONDITION_FACTS", "COVERAGE_END", "read_alliances"]

#: Where every object read from ATOP comes from.
ATOP_SOURCE = Source(
    title="ATOP 4.01: Alliance Treaty Obligations and Provisions (Leeds, Ritter, Mitchell & Long 2002)",
    url="http://www.atopdata.org/",
    publisher="ATOP project",
)

#: The last day ATOP 4.01 codes; the framework's ``as_of``.
COVERAGE_END = dt.date(2018, 12, 31)

#: ATOP condition-kind suffix → the fact it becomes.
CONDITION_FACTS: Mapping[str, str] = MappingProxyType(
    {
        "adv": "conflict_with_specified_adversary",
        "loc": "conflict_in_specified_location",
        "con": "in_specified_conflict",
        "num": "specified_number_of_adversaries",
        "dem": "demand_not_complied_with",
        "npr": "ally_did_not_provoke",
        "req": "consultation_requested",
        "att": "ally_attacked",
    }
)

UNSPECIFIED_CONDITION = "unspecified_condition"

# (obligation flag, kind, "is conditional" flag, {suffix: condition-kind column})
_OBLIGATIONS: tuple[tuple[str, CommitmentKind, str | None, dict[str, str]], ...] = (
    (
        "defense",
        CommitmentKind.DEFENCE,
        "defcon",
        {
            "adv": "defcoadv",
            "loc": "defcoloc",
            "con": "defcocon",
            "num": "defconum",
            "dem": "defcodem",
            "npr": "defconpr",
        },
    ),
    (
        "offense",
        CommitmentKind.OFFENCE,
        "offcon",
        {"adv": "offcoadv", "loc": "offcoloc", "con": "offcocon", "num": "offconum", "dem": "offcodem"},
    ),
    (
        "neutral",
        CommitmentKind.NEUTRALITY,
        "neucon",
        {
            "adv": "neucoadv",
            "loc": "neucoloc",
            "con": "neucocon",
            "num": "neuconum",
            "dem": "neucodem",
            "npr": "neuconpr",
            "att": "neucoatt",
        },
    ),
    ("nonagg", CommitmentKind.NON_AGGRESSION, None, {}),
    (
        "consul",
        CommitmentKind.CONSULTATION,
        "concon",
        {"adv": "concoadv", "loc": "concoloc", "con": "concocon", "req": "concoreq"},
    ),
)

_DATE_COLUMNS = ("yrent", "moent", "dayent", "yrexit", "moexit", "dayexit")
MEMBER_COLUMNS: tuple[str, ...] = (
    "atopid",
    "member",
    "phase",
    *_DATE_COLUMNS,
    "ineffect",
    "milaid",
    *(flag for flag, _, _, _ in _OBLIGATIONS),
    *(cond for _, _, cond, _ in _OBLIGATIONS if cond is not None),
    *(column for _, _, _, columns in _OBLIGATIONS for column in columns.values()),
)
ALLIANCE_COLUMNS: tuple[str, ...] = (
    "atopid",
    "begyr",
    "begmo",
    "begday",
    "endyr",
    "endmo",
    "endday",
    "ineffect",
    "bilat",
)

_KIND_WORDS = {
    CommitmentKind.DEFENCE: "defence",
    CommitmentKind.OFFENCE: "offence",
    CommitmentKind.NEUTRALITY: "neutrality",
    CommitmentKind.NON_AGGRESSION: "non-aggression",
    CommitmentKind.CONSULTATION: "consultation",
    CommitmentKind.MILITARY_AID: "military aid",
}


def _day(row: Row, year_col: str, month_col: str, day_col: str, *, last: bool) -> dt.date | None:
    """A date from three columns; None when the year is 0 (no date)."""
    year = row.count(year_col)
    month = row.count(month_col)
    day = row.whole(day_col, empty=0, allow_empty=True)
    assert day is not None
    if year == 0:
        if month or day:
            raise RowError(f"column {year_col!r}: year 0 with month {month} and day {day}")
        return None
    if not 1 <= month <= 12:
        raise RowError(f"column {month_col!r}: {month} is not a month (1-12)")
    if day == 0:
        day = calendar.monthrange(year, month)[1] if last else 1
    try:
        return dt.date(year, month, day)
    except ValueError:
        raise RowError(f"column {day_col!r}: {year}-{month:02d}-{day:02d} is not a date") from None


def _condition(row: Row, conditional: str | None, columns: dict[str, str]) -> Condition | None:
    facts = [Fact(CONDITION_FACTS[suffix]) for suffix, column in columns.items() if row.flag(column)]
    if conditional is not None and row.flag(conditional) and not facts:
        facts = [Fact(UNSPECIFIED_CONDITION)]
    if not facts:
        return None
    return facts[0] if len(facts) == 1 else AllOf(items=facts)


class _Alliance:
    __slots__ = ("atopid", "begin", "bilateral", "end", "line")

    def __init__(self, row: Row) -> None:
        self.line = row.line
        self.atopid = row.count("atopid")
        begin = _day(row, "begyr", "begmo", "begday", last=False)
        if begin is None:
            raise RowError("column 'begyr': 0, the alliance has no start date")
        self.begin: dt.date = begin
        self.end = _day(row, "endyr", "endmo", "endday", last=True)
        self.bilateral = row.flag("bilat")
        if row.flag("ineffect") != (self.end is None):
            raise RowError(f"column 'ineffect': {row.text('ineffect')!r} disagrees with the end date")


def _read_alliance_file(path: PathLike) -> dict[int, _Alliance]:
    problems = Problems(path)
    alliances: dict[int, _Alliance] = {}
    for row in read_rows(path, ALLIANCE_COLUMNS):
        alliance = problems.guard(row, _Alliance)
        if alliance is None:
            continue
        if alliance.atopid in alliances:
            problems.add(
                row.line, f"column 'atopid': {alliance.atopid} repeats line {alliances[alliance.atopid].line}"
            )
            continue
        alliances[alliance.atopid] = alliance
    problems.raise_if_any()
    return alliances


class _Builder:
    """Turns member rows into actors, memberships and commitments."""

    def __init__(self, alliances: dict[int, _Alliance]) -> None:
        self.alliances = alliances
        self.states: dict[str, tuple[int, set[int]]] = {}  # actor id -> (primary COW code, codes seen)
        self.members: dict[int, list[str]] = {}  # atopid -> member actor ids, first-seen order
        self.memberships: list[Membership] = []
        self.commitments: list[Commitment] = []
        self.row_ids: set[str] = set()
        #: (atopid, member code, phase, entry day) -> the line that has it
        self.entries: dict[tuple[int, int, int, dt.date], int] = {}

    def add(self, row: Row) -> None:
        atopid = row.count("atopid")
        if atopid not in self.alliances:
            raise RowError(f"column 'atopid': {atopid} is not in the alliance file")
        code = row.count("member")
        phase = row.count("phase")
        entry = _day(row, "yrent", "moent", "dayent", last=False)
        if entry is None:
            raise RowError("column 'yrent': 0, the member has no entry date")
        exit_ = _day(row, "yrexit", "moexit", "dayexit", last=True)
        if exit_ is not None and exit_ < entry:
            raise RowError(f"column 'yrexit': exit {exit_} is before entry {entry}")
        if row.flag("ineffect") != (exit_ is None):
            raise RowError(f"column 'ineffect': {row.text('ineffect')!r} disagrees with the exit date")
        milaid = row.whole("milaid", allow_empty=True)
        if milaid is not None and not 0 <= milaid <= 4:
            raise RowError(f"column 'milaid': {milaid} is not a level 0–4 (or empty)")
        obligations = [
            (kind, _condition(row, conditional, columns))
            for flag, kind, conditional, columns in _OBLIGATIONS
            if row.flag(flag)
        ]
        seen = self.entries.setdefault((atopid, code, phase, entry), row.line)
        if seen != row.line:  # a member enters a phase once on a day: the row is there twice
            raise RowError(
                f"repeats line {seen}: member {code} entering phase {phase} of alliance {atopid} on {entry}"
            )
        # Everything is parsed: from here on nothing raises for this row.
        actor = _cow.actor_id(code)
        group = f"atop-{atopid}"
        self.states.setdefault(actor, (_cow.MERGED.get(code, code), set()))[1].add(code)
        alliance_members = self.members.setdefault(atopid, [])
        if actor not in alliance_members:
            alliance_members.append(actor)

        last_day = None if exit_ is None else max(entry, exit_ - dt.timedelta(days=1))
        self.memberships.append(
            Membership(member=actor, group=group, start=entry, end=last_day, sources=(ATOP_SOURCE,))
        )
        row_id = f"{group}-{actor}-p{phase}"
        if row_id in self.row_ids:
            row_id = f"{row_id}-{entry.year}"
            n = 2
            while row_id in self.row_ids:
                row_id, n = f"{group}-{actor}-p{phase}-{entry.year}-{n}", n + 1
        self.row_ids.add(row_id)

        history = [StatusChange(date=entry, status=CommitmentStatus.IN_FORCE, source=ATOP_SOURCE)]
        if exit_ is not None:
            history.append(StatusChange(date=exit_, status=CommitmentStatus.EXPIRED, source=ATOP_SOURCE))
        period = Period(start=entry, end=last_day)
        who = f"{_cow.state_name(code)} (COW {code})"
        if milaid:
            obligations.append((CommitmentKind.MILITARY_AID, None))
        for kind, condition in obligations:
            what = f"{_KIND_WORDS[kind]} obligation of {who} in ATOP alliance {atopid}, phase {phase}"
            if kind is CommitmentKind.MILITARY_AID:
                what = f"military aid by {who} in ATOP alliance {atopid}, phase {phase} (milaid = {milaid})"
            self.commitments.append(
                Commitment(
                    id=f"{row_id}-{kind.value}",
                    actor=actor,
                    kind=kind,
                    status=history[-1].status,
                    beneficiary=group,
                    description=what[0].upper() + what[1:],
                    period=period,
                    conditions=condition,
                    component=group,
                    sources=(ATOP_SOURCE,),
                    history=tuple(history),
                )
            )

    def actors(self) -> list[Actor]:
        states = []
        for actor, (primary, seen) in sorted(self.states.items()):
            identifiers = {"cow": str(primary)}
            others = sorted(seen - {primary})
            if others:
                identifiers["cow_also"] = " ".join(str(c) for c in others)
            name = _cow.state_name(primary)
            aliases = tuple(dict.fromkeys(n for n in map(_cow.state_name, others) if n != name))
            states.append(Actor(id=actor, name=name, aliases=aliases, identifiers=identifiers))
        groups = [
            Actor(
                id=f"atop-{atopid}",
                name=f"ATOP alliance {atopid}",
                kind=ActorKind.ALLIANCE,
                identifiers={"atop": str(atopid)},
            )
            for atopid in self.alliances
        ]
        return states + groups

    def components(self) -> list[Component]:
        return [_component(a, self.members.get(a.atopid, [])) for a in self.alliances.values()]


def _component(alliance: _Alliance, members: Iterable[str]) -> Component:
    end = alliance.end.isoformat() if alliance.end else ""
    names = list(members)
    shape = "bilateral" if alliance.bilateral else "multilateral"
    state = f"ended {end}" if alliance.end else "in effect when ATOP 4.01's coding ended (2018)"
    return Component(
        id=f"atop-{alliance.atopid}",
        title=f"ATOP alliance {alliance.atopid} ({alliance.begin.year}–{end[:4]})",
        status=ComponentStatus.AGREED,
        description=(
            f"A {shape} alliance begun {alliance.begin.isoformat()}, {state}; "
            f"{len(names)} member(s): {', '.join(names)}."
        ),
        sources=(ATOP_SOURCE,),
    )


def read_alliances(alliance_csv: PathLike, member_csv: PathLike) -> Framework:
    """Read ATOP 4.01 into one framework: alliances, members, obligations and their conditions.

    See the module documentation for how ATOP's columns map onto accord.

    Args:
        alliance_csv: ATOP's alliance-level file (``atop-alliance-level.csv``,
            optionally gzip-compressed with a ``.gz`` suffix).
        member_csv: ATOP's member-level file (``atop-member-level.csv``).

    Returns:
        A framework ``atop-4.01`` with one component and one alliance actor per
        alliance, one state actor per member, one membership per member row and
        one commitment per obligation of each member row.

    Raises:
        ValidationError: a file lacks a column or has malformed rows; every
            problem names the file, line, column and value.
        OSError: a file cannot be opened or read (as with :func:`open`).
    """
    check_path("alliance_csv", alliance_csv)
    check_path("member_csv", member_csv)
    alliances = _read_alliance_file(alliance_csv)
    builder = _Builder(alliances)
    problems = Problems(member_csv)
    for row in read_rows(member_csv, MEMBER_COLUMNS):
        problems.guard(row, builder.add)
    problems.raise_if_any()
    return Framework(
        id="atop-4.01",
        title="ATOP 4.01: Alliance Treaty Obligations and Provisions, 1815-2018",
        as_of=COVERAGE_END,
        description=(
            "Every alliance coded by ATOP 4.01 with its members' obligations. "
            "Leeds, Brett Ashley, Jeffrey M. Ritter, Sara McLaughlin Mitchell and "
            "Andrew G. Long. 2002. 'Alliance Treaty Obligations and Provisions, "
            "1815-1944.' International Interactions 28: 237-260."
        ),
        actors=builder.actors(),
        memberships=builder.memberships,
        commitments=builder.commitments,
        components=builder.components(),
        sources=(ATOP_SOURCE,),
    )
