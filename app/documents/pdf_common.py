"""Small drawing helpers shared by the PDF documents (reportlab is imported by the callers)."""
from __future__ import annotations

from typing import Any

MM = 72.0 / 25.4
"""Points per millimetre."""


def qr_matrix(text: str, *, ec: str = "M") -> list[list[bool]]:
    """The QR modules for `text` (True = dark), without the quiet zone."""
    import qrcode
    from qrcode.constants import ERROR_CORRECT_H, ERROR_CORRECT_L, ERROR_CORRECT_M, ERROR_CORRECT_Q

    level = {"L": ERROR_CORRECT_L, "M": ERROR_CORRECT_M, "Q": ERROR_CORRECT_Q,
             "H": ERROR_CORRECT_H}[ec]
    code = qrcode.QRCode(error_correction=level, border=0)
    code.add_data(text)
    code.make(fit=True)
    return [[bool(cell) for cell in row] for row in code.get_matrix()]


def draw_qr(canvas: Any, matrix: list[list[bool]], x: float, y_top: float, module: float) -> None:
    """Draw a QR matrix with its top-left corner at (x, y_top), `module` points per module.

    Each row's dark runs become one rectangle of a single filled path, so no hairline gaps
    appear between modules when a viewer or printer driver anti-aliases.
    """
    path = canvas.beginPath()
    for r, row in enumerate(matrix):
        y = y_top - (r + 1) * module
        c = 0
        while c < len(row):
            if not row[c]:
                c += 1
                continue
            start = c
            while c < len(row) and row[c]:
                c += 1
            path.rect(x + start * module, y, (c - start) * module, module)
    canvas.saveState()
    canvas.setFillColorRGB(0, 0, 0)
    canvas.drawPath(path, stroke=0, fill=1)
    canvas.restoreState()
