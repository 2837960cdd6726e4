"""Run blocking work off the GUI thread and hand the result back on it.

Like Picard's `run_task` and Anki's task manager: the work goes to a QThreadPool, and its
result or exception comes back to the GUI thread through a queued signal. There are three
pools: "db" has one thread, so database writes queue one after another instead of fighting
over SQLite's write lock; "read" has a few threads for queries (WAL lets them run during a
write); "io" has a few for network, camera and printing. Background functions never touch
widgets: they return plain data and the callbacks (run on the GUI thread) draw it.

Tests call `use_inline_tasks()` (or the `inline_tasks` fixture) so work runs at once, in
order, on the calling thread.
"""
from __future__ import annotations

import logging
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any, Literal

import shiboken6
from PySide6.QtCore import QCoreApplication, QObject, QRunnable, QThread, QThreadPool, Signal, Slot

log = logging.getLogger(__name__)

Pool = Literal["db", "read", "io"]
POOL_SIZES: dict[str, int] = {"db": 1, "read": 2, "io": 4}
OnDone = Callable[[Any], None]
OnError = Callable[[BaseException], None]


class _Delivery(QObject):
    """Lives on the GUI thread; a signal emitted from a worker reaches `_run` there."""

    deliver = Signal(object)

    def __init__(self) -> None:
        super().__init__()
        self.deliver.connect(self._run)

    @Slot(object)
    def _run(self, call: Callable[[], None]) -> None:
        call()


class _Job(QRunnable):
    def __init__(self, fn: Callable[[], Any], finish: Callable[[Any, BaseException | None], None],
                 delivery: _Delivery) -> None:
        super().__init__()
        self._fn = fn
        self._finish = finish
        self._delivery = delivery

    def run(self) -> None:
        try:
            result = self._fn()
        except Exception as exc:  # noqa: BLE001 - handed to on_error on the GUI thread
            error: BaseException | None = exc
            result = None
        else:
            error = None
        finish = self._finish
        self._delivery.deliver.emit(lambda: finish(result, error))


class TaskRunner:
    """The pools and the way back to the GUI thread. Build it on the GUI thread."""

    def __init__(self, *, inline: bool = False) -> None:
        self.inline = inline
        self._delivery = _Delivery()
        self._pools: dict[str, QThreadPool] = {}
        for name, size in POOL_SIZES.items():
            pool = QThreadPool()
            pool.setMaxThreadCount(size)
            self._pools[name] = pool

    def pool(self, name: Pool) -> QThreadPool:
        return self._pools[name]

    def submit(self, fn: Callable[[], Any], on_done: OnDone | None, on_error: OnError | None,
               pool: Pool, owner: QObject | None) -> None:
        if pool not in self._pools:
            raise ValueError(f"unknown pool {pool!r}; use one of {sorted(self._pools)}")

        def finish(result: Any, error: BaseException | None) -> None:
            if owner is not None and not shiboken6.isValid(owner):
                log.debug("task finished after its owner was closed; result dropped")
                return
            if error is None:
                if on_done is not None:
                    on_done(result)
            elif on_error is not None:
                on_error(error)
            else:
                log.error("background task failed", exc_info=error)

        if self.inline:
            try:
                result = fn()
            except Exception as exc:  # noqa: BLE001
                finish(None, exc)
            else:
                finish(result, None)
            return
        self._pools[pool].start(_Job(fn, finish, self._delivery))

    def wait(self, msecs: int = 10_000) -> bool:
        """Wait for every pool to finish (at shutdown, and in tests)."""
        return all(p.waitForDone(msecs) for p in self._pools.values())


_runner: TaskRunner | None = None


def runner() -> TaskRunner:
    """The runner in use, built on first use (which must be on the GUI thread)."""
    global _runner
    if _runner is None:
        app = QCoreApplication.instance()
        if app is None or QThread.currentThread() is not app.thread():
            raise RuntimeError("the task runner must be made on the GUI thread, after the QApplication")
        _runner = TaskRunner()
    return _runner


def run_in_background(
    fn: Callable[[], Any],
    on_done: OnDone | None = None,
    on_error: OnError | None = None,
    pool: Pool = "db",
    *,
    owner: QObject | None = None,
) -> None:
    """Run fn() on a worker of `pool`; then on_done(result) or on_error(exc) on the GUI thread.

    fn must not touch widgets. If `owner` (usually the widget asking) has been deleted by the
    time the work is done, neither callback runs. Without on_error, a failure is logged.
    """
    runner().submit(fn, on_done, on_error, pool, owner)


@contextmanager
def use_inline_tasks() -> Iterator[TaskRunner]:
    """Run every task at once on the calling thread (deterministic tests)."""
    global _runner
    previous = _runner
    _runner = TaskRunner(inline=True)
    try:
        yield _runner
    finally:
        _runner = previous
