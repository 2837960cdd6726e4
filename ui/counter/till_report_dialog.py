"""X report (the day so far) and closing the day (日结, Z report): count the drawer by notes
and coins, give a reason for a difference, close the till once, then print or save the
numbered report (app/documents/z_report.py)."""
from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from app.actors import Actor
from app.bootstrap import AppContext
from app.documents.z_report import build_z_report_pdf
from app.money import fmt_fen
from app.till import TillReport
from ui.counter.approval import ACTION_CLOSE_DAY, ask_approval
from ui.counter.denominations import DenominationCounter
from ui.counter.dialog_base import CounterDialog
from ui.counter.print_messages import outcome_text
from ui.counter.printing import PrintOutcome, print_document, save_document
from ui.counter.till_report_view import TillReportView


def report_filename(report: TillReport) -> str:
    if report.kind == "Z" and report.z_number:
        return f"{report.z_number}-{report.business_day.isoformat()}.pdf"
    return f"X-{report.business_day.isoformat()}-{report.local_time:%H%M}.pdf"


class ReportDialog(CounterDialog):
    """A dialog showing a TillReport in `self.view`, with print and save."""

    def __init__(self, ctx: AppContext, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(ctx, actor, parent)
        self.view = TillReportView()

    def print_report(self) -> None:
        report, ctx, lang = self.view.report, self.ctx, self.lang
        if report is None:
            return
        self.run(lambda: print_document(ctx, build_z_report_pdf(report, lang=lang), report_filename(report),
                                        title=report.z_number or "X"),
                 lambda outcome: self.set_note(outcome_text(outcome)), pool="io")

    def save_report(self) -> None:
        report, ctx, lang = self.view.report, self.ctx, self.lang
        if report is None:
            return
        self.run(lambda: save_document(ctx, build_z_report_pdf(report, lang=lang), report_filename(report)),
                 lambda path: self.set_note(outcome_text(PrintOutcome("file", path=Path(path)))), pool="io")


class XReportDialog(ReportDialog):
    def __init__(self, ctx: AppContext, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(ctx, actor, parent)
        self.body.addWidget(self.view, 1)
        self.print_button = self.add_button(self.print_report, primary=True)
        self.save_button = self.add_button(self.save_report)
        self.close_button = self.add_button(self.reject)
        self.resize(1100, 700)
        self.retranslate_ui()
        till = self.services.till
        self.run(till.x_report, self.view.show_report, pool="read")

    def accept_action(self) -> None:
        self.print_report()

    def retranslate_ui(self) -> None:
        self.setWindowTitle(self.tr("X report"))
        self.title_label.setText(self.tr("X report: the day so far"))
        self.print_button.setText(self.tr("Print (Enter)"))
        self.save_button.setText(self.tr("Save PDF"))
        self.close_button.setText(self.tr("Close (Esc)"))
        self.view.retranslate()


class CloseDayDialog(ReportDialog):
    """日结. Page 1: the count; page 2: the Z report, to print or save."""

    closed = Signal(object)
    """The TillReport of the closed day."""

    def __init__(self, ctx: AppContext, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(ctx, actor, parent)
        self.expected_fen: int | None = None
        self.report: TillReport | None = None
        self.pages = QStackedWidget()
        count_page = QWidget()
        self.counter = DenominationCounter()
        self.counter.changed.connect(self._update_figures)
        self.expected = QLabel(objectName="figureLine")
        self.counted = QLabel(objectName="bigFigure")
        self.variance = QLabel(objectName="varianceFigure")
        self.reason = QLineEdit(objectName="varianceReason")
        self.reason.setMaxLength(200)
        self.reason_label = QLabel()
        figures = QVBoxLayout()
        figures.addWidget(self.expected)
        figures.addWidget(self.counted)
        figures.addWidget(self.variance)
        figures.addStretch(1)
        top = QHBoxLayout()
        top.addWidget(self.counter, 3)
        top.addSpacing(20)
        top.addLayout(figures, 2)
        form = QFormLayout()
        form.addRow(self.reason_label, self.reason)
        layout = QVBoxLayout(count_page)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top)
        layout.addSpacing(10)
        layout.addLayout(form)
        layout.addStretch(1)
        self.pages.addWidget(count_page)
        self.pages.addWidget(self.view)
        self.body.addWidget(self.pages, 1)
        self.close_day_button = self.add_button(self.accept_action, primary=True)
        self.save_button = self.add_button(self.save_report)
        self.save_button.hide()
        self.cancel_button = self.add_button(self.reject)
        self.resize(1140, 640)
        self.retranslate_ui()
        self.run(self.services.till.x_report, self._loaded, pool="read")

    def _loaded(self, report: TillReport) -> None:
        self.expected_fen = report.expected_cash_fen
        self._update_figures()
        self.counter.focus_first()

    def _update_figures(self) -> None:
        counted = self.counter.total_fen()
        self.counted.setText(self.tr("Counted {0}").format(fmt_fen(counted)))
        if self.expected_fen is None:
            self.expected.setText("")
            self.variance.setText("")
            return
        self.expected.setText(self.tr("Expected in the drawer {0}").format(fmt_fen(self.expected_fen)))
        self.variance.setText(self.tr("Difference {0}").format(fmt_fen(counted - self.expected_fen)))
        self.variance.setProperty("off", counted != self.expected_fen)
        self.variance.style().unpolish(self.variance)
        self.variance.style().polish(self.variance)

    def accept_action(self) -> None:
        if self.report is not None:
            self.print_report()
            return
        counted, reason = self.counter.counts(), self.reason.text().strip()
        why = self.tr("Closing the day (Z report) needs the owner.")
        ask_approval(self, self.ctx, self.actor, ACTION_CLOSE_DAY, why,
                     lambda approver: self._close(counted, reason, approver))

    def _close(self, counted: dict[int, int], reason: str, approver: Actor | None) -> None:
        till, actor = self.services.till, self.actor
        self.run(lambda: till.close_day(counted=counted, actor=actor, variance_reason=reason or None,
                                        approver=approver),
                 self._closed)

    def _closed(self, report: TillReport) -> None:
        self.report = report
        self.view.show_report(report)
        self.pages.setCurrentIndex(1)
        self.save_button.show()
        self.retranslate_ui()
        self.closed.emit(report)

    def retranslate_ui(self) -> None:
        done = self.report is not None
        self.setWindowTitle(self.tr("Close the day"))
        self.title_label.setText(self.tr("Day closed: Z report {0}").format(self.report.z_number)
                                 if self.report is not None else self.tr("Close the day (Z report)"))
        if done:
            self.set_note("")
        else:
            self.set_note(self.tr("Count the cash in the drawer by notes and coins (Enter goes to the "
                                  "next). A difference needs a reason. The day can be closed once."))
        self.reason_label.setText(self.tr("Reason for a difference"))
        self.close_day_button.setText(self.tr("Print (Enter)") if done else self.tr("Close the day (Enter)"))
        self.save_button.setText(self.tr("Save PDF"))
        self.cancel_button.setText(self.tr("Close (Esc)") if done else self.tr("Cancel (Esc)"))
        self.counter.retranslate()
        self._update_figures()
        self.view.retranslate()
