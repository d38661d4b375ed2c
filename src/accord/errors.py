"""The exceptions accord raises.

Every error is an :class:`AccordError`. Value problems are also
:class:`ValueError`, failed lookups also :class:`KeyError`, so callers can
catch either the accord type or the builtin they already expect.
"""

from collections.abc import Iterable

__all__ = [
    "AccordError",
    "ConditionSyntaxError",
    "LoadError",
    "UnknownReferenceError",
    "ValidationError",
]


class AccordError(Exception):
    """Base class of every error raised by accord."""


class ValidationError(AccordError, ValueError):
    """One or more values are invalid.

    Attributes:
        problems: every problem found, each naming the field or path and the
            bad value. ``str(error)`` lists them one per line.
    """

    problems: tuple[str, ...]

    def __init__(self, problems: str | Iterable[str]) -> None:
        self.problems = (problems,) if isinstance(problems, str) else tuple(problems)
        super().__init__("\n".join(self.problems))

    def __str__(self) -> str:
        return "\n".join(self.problems)


class UnknownReferenceError(AccordError, KeyError):
    """A lookup by id found nothing; the message suggests close matches."""

    def __str__(self) -> str:
        # KeyError.__str__ would repr() the message and wrap it in quotes.
        return str(self.args[0]) if self.args else ""


class ConditionSyntaxError(AccordError, ValueError):
    """A condition's text does not follow the grammar.

    Attributes:
        text: the text that was parsed.
        column: 1-based column at which the problem was found.
        expected: what the parser expected there.
    """

    text: str
    column: int
    expected: str

    def __init__(self, message: str, *, text: str, column: int, expected: str = "") -> None:
        self.text = text
        self.column = column
        self.expected = expected
        # Show the text on one line; a long one as 72 characters around the column.
        excerpt, caret_at = text, column - 1
        if len(text) > 100:
            first = max(0, column - 1 - 40)
            excerpt, caret_at = text[first : first + 72], caret_at - first
            if first:
                excerpt, caret_at = "…" + excerpt, caret_at + 1
            if first + 72 < len(text):
                excerpt += "…"
        excerpt = "".join(" " if c.isspace() else c for c in excerpt)
        super().__init__(f"{message} at column {column}\n  {excerpt}\n  {' ' * caret_at}^")


class LoadError(ValidationError):
    """A document could not be loaded: malformed JSON, wrong types, unknown keys, bad references.

    ``problems`` lists every problem found, one per entry, each starting with
    the path of the bad value in the document (``commitments[3].status``).
    """
