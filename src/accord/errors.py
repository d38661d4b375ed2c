"""The exceptions accord raises.

Every error is an :class:`AccordError`. Value problems are also
:class:`ValueError`, failed lookups also :class:`KeyError`, so callers can
catch either the accord type or the builtin they already expect.
"""

from collections.abc import Iterable
from typing import Any

__all__ = [
    "AccordError",
    "ConditionSyntaxError",
    "LoadError",
    "UnknownReferenceError",
    "ValidationError",
]


class AccordError(Exception):
    """Base class of every error raised by accord."""

    def __reduce__(self) -> tuple[Any, ...]:
        # Pickled with its attributes and without calling ``__init__`` again, whose keyword-only
        # arguments are not in ``args``: errors cross process pools whole.
        return _rebuild, (type(self), self.args, self.__dict__)


def _rebuild(cls: type[AccordError], args: tuple[Any, ...], state: dict[str, Any]) -> AccordError:
    """An unpickled accord error: its ``args`` and attributes, as they were."""
    error = cls.__new__(cls, *args)
    error.args = args
    error.__dict__.update(state)
    return error


class ValidationError(AccordError, ValueError):
    """One or more values are invalid.

    Attributes:
        problems: the problems, each naming the field or path and the bad
            value (only problems: no count or summary lines).
        count: how many problems were found. It is more than
            ``len(problems)`` when only the first were listed: a framework
            counts all of its problems and lists the first 1,000.
        complete: False when the search stopped early, as the explanation of
            a huge malformed document does after 1,000 problems: there may be
            more than ``count``.
        subject: what was checked (``"Framework 'f'"``, a file), or None.

    ``str(error)`` lists the problems one per line, after a line naming the
    subject and the count (when there is a subject), and before a line saying
    how many more there are or that the search stopped.
    """

    problems: tuple[str, ...]
    count: int
    complete: bool
    subject: str | None

    def __init__(
        self,
        problems: str | Iterable[str],
        *,
        count: int | None = None,
        complete: bool = True,
        subject: str | None = None,
    ) -> None:
        self.problems = (problems,) if isinstance(problems, str) else tuple(problems)
        self.count = len(self.problems) if count is None else max(count, len(self.problems))
        self.complete = complete
        self.subject = subject
        # (not str(self): a subclass's __str__ may read attributes its __init__ sets afterwards)
        super().__init__(ValidationError.__str__(self))

    def __str__(self) -> str:
        lines = list(self.problems)
        if self.subject is not None:
            lines.insert(0, f"{self.subject}: {self.count} problem(s)")
        more = self.count - len(self.problems)
        if more:
            lines.append(f"... and {more} more problem(s)")
        if not self.complete:
            lines.append(f"(stopped after the first {self.count} problems; there may be more)")
        return "\n".join(lines)


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
        # A character that cannot be shown (a control character, a lone surrogate, which no
        # UTF-8 log or response could hold) becomes U+FFFD, one column wide like the caret's.
        excerpt = "".join(" " if c.isspace() else c if c.isprintable() else "\ufffd" for c in excerpt)
        super().__init__(f"{message} at column {column}\n  {excerpt}\n  {' ' * caret_at}^")


class LoadError(ValidationError):
    """A document could not be loaded: malformed JSON, wrong types, unknown keys, bad references.

    ``problems`` lists every problem found, one per entry, each starting with
    the path of the bad value in the document (``commitments[3].status``).
    """
