"""Tokenizer and parser for the condition language.

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

How it stays fast and bounded:

- One ``re.findall`` pass splits the text into token strings (whitespace is
  skipped, every other character lands in some token). Tokens are classified
  by their first character when the parser reaches them; token columns are
  only computed again when there is an error to report.
- :meth:`_Parser.parse` is one loop with an explicit stack of open
  parentheses and ``at least``s: nothing recurses, nesting (parentheses,
  ``not``, ``at least``) deeper than :data:`~accord.conditions.MAX_DEPTH` is
  refused as soon as it is seen, and work is linear in the length of the text.
- Leaves are remembered: conditions repeat the same few facts and
  comparisons, so each leaf parsed is kept (bounded, keyed by its tokens) and
  shared by the conditions parsed later. Nodes are immutable, so sharing is
  invisible, and it also saves memory and garbage-collector work.
- Nodes are built through trusted constructors that skip the public
  validators: every check those make (names, keywords, value types,
  flattening, at least two items, depth) is made here on the tokens, the
  fields the constructors set themselves (``kind``, ``_depth``, ``_plain``)
  are set here too, and the test suite compares parsed trees with trees
  built the public way.
"""

import datetime as dt
import operator
import re
import sys
from decimal import Decimal
from typing import Any, NoReturn

from accord._ids import check_id
from accord._validation import LONE_SURROGATE
from accord.conditions import (
    _BOOLEAN_ORDER,
    KEYWORDS,
    MAX_DEPTH,
    MAX_DIGITS,
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
    _literal_is_plain,
    _normalise_value,
    _number_problem,
)
from accord.errors import ConditionSyntaxError, ValidationError

__all__ = ["parse"]

_SPLIT = re.compile(
    r"""
      [^\s()\[\],=!<>"]++        # a word: name, keyword, number or date (the commonest token)
    | [()\[\],]                  # punctuation
    | [=!<>]=?                   # an operator, or a lone '=' or '!' to report
    | "(?:[^"\\]|\\.)*+"         # a complete string
    | \S                         # anything else: a lone quote
    """,
    re.VERBOSE | re.DOTALL,
)
_NUMBER = re.compile(r"-?[0-9]+(?:\.[0-9]+)?\Z")
_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}\Z")
_ESCAPE = re.compile(r"\\(.)", re.DOTALL)
# Each operator token maps to one shared string, which the nodes keep.
_OPERATORS = {op: op for op in ("==", "!=", "<", "<=", ">", ">=")}
_NAME_START = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz_")
_END = ""  # appended after the last token

# Leaves already parsed, shared by the conditions parsed later (nodes are
# immutable, so sharing them is invisible; like the re module's own cache of
# patterns, this is a memo, not state). Keys are token strings or tuples: a
# fact's name for its Fact, (name, operator, value token) for a comparison, the
# tokens from the name to the closing ']' for an in-list, (before|after, date
# token) for a time condition. Bounded: emptied when full.
_LEAVES: dict[object, Any] = {}
_MAX_LEAVES = 16_384  # of at most _MAX_KEY_CHARS characters each: a few megabytes
_MAX_KEY_TOKENS = 64  # longer in-lists are not remembered


_MAX_KEY_CHARS = 256  # leaves with longer names or values are not remembered


def _remember(key: object, node: object, size: int) -> None:
    if size > _MAX_KEY_CHARS:
        return
    if len(_LEAVES) >= _MAX_LEAVES:
        _LEAVES.clear()
    _LEAVES[key] = node


_depth = operator.attrgetter("_depth")
_plain = operator.attrgetter("_plain")
_new = object.__new__
_set = object.__setattr__


def _describe(token: str) -> str:
    if token == _END:
        return "end of text"
    if token in KEYWORDS:
        return f"keyword {token!r}"
    return repr(token[:30]) + ("…" if len(token) > 30 else "")


