import datetime as dt
import math
import time

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import accord
from accord import (
    STANCE,
    Actor,
    Commitment,
    CommitmentKind,
    CommitmentStatus,
    Component,
    Fact,
    Facts,
    Framework,
    IntervalScale,
    Issue,
    NominalScale,
    OrdinalScale,
    Position,
    StatusChange,
    UnknownReferenceError,
    ValidationError,
    blocs,
    consensus,
    contested_issues,
    divergence,
    divergence_matrix,
    divergence_series,
    parse_condition,
)
from accord import matrix as matrix_module
from accord.examples import postwar_ukraine
from accord.measures import MeasureResult, agreement, s_score

VOTE = OrdinalScale(levels=("no", "abstain", "yes"))
D1, D2, D3 = dt.date(2025, 1, 1), dt.date(2025, 2, 1), dt.date(2025, 3, 1)


def actors(*ids: str) -> list[Actor]:
    return [Actor(id=i, name=f"Actor {i}") for i in ids]


@pytest.fixture
def fw() -> Framework:
    return Framework(
        id="test",
        title="Test",
        actors=actors("USA", "GBR", "FRA", "UKR"),
        components=[Component(id="troops", title="Troops"), Component(id="funding", title="Funding")],
        issues=[
            Issue(id="deploy", title="Deploy troops", component="troops"),  # STANCE, range 4
            Issue(id="aid", title="Military aid"),
            Issue(id="vote", title="A vote", scale=VOTE),
            Issue(id="lead", title="Who leads", scale=NominalScale(options=("us", "eu", "un"))),
            Issue(id="spend", title="Spending", scale=IntervalScale(low=0, high=10, unit="%")),
        ],
        positions=[
            Position(actor="USA", issue="deploy", stance="oppose", as_of=D1),
            Position(actor="USA", issue="deploy", stance="reluctant", as_of=D2, salience=0.5),
            Position(actor="GBR", issue="deploy", stance="willing", as_of=D1),
            Position(actor="FRA", issue="deploy", stance="support", as_of=D1),
            Position(actor="USA", issue="aid", stance="support"),
            Position(actor="GBR", issue="aid", stance="support"),
            Position(actor="FRA", issue="aid", stance="willing"),
            Position(actor="USA", issue="vote", stance="no", as_of=D1),
            Position(actor="GBR", issue="vote", stance="yes", as_of=D1),
            Position(actor="FRA", issue="vote", stance="abstain", as_of=D1),
            Position(actor="USA", issue="lead", stance="us"),
            Position(actor="GBR", issue="lead", stance="eu"),
            Position(actor="FRA", issue="lead", stance="eu"),
            Position(actor="USA", issue="spend", stance=3.5),
            Position(actor="GBR", issue="spend", stance=2.5, salience=0.25),
            Position(actor="UKR", issue="spend", stance=10),
        ],
        commitments=[
            Commitment(
                id="gbr-troops", actor="GBR", kind="ground_troops", status="signalled", component="troops"
            ),
            Commitment(
                id="usa-aid", actor="USA", kind="military_aid", status="in_force", component="funding"
            ),
            Commitment(id="gbr-aid", actor="GBR", kind="military_aid", status="pledged", component="funding"),
            Commitment(id="usa-intel", actor="USA", kind="intelligence_sharing", status="withdrawn"),
        ],
    )


def test_divergence_hand_computed(fw: Framework) -> None:
    d = divergence(fw, "USA", "GBR")
    rows = {r.issue: r for r in d.by_issue}
    # deploy: reluctant(1) vs willing(3) on range 4 -> 0.5, weight (0.5 + 1) / 2
    assert (rows["deploy"].distance, rows["deploy"].weight) == (0.5, 0.75)
    assert (rows["deploy"].stance_a, rows["deploy"].stance_b) == ("reluctant", "willing")
    assert rows["aid"].distance == 0.0
    assert rows["vote"].distance == 1.0
    assert rows["lead"].distance == 1.0
    # spend: |3.5 - 2.5| / 10, weight (1 + 0.25) / 2
    assert (rows["spend"].distance, rows["spend"].weight) == (0.1, 0.625)
    total = 0.75 + 1 + 1 + 1 + 0.625
    expected = (0.75 * 0.5 + 1 + 1 + 0.625 * 0.1) / total
    assert d.score == pytest.approx(expected)
    assert d.n == 5
    assert (d.a, d.b, d.on, d.as_of) == ("USA", "GBR", "positions", None)
    assert d.only_a == d.only_b == ()


def test_by_issue_is_sorted_by_contribution_and_adds_up(fw: Framework) -> None:
    d = divergence(fw, "USA", "GBR")
    contributions = [r.contribution for r in d.by_issue]
    assert contributions == sorted(contributions, reverse=True)
    assert [r.issue for r in d.by_issue[:2]] == ["vote", "lead"]  # ties keep framework order
    assert math.fsum(contributions) == pytest.approx(d.score)


def test_coverage_lists_issues_only_one_side_has(fw: Framework) -> None:
    d = divergence(fw, "GBR", "UKR")
    assert d.n == 1
    assert d.only_a == ("deploy", "aid", "vote", "lead")
    assert d.only_b == ()
    assert divergence(fw, "UKR", "GBR").only_b == d.only_a


def test_nothing_to_compare_is_nan_not_zero(fw: Framework) -> None:
    d = divergence(fw, "UKR", "USA", issues=["deploy"])
    assert d.n == 0
    assert math.isnan(d.score)
    assert d.only_b == ("deploy",)


