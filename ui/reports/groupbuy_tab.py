"""团购: for the leader — handed out, still waiting, uncollected, pickup rate, commission (an
estimate until the platform settles it); per campaign, orders waiting too long, and the pickup
rate day by day."""
from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QHBoxLayout, QLabel, QSpinBox, QVBoxLayout, QWidget

from app.money import fmt_fen
from app.reports import GroupBuyReport, Period, ReportService
from app.reports.tables import format_percent
from ui.i18n import current_language
from ui.reports.charts import DAILY_BARS_MAX, by_month
from ui.reports.kpi_tiles import KpiRow
from ui.reports.report_panel import ReportPanel
from ui.reports.report_tab import ReportTab
from ui.reports.sales_tab import months_title
from ui.reports.services import Notify, Run

KPIS = ["handed", "waiting", "uncollected", "rate", "commission"]
WAITING_DAYS = 3


class GroupBuyTab(ReportTab):
    def __init__(self, service: ReportService, run: Run, notify: Notify,
                 parent: QWidget | None = None) -> None:
        super().__init__(service, run, notify, parent)
        self.kpis = KpiRow(KPIS)
        self.list_panel = ReportPanel(service, run, notify, day_stamp=self.day_stamp)
        self.campaigns = self.list_panel.add_page("campaigns", chart=False)
        self.waiting_panel = ReportPanel(service, run, notify, day_stamp=self.day_stamp)
        self.waiting = self.waiting_panel.add_page("waiting", chart=False)
        self.days_label = QLabel(objectName="panelNote")
        self.days_spin = QSpinBox(objectName="daysSpin", minimum=0, maximum=60)
        self.days_spin.setValue(WAITING_DAYS)
        self.days_spin.valueChanged.connect(lambda _v: self.refresh())
        self.waiting_panel.extra.addWidget(self.days_label)
        self.waiting_panel.extra.addWidget(self.days_spin)
        self.rate_panel = ReportPanel(service, run, notify, day_stamp=self.day_stamp)
        self.rate = self.rate_panel.add_page("rate", chart=True)
        left = QVBoxLayout()
        left.setSpacing(10)
        left.addWidget(self.list_panel, 0)
        left.addWidget(self.waiting_panel, 1)
        below = QHBoxLayout()
        below.setSpacing(10)
        below.addLayout(left, 2)
        below.addWidget(self.rate_panel, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 8, 0, 0)
        layout.setSpacing(10)
        layout.addWidget(self.kpis)
        layout.addLayout(below, 1)
        self.retranslate_ui()

    @property
    def waiting_days(self) -> int:
        return self.days_spin.value()

    def build(self, period: Period) -> Callable[[], GroupBuyReport]:
        service, days = self.service, self.waiting_days
        return lambda: service.group_buy(period, waiting_days=days)

    def retranslate_ui(self) -> None:
        super().retranslate_ui()
        names = {"handed": self.tr("Handed out"), "waiting": self.tr("On the shelf"),
                 "uncollected": self.tr("Uncollected"), "rate": self.tr("Pickup rate"),
                 "commission": self.tr("Commission (estimate)")}
        for key, tile in self.kpis.tiles.items():
            tile.name.setText(names[key])
        self.list_panel.title.setText(self.tr("Campaigns"))
        self.waiting_panel.title.setText(self.tr("Waiting too long"))
        self.days_label.setText(self.tr("at least (days)"))
        self.rate_panel.title.setText(self.tr("Pickup rate over time"))
        self.list_panel.retranslate_ui()
        self.waiting_panel.retranslate_ui()
        self.rate_panel.retranslate_ui()
        if self.report is not None:
            self.show_report(self.report)

    def show_report(self, report: GroupBuyReport) -> None:
        r = report
        today = r.period.days == 1
        self.kpis.tiles["handed"].name.setText(self.tr("Handed out today") if today
                                               else self.tr("Handed out"))
        self.kpis["handed"].set_figure(
            self.tr("%1 orders").replace("%1", f"{r.handouts_in_period:,}"),
            self.tr("%1 pieces").replace("%1", f"{r.pieces_in_period:,}"))
        self.kpis["waiting"].set_figure(
            self.tr("%1 pieces").replace("%1", f"{r.total('items_waiting'):,}"),
            self.tr("%1 orders, not arrived %2").replace("%1", f"{r.total('orders_waiting'):,}")
            .replace("%2", f"{r.total('items_not_arrived'):,}"))
        self.kpis["uncollected"].set_figure(
            self.tr("%1 orders").replace("%1", f"{len(r.waiting):,}"),
            self.tr("waiting %1 days or more").replace("%1", str(r.waiting_min_days)),
            "down" if r.waiting else "")
        self.kpis["rate"].set_figure(
            format_percent(r.pickup_rate),
            self.tr("short %1 pieces").replace("%1", f"{r.total('items_short'):,}"))
        self.kpis["commission"].set_figure(
            fmt_fen(r.commission_fen),
            self.tr("all picked up: %1").replace("%1", fmt_fen(r.commission_expected_fen)))
        tables = self.report_tables
        self.list_panel.set_table("campaigns", tables["groupbuy_campaigns"],
                                  [0, 2, 4, 5, 7, 8, 12])
        self.campaigns.table_view.fit_rows(min(4, len(r.campaigns) + 1))
        # shelf, customer, phone ending, pieces, days, campaign (the order number is exported)
        self.waiting_panel.set_table("waiting", tables["groupbuy_waiting"], [5, 1, 2, 4, 7, 3],
                                     stretch=5)
        note = tables["groupbuy_campaigns"].note
        self.list_panel.set_note(note.for_lang(current_language()) if note else "")
        days = r.pickup_days
        labels = [str(d.day.day) for d in days]
        pieces = [d.handed_out for d in days]
        rates = [None if d.rate_so_far is None else float(d.rate_so_far * 100) for d in days]
        title = months_title(days[0].day, days[-1].day) if days else ""
        if len(days) > DAILY_BARS_MAX:
            labels, pieces, rates = by_month([d.day for d in days], pieces, rates)
            title = self.tr("month")
        self.rate.chart.set_data(  # type: ignore[union-attr]
            labels, pieces, bar_name=self.tr("Pieces handed out"),
            value_title=self.tr("pieces"), category_title=title, line=rates,
            line_name=self.tr("Pickup rate so far"))
        self.rate_panel.set_table("rate", tables["groupbuy_pickup_rate"])
