"""The real window on a real SQLite file: navigation, F-keys, language, scans, pictures."""
from __future__ import annotations

import json
import uuid
from datetime import datetime

from PySide6.QtCore import Qt
from PySide6.QtGui import QFontInfo, QImage
from PySide6.QtWidgets import QApplication, QLabel, QLineEdit, QVBoxLayout

from app.bootstrap import AppContext
from local_db.models import Conflict, Outbox
from ui.launch import grab_screens
from ui.main_window import MainWindow
from ui.screens import SCREENS
from ui.screens.base import Screen

SCAN_MESSAGE_ZH = "此界面不能使用扫码"
SCAN_MESSAGE_EN = "This screen does not take scans"


def test_window_opens_with_every_screen(window: MainWindow):
    assert [type(s) for s in window.screens] == SCREENS
    assert window.windowTitle() == "邻里站"
    assert [b.text().split()[0] for b in window.nav.buttons] == ["收银", "提货", "到货分拣", "报表", "同步", "设置"]
    assert window.current_screen().screen_id == "counter"
    assert "王芳" in window.status.staff_label.text()
    assert "店主" in window.status.staff_label.text()


def test_f_keys_and_nav_buttons_switch_screens(qtbot, window: MainWindow):
    ids = ["counter", "pickup", "arrivals", "reports", "sync", "settings"]
    for index in reversed(range(6)):
        qtbot.keyClick(window.current_screen(), Qt.Key(Qt.Key.Key_F1 + index))
        assert window.current_screen().screen_id == ids[index]
        assert window.nav.buttons[index].isChecked()
    qtbot.mouseClick(window.nav.buttons[4], Qt.MouseButton.LeftButton)
    assert window.current_screen().screen_id == "sync"


def test_f_key_works_with_focus_in_a_line_edit(qtbot, window: MainWindow):
    edit = QLineEdit(window.current_screen())
    edit.show()
    edit.setFocus()
    qtbot.keyClick(edit, Qt.Key.Key_F2)
    assert window.current_screen().screen_id == "pickup"


def test_language_switch_retranslates_live_and_is_saved(qtbot, window: MainWindow, ctx: AppContext):
    counter = window.nav.buttons[0]
    assert counter.text().startswith("收银")
    window.show_screen(5)
    settings = window.current_screen()
    qtbot.mouseClick(settings.language_buttons["en"], Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: counter.text().startswith("Counter"), timeout=3_000)
    assert window.windowTitle() == "Corner Station"
    assert settings.findChild(QLabel, "screenTitle").text() == "Settings"
    assert window.screen("pickup").findChild(QLabel, "screenTitle").text() == "Pickup"
    assert "Not connected" in window.status.cloud_label.text()
    assert "Owner" in window.status.staff_label.text()
    saved = json.loads((ctx.data_dir / "settings.json").read_text(encoding="utf-8"))
    assert saved["language"] == "en"
    qtbot.mouseClick(settings.language_buttons["zh_CN"], Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: counter.text().startswith("收银"), timeout=3_000)
    assert window.status.cloud_label.text() == "未连接云端"
    assert json.loads((ctx.data_dir / "settings.json").read_text(encoding="utf-8"))["language"] == "zh_CN"


def test_every_screen_renders_to_a_picture_that_is_not_blank(window: MainWindow, tmp_path):
    paths = grab_screens(window, tmp_path / "shots")
    assert [p.name for p in paths] == [
        "01_counter.png", "02_pickup.png", "03_arrivals.png", "04_reports.png", "05_sync.png", "06_settings.png",
    ]
    for path in paths:
        image = QImage(str(path))
        assert image.width() >= 1024 and image.height() >= 640
        colours = {
            image.pixel(x, y)
            for x in range(0, image.width(), 17)
            for y in range(0, image.height(), 13)
        }
        assert len(colours) > 3, path.name
        # The screen's own area (right of the navigation) has text on it, not one flat colour.
        content = {
            image.pixel(x, y) for x in range(300, image.width() - 40, 7) for y in range(20, 200, 5)
        }
        assert len(content) > 2, path.name


