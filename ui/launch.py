"""Start the window: one QApplication, fonts, translations, style, who is on duty, go.

Also `grab_screens`, which renders every screen to a PNG (tests, README pictures).
"""
from __future__ import annotations

import logging
import sys
from pathlib import Path
from types import TracebackType

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QApplication, QMessageBox

from app.actors import Actor
from app.bootstrap import AppContext
from app.errors import UserFacingError
from resources import RESOURCES_DIR
from ui import fonts
from ui.errors import error_text, error_title, show_error
from ui.i18n import apply_language, current_language, normalize_language
from ui.main_window import MainWindow
from ui.staff_chooser import choose_staff
from ui.tasks import runner

log = logging.getLogger(__name__)

STYLE_SHEET = RESOURCES_DIR / "style.qss"
EXIT_NO_STAFF = 2


def application() -> QApplication:
    """The one QApplication of the process (made here if there is none yet)."""
    app = QApplication.instance()
    if app is None:
        app = QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    return app


def style_sheet() -> str:
    try:
        return STYLE_SHEET.read_text(encoding="utf-8")
    except OSError as exc:
        log.warning("style sheet not loaded: %s", exc)
        return ""


def prepare_app(app: QApplication, lang: str) -> str:
    """Font, translations and style sheet; returns the language actually in use."""
    app.setApplicationName("Corner Station")
    app.setOrganizationName("CornerStation")
    status = fonts.install_app_font(app)
    lang = normalize_language(lang)
    if not status.cjk_ok and lang != "en":
        fonts.warn_no_cjk_font(None)
        lang = "en"
    apply_language(lang)
    app.setStyleSheet(style_sheet())
    return lang


def pick_actor(ctx: AppContext, staff_no: str | None) -> Actor | None:
    """The staff member on duty: the one given, else the one chosen in the dialog."""
    if staff_no:
        return ctx.station.actor(staff_no)
    staff = ctx.station.staff_on_roll()
    if not staff:
        raise UserFacingError(
            "还没有员工。请先设置本店（或用演示数据启动）。",
            "There are no staff yet. Set up the station first (or start with the demo data).",
            code="no_staff",
        )
    return choose_staff(staff)


def _install_excepthook(parent_lookup: list[MainWindow]) -> None:
    """An exception escaping a slot is logged and shown as an apology, not a traceback."""

    def hook(kind: type[BaseException], exc: BaseException, tb: TracebackType | None) -> None:
        if issubclass(kind, KeyboardInterrupt):
            QCoreApplication.quit()
            return
        exc.__traceback__ = tb
        parent = parent_lookup[0] if parent_lookup else None
        show_error(parent, exc, current_language(), context="an event handler")

    sys.excepthook = hook


def run_gui(ctx: AppContext, *, staff_no: str | None = None, lang: str | None = None) -> int:
    """Show the window until it is closed; returns the process exit code.

    lang chooses the language for this run only (default: the saved setting).
    """
    app = application()
    prepare_app(app, lang or ctx.settings.language)
    window_ref: list[MainWindow] = []
    previous_hook = sys.excepthook
    _install_excepthook(window_ref)
    try:
        try:
            actor = pick_actor(ctx, staff_no)
        except UserFacingError as exc:
            QMessageBox.critical(None, error_title(exc), error_text(exc, current_language()))
            return EXIT_NO_STAFF
        if actor is None:
            return 0
        window = MainWindow(ctx, actor)
        window_ref.append(window)
        window.showMaximized()
        code = app.exec()
        window.close()
        return code
    finally:
        runner().wait(5_000)
        sys.excepthook = previous_hook


def grab_screens(window: MainWindow, folder: Path) -> list[Path]:
    """Render the window with each screen in front to folder/NN_<screen_id>.png."""
    folder.mkdir(parents=True, exist_ok=True)
    current = window.stack.currentIndex()
    paths: list[Path] = []
    for index, screen in enumerate(window.screens):
        window.show_screen(index)
        QCoreApplication.processEvents()
        path = folder / f"{index + 1:02d}_{screen.screen_id}.png"
        if not window.grab().save(str(path), "PNG"):
            raise OSError(f"could not write {path}")
        paths.append(path)
    window.show_screen(current)
    return paths
