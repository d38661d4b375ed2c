"""to_records: flat rows of scalars with a fixed column order."""

import csv
import datetime as dt
import io
import json
import typing
from decimal import Decimal

import attrs
import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from shared_data import data_file

from accord import (
    Actor,
    Commitment,
    CommitmentKind,
    CommitmentStatus,
    Fact,
    Framework,
    IntervalScale,
    Issue,
    Period,
    Position,
    Quantity,
    Source,
    StatusChange,
    ValidationError,
    to_records,
)
from accord.examples import postwar_ukraine
from accord.records import COLUMNS, RecordKind
from accord.testing import frameworks

KINDS = typing.get_args(RecordKind)
SCALARS = (str, int, float, bool, type(None))


def _check_rows(fw: Framework, kind: str) -> list[dict[str, object]]:
    rows = to_records(fw, kind)  # type: ignore[arg-type]
    if kind == "frameworks":
        assert len(rows) == 1
    elif kind == "status_changes":
        assert len(rows) == sum(len(c.history) for c in fw.commitments)
    else:
        assert len(rows) == len(getattr(fw, kind))
    for row in rows:
        assert tuple(row) == COLUMNS[kind]
        assert row["framework"] == fw.id
        for column, value in row.items():
            assert isinstance(value, SCALARS), (kind, column, value)
    return rows  # type: ignore[return-value]


def _through_csv(rows: list[dict[str, object]], columns: tuple[str, ...]) -> list[dict[str, str]]:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=columns)
    writer.writeheader()
    writer.writerows(rows)
    return list(csv.DictReader(io.StringIO(buffer.getvalue())))


@pytest.mark.parametrize("kind", [kind for kind in KINDS if kind != "status_changes"])  # no history there
def test_founding_scenario_rows_are_flat_and_survive_csv(kind: str) -> None:
    fw = postwar_ukraine()
    rows = _check_rows(fw, kind)
    assert rows, f"the founding scenario has no {kind}"
    back = _through_csv(rows, COLUMNS[kind])
    assert len(back) == len(rows)
    for written, read in zip(rows, back, strict=True):
        assert read == {k: "" if v is None else str(v) for k, v in written.items()}


def test_values_are_written_in_their_documented_form() -> None:
    source = Source(title="Pledge report", url="https://example.org/pledge")
    commitment = Commitment(
        id="aid",
        actor="DEU",
        kind=CommitmentKind.FUNDING,
        status=CommitmentStatus.IN_FORCE,
        quantity=Quantity(amount="2.5e9", unit="EUR"),
        period=Period(after="settlement_signed", delay="P1M", duration="P10Y"),
        conditions=Fact("settlement_signed") & Fact("un_mandate"),
        history=(
            StatusChange(date=dt.date(2025, 1, 6), status=CommitmentStatus.PLEDGED),
            StatusChange(
                date=dt.date(2025, 3, 1),
                status=CommitmentStatus.IN_FORCE,
                quantity=Quantity(amount=Decimal("2.5e9"), unit="EUR"),
            ),
        ),
        sources=(source, Source(title="Second report")),
    )
    from accord import Actor

    fw = Framework(id="fw", title="T", actors=(Actor(id="DEU", name="Germany"),), commitments=(commitment,))
    (row,) = to_records(fw, "commitments")
    assert row["kind"] == "funding"
    assert row["status"] == "in_force"
    assert row["quantity_amount"] == "2500000000"
    assert row["quantity_unit"] == "EUR"
    assert (row["period_after"], row["period_delay"], row["period_duration"]) == (
        "settlement_signed",
        "P1M",
        "P10Y",
    )
    assert row["period_start"] is None
    assert row["conditions"] == "settlement_signed and un_mandate"
    assert row["history"] == "2025-01-06 pledged; 2025-03-01 in_force"
    assert (row["source_title"], row["source_url"], row["source_count"]) == (
        "Pledge report",
        "https://example.org/pledge",
        2,
    )
    # one row per history entry, oldest first (pipeline trial: the history column alone kept
    # neither quantities nor notes nor sources)
    assert to_records(fw, "status_changes") == [
        {  # the quantity the history records from the second entry on: none before
            "framework": "fw", "commitment": "aid", "actor": "DEU", "kind": "funding",
            "date": "2025-01-06", "status": "pledged", "quantity_amount": None, "quantity_unit": None,
            "note": None, "source_title": None, "source_url": None, "source_count": 0,
        },
        {
            "framework": "fw", "commitment": "aid", "actor": "DEU", "kind": "funding",
            "date": "2025-03-01", "status": "in_force", "quantity_amount": "2500000000",
            "quantity_unit": "EUR", "note": None, "source_title": None, "source_url": None, "source_count": 0,
        },
    ]  # fmt: skip
    noted = attrs.evolve(
        commitment,
        history=(StatusChange(date=dt.date(2025, 1, 6), status="in_force", note="signed", source=source),),
    )
    (entry,) = to_records(attrs.evolve(fw, commitments=(noted,)), "status_changes")
    assert (entry["note"], entry["source_title"], entry["source_url"], entry["source_count"]) == (
        "signed",
        "Pledge report",
        "https://example.org/pledge",
        1,
    )
    # a history that records no quantity: the commitment's, in effect throughout (as quantity_on)
    assert entry["quantity_amount"] == "2500000000"
    unchanged = attrs.evolve(
        commitment,
        history=(
            StatusChange(date=dt.date(2025, 1, 6), status="pledged", quantity=Quantity(amount=5, unit="EUR")),
            StatusChange(date=dt.date(2025, 2, 6), status="agreed"),
            StatusChange(
                date=dt.date(2025, 3, 6), status="in_force", quantity=Quantity(amount=7, unit="EUR")
            ),
        ),
        quantity=Quantity(amount=7, unit="EUR"),
    )
    rows = to_records(attrs.evolve(fw, commitments=(unchanged,)), "status_changes")
    assert [row["quantity_amount"] for row in rows] == ["5", "5", "7"]  # carried forward
    assert [row["quantity_amount"] for row in rows] == [
        format(unchanged.quantity_on(h.date).amount, "f")  # type: ignore[union-attr]
        for h in unchanged.history
    ]


