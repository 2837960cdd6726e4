"""Settings for the owner: staff, backups and restore, the audit log; a clerk gets in only
with the owner's PIN typed on their screen. Pictures go to /tmp/ui-shots/staff/."""
from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from app.audit_view import AuditFilter
from app.backups import RESTORE_REQUEST, RestoreRequest
from app.staff import SignInRefused
from ui.approval_dialog import ApprovalDialog
from ui.launch import carry_out_restore

SHOTS = Path("/tmp/ui-shots/staff")
PINS = {"001": "4826", "002": "5937"}


@pytest.fixture
def pins(ctx):
    owner = ctx.staff.set_up_first_owner(staff_no="001", pin=PINS["001"])
    ctx.staff.reset_pin(actor=owner, staff_no="002", new_pin=PINS["002"])
    return PINS


@pytest.fixture
def settings(qtbot, window, pins, inline_tasks):
    index = next(i for i, s in enumerate(window.screens) if s.screen_id == "settings")
    window.show_screen(index)
    return window.screens[index]


def _shot(widget, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    QApplication.processEvents()
    assert widget.grab().save(str(SHOTS / f"{name}.png"), "PNG")


def _click(qtbot, button) -> None:
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def _close_next_message_box(shown: list[str] | None = None) -> None:
    """Close the next QMessageBox that comes up (a static one blocks the test)."""

    def poll() -> None:
        box = QApplication.activeModalWidget()
        if isinstance(box, QMessageBox):
            if shown is not None:
                shown.append(box.text())
            box.done(0)
        else:
            QTimer.singleShot(50, poll)

    QTimer.singleShot(50, poll)


def _owner(ctx):
    return ctx.staff.sign_in(staff_no="001", pin=PINS["001"])


def test_owner_manages_staff(qtbot, window, settings, ctx):
    settings.tabs.setCurrentIndex(1)
    gate = settings.gates[0]
    assert gate.is_open
    section = settings.staff_section
    assert section.table.rowCount() == 2
    assert section.table.item(0, 1).text() == "王芳" and section.table.item(0, 4).text() == "已设置"
    section.staff_no.setText("003")
    section.name.setText("赵芳")
    section.role_boxes["leader"].setChecked(True)
    qtbot.keyClicks(section.pin, "730915")
    _click(qtbot, section.add_button)
    assert section.table.rowCount() == 3
    assert "已添加 赵芳" in window.notice_bar.text()
    assert ctx.staff.sign_in(staff_no="003", pin="730915").roles == frozenset({"leader"})
    section.table.selectRow(1)  # 002 李强
    assert section.staff_no.text() == "002"
    section.role_boxes["leader"].setChecked(True)
    _click(qtbot, section.save_button)
    qtbot.keyClicks(section.pin, "864209")
    _click(qtbot, section.reset_pin_button)
    assert ctx.staff.sign_in(staff_no="002", pin="864209").roles == frozenset({"clerk", "leader"})
    section.table.selectRow(1)
    _click(qtbot, section.active_button)
    assert section.table.item(1, 3).text() == "已停用"
    actions = [e.action for e in ctx.audit.entries(AuditFilter(), actor=_owner(ctx))]
    assert {"staff_add", "staff_roles", "staff_pin_reset", "staff_deactivate"} <= set(actions)
    _shot(settings, "settings_staff")


def test_bad_staff_details_are_a_notice_and_change_nothing(qtbot, window, settings, ctx):
    settings.tabs.setCurrentIndex(1)
    section = settings.staff_section
    section.staff_no.setText("004")
    section.name.setText("钱")
    section.role_boxes["clerk"].setChecked(True)
    qtbot.keyClicks(section.pin, "1111")
    _click(qtbot, section.add_button)
    assert "容易被猜到" in window.notice_bar.text()
    assert section.table.rowCount() == 2


def test_a_clerk_needs_the_owners_pin_and_the_approval_ends_on_leaving(qtbot, window, settings, ctx):
    window.set_actor(ctx.staff.sign_in(staff_no="002", pin=PINS["002"]))
    settings.tabs.setCurrentIndex(1)
    gate = settings.gates[0]
    assert not gate.is_open and settings.staff_section.table.rowCount() == 0
    assert "只有店主" in gate._note.text()
    _shot(settings, "settings_staff_locked")

    def approve() -> None:
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, ApprovalDialog)
        dialog.pin.setText(PINS["001"])
        dialog.submit()

    QTimer.singleShot(50, approve)
    _click(qtbot, gate.approve_button)
    assert gate.is_open and settings.staff_section.table.rowCount() == 2
    assert "已由 王芳 批准" in window.notice_bar.text()
    section = settings.staff_section
    section.table.selectRow(1)
    section.name.setText("李强强")
    _click(qtbot, section.save_button)
    entry = ctx.audit.entries(AuditFilter(action="staff_rename"), actor=_owner(ctx))[0]
    assert (entry.staff_no, entry.approver_no) == ("002", "001")
    window.show_screen(0)  # leaving Settings ends the approval
    assert not gate.is_open and settings.staff_section.table.rowCount() == 0
    # the other owner's tabs were never opened by it
    assert not settings.gates[2].is_open


