"""A real X server (Xvfb) and xdotool typing like a scanner and like a person.

Here the key events come from the X server with its own timestamps, through Qt's xcb
plugin, as at a shop's counter. Skipped where Xvfb or xdotool is missing.
"""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SCANNER_BURST = ROOT.parent / "shared" / "tools" / "scanner-burst"

pytestmark = [
    pytest.mark.xvfb,
    pytest.mark.skipif(not (shutil.which("Xvfb") and shutil.which("xdotool")), reason="needs Xvfb and xdotool"),
]

CHILD = r"""
import sys, time
from pathlib import Path
from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QLineEdit
from ui.scanner_input import ScannerInput

done, mode = Path(sys.argv[1]), sys.argv[2]
app = QApplication(sys.argv[:1])
edit = QLineEdit()
edit.resize(500, 60)
edit.show()
edit.activateWindow()
edit.setFocus()
scanner = ScannerInput()
scanner.install()
scanner.scanned.connect(lambda text: print("SCAN", text, flush=True))


class FreezeAfterFirstKey(QObject):
    # Blocks the GUI thread for 250 ms right after the first key was handled, as a slow
    # screen update would: the rest of the burst waits in the queue.
    fired = False

    def eventFilter(self, obj, event):
        if not self.fired and event.type() == QEvent.Type.KeyPress and event.text():
            self.fired = True
            QTimer.singleShot(0, lambda: time.sleep(0.25))
        return False


if mode == "freeze":
    freezer = FreezeAfterFirstKey()
    app.installEventFilter(freezer)  # installed last, so it sees the key before the scanner


def poll():
    if done.exists():
        print("TEXT", edit.text(), flush=True)
        app.quit()
    else:
        QTimer.singleShot(30, poll)


def ready():
    if QApplication.focusWidget() is edit:
        print("READY", flush=True)
    else:
        edit.activateWindow()
        edit.setFocus()
        QTimer.singleShot(50, ready)


QTimer.singleShot(100, ready)
poll()
app.exec()
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


def run(display: str, tmp_path: Path, mode: str, *commands: list[str]) -> dict[str, list[str]]:
    done = tmp_path / f"done-{mode}"
    env = dict(os.environ, DISPLAY=display, QT_QPA_PLATFORM="xcb", PYTHONPATH=str(ROOT))
    child = subprocess.Popen(
        [sys.executable, "-c", CHILD, str(done), mode], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
        text=True, env=env, cwd=ROOT,
    )
    try:
        assert child.stdout is not None
        line = child.stdout.readline()
        if line.strip() != "READY":
            child.kill()
            _out, err = child.communicate()
            pytest.skip(f"the Qt xcb window did not start here: {line!r} {err[-500:]}")
        for command in commands:
            subprocess.run(command, check=True, env=env, timeout=30)
        time.sleep(0.4)
        done.touch()
        out, err = child.communicate(timeout=30)
    finally:
        if child.poll() is None:
            child.kill()
    lines: dict[str, list[str]] = {}
    for entry in out.splitlines():
        key, _, value = entry.partition(" ")
        lines.setdefault(key, []).append(value)
    assert "Traceback" not in err, err
    return lines


def burst(code: str, delay_ms: int = 4) -> list[str]:
    if SCANNER_BURST.exists():
        return ["bash", str(SCANNER_BURST), code, str(delay_ms)]
    return ["sh", "-c", f"xdotool type --delay {delay_ms} -- '{code}' && xdotool key Return"]


def test_a_scanner_burst_is_a_scan_and_types_nothing(display, tmp_path):
    out = run(display, tmp_path, "plain", burst("6901234567892"), burst("CS1ABCDEFG234"))
    assert out.get("SCAN") == ["6901234567892", "CS1ABCDEFG234"]
    assert out["TEXT"] == [""]


def test_a_person_typing_reaches_the_line_edit(display, tmp_path):
    out = run(display, tmp_path, "plain", ["xdotool", "type", "--delay", "150", "abc123"],
              ["xdotool", "type", "--delay", "70", "xyz"])
    assert "SCAN" not in out
    assert out["TEXT"] == ["abc123xyz"]


def test_a_burst_during_a_frozen_gui_is_still_a_scan(display, tmp_path):
    out = run(display, tmp_path, "freeze", burst("6901234567892"))
    assert out.get("SCAN") == ["6901234567892"]
    assert out["TEXT"] == [""]
