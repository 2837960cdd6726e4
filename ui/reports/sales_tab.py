"""销售: how the counter did — takings, sales, average sale, refunds, discounts, margin; the
hours (or days) as a chart; payment methods and best sellers."""
from __future__ import annotations

from collections.abc import Callable
from datetime import date
from fractions import Fraction

from PySide6.QtWidgets import QHBoxLayout, QVBoxLayout, QWidget

from app.money import fmt_fen
from app.reports import Period, ReportService, SalesReport, Table
from app.reports.tables import format_percent
from ui.reports.charts import DAILY_BARS_MAX, by_month
from ui.reports.kpi_tiles import KpiRow
from ui.reports.report_panel import ReportPanel
from ui.reports.report_tab import ReportTab
from ui.reports.services import Notify, Run

KPIS = ["takings", "count", "average", "refunds", "discounts", "margin"]


def day_label(day: date, span: int) -> str:
    """11-25 for a week; the day of the month for longer stretches (a month of bars, the
    month under the axis)."""
    return f"{day.month}-{day.day}" if span <= 7 else str(day.day)


def months_title(first: date, last: date) -> str:
    return f"{first:%Y-%m}" if (first.year, first.month) == (last.year, last.month) \
        else f"{first:%Y-%m} ~ {last:%Y-%m}"


def change(now: int, before: int) -> tuple[str, str]:
    """(▲12% / ▼3%, "up"/"down") against the earlier figure; nothing when there was none."""
    if before <= 0:
        return "", ""
    pct = f"{round(Fraction(abs(now - before) * 100, before))}%"
    if now > before:
        return f" ▲{pct}", "up"
    if now < before:
        return f" ▼{pct}", "down"
    return "", ""


