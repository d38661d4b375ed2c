import datetime as dt
import json
import time
from decimal import Decimal

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import accord
from accord import (
    FORMAT_VERSION,
    AccordError,
    After,
    AllOf,
    AnyOf,
    AtLeast,
    Before,
    Compare,
    ConditionSyntaxError,
    Fact,
    InForce,
    Not,
    ValidationError,
    dumps,
    loads,
    parse_condition,
)
from accord.conditions import MAX_DEPTH, MAX_DIGITS, Condition, walk
from accord.testing import conditions

a, b, c, d = Fact("a"), Fact("b"), Fact("c"), Fact("d")


# --- every production ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "tree"),
    [
        ("a", a),
        ("settlement_signed", Fact("settlement_signed")),
        ("_x1", Fact("_x1")),
        ("a and b", AllOf([a, b])),
        ("a or b", AnyOf([a, b])),
        ("not a", Not(a)),
        ("not not a", Not(Not(a))),
        ("(a)", a),
        ("((a or b))", AnyOf([a, b])),
        # precedence: not > and > or
        ("not a and b", AllOf([Not(a), b])),
        ("a or b and c", AnyOf([a, AllOf([b, c])])),
        ("a and b or c and d", AnyOf([AllOf([a, b]), AllOf([c, d])])),
        ("not (a or b)", Not(AnyOf([a, b]))),
        ("(a or b) and c", AllOf([AnyOf([a, b]), c])),
        # n-ary and flattened
        ("a and b and c", AllOf([a, b, c])),
        ("(a and b) and (c and d)", AllOf([a, b, c, d])),
        ("a or (b or c)", AnyOf([a, b, c])),
        ("a and (b or c) and d", AllOf([a, AnyOf([b, c]), d])),
        # at least
        ("at least 1 of (a)", AtLeast(1, [a])),
        ("at least 2 of (a, b, c)", AtLeast(2, [a, b, c])),
        ("at least 1 of (a or b, c and d)", AtLeast(1, [AnyOf([a, b]), AllOf([c, d])])),
        ("not at least 2 of (a, b)", Not(AtLeast(2, [a, b]))),
        ("at least 1 of (at least 1 of (a), b)", AtLeast(1, [AtLeast(1, [a]), b])),
        # time
        ("before 2025-06-01", Before(dt.date(2025, 6, 1))),
        ("after 1999-12-31", After(dt.date(1999, 12, 31))),
        ("a and after 2025-01-01", AllOf([a, After(dt.date(2025, 1, 1))])),
        # in_force
        ('in_force("uk-troops")', InForce("uk-troops")),
        ('in_force("a.b:c_d-1")', InForce("a.b:c_d-1")),
        ('not in_force("x")', Not(InForce("x"))),
        # comparisons: every operator
        ("x == 1", Compare("x", "==", 1)),
        ("x != 1", Compare("x", "!=", 1)),
        ("x < 1", Compare("x", "<", 1)),
        ("x <= 1", Compare("x", "<=", 1)),
        ("x > 1", Compare("x", ">", 1)),
        ("x >= 1", Compare("x", ">=", 1)),
        ("x>=1", Compare("x", ">=", 1)),
        ("x==-1", Compare("x", "==", -1)),
        # every kind of value
        ('basis == "bilateral"', Compare("basis", "==", "bilateral")),
        ('s == ""', Compare("s", "==", "")),
        (r's == "say \"no\""', Compare("s", "==", 'say "no"')),
        (r's == "back\\slash"', Compare("s", "==", "back\\slash")),
        ('s == "ﬁnal é ✓ 中"', Compare("s", "==", "ﬁnal é ✓ 中")),
        ('s == "a and (b)"', Compare("s", "==", "a and (b)")),
        ('s == "line\nbreak"', Compare("s", "==", "line\nbreak")),
        ("n == 5000", Compare("n", "==", 5000)),
        ("n == -3", Compare("n", "==", -3)),
        ("n == 2.50", Compare("n", "==", Decimal("2.50"))),
        ("n > -0.001", Compare("n", ">", Decimal("-0.001"))),
        ("n == 007", Compare("n", "==", 7)),
        ("flag == true", Compare("flag", "==", True)),
        ("flag != false", Compare("flag", "!=", False)),
        ("day >= 2025-03-01", Compare("day", ">=", dt.date(2025, 3, 1))),
        # lists
        ('basis in ["un", "eu"]', Compare("basis", "in", ("un", "eu"))),
        ('basis not in ["un"]', Compare("basis", "not in", ("un",))),
        (
            'x in [1, -2.5, "s", true, 2025-01-01]',
            Compare("x", "in", (1, Decimal("-2.5"), "s", True, dt.date(2025, 1, 1))),
        ),
        ("not x in [1]", Not(Compare("x", "in", (1,)))),
        ("x not in [1] and y", AllOf([Compare("x", "not in", (1,)), Fact("y")])),
        # keywords are whole words: prefixes and suffixes are names
        ("android and order", AllOf([Fact("android"), Fact("order")])),
        ("notable or nota", AnyOf([Fact("notable"), Fact("nota")])),
        ("True", Fact("True")),
        # whitespace
        ("  a\n\tand\r\n b  ", AllOf([a, b])),
    ],
)
def test_parses_every_production(text: str, tree: Condition) -> None:
    assert parse_condition(text) == tree


