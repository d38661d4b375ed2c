"""Pausing Python's cyclic garbage collector while many acyclic objects are built."""

import contextlib
import gc
from collections.abc import Iterator

__all__ = ["collector_paused"]


@contextlib.contextmanager
def collector_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector while a document or data set is read and built.

    Reading creates only acyclic objects (dicts, lists, frozen model objects),
    so a collection in the middle can free nothing; without the pause Python
    runs repeated full collections over the growing heap, which costs a third
    of the time. Reference counting still frees everything as usual. The
    previous state is restored afterwards (a collector switched off by the
    caller stays off). The switch is process-wide: a thread that turns the
    collector off while accord is reading finds it on again afterwards.
    """
    collecting = gc.isenabled()
    if collecting:
        gc.disable()
    try:
        yield
    finally:
        if collecting:
            gc.enable()
