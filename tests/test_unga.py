import datetime as dt
import gzip
import math
import re
from pathlib import Path

import pytest
from shared_data import unga_votes

from accord import Framework, ValidationError, divergence, divergence_matrix
from accord.datasets import unga as unga_module
from accord.datasets.unga import VOTE, read_votes
from accord.measures import agreement, cohen_kappa, s_score, scott_pi

HEADER = "resid,session_year,date,country,country_name,vote\n"
ROWS = [
    "1001,1946,1946-01-01,USA,United States,yes",
    "1001,1946,1946-01-01,MEX,Mexico,no",
    "1002,1946,1946-01-02,USA,United States,abstain",
    "1002,1946,1946-01-02,MEX,Mexico,abstain",
    "2001,1947,1947-09-20,USA,United States,no",
    "2001,1947,1947-09-20,FRG,German Federal Republic,yes",
    "3001,1990,1990-10-03,FRG,Germany,yes",
]


def write(tmp_path: Path, text: str, name: str = "votes.csv") -> Path:
    path = tmp_path / name
    if name.endswith(".gz"):
        with gzip.open(path, "wt", encoding="utf-8") as f:
            f.write(text)
    else:
        path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize("name", ["votes.csv", "votes.csv.gz"])
def test_reads_the_shared_layout(tmp_path: Path, name: str) -> None:
    fw = read_votes(write(tmp_path, HEADER + "\n".join(ROWS) + "\n", name))
    assert isinstance(fw, Framework)
    assert [a.id for a in fw.actors] == ["USA", "MEX", "FRG"]
    assert [i.id for i in fw.issues] == ["1001", "1002", "2001", "3001"]
    assert all(i.scale == VOTE for i in fw.issues)
    assert VOTE.levels == ("no", "abstain", "yes")
    assert len(fw.positions) == 7
    p = fw.position("MEX", "1001")
    assert p is not None
    assert (p.stance, p.as_of, p.salience, p.conditions, p.sources) == (
        "no",
        dt.date(1946, 1, 1),
        1.0,
        None,
        (),
    )
    germany = fw.actor("FRG")  # renamed: latest name, earlier ones as aliases
    assert (germany.name, germany.aliases) == ("Germany", ("German Federal Republic",))
    assert fw.resolve("German Federal Republic").id == "FRG"
    assert fw.issue("1001").description == "session opened in 1946; first vote on 1946-01-01"


def test_reading_moves_the_votes_to_the_oldest_generation_and_restores_the_collector(tmp_path: Path) -> None:
    import gc

    path = write(tmp_path, HEADER + "\n".join(ROWS) + "\n")
    gc.collect()
    settles = not gc.get_freeze_count()  # CPython 3.12 keeps immortal objects frozen: no settling
    fw = read_votes(path)
    assert gc.isenabled()
    if settles:
        assert gc.get_freeze_count() == 0  # nothing left frozen
        assert not any(gc.is_tracked(p) and p in gc.get_objects(0) for p in fw.positions[:3])
    gc.disable()
    try:
        read_votes(path)
        assert not gc.isenabled()  # a collector the caller switched off stays off
    finally:
        gc.enable()


def test_positions_are_real_validated_positions(tmp_path: Path) -> None:
    fw = read_votes(write(tmp_path, HEADER + "\n".join(ROWS) + "\n"))
    from accord import Position

    p = fw.positions[0]
    rebuilt = Position(actor=p.actor, issue=p.issue, stance=p.stance, as_of=p.as_of)
    assert p == rebuilt
    assert hash(p) == hash(rebuilt)
    assert type(p) is Position