class SalesTab(ReportTab):
    def __init__(self, service: ReportService, run: Run, notify: Notify,
                 parent: QWidget | None = None) -> None:
        super().__init__(service, run, notify, parent)
        self.kpis = KpiRow(KPIS)
        self.chart_panel = ReportPanel(service, run, notify, day_stamp=self.day_stamp)
        self.hours = self.chart_panel.add_page("hours", chart=True)
        self.days = self.chart_panel.add_page("days", chart=True)
        self.methods_panel = ReportPanel(service, run, notify, day_stamp=self.day_stamp)
        self.methods = self.methods_panel.add_page("methods", chart=False)
        self.list_panel = ReportPanel(service, run, notify, day_stamp=self.day_stamp)
        self.top_takings = self.list_panel.add_page("top_takings", chart=False)
        self.top_qty = self.list_panel.add_page("top_qty", chart=False)
        right = QVBoxLayout()
        right.setSpacing(10)
        right.addWidget(self.methods_panel, 0)
        right.addWidget(self.list_panel, 1)
        below = QHBoxLayout()
        below.setSpacing(10)
        below.addWidget(self.chart_panel, 11)
        below.addLayout(right, 9)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 8, 0, 0)
        layout.setSpacing(10)
        layout.addWidget(self.kpis)
        layout.addLayout(below, 1)
        self._last_kind = ""
        self.chart_panel.page_changed.connect(lambda _key: self._title_chart())
        self.retranslate_ui()

    def build(self, period: Period) -> Callable[[], SalesReport]:
        service = self.service
        return lambda: service.sales(period)

    def retranslate_ui(self) -> None:
        super().retranslate_ui()
        names = {"takings": self.tr("Takings"), "count": self.tr("Number of sales"),
                 "average": self.tr("Average sale"), "refunds": self.tr("Refunds"),
                 "discounts": self.tr("Discounts"), "margin": self.tr("Gross margin")}
        for key, tile in self.kpis.tiles.items():
            tile.name.setText(names[key])
        self.chart_panel.page_buttons["hours"].setText(self.tr("By hour"))
        self.chart_panel.page_buttons["days"].setText(self.tr("By day"))
        self.methods_panel.title.setText(self.tr("Payment methods"))
        self.list_panel.title.setText(self.tr("Best sellers"))
        self.list_panel.page_buttons["top_takings"].setText(self.tr("By takings"))
        self.list_panel.page_buttons["top_qty"].setText(self.tr("By pieces"))
        self.methods_panel.retranslate_ui()
        self.chart_panel.retranslate_ui()
        self.list_panel.retranslate_ui()
        self._title_chart()
        if self.report is not None:
            self.show_report(self.report)

    def show_report(self, report: SalesReport) -> None:
        r = report
        one_day = r.period.days == 1
        before = (self.tr("Yesterday") if one_day
                  else self.tr("Previous %1 days").replace("%1", str(r.period.days)))
        arrow, trend = change(r.sales_fen, r.previous_sales_fen)
        self.kpis["takings"].set_figure(fmt_fen(r.sales_fen),
                                        f"{before} {fmt_fen(r.previous_sales_fen)}{arrow}", trend)
        arrow, trend = change(r.sales_count, r.previous_sales_count)
        self.kpis["count"].set_figure(f"{r.sales_count:,}",
                                      f"{before} {r.previous_sales_count:,}{arrow}", trend)
        self.kpis["average"].set_figure(
            fmt_fen(r.average_ticket_fen),
            self.tr("%1 different products sold").replace("%1", f"{r.products_sold:,}"))
        self.kpis["refunds"].set_figure(
            fmt_fen(r.refunds_fen), self.tr("Refunds: %1").replace("%1", f"{r.refunds_count:,}"))
        self.kpis["discounts"].set_figure(fmt_fen(r.discounts_fen),
                                          self.tr("Round-off %1").replace("%1",
                                                                          fmt_fen(r.rounding_fen)))
        m = r.margin
        if m.known:
            sub = self.tr("Margin %1").replace("%1", format_percent(m.rate))
            if m.coverage is not None and m.coverage < 1:
                sub += self.tr(" (costs for %1)").replace("%1", format_percent(m.coverage))
            self.kpis["margin"].set_figure(fmt_fen(m.margin_fen), sub)
        else:
            self.kpis["margin"].set_figure("—", self.tr("No costs entered"))

        tables = self.report_tables
        first, last = r.busiest_hours()
        hours = [h for h in r.by_hour if first <= h.hour <= last]
        self.hours.chart.set_data(  # type: ignore[union-attr]
            [str(h.hour) for h in hours], [h.sales_fen // 100 for h in hours],
            bar_name=self.tr("Takings"), value_title=self.tr("yuan"),
            category_title=self.tr("hour of the day"))
        self.chart_panel.set_table("hours", tables["sales_by_hour"])
        days = [d.day for d in r.by_day]
        yuan = [d.sales_fen // 100 for d in r.by_day]
        if len(days) > DAILY_BARS_MAX:
            labels, yuan, _ = by_month(days, yuan)
            title = self.tr("month")
        else:
            labels = [day_label(d, r.period.days) for d in days]
            title = "" if r.period.days <= 7 else months_title(r.period.first, r.period.last)
        self.days.chart.set_data(  # type: ignore[union-attr]
            labels, yuan, bar_name=self.tr("Takings"), value_title=self.tr("yuan"),
            category_title=title)
        self.chart_panel.set_table("days", tables["sales_by_day"])
        self.chart_panel.set_page_buttons_visible(["hours"] if one_day else ["hours", "days"])
        if one_day and self.chart_panel.current == "days":
            self.chart_panel.set_page("hours")
        elif not one_day and self._period_changed_kind():
            self.chart_panel.set_page("days")
        self._title_chart()

        self.methods_panel.set_table("methods", tables["sales_by_method"])
        self.methods.table_view.fit_rows(len(r.by_method) + 1)
        self.list_panel.set_table("top_takings", tables["top_products_by_takings"], [0, 2, 3])
        self.list_panel.set_table("top_qty", tables["top_products_by_qty"], [0, 1, 2])

    def _period_changed_kind(self) -> bool:
        """True the first time a report of a new kind of period is drawn (then a week or
        a month opens on its days; the owner's own choice of page is kept after that)."""
        kind = self.period.kind if self.period else ""
        changed = kind != self._last_kind
        self._last_kind = kind
        return changed

    def _title_chart(self) -> None:
        key = self.chart_panel.current
        self.chart_panel.title.setText(self.tr("Takings by hour") if key == "hours"
                                       else self.tr("Takings by day"))

    def all_tables(self) -> list[Table]:
        return self.tables()
