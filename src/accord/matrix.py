"""Divergence between every pair of actors, at once.

:func:`divergence_matrix` returns a :class:`DivergenceMatrix` whose entry
``m[a, b]`` equals ``divergence(framework, a, b).score`` for the same options.
With numpy installed (the ``fast`` extra) positions are compared with a few
matrix products, fast enough for the whole UN General Assembly record; without
it, the same sums are computed in pure Python. Both paths give identical
scores when the sums are exact — always for equal (or dyadic, like 0.5)
saliences — and agree to rounding (about 1e-15) otherwise.
"""

import datetime as dt
import math
from collections.abc import Callable, Collection, Iterable, Iterator, Sequence
from typing import Any, Literal, overload

import attrs

from accord._ids import check_id
from accord._stances import (
    Holds,
    check_as_of,
    check_choice,
    check_ids,
    checked_facts,
    code,
    encoder,
    holds_under,
    issue_ids,
    latest,
    optional_ids,
)
from accord._validation import as_optional_date, as_real, check_sequence, nan_equal, native, show, to_tuple
from accord.divergence import (
    SUBJECTS,
    Subject,
    _Item,
    aggregate,
    check_components,
    portfolio,
    portfolio_items,
)
from accord.errors import UnknownReferenceError, ValidationError
from accord.framework import Framework, check_framework

__all__ = ["DivergenceMatrix", "Engine", "divergence_matrix"]

#: How :func:`divergence_matrix` computes: ``"auto"`` (numpy when importable),
#: ``"numpy"`` (required) or ``"python"`` (never numpy).
Engine = Literal["auto", "numpy", "python"]
_ENGINES = ("auto", "numpy", "python")


def _row_problem(row: tuple[object, ...], kind: type, low: float) -> int | None:
    """The index of the first cell of *row* that is not a *kind* ≥ *low* (≤ 1 for floats), or None.

    nan passes. A row of the right type is checked with a few calls over the whole row: a value
    out of range makes ``min`` or ``max`` out of range or nan, never in range.
    """
    if set(map(type, row)) <= {kind}:
        if not row or (min(row) >= low and (kind is int or max(row) <= 1.0)):  # type: ignore[type-var,operator]
            return None
        if kind is float and not any(x < low or x > 1.0 for x in row):  # type: ignore[operator]
            return None  # a nan made min or max say nothing
    for j, x in enumerate(row):
        if type(x) is not kind or x < low or (kind is float and x > 1.0):  # type: ignore[operator]
            return j
    return None  # pragma: no cover - a row with a problem has a first one


def _table(rows: object, cell: Callable[[object], object], kind: type) -> object:
    """An attrs converter: rows of cells as tuples of *kind*, other cells through *cell*.

    Anything else is left as given. Rows already of *kind* (as :func:`divergence_matrix` makes
    them) are kept as they are.
    """
    if isinstance(rows, str | bytes) or not isinstance(rows, Iterable):
        return rows
    return tuple(
        row
        if type(row) is tuple and set(map(type, row)) <= {kind}
        else tuple(map(cell, row))
        if isinstance(row, Iterable) and not isinstance(row, str | bytes)
        else row
        for row in rows
    )


def _score(value: object) -> object:
    """A number as a float score (``0`` → ``0.0``; a numpy number or a Decimal too); else as given."""
    number = as_real(value)
    return value if number is None else float(number)


def _scores(rows: object) -> object:
    """The attrs converter of ``DivergenceMatrix.scores``: rows of floats (numbers of any kind)."""
    return _table(rows, _score, float)


def _counts(rows: object) -> object:
    """The attrs converter of ``DivergenceMatrix.counts``: rows of ints (numpy's too)."""
    return _table(rows, native, int)


def _ids(value: object) -> object:
    """An attrs converter: the actor ids as a tuple of plain strings (``numpy.str_`` ones too)."""
    found = to_tuple(value)  # type: ignore[arg-type]
    return tuple(map(native, found)) if isinstance(found, tuple) else found


