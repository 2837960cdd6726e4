"""The stretch of business days a report covers: today, this week, this month, or a range.

Every report counts by the store's business day (its time zone and cut-off hour, see
app.clock.BusinessCalendar): a sale at 01:30 before a 04:00 cut-off belongs to yesterday.
Sales and refunds carry their business day (indexed), so a period is a BETWEEN on it. Things
that only have an instant (pickups, bags made ready) are counted in hour buckets by SQL and
each bucket is put on its business day and local hour here (`HourBuckets`), so a year is a
few thousand grouped rows, never every row.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from typing import Any

from sqlalchemy import func

from app.clock import BusinessCalendar
from app.errors import UserFacingError
from app.i18n import Text

PERIOD_KINDS = ("today", "week", "month", "range")
MAX_RANGE_DAYS = 400
"""A chosen range is at most this long (a year and a bit): enough for 'last year', and it
keeps a report's charts readable."""

KIND_NAMES: dict[str, Text] = {
    "today": Text("今天", "Today"),
    "week": Text("本周", "This week"),
    "month": Text("本月", "This month"),
    "range": Text("自选日期", "Chosen dates"),
}


@dataclass(frozen=True, slots=True)
class Period:
    """Business days first..last, both included."""

    kind: str  # today, week, month, range
    first: date
    last: date

    def __post_init__(self) -> None:
        if self.kind not in PERIOD_KINDS:
            raise ValueError(f"period kind must be one of {PERIOD_KINDS}, not {self.kind!r}")
        if self.first > self.last:
            raise ValueError("a period's first day comes before its last")

    @property
    def days(self) -> int:
        return (self.last - self.first).days + 1

    def each_day(self) -> list[date]:
        return [self.first + timedelta(days=i) for i in range(self.days)]

    def previous(self) -> Period:
        """The stretch of the same length just before (yesterday for today), for comparison."""
        span = timedelta(days=self.days)
        return Period("range", self.first - span, self.last - span)

    def label(self, lang: str = "zh_CN") -> str:
        """今天 2026-11-25, 本周 2026-11-23 ~ 2026-11-25 …"""
        name = KIND_NAMES[self.kind].for_lang(lang)
        if self.first == self.last:
            return f"{name} {self.first.isoformat()}"
        return f"{name} {self.first.isoformat()} ~ {self.last.isoformat()}"

    def contains(self, day: date) -> bool:
        return self.first <= day <= self.last


def make_period(kind: str, *, today: date, first: date | None = None,
                last: date | None = None) -> Period:
    """today / week (Monday to today) / month (the 1st to today) / range (first..last).

    A range that ends after today, starts after it ends or is longer than MAX_RANGE_DAYS is
    refused with a message for the owner.
    """
    if kind == "today":
        return Period(kind, today, today)
    if kind == "week":
        return Period(kind, today - timedelta(days=today.weekday()), today)
    if kind == "month":
        return Period(kind, today.replace(day=1), today)
    if kind != "range":
        raise ValueError(f"period kind must be one of {PERIOD_KINDS}, not {kind!r}")
    if first is None or last is None:
        raise UserFacingError("请选择开始和结束日期", "Choose the first and the last day",
                              code="bad_period")
    if first > last:
        raise UserFacingError("开始日期不能晚于结束日期", "The first day cannot come after the last",
                              code="bad_period")
    if (last - first).days + 1 > MAX_RANGE_DAYS:
        raise UserFacingError(f"一次最多统计 {MAX_RANGE_DAYS} 天",
                              f"A report covers {MAX_RANGE_DAYS} days at most", code="bad_period")
    return Period(kind, first, last)


def period_bounds(calendar: BusinessCalendar, period: Period) -> tuple[datetime, datetime]:
    """The UTC instants [start, end) of the period's business days (aware)."""
    start, _ = calendar.day_bounds(period.first)
    _, end = calendar.day_bounds(period.last)
    return start, end


def naive_utc(instant: datetime) -> datetime:
    """How the database stores an instant (naive UTC)."""
    return instant.astimezone(UTC).replace(tzinfo=None)


class HourBuckets:
    """Groups stored instants by the hour of the store's clock, in SQL.

    SQL buckets a naive-UTC column by `strftime('%Y-%m-%d %H', col, '+M minutes')`, where M is
    the zone's offset minutes within the hour (0 for Shanghai, 30 for India): every bucket is
    then one whole hour of local time even across a daylight-saving change. `place` turns a
    bucket back into its business day and local hour.
    """

    def __init__(self, calendar: BusinessCalendar) -> None:
        self.calendar = calendar
        offset = datetime(2026, 1, 1, tzinfo=calendar.tz).utcoffset() or timedelta(0)
        self.shift_minutes = int(offset.total_seconds() // 60) % 60
        self._cache: dict[str, tuple[date, int]] = {}

    def expr(self, column: Any) -> Any:
        """The SQL bucket of `column` (a naive-UTC DateTime column)."""
        if self.shift_minutes:
            return func.strftime("%Y-%m-%d %H", column, f"+{self.shift_minutes} minutes")
        return func.strftime("%Y-%m-%d %H", column)

    def place(self, bucket: str) -> tuple[date, int]:
        """(business day, local hour 0-23) of a bucket string from `expr`."""
        hit = self._cache.get(bucket)
        if hit is None:
            shifted = datetime.strptime(bucket, "%Y-%m-%d %H").replace(tzinfo=UTC)
            instant = shifted - timedelta(minutes=self.shift_minutes)
            hit = (self.calendar.business_day(instant), self.calendar.local(instant).hour)
            self._cache[bucket] = hit
        return hit


__all__ = [
    "KIND_NAMES",
    "MAX_RANGE_DAYS",
    "PERIOD_KINDS",
    "HourBuckets",
    "Period",
    "make_period",
    "naive_utc",
    "period_bounds",
]