def test_unknown_kind_lists_the_allowed_ones() -> None:
    with pytest.raises(ValidationError) as caught:
        to_records(postwar_ukraine(), "votes")  # type: ignore[arg-type]
    message = str(caught.value)
    assert "'votes'" in message
    for kind in KINDS:
        assert kind in message


def test_empty_framework_gives_one_framework_row_and_no_others() -> None:
    fw = Framework(id="empty", title="Nothing yet")
    assert all(to_records(fw, kind) == [] for kind in KINDS if kind != "frameworks")  # type: ignore[arg-type]
    (row,) = to_records(fw, "frameworks")
    assert row == {
        "framework": "empty", "title": "Nothing yet", "status": None, "as_of": None, "description": None,
        "actor_count": 0, "membership_count": 0, "issue_count": 0, "position_count": 0,
        "commitment_count": 0, "component_count": 0,
        "source_title": None, "source_url": None, "source_count": 0,
    }  # fmt: skip


def test_frameworks_rows_count_what_each_holds() -> None:
    fw = postwar_ukraine()
    (row,) = _check_rows(fw, "frameworks")
    assert (row["title"], row["as_of"], row["status"]) == (fw.title, fw.as_of.isoformat(), fw.status.value)  # type: ignore[union-attr]
    counts = {
        kind: row[f"{kind[:-1]}_count"] for kind in KINDS if kind not in ("frameworks", "status_changes")
    }
    assert counts == {kind: len(getattr(fw, kind)) for kind in counts}
    assert row["source_count"] == len(fw.sources)


@settings(
    max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large]
)
@given(frameworks())
def test_any_framework_flattens_to_scalars(fw: Framework) -> None:
    for kind in KINDS:
        rows = _check_rows(fw, kind)
        assert len(_through_csv(rows, COLUMNS[kind])) == len(rows)


def test_atop_commitments_flatten() -> None:
    from accord.datasets.atop import read_alliances

    fw = read_alliances(
        data_file("atop", "atop-alliance-level.csv"), data_file("atop", "atop-member-level.csv")
    )
    rows = _check_rows(fw, "commitments")
    assert len(_through_csv(rows, COLUMNS["commitments"])) == len(rows)
    nato_usa = next(r for r in rows if r["id"] == "atop-3180-USA-p2-defence")
    assert nato_usa["history"] == "1951-06-19 in_force"
    assert nato_usa["period_start"] == "1951-06-19"
    assert nato_usa["conditions"] == "conflict_in_specified_location"
    assert nato_usa["source_title"].startswith("ATOP 4.01")  # type: ignore[union-attr]


