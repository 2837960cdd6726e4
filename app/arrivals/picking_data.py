"""What the picking documents print: plain dataclasses, loaded from the database in one read.

The product totals list (总拣单), the per-customer picking list (分拣单) and the bag labels
all take a `PickingData`; none of them touches the database, so they run on a worker
thread and tests can build the data directly.
"""
from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from app.arrivals.queries import active_orders
from app.arrivals.shelving import ZONES, ShelfSlot, parse_slot, zone_of
from app.clock import BusinessCalendar, as_utc
from app.errors import NotFound
from local_db.engine import Database
from local_db.models import Arrival, Campaign, CampaignItem, GroupOrder, Station

SORTS: tuple[str, ...] = ("slot", "code", "name", "building")
SORT_NAMES = {
    "slot": ("按货位", "By shelf slot"),
    "code": ("按提货码", "By pickup code"),
    "name": ("按姓名拼音", "By name (pinyin)"),
    "building": ("按楼栋房号", "By building and room"),
}


@dataclass(frozen=True, slots=True)
class PickItem:
    """A campaign item as the documents print it."""

    campaign_item_id: int
    name: str
    spec: str
    storage: str  # ambient, chilled, frozen
    barcode: str | None
    case_pack: int | None


@dataclass(frozen=True, slots=True)
class PickLine:
    campaign_item_id: int
    name: str
    spec: str
    storage: str
    qty_ordered: int
    qty_short: int

    @property
    def qty(self) -> int:
        """Pieces that go into the bag."""
        return max(0, self.qty_ordered - self.qty_short)


@dataclass(frozen=True, slots=True)
class PickBag:
    """One bag of an order: the lines of one storage zone."""

    zone: str
    slot: str  # "C-017"
    lines: tuple[PickLine, ...]
    index: int  # 1-based among the order's bags
    of: int

    @property
    def pieces(self) -> int:
        return sum(line.qty for line in self.lines)


@dataclass(frozen=True, slots=True)
class PickOrder:
    order_id: int
    order_no: str
    pickup_code: str
    customer_name: str  # the platform's display name
    phone_tail: str
    building_room: str | None
    shelf_slot: str | None  # "A/C-017"; None when nothing is to be handed out
    bag_id: str | None
    placed_at: datetime
    lines: tuple[PickLine, ...]

    @property
    def slot(self) -> ShelfSlot | None:
        return parse_slot(self.shelf_slot)

    @property
    def pieces(self) -> int:
        return sum(line.qty for line in self.lines)

    @property
    def has_short(self) -> bool:
        return any(line.qty_short for line in self.lines)

    @property
    def nothing_to_hand_out(self) -> bool:
        return self.pieces == 0

    def bags(self) -> tuple[PickBag, ...]:
        """The order's bags, one per storage zone, in shelf order (A, C, F)."""
        slot = self.slot
        by_zone: dict[str, list[PickLine]] = {}
        for line in self.lines:
            if line.qty > 0:
                by_zone.setdefault(zone_of(line.storage), []).append(line)
        zones = [z for z in ZONES if z in by_zone]
        return tuple(
            PickBag(zone=z, slot=slot.bag_slot(z) if slot else "", lines=tuple(by_zone[z]),
                    index=n, of=len(zones))
            for n, z in enumerate(zones, start=1)
        )


@dataclass(frozen=True, slots=True)
class ItemTotal:
    """One row of the product totals list."""

    item: PickItem
    qty_ordered: int
    qty_short: int
    orders: int  # orders that get at least one piece

    @property
    def qty(self) -> int:
        return self.qty_ordered - self.qty_short

    @property
    def case_breakdown(self) -> str:
        """"2箱×12 + 5" for 29 pieces packed 12 to a case; just "29" without a case size."""
        return case_breakdown(self.qty, self.item.case_pack)


@dataclass(frozen=True, slots=True)
class PickingData:
    station_name: str
    campaign_id: int
    campaign_title: str
    pickup_date: date | None
    generated_at: datetime  # aware, in the store's time zone (printed as is)
    orders: tuple[PickOrder, ...]
    items: tuple[PickItem, ...]
    truck_no: int | None = None  # set when the data is one delivery's orders only

    def totals(self) -> tuple[ItemTotal, ...]:
        """Per item, what to hand out over all the orders, in shelf order then item order."""
        ordered: dict[int, int] = {}
        short: dict[int, int] = {}
        orders: dict[int, int] = {}
        for order in self.orders:
            for line in order.lines:
                i = line.campaign_item_id
                ordered[i] = ordered.get(i, 0) + line.qty_ordered
                short[i] = short.get(i, 0) + line.qty_short
                if line.qty:
                    orders[i] = orders.get(i, 0) + 1
        rows = [
            ItemTotal(item=item, qty_ordered=ordered[item.campaign_item_id],
                      qty_short=short[item.campaign_item_id],
                      orders=orders.get(item.campaign_item_id, 0))
            for item in self.items
            if item.campaign_item_id in ordered
        ]
        rows.sort(key=lambda r: (ZONES.index(zone_of(r.item.storage)), r.item.campaign_item_id))
        return tuple(rows)


def case_breakdown(qty: int, case_pack: int | None) -> str:
    if not case_pack or case_pack <= 1 or qty < case_pack:
        return str(qty)
    cases, rest = divmod(qty, case_pack)
    text = f"{cases}箱×{case_pack}"
    return f"{text} + {rest}" if rest else text


