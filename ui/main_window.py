"""The main window: navigation on the left, the screens in a stack, the status bar below.

The screens come from ui/screens/__init__.py (SCREENS); F1..Fn switch to them from
anywhere in the window, and a barcode scan goes to the screen in front.
"""
from __future__ import annotations

import logging
from functools import partial

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QCloseEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QApplication,
    QHBoxLayout,
    QMainWindow,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from app.actors import Actor
from app.bootstrap import AppContext
from ui.nav_bar import NavBar
from ui.notice_bar import NoticeBar
from ui.scanner_input import ScannerInput
from ui.screens import SCREENS, Screen
from ui.status_bar import StationStatusBar

log = logging.getLogger(__name__)


class MainWindow(QMainWindow):
    def __init__(
        self,
        ctx: AppContext,
        actor: Actor,
        *,
        screens: list[type[Screen]] | None = None,
        install_scanner: bool = True,
    ) -> None:
        super().__init__()
        self.setObjectName("mainWindow")
        self.ctx = ctx
        self.actor = actor
        self.screens: list[Screen] = [cls(ctx, actor) for cls in (screens or SCREENS)]
        self.nav = NavBar(self.screens)
        self.notice_bar = NoticeBar()
        self.stack = QStackedWidget(objectName="screenStack")
        for screen in self.screens:
            self.stack.addWidget(screen)
            screen.notice.connect(self.notice_bar.show_notice)
        content = QWidget(objectName="content")
        content_layout = QVBoxLayout(content)
        content_layout.setContentsMargins(0, 0, 0, 0)
        content_layout.setSpacing(0)
        content_layout.addWidget(self.notice_bar)
        content_layout.addWidget(self.stack, 1)
        central = QWidget()
        layout = QHBoxLayout(central)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.nav)
        layout.addWidget(content, 1)
        self.setCentralWidget(central)
        self.status = StationStatusBar(ctx, actor)
        self.setStatusBar(self.status)
        self.nav.chosen.connect(self.show_screen)
        self.shortcuts: list[QShortcut] = []
        for index in range(min(len(self.screens), 12)):
            shortcut = QShortcut(QKeySequence(f"F{index + 1}"), self)
            shortcut.setContext(Qt.ShortcutContext.ApplicationShortcut)
            shortcut.activated.connect(partial(self.show_screen, index))
            self.shortcuts.append(shortcut)
        self.scanner = ScannerInput(self)
        self.scanner.scanned.connect(self.route_scan)
        if install_scanner:
            self.scanner.install()
        self.setMinimumSize(1024, 640)
        self.retranslate_ui()
        self.show_screen(0)

    def current_screen(self) -> Screen:
        return self.screens[self.stack.currentIndex()]

    def screen(self, screen_id: str) -> Screen:
        for screen in self.screens:
            if screen.screen_id == screen_id:
                return screen
        raise KeyError(screen_id)

    def show_screen(self, index: int) -> None:
        if not 0 <= index < len(self.screens):
            return
        self.stack.setCurrentIndex(index)
        self.nav.set_current(index)
        self.notice_bar.hide()
        self.screens[index].activated()

    def route_scan(self, text: str) -> None:
        """A scan goes to the dialog in front if it takes scans, else to the current screen."""
        modal = QApplication.activeModalWidget()
        if modal is not None and modal is not self:
            handler = getattr(modal, "handle_scan", None)
            if callable(handler):
                handler(text)
            else:
                log.info("scan ignored: a dialog that takes no scans is open")
            return
        self.current_screen().handle_scan(text)

    def set_actor(self, actor: Actor) -> None:
        self.actor = actor
        self.status.set_actor(actor)
        for screen in self.screens:
            screen.set_actor(actor)

    def retranslate_ui(self) -> None:
        self.setWindowTitle(self.tr("Corner Station"))

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt override
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 - Qt override
        self.scanner.uninstall()
        self.status.stop()
        super().closeEvent(event)
