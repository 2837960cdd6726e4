"""The delivery check sheet (到货验收单): one row per campaign item with its counts, and the
big band above it that answers every scan ("青岛啤酒 12 / 35").

Rows: item, storage zone, expected, counted good, damaged, missing, still to come (or how
many too many), what earlier trucks brought (only on a second truck), reason and photo.
Enter or a double click on a row asks for its count; the screen decides what that opens.
"""
from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont, QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.arrivals import ArrivalLineView, ArrivalSheet
from ui.arrivals.style import IDLE, OK, STOP, WARN, ZONE_COLOURS
from ui.arrivals.words import repolish, zone_name

ITEM, ZONE, EXPECTED, RECEIVED, DAMAGED, MISSING, TO_COME, BEFORE, NOTE = range(9)
COLUMNS = 9
ROW_HEIGHT = 38

_DONE = QColor("#e6f4ea")
_OVER = QColor("#fff3cd")
_PROBLEM = QColor("#fdecea")
_RED = QColor("#b00020")
_GREY = QColor("#6b7078")

Index = QModelIndex | QPersistentModelIndex


class SheetModel(QAbstractTableModel):
    """The lines of an ArrivalSheet; a scan or a typed count replaces one line in place."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.lines: list[ArrivalLineView] = []
        self._bold = QFont()
        self._bold.setBold(True)

    # --- filling -------------------------------------------------------------------------

    def set_sheet(self, sheet: ArrivalSheet | None) -> None:
        self.beginResetModel()
        self.lines = list(sheet.lines) if sheet is not None else []
        self.endResetModel()

    def update_line(self, view: ArrivalLineView) -> int:
        """Replace the line of view's item; returns its row (-1 if the sheet has none)."""
        for row, line in enumerate(self.lines):
            if line.campaign_item_id == view.campaign_item_id:
                self.lines[row] = view
                self.dataChanged.emit(self.index(row, 0), self.index(row, COLUMNS - 1))
                return row
        return -1

    def row_of(self, campaign_item_id: int) -> int:
        return next((r for r, line in enumerate(self.lines)
                     if line.campaign_item_id == campaign_item_id), -1)

    def has_earlier_trucks(self) -> bool:
        return any(line.qty_received_before for line in self.lines)

    # --- the model -----------------------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802, B008 - Qt API
        return 0 if parent.isValid() else len(self.lines)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802, B008 - Qt API
        return 0 if parent.isValid() else COLUMNS

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802 - Qt API
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        return [
            self.tr("Item"), self.tr("Storage"), self.tr("Expected"), self.tr("Counted"),
            self.tr("Damaged"), self.tr("Missing"), self.tr("Still to come"),
            self.tr("Earlier trucks"), self.tr("Reason / photo"),
        ][section]

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        line = self.lines[index.row()]
        col = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(line, col)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            if col in (ITEM, NOTE):
                return int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
            return int(Qt.AlignmentFlag.AlignCenter)
        if role == Qt.ItemDataRole.BackgroundRole:
            if col == ZONE:
                return QBrush(QColor(ZONE_COLOURS.get(line.storage, ZONE_COLOURS["ambient"])[0]))
            return QBrush(self._row_colour(line)) if self._row_colour(line) else None
        if role == Qt.ItemDataRole.ForegroundRole:
            if col == ZONE:
                return QBrush(QColor(ZONE_COLOURS.get(line.storage, ZONE_COLOURS["ambient"])[1]))
            if col in (DAMAGED, MISSING) and (line.qty_damaged if col == DAMAGED else line.qty_missing):
                return QBrush(_RED)
            if col == TO_COME and line.qty_over:
                return QBrush(_RED)
            return QBrush(_GREY) if col == BEFORE else None
        if role == Qt.ItemDataRole.FontRole and col in (ITEM, RECEIVED):
            return self._bold
        if role == Qt.ItemDataRole.ToolTipRole:
            parts = [line.name, line.spec, line.barcode or self.tr("no barcode: type the count")]
            return "\n".join(p for p in parts if p)
        if role == Qt.ItemDataRole.UserRole:
            return line.campaign_item_id
        return None

    def _text(self, line: ArrivalLineView, col: int) -> str:
        if col == ITEM:
            return line.name
        if col == ZONE:
            return zone_name(line.storage)
        if col == EXPECTED:
            return str(line.qty_expected)
        if col == RECEIVED:
            return str(line.qty_received)
        if col == DAMAGED:
            return str(line.qty_damaged) if line.qty_damaged else ""
        if col == MISSING:
            return str(line.qty_missing) if line.qty_missing else ""
        if col == TO_COME:
            if line.qty_over:
                return self.tr("{n} too many").format(n=line.qty_over)
            return str(line.qty_to_come) if line.qty_to_come else "✓"
        if col == BEFORE:
            return str(line.qty_received_before) if line.qty_received_before else ""
        reason = line.reason
        if line.photo_path:
            reason = f"{reason} · {self.tr('photo')}" if reason else self.tr("photo")
        return reason

    @staticmethod
    def _row_colour(line: ArrivalLineView) -> QColor | None:
        if line.qty_damaged or line.qty_missing:
            return _PROBLEM
        if line.qty_over:
            return _OVER
        if line.complete and line.qty_expected:
            return _DONE
        return None


