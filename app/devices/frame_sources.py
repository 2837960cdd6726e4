"""Where camera frames come from: a camera, a video file or stream, or a folder of images.

All three give frames through one small interface (`read()` -> BGR image or None), and the
first two go through the same `cv2.VideoCapture` path, so a video file can stand in for
the camera in tests and demos. A missing camera is an ordinary state, reported as a
`CameraUnavailable` whose text tells the clerk what to do instead.
"""
from __future__ import annotations

import logging
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from app.errors import UserFacingError

if TYPE_CHECKING:
    import numpy as np

log = logging.getLogger(__name__)

IMAGE_SUFFIXES = frozenset({".png", ".jpg", ".jpeg", ".bmp", ".gif", ".webp"})
DEFAULT_RESOLUTION = (1280, 720)


class CameraUnavailable(UserFacingError):
    """No camera at that number, or the video/folder can't be opened."""

    def __init__(self, source: int | str | Path) -> None:
        if isinstance(source, int):
            zh = f"没有找到摄像头（编号 {source}）。请用扫码枪扫码，或手动输入提货码。"
            en = f"No camera found (number {source}). Use the scanner or type the code."
        else:
            zh = f"无法打开视频来源：{source}。请用扫码枪扫码，或手动输入提货码。"
            en = f"Cannot open the video source: {source}. Use the scanner or type the code."
        super().__init__(zh, en, code="camera_unavailable")
        self.source = source


class CameraDisconnected(UserFacingError):
    """The camera gave frames, then stopped (unplugged, taken by another program)."""

    def __init__(self) -> None:
        super().__init__(
            "摄像头已断开。请检查连接后重新打开，或用扫码枪扫码、手动输入提货码。",
            "The camera stopped sending pictures. Check the cable and reopen it, or use the"
            " scanner or type the code.",
            code="camera_disconnected",
        )


class FrameSource(Protocol):
    live: bool  # a camera or a stream: it sets the pace and may drop out
    fps: float | None  # the nominal rate of a file, if it says

    def read(self) -> np.ndarray | None:
        """The next BGR frame, or None at the end (or when a camera fails)."""
        ...

    def close(self) -> None: ...


def open_source(
    source: int | str | Path,
    *,
    loop: bool = False,
    resolution: tuple[int, int] | None = DEFAULT_RESOLUTION,
    frames_per_image: int = 30,
    api_preference: int | None = None,
) -> FrameSource:
    """Open a camera number, a video file or stream URL, or a folder of images (or one).

    Raises CameraUnavailable. `loop` starts a video over at its end (images always
    cycle); `frames_per_image` is how many frames each image is shown for.
    """
    if isinstance(source, str) and source.strip().isdigit():
        source = int(source.strip())
    if isinstance(source, int):
        return _VideoCaptureSource.open_camera(source, resolution, api_preference)
    text = str(source)
    if "://" in text:  # an IP camera or a phone streaming as a webcam
        return _VideoCaptureSource.open_path(text, live=True, loop=False)
    path = Path(source)
    if path.is_dir():
        return _ImagesSource(image_files(path), frames_per_image, source)
    if not path.is_file():
        raise CameraUnavailable(source)
    if path.suffix.lower() in IMAGE_SUFFIXES:  # one still picture, shown over and over
        return _ImagesSource([path], frames_per_image, source)
    return _VideoCaptureSource.open_path(str(path), live=False, loop=loop)


def list_cameras(max_index: int = 4) -> list[int]:
    """Camera numbers from 0 to max_index - 1 that open, for the Settings screen.

    Cheap: on Linux a number without a /dev/video device is not even tried. Opening a
    camera can still take a moment on some systems, so call this off the GUI thread.
    """
    import cv2

    found: list[int] = []
    for index in range(max_index):
        if sys.platform.startswith("linux") and not Path(f"/dev/video{index}").exists():
            continue
        with _quiet_opencv():
            capture = cv2.VideoCapture(index)
            try:
                if capture.isOpened():
                    found.append(index)
            finally:
                capture.release()
    return found


