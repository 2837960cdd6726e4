"""F12: the till and stock menu. Big buttons, each with a number key."""
from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QGridLayout, QPushButton, QWidget

from app.actors import Actor
from app.bootstrap import AppContext
from app.money import fmt_fen
from app.till import TillSession
from ui.counter.dialog_base import CounterDialog, focused

ACTIONS = ("open_till", "cash_in", "cash_out", "handover", "x_report", "close_day",
           "stock_receipt", "stock_count", "low_stock", "open_drawer")


class TillMenuDialog(CounterDialog):
    chosen = Signal(str)
    """One of ACTIONS."""

    def __init__(self, ctx: AppContext, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(ctx, actor, parent)
        self.session: TillSession | None = None
        self.loaded = False
        self.buttons: dict[str, QPushButton] = {}
        grid = QGridLayout()
        grid.setSpacing(12)
        for i, action in enumerate(ACTIONS):
            button = QPushButton(objectName="menuButton")
            button.setAutoDefault(False)
            button.clicked.connect(lambda _c=False, a=action: self.choose(a))
            grid.addWidget(button, i // 2, i % 2)
            self.buttons[action] = button
        self.body.addLayout(grid)
        self.close_button = self.add_button(self.reject)
        self.resize(860, 600)
        self.retranslate_ui()
        self.run(self.services.till.current, self._till, pool="read")

    def _till(self, session: TillSession | None) -> None:
        self.session = session
        self.loaded = True
        self.retranslate_ui()
        first = "open_till" if session is None else "x_report"
        self.buttons[first].setFocus(Qt.FocusReason.OtherFocusReason)

    def choose(self, action: str) -> None:
        self.chosen.emit(action)
        self.accept()

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt override
        # Number keys as typed by a person; not QShortcuts, which would fire on the first
        # digit of a scanner burst before the scanner could claim it.
        if event.key() == Qt.Key.Key_F12:
            self.reject()
            return
        text = event.text()
        if len(text) == 1 and text.isdigit() and not event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            self.choose(ACTIONS[(int(text) - 1) % 10])
            return
        super().keyPressEvent(event)

    def accept_action(self) -> None:
        for action, button in self.buttons.items():
            if focused(button):
                self.choose(action)
                return

    def retranslate_ui(self) -> None:
        self.setWindowTitle(self.tr("Till and stock"))
        self.title_label.setText(self.tr("Till and stock"))
        s = self.session
        if s is not None:
            self.set_note(self.tr("Till open since {0} by {1}, float {2}.").format(
                f"{s.opened_at_local:%m-%d %H:%M}", s.opened_by, fmt_fen(s.float_fen)))
        elif self.loaded:
            self.set_note(self.tr("The till is not open."))
        texts = {
            "open_till": self.tr("Open the till (float)"),
            "cash_in": self.tr("Cash in"),
            "cash_out": self.tr("Cash out"),
            "handover": self.tr("Shift handover"),
            "x_report": self.tr("X report (so far)"),
            "close_day": self.tr("Close the day (Z report)"),
            "stock_receipt": self.tr("Receive stock"),
            "stock_count": self.tr("Stock count"),
            "low_stock": self.tr("Low stock"),
            "open_drawer": self.tr("Open the cash drawer"),
        }
        for i, action in enumerate(ACTIONS):
            self.buttons[action].setText(f"{(i + 1) % 10}  {texts[action]}")
        self.close_button.setText(self.tr("Close (Esc)"))
