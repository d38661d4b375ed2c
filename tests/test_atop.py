"""ATOP 4.01: alliances, members and obligations read into one framework."""

import csv
import datetime as dt
import gzip
import shutil
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
from shared_data import data_file

from accord import (
    ActorKind,
    AllOf,
    CommitmentKind,
    CommitmentStatus,
    ComponentStatus,
    Fact,
    Framework,
    ValidationError,
)
from accord._cow import COW_STATES
from accord.conditions import facts_of
from accord.datasets.atop import (
    ALLIANCE_COLUMNS,
    ATOP_SOURCE,
    CONDITION_FACTS,
    MEMBER_COLUMNS,
    read_alliances,
)
from accord.datasets.unga import read_votes

NATO_FOUNDERS = {"USA", "CAN", "GBR", "FRA", "BEL", "NLD", "LUX", "NOR", "DNK", "ISL", "ITA", "PRT"}
FLAGS = {
    "defense": CommitmentKind.DEFENCE,
    "offense": CommitmentKind.OFFENCE,
    "neutral": CommitmentKind.NEUTRALITY,
    "nonagg": CommitmentKind.NON_AGGRESSION,
    "consul": CommitmentKind.CONSULTATION,
}
CONDITIONAL = {"defense": "defcon", "offense": "offcon", "neutral": "neucon", "consul": "concon"}


@pytest.fixture(scope="module")
def files() -> tuple[Path, Path]:
    return data_file("atop", "atop-alliance-level.csv"), data_file("atop", "atop-member-level.csv")


@pytest.fixture(scope="module")
def atop(files: tuple[Path, Path]) -> Framework:
    return read_alliances(*files)


