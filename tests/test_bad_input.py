"""Bad input anywhere in the public API is an AccordError naming the field and value."""

import datetime as dt
from decimal import Decimal

import pytest

from accord import (
    AccordError,
    Actor,
    CommitmentStatus,
    Duration,
    Framework,
    IntervalScale,
    LoadError,
    OrdinalScale,
    Period,
    Position,
    StatusChange,
    UnknownReferenceError,
    ValidationError,
    divergence,
    divergence_matrix,
    loads,
    measures,
    parse_date,
)
from accord.examples import postwar_ukraine

UTC_NOON = dt.datetime(2025, 1, 1, 12, tzinfo=dt.UTC)


@pytest.mark.parametrize(
    "call",
    [
        lambda fw: fw.at("2025-01-01"),
        lambda fw: fw.at(None),
        lambda fw: fw.at(dt.datetime(2025, 1, 1)),
        lambda fw: fw.position("GBR", "own-ground-troops", as_of="2025"),
        lambda fw: fw.positions_of("GBR", as_of="2025"),
        lambda fw: fw.latest_positions(as_of=2025),
        lambda fw: fw.members("NATO", on="2025"),
        lambda fw: fw.commitments[0].status_on("2025"),
        lambda fw: fw.commitments[0].quantity_on(None),
        lambda fw: divergence(fw, "USA", "GBR", as_of="2025"),
    ],
)
def test_dates_are_checked(call: object) -> None:
    with pytest.raises(ValidationError, match="is not a date|naive datetime"):
        call(postwar_ukraine())  # type: ignore[operator]


def test_aware_datetimes_are_dates_everywhere() -> None:
    fw = postwar_ukraine()
    assert fw.at(UTC_NOON) == fw.at(dt.date(2025, 1, 1))
    assert divergence(fw, "USA", "GBR", as_of=UTC_NOON).as_of == dt.date(2025, 1, 1)
    assert divergence_matrix(fw, ["USA", "GBR"], as_of=UTC_NOON).as_of == dt.date(2025, 1, 1)
    assert fw.position("GBR", "own-ground-troops", as_of=UTC_NOON) is None


def test_resolve_needs_a_string() -> None:
    with pytest.raises(UnknownReferenceError, match="named by a string"):
        postwar_ukraine().resolve(["GBR"])  # type: ignore[arg-type]


def test_durations_are_bounded_and_never_overflow(monkeypatch: pytest.MonkeyPatch) -> None:
    with pytest.raises(ValidationError, match="Duration.years: 9999 is more than 1000"):
        Duration(years=9999)
    with pytest.raises(ValidationError, match="more than"):
        Duration.parse("P9999999999999999999999Y")
    # past Python's 4,300-digit limit on reading ints: an accord error, on every path
    huge = "9" * 5000
    for build in (
        lambda: Duration.parse(f"P{huge}D"),
        lambda: Duration.parse(f"{huge} days"),
        lambda: Period(after="signed", duration=f"P{huge}D"),  # type: ignore[arg-type]
    ):
        with pytest.raises(ValidationError, match=r"is not a duration: 9{12}… is too large a number"):
            build()
    # a Period names its field
    with pytest.raises(ValidationError, match=r"^Period.duration: 'P9+… is not a duration: 9{12}…"):
        Period(after="signed", duration=f"P{huge}D")  # type: ignore[arg-type]
    with pytest.raises(ValidationError, match=r"^Period.delay: Duration.years: 9000 is more than 1000$"):
        Period(after="signed", delay="P9000Y")  # type: ignore[arg-type]
    with pytest.raises(ValidationError, match=r"^Period.delay: 'soon' is not a duration"):
        Period(after="signed", delay="soon")  # type: ignore[arg-type]
    document = '{"accord_format_version":1,"after":"a","duration":"P' + huge + 'D"}'
    for fast in ("1", "0"):
        monkeypatch.setenv("ACCORD_FAST", fast)
        with pytest.raises(LoadError, match=r"^duration: 'P9+… is not a duration: 9{12}… is too large"):
            loads(document, Period)
    assert Duration(years=1000).after(dt.date(9500, 1, 1)) == dt.date.max


