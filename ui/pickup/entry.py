"""The entry box for a typed pickup code or phone ending: Enter submits it, and goes no
further (the screen behind treats a bare Enter as "hand it out")."""
from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QLineEdit, QWidget

MAX_TYPED = 200  # a pasted QR text is about 140 characters


class CodeEntry(QLineEdit):
    submitted = Signal(str)

    def __init__(self, parent: QWidget | None = None, *, object_name: str = "pickupEntry") -> None:
        super().__init__(parent)
        self.setObjectName(object_name)
        self.setMaxLength(MAX_TYPED)
        self.setClearButtonEnabled(True)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt override
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            text = self.text()
            self.clear()
            self.submitted.emit(text)
            event.accept()
            return
        super().keyPressEvent(event)
