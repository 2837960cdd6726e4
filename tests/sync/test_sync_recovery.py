"""Restores on either side: the platform restored from an older backup (new server epoch),
and the station restored from an older local backup (new device epoch). Nothing is lost
that the other side still has, and nothing is counted twice."""
from __future__ import annotations

import shutil
import sqlite3
from datetime import UTC, datetime, timedelta
from pathlib import Path

from sqlalchemy import func, select

from app.pickups import PickupService
from app.settings import Settings
from app.station_service import StationService
from cloud.models import EventLedger, PickupRecord
from cloud.models import GroupOrderLine as CloudLine
from local_db.backup import backup_to
from local_db.engine import Database
from local_db.models import Station as LocalStation
from sync.engine import prepare_after_local_restore
from tests.cloud.cloud_helpers import run_admin, simulate
from tests.sync.test_sync_support import (
    Cloud,
    cloud_station,
    local_lines,
    local_orders,
    mark_arrived,
    pending,
    sync_state,
)
from tests.sync.test_sync_support import StationHarness as Station

pytest_plugins = ["tests.sync.test_sync_support"]


def hand_out(station: Station, calendar, order_id: int) -> None:
    PickupService(station.db, station.clock, calendar, Settings()).hand_out(
        order_id, actor=StationService(station.db).actor("001")
    )


def cloud_facts(cloud: Cloud) -> tuple[int, list[int], dict[int, int]]:
    with cloud.db.read() as s:
        ledger = int(s.scalar(select(func.count()).select_from(EventLedger)) or 0)
        pickups = sorted(r.order_id for r in s.scalars(select(PickupRecord)))
        picked = {line.id: line.qty_picked for line in s.scalars(select(CloudLine))}
    return ledger, pickups, picked


def sqlite_copy(source: Path, target: Path) -> None:
    """An operator's backup of the cloud's database (online backup API: the WAL too)."""
    src = sqlite3.connect(source)
    dst = sqlite3.connect(target)
    try:
        src.backup(dst)
    finally:
        src.close()
        dst.close()


def test_platform_restored_from_an_older_backup(cloud: Cloud, station: Station, calendar, tmp_path) -> None:
    code, order_ids = cloud_station(cloud, orders=10, seed=31)
    a, b, c = order_ids[:3]
    station.enrol(cloud.url, code)
    assert station.engine(cloud.url).run().ok
    mark_arrived(station.db)
    hand_out(station, calendar, a)
    assert station.engine(cloud.url).run().ok

    backup = tmp_path / "cloud-backup.db"
    sqlite_copy(cloud.path, backup)

    # After the backup: another hand-out, new orders, a cancellation.
    hand_out(station, calendar, b)
    later = simulate(cloud.db, "ST1001", 4, seed=32)
    run_admin(cloud.db.url, "cancel", str(c))
    assert station.engine(cloud.url).run().ok
    assert set(later) <= set(local_orders(station.db))
    assert local_orders(station.db)[c].cloud_state == "cancelled"
    assert cloud_facts(cloud)[:2] == (2, sorted([a, b]))

    # The platform loses its disk and comes back from the backup, in a new server epoch.
    cloud.server.stop()
    cloud.db.dispose()
    for suffix in ("-wal", "-shm"):
        Path(str(cloud.path) + suffix).unlink(missing_ok=True)
    shutil.copyfile(backup, cloud.path)
    run_admin(cloud.db.url, "new-epoch")
    cloud.server.start()
    assert cloud_facts(cloud)[:2] == (1, [a])

    report = station.engine(cloud.url).run()
    assert report.ok, report.error
    assert report.snapshot and report.requeued == 2
    assert report.push.statuses == {"duplicate": 1, "applied": 1}

    ledger, pickups, picked = cloud_facts(cloud)
    assert (ledger, pickups) == (2, sorted([a, b]))
    kept = {i: line.qty_picked for i, line in local_lines(station.db).items() if line.order_id not in later}
    assert picked == kept
    orders = local_orders(station.db)
    assert all(orders[i].withdrawn for i in later)  # the platform no longer has them
    assert not any(orders[i].withdrawn for i in order_ids)
    assert orders[c].cloud_state == "active"  # the platform's word, as restored
    assert pending(station.db) == 0

    # Once more: nothing new, nothing doubled.
    again = station.engine(cloud.url).run()
    assert again.ok and not again.snapshot and again.push.sent == 0
    assert cloud_facts(cloud)[:2] == (2, sorted([a, b]))


