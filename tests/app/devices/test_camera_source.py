"""The pickup camera, fed by MJPG videos through the same cv2.VideoCapture path as a webcam."""
from __future__ import annotations

import threading
import time
from collections.abc import Callable
from pathlib import Path

import numpy as np
import pytest
from qr_scenes import (
    STATION_ID,
    demo_public_keys,
    empty_counter,
    held_up,
    noise_frame,
    pickup_code,
    qr_image,
    scene,
    write_video,
)

from app.devices.camera import (
    CameraDisconnected,
    CameraSource,
    CameraUnavailable,
    PresenceTracker,
    list_cameras,
)
from app.errors import UserFacingError
from sync.pickup_code import verify_pickup_code

FIRST, SECOND = pickup_code(501), pickup_code(502)


class Recorder:
    """Collects what the camera reports, from its worker threads."""

    def __init__(self) -> None:
        self.decoded: list[str] = []
        self.frames: list[tuple[int, ...]] = []
        self.errors: list[UserFacingError] = []
        self.stopped = 0
        self.changed = threading.Condition()

    def on_decoded(self, text: str) -> None:
        with self.changed:
            self.decoded.append(text)
            self.changed.notify_all()

    def on_frame(self, frame: np.ndarray) -> None:
        self.frames.append(frame.shape)

    def on_error(self, error: UserFacingError) -> None:
        self.errors.append(error)

    def on_stopped(self) -> None:
        self.stopped += 1

    def callbacks(self) -> dict[str, Callable[..., None]]:
        return {
            "on_decoded": self.on_decoded,
            "on_frame": self.on_frame,
            "on_error": self.on_error,
            "on_stopped": self.on_stopped,
        }

    def wait_for(self, predicate: Callable[[list[str]], bool], timeout: float = 10.0) -> bool:
        with self.changed:
            return self.changed.wait_for(lambda: predicate(self.decoded), timeout)


@pytest.fixture(scope="module")
def counter_video(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, int]:
    """Nobody; a customer shows FIRST; nobody; FIRST again, then SECOND straight after."""
    frames = (
        empty_counter(6)
        + held_up(qr_image(FIRST), 20, seed=10)
        + empty_counter(10, seed=2000)
        + held_up(qr_image(FIRST), 15, seed=40)
        + held_up(qr_image(SECOND), 15, seed=70)
        + empty_counter(4, seed=3000)
    )
    path = tmp_path_factory.mktemp("camera") / "counter.avi"
    return write_video(path, frames), len(frames)


def test_each_code_is_reported_once_per_appearance_and_verifies(
    counter_video: tuple[Path, int],
) -> None:
    path, frame_count = counter_video
    seen = Recorder()
    camera = CameraSource(
        path,
        **seen.callbacks(),
        fps_limit=None,
        drop_frames=False,  # decode every frame: the same result on any machine
        forget_after_s=0.0,
        forget_after_frames=5,
    )
    camera.start()
    assert camera.wait(30)
    camera.stop()

    assert seen.errors == []
    assert seen.decoded == [FIRST, FIRST, SECOND]
    claims = [verify_pickup_code(text, demo_public_keys()) for text in seen.decoded]
    assert [c.order_id for c in claims] == [501, 501, 502]
    assert {c.station_id for c in claims} == {STATION_ID}
    assert len(seen.frames) == frame_count == camera.frames_decoded
    assert set(seen.frames) == {(720, 1280, 3)}
    assert seen.stopped == 1
    assert not camera.running


def test_at_camera_pace_a_code_held_up_is_reported_once(tmp_path: Path) -> None:
    path = write_video(tmp_path / "held.avi", held_up(qr_image(FIRST), 36, seed=5))
    seen = Recorder()
    # Like a webcam: 60 frames a second, frames dropped while the decoder is busy.
    with CameraSource(path, **seen.callbacks(), fps_limit=60.0) as camera:
        assert camera.wait(20)
    assert seen.decoded == [FIRST]
    assert len(seen.frames) == 36
    assert 1 <= camera.frames_decoded <= 36


def test_garbage_frames_report_nothing(tmp_path: Path) -> None:
    path = write_video(tmp_path / "noise.avi", [noise_frame(i) for i in range(12)])
    seen = Recorder()
    with CameraSource(path, **seen.callbacks(), fps_limit=None, drop_frames=False) as camera:
        assert camera.wait(20)
    assert seen.decoded == []
    assert seen.errors == []
    assert camera.frames_decoded == 12


@pytest.mark.parametrize("source", [99, "99"])
def test_a_missing_camera_is_a_clear_message_not_a_crash(source: int | str) -> None:
    seen = Recorder()
    camera = CameraSource(source, **seen.callbacks())
    camera.start()
    assert camera.wait(10)
    camera.stop()

    assert len(seen.errors) == 1
    error = seen.errors[0]
    assert isinstance(error, CameraUnavailable)
    assert isinstance(error, UserFacingError)
    assert "没有找到摄像头" in error.message.zh and "扫码枪" in error.message.zh
    assert "No camera found" in error.message.en and "scanner" in error.message.en
    assert camera.error is error
    assert seen.frames == [] and seen.decoded == []
    assert seen.stopped == 1
    assert not camera.running