def test_equal_results_compare_equal_even_when_nan(fw: Framework) -> None:
    # nan != nan, but two results of the same comparison are the same result
    d = divergence(fw, "UKR", "USA", issues=["deploy"])
    again = divergence(fw, "UKR", "USA", issues=["deploy"])
    assert d == again
    assert hash(d) == hash(again)
    assert d != attrs.evolve(d, score=0.0)
    m = divergence_matrix(fw, ["UKR", "USA"], issues=["deploy"])
    assert math.isnan(m["UKR", "USA"])
    assert m == divergence_matrix(fw, ["UKR", "USA"], issues=["deploy"], engine="python")
    assert len({m, divergence_matrix(fw, ["UKR", "USA"], issues=["deploy"])}) == 1
    empty = attrs.evolve(fw, positions=())
    assert math.isnan(consensus(empty, "aid").share)
    assert consensus(empty, "aid") == consensus(empty, "aid")
    assert agreement([], [], delta=2) == agreement([], [], delta=2)
    numpy = pytest.importorskip("numpy")
    assert MeasureResult(value=numpy.float64("nan"), n=0) == MeasureResult(value=math.nan, n=0)


def test_as_of_uses_the_latest_stance_by_then(fw: Framework) -> None:
    before = divergence(fw, "USA", "GBR", issues=["deploy"], as_of=D1)
    after = divergence(fw, "USA", "GBR", issues=["deploy"], as_of=D3)
    assert before.by_issue[0].stance_a == "oppose"
    assert before.score == 0.75
    assert after.score == 0.5
    assert divergence(fw, "USA", "GBR", issues=["deploy"], as_of=dt.date(2024, 1, 1)).n == 0


def test_series_shows_convergence(fw: Framework) -> None:
    series = divergence_series(fw, "USA", "GBR", [D1, D2], issues=["deploy"])
    assert [s.score for s in series] == [0.75, 0.5]
    assert [s.as_of for s in series] == [D1, D2]
    with pytest.raises(ValidationError, match=r"dates\[0\]"):
        divergence_series(fw, "USA", "GBR", ["2025-01-01"])  # type: ignore[list-item]
    # analyst trial: a naive datetime was reported as `as_of`, not as the item it is
    with pytest.raises(ValidationError, match=r"^dates\[1\]: naive datetime '2025-06-01T00:00:00'"):
        divergence_series(fw, "USA", "GBR", [D1, dt.datetime(2025, 6, 1)])
    aware = dt.datetime(2025, 6, 1, 23, tzinfo=dt.timezone(dt.timedelta(hours=-5)))  # 2 June in UTC
    assert divergence_series(fw, "USA", "GBR", [aware])[0].as_of == dt.date(2025, 6, 2)


def test_identities_with_s_score_and_voeten_agreement() -> None:
    votes = [("yes", "yes"), ("yes", "no"), ("abstain", "no"), ("no", "no"), ("yes", "abstain")]
    fw = Framework(
        id="un",
        title="UN",
        actors=actors("A", "B"),
        issues=[Issue(id=f"r{i}", title=f"r{i}", scale=VOTE) for i in range(len(votes))],
        positions=[
            Position(actor=actor, issue=f"r{i}", stance=pair[k])
            for i, pair in enumerate(votes)
            for k, actor in enumerate("AB")
        ],
    )
    code = {"no": 0, "abstain": 1, "yes": 2}
    a, b = [code[x] for x, _ in votes], [code[y] for _, y in votes]
    d = divergence(fw, "A", "B")
    assert d.score == pytest.approx((1 - s_score(a, b, delta=2).value) / 2)
    assert 1 - d.score == pytest.approx(agreement(a, b, delta=2).value)
    assert d.agreement == pytest.approx(agreement(a, b, delta=2).value)
    assert d.s_score == pytest.approx(s_score(a, b, delta=2).value)


def test_identity_with_weighted_s_score(fw: Framework) -> None:
    d = divergence(fw, "USA", "GBR")
    rows = d.by_issue
    # S on normalised distances (delta 1) weighted by the mean saliences
    s = s_score([r.distance for r in rows], [0.0] * len(rows), delta=1, weights=[r.weight for r in rows])
    assert d.score == pytest.approx((1 - s.value) / 2)


def test_commitment_portfolios(fw: Framework) -> None:
    d = divergence(fw, "USA", "GBR", on="commitments")
    rows = {r.issue: r for r in d.by_issue}
    # USA's withdrawn intelligence sharing meets no GBR commitment: neither offers anything there
    assert set(rows) == {"troops/ground_troops", "funding/military_aid"}
    assert (rows["funding/military_aid"].stance_a, rows["funding/military_aid"].stance_b) == (
        "in_force",
        "pledged",
    )
    assert rows["funding/military_aid"].distance == pytest.approx(2 / 6)
    assert (rows["troops/ground_troops"].stance_a, rows["troops/ground_troops"].distance) == ("none", 1 / 6)
    assert d.score == 0.25  # (2/6 + 1/6) / 2
    assert d.only_a == ()
    assert d.only_b == ("troops/ground_troops",)
    assert divergence(fw, "USA", "GBR", on="commitments", issues=["funding"]).n == 1


def test_conditional_positions_count_unless_facts_make_them_false(fw: Framework) -> None:
    conditional = attrs.evolve(fw.positions[2], conditions=Fact(name="settlement"))  # GBR on deploy
    fw2 = attrs.evolve(fw, positions=(*fw.positions[:2], conditional, *fw.positions[3:]))
    assert divergence(fw2, "USA", "GBR").n == 5
    false = accord.Facts({"settlement": False})
    assert divergence(fw2, "USA", "GBR", facts=false).only_a == ("deploy",)
    assert divergence(fw2, "USA", "GBR", facts={}).n == 5  # unknown counts as stated
    assert divergence(fw2, "USA", "GBR", facts={"settlement": True}).n == 5
    for engine in ("python", "numpy"):
        m = divergence_matrix(fw2, ["USA", "GBR"], facts=false, engine=engine)  # type: ignore[arg-type]
        assert m["USA", "GBR"] == divergence(fw2, "USA", "GBR", facts=false).score


