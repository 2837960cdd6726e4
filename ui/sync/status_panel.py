"""The top of the Sync screen: online or not, waiting uploads, open conflicts, the last good
sync and the last error, with 立即同步 Sync now, Stop, and the progress of a running sync."""
from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtWidgets import (
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.clock import BusinessCalendar
from app.sync_service import SyncOverview, SyncProgress


class SyncStatusPanel(QFrame):
    sync_requested = Signal()
    stop_requested = Signal()

    def __init__(self, calendar: BusinessCalendar, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("syncStatusPanel")
        self._calendar = calendar
        self.overview: SyncOverview | None = None
        self.progress: SyncProgress | None = None
        self.running = False

        self.state_label = QLabel(objectName="syncState")
        self.station_label = QLabel(objectName="syncStation")
        self.pending_label = QLabel(objectName="syncPending")
        self.conflicts_label = QLabel(objectName="syncConflicts")
        self.last_label = QLabel(objectName="syncLast")
        self.error_label = QLabel(objectName="syncError", wordWrap=True)
        self.error_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self._captions = [QLabel() for _ in range(5)]
        form = QFormLayout()
        for caption, value in zip(
            self._captions,
            (self.station_label, self.pending_label, self.conflicts_label, self.last_label,
             self.error_label),
            strict=True,
        ):
            form.addRow(caption, value)

        self.sync_button = QPushButton(objectName="syncNowButton")
        self.sync_button.setMinimumHeight(48)
        self.sync_button.clicked.connect(self.sync_requested)
        self.stop_button = QPushButton(objectName="syncStopButton")
        self.stop_button.clicked.connect(self.stop_requested)
        self.progress_bar = QProgressBar(objectName="syncProgress")
        self.progress_bar.setRange(0, 0)  # busy: the platform does not say how much is left
        self.progress_bar.setTextVisible(False)
        self.progress_label = QLabel(objectName="syncProgressText", wordWrap=True)
        side = QVBoxLayout()
        side.addWidget(self.sync_button)
        side.addWidget(self.stop_button)
        side.addWidget(self.progress_bar)
        side.addWidget(self.progress_label)
        side.addStretch(1)

        left = QVBoxLayout()
        left.addWidget(self.state_label)
        left.addLayout(form)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 12)
        layout.addLayout(left, 3)
        layout.addLayout(side, 1)
        self.retranslate_ui()

    # --- data ---------------------------------------------------------------------------

    def set_overview(self, overview: SyncOverview) -> None:
        self.overview = overview
        self._render()

    def set_running(self, running: bool) -> None:
        self.running = running
        if not running:
            self.progress = None
        self._render()

    def set_progress(self, progress: SyncProgress) -> None:
        self.progress = progress
        self._render_progress()

    # --- drawing ------------------------------------------------------------------------

    def retranslate_ui(self) -> None:
        for caption, text in zip(
            self._captions,
            (self.tr("Station"), self.tr("Waiting to upload"), self.tr("Open conflicts"),
             self.tr("Last successful sync"), self.tr("Last error")),
            strict=True,
        ):
            caption.setText(text)
        self.sync_button.setText(self.tr("Sync now"))
        self.stop_button.setText(self.tr("Stop"))
        self._render()

    def _render(self) -> None:
        o = self.overview
        if o is None:
            self.state_label.setText(self.tr("Reading the sync status…"))
        elif o.needs_enrolment:
            self.state_label.setText(self.tr("Not enrolled: enter the platform address and an enrolment code below"))
        elif self.running:
            self.state_label.setText(self.tr("Syncing…"))
        elif o.online:
            self.state_label.setText(self.tr("● Online"))
        else:
            self.state_label.setText(self.tr("○ Offline: everything works here; uploads wait for the internet"))
        self.state_label.setProperty("online", bool(o and o.online))
        if o is not None:
            station = f"{o.station_name} ({o.station_code})" if o.station_code else "-"
            self.station_label.setText(f"{station}  {o.cloud_url}".strip())
            self.pending_label.setText(str(o.pending_uploads))
            self.conflicts_label.setText(str(o.open_conflicts))
            self.last_label.setText(self._when(o.last_success_at) or self.tr("never"))
            self.error_label.setText(o.last_error or self.tr("none"))
        self.sync_button.setEnabled(bool(o and not o.needs_enrolment) and not self.running)
        self.stop_button.setVisible(self.running)
        self.progress_bar.setVisible(self.running)
        self._render_progress()

    def _render_progress(self) -> None:
        p = self.progress
        if not self.running:
            self.progress_label.setText("")
        elif p is None:
            self.progress_label.setText(self.tr("Starting…"))
        elif p.phase == "pull":
            text = self.tr("Downloading: {0} change(s) in {1} page(s)").format(p.pulled, p.pages)
            if p.snapshot:
                text += "\n" + self.tr("Full download: this can take a few minutes; the counter keeps working")
            self.progress_label.setText(text)
        else:
            self.progress_label.setText(
                self.tr("Uploading: {0} sent, {1} still waiting").format(p.pushed, p.pending)
            )

    def _when(self, at: datetime | None) -> str:
        return self._calendar.local(at).strftime("%Y-%m-%d %H:%M") if at else ""

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt override
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)
