"""Time: instants are UTC; "today" is the store's business day in its zone with a cut-off hour."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from typing import Protocol
from zoneinfo import ZoneInfo


class Clock(Protocol):
    def now(self) -> datetime:
        """The current instant, timezone-aware UTC."""
        ...


class SystemClock:
    def now(self) -> datetime:
        return datetime.now(UTC)


class FixedClock:
    """A clock for tests and the bench: stands still unless advanced."""

    def __init__(self, instant: datetime) -> None:
        if instant.tzinfo is None:
            raise ValueError("FixedClock needs an aware datetime")
        self._now = instant.astimezone(UTC)

    def now(self) -> datetime:
        return self._now

    def advance(self, **kwargs: float) -> None:
        self._now += timedelta(**kwargs)

    def set(self, instant: datetime) -> None:
        self._now = instant.astimezone(UTC)


@dataclass(frozen=True, slots=True)
class BusinessCalendar:
    """The store's business day: a sale at 00:30 before a 04:00 cut-off belongs to yesterday."""

    zone: str = "Asia/Shanghai"
    cutoff_hour: int = 4

    @property
    def tz(self) -> ZoneInfo:
        return ZoneInfo(self.zone)

    def business_day(self, instant: datetime) -> date:
        if instant.tzinfo is None:
            raise ValueError("business_day needs an aware datetime")
        local = instant.astimezone(self.tz)
        return (local - timedelta(hours=self.cutoff_hour)).date()

    def day_bounds(self, day: date) -> tuple[datetime, datetime]:
        """The UTC instants [start, end) of a business day."""
        start_local = datetime(day.year, day.month, day.day, self.cutoff_hour, tzinfo=self.tz)
        nxt = day + timedelta(days=1)
        end_local = datetime(nxt.year, nxt.month, nxt.day, self.cutoff_hour, tzinfo=self.tz)
        return start_local.astimezone(UTC), end_local.astimezone(UTC)

    def local(self, instant: datetime) -> datetime:
        return instant.astimezone(self.tz)


def as_utc(instant: datetime) -> datetime:
    """SQLite hands back naive datetimes; everything we store is UTC."""
    if instant.tzinfo is None:
        return instant.replace(tzinfo=UTC)
    return instant.astimezone(UTC)
