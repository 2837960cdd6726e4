"""Finding a past sale: by receipt number (a bare 42 means today's), by scanning the QR on the
receipt (it carries the number), or by day and amount from a list."""
from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtWidgets import (
    QDateEdit,
    QGridLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QWidget,
)

from app.bootstrap import AppContext
from app.errors import UserFacingError
from app.money import fmt_fen
from app.sales import SaleReceipt, SaleSummary
from ui.counter.dialog_base import focused
from ui.counter.formatting import methods_text, parse_optional_amount
from ui.counter.services import counter_services
from ui.tasks import run_in_background


class SaleFinder(QWidget):
    found = Signal(object)
    """The SaleReceipt looked up."""
    problem = Signal(object)
    """An exception to show."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.sales = counter_services(ctx).sales
        self.summaries: list[SaleSummary] = []
        self.number_label, self.day_label, self.amount_label = QLabel(), QLabel(), QLabel()
        self.number = QLineEdit(objectName="saleNumber")
        self.find_button = QPushButton(objectName="findSale")
        self.find_button.setAutoDefault(False)
        self.find_button.clicked.connect(lambda _c=False: self.find_number(self.number.text()))
        today = ctx.calendar.business_day(ctx.clock.now())
        self.day = QDateEdit(QDate(today.year, today.month, today.day), objectName="saleDay")
        self.day.setCalendarPopup(True)
        self.day.setDisplayFormat("yyyy-MM-dd")
        self.amount = QLineEdit(objectName="saleAmount")
        self.list_button = QPushButton(objectName="listSales")
        self.list_button.setAutoDefault(False)
        self.list_button.clicked.connect(lambda _c=False: self.list_day())
        self.results = QListWidget(objectName="saleList")
        self.results.setMinimumHeight(150)
        self.results.hide()
        self.results.itemClicked.connect(self._picked)
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.addWidget(self.number_label, 0, 0)
        grid.addWidget(self.number, 0, 1, 1, 3)
        grid.addWidget(self.find_button, 0, 4)
        grid.addWidget(self.day_label, 1, 0)
        grid.addWidget(self.day, 1, 1)
        grid.addWidget(self.amount_label, 1, 2)
        grid.addWidget(self.amount, 1, 3)
        grid.addWidget(self.list_button, 1, 4)
        grid.addWidget(self.results, 2, 0, 1, 5)
        grid.setColumnStretch(1, 1)
        grid.setColumnStretch(3, 1)
        self.retranslate()

    def find_number(self, text: str) -> None:
        text = text.strip()
        if not text:
            self.number.setFocus()
            return
        self.number.setText(text)
        sales = self.sales
        run_in_background(lambda: sales.find_sale(text), self._found, self.problem.emit, "read", owner=self)

    def _found(self, sale: SaleReceipt) -> None:
        self.results.hide()
        self.found.emit(sale)

    def list_day(self) -> None:
        try:
            amount = parse_optional_amount(self.amount.text())
        except UserFacingError as exc:
            self.problem.emit(exc)
            return
        d = self.day.date()
        day = date(d.year(), d.month(), d.day())
        sales = self.sales
        run_in_background(lambda: sales.find_sales(day=day, amount_fen=amount), self._listed,
                          self.problem.emit, "read", owner=self)

    def _listed(self, summaries: list[SaleSummary]) -> None:
        self.summaries = summaries
        self.results.setVisible(bool(summaries))
        self.results.clear()
        for s in summaries:
            text = f"{s.number}   {s.local_time:%H:%M}   {fmt_fen(s.total_fen)}   {methods_text(s.methods)}   {s.clerk_name}"
            if s.refunded_fen:
                text += "   " + self.tr("refunded {0}").format(fmt_fen(s.refunded_fen))
            self.results.addItem(QListWidgetItem(text))
        if summaries:
            self.results.setCurrentRow(0)
            self.results.setFocus()
        else:
            self.problem.emit(UserFacingError("这一天没有符合的小票", "No matching sales that day",
                                              code="not_found"))

    def _picked(self, item: QListWidgetItem) -> None:
        row = self.results.row(item)
        if 0 <= row < len(self.summaries):
            self.find_number(self.summaries[row].number)

    def take_enter(self) -> bool:
        """Enter in one of the finder's own fields: find, list or pick; True if it was."""
        if focused(self.number):
            self.find_number(self.number.text())
        elif focused(self.amount) or focused(self.day):
            self.list_day()
        elif focused(self.results) and self.results.currentItem() is not None:
            self._picked(self.results.currentItem())
        else:
            return False
        return True

    def focus_number(self) -> None:
        self.number.setFocus(Qt.FocusReason.OtherFocusReason)
        self.number.selectAll()

    def retranslate(self) -> None:
        self.number_label.setText(self.tr("Receipt no."))
        self.number.setPlaceholderText(self.tr("42 (today) or 20261125-0042, or scan the receipt's QR"))
        self.find_button.setText(self.tr("Find"))
        self.day_label.setText(self.tr("Day"))
        self.amount_label.setText(self.tr("Amount"))
        self.amount.setPlaceholderText(self.tr("optional"))
        self.list_button.setText(self.tr("List"))