def test_a_bad_path_or_a_file_that_is_no_video_is_a_clear_message(tmp_path: Path) -> None:
    not_video = tmp_path / "notes.avi"
    not_video.write_text("not a video", encoding="utf-8")
    for source in (tmp_path / "missing.avi", not_video, tmp_path / "empty-folder"):
        if source.name == "empty-folder":
            source.mkdir()
        seen = Recorder()
        camera = CameraSource(source, **seen.callbacks())
        camera.start()
        assert camera.wait(10)
        assert [type(e) for e in seen.errors] == [CameraUnavailable]
        assert "Cannot open" in seen.errors[0].message.en
        assert seen.stopped == 1


def test_a_folder_of_images_cycles_as_a_demo_camera(tmp_path: Path) -> None:
    from PIL import Image

    for name, text in (("a.png", FIRST), ("sub/b.jpg", SECOND)):
        path = tmp_path / name
        path.parent.mkdir(exist_ok=True)
        Image.fromarray(np.ascontiguousarray(scene(qr_image(text))[:, :, ::-1])).save(path)
    (tmp_path / "broken.png").write_bytes(b"not an image")
    (tmp_path / "readme.txt").write_text("ignored", encoding="utf-8")
    seen = Recorder()
    camera = CameraSource(
        tmp_path,
        **seen.callbacks(),
        fps_limit=100.0,
        image_hold_s=0.05,  # five frames an image
        forget_after_s=0.0,
        forget_after_frames=3,
    )
    camera.start()
    try:
        assert seen.wait_for(lambda d: len(d) >= 3)
    finally:
        camera.stop()
    assert seen.decoded[:3] == [FIRST, SECOND, FIRST]  # round again: shown anew
    assert seen.errors == []
    assert not camera.running
    assert seen.stopped == 1


def test_stop_ends_a_looping_video_promptly(counter_video: tuple[Path, int]) -> None:
    path, _ = counter_video
    seen = Recorder()
    camera = CameraSource(path, **seen.callbacks(), loop=True, fps_limit=200.0)
    camera.start()
    time.sleep(0.3)
    assert camera.running
    started = time.monotonic()
    camera.stop()
    assert not camera.running
    assert time.monotonic() - started < 2.0
    assert seen.errors == []
    assert seen.stopped == 1


def test_stop_from_inside_a_callback_does_not_hang(counter_video: tuple[Path, int]) -> None:
    path, _ = counter_video
    seen = Recorder()
    camera: CameraSource

    def stop_at_first_code(text: str) -> None:
        seen.on_decoded(text)
        camera.stop()

    camera = CameraSource(path, on_decoded=stop_at_first_code, fps_limit=None, drop_frames=False)
    camera.start()
    assert camera.wait(10)
    assert seen.decoded == [FIRST]
    assert not camera.running


def test_a_callback_that_raises_does_not_stop_the_camera(tmp_path: Path) -> None:
    path = write_video(tmp_path / "held.avi", held_up(qr_image(SECOND), 8, seed=9))
    decoded: list[str] = []

    def broken_preview(frame: np.ndarray) -> None:
        raise RuntimeError("a bug in the preview")

    camera = CameraSource(
        path, on_decoded=decoded.append, on_frame=broken_preview, fps_limit=None, drop_frames=False
    )
    camera.start()
    assert camera.wait(10)
    assert decoded == [SECOND]
    assert camera.frames_read == 8


def test_presence_needs_both_time_and_frames_to_forget_a_code() -> None:
    tracker = PresenceTracker(forget_after_s=1.0, forget_after_frames=5)
    assert tracker.update(["A"], 0.0) == ["A"]
    assert tracker.update(["A", "A"], 0.03) == []
    for i in range(10):  # a third of a second of blurred frames: still the same customer
        assert tracker.update([], 0.06 + 0.03 * i) == []
    assert tracker.update(["A"], 0.4) == []
    # A slow decoder: a second and a half, but only three frames, without the code.
    for t in (0.9, 1.4, 1.9):
        assert tracker.update([], t) == []
    assert tracker.update(["A", "B"], 2.0) == ["B"]
    # Gone for over a second and over five frames: shown again, reported again.
    for i in range(6):
        tracker.update(["B"], 2.1 + 0.2 * i)
    assert tracker.update(["A", "B"], 3.5) == ["A"]


def test_list_cameras_probes_cheaply() -> None:
    started = time.monotonic()
    cameras = list_cameras(max_index=4)
    assert all(isinstance(i, int) and 0 <= i < 4 for i in cameras)
    assert list_cameras(max_index=0) == []
    assert time.monotonic() - started < 10


def test_disconnection_message_is_bilingual() -> None:
    error = CameraDisconnected()
    assert "摄像头" in error.message.zh and "camera" in error.message.en


def test_a_single_image_is_a_still_camera(tmp_path: Path) -> None:
    import cv2

    path = tmp_path / "slip.png"
    cv2.imwrite(str(path), scene(qr_image(SECOND)))
    seen = Recorder()
    camera = CameraSource(path, **seen.callbacks(), fps_limit=100.0)
    camera.start()
    try:
        assert seen.wait_for(lambda d: d == [SECOND])
        time.sleep(0.2)  # twenty more frames of the same picture: still one report
    finally:
        camera.stop()
    assert seen.decoded == [SECOND]
    assert len(seen.frames) >= 10
