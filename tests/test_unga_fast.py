"""The fast pass of read_votes gives exactly what the reference pass gives, or hands over to it.

``read_votes`` reads a file in the shared layout with a fast pass (lines cut at
commas, each distinct value validated once, positions grouped for the
framework as they are read). Anything it does not handle — a problem in a row,
quotes, mixed line ends — makes it give up, and the reference pass (the csv
module, row by row, with line numbers) reads the file again. These tests
compare the two on every kind of input: the same framework, or the same error.
"""

import datetime as dt
import gzip
from collections import Counter
from pathlib import Path

import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st
from shared_data import unga_votes

import accord.datasets.unga as unga
from accord import Framework, Position, ValidationError
from accord._gc import collector_paused
from accord.datasets.unga import read_votes

HEADER = "resid,session_year,date,country,country_name,vote"
GOOD = [
    "1001,1946,1946-01-01,USA,United States,yes",
    "1001,1946,1946-01-01,MEX,Mexico,no",
    "1002,1946,1946-01-02,USA,United States,abstain",
    "1002,1946,1946-01-02,FRG,German Federal Republic,yes",
    "2001,1947,1947-09-20,USA,United States,no",
    "2001,1947,1947-09-20,FRG,Germany,yes",
    "2001,1947,1947-09-21,MEX,Mexico,abstain",  # one roll call, two dates
    "2002,1947,1947-09-22,YAR,Yemen Arab Republic,yes",
    "2002,1947,1947-09-22,YAR,Yemen People's Republic,no",  # South Yemen, separated
    "1001,1946,1946-02-01,USA,United States,no",  # the USA again on 1001, a later date
    "3001,1990,1990-10-03,FRG,Germany,yes",
]
BAD = [
    "1003,1946,1946-01-03,USA,United States,maybe",
    "1003,1946,01/03/1946,USA,United States,yes",
    "1003,nineteen,1946-01-03,USA,United States,yes",
    "1003,1946,1946-01-03,U S A,United States,yes",
    "1003,1946,1946-01-03,USA,United States",
    "1003,1946,1946-01-03,USA,United States,yes,extra",
    ",1946,1946-01-03,USA,United States,yes",
    "1003,1946,1946-01-03,ESP, ,yes",
    "1001,1946,1946-01-01,USA,United States,no",  # a second vote on one date (with GOOD[0])
    '1004,1946,1946-01-05,KOR,"Korea, Republic of",yes',  # quoted: the csv module's job
    '1004,1946,1946-01-05,"KOR","Korea",no',
    "1004,1946,1946-01-05,CAN,Canada,yes\r",  # a stray carriage return
    "   ",
    "",
]


def reference(path: Path, years: frozenset[int] | None = None) -> Framework:
    """The reference pass alone (the csv module, row by row)."""
    with collector_paused():
        return unga._read(path, years, fast=False)


def outcome(read: object) -> object:
    try:
        return read()  # type: ignore[operator]
    except ValidationError as error:
        return ("error", str(error))


def same_framework(a: Framework, b: Framework) -> None:
    assert a == b
    assert a.actors == b.actors
    assert a.issues == b.issues
    assert a.positions == b.positions
    for actor in a.actors:  # the index: positions by actor and issue, each history in date order
        for issue in a.issues:
            assert a.history(actor.id, issue.id) == b.history(actor.id, issue.id)


def write(tmp_path: Path, lines: list[str], *, end: str = "\n", last: bool = True, gz: bool = False) -> Path:
    text = end.join([HEADER, *lines]) + (end if last else "")
    path = tmp_path / ("votes.csv.gz" if gz else "votes.csv")
    path.write_bytes(gzip.compress(text.encode()) if gz else text.encode())
    return path


@pytest.fixture
def no_fallback(monkeypatch: pytest.MonkeyPatch) -> None:
    """Fail the test if the reference pass runs."""

    def refuse(*args: object) -> None:
        raise AssertionError("the fast pass gave up")

    monkeypatch.setattr(unga, "_read_shared", refuse)


