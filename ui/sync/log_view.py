"""同步日志 Sync log: what the last syncs did, newest first (counts and reasons only)."""
from __future__ import annotations

from PySide6.QtGui import QColor
from PySide6.QtWidgets import QListWidget, QListWidgetItem, QWidget

from app.clock import BusinessCalendar
from app.sync_service import LogEntry
from ui.i18n import current_language

LEVEL_COLOURS = {"error": "#c62828", "warning": "#8a5a00", "info": "#333333"}


class SyncLogView(QListWidget):
    def __init__(self, calendar: BusinessCalendar, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("syncLog")
        self._calendar = calendar
        self.entries: list[LogEntry] = []

    def set_entries(self, entries: list[LogEntry]) -> None:
        self.entries = list(entries)
        lang = current_language()
        self.clear()
        for entry in self.entries:
            when = self._calendar.local(entry.at).strftime("%m-%d %H:%M:%S")
            item = QListWidgetItem(f"{when}  {entry.text.for_lang(lang)}")
            item.setForeground(QColor(LEVEL_COLOURS.get(entry.level, "#333333")))
            self.addItem(item)
