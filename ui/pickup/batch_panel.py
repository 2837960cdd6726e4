"""批量: a neighbour collects for several households. Scan every code into the list (each is
checked as it comes in), then hand them all out at once; each order gets its own result."""
from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.actors import Actor
from app.i18n import Text
from app.pickups import BatchItem, PickupService, Verdict
from ui.i18n import current_language
from ui.pickup.formatting import BAND_COLOURS, band_tone, short_code
from ui.pickup.services import Run

MAX_BATCH = 30
COL_CODE, COL_CUSTOMER, COL_CHECK, COL_RESULT = range(4)


class BatchPanel(QWidget):
    handed_out = Signal(int)  # how many orders were handed out
    message = Signal(str, str)  # (text, level) for the notice bar

    def __init__(self, service: PickupService, run: Run, actor: Callable[[], Actor],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._service = service
        self._run = run
        self._actor = actor
        self.texts: list[str] = []
        self.previews: dict[str, Verdict] = {}
        self.results: list[BatchItem] = []
        self.intro = QLabel(objectName="screenNote", wordWrap=True)
        self.note_label = QLabel(objectName="factName")
        self.note = QLineEdit(objectName="batchNote")
        self.note.setMaxLength(200)
        self.table = QTableWidget(0, 4, objectName="batchTable")
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.verticalHeader().setDefaultSectionSize(46)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(COL_RESULT, QHeaderView.ResizeMode.Stretch)
        self.summary = QLabel(objectName="panelSummary")
        self.hand_out_button = QPushButton(objectName="batchHandOut")
        self.remove_button = QPushButton(objectName="batchRemove")
        self.clear_button = QPushButton(objectName="batchClear")
        self.hand_out_button.clicked.connect(self.hand_out_all)
        self.remove_button.clicked.connect(self.remove_selected)
        self.clear_button.clicked.connect(self.clear)
        note_row = QHBoxLayout()
        note_row.addWidget(self.note_label)
        note_row.addWidget(self.note, 1)
        buttons = QHBoxLayout()
        buttons.addWidget(self.summary, 1)
        for button in (self.remove_button, self.clear_button, self.hand_out_button):
            button.setAutoDefault(False)
            buttons.addWidget(button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 8, 4, 4)
        layout.addWidget(self.intro)
        layout.addLayout(note_row)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        self.retranslate_ui()

    # --- the list ------------------------------------------------------------------------

    def add_code(self, text: str) -> None:
        """A scanned or typed code joins the batch (checked at once, handed out later)."""
        text = text.strip()
        if not text:
            return
        if self.results:  # the last batch is done: a new scan starts the next one
            self.clear()
        if text in self.texts:
            self.message.emit(self.tr("That code is already in the list."), "warning")
            return
        if len(self.texts) >= MAX_BATCH:
            self.message.emit(self.tr("A batch holds at most {0} codes.").format(MAX_BATCH), "warning")
            return
        self.texts.append(text)
        self._fill()
        service = self._service
        self._run(lambda: service.verify(text), lambda verdict: self._previewed(text, verdict),
                  pool="read", context="checking a batch code")

    def _previewed(self, text: str, verdict: Verdict) -> None:
        if text in self.texts:
            self.previews[text] = verdict
            self._fill()

    def remove_selected(self) -> None:
        rows = sorted({index.row() for index in self.table.selectedIndexes()}, reverse=True)
        for row in rows:
            if 0 <= row < len(self.texts):
                self.previews.pop(self.texts.pop(row), None)
        self.results = []
        self._fill()

    def clear(self) -> None:
        self.texts, self.previews, self.results = [], {}, []
        self.note.clear()
        self._fill()

    def hand_out_all(self) -> None:
        if not self.texts or self.results:
            return
        texts, note, service, actor = list(self.texts), self.note.text().strip() or None, self._service, self._actor()
        self.hand_out_button.setEnabled(False)
        self._run(lambda: service.batch(texts, actor=actor, proxy_note=note), self._done,
                  pool="db", context="handing out a batch")

    def _done(self, results: list[BatchItem]) -> None:
        self.results = list(results)
        self._fill()
        self.handed_out.emit(sum(1 for r in results if r.ok))

    # --- drawing -------------------------------------------------------------------------

    def _fill(self) -> None:
        lang = current_language()
        self.table.setRowCount(len(self.texts))
        by_text = {r.text: r for r in self.results}
        for row, text in enumerate(self.texts):
            preview = self.previews.get(text)
            result = by_text.get(text)
            verdict = result.verdict if result is not None else preview
            check = verdict.headline.for_lang(lang) if verdict is not None else self.tr("checking…")
            customer = ""
            if verdict is not None and verdict.customer:
                customer = f"{verdict.customer}  {verdict.phone_tail or ''}".strip()
            outcome, tone = "", None
            if result is not None and result.result is not None:
                outcome = self.tr("√ handed out {0} item(s)").format(result.result.items)
                tone = "ok"
            elif result is not None:
                outcome = "× " + (result.error or Text("", "")).for_lang(lang)
                tone = "stop"
            cells = [short_code(text), customer, check, outcome]
            for column, value in enumerate(cells):
                item = QTableWidgetItem(value)
                if column == COL_CHECK and verdict is not None:
                    item.setForeground(QColor(BAND_COLOURS[band_tone(verdict)][0]))
                if column == COL_RESULT and tone is not None:
                    item.setForeground(QColor(BAND_COLOURS[tone][0]))
                self.table.setItem(row, column, item)
        if self.results:
            ok = sum(1 for r in self.results if r.ok)
            self.summary.setText(self.tr("Handed out {0} of {1} order(s)").format(ok, len(self.results)))
        else:
            self.summary.setText(self.tr("{0} code(s) in the list").format(len(self.texts)))
        self.hand_out_button.setEnabled(bool(self.texts) and not self.results)
        self.remove_button.setEnabled(bool(self.texts) and not self.results)
        self.clear_button.setEnabled(bool(self.texts))

    def retranslate_ui(self) -> None:
        self.intro.setText(self.tr(
            "For a neighbour collecting for several households: scan (or type above) each pickup "
            "code into the list, then hand them all out. Phone endings need the name checked, one "
            "at a time."))
        self.note_label.setText(self.tr("Collected by (optional)"))
        self.note.setPlaceholderText(self.tr("e.g. Mrs Wang from building 3"))
        self.hand_out_button.setText(self.tr("Hand out all"))
        self.remove_button.setText(self.tr("Remove"))
        self.clear_button.setText(self.tr("Clear"))
        self.table.setHorizontalHeaderLabels(
            [self.tr("Code"), self.tr("Customer"), self.tr("Check"), self.tr("Result")])
        self._fill()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt override
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)
