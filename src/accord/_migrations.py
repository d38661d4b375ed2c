"""Migrations of older format versions: pure functions from one version's dict to the next.

``MIGRATIONS[n]`` turns a version-*n* document (without its version key)
into a version-*n + 1* document. Version 1 is the first format, so there is
nothing to migrate yet; the machinery is exercised by the tests with
stand-in steps.
"""

import copy
from collections.abc import Callable, Mapping
from typing import Any

from accord._validation import show
from accord.errors import LoadError

__all__ = ["FORMAT_VERSION", "MIGRATIONS", "VERSION_KEY", "migrate"]

#: The format version this accord writes (independent of the library version).
FORMAT_VERSION = 1
#: The top-level key holding the format version.
VERSION_KEY = "accord_format_version"

Migration = Callable[[dict[str, Any]], dict[str, Any]]

#: version n → function turning a version-n document into a version-(n+1) one.
MIGRATIONS: Mapping[int, Migration] = {}


def migrate(
    document: dict[str, Any],
    version: int,
    *,
    current: int = FORMAT_VERSION,
    steps: Mapping[int, Migration] | None = None,
) -> dict[str, Any]:
    """Bring a version-*version* document (version key removed) up to *current*.

    Raises:
        LoadError: the version is newer than *current*, or no migration path exists.
    """
    table = MIGRATIONS if steps is None else steps
    if version > current:
        raise LoadError(
            f"{VERSION_KEY}: {show(version)} is newer than the newest format this accord reads ({current}); "
            "upgrade accord"
        )
    if version < 1:
        raise LoadError(f"{VERSION_KEY}: {show(version)} is not a format version (they start at 1)")
    if version < current:
        document = copy.deepcopy(document)  # steps may change their argument; the caller's stays intact
    while version < current:
        step = table.get(version)
        if step is None:
            raise LoadError(f"{VERSION_KEY}: no migration from format version {version} to {version + 1}")
        document = step(document)
        version += 1
    return document
