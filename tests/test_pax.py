"""PA-X: one framework per peace agreement, its security provisions as components."""

import csv
import datetime as dt
import gzip
from collections import Counter
from pathlib import Path

import pytest
from shared_data import data_file

from accord import ComponentStatus, Framework, ValidationError
from accord.datasets.pax import COLUMNS, PAX_SOURCE, PROVISIONS, iter_agreements, read_agreements


@pytest.fixture(scope="module")
def pax_file() -> Path:
    return data_file("pax", "pax_all_agreements_data.csv")


@pytest.fixture(scope="module")
def agreements(pax_file: Path) -> tuple[Framework, ...]:
    return read_agreements(pax_file)


@pytest.fixture(scope="module")
def pax_rows(pax_file: Path) -> list[dict[str, str]]:
    with pax_file.open(newline="", encoding="utf-8-sig") as handle:
        return list(csv.DictReader(handle))


# --- the real data -------------------------------------------------------------


def test_one_framework_per_agreement(
    agreements: tuple[Framework, ...], pax_rows: list[dict[str, str]]
) -> None:
    assert len(agreements) == len(pax_rows) == 1868
    assert [f.id for f in agreements] == [f"pax-{r['AgtId']}" for r in pax_rows]
    assert len({f.id for f in agreements}) == 1868
    for fw, row in zip(agreements, pax_rows, strict=True):
        assert fw.as_of == dt.date.fromisoformat(row["Dat"])
        assert fw.title == " ".join(row["Agt"].split())
        assert fw.sources == (PAX_SOURCE,)
        assert fw.actors == ()


def test_hard_wrapped_parties_are_joined_and_listed_ones_are_not(agreements: tuple[Framework, ...]) -> None:
    # dashboard trial: "President of the Federal Republic of; Yugoslavia"
    by_id = {fw.id: fw.description or "" for fw in agreements}
    assert (
        "Zoran Lilic President of the Federal Republic of Yugoslavia; For Republika Srpska"
        in by_id["pax-276"]
    )
    assert "on the Presidency of BosniaHerzegovina" in by_id["pax-276"]
    assert "Malcolm Rifkind MP for Britain and His.Excellency Dr. Guido Di Tella" in by_id["pax-423"]
    assert "GRP Panel Chair; Mohagher Iqbal, MILF Panel Chair" in by_id["pax-1000"]
    # a line in lower case that begins a name of its own stays one
    assert "T. Kitovani; from the Russian Side - S. Shoigu" in by_id["pax-1025"]


def test_provisions_become_agreed_components(
    agreements: tuple[Framework, ...], pax_rows: list[dict[str, str]]
) -> None:
    expected = Counter(
        component_id
        for row in pax_rows
        for column, (component_id, _) in PROVISIONS.items()
        if row[column] != "0"
    )
    found = Counter(c.id for fw in agreements for c in fw.components)
    assert found == expected
    assert found["security-guarantees"] == 730
    assert found["ceasefire"] == 855
    for fw in agreements:
        for component in fw.components:
            assert component.status is ComponentStatus.AGREED
            assert component.sources == (PAX_SOURCE,)


def test_status_mapping(agreements: tuple[Framework, ...], pax_rows: list[dict[str, str]]) -> None:
    by_status = Counter((row["Status"], fw.status) for fw, row in zip(agreements, pax_rows, strict=True))
    assert by_status == {
        ("Multiparty signed/agreed", ComponentStatus.AGREED): 1725,
        ("Agreement with subsequent status", ComponentStatus.AGREED): 8,
        ("Unilateral document", None): 125,
        ("Status unclear", None): 10,
    }


def test_parties_are_kept_in_the_description(agreements: tuple[Framework, ...]) -> None:
    doha = next(f for f in agreements if f.id == "pax-2232")
    assert doha.description is not None
    assert "Third parties: Qatar; German Government; United Nations; USA" in doha.description
    assert "Conflict: Afghanistan." in doha.description
    assert [c.id for c in doha.components] == ["security-guarantees"]


# --- tiny files ------------------------------------------------------------------

ROW = dict.fromkeys(COLUMNS, "0") | {
    "AgtId": "7",
    "Agt": "Ceasefire Agreement",
    "Dat": "1999-05-17",
    "Con": "Somewhere",
    "PPName": "",
    "Status": "Multiparty signed/agreed",
    "Part": "Government of A, Movement B",
    "ThrdPart": "",
    "Ce": "2",
}


