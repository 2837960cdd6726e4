"""The camera's live picture on the Pickup screen, with a green flash when a code is read.

It owns the CameraBridge: `start(choice)` when the screen is shown, `stop()` when it is
hidden; each code that comes into view is flashed and passed on as `read(text)`. With no
camera (none plugged in, switched off in Settings, or unplugged) it shows what to do
instead in plain words; the scanner and the entry box work as always.
"""
from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QEvent, QRect, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QFont, QImage, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QLabel, QSizePolicy, QVBoxLayout, QWidget

from app.errors import UserFacingError
from app.i18n import Text
from ui.i18n import current_language
from ui.pickup.camera_bridge import CameraBridge

FLASH_MS = 450


class CameraPicture(QWidget):
    """Draws the newest frame (kept to its shape), a hint, and the flash border."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("cameraPreview")
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent, True)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.image: QImage | None = None
        self.hint = ""
        self.flashing = False
        self._flash_timer = QTimer(self)
        self._flash_timer.setSingleShot(True)
        self._flash_timer.timeout.connect(self._end_flash)

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt override
        return QSize(360, 270)

    def minimumSizeHint(self) -> QSize:  # noqa: N802 - Qt override
        return QSize(240, 180)

    def flash(self) -> None:
        self.flashing = True
        self._flash_timer.start(FLASH_MS)
        self.update()

    def _end_flash(self) -> None:
        self.flashing = False
        self.update()

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt override
        painter = QPainter(self)
        painter.fillRect(self.rect(), QColor("#1d2733"))
        if self.image is not None and not self.image.isNull():
            scaled = self.image.scaled(
                self.size(), Qt.AspectRatioMode.KeepAspectRatio, Qt.TransformationMode.FastTransformation
            )
            x = (self.width() - scaled.width()) // 2
            y = (self.height() - scaled.height()) // 2
            painter.drawImage(x, y, scaled)
        if self.hint:
            font = QFont(self.font())
            font.setPointSize(15)
            painter.setFont(font)
            painter.setPen(QColor("#ffffff"))
            box = self.rect().adjusted(18, 18, -18, -18)
            painter.drawText(box, Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap, self.hint)
        if self.flashing:
            pen = QPen(QColor("#00e676"))
            pen.setWidth(14)
            painter.setPen(pen)
            painter.drawRect(QRect(7, 7, self.width() - 14, self.height() - 14))
        painter.end()


class CameraPreview(QWidget):
    """The picture, one line under it saying what the camera is doing, and the camera."""

    OFF, STARTING, LIVE, UNAVAILABLE, STOPPED = "off", "starting", "live", "unavailable", "stopped"

    read = Signal(str)  # a code has just come into view

    def __init__(self, parent: QWidget | None = None, *, bridge: CameraBridge | None = None) -> None:
        super().__init__(parent)
        self.bridge = bridge or CameraBridge(self)
        self.bridge.frame.connect(self.show_frame)
        self.bridge.decoded.connect(self._decoded)
        self.bridge.failed.connect(self._failed)
        self.bridge.stopped.connect(self._stopped)
        self.picture = CameraPicture()
        self.status = QLabel(objectName="cameraStatus", wordWrap=True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(6)
        layout.addWidget(self.picture, 1)
        layout.addWidget(self.status)
        self.state = self.STOPPED
        self._problem: Text | None = None  # the camera's own words for why there is no picture
        self.reads = 0
        self.retranslate_ui()

    # --- the camera ----------------------------------------------------------------------

    def start(self, choice: int | str | Path | None) -> None:
        """Open the camera (or its stand-in video or folder); None: switched off."""
        if choice is None:
            self.set_state(self.OFF)
            return
        self.set_state(self.STARTING)
        self.bridge.start(choice)

    def stop(self) -> None:
        self.bridge.stop()
        self.set_state(self.STOPPED)

    def _decoded(self, text: str) -> None:
        self.code_read()
        self.read.emit(text)

    def _failed(self, error: object) -> None:
        self.set_state(self.UNAVAILABLE, error.message if isinstance(error, UserFacingError) else None)

    def _stopped(self) -> None:
        if self.state in (self.LIVE, self.STARTING):
            self.set_state(self.STOPPED)

    # --- what it shows --------------------------------------------------------------------

    def set_state(self, state: str, problem: Text | None = None) -> None:
        self.state = state
        self._problem = problem
        if state != self.LIVE:
            self.picture.image = None
        self.retranslate_ui()

    def show_frame(self, image: QImage) -> None:
        if self.state != self.LIVE:
            self.state = self.LIVE
            self.retranslate_ui()
        self.picture.image = image
        self.picture.update()

    def code_read(self) -> None:
        self.reads += 1
        self.picture.flash()

    def hint_text(self) -> str:
        return self.picture.hint

    # --- texts ---------------------------------------------------------------------------

    def retranslate_ui(self) -> None:
        alternatives = self.tr("Use the scanner, or type the pickup code or phone ending above.")
        if self.state == self.OFF:
            hint = self.tr("The camera is switched off in Settings.") + "\n" + alternatives
            status = self.tr("Camera: off")
        elif self.state == self.UNAVAILABLE:
            if self._problem is not None:
                hint = self._problem.for_lang(current_language())
            else:
                hint = self.tr("No camera.") + "\n" + alternatives
            status = self.tr("Camera: none")
        elif self.state == self.STARTING:
            hint = self.tr("Starting the camera…")
            status = self.tr("Camera: starting")
        elif self.state == self.LIVE:
            hint = ""
            status = self.tr("Camera: on — show the QR to it")
        else:
            hint = self.tr("Camera paused")
            status = self.tr("Camera: paused")
        self.picture.hint = hint
        self.status.setText(status)
        self.picture.update()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt override
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)
