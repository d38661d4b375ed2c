"""Pausing the collector, and settling large reads, leave the caller's collector as it was."""

import gc
import threading

import pytest

from accord._gc import collector_paused


def test_the_collector_is_paused_and_restored() -> None:
    assert gc.isenabled()
    frozen = gc.get_freeze_count()  # CPython 3.12 keeps immortal objects in the permanent generation
    with collector_paused(settle=True):
        assert not gc.isenabled()
    assert gc.isenabled()
    if not frozen:
        assert gc.get_freeze_count() == 0  # nothing left frozen


def test_objects_another_thread_freezes_during_the_read_stay_frozen() -> None:
    inside, go = threading.Event(), threading.Event()

    def read() -> None:
        with collector_paused(settle=True):
            inside.set()
            go.wait(10)

    thread = threading.Thread(target=read)
    thread.start()
    inside.wait(10)
    gc.freeze()
    try:
        frozen = gc.get_freeze_count()
        assert frozen > 0
        go.set()
        thread.join(10)
        assert gc.get_freeze_count() > frozen // 2  # still frozen (a few may have been freed since)
    finally:
        gc.unfreeze()


def test_an_interruption_while_settling_leaves_nothing_frozen(monkeypatch: pytest.MonkeyPatch) -> None:
    real_freeze = gc.freeze

    def interrupted() -> None:
        real_freeze()
        raise KeyboardInterrupt

    monkeypatch.setattr(gc, "freeze", interrupted)
    with pytest.raises(KeyboardInterrupt), collector_paused(settle=True):
        pass
    assert gc.get_freeze_count() == 0
    assert gc.isenabled()


def test_a_failed_read_settles_nothing(monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[str] = []
    monkeypatch.setattr(gc, "freeze", lambda: calls.append("freeze"))
    with pytest.raises(ValueError, match="bad document"), collector_paused(settle=True):
        raise ValueError("bad document")
    assert calls == []
    assert gc.isenabled()
