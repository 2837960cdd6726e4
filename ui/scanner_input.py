"""Tell a USB barcode scanner from a person typing, and route its codes, whatever has focus.

A scanner in keyboard-wedge mode "types" a whole code in a burst — a key every 1–10 ms —
and ends it with Enter (some with Tab). A person types a key every 100–250 ms. The two are
told apart by the key events' own timestamps (QKeyEvent.timestamp(), set by the window
system when the key was pressed), not by when the GUI thread gets round to them: if the
GUI is busy for 200 ms, the burst waits in the queue and still arrives 4 ms apart.

Installed as an application-wide event filter, ScannerInput holds back the first printable
key for a moment. If the next key follows within `max_gap_ms` it is a burst: its keys are
swallowed (they never reach the focused line edit) and on Enter/Tab the code is emitted as
`scanned(text)`. If no burst follows, the held key is replayed to the widget it was meant
for, so typing works as usual, only a few tens of milliseconds later.

A Chinese input method may turn keys into QInputMethodEvent commits (full-width digits
１２３ in full-width mode): commits of plain characters count as part of a burst too, and
input methods are switched off on the focused widget while a burst is captured. Full-width
characters are normalised (NFKC) to ASCII.

Key events without a timestamp (0) come from programs, not devices (QTest, qtbot.keyClicks),
and are let through untouched. To simulate a scanner in a test, give the events timestamps.
"""
from __future__ import annotations

import logging
import time
import unicodedata
from dataclasses import dataclass, field

import shiboken6
from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QGuiApplication, QInputMethodEvent, QKeyEvent
from PySide6.QtWidgets import QApplication, QWidget

log = logging.getLogger(__name__)

TERMINATORS = {Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Tab}
MODIFIER_KEYS = {
    Qt.Key.Key_Shift, Qt.Key.Key_Control, Qt.Key.Key_Alt, Qt.Key.Key_Meta,
    Qt.Key.Key_AltGr, Qt.Key.Key_CapsLock, Qt.Key.Key_NumLock,
}
_BLOCKING_MODS = (
    Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier
    | Qt.KeyboardModifier.MetaModifier
)


def normalize_scan_text(text: str) -> str:
    """Full-width forms (１２３ＡＢ) become ASCII; the rest is kept."""
    return unicodedata.normalize("NFKC", text)


def _scan_chars(text: str) -> str | None:
    """text as scan characters (printable ASCII, no space), or None if it is anything else."""
    norm = normalize_scan_text(text)
    if norm and all("!" <= c <= "~" for c in norm):
        return norm
    return None


@dataclass
class _Item:
    text: str
    wall_ms: float
    timestamp: int | None  # the key event's own time; None for input-method commits
    key: int | None = None
    events: list[QEvent] = field(default_factory=list)  # to replay if it was typing
    released: bool = False


def _copy_key_event(ev: QKeyEvent) -> QKeyEvent:
    copy = QKeyEvent(
        ev.type(), ev.key(), ev.modifiers(), ev.nativeScanCode(), ev.nativeVirtualKey(),
        ev.nativeModifiers(), ev.text(), ev.isAutoRepeat(), ev.count(),
    )
    copy.setTimestamp(ev.timestamp())
    return copy


def _copy_commit(ev: QInputMethodEvent) -> QInputMethodEvent:
    copy = QInputMethodEvent()
    copy.setCommitString(ev.commitString())
    return copy


