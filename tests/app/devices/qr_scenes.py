"""Test pictures for the camera and decoder: real pickup codes, drawn the way a webcam sees them.

A code is made by `qrcode` from a real pickup code (issued with the public demo key), put
into a 1280x720 counter scene at a realistic size with rotation, perspective, blur and
noise, and, for the camera tests, written as an MJPG .avi that cv2.VideoCapture plays
back through the same path as a camera.
"""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import cache
from pathlib import Path

import cv2
import numpy as np
import qrcode

from sync.pickup_code import (
    DEMO_KEY_ID,
    PickupClaim,
    demo_private_key,
    issue_pickup_code,
    public_key_bytes,
)

FRAME_SIZE = (1280, 720)  # width, height
STATION_ID = 42
ISSUED_AT = datetime(2026, 11, 25, 2, 0, tzinfo=UTC)


def demo_public_keys() -> dict[int, bytes]:
    return {DEMO_KEY_ID: public_key_bytes(demo_private_key())}


def pickup_code(order_id: int, station_id: int = STATION_ID) -> str:
    claim = PickupClaim(order_id, station_id, ISSUED_AT, DEMO_KEY_ID)
    return issue_pickup_code(claim, demo_private_key())


def qr_image(text: str | bytes, *, box_size: int = 8, border: int = 4, ec: str = "M") -> np.ndarray:
    """The code as a grey image, black on white, quiet zone included."""
    levels = {
        "L": qrcode.constants.ERROR_CORRECT_L,
        "M": qrcode.constants.ERROR_CORRECT_M,
        "Q": qrcode.constants.ERROR_CORRECT_Q,
        "H": qrcode.constants.ERROR_CORRECT_H,
    }
    qr = qrcode.QRCode(error_correction=levels[ec], box_size=box_size, border=border)
    qr.add_data(text)
    qr.make(fit=True)
    return np.array(qr.make_image().convert("L"), dtype=np.uint8)


@dataclass(frozen=True)
class Placement:
    """Where and how the code sits in the frame (a phone screen or a paper slip)."""

    center: tuple[float, float] = (640.0, 360.0)
    side_px: float = 260.0  # width of the code with its quiet zone
    angle_deg: float = 0.0
    tilt: float = 0.0  # perspective: how much narrower the far edge is (0 = facing the camera)
    blur_sigma: float = 0.0
    noise: float = 3.0  # sensor noise, grey levels
    brightness: float = 1.0  # a dim shop or a dimmed phone screen
    seed: int = 0  # the sensor noise
    counter: int = 0  # the counter top behind the code


@cache
def background(seed: int = 0) -> np.ndarray:
    """A counter top with some texture: smooth noise around mid grey (read-only)."""
    rng = np.random.default_rng(seed)
    width, height = FRAME_SIZE
    small = rng.normal(110, 40, (height // 16, width // 16)).astype(np.float32)
    texture = cv2.resize(small, (width, height), interpolation=cv2.INTER_CUBIC)
    texture.setflags(write=False)
    return texture


def scene(code: np.ndarray | None, placement: Placement = Placement()) -> np.ndarray:
    """A 1280x720 BGR camera frame, with `code` placed as described (or none)."""
    frame = background(placement.counter).copy()
    if code is not None:
        h, w = code.shape
        src = np.float32([[0, 0], [w, 0], [w, h], [0, h]])
        half = placement.side_px / 2
        narrow = half * (1 - placement.tilt)  # the far (right) edge, seen at an angle
        corners = np.float32([[-half, -half], [half, -narrow], [half, narrow], [-half, half]])
        theta = np.deg2rad(placement.angle_deg)
        rotation = np.float32([[np.cos(theta), -np.sin(theta)], [np.sin(theta), np.cos(theta)]])
        dst = corners @ rotation.T + np.float32(placement.center)
        matrix = cv2.getPerspectiveTransform(src, dst)
        warped = cv2.warpPerspective(code, matrix, FRAME_SIZE, flags=cv2.INTER_AREA)
        mask = cv2.warpPerspective(np.full_like(code, 255), matrix, FRAME_SIZE, flags=cv2.INTER_AREA)
        alpha = mask.astype(np.float32) * (1 / 255)
        frame = cv2.blendLinear(frame, warped.astype(np.float32), 1 - alpha, alpha)
    if placement.brightness != 1.0:
        frame *= placement.brightness
    if placement.blur_sigma > 0:
        frame = cv2.GaussianBlur(frame, (0, 0), placement.blur_sigma)
    if placement.noise > 0:
        noise = np.empty_like(frame)
        cv2.setRNGSeed(placement.seed)
        cv2.randn(noise, 0.0, placement.noise)
        frame += noise
    gray = cv2.convertScaleAbs(cv2.max(frame, 0.0))  # rounds and saturates at 255
    return cv2.cvtColor(gray, cv2.COLOR_GRAY2BGR)


def noise_frame(seed: int) -> np.ndarray:
    """Garbage: coloured noise, blocky and fine, as a broken camera might send."""
    rng = np.random.default_rng(seed)
    width, height = FRAME_SIZE
    blocks = rng.integers(0, 256, (height // 8, width // 8, 3), dtype=np.uint8)
    coarse = cv2.resize(blocks, (width, height), interpolation=cv2.INTER_NEAREST)
    fine = rng.integers(0, 256, (height, width, 3), dtype=np.uint8)
    return cv2.addWeighted(coarse, 0.6, fine, 0.4, 0)


def bend(code: np.ndarray, amplitude_px: float, wavelength_px: float) -> np.ndarray:
    """The code printed on cloth: a smooth wave pushes the modules sideways."""
    h, w = code.shape
    ys, xs = np.mgrid[0:h, 0:w].astype(np.float32)
    wave = amplitude_px * np.sin(2 * np.pi * (xs + 0.6 * ys) / wavelength_px)
    return cv2.remap(
        code, xs + 0.5 * wave, ys + wave, cv2.INTER_LINEAR, borderMode=cv2.BORDER_REPLICATE
    )


def write_video(path: Path, frames: Iterable[np.ndarray], fps: float = 30.0) -> Path:
    """An MJPG .avi of the frames, as a webcam would deliver them."""
    writer = cv2.VideoWriter(str(path), cv2.VideoWriter_fourcc(*"MJPG"), fps, FRAME_SIZE)
    if not writer.isOpened():
        raise RuntimeError("OpenCV cannot write MJPG video here")
    try:
        for frame in frames:
            writer.write(frame)
    finally:
        writer.release()
    return path


def held_up(code: np.ndarray, frames: int, *, seed: int = 0) -> list[np.ndarray]:
    """A customer holding a phone up: the code drifts and turns a little, frame by frame,
    in front of the same counter."""
    out = []
    for i in range(frames):
        placement = Placement(
            center=(600.0 + 3 * i, 350.0 + 2 * np.sin(i / 3)),
            side_px=300.0,
            angle_deg=8.0 + 0.5 * i,
            tilt=0.08,
            blur_sigma=0.8,
            seed=seed + i,
        )
        out.append(scene(code, placement))
    return out


def empty_counter(frames: int, *, seed: int = 1000) -> list[np.ndarray]:
    """The counter with nobody showing a code: only the sensor noise changes."""
    return [scene(None, Placement(seed=seed + i)) for i in range(frames)]