def test_interval_bounds_are_written_in_plain_notation() -> None:
    from decimal import Decimal

    from accord import Framework, IntervalScale, Issue, to_records

    scale = IntervalScale(low=Decimal(0), high=Decimal("1E+6"), unit="EUR")
    fw = Framework(id="f", title="t", issues=(Issue(id="i", title="I", scale=scale),))
    assert to_records(fw, "issues")[0]["scale_values"] == "0..1000000 EUR"


def test_module_tables_are_read_only() -> None:
    # shared by every call: a caller's edit must not break later exports
    from accord.datasets.atop import CONDITION_FACTS
    from accord.datasets.pax import PROVISIONS
    from accord.records import COLUMNS

    for table in (COLUMNS, PROVISIONS, CONDITION_FACTS):
        with pytest.raises(TypeError):
            table["x"] = ()  # type: ignore[index]


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(frameworks(max_actors=4, max_items=8))
def test_every_column_holds_one_type(fw: Framework) -> None:
    # what DataFrame libraries need: polars refuses a column of ints and strings
    for kind in KINDS:
        for column in COLUMNS[kind]:
            types = {type(row[column]) for row in to_records(fw, kind)} - {type(None)}  # type: ignore[arg-type]
            assert len(types) <= 1, (kind, column, types)


def test_stance_is_text_and_its_number_a_float() -> None:
    fw = postwar_ukraine()
    issue = Issue(id="spend", title="Spending", scale=IntervalScale(low=0, high=10, unit="%"))
    positions = (
        *fw.positions,
        Position(actor="GBR", issue="spend", stance=2),
        Position(actor="FRA", issue="spend", stance=Decimal("2.50")),
    )
    rows = to_records(attrs.evolve(fw, issues=(*fw.issues, issue), positions=positions), "positions")
    assert [(r["stance"], r["stance_value"]) for r in rows[-2:]] == [("2", 2.0), ("2.50", 2.5)]
    assert (rows[0]["stance"], rows[0]["stance_value"]) == (fw.positions[0].stance, None)


def test_the_record_kinds_are_those_with_columns() -> None:
    assert tuple(COLUMNS) == KINDS
    assert "status_changes" in KINDS


def _split(cell: str) -> list[str]:
    """A joined cell back into its items as written: quoted parts (JSON strings) keep "; " inside."""
    items, at, decoder = [], 0, json.JSONDecoder()
    start = 0
    while at < len(cell):
        if cell[at] == '"':
            at = decoder.raw_decode(cell, at)[1]
        elif cell.startswith("; ", at):
            items.append(cell[start:at])
            at = start = at + 2
        else:
            at += 1
    return [*items, cell[start:]] if cell else []


def _name(item: str) -> str:
    return json.loads(item) if item.startswith('"') else item


@settings(max_examples=200)
@given(
    st.lists(st.text(min_size=1).filter(str.strip), max_size=4, unique_by=lambda t: t.casefold()),
    st.dictionaries(st.text(min_size=1), st.text(min_size=1), max_size=3),
)
def test_joined_cells_split_back_into_the_names(aliases: list[str], identifiers: dict[str, str]) -> None:
    # pipeline trial: "Britain; GB" read back as two aliases, "a=b; c=d" as two identifiers
    try:
        actor = Actor(id="A", name="A", aliases=tuple(aliases), identifiers=identifiers)
    except ValidationError:
        assume(False)
    row = to_records(Framework(id="f", title="t", actors=(actor,)), "actors")[0]
    assert [_name(item) for item in _split(row["aliases"] or "")] == list(actor.aliases)
    assert dict(map(_pair, _split(row["identifiers"] or ""))) == dict(actor.identifiers)


def _pair(item: str) -> tuple[str, str]:
    """``key=value`` back into its key and value, each plain or quoted."""
    if item.startswith('"'):
        key, end = json.JSONDecoder().raw_decode(item)
    else:
        end = item.index("=")
        key = item[:end]
    assert item[end] == "=", item
    value = item[end + 1 :]
    return key, json.loads(value) if value.startswith('"') else value


def test_an_ambiguous_name_is_quoted_in_its_cell() -> None:
    actor = Actor(id="GBR", name="UK", aliases=("UK", "Britain; GB"), identifiers={"note": "a=b; c=d"})
    row = to_records(Framework(id="f", title="t", actors=(actor,)), "actors")[0]
    assert row["aliases"] == 'UK; "Britain; GB"'
    assert row["identifiers"] == 'note="a=b; c=d"'