def test_chinese_is_drawn_with_the_bundled_font(window: MainWindow):
    title = window.current_screen().findChild(QLabel, "screenTitle")
    assert title.text() == "收银"
    assert QFontInfo(title.font()).family().startswith("WenQuanYi")
    assert QFontInfo(QApplication.font()).family().startswith("WenQuanYi")
    assert QApplication.font().pointSize() >= 14


def _outbox(seq: int, sent: bool) -> Outbox:
    fields = dict(
        event_id=str(uuid.uuid4()), device_epoch=1, seq=seq, kind="sale", schema_version=1,
        payload={"n": seq}, created_at=datetime(2026, 11, 25, 2, 0),
        sent_at=datetime(2026, 11, 25, 2, 5) if sent else None, result="applied" if sent else None,
    )
    if "device_id" in Outbox.__table__.columns:
        fields["device_id"] = "00000000-0000-4000-8000-000000000007"
    return Outbox(**fields)


def test_status_bar_counts_pending_uploads_and_conflicts_from_the_database(qtbot, zh, ctx: AppContext, actor):
    with ctx.db.write() as uow:
        uow.session.add_all([_outbox(1, True), _outbox(2, False), _outbox(3, False), _outbox(4, False)])
        uow.session.add(Conflict(event_id=str(uuid.uuid4()), kind="pickup", detail="refunded in the cloud",
                                 created_at=datetime(2026, 11, 25, 2, 0)))
        uow.commit()
    window = MainWindow(ctx, actor)
    qtbot.addWidget(window)
    window.show()
    status = window.status
    qtbot.waitUntil(lambda: status.pending_label.text() == "待上传：3", timeout=5_000)
    assert status.conflicts_label.text() == "冲突：1"
    assert status.conflicts_label.property("alert") is True
    assert status.cloud_label.text() == "未连接云端"
    assert status.clock_label.text() == "2026-11-25 10:00"  # store time, Asia/Shanghai
    with ctx.db.write() as uow:
        uow.session.add(_outbox(5, False))
        uow.commit()
    qtbot.waitUntil(lambda: not status._in_flight, timeout=5_000)
    status.refresh()
    qtbot.waitUntil(lambda: status.pending_label.text() == "待上传：4", timeout=5_000)
    window.close()


def test_scan_on_a_screen_that_takes_none_shows_a_message_and_changes_nothing(qtbot, window, keys, ctx):
    window.show_screen(3)  # reports
    before = ctx.station.sync_status()
    keys.send(keys.focus(window.current_screen()), keys.events("6901234567892"))
    qtbot.waitUntil(lambda: window.notice_bar.isVisible(), timeout=2_000)
    assert SCAN_MESSAGE_ZH in window.notice_bar.text()
    assert window.notice_bar.property("level") == "warning"
    assert window.current_screen().screen_id == "reports"
    assert ctx.station.sync_status() == before


class RecordingScreen(Screen):
    screen_id = "recording"

    def __init__(self, ctx, actor, parent=None):
        super().__init__(ctx, actor, parent)
        self.edit = QLineEdit()
        QVBoxLayout(self).addWidget(self.edit)
        self.scans: list[str] = []

    def title(self) -> str:
        return "Recording"

    def handle_scan(self, text: str) -> None:
        self.scans.append(text)


def test_a_scan_goes_to_the_current_screen_whatever_has_focus(qtbot, zh, ctx, actor, keys):
    window = MainWindow(ctx, actor, screens=[RecordingScreen, SCREENS[3]])
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    screen = window.current_screen()
    screen.edit.setFocus()
    keys.send(keys.focus(screen.edit), keys.events("CS1ABCD2345", gap_ms=3, shift_upper=True))
    qtbot.waitUntil(lambda: screen.scans == ["CS1ABCD2345"], timeout=2_000)
    assert screen.edit.text() == ""
    window.close()


def test_english_scan_refusal(qtbot, window, keys):
    window.show_screen(5)
    qtbot.mouseClick(window.current_screen().language_buttons["en"], Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.nav.buttons[0].text().startswith("Counter"), timeout=3_000)
    window.show_screen(4)
    keys.send(keys.focus(window.current_screen()), keys.events("6901234567892"))
    qtbot.waitUntil(lambda: window.notice_bar.isVisible(), timeout=2_000)
    assert SCAN_MESSAGE_EN in window.notice_bar.text()
