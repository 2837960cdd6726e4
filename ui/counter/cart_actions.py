"""What the Counter does with scans, typing and the cart keys.

Scans, Enter in the search box and picks from its list go through one queue, one at a time
and in order (lookups on the "read" pool), so two quick scans land in the order scanned and
结账 waits for the last one. A code the counter cannot use (a customer's payment code, a
wrong check digit) is said in the notice bar, never in a box that would swallow the next
scans; an unknown barcode opens "add this product".
"""
from __future__ import annotations

import time
from collections import deque
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Qt
from PySide6.QtWidgets import QApplication

from app.catalogue import BarcodeHit, ProductItem
from app.errors import UserFacingError
from app.money import fmt_fen
from ui.counter import lookup
from ui.counter.add_product_dialog import AddProductDialog
from ui.counter.approval import ACTION_PRICE_OVERRIDE, ask_approval
from ui.counter.cart_controller import CartController
from ui.counter.counter_view import CounterView
from ui.counter.formatting import parse_amount, parse_discount, parse_qty
from ui.counter.small_dialogs import ConfirmClearDialog, WeightDialog
from ui.errors import error_text
from ui.tasks import run_in_background

if TYPE_CHECKING:
    from ui.screens.counter_screen import CounterScreen

ESCAPE_AGAIN_S = 3.0
Job = Callable[[], lookup.Found]