def test_years_select_sessions(tmp_path: Path) -> None:
    path = write(tmp_path, HEADER + "\n".join(ROWS) + "\n")
    assert [i.id for i in read_votes(path, years=[1946]).issues] == ["1001", "1002"]
    assert [i.id for i in read_votes(path, years=1947).issues] == ["2001"]
    assert [a.id for a in read_votes(path, years=range(1947, 1991)).actors] == ["USA", "FRG"]
    assert read_votes(path, years=[]).positions == ()
    # the title says which sessions, never a range over the ones left out
    titles = {
        None: "UN General Assembly roll-call votes",
        1947: "UN General Assembly roll-call votes, session 1947",
        range(1947, 1991): "UN General Assembly roll-call votes, sessions 1947–1990",
        (1946, 2019): "UN General Assembly roll-call votes, sessions 1946, 2019",
        (): "UN General Assembly roll-call votes, no sessions",
        range(
            1946, 2000, 2
        ): "UN General Assembly roll-call votes, sessions 1946, 1948, 1950, … 1998 (27 years)",
    }
    for years, title in titles.items():
        assert read_votes(path, years=years).title == title
    with pytest.raises(ValidationError, match="years: '1946'"):
        read_votes(path, years="1946")  # type: ignore[arg-type]
    with pytest.raises(ValidationError, match=r"years: 1946\.0"):
        read_votes(path, years=[1946.0])  # type: ignore[list-item]
    numpy = pytest.importorskip("numpy")
    assert read_votes(path, years=numpy.array([1946])) == read_votes(path, years=[1946])
    assert read_votes(path, years=numpy.int64(1947)) == read_votes(path, years=1947)


@pytest.mark.parametrize("fast", [True, False])
def test_years_all_outside_the_files_sessions_are_refused(tmp_path: Path, fast: bool) -> None:
    path = write(tmp_path, HEADER + "\n".join(ROWS) + "\n")
    for years, selected in ((2032, "session 2032"), ([1900, 2031, 2032], "sessions 1900, 2031–2032")):
        expected = f"years: votes.csv has no {selected}: its sessions opened in 1946–1990"
        with pytest.raises(ValidationError, match=f"^{expected}$"):
            unga_module._read(path, unga_module._years(years), fast=fast)
    # a year within the file's sessions without roll calls (the Assembly took none in 1964)
    # selects none; a selection reaching past the file keeps what the file has
    assert unga_module._read(path, frozenset({1964}), fast=fast).issues == ()
    assert [i.id for i in unga_module._read(path, frozenset(range(1989, 2030)), fast=fast).issues] == ["3001"]


def test_years_outside_an_unvotes_files_sessions_are_refused(tmp_path: Path) -> None:
    text = "rcid,country,country_code,vote,session,date\n3,United States,US,yes,1,1946-01-01\n"
    with pytest.raises(
        ValidationError, match="^years: un.csv has no session 2032: its sessions opened in 1946$"
    ):
        read_votes(write(tmp_path, text, "un.csv"), years=2032)


@pytest.mark.parametrize("quoted", [False, True])  # the fast pass, and the csv module's
@pytest.mark.parametrize("code", ["usa", "Usa", "NA", "US", "USAA", "CO1"])
def test_a_country_code_of_the_shared_layout_is_three_capital_letters(
    tmp_path: Path, code: str, quoted: bool
) -> None:
    cell = f'"{code}"' if quoted else code
    path = write(tmp_path, HEADER + ROWS[0] + "\n" + f"1001,1946,1946-01-01,{cell},Somewhere,no\n")
    expected = f"^votes.csv, line 3: country: '{code}' is not a country code \\(ISO 3166: three capital"
    with pytest.raises(ValidationError, match=expected):
        read_votes(path)


