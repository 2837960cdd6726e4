"""Test data at scale: PickingData built directly, or a campaign inserted with executemany."""
from __future__ import annotations

import random
import uuid
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import insert

from app.actors import Actor
from app.arrivals import ReceivingService
from app.arrivals.picking_data import PickingData, PickItem, PickLine, PickOrder
from app.arrivals.shelving import format_slot, zone_of
from app.clock import BusinessCalendar, FixedClock
from local_db.engine import Database
from local_db.models import Campaign, CampaignItem, GroupOrder, GroupOrderLine


@dataclass
class Station:
    """The demo station on a real SQLite file (see conftest.py)."""

    db: Database
    clock: FixedClock
    calendar: BusinessCalendar
    receiving: ReceivingService
    leader: Actor
    owner: Actor
    clerk: Actor
    campaign_id: int  # the campaign arriving today, every order waiting


ITEMS = (
    PickItem(1, "烟台红富士苹果 10斤", "5kg/箱", "ambient", None, None),
    PickItem(2, "五常大米 5kg", "5kg/袋", "ambient", "6987159587863", 4),
    PickItem(3, "青岛啤酒经典 500ml×12罐", "12罐/箱", "ambient", "6933771508328", None),
    PickItem(4, "鲜鸡蛋 30枚", "30枚/托", "ambient", None, 10),
    PickItem(5, "光明鲜牛奶 950ml", "950ml/瓶", "chilled", "6944984467364", 12),
    PickItem(6, "冰鲜三文鱼刺身 200g", "200g/盒", "chilled", None, None),
    PickItem(7, "丹东草莓 3斤装", "1.5kg/盒", "chilled", None, 8),
    PickItem(8, "速冻黑芝麻汤圆 1kg", "1kg/袋", "frozen", None, 12),
    PickItem(9, "单冻鸡翅中 1kg", "1kg/袋", "frozen", None, 10),
    PickItem(10, "手工鲜肉馄饨 500g", "500g/袋", "frozen", None, 12),
)
# Characters that never occur in the documents' fixed words, so a name is never found
# inside other text by accident.
_FAMILY = "赵钱孙李周吴郑冯陈褚卫蒋沈韩杨朱秦尤许何吕施孔曹严华金魏陶姜"
_GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰涛明超秀霞平刚桂英华玉兰梅琳"
_BUILDINGS = ("{b}栋{u}单元{f}0{r}", "{b}-{u}-{f}0{r}")


def unique_names(rng: random.Random, count: int) -> list[str]:
    names: set[str] = set()
    while len(names) < count:
        names.add(rng.choice(_FAMILY) + rng.choice(_GIVEN) + rng.choice(_GIVEN))
    out = sorted(names)
    rng.shuffle(out)
    return out


def make_picking_data(count: int = 1000, *, seed: int = 11) -> PickingData:
    """`count` ready orders with 1-4 lines each, some short, bagged by storage zone."""
    rng = random.Random(seed)
    names = unique_names(rng, count)
    codes: set[str] = set()
    start = datetime(2026, 11, 22, 4, 0, tzinfo=UTC)
    orders = []
    for n in range(count):
        while (code := str(rng.randrange(10_000_000, 100_000_000))) in codes:
            pass
        codes.add(code)
        items = rng.sample(ITEMS, rng.randint(1, 4))
        lines = []
        for item in sorted(items, key=lambda i: i.campaign_item_id):
            qty = rng.choice((1, 1, 1, 2, 2, 3, 5))
            short = rng.randint(1, qty) if rng.random() < 0.04 else 0
            lines.append(PickLine(item.campaign_item_id, item.name, item.spec, item.storage,
                                  qty, short))
        zones = {zone_of(line.storage) for line in lines if line.qty}
        b, u, f, r = rng.randint(1, 24), rng.randint(1, 3), rng.randint(1, 18), rng.randint(1, 4)
        room = rng.choice(_BUILDINGS).format(b=b, u=u, f=f, r=r) if rng.random() < 0.8 else None
        orders.append(PickOrder(
            order_id=600_000 + n,
            order_no=f"GB20261122{n:06d}",
            pickup_code=code,
            customer_name=names[n],
            phone_tail=f"{rng.randrange(10_000):04d}",
            building_room=room,
            shelf_slot=format_slot(n + 1, zones) if zones else None,
            bag_id=str(uuid.UUID(int=rng.getrandbits(128), version=4)) if zones else None,
            placed_at=start + timedelta(seconds=37 * n),
            lines=tuple(lines),
        ))
    return PickingData(
        station_name="邻里站·幸福里店",
        campaign_id=7100,
        campaign_title="11月25日 火锅食材团",
        pickup_date=date(2026, 11, 25),
        generated_at=datetime(2026, 11, 25, 5, 10, tzinfo=ZoneInfo("Asia/Shanghai")),
        orders=tuple(orders),
        items=ITEMS,
    )