class _Parser:
    __slots__ = ("text", "tokens")

    def __init__(self, text: str) -> None:
        self.text = text
        self.tokens: list[str] = _SPLIT.findall(text)
        self.tokens += (_END, _END)  # the parser looks one token past the end

    # --- errors ---------------------------------------------------------------------

    def column(self, i: int) -> int:
        """1-based column of token *i* (computed only when reporting an error)."""
        for n, match in enumerate(_SPLIT.finditer(self.text)):
            if n == i:
                return match.start() + 1
        return len(self.text) + 1

    def fail(self, message: str, i: int, expected: str, offset: int = 0) -> NoReturn:
        column = self.column(i) + offset
        raise ConditionSyntaxError(message, text=self.text, column=column, expected=expected)

    def expected(self, expected: str, i: int) -> NoReturn:
        token = self.tokens[i]
        if token == "=":
            self.fail("single '=' is not an operator", i, "'==' to compare")
        if token.startswith('"') and (len(token) == 1 or not token.endswith('"')):
            self.fail("unterminated string", i, 'a closing "')
        self.fail(f"expected {expected}, found {_describe(token)}{self.case_hint(i)}", i, expected)

    def case_hint(self, i: int) -> str:
        """A hint when token *i*, or the one before it ("NOT a"), is a keyword not in lower case."""
        for token in (self.tokens[i], self.tokens[i - 1] if i else ""):
            lower = token.lower()
            if lower != token and lower in KEYWORDS:
                return f"; keywords are written in lower case ({token!r} is {lower!r})"
        return ""

    def too_deep(self, i: int) -> NoReturn:
        self.fail(f"condition nested deeper than {MAX_DEPTH} levels", i, "less nesting")

    # --- grammar --------------------------------------------------------------------

    def parse(self) -> Condition:
        """The whole text as one condition, by one loop over the tokens.

        The loop alternates between reading an operand (``not``s, then a leaf,
        or an opening ``(`` / ``at least … of (``, which pushes a frame) and
        reading what follows it: ``and`` and ``or`` collect items, and ``)``,
        ``,`` or the end close the groups and frames they end. Nothing
        recurses, so the only bound needed is :data:`MAX_DEPTH` on nesting.
        """
        tokens = self.tokens
        leaves = _LEAVES
        frames: list[tuple[Any, ...]] = []
        alternatives: list[Any] | None = None  # the or-items of the innermost expression
        items: list[Any] | None = None  # the and-items of its current group
        members: list[Any] | None = None  # the items of the innermost 'at least'
        first = group_start = 0  # where that expression, and that group, start
        nesting = 0  # open parentheses, 'at least's and the 'not's before them
        i = 0
        while True:
            # --- an operand: 'not's, then an atom or an opening -------------------------
            token = tokens[i]
            nots = not_at = 0
            if token == "not":
                not_at = i
                while token == "not":
                    nots += 1
                    if nesting + nots >= MAX_DEPTH:
                        self.too_deep(i)
                    i += 1
                    token = tokens[i]
            if token == "(":
                if nesting + nots + 1 >= MAX_DEPTH:
                    self.too_deep(i)
                frames.append(("(", alternatives, items, members, nots, not_at, first, group_start, nesting))
                nesting += nots + 1
                alternatives = items = None
                i += 1
                first = group_start = i
                continue
            if token == "at":
                count = self.at_least_count(i, nesting + nots)
                opened = (count, alternatives, items, members, nots, not_at, first, group_start, nesting, i)
                frames.append(opened)
                nesting += nots + 1
                alternatives = items = None
                members = []
                i += 5
                first = group_start = i
                continue
            following = tokens[i + 1]
            node: Any
            if following in _OPERATORS:
                key = (token, following, tokens[i + 2])
                node = leaves.get(key) or self.compare(key, i)
                if node is None:
                    node, i = self.atom(i)
                else:
                    i += 3
            elif following != "in" and following != "not":
                node = leaves.get(token)
                if node is None:
                    node, i = self.atom(i)
                else:
                    i += 1
            else:
                node, i = self.atom(i)
            if nots:
                node = self.negate(node, nots, not_at)

            # --- what follows it: 'and', 'or', or the end of groups and frames ----------
            while True:
                token = tokens[i]
                if token == "and":
                    if items is None:
                        items = []
                    if type(node) is AllOf:
                        items.extend(node.items)
                    else:
                        items.append(node)
                    i += 1
                    break
                if items is not None:
                    if type(node) is AllOf:
                        items.extend(node.items)
                    else:
                        items.append(node)
                    node = self.group(AllOf, items, group_start)
                    items = None
                if token == "or":
                    if alternatives is None:
                        alternatives = []
                    if type(node) is AnyOf:
                        alternatives.extend(node.items)
                    else:
                        alternatives.append(node)
                    i += 1
                    group_start = i
                    break
                if alternatives is not None:
                    if type(node) is AnyOf:
                        alternatives.extend(node.items)
                    else:
                        alternatives.append(node)
                    node = self.group(AnyOf, alternatives, first)
                    alternatives = None
                if not frames:
                    if token != _END:
                        self.expected("'and', 'or' or the end of the condition", i)
                    return node  # type: ignore[no-any-return]
                frame = frames[-1]
                if frame[0] == "(":
                    if token != ")":
                        self.expected("')'", i)
                else:  # an 'at least' frame
                    members.append(node)  # type: ignore[union-attr]
                    if token == ",":
                        i += 1
                        first = group_start = i
                        break
                    if token != ")":
                        self.expected("',' or ')'", i)
                    node = self.at_least(frame[0], members, frame[9])  # type: ignore[arg-type]
                frames.pop()
                _, alternatives, items, members, nots, not_at, first, group_start, nesting = frame[:9]
                if nots:
                    node = self.negate(node, nots, not_at)
                i += 1

    def negate(self, node: Any, nots: int, i: int) -> Any:
        for _ in range(nots):
            if node._depth >= MAX_DEPTH:
                self.too_deep(i)
            wrapped: Not = _new(Not)
            _set(wrapped, "item", node)
            _set(wrapped, "kind", "not")
            _set(wrapped, "_depth", node._depth + 1)
            _set(wrapped, "_plain", node._plain)
            node = wrapped
        return node

    def group(self, cls: type[AllOf] | type[AnyOf], items: list[Any], i: int) -> Any:
        depth = max(map(_depth, items)) + 1
        if depth > MAX_DEPTH:
            self.too_deep(i)
        node = _new(cls)
        _set(node, "items", tuple(items))
        _set(node, "kind", "all_of" if cls is AllOf else "any_of")
        _set(node, "_depth", depth)
        _set(node, "_plain", all(map(_plain, items)))
        return node

    def atom(self, i: int) -> tuple[Condition, int]:
        """Any atom but a parenthesised expression and 'at least', which :meth:`parse` opens."""
        token = self.tokens[i]
        if token[:1] in _NAME_START or token.isidentifier():  # "émigré": told it is no fact name
            if token not in KEYWORDS:
                return self.comparison(token, i)
            if token == "before" or token == "after":
                return self.time(token, i)
            if token == "in_force":
                return self.in_force(i)
        return self.expected("a condition", i)

    def compare(self, key: tuple[str, str, str], i: int) -> Compare | None:
        """``name OP value`` (*key*) at token *i*, remembered; None when *name* is not a fact name."""
        name, op, literal = key
        if name in KEYWORDS or not (name.isidentifier() and name.isascii()):
            return None
        if (
            len(literal) > 1
            and literal[0] == '"' == literal[-1]
            and "\\" not in literal
            and literal.isascii()
        ):
            value: Any = literal[1:-1]
        elif (literal.isdigit() or (literal[:1] == "-" and literal[1:].isdigit())) and (
            literal.isascii() and len(literal) <= MAX_DIGITS
        ):
            value = int(literal)
        else:
            if literal == "[":
                use = "in" if op == "==" else "not in" if op == "!=" else None
                hint = f"; to compare with a list use {use!r}" if use else ""
                self.fail(f"{op!r} compares with one value, not a list{hint}", i + 2, repr(use or "a value"))
            value = self.value(i + 2)
            if value.__class__ is bool and op != "==" and op != "!=":
                self.fail(f"{op!r} with {literal}: {_BOOLEAN_ORDER}", i + 1, "'==' or '!='")
        node: Compare = _new(Compare)
        _set(node, "fact", sys.intern(name))
        _set(node, "op", _OPERATORS[op])
        _set(node, "value", value)
        _set(node, "kind", "compare")
        _set(node, "_depth", 1)
        _set(node, "_plain", _literal_is_plain(node))
        _remember(key, node, len(name) + len(literal))
        return node

    def comparison(self, name: str, i: int) -> tuple[Condition, int]:
        if not (name.isidentifier() and name.isascii()):
            self.fail(f"{name[:30]!r} is not a fact name", i, "a name of letters, digits and _")
        token = self.tokens[i + 1]
        if token in _OPERATORS:
            return self.compare((name, token, self.tokens[i + 2]), i), i + 3  # type: ignore[return-value]
        if token == "in" or (token == "not" and self.tokens[i + 2] == "in"):
            return self.membership(name, token, i)
        node: Any = _new(Fact)
        _set(node, "name", sys.intern(name))
        _set(node, "kind", "fact")
        _set(node, "_depth", 1)
        _set(node, "_plain", True)
        _remember(name, node, len(name))
        return node, i + 1

    def membership(self, name: str, word: str, i: int) -> tuple[Condition, int]:
        """``name in [...]`` or ``name not in [...]`` at token *i*, remembered as a leaf when short."""
        tokens = self.tokens
        try:
            end = tokens.index("]", i) + 1  # a list ends at the first ']'
        except ValueError:
            end = 0
        key = tuple(tokens[i:end]) if 0 < end - i <= _MAX_KEY_TOKENS else None
        if key is not None:
            node = _LEAVES.get(key)
            if node is not None:
                return node, end
        if word == "in":
            value, i = self.values(i + 2)
            op = "in"
        else:
            value, i = self.values(i + 3)
            op = "not in"
        node = _new(Compare)
        _set(node, "fact", sys.intern(name))
        _set(node, "op", op)
        _set(node, "value", value)
        _set(node, "kind", "compare")
        _set(node, "_depth", 1)
        _set(node, "_plain", _literal_is_plain(node))
        if key is not None and i == end:
            _remember(key, node, sum(map(len, key)))
        return node, i

    def values(self, i: int) -> tuple[tuple[Value, ...], int]:
        tokens = self.tokens
        if tokens[i] != "[":
            self.expected("'['", i)
        found = [self.value(i + 1)]
        i += 2
        while tokens[i] == ",":
            found.append(self.value(i + 1))
            i += 2
        if tokens[i] != "]":
            self.expected("',' or ']'", i)
        return tuple(found), i + 1

    def value(self, i: int) -> Value:
        token = self.tokens[i]
        first = token[:1]
        if first == '"':
            if len(token) > 1 and token.endswith('"'):
                return self.string(token, i)
        elif first.isdigit() or first == "-":
            if len(token) == 10 and _DATE.match(token):
                return self.date(token, i)
            if _NUMBER.match(token):
                return self.number(token, i)
            self.fail(f"malformed number {token[:30]!r}", i, "a number like -12 or 3.5, or a date")
        elif token == "true":
            return True
        elif token == "false":
            return False
        return self.expected("a value (string, number, true, false or date)", i)

    def number(self, token: str, i: int) -> int | Decimal:
        too_long = f"a number of at most {MAX_DIGITS} digits before and after the point"
        if "." in token:
            # One spelling per value, as the public constructor makes it: 1.50 → 1.5, 2.0 → 2.
            value: int | Decimal = _normalise_value(Decimal(token))  # type: ignore[assignment]
        elif len(token) > 2 * MAX_DIGITS:  # int() would refuse beyond 4300 digits anyway
            self.fail(f"number too long: {token[:30]}… has more than {MAX_DIGITS} digits", i, too_long)
        else:
            value = int(token)
        problem = _number_problem(value)
        if problem:
            self.fail(f"number too long: {problem}", i, too_long)
        return value

    def string(self, token: str, i: int) -> str:
        body = token[1:-1]
        if not body.isascii():
            lone = LONE_SURROGATE.search(body)
            if lone:
                self.fail("a lone UTF-16 surrogate is not a character", i, "text", offset=1 + lone.start())
        if "\\" not in body:
            return body

        def unescape(match: re.Match[str]) -> str:
            char = match.group(1)
            if char != '"' and char != "\\":
                self.fail(f"unknown escape \\{char}", i, 'only \\" and \\\\', offset=1 + match.start())
            return char

        return _ESCAPE.sub(unescape, body)

    def date(self, token: str, i: int) -> dt.date:
        if not _DATE.match(token):
            self.expected("a date YYYY-MM-DD", i)
        try:
            return dt.date.fromisoformat(token)
        except ValueError:
            self.fail(f"{token} is not a valid date", i, "a date YYYY-MM-DD")

    def at_least_count(self, i: int, nesting: int) -> int:
        """The count of the ``at least COUNT of (`` that starts at token *i*."""
        tokens = self.tokens
        if tokens[i + 1] != "least":
            self.expected("'least' (as in 'at least 2 of (…)')", i + 1)
        count_at = i + 2
        if not tokens[count_at].isdigit() or not tokens[count_at].isascii():
            self.expected("a whole number", count_at)
        if len(tokens[count_at]) > 9:
            self.fail("count too large", count_at, "a count no larger than the number of conditions")
        if tokens[i + 3] != "of":
            self.expected("'of'", i + 3)
        if tokens[i + 4] != "(":
            self.expected("'('", i + 4)
        if nesting + 1 >= MAX_DEPTH:
            self.too_deep(i)
        return int(tokens[count_at])

    def at_least(self, count: int, items: list[Any], i: int) -> AtLeast:
        """``at least COUNT of (items)``, which started at token *i*."""
        if not 1 <= count <= len(items):
            self.fail(
                f"'at least {count}' of {len(items)} condition(s)",
                i + 2,
                f"a count between 1 and {len(items)}",
            )
        depth = max(map(_depth, items)) + 1
        if depth > MAX_DEPTH:
            self.too_deep(i)
        node: AtLeast = _new(AtLeast)
        _set(node, "count", count)
        _set(node, "items", tuple(items))
        _set(node, "kind", "at_least")
        _set(node, "_depth", depth)
        _set(node, "_plain", all(map(_plain, items)))
        return node

    def time(self, word: str, i: int) -> tuple[Condition, int]:
        key = (word, self.tokens[i + 1])
        node = _LEAVES.get(key)
        if node is None:
            day = self.date(self.tokens[i + 1], i + 1)
            node = Before(day) if word == "before" else After(day)
            _remember(key, node, 0)  # a valid date token: ten characters
        return node, i + 2

    def in_force(self, i: int) -> tuple[Condition, int]:
        tokens = self.tokens
        if tokens[i + 1] != "(":
            self.expected("'('", i + 1)
        token = tokens[i + 2]
        if not (token.startswith('"') and len(token) > 1 and token.endswith('"')):
            self.expected('a commitment id in quotes, e.g. in_force("uk-troops")', i + 2)
        ref = self.string(token, i + 2)
        problem = check_id(ref, "in_force")
        if problem:
            self.fail(problem, i + 2, "a commitment id")
        if tokens[i + 3] != ")":
            self.expected("')'", i + 3)
        return InForce(ref), i + 4


def parse(text: str) -> Condition:
    if not isinstance(text, str):
        raise ValidationError(f"parse_condition: {text!r:.60} is not a string")
    return _Parser(text).parse()
