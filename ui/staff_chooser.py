"""The big list of staff and the PIN field that the sign-in and approval dialogs use.

↑ ↓ move through it; with the list focused, typing a staff number selects that person. In
the dialogs the PIN field keeps the focus and passes ↑ ↓ on to this list, so a person only
ever types their PIN and presses Enter.
"""
from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QRegularExpression, Qt, QTimer
from PySide6.QtGui import QKeyEvent, QRegularExpressionValidator
from PySide6.QtWidgets import QLineEdit, QListWidget, QListWidgetItem, QWidget

from app.actors import Actor
from app.money import normalize_digits
from ui.i18n import current_language
from ui.status_bar import role_text

TYPED_RESET_MS = 1_500


class StaffList(QListWidget):
    """One row per person: staff number, name, roles."""

    def __init__(self, staff: list[Actor], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("staffList")
        self._staff: list[Actor] = []
        self._typed = ""
        self._typed_timer = QTimer(self, singleShot=True, interval=TYPED_RESET_MS)
        self._typed_timer.timeout.connect(self._clear_typed)
        self.installEventFilter(self)
        self.set_staff(staff)

    def set_staff(self, staff: list[Actor], *, select: str | None = None) -> None:
        self._staff = list(staff)
        self.clear()
        lang = current_language()
        for actor in self._staff:
            self.addItem(QListWidgetItem(f"{actor.staff_no}    {actor.name}    {role_text(actor, lang)}"))
        if self._staff:
            self.setCurrentRow(0)
        if select:
            self.select_staff_no(select)

    @property
    def staff(self) -> list[Actor]:
        return list(self._staff)

    def chosen(self) -> Actor | None:
        row = self.currentRow()
        return self._staff[row] if 0 <= row < len(self._staff) else None

    def select_staff_no(self, typed: str) -> bool:
        """Select the staff member whose number is typed (exact, else the first that starts so)."""
        typed = normalize_digits(typed)
        for match in (lambda no: no == typed, lambda no: no.startswith(typed),
                      lambda no: no.lstrip("0") == typed.lstrip("0")):
            for row, actor in enumerate(self._staff):
                if match(actor.staff_no):
                    self.setCurrentRow(row)
                    return True
        return False

    def step(self, delta: int) -> None:
        """Move the selection up (-1) or down (+1), staying inside the list."""
        if self._staff:
            self.setCurrentRow(max(0, min(len(self._staff) - 1, self.currentRow() + delta)))

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        if obj is self and event.type() == QEvent.Type.KeyPress:
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


class PinEdit(QLineEdit):
    """A PIN field: shows dots, takes 4-6 digits (full-width too), never keeps text it
    should not (cleared after every try), and hands ↑ ↓ to the staff list beside it."""

    def __init__(self, staff_list: StaffList | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("pinEdit")
        self._list = staff_list
        self.setEchoMode(QLineEdit.EchoMode.Password)
        self.setMaxLength(6)
        self.setValidator(QRegularExpressionValidator(QRegularExpression("[0-9０-９]{0,6}"), self))
        self.setInputMethodHints(Qt.InputMethodHint.ImhDigitsOnly | Qt.InputMethodHint.ImhSensitiveData
                                 | Qt.InputMethodHint.ImhNoPredictiveText)
        self.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.setMinimumWidth(220)

    def pin(self) -> str:
        return normalize_digits(self.text())

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt override
        if self._list is not None and event.key() in (Qt.Key.Key_Up, Qt.Key.Key_Down):
            self._list.step(-1 if event.key() == Qt.Key.Key_Up else 1)
            return
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            # Handled here, once: a QLineEdit would also let the dialog's default button
            # take the same Enter, and the PIN would be sent twice (the second time empty).
            self.returnPressed.emit()
            event.accept()
            return
        super().keyPressEvent(event)
