"""Pausing Python's cyclic garbage collector while many acyclic objects are built."""

import contextlib
import gc
from collections.abc import Iterator

__all__ = ["collector_paused"]


@contextlib.contextmanager
def collector_paused(*, settle: bool = False) -> Iterator[None]:
    """Pause the cyclic garbage collector while a document or data set is read and built.

    Reading creates only acyclic objects (dicts, lists, frozen model objects),
    so a collection in the middle can free nothing; without the pause Python
    runs repeated full collections over the growing heap, which costs a third
    of the time. Reference counting still frees everything as usual. The
    previous state is restored afterwards (a collector switched off by the
    caller stays off). The switch is process-wide: a thread that turns the
    collector off while accord is reading finds it on again afterwards.

    With *settle* (for large reads), what was built also skips the young
    generations: once the collector runs again, its next young collection
    would traverse every new object and could free none of them (a tenth of
    a second for a large framework). So the young generations are collected
    first (they hold only what was there before, and are small by design),
    and once the read succeeds ``gc.freeze()`` and ``gc.unfreeze()`` move what
    it built straight to the oldest generation, in constant time, where full
    collections still examine it as usual. Objects other threads create
    during the read are moved with them. Nothing of this happens when the
    caller switched the collector off or froze objects itself, before or
    during the read. CPython 3.12 moves immortal objects to the permanent
    generation itself, so there objects are always frozen and large reads do
    not settle (their objects are collected as young ones are, once).
    """
    collecting = gc.isenabled()
    settle = settle and collecting and not gc.get_freeze_count()
    if settle:
        gc.collect(1)
    if collecting:
        gc.disable()
    try:
        yield
        if settle and not gc.get_freeze_count():  # (another thread may have frozen objects meanwhile)
            try:
                gc.freeze()
            finally:  # even if interrupted: nothing stays frozen
                gc.unfreeze()
    finally:
        if collecting:
            gc.enable()
