"""Run the pickup camera (app.devices.camera.CameraSource) for the window.

CameraSource captures and decodes on threads of its own and calls back there. The bridge
re-emits those callbacks as Qt signals, which arrive on the GUI thread: `frame` (a QImage
for the preview), `decoded` (a code that has just come into view), `failed` (no camera, or
it went away: a UserFacingError whose text says what to do instead) and `stopped`.

Frames are not queued up: the capture thread keeps only the newest one and asks the GUI
thread to fetch it, so a busy GUI shows fewer frames rather than old ones. A source that
was stopped (the screen was hidden) is forgotten at once; anything it still reports is
dropped, so a code read just before leaving the screen never lands on another one.
"""
from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, QObject, Qt, Signal, Slot
from PySide6.QtGui import QImage

from app.devices.camera import CameraSource
from app.settings import Settings
from ui.tasks import run_in_background

if TYPE_CHECKING:
    import numpy as np

log = logging.getLogger(__name__)

SourceFactory = Callable[..., CameraSource]


def camera_choice(settings: Settings) -> int | str | None:
    """What the Pickup screen opens: the stand-in video or folder if one is set, else the
    camera number; None when the camera is switched off (camera_index -1)."""
    stand_in = settings.camera_source.strip()
    if stand_in:
        return stand_in
    if settings.camera_index < 0:
        return None
    return settings.camera_index


def frame_to_image(frame: np.ndarray) -> QImage:
    """A BGR (or BGRA, or grey) OpenCV frame as a QImage that owns its pixels."""
    import numpy as np

    frame = np.ascontiguousarray(frame)
    if frame.ndim == 2:
        fmt = QImage.Format.Format_Grayscale8
    elif frame.shape[2] == 4:
        fmt = QImage.Format.Format_ARGB32  # BGRA bytes are ARGB32 on little-endian machines
    else:
        fmt = QImage.Format.Format_BGR888
    height, width = frame.shape[:2]
    return QImage(frame.data, width, height, frame.strides[0], fmt).copy()


class CameraBridge(QObject):
    """One camera at a time: start(source) when the screen shows, stop() when it hides."""

    frame = Signal(QImage)
    decoded = Signal(str)
    failed = Signal(object)  # UserFacingError
    stopped = Signal()

    # From the camera's threads; each carries the generation of the source that sent it.
    _frame_waiting = Signal(int)
    _decoded_raw = Signal(int, str)
    _failed_raw = Signal(int, object)
    _stopped_raw = Signal(int)

    def __init__(self, parent: QObject | None = None, *, factory: SourceFactory = CameraSource) -> None:
        super().__init__(parent)
        self._factory = factory
        self._source: CameraSource | None = None
        self._stopping: list[CameraSource] = []
        self._generation = 0
        self._lock = threading.Lock()
        self._latest: tuple[int, Any] | None = None
        self._frame_pending = False
        queued = Qt.ConnectionType.QueuedConnection
        self._frame_waiting.connect(self._take_frame, queued)
        self._decoded_raw.connect(self._on_decoded, queued)
        self._failed_raw.connect(self._on_failed, queued)
        self._stopped_raw.connect(self._on_stopped, queued)
        app = QCoreApplication.instance()
        if app is not None:
            app.aboutToQuit.connect(self.shutdown)

    @property
    def running(self) -> bool:
        return self._source is not None

    @property
    def source(self) -> CameraSource | None:
        return self._source

    def start(self, source: int | str | Path) -> None:
        """Open `source` (a camera number, a video file or an image folder) and go."""
        self.stop()
        for old in self._stopping:
            if old.running:
                old.stop(timeout=2.0)  # the device may still be held by the last one
        self._stopping.clear()
        self._generation += 1
        gen = self._generation
        live = isinstance(source, int)
        self._source = self._factory(
            source,
            on_decoded=lambda text: self._decoded_raw.emit(gen, text),
            on_frame=lambda frame: self._keep_frame(gen, frame),
            on_error=lambda error: self._failed_raw.emit(gen, error),
            on_stopped=lambda: self._stopped_raw.emit(gen),
            drop_frames=live,
            loop=not live,  # a stand-in video keeps playing, as a camera would
        )
        log.info("camera started: %s", f"camera {source}" if live else "a stand-in video or folder")
        self._source.start()

    def stop(self, *, wait: bool = False) -> None:
        """Stop the camera. Without `wait` the threads are joined off the GUI thread."""
        source, self._source = self._source, None
        self._generation += 1
        with self._lock:
            self._latest = None
        if source is None:
            return
        if wait:
            source.stop(timeout=2.0)
            return
        self._stopping.append(source)
        run_in_background(lambda: source.stop(timeout=5.0), None, None, "io")

    @Slot()
    def shutdown(self) -> None:
        """At the end: stop and wait, so no camera thread outlives the window."""
        self.stop(wait=True)
        for old in self._stopping:
            old.stop(timeout=2.0)
        self._stopping.clear()

    # --- on the camera's threads ---------------------------------------------------------

    def _keep_frame(self, gen: int, frame: Any) -> None:
        with self._lock:
            self._latest = (gen, frame)
            if self._frame_pending:
                return
            self._frame_pending = True
        self._frame_waiting.emit(gen)

    # --- on the GUI thread ---------------------------------------------------------------

    @Slot(int)
    def _take_frame(self, _gen: int) -> None:
        with self._lock:
            latest, self._latest = self._latest, None
            self._frame_pending = False
        if latest is None or latest[0] != self._generation:
            return
        self.frame.emit(frame_to_image(latest[1]))

    @Slot(int, str)
    def _on_decoded(self, gen: int, text: str) -> None:
        if gen == self._generation:
            self.decoded.emit(text)

    @Slot(int, object)
    def _on_failed(self, gen: int, error: object) -> None:
        if gen == self._generation:
            self.failed.emit(error)

    @Slot(int)
    def _on_stopped(self, gen: int) -> None:
        if gen == self._generation:
            self._source = None
            self.stopped.emit()
