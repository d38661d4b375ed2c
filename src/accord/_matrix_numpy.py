"""The numpy path of :func:`accord.divergence_matrix` for positions.

For actors a, b and the issues both have a position on, with weight
``w = (s_a + s_b) / 2`` and distance ``|x_a − x_b|`` in the units of the
issue's scale group, every pairwise sum is a combination of matrix products.
With ``X`` the actors × issues values (0 where absent), ``P`` presence,
``S`` salience (0 where absent) and ``U_t = [X ≥ t]`` for the thresholds
t = 1 … r of an ordinal group::

    count  = P Pᵀ
    weight = ½ (S Pᵀ + P Sᵀ)
    ordinal:  M + Mᵀ,  M = Σ_t ½ ((S∘U_t)(P − U_t)ᵀ + U_t (S∘(P − U_t))ᵀ)
    nominal:  Σ_o ½ ((S∘O_o)(P − O_o)ᵀ + O_o (S∘(P − O_o))ᵀ),  O_o = [X = o]

since ``|x − y| = Σ_t [x ≥ t][y < t] + [x < t][y ≥ t]`` and
``[x ≠ y] = Σ_o [x = o][y ≠ o]`` when both are present (with equal
saliences the ½(S…) factors reduce to plain products). The thresholds (or
options) are stacked side by side so each group takes one or two products.

Interval groups (continuous values) are summed row by row. With equal
saliences all sums are integers, computed exactly in float32 products, so the
scores equal the pure-Python path bit for bit.
"""

import datetime as dt
import math
from collections.abc import Collection, Sequence
from itertools import repeat
from operator import attrgetter
from typing import Any

import numpy as np

from accord._stances import GroupKey, Holds, code, encoder, few, issue_ids, latest
from accord.framework import Framework
from accord.issues import Position

__all__ = ["position_matrix"]

_EXACT_FLOAT32 = 2**24
_ACTOR, _ISSUE, _STANCE, _SALIENCE = (attrgetter(f) for f in ("actor", "issue", "stance", "salience"))


def _selected(
    framework: Framework,
    ids: tuple[str, ...],
    issues: Collection[str] | None,
    as_of: dt.date | None,
    holds: Holds | None,
) -> Sequence[Position]:
    every_one = as_of is None and holds is None and 3 * len(ids) >= len(framework.actors)
    if every_one and (issues is None or not few(issues, framework.issues)):
        return framework.latest_positions()  # one C-level pass over them all beats one per actor
    found: list[Position] = []
    for a in ids:
        found.extend(latest(framework, a, issues, as_of=as_of, holds=holds).values())
    return found