@pytest.fixture(scope="module")
def member_rows(files: tuple[Path, Path]) -> list[dict[str, str]]:
    with files[1].open(newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


# --- the real data -------------------------------------------------------------


def test_counts_match_the_files(atop: Framework, member_rows: list[dict[str, str]]) -> None:
    assert len(member_rows) == 2398
    assert len(atop.components) == 745
    assert all(c.status is ComponentStatus.AGREED for c in atop.components)
    assert sum(a.kind is ActorKind.ALLIANCE for a in atop.actors) == 745
    assert len(atop.memberships) == 2398
    expected = Counter({kind: sum(r[flag] == "1" for r in member_rows) for flag, kind in FLAGS.items()})
    expected[CommitmentKind.MILITARY_AID] = sum(r["milaid"] not in ("", "0") for r in member_rows)
    assert Counter(c.kind for c in atop.commitments) == expected
    assert len(atop.commitments) == sum(expected.values()) == 4343


def test_status_follows_the_exit_date(atop: Framework, member_rows: list[dict[str, str]]) -> None:
    in_effect_rows = sum(r["ineffect"] == "1" for r in member_rows)
    assert in_effect_rows == 1062
    memberships_open = sum(m.end is None for m in atop.memberships)
    assert memberships_open == in_effect_rows
    for c in atop.commitments:
        assert c.history[0].status is CommitmentStatus.IN_FORCE
        assert c.period is not None
        assert c.history[0].date == c.period.start
        if c.period.end is None:
            assert c.status is CommitmentStatus.IN_FORCE
            assert len(c.history) == 1
        else:
            assert c.status is CommitmentStatus.EXPIRED
            assert c.history[-1].date == c.period.end + dt.timedelta(days=1) or c.period.end == c.period.start


def test_nato_founders_hold_defence_commitments(atop: Framework) -> None:
    nato = atop.component("atop-3180")
    assert "1949-04-04" in (nato.description or "")
    founders = {a.id for a in atop.members("atop-3180", on=dt.date(1949, 4, 4))}
    assert founders == NATO_FOUNDERS
    for state in NATO_FOUNDERS:
        defence = [
            c
            for c in atop.commitments_by(state)
            if c.component == "atop-3180" and c.kind is CommitmentKind.DEFENCE
        ]
        assert len(defence) == 2, state  # ATOP codes NATO in two phases, split on 1951-06-19
        founding, current = sorted(defence, key=lambda c: c.history[0].date)
        assert founding.status_on(dt.date(1950, 1, 1)) is CommitmentStatus.IN_FORCE
        assert founding.status is CommitmentStatus.EXPIRED
        assert current.status is CommitmentStatus.IN_FORCE
        assert current.beneficiary == "atop-3180"
        # Article 6: the North Atlantic area.
        assert current.conditions == Fact("conflict_in_specified_location")
    usa = atop.commitment("atop-3180-USA-p2-defence")
    assert usa.sources == (ATOP_SOURCE,)
    assert atop.actor("USA").identifiers["cow"] == "2"
    assert len(atop.members("atop-3180")) == 29  # as of the end of ATOP's coverage, 2018


def test_germany_joins_nato_twice_under_one_iso_code(atop: Framework) -> None:
    deu = atop.actor("DEU")
    assert dict(deu.identifiers) == {"cow": "255", "cow_also": "260"}
    assert deu.aliases == ("German Federal Republic",)
    assert atop.resolve("German Federal Republic") is deu
    spells = sorted(
        (m.start, m.end) for m in atop.memberships if m.group == "atop-3180" and m.member == "DEU"
    )
    assert spells[0][0] == dt.date(1954, 10, 23)  # the German Federal Republic, COW 260
    assert spells[-1] == (dt.date(1990, 10, 3), None)  # united Germany, COW 255
    assert "COW 255" in (atop.commitment("atop-3180-DEU-p2-1990-defence").description or "")


def test_conditional_obligations_become_conditions(
    atop: Framework, member_rows: list[dict[str, str]]
) -> None:
    for flag, conditional in CONDITIONAL.items():
        kind = FLAGS[flag]
        expected = sum(r[flag] == "1" and r[conditional] == "1" for r in member_rows)
        assert sum(c.kind is kind and c.conditions is not None for c in atop.commitments) == expected, flag
    assert all(c.conditions is None for c in atop.commitments if c.kind is CommitmentKind.NON_AGGRESSION)
    used = set().union(*(facts_of(c.conditions) for c in atop.commitments if c.conditions is not None))
    assert used == set(CONDITION_FACTS.values())
    # Location and specific adversary together: both must hold.
    both = sum(r["defense"] == "1" and r["defcoadv"] == "1" and r["defcoloc"] == "1" for r in member_rows)
    joined = [
        c
        for c in atop.commitments
        if c.kind is CommitmentKind.DEFENCE
        and isinstance(c.conditions, AllOf)
        and {"conflict_with_specified_adversary", "conflict_in_specified_location"} <= facts_of(c.conditions)
    ]
    assert len(joined) == both > 0


def test_every_member_code_is_in_the_cow_table(atop: Framework, member_rows: list[dict[str, str]]) -> None:
    codes = {int(r["member"]) for r in member_rows}
    assert codes <= set(COW_STATES)
    states = [a for a in atop.actors if a.kind is ActorKind.STATE]
    unmapped = {a.id for a in states if a.id.startswith("COW")}
    assert unmapped == {f"COW{code}" for code in codes if COW_STATES[code][0] is None}
    assert {"RUS", "DEU", "DDR", "CSK", "YUG", "TUR", "CHN"} <= {a.id for a in states}
    for actor in states:
        assert actor.identifiers["cow"].isdigit()


def test_gzip_input(tmp_path: Path, files: tuple[Path, Path]) -> None:
    packed = []
    for path in files:
        target = tmp_path / (path.name + ".gz")
        with path.open("rb") as src, gzip.open(target, "wb") as dst:
            shutil.copyfileobj(src, dst)
        packed.append(target)
    assert len(read_alliances(*packed).commitments) == 4343


# --- tiny files ------------------------------------------------------------------

ALLIANCE = dict.fromkeys(ALLIANCE_COLUMNS, "0") | {
    "atopid": "9000",
    "begyr": "1950",
    "begmo": "1",
    "begday": "2",
}
ALLIANCE |= {"ineffect": "1", "bilat": "1"}
MEMBER = dict.fromkeys(MEMBER_COLUMNS, "0") | {
    "atopid": "9000", "member": "2", "yrent": "1950", "moent": "1", "dayent": "2",
    "ineffect": "1", "defense": "1",
}  # fmt: skip


def _write(path: Path, rows: list[dict[str, str]], columns: tuple[str, ...] | None = None) -> Path:
    fields = list(columns or rows[0])
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=fields, extrasaction="ignore")
        writer.writeheader()
        writer.writerows(rows)
    return path


def _read(tmp_path: Path, *members: dict[str, str], alliance: dict[str, str] = ALLIANCE) -> Framework:
    a = _write(tmp_path / "alliances.csv", [alliance])
    m = _write(tmp_path / "members.csv", [MEMBER | row for row in members])
    return read_alliances(a, m)


