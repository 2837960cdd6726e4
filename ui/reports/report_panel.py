"""A framed panel of a report tab: a title, page buttons (按小时 / 按天 …), the chart or its
numbers ("显示数字" swaps the chart for the table behind it), and an export button for the
table on show."""
from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from app.reports import ReportService, Table
from ui.reports.charts import BarChart
from ui.reports.export_button import ExportButton
from ui.reports.services import Notify, Run
from ui.reports.table_view import ReportTableView


class PanelPage:
    """One page: a table, and the chart drawn from it (None: the table is the page)."""

    def __init__(self, key: str, table_view: ReportTableView, chart: BarChart | None) -> None:
        self.key = key
        self.table_view = table_view
        self.chart = chart
        self.table: Table | None = None
        self.stack = QStackedWidget()
        if chart is not None:
            self.stack.addWidget(chart)
        self.stack.addWidget(table_view)


class ReportPanel(QFrame):
    page_changed = Signal(str)

    def __init__(self, service: ReportService, run: Run, notify: Notify,
                 parent: QWidget | None = None, *, day_stamp: Callable[[], object] | None = None
                 ) -> None:
        super().__init__(parent)
        self.setObjectName("reportPanel")
        self.title = QLabel(objectName="panelTitle")
        self.note = QLabel(objectName="panelNote", wordWrap=True)
        self.note.hide()
        self.pages: dict[str, PanelPage] = {}
        self.page_buttons: dict[str, QPushButton] = {}
        self._group = QButtonGroup(self)
        self._group.setExclusive(True)
        self.numbers_button = QPushButton(objectName="numbersButton", checkable=True)
        self.numbers_button.toggled.connect(self._show_numbers)
        self.export_button = ExportButton(service, run, notify, self._export_tables,
                                          day_stamp=day_stamp)
        self.extra = QHBoxLayout()
        self.extra.setSpacing(6)
        self._buttons = QHBoxLayout()
        self._buttons.setSpacing(4)
        header = QHBoxLayout()
        header.setSpacing(8)
        header.addWidget(self.title)
        header.addLayout(self._buttons)
        header.addStretch(1)
        header.addLayout(self.extra)
        header.addWidget(self.numbers_button)
        header.addWidget(self.export_button)
        self.body = QStackedWidget()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 8, 12, 8)
        layout.setSpacing(6)
        layout.addLayout(header)
        layout.addWidget(self.body, 1)
        layout.addWidget(self.note)
        self.current = ""
        self.retranslate_ui()

    def add_page(self, key: str, *, chart: bool) -> PanelPage:
        page = PanelPage(key, ReportTableView(), BarChart() if chart else None)
        self.pages[key] = page
        self.body.addWidget(page.stack)
        button = QPushButton(objectName="pageButton", checkable=True)
        button.clicked.connect(lambda: self.set_page(key))
        self._group.addButton(button)
        self.page_buttons[key] = button
        self._buttons.addWidget(button)
        if not self.current:
            self.set_page(key)
        self._buttons_visible()
        return page

    def set_page(self, key: str) -> None:
        page = self.pages[key]
        self.current = key
        self.page_buttons[key].setChecked(True)
        self.body.setCurrentWidget(page.stack)
        self.numbers_button.setVisible(page.chart is not None)
        self._show_numbers(self.numbers_button.isChecked())
        self.page_changed.emit(key)

    def page(self, key: str | None = None) -> PanelPage:
        return self.pages[key or self.current]

    def set_table(self, key: str, table: Table, columns: list[int] | None = None, *,
                  stretch: int = 0) -> None:
        page = self.pages[key]
        page.table = table
        page.table_view.set_table(table, columns, stretch=stretch)

    def set_note(self, text: str) -> None:
        self.note.setText(text)
        self.note.setVisible(bool(text))

    def show_numbers(self, on: bool) -> None:
        self.numbers_button.setChecked(on)

    @property
    def numbers_shown(self) -> bool:
        page = self.page()
        return page.chart is None or page.stack.currentWidget() is page.table_view

    def set_page_buttons_visible(self, keys: list[str]) -> None:
        self._buttons_visible(keys)

    def retranslate_ui(self) -> None:
        self._label_numbers(self.numbers_button.isChecked())
        self.export_button.retranslate_ui()

    # --- inside ---------------------------------------------------------------------

    def _show_numbers(self, on: bool) -> None:
        page = self.pages.get(self.current)
        if page is not None and page.chart is not None:
            page.stack.setCurrentWidget(page.table_view if on else page.chart)
        self._label_numbers(on)

    def _label_numbers(self, on: bool) -> None:
        self.numbers_button.setText(self.tr("Show chart") if on else self.tr("Show numbers"))

    def _buttons_visible(self, keys: list[str] | None = None) -> None:
        """Page buttons only when there is a choice (one page needs no button)."""
        shown = [k for k in self.page_buttons if keys is None or k in keys]
        for key, button in self.page_buttons.items():
            button.setVisible(key in shown and len(shown) > 1)

    def _export_tables(self) -> list[Table]:
        page = self.pages.get(self.current)
        return [page.table] if page is not None and page.table is not None else []