@pytest.mark.usefixtures("no_fallback")
@pytest.mark.parametrize("end", ["\n", "\r\n"])
@pytest.mark.parametrize("last", [True, False])
def test_fast_pass_reads_clean_files_alone(tmp_path: Path, end: str, last: bool) -> None:
    path = write(tmp_path, GOOD, end=end, last=last)
    fw = read_votes(path)
    assert [a.id for a in fw.actors] == ["USA", "MEX", "FRG", "YAR", "YMD"]
    assert fw.actor("FRG").aliases == ("German Federal Republic",)
    assert [p.as_of for p in fw.history("USA", "1001")] == [dt.date(1946, 1, 1), dt.date(1946, 2, 1)]
    assert fw.issue("2001").description == "session opened in 1947; first vote on 1947-09-20"
    assert fw.position("MEX", "2001") == Position(
        actor="MEX", issue="2001", stance="abstain", as_of=dt.date(1947, 9, 21)
    )
    assert read_votes(path, years=[1947]).positions == tuple(p for p in fw.positions if p.issue[0] == "2")
    assert read_votes(path, years=[]).positions == ()
    # blank lines, as the csv module reads them: no record
    assert read_votes(write(tmp_path, ["", GOOD[0], "", "", GOOD[1], ""])).positions == fw.positions[:2]


@pytest.mark.parametrize("end", ["\n", "\r\n"])
@pytest.mark.parametrize("gz", [False, True])
def test_same_result_as_the_reference_pass(tmp_path: Path, end: str, gz: bool) -> None:
    path = write(tmp_path, GOOD, end=end, gz=gz)
    for years in (None, frozenset({1946}), frozenset({1947, 1990}), frozenset()):
        fast = read_votes(path, years=years)
        same_framework(fast, reference(path, years))


@pytest.mark.parametrize("bad", BAD)
@pytest.mark.parametrize("at", [0, 1, 5])
def test_bad_rows_same_outcome_as_the_reference_pass(tmp_path: Path, bad: str, at: int) -> None:
    lines = [*GOOD[:at], bad, *GOOD[at:]]
    path = write(tmp_path, lines)
    got, expected = outcome(lambda: read_votes(path)), outcome(lambda: reference(path))
    if isinstance(got, Framework):
        assert isinstance(expected, Framework)
        same_framework(got, expected)
    else:
        assert got == expected


@pytest.mark.parametrize("block", [1 << 20, 50])
@pytest.mark.parametrize(
    "days",
    [
        ["1946-01-01", "1946-02-01", "1946-03-01"],
        ["1946-03-01", "1946-01-01", "1946-02-01"],
        ["1946-01-01", "1946-02-01", "1946-01-01"],  # two on one date, not next to each other
        ["1946-02-01", "1946-01-01", "1946-02-01", "1946-03-01"],
    ],
)
def test_several_votes_of_one_country_on_one_roll_call(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, days: list[str], block: int
) -> None:
    monkeypatch.setattr(unga, "_BLOCK", block)
    votes = [f"1001,1946,{day},USA,United States,{('yes', 'no')[i % 2]}" for i, day in enumerate(days)]
    lines = [GOOD[1], votes[0], GOOD[2], *votes[1:2], GOOD[3], *votes[2:]]
    path = write(tmp_path, lines)
    got, expected = outcome(lambda: read_votes(path)), outcome(lambda: reference(path))
    if isinstance(got, Framework):
        assert isinstance(expected, Framework)
        same_framework(got, expected)
        assert [p.as_of.isoformat() for p in got.history("USA", "1001")] == sorted(days)  # type: ignore[union-attr]
    else:
        assert got == expected
        assert "USA voted twice on roll call 1001 on" in got[1]  # type: ignore[index]