@attrs.frozen(kw_only=True)
class DivergenceMatrix:
    """Pairwise divergence scores between actors.

    Attributes:
        actors: the actor ids, in row (and column) order.
        scores: ``scores[i][j]`` is the score between ``actors[i]`` and
            ``actors[j]`` (``nan`` when they share no issue).
        counts: ``counts[i][j]`` is how many issues were compared.
        on: ``"positions"`` or ``"commitments"``.
        as_of: the date the comparison describes; None for the latest stances.
    """

    actors: tuple[str, ...] = attrs.field(converter=_ids)
    scores: tuple[tuple[float, ...], ...] = attrs.field(eq=nan_equal, converter=_scores)
    counts: tuple[tuple[int, ...], ...] = attrs.field(converter=_counts)
    on: Subject = "positions"
    as_of: dt.date | None = None
    _where: dict[str, int] = attrs.field(init=False, repr=False, eq=False, hash=False, alias="_where")

    def __attrs_post_init__(self) -> None:
        actors = self.actors
        check_sequence("DivergenceMatrix.actors", actors)
        for i, actor in enumerate(actors):
            problem = check_id(actor, f"DivergenceMatrix.actors[{i}]")
            if problem:
                raise ValidationError(problem)
        size = len(actors)
        if len(set(actors)) != size:
            raise ValidationError(f"DivergenceMatrix.actors: {list(actors)!r:.80} has duplicates")
        for name, table in (("scores", self.scores), ("counts", self.counts)):
            check_sequence(f"DivergenceMatrix.{name}", table)
            if len(table) != size or any(not isinstance(row, tuple) or len(row) != size for row in table):
                raise ValidationError(f"DivergenceMatrix.{name}: must be {size} × {size}")
        for name, table, kind, what in (
            ("scores", self.scores, float, "a score in [0, 1] or nan"),
            ("counts", self.counts, int, "a count ≥ 0"),
        ):
            for i, row in enumerate(table):
                j = _row_problem(row, kind, 0 if kind is int else 0.0)
                if j is not None:
                    raise ValidationError(f"DivergenceMatrix.{name}[{i}][{j}]: {show(row[j])} is not {what}")
        check_choice("DivergenceMatrix.on", self.on, SUBJECTS)
        object.__setattr__(self, "as_of", as_optional_date("DivergenceMatrix.as_of", self.as_of))
        object.__setattr__(self, "_where", {a: i for i, a in enumerate(actors)})

    @classmethod
    def _of(
        cls,
        actors: tuple[str, ...],
        scores: tuple[tuple[float, ...], ...],
        counts: tuple[tuple[int, ...], ...],
        on: Subject,
        as_of: dt.date | None,
    ) -> "DivergenceMatrix":
        """A matrix :func:`divergence_matrix` made (private), its fields known good.

        They are as the constructor would store them, so they are not converted and checked
        cell by cell again.
        """
        matrix = object.__new__(cls)
        for name, value in (("actors", actors), ("scores", scores), ("counts", counts), ("on", on)):
            object.__setattr__(matrix, name, value)
        object.__setattr__(matrix, "as_of", as_of)
        object.__setattr__(matrix, "_where", {a: i for i, a in enumerate(actors)})
        return matrix

    def _at(self, actor: str) -> int:
        try:
            return self._where[actor]
        except (KeyError, TypeError):
            raise UnknownReferenceError(f"{actor!r}: not an actor of this matrix") from None

    def __getitem__(self, pair: tuple[str, str]) -> float:
        """The score between two actors: ``m["USA", "GBR"]``."""
        if not isinstance(pair, tuple) or len(pair) != 2:
            raise UnknownReferenceError(
                f"{pair!r:.60}: index the matrix by a pair of actors, m['USA', 'GBR']"
            )
        a, b = pair
        return self.scores[self._at(a)][self._at(b)]

    def __len__(self) -> int:
        """The number of actors (rows)."""
        return len(self.actors)

    def __iter__(self) -> Iterator[str]:
        """The actor ids, in row order (like the keys of a mapping)."""
        return iter(self.actors)

    def __contains__(self, actor: object) -> bool:
        """Whether *actor* is one of the matrix's actor ids."""
        return actor in self._where if isinstance(actor, str) else False

    def count(self, a: str, b: str) -> int:
        """How many issues the two actors were compared on."""
        return self.counts[self._at(a)][self._at(b)]

    def pairs(self) -> Iterator[tuple[str, str, float, int]]:
        """Every unordered pair once: ``(a, b, score, n)`` in row order."""
        for i, a in enumerate(self.actors):
            for j in range(i + 1, len(self.actors)):
                yield a, self.actors[j], self.scores[i][j], self.counts[i][j]

    @overload
    def rows(self, *, label: str = "actor") -> list[dict[str, str | float]]: ...
    @overload
    def rows(self, *, label: str = "actor", missing: None) -> list[dict[str, str | float | None]]: ...
    @overload
    def rows(self, *, label: str = "actor", missing: float) -> list[dict[str, str | float]]: ...
    def rows(self, *, label: str = "actor", missing: float | None = math.nan) -> list[dict[str, Any]]:
        """One dict per actor, ``{"actor": id, other id: score, …}``, for csv or dataframes.

        Args:
            label: the key of the actor's own id; it must differ from every
                actor id (ids cannot contain spaces, so ``"actor id"`` never does).
            missing: the score of a pair with nothing to compare: ``nan`` (as
                :attr:`scores` hold it, for dataframes), or None for JSON,
                which has no NaN (``json.dumps`` would write an invalid ``NaN``).

        Raises:
            ValidationError: *label* is not a non-blank string, or is also an
                actor's id (its column would be lost); *missing* is neither
                None nor ``nan``.
        """
        if not isinstance(label, str) or not label.strip():
            raise ValidationError(f"rows: label {show(label)} is not a non-blank string")
        if label in self.actors:
            raise ValidationError(
                f"rows: {label!r} is also an actor id; pass another label, e.g. label='actor id'"
            )
        if missing is not None and not (isinstance(missing, float) and math.isnan(missing)):
            raise ValidationError(f"rows: missing {show(missing)} is neither nan nor None")
        if missing is None:
            return [
                {label: a, **{b: None if s != s else s for b, s in zip(self.actors, row, strict=True)}}
                for a, row in zip(self.actors, self.scores, strict=True)
            ]
        return [
            {label: a, **dict(zip(self.actors, row, strict=True))}
            for a, row in zip(self.actors, self.scores, strict=True)
        ]


