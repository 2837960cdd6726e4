"""库存: what to order (a shopping list to export), what is running low, what stopped selling;
and the weekday and holiday-eve factors behind the suggestion, which the owner can adjust."""
from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QDialog, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from app.actors import Actor
from app.money import fmt_fen
from app.reports import Period, ReorderOptions, ReportService, StockReport
from app.reports.reorder import as_decimal
from app.reports.words import WEEKDAYS
from ui.i18n import current_language
from ui.reports.factors_dialog import ReorderFactorsDialog
from ui.reports.kpi_tiles import KpiRow
from ui.reports.report_panel import ReportPanel
from ui.reports.report_tab import ReportTab
from ui.reports.services import Notify, Run

KPIS = ["reorder", "low", "stopped", "cost"]


class StockTab(ReportTab):
    def __init__(self, service: ReportService, run: Run, notify: Notify,
                 actor: Callable[[], Actor], parent: QWidget | None = None) -> None:
        super().__init__(service, run, notify, parent)
        self._actor = actor
        self.kpis = KpiRow(KPIS)
        self.factors = QLabel(objectName="factorStrip", wordWrap=True)
        self.adjust_button = QPushButton(objectName="actionButton")
        self.adjust_button.clicked.connect(self.adjust_factors)
        strip = QHBoxLayout()
        strip.setSpacing(10)
        strip.addWidget(self.factors, 1)
        strip.addWidget(self.adjust_button)
        self.panel = ReportPanel(service, run, notify, day_stamp=self.day_stamp)
        self.reorder = self.panel.add_page("reorder", chart=False)
        self.low = self.panel.add_page("low", chart=False)
        self.stopped = self.panel.add_page("stopped", chart=False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 8, 0, 0)
        layout.setSpacing(8)
        layout.addWidget(self.kpis)
        layout.addLayout(strip)
        layout.addWidget(self.panel, 1)
        self.dialog: ReorderFactorsDialog | None = None
        self.retranslate_ui()

    def build(self, period: Period) -> Callable[[], StockReport]:
        service = self.service
        return lambda: service.stock()

    def retranslate_ui(self) -> None:
        super().retranslate_ui()
        names = {"reorder": self.tr("To order"), "low": self.tr("Running low"),
                 "stopped": self.tr("Stopped selling"), "cost": self.tr("Order cost (estimate)")}
        for key, tile in self.kpis.tiles.items():
            tile.name.setText(names[key])
        self.adjust_button.setText(self.tr("Adjust…"))
        self.panel.page_buttons["reorder"].setText(self.tr("Shopping list"))
        self.panel.page_buttons["low"].setText(self.tr("Running low"))
        self.panel.page_buttons["stopped"].setText(self.tr("Stopped selling"))
        self.panel.retranslate_ui()
        if self.report is not None:
            self.show_report(self.report)

    def show_report(self, report: StockReport) -> None:
        r = report
        days = r.options.cover_days
        self.kpis["reorder"].set_figure(
            self.tr("%1 products").replace("%1", f"{len(r.reorder):,}"),
            self.tr("to last %1 days").replace("%1", str(days)))
        self.kpis["low"].set_figure(
            self.tr("%1 products").replace("%1", f"{len(r.low_stock):,}"),
            self.tr("at or below their low-stock mark"), "down" if r.low_stock else "")
        self.kpis["stopped"].set_figure(
            self.tr("%1 products").replace("%1", f"{len(r.stopped):,}"),
            self.tr("no sale for %1 days").replace("%1", str(r.quiet_days)))
        self.kpis["cost"].set_figure(fmt_fen(r.shopping_total_fen),
                                     self.tr("at the last cost paid"))
        tables = self.report_tables
        self.panel.set_table("reorder", tables["shopping_list"], [0, 3, 4, 5, 7, 8, 10])
        self.panel.set_table("low", tables["low_stock"], [0, 2, 3, 4, 5, 6, 7])
        self.panel.set_table("stopped", tables["stopped_selling"], [0, 3, 4, 5, 6, 7])
        self.factors.setText(self.factor_text(r))

    def factor_text(self, r: StockReport) -> str:
        lang = current_language()
        mine = r.options.weekday_factors
        parts = [f"{WEEKDAYS[w].for_lang(lang)} ×{as_decimal(r.plan.weekday[w], 2)}"
                 + ("*" if mine[w] is not None else "") for w in range(7)]
        eves = "、".join(f"{d.month}-{d.day} {n.for_lang(lang)}" for d, n in r.eves_ahead)
        text = self.tr("Expected sales from the last %1 weeks, for %2 days from tomorrow. "
                       "Busy days: %3. Holiday eve ×%4 (%5).")
        return (text.replace("%1", str(r.options.weeks)).replace("%2", str(r.options.cover_days))
                .replace("%3", "  ".join(parts))
                .replace("%4", str(as_decimal(r.plan.eve_factor, 2)))
                .replace("%5", eves or self.tr("none in these days")))

    def adjust_factors(self) -> None:
        """The owner's factors: shown beside what the sales say; saved for the next lists."""
        if self.report is None:
            return
        r: StockReport = self.report
        self.dialog = ReorderFactorsDialog(r.options, r.plan.learnt, r.today, self.window())
        try:
            if self.dialog.exec() != QDialog.DialogCode.Accepted:
                return
            self.save_options(self.dialog.options())
        finally:
            self.dialog.deleteLater()
            self.dialog = None

    def save_options(self, options: ReorderOptions) -> None:
        service, actor = self.service, self._actor()
        self._run(lambda: service.save_reorder_options(options, actor=actor),
                  lambda _o: self.refresh(), pool="io", context="reorder options")
