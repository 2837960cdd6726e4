"""The till's small dialogs: open it with a float (开班), put cash in or take it out, and
hand the shift over (交班) after counting the drawer."""
from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QWidget,
)

from app.actors import CLERK, Actor
from app.bootstrap import AppContext
from app.errors import UserFacingError
from app.money import fmt_fen
from app.till import HandoverReport, TillReport, TillSession
from ui.counter.denominations import DenominationCounter
from ui.counter.dialog_base import CounterDialog
from ui.counter.formatting import parse_amount


class OpenTillDialog(CounterDialog):
    opened = Signal(object)
    """The TillSession just opened."""

    def __init__(self, ctx: AppContext, actor: Actor, parent: QWidget | None = None, *,
                 before_sale: bool = False) -> None:
        super().__init__(ctx, actor, parent)
        self.before_sale = before_sale
        self.float_label = QLabel()
        self.float_edit = QLineEdit(objectName="floatAmount")
        row = QHBoxLayout()
        row.addWidget(self.float_label)
        row.addWidget(self.float_edit, 1)
        self.body.addLayout(row)
        self.body.addStretch(1)
        self.ok_button = self.add_button(self.accept_action, primary=True)
        self.cancel_button = self.add_button(self.reject)
        self.resize(640, 320)
        self.retranslate_ui()
        self.float_edit.setFocus()

    def accept_action(self) -> None:
        try:
            fen = parse_amount(self.float_edit.text())
        except UserFacingError as exc:
            self.show_problem(exc)
            return
        till, actor = self.services.till, self.actor
        self.run(lambda: till.open_till(float_fen=fen, actor=actor), self._opened)

    def _opened(self, session: TillSession) -> None:
        self.opened.emit(session)
        self.accept()

    def retranslate_ui(self) -> None:
        self.setWindowTitle(self.tr("Open the till"))
        self.title_label.setText(self.tr("Open the till"))
        self.set_note(self.tr("The till is not open yet. Count the change you put in the drawer "
                              "(the float) and type it.") if self.before_sale
                      else self.tr("Type the float: the change you put in the drawer."))
        self.float_label.setText(self.tr("Float (yuan)"))
        self.float_edit.setPlaceholderText(self.tr("e.g. 200"))
        self.ok_button.setText(self.tr("Open the till (Enter)"))
        self.cancel_button.setText(self.tr("Cancel (Esc)"))


class CashMoveDialog(CounterDialog):
    moved = Signal(object)
    """The CashMovementRecord saved."""

    def __init__(self, ctx: AppContext, actor: Actor, direction: str = "in",
                 parent: QWidget | None = None) -> None:
        super().__init__(ctx, actor, parent)
        self.direction = direction
        self.in_button = QPushButton(objectName="methodButton", checkable=True)
        self.out_button = QPushButton(objectName="methodButton", checkable=True)
        group = QButtonGroup(self)
        for button, value in ((self.in_button, "in"), (self.out_button, "out")):
            button.setAutoDefault(False)
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            button.clicked.connect(lambda _c=False, v=value: self.set_direction(v))
            group.addButton(button)
        toggle = QHBoxLayout()
        toggle.addWidget(self.in_button)
        toggle.addWidget(self.out_button)
        toggle.addStretch(1)
        self.amount = QLineEdit(objectName="moveAmount")
        self.reason = QLineEdit(objectName="moveReason")
        self.reason.setMaxLength(200)
        self.amount_label, self.reason_label = QLabel(), QLabel()
        form = QFormLayout()
        form.addRow(self.amount_label, self.amount)
        form.addRow(self.reason_label, self.reason)
        self.body.addLayout(toggle)
        self.body.addLayout(form)
        self.body.addStretch(1)
        self.ok_button = self.add_button(self.accept_action, primary=True)
        self.cancel_button = self.add_button(self.reject)
        self.resize(680, 380)
        self.set_direction(direction)
        self.retranslate_ui()
        self.amount.setFocus()

    def set_direction(self, direction: str) -> None:
        self.direction = direction
        (self.in_button if direction == "in" else self.out_button).setChecked(True)

    def accept_action(self) -> None:
        try:
            fen = parse_amount(self.amount.text(), allow_zero=False)
        except UserFacingError as exc:
            self.show_problem(exc)
            return
        till, actor, direction, reason = self.services.till, self.actor, self.direction, self.reason.text()
        self.run(lambda: till.cash_movement(direction=direction, amount_fen=fen, reason=reason, actor=actor),
                 self._moved)

    def _moved(self, record: Any) -> None:
        self.moved.emit(record)
        self.accept()

    def retranslate_ui(self) -> None:
        self.setWindowTitle(self.tr("Cash in / out"))
        self.title_label.setText(self.tr("Cash in / out"))
        self.in_button.setText(self.tr("Cash in"))
        self.out_button.setText(self.tr("Cash out"))
        self.amount_label.setText(self.tr("Amount (yuan)"))
        self.reason_label.setText(self.tr("Reason"))
        self.reason.setPlaceholderText(self.tr("e.g. more change / paid the supplier"))
        self.ok_button.setText(self.tr("Save (Enter)"))
        self.cancel_button.setText(self.tr("Cancel (Esc)"))


