"""Shared pieces of the Counter screen tests (no tests here): a data folder seeded with the demo
store (app.demo_seed: 300 products with KNOWN_BARCODES, owner 01 and clerk 02 with PINs), the
real window on it, and small helpers. Test modules import the fixtures (shop_fixture … are named shop, owner, clerk, counter_window)."""
from __future__ import annotations

import shutil
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from app.actors import Actor
from app.bootstrap import AppContext, bootstrap
from app.clock import FixedClock
from app.demo_seed import DEMO_STAFF, KNOWN_BARCODES, SHOP_CODES, ean13_check_digit, seed_demo
from ui.counter.dialog_base import CounterDialog
from ui.counter.services import counter_services
from ui.main_window import MainWindow
from ui.screens.counter_screen import CounterScreen
from ui.tasks import runner

COLA = KNOWN_BARCODES["可口可乐 330ml"]  # ¥3.00
WATER = KNOWN_BARCODES["农夫山泉饮用天然水 550ml"]  # ¥2.00
OIL = KNOWN_BARCODES["金龙鱼大豆油 5L"]  # ¥69.90
GUM_EAN8 = KNOWN_BARCODES["绿箭口香糖 5片装"]  # ¥1.50
BAG_SHORT = SHOP_CODES["购物袋(大)"]  # ¥0.30
WECHAT_CODE = "134567890123456789"  # 18 digits starting 13: a customer's WeChat Pay code
ALIPAY_CODE = "281234567890123456"
PINS = {p.staff_no: p.pin for p in DEMO_STAFF}
T0 = datetime(2026, 11, 25, 2, 0, tzinfo=UTC)  # the `clock` fixture's morning


def ean13(first12: str) -> str:
    return first12 + str(ean13_check_digit(first12))


_demo_folders: list[Path] = []


def demo_folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A data folder with the demo store, seeded once in the session and copied per test."""
    if not _demo_folders:
        folder = tmp_path_factory.mktemp("counter-demo") / "data"
        ctx = bootstrap(folder, clock=FixedClock(T0), take_lock=False)
        try:
            seed_demo(ctx.db, now=T0, calendar=ctx.calendar)
        finally:
            ctx.close()
        _demo_folders.append(folder)
    return _demo_folders[0]


@pytest.fixture(name="shop")
def shop_fixture(tmp_path: Path, clock: FixedClock,
                 tmp_path_factory: pytest.TempPathFactory) -> Iterator[AppContext]:
    """The demo store in its own data folder; receipts are saved (printer kind "none")."""
    shutil.copytree(demo_folder(tmp_path_factory), tmp_path / "data")
    ctx = bootstrap(tmp_path / "data", clock=clock, take_lock=False)
    ctx.settings.printer_kind = "none"
    yield ctx
    runner().wait(5_000)
    ctx.close()


@pytest.fixture(name="owner")
def owner_fixture(shop: AppContext) -> Actor:
    return shop.station.actor("01")  # 王秀英, owner


@pytest.fixture(name="clerk")
def clerk_fixture(shop: AppContext) -> Actor:
    return shop.station.actor("02")  # 李明, clerk


def open_window(qtbot, ctx: AppContext, actor: Actor) -> MainWindow:
    win = MainWindow(ctx, actor)
    qtbot.addWidget(win)
    win.resize(1366, 768)
    win.show()
    qtbot.waitExposed(win)
    win.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is win, timeout=3_000)
    counter(win).cart.focus_search()
    return win


@pytest.fixture(name="counter_window")
def counter_window_fixture(qtbot, zh: None, shop: AppContext, owner: Actor) -> Iterator[MainWindow]:
    """The real window on the demo store, the owner on duty, the Counter in front."""
    win = open_window(qtbot, shop, owner)
    yield win
    close_dialogs()
    win.close()


def close_dialogs() -> None:
    for widget in QApplication.topLevelWidgets():
        if isinstance(widget, CounterDialog) and widget.isVisible():
            widget.busy = False
            widget.reject()


def counter(win: MainWindow) -> CounterScreen:
    screen = win.screen("counter")
    assert isinstance(screen, CounterScreen)
    return screen


def open_till(ctx: AppContext, actor: Actor, float_fen: int = 20_000) -> None:
    counter_services(ctx).till.open_till(float_fen=float_fen, actor=actor)


def cart_lines(win: MainWindow) -> list[tuple[str, int, int]]:
    """(name, qty, line total fen) of each line in the Counter's cart."""
    return [(x.name, x.qty, x.line_total_fen) for x in counter(win).cart.ctl.cart.lines]


def dialog_of(qtbot, win: MainWindow, cls: type) -> CounterDialog:
    """Wait until a `cls` dialog of the window is open, and return it (the newest)."""
    found: list[CounterDialog] = []

    def is_open() -> bool:
        found[:] = [w for w in QApplication.topLevelWidgets()
                    if isinstance(w, cls) and w.isVisible() and w.window() is not win]
        return bool(found)

    qtbot.waitUntil(is_open, timeout=3_000)
    return found[-1]


def press(qtbot, win: MainWindow, key: Qt.Key) -> None:
    """A function key on the Counter, once the window is active again (a dialog just closed)."""
    qtbot.waitUntil(lambda: QApplication.activeWindow() is win and QApplication.activeModalWidget() is None,
                    timeout=3_000)
    qtbot.keyClick(QApplication.focusWidget() or counter(win).view.search, key)


def scan(keys, win: MainWindow, text: str) -> None:
    """A scanner burst (4 ms a key, then Enter) into whatever has focus."""
    keys.send(keys.focus(win), keys.events(text, gap_ms=4))