def test_number_kinds_are_kept() -> None:
    whole = parse_condition("n == 5")
    fraction = parse_condition("n == 5.5")
    assert type(whole).__name__ == "Compare"
    assert isinstance(whole, Compare)
    assert isinstance(fraction, Compare)
    assert type(whole.value) is int
    assert type(fraction.value) is Decimal
    assert str(fraction) == "n == 5.5"
    # A whole number written with a fraction is that int: one spelling per value.
    integral = parse_condition("n == 5.0")
    assert isinstance(integral, Compare)
    assert type(integral.value) is int
    assert integral == whole
    assert str(integral) == "n == 5"


def test_operators_build_the_same_trees_as_the_parser() -> None:
    basis = Compare("legal_basis", "==", "bilateral")
    built = Fact("settlement_signed") & (Fact("un_mandate") | basis) & ~Fact("withdrawn")
    parsed = parse_condition(
        'settlement_signed and (un_mandate or legal_basis == "bilateral") and not withdrawn'
    )
    assert built == parsed
    assert str(built) == str(parsed)


def test_bool_and_int_literals_are_different_conditions() -> None:
    assert parse_condition("x == true") != parse_condition("x == 1")
    assert Compare("x", "in", (True,)) != Compare("x", "in", (1,))
    assert len({Compare("x", "==", True), Compare("x", "==", 1)}) == 2
    # numbers still compare by value
    assert Compare("x", "==", 1) == Compare("x", "==", Decimal("1.0"))


