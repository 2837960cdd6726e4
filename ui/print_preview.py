"""See a PDF before it is printed, then print it, save it, or leave it; and follow what the
printer does with it.

`PrintPreviewDialog` shows every page of a PDF (QtPdf's QPdfView) with Print / Save /
Cancel and a printer chooser. Printing goes to the system spooler (CUPS `lp`, or the Windows
spooler) off the GUI thread; when Settings say "save instead of printing", Print saves.

`PrintJobPanel` follows submitted jobs: a `PrintJobFollower` per job asks CUPS for the job's
state (`job_status`) on the "io" pool every second, never on the GUI thread. A job that is
still not out after a while, or whose printer stopped, shows as stuck with Cancel and
Reprint buttons. Nothing is ever printed again by itself: a receipt or a label sheet that
comes out twice is worse than one the leader reprints by hand.
"""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from PySide6.QtCore import QEvent, QObject, QPointF, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFileDialog,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.devices.printers.system_printer import (
    STUCK_AFTER_S,
    JobState,
    PrintJob,
    cancel_job,
    default_printer,
    job_status,
    list_printers,
    print_or_save,
    print_pdf,
    save_pdf,
)
from app.settings import Settings
from ui.errors import error_text, show_error
from ui.i18n import current_language
from ui.tasks import run_in_background

POLL_MS = 1000
FINAL = (JobState.COMPLETED, JobState.CANCELLED)
PREVIEW_QSS = """
#previewTitle { font-size: 22pt; font-weight: bold; }
#previewPages, #previewStatus { font-size: 15pt; color: #333333; }
#previewPrinter { font-size: 17pt; min-width: 260px; }
#previewPrint { background: #ffc107; border: 2px solid #ff8f00; font-weight: bold; }
#previewPrint:disabled { background: #eeeeee; border-color: #b8bcc2; }
#pdfView { background: #5f6670; border: none; }
#jobRow { background: #ffffff; border: 2px solid #c3c8cf; border-radius: 6px; }
#jobRow[state="completed"] { border-color: #1b7a2e; }
#jobRow[state="stuck"], #jobRow[state="failed"] { border-color: #c62828; background: #fdecea; }
#jobTitle { font-size: 16pt; font-weight: bold; }
#jobState { font-size: 15pt; }
#jobState[state="completed"] { color: #1b7a2e; font-weight: bold; }
#jobState[state="stuck"], #jobState[state="failed"] { color: #b00020; font-weight: bold; }
#jobButton { font-size: 15pt; min-height: 40px; padding: 4px 14px; }
"""


def _repolish(widget: QWidget) -> None:
    widget.style().unpolish(widget)
    widget.style().polish(widget)


@dataclass(frozen=True)
class Submission:
    """What was sent, so that the leader can send the same again."""

    path: Path
    title: str
    printer: str | None = None
    options: Mapping[str, str] = field(default_factory=dict)