def test_a_missing_unvotes_code_is_not_namibia(tmp_path: Path) -> None:
    # analyst trial: R writes Zanzibar's missing alpha-2 code as NA, Namibia's code; its votes
    # were merged into Namibia's
    header = "rcid,country,country_code,vote\n"
    fw = read_votes(write(tmp_path, header + "3,Zanzibar,NA,yes\n4,Namibia,NA,no\n5,Zanzibar,,no\n"))
    assert [(a.id, a.name, a.aliases) for a in fw.actors] == [
        ("COW511", "Zanzibar", ()),
        ("NAM", "Namibia", ()),
    ]
    assert [(p.actor, p.issue) for p in fw.positions] == [("COW511", "3"), ("NAM", "4"), ("COW511", "5")]
    # Zanzibar has no ISO code: its Correlates of War number is under "cow", not "iso3166"
    assert [dict(a.identifiers) for a in fw.actors] == [{"cow": "511"}, {"iso3166": "NAM"}]
    shared = read_votes(write(tmp_path, HEADER + "1,1946,1946-01-01,COW999,Somewhere,yes\n"))
    assert dict(shared.actor("COW999").identifiers) == {"cow": "999"}
    with pytest.raises(
        ValidationError, match=r"line 2: country_code: 'NA' for 'Atlantis': Namibia's code, or a missing"
    ):
        read_votes(write(tmp_path, header + "3,Atlantis,NA,yes\n"))
    with pytest.raises(ValidationError, match=r"line 2: country_code: empty for 'Atlantis'"):
        read_votes(write(tmp_path, header + "3,Atlantis,,yes\n"))


def test_reads_the_unvotes_layout(tmp_path: Path) -> None:
    text = (
        "rcid,country,country_code,vote,session,date\n"
        "3,United States,US,yes,1,1946-01-01\n"
        "3,Canada,CA,no,1,1946-01-01\n"
        "4,United States,US,abstain,2,1947-09-20\n"
        "4,Yugoslavia,YU,yes,2,1947-09-20\n"
    )
    fw = read_votes(write(tmp_path, text, "un_votes.csv.gz"))
    assert [a.id for a in fw.actors] == ["USA", "CAN", "YUG"]
    assert fw.actor("YUG").name == "Yugoslavia"
    assert fw.position("USA", "4") is not None
    assert [i.id for i in read_votes(write(tmp_path, text), years=[1947]).issues] == ["4"]
    minimal = read_votes(write(tmp_path, "rcid,country,country_code,vote\n5,France,FR,no\n", "min.csv"))
    p = minimal.position("FRA", "5")
    assert p is not None
    assert p.as_of is None
    with pytest.raises(ValidationError, match="no session column"):
        read_votes(
            write(tmp_path, "rcid,country,country_code,vote\n5,France,FR,no\n", "min.csv"), years=[1946]
        )


def test_known_coding_error_south_yemen_is_separated(tmp_path: Path) -> None:
    text = HEADER + (
        "22025,1967,1967-12-05,YAR,Yemen Arab Republic,yes\n"
        "22025,1967,1967-12-05,YAR,Yemen People's Republic,no\n"
    )
    fw = read_votes(write(tmp_path, text))
    assert [a.id for a in fw.actors] == ["YAR", "YMD"]


@pytest.mark.parametrize(
    ("row", "needle"),
    [
        (
            "1003,1946,1946-01-03,USA,United States,maybe",
            "line 3: vote: 'maybe' is not one of no, abstain, yes",
        ),
        ("1003,1946,01/03/1946,USA,United States,yes", "line 3: date: '01/03/1946' is not an ISO date"),
        ("1003,nineteen,1946-01-03,USA,United States,yes", "line 3: session_year: 'nineteen'"),
        ("1003,1946,1946-01-03,U S A,United States,yes", "line 3: country"),
        ("1003,1946,1946-01-03,USA,United States", "line 3: expected 6 fields"),
        (",1946,1946-01-03,USA,United States,yes", "line 3: resid"),
        ("1003,1946,1946-01-03,ESP, ,yes", "line 3: country name of 'ESP'"),
    ],
)
def test_malformed_rows_name_the_line_and_value(tmp_path: Path, row: str, needle: str) -> None:
    path = write(tmp_path, HEADER + ROWS[0] + "\n" + row + "\n")
    with pytest.raises(ValidationError) as info:
        read_votes(path)
    assert needle in str(info.value)
    assert "votes.csv" in str(info.value)


