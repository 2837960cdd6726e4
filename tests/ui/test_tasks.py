"""Background work runs off the GUI thread and comes back on it; tests can run it inline."""
from __future__ import annotations

import threading

import pytest
from PySide6.QtCore import QObject

from ui.tasks import POOL_SIZES, TaskRunner, run_in_background, runner, use_inline_tasks


def test_work_runs_on_a_worker_and_the_result_comes_back_on_the_gui_thread(qtbot, gui_app):
    gui = threading.get_ident()
    seen: dict[str, object] = {}

    def work() -> int:
        seen["worker"] = threading.get_ident()
        return 42

    def done(result: int) -> None:
        seen["done_thread"] = threading.get_ident()
        seen["result"] = result

    run_in_background(work, done, pool="io")
    qtbot.waitUntil(lambda: "result" in seen, timeout=5_000)
    assert seen["result"] == 42
    assert seen["worker"] != gui
    assert seen["done_thread"] == gui


def test_an_exception_goes_to_on_error_on_the_gui_thread(qtbot, gui_app):
    gui = threading.get_ident()
    errors: list[tuple[BaseException, int]] = []

    def work() -> None:
        raise ValueError("bad scan")

    run_in_background(work, lambda _r: pytest.fail("no result expected"),
                      lambda exc: errors.append((exc, threading.get_ident())), pool="db")
    qtbot.waitUntil(lambda: bool(errors), timeout=5_000)
    exc, thread = errors[0]
    assert isinstance(exc, ValueError) and str(exc) == "bad scan"
    assert thread == gui


def test_db_pool_has_one_thread_so_writes_queue(gui_app):
    assert POOL_SIZES["db"] == 1
    assert runner().pool("db").maxThreadCount() == 1
    assert runner().pool("io").maxThreadCount() > 1


def test_db_pool_runs_tasks_one_at_a_time_in_order(qtbot, gui_app):
    order: list[int] = []
    running = {"now": 0, "max": 0}
    lock = threading.Lock()

    def make(i: int):
        def work() -> int:
            with lock:
                running["now"] += 1
                running["max"] = max(running["max"], running["now"])
            threading.Event().wait(0.01)
            with lock:
                running["now"] -= 1
            return i
        return work

    for i in range(5):
        run_in_background(make(i), order.append, pool="db")
    qtbot.waitUntil(lambda: len(order) == 5, timeout=5_000)
    assert order == [0, 1, 2, 3, 4]
    assert running["max"] == 1


def test_inline_tasks_run_at_once_in_order(gui_app):
    calls: list[str] = []
    with use_inline_tasks():
        run_in_background(lambda: calls.append("work") or 1, lambda r: calls.append(f"done {r}"))
        run_in_background(lambda: 1 / 0, None, lambda exc: calls.append(type(exc).__name__), pool="io")
    assert calls == ["work", "done 1", "ZeroDivisionError"]


def test_callbacks_are_dropped_when_the_owner_is_gone(gui_app):
    calls: list[object] = []
    owner = QObject()
    runner_ = TaskRunner(inline=True)
    import shiboken6

    shiboken6.delete(owner)
    runner_.submit(lambda: 1, calls.append, calls.append, "read", owner)
    assert calls == []


def test_unknown_pool_is_refused(gui_app):
    with pytest.raises(ValueError):
        run_in_background(lambda: None, pool="gpu")  # type: ignore[arg-type]
