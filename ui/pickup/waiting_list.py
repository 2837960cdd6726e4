"""滞留: bags on the shelf waiting for their customer, longest first, with a reminder to paste
into the neighbourhood WeChat group (phone endings and masked names only)."""
from __future__ import annotations

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QGuiApplication, QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.clock import BusinessCalendar
from app.pickups import PickupService, WaitingOrder
from ui.i18n import current_language
from ui.pickup.formatting import local_time, storage_text
from ui.pickup.services import Run

ORDER_ID = Qt.ItemDataRole.UserRole
LONG_WAIT_DAYS = 3


class _WaitingTable(QTableWidget):
    open_order = Signal(int)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt override
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            item = self.item(self.currentRow(), 0)
            if item is not None:
                self.open_order.emit(int(item.data(ORDER_ID)))
            event.accept()
            return
        super().keyPressEvent(event)


class WaitingOrdersPanel(QWidget):
    open_requested = Signal(int)  # order id, to show its verdict
    copied = Signal(int)  # how many orders the reminder on the clipboard names
    loaded = Signal()

    def __init__(self, service: PickupService, run: Run, calendar: BusinessCalendar,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._service = service
        self._run = run
        self._calendar = calendar
        self.orders: list[WaitingOrder] = []
        self._campaigns: list[tuple[int, str]] = []
        self.last_reminder = ""
        self.campaign_label = QLabel(objectName="factName")
        self.campaign_box = QComboBox(objectName="campaignFilter")
        self.campaign_box.setMinimumWidth(300)
        self.days_label = QLabel(objectName="factName")
        self.min_days = QSpinBox(objectName="minDays")
        self.min_days.setRange(0, 60)
        self.copy_button = QPushButton(objectName="copyReminder")
        self.refresh_button = QPushButton(objectName="refreshButton")
        self.summary = QLabel(objectName="panelSummary")
        self.table = _WaitingTable(0, 8, objectName="waitingTable")
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setDefaultSectionSize(46)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(6, QHeaderView.ResizeMode.Stretch)
        self.campaign_box.currentIndexChanged.connect(lambda _i: self.refresh())
        self.min_days.valueChanged.connect(lambda _v: self.refresh())
        self.copy_button.clicked.connect(self.copy_reminder)
        self.refresh_button.clicked.connect(self.refresh)
        self.table.open_order.connect(self.open_requested)
        self.table.itemDoubleClicked.connect(
            lambda item: self.open_requested.emit(int(self.table.item(item.row(), 0).data(ORDER_ID)))
        )
        filters = QHBoxLayout()
        for widget in (self.campaign_label, self.campaign_box, self.days_label, self.min_days):
            filters.addWidget(widget)
        filters.addStretch(1)
        filters.addWidget(self.refresh_button)
        filters.addWidget(self.copy_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 8, 4, 4)
        layout.addLayout(filters)
        layout.addWidget(self.summary)
        layout.addWidget(self.table, 1)
        self.retranslate_ui()

    # --- data ----------------------------------------------------------------------------

    def campaign_id(self) -> int | None:
        data = self.campaign_box.currentData()
        return int(data) if data is not None else None

    def refresh(self) -> None:
        service, campaign, days = self._service, self.campaign_id(), self.min_days.value()

        def load() -> tuple[list[WaitingOrder], list[WaitingOrder]]:
            every = service.waiting_orders()
            if campaign is None and days == 0:
                return every, every
            return every, service.waiting_orders(campaign, days)

        self._run(load, self._loaded, pool="read", context="loading uncollected orders")

    def _loaded(self, lists: tuple[list[WaitingOrder], list[WaitingOrder]]) -> None:
        every, shown = lists
        campaigns = sorted({(o.campaign_id, o.campaign_title) for o in every})
        if campaigns != self._campaigns:
            self._campaigns = campaigns
            self._fill_campaigns()
        self.orders = shown
        self._fill()
        self.loaded.emit()

    def copy_reminder(self) -> None:
        """Put the reminder for the orders listed on the clipboard, for the WeChat group."""
        orders, service, lang = list(self.orders), self._service, current_language()
        if not orders:
            return
        self._run(lambda: service.reminder_text(orders, lang), lambda text: self._copied(text, len(orders)),
                  pool="read", context="writing the reminder")

    def _copied(self, text: str, count: int) -> None:
        self.last_reminder = text
        QGuiApplication.clipboard().setText(text)
        self.copied.emit(count)

    # --- drawing -------------------------------------------------------------------------

    def _fill_campaigns(self) -> None:
        current = self.campaign_id()
        self.campaign_box.blockSignals(True)
        self.campaign_box.clear()
        self.campaign_box.addItem(self.tr("All campaigns"))  # no data: every campaign
        for campaign_id, title in self._campaigns:
            self.campaign_box.addItem(title, campaign_id)
        index = self.campaign_box.findData(current) if current is not None else 0
        self.campaign_box.setCurrentIndex(max(0, index))
        self.campaign_box.blockSignals(False)

    def _fill(self) -> None:
        self.table.setRowCount(len(self.orders))
        for row, order in enumerate(self.orders):
            deadline = local_time(self._calendar, order.deadline)
            if order.deadline_passed:
                deadline = self.tr("{0} (passed)").format(deadline)
            cells = [
                self.tr("{0} day(s)").format(order.days_waiting),
                order.customer,
                order.phone_tail,
                str(order.items),
                order.shelf_slot or "",
                "、".join(storage_text(s) for s in order.storages),
                order.campaign_title,
                deadline,
            ]
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if column == 0:
                    item.setData(ORDER_ID, order.order_id)
                if column in (0, 3):
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                if column == 0 and order.days_waiting >= LONG_WAIT_DAYS:
                    item.setForeground(Qt.GlobalColor.red)
                self.table.setItem(row, column, item)
        self.summary.setText(self.tr("Uncollected: {0} order(s), {1} item(s) on the shelf").format(
            len(self.orders), sum(o.items for o in self.orders)))
        self.copy_button.setEnabled(bool(self.orders))

    def retranslate_ui(self) -> None:
        self.campaign_label.setText(self.tr("Campaign"))
        self.days_label.setText(self.tr("Waiting at least"))
        self.min_days.setSuffix(self.tr(" day(s)"))
        self.copy_button.setText(self.tr("Copy reminder"))
        self.refresh_button.setText(self.tr("Refresh"))
        self.table.setHorizontalHeaderLabels([
            self.tr("Waiting"), self.tr("Customer"), self.tr("Phone ending"), self.tr("Items"),
            self.tr("Shelf"), self.tr("Kept"), self.tr("Campaign"), self.tr("Pickup deadline"),
        ])
        self._fill_campaigns()
        self._fill()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt override
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)
