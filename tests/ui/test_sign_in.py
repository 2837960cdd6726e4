"""PIN sign-in from the keyboard, the idle lock, switching user, the owner's approval on a
clerk's screen, and the restore offered for a damaged database. Pictures go to
/tmp/ui-shots/staff/."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialog, QLineEdit

from app.audit_view import AuditFilter
from app.backups import BackupService
from app.bootstrap import DB_FILE, bootstrap
from app.errors import DatabaseProblem
from app.staff import MAX_TRIES
from ui.approval_dialog import ApprovalDialog
from ui.lock_screen import SessionGuard
from ui.restore_dialog import RestoreDialog
from ui.sign_in_dialog import LOCK, SignInDialog

ROOT = Path(__file__).resolve().parents[2]
SHOTS = Path("/tmp/ui-shots/staff")
PINS = {"001": "4826", "002": "5937"}


@pytest.fixture
def pins(ctx):
    owner = ctx.staff.set_up_first_owner(staff_no="001", pin=PINS["001"])
    ctx.staff.reset_pin(actor=owner, staff_no="002", new_pin=PINS["002"])
    return PINS


def _shot(widget, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    QApplication.processEvents()
    assert widget.grab().save(str(SHOTS / f"{name}.png"), "PNG")


def _dialog(qtbot, ctx, **kwargs) -> SignInDialog:
    dialog = SignInDialog(ctx, **kwargs)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.activateWindow()
    return dialog


def _type_pin(qtbot, dialog, pin: str) -> None:
    qtbot.keyClicks(dialog.pin, pin)
    qtbot.keyClick(dialog.pin, Qt.Key.Key_Return)


# --- the sign-in dialog -----------------------------------------------------------------------


def test_sign_in_with_the_keyboard_only(qtbot, zh, ctx, pins, inline_tasks):
    dialog = _dialog(qtbot, ctx)
    assert dialog.focusWidget() is dialog.pin
    assert dialog.staff_list.chosen().staff_no == "001"
    _shot(dialog, "sign_in")
    qtbot.keyClick(dialog.pin, Qt.Key.Key_Down)  # ↓ to 李强, the focus stays in the PIN field
    assert dialog.staff_list.chosen().name == "李强"
    with qtbot.waitSignal(dialog.signed_in, timeout=3_000) as signal:
        _type_pin(qtbot, dialog, pins["002"])
    assert signal.args[0].staff_no == "002"
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert dialog.windowTitle() == "登录"


def test_a_wrong_pin_says_so_and_clears_the_field(qtbot, zh, ctx, pins, inline_tasks):
    dialog = _dialog(qtbot, ctx)
    _type_pin(qtbot, dialog, "0000")
    assert dialog.isVisible() and dialog.actor is None
    assert "密码不对，还可以再试 4 次" in dialog.message.text()
    assert dialog.pin.text() == "" and dialog.pin.echoMode() == QLineEdit.EchoMode.Password
    _shot(dialog, "sign_in_wrong_pin")
    for _ in range(MAX_TRIES - 1):
        _type_pin(qtbot, dialog, "0000")
    assert "锁定" in dialog.message.text() and "5 分钟" in dialog.message.text()
    _type_pin(qtbot, dialog, pins["001"])  # even the right PIN waits out the lock
    assert dialog.actor is None


def test_english_sign_in_texts(qtbot, zh, ctx, pins, inline_tasks):
    from ui.i18n import apply_language

    dialog = _dialog(qtbot, ctx)
    apply_language("en")
    qtbot.waitUntil(lambda: dialog.windowTitle() == "Sign in", timeout=3_000)
    _type_pin(qtbot, dialog, "0000")
    assert "Wrong PIN" in dialog.message.text()


def test_escape_quits_at_start_but_not_on_the_lock(qtbot, zh, ctx, pins, inline_tasks):
    start = _dialog(qtbot, ctx)
    qtbot.keyClick(start.pin, Qt.Key.Key_Escape)
    assert start.result() == QDialog.DialogCode.Rejected and not start.isVisible()
    lock = _dialog(qtbot, ctx, mode=LOCK)
    qtbot.keyClick(lock.pin, Qt.Key.Key_Escape)
    lock.close()
    assert lock.isVisible()
    assert not lock.quit_button.isVisible()


def test_a_new_station_owner_chooses_a_pin_twice(qtbot, zh, ctx, inline_tasks):
    dialog = _dialog(qtbot, ctx)
    _type_pin(qtbot, dialog, "4826")  # no owner has a PIN: this asks for a new one
    assert "还没有店主密码" in dialog._hint.text()
    _type_pin(qtbot, dialog, "1234")
    assert "容易被猜到" in dialog.message.text()
    _type_pin(qtbot, dialog, "4826")
    _type_pin(qtbot, dialog, "4862")
    assert "不一样" in dialog.message.text()
    _type_pin(qtbot, dialog, "4826")
    with qtbot.waitSignal(dialog.signed_in, timeout=3_000):
        _type_pin(qtbot, dialog, "4826")
    assert dialog.actor.staff_no == "001"
    assert ctx.staff.sign_in(staff_no="001", pin="4826").is_owner


def test_a_clerk_without_a_pin_is_sent_to_the_owner(qtbot, zh, ctx, inline_tasks):
    ctx.staff.set_up_first_owner(staff_no="001", pin=PINS["001"])
    dialog = _dialog(qtbot, ctx, preselect="002")
    _type_pin(qtbot, dialog, "5937")
    assert "还没有设置密码" in dialog.message.text()


# --- the lock over the window -----------------------------------------------------------------


def _guard(qtbot, window, ctx, idle_ms: int = 0) -> SessionGuard:
    guard = SessionGuard(window, ctx, idle_ms=idle_ms)
    return guard


def test_idle_lock_keeps_the_screen_and_the_same_person_carries_on(qtbot, zh, window, ctx, pins, inline_tasks):
    settings = window.screen("settings")
    window.show_screen(window.screens.index(settings))
    settings.staff_section.name.setText("半填的名字")  # a half-typed form must survive the lock
    guard = _guard(qtbot, window, ctx, idle_ms=80)
    try:
        qtbot.waitUntil(lambda: guard.is_locked, timeout=3_000)
        dialog = guard.dialog
        assert dialog.mode == LOCK and guard.cover.isVisible()
        assert dialog.staff_list.chosen().staff_no == "001"  # the person on duty, chosen
        assert QApplication.activeModalWidget() is dialog
        window.route_scan("6901234567892")  # a scan while locked changes nothing
        assert "先登录" in dialog.message.text()
        _shot(window, "lock_cover")
        _shot(dialog, "lock_dialog")
        with qtbot.waitSignal(guard.unlocked, timeout=3_000):
            _type_pin(qtbot, dialog, pins["001"])
        assert not guard.cover.isVisible() and guard.dialog is None
        assert window.actor.staff_no == "001"
        assert window.current_screen() is settings
        assert settings.staff_section.name.text() == "半填的名字"
        assert guard.timer.isActive()  # the idle clock runs again
    finally:
        guard.stop()


def test_input_keeps_the_lock_away(qtbot, zh, window, ctx, pins):
    guard = _guard(qtbot, window, ctx, idle_ms=400)
    try:
        for _ in range(8):
            qtbot.keyClick(window.focusWidget() or window, Qt.Key.Key_Shift)
            qtbot.wait(100)
        assert not guard.is_locked
        qtbot.waitUntil(lambda: guard.is_locked, timeout=3_000)
    finally:
        guard.stop()


def test_ctrl_l_switches_user(qtbot, zh, window, ctx, pins, inline_tasks):
    guard = _guard(qtbot, window, ctx)
    try:
        assert not guard.timer.isActive()  # idle_ms=0: never locks by itself
        qtbot.keyClick(window, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
        assert guard.is_locked
        dialog = guard.dialog
        showing = window.current_screen()
        qtbot.keyClick(dialog.pin, Qt.Key.Key_F2)  # screen keys do nothing behind the lock
        assert window.current_screen() is showing and guard.is_locked
        qtbot.keyClick(dialog.pin, Qt.Key.Key_Down)
        with qtbot.waitSignal(guard.unlocked, timeout=3_000):
            _type_pin(qtbot, dialog, pins["002"])
        assert window.actor.staff_no == "002"
        assert all(s.actor.staff_no == "002" for s in window.screens)
        assert "李强" in window.status.staff_label.text()
        entries = ctx.audit.entries(AuditFilter(action="sign_in"),
                                    actor=ctx.staff.sign_in(staff_no="001", pin=pins["001"]))
        assert any(e.after == {"switched_from": "001"} for e in entries)
    finally:
        guard.stop()


def test_f12_locks_too_unless_a_screen_uses_it(qtbot, zh, ctx, actor, pins, inline_tasks):
    from ui.main_window import MainWindow
    from ui.screens.settings_screen import SettingsScreen

    win = MainWindow(ctx, actor, screens=[SettingsScreen], install_scanner=False)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    guard = _guard(qtbot, win, ctx)
    try:
        assert {s.key().toString() for s in guard.shortcuts} == {"F12", "Ctrl+L"}
        qtbot.keyClick(win, Qt.Key.Key_F12)
        assert guard.is_locked
        with qtbot.waitSignal(guard.unlocked, timeout=3_000):
            _type_pin(qtbot, guard.dialog, pins["001"])
    finally:
        guard.stop()
        win.close()


# --- the owner's approval on a clerk's screen -------------------------------------------------


def test_owner_approves_on_the_clerks_screen(qtbot, zh, ctx, pins, inline_tasks):
    clerk = ctx.staff.sign_in(staff_no="002", pin=pins["002"])
    dialog = ApprovalDialog(ctx, "sale.refund", clerk, detail="小票 20261125-0042  ¥12.50")
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    assert [a.staff_no for a in dialog.staff_list.staff] == ["001"]
    assert "李强" in dialog._what.text() and "退货退款" in dialog._what.text()
    _shot(dialog, "approval")
    _type_pin(qtbot, dialog, "0000")
    assert "密码不对" in dialog.message.text() and dialog.approver is None
    with qtbot.waitSignal(dialog.accepted, timeout=3_000):
        _type_pin(qtbot, dialog, pins["001"])
    assert dialog.approver.staff_no == "001" and dialog.approver.is_owner


# --- a damaged database at start --------------------------------------------------------------


def _damaged_folder(tmp_path, clock) -> Path:
    data = tmp_path / "shop"
    ctx = bootstrap(data, clock=clock, take_lock=False)  # makes the day's backup
    ctx.close()
    path = data / DB_FILE
    path.write_bytes(path.read_bytes()[:3000])
    return data


def test_restore_dialog_offers_the_newest_good_backup(qtbot, zh, tmp_path, clock, inline_tasks):
    data = _damaged_folder(tmp_path, clock)
    with pytest.raises(DatabaseProblem) as info:
        bootstrap(data, clock=clock, take_lock=False)
    dialog = RestoreDialog(BackupService.for_data_dir(data, clock), info.value)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    assert dialog.list.count() == 1 and dialog.list.currentRow() == 0
    assert dialog.restore_button.isEnabled()
    assert "每日备份" in dialog.list.item(0).text() and "2026-11-25 10:00" in dialog.list.item(0).text()
    assert "损坏" in dialog._problem.text()
    _shot(dialog, "restore_dialog")
    with qtbot.waitSignal(dialog.accepted, timeout=5_000):
        qtbot.keyClick(dialog.restore_button, Qt.Key.Key_Return)
    assert dialog.result_info is not None
    bootstrap(data, clock=clock, take_lock=False).close()  # opens again


def test_restore_dialog_without_backups_only_quits(qtbot, zh, tmp_path, clock, inline_tasks):
    data = _damaged_folder(tmp_path, clock)
    for backup in (data / "backups").glob("*.db"):
        backup.unlink()
    dialog = RestoreDialog(BackupService.for_data_dir(data, clock), None)
    qtbot.addWidget(dialog)
    assert not dialog.restore_button.isEnabled()
    assert "没有找到可用的备份" in dialog.status.text()


CHILD = r"""
import sys
from pathlib import Path
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox
from app.backups import RESTORE_REQUEST, RestoreRequest
from ui.launch import open_context, run_gui
from ui.main_window import MainWindow
from ui.restore_dialog import RestoreDialog
from ui.sign_in_dialog import SignInDialog

