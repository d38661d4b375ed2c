"""Readers for public research data sets."""

__all__: list[str] = []
