"""The station itself: who works here, and the figures the status bar shows."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, select

from app.actors import Actor, parse_roles
from app.clock import as_utc
from app.errors import NotFound
from local_db.engine import Database
from local_db.models import Conflict, Outbox, Staff, Station, SyncState


@dataclass(frozen=True, slots=True)
class StationInfo:
    station_id: int
    code: str
    name: str
    is_demo: bool
    enrolled: bool


@dataclass(frozen=True, slots=True)
class SyncStatus:
    pending_uploads: int
    open_conflicts: int
    last_success_at: datetime | None
    last_error: str | None


def actor_from_row(row: Staff) -> Actor:
    return Actor(
        staff_id=row.id,
        uuid=row.uuid,
        staff_no=row.staff_no,
        name=row.name,
        roles=parse_roles(row.roles),
    )


class StationService:
    def __init__(self, db: Database) -> None:
        self._db = db

    def info(self) -> StationInfo | None:
        with self._db.read() as uow:
            row = uow.session.scalars(select(Station)).first()
            if row is None:
                return None
            return StationInfo(row.id, row.code, row.name, row.is_demo, row.enrolled_at is not None)

    def staff_on_roll(self) -> list[Actor]:
        """Active staff, by staff number."""
        with self._db.read() as uow:
            rows = uow.session.scalars(
                select(Staff).where(Staff.active.is_(True)).order_by(Staff.staff_no)
            ).all()
            return [actor_from_row(r) for r in rows]

    def actor(self, staff_no: str) -> Actor:
        with self._db.read() as uow:
            row = uow.session.scalars(select(Staff).where(Staff.staff_no == staff_no)).first()
            if row is None or not row.active:
                raise NotFound(f"没有工号为 {staff_no} 的员工", f"No staff member number {staff_no}")
            return actor_from_row(row)

    def sync_status(self) -> SyncStatus:
        """Pending uploads, open conflicts and the last successful sync, for the status bar."""
        with self._db.read() as uow:
            s = uow.session
            pending = s.scalar(select(func.count()).select_from(Outbox).where(Outbox.sent_at.is_(None)))
            conflicts = s.scalar(
                select(func.count()).select_from(Conflict).where(Conflict.resolved_at.is_(None))
            )
            state = dict(s.execute(select(SyncState.key, SyncState.value)).all())
        last = state.get("last_success_at")
        return SyncStatus(
            pending_uploads=int(pending or 0),
            open_conflicts=int(conflicts or 0),
            last_success_at=as_utc(datetime.fromisoformat(last)) if last else None,
            last_error=state.get("last_error"),
        )
