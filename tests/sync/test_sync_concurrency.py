"""A counter sale is committed while a large pull is being applied: neither fails, and
neither waits long (the pull applies its pages in small transactions)."""
from __future__ import annotations

import threading
import uuid
from datetime import UTC, date, datetime

from sqlalchemy import select

from local_db.models import Outbox, Payment, Sale, SaleLine, Staff
from sync.engine import SyncProgress
from sync.outbox import write_event
from sync.protocol import PaymentData, SaleEvent, SaleLineData
from tests.sync.test_sync_support import Cloud, cloud_station, count, local_orders
from tests.sync.test_sync_support import StationHarness as Station

pytest_plugins = ["tests.sync.test_sync_support"]


def ring_up(station: Station, n: int) -> None:
    """What the counter's checkout writes: the sale, its lines and payment, and the event."""
    now = datetime.now(UTC)
    with station.db.write() as uow:
        s = uow.session
        staff = s.scalars(select(Staff).where(Staff.staff_no == "002")).one()
        sale = Sale(
            number=f"20261125-{n:04d}", business_day=date(2026, 11, 25),
            created_at=now.replace(tzinfo=None), staff_id=staff.id, subtotal_fen=500,
            total_fen=500,
        )
        s.add(sale)
        s.flush()
        s.add(SaleLine(sale_id=sale.id, name="农夫山泉 550ml", qty=2, unit_price_fen=250,
                       list_price_fen=250, line_total_fen=500))
        s.add(Payment(sale_id=sale.id, method="cash", amount_fen=500, tendered_fen=500))
        write_event(
            s,
            SaleEvent(
                created_at=now, sale_uuid=sale.uuid, number=sale.number,
                business_day=sale.business_day, staff_uuid=staff.uuid,
                lines=[SaleLineData(name="农夫山泉 550ml", qty=2, unit_price_fen=250,
                                    line_total_fen=500)],
                payments=[PaymentData(method="cash", amount_fen=500, tendered_fen=500)],
                subtotal_fen=500, total_fen=500,
            ),
            now=now,
        )
        uow.commit()


def test_counter_sales_commit_while_a_big_pull_is_applied(cloud: Cloud, station: Station) -> None:
    code, order_ids = cloud_station(cloud, orders=600, seed=51)
    station.enrol(cloud.url, code)
    pulling = threading.Event()
    results: dict[str, object] = {}

    def pull() -> None:
        def progress(p: SyncProgress) -> None:
            if p.phase == "pull" and p.pages >= 2:
                pulling.set()

        results["report"] = station.engine(cloud.url, pull_limit=40).run(progress=progress)

    def sell() -> None:
        assert pulling.wait(60), "the pull never got going"
        try:
            for n in range(1, 31):
                ring_up(station, n)
            results["sales"] = 30
        except Exception as exc:  # noqa: BLE001 - reported below
            results["sales"] = exc

    threads = [threading.Thread(target=pull), threading.Thread(target=sell)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=120)
    assert not any(t.is_alive() for t in threads), "a thread is stuck"
    report = results["report"]
    assert report.ok, report.error  # type: ignore[attr-defined]
    assert report.pages >= 10  # type: ignore[attr-defined]
    assert results["sales"] == 30
    assert count(station.db, Sale) == 30
    assert count(station.db, Outbox, Outbox.kind == "sale") == 30
    assert sorted(local_orders(station.db)) == sorted(order_ids)
    # The sales go up with the next sync.
    report = station.engine(cloud.url).run()
    assert report.ok and report.push.statuses == {"applied": 30}
    assert uuid.UUID(station.enrolment.device_id)  # type: ignore[union-attr]
