"""One function shows every error: a person's message as it is, anything else as an apology."""
from __future__ import annotations

import logging

from PySide6.QtWidgets import QMessageBox

from app.errors import NotFound
from ui.errors import show_error


def test_user_facing_error_is_shown_in_the_language_given(qtbot, zh):
    exc = NotFound("没有工号为 009 的员工", "No staff member number 009")
    box = show_error(None, exc, "zh_CN")
    assert box.text() == "没有工号为 009 的员工"
    assert box.icon() == QMessageBox.Icon.Warning
    box.close()
    box = show_error(None, exc, "en")
    assert box.text() == "No staff member number 009"
    box.close()


def test_unexpected_error_is_logged_and_shown_as_a_short_apology(qtbot, zh, caplog):
    try:
        {}["missing"]
    except KeyError as exc:
        error = exc
    with caplog.at_level(logging.ERROR, logger="ui.errors"):
        box = show_error(None, error, "zh_CN", context="printing a receipt")
    assert "抱歉" in box.text()
    assert "Traceback" not in box.text() and "KeyError" not in box.text()
    assert box.detailedText() == ""
    assert box.icon() == QMessageBox.Icon.Critical
    record = caplog.records[-1]
    assert "printing a receipt" in record.getMessage()
    assert record.exc_info is not None and record.exc_info[0] is KeyError
    box.close()


def test_an_exception_escaping_a_slot_becomes_an_apology(qtbot, zh, monkeypatch, caplog):
    import sys

    from PySide6.QtWidgets import QApplication

    from ui.launch import _install_excepthook

    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    _install_excepthook([])
    try:
        raise RuntimeError("slot blew up")
    except RuntimeError as exc:
        with caplog.at_level(logging.ERROR, logger="ui.errors"):
            sys.excepthook(type(exc), exc, exc.__traceback__)
    boxes = [w for w in QApplication.topLevelWidgets() if w.objectName() == "errorBox" and w.isVisible()]
    assert boxes and "抱歉" in boxes[-1].text()
    assert "slot blew up" not in boxes[-1].text()
    assert caplog.records[-1].exc_info[0] is RuntimeError
    for box in boxes:
        box.close()
