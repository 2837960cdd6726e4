"""挂单 (F7) and 取单 (F8): park the cart with an optional note, take a parked one back."""
from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QLineEdit, QListWidget, QListWidgetItem, QWidget

from app.actors import Actor
from app.bootstrap import AppContext
from app.cart import Cart
from app.held_carts import HeldCartInfo
from app.money import fmt_fen
from ui.counter.dialog_base import CounterDialog


class HoldDialog(CounterDialog):
    held = Signal(object)
    """The HeldCartInfo saved; the screen then empties its cart."""

    def __init__(self, ctx: AppContext, actor: Actor, cart: Cart, parent: QWidget | None = None) -> None:
        super().__init__(ctx, actor, parent)
        self.cart = cart
        self.label = QLineEdit(objectName="holdLabel")
        self.label.setMaxLength(50)
        self.body.addWidget(self.label)
        self.body.addStretch(1)
        self.ok_button = self.add_button(self.accept_action, primary=True)
        self.cancel_button = self.add_button(self.reject)
        self.resize(640, 300)
        self.retranslate_ui()
        self.label.setFocus()

    def accept_action(self) -> None:
        held, cart, actor, label = self.services.held_carts, self.cart, self.actor, self.label.text()
        self.run(lambda: held.hold(cart=cart, actor=actor, label=label), self._held)

    def _held(self, info: HeldCartInfo) -> None:
        self.held.emit(info)
        self.accept()

    def retranslate_ui(self) -> None:
        t = self.cart.totals()
        self.setWindowTitle(self.tr("Hold"))
        self.title_label.setText(self.tr("Hold this cart ({0})").format(fmt_fen(t.due_fen)))
        self.set_note(self.tr("A note helps find it again (optional), e.g. “lady in red”."))
        self.label.setPlaceholderText(self.tr("note (optional)"))
        self.ok_button.setText(self.tr("Hold (Enter)"))
        self.cancel_button.setText(self.tr("Cancel (Esc)"))


class HeldCartsDialog(CounterDialog):
    resumed = Signal(object)
    """The Cart taken back (off the held list)."""

    def __init__(self, ctx: AppContext, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(ctx, actor, parent)
        self.held: list[HeldCartInfo] = []
        self.list = QListWidget(objectName="heldList")
        self.list.itemDoubleClicked.connect(lambda _i: self.accept_action())
        self.body.addWidget(self.list, 1)
        self.ok_button = self.add_button(self.accept_action, primary=True)
        self.cancel_button = self.add_button(self.reject)
        self.resize(900, 560)
        self.retranslate_ui()
        self.run(self.services.held_carts.list_held, self._listed, pool="read")

    def _listed(self, held: list[HeldCartInfo]) -> None:
        self.held = held
        self.list.clear()
        for h in held:
            note = f"  “{h.label}”" if h.label else ""
            text = self.tr("{0}  {1} lines  {2}  {3}").format(f"{h.local_time:%H:%M}", h.line_count,
                                                              fmt_fen(h.due_fen), h.staff_name) + note
            self.list.addItem(QListWidgetItem(text))
        if held:
            self.list.setCurrentRow(len(held) - 1)
            self.list.setFocus()
        else:
            self.set_note(self.tr("No carts are on hold."))

    def accept_action(self) -> None:
        row = self.list.currentRow()
        if not 0 <= row < len(self.held):
            self.reject()
            return
        held_id, service, actor = self.held[row].id, self.services.held_carts, self.actor
        self.run(lambda: service.resume(held_id=held_id, actor=actor), self._resumed)

    def _resumed(self, cart: Cart) -> None:
        self.resumed.emit(cart)
        self.accept()

    def retranslate_ui(self) -> None:
        self.setWindowTitle(self.tr("Resume"))
        self.title_label.setText(self.tr("Carts on hold"))
        self.ok_button.setText(self.tr("Resume (Enter)"))
        self.cancel_button.setText(self.tr("Cancel (Esc)"))
