"""结账: take the money. Cash with what was handed over and the change in huge type, WeChat
Pay, Alipay, card or other with an optional reference, several payments for one sale, and
the cash rounding (抹零) shown before anything is saved.

The sale is saved (SalesService.checkout, "db" pool) before the dialog says 完成 / Done; then
`completed(SaleReceipt)` lets the screen clear the cart and print. A customer's payment code
scanned here becomes the payment's reference; a product scanned here adds nothing.
"""
from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QButtonGroup,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from app.actors import Actor
from app.bootstrap import AppContext
from app.cart import Cart
from app.errors import UserFacingError
from app.money import fmt_fen
from app.payment_codes import classify_payment_code, normalize_code
from app.sales import SaleReceipt
from app.tender import PaymentInput, Settlement
from ui.counter.dialog_base import CounterDialog
from ui.counter.formatting import PAYMENT_METHODS, method_label, parse_optional_amount


def _figure(name: str = "figureCaption") -> QLabel:
    label = QLabel(objectName=name)
    label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
    return label


class PaymentDialog(CounterDialog):
    completed = Signal(object)
    """The SaleReceipt, once the sale is saved."""

    def __init__(self, ctx: AppContext, actor: Actor, cart: Cart, approver: Actor | None,
                 parent: QWidget | None = None) -> None:
        super().__init__(ctx, actor, parent)
        self.cart = cart
        self.approver = approver
        self.added: list[PaymentInput] = []
        self.method = "cash"
        self.sale: SaleReceipt | None = None
        self.settlement: Settlement | None = None
        self.pages = QStackedWidget()
        self.pages.addWidget(self._input_page())
        self.pages.addWidget(self._done_page())
        self.body.addWidget(self.pages, 1)
        self.pay_button = self.add_button(self.accept_action, primary=True)
        self.cancel_button = self.add_button(self.reject)
        self.resize(980, 660)
        self.retranslate_ui()
        self.choose_method("cash")

    # --- layout --------------------------------------------------------------------------

    def _input_page(self) -> QWidget:
        page = QWidget()
        self.due_caption = QLabel(objectName="figureCaption")
        self.due_value = QLabel(objectName="bigFigure")
        top = QHBoxLayout()
        top.addWidget(self.due_caption)
        top.addWidget(self.due_value)
        top.addStretch(1)
        self.method_group = QButtonGroup(self)
        self.method_group.setExclusive(True)
        self.method_buttons: dict[str, QPushButton] = {}
        methods = QHBoxLayout()
        for method in PAYMENT_METHODS:
            button = QPushButton(objectName="methodButton", checkable=True)
            button.setAutoDefault(False)
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            button.clicked.connect(lambda _c=False, m=method: self.choose_method(m))
            self.method_group.addButton(button)
            self.method_buttons[method] = button
            methods.addWidget(button)
        methods.addStretch(1)
        self.amount = QLineEdit(objectName="payAmount")
        self.tendered = QLineEdit(objectName="payTendered")
        self.reference = QLineEdit(objectName="payReference")
        self.reference.setMaxLength(64)
        for edit in (self.amount, self.tendered, self.reference):
            edit.textChanged.connect(self.requote)
        self.amount_label, self.tendered_label, self.reference_label = QLabel(), QLabel(), QLabel()
        form = QGridLayout()
        form.setHorizontalSpacing(12)
        form.addWidget(self.amount_label, 0, 0)
        form.addWidget(self.amount, 0, 1)
        form.addWidget(self.tendered_label, 1, 0)
        form.addWidget(self.tendered, 1, 1)
        form.addWidget(self.reference_label, 2, 0)
        form.addWidget(self.reference, 2, 1)
        self.part_button = QPushButton(objectName="addPayment")
        self.part_button.setAutoDefault(False)
        self.part_button.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        self.part_button.clicked.connect(lambda _c=False: self.add_payment())
        form.addWidget(self.part_button, 3, 1)
        self.paid_list = QListWidget(objectName="paidList")
        self.paid_list.setMaximumHeight(130)
        self.paid_list.installEventFilter(self)
        self.remove_button = QPushButton(objectName="removePayment")
        self.remove_button.setAutoDefault(False)
        self.remove_button.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        self.remove_button.clicked.connect(lambda _c=False: self.remove_payment())
        self.paid_list.hide()
        self.remove_button.hide()
        left = QVBoxLayout()
        left.addLayout(form)
        left.addWidget(self.paid_list)
        left.addWidget(self.remove_button, 0, Qt.AlignmentFlag.AlignLeft)
        left.addStretch(1)
        self.rounding_caption, self.rounding_value = _figure(), _figure("bigFigure")
        self.total_caption, self.total_value = _figure(), _figure("bigFigure")
        self.change_caption, self.change_value = _figure(), _figure("changeFigure")
        self.quote_label = QLabel(objectName="dialogProblem", wordWrap=True)
        right = QGridLayout()
        right.setVerticalSpacing(4)
        for row, (caption, value) in enumerate(((self.rounding_caption, self.rounding_value),
                                                (self.total_caption, self.total_value),
                                                (self.change_caption, self.change_value))):
            right.addWidget(caption, row, 0)
            right.addWidget(value, row, 1)
        right.addWidget(self.quote_label, 3, 0, 1, 2)
        right.setRowStretch(4, 1)
        middle = QHBoxLayout()
        middle.addLayout(left, 3)
        middle.addSpacing(24)
        middle.addLayout(right, 2)
        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top)
        layout.addLayout(methods)
        layout.addLayout(middle, 1)
        return page

    def _done_page(self) -> QWidget:
        page = QWidget()
        self.done_mark = QLabel(objectName="doneMark")
        self.done_number = QLabel(objectName="bigFigure")
        self.done_change_caption = QLabel(objectName="figureCaption")
        self.done_change = QLabel(objectName="doneChange")
        self.done_paid = QLabel(objectName="figureLine", wordWrap=True)
        self.print_status = QLabel(objectName="dialogNote", wordWrap=True)
        layout = QVBoxLayout(page)
        for widget in (self.done_mark, self.done_number, self.done_paid, self.done_change_caption,
                       self.done_change, self.print_status):
            widget.setAlignment(Qt.AlignmentFlag.AlignCenter)
            layout.addWidget(widget)
        layout.addStretch(1)
        return page

    # --- the payments --------------------------------------------------------------------

    def choose_method(self, method: str) -> None:
        if self.sale is not None or self.busy:
            return
        self.method = method
        self.method_buttons[method].setChecked(True)
        cash = method == "cash"
        self.tendered.setVisible(cash)
        self.tendered_label.setVisible(cash)
        self.reference.setVisible(not cash)
        self.reference_label.setVisible(not cash)
        (self.tendered if cash else self.reference).setFocus(Qt.FocusReason.OtherFocusReason)
        self.requote()

    def current_input(self) -> PaymentInput:
        """What the fields say (raises UserFacingError for an amount that is not one)."""
        cash = self.method == "cash"
        return PaymentInput(
            method=self.method,
            amount_fen=parse_optional_amount(self.amount.text()),
            tendered_fen=parse_optional_amount(self.tendered.text()) if cash else None,
            reference=None if cash else (normalize_code(self.reference.text()) or None),
        )

    def payments(self) -> list[PaymentInput]:
        return [*self.added, self.current_input()]

    def requote(self) -> None:
        """Rounding, total and change for what is entered so far (nothing is saved).

        When the payments do not settle yet (cash handed over short, part payments not
        covering what is due) the rounding and total are still shown, and the change of
        the cash given so far, as if the rest were paid another way; paying stays off."""
        self.settlement = None
        self.due_value.setText(fmt_fen(self.cart.totals().due_fen))
        shown: Settlement | None = None
        change_known = False
        problem = ""
        try:
            payments = self.payments()
            try:
                shown = self.settlement = self.services.sales.quote(cart=self.cart, payments=payments)
                change_known = True
            except UserFacingError as exc:
                problem = exc.message.for_lang(self.lang)
                shown, change_known = self._rough_quote(payments)
        except UserFacingError as exc:
            problem = exc.message.for_lang(self.lang)
        self.rounding_value.setText(fmt_fen(shown.rounding_fen) if shown else "")
        self.total_value.setText(fmt_fen(shown.total_fen) if shown else "")
        self.change_value.setText(fmt_fen(shown.change_fen) if shown and change_known else "")
        self.quote_label.setText(problem)
        self.pay_button.setEnabled(self.settlement is not None and not self.busy)

    def _rough_quote(self, payments: list[PaymentInput]) -> tuple[Settlement | None, bool]:
        """What the quote says if another method paid the rest (fixed amounts only), else
        with the last payment's cash exact; and whether its change can be trusted."""
        sales = self.services.sales
        if all(p.amount_fen is not None for p in payments):
            try:
                return sales.quote(cart=self.cart, payments=[*payments, PaymentInput("other")]), True
            except UserFacingError:
                pass
        last = payments[-1]
        rough = [*payments[:-1], PaymentInput(last.method, last.amount_fen, None, last.reference)]
        if all(p.amount_fen is not None for p in rough):
            rough.append(PaymentInput("other"))
        try:
            return sales.quote(cart=self.cart, payments=rough), False
        except UserFacingError:
            return None, False

    def add_payment(self) -> None:
        """F8: this payment has a fixed amount; another method pays the rest."""
        if self.sale is not None or self.busy:
            return
        try:
            current = self.current_input()
        except UserFacingError as exc:
            self.show_problem(exc)
            return
        if current.amount_fen is None:
            self.show_problem(self.tr("Type this payment's amount first, then add it (F8)."))
            self.amount.setFocus()
            return
        paid = sum(p.amount_fen or 0 for p in self.added) + current.amount_fen
        if paid > self.cart.totals().due_fen:
            self.show_problem(self.tr("That is more than is due."))
            return
        self.added.append(current)
        self.clear_problem()
        for edit in (self.amount, self.tendered, self.reference):
            edit.clear()
        self._show_added()
        self.requote()

    def remove_payment(self) -> None:
        row = self.paid_list.currentRow()
        if 0 <= row < len(self.added) and self.sale is None and not self.busy:
            del self.added[row]
            self._show_added()
            self.requote()

    def _show_added(self) -> None:
        self.paid_list.setVisible(bool(self.added))
        self.remove_button.setVisible(bool(self.added))
        self.paid_list.clear()
        for p in self.added:
            text = f"{method_label(p.method)}  {fmt_fen(p.amount_fen or 0)}"
            if p.method == "cash" and p.tendered_fen:
                text += "  " + self.tr("handed over {0}").format(fmt_fen(p.tendered_fen))
            if p.reference:
                text += f"  #{p.reference}"
            self.paid_list.addItem(text)
        self.paid_list.setCurrentRow(len(self.added) - 1)

    # --- saving --------------------------------------------------------------------------

    def accept_action(self) -> None:
        if self.sale is not None:
            self.accept()
            return
        try:
            payments = self.payments()
            self.services.sales.quote(cart=self.cart, payments=payments)
        except UserFacingError as exc:
            self.show_problem(exc)
            return
        sales, cart, actor, approver = self.services.sales, self.cart, self.actor, self.approver
        self.set_note(self.tr("Saving the sale…"))
        self.run(lambda: sales.checkout(cart=cart, payments=payments, actor=actor, approver=approver),
                 self._saved, on_error=self._failed)

    def _failed(self, exc: BaseException) -> None:
        self.set_note("")
        self.show_problem(exc)
        self.requote()

    def _saved(self, sale: SaleReceipt) -> None:
        self.sale = sale
        self.set_note("")
        self.show_scan_note("")
        self.pages.setCurrentIndex(1)
        self.cancel_button.hide()
        self.retranslate_ui()
        self.pay_button.setFocus()
        self.completed.emit(sale)

    def set_print_status(self, text: str) -> None:
        self.print_status.setText(text)

    def set_busy(self, busy: bool) -> None:
        super().set_busy(busy)
        if not busy and self.sale is None and hasattr(self, "pay_button"):
            self.pay_button.setEnabled(self.settlement is not None)

    # --- scans ---------------------------------------------------------------------------

    def handle_scan(self, text: str) -> None:
        code = normalize_code(text)
        if self.sale is not None or self.busy:
            self.show_scan_note(self.tr("The sale is done; nothing was added."))
            return
        kind = classify_payment_code(code)
        if kind is None:
            self.show_scan_note(self.tr("Products cannot be added while taking payment; nothing "
                                        "was added. Cancel (Esc) to go back to the cart."))
            return
        self.choose_method(kind)
        self.reference.setText(code)
        self.show_scan_note(self.tr("{0} payment code recorded as the reference.").format(method_label(kind)))

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt override
        # F1…F5 choose the method, F8 adds a part payment (from any field: they pass the
        # function keys up to the dialog).
        key = event.key()
        if Qt.Key.Key_F1 <= key <= Qt.Key.Key_F5:
            self.choose_method(PAYMENT_METHODS[key - Qt.Key.Key_F1])
            return
        if key == Qt.Key.Key_F8:
            self.add_payment()
            return
        super().keyPressEvent(event)

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        if obj is self.paid_list and isinstance(event, QKeyEvent) and event.type() == QEvent.Type.KeyPress \
                and event.key() == Qt.Key.Key_Delete:
            self.remove_payment()
            return True
        return False

    # --- texts ---------------------------------------------------------------------------

    def retranslate_ui(self) -> None:
        self.setWindowTitle(self.tr("Payment"))
        done = self.sale is not None
        self.title_label.setText(self.tr("Payment"))
        self.due_caption.setText(self.tr("Due"))
        for index, method in enumerate(PAYMENT_METHODS):
            self.method_buttons[method].setText(f"F{index + 1} {method_label(method)}")
        self.amount_label.setText(self.tr("This payment"))
        self.amount.setPlaceholderText(self.tr("empty = all that is left"))
        self.tendered_label.setText(self.tr("Cash handed over"))
        self.tendered.setPlaceholderText(self.tr("empty = exact amount"))
        self.reference_label.setText(self.tr("Reference"))
        self.reference.setPlaceholderText(self.tr("scan the payment code, or type (optional)"))
        self.part_button.setText(self.tr("Add as part payment (F8)"))
        self.remove_button.setText(self.tr("Remove part payment (Del)"))
        self.rounding_caption.setText(self.tr("Round off"))
        self.total_caption.setText(self.tr("Total"))
        self.change_caption.setText(self.tr("Change"))
        self.pay_button.setText(self.tr("Close (Enter)") if done else self.tr("Take payment (Enter)"))
        self.cancel_button.setText(self.tr("Back to cart (Esc)"))
        if self.sale is not None:
            self.done_mark.setText("✓ " + self.tr("Done"))
            self.done_number.setText(self.tr("Receipt {0}").format(self.sale.number))
            self.done_change_caption.setText(self.tr("Change"))
            self.done_change.setText(fmt_fen(self.sale.change_fen))
            self.done_paid.setText("    ".join(
                f"{method_label(p.method)} {fmt_fen(p.amount_fen)}" for p in self.sale.payments))
