"""A small pickup point on a real SQLite file: one station, its staff, two campaigns and an
order in every state a leader meets at the counter."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

import pytest
from sqlalchemy import func, select

from app.actors import Actor
from app.clock import BusinessCalendar, FixedClock
from app.pickups import PickupService
from app.settings import Settings
from app.station_service import actor_from_row
from local_db.engine import Database
from local_db.models import (
    Campaign,
    CampaignItem,
    GroupOrder,
    GroupOrderLine,
    Outbox,
    Pickup,
    PickupLine,
    PlatformKey,
    Staff,
    Station,
)
from sync.pickup_code import (
    DEMO_KEY_ID,
    PickupClaim,
    demo_private_key,
    generate_key_pair,
    issue_pickup_code,
    public_key_bytes,
)

STATION_ID = 1001
OTHER_STATION_ID = 2002
RETIRED_KEY_ID = 7

# order ids by what they are for
READY = 501  # 张小明, phone 1234: 2 milk (chilled) + 1 rice (ambient) + 1 dumplings (frozen)
READY_SAME_TAIL = 502  # 李娜, also phone 1234
NOT_ARRIVED = 503
CANCELLED = 504
REFUNDED = 505
WITHDRAWN = 506
LATE = 507  # deadline passed yesterday, still ready
COLLECTED = 508  # handed out yesterday by the leader
COMPOUND = 509  # 欧阳娜娜
ALL_SHORT = 510
UNKNOWN_ORDER = 999_999  # a genuine code for an order not downloaded


@dataclass
class World:
    db: Database
    clock: FixedClock
    calendar: BusinessCalendar
    settings: Settings
    service: PickupService
    leader: Actor
    clerk: Actor
    owner: Actor
    nobody: Actor  # a staff member with no role
    bag: dict[int, str]  # order id -> bag id
    line_ids: dict[int, list[int]]  # order id -> its line ids
    retired_private: object

    def qr(self, order_id: int, *, station_id: int = STATION_ID, key_id: int = DEMO_KEY_ID) -> str:
        claim = PickupClaim(
            order_id=order_id,
            station_id=station_id,
            issued_at=self.clock.now() - timedelta(days=1),
            key_id=key_id,
        )
        key = self.retired_private if key_id == RETIRED_KEY_ID else demo_private_key()
        return issue_pickup_code(claim, key)  # type: ignore[arg-type]

    def count(self, model: type) -> int:
        with self.db.read() as uow:
            return int(uow.session.scalar(select(func.count()).select_from(model)) or 0)

    def outbox_kinds(self) -> list[str]:
        with self.db.read() as uow:
            return list(uow.session.scalars(select(Outbox.kind).order_by(Outbox.seq)))

    def order(self, order_id: int) -> tuple[str, list[int]]:
        """(fulfilment, qty_picked per line)."""
        with self.db.read() as uow:
            o = uow.session.get(GroupOrder, order_id)
            assert o is not None
            return o.fulfilment, [line.qty_picked for line in o.lines]

    def set_order(self, order_id: int, **values: object) -> None:
        with self.db.write() as uow:
            o = uow.session.get(GroupOrder, order_id)
            assert o is not None
            for key, value in values.items():
                setattr(o, key, value)
            uow.commit()


def _naive(instant: datetime) -> datetime:
    return instant.astimezone(UTC).replace(tzinfo=None)


@pytest.fixture
def world(db: Database, clock: FixedClock, calendar: BusinessCalendar) -> Iterator[World]:
    now = clock.now()
    retired_private, retired_public = generate_key_pair()
    bag: dict[int, str] = {}
    line_ids: dict[int, list[int]] = {}
    with db.write() as uow:
        s = uow.session
        s.add(Station(id=STATION_ID, code="XFL001", name="邻里站·幸福里店", device_epoch=1))
        s.add(
            PlatformKey(
                key_id=DEMO_KEY_ID,
                public_key=public_key_bytes(demo_private_key()),
                added_at=_naive(now),
            )
        )
        s.add(
            PlatformKey(
                key_id=RETIRED_KEY_ID, public_key=retired_public, added_at=_naive(now), retired=True
            )
        )
        staff = [
            Staff(staff_no="001", name="张团长", roles="leader", created_at=_naive(now)),
            Staff(staff_no="002", name="小刘", roles="clerk", created_at=_naive(now)),
            Staff(staff_no="003", name="王老板", roles="owner", created_at=_naive(now)),
            Staff(staff_no="004", name="临时工", roles="", created_at=_naive(now)),
        ]
        s.add_all(staff)
        today = calendar.business_day(now)
        s.add(Campaign(id=11, title="周三生鲜团", pickup_date=today))
        s.add(Campaign(id=12, title="周五水果团", pickup_date=today + timedelta(days=2)))
        s.add_all(
            [
                CampaignItem(
                    id=101,
                    campaign_id=11,
                    name="纯牛奶 1L",
                    price_fen=1290,
                    storage="chilled",
                    spec="1L/盒",
                ),
                CampaignItem(
                    id=102, campaign_id=11, name="五常大米 5kg", price_fen=5990, storage="ambient"
                ),
                CampaignItem(
                    id=103, campaign_id=11, name="三鲜水饺", price_fen=2590, storage="frozen"
                ),
                CampaignItem(
                    id=201, campaign_id=12, name="赣南脐橙 5斤", price_fen=3990, storage="ambient"
                ),
            ]
        )
        s.flush()
        ready_at = _naive(now - timedelta(days=3))
        deadline = _naive(now + timedelta(days=2))
        next_line = 1

        def order(
            oid: int,
            name: str,
            tail: str,
            code: str,
            lines: list[tuple[int, int, int, int]],  # item, ordered, short, picked
            *,
            campaign: int = 11,
            fulfilment: str = "ready",
            cloud_state: str = "active",
            slot: str | None = None,
            withdrawn: bool = False,
            pickup_deadline: datetime | None = deadline,
        ) -> None:
            nonlocal next_line
            bag_id = None
            if fulfilment != "awaiting":
                bag_id = f"00000000-0000-4000-8000-{oid:012d}"
                bag[oid] = bag_id
            s.add(
                GroupOrder(
                    id=oid,
                    campaign_id=campaign,
                    order_no=f"GB20261122{oid:06d}",
                    customer_name=name,
                    phone_tail=tail,
                    pickup_code=code,
                    cloud_state=cloud_state,
                    fulfilment=fulfilment,
                    placed_at=_naive(now - timedelta(days=5)),
                    pickup_deadline=pickup_deadline,
                    ready_at=ready_at if fulfilment != "awaiting" else None,
                    bag_id=bag_id,
                    shelf_slot=slot,
                    withdrawn=withdrawn,
                )
            )
            s.flush()
            ids = []
            for item, ordered, short, picked in lines:
                s.add(
                    GroupOrderLine(
                        id=next_line,
                        order_id=oid,
                        campaign_item_id=item,
                        qty_ordered=ordered,
                        qty_short=short,
                        qty_picked=picked,
                        price_fen=1000,
                    )
                )
                ids.append(next_line)
                next_line += 1
            line_ids[oid] = ids

        order(
            READY,
            "张小明",
            "1234",
            "10000001",
            [(101, 2, 0, 0), (102, 1, 0, 0), (103, 1, 0, 0)],
            slot="A-03",
        )
        order(READY_SAME_TAIL, "李娜", "1234", "10000002", [(101, 1, 0, 0)], slot="B-01")
        order(
            NOT_ARRIVED,
            "王芳",
            "5678",
            "10000003",
            [(201, 2, 0, 0)],
            campaign=12,
            fulfilment="awaiting",
        )
        order(
            CANCELLED,
            "赵强",
            "1111",
            "10000004",
            [(101, 1, 0, 0)],
            cloud_state="cancelled",
            slot="A-04",
        )
        order(
            REFUNDED,
            "钱多多",
            "2222",
            "10000005",
            [(102, 1, 0, 0)],
            cloud_state="refunded",
            slot="A-05",
        )
        order(
            WITHDRAWN, "孙悟空", "3333", "10000006", [(102, 1, 0, 0)], withdrawn=True, slot="A-06"
        )
        order(
            LATE,
            "周杰",
            "4444",
            "10000007",
            [(102, 1, 0, 0)],
            slot="A-07",
            pickup_deadline=_naive(now - timedelta(days=1)),
        )
        order(
            COLLECTED,
            "吴敏",
            "5555",
            "10000008",
            [(101, 1, 0, 1)],
            fulfilment="collected",
            slot="A-08",
        )
        order(COMPOUND, "欧阳娜娜", "4321", "10000009", [(103, 2, 0, 0)], slot="C-01")
        order(ALL_SHORT, "郑爽", "6666", "10000010", [(103, 1, 1, 0)], slot="C-02")
        s.flush()
        earlier = Pickup(
            order_id=COLLECTED,
            kind="pickup",
            method="qr",
            staff_id=staff[0].id,
            created_at=_naive(now - timedelta(days=1)),
            bag_confirmed=True,
        )
        s.add(earlier)
        s.flush()
        s.add(PickupLine(pickup_id=earlier.id, order_line_id=line_ids[COLLECTED][0], qty=1))
        uow.commit()
        actors = [actor_from_row(row) for row in staff]
    settings = Settings()
    yield World(
        db=db,
        clock=clock,
        calendar=calendar,
        settings=settings,
        service=PickupService(db, clock, calendar, settings),
        leader=actors[0],
        clerk=actors[1],
        owner=actors[2],
        nobody=actors[3],
        bag=bag,
        line_ids=line_ids,
        retired_private=retired_private,
    )


@pytest.fixture
def today(world: World) -> date:
    return world.calendar.business_day(world.clock.now())
