"""今日提货: every hand-out of the business day, newest first, each with its undo."""
from __future__ import annotations

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.clock import BusinessCalendar, Clock
from app.pickups import PickupRecord
from ui.pickup.formatting import local_time, method_name

COLUMNS = 8


class TodayPickupsPanel(QWidget):
    refresh_requested = Signal()
    undo_requested = Signal(object)  # PickupRecord

    def __init__(self, calendar: BusinessCalendar, clock: Clock, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._calendar = calendar
        self._clock = clock
        self.records: list[PickupRecord] = []
        self.summary = QLabel(objectName="panelSummary")
        self.refresh_button = QPushButton(objectName="refreshButton")
        self.refresh_button.clicked.connect(self.refresh_requested)
        self.table = QTableWidget(0, COLUMNS, objectName="todayTable")
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setDefaultSectionSize(52)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(6, QHeaderView.ResizeMode.Stretch)
        top = QHBoxLayout()
        top.addWidget(self.summary, 1)
        top.addWidget(self.refresh_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 8, 4, 4)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        self.retranslate_ui()

    def set_records(self, records: list[PickupRecord]) -> None:
        self.records = list(records)
        self._fill()

    def _fill(self) -> None:
        now = self._clock.now()
        self.table.setRowCount(len(self.records))
        for row, record in enumerate(self.records):
            note = record.proxy_note or ""
            cells = [
                local_time(self._calendar, record.at, now),
                record.customer,
                record.phone_tail,
                str(record.items),
                record.staff_name,
                method_name(record.method),
                (self.tr("for someone: {0}").format(note) if note else "")
                + ("" if not record.bag_confirmed else ("  " if note else "") + self.tr("bag checked")),
            ]
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if column == 3:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                if record.undone:
                    font = item.font()
                    font.setStrikeOut(True)
                    item.setFont(font)
                    item.setForeground(Qt.GlobalColor.darkGray)
                self.table.setItem(row, column, item)
            if record.undone:
                self.table.removeCellWidget(row, 7)
                self.table.setItem(row, 7, QTableWidgetItem(self.tr("Undone")))
            else:
                button = QPushButton(self.tr("Undo"), objectName="undoRowButton")
                button.setAutoDefault(False)
                button.clicked.connect(lambda _checked=False, r=record: self.undo_requested.emit(r))
                self.table.takeItem(row, 7)
                self.table.setCellWidget(row, 7, button)
        done = [r for r in self.records if not r.undone]
        self.summary.setText(
            self.tr("Today: {0} pickup(s), {1} item(s)").format(len(done), sum(r.items for r in done))
        )

    def retranslate_ui(self) -> None:
        self.table.setHorizontalHeaderLabels([
            self.tr("Time"), self.tr("Customer"), self.tr("Phone ending"), self.tr("Items"),
            self.tr("Handed out by"), self.tr("How"), self.tr("Note"), self.tr("Undo pickup"),
        ])
        self.refresh_button.setText(self.tr("Refresh"))
        self._fill()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt override
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)
