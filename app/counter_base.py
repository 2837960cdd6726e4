"""What the counter services share: their constructor, time conversions, the open till."""
from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.actors import Actor
from app.clock import BusinessCalendar, Clock, as_utc
from app.errors import PermissionDenied, UserFacingError
from app.settings import Settings
from local_db.engine import Database
from local_db.models import CashSession, Staff


class CounterService:
    """Base of the counter's services: built once with the database, clock, calendar, settings."""

    def __init__(
        self, db: Database, clock: Clock, calendar: BusinessCalendar, settings: Settings
    ) -> None:
        self._db = db
        self._clock = clock
        self._calendar = calendar
        self._settings = settings

    def _local(self, stored: datetime) -> datetime:
        """A stored (naive UTC) instant in the store's zone."""
        return self._calendar.local(as_utc(stored))


def naive_utc(instant: datetime) -> datetime:
    return instant.astimezone(UTC).replace(tzinfo=None)


def open_cash_session(session: Session) -> CashSession | None:
    """The till that is open now (at most one), or None."""
    return session.scalars(
        select(CashSession).where(CashSession.closed_at.is_(None)).order_by(CashSession.id.desc())
    ).first()


def require_open_till(session: Session) -> CashSession:
    till = open_cash_session(session)
    if till is None:
        raise UserFacingError(
            "钱箱还没有开班，请先开班（输入备用金）",
            "The till is not open yet: open it with the float first",
            code="till_closed",
        )
    return till


def staff_names(session: Session, ids: Iterable[int | None]) -> dict[int, str]:
    wanted = {i for i in ids if i is not None}
    if not wanted:
        return {}
    rows = session.execute(select(Staff.id, Staff.name).where(Staff.id.in_(wanted)))
    return dict(rows.all())


def check_approver(approver: Actor | None) -> None:
    """An approver, when one is given, must be an owner (a clerk cannot approve a clerk)."""
    if approver is not None and not approver.is_owner:
        raise PermissionDenied("批准人必须是店主", "The approver must be an owner")


def check_reason(reason: str, *, required: bool) -> str:
    clean = " ".join(reason.split())
    if len(clean) > 200:
        raise UserFacingError("原因最多200字", "A reason is 200 characters at most", code="bad_reason")
    if required and not clean:
        raise UserFacingError("请填写原因", "Please give a reason", code="reason_required")
    return clean


def check_fen(value: object, *, minimum: int = 0, zh: str = "金额无效", en: str = "Invalid amount") -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < minimum:
        raise UserFacingError(zh, en, code="bad_amount")
    return value