# --- errors and their columns ---------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "column", "expected"),
    [
        ("", 1, "a condition"),
        ("   ", 4, "a condition"),
        ("a and", 6, "a condition"),
        ("a or or b", 6, "a condition"),
        ("and a", 1, "a condition"),
        ("a b", 3, "'and', 'or' or the end"),
        ("(a", 3, "')'"),
        ("a)", 2, "'and', 'or' or the end"),
        ("()", 2, "a condition"),
        ("not", 4, "a condition"),
        ("x ==", 5, "a value"),
        ("x == y", 6, "a value"),
        ("x = 1", 3, "'=='"),
        ("x ! 1", 3, "'and', 'or' or the end"),
        ("x == 5abc", 6, "a number"),
        ("x == 1.2.3", 6, "a number"),
        ("x == 1.", 6, "a number"),
        ("x == .5", 6, "a value"),
        ("x == 2025-13-01", 6, "a date"),
        ("x == 2025-02-30", 6, "a date"),
        ('x == "open', 6, 'a closing "'),
        ('x == "a\\"', 6, 'a closing "'),
        ('x == "a\\nb"', 8, 'only \\" and \\\\'),
        ("x in 1", 6, "'['"),
        ("x in []", 7, "a value"),
        ("x in [1, ]", 10, "a value"),
        ("x in [1 2]", 9, "',' or ']'"),
        ("x in [1", 8, "',' or ']'"),
        ("x not 1", 3, "'and', 'or' or the end"),
        ("at 2 of (a)", 4, "'least'"),
        ("at least of (a)", 10, "a whole number"),
        ("at least -1 of (a)", 10, "a whole number"),
        ("at least 1.5 of (a)", 10, "a whole number"),
        ("at least 0 of (a)", 10, "a count between 1 and 1"),
        ("at least 3 of (a, b)", 10, "a count between 1 and 2"),
        ("at least 99999999999 of (a)", 10, "a count no larger"),
        ("at least 1 (a)", 12, "'of'"),
        ("at least 1 of a", 15, "'('"),
        ("at least 1 of (a b)", 18, "',' or ')'"),
        ("at least 1 of (a,)", 18, "a condition"),
        ("before", 7, "a date"),
        ("before 2025", 8, "a date"),
        ("after x", 7, "a date"),
        ("in_force", 9, "'('"),
        ("in_force(x)", 10, "a commitment id in quotes"),
        ('in_force("a b")', 10, "a commitment id"),
        ('in_force("")', 10, "a commitment id"),
        ('in_force("x"', 13, "')'"),
        ("a.b", 1, "a name"),
        ("é", 1, "a name of letters, digits and _"),
        ("x == é", 6, "a value"),
        ("1 == x", 1, "a condition"),
        ("true", 1, "a condition"),
        ("least", 1, "a condition"),
        ("a and\n  @", 9, "a condition"),
        ("flag < true", 6, "'==' or '!='"),  # booleans have no order
        ("a and x >= false", 9, "'==' or '!='"),
        ('basis == ["un", "eu"]', 10, "'in'"),  # a list needs in / not in
        ("a and x != [1]", 12, "'not in'"),
        ("x > [1, 2]", 5, "a value"),
    ],
)
def test_syntax_errors_name_the_column_and_what_was_expected(text: str, column: int, expected: str) -> None:
    with pytest.raises(ConditionSyntaxError) as caught:
        parse_condition(text)
    error = caught.value
    assert error.column == column
    assert expected in error.expected
    assert error.text == text
    assert f"at column {column}" in str(error)


@pytest.mark.parametrize(
    ("text", "hint"),
    [
        ("a AND b", "'AND' is 'and'"),
        ("a and b OR c", "'OR' is 'or'"),
        ("NOT a", "'NOT' is 'not'"),
        ("At least 2 of (a, b, c)", "'At' is 'at'"),
    ],
)
def test_keywords_not_in_lower_case_get_a_hint(text: str, hint: str) -> None:
    with pytest.raises(ConditionSyntaxError) as caught:
        parse_condition(text)
    assert (
        str(caught.value)
        .splitlines()[0]
        .endswith(f"; keywords are written in lower case ({hint}) at column {caught.value.column}")
    )
    # a name in capitals is a fact name, and no other error mentions case
    assert parse_condition("AND") == Fact("AND")
    with pytest.raises(ConditionSyntaxError) as other:
        parse_condition("a and b c")
    assert "lower case" not in str(other.value)


@pytest.mark.parametrize("text", ["émigré", "émigré == 1", "a and größe"])
def test_a_name_of_other_letters_is_not_a_fact_name(text: str) -> None:
    with pytest.raises(ConditionSyntaxError, match=r"'(émigré|größe)' is not a fact name at column"):
        parse_condition(text)


def test_syntax_error_message_shows_a_caret_under_the_column() -> None:
    with pytest.raises(ConditionSyntaxError) as caught:
        parse_condition("a and (b or")
    lines = str(caught.value).splitlines()
    assert lines[0] == "expected a condition, found end of text at column 12"
    assert lines[1] == "  a and (b or"
    assert lines[2] == "  " + " " * 11 + "^"