class PrintPreviewDialog(QDialog):
    """A PDF's pages, a printer, and Print / Save / Cancel (Ctrl+P / Ctrl+S / Esc)."""

    job_started = Signal(object)
    """(PrintJob) the document went to the spooler, or was saved when Settings say so."""
    saved = Signal(object)
    """(Path) the document was saved where the leader chose."""

    def __init__(self, pdf_path: Path, *, title: str, settings: Settings, save_dir: Path,
                 options: Mapping[str, str] | None = None, printer: str | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("printPreview")
        self.setModal(True)
        self.setStyleSheet(PREVIEW_QSS)
        self.pdf_path = Path(pdf_path)
        self.doc_title = title
        self.settings = settings
        self.save_dir = Path(save_dir)
        self.options = dict(options or {})
        self.wanted_printer = printer or settings.printer_target or None
        self.job: PrintJob | None = None
        self.saved_path: Path | None = None
        self.busy = False

        self.document = QPdfDocument(self)
        self.document.load(str(self.pdf_path))
        self.view = QPdfView(self)
        self.view.setObjectName("pdfView")
        self.view.setDocument(self.document)
        self.view.setPageMode(QPdfView.PageMode.MultiPage)
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        self.view.setPageSpacing(12)

        self.title_label = QLabel(objectName="previewTitle")
        self.pages_label = QLabel(objectName="previewPages")
        self.fit_width = QPushButton(objectName="zoomButton")
        self.fit_page = QPushButton(objectName="zoomButton")
        for button, mode in ((self.fit_width, QPdfView.ZoomMode.FitToWidth),
                             (self.fit_page, QPdfView.ZoomMode.FitInView)):
            button.setAutoDefault(False)
            button.clicked.connect(lambda _c=False, m=mode: self.view.setZoomMode(m))
        top = QHBoxLayout()
        top.addWidget(self.title_label, 1)
        top.addWidget(self.pages_label)
        top.addWidget(self.fit_width)
        top.addWidget(self.fit_page)

        self.printer_label = QLabel(objectName="previewPages")
        self.printer_box = QComboBox(objectName="previewPrinter")
        self.status = QLabel(objectName="previewStatus", wordWrap=True)
        self.print_button = QPushButton(objectName="previewPrint")
        self.save_button = QPushButton(objectName="previewSave")
        self.cancel_button = QPushButton(objectName="previewCancel")
        self.print_button.setDefault(True)
        for button in (self.save_button, self.cancel_button):
            button.setAutoDefault(False)
        self.print_button.clicked.connect(self.print_document)
        self.save_button.clicked.connect(self.save_document)
        self.cancel_button.clicked.connect(self.reject)
        bottom = QHBoxLayout()
        bottom.setSpacing(12)
        bottom.addWidget(self.printer_label)
        bottom.addWidget(self.printer_box)
        bottom.addWidget(self.status, 1)
        bottom.addWidget(self.print_button)
        bottom.addWidget(self.save_button)
        bottom.addWidget(self.cancel_button)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(18, 14, 18, 14)
        layout.setSpacing(10)
        layout.addLayout(top)
        layout.addWidget(self.view, 1)
        layout.addLayout(bottom)
        for keys, slot in (("Ctrl+P", self.print_document), ("Ctrl+S", self.save_document)):
            QShortcut(QKeySequence(keys), self).activated.connect(slot)
        self.retranslate_ui()
        self._fit_to_screen()
        if self.saves_instead:
            self.printer_box.hide()
            self.printer_label.hide()
        else:
            self.print_button.setEnabled(False)
            self.status.setText(self.tr("Looking for printers…"))
            run_in_background(_printers, self._printers_found, self._printers_failed, "io", owner=self)

    # --- texts and size ------------------------------------------------------------------

    @property
    def saves_instead(self) -> bool:
        """Settings say there is no printer: Print saves the PDF into the save folder."""
        return self.settings.printer_kind == "none"

    @property
    def page_count(self) -> int:
        return self.document.pageCount()

    def retranslate_ui(self) -> None:
        self.setWindowTitle(self.tr("Print preview"))
        self.title_label.setText(self.doc_title)
        if self.document.status() == QPdfDocument.Status.Error:
            self.pages_label.setText(self.tr("This PDF cannot be shown"))
        else:
            self.pages_label.setText(self.tr("{n} pages").format(n=self.page_count))
        self.fit_width.setText(self.tr("Fit width"))
        self.fit_page.setText(self.tr("Whole page"))
        self.printer_label.setText(self.tr("Printer"))
        self.print_button.setText(self.tr("Save (no printer set)") if self.saves_instead
                                  else self.tr("Print (Ctrl+P)"))
        self.save_button.setText(self.tr("Save as… (Ctrl+S)"))
        self.cancel_button.setText(self.tr("Cancel (Esc)"))

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt override
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)

    def _fit_to_screen(self) -> None:
        screen = self.screen().availableGeometry() if self.screen() else None
        width, height = 1240, 720
        if screen is not None:
            width = min(width, int(screen.width() * 0.94))
            height = min(height, int(screen.height() * 0.94))
        self.resize(width, height)

    def go_to_page(self, page: int) -> None:
        self.view.pageNavigator().jump(page, QPointF(), self.view.pageNavigator().currentZoom())

    # --- printers ------------------------------------------------------------------------

    def _printers_found(self, found: tuple[list[str], str | None]) -> None:
        printers, default = found
        self.printer_box.clear()
        self.printer_box.addItems(printers)
        for wanted in (self.wanted_printer, default):
            if wanted and wanted in printers:
                self.printer_box.setCurrentText(wanted)
                break
        if printers:
            self.status.setText("")
            self.print_button.setEnabled(not self.busy)
        else:
            self.status.setText(self.tr("No printer is set up on this computer: use Save."))

    def _printers_failed(self, exc: BaseException) -> None:
        self.status.setText(_error_text(exc))

    def printer(self) -> str | None:
        return self.printer_box.currentText() or None

    # --- actions -------------------------------------------------------------------------

    def submission(self) -> Submission:
        return Submission(self.pdf_path, self.doc_title, self.printer(), dict(self.options))

    def print_document(self) -> None:
        if self.busy or not self.print_button.isEnabled():
            return
        self._set_busy(True, self.tr("Sending to the printer…"))
        if self.saves_instead:
            settings, path, folder = self.settings, self.pdf_path, self.save_dir

            def work() -> PrintJob:
                return print_or_save(path, printer_kind=settings.printer_kind,
                                     printer_target=settings.printer_target, save_dir=folder)
        else:
            sub = self.submission()

            def work() -> PrintJob:
                return print_pdf(sub.path, sub.printer, title=sub.title, options=sub.options)
        run_in_background(work, self._printed, self._failed, "io", owner=self)

    def _printed(self, job: PrintJob) -> None:
        self.job = job
        self._set_busy(False, "")
        self.job_started.emit(job)
        self.accept()

    def ask_save_path(self) -> Path | None:
        """Where to save (a file dialog); tests replace this."""
        suggested = str(self.save_dir / self.pdf_path.name)
        path, _filter = QFileDialog.getSaveFileName(self, self.tr("Save the PDF"), suggested,
                                                    self.tr("PDF files (*.pdf)"))
        return Path(path) if path else None

    def save_document(self) -> None:
        if self.busy:
            return
        target = self.ask_save_path()
        if target is None:
            return
        if target.suffix.lower() != ".pdf":
            target = target.with_suffix(".pdf")
        self._set_busy(True, self.tr("Saving…"))
        source = self.pdf_path
        run_in_background(lambda: save_pdf(source, target.parent, target.name), self._saved,
                          self._failed, "io", owner=self)

    def _saved(self, path: Path) -> None:
        self.saved_path = path
        self._set_busy(False, self.tr("Saved to {path}").format(path=path))
        self.saved.emit(path)
        self.accept()

    def _failed(self, exc: BaseException) -> None:
        self._set_busy(False, _error_text(exc))
        show_error(self, exc, current_language(), context="print preview")

    def _set_busy(self, busy: bool, text: str) -> None:
        self.busy = busy
        self.status.setText(text)
        self.print_button.setEnabled(not busy and (self.saves_instead or self.printer_box.count() > 0))
        self.save_button.setEnabled(not busy)


