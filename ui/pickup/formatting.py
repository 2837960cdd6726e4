"""Words, times and colours the Pickup widgets share.

Texts that come from the core (headlines, details, reminders) carry both languages
(app.i18n.Text); the words made here go through Qt's translations.
"""
from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QWidget

from app.clock import BusinessCalendar
from app.pickups import Tone, Verdict, VerdictState
from app.pickups.verdict import storage_name
from ui.i18n import current_language

# Band colours by tone: background, text. Green hand out, amber careful, red stop, blue info.
OK, WARN, STOP, INFO, IDLE = "ok", "warn", "stop", "info", "idle"
BAND_COLOURS: dict[str, tuple[str, str]] = {
    OK: ("#1b7a2e", "#ffffff"),
    WARN: ("#f2a900", "#1a1200"),
    STOP: ("#c62828", "#ffffff"),
    INFO: ("#1565c0", "#ffffff"),
    IDLE: ("#e3e7ec", "#333333"),
}
# A mark beside the headline, so the colour is never the only signal.
BAND_MARKS = {OK: "√", WARN: "！", STOP: "×", INFO: "？", IDLE: ""}


def band_tone(verdict: Verdict | None) -> str:
    """The colour of a verdict's band: the core's tone, but a part-collected order is amber
    (the leader hands out only what is left)."""
    if verdict is None:
        return IDLE
    if verdict.state == VerdictState.PARTLY_PICKED:
        return WARN
    return {Tone.OK: OK, Tone.WARN: WARN, Tone.STOP: STOP, Tone.INFO: INFO}[verdict.tone]


def method_name(method: str | None) -> str:
    """How an order was found or handed out, as the counter says it."""
    names = {
        "qr": QCoreApplication.translate("PickupWords", "QR code"),
        "code": QCoreApplication.translate("PickupWords", "Pickup code"),
        "phone": QCoreApplication.translate("PickupWords", "Phone ending"),
        "manual": QCoreApplication.translate("PickupWords", "By hand"),
    }
    return names.get(method or "", method or "")


def storage_text(storage: str) -> str:
    return storage_name(storage).for_lang(current_language())


def local_time(calendar: BusinessCalendar, at: datetime | None, now: datetime | None = None) -> str:
    """14:05 today, 11-24 14:05 another day (the store's own clock)."""
    if at is None:
        return ""
    local = calendar.local(at)
    if now is not None and calendar.business_day(at) == calendar.business_day(now):
        return f"{local:%H:%M}"
    return f"{local:%m-%d %H:%M}"


def short_code(text: str) -> str:
    """A scanned text as a list shows it: pickup codes whole, long QR texts by their ends."""
    text = text.strip()
    return text if len(text) <= 16 else f"{text[:6]}…{text[-4:]}"


def repolish(widget: QWidget) -> None:
    """Apply the style sheet again after a dynamic property (tone) changed."""
    widget.style().unpolish(widget)
    widget.style().polish(widget)
    widget.update()
