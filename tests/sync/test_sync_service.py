"""The app's sync facade against the real server: conflicts on both sides and their
resolution (audited), one station walled off from another, and enrolment's corners."""
from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy import select

from app.errors import PermissionDenied, UserFacingError
from app.pickups import PickupService, VerdictState
from app.settings import Settings
from app.station_service import StationService
from app.sync_service import SyncService
from cloud.models import GroupOrderLine as CloudLine
from cloud.models import PickupRecord
from cloud.reports import list_conflicts
from local_db.models import AuditLog, Conflict, GroupOrderLine, Outbox
from sync.client import BadEnrolCode
from sync.enrol import EnrolmentRefused
from sync.outbox import write_event
from sync.protocol import PaymentData, PickupEvent, PickupLineData, SaleEvent, SaleLineData
from tests.cloud.cloud_helpers import make_campaign, make_station, run_admin, simulate
from tests.sync.test_sync_support import (
    FAST_RETRY,
    Cloud,
    cloud_station,
    count,
    local_orders,
    mark_arrived,
    pending,
)
from tests.sync.test_sync_support import StationHarness as Station

pytest_plugins = ["tests.sync.test_sync_support"]


@pytest.fixture
def service(station: Station, tmp_path: Path) -> SyncService:
    return SyncService(station.db, Settings(), station.clock, tmp_path / "data",
                       tokens=station.tokens, log=station.log, retry=FAST_RETRY)


def test_refunded_then_picked_up_is_a_conflict_on_both_sides_and_is_resolved(
    cloud: Cloud, station: Station, service: SyncService, calendar
) -> None:
    code, order_ids = cloud_station(cloud, orders=5, seed=61)
    owner = StationService(station.db).actor("001")
    clerk = StationService(station.db).actor("002")
    with pytest.raises(PermissionDenied):
        service.enrol(cloud_url=cloud.url, enrol_code=code, actor=clerk)
    service.enrol(cloud_url=cloud.url, enrol_code=code, actor=owner)
    first = service.sync_now()
    assert first.ok and first.pulled > 0
    mark_arrived(station.db)
    victim = order_ids[0]

    run_admin(cloud.db.url, "refund", str(victim), "--reason", "商品售罄")  # the platform refunds ...
    pickups = PickupService(station.db, station.clock, calendar, Settings())
    pickups.hand_out(victim, actor=owner)  # ... while the counter, offline, hands the bag out

    summary = service.sync_now()
    assert summary.ok and summary.new_conflicts == 1 and summary.statuses == {"conflict": 1}
    with cloud.db.read() as s:
        theirs = list_conflicts(s)
    assert [(c["order_id"], c["reason"]) for c in theirs] == [(victim, "order_refunded")]
    assert local_orders(station.db)[victim].cloud_state == "refunded"
    assert pickups.verdict_for_order(victim).state == VerdictState.REFUNDED

    overview = service.overview()
    assert overview.open_conflicts == 1 and overview.online and not overview.needs_enrolment
    [conflict] = service.conflicts()
    assert conflict.order_id == victim and conflict.reason == "order_refunded"
    assert "退款" in conflict.explanation.zh and "refunded" in conflict.explanation.en
    assert conflict.customer and conflict.customer.endswith("*")

    with pytest.raises(PermissionDenied):
        service.resolve_conflict(conflict.conflict_id, resolution="goods_returned", actor=clerk)
    done = service.resolve_conflict(conflict.conflict_id, resolution="goods_returned",
                                    note="顾客当天退回", actor=owner)
    assert done.resolved_at is not None and done.resolved_by == "王芳"
    with pytest.raises(UserFacingError):
        service.resolve_conflict(conflict.conflict_id, resolution="written_off", actor=owner)
    assert service.conflicts() == []
    assert [c.resolution for c in service.conflicts(include_resolved=True)] == ["goods_returned: 顾客当天退回"]
    with station.db.read() as uow:
        audit = uow.session.scalars(select(AuditLog).where(AuditLog.action == "conflict_resolve")).one()
        assert audit.staff_id == owner.staff_id and audit.after == {"resolution": "goods_returned",
                                                                    "note": "顾客当天退回"}
    # Syncing again does not bring the conflict back.
    assert service.sync_now().ok
    assert count(station.db, Conflict) == 1 and service.overview().open_conflicts == 0
    assert any("冲突" in e.text.zh for e in service.log())


