"""The Counter's longer errands: take payment (opening the till first if need be), print,
hold and resume, reprint, refund, and the till and stock menu.

Every write runs in a dialog on the "db" pool; the screen hears about it by signals. Printing
runs on the "io" pool after the sale is saved: a printer that is off is a notice, and the sale
stays done.
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Any

import shiboken6
from PySide6.QtCore import QObject, QTimer

from app.actors import Actor
from app.cart import Cart
from app.held_carts import HeldCartInfo
from app.money import fmt_fen
from app.refunds import RefundReceipt
from app.sales import SaleReceipt
from app.stock import StockResult
from app.till import HandoverReport, TillReport, TillSession
from ui.counter.formatting import method_label, qty_text
from ui.counter.held_carts_dialog import HeldCartsDialog, HoldDialog
from ui.counter.payment_dialog import PaymentDialog
from ui.counter.print_messages import outcome_text, print_failed_text
from ui.counter.printing import (
    ESCPOS_KINDS,
    open_drawer,
    print_receipt,
    refund_receipt_data,
    sale_receipt_data,
)
from ui.counter.refund_dialog import RefundDialog
from ui.counter.reprint_dialog import ReprintDialog
from ui.counter.stock_dialogs import LowStockDialog, StockCountDialog, StockReceiptDialog
from ui.counter.till_dialogs import CashMoveDialog, HandoverDialog, OpenTillDialog
from ui.counter.till_menu import TillMenuDialog
from ui.counter.till_report_dialog import CloseDayDialog, XReportDialog
from ui.errors import error_text
from ui.tasks import run_in_background

if TYPE_CHECKING:
    from ui.counter.cart_actions import CartActions
    from ui.counter.dialog_base import CounterDialog
    from ui.screens.counter_screen import CounterScreen


class CounterFlows(QObject):
    def __init__(self, screen: CounterScreen, cart: CartActions) -> None:
        super().__init__(screen)
        self.screen = screen
        self.cart = cart
        self.paying = False

    def _open(self, dialog: CounterDialog) -> CounterDialog:
        dialog.finished.connect(lambda _r: self.cart.focus_search())
        self.screen.dialog = dialog
        dialog.open()
        return dialog

    # --- payment -------------------------------------------------------------------------

    def pay(self) -> None:
        """F9 / Enter on an empty search box: once every scan has landed, take the money."""
        if self.paying:
            return
        self.paying = True
        self.cart.when_idle(self._pay_when_idle)

    def _pay_when_idle(self) -> None:
        if self.cart.ctl.is_empty():
            self.paying = False
            self.screen.warn(self.tr("The cart is empty: scan something first."))
            return
        till = self.screen.services.till

        def failed(exc: BaseException) -> None:
            self.paying = False
            self.screen.show_error(exc, "checking the till")

        run_in_background(till.current, self._till_checked, failed, "read", owner=self.screen)

    def _till_checked(self, session: TillSession | None) -> None:
        self.screen.show_till(session)
        if session is not None:
            self._approve_then_pay()
            return
        dialog = OpenTillDialog(self.screen.ctx, self.screen.actor, self.screen, before_sale=True)
        opened: list[bool] = []

        def on_opened(s: TillSession) -> None:
            opened.append(True)
            self.screen.show_till(s)

        def on_finished() -> None:
            if opened:
                QTimer.singleShot(0, self._approve_then_pay)
            else:
                self.paying = False

        dialog.opened.connect(on_opened)
        dialog.finished.connect(lambda _r: on_finished())
        self.screen.dialog = dialog
        dialog.open()

    def _approve_then_pay(self) -> None:
        self.cart.check_approval(self._open_payment, refused=self._not_paying)

    def _not_paying(self) -> None:
        self.paying = False

    def _open_payment(self) -> None:
        ctl = self.cart.ctl
        dialog = PaymentDialog(self.screen.ctx, self.screen.actor, ctl.cart, ctl.approver, self.screen)
        dialog.completed.connect(lambda sale: self._sold(sale, dialog))

        def finished() -> None:
            self.paying = False
            self.cart.focus_search()

        dialog.finished.connect(lambda _r: finished())
        self.screen.dialog = dialog
        dialog.open()

    def _sold(self, sale: SaleReceipt, dialog: PaymentDialog) -> None:
        self.cart.ctl.clear()
        self.cart.approved_upto = 0
        self.screen.show_notice(self.tr("Sale {0} done: {1}.").format(sale.number, fmt_fen(sale.total_fen)), "info")
        if sale.warnings:
            names = "、".join(f"{w.name} {qty_text(w.unit, w.stock_qty)}" for w in sale.warnings)
            self.screen.warn(self.tr("Stock below zero: {0}. Count or receive it.").format(names))
        cash = any(p.method == "cash" for p in sale.payments)
        self.print_sale(sale, drawer=cash, dialog=dialog)

    def print_sale(self, sale: SaleReceipt, *, drawer: bool = False, dialog: PaymentDialog | None = None) -> None:
        ctx, data = self.screen.ctx, sale_receipt_data(sale)
        self._print(lambda: print_receipt(ctx, data, open_drawer=drawer), dialog)

    def _print(self, job: Any, dialog: PaymentDialog | None) -> None:
        def done(outcome: Any) -> None:
            if dialog is not None and shiboken6.isValid(dialog):
                dialog.set_print_status(outcome_text(outcome))

        def failed(exc: BaseException) -> None:
            text = print_failed_text(error_text(exc, self.screen.lang))
            self.screen.warn(text, level="error")
            if dialog is not None and shiboken6.isValid(dialog):
                dialog.set_print_status(text)

        run_in_background(job, done, failed, "io", owner=self.screen)

    # --- hold, resume, reprint, refund ---------------------------------------------------

    def hold(self) -> None:
        self.cart.when_idle(self._hold)

    def _hold(self) -> None:
        ctl = self.cart.ctl
        if ctl.is_empty():
            self.screen.warn(self.tr("The cart is empty: nothing to hold."))
            return
        dialog = HoldDialog(self.screen.ctx, self.screen.actor, ctl.cart, self.screen)
        dialog.held.connect(self._held)
        self._open(dialog)

    def _held(self, info: HeldCartInfo) -> None:
        self.cart.ctl.clear()
        self.cart.approved_upto = 0
        self.screen.show_notice(self.tr("Cart held ({0}). Resume it with F8.").format(fmt_fen(info.due_fen)), "info")

    def resume(self) -> None:
        if not self.cart.ctl.is_empty():
            self.screen.warn(self.tr("Finish or hold (F7) the cart first, then resume another."))
            return
        dialog = HeldCartsDialog(self.screen.ctx, self.screen.actor, self.screen)
        dialog.resumed.connect(self._resumed)
        self._open(dialog)

    def _resumed(self, cart: Cart) -> None:
        self.cart.ctl.replace(cart)
        self.screen.show_notice(self.tr("Cart resumed."), "info")

    def reprint(self) -> None:
        self._open(ReprintDialog(self.screen.ctx, self.screen.actor, self.screen))

    def refund(self) -> None:
        dialog = RefundDialog(self.screen.ctx, self.screen.actor, self.screen)
        dialog.refunded.connect(self._refunded)
        self._open(dialog)

    def _refunded(self, refund: RefundReceipt, sale: SaleReceipt) -> None:
        self.screen.show_notice(self.tr("Refund {0}: {1} back by {2}.").format(
            refund.number, fmt_fen(refund.amount_fen), method_label(refund.method)), "info")
        ctx, data = self.screen.ctx, refund_receipt_data(refund, sale)
        self._print(lambda: print_receipt(ctx, data, open_drawer=refund.method == "cash"), None)

    # --- till and stock ------------------------------------------------------------------

    def till_menu(self) -> None:
        dialog = TillMenuDialog(self.screen.ctx, self.screen.actor, self.screen)
        dialog.chosen.connect(lambda action: QTimer.singleShot(0, lambda: self.till_action(action)))
        self._open(dialog)

    def till_action(self, action: str) -> None:
        ctx, actor, screen = self.screen.ctx, self.screen.actor, self.screen
        if action == "open_till":
            dialog: CounterDialog = OpenTillDialog(ctx, actor, screen)
            dialog.opened.connect(lambda s: (screen.show_till(s), screen.show_notice(
                self.tr("Till open, float {0}.").format(fmt_fen(s.float_fen)), "info")))
        elif action in ("cash_in", "cash_out"):
            dialog = CashMoveDialog(ctx, actor, "in" if action == "cash_in" else "out", screen)
            dialog.moved.connect(self._cash_moved)
        elif action == "handover":
            dialog = HandoverDialog(ctx, actor, screen)
            dialog.handed.connect(self._handed)
        elif action == "x_report":
            dialog = XReportDialog(ctx, actor, screen)
        elif action == "close_day":
            dialog = CloseDayDialog(ctx, actor, screen)
            dialog.closed.connect(self._day_closed)
        elif action == "stock_receipt":
            dialog = self.stock_receipt()
        elif action == "stock_count":
            dialog = StockCountDialog(ctx, actor, screen)
            dialog.saved.connect(lambda r: self._stock_saved(r, count=True))
        elif action == "low_stock":
            dialog = LowStockDialog(ctx, actor, screen)
            dialog.receive.connect(lambda products: QTimer.singleShot(
                0, lambda: self._open(self.stock_receipt(products))))
        elif action == "open_drawer":
            self._kick_drawer(quiet=False)
            return
        else:
            return
        self._open(dialog)

    def stock_receipt(self, products: list[Any] | None = None) -> StockReceiptDialog:
        dialog = StockReceiptDialog(self.screen.ctx, self.screen.actor, self.screen, products)
        dialog.saved.connect(lambda r: self._stock_saved(r, count=False))
        return dialog

    def _stock_saved(self, result: StockResult, *, count: bool) -> None:
        changed = sum(1 for c in result.changes if c.delta)
        text = (self.tr("Stock count saved: {0} products changed.") if count
                else self.tr("Stock received: {0} products."))
        self.screen.show_notice(text.format(changed if count else len(result.changes)), "info")

    def _cash_moved(self, record: Any) -> None:
        text = self.tr("Cash in: {0}.") if record.direction == "in" else self.tr("Cash out: {0}.")
        self.screen.show_notice(text.format(fmt_fen(record.amount_fen)), "info")
        self._kick_drawer(quiet=True)

    def _kick_drawer(self, *, quiet: bool) -> None:
        ctx = self.screen.ctx
        if quiet and ctx.settings.printer_kind not in ESCPOS_KINDS:
            return

        def failed(exc: BaseException) -> None:
            self.screen.warn(error_text(exc, self.screen.lang), level="error")

        run_in_background(lambda: open_drawer(ctx), None, failed, "io", owner=self.screen)

    def _handed(self, report: HandoverReport, incoming: Actor) -> None:
        text = self.tr("Shift handed to {0}. Counted {1}, difference {2}.").format(
            report.to_name, fmt_fen(report.counted_cash_fen), fmt_fen(report.variance_fen))
        window = self.screen.window()
        set_actor = getattr(window, "set_actor", None)
        if callable(set_actor):
            set_actor(incoming)
        else:
            self.screen.set_actor(incoming)
        self.screen.show_notice(text, "info")

    def _day_closed(self, report: TillReport) -> None:
        self.screen.show_till(None)
        self.screen.show_notice(self.tr("Day closed: Z report {0}.").format(report.z_number), "info")
