"""Streaming CSV reading with errors that name the file, line, column and value."""

import csv
import datetime as dt
import gzip
import os
import zlib
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import TextIO, TypeVar

from accord._validation import show
from accord.errors import ValidationError

__all__ = ["MAX_PROBLEMS", "Problems", "Row", "RowError", "read_rows"]

#: Problems listed before the rest are only counted.
MAX_PROBLEMS = 20

PathLike = str | os.PathLike[str]
T = TypeVar("T")


class RowError(Exception):
    """A problem in one cell; caught per row and collected into a ValidationError."""


class Row:
    """One CSV record with typed accessors that report the column and the bad value."""

    __slots__ = ("line", "values")

    def __init__(self, line: int, values: dict[str, str]) -> None:
        self.line = line
        self.values = values

    def text(self, column: str) -> str:
        return self.values[column].strip()

    def whole(self, column: str, *, empty: int | None = None, allow_empty: bool = False) -> int | None:
        raw = self.values[column].strip()
        if not raw:
            if allow_empty:
                return empty
            raise RowError(f"column {column!r}: empty, expected a whole number")
        try:
            return int(raw)
        except ValueError:
            raise RowError(f"column {column!r}: {raw!r:.60} is not a whole number") from None

    def count(self, column: str) -> int:
        """A required whole number ≥ 0."""
        value = self.whole(column)
        if value is None or value < 0:
            raise RowError(f"column {column!r}: {value} is negative")
        return value

    def flag(self, column: str) -> bool:
        """A required 0/1 flag."""
        raw = self.values[column].strip()
        if raw == "1":
            return True
        if raw == "0":
            return False
        raise RowError(f"column {column!r}: {raw!r:.60} is not 0 or 1")

    def iso_date(self, column: str) -> dt.date:
        raw = self.values[column].strip()
        try:
            return dt.date.fromisoformat(raw)
        except ValueError:
            raise RowError(f"column {column!r}: {raw!r:.60} is not an ISO date (YYYY-MM-DD)") from None


class Problems:
    """Collects row problems and raises them together."""

    def __init__(self, path: PathLike) -> None:
        self.path = os.fspath(path)
        self.items: list[str] = []
        self.total = 0

    def add(self, line: int, text: str) -> None:
        self.total += 1
        if len(self.items) < MAX_PROBLEMS:
            self.items.append(f"{self.path}, line {line}: {text}")

    def guard(self, row: Row, build: Callable[[Row], T]) -> T | None:
        """``build(row)``, or None after recording its problem."""
        try:
            return build(row)
        except RowError as error:
            self.add(row.line, str(error))
        except ValidationError as error:
            for problem in error.problems:
                self.add(row.line, problem)
            self.total += error.count - len(error.problems)  # counted, not listed
        return None

    def raise_if_any(self) -> None:
        if not self.total:
            return
        raise ValidationError(self.items, count=self.total, subject=self.path)


@contextmanager
def _open_text(path: PathLike) -> Iterator[TextIO]:
    # utf-8-sig drops a byte-order mark at the start of the header.
    if Path(path).suffix == ".gz":
        with gzip.open(path, "rt", encoding="utf-8-sig", newline="") as handle:
            yield handle
    else:
        with open(path, encoding="utf-8-sig", newline="") as handle:
            yield handle


def check_path(what: str, value: object) -> None:
    """Raise a ValidationError naming *what* unless *value* is a file path (str or os.PathLike)."""
    if not isinstance(value, str | os.PathLike):
        raise ValidationError(f"{what}: {show(value)} is not a file path")


def read_rows(path: PathLike, required: Sequence[str]) -> Iterator[Row]:
    """Yield the records of a CSV file one at a time.

    Raises:
        ValidationError: the file is not complete gzip, not UTF-8 or not CSV,
            is empty, lacks required columns, or a record has a different
            number of fields than the header.
        OSError: the file cannot be opened or read (as with :func:`open`).
    """
    check_path("path", path)
    name = os.fspath(path)
    line = 1
    try:
        context = _open_text(path)
        with context as handle:
            reader = csv.reader(handle)
            header = next(reader, None)
            if header is None:
                raise ValidationError(f"{name}: the file is empty; expected a header row")
            header = [h.strip() for h in header]
            repeated = sorted({c for c in header if header.count(c) > 1})
            if repeated:  # a record would keep one of the values and drop the others
                raise ValidationError(
                    f"{name}, line 1: column(s) {', '.join(repr(c) for c in repeated)} appear more than once"
                )
            missing = [c for c in required if c not in header]
            if missing:
                raise ValidationError(
                    f"{name}, line 1: missing column(s) {', '.join(repr(c) for c in missing)}"
                )
            width = len(header)
            line = start = reader.line_num + 1
            for fields in reader:
                if not fields:
                    line = start = reader.line_num + 1
                    continue
                if len(fields) != width:
                    raise ValidationError(
                        f"{name}, line {start}: {len(fields)} fields where the header has {width}"
                    )
                yield Row(start, dict(zip(header, fields, strict=True)))
                line = start = reader.line_num + 1
    except (EOFError, zlib.error, gzip.BadGzipFile) as error:  # a truncated or corrupted download
        raise ValidationError(f"{name}: not a complete gzip file ({error})") from None
    except csv.Error as error:
        raise ValidationError(f"{name}, line {line}: not a readable CSV record ({error})") from None
    except UnicodeDecodeError as error:
        raise ValidationError(f"{name}: not a readable UTF-8 CSV file ({error})") from None
