"""Human numbers: receipt numbers per business day (20261125-0042) and serials (Z reports).

A number is taken from a `number_counter` row inside the caller's transaction: if the sale
fails to save, its number was never used and the next sale gets it; once saved, a number
is never given out again, by any till thread or after restoring a backup.

After a restore
    The restored file has forgotten the numbers printed since the backup was taken, and
    some of those receipts are in customers' hands or already on the platform. So the
    restore calls `jump_counters(session, floor, today=...)`, which
      * moves every existing counter forward by `floor` (5000 by default: more receipts
        than a corner store prints in a day, so the numbers printed since the backup lie
        behind the jump), and
      * remembers the jump, so that a counter the backup never had - a day after the backup
        was taken, up to and including `today`, or a serial never used before it - starts
        at the accumulated floor instead of at 1.
    Days after `today` start at 1 as usual. Numbers after a jump simply look higher
    (20261125-5043); they keep their shape, and past 9999 they grow a digit.
    Restoring the same old backup twice would forget the first jump as well: pass a floor
    that grows with the number of restores recorded outside the database (the settings
    file), e.g. DEFAULT_RESTORE_FLOOR * restores_so_far.
    `note_seen_number` raises a day counter past a number the platform reports it has seen.
"""
from __future__ import annotations

import re
from datetime import date

from sqlalchemy import func, select, update
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Session

from local_db.models import NumberCounter

DEFAULT_RESTORE_FLOOR = 5000
RESTORE_FLOOR_COUNTER = "restore:floor"  # the sum of all jumps so far
RESTORE_DAY_COUNTER = "restore:day"  # yyyymmdd of the latest restore's business day
# Counters that are not human numbers: the outbox sequence must rise by exactly one.
RESERVED_PREFIXES = ("outbox_seq:", "restore:")

_SERIES = re.compile(r"[a-z][a-z0-9_]{0,30}")
_RESERVED_SERIES = frozenset({"outbox_seq", "restore"})
_DAY_NUMBER = re.compile(r"(\d{8})-(\d+)")


def next_number(session: Session, series: str, day: date) -> str:
    """The next number of `series` on business day `day`, e.g. "20261125-0042".

    Numbering starts again at 0001 every business day (counter row "sale:20261125").
    """
    _check_series(series)
    day_key = _day_key(day)
    floor, restore_day = _restore_counters(session)
    start = floor if day_key <= restore_day else 0
    value = _take_next(session, f"{series}:{day_key}", start=start)
    return format_number(day, value)


def next_serial(session: Session, series: str) -> int:
    """The next number of a series that never restarts, e.g. the Z report's 1, 2, 3 …"""
    _check_series(series)
    return _take_next(session, series, start=_restore_floor(session))


def format_number(day: date, value: int) -> str:
    """How a day number is printed: the day, a dash, at least four digits."""
    return f"{day:%Y%m%d}-{value:04d}"


def jump_counters(session: Session, floor: int = DEFAULT_RESTORE_FLOOR, *, today: date) -> int:
    """After restoring a backup: move every number series past what may have been printed.

    Every human-number counter rises by `floor`; counters created later for days up to
    `today` (the business day of the restore), and serials not yet used, start at the sum
    of all floors so far. The outbox sequence is not touched (it gets a new epoch instead).
    Returns how many existing counters moved.
    """
    if isinstance(floor, bool) or not isinstance(floor, int) or floor < 1:
        raise ValueError("floor must be a whole number of at least 1")
    not_reserved = [~NumberCounter.name.startswith(p, autoescape=True) for p in RESERVED_PREFIXES]
    moved = session.execute(
        update(NumberCounter)
        .where(*not_reserved)
        .values(value=NumberCounter.value + floor)
        .execution_options(synchronize_session=False)
    )
    _raise_to(session, RESTORE_FLOOR_COUNTER, _restore_floor(session) + floor)
    _raise_to(session, RESTORE_DAY_COUNTER, _day_key(today))
    session.expire_all()
    return int(moved.rowcount or 0)  # type: ignore[attr-defined]


def note_seen_number(session: Session, series: str, number: str) -> None:
    """The platform has seen `number` of `series` (e.g. a receipt uploaded before a restore):
    make sure the day's counter never hands it, or anything below it, out again."""
    _check_series(series)
    match = _DAY_NUMBER.fullmatch(number)
    if match is None:
        raise ValueError(f"not a day number: {number!r}")
    day_key, value = int(match.group(1)), int(match.group(2))
    _raise_to(session, f"{series}:{day_key}", value)


# --- inside ----------------------------------------------------------------------------------


def _check_series(series: str) -> None:
    if not _SERIES.fullmatch(series) or series in _RESERVED_SERIES:
        raise ValueError(f"not a usable number series: {series!r}")


def _day_key(day: date) -> int:
    return day.year * 10_000 + day.month * 100 + day.day


def _counter_value(session: Session, name: str) -> int:
    value = session.scalar(select(NumberCounter.value).where(NumberCounter.name == name))
    return int(value or 0)


def _restore_floor(session: Session) -> int:
    return _counter_value(session, RESTORE_FLOOR_COUNTER)


def _restore_counters(session: Session) -> tuple[int, int]:
    """(floor, day) of the restores so far, in one query; (0, 0) before any restore."""
    rows = dict(session.execute(
        select(NumberCounter.name, NumberCounter.value)
        .where(NumberCounter.name.in_((RESTORE_FLOOR_COUNTER, RESTORE_DAY_COUNTER)))
    ).all())
    return int(rows.get(RESTORE_FLOOR_COUNTER) or 0), int(rows.get(RESTORE_DAY_COUNTER) or 0)


def _take_next(session: Session, name: str, *, start: int) -> int:
    # Create-or-increment in one statement, in the caller's (BEGIN IMMEDIATE) transaction.
    stmt = (
        sqlite_insert(NumberCounter)
        .values(name=name, value=start + 1)
        .on_conflict_do_update(
            index_elements=[NumberCounter.name], set_={"value": NumberCounter.value + 1}
        )
        .returning(NumberCounter.value)
    )
    return int(session.execute(stmt).scalar_one())


def _raise_to(session: Session, name: str, value: int) -> None:
    """Set a counter to at least `value`; a counter never goes down."""
    stmt = sqlite_insert(NumberCounter).values(name=name, value=value)
    stmt = stmt.on_conflict_do_update(
        index_elements=[NumberCounter.name],
        # SQLite's two-argument max() is the larger of the two, not an aggregate.
        set_={"value": func.max(NumberCounter.value, stmt.excluded.value)},
    )
    session.execute(stmt)
