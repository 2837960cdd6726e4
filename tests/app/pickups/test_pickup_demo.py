"""The pickup flow on the demo store: every state the seeder makes gives its verdict."""

from __future__ import annotations

from app.clock import BusinessCalendar, FixedClock
from app.demo_seed import seed_demo
from app.pickups import PickupService, VerdictState
from app.settings import Settings
from app.station_service import StationService
from local_db.engine import Database

EXPECTED = {
    "awaiting": {VerdictState.NOT_ARRIVED},
    "ready": {VerdictState.READY},
    "partial": {VerdictState.PARTLY_PICKED},
    "collected": {VerdictState.ALREADY_PICKED},
    "cancelled": {VerdictState.CANCELLED},
    "refunded": {VerdictState.REFUNDED},
}


def test_demo_orders_verify_and_hand_out(
    db: Database, clock: FixedClock, calendar: BusinessCalendar
) -> None:
    summary = seed_demo(db, now=clock.now(), calendar=calendar)
    service = PickupService(db, clock, calendar, Settings())
    for state, sample in summary.state_samples.items():
        verdict = service.verify(sample.qr_text)
        assert verdict.state in EXPECTED.get(state, set(VerdictState)), (state, verdict.state)
        assert verdict.order_id == sample.order_id
        assert sample.customer_name not in verdict.headline.zh + verdict.detail.zh
        by_code = service.verify(sample.pickup_code)
        assert by_code.order_id == sample.order_id or by_code.state is VerdictState.CHOICE

    ready = summary.ready_orders[0]
    leader = next(a for a in StationService(db).staff_on_roll() if "leader" in a.roles)
    tail = service.verify(ready.phone_tail)
    assert tail.state is VerdictState.CHOICE
    assert ready.order_id in {c.order_id for c in tail.choices}
    result = service.hand_out(ready.order_id, actor=leader, method="qr")
    assert result.fulfilment == "collected"
    assert service.verify(ready.qr_text).state is VerdictState.ALREADY_PICKED
    text = service.reminder_text(service.waiting_orders())
    assert text.startswith("【邻里站·幸福里店】")
    assert ready.customer_name not in text
