"""The Counter's function keys.

F7…F12 are plain shortcuts of the screen (WindowShortcut: live while the Counter is in front
and no dialog is open). F3 (quantity), F4 (price / line discount) and F6 (order discount) are
also the main window's keys for other screens (ApplicationShortcut F1…F6): with goods in the
cart and the focus on one of the Counter's own widgets, an event filter on those widgets
claims the key at ShortcutOverride, so the window's shortcut does not fire, and handles the
key press that follows. With an empty cart they switch screens as everywhere else.

The filter sits on a few widgets, not on the application: an application-wide Python filter
would see every event of the program.
"""
from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import QWidget

_MODIFIERS = (Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier
              | Qt.KeyboardModifier.ShiftModifier | Qt.KeyboardModifier.MetaModifier)


class CounterKeys(QObject):
    def __init__(self, screen: QWidget, keys: dict[Qt.Key, Callable[[], None]],
                 cart_keys: dict[Qt.Key, Callable[[], None]], when_cart: Callable[[], bool]) -> None:
        """keys: plain shortcuts; cart_keys: claimed from the window while when_cart()."""
        super().__init__(screen)
        self.cart_keys = cart_keys
        self.when_cart = when_cart
        self.shortcuts: list[QShortcut] = []
        for key, handler in keys.items():
            shortcut = QShortcut(QKeySequence(key), screen)
            shortcut.setContext(Qt.ShortcutContext.WindowShortcut)
            shortcut.activated.connect(handler)
            self.shortcuts.append(shortcut)

    def watch(self, *widgets: QWidget) -> None:
        for widget in widgets:
            widget.installEventFilter(self)

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        etype = event.type()
        if etype not in (QEvent.Type.ShortcutOverride, QEvent.Type.KeyPress):
            return False
        assert isinstance(event, QKeyEvent)
        key = Qt.Key(event.key())
        if key not in self.cart_keys or event.modifiers() & _MODIFIERS or not self.when_cart():
            return False
        event.accept()
        if etype == QEvent.Type.KeyPress and not event.isAutoRepeat():
            self.cart_keys[key]()
        return True
