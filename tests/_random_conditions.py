"""Random condition texts for brute-force checks of what_would_it_take."""

import random
from collections.abc import Sequence


def random_condition(rng: random.Random, leaves: Sequence[str], *, leaf_chance: float, depth: int = 0) -> str:
    """A condition of at most three levels over *leaves*: and, or, not, at least 2 of."""
    if depth >= 2 or rng.random() < leaf_chance:
        return str(rng.choice(leaves))
    items = [
        random_condition(rng, leaves, leaf_chance=leaf_chance, depth=depth + 1)
        for _ in range(rng.randint(2, 3))
    ]
    shape = rng.choice(["and", "or", "not", "at least"])
    if shape == "not":
        return f"not ({items[0]})"
    if shape == "at least":
        return f"at least 2 of ({', '.join(items)})"
    return f" {shape} ".join(f"({item})" for item in items)