class HandoverDialog(CounterDialog):
    """交班: pick who takes over, count the drawer; the next person signs in with their PIN
    (StaffService.sign_in) and is on duty from then on."""

    handed = Signal(object, object)
    """(HandoverReport, the Actor now on duty)."""

    def __init__(self, ctx: AppContext, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(ctx, actor, parent)
        self.people: list[Actor] = []
        self.expected_fen: int | None = None
        self.to_label = QLabel()
        self.to_list = QListWidget(objectName="handoverTo")
        self.to_list.setMaximumHeight(120)
        self.counter = DenominationCounter()
        self.counter.changed.connect(self._update_figures)
        self.figures = QLabel(objectName="figureLine")
        self.reason = QLineEdit(objectName="handoverReason")
        self.reason.setMaxLength(200)
        self.pin = QLineEdit(objectName="handoverPin")
        self.pin.setEchoMode(QLineEdit.EchoMode.Password)
        self.pin.setMaxLength(6)
        self.reason_label, self.pin_label = QLabel(), QLabel()
        form = QFormLayout()
        form.addRow(self.reason_label, self.reason)
        form.addRow(self.pin_label, self.pin)
        self.figures.setWordWrap(True)
        count_row = QHBoxLayout()
        count_row.addWidget(self.counter, 3)
        count_row.addSpacing(16)
        count_row.addWidget(self.figures, 2)
        self.body.addWidget(self.to_label)
        self.body.addWidget(self.to_list)
        self.body.addLayout(count_row)
        self.body.addLayout(form)
        self.ok_button = self.add_button(self.accept_action, primary=True)
        self.cancel_button = self.add_button(self.reject)
        self.resize(1000, 700)
        self.retranslate_ui()
        self.run(self._load, self._loaded, pool="read")

    def _load(self) -> tuple[list[Actor], TillReport]:
        people = [a for a in self.ctx.station.staff_on_roll()
                  if a.staff_id != self.actor.staff_id and (a.is_owner or a.has(CLERK))]
        return people, self.services.till.x_report()

    def _loaded(self, loaded: tuple[list[Actor], TillReport]) -> None:
        self.people, report = loaded
        self.expected_fen = report.expected_cash_fen
        self.to_list.clear()
        for person in self.people:
            self.to_list.addItem(QListWidgetItem(f"{person.staff_no}   {person.name}"))
        if self.people:
            self.to_list.setCurrentRow(0)
        self._update_figures()
        self.counter.focus_first()

    def _update_figures(self) -> None:
        counted = self.counter.total_fen()
        if self.expected_fen is None:
            self.figures.setText(self.tr("Counted {0}").format(fmt_fen(counted)))
            return
        self.figures.setText(self.tr("Expected {0}\nCounted {1}\nDifference {2}").format(
            fmt_fen(self.expected_fen), fmt_fen(counted), fmt_fen(counted - self.expected_fen)))

    def accept_action(self) -> None:
        row = self.to_list.currentRow()
        if not 0 <= row < len(self.people):
            self.show_problem(self.tr("Choose who takes over."))
            return
        to, actor, till = self.people[row], self.actor, self.services.till
        counted, reason, pin, staff = self.counter.counts(), self.reason.text(), self.pin.text(), self.ctx.staff

        def work() -> tuple[HandoverReport, Actor]:
            incoming = staff.sign_in(staff_no=to.staff_no, pin=pin, switched_from=actor)
            report = till.handover(to=incoming, counted=counted, actor=actor, variance_reason=reason or None)
            return report, incoming

        self.run(work, self._handed)

    def _handed(self, result: tuple[HandoverReport, Actor]) -> None:
        self.handed.emit(*result)
        self.accept()

    def retranslate_ui(self) -> None:
        self.setWindowTitle(self.tr("Shift handover"))
        self.title_label.setText(self.tr("Shift handover"))
        self.set_note(self.tr("Count the cash in the drawer. A difference needs a reason."))
        self.to_label.setText(self.tr("Hand the till to"))
        self.reason_label.setText(self.tr("Reason for a difference"))
        self.pin_label.setText(self.tr("PIN of the person taking over"))
        self.ok_button.setText(self.tr("Hand over (Enter)"))
        self.cancel_button.setText(self.tr("Cancel (Esc)"))
        self.counter.retranslate()
        self._update_figures()
