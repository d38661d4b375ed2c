"""Bridges from public research data sets to accord frameworks.

Each data set has its own module, imported on demand:

- :mod:`accord.datasets.unga` — UN General Assembly roll-call votes (Voeten).
"""

__all__: list[str] = []
