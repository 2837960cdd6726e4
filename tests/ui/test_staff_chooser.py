"""Choosing who is on duty with the keyboard: arrows and Enter, or the staff number."""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog

from ui.staff_chooser import StaffChooser


def test_digits_pick_the_staff_number(qtbot, zh, ctx):
    dialog = StaffChooser(ctx.station.staff_on_roll())
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.chosen().staff_no == "001"
    qtbot.keyClicks(dialog.list, "002")
    assert dialog.chosen().name == "李强"
    assert "店员" in dialog.list.currentItem().text()


def test_arrows_and_enter_choose(qtbot, zh, ctx):
    dialog = StaffChooser(ctx.station.staff_on_roll())
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.keyClick(dialog.list, Qt.Key.Key_Down)
    assert dialog.chosen().staff_no == "002"
    qtbot.keyClick(dialog.list, Qt.Key.Key_Up)
    with qtbot.waitSignal(dialog.accepted, timeout=2_000):
        qtbot.keyClick(dialog.list, Qt.Key.Key_Return)
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert dialog.chosen().staff_no == "001"
    assert dialog.windowTitle() == "谁在值班？"
