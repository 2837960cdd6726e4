"""The real Counter window on a real X server (Xvfb): ../shared/tools/scanner-burst types two
barcodes like a USB scanner, a person's keys (xdotool) take the payment, and the sale is in
the database. Skipped where Xvfb or xdotool is missing."""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest

from app.bootstrap import bootstrap
from app.clock import FixedClock
from app.demo_seed import KNOWN_BARCODES, seed_demo
from ui.counter.services import counter_services

ROOT = Path(__file__).resolve().parents[2]
SCANNER_BURST = ROOT.parent / "shared" / "tools" / "scanner-burst"
COLA = KNOWN_BARCODES["可口可乐 330ml"]
WATER = KNOWN_BARCODES["农夫山泉饮用天然水 550ml"]

pytestmark = [
    pytest.mark.xvfb,
    pytest.mark.skipif(not (shutil.which("Xvfb") and shutil.which("xdotool")), reason="needs Xvfb and xdotool"),
]

CHILD = r"""
import json, sys
from pathlib import Path
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
from app.bootstrap import bootstrap
from ui.launch import application, prepare_app
from ui.main_window import MainWindow
from ui.counter.services import counter_services

data, done = Path(sys.argv[1]), Path(sys.argv[2])
ctx = bootstrap(data, take_lock=False)
app = application()
prepare_app(app, "zh_CN")
win = MainWindow(ctx, ctx.station.actor("01"))
win.resize(1366, 768)
win.show()
win.activateWindow()
screen = win.screen("counter")
state = {"lines_seen": []}


def watch():
    lines = [[x.name, x.qty] for x in screen.cart.ctl.cart.lines]
    if lines and lines != state["lines_seen"][-1:]:
        state["lines_seen"].append(lines)
    if done.exists():
        print("SEEN", json.dumps(state["lines_seen"], ensure_ascii=False), flush=True)
        print("SEARCH", json.dumps(screen.view.search.text()), flush=True)
        print("CART", json.dumps([[x.name, x.qty] for x in screen.cart.ctl.cart.lines], ensure_ascii=False),
              flush=True)
        app.quit()
    else:
        QTimer.singleShot(20, watch)


def ready():
    if QApplication.focusWidget() is screen.view.search and QApplication.activeWindow() is win:
        print("READY", flush=True)
    else:
        win.activateWindow()
        screen.view.search.setFocus()
        QTimer.singleShot(50, ready)


QTimer.singleShot(200, ready)
watch()
app.exec()
win.close()
ctx.close()
"""


@pytest.fixture(scope="module")
def display() -> Iterator[str]:
    read_fd, write_fd = os.pipe()
    server = subprocess.Popen(
        ["Xvfb", "-displayfd", str(write_fd), "-screen", "0", "1366x768x24", "-nolisten", "tcp"],
        pass_fds=(write_fd,), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    os.close(write_fd)
    with os.fdopen(read_fd) as pipe:
        number = pipe.readline().strip()
    if not number:
        server.kill()
        pytest.skip("Xvfb did not start")
    try:
        yield f":{number}"
    finally:
        server.terminate()
        server.wait(10)


def burst(code: str) -> list[str]:
    if SCANNER_BURST.exists():
        return ["bash", str(SCANNER_BURST), code, "4"]
    return ["sh", "-c", f"xdotool type --delay 4 -- '{code}' && xdotool key Return"]


def test_scanner_bursts_and_keyboard_checkout_on_a_real_x_server(display, tmp_path):
    data = tmp_path / "data"
    now = datetime.now(UTC)
    ctx = bootstrap(data, clock=FixedClock(now), take_lock=False)
    seed_demo(ctx.db, now=now, calendar=ctx.calendar)
    owner = ctx.station.actor("01")
    counter_services(ctx).till.open_till(float_fen=10_000, actor=owner)
    ctx.settings.printer_kind = "none"
    ctx.settings.save(data)
    ctx.close()

    done = tmp_path / "done"
    env = dict(os.environ, DISPLAY=display, QT_QPA_PLATFORM="xcb", PYTHONPATH=str(ROOT))
    child = subprocess.Popen([sys.executable, "-c", CHILD, str(data), str(done)], stdout=subprocess.PIPE,
                             stderr=subprocess.PIPE, text=True, env=env, cwd=ROOT)
    try:
        assert child.stdout is not None
        line = child.stdout.readline()
        if line.strip() != "READY":
            child.kill()
            _out, err = child.communicate()
            pytest.skip(f"the Qt xcb window did not start here: {line!r} {err[-500:]}")

        def run(*command: str) -> None:
            subprocess.run(list(command), check=True, env=env, timeout=30)

        run(*burst(COLA))
        run(*burst(COLA))
        run(*burst(WATER))
        time.sleep(0.6)
        run("xdotool", "key", "F9")  # 结账
        time.sleep(1.5)
        run("xdotool", "key", "Return")  # exact cash: take the payment
        time.sleep(1.5)
        run("xdotool", "key", "Return")  # 完成: close
        time.sleep(0.5)
        done.touch()
        out, err = child.communicate(timeout=30)
    finally:
        if child.poll() is None:
            child.kill()
    assert "Traceback" not in err, err
    lines: dict[str, str] = {}
    for entry in out.splitlines():
        key, _, value = entry.partition(" ")
        lines[key] = value
    seen = json.loads(lines["SEEN"])
    assert seen[-1] == [["可口可乐 330ml", 2], ["农夫山泉饮用天然水 550ml", 1]], seen
    assert json.loads(lines["SEARCH"]) == ""  # not one digit of a burst reached the search box
    assert json.loads(lines["CART"]) == []  # paid, so the cart is empty again

    ctx = bootstrap(data, clock=FixedClock(now), take_lock=False)
    try:
        sales = counter_services(ctx).sales.find_sales(day=ctx.calendar.business_day(datetime.now(UTC)))
        assert len(sales) == 1 and sales[0].total_fen == 2 * 300 + 200 and sales[0].methods == ("cash",)
        sale = counter_services(ctx).sales.find_sale(sales[0].number)
        assert [(x.name, x.qty) for x in sale.lines] == [("可口可乐 330ml", 2), ("农夫山泉饮用天然水 550ml", 1)]
    finally:
        ctx.close()