def test_backups_tab_backs_up_and_asks_for_a_restore(qtbot, window, settings, ctx, clock):
    settings.tabs.setCurrentIndex(2)
    section = settings.backup_section
    assert section.list.count() == 1 and "每日备份" in section.list.item(0).text()
    clock.advance(minutes=5)
    _click(qtbot, section.backup_button)
    assert section.list.count() == 2 and "手动备份" in section.list.item(0).text()
    assert "备份完成" in window.notice_bar.text()
    _shot(settings, "settings_backups")
    section.list.setCurrentRow(0)
    asked = []
    section.confirm = lambda question: asked.append(question) or True
    _click(qtbot, section.restore_button)
    assert asked and "窗口会关闭" in asked[0]
    request = ctx.extras[RESTORE_REQUEST]
    assert isinstance(request, RestoreRequest) and request.actor.staff_no == "001"
    window.close()
    _close_next_message_box()
    assert carry_out_restore(ctx, ctx.extras.pop(RESTORE_REQUEST))
    assert ctx.backups.restore_count() == 1
    assert ctx.station.actor("001").name == "王芳"  # the engine opened the restored file


def test_the_second_backup_folder(qtbot, window, settings, ctx, tmp_path):
    settings.tabs.setCurrentIndex(2)
    section = settings.backup_section
    section.extra.setText(str(tmp_path / "no-stick"))
    _click(qtbot, section.save_button)
    assert "不存在或不能写入" in window.notice_bar.text()
    stick = tmp_path / "stick"
    stick.mkdir()
    section.pick_folder = lambda: str(stick)
    _click(qtbot, section.choose_button)
    _click(qtbot, section.save_button)
    assert ctx.settings.backup_dir_extra == str(stick)
    assert "已保存" in window.notice_bar.text()


def test_audit_log_tab_filters_and_exports(qtbot, window, settings, ctx, tmp_path):
    ctx.staff.sign_in(staff_no="002", pin=PINS["002"])
    with pytest.raises(SignInRefused):
        ctx.staff.sign_in(staff_no="002", pin="0000")
    settings.tabs.setCurrentIndex(3)
    section = settings.audit_section
    assert section.table.rowCount() >= 3
    assert section.table.item(0, 1).text() == "登录失败"
    assert "条" in section.count.text()
    section.action.setCurrentIndex(section.action.findData("sign_in"))
    _click(qtbot, section.search_button)
    assert section.table.rowCount() == 1 and "002 李强" in section.table.item(0, 2).text()
    _shot(settings, "settings_audit")
    path = tmp_path / "audit.csv"
    section.export_to(path)
    assert path.read_bytes().startswith(b"\xef\xbb\xbf")
    assert "时间,操作" in path.read_text(encoding="utf-8-sig").splitlines()[0]
    assert "已导出 1 条" in window.notice_bar.text()


def test_settings_tabs_in_english(qtbot, window, settings):
    from ui.i18n import apply_language

    apply_language("en")
    qtbot.waitUntil(lambda: settings.tabs.tabText(1) == "Staff", timeout=3_000)
    assert settings.tabs.tabText(3) == "Audit log"
    assert settings.staff_section.add_button.text() == "Add"
    _shot(settings, "settings_staff_en")


def test_restore_refused_for_a_clerk_without_approval(qtbot, window, settings, ctx):
    settings.tabs.setCurrentIndex(2)
    window.set_actor(ctx.staff.sign_in(staff_no="002", pin=PINS["002"]))
    assert not settings.gates[1].is_open
    assert RESTORE_REQUEST not in ctx.extras
    assert QMessageBox  # the clerk never reaches the question