@dataclass(frozen=True)
class InsertedCampaign:
    campaign_id: int
    ordered: dict[int, int]  # campaign_item_id -> pieces ordered by active orders
    names: dict[int, str]  # order_id -> display name
    codes: dict[int, str]  # order_id -> pickup code
    cancelled: tuple[int, ...]


def insert_campaign(db: Database, *, count: int, now: datetime, campaign_id: int = 7100,
                    seed: int = 5, cancelled_every: int = 0) -> InsertedCampaign:
    """A campaign with ITEMS and `count` orders waiting for the delivery, inserted with
    executemany into a database that already has a station (e.g. the demo's)."""
    rng = random.Random(seed)
    names = unique_names(rng, count)
    item_ids = {item.campaign_item_id: campaign_id * 10 + item.campaign_item_id for item in ITEMS}
    placed0 = now - timedelta(days=3)
    orders, lines = [], []
    ordered: dict[int, int] = {}
    codes: dict[int, str] = {}
    cancelled: list[int] = []
    line_id = campaign_id * 10_000
    used_codes: set[str] = set()
    for n in range(count):
        order_id = campaign_id * 1000 + n
        while (code := str(rng.randrange(10_000_000, 100_000_000))) in used_codes:
            pass
        used_codes.add(code)
        codes[order_id] = code
        state = "cancelled" if cancelled_every and n % cancelled_every == cancelled_every - 1 else "active"
        if state == "cancelled":
            cancelled.append(order_id)
        b, u, f = rng.randint(1, 24), rng.randint(1, 3), rng.randint(1, 18)
        orders.append({
            "id": order_id, "campaign_id": campaign_id, "order_no": f"GB{order_id}",
            "customer_name": names[n], "phone_tail": f"{rng.randrange(10_000):04d}",
            "building_room": f"{b}栋{u}单元{f}01" if rng.random() < 0.8 else None,
            "pickup_code": code, "cloud_state": state, "fulfilment": "awaiting",
            "placed_at": (placed0 + timedelta(seconds=61 * n)).replace(tzinfo=None),
            "pickup_deadline": None, "ready_at": None, "bag_id": None, "shelf_slot": None,
            "note": "", "withdrawn": False,
        })
        for item in sorted(rng.sample(ITEMS, rng.randint(1, 4)), key=lambda i: i.campaign_item_id):
            qty = rng.choice((1, 1, 1, 2, 2, 3))
            iid = item_ids[item.campaign_item_id]
            lines.append({"id": line_id, "order_id": order_id, "campaign_item_id": iid,
                          "qty_ordered": qty, "qty_short": 0, "qty_picked": 0, "price_fen": 990})
            line_id += 1
            if state == "active":
                ordered[iid] = ordered.get(iid, 0) + qty
    with db.write() as uow:
        s = uow.session
        s.execute(insert(Campaign), [{
            "id": campaign_id, "title": "11月25日 测试大团", "order_deadline": None,
            "pickup_date": date(2026, 11, 25), "commission_bp": 800, "withdrawn": False,
            "updated_at": None,
        }])
        s.execute(insert(CampaignItem), [{
            "id": item_ids[i.campaign_item_id], "campaign_id": campaign_id, "name": i.name,
            "barcode": i.barcode, "price_fen": 990, "storage": i.storage,
            "case_pack": i.case_pack, "spec": i.spec, "withdrawn": False,
        } for i in ITEMS])
        s.execute(insert(GroupOrder), orders)
        s.execute(insert(GroupOrderLine), lines)
        uow.commit()
    return InsertedCampaign(campaign_id, ordered, {o["id"]: o["customer_name"] for o in orders},
                            codes, tuple(cancelled))
