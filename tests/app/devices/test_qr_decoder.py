"""The QR decoder on real pickup codes drawn into 1280x720 camera frames, and on garbage."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import cv2
import numpy as np
import pytest
from qr_scenes import (
    STATION_ID,
    Placement,
    bend,
    demo_public_keys,
    noise_frame,
    pickup_code,
    qr_image,
    scene,
)

from app.devices.qr_decoder import (
    DecodeEffort,
    ImageUnreadable,
    decode_file,
    decode_image,
)
from sync.pickup_code import verify_pickup_code

ROOT = Path(__file__).resolve().parents[3]

PLACEMENTS = {
    "held up straight": Placement(),
    "far away": Placement(side_px=150, seed=1),
    "turned 35 degrees": Placement(angle_deg=35, seed=2),
    "upside down": Placement(angle_deg=180, side_px=220, seed=3),
    "tilted away": Placement(tilt=0.3, angle_deg=-10, seed=4),
    "out of focus": Placement(blur_sigma=2.0, seed=5),
    "dim shop, noisy sensor": Placement(brightness=0.45, noise=8, seed=6),
    "everything at once": Placement(
        side_px=200, angle_deg=-25, tilt=0.25, blur_sigma=1.2, brightness=0.6, noise=6, seed=7
    ),
}


@pytest.mark.parametrize("name", list(PLACEMENTS))
def test_reads_a_pickup_code_in_a_camera_frame(name: str) -> None:
    order_id = 1000 + list(PLACEMENTS).index(name)
    code = pickup_code(order_id)
    frame = scene(qr_image(code), PLACEMENTS[name])
    assert frame.shape == (720, 1280, 3)

    texts = decode_image(frame)

    assert texts == [code]
    claim = verify_pickup_code(texts[0], demo_public_keys())
    assert (claim.order_id, claim.station_id) == (order_id, STATION_ID)


def test_fast_effort_reads_a_clear_frame_too() -> None:
    code = pickup_code(7)
    assert decode_image(scene(qr_image(code)), effort=DecodeEffort.FAST) == [code]


@pytest.mark.parametrize(("amplitude", "wavelength"), [(3, 250), (4, 300), (6, 400)])
def test_reads_a_code_printed_on_cloth(amplitude: float, wavelength: float) -> None:
    # Bends like these defeat a single flat perspective (zxing-cpp 3.1 alone reads none of
    # them); re-gridding the code along its own module edges reads them.
    code = pickup_code(2000 + amplitude)
    bent = bend(qr_image(code), amplitude, wavelength)
    frame = scene(bent, Placement(side_px=330, angle_deg=6, seed=3))
    assert decode_image(frame) == [code]


def test_two_codes_in_one_frame_are_both_read() -> None:
    first, second = pickup_code(11), pickup_code(12)
    left = scene(qr_image(first), Placement(center=(330, 360), side_px=240))
    right = scene(qr_image(second), Placement(center=(950, 360), side_px=240, angle_deg=20))
    frame = np.concatenate([left[:, :640], right[:, 640:]], axis=1)
    assert sorted(decode_image(frame)) == sorted([first, second])


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_garbage_frames_decode_to_nothing(seed: int) -> None:
    assert decode_image(noise_frame(seed)) == []
    assert decode_image(scene(None, Placement(seed=seed))) == []


def test_odd_inputs_decode_to_nothing_without_raising() -> None:
    assert decode_image(np.zeros((0, 0), np.uint8)) == []
    assert decode_image(np.zeros((4, 4, 3), np.uint8)) == []
    assert decode_image(np.full((480, 640), 255, np.uint8)) == []
    assert decode_image(np.zeros((100, 100, 5), np.uint8)) == []


def test_grey_bgra_and_float_images_are_accepted() -> None:
    code = pickup_code(21)
    bgr = scene(qr_image(code), Placement(side_px=300))
    gray = cv2.cvtColor(bgr, cv2.COLOR_BGR2GRAY)
    assert decode_image(gray) == [code]
    assert decode_image(cv2.cvtColor(bgr, cv2.COLOR_BGR2BGRA)) == [code]
    assert decode_image(gray.astype(np.float32) / 255.0) == [code]


def test_text_that_is_not_ascii_comes_back_as_text() -> None:
    text = "邻里站 提货 ¥12.50\n第二行"
    assert decode_image(qr_image(text.encode("utf-8"))) == [text]


@pytest.mark.parametrize("suffix", [".png", ".jpg", ".bmp", ".gif", ".webp"])
def test_decode_file_reads_common_formats_and_non_ascii_paths(tmp_path: Path, suffix: str) -> None:
    from PIL import Image

    code = pickup_code(31)
    frame = scene(qr_image(code), Placement(side_px=300, noise=0))
    path = tmp_path / f"提货码{suffix}"
    Image.fromarray(cv2.cvtColor(frame, cv2.COLOR_BGR2RGB)).save(path)
    assert decode_file(path) == [code]


def test_decode_file_refuses_what_is_not_an_image(tmp_path: Path) -> None:
    not_image = tmp_path / "notes.png"
    not_image.write_text("not a picture", encoding="utf-8")
    with pytest.raises(ImageUnreadable) as info:
        decode_file(not_image)
    assert "notes.png" in info.value.message.en
    with pytest.raises(ImageUnreadable):
        decode_file(tmp_path / "missing.png")


def test_importing_the_devices_is_cheap_and_qt_free() -> None:
    probe = (
        "import sys, app.devices.qr_decoder, app.devices.qr_dewarp, app.devices.camera, "
        "app.devices.decode_cli, app.devices.frame_sources; "
        "print(sorted(m for m in ('cv2', 'zxingcpp', 'numpy', 'PySide6') if m in sys.modules))"
    )
    out = subprocess.run(
        [sys.executable, "-c", probe], cwd=ROOT, capture_output=True, text=True, check=True
    )
    assert out.stdout.strip() == "[]"


def test_opencv_fallback_reads_and_its_errors_are_contained(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from app.devices import qr_decoder

    japanese = "[外側QRコード] ﾃﾞｻﾞｲﾝ"
    image = qr_image(japanese.encode("shift_jis"), box_size=6)
    # OpenCV hands Shift_JIS bytes back as Latin-1; the text comes out right all the same.
    assert qr_decoder._opencv(image, "QRCodeDetector") == [japanese]
    assert qr_decoder._opencv(np.full((64, 64), 255, np.uint8), "QRCodeDetectorAruco") == []

    class Exploding:
        def detectAndDecodeMulti(self, image: np.ndarray) -> None:
            raise UnicodeDecodeError("utf-8", b"\x82", 0, 1, "invalid start byte")

    monkeypatch.setattr(cv2, "QRCodeDetector", Exploding)
    assert qr_decoder._opencv(image, "QRCodeDetector") == []
