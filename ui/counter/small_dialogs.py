"""Two small questions at the counter: the weight of loose goods, and "clear the cart?"."""
from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QLineEdit, QWidget

from app.actors import Actor
from app.bootstrap import AppContext
from app.catalogue import ProductItem
from app.errors import UserFacingError
from app.money import fmt_fen
from ui.counter.dialog_base import CounterDialog
from ui.counter.formatting import parse_qty


class WeightDialog(CounterDialog):
    """Loose goods picked by name or PLU: how much does it weigh?"""

    weighed = Signal(object, int)
    """(the ProductItem, grams)."""

    def __init__(self, ctx: AppContext, actor: Actor, product: ProductItem,
                 parent: QWidget | None = None) -> None:
        super().__init__(ctx, actor, parent)
        self.product = product
        self.weight = QLineEdit(objectName="weight")
        self.body.addWidget(self.weight)
        self.body.addStretch(1)
        self.ok_button = self.add_button(self.accept_action, primary=True)
        self.cancel_button = self.add_button(self.reject)
        self.resize(620, 300)
        self.retranslate_ui()
        self.weight.setFocus()

    def accept_action(self) -> None:
        try:
            grams = parse_qty("kg", self.weight.text())
        except UserFacingError as exc:
            self.show_problem(exc)
            return
        self.weighed.emit(self.product, grams)
        self.accept()

    def retranslate_ui(self) -> None:
        self.setWindowTitle(self.tr("Weight"))
        self.title_label.setText(self.tr("Weigh: {0}").format(self.product.name))
        self.set_note(self.tr("{0} per kg. Type the weight in kg (0.532) or grams (532g).").format(
            fmt_fen(self.product.price_fen)))
        self.weight.setPlaceholderText("0.000")
        self.ok_button.setText(self.tr("Add (Enter)"))
        self.cancel_button.setText(self.tr("Cancel (Esc)"))


class ConfirmClearDialog(CounterDialog):
    def __init__(self, ctx: AppContext, actor: Actor, lines: int, due_fen: int,
                 parent: QWidget | None = None) -> None:
        super().__init__(ctx, actor, parent)
        self.lines, self.due_fen = lines, due_fen
        self.ok_button = self.add_button(self.accept_action, primary=True)
        self.cancel_button = self.add_button(self.reject)
        self.resize(600, 260)
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        self.setWindowTitle(self.tr("Clear the cart"))
        self.title_label.setText(self.tr("Clear the cart?"))
        self.set_note(self.tr("{0} lines, {1}. Nothing is sold or saved.").format(self.lines, fmt_fen(self.due_fen)))
        self.ok_button.setText(self.tr("Clear (Enter)"))
        self.cancel_button.setText(self.tr("Keep it (Esc)"))