@pytest.mark.parametrize(
    ("call", "error", "needle"),
    [
        (lambda f: divergence(f, "USA", "XXX"), UnknownReferenceError, "'XXX'"),
        (lambda f: divergence(f, "USA", "GBR", issues=["nope"]), UnknownReferenceError, "'nope'"),
        (lambda f: divergence(f, "USA", "GBR", issues="deploy"), ValidationError, "issues: 'deploy'"),
        (lambda f: divergence(f, "USA", "GBR", on="votes"), ValidationError, "on: 'votes'"),
        (lambda f: divergence(f, "USA", "GBR", as_of="2025"), ValidationError, "as_of: '2025'"),
        (lambda f: divergence(f, "USA", "GBR", on="commitments", issues=["x"]), UnknownReferenceError, "'x'"),
        (lambda f: divergence_matrix(f, ["USA", "ZZZ"]), UnknownReferenceError, "'ZZZ'"),
        (lambda f: divergence_matrix(f, ["USA", "USA"]), ValidationError, "twice"),
        (lambda f: divergence_matrix(f, 5), ValidationError, "actors: 5 is not a collection of ids"),
        (lambda f: divergence_matrix(f, "USA"), ValidationError, "actors: 'USA' is not a collection"),
        (lambda f: divergence_matrix(f, ["USA", 3]), ValidationError, "actors[1]: 3 is not an id"),
        (lambda f: divergence_matrix(f, engine="fortran"), ValidationError, "engine: 'fortran'"),
        (lambda f: consensus(f, "nope"), UnknownReferenceError, "'nope'"),
        (lambda f: contested_issues(f, issues=["nope"]), UnknownReferenceError, "'nope'"),
    ],
)
def test_bad_references_and_options(fw: Framework, call: object, error: type[Exception], needle: str) -> None:
    with pytest.raises(error) as info:
        call(fw)  # type: ignore[operator]
    assert needle in str(info.value)


def test_matrix_entries_equal_divergence_on_both_engines(fw: Framework) -> None:
    for engine in ("python", "numpy"):
        m = divergence_matrix(fw, engine=engine)  # type: ignore[arg-type]
        assert m.actors == ("USA", "GBR", "FRA", "UKR")
        for a in m.actors:
            for b in m.actors:
                d = divergence(fw, a, b)
                assert m.count(a, b) == d.n
                if d.n:
                    assert m[a, b] == pytest.approx(d.score, abs=1e-15), (engine, a, b)
                else:
                    assert math.isnan(m[a, b])
    commitments = divergence_matrix(fw, ["USA", "GBR"], on="commitments")
    assert commitments["USA", "GBR"] == divergence(fw, "USA", "GBR", on="commitments").score


def test_matrix_tables(fw: Framework) -> None:
    m = divergence_matrix(fw, ["USA", "GBR"], issues=["vote", "aid"])
    assert m.rows() == [{"actor": "USA", "USA": 0.0, "GBR": 0.5}, {"actor": "GBR", "USA": 0.5, "GBR": 0.0}]
    assert list(m.pairs()) == [("USA", "GBR", 0.5, 2)]
    assert len(m) == 2
    assert list(m) == ["USA", "GBR"]
    assert "GBR" in m
    assert "FRA" not in m
    assert ("USA", "GBR") not in m
    assert {a: m[a, "USA"] for a in m} == {"USA": 0.0, "GBR": 0.5}
    with pytest.raises(UnknownReferenceError, match="FRA"):
        m["USA", "FRA"]
    from accord.reports import divergence_table

    assert divergence_table(m, markdown=True).startswith("|  | USA | GBR |\n|---|")
    with pytest.raises(ValidationError, match="markdown: 'yes' is not True or False"):
        divergence_table(m, markdown="yes")  # type: ignore[arg-type]


