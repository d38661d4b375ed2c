"""A tour of the founding scenario: who stands where, and who promised what.

Run with ``python examples/scenario_tour.py``.
"""

from accord.examples import postwar_ukraine


def main() -> None:
    fw = postwar_ukraine()
    print(f"{fw.title}, as of {fw.as_of}")
    for name in ("UK", "Paris", "Washington"):
        actor = fw.resolve(name)
        position = fw.position(actor.id, "own-ground-troops")
        stance = position.stance if position else "no stated position"
        print(f"- {name} → {actor.name}: {stance} on own ground troops")
    print("Commitments still only signalled:")
    for c in fw.commitments:
        if c.status.value == "signalled":
            when = f" if {c.conditions}" if c.conditions is not None else ""
            print(f"  {c.actor} {c.kind.value.replace('_', ' ')}{when}")
    print("Open components:", ", ".join(c.title for c in fw.components))


if __name__ == "__main__":
    main()
