"""Plain-text reports of frameworks, for the command line and notebooks."""

from collections.abc import Sequence

from accord.framework import Framework

__all__ = ["format_table", "summary"]


def format_table(headers: Sequence[str], rows: Sequence[Sequence[object]], *, indent: str = "  ") -> str:
    """Render rows as an aligned plain-text table with a header rule."""
    cells = [[str(h) for h in headers], *[["" if c is None else str(c) for c in row] for row in rows]]
    widths = [max(len(row[i]) for row in cells) for i in range(len(headers))]
    lines = [
        indent + "  ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=True)).rstrip()
        for row in cells
    ]
    lines.insert(1, indent + "  ".join("-" * w for w in widths))
    return "\n".join(lines)


def summary(framework: Framework) -> str:
    """A readable overview: actors, where each stands on each issue, commitments, open components.

    Stances marked ``*`` hold only under conditions, listed under the table.
    """
    fw = framework
    out: list[str] = []
    heading = fw.title + (f" (as of {fw.as_of.isoformat()})" if fw.as_of else "")
    out += [heading, "=" * len(heading)]
    if fw.status is not None:
        out.append(f"Status: {fw.status.value.replace('_', ' ')}")
    if fw.description:
        out.append(fw.description)

    groups: dict[str, list[str]] = {}
    for m in fw.memberships:
        if m.end is None:
            groups.setdefault(m.member, []).append(m.group)
    out += ["", f"Actors ({len(fw.actors)})"]
    out.append(
        format_table(
            ["id", "name", "kind", "member of"],
            [(a.id, a.name, a.kind.value, ", ".join(groups.get(a.id, ()))) for a in fw.actors],
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
                    conditional.append(f"  {actor} on {issue.id}: {p.conditions}")
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
