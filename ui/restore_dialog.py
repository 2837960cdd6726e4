"""The database file cannot be opened (damaged, emptied): offer the newest good backup.

Shown at start, before any window, when bootstrap() raises DatabaseProblem("corrupt").
The backups are checked off the GUI thread and the newest one that passes is chosen; one
button restores it (the damaged file is first copied aside, nothing is deleted), the other
quits. Nobody can sign in to a damaged database, so this restore needs no PIN; it is audited
in the restored database.
"""
from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.backups import BackupInfo, BackupService, RestoreResult
from app.clock import Clock
from app.errors import DatabaseProblem, UserFacingError
from app.instance_lock import InstanceLock
from ui.errors import error_text, show_error
from ui.i18n import current_language
from ui.tasks import run_in_background

log = logging.getLogger(__name__)

STYLE = "#restoreProblem { font-size: 18pt; color: #b71c1c; } #restoreList { font-size: 16pt; }"


def describe_backup(info: BackupInfo, backups: BackupService, lang: str) -> str:
    """One line for a backup: local time, kind, size, and whether it is on the second folder."""
    local = backups.calendar.local(info.taken_at)
    kinds = {
        "daily": ("每日备份", "daily"), "manual": ("手动备份", "by hand"),
        "prerestore": ("恢复前备份", "before a restore"), "premigrate": ("升级前备份", "before an upgrade"),
    }
    zh, en = kinds.get(info.label, (info.label, info.label))
    size = f"{info.size / 1_048_576:.1f} MB"
    where = ("（第二备份位置）", " (second folder)") if info.extra else ("", "")
    if lang.startswith("en"):
        return f"{local:%Y-%m-%d %H:%M}   {en}   {size}{where[1]}"
    return f"{local:%Y-%m-%d %H:%M}   {zh}   {size}{where[0]}"


class RestoreDialog(QDialog):
    def __init__(self, backups: BackupService, problem: DatabaseProblem | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("restoreDialog")
        self.setStyleSheet(STYLE)
        self.backups = backups
        self.problem = problem
        self.result_info: RestoreResult | None = None
        self._infos: list[BackupInfo] = []
        self._title = QLabel(objectName="dialogTitle")
        self._problem = QLabel(objectName="restoreProblem", wordWrap=True)
        self._hint = QLabel(objectName="screenNote", wordWrap=True)
        self.list = QListWidget(objectName="restoreList")
        self.status = QLabel(objectName="screenNote", wordWrap=True)
        self.restore_button = QPushButton()
        self.restore_button.setDefault(True)
        self.restore_button.setEnabled(False)
        self.restore_button.clicked.connect(self.restore_chosen)
        self.quit_button = QPushButton()
        self.quit_button.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.quit_button)
        buttons.addWidget(self.restore_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(32, 24, 32, 24)
        layout.setSpacing(14)
        layout.addWidget(self._title)
        layout.addWidget(self._problem)
        layout.addWidget(self._hint)
        layout.addWidget(self.list, 1)
        layout.addWidget(self.status)
        layout.addLayout(buttons)
        self.resize(820, 600)
        self.retranslate_ui()
        self.status.setText(self.tr("Checking the backups…"))
        run_in_background(self._find, self._found, self._failed, "io", owner=self)

    def _find(self) -> tuple[list[BackupInfo], BackupInfo | None]:
        return self.backups.list_backups(), self.backups.newest_good_backup()

    def _found(self, found: tuple[list[BackupInfo], BackupInfo | None]) -> None:
        infos, good = found
        self._infos = infos
        self.list.clear()
        lang = current_language()
        for info in infos:
            item = QListWidgetItem(describe_backup(info, self.backups, lang))
            item.setData(Qt.ItemDataRole.UserRole, str(info.path))
            self.list.addItem(item)
        if good is None:
            self.status.setText(self.tr(
                "No usable backup was found. Nothing has been changed; the damaged file is still "
                "there. Please call for support."))
            self.restore_button.setEnabled(False)
            self.quit_button.setFocus()
            return
        self.list.setCurrentRow(infos.index(good))
        self.status.setText(self.tr("The newest good backup is chosen. Press Enter to restore it."))
        self.restore_button.setEnabled(True)
        self.restore_button.setFocus()

    def chosen(self) -> Path | None:
        item = self.list.currentItem()
        return Path(item.data(Qt.ItemDataRole.UserRole)) if item is not None else None

    def restore_chosen(self) -> None:
        path = self.chosen()
        if path is None:
            return
        self.restore_button.setEnabled(False)
        self.quit_button.setEnabled(False)
        self.status.setText(self.tr("Restoring… do not switch the computer off."))
        run_in_background(
            lambda: self._restore(path), self._restored, self._failed, "io", owner=self,
        )

    def _restore(self, path: Path) -> RestoreResult:
        lock = InstanceLock(self.backups.data_dir)
        lock.acquire()
        try:
            return self.backups.restore(path, actor=None, reason="database damaged at start")
        finally:
            lock.release()

    def _restored(self, result: RestoreResult) -> None:
        self.result_info = result
        log.info("restored %s at start", result.backup)
        self.accept()

    def _failed(self, exc: BaseException) -> None:
        self.quit_button.setEnabled(True)
        self.restore_button.setEnabled(self.chosen() is not None)
        if isinstance(exc, UserFacingError):
            self.status.setText(error_text(exc, current_language()))
        else:
            self.status.setText("")
            show_error(self, exc, current_language(), context="restoring a backup")

    def retranslate_ui(self) -> None:
        self.setWindowTitle(self.tr("Restore from a backup"))
        self._title.setText(self.tr("The shop's data needs restoring"))
        if self.problem is not None:
            self._problem.setText(self.problem.message.for_lang(current_language()))
        self._hint.setText(self.tr(
            "Restoring puts the chosen backup in place of the damaged file. Anything recorded "
            "after that backup is not in it; campaigns and orders are fetched again from the "
            "platform at the next sync. The damaged file is kept in the backups folder."))
        self.restore_button.setText(self.tr("Restore this backup"))
        self.quit_button.setText(self.tr("Quit"))

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt override
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)


def offer_restore(data_dir: Path, problem: DatabaseProblem, *, clock: Clock | None = None) -> bool:
    """Show the restore dialog; True when a backup was restored (open the data folder again)."""
    dialog = RestoreDialog(BackupService.for_data_dir(data_dir, clock), problem)
    try:
        return dialog.exec() == QDialog.DialogCode.Accepted
    finally:
        dialog.deleteLater()
