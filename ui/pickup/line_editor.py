"""Every line of an order: item, storage, ordered, short, picked, still to hand out, and a
quantity box for this hand-out (all of what is left, unless the leader lowers it: F7)."""
from __future__ import annotations

from html import escape

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractSpinBox,
    QFrame,
    QGridLayout,
    QLabel,
    QScrollArea,
    QSpinBox,
    QWidget,
)

from app.pickups import VerdictLine
from ui.pickup.formatting import repolish, storage_text

COLUMNS = 7


class HandOutLineEditor(QScrollArea):
    """The lines of one verdict. `quantities()` is what to hand out now."""

    quantities_changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("lineEditor")
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self._body = QWidget()
        self._grid = QGridLayout(self._body)
        self._grid.setContentsMargins(4, 4, 4, 4)
        self._grid.setHorizontalSpacing(18)
        self._grid.setVerticalSpacing(6)
        self.setWidget(self._body)
        self._headers = [QLabel(objectName="lineHeader") for _ in range(COLUMNS)]
        for column, label in enumerate(self._headers):
            align = Qt.AlignmentFlag.AlignLeft if column < 2 else Qt.AlignmentFlag.AlignRight
            self._grid.addWidget(label, 0, column, alignment=align | Qt.AlignmentFlag.AlignBottom)
        self._grid.setColumnStretch(0, 1)
        self._lines: tuple[VerdictLine, ...] = ()
        self.spins: dict[int, QSpinBox] = {}
        self._row_widgets: list[QWidget] = []
        self._storage_labels: list[QLabel] = []
        self._stretch_row = 1
        self.retranslate_ui()

    # --- content -------------------------------------------------------------------------

    def set_lines(self, lines: tuple[VerdictLine, ...], *, editable: bool) -> None:
        for widget in self._row_widgets:
            self._grid.removeWidget(widget)
            widget.hide()  # deleteLater waits for the event loop; it must vanish now
            widget.deleteLater()
        self._row_widgets = []
        self._storage_labels = []
        self.spins = {}
        self._lines = lines
        right = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
        for row, line in enumerate(lines, start=1):
            name = QLabel(objectName="lineName", wordWrap=True, textFormat=Qt.TextFormat.RichText)
            spec = f"&nbsp; <span style='font-size:13pt;color:#555555'>{escape(line.spec)}</span>"
            name.setText(escape(line.item_name) + (spec if line.spec else ""))
            storage = QLabel(storage_text(line.storage), objectName="storageTag")
            storage.setProperty("storage", line.storage)
            numbers = [QLabel(str(n), objectName="lineNumber") for n in (line.ordered, line.short, line.picked)]
            numbers[1].setProperty("alert", line.short > 0)
            todo = QLabel(str(line.to_hand_out), objectName="lineTodo")
            done = line.to_hand_out == 0  # nothing left on this line: greyed
            for label in (name, *numbers, todo):
                label.setProperty("done", done)
            spin = QSpinBox(objectName="lineQty")
            spin.setRange(0, line.to_hand_out)
            spin.setValue(line.to_hand_out)
            spin.setEnabled(editable and line.to_hand_out > 0)
            spin.setButtonSymbols(QAbstractSpinBox.ButtonSymbols.UpDownArrows)
            spin.setAlignment(Qt.AlignmentFlag.AlignRight)
            spin.valueChanged.connect(self.quantities_changed)
            self._grid.addWidget(name, row, 0)
            self._grid.addWidget(storage, row, 1, alignment=Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
            for column, label in enumerate([*numbers, todo], start=2):
                self._grid.addWidget(label, row, column, alignment=right)
            self._grid.addWidget(spin, row, 6, alignment=right)
            self.spins[line.order_line_id] = spin
            self._row_widgets += [name, storage, *numbers, todo, spin]
            self._storage_labels.append(storage)
            for widget in (name, storage, *numbers, todo):
                repolish(widget)
        self._grid.setRowStretch(self._stretch_row, 0)
        self._stretch_row = len(lines) + 1
        self._grid.setRowStretch(self._stretch_row, 1)

    def lines(self) -> tuple[VerdictLine, ...]:
        return self._lines

    def quantities(self) -> dict[int, int]:
        """Order line id -> pieces to hand out now (lines set to 0 left out)."""
        return {line_id: spin.value() for line_id, spin in self.spins.items() if spin.value() > 0}

    def is_everything(self) -> bool:
        """True when every box still says all of what is left (a whole hand-out)."""
        return all(
            self.spins[line.order_line_id].value() == line.to_hand_out for line in self._lines
        )

    def pieces(self) -> int:
        return sum(self.quantities().values())

    def focus_first(self) -> bool:
        """Put the cursor in the first quantity that can change (F7); False if there is none."""
        for spin in self.spins.values():
            if spin.isEnabled():
                spin.setFocus(Qt.FocusReason.ShortcutFocusReason)
                spin.selectAll()
                return True
        return False

    # --- texts ---------------------------------------------------------------------------

    def retranslate_ui(self) -> None:
        words = [
            self.tr("Item"), self.tr("Kept"), self.tr("Ordered"), self.tr("Short"),
            self.tr("Picked"), self.tr("Left"), self.tr("Hand out now"),
        ]
        for label, word in zip(self._headers, words, strict=True):
            label.setText(word)
        for line, label in zip(self._lines, self._storage_labels, strict=False):
            label.setText(storage_text(line.storage))

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt override
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)