def check_matrix(value: object) -> None:
    """Raise a :class:`~accord.ValidationError` unless *value* is a :class:`DivergenceMatrix`."""
    if not isinstance(value, DivergenceMatrix):
        raise ValidationError(f"matrix: {show(value)} is not a DivergenceMatrix (see divergence_matrix)")


def divergence_matrix(
    framework: Framework,
    actors: Sequence[str] | None = None,
    *,
    issues: Collection[str] | None = None,
    as_of: dt.date | None = None,
    on: Subject = "positions",
    facts: object = None,
    engine: Engine = "auto",
) -> DivergenceMatrix:
    """Divergence between every pair of *actors* (all the framework's actors by default).

    ``m[a, b] == divergence(framework, a, b, ...).score`` for the same
    options; see :func:`accord.divergence` for the measure.

    Args:
        framework: the framework holding the actors.
        actors: actor ids, in the order of the rows; all actors when None.
        issues: compare only these issue ids.
        as_of: use the stances as of this date.
        on: ``"positions"`` or ``"commitments"`` (always computed in Python).
        facts: leave out positions whose conditions are false under these facts.
        engine: ``"auto"``, ``"numpy"`` or ``"python"``.

    Raises:
        UnknownReferenceError: an actor or issue id is unknown.
        ValidationError: an option is not valid, ``engine="numpy"`` without numpy,
            or *facts* holds a value other than true, false or a date for a
            fact the conditions read as yes or no.
    """
    check_framework(framework)
    check_choice("on", on, SUBJECTS)
    check_choice("engine", engine, _ENGINES)
    as_of = check_as_of(as_of)
    if actors is None:
        ids = tuple(a.id for a in framework.actors)
    else:
        ids = tuple(check_ids("actors", actors))
        for a in ids:
            framework.actor(a)
        if len(set(ids)) != len(ids):
            raise ValidationError(f"actors: {list(ids)!r:.80} lists an actor twice")
    issues = optional_ids("issues", issues)
    numpy = _numpy() if engine != "python" else None
    if engine == "numpy" and numpy is None:
        raise ValidationError("engine: 'numpy' was asked for but numpy is not installed (extra 'fast')")
    holds = holds_under(framework, checked_facts(facts, framework), as_of)
    if on == "commitments" or numpy is None:
        scores, counts = _pure(framework, ids, issues, as_of, on, holds)
    else:
        from accord._matrix_numpy import position_matrix

        scores, counts = position_matrix(framework, ids, issues, as_of, holds)
    return DivergenceMatrix._of(ids, scores, counts, on, as_of)


