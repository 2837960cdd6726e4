"""A report table on screen: a read-only model over app.reports.tables.Table.

A model rather than a QTableWidget full of items: a shopping list of two thousand products
is drawn from the data as it scrolls, and a refresh is one model reset instead of tens of
thousands of widget calls.
"""
from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView, QWidget

from app.reports import Table
from app.reports.tables import format_cell
from ui.i18n import current_language

Index = QModelIndex | QPersistentModelIndex
RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
LEFT = int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)


class ReportTableModel(QAbstractTableModel):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.table: Table | None = None
        self.columns: list[int] = []
        self._text: list[list[str]] = []
        self._headers: list[str] = []
        self._bold = QFont()
        self._bold.setBold(True)

    def set_table(self, table: Table | None, columns: list[int] | None = None) -> None:
        self.beginResetModel()
        self.table = table
        lang = current_language()
        if table is None:
            self.columns, self._text, self._headers = [], [], []
        else:
            self.columns = columns if columns is not None else list(range(len(table.columns)))
            self._headers = [table.columns[c].title.for_lang(lang) for c in self.columns]
            self._text = [
                [format_cell(table.columns[c].kind, row[c], lang) for c in self.columns]
                for row in table.all_rows()
            ]
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802 - Qt override
        return 0 if parent.isValid() else len(self._text)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802 - Qt override
        return 0 if parent.isValid() else len(self.columns)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or self.table is None:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text[index.row()][index.column()]
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
        return self.table is not None and self.table.totals is not None and row == len(self._text) - 1

    def text_rows(self) -> list[list[str]]:
        """What the table shows, row by row (tests read it)."""
        return [list(r) for r in self._text]


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
        self.verticalHeader().setVisible(False)
        self.verticalHeader().setDefaultSectionSize(34)
        self.horizontalHeader().setHighlightSections(False)
        self.horizontalHeader().setStretchLastSection(False)

    def set_table(self, table: Table | None, columns: list[int] | None = None, *,
                  stretch: int = 0) -> None:
        """Show `table` (only `columns`, in that order, if given); the column at position
        `stretch` (a name) takes the width the numbers leave."""
        self.model_.set_table(table, columns)
        header = self.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        if 0 <= stretch < self.model_.columnCount():
            header.setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)

    def fit_rows(self, rows: int) -> None:
        """Just tall enough for `rows` rows (a short table in a panel that should not
        stretch); more rows scroll."""
        header = self.horizontalHeader().sizeHint().height()
        row = self.verticalHeader().defaultSectionSize()
        self.setFixedHeight(header + row * max(1, rows) + 2 * self.frameWidth() + 2)

    @property
    def table(self) -> Table | None:
        return self.model_.table

    def text_rows(self) -> list[list[str]]:
        return self.model_.text_rows()
