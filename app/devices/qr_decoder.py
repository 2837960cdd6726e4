"""Read QR codes in photos and camera frames.

zxing-cpp reads most codes in well under a millisecond, so every image gets it first.
Only when it reads nothing does a short cascade of other views of the same image run
(another binarizer, a rescaled copy, a little blur against screen moiré, more contrast,
codes bent over a curved surface, then OpenCV's own detectors), each under a time budget
so a frame with no code in it never holds up the camera for long.

    decode_image(image) -> ["CS1…"]   BGR, BGRA or grey numpy image; [] when none is read
    decode_file(path)   -> ["CS1…"]   raises ImageUnreadable for a file that is no image
"""
from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from enum import StrEnum
from functools import cache, partial
from pathlib import Path
from typing import TYPE_CHECKING, Any

from app.errors import UserFacingError

if TYPE_CHECKING:
    import numpy as np

# A code zxing located but could not read: its corners (top-left, top-right, bottom-right,
# bottom-left) and its version.
Candidate = tuple[list[tuple[float, float]], int]

# A budget, not a promise: a step that has started finishes, so the worst case is the
# budget plus one step (a few ms to a few tens of ms, bigger pictures being downscaled).
DEFAULT_BUDGET_MS = 100.0
# Rescaled copies are made for photos whose longer side is at most this (a small code
# gets bigger modules) or at least this (moiré and sensor noise average out).
_UPSCALE_MAX_SIDE = 1000
_DOWNSCALE_MIN_SIDE = 1200
_CASCADE_MAX_SIDE = 1600
_OPENCV_MAX_SIDE = 800
_OPENCV_RESERVE_S = 0.025


class DecodeEffort(StrEnum):
    FAST = "fast"  # zxing-cpp once: the camera's every frame
    FULL = "full"  # the whole cascade while nothing is read: files, a still frame


class ImageUnreadable(UserFacingError):
    def __init__(self, path: Path) -> None:
        super().__init__(
            f"无法读取图片：{path.name}",
            f"Cannot read this file as an image: {path.name}",
            code="image_unreadable",
        )
        self.path = path


def decode_image(
    image: np.ndarray,
    *,
    effort: DecodeEffort = DecodeEffort.FULL,
    budget_ms: float = DEFAULT_BUDGET_MS,
) -> list[str]:
    """Texts of every QR code read in `image`, in reading order, without repeats.

    `image` is a numpy array, BGR (OpenCV's order), BGRA or grey. zxing-cpp reads it
    first; with FULL effort the fallbacks run only if that read nothing, one after the
    other until one reads something or `budget_ms` has gone.
    """
    gray = _to_gray(image)
    if gray is None:
        return []
    candidates: list[Candidate] = []
    texts = _zxing(gray, candidates=candidates)
    if texts or effort is DecodeEffort.FAST:
        return texts
    deadline = time.perf_counter() + budget_ms / 1000.0
    for step in _fallbacks(gray, candidates, deadline):
        if time.perf_counter() > deadline:
            break
        texts = step()
        if texts:
            return texts
    return []


def decode_file(
    path: Path | str,
    *,
    effort: DecodeEffort = DecodeEffort.FULL,
    budget_ms: float = DEFAULT_BUDGET_MS,
) -> list[str]:
    """Decode the QR codes in an image file (png, jpg, bmp, gif, webp, …)."""
    return decode_image(read_image(Path(path)), effort=effort, budget_ms=budget_ms)


def read_image(path: Path) -> np.ndarray:
    """The file as a BGR image; OpenCV first, Pillow for what it can't open (GIF)."""
    import cv2
    import numpy as np

    try:
        data = np.fromfile(str(path), dtype=np.uint8)  # imread can't open non-ASCII paths on Windows
    except OSError as exc:
        raise ImageUnreadable(path) from exc
    image = cv2.imdecode(data, cv2.IMREAD_COLOR) if data.size else None
    if image is not None:
        return image
    try:
        from PIL import Image

        with Image.open(path) as pil:
            rgb = np.asarray(pil.convert("RGB"))
    except (OSError, ValueError, SyntaxError) as exc:  # PIL raises SyntaxError on some corrupt files
        raise ImageUnreadable(path) from exc
    return cv2.cvtColor(rgb, cv2.COLOR_RGB2BGR)


# --- the cascade --------------------------------------------------------------------------


