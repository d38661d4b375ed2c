"""Tokenizer and recursive-descent parser for the condition language.

The grammar (DESIGN.md; precedence ``not`` > ``and`` > ``or``)::

    expr        := or
    or          := and ("or" and)*
    and         := not ("and" not)*
    not         := "not" not | atom
    atom        := "(" expr ")" | at_least | time | in_force | comparison | NAME
    at_least    := "at least" INT "of" "(" expr ("," expr)* ")"
    time        := ("before" | "after") DATE
    in_force    := "in_force" "(" STRING ")"
    comparison  := NAME OP value | NAME ("in" | "not in") "[" value ("," value)* "]"
    value       := STRING | NUMBER | "true" | "false" | DATE

Work is linear in the length of the text: one regular-expression pass makes
the tokens, and the parser never backtracks. Nesting (parentheses, ``not``,
``at least``) deeper than :data:`~accord.conditions.MAX_DEPTH` is refused as
soon as it is seen, so the recursion stays shallow whatever the input.

The parser builds nodes through trusted constructors that skip the public
validators: every check those validators make (names, keywords, value types,
flattening, at least two items, depth) is made here, on the tokens, and the
test suite compares parsed trees with trees built through the public
constructors.
"""

import datetime as dt
import re
from decimal import Decimal
from typing import Any, NoReturn

from accord._ids import check_id
from accord.conditions import (
    KEYWORDS,
    MAX_DEPTH,
    After,
    AllOf,
    AnyOf,
    AtLeast,
    Before,
    Compare,
    Condition,
    Fact,
    InForce,
    Not,
    Value,
)
from accord.errors import ConditionSyntaxError, ValidationError

__all__ = ["parse"]

_TOKEN = re.compile(
    r"""\s*(?:
      (?P<DATE>\d{4}-\d{2}-\d{2})
    | (?P<NUMBER>-?\d+(?:\.\d+)?)
    | (?P<NAME>[A-Za-z_][A-Za-z0-9_]*)
    | (?P<STRING>"(?:[^"\\]|\\.)*")
    | (?P<OP>[=!<>]=|[<>])
    | (?P<PUNCT>[()\[\],])
    | (?P<END>\Z)
    | (?P<ERROR>.)
    )""",
    re.VERBOSE | re.DOTALL,
)
_ESCAPE = re.compile(r"\\(.)", re.DOTALL)
_DIGITS = re.compile(r"\d+\Z")
_NUMBER_AFTER = re.compile(r"[A-Za-z0-9_.]")

# Tokens are kept in three parallel lists: kind, text, 0-based start.
_VALUE_START = frozenset({"STRING", "NUMBER", "DATE"})

_new = object.__new__
_set = object.__setattr__


def _fact(name: str) -> Fact:
    node: Fact = _new(Fact)
    _set(node, "name", name)
    _set(node, "depth", 1)
    return node


def _compare(fact: str, op: str, value: Value | tuple[Value, ...]) -> Compare:
    node: Compare = _new(Compare)
    _set(node, "fact", fact)
    _set(node, "op", op)
    _set(node, "value", value)
    _set(node, "depth", 1)
    return node


def _describe(kind: str, text: str) -> str:
    if kind == "END":
        return "end of text"
    if kind == "STRING":
        return f"string {text[:30]}" + ("…" if len(text) > 30 else "")
    if kind == "NAME" and text in KEYWORDS:
        return f"keyword {text!r}"
    return f"{text[:30]!r}"