def test_syntax_error_is_an_accord_error_and_a_value_error() -> None:
    with pytest.raises(AccordError):
        parse_condition("a and")
    with pytest.raises(ValueError, match="expected"):
        parse_condition("a and")


def test_long_text_is_shown_as_an_excerpt_around_the_column() -> None:
    text = " and ".join(f"fact_{i}" for i in range(500)) + " and )"
    with pytest.raises(ConditionSyntaxError) as caught:
        parse_condition(text)
    error = caught.value
    assert error.column == len(text)
    excerpt, caret = str(error).splitlines()[1:]
    assert len(excerpt) < 100
    assert excerpt[caret.index("^")] == ")"


def test_parse_condition_refuses_non_strings() -> None:
    with pytest.raises(ValidationError, match="not a string"):
        parse_condition(42)  # type: ignore[arg-type]


# --- deep nesting -------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "not " * 100_000 + "a",
        "(" * 100_000 + "a" + ")" * 100_000,
        "at least 1 of (" * 100_000 + "a" + ")" * 100_000,
        "not (" * 50_000 + "a" + ")" * 50_000,
        "(" * 100_000,
    ],
    ids=["nots", "parentheses", "at-least", "mixed", "unclosed"],
)
def test_deep_nesting_is_an_accord_error_not_a_recursion_error(text: str) -> None:
    start = time.perf_counter()
    with pytest.raises(ConditionSyntaxError, match=f"deeper than {MAX_DEPTH}") as caught:
        parse_condition(text)
    assert isinstance(caught.value, AccordError)
    assert caught.value.column < 16 * MAX_DEPTH  # refused where the limit is crossed, not at the end
    assert time.perf_counter() - start < 5  # generous: catches runaway work, not a benchmark


def test_nesting_up_to_the_limit_is_accepted() -> None:
    deepest = parse_condition("not " * (MAX_DEPTH - 1) + "a")
    assert deepest.depth == MAX_DEPTH
    with pytest.raises(ConditionSyntaxError):
        parse_condition("not " * MAX_DEPTH + "a")
    parens = "(" * (MAX_DEPTH - 1) + "a" + ")" * (MAX_DEPTH - 1)
    assert parse_condition(parens) == a


def test_tree_depth_beyond_the_limit_without_deep_parentheses_is_refused() -> None:
    # Each level costs one 'not' and one '(' of nesting but two levels of tree.
    text = "a"
    for _ in range(60):
        text = f"not (b and {text})"
    with pytest.raises(ConditionSyntaxError, match="deeper than"):
        parse_condition(text)


def test_deepest_tree_round_trips() -> None:
    tree: Condition = a
    for i in range(MAX_DEPTH - 1):
        tree = Not(AllOf([Fact(f"f{i}"), tree])) if i % 2 else AnyOf([Fact(f"f{i}"), tree])
        if tree.depth == MAX_DEPTH:
            break
    assert parse_condition(str(tree)) == tree


# --- round trip ---------------------------------------------------------------------------


def _rebuilt(node: Condition) -> Condition:
    """The same tree built through the public, validating constructors."""
    if isinstance(node, AllOf):
        return AllOf([_rebuilt(i) for i in node.items])
    if isinstance(node, AnyOf):
        return AnyOf([_rebuilt(i) for i in node.items])
    if isinstance(node, AtLeast):
        return AtLeast(node.count, [_rebuilt(i) for i in node.items])
    if isinstance(node, Not):
        return Not(_rebuilt(node.item))
    return attrs.evolve(node)