def test_numpy_engine_refused_without_numpy(fw: Framework, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(matrix_module, "_numpy", lambda: None)
    with pytest.raises(ValidationError, match="engine: 'numpy'"):
        divergence_matrix(fw, engine="numpy")
    # auto falls back to pure Python
    assert divergence_matrix(fw)["USA", "GBR"] == divergence(fw, "USA", "GBR").score


# --- numpy and pure paths agree ----------------------------------------------

SCALES = [STANCE, VOTE, NominalScale(options=("a", "b", "c")), IntervalScale(low=-5, high=5)]


def stance_for(scale: object) -> st.SearchStrategy[object]:
    if isinstance(scale, OrdinalScale):
        return st.sampled_from(scale.levels)
    if isinstance(scale, NominalScale):
        return st.sampled_from(scale.options)
    return st.floats(-5, 5, allow_nan=False)


@st.composite
def frameworks(draw: st.DrawFn, saliences: st.SearchStrategy[float]) -> Framework:
    n_actors = draw(st.integers(2, 6))
    issue_scales = draw(st.lists(st.sampled_from(range(len(SCALES))), min_size=1, max_size=8))
    issues = [Issue(id=f"i{k}", title=f"i{k}", scale=SCALES[s]) for k, s in enumerate(issue_scales)]
    positions = []
    for a in range(n_actors):
        for issue in issues:
            if draw(st.booleans()):
                positions.append(
                    Position(
                        actor=f"a{a}",
                        issue=issue.id,
                        stance=draw(stance_for(issue.scale)),  # type: ignore[arg-type]
                        salience=draw(saliences),
                    )
                )
    return Framework(
        id="gen",
        title="gen",
        actors=actors(*(f"a{a}" for a in range(n_actors))),
        issues=issues,
        positions=positions,
    )


def same(x: float, y: float) -> bool:
    return x == y or (math.isnan(x) and math.isnan(y))


@settings(max_examples=60, deadline=None)
@given(frameworks(st.sampled_from([0.0, 0.25, 0.5, 1.0])))
def test_numpy_and_pure_paths_are_identical_with_dyadic_saliences(fw: Framework) -> None:
    pure = divergence_matrix(fw, engine="python")
    fast = divergence_matrix(fw, engine="numpy")
    assert pure.counts == fast.counts
    for row_p, row_f in zip(pure.scores, fast.scores, strict=True):
        for x, y in zip(row_p, row_f, strict=True):
            if any(isinstance(i.scale, IntervalScale) for i in fw.issues):
                assert same(x, y) or x == pytest.approx(y, abs=1e-12)
            else:
                assert same(x, y)
    for a, b, score, _n in pure.pairs():
        assert same(score, divergence(fw, a, b).score)


@settings(max_examples=40, deadline=None)
@given(frameworks(st.floats(0, 1, allow_nan=False)))
def test_numpy_and_pure_paths_agree_to_rounding(fw: Framework) -> None:
    pure = divergence_matrix(fw, engine="python")
    fast = divergence_matrix(fw, engine="numpy")
    assert pure.counts == fast.counts
    for row_p, row_f in zip(pure.scores, fast.scores, strict=True):
        for x, y in zip(row_p, row_f, strict=True):
            assert same(x, y) or x == pytest.approx(y, abs=1e-12)
            assert math.isnan(x) or 0.0 <= x <= 1.0


def test_a_score_of_unequal_saliences_stays_within_one() -> None:
    # found by the test above: two nominal and one ordinal issue, every one at the full distance
    fw = Framework(
        id="f",
        title="t",
        actors=actors("A", "B"),
        issues=[
            Issue(id="n0", title="n0", scale=NominalScale(options=("a", "b", "c"))),
            Issue(id="o", title="o", scale=STANCE),
            Issue(id="n1", title="n1", scale=NominalScale(options=("a", "b", "c"))),
        ],
        positions=[
            Position(actor="A", issue="n0", stance="a", salience=0.7621065127910762),
            Position(actor="A", issue="o", stance="oppose", salience=0.0),
            Position(actor="A", issue="n1", stance="a", salience=0.99999),
            Position(actor="B", issue="n0", stance="b", salience=0.0),
            Position(actor="B", issue="o", stance="support", salience=0.6912014320703997),
            Position(actor="B", issue="n1", stance="b", salience=0.0),
        ],
    )
    assert divergence(fw, "A", "B").score == 1.0
    assert divergence_matrix(fw, engine="python")["A", "B"] == 1.0


def test_pure_path_is_fast_on_a_small_matrix() -> None:
    issues = [Issue(id=f"i{k}", title=f"i{k}") for k in range(50)]
    positions = [
        Position(actor=f"a{a}", issue=i.id, stance=STANCE.levels[(a * 7 + k * 3) % 5])
        for a in range(30)
        for k, i in enumerate(issues)
    ]
    fw = Framework(
        id="x", title="x", actors=actors(*(f"a{a}" for a in range(30))), issues=issues, positions=positions
    )
    start = time.perf_counter()
    m = divergence_matrix(fw, engine="python")
    elapsed = time.perf_counter() - start
    assert len(m) == 30
    assert elapsed < 1.0  # milliseconds in practice; generous for loaded CI machines


# --- analyses ----------------------------------------------------------------


def test_contested_issues_ranked_by_spread(fw: Framework) -> None:
    ranked = contested_issues(fw)
    by_id = {c.issue: c for c in ranked}
    # vote: no, yes, abstain -> pair distances 1, 0.5, 0.5 -> mean 2/3
    assert by_id["vote"].spread == pytest.approx(2 / 3)
    # lead: us, eu, eu -> 2 of 3 pairs differ
    assert by_id["lead"].spread == pytest.approx(2 / 3)
    # aid: support, support, willing -> distances 0, .25, .25
    assert by_id["aid"].spread == pytest.approx(1 / 6)
    assert by_id["vote"].distribution == (("no", 1), ("abstain", 1), ("yes", 1))
    assert [c.issue for c in ranked][:2] == ["vote", "lead"]
    assert [c.spread for c in ranked] == sorted((c.spread for c in ranked), reverse=True)


def test_consensus(fw: Framework) -> None:
    c = consensus(fw, "lead")
    assert (c.modal, c.share, c.n, c.dissenters) == (("eu",), 2 / 3, 3, ("USA",))
    assert not c.unanimous
    tied = consensus(fw, "vote")
    assert tied.modal == ("no", "abstain", "yes")
    assert tied.dissenters == ()
    assert consensus(fw, "lead", as_of=dt.date(1990, 1, 1)).n == 3  # undated positions hold at any date
    assert consensus(fw, "vote", as_of=dt.date(1990, 1, 1)).n == 0  # dated ones only from their date
    empty = Framework(id="e", title="e", actors=actors("A"), issues=[Issue(id="q", title="q")])
    none = consensus(empty, "q")
    assert (none.modal, none.n) == ((), 0)
    assert math.isnan(none.share)


def test_a_number_written_as_float_and_as_decimal_is_one_stance() -> None:
    from decimal import Decimal

    stances = [Decimal("0.1"), 0.1, Decimal("0.10"), 1, 1.0, Decimal("1"), 0.5]
    fw = Framework(
        id="x",
        title="x",
        actors=actors(*(f"a{k}" for k in range(len(stances)))),
        issues=[Issue(id="i", title="i", scale=accord.IntervalScale(low=0, high=1))],
        positions=[Position(actor=f"a{k}", issue="i", stance=s) for k, s in enumerate(stances)],
    )
    # shown as first written, in order of the numbers
    expected = ((Decimal("0.1"), 3), (0.5, 1), (1, 3))
    assert contested_issues(fw)[0].distribution == expected
    c = consensus(fw, "i")
    assert (c.modal, c.share, c.dissenters, c.distribution) == ((Decimal("0.1"), 1), 3 / 7, ("a6",), expected)
    pair = Framework(id="y", title="y", actors=fw.actors[:2], issues=fw.issues, positions=fw.positions[:2])
    assert consensus(pair, "i").unanimous
    assert divergence(pair, "a0", "a1").score == 0.0


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"actors": None}, r"DivergenceMatrix.actors: expected a sequence, got NoneType None"),
        ({"actors": ("A", 1)}, r"DivergenceMatrix.actors\[1\]: 1 is not a string"),
        ({"actors": ("A", " B")}, r"DivergenceMatrix.actors\[1\]: ' B' is not a valid id"),
        ({"actors": ("A", "A")}, r"DivergenceMatrix.actors: \['A', 'A'\] has duplicates"),
        (
            {"scores": ((0.0, 1.5), (1.5, 0.0))},
            r"DivergenceMatrix.scores\[0\]\[1\]: 1.5 is not a score in \[0, 1\]",
        ),
        ({"scores": ((0.0, "x"), ("x", 0.0))}, r"DivergenceMatrix.scores\[0\]\[1\]: 'x' is not a score"),
        ({"scores": ((0.0, True), (True, 0.0))}, r"DivergenceMatrix.scores\[0\]\[1\]: True is not a score"),
        (
            {"scores": ((math.nan, -0.5), (0.5, 0.0))},
            r"DivergenceMatrix.scores\[0\]\[1\]: -0.5 is not a score",
        ),
        ({"scores": ((0.0, 0.5), (math.nan, 2.0))}, r"DivergenceMatrix.scores\[1\]\[1\]: 2.0 is not a score"),
        ({"scores": ((0.0,), (0.0,))}, r"DivergenceMatrix.scores: must be 2 × 2"),
        ({"counts": ((1, -1), (-1, 1))}, r"DivergenceMatrix.counts\[0\]\[1\]: -1 is not a count ≥ 0"),
        ({"counts": None}, r"DivergenceMatrix.counts: expected a sequence"),
        ({"on": "votes"}, r"DivergenceMatrix.on: 'votes' is not one of 'positions', 'commitments'"),
        ({"as_of": "2025"}, r"DivergenceMatrix.as_of: '2025' is not a date"),
    ],
)
def test_a_divergence_matrix_checks_what_it_is_given(fields: dict[str, object], message: str) -> None:
    valid: dict[str, object] = {
        "actors": ("A", "B"),
        "scores": ((0.0, 0.5), (0.5, 0.0)),
        "counts": ((1, 1), (1, 1)),
    }
    with pytest.raises(ValidationError, match=f"^{message}"):
        matrix_module.DivergenceMatrix(**{**valid, **fields})


