"""The owner approves on someone else's screen: the owner types their PIN here, and the
clerk carries on signed in as themselves.

    from app.permissions import needs_approval
    from ui.approval_dialog import ask_approval

    approver = None
    if needs_approval(self.actor, "sale.refund"):
        approver = ask_approval(self, self.ctx, "sale.refund", self.actor, detail="¥12.50")
        if approver is None:
            return  # cancelled
    self.run(lambda: refunds.refund(..., actor=self.actor, approver=approver), ...)

`StaffService.approve` checks the PIN (wrong ones count towards the owner's lock) and that
the person may do the action alone, and audits the approval with who asked.
"""
from __future__ import annotations

from PySide6.QtCore import QEvent
from PySide6.QtWidgets import QDialog, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from app.actors import Actor
from app.bootstrap import AppContext
from app.errors import UserFacingError
from app.permissions import action_label
from ui.errors import error_text, show_error
from ui.i18n import current_language
from ui.staff_chooser import PinEdit, StaffList
from ui.tasks import run_in_background

MESSAGE_STYLE = (
    "#approvalMessage { font-size: 17pt; color: #b71c1c; } #pinEdit { font-size: 28pt; }"
    " #approvalWhat { font-size: 20pt; font-weight: bold; }"
)


class ApprovalDialog(QDialog):
    """Choose the approving owner (usually there is one), type their PIN, Enter."""

    def __init__(self, ctx: AppContext, action: str, for_actor: Actor, *, detail: str = "",
                 approvers: list[Actor] | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("approvalDialog")
        self.setStyleSheet(MESSAGE_STYLE)
        self.ctx = ctx
        self.action = action
        self.for_actor = for_actor
        self.detail = detail
        self.approver: Actor | None = None
        self._busy = False
        self._title = QLabel(objectName="dialogTitle")
        self._what = QLabel(objectName="approvalWhat", wordWrap=True)
        self._hint = QLabel(objectName="screenNote", wordWrap=True)
        self.staff_list = StaffList(approvers or [])
        self.pin = PinEdit(self.staff_list)
        self.message = QLabel(objectName="approvalMessage", wordWrap=True)
        self.approve_button = QPushButton()
        self.approve_button.setDefault(True)
        self.approve_button.clicked.connect(self.submit)
        self.cancel_button = QPushButton()
        self.cancel_button.clicked.connect(self.reject)
        self.pin.returnPressed.connect(self.submit)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.cancel_button)
        buttons.addWidget(self.approve_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(32, 24, 32, 24)
        layout.setSpacing(14)
        layout.addWidget(self._title)
        layout.addWidget(self._what)
        layout.addWidget(self.staff_list, 1)
        layout.addWidget(self._hint)
        layout.addWidget(self.pin)
        layout.addWidget(self.message)
        layout.addLayout(buttons)
        self.resize(640, 560)
        self.retranslate_ui()
        if approvers is None:
            run_in_background(
                lambda: ctx.staff.approvers(action),
                self._got_approvers,
                lambda exc: show_error(self, exc, current_language(), context="loading approvers"),
                "read", owner=self,
            )
        self.pin.setFocus()

    def _got_approvers(self, approvers: list[Actor]) -> None:
        self.staff_list.set_staff(approvers)
        if not approvers:
            self.message.setText(self.tr("No owner has a PIN yet, so nobody can approve this."))

    def submit(self) -> None:
        if self._busy:
            return
        chosen = self.staff_list.chosen()
        pin = self.pin.pin()
        self.pin.clear()
        if chosen is None:
            self.message.setText(self.tr("Choose the owner who approves (↑ ↓)."))
            return
        if not pin:
            self.message.setText(self.tr("The owner types their PIN, then presses Enter."))
            return
        self._busy = True
        self.approve_button.setEnabled(False)
        run_in_background(
            lambda: self.ctx.staff.approve(chosen.staff_no, pin, self.action, for_actor=self.for_actor),
            self._approved, self._refused, "db", owner=self,
        )

    def _approved(self, approver: Actor) -> None:
        self._busy = False
        self.approve_button.setEnabled(True)
        self.approver = approver
        self.accept()

    def _refused(self, exc: BaseException) -> None:
        self._busy = False
        self.approve_button.setEnabled(True)
        self.pin.setFocus()
        if isinstance(exc, UserFacingError):
            self.message.setText(error_text(exc, current_language()))
        else:
            show_error(self, exc, current_language(), context="an approval")

    def handle_scan(self, text: str) -> None:
        self.message.setText(self.tr("Finish the approval first, then scan."))

    def retranslate_ui(self) -> None:
        lang = current_language()
        self.setWindowTitle(self.tr("Owner approval"))
        self._title.setText(self.tr("Owner approval"))
        what = self.tr("%1 asks for: %2").replace("%1", self.for_actor.name).replace(
            "%2", action_label(self.action, lang))
        self._what.setText(f"{what}\n{self.detail}" if self.detail else what)
        self._hint.setText(self.tr("Owner: type your PIN and press Enter."))
        self.approve_button.setText(self.tr("Approve"))
        self.cancel_button.setText(self.tr("Cancel"))

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt override
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)


def ask_approval(parent: QWidget | None, ctx: AppContext, action: str, for_actor: Actor, *,
                 detail: str = "") -> Actor | None:
    """The approving owner's Actor, for a service's `approver=`; None if cancelled."""
    dialog = ApprovalDialog(ctx, action, for_actor, detail=detail, parent=parent)
    try:
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        return dialog.approver
    finally:
        dialog.deleteLater()
