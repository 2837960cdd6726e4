"""The lock: after Settings' idle minutes with no key, click or scan, or at once with Ctrl+L
(switch user; F12 too while no screen claims it - the Counter uses F12 for its till menu),
the window is covered and the sign-in dialog comes up over it.

Whoever signs in carries on where the window was: nothing is closed or rebuilt, the screens
keep their state (a half-rung cart, a typed search), and only the name on what is done
changes when someone else signs in. The idle clock is an application-wide event filter that
restarts a QTimer on every key press, mouse press, wheel turn or touch.
"""
from __future__ import annotations

import logging

import shiboken6
from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QApplication, QMainWindow, QWidget

from app.actors import Actor
from app.bootstrap import AppContext
from ui.sign_in_dialog import LOCK, SignInDialog

log = logging.getLogger(__name__)

SWITCH_KEYS = ("F12", "Ctrl+L")
INPUT_EVENTS = frozenset({
    QEvent.Type.KeyPress,
    QEvent.Type.MouseButtonPress,
    QEvent.Type.MouseButtonDblClick,
    QEvent.Type.Wheel,
    QEvent.Type.TouchBegin,
    QEvent.Type.InputMethod,
})
COVER_STYLE = "#lockCover { background: #1d2733; }"


class LockCover(QWidget):
    """An opaque sheet over the whole window while it is locked: nothing on it can be read."""

    def __init__(self, window: QMainWindow) -> None:
        super().__init__(window)
        self.setObjectName("lockCover")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.setStyleSheet(COVER_STYLE)
        self._window = window
        window.installEventFilter(self)
        self.hide()

    def cover(self) -> None:
        self.setGeometry(self._window.rect())
        self.raise_()
        self.show()

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        if obj is self._window and event.type() == QEvent.Type.Resize and self.isVisible():
            self.setGeometry(self._window.rect())
        return False


class SessionGuard(QObject):
    """Locks `window` when idle or asked, and signs the next person in over it.

    The window needs `actor` and `set_actor(actor)` (MainWindow has both).
    """

    locked = Signal()
    unlocked = Signal(object)
    """The Actor who signed in to unlock."""

    def __init__(self, window: QMainWindow, ctx: AppContext, *, idle_ms: int | None = None) -> None:
        super().__init__(window)
        self.window = window
        self.ctx = ctx
        if idle_ms is None:
            idle_ms = max(0, ctx.settings.idle_lock_minutes) * 60_000
        self.idle_ms = idle_ms
        self.dialog: SignInDialog | None = None
        self.cover = LockCover(window)
        self._focus: QWidget | None = None
        self.timer = QTimer(self, singleShot=True)
        self.timer.timeout.connect(self.lock)
        self.shortcuts: list[QShortcut] = []
        taken = {s.key().toString() for s in window.findChildren(QShortcut)}
        for keys in SWITCH_KEYS:
            if keys in taken:
                continue  # a screen's own key wins (the Counter's F12): an ambiguous key would do nothing
            shortcut = QShortcut(QKeySequence(keys), window)
            shortcut.setContext(Qt.ShortcutContext.ApplicationShortcut)
            shortcut.activated.connect(self.lock)
            self.shortcuts.append(shortcut)
        app = QApplication.instance()
        assert app is not None
        app.installEventFilter(self)
        self._restart_idle()

    @property
    def is_locked(self) -> bool:
        return self.dialog is not None

    def set_idle_ms(self, idle_ms: int) -> None:
        """A new idle time (Settings changed it); 0 never locks."""
        self.idle_ms = max(0, idle_ms)
        self._restart_idle()

    def lock(self) -> None:
        """Cover the window and ask for a PIN; the screens stay as they are."""
        if self.dialog is not None:
            return
        self.timer.stop()
        self._focus = QApplication.focusWidget()
        self.cover.cover()
        current: Actor = self.window.actor  # type: ignore[attr-defined]
        dialog = SignInDialog(self.ctx, mode=LOCK, current=current, parent=self.window)
        dialog.setWindowModality(Qt.WindowModality.ApplicationModal)
        dialog.signed_in.connect(self._signed_in)
        self.dialog = dialog
        log.info("screen locked")
        self.locked.emit()
        dialog.open()

    def stop(self) -> None:
        """Stop watching (the window is closing)."""
        self.timer.stop()
        app = QApplication.instance()
        if app is not None:
            app.removeEventFilter(self)

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        if event.type() in INPUT_EVENTS and self.dialog is None:
            self._restart_idle()
        return False

    def _restart_idle(self) -> None:
        if self.idle_ms > 0 and self.dialog is None:
            self.timer.start(self.idle_ms)
        else:
            self.timer.stop()

    def _signed_in(self, actor: Actor) -> None:
        dialog, self.dialog = self.dialog, None
        if dialog is not None:
            dialog.deleteLater()
        self.cover.hide()
        if actor != self.window.actor:  # type: ignore[attr-defined]
            self.window.set_actor(actor)  # type: ignore[attr-defined]
        if self._focus is not None and shiboken6.isValid(self._focus):
            self._focus.setFocus()  # back where the person was typing
        self._focus = None
        self._restart_idle()
        self.unlocked.emit(actor)