def test_bad_files(tmp_path: Path) -> None:
    with pytest.raises(ValidationError, match="empty"):
        read_votes(write(tmp_path, ""))
    with pytest.raises(ValidationError, match="line 1: columns"):
        read_votes(write(tmp_path, "a,b,c\n1,2,3\n"))
    with pytest.raises(ValidationError, match="country_code: 'XX'"):
        read_votes(write(tmp_path, "rcid,country,country_code,vote\n5,Nowhere,XX,no\n"))
    broken = tmp_path / "broken.csv.gz"
    broken.write_bytes(gzip.compress((HEADER + "\n".join(ROWS)).encode())[:60])
    with pytest.raises(ValidationError, match="cannot be read"):
        read_votes(broken)
    with pytest.raises(FileNotFoundError):
        read_votes(tmp_path / "missing.csv")


def test_two_votes_of_one_country_on_one_roll_call_are_refused(tmp_path: Path) -> None:
    path = write(tmp_path, HEADER + ROWS[0] + "\n" + ROWS[0] + "\n")
    with pytest.raises(ValidationError, match="USA voted twice on roll call 1001") as caught:
        read_votes(path)
    error = caught.value
    assert error.count == len(error.problems) == 1
    # pipeline trial: this error alone named no line (datasets.md: every error names the line)
    assert error.problems[0] == f"{path.name}, lines 2 and 3: USA voted twice on roll call 1001 on 1946-01-01"


# --- the real data -------------------------------------------------------------


@pytest.fixture(scope="module")
def unga() -> Framework:
    return read_votes(unga_votes())


@pytest.mark.slow
def test_full_record(unga: Framework) -> None:
    assert len(unga.positions) == 855_890
    assert len(unga.issues) == 6_132
    assert 195 <= len(unga.actors) <= 205
    assert unga.actor("USA").name == "United States"
    assert unga.actor("YMD").name == "Yemen People's Republic"


@pytest.mark.slow
def test_published_values_through_the_framework() -> None:
    fw = read_votes(unga_votes(), years=[1946])
    usa = {p.issue: p.stance for p in fw.positions_of("USA")}
    mex = {p.issue: p.stance for p in fw.positions_of("MEX")}
    common = [i for i in usa if i in mex]
    assert len(common) == 38
    a, b = [usa[i] for i in common], [mex[i] for i in common]
    assert cohen_kappa(a, b, levels=VOTE.levels).value == pytest.approx(-0.01222707, abs=5e-9)
    assert scott_pi(a, b, levels=VOTE.levels, weighting="nominal").value == pytest.approx(
        -0.02775801, abs=5e-9
    )
    d = divergence(fw, "USA", "MEX")
    codes = {level: i for i, level in enumerate(VOTE.levels)}
    x, y = [codes[s] for s in a], [codes[s] for s in b]
    assert d.n == 38
    assert d.score == pytest.approx((1 - s_score(x, y, delta=2).value) / 2)
    assert 1 - d.score == pytest.approx(agreement(x, y, delta=2).value)


@pytest.mark.slow
def test_full_matrix_matches_divergence_and_the_pure_path(unga: Framework) -> None:
    m = divergence_matrix(unga)
    for a, b in [("USA", "GBR"), ("USA", "ISR"), ("RUS", "CHN"), ("FRA", "YMD")]:
        d = divergence(unga, a, b)
        assert m.count(a, b) == d.n
        assert m[a, b] == d.score
    assert m["USA", "ISR"] < m["USA", "CUB"]
    sample = ("USA", "GBR", "FRA", "RUS", "CHN", "IND", "BRA", "ZAF", "YMD", "DDR")
    pure = divergence_matrix(unga, sample, issues=[i.id for i in unga.issues[-800:]], engine="python")
    fast = divergence_matrix(unga, sample, issues=[i.id for i in unga.issues[-800:]], engine="numpy")
    assert pure.counts == fast.counts
    for row_p, row_f in zip(pure.scores, fast.scores, strict=True):
        for x, y in zip(row_p, row_f, strict=True):
            assert x == y or (math.isnan(x) and math.isnan(y))