@settings(max_examples=400, deadline=None)
@given(conditions(commitment_ids=("uk-troops", "us.aid:2025", "x")))
def test_round_trip(condition: Condition) -> None:
    text = str(condition)
    parsed = parse_condition(text)
    assert parsed == condition
    assert str(parsed) == text
    # The parser's trusted constructors agree with the public ones, in the fields they set
    # themselves too (tag, depth, whether msgspec writes the node as it is).
    rebuilt = _rebuilt(parsed)
    assert rebuilt == parsed
    assert [(n.kind, n.depth, n._plain) for n in walk(rebuilt)] == [
        (n.kind, n.depth, n._plain) for n in walk(parsed)
    ]
    assert [type(n) for n in walk(rebuilt)] == [type(n) for n in walk(parsed)]


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet='ab()notrx=<>!"\\,[]1-. 2025', max_size=30))
def test_any_text_parses_or_raises_a_syntax_error(text: str) -> None:
    problem: ConditionSyntaxError | None = None
    try:
        parsed = parse_condition(text)
    except ConditionSyntaxError as error:
        problem = error
    if problem is None:
        assert parse_condition(str(parsed)) == parsed
    else:
        assert 1 <= problem.column <= len(text) + 1
        assert problem.expected


# --- numbers: one spelling per value, and a bounded length ---------------------------------


@pytest.mark.parametrize(
    ("value", "same"),
    [
        (Decimal("1.5"), Decimal("1.50")),
        (Decimal("1.5"), Decimal("15E-1")),
        (1, Decimal("1.0")),
        (100, Decimal("1E+2")),
        (0, Decimal("-0.000")),
        (Decimal("-0.25"), Decimal("-0.2500")),
        (Decimal("0.001"), Decimal("1E-3")),
    ],
)
def test_equal_numbers_have_one_spelling(value: object, same: object) -> None:
    first, second = Compare("x", "==", value), Compare("x", "==", same)  # type: ignore[arg-type]
    assert first == second
    assert hash(first) == hash(second)
    assert str(first) == str(second)
    assert repr(first) == repr(second)
    assert dumps(first) == dumps(second)
    assert parse_condition(str(second)) == second
    assert Compare("x", "in", [value]) == Compare("x", "in", (same,))  # type: ignore[list-item]
    assert str(Compare("x", "in", [value])) == str(Compare("x", "in", [same]))  # type: ignore[list-item]
    for text in (f"x == {format(same, 'f')}", f"x in [{format(same, 'f')}]"):
        parsed = parse_condition(text)
        assert str(parsed) == str(Compare("x", parsed.op, parsed.value))  # type: ignore[union-attr]


def _compare_json(decimal: str) -> str:
    document = {"fact": "x", "op": "==", "value": {"decimal": decimal}, "kind": "compare"}
    return json.dumps({"accord_format_version": FORMAT_VERSION, **document})


def test_normalised_decimals_keep_their_exact_value() -> None:
    long = Decimal("1." + "0" * 40 + "1")  # more digits than the default decimal context keeps
    assert Compare("x", "==", long).value == long
    assert Compare("x", "==", Decimal("2.500")).value == Decimal("2.5")
    loaded = loads(_compare_json("2.50"), Compare)
    assert str(loaded) == "x == 2.5"


@settings(max_examples=200, deadline=None)
@given(st.decimals(allow_nan=False, allow_infinity=False, min_value=-(10**6), max_value=10**6))
def test_numbers_round_trip_through_their_canonical_text(value: Decimal) -> None:
    built = Compare("x", "<", value)
    again = Compare("x", "<", built.value)  # normalising is idempotent
    assert repr(again) == repr(built)
    assert built.value == value
    parsed = parse_condition(str(built))
    assert parsed == built
    assert repr(parsed) == repr(built)


