"""The eves of China's public holidays: the day before a holiday begins, when a corner store
sells more (drinks, snacks, gifts). The reorder suggestion bumps those days.

The dates are the first days of the statutory holidays as the State Council announced them
(2027 as expected by the lunar calendar until it is announced); an owner adds or removes eves
in the Stock report, and those choices are kept with the reorder options.
"""
from __future__ import annotations

from datetime import date, timedelta

from app.i18n import Text

HOLIDAY_STARTS: dict[date, Text] = {
    date(2025, 1, 1): Text("元旦", "New Year's Day"),
    date(2025, 1, 28): Text("春节", "Spring Festival"),
    date(2025, 4, 4): Text("清明节", "Qingming"),
    date(2025, 5, 1): Text("劳动节", "Labour Day"),
    date(2025, 5, 31): Text("端午节", "Dragon Boat Festival"),
    date(2025, 10, 1): Text("国庆节", "National Day"),
    date(2026, 1, 1): Text("元旦", "New Year's Day"),
    date(2026, 2, 15): Text("春节", "Spring Festival"),
    date(2026, 4, 4): Text("清明节", "Qingming"),
    date(2026, 5, 1): Text("劳动节", "Labour Day"),
    date(2026, 6, 19): Text("端午节", "Dragon Boat Festival"),
    date(2026, 9, 25): Text("中秋节", "Mid-Autumn Festival"),
    date(2026, 10, 1): Text("国庆节", "National Day"),
    date(2027, 1, 1): Text("元旦", "New Year's Day"),
    date(2027, 2, 5): Text("春节", "Spring Festival"),
    date(2027, 4, 3): Text("清明节", "Qingming"),
    date(2027, 5, 1): Text("劳动节", "Labour Day"),
    date(2027, 6, 9): Text("端午节", "Dragon Boat Festival"),
    date(2027, 9, 15): Text("中秋节", "Mid-Autumn Festival"),
    date(2027, 10, 1): Text("国庆节", "National Day"),
}


def builtin_eves() -> dict[date, Text]:
    """Eve -> the holiday it comes before (a day that is itself a holiday is not an eve)."""
    starts = set(HOLIDAY_STARTS)
    return {start - timedelta(days=1): name for start, name in HOLIDAY_STARTS.items()
            if start - timedelta(days=1) not in starts}


def holiday_eves(*, added: tuple[date, ...] = (), removed: tuple[date, ...] = ()) -> dict[date, Text]:
    """The eves in use: the built-in ones less those removed, plus those the owner added."""
    eves = {d: name for d, name in builtin_eves().items() if d not in set(removed)}
    for d in added:
        eves.setdefault(d, Text("店主添加", "Added by the owner"))
    return eves


__all__ = ["HOLIDAY_STARTS", "builtin_eves", "holiday_eves"]
