"""Connections cut in the middle of a push and of a pull, requests delayed and duplicated,
and the server killed and restarted mid-sync: after the retries every event is in the cloud
exactly once, and a pull resumes from its last stored cursor."""
from __future__ import annotations

import threading
import time
from urllib.parse import quote

from sqlalchemy import func, select

from app.pickups import PickupService
from app.settings import Settings
from app.station_service import StationService
from cloud.models import EventLedger, PickupRecord
from cloud.models import GroupOrderLine as CloudLine
from local_db.models import GroupOrderLine, Outbox
from sync.client import RetryPolicy
from sync.engine import SyncProgress
from tests.cloud.cloud_helpers import simulate
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


def cloud_count(cloud: Cloud, model) -> int:
    with cloud.db.read() as s:
        return int(s.scalar(select(func.count()).select_from(model)) or 0)


def cloud_picked(cloud: Cloud) -> dict[int, int]:
    with cloud.db.read() as s:
        return {line.id: line.qty_picked for line in s.scalars(select(CloudLine))}


def hand_out(station: Station, calendar, order_ids: list[int]) -> None:
    service = PickupService(station.db, station.clock, calendar, Settings())
    leader = StationService(station.db).actor("001")
    for order_id in order_ids:
        service.hand_out(order_id, actor=leader)


def assert_once_everywhere(cloud: Cloud, station: Station, events: int) -> None:
    assert pending(station.db) == 0
    assert count(station.db, Outbox) == events
    assert cloud_count(cloud, EventLedger) == events
    assert cloud_count(cloud, PickupRecord) == events
    mine = {i: line.qty_picked for i, line in local_lines(station.db).items()}
    assert cloud_picked(cloud) == mine


def test_cuts_delays_and_duplicates_on_the_way(cloud: Cloud, station: Station, calendar, make_proxy) -> None:
    code, order_ids = cloud_station(cloud, orders=30, seed=21)
    station.enrol(cloud.url, code)
    proxy = make_proxy(cloud.server.port)
    proxy.plan = ["pass", ("cut_response", 120), ("cut_request", 20), ("delay", 0.2), "duplicate",
                  ("cut_response", 400)]
    report = station.engine(proxy.url, pull_limit=5).run()
    assert report.ok, report.error
    assert report.wire.retries >= 3
    assert sorted(local_orders(station.db)) == sorted(order_ids)
    assert count(station.db, GroupOrderLine) == cloud_count(cloud, CloudLine)

    mark_arrived(station.db)
    hand_out(station, calendar, order_ids[:10])
    # Cut after the server has applied a batch (the answer is lost), cut before it has read
    # the whole request, and send one batch twice.
    proxy.plan = [("cut_response", 50), ("cut_request", 300), "duplicate", "pass", ("cut_response", 10)]
    report = station.engine(proxy.url, push_batch=3).run()
    assert report.ok, report.error
    assert report.push.statuses.get("applied", 0) + report.push.statuses.get("duplicate", 0) == 10
    assert report.push.statuses.get("duplicate", 0) >= 1  # the lost answer: applied the first time
    assert_once_everywhere(cloud, station, 10)


def test_a_pull_cut_for_good_resumes_from_its_cursor(cloud: Cloud, station: Station, make_proxy) -> None:
    code, order_ids = cloud_station(cloud, orders=40, seed=22)
    station.enrol(cloud.url, code)
    proxy = make_proxy(cloud.server.port)
    # Four pages get through, then every try of the fifth is cut: the sync gives up.
    proxy.plan = ["pass"] * 4 + [("cut_response", 30), ("cut_response", 30)]
    stubborn = RetryPolicy(attempts=2, total_s=5, initial_s=0.01, max_wait_s=0.05, jitter_s=0.01)
    report = station.engine(proxy.url, pull_limit=5, retry=stubborn).run()
    assert not report.ok and report.error_code == "offline"
    assert report.pages == 4
    cursor = sync_state(station.db)["cursor"]
    assert "last_error" in sync_state(station.db)
    got = len(local_orders(station.db))
    assert 0 < got < len(order_ids)

    proxy.seen.clear()
    report = station.engine(proxy.url, pull_limit=5).run()
    assert report.ok, report.error
    first_pull = next(line for line in proxy.seen if line.startswith("GET /v1/pull"))
    assert f"cursor={quote(cursor, safe='')}" in first_pull or f"cursor={cursor}" in first_pull
    assert sorted(local_orders(station.db)) == sorted(order_ids)
    assert "last_error" not in sync_state(station.db)


def test_server_killed_and_restarted_mid_push_and_mid_pull(
    cloud: Cloud, station: Station, calendar
) -> None:
    code, order_ids = cloud_station(cloud, orders=8, seed=23)
    station.enrol(cloud.url, code)
    assert station.engine(cloud.url).run().ok
    mark_arrived(station.db)
    hand_out(station, calendar, order_ids[:6])
    simulate(cloud.db, "ST1001", 30, seed=24)

    restarted = threading.Event()
    kills: list[str] = []

    def bring_back() -> None:
        time.sleep(0.3)
        cloud.server.start()
        restarted.set()

    def chaos(progress: SyncProgress) -> None:
        # Once in the push (after its first batch) and once in the pull (after page 2).
        due = (progress.phase == "push" and progress.pushed == 2 and "push" not in kills) or (
            progress.phase == "pull" and progress.pages == 2 and "pull" not in kills
        )
        if due:
            kills.append(progress.phase)
            restarted.clear()
            cloud.server.stop()
            threading.Thread(target=bring_back, daemon=True).start()

    patient = RetryPolicy(attempts=12, total_s=40, initial_s=0.1, max_wait_s=1.0, jitter_s=0.1)
    report = station.engine(cloud.url, push_batch=2, pull_limit=5, retry=patient).run(progress=chaos)
    assert restarted.wait(30)
    assert kills == ["push", "pull"]
    assert report.ok, report.error
    assert report.wire.retries >= 2
    assert_once_everywhere(cloud, station, 6)
    with cloud.db.read() as s:
        cloud_orders = s.scalar(select(func.count()).select_from(CloudLine.__table__)) or 0
    assert count(station.db, GroupOrderLine) == cloud_orders
    assert len(local_orders(station.db)) == 38


def test_a_sync_can_be_stopped_between_pages_and_carries_on_later(cloud: Cloud, station: Station) -> None:
    code, order_ids = cloud_station(cloud, orders=30, seed=25)
    station.enrol(cloud.url, code)
    stop = threading.Event()

    def stop_after_three_pages(progress: SyncProgress) -> None:
        if progress.phase == "pull" and progress.pages == 3:
            stop.set()

    report = station.engine(cloud.url, pull_limit=5).run(cancel=stop, progress=stop_after_three_pages)
    assert not report.ok and report.error_code == "cancelled" and report.pages == 3
    assert "last_error" not in sync_state(station.db)  # stopping is not an error
    assert sync_state(station.db)["snapshot"]  # the snapshot is under way, to be continued
    report = station.engine(cloud.url, pull_limit=5).run()
    assert report.ok and not report.snapshot  # it continued; it did not start over
    assert sorted(local_orders(station.db)) == sorted(order_ids)
    assert "snapshot" not in sync_state(station.db)
