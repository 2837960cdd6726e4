"""The Pickup screen's camera: a real CameraSource playing an MJPG video of a demo order's QR
(the same cv2.VideoCapture path as a webcam), no camera at all, and the camera switched off.
The camera runs on its own threads; the screen's service calls run inline."""
from __future__ import annotations

import os
import threading
from collections.abc import Iterator
from pathlib import Path

import cv2
import numpy as np
import pytest
import qrcode
from PySide6.QtCore import Qt

from app.actors import Actor
from app.bootstrap import AppContext, bootstrap
from app.clock import FixedClock
from app.demo_seed import DemoSummary, seed_demo
from app.pickups import VerdictState
from ui.main_window import MainWindow
from ui.pickup.camera_bridge import CameraBridge, camera_choice
from ui.pickup.camera_preview import CameraPreview
from ui.screens.pickup_screen import PickupScreen
from ui.tasks import runner

FRAME_SIZE = (640, 480)


@pytest.fixture
def ctx(db_path: Path, clock: FixedClock) -> Iterator[AppContext]:
    context = bootstrap(db_path.parent, clock=clock, take_lock=False)
    context.settings.camera_index = -1
    context.extras["demo"] = seed_demo(context.db, now=clock.now(), calendar=context.calendar)
    yield context
    runner().wait(5_000)
    context.close()


@pytest.fixture
def actor(ctx: AppContext) -> Actor:
    return ctx.station.actor("03")


@pytest.fixture
def demo(ctx: AppContext) -> DemoSummary:
    summary = ctx.extras["demo"]
    assert isinstance(summary, DemoSummary)
    return summary


def qr_video(path: Path, text: str, *, frames: int = 60) -> Path:
    """An MJPG .avi of a phone screen showing the QR, held still in front of the camera."""
    qr = qrcode.QRCode(error_correction=qrcode.constants.ERROR_CORRECT_M, box_size=6, border=4)
    qr.add_data(text)
    qr.make(fit=True)
    code = np.array(qr.make_image().convert("L"), dtype=np.uint8)
    frame = np.full((FRAME_SIZE[1], FRAME_SIZE[0], 3), 90, dtype=np.uint8)  # a grey counter
    h, w = code.shape
    y, x = (FRAME_SIZE[1] - h) // 2, (FRAME_SIZE[0] - w) // 2
    frame[y:y + h, x:x + w] = code[..., None]
    writer = cv2.VideoWriter(str(path), cv2.VideoWriter_fourcc(*"MJPG"), 30.0, FRAME_SIZE)
    assert writer.isOpened(), "OpenCV cannot write MJPG here"
    try:
        for _ in range(frames):
            writer.write(frame)
    finally:
        writer.release()
    return path


def pickup_screen(window: MainWindow) -> PickupScreen:
    window.show_screen(1)
    screen = window.current_screen()
    assert isinstance(screen, PickupScreen)
    return screen


def shots_dir() -> Path | None:
    folder = os.environ.get("UI_SHOTS_DIR")
    return Path(folder) if folder else None


def test_the_camera_reads_a_demo_order_and_the_verdict_appears(qtbot, window, inline_tasks, ctx, demo, tmp_path):
    ready = demo.ready_orders[0]
    ctx.settings.camera_source = str(qr_video(tmp_path / "counter.avi", ready.qr_text))
    screen = window.screen("pickup")
    assert isinstance(screen, PickupScreen)
    beeps: list[int] = []
    screen.beep = lambda: beeps.append(1)
    screen = pickup_screen(window)
    assert screen.camera.running
    qtbot.waitUntil(lambda: screen.panel.verdict is not None, timeout=15_000)
    verdict = screen.panel.verdict
    assert verdict is not None and verdict.state is VerdictState.READY
    assert verdict.order_id == ready.order_id and verdict.method == "qr"
    assert beeps and screen.preview.reads == 1
    qtbot.waitUntil(lambda: screen.preview.picture.image is not None, timeout=5_000)
    assert screen.preview.state == CameraPreview.LIVE
    assert screen.preview.hint_text() == ""
    # The code stays in view (the video loops): it is not read again.
    source = screen.camera.source
    assert source is not None
    decoded = source.frames_decoded
    qtbot.waitUntil(lambda: source.frames_decoded >= decoded + 10, timeout=10_000)
    assert screen.preview.reads == 1 and len(beeps) == 1
    if (folder := shots_dir()) is not None:
        folder.mkdir(parents=True, exist_ok=True)
        window.grab().save(str(folder / "12_camera_read.png"), "PNG")

    window.show_screen(0)  # leaving the screen stops the camera
    assert not screen.camera.running
    qtbot.waitUntil(lambda: not source.running, timeout=5_000)
    assert not [t for t in threading.enumerate() if t.name.startswith("camera-")]
    window.show_screen(1)  # and coming back starts it again
    assert screen.camera.running and screen.camera.source is not source


