"""Plain-text reports of frameworks, for the command line and notebooks."""

import datetime as dt
import math
import textwrap
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from accord._validation import as_integer, check_flag, one_line, show
from accord.conditions import format_value
from accord.divergence import Subject, divergence
from accord.errors import ValidationError
from accord.evaluation import Facts, FactValue, _facts
from accord.framework import Framework, check_framework
from accord.matrix import DivergenceMatrix, check_matrix

__all__ = [
    "activation_report",
    "divergence_table",
    "format_table",
    "gap_report",
    "requirements_report",
    "summary",
]

_WIDTH = 100  # prose is wrapped to this width; tables are as wide as their cells


def _wrap(text: str, first: str = "", rest: str = "") -> str:
    """*text* wrapped to :data:`_WIDTH`, line by line: its own line breaks kept, words (URLs) never split."""
    return "\n".join(
        textwrap.fill(
            line,
            _WIDTH,
            initial_indent=first,
            subsequent_indent=rest,
            break_long_words=False,
            break_on_hyphens=False,
        )
        if line.strip()
        else ""
        for line in text.splitlines()
    )


def format_table(headers: Sequence[str], rows: Sequence[Sequence[object]], *, indent: str = "  ") -> str:
    r"""Render rows as an aligned plain-text table with a header rule.

    Each cell stays on its line: line ends, tabs and other control characters
    in it are written as escapes (``\n``); None is an empty cell.

    *headers* and each row may be any iterable but a string (a list, a tuple, a numpy array).

    Raises:
        ValidationError: *headers* or *rows* is not an iterable (of iterables), or a row
            has another number of cells than there are headers.
    """
    headers = _cells("headers", headers)
    rows = [_cells(f"rows[{i}]", row) for i, row in enumerate(_cells("rows", rows))]
    for i, row in enumerate(rows):
        if len(row) != len(headers):
            raise ValidationError(f"rows[{i}]: {len(row)} cell(s) for {len(headers)} header(s)")
    cells = [
        [one_line(str(h)) for h in headers],
        *[["" if c is None else one_line(str(c)) for c in row] for row in rows],
    ]
    widths = [max(len(row[i]) for row in cells) for i in range(len(headers))]
    lines = [
        indent + "  ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=True)).rstrip()
        for row in cells
    ]
    lines.insert(1, indent + "  ".join("-" * w for w in widths))
    return "\n".join(lines)


def _cells(what: str, value: object) -> list[Any]:
    """*value*'s items as a list; a ValidationError naming *what* unless it is a non-text iterable."""
    if isinstance(value, str | bytes) or not isinstance(value, Iterable):
        raise ValidationError(f"{what}: {one_line(show(value))} is not a list of cells")
    return list(value)


def summary(framework: Framework) -> str:
    """A readable overview: actors (and their groups on ``as_of``), stances, commitments, open components.

    Stances marked ``*`` hold only under conditions, listed under the table.
    """
    check_framework(framework)
    fw = framework
    out: list[str] = []
    heading = one_line(fw.title) + (f" (as of {fw.as_of.isoformat()})" if fw.as_of else "")
    out += [heading, "=" * len(heading)]
    if fw.status is not None:
        out.append(f"Status: {fw.status.value.replace('_', ' ')}")
    if fw.description:
        out.append(_wrap(fw.description))

    out += ["", f"Actors ({len(fw.actors)})"]
    out.append(
        format_table(
            ["id", "name", "kind", "member of"],
            [(a.id, a.name, a.kind.value, ", ".join(g.id for g in fw.groups_of(a.id))) for a in fw.actors],
        )
    )

    with_positions = [a.id for a in fw.actors if fw.positions_of(a.id)]
    if fw.issues and with_positions:
        out += ["", "Where each stands  (* = only under conditions)"]
        rows = []
        conditional: list[str] = []
        for issue in fw.issues:
            row: list[object] = [issue.title]
            for actor in with_positions:
                p = fw.position(actor, issue.id)
                if p is None:
                    row.append("·")
                elif p.conditions is not None:
                    row.append(f"{p.stance}*")
                    note = one_line(f"{actor} on {issue.id}: {p.conditions}")
                    conditional.append(_wrap(note, "  ", "    "))
                else:
                    row.append(p.stance)
            rows.append(row)
        out.append(format_table(["issue", *with_positions], rows))
        if conditional:
            out += ["", "Conditions", *conditional]

    if fw.commitments:
        out += ["", f"Commitments ({len(fw.commitments)})"]
        out.append(
            format_table(
                ["id", "actor", "kind", "status", "conditions"],
                [
                    (
                        c.id,
                        c.actor,
                        c.kind.value.replace("_", " "),
                        c.status.value.replace("_", " "),
                        c.conditions if c.conditions is not None else "none",
                    )
                    for c in fw.commitments
                ],
            )
        )

    if fw.components:
        out += ["", "Components"]
        out.append(
            format_table(
                ["id", "title", "status"],
                [(c.id, c.title, c.status.value.replace("_", " ")) for c in fw.components],
            )
        )
    return "\n".join(out)


def _score(value: float) -> str:
    return "n/a" if math.isnan(value) else f"{value:.2f}"