@pytest.mark.parametrize(
    ("content", "fragment"),
    [
        (b"resid,session_year,date,country,country_name,vote\n1001,1_946,1946-01-01,USA,US,yes\n",
         "line 2: session_year: '1_946' is not a whole number"),
        (b"resid,session_year,date,country,country_name,vote\n1001,1946,19460101,USA,US,yes\n",
         "line 2: date: '19460101' is not an ISO date"),
        (b"resid,session_year,date,country,country_name,vote\n1001,1946,1946-01-01,USA,US,yes\n"
         b"1001,1946,1946-01-01,USA,US,no\n", "lines 2 and 3: USA voted twice on roll call 1001"),
        (b"\x1f\x8b\x08\x00\x00\x00\x00\x00\x00\x03garbage", "cannot be read"),
    ],
)  # fmt: skip
def test_review_corpus(tmp_path: Path, content: bytes, fragment: str) -> None:
    path = tmp_path / "votes.csv"
    path.write_bytes(content)
    with pytest.raises(ValidationError) as info:
        read_votes(path)
    assert fragment in str(info.value)
    assert "votes.csv" in str(info.value)


def test_bom_and_trailing_blank_lines_are_fine(tmp_path: Path) -> None:
    path = tmp_path / "votes.csv"
    path.write_bytes(
        b"\xef\xbb\xbfresid,session_year,date,country,country_name,vote\n"
        b"1001,1946,1946-01-01,USA,United States,yes\n1001,1946,1946-01-01,GBR,United Kingdom,no\n\n\n"
    )
    assert len(read_votes(path).positions) == 2


def test_path_must_be_a_path() -> None:
    with pytest.raises(ValidationError, match="path: None is not a file path"):
        read_votes(None)  # type: ignore[arg-type]


@pytest.mark.parametrize("compress", [False, True])
def test_a_line_that_is_not_utf8_is_named(tmp_path: Path, compress: bool) -> None:
    import gzip

    lines = ["resid,session_year,date,country,country_name,vote"]
    lines += [f"R{i},1946,1946-01-0{1 + i % 9},USA,United States,yes" for i in range(8)]
    body = ("\n".join(lines) + "\n").encode() + b"R9,1946,1946-01-09,FRA,Fran\xe7e,yes\n"
    path = tmp_path / ("votes.csv.gz" if compress else "votes.csv")
    path.write_bytes(gzip.compress(body) if compress else body)
    with pytest.raises(ValidationError, match=r"votes\.csv(\.gz)?, line 10: cannot be read"):
        read_votes(path)


@pytest.mark.parametrize("fast", [True, False])
def test_a_broken_gzip_file_is_named_with_the_last_line_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, fast: bool
) -> None:
    if not fast:
        monkeypatch.setenv("ACCORD_FAST", "0")
    rows = [f"{1000 + i},1946,1946-01-01,USA,United States,yes" for i in range(20_000)]
    whole = gzip.compress((HEADER + "\n".join(rows)).encode(), mtime=0)
    broken = tmp_path / "broken.csv.gz"
    broken.write_bytes(whole[: len(whole) // 2])
    with pytest.raises(ValidationError) as info:
        read_votes(broken)
    message = str(info.value)
    assert re.match(r"broken\.csv\.gz: cannot be read after line [1-9][0-9]*: ", message), message
    garbage = tmp_path / "garbage.csv.gz"
    garbage.write_bytes(b"\x1f\x8b\x08\x00\x00\x00\x00\x00\x00\x03garbage")
    with pytest.raises(ValidationError) as info:
        read_votes(garbage)
    assert str(info.value).startswith("garbage.csv.gz: cannot be read: "), str(info.value)