def test_minimal_alliance(tmp_path: Path) -> None:
    fw = _read(tmp_path, {}, {"member": "200", "offense": "1", "milaid": "2"})
    assert {a.id for a in fw.members("atop-9000")} == {"USA", "GBR"}
    assert [c.id for c in fw.commitments] == [
        "atop-9000-USA-p0-defence",
        "atop-9000-GBR-p0-defence",
        "atop-9000-GBR-p0-offence",
        "atop-9000-GBR-p0-military_aid",
    ]
    assert "milaid = 2" in (fw.commitment("atop-9000-GBR-p0-military_aid").description or "")


def test_unknown_cow_code_is_kept(tmp_path: Path) -> None:
    fw = _read(tmp_path, {"member": "999"})
    actor = fw.actor("COW999")
    assert actor.identifiers["cow"] == "999"
    assert actor.kind is ActorKind.STATE
    assert fw.commitment("atop-9000-COW999-p0-defence").actor == "COW999"


def test_conditions_combine(tmp_path: Path) -> None:
    fw = _read(
        tmp_path,
        {"defcon": "1", "defcoadv": "1", "defconpr": "1"},
        {"member": "200", "defcon": "1"},
        {"member": "220", "defense": "0", "neutral": "1", "neucon": "1", "neucoatt": "1"},
    )
    assert fw.commitment("atop-9000-USA-p0-defence").conditions == AllOf(
        items=(Fact("conflict_with_specified_adversary"), Fact("ally_did_not_provoke"))
    )
    assert fw.commitment("atop-9000-GBR-p0-defence").conditions == Fact("unspecified_condition")
    assert fw.commitment("atop-9000-FRA-p0-neutrality").conditions == Fact("ally_attacked")


def test_rejoining_member_gets_a_distinct_id(tmp_path: Path) -> None:
    fw = _read(
        tmp_path,
        {"yrexit": "1960", "moexit": "5", "dayexit": "", "ineffect": "0"},
        {"yrent": "1970", "moent": "3", "dayent": ""},
    )
    first, second = fw.commitments
    assert first.id == "atop-9000-USA-p0-defence"
    assert second.id == "atop-9000-USA-p0-1970-defence"
    assert first.history[-1].date == dt.date(1960, 5, 31)  # unknown exit day: end of the month
    assert first.period is not None
    assert first.period.end == dt.date(1960, 5, 30)
    assert second.history[0].date == dt.date(1970, 3, 1)  # unknown entry day: the 1st
    assert len(fw.members("atop-9000", on=dt.date(1965, 1, 1))) == 0


def test_a_member_entering_one_phase_twice_on_one_day_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ValidationError) as caught:
        _read(tmp_path, {}, {"member": "200"}, {}, {})
    problems = caught.value.problems
    assert caught.value.count == len(problems) == 2
    assert str(caught.value).splitlines()[0].endswith("members.csv: 2 problem(s)")
    assert problems[0].endswith(
        "members.csv, line 4: repeats line 2: member 2 entering phase 0 of alliance 9000 on 1950-01-02"
    )
    assert "line 5: repeats line 2" in problems[1]
    # another phase, or another day, is another row
    fw = _read(tmp_path, {}, {"phase": "1"}, {"yrent": "1951"})
    assert len(fw.memberships) == 3


def test_missing_column_names_file_and_column(tmp_path: Path) -> None:
    a = _write(tmp_path / "alliances.csv", [ALLIANCE])
    columns = tuple(c for c in MEMBER_COLUMNS if c != "defcoloc")
    m = _write(tmp_path / "members.csv", [MEMBER], columns)
    with pytest.raises(ValidationError) as caught:
        read_alliances(a, m)
    assert str(m) in str(caught.value)
    assert "'defcoloc'" in str(caught.value)


def test_bad_values_name_line_column_and_value(tmp_path: Path) -> None:
    with pytest.raises(ValidationError) as caught:
        _read(tmp_path, {}, {"member": "2x"}, {"defense": "yes"}, {"moent": "2", "dayent": "30"})
    problems = caught.value.problems
    assert caught.value.count == len(problems) == 3
    assert any("members.csv, line 3: column 'member': '2x' is not a whole number" in p for p in problems)
    assert any("line 4: column 'defense': 'yes' is not 0 or 1" in p for p in problems)
    assert any("line 5: column 'dayent': 1950-02-30 is not a date" in p for p in problems)