class SheetTable(QTableView):
    """The sheet as a big, keyboard-first table: arrows move, Enter asks for the count."""

    line_activated = Signal(int)
    """campaign_item_id of the row Enter (or a double click) was given on."""

    def __init__(self, model: SheetModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("sheetTable")
        self.setModel(model)
        self.sheet_model = model
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setAlternatingRowColors(False)
        self.setWordWrap(False)
        self.setTabKeyNavigation(False)
        self.verticalHeader().hide()
        self.verticalHeader().setDefaultSectionSize(ROW_HEIGHT)
        header = self.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(NOTE, QHeaderView.ResizeMode.Stretch)
        header.setMinimumSectionSize(78)  # counts are read from a step away
        self.doubleClicked.connect(lambda index: self._activate(index.row()))
        model.modelReset.connect(self._after_reset)

    def current_item_id(self) -> int | None:
        row = self.currentIndex().row()
        if 0 <= row < len(self.sheet_model.lines):
            return self.sheet_model.lines[row].campaign_item_id
        return None

    def select_item(self, campaign_item_id: int) -> None:
        row = self.sheet_model.row_of(campaign_item_id)
        if row >= 0:
            self.selectRow(row)
            self.scrollTo(self.sheet_model.index(row, 0))

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt override
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and not event.modifiers():
            self._activate(self.currentIndex().row())
            event.accept()
            return
        super().keyPressEvent(event)

    def _activate(self, row: int) -> None:
        if 0 <= row < len(self.sheet_model.lines):
            self.line_activated.emit(self.sheet_model.lines[row].campaign_item_id)

    def _after_reset(self) -> None:
        self.setColumnHidden(BEFORE, not self.sheet_model.has_earlier_trucks())
        if self.sheet_model.lines and not self.currentIndex().isValid():
            self.selectRow(0)


class ScanFeedback(QFrame):
    """The band that answers a scan: which item, how many so far out of how many expected."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("scanBand")
        self.item = QLabel(objectName="scanItem")
        self.detail = QLabel(objectName="scanDetail", wordWrap=True)
        self.count = QLabel(objectName="scanCount")
        self.count.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        texts = QVBoxLayout()
        texts.setSpacing(2)
        texts.addWidget(self.item)
        texts.addWidget(self.detail)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(18, 8, 18, 8)
        layout.addLayout(texts, 1)
        layout.addWidget(self.count)
        self.setMinimumHeight(86)
        self.tone = IDLE
        self.show_idle("")

    def _set_tone(self, tone: str) -> None:
        self.tone = tone
        self.setProperty("tone", tone)
        repolish(self)
        for label in (self.item, self.detail, self.count):
            repolish(label)

    def show_idle(self, text: str, detail: str = "") -> None:
        self.item.setText(text)
        self.detail.setText(detail)
        self.count.setText("")
        self._set_tone(IDLE)

    def show_line(self, line: ArrivalLineView, detail: str) -> None:
        """A line after a scan or a typed count: green while within what is expected,
        amber once more arrived than the orders need."""
        self.item.setText(line.name)
        self.detail.setText(detail)
        self.count.setText(f"{line.qty_received} / {line.qty_expected}")
        self._set_tone(WARN if line.qty_over else OK)

    def show_refusal(self, text: str, detail: str = "") -> None:
        self.item.setText(text)
        self.detail.setText(detail)
        self.count.setText("×")
        self._set_tone(STOP)
