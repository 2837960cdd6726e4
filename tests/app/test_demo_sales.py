"""The demo's two weeks of sales: rung up through the real services, days closed, once."""
from __future__ import annotations

from sqlalchemy import func, select

from app.clock import BusinessCalendar, FixedClock
from app.demo_sales import ring_up_demo_sales
from app.demo_seed import seed_demo
from app.settings import Settings
from app.station_service import StationService
from local_db.engine import Database
from local_db.models import CashSession, Outbox, Sale


def test_demo_sales_fill_two_weeks_and_close_each_past_day(
    db: Database, clock: FixedClock, calendar: BusinessCalendar
) -> None:
    seed_demo(db, now=clock.now(), calendar=calendar)
    staff = StationService(db)
    args = dict(now=clock.now(), calendar=calendar, settings=Settings(),
                clerk=staff.actor("02"), owner=staff.actor("01"), days=3, per_day=5)
    rung = ring_up_demo_sales(db, **args)
    assert rung >= 12
    with db.read() as uow:
        s = uow.session
        assert s.scalar(select(func.count()).select_from(Sale)) == rung
        assert s.scalar(select(func.count()).select_from(Outbox).where(Outbox.kind == "sale")) == rung
        tills = s.scalars(select(CashSession).order_by(CashSession.id)).all()
        assert len(tills) == 4  # three closed past days and today's open till
        assert [t.z_number is not None for t in tills] == [True, True, True, False]
        assert all(0 <= t.expected_cash_fen - t.counted_cash_fen < 10 for t in tills[:3])
        last = s.scalar(select(func.max(Sale.created_at)))
    assert last is not None and last <= clock.now().replace(tzinfo=None)
    assert ring_up_demo_sales(db, **args) == 0  # once only