def _numpy() -> object | None:
    try:
        import numpy
    except ImportError:  # pragma: no cover - exercised where numpy is absent
        return None
    return numpy


def _pure(
    framework: Framework,
    ids: tuple[str, ...],
    issues: Collection[str] | None,
    as_of: dt.date | None,
    on: Subject,
    holds: Holds | None,
) -> tuple[tuple[tuple[float, ...], ...], tuple[tuple[int, ...], ...]]:
    size = len(ids)
    scores = [[math.nan] * size for _ in range(size)]
    counts = [[0] * size for _ in range(size)]
    if on == "commitments":
        check_components(framework, issues)
        # Per actor: what it offers, read once (the pairs compare them).
        portfolios = [portfolio(framework.commitments_by(a), issues, as_of, holds) for a in ids]
        for i in range(size):
            for j in range(i, size):
                compared = portfolio_items(portfolios[i], portfolios[j])
                scores[i][j] = scores[j][i] = aggregate(compared)[0]
                counts[i][j] = counts[j][i] = len(compared)
        return tuple(map(tuple, scores)), tuple(map(tuple, counts))
    chosen = issue_ids(framework, issues)
    wanted = None if issues is None else {i.id for i in chosen}
    encoders = {i.id: encoder(i.scale) for i in chosen}
    # Per actor: issue id -> (group, stance, value, salience), built once.
    profiles = []
    for a in ids:
        found = latest(framework, a, wanted, as_of=as_of, holds=holds)
        profile = {}
        for issue_id, p in found.items():
            group, codes = encoders[issue_id]
            profile[issue_id] = (group, p.stance, code(codes, p.stance), p.salience)
        profiles.append(profile)
    order = {i.id: k for k, i in enumerate(chosen)}
    for i in range(size):
        pi = profiles[i]
        for j in range(i, size):
            pj = profiles[j]
            small, large = (pi, pj) if len(pi) <= len(pj) else (pj, pi)
            shared = sorted((k for k in small if k in large), key=order.__getitem__)
            items: list[_Item] = []
            for k in shared:
                g, sa, xa, wa = pi[k]
                _, sb, xb, wb = pj[k]
                items.append((k, g, sa, sb, xa, xb, (wa + wb) / 2))
            score, _ = aggregate(items)
            scores[i][j] = scores[j][i] = score
            counts[i][j] = counts[j][i] = len(items)
    return tuple(map(tuple, scores)), tuple(map(tuple, counts))