def test_a_divergence_matrix_takes_lists_numbers_and_numpy_arrays() -> None:
    m = matrix_module.DivergenceMatrix(
        actors=["A", "B"], scores=[[0, 0.5], [0.5, 0]], counts=[[1, 2], [2, 1]]
    )
    assert (m.actors, m.scores, m.counts) == (("A", "B"), ((0.0, 0.5), (0.5, 0.0)), ((1, 2), (2, 1)))
    assert all(type(x) is float for row in m.scores for x in row)
    numpy = pytest.importorskip("numpy")
    n = matrix_module.DivergenceMatrix(
        actors=numpy.array(["A", "B"]),
        scores=numpy.array([[0, 0.5], [0.5, 0]]),
        counts=numpy.ones((2, 2), int),
    )
    assert n == matrix_module.DivergenceMatrix(actors=("A", "B"), scores=m.scores, counts=((1, 1), (1, 1)))
    assert type(n.counts[0][0]) is int
    assert type(n.actors[0]) is str


def test_blocs_complete_linkage() -> None:
    m = matrix_module.DivergenceMatrix(
        actors=("A", "B", "C", "D", "E"),
        scores=(
            (0.0, 0.1, 0.2, 0.9, math.nan),
            (0.1, 0.0, 0.3, 0.8, math.nan),
            (0.2, 0.3, 0.0, 0.35, math.nan),
            (0.9, 0.8, 0.35, 0.0, math.nan),
            (math.nan,) * 4 + (math.nan,),
        ),
        counts=((1,) * 5,) * 5,
    )
    # C-D are within 0.35 but D is 0.9 from A: complete linkage keeps D out
    assert blocs(m, 0.35) == (("A", "B", "C"),)
    assert blocs(m, 0.35, min_size=1) == (("A", "B", "C"), ("D",), ("E",))
    assert blocs(m, 0.05) == ()
    assert blocs(m, 1.0) == (("A", "B", "C", "D"),)
    with pytest.raises(ValidationError, match="threshold: 2"):
        blocs(m, 2)
    with pytest.raises(ValidationError, match=r"^threshold: 10000000000"):
        blocs(m, 10**400)  # too large for a float
    numpy = pytest.importorskip("numpy")
    assert blocs(m, numpy.float32(0.35), min_size=numpy.int64(1)) == blocs(m, 0.35, min_size=1)