def _fallbacks(
    gray: np.ndarray, candidates: list[Candidate], deadline: float
) -> Iterator[Callable[[], list[str]]]:
    """Other views of the image, cheapest and most often useful first."""
    import cv2

    zx = _zxing_module()
    global_histogram = zx.Binarizer.GlobalHistogram
    original = gray
    # zxing has read the full-size picture; the cascade works on one of a useful size, or
    # a 12-megapixel photo would spend the whole budget on its first two steps.
    gray = _at_most(gray, _CASCADE_MAX_SIDE)
    scale_back = original.shape[1] / gray.shape[1]
    yield lambda: _zxing(
        gray, binarizer=global_histogram, candidates=candidates, scale=scale_back
    )

    longest = max(gray.shape[:2])
    big = None
    if longest <= _UPSCALE_MAX_SIDE:
        big = cv2.resize(gray, None, fx=2.0, fy=2.0, interpolation=cv2.INTER_CUBIC)
        yield lambda: _zxing(big)
        yield lambda: _zxing(big, binarizer=global_histogram)
    if longest >= _DOWNSCALE_MIN_SIDE:
        small = cv2.resize(gray, None, fx=0.5, fy=0.5, interpolation=cv2.INTER_AREA)
        yield lambda: _zxing(small)
        yield lambda: _zxing(small, binarizer=global_histogram)

    blurred = cv2.GaussianBlur(gray, (3, 3), 0)
    yield lambda: _zxing(blurred)
    yield lambda: _zxing(blurred, binarizer=global_histogram)
    contrast = cv2.createCLAHE(clipLimit=2.0, tileGridSize=(8, 8)).apply(gray)
    yield lambda: _zxing(contrast)
    yield lambda: _zxing(contrast, binarizer=global_histogram)
    # Out of focus (a phone held too close): an unsharp mask restores the module edges.
    yield lambda: _zxing(_sharpen(gray, 1.5))
    if big is not None:
        yield lambda: _zxing(_sharpen(big, 3.0))
    block = max(3, (longest // 20) | 1)
    yield lambda: _zxing(
        cv2.adaptiveThreshold(gray, 255, cv2.ADAPTIVE_THRESH_MEAN_C, cv2.THRESH_BINARY, block, 2)
    )

    # A code found but misread (checksum) is often printed on something that bends.
    from app.devices.qr_dewarp import decode_bent

    yield lambda: decode_bent(original, candidates, _zxing_clean, deadline=deadline)

    # OpenCV's detectors are slow (tens of ms) and rarely read what all of the above
    # missed, so they run last, on a copy no bigger than a VGA frame, and only with time
    # left for them.
    view = _at_most(gray, _OPENCV_MAX_SIDE)
    for name in ("QRCodeDetector", "QRCodeDetectorAruco"):
        if deadline - time.perf_counter() >= _OPENCV_RESERVE_S:
            yield partial(_opencv, view, name)


def _at_most(gray: np.ndarray, side: int) -> np.ndarray:
    import cv2

    scale = side / max(gray.shape[:2])
    if scale >= 1.0:
        return gray
    return cv2.resize(gray, None, fx=scale, fy=scale, interpolation=cv2.INTER_AREA)


def _sharpen(gray: np.ndarray, sigma: float) -> np.ndarray:
    import cv2

    return cv2.addWeighted(gray, 2.0, cv2.GaussianBlur(gray, (0, 0), sigma), -1.0, 0)


def _zxing(
    gray: np.ndarray,
    *,
    binarizer: Any = None,
    candidates: list[Candidate] | None = None,
    scale: float = 1.0,
) -> list[str]:
    """Texts zxing-cpp reads; codes it locates but can't read go to `candidates`."""
    zx = _zxing_module()
    kwargs: dict[str, Any] = {"formats": _qr_formats()}
    if binarizer is not None:
        kwargs["binarizer"] = binarizer
    if candidates is not None:
        kwargs["return_errors"] = True
    try:
        found = zx.read_barcodes(gray, **kwargs)
    except TypeError:  # zxing-cpp before 2.3 has no return_errors
        kwargs.pop("return_errors", None)
        found = _read_quietly(zx, gray, kwargs)
    except Exception:  # a decoder bug must not take the camera down
        return []
    texts: list[str] = []
    for barcode in found:
        if barcode.valid and barcode.text:
            texts.append(barcode.text)
        elif candidates is not None:
            candidate = _as_candidate(barcode, scale)
            if candidate is not None and candidate not in candidates:
                candidates.append(candidate)
    return _unique(texts)


def _zxing_clean(img: np.ndarray) -> list[str]:
    """A rendered module matrix: upright, black on white, one scale."""
    try:
        found = _zxing_module().read_barcodes(
            img, formats=_qr_formats(), try_rotate=False, try_downscale=False, try_invert=False
        )
    except Exception:
        return []
    return _unique([b.text for b in found if b.valid and b.text])


def _read_quietly(zx: Any, gray: np.ndarray, kwargs: dict[str, Any]) -> list[Any]:
    try:
        return list(zx.read_barcodes(gray, **kwargs))
    except Exception:
        return []


def _as_candidate(barcode: Any, scale: float) -> Candidate | None:
    """(corners TL, TR, BR, BL in the original picture; version) of a code zxing located
    but could not read, or None when its version was not read either."""
    extra = getattr(barcode, "extra", None) or {}
    version = str(extra.get("Version", ""))
    if not version.isdigit() or not 1 <= int(version) <= 40:
        return None  # a Micro QR ("M3") or a code whose version was not read
    p = barcode.position
    corners = [
        (pt.x * scale, pt.y * scale)
        for pt in (p.top_left, p.top_right, p.bottom_right, p.bottom_left)
    ]
    return corners, int(version)


def _opencv(gray: np.ndarray, detector_name: str) -> list[str]:
    """OpenCV's detectors find some codes zxing misses; zxing re-reads what they rectify."""
    import cv2

    detector = getattr(cv2, detector_name)()
    texts: list[str] = []
    try:
        ok, decoded, _points, straight = detector.detectAndDecodeMulti(gray)
    except Exception:  # e.g. UnicodeDecodeError on a Shift_JIS code
        return []
    if not ok:
        return []
    for i, text in enumerate(decoded):
        if not text:
            continue
        if text.isascii():
            texts.append(text)
            continue
        # OpenCV hands back byte-mode data as Latin-1; zxing knows the charsets, so it
        # reads the rectified code again, and only failing that are the bytes guessed.
        reread = _zxing_straight(straight[i]) if straight is not None and i < len(straight) else []
        texts.extend(reread or [_guess_charset(text)])
    return _unique(texts)


def _zxing_straight(modules: np.ndarray) -> list[str]:
    import cv2
    import numpy as np

    if modules is None or modules.size == 0:
        return []
    straight = np.ascontiguousarray(modules, dtype=np.uint8)
    framed = cv2.copyMakeBorder(straight, 4, 4, 4, 4, cv2.BORDER_CONSTANT, value=255)
    return _zxing(cv2.resize(framed, None, fx=4, fy=4, interpolation=cv2.INTER_NEAREST))


def _guess_charset(text: str) -> str:
    """Bytes OpenCV passed through as Latin-1, read as zxing guesses a code without an
    ECI (UTF-8, then Shift_JIS), then GB18030, which accepts most byte pairs."""
    try:
        raw = text.encode("latin-1")
    except UnicodeEncodeError:
        return text  # already real text
    for encoding in ("utf-8", "shift_jis", "gb18030"):
        try:
            return raw.decode(encoding)
        except UnicodeDecodeError:
            continue
    return text


# --- helpers --------------------------------------------------------------------------------


def _to_gray(image: Any) -> np.ndarray | None:
    import cv2
    import numpy as np

    if image is None:
        return None
    img = np.asarray(image)
    if img.size == 0 or img.ndim not in (2, 3) or min(img.shape[:2]) < 8:
        return None
    if img.dtype != np.uint8:
        if img.dtype == np.uint16:
            img = (img >> 8).astype(np.uint8)
        elif np.issubdtype(img.dtype, np.floating):
            scale = 255.0 if float(np.nanmax(img)) <= 1.0 else 1.0
            img = np.clip(np.nan_to_num(img) * scale, 0, 255).astype(np.uint8)
        else:
            img = np.clip(img, 0, 255).astype(np.uint8)
    if img.ndim == 3:
        channels = img.shape[2]
        if channels == 1:
            img = img[:, :, 0]
        elif channels == 3:
            img = cv2.cvtColor(img, cv2.COLOR_BGR2GRAY)
        elif channels == 4:
            img = cv2.cvtColor(img, cv2.COLOR_BGRA2GRAY)
        else:
            return None
    return np.ascontiguousarray(img)


def _unique(texts: list[str]) -> list[str]:
    return list(dict.fromkeys(texts))


@cache
def _zxing_module() -> Any:
    import zxingcpp

    return zxingcpp


@cache
def _qr_formats() -> Any:
    """QR Model 2 (and the old Model 1): not Micro QR, whose weak checks misread noise."""
    fmt = _zxing_module().BarcodeFormat
    if hasattr(fmt, "QRCodeModel2"):  # zxing-cpp 3: QRCode is the family incl. Micro and rMQR
        return (fmt.QRCodeModel2, fmt.QRCodeModel1)
    return fmt.QRCode
