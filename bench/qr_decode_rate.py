"""How many real QR photos our decoder reads, and how fast, against zxing-cpp alone.

    python bench/qr_decode_rate.py [FOLDER]      (default: ../shared/data/qr)

Each photo's expected text is the .txt beside it (read as bytes: some hold CRLF). Prints
the rate per sub-folder for both decoders, the median and worst ms per photo, and the
median ms for a 1280x720 camera frame holding one pickup code. Ratios, not absolutes,
are what to compare between machines.
"""
from __future__ import annotations

import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

DEFAULT_FOLDER = ROOT.parent / "shared" / "data" / "qr"
IMAGE_SUFFIXES = {".png", ".jpg", ".jpeg", ".bmp", ".gif", ".webp"}


def zxing_alone(image: Any) -> list[str]:
    """The baseline: zxing-cpp with its defaults, QR codes only."""
    import zxingcpp

    from app.devices.qr_decoder import _qr_formats

    return [b.text for b in zxingcpp.read_barcodes(image, formats=_qr_formats()) if b.valid]


def photos(folder: Path) -> list[tuple[Path, str]]:
    """(image, expected text) for every image with a .txt beside it, sorted."""
    out = []
    for path in sorted(folder.rglob("*")):
        expected = path.with_suffix(".txt")
        if path.suffix.lower() in IMAGE_SUFFIXES and expected.is_file():
            out.append((path, expected.read_bytes().decode("utf-8")))
    return out


def _run(decode: Callable[[Any], list[str]], image: Any) -> tuple[list[str], float]:
    start = time.perf_counter()
    texts = decode(image)
    return texts, (time.perf_counter() - start) * 1000.0


def measure(folder: Path | str = DEFAULT_FOLDER) -> dict[str, Any]:
    """Rates per sub-folder and timings, ours against zxing-cpp alone.

    Returns {"folders": {name: {"total", "ours", "zxing"}}, "total", "ours", "zxing",
    "ours_ms_median", "ours_ms_max", "zxing_ms_median", "zxing_ms_max", "misses": [...],
    "frame_ms_median", "frame_zxing_ms_median"}.
    """
    from app.devices.qr_decoder import decode_image, read_image

    folder = Path(folder)
    folders: dict[str, dict[str, int]] = {}
    ours_ms: list[float] = []
    zxing_ms: list[float] = []
    misses: list[str] = []
    for path, expected in photos(folder):
        image = read_image(path)
        ours, ms = _run(decode_image, image)
        ours_ms.append(ms)
        base, ms = _run(zxing_alone, image)
        zxing_ms.append(ms)
        name = str(path.parent.relative_to(folder)) if path.parent != folder else "."
        row = folders.setdefault(name, {"total": 0, "ours": 0, "zxing": 0})
        row["total"] += 1
        row["ours"] += expected in ours
        row["zxing"] += expected in base
        if expected not in ours:
            misses.append(str(path.relative_to(folder)))
    frame_ms, frame_zxing_ms = measure_frame()
    return {
        "folders": folders,
        "total": sum(r["total"] for r in folders.values()),
        "ours": sum(r["ours"] for r in folders.values()),
        "zxing": sum(r["zxing"] for r in folders.values()),
        "ours_ms_median": statistics.median(ours_ms) if ours_ms else 0.0,
        "ours_ms_max": max(ours_ms, default=0.0),
        "zxing_ms_median": statistics.median(zxing_ms) if zxing_ms else 0.0,
        "zxing_ms_max": max(zxing_ms, default=0.0),
        "misses": misses,
        "frame_ms_median": frame_ms,
        "frame_zxing_ms_median": frame_zxing_ms,
    }


def synthetic_frame() -> Any:
    """A 1280x720 counter scene: one pickup code on a phone-sized patch, slightly tilted."""
    from datetime import UTC, datetime

    import cv2
    import numpy as np
    import qrcode

    from sync.pickup_code import DEMO_KEY_ID, PickupClaim, demo_private_key, issue_pickup_code

    claim = PickupClaim(123456, 42, datetime(2026, 11, 25, 2, 0, tzinfo=UTC), DEMO_KEY_ID)
    qr = qrcode.QRCode(error_correction=qrcode.constants.ERROR_CORRECT_M, border=4, box_size=6)
    qr.add_data(issue_pickup_code(claim, demo_private_key()))
    code = np.array(qr.make_image().convert("L"), dtype=np.uint8)
    rng = np.random.default_rng(7)
    frame = rng.normal(110, 25, (720, 1280)).clip(0, 255).astype(np.uint8)
    frame = cv2.GaussianBlur(frame, (0, 0), 3)
    h, w = code.shape
    src = np.float32([[0, 0], [w, 0], [w, h], [0, h]])
    dst = np.float32([[520, 200], [790, 220], [775, 490], [505, 470]])
    matrix = cv2.getPerspectiveTransform(src, dst)
    warped = cv2.warpPerspective(code, matrix, (1280, 720), borderValue=0)
    mask = cv2.warpPerspective(np.full_like(code, 255), matrix, (1280, 720))
    frame = np.where(mask > 0, warped, frame)
    frame = cv2.GaussianBlur(frame, (3, 3), 0)
    return cv2.cvtColor(frame, cv2.COLOR_GRAY2BGR)


def measure_frame(repeat: int = 30) -> tuple[float, float]:
    """Median ms to decode the synthetic 1280x720 frame: ours (camera effort), zxing alone."""
    from app.devices.qr_decoder import DecodeEffort, decode_image

    frame = synthetic_frame()
    ours = [_run(lambda f: decode_image(f, effort=DecodeEffort.FAST), frame)[1] for _ in range(repeat)]
    base = [_run(zxing_alone, frame)[1] for _ in range(repeat)]
    return statistics.median(ours), statistics.median(base)


def main(argv: list[str]) -> int:
    folder = Path(argv[0]) if argv else DEFAULT_FOLDER
    if not folder.is_dir():
        print(f"no photos at {folder}", file=sys.stderr)
        return 1
    result = measure(folder)
    print(f"{'folder':<12} {'ours':>9} {'zxing':>9}")
    for name, row in sorted(result["folders"].items()):
        print(f"{name:<12} {row['ours']:>4}/{row['total']:<4} {row['zxing']:>4}/{row['total']:<4}")
    total = result["total"] or 1
    print(
        f"{'all':<12} {result['ours']:>4}/{total:<4} {result['zxing']:>4}/{total:<4}"
        f"   ({100 * result['ours'] / total:.0f}% vs {100 * result['zxing'] / total:.0f}%)"
    )
    print(
        f"ms per photo: ours median {result['ours_ms_median']:.2f} max {result['ours_ms_max']:.1f};"
        f" zxing alone median {result['zxing_ms_median']:.2f} max {result['zxing_ms_max']:.1f}"
    )
    print(
        f"ms per 1280x720 frame: ours {result['frame_ms_median']:.2f},"
        f" zxing alone {result['frame_zxing_ms_median']:.2f}"
    )
    if result["misses"]:
        print("not read:", " ".join(result["misses"]))
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
