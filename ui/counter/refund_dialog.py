"""F11 退货/退款: find the sale (number, receipt QR, or day and amount), choose lines and how
many, how the money goes back, whether the goods go back on the shelf, and the owner's
approval. The refund is a new record pointing at the sale (RefundService)."""
from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QTableWidget,
    QTableWidgetItem,
    QWidget,
)

from app.actors import Actor
from app.bootstrap import AppContext
from app.errors import UserFacingError
from app.money import fmt_fen
from app.payment_codes import normalize_code
from app.refunds import RefundLineInput, RefundReceipt, share_out
from app.sales import SaleReceipt, SoldLine
from ui.counter.approval import ACTION_REFUND, ask_approval
from ui.counter.dialog_base import CounterDialog, focused
from ui.counter.formatting import PAYMENT_METHODS, kg_text, method_label, parse_qty, qty_text
from ui.counter.sale_finder import SaleFinder


def refund_preview(sale: SaleReceipt, wanted: dict[int, int]) -> int:
    """What RefundService.refund will pay back for `wanted` {line_id: qty}: each line's share
    of the sale's total, pro rata (the same arithmetic as app/refunds.py)."""
    shares = share_out(sale.total_fen, [x.line_total_fen for x in sale.lines])
    total = 0
    for line, share in zip(sale.lines, shares, strict=True):
        qty = wanted.get(line.line_id, 0)
        if qty and line.qty:
            before = line.refunded_qty
            total += share * (before + qty) // line.qty - share * before // line.qty
    return total