class CartActions(QObject):
    def __init__(self, screen: CounterScreen, view: CounterView) -> None:
        super().__init__(screen)
        self.screen = screen
        self.view = view
        self.ctl = CartController(view.table, self)
        self.approved_upto = 0
        """The reductions (fen) the approving owner saw; more than this asks again."""
        self._queue: deque[Job] = deque()
        self._busy = False
        self._when_idle: list[Callable[[], None]] = []
        self._escape_at = 0.0
        view.search.product_chosen.connect(self.chose)
        view.search.entered.connect(self.typed)
        view.search.cart_key.connect(self.cart_key)
        view.strip.apply.connect(self.apply_field)
        view.strip.leave.connect(self.focus_search)
        self.ctl.changed.connect(self.refresh)
        self.refresh()

    # --- the queue -----------------------------------------------------------------------

    def scan(self, text: str) -> None:
        catalogue = self.screen.services.catalogue
        self._push(lambda: lookup.scanned(catalogue, text))

    def typed(self, text: str) -> None:
        catalogue = self.screen.services.catalogue
        self.view.search.reset()
        self._push(lambda: lookup.typed(catalogue, text))

    def chose(self, product: ProductItem) -> None:
        self._push(lambda: lookup.Found("product", product.name, product=product))

    def when_idle(self, fn: Callable[[], None]) -> None:
        """fn once every scan and entry waiting now has landed in the cart."""
        if self._busy or self._queue:
            self._when_idle.append(fn)
        else:
            fn()

    def _push(self, job: Job) -> None:
        self._queue.append(job)
        self._next()

    def _next(self) -> None:
        if self._busy:
            return
        if not self._queue:
            waiting, self._when_idle = self._when_idle, []
            for fn in waiting:
                fn()
            return
        self._busy = True
        run_in_background(self._queue.popleft(), self._found, self._failed, "read", owner=self.screen)

    def _done(self) -> None:
        self._busy = False
        self._next()

    def _failed(self, exc: BaseException) -> None:
        self.problem(exc)
        self._done()

    def _found(self, found: lookup.Found) -> None:
        if found.kind == "hit" and found.hit is not None:
            if self._add(found.hit):
                return  # the queue waits for the weight
        elif found.kind == "product" and found.product is not None:
            if self._add(found.product):
                return
        elif found.kind == "unknown":
            self._offer_new(found.text)
            return  # the queue waits for the dialog
        else:
            self.screen.warn(self.tr("No product matches “{0}”.").format(found.text))
        self._done()

    def _add(self, what: BarcodeHit | ProductItem) -> bool:
        """Into the cart; True when a dialog asks for the weight first (it continues)."""
        product = what.product if isinstance(what, BarcodeHit) else what
        qty = what.qty if isinstance(what, BarcodeHit) else None
        fixed = what.fixed_total_fen if isinstance(what, BarcodeHit) else None
        if product.unit == "kg" and qty is None and fixed is None:
            self._ask_weight(product)
            return True
        try:
            if isinstance(what, BarcodeHit):
                self.ctl.add_hit(what)
            else:
                self.ctl.add_product(product)
        except UserFacingError as exc:
            self.problem(exc)
        return False

    def _ask_weight(self, product: ProductItem) -> None:
        dialog = WeightDialog(self.screen.ctx, self.screen.actor, product, self.screen)
        dialog.weighed.connect(lambda p, grams: self._guard(lambda: self.ctl.add_product(p, grams)))
        dialog.finished.connect(lambda _r: (self.focus_search(), self._done()))
        self.screen.dialog = dialog
        dialog.open()

    def _offer_new(self, code: str) -> None:
        dialog = AddProductDialog(self.screen.ctx, self.screen.actor, code, self.screen)
        waiting = [False]

        def added(product: ProductItem) -> None:
            waiting[0] = self._add(product)

        def finished() -> None:
            self.focus_search()
            if not waiting[0]:
                self._done()

        dialog.added.connect(added)
        dialog.finished.connect(lambda _r: finished())
        self.screen.dialog = dialog
        dialog.open()

    # --- keys and the line editor ----------------------------------------------------------

    def cart_key(self, key: str) -> None:
        if key == "escape":
            self.escape()
        elif key in ("plus", "minus"):
            line = self.ctl.selected_line()
            if line is not None and (line.unit != "piece" or line.fixed_total_fen is not None):
                self.screen.warn(self.tr("Change a weighed item's quantity with F3."))
                return
            self._guard(lambda: self.ctl.bump(1 if key == "plus" else -1))
        elif key == "delete":
            self._guard(self.ctl.remove_selected)
        elif key in ("up", "down"):
            row = self.view.table.selected_row() + (-1 if key == "up" else 1)
            if self.view.model.rowCount():
                self.view.table.select_row(max(0, min(row, self.view.model.rowCount() - 1)))

    def escape(self) -> None:
        if self.ctl.is_empty():
            return
        now = time.monotonic()
        if now - self._escape_at <= ESCAPE_AGAIN_S:
            self._escape_at = 0.0
            self.clear()
            return
        self._escape_at = now
        self.screen.warn(self.tr("Press Esc again to clear the cart."))

    def confirm_clear(self) -> None:
        if self.ctl.is_empty():
            return
        t = self.ctl.cart.totals()
        dialog = ConfirmClearDialog(self.screen.ctx, self.screen.actor, len(self.ctl.cart.lines), t.due_fen,
                                    self.screen)
        dialog.accepted.connect(self.clear)
        dialog.finished.connect(lambda _r: self.focus_search())
        self.screen.dialog = dialog
        dialog.open()

    def clear(self) -> None:
        self.ctl.clear()
        self.approved_upto = 0
        self.screen.show_notice(self.tr("Cart cleared."), "info")
        self.focus_search()

    def focus_field(self, name: str) -> None:
        if not self.view.strip.focus_field(name):
            self.screen.warn(self.tr("Select a line in the cart first."))

    def apply_field(self, name: str, text: str, key: int) -> None:
        before = self.ctl.snapshot()
        cart = self.ctl.cart
        try:
            if name == "order_discount":
                self.ctl.set_order_discount(parse_discount(text, cart.totals().subtotal_fen))
            else:
                line = cart.line(key)
                if name == "qty":
                    self.ctl.set_qty(key, parse_qty(line.unit, text))
                elif name == "price":
                    self.ctl.set_price(key, parse_amount(text))
                else:
                    self.ctl.set_discount(key, parse_discount(text, line.gross_fen))
        except UserFacingError as exc:
            self.problem(exc)
            return
        self.focus_search()
        self.check_approval(lambda: None, undo=lambda: self.ctl.restore(before))

    def check_approval(self, then: Callable[[], None], *, undo: Callable[[], None] | None = None,
                       refused: Callable[[], None] | None = None) -> None:
        """then() once the owner approved what is given away, if it is over the limit (and more
        than they approved before). Refused: undo() the change, or tell refused()."""
        sales, cart, actor = self.screen.services.sales, self.ctl.cart, self.screen.actor
        reduction = cart.totals().reduction_fen
        if actor.is_owner or not sales.needs_approval(cart) or (
                self.ctl.approver is not None and reduction <= self.approved_upto):
            then()
            return
        limit = self.screen.ctx.settings.price_override_limit_fen
        why = self.tr("Discounts and price changes come to {0}, over the limit of {1}.").format(
            fmt_fen(reduction), fmt_fen(limit))

        def approved(approver: Any) -> None:
            self.ctl.approver = approver
            self.approved_upto = reduction
            self.refresh()
            then()

        def no() -> None:
            if undo is not None:
                undo()
                self.screen.warn(self.tr("Not approved: the change was undone."))
            if refused is not None:
                refused()
            self.focus_search()

        self.screen.dialog = ask_approval(self.screen, self.screen.ctx, actor, ACTION_PRICE_OVERRIDE, why,
                                          approved, no)

    # --- showing -------------------------------------------------------------------------

    def refresh(self) -> None:
        cart = self.ctl.cart
        self.view.strip.set_line(self.ctl.selected_line())
        self.view.strip.set_order_discount(cart.order_discount_fen, enabled=not cart.is_empty())
        approver = self.ctl.approver
        self.view.totals.show_totals(cart.totals(), approver.name if approver is not None else None)

    def focus_search(self) -> None:
        """Keys back to the search box (after a dialog: the window is active again, even
        without a window manager to do it, so F7…F12 work at once)."""
        if self.view.isVisible() and QApplication.activeModalWidget() is None:
            window = self.view.window()
            if not window.isActiveWindow():
                window.activateWindow()
            self.view.search.setFocus(Qt.FocusReason.OtherFocusReason)

    def problem(self, exc: BaseException) -> None:
        if isinstance(exc, UserFacingError):
            self.screen.warn(error_text(exc, self.screen.lang), level="error")
        else:
            self.screen.show_error(exc, "counter scan")

    def _guard(self, fn: Callable[[], Any]) -> None:
        try:
            fn()
        except UserFacingError as exc:
            self.problem(exc)