def test_no_camera_is_a_plain_hint_and_typing_still_works(qtbot, window, inline_tasks, ctx, demo):
    ctx.settings.camera_index = 99
    screen = pickup_screen(window)
    qtbot.waitUntil(lambda: screen.preview.state == CameraPreview.UNAVAILABLE, timeout=5_000)
    hint = screen.preview.hint_text()
    assert "99" in hint and "扫码枪" in hint
    assert screen.preview.status.text() == "摄像头：无"
    assert not screen.camera.running
    if (folder := shots_dir()) is not None:
        folder.mkdir(parents=True, exist_ok=True)
        window.grab().save(str(folder / "13_no_camera.png"), "PNG")
    ready = demo.ready_orders[0]
    screen.entry.setFocus()
    qtbot.keyClicks(screen.entry, ready.pickup_code)
    qtbot.keyClick(screen.entry, Qt.Key.Key_Return)
    verdict = screen.panel.verdict
    assert verdict is not None and verdict.state is VerdictState.READY and verdict.order_id == ready.order_id


def test_a_camera_switched_off_in_settings_is_not_opened(qtbot, window, inline_tasks, ctx):
    assert camera_choice(ctx.settings) is None
    screen = pickup_screen(window)
    assert screen.preview.state == CameraPreview.OFF
    assert not screen.camera.running
    assert "设置" in screen.preview.hint_text()


def test_a_stand_in_source_wins_over_the_camera_number(ctx):
    ctx.settings.camera_index = 2
    assert camera_choice(ctx.settings) == 2
    ctx.settings.camera_source = " /tmp/demo-camera "
    assert camera_choice(ctx.settings) == "/tmp/demo-camera"


class _FakeSource:
    """The device edge only: what CameraSource calls back, driven by the test."""

    def __init__(self, source, **callbacks) -> None:
        self.source = source
        self.callbacks = callbacks
        self.running = False

    def start(self) -> None:
        self.running = True

    def stop(self, timeout: float = 5.0) -> None:
        self.running = False


def test_the_bridge_brings_reads_to_the_gui_thread_and_drops_a_stopped_sources(qtbot, inline_tasks):
    made: list[_FakeSource] = []
    bridge = CameraBridge(factory=lambda source, **kw: made.append(_FakeSource(source, **kw)) or made[-1])
    got: list[tuple[str, bool]] = []
    frames: list[tuple[int, int]] = []
    bridge.decoded.connect(lambda text: got.append((text, threading.current_thread() is threading.main_thread())))
    bridge.frame.connect(lambda image: frames.append((image.width(), image.height())))
    bridge.start(0)
    first = made[0]
    worker = threading.Thread(target=lambda: (
        first.callbacks["on_frame"](np.zeros((48, 64, 3), dtype=np.uint8)),
        first.callbacks["on_decoded"]("CS1ABC"),
    ))
    worker.start()
    worker.join()
    qtbot.waitUntil(lambda: bool(got and frames), timeout=2_000)
    assert got == [("CS1ABC", True)] and frames == [(64, 48)]
    bridge.stop()
    assert not first.running and not bridge.running
    first.callbacks["on_decoded"]("CS1LATE")  # a read that was on its way when the screen hid
    qtbot.wait(50)
    assert got == [("CS1ABC", True)]
