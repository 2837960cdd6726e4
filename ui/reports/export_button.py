"""Export buttons: a small "导出" menu (Excel / CSV) that asks where to save and writes the
file off the GUI thread; and how a saved document is opened for the owner.

`ask_save_path` and `open_file` are module functions so tests can stand in for the file
dialog and the system viewer.
"""
from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

from PySide6.QtCore import QStandardPaths, QUrl
from PySide6.QtGui import QAction, QDesktopServices
from PySide6.QtWidgets import QFileDialog, QMenu, QToolButton, QWidget

from app.reports import ReportService, Table, default_file_name
from ui.i18n import current_language
from ui.reports.services import Notify, Run

TablesFn = Callable[[], Sequence[Table]]


def default_folder() -> Path:
    docs = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    return Path(docs) if docs else Path.home()


def ask_save_path(parent: QWidget | None, suggested: str, fmt: str) -> Path | None:
    """The file the owner chooses (None: cancelled)."""
    filters = {"csv": "CSV (*.csv)", "xlsx": "Excel (*.xlsx)", "pdf": "PDF (*.pdf)"}
    chosen, _ = QFileDialog.getSaveFileName(parent, "", str(default_folder() / suggested),
                                            filters[fmt])
    if not chosen:
        return None
    path = Path(chosen)
    return path if path.suffix.lower() == f".{fmt}" else path.with_name(f"{path.name}.{fmt}")


def open_file(path: Path) -> bool:
    """Show a saved file in the system's viewer (to print it or send it on)."""
    return QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))


class ExportButton(QToolButton):
    """导出 ▾ → Excel… / CSV… for the tables `tables()` returns (CSV: the first one)."""

    def __init__(self, service: ReportService, run: Run, notify: Notify, tables: TablesFn,
                 parent: QWidget | None = None, *, day_stamp: Callable[[], object] | None = None
                 ) -> None:
        super().__init__(parent)
        self.setObjectName("exportButton")
        self.service = service
        self._run = run
        self._notify = notify
        self._tables = tables
        self._stamp = day_stamp
        self.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        menu = QMenu(self)
        self.excel_action = QAction(self)
        self.csv_action = QAction(self)
        self.excel_action.triggered.connect(lambda: self.export("xlsx"))
        self.csv_action.triggered.connect(lambda: self.export("csv"))
        menu.addAction(self.excel_action)
        menu.addAction(self.csv_action)
        self.setMenu(menu)
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        self.setText(self.tr("Export"))
        self.excel_action.setText(self.tr("Excel file…"))
        self.csv_action.setText(self.tr("CSV file (for any spreadsheet)…"))

    def export(self, fmt: str, path: Path | None = None) -> None:
        """Ask where (unless given), then write off the GUI thread and say where it went."""
        tables = list(self._tables())
        if not tables:
            self._notify(self.tr("There is nothing to export yet."), "warning")
            return
        if fmt == "csv":
            tables = tables[:1]
        stamp = self._stamp() if self._stamp else None
        name = default_file_name(tables[0], fmt, day=stamp)  # type: ignore[arg-type]
        target = path or ask_save_path(self.window(), name, fmt)
        if target is None:
            return
        lang = current_language()
        service = self.service
        self._run(lambda: service.export(tables, target, fmt, lang=lang), self._saved,
                  pool="io", context="report export")

    def _saved(self, path: Path) -> None:
        self._notify(self.tr("Saved: %1").replace("%1", str(path)), "info")
