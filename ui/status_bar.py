"""The bottom line: who is on duty, the cloud, what waits to upload, conflicts, store time.

The sync figures come from the database every few seconds, queried off the GUI thread.
"""
from __future__ import annotations

import logging

from PySide6.QtCore import QEvent, QTimer
from PySide6.QtWidgets import QLabel, QStatusBar, QWidget

from app.actors import ROLE_NAMES, Actor
from app.bootstrap import AppContext
from app.station_service import SyncStatus
from ui.i18n import current_language
from ui.tasks import run_in_background

log = logging.getLogger(__name__)

REFRESH_MS = 5_000
CLOCK_MS = 1_000


def role_text(actor: Actor, lang: str) -> str:
    """The staff member's roles in lang, owner first (the order of ROLE_NAMES)."""
    pairs = [pair for role, pair in ROLE_NAMES.items() if role in actor.roles]
    return " / ".join(en if lang == "en" else zh for zh, en in pairs)


class StationStatusBar(QStatusBar):
    def __init__(
        self, ctx: AppContext, actor: Actor, parent: QWidget | None = None, *, refresh_ms: int = REFRESH_MS
    ) -> None:
        super().__init__(parent)
        self.setObjectName("stationStatus")
        self.setSizeGripEnabled(False)
        self.ctx = ctx
        self.actor = actor
        self.status: SyncStatus | None = None
        self._in_flight = False
        self._failed = False
        self.staff_label = QLabel(objectName="statusStaff")
        self.cloud_label = QLabel(objectName="statusCloud")
        self.pending_label = QLabel(objectName="statusPending")
        self.conflicts_label = QLabel(objectName="statusConflicts")
        self.clock_label = QLabel(objectName="statusClock")
        self.addWidget(self.staff_label, 1)
        for label in (self.cloud_label, self.pending_label, self.conflicts_label, self.clock_label):
            self.addPermanentWidget(label)
        self._refresh_timer = QTimer(self, interval=refresh_ms)
        self._refresh_timer.timeout.connect(self.refresh)
        self._clock_timer = QTimer(self, interval=CLOCK_MS)
        self._clock_timer.timeout.connect(self.update_clock)
        self.retranslate_ui()
        self.refresh()
        self._refresh_timer.start()
        self._clock_timer.start()

    def set_actor(self, actor: Actor) -> None:
        self.actor = actor
        self.retranslate_ui()

    def stop(self) -> None:
        self._refresh_timer.stop()
        self._clock_timer.stop()

    def refresh(self) -> None:
        """Ask the database for the sync figures (off the GUI thread); one query at a time."""
        if self._in_flight:
            return
        self._in_flight = True
        run_in_background(
            self.ctx.station.sync_status, self._got_status, self._query_failed, "read", owner=self
        )

    def _got_status(self, status: SyncStatus) -> None:
        self._in_flight = False
        self._failed = False
        self.status = status
        self._render_sync()

    def _query_failed(self, exc: BaseException) -> None:
        self._in_flight = False
        self._failed = True
        log.warning("status bar could not read the sync status: %s", exc)
        self._render_sync()

    def update_clock(self) -> None:
        local = self.ctx.calendar.local(self.ctx.clock.now())
        self.clock_label.setText(local.strftime("%Y-%m-%d %H:%M"))

    def retranslate_ui(self) -> None:
        lang = current_language()
        self.staff_label.setText(
            self.tr("On duty: {name} ({role})").format(name=self.actor.name, role=role_text(self.actor, lang))
        )
        self._render_sync()
        self.update_clock()

    def _render_sync(self) -> None:
        status = self.status
        if not self.ctx.settings.cloud_url:
            cloud = self.tr("Not connected to the cloud")
        elif status is not None and status.last_success_at is not None and not status.last_error:
            cloud = self.tr("Online")
        else:
            cloud = self.tr("Offline")
        self.cloud_label.setText(cloud)
        tips = []
        if status is not None and status.last_success_at is not None:
            when = self.ctx.calendar.local(status.last_success_at).strftime("%Y-%m-%d %H:%M")
            tips.append(self.tr("Last sync: {0}").format(when))
        if status is not None and status.last_error:
            tips.append(self.tr("Last error: {0}").format(status.last_error))
        self.cloud_label.setToolTip("\n".join(tips))
        unknown = "?" if self._failed or status is None else None
        pending = unknown or str(status.pending_uploads)  # type: ignore[union-attr]
        conflicts = unknown or str(status.open_conflicts)  # type: ignore[union-attr]
        self.pending_label.setText(self.tr("Waiting to upload: {0}").format(pending))
        self.conflicts_label.setText(self.tr("Conflicts: {0}").format(conflicts))
        alert = status is not None and status.open_conflicts > 0
        if self.conflicts_label.property("alert") != alert:
            self.conflicts_label.setProperty("alert", alert)
            self.conflicts_label.style().unpolish(self.conflicts_label)
            self.conflicts_label.style().polish(self.conflicts_label)

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt override
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)
