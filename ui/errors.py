"""The one way the window shows an error.

A UserFacingError carries text written for the person at the counter, in both languages:
it is shown as it is. Anything else is a bug or an accident: it is logged with its context
and traceback, and the person sees a short apology, never a traceback.
"""
from __future__ import annotations

import logging

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QMessageBox, QWidget

from app.errors import UserFacingError

log = logging.getLogger(__name__)

# A box without a parent is owned by Python alone: keep it alive until it is closed.
_parentless: set[QMessageBox] = set()


def error_text(exc: BaseException, lang: str) -> str:
    """What a person is told about exc, in lang (UserFacingError) or the UI language."""
    if isinstance(exc, UserFacingError):
        return exc.message.for_lang(lang)
    return QCoreApplication.translate(
        "ErrorDialog",
        "Sorry, something went wrong and this was not finished. "
        "The details are in the log; please try again.",
    )


def error_title(exc: BaseException) -> str:
    if isinstance(exc, UserFacingError):
        return QCoreApplication.translate("ErrorDialog", "Cannot do that")
    return QCoreApplication.translate("ErrorDialog", "Sorry")


def show_error(parent: QWidget | None, exc: BaseException, lang: str, *, context: str = "") -> QMessageBox:
    """Tell the person at the counter about exc; log anything that is not a UserFacingError.

    The box is window-modal but does not block the caller (QMessageBox.open), so background
    callbacks and tests carry on; the box is returned so a caller or a test can read it.
    """
    if isinstance(exc, UserFacingError):
        log.info("shown to user (%s): %s %s", context or "-", exc.code, exc)
        icon = QMessageBox.Icon.Warning
    else:
        log.error("unexpected error%s", f" while {context}" if context else "", exc_info=exc)
        icon = QMessageBox.Icon.Critical
    box = QMessageBox(icon, error_title(exc), error_text(exc, lang), QMessageBox.StandardButton.Ok, parent)
    box.setObjectName("errorBox")
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, True)
    if parent is None:
        _parentless.add(box)
        box.finished.connect(lambda _result: _parentless.discard(box))
    box.open()
    return box