@pytest.mark.parametrize(
    "value",
    [
        10**5000,
        -(10**MAX_DIGITS),
        10**MAX_DIGITS,
        Decimal("1e100000"),
        Decimal("1e-100000"),
        Decimal("1e300"),
    ],
    ids=["int-5000", "int-minus-301", "int-301", "decimal-big", "decimal-tiny", "decimal-301"],
)
def test_numbers_too_long_to_print_are_refused(value: object) -> None:
    with pytest.raises(ValidationError, match=r"Compare\.value: .*more than 300 digits"):
        Compare("x", "==", value)  # type: ignore[arg-type]
    with pytest.raises(ValidationError, match=r"Compare\.value\[1\]: .*more than 300 digits"):
        Compare("x", "in", [1, value])  # type: ignore[list-item]
    with pytest.raises(ValidationError, match="more than 300 digits"):
        Compare("x", "not in", {1, value})  # type: ignore[arg-type]


def test_the_longest_numbers_are_accepted_and_print() -> None:
    for value in (
        10**MAX_DIGITS - 1,
        -(10**MAX_DIGITS - 1),
        Decimal("1e-300"),
        Decimal("9" * 300 + "." + "9" * 300),
    ):
        built = Compare("x", "==", value)
        assert parse_condition(str(built)) == built
        assert loads(dumps(built), Compare) == built


def test_a_refused_number_shows_a_short_value() -> None:
    with pytest.raises(ValidationError) as caught:
        Compare("x", "==", 10**5000)
    assert len(str(caught.value)) < 200
    with pytest.raises(ValidationError) as caught:
        Compare("x", "==", 10**1000)
    assert "1000000000" in str(caught.value)
    assert len(str(caught.value)) < 200


def test_numbers_too_long_are_refused_when_loading() -> None:
    for number in ("1e100000", "1e300", "1e-301"):
        with pytest.raises(ValidationError, match="more than 300 digits|beyond 1e±300"):
            loads(_compare_json(number), Compare)


@pytest.mark.parametrize(
    "text",
    [
        "x == 1" + "0" * 300,
        "x == -1" + "0" * 300,
        "x == 1" + "0" * 5000,
        "x in [1, 1" + "0" * 300 + "]",
        "x == 0." + "0" * 300 + "1",
        "x == 1" + "0" * 300 + ".5",
        "x > 1" + "0" * 300 + ".0",
    ],
)
def test_number_tokens_too_long_are_syntax_errors(text: str) -> None:
    with pytest.raises(ConditionSyntaxError, match="number too long") as caught:
        parse_condition(text)
    start = caught.value.column - 1
    assert text[start] in "-01"  # points at the long number
    assert text[start - 1] in " ,"


def test_number_tokens_up_to_the_limit_parse() -> None:
    assert parse_condition("x == " + "9" * 300) == Compare("x", "==", 10**300 - 1)
    assert parse_condition("x == 0." + "0" * 299 + "1") == Compare("x", "==", Decimal("1e-300"))
    assert parse_condition("x == 1." + "0" * 5000) == Compare("x", "==", 1)


# --- leaves parsed before are shared, never confused ---------------------------------------


_LEAF_TEXTS = [
    "x == 1",
    "x == 1.0",
    'x == "1"',
    "x == true",
    "x != 1",
    "x in [1, 2]",
    'x in ["1", 2]',
    "x not in [1, 2]",
    "x in [1, 2] and y",
    "x in [1, 2",
    "x in [1 2]",
    "x == 1 y",
    "x ==",
    "x == 5abc",
    "y",
    "y in [1]",
    "y not in [1]",
    "y not",
    "before 2025-01-01",
    "after 2025-01-01",
    "before 2025-13-01",
    "not y and (x == 1 or at least 1 of (y, x in [1, 2]))",
]


def _outcome(text: str) -> object:
    try:
        parsed = parse_condition(text)
    except ConditionSyntaxError as error:
        return ("error", str(error), error.column, error.expected)
    return ("parsed", parsed, str(parsed), repr(parsed))


def test_a_leaf_seen_before_parses_and_fails_exactly_as_the_first_time() -> None:
    from accord import _condition_parser

    _condition_parser._LEAVES.clear()
    cold = [_outcome(text) for text in _LEAF_TEXTS]
    warm = [_outcome(text) for text in _LEAF_TEXTS]
    backwards = [_outcome(text) for text in reversed(_LEAF_TEXTS)][::-1]
    assert cold == warm == backwards
    # distinct texts stay distinct conditions
    parsed = [o[1] for o in cold if o[0] == "parsed"]
    assert len(parsed) == len({str(p) for p in parsed}) + 1  # only 1.0 and 1 are the same value