def test_rows_keep_every_column_when_an_actor_is_called_actor() -> None:
    from accord import Actor, Framework, Issue, Position, ValidationError, divergence_matrix

    fw = Framework(
        id="f", title="t", actors=(Actor(id="actor", name="A"), Actor(id="B", name="B")),
        issues=(Issue(id="i", title="I"),),
        positions=(Position(actor="actor", issue="i", stance="support"),
                   Position(actor="B", issue="i", stance="oppose")),
    )  # fmt: skip
    m = divergence_matrix(fw)
    with pytest.raises(ValidationError, match="'actor' is also an actor id"):
        m.rows()
    assert m.rows(label="actor id") == [
        {"actor id": "actor", "actor": 0.0, "B": 1.0},
        {"actor id": "B", "actor": 1.0, "B": 0.0},
    ]


def test_issues_given_as_an_iterator_are_read_once_and_give_the_list_results():
    fw = postwar_ukraine()
    ids = ["own-ground-troops", "ukraine-long-term-stability"]
    days = [dt.date(2025, 3, 2), dt.date(2025, 4, 1)]

    def same(call, chosen):
        assert nan_equal(call(iter(chosen)), call(list(chosen)))

    def nan_equal(x, y):
        return repr(x) == repr(y)  # nan != nan, but their reprs agree

    same(lambda i: accord.divergence(fw, "USA", "GBR", issues=i).by_issue, ids)
    same(lambda i: accord.divergence(fw, "USA", "GBR", on="commitments", issues=i), ["troop-deployments"])
    same(lambda i: [d.score for d in accord.divergence_series(fw, "USA", "GBR", days, issues=i)], ids)
    for on, chosen in (("positions", ids), ("commitments", ["troop-deployments"])):
        for engine in ("python", "auto"):
            same(
                lambda i, on=on, engine=engine: accord.divergence_matrix(
                    fw, ["USA", "GBR", "FRA"], on=on, engine=engine, issues=i
                ),
                chosen,
            )
    series = accord.divergence_series(fw, "USA", "GBR", days, issues=iter(ids))
    assert series[1].n == series[0].n == 2  # the second date did not find the iterator used up


def test_facts_resolve_in_force_as_the_framework_evaluates_positions():
    withdrawn = parse_condition('in_force("gbr-troops")')
    fw = Framework(
        id="f",
        title="t",
        actors=[Actor(id=i, name=i) for i in ("GBR", "FRA", "UKR")],
        issues=[Issue(id="troops", title="Troops")],
        commitments=[
            Commitment(
                id="gbr-troops",
                actor="GBR",
                kind=CommitmentKind.GROUND_TROOPS,
                status=CommitmentStatus.WITHDRAWN,
                beneficiary="UKR",
            ),
            Commitment(
                id="fra-training",
                actor="FRA",
                kind=CommitmentKind.TRAINING,
                status=CommitmentStatus.PLEDGED,
                conditions=withdrawn,
            ),
        ],
        positions=[
            Position(actor="GBR", issue="troops", stance="support", conditions=withdrawn),
            Position(actor="FRA", issue="troops", stance="oppose"),
        ],
    )
    facts = Facts({})
    assert fw.evaluate_positions(facts)[("GBR", "troops")].truth is accord.Truth.FALSE
    assert accord.divergence(fw, "GBR", "FRA", facts=facts).n == 0  # GBR's position is left out
    assert accord.divergence(fw, "GBR", "FRA").n == 1  # without facts it counts as stated
    assert accord.consensus(fw, "troops", facts=facts).n == 1
    assert accord.contested_issues(fw, facts=facts) == ()
    for engine in ("python", "auto"):
        assert accord.divergence_matrix(fw, ["GBR", "FRA"], facts=facts, engine=engine).counts == (
            (0, 0),
            (0, 1),
        )
    series = accord.divergence_series(fw, "GBR", "FRA", [dt.date(2025, 1, 1)], facts=facts)
    assert [d.n for d in series] == [0]
    # FRA's training is conditional on the withdrawn deployment: left out of its portfolio
    by_commitments = accord.divergence(fw, "GBR", "FRA", on="commitments", facts=facts)
    assert by_commitments.only_b == ()
    assert accord.divergence(fw, "GBR", "FRA", on="commitments").only_b == ("training",)
    with pytest.raises(accord.ValidationError, match="facts: expected a mapping"):
        accord.divergence(fw, "GBR", "FRA", facts=3)


@pytest.mark.parametrize("label", [3, None, "", "  "])
def test_matrix_rows_refuse_a_label_that_is_not_text(label):
    with pytest.raises(accord.ValidationError, match="rows: label .* is not a non-blank string"):
        accord.divergence_matrix(postwar_ukraine()).rows(label=label)


def test_matrix_rows_for_json_hold_none_where_a_pair_has_nothing_to_compare() -> None:
    # pipeline trial: json.dumps of the rows wrote NaN, which is not JSON
    import json

    m = accord.divergence_matrix(postwar_ukraine(), ["GBR", "UKR", "RUS"])
    rows = m.rows(missing=None)
    assert rows[0]["RUS"] is None
    assert rows[0]["GBR"] == 0.0
    assert json.loads(json.dumps(rows, allow_nan=False)) == rows
    plain = m.rows()
    assert plain[0]["RUS"] != plain[0]["RUS"]  # nan, as the scores hold it
    with pytest.raises(accord.ValidationError, match="rows: missing 0 is neither nan nor None"):
        m.rows(missing=0)  # type: ignore[call-overload]


def test_numpy_and_pure_paths_agree_on_a_few_of_many_actors() -> None:
    from itertools import combinations

    fw = postwar_ukraine()  # eight actors, dated positions: two are under a third of them
    for pair in combinations([a.id for a in fw.actors], 2):
        pure = divergence_matrix(fw, list(pair), engine="python")
        fast = divergence_matrix(fw, list(pair), engine="numpy")
        assert pure.counts == fast.counts
        assert all(same(x, y) for x, y in zip(pure.scores[0], fast.scores[0], strict=True))


