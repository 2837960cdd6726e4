"""冲突 Conflicts: what the platform and the counter disagree about, each with 处理 Resolve."""
from __future__ import annotations

from functools import partial

from PySide6.QtCore import QEvent, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.clock import BusinessCalendar
from app.sync_service import ConflictInfo
from ui.i18n import current_language


class ConflictsPanel(QWidget):
    resolve_requested = Signal(object)  # ConflictInfo

    def __init__(self, calendar: BusinessCalendar, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._calendar = calendar
        self.conflicts: list[ConflictInfo] = []
        self.buttons: dict[int, QPushButton] = {}
        self.summary = QLabel(objectName="conflictsSummary", wordWrap=True)
        self.table = QTableWidget(0, 5, objectName="conflictsTable")
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setDefaultSectionSize(44)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 8, 4, 4)
        layout.addWidget(self.summary)
        layout.addWidget(self.table, 1)
        self.retranslate_ui()

    def set_conflicts(self, conflicts: list[ConflictInfo]) -> None:
        self.conflicts = list(conflicts)
        self._fill()

    def _fill(self) -> None:
        lang = current_language()
        self.buttons.clear()
        self.table.setRowCount(len(self.conflicts))
        for row, c in enumerate(self.conflicts):
            when = self._calendar.local(c.created_at).strftime("%m-%d %H:%M")
            cells = (when, c.customer or "", c.explanation.for_lang(lang), c.detail)
            for col, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setToolTip(c.detail)
                self.table.setItem(row, col, item)
            button = QPushButton(self.tr("Resolve…"), objectName=f"resolve_{c.conflict_id}")
            button.clicked.connect(partial(self.resolve_requested.emit, c))
            self.buttons[c.conflict_id] = button
            self.table.setCellWidget(row, 4, button)
        self._summary()

    def _summary(self) -> None:
        if self.conflicts:
            self.summary.setText(self.tr(
                "{0} conflict(s): the platform changed an order after it was handed out here. "
                "Decide what happened; the decision is recorded with your name."
            ).format(len(self.conflicts)))
        else:
            self.summary.setText(self.tr("No open conflicts."))

    def retranslate_ui(self) -> None:
        self.table.setHorizontalHeaderLabels(
            [self.tr("When"), self.tr("Customer"), self.tr("What happened"), self.tr("Platform says"), ""]
        )
        self._fill()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt override
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)
