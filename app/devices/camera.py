"""The pickup camera: capture and QR decoding on worker threads, no Qt.

    source = CameraSource(0, on_decoded=..., on_frame=..., on_error=..., on_stopped=...)
    source.start()
    ...
    source.stop()

One thread reads frames (a camera sets its own pace; a file or folder is paced at
`fps_limit`) and hands each to `on_frame` for the preview. Another decodes the newest
frame, skipping frames while it is busy, so the preview never waits on the decoder. A code
is reported to `on_decoded` once when it comes into view, and again only after it has been
out of view for a while (see PresenceTracker).

Every callback runs on a worker thread: the ui re-emits them onto the GUI thread itself
(and converts frames to QImage there). A callback that raises is logged, never fatal.
A missing camera is an ordinary state: `on_error` gets a CameraUnavailable whose text
tells the clerk to use the scanner or type the code, and the threads end.
"""
from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from app.devices.frame_sources import (
    DEFAULT_RESOLUTION,
    CameraDisconnected,
    CameraUnavailable,
    FrameSource,
    list_cameras,
    open_source,
)
from app.errors import UserFacingError

if TYPE_CHECKING:
    import numpy as np

__all__ = [
    "CameraDisconnected",
    "CameraSource",
    "CameraUnavailable",
    "PresenceTracker",
    "list_cameras",
]

log = logging.getLogger(__name__)

# A live camera that fails this many reads in a row (about a second) has gone away.
_MAX_FAILED_READS = 30


class PresenceTracker:
    """Which codes are in view, so each is reported once per appearance.

    A code counts as gone once it has been missing for at least `forget_after_s` seconds
    *and* at least `forget_after_frames` decoded frames: a code the decoder misses in a
    few blurred frames while the phone moves is not reported twice, and a slow decoder
    doesn't forget a code between two of its frames.
    """

    def __init__(self, *, forget_after_s: float = 1.0, forget_after_frames: int = 5) -> None:
        self.forget_after_s = forget_after_s
        self.forget_after_frames = forget_after_frames
        self._frame = 0
        self._last_seen: dict[str, tuple[float, int]] = {}  # text -> (time, frame number)

    def update(self, texts: Iterable[str], now: float) -> list[str]:
        """Record one decoded frame's codes; return those that have just come into view."""
        self._frame += 1
        self._last_seen = {
            text: seen for text, seen in self._last_seen.items() if not self._gone(seen, now)
        }
        new: list[str] = []
        for text in dict.fromkeys(texts):
            if text not in self._last_seen:
                new.append(text)
            self._last_seen[text] = (now, self._frame)
        return new

    def _gone(self, seen: tuple[float, int], now: float) -> bool:
        seen_at, seen_frame = seen
        return (
            now - seen_at >= self.forget_after_s
            and self._frame - seen_frame >= self.forget_after_frames
        )