data_dir = Path(sys.argv[1])
app = QApplication(sys.argv[:1])
state = {"restored_in_settings": False, "windows": 0}

def poke():
    modal = app.activeModalWidget()
    if isinstance(modal, RestoreDialog) and modal.restore_button.isEnabled():
        print("RESTORE_OFFERED", modal.list.currentItem().text(), flush=True)
        modal.restore_chosen()
    elif isinstance(modal, SignInDialog):
        modal.pin.setText("4826")
        modal.submit()
    elif isinstance(modal, QMessageBox):
        print("MESSAGE", modal.text(), flush=True)
        modal.accept()
    window = next((w for w in app.topLevelWidgets() if isinstance(w, MainWindow) and w.isVisible()), None)
    if window is not None:
        state["windows"] += 1
        print("WINDOW", window.actor.staff_no, flush=True)
        if not state["restored_in_settings"]:
            state["restored_in_settings"] = True
            backup = window.ctx.backups.list_backups()[0]
            window.ctx.extras[RESTORE_REQUEST] = RestoreRequest(backup.path, window.actor)
            app.exit(0)
        else:
            window.close()
            return
    QTimer.singleShot(100, poke)

QTimer.singleShot(100, poke)
ctx = open_context(data_dir, take_lock=True)
print("OPENED", ctx is not None, flush=True)
if ctx is not None:
    ctx.staff.set_up_first_owner(staff_no="01", pin="4826", name="王秀英")
    ctx.backups.back_up_now()  # the backup Settings will restore has the owner in it
    code = run_gui(ctx)
    print("CODE", code, "RESTORES", ctx.backups.restore_count(), flush=True)
    ctx.close()
"""


@pytest.mark.slow
def test_launch_restores_a_damaged_database_then_a_settings_restore(tmp_path, clock):
    data = _damaged_folder(tmp_path, clock)
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", PYTHONPATH=str(ROOT))
    result = subprocess.run([sys.executable, "-c", CHILD, str(data)], capture_output=True, text=True,
                            timeout=120, env=env, cwd=ROOT)
    assert "Traceback" not in result.stderr, result.stderr
    out = result.stdout
    assert "RESTORE_OFFERED" in out and "OPENED True" in out, out
    assert out.count("WINDOW 01") >= 2, out  # before and after the restore asked in Settings
    assert "已恢复" in out or "restored" in out, out
    assert "CODE 0 RESTORES 2" in out, out
