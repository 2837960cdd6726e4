"""同步 Sync (F5): is the station online, what waits to upload, when the last sync worked,
conflicts for the leader to decide, the sync log, 立即同步 Sync now, and enrolment.

Syncs run on their own thread (ui/sync/runner.py): every settings.sync_interval_s while
the station is enrolled, and when asked. The first pull of a busy station takes a while: its
progress shows here and it can be stopped; the counter keeps working meanwhile. Reads and
the conflict decisions go through the usual background pools.
"""
from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QEvent
from PySide6.QtWidgets import QDialog, QLabel, QTabWidget, QVBoxLayout, QWidget

from app.actors import Actor
from app.bootstrap import AppContext
from app.sync_service import ConflictInfo, SyncProgress, SyncSummary, sync_service_for
from ui.screens.base import ERROR, INFO, WARNING, Screen
from ui.sync.conflicts_panel import ConflictsPanel
from ui.sync.enrol_form import EnrolForm
from ui.sync.log_view import SyncLogView
from ui.sync.resolve_dialog import ResolveConflictDialog
from ui.sync.runner import SyncRunner
from ui.sync.status_panel import SyncStatusPanel
from ui.tasks import run_in_background

log = logging.getLogger(__name__)

LOG_LINES = 200


class SyncScreen(Screen):
    screen_id = "sync"

    def __init__(self, ctx: AppContext, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(ctx, actor, parent)
        self.service = sync_service_for(ctx)
        self.dialog: QDialog | None = None
        self.last_summary: SyncSummary | None = None
        self._manual = False

        self._title = QLabel(objectName="screenTitle")
        self.status = SyncStatusPanel(ctx.calendar)
        self.status.sync_requested.connect(self.sync_now)
        self.status.stop_requested.connect(self.stop_sync)
        self.conflicts = ConflictsPanel(ctx.calendar)
        self.conflicts.resolve_requested.connect(self.resolve)
        self.log_view = SyncLogView(ctx.calendar)
        self.enrol_form = EnrolForm()
        self.enrol_form.url_edit.setText(ctx.settings.cloud_url)
        self.enrol_form.enrol_requested.connect(self.enrol)
        self.tabs = QTabWidget(objectName="syncTabs")
        for page in (self.conflicts, self.log_view, self.enrol_form):
            self.tabs.addTab(page, "")

        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 14, 24, 10)
        layout.setSpacing(10)
        layout.addWidget(self._title)
        layout.addWidget(self.status)
        layout.addWidget(self.tabs, 1)

        self.runner = SyncRunner(
            self._sync_job,
            interval_s=ctx.settings.sync_interval_s,
            should_auto=self.service.ready_for_auto_sync,
            parent=self,
        )
        self.runner.progress.connect(self.status.set_progress)
        self.runner.running_changed.connect(self.status.set_running)
        self.runner.finished.connect(self._sync_done)
        self.runner.failed.connect(self._sync_failed)
        self.retranslate_ui()
        self.refresh()

    # --- Screen --------------------------------------------------------------------------

    def title(self) -> str:
        return self.tr("Sync")

    def activated(self) -> None:
        wanted = self.ctx.settings.sync_interval_s
        if self.runner.interval_s != wanted:  # changed in Settings meanwhile
            self.runner.set_interval(wanted)
        self.refresh()

    def retranslate_ui(self) -> None:
        self._title.setText(self.title())
        self._tab_titles()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt override
        super().changeEvent(event)
        if event.type() == QEvent.Type.LanguageChange:
            self.refresh()  # the log and conflicts carry both languages: draw them again

    # --- reading ------------------------------------------------------------------------

    def refresh(self) -> None:
        service = self.service

        def load() -> tuple[Any, list[ConflictInfo], list[Any]]:
            return service.overview(), service.conflicts(), service.log(LOG_LINES)

        self.run(load, self._loaded, pool="read", context="reading the sync status")

    def _loaded(self, data: tuple[Any, list[ConflictInfo], list[Any]]) -> None:
        overview, conflicts, entries = data
        self.status.set_overview(overview)
        self.conflicts.set_conflicts(conflicts)
        self.log_view.set_entries(entries)
        if overview.needs_enrolment and not self.runner.running:
            self.tabs.setCurrentWidget(self.enrol_form)
        self._tab_titles()

    def _tab_titles(self) -> None:
        n = len(self.conflicts.conflicts)
        self.tabs.setTabText(0, self.tr("Conflicts ({0})").format(n) if n else self.tr("Conflicts"))
        self.tabs.setTabText(1, self.tr("Sync log"))
        self.tabs.setTabText(2, self.tr("Enrolment"))

    # --- syncing ------------------------------------------------------------------------

    def _sync_job(self, cancel: threading.Event, report: Callable[[SyncProgress], None]) -> SyncSummary:
        # On the sync thread: the service only, never a widget.
        return self.service.sync_now(cancel=cancel, progress=report)

    def sync_now(self) -> None:
        """立即同步: start a sync now (if one runs already, it carries on)."""
        self._manual = True
        if not self.runner.sync_now():
            self.show_notice(self.tr("A sync is already running."), INFO)

    def stop_sync(self) -> None:
        self.runner.cancel()
        self.show_notice(self.tr("Stopping the sync after the current step…"), INFO)

    def _sync_done(self, summary: SyncSummary) -> None:
        manual, self._manual = self._manual, False
        self.last_summary = summary
        if summary.new_conflicts:
            self.tabs.setCurrentWidget(self.conflicts)
            self.show_notice(
                self.tr("{0} conflict(s) with the platform need your decision.").format(summary.new_conflicts),
                WARNING,
            )
        elif summary.error is not None and (manual or summary.error_code != "offline"):
            level = INFO if summary.error_code in ("offline", "cancelled") else ERROR
            self.show_notice(summary.error.for_lang(self.lang), level)
        elif manual and summary.ok:
            self.show_notice(
                self.tr("Synced: {0} uploaded, {1} change(s) downloaded.").format(summary.pushed, summary.pulled),
                INFO,
            )
        self.refresh()

    def _sync_failed(self, exc: BaseException) -> None:
        manual, self._manual = self._manual, False
        if manual:
            self.show_error(exc, "syncing")
        else:
            log.info("automatic sync did not start: %s", exc)
        self.refresh()

    # --- enrolment ----------------------------------------------------------------------

    def enrol(self, cloud_url: str, code: str) -> None:
        service, actor = self.service, self.actor
        self.enrol_form.set_busy(True)

        def done(result: Any) -> None:
            self.enrol_form.set_busy(False)
            self.enrol_form.code_edit.clear()
            self.enrol_form.set_status(
                self.tr("Enrolled as {0} ({1}). Downloading the station's data…").format(
                    result.station_name, result.station_code)
            )
            self.tabs.setCurrentWidget(self.log_view)
            self.sync_now()

        def failed(exc: BaseException) -> None:
            self.enrol_form.set_busy(False)
            message = getattr(exc, "message", None)
            self.enrol_form.set_status(message.for_lang(self.lang) if message else "")
            self.show_error(exc, "enrolling")

        run_in_background(
            lambda: service.enrol(cloud_url=cloud_url, enrol_code=code, actor=actor),
            done, failed, "io", owner=self,
        )

    # --- conflicts ----------------------------------------------------------------------

    def resolve(self, conflict: ConflictInfo) -> None:
        """Ask what happened, then record the decision (audited) off the GUI thread."""
        dialog = ResolveConflictDialog(conflict, self)
        self.dialog = dialog
        service, actor = self.service, self.actor

        def accepted() -> None:
            resolution, note = dialog.resolution, dialog.note.text()
            self.run(
                lambda: service.resolve_conflict(
                    conflict.conflict_id, resolution=resolution, note=note, actor=actor
                ),
                self._resolved, pool="db", context="resolving a conflict",
            )

        dialog.accepted.connect(accepted)
        dialog.finished.connect(lambda _r: setattr(self, "dialog", None))
        dialog.open()

    def _resolved(self, info: ConflictInfo) -> None:
        self.show_notice(self.tr("Conflict resolved; it is in the audit log."), INFO)
        self.refresh()
