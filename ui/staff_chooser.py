"""Who is on duty: chosen at start from a big list (↑ ↓ and Enter, or type the staff number).

PIN sign-in comes later; this only says whose name goes on what is done.
"""
from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.actors import Actor
from app.money import normalize_digits
from ui.i18n import current_language
from ui.status_bar import role_text

TYPED_RESET_MS = 1_500


class StaffChooser(QDialog):
    def __init__(self, staff: list[Actor], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("staffChooser")
        self._staff = staff
        self._typed = ""
        self._title = QLabel(objectName="dialogTitle")
        self._hint = QLabel(objectName="screenNote", wordWrap=True)
        self.list = QListWidget(objectName="staffList")
        lang = current_language()
        for actor in staff:
            item = QListWidgetItem(f"{actor.staff_no}    {actor.name}    {role_text(actor, lang)}")
            self.list.addItem(item)
        if staff:
            self.list.setCurrentRow(0)
        self.list.installEventFilter(self)
        self.list.itemActivated.connect(lambda _item: self.accept())
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(32, 24, 32, 24)
        layout.setSpacing(16)
        layout.addWidget(self._title)
        layout.addWidget(self._hint)
        layout.addWidget(self.list, 1)
        layout.addWidget(self.buttons)
        self._typed_timer = QTimer(self, singleShot=True, interval=TYPED_RESET_MS)
        self._typed_timer.timeout.connect(self._clear_typed)
        self.resize(640, 520)
        self.retranslate_ui()
        self.list.setFocus()

    def chosen(self) -> Actor | None:
        row = self.list.currentRow()
        return self._staff[row] if 0 <= row < len(self._staff) else None

    def retranslate_ui(self) -> None:
        self.setWindowTitle(self.tr("Who is on duty?"))
        self._title.setText(self.tr("Who is on duty?"))
        self._hint.setText(self.tr("Choose with ↑ ↓ and Enter, or type your staff number."))
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Start"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Quit"))

    def select_staff_no(self, typed: str) -> bool:
        """Select the staff member whose number is typed (exact, else the first that starts so)."""
        for match in (lambda no: no == typed, lambda no: no.startswith(typed),
                      lambda no: no.lstrip("0") == typed.lstrip("0")):
            for row, actor in enumerate(self._staff):
                if match(actor.staff_no):
                    self.list.setCurrentRow(row)
                    return True
        return False

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        if obj is self.list and event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            text = normalize_digits(event.text())
            if len(text) == 1 and text.isascii() and text.isdigit():
                self._typed += text
                self._typed_timer.start()
                self.select_staff_no(self._typed)
                return True
            if event.key() == Qt.Key.Key_Backspace and self._typed:
                self._typed = self._typed[:-1]
                self._typed_timer.start()
                return True
        return super().eventFilter(obj, event)

    def _clear_typed(self) -> None:
        self._typed = ""

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt override
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)


def choose_staff(staff: list[Actor], parent: QWidget | None = None) -> Actor | None:
    """Ask who is on duty; None if the person quits."""
    dialog = StaffChooser(staff, parent)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return None
    return dialog.chosen()