class _Parser:
    __slots__ = ("i", "kinds", "nesting", "starts", "text", "texts")

    def __init__(self, text: str) -> None:
        self.text = text
        kinds: list[str] = []
        texts: list[str] = []
        starts: list[int] = []
        for match in _TOKEN.finditer(text):
            kind: str = match.lastgroup  # type: ignore[assignment]
            start = match.start(kind)
            if kind == "ERROR":
                self._bad_character(start)
            kinds.append(kind)
            texts.append(match.group(kind))
            starts.append(start)
            if kind == "END":
                break
        self.kinds = kinds
        self.texts = texts
        self.starts = starts
        self.i = 0
        self.nesting = 0

    # --- errors -----------------------------------------------------------------

    def _fail(self, message: str, start: int, expected: str = "") -> NoReturn:
        raise ConditionSyntaxError(message, text=self.text, column=start + 1, expected=expected)

    def _bad_character(self, start: int) -> NoReturn:
        char = self.text[start]
        if char == '"':
            self._fail("unterminated string", start, 'a closing "')
        if char == "=":
            self._fail("single '=' is not an operator", start, "'==' to compare")
        self._fail(f"unexpected character {char!r}", start, "a condition")

    def _expected(self, expected: str) -> NoReturn:
        i = self.i
        found = _describe(self.kinds[i], self.texts[i])
        self._fail(f"expected {expected}, found {found}", self.starts[i], expected)

    def _enter(self, start: int) -> None:
        self.nesting += 1
        if self.nesting >= MAX_DEPTH:
            self._fail(f"condition nested deeper than {MAX_DEPTH} levels", start, "less nesting")

    def _check_depth(self, depth: int, start: int) -> int:
        if depth > MAX_DEPTH:
            self._fail(f"condition nested deeper than {MAX_DEPTH} levels", start, "less nesting")
        return depth

    # --- token helpers ---------------------------------------------------------------

    def _keyword(self, word: str) -> bool:
        i = self.i
        if self.kinds[i] == "NAME" and self.texts[i] == word:
            self.i = i + 1
            return True
        return False

    def _punct(self, char: str) -> bool:
        i = self.i
        if self.kinds[i] == "PUNCT" and self.texts[i] == char:
            self.i = i + 1
            return True
        return False

    def _expect_punct(self, char: str) -> None:
        if not self._punct(char):
            self._expected(f"'{char}'")

    # --- grammar -------------------------------------------------------------------

    def parse(self) -> Condition:
        node = self._or()
        if self.kinds[self.i] != "END":
            self._expected("'and', 'or' or the end of the condition")
        return node

    def _or(self) -> Condition:
        start = self.starts[self.i]
        first = self._and()
        if not (self.kinds[self.i] == "NAME" and self.texts[self.i] == "or"):
            return first
        items: list[Any] = []
        depth = 0
        node: Condition = first
        while True:
            if type(node) is AnyOf:
                items.extend(node.items)
            else:
                items.append(node)
            if node.depth > depth:
                depth = node.depth
            if not self._keyword("or"):
                break
            node = self._and()
        result: AnyOf = _new(AnyOf)
        _set(result, "items", tuple(items))
        _set(result, "depth", self._check_depth(depth + 1, start))
        return result

    def _and(self) -> Condition:
        start = self.starts[self.i]
        first = self._not()
        if not (self.kinds[self.i] == "NAME" and self.texts[self.i] == "and"):
            return first
        items: list[Any] = []
        depth = 0
        node: Condition = first
        while True:
            if type(node) is AllOf:
                items.extend(node.items)
            else:
                items.append(node)
            if node.depth > depth:
                depth = node.depth
            if not self._keyword("and"):
                break
            node = self._not()
        result: AllOf = _new(AllOf)
        _set(result, "items", tuple(items))
        _set(result, "depth", self._check_depth(depth + 1, start))
        return result

    def _not(self) -> Condition:
        starts: list[int] = []
        nesting = self.nesting
        while self.kinds[self.i] == "NAME" and self.texts[self.i] == "not":
            start = self.starts[self.i]
            self._enter(start)
            starts.append(start)
            self.i += 1
        node = self._atom()
        for start in reversed(starts):
            wrapped: Not = _new(Not)
            _set(wrapped, "item", node)
            _set(wrapped, "depth", self._check_depth(node.depth + 1, start))
            node = wrapped
        self.nesting = nesting
        return node

    def _atom(self) -> Condition:
        i = self.i
        kind, text, start = self.kinds[i], self.texts[i], self.starts[i]
        if kind == "NAME":
            if text not in KEYWORDS:
                self.i = i + 1
                return self._after_name(text)
            if text == "at":
                return self._at_least()
            if text in ("before", "after"):
                return self._time(text)
            if text == "in_force":
                return self._in_force()
        elif kind == "PUNCT" and text == "(":
            self._enter(start)
            self.i = i + 1
            node = self._or()
            self._expect_punct(")")
            self.nesting -= 1
            return node
        return self._expected("a condition")

    def _after_name(self, name: str) -> Condition:
        i = self.i
        kind, text = self.kinds[i], self.texts[i]
        if kind == "OP":
            self.i = i + 1
            return _compare(name, text, self._value())
        if kind == "NAME":
            if text == "in":
                self.i = i + 1
                return _compare(name, "in", self._list())
            if text == "not" and self.kinds[i + 1] == "NAME" and self.texts[i + 1] == "in":
                self.i = i + 2
                return _compare(name, "not in", self._list())
        return _fact(name)

    def _list(self) -> tuple[Value, ...]:
        self._expect_punct("[")
        values = [self._value()]
        while self._punct(","):
            values.append(self._value())
        self._expect_punct("]")
        return tuple(values)

    def _value(self) -> Value:
        i = self.i
        kind, text, start = self.kinds[i], self.texts[i], self.starts[i]
        if kind == "STRING":
            self.i = i + 1
            return self._string(text, start)
        if kind == "NUMBER":
            self.i = i + 1
            return self._number(text, start)
        if kind == "DATE":
            self.i = i + 1
            return self._date(text, start)
        if kind == "NAME":
            if text == "true":
                self.i = i + 1
                return True
            if text == "false":
                self.i = i + 1
                return False
        return self._expected("a value (string, number, true, false or date)")

    def _string(self, text: str, start: int) -> str:
        body = text[1:-1]
        if "\\" not in body:
            return body

        def unescape(match: re.Match[str]) -> str:
            char = match.group(1)
            if char not in '"\\':
                self._fail(f"unknown escape \\{char}", start + 1 + match.start(), 'only \\" and \\\\')
            return char

        return _ESCAPE.sub(unescape, body)

    def _number(self, text: str, start: int) -> int | Decimal:
        self._check_number_end(start + len(text))
        if "." not in text:
            try:
                return int(text)
            except ValueError:  # more digits than int() accepts
                self._fail("number too long", start, "a shorter number")
        return Decimal(text)  # the '.' gives it a fraction, so it stays a Decimal

    def _check_number_end(self, end: int) -> None:
        # "5x" or "1.2.3" would otherwise read as two tokens; refuse them here.
        if end < len(self.text) and _NUMBER_AFTER.match(self.text, end):
            self._fail("malformed number", end, "a space or operator after the number")

    def _date(self, text: str, start: int) -> dt.date:
        self._check_number_end(start + len(text))
        try:
            return dt.date.fromisoformat(text)
        except ValueError:
            self._fail(f"{text} is not a valid date", start, "a date YYYY-MM-DD")

    def _int(self) -> int:
        i = self.i
        if self.kinds[i] != "NUMBER" or not _DIGITS.match(self.texts[i]):
            self._expected("a whole number")
        self.i = i + 1
        return self._number(self.texts[i], self.starts[i])  # type: ignore[return-value]

    def _at_least(self) -> Condition:
        start = self.starts[self.i]
        self.i += 1
        if not self._keyword("least"):
            self._expected("'least' (as in 'at least 2 of (…)')")
        count_start = self.starts[self.i]
        count = self._int()
        if not self._keyword("of"):
            self._expected("'of'")
        self._expect_punct("(")
        self._enter(start)
        items = [self._or()]
        while self._punct(","):
            items.append(self._or())
        self._expect_punct(")")
        self.nesting -= 1
        if not 1 <= count <= len(items):
            self._fail(
                f"'at least {count}' of {len(items)} condition(s)",
                count_start,
                f"a count between 1 and {len(items)}",
            )
        node: AtLeast = _new(AtLeast)
        _set(node, "count", count)
        _set(node, "items", tuple(items))
        _set(node, "depth", self._check_depth(max(item.depth for item in items) + 1, start))
        return node

    def _time(self, word: str) -> Condition:
        self.i += 1
        i = self.i
        if self.kinds[i] != "DATE":
            self._expected("a date YYYY-MM-DD")
        self.i = i + 1
        day = self._date(self.texts[i], self.starts[i])
        return Before(day) if word == "before" else After(day)

    def _in_force(self) -> Condition:
        self.i += 1
        self._expect_punct("(")
        i = self.i
        if self.kinds[i] != "STRING":
            self._expected('a commitment id in quotes, e.g. in_force("uk-troops")')
        ref = self._string(self.texts[i], self.starts[i])
        problem = check_id(ref, "in_force")
        if problem:
            self._fail(problem, self.starts[i], "a commitment id")
        self.i = i + 1
        self._expect_punct(")")
        return InForce(ref)


def parse(text: str) -> Condition:
    if not isinstance(text, str):
        raise ValidationError(f"parse_condition: {text!r:.60} is not a string")
    return _Parser(text).parse()
