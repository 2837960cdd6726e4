"""What every counter dialog shares: big title, a line for problems, a scan refusal, Enter
for the main action, and background work that reports back into the dialog itself.

Dialogs open window-modal with open() (never exec()), so the GUI keeps running, scans reach
the dialog through MainWindow.route_scan (its handle_scan), and tests drive it directly.
"""
from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QCloseEvent, QKeyEvent
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.actors import Actor
from app.bootstrap import AppContext
from app.counter_services import CounterServices
from app.errors import UserFacingError
from ui.counter.services import counter_services
from ui.counter.style import COUNTER_QSS
from ui.errors import error_text
from ui.i18n import current_language
from ui.tasks import Pool, run_in_background

log = logging.getLogger(__name__)


def focused(widget: QWidget) -> bool:
    """Whether widget is where the keys go in its window (true even before the window is
    activated, unlike hasFocus)."""
    return widget.window().focusWidget() is widget


class CounterDialog(QDialog):
    """Base of the counter's dialogs. Subclasses fill `self.body`, add buttons with
    `add_button`, set texts in `retranslate_ui` and do their main action in `accept_action`."""

    def __init__(self, ctx: AppContext, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("counterDialog")
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, True)
        self.setStyleSheet(COUNTER_QSS)
        self.ctx = ctx
        self.actor = actor
        self.busy = False
        self.title_label = QLabel(objectName="dialogTitle")
        self.note_label = QLabel(objectName="dialogNote", wordWrap=True)
        self.note_label.hide()
        self.problem_label = QLabel(objectName="dialogProblem", wordWrap=True)
        self.problem_label.hide()
        self.scan_label = QLabel(objectName="dialogScanNote", wordWrap=True)
        self.scan_label.hide()
        self.body = QVBoxLayout()
        self.body.setSpacing(12)
        self.button_row = QHBoxLayout()
        self.button_row.setSpacing(14)
        self.button_row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(28, 20, 28, 20)
        layout.setSpacing(12)
        layout.addWidget(self.title_label)
        layout.addWidget(self.note_label)
        layout.addLayout(self.body, 1)
        layout.addWidget(self.problem_label)
        layout.addWidget(self.scan_label)
        layout.addLayout(self.button_row)
        self.primary: QPushButton | None = None

    @property
    def services(self) -> CounterServices:
        return counter_services(self.ctx)

    @property
    def lang(self) -> str:
        return current_language()

    # --- what subclasses use -------------------------------------------------------------

    def add_button(self, clicked: Callable[[], Any], *, primary: bool = False,
                   name: str = "") -> QPushButton:
        button = QPushButton(objectName="primaryButton" if primary else (name or "dialogButton"))
        button.setAutoDefault(False)
        button.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        button.clicked.connect(lambda _checked=False: clicked())
        self.button_row.addWidget(button)
        if primary:
            self.primary = button
        return button

    def set_note(self, text: str) -> None:
        self.note_label.setText(text)
        self.note_label.setVisible(bool(text))

    def show_problem(self, exc: BaseException | str) -> None:
        """Say what went wrong inside the dialog (a box would take the scanner's scans)."""
        if isinstance(exc, BaseException):
            if not isinstance(exc, UserFacingError):
                log.error("counter dialog %s failed", type(self).__name__, exc_info=exc)
            text = error_text(exc, self.lang)
        else:
            text = exc
        self.problem_label.setText(text)
        self.problem_label.setVisible(bool(text))
        if text:
            QApplication.beep()

    def clear_problem(self) -> None:
        self.problem_label.clear()
        self.problem_label.hide()

    def run(self, fn: Callable[[], Any], on_done: Callable[[Any], None] | None = None, *,
            pool: Pool = "db", on_error: Callable[[BaseException], None] | None = None) -> None:
        """fn off the GUI thread (pool "db" for writes); on_done(result) back here. While it
        runs the main button is off, so a second Enter cannot do it twice."""
        self.set_busy(True)
        self.clear_problem()

        def done(result: Any) -> None:
            self.set_busy(False)
            if on_done is not None:
                on_done(result)

        def failed(exc: BaseException) -> None:
            self.set_busy(False)
            (on_error or self.show_problem)(exc)

        run_in_background(fn, done, failed, pool, owner=self)

    def set_busy(self, busy: bool) -> None:
        self.busy = busy
        if self.primary is not None:
            self.primary.setEnabled(not busy)

    def reject(self) -> None:
        # Closing while a write is on its way would drop its answer (a sale saved but the
        # cart not cleared): wait for it.
        if self.busy:
            return
        super().reject()

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 - Qt override
        if self.busy:
            event.ignore()
            return
        super().closeEvent(event)

    def accept_action(self) -> None:
        """Enter, or the main button: the dialog's one main action (default: close it)."""
        self.accept()

    def handle_scan(self, text: str) -> None:
        """A scan while this dialog is open: most dialogs take none, and say so."""
        self.show_scan_note(self.tr("This window does not take scans. Finish or close it first; nothing was added."))

    def show_scan_note(self, text: str) -> None:
        self.scan_label.setText(text)
        self.scan_label.setVisible(bool(text))

    def retranslate_ui(self) -> None:
        """Set every text again (called at the end of each subclass's __init__)."""

    # --- Qt -------------------------------------------------------------------------------

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt override
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and not event.modifiers() & (
            Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier
        ):
            if not self.busy and (self.primary is None or self.primary.isEnabled()):
                self.accept_action()
            event.accept()
            return
        super().keyPressEvent(event)

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt override
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)
