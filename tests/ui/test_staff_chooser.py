"""The staff list of the sign-in and approval dialogs: arrows, or the staff number typed;
the PIN field passes ↑ ↓ on to it and reads full-width digits."""
from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEvent, Qt
from PySide6.QtGui import QKeyEvent

from ui.staff_chooser import PinEdit, StaffList


def test_digits_pick_the_staff_number(qtbot, zh, ctx):
    staff_list = StaffList(ctx.station.staff_on_roll())
    qtbot.addWidget(staff_list)
    staff_list.show()
    assert staff_list.chosen().staff_no == "001"
    qtbot.keyClicks(staff_list, "002")
    assert staff_list.chosen().name == "李强"
    assert "店员" in staff_list.currentItem().text()


def test_arrows_in_the_pin_field_move_the_list(qtbot, zh, ctx):
    staff_list = StaffList(ctx.station.staff_on_roll())
    pin = PinEdit(staff_list)
    qtbot.addWidget(staff_list)
    qtbot.addWidget(pin)
    pin.show()
    qtbot.keyClick(pin, Qt.Key.Key_Down)
    assert staff_list.chosen().staff_no == "002"
    qtbot.keyClick(pin, Qt.Key.Key_Down)  # stays on the last one
    assert staff_list.chosen().staff_no == "002"
    qtbot.keyClick(pin, Qt.Key.Key_Up)
    assert staff_list.chosen().staff_no == "001"
    for char in "４８２６x9":  # QTest types Latin-1 only: send the full-width keys by hand
        QCoreApplication.sendEvent(pin, QKeyEvent(QEvent.Type.KeyPress, Qt.Key.Key_unknown,
                                                  Qt.KeyboardModifier.NoModifier, char))
    assert pin.pin() == "48269"  # letters refused, full-width digits read as digits
    assert pin.echoMode() == PinEdit.EchoMode.Password
