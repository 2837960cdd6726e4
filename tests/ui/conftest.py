"""Fixtures for the window tests: a real data folder with a station and two staff members,
the app's fonts, translations and style on the session's QApplication, key-event helpers."""
from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from types import SimpleNamespace

import pytest
from PySide6.QtCore import QCoreApplication, QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QWidget

from app.actors import Actor
from app.bootstrap import AppContext, bootstrap
from app.clock import FixedClock
from local_db.models import Staff, Station
from ui.i18n import apply_language
from ui.launch import prepare_app
from ui.main_window import MainWindow
from ui.scanner_input import normalize_scan_text
from ui.tasks import runner, use_inline_tasks


@pytest.fixture(scope="session")
def gui_app(qapp: QApplication) -> QApplication:
    """The session's QApplication dressed as run_gui dresses it (font, Chinese, style)."""
    prepare_app(qapp, "zh_CN")
    return qapp


@pytest.fixture
def zh(gui_app: QApplication) -> Iterator[None]:
    """Chinese for the test, and again after it whatever it switched to."""
    apply_language("zh_CN")
    yield
    apply_language("zh_CN")


@pytest.fixture
def ctx(db_path: Path, clock: FixedClock) -> Iterator[AppContext]:
    """bootstrap() on a tmp data folder (its station.db is db_path) with a station and staff."""
    context = bootstrap(db_path.parent, clock=clock, take_lock=False)
    with context.db.write() as uow:
        uow.session.add(Station(id=7, code="ST007", name="幸福里自提点"))
        uow.session.add(Staff(staff_no="001", name="王芳", roles="owner,leader", created_at=datetime(2026, 1, 5)))
        uow.session.add(Staff(staff_no="002", name="李强", roles="clerk", created_at=datetime(2026, 3, 1)))
        uow.commit()
    yield context
    if QCoreApplication.instance() is not None:  # tests that run the window in a child have none
        runner().wait(5_000)
    context.close()


@pytest.fixture
def actor(ctx: AppContext) -> Actor:
    return ctx.station.actor("001")


@pytest.fixture
def inline_tasks() -> Iterator[None]:
    with use_inline_tasks():
        yield


@pytest.fixture
def window(qtbot, zh: None, ctx: AppContext, actor: Actor) -> Iterator[MainWindow]:
    win = MainWindow(ctx, actor)
    qtbot.addWidget(win)
    win.resize(1366, 768)
    win.show()
    qtbot.waitExposed(win)
    yield win
    win.close()


# --- key events with their own timestamps, as a device makes them ----------------------------


def key_for(char: str) -> Qt.Key:
    ascii_char = normalize_scan_text(char).upper()
    return Qt.Key(ord(ascii_char))


def key_events(text: str, *, start_ms: int = 100_000, gap_ms: int = 4, end: Qt.Key | None = Qt.Key.Key_Return,
               shift_upper: bool = False) -> list[QKeyEvent]:
    """Press/release events typing text with gap_ms between keys, then `end` (Enter)."""
    events: list[QKeyEvent] = []
    t = start_ms

    def press_release(key: Qt.Key, char: str, mods: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier) -> None:
        for kind, dt in ((QEvent.Type.KeyPress, 0), (QEvent.Type.KeyRelease, 1)):
            ev = QKeyEvent(kind, key, mods, char)
            ev.setTimestamp(t + dt)
            events.append(ev)

    for char in text:
        if shift_upper and char.isupper():
            press_release(Qt.Key.Key_Shift, "", Qt.KeyboardModifier.ShiftModifier)
            press_release(key_for(char), char, Qt.KeyboardModifier.ShiftModifier)
        else:
            press_release(key_for(char), char)
        t += gap_ms
    if end is not None:
        press_release(end, "\r" if end in (Qt.Key.Key_Return, Qt.Key.Key_Enter) else "\t")
    return events


def focus_target(fallback: QWidget) -> QWidget:
    return QApplication.focusWidget() or fallback


def send_all(target: QWidget, events: list[QKeyEvent]) -> None:
    for ev in events:
        QCoreApplication.sendEvent(target, ev)


def post_all(target: QWidget, events: list[QKeyEvent]) -> None:
    for ev in events:
        QCoreApplication.postEvent(target, ev)


@pytest.fixture
def keys() -> SimpleNamespace:
    """Key-event helpers: keys.events(text, gap_ms=...), keys.send(w, evs), keys.post(w, evs)."""
    return SimpleNamespace(events=key_events, send=send_all, post=post_all, focus=focus_target)