def _write(
    path: Path, rows: list[dict[str, str]], *, columns: tuple[str, ...] = COLUMNS, bom: bool = True
) -> Path:
    with path.open("w", newline="", encoding="utf-8-sig" if bom else "utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(columns), extrasaction="ignore")
        writer.writeheader()
        writer.writerows(rows)
    return path


@pytest.mark.parametrize("bom", [True, False])
def test_header_with_or_without_byte_order_mark(tmp_path: Path, bom: bool) -> None:
    path = _write(tmp_path / "pax.csv", [ROW], bom=bom)
    assert path.read_bytes().startswith(b"\xef\xbb\xbf") is bom
    (fw,) = read_agreements(path)
    assert fw.id == "pax-7"
    assert fw.as_of == dt.date(1999, 5, 17)
    assert [c.id for c in fw.components] == ["ceasefire"]
    assert "PA-X Ce = 2" in (fw.components[0].description or "")
    assert "Parties: Government of A, Movement B." in (fw.description or "")
    assert "Peace process" not in (fw.description or "")  # empty fields are left out


def test_a_missing_file_raises_as_open_does(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError, match=r"nope\.csv"):
        read_agreements(tmp_path / "nope.csv")
    with pytest.raises(IsADirectoryError):
        read_agreements(tmp_path)


def test_missing_column(tmp_path: Path) -> None:
    path = _write(tmp_path / "pax.csv", [ROW], columns=tuple(c for c in COLUMNS if c != "ImOth"))
    with pytest.raises(ValidationError, match=r"pax\.csv, line 1: missing column\(s\) 'ImOth'"):
        read_agreements(path)


def test_a_repeated_column_is_refused(tmp_path: Path) -> None:
    # which of the two values would count? Neither is dropped silently.
    path = _write(tmp_path / "pax.csv", [ROW], columns=(*COLUMNS, "ImOth", "Dat"))
    with pytest.raises(
        ValidationError, match=r"pax\.csv, line 1: column\(s\) 'Dat', 'ImOth' appear more than once"
    ):
        read_agreements(path)


def test_bad_values_name_line_column_and_value(tmp_path: Path) -> None:
    rows = [ROW | {"AgtId": "8", "Dat": "17/05/1999"}, ROW | {"AgtId": "9", "ImPK": "high"}, ROW]
    with pytest.raises(ValidationError) as caught:
        read_agreements(_write(tmp_path / "pax.csv", rows))
    problems = caught.value.problems
    assert any("line 2: column 'Dat': '17/05/1999' is not an ISO date" in p for p in problems)
    assert any("line 3: column 'ImPK': 'high' is not a whole number" in p for p in problems)


def test_repeated_agreement_id(tmp_path: Path) -> None:
    with pytest.raises(ValidationError, match="line 3: column 'AgtId': 'pax-7' repeats line 2"):
        read_agreements(_write(tmp_path / "pax.csv", [ROW, ROW]))


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("A,\r\nB\r\nC", "A; B; C"),
        (
            "President of the Republic of\nGhana\nand Chairman of ECOWAS",
            "President of the Republic of Ghana and Chairman of ECOWAS",
        ),
        ("Israel;\nand the PLO", "Israel; and the PLO"),  # a separator written out is kept
        (
            "from the Georgian side - T. Kitovani\nfrom the Russian side - S. Shoigu",
            "from the Georgian side - T. Kitovani; from the Russian side - S. Shoigu",
        ),
        ("A;\n;\n\nB", "A; B"),
        # review: a name ending like a connector ("Jae-in"), and list items, stay apart
        ("President Moon Jae-in\nKim Jong-un", "President Moon Jae-in; Kim Jong-un"),
        ("• The Force and\n• The Mediator", "• The Force and; • The Mediator"),
        ("- Dr. Boutros Ghali, of\n- Mr. Butiku", "- Dr. Boutros Ghali, of; - Mr. Butiku"),
    ],
)
def test_line_breaks_separate_names_unless_a_line_goes_on(tmp_path: Path, text: str, names: str) -> None:
    (fw,) = read_agreements(_write(tmp_path / "pax.csv", [ROW | {"Part": text}]))
    assert f"Parties: {names}." in (fw.description or "")


def test_line_numbers_count_multiline_fields(tmp_path: Path) -> None:
    rows = [ROW, ROW | {"AgtId": "8", "Part": "A,\r\nB\r\nC"}, ROW | {"AgtId": "9", "Dat": "soon"}]
    with pytest.raises(ValidationError, match="line 6: column 'Dat'"):
        read_agreements(_write(tmp_path / "pax.csv", rows))
    (_, multiline) = read_agreements(_write(tmp_path / "pax.csv", rows[:2]))
    assert "Parties: A; B; C." in (multiline.description or "")


def test_streaming_yields_good_records_before_reporting(tmp_path: Path) -> None:
    path = _write(tmp_path / "pax.csv", [ROW, ROW | {"AgtId": "8", "Dat": "never"}])
    stream = iter_agreements(path)
    assert next(stream).id == "pax-7"
    with pytest.raises(ValidationError, match="'never'"):
        next(stream)


def test_ragged_record_and_empty_file(tmp_path: Path) -> None:
    path = _write(tmp_path / "pax.csv", [ROW])
    with path.open("a", encoding="utf-8", newline="") as handle:
        handle.write("8,only,three\r\n")
    with pytest.raises(ValidationError, match=r"line 3: 3 fields where the header has \d+"):
        read_agreements(path)
    empty = tmp_path / "empty.csv"
    empty.write_text("", encoding="utf-8")
    with pytest.raises(ValidationError, match="the file is empty"):
        read_agreements(empty)


def test_a_truncated_gzip_file_and_a_non_path_are_accord_errors(tmp_path: Path) -> None:
    plain = _write(tmp_path / "pax.csv", [ROW | {"AgtId": str(i)} for i in range(1, 300)])
    packed = tmp_path / "pax.csv.gz"
    packed.write_bytes(gzip.compress(plain.read_bytes())[:-12])
    with pytest.raises(ValidationError, match=r"pax\.csv\.gz: not a complete gzip file"):
        read_agreements(packed)
    with pytest.raises(ValidationError, match="csv: None is not a file path"):
        read_agreements(None)  # type: ignore[arg-type]
