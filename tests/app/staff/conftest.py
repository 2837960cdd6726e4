"""A station with three people and PINs, made through the staff service itself."""
from __future__ import annotations

import logging
from dataclasses import dataclass

import pytest
from sqlalchemy import select

from app.actors import Actor
from app.clock import FixedClock
from app.staff import StaffService
from local_db.engine import Database
from local_db.models import AuditLog, Station

PINS = {"01": "4826", "02": "5937", "03": "6048"}


@pytest.fixture(autouse=True)
def _own_logging():
    """bootstrap() points the process's log at its data folder once (app/logging_setup.py);
    take that handler away again, so a later test's bootstrap gets its own log file."""
    root = logging.getLogger()
    before = list(root.handlers)
    yield
    for handler in [h for h in root.handlers if h not in before]:
        root.removeHandler(handler)
        handler.close()


@dataclass
class Shop:
    db: Database
    clock: FixedClock
    staff: StaffService
    owner: Actor
    clerk: Actor
    leader: Actor

    def audit(self, action: str | None = None) -> list[AuditLog]:
        with self.db.read() as uow:
            query = select(AuditLog).order_by(AuditLog.id)
            if action is not None:
                query = query.where(AuditLog.action == action)
            rows = list(uow.session.scalars(query).all())
            uow.session.expunge_all()  # readable after the unit of work rolls back
            return rows


@pytest.fixture
def shop(db: Database, clock: FixedClock) -> Shop:
    with db.write() as uow:
        uow.session.add(Station(id=7, code="ST007", name="幸福里自提点"))
        uow.commit()
    staff = StaffService(db, clock)
    owner = staff.set_up_first_owner(staff_no="01", pin=PINS["01"], name="王秀英")
    staff.set_roles(actor=owner, staff_no="01", roles=["owner", "leader"])
    staff.add_staff(actor=_actor(staff, "01"), staff_no="02", name="李明", roles=["clerk"], pin=PINS["02"])
    staff.add_staff(actor=_actor(staff, "01"), staff_no="03", name="赵芳", roles=["leader"], pin=PINS["03"])
    return Shop(db, clock, staff, _actor(staff, "01"), _actor(staff, "02"), _actor(staff, "03"))


def _actor(staff: StaffService, staff_no: str) -> Actor:
    return next(a for a in staff.signable() if a.staff_no == staff_no)