def test_facts_without_a_date_are_taken_as_of_the_comparison():
    pledged_then_withdrawn = Commitment(
        id="gbr-troops",
        actor="GBR",
        kind=CommitmentKind.GROUND_TROOPS,
        status=CommitmentStatus.WITHDRAWN,
        history=(
            StatusChange(date=dt.date(2025, 1, 1), status=CommitmentStatus.PLEDGED),
            StatusChange(date=dt.date(2025, 6, 1), status=CommitmentStatus.WITHDRAWN),
        ),
    )
    fw = Framework(
        id="f",
        title="t",
        actors=[Actor(id=i, name=i) for i in ("GBR", "FRA")],
        issues=[Issue(id="troops", title="Troops")],
        commitments=[pledged_then_withdrawn],
        positions=[
            Position(
                actor="GBR",
                issue="troops",
                stance="support",
                conditions=parse_condition('in_force("gbr-troops")'),
                as_of=dt.date(2025, 2, 1),
            ),
            Position(actor="FRA", issue="troops", stance="oppose", as_of=dt.date(2025, 2, 1)),
        ],
    )
    march, july = dt.date(2025, 3, 1), dt.date(2025, 7, 1)
    assert accord.divergence(fw, "GBR", "FRA", as_of=march, facts={}).n == 1  # still pledged in March
    assert accord.divergence(fw, "GBR", "FRA", as_of=july, facts={}).n == 0  # withdrawn by July
    assert accord.divergence(fw, "GBR", "FRA", as_of=march, facts=Facts({}, as_of=july)).n == 0  # dated facts
    series = accord.divergence_series(fw, "GBR", "FRA", [march, july], facts={})
    assert [d.n for d in series] == [1, 0]
    assert accord.consensus(fw, "troops", as_of=march, facts={}).n == 2
    assert accord.divergence_matrix(fw, as_of=july, facts={}).counts == ((0, 0), (0, 1))
    assert accord.divergence_matrix(fw, as_of=march, facts={}).counts == ((1, 1), (1, 1))


def _portfolios_with_history(expired: int) -> Framework:
    """A holds one defence commitment in force, B none; A also has *expired* ended ones elsewhere."""
    components = [Component(id=f"c{i}", title=f"Alliance {i}") for i in range(expired + 1)]
    commitments = [
        Commitment(id="a0", actor="A", kind=CommitmentKind.DEFENCE, status="in_force", component="c0")
    ]
    commitments += [
        Commitment(id=f"a{i}", actor="A", kind=CommitmentKind.DEFENCE, status="expired", component=f"c{i}")
        for i in range(1, expired + 1)
    ]
    commitments.append(
        Commitment(id="b0", actor="B", kind=CommitmentKind.DEFENCE, status="withdrawn", component="c1")
    )
    return Framework(
        id="f", title="t", actors=actors("A", "B"), components=components, commitments=commitments
    )


@pytest.mark.parametrize("expired", [1, 2, 10])
def test_commitments_that_ended_on_both_sides_are_not_compared(expired: int) -> None:
    # analyst trial: each ended commitment was compared as agreement, so the history diluted the score
    fw = _portfolios_with_history(expired)
    d = divergence(fw, "A", "B", on="commitments")
    assert (d.score, d.n) == (5 / 6, 1)
    assert [(r.issue, r.stance_a, r.stance_b) for r in d.by_issue] == [("c0/defence", "in_force", "none")]
    assert (d.only_a, d.only_b) == (("c0/defence",), ())
    m = divergence_matrix(fw, on="commitments")
    assert (m["A", "B"], m.counts[0][1]) == (5 / 6, 1)
    assert m["B", "B"] != m["B", "B"]  # B offers nothing: nothing to compare
    assert divergence(fw, "B", "B", on="commitments").n == 0


def test_commitment_matrix_agrees_with_divergence_pair_by_pair() -> None:
    fw = postwar_ukraine()
    ids = [a.id for a in fw.actors]
    m = divergence_matrix(fw, on="commitments", engine="python")
    for a in ids:
        for b in ids:
            d = divergence(fw, a, b, on="commitments")
            assert (m[a, b], m.counts[ids.index(a)][ids.index(b)]) == (d.score, d.n) or (
                math.isnan(m[a, b]) and d.n == 0
            )
    with pytest.raises(UnknownReferenceError, match="'nope'"):
        divergence_matrix(fw, [], on="commitments", issues=["nope"])


@pytest.mark.parametrize("engine", ["python", "numpy"])
@pytest.mark.parametrize("as_of", [None, dt.date(2025, 2, 1)])
def test_a_few_issues_are_looked_up_and_give_what_going_through_all_gives(
    engine: str, as_of: dt.date | None, monkeypatch: pytest.MonkeyPatch
) -> None:
    # analyst trial: 67 roll calls of one session against all UN votes went through all 855,890
    if engine == "numpy":
        pytest.importorskip("numpy")
    from accord import _matrix_numpy, _stances

    issues = [Issue(id=f"i{k:02}", title=f"Issue {k}") for k in range(20)]
    positions = [
        Position(
            actor=a, issue=i.id, stance=STANCE.levels[(n + k + day) % 5], as_of=dt.date(2025, 1 + day, 1)
        )
        for n, a in enumerate(("USA", "GBR", "FRA"))
        for k, i in enumerate(issues)
        for day in range(2)
        if (n + k) % 4
    ]
    fw = Framework(id="f", title="t", actors=actors("USA", "GBR", "FRA"), issues=issues, positions=positions)
    chosen = ["i03", "i01", "i02"]
    looked_up = divergence_matrix(fw, issues=chosen, as_of=as_of, engine=engine)
    pairs = {
        (a, b): divergence(fw, a, b, issues=chosen, as_of=as_of)
        for a in looked_up.actors
        for b in looked_up.actors
    }
    monkeypatch.setattr(_stances, "few", lambda chosen, every: False)
    monkeypatch.setattr(_matrix_numpy, "few", lambda chosen, every: False)
    through_all = divergence_matrix(fw, issues=chosen, as_of=as_of, engine=engine)
    assert looked_up == through_all
    for (a, b), d in pairs.items():
        assert d == divergence(fw, a, b, issues=chosen, as_of=as_of)
        assert looked_up[a, b] == d.score or (math.isnan(d.score) and math.isnan(looked_up[a, b]))


