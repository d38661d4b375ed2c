"""NATO in ATOP 4.01: who joined when, what each member owes, and on which condition.

Run with ``python examples/atop_nato.py``. The ATOP files are looked up in
``$ACCORD_SHARED_DATA/atop`` or in ``shared/data/atop`` beside the checkout;
without them the script says so and stops.
"""

import os
from collections import defaultdict
from pathlib import Path

from accord import CommitmentStatus
from accord.datasets.atop import read_alliances

NATO = "atop-3180"  # ATOP's id for the North Atlantic Treaty


def data_dir() -> Path:
    configured = os.environ.get("ACCORD_SHARED_DATA")
    if configured:
        return Path(configured)
    return Path(__file__).resolve().parents[1].parent / "shared" / "data"


def main() -> None:
    atop_dir = data_dir() / "atop"
    alliances, members = atop_dir / "atop-alliance-level.csv", atop_dir / "atop-member-level.csv"
    if not (alliances.is_file() and members.is_file()):
        print(f"ATOP data not found in {atop_dir}; set ACCORD_SHARED_DATA to the shared data directory.")
        return
    atop = read_alliances(alliances, members)
    nato = atop.component(NATO)
    print(f"{nato.title}: {nato.description}")
    print(f"ATOP 4.01 holds {len(atop.components)} alliances and {len(atop.commitments)} obligations.")

    joined: dict[str, str] = {}
    for m in atop.memberships:
        if m.group == NATO and m.start is not None:
            joined.setdefault(m.member, m.start.isoformat())
    in_force: dict[str, list[str]] = defaultdict(list)
    for c in atop.commitments:
        if c.component == NATO and c.status is CommitmentStatus.IN_FORCE:
            condition = f" if {c.conditions}" if c.conditions is not None else ""
            in_force[c.actor].append(f"{c.kind.value}{condition}")
    print(f"\nObligations in force at the end of ATOP's coverage ({atop.as_of}):")
    for actor in sorted(in_force, key=lambda a: (joined[a], a)):
        name = atop.actor(actor).name
        print(f"  {actor} {name:<26} joined {joined[actor]}: {'; '.join(in_force[actor])}")

    conditional = [c for c in atop.commitments if c.conditions is not None]
    total = len(atop.commitments)
    print(f"\n{len(conditional)} of {total} ATOP obligations are conditional; the most common:")
    counts: dict[str, int] = defaultdict(int)
    for c in conditional:
        counts[str(c.conditions)] += 1
    for text, n in sorted(counts.items(), key=lambda item: -item[1])[:5]:
        print(f"  {n:>4}  {text}")


if __name__ == "__main__":
    main()
