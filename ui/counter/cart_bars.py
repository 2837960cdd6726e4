"""The two strips under the cart: the line editor (quantity F3, price and line discount F4,
order discount F6) and the totals with the amount due in huge type."""
from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QLineEdit, QVBoxLayout, QWidget

from app.cart import CartLine, CartTotals
from app.money import fmt_fen
from ui.counter.formatting import amount_input_text, kg_text

FIELDS = ("qty", "price", "discount", "order_discount")


class EditStrip(QFrame):
    """Fields for the selected line and the whole sale. Enter applies the field, Esc leaves it.

    The line a field edits is the one selected when the field was entered (`editing_key`), so
    a scan arriving meanwhile (which selects its own new line) cannot redirect the change.
    """

    apply = Signal(str, str, int)
    """(field, text typed, line key or 0 for the order discount)."""
    leave = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("editStrip")
        self.labels: dict[str, QLabel] = {}
        self.fields: dict[str, QLineEdit] = {}
        self.editing_key = 0
        self._line: CartLine | None = None
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(10)
        for name in FIELDS:
            label = QLabel()
            edit = QLineEdit(objectName=f"{name}Field")
            edit.setAlignment(Qt.AlignmentFlag.AlignRight)
            edit.installEventFilter(self)
            self.labels[name] = label
            self.fields[name] = edit
            if name == "order_discount":
                layout.addStretch(1)
            layout.addWidget(label)
            layout.addWidget(edit)
        self.set_line(None)

    def set_line(self, line: CartLine | None) -> None:
        """Show the selected line's figures (fields being typed in are left alone)."""
        self._line = line
        fixed = line is None or line.fixed_total_fen is not None
        values = {
            "qty": "" if line is None else (kg_text(line.qty) if line.unit == "kg" else str(line.qty)),
            "price": "" if line is None else amount_input_text(line.unit_price_fen),
            "discount": "" if line is None else amount_input_text(line.discount_fen),
        }
        for name, value in values.items():
            edit = self.fields[name]
            edit.setEnabled(line is not None and not (fixed and name != "discount"))
            if not edit.hasFocus():
                edit.setText(value)

    def set_order_discount(self, fen: int, enabled: bool) -> None:
        edit = self.fields["order_discount"]
        edit.setEnabled(enabled)
        if not edit.hasFocus():
            edit.setText(amount_input_text(fen) if fen else "")

    def focus_field(self, name: str) -> bool:
        edit = self.fields[name]
        if not edit.isEnabled():
            return False
        edit.setFocus(Qt.FocusReason.ShortcutFocusReason)
        edit.selectAll()
        return True

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        if not isinstance(obj, QLineEdit):
            return False
        name = next((n for n, e in self.fields.items() if e is obj), None)
        if name is None:
            return False
        if event.type() == QEvent.Type.FocusIn:
            self.editing_key = self._line.key if self._line is not None else 0
            obj.selectAll()
        elif event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent):
            if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                key = 0 if name == "order_discount" else self.editing_key
                self.apply.emit(name, obj.text(), key)
                return True
            if event.key() == Qt.Key.Key_Escape:
                self.leave.emit()
                return True
        return False

    def retranslate(self) -> None:
        self.labels["qty"].setText(self.tr("Qty F3"))
        self.labels["price"].setText(self.tr("Price F4"))
        self.labels["discount"].setText(self.tr("Line discount"))
        self.labels["order_discount"].setText(self.tr("Order discount F6"))
        self.fields["order_discount"].setPlaceholderText(self.tr("5 / 9折 / 10%"))


class TotalsBar(QFrame):
    """Pieces, subtotal, order discount, and what is due, big enough to read from the queue."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("totalsBar")
        self.pieces = QLabel(objectName="totalsSmall")
        self.subtotal = QLabel(objectName="totalsSmall")
        self.discount = QLabel(objectName="totalsSmall")
        self.approver = QLabel(objectName="totalsSmall")
        self.due_caption = QLabel(objectName="totalsDueCaption")
        self.due = QLabel(objectName="totalsDue")
        self.due.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        left = QVBoxLayout()
        left.setSpacing(2)
        row = QHBoxLayout()
        row.setSpacing(28)
        row.addWidget(self.pieces)
        row.addWidget(self.subtotal)
        row.addWidget(self.discount)
        row.addStretch(1)
        left.addLayout(row)
        left.addWidget(self.approver)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(20, 6, 24, 6)
        layout.addLayout(left, 1)
        layout.addWidget(self.due_caption, 0, Qt.AlignmentFlag.AlignVCenter)
        layout.addWidget(self.due, 0, Qt.AlignmentFlag.AlignVCenter)
        self._totals: CartTotals | None = None
        self._approver_name: str | None = None

    def show_totals(self, totals: CartTotals, approver_name: str | None) -> None:
        self._totals = totals
        self._approver_name = approver_name
        self.retranslate()

    def retranslate(self) -> None:
        t = self._totals
        self.due_caption.setText(self.tr("Due"))
        self.pieces.setText(self.tr("{0} items").format(t.piece_count if t else 0))
        self.subtotal.setText(self.tr("Subtotal {0}").format(fmt_fen(t.subtotal_fen if t else 0)))
        self.discount.setText(self.tr("Order discount {0}").format(fmt_fen(-t.order_discount_fen))
                              if t and t.order_discount_fen else "")
        self.approver.setText(self.tr("Approved by {0}").format(self._approver_name)
                              if self._approver_name else "")
        self.approver.setVisible(bool(self._approver_name))
        self.due.setText(fmt_fen(t.due_fen if t else 0))