def _printers() -> tuple[list[str], str | None]:
    printers = list_printers()
    return printers, default_printer()


def _error_text(exc: BaseException) -> str:
    return error_text(exc, current_language())


# --- following jobs ------------------------------------------------------------------------


class PrintJobFollower(QObject):
    """Asks the spooler about one job every `interval_ms`, off the GUI thread, until it is
    printed or cancelled. It only ever asks: it never prints anything."""

    changed = Signal(object)
    """(JobState) after each answer."""

    def __init__(self, job: PrintJob, *, interval_ms: int = POLL_MS,
                 stuck_after_s: float = STUCK_AFTER_S, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.job = job
        self.stuck_after_s = stuck_after_s
        self.state = JobState.QUEUED if job.via == "cups" else JobState.UNKNOWN
        self.answers = 0
        self._asking = False
        self._timer = QTimer(self)
        self._timer.setInterval(interval_ms)
        self._timer.timeout.connect(self.poll_now)

    @property
    def following(self) -> bool:
        return self._timer.isActive()

    def start(self) -> None:
        if self.job.via != "cups" or not self.job.job_id:
            return  # saved, or handed to Windows: there is nothing to ask about
        self._timer.start()
        self.poll_now()

    def stop(self) -> None:
        self._timer.stop()

    def poll_now(self) -> None:
        if self._asking:
            return
        self._asking = True
        job, stuck_after = self.job, self.stuck_after_s
        run_in_background(lambda: job_status(job, stuck_after_s=stuck_after), self._answer,
                          self._no_answer, "io", owner=self)

    def _answer(self, state: JobState) -> None:
        self._asking = False
        self.answers += 1
        self.state = state
        if state in FINAL:
            self.stop()
        self.changed.emit(state)

    def _no_answer(self, _exc: BaseException) -> None:
        self._asking = False
        self.state = JobState.UNKNOWN
        self.changed.emit(self.state)


class JobRow(QFrame):
    """One followed job: what, where, its state; Cancel and Reprint when it needs a person."""

    def __init__(self, sub: Submission, job: PrintJob, *, stuck_after_s: float,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("jobRow")
        self.sub = sub
        self.stuck_after_s = stuck_after_s
        self.title = QLabel(objectName="jobTitle")
        self.state_label = QLabel(objectName="jobState", wordWrap=True)
        self.cancel_button = QPushButton(objectName="jobButton")
        self.reprint_button = QPushButton(objectName="jobButton")
        for button in (self.cancel_button, self.reprint_button):
            button.setAutoDefault(False)
        self.cancel_button.clicked.connect(self.cancel)
        self.reprint_button.clicked.connect(self.reprint)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(12, 6, 12, 6)
        layout.addWidget(self.title)
        layout.addWidget(self.state_label, 1)
        layout.addWidget(self.cancel_button)
        layout.addWidget(self.reprint_button)
        self.follower: PrintJobFollower | None = None
        self.failed_text = ""
        self.reprints = 0
        self.set_job(job)

    @property
    def job(self) -> PrintJob:
        assert self.follower is not None
        return self.follower.job

    @property
    def state(self) -> str:
        if self.failed_text:
            return "failed"
        assert self.follower is not None
        if self.follower.job.via == "file":
            return "saved"
        if self.follower.job.via != "cups":
            return "sent"
        return str(self.follower.state)

    def set_job(self, job: PrintJob) -> None:
        if self.follower is not None:
            self.follower.stop()
            self.follower.deleteLater()
        self.failed_text = ""
        self.follower = PrintJobFollower(job, stuck_after_s=self.stuck_after_s, parent=self)
        self.follower.changed.connect(lambda _state: self.refresh())
        self.refresh()
        self.follower.start()

    def refresh(self) -> None:
        job = self.job
        where = job.printer or ""
        label = f"{self.sub.title}" + (f" → {where}" if where and job.via == "cups" else "")
        if job.job_id and job.via == "cups":
            label += f" ({job.job_id})"
        self.title.setText(label)
        state = self.state
        texts = {
            "queued": self.tr("Waiting in the printer queue"),
            "printing": self.tr("Printing…"),
            "completed": self.tr("Printed"),
            "stuck": self.tr("Stuck: not printed yet. Check the printer's paper, power and cable, "
                             "then cancel or print again."),
            "cancelled": self.tr("Cancelled"),
            "unknown": self.tr("The printing service gives no answer about this job"),
            "saved": self.tr("Saved to {path}").format(path=job.path),
            "sent": self.tr("Sent to the printer"),
            "failed": self.failed_text,
        }
        self.state_label.setText(texts.get(state, state))
        self.setProperty("state", state)
        self.state_label.setProperty("state", state)
        _repolish(self)
        _repolish(self.state_label)
        self.cancel_button.setText(self.tr("Cancel"))
        self.reprint_button.setText(self.tr("Print again"))
        self.cancel_button.setVisible(state in ("queued", "printing", "stuck"))
        self.reprint_button.setVisible(state in ("stuck", "cancelled", "unknown", "failed"))

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt override
        if event.type() == QEvent.Type.LanguageChange and self.follower is not None:
            self.refresh()
        super().changeEvent(event)

    def cancel(self) -> None:
        job = self.job
        self.cancel_button.setEnabled(False)

        def done(_result: object) -> None:
            self.cancel_button.setEnabled(True)
            if self.follower is not None:
                self.follower.poll_now()

        run_in_background(lambda: cancel_job(job), done, self._failed, "io", owner=self)

    def reprint(self) -> None:
        """The leader asked: cancel what is left of the old job, send the same file again."""
        old, sub = self.job, self.sub
        pending = old.via == "cups" and self.state not in ("completed", "cancelled")
        self.reprint_button.setEnabled(False)

        def work() -> PrintJob:
            if pending:
                cancel_job(old)
            return print_pdf(sub.path, sub.printer, title=sub.title, options=sub.options)

        def done(job: PrintJob) -> None:
            self.reprint_button.setEnabled(True)
            self.reprints += 1
            self.set_job(job)

        run_in_background(work, done, self._failed, "io", owner=self)

    def _failed(self, exc: BaseException) -> None:
        self.cancel_button.setEnabled(True)
        self.reprint_button.setEnabled(True)
        self.failed_text = _error_text(exc)
        self.refresh()


class PrintJobPanel(QWidget):
    """The last few print jobs and what became of them (newest on top)."""

    MAX_ROWS = 3

    def __init__(self, *, stuck_after_s: float = STUCK_AFTER_S, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("printJobs")
        self.setStyleSheet(PREVIEW_QSS)
        self.stuck_after_s = stuck_after_s
        self.rows: list[JobRow] = []
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self._layout.setSpacing(6)

    def follow(self, job: PrintJob, sub: Submission) -> JobRow:
        row = JobRow(sub, job, stuck_after_s=self.stuck_after_s, parent=self)
        self._layout.insertWidget(0, row)
        self.rows.insert(0, row)
        for old in self.rows[self.MAX_ROWS:]:
            if old.follower is not None:
                old.follower.stop()
            self._layout.removeWidget(old)
            old.deleteLater()
        del self.rows[self.MAX_ROWS:]
        return row
