"""A report table on screen: a read-only model over app.reports.tables.Table.

A model rather than a QTableWidget full of items: a shopping list of two thousand products
is drawn from the data as it scrolls, and a refresh is one model reset instead of tens of
thousands of widget calls.
"""
from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QFont, QFontMetrics, QResizeEvent
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView, QWidget

from app.reports import Table
from app.reports.tables import format_cell
from ui.i18n import current_language

Index = QModelIndex | QPersistentModelIndex
MEASURED_ROWS = 100
"""Rows looked at to size a column (a long list's first rows are its busiest)."""
RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
LEFT = int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)


class ReportTableModel(QAbstractTableModel):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.table: Table | None = None
        self.columns: list[int] = []
        self._rows: list[tuple[Any, ...]] = []
        self._text: dict[tuple[int, int], str] = {}
        self._headers: list[str] = []
        self._lang = "zh_CN"
        self._bold = QFont()
        self._bold.setBold(True)

    def set_table(self, table: Table | None, columns: list[int] | None = None) -> None:
        self.beginResetModel()
        self.table = table
        self._lang = current_language()
        self._text = {}
        if table is None:
            self.columns, self._rows, self._headers = [], [], []
        else:
            self.columns = columns if columns is not None else list(range(len(table.columns)))
            self._headers = [table.columns[c].title.for_lang(self._lang) for c in self.columns]
            self._rows = table.all_rows()
        self.endResetModel()

    def text(self, row: int, column: int) -> str:
        """A cell as shown, formatted when first asked for (a long list scrolls; it is not
        formatted whole on the GUI thread)."""
        key = (row, column)
        hit = self._text.get(key)
        if hit is None:
            assert self.table is not None
            c = self.columns[column]
            hit = self._text[key] = format_cell(self.table.columns[c].kind, self._rows[row][c],
                                                self._lang)
        return hit

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802 - Qt override
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802 - Qt override
        return 0 if parent.isValid() else len(self.columns)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or self.table is None:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return self.text(index.row(), index.column())
        if role == Qt.ItemDataRole.TextAlignmentRole:
            kind = self.table.columns[self.columns[index.column()]]
            return RIGHT if kind.numeric else LEFT
        if role == Qt.ItemDataRole.FontRole and self._is_total(index.row()):
            return self._bold
        return None

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(self._headers):
            return self._headers[section]
        return None

    def _is_total(self, row: int) -> bool:
        return self.table is not None and self.table.totals is not None and row == len(self._rows) - 1

    def text_rows(self) -> list[list[str]]:
        """What the table shows, row by row (tests read it)."""
        return [[self.text(r, c) for c in range(len(self.columns))] for r in range(len(self._rows))]


class ReportTableView(QTableView):
    """Rows of a report, read-only, numbers right-aligned, the totals row in bold."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("reportTable")
        self.model_ = ReportTableModel(self)
        self.setModel(self.model_)
        self.setAlternatingRowColors(True)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setWordWrap(False)
        self._fit: int | None = None
        self._stretch = 0
        self.verticalHeader().setVisible(False)
        self.verticalHeader().setDefaultSectionSize(34)
        self.horizontalHeader().setHighlightSections(False)
        self.horizontalHeader().setStretchLastSection(False)

    def set_table(self, table: Table | None, columns: list[int] | None = None, *,
                  stretch: int = 0) -> None:
        """Show `table` (only `columns`, in that order, if given); the column at position
        `stretch` (a name) takes the width the numbers leave."""
        self.model_.set_table(table, columns)
        # Widths are measured once here (on the first rows), not by a ResizeToContents
        # header: that one measures a two-thousand-row list again at every relayout, and a
        # tab switch would freeze the window for most of a second.
        header = self.horizontalHeader()
        self.ensurePolished()
        header.ensurePolished()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self._size_columns()
        self._stretch = stretch
        if 0 <= stretch < self.model_.columnCount():
            header.setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)

    def _size_columns(self) -> None:
        """Each column as wide as its heading and its first rows (and the bold totals row)."""
        model = self.model_
        plain = QFontMetrics(self.font())
        bold = QFontMetrics(model._bold)
        heading = QFontMetrics(self.horizontalHeader().font())
        rows = model.rowCount()
        sample = list(range(min(rows, MEASURED_ROWS)))
        if model.table is not None and model.table.totals is not None and rows:
            sample.append(rows - 1)
        for column in range(model.columnCount()):
            width = heading.horizontalAdvance(str(model.headerData(
                column, Qt.Orientation.Horizontal))) + 24
            for row in sample:
                metrics = bold if model._is_total(row) else plain
                width = max(width, metrics.horizontalAdvance(model.text(row, column)) + 18)
            self.setColumnWidth(column, width)

    def fit_rows(self, rows: int) -> None:
        """Just tall enough for `rows` rows (a short table in a panel that should not
        stretch), and for the scroll bar when huge amounts make it wider than the panel."""
        self._fit = rows
        self._apply_fit()

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt override
        super().resizeEvent(event)
        self._apply_fit()

    def _apply_fit(self) -> None:
        if self._fit is None:
            return
        header = self.horizontalHeader()
        columns = [header.sectionSize(c) if c != self._stretch else header.minimumSectionSize()
                   for c in range(header.count())]
        scroll = self.horizontalScrollBar().sizeHint().height() if sum(columns) > \
            self.viewport().width() else 0
        height = (header.sizeHint().height() + self.verticalHeader().defaultSectionSize()
                  * max(1, self._fit) + 2 * self.frameWidth() + scroll + 6)
        if height != self.height():
            self.setFixedHeight(height)

    @property
    def table(self) -> Table | None:
        return self.model_.table

    def text_rows(self) -> list[list[str]]:
        return self.model_.text_rows()
