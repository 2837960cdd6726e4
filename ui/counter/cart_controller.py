"""The cart behind the Counter screen: app.cart.Cart (in memory, integer fen), its table,
which line is selected, and the owner who approved what was given away.

Every change goes through here so the table, the totals and the selection follow at once.
Cart methods raise UserFacingError and leave the cart as it was; so do these.
"""
from __future__ import annotations

from typing import Any

from PySide6.QtCore import QObject, QSignalBlocker, Signal

from app.actors import Actor
from app.cart import Cart, CartLine
from app.catalogue import BarcodeHit, ProductItem
from ui.counter.cart_table import CartModel, CartTable


class CartController(QObject):
    changed = Signal()
    """The cart's lines or totals changed (or another line was selected)."""

    def __init__(self, table: CartTable, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.cart = Cart()
        self.table = table
        self.model: CartModel = table.cart_model()
        self.approver: Actor | None = None
        """The owner who approved this cart's discounts or overrides (recorded on the sale)."""
        table.selectionModel().selectionChanged.connect(lambda *_: self.changed.emit())

    # --- reading --------------------------------------------------------------------------

    def selected_line(self) -> CartLine | None:
        return self.model.line_at(self.table.selected_row())

    def is_empty(self) -> bool:
        return self.cart.is_empty()

    # --- changing -------------------------------------------------------------------------

    def add_hit(self, hit: BarcodeHit) -> CartLine:
        return self._show(self.cart.add_hit(hit))

    def add_product(self, product: ProductItem, qty: int | None = None) -> CartLine:
        return self._show(self.cart.add_product(product, qty))

    def bump(self, delta: int) -> CartLine | None:
        """+1 / -1 on the selected line of pieces; at 1, minus removes nothing (Del does)."""
        line = self.selected_line()
        if line is None or line.unit != "piece" or line.fixed_total_fen is not None:
            return None
        if line.qty + delta < 1:
            return line
        return self._show(self.cart.set_qty(line.key, line.qty + delta))

    def set_qty(self, key: int, qty: int) -> CartLine:
        return self._show(self.cart.set_qty(key, qty))

    def set_price(self, key: int, unit_price_fen: int) -> CartLine:
        line = self.cart.line(key)
        if unit_price_fen == line.unit_price_fen:
            return line
        return self._show(self.cart.override_price(key, unit_price_fen))

    def set_discount(self, key: int, discount_fen: int) -> CartLine:
        line = self.cart.line(key)
        if discount_fen == line.discount_fen:
            return line
        return self._show(self.cart.set_line_discount(key, discount_fen))

    def set_order_discount(self, discount_fen: int) -> None:
        self.cart.set_order_discount(discount_fen)
        self._refresh(self.table.selected_row())

    def remove_selected(self) -> CartLine | None:
        line = self.selected_line()
        if line is None:
            return None
        row = self.table.selected_row()
        self.cart.remove(line.key)
        self._refresh(min(row, len(self.cart.lines) - 1))
        return line

    def clear(self) -> None:
        self.cart = Cart()
        self.approver = None
        self._refresh(-1)

    def replace(self, cart: Cart) -> None:
        """Take another cart (取单, or a snapshot back after an approval was refused)."""
        self.cart = cart
        self._refresh(len(cart.lines) - 1)

    def snapshot(self) -> dict[str, Any]:
        return self.cart.to_payload()

    def restore(self, payload: dict[str, Any]) -> None:
        row = self.table.selected_row()
        self.cart = Cart.from_payload(payload)
        self._refresh(row)

    # --- inside ---------------------------------------------------------------------------

    def _show(self, line: CartLine) -> CartLine:
        self._refresh(-1, key=line.key)
        return line

    def _refresh(self, row: int, *, key: int | None = None) -> None:
        # One `changed` for the whole update: the reset clears the selection for a moment,
        # and the line editor would flicker off and on (and repaint twice) with it.
        with QSignalBlocker(self.table.selectionModel()):
            self.model.set_lines(self.cart.lines)
            if key is not None:
                row = self.model.row_of(key)
            self.table.select_row(row)
        self.table.viewport().update()
        self.changed.emit()
