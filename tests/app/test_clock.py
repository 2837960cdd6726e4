"""The business day on a machine whose clock is UTC (as CI's is)."""
from __future__ import annotations

from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

import pytest

from app.clock import BusinessCalendar, FixedClock, as_utc

SH = ZoneInfo("Asia/Shanghai")


@pytest.mark.parametrize(
    ("local", "cutoff", "day"),
    [
        (datetime(2026, 11, 25, 23, 30, tzinfo=SH), 0, date(2026, 11, 25)),
        (datetime(2026, 11, 26, 0, 30, tzinfo=SH), 0, date(2026, 11, 26)),
        # a late-night shop with a 04:00 cut-off: 00:30 still belongs to the day before
        (datetime(2026, 11, 25, 23, 30, tzinfo=SH), 4, date(2026, 11, 25)),
        (datetime(2026, 11, 26, 0, 30, tzinfo=SH), 4, date(2026, 11, 25)),
        (datetime(2026, 11, 26, 4, 0, tzinfo=SH), 4, date(2026, 11, 26)),
    ],
)
def test_business_day(local: datetime, cutoff: int, day: date) -> None:
    cal = BusinessCalendar("Asia/Shanghai", cutoff)
    assert cal.business_day(local.astimezone(UTC)) == day


def test_utc_midnight_is_not_the_shops_midnight() -> None:
    cal = BusinessCalendar("Asia/Shanghai", 0)
    # 16:30 UTC on the 25th is 00:30 on the 26th in Shanghai
    assert cal.business_day(datetime(2026, 11, 25, 16, 30, tzinfo=UTC)) == date(2026, 11, 26)


def test_day_bounds_cover_the_day() -> None:
    cal = BusinessCalendar("Asia/Shanghai", 4)
    start, end = cal.day_bounds(date(2026, 11, 25))
    assert start == datetime(2026, 11, 24, 20, 0, tzinfo=UTC)
    assert end == datetime(2026, 11, 25, 20, 0, tzinfo=UTC)
    assert cal.business_day(start) == date(2026, 11, 25)
    assert cal.business_day(end) == date(2026, 11, 26)


def test_naive_instants_are_refused_and_restored() -> None:
    with pytest.raises(ValueError):
        BusinessCalendar().business_day(datetime(2026, 11, 25, 12, 0))
    with pytest.raises(ValueError):
        FixedClock(datetime(2026, 11, 25, 12, 0))
    assert as_utc(datetime(2026, 11, 25, 12, 0)).tzinfo is UTC


def test_fixed_clock_advances() -> None:
    c = FixedClock(datetime(2026, 11, 25, 2, 0, tzinfo=UTC))
    c.advance(minutes=11)
    assert c.now() == datetime(2026, 11, 25, 2, 11, tzinfo=UTC)