def test_problems_name_the_file_line_and_value(tmp_path: Path) -> None:
    """After 2,000 good rows, a bad one is still reported with its line number."""
    rows = [f"{1000 + i // 2},1946,1946-01-01,{('USA', 'MEX')[i % 2]},Somewhere,yes" for i in range(2000)]
    cases = {
        "1999,1946,1946-01-01,USA,Somewhere,maybe": "line 2002: vote: 'maybe' is not one of no, abstain, yes",
        "1999,1946,1946-13-01,USA,Somewhere,yes": "line 2002: date: '1946-13-01' is not an ISO date",
        "1999,1946,1946-01-01,USA,Somewhere": "line 2002: expected 6 fields",
        "1999,1946,1946-01-01,U$A,Somewhere,no": "line 2002: country",
        "1000,1946,1946-01-01,USA,Somewhere,no": "lines 2 and 2002: USA voted twice on roll call 1000",
    }
    for bad, needle in cases.items():
        path = write(tmp_path, [*rows, bad, rows[0].replace("1000,", "2999,")])
        with pytest.raises(ValidationError) as info:
            read_votes(path)
        assert needle in str(info.value)
        assert "votes.csv" in str(info.value)


def test_a_file_that_cannot_be_read_after_many_good_rows(tmp_path: Path) -> None:
    rows = [f"{1000 + i},1946,1946-01-01,USA,United States,yes" for i in range(50_000)]
    whole = gzip.compress(("\n".join([HEADER, *rows]) + "\n").encode())
    path = tmp_path / "votes.csv.gz"
    path.write_bytes(whole[: len(whole) // 2])
    with pytest.raises(ValidationError) as info:
        read_votes(path)
    assert str(info.value) == str(outcome(lambda: reference(path))[1])  # type: ignore[index]
    assert "cannot be read" in str(info.value)


def field(valid: list[str], invalid: list[str]) -> st.SearchStrategy[str]:
    """Mostly valid values (a file with a problem anywhere is refused as a whole)."""
    return st.sampled_from(valid * 12 + invalid)


row = st.tuples(
    field(["1001", "1002", "2001"], ["x y", ""]),
    field(["1946", "1947"], ["19x6"]),
    field(["1946-01-01", "1946-01-02", "1947-09-20"], ["1946-02-30"]),
    field(["USA", "MEX", "FRG", "YAR"], ["U S"]),
    field(
        ["United States", "Mexico", "Germany", "Yemen People's Republic"], [" ", '"Quoted, Name"', "Uni\rted"]
    ),
    field(["yes", "no", "abstain"], ["Yes", ""]),
).map(",".join)
other = st.sampled_from(["", "1,2,3", "1001,1946,1946-01-01,USA,US", "1001,1946,1946-01-01,USA,U\x00S,no"])
# mostly one line end throughout (as real files), sometimes another one here and there
ends = st.sampled_from(["\n", "\r\n"]).flatmap(
    lambda usual: st.lists(st.one_of(*[st.just(usual)] * 8, st.sampled_from(["\n", "\r\n", "\r"])))
)


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    lines=st.lists(st.one_of(row, row, row, other), max_size=12),
    ends=ends,
    last=st.sampled_from(["", "\n", "\r\n", "\r"]),
    years=st.sampled_from([None, frozenset({1946}), frozenset({1947})]),
    block=st.sampled_from([1 << 20, 1, 5, 64]),
)
def test_generated_files_same_outcome(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    lines: list[str],
    ends: list[str],
    last: str,
    years: frozenset[int] | None,
    block: int,
) -> None:
    monkeypatch.setattr(unga, "_BLOCK", block)
    ends = (ends + ["\n"] * len(lines))[: len(lines)]
    text = HEADER + "\n" + "".join(line + e for line, e in zip(lines, ends, strict=True))
    if lines:
        text = text.removesuffix(ends[-1]) + last
    path = tmp_path / "votes.csv"
    path.write_bytes(text.encode())
    calls: list[object] = []
    row_by_row = unga._read_shared
    monkeypatch.setattr(unga, "_read_shared", lambda *args: calls.append(args) or row_by_row(*args))
    got = outcome(lambda: read_votes(path, years=years))
    monkeypatch.setattr(unga, "_read_shared", row_by_row)
    event("error" if not isinstance(got, Framework) else "row by row" if calls else "fast pass alone")
    expected = outcome(lambda: reference(path, years))
    if isinstance(got, Framework):
        assert isinstance(expected, Framework)
        same_framework(got, expected)
    else:
        assert got == expected


TRICKY = {
    # a line of a session not selected ending in LF alone pays for a CR inside a selected line
    "skipped LF, CR inside": "2001,1947,1947-09-20,MEX,Mexico,no\r\n"
    "1001,1946,1946-01-01,USA,United States,yes\n"
    "2001,1947,1947-09-20,USA,Uni\rted States,no\r\n",
    "bare LF blank line in CR LF": GOOD[0] + "\r\n\n" + GOOD[1] + "\r\n",
    "CR LF blank lines": GOOD[0] + "\r\n\r\n\r\n" + GOOD[1] + "\r\n\r\n",
    "LF, CR at the very end": GOOD[0] + "\n" + GOOD[1] + "\r",
    "CR LF, CR at the very end": GOOD[0] + "\r\n" + GOOD[1] + "\r",
    "CR LF, no line end at the end": GOOD[0] + "\r\n" + GOOD[1],
    "CR LF, two CRs at the end": GOOD[0] + "\r\n" + GOOD[1] + "\r\r",
    "CR alone": GOOD[0] + "\r" + GOOD[1] + "\r",
    "LF then CR LF": GOOD[0] + "\n" + GOOD[1] + "\r\n" + GOOD[4] + "\n",
    "CR LF then LF": GOOD[0] + "\r\n" + GOOD[1] + "\n" + GOOD[4] + "\r\n",
    "CR inside a vote": GOOD[0] + "\r\n" + GOOD[1].replace("no", "n\ro") + "\r\n",
    "NUL": GOOD[0] + "\n" + GOOD[1].replace("Mexico", "Mex\x00ico") + "\n",
    # lines that begin like the line before them but have other numbers of fields
    "7 fields in a run": GOOD[0] + "\n" + GOOD[1] + ",yes\n" + GOOD[4] + "\n",
    "5 fields in a run": GOOD[0] + "\n" + GOOD[1].removesuffix(",no") + "\n" + GOOD[4] + "\n",
    "4 fields in a run": GOOD[0] + "\n" + "1001,1946,1946-01-01,MEX\n" + GOOD[4] + "\n",
    "7 fields, first of a run": GOOD[0] + ",yes\n" + GOOD[1] + "\n" + GOOD[4] + "\n",
}


@pytest.mark.parametrize("years", [None, frozenset({1947})])
@pytest.mark.parametrize("case", sorted(TRICKY))
def test_line_ends_same_outcome_as_the_reference_pass(
    tmp_path: Path, case: str, years: frozenset[int] | None
) -> None:
    path = tmp_path / "votes.csv"
    path.write_bytes((HEADER + "\r\n" + TRICKY[case]).encode())
    got, expected = outcome(lambda: read_votes(path, years=years)), outcome(lambda: reference(path, years))
    if isinstance(got, Framework):
        assert isinstance(expected, Framework)
        same_framework(got, expected)
    else:
        assert got == expected


@pytest.mark.usefixtures("no_fallback")
@pytest.mark.parametrize("block", [1, 2, 7, 64])
def test_blocks_are_cut_anywhere(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, block: int) -> None:
    """Blocks end anywhere, even between CR and LF; lines are put together again."""
    for end in ("\n", "\r\n"):
        path = write(tmp_path, GOOD, end=end)
        monkeypatch.undo()
        expected = reference(path)
        monkeypatch.setattr(unga, "_read_shared", None)  # the fast pass must not give up
        monkeypatch.setattr(unga, "_BLOCK", block)
        same_framework(read_votes(path), expected)
        for last in (True, False):
            monkeypatch.setattr(unga, "_BLOCK", block)
            assert read_votes(write(tmp_path, GOOD, end=end, last=last)) == expected


# --- the real data ------------------------------------------------------------------------


@pytest.mark.slow
def test_full_record_same_as_the_reference_pass(no_fallback: None, monkeypatch: pytest.MonkeyPatch) -> None:
    path = unga_votes()
    fast = read_votes(path)
    monkeypatch.undo()
    expected = reference(path)
    assert fast == expected
    assert fast.positions == expected.positions
    counts = Counter((p.actor, p.issue) for p in fast.positions)
    several = sorted(pair for pair, n in counts.items() if n > 1)
    assert len(several) == 3  # three countries with two dated votes on one roll call
    for a, i in several:
        assert len(fast.history(a, i)) == 2
        assert fast.history(a, i) == expected.history(a, i)
    assert fast.latest_positions() == expected.latest_positions()
    when = dt.date(1990, 1, 1)
    assert fast.latest_positions(as_of=when) == expected.latest_positions(as_of=when)


def test_a_file_without_line_ends_is_refused_after_one_pass(tmp_path: Path) -> None:
    # 64 MiB on one line: the fast pass gives it up at the first block instead of joining every
    # block to the line so far (quadratic: minutes), and the csv module refuses the field.
    path = tmp_path / "flat.csv"
    with path.open("w") as out:
        out.write("resid,session_year,date,country,country_name,vote\n1,1946,1946-01-01,USA,")
        for _ in range(64):
            out.write("N" * (1 << 20))
    with pytest.raises(
        ValidationError, match=r"flat\.csv, line 2: cannot be read: field larger than field limit"
    ):
        read_votes(path)
    # with the csv limit raised, as many scripts do, the line is read whole and refused as a row
    import csv as csv_module

    limit = csv_module.field_size_limit()
    csv_module.field_size_limit(1 << 30)
    try:
        with pytest.raises(ValidationError, match=r"flat\.csv, line 2"):
            read_votes(path)
    finally:
        csv_module.field_size_limit(limit)


def test_a_field_longer_than_the_csv_limit_is_refused_as_the_csv_module_refuses_it(tmp_path: Path) -> None:
    import csv as csv_module

    long_name = "N" * (csv_module.field_size_limit() + 10)
    path = tmp_path / "big.csv"
    path.write_text(
        f"resid,session_year,date,country,country_name,vote\n1,1946,1946-01-01,USA,{long_name},yes\n"
    )
    with pytest.raises(
        ValidationError, match=r"big\.csv, line 2: cannot be read: field larger than field limit"
    ):
        read_votes(path)


@pytest.mark.parametrize("layout", ["shared", "unvotes"])
def test_a_roll_call_says_its_earliest_vote_whatever_the_row_order(tmp_path: Path, layout: str) -> None:
    # analyst trial: the description gave the date of the roll call's first row in the file
    if layout == "shared":
        text = (
            f"{HEADER}\n"
            "1001,1946,1946-02-01,USA,United States,yes\n"
            "1001,1946,1946-01-15,MEX,Mexico,no\n"
            "1001,1946,1946-03-01,CAN,Canada,no\n"
        )
    else:
        text = "rcid,country,country_code,vote,session,date\n" + (
            "1001,United States,US,yes,1,1946-02-01\n"
            "1001,Mexico,MX,no,1,1946-01-15\n"
            "1001,Canada,CA,no,1,1946-03-01\n"
        )
    path = tmp_path / "votes.csv"
    path.write_text(text, encoding="utf-8")
    expected = "session opened in 1946; first vote on 1946-01-15"
    assert read_votes(path).issue("1001").description == expected
    assert reference(path).issue("1001").description == expected


@pytest.mark.parametrize("filled", [True, False], ids=["filled", "slot-setters"])
def test_block_positions_are_real_frozen_positions(filled: bool, monkeypatch: pytest.MonkeyPatch) -> None:
    # A block's positions are filled as the loaders fill objects, or (where Position has no
    # filler: free-threaded CPython) built slot by slot through the descriptors; either way
    # they are positions equal, slot for slot, to the constructor's.
    import attrs

    from accord import _plans

    if not filled:
        monkeypatch.setattr(_plans, "_FILLERS", {})
    build = unga._block_builder()
    assert build is not None
    days = [dt.date(1946, 1, 1), dt.date(1947, 9, 20)]
    block = build(["USA", "MEX"], ["1001", "2001"], ["yes", "abstain"], days)
    expected = [
        Position(actor="USA", issue="1001", stance="yes", as_of=days[0]),
        Position(actor="MEX", issue="2001", stance="abstain", as_of=days[1]),
    ]
    assert block == expected
    for made, constructed in zip(block, expected, strict=True):
        assert type(made) is Position
        assert attrs.astuple(made, recurse=False) == attrs.astuple(constructed, recurse=False)
        with pytest.raises(attrs.exceptions.FrozenInstanceError):
            made.actor = "GBR"  # type: ignore[misc]
