"""`--demo`: the demo's campaigns and orders come from its own cloud on 127.0.0.1."""
from __future__ import annotations

import json
from pathlib import Path

from sqlalchemy import func, select

from app.bootstrap import bootstrap
from app.demo_seed import DemoScale, seed_demo
from app.pickups import PickupService, VerdictState
from app.sync_service import prepare_demo_station, sync_service_for
from cloud.db import Database as CloudDatabase
from cloud.models import ArrivalRecord, PickupRecord
from cloud.models import GroupOrder as CloudOrder
from local_db.models import GroupOrder, Pickup, PlatformKey, Station
from sync.demo_cloud import DEMO_STATION_ID, DemoCloud
from tests.cloud.cloud_helpers import free_port


def test_demo_station_is_enrolled_with_its_own_cloud_and_has_every_order_state(tmp_path: Path) -> None:
    ctx = bootstrap(tmp_path / "demo", take_lock=False)
    cloud = DemoCloud(ctx.data_dir, port=free_port())
    try:
        seed_demo(ctx.db, now=ctx.clock.now(), calendar=ctx.calendar,
                  scale=DemoScale(campaigns=0, orders=0))
        cloud.start()
        summary = prepare_demo_station(ctx, cloud)
        assert summary.ok, summary.error
        with ctx.db.read() as uow:
            s = uow.session
            station = s.scalars(select(Station)).one()
            assert (station.id, station.code, station.is_demo) == (DEMO_STATION_ID, "ST1001", True)
            assert station.enrolled_at is not None and station.cloud_url == cloud.url
            assert s.scalars(select(PlatformKey.key_id).where(PlatformKey.retired.is_(False))).all() == [1]
            states = dict(s.execute(
                select(GroupOrder.fulfilment, func.count()).where(GroupOrder.cloud_state == "active")
                .group_by(GroupOrder.fulfilment)).all())
            platform = dict(s.execute(
                select(GroupOrder.cloud_state, func.count()).group_by(GroupOrder.cloud_state)).all())
            pickups = s.scalar(select(func.count()).select_from(Pickup))
            total = s.scalar(select(func.count()).select_from(GroupOrder))
        assert set(states) == {"awaiting", "ready", "partial", "collected"}, states
        assert platform.get("cancelled") and platform.get("refunded"), platform
        assert 180 <= total <= 220

        cloud_db = CloudDatabase(cloud.db_url)
        with cloud_db.read() as s:
            assert s.scalar(select(func.count()).select_from(CloudOrder)) == total
            assert s.scalar(select(func.count()).select_from(PickupRecord)) == pickups
            assert s.scalar(select(func.count()).select_from(ArrivalRecord)) == 2
            ready = s.scalars(select(CloudOrder).where(CloudOrder.fulfilment == "awaiting",
                                                      CloudOrder.cloud_state == "active")).first()
            qr = ready.qr_text
            ready_id = ready.id
        cloud_db.dispose()
        verdict = PickupService(ctx.db, ctx.clock, ctx.calendar, ctx.settings).verify(qr)
        assert verdict.order_id == ready_id
        assert verdict.state in (VerdictState.READY, VerdictState.NOT_ARRIVED)

        # A later start: the cloud may come up on another port; the station follows it.
        sync_service_for(ctx).use_cloud_url("http://127.0.0.1:9")
        again = prepare_demo_station(ctx, cloud)
        assert again.ok and again.pushed == 0
        assert sync_service_for(ctx).overview().cloud_url == cloud.url
        assert json.loads((ctx.data_dir / "settings.json").read_text())["cloud_url"] == cloud.url
    finally:
        cloud.stop()
        ctx.close()
