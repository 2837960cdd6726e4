"""Icons, style sheet, translations and the bundled CJK font."""
from __future__ import annotations

from pathlib import Path

RESOURCES_DIR = Path(__file__).resolve().parent
FONTS_DIR = RESOURCES_DIR / "fonts"
I18N_DIR = RESOURCES_DIR / "i18n"
CJK_FONT_FILE = FONTS_DIR / "wqy-microhei.ttc"
