"""Enrol, pull, hand out offline, push: the whole loop against the real server process."""
from __future__ import annotations

import socket
from datetime import UTC, datetime

import pytest
from sqlalchemy import select

from app.pickups import PickupService, VerdictState
from app.settings import Settings
from app.station_service import StationService
from cloud.models import EventLedger, PickupRecord
from cloud.models import GroupOrder as CloudOrder
from cloud.models import GroupOrderLine as CloudLine
from local_db.models import Campaign, CampaignItem, GroupOrder, GroupOrderLine, PlatformKey
from local_db.models import Station as LocalStation
from sync.protocol import messages as m
from sync.push_loop import push_pending
from tests.sync.test_sync_support import (
    Cloud,
    cloud_station,
    count,
    local_lines,
    local_orders,
    mark_arrived,
    pending,
    sync_state,
)
from tests.sync.test_sync_support import StationHarness as Station

pytest_plugins = ["tests.sync.test_sync_support"]


def cloud_qr(cloud: Cloud, order_id: int) -> str:
    with cloud.db.read() as s:
        return s.get_one(CloudOrder, order_id).qr_text


def cloud_picked(cloud: Cloud, order_id: int) -> dict[int, int]:
    with cloud.db.read() as s:
        lines = s.scalars(select(CloudLine).where(CloudLine.order_id == order_id)).all()
        return {line.id: line.qty_picked for line in lines}


def pickup_records(cloud: Cloud) -> list[PickupRecord]:
    with cloud.db.read() as s:
        return list(s.scalars(select(PickupRecord)))


@pytest.fixture
def no_network(monkeypatch: pytest.MonkeyPatch):
    def refuse(*_a, **_k):
        raise OSError("networking is disabled in this test")

    def disable() -> None:
        monkeypatch.setattr(socket.socket, "connect", refuse)
        monkeypatch.setattr(socket, "create_connection", refuse)

    return disable


def test_enrol_pull_hand_out_offline_then_push_once(
    cloud: Cloud, station: Station, calendar, no_network, monkeypatch: pytest.MonkeyPatch
) -> None:
    code, order_ids = cloud_station(cloud, orders=12, refund_rate=0.2, seed=3)
    result = station.enrol(cloud.url, code)

    with station.db.read() as uow:
        me = uow.session.scalars(select(LocalStation)).one()
        assert (me.id, me.code, me.device_id) == (result.station_id, "ST1001", result.device_id)
        assert me.cloud_url == cloud.url and me.enrolled_at is not None
        assert uow.session.scalars(select(PlatformKey.key_id)).all() == [1]
    assert station.tokens.load()

    report = station.engine(cloud.url).run()
    assert report.ok, report.error
    assert report.snapshot and report.pages >= 1
    orders = local_orders(station.db)
    assert sorted(orders) == sorted(order_ids)
    assert count(station.db, Campaign) == 1 and count(station.db, CampaignItem) == 8
    assert count(station.db, GroupOrderLine) >= len(order_ids)
    assert {o.fulfilment for o in orders.values()} == {"awaiting"}
    refunded = [o.id for o in orders.values() if o.cloud_state == "refunded"]
    assert refunded, "the simulation refunds some orders"
    assert "last_success_at" in sync_state(station.db) and "cursor" in sync_state(station.db)

    # The delivery arrives; then the internet goes and customers come with their QR codes.
    mark_arrived(station.db)
    no_network()
    settings = Settings()
    pickups = PickupService(station.db, station.clock, calendar, settings)
    leader = StationService(station.db).actor("001")
    active = [i for i in order_ids if i not in refunded]
    for order_id in active[:3]:
        verdict = pickups.verify(cloud_qr(cloud, order_id))
        assert verdict.state == VerdictState.READY, verdict.headline
        pickups.hand_out(order_id, actor=leader, method="qr")
    assert pickups.verify(cloud_qr(cloud, refunded[0])).state == VerdictState.REFUNDED
    offline = station.engine(cloud.url).run()
    assert not offline.ok and offline.error_code == "offline"
    assert pending(station.db) == 3
    monkeypatch.undo()

    report = station.engine(cloud.url).run()
    assert report.ok, report.error
    assert report.push.statuses == {"applied": 3}
    assert pending(station.db) == 0
    records = pickup_records(cloud)
    assert sorted(r.order_id for r in records) == sorted(active[:3])
    for order_id in active[:3]:
        assert cloud_picked(cloud, order_id) == {
            line.id: line.qty_picked for line in local_lines(station.db).values() if line.order_id == order_id
        }
    # The pull after the push keeps what was handed out here.
    assert {orders_id: o.fulfilment for orders_id, o in local_orders(station.db).items()
            if orders_id in active[:3]} == dict.fromkeys(active[:3], "collected")


