"""Bridges from public research data sets to accord frameworks.

Each data set has its own module, imported on demand:

- :mod:`accord.datasets.unga` — UN General Assembly roll-call votes (Voeten).
- :mod:`accord.datasets.atop` — ATOP alliance treaty obligations (Leeds et al.).
- :mod:`accord.datasets.pax` — PA-X peace agreements (Bell & Badanjak).
"""

__all__: list[str] = []