class RefundDialog(CounterDialog):
    refunded = Signal(object, object)
    """(RefundReceipt, the SaleReceipt it belongs to)."""

    def __init__(self, ctx: AppContext, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(ctx, actor, parent)
        self.sale: SaleReceipt | None = None
        self.result: RefundReceipt | None = None
        self.qty_edits: list[QLineEdit] = []
        self.finder = SaleFinder(ctx)
        self.finder.found.connect(self.show_sale)
        self.finder.problem.connect(self.show_problem)
        self.table = QTableWidget(0, 4, objectName="refundLines")
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setDefaultSectionSize(50)
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for col, width in ((1, 120), (2, 120), (3, 150)):
            self.table.setColumnWidth(col, width)
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.method = QComboBox(objectName="refundMethod")
        self.method.addItem("", None)
        for method in PAYMENT_METHODS:
            self.method.addItem("", method)
        self.reason = QLineEdit(objectName="refundReason")
        self.reason.setMaxLength(200)
        self.restock = QCheckBox(objectName="refundRestock")
        self.restock.setChecked(True)
        self.method_label, self.reason_label = QLabel(), QLabel()
        options = QHBoxLayout()
        options.addWidget(self.method_label)
        options.addWidget(self.method)
        options.addWidget(self.reason_label)
        options.addWidget(self.reason, 1)
        options.addWidget(self.restock)
        self.preview = QLabel(objectName="bigFigure")
        self.body.addWidget(self.finder)
        self.body.addWidget(self.table, 3)
        self.body.addLayout(options)
        self.body.addWidget(self.preview)
        self.refund_button = self.add_button(self.do_refund, primary=True)
        self.all_button = self.add_button(self.refund_all, name="allButton")
        self.close_button = self.add_button(self.reject)
        self.resize(1120, 720)
        self.retranslate_ui()
        self.finder.focus_number()

    # --- the sale ------------------------------------------------------------------------

    def show_sale(self, sale: SaleReceipt) -> None:
        self.clear_problem()
        self.sale = sale
        self.result = None
        self.table.setRowCount(len(sale.lines))
        self.qty_edits = []
        for row, line in enumerate(sale.lines):
            self.table.setItem(row, 0, QTableWidgetItem(line.name))
            self.table.setItem(row, 1, QTableWidgetItem(qty_text(line.unit, line.qty)))
            self.table.setItem(row, 2, QTableWidgetItem(qty_text(line.unit, line.refunded_qty)))
            edit = QLineEdit(objectName="cellEdit")
            edit.setAlignment(Qt.AlignmentFlag.AlignRight)
            edit.setEnabled(line.refundable_qty > 0)
            edit.textChanged.connect(self.update_preview)
            self.table.setCellWidget(row, 3, edit)
            self.qty_edits.append(edit)
        self.retranslate_ui()
        self.update_preview()
        first = next((e for e in self.qty_edits if e.isEnabled()), None)
        if first is not None:
            first.setFocus()

    def wanted(self) -> dict[int, int]:
        """{sale line id: qty} typed so far (raises UserFacingError for a bad quantity)."""
        out: dict[int, int] = {}
        if self.sale is None:
            return out
        for line, edit in zip(self.sale.lines, self.qty_edits, strict=True):
            if edit.text().strip():
                out[line.line_id] = parse_qty(line.unit, edit.text())
        return out

    def set_qty(self, line: SoldLine, qty: int) -> None:
        assert self.sale is not None
        edit = self.qty_edits[self.sale.lines.index(line)]
        edit.setText(kg_text(qty) if line.unit == "kg" else str(qty))

    def refund_all(self) -> None:
        if self.sale is None or self.result is not None:
            return
        for line in self.sale.lines:
            if line.refundable_qty > 0:
                self.set_qty(line, line.refundable_qty)

    def update_preview(self) -> None:
        if self.sale is None:
            self.preview.setText("")
            return
        try:
            amount = refund_preview(self.sale, self.wanted())
        except UserFacingError as exc:
            self.preview.setText(exc.message.for_lang(self.lang))
            return
        self.preview.setText(self.tr("Pay back about {0}").format(fmt_fen(amount)) if amount else "")

    # --- refunding -----------------------------------------------------------------------

    def accept_action(self) -> None:
        if self.finder.take_enter():
            return
        if self.result is not None:
            self.accept()
            return
        if any(focused(e) for e in self.qty_edits):
            self.update_preview()
            self.refund_button.setFocus()
            return
        self.do_refund()

    def do_refund(self) -> None:
        if self.result is not None:
            self.accept()
            return
        if self.sale is None:
            self.show_problem(self.tr("Find the sale first."))
            return
        try:
            wanted = self.wanted()
        except UserFacingError as exc:
            self.show_problem(exc)
            return
        if not wanted:
            self.show_problem(self.tr("Type how many of each item come back (or Refund all)."))
            return
        sale = self.sale
        amount = refund_preview(sale, wanted)
        why = self.tr("Refund {0} on receipt {1}.").format(fmt_fen(amount), sale.number)
        ask_approval(self, self.ctx, self.actor, ACTION_REFUND, why,
                     lambda approver: self._refund(sale, wanted, approver))

    def _refund(self, sale: SaleReceipt, wanted: dict[int, int], approver: Actor | None) -> None:
        refunds, actor = self.services.refunds, self.actor
        method = self.method.currentData()
        reason, restock = self.reason.text(), self.restock.isChecked()
        lines = [RefundLineInput(line_id=k, qty=v) for k, v in wanted.items()]
        self.run(lambda: refunds.refund(sale_number=sale.number, lines=lines, method=method, reason=reason,
                                        restock=restock, actor=actor, approver=approver),
                 lambda refund: self._done(refund, sale))

    def _done(self, refund: RefundReceipt, sale: SaleReceipt) -> None:
        self.result = refund
        for edit in self.qty_edits:
            edit.setEnabled(False)
        self.all_button.hide()
        self.close_button.hide()
        self.retranslate_ui()
        self.refunded.emit(refund, sale)

    # --- scans ---------------------------------------------------------------------------

    def handle_scan(self, text: str) -> None:
        code = normalize_code(text)
        if self.result is None and self.sale is not None:
            for line in self.sale.lines:
                if line.barcode == code and line.unit == "piece" and line.refundable_qty > 0:
                    current = self.wanted().get(line.line_id, 0) if self._qty_ok() else 0
                    self.set_qty(line, min(current + 1, line.refundable_qty))
                    self.show_scan_note(self.tr("{0}: one more to refund.").format(line.name))
                    return
        self.show_scan_note("")
        self.finder.find_number(code)

    def _qty_ok(self) -> bool:
        try:
            self.wanted()
        except UserFacingError:
            return False
        return True

    def retranslate_ui(self) -> None:
        self.setWindowTitle(self.tr("Refund"))
        r = self.result
        self.title_label.setText(
            self.tr("Refunded {0} ({1}), slip {2}").format(fmt_fen(r.amount_fen), method_label(r.method), r.number)
            if r else self.tr("Return / refund"))
        self.set_note("" if r else self.tr("Scan the receipt's QR code or type its number. Type how many come "
                                           "back on each line."))
        self.finder.retranslate()
        self.table.setHorizontalHeaderLabels([self.tr("Item"), self.tr("Sold"), self.tr("Refunded"),
                                              self.tr("Refund now")])
        self.method.setItemText(0, self.tr("The way it was paid"))
        for i, method in enumerate(PAYMENT_METHODS, start=1):
            self.method.setItemText(i, method_label(method))
        self.method_label.setText(self.tr("Pay back by"))
        self.reason_label.setText(self.tr("Reason"))
        self.restock.setText(self.tr("Back on the shelf"))
        self.refund_button.setText(self.tr("Close (Enter)") if r else self.tr("Refund (Enter)"))
        self.all_button.setText(self.tr("Refund all"))
        self.close_button.setText(self.tr("Cancel (Esc)"))
        self.update_preview()
