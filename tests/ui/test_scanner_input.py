"""The scanner is told from a typist by the key events' own timestamps."""
from __future__ import annotations

import time

import pytest
from PySide6.QtCore import QCoreApplication, QEvent, Qt
from PySide6.QtGui import QInputMethodEvent, QKeyEvent
from PySide6.QtWidgets import QLineEdit, QVBoxLayout, QWidget

from ui.scanner_input import ScannerInput

CODE = "6901234567892"


@pytest.fixture
def form(qtbot, gui_app):
    """A window with a focused line edit and a ScannerInput installed app-wide."""
    widget = QWidget()
    edit = QLineEdit(widget)
    QVBoxLayout(widget).addWidget(edit)
    qtbot.addWidget(widget)
    widget.show()
    qtbot.waitExposed(widget)
    widget.activateWindow()
    edit.setFocus()
    scanner = ScannerInput(widget)
    scanner.install()
    scans: list[str] = []
    scanner.scanned.connect(scans.append)
    yield widget, edit, scanner, scans
    scanner.uninstall()


def settle(qtbot, scanner: ScannerInput) -> None:
    qtbot.waitUntil(lambda: not scanner.capturing, timeout=2_000)
    QCoreApplication.processEvents()


def test_burst_is_one_scan_and_the_line_edit_stays_empty(qtbot, form, keys):
    _widget, edit, scanner, scans = form
    keys.send(keys.focus(edit), keys.events(CODE, gap_ms=4))
    settle(qtbot, scanner)
    assert scans == [CODE]
    assert edit.text() == ""


def test_burst_queued_while_the_gui_thread_was_busy_is_still_a_scan(qtbot, form, keys):
    _widget, edit, scanner, scans = form
    keys.post(keys.focus(edit), keys.events(CODE, gap_ms=4))
    time.sleep(0.2)  # the GUI thread is busy; the keys wait in the queue
    settle(qtbot, scanner)
    assert scans == [CODE]
    assert edit.text() == ""


def test_busy_gui_between_first_key_and_the_rest_is_still_a_scan(qtbot, form, keys):
    """The hold timer comes due while the GUI is blocked; the queued keys still join the burst."""
    _widget, edit, scanner, scans = form
    events = keys.events(CODE, gap_ms=4)
    target = keys.focus(edit)
    keys.send(target, events[:2])  # the first key arrives, then the GUI thread blocks
    assert scanner.capturing
    keys.post(target, events[2:])
    time.sleep(0.2)
    settle(qtbot, scanner)
    assert scans == [CODE]
    assert edit.text() == ""


@pytest.mark.parametrize("gap_ms", [40, 150])
def test_typing_reaches_the_line_edit(qtbot, form, keys, gap_ms):
    _widget, edit, scanner, scans = form
    keys.send(keys.focus(edit), keys.events("abc1234", gap_ms=gap_ms, end=None))
    qtbot.waitUntil(lambda: edit.text() == "abc1234", timeout=2_000)
    settle(qtbot, scanner)
    assert scans == []


def test_typed_code_with_enter_is_not_a_scan(qtbot, form, keys):
    _widget, edit, scanner, scans = form
    returns: list[bool] = []
    edit.returnPressed.connect(lambda: returns.append(True))
    keys.send(keys.focus(edit), keys.events("12345678", gap_ms=120))
    settle(qtbot, scanner)
    assert edit.text() == "12345678"
    assert returns == [True]
    assert scans == []


def test_full_width_digits_scan_as_ascii(qtbot, form, keys):
    _widget, edit, scanner, scans = form
    keys.send(keys.focus(edit), keys.events("６９０１２３４５６７８９２", gap_ms=3))
    settle(qtbot, scanner)
    assert scans == [CODE]
    assert edit.text() == ""


def test_input_method_commits_inside_a_burst_are_part_of_the_scan(qtbot, form, keys):
    _widget, edit, scanner, scans = form
    target = keys.focus(edit)
    keys.send(target, keys.events("690", start_ms=5_000, gap_ms=4, end=None))
    commit = QInputMethodEvent()
    commit.setCommitString("１２３４")  # an input method in full-width mode
    QCoreApplication.sendEvent(target, commit)
    keys.send(target, keys.events("567892", start_ms=5_020, gap_ms=4))
    settle(qtbot, scanner)
    assert scans == [CODE]
    assert edit.text() == ""
    assert edit.testAttribute(Qt.WidgetAttribute.WA_InputMethodEnabled)  # given back after


def test_tab_ends_a_scan_like_enter(qtbot, form, keys):
    _widget, edit, scanner, scans = form
    keys.send(keys.focus(edit), keys.events("CS1ABCDEFGH", gap_ms=2, end=Qt.Key.Key_Tab, shift_upper=True))
    settle(qtbot, scanner)
    assert scans == ["CS1ABCDEFGH"]
    assert edit.text() == ""


def test_short_fast_run_is_typing_not_a_scan(qtbot, form, keys):
    _widget, edit, scanner, scans = form
    keys.send(keys.focus(edit), keys.events("123", gap_ms=4))
    settle(qtbot, scanner)
    assert scans == []
    assert edit.text() == "123"


def test_scan_without_suffix_is_accepted_after_the_pause(qtbot, form, keys):
    _widget, edit, scanner, scans = form
    keys.send(keys.focus(edit), keys.events(CODE, gap_ms=4, end=None))
    settle(qtbot, scanner)
    assert scans == [CODE]
    assert edit.text() == ""


def test_events_without_timestamps_pass_straight_through(qtbot, form):
    """qtbot.keyClicks and other program-made keys are never held back."""
    _widget, edit, scanner, scans = form
    qtbot.keyClicks(edit, "6901234567892")
    assert edit.text() == "6901234567892"
    assert not scanner.capturing
    assert scans == []


def test_keys_after_a_scan_type_normally(qtbot, form, keys):
    _widget, edit, scanner, scans = form
    target = keys.focus(edit)
    keys.send(target, keys.events(CODE, start_ms=1_000, gap_ms=4))
    keys.send(target, keys.events("42", start_ms=3_000, gap_ms=200, end=None))
    qtbot.waitUntil(lambda: edit.text() == "42", timeout=2_000)
    assert scans == [CODE]


def test_thresholds_are_parameters(qtbot, gui_app, keys):
    widget = QLineEdit()
    qtbot.addWidget(widget)
    scanner = ScannerInput(max_gap_ms=80, min_length=2)
    scanner.install()
    try:
        scans: list[str] = []
        scanner.scanned.connect(scans.append)
        keys.send(widget, keys.events("ab", gap_ms=60))
        settle(qtbot, scanner)
        assert scans == ["ab"]
    finally:
        scanner.uninstall()


def test_release_of_an_unrelated_key_is_not_swallowed(qtbot, form):
    _widget, edit, scanner, _scans = form
    release = QKeyEvent(QEvent.Type.KeyRelease, Qt.Key.Key_A, Qt.KeyboardModifier.NoModifier, "a")
    release.setTimestamp(9_000)
    assert scanner.eventFilter(edit, release) is False


def test_hold_timer_that_fires_late_waits_one_more_turn(qtbot, form, keys):
    """If the timer wins the race against keys queued during a freeze, they still join."""
    _widget, edit, scanner, scans = form
    events = keys.events(CODE, gap_ms=4)
    target = keys.focus(edit)
    keys.send(target, events[:2])
    time.sleep(0.2)
    scanner._on_timeout()  # the overdue timer runs before the queued keys
    assert scanner.capturing
    keys.send(target, events[2:])
    settle(qtbot, scanner)
    assert scans == [CODE]
    assert edit.text() == ""
