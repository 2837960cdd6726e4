"""Words, numbers and colours the Arrivals widgets share (GLOSSARY.md's terms).

Everything a person reads goes through Qt's translations; the core's codes (ambient,
latest_first, slot, 60x40…) never reach the screen as they are.
"""
from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QWidget

from app.arrivals import ZONE_LETTER, ZONES
from app.clock import BusinessCalendar


def zone_name(zone: str) -> str:
    """常温 / 冷藏 / 冷冻."""
    names = {
        "ambient": QCoreApplication.translate("ArrivalsWords", "Ambient"),
        "chilled": QCoreApplication.translate("ArrivalsWords", "Chilled"),
        "frozen": QCoreApplication.translate("ArrivalsWords", "Frozen"),
    }
    return names.get(zone, names["ambient"])


def rule_name(rule: str) -> str:
    names = {
        "latest_first": QCoreApplication.translate("ArrivalsWords", "Latest orders lose first"),
        "earliest_first": QCoreApplication.translate("ArrivalsWords", "Earliest orders lose first"),
        "proportional": QCoreApplication.translate("ArrivalsWords", "Spread evenly"),
        "manual": QCoreApplication.translate("ArrivalsWords", "By hand"),
    }
    return names.get(rule, rule)


def rule_hint(rule: str) -> str:
    hints = {
        "latest_first": QCoreApplication.translate(
            "ArrivalsWords", "The orders placed last go without, one whole line at a time."),
        "earliest_first": QCoreApplication.translate(
            "ArrivalsWords", "The orders placed first go without, one whole line at a time."),
        "proportional": QCoreApplication.translate(
            "ArrivalsWords", "Everyone loses a little, in proportion to how many they ordered."),
        "manual": QCoreApplication.translate(
            "ArrivalsWords", "Type how many each order loses; each item's shares must add up."),
    }
    return hints.get(rule, "")


def sort_name(sort: str) -> str:
    names = {
        "slot": QCoreApplication.translate("ArrivalsWords", "By shelf slot"),
        "code": QCoreApplication.translate("ArrivalsWords", "By pickup code"),
        "name": QCoreApplication.translate("ArrivalsWords", "By name (pinyin)"),
        "building": QCoreApplication.translate("ArrivalsWords", "By building and room"),
    }
    return names.get(sort, sort)


def label_size_name(size: str) -> str:
    names = {
        "60x40": QCoreApplication.translate("ArrivalsWords", "Thermal 60 × 40 mm"),
        "50x30": QCoreApplication.translate("ArrivalsWords", "Thermal 50 × 30 mm"),
        "100x150": QCoreApplication.translate("ArrivalsWords", "Thermal 100 × 150 mm"),
        "a4-3x8": QCoreApplication.translate("ArrivalsWords", "A4 sheet, 3 × 8 labels"),
    }
    return names.get(size, size)


def claim_kind_name(kind: str) -> str:
    """售后 kinds: 缺货 for missing pieces, 破损 for damaged ones."""
    if kind == "damaged":
        return QCoreApplication.translate("ArrivalsWords", "Damaged")
    return QCoreApplication.translate("ArrivalsWords", "Short")


def pickup_day(calendar: BusinessCalendar, day: date | None, now: datetime) -> str:
    """今天 / 明天 / 11-27, for the delivery list."""
    if day is None:
        return QCoreApplication.translate("ArrivalsWords", "no pickup date")
    today = calendar.business_day(now)
    if day == today:
        return QCoreApplication.translate("ArrivalsWords", "today")
    if (day - today).days == 1:
        return QCoreApplication.translate("ArrivalsWords", "tomorrow")
    return f"{day:%m-%d}"


def local_time(calendar: BusinessCalendar, at: datetime | None) -> str:
    """11-24 21:05 in the store's time zone."""
    if at is None:
        return ""
    return f"{calendar.local(at):%m-%d %H:%M}"


def slot_ranges(zone: str, numbers: Iterable[int], *, runs_shown: int = 3) -> str:
    """The bag numbers of one zone as a leader reads them off the shelf: "A-001–A-012, A-015"
    for a few runs, "A-001 … A-069" (first to last) when they are scattered."""
    letter = ZONE_LETTER.get(zone, "A")
    runs: list[tuple[int, int]] = []
    for n in sorted(set(numbers)):
        if runs and n == runs[-1][1] + 1:
            runs[-1] = (runs[-1][0], n)
        else:
            runs.append((n, n))
    if not runs:
        return ""
    if len(runs) > runs_shown:
        return f"{letter}-{runs[0][0]:03d} … {letter}-{runs[-1][1]:03d}"
    return ", ".join(f"{letter}-{a:03d}" if a == b else f"{letter}-{a:03d}–{letter}-{b:03d}"
                     for a, b in runs)


def zones_in_order(zones: Iterable[str]) -> list[str]:
    present = set(zones)
    return [z for z in ZONES if z in present]


def repolish(widget: QWidget) -> None:
    """Apply the style sheet again after a dynamic property (tone) changed."""
    widget.style().unpolish(widget)
    widget.style().polish(widget)
    widget.update()


__all__ = [
    "claim_kind_name",
    "label_size_name",
    "local_time",
    "pickup_day",
    "repolish",
    "rule_hint",
    "rule_name",
    "slot_ranges",
    "sort_name",
    "zone_name",
    "zones_in_order",
]