# --- sorting -------------------------------------------------------------------------------

_DIGITS = re.compile(r"(\d+)")


def _natural(text: str) -> tuple[tuple[int, int | str], ...]:
    return tuple((0, int(part)) if part.isdigit() else (1, part)
                 for part in _DIGITS.split(text) if part)


def name_key(name: str) -> str:
    """Pinyin of a display name for sorting, so 安 comes before 张 (not by code point)."""
    from pypinyin import lazy_pinyin  # ~1 s and ~57 MiB: only when documents are sorted

    return " ".join(lazy_pinyin(name, errors="default")).lower()


def sort_orders(orders: Iterable[PickOrder], by: str = "slot") -> list[PickOrder]:
    """Orders in the order a picking list prints them.

    slot: by bag number (orders with nothing to hand out last); code: by pickup code;
    name: by the name's pinyin; building: by building and room, numbers in numeric order
    (2-1-101 before 10-1-101), orders without an address last.
    """
    if by not in SORTS:
        raise ValueError(f"unknown sort {by!r}; use one of {SORTS}")
    items = list(orders)
    if by == "code":
        items.sort(key=lambda o: (o.pickup_code, o.order_id))
    elif by == "name":
        items.sort(key=lambda o: (name_key(o.customer_name), o.pickup_code, o.order_id))
    elif by == "building":
        items.sort(key=lambda o: (o.building_room is None,
                                  _natural(o.building_room or ""), o.pickup_code, o.order_id))
    else:
        def slot_key(o: PickOrder) -> tuple[bool, int, str, int]:
            slot = o.slot
            return (slot is None, slot.number if slot else 0, o.pickup_code, o.order_id)
        items.sort(key=slot_key)
    return items


# --- loading -------------------------------------------------------------------------------


def load_picking_data(
    db: Database,
    *,
    campaign_id: int,
    now: datetime,
    calendar: BusinessCalendar,
    arrival_id: int | None = None,
    include_picked_up: bool = False,
) -> PickingData:
    """The ready orders of a campaign for the picking documents.

    arrival_id: only the orders that delivery made ready (a second truck's list).
    include_picked_up: also orders partly or wholly picked up (a reprint for the records).
    Cancelled and refunded orders are never printed.
    """
    states = ("ready", "partial", "collected") if include_picked_up else ("ready",)
    with db.read() as uow:
        s = uow.session
        campaign = s.get(Campaign, campaign_id)
        if campaign is None:
            raise NotFound(f"没有团购活动 {campaign_id}", f"No campaign {campaign_id}")
        station = s.scalars(select(Station)).first()
        query = (
            select(GroupOrder)
            .where(GroupOrder.campaign_id == campaign_id, *active_orders(),
                   GroupOrder.fulfilment.in_(states))
            .options(selectinload(GroupOrder.lines))
            .order_by(GroupOrder.id)
        )
        truck_no = None
        if arrival_id is not None:
            arrival = s.get(Arrival, arrival_id)
            if arrival is None or arrival.campaign_id != campaign_id or not arrival.signed_off:
                raise NotFound(f"没有已签收的到货记录 {arrival_id}",
                               f"No signed-off delivery {arrival_id}")
            # The sign-off stamps the orders it made ready with its own time.
            query = query.where(GroupOrder.ready_at == arrival.received_at)
            truck_no = len(s.scalars(select(Arrival.id).where(
                Arrival.campaign_id == campaign_id, Arrival.id <= arrival_id)).all())
        rows = s.scalars(query).all()
        items = {
            i.id: PickItem(campaign_item_id=i.id, name=i.name, spec=i.spec,
                           storage=zone_of(i.storage), barcode=i.barcode,
                           case_pack=i.case_pack)
            for i in s.scalars(select(CampaignItem).where(CampaignItem.campaign_id == campaign_id))
        }
        withdrawn = set(s.scalars(select(CampaignItem.id).where(
            CampaignItem.campaign_id == campaign_id, CampaignItem.withdrawn.is_(True))))
        orders = tuple(_order(row, items, withdrawn) for row in rows)
        return PickingData(
            station_name=station.name if station else "",
            campaign_id=campaign.id,
            campaign_title=campaign.title,
            pickup_date=campaign.pickup_date,
            generated_at=calendar.local(now),
            orders=orders,
            items=tuple(sorted((i for i in items.values() if i.campaign_item_id not in withdrawn),
                               key=lambda i: i.campaign_item_id)),
            truck_no=truck_no,
        )


def _order(row: GroupOrder, items: dict[int, PickItem], withdrawn: set[int]) -> PickOrder:
    # A line of an item the platform withdrew is never delivered; the platform refunds it.
    lines: Sequence[PickLine] = [
        PickLine(campaign_item_id=line.campaign_item_id,
                 name=items[line.campaign_item_id].name,
                 spec=items[line.campaign_item_id].spec,
                 storage=items[line.campaign_item_id].storage,
                 qty_ordered=line.qty_ordered, qty_short=line.qty_short)
        for line in row.lines
        if line.campaign_item_id not in withdrawn
    ]
    return PickOrder(
        order_id=row.id, order_no=row.order_no, pickup_code=row.pickup_code,
        customer_name=row.customer_name, phone_tail=row.phone_tail,
        building_room=row.building_room, shelf_slot=row.shelf_slot, bag_id=row.bag_id,
        placed_at=as_utc(row.placed_at), lines=tuple(lines),
    )
