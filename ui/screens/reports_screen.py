"""报表 Reports (F4): how did we do today, what is still waiting, what should I order.

One click on F4 shows today's sales; the 团购 tab shows what is waiting on the shelf and for
how long; the 库存 tab the shopping list. The period (today, this week, this month, chosen
dates) is the store's business days. Every report is built off the GUI thread from SQL
aggregates; every chart has its numbers one click away ("显示数字"), and every table exports
to Excel or CSV. "日报 PDF" makes the day's summary to print or photograph.

Reading reports is the owner's (role table: reports.view); a clerk or leader asks the owner,
who approves with their PIN on this screen.
"""
from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QStackedWidget,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from app.actors import Actor
from app.bootstrap import AppContext
from app.errors import PermissionDenied
from app.permissions import may, needs_approval
from app.reports import Period, default_file_name
from ui.approval_dialog import ask_approval
from ui.reports import export_button
from ui.reports.groupbuy_tab import GroupBuyTab
from ui.reports.period_chooser import PeriodChooser
from ui.reports.report_tab import ReportTab
from ui.reports.sales_tab import SalesTab
from ui.reports.services import report_service
from ui.reports.stock_tab import StockTab
from ui.reports.style import REPORTS_QSS
from ui.screens.base import INFO, Screen
from ui.tasks import Pool, run_in_background

log = logging.getLogger(__name__)

ACTION = "reports.view"
DOCUMENTS_FOLDER = "documents"


