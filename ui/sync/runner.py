"""The bridge that runs a sync off the GUI thread: on demand, and every sync_interval_s.

A sync can take minutes (the first pull of a busy station), reports progress as it goes,
and can be stopped; so it gets a QThread of its own for each run instead of a slot in the
shared pools. The job calls `fn(cancel_event, report_progress)` on that thread and its
signals come back to the GUI thread queued. Stopping sets the event: the engine stops
between pages and batches, and a retry's backoff sleep wakes at once.

A thread still running when its runner goes away (the window closed) is kept alive until
it ends; at application exit the runner cancels it and waits a few seconds.
"""
from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, QThread, QTimer, Signal, Slot

log = logging.getLogger(__name__)

SyncFn = Callable[[threading.Event, Callable[[Any], None]], Any]

_alive: set[QThread] = set()
"""Threads whose runner may be gone: kept referenced until they finish."""


class _SyncJob(QObject):
    progress = Signal(object)
    done = Signal(object)
    failed = Signal(object)

    def __init__(self, fn: SyncFn, cancel: threading.Event) -> None:
        super().__init__()
        self._fn = fn
        self._cancel = cancel

    @Slot()
    def run(self) -> None:
        try:
            result = self._fn(self._cancel, self.progress.emit)
        except Exception as exc:  # noqa: BLE001 - delivered to the GUI thread
            self.failed.emit(exc)
        else:
            self.done.emit(result)


class SyncRunner(QObject):
    """Starts syncs on a worker thread; the GUI listens to its signals."""

    started = Signal()
    progress = Signal(object)  # sync.engine.SyncProgress
    finished = Signal(object)  # whatever fn returned (SyncSummary)
    failed = Signal(object)  # an exception fn raised (not enrolled, already running, a bug)
    running_changed = Signal(bool)

    def __init__(
        self,
        fn: SyncFn,
        *,
        interval_s: int,
        should_auto: Callable[[], bool] = lambda: True,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._fn = fn
        self._should_auto = should_auto
        self._thread: QThread | None = None
        self._job: _SyncJob | None = None
        self._cancel: threading.Event | None = None
        self.interval_s = 0
        self.timer = QTimer(self)
        self.timer.timeout.connect(self._tick)
        self.set_interval(interval_s)
        app = QCoreApplication.instance()
        if app is not None:
            app.aboutToQuit.connect(self.shutdown)

    @property
    def running(self) -> bool:
        return self._thread is not None

    def set_interval(self, seconds: int) -> None:
        """Automatic syncs every `seconds` (0 or less: only on demand)."""
        self.interval_s = seconds
        if seconds > 0:
            self.timer.start(max(5, seconds) * 1000)
        else:
            self.timer.stop()

    def sync_now(self) -> bool:
        """Start a sync unless one is running; True if one was started."""
        if self._thread is not None:
            return False
        cancel = threading.Event()
        thread = QThread()
        thread.setObjectName("syncThread")
        job = _SyncJob(self._fn, cancel)
        job.moveToThread(thread)
        thread.started.connect(job.run)
        job.progress.connect(self.progress)
        job.done.connect(self._done)
        job.failed.connect(self._failed)
        job.done.connect(thread.quit)
        job.failed.connect(thread.quit)
        thread.finished.connect(job.deleteLater)
        thread.finished.connect(lambda: _alive.discard(thread))
        thread.finished.connect(thread.deleteLater)
        self._thread, self._job, self._cancel = thread, job, cancel
        _alive.add(thread)
        thread.start()
        self.started.emit()
        self.running_changed.emit(True)
        return True

    def cancel(self) -> None:
        """Ask the running sync to stop (it stops between pages and batches)."""
        if self._cancel is not None:
            self._cancel.set()

    def shutdown(self, wait_ms: int = 5_000) -> None:
        """Stop the timer, stop any sync, and wait a little for its thread (at exit)."""
        self.timer.stop()
        self.cancel()
        thread = self._thread
        if thread is not None and thread.isRunning():
            thread.quit()
            if not thread.wait(wait_ms):
                log.warning("the sync thread did not stop in %d ms", wait_ms)

    @Slot()
    def _tick(self) -> None:
        if self._thread is not None:
            return
        try:
            wanted = self._should_auto()
        except Exception:  # noqa: BLE001 - a failed check skips one automatic sync
            log.exception("could not decide whether to sync")
            return
        if wanted:
            self.sync_now()

    def _finish(self) -> None:
        self._thread, self._job, self._cancel = None, None, None
        self.running_changed.emit(False)

    @Slot(object)
    def _done(self, result: Any) -> None:
        self._finish()
        self.finished.emit(result)

    @Slot(object)
    def _failed(self, exc: Any) -> None:
        self._finish()
        self.failed.emit(exc)
