"""The picking documents (单据): product totals list (总拣单), picking list (分拣单) and bag
labels (标签), built on a worker thread, previewed in the app, then printed or saved.

A build reads the ready orders (`load_picking_data`) and draws the PDF off the GUI thread;
the builder's progress callback reaches the progress bar through a queued signal, so a
thousand orders never freeze the window. The preview opens when the PDF is ready; what is
printed is then followed in the jobs list below (ui.print_preview).
"""
from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.arrivals import SORTS, load_picking_data
from app.bootstrap import AppContext
from app.devices.printers.system_printer import PrintJob, media_option
from app.documents.labels import LABEL_FORMATS, build_labels
from app.documents.picking_list import build_picking_list
from app.documents.totals_list import build_totals_list
from ui.arrivals.services import documents_dir
from ui.arrivals.words import label_size_name, sort_name
from ui.errors import show_error
from ui.i18n import current_language
from ui.tasks import run_in_background

if TYPE_CHECKING:
    # QtPdf and QtPdfWidgets (~30 MiB): imported when a preview opens or a job is followed
    from ui.print_preview import PrintJobPanel, PrintPreviewDialog

TOTALS, PICKING, LABELS = "totals", "picking", "labels"
PROGRESS_EVERY_S = 0.1
"""The bar moves at most this often: every redraw makes the GUI thread wait for the GIL that
the builder is using, so fewer redraws leave it free for everything else."""
KINDS = (TOTALS, PICKING, LABELS)
SETTINGS_LABEL_SIZE = {"a4": "a4-3x8"}  # Settings' short name for the A4 sheet


@dataclass(frozen=True)
class DocumentSource:
    """Whose orders the documents print: a campaign's ready orders, or one delivery's."""

    campaign_id: int
    title: str
    arrival_id: int | None = None  # the delivery just signed off, if any
    truck_no: int | None = None


@dataclass(frozen=True)
class BuiltDocument:
    kind: str
    path: Path
    orders: int
    bags: int
    load_s: float
    build_s: float
    options: dict[str, str] = field(default_factory=dict)


class _Progress(QObject):
    """Made on the GUI thread; emitted from the worker, so the slot runs on the GUI thread."""

    progressed = Signal(int, int, int)  # build number, done, total