@pytest.mark.parametrize("day", [None, "2025-01-01", dt.datetime(2025, 1, 1), 20250101])
def test_a_duration_after_something_not_a_date_is_refused(day: object) -> None:
    with pytest.raises(ValidationError, match="^day: "):
        Duration(years=1).after(day)  # type: ignore[arg-type]


def test_a_duration_after_an_aware_datetime_counts_from_its_utc_date() -> None:
    late = dt.datetime(2024, 12, 31, 23, tzinfo=dt.timezone(dt.timedelta(hours=-5)))
    assert Duration(years=1).after(late) == dt.date(2026, 1, 1)
    period = Period(after="signed", duration="P1000Y")  # type: ignore[arg-type]
    assert period.end_date({"signed": dt.date(9000, 1, 1)}) == dt.date.max


def test_period_event_must_be_a_usable_fact_name() -> None:
    with pytest.raises(ValidationError, match="'and' is a keyword"):
        Period(after="and")
    with pytest.raises(ValidationError, match="not a fact name"):
        Period(after="9lives")


def test_parse_date_refuses_a_weekday_the_date_does_not_fall_on() -> None:
    # pipeline trial: "Tuesday 1 March 2025" was read as Saturday 1 March, the weekday ignored
    with pytest.raises(
        ValidationError, match="^'Tuesday 1 March 2025' names a Tuesday, but 2025-03-01 is a Saturday$"
    ):
        parse_date("Tuesday 1 March 2025")
    assert parse_date("Saturday 1 March 2025") == parse_date("Sat, 1 Mar 2025") == dt.date(2025, 3, 1)
    assert parse_date("Monday 3 March 2025") == dt.date(2025, 3, 3)


def test_parse_date_reads_full_width_digits() -> None:
    # pipeline trial: "２０２５-０３-０１" "abbreviates the year"
    assert parse_date("\uff12\uff10\uff12\uff15-\uff10\uff13-\uff10\uff11") == dt.date(2025, 3, 1)
    assert parse_date("\uff11 March \uff12\uff10\uff12\uff15") == dt.date(2025, 3, 1)
    with pytest.raises(ValidationError, match="^'\uff12\uff15' gives no year"):
        parse_date("\uff12\uff15")  # the message shows the text as given


def test_parse_date_never_depends_on_today() -> None:
    with pytest.raises(ValidationError, match="gives no year; write e.g. 'March 3 2025'"):
        parse_date("March 3")
    with pytest.raises(ValidationError, match="'25' gives no year; write e.g. '2025-03-01'"):
        parse_date("25")  # "25 2025" would not be a date either
    assert parse_date("2025") == dt.date(2025, 1, 1)


@pytest.mark.parametrize(
    ("low", "high"),
    [(0, 10**400), (-1e308, 1e308), (Decimal(0), Decimal("1e-400")), (0, float("nan"))],
)
def test_interval_scales_stay_computable(low: object, high: object) -> None:
    with pytest.raises(ValidationError, match="IntervalScale"):
        IntervalScale(low=low, high=high)  # type: ignore[arg-type]


def test_huge_numbers_are_refused_with_a_printable_message() -> None:
    with pytest.raises(ValidationError, match=r"Position.stance: an integer of about 5001 digits"):
        Position(actor="A", issue="i", stance=10**5000)
    with pytest.raises(ValidationError, match=r"a\[0\]: an integer of about 5001 digits"):
        measures.agreement([10**5000], [1], delta=1)


