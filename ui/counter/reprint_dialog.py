"""F10 重打小票: print any past receipt again, found by number, QR or day and amount."""
from __future__ import annotations

from PySide6.QtWidgets import QLabel, QWidget

from app.actors import Actor
from app.bootstrap import AppContext
from app.money import fmt_fen
from app.sales import SaleReceipt
from ui.counter.dialog_base import CounterDialog
from ui.counter.formatting import methods_text
from ui.counter.print_messages import outcome_text
from ui.counter.printing import print_receipt, sale_receipt_data
from ui.counter.sale_finder import SaleFinder


class ReprintDialog(CounterDialog):
    def __init__(self, ctx: AppContext, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(ctx, actor, parent)
        self.sale: SaleReceipt | None = None
        self.finder = SaleFinder(ctx)
        self.finder.found.connect(self._found)
        self.finder.problem.connect(self.show_problem)
        self.summary = QLabel(objectName="bigFigure", wordWrap=True)
        self.body.addWidget(self.finder, 1)
        self.body.addWidget(self.summary)
        self.print_button = self.add_button(self.print_sale, primary=True)
        self.close_button = self.add_button(self.reject)
        self.resize(1000, 600)
        self.retranslate_ui()
        self.finder.focus_number()

    def _found(self, sale: SaleReceipt) -> None:
        self.clear_problem()
        self.sale = sale
        self.retranslate_ui()
        self.print_button.setFocus()

    def accept_action(self) -> None:
        if self.finder.take_enter():
            return
        self.print_sale()

    def print_sale(self) -> None:
        if self.sale is None:
            self.show_problem(self.tr("Find the receipt first."))
            return
        ctx, data = self.ctx, sale_receipt_data(self.sale)
        self.run(lambda: print_receipt(ctx, data), lambda outcome: self.set_note(outcome_text(outcome)),
                 pool="io")

    def handle_scan(self, text: str) -> None:
        self.finder.find_number(text)

    def retranslate_ui(self) -> None:
        self.setWindowTitle(self.tr("Reprint a receipt"))
        self.title_label.setText(self.tr("Reprint a receipt"))
        self.finder.retranslate()
        s = self.sale
        self.summary.setText(
            f"{s.number}   {s.local_time:%m-%d %H:%M}   {fmt_fen(s.total_fen)}   {methods_text([p.method for p in s.payments])}"
            if s else "")
        self.print_button.setText(self.tr("Print (Enter)"))
        self.close_button.setText(self.tr("Close (Esc)"))
