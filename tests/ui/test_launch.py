"""run_gui end to end, in a child process (it owns its QApplication and event loop): the PIN
sign-in comes first, with the given staff member chosen beforehand."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from ui.launch import EXIT_NO_STAFF

ROOT = Path(__file__).resolve().parents[2]

CHILD = r"""
import sys
from pathlib import Path
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
from app.bootstrap import bootstrap
from ui.launch import grab_screens, run_gui
from ui.main_window import MainWindow
from ui.sign_in_dialog import SignInDialog

data_dir, shots, mode = Path(sys.argv[1]), Path(sys.argv[2]), sys.argv[3]
app = QApplication(sys.argv[:1])
ctx = bootstrap(data_dir, take_lock=False)
PINS = {"001": "4826", "002": "5937"}
if mode != "nostaff":
    owner = ctx.staff.set_up_first_owner(staff_no="001", pin=PINS["001"])
    ctx.staff.reset_pin(actor=owner, staff_no="002", new_pin=PINS["002"])

def main_window():
    return next((w for w in app.topLevelWidgets() if isinstance(w, MainWindow) and w.isVisible()), None)

def poke():
    modal = app.activeModalWidget()
    if isinstance(modal, SignInDialog):
        if mode == "choose":
            modal.staff_list.select_staff_no("002")
        modal.pin.setText(PINS[modal.staff_list.chosen().staff_no])
        modal.submit()
    elif modal is not None:
        print("MODAL", modal.text() if hasattr(modal, "text") else type(modal).__name__, flush=True)
        modal.done(0)
    window = main_window()
    if window is None:
        QTimer.singleShot(100, poke)
        return
    print("ACTOR", window.actor.staff_no, flush=True)
    print("MAXIMIZED", window.isMaximized(), flush=True)
    print("TITLE", window.nav.buttons[0].text(), flush=True)
    print("SHOTS", len(grab_screens(window, shots)), flush=True)
    app.quit()

QTimer.singleShot(200, poke)
staff_no = {"given": "001", "choose": None, "nostaff": None}[mode]
code = run_gui(ctx, staff_no=staff_no, lang="en" if mode == "given" else None)
print("CODE", code, flush=True)
ctx.close()
"""


def run_child(data_dir: Path, shots: Path, mode: str) -> dict[str, str]:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", PYTHONPATH=str(ROOT))
    result = subprocess.run(
        [sys.executable, "-c", CHILD, str(data_dir), str(shots), mode],
        capture_output=True, text=True, timeout=120, env=env, cwd=ROOT,
    )
    assert "Traceback" not in result.stderr, result.stderr
    lines = dict(line.split(" ", 1) for line in result.stdout.splitlines() if " " in line)
    assert "CODE" in lines, result.stdout + result.stderr
    return lines


@pytest.mark.slow
def test_run_gui_with_a_staff_number_opens_the_window_maximized(ctx, tmp_path):
    out = run_child(ctx.data_dir, tmp_path / "shots", "given")
    assert out["CODE"] == "0"
    assert out["ACTOR"] == "001"
    assert out["MAXIMIZED"] == "True"
    assert out["TITLE"].startswith("Counter")  # lang="en" for this run
    assert out["SHOTS"] == "6"
    assert len(list((tmp_path / "shots").glob("*.png"))) == 6


@pytest.mark.slow
def test_run_gui_asks_who_is_on_duty_with_a_pin(ctx, tmp_path):
    out = run_child(ctx.data_dir, tmp_path / "shots", "choose")
    assert out["CODE"] == "0"
    assert out["ACTOR"] == "002"
    assert out["TITLE"].startswith("收银")


@pytest.mark.slow
def test_run_gui_without_staff_says_so_and_exits(db_path, tmp_path):
    out = run_child(db_path.parent, tmp_path / "shots", "nostaff")
    assert out["CODE"] == str(EXIT_NO_STAFF)
    assert "没有员工" in out["MODAL"]
