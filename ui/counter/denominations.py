"""Counting the drawer by notes and coins (100 元 … 1 角): how many of each, and the total.

Enter moves to the next count, so the whole drawer is counted without the mouse; an empty
count is none.
"""
from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QIntValidator, QKeyEvent
from PySide6.QtWidgets import QGridLayout, QLabel, QLineEdit, QWidget

from app.money import fmt_fen
from app.till import DENOMINATIONS_FEN


class DenominationCounter(QWidget):
    changed = Signal(int)
    """The counted total in fen."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("denominationCounter")
        self.names: dict[int, QLabel] = {}
        self.fields: dict[int, QLineEdit] = {}
        self.amounts: dict[int, QLabel] = {}
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setHorizontalSpacing(10)
        grid.setVerticalSpacing(6)
        half = (len(DENOMINATIONS_FEN) + 1) // 2
        for i, fen in enumerate(DENOMINATIONS_FEN):
            row, col = i % half, (i // half) * 4
            name = QLabel()
            name.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            name.setMinimumWidth(80)
            edit = QLineEdit(objectName="countEdit")
            edit.setValidator(QIntValidator(0, 99_999, edit))
            edit.setAlignment(Qt.AlignmentFlag.AlignRight)
            edit.setPlaceholderText("0")
            edit.textChanged.connect(self._update)
            edit.installEventFilter(self)
            amount = QLabel("", objectName="countAmount")
            amount.setMinimumWidth(130)
            amount.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            grid.addWidget(name, row, col)
            grid.addWidget(edit, row, col + 1)
            grid.addWidget(amount, row, col + 2)
            self.names[fen], self.fields[fen], self.amounts[fen] = name, edit, amount
        grid.setColumnMinimumWidth(3, 40)
        grid.setColumnStretch(7, 1)
        self.retranslate()

    def count(self, fen: int) -> int:
        text = self.fields[fen].text().strip()
        return int(text) if text.isdigit() else 0

    def counts(self) -> dict[int, int]:
        return {fen: self.count(fen) for fen in self.fields if self.count(fen)}

    def total_fen(self) -> int:
        return sum(fen * self.count(fen) for fen in self.fields)

    def set_counts(self, counts: dict[int, int]) -> None:
        for fen, edit in self.fields.items():
            edit.setText(str(counts[fen]) if counts.get(fen) else "")

    def focus_first(self) -> None:
        first = self.fields[DENOMINATIONS_FEN[0]]
        first.setFocus()
        first.selectAll()

    def _update(self) -> None:
        for fen in self.fields:
            n = self.count(fen)
            self.amounts[fen].setText(fmt_fen(fen * n) if n else "")
        self.changed.emit(self.total_fen())

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        order = list(self.fields.values())
        if isinstance(event, QKeyEvent) and event.type() == QEvent.Type.KeyPress \
                and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and obj in order:
            index = order.index(obj)  # type: ignore[arg-type]
            if index < len(order) - 1:
                order[index + 1].setFocus()
                order[index + 1].selectAll()
                return True
        return False

    def retranslate(self) -> None:
        for fen, label in self.names.items():
            if fen >= 100:
                label.setText(self.tr("{0} yuan").format(fen // 100))
            else:
                label.setText(self.tr("{0} jiao").format(fen // 10))