def test_the_same_batch_pushed_twice_is_applied_once(cloud: Cloud, station: Station, calendar) -> None:
    code, order_ids = cloud_station(cloud, orders=4, seed=5)
    station.enrol(cloud.url, code)
    assert station.engine(cloud.url).run().ok
    mark_arrived(station.db)
    pickups = PickupService(station.db, station.clock, calendar, Settings())
    leader = StationService(station.db).actor("001")
    for order_id in order_ids[:2]:
        pickups.hand_out(order_id, actor=leader)

    from sync.client import SyncClient
    from sync.outbox import pending_batch

    with station.db.read() as uow:
        batch = pending_batch(uow.session, 200)
    with SyncClient(cloud.url, token=station.tokens.load()) as client:
        body = client.push_body(device_id=batch[0].device_id, device_epoch=batch[0].device_epoch,
                                events=batch)
        first = client.push(body)
        second = client.push(body)
    assert [r.status for r in first.results] == ["applied", "applied"]
    assert [r.status for r in second.results] == ["duplicate", "duplicate"]
    assert [r.first_status for r in second.results] == ["applied", "applied"]
    with cloud.db.read() as s:
        assert len(s.scalars(select(EventLedger)).all()) == 2
    assert len(pickup_records(cloud)) == 2

    # The engine pushing the same (still pending here) events again changes nothing more.
    with SyncClient(cloud.url, token=station.tokens.load()) as client:
        outcome = push_pending(station.db, client, now=lambda: datetime.now(UTC))
    assert outcome.statuses == {"duplicate": 2}
    assert pending(station.db) == 0
    assert len(pickup_records(cloud)) == 2
    for order_id in order_ids[:2]:
        assert sum(cloud_picked(cloud, order_id).values()) == sum(
            line.qty_ordered for line in local_lines(station.db).values() if line.order_id == order_id
        )


def test_a_client_one_protocol_version_behind_is_still_served(
    cloud: Cloud, station: Station, calendar
) -> None:
    code, order_ids = cloud_station(cloud, orders=3, seed=9)
    station.enrol(cloud.url, code, protocol_version=m.PROTOCOL_VERSION - 1)
    report = station.engine(cloud.url, protocol_version=0).run()
    assert report.ok, report.error
    assert sorted(local_orders(station.db)) == sorted(order_ids)
    mark_arrived(station.db)
    PickupService(station.db, station.clock, calendar, Settings()).hand_out(
        order_ids[0], actor=StationService(station.db).actor("001")
    )
    report = station.engine(cloud.url, protocol_version=0).run()
    assert report.ok and report.push.statuses == {"applied": 1}
    # A version the platform does not know is a clear "upgrade" message, nothing changed.
    report = station.engine(cloud.url, protocol_version=99).run()
    assert not report.ok and report.error_code == "upgrade_required"
    assert "升级" in report.error.zh


def test_orders_keep_local_columns_and_new_device_takes_the_platforms_counts(
    cloud: Cloud, station: Station, station_template, tmp_path, calendar
) -> None:
    from sync.engine import SyncLog
    from sync.token_store import MemoryTokenStore
    from tests.cloud.cloud_helpers import run_admin
    from tests.sync.test_sync_support import StationHarness, new_station_db

    code, order_ids = cloud_station(cloud, orders=5, seed=11)
    station.enrol(cloud.url, code)
    assert station.engine(cloud.url).run().ok
    mark_arrived(station.db)
    with station.db.write() as uow:
        order = uow.session.get_one(GroupOrder, order_ids[1])
        order.shelf_slot, order.bag_id = "A-07", "9a3a0e0e-6a64-4c11-9a49-52d1c5b2b0b1"
        uow.commit()
    PickupService(station.db, station.clock, calendar, Settings()).hand_out(
        order_ids[0], actor=StationService(station.db).actor("001")
    )
    assert station.engine(cloud.url).run().ok
    run_admin(cloud.db.url, "cancel", str(order_ids[1]))
    assert station.engine(cloud.url).run().ok
    orders = local_orders(station.db)
    assert orders[order_ids[1]].cloud_state == "cancelled"
    assert (orders[order_ids[1]].shelf_slot, orders[order_ids[1]].fulfilment) == ("A-07", "ready")
    assert orders[order_ids[0]].fulfilment == "collected"

    # A new PC of the same station: it learns what was handed out, so nothing goes twice.
    import json

    second_code = json.loads(run_admin(cloud.db.url, "enrol-code", "--station", "ST1001"))["enrol_code"]
    other = StationHarness(new_station_db(station_template, tmp_path / "pc2"), station.clock,
                           MemoryTokenStore(), SyncLog())
    other.enrol(cloud.url, second_code)
    assert other.engine(cloud.url).run().ok
    theirs = local_orders(other.db)
    assert theirs[order_ids[0]].fulfilment == "collected"
    assert theirs[order_ids[2]].fulfilment == "awaiting"
    mine = {i: line.qty_picked for i, line in local_lines(station.db).items()}
    assert {i: line.qty_picked for i, line in local_lines(other.db).items()} == mine
    other.db.dispose()