def test_a_station_cannot_read_or_write_another_stations_data(
    cloud: Cloud, station: Station
) -> None:
    a = make_station(cloud.db, "ST1001")
    b = make_station(cloud.db, "ST2002", "阳光小区店")
    make_campaign(cloud.db, ["ST1001", "ST2002"])
    mine = simulate(cloud.db, "ST1001", 3, seed=71)
    theirs = simulate(cloud.db, "ST2002", 3, seed=72)
    station.enrol(cloud.url, a.enrol_code)
    assert station.engine(cloud.url).run().ok
    assert sorted(local_orders(station.db)) == sorted(mine)  # none of B's

    with cloud.db.read() as s:
        line = s.scalars(select(CloudLine).where(CloudLine.order_id == theirs[0])).first()
        line_id, before = line.id, line.qty_picked
    now = datetime.now(UTC)
    with station.db.write() as uow:
        staff = "2f1c2d3e-4a5b-4c6d-8e7f-9a0b1c2d3e4f"
        write_event(uow.session, PickupEvent(
            created_at=now, pickup_uuid="6f1c2d3e-4a5b-4c6d-8e7f-9a0b1c2d3e4f", order_id=theirs[0],
            lines=[PickupLineData(order_line_id=line_id, qty=1)], method="manual", staff_uuid=staff,
        ), now=now)
        uow.commit()
    report = station.engine(cloud.url).run()
    assert report.ok and report.push.statuses == {"rejected": 1}
    with station.db.read() as uow:
        row = uow.session.scalars(select(Outbox)).one()
        assert row.result == "rejected" and "unknown_order" in (row.result_detail or "")
    with cloud.db.read() as s:
        assert s.get_one(CloudLine, line_id).qty_picked == before
        assert s.scalars(select(PickupRecord)).all() == []
    assert b.enrol_code  # B's own code is untouched by all this


def test_enrolment_moves_waiting_events_and_refuses_bad_or_foreign_codes(
    cloud: Cloud, station: Station, service: SyncService
) -> None:
    code, _ = cloud_station(cloud, orders=2, seed=81)
    other = make_station(cloud.db, "ST3003", "别家店")
    owner = StationService(station.db).actor("001")
    # A sale rung up before the shop was ever enrolled.
    now = datetime.now(UTC)
    with station.db.write() as uow:
        write_event(uow.session, SaleEvent(
            created_at=now, sale_uuid="7f1c2d3e-4a5b-4c6d-8e7f-9a0b1c2d3e4f", number="20261125-0001",
            business_day=now.date(), staff_uuid=owner.uuid,
            lines=[SaleLineData(name="酱油", qty=1, unit_price_fen=990, line_total_fen=990)],
            payments=[PaymentData(method="wechat", amount_fen=990, tendered_fen=990)],
            subtotal_fen=990, total_fen=990,
        ), now=now)
        uow.commit()

    with pytest.raises(BadEnrolCode):
        service.enrol(cloud_url=cloud.url, enrol_code="ABCD-EFGH-JKMN", actor=owner)
    with pytest.raises(UserFacingError):
        service.enrol(cloud_url=cloud.url, enrol_code="!", actor=owner)
    with pytest.raises(UserFacingError):
        service.enrol(cloud_url="http://example.com", enrol_code=code, actor=owner)
    with pytest.raises(UserFacingError, match="not enrolled"):
        service.sync_now()

    result = service.enrol(cloud_url=cloud.url, enrol_code=code.lower().replace("-", " "), actor=owner)
    assert result.moved_events == 1
    with station.db.read() as uow:
        row = uow.session.scalars(select(Outbox)).one()
        assert (row.device_id, row.device_epoch, row.seq) == (result.device_id, result.device_epoch, 1)
    assert json.loads((service._data_dir / "settings.json").read_text())["cloud_url"] == cloud.url
    summary = service.sync_now()
    assert summary.ok and summary.statuses == {"applied": 1} and pending(station.db) == 0
    with pytest.raises(EnrolmentRefused):  # this database is ST1001's: not another shop's
        service.enrol(cloud_url=cloud.url, enrol_code=other.enrol_code, actor=owner)
    assert service.overview().station_code == "ST1001"
    assert count(station.db, GroupOrderLine) > 0