def image_files(folder: Path) -> list[Path]:
    """Image files in `folder` and below, sorted by path."""
    return sorted(
        p for p in folder.rglob("*") if p.suffix.lower() in IMAGE_SUFFIXES and p.is_file()
    )


@contextmanager
def _quiet_opencv() -> Iterator[None]:
    """OpenCV warns on stderr for every camera number it can't open; that is normal here."""
    import cv2

    logging_api: Any = getattr(getattr(cv2, "utils", None), "logging", None)
    if logging_api is None:
        yield
        return
    previous = logging_api.getLogLevel()
    logging_api.setLogLevel(logging_api.LOG_LEVEL_ERROR)
    try:
        yield
    finally:
        logging_api.setLogLevel(previous)


class _VideoCaptureSource:
    def __init__(self, capture: Any, *, live: bool, loop: bool) -> None:
        import cv2

        self._capture = capture
        self.live = live
        self._loop = loop
        fps = float(capture.get(cv2.CAP_PROP_FPS) or 0.0)
        self.fps = fps if 0.0 < fps < 1000.0 else None

    @classmethod
    def open_camera(
        cls, index: int, resolution: tuple[int, int] | None, api_preference: int | None
    ) -> _VideoCaptureSource:
        import cv2

        with _quiet_opencv():
            if sys.platform.startswith("linux") and not Path(f"/dev/video{index}").exists():
                raise CameraUnavailable(index)
            capture = cv2.VideoCapture(index, api_preference or cv2.CAP_ANY)
            if not capture.isOpened():
                capture.release()
                raise CameraUnavailable(index)
        if resolution is not None:
            capture.set(cv2.CAP_PROP_FRAME_WIDTH, resolution[0])
            capture.set(cv2.CAP_PROP_FRAME_HEIGHT, resolution[1])
        return cls(capture, live=True, loop=False)

    @classmethod
    def open_path(cls, path: str, *, live: bool, loop: bool) -> _VideoCaptureSource:
        import cv2

        with _quiet_opencv():
            capture = cv2.VideoCapture(path)
            if not capture.isOpened():
                capture.release()
                raise CameraUnavailable(path)
        return cls(capture, live=live, loop=loop)

    def read(self) -> np.ndarray | None:
        import cv2

        ok, frame = self._capture.read()
        if ok and frame is not None:
            return frame
        if self._loop and not self.live:
            self._capture.set(cv2.CAP_PROP_POS_FRAMES, 0)
            ok, frame = self._capture.read()
            if ok and frame is not None:
                return frame
        return None

    def close(self) -> None:
        self._capture.release()


class _ImagesSource:
    """A demo camera: each image of a folder in turn, as if held up for a moment."""

    live = False
    fps: float | None = None

    def __init__(self, paths: list[Path], frames_per_image: int, source: str | Path) -> None:
        self._paths = paths
        if not self._paths:
            raise CameraUnavailable(source)
        self._frames_per_image = max(1, frames_per_image)
        self._index = 0
        self._shown = 0
        self._current: np.ndarray | None = None
        self._unreadable: set[Path] = set()

    def read(self) -> np.ndarray | None:
        from app.devices.qr_decoder import ImageUnreadable, read_image

        while self._current is None or self._shown >= self._frames_per_image:
            if len(self._unreadable) == len(self._paths):
                return None
            path = self._paths[self._index % len(self._paths)]
            self._index += 1
            self._shown = 0
            self._current = None
            if path in self._unreadable:
                continue
            try:
                self._current = read_image(path)
            except ImageUnreadable:
                log.warning("skipping unreadable image in the demo camera folder: %s", path)
                self._unreadable.add(path)
        self._shown += 1
        return self._current

    def close(self) -> None:
        self._current = None