class ReportsScreen(Screen):
    screen_id = "reports"

    def __init__(self, ctx: AppContext, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(ctx, actor, parent)
        self.service = report_service(ctx)
        self.setStyleSheet(REPORTS_QSS)
        self.approved_by: Actor | None = None
        self.open_documents = True  # show a made PDF in the system viewer (tests turn it off)

        self._title = QLabel(objectName="screenTitle")
        self.period_chooser = PeriodChooser()
        self.period_chooser.changed.connect(lambda *_: self.reload())
        self.summary_button = QPushButton(objectName="actionButton")
        self.summary_button.clicked.connect(self.make_day_summary)
        self.export_all = QPushButton(objectName="actionButton")
        self.export_all.clicked.connect(lambda: self.export_tab())
        header = QHBoxLayout()
        header.setSpacing(12)
        header.addWidget(self._title)
        header.addSpacing(8)
        header.addWidget(self.period_chooser)
        header.addStretch(1)
        header.addWidget(self.export_all)
        header.addWidget(self.summary_button)

        run = self.run_task
        self.sales_tab = SalesTab(self.service, run, self.show_notice)
        self.groupbuy_tab = GroupBuyTab(self.service, run, self.show_notice)
        self.stock_tab = StockTab(self.service, run, self.show_notice, lambda: self.actor)
        self.report_tabs: list[ReportTab] = [self.sales_tab, self.groupbuy_tab, self.stock_tab]
        self.tabs = QTabWidget(objectName="reportsTabs")
        for tab in self.report_tabs:
            self.tabs.addTab(tab, "")
        corner = QWidget()
        corner_layout = QHBoxLayout(corner)
        corner_layout.setContentsMargins(0, 0, 0, 4)
        corner_layout.setSpacing(8)
        for tab in self.report_tabs:
            corner_layout.addWidget(tab.busy)
        self.tabs.setCornerWidget(corner)
        self.tabs.currentChanged.connect(lambda _i: self._tab_shown())

        self.locked = QWidget()
        self.locked_note = QLabel(objectName="lockedNote", wordWrap=True)
        self.unlock_button = QPushButton()
        self.unlock_button.clicked.connect(self.ask_owner)
        self.unlock_button.setMinimumWidth(320)
        locked_layout = QVBoxLayout(self.locked)
        locked_layout.setSpacing(24)
        locked_layout.addStretch(1)
        self.locked_note.setAlignment(Qt.AlignmentFlag.AlignCenter)
        locked_layout.addWidget(self.locked_note)
        locked_layout.addWidget(self.unlock_button, 0, Qt.AlignmentFlag.AlignHCenter)
        locked_layout.addStretch(2)

        content = QWidget()
        content_layout = QVBoxLayout(content)
        content_layout.setContentsMargins(0, 0, 0, 0)
        content_layout.setSpacing(8)
        content_layout.addLayout(header)
        content_layout.addWidget(self.tabs, 1)
        self.pages = QStackedWidget()
        self.pages.addWidget(content)
        self.pages.addWidget(self.locked)
        self.content = content
        layout = QVBoxLayout(self)
        layout.setContentsMargins(20, 12, 20, 10)
        layout.addWidget(self.pages)
        self._show_gate()
        self.retranslate_ui()

    # --- the screen's life ----------------------------------------------------------------

    def title(self) -> str:
        return self.tr("Reports")

    def activated(self) -> None:
        """Each visit shows fresh figures (a sale may have been rung up meanwhile)."""
        self._show_gate()
        if not self.allowed:
            return
        self.period_chooser.set_today(self.service.today())
        for tab in self.report_tabs:
            tab.stale = True
        self._tab_shown()

    def set_actor(self, actor: Actor) -> None:
        super().set_actor(actor)
        self.approved_by = None
        self._show_gate()

    def retranslate_ui(self) -> None:
        self._title.setText(self.title())
        self.summary_button.setText(self.tr("Day summary PDF"))
        self.export_all.setText(self.tr("Export all"))
        self.tabs.setTabText(0, self.tr("Sales"))
        self.tabs.setTabText(1, self.tr("Group-buy"))
        self.tabs.setTabText(2, self.tr("Stock"))
        self.locked_note.setText(self.tr(
            "Reports are for the owner. Ask the owner to approve with their PIN to open them."))
        self.unlock_button.setText(self.tr("Owner approves…"))
        self.period_chooser.retranslate_ui()
        for tab in self.report_tabs:
            tab.retranslate_ui()

    # --- what it does ---------------------------------------------------------------------

    @property
    def allowed(self) -> bool:
        return may(self.actor, ACTION) or self.approved_by is not None

    def period(self) -> Period:
        kind, first, last = self.period_chooser.current()
        return self.service.period(kind, first, last)

    def reload(self) -> None:
        """The period changed: the tab in front is built again, the others when shown."""
        for tab in self.report_tabs:
            tab.stale = True
        self._tab_shown()

    def current_tab(self) -> ReportTab:
        return self.report_tabs[self.tabs.currentIndex()]

    def export_tab(self, path: Path | None = None) -> None:
        """Every table of the tab in front to one Excel workbook."""
        tab = self.current_tab()
        tables = tab.tables()
        if not tables:
            self.show_notice(self.tr("There is nothing to export yet."), "warning")
            return
        name = {0: self.tr("Sales report"), 1: self.tr("Group-buy report"),
                2: self.tr("Stock report")}[self.tabs.currentIndex()]
        target = path or export_button.ask_save_path(
            self.window(), default_file_name(name, "xlsx", day=tab.day_stamp()), "xlsx")  # type: ignore[arg-type]
        if target is None:
            return
        service, lang = self.service, self.lang
        self.run_task(lambda: service.export(tables, target, "xlsx", lang=lang),
                      lambda p: self.show_notice(self.tr("Saved: %1").replace("%1", str(p)), INFO),
                      pool="io", context="report export")

    def make_day_summary(self) -> None:
        """Today's summary as a PDF in the documents folder, opened for printing or sending."""
        service, lang = self.service, self.lang
        day = service.today()
        path = self.ctx.data_dir / DOCUMENTS_FOLDER / default_file_name(
            self.tr("Day summary"), "pdf", day=day)

        def work() -> Path:
            data = service.day_summary_pdf(day, lang=lang)
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(data)
            return path

        self.run_task(work, self._summary_made, pool="io", context="day summary")

    def ask_owner(self) -> None:
        if not needs_approval(self.actor, ACTION):
            self.show_error(PermissionDenied())
            return
        approver = ask_approval(self, self.ctx, ACTION, self.actor)
        if approver is not None:
            self.approved_by = approver
            self.activated()

    def run_task(self, fn: Callable[[], Any], on_done: Callable[[Any], None] | None = None, *,
                 pool: Pool = "read", context: str = "",
                 failed: Callable[[], None] | None = None) -> None:
        """self.run, with a `failed()` hook so a widget can tidy up before the error shows."""

        def on_error(exc: BaseException) -> None:
            if failed is not None:
                failed()
            self.show_error(exc, context)

        run_in_background(fn, on_done, on_error, pool, owner=self)

    # --- inside ---------------------------------------------------------------------------

    def _show_gate(self) -> None:
        self.pages.setCurrentWidget(self.content if self.allowed else self.locked)

    def _tab_shown(self) -> None:
        if not self.allowed:
            return
        tab = self.current_tab()
        if tab.stale:
            try:
                period = self.period()
            except Exception as exc:  # noqa: BLE001 - a chosen range the core refuses
                self.show_error(exc, "report period")
                return
            tab.load(period)

    def _summary_made(self, path: Path) -> None:
        self.show_notice(self.tr("Day summary saved: %1").replace("%1", str(path)), INFO)
        if self.open_documents:
            export_button.open_file(path)
