"""Two small questions the Pickup screen asks: why undo a hand-out (required, audited), and
who collects for the customer (代取, a note kept with the pickup).

Both open window-modal without blocking (QDialog.open), so scans, background work and
tests carry on; the screen acts on `accepted`.
"""
from __future__ import annotations

from PySide6.QtCore import QEvent
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

MAX_NOTE = 200  # as the core allows


class _TextQuestion(QDialog):
    """A title, what it is about, a few ready answers, a line to type, OK / Cancel."""

    def __init__(self, about: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setModal(True)
        self.setMinimumWidth(640)
        self.title = QLabel(objectName="dialogTitle")
        self.about = QLabel(about, objectName="screenNote", wordWrap=True)
        self.prompt = QLabel(objectName="screenNote", wordWrap=True)
        self.edit = QLineEdit(objectName="dialogText")
        self.edit.setMaxLength(MAX_NOTE)
        self.presets_row = QHBoxLayout()
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.edit.textChanged.connect(self._update_ok)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(28, 24, 28, 20)
        layout.setSpacing(14)
        for widget in (self.title, self.about, self.prompt):
            layout.addWidget(widget)
        layout.addLayout(self.presets_row)
        layout.addWidget(self.edit)
        layout.addWidget(self.buttons)
        self._preset_buttons: list[QPushButton] = []

    def set_presets(self, presets: list[str]) -> None:
        for button in self._preset_buttons:
            self.presets_row.removeWidget(button)
            button.deleteLater()
        self._preset_buttons = []
        for text in presets:
            button = QPushButton(text, objectName="presetButton")
            button.setAutoDefault(False)
            button.clicked.connect(lambda _checked=False, t=text: self.edit.setText(t))
            self.presets_row.addWidget(button)
            self._preset_buttons.append(button)

    def text(self) -> str:
        return self.edit.text().strip()

    def _update_ok(self) -> None:
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(bool(self.text()))

    def accept(self) -> None:
        if self.text():
            super().accept()

    def showEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt override
        super().showEvent(event)
        self.edit.setFocus()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt override
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)

    def retranslate_ui(self) -> None:
        raise NotImplementedError


class UndoReasonDialog(_TextQuestion):
    """撤销核销: why the hand-out is taken back. The core refuses an undo without a reason."""

    def __init__(self, about: str, parent: QWidget | None = None) -> None:
        super().__init__(about, parent)
        self.setObjectName("undoDialog")
        self.retranslate_ui()
        self._update_ok()

    def retranslate_ui(self) -> None:
        self.setWindowTitle(self.tr("Undo pickup"))
        self.title.setText(self.tr("Undo pickup"))
        self.prompt.setText(self.tr("Why? (required, kept in the record)"))
        self.edit.setPlaceholderText(self.tr("Reason"))
        self.set_presets([self.tr("Wrong bag"), self.tr("Customer brought it back"), self.tr("Pressed by mistake")])


class ProxyNoteDialog(_TextQuestion):
    """代取: a neighbour collects for the customer; the note says who."""

    def __init__(self, about: str, parent: QWidget | None = None) -> None:
        super().__init__(about, parent)
        self.setObjectName("proxyDialog")
        self.retranslate_ui()
        self._update_ok()

    def retranslate_ui(self) -> None:
        self.setWindowTitle(self.tr("Picked up for someone"))
        self.title.setText(self.tr("Picked up for someone"))
        self.prompt.setText(self.tr("Who is collecting? (kept with the pickup)"))
        self.edit.setPlaceholderText(self.tr("e.g. Mrs Wang from building 3"))
        self.set_presets([self.tr("Family member"), self.tr("Neighbour")])