@settings(max_examples=200, deadline=None)
@given(st.lists(st.text(alphabet='ab()notrx=<>!"\\,[]1-. 2025', max_size=20), min_size=1, max_size=5))
def test_the_leaf_memory_never_changes_an_outcome(texts: list[str]) -> None:
    from accord import _condition_parser

    warm = [_outcome(text) for text in texts]
    _condition_parser._LEAVES.clear()
    cold = [_outcome(text) for text in texts]
    assert cold == warm


def test_the_leaf_memory_is_bounded() -> None:
    from accord import _condition_parser

    for i in range(_condition_parser._MAX_LEAVES + 10):
        parse_condition(f"x == {i} and f{i} and g in [{i}]")
        assert len(_condition_parser._LEAVES) <= _condition_parser._MAX_LEAVES
    long_list = "x in [" + ", ".join(map(str, range(100))) + "]"
    assert parse_condition(long_list) == Compare("x", "in", tuple(range(100)))
    assert parse_condition(long_list) == Compare("x", "in", tuple(range(100)))


def test_long_leaves_are_not_remembered() -> None:
    from accord import _condition_parser

    _condition_parser._LEAVES.clear()
    long_value = "a" * 10_000
    long_name = "f" * 10_000
    assert parse_condition(f'x == "{long_value}"') == Compare("x", "==", long_value)
    assert parse_condition(long_name) == Fact(long_name)
    assert parse_condition(f'x in ["{long_value}"]') == Compare("x", "in", (long_value,))
    assert _condition_parser._LEAVES == {}
    parse_condition('x == "short" and y in ["a"] and z')
    assert len(_condition_parser._LEAVES) == 3


def test_a_lone_surrogate_in_a_string_is_a_syntax_error_at_its_column() -> None:
    for text, column in (('x == "a\ud800"', 8), ('x in ["ok", "\udc00"]', 14), ('x != "\\\\\ud800"', 9)):
        with pytest.raises(ConditionSyntaxError) as caught:
            parse_condition(text)
        assert caught.value.column == column, text
        assert "lone UTF-16 surrogate" in str(caught.value)
        # the message can be logged or sent as UTF-8: the excerpt shows U+FFFD in the character's place
        message = str(caught.value)
        message.encode("utf-8")
        excerpt, caret = message.splitlines()[1:]
        assert excerpt[caret.index("^")] == "\ufffd"
    assert parse_condition('x == "café"') == Compare("x", "==", "café")


def test_a_list_with_an_operator_of_one_value_says_which_operator_takes_lists() -> None:
    # "is not a bool, number, string or date" (showing a Python tuple) hid the real mistake
    with pytest.raises(
        ConditionSyntaxError,
        match=r"^'==' compares with one value, not a list; to compare with a list use 'in' at column 10",
    ):
        parse_condition('basis == ["un", "eu"]')
    for op, hint in (
        ("==", "; to compare with a list use 'in'"),
        ("!=", "; to compare with a list use 'not in'"),
        (">", ""),
    ):
        message = f"Compare.value: {op!r} compares with one value, got a list ['un', 'eu']{hint}"
        with pytest.raises(ValidationError) as caught:
            Compare("basis", op, ["un", "eu"])
        assert str(caught.value) == message
        document = {
            "accord_format_version": 1,
            "kind": "compare",
            "fact": "basis",
            "op": op,
            "value": ["un", "eu"],
        }
        for fast in ("1", "0"):
            with pytest.MonkeyPatch.context() as patch:
                patch.setenv("ACCORD_FAST", fast)
                with pytest.raises(ValidationError) as caught:
                    accord.loads(json.dumps(document), Condition)
            assert str(caught.value) == message