def test_inconsistent_rows_are_refused(tmp_path: Path) -> None:
    with pytest.raises(ValidationError, match="exit 1940-01-01 is before entry"):
        _read(tmp_path, {"yrexit": "1940", "moexit": "1", "dayexit": "1", "ineffect": "0"})
    with pytest.raises(ValidationError, match="'ineffect'"):
        _read(tmp_path, {"ineffect": "0"})
    with pytest.raises(ValidationError, match="9001 is not in the alliance file"):
        _read(tmp_path, {"atopid": "9001"})


def test_problems_are_capped(tmp_path: Path) -> None:
    with pytest.raises(ValidationError) as caught:
        _read(tmp_path, *[{"defense": "x"}] * 30)
    error = caught.value
    assert (error.count, len(error.problems), error.complete) == (30, 20, True)
    assert all("column 'defense'" in problem for problem in error.problems)
    lines = str(error).splitlines()
    assert lines[0].endswith("30 problem(s)")
    assert lines[1:-1] == list(error.problems)
    assert lines[-1] == "... and 10 more problem(s)"


def test_missing_file(tmp_path: Path) -> None:
    a = _write(tmp_path / "alliances.csv", [ALLIANCE])
    # as with open(), and as load() and read_votes() do
    with pytest.raises(FileNotFoundError, match=r"nope\.csv"):
        read_alliances(a, tmp_path / "nope.csv")
    with pytest.raises(FileNotFoundError, match=r"nope\.csv"):
        read_alliances(tmp_path / "nope.csv", a)


def test_military_aid_levels_outside_0_to_4_are_refused(tmp_path: Path) -> None:
    for level in ("-1", "9"):
        with pytest.raises(ValidationError, match=f"column 'milaid': {level} is not a level 0–4"):
            _read(tmp_path, {"milaid": level})
    assert len(_read(tmp_path, {"milaid": ""}).commitments) == 1  # not coded: no aid commitment


@pytest.mark.parametrize(
    ("damage", "message"),
    [
        (lambda data: data[:-12], "not a complete gzip file"),
        (lambda data: data[:30] + bytes([data[30] ^ 0xFF]) + data[31:], "not a complete gzip file"),
    ],
)
def test_a_damaged_gzip_file_is_an_accord_error(tmp_path: Path, damage: Any, message: str) -> None:
    a = _write(tmp_path / "alliances.csv", [ALLIANCE])
    m = _write(tmp_path / "members.csv", [MEMBER] * 200)
    packed = tmp_path / "members.csv.gz"
    packed.write_bytes(damage(gzip.compress(m.read_bytes())))
    with pytest.raises(ValidationError, match=f"members.csv.gz: {message}"):
        read_alliances(a, packed)


def test_arguments_that_are_not_paths_are_named(tmp_path: Path) -> None:
    with pytest.raises(ValidationError, match="alliance_csv: 3 is not a file path"):
        read_alliances(3, 4)  # type: ignore[arg-type]


def test_an_oversized_field_names_its_line(tmp_path: Path) -> None:
    a = _write(tmp_path / "alliances.csv", [ALLIANCE])
    m = _write(tmp_path / "members.csv", [MEMBER, MEMBER | {"defense": '"' + "x" * 200_000}])
    text = m.read_text().replace('""' + "x", '"' + "x")
    m.write_text(text)
    with pytest.raises(
        ValidationError, match=r"members.csv, line 3: not a readable CSV record \(field larger"
    ):
        read_alliances(a, m)


def test_north_yemen_has_the_id_of_the_un_voting_data(atop: Framework) -> None:
    # COW 678 shared YEM with 679, so North Yemen's alliances did not join its UN votes (YAR)
    yar, yem = atop.actor("YAR"), atop.actor("YEM")
    assert (yar.name, dict(yar.identifiers)) == ("Yemen Arab Republic", {"cow": "678"})
    assert (yem.name, dict(yem.identifiers)) == ("Yemen", {"cow": "679"})
    assert [g.id for g in atop.groups_of("YAR", on=dt.date(1980, 6, 1))] == [
        "atop-3015",
        "atop-3205",
        "atop-3495",
    ]
    assert not atop.groups_of("YEM", on=dt.date(1980, 6, 1))
    votes = read_votes(data_file("unga", "votes.csv.gz"), years=[1980, 1995])
    assert {"YAR", "YEM"} <= {a.id for a in votes.actors}
    assert votes.actor("YAR").name == atop.actor("YAR").name == "Yemen Arab Republic"
    assert atop.commitment("atop-3205-EGY-p0-1989-defence").actor == "EGY"  # the module's example
