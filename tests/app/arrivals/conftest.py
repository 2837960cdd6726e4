"""The demo pickup point on a real SQLite file, with the campaign arriving today."""
from __future__ import annotations

import pytest
from arrivals_factory import Station
from sqlalchemy import select

from app.arrivals import ReceivingService
from app.clock import BusinessCalendar, FixedClock
from app.demo_seed import seed_demo
from app.station_service import StationService
from local_db.engine import Database
from local_db.models import Campaign, GroupOrder


@pytest.fixture
def station(db: Database, clock: FixedClock, calendar: BusinessCalendar) -> Station:
    seed_demo(db, now=clock.now(), calendar=calendar)
    today = calendar.business_day(clock.now())
    with db.read() as uow:
        campaign_id = uow.session.scalar(select(Campaign.id).where(Campaign.pickup_date == today))
        waiting = uow.session.scalars(
            select(GroupOrder.fulfilment).where(GroupOrder.campaign_id == campaign_id)
        ).all()
    assert campaign_id is not None and set(waiting) == {"awaiting"}
    staff = StationService(db)
    return Station(
        db=db, clock=clock, calendar=calendar, receiving=ReceivingService(db, clock),
        leader=staff.actor("03"), owner=staff.actor("01"), clerk=staff.actor("02"),
        campaign_id=campaign_id,
    )