class ScannerInput(QObject):
    """The one scanner listener of the application. Connect to `scanned`."""

    scanned = Signal(str)

    def __init__(
        self,
        parent: QObject | None = None,
        *,
        max_gap_ms: int = 35,
        min_length: int = 4,
        hold_ms: int = 60,
        max_length: int = 1024,
    ) -> None:
        """max_gap_ms: longest pause between two keys of one burst (by event timestamps).
        min_length: shortest code accepted as a scan. hold_ms: how long (wall clock) the
        first key is held back waiting for a burst before it is handed on as typing."""
        super().__init__(parent)
        self.max_gap_ms = max_gap_ms
        self.min_length = min_length
        self.hold_ms = hold_ms
        self.max_length = max_length
        self._items: list[_Item] = []
        self._target: QWidget | None = None
        self._im_disabled_on: QWidget | None = None
        self._swallow_release: set[int] = set()
        self._replaying = False
        self._armed_at = 0.0
        self._rearmed = False
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self._on_timeout)

    # --- installing -----------------------------------------------------------------------

    def install(self) -> None:
        app = QCoreApplication.instance()
        if app is None:
            raise RuntimeError("ScannerInput.install needs a QApplication")
        app.installEventFilter(self)

    def uninstall(self) -> None:
        app = QCoreApplication.instance()
        if app is not None:
            app.removeEventFilter(self)
        self._flush()

    @property
    def capturing(self) -> bool:
        """True while keys are being held back (a possible or certain burst)."""
        return bool(self._items)

    # --- the filter -----------------------------------------------------------------------

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        etype = event.type()
        if etype not in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease, QEvent.Type.InputMethod):
            return False
        if self._replaying or not isinstance(obj, QWidget):
            return False
        try:
            if etype == QEvent.Type.KeyPress:
                return self._key_press(obj, event)  # type: ignore[arg-type]
            if etype == QEvent.Type.KeyRelease:
                return self._key_release(event)  # type: ignore[arg-type]
            return self._input_method(obj, event)  # type: ignore[arg-type]
        except Exception:  # a bug here must never eat the keyboard
            log.exception("scanner filter failed; letting keys through")
            self._reset()
            return False

    def _key_press(self, obj: QWidget, ev: QKeyEvent) -> bool:
        ts = ev.timestamp()
        if ts == 0:
            return False  # made by a program, not typed on a device
        key = ev.key()
        if key in MODIFIER_KEYS:
            return False  # Shift inside a burst (upper-case letters) neither breaks nor joins it
        if ev.isAutoRepeat():
            self._flush()
            return False
        chars = None if ev.modifiers() & _BLOCKING_MODS else _scan_chars(ev.text())
        wall = _now_ms()
        if self._items:
            fast = self._gap(ts, wall) <= self.max_gap_ms
            if fast and chars is not None:
                self._add(_Item(chars, wall, ts, key, [_copy_key_event(ev)]))
                return True
            if fast and key in TERMINATORS and self._length() >= self.min_length:
                self._swallow_release.add(key)
                self._finish_scan()
                return True
            self._end_unterminated()
        if chars is None:
            return False
        self._start(obj, _Item(chars, wall, ts, key, [_copy_key_event(ev)]))
        return True

    def _key_release(self, ev: QKeyEvent) -> bool:
        if ev.timestamp() == 0 or ev.isAutoRepeat():
            return False
        key = ev.key()
        if key in self._swallow_release:
            self._swallow_release.discard(key)
            return True
        for item in reversed(self._items):
            if item.key == key and not item.released:
                item.events.append(_copy_key_event(ev))
                item.released = True
                return True
        return False

    def _input_method(self, obj: QWidget, ev: QInputMethodEvent) -> bool:
        commit = ev.commitString()
        chars = _scan_chars(commit) if commit else None
        if chars is None or ev.preeditString() or ev.replacementLength():
            if commit or ev.preeditString():
                self._end_unterminated()
            return False
        wall = _now_ms()
        item = _Item(chars, wall, None, None, [_copy_commit(ev)], released=True)
        if self._items:
            if self._gap(None, wall) <= self.max_gap_ms:
                self._add(item)
                return True
            self._end_unterminated()
        self._start(obj, item)
        return True

    # --- state ----------------------------------------------------------------------------

    def _gap(self, ts: int | None, wall: float) -> float:
        last = self._items[-1]
        if ts is not None and last.timestamp is not None:
            gap = ts - last.timestamp
            return gap if gap >= 0 else float("inf")  # the window system's clock wrapped
        return wall - last.wall_ms

    def _length(self) -> int:
        return sum(len(i.text) for i in self._items)

    def _start(self, target: QWidget, item: _Item) -> None:
        self._items = [item]
        self._target = target
        self._arm()

    def _add(self, item: _Item) -> None:
        self._items.append(item)
        if len(self._items) == 2:
            self._disable_input_method()
        if self._length() > self.max_length:
            log.warning("key burst longer than %d characters dropped", self.max_length)
            self._reset()
            return
        self._arm()

    def _arm(self) -> None:
        self._armed_at = _now_ms()
        self._rearmed = False
        self._timer.start(self.hold_ms)

    def _on_timeout(self) -> None:
        if not self._items:
            return
        late = _now_ms() - self._armed_at > self.hold_ms * 2
        if late and not self._rearmed:
            # The GUI thread was busy: keys typed meanwhile may still be queued behind this
            # timer. Give them one more turn of the event loop before deciding.
            self._rearmed = True
            self._timer.start(self.hold_ms)
            return
        self._end_unterminated()

    def _end_unterminated(self) -> None:
        """The keys stopped (or a slow key came) without Enter: a scanner without a suffix
        if it was a long burst, otherwise typing to hand on."""
        if len(self._items) >= 2 and self._length() >= self.min_length:
            self._finish_scan()
        else:
            self._flush()

    def _finish_scan(self) -> None:
        text = "".join(i.text for i in self._items)
        for item in self._items:
            if not item.released and item.key is not None:
                self._swallow_release.add(item.key)
        self._reset()
        log.debug("scan of %d characters", len(text))
        self.scanned.emit(text)

    def _flush(self) -> None:
        """Hand the held keys on, in order, to the widget they were typed into."""
        items, target = self._items, self._target
        self._reset()
        if not items:
            return
        if target is None or not shiboken6.isValid(target):
            target = QApplication.focusWidget()
        if target is None:
            return
        self._replaying = True
        try:
            for item in items:
                for ev in item.events:
                    QCoreApplication.sendEvent(target, ev)
        finally:
            self._replaying = False

    def _reset(self) -> None:
        self._timer.stop()
        self._items = []
        self._target = None
        self._restore_input_method()

    def _disable_input_method(self) -> None:
        target = self._target
        if target is None or not shiboken6.isValid(target):
            return
        if target.testAttribute(Qt.WidgetAttribute.WA_InputMethodEnabled):
            target.setAttribute(Qt.WidgetAttribute.WA_InputMethodEnabled, False)
            self._im_disabled_on = target
            QGuiApplication.inputMethod().update(Qt.InputMethodQuery.ImEnabled)

    def _restore_input_method(self) -> None:
        widget, self._im_disabled_on = self._im_disabled_on, None
        if widget is not None and shiboken6.isValid(widget):
            widget.setAttribute(Qt.WidgetAttribute.WA_InputMethodEnabled, True)
            QGuiApplication.inputMethod().update(Qt.InputMethodQuery.ImEnabled)


def _now_ms() -> float:
    return time.monotonic() * 1000.0
