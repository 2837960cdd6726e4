"""Drawing helpers shared by the picking documents (totals list, picking list, bag labels).

They draw straight onto a reportlab Canvas: for a thousand orders that is several times
faster than laying out flowables, and every position is known before drawing, so a block
never has to be split or moved afterwards. reportlab is imported inside the functions, so
importing this module stays cheap.

Fonts: Chinese text uses the embedded CJK font (`register_cjk_font`); codes a leader reads
from across the room (shelf slots, pickup codes, quantities) use Helvetica-Bold, whose
digits are far clearer at a glance. WenQuanYi Micro Hei has no bold, so headings are
drawn filled and stroked ("fake bold"), which keeps their text extractable.
"""
from __future__ import annotations

import io
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from app.documents.pdf_fonts import register_cjk_font

MM = 72.0 / 25.4
"""Points per millimetre."""

_A85_LOCK = threading.Lock()

LATIN_BOLD = "Helvetica-Bold"
LATIN = "Helvetica"

ProgressFn = Callable[[int, int], None]
"""progress(done, total): called from the thread that builds the document."""


def cjk_font() -> str:
    return register_cjk_font()


class Throttle:
    """Calls progress(done, total) about every 1% and always for the last item."""

    def __init__(self, progress: ProgressFn | None, total: int) -> None:
        self._progress = progress
        self._total = total
        self._step = max(1, total // 100)

    def tick(self, done: int) -> None:
        if self._progress is not None and (done % self._step == 0 or done >= self._total):
            self._progress(done, self._total)

    def start(self) -> None:
        if self._progress is not None:
            self._progress(0, self._total)


def new_canvas(pagesize: tuple[float, float], *, title: str, subject: str = "") -> tuple[Any, io.BytesIO]:
    from reportlab.pdfgen.canvas import Canvas

    buf = io.BytesIO()
    canvas = Canvas(buf, pagesize=pagesize, pageCompression=1, invariant=1)
    canvas.setTitle(title)
    canvas.setAuthor("邻里站 Corner Station")
    canvas.setCreator("Corner Station")
    if subject:
        canvas.setSubject(subject)
    return canvas, buf


def width(text: str, font: str, size: float) -> float:
    from reportlab.pdfbase.pdfmetrics import stringWidth

    return float(stringWidth(text, font, size))


def fit_size(text: str, font: str, size: float, max_width: float, *, min_size: float) -> float:
    """The largest size from `size` down to `min_size` at which `text` fits `max_width`."""
    w = width(text, font, size)
    if w <= max_width or w == 0:
        return size
    return max(min_size, size * max_width / w)


def ellipsize(text: str, font: str, size: float, max_width: float) -> str:
    """`text`, cut with "…" at the end if it is wider than `max_width`."""
    if width(text, font, size) <= max_width:
        return text
    lo, hi = 0, len(text)
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if width(text[:mid] + "…", font, size) <= max_width:
            lo = mid
        else:
            hi = mid - 1
    return text[:lo] + "…"


def draw_text(canvas: Any, x: float, y: float, text: str, font: str, size: float, *,
              bold: bool = False, align: str = "left", white: bool = False) -> float:
    """Draw one line with its baseline at y; returns its width."""
    w = width(text, font, size)
    if align == "right":
        x -= w
    elif align == "center":
        x -= w / 2
    styled = bold or white
    if styled:
        # Text render mode and colours outlive the text object in PDF; keep them local.
        canvas.saveState()
    obj = canvas.beginText(x, y)
    obj.setFont(font, size)
    if white:
        obj.setFillColorRGB(1, 1, 1)
        obj.setStrokeColorRGB(1, 1, 1)
    if bold:
        canvas.setLineWidth(size * 0.045)
        obj.setTextRenderMode(2)
    obj.textOut(text)
    canvas.drawText(obj)
    if styled:
        canvas.restoreState()
    return w


def checkbox(canvas: Any, x: float, y: float, size: float, *, line: float = 1.0) -> None:
    """An empty square with its bottom-left corner at (x, y), to tick with a pen."""
    canvas.setLineWidth(line)
    canvas.rect(x, y, size, size, stroke=1, fill=0)


@dataclass(frozen=True, slots=True)
class QrCode:
    """A QR code ready to draw: its size in modules and its dark runs as PDF operators
    (rectangles in module units). Made once per text, drawn on as many labels as needed."""

    modules: int
    ops: str


def qr_code(text: str) -> QrCode:
    """The QR code of `text` at error correction level M, encoded by zxing-cpp (C++)."""
    import zxingcpp

    image = zxingcpp.create_barcode(text, zxingcpp.BarcodeFormat.QRCode, ec_level="M").to_image(
        scale=1, add_quiet_zones=False
    )
    view = memoryview(image)
    n = view.shape[1] if view.shape else 0  # square: n x n modules
    pixels = view.tobytes()  # one byte a module, row by row; 0 is dark
    ops: list[str] = []
    for r in range(n):
        row = pixels[r * n : (r + 1) * n]
        y = n - 1 - r
        c = row.find(0)
        while c != -1:
            end = row.find(255, c)
            if end == -1:
                end = n
            ops.append(f"{c} {y} {end - c} 1 re")
            c = row.find(0, end)
    ops.append("f")
    return QrCode(modules=n, ops="\n".join(ops))


def draw_qr(canvas: Any, qr: QrCode, x: float, y_top: float, module: float) -> None:
    """Draw `qr` with its top-left corner at (x, y_top), `module` points per module.

    The dark runs of each row are rectangles of one filled path under one scaling, so a
    viewer or printer driver shows no hairlines between neighbouring modules, and the
    operators are short integers (a thousand labels draw in a fraction of a second).
    """
    canvas.saveState()
    canvas.setFillColorRGB(0, 0, 0)
    canvas.transform(module, 0, 0, module, x, y_top - qr.modules * module)
    canvas.addLiteral(qr.ops)
    canvas.restoreState()


@contextmanager
def binary_streams() -> Iterator[None]:
    """Save a canvas with plain (zlib) streams instead of ASCII85 on top.

    reportlab's ASCII85 encoder is pure Python and took most of the time of a thousand
    labels; binary streams are standard PDF, and smaller. rl_config is global, so the
    switch is held only while saving, under a lock.
    """
    from reportlab import rl_config

    with _A85_LOCK:
        old = rl_config.useA85
        rl_config.useA85 = 0
        try:
            yield
        finally:
            rl_config.useA85 = old


def wrap(text: str, font: str, size: float, max_width: float, max_lines: int) -> list[str]:
    """Break `text` anywhere (Chinese has no spaces) into at most `max_lines` lines; the last
    one ends with "…" if text is left over."""
    lines: list[str] = []
    rest = text
    while rest and len(lines) < max_lines:
        if width(rest, font, size) <= max_width:
            lines.append(rest)
            return lines
        if len(lines) == max_lines - 1:
            lines.append(ellipsize(rest, font, size, max_width))
            return lines
        lo, hi = 1, len(rest)
        while lo < hi:
            mid = (lo + hi + 1) // 2
            if width(rest[:mid], font, size) <= max_width:
                lo = mid
            else:
                hi = mid - 1
        lines.append(rest[:lo])
        rest = rest[lo:].lstrip()
    return lines