def test_station_restored_from_an_older_local_backup(
    cloud: Cloud, station: Station, calendar, tmp_path
) -> None:
    code, order_ids = cloud_station(cloud, orders=8, seed=41)
    a, b, f, e = order_ids[:4]
    station.enrol(cloud.url, code)
    assert station.engine(cloud.url).run().ok
    mark_arrived(station.db)
    hand_out(station, calendar, a)
    assert station.engine(cloud.url).run().ok
    hand_out(station, calendar, f)  # in the backup, still waiting to upload
    path = station.db.path
    backup = backup_to(path, tmp_path / "backups" / "station-old.db")

    assert station.engine(cloud.url).run().ok  # f goes up after the backup was taken
    hand_out(station, calendar, b)  # after the backup: lost with the disk ...
    assert station.engine(cloud.url).run().ok  # ... but the platform has it
    with station.db.read() as uow:
        epoch_before = uow.session.scalars(select(LocalStation.device_epoch)).one()

    # The disk dies; the shop restores last night's backup.
    station.db.dispose()
    for suffix in ("-wal", "-shm"):
        Path(str(path) + suffix).unlink(missing_ok=True)
    shutil.copyfile(backup, path)
    station.db = Database(path)
    new_epoch = prepare_after_local_restore(station.db)
    assert new_epoch == epoch_before + 1
    assert "cursor" not in sync_state(station.db)
    assert pending(station.db) == 1  # f, as the backup had it

    report = station.engine(cloud.url).run()
    assert report.ok, report.error
    assert report.push.statuses == {"duplicate": 1}
    assert report.snapshot
    lines = local_lines(station.db)
    ledger, pickups, picked = cloud_facts(cloud)
    assert (ledger, pickups) == (3, sorted([a, b, f]))
    # b's hand-out is back from the platform: its bag is not handed out a second time.
    assert picked == {i: line.qty_picked for i, line in lines.items()}
    assert local_orders(station.db)[b].fulfilment == "collected"

    hand_out(station, calendar, e)  # a new event in the new epoch, seq 1
    report = station.engine(cloud.url).run()
    assert report.ok and report.push.statuses == {"applied": 1}
    ledger, pickups, picked = cloud_facts(cloud)
    assert (ledger, pickups) == (4, sorted([a, b, f, e]))
    assert picked == {i: line.qty_picked for i, line in local_lines(station.db).items()}


def test_events_the_station_no_longer_keeps_are_skipped_not_wedged(
    cloud: Cloud, station: Station, calendar, tmp_path
) -> None:
    from sync.outbox import purge_acknowledged

    code, order_ids = cloud_station(cloud, orders=6, seed=51)
    station.enrol(cloud.url, code)
    assert station.engine(cloud.url).run().ok
    backup = tmp_path / "cloud-before-pushes.db"
    sqlite_copy(cloud.path, backup)
    mark_arrived(station.db)
    hand_out(station, calendar, order_ids[0])
    hand_out(station, calendar, order_ids[1])
    assert station.engine(cloud.url).run().ok
    # The retention period passes: the acknowledged events are purged here ...
    with station.db.write() as uow:
        assert purge_acknowledged(uow.session, datetime.now(UTC) + timedelta(days=1)) == 2
        uow.commit()
    # ... and the platform comes back from a backup older than those events.
    cloud.server.stop()
    cloud.db.dispose()
    for suffix in ("-wal", "-shm"):
        Path(str(cloud.path) + suffix).unlink(missing_ok=True)
    shutil.copyfile(backup, cloud.path)
    cloud.server.start()

    hand_out(station, calendar, order_ids[2])  # seq 3 of this device's series
    report = station.engine(cloud.url).run()
    assert report.ok, report.error
    assert report.push.skipped_gaps == 1 and report.push.statuses == {"applied": 1}
    assert pending(station.db) == 0
    ledger, pickups, _ = cloud_facts(cloud)
    assert (ledger, pickups) == (1, [order_ids[2]])
    from cloud.models import SeriesGap

    with cloud.db.read() as s:
        gap = s.scalars(select(SeriesGap)).one()
        assert (gap.from_seq, gap.to_seq) == (1, 3)