def divergence_table(matrix: DivergenceMatrix, *, markdown: bool = False) -> str:
    """The matrix as a table of scores (0 = same stance everywhere, 1 = opposite ends)."""
    check_matrix(matrix)
    markdown = check_flag("markdown", markdown)
    headers = ["", *matrix.actors]
    rows = [[a, *(_score(s) for s in row)] for a, row in zip(matrix.actors, matrix.scores, strict=True)]
    if not markdown:
        return format_table(headers, rows)
    lines = ["| " + " | ".join(headers) + " |", "|" + "---|" * len(headers)]
    lines += ["| " + " | ".join(str(c) for c in row) + " |" for row in rows]
    return "\n".join(lines)


def gap_report(
    framework: Framework,
    a: str,
    b: str,
    *,
    as_of: dt.date | None = None,
    on: Subject = "positions",
    limit: int | None = 20,
) -> str:
    """What drives the divergence between two actors, item by item, and what only one covers.

    *as_of* and *on* are passed to :func:`accord.divergence`: the stances as
    of a date, or the commitment portfolios (``on="commitments"``, where an
    item only one actor offers something in is compared against level
    ``none``). At most *limit* items are listed in each part (the largest
    contributions first), then how many more there are; ``limit=None`` lists
    every one (thousands, for two countries over all UN roll calls).

    Raises:
        ValidationError: *limit* is not a whole number ≥ 1 or None, or as for
            :func:`accord.divergence`.
    """
    if limit is not None:
        found = as_integer(limit)
        if found is None or found < 1:
            raise ValidationError(f"limit: {show(limit)} is not a whole number ≥ 1 (or None for every item)")
        limit = found
    d = divergence(framework, a, b, as_of=as_of, on=on)
    # issues are shown by title; commitment items (kinds of commitment) as they are, even when
    # an issue's id happens to be the same word
    title = {i.id: i.title for i in framework.issues} if on == "positions" else {}
    when = f" as of {as_of.isoformat()}" if as_of is not None else ""
    over = f"{d.n} shared issue(s)" if on == "positions" else f"{d.n} commitment item(s)"
    out = [f"{a} vs {b}{when}: divergence {_score(d.score)} over {over}"]
    rows = [
        (title.get(r.issue, r.issue), r.stance_a, r.stance_b, f"{r.distance:.2f}")
        for r in d.by_issue
        if r.distance > 0
    ]
    item = "issue" if on == "positions" else "item"
    if rows:
        out.append(format_table([item, a, b, "distance"], rows[:limit]))
        if limit is not None and len(rows) > limit:
            more = len(rows) - limit
            out.append(f"  … and {more:,} more {item}{'s' if more > 1 else ''} with a difference")
    elif d.n:
        out.append("  no difference on the shared issues" if on == "positions" else "  no difference")
    if on == "positions":
        for who, only in ((a, d.only_a), (b, d.only_b)):
            if only:
                listed = ", ".join(title.get(i, i) for i in only[:limit])
                text = _wrap(f"only {who} has a position on: {listed}", "  ", "    ")
                if limit is not None and len(only) > limit:  # kept whole, on the last line if it fits
                    tail = f"and {len(only) - limit:,} more"
                    last = text.rsplit("\n", 1)[-1]
                    text += f" {tail}" if len(last) + 1 + len(tail) <= _WIDTH else f"\n    {tail}"
                out.append(text)
    return "\n".join(out)


def activation_report(framework: Framework, facts: Facts | Mapping[str, FactValue] | None = None) -> str:
    """Which commitments would be in force under *facts*, and what is still unknown.

    *facts* is a :class:`~accord.Facts` or a mapping of fact names to values, as for
    :meth:`Framework.evaluate <accord.Framework.evaluate>`; None knows nothing.
    """
    check_framework(framework)
    facts = _facts(facts)
    results = framework.evaluate(facts)
    rows = []
    for c in framework.commitments:
        e = results[c.id]
        # what is missing, else what failed; and why a known fact could not decide
        note = "; ".join(
            part
            for part in (
                ", ".join(e.unknown) or "; ".join(str(u) for u in e.unmet),
                "; ".join(e.reasons),
            )
            if part
        )
        rows.append((c.id, c.actor, e.truth.name.lower(), note))
    known = ", ".join(f"{k}={format_value(v)}" for k, v in sorted(facts.values.items())) or "nothing"
    as_of = f" as of {facts.as_of.isoformat()}" if facts.as_of else ""
    return "\n".join(
        [
            one_line(f"Given {known}{as_of}:"),
            format_table(["commitment", "actor", "would activate", "unknown / unmet"], rows),
        ]
    )


def requirements_report(
    framework: Framework, commitment: str, facts: Facts | Mapping[str, FactValue] | None = None
) -> str:
    """The smallest sets of facts that would put *commitment* in force (*facts*: what is known)."""
    check_framework(framework)
    facts = _facts(facts)
    options = framework.what_would_it_take(commitment, facts)
    if options == ((),):
        return f"{commitment} is already in force."
    if not options:
        # why: a leaf the facts make false, a fact value that cannot decide, its status or period
        e = framework.evaluate(facts)[commitment]
        why = [f"{leaf} fails under the facts given" for leaf in e.unmet] + list(e.reasons)
        because = "; ".join(why) or "its conditions cannot hold"
        return one_line(f"Nothing would put {commitment} in force: {because}.")
    lines = [f"What would put {commitment} in force (any one of):"]
    lines += ["  - " + one_line(" and ".join(str(leaf) for leaf in option)) for option in options]
    return "\n".join(lines)
