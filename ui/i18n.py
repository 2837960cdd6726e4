"""Qt translations: English source strings in tr(), Chinese in resources/i18n/*.qm.

Each ui module has its own <module>_zh_CN.ts (scripts/i18n.py update/build keeps them and
their .qm files); at start, and when the language is changed in Settings, every .qm of the
language is loaded, plus Qt's own (for the buttons of standard dialogs). Installing
translators sends QEvent.LanguageChange to every window, and each widget's changeEvent
calls its retranslate_ui().
"""
from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QTranslator

from app.i18n import DEFAULT_LANGUAGE, LANGUAGES
from resources import I18N_DIR

log = logging.getLogger(__name__)

_installed: list[QTranslator] = []
_current = "en"


def normalize_language(lang: str | None) -> str:
    """zh_CN or en; anything else (zh, zh-CN, en_US, None) maps to the nearest."""
    if not lang:
        return DEFAULT_LANGUAGE
    if lang in LANGUAGES:
        return lang
    return "en" if lang.lower().startswith("en") else DEFAULT_LANGUAGE


def qm_files(lang: str, folder: Path = I18N_DIR) -> list[Path]:
    """Our compiled translations for lang (none for English, the source language)."""
    if lang == "en":
        return []
    return sorted(folder.glob(f"*_{lang}.qm"))


def _qt_qm_files(lang: str) -> list[Path]:
    if lang == "en":
        return []
    qt_dir = Path(QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath))
    return [p for p in (qt_dir / f"qtbase_{lang}.qm",) if p.exists()]


def apply_language(lang: str) -> int:
    """Switch every translatable text to lang; returns how many catalogues were loaded."""
    global _current
    lang = normalize_language(lang)
    app = QCoreApplication.instance()
    if app is None:
        raise RuntimeError("apply_language needs a QApplication")
    for translator in _installed:
        app.removeTranslator(translator)
    _installed.clear()
    for path in _qt_qm_files(lang) + qm_files(lang):
        translator = QTranslator(app)
        if translator.load(str(path)):
            app.installTranslator(translator)
            _installed.append(translator)
        else:
            log.warning("translation %s could not be loaded", path.name)
    _current = lang
    return len(_installed)


def current_language() -> str:
    return _current

