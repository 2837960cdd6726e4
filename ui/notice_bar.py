"""A band above the screen for short messages ("this screen does not take scans").

Not a dialog: the person at the counter reads it without having to close anything, and
it goes away by itself after a few seconds or when clicked.
"""
from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import QLabel, QWidget

SHOW_MS = {"info": 6_000, "warning": 8_000, "error": 12_000}


class NoticeBar(QLabel):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("noticeBar")
        self.setWordWrap(True)
        self.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self.hide)
        self.hide()

    def show_notice(self, text: str, level: str = "info") -> None:
        self.setText(text)
        self.setProperty("level", level)
        # Re-polish so the style sheet picks up the new level.
        self.style().unpolish(self)
        self.style().polish(self)
        self.show()
        self._timer.start(SHOW_MS.get(level, 6_000))

    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802 - Qt override
        self.hide()
        super().mousePressEvent(event)
