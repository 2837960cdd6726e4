"""The owner's approval on a clerk's screen (price overrides and discounts above the limit,
refunds, closing the day), with the shared ui/approval_dialog.py: the owner picks their name
and types their PIN; StaffService.approve checks and audits it and gives the approver's Actor,
which the counter service records (and checks once more).

The dialog is opened with open(), not exec(): the counter keeps running and the tests drive it.
"""
from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QWidget

from app.actors import Actor
from app.bootstrap import AppContext
from app.permissions import may
from ui.approval_dialog import ApprovalDialog

ACTION_PRICE_OVERRIDE = "price.override"
ACTION_REFUND = "sale.refund"
ACTION_CLOSE_DAY = "till.close"


def ask_approval(parent: QWidget, ctx: AppContext, actor: Actor, action: str, why: str,
                 on_approved: Callable[[Actor | None], None],
                 on_refused: Callable[[], None] | None = None) -> ApprovalDialog | None:
    """on_approved(approver) once an owner approved; someone who may do `action` alone needs
    nobody (on_approved(None) at once). on_refused() when the dialog is cancelled."""
    if may(actor, action):
        on_approved(None)
        return None
    dialog = ApprovalDialog(ctx, action, actor, detail=why, parent=parent)

    def finished(_result: int) -> None:
        approver = dialog.approver
        dialog.deleteLater()
        if approver is not None:
            on_approved(approver)
        elif on_refused is not None:
            on_refused()

    dialog.finished.connect(finished)
    dialog.open()
    return dialog
