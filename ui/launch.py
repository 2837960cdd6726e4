"""Start the window: one QApplication, fonts, translations, style, PIN sign-in, go.

`open_context(data_dir)` opens the data folder and, if its database is damaged, offers the
newest good backup first (ui/restore_dialog.py). `run_gui(ctx)` asks who is at the counter
(with their PIN), shows the window with the idle lock and Ctrl+L to switch user, and a
timer that makes the daily backup off the GUI thread. When Settings asks for a restore, the
window closes, the backup is put in place and the sign-in comes up again on the restored
data. Also `grab_screens`, which renders every screen to a PNG (tests, README pictures).
"""
from __future__ import annotations

import logging
import sys
from pathlib import Path
from types import TracebackType

from PySide6.QtCore import QCoreApplication, QObject, Qt, QTimer
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QMessageBox

from app.actors import Actor
from app.backups import RESTORE_REQUEST, BackupReport, RestoreRequest
from app.bootstrap import AppContext, bootstrap
from app.clock import Clock
from app.errors import DatabaseProblem, UserFacingError
from app.settings import Settings
from resources import RESOURCES_DIR
from ui import fonts
from ui.errors import error_text, error_title, show_error
from ui.i18n import apply_language, current_language, normalize_language
from ui.lock_screen import SessionGuard
from ui.main_window import MainWindow
from ui.restore_dialog import offer_restore
from ui.sign_in_dialog import sign_in_at_start
from ui.tasks import run_in_background, runner

log = logging.getLogger(__name__)

STYLE_SHEET = RESOURCES_DIR / "style.qss"
EXIT_NO_STAFF = 2
BACKUP_CHECK_MS = 60 * 60 * 1000  # is the day's backup due? once an hour
START_BACKUP_DELAY_MS = 5_000
"""The day's first backup (with its full integrity_check: seconds on a year's file) runs on
a worker this long after the window shows, not on the start path (open_context)."""


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


def open_context(data_dir: Path, *, clock: Clock | None = None, take_lock: bool = True,
                 lang: str | None = None) -> AppContext | None:
    """bootstrap(data_dir); on a damaged database, the restore dialog first.

    None when the person quits instead of restoring. Other problems (a newer schema, the app
    already running) are raised as they are, for the caller to show."""
    try:
        return bootstrap(data_dir, clock=clock, take_lock=take_lock, start_backup=False)
    except DatabaseProblem as exc:
        if exc.code != "corrupt":
            raise
        log.error("database damaged at start; offering a restore")
        prepare_app(application(), lang or Settings.load(Path(data_dir)).language)
        if not offer_restore(Path(data_dir), exc, clock=clock):
            return None
    return bootstrap(data_dir, clock=clock, take_lock=take_lock, start_backup=False)


def pick_actor(ctx: AppContext, staff_no: str | None) -> Actor | None:
    """The staff member on duty, signed in with their PIN; staff_no is chosen beforehand."""
    staff = ctx.staff.signable()
    if not staff:
        raise UserFacingError(
            "还没有员工。请先设置本店（或用演示数据启动）。",
            "There are no staff yet. Set up the station first (or start with the demo data).",
            code="no_staff",
        )
    return sign_in_at_start(ctx, staff, preselect=staff_no)


class DailyBackups(QObject):
    """Once an hour: if the day's backup is due, make it on a worker; warnings to the window."""

    def __init__(self, window: MainWindow, ctx: AppContext, *, interval_ms: int = BACKUP_CHECK_MS) -> None:
        super().__init__(window)
        self.window = window
        self.ctx = ctx
        self.timer = QTimer(self, interval=interval_ms)
        self.timer.timeout.connect(self.check)
        self.timer.start()

    def check(self) -> None:
        backups = self.ctx.backups
        run_in_background(
            lambda: backups.run_due() if backups.is_due() else None,
            self.report, lambda exc: log.error("daily backup failed", exc_info=exc), "io", owner=self,
        )

    def report(self, report: BackupReport | None) -> None:
        show_backup_warnings(self.window, report)

    def stop(self) -> None:
        self.timer.stop()


def show_backup_warnings(window: MainWindow, report: BackupReport | None) -> None:
    if report is not None and report.warnings:
        lang = current_language()
        window.notice_bar.show_notice("\n".join(w.for_lang(lang) for w in report.warnings), "warning")


def carry_out_restore(ctx: AppContext, request: RestoreRequest) -> bool:
    """Restore with the window closed and every worker done; the engine then opens the
    restored file. True when it worked (the result is shown), False after an error."""
    runner().wait(30_000)
    ctx.db.dispose()
    QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
    try:
        result = ctx.backups.restore(request.backup, actor=request.actor, approver=request.approver,
                                     reason="restored in Settings")
    except Exception as exc:  # noqa: BLE001 - shown to the person; a half-done restore finishes at the next start
        QGuiApplication.restoreOverrideCursor()
        log.error("restore failed", exc_info=exc)
        QMessageBox.critical(None, error_title(exc), error_text(exc, current_language()))
        return False
    QGuiApplication.restoreOverrideCursor()
    text = QCoreApplication.translate(
        "Launch", "The backup %1 has been restored. Sign in again to carry on."
    ).replace("%1", result.backup)
    QMessageBox.information(None, QCoreApplication.translate("Launch", "Restored"), text)
    return True


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


def run_gui(ctx: AppContext, *, staff_no: str | None = None, lang: str | None = None,
            idle_ms: int | None = None) -> int:
    """Show the window until it is closed; returns the process exit code.

    lang chooses the language for this run only (default: the saved setting); staff_no is
    the person chosen in the sign-in (their PIN is still asked); idle_ms overrides Settings'
    idle lock time (tests).
    """
    app = application()
    prepare_app(app, lang or ctx.settings.language)
    window_ref: list[MainWindow] = []
    previous_hook = sys.excepthook
    _install_excepthook(window_ref)
    try:
        while True:
            try:
                actor = pick_actor(ctx, staff_no)
            except UserFacingError as exc:
                QMessageBox.critical(None, error_title(exc), error_text(exc, current_language()))
                return EXIT_NO_STAFF
            if actor is None:
                return 0
            window = MainWindow(ctx, actor)
            window_ref[:] = [window]
            guard = SessionGuard(window, ctx, idle_ms=idle_ms)
            daily = DailyBackups(window, ctx)
            window.showMaximized()
            show_backup_warnings(window, ctx.start_backup)
            ctx.start_backup = None
            QTimer.singleShot(START_BACKUP_DELAY_MS, daily, daily.check)  # the day's first backup
            code = app.exec()
            guard.stop()
            daily.stop()
            window.close()
            runner().wait(5_000)
            request = ctx.extras.pop(RESTORE_REQUEST, None)
            if not isinstance(request, RestoreRequest):
                return code
            carry_out_restore(ctx, request)
            staff_no = None
            window.deleteLater()
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
