"""Chinese is drawn with the bundled WenQuanYi Micro Hei, never as boxes."""
from __future__ import annotations

from PySide6.QtGui import QFont, QFontInfo, QFontMetrics
from PySide6.QtWidgets import QLabel

from resources import CJK_FONT_FILE
from ui import fonts


def test_the_bundled_font_is_loaded_and_is_the_app_font(qtbot, gui_app):
    assert CJK_FONT_FILE.exists()
    family = fonts.load_bundled_font()
    assert family is not None and family.startswith("WenQuanYi")
    assert "Mono" not in family
    status = fonts.install_app_font(gui_app)
    assert status.bundled and status.cjk_ok
    assert gui_app.font().pointSize() == fonts.BASE_POINT_SIZE


def test_a_chinese_label_uses_the_bundled_font_and_has_the_glyphs(qtbot, gui_app):
    label = QLabel("提货码 收银 到货分拣")
    qtbot.addWidget(label)
    label.show()
    assert QFontInfo(label.font()).family().startswith("WenQuanYi")
    metrics = QFontMetrics(label.font())
    assert all(metrics.inFontUcs4(ord(c)) for c in "提货码收银到货分拣")


def test_the_bundled_font_is_found_by_family(gui_app):
    fonts.load_bundled_font()
    assert QFontInfo(QFont("WenQuanYi Micro Hei")).family().startswith("WenQuanYi")


def test_without_any_chinese_font_the_person_is_told_once_and_gets_english(gui_app, monkeypatch):
    from ui import launch
    from ui.i18n import apply_language, current_language

    told: list[str] = []
    monkeypatch.setattr(fonts, "_warned", False)
    monkeypatch.setattr(fonts.QMessageBox, "warning", lambda *args: told.append(args[2]))
    monkeypatch.setattr(
        fonts, "install_app_font", lambda app: fonts.FontStatus(family="DejaVu Sans", bundled=False, cjk_ok=False)
    )
    monkeypatch.setattr(gui_app, "setStyleSheet", lambda _css: None)
    try:
        assert launch.prepare_app(gui_app, "zh_CN") == "en"
        assert current_language() == "en"
        assert launch.prepare_app(gui_app, "zh_CN") == "en"
        assert len(told) == 1 and "Chinese" in told[0]
    finally:
        apply_language("zh_CN")