def test_status_change_source_type() -> None:
    with pytest.raises(ValidationError, match="StatusChange.source: 'x' is not a Source"):
        StatusChange(date=dt.date(2025, 1, 1), status=CommitmentStatus.PLEDGED, source="x")  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("call", "fragment"),
    [
        (lambda: measures.agreement(5, 5, delta=1), "a: 5 is not a sequence"),  # type: ignore[arg-type]
        (lambda: measures.weighted_median(1, 1), "not a sequence"),  # type: ignore[arg-type]
        (lambda: measures.agreement([10**400], [0], delta=1), "not a finite number"),
        (lambda: measures.s_score([1e200], [-1e200], delta=1e300, squared=True), "delta"),
        (lambda: measures.s_score([Decimal("sNaN")], [1], delta=1), "not a finite number"),
        (lambda: measures.cohen_kappa([[1]], [[1]], levels=[0, 1]), "is not one of the levels"),  # type: ignore[list-item]
        (lambda: measures.cohen_kappa([1], [1], levels=[[0], [1]]), "unhashable"),  # type: ignore[list-item]
        (lambda: measures.cohen_kappa([True, 0], [1, 0], levels=[0, 1]), "True is not one of the levels"),
        (lambda: measures.agreement([0], [5], delta=1), "further apart than delta=1"),
        (lambda: measures.total_variation([1e308, 1], [1, 1e308]), "within"),
        (lambda: measures.agreement((x for x in [1]), [1], delta=1), "pass a list or tuple"),  # type: ignore[arg-type]
    ],
)
def test_measures_refuse_bad_input(call: object, fragment: str) -> None:
    with pytest.raises(AccordError) as info:
        call()  # type: ignore[operator]
    assert fragment in str(info.value)


@pytest.mark.parametrize(
    ("call", "fragment"),
    [
        (lambda fw: divergence(fw, "USA", "GBR", issues=5), "issues: 5 is not a collection of ids"),
        (lambda fw: divergence(fw, "USA", "GBR", issues=[["a"]]), "issues[0]: ['a'] is not an id"),
        (lambda fw: divergence(fw, "USA", "GBR", issues=[1], on="commitments"), "issues[0]: 1 is not an id"),
        (lambda fw: __import__("accord").divergence_series(fw, "USA", "GBR", None), "dates: None"),
        (lambda fw: divergence_matrix(fw)["USA"], "pair of actors"),
        (lambda fw: __import__("accord").to_records(5, "positions"), "framework: 5 is not a Framework"),
        (lambda fw: __import__("accord").contested_issues(5), "framework: 5 is not a Framework"),
        (lambda fw: __import__("accord").consensus(None, "x"), "framework: None is not a Framework"),
        (lambda fw: divergence_matrix([fw]), "is not a Framework"),
    ],
)
def test_comparison_arguments_are_checked(call: object, fragment: str) -> None:
    with pytest.raises(AccordError) as info:
        call(postwar_ukraine())  # type: ignore[operator]
    assert fragment in str(info.value)


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda: Actor(id="A", name="a", aliases="UK"), "Actor.aliases: expected a sequence, got str 'UK'"),
        (lambda: Actor(id="A", name="a", identifiers=[1]), "Actor.identifiers: expected a mapping"),
        (lambda: Actor(id="A", name="a", identifiers={"cow": 1}), "Actor.identifiers['cow']: 1"),
        (lambda: Framework(id="f", title="t", actors=None), "Framework.actors: expected a sequence"),
        (lambda: OrdinalScale(levels="abc"), "OrdinalScale.levels: expected a sequence"),
    ],
)  # fmt: skip
def test_collection_fields_name_themselves(make: object, message: str) -> None:
    with pytest.raises(ValidationError) as info:
        make()  # type: ignore[operator]
    assert message in str(info.value)


def test_lone_surrogates_are_refused_in_text_fields() -> None:
    from accord import Source

    lone = chr(0xD800)
    with pytest.raises(ValidationError, match="Actor.name: .* contains a lone UTF-16 surrogate"):
        Actor(id="A", name=lone)
    with pytest.raises(ValidationError, match=r"Actor.aliases\[0\]"):
        Actor(id="A", name="a", aliases=["x" + lone])
    with pytest.raises(ValidationError, match="Source.quote"):
        Source(title="t", quote=lone)
    assert Actor(id="A", name="Ünïcødé \U0001f600").name == "Ünïcødé \U0001f600"