def test_a_gap_report_lists_at_most_limit_items_then_how_many_more() -> None:
    # analyst trial: two countries over all UN roll calls printed thousands of lines
    from accord.reports import gap_report

    issues = [accord.Issue(id=f"i{n}", title=f"Vote {n}") for n in range(30)]
    positions = [accord.Position(actor="A", issue=f"i{n}", stance="support") for n in range(30)]
    positions += [accord.Position(actor="B", issue=f"i{n}", stance="oppose") for n in range(25)]
    actors = (accord.Actor(id="A", name="a"), accord.Actor(id="B", name="b"))
    fw = accord.Framework(id="f", title="t", actors=actors, issues=issues, positions=positions)
    lines = gap_report(fw, "A", "B").splitlines()
    assert lines[0] == "A vs B: divergence 1.00 over 25 shared issue(s)"
    assert len(lines) == 1 + 2 + 20 + 2  # the header, the table's 2 heading lines and 20 rows
    assert lines[-2] == "  … and 5 more issues with a difference"
    assert lines[-1] == "  only A has a position on: Vote 25, Vote 26, Vote 27, Vote 28, Vote 29"
    short = gap_report(fw, "A", "B", limit=2).splitlines()
    assert short[-2:] == [
        "  … and 23 more issues with a difference",
        "  only A has a position on: Vote 25, Vote 26 and 3 more",
    ]
    assert len(gap_report(fw, "A", "B", limit=None).splitlines()) == 1 + 2 + 25 + 1
    assert gap_report(fw, "A", "B", limit=24).splitlines()[-2] == "  … and 1 more issue with a difference"
    np = pytest.importorskip("numpy")
    assert gap_report(fw, "A", "B", limit=np.int64(2)) == gap_report(fw, "A", "B", limit=2)
    # the count of the rest is never split across lines
    for width in range(10, 40):  # titles of every length put the end of the list everywhere on a line
        long = [
            attrs.evolve(i, title=f"Roll call {n} " + "x" * (width + n % 7)) for n, i in enumerate(issues)
        ]
        wide = attrs.evolve(fw, issues=long)
        for limit in range(1, 5):
            text = gap_report(wide, "A", "B", limit=limit)
            assert f"and {5 - limit} more" in text, (width, limit)  # on one line
            tail = text.splitlines()[-1]
            assert len(tail) <= 100, (width, limit)
    for bad in (0, -1, 2.5, True, "3"):
        with pytest.raises(accord.ValidationError, match="limit: .* is not a whole number ≥ 1"):
            gap_report(fw, "A", "B", limit=bad)  # type: ignore[arg-type]


def test_a_gap_report_on_commitments_shows_kinds_even_where_an_issue_has_that_id() -> None:
    # pledge-tracker trial: the "funding" row was shown with the title of the issue "funding"
    from accord import Actor, Commitment, Framework, Issue
    from accord.reports import gap_report

    fw = Framework(
        id="f",
        title="t",
        actors=(Actor(id="GBR", name="UK"), Actor(id="DEU", name="Germany")),
        issues=(Issue(id="funding", title="Should the EU fund Ukraine's budget?"),),
        commitments=(
            Commitment(id="a", actor="GBR", kind="funding", status="pledged"),
            Commitment(id="b", actor="DEU", kind="funding", status="signalled"),
        ),
    )
    text = gap_report(fw, "GBR", "DEU", on="commitments")
    assert "budget" not in text
    assert any(line.split()[:3] == ["funding", "pledged", "signalled"] for line in text.splitlines()), text


def test_comparisons_refuse_a_yes_no_fact_given_another_value() -> None:
    # analyst trial: facts={"settlement_signed": "no"} left the conditions unknown, so the
    # comparison silently ignored the facts (the CLI refuses such a value)
    fw = postwar_ukraine()
    message = (
        r"facts\['settlement_signed'\]: 'no': the framework's conditions read settlement_signed as yes or no"
    )
    for compare in (
        lambda facts: accord.divergence(fw, "USA", "GBR", facts=facts),
        lambda facts: accord.divergence_matrix(fw, ["USA", "GBR"], facts=facts),
        lambda facts: accord.divergence_series(fw, "USA", "GBR", [dt.date(2025, 3, 2)], facts=facts),
        lambda facts: accord.divergence_series(fw, "USA", "GBR", [], facts=facts),  # no date: checked too
    ):
        with pytest.raises(accord.ValidationError, match=message):
            compare({"settlement_signed": "no"})
        compare({"settlement_signed": False})
        compare({"settlement_signed": dt.date(2025, 1, 1)})
    assert accord.divergence(fw, "USA", "GBR", facts={"settlement_signed": False}).n == 1
    # a fact also compared with a value may hold any value: here it decides the comparison
    holding = accord.parse_condition('ceasefire or ceasefire == "holding"')
    positions = [p if p.actor != "USA" else attrs.evolve(p, conditions=holding) for p in fw.positions]
    held = attrs.evolve(fw, positions=positions)
    assert accord.evaluate(holding, {"ceasefire": "holding"}).truth is accord.Truth.TRUE
    assert accord.divergence(held, "USA", "GBR", facts={"ceasefire": "holding"}).n == 2
