"""The one CJK font every PDF uses: registered with reportlab once, embedded in every document.

reportlab embeds only fonts with TrueType outlines (Noto Sans CJK is refused: "postscript
outlines are not supported"), so the bundled WenQuanYi Micro Hei comes first; the system's
TrueType CJK fonts are a fallback for a broken install.
"""
from __future__ import annotations

import logging
import sys
import threading
from pathlib import Path

from app.errors import UserFacingError

log = logging.getLogger(__name__)

CJK_FONT_NAME = "CornerStationCJK"
"""The name documents pass to setFont(); whichever file backs it, the name stays the same."""

_lock = threading.Lock()
_registered: str | None = None
_source: Path | None = None


def _bundled_font() -> Path | None:
    try:
        from resources import CJK_FONT_FILE
    except ImportError:  # a stripped-down install without resources/
        return None
    return Path(CJK_FONT_FILE)


def font_candidates() -> list[Path]:
    """Font files to try, best first: the bundled one, then TrueType CJK fonts of the system."""
    paths: list[Path] = []
    bundled = _bundled_font()
    if bundled is not None:
        paths.append(bundled)
    if sys.platform.startswith("win"):
        import os

        fonts = Path(os.environ.get("WINDIR", r"C:\Windows")) / "Fonts"
        paths += [fonts / "msyh.ttc", fonts / "simhei.ttf", fonts / "simsun.ttc"]
    elif sys.platform == "darwin":
        paths += [Path("/Library/Fonts/Arial Unicode.ttf"),
                  Path("/System/Library/Fonts/Supplemental/Arial Unicode.ttf")]
    else:
        paths += [Path("/usr/share/fonts/truetype/wqy/wqy-microhei.ttc"),
                  Path("/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc"),
                  Path("/usr/share/fonts/wqy-microhei/wqy-microhei.ttc")]
    return paths


def register_cjk_font() -> str:
    """Register the CJK font with reportlab (once, from any thread) and return its name.

    Raises UserFacingError when no usable font exists: then no document can be printed.
    """
    global _registered, _source
    if _registered is not None:
        return _registered
    with _lock:
        if _registered is not None:
            return _registered
        from reportlab.pdfbase import pdfmetrics
        from reportlab.pdfbase.ttfonts import TTFont

        for path in font_candidates():
            if not path.is_file():
                continue
            try:
                font = TTFont(CJK_FONT_NAME, str(path), subfontIndex=0)
            except Exception as exc:  # TTFError for CFF outlines, OSError for a bad file
                log.warning("CJK font %s is not usable for PDFs: %s", path, exc)
                continue
            pdfmetrics.registerFont(font)
            _source = path
            _registered = CJK_FONT_NAME
            if path != _bundled_font():
                log.warning("bundled CJK font missing; PDFs use the system font %s", path)
            return _registered
    raise UserFacingError(
        "找不到中文字体，无法生成打印文件。请重新安装邻里站。",
        "No Chinese font was found, so documents cannot be made. Please reinstall Corner Station.",
        code="font_missing",
    )


def registered_font_file() -> Path | None:
    """The file behind the registered font (for diagnostics), or None before registration."""
    return _source


def text_width(text: str, size: float, font_name: str | None = None) -> float:
    """Width of `text` in points at `size` in the CJK font (or another registered font)."""
    from reportlab.pdfbase import pdfmetrics

    return float(pdfmetrics.stringWidth(text, font_name or register_cjk_font(), size))
