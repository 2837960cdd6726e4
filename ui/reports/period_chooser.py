"""今天 / 本周 / 本月 / 自选: which business days the reports cover.

The chooser only says what was picked; the screen asks the core for the Period (today is the
store's business day, not the computer's date).
"""
from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, Signal
from PySide6.QtWidgets import QButtonGroup, QDateEdit, QHBoxLayout, QLabel, QPushButton, QWidget

KINDS = ("today", "week", "month", "range")


def to_qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


def from_qdate(day: QDate) -> date:
    return date(day.year(), day.month(), day.day())


class PeriodChooser(QWidget):
    changed = Signal(str, object, object)
    """(kind, first, last): first and last are dates for "range", else None."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.kind = "today"
        self.buttons: dict[str, QPushButton] = {}
        group = QButtonGroup(self)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(6)
        for kind in KINDS:
            button = QPushButton(objectName="periodButton", checkable=True)
            button.clicked.connect(lambda _=False, k=kind: self.choose(k))
            group.addButton(button)
            self.buttons[kind] = button
            layout.addWidget(button)
        self.first = QDateEdit(calendarPopup=True, displayFormat="yyyy-MM-dd")
        self.last = QDateEdit(calendarPopup=True, displayFormat="yyyy-MM-dd")
        self.dash = QLabel("~", objectName="periodLabel")
        for edit in (self.first, self.last):
            edit.dateChanged.connect(self._range_edited)
        layout.addWidget(self.first)
        layout.addWidget(self.dash)
        layout.addWidget(self.last)
        self.buttons["today"].setChecked(True)
        self._show_range(False)
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        names = {"today": self.tr("Today"), "week": self.tr("This week"),
                 "month": self.tr("This month"), "range": self.tr("Choose dates")}
        for kind, button in self.buttons.items():
            button.setText(names[kind])

    def set_today(self, today: date) -> None:
        """Start a chosen range on this month so far; nothing later than today."""
        for edit in (self.first, self.last):
            edit.blockSignals(True)
            edit.setMaximumDate(to_qdate(today))
        if self.kind != "range":
            self.first.setDate(to_qdate(today.replace(day=1)))
            self.last.setDate(to_qdate(today))
        for edit in (self.first, self.last):
            edit.blockSignals(False)

    def choose(self, kind: str, first: date | None = None, last: date | None = None) -> None:
        self.kind = kind
        self.buttons[kind].setChecked(True)
        if first is not None and last is not None:
            for edit, day in ((self.first, first), (self.last, last)):
                edit.blockSignals(True)
                edit.setDate(to_qdate(day))
                edit.blockSignals(False)
        self._show_range(kind == "range")
        self.changed.emit(*self.current())

    def current(self) -> tuple[str, date | None, date | None]:
        if self.kind == "range":
            return self.kind, from_qdate(self.first.date()), from_qdate(self.last.date())
        return self.kind, None, None

    def _range_edited(self) -> None:
        if self.kind == "range":
            self.changed.emit(*self.current())

    def _show_range(self, on: bool) -> None:
        for widget in (self.first, self.dash, self.last):
            widget.setVisible(on)
