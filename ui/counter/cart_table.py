"""The cart as a big table: name, quantity (kg with three decimals), unit price, discount,
line total. The model only shows app.cart.CartLine rows; the cart itself is changed by
CartController."""
from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor, QResizeEvent
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QLabel, QTableView, QWidget

from app.cart import CartLine
from app.money import fmt_fen
from ui.counter.formatting import qty_text, unit_price_text

NAME, QTY, PRICE, DISCOUNT, TOTAL = range(5)
_RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
_LEFT = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
_ALIGN_LEFT = int(_LEFT)
_ALIGN_RIGHT = int(_RIGHT)
_OVERRIDE_BRUSH = QBrush(QColor("#b25b00"))
_DISCOUNT_BRUSH = QBrush(QColor("#b00020"))
Index = QModelIndex | QPersistentModelIndex


def _texts(line: CartLine) -> tuple[str, ...]:
    """What each column shows for a line."""
    return (
        line.name,
        qty_text(line.unit, line.qty),
        unit_price_text(line.unit, line.unit_price_fen),
        fmt_fen(-line.discount_fen) if line.discount_fen else "",
        fmt_fen(line.line_total_fen),
    )


class CartModel(QAbstractTableModel):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._lines: tuple[CartLine, ...] = ()
        self._texts: list[tuple[str, ...]] = []
        self._headers: list[str] = []
        self.retranslate()

    def set_lines(self, lines: tuple[CartLine, ...]) -> None:
        """Show these lines, telling the view only what changed (a scan appends one row or
        changes one; a reset would make the view lay every row out again)."""
        old, self._lines = self._lines, lines
        old_texts, self._texts = self._texts, [_texts(x) for x in lines]
        old_keys, new_keys = [x.key for x in old], [x.key for x in lines]
        if new_keys == old_keys:
            changed = [row for row, (a, b) in enumerate(zip(old, lines, strict=True)) if a != b]
            if changed:
                self.dataChanged.emit(self.index(min(changed), 0), self.index(max(changed), 4))
            return
        new_texts = self._texts
        if new_keys[:len(old_keys)] == old_keys and old:
            self._lines, self._texts = old, old_texts
            self.beginInsertRows(QModelIndex(), len(old), len(lines) - 1)
            self._lines, self._texts = lines, new_texts
            self.endInsertRows()
            return
        self._lines, self._texts = old, old_texts
        self.beginResetModel()
        self._lines, self._texts = lines, new_texts
        self.endResetModel()

    def line_at(self, row: int) -> CartLine | None:
        return self._lines[row] if 0 <= row < len(self._lines) else None

    def row_of(self, key: int) -> int:
        for row, line in enumerate(self._lines):
            if line.key == key:
                return row
        return -1

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802, B008 - Qt API
        return 0 if parent.isValid() else len(self._lines)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802, B008 - Qt API
        return 0 if parent.isValid() else 5

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        # Called for every cell and role at each paint: answer from what set_lines prepared.
        row, col = index.row(), index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._texts[row][col] if 0 <= row < len(self._texts) else None
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return _ALIGN_LEFT if col == NAME else _ALIGN_RIGHT
        if role == Qt.ItemDataRole.ForegroundRole:
            line = self.line_at(row)
            if line is not None:
                if col == PRICE and line.overridden:
                    return _OVERRIDE_BRUSH
                if col == DISCOUNT:
                    return _DISCOUNT_BRUSH
            return None
        if role == Qt.ItemDataRole.ToolTipRole and col == PRICE:
            line = self.line_at(row)
            if line is not None and line.overridden:
                return self.tr("Shelf price {0}").format(unit_price_text(line.unit, line.list_price_fen))
        return None

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802 - Qt API
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            if role == Qt.ItemDataRole.TextAlignmentRole and orientation == Qt.Orientation.Horizontal:
                return _ALIGN_LEFT if section == NAME else _ALIGN_RIGHT
            return None
        if orientation == Qt.Orientation.Vertical:
            return str(section + 1)
        return self._headers[section] if 0 <= section < len(self._headers) else None

    def retranslate(self) -> None:
        self._headers = [self.tr("Item"), self.tr("Qty"), self.tr("Price"), self.tr("Discount"),
                         self.tr("Amount")]
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, 4)


class CartTable(QTableView):
    """The table on the Counter screen; rows are selected whole, one at a time."""

    def __init__(self, model: CartModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("cartTable")
        self.setModel(model)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setAlternatingRowColors(False)
        self.setWordWrap(False)
        self.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.setFocusPolicy(Qt.FocusPolicy.ClickFocus)
        self.verticalHeader().setDefaultSectionSize(50)
        self.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.verticalHeader().setMinimumWidth(40)
        header = self.horizontalHeader()
        header.setSectionResizeMode(NAME, QHeaderView.ResizeMode.Stretch)
        for col, width in ((QTY, 150), (PRICE, 190), (DISCOUNT, 140), (TOTAL, 180)):
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.Fixed)
            self.setColumnWidth(col, width)
        header.setHighlightSections(False)
        self.empty_label = QLabel(self, objectName="cartEmpty")
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_label.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents, True)
        for signal in (model.modelReset, model.rowsInserted):
            signal.connect(self._update_empty)

    def cart_model(self) -> CartModel:
        model = self.model()
        assert isinstance(model, CartModel)
        return model

    def selected_row(self) -> int:
        rows = self.selectionModel().selectedRows()
        return rows[0].row() if rows else -1

    def select_row(self, row: int) -> None:
        if 0 <= row < self.cart_model().rowCount():
            if row != self.selected_row():
                self.selectRow(row)
            if row >= self.rowAt(self.viewport().height() - 1) >= 0 or row < self.rowAt(0):
                self.scrollTo(self.cart_model().index(row, 0))
        else:
            self.clearSelection()

    def set_empty_text(self, text: str) -> None:
        self.empty_label.setText(text)
        self._update_empty()

    def _update_empty(self) -> None:
        self.empty_label.setVisible(self.cart_model().rowCount() == 0)

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt override
        super().resizeEvent(event)
        self.empty_label.setGeometry(self.viewport().geometry())
