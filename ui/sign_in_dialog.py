"""Signing in with a PIN: at start, and on the lock screen (idle, or Ctrl+L to switch user).

Keyboard only: the PIN field has the focus; ↑ ↓ choose the person, digits are the PIN
(full-width digits count), Enter signs in. A wrong PIN says how many tries are left; a
locked person is told for how long. On a new station whose owner has no PIN yet, choosing
the owner asks for a new PIN twice instead.

In lock mode the dialog cannot be dismissed (Escape and the close button do nothing):
only a sign-in closes it. Scans are refused while it is up.
"""
from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QCloseEvent, QKeyEvent
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.actors import OWNER, Actor
from app.bootstrap import AppContext
from app.errors import UserFacingError
from app.staff import SignInRefused, check_new_pin
from ui.errors import error_text, show_error
from ui.i18n import current_language
from ui.staff_chooser import PinEdit, StaffList
from ui.tasks import run_in_background

START, LOCK = "start", "lock"
MESSAGE_STYLE = "#signInMessage { font-size: 17pt; color: #b71c1c; } #pinEdit { font-size: 28pt; }"


class SignInDialog(QDialog):
    """Who is at the counter: choose your name, type your PIN, press Enter."""

    signed_in = Signal(object)
    """The Actor who signed in (the dialog then closes with Accepted)."""

    def __init__(
        self,
        ctx: AppContext,
        *,
        mode: str = START,
        preselect: str | None = None,
        current: Actor | None = None,
        staff: list[Actor] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("signInDialog")
        self.setStyleSheet(MESSAGE_STYLE)
        self.ctx = ctx
        self.mode = mode
        self.current = current
        self.actor: Actor | None = None
        self._busy = False
        self._new_pin: str | None = None  # first-owner mode: the PIN typed once
        self._first_owner = False
        self._title = QLabel(objectName="dialogTitle")
        self._hint = QLabel(objectName="screenNote", wordWrap=True)
        self.staff_list = StaffList(staff or [])
        self.pin = PinEdit(self.staff_list)
        self._pin_label = QLabel(objectName="screenNote")
        self._pin_label.setBuddy(self.pin)
        self.message = QLabel(objectName="signInMessage", wordWrap=True)
        self.sign_in_button = QPushButton(objectName="primaryButton")
        self.sign_in_button.setDefault(True)
        self.sign_in_button.clicked.connect(self.submit)
        self.quit_button = QPushButton()
        self.quit_button.clicked.connect(self.reject)
        self.quit_button.setVisible(mode == START)
        self.staff_list.itemActivated.connect(lambda _item: self.pin.setFocus())
        self.staff_list.currentRowChanged.connect(lambda _row: self._chosen_changed())
        self.pin.returnPressed.connect(self.submit)

        pin_row = QHBoxLayout()
        pin_row.addWidget(self._pin_label)
        pin_row.addWidget(self.pin, 1)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.quit_button)
        buttons.addWidget(self.sign_in_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(32, 24, 32, 24)
        layout.setSpacing(14)
        layout.addWidget(self._title)
        layout.addWidget(self._hint)
        layout.addWidget(self.staff_list, 1)
        layout.addLayout(pin_row)
        layout.addWidget(self.message)
        layout.addLayout(buttons)
        self.resize(680, 620)
        self.retranslate_ui()
        if staff is None:
            self.reload(preselect or (current.staff_no if current else None))
        else:
            self.staff_list.select_staff_no(preselect or (current.staff_no if current else ""))
        self.pin.setFocus()

    # --- data ----------------------------------------------------------------------------

    def reload(self, select: str | None = None) -> None:
        """Fetch the staff list again (someone may have been added in Settings)."""
        run_in_background(
            self.ctx.staff.signable,
            lambda staff: self.staff_list.set_staff(staff, select=select),
            lambda exc: show_error(self, exc, current_language(), context="loading the staff list"),
            "read", owner=self,
        )

    def submit(self) -> None:
        """Check the PIN typed for the person chosen (off the GUI thread)."""
        if self._busy:
            return
        chosen = self.staff_list.chosen()
        pin = self.pin.pin()
        if chosen is None:
            self.show_message(self.tr("Choose your name first (↑ ↓)."))
            return
        if not pin:
            self.show_message(self.tr("Type your PIN, then press Enter."))
            return
        self.pin.clear()
        if self._first_owner:
            self._first_owner_step(chosen, pin)
            return
        switched = self.current if self.current is not None and self.current.staff_no != chosen.staff_no else None
        self._run(lambda: self.ctx.staff.sign_in(staff_no=chosen.staff_no, pin=pin, switched_from=switched))

    def _first_owner_step(self, chosen: Actor, pin: str) -> None:
        if self._new_pin is None:
            try:
                check_new_pin(pin)
            except UserFacingError as exc:
                self.show_message(error_text(exc, current_language()))
                return
            self._new_pin = pin
            self._hint.setText(self.tr("Type the same PIN again to confirm it."))
            self.message.clear()
            return
        if pin != self._new_pin:
            self._new_pin = None
            self._hint.setText(self._first_owner_hint())
            self.show_message(self.tr("The two PINs were not the same. Choose your PIN again."))
            return
        new_pin = self._new_pin
        self._run(lambda: self.ctx.staff.set_up_first_owner(staff_no=chosen.staff_no, pin=new_pin))

    def _run(self, fn: Callable[[], Actor]) -> None:
        self._set_busy(True)
        run_in_background(fn, self._done, self._failed, "db", owner=self)

    def _done(self, actor: Actor) -> None:
        self._set_busy(False)
        self.actor = actor
        self.message.clear()
        self.signed_in.emit(actor)
        self.done(QDialog.DialogCode.Accepted)

    def _failed(self, exc: BaseException) -> None:
        self._set_busy(False)
        self.pin.setFocus()
        if isinstance(exc, SignInRefused) and exc.code == "no_pin":
            chosen = self.staff_list.chosen()
            if chosen is not None and OWNER in chosen.roles:
                run_in_background(
                    self.ctx.staff.needs_first_owner,
                    lambda needed: self._offer_first_owner(exc) if needed else self.show_error(exc),
                    self.show_error, "read", owner=self,
                )
                return
        self.show_error(exc)

    def _offer_first_owner(self, exc: BaseException) -> None:
        self._first_owner = True
        self._new_pin = None
        self._hint.setText(self._first_owner_hint())
        self.message.clear()

    def _first_owner_hint(self) -> str:
        return self.tr("No owner has a PIN yet. Choose your PIN (4 to 6 digits) and press Enter.")

    def _chosen_changed(self) -> None:
        if self._first_owner:
            self._first_owner = False
            self._new_pin = None
            self.retranslate_ui()
        self.message.clear()

    # --- showing -------------------------------------------------------------------------

    def show_message(self, text: str) -> None:
        self.message.setText(text)

    def show_error(self, exc: BaseException) -> None:
        if isinstance(exc, UserFacingError):
            self.show_message(error_text(exc, current_language()))
        else:
            show_error(self, exc, current_language(), context="signing in")

    def handle_scan(self, text: str) -> None:
        """A barcode scanned while the sign-in is up: refused, nothing changes."""
        self.show_message(self.tr("Sign in first, then scan."))

    def _set_busy(self, busy: bool) -> None:
        self._busy = busy
        self.sign_in_button.setEnabled(not busy)

    def retranslate_ui(self) -> None:
        if self.mode == LOCK:
            self.setWindowTitle(self.tr("Locked: sign in to continue"))
            self._title.setText(self.tr("Locked"))
            self._hint.setText(self.tr("Type your PIN and press Enter. Someone else? Choose your name with ↑ ↓ first."))
        else:
            self.setWindowTitle(self.tr("Sign in"))
            self._title.setText(self.tr("Who is on duty?"))
            self._hint.setText(self.tr("Choose your name with ↑ ↓, type your PIN and press Enter."))
        if self._first_owner:
            self._hint.setText(self._first_owner_hint())
        self._pin_label.setText(self.tr("PIN"))
        self.sign_in_button.setText(self.tr("Sign in"))
        self.quit_button.setText(self.tr("Quit"))

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt override
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)

    # --- a lock screen stays until someone signs in --------------------------------------

    def reject(self) -> None:
        if self.mode == LOCK:
            return
        super().reject()

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt override
        if self.mode == LOCK and event.key() == Qt.Key.Key_Escape:
            return
        super().keyPressEvent(event)

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 - Qt override
        if self.mode == LOCK and self.result() != QDialog.DialogCode.Accepted:
            event.ignore()
            return
        super().closeEvent(event)


def sign_in_at_start(ctx: AppContext, staff: list[Actor], *, preselect: str | None = None,
                     parent: QWidget | None = None) -> Actor | None:
    """Ask who is at the counter, with their PIN; None if they quit."""
    dialog = SignInDialog(ctx, mode=START, preselect=preselect, staff=staff, parent=parent)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return None
    return dialog.actor