def position_matrix(
    framework: Framework,
    ids: tuple[str, ...],
    issues: Collection[str] | None,
    as_of: dt.date | None,
    holds: Holds | None,
) -> tuple[tuple[tuple[float, ...], ...], tuple[tuple[int, ...], ...]]:
    """Scores and counts for every pair of *ids*, as nested tuples."""
    chosen = issue_ids(framework, issues)
    wanted = None if issues is None else {i.id for i in chosen}
    size = len(ids)
    actor_at = {a: k for k, a in enumerate(ids)}

    # Issues -> (group, column within the group); one code table per distinct scale.
    scales: dict[Any, tuple[GroupKey, dict[str, float] | None]] = {}
    group_keys: dict[GroupKey, int] = {}
    where: dict[str, tuple[int, int, dict[str, float] | None]] = {}
    column_of = {issue.id: k for k, issue in enumerate(chosen)}
    widths: list[int] = []
    for issue in chosen:
        found = scales.get(issue.scale)
        if found is None:
            found = scales[issue.scale] = encoder(issue.scale)
        group, codes = found
        g = group_keys.get(group)
        if g is None:
            g = group_keys[group] = len(widths)
            widths.append(0)
        where[issue.id] = (g, widths[g], codes)
        widths[g] += 1
    groups = list(group_keys)

    # Positions -> flat arrays (actor row, issue column, value, salience), in C-level passes.
    selected = _selected(framework, ids, wanted, as_of, holds)
    total = len(selected)
    actor_rows = np.fromiter(map(actor_at.get, map(_ACTOR, selected), repeat(-1)), np.intp, total)
    issue_cols = np.fromiter(map(column_of.get, map(_ISSUE, selected), repeat(-1)), np.intp, total)
    if len(scales) == 1 and (codes := next(iter(scales.values()))[1]) is not None:
        values = np.fromiter(map(codes.get, map(_STANCE, selected), repeat(0.0)), np.float64, total)
    else:
        table = [where[i.id][2] for i in chosen]
        values = np.fromiter(
            (
                code(table[c], p.stance) if c >= 0 else 0.0
                for p, c in zip(selected, issue_cols.tolist(), strict=True)
            ),
            np.float64,
            total,
        )
    weights = np.fromiter(map(_SALIENCE, selected), np.float64, total)
    keep = (actor_rows >= 0) & (issue_cols >= 0)
    actor_rows, issue_cols, values, weights = actor_rows[keep], issue_cols[keep], values[keep], weights[keep]
    group_of = np.array([where[i.id][0] for i in chosen], dtype=np.intp)[issue_cols]
    column = np.array([where[i.id][1] for i in chosen], dtype=np.intp)[issue_cols]
    unit = bool(np.all(weights == 1.0))

    counts = np.zeros((size, size), dtype=np.float64)
    weight = np.zeros((size, size), dtype=np.float64)
    numerator = np.zeros((size, size), dtype=np.float64)
    partial: dict[GroupKey, Any] = {}
    for g, group in enumerate(groups):
        mask = group_of == g
        if not mask.any():
            continue
        exact = unit and group[0] != "interval" and widths[g] * max(group[1], 1.0) < _EXACT_FLOAT32
        dtype = np.float32 if exact else np.float64
        p = np.zeros((size, widths[g]), dtype=dtype)
        x = np.zeros((size, widths[g]), dtype=dtype)
        r, c = actor_rows[mask], column[mask]
        p[r, c] = 1.0
        x[r, c] = values[mask]
        if unit:
            count = p @ p.T
            counts += count
            weight += count
            partial[group] = _unit_group(group, x, p, count)
        else:
            s = np.zeros((size, widths[g]), dtype=np.float64)
            s[r, c] = weights[mask]
            counts += p @ p.T
            sp = s @ p.T
            w = 0.5 * (sp + sp.T)
            weight += w
            partial[group] = _weighted_group(group, x, p, s, w)
    for group in sorted(partial):
        numerator = numerator + partial[group] / group[1]
    with np.errstate(invalid="ignore", divide="ignore"):
        scores = np.where((counts > 0) & (weight > 0), numerator / weight, math.nan)
    if not unit:
        scores = np.clip(scores, 0.0, 1.0)
    diagonal = np.diag_indices(size)
    scores[diagonal] = np.where(np.diag(weight) > 0, 0.0, math.nan)
    return (
        tuple(map(tuple, scores.tolist())),
        tuple(map(tuple, counts.astype(np.int64).tolist())),
    )


def _unit_group(group: GroupKey, x: Any, p: Any, count: Any) -> Any:
    kind, span = group
    if kind == "ordinal":
        # |x − y| = Σ_t [x ≥ t][y < t] + [x < t][y ≥ t]: one product over stacked thresholds.
        u = np.concatenate([x >= t for t in range(1, round(span) + 1)], axis=1).astype(x.dtype)
        rest = np.tile(p, (1, round(span))) - u
        m = (u @ rest.T).astype(np.float64)
        return m + m.T
    if kind == "nominal":
        # [x ≠ y] = Σ_o [x = o]([y present] − [y = o])
        options = [((x == o) & (p > 0)).astype(x.dtype) for o in np.unique(x[p > 0])]
        o = np.concatenate(options, axis=1)
        return (o @ (np.tile(p, (1, len(options))) - o).T).astype(np.float64)
    return _interval(x.astype(np.float64), p.astype(np.float64), None)


def _weighted_group(group: GroupKey, x: Any, p: Any, s: Any, w: Any) -> Any:
    kind, span = group
    if kind == "ordinal":
        u = np.concatenate([x >= t for t in range(1, round(span) + 1)], axis=1).astype(np.float64)
        p_wide, s_wide = np.tile(p, (1, round(span))), np.tile(s, (1, round(span)))
    elif kind == "nominal":
        found = np.unique(x[p > 0])
        u = np.concatenate([((x == o) & (p > 0)) for o in found], axis=1).astype(np.float64)
        p_wide, s_wide = np.tile(p, (1, len(found))), np.tile(s, (1, len(found)))
    else:
        return _interval(x, p, s)
    # Σ ½ (s_a + s_b) u_a (p_b − u_b), plus its transpose for ordinal distances
    rest = p_wide - u
    m = 0.5 * ((s_wide * u) @ rest.T + u @ (s_wide * rest).T)
    return m + m.T if kind == "ordinal" else m


def _interval(x: Any, p: Any, s: Any) -> Any:
    size = x.shape[0]
    result = np.zeros((size, size), dtype=np.float64)
    for a in range(size):
        both = p[a] * p
        d = np.abs(x[a] - x) * both
        result[a] = d.sum(axis=1) if s is None else (0.5 * (s[a] + s) * d).sum(axis=1)
    return result
