"""What the three report tabs share: building their report off the GUI thread (only the
latest answer is drawn), a "counting…" hint while it builds, and their tables for export."""
from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QLabel, QWidget

from app.reports import Period, ReportService, Table
from ui.reports.services import Notify, Run


class ReportTab(QWidget):
    loaded = Signal()
    """A report has been drawn (tests wait on it)."""

    def __init__(self, service: ReportService, run: Run, notify: Notify,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.service = service
        self._run = run
        self._notify = notify
        self.report: Any = None
        self.report_tables: dict[str, Table] = {}
        self.period: Period | None = None
        self.stale = True
        self.busy = QLabel(objectName="busyLabel")
        self.busy.hide()
        self._seq = 0

    # --- what a tab fills in -------------------------------------------------------------

    def build(self, period: Period) -> Callable[[], Any]:
        """The work to run off the GUI thread for `period` (returns the report)."""
        raise NotImplementedError

    def show_report(self, report: Any) -> None:
        raise NotImplementedError

    def retranslate_ui(self) -> None:
        self.busy.setText(self.tr("Counting…"))

    # --- shared ---------------------------------------------------------------------------

    def load(self, period: Period) -> None:
        """Build the report for `period` in the background; draw it when it comes back."""
        self._seq += 1
        seq = self._seq
        self.period = period
        self.stale = False
        self.busy.show()
        work = self.build(period)

        def build_with_tables() -> tuple[Any, dict[str, Table]]:
            report = work()  # and its tables, off the GUI thread too
            return report, {t.name: t for t in report.tables()}

        self._run(build_with_tables, lambda done: self._arrived(seq, *done), pool="read",
                  context=f"report {type(self).__name__}", failed=lambda: self._failed(seq))

    def refresh(self) -> None:
        if self.period is not None:
            self.load(self.period)

    def _arrived(self, seq: int, report: Any, tables: dict[str, Table]) -> None:
        if seq != self._seq:
            return  # a newer question is on its way
        self.busy.hide()
        self.report = report
        self.report_tables = tables
        self.show_report(report)
        self.loaded.emit()

    def _failed(self, seq: int) -> None:
        if seq == self._seq:
            self.busy.hide()
            self.stale = True  # try again next time the tab is shown

    def tables(self) -> list[Table]:
        return list(self.report_tables.values())

    def day_stamp(self) -> object:
        return self.period.last if self.period is not None else None