class CameraSource:
    """Frames from a camera (or a video file / image folder standing in for one), decoded.

    `source`: a camera number, a video file or stream URL, or a folder of images (cycled,
    each shown for `image_hold_s`). `fps_limit` caps the frame rate (a file or folder is
    played at that rate; None plays it as fast as it decodes). With `drop_frames=False`
    every frame is decoded (tests and demos from files); a camera normally drops frames
    while the decoder is busy. Every `thorough_every_s` a frame in which the fast decoder
    found nothing gets the full cascade (see qr_decoder) within `thorough_budget_ms`.
    """

    def __init__(
        self,
        source: int | str | Path,
        *,
        on_decoded: Callable[[str], None],
        on_frame: Callable[[np.ndarray], None] | None = None,
        on_error: Callable[[UserFacingError], None] | None = None,
        on_stopped: Callable[[], None] | None = None,
        fps_limit: float | None = 30.0,
        drop_frames: bool = True,
        loop: bool = False,
        forget_after_s: float = 1.0,
        forget_after_frames: int = 5,
        thorough_every_s: float | None = 0.5,
        thorough_budget_ms: float = 60.0,
        image_hold_s: float = 1.5,
        resolution: tuple[int, int] | None = DEFAULT_RESOLUTION,
    ) -> None:
        self.source = source
        self._on_decoded = on_decoded
        self._on_frame = on_frame
        self._on_error = on_error
        self._on_stopped = on_stopped
        self.fps_limit = fps_limit
        self.drop_frames = drop_frames
        self.loop = loop
        self.thorough_every_s = thorough_every_s
        self.thorough_budget_ms = thorough_budget_ms
        self.image_hold_s = image_hold_s
        self.resolution = resolution
        self._tracker = PresenceTracker(
            forget_after_s=forget_after_s, forget_after_frames=forget_after_frames
        )
        self._cond = threading.Condition()
        self._stop = threading.Event()
        self._pending: np.ndarray | None = None  # the newest frame not yet decoded
        self._capture_done = False
        self._threads: list[threading.Thread] = []
        self._finished = threading.Event()
        self.frames_read = 0
        self.frames_decoded = 0
        self.error: UserFacingError | None = None

    # --- control ------------------------------------------------------------------------

    def start(self) -> None:
        if self._threads:
            raise RuntimeError("a CameraSource starts once; make a new one to restart")
        name = f"camera-{self.source}"
        self._threads = [
            threading.Thread(target=self._capture_loop, name=f"{name}-capture", daemon=True),
            threading.Thread(target=self._decode_loop, name=f"{name}-decode", daemon=True),
        ]
        for thread in self._threads:
            thread.start()

    def stop(self, timeout: float = 5.0) -> None:
        """Stop both threads and wait for them to end.

        From inside a callback (on a worker thread) it only asks them to stop: waiting
        there would wait for itself.
        """
        self._stop.set()
        with self._cond:
            self._cond.notify_all()
        if threading.current_thread() in self._threads:
            return
        for thread in self._threads:
            thread.join(timeout)

    def wait(self, timeout: float | None = None) -> bool:
        """Wait until the source has ended by itself (end of file, error) or was stopped."""
        return self._finished.wait(timeout)

    @property
    def running(self) -> bool:
        return any(t.is_alive() for t in self._threads)

    def __enter__(self) -> CameraSource:
        self.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()

    # --- capture thread -----------------------------------------------------------------

    def _capture_loop(self) -> None:
        source: FrameSource | None = None
        try:
            source = self._open()
            self._pump(source)
        except UserFacingError as exc:
            self._report_error(exc)
        except Exception:  # OpenCV raises cv2.error for broken drivers and files
            log.exception("camera %s failed", self.source)
            self._report_error(
                CameraUnavailable(self.source) if source is None else CameraDisconnected()
            )
        finally:
            if source is not None:
                source.close()
            with self._cond:
                self._capture_done = True
                self._cond.notify_all()

    def _open(self) -> FrameSource:
        fps = self.fps_limit or 30.0
        return open_source(
            self.source,
            loop=self.loop,
            resolution=self.resolution,
            frames_per_image=max(1, round(self.image_hold_s * fps)),
        )

    def _pump(self, source: FrameSource) -> None:
        interval = 1.0 / self.fps_limit if self.fps_limit else 0.0
        next_due = time.monotonic()
        failed_reads = 0
        while not self._stop.is_set():
            if interval:
                delay = next_due - time.monotonic()
                if delay > 0 and self._stop.wait(delay):
                    return
                next_due = max(next_due + interval, time.monotonic() - interval)
            frame = source.read()
            if frame is None:
                if not source.live:
                    if self.frames_read == 0:
                        raise CameraUnavailable(self.source)  # opens, but holds no picture
                    return  # the end of a file
                failed_reads += 1
                if failed_reads >= _MAX_FAILED_READS:
                    if self.frames_read == 0:
                        raise CameraUnavailable(self.source)  # opens, never gives a picture
                    raise CameraDisconnected()
                self._stop.wait(0.03)  # a webcam may drop a frame or two while waking up
                continue
            failed_reads = 0
            self.frames_read += 1
            self._call(self._on_frame, frame)
            with self._cond:
                if not self.drop_frames:
                    while self._pending is not None and not self._stop.is_set():
                        self._cond.wait(0.1)
                self._pending = frame
                self._cond.notify_all()

    # --- decode thread ------------------------------------------------------------------

    def _decode_loop(self) -> None:
        from app.devices.qr_decoder import DecodeEffort, decode_image

        last_thorough = float("-inf")
        try:
            while True:
                with self._cond:
                    while self._pending is None and not self._capture_done:
                        if self._stop.is_set():
                            return
                        self._cond.wait(0.1)
                    if self._stop.is_set() or self._pending is None:
                        return  # stopped, or the capture ended and every frame is done
                    frame, self._pending = self._pending, None
                    self._cond.notify_all()
                now = time.monotonic()
                effort = DecodeEffort.FAST
                if (
                    self.thorough_every_s is not None
                    and now - last_thorough >= self.thorough_every_s
                ):
                    # FULL is the fast read first; the cascade runs only if it read nothing.
                    effort, last_thorough = DecodeEffort.FULL, now
                texts = decode_image(frame, effort=effort, budget_ms=self.thorough_budget_ms)
                self.frames_decoded += 1
                for text in self._tracker.update(texts, time.monotonic()):
                    self._call(self._on_decoded, text)
        except Exception:
            log.exception("the QR decoder failed on camera %s", self.source)
        finally:
            self._stop.set()  # the capture thread must not wait for a decoder that is gone
            with self._cond:
                self._cond.notify_all()
            for thread in self._threads:
                if thread is not threading.current_thread():
                    thread.join()
            self._finished.set()
            self._call(self._on_stopped)

    # --- helpers ------------------------------------------------------------------------

    def _report_error(self, error: UserFacingError) -> None:
        self.error = error
        self._call(self._on_error, error)

    def _call(self, callback: Callable[..., Any] | None, *args: Any) -> None:
        if callback is None:
            return
        try:
            callback(*args)
        except Exception:
            log.exception("a camera callback raised; the camera goes on")
