"""The app font: the bundled WenQuanYi Micro Hei, big enough for a counter at 1366x768.

Chinese needs a CJK font; with none, Qt draws boxes. The font is bundled in resources/ so
the window (and the PDFs) look the same on every machine. If it cannot be loaded and the
system has no CJK font either, the person is told once, in English, and the window runs in
English for that session rather than in boxes.
"""
from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from resources import CJK_FONT_FILE

log = logging.getLogger(__name__)

BASE_POINT_SIZE = 16
"""Base text size in points; headings and buttons are larger (resources/style.qss)."""

_bundled_family: str | None = None
_warned = False


@dataclass(frozen=True, slots=True)
class FontStatus:
    family: str
    """The family the application font uses."""
    bundled: bool
    """True when it is the font shipped in resources/."""
    cjk_ok: bool
    """True when Chinese can be drawn (bundled font or a system CJK font)."""


def load_bundled_font(path: Path = CJK_FONT_FILE) -> str | None:
    """Register the bundled CJK font with Qt (once); its family name, or None."""
    global _bundled_family
    if _bundled_family is not None:
        return _bundled_family
    font_id = QFontDatabase.addApplicationFont(str(path)) if path.exists() else -1
    if font_id < 0:
        log.warning("bundled CJK font could not be loaded from %s", path)
        return None
    families = QFontDatabase.applicationFontFamilies(font_id)
    # A .ttc holds several faces; take the proportional one, not the Mono.
    proportional = [f for f in families if "mono" not in f.lower()]
    _bundled_family = (proportional or families or [None])[0]
    return _bundled_family


def system_cjk_families() -> list[str]:
    return list(QFontDatabase.families(QFontDatabase.WritingSystem.SimplifiedChinese))


def install_app_font(app: QApplication, point_size: int = BASE_POINT_SIZE) -> FontStatus:
    """Make the bundled CJK font (else a system CJK font) the application font."""
    family = load_bundled_font()
    bundled = family is not None
    if family is None:
        system = system_cjk_families()
        family = system[0] if system else app.font().family()
    font = QFont(family, point_size)
    app.setFont(font)
    cjk_ok = bundled or bool(system_cjk_families())
    return FontStatus(family=family, bundled=bundled, cjk_ok=cjk_ok)


def warn_no_cjk_font(parent: QWidget | None) -> bool:
    """Tell the person once that Chinese cannot be shown. Returns True if it told them now."""
    global _warned
    if _warned:
        return False
    _warned = True
    # Deliberately not translated: without a CJK font the Chinese text would be boxes.
    QMessageBox.warning(
        parent,
        "Corner Station",
        "No Chinese font could be loaded, so Chinese text cannot be shown.\n"
        "The window will use English for now. Reinstall Corner Station, or install a "
        "Chinese font (for example WenQuanYi Micro Hei), then start it again.",
    )
    return True