class DocumentsPanel(QWidget):
    built = Signal(object)
    """(BuiltDocument) a PDF is ready; its preview opens."""
    notice = Signal(str, str)

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("documentsPanel")
        self.ctx = ctx
        self.source: DocumentSource | None = None
        self.building: str | None = None
        self.last: BuiltDocument | None = None
        self.preview: PrintPreviewDialog | None = None
        self.open_preview = True
        self.progress_seen: list[int] = []
        self._seq = 0
        self._relay = _Progress(self)
        self._relay.progressed.connect(self._progressed)

        self.source_label = QLabel(objectName="docSource", wordWrap=True)
        self.this_truck = QCheckBox(objectName="thisTruck")
        self.this_truck.hide()
        self.sort_box = QComboBox(objectName="sortBox")
        for sort in SORTS:
            self.sort_box.addItem("", sort)
        self.size_box = QComboBox(objectName="sizeBox")
        for size in LABEL_FORMATS:
            self.size_box.addItem("", size)
        wanted = SETTINGS_LABEL_SIZE.get(ctx.settings.label_size, ctx.settings.label_size)
        self.size_box.setCurrentIndex(max(0, self.size_box.findData(wanted)))

        self.cards: dict[str, tuple[QLabel, QLabel, QPushButton]] = {}
        cards = QGridLayout()
        cards.setHorizontalSpacing(14)
        for col, (kind, option) in enumerate(((TOTALS, None), (PICKING, self.sort_box),
                                              (LABELS, self.size_box))):
            card = QFrame(objectName="docCard")
            title = QLabel(objectName="docTitle")
            note = QLabel(objectName="docNote", wordWrap=True)
            button = QPushButton(objectName="primaryButton")
            button.setAutoDefault(True)
            button.clicked.connect(lambda _c=False, k=kind: self.build(k))
            box = QVBoxLayout(card)
            box.setContentsMargins(16, 12, 16, 12)
            box.setSpacing(8)
            box.addWidget(title)
            box.addWidget(note)
            if option is not None:
                box.addWidget(option)
            else:
                box.addStretch(1)
            box.addWidget(button)
            cards.addWidget(card, 0, col)
            self.cards[kind] = (title, note, button)
            shortcut = QShortcut(QKeySequence(f"Ctrl+{col + 1}"), self)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(lambda k=kind: self.build(k))

        self.progress = QProgressBar(objectName="buildProgress")
        self.progress.setRange(0, 100)
        self.progress.setValue(0)
        self.progress.setTextVisible(True)
        self.status = QLabel(objectName="buildStatus", wordWrap=True)
        self.jobs_title = QLabel(objectName="allocSummary")
        self.jobs_title.hide()  # until something is printed
        self._jobs: PrintJobPanel | None = None  # made (with ui.print_preview) on first use
        self._jobs_slot = QVBoxLayout()
        self._jobs_slot.setContentsMargins(0, 0, 0, 0)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 8, 4, 4)
        layout.setSpacing(10)
        top = QHBoxLayout()
        top.addWidget(self.source_label, 1)
        top.addWidget(self.this_truck)
        layout.addLayout(top)
        layout.addLayout(cards)
        progress_row = QHBoxLayout()
        progress_row.setSpacing(12)
        progress_row.addWidget(self.progress, 2)
        progress_row.addWidget(self.status, 3)
        layout.addLayout(progress_row)
        layout.addWidget(self.jobs_title)
        layout.addLayout(self._jobs_slot)
        layout.addStretch(1)
        self.retranslate_ui()

    # --- texts ---------------------------------------------------------------------------

    def doc_title(self, kind: str) -> str:
        return {TOTALS: self.tr("Product totals list"), PICKING: self.tr("Picking list"),
                LABELS: self.tr("Bag labels")}[kind]

    def retranslate_ui(self) -> None:
        notes = {
            TOTALS: self.tr("Per item, how many to hand out, by storage zone."),
            PICKING: self.tr("Per customer, what goes into each bag."),
            LABELS: self.tr("One per bag, with its shelf slot and QR code."),
        }
        for kind, (title, note, button) in self.cards.items():
            title.setText(self.doc_title(kind))
            note.setText(notes[kind])
            button.setText(self.tr("Preview (Ctrl+{n})").format(n=KINDS.index(kind) + 1))
        for n, sort in enumerate(SORTS):
            self.sort_box.setItemText(n, sort_name(sort))
        for n, size in enumerate(LABEL_FORMATS):
            self.size_box.setItemText(n, label_size_name(size))
        self.this_truck.setText(self.tr("Only this truck's orders"))
        self.jobs_title.setText(self.tr("Print jobs"))
        self._show_source()
        if self.building is None and self.last is None:
            self.status.setText(self.tr("Choose a document: it is built, then shown before printing."))

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt override
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)

    def _show_source(self) -> None:
        source = self.source
        for _title, _note, button in self.cards.values():
            button.setEnabled(source is not None and self.building is None)
        if source is None:
            self.source_label.setText(self.tr("Choose a delivery first."))
            return
        text = source.title
        if source.truck_no:
            text += " · " + self.tr("truck {n}").format(n=source.truck_no)
        self.source_label.setText(text)

    # --- the source ----------------------------------------------------------------------

    def set_source(self, source: DocumentSource | None) -> None:
        self.source = source
        several = bool(source and source.arrival_id and (source.truck_no or 1) > 1)
        self.this_truck.setVisible(bool(source and source.arrival_id))
        self.this_truck.setChecked(several)
        self._show_source()

    # --- building ------------------------------------------------------------------------

    def build(self, kind: str) -> None:
        """Build a document for the source on a worker thread, then preview it."""
        source = self.source
        if source is None or kind not in KINDS:
            return
        if self.building is not None:
            self.notice.emit(self.tr("A document is being built; wait for it to finish."), "warning")
            return
        self._seq += 1
        seq = self._seq
        self.building = kind
        self.progress_seen = []
        self._show_source()
        self.progress.setRange(0, 0)  # busy until the first progress report
        self.status.setText(self.tr("Reading the orders…"))
        arrival_id = source.arrival_id if self.this_truck.isChecked() else None
        work = self._work(kind, source.campaign_id, arrival_id, seq)
        run_in_background(work, lambda built: self._built(seq, built),
                          lambda exc: self._failed(seq, exc), "read", owner=self)

    def _work(self, kind: str, campaign_id: int, arrival_id: int | None,
              seq: int) -> Callable[[], BuiltDocument | None]:
        ctx, relay = self.ctx, self._relay
        sort = self.sort_box.currentData()
        size = self.size_box.currentData()
        folder = documents_dir(ctx)
        suffix = f"-truck{arrival_id}" if arrival_id else ""
        name = {TOTALS: f"totals-{campaign_id}{suffix}.pdf",
                PICKING: f"picking-{campaign_id}{suffix}-{sort}.pdf",
                LABELS: f"labels-{campaign_id}{suffix}-{size}.pdf"}[kind]

        last = [0.0]

        def progress(done: int, total: int) -> None:
            now = time.monotonic()
            if done >= total or now - last[0] >= PROGRESS_EVERY_S:
                last[0] = now
                relay.progressed.emit(seq, done, total)

        def work() -> BuiltDocument | None:
            started = time.perf_counter()
            data = load_picking_data(ctx.db, campaign_id=campaign_id, now=ctx.clock.now(),
                                     calendar=ctx.calendar, arrival_id=arrival_id)
            loaded = time.perf_counter()
            if not data.orders:
                return None
            if kind == TOTALS:
                pdf = build_totals_list(data, progress=progress)
            elif kind == PICKING:
                pdf = build_picking_list(data, sort=sort, progress=progress)
            else:
                pdf = build_labels(data, size=size, sort="slot", progress=progress)
            built = time.perf_counter()
            folder.mkdir(parents=True, exist_ok=True)
            path = folder / name
            path.write_bytes(pdf)
            options: dict[str, str] = {}
            if kind == LABELS and LABEL_FORMATS[size].per_page == 1:
                media = media_option(path)  # a thermal roll: the page is the label
                if media:
                    options["media"] = media
            bags = sum(len(o.bags()) for o in data.orders)
            return BuiltDocument(kind, path, len(data.orders), bags, loaded - started,
                                 built - loaded, options)

        return work

    def _progressed(self, seq: int, done: int, total: int) -> None:
        if seq != self._seq or self.building is None:
            return
        if self.progress.maximum() == 0:
            self.progress.setRange(0, 100)
        percent = 100 if total <= 0 else min(100, done * 100 // total)
        self.progress.setValue(percent)
        self.progress_seen.append(percent)
        self.status.setText(self.tr("Building the {doc}: {done} of {total} orders").format(
            doc=self.doc_title(self.building), done=done, total=total))

    def _built(self, seq: int, built: BuiltDocument | None) -> None:
        if seq != self._seq:
            return
        kind = self.building or PICKING
        self.building = None
        self.progress.setRange(0, 100)
        self._show_source()
        if built is None:
            self.progress.setValue(0)
            self.status.setText(self.tr("No orders are ready yet: sign off the delivery first."))
            self.notice.emit(self.status.text(), "warning")
            return
        self.progress.setValue(100)
        self.last = built
        self.status.setText(
            self.tr("{doc} ready: {orders} orders, {bags} bags, built in {seconds:.1f} s").format(
                doc=self.doc_title(kind), orders=built.orders, bags=built.bags,
                seconds=built.load_s + built.build_s))
        self.built.emit(built)
        if self.open_preview:
            self.show_preview(built)

    def _failed(self, seq: int, exc: BaseException) -> None:
        if seq != self._seq:
            return
        self.building = None
        self.progress.setRange(0, 100)
        self.progress.setValue(0)
        self._show_source()
        self.status.setText(self.tr("The document could not be built."))
        show_error(self, exc, current_language(), context="building a picking document")

    # --- preview and print ---------------------------------------------------------------

    @property
    def jobs(self) -> PrintJobPanel:
        """The list of print jobs followed, made the first time something is printed."""
        if self._jobs is None:
            from ui.print_preview import PrintJobPanel

            self._jobs = PrintJobPanel()
            self._jobs_slot.addWidget(self._jobs)
        return self._jobs

    def show_preview(self, built: BuiltDocument) -> PrintPreviewDialog:
        from ui.print_preview import PrintPreviewDialog

        source = self.source
        title = self.doc_title(built.kind) + (f" · {source.title}" if source else "")
        dialog = PrintPreviewDialog(
            built.path, title=title, settings=self.ctx.settings,
            save_dir=self.ctx.data_dir / "saved", options=built.options, parent=self.window(),
        )
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, True)
        dialog.job_started.connect(lambda job: self._follow(job, dialog))
        dialog.saved.connect(lambda path: self.notice.emit(
            self.tr("Saved to {path}").format(path=path), "info"))
        dialog.destroyed.connect(lambda _obj=None: self._preview_closed(dialog))
        self.preview = dialog
        dialog.open()
        return dialog

    def _preview_closed(self, dialog: PrintPreviewDialog) -> None:
        if self.preview is dialog:
            self.preview = None

    def _follow(self, job: PrintJob, dialog: PrintPreviewDialog) -> None:
        from ui.print_preview import Submission

        sub = Submission(job.path if job.via == "file" else dialog.pdf_path, dialog.doc_title,
                         job.printer if job.via == "cups" else dialog.printer(), dict(dialog.options))
        self.jobs.follow(job, sub)
        self.jobs_title.show()
        if job.via == "file":
            self.notice.emit(self.tr("Saved to {path}").format(path=job.path), "info")
        else:
            self.notice.emit(self.tr("Sent to the printer: {doc}").format(doc=dialog.doc_title), "info")
