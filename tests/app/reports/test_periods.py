"""Periods by business day; hour buckets on the store's clock, across zones."""
from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from app.clock import BusinessCalendar
from app.errors import UserFacingError
from app.reports import make_period
from app.reports.periods import HourBuckets, period_bounds

WED = date(2026, 11, 25)


def test_today_week_month_and_a_range() -> None:
    assert (make_period("today", today=WED).first, make_period("today", today=WED).last) == (WED, WED)
    week = make_period("week", today=WED)
    assert (week.first, week.days) == (date(2026, 11, 23), 3)
    month = make_period("month", today=WED)
    assert (month.first, month.days) == (date(2026, 11, 1), 25)
    r = make_period("range", today=WED, first=date(2026, 1, 1), last=date(2026, 1, 31))
    assert r.days == 31 and r.previous().last == date(2025, 12, 31) and r.previous().days == 31
    assert week.label("zh_CN") == "本周 2026-11-23 ~ 2026-11-25"


@pytest.mark.parametrize(("first", "last"), [
    (date(2026, 2, 1), date(2026, 1, 1)), (date(2024, 1, 1), date(2026, 1, 1)), (None, WED)])
def test_odd_ranges_are_refused_with_a_message(first, last) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(UserFacingError):
        make_period("range", today=WED, first=first, last=last)


def test_period_bounds_follow_the_cutoff() -> None:
    cal = BusinessCalendar("Asia/Shanghai", 4)
    start, end = period_bounds(cal, make_period("today", today=WED))
    assert start == datetime(2026, 11, 24, 20, 0, tzinfo=UTC)  # 04:00 in Shanghai
    assert end == datetime(2026, 11, 25, 20, 0, tzinfo=UTC)


def test_hour_buckets_place_instants_on_the_local_clock() -> None:
    shanghai = HourBuckets(BusinessCalendar("Asia/Shanghai", 4))
    assert shanghai.shift_minutes == 0
    assert shanghai.place("2026-11-25 15") == (WED, 23)  # 23:00 local
    assert shanghai.place("2026-11-25 17") == (WED, 1)  # 01:00 the next morning, same business
    assert shanghai.place("2026-11-25 20") == (date(2026, 11, 26), 4)
    india = HourBuckets(BusinessCalendar("Asia/Kolkata", 4))
    assert india.shift_minutes == 30
    # 17:45 UTC + 30 min -> bucket "18": 18:00 UTC - 30 min = 17:30 UTC = 23:00 in Kolkata
    assert india.place("2026-11-25 18") == (WED, 23)
    berlin = HourBuckets(BusinessCalendar("Europe/Berlin", 0))
    assert berlin.place("2026-07-01 22") == (date(2026, 7, 2), 0)  # summer time, UTC+2
    assert berlin.place("2026-12-01 22") == (date(2026, 12, 1), 23)  # winter, UTC+1
